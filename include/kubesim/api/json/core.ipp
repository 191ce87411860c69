// Definitions of api/json/core.hpp.
#pragma once

#include <kubesim/api/json/core.hpp>

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/readers.hpp>

// ---------------------------------------------------------------------------
// Readers: one per struct, in the field order of types.go. The Go type names
// are what encoding/json prints in a type error.
namespace kubesim::api::json::detail {

KUBESIM_DECL void read(const reader& r, container_port& x) {
    r.str("name", x.name);
    r.i32("hostPort", x.host_port);
    r.i32("containerPort", x.container_port);
    r.str("protocol", x.protocol, "v1.Protocol");
    r.str("hostIP", x.host_ip);
}

KUBESIM_DECL void read(const reader& r, object_field_selector& x) {
    r.str("apiVersion", x.api_version);
    r.str("fieldPath", x.field_path);
}

KUBESIM_DECL void read(const reader& r, resource_field_selector& x) {
    r.str("containerName", x.container_name);
    r.str("resource", x.resource);
    r.quantity("divisor", x.divisor);
}

// ConfigMapKeySelector and SecretKeySelector (LocalObjectReference inlined).
KUBESIM_DECL void read(const reader& r, key_selector& x) {
    r.str("name", x.name);
    r.str("key", x.key);
    r.opt_bool("optional", x.optional);
}

KUBESIM_DECL void read(const reader& r, env_var_source& x) {
    r.object("fieldRef", x.field_ref, "v1.ObjectFieldSelector");
    r.object("resourceFieldRef", x.resource_field_ref, "v1.ResourceFieldSelector");
    r.object("configMapKeyRef", x.config_map_key_ref, "v1.ConfigMapKeySelector");
    r.object("secretKeyRef", x.secret_key_ref, "v1.SecretKeySelector");
}

KUBESIM_DECL void read(const reader& r, env_var& x) {
    r.str("name", x.name);
    r.str("value", x.value);
    r.object("valueFrom", x.value_from, "v1.EnvVarSource");
}

// ConfigMapEnvSource and SecretEnvSource.
KUBESIM_DECL void read(const reader& r, env_source_ref& x) {
    r.str("name", x.name);
    r.opt_bool("optional", x.optional);
}

KUBESIM_DECL void read(const reader& r, env_from_source& x) {
    r.str("prefix", x.prefix);
    r.object("configMapRef", x.config_map_ref, "v1.ConfigMapEnvSource");
    r.object("secretRef", x.secret_ref, "v1.SecretEnvSource");
}

KUBESIM_DECL void read(const reader& r, resource_requirements& x) {
    r.quantities("limits", x.limits);
    r.quantities("requests", x.requests);
}

KUBESIM_DECL void read(const reader& r, exec_action& x) { r.strings("command", x.command); }

KUBESIM_DECL void read(const reader& r, http_header& x) {
    r.str("name", x.name);
    r.str("value", x.value);
}

KUBESIM_DECL void read(const reader& r, http_get_action& x) {
    r.str("path", x.path);
    r.int_or_string("port", x.port);
    r.str("host", x.host);
    r.str("scheme", x.scheme, "v1.URIScheme");
    r.list("httpHeaders", x.http_headers, "v1.HTTPHeader");
}

KUBESIM_DECL void read(const reader& r, tcp_socket_action& x) {
    r.int_or_string("port", x.port);
    r.str("host", x.host);
}

KUBESIM_DECL void read(const reader& r, grpc_action& x) {
    r.i32("port", x.port);
    r.opt_str("service", x.service);
}

KUBESIM_DECL void read(const reader& r, sleep_action& x) { r.i64("seconds", x.seconds); }

KUBESIM_DECL void read(const reader& r, probe& x) {
    r.object("exec", x.exec, "v1.ExecAction");
    r.object("httpGet", x.http_get, "v1.HTTPGetAction");
    r.object("tcpSocket", x.tcp_socket, "v1.TCPSocketAction");
    r.object("grpc", x.grpc, "v1.GRPCAction");
    r.i32("initialDelaySeconds", x.initial_delay_seconds);
    r.i32("timeoutSeconds", x.timeout_seconds);
    r.i32("periodSeconds", x.period_seconds);
    r.i32("successThreshold", x.success_threshold);
    r.i32("failureThreshold", x.failure_threshold);
    r.opt_i64("terminationGracePeriodSeconds", x.termination_grace_period_seconds);
}

KUBESIM_DECL void read(const reader& r, lifecycle_handler& x) {
    r.object("exec", x.exec, "v1.ExecAction");
    r.object("httpGet", x.http_get, "v1.HTTPGetAction");
    r.object("tcpSocket", x.tcp_socket, "v1.TCPSocketAction");
    r.object("sleep", x.sleep, "v1.SleepAction");
}

KUBESIM_DECL void read(const reader& r, lifecycle& x) {
    r.object("postStart", x.post_start, "v1.LifecycleHandler");
    r.object("preStop", x.pre_stop, "v1.LifecycleHandler");
}

KUBESIM_DECL void read(const reader& r, container& x) {
    r.str("name", x.name);
    r.str("image", x.image);
    r.strings("command", x.command);
    r.strings("args", x.args);
    r.str("workingDir", x.working_dir);
    r.list("ports", x.ports, "v1.ContainerPort");
    r.list("envFrom", x.env_from, "v1.EnvFromSource");
    r.list("env", x.env, "v1.EnvVar");
    r.object("resources", x.resources, "v1.ResourceRequirements");
    r.opt_str("restartPolicy", x.restart_policy, "v1.ContainerRestartPolicy");
    r.object("livenessProbe", x.liveness_probe, "v1.Probe");
    r.object("readinessProbe", x.readiness_probe, "v1.Probe");
    r.object("startupProbe", x.startup_probe, "v1.Probe");
    r.object("lifecycle", x.lifecycle, "v1.Lifecycle");
    r.str("terminationMessagePath", x.termination_message_path);
    r.str("terminationMessagePolicy", x.termination_message_policy, "v1.TerminationMessagePolicy");
    r.str("imagePullPolicy", x.image_pull_policy, "v1.PullPolicy");
    r.boolean("stdin", x.stdin_);
    r.boolean("tty", x.tty);
}

KUBESIM_DECL void read(const reader& r, toleration& x) {
    r.str("key", x.key);
    r.str("operator", x.operator_, "v1.TolerationOperator");
    r.str("value", x.value);
    r.str("effect", x.effect, "v1.TaintEffect");
    r.opt_i64("tolerationSeconds", x.toleration_seconds);
}

KUBESIM_DECL void read(const reader& r, node_selector_requirement& x) {
    r.str("key", x.key);
    r.str("operator", x.operator_, "v1.NodeSelectorOperator");
    r.strings("values", x.values);
}

KUBESIM_DECL void read(const reader& r, node_selector_term& x) {
    r.list("matchExpressions", x.match_expressions, "v1.NodeSelectorRequirement");
    r.list("matchFields", x.match_fields, "v1.NodeSelectorRequirement");
}

KUBESIM_DECL void read(const reader& r, node_selector& x) {
    r.list("nodeSelectorTerms", x.node_selector_terms, "v1.NodeSelectorTerm");
}

KUBESIM_DECL void read(const reader& r, preferred_scheduling_term& x) {
    r.i32("weight", x.weight);
    r.object("preference", x.preference, "v1.NodeSelectorTerm");
}

KUBESIM_DECL void read(const reader& r, node_affinity& x) {
    r.object("requiredDuringSchedulingIgnoredDuringExecution", x.required_during_scheduling_ignored_during_execution,
             "v1.NodeSelector");
    r.list("preferredDuringSchedulingIgnoredDuringExecution", x.preferred_during_scheduling_ignored_during_execution,
           "v1.PreferredSchedulingTerm");
}

KUBESIM_DECL void read(const reader& r, pod_affinity_term& x) {
    r.object("labelSelector", x.label_selector, "v1.LabelSelector");
    r.strings("namespaces", x.namespaces);
    r.str("topologyKey", x.topology_key);
}

KUBESIM_DECL void read(const reader& r, weighted_pod_affinity_term& x) {
    r.i32("weight", x.weight);
    r.object("podAffinityTerm", x.pod_affinity_term, "v1.PodAffinityTerm");
}

// PodAffinity and PodAntiAffinity.
KUBESIM_DECL void read(const reader& r, pod_affinity& x) {
    r.list("requiredDuringSchedulingIgnoredDuringExecution", x.required_during_scheduling_ignored_during_execution,
           "v1.PodAffinityTerm");
    r.list("preferredDuringSchedulingIgnoredDuringExecution", x.preferred_during_scheduling_ignored_during_execution,
           "v1.WeightedPodAffinityTerm");
}

KUBESIM_DECL void read(const reader& r, affinity& x) {
    r.object("nodeAffinity", x.node_affinity, "v1.NodeAffinity");
    r.object("podAffinity", x.pod_affinity, "v1.PodAffinity");
    r.object("podAntiAffinity", x.pod_anti_affinity, "v1.PodAntiAffinity");
}

KUBESIM_DECL void read(const reader& r, pod_dns_config_option& x) {
    r.str("name", x.name);
    r.opt_str("value", x.value);
}

KUBESIM_DECL void read(const reader& r, pod_dns_config& x) {
    r.strings("nameservers", x.nameservers);
    r.strings("searches", x.searches);
    r.list("options", x.options, "v1.PodDNSConfigOption");
}

KUBESIM_DECL void read(const reader& r, host_alias& x) {
    r.str("ip", x.ip);
    r.strings("hostnames", x.hostnames);
}

KUBESIM_DECL void read(const reader& r, pod_readiness_gate& x) {
    r.str("conditionType", x.condition_type, "v1.PodConditionType");
}

KUBESIM_DECL void read(const reader& r, pod_spec& x) {
    r.list("initContainers", x.init_containers, "v1.Container");
    r.list("containers", x.containers, "v1.Container");
    r.str("restartPolicy", x.restart_policy, "v1.RestartPolicy");
    r.opt_i64("terminationGracePeriodSeconds", x.termination_grace_period_seconds);
    r.opt_i64("activeDeadlineSeconds", x.active_deadline_seconds);
    r.str("dnsPolicy", x.dns_policy, "v1.DNSPolicy");
    r.string_map("nodeSelector", x.node_selector);
    r.str("serviceAccountName", x.service_account_name);
    // serviceAccount is the deprecated alias; conversion uses it when the new name is unset.
    if (x.service_account_name.empty()) r.str("serviceAccount", x.service_account_name);
    r.opt_bool("automountServiceAccountToken", x.automount_service_account_token);
    r.str("nodeName", x.node_name);
    r.boolean("hostNetwork", x.host_network);
    r.str("hostname", x.hostname);
    r.str("subdomain", x.subdomain);
    r.object("affinity", x.affinity, "v1.Affinity");
    r.str("schedulerName", x.scheduler_name);
    r.list("tolerations", x.tolerations, "v1.Toleration");
    r.list("hostAliases", x.host_aliases, "v1.HostAlias");
    r.str("priorityClassName", x.priority_class_name);
    r.opt_i32("priority", x.priority);
    r.object("dnsConfig", x.dns_config, "v1.PodDNSConfig");
    r.list("readinessGates", x.readiness_gates, "v1.PodReadinessGate");
    r.opt_bool("enableServiceLinks", x.enable_service_links);
    r.opt_str("preemptionPolicy", x.preemption_policy, "v1.PreemptionPolicy");
}

KUBESIM_DECL void read(const reader& r, pod_condition& x) {
    r.str("type", x.type, "v1.PodConditionType");
    r.i64("observedGeneration", x.observed_generation);
    r.str("status", x.status, "v1.ConditionStatus");
    r.time("lastProbeTime", x.last_probe_time);
    r.time("lastTransitionTime", x.last_transition_time);
    r.str("reason", x.reason);
    r.str("message", x.message);
}

KUBESIM_DECL void read(const reader& r, container_state_waiting& x) {
    r.str("reason", x.reason);
    r.str("message", x.message);
}

KUBESIM_DECL void read(const reader& r, container_state_running& x) { r.time("startedAt", x.started_at); }

KUBESIM_DECL void read(const reader& r, container_state_terminated& x) {
    r.i32("exitCode", x.exit_code);
    r.i32("signal", x.signal);
    r.str("reason", x.reason);
    r.str("message", x.message);
    r.time("startedAt", x.started_at);
    r.time("finishedAt", x.finished_at);
    r.str("containerID", x.container_id);
}

KUBESIM_DECL void read(const reader& r, container_state& x) {
    r.object("waiting", x.waiting, "v1.ContainerStateWaiting");
    r.object("running", x.running, "v1.ContainerStateRunning");
    r.object("terminated", x.terminated, "v1.ContainerStateTerminated");
}

KUBESIM_DECL void read(const reader& r, container_status& x) {
    r.str("name", x.name);
    r.object("state", x.state, "v1.ContainerState");
    r.object("lastState", x.last_state, "v1.ContainerState");
    r.boolean("ready", x.ready);
    r.i32("restartCount", x.restart_count);
    r.str("image", x.image);
    r.str("imageID", x.image_id);
    r.str("containerID", x.container_id);
    r.opt_bool("started", x.started);
}

// PodIP and HostIP.
KUBESIM_DECL void read(const reader& r, pod_ip& x) { r.str("ip", x.ip); }

KUBESIM_DECL void read(const reader& r, pod_status& x) {
    r.i64("observedGeneration", x.observed_generation);
    r.str("phase", x.phase, "v1.PodPhase");
    r.list("conditions", x.conditions, "v1.PodCondition");
    r.str("message", x.message);
    r.str("reason", x.reason);
    r.str("nominatedNodeName", x.nominated_node_name);
    r.str("hostIP", x.host_ip);
    r.list("hostIPs", x.host_ips, "v1.HostIP");
    r.str("podIP", x.pod_ip);
    r.list("podIPs", x.pod_ips, "v1.PodIP");
    r.time("startTime", x.start_time);
    r.list("initContainerStatuses", x.init_container_statuses, "v1.ContainerStatus");
    r.list("containerStatuses", x.container_statuses, "v1.ContainerStatus");
    r.str("qosClass", x.qos_class, "v1.PodQOSClass");
}

void read(const reader& r, pod& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.PodSpec");
    r.object("status", x.status, "v1.PodStatus");
}

void read(const reader& r, pod_template_spec& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.PodSpec");
}

KUBESIM_DECL void read(const reader& r, taint& x) {
    r.str("key", x.key);
    r.str("value", x.value);
    r.str("effect", x.effect, "v1.TaintEffect");
    r.time("timeAdded", x.time_added);
}

KUBESIM_DECL void read(const reader& r, node_spec& x) {
    r.str("podCIDR", x.pod_cidr);
    r.strings("podCIDRs", x.pod_cidrs);
    r.str("providerID", x.provider_id);
    r.boolean("unschedulable", x.unschedulable);
    r.list("taints", x.taints, "v1.Taint");
}

KUBESIM_DECL void read(const reader& r, node_condition& x) {
    r.str("type", x.type, "v1.NodeConditionType");
    r.str("status", x.status, "v1.ConditionStatus");
    r.time("lastHeartbeatTime", x.last_heartbeat_time);
    r.time("lastTransitionTime", x.last_transition_time);
    r.str("reason", x.reason);
    r.str("message", x.message);
}

KUBESIM_DECL void read(const reader& r, node_address& x) {
    r.str("type", x.type, "v1.NodeAddressType");
    r.str("address", x.address);
}

// The json tag is "Port": it was unquoted in early releases and kept for compatibility.
KUBESIM_DECL void read(const reader& r, daemon_endpoint& x) { r.i32("Port", x.port); }

KUBESIM_DECL void read(const reader& r, node_daemon_endpoints& x) {
    r.object("kubeletEndpoint", x.kubelet_endpoint, "v1.DaemonEndpoint");
}

KUBESIM_DECL void read(const reader& r, node_system_info& x) {
    r.str("machineID", x.machine_id);
    r.str("systemUUID", x.system_uuid);
    r.str("bootID", x.boot_id);
    r.str("kernelVersion", x.kernel_version);
    r.str("osImage", x.os_image);
    r.str("containerRuntimeVersion", x.container_runtime_version);
    r.str("kubeletVersion", x.kubelet_version);
    r.str("kubeProxyVersion", x.kube_proxy_version);
    r.str("operatingSystem", x.operating_system);
    r.str("architecture", x.architecture);
}

KUBESIM_DECL void read(const reader& r, node_status& x) {
    r.quantities("capacity", x.capacity);
    r.quantities("allocatable", x.allocatable);
    r.str("phase", x.phase, "v1.NodePhase");
    r.list("conditions", x.conditions, "v1.NodeCondition");
    r.list("addresses", x.addresses, "v1.NodeAddress");
    r.object("daemonEndpoints", x.daemon_endpoints, "v1.NodeDaemonEndpoints");
    r.object("nodeInfo", x.node_info, "v1.NodeSystemInfo");
}

void read(const reader& r, node& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.NodeSpec");
    r.object("status", x.status, "v1.NodeStatus");
}

KUBESIM_DECL void read(const reader& r, namespace_spec& x) {
    r.strings("finalizers", x.finalizers, "[]v1.FinalizerName");
}

KUBESIM_DECL void read(const reader& r, namespace_condition& x) {
    r.str("type", x.type, "v1.NamespaceConditionType");
    r.str("status", x.status, "v1.ConditionStatus");
    r.time("lastTransitionTime", x.last_transition_time);
    r.str("reason", x.reason);
    r.str("message", x.message);
}

KUBESIM_DECL void read(const reader& r, namespace_status& x) {
    r.str("phase", x.phase, "v1.NamespacePhase");
    r.list("conditions", x.conditions, "v1.NamespaceCondition");
}

void read(const reader& r, namespace_& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.NamespaceSpec");
    r.object("status", x.status, "v1.NamespaceStatus");
}

KUBESIM_DECL void read(const reader& r, service_port& x) {
    r.str("name", x.name);
    r.str("protocol", x.protocol, "v1.Protocol");
    r.opt_str("appProtocol", x.app_protocol);
    r.i32("port", x.port);
    r.int_or_string("targetPort", x.target_port);
    r.i32("nodePort", x.node_port);
}

// SessionAffinityConfig{clientIP: ClientIPConfig{timeoutSeconds}}, one level in C++.
struct client_ip_config_ref {
    std::optional<std::int32_t>* timeout_seconds;
};
KUBESIM_DECL void read(const reader& r, client_ip_config_ref& x) { r.opt_i32("timeoutSeconds", *x.timeout_seconds); }
KUBESIM_DECL void read(const reader& r, session_affinity_config& x) {
    client_ip_config_ref ref{&x.timeout_seconds};
    r.object("clientIP", ref, "v1.ClientIPConfig");
}

KUBESIM_DECL void read(const reader& r, service_spec& x) {
    r.list("ports", x.ports, "v1.ServicePort");
    r.string_map("selector", x.selector);
    r.str("clusterIP", x.cluster_ip);
    r.strings("clusterIPs", x.cluster_ips);
    r.str("type", x.type, "v1.ServiceType");
    r.strings("externalIPs", x.external_ips);
    r.str("sessionAffinity", x.session_affinity, "v1.ServiceAffinity");
    r.str("loadBalancerIP", x.load_balancer_ip);
    r.str("externalName", x.external_name);
    r.str("externalTrafficPolicy", x.external_traffic_policy, "v1.ServiceExternalTrafficPolicy");
    r.boolean("publishNotReadyAddresses", x.publish_not_ready_addresses);
    r.object("sessionAffinityConfig", x.session_affinity_config, "v1.SessionAffinityConfig");
    r.strings("ipFamilies", x.ip_families, "[]v1.IPFamily");
    r.opt_str("ipFamilyPolicy", x.ip_family_policy, "v1.IPFamilyPolicy");
    r.opt_bool("allocateLoadBalancerNodePorts", x.allocate_load_balancer_node_ports);
    r.opt_str("internalTrafficPolicy", x.internal_traffic_policy, "v1.ServiceInternalTrafficPolicy");
}

KUBESIM_DECL void read(const reader& r, load_balancer_ingress& x) {
    r.str("ip", x.ip);
    r.str("hostname", x.hostname);
}

KUBESIM_DECL void read(const reader& r, load_balancer_status& x) {
    r.list("ingress", x.ingress, "v1.LoadBalancerIngress");
}

KUBESIM_DECL void read(const reader& r, service_status& x) {
    r.object("loadBalancer", x.load_balancer, "v1.LoadBalancerStatus");
    r.list("conditions", x.conditions, "v1.Condition");
}

void read(const reader& r, service& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.ServiceSpec");
    r.object("status", x.status, "v1.ServiceStatus");
}

KUBESIM_DECL void read(const reader& r, event_source& x) {
    r.str("component", x.component);
    r.str("host", x.host);
}

KUBESIM_DECL void read(const reader& r, event_series& x) {
    r.i32("count", x.count);
    r.time("lastObservedTime", x.last_observed_time, true);
}

void read(const reader& r, event& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("involvedObject", x.involved_object, "v1.ObjectReference");
    r.str("reason", x.reason);
    r.str("message", x.message);
    r.object("source", x.source, "v1.EventSource");
    r.time("firstTimestamp", x.first_timestamp);
    r.time("lastTimestamp", x.last_timestamp);
    r.i32("count", x.count);
    r.str("type", x.type);
    r.time("eventTime", x.event_time, true);
    r.object("series", x.series, "v1.EventSeries");
    r.str("action", x.action);
    r.object("related", x.related, "v1.ObjectReference");
    r.str("reportingComponent", x.reporting_component);
    r.str("reportingInstance", x.reporting_instance);
}

void read(const reader& r, config_map& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.opt_bool("immutable", x.immutable);
    r.string_map("data", x.data);
    r.bytes_map("binaryData", x.binary_data);
}

void read(const reader& r, secret& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.opt_bool("immutable", x.immutable);
    r.bytes_map("data", x.data);
    r.string_map("stringData", x.string_data);
    r.str("type", x.type, "v1.SecretType");
}

}  // namespace kubesim::api::json::detail

