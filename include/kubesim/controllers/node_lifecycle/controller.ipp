// Definitions of controllers/node_lifecycle/controller.hpp.
#pragma once

#include <kubesim/controllers/node_lifecycle/controller.hpp>

#include <array>
#include <chrono>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/controllers/runtime/node_utils.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::controllers::node_lifecycle {

namespace detail {

// NodeHealthUpdateRetry: attempts at writing a node's Unknown conditions.
inline constexpr int node_health_update_retry = 5;

inline api::taint no_execute(std::string_view key) {
    api::taint t;
    t.key = std::string(key);
    t.effect = "NoExecute";
    return t;
}

inline api::taint no_schedule(std::string_view key) {
    api::taint t;
    t.key = std::string(key);
    t.effect = "NoSchedule";
    return t;
}

// nodeConditionToTaintKeyStatusMap: the NoSchedule taint a condition in that
// status calls for, or "".
inline std::string_view condition_taint_key(const api::node_condition& c) {
    if (c.type == "Ready") {
        if (c.status == "False") return taint_node_not_ready;
        if (c.status == "Unknown") return taint_node_unreachable;
        return {};
    }
    if (c.status != "True") return {};
    if (c.type == "MemoryPressure") return taint_node_memory_pressure;
    if (c.type == "DiskPressure") return taint_node_disk_pressure;
    if (c.type == "NetworkUnavailable") return taint_node_network_unavailable;
    if (c.type == "PIDPressure") return taint_node_pid_pressure;
    return {};
}

// taintKeyToNodeConditionMap's keys, and the unschedulable taint: the
// NoSchedule taints this controller owns.
inline bool controller_no_schedule_key(std::string_view key) {
    return key == taint_node_not_ready || key == taint_node_unreachable || key == taint_node_network_unavailable ||
           key == taint_node_memory_pressure || key == taint_node_disk_pressure || key == taint_node_pid_pressure ||
           key == taint_node_unschedulable;
}

// labelNodeDisruptionExclusion.
inline bool excluded_from_disruption_checks(const api::node& n) {
    return n.metadata.labels.count("node.kubernetes.io/exclude-disruption") != 0;
}

}  // namespace detail

sim::duration default_node_monitor_grace_period(std::string_view v) {
    // "v1.31.2" -> minor 31; an unparsable version counts as current.
    if (!v.empty() && v.front() == 'v') v.remove_prefix(1);
    const auto dot = v.find('.');
    int minor = -1;
    if (dot != std::string_view::npos && v.substr(0, dot) == "1") {
        minor = 0;
        std::size_t i = dot + 1;
        bool digits = false;
        for (; i < v.size() && v[i] >= '0' && v[i] <= '9'; ++i) {
            minor = minor * 10 + (v[i] - '0');
            digits = true;
        }
        if (!digits) minor = -1;
    }
    if (minor >= 0 && minor < 32) return std::chrono::seconds(40);
    return std::chrono::seconds(50);
}

controller::controller(store::object_store& s, controller_options opt, store::shared_informers* informers)
    : store_(&s),
      opt_(opt),
      nodes_(s, informers),
      pods_(s, informers),
      leases_(s, informers),
      recorder_(s, "node-controller"),
      node_queue_(s.engine(), [this](const std::string& name) { process_node(name); }),
      pod_queue_(s.engine(), [this](const std::string& key) { process_pod(key); }) {
    pods_.add_index(std::string(pod_node_name_index_name), [](const api::pod& p) { return pod_node_name_index(p); });
    pods_.on_add([this](const std::shared_ptr<const api::pod>& p) { pod_updated(nullptr, p.get()); });
    pods_.on_update([this](const std::shared_ptr<const api::pod>& o, const std::shared_ptr<const api::pod>& n) {
        pod_updated(o.get(), n.get());
    });
    nodes_.on_add([this](const std::shared_ptr<const api::node>& n) { node_queue_.add(n->metadata.name); });
    nodes_.on_update([this](const std::shared_ptr<const api::node>&, const std::shared_ptr<const api::node>& n) {
        node_queue_.add(n->metadata.name);
    });
    nodes_.on_delete([this](const std::shared_ptr<const api::node>& n) {
        nodes_to_retry_.erase(n->metadata.name);
        health_.erase(n->metadata.name);
    });
}

