// The pure filter and score logic of the kube-scheduler's default plugins, as
// functions of (pod, node_info) with no I/O and no engine. Models upstream:
//   pkg/scheduler/framework/plugins/nodename/node_name.go
//   pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go
//   pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go
//   pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go
//   pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go,
//     resource_allocation.go
//   pkg/scheduler/framework/plugins/helper/normalize_score.go (DefaultNormalizeScore)
//   pkg/scheduler/framework/plugins/selectorspread (removed upstream in 1.27; the
//     spreading score here keeps its per-node formula, see selector_spread_score)
//   pkg/scheduler/framework/plugins/defaultpreemption + pkg/scheduler/framework/
//     preemption/preemption.go (the "preemption: ..." suffix of the FitError)
//   pkg/scheduler/framework/types.go (FitError.Error), schedule_one.go
//   staging/src/k8s.io/component-helpers/scheduling/corev1/helpers.go and
//     nodeaffinity/nodeaffinity.go (node selector term matching, Gt/Lt, matchFields)
//   staging/src/k8s.io/api/core/v1/toleration.go (ToleratesTaint)
//   staging/src/k8s.io/component-helpers/resource/helpers.go (PodRequests)
// Target: Kubernetes 1.36 wording. In particular TaintToleration prints
// "node(s) had untolerated taint(s)" (older releases printed the taint as
// "{key: value}"), and a pod without ResourceClaims gets no DRA
// "no new claims to deallocate" note (dropped upstream in 1.33).
//
// Simplifications (documented, deliberate):
// - Node readiness: upstream excludes NotReady/Unknown nodes because the node
//   lifecycle controller taints them node.kubernetes.io/not-ready or
//   node.kubernetes.io/unreachable (NoSchedule, TaintNodesByCondition) and
//   TaintToleration rejects them. node_ready_filter derives that taint from the
//   Ready condition directly, so the scheduler works even before any taint is
//   written; the reason printed is TaintToleration's, as upstream.
// - Toleration comparison operators (Gt/Lt on tolerations, alpha feature gate
//   TaintTolerationComparisonOperators, off by default) are not modelled.
// - Only cpu, memory and pods are checked by NodeResourcesFit (no
//   ephemeral-storage, extended resources or pod overhead).
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
#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::controllers::scheduler {

// framework.MaxNodeScore / MinNodeScore.
inline constexpr std::int64_t max_node_score = 100;
inline constexpr std::int64_t min_node_score = 0;

// Score plugin weights of the default profile (apis/config/v1/default_plugins.go).
inline constexpr std::int64_t weight_taint_toleration = 3;
inline constexpr std::int64_t weight_node_affinity = 2;
inline constexpr std::int64_t weight_pod_topology_spread = 2;  // the spreading score stands in for it
inline constexpr std::int64_t weight_node_resources_fit = 1;

// Filter reasons, exactly as upstream prints them in FailedScheduling.
inline constexpr std::string_view err_reason_node_name = "node(s) didn't match the requested node name";
inline constexpr std::string_view err_reason_unschedulable = "node(s) were unschedulable";
inline constexpr std::string_view err_reason_node_affinity = "node(s) didn't match Pod's node affinity/selector";
inline constexpr std::string_view err_reason_untolerated_taint = "node(s) had untolerated taint(s)";
inline constexpr std::string_view err_reason_too_many_pods = "Too many pods";
inline constexpr std::string_view err_reason_insufficient_cpu = "Insufficient cpu";
inline constexpr std::string_view err_reason_insufficient_memory = "Insufficient memory";
// Preemption (PostFilter) reasons per node.
inline constexpr std::string_view err_reason_no_victims = "No preemption victims found for incoming pod";
inline constexpr std::string_view err_reason_preemption_not_helpful = "Preemption is not helpful for scheduling";
// schedule_one.go ErrNoNodesAvailable.
inline constexpr std::string_view err_no_nodes_available = "no nodes available to schedule pods";

