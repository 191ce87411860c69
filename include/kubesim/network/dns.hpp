// The cluster DNS (CoreDNS's kubernetes plugin, github.com/coredns/coredns
// plugin/kubernetes) and the pod side of DNS (the kubelet's
// pkg/kubelet/network/dns/dns.go: GetPodDNS and the resolv.conf it writes).
//
// cluster_dns answers fully qualified names of the cluster domain from
// informer caches of Services and EndpointSlices:
//
//   <svc>.<ns>.svc.<domain>          the ClusterIP; for a headless Service the
//                                    ready endpoint addresses of its slices
//                                    (all of them, in address order; not-ready
//                                    ones too when publishNotReadyAddresses)
//   <host>.<svc>.<ns>.svc.<domain>   a headless Service's endpoint whose
//                                    hostname is <host> (a pod with
//                                    spec.hostname <host> and spec.subdomain
//                                    <svc>), or whose address is <host> in
//                                    dashed form (10-244-1-2)
//   <a-b-c-d>.<ns>.pod.<domain>      a.b.c.d ("pods insecure", the kubeadm
//                                    Corefile default: not checked against pods)
//
// Anything else is "no such host" (nullopt). Simplifications: ExternalName
// Services answer nothing (CoreDNS would return a CNAME); no SRV, PTR or
// wildcard records; no upstream forwarding (the network falls back to node
// names itself); the answer order is stable where CoreDNS's loadbalance plugin
// would shuffle it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/config.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/store/informer.hpp>

namespace kubesim::api {
struct pod;
}  // namespace kubesim::api

namespace kubesim::store {
class object_store;
}  // namespace kubesim::store

namespace kubesim::net {

class network;

class cluster_dns {
public:
    KUBESIM_DECL cluster_dns(store::object_store& s, network& net, std::string cluster_domain = "cluster.local");
    cluster_dns(const cluster_dns&) = delete;
    cluster_dns& operator=(const cluster_dns&) = delete;
    KUBESIM_DECL ~cluster_dns();

    // Starts the informers and installs the resolver on the network.
    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    [[nodiscard]] const std::string& cluster_domain() const noexcept { return domain_; }

    // The answer for a fully qualified name (a trailing dot is allowed).
    [[nodiscard]] KUBESIM_DECL std::optional<dns_answer> answer(std::string_view fqdn) const;

private:
    static KUBESIM_DECL std::string lower(std::string s);
    static KUBESIM_DECL std::vector<std::string> split(std::string_view s);
    // "10-244-1-2" -> 10.244.1.2
    static KUBESIM_DECL std::optional<ip_t> dashed_ip(std::string_view s);

    // The addresses of a headless Service's endpoints (ready ones, or all with
    // publishNotReadyAddresses), with their hostnames, in address order.
    KUBESIM_DECL std::vector<std::pair<ip_t, std::string>> endpoints_of(const api::service& svc) const;

    KUBESIM_DECL std::optional<dns_answer> service_answer(const std::string& name, const std::string& ns,
                                                          const std::string& svc_name) const;

    KUBESIM_DECL std::optional<dns_answer> endpoint_answer(const std::string& name, const std::string& ns,
                                                           const std::string& svc_name, const std::string& host) const;

    network* net_;
    std::string domain_;
    store::informer<api::service> services_;
    store::informer<api::endpoint_slice> slices_;
    bool started_{false};
};

// ---------------------------------------------------------------------------
// The pod's resolver configuration (kubelet GetPodDNS).

// The dns_settings of a pod's /etc/resolv.conf:
//   ClusterFirst (the default)  nameserver cluster_dns_ip; search
//                               <ns>.svc.<domain> svc.<domain> <domain>; ndots:5
//   ClusterFirst + hostNetwork  as Default (the kubelet's fallback)
//   ClusterFirstWithHostNet     as ClusterFirst
//   Default                     the node's resolver: no cluster DNS, no search
//                               path (the node's own resolv.conf is not modelled)
//   None                        only spec.dnsConfig
// spec.dnsConfig is merged as the kubelet does: nameservers and searches are
// appended without duplicates, options override by name; then at most 3
// nameservers and the search limits. An empty cluster_dns_ip makes
// ClusterFirst fall back to Default (MissingClusterDNS). cluster_dns is true
// when the first nameserver is the cluster DNS. ndots comes from the ndots
// option (clamped to 0..15 as glibc does), else glibc's default 1.
//
// dns_settings keeps one nameserver and ndots only: further nameservers and
// other options (edns0, timeout:...) are dropped.
[[nodiscard]] KUBESIM_DECL dns_settings pod_dns_settings(const api::pod& p, std::string_view cluster_dns_ip,
                                                         std::string_view cluster_domain);

// The /etc/resolv.conf text for the settings, in the order the container
// runtime writes it:
//   search default.svc.cluster.local svc.cluster.local cluster.local
//   nameserver 10.96.0.10
//   options ndots:5
// The options line appears when ndots differs from glibc's default of 1.
[[nodiscard]] KUBESIM_DECL std::string resolv_conf(const dns_settings& s);

}  // namespace kubesim::net

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/network/dns.ipp>
#endif
