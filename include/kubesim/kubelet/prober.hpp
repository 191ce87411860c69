// Probe and lifecycle-hook actions: httpGet, tcpSocket, exec (and sleep for
// hooks), run from the kubelet's node against a container. Models kubernetes
// pkg/kubelet/prober/prober.go (runProbe, the "%s probe failed: %s" output),
// pkg/probe/http/http.go (DoHTTPProbe: 200..399 succeed, "HTTP probe failed
// with statuscode: %d"), pkg/probe/tcp/tcp.go, pkg/probe/exec/exec.go and
// pkg/kubelet/lifecycle/handlers.go.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <kubesim/config.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::api {
struct container;
struct exec_action;
struct http_get_action;
struct int_or_string;
struct lifecycle_handler;
struct probe;
struct tcp_socket_action;
}  // namespace kubesim::api

namespace kubesim::images {
struct container_instance;
}  // namespace kubesim::images

namespace kubesim::net {
class network;
}  // namespace kubesim::net

namespace kubesim::kubelet {

struct probe_outcome {
    bool success{false};
    std::string output{};  // the failure text that goes after "Liveness probe failed: "
};

// The port of an httpGet / tcpSocket action: a number, or a container port name.
[[nodiscard]] KUBESIM_DECL std::optional<std::int32_t> resolve_port(const api::int_or_string& port, const api::container& c);

// Where the kubelet's probes leave from: the node itself.
struct probe_target {
    net::network* network{nullptr};
    net::origin node{};                                        // the kubelet's node
    std::string pod_ip{};
    std::shared_ptr<images::container_instance> container{};   // for exec actions
    std::string kubernetes_version{"v1.33.0"};                 // User-Agent: kube-probe/1.33
    std::string pod_desc{};                                    // format.Pod: "web_default(<uid>)"
};

KUBESIM_DECL sim::task<probe_outcome> http_get(const probe_target& t, const api::http_get_action& a, const api::container& c,
                                              sim::duration timeout);

KUBESIM_DECL sim::task<probe_outcome> tcp_socket(const probe_target& t, const api::tcp_socket_action& a,
                                                const api::container& c);

KUBESIM_DECL sim::task<probe_outcome> exec_action(const probe_target& t, const api::exec_action& a, sim::duration timeout);

// One probe attempt with the probe's timeout.
KUBESIM_DECL sim::task<probe_outcome> run_probe(const probe_target& t, const api::probe& p, const api::container& c);

// A lifecycle hook: "" on success, else the message upstream puts in the
// FailedPostStartHook / FailedPreStopHook events.
KUBESIM_DECL sim::task<std::string> run_hook(const probe_target& t, const api::lifecycle_handler& h, const api::container& c);

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/prober.ipp>
#endif
