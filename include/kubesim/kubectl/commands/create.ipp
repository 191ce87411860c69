// kubectl create (-f and the generators namespace, deployment, service, configmap, secret generic), run and expose.
#pragma once

#include <kubesim/kubectl/commands/write_util.ipp>

#include <kubesim/api/json/detail/base64.hpp>
#include <kubesim/kubectl/apply.hpp>

namespace kubesim::kubectl::detail {

namespace {

// Generated objects keep the field order of their Go types: `-o json` of a
// generated object that was not sent (--dry-run=client) prints it in that order.
using ojson = nlohmann::ordered_json;

// The flags every object-creating command has.
inline void create_common_flags(flag_set& f, const std::string& manager) {
    add_global_flags(f);
    add_output_flags(f);
    f.string("dry-run", 0, "none");
    f.string("field-manager", 0, manager);
    f.string("validate", 0, "strict");
    f.boolean("save-config");
}

inline std::string create_join(const std::vector<std::string>& v, std::string_view sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? std::string(sep) : std::string()) + v[i];
    return s;
}

// The generated object sent (or, with --dry-run=client, printed); prints
// "<kind>/<name> <verb>" or the object as -o asks.
inline int create_send(context& ctx, const flag_set& f, const resource_info& r, const ojson& generated, const std::string& verb,
                bool validate = true) {
    const auto out = output_options::from(f);
    const std::string dry = write_dry_run(f);
    const std::string validation = validate ? write_validation(f) : std::string();
    json obj = json::parse(generated.dump());
    const std::string name = obj["metadata"].value("name", std::string());
    if (f.on("save-config")) {
        json plain = obj;
        obj["metadata"]["annotations"][std::string(last_applied_annotation)] = manifest_go_json(plain) + "\n";
    }
    json result = obj;
    if (dry != "client") {
        const std::string ns = r.namespaced ? ctx.ns : std::string();
        const auto reply = ctx.api->call("POST", r.path(ns) + write_query(dry, f.str("field-manager"), validation),
                                         obj.dump());
        if (reply.status / 100 != 2) write_fail({{reply.parsed(), {}}});
        result = reply.parsed();
    }
    if (out.format == "json" && dry == "client" && !f.on("save-config")) {
        ctx.out += generated.dump(4) + "\n";
    } else if (!out.format.empty() && out.format != "name") {
        print_object(ctx, out, result);
    } else if (out.format == "name") {
        ctx.out += write_name(r, name) + "\n";
    } else {
        ctx.out += write_name(r, name) + " " + verb + write_dry_suffix(dry) + "\n";
    }
    return 0;
}

inline const resource_info& create_mapping(const context& ctx, std::string_view group, std::string_view kind) {
    const auto* r = ctx.rm->by_kind(group, kind);
    if (!r) throw exit_error("error: the server doesn't have a resource type " + go_quote(kind) + "\n");
    return *r;
}

inline std::string create_one_name(const context& ctx, const std::vector<std::string>& args, int dash_at) {
    const std::size_t n = dash_at >= 0 ? static_cast<std::size_t>(dash_at) : args.size();
    if (n != 1)
        throw exit_error("error: exactly one NAME is required, got " + std::to_string(n) + "\nSee 'kubectl " +
                         ctx.command + " -h' for help and examples\n");
    return args[0];
}

inline ojson create_meta(const std::string& name, const json& labels = json::object()) {
    ojson m = {{"name", name}, {"creationTimestamp", nullptr}};
    if (!labels.empty()) m["labels"] = ojson::parse(labels.dump());
    return m;
}

// --from-literal and --from-file into a ConfigMap's or Secret's data.
inline void create_data(const flag_set& f, json& data, bool base64, const std::string& what, const std::string& name) {
    const auto put = [&](const std::string& key, const std::string& value) {
        if (data.contains(key))
            throw exit_error("error: cannot add key " + key + ", another key by that name already exists in Data for " +
                             what + " " + go_quote(name) + "\n");
        data[key] = base64 ? api::json::detail::base64_encode(value) : value;
    };
    const auto* lit = f.find("from-literal");
    for (const auto& v : lit ? lit->values : std::vector<std::string>{}) {
        const auto eq = v.find('=');
        if (eq == std::string::npos || eq == 0)
            throw exit_error("error: invalid literal source " + v + ", expected key=value\n");
        put(v.substr(0, eq), v.substr(eq + 1));
    }
    const auto* files = f.find("from-file");
    for (const auto& v : files ? files->values : std::vector<std::string>{}) {
        namespace fs = std::filesystem;
        std::string key, path = v;
        if (const auto eq = v.find('='); eq != std::string::npos) {
            key = v.substr(0, eq);
            path = v.substr(eq + 1);
        }
        std::error_code ec;
        if (!fs::exists(path, ec)) throw exit_error("error: error reading " + path + ": no such file or directory\n");
        const auto read = [](const fs::path& p) {
            std::ifstream in(p, std::ios::binary);
            std::ostringstream s;
            s << in.rdbuf();
            return s.str();
        };
        if (fs::is_directory(path, ec)) {
            std::vector<fs::path> entries;
            for (const auto& e : fs::directory_iterator(path, ec))
                if (e.is_regular_file()) entries.push_back(e.path());
            std::sort(entries.begin(), entries.end());
            for (const auto& e : entries) put(e.filename().string(), read(e));
        } else {
            put(key.empty() ? fs::path(path).filename().string() : key, read(path));
        }
    }
}

// "80:8080" / "80" into a port and a target port (an int or a name).
inline std::pair<std::int64_t, json> create_ports(const std::string& s) {
    const auto colon = s.find(':');
    const std::string p = s.substr(0, colon);
    const std::string t = colon == std::string::npos ? p : s.substr(colon + 1);
    char* end = nullptr;
    const long port = std::strtol(p.c_str(), &end, 10);
    if (p.empty() || *end) throw exit_error("error: strconv.Atoi: parsing " + go_quote(p) + ": invalid syntax\n");
    const long target = std::strtol(t.c_str(), &end, 10);
    json tj = (!t.empty() && !*end) ? json(target) : json(t);
    return {port, tj};
}

inline int create_namespace(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    create_common_flags(f, "kubectl-create");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto name = create_one_name(ctx, args, f.dash_at);
    ojson obj = {{"kind", "Namespace"}, {"apiVersion", "v1"}, {"metadata", create_meta(name)}, {"spec", ojson::object()},
                 {"status", ojson::object()}};
    return create_send(ctx, f, create_mapping(ctx, "", "Namespace"), obj, "created");
}

inline int create_deployment(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    create_common_flags(f, "kubectl-create");
    f.strings("image");
    f.integer("port", 0, -1);
    f.integer("replicas", 'r', 1);
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (!f.changed("image")) throw exit_error("error: required flag(s) \"image\" not set\n");
    const auto name = create_one_name(ctx, args, f.dash_at);
    std::vector<std::string> command;
    if (f.dash_at >= 0) command.assign(args.begin() + f.dash_at, args.end());
    ojson containers = ojson::array();
    std::vector<std::string> used;
    for (const auto& image : f.list("image")) {
        std::string base = image.substr(image.rfind('/') == std::string::npos ? 0 : image.rfind('/') + 1);
        base = base.substr(0, base.find(':'));
        base = base.substr(0, base.find('@'));
        std::replace(base.begin(), base.end(), '_', '-');
        std::string unique = base;
        for (int n = 2; std::find(used.begin(), used.end(), unique) != used.end(); ++n) unique = base + "-" + std::to_string(n);
        used.push_back(unique);
        ojson c = {{"name", unique}, {"image", image}};
        if (!command.empty()) c["command"] = command;
        if (containers.empty() && f.num("port") >= 0) c["ports"] = ojson::array({{{"containerPort", f.num("port")}}});
        c["resources"] = ojson::object();
        containers.push_back(std::move(c));
    }
    const json labels = {{"app", name}};
    const ojson olabels = {{"app", name}};
    ojson obj = {{"kind", "Deployment"},
                 {"apiVersion", "apps/v1"},
                 {"metadata", create_meta(name, labels)},
                 {"spec",
                  {{"replicas", f.num("replicas")},
                   {"selector", {{"matchLabels", olabels}}},
                   {"template", {{"metadata", {{"creationTimestamp", nullptr}, {"labels", olabels}}}, {"spec", {{"containers", containers}}}}},
                   {"strategy", ojson::object()}}},
                 {"status", ojson::object()}};
    return create_send(ctx, f, create_mapping(ctx, "apps", "Deployment"), obj, "created");
}

inline int create_service(context& ctx, const std::vector<std::string>& argv, const std::string& type) {
    flag_set f;
    create_common_flags(f, "kubectl-create");
    f.strings("tcp");
    f.string("clusterip");
    f.integer("node-port");
    f.string("external-name");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto name = create_one_name(ctx, args, f.dash_at);
    const json labels = {{"app", name}};
    ojson ports = ojson::array();
    for (const auto& t : f.list("tcp")) {
        const auto [port, target] = create_ports(t);
        std::string pname = t;
        std::replace(pname.begin(), pname.end(), ':', '-');
        ojson p = {{"name", pname}, {"protocol", "TCP"}, {"port", port}, {"targetPort", ojson::parse(target.dump())}};
        if (f.num("node-port") != 0) p["nodePort"] = f.num("node-port");
        ports.push_back(std::move(p));
    }
    ojson spec = ojson::object();
    if (!ports.empty()) spec["ports"] = ports;
    spec["selector"] = ojson::parse(labels.dump());
    if (type == "ClusterIP" && !f.str("clusterip").empty()) spec["clusterIP"] = f.str("clusterip");
    spec["type"] = type;
    ojson obj = {{"kind", "Service"}, {"apiVersion", "v1"}, {"metadata", create_meta(name, labels)}, {"spec", spec},
                 {"status", {{"loadBalancer", ojson::object()}}}};
    return create_send(ctx, f, create_mapping(ctx, "", "Service"), obj, "created");
}

inline int create_configmap(context& ctx, const std::vector<std::string>& argv, bool secret) {
    flag_set f;
    create_common_flags(f, "kubectl-create");
    f.strings("from-literal");
    f.strings("from-file");
    f.strings("from-env-file");
    f.boolean("append-hash");
    if (secret) f.string("type");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto name = create_one_name(ctx, args, f.dash_at);
    json data = json::object();
    create_data(f, data, secret, secret ? "Secret" : "ConfigMap", name);
    ojson obj = {{"kind", secret ? "Secret" : "ConfigMap"}, {"apiVersion", "v1"}, {"metadata", create_meta(name)}};
    if (!data.empty()) obj["data"] = ojson::parse(data.dump());
    if (secret && !f.str("type").empty()) obj["type"] = f.str("type");
    return create_send(ctx, f, create_mapping(ctx, "", secret ? "Secret" : "ConfigMap"), obj, "created");
}

inline int create_from_files(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    create_common_flags(f, "kubectl-create");
    manifest_flags(f);
    f.boolean("edit");
    f.boolean("windows-line-endings");
    f.string("raw");
    f.string("selector", 'l');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto out = output_options::from(f);
    const std::string dry = write_dry_run(f);
    const std::string validation = write_validation(f);
    const auto files = f.list("filename");
    if (files.empty() && f.str("kustomize").empty()) throw exit_error("error: must specify one of -f and -k\n");
    if (!args.empty())
        throw exit_error("error: Unexpected args: [" + create_join(args, " ") + "]\nSee 'kubectl create -h' for help and examples\n");
    std::vector<write_error> errors;
    auto objects = manifest_read(ctx, files, f.on("recursive"), errors, validation != "Ignore");
    if (objects.empty() && errors.empty()) throw exit_error("error: no objects passed to create\n");
    for (auto& m : objects) {
        if (f.on("save-config")) {
            json plain = m.obj;
            if (plain["metadata"].contains("annotations")) plain["metadata"]["annotations"].erase(std::string(last_applied_annotation));
            m.obj["metadata"]["annotations"][std::string(last_applied_annotation)] = manifest_go_json(plain) + "\n";
        }
        json result = m.obj;
        if (dry != "client") {
            const auto r = ctx.api->call("POST", m.info->path(m.ns) + write_query(dry, f.str("field-manager"), validation),
                                         manifest_go_json(m.obj));
            if (r.status / 100 != 2) {
                errors.push_back(write_sourced(status_error(r.parsed()), "creating", m.source));
                continue;
            }
            result = r.parsed();
        }
        if (!out.format.empty() && out.format != "name") print_object(ctx, out, result);
        else if (out.format == "name") ctx.out += write_name(*m.info, m.name) + "\n";
        else ctx.out += write_name(*m.info, m.name) + " created" + write_dry_suffix(dry) + "\n";
    }
    if (!errors.empty()) write_fail(errors);
    return 0;
}

// "a=b,c=d" (kubectl's labels and selectors in generators).
inline json create_parse_labels(const std::string& s) {
    json labels = json::object();
    std::size_t start = 0;
    while (start <= s.size()) {
        const auto comma = s.find(',', start);
        const std::string kv = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const auto eq = kv.find('=');
        if (eq == std::string::npos) throw exit_error("error: invalid label spec: " + kv + "\n");
        labels[kv.substr(0, eq)] = kv.substr(eq + 1);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    return labels;
}

}  // namespace

int cmd_create(context& ctx, const std::vector<std::string>& argv) {
    // The subcommand: the first word that is not a flag (none: create -f).
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const auto& a = argv[i];
        if (a == "--") break;
        if (a.size() > 1 && a[0] == '-') {
            // Flags that take a value in their own word.
            static const std::vector<std::string> valued{"-f", "--filename", "-n", "--namespace", "-o", "--output",
                                                         "--kubeconfig", "--cache-dir", "--dry-run", "--validate",
                                                         "--field-manager", "-l", "--selector", "-k", "--kustomize"};
            if (a.find('=') == std::string::npos && std::find(valued.begin(), valued.end(), a) != valued.end()) ++i;
            continue;
        }
        std::vector<std::string> rest(argv.begin(), argv.begin() + static_cast<std::ptrdiff_t>(i));
        rest.insert(rest.end(), argv.begin() + static_cast<std::ptrdiff_t>(i) + 1, argv.end());
        if (a == "namespace" || a == "ns") {
            ctx.command = "create namespace";
            return create_namespace(ctx, rest);
        }
        if (a == "deployment" || a == "deploy") {
            ctx.command = "create deployment";
            return create_deployment(ctx, rest);
        }
        if (a == "configmap" || a == "cm") {
            ctx.command = "create configmap";
            return create_configmap(ctx, rest, false);
        }
        if (a == "service" || a == "svc") {
            // create service clusterip|nodeport|loadbalancer|externalname NAME
            for (std::size_t j = 0; j < rest.size(); ++j) {
                if (rest[j].size() > 1 && rest[j][0] == '-') continue;
                const std::string sub = rest[j];
                std::vector<std::string> r2(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(j));
                r2.insert(r2.end(), rest.begin() + static_cast<std::ptrdiff_t>(j) + 1, rest.end());
                ctx.command = "create service " + sub;
                if (sub == "clusterip") return create_service(ctx, r2, "ClusterIP");
                if (sub == "nodeport") return create_service(ctx, r2, "NodePort");
                if (sub == "loadbalancer") return create_service(ctx, r2, "LoadBalancer");
                break;
            }
            throw exit_error("error: must specify one of clusterip, externalname, loadbalancer or nodeport\n");
        }
        if (a == "secret") {
            for (std::size_t j = 0; j < rest.size(); ++j) {
                if (rest[j].size() > 1 && rest[j][0] == '-') continue;
                if (rest[j] != "generic") break;
                std::vector<std::string> r2(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(j));
                r2.insert(r2.end(), rest.begin() + static_cast<std::ptrdiff_t>(j) + 1, rest.end());
                ctx.command = "create secret generic";
                return create_configmap(ctx, r2, true);
            }
            throw exit_error("error: must specify one of generic, docker-registry or tls\n");
        }
        break;
    }
    return create_from_files(ctx, argv);
}

