// ReplicaSet helpers, modelled on upstream pkg/controller/replicaset/replica_set_utils.go
// (calculateStatus, updateReplicaSetStatus, NewReplicaSetCondition, GetCondition,
// SetCondition, RemoveCondition), the pure parts of replica_set.go (slowStartBatch,
// getPodsToDelete, getPodsRankedByRelatedPodsOnSameNode, getPodKeys), and the
// deletion ranking of pkg/controller/controller_utils.go (ActivePodsWithRanks,
// afterOrZero, podReadyTime, logarithmicRankDiff, maxContainerRestarts) with
// pkg/apis/core/helper GetDeletionCostFromPodAnnotations.
//
// Differences from upstream, all about ordering and arithmetic:
//  - upstream sorts with Go's unstable sort.Sort, whose comparator is not a strict
//    weak order (the logarithmic buckets fall back to UID order, equal timestamps
//    do not); here a merge sort of our own orders the pods, so pods the comparator
//    cannot tell apart keep their (namespace, name) order, on every standard library;
//  - logarithmicRankDiff uses floor(log2(nanoseconds)) in integers where upstream
//    calls float math.Log2; the two agree except within a few nanoseconds of a
//    power of two beyond 2^48 ns (3 days).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>
#include <kubesim/result.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::store {
class object_store;
}  // namespace kubesim::store

namespace kubesim::controllers::replica_set {

using pod_ptr = std::shared_ptr<const api::pod>;
using replica_set_ptr = std::shared_ptr<const api::replica_set>;

// SlowStartInitialBatchSize (controller_utils.go).
inline constexpr int slow_start_initial_batch_size = 1;
// The number of times we retry updating a ReplicaSet's status (statusUpdateRetries).
inline constexpr int status_update_retries = 1;
// apps.ReplicaSetReplicaFailure
inline constexpr std::string_view replica_set_replica_failure = "ReplicaFailure";
// core.PodDeletionCost
inline constexpr std::string_view pod_deletion_cost = "controller.kubernetes.io/pod-deletion-cost";

// ---- slow start ----------------------------------------------------------------

// slowStartBatch calls fn `count` times in batches of 1, 2, 4, ... (starting at
// initial_batch_size). Upstream runs a batch's calls concurrently; here they run
// one after the other, and a batch is always finished even after a failure. If
// any call of a batch fails, the later batches are skipped. Returns the number
// of successful calls and the first error. Worked example, count 10: batches of
// 1, 2, 4 and the remaining 3; a failure in the batch of 2 makes 1 + 1 successes
// and the last 7 pods are never tried.
KUBESIM_DECL std::pair<int, std::optional<std::string>> slow_start_batch(
    int count, int initial_batch_size, const std::function<std::optional<std::string>()>& fn);

// ---- deletion ranking ------------------------------------------------------------

// GetDeletionCostFromPodAnnotations: the int32 value of
// controller.kubernetes.io/pod-deletion-cost; 0 when unset or invalid ("+1",
// "007", "1.5", out of the int32 range are all invalid).
[[nodiscard]] KUBESIM_DECL std::int32_t get_deletion_cost_from_pod_annotations(
    const std::map<std::string, std::string>& a);

// maxContainerRestarts
[[nodiscard]] KUBESIM_DECL std::int32_t max_container_restarts(const api::pod& p);

// podReadyTime: when the pod became ready; nullopt (Go's zero time) when it is
// not ready or the condition has no lastTransitionTime.
[[nodiscard]] KUBESIM_DECL std::optional<sim::time_point> pod_ready_time(const api::pod& p);

// afterOrZero: a zero (unset) time sorts first, otherwise the later time does.
[[nodiscard]] KUBESIM_DECL bool after_or_zero(const std::optional<sim::time_point>& t1,
                                              const std::optional<sim::time_point>& t2);

// logarithmicRankDiff: the difference of floor(log2(age in nanoseconds)) of two
// timestamps; an age of zero or less ranks -1. Pods whose ages are within the
// same power of two rank equal: at now = 100s, ages 40s and 60s (4e10 and 6e10
// ns, both in [2^35, 2^36)) are equal, 20s (in [2^34, 2^35)) ranks lower.
[[nodiscard]] KUBESIM_DECL std::int64_t logarithmic_rank_diff(sim::time_point t1, sim::time_point t2,
                                                              sim::time_point now);

// ActivePodsWithRanks: pods and their ranks (the number of related active pods
// on the same node), sorted so that the pods to prefer for deletion come first.
// Rules, each applied only when the earlier ones tie:
//  1. not assigned to a node before assigned;
//  2. phase Pending before Unknown before Running;
//  3. not ready before ready;
//  4. lower controller.kubernetes.io/pod-deletion-cost before higher;
//  5. higher rank (more related pods on the node) before lower;
//  6. both ready: ready for a shorter time before longer (in logarithmic buckets,
//     ties by UID);
//  7. more container restarts before fewer;
//  8. created more recently before older (logarithmic buckets, ties by UID).
struct active_pods_with_ranks {
    std::vector<pod_ptr> pods{};
    std::vector<int> rank{};
    // The reference time for the logarithmic comparisons; nullopt compares
    // timestamps directly (upstream's zero Now).
    std::optional<sim::time_point> now{};

