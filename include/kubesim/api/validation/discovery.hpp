// Validation of discovery.k8s.io/v1 EndpointSlices, after kubernetes
// pkg/apis/discovery/validation/validation.go. Expects defaulted objects (port
// names and protocols filled in, api/defaults.hpp).
#pragma once

#include <cstddef>

#include <kubesim/api/field.hpp>
#include <kubesim/api/validation/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

// The kind validated here (api/discovery/endpoint_slice.hpp defines it).
struct endpoint_slice;

}  // namespace kubesim::api

namespace kubesim::api::validation {

inline constexpr name_validator validate_endpoint_slice_name = name_is_dns_subdomain;
inline constexpr std::size_t max_endpoint_addresses = 100;
inline constexpr std::size_t max_endpoint_ports = 20000;
inline constexpr std::size_t max_endpoints = 1000;

// ValidateEndpointSlice (create).
[[nodiscard]] KUBESIM_DECL field::error_list validate(const endpoint_slice& es);

// ValidateEndpointSliceUpdate (after the metadata rules every update gets):
// addressType is immutable.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const endpoint_slice& new_obj, const endpoint_slice& old_obj);

}  // namespace kubesim::api::validation

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/validation/discovery.ipp>
#endif
