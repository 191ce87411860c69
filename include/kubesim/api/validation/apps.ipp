// Definitions of api/validation/apps.hpp.
#pragma once

#include <kubesim/api/validation/apps.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/autoscaling/scale.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/validation/core.ipp>
#include <kubesim/api/validation/meta.ipp>

namespace kubesim::api::validation {

namespace vdetail {

// ValidatePodTemplateSpecForReplicaSet: the selector must select the template's
// labels; the template restarts Always and has no activeDeadlineSeconds.
[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_template_for_replica_set(const pod_template_spec& t,
                                                                                   const labels::selector& sel,
                                                                                   const field::path& p) {
    field::error_list errs;
    if (!sel.empty() && !sel.matches(t.metadata.labels))
        errs.push_back(field::invalid_raw(p.child("metadata").child("labels"), json_str_map(t.metadata.labels),
                                          "`selector` does not match template `labels`"));
    append(errs, validate_pod_template_spec(t, p));
    if (t.spec.restart_policy != "Always")
        errs.push_back(not_supported_raw(p.child("spec").child("restartPolicy"), json_str(t.spec.restart_policy), {"Always"}));
    if (t.spec.active_deadline_seconds)
        errs.push_back(field::forbidden(p.child("spec").child("activeDeadlineSeconds"),
                                        "activeDeadlineSeconds in ReplicaSet is not Supported"));
    return errs;
}

// The selector part shared by ValidateReplicaSetSpec and ValidateDeploymentSpec.
// A missing selector is Required and also matches nothing, so the template check
// reports the famous "`selector` does not match template `labels`" as well.
[[nodiscard]] KUBESIM_DECL field::error_list validate_selector_and_template(const std::optional<label_selector>& selector,
                                                                            const pod_template_spec& t, const field::path& sp) {
    field::error_list errs;
    const auto selp = sp.child("selector");
    if (!selector) {
        errs.push_back(field::required(selp));
    } else {
        append(errs, labels::validate_label_selector(*selector, selp));
        if (selector->match_labels.empty() && selector->match_expressions.empty())
            errs.push_back(field::invalid_raw(selp, json_label_selector(*selector), "empty selector is invalid for deployment"));
    }
    auto sel = labels::label_selector_as_selector(selector);
    if (!sel)
        errs.push_back(field::invalid_raw(selp, json_label_selector(selector), "invalid label selector"));
    else
        append(errs, validate_pod_template_for_replica_set(t, *sel, sp.child("template")));
    return errs;
}

[[nodiscard]] KUBESIM_DECL bool percent_value(const int_or_string& v, std::int64_t& out) {
    if (!v.is_string || !is_valid_percent(v.str_val).empty()) return false;
    auto pv = v.percent_value();
    if (!pv) return false;
    out = *pv;
    return true;
}

// ValidatePositiveIntOrPercent
[[nodiscard]] KUBESIM_DECL field::error_list validate_positive_int_or_percent(const int_or_string& v, const field::path& p) {
    field::error_list errs;
    if (v.is_string) {
        for (auto& m : is_valid_percent(v.str_val)) errs.push_back(field::invalid_raw(p, json_int_or_string(v), std::move(m)));
    } else {
        append(errs, validate_nonnegative_field(v.int_val, p));
    }
    return errs;
}

// getIntOrPercentValue
[[nodiscard]] KUBESIM_DECL std::int64_t int_or_percent_value(const int_or_string& v) {
    std::int64_t pv = 0;
    if (percent_value(v, pv)) return pv;
    return v.int_value();
}

// ValidateRollingUpdateDeployment
[[nodiscard]] KUBESIM_DECL field::error_list validate_rolling_update_deployment(const rolling_update_deployment& ru,
                                                                                const field::path& p) {
    const int_or_string mu = ru.max_unavailable.value_or(int_or_string{});
    const int_or_string ms = ru.max_surge.value_or(int_or_string{});
    auto errs = validate_positive_int_or_percent(mu, p.child("maxUnavailable"));
    append(errs, validate_positive_int_or_percent(ms, p.child("maxSurge")));
    if (int_or_percent_value(mu) == 0 && int_or_percent_value(ms) == 0)
        errs.push_back(field::invalid_raw(p.child("maxUnavailable"), json_int_or_string(mu), "may not be 0 when `maxSurge` is 0"));
    std::int64_t pv = 0;
    if (percent_value(mu, pv) && pv > 100)
        errs.push_back(field::invalid_raw(p.child("maxUnavailable"), json_int_or_string(mu), "must not be greater than 100%"));
    return errs;
}

// The internal apps.DeploymentStrategy as Go's JSON prints it (no json tags).
[[nodiscard]] KUBESIM_DECL std::string json_deployment_strategy(const deployment_strategy& s) {
    std::string out = "{\"Type\":" + json_str(s.type) + ",\"RollingUpdate\":";
    if (!s.rolling_update) return out + "null}";
    const auto& ru = *s.rolling_update;
    return out + "{\"MaxUnavailable\":" + json_int_or_string(ru.max_unavailable.value_or(int_or_string{})) +
           ",\"MaxSurge\":" + json_int_or_string(ru.max_surge.value_or(int_or_string{})) + "}}";
}

// ValidateDeploymentStrategy
[[nodiscard]] KUBESIM_DECL field::error_list validate_deployment_strategy(const deployment_strategy& s, const field::path& p) {
    field::error_list errs;
    if (s.type == "Recreate") {
        if (s.rolling_update)
            errs.push_back(field::forbidden(p.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
    } else if (s.type == "RollingUpdate") {
        if (!s.rolling_update)
            errs.push_back(field::required(p.child("rollingUpdate"), "this should be defaulted and never be nil"));
        else
            append(errs, validate_rolling_update_deployment(*s.rolling_update, p.child("rollingUpdate")));
    } else {
        errs.push_back(not_supported_raw(p, json_deployment_strategy(s), {"Recreate", "RollingUpdate"}));
    }
    return errs;
}

// The apps/v1 strategies' selector immutability (ValidateImmutableField).
[[nodiscard]] KUBESIM_DECL field::error_list validate_selector_immutable(const std::optional<label_selector>& new_sel,
                                                                         const std::optional<label_selector>& old_sel) {
    if (new_sel == old_sel) return {};
    return {field::invalid_raw(field::path("spec").child("selector"), json_label_selector(new_sel),
                               std::string(field_immutable_error_msg))};
}

}  // namespace vdetail

field::error_list validate_replica_set_spec(const replica_set_spec& s, const field::path& p) {
    auto errs = validate_nonnegative_field(s.replicas.value_or(0), p.child("replicas"));
    vdetail::append(errs, validate_nonnegative_field(s.min_ready_seconds, p.child("minReadySeconds")));
    vdetail::append(errs, vdetail::validate_selector_and_template(s.selector, s.template_, p));
    return errs;
}

field::error_list validate(const replica_set& rs) {
    auto errs = validate_object_meta(rs.metadata, true, validate_replica_set_name, field::path("metadata"));
    vdetail::append(errs, validate_replica_set_spec(rs.spec, field::path("spec")));
    return errs;
}

field::error_list validate_update(const replica_set& new_obj, const replica_set& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    vdetail::append(errs, validate_replica_set_spec(new_obj.spec, field::path("spec")));
    vdetail::append(errs, vdetail::validate_selector_immutable(new_obj.spec.selector, old_obj.spec.selector));
    return errs;
}

field::error_list validate_status_update(const replica_set& new_obj, const replica_set& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    const field::path p("status");
    const auto& s = new_obj.status;
    vdetail::append(errs, validate_nonnegative_field(s.replicas, p.child("replicas")));
    vdetail::append(errs, validate_nonnegative_field(s.fully_labeled_replicas, p.child("fullyLabeledReplicas")));
    vdetail::append(errs, validate_nonnegative_field(s.ready_replicas, p.child("readyReplicas")));
    vdetail::append(errs, validate_nonnegative_field(s.available_replicas, p.child("availableReplicas")));
    vdetail::append(errs, validate_nonnegative_field(s.observed_generation, p.child("observedGeneration")));
    const std::string msg = "cannot be greater than status.replicas";
    if (s.fully_labeled_replicas > s.replicas)
        errs.push_back(field::invalid(p.child("fullyLabeledReplicas"), s.fully_labeled_replicas, msg));
    if (s.ready_replicas > s.replicas) errs.push_back(field::invalid(p.child("readyReplicas"), s.ready_replicas, msg));
    if (s.available_replicas > s.replicas)
        errs.push_back(field::invalid(p.child("availableReplicas"), s.available_replicas, msg));
    if (s.available_replicas > s.ready_replicas)
        errs.push_back(field::invalid(p.child("availableReplicas"), s.available_replicas, "cannot be greater than readyReplicas"));
    return errs;
}

field::error_list validate_deployment_spec(const deployment_spec& s, const field::path& p) {
    auto errs = validate_nonnegative_field(s.replicas.value_or(0), p.child("replicas"));
    vdetail::append(errs, vdetail::validate_selector_and_template(s.selector, s.template_, p));
    vdetail::append(errs, vdetail::validate_deployment_strategy(s.strategy, p.child("strategy")));
    vdetail::append(errs, validate_nonnegative_field(s.min_ready_seconds, p.child("minReadySeconds")));
    if (s.revision_history_limit)
        vdetail::append(errs, validate_nonnegative_field(*s.revision_history_limit, p.child("revisionHistoryLimit")));
    if (s.progress_deadline_seconds) {
        vdetail::append(errs, validate_nonnegative_field(*s.progress_deadline_seconds, p.child("progressDeadlineSeconds")));
        if (*s.progress_deadline_seconds <= s.min_ready_seconds)
            errs.push_back(field::invalid(p.child("progressDeadlineSeconds"), *s.progress_deadline_seconds,
                                          "must be greater than minReadySeconds"));
    }
    return errs;
}

field::error_list validate(const deployment& d) {
    auto errs = validate_object_meta(d.metadata, true, validate_deployment_name, field::path("metadata"));
    vdetail::append(errs, validate_deployment_spec(d.spec, field::path("spec")));
    return errs;
}

field::error_list validate_update(const deployment& new_obj, const deployment& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    vdetail::append(errs, validate_deployment_spec(new_obj.spec, field::path("spec")));
    vdetail::append(errs, vdetail::validate_selector_immutable(new_obj.spec.selector, old_obj.spec.selector));
    return errs;
}

field::error_list validate_status_update(const deployment& new_obj, const deployment& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    const field::path p("status");
    const auto& s = new_obj.status;
    vdetail::append(errs, validate_nonnegative_field(s.observed_generation, p.child("observedGeneration")));
    vdetail::append(errs, validate_nonnegative_field(s.replicas, p.child("replicas")));
    vdetail::append(errs, validate_nonnegative_field(s.updated_replicas, p.child("updatedReplicas")));
    vdetail::append(errs, validate_nonnegative_field(s.ready_replicas, p.child("readyReplicas")));
    vdetail::append(errs, validate_nonnegative_field(s.available_replicas, p.child("availableReplicas")));
    vdetail::append(errs, validate_nonnegative_field(s.unavailable_replicas, p.child("unavailableReplicas")));
    if (s.collision_count) vdetail::append(errs, validate_nonnegative_field(*s.collision_count, p.child("collisionCount")));
    const std::string msg = "cannot be greater than status.replicas";
    if (s.updated_replicas > s.replicas) errs.push_back(field::invalid(p.child("updatedReplicas"), s.updated_replicas, msg));
    if (s.ready_replicas > s.replicas) errs.push_back(field::invalid(p.child("readyReplicas"), s.ready_replicas, msg));
    if (s.available_replicas > s.replicas)
        errs.push_back(field::invalid(p.child("availableReplicas"), s.available_replicas, msg));
    if (s.available_replicas > s.ready_replicas)
        errs.push_back(field::invalid(p.child("availableReplicas"), s.available_replicas, "cannot be greater than readyReplicas"));
    // IsDecremented(collisionCount)
    const auto& nc = s.collision_count;
    const auto& oc = old_obj.status.collision_count;
    if (oc && (!nc || *nc < *oc))
        errs.push_back(field::invalid(p.child("collisionCount"), nc.value_or(0), "cannot be decremented"));
    return errs;
}

field::error_list validate(const scale& s) {
    auto errs = validate_object_meta(s.metadata, true, name_is_dns_subdomain, field::path("metadata"));
    if (s.spec.replicas < 0)
        errs.push_back(field::invalid(field::path("spec").child("replicas"), s.spec.replicas, std::string(is_negative_error_msg)));
    return errs;
}

}  // namespace kubesim::api::validation
