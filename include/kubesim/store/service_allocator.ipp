// Definitions of store/service_allocator.hpp.
#pragma once

#include <kubesim/store/service_allocator.hpp>

#include <algorithm>
#include <vector>

#include <kubesim/errors.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::store {

std::optional<std::uint32_t> ipv4_cidr::parse_ip(std::string_view s) {
    std::uint32_t ip = 0;
    int parts = 0;
    std::size_t i = 0;
    while (parts < 4) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return std::nullopt;
        std::uint32_t v = 0;
        std::size_t digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + static_cast<std::uint32_t>(s[i] - '0');
            if (++digits > 3 || v > 255) return std::nullopt;
            ++i;
        }
        ip = (ip << 8) | v;
        ++parts;
        if (parts < 4) {
            if (i >= s.size() || s[i] != '.') return std::nullopt;
            ++i;
        }
    }
    if (i != s.size()) return std::nullopt;
    return ip;
}

std::string ipv4_cidr::format_ip(std::uint32_t ip) {
    return std::to_string(ip >> 24) + "." + std::to_string((ip >> 16) & 255) + "." + std::to_string((ip >> 8) & 255) +
           "." + std::to_string(ip & 255);
}

std::optional<ipv4_cidr> ipv4_cidr::parse(std::string_view s) {
    auto slash = s.find('/');
    if (slash == std::string_view::npos) return std::nullopt;
    auto ip = parse_ip(s.substr(0, slash));
    auto p = s.substr(slash + 1);
    if (!ip || p.empty() || p.size() > 2) return std::nullopt;
    int prefix = 0;
    for (char c : p) {
        if (c < '0' || c > '9') return std::nullopt;
        prefix = prefix * 10 + (c - '0');
    }
    if (prefix > 32) return std::nullopt;
    std::uint32_t mask = prefix == 0 ? 0 : ~std::uint32_t{0} << (32 - prefix);
    return ipv4_cidr{*ip & mask, prefix};
}

std::string ipv4_cidr::to_string() const {
    return format_ip(base) + "/" + std::to_string(prefix);
}

service_allocator::service_allocator(std::string_view service_cidr, int node_port_min, int node_port_max,
                                     sim::random rng)
    : rng_(rng), port_min_(node_port_min), port_max_(node_port_max) {
    auto c = ipv4_cidr::parse(service_cidr);
    if (!c || c->prefix > 30)
        throw usage_error("[kubesim.cluster.service-cidr] service CIDR \"" + std::string(service_cidr) +
                          "\" is not an IPv4 CIDR of at least 4 addresses");
    cidr_ = *c;
    if (node_port_min < 1 || node_port_max > 65535 || node_port_min > node_port_max)
        throw usage_error("[kubesim.cluster.node-port-range] node port range " + std::to_string(node_port_min) + "-" +
                          std::to_string(node_port_max) + " is not a valid port range");
}

void service_allocator::install(object_store& s) {
    kind_hooks h;
    h.prepare_update = [](void* obj, const void* old) {
        keep_allocated(*static_cast<api::service*>(obj), *static_cast<const api::service*>(old));
    };
    h.before_write = [this](void* obj, const void* old) {
        return allocate(*static_cast<api::service*>(obj), static_cast<const api::service*>(old));
    };
    h.after_delete = [this](const void* obj) { release(*static_cast<const api::service*>(obj), nullptr); };
    s.set_hooks(kind_ops_of<api::service>(), std::move(h));
}

bool service_allocator::ip_in_use(std::string_view ip) const {
    auto v = ipv4_cidr::parse_ip(ip);
    return v && ips_.count(*v);
}

void service_allocator::keep_allocated(api::service& svc, const api::service& old) {
    if (svc.spec.cluster_ip.empty() && svc.spec.type != "ExternalName") {
        svc.spec.cluster_ip = old.spec.cluster_ip;
        if (svc.spec.cluster_ips.empty()) svc.spec.cluster_ips = old.spec.cluster_ips;
    }
    if (!needs_node_ports(svc) || !needs_node_ports(old)) return;
    for (auto& p : svc.spec.ports) {
        if (p.node_port != 0) continue;
        for (const auto& o : old.spec.ports)
            if (o.port == p.port && o.protocol == p.protocol) p.node_port = o.node_port;
    }
}

