// The per-kind field tables the patch flavours read, for the kinds kubesim serves.
// The strategic merge patch (json/patch.hpp) reads the patchStrategy /
// patchMergeKey tags of the kinds' types.go: a type names a struct, a lookup
// gives the type of a field (or of a list's elements) and how it merges.
#pragma once

#include <cstdint>
#include <string_view>

#include <kubesim/config.hpp>

namespace kubesim::api::json::detail {

enum class smp_type : std::uint8_t {
    none,  // no metadata: maps merge, lists are replaced
    object_meta,
    pod,
    pod_spec,
    pod_status,
    container,
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
    plain_kind,  // metadata only (ConfigMap, Secret, Event, EndpointSlice, Scale, Lease)
};

struct smp_field {
    smp_type type = smp_type::none;  // the field's (or the list element's) type
    bool merge = false;              // patchStrategy "merge"
    std::string_view merge_key{};    // patchMergeKey; empty for primitive lists
};

[[nodiscard]] KUBESIM_DECL smp_field smp_lookup(smp_type t, std::string_view f);

// The type of a kind's object; false for a kind without tables.
[[nodiscard]] KUBESIM_DECL bool smp_root(std::string_view kind, smp_type& out);

}  // namespace kubesim::api::json::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/detail/schema.ipp>
#endif
