// The ReplicaSet controller, modelled on upstream
// pkg/controller/replicaset/replica_set.go (NewBaseController's handlers,
// addRS/updateRS/deleteRS, addPod/updatePod/deletePod, resolveControllerRef,
// getPodReplicaSets, processNextWorkItem, manageReplicas, syncReplicaSet,
// claimPods, getIndirectlyRelatedPods). Status arithmetic, slow start and the
// deletion ranking live in utils.hpp.
//
// One work queue keyed "namespace/name" of ReplicaSets, one worker on the
// engine. Handlers only observe expectations and enqueue; syncReplicaSet reads
// the listers, claims pods (adopts matching orphans, releases owned pods that
// stopped matching), creates or deletes pods to reach spec.replicas in slow-start
// batches, and writes status. Pods are found through two informer indexes, so a
// sync costs what its own ReplicaSet holds, not what the namespace holds:
//  - "controllerUID": pods (and ReplicaSets) by the uid of their controller;
//  - "orphan": pods without a controller, by "namespace" and by
//    "namespace/key=value" of each label.
// ReplicaSets are indexed by "namespace/key=value" of their first matchLabels
// pair (or "namespace" when they have none), so an orphan pod event looks only
// at the ReplicaSets that could select it.
//
// Differences from upstream:
//  - syncReplicaSet lists the ReplicaSet's own pods and the matching orphans
//    from those indexes instead of every pod of the namespace; pods controlled by
//    someone else are never claimed either way, so the outcome is the same.
//  - getIndirectlyRelatedPods (the pods of the ReplicaSets sharing this one's
//    controller, used to rank deletions by pods per node) takes each related
//    ReplicaSet's owned pods and the orphans that its selector matches; a pod
//    matching a related selector but controlled by a third party is not counted.
//  - updatePod requeues a ReplicaSet with minReadySeconds exactly
//    minReadySeconds after a pod turns ready; upstream adds a second "to avoid
//    milliseconds skew in AddAfter", which a virtual clock does not have (and
//    IsPodAvailable is inclusive here, see controller_utils.hpp).
//  - Creates and deletes of one batch run one after the other, not in
//    goroutines; the first error of a batch is the one reported.
//  - There are no DeletedFinalStateUnknown tombstones: informers here always
//    deliver the deleted object.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/replica_set/utils.hpp>
#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/controllers/runtime/expectations.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::replica_set {

struct controller_options {
    // BurstReplicas: at most this many creates or deletes per sync; the rest
    // wait for the next sync, after the watch events of these were observed.
    int burst_replicas{500};
};

class controller {
public:
    static constexpr std::string_view controller_uid_index_name = controllers::controller_uid_index_name;
    static constexpr std::string_view orphan_index = "orphan";
    static constexpr std::string_view selector_index = "selector";

    // informers: the controller manager's shared informers; null for own ones.
    KUBESIM_DECL explicit controller(store::object_store& s, controller_options opt = {},
                                     store::shared_informers* informers = nullptr);
    controller(const controller&) = delete;
    controller& operator=(const controller&) = delete;
    ~controller() { stop(); }

    void start() { start_controller(started_, pods_, rss_); }
    void stop() { stop_controller(started_, queue_, rss_, pods_); }

    [[nodiscard]] const work_queue& queue() const noexcept { return queue_; }
    [[nodiscard]] const uid_tracking_controller_expectations& expectations() const noexcept { return expectations_; }
    // Number of syncReplicaSet runs (for tests and traces).
    [[nodiscard]] std::uint64_t syncs() const noexcept { return syncs_; }

    // syncReplicaSet: reconciles the ReplicaSet with key "namespace/name" from
    // the informer caches; nullopt on success, else the error that requeues it.
    // The worker calls it; it is public so a test can run it while watch events
    // are still on their way (the case expectations exist for).
    KUBESIM_DECL std::optional<std::string> sync_replica_set(const std::string& key);

private:
    using rs_ptr = std::shared_ptr<const api::replica_set>;



    // ---- handlers -------------------------------------------------------------

    void enqueue_rs(const api::replica_set& rs) { queue_.add(key_func(rs.metadata)); }

    void add_rs(const api::replica_set& rs) { enqueue_rs(rs); }

    // updateRS: a changed uid means the old ReplicaSet was deleted and a new one
    // made under the same name. Any update syncs (a resync retries failed creates).
    KUBESIM_DECL void update_rs(const api::replica_set& old_rs, const api::replica_set& cur_rs);

    // deleteRS: forget the expectations, so a new ReplicaSet of that name starts clean.
    KUBESIM_DECL void delete_rs(const api::replica_set& rs);

    // resolveControllerRef: the ReplicaSet a controller reference names, if it is
    // one and still has that uid.
    KUBESIM_DECL rs_ptr resolve_controller_ref(const std::string& ns, const api::owner_reference& ref) const;

    // getPodReplicaSets (GetPodReplicaSets of the lister): the ReplicaSets of the
    // pod's namespace whose non-empty selector matches it, in key order.
    KUBESIM_DECL std::vector<rs_ptr> get_pod_replica_sets(const api::pod& p) const;

    // addPod: a new pod is a creation observed by its controller; an orphan
    // wakes every ReplicaSet that could adopt it.
    KUBESIM_DECL void add_pod(const api::pod& p);

    KUBESIM_DECL static bool same_ref(const api::owner_reference* a, const api::owner_reference* b);

    // updatePod: wakes the controller of the pod (and the previous one when the
    // controller reference changed); for orphans whose labels or reference
    // changed, every ReplicaSet that could adopt them.
    KUBESIM_DECL void update_pod(const api::pod& old_pod, const api::pod& cur_pod);

    // deletePod: a deletion observed by the pod's controller (once per pod, by key).
    KUBESIM_DECL void delete_pod(const api::pod& p);

    // processNextWorkItem: an error requeues the key with rate limiting.
    KUBESIM_DECL void process_next_work_item(const std::string& key);

    // ---- listing ----------------------------------------------------------------

    // The value of the orphan index that every orphan the selector matches is
    // filed under: "ns/key=value" for a requirement pinning one value, else "ns".
    KUBESIM_DECL static std::string orphan_lookup(const std::string& ns, const api::labels::selector& sel);

    // The pods syncReplicaSet considers, in name order: those this ReplicaSet
    // controls (matching or not, so stale ones can be released) and the orphans
    // of its namespace that might match.
    KUBESIM_DECL std::vector<pod_ptr> pods_for(const api::replica_set& rs, const api::labels::selector& sel) const;

    // getIndirectlyRelatedPods: the pods of every ReplicaSet sharing this one's
    // controller (this one included). None when it has no controller.
    KUBESIM_DECL std::vector<pod_ptr> get_indirectly_related_pods(const api::replica_set& rs) const;

    // ---- manageReplicas -------------------------------------------------------------

    // manageReplicas: creates (in slow-start batches) or deletes (in rank order)
    // at most burstReplicas pods to bring the active pods to spec.replicas.
    KUBESIM_DECL std::optional<std::string> manage_replicas(const std::vector<pod_ptr>& filtered_pods,
                                                            const api::replica_set& rs);

    store::object_store* store_;
    controller_options opt_;
    store::informer<api::replica_set> rss_;
    store::informer<api::pod> pods_;
    store::event_recorder recorder_;
    pod_control pod_control_;
    uid_tracking_controller_expectations expectations_;
    work_queue queue_;
    bool started_{false};
    std::uint64_t syncs_{0};
};

}  // namespace kubesim::controllers::replica_set

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/replica_set/controller.ipp>
#endif
