// The RollingUpdate strategy of the Deployment controller, modelled on upstream
// pkg/controller/deployment/rolling.go (rolloutRolling, reconcileNewReplicaSet,
// reconcileOldReplicaSets, cleanupUnhealthyReplicas,
// scaleDownOldReplicaSetsForRollingUpdate).
//
// Each sync takes one step: grow the new ReplicaSet up to replicas + maxSurge
// pods in all, or else shrink the old ones as far as keeping replicas -
// maxUnavailable pods available allows (unhealthy old pods first). The
// ReplicaSets' status changes bring the next sync.
#pragma once

#include <cstdint>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/deployment/sync.hpp>
#include <kubesim/controllers/deployment/util.hpp>

namespace kubesim::controllers::deployment {

// reconcileNewReplicaSet: scale the new ReplicaSet towards replicas, as far as
// new_rs_new_replicas allows (or down, if it has more). True if it scaled.
KUBESIM_DECL error reconcile_new_replica_set(context& dc, const rs_list& all_rss, const rs_ptr& new_rs,
                                             const api::deployment& d, bool& scaled);

// cleanupUnhealthyReplicas: scale old ReplicaSets down by their unavailable
// pods (oldest ReplicaSet first), at most max_cleanup_count in all. The
// ReplicaSet controller deletes not-ready pods first, so this never lowers
// availability. Returns how many were removed; old_rss gets the updated objects.
KUBESIM_DECL error cleanup_unhealthy_replicas(context& dc, rs_list& old_rss, const api::deployment& d,
                                              std::int32_t max_cleanup_count, std::int32_t& total_scaled_down);

// scaleDownOldReplicaSetsForRollingUpdate: remove old pods while more than
// replicas - maxUnavailable are available, oldest ReplicaSet first.
KUBESIM_DECL error scale_down_old_replica_sets_for_rolling_update(context& dc, const rs_list& all_rss,
                                                                  rs_list& old_rss, const api::deployment& d,
                                                                  std::int32_t& total_scaled_down);

// reconcileOldReplicaSets: how far old ReplicaSets may shrink is
//   allPods - (replicas - maxUnavailable) - unavailable pods of the new RS,
// so pods of a new ReplicaSet that never become available do not let old ones
// go. Upstream's example: 10 replicas, maxUnavailable 2, maxSurge 3; new RS at
// 5 (crash-looping), old at 8: 13 - 8 - 5 = 0, nothing more is scaled down.
// Upstream ignores (drops) the errors of the two scale-downs here.
KUBESIM_DECL error reconcile_old_replica_sets(context& dc, const rs_list& all_rss, rs_list old_rss,
                                              const rs_ptr& new_rs, const api::deployment& d, bool& scaled);

// rolloutRolling
KUBESIM_DECL error rollout_rolling(context& dc, api::deployment& d, const rs_list& rss);

}  // namespace kubesim::controllers::deployment

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/deployment/rolling.ipp>
#endif
