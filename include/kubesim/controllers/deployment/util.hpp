// Helpers of the Deployment controller, modelled on upstream
// pkg/controller/deployment/util/deployment_util.go (annotations, revisions,
// maxSurge/maxUnavailable, proportions, conditions, new/old ReplicaSets,
// completeness, progress and timeout), the ReplicaSet orderings and filters of
// pkg/controller/controller_utils.go (ReplicaSetsByCreationTimestamp,
// ReplicaSetsBySizeOlder/Newer, FilterActiveReplicaSets) and ComputeHash.
//
// ComputeHash: upstream hashes a go-spew deep print of the pod template with
// FNV-32a. We cannot reproduce spew's output, so the template is fed to FNV-32a
// through a canonical binary encoding of our own (every field, in declaration
// order, strings and lists length-prefixed, optionals with a presence byte).
// The collisionCount and SafeEncodeString steps are upstream's, so names look
// like upstream's ("web-5d4f7b9c86"), but the hash of a given template differs
// from what a real cluster computes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>
#include <kubesim/result.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::controllers::deployment {

using rs_ptr = std::shared_ptr<const api::replica_set>;
using rs_list = std::vector<rs_ptr>;

// ---- names -------------------------------------------------------------------

inline constexpr std::string_view revision_annotation = "deployment.kubernetes.io/revision";
inline constexpr std::string_view revision_history_annotation = "deployment.kubernetes.io/revision-history";
inline constexpr std::string_view desired_replicas_annotation = "deployment.kubernetes.io/desired-replicas";
inline constexpr std::string_view max_replicas_annotation = "deployment.kubernetes.io/max-replicas";
inline constexpr std::string_view last_applied_config_annotation = "kubectl.kubernetes.io/last-applied-configuration";
inline constexpr std::string_view deprecated_rollback_to = "deprecated.deployment.rollback.to";
// apps.DefaultDeploymentUniqueLabelKey
inline constexpr std::string_view default_deployment_unique_label_key = "pod-template-hash";

inline constexpr std::string_view rolling_update_deployment_strategy_type = "RollingUpdate";
inline constexpr std::string_view recreate_deployment_strategy_type = "Recreate";

inline constexpr std::string_view deployment_available_type = "Available";
inline constexpr std::string_view deployment_progressing_type = "Progressing";
inline constexpr std::string_view deployment_replica_failure_type = "ReplicaFailure";
inline constexpr std::string_view replica_set_replica_failure_type = "ReplicaFailure";

// Progressing reasons
inline constexpr std::string_view replica_set_updated_reason = "ReplicaSetUpdated";
inline constexpr std::string_view failed_rs_create_reason = "ReplicaSetCreateError";
inline constexpr std::string_view new_replica_set_reason = "NewReplicaSetCreated";
inline constexpr std::string_view found_new_rs_reason = "FoundNewReplicaSet";
inline constexpr std::string_view new_rs_available_reason = "NewReplicaSetAvailable";
inline constexpr std::string_view timed_out_reason = "ProgressDeadlineExceeded";
inline constexpr std::string_view paused_deploy_reason = "DeploymentPaused";
inline constexpr std::string_view resumed_deploy_reason = "DeploymentResumed";
// Available reasons
inline constexpr std::string_view minimum_replicas_available = "MinimumReplicasAvailable";
inline constexpr std::string_view minimum_replicas_unavailable = "MinimumReplicasUnavailable";

// ---- small accessors ---------------------------------------------------------

// *(x.Spec.Replicas): the store defaults a missing value to 1.
template <class T>
[[nodiscard]] std::int32_t spec_replicas(const T& x) {
    return x.spec.replicas.value_or(1);
}

[[nodiscard]] KUBESIM_DECL std::optional<std::int64_t> parse_int64(std::string_view s);

[[nodiscard]] KUBESIM_DECL std::string annotation(const api::object_meta& m, std::string_view key);

// ---- conditions --------------------------------------------------------------

[[nodiscard]] KUBESIM_DECL api::deployment_condition new_deployment_condition(std::string_view type,
                                                                              std::string_view status,
                                                                              std::string_view reason,
                                                                              std::string message, sim::time_point now);

