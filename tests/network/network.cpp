// net::network on its own: listeners, routing failures in Go's words, latency
// per hop, observers, timeouts, search-list resolution, Service routes.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/network/network.hpp>
#include <kubesim/sim/task_group.hpp>

namespace {

using namespace std::chrono_literals;
namespace net = kubesim::net;
namespace sim = kubesim::sim;
namespace http = kubesim::http;

net::ip_t ip(const char* s) { return net::parse_ip(s).value(); }

struct world {
    sim::engine engine;
    net::network network;
    sim::task_group tasks{engine};
    explicit world(net::network::latency_fn l = {}) : network(engine, std::move(l)) {
        network.add_host(ip("172.18.0.2"), "node-1");
        network.add_node_name("node-1", ip("172.18.0.2"));
        network.add_host(ip("172.18.0.3"), "node-2");
        network.add_node_name("node-2", ip("172.18.0.3"));
        network.add_host(ip("10.244.1.2"), "node-1");
        network.add_host(ip("10.244.2.2"), "node-2");
    }
    net::origin pod(const char* address, const char* node) {
        net::origin o;
        o.node = node;
        o.ip = ip(address);
        o.dns.searches = {"default.svc.cluster.local", "svc.cluster.local", "cluster.local"};
        o.dns.nameserver = "10.96.0.10";
        return o;
    }
    http::response fetch(net::origin from, std::string url, sim::duration timeout = {}) {
        auto out = std::make_shared<std::optional<http::response>>();
        tasks.spawn(into(network.fetch(std::move(from), http::request{.url = std::move(url)}, timeout), out));
        while (!out->has_value() && engine.step()) {
        }
        REQUIRE(out->has_value());
        return **out;
    }
    static sim::task<void> into(sim::task<http::response> t, std::shared_ptr<std::optional<http::response>> out) {
        *out = co_await std::move(t);
    }
    void serve(const char* address, int port, std::string body, sim::duration delay = {}) {
        network.listen(ip(address), port, [this, body, delay](http::request) -> sim::task<http::response> {
            if (delay.count()) co_await sim::sleep_for(engine, delay);
            co_return http::response{.status = 200, .body = body};
        });
    }
};

}  // namespace

TEST_CASE("a listener answers; no listener is connection refused; an unknown IP has no route") {
    world w;
    w.serve("10.244.2.2", 8080, "hi");
    auto r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.244.2.2:8080/x");
    CHECK(r.status == 200);
    CHECK(r.body == "hi");
    r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.244.2.2:8081/");
    CHECK(r.status == 0);
    CHECK(r.error == "Get \"http://10.244.2.2:8081/\": dial tcp 10.244.2.2:8081: connect: connection refused");
    r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.9.9.9/");
    CHECK(r.error == "Get \"http://10.9.9.9/\": dial tcp 10.9.9.9:80: connect: no route to host");
    r = w.fetch(w.pod("10.244.1.2", "node-1"), "ftp://x/");
    CHECK(r.error == "Get \"ftp://x/\": unsupported protocol scheme \"ftp\"");
}

TEST_CASE("localhost is the pod itself; names go through the search list") {
    world w;
    w.serve("10.244.1.2", 9000, "me");
    auto r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://localhost:9000/");
    CHECK(r.body == "me");
    std::vector<std::string> asked;
    w.network.set_cluster_resolver([&](std::string_view fqdn) -> std::optional<net::dns_answer> {
        asked.emplace_back(fqdn);
        if (fqdn == "web.default.svc.cluster.local") return net::dns_answer{std::string(fqdn), {ip("10.244.1.2")}};
        return std::nullopt;
    });
    auto a = w.network.resolve(w.pod("10.244.2.2", "node-2"), "web");
    REQUIRE(a);
    CHECK(a->name == "web.default.svc.cluster.local");
    CHECK(asked == std::vector<std::string>{"web.default.svc.cluster.local"});
    asked.clear();
    CHECK_FALSE(w.network.resolve(w.pod("10.244.2.2", "node-2"), "nope"));
    CHECK(asked == std::vector<std::string>{"nope.default.svc.cluster.local", "nope.svc.cluster.local",
                                            "nope.cluster.local", "nope"});
    r = w.fetch(w.pod("10.244.2.2", "node-2"), "http://nope/");
    CHECK(r.error == "Get \"http://nope/\": dial tcp: lookup nope on 10.96.0.10:53: no such host");
    // Node names resolve through the node's resolver.
    w.serve("172.18.0.3", 10250, "kubelet");
    CHECK(w.fetch(w.pod("10.244.1.2", "node-1"), "http://node-2:10250/").body == "kubelet");
}

