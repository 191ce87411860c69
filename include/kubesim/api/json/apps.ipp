// Definitions of api/json/apps.hpp.
#pragma once

#include <kubesim/api/json/apps.hpp>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/readers.hpp>

namespace kubesim::api::json::detail {

KUBESIM_DECL void read(const reader& r, replica_set_spec& x) {
    r.opt_i32("replicas", x.replicas);
    r.i32("minReadySeconds", x.min_ready_seconds);
    r.object("selector", x.selector, "v1.LabelSelector");
    r.object("template", x.template_, "v1.PodTemplateSpec");
}

KUBESIM_DECL void read(const reader& r, replica_set_condition& x) {
    r.str("type", x.type, "v1.ReplicaSetConditionType");
    r.str("status", x.status, "v1.ConditionStatus");
    r.time("lastTransitionTime", x.last_transition_time);
    r.str("reason", x.reason);
    r.str("message", x.message);
}

KUBESIM_DECL void read(const reader& r, replica_set_status& x) {
    r.i32("replicas", x.replicas);
    r.i32("fullyLabeledReplicas", x.fully_labeled_replicas);
    r.i32("readyReplicas", x.ready_replicas);
    r.i32("availableReplicas", x.available_replicas);
    r.opt_i32("terminatingReplicas", x.terminating_replicas);
    r.i64("observedGeneration", x.observed_generation);
    r.list("conditions", x.conditions, "v1.ReplicaSetCondition");
}

void read(const reader& r, replica_set& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.ReplicaSetSpec");
    r.object("status", x.status, "v1.ReplicaSetStatus");
}

KUBESIM_DECL void read(const reader& r, rolling_update_deployment& x) {
    r.opt_int_or_string("maxUnavailable", x.max_unavailable);
    r.opt_int_or_string("maxSurge", x.max_surge);
}

KUBESIM_DECL void read(const reader& r, deployment_strategy& x) {
    r.str("type", x.type, "v1.DeploymentStrategyType");
    r.object("rollingUpdate", x.rolling_update, "v1.RollingUpdateDeployment");
}

KUBESIM_DECL void read(const reader& r, deployment_spec& x) {
    r.opt_i32("replicas", x.replicas);
    r.object("selector", x.selector, "v1.LabelSelector");
    r.object("template", x.template_, "v1.PodTemplateSpec");
    r.object("strategy", x.strategy, "v1.DeploymentStrategy");
    r.i32("minReadySeconds", x.min_ready_seconds);
    r.opt_i32("revisionHistoryLimit", x.revision_history_limit);
    r.boolean("paused", x.paused);
    r.opt_i32("progressDeadlineSeconds", x.progress_deadline_seconds);
}

KUBESIM_DECL void read(const reader& r, deployment_condition& x) {
    r.str("type", x.type, "v1.DeploymentConditionType");
    r.str("status", x.status, "v1.ConditionStatus");
    r.time("lastUpdateTime", x.last_update_time);
    r.time("lastTransitionTime", x.last_transition_time);
    r.str("reason", x.reason);
    r.str("message", x.message);
}

KUBESIM_DECL void read(const reader& r, deployment_status& x) {
    r.i64("observedGeneration", x.observed_generation);
    r.i32("replicas", x.replicas);
    r.i32("updatedReplicas", x.updated_replicas);
    r.i32("readyReplicas", x.ready_replicas);
    r.i32("availableReplicas", x.available_replicas);
    r.i32("unavailableReplicas", x.unavailable_replicas);
    r.opt_i32("terminatingReplicas", x.terminating_replicas);
    r.list("conditions", x.conditions, "v1.DeploymentCondition");
    r.opt_i32("collisionCount", x.collision_count);
}

void read(const reader& r, deployment& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.DeploymentSpec");
    r.object("status", x.status, "v1.DeploymentStatus");
}

}  // namespace kubesim::api::json::detail

namespace kubesim::api {

void to_json(nlohmann::json& j, const replica_set_spec& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_opt_i32(j, "replicas", x.replicas);
    put_i32(j, "minReadySeconds", x.min_ready_seconds);
    if (x.selector)
        to_json(j["selector"], *x.selector);
    else
        j["selector"] = nullptr;
    to_json(j["template"], x.template_);
}
void from_json(const nlohmann::json& j, replica_set_spec& x) {
    json::detail::decode_struct(j, x, "v1.ReplicaSetSpec");
}

void to_json(nlohmann::json& j, const replica_set_condition& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "type", x.type);
    put_str_always(j, "status", x.status);
    put_time(j, "lastTransitionTime", x.last_transition_time);
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
}
void from_json(const nlohmann::json& j, replica_set_condition& x) {
    json::detail::decode_struct(j, x, "v1.ReplicaSetCondition");
}

