// Validation of coordination.k8s.io/v1 Leases, after kubernetes
// pkg/apis/coordination/validation/validation.go (ValidateLease,
// ValidateLeaseUpdate, ValidateLeaseSpec, ValidateCoordinatedLeaseStrategy).
// acquireTime and renewTime are MicroTimes and need no checks.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/validation/meta.hpp>

namespace kubesim::api::validation {

inline constexpr name_validator validate_lease_name = name_is_dns_subdomain;

// The strategies Kubernetes defines itself; any other must be "<prefix>/<name>".
inline const std::vector<std::string>& valid_lease_strategies() {
    static const std::vector<std::string> v{"OldestEmulationVersion"};
    return v;
}

// ValidateCoordinatedLeaseStrategy. A name without '/' must be one of
// valid_lease_strategies; one with a '/' must be a qualified name. Upstream
// appends "strategy" to the path it is given, and ValidateLeaseSpec already
// passes spec.strategy, so the errors name spec.strategy.strategy; kept as is.
// The value is a named string type, which field errors render as JSON.
[[nodiscard]] inline field::error_list validate_coordinated_lease_strategy(std::string_view strategy,
                                                                           const field::path& p) {
    field::error_list errs;
    const auto at = p.child("strategy");
    if (strategy.find('/') == std::string_view::npos) {
        if (!vdetail::contains(valid_lease_strategies(), strategy))
            errs.push_back(vdetail::not_supported_raw(at, vdetail::json_str(strategy), valid_lease_strategies()));
    } else {
        for (auto& msg : is_qualified_name(strategy))
            errs.push_back(field::invalid_raw(at, vdetail::json_str(strategy), std::move(msg)));
    }
    return errs;
}

// ValidateLeaseSpec. The *int32 values print dereferenced: "Invalid value: 0".
[[nodiscard]] inline field::error_list validate_lease_spec(const lease_spec& s, const field::path& p) {
    field::error_list errs;
    if (s.lease_duration_seconds && *s.lease_duration_seconds <= 0)
        errs.push_back(field::invalid(p.child("leaseDurationSeconds"), *s.lease_duration_seconds, "must be greater than 0"));
    if (s.lease_transitions && *s.lease_transitions < 0)
        errs.push_back(field::invalid(p.child("leaseTransitions"), *s.lease_transitions,
                                      "must be greater than or equal to 0"));
    if (s.strategy) vdetail::append(errs, validate_coordinated_lease_strategy(*s.strategy, p.child("strategy")));
    if (s.preferred_holder && !s.preferred_holder->empty() && (!s.strategy || s.strategy->empty()))
        errs.push_back(field::forbidden(p.child("preferredHolder"), "may only be specified if `strategy` is defined"));
    return errs;
}

// ValidateLease (create).
[[nodiscard]] inline field::error_list validate(const lease& l) {
    auto errs = validate_object_meta(l.metadata, true, validate_lease_name, field::path("metadata"));
    vdetail::append(errs, validate_lease_spec(l.spec, field::path("spec")));
    return errs;
}

// ValidateLeaseUpdate: the metadata update rules, then the spec as on create.
[[nodiscard]] inline field::error_list validate_update(const lease& new_obj, const lease& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    vdetail::append(errs, validate_lease_spec(new_obj.spec, field::path("spec")));
    return errs;
}

}  // namespace kubesim::api::validation
