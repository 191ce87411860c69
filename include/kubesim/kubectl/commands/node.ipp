// kubectl cordon, uncordon, drain and taint: the node commands.
#pragma once

#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/output.hpp>

#include <algorithm>
#include <cstdio>
#include <set>

#include <kubesim/api/labels.hpp>
#include <kubesim/api/validation_names.hpp>
#include <kubesim/cluster.hpp>

namespace kubesim::kubectl::detail {

namespace {

// An error as cmdutil.CheckErr sees it: an API Status (printed "Error from
// server (Reason): ...") or plain text.
struct nodes_error {
    std::string text;
    bool api = false;
    static nodes_error of(const status_error& e) { return {e.kubectl_message(), true}; }
};

// CheckErr of one error or of an aggregate: one error prints "error: TEXT"
// (API errors as they are); several print one line each, without the prefix.
[[noreturn]] inline void nodes_check_err(const std::vector<nodes_error>& errs) {
    if (errs.size() == 1) {
        const auto& e = errs[0];
        std::string text = e.api || e.text.rfind("error: ", 0) == 0 ? e.text : "error: " + e.text;
        if (text.empty() || text.back() != '\n') text += '\n';
        throw exit_error(text);
    }
    std::string text;
    for (const auto& e : errs) text += e.text + "\n";
    throw exit_error(text);
}

// cmdutil.UsageErrorf.
[[noreturn]] inline void nodes_usage_error(const std::string& command_path, const std::string& msg) {
    const std::string text = msg + "\nSee 'kubectl " + command_path + " -h' for help and examples";
    throw exit_error((text.rfind("error: ", 0) == 0 ? text : "error: " + text) + "\n");
}

// Go's fmt %v of a []string: [a b].
inline std::string nodes_go_list(const std::vector<std::string>& v) {
    std::string s = "[";
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? " " : "") + v[i];
    return s + "]";
}

// The nodes named on the command line (NAME or TYPE/NAME, as ResourceNames("nodes",
// ...) reads them), or those a label selector picks. The first error stops.
inline std::vector<json> nodes_fetch(context& ctx, const std::vector<std::string>& args, const std::string& selector) {
    const auto* nodes = ctx.rm->find("nodes");
    std::vector<json> out;
    if (!selector.empty() && args.empty()) {
        auto list = ctx.api->get(nodes->path("") + "?labelSelector=" + query_escape(selector) + "&limit=500");
        for (auto& n : list["items"]) out.push_back(std::move(n));
        return out;
    }
    for (const auto& a : args) {
        std::string name = a;
        const resource_info* r = nodes;
        if (const auto slash = a.find('/'); slash != std::string::npos) {
            const std::string type = a.substr(0, slash);
            name = a.substr(slash + 1);
            r = ctx.rm->find(type);
            if (!r) throw exit_error("error: the server doesn't have a resource type " + go_quote(type) + "\n");
        }
        auto obj = ctx.api->get(r->path(ctx.ns, name));
        if (r->resource != "nodes")
            throw exit_error("error: error: expected resource of type node, got " + go_quote(r->resource) + "\n");
        out.push_back(std::move(obj));
    }
    return out;
}

inline std::string nodes_name(const json& node) { return "node/" + node["metadata"].value("name", std::string()); }

// The name printer's line: "node/x cordoned", or "node/x" alone with -o name.
inline std::string nodes_line(bool short_output, const std::string& name, const std::string& operation) {
    return short_output ? name + "\n" : name + " " + operation + "\n";
}

// CordonHelper: patches spec.unschedulable when it differs from `desired`.
inline void nodes_cordon(context& ctx, const std::vector<json>& nodes, bool desired, bool dry_client, bool dry_server,
                  bool short_output) {
    const std::string word = desired ? "cordon" : "uncordon";
    for (const auto& n : nodes) {
        const std::string name = n["metadata"].value("name", std::string());
        const bool current = n.contains("spec") && n["spec"].value("unschedulable", false);
        const std::string suffix = dry_client ? " (dry run)" : dry_server ? " (server dry run)" : "";
        if (current == desired) {
            ctx.out += nodes_line(short_output, nodes_name(n), "already " + word + "ed" + suffix);
            continue;
        }
        if (!dry_client) {
            const json patch = {{"spec", {{"unschedulable", desired ? json(true) : json(nullptr)}}}};
            const auto r = ctx.api->call("PATCH", "/api/v1/nodes/" + name + (dry_server ? "?dryRun=All" : ""),
                                         patch.dump(), "application/strategic-merge-patch+json");
            if (r.status / 100 != 2) {
                ctx.err += "error: unable to " + word + " node " + go_quote(name) + ": " +
                           status_error(r.parsed()).what() + "\n";
                continue;
            }
        }
        ctx.out += nodes_line(short_output, nodes_name(n), word + "ed" + suffix);
    }
}

inline int nodes_cordon_command(context& ctx, const std::vector<std::string>& argv, bool desired) {
    flag_set f;
    add_global_flags(f);
    f.string("selector", 'l');
    f.string("dry-run", 0, "none");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const std::string word = desired ? "cordon" : "uncordon";
    if (args.empty() && !f.changed("selector")) nodes_usage_error(word, "USAGE: " + word + " NODE [flags]");
    if (!args.empty() && !f.str("selector").empty())
        nodes_usage_error(word, "error: cannot specify both a node name and a --selector option");
    const std::string dry = f.str("dry-run");
    const auto nodes = nodes_fetch(ctx, args, f.str("selector"));
    nodes_cordon(ctx, nodes, desired, dry == "client", dry == "server", f.str("output") == "name");
    return 0;
}

// ---- drain ------------------------------------------------------------------------------

struct drain_pod {
    json pod;
    bool remove = true;
    std::string reason;  // "", "Warning", "Error", "Skip"
    std::string message;
};

inline const json* drain_controller_of(const json& pod) {
    const auto& m = pod["metadata"];
    if (!m.contains("ownerReferences")) return nullptr;
    for (const auto& o : m["ownerReferences"])
        if (o.value("controller", false)) return &o;
    return nullptr;
}

inline std::string drain_pod_key(const json& pod) {
    return pod["metadata"].value("namespace", std::string()) + "/" + pod["metadata"].value("name", std::string());
}

struct drain_options {
    bool force = false, ignore_daemonsets = false, delete_emptydir = false;
    std::int64_t grace = -1;
    double timeout = 0;  // seconds, 0: none
    std::string pod_selector;
    bool disable_eviction = false;
};

// drain.Helper's filters, in their order; the first that keeps a pod decides.
inline drain_pod drain_filter(context& ctx, const drain_options& o, json pod) {
    drain_pod d;
    d.pod = std::move(pod);
    const auto& p = d.pod;
    const std::string phase = p.contains("status") ? p["status"].value("phase", std::string()) : std::string();
    const bool finished = phase == "Succeeded" || phase == "Failed";
    const auto status = [&](bool remove, std::string reason, std::string message) {
        d.remove = remove;
        d.reason = std::move(reason);
        d.message = std::move(message);
        return d;
    };
    const json* ctrl = drain_controller_of(p);
    if (ctrl && ctrl->value("kind", std::string()) == "DaemonSet" && !finished) {
        const auto r = ctx.api->call("GET", "/apis/apps/v1/namespaces/" + p["metadata"].value("namespace", std::string()) +
                                                "/daemonsets/" + ctrl->value("name", std::string()));
        if (r.status / 100 != 2) {
            const status_error e(r.parsed());
            if (e.reason() == "NotFound" && o.force) return status(true, "Warning", e.what());
            return status(false, "Error", e.what());
        }
        if (!o.ignore_daemonsets) return status(false, "Error", "DaemonSet-managed Pods (use --ignore-daemonsets to ignore)");
        return status(false, "Warning", "ignoring DaemonSet-managed Pods");
    }
    if (p["metadata"].contains("annotations") && p["metadata"]["annotations"].contains("kubernetes.io/config.mirror"))
        return status(false, "Skip", "");
    bool local_storage = false;
    if (p.contains("spec") && p["spec"].contains("volumes"))
        for (const auto& v : p["spec"]["volumes"])
            if (v.contains("emptyDir")) local_storage = true;
    if (local_storage && !finished) {
        if (!o.delete_emptydir) return status(false, "Error", "Pods with local storage (use --delete-emptydir-data to override)");
        // Upstream's later filters overwrite this warning (a TODO there): kept only if they pass silently.
        d.reason = "Warning";
        d.message = "deleting Pods with local storage";
    }
    if (finished || ctrl) return d.reason.empty() ? status(true, "Okay", "") : d;
    if (o.force) return status(true, "Warning", "deleting Pods that declare no controller");
    return status(false, "Error", "cannot delete Pods that declare no controller (use --force to override)");
}

// Messages with their pods, in first-seen order (upstream ranges over a map:
// its order is random when there are several).
inline std::vector<std::pair<std::string, std::vector<std::string>>> drain_group(const std::vector<drain_pod>& pods,
                                                                          std::string_view reason) {
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& d : pods) {
        if (d.reason != reason) continue;
        const std::string msg = d.message.empty() ? "unexpected error" : d.message;
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == msg; });
        if (it == out.end()) out.push_back({msg, {}}), it = out.end() - 1;
        it->second.push_back(drain_pod_key(d.pod));
    }
    return out;
}

