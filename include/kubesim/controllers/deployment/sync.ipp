// Definitions of controllers/deployment/sync.hpp.
#pragma once

#include <kubesim/controllers/deployment/sync.hpp>

#include <algorithm>
#include <map>
#include <utility>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/kind_ops.hpp>

namespace kubesim::controllers::deployment {

namespace detail {
KUBESIM_DECL const store::kind_ops& rs_ops() { return store::kind_ops_of<api::replica_set>(); }
KUBESIM_DECL const store::kind_ops& deployment_ops() { return store::kind_ops_of<api::deployment>(); }
}  // namespace detail

api::status controller_error(std::string message) {
    api::status s;
    s.status_ = "Failure";
    s.code = 500;
    s.message = std::move(message);
    return s;
}

bool has_namespace_terminating_cause(const api::status& s) {
    for (const auto& c : s.details.causes)
        if (c.type == "NamespaceTerminating") return true;
    return false;
}

result<rs_ptr> create_replica_set(context& dc, const api::replica_set& rs) {
    auto r = dc.store.create(detail::rs_ops(), std::make_shared<api::replica_set>(rs), rs.metadata.namespace_);
    if (!r) return r.error();
    return std::static_pointer_cast<const api::replica_set>(*r);
}

result<rs_ptr> update_replica_set(context& dc, const api::replica_set& rs) {
    auto r = dc.store.update(detail::rs_ops(), std::make_shared<api::replica_set>(rs), rs.metadata.namespace_);
    if (!r) return r.error();
    return std::static_pointer_cast<const api::replica_set>(*r);
}

error update_deployment_status(context& dc, api::deployment& d) {
    const auto& ops = detail::deployment_ops();
    const std::string ns = d.metadata.namespace_;
    if (auto cur = dc.store.get(ops, ns, d.metadata.name)) {
        const auto& stored = *static_cast<const api::deployment*>(cur->get());
        if (stored.metadata.annotations != d.metadata.annotations) {
            auto u = dc.store.update(ops, std::make_shared<api::deployment>(d), ns);
            if (!u) return u.error();
            d.metadata.resource_version = static_cast<const api::deployment*>(u->get())->metadata.resource_version;
        }
    }
    auto r = dc.store.update_status(ops, std::make_shared<api::deployment>(d), ns);
    if (!r) return r.error();
    d.metadata.resource_version = static_cast<const api::deployment*>(r->get())->metadata.resource_version;
    return std::nullopt;
}

scale_result scale_replica_set(context& dc, const rs_ptr& rs, std::int32_t new_scale, const api::deployment& d) {
    const bool size_needs_update = spec_replicas(*rs) != new_scale;
    const std::int32_t desired = spec_replicas(d), max = spec_replicas(d) + max_surge(d);
    const bool annotations_need_update = replicas_annotations_need_update(*rs, desired, max);
    scale_result out{false, rs, std::nullopt};
    if (!size_needs_update && !annotations_need_update) return out;
    const std::int32_t old_scale = spec_replicas(*rs);
    api::replica_set copy = *rs;
    copy.spec.replicas = new_scale;
    set_replicas_annotations(copy, desired, max);
    auto u = update_replica_set(dc, copy);
    if (!u) {
        out.rs = nullptr;
        out.err = u.error();
        return out;
    }
    out.rs = *u;
    if (size_needs_update) {
        out.scaled = true;
        dc.recorder.event(d, "Normal", "ScalingReplicaSet",
                          std::string("Scaled ") + (old_scale < new_scale ? "up" : "down") + " replica set " +
                              (*u)->metadata.name + " from " + std::to_string(old_scale) + " to " +
                              std::to_string(new_scale));
    }
    return out;
}

scale_result scale_replica_set_and_record_event(context& dc, const rs_ptr& rs, std::int32_t new_scale,
                                                const api::deployment& d) {
    if (spec_replicas(*rs) == new_scale) return scale_result{false, rs, std::nullopt};
    return scale_replica_set(dc, rs, new_scale, d);
}

error get_new_replica_set(context& dc, api::deployment& d, const rs_list& rss, const rs_list& old_rss,
                          bool create, rs_ptr& out) {
    out = nullptr;
    rs_list sorted = rss;
    const rs_ptr existing = find_new_replica_set(d, sorted);
    const std::int64_t max_old_revision = max_revision(old_rss);
    const std::string new_revision = std::to_string(max_old_revision + 1);

    if (existing) {
        api::replica_set copy = *existing;
        const bool annotations_updated =
            set_new_replica_set_annotations(d, copy, new_revision, true, max_rev_history_length_in_chars);
        const bool min_ready_seconds_needs_update = copy.spec.min_ready_seconds != d.spec.min_ready_seconds;
        if (annotations_updated || min_ready_seconds_needs_update) {
            copy.spec.min_ready_seconds = d.spec.min_ready_seconds;
            auto u = update_replica_set(dc, copy);
            if (!u) return u.error();
            out = *u;
            return std::nullopt;
        }
        bool needs_update = set_deployment_revision(d, annotation(copy.metadata, revision_annotation));
        // A Deployment that never had a Progressing condition starts measuring
        // progress from the moment its new ReplicaSet is first seen.
        if (has_progress_deadline(d) && !get_deployment_condition(d.status, deployment_progressing_type)) {
            set_deployment_condition(d.status, new_deployment_condition(deployment_progressing_type, "True", found_new_rs_reason,
                                                                        "Found new replica set " + api::field::quote(copy.metadata.name),
                                                                        dc.now()));
            needs_update = true;
        }
        if (needs_update) {
            if (auto e = update_deployment_status(dc, d)) return e;
        }
        out = existing;
        return std::nullopt;
    }

    if (!create) return std::nullopt;

    const std::string hash_key(default_deployment_unique_label_key);
    api::pod_template_spec tmpl = d.spec.template_;
    const std::string hash = compute_hash(tmpl, d.status.collision_count);
    tmpl.metadata.labels[hash_key] = hash;
    api::label_selector sel = d.spec.selector.value_or(api::label_selector{});
    sel.match_labels[hash_key] = hash;

    api::replica_set rs;
    rs.metadata.name = d.metadata.name + "-" + hash;
    rs.metadata.namespace_ = d.metadata.namespace_;
    rs.metadata.owner_references = {new_controller_ref(d)};
    rs.metadata.labels = tmpl.metadata.labels;
    rs.spec.replicas = 0;
    rs.spec.min_ready_seconds = d.spec.min_ready_seconds;
    rs.spec.selector = std::move(sel);
    rs.spec.template_ = std::move(tmpl);

    rs_list all = old_rss;
    all.push_back(std::make_shared<const api::replica_set>(rs));
    auto count = new_rs_new_replicas(d, all, rs);
    if (!count) return count.error();
    rs.spec.replicas = *count;
    set_new_replica_set_annotations(d, rs, new_revision, false, max_rev_history_length_in_chars);

    bool already_exists = false;
    rs_ptr created;
    auto c = create_replica_set(dc, rs);
    if (c) {
        created = *c;
    } else if (c.error().reason == "AlreadyExists") {
        // A slow cache or a quick resync: it may be ours already.
        already_exists = true;
        auto found = dc.rs_lister.get(rs.metadata.namespace_, rs.metadata.name);
        if (!found) return api::errors::not_found("replicasets.apps", rs.metadata.name);
        const auto* ref = api::controller_of(found->metadata);
        if (ref && ref->uid == d.metadata.uid && equal_ignore_hash(d.spec.template_, found->spec.template_)) {
            created = found;
        } else {
            d.status.collision_count = d.status.collision_count.value_or(0) + 1;
            (void)update_deployment_status(dc, d);
            return c.error();
        }
    } else if (has_namespace_terminating_cause(c.error())) {
        return c.error();
    } else {
        const std::string msg =
            "Failed to create new replica set " + api::field::quote(rs.metadata.name) + ": " + c.error().message;
        if (has_progress_deadline(d)) {
            set_deployment_condition(d.status,
                                     new_deployment_condition(deployment_progressing_type, "False", failed_rs_create_reason, msg, dc.now()));
            (void)update_deployment_status(dc, d);
        }
        dc.recorder.event(d, "Warning", std::string(failed_rs_create_reason), msg);
        return c.error();
    }
    if (!already_exists && *count > 0) {
        dc.recorder.event(d, "Normal", "ScalingReplicaSet",
                          "Scaled up replica set " + created->metadata.name + " from 0 to " + std::to_string(*count));
    }
    bool needs_update = set_deployment_revision(d, new_revision);
    if (!already_exists && has_progress_deadline(d)) {
        set_deployment_condition(d.status, new_deployment_condition(deployment_progressing_type, "True", new_replica_set_reason,
                                                                    "Created new replica set " +
                                                                        api::field::quote(created->metadata.name),
                                                                    dc.now()));
        needs_update = true;
    }
    out = created;
    if (needs_update) return update_deployment_status(dc, d);
    return std::nullopt;
}

error get_all_replica_sets_and_sync_revision(context& dc, api::deployment& d, const rs_list& rss, bool create,
                                             rs_ptr& new_rs, rs_list& old_rss) {
    rs_list sorted = rss;
    old_rss = find_old_replica_sets(d, sorted).second;
    return get_new_replica_set(dc, d, sorted, old_rss, create, new_rs);
}

error scale(context& dc, const api::deployment& d, const rs_ptr& new_rs, rs_list& old_rss) {
    if (auto active = find_active_or_latest(new_rs, old_rss)) {
        if (spec_replicas(*active) == spec_replicas(d)) return std::nullopt;
        return scale_replica_set_and_record_event(dc, active, spec_replicas(d), d).err;
    }
    if (is_saturated(d, new_rs.get())) {
        for (const auto& old : filter_active_replica_sets(old_rss))
            if (auto e = scale_replica_set_and_record_event(dc, old, 0, d).err) return e;
        return std::nullopt;
    }
    if (!is_rolling_update(d)) return std::nullopt;

    rs_list all = old_rss;
    all.push_back(new_rs);
    all = filter_active_replica_sets(all);
    const std::int32_t all_replicas = get_replica_count_for_replica_sets(all);
    std::int32_t allowed_size = 0;
    if (spec_replicas(d) > 0) allowed_size = spec_replicas(d) + max_surge(d);
    const std::int32_t to_add = allowed_size - all_replicas;

    // Larger ReplicaSets first; among equals newer first when growing, older
    // first when shrinking.
    if (to_add > 0) std::sort(all.begin(), all.end(), replica_sets_by_size_newer{});
    else if (to_add < 0) std::sort(all.begin(), all.end(), replica_sets_by_size_older{});

    std::int32_t added = 0;
    std::map<std::string, std::int32_t> name_to_size;
    for (const auto& rs : all) {
        if (to_add != 0) {
            const std::int32_t proportion = get_proportion(rs.get(), d, to_add, added);
            name_to_size[rs->metadata.name] = spec_replicas(*rs) + proportion;
            added += proportion;
        } else {
            name_to_size[rs->metadata.name] = spec_replicas(*rs);
        }
    }
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto& rs = all[i];
        auto& size = name_to_size[rs->metadata.name];
        if (i == 0 && to_add != 0) {
            size += to_add - added;
            if (size < 0) size = 0;
        }
        if (auto e = scale_replica_set(dc, rs, size, d).err) return e;
    }
    return std::nullopt;
}

