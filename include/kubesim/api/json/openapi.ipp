// Definitions of api/json/openapi.hpp. The paths come from a table of the
// resources kubesim serves, rendered twice: in OpenAPI v3 form (one document per
// group version, as kube-apiserver's /openapi/v3/<gv>) and in swagger 2.0 form
// (one document, /openapi/v2). The protobuf of v2 is written by hand from the
// JSON, field numbers after gnostic's openapiv2/OpenAPIv2.proto.
#pragma once

#include <kubesim/api/json/openapi.hpp>

#include <cstddef>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/detail/openapi_schemas.hpp>

namespace kubesim::api::json::openapi::detail {

using nlohmann::json;

// ---------------------------------------------------------------------------
// Parameters

struct param {
    const char* name;
    const char* in;    // "query" or "path"
    const char* type;  // "string", "boolean" or "integer"
    const char* description;
};

// The query parameters of each verb, as kube-apiserver lists them.
namespace params {
inline constexpr param pretty{"pretty", "query", "string", "If 'true', the output is indented."};
inline constexpr param name{"name", "path", "string", "The name of the object."};
inline constexpr param ns{"namespace", "path", "string", "The namespace of the object or objects."};
inline constexpr param dry_run{"dryRun", "query", "string",
                               "\"All\" runs every stage of the request but does not persist the result."};
inline constexpr param field_manager{"fieldManager", "query", "string",
                                     "The name of the actor making the change; required for apply patches."};
inline constexpr param field_validation{
    "fieldValidation", "query", "string",
    "What to do with unknown or duplicate fields in the body: Ignore drops them, Warn drops them and answers a "
    "Warning header per field, Strict rejects the request."};
inline constexpr param force{"force", "query", "boolean",
                             "For apply patches: take over fields owned by other managers instead of failing "
                             "with a conflict. Unset for other patch types."};
inline constexpr param grace{"gracePeriodSeconds", "query", "integer",
                             "Seconds the object gets to shut down; 0 deletes at once. Defaults per kind."};
inline constexpr param orphan{"orphanDependents", "query", "boolean", "Deprecated: use propagationPolicy."};
inline constexpr param propagation{"propagationPolicy", "query", "string",
                                   "What happens to dependents: Orphan, Background or Foreground."};
inline constexpr param label_selector{"labelSelector", "query", "string",
                                      "Only objects whose labels match this selector. Defaults to all."};
inline constexpr param field_selector{"fieldSelector", "query", "string",
                                      "Only objects whose fields match this selector. Defaults to all."};
inline constexpr param watch{"watch", "query", "boolean",
                             "Stream changes (added, modified, deleted) instead of answering a list."};
inline constexpr param bookmarks{"allowWatchBookmarks", "query", "boolean",
                                 "Let the watch send BOOKMARK events that only carry a resourceVersion."};
inline constexpr param resource_version{"resourceVersion", "query", "string",
                                        "The version to read at, or to start a watch after."};
inline constexpr param resource_version_match{"resourceVersionMatch", "query", "string",
                                              "How resourceVersion applies to a list: Exact or NotOlderThan."};
inline constexpr param initial_events{"sendInitialEvents", "query", "boolean",
                                      "Start a watch with ADDED events for the current objects."};
inline constexpr param timeout{"timeoutSeconds", "query", "integer", "End a list or watch after this long."};
inline constexpr param limit{"limit", "query", "integer",
                             "The most items to answer; the list then carries a continue token for the rest."};
inline constexpr param cont{"continue", "query", "string", "The token of the next page, from a previous list."};
inline constexpr param container{"container", "query", "string",
                                 "The container; may be omitted when the pod has only one."};
inline constexpr param follow{"follow", "query", "boolean", "Keep the stream open and send new lines."};
inline constexpr param previous{"previous", "query", "boolean", "The log of the previous run of the container."};
inline constexpr param since{"sinceSeconds", "query", "integer", "Only lines from the last this many seconds."};
inline constexpr param tail{"tailLines", "query", "integer", "Only this many lines from the end."};
inline constexpr param timestamps{"timestamps", "query", "boolean", "Start each line with its RFC 3339 time."};
inline constexpr param limit_bytes{"limitBytes", "query", "integer", "Stop after this many bytes."};
inline constexpr param command{"command", "query", "string", "The command and its arguments, one per parameter."};
inline constexpr param stdin_{"stdin", "query", "boolean", "Attach standard input."};
inline constexpr param stdout_{"stdout", "query", "boolean", "Attach standard output."};
inline constexpr param stderr_{"stderr", "query", "boolean", "Attach standard error."};
inline constexpr param tty{"tty", "query", "boolean", "Allocate a terminal."};
}  // namespace params

using param_list = std::vector<const param*>;

KUBESIM_DECL param_list list_params() {
    using namespace params;
    return {&bookmarks, &cont, &field_selector, &label_selector, &limit, &resource_version, &resource_version_match,
            &initial_events, &timeout, &watch};
}
KUBESIM_DECL param_list write_params() {
    return {&params::dry_run, &params::field_manager, &params::field_validation};
}
KUBESIM_DECL param_list patch_params() {
    return {&params::dry_run, &params::field_manager, &params::field_validation, &params::force};
}
KUBESIM_DECL param_list delete_params() {
    return {&params::dry_run, &params::grace, &params::orphan, &params::propagation};
}

// ---------------------------------------------------------------------------
// Operations: one description, rendered in v3 or v2 form.

struct gvk {
    std::string group, version, kind;
};

enum class body : std::uint8_t { none, object, patch, delete_options };
enum class answer : std::uint8_t { object, list, status, text };

struct operation {
    const char* method;  // "get", "put", "post", "patch", "delete"
    const char* action;  // x-kubernetes-action
    std::string id;
    std::string description;
    param_list query{};
    body request = body::none;
    answer reply = answer::object;
    std::string schema{};  // short name of the object (or list) answered and sent
    std::vector<const char*> codes{"200"};
    gvk kind{};
    std::string tag{};
};

KUBESIM_DECL json v3_param(const param& p) {
    json j = {{"description", p.description},
              {"in", p.in},
              {"name", p.name},
              {"schema", {{"type", p.type}, {"uniqueItems", true}}}};
    if (std::string_view(p.in) == "path") j["required"] = true;
    return j;
}
KUBESIM_DECL json v2_param(const param& p) {
    json j = {{"description", p.description}, {"in", p.in}, {"name", p.name}, {"type", p.type}, {"uniqueItems", true}};
    if (std::string_view(p.in) == "path") j["required"] = true;
    return j;
}

KUBESIM_DECL std::vector<const char*> media_types(answer a) {
    switch (a) {
        case answer::text: return {"text/plain"};
        case answer::list:
            return {"application/json", "application/json;stream=watch", "application/vnd.kubernetes.protobuf",
                    "application/vnd.kubernetes.protobuf;stream=watch", "application/yaml"};
        default: return {"application/json", "application/vnd.kubernetes.protobuf", "application/yaml"};
    }
}

KUBESIM_DECL std::vector<const char*> patch_types() {
    return {"application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json",
            "application/strategic-merge-patch+json"};
}

KUBESIM_DECL std::string request_schema(const operation& op) {
    switch (op.request) {
        case body::patch: return "meta.v1.Patch";
        case body::delete_options: return "meta.v1.DeleteOptions";
        default: return op.schema;
    }
}

KUBESIM_DECL std::string reply_schema(const operation& op) {
    return op.reply == answer::status ? "meta.v1.Status" : op.schema;
}

KUBESIM_DECL const char* code_text(std::string_view code) {
    if (code == "201") return "Created";
    if (code == "202") return "Accepted";
    return "OK";
}

KUBESIM_DECL json render_v3(const operation& op) {
    json j = {{"description", op.description}, {"operationId", op.id}, {"tags", json::array({op.tag})},
              {"x-kubernetes-action", op.action}};
    j["x-kubernetes-group-version-kind"] = {
        {"group", op.kind.group}, {"kind", op.kind.kind}, {"version", op.kind.version}};
    if (!op.query.empty()) {
        j["parameters"] = json::array();
        for (const param* p : op.query) j["parameters"].push_back(v3_param(*p));
    }
    if (op.request != body::none) {
        json content = json::object();
        const json schema = {{"$ref", ref_to(request_schema(op))}};
        if (op.request == body::patch)
            for (const char* t : patch_types()) content[t]["schema"] = schema;
        else
            content["application/json"]["schema"] = schema;
        j["requestBody"] = {{"content", std::move(content)}};
        if (op.request != body::delete_options) j["requestBody"]["required"] = true;
    }
    const json schema = op.reply == answer::text ? json{{"type", "string"}} : json{{"$ref", ref_to(reply_schema(op))}};
    for (const char* code : op.codes) {
        json& r = j["responses"][code];
        r["description"] = code_text(code);
        for (const char* t : media_types(op.reply)) r["content"][t]["schema"] = schema;
    }
    return j;
}

KUBESIM_DECL json render_v2(const operation& op) {
    json j = {{"description", op.description},
              {"operationId", op.id},
              {"tags", json::array({op.tag})},
              {"schemes", json::array({"https"})},
              {"x-kubernetes-action", op.action}};
    j["x-kubernetes-group-version-kind"] = {
        {"group", op.kind.group}, {"kind", op.kind.kind}, {"version", op.kind.version}};
    j["consumes"] = op.request == body::patch ? json(patch_types()) : json::array({"*/*"});
    j["produces"] = media_types(op.reply);
    j["parameters"] = json::array();
    for (const param* p : op.query) j["parameters"].push_back(v2_param(*p));
    if (op.request != body::none) {
        json b = {{"in", "body"},
                  {"name", "body"},
                  {"schema", {{"$ref", "#/definitions/" + schema_name(request_schema(op))}}}};
        if (op.request != body::delete_options) b["required"] = true;
        j["parameters"].push_back(std::move(b));
    }
    if (j["parameters"].empty()) j.erase("parameters");
    const json schema = op.reply == answer::text
                            ? json{{"type", "string"}}
                            : json{{"$ref", "#/definitions/" + schema_name(reply_schema(op))}};
    for (const char* code : op.codes) j["responses"][code] = {{"description", code_text(code)}, {"schema", schema}};
    j["responses"]["401"] = {{"description", "Unauthorized"}};
    return j;
}

// ---------------------------------------------------------------------------
// The resources kubesim serves.

// The subresources a resource has, as bits.
enum sub : unsigned { has_status = 1, has_scale = 2, has_log = 4, has_exec = 8, has_binding = 16, has_eviction = 32 };

struct resource_def {
    const char* group;     // "" for the core group
    const char* resource;  // "pods"
    const char* kind;      // "Pod"
    const char* schema;    // "core.v1.Pod"
    bool namespaced;
    unsigned subresources;
};

struct group_version {
    const char* path;  // "api/v1", "apis/apps/v1"
    const char* group;
    const char* id;   // operationId infix, "CoreV1"
    const char* tag;  // "core_v1"
};

KUBESIM_DECL const std::vector<group_version>& group_versions() {
    static const std::vector<group_version> all = {
        {"api/v1", "", "CoreV1", "core_v1"},
        {"apis/apps/v1", "apps", "AppsV1", "apps_v1"},
        {"apis/autoscaling/v1", "autoscaling", "AutoscalingV1", "autoscaling_v1"},
        {"apis/coordination.k8s.io/v1", "coordination.k8s.io", "CoordinationV1", "coordination_v1"},
        {"apis/discovery.k8s.io/v1", "discovery.k8s.io", "DiscoveryV1", "discovery_v1"},
    };
    return all;
}

KUBESIM_DECL const std::vector<resource_def>& resources() {
    static const std::vector<resource_def> all = {
        {"", "configmaps", "ConfigMap", "core.v1.ConfigMap", true, 0},
        {"", "events", "Event", "core.v1.Event", true, 0},
        {"", "namespaces", "Namespace", "core.v1.Namespace", false, has_status},
        {"", "nodes", "Node", "core.v1.Node", false, has_status},
        {"", "pods", "Pod", "core.v1.Pod", true, has_status | has_log | has_exec | has_binding | has_eviction},
        {"", "secrets", "Secret", "core.v1.Secret", true, 0},
        {"", "services", "Service", "core.v1.Service", true, has_status},
        {"apps", "deployments", "Deployment", "apps.v1.Deployment", true, has_status | has_scale},
        {"apps", "replicasets", "ReplicaSet", "apps.v1.ReplicaSet", true, has_status | has_scale},
        {"coordination.k8s.io", "leases", "Lease", "coordination.v1.Lease", true, 0},
        {"discovery.k8s.io", "endpointslices", "EndpointSlice", "discovery.v1.EndpointSlice", true, 0},
    };
    return all;
}

// One path and its operations, before rendering.
struct path_def {
    std::string path;
    param_list common;  // path-level parameters
    std::vector<operation> ops;
};

KUBESIM_DECL std::vector<path_def> resource_paths(const group_version& gv, const resource_def& r) {
    const std::string prefix = "/" + std::string(gv.path);
    const std::string kind = r.kind;
    const std::string scope = r.namespaced ? "Namespaced" : "";
    const std::string collection =
        prefix + (r.namespaced ? "/namespaces/{namespace}/" : "/") + r.resource;
    const std::string item = collection + "/{name}";
    const std::string list_schema = std::string(r.schema) + "List";
    const gvk self{r.group, "v1", kind};
    const std::string id = gv.id;
    param_list at_collection = {&params::pretty};
    param_list at_item = {&params::name, &params::pretty};
    if (r.namespaced) {
        at_collection.insert(at_collection.begin(), &params::ns);
        at_item.insert(at_item.begin() + 1, &params::ns);
    }
    auto op = [&](const char* method, const char* action, std::string verb, std::string what, std::string desc) {
        operation o{};
        o.method = method;
        o.action = action;
        o.id = verb + id + what;
        o.description = std::move(desc);
        o.schema = r.schema;
        o.kind = self;
        o.tag = gv.tag;
        return o;
    };

    std::vector<path_def> out;
    {
        path_def p{collection, at_collection, {}};
        operation list = op("get", "list", "list", scope + kind, "List or watch " + kind + " objects.");
        list.query = list_params();
        list.reply = answer::list;
        list.schema = list_schema;
        operation create = op("post", "post", "create", scope + kind, "Create a " + kind + ".");
        create.query = write_params();
        create.request = body::object;
        create.codes = {"200", "201", "202"};
        operation remove = op("delete", "deletecollection", "delete", "Collection" + scope + kind,
                              "Delete a collection of " + kind + " objects.");
        remove.query = delete_params();
        for (const param* q : list_params()) remove.query.push_back(q);
        remove.request = body::delete_options;
        remove.reply = answer::status;
        p.ops = {std::move(list), std::move(create), std::move(remove)};
        out.push_back(std::move(p));
    }
    {
        path_def p{item, at_item, {}};
        operation read = op("get", "get", "read", scope + kind, "Read the named " + kind + ".");
        operation replace = op("put", "put", "replace", scope + kind, "Replace the named " + kind + ".");
        replace.query = write_params();
        replace.request = body::object;
        replace.codes = {"200", "201"};
        operation patch = op("patch", "patch", "patch", scope + kind, "Partially update the named " + kind + ".");
        patch.query = patch_params();
        patch.request = body::patch;
        patch.codes = {"200", "201"};
        operation remove = op("delete", "delete", "delete", scope + kind, "Delete the named " + kind + ".");
        remove.query = delete_params();
        remove.request = body::delete_options;
        remove.reply = answer::status;
        remove.codes = {"200", "202"};
        p.ops = {std::move(read), std::move(replace), std::move(patch), std::move(remove)};
        out.push_back(std::move(p));
    }
    if (r.namespaced) {
        // Across all namespaces.
        param_list common = list_params();
        common.push_back(&params::pretty);
        path_def p{prefix + "/" + r.resource, common, {}};
        operation list = op("get", "list", "list", kind + "ForAllNamespaces",
                            "List or watch " + kind + " objects in every namespace.");
        list.reply = answer::list;
        list.schema = list_schema;
        p.ops = {std::move(list)};
        out.push_back(std::move(p));
    }
    // The deprecated watch paths.
    {
        param_list common = list_params();
        common.push_back(&params::pretty);
        const std::string watch_prefix = prefix + "/watch" + collection.substr(prefix.size());
        auto watch = [&](std::string path, param_list path_params, const char* action, std::string what,
                         std::string desc) {
            param_list all = std::move(path_params);
            all.insert(all.end(), common.begin(), common.end());
            path_def p{std::move(path), std::move(all), {}};
            operation w = op("get", action, "watch", std::move(what), std::move(desc));
            w.reply = answer::list;
            w.schema = "meta.v1.WatchEvent";
            p.ops = {std::move(w)};
            return p;
        };
        const param_list ns_only = r.namespaced ? param_list{&params::ns} : param_list{};
        param_list name_ns = {&params::name};
        if (r.namespaced) name_ns.push_back(&params::ns);
        out.push_back(watch(watch_prefix, ns_only, "watchlist", scope + kind + "List",
                            "Watch " + kind + " objects. Deprecated: use the list path with watch=true."));
        out.push_back(watch(watch_prefix + "/{name}", name_ns, "watch", scope + kind,
                            "Watch the named " + kind + ". Deprecated: list with a fieldSelector and watch=true."));
        if (r.namespaced)
            out.push_back(watch(prefix + "/watch/" + r.resource, {}, "watchlist", kind + "ListForAllNamespaces",
                                "Watch " + kind + " objects in every namespace. Deprecated: use the list path."));
    }
    auto status_like = [&](const char* name, std::string suffix, const std::string& schema, const gvk& k,
                           const std::string& what) {
        path_def p{item + "/" + name, at_item, {}};
        operation read =
            op("get", "get", "read", scope + kind + suffix, "Read " + what + " of the named " + kind + ".");
        operation replace =
            op("put", "put", "replace", scope + kind + suffix, "Replace " + what + " of the named " + kind + ".");
        replace.query = write_params();
        replace.request = body::object;
        replace.codes = {"200", "201"};
        operation patch = op("patch", "patch", "patch", scope + kind + suffix,
                             "Partially update " + what + " of the named " + kind + ".");
        patch.query = patch_params();
        patch.request = body::patch;
        patch.codes = {"200", "201"};
        for (operation* o : {&read, &replace, &patch}) {
            o->schema = schema;
            o->kind = k;
        }
        p.ops = {std::move(read), std::move(replace), std::move(patch)};
        return p;
    };
    if (r.subresources & has_status) out.push_back(status_like("status", "Status", r.schema, self, "the status"));
    if (r.subresources & has_scale)
        out.push_back(
            status_like("scale", "Scale", "autoscaling.v1.Scale", {"autoscaling", "v1", "Scale"}, "the scale"));
    if (r.subresources & has_log) {
        path_def p{item + "/log", at_item, {}};
        operation read =
            op("get", "get", "read", scope + kind + "Log", "Read the log of a container of the named Pod.");
        read.reply = answer::text;
        read.query = {&params::container, &params::follow, &params::limit_bytes, &params::previous, &params::since,
                      &params::tail, &params::timestamps};
        p.ops = {std::move(read)};
        out.push_back(std::move(p));
    }
    if (r.subresources & has_exec) {
        path_def p{item + "/exec", at_item, {}};
        p.common.erase(p.common.end() - 1);  // no pretty on connect paths
        for (const char* method : {"get", "post"}) {
            const std::string m = method;
            const std::string what = std::string(m == "get" ? "Get" : "Post") + scope + kind + "Exec";
            operation o = op(method, "connect", "connect", what,
                             "Run a command in a container of the named Pod (a WebSocket or SPDY upgrade).");
            o.query = {&params::command, &params::container, &params::stderr_, &params::stdin_, &params::stdout_,
                       &params::tty};
            o.reply = answer::text;
            o.kind = {"", "v1", "PodExecOptions"};
            p.ops.push_back(std::move(o));
        }
        out.push_back(std::move(p));
    }
    auto create_sub = [&](const char* name, std::string suffix, const std::string& schema, const gvk& k,
                          std::string desc) {
        path_def p{item + "/" + name, at_item, {}};
        operation o = op("post", "post", "create", scope + kind + suffix, std::move(desc));
        o.query = write_params();
        o.request = body::object;
        o.codes = {"200", "201", "202"};
        o.schema = schema;
        o.kind = k;
        p.ops = {std::move(o)};
        return p;
    };
    if (r.subresources & has_binding)
        out.push_back(create_sub("binding", "Binding", "core.v1.Binding", {"", "v1", "Binding"},
                                 "Bind the named Pod to a node."));
    if (r.subresources & has_eviction)
        out.push_back(create_sub("eviction", "Eviction", "policy.v1.Eviction", {"policy", "v1", "Eviction"},
                                 "Evict the named Pod, honouring disruption budgets."));
    return out;
}

KUBESIM_DECL json render_path(const path_def& p, bool v3) {
    json j = json::object();
    if (!p.common.empty()) {
        j["parameters"] = json::array();
        for (const param* q : p.common) j["parameters"].push_back(v3 ? v3_param(*q) : v2_param(*q));
    }
    for (const operation& o : p.ops) j[o.method] = v3 ? render_v3(o) : render_v2(o);
    return j;
}

// Every "$ref" under j, as full schema names.
KUBESIM_DECL void collect_refs(const json& j, std::set<std::string>& out) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.key() == "$ref" && it->is_string()) {
                const std::string& ref = it->get_ref<const std::string&>();
                out.insert(ref.substr(ref.rfind('/') + 1));
            } else {
                collect_refs(*it, out);
            }
        }
    } else if (j.is_array()) {
        for (const json& e : j) collect_refs(e, out);
    }
}