inline std::string drain_join(const std::vector<std::string>& v, std::string_view sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? std::string(sep) : "") + v[i];
    return s;
}

// GetPodsForDeletion: the node's pods through the filters; the errors the list holds.
inline std::vector<drain_pod> drain_pods_for_deletion(context& ctx, const drain_options& o, const std::string& node,
                                               std::vector<std::string>& errors) {
    std::string q = "?fieldSelector=" + query_escape("spec.nodeName=" + node);
    if (!o.pod_selector.empty()) {
        auto sel = api::labels::parse(o.pod_selector);
        if (sel && !sel->to_string().empty()) q += "&labelSelector=" + query_escape(sel->to_string());
    }
    q += "&limit=500";
    auto list = ctx.api->get("/api/v1/pods" + q);
    std::vector<drain_pod> out;
    for (auto& p : list["items"]) out.push_back(drain_filter(ctx, o, std::move(p)));
    for (const auto& [msg, pods] : drain_group(out, "Error"))
        errors.push_back("cannot delete " + msg + ": " + drain_join(pods, ", "));
    return out;
}

// Evicts (or deletes) the pods and waits for them to be gone, on the simulated clock.
inline std::vector<std::string> drain_evict(context& ctx, const drain_options& o, const std::vector<json>& pods) {
    std::vector<std::string> errors;
    struct pending {
        json pod;
        bool waiting = true;
    };
    std::vector<pending> wait;
    const bool eviction = !o.disable_eviction;
    for (const auto& p : pods) {
        const std::string ns = p["metadata"].value("namespace", std::string());
        const std::string name = p["metadata"].value("name", std::string());
        const std::string path = "/api/v1/namespaces/" + ns + "/pods/" + name;
        reply r;
        if (eviction) {
            ctx.out += "evicting pod " + ns + "/" + name + "\n";
            json ev = {{"apiVersion", "policy/v1"}, {"kind", "Eviction"},
                       {"metadata", {{"name", name}, {"namespace", ns}}}, {"deleteOptions", json::object()}};
            if (o.grace >= 0) ev["deleteOptions"]["gracePeriodSeconds"] = o.grace;
            r = ctx.api->call("POST", path + "/eviction", ev.dump());
        } else {
            json del = json::object();
            if (o.grace >= 0) del["gracePeriodSeconds"] = o.grace;
            r = ctx.api->call("DELETE", path, del.dump());
        }
        if (r.status / 100 != 2) {
            const status_error e(r.parsed());
            if (e.reason() == "NotFound") continue;
            if (eviction)
                errors.push_back("error when evicting pods/" + go_quote(name) + " -n " + go_quote(ns) + ": " + e.what());
            else
                errors.push_back(e.kubectl_message());
            continue;
        }
        wait.push_back({p});
    }
    const auto start = ctx.c->now();
    for (;;) {
        bool any = false;
        for (auto& w : wait) {
            if (!w.waiting) continue;
            const auto& m = w.pod["metadata"];
            const auto r = ctx.api->call("GET", "/api/v1/namespaces/" + m.value("namespace", std::string()) + "/pods/" +
                                                    m.value("name", std::string()));
            const bool gone = r.status == 404 ||
                              (r.status / 100 == 2 && r.parsed()["metadata"].value("uid", std::string()) != m.value("uid", std::string()));
            if (gone) {
                w.waiting = false;
                ctx.out += "pod/" + m.value("name", std::string()) + (eviction ? " evicted\n" : " deleted\n");
            } else {
                any = true;
            }
        }
        if (!any) break;
        const double elapsed = std::chrono::duration<double>(ctx.c->now() - start).count();
        if (o.timeout > 0 && elapsed >= o.timeout) {
            for (const auto& w : wait) {
                if (!w.waiting) continue;
                const auto& m = w.pod["metadata"];
                errors.push_back("error when waiting for pod " + go_quote(m.value("name", std::string())) +
                                 " in namespace " + go_quote(m.value("namespace", std::string())) +
                                 " to terminate: context deadline exceeded");
            }
            break;
        }
        ctx.c->run_for(std::chrono::seconds(1));
    }
    return errors;
}

}  // namespace

