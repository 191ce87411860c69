// Validation of coordination.k8s.io/v1 Leases, after kubernetes
// pkg/apis/coordination/validation/validation.go (ValidateLease,
// ValidateLeaseUpdate, ValidateLeaseSpec, ValidateCoordinatedLeaseStrategy).
// acquireTime and renewTime are MicroTimes and need no checks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/field.hpp>
#include <kubesim/api/validation/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

// The kind validated here (api/coordination/lease.hpp defines it).
struct lease;
struct lease_spec;

}  // namespace kubesim::api

namespace kubesim::api::validation {

inline constexpr name_validator validate_lease_name = name_is_dns_subdomain;

// The strategies Kubernetes defines itself; any other must be "<prefix>/<name>".
KUBESIM_DECL const std::vector<std::string>& valid_lease_strategies();

// ValidateCoordinatedLeaseStrategy. A name without '/' must be one of
// valid_lease_strategies; one with a '/' must be a qualified name. Upstream
// appends "strategy" to the path it is given, and ValidateLeaseSpec already
// passes spec.strategy, so the errors name spec.strategy.strategy; kept as is.
// The value is a named string type, which field errors render as JSON.
[[nodiscard]] KUBESIM_DECL field::error_list validate_coordinated_lease_strategy(std::string_view strategy,
                                                                                 const field::path& p);

// ValidateLeaseSpec. The *int32 values print dereferenced: "Invalid value: 0".
[[nodiscard]] KUBESIM_DECL field::error_list validate_lease_spec(const lease_spec& s, const field::path& p);

// ValidateLease (create).
[[nodiscard]] KUBESIM_DECL field::error_list validate(const lease& l);

// ValidateLeaseUpdate: the metadata update rules, then the spec as on create.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const lease& new_obj, const lease& old_obj);

}  // namespace kubesim::api::validation

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/validation/coordination.ipp>
#endif