// The named schemas and every schema they reach.
KUBESIM_DECL json schema_closure(std::set<std::string> names) {
    const json& all = schemas();
    json out = json::object();
    std::vector<std::string> todo(names.begin(), names.end());
    while (!todo.empty()) {
        std::string n = std::move(todo.back());
        todo.pop_back();
        if (out.contains(n)) continue;
        const json& s = all.at(n);
        out[n] = s;
        std::set<std::string> refs;
        collect_refs(s, refs);
        for (const std::string& r : refs)
            if (!out.contains(r)) todo.push_back(r);
    }
    return out;
}

KUBESIM_DECL json build_v3_document(const group_version& gv) {
    json doc = {{"openapi", "3.0.0"}, {"info", {{"title", "Kubernetes"}, {"version", "v1.33.0"}}}};
    doc["paths"] = json::object();
    std::set<std::string> roots;
    for (const resource_def& r : resources()) {
        if (std::string_view(r.group) != gv.group) continue;
        roots.insert(schema_name(r.schema));
        for (const path_def& p : resource_paths(gv, r)) doc["paths"][p.path] = render_path(p, true);
    }
    if (std::string_view(gv.group) == "autoscaling") roots.insert(schema_name("autoscaling.v1.Scale"));
    collect_refs(doc["paths"], roots);
    doc["components"]["schemas"] = schema_closure(std::move(roots));
    return doc;
}

