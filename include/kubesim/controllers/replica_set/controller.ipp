// Definitions of controllers/replica_set/controller.hpp.
#pragma once

#include <kubesim/controllers/replica_set/controller.hpp>

#include <algorithm>
#include <chrono>
#include <iterator>
#include <map>
#include <set>
#include <utility>

namespace kubesim::controllers::replica_set {

controller::controller(store::object_store& s, controller_options opt, store::shared_informers* informers)
    : store_(&s),
      opt_(opt),
      rss_(s, informers),
      pods_(s, informers),
      recorder_(s, "replicaset-controller"),
      pod_control_(s, recorder_),
      queue_(s.engine(), [this](const std::string& key) { process_next_work_item(key); }) {
    rss_.add_index(std::string(controller_uid_index_name),
                   [](const api::replica_set& rs) { return controller_uid_index(rs.metadata); });
    rss_.add_index(std::string(selector_index), [](const api::replica_set& rs) {
        const auto& ns = rs.metadata.namespace_;
        if (!rs.spec.selector) return std::vector<std::string>{};
        const auto& ml = rs.spec.selector->match_labels;
        if (ml.empty()) return std::vector<std::string>{ns};
        return std::vector<std::string>{label_index_key(ns, ml.begin()->first, ml.begin()->second)};
    });
    pods_.add_index(std::string(controller_uid_index_name),
                    [](const api::pod& p) { return controller_uid_index(p.metadata); });
    pods_.add_index(std::string(orphan_index), [](const api::pod& p) {
        std::vector<std::string> out;
        if (api::controller_of(p.metadata)) return out;
        const auto& ns = p.metadata.namespace_;
        out.reserve(p.metadata.labels.size() + 1);
        out.push_back(ns);
        for (const auto& [k, v] : p.metadata.labels) out.push_back(label_index_key(ns, k, v));
        return out;
    });

    rss_.on_add([this](const rs_ptr& rs) { add_rs(*rs); });
    rss_.on_update([this](const rs_ptr& o, const rs_ptr& n) { update_rs(*o, *n); });
    rss_.on_delete([this](const rs_ptr& rs) { delete_rs(*rs); });
    pods_.on_add([this](const pod_ptr& p) { add_pod(*p); });
    pods_.on_update([this](const pod_ptr& o, const pod_ptr& n) { update_pod(*o, *n); });
    pods_.on_delete([this](const pod_ptr& p) { delete_pod(*p); });
}

std::optional<std::string> controller::sync_replica_set(const std::string& key) {
    ++syncs_;
    const auto [ns, name] = split_meta_namespace_key(key);
    auto rs = rss_.lister().get(ns, name);
    if (!rs) {
        expectations_.delete_expectations(key);
        return std::nullopt;
    }
    const sim::time_point now = store_->now();
    const bool rs_needs_sync = expectations_.satisfied_expectations(key, now);
    auto selector = api::labels::label_selector_as_selector(rs->spec.selector);
    if (!selector) return std::nullopt;  // an invalid selector matches nothing; upstream logs it

    // Ignore inactive pods.
    auto filtered_pods = filter_active_pods(pods_for(*rs, *selector));
    std::vector<std::string> claim_errors;
    filtered_pods = claim_objects<api::pod>(*store_, *rs, *selector, filtered_pods, claim_errors);
    if (!claim_errors.empty()) return aggregate_errors(claim_errors);

    std::optional<std::string> manage_replicas_err;
    if (rs_needs_sync && !rs->metadata.deletion_timestamp)
        manage_replicas_err = manage_replicas(filtered_pods, *rs);
    auto new_status = calculate_status(*rs, filtered_pods, manage_replicas_err, store_->now());

    // Always updates status as pods come up or die.
    auto updated = update_replica_set_status(*store_, rs, std::move(new_status));
    if (!updated) return updated.error().message;
    // Resync the ReplicaSet after MinReadySeconds as a last line of defense
    // to guard against clock-skew.
    const auto& u = **updated;
    const std::int32_t replicas = u.spec.replicas.value_or(1);
    if (!manage_replicas_err && u.spec.min_ready_seconds > 0 && u.status.ready_replicas == replicas &&
        u.status.available_replicas != replicas)
        queue_.add_after(key, std::chrono::seconds(u.spec.min_ready_seconds));
    return manage_replicas_err;
}

void controller::update_rs(const api::replica_set& old_rs, const api::replica_set& cur_rs) {
    if (cur_rs.metadata.uid != old_rs.metadata.uid) delete_rs(old_rs);
    enqueue_rs(cur_rs);
}

void controller::delete_rs(const api::replica_set& rs) {
    const auto key = key_func(rs.metadata);
    expectations_.delete_expectations(key);
    queue_.add(key);
}

controller::rs_ptr controller::resolve_controller_ref(const std::string& ns, const api::owner_reference& ref) const {
    if (ref.kind != api::replica_set::kind) return nullptr;
    auto rs = rss_.lister().get(ns, ref.name);
    if (!rs || rs->metadata.uid != ref.uid) return nullptr;
    return rs;
}

std::vector<controller::rs_ptr> controller::get_pod_replica_sets(const api::pod& p) const {
    std::vector<rs_ptr> out;
    if (p.metadata.labels.empty()) return out;
    const auto& ns = p.metadata.namespace_;
    std::map<std::string, rs_ptr> candidates;
    auto collect = [&](const std::string& value) {
        for (auto& rs : rss_.lister().by_index(selector_index, value))
            candidates.emplace(rs->metadata.name, std::move(rs));
    };
    collect(ns);
    for (const auto& [k, v] : p.metadata.labels) collect(label_index_key(ns, k, v));
    for (auto& [name, rs] : candidates) {
        auto sel = api::labels::label_selector_as_selector(rs->spec.selector);
        // A nil or empty selector matches nothing here, not everything.
        if (!sel || sel->empty() || !sel->matches(p.metadata.labels)) continue;
        out.push_back(std::move(rs));
    }
    return out;
}

void controller::add_pod(const api::pod& p) {
    if (p.metadata.deletion_timestamp) {
        // A pod that shows up already being deleted (e.g. after a relist)
        // must not count as a creation.
        delete_pod(p);
        return;
    }
    if (const auto* ref = api::controller_of(p.metadata)) {
        auto rs = resolve_controller_ref(p.metadata.namespace_, *ref);
        if (!rs) return;
        const auto key = key_func(rs->metadata);
        expectations_.creation_observed(key);
        queue_.add(key);
        return;
    }
    // An orphan: no controller is waiting for it, so no creation is observed.
    for (const auto& rs : get_pod_replica_sets(p)) enqueue_rs(*rs);
}

bool controller::same_ref(const api::owner_reference* a, const api::owner_reference* b) {
    if (!a || !b) return a == b;
    return *a == *b;
}

void controller::update_pod(const api::pod& old_pod, const api::pod& cur_pod) {
    // A resync delivers the same version; two versions never share one.
    if (cur_pod.metadata.resource_version == old_pod.metadata.resource_version) return;
    const bool label_changed = cur_pod.metadata.labels != old_pod.metadata.labels;
    if (cur_pod.metadata.deletion_timestamp) {
        // A graceful delete first sets deletionTimestamp; the ReplicaSet
        // replaces the pod now rather than after the grace period.
        delete_pod(cur_pod);
        if (label_changed) delete_pod(old_pod);
        return;
    }
    const auto* cur_ref = api::controller_of(cur_pod.metadata);
    const auto* old_ref = api::controller_of(old_pod.metadata);
    const bool ref_changed = !same_ref(cur_ref, old_ref);
    if (ref_changed && old_ref) {
        if (auto rs = resolve_controller_ref(old_pod.metadata.namespace_, *old_ref)) enqueue_rs(*rs);
    }
    if (cur_ref) {
        auto rs = resolve_controller_ref(cur_pod.metadata.namespace_, *cur_ref);
        if (!rs) return;
        enqueue_rs(*rs);
        // The pod becomes available minReadySeconds after it turned ready:
        // look again then.
        if (!is_pod_ready(old_pod) && is_pod_ready(cur_pod) && rs->spec.min_ready_seconds > 0)
            queue_.add_after(key_func(rs->metadata), std::chrono::seconds(rs->spec.min_ready_seconds));
        return;
    }
    if (label_changed || ref_changed)
        for (const auto& rs : get_pod_replica_sets(cur_pod)) enqueue_rs(*rs);
}

void controller::delete_pod(const api::pod& p) {
    const auto* ref = api::controller_of(p.metadata);
    if (!ref) return;  // no controller cares about orphans being deleted
    auto rs = resolve_controller_ref(p.metadata.namespace_, *ref);
    if (!rs) return;
    const auto key = key_func(rs->metadata);
    expectations_.deletion_observed(key, pod_key(p));
    queue_.add(key);
}

void controller::process_next_work_item(const std::string& key) {
    if (sync_replica_set(key)) {
        queue_.add_rate_limited(key);
        return;
    }
    queue_.forget(key);
}

std::string controller::orphan_lookup(const std::string& ns, const api::labels::selector& sel) {
    for (const auto& r : sel.requirements()) {
        using api::labels::op;
        const bool exact = r.operator_ == op::equals || r.operator_ == op::double_equals || r.operator_ == op::in;
        if (exact && r.values.size() == 1) return label_index_key(ns, r.key, r.values.front());
    }
    return ns;
}

std::vector<pod_ptr> controller::pods_for(const api::replica_set& rs, const api::labels::selector& sel) const {
    const auto& ns = rs.metadata.namespace_;
    auto lister = pods_.lister();
    std::vector<pod_ptr> owned;
    for (auto& p : lister.by_index(controller_uid_index_name, rs.metadata.uid))
        if (p->metadata.namespace_ == ns) owned.push_back(std::move(p));
    if (sel.matches_nothing()) return owned;
    std::vector<pod_ptr> orphans;
    for (auto& p : lister.by_index(orphan_index, orphan_lookup(ns, sel)))
        if (sel.matches(p->metadata.labels)) orphans.push_back(std::move(p));
    if (orphans.empty()) return owned;
    std::vector<pod_ptr> out;
    out.reserve(owned.size() + orphans.size());
    std::merge(owned.begin(), owned.end(), orphans.begin(), orphans.end(), std::back_inserter(out),
               [](const pod_ptr& a, const pod_ptr& b) { return a->metadata.name < b->metadata.name; });
    return out;
}

std::vector<pod_ptr> controller::get_indirectly_related_pods(const api::replica_set& rs) const {
    std::vector<pod_ptr> related;
    const auto* ref = api::controller_of(rs.metadata);
    if (!ref) return related;
    std::set<std::string> seen;
    for (const auto& other : rss_.lister().by_index(controller_uid_index_name, ref->uid)) {
        auto sel = api::labels::label_selector_as_selector(other->spec.selector);
        if (!sel) continue;  // an invalid selector matches no pods
        for (auto& p : pods_for(*other, *sel)) {
            if (!sel->matches(p->metadata.labels)) continue;
            if (!seen.insert(p->metadata.uid).second) continue;
            related.push_back(std::move(p));
        }
    }
    return related;
}

std::optional<std::string> controller::manage_replicas(const std::vector<pod_ptr>& filtered_pods,
                                                       const api::replica_set& rs) {
    const auto key = key_func(rs.metadata);
    const auto& ns = rs.metadata.namespace_;
    std::int64_t diff = static_cast<std::int64_t>(filtered_pods.size()) - rs.spec.replicas.value_or(1);
    if (diff < 0) {
        diff = std::min<std::int64_t>(-diff, opt_.burst_replicas);
        // Expect the creations before making them: their watch events may
        // arrive before this sync ends.
        expectations_.expect_creations(key, diff, store_->now());
        auto [successes, err] =
            slow_start_batch(static_cast<int>(diff), slow_start_initial_batch_size, [&]() -> std::optional<std::string> {
                auto r = pod_control_.create_pods(ns, rs.spec.template_, rs);
                if (r) return std::nullopt;
                // A terminating namespace refuses every create: nothing to report.
                for (const auto& c : r.error().details.causes)
                    if (c.type == "NamespaceTerminating") return std::nullopt;
                return r.error().message;
            });
        // The pods never tried will not be observed; the next sync retries them.
        for (std::int64_t skipped = diff - successes; skipped > 0; --skipped) expectations_.creation_observed(key);
        return err;
    }
    if (diff > 0) {
        diff = std::min<std::int64_t>(diff, opt_.burst_replicas);
        const auto related = get_indirectly_related_pods(rs);
        // Choose which pods to delete, preferring those in earlier phases of startup.
        auto pods_to_delete =
            get_pods_to_delete(filtered_pods, related, static_cast<std::size_t>(diff), store_->now());
        // Record the pods by key, so a deletion counts once whether it is seen
        // as a deletionTimestamp update or as the delete itself.
        expectations_.expect_deletions(key, get_pod_keys(pods_to_delete), store_->now());
        std::optional<std::string> first_err;
        for (const auto& p : pods_to_delete) {
            auto r = pod_control_.delete_pod(ns, p->metadata.name, rs);
            if (r) continue;
            // The informer will not observe this deletion.
            expectations_.deletion_observed(key, pod_key(*p));
            if (r.error().reason != "NotFound" && !first_err) first_err = r.error().message;
        }
        return first_err;
    }
    return std::nullopt;
}

}  // namespace kubesim::controllers::replica_set