// ---------------------------------------------------------------------------
// Writers and the ADL entry points.
namespace kubesim::api {

void to_json(nlohmann::json& j, const container_port& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "name", x.name);
    put_i32(j, "hostPort", x.host_port);
    put_i32_always(j, "containerPort", x.container_port);
    put_str(j, "protocol", x.protocol);
    put_str(j, "hostIP", x.host_ip);
}
void from_json(const nlohmann::json& j, container_port& x) { json::detail::decode_struct(j, x, "v1.ContainerPort"); }

void to_json(nlohmann::json& j, const object_field_selector& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "apiVersion", x.api_version);
    put_str_always(j, "fieldPath", x.field_path);
}
void from_json(const nlohmann::json& j, object_field_selector& x) {
    json::detail::decode_struct(j, x, "v1.ObjectFieldSelector");
}

void to_json(nlohmann::json& j, const resource_field_selector& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "containerName", x.container_name);
    put_str_always(j, "resource", x.resource);
    j["divisor"] = x.divisor ? x.divisor->to_string() : quantity{}.to_string();
}
void from_json(const nlohmann::json& j, resource_field_selector& x) {
    json::detail::decode_struct(j, x, "v1.ResourceFieldSelector");
}

void to_json(nlohmann::json& j, const key_selector& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "name", x.name);
    put_str_always(j, "key", x.key);
    put_opt_bool(j, "optional", x.optional);
}
void from_json(const nlohmann::json& j, key_selector& x) { json::detail::decode_struct(j, x, "v1.ConfigMapKeySelector"); }

