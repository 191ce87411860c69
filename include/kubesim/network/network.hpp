// kubesim::net::network: the cluster network. Pod IPs and node IPs are hosts;
// processes bind HTTP listeners on (ip, port); kube-proxy programs Service
// routes (ClusterIP:port and NodePorts) that pick an endpoint per connection;
// the cluster DNS answers names. fetch() is an HTTP request on virtual time:
//
//   request leg(s)  origin node -> (node of the destination) : latency(hop) each
//   handler         the listener's coroutine, kept alive while it serves
//   response leg(s) back, in reverse
//
// Failures never throw: the response has status 0 and .error in Go's words,
//   Get "http://10.244.1.2:8080/": dial tcp 10.244.1.2:8080: connect: connection refused
//   Get "http://nope/": dial tcp: lookup nope on 10.96.0.10:53: no such host
//   Get "http://...": context deadline exceeded (Client.Timeout exceeded while awaiting headers)
//
// Routing is what kube-proxy (iptables mode) does, simplified: the DNAT happens
// on the origin's node, the endpoint is chosen round robin among the ready
// endpoints of the Service port (terminating-but-serving ones only when no
// endpoint is ready), and a Service port with no endpoint rejects the
// connection ("connection refused"). An IP that nobody owns gives
// "connect: no route to host" at once instead of a timeout.
//
// Faults: a request whose path enters a stopped node, or crosses a partition,
// or loses a hop to the drop probability, is never answered (the caller's
// timeout fires, as for a lost packet); a TCP connect then ends in
// "dial tcp ADDR: i/o timeout" after its timeout.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/network/hop.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/sim/task.hpp>
#include <kubesim/sim/task_group.hpp>
#include <kubesim/subscription.hpp>

namespace kubesim::net {

[[nodiscard]] KUBESIM_DECL std::string format_ip(ip_t ip);
[[nodiscard]] KUBESIM_DECL std::optional<ip_t> parse_ip(std::string_view s);

// An endpoint behind a Service port.
struct endpoint {
    ip_t ip{0};
    std::int32_t port{0};
    std::string node{};
    bool ready{true};
    bool serving{true};
    bool terminating{false};
    bool operator==(const endpoint&) const = default;
};

// A Service port as kube-proxy programs it.
struct service_route {
    std::string service{};  // "ns/name:port-name" for traces
    std::vector<endpoint> endpoints{};
    std::uint64_t next{0};  // round robin position

    // Ready endpoints, else serving terminating ones, round robin; nullptr when
    // there is none (the connection is rejected).
    KUBESIM_DECL const endpoint* pick();
};

// What can go wrong on the wire (cluster_options' network faults).
struct fault_options {
    double drop_probability{0.0};  // per hop
    std::function<sim::duration(const hop&, sim::random&)> random_latency{};  // per hop, replaces latency
};

class network {
public:
    using latency_fn = std::function<sim::duration(const hop&)>;
    using resolver_fn = std::function<std::optional<dns_answer>(std::string_view fqdn)>;

    explicit KUBESIM_DECL network(sim::engine& e, latency_fn latency = {});
    network(const network&) = delete;
    network& operator=(const network&) = delete;

    [[nodiscard]] sim::engine& engine() noexcept { return *eng_; }

    // ---- faults ----------------------------------------------------------------
    // Drops and random latency draw from rng (a stream of the seed).
    KUBESIM_DECL void set_faults(fault_options f, sim::random rng);
    // A stopped node: nothing it hosts answers, nothing leaves it.
    KUBESIM_DECL void set_node_down(std::string_view node, bool down);
    [[nodiscard]] bool node_down(std::string_view node) const { return down_.find(node) != down_.end(); }
    // Traffic between a node of side_a and one of side_b is dropped (both ways).
    KUBESIM_DECL void add_partition(std::set<std::string, std::less<>> side_a, std::set<std::string, std::less<>> side_b);
    void clear_partitions() { partitions_.clear(); }
    // Whether a packet can go from one node to another ("" = outside the cluster).
    [[nodiscard]] KUBESIM_DECL bool reachable(std::string_view from_node, std::string_view to_node) const;

    // ---- hosts -----------------------------------------------------------------
    void add_host(ip_t ip, std::string node) { hosts_[ip] = std::move(node); }
    KUBESIM_DECL void remove_host(ip_t ip);
    [[nodiscard]] KUBESIM_DECL const std::string* host_node(ip_t ip) const;
    // Names the node resolver knows (node names -> node IPs).
    KUBESIM_DECL void add_node_name(std::string name, ip_t ip);
    KUBESIM_DECL void remove_node_name(std::string_view name);
    [[nodiscard]] bool is_node_ip(ip_t ip) const { return node_ips_.count(ip) != 0; }

