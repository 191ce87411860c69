// The kube-scheduler as a running component: watches pods and nodes, picks a
// node for every pending pod and binds it. Models upstream:
//   pkg/scheduler/schedule_one.go (scheduleOne, schedulingCycle, schedulePod,
//     findNodesThatPassFilters, numFeasibleNodesToFind, prioritizeNodes,
//     selectHost, handleSchedulingFailure, updatePod)
//   pkg/scheduler/backend/queue/scheduling_queue.go (PriorityQueue: activeQ,
//     podBackoffQ, unschedulablePods, flushBackoffQCompleted,
//     flushUnschedulablePodsLeftover, calculateBackoffDuration,
//     MoveAllToActiveOrBackoffQueue)
//   pkg/scheduler/eventhandlers.go (addAllEventHandlers: unassigned pods feed
//     the queue, assigned pods and nodes feed the cache)
//   pkg/scheduler/backend/cache (per-node NodeInfo kept incrementally, the node
//     tree order) and framework/plugins/defaultbinder (the pods/binding POST).
// The filters and scores themselves are plugins.hpp.
//
// How it runs. Informers on nodes and on non-terminal pods (field selector
// status.phase!=Succeeded,status.phase!=Failed, as upstream: a pod that
// finishes arrives as a delete). Pods bound to a node are added to that node's
// node_info; pending pods with spec.schedulerName == "default-scheduler" that
// are not being deleted are queued. The queue has upstream's three parts:
//  - active: ordered by priority (higher first), then by the time the pod
//    entered the queue (its creationTimestamp, then the time of its latest
//    failed attempt), then by arrival;
//  - backoff: pods retried too soon wait initial_backoff * 2^(attempts-1),
//    capped at max_backoff (1 s, 2 s, 4 s, 8 s, 10 s, 10 s ...), counted from
//    their last failure;
//  - unschedulable: pods no node fits. They move back (to active, or to backoff
//    if still backing off) when the cluster changes in a way that may help: a
//    node added, a node whose spec, labels, allocatable or readiness changed, an
//    assigned pod deleted or finished, or the pod itself updated (not just its
//    status); and in any case after 5 minutes there (podMaxInUnschedulablePodsDuration).
// Each scheduling attempt is one engine entry; when the active queue is not
// empty after it, the next attempt is posted. Timers exist only while the
// backoff or unschedulable part holds pods.
//
// One attempt (schedulingCycle + bindingCycle):
//  1. filter: visit the nodes in node-tree order starting where the previous
//     attempt stopped (nextStartNodeIndex), running run_filter_plugins, until
//     num_feasible_nodes_to_find nodes passed (at 5,000 nodes: 10%, 500 nodes);
//  2. none passed: FailedScheduling (Warning) with fit_error_message, and the
//     pod's PodScheduled condition set False, reason Unschedulable, same
//     message, through update_status (skipped when already so);
//  3. one passed: it is chosen without scoring, as upstream;
//  4. several: least allocated (weight 1), preferred node affinity (2,
//     normalized), PreferNoSchedule taints (3, normalized reversed) and
//     spreading of pods with the same controller owner (2, normalized
//     reversed); the highest total wins, ties broken by reservoir sampling
//     with the seeded generator (selectHost);
//  5. bind through pods/binding (object_store::bind_pod, with the pod's uid),
//     add the pod to the node's node_info at once (upstream "assumes" it), and
//     record Scheduled (Normal) "Successfully assigned <ns>/<pod> to <node>".
//     A refused binding is recorded as FailedScheduling "binding rejected: ..."
//     and retried with backoff, unless the pod is gone or already bound.
//
// Cost per attempt: O(nodes visited) filter and score calls, each O(1) in the
// cluster size: node_info is maintained from watch events, and the spreading
// count reads the owner's (node -> pods) table instead of the nodes' pod lists.
//
// Simplifications (documented, deliberate):
//  - no preemption (the FailedScheduling text says so as upstream does when it
//    finds no victims), no nominated nodes, no scheduling gates, no pod
//    (anti-)affinity, no topology spread constraints beyond the spreading score;
//  - queueing hints are coarse: any event of the kinds above moves every
//    unschedulable pod, whatever plugin rejected it;
//  - binding is synchronous: the pod is bound within its attempt (upstream binds
//    in a goroutine after assuming the pod);
//  - the unschedulable part is flushed at the exact 5-minute mark of each pod
//    (upstream checks every 30 s, so a pod may wait up to 30 s longer there);
//  - upstream's SchedulerPopFromBackoffQ (pop a backing-off pod when the active
//    queue is empty) is not modelled: backoff is always waited out;
//  - the class lives in namespace kubesim::controllers::scheduler (the
//    namespace plugins.hpp opened), so its full name is
//    controllers::scheduler::scheduler.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/scheduler/plugins.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::sim {
class trace;
}  // namespace kubesim::sim

