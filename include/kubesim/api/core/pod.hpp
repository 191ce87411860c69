// core/v1 Pod (k8s.io/api/core/v1/types.go): the fields Kubernetes users set,
// and the full status the kubelet reports. Members are the snake_case of the
// JSON fields; large rarely-set members are api::box (optional on the heap).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/box.hpp>
#include <kubesim/api/cow_vector.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/api/quantity.hpp>

namespace kubesim::api {

using resource_list = std::map<std::string, quantity>;  // "cpu" -> 100m, "memory" -> 128Mi

struct container_port {
    std::string name{};
    std::int32_t host_port{0};
    std::int32_t container_port{0};
    std::string protocol{};  // defaulted to "TCP"
    std::string host_ip{};
    bool operator==(const api::container_port&) const = default;
};

struct object_field_selector {
    std::string api_version{};  // defaulted to "v1"
    std::string field_path{};
    bool operator==(const object_field_selector&) const = default;
};

struct resource_field_selector {
    std::string container_name{};
    std::string resource{};
    std::optional<quantity> divisor{};
    bool operator==(const resource_field_selector&) const = default;
};

// configMapKeyRef / secretKeyRef
struct key_selector {
    std::string name{};
    std::string key{};
    std::optional<bool> optional{};
    bool operator==(const key_selector&) const = default;
};

struct env_var_source {
    std::optional<object_field_selector> field_ref{};
    std::optional<resource_field_selector> resource_field_ref{};
    std::optional<key_selector> config_map_key_ref{};
    std::optional<key_selector> secret_key_ref{};
    bool operator==(const env_var_source&) const = default;
};

struct env_var {
    std::string name{};
    std::string value{};
    box<env_var_source> value_from{};
    bool operator==(const env_var&) const = default;
};

// configMapRef / secretRef of envFrom
struct env_source_ref {
    std::string name{};
    std::optional<bool> optional{};
    bool operator==(const env_source_ref&) const = default;
};

struct env_from_source {
    std::string prefix{};
    std::optional<env_source_ref> config_map_ref{};
    std::optional<env_source_ref> secret_ref{};
    bool operator==(const env_from_source&) const = default;
};

struct resource_requirements {
    resource_list limits{};
    resource_list requests{};
    bool operator==(const resource_requirements&) const = default;
};

struct exec_action {
    std::vector<std::string> command{};
    bool operator==(const exec_action&) const = default;
};

struct http_header {
    std::string name{};
    std::string value{};
    bool operator==(const http_header&) const = default;
};

struct http_get_action {
    std::string path{};
    int_or_string port{};
    std::string host{};
    std::string scheme{};  // defaulted to "HTTP"
    std::vector<http_header> http_headers{};
    bool operator==(const http_get_action&) const = default;
};

struct tcp_socket_action {
    int_or_string port{};
    std::string host{};
    bool operator==(const tcp_socket_action&) const = default;
};

struct grpc_action {
    std::int32_t port{0};
    std::optional<std::string> service{};
    bool operator==(const grpc_action&) const = default;
};

struct sleep_action {
    std::int64_t seconds{0};
    bool operator==(const sleep_action&) const = default;
};

// ProbeHandler inlined into probe, as in the JSON.
struct probe {
    std::optional<exec_action> exec{};
    std::optional<http_get_action> http_get{};
    std::optional<tcp_socket_action> tcp_socket{};
    std::optional<grpc_action> grpc{};
    std::int32_t initial_delay_seconds{0};
    std::int32_t timeout_seconds{0};    // defaulted to 1
    std::int32_t period_seconds{0};     // defaulted to 10
    std::int32_t success_threshold{0};  // defaulted to 1
    std::int32_t failure_threshold{0};  // defaulted to 3
    std::optional<std::int64_t> termination_grace_period_seconds{};
    bool operator==(const probe&) const = default;
};

struct lifecycle_handler {
    std::optional<exec_action> exec{};
    std::optional<http_get_action> http_get{};
    std::optional<tcp_socket_action> tcp_socket{};
    std::optional<sleep_action> sleep{};
    bool operator==(const lifecycle_handler&) const = default;
};

struct lifecycle {
    std::optional<lifecycle_handler> post_start{};
    std::optional<lifecycle_handler> pre_stop{};
    bool operator==(const lifecycle&) const = default;
};

struct container {
    std::string name{};
    std::string image{};
    std::vector<std::string> command{};
    std::vector<std::string> args{};
    std::string working_dir{};
    std::vector<container_port> ports{};
    std::vector<env_from_source> env_from{};
    std::vector<env_var> env{};
    resource_requirements resources{};
    box<probe> liveness_probe{};
    box<probe> readiness_probe{};
    box<probe> startup_probe{};
    box<api::lifecycle> lifecycle{};
    std::string termination_message_path{};    // defaulted to "/dev/termination-log"
    std::string termination_message_policy{};  // defaulted to "File"
    std::string image_pull_policy{};           // defaulted by tag: Always for latest/none, else IfNotPresent
    std::optional<std::string> restart_policy{};  // sidecar init containers: "Always"
    bool stdin_{false};
    bool tty{false};
    bool operator==(const container&) const = default;
};

struct toleration {
    std::string key{};
    std::string operator_{};  // "Exists" | "Equal" (default Equal)
    std::string value{};
    std::string effect{};  // "NoSchedule" | "PreferNoSchedule" | "NoExecute" | "" (all)
    std::optional<std::int64_t> toleration_seconds{};
    bool operator==(const toleration&) const = default;
};

struct node_selector_requirement {
    std::string key{};
    std::string operator_{};  // In, NotIn, Exists, DoesNotExist, Gt, Lt
    std::vector<std::string> values{};
    bool operator==(const node_selector_requirement&) const = default;
};

struct node_selector_term {
    std::vector<node_selector_requirement> match_expressions{};
    std::vector<node_selector_requirement> match_fields{};
    bool operator==(const node_selector_term&) const = default;
};

struct node_selector {
    std::vector<node_selector_term> node_selector_terms{};
    bool operator==(const node_selector&) const = default;
};

struct preferred_scheduling_term {
    std::int32_t weight{0};
    node_selector_term preference{};
    bool operator==(const preferred_scheduling_term&) const = default;
};

struct node_affinity {
    std::optional<node_selector> required_during_scheduling_ignored_during_execution{};
    std::vector<preferred_scheduling_term> preferred_during_scheduling_ignored_during_execution{};
    bool operator==(const node_affinity&) const = default;
};

struct pod_affinity_term {
    std::optional<api::label_selector> label_selector{};
    std::vector<std::string> namespaces{};
    std::string topology_key{};
    bool operator==(const pod_affinity_term&) const = default;
};

struct weighted_pod_affinity_term {
    std::int32_t weight{0};
    api::pod_affinity_term pod_affinity_term{};
    bool operator==(const weighted_pod_affinity_term&) const = default;
};

struct pod_affinity {
    std::vector<pod_affinity_term> required_during_scheduling_ignored_during_execution{};
    std::vector<weighted_pod_affinity_term> preferred_during_scheduling_ignored_during_execution{};
    bool operator==(const pod_affinity&) const = default;
};

struct affinity {
    std::optional<api::node_affinity> node_affinity{};
    std::optional<api::pod_affinity> pod_affinity{};
    std::optional<api::pod_affinity> pod_anti_affinity{};
    bool operator==(const affinity&) const = default;
};

struct pod_dns_config_option {
    std::string name{};
    std::optional<std::string> value{};
    bool operator==(const pod_dns_config_option&) const = default;
};

struct pod_dns_config {
    std::vector<std::string> nameservers{};
    std::vector<std::string> searches{};
    std::vector<pod_dns_config_option> options{};
    bool operator==(const pod_dns_config&) const = default;
};

struct host_alias {
    std::string ip{};
    std::vector<std::string> hostnames{};
    bool operator==(const host_alias&) const = default;
};

struct pod_readiness_gate {
    std::string condition_type{};
    bool operator==(const pod_readiness_gate&) const = default;
};

struct pod_spec {
    cow_vector<container> init_containers{};
    cow_vector<container> containers{};
    std::string restart_policy{};  // defaulted to "Always"
    std::optional<std::int64_t> termination_grace_period_seconds{};  // defaulted to 30
    std::optional<std::int64_t> active_deadline_seconds{};
    std::string dns_policy{};  // defaulted to "ClusterFirst"
    std::map<std::string, std::string> node_selector{};
    std::string service_account_name{};
    std::optional<bool> automount_service_account_token{};
    std::string node_name{};
    bool host_network{false};
    std::string hostname{};
    std::string subdomain{};
    box<api::affinity> affinity{};
    std::string scheduler_name{};  // defaulted to "default-scheduler"
    std::vector<toleration> tolerations{};
    std::vector<host_alias> host_aliases{};
    std::string priority_class_name{};
    std::optional<std::int32_t> priority{};
    box<pod_dns_config> dns_config{};
    std::vector<pod_readiness_gate> readiness_gates{};
    std::optional<bool> enable_service_links{};  // defaulted to true
    std::optional<std::string> preemption_policy{};
    bool operator==(const pod_spec&) const = default;
};

struct pod_condition {
    std::string type{};  // PodScheduled, PodReadyToStartContainers, Initialized, ContainersReady, Ready
    std::string status{};
    std::int64_t observed_generation{0};
    std::optional<time> last_probe_time{};
    std::optional<time> last_transition_time{};
    std::string reason{};
    std::string message{};
    bool operator==(const pod_condition&) const = default;
};

struct container_state_waiting {
    std::string reason{};
    std::string message{};
    bool operator==(const container_state_waiting&) const = default;
};

struct container_state_running {
    std::optional<time> started_at{};
    bool operator==(const container_state_running&) const = default;
};

struct container_state_terminated {
    std::int32_t exit_code{0};
    std::int32_t signal{0};
    std::string reason{};
    std::string message{};
    std::optional<time> started_at{};
    std::optional<time> finished_at{};
    std::string container_id{};
    bool operator==(const container_state_terminated&) const = default;
};

// At most one member is set. waiting and terminated are boxed (one pointer
// when unset), as most statuses stored are running ones.
struct container_state {
    box<container_state_waiting> waiting{};
    std::optional<container_state_running> running{};
    box<container_state_terminated> terminated{};
    bool operator==(const container_state&) const = default;
};

struct container_status {
    std::string name{};
    container_state state{};
    container_state last_state{};
    bool ready{false};
    std::int32_t restart_count{0};
    std::string image{};
    std::string image_id{};
    std::string container_id{};
    std::optional<bool> started{};
    bool operator==(const container_status&) const = default;
};

struct pod_ip {
    std::string ip{};
    bool operator==(const pod_ip&) const = default;
};

struct pod_status {
    std::int64_t observed_generation{0};
    std::string phase{};  // Pending, Running, Succeeded, Failed, Unknown
    std::vector<pod_condition> conditions{};
    std::string message{};
    std::string reason{};
    std::string nominated_node_name{};
    std::string host_ip{};
    std::vector<api::pod_ip> host_ips{};
    std::string pod_ip{};
    std::vector<api::pod_ip> pod_ips{};
    std::optional<time> start_time{};
    std::vector<container_status> init_container_statuses{};
    std::vector<container_status> container_statuses{};
    std::string qos_class{};
    bool operator==(const pod_status&) const = default;
};

struct pod {
    static constexpr std::string_view kind = "Pod";
    static constexpr std::string_view api_version = "v1";
    static constexpr std::string_view group = "";
    static constexpr std::string_view resource = "pods";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    pod_spec spec{};
    pod_status status{};
    bool operator==(const pod&) const = default;
};

// A pod template (ReplicaSet / Deployment spec.template).
struct pod_template_spec {
    object_meta metadata{};
    pod_spec spec{};
    bool operator==(const pod_template_spec&) const = default;
};

}  // namespace kubesim::api
