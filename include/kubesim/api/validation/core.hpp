// Validation of the core/v1 kinds (Pod, Node, Namespace, Service, Event,
// ConfigMap, Secret), after kubernetes pkg/apis/core/validation/validation.go and
// events.go: same checks, same order, same field paths and messages. Objects are
// expected to be defaulted (api/defaults.hpp) first, as the API server does.
//
// Simplifications, where the simulator's types carry no such field: volumes,
// security contexts, resource claims, ephemeral containers, scheduling gates,
// topology spread constraints, seccomp/AppArmor annotations, hugepage page-size
// divisibility, load-balancer source ranges and class, healthCheckNodePort. The
// "pod updates may not change fields other than ..." message ends with a short
// list of the changed PodSpec fields instead of go-cmp's full diff.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/field.hpp>
#include <kubesim/api/validation/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

// The types validated here (api/core/*.hpp define them).
template <class T>
class box;
class quantity;
struct affinity;
struct config_map;
struct container;
struct container_port;
struct env_from_source;
struct env_var;
struct event;
struct int_or_string;
struct key_selector;
struct lifecycle;
struct namespace_;
struct node;
struct node_selector_requirement;
struct node_selector_term;
struct object_field_selector;
struct pod;
struct pod_affinity;
struct pod_affinity_term;
struct pod_dns_config;
struct pod_spec;
struct pod_template_spec;
struct probe;
struct resource_field_selector;
struct resource_requirements;
struct secret;
struct service;
struct toleration;

}  // namespace kubesim::api