namespace kubesim::controllers::scheduler {

// The defaults are upstream's (KubeSchedulerConfiguration v1, scheduling_queue.go).
struct scheduler_options {
    std::string scheduler_name{"default-scheduler"};
    // percentageOfNodesToScore: 0 = adaptive (see num_feasible_nodes_to_find).
    int percentage_of_nodes_to_score{0};
    sim::duration pod_initial_backoff{std::chrono::seconds(1)};   // podInitialBackoffDuration
    sim::duration pod_max_backoff{std::chrono::seconds(10)};      // podMaxBackoffDuration
    sim::duration pod_max_in_unschedulable_pods{std::chrono::minutes(5)};  // podMaxInUnschedulablePodsDuration
    // Where "scheduler bind <ns>/<pod> <node>" lines go (the cluster's trace), if anywhere.
    sim::trace* trace{nullptr};
};

inline constexpr int min_feasible_nodes_to_find = 100;            // minFeasibleNodesToFind
inline constexpr int min_feasible_nodes_percentage_to_find = 5;   // minFeasibleNodesPercentageToFind
inline constexpr int base_percentage_of_nodes_to_score = 50;      // basePercentageOfNodesToScore

// numFeasibleNodesToFind: how many feasible nodes an attempt looks for before
// it stops filtering. Small clusters (< 100 nodes) are filtered entirely. With
// percentage 0 the percentage adapts: 50 - nodes/125, at least 5; the result
// is at least 100 nodes.
// Example: 5,000 nodes => 50 - 40 = 10% => 500; 1,000 nodes => 42% => 420;
// 200 nodes => 49% => 98 => raised to 100; 10,000 nodes => -30 => 5% => 500.
[[nodiscard]] KUBESIM_DECL int num_feasible_nodes_to_find(int percentage_of_nodes_to_score, int num_all_nodes);

// calculateBackoffDuration: initial * 2^(attempts-1), capped at max.
// Example (1 s, 10 s): attempts 1..5 => 1 s, 2 s, 4 s, 8 s, 10 s.
[[nodiscard]] KUBESIM_DECL sim::duration pod_backoff_duration(int attempts, sim::duration initial, sim::duration max);

class scheduler {
public:
    using pod_ptr = std::shared_ptr<const api::pod>;
    using node_ptr = std::shared_ptr<const api::node>;

    KUBESIM_DECL scheduler(store::object_store& s, sim::random rng, scheduler_options opts = {});
    scheduler(const scheduler&) = delete;
    scheduler& operator=(const scheduler&) = delete;
    ~scheduler() { stop(); }

