// Definitions of controllers/scheduler/scheduler.hpp.
#pragma once

#include <kubesim/controllers/scheduler/scheduler.hpp>

#include <utility>

#include <kubesim/sim/trace.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/kind_ops.hpp>

namespace kubesim::controllers::scheduler {

int num_feasible_nodes_to_find(int percentage_of_nodes_to_score, int num_all_nodes) {
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

sim::duration pod_backoff_duration(int attempts, sim::duration initial, sim::duration max) {
    sim::duration d = initial;
    for (int i = 1; i < attempts; ++i) {
        if (d >= max) break;
        d *= 2;
    }
    return d > max ? max : d;
}

scheduler::scheduler(store::object_store& s, sim::random rng, scheduler_options opts)
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

void scheduler::start() {
    if (running_) return;
    running_ = true;
    nodes_informer_.start();
    pods_informer_.start();
    post_next();
    arm_timers();
}

void scheduler::stop() {
    running_ = false;
    nodes_informer_.stop();
    pods_informer_.stop();
    auto& eng = store_->engine();
    for (auto* t : {&cycle_timer_, &backoff_timer_, &flush_timer_}) {
        if (t->valid()) eng.cancel(*t);
        *t = {};
    }
}

const node_info* scheduler::node_info_of(std::string_view node) const {
    auto it = nodes_.find(node);
    return it == nodes_.end() ? nullptr : &it->second.info;
}

bool scheduler::responsible_for(const api::pod& p) const {
    return p.spec.node_name.empty() && p.spec.scheduler_name == opts_.scheduler_name &&
           !p.metadata.deletion_timestamp && p.status.phase != "Succeeded" && p.status.phase != "Failed";
}

void scheduler::add_node(const node_ptr& n) {
    auto& e = entry_for(n->metadata.name);
    e.node = n;
    set_node(e.info, n.get());
    if (!e.listed) {
        e.listed = true;
        order_.push_back(&e);
    }
    move_all_to_active_or_backoff();
}

scheduler::node_entry& scheduler::entry_for(const std::string& name) {
    auto [it, added] = nodes_.try_emplace(name);
    if (added) {
        it->second.id = ++next_node_id_;
        node_by_id_.resize(next_node_id_ + 1, nullptr);
        node_by_id_[next_node_id_] = &it->second;
    }
    return it->second;
}

void scheduler::erase_entry(std::map<std::string, node_entry, std::less<>>::iterator it) {
    node_by_id_[it->second.id] = nullptr;
    nodes_.erase(it);
}

bool scheduler::ready_status(const api::node& n) {
    for (const auto& c : n.status.conditions)
        if (c.type == "Ready") return c.status == "True";
    return false;
}

bool scheduler::node_update_matters(const api::node& o, const api::node& n) {
    if (o.spec.unschedulable != n.spec.unschedulable || o.spec.taints != n.spec.taints) return true;
    if (o.metadata.labels != n.metadata.labels) return true;
    if (o.status.allocatable != n.status.allocatable) return true;
    return ready_status(o) != ready_status(n);
}

void scheduler::update_node(const node_ptr& o, const node_ptr& n) {
    auto it = nodes_.find(n->metadata.name);
    if (it == nodes_.end() || !it->second.listed) {
        add_node(n);
        return;
    }
    it->second.node = n;
    set_node(it->second.info, n.get());
    if (node_update_matters(*o, *n)) move_all_to_active_or_backoff();
}

void scheduler::delete_node(const node_ptr& n) {
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

void scheduler::add_pod_event(const pod_ptr& p) {
    if (!p->spec.node_name.empty()) {
        cache_pod(p);
        return;
    }
    if (responsible_for(*p)) enqueue_new(p);
}

bool scheduler::pod_updated(const api::pod& o, const api::pod& n) {
    return o.spec != n.spec || o.metadata.labels != n.metadata.labels ||
           o.metadata.annotations != n.metadata.annotations;
}

void scheduler::update_pod_event(const pod_ptr& o, const pod_ptr& n) {
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

void scheduler::delete_pod_event(const pod_ptr& p) {
    const std::string key = key_of(p->metadata);
    dequeue(key);
    if (uncache_pod(key)) move_all_to_active_or_backoff();
}

scheduler::owner_pods* scheduler::acquire_owner(const api::pod& p, std::uint32_t node_id) {
    if (p.metadata.deletion_timestamp) return nullptr;
    const auto* o = api::controller_of(p.metadata);
    if (!o) return nullptr;
    std::string k = p.metadata.namespace_ + "/" + o->uid;
    auto it = owners_.find(k);
    if (it == owners_.end()) it = owners_.emplace(k, owner_pods{k, {}}).first;
    ++it->second.per_node[node_id];
    return &it->second;
}

void scheduler::release_owner(owner_pods* o, std::uint32_t node_id) {
    auto n = o->per_node.find(node_id);
    if (--n->second > 0) return;
    o->per_node.erase(n);
    if (!o->per_node.empty()) return;
    const std::string key = o->key;  // not a reference into the erased element
    owners_.erase(key);
}

const scheduler::owner_pods* scheduler::find_owner(const api::pod& p) const {
    const auto* o = api::controller_of(p.metadata);
    if (!o) return nullptr;
    auto it = owners_.find(p.metadata.namespace_ + "/" + o->uid);
    return it == owners_.end() ? nullptr : &it->second;
}

void scheduler::cache_pod(const pod_ptr& p) {
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

bool scheduler::uncache_pod(const std::string& key) {
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

void scheduler::enqueue_new(const pod_ptr& p) {
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

scheduler::active_order scheduler::active_key(const queued_pod& q) {
    return {-static_cast<std::int64_t>(q.pod->spec.priority.value_or(0)), q.timestamp.time_since_epoch().count(),
            q.seq};
}

void scheduler::dequeue(const std::string& key) {
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

sim::time_point scheduler::backoff_until(const queued_pod& q) const {
    return q.last_failure + pod_backoff_duration(q.attempts, opts_.pod_initial_backoff, opts_.pod_max_backoff);
}

void scheduler::to_active_or_backoff(const std::string& key, queued_pod& q) {
    const auto until = backoff_until(q);
    if (q.attempts > 0 && until > store_->now()) {
        q.at = where::backoff;
        backoff_.emplace(order_key{until.time_since_epoch().count(), q.seq}, key);
    } else {
        q.at = where::active;
        active_.emplace(active_key(q), key);
    }
}

void scheduler::move_all_to_active_or_backoff() {
    if (unschedulable_.empty()) return;
    auto moving = std::move(unschedulable_);
    unschedulable_.clear();
    for (auto& [k, key] : moving) to_active_or_backoff(key, queued_.at(key));
    post_next();
    arm_timers();
}

void scheduler::flush_backoff() {
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

void scheduler::flush_unschedulable() {
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

void scheduler::arm_timers() {
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

void scheduler::post_next() {
    if (!running_ || active_.empty()) return;
    auto& eng = store_->engine();
    if (cycle_timer_.valid() && eng.is_pending(cycle_timer_)) return;
    cycle_timer_ = eng.post([this] { schedule_one(); });
}

void scheduler::schedule_one() {
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

scheduler::attempt_result scheduler::schedule_pod(const api::pod& pod) {
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

std::size_t scheduler::select_host(const api::pod& pod) {
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

void scheduler::bind(const std::string& key, queued_pod& q, node_entry& node) {
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

void scheduler::handle_failure(const std::string& key, queued_pod& q, const std::string& message,
                               std::string_view reason, bool error) {
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

void scheduler::update_pod_condition(const api::pod& pod, std::string_view reason, const std::string& message) {
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

}  // namespace kubesim::controllers::scheduler