int cmd_cordon(context& ctx, const std::vector<std::string>& argv) { return nodes_cordon_command(ctx, argv, true); }

int cmd_uncordon(context& ctx, const std::vector<std::string>& argv) { return nodes_cordon_command(ctx, argv, false); }

int cmd_drain(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.boolean("force");
    f.boolean("ignore-daemonsets");
    f.boolean("delete-emptydir-data");
    f.integer("grace-period", 0, -1);
    f.duration("timeout");
    f.string("pod-selector");
    f.boolean("disable-eviction");
    f.integer("skip-wait-for-delete-timeout");
    f.integer("chunk-size", 0, 500);
    f.string("dry-run", 0, "none");
    f.string("selector", 'l');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (args.empty() && !f.changed("selector")) nodes_usage_error("drain", "USAGE: drain NODE [flags]");
    if (!args.empty() && !f.str("selector").empty())
        nodes_usage_error("drain", "error: cannot specify both a node name and a --selector option");
    drain_options o;
    o.force = f.on("force");
    o.ignore_daemonsets = f.on("ignore-daemonsets");
    o.delete_emptydir = f.on("delete-emptydir-data");
    o.grace = f.num("grace-period");
    o.timeout = f.seconds("timeout");
    o.pod_selector = f.str("pod-selector");
    o.disable_eviction = f.on("disable-eviction");
    if (!o.pod_selector.empty() && !api::labels::parse(o.pod_selector))
        throw exit_error("error: --pod-selector=<pod_selector> must be a valid label selector\n");
    const std::string dry = f.str("dry-run");
    const auto nodes = nodes_fetch(ctx, args, f.str("selector"));
    nodes_cordon(ctx, nodes, true, dry == "client", dry == "server", f.str("output") == "name");

    std::vector<std::string> fatal, remaining;
    for (const auto& n : nodes) {
        const std::string name = n["metadata"].value("name", std::string());
        std::vector<std::string> errs;
        auto list = drain_pods_for_deletion(ctx, o, name, errs);
        if (errs.empty()) {
            std::vector<std::string> warnings;
            for (const auto& [msg, pods] : drain_group(list, "Warning")) warnings.push_back(msg + ": " + drain_join(pods, ", "));
            if (!warnings.empty()) ctx.err += "Warning: " + drain_join(warnings, "; ") + "\n";
            std::vector<json> pods;
            for (const auto& d : list)
                if (d.remove) pods.push_back(d.pod);
            if (dry == "client") {
                for (const auto& p : pods) ctx.out += "evicting pod " + drain_pod_key(p) + " (dry run)\n";
            } else {
                errs = drain_evict(ctx, o, pods);
                if (!errs.empty()) {
                    // What is still there: the pods the failure left on the node.
                    std::vector<std::string> relist_errors;
                    const auto pending = drain_pods_for_deletion(ctx, o, name, relist_errors);
                    std::vector<std::string> left;
                    for (const auto& d : pending)
                        if (d.remove) left.push_back(d.pod["metadata"].value("name", std::string()));
                    if (!left.empty()) {
                        const std::string agg = errs.size() == 1 ? errs[0] : "[" + drain_join(errs, ", ") + "]";
                        ctx.err += "There are pending pods in node " + go_quote(name) + " when an error occurred: " + agg + "\n";
                        for (const auto& l : left) ctx.err += "pod/" + l + "\n";
                    }
                }
            }
        }
        if (errs.empty()) {
            ctx.out += nodes_line(f.str("output") == "name", nodes_name(n),
                                  dry == "client" ? "drained (dry run)" : dry == "server" ? "drained (server dry run)" : "drained");
            continue;
        }
        const std::string agg = errs.size() == 1 ? errs[0] : "[" + drain_join(errs, ", ") + "]";
        ctx.err += "error: unable to drain node " + go_quote(name) + " due to error: " + agg + ", continuing command...\n";
        fatal.push_back(agg);
        remaining.push_back(name);
    }
    if (!remaining.empty()) {
        ctx.err += "There are pending nodes to be drained:\n";
        for (const auto& r : remaining) ctx.err += " " + r + "\n";
    }
    if (fatal.empty()) return 0;
    // Each node's error is an aggregate: CheckErr prints its errors one a line, unprefixed.
    std::string text;
    for (const auto& e : fatal) text += e + "\n";
    throw exit_error(text);
}

