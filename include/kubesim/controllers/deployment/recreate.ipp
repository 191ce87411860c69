// Definitions of controllers/deployment/recreate.hpp.
#pragma once

#include <kubesim/controllers/deployment/recreate.hpp>

#include <kubesim/controllers/deployment/progress.hpp>

namespace kubesim::controllers::deployment {

bool old_pods_running(const rs_ptr& new_rs, const rs_list& old_rss, const pod_map& pods) {
    if (get_actual_replica_count_for_replica_sets(old_rss) > 0) return true;
    for (const auto& [uid, list] : pods) {
        if (new_rs && new_rs->metadata.uid == uid) continue;
        for (const auto& p : list)
            if (p->status.phase != "Failed" && p->status.phase != "Succeeded") return true;
    }
    return false;
}

error scale_down_old_replica_sets_for_recreate(context& dc, rs_list& old_rss, const api::deployment& d,
                                               bool& scaled) {
    scaled = false;
    for (auto& rs : old_rss) {
        if (spec_replicas(*rs) == 0) continue;
        auto r = scale_replica_set_and_record_event(dc, rs, 0, d);
        if (r.err) return r.err;
        if (r.scaled) {
            rs = r.rs;
            scaled = true;
        }
    }
    return std::nullopt;
}

error scale_up_new_replica_set_for_recreate(context& dc, const rs_ptr& new_rs, const api::deployment& d,
                                            bool& scaled) {
    auto r = scale_replica_set_and_record_event(dc, new_rs, spec_replicas(d), d);
    scaled = r.scaled;
    return r.err;
}

error rollout_recreate(context& dc, api::deployment& d, const rs_list& rss, const pod_map& pods) {
    // The new ReplicaSet is not created yet, so nothing scales up before the
    // old ones are down.
    rs_ptr new_rs;
    rs_list old_rss;
    if (auto e = get_all_replica_sets_and_sync_revision(dc, d, rss, false, new_rs, old_rss)) return e;
    rs_list all = detail::with_new(old_rss, new_rs);
    rs_list active_old = filter_active_replica_sets(old_rss);

    bool scaled_down = false;
    if (auto e = scale_down_old_replica_sets_for_recreate(dc, active_old, d, scaled_down)) return e;
    if (scaled_down) return sync_rollout_status(dc, all, new_rs, d);

    if (old_pods_running(new_rs, old_rss, pods)) return sync_rollout_status(dc, all, new_rs, d);

    if (!new_rs) {
        if (auto e = get_all_replica_sets_and_sync_revision(dc, d, rss, true, new_rs, old_rss)) return e;
        all = detail::with_new(old_rss, new_rs);
    }

    bool scaled_up = false;
    if (auto e = scale_up_new_replica_set_for_recreate(dc, new_rs, d, scaled_up)) return e;

    if (deployment_complete(d, d.status)) {
        if (auto e = cleanup_deployment(dc, old_rss, d)) return e;
    }
    return sync_rollout_status(dc, all, new_rs, d);
}

}  // namespace kubesim::controllers::deployment
