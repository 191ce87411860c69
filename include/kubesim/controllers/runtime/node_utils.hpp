// Helpers of the controllers that watch nodes (node lifecycle, taint eviction,
// pod garbage collector), modelled on upstream
// pkg/controller/util/node/controller_utils.go (MarkPodsNotReady,
// RecordNodeEvent, RecordNodeStatusChange, SwapNodeControllerTaint,
// GetNodeCondition), pkg/controller/controller_utils.go (AddOrUpdateTaintOnNode,
// RemoveTaintOffNode), pkg/util/taints (TaintExists, AddOrUpdateTaint,
// RemoveTaint), pkg/api/v1/pod/util.go (UpdatePodCondition) and
// k8s.io/component-helpers/node/topology (GetZoneKey).
//
// Taint writes are a get and an update of the Node (upstream patches spec.taints
// with the resourceVersion as precondition); a Conflict reads the node again
// and retries, up to five times (retry.DefaultBackoff's steps).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers {

// Well-known taint keys (k8s.io/api/core/v1 well_known_taints.go).
inline constexpr std::string_view taint_node_not_ready = "node.kubernetes.io/not-ready";
inline constexpr std::string_view taint_node_unreachable = "node.kubernetes.io/unreachable";
inline constexpr std::string_view taint_node_unschedulable = "node.kubernetes.io/unschedulable";
inline constexpr std::string_view taint_node_memory_pressure = "node.kubernetes.io/memory-pressure";
inline constexpr std::string_view taint_node_disk_pressure = "node.kubernetes.io/disk-pressure";
inline constexpr std::string_view taint_node_network_unavailable = "node.kubernetes.io/network-unavailable";
inline constexpr std::string_view taint_node_pid_pressure = "node.kubernetes.io/pid-pressure";
inline constexpr std::string_view taint_node_out_of_service = "node.kubernetes.io/out-of-service";

// The pod index by spec.nodeName that the node controllers share on the pod
// informer (upstream's nodeNameKeyIndex): unbound pods are not indexed.
inline constexpr std::string_view pod_node_name_index_name = "spec.nodeName";
[[nodiscard]] KUBESIM_DECL std::vector<std::string> pod_node_name_index(const api::pod& p);

// GetNodeCondition: the condition of that type, or null.
[[nodiscard]] KUBESIM_DECL const api::node_condition* get_node_condition(const api::node_status& s,
                                                                         std::string_view type);
[[nodiscard]] KUBESIM_DECL api::node_condition* get_node_condition(api::node_status& s, std::string_view type);
// IsNodeReady: Ready=True.
[[nodiscard]] KUBESIM_DECL bool is_node_ready(const api::node& n);

// GetZoneKey: "" for a node without region and zone labels
// (topology.kubernetes.io/*, or the failure-domain.beta ones), else
// region + ":\x00:" + zone.
[[nodiscard]] KUBESIM_DECL std::string get_zone_key(const api::node& n);

// UpdatePodCondition: sets the condition (a new one is appended); its
// lastTransitionTime is now unless the status is unchanged. True when anything
// changed.
KUBESIM_DECL bool update_pod_condition(api::pod_status& status, api::pod_condition condition, sim::time_point now);

// Taint.MatchTaint: same key and effect.
[[nodiscard]] inline bool match_taint(const api::taint& a, const api::taint& b) {
    return a.key == b.key && a.effect == b.effect;
}
// TaintExists: a taint with the key and effect of `t`.
[[nodiscard]] KUBESIM_DECL bool taint_exists(const std::vector<api::taint>& taints, const api::taint& t);

// AddOrUpdateTaintOnNode: each taint replaces the node's taint of the same key
// and effect (unless equal) or is appended. nullopt on success (nothing to do
// included), else the error message.
KUBESIM_DECL std::optional<std::string> add_or_update_taint_on_node(store::object_store& s, const std::string& node,
                                                                    const std::vector<api::taint>& taints);
// RemoveTaintOffNode: removes every taint matching one of `taints`. `cached`
// (may be null) short-circuits: when it has none of them, nothing is read.
KUBESIM_DECL std::optional<std::string> remove_taint_off_node(store::object_store& s, const std::string& node,
                                                              const api::node* cached,
                                                              const std::vector<api::taint>& taints);
// SwapNodeControllerTaint: adds `add` (timeAdded = now), then removes `remove`.
KUBESIM_DECL bool swap_node_controller_taint(store::object_store& s, std::vector<api::taint> add,
                                             const std::vector<api::taint>& remove, const api::node& node);

// RecordNodeEvent: "Node <name> event: <message>" about the node.
KUBESIM_DECL void record_node_event(store::event_recorder& r, const std::string& node, const std::string& uid,
                                    const std::string& type, const std::string& reason, const std::string& message);
// RecordNodeStatusChange: Normal <status>, "Node <name> status is now: <status>".
KUBESIM_DECL void record_node_status_change(store::event_recorder& r, const api::node& node, const std::string& status);

// MarkPodsNotReady: each pod bound to `node` whose Ready condition is not
// already False gets Ready=False (status update) and a Warning NodeNotReady
// event "Node is not ready". nullopt on success, else the errors aggregated.
KUBESIM_DECL std::optional<std::string> mark_pods_not_ready(store::object_store& s, store::event_recorder& r,
                                                            const std::vector<std::shared_ptr<const api::pod>>& pods,
                                                            const std::string& node);

}  // namespace kubesim::controllers

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/runtime/node_utils.ipp>
#endif
