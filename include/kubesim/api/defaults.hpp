// Defaulting, as the API server applies it to every object it decodes: kubernetes
// pkg/apis/core/v1/defaults.go (and the generated zz_generated.defaults.go that
// walks containers, ports, probes and env), pkg/apis/apps/v1/defaults.go and
// pkg/apis/discovery/v1/defaults.go (coordination/v1 has none). Defaults only
// fill what is unset; they never overwrite a value the user wrote (the one
// exception is upstream's too: the namespace label kubernetes.io/metadata.name
// always mirrors the name).
//
// The create-time "strategy" steps that are not defaulting live here as well,
// because callers apply them at the same moment: prepare_pod_for_create
// (pkg/registry/core/pod/strategy.go: phase Pending, QoS class, generation 1),
// prepare_namespace_for_create (pkg/registry/core/namespace/strategy.go: the
// "kubernetes" finalizer and phase Active) and prepare_service_for_create
// (pkg/registry/core/service/strategy.go: clusterIPs from clusterIP). They are not
// defaults upstream for a reason: defaults run on every write, and a namespace
// whose controller removed the "kubernetes" finalizer must not get it back.
#pragma once

#include <string>

#include <kubesim/config.hpp>

namespace kubesim::api {

// The kinds defaulted here (api/kinds.hpp and the headers it includes define them).
struct config_map;
struct deployment;
struct endpoint_slice;
struct event;
struct lease;
struct namespace_;
struct node;
struct pod;
struct pod_spec;
struct replica_set;
struct secret;
struct service;

// SetDefaults_PodSpec and the per-container defaults: what a pod template in a
// ReplicaSet or Deployment gets. (securityContext is not modelled.)
KUBESIM_DECL void set_defaults(pod_spec& s);

// SetObjectDefaults_Pod: SetDefaults_Pod (requests from limits, enableServiceLinks,
// host-network ports), then the pod spec.
KUBESIM_DECL void set_defaults(pod& p);

// SetDefaults_NodeStatus: allocatable defaults to capacity.
KUBESIM_DECL void set_defaults(node& n);

// SetDefaults_Namespace (the kubernetes.io/metadata.name label, always set to the
// name) and SetDefaults_NamespaceStatus (phase Active).
KUBESIM_DECL void set_defaults(namespace_& ns);

// SetDefaults_Service. ipFamilies / ipFamilyPolicy are not defaults: the service
// registry fills them while allocating cluster IPs.
KUBESIM_DECL void set_defaults(service& s);

// Events have no defaults in core/v1.
inline void set_defaults(event&) {}

// SetDefaults_ConfigMap only turns a nil data map into an empty one; a std::map
// is never nil, so there is nothing to do.
inline void set_defaults(config_map&) {}

// SetDefaults_Secret
// stringData is write-only: the API server's conversion merges it into data
// (overriding equal keys) and never stores it.
KUBESIM_DECL void set_defaults(secret& s);

// discovery/v1 SetDefaults_EndpointPort: name "" and protocol TCP.
KUBESIM_DECL void set_defaults(endpoint_slice& es);

// coordination/v1 has no defaults for Leases.
inline void set_defaults(lease&) {}

// SetDefaults_ReplicaSet, plus the template's pod spec.
KUBESIM_DECL void set_defaults(replica_set& rs);

// SetDefaults_Deployment: replicas 1, RollingUpdate with maxUnavailable and
// maxSurge 25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, plus the
// template's pod spec.
KUBESIM_DECL void set_defaults(deployment& d);

// qos.ComputePodQOS (pkg/apis/core/v1/helper/qos): BestEffort when no container
// requests or limits cpu or memory; Guaranteed when every container limits both
// and the summed requests equal the summed limits; Burstable otherwise.
[[nodiscard]] KUBESIM_DECL std::string compute_pod_qos(const pod& p);

// podStrategy.PrepareForCreate: generation 1 and a fresh status with phase Pending
// and the QoS class (which never changes afterwards). Call after set_defaults, so
// that requests already default to limits.
KUBESIM_DECL void prepare_pod_for_create(pod& p);

// namespaceStrategy.PrepareForCreate: phase Active, and the "kubernetes" finalizer
// the namespace controller removes once the namespace is empty.
KUBESIM_DECL void prepare_namespace_for_create(namespace_& ns);

// svcStrategy.PrepareForCreate: status cleared; NormalizeClusterIPs fills
// clusterIPs from clusterIP for clients that only set the singular field.
KUBESIM_DECL void prepare_service_for_create(service& s);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/defaults.ipp>
#endif
