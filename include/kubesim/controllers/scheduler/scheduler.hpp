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
#include <kubesim/controllers/scheduler/plugins.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/sim/trace.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

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
[[nodiscard]] inline int num_feasible_nodes_to_find(int percentage_of_nodes_to_score, int num_all_nodes) {
    if (num_all_nodes < min_feasible_nodes_to_find) return num_all_nodes;
    int percentage = percentage_of_nodes_to_score;
    if (percentage <= 0) {
        percentage = base_percentage_of_nodes_to_score - num_all_nodes / 125;
        if (percentage < min_feasible_nodes_percentage_to_find) percentage = min_feasible_nodes_percentage_to_find;
    }
    if (percentage >= 100) return num_all_nodes;
    const int n = static_cast<int>(static_cast<std::int64_t>(num_all_nodes) * percentage / 100);
    return n < min_feasible_nodes_to_find ? min_feasible_nodes_to_find : n;
}

// calculateBackoffDuration: initial * 2^(attempts-1), capped at max.
// Example (1 s, 10 s): attempts 1..5 => 1 s, 2 s, 4 s, 8 s, 10 s.
[[nodiscard]] inline sim::duration pod_backoff_duration(int attempts, sim::duration initial, sim::duration max) {
    sim::duration d = initial;
    for (int i = 1; i < attempts; ++i) {
        if (d >= max) break;
        d *= 2;
    }
    return d > max ? max : d;
}

class scheduler {
public:
    using pod_ptr = std::shared_ptr<const api::pod>;
    using node_ptr = std::shared_ptr<const api::node>;

    scheduler(store::object_store& s, sim::random rng, scheduler_options opts = {})
        : store_(&s),
          rng_(rng),
          opts_(std::move(opts)),
          recorder_(s, opts_.scheduler_name),
          nodes_informer_(s),
          pods_informer_(s, {},
                         list_options{.label_selector = {},
                                      .field_selector = "status.phase!=Succeeded,status.phase!=Failed"}) {
        nodes_informer_.on_add([this](const node_ptr& n) { add_node(n); });
        nodes_informer_.on_update([this](const node_ptr& o, const node_ptr& n) { update_node(o, n); });
        nodes_informer_.on_delete([this](const node_ptr& n) { delete_node(n); });
        pods_informer_.on_add([this](const pod_ptr& p) { add_pod_event(p); });
        pods_informer_.on_update([this](const pod_ptr& o, const pod_ptr& n) { update_pod_event(o, n); });
        pods_informer_.on_delete([this](const pod_ptr& p) { delete_pod_event(p); });
    }
    scheduler(const scheduler&) = delete;
    scheduler& operator=(const scheduler&) = delete;
    ~scheduler() { stop(); }

    // Nodes first, so the first pods find the nodes already in the cache.
    // One run per object: stop() is final (informers do not restart).
    void start() {
        if (running_) return;
        running_ = true;
        nodes_informer_.start();
        pods_informer_.start();
        post_next();
        arm_timers();
    }
    void stop() {
        running_ = false;
        nodes_informer_.stop();
        pods_informer_.stop();
        auto& eng = store_->engine();
        for (auto* t : {&cycle_timer_, &backoff_timer_, &flush_timer_}) {
            if (t->valid()) eng.cancel(*t);
            *t = {};
        }
    }

    // Introspection for tests and tools.
    [[nodiscard]] std::size_t pending_active() const noexcept { return active_.size(); }
    [[nodiscard]] std::size_t pending_backoff() const noexcept { return backoff_.size(); }
    [[nodiscard]] std::size_t pending_unschedulable() const noexcept { return unschedulable_.size(); }
    [[nodiscard]] std::uint64_t attempts() const noexcept { return attempts_; }
    // The cache's view of a node (null if unknown): requested resources and pods.
    [[nodiscard]] const node_info* node_info_of(std::string_view node) const {
        auto it = nodes_.find(node);
        return it == nodes_.end() ? nullptr : &it->second.info;
    }

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

    bool responsible_for(const api::pod& p) const {
        return p.spec.node_name.empty() && p.spec.scheduler_name == opts_.scheduler_name &&
               !p.metadata.deletion_timestamp && p.status.phase != "Succeeded" && p.status.phase != "Failed";
    }

    // ---- node events ----------------------------------------------------------
    void add_node(const node_ptr& n) {
        auto& e = entry_for(n->metadata.name);
        e.node = n;
        set_node(e.info, n.get());
        if (!e.listed) {
            e.listed = true;
            order_.push_back(&e);
        }
        move_all_to_active_or_backoff();
    }

