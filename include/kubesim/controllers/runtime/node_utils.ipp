// Definitions of controllers/runtime/node_utils.hpp.
#pragma once

#include <kubesim/controllers/runtime/node_utils.hpp>

#include <utility>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::controllers {

namespace detail {
// retry.DefaultBackoff / UpdateTaintBackoff: five attempts on Conflict.
inline constexpr int taint_update_attempts = 5;
}  // namespace detail

std::vector<std::string> pod_node_name_index(const api::pod& p) {
    if (p.spec.node_name.empty()) return {};
    return {p.spec.node_name};
}

const api::node_condition* get_node_condition(const api::node_status& s, std::string_view type) {
    for (const auto& c : s.conditions)
        if (c.type == type) return &c;
    return nullptr;
}

api::node_condition* get_node_condition(api::node_status& s, std::string_view type) {
    for (auto& c : s.conditions)
        if (c.type == type) return &c;
    return nullptr;
}

bool is_node_ready(const api::node& n) {
    const auto* c = get_node_condition(n.status, "Ready");
    return c && c->status == "True";
}

std::string get_zone_key(const api::node& n) {
    auto label = [&](std::string_view stable, std::string_view beta) -> std::string {
        const auto& l = n.metadata.labels;
        if (auto it = l.find(std::string(stable)); it != l.end()) return it->second;
        if (auto it = l.find(std::string(beta)); it != l.end()) return it->second;
        return {};
    };
    const std::string region = label("topology.kubernetes.io/region", "failure-domain.beta.kubernetes.io/region");
    const std::string zone = label("topology.kubernetes.io/zone", "failure-domain.beta.kubernetes.io/zone");
    if (region.empty() && zone.empty()) return {};
    std::string key = region;
    key += ':';
    key += '\0';
    key += ':';
    key += zone;
    return key;
}

bool update_pod_condition(api::pod_status& status, api::pod_condition condition, sim::time_point now) {
    condition.last_transition_time = now;
    for (auto& old : status.conditions) {
        if (old.type != condition.type) continue;
        if (condition.status == old.status) condition.last_transition_time = old.last_transition_time;
        const bool equal = condition.status == old.status && condition.reason == old.reason &&
                           condition.message == old.message && condition.last_probe_time == old.last_probe_time &&
                           condition.last_transition_time == old.last_transition_time;
        old = std::move(condition);
        return !equal;
    }
    status.conditions.push_back(std::move(condition));
    return true;
}

bool taint_exists(const std::vector<api::taint>& taints, const api::taint& t) {
    for (const auto& x : taints)
        if (match_taint(x, t)) return true;
    return false;
}

std::optional<std::string> add_or_update_taint_on_node(store::object_store& s, const std::string& node,
                                                       const std::vector<api::taint>& taints) {
    if (taints.empty()) return std::nullopt;
    kubesim::client<api::node> nodes(s, "");
    std::string last_error;
    for (int attempt = 0; attempt < detail::taint_update_attempts; ++attempt) {
        auto cur = nodes.get(node);
        if (!cur) return cur.error().message;
        api::node next = std::move(*cur);
        bool updated = false;
        for (const auto& taint : taints) {
            // AddOrUpdateTaint: replace the taint of the same key and effect
            // (unless equal), else append.
            bool found = false;
            for (auto& existing : next.spec.taints) {
                if (!match_taint(existing, taint)) continue;
                found = true;
                if (existing == taint) break;
                existing = taint;
                updated = true;
            }
            if (!found) {
                next.spec.taints.push_back(taint);
                updated = true;
            }
        }
        if (!updated) return std::nullopt;
        auto r = nodes.update(next);
        if (r) return std::nullopt;
        if (r.error().reason != "Conflict") return r.error().message;
        last_error = r.error().message;
    }
    return last_error;
}

std::optional<std::string> remove_taint_off_node(store::object_store& s, const std::string& node,
                                                 const api::node* cached, const std::vector<api::taint>& taints) {
    if (taints.empty()) return std::nullopt;
    if (cached) {
        bool any = false;
        for (const auto& t : taints) any = any || taint_exists(cached->spec.taints, t);
        if (!any) return std::nullopt;
    }
    kubesim::client<api::node> nodes(s, "");
    std::string last_error;
    for (int attempt = 0; attempt < detail::taint_update_attempts; ++attempt) {
        auto cur = nodes.get(node);
        if (!cur) return cur.error().message;
        api::node next = std::move(*cur);
        std::vector<api::taint> kept;
        for (const auto& existing : next.spec.taints)
            if (!taint_exists(taints, existing)) kept.push_back(existing);
        if (kept.size() == next.spec.taints.size()) return std::nullopt;
        next.spec.taints = std::move(kept);
        auto r = nodes.update(next);
        if (r) return std::nullopt;
        if (r.error().reason != "Conflict") return r.error().message;
        last_error = r.error().message;
    }
    return last_error;
}

bool swap_node_controller_taint(store::object_store& s, std::vector<api::taint> add,
                                const std::vector<api::taint>& remove, const api::node& node) {
    for (auto& t : add) t.time_added = s.now();
    if (add_or_update_taint_on_node(s, node.metadata.name, add)) return false;
    return !remove_taint_off_node(s, node.metadata.name, &node, remove);
}

void record_node_event(store::event_recorder& r, const std::string& node, const std::string& uid,
                       const std::string& type, const std::string& reason, const std::string& message) {
    api::object_reference ref;
    ref.api_version = "v1";
    ref.kind = "Node";
    ref.name = node;
    ref.uid = uid;
    r.event(ref, type, reason, "Node " + node + " event: " + message);
}

void record_node_status_change(store::event_recorder& r, const api::node& node, const std::string& status) {
    api::object_reference ref;
    ref.api_version = "v1";
    ref.kind = "Node";
    ref.name = node.metadata.name;
    ref.uid = node.metadata.uid;
    r.event(ref, "Normal", status, "Node " + node.metadata.name + " status is now: " + status);
}

std::optional<std::string> mark_pods_not_ready(store::object_store& s, store::event_recorder& r,
                                               const std::vector<std::shared_ptr<const api::pod>>& pods,
                                               const std::string& node) {
    std::vector<std::string> errs;
    for (const auto& p : pods) {
        if (p->spec.node_name != node) continue;  // defensive, as upstream
        const auto* ready = get_pod_ready_condition(*p);
        if (!ready) continue;
        api::pod next = *p;
        api::pod_condition cond = *ready;
        cond.status = "False";
        if (!update_pod_condition(next.status, std::move(cond), s.now())) continue;
        auto u = kubesim::client<api::pod>(s, p->metadata.namespace_).update_status(next);
        if (!u) {
            if (u.error().reason == "NotFound") continue;  // already deleted: nothing left to do
            errs.push_back(u.error().message);
        }
        // Recorded after the status update, so the pod still exists.
        r.event(*p, "Warning", "NodeNotReady", "Node is not ready");
    }
    if (errs.empty()) return std::nullopt;
    return aggregate_errors(errs);
}

}  // namespace kubesim::controllers