namespace kubesim::api::validation {

// PodValidationOptions, reduced to what the simulator's types can exercise.
struct pod_validation_options {
    bool resource_is_pod{false};                          // a Pod, not a template inside another kind
    bool allow_invalid_label_value_in_selector{false};    // kept for updates of old invalid objects
    bool allow_invalid_pod_deletion_cost{false};
};

// ---- names -----------------------------------------------------------------------

inline constexpr name_validator validate_pod_name = name_is_dns_subdomain;
inline constexpr name_validator validate_node_name = name_is_dns_subdomain;
inline constexpr name_validator validate_namespace_name = name_is_dns_label;
inline constexpr name_validator validate_service_name = name_is_dns1035_label;
inline constexpr name_validator validate_config_map_name = name_is_dns_subdomain;
inline constexpr name_validator validate_secret_name = name_is_dns_subdomain;

// ---- containers ------------------------------------------------------------------

// validateContainerPorts
[[nodiscard]] KUBESIM_DECL field::error_list validate_container_ports(const std::vector<container_port>& ports,
                                                                      const field::path& p);

// validateObjectFieldSelector (downward API fieldRef of an env var).
[[nodiscard]] KUBESIM_DECL field::error_list validate_object_field_selector(const object_field_selector& fs,
                                                                            const field::path& p);

// validateContainerResourceFieldSelector and validateContainerResourceDivisor.
[[nodiscard]] KUBESIM_DECL field::error_list validate_resource_field_selector(const resource_field_selector& fs,
                                                                              const field::path& p);

// validateConfigMapKeySelector / validateSecretKeySelector (the same rules).
[[nodiscard]] KUBESIM_DECL field::error_list validate_key_selector(const key_selector& s, const field::path& p);

// validateEnvVarValueFrom: exactly one source, and never together with `value`.
[[nodiscard]] KUBESIM_DECL field::error_list validate_env_var_value_from(const env_var& ev, const field::path& p);

// ValidateEnv. Names follow the relaxed rule (RelaxedEnvironmentVariableValidation,
// on by default since Kubernetes 1.32): printable ASCII except '='.
[[nodiscard]] KUBESIM_DECL field::error_list validate_env(const std::vector<env_var>& vars, const field::path& p);

// ValidateEnvFrom
[[nodiscard]] KUBESIM_DECL field::error_list validate_env_from(const std::vector<env_from_source>& vars,
                                                               const field::path& p);

// validateContainerResourceName: qualified, then standard or fully qualified, then
// a container resource or a proper extended resource. (ResourceName is a named
// string type, so the value renders through JSON.)
[[nodiscard]] KUBESIM_DECL field::error_list validate_container_resource_name(std::string_view name, const field::path& p);

// ValidateResourceQuantityValue: non-negative; whole numbers for countable resources.
[[nodiscard]] KUBESIM_DECL field::error_list validate_resource_quantity_value(std::string_view name, const quantity& q,
                                                                              const field::path& p);

// ValidateContainerResourceRequirements: names, quantities, requests <= limits.
[[nodiscard]] KUBESIM_DECL field::error_list validate_resource_requirements(const resource_requirements& r,
                                                                            const field::path& p);

// ---- probes and handlers -----------------------------------------------------------

// ValidatePortNumOrName
[[nodiscard]] KUBESIM_DECL field::error_list validate_port_num_or_name(const int_or_string& port, const field::path& p);

namespace vdetail {
struct common_handler;  // the union of probe and lifecycle handler kinds (core.ipp)
}  // namespace vdetail

// validateHandler: exactly one handler type, each checked.
[[nodiscard]] KUBESIM_DECL field::error_list validate_handler(const vdetail::common_handler& h,
                                                              const std::optional<std::int64_t>& grace_period,
                                                              const field::path& p);

// validateProbe: the handler and the non-negative counters.
[[nodiscard]] KUBESIM_DECL field::error_list validate_probe(const probe& pr, const std::optional<std::int64_t>& grace_period,
                                                            const field::path& p);

// validateLivenessProbe / validateStartupProbe: successThreshold must be 1.
[[nodiscard]] KUBESIM_DECL field::error_list validate_liveness_probe(const box<probe>& pr,
                                                                     const std::optional<std::int64_t>& grace_period,
                                                                     const field::path& p);

// validateReadinessProbe: no terminationGracePeriodSeconds of its own.
[[nodiscard]] KUBESIM_DECL field::error_list validate_readiness_probe(const box<probe>& pr,
                                                                      const std::optional<std::int64_t>& grace_period,
                                                                      const field::path& p);

// validateLifecycle
[[nodiscard]] KUBESIM_DECL field::error_list validate_lifecycle(const lifecycle& lc,
                                                                const std::optional<std::int64_t>& grace_period,
                                                                const field::path& p);

// validatePullPolicy
[[nodiscard]] KUBESIM_DECL field::error_list validate_pull_policy(std::string_view policy, const field::path& p);

// validateContainerCommon: what regular and init containers share.
[[nodiscard]] KUBESIM_DECL field::error_list validate_container_common(const container& c, const field::path& p);

// AccumulateUniqueHostPorts over one list of containers.
[[nodiscard]] KUBESIM_DECL field::error_list check_host_port_conflicts(const std::vector<const container*>& cs,
                                                                       const field::path& p);

// validateContainers (regular containers).
[[nodiscard]] KUBESIM_DECL field::error_list validate_containers(const std::vector<container>& cs,
                                                                 const std::optional<std::int64_t>& grace_period,
                                                                 const field::path& p);

// validateInitContainers: names unique across init and regular containers; probes
// and lifecycle only for restartable (sidecar) init containers.
[[nodiscard]] KUBESIM_DECL field::error_list validate_init_containers(const std::vector<container>& cs,
                                                                      const std::vector<container>& regular,
                                                                      const std::optional<std::int64_t>& grace_period,
                                                                      const field::path& p);

// ---- pod spec ------------------------------------------------------------------------

// ValidateTolerations
[[nodiscard]] KUBESIM_DECL field::error_list validate_tolerations(const std::vector<toleration>& ts, const field::path& p);

// ValidateNodeSelectorRequirement (required affinity: values must be label values).
[[nodiscard]] KUBESIM_DECL field::error_list validate_node_selector_requirement(const node_selector_requirement& rq,
                                                                                bool allow_invalid_values,
                                                                                const field::path& p);

// ValidateNodeFieldSelectorRequirement: only metadata.name, In/NotIn one value.
[[nodiscard]] KUBESIM_DECL field::error_list validate_node_field_selector_requirement(const node_selector_requirement& rq,
                                                                                      const field::path& p);

[[nodiscard]] KUBESIM_DECL field::error_list validate_node_selector_term(const node_selector_term& term,
                                                                         bool allow_invalid_values, const field::path& p);

[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_affinity_term(const pod_affinity_term& t, bool allow_invalid,
                                                                        const field::path& p);

[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_affinity(const pod_affinity& a, bool allow_invalid,
                                                                   const field::path& p);

// validateAffinity
[[nodiscard]] KUBESIM_DECL field::error_list validate_affinity(const affinity& a, const pod_validation_options& opts,
                                                               const field::path& p);

inline constexpr std::size_t max_dns_nameservers = 3;
inline constexpr std::size_t max_dns_search_paths = 32;
inline constexpr std::size_t max_dns_search_list_chars = 2048;

// validatePodDNSConfig (RelaxedDNSSearchValidation, on by default, allows '_'
// and a lone ".").
[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_dns_config(const box<pod_dns_config>& cfg,
                                                                     std::string_view dns_policy, const field::path& p);

// ValidatePodSpec
[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_spec(const pod_spec& s, const field::path& p,
                                                               const pod_validation_options& opts = {});

// ValidatePodSpecificAnnotations: the mirror-pod annotation needs a node; the
// deletion cost must be a 32-bit integer.
[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_specific_annotations(
    const std::map<std::string, std::string>& annotations, const pod_spec& s, const field::path& p,
    const pod_validation_options& opts = {});

// ValidatePodTemplateSpec: labels, annotations and the pod spec of a template.
[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_template_spec(const pod_template_spec& t, const field::path& p,
                                                                        const pod_validation_options& opts = {});

// ValidatePodCreate
[[nodiscard]] KUBESIM_DECL field::error_list validate(const pod& p);

// ValidatePodUpdate: only images, activeDeadlineSeconds (down or from unset),
// added tolerations and a negative grace period turned into 1 may change.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const pod& new_obj, const pod& old_obj);

// ValidatePodStatusUpdate: conditions, nodeName untouched, nominatedNodeName,
// QoS class immutable, no restart of terminated containers the policy will not
// restart, pod and host IPs.
[[nodiscard]] KUBESIM_DECL field::error_list validate_status_update(const pod& new_obj, const pod& old_obj);

// ---- node ------------------------------------------------------------------------------

// ValidateNode
[[nodiscard]] KUBESIM_DECL field::error_list validate(const node& n);

// ValidateNodeUpdate (also what node status updates are checked with).
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const node& new_obj, const node& old_obj);

[[nodiscard]] KUBESIM_DECL field::error_list validate_status_update(const node& new_obj, const node& old_obj);

// ---- namespace ---------------------------------------------------------------------------

// ValidateNamespace: a DNS-1123 label name, finalizer names.
[[nodiscard]] KUBESIM_DECL field::error_list validate(const namespace_& ns);

[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const namespace_& new_obj, const namespace_& old_obj);

// ValidateNamespaceStatusUpdate: Active without deletionTimestamp, Terminating with.
[[nodiscard]] KUBESIM_DECL field::error_list validate_status_update(const namespace_& new_obj, const namespace_& old_obj);

// ValidateNamespaceFinalizeUpdate (the /finalize subresource).
[[nodiscard]] KUBESIM_DECL field::error_list validate_finalize_update(const namespace_& new_obj, const namespace_& old_obj);

// ---- service ---------------------------------------------------------------------------

// ValidateService
[[nodiscard]] KUBESIM_DECL field::error_list validate(const service& svc);

// ValidateServiceUpdate: clusterIPs and ipFamilies may gain or lose a secondary
// entry but the primary never changes ("may not change once set").
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const service& new_obj, const service& old_obj);

// ValidateServiceStatusUpdate: load-balancer ingress IPs and hostnames.
[[nodiscard]] KUBESIM_DECL field::error_list validate_status_update(const service& new_obj, const service& old_obj);

// ---- event (core/v1: the legacy rules, events.go legacyValidateEvent) -------------------

[[nodiscard]] KUBESIM_DECL field::error_list validate(const event& e);

// v1 event updates: the common metadata rules plus the legacy rules.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const event& new_obj, const event& old_obj);

// ---- config map and secret --------------------------------------------------------------

inline constexpr std::size_t max_secret_size = 1024 * 1024;

// ValidateConfigMap: keys, no key in both data and binaryData, 1 MiB in total.
[[nodiscard]] KUBESIM_DECL field::error_list validate(const config_map& cm);

// ValidateConfigMapUpdate: nothing changes once `immutable` is true.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const config_map& new_obj, const config_map& old_obj);

// ValidateSecret. stringData is merged into data before validation upstream (by
// conversion), so its keys are checked as data keys.
[[nodiscard]] KUBESIM_DECL field::error_list validate(const secret& s);

// ValidateSecretUpdate: type is immutable; nothing changes once `immutable` is true.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const secret& new_obj, const secret& old_obj);

}  // namespace kubesim::api::validation

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/validation/core.ipp>
#endif