    // Nodes first, so the first pods find the nodes already in the cache.
    // One run per object: stop() is final (informers do not restart).
    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    // Introspection for tests and tools.
    [[nodiscard]] std::size_t pending_active() const noexcept { return active_.size(); }
    [[nodiscard]] std::size_t pending_backoff() const noexcept { return backoff_.size(); }
    [[nodiscard]] std::size_t pending_unschedulable() const noexcept { return unschedulable_.size(); }
    [[nodiscard]] std::uint64_t attempts() const noexcept { return attempts_; }
    // The cache's view of a node (null if unknown): requested resources and pods.
    [[nodiscard]] KUBESIM_DECL const node_info* node_info_of(std::string_view node) const;

private:
    // ---- cache ----------------------------------------------------------------
    struct node_entry {
        node_ptr node{};         // null: pods are bound to a node not seen (or gone)
        node_info info{};        // info.node == node.get()
        bool listed{false};      // in order_ (the node tree)
        std::uint32_t id{0};     // stable number, for owner tables
        std::size_t scratch{0};  // index in feasible_ during select_host
    };
    struct owner_pods {
        std::string key{};                       // "<ns>/<owner uid>"
        std::map<std::uint32_t, int> per_node{};  // node id -> pods
    };
    struct cached_pod {
        pod_ptr pod{};
        node_entry* node{nullptr};
        owner_pods* owner{nullptr};  // counted for spreading under this owner
    };

    // ---- queue ----------------------------------------------------------------
    enum class where : std::uint8_t { active, backoff, unschedulable };
    struct queued_pod {
        pod_ptr pod{};
        sim::time_point timestamp{};  // entered the queue: creation, then each failure
        std::uint64_t seq{0};         // tie-breaker within an instant; refreshed with timestamp
        int attempts{0};
        where at{where::active};
        sim::time_point last_failure{};
        sim::time_point since{};  // entered the unschedulable part
    };
    using order_key = std::pair<std::int64_t, std::uint64_t>;  // (time, seq)
    using active_order = std::tuple<std::int64_t, std::int64_t, std::uint64_t>;  // (-priority, timestamp, seq)

    static std::string key_of(const api::object_meta& m) { return m.namespace_ + "/" + m.name; }

    KUBESIM_DECL bool responsible_for(const api::pod& p) const;

    // ---- node events ----------------------------------------------------------
    KUBESIM_DECL void add_node(const node_ptr& n);

    KUBESIM_DECL node_entry& entry_for(const std::string& name);
    node_entry* entry_by_id(std::uint32_t id) const { return id < node_by_id_.size() ? node_by_id_[id] : nullptr; }
    KUBESIM_DECL void erase_entry(std::map<std::string, node_entry, std::less<>>::iterator it);

    KUBESIM_DECL static bool ready_status(const api::node& n);

    // Whether a node update can make a pod fit that did not (upstream's
    // NodeUpdate sub-events: allocatable, labels, taints, unschedulable,
    // condition). Heartbeats change nothing here.
    KUBESIM_DECL static bool node_update_matters(const api::node& o, const api::node& n);

    KUBESIM_DECL void update_node(const node_ptr& o, const node_ptr& n);

    KUBESIM_DECL void delete_node(const node_ptr& n);

    // ---- pod events -----------------------------------------------------------
    KUBESIM_DECL void add_pod_event(const pod_ptr& p);

    KUBESIM_DECL static bool pod_updated(const api::pod& o, const api::pod& n);

    KUBESIM_DECL void update_pod_event(const pod_ptr& o, const pod_ptr& n);

    KUBESIM_DECL void delete_pod_event(const pod_ptr& p);

    // ---- cache maintenance (NodeInfo.AddPod / RemovePod) -----------------------
    // Spreading: per controller owner, its pods (not being deleted) per node
    // id. Scoring one pod reads its owner's table once instead of every
    // node's pod list; the table lives while some cached pod has that owner.
    KUBESIM_DECL owner_pods* acquire_owner(const api::pod& p, std::uint32_t node_id);
    KUBESIM_DECL void release_owner(owner_pods* o, std::uint32_t node_id);
    KUBESIM_DECL const owner_pods* find_owner(const api::pod& p) const;

    KUBESIM_DECL void cache_pod(const pod_ptr& p);

    KUBESIM_DECL bool uncache_pod(const std::string& key);

    // ---- queue maintenance ----------------------------------------------------
    KUBESIM_DECL void enqueue_new(const pod_ptr& p);

