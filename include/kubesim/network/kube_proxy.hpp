// kube-proxy, simplified: watches Services and EndpointSlices and programs the
// Service routes of net::network, as upstream pkg/proxy does through
// ServiceChangeTracker / EndpointsChangeTracker (pkg/proxy/servicechangetracker.go,
// endpointschangetracker.go, endpointslicecache.go) and the iptables rules.
//
// For every TCP port of a Service with a ClusterIP there is one shared
// service_route, installed under (clusterIP, port), under (ip, port) for each
// spec.externalIPs and status.loadBalancer.ingress IP, and, for NodePort and
// LoadBalancer Services, under the nodePort (valid on every node IP). Its
// endpoints are those of every EndpointSlice labelled
// kubernetes.io/service-name=<service> whose port of the same name (and
// protocol) gives the target port; conditions are copied (unset ready counts as
// ready, unset serving as the ready value, unset terminating as false, as
// endpointslicecache does). Endpoints are deduplicated by ip:port and kept in
// (ip, port) order.
//
// Programming happens in the informer handlers, so a route changes in the
// engine entry that delivers the Service or slice write. The route object of a
// port is kept across updates (its endpoints are replaced in place), so the
// round-robin position survives endpoint churn.
//
// Not modelled: UDP/SCTP ports (the network carries HTTP over TCP only),
// session affinity, externalTrafficPolicy/internalTrafficPolicy Local (routes
// are cluster-wide, not per node), topology hints, and the health-check node
// port.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/config.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/store/informer.hpp>

namespace kubesim::store {
class object_store;
}  // namespace kubesim::store

namespace kubesim::net {

class network;
struct endpoint;
struct service_route;

class kube_proxy {
public:
    KUBESIM_DECL kube_proxy(store::object_store& s, network& net);
    kube_proxy(const kube_proxy&) = delete;
    kube_proxy& operator=(const kube_proxy&) = delete;
    KUBESIM_DECL ~kube_proxy();

    KUBESIM_DECL void start();
    // Stops watching and removes every route this proxy installed.
    KUBESIM_DECL void stop();

    // The route programmed for a Service port ("ns/name", port name), or nullptr.
    [[nodiscard]] KUBESIM_DECL std::shared_ptr<service_route> route_for(std::string_view service,
                                                                        std::string_view port_name) const;

private:
    using svc_ptr = std::shared_ptr<const api::service>;
    using slice_ptr = std::shared_ptr<const api::endpoint_slice>;

    // One programmed Service port and every address it is installed under.
    struct programmed_port {
        std::string name;
        std::string protocol;
        std::vector<std::pair<ip_t, std::int32_t>> addresses;  // (ip, port)
        std::int32_t node_port{0};
        std::shared_ptr<service_route> route;
    };

    static KUBESIM_DECL std::string key_of(const api::service& svc);
    static KUBESIM_DECL std::string service_key_of(const api::endpoint_slice& es);

    KUBESIM_DECL void sync_slice(const api::endpoint_slice& es);

    KUBESIM_DECL void uninstall(const programmed_port& p);

    static KUBESIM_DECL std::string protocol_of(const std::string& p);

    // The endpoints of one Service port from all of the Service's slices.
    KUBESIM_DECL std::vector<endpoint> endpoints_for(const std::string& key, const api::service_port& sp) const;

    // Recomputes and (re)installs every route of one Service.
    KUBESIM_DECL void sync(const std::string& key);

    network* net_;
    store::informer<api::service> services_;
    store::informer<api::endpoint_slice> slices_;
    std::map<std::string, std::vector<programmed_port>> programmed_;
    bool started_{false};
};

}  // namespace kubesim::net

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/network/kube_proxy.ipp>
#endif
