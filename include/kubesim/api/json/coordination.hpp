// JSON for coordination.k8s.io/v1 Lease (k8s.io/api/coordination/v1/types.go).
// Every LeaseSpec field is a pointer with omitempty, so an unset field is absent
// (not null); acquireTime and renewTime are *metav1.MicroTime and print with
// six fractional digits: "2025-01-01T00:00:10.000000Z". spec itself is a struct
// and so always present, `"spec": {}` when empty.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

KUBESIM_DECL void to_json(nlohmann::json& j, const lease_spec& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, lease_spec& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const lease& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, lease& x);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/coordination.ipp>
#endif
