// Definitions of network/kube_proxy.hpp.
#pragma once

#include <kubesim/network/kube_proxy.hpp>

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include <kubesim/network/network.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::net {

kube_proxy::kube_proxy(store::object_store& s, network& net) : net_(&net), services_(s), slices_(s) {
    slices_.add_index("service", [](const api::endpoint_slice& es) {
        auto key = service_key_of(es);
        return key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key};
    });
    services_.on_add([this](const svc_ptr& svc) { sync(key_of(*svc)); });
    services_.on_update([this](const svc_ptr&, const svc_ptr& svc) { sync(key_of(*svc)); });
    services_.on_delete([this](const svc_ptr& svc) { sync(key_of(*svc)); });
    slices_.on_add([this](const slice_ptr& es) { sync_slice(*es); });
    slices_.on_update([this](const slice_ptr& o, const slice_ptr& n) {
        if (service_key_of(*o) != service_key_of(*n)) sync_slice(*o);
        sync_slice(*n);
    });
    slices_.on_delete([this](const slice_ptr& es) { sync_slice(*es); });
}

kube_proxy::~kube_proxy() { stop(); }

void kube_proxy::start() {
    if (started_) return;
    started_ = true;
    slices_.start();
    services_.start();
}

void kube_proxy::stop() {
    if (!started_) return;
    started_ = false;
    services_.stop();
    slices_.stop();
    for (auto& [key, ports] : programmed_)
        for (const auto& p : ports) uninstall(p);
    programmed_.clear();
}

std::shared_ptr<service_route> kube_proxy::route_for(std::string_view service, std::string_view port_name) const {
    auto it = programmed_.find(std::string(service));
    if (it == programmed_.end()) return nullptr;
    for (const auto& p : it->second)
        if (p.name == port_name) return p.route;
    return nullptr;
}

std::string kube_proxy::key_of(const api::service& svc) { return svc.metadata.namespace_ + "/" + svc.metadata.name; }

std::string kube_proxy::service_key_of(const api::endpoint_slice& es) {
    auto it = es.metadata.labels.find("kubernetes.io/service-name");
    if (it == es.metadata.labels.end() || it->second.empty()) return {};
    return es.metadata.namespace_ + "/" + it->second;
}

void kube_proxy::sync_slice(const api::endpoint_slice& es) {
    auto key = service_key_of(es);
    if (!key.empty()) sync(key);
}

void kube_proxy::uninstall(const programmed_port& p) {
    for (const auto& [ip, port] : p.addresses) net_->set_service_route(ip, port, nullptr);
    if (p.node_port != 0) net_->set_node_port(p.node_port, nullptr);
}

std::string kube_proxy::protocol_of(const std::string& p) { return p.empty() ? std::string("TCP") : p; }

std::vector<endpoint> kube_proxy::endpoints_for(const std::string& key, const api::service_port& sp) const {
    std::vector<endpoint> out;
    std::set<std::pair<ip_t, std::int32_t>> seen;
    for (const auto& es : slices_.lister().by_index("service", key)) {
        if (es->address_type != "IPv4") continue;
        std::optional<std::int32_t> port;
        for (const auto& p : es->ports)
            if (p.name.value_or("") == sp.name && protocol_of(p.protocol.value_or("")) == protocol_of(sp.protocol))
                port = p.port;
        if (!port || *port <= 0) continue;
        for (const auto& ep : es->endpoints) {
            const bool ready = ep.conditions.ready.value_or(true);
            const bool serving = ep.conditions.serving.value_or(ready);
            const bool terminating = ep.conditions.terminating.value_or(false);
            for (const auto& a : ep.addresses) {
                auto ip = parse_ip(a);
                if (!ip || !seen.insert({*ip, *port}).second) continue;
                endpoint e;
                e.ip = *ip;
                e.port = *port;
                e.node = ep.node_name.value_or("");
                e.ready = ready;
                e.serving = serving;
                e.terminating = terminating;
                out.push_back(std::move(e));
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const endpoint& a, const endpoint& b) {
        return std::tie(a.ip, a.port) < std::tie(b.ip, b.port);
    });
    return out;
}

void kube_proxy::sync(const std::string& key) {
    const auto slash = key.find('/');
    auto svc = services_.lister().get(key.substr(0, slash), key.substr(slash + 1));
    std::vector<programmed_port> old;
    if (auto it = programmed_.find(key); it != programmed_.end()) {
        old = std::move(it->second);
        programmed_.erase(it);
    }
    std::vector<programmed_port> next;
    std::optional<ip_t> cluster_ip;
    if (svc && svc->spec.type != "ExternalName") cluster_ip = parse_ip(svc->spec.cluster_ip);  // "None": headless
    if (svc && cluster_ip) {
        std::vector<ip_t> extra;
        for (const auto& e : svc->spec.external_ips)
            if (auto ip = parse_ip(e)) extra.push_back(*ip);
        for (const auto& ing : svc->status.load_balancer.ingress)
            if (auto ip = parse_ip(ing.ip)) extra.push_back(*ip);
        const bool node_ports = svc->spec.type == "NodePort" || svc->spec.type == "LoadBalancer";
        for (const auto& sp : svc->spec.ports) {
            if (protocol_of(sp.protocol) != "TCP") continue;
            programmed_port p;
            p.name = sp.name;
            p.protocol = protocol_of(sp.protocol);
            for (auto& o : old)
                if (o.route && o.name == p.name && o.protocol == p.protocol) p.route = o.route;
            if (!p.route) p.route = std::make_shared<service_route>();
            p.route->service = key;
            p.route->endpoints = endpoints_for(key, sp);
            p.addresses.emplace_back(*cluster_ip, sp.port);
            for (auto ip : extra) p.addresses.emplace_back(ip, sp.port);
            if (node_ports) p.node_port = sp.node_port;
            next.push_back(std::move(p));
        }
    }
    // Remove what is no longer wanted, then install the new set.
    std::set<std::pair<ip_t, std::int32_t>> keep;
    std::set<std::int32_t> keep_node_ports;
    for (const auto& p : next) {
        keep.insert(p.addresses.begin(), p.addresses.end());
        if (p.node_port != 0) keep_node_ports.insert(p.node_port);
    }
    for (const auto& o : old) {
        for (const auto& [ip, port] : o.addresses)
            if (!keep.count({ip, port})) net_->set_service_route(ip, port, nullptr);
        if (o.node_port != 0 && !keep_node_ports.count(o.node_port)) net_->set_node_port(o.node_port, nullptr);
    }
    for (const auto& p : next) {
        for (const auto& [ip, port] : p.addresses) net_->set_service_route(ip, port, p.route);
        if (p.node_port != 0) net_->set_node_port(p.node_port, p.route);
    }
    if (!next.empty()) programmed_.emplace(key, std::move(next));
}

}  // namespace kubesim::net
