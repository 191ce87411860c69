// Definitions of controllers/deployment/rolling.hpp.
#pragma once

#include <kubesim/controllers/deployment/rolling.hpp>

#include <algorithm>
#include <string>

#include <kubesim/controllers/deployment/progress.hpp>

namespace kubesim::controllers::deployment {

error reconcile_new_replica_set(context& dc, const rs_list& all_rss, const rs_ptr& new_rs,
                                const api::deployment& d, bool& scaled) {
    scaled = false;
    if (spec_replicas(*new_rs) == spec_replicas(d)) return std::nullopt;
    if (spec_replicas(*new_rs) > spec_replicas(d)) {
        auto r = scale_replica_set_and_record_event(dc, new_rs, spec_replicas(d), d);
        scaled = r.scaled;
        return r.err;
    }
    auto count = new_rs_new_replicas(d, all_rss, *new_rs);
    if (!count) return count.error();
    auto r = scale_replica_set_and_record_event(dc, new_rs, *count, d);
    scaled = r.scaled;
    return r.err;
}

error cleanup_unhealthy_replicas(context& dc, rs_list& old_rss, const api::deployment& d,
                                 std::int32_t max_cleanup_count, std::int32_t& total_scaled_down) {
    std::sort(old_rss.begin(), old_rss.end(), replica_sets_by_creation_timestamp{});
    total_scaled_down = 0;
    for (auto& target : old_rss) {
        if (total_scaled_down >= max_cleanup_count) break;
        const std::int32_t replicas = spec_replicas(*target);
        if (replicas == 0) continue;
        if (replicas == target->status.available_replicas) continue;
        const std::int32_t count =
            std::min(max_cleanup_count - total_scaled_down, replicas - target->status.available_replicas);
        const std::int32_t new_count = replicas - count;
        if (new_count > replicas)
            return controller_error("when cleaning up unhealthy replicas, got invalid request to scale down " +
                                    target->metadata.namespace_ + "/" + target->metadata.name + " " +
                                    std::to_string(replicas) + " -> " + std::to_string(new_count));
        auto r = scale_replica_set_and_record_event(dc, target, new_count, d);
        if (r.err) return r.err;
        total_scaled_down += count;
        target = r.rs;
    }
    return std::nullopt;
}

error scale_down_old_replica_sets_for_rolling_update(context& dc, const rs_list& all_rss, rs_list& old_rss,
                                                     const api::deployment& d, std::int32_t& total_scaled_down) {
    total_scaled_down = 0;
    const std::int32_t min_avail = spec_replicas(d) - max_unavailable(d);
    const std::int32_t available = get_available_replica_count_for_replica_sets(all_rss);
    if (available <= min_avail) return std::nullopt;
    std::sort(old_rss.begin(), old_rss.end(), replica_sets_by_creation_timestamp{});
    const std::int32_t total_scale_down_count = available - min_avail;
    for (const auto& target : old_rss) {
        if (total_scaled_down >= total_scale_down_count) break;
        const std::int32_t replicas = spec_replicas(*target);
        if (replicas == 0) continue;
        const std::int32_t count = std::min(replicas, total_scale_down_count - total_scaled_down);
        const std::int32_t new_count = replicas - count;
        if (new_count > replicas)
            return controller_error("when scaling down old RS, got invalid request to scale down " +
                                    target->metadata.namespace_ + "/" + target->metadata.name + " " +
                                    std::to_string(replicas) + " -> " + std::to_string(new_count));
        if (auto e = scale_replica_set_and_record_event(dc, target, new_count, d).err) return e;
        total_scaled_down += count;
    }
    return std::nullopt;
}

error reconcile_old_replica_sets(context& dc, const rs_list& all_rss, rs_list old_rss, const rs_ptr& new_rs,
                                 const api::deployment& d, bool& scaled) {
    scaled = false;
    const std::int32_t old_pods = get_replica_count_for_replica_sets(old_rss);
    if (old_pods == 0) return std::nullopt;
    const std::int32_t all_pods = get_replica_count_for_replica_sets(all_rss);
    const std::int32_t min_avail = spec_replicas(d) - max_unavailable(d);
    const std::int32_t new_rs_unavailable = spec_replicas(*new_rs) - new_rs->status.available_replicas;
    const std::int32_t max_scaled_down = all_pods - min_avail - new_rs_unavailable;
    if (max_scaled_down <= 0) return std::nullopt;

    std::int32_t cleanup_count = 0;
    if (cleanup_unhealthy_replicas(dc, old_rss, d, max_scaled_down, cleanup_count)) return std::nullopt;
    rs_list all = old_rss;
    all.push_back(new_rs);
    std::int32_t scaled_down = 0;
    if (scale_down_old_replica_sets_for_rolling_update(dc, all, old_rss, d, scaled_down)) return std::nullopt;
    scaled = cleanup_count + scaled_down > 0;
    return std::nullopt;
}

error rollout_rolling(context& dc, api::deployment& d, const rs_list& rss) {
    rs_ptr new_rs;
    rs_list old_rss;
    if (auto e = get_all_replica_sets_and_sync_revision(dc, d, rss, true, new_rs, old_rss)) return e;
    rs_list all = old_rss;
    all.push_back(new_rs);

    bool scaled_up = false;
    if (auto e = reconcile_new_replica_set(dc, all, new_rs, d, scaled_up)) return e;
    if (scaled_up) return sync_rollout_status(dc, all, new_rs, d);

    bool scaled_down = false;
    if (auto e = reconcile_old_replica_sets(dc, all, filter_active_replica_sets(old_rss), new_rs, d, scaled_down))
        return e;
    if (scaled_down) return sync_rollout_status(dc, all, new_rs, d);

    if (deployment_complete(d, d.status)) {
        if (auto e = cleanup_deployment(dc, old_rss, d)) return e;
    }
    return sync_rollout_status(dc, all, new_rs, d);
}

}  // namespace kubesim::controllers::deployment
