// The protobuf messages decode_protobuf (api/json/protobuf.hpp) reads: for each
// Go type, its fields by number, with the JSON name each is written under and
// how Go's encoding/json writes the decoded value. Field numbers, names and
// types are those of upstream's generated.proto files (k8s.io/api core/v1,
// apps/v1, autoscaling/v1, policy/v1, discovery/v1, coordination/v1;
// k8s.io/apimachinery meta/v1, runtime, resource, intstr). Only the fields
// kubesim's codecs read are listed, the same set as the OpenAPI schemas
// (detail/openapi_schemas.ipp): any other field number is skipped, as protobuf
// skips the fields it does not know.
//
// A row is {number, JSON name, type, flags, nested message, Go field name}; the
// Go name (for decode errors, "proto: wrong wireType = 0 for field UID") is
// given only where it is not the JSON name capitalised. Included by
// api/json/protobuf.ipp only.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kubesim::api::json::detail::protobuf {

// A field's encoding, and the JSON it becomes.
enum class t : std::uint8_t {
    string,         // length-delimited; a JSON string
    bytes,          // length-delimited; base64, as encoding/json writes []byte
    int32,          // varint; a number (Go keeps the low 32 bits)
    int64,          // varint; a number
    boolean,        // varint; true unless 0
    message,        // a nested message (field::sub); an object
    embedded,       // an embedded Go struct (json:",inline"): its fields go into the enclosing object
    quantity,       // resource.Quantity {string = 1}; its string
    int_or_string,  // intstr.IntOrString {type = 1, intVal = 2, strVal = 3}; a number or a string
    time,           // metav1.Time {seconds = 1, nanos = 2}; RFC 3339 in seconds
    micro_time,     // metav1.MicroTime, same message; RFC 3339 with microseconds
    string_map,     // map<string, string>: repeated {key = 1, value = 2}; an object
    bytes_map,      // map<string, bytes>; an object of base64 strings
    quantity_map,   // map<string, Quantity>; an object of quantity strings
};

// Flags: how encoding/json writes the field once decoded.
inline constexpr std::uint8_t rep = 1;  // repeated: a JSON array
inline constexpr std::uint8_t ptr = 2;  // a Go pointer: written whenever present on the wire, zero or not
inline constexpr std::uint8_t all = 4;  // no omitempty, or a struct: written even when zero or absent

struct message;

struct field {
    std::uint32_t number;
    const char* json;
    t type;
    std::uint8_t flags{0};
    const message* sub{nullptr};  // t::message and t::embedded
    const char* go{nullptr};      // the Go field name when it is not `json` capitalised
};

struct message {
    const char* go;  // the Go type's name, as gogo-protobuf's errors print it
    const field* fields;
    std::size_t size;
    template <std::size_t N>
    constexpr message(const char* name, const field (&f)[N]) noexcept : go(name), fields(f), size(N) {}
};

// ---- apimachinery: the envelope and the special messages -------------------

inline constexpr field type_meta_fields[] = {
    {1, "apiVersion", t::string, 0, nullptr, "APIVersion"},
    {2, "kind", t::string},
};
inline constexpr message type_meta{"TypeMeta", type_meta_fields};

inline constexpr field unknown_fields[] = {
    {1, "typeMeta", t::message, all, &type_meta, "TypeMeta"},
    {2, "raw", t::bytes},
    {3, "contentEncoding", t::string},
    {4, "contentType", t::string},
};
inline constexpr message unknown{"Unknown", unknown_fields};

inline constexpr field timestamp_fields[] = {
    {1, "seconds", t::int64},
    {2, "nanos", t::int32},
};
inline constexpr message timestamp{"Timestamp", timestamp_fields};

inline constexpr field quantity_fields[] = {
    {1, "string", t::string, 0, nullptr, "String_"},
};
inline constexpr message quantity{"Quantity", quantity_fields};

inline constexpr field int_or_string_fields[] = {
    {1, "type", t::int64},
    {2, "intVal", t::int32},
    {3, "strVal", t::string},
};
inline constexpr message int_or_string{"IntOrString", int_or_string_fields};

// ---- the kinds and what they contain, leaves first -------------------------

inline constexpr field owner_reference_fields[] = {
    {1, "kind", t::string, all},
    {3, "name", t::string, all},
    {4, "uid", t::string, all, nullptr, "UID"},
    {5, "apiVersion", t::string, all, nullptr, "APIVersion"},
    {6, "controller", t::boolean, ptr},
    {7, "blockOwnerDeletion", t::boolean, ptr},
};
inline constexpr message owner_reference{"OwnerReference", owner_reference_fields};

inline constexpr field object_meta_fields[] = {
    {1, "name", t::string},
    {2, "generateName", t::string},
    {3, "namespace", t::string},
    {5, "uid", t::string, 0, nullptr, "UID"},
    {6, "resourceVersion", t::string},
    {7, "generation", t::int64},
    {8, "creationTimestamp", t::time},
    {9, "deletionTimestamp", t::time, ptr},
    {10, "deletionGracePeriodSeconds", t::int64, ptr},
    {11, "labels", t::string_map},
    {12, "annotations", t::string_map},
    {13, "ownerReferences", t::message, rep, &owner_reference},
    {14, "finalizers", t::string, rep},
};
inline constexpr message object_meta{"ObjectMeta", object_meta_fields};