void to_json(nlohmann::json& j, const env_var_source& x) {
    j = nlohmann::json::object();
    if (x.field_ref) to_json(j["fieldRef"], *x.field_ref);
    if (x.resource_field_ref) to_json(j["resourceFieldRef"], *x.resource_field_ref);
    if (x.config_map_key_ref) to_json(j["configMapKeyRef"], *x.config_map_key_ref);
    if (x.secret_key_ref) to_json(j["secretKeyRef"], *x.secret_key_ref);
}
void from_json(const nlohmann::json& j, env_var_source& x) { json::detail::decode_struct(j, x, "v1.EnvVarSource"); }

void to_json(nlohmann::json& j, const env_var& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "name", x.name);
    put_str(j, "value", x.value);
    if (x.value_from) to_json(j["valueFrom"], *x.value_from);
}
void from_json(const nlohmann::json& j, env_var& x) { json::detail::decode_struct(j, x, "v1.EnvVar"); }

void to_json(nlohmann::json& j, const env_source_ref& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "name", x.name);
    put_opt_bool(j, "optional", x.optional);
}
void from_json(const nlohmann::json& j, env_source_ref& x) { json::detail::decode_struct(j, x, "v1.ConfigMapEnvSource"); }

void to_json(nlohmann::json& j, const env_from_source& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "prefix", x.prefix);
    if (x.config_map_ref) to_json(j["configMapRef"], *x.config_map_ref);
    if (x.secret_ref) to_json(j["secretRef"], *x.secret_ref);
}
void from_json(const nlohmann::json& j, env_from_source& x) { json::detail::decode_struct(j, x, "v1.EnvFromSource"); }

