// The taint eviction controller, modelled on upstream
// pkg/controller/tainteviction/taint_eviction.go (PodUpdated, NodeUpdated,
// handlePodUpdate, handleNodeUpdate, processPodOnNode, getMinTolerationTime,
// addConditionAndDeletePod, the TaintManagerEviction events) and
// timed_workers.go (TimedWorkerQueue: AddWork, CancelWork).
//
// A pod bound to a node with NoExecute taints:
//  - that it does not tolerate (each taint needs a toleration of it) is
//    deleted at once;
//  - that it tolerates, with tolerationSeconds on the tolerations used, is
//    deleted when the smallest of them has passed since the controller saw the
//    taint (the instant the taint was added, here); a toleration without
//    tolerationSeconds tolerates forever; 0 or less deletes at once;
//  - a scheduled deletion is cancelled when the taints go, the pod tolerates
//    them forever, or the pod is deleted: "Cancelling deletion of Pod ns/name".
// A deletion records the Normal event TaintManagerEviction "Marking for
// deletion Pod ns/name", sets the pod condition DisruptionTarget=True (reason
// DeletionByTaintManager, "Taint manager: deleting due to NoExecute taint") and
// deletes the pod as any client does (graceful: its kubelet, if it still runs,
// stops the containers; with the kubelet gone the pod stays Terminating until
// the node comes back or is deleted, as in Kubernetes). The events name the pod
// without its uid, as upstream's do.
//
// Pods are found through the informer's index by spec.nodeName, so a taint
// change costs the node's pods; deletions wait on engine timers, not on a scan.
//
// Differences from upstream: one worker instead of eight sharded by node, so
// node and pod updates are handled in the order they arrive (upstream handles
// a worker's pending node updates first); a deletion due now runs in its own
// engine entry at that instant (upstream: in a goroutine).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::taint_eviction {

class controller {
public:
    KUBESIM_DECL explicit controller(store::object_store& s, store::shared_informers* informers = nullptr);
    controller(const controller&) = delete;
    controller& operator=(const controller&) = delete;
    ~controller() { stop(); }

    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    // When the pod "ns/name" is due to be deleted, if it is.
    [[nodiscard]] KUBESIM_DECL std::optional<sim::time_point> scheduled_eviction(std::string_view key) const;
    // Deletions carried out so far.
    [[nodiscard]] std::uint64_t evictions() const noexcept { return evictions_; }

    // getMinTolerationTime: the smallest tolerationSeconds of the tolerations
    // used (0 when any is 0 or less, or when there are none); -1 when they all
    // tolerate forever.
    [[nodiscard]] static KUBESIM_DECL std::int64_t min_toleration_seconds(
        const std::vector<api::toleration>& used);

private:
    // A TimedWorker: the deletion of one pod, due at fire_at.
    struct worker {
        sim::time_point created_at{};
        sim::time_point fire_at{};
        sim::timer_id timer{};
    };

    KUBESIM_DECL void pod_updated(const api::pod* old_pod, const api::pod* new_pod);
    KUBESIM_DECL void node_updated(const api::node* old_node, const api::node* new_node);
    KUBESIM_DECL void process(const std::string& key);
    KUBESIM_DECL void handle_pod_update(const std::string& pod_key);
    KUBESIM_DECL void handle_node_update(const std::string& node);
    KUBESIM_DECL void process_pod_on_node(const std::string& pod_key, const std::vector<api::toleration>& tolerations,
                                          const std::vector<api::taint>& taints, sim::time_point now);

    KUBESIM_DECL void add_work(const std::string& pod_key, sim::time_point created_at, sim::time_point fire_at);
    KUBESIM_DECL bool cancel_work(const std::string& pod_key);
    KUBESIM_DECL void cancel_work_with_event(const std::string& pod_key);
    // deletePodHandler: the event, then addConditionAndDeletePod (five tries).
    KUBESIM_DECL void delete_pod(const std::string& pod_key);
    KUBESIM_DECL void emit_event(const std::string& pod_key, const std::string& message);

    store::object_store* store_;
    store::informer<api::node> nodes_;
    store::informer<api::pod> pods_;
    store::event_recorder recorder_;
    work_queue queue_;  // "node/<name>" and "pod/<ns>/<name>"
    std::map<std::string, std::vector<api::taint>, std::less<>> tainted_nodes_;  // NoExecute taints by node
    std::map<std::string, worker, std::less<>> workers_;                         // by "ns/name"
    bool started_{false};
    std::uint64_t evictions_{0};
};

}  // namespace kubesim::controllers::taint_eviction

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/taint_eviction/controller.ipp>
#endif
