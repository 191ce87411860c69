// Definitions of controllers/deployment/controller.hpp.
#pragma once

#include <kubesim/controllers/deployment/controller.hpp>

#include <algorithm>
#include <map>
#include <utility>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/controllers/deployment/progress.hpp>
#include <kubesim/controllers/deployment/rolling.hpp>
#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::controllers::deployment {

controller::controller(store::object_store& s, store::shared_informers* informers)
    : store_(&s),
      deployments_(s, informers),
      replica_sets_(s, informers),
      pods_(s, informers),
      recorder_(s, "deployment-controller"),
      queue_(s.engine(), [this](const std::string& key) { process(key); }),
      ctx_{s, recorder_, replica_sets_.lister(), queue_} {
    // ReplicaSets by the uid of their controller, and the orphans by namespace.
    replica_sets_.add_index(std::string(controller_uid_index_name),
                            [](const api::replica_set& rs) { return controller_uid_index(rs.metadata); });
    replica_sets_.add_index("orphan", [](const api::replica_set& rs) {
        return api::controller_of(rs.metadata) ? std::vector<std::string>{}
                                               : std::vector<std::string>{rs.metadata.namespace_};
    });
    // Pods by the uid of their controller (looked up by ReplicaSet uids).
    pods_.add_index(std::string(controller_uid_index_name),
                    [](const api::pod& p) { return controller_uid_index(p.metadata); });

    deployments_.on_add([this](const d_ptr& d) { enqueue_deployment(*d); });
    deployments_.on_update([this](const d_ptr&, const d_ptr& d) { enqueue_deployment(*d); });
    deployments_.on_delete([this](const d_ptr& d) { enqueue_deployment(*d); });

    replica_sets_.on_add([this](const rs_ptr& rs) { add_replica_set(*rs); });
    replica_sets_.on_update([this](const rs_ptr& o, const rs_ptr& n) { update_replica_set(*o, *n); });
    replica_sets_.on_delete([this](const rs_ptr& rs) { delete_replica_set(*rs); });

    pods_.on_delete([this](const pod_ptr& p) { delete_pod(*p); });
}

error controller::sync_deployment(const std::string& key) {
    ++syncs_;
    const auto [ns, name] = split_meta_namespace_key(key);
    auto cached = deployments_.lister().get(ns, name);
    if (!cached) return std::nullopt;  // deleted
    api::deployment d = *cached;

    if (d.spec.selector && d.spec.selector->match_labels.empty() && d.spec.selector->match_expressions.empty()) {
        recorder_.event(d, "Warning", "SelectingAll",
                        "This deployment is selecting all pods. A non-empty selector is required.");
        if (d.status.observed_generation < d.metadata.generation) {
            d.status.observed_generation = d.metadata.generation;
            (void)update_deployment_status(ctx_, d);
        }
        return std::nullopt;
    }

    rs_list rss;
    if (auto e = get_replica_sets_for_deployment(d, rss)) return e;

    if (d.metadata.deletion_timestamp) return sync_status_only(ctx_, d, rss);

    if (auto e = check_paused_conditions(ctx_, d)) return e;
    if (d.spec.paused) return sync(ctx_, d, rss);

    bool scaling = false;
    if (auto e = is_scaling_event(ctx_, d, rss, scaling)) return e;
    if (scaling) return sync(ctx_, d, rss);

    if (d.spec.strategy.type == recreate_deployment_strategy_type) {
        pod_map pods;
        if (auto e = get_pod_map_for_deployment(d, rss, pods)) return e;
        return rollout_recreate(ctx_, d, rss, pods);
    }
    if (d.spec.strategy.type == rolling_update_deployment_strategy_type) return rollout_rolling(ctx_, d, rss);
    return controller_error("unexpected deployment strategy type: " + d.spec.strategy.type);
}

