// The pod garbage collector, modelled on upstream
// pkg/controller/podgc/gc_controller.go (gc, gcTerminated, gcTerminating,
// gcOrphaned, discoverDeletedNodes, gcUnscheduledTerminating,
// markFailedAndDeletePodWithCondition, byEvictionAndCreationTimestamp).
//
// Every gc_check_period (20 s; the first pass at start), in this order:
//  - terminated pods (phase neither Pending, Running nor Unknown) beyond
//    terminated_pod_threshold (12,500) are deleted, evicted ones first, then
//    the oldest (creationTimestamp, then name);
//  - terminating pods on a node that is not Ready and carries the taint
//    node.kubernetes.io/out-of-service are deleted;
//  - orphans: a pod bound to a node that does not exist puts that node in
//    quarantine for 40 s; if the node is still missing at the first pass after
//    that (checked with a GET), each of its pods gets phase Failed and the
//    condition DisruptionTarget=True (reason DeletionByPodGC, "PodGC: node no
//    longer exists") and is force deleted (grace period 0). With the defaults a
//    pod's node deleted just before a pass at t is seen at t, and the pod is
//    gone at t + 40 s;
//  - terminating pods that were never scheduled are deleted.
// "Deleted" is markFailedAndDeletePod: phase Failed unless the pod already
// finished, then a delete with grace period 0.
//
// Upstream lists every pod at every pass. Here the pod informer's handlers keep
// the counts the passes need (terminated pods, pods per node, unscheduled
// terminating pods; nodes with the out-of-service taint), so a pass costs the
// pods it deletes and the nodes that host pods, not the cluster.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::pod_gc {

struct controller_options {
    sim::duration gc_check_period{std::chrono::seconds(20)};   // gcCheckPeriod
    sim::duration quarantine_time{std::chrono::seconds(40)};   // quarantineTime
    std::int64_t terminated_pod_threshold{12500};              // --terminated-pod-gc-threshold; <= 0: off
};

class controller {
public:
    KUBESIM_DECL explicit controller(store::object_store& s, controller_options opt = {},
                                     store::shared_informers* informers = nullptr);
    controller(const controller&) = delete;
    controller& operator=(const controller&) = delete;
    ~controller() { stop(); }

    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    // One pass (gc). Public so a test can run it.
    KUBESIM_DECL void gc();
    [[nodiscard]] std::uint64_t passes() const noexcept { return passes_; }
    // Pods deleted so far.
    [[nodiscard]] std::uint64_t deleted() const noexcept { return deleted_; }

    // isPodTerminated: the phase is neither Pending, Running nor Unknown.
    [[nodiscard]] static KUBESIM_DECL bool is_pod_terminated(const api::pod& p);

private:
    using pod_ptr = std::shared_ptr<const api::pod>;

    KUBESIM_DECL void schedule_pass(sim::duration after);
    KUBESIM_DECL void track(const api::pod* p, int delta);
    KUBESIM_DECL void track_node(const api::node* n, bool present);

    KUBESIM_DECL void gc_terminated();
    KUBESIM_DECL void gc_terminating();
    KUBESIM_DECL void gc_orphaned();
    KUBESIM_DECL void gc_unscheduled_terminating();
    // markFailedAndDeletePodWithCondition; true on success.
    KUBESIM_DECL bool mark_failed_and_delete_pod(const api::pod& p, const api::pod_condition* condition);

    store::object_store* store_;
    controller_options opt_;
    store::informer<api::pod> pods_;
    store::informer<api::node> nodes_;
    std::int64_t terminated_{0};                                     // pods with a terminated phase
    std::map<std::string, std::int64_t, std::less<>> pods_per_node_;  // bound pods by spec.nodeName
    std::set<std::string, std::less<>> unscheduled_terminating_;      // "ns/name"
    std::set<std::string, std::less<>> out_of_service_nodes_;         // nodes with the out-of-service taint
    std::map<std::string, sim::time_point, std::less<>> quarantine_;  // node -> when it is checked
    sim::timer_id pass_timer_{};
    bool started_{false};
    std::uint64_t passes_{0};
    std::uint64_t deleted_{0};
};

}  // namespace kubesim::controllers::pod_gc

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/pod_gc/controller.ipp>
#endif
