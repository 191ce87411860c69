// Definitions of kubelet/status.hpp.
#pragma once

#include <kubesim/kubelet/status.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>

#include <kubesim/api/core/pod.hpp>

namespace kubesim::kubelet {

std::string go_list(const std::vector<std::string>& names) {
    std::string s = "[";
    for (std::size_t i = 0; i < names.size(); ++i) {
        if (i) s += ' ';
        s += names[i];
    }
    return s + "]";
}

std::string get_phase(const api::pod_spec& spec, const std::vector<api::container_status>& init,
                      const std::vector<api::container_status>& statuses, bool pod_terminal) {
    int pending_init = 0;
    bool init_failed = false;
    for (const auto& s : init) {
        if (s.state.terminated && s.state.terminated->exit_code == 0) continue;
        if (s.state.running) {
            ++pending_init;
            continue;
        }
        if (s.state.terminated && s.state.terminated->exit_code != 0) init_failed = true;
        if (s.state.waiting && s.last_state.terminated && s.last_state.terminated->exit_code != 0) init_failed = true;
        ++pending_init;
    }
    const std::string& rp = spec.restart_policy;
    if (init_failed && rp == "Never") return "Failed";
    int running = 0, waiting = 0, stopped = 0, succeeded = 0;
    for (const auto& s : statuses) {
        if (s.state.running) {
            ++running;
        } else if (s.state.terminated) {
            ++stopped;
            if (s.state.terminated->exit_code == 0) ++succeeded;
        } else if (s.state.waiting) {
            if (s.last_state.terminated) ++stopped;
            else ++waiting;
        } else {
            ++waiting;
        }
    }
    if (pending_init > 0 && !pod_terminal) return "Pending";
    if (waiting > 0 && !pod_terminal) return "Pending";
    if (running > 0 && !pod_terminal) return "Running";
    if (running == 0 && stopped > 0) {
        if (pod_terminal) return stopped == succeeded ? "Succeeded" : "Failed";
        if (rp == "Always") return "Running";
        if (stopped == succeeded) return "Succeeded";
        if (rp == "Never") return "Failed";
        return "Running";
    }
    if (pod_terminal) return "Failed";
    return "Pending";
}

void set_condition(std::vector<api::pod_condition>& conds, api::pod_condition c, sim::time_point now) {
    for (auto& e : conds) {
        if (e.type != c.type) continue;
        c.last_transition_time = e.status == c.status && e.last_transition_time ? e.last_transition_time : now;
        c.last_probe_time = e.last_probe_time;
        e = std::move(c);
        return;
    }
    c.last_transition_time = now;
    conds.push_back(std::move(c));
}

void order_conditions(std::vector<api::pod_condition>& conds) {
    static constexpr std::string_view order[] = {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady",
                                                 "PodScheduled"};
    auto rank = [](const api::pod_condition& c) {
        for (std::size_t i = 0; i < std::size(order); ++i)
            if (c.type == order[i]) return i;
        return std::size(order);
    };
    std::stable_sort(conds.begin(), conds.end(),
                     [&](const api::pod_condition& a, const api::pod_condition& b) { return rank(a) < rank(b); });
}

void generate_conditions(const api::pod& pod, const std::vector<api::container_status>& init,
                         const std::vector<api::container_status>& statuses, bool sandbox_ready, const std::string& phase,
                         std::vector<api::pod_condition>& conds, sim::time_point now) {
    const std::int64_t gen = pod.metadata.generation;
    // Room for the ones not there yet, and no more: the vector is stored in
    // every pod version the status write makes.
    std::size_t absent = 0;
    for (std::string_view t : {"PodReadyToStartContainers", "Initialized", "ContainersReady", "Ready"})
        absent += std::none_of(conds.begin(), conds.end(), [&](const api::pod_condition& c) { return c.type == t; });
    conds.reserve(conds.size() + absent);
    set_condition(conds, {.type = "PodReadyToStartContainers", .status = sandbox_ready ? "True" : "False", .observed_generation = gen},
                  now);

    // Initialized
    std::vector<std::string> incomplete;
    for (const auto& s : init)
        if (!(s.state.terminated && s.state.terminated->exit_code == 0)) incomplete.push_back(s.name);
    // Sidecar (restartPolicy Always) init containers count once started.
    for (std::size_t i = 0; i < init.size() && i < pod.spec.init_containers.size(); ++i)
        if (pod.spec.init_containers[i].restart_policy.value_or("") == "Always" && init[i].started.value_or(false))
            incomplete.erase(std::remove(incomplete.begin(), incomplete.end(), init[i].name), incomplete.end());
    api::pod_condition initialized{.type = "Initialized", .status = "True", .observed_generation = gen};
    if (!incomplete.empty() && phase != "Succeeded") {
        initialized.status = "False";
        initialized.reason = std::string(containers_not_initialized);
        initialized.message = "containers with incomplete status: " + go_list(incomplete);
    }
    set_condition(conds, std::move(initialized), now);

    // ContainersReady and Ready
    std::vector<std::string> unready;
    for (const auto& s : statuses)
        if (!s.ready) unready.push_back(s.name);
    api::pod_condition ready{.type = "ContainersReady", .status = "True", .observed_generation = gen};
    if (phase == "Succeeded" || phase == "Failed") {
        ready.status = "False";
        ready.reason = std::string(pod_completed);
    } else if (!unready.empty()) {
        ready.status = "False";
        ready.reason = std::string(containers_not_ready);
        ready.message = "containers with unready status: " + go_list(unready);
    } else if (!incomplete.empty()) {
        ready.status = "False";
        ready.reason = std::string(containers_not_initialized);
        ready.message = "containers with incomplete status: " + go_list(incomplete);
    }
    api::pod_condition pod_ready = ready;
    pod_ready.type = "Ready";
    // Readiness gates: each must be a True condition of the pod.
    if (pod_ready.status == "True") {
        std::vector<std::string> missing, not_true;
        for (const auto& g : pod.spec.readiness_gates) {
            auto it = std::find_if(conds.begin(), conds.end(), [&](const api::pod_condition& c) { return c.type == g.condition_type; });
            if (it == conds.end()) missing.push_back(g.condition_type);
            else if (it->status != "True") not_true.push_back(g.condition_type);
        }
        if (!missing.empty() || !not_true.empty()) {
            pod_ready.status = "False";
            pod_ready.reason = "ReadinessGatesNotReady";
            pod_ready.message = !missing.empty() ? "corresponding condition of pod readiness gate \"" + missing.front() +
                                                       "\" does not exist."
                                                 : "the status of pod readiness gate \"" + not_true.front() +
                                                       "\" is not \"True\", but False";
        }
    }
    set_condition(conds, std::move(ready), now);
    set_condition(conds, std::move(pod_ready), now);
    order_conditions(conds);
}

bool backoff::in_backoff_since(sim::time_point t, sim::time_point now) const {
    if (!current || expired(t)) return false;
    return now - t < *current;
}

void backoff::next(sim::time_point t) {
    if (!current || expired(t)) current = initial;
    else current = std::min(*current * 2, max);
    last_update = t;
}

sim::duration backoff::remaining(sim::time_point t, sim::time_point now) const {
    if (!in_backoff_since(t, now)) return {};
    return *current - (now - t);
}

}  // namespace kubesim::kubelet