void to_json(nlohmann::json& j, const resource_requirements& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_quantities(j, "limits", x.limits);
    put_quantities(j, "requests", x.requests);
}
void from_json(const nlohmann::json& j, resource_requirements& x) {
    json::detail::decode_struct(j, x, "v1.ResourceRequirements");
}

void to_json(nlohmann::json& j, const exec_action& x) {
    j = nlohmann::json::object();
    json::detail::put_strings(j, "command", x.command);
}
void from_json(const nlohmann::json& j, exec_action& x) { json::detail::decode_struct(j, x, "v1.ExecAction"); }

void to_json(nlohmann::json& j, const http_header& x) {
    j = nlohmann::json::object();
    j["name"] = x.name;
    j["value"] = x.value;
}
void from_json(const nlohmann::json& j, http_header& x) { json::detail::decode_struct(j, x, "v1.HTTPHeader"); }

void to_json(nlohmann::json& j, const http_get_action& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "path", x.path);
    j["port"] = int_or_string_json(x.port);
    put_str(j, "host", x.host);
    put_str(j, "scheme", x.scheme);
    put_list(j, "httpHeaders", x.http_headers);
}
void from_json(const nlohmann::json& j, http_get_action& x) { json::detail::decode_struct(j, x, "v1.HTTPGetAction"); }

