// Rollout progress of the Deployment controller, modelled on upstream
// pkg/controller/deployment/progress.go (syncRolloutStatus, getReplicaFailures,
// requeueStuckDeployment).
//
// The Progressing condition moves through NewReplicaSetCreated (or
// FoundNewReplicaSet) -> ReplicaSetUpdated (each time progress is seen, with a
// new lastUpdateTime) -> NewReplicaSetAvailable, or -> ProgressDeadlineExceeded
// when lastUpdateTime is more than progressDeadlineSeconds old. A Deployment
// that made no progress is requeued on the virtual clock for the moment its
// deadline passes (plus a second, as upstream), so the timeout is reported
// without any resync.
#pragma once

#include <vector>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/deployment/sync.hpp>
#include <kubesim/controllers/deployment/util.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::controllers::deployment {

// getReplicaFailures: the new ReplicaSet's ReplicaFailure conditions, else the
// old ones', as Deployment conditions.
[[nodiscard]] KUBESIM_DECL std::vector<api::deployment_condition> get_replica_failures(const rs_list& all_rss,
                                                                                       const rs_ptr& new_rs);

// requeueStuckDeployment: a rollout that is neither complete nor timed out is
// checked again when its Progressing condition would pass the deadline:
// lastUpdateTime + progressDeadlineSeconds - now (+1s); at once (rate limited)
// when that is under a second. Example: progress last seen at 00:00:00, now
// 00:03:00, deadline 600s -> requeued after 7m01s. Returns the wait, 0 for
// "now", or -1 when no check is needed.
KUBESIM_DECL sim::duration requeue_stuck_deployment(context& dc, const api::deployment& d,
                                                    const api::deployment_status& new_status);

// syncRolloutStatus: the status of a rollout, with the Progressing condition.
KUBESIM_DECL error sync_rollout_status(context& dc, const rs_list& all_rss, const rs_ptr& new_rs, api::deployment& d);

}  // namespace kubesim::controllers::deployment

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/deployment/progress.ipp>
#endif