// A v3 schema in swagger 2.0 form: "#/definitions/" refs, no allOf wrapping.
KUBESIM_DECL json to_v2(const json& s) {
    if (s.is_array()) {
        json out = json::array();
        for (const json& e : s) out.push_back(to_v2(e));
        return out;
    }
    if (!s.is_object()) return s;
    json out = json::object();
    for (auto it = s.begin(); it != s.end(); ++it) {
        if (it.key() == "allOf" && it->size() == 1 && (*it)[0].contains("$ref")) {
            const std::string& ref = (*it)[0]["$ref"].get_ref<const std::string&>();
            out["$ref"] = "#/definitions/" + ref.substr(ref.rfind('/') + 1);
        } else if (it.key() == "$ref" && it->is_string()) {
            const std::string& ref = it->get_ref<const std::string&>();
            out["$ref"] = "#/definitions/" + ref.substr(ref.rfind('/') + 1);
        } else {
            out[it.key()] = to_v2(*it);
        }
    }
    return out;
}

KUBESIM_DECL json build_v2_document() {
    json doc = {{"swagger", "2.0"}, {"info", {{"title", "Kubernetes"}, {"version", "v1.33.0"}}}};
    doc["paths"] = json::object();
    json definitions = json::object();
    for (const group_version& gv : group_versions()) {
        for (const resource_def& r : resources()) {
            if (std::string_view(r.group) != gv.group) continue;
            for (const path_def& p : resource_paths(gv, r)) doc["paths"][p.path] = render_path(p, false);
        }
        const json* v3 = v3_document(gv.path);
        for (auto it = (*v3)["components"]["schemas"].begin(); it != (*v3)["components"]["schemas"].end(); ++it)
            definitions[it.key()] = to_v2(*it);
    }
    // v2 has no oneOf: these two are strings there, as upstream publishes them.
    json& quantity = definitions[schema_name("Quantity")];
    quantity.erase("oneOf");
    quantity["type"] = "string";
    json& int_or_string = definitions[schema_name("IntOrString")];
    int_or_string.erase("oneOf");
    int_or_string["type"] = "string";
    doc["definitions"] = std::move(definitions);
    return doc;
}