void to_json(nlohmann::json& j, const tcp_socket_action& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    j["port"] = int_or_string_json(x.port);
    put_str(j, "host", x.host);
}
void from_json(const nlohmann::json& j, tcp_socket_action& x) {
    json::detail::decode_struct(j, x, "v1.TCPSocketAction");
}

void to_json(nlohmann::json& j, const grpc_action& x) {
    j = nlohmann::json::object();
    j["port"] = x.port;
    if (x.service)
        j["service"] = *x.service;
    else
        j["service"] = nullptr;
}
void from_json(const nlohmann::json& j, grpc_action& x) { json::detail::decode_struct(j, x, "v1.GRPCAction"); }

void to_json(nlohmann::json& j, const sleep_action& x) {
    j = nlohmann::json::object();
    j["seconds"] = x.seconds;
}
void from_json(const nlohmann::json& j, sleep_action& x) { json::detail::decode_struct(j, x, "v1.SleepAction"); }

void to_json(nlohmann::json& j, const probe& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    if (x.exec) to_json(j["exec"], *x.exec);
    if (x.http_get) to_json(j["httpGet"], *x.http_get);
    if (x.tcp_socket) to_json(j["tcpSocket"], *x.tcp_socket);
    if (x.grpc) to_json(j["grpc"], *x.grpc);
    put_i32(j, "initialDelaySeconds", x.initial_delay_seconds);
    put_i32(j, "timeoutSeconds", x.timeout_seconds);
    put_i32(j, "periodSeconds", x.period_seconds);
    put_i32(j, "successThreshold", x.success_threshold);
    put_i32(j, "failureThreshold", x.failure_threshold);
    put_opt_i64(j, "terminationGracePeriodSeconds", x.termination_grace_period_seconds);
}
void from_json(const nlohmann::json& j, probe& x) { json::detail::decode_struct(j, x, "v1.Probe"); }

void to_json(nlohmann::json& j, const lifecycle_handler& x) {
    j = nlohmann::json::object();
    if (x.exec) to_json(j["exec"], *x.exec);
    if (x.http_get) to_json(j["httpGet"], *x.http_get);
    if (x.tcp_socket) to_json(j["tcpSocket"], *x.tcp_socket);
    if (x.sleep) to_json(j["sleep"], *x.sleep);
}
void from_json(const nlohmann::json& j, lifecycle_handler& x) {
    json::detail::decode_struct(j, x, "v1.LifecycleHandler");
}

void to_json(nlohmann::json& j, const lifecycle& x) {
    j = nlohmann::json::object();
    if (x.post_start) to_json(j["postStart"], *x.post_start);
    if (x.pre_stop) to_json(j["preStop"], *x.pre_stop);
}
void from_json(const nlohmann::json& j, lifecycle& x) { json::detail::decode_struct(j, x, "v1.Lifecycle"); }

void to_json(nlohmann::json& j, const container& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "name", x.name);
    put_str(j, "image", x.image);
    put_strings(j, "command", x.command);
    put_strings(j, "args", x.args);
    put_str(j, "workingDir", x.working_dir);
    put_list(j, "ports", x.ports);
    put_list(j, "envFrom", x.env_from);
    put_list(j, "env", x.env);
    to_json(j["resources"], x.resources);
    put_opt_str(j, "restartPolicy", x.restart_policy);
    if (x.liveness_probe) to_json(j["livenessProbe"], *x.liveness_probe);
    if (x.readiness_probe) to_json(j["readinessProbe"], *x.readiness_probe);
    if (x.startup_probe) to_json(j["startupProbe"], *x.startup_probe);
    if (x.lifecycle) to_json(j["lifecycle"], *x.lifecycle);
    put_str(j, "terminationMessagePath", x.termination_message_path);
    put_str(j, "terminationMessagePolicy", x.termination_message_policy);
    put_str(j, "imagePullPolicy", x.image_pull_policy);
    put_bool(j, "stdin", x.stdin_);
    put_bool(j, "tty", x.tty);
}
void from_json(const nlohmann::json& j, container& x) { json::detail::decode_struct(j, x, "v1.Container"); }

void to_json(nlohmann::json& j, const toleration& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "key", x.key);
    put_str(j, "operator", x.operator_);
    put_str(j, "value", x.value);
    put_str(j, "effect", x.effect);
    put_opt_i64(j, "tolerationSeconds", x.toleration_seconds);
}
void from_json(const nlohmann::json& j, toleration& x) { json::detail::decode_struct(j, x, "v1.Toleration"); }

void to_json(nlohmann::json& j, const node_selector_requirement& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "key", x.key);
    put_str_always(j, "operator", x.operator_);
    put_strings(j, "values", x.values);
}
void from_json(const nlohmann::json& j, node_selector_requirement& x) {
    json::detail::decode_struct(j, x, "v1.NodeSelectorRequirement");
}

void to_json(nlohmann::json& j, const node_selector_term& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_list(j, "matchExpressions", x.match_expressions);
    put_list(j, "matchFields", x.match_fields);
}
void from_json(const nlohmann::json& j, node_selector_term& x) {
    json::detail::decode_struct(j, x, "v1.NodeSelectorTerm");
}

void to_json(nlohmann::json& j, const node_selector& x) {
    j = nlohmann::json::object();
    json::detail::put_list_always(j, "nodeSelectorTerms", x.node_selector_terms);
}
void from_json(const nlohmann::json& j, node_selector& x) { json::detail::decode_struct(j, x, "v1.NodeSelector"); }

void to_json(nlohmann::json& j, const preferred_scheduling_term& x) {
    j = nlohmann::json::object();
    j["weight"] = x.weight;
    to_json(j["preference"], x.preference);
}
void from_json(const nlohmann::json& j, preferred_scheduling_term& x) {
    json::detail::decode_struct(j, x, "v1.PreferredSchedulingTerm");
}

