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

#include <kubesim/api/fields.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/resource.hpp>

namespace kubesim::store {

struct interners;

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
    // One selectable field's value ("" when the kind has no such field); the
    // view is into `scratch` and lives until the next call with it.
    std::string_view (*field)(const void*, std::string_view field, std::string& scratch) = nullptr;
    // The field the store keeps an index of, if any: a list whose field
    // selector requires it equal to a value reads only the objects with it.
    // Events, by involvedObject.name: describe's search, and decoding every
    // Event of a namespace would cost far more than the index's node each.
    std::string_view indexed_field{};
    std::vector<std::string> field_labels{};  // supported field selector keys
    void (*intern)(void* obj, interners&) = nullptr;  // share lists equal to stored ones
    std::optional<std::int64_t> (*termination_grace)(const void*) = nullptr;  // pods
    bool (*needs_graceful_termination)(const void*) = nullptr;  // pods: bound and not finished
    // Kinds stored serialized (store/compact.hpp): Events, which upstream serves
    // without a watch cache. Both null: the store keeps the decoded snapshot.
    std::string (*encode)(const void*) = nullptr;
    std::shared_ptr<void> (*decode)(std::string_view) = nullptr;
};

// The table of a kind, built once. Defined in kind_ops.ipp: it instantiates
// the kind's defaulting, validation, comparison, compaction and interning.
template <class Kind>
const kind_ops& kind_ops_of();

#ifdef KUBESIM_SEPARATE_COMPILATION
// Compiled mode: the library instantiates the tables of the stored kinds.
extern template const kind_ops& kind_ops_of<api::pod>();
extern template const kind_ops& kind_ops_of<api::node>();
extern template const kind_ops& kind_ops_of<api::namespace_>();
extern template const kind_ops& kind_ops_of<api::service>();
extern template const kind_ops& kind_ops_of<api::event>();
extern template const kind_ops& kind_ops_of<api::config_map>();
extern template const kind_ops& kind_ops_of<api::secret>();
extern template const kind_ops& kind_ops_of<api::endpoint_slice>();
extern template const kind_ops& kind_ops_of<api::replica_set>();
extern template const kind_ops& kind_ops_of<api::deployment>();
extern template const kind_ops& kind_ops_of<api::lease>();
#endif

}  // namespace kubesim::store

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/kind_ops.ipp>
#endif
