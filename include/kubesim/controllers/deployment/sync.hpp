// Scaling, the new ReplicaSet, history clean-up and status of the Deployment
// controller, modelled on upstream pkg/controller/deployment/sync.go
// (syncStatusOnly, sync, checkPausedConditions, getAllReplicaSetsAndSyncRevision,
// getNewReplicaSet, scale, scaleReplicaSetAndRecordEvent, scaleReplicaSet,
// cleanupDeployment, syncDeploymentStatus, calculateStatus, isScalingEvent).
//
// The functions upstream defines on *DeploymentController are free functions
// here taking the controller's `context` first (the Go receiver `dc`); the
// rolling, recreate and progress headers add theirs the same way and
// controller.hpp ties them together. Each returns an `error` (empty on
// success) that the controller's handleErr turns into a rate-limited requeue.
//
// Differences from upstream:
//  - The status subresource of a Deployment also writes metadata.annotations
//    upstream (the revision annotation travels with UpdateStatus); this store's
//    status writes keep metadata, so a changed annotation is written first with
//    a plain update (update_deployment_status).
//  - After a status write the Deployment copy carries the new resourceVersion,
//    so a second status write in the same sync does not fail with Conflict and
//    cost a retry, as it does upstream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/deployment/util.hpp>
#include <kubesim/result.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::store {
class event_recorder;
}  // namespace kubesim::store

namespace kubesim::controllers {
class work_queue;
}  // namespace kubesim::controllers

namespace kubesim::controllers::deployment {

// A sync step's outcome: nothing, or the error that requeues the Deployment.
using error = std::optional<api::status>;

// What the sync functions need of the controller (upstream's receiver `dc`).
struct context {
    store::object_store& store;
    store::event_recorder& recorder;
    store::lister<api::replica_set> rs_lister;
    work_queue& queue;

