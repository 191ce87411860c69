// Validation of apps/v1 ReplicaSets and Deployments and of the autoscaling/v1
// Scale subresource, after kubernetes pkg/apis/apps/validation/validation.go,
// pkg/apis/autoscaling/validation/validation.go (ValidateScale) and the apps/v1
// rule of pkg/registry/apps/{deployment,replicaset}/strategy.go that makes
// spec.selector immutable on update. Objects are expected to be defaulted first.
#pragma once

#include <kubesim/api/field.hpp>
#include <kubesim/api/validation/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api {

// The kinds validated here (api/apps/*.hpp and api/autoscaling/scale.hpp define them).
struct deployment;
struct deployment_spec;
struct replica_set;
struct replica_set_spec;
struct scale;

}  // namespace kubesim::api

namespace kubesim::api::validation {

inline constexpr name_validator validate_replica_set_name = name_is_dns_subdomain;
inline constexpr name_validator validate_deployment_name = name_is_dns_subdomain;

// ValidateReplicaSetSpec
[[nodiscard]] KUBESIM_DECL field::error_list validate_replica_set_spec(const replica_set_spec& s, const field::path& p);

// ValidateReplicaSet
[[nodiscard]] KUBESIM_DECL field::error_list validate(const replica_set& rs);

// ValidateReplicaSetUpdate plus the apps/v1 immutable selector.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const replica_set& new_obj, const replica_set& old_obj);

// ValidateReplicaSetStatusUpdate / ValidateReplicaSetStatus
[[nodiscard]] KUBESIM_DECL field::error_list validate_status_update(const replica_set& new_obj, const replica_set& old_obj);

// ValidateDeploymentSpec
[[nodiscard]] KUBESIM_DECL field::error_list validate_deployment_spec(const deployment_spec& s, const field::path& p);

// ValidateDeployment
[[nodiscard]] KUBESIM_DECL field::error_list validate(const deployment& d);

// ValidateDeploymentUpdate plus the apps/v1 immutable selector.
[[nodiscard]] KUBESIM_DECL field::error_list validate_update(const deployment& new_obj, const deployment& old_obj);

// ValidateDeploymentStatusUpdate / ValidateDeploymentStatus
[[nodiscard]] KUBESIM_DECL field::error_list validate_status_update(const deployment& new_obj, const deployment& old_obj);

// ValidateScale: the /scale subresource of Deployments and ReplicaSets.
[[nodiscard]] KUBESIM_DECL field::error_list validate(const scale& s);

}  // namespace kubesim::api::validation

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/validation/apps.ipp>
#endif
