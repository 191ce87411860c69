// Definitions of controllers/deployment/progress.hpp.
#pragma once

#include <kubesim/controllers/deployment/progress.hpp>

#include <chrono>
#include <string>

#include <kubesim/api/field.hpp>
#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>

namespace kubesim::controllers::deployment {

std::vector<api::deployment_condition> get_replica_failures(const rs_list& all_rss,
                                                            const rs_ptr& new_rs) {
    std::vector<api::deployment_condition> out;
    if (new_rs) {
        for (const auto& c : new_rs->status.conditions)
            if (c.type == replica_set_replica_failure_type) out.push_back(replica_set_to_deployment_condition(c));
    }
    if (!out.empty()) return out;
    for (const auto& rs : all_rss) {
        if (!rs) continue;
        for (const auto& c : rs->status.conditions)
            if (c.type == replica_set_replica_failure_type) out.push_back(replica_set_to_deployment_condition(c));
    }
    return out;
}

sim::duration requeue_stuck_deployment(context& dc, const api::deployment& d,
                                       const api::deployment_status& new_status) {
    const auto* cur = get_deployment_condition(d.status, deployment_progressing_type);
    if (!has_progress_deadline(d) || !cur) return sim::duration(-1);
    if (deployment_complete(d, new_status) || cur->reason == timed_out_reason) return sim::duration(-1);
    const sim::time_point last = cur->last_update_time.value_or(sim::time_point{});
    const sim::duration after = last + std::chrono::seconds(*d.spec.progress_deadline_seconds) - dc.now();
    const std::string key = key_func(d.metadata);
    if (after < std::chrono::seconds(1)) {
        dc.queue.add_rate_limited(key);
        return sim::duration::zero();
    }
    dc.queue.add_after(key, after + std::chrono::seconds(1));
    return after;
}

error sync_rollout_status(context& dc, const rs_list& all_rss, const rs_ptr& new_rs, api::deployment& d) {
    const sim::time_point now = dc.now();
    auto s = calculate_status(all_rss, new_rs, d, now);

    if (!has_progress_deadline(d)) remove_deployment_condition(s, deployment_progressing_type);

    // A resync of a finished rollout (one ReplicaSet, already reported
    // available) estimates no progress.
    const auto* cur = get_deployment_condition(d.status, deployment_progressing_type);
    const bool is_complete_deployment =
        s.replicas == s.updated_replicas && cur && cur->reason == new_rs_available_reason;
    if (has_progress_deadline(d) && !is_complete_deployment) {
        if (deployment_complete(d, s)) {
            const std::string msg = new_rs ? "ReplicaSet " + api::field::quote(new_rs->metadata.name) + " has successfully progressed."
                                           : "Deployment " + api::field::quote(d.metadata.name) + " has successfully progressed.";
            set_deployment_condition(s, new_deployment_condition(deployment_progressing_type, "True", new_rs_available_reason, msg, now));
        } else if (deployment_progressing(d, s)) {
            const std::string msg = new_rs ? "ReplicaSet " + api::field::quote(new_rs->metadata.name) + " is progressing."
                                           : "Deployment " + api::field::quote(d.metadata.name) + " is progressing.";
            auto c = new_deployment_condition(deployment_progressing_type, "True", replica_set_updated_reason, msg, now);
            // Progressing is refreshed even when the reason stays the same: its
            // lastUpdateTime is the moment progress was last seen.
            if (cur) {
                if (cur->status == "True") c.last_transition_time = cur->last_transition_time;
                remove_deployment_condition(s, deployment_progressing_type);
            }
            set_deployment_condition(s, std::move(c));
        } else if (deployment_timed_out(d, s, now)) {
            const std::string msg = new_rs ? "ReplicaSet " + api::field::quote(new_rs->metadata.name) + " has timed out progressing."
                                           : "Deployment " + api::field::quote(d.metadata.name) + " has timed out progressing.";
            set_deployment_condition(s, new_deployment_condition(deployment_progressing_type, "False", timed_out_reason, msg, now));
        }
    }

    if (auto failures = get_replica_failures(all_rss, new_rs); !failures.empty()) {
        set_deployment_condition(s, failures.front());
    } else {
        remove_deployment_condition(s, deployment_replica_failure_type);
    }

    if (d.status == s) {
        requeue_stuck_deployment(dc, d, s);
        return std::nullopt;
    }
    d.status = std::move(s);
    return update_deployment_status(dc, d);
}

}  // namespace kubesim::controllers::deployment