api::field::error_list service_allocator::allocate(api::service& svc, const api::service* old) {
    api::field::error_list errs;
    std::vector<std::uint32_t> new_ips;
    std::vector<int> new_ports;
    auto rollback = [&] {
        for (auto ip : new_ips) ips_.erase(ip);
        for (auto p : new_ports) ports_.erase(p);
    };
    const bool had_ip = old && needs_ip(*old) && !old->spec.cluster_ip.empty();
    if (needs_ip(svc) && !(had_ip && old->spec.cluster_ip == svc.spec.cluster_ip)) {
        const auto path = api::field::path("spec").child("clusterIPs");
        if (svc.spec.cluster_ip.empty()) {
            auto ip = next_ip();
            if (!ip) {
                errs.push_back(api::field::internal_error(path, "failed to allocate a serviceIP: range is full"));
            } else {
                new_ips.push_back(*ip);
                svc.spec.cluster_ip = ipv4_cidr::format_ip(*ip);
            }
        } else {
            const std::string rendered = "[]string{" + api::field::quote(svc.spec.cluster_ip) + "}";
            auto ip = ipv4_cidr::parse_ip(svc.spec.cluster_ip);
            if (!ip) {
                errs.push_back(api::field::invalid_raw(path, rendered, "must be a valid IP address"));
            } else if (!cidr_.contains(*ip) || *ip == cidr_.base || *ip == broadcast()) {
                errs.push_back(api::field::invalid_raw(
                    path, rendered,
                    "failed to allocate IP " + svc.spec.cluster_ip + ": the provided IP (" + svc.spec.cluster_ip +
                        ") is not in the valid range. The range of valid IPs is " + cidr_.to_string()));
            } else if (ips_.count(*ip)) {
                errs.push_back(api::field::invalid_raw(
                    path, rendered, "failed to allocate IP " + svc.spec.cluster_ip + ": provided IP is already allocated"));
            } else {
                ips_.insert(*ip);
                new_ips.push_back(*ip);
            }
        }
        if (errs.empty()) {
            svc.spec.cluster_ips = {svc.spec.cluster_ip};
            if (svc.spec.ip_families.empty()) svc.spec.ip_families = {"IPv4"};
            if (!svc.spec.ip_family_policy) svc.spec.ip_family_policy = "SingleStack";
        }
    } else if (svc.spec.cluster_ip == "None") {
        svc.spec.cluster_ips = {"None"};
        if (svc.spec.ip_families.empty()) svc.spec.ip_families = {"IPv4"};
        if (!svc.spec.ip_family_policy) svc.spec.ip_family_policy = "SingleStack";
    }
    if (needs_node_ports(svc)) {
        std::set<int> old_ports;
        if (old && needs_node_ports(*old))
            for (const auto& p : old->spec.ports) old_ports.insert(p.node_port);
        for (std::size_t i = 0; i < svc.spec.ports.size() && errs.empty(); ++i) {
            auto& p = svc.spec.ports[i];
            const auto path = api::field::path("spec").child("ports").index(i).child("nodePort");
            if (p.node_port == 0) {
                auto port = next_port();
                if (!port) {
                    errs.push_back(api::field::internal_error(path, "failed to allocate a nodePort: range is full"));
                    break;
                }
                p.node_port = *port;
                new_ports.push_back(*port);
            } else if (old_ports.count(p.node_port)) {
                continue;  // already ours
            } else if (p.node_port < port_min_ || p.node_port > port_max_) {
                errs.push_back(api::field::invalid(path, std::int64_t{p.node_port},
                                                   "provided port is not in the valid range. The range of valid ports is " +
                                                       std::to_string(port_min_) + "-" + std::to_string(port_max_)));
            } else if (ports_.count(p.node_port) &&
                       std::find(new_ports.begin(), new_ports.end(), p.node_port) == new_ports.end()) {
                errs.push_back(api::field::invalid(path, std::int64_t{p.node_port}, "provided port is already allocated"));
            } else if (!ports_.count(p.node_port)) {
                ports_.insert(p.node_port);
                new_ports.push_back(p.node_port);
            }
        }
    }
    if (!errs.empty()) {
        rollback();
        return errs;
    }
    if (old) release(*old, &svc);
    return errs;
}

void service_allocator::release(const api::service& old, const api::service* keep) {
    if (needs_ip(old) && !old.spec.cluster_ip.empty() && !(keep && keep->spec.cluster_ip == old.spec.cluster_ip)) {
        if (auto ip = ipv4_cidr::parse_ip(old.spec.cluster_ip)) ips_.erase(*ip);
    }
    if (!needs_node_ports(old)) return;
    for (const auto& p : old.spec.ports) {
        bool still = false;
        if (keep && needs_node_ports(*keep))
            for (const auto& k : keep->spec.ports) still = still || k.node_port == p.node_port;
        if (!still) ports_.erase(p.node_port);
    }
}

std::optional<std::uint32_t> service_allocator::next_ip() {
    const std::uint64_t usable = cidr_.size() - 2;  // offsets 1 .. size-2
    const std::uint64_t band = std::clamp<std::uint64_t>(usable / 16, 16, 256);
    auto try_from = [&](std::uint64_t lo, std::uint64_t hi) -> std::optional<std::uint32_t> {
        if (lo >= hi) return std::nullopt;
        const std::uint64_t n = hi - lo;
        const std::uint64_t start = rng_.below(n);
        for (std::uint64_t k = 0; k < n; ++k) {
            const auto ip = cidr_.base + static_cast<std::uint32_t>(1 + lo + (start + k) % n);
            if (!ips_.count(ip)) {
                ips_.insert(ip);
                return ip;
            }
        }
        return std::nullopt;
    };
    if (usable > band) {
        if (auto ip = try_from(band, usable)) return ip;
    }
    return try_from(0, usable);
}

std::optional<int> service_allocator::next_port() {
    const auto n = static_cast<std::uint64_t>(port_max_ - port_min_ + 1);
    const std::uint64_t band = std::clamp<std::uint64_t>(n / 32, 8, 128);
    auto try_from = [&](std::uint64_t lo, std::uint64_t hi) -> std::optional<int> {
        if (lo >= hi) return std::nullopt;
        const std::uint64_t m = hi - lo;
        const std::uint64_t start = rng_.below(m);
        for (std::uint64_t k = 0; k < m; ++k) {
            const int port = port_min_ + static_cast<int>(lo + (start + k) % m);
            if (!ports_.count(port)) {
                ports_.insert(port);
                return port;
            }
        }
        return std::nullopt;
    };
    if (n > band) {
        if (auto p = try_from(band, n)) return p;
    }
    return try_from(0, n);
}

}  // namespace kubesim::store
