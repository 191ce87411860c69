// The cluster DNS (network/dns.hpp): each record form, search-list expansion
// through network.resolve with the pod's resolver settings, and the kubelet's
// resolv.conf.
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/controllers/endpoint_slice/controller.hpp>
#include <kubesim/network/dns.hpp>
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

net::ip_t ip(const std::string& s) { return net::parse_ip(s).value(); }

std::vector<std::string> ips_of(const std::optional<net::dns_answer>& a) {
    std::vector<std::string> out;
    if (a)
        for (auto i : a->ips) out.push_back(net::format_ip(i));
    return out;
}

sim::task<http::response> serve(std::string body, http::request) {
    http::response r;
    r.status = 200;
    r.body = std::move(body);
    co_return r;
}

sim::task<void> fetch_into(sim::task<http::response> t, std::shared_ptr<std::optional<http::response>> out) {
    *out = co_await std::move(t);
}

struct env {
    fixture::apiserver api;
    kubesim::store::service_allocator ips{"10.96.0.0/12", 30000, 32767, sim::random(3)};
    net::network network{api.engine};
    kubesim::controllers::endpoint_slice::controller slices{api.store};
    net::kube_proxy proxy{api.store, network};
    net::cluster_dns dns{api.store, network};

    env() {
        ips.install(api.store);
        api::node n;
        n.metadata.name = "node-1";
        api.client<api::node>("").create(n).value();
        network.add_host(ip("172.18.0.2"), "node-1");
        network.add_node_name("node-1", ip("172.18.0.2"));
        slices.start();
        proxy.start();
        dns.start();
    }

    api::service add_service(const std::string& name, std::map<std::string, std::string> selector, bool headless = false,
                             std::string ns = "default") {
        api::service s;
        s.metadata.name = name;
        s.spec.selector = std::move(selector);
        if (headless) s.spec.cluster_ip = "None";
        api::service_port p;
        p.name = "http";
        p.port = 80;
        p.target_port = api::int_or_string::from_int(8080);
        s.spec.ports.push_back(p);
        return api.client<api::service>(std::move(ns)).create(s).value();
    }

    api::pod add_pod(const std::string& name, std::map<std::string, std::string> labels, const std::string& pod_ip,
                     bool ready = true, std::string hostname = {}, std::string subdomain = {}) {
        auto p = fixture::pod(name, std::move(labels));
        p.spec.node_name = "node-1";
        p.spec.hostname = std::move(hostname);
        p.spec.subdomain = std::move(subdomain);
        api.client<api::pod>().create(p).value();
        network.add_host(ip(pod_ip), "node-1");
        return fixture::set_running(api.client<api::pod>(), name, pod_ip, ready);
    }

    // The origin of a ClusterFirst pod in namespace ns.
    static net::origin pod_origin(const std::string& ns = "default") {
        auto p = fixture::pod("client");
        p.metadata.namespace_ = ns;
        net::origin o;
        o.node = "node-1";
        o.ip = ip("10.244.1.100");
        o.dns = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        return o;
    }
};

}  // namespace

