// Definitions of controllers/garbage_collector/graph.hpp.
#pragma once

#include <kubesim/controllers/garbage_collector/graph.hpp>

#include <tuple>

namespace kubesim::controllers::garbage_collector {

bool reference_less_than(const object_reference& a, const object_reference& b) {
    return std::tie(a.kind, a.api_version, a.namespace_, a.name, a.uid) <
           std::tie(b.kind, b.api_version, b.namespace_, b.name, b.uid);
}

std::string to_string(const object_reference& r) {
    return "[" + r.api_version + "/" + r.kind + ", namespace: " + r.namespace_ + ", name: " + r.name + ", uid: " + r.uid +
           "]";
}

bool owner_reference_matches_coordinates(const api::owner_reference& a, const object_reference& b) {
    return a.uid == b.uid && a.name == b.name && a.kind == b.kind && a.api_version == b.api_version;
}

bool has_finalizer(const api::object_meta& m, std::string_view f) {
    for (const auto& x : m.finalizers)
        if (x == f) return true;
    return false;
}

void reference_cache::add(const object_reference& r) {
    auto it = index_.find(r);
    if (it != index_.end()) {
        order_.splice(order_.begin(), order_, it->second);
        return;
    }
    order_.push_front(r);
    index_.emplace(r, order_.begin());
    if (cap_ != 0 && index_.size() > cap_) {
        index_.erase(order_.back());
        order_.pop_back();
    }
}

bool reference_cache::has(const object_reference& r) {
    auto it = index_.find(r);
    if (it == index_.end()) return false;
    order_.splice(order_.begin(), order_, it->second);
    return true;
}

graph_builder::graph_builder(store::object_store& s, const std::vector<const store::kind_ops*>& kinds,
                             work_queue& attempt_to_delete, work_queue& attempt_to_orphan,
                             reference_cache& absent_owner_cache, store::shared_informers* informers)
    : store_(&s),
      attempt_to_delete_(&attempt_to_delete),
      attempt_to_orphan_(&attempt_to_orphan),
      absent_owner_cache_(&absent_owner_cache),
      recorder_(s, "garbage-collector-controller") {
    for (const auto* ops : kinds) {
        auto m = informers ? informers->core(*ops)
                           : std::make_shared<store::informer_core>(s, *ops, std::string(), list_options{},
                                                                    sim::duration{});
        m->on_add([this, ops](const store::object_ptr& o) { add_change(event_kind::add, ops, o, nullptr); }, this);
        m->on_update(
            [this, ops](const store::object_ptr& old_obj, const store::object_ptr& new_obj) {
                add_change(event_kind::update, ops, new_obj, old_obj);
            },
            this);
        m->on_delete([this, ops](const store::object_ptr& o) { add_change(event_kind::remove, ops, o, nullptr); },
                     this);
        monitors_.push_back(std::move(m));
    }
}

void graph_builder::start() {
    if (running_) return;
    running_ = true;
    for (auto& m : monitors_) m->start();
    kick();
}

void graph_builder::stop() {
    if (!running_) return;
    running_ = false;
    for (auto& m : monitors_) m->stop_for(this);
    if (dispatch_.valid()) store_->engine().cancel(dispatch_);
    dispatch_ = {};
}

bool graph_builder::is_synced() const {
    if (monitors_.empty()) return false;
    for (const auto& m : monitors_)
        if (!m->has_synced()) return false;
    return true;
}

node* graph_builder::read(std::string_view uid) {
    auto it = uid_to_node_.find(uid);
    return it == uid_to_node_.end() ? nullptr : &it->second;
}

const node* graph_builder::read(std::string_view uid) const {
    auto it = uid_to_node_.find(uid);
    return it == uid_to_node_.end() ? nullptr : &it->second;
}

std::vector<node*> graph_builder::get_dependents(const node& n) {
    std::vector<node*> out;
    out.reserve(n.dependents.size());
    for (const auto& uid : n.dependents)
        if (auto* d = read(uid)) out.push_back(d);
    return out;
}

std::vector<node*> graph_builder::blocking_dependents(const node& n) {
    std::vector<node*> out;
    for (auto* dep : get_dependents(n))
        for (const auto& o : dep->owners)
            if (o.uid == n.identity.uid && o.block_owner_deletion.value_or(false)) {
                out.push_back(dep);
                break;
            }
    return out;
}

void graph_builder::enqueue_virtual_delete_event(const object_reference& ref) {
    graph_event ev;
    ev.virtual_ = true;
    ev.type = event_kind::remove;
    ev.virtual_identity = ref;
    push(std::move(ev));
}

void graph_builder::add_change(event_kind t, const store::kind_ops* ops, const store::object_ptr& o,
                               const store::object_ptr& old) {
    graph_event ev;
    ev.type = t;
    ev.ops = ops;
    ev.obj = o;
    ev.old_obj = old;
    push(std::move(ev));
}

void graph_builder::push(graph_event ev) {
    graph_changes_.push_back(std::move(ev));
    kick();
}

void graph_builder::kick() {
    if (!running_ || dispatch_.valid() || graph_changes_.empty()) return;
    dispatch_ = store_->engine().post([this] {
        dispatch_ = {};
        if (graph_changes_.empty()) return;
        graph_event ev = std::move(graph_changes_.front());
        graph_changes_.pop_front();
        process_graph_changes(ev);
        kick();
    });
}

graph_builder::event_meta graph_builder::meta_of(const graph_event& ev) {
    if (ev.virtual_) return {ev.virtual_identity.uid, ev.virtual_identity.name, ev.virtual_identity.namespace_, nullptr};
    const auto& m = ev.ops->meta(ev.obj.get());
    return {m.uid, m.name, m.namespace_, &m};
}

object_reference graph_builder::identity_from_event(const graph_event& ev) {
    if (ev.virtual_) return ev.virtual_identity;
    const auto& m = ev.ops->meta(ev.obj.get());
    return object_reference{std::string(ev.ops->api_version), std::string(ev.ops->kind), m.name, m.uid,
                            m.namespace_};
}

void graph_builder::add_dependent_to_owners(node& n, const std::vector<api::owner_reference>& owners) {
    bool has_potentially_invalid_owner_reference = false;
    for (const auto& owner : owners) {
        node* owner_node = read(owner.uid);
        const bool found = owner_node != nullptr;
        if (!found) {
            node v;
            v.identity = owner_reference_coordinates(owner, n.identity.namespace_);
            v.virtual_ = true;
            owner_node = &uid_to_node_.emplace(owner.uid, std::move(v)).first->second;
        }
        owner_node->dependents.insert(n.identity.uid);
        if (!found) {
            attempt_to_delete_->add(owner.uid);
        } else if (!has_potentially_invalid_owner_reference) {
            const bool owner_is_namespaced = !owner_node->identity.namespace_.empty();
            if (owner_is_namespaced && owner_node->identity.namespace_ != n.identity.namespace_) {
                if (owner_node->is_observed()) report_invalid_namespace_owner_ref(n, owner.uid);
                has_potentially_invalid_owner_reference = true;
            } else if (!owner_reference_matches_coordinates(owner, owner_node->identity)) {
                has_potentially_invalid_owner_reference = true;
            } else if (!owner_is_namespaced && owner_node->identity.namespace_ != n.identity.namespace_ &&
                       !owner_node->is_observed()) {
                has_potentially_invalid_owner_reference = true;
            }
        }
    }
    if (has_potentially_invalid_owner_reference) attempt_to_delete_->add(n.identity.uid);
}

void graph_builder::report_invalid_namespace_owner_ref(const node& n, const std::string& invalid_owner_uid) {
    const api::owner_reference* bad = nullptr;
    for (const auto& o : n.owners)
        if (o.uid == invalid_owner_uid) {
            bad = &o;
            break;
        }
    if (!bad) return;
    api::object_reference ref;
    ref.kind = n.identity.kind;
    ref.api_version = n.identity.api_version;
    ref.namespace_ = n.identity.namespace_;
    ref.name = n.identity.name;
    ref.uid = n.identity.uid;
    const object_reference invalid_identity{bad->api_version, bad->kind, bad->name, bad->uid, n.identity.namespace_};
    recorder_.event(ref, "Warning", "OwnerRefInvalidNamespace",
                    "ownerRef " + to_string(invalid_identity) + " does not exist in namespace \"" +
                        n.identity.namespace_ + "\"");
}

node& graph_builder::insert_node(node n) {
    const std::string uid = n.identity.uid;
    node& stored = uid_to_node_.insert_or_assign(uid, std::move(n)).first->second;
    add_dependent_to_owners(stored, stored.owners);
    return stored;
}

void graph_builder::remove_dependent_from_owners(const node& n, const std::vector<api::owner_reference>& owners) {
    for (const auto& owner : owners)
        if (auto* o = read(owner.uid)) o->dependents.erase(n.identity.uid);
}

graph_builder::references_diff graph_builder::references_diffs(const std::vector<api::owner_reference>& old_refs,
                                                               const std::vector<api::owner_reference>& new_refs) {
    references_diff d;
    std::map<std::string, const api::owner_reference*, std::less<>> old_by_uid;
    for (const auto& r : old_refs) old_by_uid[r.uid] = &r;
    std::set<std::string, std::less<>> seen;
    for (const auto& r : new_refs) {
        auto it = old_by_uid.find(r.uid);
        if (it != old_by_uid.end() && !seen.count(r.uid)) {
            if (!(*it->second == r)) d.changed.push_back({*it->second, r});
            seen.insert(r.uid);
        } else if (it == old_by_uid.end()) {
            d.added.push_back(r);
        }
    }
    for (const auto& [uid, r] : old_by_uid)
        if (!seen.count(uid)) d.removed.push_back(*r);
    return d;
}

void graph_builder::add_unblocked_owners_to_delete_queue(const std::vector<api::owner_reference>& removed,
                                                         const std::vector<owner_ref_pair>& changed) {
    for (const auto& ref : removed)
        if (ref.block_owner_deletion.value_or(false) && read(ref.uid)) attempt_to_delete_->add(ref.uid);
    for (const auto& c : changed) {
        const bool was_blocked = c.old_ref.block_owner_deletion.value_or(false);
        const bool is_unblocked = !c.new_ref.block_owner_deletion.value_or(false);
        if (was_blocked && is_unblocked && read(c.new_ref.uid)) attempt_to_delete_->add(c.new_ref.uid);
    }
}

bool graph_builder::deletion_starts_with_finalizer(const graph_event& ev, const api::object_meta& now,
                                                   std::string_view f) {
    if (!being_deleted(now) || !has_finalizer(now, f)) return false;
    if (!ev.old_obj) return true;
    const auto& old = ev.ops->meta(ev.old_obj.get());
    return !being_deleted(old) || !has_finalizer(old, f);
}

void graph_builder::process_transitions(const graph_event& ev, const api::object_meta& m, node& n) {
    if (deletion_starts_with_finalizer(ev, m, finalizer_orphan_dependents)) {
        attempt_to_orphan_->add(n.identity.uid);
        return;
    }
    if (deletion_starts_with_finalizer(ev, m, finalizer_delete_dependents)) {
        n.mark_deleting_dependents();
        for (const auto& dep : n.dependents) attempt_to_delete_->add(dep);
        attempt_to_delete_->add(n.identity.uid);
    }
}

std::pair<std::vector<node*>, std::vector<node*>> graph_builder::partition_dependents(
    const std::vector<node*>& dependents, const object_reference& match) {
    std::vector<node*> matching, nonmatching;
    const bool owner_is_namespaced = !match.namespace_.empty();
    for (auto* dep : dependents) {
        bool found_match = false, found_mismatch = false;
        if (owner_is_namespaced && match.namespace_ != dep->identity.namespace_) {
            found_mismatch = true;
        } else {
            for (const auto& ref : dep->owners) {
                if (ref.uid != match.uid) continue;
                if (owner_reference_matches_coordinates(ref, match)) found_match = true;
                else found_mismatch = true;
            }
        }
        if (found_match) matching.push_back(dep);
        if (found_mismatch) nonmatching.push_back(dep);
    }
    return {std::move(matching), std::move(nonmatching)};
}

std::optional<object_reference> graph_builder::get_alternate_owner_identity(const std::vector<node*>& deps,
                                                                            const object_reference& absent) {
    const bool absent_is_cluster_scoped = absent.namespace_.empty();
    std::set<object_reference> seen{absent};
    std::optional<object_reference> first, first_following;
    for (const auto* dep : deps) {
        for (const auto& ref : dep->owners) {
            if (ref.uid != absent.uid) continue;
            if (owner_reference_matches_coordinates(ref, absent) &&
                (absent_is_cluster_scoped || absent.namespace_ == dep->identity.namespace_))
                continue;
            object_reference alt = owner_reference_coordinates(ref, dep->identity.namespace_);
            if (absent_is_cluster_scoped && alt.api_version == absent.api_version && alt.kind == absent.kind)
                alt.namespace_.clear();
            if (!seen.insert(alt).second) continue;
            if (!first || reference_less_than(alt, *first)) first = alt;
            if (reference_less_than(absent, alt) && (!first_following || reference_less_than(alt, *first_following)))
                first_following = alt;
        }
    }
    return first_following ? first_following : first;
}

void graph_builder::process_graph_changes(const graph_event& ev) {
    const event_meta em = meta_of(ev);
    node* existing = read(em.uid);
    if (existing && !ev.virtual_ && !existing->is_observed()) {
        // First sight of an object that was only known as someone's owner.
        const object_reference observed = identity_from_event(ev);
        if (!(observed == existing->identity)) {
            auto [ignored, potentially_invalid] = partition_dependents(get_dependents(*existing), observed);
            (void)ignored;
            for (auto* dep : potentially_invalid) {
                if (!observed.namespace_.empty() && dep->identity.namespace_ != observed.namespace_)
                    report_invalid_namespace_owner_ref(*dep, observed.uid);
                attempt_to_delete_->add(dep->identity.uid);
            }
            existing->identity = observed;
        }
        existing->mark_observed();
    }

    if ((ev.type == event_kind::add || ev.type == event_kind::update) && !existing) {
        const auto& m = *em.meta;
        node n;
        n.identity = identity_from_event(ev);
        n.owners = m.owner_references;
        n.deleting_dependents = being_deleted(m) && has_delete_dependents_finalizer(m);
        n.being_deleted = being_deleted(m);
        node& stored = insert_node(std::move(n));
        process_transitions(ev, m, stored);
        return;
    }
    if (ev.type == event_kind::add || ev.type == event_kind::update) {
        if (!em.meta) return;  // virtual events are deletes only
        const auto& m = *em.meta;
        if (existing->identity.api_version != ev.ops->api_version || existing->identity.kind != ev.ops->kind) {
            existing->identity.api_version = std::string(ev.ops->api_version);
            existing->identity.kind = std::string(ev.ops->kind);
        }
        auto diff = references_diffs(existing->owners, m.owner_references);
        if (!diff.empty()) {
            add_unblocked_owners_to_delete_queue(diff.removed, diff.changed);
            existing->owners = m.owner_references;
            add_dependent_to_owners(*existing, diff.added);
            remove_dependent_from_owners(*existing, diff.removed);
        }
        if (being_deleted(m)) existing->mark_being_deleted();
        process_transitions(ev, m, *existing);
        return;
    }

    // delete
    if (!existing) return;  // never in the graph
    bool remove_existing_node = true;
    if (ev.virtual_) {
        const object_reference deleted = identity_from_event(ev);
        if (existing->virtual_) {
            auto [matching, nonmatching] = partition_dependents(get_dependents(*existing), deleted);
            if (!nonmatching.empty()) {
                // Dependents disagree about who this uid is: keep the node.
                remove_existing_node = false;
                if (!matching.empty()) {
                    absent_owner_cache_->add(deleted);
                    for (auto* dep : matching) attempt_to_delete_->add(dep->identity.uid);
                }
                if (existing->identity == deleted) {
                    if (auto alt = get_alternate_owner_identity(nonmatching, deleted)) {
                        existing->identity = *alt;
                        attempt_to_delete_->add_rate_limited(existing->identity.uid);
                    }
                }
            }
        } else if (!(existing->identity == deleted)) {
            // A real node is not removed on a virtual event about other coordinates.
            remove_existing_node = false;
            auto [matching, nonmatching] = partition_dependents(get_dependents(*existing), deleted);
            (void)nonmatching;
            if (!matching.empty()) {
                absent_owner_cache_->add(deleted);
                for (auto* dep : matching) attempt_to_delete_->add(dep->identity.uid);
            }
        }
    }
    if (!remove_existing_node) return;

    // removeNode, then wake the dependents and the owners waiting on this one.
    node gone = std::move(*existing);
    uid_to_node_.erase(em.uid);
    remove_dependent_from_owners(gone, gone.owners);
    if (!gone.dependents.empty()) absent_owner_cache_->add(identity_from_event(ev));
    for (const auto& dep : gone.dependents) attempt_to_delete_->add(dep);
    for (const auto& owner : gone.owners) {
        node* o = read(owner.uid);
        if (!o || !o->is_deleting_dependents()) continue;
        attempt_to_delete_->add(owner.uid);
    }
}

}  // namespace kubesim::controllers::garbage_collector
