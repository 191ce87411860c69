// kubectl rollout: status (watching the rollout as the clock runs), history,
// undo, restart, pause and resume, through the same requests and patches.
#pragma once

#include <kubesim/kubectl/commands/follow.ipp>
#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/output.hpp>

#include <algorithm>
#include <map>
#include <set>

#include <kubesim/cluster.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::kubectl::detail {

namespace {

// The objects a rollout subcommand names, fetched like the resource builder's
// Latest(): a NotFound is the server's error.
struct rollout_info {
    const resource_info* r;
    json obj;
    std::string name, ns;
};

inline std::vector<rollout_info> rollout_objects(context& ctx, const std::vector<std::string>& args,
                                          const std::string& selector = {}) {
    std::vector<rollout_info> out;
    for (const auto& t : resource_args(ctx, args)) {
        if (t.names.empty()) {
            std::string q = t.info->path(ctx.ns);
            if (!selector.empty()) q += "?labelSelector=" + query_escape(selector);
            const auto list = ctx.api->get(q);
            for (auto item : list.value("items", json::array())) {
                item["apiVersion"] = t.info->group_version();
                item["kind"] = t.info->kind;
                const std::string name = item["metadata"].value("name", std::string());
                out.push_back({t.info, std::move(item), name, ctx.ns});
            }
            continue;
        }
        for (const auto& n : t.names) out.push_back({t.info, ctx.api->get(t.info->path(ctx.ns, n)), n, ctx.ns});
    }
    return out;
}

// schema.GroupKind's String(): "Pod", "Deployment.apps".
inline std::string rollout_group_kind(const resource_info& r) { return r.group.empty() ? r.kind : r.kind + "." + r.group; }

inline std::int64_t rollout_json_int(const json& o, const char* key) {
    const auto it = o.find(key);
    return it != o.end() && it->is_number() ? it->get<std::int64_t>() : 0;
}

// deploymentutil.Revision: the revision annotation (0 when absent).
inline std::int64_t rollout_revision(const json& obj) {
    const auto& ann = obj["metadata"].value("annotations", json::object());
    const auto it = ann.find("deployment.kubernetes.io/revision");
    if (it == ann.end() || !it->is_string()) return 0;
    try {
        return std::stoll(it->get<std::string>());
    } catch (const std::exception&) {
        return 0;
    }
}

// The StatusViewer's message for one observed object, and whether the rollout is done.
inline std::pair<std::string, bool> rollout_status_of(const json& obj, std::int64_t revision) {
    const std::string kind = obj.value("kind", std::string());
    const std::string name = obj["metadata"].value("name", std::string());
    const json& spec = obj.value("spec", json::object());
    const json& status = obj.value("status", json::object());
    const std::int64_t generation = rollout_json_int(obj["metadata"], "generation");
    const std::int64_t observed = rollout_json_int(status, "observedGeneration");
    if (kind == "Deployment") {
        if (revision > 0) {
            const auto running = rollout_revision(obj);
            if (revision != running)
                throw exit_error("error: desired revision (" + std::to_string(revision) +
                                 ") is different from the running revision (" + std::to_string(running) + ")\n");
        }
        if (generation > observed) return {"Waiting for deployment spec update to be observed...\n", false};
        for (const auto& c : status.value("conditions", json::array()))
            if (c.value("type", "") == "Progressing" && c.value("reason", "") == "ProgressDeadlineExceeded")
                throw exit_error("error: deployment " + go_quote(name) + " exceeded its progress deadline\n");
        const std::int64_t updated = rollout_json_int(status, "updatedReplicas");
        const std::int64_t replicas = rollout_json_int(status, "replicas");
        const std::int64_t available = rollout_json_int(status, "availableReplicas");
        const std::string prefix = "Waiting for deployment " + go_quote(name) + " rollout to finish: ";
        if (spec.contains("replicas") && updated < rollout_json_int(spec, "replicas"))
            return {prefix + std::to_string(updated) + " out of " + std::to_string(rollout_json_int(spec, "replicas")) +
                        " new replicas have been updated...\n",
                    false};
        if (replicas > updated)
            return {prefix + std::to_string(replicas - updated) + " old replicas are pending termination...\n", false};
        if (available < updated)
            return {prefix + std::to_string(available) + " of " + std::to_string(updated) +
                        " updated replicas are available...\n",
                    false};
        return {"deployment " + go_quote(name) + " successfully rolled out\n", true};
    }
    if (kind == "DaemonSet") {
        if (spec.value("updateStrategy", json::object()).value("type", "") != "RollingUpdate")
            throw exit_error("error: rollout status is only available for RollingUpdate strategy type\n");
        if (generation > observed) return {"Waiting for daemon set spec update to be observed...\n", false};
        const auto desired = rollout_json_int(status, "desiredNumberScheduled");
        const auto updated = rollout_json_int(status, "updatedNumberScheduled");
        const auto available = rollout_json_int(status, "numberAvailable");
        const std::string prefix = "Waiting for daemon set " + go_quote(name) + " rollout to finish: ";
        if (updated < desired)
            return {prefix + std::to_string(updated) + " out of " + std::to_string(desired) +
                        " new pods have been updated...\n",
                    false};
        if (available < desired)
            return {prefix + std::to_string(available) + " of " + std::to_string(desired) +
                        " updated pods are available...\n",
                    false};
        return {"daemon set " + go_quote(name) + " successfully rolled out\n", true};
    }
    // StatefulSet
    const json& strategy = spec.value("updateStrategy", json::object());
    if (strategy.value("type", "") != "RollingUpdate")
        throw exit_error("error: rollout status is only available for RollingUpdate strategy type\n");
    if (observed == 0 || generation > observed) return {"Waiting for statefulset spec update to be observed...\n", false};
    const bool has_replicas = spec.contains("replicas");
    const auto want = rollout_json_int(spec, "replicas");
    const auto ready = rollout_json_int(status, "readyReplicas");
    if (has_replicas && ready < want) return {"Waiting for " + std::to_string(want - ready) + " pods to be ready...\n", false};
    const auto updated = rollout_json_int(status, "updatedReplicas");
    if (strategy.contains("rollingUpdate") && strategy["rollingUpdate"].is_object()) {
        const auto& ru = strategy["rollingUpdate"];
        if (has_replicas && ru.contains("partition") && updated < want - rollout_json_int(ru, "partition"))
            return {"Waiting for partitioned roll out to finish: " + std::to_string(updated) + " out of " +
                        std::to_string(want - rollout_json_int(ru, "partition")) + " new pods have been updated...\n",
                    false};
        return {"partitioned roll out complete: " + std::to_string(updated) + " new pods have been updated...\n", true};
    }
    const std::string update_rev = status.value("updateRevision", ""), current_rev = status.value("currentRevision", "");
    if (update_rev != current_rev)
        return {"waiting for statefulset rolling update to complete " + std::to_string(updated) + " pods at revision " +
                    update_rev + "...\n",
                false};
    return {"statefulset rolling update complete " + std::to_string(rollout_json_int(status, "currentReplicas")) +
                " pods at revision " + current_rev + "...\n",
            true};
}

// ---- the pod template as describe prints it (rollout history --revision) ----------

inline void rollout_multiline(std::string& out, const std::string& title, const json& m, bool annotations) {
    out += title + ":\t";
    if (!m.is_object() || m.empty()) {
        out += "<none>\n";
        return;
    }
    bool first = true;
    for (const auto& [k, v] : m.items()) {  // nlohmann's object keeps keys sorted
        if (!first) out += "\t";
        first = false;
        const std::string value = v.is_string() ? v.get<std::string>() : v.dump();
        out += annotations ? k + ": " + value + "\n" : k + "=" + value + "\n";
    }
}

inline std::string rollout_ports(const json& ports, bool host) {
    std::string s;
    for (const auto& p : ports) {
        if (!s.empty()) s += ",";
        s += std::to_string(rollout_json_int(p, host ? "hostPort" : "containerPort")) + "/" + p.value("protocol", "TCP");
    }
    return s;
}

inline void rollout_containers(std::string& out, const std::string& label, const json& containers) {
    out += "  " + label + ":" + (containers.empty() ? " <none>" : "") + "\n";
    for (const auto& c : containers) {
        out += "   " + c.value("name", "") + ":\n";
        out += "    Image:\t" + c.value("image", "") + "\n";
        const auto& ports = c.value("ports", json::array());
        const std::string p = rollout_ports(ports, false), hp = rollout_ports(ports, true);
        out += p.find(',') != std::string::npos ? "    Ports:\t" + p + "\n" : "    Port:\t" + (p.empty() ? "<none>" : p) + "\n";
        out += hp.find(',') != std::string::npos ? "    Host Ports:\t" + hp + "\n"
                                                  : "    Host Port:\t" + (hp.empty() ? "<none>" : hp) + "\n";
        for (const char* key : {"command", "args"}) {
            const auto& words = c.value(key, json::array());
            if (words.empty()) continue;
            out += std::string("    ") + (key[0] == 'c' ? "Command" : "Args") + ":\n";
            for (const auto& w : words) {
                const std::string text = w.get<std::string>();
                std::size_t start = 0;
                for (;;) {
                    const auto nl = text.find('\n', start);
                    out += "      " + text.substr(start, nl == std::string::npos ? std::string::npos : nl - start) + "\n";
                    if (nl == std::string::npos) break;
                    start = nl + 1;
                }
            }
        }
        const auto& res = c.value("resources", json::object());
        for (const char* key : {"limits", "requests"}) {
            const auto& q = res.value(key, json::object());
            if (q.empty()) continue;
            out += std::string("    ") + (key[0] == 'l' ? "Limits" : "Requests") + ":\n";
            for (const auto& [k, v] : q.items()) out += "      " + k + ":\t" + (v.is_string() ? v.get<std::string>() : v.dump()) + "\n";
        }
        const auto& env = c.value("env", json::array());
        out += std::string("    Environment:") + (env.empty() ? "\t<none>" : "") + "\n";
        for (const auto& e : env) {
            const std::string name = e.value("name", "");
            if (!e.contains("valueFrom")) {
                const std::string value = e.value("value", "");
                std::size_t start = 0;
                for (bool first = true;; first = false) {
                    const auto nl = value.find('\n', start);
                    const std::string line = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
                    out += first ? "      " + name + ":\t" + line + "\n" : "      \t" + line + "\n";
                    if (nl == std::string::npos) break;
                    start = nl + 1;
                }
                continue;
            }
            const auto& from = e["valueFrom"];
            if (from.contains("fieldRef"))
                out += "      " + name + ":\t (" + from["fieldRef"].value("apiVersion", "v1") + ":" +
                       from["fieldRef"].value("fieldPath", "") + ")\n";
            else if (from.contains("configMapKeyRef"))
                out += "      " + name + ":\t<set to the key '" + from["configMapKeyRef"].value("key", "") +
                       "' of config map '" + from["configMapKeyRef"].value("name", "") + "'>\tOptional: " +
                       (from["configMapKeyRef"].value("optional", false) ? "true" : "false") + "\n";
            else if (from.contains("secretKeyRef"))
                out += "      " + name + ":\t<set to the key '" + from["secretKeyRef"].value("key", "") + "' in secret '" +
                       from["secretKeyRef"].value("name", "") + "'>\tOptional: " +
                       (from["secretKeyRef"].value("optional", false) ? "true" : "false") + "\n";
        }
        auto mounts = c.value("volumeMounts", json::array());
        out += std::string("    Mounts:") + (mounts.empty() ? "\t<none>" : "") + "\n";
        std::stable_sort(mounts.begin(), mounts.end(),
                         [](const json& a, const json& b) { return a.value("mountPath", "") < b.value("mountPath", ""); });
        for (const auto& m : mounts) {
            std::string flags = m.value("readOnly", false) ? "ro" : "rw";
            if (!m.value("subPath", "").empty()) flags += ",path=" + go_quote(m.value("subPath", ""));
            out += "      " + m.value("mountPath", "") + " from " + m.value("name", "") + " (" + flags + ")\n";
        }
    }
}

// describe.DescribePodTemplate, for the templates rollouts keep.
inline std::string rollout_describe_template(const json& t) {
    std::string out = "Pod Template:\n";
    const json& meta = t.value("metadata", json::object());
    const json& spec = t.value("spec", json::object());
    rollout_multiline(out, "  Labels", meta.value("labels", json::object()), false);
    if (!meta.value("annotations", json::object()).empty())
        rollout_multiline(out, "  Annotations", meta["annotations"], true);
    if (!spec.value("serviceAccountName", "").empty()) out += "  Service Account:\t" + spec.value("serviceAccountName", "") + "\n";
    if (!spec.value("initContainers", json::array()).empty())
        rollout_containers(out, "Init Containers", spec["initContainers"]);
    rollout_containers(out, "Containers", spec.value("containers", json::array()));
    const auto& volumes = spec.value("volumes", json::array());
    if (volumes.empty()) {
        out += "  Volumes:\t<none>\n";
    } else {
        out += "  Volumes:\n";
        for (const auto& v : volumes) {
            out += "   " + v.value("name", "") + ":\n";
            if (v.contains("emptyDir")) {
                out += "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" +
                       v["emptyDir"].value("medium", "") + "\n    SizeLimit:\t" +
                       (v["emptyDir"].contains("sizeLimit") ? v["emptyDir"].value("sizeLimit", "") : "<unset>") + "\n";
            } else if (v.contains("configMap")) {
                out += "    Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" +
                       v["configMap"].value("name", "") + "\n    Optional:\t" +
                       (v["configMap"].value("optional", false) ? "true" : "false") + "\n";
            } else if (v.contains("secret")) {
                out += "    Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" +
                       v["secret"].value("secretName", "") + "\n    Optional:\t" +
                       (v["secret"].value("optional", false) ? "true" : "false") + "\n";
            }
        }
    }
    rollout_multiline(out, "  Node-Selectors", spec.value("nodeSelector", json::object()), false);
    out += "  Tolerations:\t";
    const auto& tolerations = spec.value("tolerations", json::array());
    if (tolerations.empty()) out += "<none>\n";
    for (std::size_t i = 0; i < tolerations.size(); ++i) {
        const auto& tol = tolerations[i];
        if (i) out += "\t";
        const std::string key = tol.value("key", ""), value = tol.value("value", ""), effect = tol.value("effect", "");
        out += key;
        if (!value.empty()) out += "=" + value;
        if (!effect.empty()) out += ":" + effect;
        if (tol.value("operator", "") == "Exists" && value.empty()) out += key.empty() ? "op=Exists" : " op=Exists";
        if (tol.contains("tolerationSeconds") && tol["tolerationSeconds"].is_number())
            out += " for " + std::to_string(tol["tolerationSeconds"].get<std::int64_t>()) + "s";
        out += "\n";
    }
    if (!spec.value("priorityClassName", "").empty()) out += "  Priority Class Name:\t" + spec.value("priorityClassName", "") + "\n";
    return out;
}

// ---- a deployment's ReplicaSets (deploymentutil.GetAllReplicaSets) -----------------

inline std::string rollout_selector_string(const json& selector) {
    // metav1.LabelSelectorAsSelector's String(): requirements sorted by key.
    std::vector<std::pair<std::string, std::string>> parts;
    const json labels = selector.value("matchLabels", json::object());
    for (const auto& [k, v] : labels.items()) parts.emplace_back(k, k + "=" + v.get<std::string>());
    for (const auto& e : selector.value("matchExpressions", json::array())) {
        const std::string key = e.value("key", ""), op = e.value("operator", "");
        std::vector<std::string> values = e.value("values", std::vector<std::string>{});
        std::sort(values.begin(), values.end());
        std::string list;
        for (const auto& v : values) list += (list.empty() ? "" : ",") + v;
        if (op == "In") parts.emplace_back(key, key + " in (" + list + ")");
        else if (op == "NotIn") parts.emplace_back(key, key + " notin (" + list + ")");
        else if (op == "Exists") parts.emplace_back(key, key);
        else if (op == "DoesNotExist") parts.emplace_back(key, "!" + key);
    }
    std::stable_sort(parts.begin(), parts.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : ",") + p.second;
    return s;
}

inline std::vector<json> rollout_replica_sets(context& ctx, const json& deployment) {
    const std::string ns = deployment["metadata"].value("namespace", ctx.ns);
    const std::string uid = deployment["metadata"].value("uid", "");
    const auto sel = rollout_selector_string(deployment["spec"].value("selector", json::object()));
    const auto list = ctx.api->get("/apis/apps/v1/namespaces/" + ns + "/replicasets?labelSelector=" + query_escape(sel));
    std::vector<json> out;
    for (const auto& rs : list.value("items", json::array())) {
        for (const auto& ref : rs["metadata"].value("ownerReferences", json::array()))
            if (ref.value("controller", false) && ref.value("uid", "") == uid) out.push_back(rs);
    }
    return out;
}

// apiequality.Semantic.DeepEqual of two JSON forms: null, empty maps and empty
// lists are the zero value (absent).
inline json rollout_normalized(const json& v) {
    if (v.is_object()) {
        json out = json::object();
        for (const auto& [k, x] : v.items()) {
            auto n = rollout_normalized(x);
            if (n.is_null() || ((n.is_object() || n.is_array()) && n.empty())) continue;
            out[k] = std::move(n);
        }
        return out;
    }
    if (v.is_array()) {
        json out = json::array();
        for (const auto& x : v) out.push_back(rollout_normalized(x));
        return out;
    }
    return v;
}

inline bool rollout_templates_equal(json a, json b) {
    for (json* t : {&a, &b})
        if (t->contains("metadata") && (*t)["metadata"].contains("labels")) (*t)["metadata"]["labels"].erase("pod-template-hash");
    return rollout_normalized(a) == rollout_normalized(b);
}

// ---- the subcommands ------------------------------------------------------------------

inline void rollout_require(const std::vector<std::string>& args, const flag_set& f) {
    if (args.empty() && f.list("filename").empty()) throw exit_error("error: required resource not specified\n");
}

inline int rollout_status(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.boolean("watch", 'w', true);
    f.integer("revision");
    f.duration("timeout", 0, "0s");
    f.string("selector", 'l');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    rollout_require(args, f);
    const auto revision = f.num("revision");
    if (revision < 0) throw exit_error("error: revision must be a positive integer: " + std::to_string(revision) + "\n");
    const auto targets = resource_args(ctx, args);
    if (targets.size() > 1) throw exit_error("error: you must provide one or more resources by argument or filename\n");
    const auto infos = rollout_objects(ctx, args, f.str("selector"));
    if (infos.size() != 1)
        throw exit_error("error: rollout status is only supported on individual resources and resource collections - " +
                         std::to_string(infos.size()) + " resources were found\n");
    const auto& info = infos[0];
    const std::string gk = rollout_group_kind(*info.r);
    if (gk != "Deployment.apps" && gk != "DaemonSet.apps" && gk != "StatefulSet.apps")
        throw exit_error("error: no status viewer has been implemented for " + gk + "\n");
    const bool watch = f.on("watch");
    const bool done = follow_object(ctx, *info.r, info.ns, info.name, follow_deadline(ctx, f.seconds("timeout")),
                                    [&](const json& e) {
                                        const std::string type = e.value("type", "");
                                        if (type == "DELETED") throw exit_error("error: object has been deleted\n");
                                        if (type != "ADDED" && type != "MODIFIED") return false;
                                        const auto [msg, finished] = rollout_status_of(e["object"], revision);
                                        ctx.out += msg;
                                        return finished || !watch;
                                    });
    if (!done) throw exit_error("error: timed out waiting for the condition\n");
    return 0;
}

inline int rollout_history(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.integer("revision");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    rollout_require(args, f);
    const auto revision = f.num("revision");
    if (revision < 0) throw exit_error("error: revision must be a positive integer: " + std::to_string(revision) + "\n");
    for (const auto& info : rollout_objects(ctx, args)) {
        const std::string gk = rollout_group_kind(*info.r);
        if (gk != "Deployment.apps") throw exit_error("error: no history viewer has been implemented for " + go_quote(gk) + "\n");
        const auto deployment = ctx.api->get(info.r->path(info.ns, info.name));
        std::map<std::int64_t, json> history;  // revision -> template (change-cause in its annotations)
        for (const auto& rs : rollout_replica_sets(ctx, deployment)) {
            const auto& ann = rs["metadata"].value("annotations", json::object());
            const auto it = ann.find("deployment.kubernetes.io/revision");
            if (it == ann.end()) continue;
            std::int64_t v = 0;
            try {
                v = std::stoll(it->get<std::string>());
            } catch (const std::exception&) {
                continue;
            }
            json t = rs["spec"].value("template", json::object());
            if (ann.contains("kubernetes.io/change-cause") && !ann["kubernetes.io/change-cause"].get<std::string>().empty())
                t["metadata"]["annotations"]["kubernetes.io/change-cause"] = ann["kubernetes.io/change-cause"];
            history[v] = std::move(t);
        }
        std::string text;
        if (history.empty()) {
            text = "No rollout history found.";
        } else if (revision > 0) {
            const auto it = history.find(revision);
            if (it == history.end()) throw exit_error("error: unable to find the specified revision\n");
            text = rollout_describe_template(it->second);
        } else {
            tabwriter w(0, 8, 2);
            w.write("REVISION\tCHANGE-CAUSE\n");
            for (const auto& [r, t] : history) {
                std::string cause = t["metadata"].value("annotations", json::object()).value("kubernetes.io/change-cause", "");
                w.write(std::to_string(r) + "\t" + (cause.empty() ? "<none>" : cause) + "\n");
            }
            text = w.flush();
        }
        const std::string with = revision > 0 ? "with revision #" + std::to_string(revision) : "";
        ctx.out += object_name(deployment) + " " + with + "\n" + text + "\n";
    }
    return 0;
}

inline int rollout_undo(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.integer("to-revision");
    f.string("dry-run", 0, "none");
    f.string("selector", 'l');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    rollout_require(args, f);
    const std::string dry = f.str("dry-run");
    if (dry != "none" && dry != "server" && dry != "client" && dry != "false" && dry != "true")
        throw exit_error("error: Invalid dry-run value (" + dry + "). Must be \"none\", \"server\", or \"client\".\n");
    const bool server_dry = dry == "server", client_dry = dry == "client" || dry == "true";
    const auto to = f.num("to-revision");
    for (const auto& info : rollout_objects(ctx, args, f.str("selector"))) {
        const std::string gk = rollout_group_kind(*info.r);
        if (gk != "Deployment.apps") throw exit_error("error: no rollbacker has been implemented for " + go_quote(gk) + "\n");
        if (to < 0) throw exit_error("error: unable to find specified revision " + std::to_string(to) + " in history\n");
        const auto deployment = ctx.api->get(info.r->path(info.ns, info.name));
        // The ReplicaSet of the revision asked for, or the one before the latest.
        const json* target = nullptr;
        const json* latest = nullptr;
        std::int64_t latest_rev = -1, previous_rev = -1;
        const auto sets = rollout_replica_sets(ctx, deployment);
        for (const auto& rs : sets) {
            const auto& ann = rs["metadata"].value("annotations", json::object());
            if (!ann.contains("deployment.kubernetes.io/revision")) continue;
            std::int64_t v = 0;
            try {
                v = std::stoll(ann["deployment.kubernetes.io/revision"].get<std::string>());
            } catch (const std::exception&) {
                continue;
            }
            if (to == 0) {
                if (latest_rev < v) {
                    previous_rev = latest_rev;
                    target = latest;
                    latest_rev = v;
                    latest = &rs;
                } else if (previous_rev < v) {
                    previous_rev = v;
                    target = &rs;
                }
            } else if (to == v) {
                target = &rs;
                break;
            }
        }
        if (!target) {
            if (to > 0) throw exit_error("error: unable to find specified revision " + std::to_string(to) + " in history\n");
            throw exit_error("error: no rollout history found for deployment " + go_quote(info.name) + "\n");
        }
        json tmpl = (*target)["spec"].value("template", json::object());
        std::string result;
        if (client_dry) {
            result = rollout_describe_template(tmpl);
        } else if (deployment["spec"].value("paused", false)) {
            throw exit_error("error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout "
                             "resume' and try again\n");
        } else if (rollout_templates_equal(tmpl, deployment["spec"].value("template", json::object()))) {
            result = "skipped rollback (current template already matches revision " + std::to_string(to) + ")";
        } else {
            if (tmpl.contains("metadata") && tmpl["metadata"].contains("labels"))
                tmpl["metadata"]["labels"].erase("pod-template-hash");
            static const std::set<std::string> keep{"kubectl.kubernetes.io/last-applied-configuration",
                                                    "deployment.kubernetes.io/revision",
                                                    "deployment.kubernetes.io/revision-history",
                                                    "deployment.kubernetes.io/desired-replicas",
                                                    "deployment.kubernetes.io/max-replicas",
                                                    "deprecated.deployment.rollback.to"};
            json annotations = json::object();
            const json current = deployment["metadata"].value("annotations", json::object());
            const json recorded = (*target)["metadata"].value("annotations", json::object());
            for (const auto& [k, v] : current.items())
                if (keep.count(k)) annotations[k] = v;
            for (const auto& [k, v] : recorded.items())
                if (!keep.count(k)) annotations[k] = v;
            const json patch = json::array({{{"op", "replace"}, {"path", "/spec/template"}, {"value", tmpl}},
                                            {{"op", "replace"}, {"path", "/metadata/annotations"}, {"value", annotations}}});
            const auto r = ctx.api->call("PATCH", info.r->path(info.ns, info.name) + (server_dry ? "?dryRun=All" : ""),
                                         patch.dump(), "application/json-patch+json");
            if (r.status / 100 != 2)
                throw exit_error("error: failed restoring revision " + std::to_string(to) + ": " +
                                 status_error(r.parsed()).what() + "\n");
            result = "rolled back";
        }
        if (server_dry) result += " (server dry run)";
        else if (client_dry) result += " (dry run)";
        ctx.out += object_name(info.obj) + " " + result + "\n";
    }
    return 0;
}

// pause, resume and restart: a strategic merge patch computed from the object
// (set.CalculatePatches), sent with fieldManager kubectl-rollout.
inline int rollout_patch(context& ctx, const std::vector<std::string>& argv, const std::string& verb) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.string("field-manager", 0, "kubectl-rollout");
    if (verb == "restart") f.string("selector", 'l');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    rollout_require(args, f);
    std::vector<std::string> errors;
    for (const auto& info : rollout_objects(ctx, args, f.str("selector"))) {
        const std::string gk = rollout_group_kind(*info.r);
        const std::string what = info.r->qualified() + " " + go_quote(info.name) + " ";
        const bool deployment = gk == "Deployment.apps";
        const bool paused = info.obj["spec"].value("paused", false);
        json patch;
        if (verb == "pause" || verb == "resume") {
            if (!deployment) {
                errors.push_back("error: " + what + (verb == "pause" ? "pausing" : "resuming") + " is not supported");
                continue;
            }
            if (verb == "pause" && paused) {
                errors.push_back("error: " + what + "is already paused");
                continue;
            }
            if (verb == "resume" && !paused) {
                errors.push_back("error: " + what + "is not paused");
                continue;
            }
            patch = {{"spec", {{"paused", verb == "pause" ? json(true) : json(nullptr)}}}};
        } else {
            if (!deployment && gk != "DaemonSet.apps" && gk != "StatefulSet.apps") {
                errors.push_back("error: " + what + "restarting is not supported");
                continue;
            }
            if (deployment && paused) {
                errors.push_back("error: " + what + "can't restart paused deployment (run rollout resume first)");
                continue;
            }
            patch = {{"spec",
                      {{"template",
                        {{"metadata",
                          {{"annotations", {{"kubectl.kubernetes.io/restartedAt", sim::to_rfc3339(ctx.c->now())}}}}}}}}}};
        }
        const auto r = ctx.api->call("PATCH",
                                     info.r->path(info.ns, info.name) + "?fieldManager=" + query_escape(f.str("field-manager")),
                                     patch.dump(), "application/strategic-merge-patch+json");
        if (r.status / 100 != 2) {
            errors.push_back(std::string("failed to patch: ") + status_error(r.parsed()).what());
            continue;
        }
        const std::string done = verb == "pause" ? "paused" : verb == "resume" ? "resumed" : "restarted";
        ctx.out += object_name(r.parsed()) + " " + done + "\n";
    }
    if (errors.empty()) return 0;
    // utilerrors.NewAggregate's message: one error as is, several in brackets.
    std::string msg;
    if (errors.size() == 1) {
        msg = errors[0];
    } else {
        msg = "[";
        for (std::size_t i = 0; i < errors.size(); ++i) msg += (i ? ", " : "") + errors[i];
        msg += "]";
    }
    if (msg.rfind("error: ", 0) != 0) msg = "error: " + msg;
    throw exit_error(msg + "\n");
}

}  // namespace

int cmd_rollout(context& ctx, const std::vector<std::string>& argv) {
    std::size_t at = 0;
    while (at < argv.size() && !argv[at].empty() && argv[at][0] == '-') ++at;
    if (at == argv.size()) {
        ctx.out += "Manage the rollout of one or many resources.\n";
        return 0;
    }
    const std::string sub = argv[at];
    std::vector<std::string> rest(argv.begin(), argv.begin() + static_cast<std::ptrdiff_t>(at));
    rest.insert(rest.end(), argv.begin() + static_cast<std::ptrdiff_t>(at) + 1, argv.end());
    ctx.command = "rollout " + sub;
    if (sub == "status") return rollout_status(ctx, rest);
    if (sub == "history") return rollout_history(ctx, rest);
    if (sub == "undo") return rollout_undo(ctx, rest);
    if (sub == "pause" || sub == "resume" || sub == "restart") return rollout_patch(ctx, rest, sub);
    throw exit_error("error: unknown command " + go_quote(sub) + " for \"kubectl rollout\"\n");
}

}  // namespace kubesim::kubectl::detail
