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

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/meta.hpp>

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

namespace detail {

inline std::int64_t request_milli_cpu(const api::container& c, bool non_missing) {
    const auto it = c.resources.requests.find("cpu");
    if (it != c.resources.requests.end()) return it->second.milli_value();
    return non_missing ? default_milli_cpu_request : 0;
}

inline std::int64_t request_memory(const api::container& c, bool non_missing) {
    const auto it = c.resources.requests.find("memory");
    if (it != c.resources.requests.end()) return it->second.value();
    return non_missing ? default_memory_request : 0;
}

inline void max_into(resource_request& into, const resource_request& r) {
    into.milli_cpu = std::max(into.milli_cpu, r.milli_cpu);
    into.memory = std::max(into.memory, r.memory);
}

// resourcehelper.PodRequests: regular containers add up; init containers run
// one at a time, so their requirement is a max, except that restartable init
// containers (sidecars, restartPolicy: Always) keep running and accumulate,
// both into the pod total and under every later init container.
// Example: containers 100m + 200m, init 500m => max(300m, 500m) = 500m.
inline resource_request pod_requests(const api::pod& pod, bool non_missing) {
    resource_request reqs{};
    for (const auto& c : pod.spec.containers) {
        reqs.milli_cpu += request_milli_cpu(c, non_missing);
        reqs.memory += request_memory(c, non_missing);
    }
    resource_request restartable{};
    resource_request init{};
    for (const auto& c : pod.spec.init_containers) {
        const resource_request cr{request_milli_cpu(c, non_missing), request_memory(c, non_missing)};
        if (c.restart_policy && *c.restart_policy == "Always") {
            reqs.milli_cpu += cr.milli_cpu;
            reqs.memory += cr.memory;
            restartable.milli_cpu += cr.milli_cpu;
            restartable.memory += cr.memory;
            max_into(init, restartable);
        } else {
            max_into(init, resource_request{cr.milli_cpu + restartable.milli_cpu, cr.memory + restartable.memory});
        }
    }
    max_into(reqs, init);
    return reqs;
}

inline bool contains(const std::vector<std::string>& values, const std::string& v) {
    return std::find(values.begin(), values.end(), v) != values.end();
}

// strconv.ParseInt(s, 10, 64) as labels.Requirement does for Gt/Lt.
inline std::optional<std::int64_t> parse_int64(std::string_view s) { return api::field::parse_int64(s); }

}  // namespace detail

// Requests used by NodeResourcesFit and the cache's Requested.
[[nodiscard]] inline resource_request pod_requests(const api::pod& pod) {
    return detail::pod_requests(pod, false);
}

// Requests used for scoring (NonZeroRequested): a container that does not set
// cpu (memory) counts as 100m (200Mi), as upstream's NonMissingContainerRequests.
[[nodiscard]] inline resource_request pod_non_zero_requests(const api::pod& pod) {
    return detail::pod_requests(pod, true);
}

// NodeInfo.AddPod / RemovePod for the fields kept here.
inline void add_pod(node_info& ni, const api::pod& pod) {
    const auto r = pod_requests(pod);
    const auto nz = pod_non_zero_requests(pod);
    ni.requested_milli_cpu += r.milli_cpu;
    ni.requested_memory += r.memory;
    ni.non_zero_requested_milli_cpu += nz.milli_cpu;
    ni.non_zero_requested_memory += nz.memory;
    ++ni.pod_count;
}

inline void remove_pod(node_info& ni, const api::pod& pod) {
    const auto r = pod_requests(pod);
    const auto nz = pod_non_zero_requests(pod);
    ni.requested_milli_cpu -= r.milli_cpu;
    ni.requested_memory -= r.memory;
    ni.non_zero_requested_milli_cpu -= nz.milli_cpu;
    ni.non_zero_requested_memory -= nz.memory;
    --ni.pod_count;
}

// ---------------------------------------------------------------------------
// Tolerations (core/v1 toleration.go, component-helpers corev1 helpers.go)

// Toleration.ToleratesTaint: an empty effect matches every effect, an empty key
// matches every key (meaningful with Exists: tolerate everything); Equal (or
// no operator) compares values, Exists ignores them; other operators never match.
[[nodiscard]] inline bool tolerates_taint(const api::toleration& t, const api::taint& taint) {
    if (!t.effect.empty() && t.effect != taint.effect) return false;
    if (!t.key.empty() && t.key != taint.key) return false;
    if (t.operator_.empty() || t.operator_ == "Equal") return t.value == taint.value;
    return t.operator_ == "Exists";
}

