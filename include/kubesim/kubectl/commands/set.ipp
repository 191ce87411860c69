// kubectl set image and set env: the pod template's containers, changed with a
// strategic merge patch as kubectl computes it.
#pragma once

#include <kubesim/kubectl/commands/node.ipp>
#include <kubesim/kubectl/commands/scale.ipp>
#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/output.hpp>

#include <kubesim/api/validation_names.hpp>

namespace kubesim::kubectl::detail {

namespace {

// Where a kind keeps its pod spec (polymorphichelpers.UpdatePodSpecForObject).
inline std::optional<json::json_pointer> set_pod_spec_path(const std::string& kind) {
    if (kind == "Pod") return json::json_pointer("/spec");
    if (kind == "Deployment" || kind == "ReplicaSet" || kind == "DaemonSet" || kind == "StatefulSet" ||
        kind == "Job" || kind == "ReplicationController")
        return json::json_pointer("/spec/template/spec");
    if (kind == "CronJob") return json::json_pointer("/spec/jobTemplate/spec/template/spec");
    return std::nullopt;
}

inline bool set_merges_by_name(const std::string& key) {
    return key == "containers" || key == "initContainers" || key == "env" || key == "volumes" || key == "volumeMounts" ||
           key == "ephemeralContainers";
}

// strategicpatch.CreateTwoWayMergePatch for the lists set touches: lists of
// containers, env, volumes merge by name (with $setElementOrder and $patch:
// delete), other lists are replaced, removed keys become null.
inline json set_two_way(const json& a, const json& b) {
    json patch = json::object();
    for (auto it = b.begin(); it != b.end(); ++it) {
        const auto& k = it.key();
        const json& nb = it.value();
        if (!a.contains(k)) {
            patch[k] = nb;
            continue;
        }
        const json& na = a[k];
        if (na == nb) continue;
        if (na.is_object() && nb.is_object()) {
            patch[k] = set_two_way(na, nb);
        } else if (na.is_array() && nb.is_array() && set_merges_by_name(k)) {
            json items = json::array(), order = json::array();
            for (const auto& e : nb) {
                const std::string name = e.value("name", std::string());
                order.push_back({{"name", name}});
                const auto old = std::find_if(na.begin(), na.end(),
                                              [&](const json& o) { return o.value("name", std::string()) == name; });
                if (old == na.end()) {
                    items.push_back(e);
                } else if (*old != e) {
                    json d = set_two_way(*old, e);
                    d["name"] = name;
                    items.push_back(std::move(d));
                }
            }
            for (const auto& o : na) {
                const std::string name = o.value("name", std::string());
                const bool kept = std::any_of(nb.begin(), nb.end(),
                                              [&](const json& e) { return e.value("name", std::string()) == name; });
                if (!kept) items.push_back({{"$patch", "delete"}, {"name", name}});
            }
            if (!items.empty()) {
                patch["$setElementOrder/" + k] = order;
                patch[k] = items;
            }
        } else {
            patch[k] = nb;
        }
    }
    for (auto it = a.begin(); it != a.end(); ++it)
        if (!b.contains(it.key())) patch[it.key()] = nullptr;
    return patch;
}

// pkg/cmd/set's selectString: '*' matches anything.
inline bool set_select(const std::string& s, const std::string& spec) {
    if (spec == "*") return true;
    if (spec.find('*') == std::string::npos) return s == spec;
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto star = spec.find('*', start);
        parts.push_back(spec.substr(start, star == std::string::npos ? std::string::npos : star - start));
        if (star == std::string::npos) break;
        start = star + 1;
    }
    std::size_t pos = 0;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        const auto& part = parts[i];
        if (part.empty()) continue;
        const auto found = s.find(part, pos);
        const auto next = found == std::string::npos ? std::string::npos : found - pos;
        if (next == std::string::npos || next < pos || (i == 0 && pos != 0) ||
            (i == parts.size() - 1 && s.size() != part.size() + next))
            return false;
        pos = next;
    }
    return true;
}

// The objects a set command names (resource args or -l/--all), read from the server.
inline std::vector<scale_info> set_infos(context& ctx, const std::vector<std::string>& resources, bool all,
                                  const std::string& selector) {
    std::vector<nodes_error> errors;
    auto infos = scale_builder_infos(ctx, resources, all, selector, errors);
    if (!errors.empty()) nodes_check_err(errors);
    return infos;
}

