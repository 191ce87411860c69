// JSON for autoscaling/v1 Scale (k8s.io/api/autoscaling/v1/types.go), the /scale
// subresource of Deployments and ReplicaSets. status.replicas has no omitempty.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <kubesim/api/autoscaling/scale.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

KUBESIM_DECL void to_json(nlohmann::json& j, const scale_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, scale_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const scale_status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, scale_status& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const scale& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, scale& x);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/autoscaling.ipp>
#endif