inline constexpr field label_selector_requirement_fields[] = {
    {1, "key", t::string, all},
    {2, "operator", t::string, all},
    {3, "values", t::string, rep},
};
inline constexpr message label_selector_requirement{"LabelSelectorRequirement", label_selector_requirement_fields};

inline constexpr field label_selector_fields[] = {
    {1, "matchLabels", t::string_map},
    {2, "matchExpressions", t::message, rep, &label_selector_requirement},
};
inline constexpr message label_selector{"LabelSelector", label_selector_fields};

inline constexpr field condition_fields[] = {
    {1, "type", t::string, all},
    {2, "status", t::string, all},
    {3, "observedGeneration", t::int64},
    {4, "lastTransitionTime", t::time},
    {5, "reason", t::string, all},
    {6, "message", t::string, all},
};
inline constexpr message condition{"Condition", condition_fields};

inline constexpr field preconditions_fields[] = {
    {1, "uid", t::string, ptr, nullptr, "UID"},
    {2, "resourceVersion", t::string, ptr},
};
inline constexpr message preconditions{"Preconditions", preconditions_fields};

inline constexpr field delete_options_fields[] = {
    {1, "gracePeriodSeconds", t::int64, ptr},
    {2, "preconditions", t::message, ptr, &preconditions},
    {3, "orphanDependents", t::boolean, ptr},
    {4, "propagationPolicy", t::string, ptr},
    {5, "dryRun", t::string, rep},
};
inline constexpr message delete_options{"DeleteOptions", delete_options_fields};

inline constexpr field container_port_fields[] = {
    {1, "name", t::string},
    {2, "hostPort", t::int32},
    {3, "containerPort", t::int32, all},
    {4, "protocol", t::string},
    {5, "hostIP", t::string},
};
inline constexpr message container_port{"ContainerPort", container_port_fields};

inline constexpr field object_field_selector_fields[] = {
    {1, "apiVersion", t::string, 0, nullptr, "APIVersion"},
    {2, "fieldPath", t::string, all},
};
inline constexpr message object_field_selector{"ObjectFieldSelector", object_field_selector_fields};

inline constexpr field resource_field_selector_fields[] = {
    {1, "containerName", t::string},
    {2, "resource", t::string, all},
    {3, "divisor", t::quantity, all},
};
inline constexpr message resource_field_selector{"ResourceFieldSelector", resource_field_selector_fields};

inline constexpr field local_object_reference_fields[] = {
    {1, "name", t::string},
};
inline constexpr message local_object_reference{"LocalObjectReference", local_object_reference_fields};

inline constexpr field config_map_key_selector_fields[] = {
    {1, "", t::embedded, all, &local_object_reference, "LocalObjectReference"},
    {2, "key", t::string, all},
    {3, "optional", t::boolean, ptr},
};
inline constexpr message config_map_key_selector{"ConfigMapKeySelector", config_map_key_selector_fields};

inline constexpr field secret_key_selector_fields[] = {
    {1, "", t::embedded, all, &local_object_reference, "LocalObjectReference"},
    {2, "key", t::string, all},
    {3, "optional", t::boolean, ptr},
};
inline constexpr message secret_key_selector{"SecretKeySelector", secret_key_selector_fields};

inline constexpr field env_var_source_fields[] = {
    {1, "fieldRef", t::message, ptr, &object_field_selector},
    {2, "resourceFieldRef", t::message, ptr, &resource_field_selector},
    {3, "configMapKeyRef", t::message, ptr, &config_map_key_selector},
    {4, "secretKeyRef", t::message, ptr, &secret_key_selector},
};
inline constexpr message env_var_source{"EnvVarSource", env_var_source_fields};

inline constexpr field env_var_fields[] = {
    {1, "name", t::string, all},
    {2, "value", t::string},
    {3, "valueFrom", t::message, ptr, &env_var_source},
};
inline constexpr message env_var{"EnvVar", env_var_fields};

inline constexpr field config_map_env_source_fields[] = {
    {1, "", t::embedded, all, &local_object_reference, "LocalObjectReference"},
    {2, "optional", t::boolean, ptr},
};
inline constexpr message config_map_env_source{"ConfigMapEnvSource", config_map_env_source_fields};

inline constexpr field secret_env_source_fields[] = {
    {1, "", t::embedded, all, &local_object_reference, "LocalObjectReference"},
    {2, "optional", t::boolean, ptr},
};
inline constexpr message secret_env_source{"SecretEnvSource", secret_env_source_fields};

inline constexpr field env_from_source_fields[] = {
    {1, "prefix", t::string},
    {2, "configMapRef", t::message, ptr, &config_map_env_source},
    {3, "secretRef", t::message, ptr, &secret_env_source},
};
inline constexpr message env_from_source{"EnvFromSource", env_from_source_fields};

