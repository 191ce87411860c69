// net::hop: one leg of a request crossing the simulated network, as handed to
// cluster_options::latency. The network itself (pod IPs, Services, DNS,
// kube-proxy) builds on this type.
#pragma once

#include <cstdint>
#include <string>

namespace kubesim::net {

struct hop {
    std::string from_node{};  // node the leg leaves ("" = outside the cluster)
    std::string to_node{};    // node the leg enters
    std::string from_ip{};
    std::string to_ip{};
    std::int32_t port{0};
    bool response{false};  // false: request leg; true: response leg
};

}  // namespace kubesim::net