    // Less: true when pod i should be deleted before pod j.
    [[nodiscard]] bool less(std::size_t i, std::size_t j) const { return less_keys(key_of(i), key_of(j)); }

    // sort.Sort(ActivePodsWithRanks), as a stable merge sort.
    KUBESIM_DECL void sort();

private:
    // What Less looks at, computed once per pod.
    struct key {
        const api::pod* pod{nullptr};
        int rank{0};
        int phase{0};
        bool ready{false};
        std::int32_t cost{0};
        std::optional<sim::time_point> ready_time{};
        std::int32_t restarts{0};
    };

    // podPhaseToOrdinal; any other phase (and none) counts as Pending.
    KUBESIM_DECL static int phase_ordinal(const std::string& phase);

    [[nodiscard]] KUBESIM_DECL key key_of(std::size_t i) const;

    [[nodiscard]] KUBESIM_DECL bool less_keys(const key& a, const key& b) const;
};

// getPodsRankedByRelatedPodsOnSameNode: ranks each pod by the number of active
// related pods on its node (related pods are usually a superset of the pods).
[[nodiscard]] KUBESIM_DECL active_pods_with_ranks get_pods_ranked_by_related_pods_on_same_node(
    std::vector<pod_ptr> pods_to_rank, const std::vector<pod_ptr>& related_pods, sim::time_point now);

// getPodsToDelete: the diff pods to delete first, preferring those in earlier
// phases of startup. No ranking is needed when all of them go.
[[nodiscard]] KUBESIM_DECL std::vector<pod_ptr> get_pods_to_delete(std::vector<pod_ptr> filtered_pods,
                                                                   const std::vector<pod_ptr>& related_pods, std::size_t diff,
                                                                   sim::time_point now);

// PodKey / getPodKeys: "namespace/name".
[[nodiscard]] inline std::string pod_key(const api::pod& p) { return p.metadata.namespace_ + "/" + p.metadata.name; }
[[nodiscard]] KUBESIM_DECL std::vector<std::string> get_pod_keys(const std::vector<pod_ptr>& pods);

// ---- conditions ----------------------------------------------------------------------

// NewReplicaSetCondition
[[nodiscard]] KUBESIM_DECL api::replica_set_condition new_replica_set_condition(std::string_view type,
                                                                                std::string status, std::string reason,
                                                                                std::string message,
                                                                                sim::time_point now);

// GetCondition
[[nodiscard]] KUBESIM_DECL const api::replica_set_condition* get_condition(const api::replica_set_status& s,
                                                                           std::string_view type);

// RemoveCondition (filterOutCondition)
KUBESIM_DECL void remove_condition(api::replica_set_status& s, std::string_view type);

// SetCondition: adds or replaces the condition, unless one of that type with the
// same status and reason is already there (its transition time then stays).
KUBESIM_DECL void set_condition(api::replica_set_status& s, api::replica_set_condition c);

// ---- status --------------------------------------------------------------------------

// calculateStatus: replicas are the active pods the ReplicaSet owns;
// fullyLabeledReplicas those that carry every label of the template; ready and
// available (ready for minReadySeconds) as the pods report. A manageReplicas
// error sets ReplicaFailure (reason FailedCreate when pods were missing,
// FailedDelete when there were too many) unless one is already set; a sync
// without error removes it. terminatingReplicas stays unset: it belongs to the
// DeploymentReplicaSetTerminatingReplicas feature, alpha and off in 1.33.
[[nodiscard]] KUBESIM_DECL api::replica_set_status calculate_status(const api::replica_set& rs,
                                                                    const std::vector<pod_ptr>& filtered_pods,
                                                                    const std::optional<std::string>& manage_replicas_err,
                                                                    sim::time_point now);

// updateReplicaSetStatus: writes the status (with observedGeneration set to the
// generation acted on) unless nothing changed; on a failed write it re-reads the
// ReplicaSet and tries once more. Returns the ReplicaSet as stored.
[[nodiscard]] KUBESIM_DECL result<replica_set_ptr> update_replica_set_status(store::object_store& s, replica_set_ptr rs,
                                                                             api::replica_set_status new_status);

}  // namespace kubesim::controllers::replica_set

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/replica_set/utils.ipp>
#endif