inline constexpr field resource_requirements_fields[] = {
    {1, "limits", t::quantity_map},
    {2, "requests", t::quantity_map},
};
inline constexpr message resource_requirements{"ResourceRequirements", resource_requirements_fields};

inline constexpr field exec_action_fields[] = {
    {1, "command", t::string, rep},
};
inline constexpr message exec_action{"ExecAction", exec_action_fields};

inline constexpr field http_header_fields[] = {
    {1, "name", t::string, all},
    {2, "value", t::string, all},
};
inline constexpr message http_header{"HTTPHeader", http_header_fields};

inline constexpr field http_get_action_fields[] = {
    {1, "path", t::string},
    {2, "port", t::int_or_string, all},
    {3, "host", t::string},
    {4, "scheme", t::string},
    {5, "httpHeaders", t::message, rep, &http_header, "HTTPHeaders"},
};
inline constexpr message http_get_action{"HTTPGetAction", http_get_action_fields};

inline constexpr field tcp_socket_action_fields[] = {
    {1, "port", t::int_or_string, all},
    {2, "host", t::string},
};
inline constexpr message tcp_socket_action{"TCPSocketAction", tcp_socket_action_fields};

inline constexpr field grpc_action_fields[] = {
    {1, "port", t::int32, all},
    {2, "service", t::string, ptr},
};
inline constexpr message grpc_action{"GRPCAction", grpc_action_fields};

inline constexpr field sleep_action_fields[] = {
    {1, "seconds", t::int64, all},
};
inline constexpr message sleep_action{"SleepAction", sleep_action_fields};

inline constexpr field probe_handler_fields[] = {
    {1, "exec", t::message, ptr, &exec_action},
    {2, "httpGet", t::message, ptr, &http_get_action, "HTTPGet"},
    {3, "tcpSocket", t::message, ptr, &tcp_socket_action, "TCPSocket"},
    {4, "grpc", t::message, ptr, &grpc_action, "GRPC"},
};
inline constexpr message probe_handler{"ProbeHandler", probe_handler_fields};

inline constexpr field probe_fields[] = {
    {1, "", t::embedded, all, &probe_handler, "ProbeHandler"},
    {2, "initialDelaySeconds", t::int32},
    {3, "timeoutSeconds", t::int32},
    {4, "periodSeconds", t::int32},
    {5, "successThreshold", t::int32},
    {6, "failureThreshold", t::int32},
    {7, "terminationGracePeriodSeconds", t::int64, ptr},
};
inline constexpr message probe{"Probe", probe_fields};

inline constexpr field lifecycle_handler_fields[] = {
    {1, "exec", t::message, ptr, &exec_action},
    {2, "httpGet", t::message, ptr, &http_get_action, "HTTPGet"},
    {3, "tcpSocket", t::message, ptr, &tcp_socket_action, "TCPSocket"},
    {4, "sleep", t::message, ptr, &sleep_action},
};
inline constexpr message lifecycle_handler{"LifecycleHandler", lifecycle_handler_fields};

inline constexpr field lifecycle_fields[] = {
    {1, "postStart", t::message, ptr, &lifecycle_handler},
    {2, "preStop", t::message, ptr, &lifecycle_handler},
};
inline constexpr message lifecycle{"Lifecycle", lifecycle_fields};

inline constexpr field container_fields[] = {
    {1, "name", t::string, all},
    {2, "image", t::string},
    {3, "command", t::string, rep},
    {4, "args", t::string, rep},
    {5, "workingDir", t::string},
    {6, "ports", t::message, rep, &container_port},
    {7, "env", t::message, rep, &env_var},
    {8, "resources", t::message, all, &resource_requirements},
    {10, "livenessProbe", t::message, ptr, &probe},
    {11, "readinessProbe", t::message, ptr, &probe},
    {12, "lifecycle", t::message, ptr, &lifecycle},
    {13, "terminationMessagePath", t::string},
    {14, "imagePullPolicy", t::string},
    {16, "stdin", t::boolean},
    {18, "tty", t::boolean, 0, nullptr, "TTY"},
    {19, "envFrom", t::message, rep, &env_from_source},
    {20, "terminationMessagePolicy", t::string},
    {22, "startupProbe", t::message, ptr, &probe},
    {24, "restartPolicy", t::string, ptr},
};
inline constexpr message container{"Container", container_fields};

inline constexpr field toleration_fields[] = {
    {1, "key", t::string},
    {2, "operator", t::string},
    {3, "value", t::string},
    {4, "effect", t::string},
    {5, "tolerationSeconds", t::int64, ptr},
};
inline constexpr message toleration{"Toleration", toleration_fields};

inline constexpr field node_selector_requirement_fields[] = {
    {1, "key", t::string, all},
    {2, "operator", t::string, all},
    {3, "values", t::string, rep},
};
inline constexpr message node_selector_requirement{"NodeSelectorRequirement", node_selector_requirement_fields};

