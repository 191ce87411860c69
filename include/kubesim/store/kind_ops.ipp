// Definitions of store/kind_ops.hpp.
#pragma once

#include <kubesim/store/kind_ops.hpp>

#include <algorithm>
#include <type_traits>

#include <kubesim/config.hpp>
#include <kubesim/api/defaults.hpp>
#include <kubesim/api/validation.hpp>
#include <kubesim/store/compact.hpp>
#include <kubesim/store/interner.hpp>

namespace kubesim::store {

// Selectable fields per kind (the registries' ToSelectableFields / field label
// conversion funcs). metadata.name and metadata.namespace are always supported.
namespace detail {
// Each kind's fields, offered one by one to put(field, value).
template <class Put>
void meta_fields(const api::object_meta& m, bool namespaced, Put&& put) {
    put("metadata.name", m.name);
    if (namespaced) put("metadata.namespace", m.namespace_);
}
template <class Put>
void kind_fields(const api::pod& p, Put&& put) {
    put("spec.nodeName", p.spec.node_name);
    put("spec.restartPolicy", p.spec.restart_policy);
    put("spec.schedulerName", p.spec.scheduler_name);
    put("spec.serviceAccountName", p.spec.service_account_name);
    put("spec.hostNetwork", p.spec.host_network ? "true" : "false");
    put("status.phase", p.status.phase);
    put("status.podIP", p.status.pod_ip);
    put("status.nominatedNodeName", p.status.nominated_node_name);
}
template <class Put>
void kind_fields(const api::node& n, Put&& put) {
    put("spec.unschedulable", n.spec.unschedulable ? "true" : "false");
}
template <class Put>
void kind_fields(const api::namespace_& n, Put&& put) {
    put("status.phase", n.status.phase);
}
template <class Put>
void kind_fields(const api::secret& x, Put&& put) {
    put("type", x.type);
}
template <class Put>
void kind_fields(const api::replica_set& x, Put&& put) {
    put("status.replicas", std::to_string(x.status.replicas));
}
template <class Put>
void kind_fields(const api::event& e, Put&& put) {
    put("involvedObject.kind", e.involved_object.kind);
    put("involvedObject.namespace", e.involved_object.namespace_);
    put("involvedObject.name", e.involved_object.name);
    put("involvedObject.uid", e.involved_object.uid);
    put("involvedObject.apiVersion", e.involved_object.api_version);
    put("involvedObject.resourceVersion", e.involved_object.resource_version);
    put("involvedObject.fieldPath", e.involved_object.field_path);
    put("reason", e.reason);
    put("reportingComponent", e.reporting_component);
    put("source", e.source.component);
    put("type", e.type);
}
template <class T, class Put>
void kind_fields(const T&, Put&&) {}

template <class Kind, class Put>
void all_fields(const Kind& k, Put&& put) {
    meta_fields(k.metadata, Kind::namespaced, put);
    kind_fields(k, put);
}

template <class Kind>
std::vector<std::string> field_labels_of() {
    std::vector<std::string> out;
    all_fields(Kind{}, [&](std::string_view f, std::string_view) { out.emplace_back(f); });
    std::sort(out.begin(), out.end());
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
        o.field = [](const void* p, std::string_view field, std::string& scratch) -> std::string_view {
            bool found = false;
            detail::all_fields(*static_cast<const Kind*>(p), [&](std::string_view f, std::string_view v) {
                if (!found && f == field) scratch.assign(v), found = true;
            });
            return found ? std::string_view(scratch) : std::string_view();
        };
        o.field_labels = detail::field_labels_of<Kind>();
        if constexpr (std::is_same_v<Kind, api::event>) o.indexed_field = "involvedObject.name";
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

#ifdef KUBESIM_SEPARATE_COMPILATION
template const kind_ops& kind_ops_of<api::pod>();
template const kind_ops& kind_ops_of<api::node>();
template const kind_ops& kind_ops_of<api::namespace_>();
template const kind_ops& kind_ops_of<api::service>();
template const kind_ops& kind_ops_of<api::event>();
template const kind_ops& kind_ops_of<api::config_map>();
template const kind_ops& kind_ops_of<api::secret>();
template const kind_ops& kind_ops_of<api::endpoint_slice>();
template const kind_ops& kind_ops_of<api::replica_set>();
template const kind_ops& kind_ops_of<api::deployment>();
template const kind_ops& kind_ops_of<api::lease>();
#endif

}  // namespace kubesim::store
