// Definitions of server/discovery.hpp.
#pragma once

#include <kubesim/server/discovery.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <kubesim/api/json/all.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/store/kind_ops.hpp>

namespace kubesim::server::discovery {

namespace detail {

using json = nlohmann::json;

struct sub_info {
    const char* name;
    const char* group;  // of the response kind
    const char* version;
    const char* kind;   // "" = the parent's kind
    std::vector<const char*> verbs;
};

struct resource_info {
    const char* singular;
    std::vector<const char*> short_names;
    std::vector<const char*> categories;
    std::vector<sub_info> subresources;
};

// What discovery says of each stored resource beyond kind_ops: short names,
// categories and the subresources kubesim serves (upstream's lists, narrowed to
// what is implemented).
KUBESIM_DECL const resource_info* info(std::string_view resource) {
    static const std::map<std::string, resource_info, std::less<>> table = {
        {"pods",
         {"pod",
          {"po"},
          {"all"},
          {{"binding", "", "v1", "Binding", {"create"}},
           {"eviction", "policy", "v1", "Eviction", {"create"}},
           {"exec", "", "v1", "PodExecOptions", {"create", "get"}},
           {"log", "", "v1", "Pod", {"get"}},
           {"status", "", "v1", "", {"get", "patch", "update"}}}}},
        {"nodes", {"node", {"no"}, {}, {{"status", "", "v1", "", {"get", "patch", "update"}}}}},
        {"namespaces",
         {"namespace",
          {"ns"},
          {},
          {{"finalize", "", "v1", "", {"update"}}, {"status", "", "v1", "", {"get", "patch", "update"}}}}},
        {"services", {"service", {"svc"}, {"all"}, {{"status", "", "v1", "", {"get", "patch", "update"}}}}},
        {"events", {"event", {"ev"}, {}, {}}},
        {"configmaps", {"configmap", {"cm"}, {}, {}}},
        {"secrets", {"secret", {}, {}, {}}},
        {"endpointslices", {"endpointslice", {}, {}, {}}},
        {"leases", {"lease", {}, {}, {}}},
        {"replicasets",
         {"replicaset",
          {"rs"},
          {"all"},
          {{"scale", "autoscaling", "v1", "Scale", {"get", "patch", "update"}},
           {"status", "", "v1", "", {"get", "patch", "update"}}}}},
        {"deployments",
         {"deployment",
          {"deploy"},
          {"all"},
          {{"scale", "autoscaling", "v1", "Scale", {"get", "patch", "update"}},
           {"status", "", "v1", "", {"get", "patch", "update"}}}}},
    };
    auto it = table.find(resource);
    return it == table.end() ? nullptr : &it->second;
}

KUBESIM_DECL json verbs() {
    return json::array({"create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"});
}

KUBESIM_DECL std::string group_of(std::string_view api_version) {
    const auto slash = api_version.find('/');
    return slash == std::string_view::npos ? std::string() : std::string(api_version.substr(0, slash));
}
KUBESIM_DECL std::string version_of(std::string_view api_version) {
    const auto slash = api_version.find('/');
    return std::string(slash == std::string_view::npos ? api_version : api_version.substr(slash + 1));
}

// The kinds of one group version ("v1", "apps/v1"), in resource order.
KUBESIM_DECL std::vector<const store::kind_ops*> kinds_of(cluster& c, std::string_view gv) {
    std::vector<const store::kind_ops*> out;
    for (const auto& [res, ops] : c.kinds())
        if (ops->api_version == gv) out.push_back(ops);
    return out;
}

KUBESIM_DECL json aggregated_resource(const store::kind_ops& ops) {
    const auto* inf = info(ops.resource);
    const std::string group = group_of(ops.api_version), version = version_of(ops.api_version);
    json r;
    r["resource"] = std::string(ops.resource);
    r["responseKind"] = {{"group", group}, {"version", version}, {"kind", std::string(ops.kind)}};
    r["scope"] = ops.namespaced ? "Namespaced" : "Cluster";
    r["singularResource"] = inf ? inf->singular : "";
    r["verbs"] = verbs();
    if (inf && !inf->short_names.empty()) r["shortNames"] = inf->short_names;
    if (inf && !inf->categories.empty()) r["categories"] = inf->categories;
    if (inf && !inf->subresources.empty()) {
        json subs = json::array();
        for (const auto& s : inf->subresources) {
            json sj;
            sj["subresource"] = s.name;
            sj["responseKind"] = {{"group", *s.kind ? s.group : group},
                                  {"version", *s.kind ? s.version : version},
                                  {"kind", *s.kind ? s.kind : std::string(ops.kind)}};
            sj["verbs"] = s.verbs;
            subs.push_back(std::move(sj));
        }
        r["subresources"] = std::move(subs);
    }
    return r;
}

KUBESIM_DECL json aggregated_group(cluster& c, const std::string& name, const std::vector<std::string>& gvs) {
    json g;
    g["metadata"] = {{"name", name}, {"creationTimestamp", nullptr}};
    json versions = json::array();
    for (const auto& gv : gvs) {
        json resources = json::array();
        for (const auto* ops : kinds_of(c, gv)) resources.push_back(aggregated_resource(*ops));
        versions.push_back({{"version", version_of(gv)}, {"resources", std::move(resources)}, {"freshness", "Current"}});
    }
    g["versions"] = std::move(versions);
    return g;
}

// "v2" or "v2beta1" when Accept asks for aggregated discovery, "" otherwise.
KUBESIM_DECL std::string aggregated_version(std::string_view accept) {
    std::size_t pos = 0;
    while (pos < accept.size()) {
        auto end = accept.find(',', pos);
        const auto part = accept.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
        if (part.find("as=APIGroupDiscoveryList") != std::string_view::npos &&
            part.find("g=apidiscovery.k8s.io") != std::string_view::npos) {
            if (part.find("v=v2beta1") != std::string_view::npos) return "v2beta1";
            if (part.find("v=v2") != std::string_view::npos) return "v2";
        }
        if (end == std::string_view::npos) break;
        pos = end + 1;
    }
    return {};
}

KUBESIM_DECL response aggregated(const std::string& v, json items) {
    json j;
    j["kind"] = "APIGroupDiscoveryList";
    j["apiVersion"] = "apidiscovery.k8s.io/" + v;
    j["metadata"] = json::object();
    j["items"] = std::move(items);
    response r;
    r.content_type = "application/json;g=apidiscovery.k8s.io;v=" + v + ";as=APIGroupDiscoveryList";
    r.body = j.dump();
    return r;
}

KUBESIM_DECL response plain(const json& j) {
    response r;
    r.body = j.dump();
    return r;
}

// Group names below /apis with their versions, in the order kube-apiserver
// lists them (its group priorities keep these three in this order).
KUBESIM_DECL std::vector<std::pair<std::string, std::vector<std::string>>> named_groups(cluster& c) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& [res, ops] : c.kinds()) {
        const auto g = group_of(ops->api_version);
        if (g.empty()) continue;
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& p) { return p.first == g; });
        if (it == out.end()) {
            out.push_back({g, {}});
            it = out.end() - 1;
        }
        const std::string gv(ops->api_version);
        if (std::find(it->second.begin(), it->second.end(), gv) == it->second.end()) it->second.push_back(gv);
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return out;
}