// ---------------------------------------------------------------------------
// The v2 document as gnostic's openapi_v2.Document protobuf. Only the fields the
// JSON has are written; proto3 leaves out empty strings and false.

class pb_writer {
public:
    std::string out{};

    void varint(std::uint64_t v) {
        while (v >= 0x80) {
            out += static_cast<char>((v & 0x7F) | 0x80);
            v >>= 7;
        }
        out += static_cast<char>(v);
    }
    void key(unsigned field, unsigned wire) { varint((static_cast<std::uint64_t>(field) << 3) | wire); }
    void bytes(unsigned field, std::string_view b) {
        key(field, 2);
        varint(b.size());
        out.append(b.data(), b.size());
    }
    void str(unsigned field, const json& j) {
        if (j.is_string() && !j.get_ref<const std::string&>().empty()) bytes(field, j.get_ref<const std::string&>());
    }
    void boolean(unsigned field, bool v) {
        if (!v) return;
        key(field, 0);
        varint(1);
    }
    void strings(unsigned field, const json& j) {
        if (j.is_array())
            for (const json& e : j) bytes(field, e.get_ref<const std::string&>());
    }
};

// Any{yaml}: gnostic keeps extension and default values as YAML text; JSON is YAML.
KUBESIM_DECL std::string pb_any(const json& v) {
    pb_writer w;
    w.bytes(2, v.dump());
    return std::move(w.out);
}