void to_json(nlohmann::json& j, const node_affinity& x) {
    j = nlohmann::json::object();
    if (x.required_during_scheduling_ignored_during_execution)
        to_json(j["requiredDuringSchedulingIgnoredDuringExecution"], *x.required_during_scheduling_ignored_during_execution);
    json::detail::put_list(j, "preferredDuringSchedulingIgnoredDuringExecution",
                           x.preferred_during_scheduling_ignored_during_execution);
}
void from_json(const nlohmann::json& j, node_affinity& x) { json::detail::decode_struct(j, x, "v1.NodeAffinity"); }

void to_json(nlohmann::json& j, const pod_affinity_term& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    if (x.label_selector) to_json(j["labelSelector"], *x.label_selector);
    put_strings(j, "namespaces", x.namespaces);
    put_str_always(j, "topologyKey", x.topology_key);
}
void from_json(const nlohmann::json& j, pod_affinity_term& x) {
    json::detail::decode_struct(j, x, "v1.PodAffinityTerm");
}

void to_json(nlohmann::json& j, const weighted_pod_affinity_term& x) {
    j = nlohmann::json::object();
    j["weight"] = x.weight;
    to_json(j["podAffinityTerm"], x.pod_affinity_term);
}
void from_json(const nlohmann::json& j, weighted_pod_affinity_term& x) {
    json::detail::decode_struct(j, x, "v1.WeightedPodAffinityTerm");
}

void to_json(nlohmann::json& j, const pod_affinity& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_list(j, "requiredDuringSchedulingIgnoredDuringExecution", x.required_during_scheduling_ignored_during_execution);
    put_list(j, "preferredDuringSchedulingIgnoredDuringExecution", x.preferred_during_scheduling_ignored_during_execution);
}
void from_json(const nlohmann::json& j, pod_affinity& x) { json::detail::decode_struct(j, x, "v1.PodAffinity"); }

void to_json(nlohmann::json& j, const affinity& x) {
    j = nlohmann::json::object();
    if (x.node_affinity) to_json(j["nodeAffinity"], *x.node_affinity);
    if (x.pod_affinity) to_json(j["podAffinity"], *x.pod_affinity);
    if (x.pod_anti_affinity) to_json(j["podAntiAffinity"], *x.pod_anti_affinity);
}
void from_json(const nlohmann::json& j, affinity& x) { json::detail::decode_struct(j, x, "v1.Affinity"); }

void to_json(nlohmann::json& j, const pod_dns_config_option& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "name", x.name);
    put_opt_str(j, "value", x.value);
}
void from_json(const nlohmann::json& j, pod_dns_config_option& x) {
    json::detail::decode_struct(j, x, "v1.PodDNSConfigOption");
}

void to_json(nlohmann::json& j, const pod_dns_config& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_strings(j, "nameservers", x.nameservers);
    put_strings(j, "searches", x.searches);
    put_list(j, "options", x.options);
}
void from_json(const nlohmann::json& j, pod_dns_config& x) { json::detail::decode_struct(j, x, "v1.PodDNSConfig"); }

void to_json(nlohmann::json& j, const host_alias& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "ip", x.ip);
    put_strings(j, "hostnames", x.hostnames);
}
void from_json(const nlohmann::json& j, host_alias& x) { json::detail::decode_struct(j, x, "v1.HostAlias"); }

void to_json(nlohmann::json& j, const pod_readiness_gate& x) {
    j = nlohmann::json::object();
    j["conditionType"] = x.condition_type;
}
void from_json(const nlohmann::json& j, pod_readiness_gate& x) {
    json::detail::decode_struct(j, x, "v1.PodReadinessGate");
}

void to_json(nlohmann::json& j, const pod_spec& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_list(j, "initContainers", x.init_containers);
    put_list_always(j, "containers", x.containers);
    put_str(j, "restartPolicy", x.restart_policy);
    put_opt_i64(j, "terminationGracePeriodSeconds", x.termination_grace_period_seconds);
    put_opt_i64(j, "activeDeadlineSeconds", x.active_deadline_seconds);
    put_str(j, "dnsPolicy", x.dns_policy);
    put_string_map(j, "nodeSelector", x.node_selector);
    put_str(j, "serviceAccountName", x.service_account_name);
    put_str(j, "serviceAccount", x.service_account_name);
    put_opt_bool(j, "automountServiceAccountToken", x.automount_service_account_token);
    put_str(j, "nodeName", x.node_name);
    put_bool(j, "hostNetwork", x.host_network);
    put_str(j, "hostname", x.hostname);
    put_str(j, "subdomain", x.subdomain);
    if (x.affinity) to_json(j["affinity"], *x.affinity);
    put_str(j, "schedulerName", x.scheduler_name);
    put_list(j, "tolerations", x.tolerations);
    put_list(j, "hostAliases", x.host_aliases);
    put_str(j, "priorityClassName", x.priority_class_name);
    put_opt_i32(j, "priority", x.priority);
    if (x.dns_config) to_json(j["dnsConfig"], *x.dns_config);
    put_list(j, "readinessGates", x.readiness_gates);
    put_opt_bool(j, "enableServiceLinks", x.enable_service_links);
    put_opt_str(j, "preemptionPolicy", x.preemption_policy);
}
void from_json(const nlohmann::json& j, pod_spec& x) { json::detail::decode_struct(j, x, "v1.PodSpec"); }

void to_json(nlohmann::json& j, const pod_condition& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "type", x.type);
    put_i64(j, "observedGeneration", x.observed_generation);
    put_str_always(j, "status", x.status);
    put_time(j, "lastProbeTime", x.last_probe_time);
    put_time(j, "lastTransitionTime", x.last_transition_time);
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
}
void from_json(const nlohmann::json& j, pod_condition& x) { json::detail::decode_struct(j, x, "v1.PodCondition"); }

void to_json(nlohmann::json& j, const container_state_waiting& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
}
void from_json(const nlohmann::json& j, container_state_waiting& x) {
    json::detail::decode_struct(j, x, "v1.ContainerStateWaiting");
}

void to_json(nlohmann::json& j, const container_state_running& x) {
    j = nlohmann::json::object();
    json::detail::put_time(j, "startedAt", x.started_at);
}
void from_json(const nlohmann::json& j, container_state_running& x) {
    json::detail::decode_struct(j, x, "v1.ContainerStateRunning");
}

void to_json(nlohmann::json& j, const container_state_terminated& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_i32_always(j, "exitCode", x.exit_code);
    put_i32(j, "signal", x.signal);
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
    put_time(j, "startedAt", x.started_at);
    put_time(j, "finishedAt", x.finished_at);
    put_str(j, "containerID", x.container_id);
}
void from_json(const nlohmann::json& j, container_state_terminated& x) {
    json::detail::decode_struct(j, x, "v1.ContainerStateTerminated");
}