// TolerationsTolerateTaint
[[nodiscard]] inline bool tolerations_tolerate_taint(const std::vector<api::toleration>& tolerations,
                                                     const api::taint& taint) {
    for (const auto& t : tolerations)
        if (tolerates_taint(t, taint)) return true;
    return false;
}

// FindMatchingUntoleratedTaint with DoNotScheduleTaintsFilterFunc: the first
// NoSchedule or NoExecute taint (in node order) that no toleration tolerates.
[[nodiscard]] inline const api::taint* find_matching_untolerated_taint(
    const std::vector<api::taint>& taints, const std::vector<api::toleration>& tolerations) {
    for (const auto& taint : taints) {
        if (taint.effect != "NoSchedule" && taint.effect != "NoExecute") continue;
        if (!tolerations_tolerate_taint(tolerations, taint)) return &taint;
    }
    return nullptr;
}

// ---------------------------------------------------------------------------
// Node selector matching (component-helpers scheduling/corev1/nodeaffinity)

// One matchExpressions requirement against node labels (labels.Requirement).
// A malformed requirement (In/NotIn without values, Exists/DoesNotExist with
// values, Gt/Lt without exactly one integer value, unknown operator) fails to
// parse upstream and the term containing it matches nothing: here it is false.
// Gt/Lt compare integers: node label "5" matches Gt ["4"]; a non-integer label
// value matches neither.
[[nodiscard]] inline bool match_node_selector_requirement(const api::node_selector_requirement& r,
                                                          const std::map<std::string, std::string>& labels) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    if (r.operator_ == "In") {
        if (r.values.empty()) return false;
        return has && detail::contains(r.values, it->second);
    }
    if (r.operator_ == "NotIn") {
        if (r.values.empty()) return false;
        return !has || !detail::contains(r.values, it->second);
    }
    if (r.operator_ == "Exists") return r.values.empty() && has;
    if (r.operator_ == "DoesNotExist") return r.values.empty() && !has;
    if (r.operator_ == "Gt" || r.operator_ == "Lt") {
        if (r.values.size() != 1) return false;
        const auto want = detail::parse_int64(r.values[0]);
        if (!want || !has) return false;
        const auto got = detail::parse_int64(it->second);
        if (!got) return false;
        return r.operator_ == "Gt" ? *got > *want : *got < *want;
    }
    return false;
}

// One matchFields requirement: only metadata.name is a node field; In and NotIn
// take exactly one value (nodeSelectorRequirementsAsFieldSelector).
[[nodiscard]] inline bool match_node_field_requirement(const api::node_selector_requirement& r,
                                                       const api::node& node) {
    if (r.values.size() != 1) return false;
    const std::string field_value = r.key == "metadata.name" ? node.metadata.name : std::string{};
    if (r.operator_ == "In") return field_value == r.values[0];
    if (r.operator_ == "NotIn") return field_value != r.values[0];
    return false;
}

// A term ANDs its requirements; an empty term matches nothing.
[[nodiscard]] inline bool match_node_selector_term(const api::node_selector_term& term, const api::node& node) {
    if (term.match_expressions.empty() && term.match_fields.empty()) return false;
    for (const auto& r : term.match_expressions)
        if (!match_node_selector_requirement(r, node.metadata.labels)) return false;
    for (const auto& r : term.match_fields)
        if (!match_node_field_requirement(r, node)) return false;
    return true;
}

// Terms are ORed.
[[nodiscard]] inline bool match_node_selector_terms(const api::node_selector& sel, const api::node& node) {
    for (const auto& term : sel.node_selector_terms)
        if (match_node_selector_term(term, node)) return true;
    return false;
}

// GetRequiredNodeAffinity(pod).Match(node): spec.nodeSelector (every key=value
// present) AND requiredDuringSchedulingIgnoredDuringExecution (if set).
[[nodiscard]] inline bool required_node_affinity_matches(const api::pod& pod, const api::node& node) {
    for (const auto& [k, v] : pod.spec.node_selector) {
        const auto it = node.metadata.labels.find(k);
        if (it == node.metadata.labels.end() || it->second != v) return false;
    }
    if (pod.spec.affinity && pod.spec.affinity->node_affinity &&
        pod.spec.affinity->node_affinity->required_during_scheduling_ignored_during_execution)
        return match_node_selector_terms(
            *pod.spec.affinity->node_affinity->required_during_scheduling_ignored_during_execution, node);
    return true;
}

