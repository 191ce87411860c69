// JSON for the apps/v1 kinds (k8s.io/api/apps/v1/types.go): replica_set and
// deployment with their specs, strategies, statuses and conditions.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/json/core.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

// selector is a pointer without omitempty (null when unset); template is a struct.
KUBESIM_DECL void to_json(nlohmann::json& j, const replica_set_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, replica_set_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const replica_set_condition& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, replica_set_condition& x);

// replicas has no omitempty: `"status": {"replicas": 0}` for a fresh ReplicaSet.
KUBESIM_DECL void to_json(nlohmann::json& j, const replica_set_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, replica_set_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const replica_set& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, replica_set& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const rolling_update_deployment& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, rolling_update_deployment& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const deployment_strategy& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, deployment_strategy& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const deployment_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, deployment_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const deployment_condition& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, deployment_condition& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const deployment_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, deployment_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const deployment& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, deployment& x);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/apps.ipp>
#endif