    node_entry& entry_for(const std::string& name) {
        auto [it, added] = nodes_.try_emplace(name);
        if (added) {
            it->second.id = ++next_node_id_;
            node_by_id_.resize(next_node_id_ + 1, nullptr);
            node_by_id_[next_node_id_] = &it->second;
        }
        return it->second;
    }
    node_entry* entry_by_id(std::uint32_t id) const { return id < node_by_id_.size() ? node_by_id_[id] : nullptr; }
    void erase_entry(std::map<std::string, node_entry, std::less<>>::iterator it) {
        node_by_id_[it->second.id] = nullptr;
        nodes_.erase(it);
    }

    static bool ready_status(const api::node& n) {
        for (const auto& c : n.status.conditions)
            if (c.type == "Ready") return c.status == "True";
        return false;
    }

    // Whether a node update can make a pod fit that did not (upstream's
    // NodeUpdate sub-events: allocatable, labels, taints, unschedulable,
    // condition). Heartbeats change nothing here.
    static bool node_update_matters(const api::node& o, const api::node& n) {
        if (o.spec.unschedulable != n.spec.unschedulable || o.spec.taints != n.spec.taints) return true;
        if (o.metadata.labels != n.metadata.labels) return true;
        if (o.status.allocatable != n.status.allocatable) return true;
        return ready_status(o) != ready_status(n);
    }

    void update_node(const node_ptr& o, const node_ptr& n) {
        auto it = nodes_.find(n->metadata.name);
        if (it == nodes_.end() || !it->second.listed) {
            add_node(n);
            return;
        }
        it->second.node = n;
        set_node(it->second.info, n.get());
        if (node_update_matters(*o, *n)) move_all_to_active_or_backoff();
    }

    void delete_node(const node_ptr& n) {
        auto it = nodes_.find(n->metadata.name);
        if (it == nodes_.end()) return;
        auto& e = it->second;
        if (e.listed) {
            for (auto o = order_.begin(); o != order_.end(); ++o)
                if (*o == &e) {
                    order_.erase(o);
                    break;
                }
            e.listed = false;
        }
        e.node = nullptr;
        set_node(e.info, nullptr);
        if (e.info.pod_count == 0) erase_entry(it);
    }

    // ---- pod events -----------------------------------------------------------
    void add_pod_event(const pod_ptr& p) {
        if (!p->spec.node_name.empty()) {
            cache_pod(p);
            return;
        }
        if (responsible_for(*p)) enqueue_new(p);
    }

    static bool pod_updated(const api::pod& o, const api::pod& n) {
        return o.spec != n.spec || o.metadata.labels != n.metadata.labels ||
               o.metadata.annotations != n.metadata.annotations;
    }

    void update_pod_event(const pod_ptr& o, const pod_ptr& n) {
        const std::string key = key_of(n->metadata);
        if (!n->spec.node_name.empty()) {
            dequeue(key);
            cache_pod(n);
            return;
        }
        if (!responsible_for(*n)) {
            dequeue(key);
            return;
        }
        auto it = queued_.find(key);
        if (it == queued_.end()) {
            enqueue_new(n);
            return;
        }
        auto& q = it->second;
        q.pod = n;
        if (q.at == where::unschedulable && pod_updated(*o, *n)) {
            unschedulable_.erase(order_key{q.since.time_since_epoch().count(), q.seq});
            to_active_or_backoff(key, q);
            post_next();
            arm_timers();
        }
    }

    void delete_pod_event(const pod_ptr& p) {
        const std::string key = key_of(p->metadata);
        dequeue(key);
        if (uncache_pod(key)) move_all_to_active_or_backoff();
    }

    // ---- cache maintenance (NodeInfo.AddPod / RemovePod) -----------------------
    // Spreading: per controller owner, its pods (not being deleted) per node
    // id. Scoring one pod reads its owner's table once instead of every
    // node's pod list; the table lives while some cached pod has that owner.
    owner_pods* acquire_owner(const api::pod& p, std::uint32_t node_id) {
        if (p.metadata.deletion_timestamp) return nullptr;
        const auto* o = api::controller_of(p.metadata);
        if (!o) return nullptr;
        std::string k = p.metadata.namespace_ + "/" + o->uid;
        auto it = owners_.find(k);
        if (it == owners_.end()) it = owners_.emplace(k, owner_pods{k, {}}).first;
        ++it->second.per_node[node_id];
        return &it->second;
    }
    void release_owner(owner_pods* o, std::uint32_t node_id) {
        auto n = o->per_node.find(node_id);
        if (--n->second > 0) return;
        o->per_node.erase(n);
        if (!o->per_node.empty()) return;
        const std::string key = o->key;  // not a reference into the erased element
        owners_.erase(key);
    }
    const owner_pods* find_owner(const api::pod& p) const {
        const auto* o = api::controller_of(p.metadata);
        if (!o) return nullptr;
        auto it = owners_.find(p.metadata.namespace_ + "/" + o->uid);
        return it == owners_.end() ? nullptr : &it->second;
    }

