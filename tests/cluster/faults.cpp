// The topology and fault members of kubesim::cluster: what happens on the
// machines and the wire (the control plane's reaction is tested with the node
// lifecycle controllers).
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;
using nlohmann::json;

namespace {

// An http-echo pod pinned to a node.
json echo_pod(const std::string& name, const std::string& node) {
    return json{{"apiVersion", "v1"},
                {"kind", "Pod"},
                {"metadata", {{"name", name}, {"labels", {{"app", name}}}}},
                {"spec",
                 {{"nodeSelector", {{"kubernetes.io/hostname", node}}},
                  {"containers",
                   {{{"name", "echo"},
                     {"image", "hashicorp/http-echo:1.0"},
                     {"args", {"-text=" + name}},
                     {"ports", {{{"containerPort", 5678}}}}}}}}}};
}

api::pod pod(kubesim::cluster& c, const std::string& name) { return c.client<api::pod>().get(name).value(); }

std::string url_of(kubesim::cluster& c, const std::string& name) {
    return "http://" + pod(c, name).status.pod_ip + ":5678/";
}

kubesim::sim::time_point renew_time(kubesim::cluster& c, const std::string& node) {
    return c.client<api::lease>("kube-node-lease").get(node).value().spec.renew_time.value();
}

const api::node_condition* condition(const api::node& n, const std::string& type) {
    for (const auto& cond : n.status.conditions)
        if (cond.type == type) return &cond;
    return nullptr;
}

}  // namespace

