// kubectl api-resources, api-versions, version and cluster-info: what discovery
// and the server say about themselves.
#pragma once

#include <kubesim/kubectl/commands/node.ipp>
#include <kubesim/kubectl/detail/cli.hpp>

#include <kubesim/cluster.hpp>

namespace kubesim::kubectl::detail {

namespace {

// What `kubectl.1.33 version --client -o json` prints for itself.
constexpr std::string_view info_client_version = "v1.33.1";
constexpr std::string_view info_client_commit = "8adc0f041b8e7ad1d30e29cc59c6ae7a15e19828";
constexpr std::string_view info_client_build_date = "2025-05-15T08:27:33Z";
constexpr std::string_view info_client_go = "go1.24.2";
constexpr std::string_view info_kustomize_version = "v5.6.0";

// version.Info's fields in its struct order (what json.Marshal prints).
constexpr std::array<std::string_view, 13> info_version_fields{
    "major",     "minor",        "emulationMajor", "emulationMinor", "minCompatibilityMajor", "minCompatibilityMinor",
    "gitVersion", "gitCommit",   "gitTreeState",   "buildDate",      "goVersion",             "compiler",
    "platform"};

inline std::string info_join(const std::vector<std::string>& v, std::string_view sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? std::string(sep) : "") + v[i];
    return s;
}

// json.MarshalIndent of a version.Info at `indent` (the object's own braces included).
inline std::string info_version_json(const json& v, const std::string& indent) {
    std::string s = "{\n";
    bool first = true;
    for (auto f : info_version_fields) {
        const std::string k(f);
        if (!v.contains(k) || v[k].get<std::string>().empty()) continue;
        s += (first ? "" : ",\n") + indent + "  " + json(k).dump() + ": " + v[k].dump();
        first = false;
    }
    return s + "\n" + indent + "}";
}

// A YAML scalar as go-yaml v2 writes a string: quoted when it would read as
// something else (a number, a bool, null, a timestamp).
inline std::string info_yaml_string(const std::string& s) {
    bool quote = s.empty();
    static const std::array<std::string_view, 22> words{
        "true", "True", "TRUE", "false", "False", "FALSE", "yes", "Yes", "YES", "no", "No",
        "NO",   "on",   "On",   "ON",    "off",   "Off",   "OFF", "null", "Null", "NULL", "~"};
    if (std::find(words.begin(), words.end(), s) != words.end()) quote = true;
    if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '+' || s[0] == '.')) {
        const bool numeric = std::all_of(s.begin(), s.end(), [](char c) {
            return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E' ||
                   c == 'x' || c == 'o' || c == '_';
        });
        // Timestamps (2025-05-15T08:27:33Z) read as times.
        const bool timestamp = s.size() >= 10 && s[4] == '-' && s[7] == '-';
        if (numeric || timestamp) quote = true;
    }
    if (s.find(": ") != std::string::npos || s.find(" #") != std::string::npos) quote = true;
    return quote ? json(s).dump() : s;
}

inline std::string info_version_yaml(const json& v) {
    std::vector<std::string> keys;
    for (auto it = v.begin(); it != v.end(); ++it)
        if (!it.value().get<std::string>().empty()) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    std::string s;
    for (const auto& k : keys) s += "  " + k + ": " + info_yaml_string(v[k].get<std::string>()) + "\n";
    return s;
}

inline json info_client_info() {
    return {{"major", "1"},
            {"minor", "33"},
            {"gitVersion", info_client_version},
            {"gitCommit", info_client_commit},
            {"gitTreeState", "clean"},
            {"buildDate", info_client_build_date},
            {"goVersion", info_client_go},
            {"compiler", "gc"},
            {"platform", "linux/amd64"}};
}

}  // namespace

int cmd_api_resources(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.boolean("no-headers");
    f.string("output", 'o');
    f.string("api-group");
    f.boolean("namespaced", 0, true);
    f.strings("verbs");
    f.string("sort-by");
    f.boolean("cached");
    f.strings("categories");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const std::string output = f.str("output"), sort_by = f.str("sort-by");
    if (!args.empty()) nodes_usage_error("api-resources", "unexpected arguments: " + nodes_go_list(args));
    if (output != "" && output != "wide" && output != "name")
        throw exit_error("error: --output " + output + " is not available\n");
    if (!sort_by.empty() && sort_by != "name" && sort_by != "kind")
        throw exit_error("error: --sort-by accepts only name or kind\n");
    const auto verbs = f.list("verbs"), categories = f.list("categories");
    std::vector<const resource_info*> rows;
    for (const auto& r : ctx.rm->resources()) {
        if (r.verbs.empty()) continue;
        if (f.changed("api-group") && f.str("api-group") != r.group) continue;
        if (f.changed("namespaced") && f.on("namespaced") != r.namespaced) continue;
        const auto has_all = [](const std::vector<std::string>& have, const std::vector<std::string>& want) {
            return std::all_of(want.begin(), want.end(),
                               [&](const std::string& w) { return std::find(have.begin(), have.end(), w) != have.end(); });
        };
        if (!has_all(r.verbs, verbs) || !has_all(r.categories, categories)) continue;
        rows.push_back(&r);
    }
    std::stable_sort(rows.begin(), rows.end(), [&](const resource_info* a, const resource_info* b) {
        const auto& ka = sort_by == "name" ? a->resource : sort_by == "kind" ? a->kind : a->group;
        const auto& kb = sort_by == "name" ? b->resource : sort_by == "kind" ? b->kind : b->group;
        if (ka != kb) return ka < kb;
        return a->resource < b->resource;
    });
    tabwriter w(6, 4, 3, true);
    if (!f.on("no-headers") && output != "name")
        w.write(output == "wide" ? "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\tVERBS\tCATEGORIES\n"
                                 : "NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND\n");
    for (const auto* r : rows) {
        if (output == "name") {
            w.write(r->qualified() + "\n");
            continue;
        }
        std::string line = r->resource + "\t" + info_join(r->short_names, ",") + "\t" + r->group_version() + "\t" +
                           (r->namespaced ? "true" : "false") + "\t" + r->kind;
        if (output == "wide") line += "\t" + info_join(r->verbs, ",") + "\t" + info_join(r->categories, ",");
        w.write(line + "\n");
    }
    ctx.out += w.flush();
    return 0;
}