// Patches the object to `modified` (its pod spec changed) and prints
// "KIND.GROUP/NAME <what>"; nothing when nothing changed.
inline void set_patch(context& ctx, const scale_info& info, const json& modified, const std::string& what,
               const std::string& field_manager, const std::string& dry, std::vector<nodes_error>& errors,
               const std::string& failure, bool short_output) {
    const json patch = set_two_way(info.obj, modified);
    if (patch.empty()) return;
    const std::string suffix = dry == "client" ? " (dry run)" : dry == "server" ? " (server dry run)" : "";
    if (dry != "client") {
        std::string q = "?fieldManager=" + query_escape(field_manager);
        if (dry == "server") q = "?dryRun=All&" + q.substr(1);
        const auto r = ctx.api->call("PATCH", info.r->path(ctx.ns, info.obj["metadata"].value("name", std::string())) + q,
                                     patch.dump(), "application/strategic-merge-patch+json");
        if (r.status / 100 != 2) {
            errors.push_back({failure + status_error(r.parsed()).what()});
            return;
        }
    }
    ctx.out += nodes_line(short_output, scale_object_name(info), what + suffix);
}

inline int set_image(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.boolean("record");
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.boolean("all");
    f.string("selector", 'l');
    f.boolean("local");
    f.string("dry-run", 0, "none");
    f.string("field-manager", 0, "kubectl-set");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    std::vector<std::string> resources, pairs;
    bool found = false;
    for (const auto& s : args) {
        const bool pair = (s.find('=') != std::string::npos && s[0] != '=') || (s.size() > 1 && s.back() == '-');
        if (pair) {
            found = true;
            pairs.push_back(s);
        } else if (!found) {
            resources.push_back(s);
        } else {
            throw exit_error("error: all resources must be specified before image changes: " + s + "\n");
        }
    }
    std::vector<std::pair<std::string, std::string>> images;
    std::string invalid;
    for (const auto& p : pairs) {
        if (p.find('=') != std::string::npos && p[0] != '=') {
            const auto eq = p.find('=');
            const std::string k = p.substr(0, eq), v = p.substr(eq + 1);
            auto it = std::find_if(images.begin(), images.end(), [&](const auto& e) { return e.first == k; });
            if (it != images.end()) it->second = v;
            else images.emplace_back(k, v);
        } else {
            invalid += (invalid.empty() ? "" : ", ") + p;
        }
    }
    if (!invalid.empty()) throw exit_error("error: invalid image format: " + invalid + "\n");
    const auto infos = resources.empty() ? std::vector<scale_info>{}
                                         : set_infos(ctx, resources, f.on("all"), f.str("selector"));
    std::vector<std::string> verrs;
    if (f.on("all") && !f.str("selector").empty()) verrs.push_back("cannot set --all and --selector at the same time");
    if (resources.empty() && f.list("filename").empty())
        verrs.push_back("one or more resources must be specified as <resource> <name> or <resource>/<name>");
    const bool wildcard = std::any_of(images.begin(), images.end(), [](const auto& e) { return e.first == "*"; });
    if (images.empty()) verrs.push_back("at least one image update is required");
    else if (images.size() > 1 && wildcard)
        verrs.push_back("all containers are already specified by *, but saw more than one container_name=container_image pairs");
    if (!verrs.empty()) {
        std::vector<nodes_error> e;
        for (auto& v : verrs) e.push_back({v});
        nodes_check_err(e);
    }
    std::vector<nodes_error> errors;
    for (const auto& info : infos) {
        const auto path = set_pod_spec_path(info.r->kind);
        json modified = info.obj;
        if (!path) {
            errors.push_back({"error: " + info.r->resource + "/" + info.obj["metadata"].value("name", std::string()) +
                              " object of type " + info.r->kind + " does not have a pod spec\n"});
            continue;
        }
        json& spec = modified[*path];
        for (const auto& [name, image] : images) {
            bool any = false;
            for (const char* list : {"initContainers", "containers"}) {
                if (!spec.contains(list)) continue;
                for (auto& c : spec[list])
                    if (c.value("name", std::string()) == name || name == "*") {
                        c["image"] = image;
                        any = true;
                    }
            }
            if (!any) errors.push_back({"error: unable to find container named " + go_quote(name)});
        }
        set_patch(ctx, info, modified, "image updated", f.str("field-manager"), f.str("dry-run"), errors,
                  "failed to patch image update to pod template: ", f.str("output") == "name");
    }
    if (!errors.empty()) nodes_check_err(errors);
    return 0;
}

