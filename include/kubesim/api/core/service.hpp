// core/v1 Service.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct service_port {
    std::string name{};
    std::string protocol{};  // defaulted to "TCP"
    std::optional<std::string> app_protocol{};
    std::int32_t port{0};
    int_or_string target_port{};  // defaulted to port
    std::int32_t node_port{0};
    bool operator==(const service_port&) const = default;
};

struct session_affinity_config {
    std::optional<std::int32_t> timeout_seconds{};  // clientIP.timeoutSeconds
    bool operator==(const session_affinity_config&) const = default;
};

struct service_spec {
    std::vector<service_port> ports{};
    std::map<std::string, std::string> selector{};
    std::string cluster_ip{};
    std::vector<std::string> cluster_ips{};
    std::string type{};  // defaulted to "ClusterIP"
    std::vector<std::string> external_ips{};
    std::string session_affinity{};  // defaulted to "None"
    std::optional<api::session_affinity_config> session_affinity_config{};
    std::string load_balancer_ip{};
    std::string external_name{};
    std::string external_traffic_policy{};  // Cluster (default for NodePort/LoadBalancer) | Local
    std::optional<std::string> internal_traffic_policy{};  // defaulted to "Cluster"
    std::vector<std::string> ip_families{};
    std::optional<std::string> ip_family_policy{};
    bool publish_not_ready_addresses{false};
    std::optional<bool> allocate_load_balancer_node_ports{};
    bool operator==(const service_spec&) const = default;
};

struct load_balancer_ingress {
    std::string ip{};
    std::string hostname{};
    bool operator==(const load_balancer_ingress&) const = default;
};

struct load_balancer_status {
    std::vector<load_balancer_ingress> ingress{};
    bool operator==(const load_balancer_status&) const = default;
};

struct service_status {
    load_balancer_status load_balancer{};
    std::vector<condition> conditions{};
    bool operator==(const service_status&) const = default;
};

struct service {
    static constexpr std::string_view kind = "Service";
    static constexpr std::string_view api_version = "v1";
    static constexpr std::string_view group = "";
    static constexpr std::string_view resource = "services";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    service_spec spec{};
    service_status status{};
    bool operator==(const service&) const = default;
};

}  // namespace kubesim::api