[[nodiscard]] KUBESIM_DECL const api::deployment_condition* get_deployment_condition(const api::deployment_status& s,
                                                                                     std::string_view type);

KUBESIM_DECL void remove_deployment_condition(api::deployment_status& s, std::string_view type);

// SetDeploymentCondition: nothing happens when a condition of that type already
// has the same status and reason; otherwise it replaces the old one (moving to
// the end), keeping lastTransitionTime if the status did not change.
KUBESIM_DECL void set_deployment_condition(api::deployment_status& s, api::deployment_condition c);

[[nodiscard]] KUBESIM_DECL api::deployment_condition replica_set_to_deployment_condition(
    const api::replica_set_condition& c);

// ---- revisions and annotations ---------------------------------------------------

// SetDeploymentRevision
KUBESIM_DECL bool set_deployment_revision(api::deployment& d, const std::string& revision);

// Revision: the revision annotation, 0 when absent, nullopt when unparsable.
[[nodiscard]] KUBESIM_DECL std::optional<std::int64_t> revision(const api::object_meta& m);

// MaxRevision: the highest parsable revision (0 for none).
[[nodiscard]] KUBESIM_DECL std::int64_t max_revision(const rs_list& all);

// LastRevision: the second highest revision.
[[nodiscard]] KUBESIM_DECL std::int64_t last_revision(const rs_list& all);

// annotationsToSkip: never copied from a Deployment to its ReplicaSets (or back
// on rollback).
[[nodiscard]] KUBESIM_DECL bool skip_copy_annotation(std::string_view key);

// copyDeploymentAnnotationsToReplicaSet
KUBESIM_DECL bool copy_deployment_annotations_to_replica_set(const api::deployment& d, api::replica_set& rs);

// getSkippedAnnotations
[[nodiscard]] KUBESIM_DECL std::map<std::string, std::string> get_skipped_annotations(
    const std::map<std::string, std::string>& annotations);

// SetDeploymentAnnotationsTo: the Deployment takes the ReplicaSet's annotations,
// keeping its own skipped ones.
KUBESIM_DECL void set_deployment_annotations_to(api::deployment& d, const api::replica_set& rollback_to);

[[nodiscard]] KUBESIM_DECL std::optional<std::int32_t> get_int_from_annotation(const api::replica_set& rs,
                                                                               std::string_view key);
// GetDesiredReplicasAnnotation
[[nodiscard]] inline std::optional<std::int32_t> get_desired_replicas_annotation(const api::replica_set& rs) {
    return get_int_from_annotation(rs, desired_replicas_annotation);
}
// getMaxReplicasAnnotation
[[nodiscard]] inline std::optional<std::int32_t> get_max_replicas_annotation(const api::replica_set& rs) {
    return get_int_from_annotation(rs, max_replicas_annotation);
}

// SetReplicasAnnotations
KUBESIM_DECL bool set_replicas_annotations(api::replica_set& rs, std::int32_t desired, std::int32_t max);

// ReplicasAnnotationsNeedUpdate
[[nodiscard]] KUBESIM_DECL bool replicas_annotations_need_update(const api::replica_set& rs, std::int32_t desired,
                                                                 std::int32_t max);

// ---- maxSurge / maxUnavailable ---------------------------------------------------

[[nodiscard]] inline bool is_rolling_update(const api::deployment& d) {
    return d.spec.strategy.type == rolling_update_deployment_strategy_type;
}

// ResolveFenceposts: maxSurge rounds up, maxUnavailable rounds down, both of
// `desired`; when both come out 0, maxUnavailable becomes 1 (surge might be
// blocked by quota, so something must be allowed to move). For example, with
// 10 replicas and 25%/25%: surge ceil(2.5) = 3, unavailable floor(2.5) = 2;
// with 1 replica and 25%/25%: surge 1, unavailable 0; with 2 replicas, surge 0%
// and unavailable 1%: both 0, so unavailable 1.
[[nodiscard]] KUBESIM_DECL result<std::pair<std::int32_t, std::int32_t>> resolve_fenceposts(
    const std::optional<api::int_or_string>& max_surge, const std::optional<api::int_or_string>& max_unavailable,
    std::int32_t desired);

// MaxUnavailable: 0 unless rolling; never more than the replicas.
[[nodiscard]] KUBESIM_DECL std::int32_t max_unavailable(const api::deployment& d);

