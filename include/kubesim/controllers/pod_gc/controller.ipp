// Definitions of controllers/pod_gc/controller.hpp.
#pragma once

#include <kubesim/controllers/pod_gc/controller.hpp>

#include <algorithm>
#include <utility>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/controllers/runtime/node_utils.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::controllers::pod_gc {

namespace detail {

// eviction.PodIsEvicted.
inline bool pod_is_evicted(const api::pod& p) { return p.status.phase == "Failed" && p.status.reason == "Evicted"; }

// byEvictionAndCreationTimestamp: evicted pods first, then the oldest, then by name.
inline void sort_by_eviction_and_creation(std::vector<std::shared_ptr<const api::pod>>& pods) {
    std::sort(pods.begin(), pods.end(), [](const auto& a, const auto& b) {
        const bool ae = pod_is_evicted(*a), be = pod_is_evicted(*b);
        if (ae != be) return ae;
        const auto at = a->metadata.creation_timestamp.value_or(sim::time_point{});
        const auto bt = b->metadata.creation_timestamp.value_or(sim::time_point{});
        if (at != bt) return at < bt;
        return a->metadata.name < b->metadata.name;
    });
}

inline bool has_out_of_service_taint(const api::node& n) {
    for (const auto& t : n.spec.taints)
        if (t.key == taint_node_out_of_service) return true;
    return false;
}

}  // namespace detail

controller::controller(store::object_store& s, controller_options opt, store::shared_informers* informers)
    : store_(&s), opt_(opt), pods_(s, informers), nodes_(s, informers) {
    pods_.add_index(std::string(pod_node_name_index_name), [](const api::pod& p) { return pod_node_name_index(p); });
    pods_.on_add([this](const pod_ptr& p) { track(p.get(), 1); });
    pods_.on_update([this](const pod_ptr& o, const pod_ptr& n) {
        track(o.get(), -1);
        track(n.get(), 1);
    });
    pods_.on_delete([this](const pod_ptr& p) { track(p.get(), -1); });
    nodes_.on_add([this](const std::shared_ptr<const api::node>& n) { track_node(n.get(), true); });
    nodes_.on_update([this](const std::shared_ptr<const api::node>&, const std::shared_ptr<const api::node>& n) {
        track_node(n.get(), true);
    });
    nodes_.on_delete([this](const std::shared_ptr<const api::node>& n) { track_node(n.get(), false); });
}

void controller::start() {
    if (started_) return;
    started_ = true;
    pods_.start();
    nodes_.start();
    schedule_pass(sim::duration{});  // wait.Until: the first pass at once
}

void controller::stop() {
    if (!started_) return;
    started_ = false;
    pods_.stop();
    nodes_.stop();
    store_->engine().cancel(pass_timer_);
    pass_timer_ = {};
}

void controller::schedule_pass(sim::duration after) {
    pass_timer_ = store_->engine().schedule_after(after, [this] {
        pass_timer_ = store_->engine().post_idle([this] {
            pass_timer_ = {};
            gc();
            if (started_) schedule_pass(opt_.gc_check_period);
        });
    });
}

bool controller::is_pod_terminated(const api::pod& p) {
    const auto& phase = p.status.phase;
    return phase != "Pending" && phase != "Running" && phase != "Unknown";
}

void controller::track(const api::pod* p, int delta) {
    if (is_pod_terminated(*p)) terminated_ += delta;
    const auto& node = p->spec.node_name;
    if (!node.empty()) {
        auto& n = pods_per_node_[node];
        n += delta;
        if (n <= 0) pods_per_node_.erase(node);
    } else if (p->metadata.deletion_timestamp) {
        if (delta > 0) unscheduled_terminating_.insert(key_func(p->metadata));
        else unscheduled_terminating_.erase(key_func(p->metadata));
    }
}

void controller::track_node(const api::node* n, bool present) {
    if (present && detail::has_out_of_service_taint(*n)) out_of_service_nodes_.insert(n->metadata.name);
    else out_of_service_nodes_.erase(n->metadata.name);
}

