// The EndpointSlice controller (controllers/endpoint_slice): slices as upstream
// writes them, observed through the store. Pods get IPs and readiness by status
// writes (there is no kubelet here).
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <kubesim/controllers/endpoint_slice/controller.hpp>
#include <kubesim/controllers/garbage_collector/garbage_collector.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/service_allocator.hpp>

namespace {

namespace api = kubesim::api;
namespace es = kubesim::controllers::endpoint_slice;

api::node make_node(std::string name, std::string zone = {}) {
    api::node n;
    n.metadata.name = std::move(name);
    if (!zone.empty()) n.metadata.labels["topology.kubernetes.io/zone"] = zone;
    return n;
}

api::service make_service(std::string name, std::map<std::string, std::string> selector,
                          api::int_or_string target = api::int_or_string::from_int(8080)) {
    api::service s;
    s.metadata.name = std::move(name);
    s.spec.selector = std::move(selector);
    api::service_port p;
    p.name = "http";
    p.port = 80;
    p.target_port = std::move(target);
    s.spec.ports.push_back(p);
    return s;
}

struct env {
    fixture::apiserver api;
    kubesim::store::service_allocator ips{"10.96.0.0/12", 30000, 32767, kubesim::sim::random(1)};
    es::controller ctl{api.store};
    env() {
        ips.install(api.store);
        api.client<api::node>("").create(make_node("node-1", "zone-a")).value();
        api.client<api::node>("").create(make_node("node-2")).value();
        ctl.start();
    }

    api::pod add_pod(const std::string& name, std::map<std::string, std::string> labels, const std::string& ip,
                     bool ready = true, std::string node = "node-1", std::int32_t http_port = 0) {
        auto p = fixture::pod(name, std::move(labels));
        p.spec.node_name = std::move(node);
        if (http_port != 0) {
            api::container_port cp;
            cp.name = "http";
            cp.container_port = http_port;
            p.spec.containers[0].ports.push_back(cp);
        }
        auto c = api.client<api::pod>();
        auto created = c.create(p).value();
        if (!ip.empty()) set_status(name, ip, ready);
        return c.get(name).value();
    }
    void set_status(const std::string& name, const std::string& ip, bool ready) {
        fixture::set_running(api.client<api::pod>(), name, ip, ready);
    }
    std::vector<api::endpoint_slice> slices(const std::string& service = "web") {
        kubesim::list_options o;
        o.label_selector = "kubernetes.io/service-name=" + service;
        return api.client<api::endpoint_slice>().list(o).value().items;
    }
    std::size_t total_endpoints(const std::string& service = "web") {
        std::size_t n = 0;
        for (const auto& s : slices(service)) n += s.endpoints.size();
        return n;
    }
};

const api::endpoint* find_endpoint(const api::endpoint_slice& s, const std::string& pod) {
    for (const auto& e : s.endpoints)
        if (e.target_ref && e.target_ref->name == pod) return &e;
    return nullptr;
}

}  // namespace