error cleanup_deployment(context& dc, const rs_list& old_rss, const api::deployment& d) {
    if (!has_revision_history_limit(d)) return std::nullopt;
    rs_list cleanable =
        filter_replica_sets(old_rss, [](const rs_ptr& rs) { return rs && !rs->metadata.deletion_timestamp; });
    const std::int64_t diff = static_cast<std::int64_t>(cleanable.size()) - *d.spec.revision_history_limit;
    if (diff <= 0) return std::nullopt;
    std::sort(cleanable.begin(), cleanable.end(), replica_sets_by_revision{});
    for (std::int64_t i = 0; i < diff; ++i) {
        const auto& rs = cleanable[static_cast<std::size_t>(i)];
        if (rs->status.replicas != 0 || spec_replicas(*rs) != 0 ||
            rs->metadata.generation > rs->status.observed_generation || rs->metadata.deletion_timestamp)
            continue;
        auto r = dc.store.remove(detail::rs_ops(), rs->metadata.namespace_, rs->metadata.name, {});
        if (!r && r.error().reason != "NotFound") return r.error();
    }
    return std::nullopt;
}

api::deployment_status calculate_status(const rs_list& all_rss, const rs_ptr& new_rs,
                                        const api::deployment& d, sim::time_point now) {
    const std::int32_t available = get_available_replica_count_for_replica_sets(all_rss);
    const std::int32_t total = get_replica_count_for_replica_sets(all_rss);
    std::int32_t unavailable = total - available;
    if (unavailable < 0) unavailable = 0;

    api::deployment_status s;
    s.observed_generation = d.metadata.generation;
    s.replicas = get_actual_replica_count_for_replica_sets(all_rss);
    s.updated_replicas = get_actual_replica_count_for_replica_sets(rs_list{new_rs});
    s.ready_replicas = get_ready_replica_count_for_replica_sets(all_rss);
    s.available_replicas = available;
    s.unavailable_replicas = unavailable;
    s.collision_count = d.status.collision_count;
    s.conditions = d.status.conditions;

    if (available >= spec_replicas(d) - max_unavailable(d)) {
        set_deployment_condition(s, new_deployment_condition(deployment_available_type, "True", minimum_replicas_available,
                                                             "Deployment has minimum availability.", now));
    } else {
        set_deployment_condition(s, new_deployment_condition(deployment_available_type, "False", minimum_replicas_unavailable,
                                                             "Deployment does not have minimum availability.", now));
    }
    return s;
}

