// Helpers of the EndpointSlice controller, modelled on upstream
// staging/src/k8s.io/endpointslice/utils.go and util/ (podToEndpoint,
// getEndpointPorts, FindPort, newEndpointSlice, setEndpointSliceLabels,
// ownedBy, getSliceToFill, ShouldPodBeInEndpoints, the endpoint and port-map
// hashes). Upstream hashes endpoints and port lists with a deep hash; here the
// same identities are plain strings, so maps keyed by them iterate in a stable
// order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::controllers::endpoint_slice {

// discovery.k8s.io well-known labels and the controller's managed-by value.
inline constexpr std::string_view label_service_name = "kubernetes.io/service-name";
inline constexpr std::string_view label_managed_by = "endpointslice.kubernetes.io/managed-by";
inline constexpr std::string_view label_headless = "service.kubernetes.io/headless";
inline constexpr std::string_view label_topology_zone = "topology.kubernetes.io/zone";
inline constexpr std::string_view controller_name = "endpointslice-controller.k8s.io";
inline constexpr std::int32_t default_max_endpoints_per_slice = 100;

// The pod's IPs: status.podIPs, or status.podIP when only that is written
// (tests and simple writers set podIP alone; the kubelet writes both).
[[nodiscard]] KUBESIM_DECL std::vector<std::string> pod_ips(const api::pod& p);

// ShouldPodBeInEndpoints(pod, includeTerminating=true): it has an IP and has
// not finished for good (a Never pod that Failed or Succeeded, an OnFailure pod
// that Succeeded).
[[nodiscard]] KUBESIM_DECL bool should_pod_be_in_endpoints(const api::pod& p);

// ShouldSetHostname: the pod names a hostname and its subdomain is this Service.
[[nodiscard]] KUBESIM_DECL bool should_set_hostname(const api::pod& p, const api::service& svc);

// isServiceIPSet
[[nodiscard]] inline bool is_service_ip_set(const api::service& svc) {
    return !svc.spec.cluster_ip.empty() && svc.spec.cluster_ip != "None";
}

// getAddressTypesForService: from spec.ipFamilies; without them the family of
// the ClusterIP; a headless Service without families gets both.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> address_types_for_service(const api::service& svc);

// FindPort: a numeric targetPort is used as is; a named one is looked up among
// the container ports (then restartable init containers) of the pod with the
// Service port's protocol.
[[nodiscard]] KUBESIM_DECL std::optional<std::int32_t> find_port(const api::pod& p, const api::service_port& sp);

// getEndpointPorts: one EndpointPort per Service port the pod can serve.
[[nodiscard]] KUBESIM_DECL std::vector<api::endpoint_port> get_endpoint_ports(const api::service& svc,
                                                                              const api::pod& p);

// getEndpointAddresses: the pod IPs of the slice's family.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> get_endpoint_addresses(const api::pod& p,
                                                                           std::string_view address_type);

// podToEndpoint. serving = the Ready condition; terminating = deletionTimestamp
// set; ready = serving and not terminating, or publishNotReadyAddresses.
[[nodiscard]] KUBESIM_DECL api::endpoint pod_to_endpoint(const api::pod& p, const api::node* n, const api::service& svc,
                                                         std::string_view address_type);

// The identity of an endpoint (upstream hashEndpoint): its addresses, hostname
// and the namespace/name of its target. Two endpoints with the same identity
// are "the same endpoint", possibly with changed conditions.
[[nodiscard]] KUBESIM_DECL std::string endpoint_key(const api::endpoint& ep);

// The identity of a port list, independent of its order (NewPortMapKey).
[[nodiscard]] KUBESIM_DECL std::string port_map_key(const std::vector<api::endpoint_port>& ports);

// isReservedLabelKey
[[nodiscard]] KUBESIM_DECL bool is_reserved_label_key(std::string_view key);

// setEndpointSliceLabels: the Service's labels (minus the reserved ones), the
// headless label when the Service has no ClusterIP, and the two reserved
// labels. The flag says whether the copied Service labels differ from the
// slice's.
struct slice_labels {
    std::map<std::string, std::string> labels;
    bool changed{false};
};
[[nodiscard]] KUBESIM_DECL slice_labels set_endpoint_slice_labels(const api::endpoint_slice& es,
                                                                  const api::service& svc);

// getEndpointSlicePrefix: "<service>-" unless that is too long for a name.
[[nodiscard]] KUBESIM_DECL std::string endpoint_slice_prefix(const std::string& service_name);

// newEndpointSlice: an unnamed slice (generateName) owned by the Service.
[[nodiscard]] KUBESIM_DECL api::endpoint_slice new_endpoint_slice(const api::service& svc,
                                                                  std::vector<api::endpoint_port> ports,
                                                                  std::string address_type);

// ownedBy: an owner reference to this Service (by uid).
[[nodiscard]] KUBESIM_DECL bool owned_by(const api::endpoint_slice& es, const api::service& svc);

// getSliceToFill: the slice that ends closest to full once n endpoints are
// added, or nullptr when none has room. Ties keep the first candidate.
template <class SlicePtr>
[[nodiscard]] inline SlicePtr get_slice_to_fill(const std::vector<SlicePtr>& slices, std::size_t n, std::size_t max) {
    std::size_t closest = max;
    SlicePtr best{};
    for (const auto& s : slices) {
        const std::size_t used = n + s->endpoints.size();
        if (used > max) continue;
        const std::size_t diff = max - used;
        if (diff < closest) {
            closest = diff;
            best = s;
            if (diff == 0) return best;
        }
    }
    return best;
}

}  // namespace kubesim::controllers::endpoint_slice

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/endpoint_slice/utils.ipp>
#endif