inline constexpr field node_selector_term_fields[] = {
    {1, "matchExpressions", t::message, rep, &node_selector_requirement},
    {2, "matchFields", t::message, rep, &node_selector_requirement},
};
inline constexpr message node_selector_term{"NodeSelectorTerm", node_selector_term_fields};

inline constexpr field node_selector_fields[] = {
    {1, "nodeSelectorTerms", t::message, rep, &node_selector_term},
};
inline constexpr message node_selector{"NodeSelector", node_selector_fields};

inline constexpr field preferred_scheduling_term_fields[] = {
    {1, "weight", t::int32, all},
    {2, "preference", t::message, all, &node_selector_term},
};
inline constexpr message preferred_scheduling_term{"PreferredSchedulingTerm", preferred_scheduling_term_fields};

inline constexpr field node_affinity_fields[] = {
    {1, "requiredDuringSchedulingIgnoredDuringExecution", t::message, ptr, &node_selector},
    {2, "preferredDuringSchedulingIgnoredDuringExecution", t::message, rep, &preferred_scheduling_term},
};
inline constexpr message node_affinity{"NodeAffinity", node_affinity_fields};

inline constexpr field pod_affinity_term_fields[] = {
    {1, "labelSelector", t::message, ptr, &label_selector},
    {2, "namespaces", t::string, rep},
    {3, "topologyKey", t::string, all},
};
inline constexpr message pod_affinity_term{"PodAffinityTerm", pod_affinity_term_fields};

inline constexpr field weighted_pod_affinity_term_fields[] = {
    {1, "weight", t::int32, all},
    {2, "podAffinityTerm", t::message, all, &pod_affinity_term},
};
inline constexpr message weighted_pod_affinity_term{"WeightedPodAffinityTerm", weighted_pod_affinity_term_fields};

inline constexpr field pod_affinity_fields[] = {
    {1, "requiredDuringSchedulingIgnoredDuringExecution", t::message, rep, &pod_affinity_term},
    {2, "preferredDuringSchedulingIgnoredDuringExecution", t::message, rep, &weighted_pod_affinity_term},
};
inline constexpr message pod_affinity{"PodAffinity", pod_affinity_fields};

inline constexpr field pod_anti_affinity_fields[] = {
    {1, "requiredDuringSchedulingIgnoredDuringExecution", t::message, rep, &pod_affinity_term},
    {2, "preferredDuringSchedulingIgnoredDuringExecution", t::message, rep, &weighted_pod_affinity_term},
};
inline constexpr message pod_anti_affinity{"PodAntiAffinity", pod_anti_affinity_fields};

inline constexpr field affinity_fields[] = {
    {1, "nodeAffinity", t::message, ptr, &node_affinity},
    {2, "podAffinity", t::message, ptr, &pod_affinity},
    {3, "podAntiAffinity", t::message, ptr, &pod_anti_affinity},
};
inline constexpr message affinity{"Affinity", affinity_fields};

inline constexpr field pod_dns_config_option_fields[] = {
    {1, "name", t::string},
    {2, "value", t::string, ptr},
};
inline constexpr message pod_dns_config_option{"PodDNSConfigOption", pod_dns_config_option_fields};

inline constexpr field pod_dns_config_fields[] = {
    {1, "nameservers", t::string, rep},
    {2, "searches", t::string, rep},
    {3, "options", t::message, rep, &pod_dns_config_option},
};
inline constexpr message pod_dns_config{"PodDNSConfig", pod_dns_config_fields};

inline constexpr field host_alias_fields[] = {
    {1, "ip", t::string, all, nullptr, "IP"},
    {2, "hostnames", t::string, rep},
};
inline constexpr message host_alias{"HostAlias", host_alias_fields};

inline constexpr field pod_readiness_gate_fields[] = {
    {1, "conditionType", t::string, all},
};
inline constexpr message pod_readiness_gate{"PodReadinessGate", pod_readiness_gate_fields};

inline constexpr field pod_spec_fields[] = {
    {2, "containers", t::message, rep, &container},
    {3, "restartPolicy", t::string},
    {4, "terminationGracePeriodSeconds", t::int64, ptr},
    {5, "activeDeadlineSeconds", t::int64, ptr},
    {6, "dnsPolicy", t::string, 0, nullptr, "DNSPolicy"},
    {7, "nodeSelector", t::string_map},
    {8, "serviceAccountName", t::string},
    {9, "serviceAccount", t::string, 0, nullptr, "DeprecatedServiceAccount"},
    {10, "nodeName", t::string},
    {11, "hostNetwork", t::boolean},
    {16, "hostname", t::string},
    {17, "subdomain", t::string},
    {18, "affinity", t::message, ptr, &affinity},
    {19, "schedulerName", t::string},
    {20, "initContainers", t::message, rep, &container},
    {21, "automountServiceAccountToken", t::boolean, ptr},
    {22, "tolerations", t::message, rep, &toleration},
    {23, "hostAliases", t::message, rep, &host_alias},
    {24, "priorityClassName", t::string},
    {25, "priority", t::int32, ptr},
    {26, "dnsConfig", t::message, ptr, &pod_dns_config, "DNSConfig"},
    {28, "readinessGates", t::message, rep, &pod_readiness_gate},
    {30, "enableServiceLinks", t::boolean, ptr},
    {31, "preemptionPolicy", t::string, ptr},
};
inline constexpr message pod_spec{"PodSpec", pod_spec_fields};

