// A container's environment. Models kubernetes pkg/kubelet/kubelet_pods.go
// (makeEnvironmentVariables, getServiceEnvVarMap, podFieldSelectorRuntimeValue),
// pkg/kubelet/envvars/envvars.go (FromServices: Docker-style service links),
// pkg/fieldpath/fieldpath.go (ExtractFieldPathAsString, FormatMap,
// SplitMaybeSubscriptedPath) and pkg/apis/core/pods/helpers.go
// (ConvertDownwardAPIFieldLabel).
//
// Where kubesim differs:
// - Upstream returns the variables in Go map order (random). kubesim returns the
//   container's own variables (envFrom + env) sorted by name, then the service
//   link variables not overridden by them, sorted by name.
// - status.hostIP / status.hostIPs come from pod.status (upstream asks the node).
// - resourceFieldRef is not resolved yet: it fails with CreateContainerConfigError.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/environment.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api {
struct config_map;
struct container;
struct pod;
struct secret;
struct service;
}  // namespace kubesim::api

namespace kubesim::kubelet {

using env_list = images::env_list;
using service_env_map = images::service_env_map;
using container_environment = images::environment;

// FormatMap: `key="value"` lines, keys sorted, joined by '\n' (no trailing newline).
[[nodiscard]] KUBESIM_DECL std::string format_map(const std::map<std::string, std::string>& m);

// FromServices: the Docker-link variables of each service whose ClusterIP is set
// (not "" and not "None", so headless and ExternalName services are skipped), in
// upstream's order. For a service "redis-master" at 10.0.0.11, port 6379 TCP:
//   REDIS_MASTER_SERVICE_HOST=10.0.0.11, REDIS_MASTER_SERVICE_PORT=6379,
//   REDIS_MASTER_PORT=tcp://10.0.0.11:6379, REDIS_MASTER_PORT_6379_TCP=tcp://10.0.0.11:6379,
//   REDIS_MASTER_PORT_6379_TCP_PROTO=tcp, REDIS_MASTER_PORT_6379_TCP_PORT=6379,
//   REDIS_MASTER_PORT_6379_TCP_ADDR=10.0.0.11
// A service without ports (upstream would crash on Ports[0]) is skipped.
[[nodiscard]] KUBESIM_DECL env_list service_link_env(const std::vector<const api::service*>& services);

// The value of a downward-API fieldRef of a pod, as the kubelet computes it for
// env: ConvertDownwardAPIFieldLabel, then podFieldSelectorRuntimeValue, then
// ExtractFieldPathAsString. On failure returns nullopt and sets error to
// upstream's text ("field label not supported: x", "unsupported fieldPath: x",
// `fieldPath "x" does not support subscript`, "invalid key subscript in ...").
[[nodiscard]] KUBESIM_DECL std::optional<std::string> extract_field_path(const api::pod& pod, std::string_view field_path,
                                                                         std::string& error);

// Where make_environment_variables looks things up. config_map / secret return
// nullptr when the object does not exist in the pod's namespace. services: every
// service the kubelet knows (any namespace; filtered like getServiceEnvVarMap).
// event, when set, receives the Warning events upstream records
// (reason "InvalidEnvironmentVariableNames").
struct env_sources {
    const api::pod* pod{nullptr};
    std::function<const api::config_map*(std::string_view name)> config_map{};
    std::function<const api::secret*(std::string_view name)> secret{};
    std::vector<const api::service*> services{};
    // When set, the namespace's service-link variables, already computed with
    // service_env_var_map (services is then not read).
    std::shared_ptr<const service_env_map> service_env{};
    std::function<void(std::string_view reason, const std::string& message)> event{};
};

// getServiceEnvVarMap: the master service "kubernetes" of namespace "default" is
// always linked; the other services of the pod's namespace only when
// spec.enableServiceLinks is true (the default). A same-named service of the
// pod's namespace wins over the master service.
[[nodiscard]] KUBESIM_DECL service_env_map service_env_var_map(std::string_view ns, bool enable_service_links,
                                                               const std::vector<const api::service*>& services);

// makeEnvironmentVariables. Errors carry reason "CreateContainerConfigError" and
// upstream's message: `configmap "x" not found`, `secret "x" not found`,
// "couldn't find key k in ConfigMap ns/x", "couldn't find key k in Secret ns/x",
// or the fieldRef error of extract_field_path.
[[nodiscard]] KUBESIM_DECL result<container_environment> make_container_environment(const api::container& container,
                                                                                       const env_sources& src);

// makeEnvironmentVariables as one list: the container's variables, then the
// service-link variables they do not shadow.
[[nodiscard]] KUBESIM_DECL result<env_list> make_environment_variables(const api::container& container,
                                                                       const env_sources& src);

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/env.ipp>
#endif