    KUBESIM_DECL static active_order active_key(const queued_pod& q);

    KUBESIM_DECL void dequeue(const std::string& key);

    KUBESIM_DECL sim::time_point backoff_until(const queued_pod& q) const;

    // Moves a pod that is in no part (it was just taken out of one) into
    // active, or backoff while its backoff lasts.
    KUBESIM_DECL void to_active_or_backoff(const std::string& key, queued_pod& q);

    // MoveAllToActiveOrBackoffQueue: every unschedulable pod gets another try.
    KUBESIM_DECL void move_all_to_active_or_backoff();

    // flushBackoffQCompleted: pods whose backoff ended go active.
    KUBESIM_DECL void flush_backoff();

    // flushUnschedulablePodsLeftover: pods unschedulable for too long try again.
    KUBESIM_DECL void flush_unschedulable();

    // One timer per part, due when its earliest pod is; none when it is empty.
    KUBESIM_DECL void arm_timers();

    KUBESIM_DECL void post_next();

    // ---- one attempt ----------------------------------------------------------
    struct attempt_result {
        node_entry* node{nullptr};
        std::string message{};  // why no node fits
    };

    // scheduleOne: pops the first active pod, schedules and binds it.
    KUBESIM_DECL void schedule_one();

    KUBESIM_DECL attempt_result schedule_pod(const api::pod& pod);

    // prioritizeNodes + selectHost over feasible_.
    KUBESIM_DECL std::size_t select_host(const api::pod& pod);

    KUBESIM_DECL void bind(const std::string& key, queued_pod& q, node_entry& node);

    // handleSchedulingFailure: event, PodScheduled=False, back into the queue
    // (unschedulable when no node fits, backoff after an error).
    KUBESIM_DECL void handle_failure(const std::string& key, queued_pod& q, const std::string& message,
                                     std::string_view reason, bool error);

    // updatePod: PodScheduled False with the reason and message, written only
    // when it changes (UpdatePodCondition reports no change otherwise).
    KUBESIM_DECL void update_pod_condition(const api::pod& pod, std::string_view reason, const std::string& message);

    store::object_store* store_;
    sim::random rng_;
    scheduler_options opts_;
    store::event_recorder recorder_;
    store::informer<api::node> nodes_informer_;
    store::informer<api::pod> pods_informer_;
    bool running_{false};

    // Cache: nodes by name (stable addresses), the node tree order, bound pods.
    std::map<std::string, node_entry, std::less<>> nodes_;
    std::vector<node_entry*> order_;
    int next_start_{0};  // nextStartNodeIndex
    std::map<std::string, cached_pod, std::less<>> bound_;
    std::uint32_t next_node_id_{0};
    std::vector<node_entry*> node_by_id_;  // [id] -> entry, null once erased
    // "<ns>/<owner uid>" -> its pods per node; looked up only, never iterated
    // (element addresses are stable, cached_pod points at them).
    std::unordered_map<std::string, owner_pods> owners_;

    // Queue: every queued pod, and the three parts ordered by key.
    std::map<std::string, queued_pod, std::less<>> queued_;
    std::map<active_order, std::string> active_;      // (-priority, timestamp, seq)
    std::map<order_key, std::string> backoff_;        // (backoff end, seq)
    std::map<order_key, std::string> unschedulable_;  // (since, seq)
    std::uint64_t next_seq_{0};
    std::uint64_t attempts_{0};

    sim::timer_id cycle_timer_{};
    sim::timer_id backoff_timer_{};
    sim::timer_id flush_timer_{};
    sim::time_point backoff_due_{};
    sim::time_point flush_due_{};

    // Per-attempt buffers, reused (no allocation per attempt once warm).
    std::vector<node_entry*> feasible_;
    std::vector<std::int64_t> total_, affinity_, taints_, spread_;
};

}  // namespace kubesim::controllers::scheduler

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/scheduler/scheduler.ipp>
#endif
