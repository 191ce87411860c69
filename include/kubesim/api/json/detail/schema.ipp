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
            if (f == "topologySpreadConstraints") return {st::none, true, "topologyKey"};
            return {};
        case st::container:
            if (f == "ports") return {st::none, true, "containerPort"};
            if (f == "env") return {st::none, true, "name"};
            if (f == "volumeMounts") return {st::none, true, "mountPath"};
            if (f == "volumeDevices") return {st::none, true, "devicePath"};
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
        case st::plain_kind: return kind_field(st::none, st::none);
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
    else if (kind == "ConfigMap" || kind == "Secret" || kind == "Event" || kind == "EndpointSlice" || kind == "Scale" ||
             kind == "Lease")
        out = st::plain_kind;
    else return false;
    return true;
}


}  // namespace kubesim::api::json::detail
