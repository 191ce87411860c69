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

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/core/config_map.hpp>
#include <kubesim/api/core/event.hpp>
#include <kubesim/api/core/namespace.hpp>
#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/secret.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/quantity.hpp>

namespace kubesim::api {

namespace defaults_detail {

// The tag of an image reference as parsers.ParseImageName reports it: the part
// after the last ':' that follows the last '/', "latest" when there is neither tag
// nor digest, and "" when the reference does not parse (empty, upper-case
// repository, bad tag characters) or carries only a digest.
[[nodiscard]] inline std::string image_tag(std::string_view image) {
    if (image.empty()) return {};
    std::string_view name = image;
    bool has_digest = false;
    if (auto at = name.find('@'); at != std::string_view::npos) {
        has_digest = true;
        name = name.substr(0, at);
    }
    std::string_view tag;
    const auto slash = name.rfind('/');
    const auto colon = name.rfind(':');
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
        tag = name.substr(colon + 1);
        name = name.substr(0, colon);
    }
    if (name.empty()) return {};
    // The domain (a first component with '.', ':' or "localhost", or with upper
    // case) may hold upper case; the repository path may not.
    std::string_view path = name;
    if (auto first = name.find('/'); first != std::string_view::npos) {
        auto domain = name.substr(0, first);
        bool upper = false;
        for (char c : domain) upper = upper || (c >= 'A' && c <= 'Z');
        if (domain.find_first_of(".:") != std::string_view::npos || domain == "localhost" || upper) {
            path = name.substr(first + 1);
            // host[:port]: letters, digits, '-' and '.', then an all-digit port
            auto colon_at = domain.find(':');
            auto host = domain.substr(0, colon_at);
            if (host.empty()) return {};
            for (char c : host)
                if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.'))
                    return {};
            if (colon_at != std::string_view::npos) {
                auto port = domain.substr(colon_at + 1);
                if (port.empty()) return {};
                for (char c : port)
                    if (c < '0' || c > '9') return {};
            }
        }
    }
    for (char c : path) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' || c == '/';
        if (!ok) return {};
    }
    if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
        // tag: [\w][\w.-]{0,127}
        if (tag.empty() || tag.size() > 128 || tag.front() == '.' || tag.front() == '-') return {};
        for (char c : tag) {
            const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                            c == '.' || c == '-';
            if (!ok) return {};
        }
        return std::string(tag);
    }
    return has_digest ? std::string() : std::string("latest");
}

// SetDefaults_HTTPGetAction
inline void set_defaults(http_get_action& a) {
    if (a.path.empty()) a.path = "/";
    if (a.scheme.empty()) a.scheme = "HTTP";
}

// SetDefaults_Probe plus the handler defaults the generated walker applies.
inline void set_defaults(probe& p) {
    if (p.timeout_seconds == 0) p.timeout_seconds = 1;
    if (p.period_seconds == 0) p.period_seconds = 10;
    if (p.success_threshold == 0) p.success_threshold = 1;
    if (p.failure_threshold == 0) p.failure_threshold = 3;
    if (p.http_get) set_defaults(*p.http_get);
    if (p.grpc && !p.grpc->service) p.grpc->service = std::string();
}

inline void set_defaults(lifecycle_handler& h) {
    if (h.http_get) set_defaults(*h.http_get);
}

// SetDefaults_Container and what zz_generated.defaults.go does per container.
inline void set_defaults(container& c) {
    if (c.image_pull_policy.empty()) c.image_pull_policy = image_tag(c.image) == "latest" ? "Always" : "IfNotPresent";
    if (c.termination_message_path.empty()) c.termination_message_path = "/dev/termination-log";
    if (c.termination_message_policy.empty()) c.termination_message_policy = "File";
    for (auto& p : c.ports)
        if (p.protocol.empty()) p.protocol = "TCP";
    for (auto& e : c.env)
        if (e.value_from && e.value_from->field_ref && e.value_from->field_ref->api_version.empty())
            e.value_from->field_ref->api_version = "v1";
    if (c.liveness_probe) set_defaults(*c.liveness_probe);
    if (c.readiness_probe) set_defaults(*c.readiness_probe);
    if (c.startup_probe) set_defaults(*c.startup_probe);
    if (c.lifecycle) {
        if (c.lifecycle->post_start) set_defaults(*c.lifecycle->post_start);
        if (c.lifecycle->pre_stop) set_defaults(*c.lifecycle->pre_stop);
    }
}

// SetDefaults_Pod's "requests default to limits", per container.
inline void default_requests_from_limits(container& c) {
    for (const auto& [name, q] : c.resources.limits)
        if (c.resources.requests.find(name) == c.resources.requests.end()) c.resources.requests.emplace(name, q);
}