int cmd_api_versions(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (!args.empty()) nodes_usage_error("api-versions", "unexpected arguments: " + nodes_go_list(args));
    std::vector<std::string> versions;
    const auto core = ctx.api->get("/api");
    for (const auto& v : core.value("versions", json::array())) versions.push_back(v.get<std::string>());
    const auto groups = ctx.api->get("/apis");
    for (const auto& g : groups.value("groups", json::array()))
        for (const auto& v : g.value("versions", json::array())) versions.push_back(v.value("groupVersion", std::string()));
    std::sort(versions.begin(), versions.end());
    for (const auto& v : versions) ctx.out += v + "\n";
    return 0;
}

int cmd_version(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.boolean("client");
    f.string("output", 'o');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (!args.empty()) throw exit_error("error: extra arguments: " + nodes_go_list(args) + "\n");
    const std::string output = f.str("output");
    if (output != "" && output != "yaml" && output != "json")
        throw exit_error("error: --output must be 'yaml' or 'json'\n");
    const json client = info_client_info();
    std::optional<json> server;
    if (!f.on("client")) server = ctx.api->get("/version");
    if (output.empty()) {
        ctx.out += "Client Version: " + std::string(info_client_version) + "\n";
        ctx.out += "Kustomize Version: " + std::string(info_kustomize_version) + "\n";
        if (server) ctx.out += "Server Version: " + server->value("gitVersion", std::string()) + "\n";
    } else if (output == "json") {
        ctx.out += "{\n  \"clientVersion\": " + info_version_json(client, "  ") + ",\n  \"kustomizeVersion\": " +
                   json(std::string(info_kustomize_version)).dump();
        if (server) ctx.out += ",\n  \"serverVersion\": " + info_version_json(*server, "  ");
        ctx.out += "\n}\n";
    } else {
        ctx.out += "clientVersion:\n" + info_version_yaml(client);
        ctx.out += "kustomizeVersion: " + std::string(info_kustomize_version) + "\n";
        if (server) ctx.out += "serverVersion:\n" + info_version_yaml(*server);
        ctx.out += "\n";
    }
    if (server) {
        const std::string sv = server->value("gitVersion", std::string());
        int smaj = 0, smin = 0;
        if (std::sscanf(sv.c_str(), "v%d.%d", &smaj, &smin) == 2 && (smaj != 1 || std::abs(smin - 33) > 1))
            ctx.err += "WARNING: version difference between client (1.33) and server (" + std::to_string(smaj) + "." +
                       std::to_string(smin) + ") exceeds the supported minor version skew of +/-1\n";
    }
    return 0;
}

int cmd_cluster_info(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    (void)args;
    const std::string ns = f.changed("namespace") && !f.str("namespace").empty() ? f.str("namespace") : "kube-system";
    const std::string host = ctx.c->options().kubectl_server_url;
    const auto list = ctx.api->call("GET", "/api/v1/namespaces/" + ns + "/services?labelSelector=" +
                                               query_escape("kubernetes.io/cluster-service=true"));
    std::string err;
    if (list.status / 100 != 2) {
        err = status_error(list.parsed()).kubectl_message() + "\n";
    } else {
        ctx.out += "Kubernetes control plane is running at " + host + "\n";
        for (const auto& svc : list.parsed().value("items", json::array())) {
            const auto& m = svc["metadata"];
            const auto& spec = svc.value("spec", json::object());
            std::string link;
            const auto ingress = svc.contains("status") ? svc["status"].value("loadBalancer", json::object()).value("ingress", json::array())
                                                         : json::array();
            if (!ingress.empty()) {
                std::string ip = ingress[0].value("ip", std::string());
                if (ip.empty()) ip = ingress[0].value("hostname", std::string());
                for (const auto& p : spec.value("ports", json::array()))
                    link += "http://" + ip + ":" + std::to_string(p.value("port", 0)) + " ";
            } else {
                std::string name = m.value("name", std::string());
                const auto ports = spec.value("ports", json::array());
                if (!ports.empty()) {
                    const std::string pname = ports[0].value("name", std::string());
                    const bool https = pname == "https" || ports[0].value("port", 0) == 443;
                    // utilnet.JoinSchemeNamePort: scheme:name:port, empty parts dropped from the ends.
                    if (https) name = "https:" + name + (pname.empty() ? "" : ":" + pname);
                    else if (!pname.empty()) name += ":" + pname;
                }
                link = host + "/api/v1/namespaces/" + m.value("namespace", std::string()) + "/services/" + name + "/proxy";
            }
            std::string shown = m.contains("labels") ? m["labels"].value("kubernetes.io/name", std::string()) : "";
            if (shown.empty()) shown = m.value("name", std::string());
            ctx.out += shown + " is running at " + link + "\n";
        }
    }
    ctx.out += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
    if (!err.empty()) throw exit_error(err);
    return 0;
}

}  // namespace kubesim::kubectl::detail