error controller::get_replica_sets_for_deployment(const api::deployment& d, rs_list& out) {
    out.clear();
    auto sel = api::labels::label_selector_as_selector(d.spec.selector);
    if (!sel)
        return controller_error("deployment " + d.metadata.namespace_ + "/" + d.metadata.name +
                                " has invalid label selector: " + sel.error().message);
    rs_list candidates = replica_sets_.lister().by_index(controller_uid_index_name, d.metadata.uid);
    for (auto& rs : replica_sets_.lister().by_index("orphan", d.metadata.namespace_))
        candidates.push_back(std::move(rs));
    std::sort(candidates.begin(), candidates.end(),
              [](const rs_ptr& a, const rs_ptr& b) { return a->metadata.name < b->metadata.name; });
    std::vector<std::string> errs;
    out = claim_objects<api::replica_set>(*store_, d, *sel, candidates, errs);
    if (!errs.empty()) return controller_error(aggregate_errors(errs));
    return std::nullopt;
}

error controller::get_pod_map_for_deployment(const api::deployment& d, const rs_list& rss, pod_map& out) {
    out.clear();
    auto sel = api::labels::label_selector_as_selector(d.spec.selector);
    if (!sel) return sel.error();
    for (const auto& rs : rss) {
        auto& list = out[rs->metadata.uid];
        for (auto& p : pods_.lister().by_index(controller_uid_index_name, rs->metadata.uid))
            if (p->metadata.namespace_ == d.metadata.namespace_ && sel->matches(p->metadata.labels))
                list.push_back(std::move(p));
    }
    return std::nullopt;
}

void controller::enqueue_deployment(const api::deployment& d) { queue_.add(key_func(d.metadata)); }

controller::d_ptr controller::resolve_controller_ref(const std::string& ns, const api::owner_reference& ref) const {
    if (ref.kind != api::deployment::kind) return nullptr;
    auto d = deployments_.lister().get(ns, ref.name);
    if (!d || d->metadata.uid != ref.uid) return nullptr;
    return d;
}

std::vector<controller::d_ptr> controller::get_deployments_for_replica_set(const api::replica_set& rs) const {
    std::vector<d_ptr> out;
    if (rs.metadata.labels.empty()) return out;
    for (auto& d : deployments_.lister().list(rs.metadata.namespace_)) {
        auto sel = api::labels::label_selector_as_selector(d->spec.selector);
        if (!sel || sel->empty() || !sel->matches(rs.metadata.labels)) continue;
        out.push_back(std::move(d));
    }
    return out;
}

void controller::add_replica_set(const api::replica_set& rs) {
    if (rs.metadata.deletion_timestamp) {
        delete_replica_set(rs);
        return;
    }
    if (const auto* ref = api::controller_of(rs.metadata)) {
        if (auto d = resolve_controller_ref(rs.metadata.namespace_, *ref)) enqueue_deployment(*d);
        return;
    }
    for (const auto& d : get_deployments_for_replica_set(rs)) enqueue_deployment(*d);
}

void controller::update_replica_set(const api::replica_set& o, const api::replica_set& n) {
    if (o.metadata.resource_version == n.metadata.resource_version) return;  // resync
    const auto* cur_ref = api::controller_of(n.metadata);
    const auto* old_ref = api::controller_of(o.metadata);
    const bool ref_changed = (cur_ref == nullptr) != (old_ref == nullptr) || (cur_ref && !(*cur_ref == *old_ref));
    if (ref_changed && old_ref) {
        if (auto d = resolve_controller_ref(o.metadata.namespace_, *old_ref)) enqueue_deployment(*d);
    }
    if (cur_ref) {
        if (auto d = resolve_controller_ref(n.metadata.namespace_, *cur_ref)) enqueue_deployment(*d);
        return;
    }
    if (o.metadata.labels != n.metadata.labels || ref_changed)
        for (const auto& d : get_deployments_for_replica_set(n)) enqueue_deployment(*d);
}

void controller::delete_replica_set(const api::replica_set& rs) {
    const auto* ref = api::controller_of(rs.metadata);
    if (!ref) return;
    if (auto d = resolve_controller_ref(rs.metadata.namespace_, *ref)) enqueue_deployment(*d);
}

controller::d_ptr controller::get_deployment_for_pod(const api::pod& p) const {
    const auto* ref = api::controller_of(p.metadata);
    if (!ref || ref->kind != api::replica_set::kind) return nullptr;
    auto rs = replica_sets_.lister().get(p.metadata.namespace_, ref->name);
    if (!rs || rs->metadata.uid != ref->uid) return nullptr;
    const auto* dref = api::controller_of(rs->metadata);
    if (!dref) return nullptr;
    return resolve_controller_ref(rs->metadata.namespace_, *dref);
}

