// JSON for the core/v1 kinds (k8s.io/api/core/v1/types.go): pod and every struct
// under it (containers, probes, affinity, status ...), pod_template_spec, node,
// namespace_, service, event, config_map and secret. Keys and omitempty follow
// the upstream json tags; Secret.data and ConfigMap.binaryData are base64 in
// JSON; Secret.stringData is read but never written (it is write-only upstream).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <kubesim/api/core/config_map.hpp>
#include <kubesim/api/core/event.hpp>
#include <kubesim/api/core/namespace.hpp>
#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/secret.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/config.hpp>

// The ADL entry points, one pair per struct.
namespace kubesim::api {

KUBESIM_DECL void to_json(nlohmann::json& j, const container_port& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, container_port& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const object_field_selector& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, object_field_selector& x);

// divisor is a resource.Quantity struct upstream: never omitted, "0" when unset.
KUBESIM_DECL void to_json(nlohmann::json& j, const resource_field_selector& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, resource_field_selector& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const key_selector& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, key_selector& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const env_var_source& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, env_var_source& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const env_var& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, env_var& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const env_source_ref& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, env_source_ref& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const env_from_source& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, env_from_source& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const resource_requirements& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, resource_requirements& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const exec_action& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, exec_action& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const http_header& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, http_header& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const http_get_action& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, http_get_action& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const tcp_socket_action& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, tcp_socket_action& x);

// service is a *string without omitempty upstream: null when unset.
KUBESIM_DECL void to_json(nlohmann::json& j, const grpc_action& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, grpc_action& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const sleep_action& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, sleep_action& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const probe& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, probe& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const lifecycle_handler& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, lifecycle_handler& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const lifecycle& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, lifecycle& x);

// resources is a struct: `"resources": {}` even when empty, as kubectl shows it.
KUBESIM_DECL void to_json(nlohmann::json& j, const container& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, container& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const toleration& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, toleration& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_selector_requirement& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_selector_requirement& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_selector_term& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_selector_term& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_selector& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_selector& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const preferred_scheduling_term& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, preferred_scheduling_term& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_affinity& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_affinity& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_affinity_term& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_affinity_term& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const weighted_pod_affinity_term& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, weighted_pod_affinity_term& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_affinity& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_affinity& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const affinity& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, affinity& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_dns_config_option& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_dns_config_option& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_dns_config& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_dns_config& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const host_alias& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, host_alias& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_readiness_gate& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_readiness_gate& x);

// containers has no omitempty: null when empty. serviceAccount, the deprecated
// alias, is printed alongside serviceAccountName as the API server does.
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_spec& x);

// lastProbeTime / lastTransitionTime are metav1.Time structs: null when unset.
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_condition& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_condition& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const container_state_waiting& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, container_state_waiting& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const container_state_running& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, container_state_running& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const container_state_terminated& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, container_state_terminated& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const container_state& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, container_state& x);

// ready, restartCount, image and imageID have no omitempty.
KUBESIM_DECL void to_json(nlohmann::json& j, const container_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, container_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_ip& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_ip& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_status& x);

// A top-level kind: apiVersion and kind first; metadata, spec and status are
// structs upstream and always present.
KUBESIM_DECL void to_json(nlohmann::json& j, const pod& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const pod_template_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, pod_template_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const taint& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, taint& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_condition& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_condition& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_address& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_address& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const daemon_endpoint& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, daemon_endpoint& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_daemon_endpoints& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_daemon_endpoints& x);

// Every NodeSystemInfo field is without omitempty.
KUBESIM_DECL void to_json(nlohmann::json& j, const node_system_info& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_system_info& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const node& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, node& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const namespace_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, namespace_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const namespace_condition& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, namespace_condition& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const namespace_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, namespace_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const namespace_& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, namespace_& x);

// targetPort is an IntOrString struct upstream: never omitted (0 when unset).
KUBESIM_DECL void to_json(nlohmann::json& j, const service_port& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, service_port& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const session_affinity_config& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, session_affinity_config& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const service_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, service_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const load_balancer_ingress& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, load_balancer_ingress& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const load_balancer_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, load_balancer_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const service_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, service_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const service& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, service& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const event_source& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, event_source& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const event_series& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, event_series& x);

// involvedObject and source are structs; firstTimestamp, lastTimestamp and
// eventTime print null when unset; reportingComponent / reportingInstance have
// no omitempty.
KUBESIM_DECL void to_json(nlohmann::json& j, const event& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, event& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const config_map& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, config_map& x);

// stringData is write-only: read by from_json, never written.
KUBESIM_DECL void to_json(nlohmann::json& j, const secret& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, secret& x);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/core.ipp>
#endif
