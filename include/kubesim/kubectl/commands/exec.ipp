// kubectl exec: a command in a pod's container. In process there is no
// WebSocket: the request is checked as the REST API checks it (its Status
// errors), then run through the cluster as api_server's exec session runs it.
#pragma once

#include <kubesim/kubectl/commands/logs.ipp>
#include <kubesim/kubectl/detail/cli.hpp>

#include <kubesim/cluster.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/server/rest.hpp>

namespace kubesim::kubectl::detail {

namespace {

// sort.Reverse(podutils.ActivePods): the pod an attach or exec goes to first.
inline bool exec_more_active(const json& a, const json& b) {
    const auto assigned = [](const json& p) { return !p["spec"].value("nodeName", "").empty(); };
    if (assigned(a) != assigned(b)) return assigned(a);
    const auto rank = [](const json& p) {
        const std::string ph = p.value("status", json::object()).value("phase", "");
        return ph == "Pending" ? 0 : ph == "Unknown" ? 1 : ph == "Running" ? 2 : 0;
    };
    if (rank(a) != rank(b)) return rank(a) > rank(b);
    if (logs_pod_ready(a) != logs_pod_ready(b)) return logs_pod_ready(a);
    if (logs_pod_ready(a) && logs_pod_ready(b) && logs_ready_time(a) != logs_ready_time(b))
        return logs_ready_time(a) < logs_ready_time(b);
    if (logs_max_restarts(a) != logs_max_restarts(b)) return logs_max_restarts(a) < logs_max_restarts(b);
    const std::string ca = a["metadata"].value("creationTimestamp", ""), cb = b["metadata"].value("creationTimestamp", "");
    if (ca != cb) return ca < cb;
    return false;
}

}  // namespace

int cmd_exec(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.string("container", 'c');
    f.boolean("stdin", 'i');
    f.boolean("tty", 't');
    f.boolean("quiet", 'q');
    f.strings("filename", 'f');
    f.string("pod-running-timeout", 0, "1m0s");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const int dash = f.dash_at;
    const bool quiet = f.on("quiet");
    std::string resource;
    std::vector<std::string> command;
    if (!args.empty() && dash != 0) resource = args[0];
    if (dash > -1) {
        command.assign(args.begin() + dash, args.end());
    } else if (args.size() > 1) {
        // kubectl 1.33 no longer takes the command without `--`.
        throw exit_error("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\n"
                         "See 'kubectl exec -h' for help and examples\n");
    }
    if (resource.empty()) throw exit_error("error: pod, type/name or --filename must be specified\n");
    if (command.empty()) throw exit_error("error: you must specify at least one command for the container\n");

    // The pod: named, or the most active pod of a workload.
    json pod;
    if (const auto slash = resource.find('/'); slash != std::string::npos) {
        const auto* r = ctx.rm->find(resource.substr(0, slash));
        if (!r) throw exit_error("error: the server doesn't have a resource type " + go_quote(resource.substr(0, slash)) + "\n");
        json obj = ctx.api->get(r->path(ctx.ns, resource.substr(slash + 1)));
        if (r->kind == "Pod") {
            pod = std::move(obj);
        } else {
            const auto* pods = ctx.rm->find("pods");
            auto list = ctx.api->get(pods->path(ctx.ns) + "?labelSelector=" + query_escape(logs_workload_selector(obj)));
            std::vector<json> found = list.value("items", std::vector<json>{});
            if (found.empty()) throw exit_error("error: timed out waiting for the condition\n");
            logs_small_sort(found, exec_more_active);
            pod = std::move(found[0]);
        }
    } else {
        pod = ctx.api->get(ctx.rm->find("pods")->path(ctx.ns, resource));
    }
    const std::string phase = pod.value("status", json::object()).value("phase", "");
    if (phase == "Succeeded" || phase == "Failed")
        throw exit_error("error: cannot exec into a container in a completed pod; current phase is " + phase + "\n");
    std::string container = f.str("container");
    if (container.empty()) {
        const auto& spec = pod.value("spec", json::object());
        const std::string def =
            pod["metadata"].value("annotations", json::object()).value("kubectl.kubernetes.io/default-container", "");
        if (!def.empty() && logs_has_container(pod, def)) {
            container = def;
        } else {
            if (!def.empty() && !quiet)
                ctx.err += "Default container name " + go_quote(def) + " not found in pod " +
                           pod["metadata"].value("name", "") + "\n";
            container = spec.value("containers", json::array()).empty() ? "" : spec["containers"][0].value("name", "");
            if (!quiet && (spec.value("containers", json::array()).size() > 1 ||
                           !spec.value("initContainers", json::array()).empty() ||
                           !spec.value("ephemeralContainers", json::array()).empty()))
                ctx.err += "Defaulted container " + go_quote(container) + " out of: " + logs_all_container_names(pod) + "\n";
        }
    }
    const bool stdin_on = f.on("stdin");
    if (f.on("tty") && stdin_on && !quiet)
        ctx.err += "Unable to use a TTY - input is not a terminal or the right kind of file\n";

    // The request api_server would get: checked the same way.
    const std::string ns = pod["metadata"].value("namespace", ctx.ns);
    const std::string name = pod["metadata"].value("name", "");
    std::string target = "/api/v1/namespaces/" + ns + "/pods/" + name + "/exec?";
    for (const auto& c : command) target += "command=" + query_escape(c) + "&";
    target += "container=" + query_escape(container) + "&stderr=true" + (stdin_on ? "&stdin=true" : "") + "&stdout=true";
    server::request req;
    req.method = "POST";
    req.target = target;
    req.user_agent = "kubectl/v1.33.0 (linux/amd64) kubernetes/kubesim";
    server::response refused;
    ctx.api->settle();
    const auto checked = ctx.api->rest().parse_exec(req, refused);
    if (!checked) throw status_error(json::parse(refused.body, nullptr, false));
    exec_result r;
    try {
        r = stdin_on ? ctx.c->exec(ns, name, checked->container, checked->command, std::string(ctx.stdin_text))
                     : ctx.c->exec(ns, name, checked->container, checked->command);
    } catch (const api_error& e) {
        // The Status on the error channel: kubectl prints its message alone.
        throw exit_error("error: " + e.status().message + "\n");
    }
    ctx.api->settle();
    ctx.out += r.out;
    ctx.err += r.err;
    if (r.exit_code != 0) throw exit_error("command terminated with exit code " + std::to_string(r.exit_code) + "\n", r.exit_code);
    return 0;
}

}  // namespace kubesim::kubectl::detail