void controller::start() {
    if (started_) return;
    started_ = true;
    nodes_.start();
    pods_.start();
    leases_.start();
    schedule_pass(sim::duration{});  // wait.Until runs the first pass at once
}

void controller::stop() {
    if (!started_) return;
    started_ = false;
    nodes_.stop();
    pods_.stop();
    leases_.stop();
    node_queue_.shutdown();
    pod_queue_.shutdown();
    auto& eng = store_->engine();
    eng.cancel(pass_timer_);
    for (auto& [zone, zt] : tainters_) eng.cancel(zt.timer);
}

void controller::schedule_pass(sim::duration after) {
    auto& eng = store_->engine();
    pass_timer_ = eng.schedule_after(after, [this] {
        pass_timer_ = store_->engine().post_idle([this] {
            pass_timer_ = {};
            monitor_node_health();
            if (started_) schedule_pass(opt_.node_monitor_period);
        });
    });
}

std::map<std::string, std::string> controller::zone_states() const {
    std::map<std::string, std::string> out;
    for (const auto& [zone, st] : zone_states_) {
        switch (st) {
            case zone_state::initial: out[zone] = "Initial"; break;
            case zone_state::normal: out[zone] = "Normal"; break;
            case zone_state::partial_disruption: out[zone] = "PartialDisruption"; break;
            case zone_state::full_disruption: out[zone] = "FullDisruption"; break;
        }
    }
    return out;
}

std::vector<std::shared_ptr<const api::pod>> controller::pods_assigned_to(const std::string& node) const {
    return pods_.lister().by_index(pod_node_name_index_name, node);
}

void controller::monitor_node_health() {
    ++passes_;
    const auto nodes = nodes_.lister().list();

    // classifyNodes
    std::vector<std::shared_ptr<const api::node>> added, new_zone_representatives;
    for (const auto& n : nodes) {
        if (!known_nodes_.count(n->metadata.name)) added.push_back(n);
        else if (!zone_states_.count(get_zone_key(*n))) new_zone_representatives.push_back(n);
    }
    std::vector<std::pair<std::string, std::string>> deleted;
    if (known_nodes_.size() + added.size() != nodes.size()) {
        // Some known node is gone.
        std::set<std::string_view> present;
        for (const auto& n : nodes) present.insert(n->metadata.name);
        for (const auto& [name, uid] : known_nodes_)
            if (!present.count(name)) deleted.emplace_back(name, uid);
    }

    for (const auto& n : new_zone_representatives) add_pod_evictor_for_new_zone(*n);
    for (const auto& n : added) {
        const auto& name = n->metadata.name;
        if (opt_.announce_initial_nodes || first_pass_done_)
            record_node_event(recorder_, name, n->metadata.uid, "Normal", "RegisteredNode",
                              "Registered Node " + name + " in Controller");
        known_nodes_[name] = n->metadata.uid;
        add_pod_evictor_for_new_zone(*n);
        mark_node_as_reachable(*n);
    }
    for (const auto& [name, uid] : deleted) {
        record_node_event(recorder_, name, uid, "Normal", "RemovingNode", "Removing Node " + name + " from Controller");
        known_nodes_.erase(name);
    }
    first_pass_done_ = true;

    std::map<std::string, std::vector<std::optional<api::node_condition>>> zone_conditions;
    for (auto node : nodes) {
        const std::string& name = node->metadata.name;
        std::optional<observed> obs;
        std::string error;
        for (int attempt = 0; attempt < detail::node_health_update_retry; ++attempt) {
            obs = try_update_node_health(node, error);
            if (obs) break;
            auto fresh = kubesim::client<api::node>(*store_, "").get_shared(name);
            if (!fresh) break;  // probably deleted meanwhile
            node = std::move(*fresh);
        }
        if (!obs) continue;  // no pods will be evicted for this node in this pass

        if (!detail::excluded_from_disruption_checks(*node))
            zone_conditions[get_zone_key(*node)].push_back(obs->current_ready);

        if (obs->current_ready) {
            const auto pods = pods_assigned_to(name);
            process_taint_base_eviction(*node, obs->observed_ready);
            const bool needs_retry = nodes_to_retry_.count(name) != 0;
            const bool became_not_ready = obs->current_ready->status != "True" && obs->observed_ready.status == "True";
            // Report the node event only once, when the status changed.
            if (became_not_ready) record_node_status_change(recorder_, *node, "NodeNotReady");
            if (became_not_ready || (needs_retry && obs->observed_ready.status != "True")) {
                if (mark_pods_not_ready(*store_, recorder_, pods, name)) {
                    nodes_to_retry_.insert(name);
                    continue;
                }
            }
        }
        nodes_to_retry_.erase(name);
    }
    handle_disruption(zone_conditions, nodes);
}