inline constexpr field pod_condition_fields[] = {
    {1, "type", t::string, all},
    {2, "status", t::string, all},
    {3, "lastProbeTime", t::time},
    {4, "lastTransitionTime", t::time},
    {5, "reason", t::string},
    {6, "message", t::string},
    {7, "observedGeneration", t::int64},
};
inline constexpr message pod_condition{"PodCondition", pod_condition_fields};

inline constexpr field container_state_waiting_fields[] = {
    {1, "reason", t::string},
    {2, "message", t::string},
};
inline constexpr message container_state_waiting{"ContainerStateWaiting", container_state_waiting_fields};

inline constexpr field container_state_running_fields[] = {
    {1, "startedAt", t::time},
};
inline constexpr message container_state_running{"ContainerStateRunning", container_state_running_fields};

inline constexpr field container_state_terminated_fields[] = {
    {1, "exitCode", t::int32, all},
    {2, "signal", t::int32},
    {3, "reason", t::string},
    {4, "message", t::string},
    {5, "startedAt", t::time},
    {6, "finishedAt", t::time},
    {7, "containerID", t::string},
};
inline constexpr message container_state_terminated{"ContainerStateTerminated", container_state_terminated_fields};

inline constexpr field container_state_fields[] = {
    {1, "waiting", t::message, ptr, &container_state_waiting},
    {2, "running", t::message, ptr, &container_state_running},
    {3, "terminated", t::message, ptr, &container_state_terminated},
};
inline constexpr message container_state{"ContainerState", container_state_fields};

inline constexpr field container_status_fields[] = {
    {1, "name", t::string, all},
    {2, "state", t::message, all, &container_state},
    {3, "lastState", t::message, all, &container_state, "LastTerminationState"},
    {4, "ready", t::boolean, all},
    {5, "restartCount", t::int32, all},
    {6, "image", t::string, all},
    {7, "imageID", t::string, all},
    {8, "containerID", t::string},
    {9, "started", t::boolean, ptr},
};
inline constexpr message container_status{"ContainerStatus", container_status_fields};

inline constexpr field pod_ip_fields[] = {
    {1, "ip", t::string, all, nullptr, "IP"},
};
inline constexpr message pod_ip{"PodIP", pod_ip_fields};

inline constexpr field host_ip_fields[] = {
    {1, "ip", t::string, all, nullptr, "IP"},
};
inline constexpr message host_ip{"HostIP", host_ip_fields};

inline constexpr field pod_status_fields[] = {
    {1, "phase", t::string},
    {2, "conditions", t::message, rep, &pod_condition},
    {3, "message", t::string},
    {4, "reason", t::string},
    {5, "hostIP", t::string},
    {6, "podIP", t::string},
    {7, "startTime", t::time, ptr},
    {8, "containerStatuses", t::message, rep, &container_status},
    {9, "qosClass", t::string, 0, nullptr, "QOSClass"},
    {10, "initContainerStatuses", t::message, rep, &container_status},
    {11, "nominatedNodeName", t::string},
    {12, "podIPs", t::message, rep, &pod_ip},
    {16, "hostIPs", t::message, rep, &host_ip},
    {17, "observedGeneration", t::int64},
};
inline constexpr message pod_status{"PodStatus", pod_status_fields};

inline constexpr field pod_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &pod_spec},
    {3, "status", t::message, all, &pod_status},
};
inline constexpr message pod{"Pod", pod_fields};

inline constexpr field pod_template_spec_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &pod_spec},
};
inline constexpr message pod_template_spec{"PodTemplateSpec", pod_template_spec_fields};

inline constexpr field object_reference_fields[] = {
    {1, "kind", t::string},
    {2, "namespace", t::string},
    {3, "name", t::string},
    {4, "uid", t::string, 0, nullptr, "UID"},
    {5, "apiVersion", t::string, 0, nullptr, "APIVersion"},
    {6, "resourceVersion", t::string},
    {7, "fieldPath", t::string},
};
inline constexpr message object_reference{"ObjectReference", object_reference_fields};

inline constexpr field binding_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "target", t::message, all, &object_reference},
};
inline constexpr message binding{"Binding", binding_fields};

inline constexpr field eviction_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "deleteOptions", t::message, ptr, &delete_options},
};
inline constexpr message eviction{"Eviction", eviction_fields};

inline constexpr field taint_fields[] = {
    {1, "key", t::string, all},
    {2, "value", t::string},
    {3, "effect", t::string, all},
    {4, "timeAdded", t::time, ptr},
};
inline constexpr message taint{"Taint", taint_fields};