TEST_SUITE("cluster/faults") {
    TEST_CASE("stop_node stops the containers and the heartbeat; start_node boots the kubelet, which restarts them") {
        kubesim::cluster c;
        c.init();
        c.apply(echo_pod("a", "node-2"));
        REQUIRE(c.wait_for("pod/a"));
        const std::string old_ip = pod(c, "a").status.pod_ip;
        CHECK(c.fetch(url_of(c, "a")).body == "a\n");
        CHECK_FALSE(c.faults_active());

        c.run_for(15s);
        c.stop_node("node-2");
        const auto stopped_at = c.now();
        CHECK(c.faults_active());
        CHECK_FALSE(c.node_running("node-2"));
        CHECK(c.node_running("node-1"));
        CHECK_FALSE(c.container_running("default", "a"));
        // A dead machine does not answer: the client times out, in Go's words.
        auto r = c.fetch("http://" + old_ip + ":5678/", {}, 2s);
        CHECK(r.status == 0);
        CHECK(r.error == "Get \"http://" + old_ip + ":5678/\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
        const auto last_renew = renew_time(c, "node-2");
        CHECK(last_renew <= stopped_at);
        c.run_for(60s);
        CHECK(renew_time(c, "node-2") == last_renew);      // no heartbeat
        CHECK(renew_time(c, "node-1") > stopped_at + 40s);  // the others go on
        // The API still shows the pod as it was last posted.
        CHECK(pod(c, "a").status.phase == "Running");

        c.start_node("node-2");
        CHECK(c.node_running("node-2"));
        CHECK_FALSE(c.faults_active());
        c.run_for(5s);
        CHECK(renew_time(c, "node-2") > last_renew);
        CHECK(c.container_running("default", "a"));
        const auto p = pod(c, "a");
        REQUIRE(p.status.container_statuses.size() == 1);
        const auto& st = p.status.container_statuses[0];
        CHECK(st.restart_count == 1);
        REQUIRE(st.last_state.terminated);
        CHECK(st.last_state.terminated->exit_code == 255);
        CHECK(st.last_state.terminated->reason == "Unknown");
        CHECK(st.state.running);
        CHECK(c.fetch(url_of(c, "a")).body == "a\n");
        // start_node of a running node changes nothing; unknown names are errors.
        c.start_node("node-2");
        CHECK_THROWS_WITH_AS(c.stop_node("node-9"), doctest::Contains("no node \"node-9\""), kubesim::usage_error);
    }

    TEST_CASE("a pod deleted while its node is down is cleaned up when the node returns") {
        kubesim::cluster c;
        c.init();
        c.apply(echo_pod("a", "node-3"));
        REQUIRE(c.wait_for("pod/a"));
        c.stop_node("node-3");
        c.client<api::pod>().remove("a").value();
        c.run_for(120s);
        // Nobody on the node confirms the deletion: the pod stays, Terminating.
        auto p = c.client<api::pod>().get("a");
        REQUIRE(p);
        CHECK(p->metadata.deletion_timestamp);
        c.start_node("node-3");
        c.run_for(5s);
        CHECK_FALSE(c.client<api::pod>().get("a"));
        CHECK_FALSE(c.container_running("default", "a"));
    }

    TEST_CASE("kill_container: exit code 137, reason Error, restarted by the restart policy") {
        kubesim::cluster c;
        c.init();
        c.apply(echo_pod("a", "node-1"));
        REQUIRE(c.wait_for("pod/a"));
        c.kill_container("default", "a");
        c.run_for(1s);
        const auto p = pod(c, "a");
        const auto& st = p.status.container_statuses.at(0);
        CHECK(st.restart_count == 1);
        REQUIRE(st.last_state.terminated);
        CHECK(st.last_state.terminated->exit_code == 137);
        CHECK(st.last_state.terminated->reason == "Error");
        CHECK(c.container_running("default", "a"));
        CHECK(c.logs("default", "a", "", true) != "");

        CHECK_THROWS_WITH_AS(c.kill_container("default", "a", "", 3), doctest::Contains("signal 3 is not modelled"),
                             kubesim::usage_error);
        CHECK_THROWS_AS(c.kill_container("default", "nope"), kubesim::api_error);
        CHECK_THROWS_WITH_AS(c.kill_container("default", "a", "other"),
                             doctest::Contains("container other is not valid for pod a"), kubesim::api_error);
    }

    TEST_CASE("add_node joins a Ready node the scheduler uses at once; bad options change nothing") {
        kubesim::cluster c;
        c.init();
        const auto name = c.add_node({.name = "", .cpu = "8", .memory = "16Gi", .max_pods = 20,
                                      .labels = {{"disk", "ssd"}},
                                      .taints = {json{{"key", "dedicated"}, {"value", "db"}, {"effect", "NoSchedule"}}}});
        CHECK(name == "node-4");
        CHECK(c.node_names() == std::vector<std::string>{"node-1", "node-2", "node-3", "node-4"});
        auto n = c.client<api::node>().get("node-4").value();
        CHECK(n.metadata.labels.at("disk") == "ssd");
        CHECK(n.spec.pod_cidr == "10.244.4.0/24");
        CHECK(n.status.capacity.at("cpu").to_string() == "8");
        CHECK(n.status.capacity.at("pods").to_string() == "20");
        REQUIRE(n.spec.taints.size() == 1);
        CHECK(n.spec.taints[0].key == "dedicated");
        REQUIRE(condition(n, "Ready"));
        CHECK(condition(n, "Ready")->status == "True");
        c.run_for(1s);
        CHECK(c.client<api::lease>("kube-node-lease").get("node-4"));

        auto pinned = echo_pod("b", "node-4");
        pinned["spec"]["tolerations"] = {{{"key", "dedicated"}, {"operator", "Exists"}, {"effect", "NoSchedule"}}};
        c.apply(pinned);
        REQUIRE(c.wait_for("pod/b"));
        CHECK(pod(c, "b").spec.node_name == "node-4");
        CHECK(pod(c, "b").status.pod_ip.rfind("10.244.4.", 0) == 0);
        CHECK(c.fetch(url_of(c, "b")).body == "b\n");

        CHECK_THROWS_WITH_AS(c.add_node({.name = "node-4"}), doctest::Contains("a node of that name exists"),
                             kubesim::usage_error);
        CHECK_THROWS_WITH_AS(c.add_node({.name = "x", .cpu = "lots"}), doctest::Contains("cpu \"lots\" is not a quantity"),
                             kubesim::usage_error);
        CHECK_THROWS_AS(c.add_node({.name = "y", .taints = {json{{"key", "k"}, {"effect", "Sometimes"}}}}),
                        kubesim::api_error);
        CHECK_THROWS_AS(c.add_node({.name = "Bad_Name"}), kubesim::api_error);
        CHECK(c.node_names().size() == 4);
        CHECK_FALSE(c.client<api::node>().get("y"));
        CHECK(c.add_node() == "node-5");
    }

    TEST_CASE("remove_node deletes the Node; its Lease goes with it") {
        kubesim::cluster c;
        c.init();
        c.run_for(1s);
        c.remove_node("node-2");
        c.run_for(1s);
        CHECK(c.node_names() == std::vector<std::string>{"node-1", "node-3"});
        CHECK_FALSE(c.client<api::node>().get("node-2"));
        CHECK_FALSE(c.client<api::lease>("kube-node-lease").get("node-2"));
        CHECK_THROWS_AS(c.remove_node("node-2"), kubesim::usage_error);
        CHECK_FALSE(c.faults_active());
        CHECK(c.add_node() == "node-4");  // names are not reused
    }

    TEST_CASE("a partition between nodes drops the traffic that crosses it; heal restores it") {
        kubesim::cluster c;
        c.init();
        c.apply(echo_pod("a", "node-1"));
        c.apply(echo_pod("b", "node-2"));
        REQUIRE(c.wait_for("pod/a"));
        REQUIRE(c.wait_for("pod/b"));
        c.partition({"node-1"}, {"node-2"});
        CHECK(c.faults_active());
        // cluster.fetch enters at node-1.
        CHECK(c.fetch(url_of(c, "a")).body == "a\n");
        auto r = c.fetch(url_of(c, "b"), {}, 3s);
        CHECK(r.status == 0);
        CHECK(r.error.find("context deadline exceeded") != std::string::npos);
        c.heal();
        CHECK_FALSE(c.faults_active());
        CHECK(c.fetch(url_of(c, "b")).body == "b\n");

        CHECK_THROWS_WITH_AS(c.partition({"node-1"}, {"node-7"}), doctest::Contains("\"node-7\" is neither a node"),
                             kubesim::usage_error);
        CHECK_THROWS_WITH_AS(c.partition({"node-1"}, {"node-1"}), doctest::Contains("on both sides"), kubesim::usage_error);
        CHECK_THROWS_AS(c.partition({}, {"node-1"}), kubesim::usage_error);
        CHECK_FALSE(c.faults_active());
    }

    TEST_CASE("a node cut from the control plane keeps its containers running, but its kubelet reaches no API") {
        kubesim::cluster c;
        c.init();
        c.apply(echo_pod("a", "node-2"));
        REQUIRE(c.wait_for("pod/a"));
        c.partition({"node-2"}, {"control-plane"});
        const auto cut_at = c.now();
        c.run_for(30s);
        CHECK(renew_time(c, "node-2") <= cut_at);
        CHECK(c.container_running("default", "a"));
        CHECK(c.fetch(url_of(c, "a")).body == "a\n");  // the data plane still works
        // A deletion is not seen by the kubelet while it is cut off.
        c.client<api::pod>().remove("a").value();
        c.run_for(60s);
        CHECK(c.container_running("default", "a"));
        CHECK(c.client<api::pod>().get("a"));
        c.heal();
        c.run_for(1s);
        CHECK(renew_time(c, "node-2") >= cut_at + 90s);  // renewed at once
        c.run_for(40s);  // the grace period of the deletion
        CHECK_FALSE(c.client<api::pod>().get("a"));
    }

    TEST_CASE("drop probability and random latency come from the seeded network stream") {
        kubesim::cluster lossy({.seed = 1, .drop_probability = 1.0});
        lossy.init();
        lossy.apply(echo_pod("a", "node-1"));
        REQUIRE(lossy.wait_for("pod/a"));
        auto r = lossy.fetch(url_of(lossy, "a"), {}, 2s);
        CHECK(r.status == 0);
        CHECK(r.error.find("context deadline exceeded") != std::string::npos);

        auto latencies = [](std::uint64_t seed) {
            kubesim::cluster c({.seed = seed, .random_latency = [](const kubesim::net::hop&, kubesim::sim::random& rng) {
                                    return std::chrono::microseconds(rng.between(1000, 9000));
                                }});
            c.init();
            c.apply(echo_pod("a", "node-2"));
            REQUIRE(c.wait_for("pod/a"));
            std::vector<kubesim::sim::duration> out;
            auto sub = c.on_response([&](const kubesim::net::response_event& ev) { out.push_back(ev.latency); });
            for (int i = 0; i < 5; ++i) CHECK(c.fetch(url_of(c, "a")).status == 200);
            return out;
        };
        const auto a = latencies(7), b = latencies(7), other = latencies(8);
        REQUIRE(a.size() == 5);
        CHECK(a == b);
        CHECK(a != other);
        for (auto l : a) CHECK((l >= 4ms && l <= 36ms));  // two hops there, two back
    }
}

namespace {

// Three http-echo replicas behind a Service, one per node (the scheduler spreads them).
void deploy_web(kubesim::cluster& c) {
    c.apply(json::parse(R"([{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
        "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                 "template": {"metadata": {"labels": {"app": "web"}},
                              "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0",
                                                       "args": ["-text=web"], "ports": [{"containerPort": 5678}]}]}}}},
        {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
         "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 5678}]}}])"));
}