// MinAvailable
[[nodiscard]] KUBESIM_DECL std::int32_t min_available(const api::deployment& d);

// MaxSurge: 0 unless rolling.
[[nodiscard]] KUBESIM_DECL std::int32_t max_surge(const api::deployment& d);

// ---- ReplicaSet orderings and filters (controller_utils.go) --------------------------

[[nodiscard]] inline sim::time_point creation_of(const api::replica_set& rs) {
    return rs.metadata.creation_timestamp.value_or(sim::time_point{});
}

// ReplicaSetsByCreationTimestamp: oldest first, then by name.
struct replica_sets_by_creation_timestamp {
    KUBESIM_DECL bool operator()(const rs_ptr& a, const rs_ptr& b) const;
};

// ReplicaSetsBySizeOlder: larger first; among equal sizes older first.
struct replica_sets_by_size_older {
    KUBESIM_DECL bool operator()(const rs_ptr& a, const rs_ptr& b) const;
};

// ReplicaSetsBySizeNewer: larger first; among equal sizes newer first.
struct replica_sets_by_size_newer {
    KUBESIM_DECL bool operator()(const rs_ptr& a, const rs_ptr& b) const;
};

// ReplicaSetsByRevision: by revision, creation timestamp (then name) breaking
// ties and standing in for unparsable revisions.
struct replica_sets_by_revision {
    KUBESIM_DECL bool operator()(const rs_ptr& a, const rs_ptr& b) const;
};

// FilterActiveReplicaSets: non-nil with spec.replicas > 0, order kept.
[[nodiscard]] KUBESIM_DECL rs_list filter_active_replica_sets(const rs_list& rss);

template <class Pred>
[[nodiscard]] rs_list filter_replica_sets(const rs_list& rss, Pred pred) {
    rs_list out;
    for (const auto& rs : rss)
        if (pred(rs)) out.push_back(rs);
    return out;
}

// ---- counts ------------------------------------------------------------------------

// The sum of one count over the ReplicaSets (null entries skipped).
template <class Count>
[[nodiscard]] std::int32_t sum_over_replica_sets(const rs_list& rss, Count count) {
    std::int32_t n = 0;
    for (const auto& rs : rss)
        if (rs) n += count(*rs);
    return n;
}
// GetReplicaCountForReplicaSets: sum of spec.replicas.
[[nodiscard]] KUBESIM_DECL std::int32_t get_replica_count_for_replica_sets(const rs_list& rss);
// GetActualReplicaCountForReplicaSets: sum of status.replicas.
[[nodiscard]] KUBESIM_DECL std::int32_t get_actual_replica_count_for_replica_sets(const rs_list& rss);
// GetReadyReplicaCountForReplicaSets
[[nodiscard]] KUBESIM_DECL std::int32_t get_ready_replica_count_for_replica_sets(const rs_list& rss);
// GetAvailableReplicaCountForReplicaSets
[[nodiscard]] KUBESIM_DECL std::int32_t get_available_replica_count_for_replica_sets(const rs_list& rss);

// ---- proportions ---------------------------------------------------------------------

// integer.RoundToInt32: halves away from zero.
[[nodiscard]] inline std::int32_t round_to_int32(double a) {
    return static_cast<std::int32_t>(a < 0 ? a - 0.5 : a + 0.5);
}

// getReplicaSetFraction: how many replicas rs should gain (or lose) so that it
// keeps its share when the Deployment's size changes. Its share is measured
// against the max-replicas annotation (replicas + maxSurge when last scaled).
// Example: replicas 10 -> 15 with maxSurge 3; an RS of 8 annotated 13 becomes
// round(8 * 18 / 13) = round(11.08) = 11, a fraction of +3.
[[nodiscard]] KUBESIM_DECL std::int32_t get_replica_set_fraction(const api::replica_set& rs, const api::deployment& d);

// GetProportion: the fraction, capped by what is left to add (or remove).
[[nodiscard]] KUBESIM_DECL std::int32_t get_proportion(const api::replica_set* rs, const api::deployment& d,
                                                       std::int32_t to_add, std::int32_t added);

// ---- templates and the new/old ReplicaSets ------------------------------------------------