// defaultHostNetworkPorts: with hostNetwork every containerPort is also a hostPort.
inline void default_host_network_ports(std::vector<container>& cs) {
    for (auto& c : cs)
        for (auto& p : c.ports)
            if (p.host_port == 0) p.host_port = p.container_port;
}

}  // namespace defaults_detail

// SetDefaults_PodSpec and the per-container defaults: what a pod template in a
// ReplicaSet or Deployment gets. (securityContext is not modelled.)
inline void set_defaults(pod_spec& s) {
    if (s.dns_policy.empty()) s.dns_policy = "ClusterFirst";
    if (s.restart_policy.empty()) s.restart_policy = "Always";
    if (!s.termination_grace_period_seconds) s.termination_grace_period_seconds = 30;
    if (s.scheduler_name.empty()) s.scheduler_name = "default-scheduler";
    for (auto& c : s.init_containers) defaults_detail::set_defaults(c);
    for (auto& c : s.containers) defaults_detail::set_defaults(c);
}

// SetObjectDefaults_Pod: SetDefaults_Pod (requests from limits, enableServiceLinks,
// host-network ports), then the pod spec.
inline void set_defaults(pod& p) {
    for (auto& c : p.spec.containers) defaults_detail::default_requests_from_limits(c);
    for (auto& c : p.spec.init_containers) defaults_detail::default_requests_from_limits(c);
    if (!p.spec.enable_service_links) p.spec.enable_service_links = true;
    if (p.spec.host_network) {
        defaults_detail::default_host_network_ports(p.spec.containers.mutable_vec());
        defaults_detail::default_host_network_ports(p.spec.init_containers.mutable_vec());
    }
    set_defaults(p.spec);
}

// SetDefaults_NodeStatus: allocatable defaults to capacity.
inline void set_defaults(node& n) {
    if (n.status.allocatable.empty() && !n.status.capacity.empty()) n.status.allocatable = n.status.capacity;
}

// SetDefaults_Namespace (the kubernetes.io/metadata.name label, always set to the
// name) and SetDefaults_NamespaceStatus (phase Active).
inline void set_defaults(namespace_& ns) {
    if (!ns.metadata.name.empty()) ns.metadata.labels["kubernetes.io/metadata.name"] = ns.metadata.name;
    if (ns.status.phase.empty()) ns.status.phase = "Active";
}

// SetDefaults_Service. ipFamilies / ipFamilyPolicy are not defaults: the service
// registry fills them while allocating cluster IPs.
inline void set_defaults(service& s) {
    auto& sp = s.spec;
    if (sp.session_affinity.empty()) sp.session_affinity = "None";
    if (sp.session_affinity == "None") sp.session_affinity_config.reset();
    if (sp.session_affinity == "ClientIP" &&
        (!sp.session_affinity_config || !sp.session_affinity_config->timeout_seconds)) {
        sp.session_affinity_config = session_affinity_config{};
        sp.session_affinity_config->timeout_seconds = 10800;  // DefaultClientIPServiceAffinitySeconds
    }
    if (sp.type.empty()) sp.type = "ClusterIP";
    for (auto& port : sp.ports) {
        if (port.protocol.empty()) port.protocol = "TCP";
        if ((!port.target_port.is_string && port.target_port.int_val == 0) ||
            (port.target_port.is_string && port.target_port.str_val.empty()))
            port.target_port = int_or_string::from_int(port.port);
    }
    const bool externally_accessible = sp.type == "LoadBalancer" || sp.type == "NodePort" ||
                                       (sp.type == "ClusterIP" && !sp.external_ips.empty());
    if (externally_accessible && sp.external_traffic_policy.empty()) sp.external_traffic_policy = "Cluster";
    if (!sp.internal_traffic_policy && (sp.type == "NodePort" || sp.type == "LoadBalancer" || sp.type == "ClusterIP"))
        sp.internal_traffic_policy = "Cluster";
    if (sp.type == "LoadBalancer" && !sp.allocate_load_balancer_node_ports) sp.allocate_load_balancer_node_ports = true;
}

// Events have no defaults in core/v1.
inline void set_defaults(event&) {}

// SetDefaults_ConfigMap only turns a nil data map into an empty one; a std::map
// is never nil, so there is nothing to do.
inline void set_defaults(config_map&) {}

// SetDefaults_Secret
// stringData is write-only: the API server's conversion merges it into data
// (overriding equal keys) and never stores it.
inline void set_defaults(secret& s) {
    if (s.type.empty()) s.type = "Opaque";
    for (auto& [k, v] : s.string_data) s.data[k] = std::move(v);
    s.string_data.clear();
}