// Well-known taints (k8s.io/api/core/v1 well_known_taints.go).
inline constexpr std::string_view taint_node_unschedulable = "node.kubernetes.io/unschedulable";
inline constexpr std::string_view taint_node_not_ready = "node.kubernetes.io/not-ready";
inline constexpr std::string_view taint_node_unreachable = "node.kubernetes.io/unreachable";

// Scoring defaults for containers that request nothing (pkg/scheduler/util
// DefaultMilliCPURequest = 100m, DefaultMemoryRequest = 200Mi): without them a
// node full of request-less pods would look empty to least_allocated.
inline constexpr std::int64_t default_milli_cpu_request = 100;
inline constexpr std::int64_t default_memory_request = 200LL * 1024 * 1024;

struct resource_request {
    std::int64_t milli_cpu{0};
    std::int64_t memory{0};
    bool operator==(const resource_request&) const = default;
};

// What the scheduler cache keeps per node (framework.NodeInfo, cut down).
// requested_* sum pod_requests of the pods bound to the node (Requested);
// non_zero_requested_* sum pod_non_zero_requests (NonZeroRequested, used only
// for scoring). add_pod / remove_pod keep them consistent.
struct node_info {
    const api::node* node{nullptr};
    std::int64_t requested_milli_cpu{0};
    std::int64_t requested_memory{0};
    int pod_count{0};
    std::int64_t non_zero_requested_milli_cpu{0};
    std::int64_t non_zero_requested_memory{0};
    // What the filters and scores read from the node object, derived by
    // set_node once per node version (set node only through set_node).
    std::int64_t allocatable_milli_cpu{0};
    std::int64_t allocatable_memory{0};
    std::int64_t allocatable_pods{0};
    bool ready{false};          // Ready=True: no readiness taint
    bool unschedulable{false};  // spec.unschedulable
    bool tainted{false};        // spec.taints is not empty
};

// Requests used by NodeResourcesFit and the cache's Requested.
[[nodiscard]] KUBESIM_DECL resource_request pod_requests(const api::pod& pod);

// Requests used for scoring (NonZeroRequested): a container that does not set
// cpu (memory) counts as 100m (200Mi), as upstream's NonMissingContainerRequests.
[[nodiscard]] KUBESIM_DECL resource_request pod_non_zero_requests(const api::pod& pod);

// NodeInfo.AddPod / RemovePod for the fields kept here.
KUBESIM_DECL void add_pod(node_info& ni, const api::pod& pod);

KUBESIM_DECL void remove_pod(node_info& ni, const api::pod& pod);

// ---------------------------------------------------------------------------
// Tolerations (core/v1 toleration.go, component-helpers corev1 helpers.go)

// Toleration.ToleratesTaint: an empty effect matches every effect, an empty key
// matches every key (meaningful with Exists: tolerate everything); Equal (or
// no operator) compares values, Exists ignores them; other operators never match.
[[nodiscard]] KUBESIM_DECL bool tolerates_taint(const api::toleration& t, const api::taint& taint);

// TolerationsTolerateTaint
[[nodiscard]] KUBESIM_DECL bool tolerations_tolerate_taint(const std::vector<api::toleration>& tolerations,
                                                           const api::taint& taint);

// FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc: the first
// NoSchedule or NoExecute taint (in node order) that no toleration tolerates.
[[nodiscard]] KUBESIM_DECL const api::taint* find_matching_untolerated_taint(
    const std::vector<api::taint>& taints, const std::vector<api::toleration>& tolerations);

// ---------------------------------------------------------------------------
// Node selector matching (component-helpers scheduling/corev1/nodeaffinity)

// One matchExpressions requirement against node labels (labels.Requirement).
// A malformed requirement (In/NotIn without values, Exists/DoesNotExist with
// values, Gt/Lt without exactly one integer value, unknown operator) fails to
// parse upstream and the term containing it matches nothing: here it is false.
// Gt/Lt compare integers: node label "5" matches Gt ["4"]; a non-integer label
// value matches neither.
[[nodiscard]] KUBESIM_DECL bool match_node_selector_requirement(const api::node_selector_requirement& r,
                                                                const std::map<std::string, std::string>& labels);

