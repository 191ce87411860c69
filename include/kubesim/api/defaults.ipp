// Definitions of api/defaults.hpp.
#pragma once

#include <kubesim/api/defaults.hpp>

#include <cstdint>
#include <map>
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
[[nodiscard]] KUBESIM_DECL std::string image_tag(std::string_view image) {
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
KUBESIM_DECL void set_defaults(http_get_action& a) {
    if (a.path.empty()) a.path = "/";
    if (a.scheme.empty()) a.scheme = "HTTP";
}

// SetDefaults_Probe plus the handler defaults the generated walker applies.
KUBESIM_DECL void set_defaults(probe& p) {
    if (p.timeout_seconds == 0) p.timeout_seconds = 1;
    if (p.period_seconds == 0) p.period_seconds = 10;
    if (p.success_threshold == 0) p.success_threshold = 1;
    if (p.failure_threshold == 0) p.failure_threshold = 3;
    if (p.http_get) set_defaults(*p.http_get);
    if (p.grpc && !p.grpc->service) p.grpc->service = std::string();
}

KUBESIM_DECL void set_defaults(lifecycle_handler& h) {
    if (h.http_get) set_defaults(*h.http_get);
}

// SetDefaults_Container and what zz_generated.defaults.go does per container.
KUBESIM_DECL void set_defaults(container& c) {
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
KUBESIM_DECL void default_requests_from_limits(container& c) {
    for (const auto& [name, q] : c.resources.limits)
        if (c.resources.requests.find(name) == c.resources.requests.end()) c.resources.requests.emplace(name, q);
}

// defaultHostNetworkPorts: with hostNetwork every containerPort is also a hostPort.
KUBESIM_DECL void default_host_network_ports(std::vector<container>& cs) {
    for (auto& c : cs)
        for (auto& p : c.ports)
            if (p.host_port == 0) p.host_port = p.container_port;
}

}  // namespace defaults_detail

void set_defaults(pod_spec& s) {
    if (s.dns_policy.empty()) s.dns_policy = "ClusterFirst";
    if (s.restart_policy.empty()) s.restart_policy = "Always";
    if (!s.termination_grace_period_seconds) s.termination_grace_period_seconds = 30;
    if (s.scheduler_name.empty()) s.scheduler_name = "default-scheduler";
    for (auto& c : s.init_containers) defaults_detail::set_defaults(c);
    for (auto& c : s.containers) defaults_detail::set_defaults(c);
}

void set_defaults(pod& p) {
    for (auto& c : p.spec.containers) defaults_detail::default_requests_from_limits(c);
    for (auto& c : p.spec.init_containers) defaults_detail::default_requests_from_limits(c);
    if (!p.spec.enable_service_links) p.spec.enable_service_links = true;
    if (p.spec.host_network) {
        defaults_detail::default_host_network_ports(p.spec.containers.mutable_vec());
        defaults_detail::default_host_network_ports(p.spec.init_containers.mutable_vec());
    }
    set_defaults(p.spec);
}

void set_defaults(node& n) {
    if (n.status.allocatable.empty() && !n.status.capacity.empty()) n.status.allocatable = n.status.capacity;
}

void set_defaults(namespace_& ns) {
    if (!ns.metadata.name.empty()) ns.metadata.labels["kubernetes.io/metadata.name"] = ns.metadata.name;
    if (ns.status.phase.empty()) ns.status.phase = "Active";
}

void set_defaults(service& s) {
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

void set_defaults(secret& s) {
    if (s.type.empty()) s.type = "Opaque";
    for (auto& [k, v] : s.string_data) s.data[k] = std::move(v);
    s.string_data.clear();
}

void set_defaults(endpoint_slice& es) {
    for (auto& p : es.ports) {
        if (!p.name) p.name = std::string();
        if (!p.protocol) p.protocol = std::string("TCP");
    }
}

void set_defaults(replica_set& rs) {
    if (!rs.spec.replicas) rs.spec.replicas = 1;
    set_defaults(rs.spec.template_.spec);
}

void set_defaults(deployment& d) {
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

std::string compute_pod_qos(const pod& p) {
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

void prepare_pod_for_create(pod& p) {
    p.metadata.generation = 1;
    p.status = pod_status{};
    p.status.phase = "Pending";
    p.status.qos_class = compute_pod_qos(p);
}

void prepare_namespace_for_create(namespace_& ns) {
    ns.status = namespace_status{};
    ns.status.phase = "Active";
    bool has = false;
    for (const auto& f : ns.spec.finalizers) has = has || f == "kubernetes";
    if (!has) ns.spec.finalizers.emplace_back("kubernetes");
}

void prepare_service_for_create(service& s) {
    s.status = service_status{};
    if (!s.spec.cluster_ip.empty() && s.spec.cluster_ips.empty()) s.spec.cluster_ips.push_back(s.spec.cluster_ip);
}

}  // namespace kubesim::api