TEST_SUITE("controllers/endpoint_slice") {

TEST_CASE("one slice per Service with labels, owner, ports and endpoint conditions") {
    env e;
    auto svc = make_service("web", {{"app", "web"}});
    svc.metadata.labels = {{"team", "blue"}, {"kubernetes.io/service-name", "spoof"}};
    auto created = e.api.client<api::service>().create(svc).value();
    e.add_pod("web-a", {{"app", "web"}}, "10.244.1.2", true, "node-1");
    auto b = e.add_pod("web-b", {{"app", "web"}}, "10.244.2.3", false, "node-2");
    e.add_pod("web-c", {{"app", "web"}}, "");  // no IP yet: left out
    e.add_pod("other", {{"app", "db"}}, "10.244.1.9");
    e.api.drain();

    auto list = e.slices();
    REQUIRE(list.size() == 1);
    const auto& s = list[0];
    CHECK(s.metadata.generate_name == "web-");
    CHECK(s.metadata.name.rfind("web-", 0) == 0);
    CHECK(s.metadata.name.size() == 9);
    CHECK(s.address_type == "IPv4");
    CHECK(s.metadata.labels == std::map<std::string, std::string>{
                                   {"endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io"},
                                   {"kubernetes.io/service-name", "web"},
                                   {"team", "blue"}});
    REQUIRE(s.metadata.owner_references.size() == 1);
    const auto& o = s.metadata.owner_references[0];
    CHECK(o.api_version == "v1");
    CHECK(o.kind == "Service");
    CHECK(o.name == "web");
    CHECK(o.uid == created.metadata.uid);
    CHECK(o.controller == true);
    CHECK(o.block_owner_deletion == true);
    REQUIRE(s.ports.size() == 1);
    CHECK(s.ports[0].name == "http");
    CHECK(s.ports[0].port == 8080);
    CHECK(s.ports[0].protocol == "TCP");

    REQUIRE(s.endpoints.size() == 2);
    const auto* a = find_endpoint(s, "web-a");
    REQUIRE(a != nullptr);
    CHECK(a->addresses == std::vector<std::string>{"10.244.1.2"});
    CHECK(a->conditions.ready == true);
    CHECK(a->conditions.serving == true);
    CHECK(a->conditions.terminating == false);
    CHECK(a->node_name == "node-1");
    CHECK(a->zone == "zone-a");
    CHECK(a->target_ref->kind == "Pod");
    CHECK(a->target_ref->namespace_ == "default");
    const auto* eb = find_endpoint(s, "web-b");
    REQUIRE(eb != nullptr);
    CHECK(eb->conditions.ready == false);
    CHECK(eb->conditions.serving == false);
    CHECK(eb->node_name == "node-2");
    CHECK_FALSE(eb->zone.has_value());
    CHECK(eb->target_ref->uid == b.metadata.uid);

    // Readiness flips are reflected in place, in the same slice.
    e.set_status("web-b", "10.244.2.3", true);
    e.api.drain();
    auto after = e.slices();
    REQUIRE(after.size() == 1);
    CHECK(after[0].metadata.name == s.metadata.name);
    CHECK(find_endpoint(after[0], "web-b")->conditions.ready == true);
}

TEST_CASE("publishNotReadyAddresses, terminating pods and label changes") {
    env e;
    auto svc = make_service("web", {{"app", "web"}});
    svc.spec.publish_not_ready_addresses = true;
    e.api.client<api::service>().create(svc).value();
    e.add_pod("web-a", {{"app", "web"}}, "10.244.1.2", false);
    e.api.drain();
    auto list = e.slices();
    REQUIRE(list.size() == 1);
    REQUIRE(list[0].endpoints.size() == 1);
    CHECK(list[0].endpoints[0].conditions.ready == true);
    CHECK(list[0].endpoints[0].conditions.serving == false);

    auto s2 = make_service("api", {{"app", "api"}});
    e.api.client<api::service>().create(s2).value();
    e.add_pod("api-a", {{"app", "api"}}, "10.244.1.3", true);
    e.add_pod("api-b", {{"app", "api"}}, "10.244.1.4", true);
    e.api.drain();
    // A pod being deleted (bound, so it waits for its kubelet) is terminating:
    // not ready, still serving.
    e.api.client<api::pod>().remove("api-a").value();
    e.api.drain();
    auto sl = e.slices("api");
    REQUIRE(sl.size() == 1);
    const auto* t = find_endpoint(sl[0], "api-a");
    REQUIRE(t != nullptr);
    CHECK(t->conditions.ready == false);
    CHECK(t->conditions.serving == true);
    CHECK(t->conditions.terminating == true);

    // Relabelling a pod out of the selector removes its endpoint.
    auto c = e.api.client<api::pod>();
    auto p = c.get("api-b").value();
    p.metadata.labels["app"] = "gone";
    c.update(p).value();
    e.api.drain();
    sl = e.slices("api");
    REQUIRE(sl.size() == 1);
    CHECK(find_endpoint(sl[0], "api-b") == nullptr);
}

TEST_CASE("150 pods make slices of 100 and 50; changes touch as few slices as possible") {
    env e;
    e.api.client<api::service>().create(make_service("web", {{"app", "web"}})).value();
    for (int i = 0; i < 150; ++i) {
        char name[16];
        std::snprintf(name, sizeof name, "web-%03d", i);
        e.add_pod(name, {{"app", "web"}}, "10.244." + std::to_string(1 + i / 200) + "." + std::to_string(2 + i % 200));
    }
    e.api.drain();
    auto list = e.slices();
    REQUIRE(list.size() == 2);
    std::vector<std::size_t> sizes{list[0].endpoints.size(), list[1].endpoints.size()};
    std::sort(sizes.begin(), sizes.end());
    CHECK(sizes == std::vector<std::size_t>{50, 100});
    CHECK(e.total_endpoints() == 150);

    std::map<std::string, std::string> rv;  // slice name -> resourceVersion
    std::string full, half;
    for (const auto& s : list) {
        rv[s.metadata.name] = s.metadata.resource_version;
        (s.endpoints.size() == 100 ? full : half) = s.metadata.name;
    }
    // Remove one pod of the half slice: only that slice changes.
    std::string victim;
    for (const auto& s : list)
        if (s.metadata.name == half) victim = s.endpoints[0].target_ref->name;
    e.api.client<api::pod>().remove(victim, {.grace_period_seconds = 0}).value();
    e.api.drain();
    list = e.slices();
    REQUIRE(list.size() == 2);
    for (const auto& s : list) {
        if (s.metadata.name == full) CHECK(s.metadata.resource_version == rv[full]);
        else CHECK(s.endpoints.size() == 49);
    }
    // A new pod goes into the slice with room, the full one stays untouched.
    e.add_pod("web-new", {{"app", "web"}}, "10.244.9.9");
    e.api.drain();
    list = e.slices();
    REQUIRE(list.size() == 2);
    for (const auto& s : list) {
        if (s.metadata.name == full) CHECK(s.metadata.resource_version == rv[full]);
        else {
            CHECK(s.endpoints.size() == 50);
            CHECK(find_endpoint(s, "web-new") != nullptr);
        }
    }
}

TEST_CASE("named targetPort: pods with different port numbers land in different slices") {
    env e;
    e.api.client<api::service>().create(make_service("web", {{"app", "web"}}, api::int_or_string::from_string("http"))).value();
    e.add_pod("web-a", {{"app", "web"}}, "10.244.1.2", true, "node-1", 8080);
    e.add_pod("web-b", {{"app", "web"}}, "10.244.1.3", true, "node-1", 9090);
    e.add_pod("web-c", {{"app", "web"}}, "10.244.1.4", true, "node-1", 8080);
    e.api.drain();
    auto list = e.slices();
    REQUIRE(list.size() == 2);
    std::map<std::int32_t, std::vector<std::string>> by_port;
    for (const auto& s : list) {
        REQUIRE(s.ports.size() == 1);
        for (const auto& ep : s.endpoints) by_port[*s.ports[0].port].push_back(ep.target_ref->name);
    }
    CHECK(by_port[8080] == std::vector<std::string>{"web-a", "web-c"});
    CHECK(by_port[9090] == std::vector<std::string>{"web-b"});
}

TEST_CASE("placeholder slice, selector-less Services, and deletion with the Service") {
    env e;
    auto svc_client = e.api.client<api::service>();
    svc_client.create(make_service("web", {{"app", "web"}})).value();
    auto manual = make_service("manual", {});
    svc_client.create(manual).value();
    e.api.drain();
    // No pods: one empty placeholder slice, without ports.
    auto list = e.slices();
    REQUIRE(list.size() == 1);
    CHECK(list[0].endpoints.empty());
    CHECK(list[0].ports.empty());
    const std::string placeholder = list[0].metadata.name;
    CHECK(e.slices("manual").empty());

    // The first pod replaces the placeholder by an update of the same object.
    e.add_pod("web-a", {{"app", "web"}}, "10.244.1.2");
    e.api.drain();
    list = e.slices();
    REQUIRE(list.size() == 1);
    CHECK(list[0].metadata.name == placeholder);
    CHECK(list[0].endpoints.size() == 1);
    CHECK(list[0].ports.size() == 1);

    // Headless Services get the headless label.
    auto headless = make_service("hl", {{"app", "web"}});
    headless.spec.cluster_ip = "None";
    svc_client.create(headless).value();
    e.api.drain();
    auto hl = e.slices("hl");
    REQUIRE(hl.size() == 1);
    CHECK(hl[0].metadata.labels.count("service.kubernetes.io/headless") == 1);

    // A deleted Service's slices go with it: they are owned by it, and the
    // garbage collector deletes them (the controller itself does not).
    svc_client.remove("web").value();
    e.api.drain();
    CHECK(e.slices().size() == 1);  // the controller left them
    kubesim::controllers::garbage_collector::garbage_collector gc(e.api.store, fixture::all_kinds());
    gc.start();
    e.api.drain();
    CHECK(e.slices().empty());
    CHECK(e.slices("hl").size() == 1);
}

TEST_CASE("a pod on an unknown node is skipped and the Service retried") {
    env e;
    e.api.client<api::service>().create(make_service("web", {{"app", "web"}})).value();
    e.add_pod("web-a", {{"app", "web"}}, "10.244.1.2", true, "node-1");
    e.add_pod("web-x", {{"app", "web"}}, "10.244.7.2", true, "node-9");
    e.api.engine.run_for(std::chrono::seconds(1));
    auto list = e.slices();
    REQUIRE(list.size() == 1);
    CHECK(list[0].endpoints.size() == 1);
    bool warned = false;
    for (const auto& ev : e.api.client<api::event>().list().value().items)
        if (ev.reason == "FailedToUpdateEndpointSlices") {
            warned = true;
            CHECK(ev.type == "Warning");
            CHECK(ev.message ==
                  "Error updating Endpoint Slices for Service default/web: skipping Pod web-x for Service default/web: "
                  "Node node-9 Not Found");
        }
    CHECK(warned);
    // Once the node exists, the retry adds the pod.
    e.api.client<api::node>("").create(make_node("node-9")).value();
    e.api.engine.run_for(std::chrono::seconds(10));
    CHECK(e.total_endpoints() == 2);
}

}  // TEST_SUITE