    void cache_pod(const pod_ptr& p) {
        const std::string key = key_of(p->metadata);
        auto it = bound_.find(key);
        if (it != bound_.end()) {
            if (it->second.pod == p) return;  // our own binding coming back
            uncache_pod(key);
        }
        auto& e = entry_for(p->spec.node_name);
        add_pod(e.info, *p);
        cached_pod c{p, &e, acquire_owner(*p, e.id)};
        bound_.emplace(key, std::move(c));
    }

    bool uncache_pod(const std::string& key) {
        auto it = bound_.find(key);
        if (it == bound_.end()) return false;
        auto& c = it->second;
        node_entry& e = *c.node;
        remove_pod(e.info, *c.pod);
        if (c.owner) release_owner(c.owner, e.id);
        const std::string node_name = c.pod->spec.node_name;
        bound_.erase(it);
        if (!e.listed && e.info.pod_count == 0) erase_entry(nodes_.find(node_name));
        return true;
    }

    // ---- queue maintenance ----------------------------------------------------
    void enqueue_new(const pod_ptr& p) {
        const std::string key = key_of(p->metadata);
        queued_pod q;
        q.pod = p;
        q.timestamp = p->metadata.creation_timestamp.value_or(store_->now());
        q.seq = ++next_seq_;
        q.at = where::active;
        auto& stored = queued_.emplace(key, std::move(q)).first->second;
        active_.emplace(active_key(stored), key);
        post_next();
    }

    static active_order active_key(const queued_pod& q) {
        return {-static_cast<std::int64_t>(q.pod->spec.priority.value_or(0)), q.timestamp.time_since_epoch().count(),
                q.seq};
    }

    void dequeue(const std::string& key) {
        auto it = queued_.find(key);
        if (it == queued_.end()) return;
        auto& q = it->second;
        switch (q.at) {
            case where::active: active_.erase(active_key(q)); break;
            case where::backoff: backoff_.erase(order_key{backoff_until(q).time_since_epoch().count(), q.seq}); break;
            case where::unschedulable:
                unschedulable_.erase(order_key{q.since.time_since_epoch().count(), q.seq});
                break;
        }
        queued_.erase(it);
        arm_timers();
    }

    sim::time_point backoff_until(const queued_pod& q) const {
        return q.last_failure + pod_backoff_duration(q.attempts, opts_.pod_initial_backoff, opts_.pod_max_backoff);
    }

    // Moves a pod that is in no part (it was just taken out of one) into
    // active, or backoff while its backoff lasts.
    void to_active_or_backoff(const std::string& key, queued_pod& q) {
        const auto until = backoff_until(q);
        if (q.attempts > 0 && until > store_->now()) {
            q.at = where::backoff;
            backoff_.emplace(order_key{until.time_since_epoch().count(), q.seq}, key);
        } else {
            q.at = where::active;
            active_.emplace(active_key(q), key);
        }
    }

    // MoveAllToActiveOrBackoffQueue: every unschedulable pod gets another try.
    void move_all_to_active_or_backoff() {
        if (unschedulable_.empty()) return;
        auto moving = std::move(unschedulable_);
        unschedulable_.clear();
        for (auto& [k, key] : moving) to_active_or_backoff(key, queued_.at(key));
        post_next();
        arm_timers();
    }

    // flushBackoffQCompleted: pods whose backoff ended go active.
    void flush_backoff() {
        backoff_timer_ = {};
        const auto now = store_->now().time_since_epoch().count();
        while (!backoff_.empty() && backoff_.begin()->first.first <= now) {
            const std::string key = std::move(backoff_.begin()->second);
            backoff_.erase(backoff_.begin());
            auto& q = queued_.at(key);
            q.at = where::active;
            active_.emplace(active_key(q), key);
        }
        post_next();
        arm_timers();
    }

    // flushUnschedulablePodsLeftover: pods unschedulable for too long try again.
    void flush_unschedulable() {
        flush_timer_ = {};
        const auto limit = (store_->now() - opts_.pod_max_in_unschedulable_pods).time_since_epoch().count();
        while (!unschedulable_.empty() && unschedulable_.begin()->first.first <= limit) {
            const std::string key = std::move(unschedulable_.begin()->second);
            unschedulable_.erase(unschedulable_.begin());
            to_active_or_backoff(key, queued_.at(key));
        }
        post_next();
        arm_timers();
    }

