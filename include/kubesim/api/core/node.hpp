// core/v1 Node (k8s.io/api/core/v1/types.go). Cluster-scoped.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct taint {
    std::string key{};
    std::string value{};
    std::string effect{};  // NoSchedule | PreferNoSchedule | NoExecute
    std::optional<time> time_added{};
    bool operator==(const taint&) const = default;
};

struct node_spec {
    std::string pod_cidr{};
    std::vector<std::string> pod_cidrs{};
    std::string provider_id{};
    bool unschedulable{false};
    std::vector<taint> taints{};
    bool operator==(const node_spec&) const = default;
};

struct node_condition {
    std::string type{};  // Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable
    std::string status{};
    std::optional<time> last_heartbeat_time{};
    std::optional<time> last_transition_time{};
    std::string reason{};
    std::string message{};
    bool operator==(const node_condition&) const = default;
};

struct node_address {
    std::string type{};  // InternalIP, ExternalIP, Hostname
    std::string address{};
    bool operator==(const node_address&) const = default;
};

struct daemon_endpoint {
    std::int32_t port{0};
    bool operator==(const daemon_endpoint&) const = default;
};

struct node_daemon_endpoints {
    daemon_endpoint kubelet_endpoint{};
    bool operator==(const node_daemon_endpoints&) const = default;
};

struct node_system_info {
    std::string machine_id{};
    std::string system_uuid{};
    std::string boot_id{};
    std::string kernel_version{};
    std::string os_image{};
    std::string container_runtime_version{};
    std::string kubelet_version{};
    std::string kube_proxy_version{};
    std::string operating_system{};
    std::string architecture{};
    bool operator==(const node_system_info&) const = default;
};

struct node_status {
    resource_list capacity{};
    resource_list allocatable{};
    std::string phase{};
    std::vector<node_condition> conditions{};
    std::vector<node_address> addresses{};
    node_daemon_endpoints daemon_endpoints{};
    node_system_info node_info{};
    bool operator==(const node_status&) const = default;
};

struct node {
    static constexpr std::string_view kind = "Node";
    static constexpr std::string_view api_version = "v1";
    static constexpr std::string_view group = "";
    static constexpr std::string_view resource = "nodes";
    static constexpr bool namespaced = false;

    object_meta metadata{};
    node_spec spec{};
    node_status status{};
    bool operator==(const node&) const = default;
};

}  // namespace kubesim::api