inline constexpr field node_spec_fields[] = {
    {1, "podCIDR", t::string},
    {3, "providerID", t::string},
    {4, "unschedulable", t::boolean},
    {5, "taints", t::message, rep, &taint},
    {7, "podCIDRs", t::string, rep},
};
inline constexpr message node_spec{"NodeSpec", node_spec_fields};

inline constexpr field node_condition_fields[] = {
    {1, "type", t::string, all},
    {2, "status", t::string, all},
    {3, "lastHeartbeatTime", t::time},
    {4, "lastTransitionTime", t::time},
    {5, "reason", t::string},
    {6, "message", t::string},
};
inline constexpr message node_condition{"NodeCondition", node_condition_fields};

inline constexpr field node_address_fields[] = {
    {1, "type", t::string, all},
    {2, "address", t::string, all},
};
inline constexpr message node_address{"NodeAddress", node_address_fields};

inline constexpr field daemon_endpoint_fields[] = {
    {1, "Port", t::int32, all},
};
inline constexpr message daemon_endpoint{"DaemonEndpoint", daemon_endpoint_fields};

inline constexpr field node_daemon_endpoints_fields[] = {
    {1, "kubeletEndpoint", t::message, all, &daemon_endpoint},
};
inline constexpr message node_daemon_endpoints{"NodeDaemonEndpoints", node_daemon_endpoints_fields};

inline constexpr field node_system_info_fields[] = {
    {1, "machineID", t::string, all},
    {2, "systemUUID", t::string, all},
    {3, "bootID", t::string, all},
    {4, "kernelVersion", t::string, all},
    {5, "osImage", t::string, all, nullptr, "OSImage"},
    {6, "containerRuntimeVersion", t::string, all},
    {7, "kubeletVersion", t::string, all},
    {8, "kubeProxyVersion", t::string, all},
    {9, "operatingSystem", t::string, all},
    {10, "architecture", t::string, all},
};
inline constexpr message node_system_info{"NodeSystemInfo", node_system_info_fields};

inline constexpr field node_status_fields[] = {
    {1, "capacity", t::quantity_map},
    {2, "allocatable", t::quantity_map},
    {3, "phase", t::string},
    {4, "conditions", t::message, rep, &node_condition},
    {5, "addresses", t::message, rep, &node_address},
    {6, "daemonEndpoints", t::message, all, &node_daemon_endpoints},
    {7, "nodeInfo", t::message, all, &node_system_info},
};
inline constexpr message node_status{"NodeStatus", node_status_fields};

inline constexpr field node_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &node_spec},
    {3, "status", t::message, all, &node_status},
};
inline constexpr message node{"Node", node_fields};

inline constexpr field namespace_spec_fields[] = {
    {1, "finalizers", t::string, rep},
};
inline constexpr message namespace_spec{"NamespaceSpec", namespace_spec_fields};

inline constexpr field namespace_condition_fields[] = {
    {1, "type", t::string, all},
    {2, "status", t::string, all},
    {4, "lastTransitionTime", t::time},
    {5, "reason", t::string},
    {6, "message", t::string},
};
inline constexpr message namespace_condition{"NamespaceCondition", namespace_condition_fields};

inline constexpr field namespace_status_fields[] = {
    {1, "phase", t::string},
    {2, "conditions", t::message, rep, &namespace_condition},
};
inline constexpr message namespace_status{"NamespaceStatus", namespace_status_fields};

inline constexpr field namespace_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &namespace_spec},
    {3, "status", t::message, all, &namespace_status},
};
inline constexpr message namespace_{"Namespace", namespace_fields};

inline constexpr field service_port_fields[] = {
    {1, "name", t::string},
    {2, "protocol", t::string},
    {3, "port", t::int32, all},
    {4, "targetPort", t::int_or_string, all},
    {5, "nodePort", t::int32},
    {6, "appProtocol", t::string, ptr},
};
inline constexpr message service_port{"ServicePort", service_port_fields};

inline constexpr field client_ip_config_fields[] = {
    {1, "timeoutSeconds", t::int32, ptr},
};
inline constexpr message client_ip_config{"ClientIPConfig", client_ip_config_fields};

inline constexpr field session_affinity_config_fields[] = {
    {1, "clientIP", t::message, ptr, &client_ip_config},
};
inline constexpr message session_affinity_config{"SessionAffinityConfig", session_affinity_config_fields};

inline constexpr field service_spec_fields[] = {
    {1, "ports", t::message, rep, &service_port},
    {2, "selector", t::string_map},
    {3, "clusterIP", t::string},
    {4, "type", t::string},
    {5, "externalIPs", t::string, rep},
    {7, "sessionAffinity", t::string},
    {8, "loadBalancerIP", t::string},
    {10, "externalName", t::string},
    {11, "externalTrafficPolicy", t::string},
    {13, "publishNotReadyAddresses", t::boolean},
    {14, "sessionAffinityConfig", t::message, ptr, &session_affinity_config},
    {17, "ipFamilyPolicy", t::string, ptr, nullptr, "IPFamilyPolicy"},
    {18, "clusterIPs", t::string, rep},
    {19, "ipFamilies", t::string, rep, nullptr, "IPFamilies"},
    {20, "allocateLoadBalancerNodePorts", t::boolean, ptr},
    {22, "internalTrafficPolicy", t::string, ptr},
};
inline constexpr message service_spec{"ServiceSpec", service_spec_fields};