error sync_deployment_status(context& dc, const rs_list& all_rss, const rs_ptr& new_rs, api::deployment& d) {
    auto s = calculate_status(all_rss, new_rs, d, dc.now());
    if (d.status == s) return std::nullopt;
    d.status = std::move(s);
    return update_deployment_status(dc, d);
}

namespace detail {

rs_list with_new(rs_list old_rss, const rs_ptr& new_rs) {
    if (new_rs) old_rss.push_back(new_rs);
    return old_rss;
}

}  // namespace detail

error sync_status_only(context& dc, api::deployment& d, const rs_list& rss) {
    rs_ptr new_rs;
    rs_list old_rss;
    if (auto e = get_all_replica_sets_and_sync_revision(dc, d, rss, false, new_rs, old_rss)) return e;
    return sync_deployment_status(dc, detail::with_new(old_rss, new_rs), new_rs, d);
}

error sync(context& dc, api::deployment& d, const rs_list& rss) {
    rs_ptr new_rs;
    rs_list old_rss;
    if (auto e = get_all_replica_sets_and_sync_revision(dc, d, rss, false, new_rs, old_rss)) return e;
    if (auto e = scale(dc, d, new_rs, old_rss)) return e;
    if (d.spec.paused) {
        if (auto e = cleanup_deployment(dc, old_rss, d)) return e;
    }
    return sync_deployment_status(dc, detail::with_new(old_rss, new_rs), new_rs, d);
}