// Runs the clock to the instant t (everything due before it has run).
void run_to(kubesim::cluster& c, kubesim::sim::time_point t) {
    REQUIRE(t >= c.now());
    c.run_for(t - c.now());
}
kubesim::sim::time_point at(std::chrono::seconds s) { return kubesim::sim::time_point(s); }

double seconds(kubesim::sim::time_point t) { return std::chrono::duration<double>(t.time_since_epoch()).count(); }

std::vector<api::pod> pods_on(kubesim::cluster& c, const std::string& node) {
    std::vector<api::pod> out;
    for (auto& p : c.client<api::pod>().list().value().items)
        if (p.spec.node_name == node) out.push_back(p);
    return out;
}

bool has_taint(const api::node& n, const std::string& key, const std::string& effect) {
    for (const auto& t : n.spec.taints)
        if (t.key == key && t.effect == effect) return true;
    return false;
}

// The ready endpoints of the web Service's slices, by pod name.
std::vector<std::string> ready_endpoints(kubesim::cluster& c) {
    std::vector<std::string> out;
    for (const auto& s : c.client<api::endpoint_slice>().list().value().items) {
        if (s.metadata.labels.count("kubernetes.io/service-name") == 0 ||
            s.metadata.labels.at("kubernetes.io/service-name") != "web")
            continue;
        for (const auto& e : s.endpoints)
            if (e.conditions.ready.value_or(false) && e.target_ref) out.push_back(e.target_ref->name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::vector<std::string> event_reasons(kubesim::cluster& c, const std::string& object_name) {
    std::vector<std::string> out;
    for (const auto& e : c.client<api::event>("").list().value().items)
        if (e.involved_object.name == object_name) out.push_back(e.reason + ": " + e.message);
    return out;
}

bool contains(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_SUITE("cluster/node-failure") {
    TEST_CASE("a node stops: Unknown after the grace period, tainted, its pods evicted 300 s later and replaced; it returns: taints removed, old pods cleaned up") {
        kubesim::cluster c;  // v1.33: --node-monitor-grace-period 50 s, --node-monitor-period 5 s
        c.init();
        deploy_web(c);
        REQUIRE(c.wait_for("deployment/web"));
        auto victims = pods_on(c, "node-2");
        REQUIRE(victims.size() == 1);
        const std::string victim = victims[0].metadata.name;
        // Every pod got the DefaultTolerationSeconds tolerations.
        int defaults = 0;
        for (const auto& t : victims[0].spec.tolerations)
            if ((t.key == "node.kubernetes.io/unreachable" || t.key == "node.kubernetes.io/not-ready") &&
                t.effect == "NoExecute" && t.toleration_seconds == 300 && t.operator_ == "Exists")
                ++defaults;
        CHECK(defaults == 2);
        CHECK(ready_endpoints(c).size() == 3);

        // The Lease is renewed every 10 s (at 0, 10, 20, 30 s); the node
        // lifecycle controller looks every 5 s. Stop at 32 s: last renewal 30 s.
        run_to(c, at(32s));
        REQUIRE(seconds(c.now()) == 32.0);
        REQUIRE(seconds(renew_time(c, "node-2")) == 30.0);
        c.stop_node("node-2");

        // The controller saw that renewal at its 30 s pass; it marks the node
        // at the first pass more than 50 s later: 85 s.
        run_to(c, at(84s));
        auto n = c.client<api::node>().get("node-2").value();
        CHECK(condition(n, "Ready")->status == "True");
        run_to(c, at(85s));
        n = c.client<api::node>().get("node-2").value();
        const auto* ready = condition(n, "Ready");
        CHECK(ready->status == "Unknown");
        CHECK(ready->reason == "NodeStatusUnknown");
        CHECK(ready->message == "Kubelet stopped posting node status.");
        CHECK(seconds(ready->last_transition_time.value()) == 85.0);
        for (const char* type : {"MemoryPressure", "DiskPressure", "PIDPressure"}) {
            CHECK(condition(n, type)->status == "Unknown");
            CHECK(condition(n, type)->reason == "NodeStatusUnknown");
        }
        CHECK(has_taint(n, "node.kubernetes.io/unreachable", "NoSchedule"));
        CHECK(contains(event_reasons(c, "node-2"), "NodeNotReady: Node node-2 status is now: NodeNotReady"));
        // Its pod is no longer Ready and has left the Service's endpoints.
        auto vp = c.client<api::pod>().get(victim).value();
        bool pod_ready = true;
        for (const auto& cond : vp.status.conditions)
            if (cond.type == "Ready") pod_ready = cond.status == "True";
        CHECK_FALSE(pod_ready);
        CHECK(contains(event_reasons(c, victim), "NodeNotReady: Node is not ready"));
        CHECK(ready_endpoints(c).size() == 2);
        CHECK_FALSE(contains(ready_endpoints(c), victim));

        // The NoExecute taint follows at the next pass.
        c.run_for(5s);
        n = c.client<api::node>().get("node-2").value();
        REQUIRE(has_taint(n, "node.kubernetes.io/unreachable", "NoExecute"));
        kubesim::sim::time_point added{};
        for (const auto& t : n.spec.taints)
            if (t.effect == "NoExecute") added = t.time_added.value();
        CHECK(seconds(added) == 90.0);

        // 300 s of toleration later: evicted, and replaced on another node.
        run_to(c, added + 299s);
        CHECK_FALSE(c.client<api::pod>().get(victim).value().metadata.deletion_timestamp);
        c.run_for(1s);
        vp = c.client<api::pod>().get(victim).value();
        REQUIRE(vp.metadata.deletion_timestamp);
        CHECK(contains(event_reasons(c, victim), "TaintManagerEviction: Marking for deletion Pod default/" + victim));
        bool disruption = false;
        for (const auto& cond : vp.status.conditions)
            disruption = disruption || (cond.type == "DisruptionTarget" && cond.reason == "DeletionByTaintManager");
        CHECK(disruption);
        REQUIRE(c.wait_for("deployment/web"));
        c.run_for(5s);
        int running_elsewhere = 0;
        for (const auto& p : c.client<api::pod>().list().value().items)
            if (!p.metadata.deletion_timestamp && p.status.phase == "Running") {
                CHECK(p.spec.node_name != "node-2");
                ++running_elsewhere;
            }
        CHECK(running_elsewhere == 3);
        CHECK(ready_endpoints(c).size() == 3);
        // Nobody confirms the old pod's end: it stays Terminating.
        c.run_for(120s);
        CHECK(c.client<api::pod>().get(victim));

        // The node returns: Ready, taints removed, the old pod cleaned up.
        c.start_node("node-2");
        c.run_for(0s);
        n = c.client<api::node>().get("node-2").value();
        CHECK(condition(n, "Ready")->status == "True");
        CHECK(contains(event_reasons(c, "node-2"), "NodeReady: Node node-2 status is now: NodeReady"));
        c.run_for(10s);
        n = c.client<api::node>().get("node-2").value();
        CHECK(n.spec.taints.empty());
        CHECK_FALSE(c.client<api::pod>().get(victim));
        CHECK(pods_on(c, "node-2").empty());
        CHECK(ready_endpoints(c).size() == 3);
    }

    TEST_CASE("remove_node: the pod garbage collector deletes the orphaned pods; the ReplicaSet replaces them") {
        kubesim::cluster c;
        c.init();
        deploy_web(c);
        REQUIRE(c.wait_for("deployment/web"));
        const std::string victim = pods_on(c, "node-3").at(0).metadata.name;
        c.remove_node("node-3");
        CHECK(c.client<api::pod>().get(victim));  // quarantined for 40 s first
        c.run_for(61s);
        CHECK_FALSE(c.client<api::pod>().get(victim));
        REQUIRE(c.wait_for("deployment/web"));
        CHECK(ready_endpoints(c).size() == 3);
        for (const auto& p : c.client<api::pod>().list().value().items) CHECK(p.spec.node_name != "node-3");
    }

    TEST_CASE("a node cut from the control plane is marked Unknown, yet its pod keeps serving; heal brings Ready back") {
        kubesim::cluster c;
        c.init();
        deploy_web(c);
        REQUIRE(c.wait_for("deployment/web"));
        const std::string pinned = pods_on(c, "node-1").at(0).metadata.name;
        c.partition({"node-1"}, {"control-plane"});
        c.run_for(70s);
        auto n = c.client<api::node>().get("node-1").value();
        CHECK(condition(n, "Ready")->status == "Unknown");
        CHECK(c.container_running("default", pinned));
        CHECK(c.fetch("http://" + c.client<api::pod>().get(pinned).value().status.pod_ip + ":5678/").body == "web\n");
        c.heal();
        c.run_for(10s);
        n = c.client<api::node>().get("node-1").value();
        CHECK(condition(n, "Ready")->status == "True");
        CHECK(n.spec.taints.empty());
        CHECK(c.client<api::pod>().get(pinned));
        CHECK(ready_endpoints(c).size() == 3);
    }
}