std::optional<controller::observed> controller::try_update_node_health(std::shared_ptr<const api::node>& node,
                                                                       std::string& error) {
    const sim::time_point now = store_->now();
    const std::string& name = node->metadata.name;
    auto [it, inserted] = health_.try_emplace(name);
    node_health& health = it->second;
    bool have = !inserted;

    sim::duration grace{};
    api::node_condition observed_ready;
    const auto* current = get_node_condition(node->status, "Ready");
    const sim::time_point created = node->metadata.creation_timestamp.value_or(now);
    if (!current) {
        // The kubelet (or this controller) never posted a status: a fake
        // Unknown condition dated at the node's creation, and the startup grace.
        observed_ready.type = "Ready";
        observed_ready.status = "Unknown";
        observed_ready.last_heartbeat_time = created;
        observed_ready.last_transition_time = created;
        grace = opt_.node_startup_grace_period;
        if (have) {
            health.ready.reset();
        } else {
            health = node_health{created, created, std::nullopt, std::nullopt, false};
            have = true;
        }
    } else {
        observed_ready = *current;
        grace = opt_.node_monitor_grace_period;
    }

    if (!have) {
        health = node_health{now, now, *current, std::nullopt, false};
    } else if (!health.ready && current) {
        health = node_health{now, now, *current, health.lease_renew, health.has_lease};
    } else if (health.ready && current && health.ready->last_heartbeat_time != current->last_heartbeat_time) {
        // A new heartbeat; a new transition time when the condition changed.
        const sim::time_point transition = health.ready->last_transition_time != current->last_transition_time
                                               ? now
                                               : health.ready_transition_timestamp;
        health = node_health{now, transition, *current, health.lease_renew, health.has_lease};
    }
    // Always update the probe time when the lease was renewed.
    if (auto lease = leases_.lister().get(node_lease_namespace, name)) {
        const auto& renew = lease->spec.renew_time;
        const bool newer = !health.has_lease || (health.lease_renew && renew && *health.lease_renew < *renew);
        if (newer) {
            health.has_lease = true;
            health.lease_renew = renew;
            health.probe_timestamp = now;
        }
    }

    if (!(now > health.probe_timestamp + grace)) {
        std::optional<api::node_condition> current_ready;
        if (current) current_ready = *current;
        return observed{std::move(observed_ready), std::move(current_ready)};
    }
    // Nothing heard for longer than the grace period: Unknown, whatever the
    // conditions said. NetworkUnavailable is the control plane's and stays.
    api::node next = *node;
    for (std::string_view type : {"Ready", "MemoryPressure", "DiskPressure", "PIDPressure"}) {
        auto* c = get_node_condition(next.status, type);
        if (!c) {
            api::node_condition nc;
            nc.type = std::string(type);
            nc.status = "Unknown";
            nc.reason = "NodeStatusNeverUpdated";
            nc.message = "Kubelet never posted node status.";
            nc.last_heartbeat_time = created;
            nc.last_transition_time = now;
            next.status.conditions.push_back(std::move(nc));
        } else if (c->status != "Unknown") {
            c->status = "Unknown";
            c->reason = "NodeStatusUnknown";
            c->message = "Kubelet stopped posting node status.";
            c->last_transition_time = now;
        }
    }
    std::optional<api::node_condition> current_ready = *get_node_condition(next.status, "Ready");
    if (*current_ready != observed_ready) {
        auto written = kubesim::client<api::node>(*store_, "").update_status(next);
        if (!written) {
            error = written.error().message;
            return std::nullopt;
        }
        node = std::make_shared<const api::node>(std::move(*written));
        health.ready = *current_ready;
        health.ready_transition_timestamp = now;
    }
    return observed{std::move(observed_ready), std::move(current_ready)};
}