// One matchFields requirement: only metadata.name is a node field; In and NotIn
// take exactly one value (nodeSelectorRequirementsAsFieldSelector).
[[nodiscard]] KUBESIM_DECL bool match_node_field_requirement(const api::node_selector_requirement& r,
                                                             const api::node& node);

// A term ANDs its requirements; an empty term matches nothing.
[[nodiscard]] KUBESIM_DECL bool match_node_selector_term(const api::node_selector_term& term, const api::node& node);

// Terms are ORed.
[[nodiscard]] KUBESIM_DECL bool match_node_selector_terms(const api::node_selector& sel, const api::node& node);

// GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector (every key=value
// present) AND requiredDuringSchedulingIgnoredDuringExecution (if set).
[[nodiscard]] KUBESIM_DECL bool required_node_affinity_matches(const api::pod& pod, const api::node& node);

// ---------------------------------------------------------------------------
// Filters: std::nullopt = the node passes; otherwise the FailedScheduling reason.

// NodeName: the pod names no node, or this one.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> node_name_filter(const api::pod& pod, const node_info& ni);

// NodeUnschedulable: spec.unschedulable rejects pods unless they tolerate
// node.kubernetes.io/unschedulable:NoSchedule.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> node_unschedulable_filter(const api::pod& pod,
                                                                                const node_info& ni);

// NodeAffinity: nodeSelector and required node affinity.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> node_affinity_filter(const api::pod& pod, const node_info& ni);

// TaintToleration: every NoSchedule / NoExecute taint must be tolerated.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> taint_toleration_filter(const api::pod& pod, const node_info& ni);

// The taint the node lifecycle controller would put on this node because of its
// Ready condition: none when Ready=True, not-ready when False, unreachable when
// Unknown or missing (TaintNodesByCondition, effect NoSchedule).
[[nodiscard]] KUBESIM_DECL std::optional<api::taint> readiness_taint(const api::node& node);

// Node readiness (see the header comment): a node whose Ready condition is not
// True is rejected like a node carrying the matching not-ready / unreachable
// NoSchedule taint, with TaintToleration's reason; a pod tolerating that taint
// (DaemonSet pods do) passes.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> node_ready_filter(const api::pod& pod, const node_info& ni);

// Points ni at node n and derives what the plugins read from it.
KUBESIM_DECL void set_node(node_info& ni, const api::node* n);

// NodeResourcesFit (fitsRequest): pods, then cpu, then memory; a node can fail
// several at once, and all reasons are returned (empty = fits). A pod that
// requests no cpu and no memory is only checked against the pod count.
// Example: allocatable cpu 2, requested 1500m, pod asks 600m => 600 > 500:
// "Insufficient cpu".
// req: the pod's pod_requests, when the caller has them already.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> node_resources_fit_filter(const api::pod& pod, const node_info& ni,
                                                                              const resource_request* req = nullptr);

// RunFilterPlugins in the default profile's order (NodeUnschedulable, NodeName,
// TaintToleration with node readiness folded in, NodeAffinity,
// NodeResourcesFit): upstream stops at the first plugin that rejects the node,
// so a node reports that plugin's reasons only. Empty = the node is feasible.
// req: the pod's pod_requests, when the caller has them already.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> run_filter_plugins(const api::pod& pod, const node_info& ni,
                                                                       const resource_request* req = nullptr);

// Whether preemption could help a node that failed with these reasons
// (nodesWherePreemptionMightHelp): only NodeResourcesFit's reasons are
// Unschedulable; the other filters here are UnschedulableAndUnresolvable.
[[nodiscard]] KUBESIM_DECL bool reason_is_resolvable(std::string_view reason);

// ---------------------------------------------------------------------------
// Scores (raw; normalise across the feasible nodes where the plugin does)