void controller::delete_pod(const api::pod& p) {
    auto d = get_deployment_for_pod(p);
    if (!d || d->spec.strategy.type != recreate_deployment_strategy_type) return;
    std::size_t num_pods = 0;
    for (const auto& rs : replica_sets_.lister().by_index(controller_uid_index_name, d->metadata.uid))
        num_pods += pods_.lister().by_index(controller_uid_index_name, rs->metadata.uid).size();
    if (num_pods == 0) enqueue_deployment(*d);
}

void controller::process(const std::string& key) {
    auto err = sync_deployment(key);
    queue_.handle_err(key, err && !has_namespace_terminating_cause(*err), max_retries);
}

result<std::string> rollback_to_revision(store::object_store& s, const std::string& ns, const std::string& name,
                                         std::int64_t to_revision) {
    auto not_found = [](std::int64_t r) {
        return api::errors::bad_request("unable to find specified revision " + std::to_string(r) + " in history");
    };
    if (to_revision < 0) return not_found(to_revision);
    store::client<api::deployment> deployments(s, ns);
    auto got = deployments.get(name);
    if (!got) {
        auto e = got.error();
        e.message = "failed to retrieve Deployment " + name + ": " + e.message;
        return e;
    }
    api::deployment d = std::move(*got);

    // deploymentutil.GetAllReplicaSets: listed by selector, controlled by d.
    auto sel = api::labels::label_selector_as_selector(d.spec.selector);
    if (!sel) return api::errors::bad_request("failed to retrieve replica sets from deployment " + name + ": " +
                                              sel.error().message);
    list_options opt;
    opt.label_selector = sel->to_string();
    auto listed = store::client<api::replica_set>(s, ns).list(opt);
    if (!listed) {
        auto e = listed.error();
        e.message = "failed to retrieve replica sets from deployment " + name + ": " + e.message;
        return e;
    }
    rs_list rss;
    for (auto& rs : listed->items) {
        const auto* ref = api::controller_of(rs.metadata);
        if (ref && ref->uid == d.metadata.uid) rss.push_back(std::make_shared<const api::replica_set>(std::move(rs)));
    }
    rs_list all = find_old_replica_sets(d, rss).second;
    if (auto n = find_new_replica_set(d, rss)) all.push_back(n);

    // deploymentRevision
    rs_ptr target, latest, previous;
    std::int64_t latest_rev = -1, previous_rev = -1;
    for (const auto& rs : all) {
        auto v = revision(rs->metadata);
        if (!v) continue;
        if (to_revision == 0) {
            if (latest_rev < *v) {
                previous_rev = latest_rev;
                previous = latest;
                latest_rev = *v;
                latest = rs;
            } else if (previous_rev < *v) {
                previous_rev = *v;
                previous = rs;
            }
        } else if (to_revision == *v) {
            target = rs;
            break;
        }
    }
    if (to_revision > 0 && !target) return not_found(to_revision);
    if (to_revision == 0) {
        if (!previous)
            return api::errors::bad_request("no rollout history found for deployment " + api::field::quote(name));
        target = previous;
    }

    if (d.spec.paused)
        return api::errors::bad_request(
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/" + name +
            "' and try again");
    if (equal_ignore_hash(target->spec.template_, d.spec.template_))
        return "skipped rollback (current template already matches revision " + std::to_string(to_revision) + ")";

    api::pod_template_spec tmpl = target->spec.template_;
    tmpl.metadata.labels.erase(std::string(default_deployment_unique_label_key));
    std::map<std::string, std::string> annotations = get_skipped_annotations(d.metadata.annotations);
    for (const auto& [k, v] : target->metadata.annotations)
        if (!skip_copy_annotation(k)) annotations[k] = v;
    d.spec.template_ = std::move(tmpl);
    d.metadata.annotations = std::move(annotations);
    auto u = deployments.update(d);
    if (!u) {
        auto e = u.error();
        e.message = "failed restoring revision " + std::to_string(to_revision) + ": " + e.message;
        return e;
    }
    return std::string("rolled back");
}

}  // namespace kubesim::controllers::deployment