    // ---- listeners -------------------------------------------------------------
    // Binds (ip, port). Returns false when it is taken (the caller reports
    // "bind: address already in use").
    struct listener {
        handler fn;
        std::uint64_t owner{0};
    };
    KUBESIM_DECL bool listen(ip_t ip, std::int32_t port, handler fn, std::uint64_t owner = 0);
    void close(ip_t ip, std::int32_t port) { listeners_.erase({ip, port}); }
    // Closes every listener an owner bound.
    KUBESIM_DECL void close_owner(ip_t ip, std::uint64_t owner);
    [[nodiscard]] bool listening(ip_t ip, std::int32_t port) const { return listeners_.count({ip, port}) != 0; }

    // ---- kube-proxy --------------------------------------------------------------
    KUBESIM_DECL void set_service_route(ip_t cluster_ip, std::int32_t port, std::shared_ptr<service_route> r);
    KUBESIM_DECL void set_node_port(std::int32_t port, std::shared_ptr<service_route> r);
    [[nodiscard]] KUBESIM_DECL service_route* route(ip_t ip, std::int32_t port) const;

    // ---- DNS -----------------------------------------------------------------------
    void set_cluster_resolver(resolver_fn fn) { resolver_ = std::move(fn); }

    // Resolves name as the origin's resolver would: an IPv4 literal; "localhost";
    // the cluster DNS with the search list (ClusterFirst); then node names.
    [[nodiscard]] KUBESIM_DECL std::optional<dns_answer> resolve(const origin& from, std::string_view name) const;

    // ---- observers ---------------------------------------------------------------
    KUBESIM_DECL subscription on_request(std::function<void(const request_event&)> fn);
    KUBESIM_DECL subscription on_response(std::function<void(const response_event&)> fn);

    // ---- traffic -------------------------------------------------------------------
    // An HTTP request from `from`. timeout <= 0: no timeout.
    KUBESIM_DECL sim::task<http::response> fetch(origin from, http::request req, sim::duration timeout);

    // A TCP connect (tcpSocket probes): "" when something accepts on host:port,
    // otherwise Go's dial error ("dial tcp 10.244.1.2:80: connect: connection refused";
    // "dial tcp 10.244.1.2:80: i/o timeout" after timeout when nothing answers).
    KUBESIM_DECL sim::task<std::string> connect(origin from, std::string host, std::int32_t port,
                                                sim::duration timeout = std::chrono::seconds(1));

    [[nodiscard]] std::size_t in_flight() const noexcept { return tasks_.size(); }

private:
    static KUBESIM_DECL http::response failure(std::string_view url, std::string msg);

    KUBESIM_DECL std::string no_such_host(const origin& from) const;

    // The latency of these hops; nullopt when one of them is lost (down node,
    // partition, drop).
    KUBESIM_DECL std::optional<sim::duration> path(const std::vector<hop>& hops);

    KUBESIM_DECL std::vector<hop> legs(const origin& from, const std::string& to_node, ip_t to_ip, std::int32_t port,
                                       bool response) const;

    KUBESIM_DECL sim::task<void> deliver(origin from, http::request req, std::shared_ptr<sim::oneshot<http::response>> slot);

    template <class Map, class Ev>
    static void notify(const Map& observers, const Ev& ev) {
        if (observers.empty()) return;
        // Copy the ids: an observer may unsubscribe while being called.
        std::vector<std::uint64_t> ids;
        for (const auto& [id, fn] : observers) ids.push_back(id);
        for (auto id : ids)
            if (auto it = observers.find(id); it != observers.end()) it->second(ev);
    }

    sim::engine* eng_;
    latency_fn latency_;
    fault_options faults_{};
    sim::random rng_{};
    std::uint64_t drop_threshold_{0};  // drop when rng_.next() < this
    std::set<std::string, std::less<>> down_;
    std::vector<std::pair<std::set<std::string, std::less<>>, std::set<std::string, std::less<>>>> partitions_;
    std::unordered_map<ip_t, std::string> hosts_;  // found by IP only, never iterated
    std::map<std::string, ip_t, std::less<>> node_names_;
    std::set<ip_t> node_ips_;
    std::map<std::pair<ip_t, std::int32_t>, std::shared_ptr<listener>> listeners_;
    std::map<std::pair<ip_t, std::int32_t>, std::shared_ptr<service_route>> services_;
    std::map<std::int32_t, std::shared_ptr<service_route>> node_ports_;
    resolver_fn resolver_{};
    std::map<std::uint64_t, std::function<void(const request_event&)>> request_observers_;
    std::map<std::uint64_t, std::function<void(const response_event&)>> response_observers_;
    std::uint64_t next_observer_{0};
    std::uint64_t next_request_{0};
    sim::task_group tasks_;
};

}  // namespace kubesim::net

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/network/network.ipp>
#endif
