// The network's vocabulary, without the network: addresses, handlers, a
// request's origin and resolver, DNS answers, and what observers of the
// network receive (cluster.on_request / on_response). Public headers that
// mention these (the process context, the cluster) include this, not
// network.hpp.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <kubesim/api/cow_vector.hpp>
#include <kubesim/network/hop.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::net {

using ip_t = std::uint32_t;

using handler = std::function<sim::task<http::response>(http::request)>;

// How a request's names are resolved: resolv.conf of the origin.
struct dns_settings {
    bool cluster_dns{true};              // ClusterFirst: the cluster DNS first, then the node's names
    api::cow_vector<std::string> searches{};  // "default.svc.cluster.local", ... (shared by a namespace's pods)
    int ndots{5};
    std::string nameserver{};             // printed in lookup errors ("10.96.0.10")
};

// Where a request starts. A pod: its IP, node and resolv.conf; outside the
// cluster: node-1's IP with the node's resolver.
struct origin {
    std::string node{};
    ip_t ip{0};
    dns_settings dns{};
    bool outside{false};  // cluster.fetch: the first leg enters the node from outside
};

// One DNS answer: the canonical name and its addresses (A records, in order).
struct dns_answer {
    std::string name{};
    std::vector<ip_t> ips{};
};

struct request_event {
    std::uint64_t id{0};
    sim::time_point time{};
    std::string from_ip{};    // "" from outside the cluster
    std::string from_node{};
    std::string to_ip{};      // where the packet ends (pod IP after a Service DNAT); "" when it went nowhere
    std::int32_t port{0};
    std::string service{};    // "ns/name" when a Service routed it
    http::request request{};
    std::vector<hop> hops{};
    sim::duration latency{};
};

struct response_event {
    std::uint64_t id{0};
    sim::time_point time{};
    std::string from_ip{};
    std::string from_node{};
    std::string to_ip{};
    std::int32_t port{0};
    std::string service{};
    http::request request{};
    http::response response{};
    std::vector<hop> hops{};   // the response legs
    sim::duration latency{};   // whole round trip, request sent to response received
};

}  // namespace kubesim::net