void controller::process_taint_base_eviction(const api::node& node, const api::node_condition& observed_ready) {
    const auto unreachable = detail::no_execute(taint_node_unreachable);
    const auto not_ready = detail::no_execute(taint_node_not_ready);
    if (observed_ready.status == "False") {
        // Swap at once when the node carries the other taint.
        if (taint_exists(node.spec.taints, unreachable))
            (void)swap_node_controller_taint(*store_, {not_ready}, {unreachable}, node);
        else
            mark_node_for_tainting(node, "False");
    } else if (observed_ready.status == "Unknown") {
        if (taint_exists(node.spec.taints, not_ready))
            (void)swap_node_controller_taint(*store_, {unreachable}, {not_ready}, node);
        else
            mark_node_for_tainting(node, "Unknown");
    } else if (observed_ready.status == "True") {
        mark_node_as_reachable(node);
    }
}

bool controller::mark_node_for_tainting(const api::node& node, const std::string& status) {
    const std::string zone = get_zone_key(node);
    auto& zt = tainters_[zone];
    const auto& name = node.metadata.name;
    if (status == "False" && !taint_exists(node.spec.taints, detail::no_execute(taint_node_not_ready)))
        zt.remove(name);
    if (status == "Unknown" && !taint_exists(node.spec.taints, detail::no_execute(taint_node_unreachable)))
        zt.remove(name);
    const bool added = zt.add(name);
    kick_zone(zone);
    return added;
}

bool controller::mark_node_as_reachable(const api::node& node) {
    if (remove_taint_off_node(*store_, node.metadata.name, &node, {detail::no_execute(taint_node_unreachable)}))
        return false;
    if (remove_taint_off_node(*store_, node.metadata.name, &node, {detail::no_execute(taint_node_not_ready)}))
        return false;
    auto it = tainters_.find(get_zone_key(node));
    return it != tainters_.end() && it->second.remove(node.metadata.name);
}

void controller::add_pod_evictor_for_new_zone(const api::node& node) {
    const std::string zone = get_zone_key(node);
    if (zone_states_.count(zone)) return;
    zone_states_[zone] = zone_state::initial;
    tainters_[zone].limit = limiter{opt_.node_eviction_interval, std::nullopt};
}

void controller::kick_zone(const std::string& zone) {
    auto& zt = tainters_[zone];
    auto& eng = store_->engine();
    if (zt.timer.valid() && eng.is_pending(zt.timer)) return;
    zt.timer = eng.post_idle([this, zone] { no_execute_tainting_pass(zone); });
}

void controller::no_execute_tainting_pass(const std::string& zone) {
    auto& zt = tainters_[zone];
    zt.timer = {};
    auto& eng = store_->engine();
    const sim::time_point now = store_->now();
    while (!zt.queue.empty()) {
        const auto next_token = zt.limit.next_token();
        if (!next_token) return;  // evictions stopped in this zone: the queue waits
        if (*next_token > now) {
            zt.timer = eng.schedule_at(*next_token, [this, zone] {
                auto& z = tainters_[zone];
                z.timer = store_->engine().post_idle([this, zone] { no_execute_tainting_pass(zone); });
            });
            return;
        }
        zt.limit.last_accept = now;  // TryAccept takes the token before the work
        const std::string name = zt.queue.front();
        auto node = nodes_.lister().get(name);
        if (!node) {  // no longer present
            zt.remove_from_queue(name);
            continue;
        }
        const auto* ready = get_node_condition(node->status, "Ready");
        if (!ready) {
            // Retried later (upstream: in 50 ms), behind the others.
            zt.requeue(name);
            continue;
        }
        // Unreachable and not-ready are exclusive, as Ready's Unknown and False.
        api::taint add, opposite;
        if (ready->status == "False") {
            add = detail::no_execute(taint_node_not_ready);
            opposite = detail::no_execute(taint_node_unreachable);
        } else if (ready->status == "Unknown") {
            add = detail::no_execute(taint_node_unreachable);
            opposite = detail::no_execute(taint_node_not_ready);
        } else {
            zt.remove_from_queue(name);  // ready again: nothing to taint
            continue;
        }
        if (swap_node_controller_taint(*store_, {add}, {opposite}, *node)) zt.remove_from_queue(name);
        else zt.requeue(name);
    }
}