void controller::gc() {
    ++passes_;
    if (opt_.terminated_pod_threshold > 0) gc_terminated();
    gc_terminating();
    gc_orphaned();
    gc_unscheduled_terminating();
}

void controller::gc_terminated() {
    if (terminated_ <= opt_.terminated_pod_threshold) return;  // the common case: no list
    std::vector<pod_ptr> terminated;
    for (auto& p : pods_.lister().list())
        if (is_pod_terminated(*p)) terminated.push_back(std::move(p));
    const auto delete_count = static_cast<std::int64_t>(terminated.size()) - opt_.terminated_pod_threshold;
    if (delete_count <= 0) return;
    detail::sort_by_eviction_and_creation(terminated);
    for (std::int64_t i = 0; i < delete_count; ++i) mark_failed_and_delete_pod(*terminated[static_cast<std::size_t>(i)], nullptr);
}

void controller::gc_terminating() {
    std::vector<pod_ptr> terminating;
    for (const auto& name : out_of_service_nodes_) {
        auto node = nodes_.lister().get(name);
        if (!node || is_node_ready(*node)) continue;
        for (auto& p : pods_.lister().by_index(pod_node_name_index_name, name))
            if (p->metadata.deletion_timestamp) terminating.push_back(std::move(p));
    }
    if (terminating.empty()) return;
    detail::sort_by_eviction_and_creation(terminating);
    for (const auto& p : terminating) mark_failed_and_delete_pod(*p, nullptr);
}

void controller::gc_orphaned() {
    const sim::time_point now = store_->now();
    // Newly found unknown nodes go into quarantine (a node already there keeps
    // its time, as the delaying queue keeps the earlier one).
    for (const auto& [node, count] : pods_per_node_)
        if (!nodes_.lister().get(node)) quarantine_.emplace(node, now + opt_.quarantine_time);
    // discoverDeletedNodes: the nodes whose quarantine is over and that the
    // API server does not know either.
    std::vector<std::string> deleted_nodes;
    for (auto it = quarantine_.begin(); it != quarantine_.end();) {
        if (it->second > now) {
            ++it;
            continue;
        }
        const std::string node = it->first;
        it = quarantine_.erase(it);
        if (nodes_.lister().get(node)) continue;
        auto r = kubesim::client<api::node>(*store_, "").get(node);
        if (!r && r.error().reason == "NotFound") deleted_nodes.push_back(node);
    }
    for (const auto& node : deleted_nodes) {
        api::pod_condition cond;
        cond.type = "DisruptionTarget";
        cond.status = "True";
        cond.reason = "DeletionByPodGC";
        cond.message = "PodGC: node no longer exists";
        for (const auto& p : pods_.lister().by_index(pod_node_name_index_name, node))
            mark_failed_and_delete_pod(*p, &cond);
    }
}

void controller::gc_unscheduled_terminating() {
    const std::vector<std::string> keys(unscheduled_terminating_.begin(), unscheduled_terminating_.end());
    for (const auto& key : keys) {
        const auto [ns, name] = split_meta_namespace_key(key);
        auto p = pods_.lister().get(ns, name);
        if (!p || !p->metadata.deletion_timestamp || !p->spec.node_name.empty()) continue;
        mark_failed_and_delete_pod(*p, nullptr);
    }
}

bool controller::mark_failed_and_delete_pod(const api::pod& p, const api::pod_condition* condition) {
    kubesim::client<api::pod> pods(*store_, p.metadata.namespace_);
    // Failed before the delete: with no kubelet left to say so, an orphan
    // would otherwise stay Running for ever.
    if (p.status.phase != "Succeeded" && p.status.phase != "Failed") {
        auto cur = pods.get(p.metadata.name);
        if (!cur || cur->metadata.uid != p.metadata.uid) return false;
        api::pod next = std::move(*cur);
        next.status.phase = "Failed";
        if (condition) update_pod_condition(next.status, *condition, store_->now());
        if (!pods.update_status(next)) return false;
    }
    kubesim::delete_options opt;
    opt.grace_period_seconds = 0;
    auto r = pods.remove(p.metadata.name, opt);
    if (!r) return false;
    ++deleted_;
    return true;
}

}  // namespace kubesim::controllers::pod_gc