int cmd_run(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    create_common_flags(f, "kubectl-run");
    f.string("image");
    f.string("labels", 'l');
    f.strings("env");
    f.string("port");
    f.string("restart", 0, "Always");
    f.boolean("command");
    f.string("image-pull-policy");
    f.strings("annotations");
    f.boolean("stdin", 'i');
    f.boolean("tty", 't');
    f.boolean("rm");
    f.boolean("attach");
    f.boolean("expose");
    f.string("overrides");
    f.boolean("privileged");
    f.boolean("quiet", 'q');
    f.string("serviceaccount");
    f.duration("pod-running-timeout", 0, "1m0s");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (args.empty() || f.dash_at == 0)
        throw exit_error("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
    if (!f.changed("image")) throw exit_error("error: required flag(s) \"image\" not set\n");
    const std::string name = args[0];
    const std::string restart = f.str("restart");
    if (restart != "Always" && restart != "OnFailure" && restart != "Never")
        throw exit_error("error: invalid restart policy: " + restart + "\n");
    std::vector<std::string> rest(args.begin() + 1, args.end());
    json labels = f.changed("labels") ? create_parse_labels(f.str("labels")) : json{{"run", name}};
    ojson container = {{"name", name}, {"image", f.str("image")}};
    if (!rest.empty()) container[f.on("command") ? "command" : "args"] = rest;
    if (!f.str("port").empty()) container["ports"] = ojson::array({{{"containerPort", std::stoll(f.str("port"))}}});
    const auto* env = f.find("env");
    if (env && !env->values.empty()) {
        ojson e = ojson::array();
        for (const auto& v : env->values) {
            const auto eq = v.find('=');
            if (eq == std::string::npos) throw exit_error("error: invalid env: " + v + "\n");
            e.push_back({{"name", v.substr(0, eq)}, {"value", v.substr(eq + 1)}});
        }
        container["env"] = e;
    }
    container["resources"] = ojson::object();
    if (!f.str("image-pull-policy").empty()) container["imagePullPolicy"] = f.str("image-pull-policy");
    ojson obj = {{"kind", "Pod"},
                 {"apiVersion", "v1"},
                 {"metadata", create_meta(name, labels)},
                 {"spec", {{"containers", ojson::array({container})}, {"restartPolicy", restart}, {"dnsPolicy", "ClusterFirst"}}},
                 {"status", ojson::object()}};
    return create_send(ctx, f, create_mapping(ctx, "", "Pod"), obj, "created", false);
}

int cmd_expose(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    create_common_flags(f, "kubectl-expose");
    manifest_flags(f);
    f.string("port");
    f.string("protocol");
    f.string("target-port");
    f.string("name");
    f.string("type");
    f.string("selector");
    f.string("labels", 'l');
    f.string("external-ip");
    f.string("load-balancer-ip");
    f.string("session-affinity");
    f.string("cluster-ip");
    f.string("container-port");
    f.string("override-type", 0, "merge");
    f.string("overrides");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (args.empty() && f.list("filename").empty())
        throw exit_error("error: You must provide one or more resources by argument or filename.\nExample resource "
                         "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                         "   '<resource>'\n");
    std::vector<write_error> errors;
    auto objects = write_resolve(ctx, args, "", "", false, true, errors);
    if (!errors.empty()) write_fail(errors);
    for (const auto& o : objects) {
        const json& obj = o.obj;
        const std::string kind = o.info->kind;
        json selector, pod_spec;
        if (kind == "Pod") {
            selector = obj["metadata"].value("labels", json::object());
            pod_spec = obj["spec"];
        } else if (kind == "Deployment" || kind == "ReplicaSet") {
            selector = obj["spec"]["selector"].value("matchLabels", json::object());
            pod_spec = obj["spec"]["template"]["spec"];
        } else if (kind == "Service") {
            selector = obj["spec"].value("selector", json::object());
        } else {
            throw exit_error("error: cannot expose a " + kind + "\n");
        }
        if (f.changed("selector")) selector = create_parse_labels(f.str("selector"));
        // Ports: --port, else what the object declares.
        std::vector<std::string> ports;
        std::map<std::string, std::string> protocols;
        if (!f.str("port").empty()) {
            ports.push_back(f.str("port"));
        } else if (kind == "Service") {
            for (const auto& p : obj["spec"].value("ports", json::array())) {
                ports.push_back(std::to_string(p.value("port", 0)));
                protocols[ports.back()] = p.value("protocol", std::string("TCP"));
            }
        } else {
            for (const auto& c : pod_spec.value("containers", json::array()))
                for (const auto& p : c.value("ports", json::array())) {
                    ports.push_back(std::to_string(p.value("containerPort", 0)));
                    protocols[ports.back()] = p.value("protocol", std::string("TCP"));
                }
        }
        if (ports.empty()) throw exit_error("error: couldn't find port via --port flag or introspection\n");
        if (selector.empty())
            throw exit_error("error: couldn't retrieve selectors via --selector flag or introspection: the " +
                             o.info->singular + " has no labels and cannot be exposed\n");
        const std::string name = f.str("name").empty() ? o.name : f.str("name");
        json labels = f.changed("labels") ? create_parse_labels(f.str("labels"))
                                          : obj["metadata"].value("labels", json::object());
        ojson sports = ojson::array();
        for (std::size_t i = 0; i < ports.size(); ++i) {
            ojson p = ojson::object();
            if (ports.size() > 1) p["name"] = "port-" + std::to_string(i + 1);
            std::string protocol = f.str("protocol");
            if (protocol.empty()) protocol = protocols.count(ports[i]) ? protocols[ports[i]] : "TCP";
            p["protocol"] = protocol;
            p["port"] = std::stoll(ports[i]);
            std::string target = f.str("target-port").empty() ? f.str("container-port") : f.str("target-port");
            if (target.empty()) p["targetPort"] = p["port"];
            else {
                char* end = nullptr;
                const long t = std::strtol(target.c_str(), &end, 10);
                p["targetPort"] = *end ? ojson(target) : ojson(t);
            }
            sports.push_back(std::move(p));
        }
        ojson spec = {{"ports", sports}, {"selector", ojson::parse(selector.dump())}};
        if (!f.str("cluster-ip").empty()) spec["clusterIP"] = f.str("cluster-ip");
        if (!f.str("type").empty()) spec["type"] = f.str("type");
        if (!f.str("external-ip").empty()) spec["externalIPs"] = ojson::array({f.str("external-ip")});
        if (!f.str("session-affinity").empty()) spec["sessionAffinity"] = f.str("session-affinity");
        ojson svc = {{"kind", "Service"}, {"apiVersion", "v1"}, {"metadata", create_meta(name, labels)}, {"spec", spec},
                     {"status", {{"loadBalancer", ojson::object()}}}};
        create_send(ctx, f, create_mapping(ctx, "", "Service"), svc, "exposed", false);
    }
    return 0;
}

}  // namespace kubesim::kubectl::detail