error check_paused_conditions(context& dc, api::deployment& d) {
    if (!has_progress_deadline(d)) return std::nullopt;
    const auto* cond = get_deployment_condition(d.status, deployment_progressing_type);
    if (cond && cond->reason == timed_out_reason) return std::nullopt;
    const bool paused_cond_exists = cond && cond->reason == paused_deploy_reason;
    if (d.spec.paused && !paused_cond_exists) {
        set_deployment_condition(d.status, new_deployment_condition(deployment_progressing_type, "Unknown", paused_deploy_reason,
                                                                    "Deployment is paused", dc.now()));
    } else if (!d.spec.paused && paused_cond_exists) {
        set_deployment_condition(d.status, new_deployment_condition(deployment_progressing_type, "Unknown", resumed_deploy_reason,
                                                                    "Deployment is resumed", dc.now()));
    } else {
        return std::nullopt;
    }
    return update_deployment_status(dc, d);
}

error is_scaling_event(context& dc, api::deployment& d, const rs_list& rss, bool& out) {
    out = false;
    rs_ptr new_rs;
    rs_list old_rss;
    if (auto e = get_all_replica_sets_and_sync_revision(dc, d, rss, false, new_rs, old_rss)) return e;
    for (const auto& rs : filter_active_replica_sets(detail::with_new(old_rss, new_rs))) {
        auto desired = get_desired_replicas_annotation(*rs);
        if (!desired) continue;
        if (*desired != spec_replicas(d)) {
            out = true;
            return std::nullopt;
        }
    }
    return std::nullopt;
}

}  // namespace kubesim::controllers::deployment
