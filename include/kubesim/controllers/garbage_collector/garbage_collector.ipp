// Definitions of controllers/garbage_collector/garbage_collector.hpp.
#pragma once

#include <kubesim/controllers/garbage_collector/garbage_collector.hpp>

#include <algorithm>
#include <optional>

#include <kubesim/store/options.hpp>

namespace kubesim::controllers::garbage_collector {

garbage_collector::garbage_collector(store::object_store& s, std::vector<const store::kind_ops*> kinds,
                                     garbage_collector_options opts, store::shared_informers* informers)
    : store_(&s),
      opts_(std::move(opts)),
      attempt_to_delete_(s.engine(), [this](const std::string& uid) { process_attempt_to_delete_worker(uid); }),
      attempt_to_orphan_(s.engine(), [this](const std::string& uid) { process_attempt_to_orphan_worker(uid); }),
      builder_(s, monitored(kinds, opts_), attempt_to_delete_, attempt_to_orphan_, absent_owner_cache_, informers) {
    for (const auto* ops : kinds) rest_mapper_.emplace(mapping_key(ops->api_version, ops->kind), ops);
}

void garbage_collector::start() {
    if (started_) return;
    started_ = true;
    builder_.start();
}

void garbage_collector::stop() {
    if (!started_) return;
    started_ = false;
    builder_.stop();
    attempt_to_orphan_.shutdown();
    attempt_to_delete_.shutdown();
}

garbage_collector::gc_error garbage_collector::from_status(const api::status& s) {
    const outcome c = s.reason == "NotFound" ? outcome::not_found
                      : s.reason == "Conflict" ? outcome::conflict
                                               : outcome::failed;
    return {c, s.message};
}

std::vector<const store::kind_ops*> garbage_collector::monitored(const std::vector<const store::kind_ops*>& kinds,
                                                                 const garbage_collector_options& opts) {
    std::vector<const store::kind_ops*> out;
    for (const auto* k : kinds)
        if (!opts.ignored_resources.count(k->qualified_resource)) out.push_back(k);
    return out;
}

std::string garbage_collector::mapping_key(std::string_view api_version, std::string_view kind) {
    std::string k(api_version);
    k += '/';
    k += kind;
    return k;
}

const store::kind_ops* garbage_collector::api_resource(std::string_view api_version, std::string_view kind) const {
    auto it = rest_mapper_.find(mapping_key(api_version, kind));
    return it == rest_mapper_.end() ? nullptr : it->second;
}

garbage_collector::gc_error garbage_collector::rest_mapping_error(std::string_view kind, std::string_view api_version) {
    return {outcome::failed, "unable to get REST mapping for " + std::string(kind) + "/" + std::string(api_version) + "."};
}

std::pair<store::object_ptr, garbage_collector::gc_error> garbage_collector::get_object(
    const object_reference& item, const store::kind_ops** ops_out) {
    const auto* ops = api_resource(item.api_version, item.kind);
    if (!ops) return {nullptr, rest_mapping_error(item.kind, item.api_version)};
    if (ops_out) *ops_out = ops;
    auto o = store_->find(*ops, ops->namespaced ? std::string_view(item.namespace_) : std::string_view{}, item.name);
    if (!o) return {nullptr, {outcome::not_found, ops->qualified_resource + " \"" + item.name + "\" not found"}};
    return {std::move(o), {}};
}

garbage_collector::gc_error garbage_collector::delete_object(
    const object_reference& item, const std::string& resource_version,
    const api::cow_vector<api::owner_reference>& owners_at_resource_version, std::string policy) {
    const auto* ops = api_resource(item.api_version, item.kind);
    if (!ops) return rest_mapping_error(item.kind, item.api_version);
    const std::string ns = ops->namespaced ? item.namespace_ : std::string();
    delete_options opts;
    opts.preconditions.uid = item.uid;
    if (!resource_version.empty()) opts.preconditions.resource_version = resource_version;
    opts.propagation_policy = std::move(policy);
    auto r = store_->remove(*ops, ns, item.name, opts);
    if (r) return {};
    gc_error err = from_status(r.error());
    if (err.code == outcome::conflict && !resource_version.empty()) {
        auto live = store_->find(*ops, ns, item.name);
        if (!live) return {};
        const auto& lm = ops->meta(live.get());
        if (lm.uid == item.uid && lm.resource_version != resource_version &&
            lm.owner_references == owners_at_resource_version) {
            opts.preconditions.resource_version.reset();
            auto r2 = store_->remove(*ops, ns, item.name, opts);
            if (r2) return {};
            return from_status(r2.error());
        }
    }
    return err;
}

template <class Mutate>
garbage_collector::gc_error garbage_collector::update_object(const object_reference& item, Mutate mutate) {
    for (int attempt = 0; attempt < 5; ++attempt) {
        const store::kind_ops* ops = nullptr;
        auto [cur, err] = get_object(item, &ops);
        if (!err.ok()) return err;
        if (ops->meta(cur.get()).uid != item.uid)
            return {outcome::not_found, ops->qualified_resource + " \"" + item.name + "\" not found"};
        auto next = ops->clone(cur.get());
        if (!mutate(ops->meta_mut(next.get()))) return {};
        const std::string ns = ops->meta(cur.get()).namespace_;
        auto r = store_->update(*ops, std::move(next), ns);
        if (r) return {};
        err = from_status(r.error());
        if (err.code != outcome::conflict) return err;
    }
    return {outcome::conflict, "updateMaxRetries has reached. The garbage collector will retry later for owner " +
                                   to_string(item) + "."};
}

garbage_collector::gc_error garbage_collector::delete_owner_references(
    const node& item, const std::set<std::string, std::less<>>& owner_uids) {
    return update_object(item.identity, [&](api::object_meta& m) {
        std::vector<api::owner_reference> kept;
        for (const auto& r : m.owner_references)
            if (!owner_uids.count(r.uid)) kept.push_back(r);
        if (kept.size() == m.owner_references.size()) return false;
        m.owner_references = std::move(kept);
        return true;
    });
}

garbage_collector::gc_error garbage_collector::unblock_owner_references(const node& item) {
    return update_object(item.identity, [](api::object_meta& m) {
        bool changed = false;
        for (const auto& r : m.owner_references) changed = changed || r.block_owner_deletion.value_or(false);
        if (!changed) return false;
        std::vector<api::owner_reference> refs(m.owner_references.begin(), m.owner_references.end());
        for (auto& r : refs)
            if (r.block_owner_deletion.value_or(false)) r.block_owner_deletion = false;
        m.owner_references = std::move(refs);
        return true;
    });
}

garbage_collector::gc_error garbage_collector::remove_finalizer(const node& owner, std::string_view target) {
    auto err = update_object(owner.identity, [&](api::object_meta& m) {
        auto it = std::find(m.finalizers.begin(), m.finalizers.end(), target);
        if (it == m.finalizers.end()) return false;
        m.finalizers.erase(it);
        return true;
    });
    if (err.code == outcome::not_found) return {};
    return err;
}

void garbage_collector::process_attempt_to_delete_worker(const std::string& uid) {
    if (attempt_to_delete_worker(uid)) attempt_to_delete_.forget(uid);
    else attempt_to_delete_.add_rate_limited(uid);
}

bool garbage_collector::attempt_to_delete_worker(const std::string& uid) {
    node* n = builder_.read(uid);
    if (!n) return true;  // no longer in the graph
    const gc_error err = attempt_to_delete_item(*n);
    if (err.code == outcome::enqueued_virtual_delete_event) return true;
    if (err.code == outcome::namespaced_owner_of_cluster_scoped_object) return true;
    if (!err.ok()) {
        last_error_ = "error syncing item " + to_string(n->identity) + ": " + err.message;
        return false;
    }
    // A virtual node is looked at again until a monitor has shown it.
    n = builder_.read(uid);
    return !(n && !n->is_observed());
}

garbage_collector::dangling_result garbage_collector::is_dangling(const api::owner_reference& reference,
                                                                  const node& item) {
    object_reference key = owner_reference_coordinates(reference, std::string());
    if (absent_owner_cache_.has(key)) return {true, nullptr, nullptr, {}};
    key.namespace_ = item.identity.namespace_;
    if (absent_owner_cache_.has(key)) return {true, nullptr, nullptr, {}};

    const auto* ops = api_resource(reference.api_version, reference.kind);
    if (!ops) return {false, nullptr, nullptr, rest_mapping_error(reference.kind, reference.api_version)};
    if (!ops->namespaced) key.namespace_.clear();
    if (item.identity.namespace_.empty() && ops->namespaced)
        return {false, nullptr, nullptr,
                {outcome::namespaced_owner_of_cluster_scoped_object,
                 "cluster-scoped objects cannot refer to namespaced owners"}};
    auto owner = store_->find(*ops, ops->namespaced ? std::string_view(item.identity.namespace_) : std::string_view{},
                              reference.name);
    if (!owner || ops->meta(owner.get()).uid != reference.uid) {
        absent_owner_cache_.add(key);
        return {true, nullptr, nullptr, {}};
    }
    return {false, std::move(owner), ops, {}};
}

garbage_collector::gc_error garbage_collector::classify_references(
    const node& item, const api::cow_vector<api::owner_reference>& latest_references, classified& out) {
    for (const auto& reference : latest_references) {
        auto d = is_dangling(reference, item);
        if (!d.err.ok()) return d.err;
        if (d.dangling) {
            out.dangling.push_back(reference);
            continue;
        }
        const auto& om = d.ops->meta(d.owner.get());
        if (being_deleted(om) && has_delete_dependents_finalizer(om)) out.waiting_for_dependents_deletion.push_back(reference);
        else out.solid.push_back(reference);
    }
    return {};
}

garbage_collector::gc_error garbage_collector::attempt_to_delete_item(node& item) {
    // Being deleted is a one-way trip: wait for the final delete event.
    if (item.is_being_deleted() && !item.is_deleting_dependents()) return {};

    const store::kind_ops* ops = nullptr;
    auto [latest, err] = get_object(item.identity, &ops);
    if (err.code == outcome::not_found) {
        builder_.enqueue_virtual_delete_event(item.identity);
        return {outcome::enqueued_virtual_delete_event, {}};
    }
    if (!err.ok()) return err;
    const auto& lm = ops->meta(latest.get());
    if (lm.uid != item.identity.uid) {
        builder_.enqueue_virtual_delete_event(item.identity);
        return {outcome::enqueued_virtual_delete_event, {}};
    }

    if (item.is_deleting_dependents()) return process_deleting_dependents_item(item);

    const auto owner_references = lm.owner_references;
    if (owner_references.empty()) return {};

    classified c;
    if (auto cerr = classify_references(item, owner_references, c); !cerr.ok()) return cerr;

    if (!c.solid.empty()) {
        if (c.dangling.empty() && c.waiting_for_dependents_deletion.empty()) return {};
        // The references to absent owners and to owners waiting on their
        // dependents go; a solid owner keeps the item.
        std::set<std::string, std::less<>> owner_uids;
        for (const auto& r : c.dangling) owner_uids.insert(r.uid);
        for (const auto& r : c.waiting_for_dependents_deletion) owner_uids.insert(r.uid);
        return delete_owner_references(item, owner_uids);
    }
    if (!c.waiting_for_dependents_deletion.empty() && item.dependents_length() != 0) {
        for (auto* dep : builder_.get_dependents(item)) {
            if (dep->is_deleting_dependents()) {
                // A possible cycle: stop blocking the owners first, so the
                // item can go in the foreground without waiting on itself.
                if (auto uerr = unblock_owner_references(item); !uerr.ok()) return uerr;
                break;
            }
        }
        const std::string rv = lm.resource_version;
        auto derr = delete_object(item.identity, rv, owner_references, "Foreground");
        if (derr.code == outcome::not_found) {
            builder_.enqueue_virtual_delete_event(item.identity);
            return {outcome::enqueued_virtual_delete_event, {}};
        }
        return derr;
    }
    // No solid owner: garbage. The item's own propagation finalizer decides
    // how its dependents go.
    std::string policy = "Background";
    if (has_orphan_finalizer(lm)) policy = "Orphan";
    else if (has_delete_dependents_finalizer(lm)) policy = "Foreground";
    const std::string rv = lm.resource_version;
    auto derr = delete_object(item.identity, rv, owner_references, std::move(policy));
    if (derr.code == outcome::not_found) {
        builder_.enqueue_virtual_delete_event(item.identity);
        return {outcome::enqueued_virtual_delete_event, {}};
    }
    return derr;
}

garbage_collector::gc_error garbage_collector::process_deleting_dependents_item(node& item) {
    auto blocking = builder_.blocking_dependents(item);
    if (blocking.empty()) return remove_finalizer(item, finalizer_delete_dependents);
    for (auto* dep : blocking)
        if (!dep->is_deleting_dependents()) attempt_to_delete_.add(dep->identity.uid);
    return {};
}

garbage_collector::gc_error garbage_collector::orphan_dependents(const object_reference& owner,
                                                                 const std::vector<node*>& dependents) {
    std::vector<std::string> errs;
    const std::set<std::string, std::less<>> uids{owner.uid};
    for (auto* dep : dependents) {
        auto err = delete_owner_references(*dep, uids);
        if (!err.ok() && err.code != outcome::not_found)
            errs.push_back("orphaning " + to_string(dep->identity) + " failed, " + err.message);
    }
    if (errs.empty()) return {};
    std::string msg = "failed to orphan dependents of owner " + to_string(owner) + ", got errors: ";
    if (errs.size() > 1) msg += "[";
    for (std::size_t i = 0; i < errs.size(); ++i) msg += (i ? ", " : "") + errs[i];
    if (errs.size() > 1) msg += "]";
    return {outcome::failed, std::move(msg)};
}

void garbage_collector::process_attempt_to_orphan_worker(const std::string& uid) {
    if (attempt_to_orphan_worker(uid)) attempt_to_orphan_.forget(uid);
    else attempt_to_orphan_.add_rate_limited(uid);
}

bool garbage_collector::attempt_to_orphan_worker(const std::string& uid) {
    node* owner = builder_.read(uid);
    if (!owner) return true;  // the owner is gone already
    auto err = orphan_dependents(owner->identity, builder_.get_dependents(*owner));
    if (!err.ok()) {
        last_error_ = "orphanDependents for " + to_string(owner->identity) + " failed with " + err.message;
        return false;
    }
    err = remove_finalizer(*owner, finalizer_orphan_dependents);
    if (!err.ok()) {
        last_error_ = "removeOrphanFinalizer for " + to_string(owner->identity) + " failed with " + err.message;
        return false;
    }
    return true;
}

}  // namespace kubesim::controllers::garbage_collector