// ---------------------------------------------------------------------------
// Filters: std::nullopt = the node passes; otherwise the FailedScheduling reason.

// NodeName: the pod names no node, or this one.
[[nodiscard]] inline std::optional<std::string> node_name_filter(const api::pod& pod, const node_info& ni) {
    if (pod.spec.node_name.empty() || pod.spec.node_name == ni.node->metadata.name) return std::nullopt;
    return std::string(err_reason_node_name);
}

// NodeUnschedulable: spec.unschedulable rejects pods unless they tolerate
// node.kubernetes.io/unschedulable:NoSchedule.
[[nodiscard]] inline std::optional<std::string> node_unschedulable_filter(const api::pod& pod, const node_info& ni) {
    if (!ni.unschedulable) return std::nullopt;
    const api::taint t{std::string(taint_node_unschedulable), {}, "NoSchedule", std::nullopt};
    if (tolerations_tolerate_taint(pod.spec.tolerations, t)) return std::nullopt;
    return std::string(err_reason_unschedulable);
}

// NodeAffinity: nodeSelector and required node affinity.
[[nodiscard]] inline std::optional<std::string> node_affinity_filter(const api::pod& pod, const node_info& ni) {
    if (required_node_affinity_matches(pod, *ni.node)) return std::nullopt;
    return std::string(err_reason_node_affinity);
}

// TaintToleration: every NoSchedule / NoExecute taint must be tolerated.
[[nodiscard]] inline std::optional<std::string> taint_toleration_filter(const api::pod& pod, const node_info& ni) {
    if (!ni.tainted) return std::nullopt;
    if (!find_matching_untolerated_taint(ni.node->spec.taints, pod.spec.tolerations)) return std::nullopt;
    return std::string(err_reason_untolerated_taint);
}

// The taint the node lifecycle controller would put on this node because of its
// Ready condition: none when Ready=True, not-ready when False, unreachable when
// Unknown or missing (TaintNodesByCondition, effect NoSchedule).
[[nodiscard]] inline std::optional<api::taint> readiness_taint(const api::node& node) {
    for (const auto& c : node.status.conditions) {
        if (c.type != "Ready") continue;
        if (c.status == "True") return std::nullopt;
        if (c.status == "False") return api::taint{std::string(taint_node_not_ready), {}, "NoSchedule", std::nullopt};
        break;
    }
    return api::taint{std::string(taint_node_unreachable), {}, "NoSchedule", std::nullopt};
}

// Node readiness (see the header comment): a node whose Ready condition is not
// True is rejected like a node carrying the matching not-ready / unreachable
// NoSchedule taint, with TaintToleration's reason; a pod tolerating that taint
// (DaemonSet pods do) passes.
[[nodiscard]] inline std::optional<std::string> node_ready_filter(const api::pod& pod, const node_info& ni) {
    if (ni.ready) return std::nullopt;
    const auto t = readiness_taint(*ni.node);
    if (!t || tolerations_tolerate_taint(pod.spec.tolerations, *t)) return std::nullopt;
    return std::string(err_reason_untolerated_taint);
}

namespace detail {

inline std::int64_t allocatable(const api::node& node, const char* name, bool milli) {
    const auto it = node.status.allocatable.find(name);
    if (it == node.status.allocatable.end()) return 0;
    return milli ? it->second.milli_value() : it->second.value();
}

}  // namespace detail

// Points ni at node n and derives what the plugins read from it.
inline void set_node(node_info& ni, const api::node* n) {
    ni.node = n;
    if (!n) return;
    ni.allocatable_milli_cpu = detail::allocatable(*n, "cpu", true);
    ni.allocatable_memory = detail::allocatable(*n, "memory", false);
    ni.allocatable_pods = detail::allocatable(*n, "pods", false);
    ni.ready = !readiness_taint(*n);
    ni.unschedulable = n->spec.unschedulable;
    ni.tainted = !n->spec.taints.empty();
}