void to_json(nlohmann::json& j, const container_state& x) {
    j = nlohmann::json::object();
    if (x.waiting) to_json(j["waiting"], *x.waiting);
    if (x.running) to_json(j["running"], *x.running);
    if (x.terminated) to_json(j["terminated"], *x.terminated);
}
void from_json(const nlohmann::json& j, container_state& x) { json::detail::decode_struct(j, x, "v1.ContainerState"); }

void to_json(nlohmann::json& j, const container_status& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "name", x.name);
    to_json(j["state"], x.state);
    to_json(j["lastState"], x.last_state);
    j["ready"] = x.ready;
    put_i32_always(j, "restartCount", x.restart_count);
    put_str_always(j, "image", x.image);
    put_str_always(j, "imageID", x.image_id);
    put_str(j, "containerID", x.container_id);
    put_opt_bool(j, "started", x.started);
}
void from_json(const nlohmann::json& j, container_status& x) {
    json::detail::decode_struct(j, x, "v1.ContainerStatus");
}

void to_json(nlohmann::json& j, const pod_ip& x) {
    j = nlohmann::json::object();
    j["ip"] = x.ip;
}
void from_json(const nlohmann::json& j, pod_ip& x) { json::detail::decode_struct(j, x, "v1.PodIP"); }

void to_json(nlohmann::json& j, const pod_status& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_i64(j, "observedGeneration", x.observed_generation);
    put_str(j, "phase", x.phase);
    put_list(j, "conditions", x.conditions);
    put_str(j, "message", x.message);
    put_str(j, "reason", x.reason);
    put_str(j, "nominatedNodeName", x.nominated_node_name);
    put_str(j, "hostIP", x.host_ip);
    put_list(j, "hostIPs", x.host_ips);
    put_str(j, "podIP", x.pod_ip);
    put_list(j, "podIPs", x.pod_ips);
    put_time_ptr(j, "startTime", x.start_time);
    put_list(j, "initContainerStatuses", x.init_container_statuses);
    put_list(j, "containerStatuses", x.container_statuses);
    put_str(j, "qosClass", x.qos_class);
}
void from_json(const nlohmann::json& j, pod_status& x) { json::detail::decode_struct(j, x, "v1.PodStatus"); }

void to_json(nlohmann::json& j, const pod& x) {
    json::detail::put_spec_status_object(j, x);
}
void from_json(const nlohmann::json& j, pod& x) { json::detail::decode_kind(j, x); }

void to_json(nlohmann::json& j, const pod_template_spec& x) {
    j = nlohmann::json::object();
    to_json(j["metadata"], x.metadata);
    to_json(j["spec"], x.spec);
}
void from_json(const nlohmann::json& j, pod_template_spec& x) {
    json::detail::decode_struct(j, x, "v1.PodTemplateSpec");
}

void to_json(nlohmann::json& j, const taint& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "key", x.key);
    put_str(j, "value", x.value);
    put_str_always(j, "effect", x.effect);
    put_time_ptr(j, "timeAdded", x.time_added);
}
void from_json(const nlohmann::json& j, taint& x) { json::detail::decode_struct(j, x, "v1.Taint"); }

void to_json(nlohmann::json& j, const node_spec& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "podCIDR", x.pod_cidr);
    put_strings(j, "podCIDRs", x.pod_cidrs);
    put_str(j, "providerID", x.provider_id);
    put_bool(j, "unschedulable", x.unschedulable);
    put_list(j, "taints", x.taints);
}
void from_json(const nlohmann::json& j, node_spec& x) { json::detail::decode_struct(j, x, "v1.NodeSpec"); }

void to_json(nlohmann::json& j, const node_condition& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "type", x.type);
    put_str_always(j, "status", x.status);
    put_time(j, "lastHeartbeatTime", x.last_heartbeat_time);
    put_time(j, "lastTransitionTime", x.last_transition_time);
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
}
void from_json(const nlohmann::json& j, node_condition& x) { json::detail::decode_struct(j, x, "v1.NodeCondition"); }

void to_json(nlohmann::json& j, const node_address& x) {
    j = nlohmann::json::object();
    j["type"] = x.type;
    j["address"] = x.address;
}
void from_json(const nlohmann::json& j, node_address& x) { json::detail::decode_struct(j, x, "v1.NodeAddress"); }

void to_json(nlohmann::json& j, const daemon_endpoint& x) {
    j = nlohmann::json::object();
    j["Port"] = x.port;
}
void from_json(const nlohmann::json& j, daemon_endpoint& x) { json::detail::decode_struct(j, x, "v1.DaemonEndpoint"); }

void to_json(nlohmann::json& j, const node_daemon_endpoints& x) {
    j = nlohmann::json::object();
    to_json(j["kubeletEndpoint"], x.kubelet_endpoint);
}
void from_json(const nlohmann::json& j, node_daemon_endpoints& x) {
    json::detail::decode_struct(j, x, "v1.NodeDaemonEndpoints");
}

void to_json(nlohmann::json& j, const node_system_info& x) {
    j = nlohmann::json::object();
    j["machineID"] = x.machine_id;
    j["systemUUID"] = x.system_uuid;
    j["bootID"] = x.boot_id;
    j["kernelVersion"] = x.kernel_version;
    j["osImage"] = x.os_image;
    j["containerRuntimeVersion"] = x.container_runtime_version;
    j["kubeletVersion"] = x.kubelet_version;
    j["kubeProxyVersion"] = x.kube_proxy_version;
    j["operatingSystem"] = x.operating_system;
    j["architecture"] = x.architecture;
}
void from_json(const nlohmann::json& j, node_system_info& x) {
    json::detail::decode_struct(j, x, "v1.NodeSystemInfo");
}

void to_json(nlohmann::json& j, const node_status& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_quantities(j, "capacity", x.capacity);
    put_quantities(j, "allocatable", x.allocatable);
    put_str(j, "phase", x.phase);
    put_list(j, "conditions", x.conditions);
    put_list(j, "addresses", x.addresses);
    to_json(j["daemonEndpoints"], x.daemon_endpoints);
    to_json(j["nodeInfo"], x.node_info);
}
void from_json(const nlohmann::json& j, node_status& x) { json::detail::decode_struct(j, x, "v1.NodeStatus"); }

void to_json(nlohmann::json& j, const node& x) {
    json::detail::put_spec_status_object(j, x);
}
void from_json(const nlohmann::json& j, node& x) { json::detail::decode_kind(j, x); }

