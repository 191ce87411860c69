#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;
using nlohmann::json;

TEST_SUITE("cluster/init") {
    TEST_CASE("init creates the standard namespaces, Ready nodes and the kubernetes Service") {
        kubesim::cluster c;
        c.init();
        auto nss = c.client<api::namespace_>().list().value();
        std::vector<std::string> names;
        for (const auto& n : nss.items) names.push_back(n.metadata.name + ":" + n.status.phase);
        CHECK(names == std::vector<std::string>{"default:Active", "kube-node-lease:Active", "kube-public:Active",
                                                "kube-system:Active"});
        auto nodes = c.client<api::node>().list().value();
        REQUIRE(nodes.items.size() == 3);
        const auto& n2 = nodes.items[1];
        CHECK(n2.metadata.name == "node-2");
        CHECK(n2.spec.pod_cidr == "10.244.2.0/24");
        CHECK(n2.status.addresses[0].type == "InternalIP");
        CHECK(n2.status.addresses[0].address == "172.18.0.3");
        CHECK(n2.status.capacity.at("pods").to_string() == "110");
        CHECK(n2.status.allocatable.at("cpu").to_string() == "4");
        bool ready = false;
        for (const auto& cond : n2.status.conditions) ready = ready || (cond.type == "Ready" && cond.status == "True");
        CHECK(ready);
        CHECK(n2.metadata.labels.at("kubernetes.io/hostname") == "node-2");
        auto k = c.client<api::service>().get("kubernetes").value();
        CHECK(k.spec.cluster_ip == "10.96.0.1");
        CHECK(k.spec.type == "ClusterIP");
        CHECK_THROWS_AS(c.init(), kubesim::usage_error);
    }
    TEST_CASE("topology is configurable") {
        kubesim::cluster c({.nodes = 5, .seed = 3});
        c.init();
        CHECK(c.client<api::node>().list().value().items.size() == 5);
        CHECK_THROWS_WITH_AS(kubesim::cluster({.nodes = 300}), doctest::Contains("[kubesim.cluster.pod-cidr]"),
                             kubesim::usage_error);
        kubesim::cluster big({.nodes = 300, .pod_cidr = "10.128.0.0/14"});
        big.init();
        CHECK(big.client<api::node>().get("node-300").value().spec.pod_cidr == "10.129.44.0/24");
    }
}

TEST_SUITE("cluster/apply") {
    TEST_CASE("apply creates, then updates in place, keeping server-set fields, status and last-applied") {
        kubesim::cluster c;
        c.init();
        auto manifest = json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "nginx", "image": "nginx:1.27"}]}}}})");
        auto out = c.apply(manifest);
        REQUIRE(out.size() == 1);
        CHECK(out[0]["kind"] == "Deployment");
        CHECK(out[0]["metadata"]["generation"] == 1);
        const std::string uid = out[0]["metadata"]["uid"];
        const std::string applied = out[0]["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"];
        CHECK(json::parse(applied) == manifest);

        // Status written by a controller survives a re-apply.
        auto d = c.client<api::deployment>().get("web").value();
        d.status.replicas = 2;
        c.client<api::deployment>().update_status(d).value();

        // Unchanged: no write.
        const auto rv = c.store().resource_version();
        c.apply(manifest);
        CHECK(c.store().resource_version() == rv);

        // Changed and a removed label: updated in place.
        manifest["spec"]["replicas"] = 3;
        manifest["metadata"]["labels"].erase("app");
        manifest["metadata"]["labels"]["tier"] = "front";
        out = c.apply(manifest);
        CHECK(out[0]["metadata"]["uid"] == uid);
        CHECK(out[0]["spec"]["replicas"] == 3);
        CHECK(out[0]["metadata"]["generation"] == 2);
        CHECK(out[0]["metadata"]["labels"] == json{{"tier", "front"}});
        CHECK(out[0]["status"]["replicas"] == 2);
    }
    TEST_CASE("apply takes arrays and v1 Lists and fills the namespace") {
        kubesim::cluster c;
        c.init();
        auto out = c.apply(json::parse(R"({"apiVersion": "v1", "kind": "List", "items": [
            {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}},
            {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg", "namespace": "shop"}, "data": {"a": "1"}},
            [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cfg"}}]]})"));
        REQUIRE(out.size() == 3);
        CHECK(c.client<api::config_map>("shop").get("cfg").value().data.at("a") == "1");
        CHECK(c.client<api::config_map>("default").get("cfg"));
    }
    TEST_CASE("bad documents throw api_error naming them, and nothing is stored") {
        kubesim::cluster c;
        c.init();
        auto good = json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ok"}})");
        auto check = [&](const json& bad, const std::string& message) {
            const auto rv = c.store().resource_version();
            try {
                c.apply(json::array({good, bad}));
                FAIL("apply did not throw");
            } catch (const kubesim::api_error& e) {
                CHECK(std::string(e.what()) == message);
            }
            CHECK(c.store().resource_version() == rv);
            CHECK_FALSE(c.client<api::config_map>().get("ok"));
        };
        check(json::parse(R"({"apiVersion": "v1", "kind": "Frobnicator", "metadata": {"name": "x"}})"),
              "no matches for kind \"Frobnicator\" in version \"v1\"");
        check(json::parse(R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {}})"),
              "ConfigMap: resource name may not be empty");
        check(json::parse(R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
              "spec": {"replicas": -1, "selector": {"matchLabels": {"app": "web"}},
                       "template": {"metadata": {"labels": {"app": "web"}},
                                    "spec": {"containers": [{"name": "c", "image": "nginx"}]}}}})"),
              "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        check(json::parse(R"({"metadata": {"name": "x"}})"), R"(Object 'Kind' is missing in '{"metadata":{"name":"x"}}')");
    }
}