std::pair<int, controller::zone_state> controller::compute_zone_state(
    const std::vector<std::optional<api::node_condition>>& ready_conditions) const {
    int ready = 0, not_ready = 0;
    for (const auto& c : ready_conditions) {
        if (c && c->status == "True") ++ready;
        else ++not_ready;
    }
    if (ready == 0 && not_ready > 0) return {not_ready, zone_state::full_disruption};
    // notReady / all >= 0.55, in integers: 100 * notReady >= 55 * all.
    if (not_ready > 2 && 100 * not_ready >= opt_.unhealthy_zone_threshold_percent * (ready + not_ready))
        return {not_ready, zone_state::partial_disruption};
    return {not_ready, zone_state::normal};
}

void controller::set_limiter_in_zone(const std::string& zone, std::size_t zone_size, zone_state state) {
    std::optional<sim::duration> interval;
    switch (state) {
        case zone_state::normal:
        case zone_state::full_disruption:  // HealthyQPSFunc
            interval = opt_.node_eviction_interval;
            break;
        case zone_state::partial_disruption:  // ReducedQPSFunc
            if (zone_size > static_cast<std::size_t>(opt_.large_cluster_size_threshold))
                interval = opt_.secondary_node_eviction_interval;
            break;
        case zone_state::initial:
            return;
    }
    auto& zt = tainters_[zone];
    if (zt.limit.interval == interval) return;
    // SwapLimiter: a new bucket, drained when the old one had no token.
    const sim::time_point now = store_->now();
    const auto old_next = zt.limit.next_token();
    const bool old_had_token = old_next && *old_next <= now;
    zt.limit.interval = interval;
    zt.limit.last_accept = (interval && !old_had_token) ? std::optional<sim::time_point>(now) : std::nullopt;
    auto& eng = store_->engine();
    eng.cancel(zt.timer);
    zt.timer = {};
    if (!zt.queue.empty()) kick_zone(zone);
}

void controller::handle_disruption(
    const std::map<std::string, std::vector<std::optional<api::node_condition>>>& zones,
    const std::vector<std::shared_ptr<const api::node>>& nodes) {
    std::map<std::string, zone_state> new_states;
    bool all_are_fully_disrupted = true;
    for (const auto& [zone, conditions] : zones) {
        const auto state = compute_zone_state(conditions).second;
        if (state != zone_state::full_disruption) all_are_fully_disrupted = false;
        new_states[zone] = state;
        if (!zone_states_.count(zone)) zone_states_[zone] = zone_state::initial;
    }
    bool all_was_fully_disrupted = true;
    for (auto it = zone_states_.begin(); it != zone_states_.end();) {
        if (!zones.count(it->first)) {
            it = zone_states_.erase(it);
            continue;
        }
        if (it->second != zone_state::full_disruption) {
            all_was_fully_disrupted = false;
            break;
        }
        ++it;
    }
    if (all_are_fully_disrupted && all_was_fully_disrupted) return;
    auto zone_size = [&](const std::string& zone) -> std::size_t {
        auto it = zones.find(zone);
        return it == zones.end() ? 0 : it->second.size();
    };
    auto& eng = store_->engine();
    if (all_are_fully_disrupted) {
        // Every node is not ready: the fault is more likely the control
        // plane's network than the nodes'. Untaint them and stop tainting.
        for (const auto& n : nodes) mark_node_as_reachable(*n);
        for (auto& [zone, state] : zone_states_) {
            auto& zt = tainters_[zone];
            zt.limit.interval.reset();
            eng.cancel(zt.timer);
            zt.timer = {};
            state = zone_state::full_disruption;
        }
        return;
    }
    if (all_was_fully_disrupted) {
        // Some nodes are Ready again: every node gets a fresh probe time.
        const sim::time_point now = store_->now();
        for (const auto& n : nodes) {
            auto h = health_.find(n->metadata.name);
            if (h == health_.end()) continue;
            h->second.probe_timestamp = now;
            h->second.ready_transition_timestamp = now;
        }
        for (auto& [zone, state] : zone_states_) {
            const auto ns = new_states[zone];
            set_limiter_in_zone(zone, zone_size(zone), ns);
            state = ns;
        }
        return;
    }
    for (auto& [zone, state] : zone_states_) {
        const auto ns = new_states[zone];
        if (state == ns) continue;
        set_limiter_in_zone(zone, zone_size(zone), ns);
        state = ns;
    }
}