// leastRequestedScore: ((capacity - requested) * 100) / capacity, 0 when the
// node has no capacity or is over-committed.
[[nodiscard]] KUBESIM_DECL std::int64_t least_requested_score(std::int64_t requested, std::int64_t capacity);

// NodeResourcesFit score, LeastAllocated strategy, cpu and memory weight 1:
// requested = node's non-zero requested + the pod's non-zero requests;
// score = sum(resource score * weight) / sum(weight), integer division,
// skipping a resource the node has none of.
// Example: cpu 4000m, 1000m used + 1000m asked => 50; memory 8Gi, 2Gi + 2Gi =>
// 50; score (50 + 50) / 2 = 50.
// nz: the pod's pod_non_zero_requests, when the caller has them already.
[[nodiscard]] KUBESIM_DECL std::int64_t least_allocated_score(const api::pod& pod, const node_info& ni,
                                                              const resource_request* nz = nullptr);

// Spreading score, in the spirit of SelectorSpread (and PodTopologySpread's
// default constraints at node level): the raw score is the number of pods on
// the node, in the pod's namespace and not being deleted, that have the same
// controller owner (same uid) as the pod. Normalise with reverse = true:
// score = 100 - 100 * count / max_count (100 everywhere when max_count is 0).
// Example: counts {0, 1, 2} => {100, 50, 0}. A pod without a controller owner
// counts 0 everywhere (spreading does not apply).
[[nodiscard]] KUBESIM_DECL std::int64_t selector_spread_score(const api::pod& pod,
                                                              const std::vector<const api::pod*>& pods_on_node);

// NodeAffinity score: the sum of the weights of the preferred terms the node
// matches (normalise with reverse = false).
[[nodiscard]] KUBESIM_DECL std::int64_t node_affinity_score(const api::pod& pod, const node_info& ni);

// TaintToleration score: the number of PreferNoSchedule taints not tolerated by
// the pod's tolerations with effect PreferNoSchedule or empty (normalise with
// reverse = true: fewer intolerable taints => higher score).
[[nodiscard]] KUBESIM_DECL std::int64_t taint_toleration_score(const api::pod& pod, const node_info& ni);

// DefaultNormalizeScore(maxPriority, reverse, scores): scale to
// 0..max_priority by the highest score; reverse flips it. All zero: unchanged,
// or max_priority everywhere when reversed.
// Example: {1, 2, 4}, reverse = false => {25, 50, 100}; reverse = true =>
// {75, 50, 0}.
KUBESIM_DECL void default_normalize_score(std::int64_t max_priority, bool reverse, std::vector<std::int64_t>& scores);

// default_normalize_score with framework.MaxNodeScore.
inline void normalize(std::vector<std::int64_t>& scores, bool reverse) {
    default_normalize_score(max_node_score, reverse, scores);
}

// ---------------------------------------------------------------------------
// FitError.Error()

// The FailedScheduling message of the default scheduler when no node fits and
// preemption finds nothing: FitError.Error() = "0/N nodes are available: " +
// sorted "count reason" histogram + "." + " " + the PostFilter message, which
// DefaultPreemption words "preemption: " + a second FitError over the same
// nodes: a node rejected only by NodeResourcesFit gets "No preemption victims
// found for incoming pod" (no lower-priority pods to evict: kubesim has no
// victims to offer), any other node "Preemption is not helpful for scheduling".
// Because each node reports the reasons of the first plugin that rejects it,
// and every plugin here but NodeResourcesFit gives one reason, the nodes where
// preemption is not helpful are exactly the sum of the non-resource counts.
// Example: 3 nodes, {"Insufficient cpu": 3} =>
//   "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are
//    available: 3 No preemption victims found for incoming pod."
// With no nodes at all upstream prints "no nodes available to schedule pods".
[[nodiscard]] KUBESIM_DECL std::string fit_error_message(int num_nodes,
                                                         const std::map<std::string, int>& reason_counts);

}  // namespace kubesim::controllers::scheduler

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/scheduler/plugins.ipp>
#endif