void to_json(nlohmann::json& j, const replica_set_status& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_i32_always(j, "replicas", x.replicas);
    put_i32(j, "fullyLabeledReplicas", x.fully_labeled_replicas);
    put_i32(j, "readyReplicas", x.ready_replicas);
    put_i32(j, "availableReplicas", x.available_replicas);
    put_opt_i32(j, "terminatingReplicas", x.terminating_replicas);
    put_i64(j, "observedGeneration", x.observed_generation);
    put_list(j, "conditions", x.conditions);
}
void from_json(const nlohmann::json& j, replica_set_status& x) {
    json::detail::decode_struct(j, x, "v1.ReplicaSetStatus");
}

void to_json(nlohmann::json& j, const replica_set& x) {
    json::detail::put_spec_status_object(j, x);
}
void from_json(const nlohmann::json& j, replica_set& x) { json::detail::decode_kind(j, x); }

void to_json(nlohmann::json& j, const rolling_update_deployment& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    if (x.max_unavailable) j["maxUnavailable"] = int_or_string_json(*x.max_unavailable);
    if (x.max_surge) j["maxSurge"] = int_or_string_json(*x.max_surge);
}
void from_json(const nlohmann::json& j, rolling_update_deployment& x) {
    json::detail::decode_struct(j, x, "v1.RollingUpdateDeployment");
}

void to_json(nlohmann::json& j, const deployment_strategy& x) {
    j = nlohmann::json::object();
    json::detail::put_str(j, "type", x.type);
    if (x.rolling_update) to_json(j["rollingUpdate"], *x.rolling_update);
}
void from_json(const nlohmann::json& j, deployment_strategy& x) {
    json::detail::decode_struct(j, x, "v1.DeploymentStrategy");
}

void to_json(nlohmann::json& j, const deployment_spec& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_opt_i32(j, "replicas", x.replicas);
    if (x.selector)
        to_json(j["selector"], *x.selector);
    else
        j["selector"] = nullptr;
    to_json(j["template"], x.template_);
    to_json(j["strategy"], x.strategy);
    put_i32(j, "minReadySeconds", x.min_ready_seconds);
    put_opt_i32(j, "revisionHistoryLimit", x.revision_history_limit);
    put_bool(j, "paused", x.paused);
    put_opt_i32(j, "progressDeadlineSeconds", x.progress_deadline_seconds);
}
void from_json(const nlohmann::json& j, deployment_spec& x) {
    json::detail::decode_struct(j, x, "v1.DeploymentSpec");
}

void to_json(nlohmann::json& j, const deployment_condition& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "type", x.type);
    put_str_always(j, "status", x.status);
    put_time(j, "lastUpdateTime", x.last_update_time);
    put_time(j, "lastTransitionTime", x.last_transition_time);
    put_str(j, "reason", x.reason);
    put_str(j, "message", x.message);
}
void from_json(const nlohmann::json& j, deployment_condition& x) {
    json::detail::decode_struct(j, x, "v1.DeploymentCondition");
}

void to_json(nlohmann::json& j, const deployment_status& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_i64(j, "observedGeneration", x.observed_generation);
    put_i32(j, "replicas", x.replicas);
    put_i32(j, "updatedReplicas", x.updated_replicas);
    put_i32(j, "readyReplicas", x.ready_replicas);
    put_i32(j, "availableReplicas", x.available_replicas);
    put_i32(j, "unavailableReplicas", x.unavailable_replicas);
    put_opt_i32(j, "terminatingReplicas", x.terminating_replicas);
    put_list(j, "conditions", x.conditions);
    put_opt_i32(j, "collisionCount", x.collision_count);
}
void from_json(const nlohmann::json& j, deployment_status& x) {
    json::detail::decode_struct(j, x, "v1.DeploymentStatus");
}

void to_json(nlohmann::json& j, const deployment& x) {
    json::detail::put_spec_status_object(j, x);
}
void from_json(const nlohmann::json& j, deployment& x) { json::detail::decode_kind(j, x); }

}  // namespace kubesim::api