void controller::process_node(const std::string& name) {
    do_no_schedule_tainting_pass(name);
    reconcile_node_labels(name);
}

void controller::do_no_schedule_tainting_pass(const std::string& name) {
    auto node = nodes_.lister().get(name);
    if (!node) return;
    std::vector<api::taint> wanted;
    for (const auto& c : node->status.conditions) {
        const auto key = detail::condition_taint_key(c);
        if (!key.empty()) wanted.push_back(detail::no_schedule(key));
    }
    if (node->spec.unschedulable) wanted.push_back(detail::no_schedule(taint_node_unschedulable));
    std::vector<api::taint> current;
    for (const auto& t : node->spec.taints)
        if (t.effect == "NoSchedule" && detail::controller_no_schedule_key(t.key)) current.push_back(t);
    // TaintSetDiff
    std::vector<api::taint> to_add, to_remove;
    for (const auto& t : wanted)
        if (!taint_exists(current, t)) to_add.push_back(t);
    for (const auto& t : current)
        if (!taint_exists(wanted, t)) to_remove.push_back(t);
    if (to_add.empty() && to_remove.empty()) return;
    (void)swap_node_controller_taint(*store_, std::move(to_add), to_remove, *node);
}

void controller::reconcile_node_labels(const std::string& name) {
    auto node = nodes_.lister().get(name);
    if (!node || node->metadata.labels.empty()) return;
    // The beta OS and arch labels follow the stable ones.
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 2> pairs{{
        {"kubernetes.io/os", "beta.kubernetes.io/os"},
        {"kubernetes.io/arch", "beta.kubernetes.io/arch"},
    }};
    std::map<std::string, std::string> to_update;
    const auto& labels = node->metadata.labels;
    for (const auto& [primary, secondary] : pairs) {
        auto p = labels.find(std::string(primary));
        if (p == labels.end()) continue;
        auto s = labels.find(std::string(secondary));
        if (s == labels.end() || s->second != p->second) to_update[std::string(secondary)] = p->second;
    }
    if (to_update.empty()) return;
    kubesim::client<api::node> client(*store_, "");
    for (int attempt = 0; attempt < detail::node_health_update_retry; ++attempt) {
        auto cur = client.get(name);
        if (!cur) return;
        for (const auto& [k, v] : to_update) cur->metadata.labels[k] = v;
        auto r = client.update(*cur);
        if (r || r.error().reason != "Conflict") return;
    }
}

void controller::pod_updated(const api::pod* old_pod, const api::pod* new_pod) {
    if (!new_pod || new_pod->spec.node_name.empty()) return;
    if (old_pod && old_pod->spec.node_name == new_pod->spec.node_name) return;
    pod_queue_.add(key_func(new_pod->metadata));
}

void controller::process_pod(const std::string& key) {
    const auto [ns, name] = split_meta_namespace_key(key);
    auto pod = pods_.lister().get(ns, name);
    if (!pod) return;  // deleted: nothing to do
    const std::string node = pod->spec.node_name;
    auto h = health_.find(node);
    if (h == health_.end()) return;  // not observed yet, or removed meanwhile
    if (!nodes_.lister().get(node)) return;
    // No Ready condition: the next pass handles the pod with its node.
    if (!h->second.ready) return;
    if (h->second.ready->status != "True") {
        if (mark_pods_not_ready(*store_, recorder_, {pod}, node)) pod_queue_.add_rate_limited(key);
    }
}

}  // namespace kubesim::controllers::node_lifecycle
