// JSON for discovery.k8s.io/v1 EndpointSlice (k8s.io/api/discovery/v1/types.go).
// addressType, endpoints and ports have no omitempty upstream: an empty slice
// prints `"endpoints": null`, as `kubectl get endpointslice -o json` shows for a
// Service without ready pods.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

KUBESIM_DECL void to_json(nlohmann::json& j, const endpoint_conditions& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, endpoint_conditions& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const endpoint& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, endpoint& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const endpoint_port& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, endpoint_port& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const endpoint_slice& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, endpoint_slice& x);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/discovery.ipp>
#endif