TEST_CASE("latency per hop, observers, and the round trip") {
    world w([](const net::hop& h) { return sim::duration(h.response ? 5ms : 20ms); });
    w.serve("10.244.2.2", 8080, "far");
    std::vector<std::string> seen;
    auto s1 = w.network.on_request([&](const net::request_event& e) {
        seen.push_back("req " + e.request.url + " " + std::to_string(e.hops.size()) + " " + e.hops[0].from_node + "->" +
                       e.hops[0].to_node + " " + std::to_string(e.latency.count()));
    });
    auto s2 = w.network.on_response([&](const net::response_event& e) {
        seen.push_back("resp " + std::to_string(e.response.status) + " " + std::to_string(e.latency.count()));
    });
    const auto t0 = w.engine.now();
    auto r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.244.2.2:8080/");
    CHECK(r.body == "far");
    CHECK(w.engine.now() - t0 == 25ms);
    CHECK(seen == std::vector<std::string>{"req http://10.244.2.2:8080/ 1 node-1->node-2 20000", "resp 200 25000"});
    s1.reset();
    s2.reset();
    w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.244.2.2:8080/");
    CHECK(seen.size() == 2);
}

TEST_CASE("a client timeout gives Go's deadline error; the late answer is dropped") {
    world w;
    w.serve("10.244.2.2", 8080, "slow", 5s);
    auto r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.244.2.2:8080/", 1s);
    CHECK(r.status == 0);
    CHECK(r.error == "Get \"http://10.244.2.2:8080/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
    while (w.engine.step()) {
    }
    CHECK(w.network.in_flight() == 0);
}

TEST_CASE("a handler closed mid-request still answers; a throwing handler is EOF") {
    world w;
    w.serve("10.244.2.2", 8080, "still here", 2s);
    auto out = std::make_shared<std::optional<http::response>>();
    w.tasks.spawn(world::into(w.network.fetch(w.pod("10.244.1.2", "node-1"), http::request{.url = "http://10.244.2.2:8080/"}, {}),
                              out));
    w.engine.run_for(1s);
    w.network.close(ip("10.244.2.2"), 8080);
    w.engine.run_for(2s);
    REQUIRE(out->has_value());
    CHECK((*out)->body == "still here");
    w.network.listen(ip("10.244.2.2"), 8081, [](http::request) -> sim::task<http::response> {
        throw std::runtime_error("boom");
        co_return http::response{};
    });
    auto r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.244.2.2:8081/");
    CHECK(r.status == 0);
    CHECK(r.error == "Get \"http://10.244.2.2:8081/\": EOF");
}

TEST_CASE("service routes: round robin over ready endpoints, terminating fallback, reject without endpoints") {
    world w;
    w.serve("10.244.1.2", 8080, "a");
    w.serve("10.244.2.2", 8080, "b");
    auto route = std::make_shared<net::service_route>();
    route->service = "default/web";
    route->endpoints = {{ip("10.244.1.2"), 8080, "node-1"}, {ip("10.244.2.2"), 8080, "node-2"}};
    w.network.set_service_route(ip("10.96.0.20"), 80, route);
    w.network.set_node_port(31000, route);
    std::string bodies;
    for (int i = 0; i < 4; ++i) bodies += w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.96.0.20/").body;
    CHECK(bodies == "abab");
    net::origin outside;
    outside.outside = true;
    outside.node = "node-1";
    outside.ip = ip("172.18.0.2");
    outside.dns.cluster_dns = false;
    CHECK(w.fetch(outside, "http://node-2:31000/").status == 200);
    route->endpoints[0].ready = false;
    route->endpoints[0].terminating = true;
    route->endpoints[1].ready = false;
    route->endpoints[1].serving = false;
    route->endpoints[1].terminating = true;
    CHECK(w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.96.0.20/").body == "a");
    route->endpoints.clear();
    auto r = w.fetch(w.pod("10.244.1.2", "node-1"), "http://10.96.0.20/");
    CHECK(r.error == "Get \"http://10.96.0.20/\": dial tcp 10.96.0.20:80: connect: connection refused");
}