// repeated NamedAny vendor_extension: the "x-" keys of j.
KUBESIM_DECL void pb_extensions(pb_writer& w, unsigned field, const json& j) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key().substr(0, 2) != "x-") continue;
        pb_writer named;
        named.bytes(1, it.key());
        named.bytes(2, pb_any(*it));
        w.bytes(field, named.out);
    }
}

KUBESIM_DECL std::string pb_schema(const json& s) {
    pb_writer w;
    w.str(1, s.value("$ref", json()));
    w.str(2, s.value("format", json()));
    w.str(4, s.value("description", json()));
    if (s.contains("default")) w.bytes(5, pb_any(s["default"]));
    w.strings(19, s.value("required", json()));
    if (s.contains("enum"))
        for (const json& e : s["enum"]) w.bytes(20, pb_any(e));
    if (s.contains("additionalProperties")) {
        pb_writer item;
        if (s["additionalProperties"].is_boolean())
            item.boolean(2, s["additionalProperties"].get<bool>());
        else
            item.bytes(1, pb_schema(s["additionalProperties"]));
        w.bytes(21, item.out);
    }
    if (s.contains("type")) {
        pb_writer t;
        t.bytes(1, s["type"].get_ref<const std::string&>());
        w.bytes(22, t.out);
    }
    if (s.contains("items")) {
        pb_writer items;
        items.bytes(1, pb_schema(s["items"]));
        w.bytes(23, items.out);
    }
    if (s.contains("properties")) {
        pb_writer props;
        for (auto it = s["properties"].begin(); it != s["properties"].end(); ++it) {
            pb_writer named;
            named.bytes(1, it.key());
            named.bytes(2, pb_schema(*it));
            props.bytes(1, named.out);
        }
        w.bytes(25, props.out);
    }
    pb_extensions(w, 31, s);
    return std::move(w.out);
}

