// Definitions of api/json/detail/schema.hpp.
#pragma once

#include <kubesim/api/json/detail/schema.hpp>

namespace kubesim::api::json::detail {

smp_field smp_lookup(smp_type t, std::string_view f) {
    using st = smp_type;
    auto kind_field = [&](st spec, st status) -> smp_field {
        if (f == "metadata") return {st::object_meta};
        if (f == "spec") return {spec};
        if (f == "status") return {status};
        return {};
    };
    switch (t) {
        case st::object_meta:
            if (f == "ownerReferences") return {st::none, true, "uid"};
            if (f == "finalizers") return {st::none, true, ""};
            return {};
        case st::pod: return kind_field(st::pod_spec, st::pod_status);
        case st::pod_template_spec: return kind_field(st::pod_spec, st::none);
        case st::pod_spec:
            if (f == "containers" || f == "initContainers" || f == "ephemeralContainers")
                return {st::container, true, "name"};
            if (f == "volumes" || f == "imagePullSecrets" || f == "schedulingGates" || f == "resourceClaims")
                return {st::none, true, "name"};
            if (f == "hostAliases") return {st::none, true, "ip"};
            if (f == "topologySpreadConstraints") return {st::topology_spread_constraint, true, "topologyKey"};
            if (f == "affinity") return {st::affinity};
            return {};
        case st::container:
            if (f == "ports") return {st::none, true, "containerPort"};
            if (f == "env") return {st::env_var, true, "name"};
            if (f == "volumeMounts") return {st::none, true, "mountPath"};
            if (f == "volumeDevices") return {st::none, true, "devicePath"};
            return {};
        case st::env_var:
            if (f == "valueFrom") return {st::env_var_source};
            return {};
        case st::affinity:
            if (f == "nodeAffinity") return {st::node_affinity};
            return {};
        case st::pod_status:
            if (f == "conditions") return {st::none, true, "type"};
            if (f == "hostIPs" || f == "podIPs") return {st::none, true, "ip"};
            if (f == "resourceClaimStatuses") return {st::none, true, "name"};
            return {};
        case st::replica_set: return kind_field(st::replica_set_spec, st::replica_set_status);
        case st::deployment: return kind_field(st::deployment_spec, st::deployment_status);
        case st::replica_set_spec:
        case st::deployment_spec:
            if (f == "template") return {st::pod_template_spec};
            return {};
        case st::replica_set_status:
        case st::deployment_status:
        case st::namespace_status:
        case st::service_status:
            if (f == "conditions") return {st::none, true, "type"};
            return {};
        case st::service: return kind_field(st::service_spec, st::service_status);
        case st::service_spec:
            if (f == "ports") return {st::none, true, "port"};
            return {};
        case st::node: return kind_field(st::node_spec, st::node_status);
        case st::node_spec:
            if (f == "podCIDRs") return {st::none, true, ""};
            return {};
        case st::node_status:
            if (f == "conditions" || f == "addresses") return {st::none, true, "type"};
            return {};
        case st::namespace_: return kind_field(st::none, st::namespace_status);
        case st::event:
        case st::plain_kind: return kind_field(st::none, st::none);
        // Types that only server-side apply tells apart.
        case st::env_var_source:
        case st::node_affinity:
        case st::topology_spread_constraint:
        case st::none: return {};
    }
    return {};
}

bool smp_root(std::string_view kind, smp_type& out) {
    using st = smp_type;
    if (kind == "Pod") out = st::pod;
    else if (kind == "ReplicaSet") out = st::replica_set;
    else if (kind == "Deployment") out = st::deployment;
    else if (kind == "Service") out = st::service;
    else if (kind == "Node") out = st::node;
    else if (kind == "Namespace") out = st::namespace_;
    else if (kind == "Event") out = st::event;
    else if (kind == "ConfigMap" || kind == "Secret" || kind == "EndpointSlice" || kind == "Scale" || kind == "Lease")
        out = st::plain_kind;
    else return false;
    return true;
}

// The list types follow the patch tags except where the OpenAPI differs:
// lists keyed by more than the merge key (a port is its number and protocol),
// and the objects upstream marks +structType=atomic / +mapType=atomic
// (LabelSelector, LocalObjectReference, OwnerReference, ObjectReference, the
// env source selectors, NodeSelector) or a Service's selector.
ssa_field ssa_lookup(smp_type t, std::string_view f) {
    using st = smp_type;
    const smp_field m = smp_lookup(t, f);
    ssa_field r{m.type};
    if (m.merge) {
        r.list = m.merge_key.empty() ? list_type::set : list_type::map;
        r.keys = {m.merge_key, {}};
    }
    auto by_port = [&](std::string_view port) {
        r.keys = {port, "protocol"};
        r.defaulted_key = "protocol";
        r.key_default = "TCP";
    };
    switch (t) {
        case st::object_meta:
            if (f == "ownerReferences") r.atomic = true;
            break;
        case st::container:
            if (f == "ports") by_port("containerPort");
            break;
        case st::service_spec:
            if (f == "ports") by_port("port");
            if (f == "selector") r.atomic = true;
            break;
        case st::pod_spec:
            if (f == "topologySpreadConstraints") r.keys = {"topologyKey", "whenUnsatisfiable"};
            if (f == "imagePullSecrets") r.atomic = true;
            break;
        case st::replica_set_spec:
        case st::deployment_spec:
            if (f == "selector") r.atomic = true;
            break;
        case st::env_var_source: r.atomic = true; break;  // fieldRef, resourceFieldRef, configMapKeyRef, secretKeyRef
        case st::node_affinity:
            if (f == "requiredDuringSchedulingIgnoredDuringExecution") r.atomic = true;
            break;
        case st::topology_spread_constraint:
            if (f == "labelSelector") r.atomic = true;
            break;
        case st::event:
            if (f == "involvedObject" || f == "related") r.atomic = true;
            break;
        default: break;
    }
    return r;
}

}  // namespace kubesim::api::json::detail