inline constexpr field load_balancer_ingress_fields[] = {
    {1, "ip", t::string, 0, nullptr, "IP"},
    {2, "hostname", t::string},
};
inline constexpr message load_balancer_ingress{"LoadBalancerIngress", load_balancer_ingress_fields};

inline constexpr field load_balancer_status_fields[] = {
    {1, "ingress", t::message, rep, &load_balancer_ingress},
};
inline constexpr message load_balancer_status{"LoadBalancerStatus", load_balancer_status_fields};

inline constexpr field service_status_fields[] = {
    {1, "loadBalancer", t::message, all, &load_balancer_status},
    {2, "conditions", t::message, rep, &condition},
};
inline constexpr message service_status{"ServiceStatus", service_status_fields};

inline constexpr field service_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &service_spec},
    {3, "status", t::message, all, &service_status},
};
inline constexpr message service{"Service", service_fields};

inline constexpr field event_source_fields[] = {
    {1, "component", t::string},
    {2, "host", t::string},
};
inline constexpr message event_source{"EventSource", event_source_fields};

inline constexpr field event_series_fields[] = {
    {1, "count", t::int32},
    {2, "lastObservedTime", t::micro_time},
};
inline constexpr message event_series{"EventSeries", event_series_fields};

inline constexpr field event_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "involvedObject", t::message, all, &object_reference},
    {3, "reason", t::string},
    {4, "message", t::string},
    {5, "source", t::message, all, &event_source},
    {6, "firstTimestamp", t::time},
    {7, "lastTimestamp", t::time},
    {8, "count", t::int32},
    {9, "type", t::string},
    {10, "eventTime", t::micro_time},
    {11, "series", t::message, ptr, &event_series},
    {12, "action", t::string},
    {13, "related", t::message, ptr, &object_reference},
    {14, "reportingComponent", t::string, all, nullptr, "ReportingController"},
    {15, "reportingInstance", t::string, all},
};
inline constexpr message event{"Event", event_fields};

inline constexpr field config_map_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "data", t::string_map},
    {3, "binaryData", t::bytes_map},
    {4, "immutable", t::boolean, ptr},
};
inline constexpr message config_map{"ConfigMap", config_map_fields};

inline constexpr field secret_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "data", t::bytes_map},
    {3, "type", t::string},
    {4, "stringData", t::string_map},
    {5, "immutable", t::boolean, ptr},
};
inline constexpr message secret{"Secret", secret_fields};

inline constexpr field replica_set_spec_fields[] = {
    {1, "replicas", t::int32, ptr},
    {2, "selector", t::message, ptr, &label_selector},
    {3, "template", t::message, all, &pod_template_spec},
    {4, "minReadySeconds", t::int32},
};
inline constexpr message replica_set_spec{"ReplicaSetSpec", replica_set_spec_fields};

inline constexpr field replica_set_condition_fields[] = {
    {1, "type", t::string, all},
    {2, "status", t::string, all},
    {3, "lastTransitionTime", t::time},
    {4, "reason", t::string},
    {5, "message", t::string},
};
inline constexpr message replica_set_condition{"ReplicaSetCondition", replica_set_condition_fields};

inline constexpr field replica_set_status_fields[] = {
    {1, "replicas", t::int32, all},
    {2, "fullyLabeledReplicas", t::int32},
    {3, "observedGeneration", t::int64},
    {4, "readyReplicas", t::int32},
    {5, "availableReplicas", t::int32},
    {6, "conditions", t::message, rep, &replica_set_condition},
    {7, "terminatingReplicas", t::int32, ptr},
};
inline constexpr message replica_set_status{"ReplicaSetStatus", replica_set_status_fields};

inline constexpr field replica_set_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &replica_set_spec},
    {3, "status", t::message, all, &replica_set_status},
};
inline constexpr message replica_set{"ReplicaSet", replica_set_fields};

inline constexpr field rolling_update_deployment_fields[] = {
    {1, "maxUnavailable", t::int_or_string, ptr},
    {2, "maxSurge", t::int_or_string, ptr},
};
inline constexpr message rolling_update_deployment{"RollingUpdateDeployment", rolling_update_deployment_fields};

inline constexpr field deployment_strategy_fields[] = {
    {1, "type", t::string},
    {2, "rollingUpdate", t::message, ptr, &rolling_update_deployment},
};
inline constexpr message deployment_strategy{"DeploymentStrategy", deployment_strategy_fields};

inline constexpr field deployment_spec_fields[] = {
    {1, "replicas", t::int32, ptr},
    {2, "selector", t::message, ptr, &label_selector},
    {3, "template", t::message, all, &pod_template_spec},
    {4, "strategy", t::message, all, &deployment_strategy},
    {5, "minReadySeconds", t::int32},
    {6, "revisionHistoryLimit", t::int32, ptr},
    {7, "paused", t::boolean},
    {9, "progressDeadlineSeconds", t::int32, ptr},
};
inline constexpr message deployment_spec{"DeploymentSpec", deployment_spec_fields};

