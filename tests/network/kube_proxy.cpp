// kube-proxy (network/kube_proxy.hpp): Services and EndpointSlices programmed
// into net::network, observed by fetching through ClusterIPs and NodePorts.
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/controllers/endpoint_slice/controller.hpp>
#include <kubesim/network/kube_proxy.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/store/service_allocator.hpp>

namespace {

namespace api = kubesim::api;
namespace net = kubesim::net;
namespace sim = kubesim::sim;
namespace http = kubesim::http;
using namespace std::chrono_literals;

sim::task<http::response> serve(std::string body, http::request) {
    http::response r;
    r.status = 200;
    r.body = std::move(body);
    co_return r;
}

sim::task<void> fetch_into(sim::task<http::response> t, std::shared_ptr<std::optional<http::response>> out) {
    *out = co_await std::move(t);
}

net::ip_t ip(const char* s) { return net::parse_ip(s).value(); }

struct env {
    fixture::apiserver api;
    kubesim::store::service_allocator ips{"10.96.0.0/12", 30000, 32767, sim::random(7)};
    net::network network{api.engine};
    kubesim::controllers::endpoint_slice::controller slices{api.store};
    net::kube_proxy proxy{api.store, network};

    env() {
        ips.install(api.store);
        for (int i = 1; i <= 2; ++i) {
            api::node n;
            n.metadata.name = "node-" + std::to_string(i);
            api.client<api::node>("").create(n).value();
            const auto node_ip = ip(("172.18.0." + std::to_string(1 + i)).c_str());
            network.add_host(node_ip, n.metadata.name);
            network.add_node_name(n.metadata.name, node_ip);
        }
        slices.start();
        proxy.start();
    }

    // A pod with an IP, Ready, and a listener on :8080 answering `body`.
    void add_pod(const std::string& name, const std::string& pod_ip, const std::string& body, bool ready = true,
                 std::string node = "node-1") {
        auto p = fixture::pod(name, {{"app", "web"}});
        p.spec.node_name = node;
        api.client<api::pod>().create(p).value();
        fixture::set_running(api.client<api::pod>(), name, pod_ip, ready);
        network.add_host(ip(pod_ip.c_str()), node);
        network.listen(ip(pod_ip.c_str()), 8080, [body](http::request r) { return serve(body, std::move(r)); });
    }

    api::service add_service(std::string type = "ClusterIP", std::string cluster_ip = {}) {
        api::service s;
        s.metadata.name = "web";
        s.spec.selector = {{"app", "web"}};
        s.spec.type = std::move(type);
        s.spec.cluster_ip = std::move(cluster_ip);
        api::service_port p;
        p.name = "http";
        p.port = 80;
        p.target_port = api::int_or_string::from_int(8080);
        s.spec.ports.push_back(p);
        return api.client<api::service>().create(s).value();
    }

    http::response fetch(const std::string& url, bool outside = false) {
        net::origin from;
        from.node = "node-2";
        from.ip = ip(outside ? "172.18.0.3" : "10.244.2.100");
        from.outside = outside;
        from.dns.cluster_dns = false;
        http::request req;
        req.url = url;
        auto out = std::make_shared<std::optional<http::response>>();
        auto task = sim::start(api.engine, fetch_into(network.fetch(from, req, 10s), out));
        api.engine.run_until([&] { return out->has_value(); }, 20s);
        REQUIRE(out->has_value());
        return **out;
    }
};

}  // namespace