// EqualIgnoreHash: equal pod templates, ignoring the pod-template-hash label.
[[nodiscard]] KUBESIM_DECL bool equal_ignore_hash(const api::pod_template_spec& a, const api::pod_template_spec& b);

// FindNewReplicaSet: the oldest ReplicaSet whose template equals the
// Deployment's (sorts `rss` by creation, as upstream does to its slice).
[[nodiscard]] KUBESIM_DECL rs_ptr find_new_replica_set(const api::deployment& d, rs_list& rss);

// FindOldReplicaSets: {old ones with replicas, all old ones}.
[[nodiscard]] KUBESIM_DECL std::pair<rs_list, rs_list> find_old_replica_sets(const api::deployment& d, rs_list& rss);

// FindActiveOrLatest: the only active ReplicaSet, or the newest one when none
// is active; nullptr when several are active. Sorts old_rss newest first.
[[nodiscard]] KUBESIM_DECL rs_ptr find_active_or_latest(const rs_ptr& new_rs, rs_list& old_rss);

// SetFromReplicaSetTemplate: the Deployment takes the template, minus the hash label.
KUBESIM_DECL void set_from_replica_set_template(api::deployment& d, const api::pod_template_spec& t);

// SetNewReplicaSetAnnotations: copies the Deployment's annotations, raises the
// revision to new_revision (remembering a superseded one in revision-history,
// at most limit_chars long) and, for a ReplicaSet about to be created, sets
// desired/max replicas. True if anything changed.
KUBESIM_DECL bool set_new_replica_set_annotations(const api::deployment& d, api::replica_set& rs,
                                                  const std::string& new_revision, bool exists, std::size_t limit_chars);

// ---- rollout state -----------------------------------------------------------------------

// HasProgressDeadline: set and not MaxInt32.
[[nodiscard]] KUBESIM_DECL bool has_progress_deadline(const api::deployment& d);
// HasRevisionHistoryLimit: set and not MaxInt32.
[[nodiscard]] KUBESIM_DECL bool has_revision_history_limit(const api::deployment& d);

// DeploymentComplete: every desired replica updated and available, nothing
// else running, and the latest generation observed.
[[nodiscard]] KUBESIM_DECL bool deployment_complete(const api::deployment& d, const api::deployment_status& s);

// DeploymentProgressing: compared with the status the Deployment has now, more
// updated, ready or available replicas, or fewer old ones.
[[nodiscard]] KUBESIM_DECL bool deployment_progressing(const api::deployment& d, const api::deployment_status& s);

// DeploymentTimedOut: the Progressing condition says it already timed out, or
// its lastUpdateTime is more than progressDeadlineSeconds ago. A completed
// rollout (NewReplicaSetAvailable) never times out.
[[nodiscard]] KUBESIM_DECL bool deployment_timed_out(const api::deployment& d, const api::deployment_status& s,
                                                     sim::time_point now);

// NewRSNewReplicas: what the new ReplicaSet may grow to. Rolling: up to
// replicas + maxSurge pods in all, never beyond replicas. Recreate: replicas.
[[nodiscard]] KUBESIM_DECL result<std::int32_t> new_rs_new_replicas(const api::deployment& d, const rs_list& all,
                                                                    const api::replica_set& new_rs);

// IsSaturated: the new ReplicaSet has, wants and has available all the replicas.
[[nodiscard]] KUBESIM_DECL bool is_saturated(const api::deployment& d, const api::replica_set* rs);

// ---- ComputeHash -------------------------------------------------------------------------

// rand.SafeEncodeString: each byte mapped into an alphabet without vowels (and
// without the look-alikes 0, 1, 3), so generated names never spell words.
[[nodiscard]] KUBESIM_DECL std::string safe_encode_string(std::string_view s);

// ComputeHash: FNV-32a of the template (see the header comment) and, when set,
// of the collision count as 8 little-endian bytes; the decimal of the sum,
// safe-encoded: a sum of 1234567890 names the ReplicaSet of "web" "web-56789bcdf4".
[[nodiscard]] KUBESIM_DECL std::string compute_hash(const api::pod_template_spec& t,
                                                    const std::optional<std::int32_t>& collision_count);

}  // namespace kubesim::controllers::deployment

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/deployment/util.ipp>
#endif
