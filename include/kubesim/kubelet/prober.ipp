// Definitions of kubelet/prober.hpp.
#pragma once

#include <kubesim/kubelet/prober.hpp>

#include <chrono>
#include <utility>
#include <vector>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/images/container.hpp>
#include <kubesim/images/runtime.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/task_group.hpp>

namespace kubesim::kubelet {

std::optional<std::int32_t> resolve_port(const api::int_or_string& port, const api::container& c) {
    if (!port.is_string) return port.int_val;
    for (const auto& p : c.ports)
        if (p.name == port.str_val) return p.container_port;
    return std::nullopt;
}

namespace detail {

KUBESIM_DECL std::string probe_user_agent(const std::string& version) {
    // "v1.33.0" -> "kube-probe/1.33"
    std::string v = version.size() > 1 && version[0] == 'v' ? version.substr(1) : version;
    if (auto d = v.find('.'); d != std::string::npos)
        if (auto d2 = v.find('.', d + 1); d2 != std::string::npos) v = v.substr(0, d2);
    return "kube-probe/" + v;
}

// Runs argv in the container as an extra process; its output and exit code,
// or nullopt on timeout (the process is killed).
KUBESIM_DECL sim::task<std::optional<std::pair<int, std::string>>> exec_in(std::shared_ptr<images::container_instance> c,
                                                                           std::vector<std::string> argv,
                                                                           std::optional<sim::duration> timeout) {
    auto& eng = c->network->engine();
    auto done = std::make_shared<sim::oneshot<int>>(eng);
    auto proc = std::make_unique<images::process>(c, std::move(argv), false, [done](int code) { done->set(code); });
    auto code = co_await done->wait(timeout ? std::optional<sim::time_point>(eng.now() + *timeout) : std::nullopt);
    if (!code) {
        proc->kill();
        co_return std::nullopt;
    }
    co_return std::make_pair(*code, proc->state()->out + proc->state()->err);
}

KUBESIM_DECL std::string quoted_command(const std::vector<std::string>& argv) {
    std::string s;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (i) s += ' ';
        s += argv[i];
    }
    return "\"" + s + "\"";
}

}  // namespace detail

sim::task<probe_outcome> http_get(const probe_target& t, const api::http_get_action& a, const api::container& c,
                                  sim::duration timeout) {
    const auto port = resolve_port(a.port, c);
    if (!port) co_return probe_outcome{false, "unable to find port " + a.port.str_val + " in container " + c.name};
    const std::string host = a.host.empty() ? t.pod_ip : a.host;
    std::string path = a.path.empty() ? std::string("/") : a.path;
    if (path[0] != '/') path = "/" + path;
    http::request req;
    req.url = "http://" + host + ":" + std::to_string(*port) + path;
    bool has_ua = false, has_accept = false;
    for (const auto& h : a.http_headers) {
        req.headers.emplace(h.name, h.value);
        has_ua = has_ua || h.name == "User-Agent";
        has_accept = has_accept || h.name == "Accept";
    }
    if (!has_ua) req.headers.emplace("User-Agent", detail::probe_user_agent(t.kubernetes_version));
    if (!has_accept) req.headers.emplace("Accept", "*/*");
    auto r = co_await t.network->fetch(t.node, std::move(req), timeout);
    if (r.status == 0) co_return probe_outcome{false, r.error};
    if (r.status >= 200 && r.status < 400) co_return probe_outcome{true, {}};
    co_return probe_outcome{false, "HTTP probe failed with statuscode: " + std::to_string(r.status)};
}

sim::task<probe_outcome> tcp_socket(const probe_target& t, const api::tcp_socket_action& a, const api::container& c) {
    const auto port = resolve_port(a.port, c);
    if (!port) co_return probe_outcome{false, "unable to find port " + a.port.str_val + " in container " + c.name};
    const std::string host = a.host.empty() ? t.pod_ip : a.host;
    auto err = co_await t.network->connect(t.node, host, *port);
    if (err.empty()) co_return probe_outcome{true, {}};
    co_return probe_outcome{false, err};
}

sim::task<probe_outcome> exec_action(const probe_target& t, const api::exec_action& a, sim::duration timeout) {
    if (!t.container) co_return probe_outcome{false, "container not running"};
    auto r = co_await detail::exec_in(t.container, a.command, timeout);
    if (!r) co_return probe_outcome{false, "command " + detail::quoted_command(a.command) + " timed out"};
    if (r->first == 0) co_return probe_outcome{true, {}};
    co_return probe_outcome{false, r->second};
}

sim::task<probe_outcome> run_probe(const probe_target& t, const api::probe& p, const api::container& c) {
    const sim::duration timeout = std::chrono::seconds(p.timeout_seconds > 0 ? p.timeout_seconds : 1);
    if (p.http_get) co_return co_await http_get(t, *p.http_get, c, timeout);
    if (p.tcp_socket) co_return co_await tcp_socket(t, *p.tcp_socket, c);
    if (p.exec) co_return co_await exec_action(t, *p.exec, timeout);
    if (p.grpc) co_return probe_outcome{false, "gRPC probes are not simulated"};
    co_return probe_outcome{false, "missing probe handler"};
}

sim::task<std::string> run_hook(const probe_target& t, const api::lifecycle_handler& h, const api::container& c) {
    if (h.exec) {
        auto r = co_await detail::exec_in(t.container, h.exec->command, std::nullopt);
        if (!r) co_return std::string("command timed out");
        if (r->first == 0) co_return std::string();
        std::string joined = detail::quoted_command(h.exec->command);
        joined = joined.substr(1, joined.size() - 2);
        co_return "Exec lifecycle hook ([" + joined + "]) for Container \"" + c.name + "\" in Pod \"" + t.pod_desc +
            "\" failed - error: command '" + joined + "' exited with " + std::to_string(r->first) + ": " + r->second +
            ", message: \"" + r->second + "\"";
    }
    if (h.http_get) {
        auto r = co_await http_get(t, *h.http_get, c, std::chrono::seconds(10));
        if (r.success) co_return std::string();
        co_return "HTTP lifecycle hook (" + h.http_get->path + ") for Container \"" + c.name + "\" in Pod \"" + t.pod_desc +
            "\" failed - error: " + r.output;
    }
    if (h.tcp_socket) co_return std::string();  // upstream: tcpSocket hooks are deprecated no-ops
    if (h.sleep) {
        co_await sim::sleep_for(t.network->engine(), std::chrono::seconds(h.sleep->seconds));
        co_return std::string();
    }
    co_return std::string();
}

}  // namespace kubesim::kubelet
