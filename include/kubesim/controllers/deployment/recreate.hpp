// The Recreate strategy of the Deployment controller, modelled on upstream
// pkg/controller/deployment/recreate.go (rolloutRecreate,
// scaleDownOldReplicaSetsForRecreate, oldPodsRunning,
// scaleUpNewReplicaSetForRecreate).
//
// Old ReplicaSets go to zero first; the new ReplicaSet is created (at full
// size) only once no pod of an old one is left running: their status counts
// nothing and every pod they own is gone or finished. The controller learns
// the last pod is gone from its pod delete handler.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/deployment/sync.hpp>
#include <kubesim/controllers/deployment/util.hpp>

namespace kubesim::controllers::deployment {

using pod_ptr = std::shared_ptr<const api::pod>;
// Pods by the uid of their controlling ReplicaSet (getPodMapForDeployment).
using pod_map = std::map<std::string, std::vector<pod_ptr>>;

// oldPodsRunning: an old ReplicaSet still counts replicas in its status, or
// owns a pod that has not finished (Unknown counts as running).
[[nodiscard]] KUBESIM_DECL bool old_pods_running(const rs_ptr& new_rs, const rs_list& old_rss, const pod_map& pods);

// scaleDownOldReplicaSetsForRecreate: every active old ReplicaSet to zero.
KUBESIM_DECL error scale_down_old_replica_sets_for_recreate(context& dc, rs_list& old_rss, const api::deployment& d,
                                                            bool& scaled);

// scaleUpNewReplicaSetForRecreate
KUBESIM_DECL error scale_up_new_replica_set_for_recreate(context& dc, const rs_ptr& new_rs, const api::deployment& d,
                                                         bool& scaled);

// rolloutRecreate
KUBESIM_DECL error rollout_recreate(context& dc, api::deployment& d, const rs_list& rss, const pod_map& pods);

}  // namespace kubesim::controllers::deployment

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/deployment/recreate.ipp>
#endif
