// kubesim::client<Kind>: the typed client, with client-go's verbs. A thin
// template over the type-erased object_store: each verb is a conversion and a
// call. Every verb returns result<T>; reads return copies of the stored
// snapshot (get_shared() returns the snapshot itself, without copying).
#pragma once

#include <concepts>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/api/autoscaling/scale.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/resource.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/result.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>
#include <kubesim/store/options.hpp>
#include <kubesim/store/patch.hpp>
#include <kubesim/store/watch.hpp>

namespace kubesim::store {

// A list of objects, ordered by namespace then name, with the resourceVersion
// the list was read at.
template <class Kind>
struct list {
    std::vector<Kind> items{};
    std::string resource_version{};
};

// What client<Kind> does that does not depend on Kind (client.ipp).
namespace detail {
// deletecollection: removes every listed object; one already gone is no error.
KUBESIM_DECL result<api::status> remove_collection(object_store& s, const kind_ops& ops, std::string_view ns,
                                                   const list_options& selector, const delete_options& opt);
// The refusals of a /scale update, given the object's current resourceVersion:
// Conflict on a stale one, Invalid on negative replicas.
KUBESIM_DECL std::optional<api::status> check_scale_update(const kind_ops& ops, std::string_view name,
                                                          const api::scale& s, const std::string& current_rv);
// The Scale of an object: its metadata, spec.replicas (1 when unset),
// status.replicas and the selector as a string.
KUBESIM_DECL api::scale to_scale(const api::object_meta& m, std::int32_t spec_replicas, std::int32_t status_replicas,
                                 const api::label_selector* selector);
}  // namespace detail

template <api::resource Kind>
class client {
public:
    client(object_store& s, std::string ns) : store_(&s), ns_(Kind::namespaced ? std::move(ns) : std::string()) {}

    [[nodiscard]] const std::string& namespace_name() const noexcept { return ns_; }

    result<Kind> create(const Kind& obj) { return copy(store_->create(ops(), std::make_shared<Kind>(obj), ns_)); }

    result<Kind> get(std::string_view name) { return copy(store_->get(ops(), ns_, name)); }

    // The stored snapshot itself (no copy).
    result<std::shared_ptr<const Kind>> get_shared(std::string_view name) {
        auto r = store_->get(ops(), ns_, name);
        if (!r) return r.error();
        return std::static_pointer_cast<const Kind>(*r);
    }

    result<store::list<Kind>> list(list_options opt = {}) {
        auto r = store_->list(ops(), ns_, opt);
        if (!r) return r.error();
        store::list<Kind> out;
        out.items.reserve(r->items.size());
        for (const auto& o : r->items) out.items.push_back(*static_cast<const Kind*>(o.get()));
        out.resource_version = std::to_string(r->resource_version);
        return out;
    }

    result<Kind> update(const Kind& obj) { return copy(store_->update(ops(), std::make_shared<Kind>(obj), ns_)); }

    result<Kind> update_status(const Kind& obj) {
        return copy(store_->update_status(ops(), std::make_shared<Kind>(obj), ns_));
    }

    // The pods/binding subresource (what the scheduler posts): assigns the pod
    // to `node`; see object_store::bind_pod for the refusals. expected_uid, if
    // given, must be the pod's uid (the Binding's metadata.uid precondition).
    result<Kind> bind(std::string_view name, std::string_view node, std::string_view expected_uid = {})
        requires std::is_same_v<Kind, api::pod>
    {
        return copy(store_->bind_pod(ns_, name, node, expected_uid));
    }

    // JSON merge patch (RFC 7386), as `kubectl patch --type=merge`.
    result<Kind> patch(std::string_view name, const nlohmann::json& merge_patch) {
        return patch(name, merge_patch, patch_type::merge);
    }
    // A patch of the given type (merge or strategic).
    result<Kind> patch(std::string_view name, const nlohmann::json& p, patch_type type) {
        return copy(patch_object(*store_, ops(), ns_, name, p, type, false));
    }
    result<Kind> patch_status(std::string_view name, const nlohmann::json& p, patch_type type = patch_type::merge) {
        return copy(patch_object(*store_, ops(), ns_, name, p, type, true));
    }