    // One timer per part, due when its earliest pod is; none when it is empty.
    void arm_timers() {
        if (!running_) return;
        auto& eng = store_->engine();
        auto arm = [&](sim::timer_id& timer, sim::time_point& due, bool want, sim::time_point at, void (scheduler::*fn)()) {
            if (timer.valid() && eng.is_pending(timer) && want && due == at) return;
            if (timer.valid()) eng.cancel(timer);
            timer = {};
            if (!want) return;
            due = at;
            timer = eng.schedule_at(at, [this, fn] { (this->*fn)(); });
        };
        const bool b = !backoff_.empty();
        arm(backoff_timer_, backoff_due_, b,
            b ? sim::time_point(sim::duration(backoff_.begin()->first.first)) : sim::time_point{},
            &scheduler::flush_backoff);
        const bool u = !unschedulable_.empty();
        arm(flush_timer_, flush_due_, u,
            u ? sim::time_point(sim::duration(unschedulable_.begin()->first.first)) + opts_.pod_max_in_unschedulable_pods
              : sim::time_point{},
            &scheduler::flush_unschedulable);
    }

    void post_next() {
        if (!running_ || active_.empty()) return;
        auto& eng = store_->engine();
        if (cycle_timer_.valid() && eng.is_pending(cycle_timer_)) return;
        cycle_timer_ = eng.post([this] { schedule_one(); });
    }

    // ---- one attempt ----------------------------------------------------------
    struct attempt_result {
        node_entry* node{nullptr};
        std::string message{};  // why no node fits
    };

    // scheduleOne: pops the first active pod, schedules and binds it.
    void schedule_one() {
        cycle_timer_ = {};
        if (active_.empty()) return;
        const std::string key = std::move(active_.begin()->second);
        active_.erase(active_.begin());
        auto& q = queued_.at(key);
        ++q.attempts;
        ++attempts_;
        const pod_ptr pod = q.pod;
        auto r = schedule_pod(*pod);
        if (!r.node) {
            handle_failure(key, q, r.message, "Unschedulable", false);
        } else {
            bind(key, q, *r.node);
        }
        post_next();
    }

    attempt_result schedule_pod(const api::pod& pod) {
        attempt_result out;
        const int all = static_cast<int>(order_.size());
        if (all == 0) {
            out.message = std::string(err_no_nodes_available);
            return out;
        }
        // findNodesThatPassFilters
        const int want = num_feasible_nodes_to_find(opts_.percentage_of_nodes_to_score, all);
        feasible_.clear();
        std::map<std::string, int> reasons;
        int processed = 0;
        if (next_start_ >= all) next_start_ = 0;
        const resource_request req = pod_requests(pod);
        for (int i = 0; i < all && static_cast<int>(feasible_.size()) < want; ++i) {
            node_entry* n = order_[static_cast<std::size_t>((next_start_ + i) % all)];
            ++processed;
            auto failed = run_filter_plugins(pod, n->info, &req);
            if (failed.empty()) feasible_.push_back(n);
            else
                for (auto& reason : failed) ++reasons[std::move(reason)];
        }
        next_start_ = (next_start_ + processed) % all;
        if (feasible_.empty()) {
            out.message = fit_error_message(all, reasons);
            return out;
        }
        if (feasible_.size() == 1) {
            out.node = feasible_.front();
            return out;
        }
        out.node = feasible_[select_host(pod)];
        return out;
    }

