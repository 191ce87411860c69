// The Deployment controller, modelled on upstream
// pkg/controller/deployment/deployment_controller.go (the Deployment,
// ReplicaSet and pod handlers, syncDeployment, getReplicaSetsForDeployment,
// getPodMapForDeployment, handleErr), with the strategies in sync.hpp,
// rolling.hpp, recreate.hpp and progress.hpp and the helpers in util.hpp. Also
// rollback_to_revision, what `kubectl rollout undo` does
// (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/rollback.go,
// DeploymentRollbacker).
//
// One work queue keyed "namespace/name" of Deployments; a single worker runs on
// the engine. A Deployment change queues itself; a ReplicaSet change queues its
// controlling Deployment (an orphan: every Deployment of its namespace whose
// selector matches it, which may adopt it); a deleted pod queues its
// Deployment when that uses Recreate and has no pods left.
//
// Differences from upstream:
//  - ReplicaSets are found through an index by controller uid (plus the
//    orphans of the namespace), not by listing the namespace; pods by the uid
//    of their controlling ReplicaSet, and only for Recreate Deployments (the
//    only strategy that looks at pods).
//  - The deprecated rollback annotation (extensions/v1beta1 rollbackTo) is not
//    handled; rollback_to_revision does what kubectl does instead.
//  - A `selector: {}` and a missing selector cannot be told apart here; both
//    select everything and get the SelectingAll warning.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/deployment/recreate.hpp>
#include <kubesim/controllers/deployment/sync.hpp>
#include <kubesim/controllers/deployment/util.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/result.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::deployment {

class controller {
public:
    // maxRetries: a Deployment is retried 15 times (5ms .. 82s) before dropped.
    static constexpr int max_retries = 15;

    // informers: the controller manager's shared informers; null for own ones.
    KUBESIM_DECL explicit controller(store::object_store& s, store::shared_informers* informers = nullptr);
    controller(const controller&) = delete;
    controller& operator=(const controller&) = delete;
    ~controller() { stop(); }

    void start() { start_controller(started_, pods_, replica_sets_, deployments_); }
    void stop() { stop_controller(started_, queue_, deployments_, replica_sets_, pods_); }

    [[nodiscard]] const work_queue& queue() const noexcept { return queue_; }
    // Number of syncDeployment runs (for tests and traces).
    [[nodiscard]] std::uint64_t syncs() const noexcept { return syncs_; }

    // syncDeployment, for a "namespace/name" key; empty on success.
    KUBESIM_DECL error sync_deployment(const std::string& key);

    // getReplicaSetsForDeployment: the ReplicaSets this Deployment controls,
    // after adopting matching orphans and releasing owned ones that stopped
    // matching (ClaimReplicaSets), by name.
    KUBESIM_DECL error get_replica_sets_for_deployment(const api::deployment& d, rs_list& out);

    // getPodMapForDeployment: the pods of each of the ReplicaSets, matching
    // the Deployment's selector, finished ones included.
    KUBESIM_DECL error get_pod_map_for_deployment(const api::deployment& d, const rs_list& rss, pod_map& out);

private:
    using d_ptr = std::shared_ptr<const api::deployment>;

    KUBESIM_DECL void enqueue_deployment(const api::deployment& d);

    // resolveControllerRef: the Deployment a controller reference names, if it
    // still exists with that uid.
    [[nodiscard]] KUBESIM_DECL d_ptr resolve_controller_ref(const std::string& ns,
                                                            const api::owner_reference& ref) const;

    // getDeploymentsForReplicaSet: Deployments of the namespace whose (non-empty)
    // selector matches the ReplicaSet's labels.
    [[nodiscard]] KUBESIM_DECL std::vector<d_ptr> get_deployments_for_replica_set(const api::replica_set& rs) const;

    // addReplicaSet
    KUBESIM_DECL void add_replica_set(const api::replica_set& rs);

    // updateReplicaSet: the old controller too when the controller reference
    // changed; for an orphan, the matching Deployments when its labels or
    // reference changed.
    KUBESIM_DECL void update_replica_set(const api::replica_set& o, const api::replica_set& n);

    // deleteReplicaSet: orphans are nobody's concern.
    KUBESIM_DECL void delete_replica_set(const api::replica_set& rs);

    // getDeploymentForPod: pod -> controlling ReplicaSet -> its Deployment.
    [[nodiscard]] KUBESIM_DECL d_ptr get_deployment_for_pod(const api::pod& p) const;

    // deletePod: a Recreate Deployment whose last pod is gone may go on.
    KUBESIM_DECL void delete_pod(const api::pod& p);

    // processNextWorkItem + handleErr
    KUBESIM_DECL void process(const std::string& key);

    store::object_store* store_;
    store::informer<api::deployment> deployments_;
    store::informer<api::replica_set> replica_sets_;
    store::informer<api::pod> pods_;
    store::event_recorder recorder_;
    work_queue queue_;
    context ctx_;
    bool started_{false};
    std::uint64_t syncs_{0};
};

// ---- kubectl rollout undo ---------------------------------------------------------------

// DeploymentRollbacker.Rollback: puts the pod template of the ReplicaSet of
// `to_revision` (0: the previous revision) back into the Deployment, without
// its pod-template-hash label, and gives the Deployment that ReplicaSet's
// annotations (keeping its own revision, last-applied and replica
// annotations). The controller then rolls out as for any template change,
// finding the old ReplicaSet as the new one and raising its revision.
// Answers kubectl's result text ("rolled back", or "skipped rollback (current
// template already matches revision 2)"); errors carry kubectl's messages
// ("unable to find specified revision 7 in history", "no rollout history found
// for deployment \"web\"", "you cannot rollback a paused deployment; ...").
KUBESIM_DECL result<std::string> rollback_to_revision(store::object_store& s, const std::string& ns,
                                                      const std::string& name, std::int64_t to_revision = 0);

}  // namespace kubesim::controllers::deployment

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/deployment/controller.ipp>
#endif
