// ClusterIP and NodePort allocation for Services (kube-apiserver
// pkg/registry/core/service/ipallocator and portallocator), installed as the
// Service kind's registry hooks. Dynamic allocations draw from the seeded
// generator and prefer the upper part of each range, leaving the lower band
// for addresses users pick themselves, as upstream does. Errors carry the
// upstream texts ("provided port is already allocated", ...).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <kubesim/config.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/sim/random.hpp>

namespace kubesim::store {

class object_store;

// An IPv4 CIDR ("10.96.0.0/12").
struct ipv4_cidr {
    std::uint32_t base{0};
    int prefix{32};

    [[nodiscard]] std::uint64_t size() const noexcept { return std::uint64_t{1} << (32 - prefix); }
    [[nodiscard]] bool contains(std::uint32_t ip) const noexcept {
        return prefix == 0 || (ip >> (32 - prefix)) == (base >> (32 - prefix));
    }

    static KUBESIM_DECL std::optional<std::uint32_t> parse_ip(std::string_view s);
    static KUBESIM_DECL std::string format_ip(std::uint32_t ip);
    static KUBESIM_DECL std::optional<ipv4_cidr> parse(std::string_view s);
    [[nodiscard]] KUBESIM_DECL std::string to_string() const;
};

class service_allocator {
public:
    KUBESIM_DECL service_allocator(std::string_view service_cidr, int node_port_min, int node_port_max,
                                   sim::random rng);

    // Installs prepare/allocate/release as the Service kind's hooks.
    KUBESIM_DECL void install(object_store& s);

    [[nodiscard]] const ipv4_cidr& cidr() const noexcept { return cidr_; }
    [[nodiscard]] KUBESIM_DECL bool ip_in_use(std::string_view ip) const;
    [[nodiscard]] bool port_in_use(int port) const { return ports_.count(port) != 0; }
    [[nodiscard]] std::size_t ips_allocated() const noexcept { return ips_.size(); }
    [[nodiscard]] std::size_t ports_allocated() const noexcept { return ports_.size(); }

    // PatchAllocatedValues: an update that omits the allocated clusterIP or a
    // nodePort keeps the one already allocated.
    static KUBESIM_DECL void keep_allocated(api::service& svc, const api::service& old);

private:
    static bool needs_node_ports(const api::service& s) { return s.spec.type == "NodePort" || s.spec.type == "LoadBalancer"; }
    static bool needs_ip(const api::service& s) { return s.spec.type != "ExternalName" && s.spec.cluster_ip != "None"; }

    KUBESIM_DECL api::field::error_list allocate(api::service& svc, const api::service* old);

    // Frees what `old` holds and `keep` (the updated object, if any) no longer uses.
    KUBESIM_DECL void release(const api::service& old, const api::service* keep);

    [[nodiscard]] std::uint32_t broadcast() const noexcept {
        return cidr_.base + static_cast<std::uint32_t>(cidr_.size() - 1);
    }

    // Random start in the upper (dynamic) band, then a linear probe over the
    // whole range. Offsets exclude the network and broadcast addresses.
    KUBESIM_DECL std::optional<std::uint32_t> next_ip();

    KUBESIM_DECL std::optional<int> next_port();

    sim::random rng_;
    ipv4_cidr cidr_{};
    int port_min_;
    int port_max_;
    std::set<std::uint32_t> ips_;
    std::set<int> ports_;
};

}  // namespace kubesim::store

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/service_allocator.ipp>
#endif
