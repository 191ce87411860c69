// The per-kind field tables the patch flavours read, for the kinds kubesim serves.
// The strategic merge patch (json/patch.hpp) reads the patchStrategy /
// patchMergeKey tags of the kinds' types.go; server-side apply (json/apply.hpp)
// reads what the OpenAPI schema says of the same fields: x-kubernetes-list-type
// (atomic, set, map) with x-kubernetes-list-map-keys, and structType/mapType
// atomic. Both share one walk: a type names a struct, a lookup gives the type of
// a field (or of a list's elements).
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include <kubesim/config.hpp>

namespace kubesim::api::json::detail {

enum class smp_type : std::uint8_t {
    none,  // nothing known: maps merge, lists are replaced (apply: lists are atomic)
    object_meta,
    pod,
    pod_spec,
    pod_status,
    container,
    env_var,
    env_var_source,
    affinity,
    node_affinity,
    topology_spread_constraint,
    pod_template_spec,
    replica_set,
    replica_set_spec,
    replica_set_status,
    deployment,
    deployment_spec,
    deployment_status,
    service,
    service_spec,
    service_status,
    node,
    node_spec,
    node_status,
    namespace_,
    namespace_status,
    event,
    plain_kind,  // metadata only (ConfigMap, Secret, EndpointSlice, Scale, Lease)
};

// ---------------------------------------------------------------------------
// Strategic merge patch

struct smp_field {
    smp_type type = smp_type::none;  // the field's (or the list element's) type
    bool merge = false;              // patchStrategy "merge"
    std::string_view merge_key{};    // patchMergeKey; empty for primitive lists
};

[[nodiscard]] KUBESIM_DECL smp_field smp_lookup(smp_type t, std::string_view f);

// The type of a kind's object; false for a kind without tables.
[[nodiscard]] KUBESIM_DECL bool smp_root(std::string_view kind, smp_type& out);

// ---------------------------------------------------------------------------
// Server-side apply

enum class list_type : std::uint8_t {
    atomic,  // replaced whole, owned as one field (the default for a list)
    set,     // scalars, each element owned (v:<value>)
    map,     // objects keyed by list-map-keys, each owned (k:{...})
};

struct ssa_field {
    smp_type type = smp_type::none;     // the field's type; for a list, its elements'
    list_type list = list_type::atomic;  // when the value is a list
    std::array<std::string_view, 2> keys{};  // list-map-keys, in schema order
    std::string_view defaulted_key{};   // a key with a schema default, used when an element omits it
    std::string_view key_default{};     // ... and that default ("protocol" -> "TCP")
    bool atomic = false;                // structType/mapType atomic: the object (or each element) is one field
};

// The schema of field `f` of an object of type `t`. Every object is taken for a
// struct (its fields are named fields); a list nothing is known of is atomic.
[[nodiscard]] KUBESIM_DECL ssa_field ssa_lookup(smp_type t, std::string_view f);

}  // namespace kubesim::api::json::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/detail/schema.ipp>
#endif
