// The node lifecycle controller, modelled on upstream
// pkg/controller/nodelifecycle/node_lifecycle_controller.go (monitorNodeHealth,
// tryUpdateNodeHealth, processTaintBaseEviction, doNoScheduleTaintingPass,
// doNoExecuteTaintingPass, markNodeForTainting, markNodeAsReachable,
// handleDisruption, ComputeZoneState, classifyNodes, podUpdated/processPod,
// reconcileNodeLabels) and its RateLimitedTimedQueue
// (pkg/controller/nodelifecycle/scheduler/rate_limited_queue.go).
//
// What a user sees when a node's kubelet goes silent (defaults: monitor period
// 5 s, grace period 50 s since v1.32), on the controller's own clock:
//  - every monitor pass (at start, then every 5 s) reads each node's Ready
//    condition and its Lease kube-node-lease/<node>; the probe time is the pass
//    at which the controller last saw lastHeartbeatTime or renewTime change;
//  - at the first pass later than probe + grace, Ready, MemoryPressure,
//    DiskPressure and PIDPressure become Unknown (reason NodeStatusUnknown,
//    "Kubelet stopped posting node status."; lastHeartbeatTime kept,
//    lastTransitionTime now); a condition never posted is added as
//    NodeStatusNeverUpdated, "Kubelet never posted node status."; the same pass
//    records the Normal event NodeNotReady "Node node-1 status is now:
//    NodeNotReady" and marks the node's pods Ready=False (Warning NodeNotReady
//    "Node is not ready" on each);
//  - the node update makes the NoSchedule pass taint the node
//    node.kubernetes.io/unreachable:NoSchedule (not-ready for Ready=False,
//    unschedulable for spec.unschedulable, memory-/disk-/pid-pressure and
//    network-unavailable for those conditions True), with timeAdded;
//  - the next pass sees the node Unknown and queues it for the NoExecute taint
//    node.kubernetes.io/unreachable (not-ready when Ready=False), which the
//    zone's rate limiter lets through: one node per 10 s per zone (0.1 qps,
//    burst 1); a zone with at least 55 % (and more than 2) nodes not ready
//    slows to 0.01 qps above 50 nodes and stops below; when every node of
//    every zone is not ready, the controller assumes its own network is at
//    fault: it removes the NoExecute taints and stops tainting until a node is
//    Ready again (then every node gets a fresh probe time);
//  - when the node is Ready again both NoExecute taints go at the next pass and
//    the NoSchedule one at once. The taint eviction controller
//    (controllers/taint_eviction) deletes the pods.
// A node's zone is its topology.kubernetes.io/region and zone labels.
//
// Differences from upstream:
//  - a pass runs in the engine's idle lane at its instant, so it sees every
//    write of that instant; upstream's goroutines race with the informers;
//  - the NoExecute pass runs when a node is queued and again when the zone's
//    limiter has a token, instead of polling every 100 ms, so a taint lands at
//    the instant it is allowed;
//  - RegisteredNode events ("Node node-1 event: Registered Node node-1 in
//    Controller") are recorded for nodes that join after the first pass only
//    when announce_initial_nodes is false (the cluster's setting: a kubesim
//    cluster's nodes exist before its control plane starts); RemovingNode is
//    recorded as upstream;
//  - the health record of a deleted node is dropped (upstream keeps it; a node
//    registered again under that name gets a fresh probe time either way);
//  - DaemonSet pods are not told apart (kubesim has no DaemonSets).
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::node_lifecycle {

struct controller_options {
    sim::duration node_monitor_period{std::chrono::seconds(5)};         // --node-monitor-period
    sim::duration node_monitor_grace_period{std::chrono::seconds(50)};  // --node-monitor-grace-period
    sim::duration node_startup_grace_period{std::chrono::seconds(60)};  // --node-startup-grace-period
    // --node-eviction-rate 0.1 and --secondary-node-eviction-rate 0.01, as the
    // time one NoExecute taint costs a zone's limiter.
    sim::duration node_eviction_interval{std::chrono::seconds(10)};
    sim::duration secondary_node_eviction_interval{std::chrono::seconds(100)};
    std::int32_t large_cluster_size_threshold{50};     // --large-cluster-size-threshold
    std::int32_t unhealthy_zone_threshold_percent{55};  // --unhealthy-zone-threshold 0.55
    // Record RegisteredNode for the nodes found by the first pass (upstream
    // does); false announces only the nodes that join later.
    bool announce_initial_nodes{true};
};

// Where the kubelets' Leases live.
inline constexpr std::string_view node_lease_namespace = "kube-node-lease";

// kube-controller-manager's default --node-monitor-grace-period for a
// Kubernetes version ("v1.33.0"): 40 s before v1.32, 50 s since.
[[nodiscard]] KUBESIM_DECL sim::duration default_node_monitor_grace_period(std::string_view kubernetes_version);

class controller {
public:
    KUBESIM_DECL explicit controller(store::object_store& s, controller_options opt = {},
                                     store::shared_informers* informers = nullptr);
    controller(const controller&) = delete;
    controller& operator=(const controller&) = delete;
    ~controller() { stop(); }

    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    [[nodiscard]] const controller_options& options() const noexcept { return opt_; }
    // Monitor passes run so far (for tests and traces).
    [[nodiscard]] std::uint64_t passes() const noexcept { return passes_; }
    // The zone states ("Initial", "Normal", "PartialDisruption",
    // "FullDisruption") by zone key.
    [[nodiscard]] KUBESIM_DECL std::map<std::string, std::string> zone_states() const;

    // monitorNodeHealth: one pass over every node. Public so a test can run it.
    KUBESIM_DECL void monitor_node_health();

private:
    enum class zone_state { initial, normal, partial_disruption, full_disruption };

    // nodeHealthData: when the controller last saw the node's heartbeat change
    // (its own clock), and what it saw.
    struct node_health {
        sim::time_point probe_timestamp{};
        sim::time_point ready_transition_timestamp{};
        std::optional<api::node_condition> ready{};  // the Ready condition of the status seen
        std::optional<sim::time_point> lease_renew{};  // renewTime of the Lease seen
        bool has_lease{false};
    };

    // The token bucket of one zone (flowcontrol's, burst 1): a token every
    // `interval`; an empty interval never gives one.
    struct limiter {
        std::optional<sim::duration> interval{};
        std::optional<sim::time_point> last_accept{};
        [[nodiscard]] std::optional<sim::time_point> next_token() const {
            if (!interval) return std::nullopt;
            if (!last_accept) return sim::time_point{};
            return *last_accept + *interval;
        }
    };

    // RateLimitedTimedQueue of a zone (a UniqueQueue): node names in the
    // order they were queued. A node stays a member after it was processed
    // (RemoveFromQueue), so marking it again adds nothing until remove()
    // (Remove) forgets it: a tainted node is not tainted again every pass.
    struct zone_tainter {
        std::deque<std::string> queue{};
        std::set<std::string, std::less<>> members{};
        limiter limit{};
        sim::timer_id timer{};
        bool add(const std::string& node) {
            if (!members.insert(node).second) return false;
            queue.push_back(node);
            return true;
        }
        bool remove_from_queue(const std::string& node) {
            if (!members.count(node)) return false;
            for (auto it = queue.begin(); it != queue.end(); ++it)
                if (*it == node) {
                    queue.erase(it);
                    return true;
                }
            return false;
        }
        bool remove(const std::string& node) {
            members.erase(node);
            for (auto it = queue.begin(); it != queue.end(); ++it)
                if (*it == node) {
                    queue.erase(it);
                    return true;
                }
            return false;
        }
        // Processing failed: again later, behind the others.
        void requeue(const std::string& node) {
            remove_from_queue(node);
            queue.push_back(node);
        }
    };

    struct observed {
        api::node_condition observed_ready{};
        std::optional<api::node_condition> current_ready{};
    };

    KUBESIM_DECL void schedule_pass(sim::duration after);

    // tryUpdateNodeHealth: updates the probe time from the node's status and
    // lease; past the grace period, writes the Unknown conditions (`node` then
    // points at what was written). nullopt on a write error.
    KUBESIM_DECL std::optional<observed> try_update_node_health(std::shared_ptr<const api::node>& node,
                                                                std::string& error);
    KUBESIM_DECL void process_taint_base_eviction(const api::node& node, const api::node_condition& observed_ready);
    KUBESIM_DECL bool mark_node_for_tainting(const api::node& node, const std::string& status);
    KUBESIM_DECL bool mark_node_as_reachable(const api::node& node);
    KUBESIM_DECL void handle_disruption(const std::map<std::string, std::vector<std::optional<api::node_condition>>>& zones,
                                        const std::vector<std::shared_ptr<const api::node>>& nodes);
    KUBESIM_DECL std::pair<int, zone_state> compute_zone_state(
        const std::vector<std::optional<api::node_condition>>& ready_conditions) const;
    KUBESIM_DECL void set_limiter_in_zone(const std::string& zone, std::size_t zone_size, zone_state state);
    KUBESIM_DECL void add_pod_evictor_for_new_zone(const api::node& node);

    // doNoExecuteTaintingPass for one zone; re-arms its timer when the
    // limiter holds work back.
    KUBESIM_DECL void no_execute_tainting_pass(const std::string& zone);
    KUBESIM_DECL void kick_zone(const std::string& zone);

    // doNoScheduleTaintingPass and reconcileNodeLabels, from the node queue.
    KUBESIM_DECL void process_node(const std::string& name);
    KUBESIM_DECL void do_no_schedule_tainting_pass(const std::string& name);
    KUBESIM_DECL void reconcile_node_labels(const std::string& name);

    // podUpdated / processPod: a pod bound to a node known not ready is
    // marked not ready too.
    KUBESIM_DECL void pod_updated(const api::pod* old_pod, const api::pod* new_pod);
    KUBESIM_DECL void process_pod(const std::string& key);

    [[nodiscard]] KUBESIM_DECL std::vector<std::shared_ptr<const api::pod>> pods_assigned_to(
        const std::string& node) const;

    store::object_store* store_;
    controller_options opt_;
    store::informer<api::node> nodes_;
    store::informer<api::pod> pods_;
    store::informer<api::lease> leases_;
    store::event_recorder recorder_;
    work_queue node_queue_;
    work_queue pod_queue_;
    std::map<std::string, std::string, std::less<>> known_nodes_;  // name -> uid
    std::map<std::string, node_health, std::less<>> health_;
    std::map<std::string, zone_tainter, std::less<>> tainters_;
    std::map<std::string, zone_state, std::less<>> zone_states_;
    std::set<std::string, std::less<>> nodes_to_retry_;
    sim::timer_id pass_timer_{};
    bool started_{false};
    bool first_pass_done_{false};
    std::uint64_t passes_{0};
};

}  // namespace kubesim::controllers::node_lifecycle

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/node_lifecycle/controller.ipp>
#endif
