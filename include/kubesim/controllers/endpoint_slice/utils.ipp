// Definitions of controllers/endpoint_slice/utils.hpp.
#pragma once

#include <kubesim/controllers/endpoint_slice/utils.hpp>

#include <algorithm>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/store/service_allocator.hpp>

namespace kubesim::controllers::endpoint_slice {

std::vector<std::string> pod_ips(const api::pod& p) {
    std::vector<std::string> out;
    for (const auto& ip : p.status.pod_ips)
        if (!ip.ip.empty()) out.push_back(ip.ip);
    if (out.empty() && !p.status.pod_ip.empty()) out.push_back(p.status.pod_ip);
    return out;
}

bool should_pod_be_in_endpoints(const api::pod& p) {
    if (p.status.pod_ip.empty() && p.status.pod_ips.empty()) return false;
    if (p.spec.restart_policy == "Never") return p.status.phase != "Failed" && p.status.phase != "Succeeded";
    if (p.spec.restart_policy == "OnFailure") return p.status.phase != "Succeeded";
    return true;
}

bool should_set_hostname(const api::pod& p, const api::service& svc) {
    return !p.spec.hostname.empty() && p.spec.subdomain == svc.metadata.name &&
           p.metadata.namespace_ == svc.metadata.namespace_;
}

std::vector<std::string> address_types_for_service(const api::service& svc) {
    std::vector<std::string> out;
    for (const auto& f : svc.spec.ip_families) {
        if (f == "IPv4" && std::find(out.begin(), out.end(), "IPv4") == out.end()) out.emplace_back("IPv4");
        if (f == "IPv6" && std::find(out.begin(), out.end(), "IPv6") == out.end()) out.emplace_back("IPv6");
    }
    if (!out.empty()) return out;
    if (is_service_ip_set(svc)) {
        out.emplace_back(svc.spec.cluster_ip.find(':') != std::string::npos ? "IPv6" : "IPv4");
        return out;
    }
    return {"IPv4", "IPv6"};
}

std::optional<std::int32_t> find_port(const api::pod& p, const api::service_port& sp) {
    if (!sp.target_port.is_string) return sp.target_port.int_val;
    const std::string& name = sp.target_port.str_val;
    for (const auto& c : p.spec.containers)
        for (const auto& cp : c.ports)
            if (cp.name == name && cp.protocol == sp.protocol) return cp.container_port;
    for (const auto& c : p.spec.init_containers) {
        if (!c.restart_policy || *c.restart_policy != "Always") continue;
        for (const auto& cp : c.ports)
            if (cp.name == name && cp.protocol == sp.protocol) return cp.container_port;
    }
    return std::nullopt;
}

std::vector<api::endpoint_port> get_endpoint_ports(const api::service& svc, const api::pod& p) {
    std::vector<api::endpoint_port> out;
    if (svc.spec.ports.empty() && svc.spec.cluster_ip == "None") return out;  // headless may have no ports
    for (const auto& sp : svc.spec.ports) {
        auto port = find_port(p, sp);
        if (!port) continue;  // "no suitable port": the port is left out for this pod
        api::endpoint_port ep;
        ep.name = sp.name;
        ep.port = *port;
        ep.protocol = sp.protocol;
        ep.app_protocol = sp.app_protocol;
        out.push_back(std::move(ep));
    }
    return out;
}

std::vector<std::string> get_endpoint_addresses(const api::pod& p, std::string_view address_type) {
    std::vector<std::string> out;
    for (const auto& ip : pod_ips(p)) {
        auto v4 = store::ipv4_cidr::parse_ip(ip);
        if (v4 && address_type == "IPv4") out.push_back(store::ipv4_cidr::format_ip(*v4));
        else if (!v4 && ip.find(':') != std::string::npos && address_type == "IPv6") out.push_back(ip);
    }
    return out;
}

api::endpoint pod_to_endpoint(const api::pod& p, const api::node* n, const api::service& svc,
                              std::string_view address_type) {
    const bool serving = is_pod_ready(p);
    const bool terminating = p.metadata.deletion_timestamp.has_value();
    const bool ready = svc.spec.publish_not_ready_addresses || (serving && !terminating);
    api::endpoint ep;
    ep.addresses = get_endpoint_addresses(p, address_type);
    ep.conditions.ready = ready;
    ep.conditions.serving = serving;
    ep.conditions.terminating = terminating;
    api::object_reference ref;
    ref.kind = "Pod";
    ref.namespace_ = p.metadata.namespace_;
    ref.name = p.metadata.name;
    ref.uid = p.metadata.uid;
    ep.target_ref = std::move(ref);
    if (!p.spec.node_name.empty()) ep.node_name = p.spec.node_name;
    if (n) {
        auto z = n->metadata.labels.find(std::string(label_topology_zone));
        if (z != n->metadata.labels.end() && !z->second.empty()) ep.zone = z->second;
    }
    if (should_set_hostname(p, svc)) ep.hostname = p.spec.hostname;
    return ep;
}

std::string endpoint_key(const api::endpoint& ep) {
    std::string k;
    for (const auto& a : ep.addresses) k += a + ",";
    k += "|";
    if (ep.hostname) k += *ep.hostname;
    k += "|";
    if (ep.target_ref) k += ep.target_ref->namespace_ + "/" + ep.target_ref->name;
    return k;
}

std::string port_map_key(const std::vector<api::endpoint_port>& ports) {
    std::vector<std::string> parts;
    parts.reserve(ports.size());
    for (const auto& p : ports) {
        std::string s;
        s += p.name ? "n:" + *p.name : std::string("-");
        s += p.protocol ? "/p:" + *p.protocol : std::string("/-");
        s += p.port ? "/" + std::to_string(*p.port) : std::string("/-");
        s += p.app_protocol ? "/a:" + *p.app_protocol : std::string("/-");
        parts.push_back(std::move(s));
    }
    std::sort(parts.begin(), parts.end());
    std::string k;
    for (const auto& s : parts) k += s + ";";
    return k;
}

bool is_reserved_label_key(std::string_view key) {
    return key == label_service_name || key == label_managed_by || key == label_headless;
}

slice_labels set_endpoint_slice_labels(const api::endpoint_slice& es, const api::service& svc) {
    std::map<std::string, std::string> have, want;
    for (const auto& [k, v] : es.metadata.labels)
        if (!is_reserved_label_key(k)) have.emplace(k, v);
    for (const auto& [k, v] : svc.metadata.labels)
        if (!is_reserved_label_key(k)) want.emplace(k, v);
    slice_labels out;
    out.changed = have != want;
    if (!is_service_ip_set(svc)) want[std::string(label_headless)] = "";
    want[std::string(label_service_name)] = svc.metadata.name;
    want[std::string(label_managed_by)] = std::string(controller_name);
    out.labels = std::move(want);
    return out;
}

std::string endpoint_slice_prefix(const std::string& service_name) {
    std::string prefix = service_name + "-";
    if (prefix.size() > 253) return service_name;
    return prefix;
}

api::endpoint_slice new_endpoint_slice(const api::service& svc,
                                       std::vector<api::endpoint_port> ports,
                                       std::string address_type) {
    api::endpoint_slice es;
    es.metadata.generate_name = endpoint_slice_prefix(svc.metadata.name);
    es.metadata.namespace_ = svc.metadata.namespace_;
    api::owner_reference ref;
    ref.api_version = "v1";
    ref.kind = "Service";
    ref.name = svc.metadata.name;
    ref.uid = svc.metadata.uid;
    ref.controller = true;
    ref.block_owner_deletion = true;
    es.metadata.owner_references.push_back(ref);
    es.ports = std::move(ports);
    es.address_type = std::move(address_type);
    es.metadata.labels = set_endpoint_slice_labels(es, svc).labels;
    return es;
}

bool owned_by(const api::endpoint_slice& es, const api::service& svc) {
    for (const auto& o : es.metadata.owner_references)
        if (o.uid == svc.metadata.uid && o.kind == "Service" && o.api_version == "v1") return true;
    return false;
}

}  // namespace kubesim::controllers::endpoint_slice