    result<api::status> remove(std::string_view name, delete_options opt = {}) {
        auto r = store_->remove(ops(), ns_, name, opt);
        if (!r) return failure{r.error()};
        return r->status;
    }

    // Deletes every object matching the list options (deletecollection).
    result<api::status> remove_collection(list_options selector = {}, delete_options opt = {}) {
        return detail::remove_collection(*store_, ops(), ns_, selector, opt);
    }

    // Starts a watch; events arrive through the engine. The handle stops it.
    [[nodiscard]] watch_handle watch(watch_options opt, std::function<void(const watch_event<Kind>&)> fn) {
        auto id = store_->watch(ops(), ns_, opt, [fn = std::move(fn)](const erased_event& e) {
            watch_event<Kind> ev;
            ev.type = std::string(to_string(e.type));
            if (e.object) ev.object = *static_cast<const Kind*>(e.object.get());
            else ev.object.metadata.resource_version = std::to_string(e.resource_version);
            if (e.error) ev.status = *e.error;
            fn(ev);
        });
        return watch_handle(*store_, ops(), id);
    }

    // The /scale subresource (Deployments and ReplicaSets). Member templates, so
    // that an explicit instantiation of client<Kind> (client.ipp) leaves them out
    // for the other kinds (clang 14 ignores the constraints of ordinary members there).
    template <std::same_as<Kind> K = Kind>
        requires requires(K k) { k.spec.replicas; k.spec.selector; k.status.replicas; }
    result<api::scale> get_scale(std::string_view name) {
        auto r = store_->get(ops(), ns_, name);
        if (!r) return r.error();
        return to_scale(*static_cast<const Kind*>(r->get()));
    }
    template <std::same_as<Kind> K = Kind>
        requires requires(K k) { k.spec.replicas; k.spec.selector; k.status.replicas; }
    result<api::scale> update_scale(std::string_view name, const api::scale& s) {
        auto r = store_->get(ops(), ns_, name);
        if (!r) return r.error();
        const auto& cur = *static_cast<const Kind*>(r->get());
        if (auto err = detail::check_scale_update(ops(), name, s, cur.metadata.resource_version)) return *err;
        auto next = std::make_shared<Kind>(cur);
        next->spec.replicas = s.spec.replicas;
        auto u = store_->update(ops(), std::move(next), ns_);
        if (!u) return u.error();
        return to_scale(*static_cast<const Kind*>(u->get()));
    }

    [[nodiscard]] static const kind_ops& ops() { return kind_ops_of<Kind>(); }
    [[nodiscard]] object_store& store() noexcept { return *store_; }

private:
    static result<Kind> copy(const result<object_ptr>& r) {
        if (!r) return r.error();
        return *static_cast<const Kind*>(r->get());
    }
    template <class K>
    static api::scale to_scale(const K& k) {
        return detail::to_scale(k.metadata, k.spec.replicas.value_or(1), k.status.replicas,
                                k.spec.selector ? &*k.spec.selector : nullptr);
    }

    object_store* store_;
    std::string ns_;
};

#ifdef KUBESIM_SEPARATE_COMPILATION
// Compiled mode: the library instantiates the clients of the stored kinds.
extern template class client<api::pod>;
extern template class client<api::node>;
extern template class client<api::namespace_>;
extern template class client<api::service>;
extern template class client<api::event>;
extern template class client<api::config_map>;
extern template class client<api::secret>;
extern template class client<api::endpoint_slice>;
extern template class client<api::replica_set>;
extern template class client<api::deployment>;
extern template class client<api::lease>;
#endif

}  // namespace kubesim::store

namespace kubesim {
using store::client;
using store::list;
}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/client.ipp>
#endif