TEST_SUITE("network/kube_proxy") {

TEST_CASE("ClusterIP round robin across ready endpoints; no endpoint refuses") {
    env e;
    auto svc = e.add_service();
    e.api.drain();
    const std::string url = "http://" + svc.spec.cluster_ip + "/";
    auto* route = e.network.route(ip(svc.spec.cluster_ip.c_str()), 80);
    REQUIRE(route != nullptr);
    CHECK(route->service == "default/web");
    auto r = e.fetch(url);
    CHECK(r.status == 0);
    CHECK(r.error.find("connection refused") != std::string::npos);
    CHECK(r.error == "Get \"" + url + "\": dial tcp " + svc.spec.cluster_ip + ":80: connect: connection refused");

    e.add_pod("web-a", "10.244.1.2", "a");
    e.add_pod("web-b", "10.244.1.3", "b", true, "node-2");
    e.add_pod("web-c", "10.244.1.4", "c", false);  // not ready: never picked
    e.api.drain();
    REQUIRE(route->endpoints.size() == 3);
    CHECK(route->endpoints[0] == net::endpoint{ip("10.244.1.2"), 8080, "node-1", true, true, false});
    CHECK(route->endpoints[2].ready == false);
    std::vector<std::string> bodies;
    for (int i = 0; i < 4; ++i) bodies.push_back(e.fetch(url).body);
    CHECK(bodies == std::vector<std::string>{"a", "b", "a", "b"});

    // The route object (and its round-robin position) survives endpoint updates.
    const auto before = route->next;
    e.add_pod("web-d", "10.244.1.5", "d");
    e.api.drain();
    CHECK(e.network.route(ip(svc.spec.cluster_ip.c_str()), 80) == route);
    CHECK(route->next == before);
    CHECK(route->endpoints.size() == 4);
    CHECK(e.fetch(url).body == "b");  // position 4 among the ready a, b, d: 4 % 3 = 1
}

TEST_CASE("terminating endpoints serve only when nothing is ready") {
    env e;
    auto svc = e.add_service();
    e.add_pod("web-a", "10.244.1.2", "a");
    e.add_pod("web-b", "10.244.1.3", "b");
    e.api.drain();
    const std::string url = "http://" + svc.spec.cluster_ip + "/";
    // web-a terminating, web-b ready: only b.
    e.api.client<api::pod>().remove("web-a").value();
    e.api.drain();
    for (int i = 0; i < 3; ++i) CHECK(e.fetch(url).body == "b");
    // Both terminating but still serving: the fallback uses them.
    e.api.client<api::pod>().remove("web-b").value();
    e.api.drain();
    auto* route = e.network.route(ip(svc.spec.cluster_ip.c_str()), 80);
    REQUIRE(route != nullptr);
    for (const auto& ep : route->endpoints) {
        CHECK_FALSE(ep.ready);
        CHECK(ep.serving);
        CHECK(ep.terminating);
    }
    std::vector<std::string> bodies{e.fetch(url).body, e.fetch(url).body};
    std::sort(bodies.begin(), bodies.end());
    CHECK(bodies == std::vector<std::string>{"a", "b"});
}

TEST_CASE("NodePort answers on every node IP; headless and deleted Services have no route") {
    env e;
    auto svc = e.add_service("NodePort");
    REQUIRE(svc.spec.ports[0].node_port != 0);
    e.add_pod("web-a", "10.244.1.2", "a");
    e.api.drain();
    const std::string port = std::to_string(svc.spec.ports[0].node_port);
    CHECK(e.fetch("http://172.18.0.2:" + port + "/", true).body == "a");
    CHECK(e.fetch("http://172.18.0.3:" + port + "/").body == "a");
    CHECK(e.fetch("http://" + svc.spec.cluster_ip + "/").body == "a");

    // Deleting the Service removes its routes.
    e.api.client<api::service>().remove("web").value();
    e.api.drain();
    CHECK(e.network.route(ip(svc.spec.cluster_ip.c_str()), 80) == nullptr);
    CHECK(e.network.route(ip("172.18.0.2"), svc.spec.ports[0].node_port) == nullptr);
    CHECK(e.proxy.route_for("default/web", "http") == nullptr);

    // A headless Service gets no route at all.
    auto hl = e.add_service("ClusterIP", "None");
    e.api.drain();
    CHECK(hl.spec.cluster_ip == "None");
    CHECK(e.proxy.route_for("default/web", "http") == nullptr);
}

TEST_CASE("slices written by hand feed a selector-less Service; port names must match") {
    env e;
    api::service s;
    s.metadata.name = "ext";
    api::service_port p;
    p.name = "web";
    p.port = 8000;
    p.target_port = api::int_or_string::from_int(8000);
    s.spec.ports.push_back(p);
    s = e.api.client<api::service>().create(s).value();
    e.network.add_host(ip("10.244.1.50"), "node-1");
    e.network.listen(ip("10.244.1.50"), 9000, [](http::request r) { return serve("manual", std::move(r)); });

    api::endpoint_slice es;
    es.metadata.name = "ext-1";
    es.metadata.labels = {{"kubernetes.io/service-name", "ext"}};
    es.address_type = "IPv4";
    api::endpoint ep;
    ep.addresses = {"10.244.1.50"};
    es.endpoints.push_back(ep);
    api::endpoint_port other;
    other.name = "metrics";
    other.port = 9100;
    other.protocol = "TCP";
    es.ports.push_back(other);
    auto slices = e.api.client<api::endpoint_slice>();
    slices.create(es).value();
    e.api.drain();
    const std::string url = "http://" + s.spec.cluster_ip + ":8000/";
    CHECK(e.fetch(url).error.find("connection refused") != std::string::npos);  // no port named "web"

    auto cur = slices.get("ext-1").value();
    api::endpoint_port web;
    web.name = "web";
    web.port = 9000;
    web.protocol = "TCP";
    cur.ports.push_back(web);
    slices.update(cur).value();
    e.api.drain();
    auto r = e.fetch(url);
    CHECK(r.status == 200);
    CHECK(r.body == "manual");  // unset conditions count as ready
}

}  // TEST_SUITE