// envutil.GetEnvVarRefString.
inline std::string set_env_ref(const json& from) {
    if (from.contains("configMapKeyRef"))
        return "configmap " + from["configMapKeyRef"].value("name", std::string()) + ", key " +
               from["configMapKeyRef"].value("key", std::string());
    if (from.contains("secretKeyRef"))
        return "secret " + from["secretKeyRef"].value("name", std::string()) + ", key " +
               from["secretKeyRef"].value("key", std::string());
    if (from.contains("fieldRef")) return "field path " + from["fieldRef"].value("fieldPath", std::string());
    if (from.contains("resourceFieldRef")) {
        const auto& r = from["resourceFieldRef"];
        std::string s = "resource " + r.value("resource", std::string());
        if (r.contains("containerName") && !r["containerName"].get<std::string>().empty())
            s += ", container " + r["containerName"].get<std::string>();
        return s;
    }
    return "invalid valueFrom";
}

inline int set_env(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.string("containers", 'c', "*");
    f.string("from");
    f.string("prefix");
    f.strings("env", 'e');
    f.strings("keys");
    f.boolean("list");
    f.boolean("resolve");
    f.boolean("local");
    f.boolean("all");
    f.boolean("overwrite", 0, true);
    f.string("field-manager", 0, "kubectl-set");
    f.string("selector", 'l');
    f.string("dry-run", 0, "none");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (f.on("all") && !f.str("selector").empty())
        throw exit_error("error: cannot set --all and --selector at the same time\n");
    std::vector<std::string> resources, env_args;
    bool first = true;
    for (const auto& s : args) {
        const auto eq = s.find('=');
        const bool is_env = (eq != std::string::npos && eq > 0) || (!s.empty() && s.back() == '-');
        if (is_env) {
            first = false;
            env_args.push_back(s);
        } else if (first) {
            resources.push_back(s);
        } else {
            std::string all;
            for (const auto& a : args) all += (all.empty() ? "" : " ") + a;
            throw exit_error("error: all resources must be specified before environment changes: " + all + "\n");
        }
    }
    const auto out = output_options::from(f);
    if (f.list("filename").empty() && resources.empty())
        throw exit_error("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    if (f.on("list") && !out.format.empty()) throw exit_error("error: --list and --output may not be specified together\n");
    if (f.changed("keys") && f.str("from").empty())
        throw exit_error("error: when specifying --keys, a configmap or secret must be provided with --from\n");

    // envutil.ParseEnv over -e values then the arguments.
    std::vector<std::string> specs;
    if (const auto* e = f.find("env")) specs = e->values;
    specs.insert(specs.end(), env_args.begin(), env_args.end());
    json env = json::array();
    std::vector<std::string> remove;
    std::set<std::string> exists;
    for (const auto& spec : specs) {
        if (spec.find('=') != std::string::npos) {
            const auto eq = spec.find('=');
            const std::string name = spec.substr(0, eq);
            if (auto errs = api::validation::is_env_var_name(name); !errs.empty())
                throw exit_error("error: " + go_quote(name) + " is not a valid key name: " + drain_join(errs, ";") + "\n");
            exists.insert(name);
            env.push_back({{"name", name}, {"value", spec.substr(eq + 1)}});
        } else if (!spec.empty() && spec.back() == '-') {
            remove.push_back(spec.substr(0, spec.size() - 1));
        } else {
            throw exit_error("error: unknown environment variable: " + spec + "\n");
        }
    }
    for (const auto& r : remove)
        if (exists.count(r))
            throw exit_error("error: can not both modify and remove the same environment variable in the same command\n");
    if (!f.str("from").empty()) {
        for (const auto& info : set_infos(ctx, {f.str("from")}, false, "")) {
            const std::string kind = info.r->kind;
            if (kind != "Secret" && kind != "ConfigMap") throw exit_error("error: unsupported resource specified in --from\n");
            const auto keys = f.list("keys");
            const json data = info.obj.value("data", json::object());  // kept alive for the loop
            for (const auto& [key, value] : data.items()) {
                (void)value;
                if (!keys.empty() && std::find(keys.begin(), keys.end(), key) == keys.end()) continue;
                std::string name;
                for (char ch : key) {
                    const bool ok = std::isalnum(static_cast<unsigned char>(ch)) || ch == '_';
                    name += ok ? static_cast<char>(std::toupper(static_cast<unsigned char>(ch))) : '_';
                }
                if (name != key) ctx.err += "Warning: key " + key + " transferred to " + name + "\n";
                const char* ref = kind == "Secret" ? "secretKeyRef" : "configMapKeyRef";
                env.push_back({{"name", name},
                               {"valueFrom", {{ref, {{"key", key}, {"name", info.obj["metadata"]["name"]}}}}}});
            }
        }
    }
    if (!f.str("prefix").empty())
        for (auto& e : env) e["name"] = f.str("prefix") + e["name"].get<std::string>();

    const auto infos = set_infos(ctx, resources, f.on("all"), f.str("selector"));
    const std::string selector = f.str("containers");
    std::vector<nodes_error> errors;
    for (const auto& info : infos) {
        const auto path = set_pod_spec_path(info.r->kind);
        const std::string obj_name = info.obj["metadata"].value("name", std::string());
        if (!path) {
            errors.push_back({"error: " + info.r->resource + "/" + obj_name + " object of type " + info.r->kind +
                              " does not have a pod spec\n"});
            continue;
        }
        json modified = info.obj;
        json& spec = modified[*path];
        std::vector<json*> selected;
        for (const char* list : {"containers", "initContainers"}) {
            if (!spec.contains(list)) continue;
            for (auto& c : spec[list])
                if (set_select(c.value("name", std::string()), selector)) selected.push_back(&c);
        }
        if (selected.empty()) {
            ctx.err += "Warning: " + info.r->kind + "/" + obj_name + " does not have any containers matching " +
                       go_quote(selector) + "\n";
            continue;
        }
        std::string failed;
        for (json* c : selected) {
            const json existing = c->value("env", json::array());
            if (!f.on("overwrite")) {
                for (const auto& e : env) {
                    const auto cur = std::find_if(existing.begin(), existing.end(),
                                                  [&](const json& x) { return x["name"] == e["name"]; });
                    if (cur != existing.end() && cur->value("value", std::string()) != e.value("value", std::string())) {
                        failed = "'" + cur->value("name", std::string()) + "' already has a value (" +
                                 cur->value("value", std::string()) + "), and --overwrite is false";
                        break;
                    }
                }
                if (!failed.empty()) break;
            }
            // updateEnv: existing order, replaced in place; new ones appended.
            json next = json::array();
            std::set<std::string> covered(remove.begin(), remove.end());
            for (const auto& e : existing) {
                const std::string n = e.value("name", std::string());
                if (covered.count(n)) continue;
                const auto newer = std::find_if(env.begin(), env.end(), [&](const json& x) { return x["name"] == n; });
                if (newer != env.end()) {
                    covered.insert(n);
                    next.push_back(*newer);
                } else {
                    next.push_back(e);
                }
            }
            for (const auto& e : env) {
                const std::string n = e.value("name", std::string());
                if (covered.insert(n).second) next.push_back(e);
            }
            if (next.empty()) c->erase("env");
            else (*c)["env"] = next;
            if (f.on("list")) {
                ctx.out += "# " + info.r->kind + " " + obj_name + ", container " + c->value("name", std::string()) + "\n";
                for (const auto& e : next) {
                    if (!e.contains("valueFrom")) {
                        ctx.out += e.value("name", std::string()) + "=" + e.value("value", std::string()) + "\n";
                        continue;
                    }
                    ctx.out += "# " + e.value("name", std::string()) + " from " + set_env_ref(e["valueFrom"]) + "\n";
                }
            }
        }
        if (!failed.empty()) {
            errors.push_back({"error: " + info.r->resource + "/" + obj_name + " " + failed + "\n"});
            continue;
        }
        if (f.on("list")) continue;
        const json patch = set_two_way(info.obj, modified);
        if (patch.empty()) continue;
        if (env.empty() && env_args.empty()) throw exit_error("error: at least one environment variable must be provided\n");
        set_patch(ctx, info, modified, "env updated", f.str("field-manager"), f.str("dry-run"), errors,
                  "failed to patch env update to pod template: ", f.str("output") == "name");
    }
    if (f.on("list")) return 0;
    if (!errors.empty()) nodes_check_err(errors);
    return 0;
}

}  // namespace

int cmd_set(context& ctx, const std::vector<std::string>& argv) {
    // The subcommand: the first argument that is not a flag (global flags may come first).
    std::size_t at = argv.size();
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (argv[i].size() > 1 && argv[i][0] == '-') {
            if (argv[i].find('=') == std::string::npos && (argv[i] == "-n" || argv[i] == "--namespace")) ++i;
            continue;
        }
        at = i;
        break;
    }
    std::vector<std::string> rest = argv;
    if (at < argv.size()) rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(at));
    const std::string sub = at < argv.size() ? argv[at] : std::string();
    if (sub == "image") {
        ctx.command = "set image";
        return set_image(ctx, rest);
    }
    if (sub == "env") {
        ctx.command = "set env";
        return set_env(ctx, rest);
    }
    if (sub.empty()) throw exit_error("Configure application resources.\n");
    throw exit_error("error: unknown command " + go_quote(sub) + "\nSee 'kubectl set -h' for help and examples\n");
}

}  // namespace kubesim::kubectl::detail