inline constexpr field deployment_condition_fields[] = {
    {1, "type", t::string, all},
    {2, "status", t::string, all},
    {4, "reason", t::string},
    {5, "message", t::string},
    {6, "lastUpdateTime", t::time},
    {7, "lastTransitionTime", t::time},
};
inline constexpr message deployment_condition{"DeploymentCondition", deployment_condition_fields};

inline constexpr field deployment_status_fields[] = {
    {1, "observedGeneration", t::int64},
    {2, "replicas", t::int32},
    {3, "updatedReplicas", t::int32},
    {4, "availableReplicas", t::int32},
    {5, "unavailableReplicas", t::int32},
    {6, "conditions", t::message, rep, &deployment_condition},
    {7, "readyReplicas", t::int32},
    {8, "collisionCount", t::int32, ptr},
    {9, "terminatingReplicas", t::int32, ptr},
};
inline constexpr message deployment_status{"DeploymentStatus", deployment_status_fields};

inline constexpr field deployment_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &deployment_spec},
    {3, "status", t::message, all, &deployment_status},
};
inline constexpr message deployment{"Deployment", deployment_fields};

inline constexpr field scale_spec_fields[] = {
    {1, "replicas", t::int32},
};
inline constexpr message scale_spec{"ScaleSpec", scale_spec_fields};

inline constexpr field scale_status_fields[] = {
    {1, "replicas", t::int32, all},
    {2, "selector", t::string},
};
inline constexpr message scale_status{"ScaleStatus", scale_status_fields};

inline constexpr field scale_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &scale_spec},
    {3, "status", t::message, all, &scale_status},
};
inline constexpr message scale{"Scale", scale_fields};

inline constexpr field endpoint_conditions_fields[] = {
    {1, "ready", t::boolean, ptr},
    {2, "serving", t::boolean, ptr},
    {3, "terminating", t::boolean, ptr},
};
inline constexpr message endpoint_conditions{"EndpointConditions", endpoint_conditions_fields};

inline constexpr field endpoint_fields[] = {
    {1, "addresses", t::string, rep},
    {2, "conditions", t::message, all, &endpoint_conditions},
    {3, "hostname", t::string, ptr},
    {4, "targetRef", t::message, ptr, &object_reference},
    {6, "nodeName", t::string, ptr},
    {7, "zone", t::string, ptr},
};
inline constexpr message endpoint{"Endpoint", endpoint_fields};

inline constexpr field endpoint_port_fields[] = {
    {1, "name", t::string, ptr},
    {2, "protocol", t::string, ptr},
    {3, "port", t::int32, ptr},
    {4, "appProtocol", t::string, ptr},
};
inline constexpr message endpoint_port{"EndpointPort", endpoint_port_fields};

inline constexpr field endpoint_slice_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "endpoints", t::message, rep, &endpoint},
    {3, "ports", t::message, rep, &endpoint_port},
    {4, "addressType", t::string, all},
};
inline constexpr message endpoint_slice{"EndpointSlice", endpoint_slice_fields};

inline constexpr field lease_spec_fields[] = {
    {1, "holderIdentity", t::string, ptr},
    {2, "leaseDurationSeconds", t::int32, ptr},
    {3, "acquireTime", t::micro_time, ptr},
    {4, "renewTime", t::micro_time, ptr},
    {5, "leaseTransitions", t::int32, ptr},
    {6, "strategy", t::string, ptr},
    {7, "preferredHolder", t::string, ptr},
};
inline constexpr message lease_spec{"LeaseSpec", lease_spec_fields};

inline constexpr field lease_fields[] = {
    {1, "metadata", t::message, all, &object_meta, "ObjectMeta"},
    {2, "spec", t::message, all, &lease_spec},
};
inline constexpr message lease{"Lease", lease_fields};

// ---- the kinds decode_protobuf reads, by the envelope's apiVersion and kind --

struct kind_entry {
    std::string_view api_version;  // empty: any (DeleteOptions is in every group version)
    std::string_view kind;
    const message* type;
};

inline constexpr kind_entry kinds[] = {
    {"v1", "Pod", &pod},
    {"v1", "Node", &node},
    {"v1", "Namespace", &namespace_},
    {"v1", "Service", &service},
    {"v1", "Event", &event},
    {"v1", "ConfigMap", &config_map},
    {"v1", "Secret", &secret},
    {"v1", "Binding", &binding},
    {"apps/v1", "ReplicaSet", &replica_set},
    {"apps/v1", "Deployment", &deployment},
    {"autoscaling/v1", "Scale", &scale},
    {"policy/v1", "Eviction", &eviction},
    {"discovery.k8s.io/v1", "EndpointSlice", &endpoint_slice},
    {"coordination.k8s.io/v1", "Lease", &lease},
    {"", "DeleteOptions", &delete_options},
};

}  // namespace kubesim::api::json::detail::protobuf
