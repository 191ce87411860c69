// Definitions of controllers/taint_eviction/controller.hpp.
#pragma once

#include <kubesim/controllers/taint_eviction/controller.hpp>

#include <chrono>
#include <limits>
#include <utility>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/controllers/runtime/node_utils.hpp>
#include <kubesim/controllers/scheduler/plugins.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::controllers::taint_eviction {

namespace detail {

// deletePodHandler's retries.
inline constexpr int retries = 5;

inline std::vector<api::taint> no_execute_taints(const std::vector<api::taint>& taints) {
    std::vector<api::taint> out;
    for (const auto& t : taints)
        if (t.effect == "NoExecute") out.push_back(t);
    return out;
}

// GetMatchingTolerations: whether every taint is tolerated, and the first
// toleration of each.
inline bool matching_tolerations(const std::vector<api::taint>& taints, const std::vector<api::toleration>& tolerations,
                                 std::vector<api::toleration>& used) {
    used.clear();
    if (taints.empty()) return true;
    if (tolerations.empty()) return false;
    for (const auto& taint : taints) {
        const api::toleration* match = nullptr;
        for (const auto& t : tolerations)
            if (scheduler::tolerates_taint(t, taint)) {
                match = &t;
                break;
            }
        if (!match) {
            used.clear();
            return false;
        }
        used.push_back(*match);
    }
    return true;
}

}  // namespace detail

controller::controller(store::object_store& s, store::shared_informers* informers)
    : store_(&s),
      nodes_(s, informers),
      pods_(s, informers),
      recorder_(s, "taint-eviction-controller"),
      queue_(s.engine(), [this](const std::string& key) { process(key); }) {
    pods_.add_index(std::string(pod_node_name_index_name), [](const api::pod& p) { return pod_node_name_index(p); });
    pods_.on_add([this](const std::shared_ptr<const api::pod>& p) { pod_updated(nullptr, p.get()); });
    pods_.on_update([this](const std::shared_ptr<const api::pod>& o, const std::shared_ptr<const api::pod>& n) {
        pod_updated(o.get(), n.get());
    });
    pods_.on_delete([this](const std::shared_ptr<const api::pod>& p) { pod_updated(p.get(), nullptr); });
    nodes_.on_add([this](const std::shared_ptr<const api::node>& n) { node_updated(nullptr, n.get()); });
    nodes_.on_update([this](const std::shared_ptr<const api::node>& o, const std::shared_ptr<const api::node>& n) {
        node_updated(o.get(), n.get());
    });
    nodes_.on_delete([this](const std::shared_ptr<const api::node>& n) { node_updated(n.get(), nullptr); });
}

void controller::start() {
    if (started_) return;
    started_ = true;
    nodes_.start();
    pods_.start();
}

void controller::stop() {
    if (!started_) return;
    started_ = false;
    nodes_.stop();
    pods_.stop();
    queue_.shutdown();
    for (auto& [key, w] : workers_) store_->engine().cancel(w.timer);
    workers_.clear();
}

std::optional<sim::time_point> controller::scheduled_eviction(std::string_view key) const {
    auto it = workers_.find(key);
    if (it == workers_.end()) return std::nullopt;
    return it->second.fire_at;
}

std::int64_t controller::min_toleration_seconds(const std::vector<api::toleration>& used) {
    if (used.empty()) return 0;
    std::int64_t min = std::numeric_limits<std::int64_t>::max();
    for (const auto& t : used) {
        if (!t.toleration_seconds) continue;
        if (*t.toleration_seconds <= 0) return 0;
        if (*t.toleration_seconds < min) min = *t.toleration_seconds;
    }
    return min == std::numeric_limits<std::int64_t>::max() ? -1 : min;
}

void controller::pod_updated(const api::pod* old_pod, const api::pod* new_pod) {
    const api::pod* p = new_pod ? new_pod : old_pod;
    if (old_pod && new_pod && old_pod->spec.tolerations == new_pod->spec.tolerations &&
        old_pod->spec.node_name == new_pod->spec.node_name)
        return;
    queue_.add("pod/" + key_func(p->metadata));
}

void controller::node_updated(const api::node* old_node, const api::node* new_node) {
    const api::node* n = new_node ? new_node : old_node;
    if (old_node && new_node &&
        detail::no_execute_taints(old_node->spec.taints) == detail::no_execute_taints(new_node->spec.taints))
        return;
    queue_.add("node/" + n->metadata.name);
}

void controller::process(const std::string& key) {
    if (key.compare(0, 5, "node/") == 0) handle_node_update(key.substr(5));
    else handle_pod_update(key.substr(4));
}