    // prioritizeNodes + selectHost over feasible_.
    std::size_t select_host(const api::pod& pod) {
        const std::size_t n = feasible_.size();
        total_.assign(n, 0);
        affinity_.assign(n, 0);
        taints_.assign(n, 0);
        spread_.assign(n, 0);
        const resource_request nz = pod_non_zero_requests(pod);
        for (std::size_t i = 0; i < n; ++i) {
            node_entry& e = *feasible_[i];
            e.scratch = i;
            total_[i] = least_allocated_score(pod, e.info, &nz) * weight_node_resources_fit;
            affinity_[i] = node_affinity_score(pod, e.info);
            taints_[i] = taint_toleration_score(pod, e.info);
        }
        // selector_spread_score's counts, from the owner's table: it has at
        // most one entry per node, so walk it when it is small, else look up.
        if (const owner_pods* owner = find_owner(pod)) {
            if (owner->per_node.size() <= 4 * n) {
                for (const auto& [id, count] : owner->per_node) {
                    auto* e = entry_by_id(id);
                    if (e && e->scratch < n && feasible_[e->scratch] == e) spread_[e->scratch] = count;
                }
            } else {
                for (std::size_t i = 0; i < n; ++i) {
                    auto c = owner->per_node.find(feasible_[i]->id);
                    if (c != owner->per_node.end()) spread_[i] = c->second;
                }
            }
        }
        normalize(affinity_, false);
        normalize(taints_, true);
        normalize(spread_, true);
        for (std::size_t i = 0; i < n; ++i)
            total_[i] += affinity_[i] * weight_node_affinity + taints_[i] * weight_taint_toleration +
                         spread_[i] * weight_pod_topology_spread;
        // selectHost: reservoir sampling among the nodes sharing the top score,
        // so each of k tied nodes is picked with probability 1/k.
        std::size_t best = 0;
        std::uint64_t ties = 1;
        for (std::size_t i = 1; i < n; ++i) {
            if (total_[i] > total_[best]) {
                best = i;
                ties = 1;
            } else if (total_[i] == total_[best]) {
                ++ties;
                if (rng_.below(ties) == 0) best = i;
            }
        }
        return best;
    }

    void bind(const std::string& key, queued_pod& q, node_entry& node) {
        const pod_ptr pod = q.pod;
        const auto& m = pod->metadata;
        const std::string& node_name = node.node->metadata.name;
        auto r = store_->bind_pod(m.namespace_, m.name, node_name, m.uid);
        if (!r) {
            // The pod went away or got bound meanwhile: nothing to retry.
            const auto cur = store_->find(store::kind_ops_of<api::pod>(), m.namespace_, m.name);
            const auto* cp = static_cast<const api::pod*>(cur.get());
            if (!cp || cp->metadata.uid != m.uid || !responsible_for(*cp)) {
                dequeue(key);
                return;
            }
            handle_failure(key, q, "binding rejected: " + r.error().message, "SchedulerError", true);
            return;
        }
        auto bound = std::static_pointer_cast<const api::pod>(*r);
        queued_.erase(key);  // not in any part while being scheduled
        cache_pod(bound);
        if (opts_.trace && opts_.trace->enabled())
            opts_.trace->emit(store_->now(), "scheduler", "bind " + key + " " + node_name);
        recorder_.event(*pod, "Normal", "Scheduled", "Successfully assigned " + key + " to " + node_name);
    }

    // handleSchedulingFailure: event, PodScheduled=False, back into the queue
    // (unschedulable when no node fits, backoff after an error).
    void handle_failure(const std::string& key, queued_pod& q, const std::string& message, std::string_view reason,
                        bool error) {
        const pod_ptr pod = q.pod;
        q.seq = ++next_seq_;
        q.timestamp = store_->now();
        q.last_failure = store_->now();
        if (error) {
            q.at = where::backoff;
            backoff_.emplace(order_key{backoff_until(q).time_since_epoch().count(), q.seq}, key);
        } else {
            q.at = where::unschedulable;
            q.since = store_->now();
            unschedulable_.emplace(order_key{q.since.time_since_epoch().count(), q.seq}, key);
        }
        arm_timers();
        recorder_.event(*pod, "Warning", "FailedScheduling", message);
        update_pod_condition(*pod, reason, message);
    }

    // updatePod: PodScheduled False with the reason and message, written only
    // when it changes (UpdatePodCondition reports no change otherwise).
    void update_pod_condition(const api::pod& pod, std::string_view reason, const std::string& message) {
        auto c = store::client<api::pod>(*store_, pod.metadata.namespace_);
        auto cur = c.get_shared(pod.metadata.name);
        if (!cur || (*cur)->metadata.uid != pod.metadata.uid) return;
        api::pod next = **cur;
        api::pod_condition cond{.type = "PodScheduled", .status = "False",
                                .observed_generation = next.metadata.generation, .last_probe_time = std::nullopt,
                                .last_transition_time = store_->now(), .reason = std::string(reason),
                                .message = message};
        bool found = false;
        for (auto& e : next.status.conditions) {
            if (e.type != "PodScheduled") continue;
            found = true;
            if (e.status == cond.status && e.last_transition_time) cond.last_transition_time = e.last_transition_time;
            if (e == cond) return;
            e = std::move(cond);
            break;
        }
        if (!found) next.status.conditions.push_back(std::move(cond));
        next.metadata.resource_version.clear();
        (void)c.update_status(next);
    }

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