// NodeResourcesFit (fitsRequest): pods, then cpu, then memory; a node can fail
// several at once, and all reasons are returned (empty = fits). A pod that
// requests no cpu and no memory is only checked against the pod count.
// Example: allocatable cpu 2, requested 1500m, pod asks 600m => 600 > 500:
// "Insufficient cpu".
// req: the pod's pod_requests, when the caller has them already.
[[nodiscard]] inline std::vector<std::string> node_resources_fit_filter(const api::pod& pod, const node_info& ni,
                                                                       const resource_request* req = nullptr) {
    std::vector<std::string> reasons;
    if (static_cast<std::int64_t>(ni.pod_count) + 1 > ni.allocatable_pods)
        reasons.emplace_back(err_reason_too_many_pods);
    const resource_request r = req ? *req : pod_requests(pod);
    if (r.milli_cpu == 0 && r.memory == 0) return reasons;
    if (r.milli_cpu > 0 && r.milli_cpu > ni.allocatable_milli_cpu - ni.requested_milli_cpu)
        reasons.emplace_back(err_reason_insufficient_cpu);
    if (r.memory > 0 && r.memory > ni.allocatable_memory - ni.requested_memory)
        reasons.emplace_back(err_reason_insufficient_memory);
    return reasons;
}

// RunFilterPlugins in the default profile's order (NodeUnschedulable, NodeName,
// TaintToleration with node readiness folded in, NodeAffinity,
// NodeResourcesFit): upstream stops at the first plugin that rejects the node,
// so a node reports that plugin's reasons only. Empty = the node is feasible.
// req: the pod's pod_requests, when the caller has them already.
[[nodiscard]] inline std::vector<std::string> run_filter_plugins(const api::pod& pod, const node_info& ni,
                                                                 const resource_request* req = nullptr) {
    using filter = std::optional<std::string> (*)(const api::pod&, const node_info&);
    constexpr filter single[] = {node_unschedulable_filter, node_name_filter, taint_toleration_filter,
                                 node_ready_filter, node_affinity_filter};
    for (const auto f : single)
        if (auto r = f(pod, ni)) return {std::move(*r)};
    return node_resources_fit_filter(pod, ni, req);
}

// Whether preemption could help a node that failed with these reasons
// (nodesWherePreemptionMightHelp): only NodeResourcesFit's reasons are
// Unschedulable; the other filters here are UnschedulableAndUnresolvable.
[[nodiscard]] inline bool reason_is_resolvable(std::string_view reason) {
    return reason == err_reason_too_many_pods || reason.substr(0, 13) == "Insufficient ";
}

// ---------------------------------------------------------------------------
// Scores (raw; normalise across the feasible nodes where the plugin does)

// leastRequestedScore: ((capacity - requested) * 100) / capacity, 0 when the
// node has no capacity or is over-committed.
[[nodiscard]] inline std::int64_t least_requested_score(std::int64_t requested, std::int64_t capacity) {
    if (capacity == 0 || requested > capacity) return 0;
    return ((capacity - requested) * max_node_score) / capacity;
}

// NodeResourcesFit score, LeastAllocated strategy, cpu and memory weight 1:
// requested = node's non-zero requested + the pod's non-zero requests;
// score = sum(resource score * weight) / sum(weight), integer division,
// skipping a resource the node has none of.
// Example: cpu 4000m, 1000m used + 1000m asked => 50; memory 8Gi, 2Gi + 2Gi =>
// 50; score (50 + 50) / 2 = 50.
// nz: the pod's pod_non_zero_requests, when the caller has them already.
[[nodiscard]] inline std::int64_t least_allocated_score(const api::pod& pod, const node_info& ni,
                                                        const resource_request* nz = nullptr) {
    const resource_request req = nz ? *nz : pod_non_zero_requests(pod);
    const std::int64_t alloc[2] = {ni.allocatable_milli_cpu, ni.allocatable_memory};
    const std::int64_t requested[2] = {ni.non_zero_requested_milli_cpu + req.milli_cpu,
                                       ni.non_zero_requested_memory + req.memory};
    std::int64_t node_score = 0;
    std::int64_t weight_sum = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        if (alloc[i] == 0) continue;
        node_score += least_requested_score(requested[i], alloc[i]) * 1;
        weight_sum += 1;
    }
    return weight_sum == 0 ? 0 : node_score / weight_sum;
}

// Spreading score, in the spirit of SelectorSpread (and PodTopologySpread's
// default constraints at node level): the raw score is the number of pods on
// the node, in the pod's namespace and not being deleted, that have the same
// controller owner (same uid) as the pod. Normalise with reverse = true:
// score = 100 - 100 * count / max_count (100 everywhere when max_count is 0).
// Example: counts {0, 1, 2} => {100, 50, 0}. A pod without a controller owner
// counts 0 everywhere (spreading does not apply).
[[nodiscard]] inline std::int64_t selector_spread_score(const api::pod& pod,
                                                        const std::vector<const api::pod*>& pods_on_node) {
    const auto* owner = api::controller_of(pod.metadata);
    if (!owner) return 0;
    std::int64_t count = 0;
    for (const auto* p : pods_on_node) {
        if (!p || p->metadata.namespace_ != pod.metadata.namespace_ || p->metadata.deletion_timestamp) continue;
        const auto* o = api::controller_of(p->metadata);
        if (o && o->uid == owner->uid) ++count;
    }
    return count;
}