// ---- taint ------------------------------------------------------------------------------

namespace {

struct taint_spec {
    std::string key, value, effect;
    // v1.Taint.ToString.
    [[nodiscard]] std::string str() const {
        if (effect.empty()) return value.empty() ? key : key + "=" + value + ":";
        return value.empty() ? key + ":" + effect : key + "=" + value + ":" + effect;
    }
    // Go's %v of the struct (for "duplicated taints").
    [[nodiscard]] std::string go_v() const { return "{" + key + " " + value + " " + effect + " <nil>}"; }
};

inline std::string taint_join_errs(const std::vector<std::string>& errs) { return drain_join(errs, "; "); }

inline taint_spec taint_parse_one(const std::string& st) {
    taint_spec t;
    std::vector<std::string> parts;
    std::size_t start = 0;
    for (;;) {
        const auto c = st.find(':', start);
        parts.push_back(st.substr(start, c == std::string::npos ? std::string::npos : c - start));
        if (c == std::string::npos) break;
        start = c + 1;
    }
    if (parts.size() == 1) {
        t.key = parts[0];
    } else if (parts.size() == 2) {
        t.effect = parts[1];
        if (t.effect != "NoSchedule" && t.effect != "PreferNoSchedule" && t.effect != "NoExecute")
            throw std::runtime_error("invalid taint effect: " + t.effect + ", unsupported taint effect");
        const std::string& kv = parts[0];
        const auto eq = kv.find('=');
        if (eq != std::string::npos && kv.find('=', eq + 1) != std::string::npos)
            throw std::runtime_error("invalid taint spec: " + st);
        t.key = kv.substr(0, eq);
        if (eq != std::string::npos) {
            t.value = kv.substr(eq + 1);
            if (auto errs = api::validation::is_valid_label_value(t.value); !errs.empty())
                throw std::runtime_error("invalid taint spec: " + st + ", " + taint_join_errs(errs));
        }
    } else {
        throw std::runtime_error("invalid taint spec: " + st);
    }
    if (auto errs = api::validation::is_qualified_name(t.key); !errs.empty())
        throw std::runtime_error("invalid taint spec: " + st + ", " + taint_join_errs(errs));
    return t;
}

inline bool taint_matches(const json& t, const taint_spec& s) {
    return t.value("key", std::string()) == s.key && t.value("effect", std::string()) == s.effect;
}

inline json taint_json(const taint_spec& t) {
    json j = {{"key", t.key}, {"effect", t.effect}};
    if (!t.value.empty()) j["value"] = t.value;
    return j;
}

}  // namespace