KUBESIM_DECL std::string pb_parameter(const json& p) {
    pb_writer inner;
    pb_writer parameter;
    if (p["in"] == "body") {
        inner.str(1, p.value("description", json()));
        inner.str(2, p["name"]);
        inner.str(3, p["in"]);
        inner.boolean(4, p.value("required", false));
        inner.bytes(5, pb_schema(p["schema"]));
        parameter.bytes(1, inner.out);  // Parameter.body_parameter
    } else {
        const bool path = p["in"] == "path";
        inner.boolean(1, p.value("required", false));
        inner.str(2, p["in"]);
        inner.str(3, p.value("description", json()));
        inner.str(4, p["name"]);
        inner.str(path ? 5 : 6, p["type"]);
        inner.boolean(path ? 19 : 20, p.value("uniqueItems", false));
        pb_writer non_body;  // NonBodyParameter: query_parameter_sub_schema 3, path_parameter_sub_schema 4
        non_body.bytes(path ? 4 : 3, inner.out);
        parameter.bytes(2, non_body.out);
    }
    pb_writer item;  // ParametersItem.parameter
    item.bytes(1, parameter.out);
    return std::move(item.out);
}

KUBESIM_DECL std::string pb_operation(const json& op) {
    pb_writer w;
    w.strings(1, op.value("tags", json()));
    w.str(3, op.value("description", json()));
    w.str(5, op.value("operationId", json()));
    w.strings(6, op.value("produces", json()));
    w.strings(7, op.value("consumes", json()));
    if (op.contains("parameters"))
        for (const json& p : op["parameters"]) w.bytes(8, pb_parameter(p));
    pb_writer responses;
    for (auto it = op["responses"].begin(); it != op["responses"].end(); ++it) {
        pb_writer response;
        response.str(1, (*it)["description"]);
        if (it->contains("schema")) {
            pb_writer schema_item;
            schema_item.bytes(1, pb_schema((*it)["schema"]));
            response.bytes(2, schema_item.out);
        }
        pb_writer value;  // ResponseValue.response
        value.bytes(1, response.out);
        pb_writer named;
        named.bytes(1, it.key());
        named.bytes(2, value.out);
        responses.bytes(1, named.out);
    }
    w.bytes(9, responses.out);
    w.strings(10, op.value("schemes", json()));
    pb_extensions(w, 13, op);
    return std::move(w.out);
}