KUBESIM_DECL json legacy_group(const std::string& name, const std::vector<std::string>& gvs) {
    json versions = json::array();
    for (const auto& gv : gvs) versions.push_back({{"groupVersion", gv}, {"version", version_of(gv)}});
    return {{"name", name},
            {"versions", versions},
            {"preferredVersion", {{"groupVersion", gvs.front()}, {"version", version_of(gvs.front())}}}};
}

}  // namespace detail

response core(cluster& c, std::string_view accept) {
    const auto v = detail::aggregated_version(accept);
    if (!v.empty()) return detail::aggregated(v, detail::json::array({detail::aggregated_group(c, "", {"v1"})}));
    detail::json j{{"kind", "APIVersions"},
                   {"versions", {"v1"}},
                   {"serverAddressByClientCIDRs", {{{"clientCIDR", "0.0.0.0/0"}, {"serverAddress", "127.0.0.1:6443"}}}}};
    return detail::plain(j);
}

response groups(cluster& c, std::string_view accept) {
    const auto v = detail::aggregated_version(accept);
    const auto named = detail::named_groups(c);
    if (!v.empty()) {
        auto items = detail::json::array();
        for (const auto& [name, gvs] : named) items.push_back(detail::aggregated_group(c, name, gvs));
        return detail::aggregated(v, std::move(items));
    }
    auto gs = detail::json::array();
    for (const auto& [name, gvs] : named) gs.push_back(detail::legacy_group(name, gvs));
    return detail::plain({{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", gs}});
}

std::optional<response> group(cluster& c, std::string_view name) {
    for (const auto& [n, gvs] : detail::named_groups(c)) {
        if (n != name) continue;
        auto j = detail::legacy_group(n, gvs);
        j["kind"] = "APIGroup";
        j["apiVersion"] = "v1";
        return detail::plain(j);
    }
    return std::nullopt;
}

response resource_list(cluster& c, std::string_view gv) {
    detail::json resources = detail::json::array();
    const std::string group = detail::group_of(gv), version = detail::version_of(gv);
    for (const auto* ops : detail::kinds_of(c, gv)) {
        const auto* inf = detail::info(ops->resource);
        detail::json r;
        r["name"] = std::string(ops->resource);
        r["singularName"] = inf ? inf->singular : "";
        r["namespaced"] = ops->namespaced;
        r["kind"] = std::string(ops->kind);
        r["verbs"] = detail::verbs();
        if (inf && !inf->short_names.empty()) r["shortNames"] = inf->short_names;
        if (inf && !inf->categories.empty()) r["categories"] = inf->categories;
        resources.push_back(std::move(r));
        if (!inf) continue;
        for (const auto& s : inf->subresources) {
            detail::json sj;
            sj["name"] = std::string(ops->resource) + "/" + s.name;
            sj["singularName"] = "";
            sj["namespaced"] = ops->namespaced;
            if (*s.kind && std::string_view(s.group) != group) {
                sj["group"] = s.group;
                sj["version"] = s.version;
            }
            sj["kind"] = *s.kind ? s.kind : std::string(ops->kind);
            sj["verbs"] = s.verbs;
            resources.push_back(std::move(sj));
        }
    }
    return detail::plain({{"kind", "APIResourceList"}, {"apiVersion", "v1"}, {"groupVersion", std::string(gv)},
                          {"resources", resources}});
}

std::vector<std::string> group_versions(cluster& c) {
    std::vector<std::string> out;
    for (const auto& [name, gvs] : detail::named_groups(c)) out.insert(out.end(), gvs.begin(), gvs.end());
    return out;
}

bool serves(cluster& c, std::string_view gv) {
    for (const auto& [res, ops] : c.kinds())
        if (ops->api_version == gv) return true;
    return false;
}

}  // namespace kubesim::server::discovery