int cmd_taint(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.string("dry-run", 0, "none");
    f.string("validate", 0, "strict");
    f.string("selector", 'l');
    f.boolean("overwrite");
    f.boolean("all");
    f.string("field-manager", 0, "kubectl-taint");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);

    std::vector<std::string> resources, taint_args;
    bool met = false;
    for (const auto& s : args) {
        const bool is_taint = s.find('=') != std::string::npos || s.find(':') != std::string::npos ||
                              (!s.empty() && s.back() == '-');
        if (is_taint) {
            met = true;
            taint_args.push_back(s);
        } else if (!met) {
            resources.push_back(s);
        } else {
            throw exit_error("error: all resources must be specified before taint changes: " + s + "\n");
        }
    }
    if (resources.empty()) throw exit_error("error: one or more resources must be specified as <resource> <name>\n");
    if (taint_args.empty()) throw exit_error("error: at least one taint update is required\n");
    std::vector<taint_spec> add, remove;
    try {
        std::set<std::pair<std::string, std::string>> unique;
        for (const auto& spec : taint_args) {
            if (spec.back() == '-') {
                auto t = taint_parse_one(spec.substr(0, spec.size() - 1));
                remove.push_back({t.key, "", t.effect});
                continue;
            }
            auto t = taint_parse_one(spec);
            if (t.effect.empty()) throw std::runtime_error("invalid taint spec: " + spec);
            if (!unique.insert({t.effect, t.key}).second)
                throw std::runtime_error("duplicated taints with the same key and effect: " + t.go_v());
            add.push_back(t);
        }
    } catch (const std::runtime_error& e) {
        nodes_usage_error("taint", e.what());
    }

    // Validate: the type must be Node; no taint both added and removed.
    std::string type = resources[0];
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto* info = ctx.rm->find(type);
    if (!info) throw exit_error("error: the server doesn't have a resource type " + go_quote(type) + "\n");
    if (info->kind != "Node")
        throw exit_error("error: invalid resource type " + type + ", only node types are supported\n");
    std::vector<std::string> conflicts;
    for (const auto& a : add)
        for (const auto& r : remove)
            if (a.key == r.key && (r.effect.empty() || a.effect == r.effect)) conflicts.push_back(r.key + "=" + r.effect);
    if (!conflicts.empty())
        throw exit_error("error: can not both modify and remove the following taint(s) in the same command: " +
                         drain_join(conflicts, ", ") + "\n");
    const bool all = f.on("all");
    const std::string selector = f.str("selector");
    if (all && !selector.empty())
        throw exit_error("error: setting 'all' parameter with a non empty selector is prohibited\n");
    if (!all && selector.empty() && resources.size() < 2)
        throw exit_error("error: at least one resource name must be specified since 'all' parameter is not set\n");

    std::vector<json> nodes;
    std::vector<nodes_error> errors;
    if (all || !selector.empty()) {
        auto list = ctx.api->get(info->path("") + (selector.empty() ? "" : "?labelSelector=" + query_escape(selector)));
        for (auto& n : list["items"]) nodes.push_back(std::move(n));
    } else {
        for (std::size_t i = 1; i < resources.size(); ++i) {
            const auto r = ctx.api->call("GET", info->path("", resources[i]));
            if (r.status / 100 != 2) errors.push_back(nodes_error::of(status_error(r.parsed())));
            else nodes.push_back(r.parsed());
        }
    }
    const bool overwrite = f.on("overwrite");
    const std::string dry = f.str("dry-run");
    for (const auto& node : nodes) {
        const std::string name = node["metadata"].value("name", std::string());
        const json old = node.contains("spec") && node["spec"].contains("taints") ? node["spec"]["taints"] : json::array();
        if (!overwrite) {
            std::vector<std::string> exists;
            for (const auto& a : add)
                for (const auto& t : old)
                    if (taint_matches(t, a)) exists.push_back(a.key);
            if (!exists.empty()) {
                errors.push_back({"node " + name + " already has " + drain_join(exists, ",") +
                                  " taint(s) with same effect(s) and --overwrite is false"});
                continue;
            }
        }
        // reorganizeTaints: the new taints first, then the old ones they do not replace.
        json next = json::array();
        for (const auto& a : add) next.push_back(taint_json(a));
        for (const auto& t : old) {
            const bool replaced = std::any_of(add.begin(), add.end(), [&](const taint_spec& a) { return taint_matches(t, a); });
            if (!replaced) next.push_back(t);
        }
        const bool added = old.size() != next.size();
        std::vector<std::string> not_found;
        bool removed = false;
        for (const auto& r : remove) {
            json kept = json::array();
            for (const auto& t : next)
                if (!(t.value("key", std::string()) == r.key && (r.effect.empty() || t.value("effect", std::string()) == r.effect)))
                    kept.push_back(t);
            removed = kept.size() != next.size();
            if (!removed) not_found.push_back("taint " + go_quote(r.str()) + " not found");
            next = std::move(kept);
        }
        if (!not_found.empty()) {
            errors.push_back({not_found.size() == 1 ? not_found[0] : "[" + drain_join(not_found, ", ") + "]"});
            continue;
        }
        const std::string operation = (added && removed) || overwrite ? "modified" : added ? "tainted" : "untainted";
        const std::string suffix = dry == "client" ? " (dry run)" : dry == "server" ? " (server dry run)" : "";
        if (next == old) {
            ctx.out += nodes_line(f.str("output") == "name", "node/" + name, operation + suffix);
            continue;
        }
        if (dry != "client") {
            const json patch = {{"spec", {{"taints", next.empty() ? json(nullptr) : next}}}};
            std::string q = "?fieldManager=" + query_escape(f.str("field-manager"));
            if (dry == "server") q = "?dryRun=All&" + q.substr(1);
            const auto r = ctx.api->call("PATCH", info->path("", name) + q, patch.dump(),
                                         "application/strategic-merge-patch+json");
            if (r.status / 100 != 2) {
                errors.push_back(nodes_error::of(status_error(r.parsed())));
                continue;
            }
        }
        ctx.out += nodes_line(f.str("output") == "name", "node/" + name, operation + suffix);
    }
    if (!errors.empty()) nodes_check_err(errors);
    return 0;
}

}  // namespace kubesim::kubectl::detail
