// kubectl logs: the pods/log subresource of a pod (or of the first pod of a
// workload, or of every pod a selector matches); -f follows the stream as the
// clock runs.
#pragma once

#include <kubesim/kubectl/commands/follow.ipp>
#include <kubesim/kubectl/detail/cli.hpp>

#include <algorithm>
#include <cmath>

#include <kubesim/sim/clock.hpp>

namespace kubesim::kubectl::detail {

namespace {

// podcmd.AllContainerNames: "a, b, init (init), dbg (ephem)".
inline std::string logs_all_container_names(const json& pod) {
    std::string s;
    const auto add = [&](const std::string& n) { s += (s.empty() ? "" : ", ") + n; };
    const auto& spec = pod.value("spec", json::object());
    for (const auto& c : spec.value("containers", json::array())) add(c.value("name", ""));
    for (const auto& c : spec.value("ephemeralContainers", json::array())) add(c.value("name", "") + " (ephem)");
    for (const auto& c : spec.value("initContainers", json::array())) add(c.value("name", "") + " (init)");
    return s;
}

inline bool logs_has_container(const json& pod, const std::string& name) {
    const auto& spec = pod.value("spec", json::object());
    for (const char* key : {"containers", "initContainers", "ephemeralContainers"})
        for (const auto& c : spec.value(key, json::array()))
            if (c.value("name", "") == name) return true;
    return false;
}

inline bool logs_pod_ready(const json& pod) {
    for (const auto& c : pod.value("status", json::object()).value("conditions", json::array()))
        if (c.value("type", "") == "Ready") return c.value("status", "") == "True";
    return false;
}

inline std::string logs_ready_time(const json& pod) {
    for (const auto& c : pod.value("status", json::object()).value("conditions", json::array()))
        if (c.value("type", "") == "Ready" && c.value("status", "") == "True") return c.value("lastTransitionTime", "");
    return {};
}

inline std::int64_t logs_max_restarts(const json& pod) {
    std::int64_t m = 0;
    for (const auto& s : pod.value("status", json::object()).value("containerStatuses", json::array()))
        m = std::max<std::int64_t>(m, s.value("restartCount", 0));
    return m;
}

// afterOrZero(t1, t2): a zero time sorts last; RFC 3339 texts in UTC compare as times.
inline bool logs_after_or_zero(const std::string& t1, const std::string& t2) {
    if (t1.empty() || t2.empty()) return t1.empty();
    return t1 > t2;
}

// podutils.ByLogging: the pod whose logs matter most first.
inline bool logs_by_logging(const json& a, const json& b) {
    const std::string na = a["spec"].value("nodeName", ""), nb = b["spec"].value("nodeName", "");
    if (na != nb && (na.empty() || nb.empty())) return !na.empty();
    const auto rank = [](const json& p) {
        const std::string ph = p.value("status", json::object()).value("phase", "");
        return ph == "Running" ? 0 : ph == "Unknown" ? 1 : ph == "Pending" ? 2 : 3;
    };
    // Phases outside the map count as Running (a missing key is 0 in Go).
    const auto ra = rank(a) == 3 ? 0 : rank(a), rb = rank(b) == 3 ? 0 : rank(b);
    if (ra != rb) return ra < rb;
    const bool ya = logs_pod_ready(a), yb = logs_pod_ready(b);
    if (ya != yb) return ya;
    if (ya && yb && logs_ready_time(a) != logs_ready_time(b))
        return logs_after_or_zero(logs_ready_time(b), logs_ready_time(a));
    if (logs_max_restarts(a) != logs_max_restarts(b)) return logs_max_restarts(a) > logs_max_restarts(b);
    const std::string ca = a["metadata"].value("creationTimestamp", ""), cb = b["metadata"].value("creationTimestamp", "");
    if (ca != cb) return logs_after_or_zero(cb, ca);
    return false;
}

}  // namespace

// The selector of a workload object (polymorphichelpers.SelectorsForObject), as a label selector string.
inline std::string logs_workload_selector(const json& obj) {
    const std::string kind = obj.value("kind", "");
    const auto& spec = obj.value("spec", json::object());
    if (kind == "ReplicationController" || kind == "Service") {
        std::string s;
        const json selector = spec.value("selector", json::object());
        for (const auto& [k, v] : selector.items())
            s += (s.empty() ? "" : ",") + k + "=" + v.get<std::string>();
        return s;
    }
    const auto& sel = spec.value("selector", json::object());
    std::vector<std::string> parts;
    const json labels = sel.value("matchLabels", json::object());
    for (const auto& [k, v] : labels.items()) parts.push_back(k + "=" + v.get<std::string>());
    for (const auto& e : sel.value("matchExpressions", json::array())) {
        const std::string key = e.value("key", ""), op = e.value("operator", "");
        std::string list;
        for (const auto& v : e.value("values", json::array())) list += (list.empty() ? "" : ",") + v.get<std::string>();
        if (op == "In") parts.push_back(key + " in (" + list + ")");
        else if (op == "NotIn") parts.push_back(key + " notin (" + list + ")");
        else if (op == "Exists") parts.push_back(key);
        else if (op == "DoesNotExist") parts.push_back("!" + key);
    }
    std::sort(parts.begin(), parts.end());
    std::string s;
    for (const auto& p : parts) s += (s.empty() ? "" : ",") + p;
    return s;
}

// Insertion sort, as Go's sort.Sort orders up to 12 elements (stable there).
template <class Less>
void logs_small_sort(std::vector<json>& v, Less less) {
    for (std::size_t i = 1; i < v.size(); ++i)
        for (std::size_t j = i; j > 0 && less(v[j], v[j - 1]); --j) std::swap(v[j], v[j - 1]);
}

int cmd_logs(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.string("container", 'c');
    f.boolean("previous", 'p');
    f.boolean("follow", 'f');
    f.boolean("timestamps");
    f.integer("tail", 0, -1);
    f.duration("since");
    f.string("since-time");
    f.integer("limit-bytes");
    f.boolean("all-containers");
    f.boolean("all-pods");
    f.string("selector", 'l');
    f.boolean("prefix");
    f.boolean("ignore-errors");
    f.integer("max-log-requests", 0, 5);
    f.string("pod-running-timeout", 0, "20s");
    f.boolean("insecure-skip-tls-verify-backend");
    f.boolean("interactive");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const std::string selector = f.str("selector");
    const std::string usage =
        "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument "
        "for the logs command\nSee 'kubectl logs -h' for help and examples\n";
    std::string container = f.str("container");
    if (args.empty() && selector.empty()) throw exit_error(usage);
    if (args.size() == 1 && !selector.empty())
        throw exit_error("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and "
                         "examples\n");
    if (args.size() > 2) throw exit_error(usage);
    if (args.size() == 2) container = args[1];

    // The PodLogOptions.
    std::vector<std::pair<std::string, std::string>> q;
    std::int64_t tail = f.num("tail");
    if (!selector.empty() && tail == -1 && !f.changed("tail")) tail = 10;
    const double since = f.seconds("since");
    if (!f.str("since-time").empty() && since != 0)
        throw exit_error("error: at most one of `sinceTime` or `sinceSeconds` may be specified\n");
    if (f.on("all-containers") && !container.empty())
        throw exit_error("error: --all-containers=true should not be specified with container name " + container + "\n");
    if (f.changed("container") && args.size() == 2)
        throw exit_error("error: only one of -c or an inline [CONTAINER] arg is allowed\n");
    if (f.num("limit-bytes") < 0) throw exit_error("error: --limit-bytes must be greater than 0\n");
    if (since < 0) throw exit_error("error: --since must be greater than 0\n");
    if (tail < -1) throw exit_error("error: --tail must be greater than or equal to -1\n");
    if (f.on("follow")) q.emplace_back("follow", "true");
    if (f.num("limit-bytes") > 0) q.emplace_back("limitBytes", std::to_string(f.num("limit-bytes")));
    if (f.on("previous")) q.emplace_back("previous", "true");
    if (since != 0) q.emplace_back("sinceSeconds", std::to_string(static_cast<std::int64_t>(std::llround(since))));
    if (!f.str("since-time").empty()) q.emplace_back("sinceTime", f.str("since-time"));
    if (tail != -1) q.emplace_back("tailLines", std::to_string(tail));
    if (f.on("timestamps")) q.emplace_back("timestamps", "true");

    // The object: a pod, a workload's first pod, or the pods of the selector.
    std::vector<json> pods;
    bool all_pods = false;
    const auto pods_info = ctx.rm->find("pods");
    if (!args.empty()) {
        const std::string& arg = args[0];
        const resource_info* r = pods_info;
        std::string name = arg;
        if (const auto slash = arg.find('/'); slash != std::string::npos) {
            r = ctx.rm->find(arg.substr(0, slash));
            if (!r) throw exit_error("error: the server doesn't have a resource type " + go_quote(arg.substr(0, slash)) + "\n");
            name = arg.substr(slash + 1);
        }
        const auto got = ctx.api->call("GET", r->path(ctx.ns, name));
        if (got.status / 100 != 2) {
            status_error e(got.parsed());
            if (e.reason() == "NotFound")
                throw exit_error("error: error from server (NotFound): " + std::string(e.what()) + " in namespace " +
                                 go_quote(ctx.ns) + "\n");
            throw e;
        }
        json obj = got.parsed();
        if (r->kind == "Pod") {
            pods.push_back(std::move(obj));
        } else {
            const std::string sel = logs_workload_selector(obj);
            auto list = ctx.api->get(pods_info->path(ctx.ns) + "?labelSelector=" + query_escape(sel));
            std::vector<json> found = list.value("items", std::vector<json>{});
            if (found.empty()) throw exit_error("error: timed out waiting for the condition\n");
            logs_small_sort(found, logs_by_logging);
            if (found.size() > 1 && !f.on("all-pods"))
                ctx.err += "Found " + std::to_string(found.size()) + " pods, using pod/" +
                           found[0]["metadata"].value("name", "") + "\n";
            if (f.on("all-pods")) {
                pods = std::move(found);
                all_pods = true;
            } else {
                pods.push_back(std::move(found[0]));
            }
        }
    } else {
        const auto list = ctx.api->get(pods_info->path(ctx.ns) + "?labelSelector=" + query_escape(selector));
        pods = list.value("items", std::vector<json>{});
        if (pods.empty()) ctx.err += "No resources found in " + ctx.ns + " namespace.\n";
    }

    // One request per pod and container, in order.
    struct request {
        std::string pod, ns, container;
    };
    std::vector<request> requests;
    for (const auto& pod : pods) {
        const std::string pod_name = pod["metadata"].value("name", "");
        const std::string pod_ns = pod["metadata"].value("namespace", ctx.ns);
        const auto& spec = pod.value("spec", json::object());
        if (f.on("all-containers")) {
            for (const char* key : {"initContainers", "containers", "ephemeralContainers"})
                for (const auto& c : spec.value(key, json::array())) requests.push_back({pod_name, pod_ns, c.value("name", "")});
            continue;
        }
        std::string c = container;
        if (c.empty()) {
            const auto& ann = pod["metadata"].value("annotations", json::object());
            const std::string def = ann.value("kubectl.kubernetes.io/default-container", "");
            if (!def.empty()) {
                if (logs_has_container(pod, def)) c = def;
                else ctx.err += "Default container name " + go_quote(def) + " not found in pod " + pod_name + "\n";
            }
        }
        if (c.empty()) {
            c = spec.value("containers", json::array()).empty() ? "" : spec["containers"][0].value("name", "");
            if ((spec.value("containers", json::array()).size() > 1 || !spec.value("initContainers", json::array()).empty() ||
                 !spec.value("ephemeralContainers", json::array()).empty()) &&
                !all_pods)
                ctx.err += "Defaulted container " + go_quote(c) + " out of: " + logs_all_container_names(pod) + "\n";
        }
        if (!logs_has_container(pod, c))
            throw exit_error("error: container " + c + " is not valid for pod " + pod_name + "\n");
        requests.push_back({pod_name, pod_ns, c});
    }
    if (f.on("follow") && requests.size() > 1 &&
        static_cast<std::int64_t>(requests.size()) > f.num("max-log-requests"))
        throw exit_error("error: you are attempting to follow " + std::to_string(requests.size()) +
                         " log streams, but maximum allowed concurrency is " + std::to_string(f.num("max-log-requests")) +
                         ", use --max-log-requests to increase the limit\n");

    const auto prefixed = [&](const request& rq, const std::string& text) {
        if (!f.on("prefix")) return text;
        const std::string p = "[pod/" + rq.pod + "/" + rq.container + "] ";
        std::string out;
        std::size_t start = 0;
        while (start < text.size()) {
            const auto nl = text.find('\n', start);
            const auto end = nl == std::string::npos ? text.size() : nl + 1;
            out += p + text.substr(start, end - start);
            start = end;
        }
        return out;
    };
    for (const auto& rq : requests) {
        std::string target = "/api/v1/namespaces/" + rq.ns + "/pods/" + rq.pod + "/log?container=" + query_escape(rq.container);
        for (const auto& [k, v] : q) target += "&" + k + "=" + query_escape(v);
        if (!f.on("follow")) {
            const auto r = ctx.api->call("GET", target, {}, "", "application/json");
            if (r.status / 100 != 2) {
                if (f.on("ignore-errors")) continue;
                throw status_error(r.parsed());
            }
            ctx.out += prefixed(rq, r.body);
            continue;
        }
        // -f: the stream until the container stops (or --request-timeout on the simulated clock).
        const auto r = ctx.api->stream(target, "application/json");
        if (r.status / 100 != 2) throw status_error(json::parse(r.body, nullptr, false));
        std::string pending = r.body;
        const auto stream = r.stream;
        const auto flush_lines = [&](bool all) {
            const auto nl = pending.rfind('\n');
            if (all || nl != std::string::npos) {
                const auto cut = all ? pending.size() : nl + 1;
                ctx.out += prefixed(rq, pending.substr(0, cut));
                pending.erase(0, cut);
            }
        };
        follow_run(ctx, follow_deadline(ctx, ctx.request_timeout), [&] {
            if (stream) pending += stream->take();
            flush_lines(false);
            return !stream || stream->finished();
        });
        if (stream) pending += stream->take();
        flush_lines(true);
    }
    return 0;
}

}  // namespace kubesim::kubectl::detail