void to_json(nlohmann::json& j, const namespace_spec& x) {
    j = nlohmann::json::object();
    json::detail::put_strings(j, "finalizers", x.finalizers);
}
void from_json(const nlohmann::json& j, namespace_spec& x) { json::detail::decode_struct(j, x, "v1.NamespaceSpec"); }

void to_json(nlohmann::json& j, const namespace_condition& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "type", x.type);
    put_str_always(j, "status", x.status);
    put_time(j, "lastTransitionTime", x.last_transition_time);
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
}
void from_json(const nlohmann::json& j, namespace_condition& x) {
    json::detail::decode_struct(j, x, "v1.NamespaceCondition");
}

void to_json(nlohmann::json& j, const namespace_status& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "phase", x.phase);
    put_list(j, "conditions", x.conditions);
}
void from_json(const nlohmann::json& j, namespace_status& x) {
    json::detail::decode_struct(j, x, "v1.NamespaceStatus");
}

void to_json(nlohmann::json& j, const namespace_& x) {
    json::detail::put_spec_status_object(j, x);
}
void from_json(const nlohmann::json& j, namespace_& x) { json::detail::decode_kind(j, x); }

void to_json(nlohmann::json& j, const service_port& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "name", x.name);
    put_str(j, "protocol", x.protocol);
    put_opt_str(j, "appProtocol", x.app_protocol);
    put_i32_always(j, "port", x.port);
    j["targetPort"] = int_or_string_json(x.target_port);
    put_i32(j, "nodePort", x.node_port);
}
void from_json(const nlohmann::json& j, service_port& x) { json::detail::decode_struct(j, x, "v1.ServicePort"); }

void to_json(nlohmann::json& j, const session_affinity_config& x) {
    j = nlohmann::json::object();
    if (x.timeout_seconds) j["clientIP"]["timeoutSeconds"] = *x.timeout_seconds;
}
void from_json(const nlohmann::json& j, session_affinity_config& x) {
    json::detail::decode_struct(j, x, "v1.SessionAffinityConfig");
}

void to_json(nlohmann::json& j, const service_spec& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_list(j, "ports", x.ports);
    put_string_map(j, "selector", x.selector);
    put_str(j, "clusterIP", x.cluster_ip);
    put_strings(j, "clusterIPs", x.cluster_ips);
    put_str(j, "type", x.type);
    put_strings(j, "externalIPs", x.external_ips);
    put_str(j, "sessionAffinity", x.session_affinity);
    put_str(j, "loadBalancerIP", x.load_balancer_ip);
    put_str(j, "externalName", x.external_name);
    put_str(j, "externalTrafficPolicy", x.external_traffic_policy);
    put_bool(j, "publishNotReadyAddresses", x.publish_not_ready_addresses);
    if (x.session_affinity_config) to_json(j["sessionAffinityConfig"], *x.session_affinity_config);
    put_strings(j, "ipFamilies", x.ip_families);
    put_opt_str(j, "ipFamilyPolicy", x.ip_family_policy);
    put_opt_bool(j, "allocateLoadBalancerNodePorts", x.allocate_load_balancer_node_ports);
    put_opt_str(j, "internalTrafficPolicy", x.internal_traffic_policy);
}
void from_json(const nlohmann::json& j, service_spec& x) { json::detail::decode_struct(j, x, "v1.ServiceSpec"); }

void to_json(nlohmann::json& j, const load_balancer_ingress& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "ip", x.ip);
    put_str(j, "hostname", x.hostname);
}
void from_json(const nlohmann::json& j, load_balancer_ingress& x) {
    json::detail::decode_struct(j, x, "v1.LoadBalancerIngress");
}

void to_json(nlohmann::json& j, const load_balancer_status& x) {
    j = nlohmann::json::object();
    json::detail::put_list(j, "ingress", x.ingress);
}
void from_json(const nlohmann::json& j, load_balancer_status& x) {
    json::detail::decode_struct(j, x, "v1.LoadBalancerStatus");
}

void to_json(nlohmann::json& j, const service_status& x) {
    j = nlohmann::json::object();
    to_json(j["loadBalancer"], x.load_balancer);
    json::detail::put_list(j, "conditions", x.conditions);
}
void from_json(const nlohmann::json& j, service_status& x) {
    json::detail::decode_struct(j, x, "v1.ServiceStatus");
}

void to_json(nlohmann::json& j, const service& x) {
    json::detail::put_spec_status_object(j, x);
}
void from_json(const nlohmann::json& j, service& x) { json::detail::decode_kind(j, x); }

void to_json(nlohmann::json& j, const event_source& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "component", x.component);
    put_str(j, "host", x.host);
}
void from_json(const nlohmann::json& j, event_source& x) { json::detail::decode_struct(j, x, "v1.EventSource"); }

void to_json(nlohmann::json& j, const event_series& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_i32(j, "count", x.count);
    put_micro_time(j, "lastObservedTime", x.last_observed_time);
}
void from_json(const nlohmann::json& j, event_series& x) { json::detail::decode_struct(j, x, "v1.EventSeries"); }

void to_json(nlohmann::json& j, const event& x) {
    using namespace json::detail;
    put_object_header(j, x);
    to_json(j["involvedObject"], x.involved_object);
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
    to_json(j["source"], x.source);
    put_time(j, "firstTimestamp", x.first_timestamp);
    put_time(j, "lastTimestamp", x.last_timestamp);
    put_i32(j, "count", x.count);
    put_str(j, "type", x.type);
    put_micro_time(j, "eventTime", x.event_time);
    if (x.series) to_json(j["series"], *x.series);
    put_str(j, "action", x.action);
    if (x.related) to_json(j["related"], *x.related);
    put_str_always(j, "reportingComponent", x.reporting_component);
    put_str_always(j, "reportingInstance", x.reporting_instance);
}
void from_json(const nlohmann::json& j, event& x) { json::detail::decode_kind(j, x); }

void to_json(nlohmann::json& j, const config_map& x) {
    using namespace json::detail;
    put_object_header(j, x);
    put_opt_bool(j, "immutable", x.immutable);
    put_string_map(j, "data", x.data);
    put_bytes_map(j, "binaryData", x.binary_data);
}
void from_json(const nlohmann::json& j, config_map& x) { json::detail::decode_kind(j, x); }

void to_json(nlohmann::json& j, const secret& x) {
    using namespace json::detail;
    put_object_header(j, x);
    put_opt_bool(j, "immutable", x.immutable);
    put_bytes_map(j, "data", x.data);
    put_str(j, "type", x.type);
}
void from_json(const nlohmann::json& j, secret& x) { json::detail::decode_kind(j, x); }

}  // namespace kubesim::api