KUBESIM_DECL std::string pb_document(const json& doc) {
    pb_writer w;
    w.str(1, doc["swagger"]);
    pb_writer info;
    info.str(1, doc["info"]["title"]);
    info.str(2, doc["info"]["version"]);
    w.bytes(2, info.out);
    pb_writer paths;
    for (auto it = doc["paths"].begin(); it != doc["paths"].end(); ++it) {
        pb_writer item;
        // PathItem: get 2, put 3, post 4, delete 5, patch 8, parameters 9.
        static constexpr std::pair<const char*, unsigned> methods[] = {
            {"get", 2}, {"put", 3}, {"post", 4}, {"delete", 5}, {"patch", 8}};
        for (const auto& [method, field] : methods)
            if (it->contains(method)) item.bytes(field, pb_operation((*it)[method]));
        if (it->contains("parameters"))
            for (const json& p : (*it)["parameters"]) item.bytes(9, pb_parameter(p));
        pb_writer named;
        named.bytes(1, it.key());
        named.bytes(2, item.out);
        paths.bytes(2, named.out);
    }
    w.bytes(8, paths.out);
    pb_writer definitions;
    for (auto it = doc["definitions"].begin(); it != doc["definitions"].end(); ++it) {
        pb_writer named;
        named.bytes(1, it.key());
        named.bytes(2, pb_schema(*it));
        definitions.bytes(1, named.out);
    }
    w.bytes(9, definitions.out);
    return std::move(w.out);
}