void controller::handle_pod_update(const std::string& pod_key) {
    const auto [ns, name] = split_meta_namespace_key(pod_key);
    auto pod = pods_.lister().get(ns, name);
    if (!pod) {
        cancel_work_with_event(pod_key);  // deleted
        return;
    }
    const auto& node = pod->spec.node_name;
    if (node.empty()) return;
    auto it = tainted_nodes_.find(node);
    // The node is gone or has no NoExecute taint: whatever was scheduled was
    // cancelled when that happened.
    if (it == tainted_nodes_.end()) return;
    process_pod_on_node(pod_key, pod->spec.tolerations, it->second, store_->now());
}

void controller::handle_node_update(const std::string& node_name) {
    auto node = nodes_.lister().get(node_name);
    if (!node) {
        tainted_nodes_.erase(node_name);
        return;
    }
    auto taints = detail::no_execute_taints(node->spec.taints);
    if (taints.empty()) tainted_nodes_.erase(node_name);
    else tainted_nodes_[node_name] = taints;

    const auto pods = pods_.lister().by_index(pod_node_name_index_name, node_name);
    if (pods.empty()) return;
    if (taints.empty()) {
        // Every taint was removed: cancel every eviction.
        for (const auto& p : pods) cancel_work_with_event(key_func(p->metadata));
        return;
    }
    const sim::time_point now = store_->now();
    for (const auto& p : pods) process_pod_on_node(key_func(p->metadata), p->spec.tolerations, taints, now);
}

void controller::process_pod_on_node(const std::string& pod_key, const std::vector<api::toleration>& tolerations,
                                     const std::vector<api::taint>& taints, sim::time_point now) {
    if (taints.empty()) cancel_work_with_event(pod_key);
    std::vector<api::toleration> used;
    if (!detail::matching_tolerations(taints, tolerations, used)) {
        // Not every taint is tolerated: delete now, in place of anything scheduled.
        cancel_work_with_event(pod_key);
        add_work(pod_key, now, now);
        return;
    }
    const std::int64_t min_seconds = min_toleration_seconds(used);
    if (min_seconds < 0) {
        // Tolerated forever.
        cancel_work_with_event(pod_key);
        return;
    }
    const sim::duration min_time = std::chrono::seconds(min_seconds);
    sim::time_point start = now;
    const sim::time_point trigger = start + min_time;
    if (auto it = workers_.find(pod_key); it != workers_.end()) {
        // Keep an eviction already due no later than this one.
        start = it->second.created_at;
        if (start + min_time < trigger) return;
        cancel_work_with_event(pod_key);
    }
    add_work(pod_key, start, trigger);
}

void controller::add_work(const std::string& pod_key, sim::time_point created_at, sim::time_point fire_at) {
    if (workers_.count(pod_key)) return;  // already scheduled
    auto& eng = store_->engine();
    worker w{created_at, fire_at, {}};
    auto fire = [this, pod_key] {
        workers_.erase(pod_key);
        delete_pod(pod_key);
    };
    w.timer = fire_at <= eng.now() ? eng.post(std::move(fire)) : eng.schedule_at(fire_at, std::move(fire));
    workers_.emplace(pod_key, w);
}

bool controller::cancel_work(const std::string& pod_key) {
    auto it = workers_.find(pod_key);
    if (it == workers_.end()) return false;
    store_->engine().cancel(it->second.timer);
    workers_.erase(it);
    return true;
}

void controller::cancel_work_with_event(const std::string& pod_key) {
    if (cancel_work(pod_key)) emit_event(pod_key, "Cancelling deletion of Pod " + pod_key);
}

void controller::emit_event(const std::string& pod_key, const std::string& message) {
    const auto [ns, name] = split_meta_namespace_key(pod_key);
    api::object_reference ref;
    ref.api_version = "v1";
    ref.kind = "Pod";
    ref.name = name;
    ref.namespace_ = ns;
    recorder_.event(ref, "Normal", "TaintManagerEviction", message);
}

void controller::delete_pod(const std::string& pod_key) {
    emit_event(pod_key, "Marking for deletion Pod " + pod_key);
    const auto [ns, name] = split_meta_namespace_key(pod_key);
    kubesim::client<api::pod> pods(*store_, ns);
    for (int attempt = 0; attempt < detail::retries; ++attempt) {
        // addConditionAndDeletePod
        auto pod = pods.get(name);
        if (!pod) return;  // gone already
        api::pod next = *pod;
        api::pod_condition cond;
        cond.type = "DisruptionTarget";
        cond.status = "True";
        cond.reason = "DeletionByTaintManager";
        cond.message = "Taint manager: deleting due to NoExecute taint";
        if (update_pod_condition(next.status, std::move(cond), store_->now())) {
            auto u = pods.update_status(next);
            if (!u) continue;
        }
        auto r = pods.remove(name);
        if (r || r.error().reason == "NotFound") {
            if (r) ++evictions_;
            return;
        }
    }
}

}  // namespace kubesim::controllers::taint_eviction