TEST_SUITE("network/dns") {

TEST_CASE("Service records: ClusterIP, headless endpoints, ExternalName, unknown names") {
    env e;
    auto web = e.add_service("web", {{"app", "web"}});
    e.add_service("db", {{"app", "db"}}, true);
    e.add_pod("db-1", {{"app", "db"}}, "10.244.1.7");
    e.add_pod("db-0", {{"app", "db"}}, "10.244.1.3");
    e.add_pod("db-2", {{"app", "db"}}, "10.244.1.5", false);
    api::service ext;
    ext.metadata.name = "ext";
    ext.spec.type = "ExternalName";
    ext.spec.external_name = "example.com";
    e.api.client<api::service>().create(ext).value();
    e.api.drain();

    auto a = e.dns.answer("web.default.svc.cluster.local");
    REQUIRE(a);
    CHECK(a->name == "web.default.svc.cluster.local");
    CHECK(ips_of(a) == std::vector<std::string>{web.spec.cluster_ip});
    CHECK(ips_of(e.dns.answer("WEB.Default.svc.cluster.local.")) == std::vector<std::string>{web.spec.cluster_ip});
    // Headless: the ready endpoints, in address order.
    CHECK(ips_of(e.dns.answer("db.default.svc.cluster.local")) == std::vector<std::string>{"10.244.1.3", "10.244.1.7"});
    CHECK_FALSE(e.dns.answer("ext.default.svc.cluster.local"));
    CHECK_FALSE(e.dns.answer("nope.default.svc.cluster.local"));
    CHECK_FALSE(e.dns.answer("web.other.svc.cluster.local"));
    CHECK_FALSE(e.dns.answer("web.default.svc.example.org"));
    CHECK_FALSE(e.dns.answer("default.svc.cluster.local"));

    // publishNotReadyAddresses lists the not-ready pod too.
    auto svc = e.api.client<api::service>().get("db").value();
    svc.spec.publish_not_ready_addresses = true;
    e.api.client<api::service>().update(svc).value();
    e.api.drain();
    CHECK(ips_of(e.dns.answer("db.default.svc.cluster.local")) ==
          std::vector<std::string>{"10.244.1.3", "10.244.1.5", "10.244.1.7"});
}

TEST_CASE("pod records: hostname.subdomain under a headless Service, and dashed IPs") {
    env e;
    e.add_pod("mysql-0", {{"app", "mysql"}}, "10.244.1.20", true, "mysql-0", "mysql");
    e.add_pod("lone", {{"app", "lone"}}, "10.244.1.21", true, "lone", "nosvc");
    e.api.drain();
    CHECK_FALSE(e.dns.answer("mysql-0.mysql.default.svc.cluster.local"));  // no Service named mysql yet
    e.add_service("mysql", {{"app", "mysql"}}, true);
    e.api.drain();
    CHECK(ips_of(e.dns.answer("mysql-0.mysql.default.svc.cluster.local")) == std::vector<std::string>{"10.244.1.20"});
    CHECK(ips_of(e.dns.answer("10-244-1-20.mysql.default.svc.cluster.local")) == std::vector<std::string>{});
    CHECK_FALSE(e.dns.answer("lone.nosvc.default.svc.cluster.local"));
    CHECK_FALSE(e.dns.answer("mysql-1.mysql.default.svc.cluster.local"));

    CHECK(ips_of(e.dns.answer("10-244-1-2.default.pod.cluster.local")) == std::vector<std::string>{"10.244.1.2"});
    CHECK_FALSE(e.dns.answer("10-244-1.default.pod.cluster.local"));
    CHECK_FALSE(e.dns.answer("pod.cluster.local"));
}

TEST_CASE("search-list expansion through network.resolve and fetch by Service name") {
    env e;
    auto web = e.add_service("web", {{"app", "web"}});
    auto other = e.add_service("web", {{"app", "web"}}, false, "other");
    e.add_pod("web-a", {{"app", "web"}}, "10.244.1.2");
    e.network.listen(ip("10.244.1.2"), 8080, [](http::request r) { return serve("hello", std::move(r)); });
    e.api.drain();

    const auto from = env::pod_origin("default");
    CHECK(ips_of(e.network.resolve(from, "web")) == std::vector<std::string>{web.spec.cluster_ip});
    CHECK(e.network.resolve(from, "web")->name == "web.default.svc.cluster.local");
    CHECK(ips_of(e.network.resolve(from, "web.other")) == std::vector<std::string>{other.spec.cluster_ip});
    CHECK(ips_of(e.network.resolve(from, "web.other.svc")) == std::vector<std::string>{other.spec.cluster_ip});
    CHECK(ips_of(e.network.resolve(from, "web.default.svc.cluster.local.")) == std::vector<std::string>{web.spec.cluster_ip});
    CHECK(ips_of(e.network.resolve(from, "10-244-1-9.default.pod.cluster.local")) == std::vector<std::string>{"10.244.1.9"});
    CHECK(ips_of(e.network.resolve(from, "node-1")) == std::vector<std::string>{"172.18.0.2"});
    CHECK_FALSE(e.network.resolve(from, "nope"));
    // From kube-system, the short name has no Service to find.
    CHECK_FALSE(e.network.resolve(env::pod_origin("kube-system"), "web"));

    auto fetch = [&](const std::string& url) {
        http::request req;
        req.url = url;
        auto out = std::make_shared<std::optional<http::response>>();
        auto t = sim::start(e.api.engine, fetch_into(e.network.fetch(from, req, 10s), out));
        e.api.engine.run_until([&] { return out->has_value(); }, 20s);
        REQUIRE(out->has_value());
        return **out;
    };
    CHECK(fetch("http://web/").body == "hello");
    auto r = fetch("http://nope/");
    CHECK(r.status == 0);
    CHECK(r.error == "Get \"http://nope/\": dial tcp: lookup nope on 10.96.0.10:53: no such host");

    // Stopping the DNS uninstalls the resolver.
    e.dns.stop();
    CHECK_FALSE(e.network.resolve(from, "web"));
}

TEST_CASE("pod_dns_settings and resolv_conf follow the kubelet") {
    auto p = fixture::pod("client");
    p.metadata.namespace_ = "default";

    SUBCASE("ClusterFirst") {
        auto s = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        CHECK(s.cluster_dns);
        CHECK(s.ndots == 5);
        CHECK(s.nameserver == "10.96.0.10");
        CHECK(s.searches == std::vector<std::string>{"default.svc.cluster.local", "svc.cluster.local", "cluster.local"});
        CHECK(net::resolv_conf(s) ==
              "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
    }
    SUBCASE("ClusterFirst with dnsConfig merges") {
        p.spec.dns_policy = "ClusterFirst";
        api::pod_dns_config cfg;
        cfg.nameservers = {"1.1.1.1", "10.96.0.10"};
        cfg.searches = {"svc.cluster.local", "corp.example"};
        cfg.options = {api::pod_dns_config_option{"ndots", std::string("2")}, api::pod_dns_config_option{"edns0", {}}};
        p.spec.dns_config = cfg;
        auto s = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        CHECK(s.cluster_dns);
        CHECK(s.ndots == 2);
        CHECK(s.searches ==
              std::vector<std::string>{"default.svc.cluster.local", "svc.cluster.local", "cluster.local", "corp.example"});
        CHECK(net::resolv_conf(s) ==
              "search default.svc.cluster.local svc.cluster.local cluster.local corp.example\nnameserver 10.96.0.10\n"
              "options ndots:2\n");
    }
    SUBCASE("Default uses the node's resolver") {
        p.spec.dns_policy = "Default";
        auto s = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        CHECK_FALSE(s.cluster_dns);
        CHECK(s.searches.empty());
        CHECK(s.ndots == 1);
        CHECK(net::resolv_conf(s).empty());
    }
    SUBCASE("hostNetwork: ClusterFirst falls back to Default, ClusterFirstWithHostNet does not") {
        p.spec.host_network = true;
        p.spec.dns_policy = "ClusterFirst";
        CHECK_FALSE(net::pod_dns_settings(p, "10.96.0.10", "cluster.local").cluster_dns);
        p.spec.dns_policy = "ClusterFirstWithHostNet";
        auto s = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        CHECK(s.cluster_dns);
        CHECK(s.searches.size() == 3);
    }
    SUBCASE("None takes only dnsConfig") {
        p.spec.dns_policy = "None";
        api::pod_dns_config cfg;
        cfg.nameservers = {"8.8.8.8", "8.8.4.4", "1.1.1.1", "9.9.9.9"};
        cfg.searches = {"example.com"};
        p.spec.dns_config = cfg;
        auto s = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        CHECK_FALSE(s.cluster_dns);
        CHECK(s.nameserver == "8.8.8.8");
        CHECK(s.ndots == 1);
        CHECK(net::resolv_conf(s) == "search example.com\nnameserver 8.8.8.8\n");
        // Pointing None at the cluster DNS uses it.
        p.spec.dns_config->nameservers = {"10.96.0.10"};
        p.spec.dns_config->options = {api::pod_dns_config_option{"ndots", std::string("99")}};
        s = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        CHECK(s.cluster_dns);
        CHECK(s.ndots == 15);
    }
    SUBCASE("search limits: 32 paths") {
        api::pod_dns_config cfg;
        for (int i = 0; i < 40; ++i) cfg.searches.push_back("s" + std::to_string(i) + ".example");
        p.spec.dns_config = cfg;
        auto s = net::pod_dns_settings(p, "10.96.0.10", "cluster.local");
        CHECK(s.searches.size() == 32);
        CHECK(s.searches.back() == "s28.example");
    }
}

}  // TEST_SUITE