TEST_SUITE("cluster/apply-text") {
    TEST_CASE("apply takes manifest text: a string literal, a std::string or a string_view") {
        kubesim::cluster c;
        c.init();
        auto out = c.apply(R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "1"}})");
        REQUIRE(out.size() == 1);
        CHECK(out[0]["metadata"]["name"] == "a");
        const std::string text = R"([{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "b"}},
                                     {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "2"}}])";
        CHECK(c.apply(text).size() == 2);
        CHECK(c.apply(std::string_view(text)).size() == 2);
        CHECK(c.client<api::config_map>().get("a").value().data.at("k") == "2");
        CHECK(c.client<api::config_map>().get("b"));
        // The JSON overload still takes a braced initializer.
        CHECK(c.apply({{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", "c"}}}}).size() == 1);
    }
    TEST_CASE("malformed text throws BadRequest in the API server's words and stores nothing") {
        kubesim::cluster c;
        c.init();
        const auto rv = c.store().resource_version();
        try {
            c.apply(R"([{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}, {"kind" "ConfigMap"}])");
            FAIL("apply did not throw");
        } catch (const kubesim::api_error& e) {
            CHECK(e.status().reason == "BadRequest");
            CHECK(e.status().code == 400);
            CHECK(std::string(e.what()) == "couldn't get version/kind; json parse error: invalid character '\"' after object key");
        }
        CHECK(c.store().resource_version() == rv);
        CHECK_FALSE(c.client<api::config_map>().get("x"));
    }
}

TEST_SUITE("cluster/services") {
    TEST_CASE("ClusterIPs and NodePorts are allocated, refused when taken, and released on delete") {
        kubesim::cluster c;
        c.init();
        auto svc = [](std::string name, int node_port) {
            api::service s;
            s.metadata.name = std::move(name);
            s.spec.type = "NodePort";
            s.spec.selector = {{"app", "web"}};
            s.spec.ports.push_back({.port = 80, .target_port = api::int_or_string::from_int(8080), .node_port = node_port});
            return s;
        };
        auto a = c.client<api::service>().create(svc("a", 31000)).value();
        CHECK(a.spec.ports[0].node_port == 31000);
        CHECK(a.spec.cluster_ip.rfind("10.", 0) == 0);
        CHECK(a.spec.cluster_ips == std::vector<std::string>{a.spec.cluster_ip});
        auto r = c.client<api::service>().create(svc("b", 31000));
        REQUIRE_FALSE(r);
        CHECK(r.error().message ==
              "Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 31000: provided port is already allocated");
        r = c.client<api::service>().create(svc("b", 80));
        CHECK(r.error().message ==
              "Service \"b\" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. "
              "The range of valid ports is 30000-32767");
        auto dynamic = c.client<api::service>().create(svc("d", 0)).value();
        CHECK(dynamic.spec.ports[0].node_port >= 30000);
        CHECK(dynamic.spec.ports[0].node_port <= 32767);

        auto taken = svc("ip", 0);
        taken.spec.type = "ClusterIP";
        taken.spec.ports[0].node_port = 0;
        taken.spec.cluster_ip = a.spec.cluster_ip;
        r = c.client<api::service>().create(taken);
        CHECK(r.error().message == "Service \"ip\" is invalid: spec.clusterIPs: Invalid value: []string{\"" + a.spec.cluster_ip +
                                       "\"}: failed to allocate IP " + a.spec.cluster_ip + ": provided IP is already allocated");
        taken.spec.cluster_ip = "192.168.1.1";
        r = c.client<api::service>().create(taken);
        CHECK(r.error().message == "Service \"ip\" is invalid: spec.clusterIPs: Invalid value: []string{\"192.168.1.1\"}: "
                                   "failed to allocate IP 192.168.1.1: the provided IP (192.168.1.1) is not in the valid "
                                   "range. The range of valid IPs is 10.96.0.0/12");

        c.client<api::service>().remove("a").value();
        CHECK(c.client<api::service>().create(svc("b", 31000)));
        taken.spec.cluster_ip = a.spec.cluster_ip;
        CHECK(c.client<api::service>().create(taken));
    }
    TEST_CASE("an update that omits the allocated values keeps them") {
        kubesim::cluster c;
        c.init();
        api::service s;
        s.metadata.name = "web";
        s.spec.type = "NodePort";
        s.spec.ports.push_back({.port = 80});
        auto created = c.client<api::service>().create(s).value();
        s.metadata.labels["x"] = "y";
        auto updated = c.client<api::service>().update(s).value();
        CHECK(updated.spec.cluster_ip == created.spec.cluster_ip);
        CHECK(updated.spec.ports[0].node_port == created.spec.ports[0].node_port);
        CHECK(updated.spec.ports[0].target_port.int_val == 80);
    }
}

TEST_SUITE("cluster/patch") {
    TEST_CASE("merge patch through the typed client") {
        kubesim::cluster c;
        c.init();
        auto cm = api::config_map{};
        cm.metadata.name = "cfg";
        cm.data = {{"a", "1"}, {"b", "2"}};
        c.client<api::config_map>().create(cm).value();
        auto p = c.client<api::config_map>().patch("cfg", json::parse(R"({"data": {"a": null, "c": "3"}})")).value();
        CHECK(p.data == std::map<std::string, std::string>{{"b", "2"}, {"c", "3"}});
        auto r = c.client<api::config_map>().patch("nope", json::object());
        CHECK(r.error().reason == "NotFound");
    }
    TEST_CASE("strategic merge patch merges containers by name; status patches touch only status") {
        kubesim::cluster c;
        c.init();
        api::pod p;
        p.metadata.name = "web";
        p.spec.containers.push_back({.name = "app", .image = "nginx:1.27"});
        p.spec.containers.push_back({.name = "sidecar", .image = "busybox:1.36"});
        c.client<api::pod>().create(p).value();
        auto out = c.client<api::pod>()
                       .patch("web", json::parse(R"({"spec": {"containers": [{"name": "app", "image": "nginx:1.28"}]}})"),
                              kubesim::store::patch_type::strategic)
                       .value();
        REQUIRE(out.spec.containers.size() == 2);
        CHECK(out.spec.containers[0].image == "nginx:1.28");
        CHECK(out.spec.containers[1].image == "busybox:1.36");
        // The same as a merge patch replaces the list, and a pod may not lose a container.
        auto bad = c.client<api::pod>().patch("web", json::parse(R"({"spec": {"containers": [{"name": "app", "image": "x"}]}})"));
        REQUIRE_FALSE(bad);
        CHECK(bad.error().reason == "Invalid");
        CHECK(bad.error().message == "Pod \"web\" is invalid: spec.containers: Forbidden: pod updates may not add or remove containers");
        auto st = c.client<api::pod>()
                      .patch_status("web", json::parse(R"({"status": {"phase": "Running"}, "spec": {"nodeName": "node-1"}})"))
                      .value();
        CHECK(st.status.phase == "Running");
        CHECK(st.spec.node_name.empty());
    }
}

TEST_SUITE("cluster/determinism") {
    namespace {
    std::string run(std::uint64_t seed) {
        kubesim::cluster c({.seed = seed});
        std::vector<std::string> trace;
        c.trace().set_sink([&](std::string_view l) { trace.emplace_back(l); });
        c.init();
        c.run_for(3s);
        for (int i = 0; i < 3; ++i) {
            api::pod p;
            p.metadata.generate_name = "web-";
            p.spec.containers.push_back({.name = "app", .image = "nginx"});
            c.client<api::pod>().create(p).value();
            c.run_for(1s);
        }
        api::service s;
        s.metadata.name = "web";
        s.spec.type = "NodePort";
        s.spec.ports.push_back({.port = 80});
        c.client<api::service>().create(s).value();
        std::string out;
        for (const auto& p : c.client<api::pod>().list().value().items) out += json(p).dump() + "\n";
        out += json(c.client<api::service>().get("web").value()).dump() + "\n";
        for (const auto& l : trace) out += l + "\n";
        return out;
    }
    }  // namespace
    TEST_CASE("the same seed gives byte-identical objects; another seed differs") {
        const auto a = run(42);
        CHECK(a == run(42));
        CHECK(a != run(43));
        CHECK(a.find("\"creationTimestamp\":\"2025-01-01T00:00:03Z\"") != std::string::npos);
    }
}
