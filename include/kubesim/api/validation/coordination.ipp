// Definitions of api/validation/coordination.hpp.
#pragma once

#include <kubesim/api/validation/coordination.hpp>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/validation/meta.ipp>

namespace kubesim::api::validation {

const std::vector<std::string>& valid_lease_strategies() {
    static const std::vector<std::string> v{"OldestEmulationVersion"};
    return v;
}

field::error_list validate_coordinated_lease_strategy(std::string_view strategy,
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

field::error_list validate_lease_spec(const lease_spec& s, const field::path& p) {
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

field::error_list validate(const lease& l) {
    auto errs = validate_object_meta(l.metadata, true, validate_lease_name, field::path("metadata"));
    vdetail::append(errs, validate_lease_spec(l.spec, field::path("spec")));
    return errs;
}

field::error_list validate_update(const lease& new_obj, const lease& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    vdetail::append(errs, validate_lease_spec(new_obj.spec, field::path("spec")));
    return errs;
}

}  // namespace kubesim::api::validation