// discovery/v1 SetDefaults_EndpointPort: name "" and protocol TCP.
inline void set_defaults(endpoint_slice& es) {
    for (auto& p : es.ports) {
        if (!p.name) p.name = std::string();
        if (!p.protocol) p.protocol = std::string("TCP");
    }
}

// coordination/v1 has no defaults for Leases.
inline void set_defaults(lease&) {}

// SetDefaults_ReplicaSet, plus the template's pod spec.
inline void set_defaults(replica_set& rs) {
    if (!rs.spec.replicas) rs.spec.replicas = 1;
    set_defaults(rs.spec.template_.spec);
}

// SetDefaults_Deployment: replicas 1, RollingUpdate with maxUnavailable and
// maxSurge 25%, revisionHistoryLimit 10, progressDeadlineSeconds 600, plus the
// template's pod spec.
inline void set_defaults(deployment& d) {
    auto& sp = d.spec;
    if (!sp.replicas) sp.replicas = 1;
    if (sp.strategy.type.empty()) sp.strategy.type = "RollingUpdate";
    if (sp.strategy.type == "RollingUpdate") {
        if (!sp.strategy.rolling_update) sp.strategy.rolling_update = rolling_update_deployment{};
        if (!sp.strategy.rolling_update->max_unavailable)
            sp.strategy.rolling_update->max_unavailable = int_or_string::from_string("25%");
        if (!sp.strategy.rolling_update->max_surge)
            sp.strategy.rolling_update->max_surge = int_or_string::from_string("25%");
    }
    if (!sp.revision_history_limit) sp.revision_history_limit = 10;
    if (!sp.progress_deadline_seconds) sp.progress_deadline_seconds = 600;
    set_defaults(sp.template_.spec);
}

// qos.ComputePodQOS (pkg/apis/core/v1/helper/qos): BestEffort when no container
// requests or limits cpu or memory; Guaranteed when every container limits both
// and the summed requests equal the summed limits; Burstable otherwise.
[[nodiscard]] inline std::string compute_pod_qos(const pod& p) {
    std::map<std::string, quantity> requests, limits;
    bool guaranteed = true;
    auto supported = [](const std::string& n) { return n == "cpu" || n == "memory"; };
    auto visit = [&](const container& c) {
        for (const auto& [name, q] : c.resources.requests)
            if (supported(name) && q.sign() > 0) requests[name] += q;
        bool cpu = false, memory = false;
        for (const auto& [name, q] : c.resources.limits) {
            if (!supported(name) || q.sign() <= 0) continue;
            limits[name] += q;
            cpu = cpu || name == "cpu";
            memory = memory || name == "memory";
        }
        if (!cpu || !memory) guaranteed = false;
    };
    for (const auto& c : p.spec.containers) visit(c);
    for (const auto& c : p.spec.init_containers) visit(c);
    if (requests.empty() && limits.empty()) return "BestEffort";
    if (guaranteed)
        for (const auto& [name, req] : requests) {
            auto it = limits.find(name);
            if (it == limits.end() || it->second.cmp(req) != 0) {
                guaranteed = false;
                break;
            }
        }
    if (guaranteed && requests.size() == limits.size()) return "Guaranteed";
    return "Burstable";
}

// podStrategy.PrepareForCreate: generation 1 and a fresh status with phase Pending
// and the QoS class (which never changes afterwards). Call after set_defaults, so
// that requests already default to limits.
inline void prepare_pod_for_create(pod& p) {
    p.metadata.generation = 1;
    p.status = pod_status{};
    p.status.phase = "Pending";
    p.status.qos_class = compute_pod_qos(p);
}

// namespaceStrategy.PrepareForCreate: phase Active, and the "kubernetes" finalizer
// the namespace controller removes once the namespace is empty.
inline void prepare_namespace_for_create(namespace_& ns) {
    ns.status = namespace_status{};
    ns.status.phase = "Active";
    bool has = false;
    for (const auto& f : ns.spec.finalizers) has = has || f == "kubernetes";
    if (!has) ns.spec.finalizers.emplace_back("kubernetes");
}

// svcStrategy.PrepareForCreate: status cleared; NormalizeClusterIPs fills
// clusterIPs from clusterIP for clients that only set the singular field.
inline void prepare_service_for_create(service& s) {
    s.status = service_status{};
    if (!s.spec.cluster_ip.empty() && s.spec.cluster_ips.empty()) s.spec.cluster_ips.push_back(s.spec.cluster_ip);
}

}  // namespace kubesim::api
