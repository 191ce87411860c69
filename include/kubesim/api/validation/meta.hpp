// ObjectMeta validation on create and update, after apimachinery
// pkg/api/validation/objectmeta.go and generic.go, with the extra finalizer-name
// check of kubernetes pkg/apis/core/validation/validation.go (ValidateObjectMeta,
// ValidateObjectMetaUpdate wrap the apimachinery functions for every built-in kind).
// Also the shared helpers the per-kind validators use: name rules
// (NameIsDNSSubdomain & co.), IP and CIDR checks (apimachinery
// pkg/util/validation/ip.go) and the JSON rendering Go's field errors use for a
// BadValue that is not a plain string or number.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/field.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

// The metadata types validated here (api/meta.hpp defines them).
struct object_meta;
struct owner_reference;

}  // namespace kubesim::api

namespace kubesim::api::validation {

// ---- helpers shared by the validators -----------------------------------------

// IsValidIP (apimachinery util/validation/ip.go): strict parse, canonical form.
[[nodiscard]] KUBESIM_DECL field::error_list is_valid_ip(const field::path& p, std::string_view value);

// IsValidIPv4Address / IsValidIPv6Address (EndpointSlice addresses).
[[nodiscard]] KUBESIM_DECL field::error_list is_valid_ipv4_address(const field::path& p, std::string_view value);

[[nodiscard]] KUBESIM_DECL field::error_list is_valid_ipv6_address(const field::path& p, std::string_view value);

// ValidateEndpointIP / ValidateNonSpecialIP: no unspecified, loopback or link-local
// addresses for endpoints and external IPs.
[[nodiscard]] KUBESIM_DECL field::error_list validate_endpoint_ip(std::string_view value, const field::path& p);

// IsValidCIDR: "ip/bits", strict, canonical (network address, no host bits).
[[nodiscard]] KUBESIM_DECL field::error_list is_valid_cidr(const field::path& p, std::string_view value);

// ---- name rules (apimachinery pkg/api/validation/generic.go) ---------------------

// ValidateNameFunc: the messages for a name; `prefix` means a generateName, which
// may end in '-' because random characters follow.
using name_validator = std::vector<std::string> (*)(std::string_view name, bool prefix);

// maskTrailingDash, upstream's way: drop the last two characters and append 'a'.
[[nodiscard]] KUBESIM_DECL std::string mask_trailing_dash(std::string_view name);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> name_is_dns_subdomain(std::string_view name, bool prefix);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> name_is_dns_label(std::string_view name, bool prefix);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> name_is_dns1035_label(std::string_view name, bool prefix);

// ---- small field validators ----------------------------------------------------

inline constexpr std::string_view is_negative_error_msg = "must be greater than or equal to 0";
inline constexpr std::string_view field_immutable_error_msg = "field is immutable";
inline constexpr std::size_t total_annotation_size_limit_b = 256 * (1 << 10);

// ValidateNonnegativeField: "Invalid value: -1: must be greater than or equal to 0".
[[nodiscard]] KUBESIM_DECL field::error_list validate_nonnegative_field(std::int64_t value, const field::path& p);

[[nodiscard]] KUBESIM_DECL field::error_list validate_dns1123_label(std::string_view value, const field::path& p);

[[nodiscard]] KUBESIM_DECL field::error_list validate_dns1123_subdomain(std::string_view value, const field::path& p);

[[nodiscard]] KUBESIM_DECL field::error_list validate_qualified_name(std::string_view value, const field::path& p);

// ValidateAnnotations: keys are qualified names compared case-insensitively; keys
// plus values at most 256 KiB.
[[nodiscard]] KUBESIM_DECL field::error_list validate_annotations(const std::map<std::string, std::string>& annotations,
                                                                  const field::path& p);

// validateOwnerReference / ValidateOwnerReferences.
[[nodiscard]] KUBESIM_DECL field::error_list validate_owner_references(const std::vector<owner_reference>& refs,
                                                                       const field::path& p);

// ValidateFinalizerName: a qualified name. Errors point at the list, not the item.
[[nodiscard]] KUBESIM_DECL field::error_list validate_finalizer_name(std::string_view name, const field::path& p);

// validateKubeFinalizerName (core): a name without '/' must be one of the standard ones.
[[nodiscard]] KUBESIM_DECL field::error_list validate_kube_finalizer_name(std::string_view name, const field::path& p);

// ValidateFinalizers: names, and never both orphan and foregroundDeletion.
[[nodiscard]] KUBESIM_DECL field::error_list validate_finalizers(const std::vector<std::string>& finalizers,
                                                                 const field::path& p);

// ValidateNoNewFinalizers: once deletionTimestamp is set, finalizers may only go.
[[nodiscard]] KUBESIM_DECL field::error_list validate_no_new_finalizers(const std::vector<std::string>& new_finalizers,
                                                                        const std::vector<std::string>& old_finalizers,
                                                                        const field::path& p);

// ValidateObjectMeta (core wrapper of apimachinery's ValidateObjectMetaAccessor):
// generateName and name by the kind's rule, namespace required (namespaced kinds)
// or forbidden (cluster-scoped ones), generation, labels, annotations,
// ownerReferences, finalizers. Expects generateName to have produced a name
// already, as the API server does before validating.
[[nodiscard]] KUBESIM_DECL field::error_list validate_object_meta(const object_meta& m, bool namespaced,
                                                                  name_validator name_fn, const field::path& p);

// ValidateObjectMetaUpdate (core wrapper of ValidateObjectMetaAccessorUpdate). As
// upstream, a new object without resourceVersion is rejected: the store copies the
// stored resourceVersion in first when the kind allows unconditional updates.
[[nodiscard]] KUBESIM_DECL field::error_list validate_object_meta_update(const object_meta& new_meta,
                                                                         const object_meta& old_meta, const field::path& p);

}  // namespace kubesim::api::validation

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/validation/meta.ipp>
#endif
