// Definitions of controllers/namespace/controller.hpp.
#pragma once

#include <kubesim/controllers/namespace/controller.hpp>

#include <algorithm>
#include <set>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/store/options.hpp>

namespace kubesim::controllers::namespace_ {

void namespace_condition_updater::process_content_totals(const all_gvr_deletion_metadata& totals) {
    // "<name><middle><count><suffix>" for each non-zero count, sorted.
    auto remaining = [](const auto& counts, std::string_view middle, std::string_view suffix) {
        std::vector<std::string> out;
        for (const auto& [name, n] : counts)
            if (n != 0) out.push_back(name + std::string(middle) + std::to_string(n) + std::string(suffix));
        std::sort(out.begin(), out.end());
        return join(out);
    };
    if (!totals.gvr_to_num_remaining.empty()) {
        const auto kinds = remaining(totals.gvr_to_num_remaining, " has ", " resource instances");
        new_conditions_.push_back(condition(namespace_content_remaining, "True", "SomeResourcesRemain",
                                            "Some resources are remaining: " + kinds));
    }
    if (!totals.finalizers_to_num_remaining.empty()) {
        const auto finalizers = remaining(totals.finalizers_to_num_remaining, " in ", " resource instances");
        new_conditions_.push_back(condition(namespace_finalizers_remaining, "True", "SomeFinalizersRemain",
                                            "Some content in the namespace has finalizers remaining: " + finalizers));
    }
}

bool namespace_condition_updater::update(api::namespace_& ns) {
    if (!get_condition(new_conditions_, namespace_deletion_content_failure)) {
        if (auto c = make_delete_content_condition()) new_conditions_.push_back(std::move(*c));
    }
    return update_conditions(ns.status);
}

std::string namespace_condition_updater::join(const std::vector<std::string>& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
    return out;
}

api::namespace_condition namespace_condition_updater::condition(std::string_view type, std::string status,
                                                                std::string reason, std::string message) const {
    return api::namespace_condition{std::string(type), std::move(status), now_, std::move(reason),
                                    std::move(message)};
}

api::namespace_condition* namespace_condition_updater::get_condition(std::vector<api::namespace_condition>& cs,
                                                                     std::string_view type) {
    for (auto& c : cs)
        if (c.type == type) return &c;
    return nullptr;
}

std::optional<api::namespace_condition> namespace_condition_updater::make_delete_content_condition() const {
    if (delete_content_errors_.empty()) return std::nullopt;
    auto msgs = delete_content_errors_;
    std::sort(msgs.begin(), msgs.end());
    return condition(namespace_deletion_content_failure, "True", "ContentDeletionFailed",
                     "Failed to delete all resource types, " + std::to_string(msgs.size()) +
                         " remaining: " + join(msgs));
}

api::namespace_condition namespace_condition_updater::successful_condition(std::string_view type) const {
    if (type == namespace_deletion_discovery_failure)
        return condition(type, "False", "ResourcesDiscovered", "All resources successfully discovered");
    if (type == namespace_deletion_gv_parsing_failure)
        return condition(type, "False", "ParsedGroupVersions", "All legacy kube types successfully parsed");
    if (type == namespace_deletion_content_failure)
        return condition(type, "False", "ContentDeleted",
                         "All content successfully deleted, may be waiting on finalization");
    if (type == namespace_content_remaining)
        return condition(type, "False", "ContentRemoved", "All content successfully removed");
    return condition(type, "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished");
}

bool namespace_condition_updater::update_conditions(api::namespace_status& status) {
    bool changed = false;
    for (std::string_view type : {namespace_deletion_discovery_failure, namespace_deletion_gv_parsing_failure,
                                  namespace_deletion_content_failure, namespace_content_remaining,
                                  namespace_finalizers_remaining}) {
        const auto* fresh = get_condition(new_conditions_, type);
        const api::namespace_condition next = fresh ? *fresh : successful_condition(type);
        auto* old = get_condition(status.conditions, type);
        if (!old) {
            status.conditions.push_back(next);
            changed = true;
        } else if (old->status != next.status || old->message != next.message || old->reason != next.reason) {
            if (old->status != next.status) old->last_transition_time = now_;
            old->status = next.status;
            old->reason = next.reason;
            old->message = next.message;
            changed = true;
        }
    }
    return changed;
}

namespaced_resources_deleter::namespaced_resources_deleter(store::object_store& s,
                                                           std::vector<const store::kind_ops*> kinds,
                                                           std::string finalizer_token)
    : store_(&s), finalizer_token_(std::move(finalizer_token)) {
    for (const auto* k : kinds)
        if (k->namespaced) kinds_.push_back(k);
}

template <class Fn>
result<api::namespace_> namespaced_resources_deleter::retry_on_conflict_error(const api::namespace_& ns, Fn fn) {
    api::namespace_ latest = ns;
    for (;;) {
        auto r = fn(latest);
        if (r) return r;
        if (r.error().reason != "Conflict") return r;
        const std::string prev_uid = latest.metadata.uid;
        auto again = namespaces().get(latest.metadata.name);
        if (!again) return again;
        latest = std::move(*again);
        if (latest.metadata.uid != prev_uid)
            return api::errors::internal_error("namespace uid has changed across retries");
    }
}

delete_outcome namespaced_resources_deleter::delete_(const std::string& ns_name) {
    auto nsc = namespaces();
    auto cur = nsc.get(ns_name);
    if (!cur) {
        if (cur.error().reason == "NotFound") return {};
        return {std::nullopt, cur.error().message};
    }
    if (!cur->metadata.deletion_timestamp) return {};

    auto ns = retry_on_conflict_error(*cur, [this](const api::namespace_& n) { return update_namespace_status_func(n); });
    if (!ns) {
        if (ns.error().reason == "NotFound") return {};
        return {std::nullopt, ns.error().message};
    }
    if (!ns->metadata.deletion_timestamp) return {};
    if (finalized(*ns)) return {};

    std::string err;
    const std::int64_t estimate = delete_all_content(*ns, err);
    if (!err.empty()) return {std::nullopt, err};
    if (estimate > 0) return {estimate, {}};

    auto fin = retry_on_conflict_error(*ns, [this](const api::namespace_& n) { return finalize_namespace(n); });
    if (!fin && fin.error().reason != "NotFound") return {std::nullopt, fin.error().message};
    return {};
}

std::string namespaced_resources_deleter::resources_remaining_message(std::int64_t estimate) {
    return "some content remains in the namespace, estimate " + std::to_string(estimate) +
           " seconds before it is removed";
}

result<api::namespace_> namespaced_resources_deleter::update_namespace_status_func(const api::namespace_& ns) {
    if (!ns.metadata.deletion_timestamp || ns.status.phase == "Terminating") return ns;
    auto next = ns;
    next.status.phase = "Terminating";
    return namespaces().update_status(next);
}

result<api::namespace_> namespaced_resources_deleter::finalize_namespace(const api::namespace_& ns) {
    std::set<std::string> rest;
    for (const auto& f : ns.spec.finalizers)
        if (f != finalizer_token_) rest.insert(f);
    auto next = ns;
    next.spec.finalizers.assign(rest.begin(), rest.end());
    auto r = namespaces().update(next);
    if (!r && r.error().reason == "NotFound") return ns;
    return r;
}

std::string namespaced_resources_deleter::gvr_string(const store::kind_ops& ops) {
    const auto slash = ops.api_version.rfind('/');
    const std::string_view version = slash == std::string_view::npos ? ops.api_version : ops.api_version.substr(slash + 1);
    return std::string(ops.group) + "/" + std::string(version) + ", Resource=" + std::string(ops.resource);
}

std::string namespaced_resources_deleter::delete_collection(const store::kind_ops& ops, const std::string& ns) {
    auto items = store_->list(ops, ns, list_options{});
    if (!items) return items.error().message;
    delete_options opts;
    opts.propagation_policy = "Background";
    for (const auto& o : items->items) {
        const auto& m = ops.meta(o.get());
        auto r = store_->remove(ops, ns, m.name, opts);
        if (!r && r.error().reason != "NotFound") return r.error().message;
    }
    return {};
}

gvr_deletion_metadata namespaced_resources_deleter::delete_all_content_for_group_version_resource(
    const store::kind_ops& ops, const std::string& ns, sim::time_point deleted_at, std::string& err) {
    const std::int64_t estimate = estimate_graceful_termination(ops, ns, deleted_at);
    if (auto e = delete_collection(ops, ns); !e.empty()) {
        err = std::move(e);
        return {estimate, 0, {}};
    }
    auto left = store_->list(ops, ns, list_options{});
    if (!left) {
        err = left.error().message;
        return {estimate, 0, {}};
    }
    if (left->items.empty()) return {};
    std::map<std::string, int> finalizers;
    for (const auto& o : left->items)
        for (const auto& f : ops.meta(o.get()).finalizers) ++finalizers[f];
    const int n = static_cast<int>(left->items.size());
    if (estimate != 0) return {estimate, n, std::move(finalizers)};
    if (!finalizers.empty()) return {finalizer_estimate_seconds, n, std::move(finalizers)};
    err = "unexpected items still remain in namespace: " + ns + " for gvr: " + gvr_string(ops);
    return {estimate, n, {}};
}

std::int64_t namespaced_resources_deleter::delete_all_content(api::namespace_& ns, std::string& err) {
    const std::string& name = ns.metadata.name;
    const sim::time_point deleted_at = *ns.metadata.deletion_timestamp;
    namespace_condition_updater updater(store_->now());
    std::vector<std::string> errs;
    std::int64_t estimate = 0;
    all_gvr_deletion_metadata totals;
    for (const auto* ops : kinds_) {
        std::string e;
        auto md = delete_all_content_for_group_version_resource(*ops, name, deleted_at, e);
        if (!e.empty()) {
            updater.process_delete_content_err(e);
            errs.push_back(std::move(e));
        }
        estimate = std::max(estimate, md.finalizer_estimate_seconds);
        if (md.num_remaining > 0) {
            totals.gvr_to_num_remaining[gvr_label(*ops)] = md.num_remaining;
            for (const auto& [f, n] : md.finalizers_to_num_remaining)
                if (n != 0) totals.finalizers_to_num_remaining[f] += n;
        }
    }
    updater.process_content_totals(totals);
    // A failed status write is only logged upstream.
    if (updater.update(ns)) (void)namespaces().update_status(ns);
    if (errs.size() == 1) err = errs.front();
    else if (errs.size() > 1) {
        err = "[";
        for (std::size_t i = 0; i < errs.size(); ++i) err += (i ? ", " : "") + errs[i];
        err += "]";
    }
    return estimate;
}

std::int64_t namespaced_resources_deleter::estimate_graceful_termination(const store::kind_ops& ops,
                                                                         const std::string& ns,
                                                                         sim::time_point deleted_at) {
    std::int64_t estimate = 0;
    if (ops.resource == "pods" && ops.group.empty()) estimate = estimate_graceful_termination_for_pods(ns);
    if (store_->now() - deleted_at >= std::chrono::seconds(estimate)) estimate = 0;
    return estimate;
}

std::int64_t namespaced_resources_deleter::estimate_graceful_termination_for_pods(const std::string& ns) {
    std::int64_t estimate = 0;
    auto pods = store_->list(store::kind_ops_of<api::pod>(), ns, list_options{});
    if (!pods) return 0;
    for (const auto& o : pods->items) {
        const auto& p = *static_cast<const api::pod*>(o.get());
        if (p.status.phase == "Succeeded" || p.status.phase == "Failed") continue;
        if (p.spec.termination_grace_period_seconds)
            estimate = std::max(estimate, *p.spec.termination_grace_period_seconds);
    }
    return estimate;
}

controller::controller(store::object_store& s, std::vector<const store::kind_ops*> kinds, controller_options opts,
                       store::shared_informers* informers)
    : namespaces_(s, informers),
      deleter_(s, std::move(kinds), std::move(opts.finalizer_token)),
      queue_(s.engine(), [this](const std::string& key) { worker(key); }, ns_controller_rate_limiter()) {
    namespaces_.on_add([this](const ns_ptr& ns) { enqueue_namespace(*ns); });
    namespaces_.on_update([this](const ns_ptr&, const ns_ptr& ns) { enqueue_namespace(*ns); });
}

std::unique_ptr<controllers::rate_limiter> controller::ns_controller_rate_limiter() {
    std::vector<std::unique_ptr<controllers::rate_limiter>> ls;
    ls.push_back(std::make_unique<item_exponential_failure_rate_limiter>(std::chrono::milliseconds(5),
                                                                         std::chrono::seconds(60)));
    ls.push_back(std::make_unique<bucket_rate_limiter>(10, 100));
    return std::make_unique<max_of_rate_limiter>(std::move(ls));
}

void controller::enqueue_namespace(const api::namespace_& ns) {
    if (!ns.metadata.deletion_timestamp) return;
    queue_.add_after(ns.metadata.name, namespace_deletion_grace_period);
}

void controller::worker(const std::string& key) {
    const auto out = sync_namespace_from_key(key);
    if (out.ok()) {
        queue_.forget(key);
        return;
    }
    if (out.remaining_estimate) {
        const std::int64_t t = *out.remaining_estimate / 2 + 1;
        queue_.add_after(key, std::chrono::seconds(t));
        return;
    }
    last_error_ = "deletion of namespace " + key + " failed: " + out.error;
    queue_.add_rate_limited(key);
}

delete_outcome controller::sync_namespace_from_key(const std::string& key) {
    ++syncs_;
    if (!namespaces_.get({}, key)) return {};  // deleted
    return deleter_.delete_(key);
}

}  // namespace kubesim::controllers::namespace_
