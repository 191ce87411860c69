// kind_ops: the per-kind table of functions through which the type-erased
// object store handles a kind (the registry "strategy" of the apiserver:
// defaulting, PrepareForCreate/Update, validation, selectable fields).
// kind_ops_of<Kind>() builds one static table per kind; everything else in
// store/ is non-template.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/defaults.hpp>
#include <kubesim/api/fields.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/resource.hpp>
#include <kubesim/api/validation.hpp>
#include <kubesim/store/compact.hpp>
#include <kubesim/store/interner.hpp>

namespace kubesim::store {

struct kind_ops {
    std::string_view kind{};
    std::string_view api_version{};
    std::string_view group{};
    std::string_view resource{};
    bool namespaced{true};
    bool tracks_generation{false};  // generation 1 on create, +1 on spec change
    bool has_status{false};         // status subresource: main updates keep status
    bool graceful_delete{false};    // pods: deletion waits for the kubelet
    std::string qualified_kind{};      // "Deployment.apps"
    std::string qualified_resource{};  // "deployments.apps"

    const api::object_meta& (*meta)(const void*) = nullptr;
    api::object_meta& (*meta_mut)(void*) = nullptr;
    std::shared_ptr<void> (*clone)(const void*) = nullptr;
    bool (*equal)(const void*, const void*) = nullptr;
    bool (*spec_equal)(const void*, const void*) = nullptr;
    void (*set_defaults)(void*) = nullptr;
    void (*prepare_for_create)(void*) = nullptr;
    void (*keep_status)(void* obj, const void* old) = nullptr;  // main update ignores status
    void (*set_status)(void* obj, const void* from) = nullptr;  // status update takes only status
    void (*take_status)(void* obj, void* from) = nullptr;       // the same, moving from an object no one else holds
    api::field::error_list (*validate)(const void*) = nullptr;
    api::field::error_list (*validate_update)(const void*, const void*) = nullptr;
    api::field::error_list (*validate_status_update)(const void*, const void*) = nullptr;
    void (*fields)(const void*, api::fields::set&) = nullptr;
    std::vector<std::string> field_labels{};  // supported field selector keys
    void (*intern)(void* obj, interners&) = nullptr;  // share lists equal to stored ones
    std::optional<std::int64_t> (*termination_grace)(const void*) = nullptr;  // pods
    bool (*needs_graceful_termination)(const void*) = nullptr;  // pods: bound and not finished
    // Kinds stored serialized (store/compact.hpp): Events, which upstream serves
    // without a watch cache. Both null: the store keeps the decoded snapshot.
    std::string (*encode)(const void*) = nullptr;
    std::shared_ptr<void> (*decode)(std::string_view) = nullptr;
};

// Selectable fields per kind (the registries' ToSelectableFields / field label
// conversion funcs). metadata.name and metadata.namespace are always supported.
namespace detail {
inline void put(api::fields::set& s, std::string_view k, std::string v) { s.emplace(std::string(k), std::move(v)); }
inline void meta_fields(const api::object_meta& m, api::fields::set& s, bool namespaced) {
    put(s, "metadata.name", m.name);
    if (namespaced) put(s, "metadata.namespace", m.namespace_);
}
inline void kind_fields(const api::pod& p, api::fields::set& s) {
    put(s, "spec.nodeName", p.spec.node_name);
    put(s, "spec.restartPolicy", p.spec.restart_policy);
    put(s, "spec.schedulerName", p.spec.scheduler_name);
    put(s, "spec.serviceAccountName", p.spec.service_account_name);
    put(s, "spec.hostNetwork", p.spec.host_network ? "true" : "false");
    put(s, "status.phase", p.status.phase);
    put(s, "status.podIP", p.status.pod_ip);
    put(s, "status.nominatedNodeName", p.status.nominated_node_name);
}
inline void kind_fields(const api::node& n, api::fields::set& s) {
    put(s, "spec.unschedulable", n.spec.unschedulable ? "true" : "false");
}
inline void kind_fields(const api::namespace_& n, api::fields::set& s) { put(s, "status.phase", n.status.phase); }
inline void kind_fields(const api::secret& x, api::fields::set& s) { put(s, "type", x.type); }
inline void kind_fields(const api::replica_set& x, api::fields::set& s) {
    put(s, "status.replicas", std::to_string(x.status.replicas));
}
inline void kind_fields(const api::event& e, api::fields::set& s) {
    put(s, "involvedObject.kind", e.involved_object.kind);
    put(s, "involvedObject.namespace", e.involved_object.namespace_);
    put(s, "involvedObject.name", e.involved_object.name);
    put(s, "involvedObject.uid", e.involved_object.uid);
    put(s, "involvedObject.apiVersion", e.involved_object.api_version);
    put(s, "involvedObject.resourceVersion", e.involved_object.resource_version);
    put(s, "involvedObject.fieldPath", e.involved_object.field_path);
    put(s, "reason", e.reason);
    put(s, "reportingComponent", e.reporting_component);
    put(s, "source", e.source.component);
    put(s, "type", e.type);
}
template <class T>
void kind_fields(const T&, api::fields::set&) {}

template <class Kind>
std::vector<std::string> field_labels_of() {
    Kind k{};
    api::fields::set s;
    meta_fields(k.metadata, s, Kind::namespaced);
    kind_fields(k, s);
    std::vector<std::string> out;
    for (const auto& [key, v] : s) out.push_back(key);
    return out;
}

template <class Kind>
constexpr bool tracks_generation_v = std::is_same_v<Kind, api::pod> || std::is_same_v<Kind, api::replica_set> ||
                                     std::is_same_v<Kind, api::deployment>;
}  // namespace detail

template <class Kind>
const kind_ops& kind_ops_of() {
    static const kind_ops ops = [] {
        kind_ops o;
        o.kind = Kind::kind;
        o.api_version = Kind::api_version;
        o.group = Kind::group;
        o.resource = Kind::resource;
        o.namespaced = Kind::namespaced;
        o.tracks_generation = detail::tracks_generation_v<Kind>;
        o.has_status = api::has_status<Kind>;
        o.graceful_delete = std::is_same_v<Kind, api::pod>;
        o.qualified_kind = api::qualified_kind<Kind>();
        o.qualified_resource = api::qualified_resource<Kind>();
        o.meta = [](const void* p) -> const api::object_meta& { return static_cast<const Kind*>(p)->metadata; };
        o.meta_mut = [](void* p) -> api::object_meta& { return static_cast<Kind*>(p)->metadata; };
        o.clone = [](const void* p) -> std::shared_ptr<void> {
            return std::make_shared<Kind>(*static_cast<const Kind*>(p));
        };
        o.equal = [](const void* a, const void* b) { return *static_cast<const Kind*>(a) == *static_cast<const Kind*>(b); };
        o.spec_equal = [](const void* a, const void* b) {
            if constexpr (api::has_spec<Kind>)
                return static_cast<const Kind*>(a)->spec == static_cast<const Kind*>(b)->spec;
            else
                return true;
        };
        o.set_defaults = [](void* p) { api::set_defaults(*static_cast<Kind*>(p)); };
        o.prepare_for_create = [](void* p) {
            auto& k = *static_cast<Kind*>(p);
            if constexpr (std::is_same_v<Kind, api::pod>) {
                api::prepare_pod_for_create(k);
            } else if constexpr (std::is_same_v<Kind, api::replica_set> || std::is_same_v<Kind, api::deployment>) {
                k.status = {};  // PrepareForCreate resets status
            } else if constexpr (std::is_same_v<Kind, api::namespace_>) {
                api::prepare_namespace_for_create(k);
            } else if constexpr (std::is_same_v<Kind, api::service>) {
                api::prepare_service_for_create(k);
            } else {
                (void)k;
            }
        };
        o.keep_status = [](void* p, const void* old) {
            if constexpr (api::has_status<Kind>)
                static_cast<Kind*>(p)->status = static_cast<const Kind*>(old)->status;
            else
                (void)p, (void)old;
        };
        o.set_status = [](void* p, const void* from) {
            if constexpr (api::has_status<Kind>)
                static_cast<Kind*>(p)->status = static_cast<const Kind*>(from)->status;
            else
                (void)p, (void)from;
        };
        o.take_status = [](void* p, void* from) {
            if constexpr (api::has_status<Kind>)
                static_cast<Kind*>(p)->status = std::move(static_cast<Kind*>(from)->status);
            else
                (void)p, (void)from;
        };
        o.validate = [](const void* p) { return api::validation::validate(*static_cast<const Kind*>(p)); };
        o.validate_update = [](const void* n, const void* old) {
            return api::validation::validate_update(*static_cast<const Kind*>(n), *static_cast<const Kind*>(old));
        };
        o.validate_status_update = [](const void* n, const void* old) -> api::field::error_list {
            if constexpr (requires(const Kind& k) { api::validation::validate_status_update(k, k); })
                return api::validation::validate_status_update(*static_cast<const Kind*>(n),
                                                               *static_cast<const Kind*>(old));
            else
                return api::validation::validate_update(*static_cast<const Kind*>(n), *static_cast<const Kind*>(old));
        };
        o.fields = [](const void* p, api::fields::set& s) {
            const auto& k = *static_cast<const Kind*>(p);
            detail::meta_fields(k.metadata, s, Kind::namespaced);
            detail::kind_fields(k, s);
        };
        o.field_labels = detail::field_labels_of<Kind>();
        o.intern = [](void* p, interners& in) {
            auto& k = *static_cast<Kind*>(p);
            in.intern(k.metadata);
            if constexpr (std::is_same_v<Kind, api::pod>) {
                in.intern(k.spec.containers);
                in.intern(k.spec.init_containers);
            } else if constexpr (std::is_same_v<Kind, api::replica_set> || std::is_same_v<Kind, api::deployment>) {
                in.intern(k.spec.template_.spec.containers);
                in.intern(k.spec.template_.spec.init_containers);
            }
        };
        if constexpr (std::is_same_v<Kind, api::event>) {
            o.encode = [](const void* p) { return compact::encode(*static_cast<const Kind*>(p)); };
            o.decode = [](std::string_view b) -> std::shared_ptr<void> { return compact::decode<Kind>(b); };
        }
        if constexpr (std::is_same_v<Kind, api::pod>) {
            o.termination_grace = [](const void* p) { return static_cast<const Kind*>(p)->spec.termination_grace_period_seconds; };
            o.needs_graceful_termination = [](const void* p) {
                const auto& pod = *static_cast<const Kind*>(p);
                return !pod.spec.node_name.empty() && pod.status.phase != "Succeeded" && pod.status.phase != "Failed";
            };
        }
        return o;
    }();
    return ops;
}

}  // namespace kubesim::store