    [[nodiscard]] sim::time_point now() const { return store.now(); }
};

// limit revision history length to 100 element (~2000 chars), as upstream
inline constexpr std::size_t max_rev_history_length_in_chars = 2000;

// An error that is not an API answer (upstream's fmt.Errorf).
[[nodiscard]] KUBESIM_DECL api::status controller_error(std::string message);

// errors.HasStatusCause(err, NamespaceTerminatingCause)
[[nodiscard]] KUBESIM_DECL bool has_namespace_terminating_cause(const api::status& s);

// ---- writes --------------------------------------------------------------------

// ReplicaSets(ns).Create, answering the stored snapshot itself.
KUBESIM_DECL result<rs_ptr> create_replica_set(context& dc, const api::replica_set& rs);

// ReplicaSets(ns).Update
KUBESIM_DECL result<rs_ptr> update_replica_set(context& dc, const api::replica_set& rs);

// Deployments(ns).UpdateStatus. A changed annotation (the revision) is written
// first by a plain update (see the header comment); either write fails with
// Conflict when d is stale. d takes the new resourceVersion.
KUBESIM_DECL error update_deployment_status(context& dc, api::deployment& d);

// ---- scaling ---------------------------------------------------------------------

struct scale_result {
    bool scaled{false};
    rs_ptr rs{};  // the updated ReplicaSet (the given one when nothing was written; null on error)
    error err{};
};

// scaleReplicaSet: writes the size and the desired/max-replicas annotations if
// either is out of date; a size change is reported as a ScalingReplicaSet
// event on the Deployment ("Scaled up replica set web-7d4b9 from 0 to 3").
KUBESIM_DECL scale_result scale_replica_set(context& dc, const rs_ptr& rs, std::int32_t new_scale,
                                            const api::deployment& d);

// scaleReplicaSetAndRecordEvent: nothing to do when the size is already right.
KUBESIM_DECL scale_result scale_replica_set_and_record_event(context& dc, const rs_ptr& rs, std::int32_t new_scale,
                                                             const api::deployment& d);

// ---- the new ReplicaSet and revisions -------------------------------------------------

// getNewReplicaSet: the ReplicaSet whose template is the Deployment's, its
// annotations and revision brought up to date (max old revision + 1), and the
// Deployment's revision annotation copied from it. When there is none and
// `create` is set, creates "<deployment>-<pod-template-hash>" sized by
// new_rs_new_replicas. A name taken by a ReplicaSet with another template is a
// hash collision: status.collisionCount goes up and the AlreadyExists error
// requeues the Deployment, whose next hash differs.
KUBESIM_DECL error get_new_replica_set(context& dc, api::deployment& d, const rs_list& rss, const rs_list& old_rss,
                                       bool create, rs_ptr& out);

// getAllReplicaSetsAndSyncRevision: the new ReplicaSet (created if asked and
// missing) and all the old ones.
KUBESIM_DECL error get_all_replica_sets_and_sync_revision(context& dc, api::deployment& d, const rs_list& rss,
                                                          bool create, rs_ptr& new_rs, rs_list& old_rss);

// ---- scale -------------------------------------------------------------------------

// scale: a scaling event (or a paused Deployment). One active ReplicaSet (or
// none: the newest) takes the whole size; a saturated new ReplicaSet scales the
// old ones to zero; otherwise, in a rolling update, the difference between
// replicas + maxSurge and what the active ReplicaSets have is shared out in
// proportion to their sizes, the rounding leftover going to the largest.
//
// Upstream's example: 10 replicas, maxSurge 3, mid-rollout at old 8 / new 5
// (13 = 10 + 3). Scaled to 15 the allowed total is 18, so 5 more are shared:
// old 8 * 18 / 13 = 11.08 -> 11 (+3), new 5 * 18 / 13 = 6.92 -> 7 (+2).
KUBESIM_DECL error scale(context& dc, const api::deployment& d, const rs_ptr& new_rs, rs_list& old_rss);

// ---- history clean-up -------------------------------------------------------------------

// cleanupDeployment: keeps at most revisionHistoryLimit old ReplicaSets,
// deleting the lowest revisions first, and only those scaled to zero with no
// pods left, their latest spec observed, and not already being deleted.
KUBESIM_DECL error cleanup_deployment(context& dc, const rs_list& old_rss, const api::deployment& d);

// ---- status ------------------------------------------------------------------------------

// calculateStatus: counts from the ReplicaSets' statuses (replicas, ready,
// available; updated = the new ReplicaSet's), unavailable = desired pods of all
// ReplicaSets minus available (not below zero), observedGeneration, and the
// Available condition: available >= replicas - maxUnavailable.
[[nodiscard]] KUBESIM_DECL api::deployment_status calculate_status(const rs_list& all_rss, const rs_ptr& new_rs,
                                                                   const api::deployment& d, sim::time_point now);

// syncDeploymentStatus: writes the calculated status if it changed.
KUBESIM_DECL error sync_deployment_status(context& dc, const rs_list& all_rss, const rs_ptr& new_rs,
                                          api::deployment& d);

namespace detail {
KUBESIM_DECL rs_list with_new(rs_list old_rss, const rs_ptr& new_rs);
}  // namespace detail

// syncStatusOnly: a Deployment being deleted only has its status refreshed.
KUBESIM_DECL error sync_status_only(context& dc, api::deployment& d, const rs_list& rss);

// sync: scaling events and paused Deployments. Scales without rolling out; a
// paused Deployment also has its history cleaned up.
KUBESIM_DECL error sync(context& dc, api::deployment& d, const rs_list& rss);

// checkPausedConditions: pausing sets Progressing Unknown/DeploymentPaused
// ("Deployment is paused"), resuming Unknown/DeploymentResumed ("Deployment is
// resumed"), so time spent paused never counts against progressDeadlineSeconds.
// A ProgressDeadlineExceeded condition is left alone.
KUBESIM_DECL error check_paused_conditions(context& dc, api::deployment& d);

// isScalingEvent: an active ReplicaSet's desired-replicas annotation differs
// from the Deployment's replicas.
KUBESIM_DECL error is_scaling_event(context& dc, api::deployment& d, const rs_list& rss, bool& out);

}  // namespace kubesim::controllers::deployment

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/deployment/sync.ipp>
#endif