// NodeAffinity score: the sum of the weights of the preferred terms the node
// matches (normalise with reverse = false).
[[nodiscard]] inline std::int64_t node_affinity_score(const api::pod& pod, const node_info& ni) {
    if (!pod.spec.affinity || !pod.spec.affinity->node_affinity) return 0;
    std::int64_t score = 0;
    for (const auto& t : pod.spec.affinity->node_affinity->preferred_during_scheduling_ignored_during_execution) {
        if (t.weight == 0) continue;
        if (match_node_selector_term(t.preference, *ni.node)) score += t.weight;
    }
    return score;
}

// TaintToleration score: the number of PreferNoSchedule taints not tolerated by
// the pod's tolerations with effect PreferNoSchedule or empty (normalise with
// reverse = true: fewer intolerable taints => higher score).
[[nodiscard]] inline std::int64_t taint_toleration_score(const api::pod& pod, const node_info& ni) {
    if (!ni.tainted) return 0;
    std::vector<api::toleration> prefer;
    for (const auto& t : pod.spec.tolerations)
        if (t.effect.empty() || t.effect == "PreferNoSchedule") prefer.push_back(t);
    std::int64_t count = 0;
    for (const auto& taint : ni.node->spec.taints) {
        if (taint.effect != "PreferNoSchedule") continue;
        if (!tolerations_tolerate_taint(prefer, taint)) ++count;
    }
    return count;
}

// DefaultNormalizeScore(maxPriority, reverse, scores): scale to
// 0..max_priority by the highest score; reverse flips it. All zero: unchanged,
// or max_priority everywhere when reversed.
// Example: {1, 2, 4}, reverse = false => {25, 50, 100}; reverse = true =>
// {75, 50, 0}.
inline void default_normalize_score(std::int64_t max_priority, bool reverse, std::vector<std::int64_t>& scores) {
    std::int64_t max_count = 0;
    for (const auto s : scores) max_count = std::max(max_count, s);
    if (max_count == 0) {
        if (reverse)
            for (auto& s : scores) s = max_priority;
        return;
    }
    for (auto& s : scores) {
        s = max_priority * s / max_count;
        if (reverse) s = max_priority - s;
    }
}

// default_normalize_score with framework.MaxNodeScore.
inline void normalize(std::vector<std::int64_t>& scores, bool reverse) {
    default_normalize_score(max_node_score, reverse, scores);
}

// ---------------------------------------------------------------------------
// FitError.Error()

namespace detail {

// sortReasonsHistogram: "N reason" strings sorted as strings (so "10 x" sorts
// before "2 y", as upstream), joined by ", ".
inline std::string histogram(const std::map<std::string, int>& counts) {
    std::vector<std::string> parts;
    for (const auto& [reason, n] : counts)
        if (n > 0) parts.push_back(std::to_string(n) + " " + reason);
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += ", ";
        out += p;
    }
    return out;
}

inline std::string nodes_available(int num_nodes, const std::map<std::string, int>& counts) {
    std::string msg = "0/" + std::to_string(num_nodes) + " nodes are available:";
    const auto h = histogram(counts);
    if (!h.empty()) msg += " " + h + ".";
    return msg;
}

}  // namespace detail

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
[[nodiscard]] inline std::string fit_error_message(int num_nodes, const std::map<std::string, int>& reason_counts) {
    if (num_nodes == 0) return std::string(err_no_nodes_available);
    int not_helpful = 0;
    for (const auto& [reason, n] : reason_counts)
        if (!reason_is_resolvable(reason)) not_helpful += n;
    not_helpful = std::min(not_helpful, num_nodes);
    std::map<std::string, int> preemption;
    if (num_nodes - not_helpful > 0) preemption[std::string(err_reason_no_victims)] = num_nodes - not_helpful;
    if (not_helpful > 0) preemption[std::string(err_reason_preemption_not_helpful)] = not_helpful;
    return detail::nodes_available(num_nodes, reason_counts) + " preemption: " +
           detail::nodes_available(num_nodes, preemption);
}

}  // namespace kubesim::controllers::scheduler