// ---------------------------------------------------------------------------
// The index and strict field validation.

// 64-bit FNV-1a, as 16 upper-case hex digits: a stable name for a document's bytes.
KUBESIM_DECL std::string hex_hash(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    static constexpr char digits[] = "0123456789ABCDEF";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = digits[h & 0xF];
    return out;
}

struct documents {
    std::map<std::string, json, std::less<>> v3;
    json index;
};

KUBESIM_DECL const documents& v3_documents() {
    static const documents all = [] {
        documents d;
        d.index = {{"paths", json::object()}};
        for (const group_version& gv : group_versions()) {
            json doc = build_v3_document(gv);
            d.index["paths"][gv.path] = {
                {"serverRelativeURL", "/openapi/v3/" + std::string(gv.path) + "?hash=" + hex_hash(doc.dump())}};
            d.v3.emplace(gv.path, std::move(doc));
        }
        return d;
    }();
    return all;
}

// The schema a $ref or a one-element allOf stands for.
KUBESIM_DECL const json& resolve(const json& s) {
    const json* cur = &s;
    for (;;) {
        if (auto it = cur->find("$ref"); it != cur->end() && it->is_string()) {
            const std::string& ref = it->get_ref<const std::string&>();
            cur = &schemas().at(ref.substr(ref.rfind('/') + 1));
        } else if (auto all = cur->find("allOf");
                   all != cur->end() && all->size() == 1 && !cur->contains("properties")) {
            cur = &(*all)[0];
        } else {
            return *cur;
        }
    }
}

KUBESIM_DECL void find_unknown(const json& value, const json& schema, const std::string& path,
                               std::vector<std::string>& out) {
    const json& s = resolve(schema);
    if (value.is_object()) {
        auto props = s.find("properties");
        auto extra = s.find("additionalProperties");
        for (auto it = value.begin(); it != value.end(); ++it) {
            const std::string child = path.empty() ? it.key() : path + "." + it.key();
            if (props != s.end()) {
                auto p = props->find(it.key());
                if (p == props->end())
                    out.push_back(child);
                else
                    find_unknown(*it, *p, child, out);
            } else if (extra != s.end() && extra->is_object()) {
                find_unknown(*it, *extra, child, out);
            }
        }
    } else if (value.is_array()) {
        auto items = s.find("items");
        if (items == s.end()) return;
        for (std::size_t i = 0; i < value.size(); ++i)
            find_unknown(value[i], *items, path + "[" + std::to_string(i) + "]", out);
    }
}

}  // namespace kubesim::api::json::openapi::detail

namespace kubesim::api::json::openapi {

const nlohmann::json& v3_index() { return detail::v3_documents().index; }

const nlohmann::json* v3_document(std::string_view path) {
    const auto& docs = detail::v3_documents().v3;
    auto it = docs.find(path);
    return it == docs.end() ? nullptr : &it->second;
}

const nlohmann::json& v2_document() {
    static const nlohmann::json doc = detail::build_v2_document();
    return doc;
}

const std::string& v2_protobuf() {
    static const std::string bytes = detail::pb_document(v2_document());
    return bytes;
}

std::vector<std::string> unknown_fields(std::string_view api_version, std::string_view kind,
                                        const nlohmann::json& obj) {
    // The kinds by group, version and kind, from their x-kubernetes-group-version-kind.
    static const std::map<std::string, std::string, std::less<>> by_gvk = [] {
        std::map<std::string, std::string, std::less<>> m;
        const nlohmann::json& all = detail::schemas();
        for (auto it = all.begin(); it != all.end(); ++it) {
            auto ext = it->find("x-kubernetes-group-version-kind");
            if (ext == it->end()) continue;
            for (const nlohmann::json& g : *ext) {
                const std::string group = g["group"].get<std::string>();
                const std::string gv = (group.empty() ? "" : group + "/") + g["version"].get<std::string>();
                m.emplace(gv + " " + g["kind"].get<std::string>(), it.key());
            }
        }
        return m;
    }();
    std::vector<std::string> out;
    auto it = by_gvk.find(std::string(api_version) + " " + std::string(kind));
    if (it == by_gvk.end() || !obj.is_object()) return out;
    detail::find_unknown(obj, detail::schemas().at(it->second), "", out);
    return out;
}

}  // namespace kubesim::api::json::openapi
