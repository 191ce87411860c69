// The kube-scheduler component (controllers/scheduler/scheduler.hpp) and the
// pods/binding subresource it writes through (object_store::bind_pod).
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/controllers/scheduler/scheduler.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/sim/trace.hpp>

#include "fixture.hpp"

namespace {

namespace api = kubesim::api;
namespace sim = kubesim::sim;
namespace sch = kubesim::controllers::scheduler;
using namespace std::chrono_literals;

// The shape of cluster.hpp's make_node: Ready, allocatable cpu/memory/pods.
api::node make_node(const std::string& name, const char* cpu = "4", const char* memory = "8Gi", int pods = 110,
                    std::map<std::string, std::string> labels = {}, const char* ready = "True") {
    api::node n;
    n.metadata.name = name;
    n.metadata.labels = {{"kubernetes.io/hostname", name}, {"kubernetes.io/os", "linux"}};
    for (auto& [k, v] : labels) n.metadata.labels[k] = v;
    n.status.capacity = {{"cpu", api::quantity::must_parse(cpu)},
                         {"memory", api::quantity::must_parse(memory)},
                         {"pods", api::quantity::must_parse(std::to_string(pods))}};
    n.status.allocatable = n.status.capacity;
    n.status.conditions = {
        {"MemoryPressure", "False", std::nullopt, std::nullopt, "KubeletHasSufficientMemory",
         "kubelet has sufficient memory available"},
        {"Ready", ready, std::nullopt, std::nullopt, "KubeletReady", "kubelet is posting ready status"},
    };
    return n;
}

api::pod make_pod(const std::string& name, const char* cpu = nullptr, const char* memory = nullptr) {
    auto p = fixture::pod(name, {{"app", "web"}});
    if (cpu) p.spec.containers[0].resources.requests["cpu"] = api::quantity::must_parse(cpu);
    if (memory) p.spec.containers[0].resources.requests["memory"] = api::quantity::must_parse(memory);
    return p;
}

api::owner_reference controller_ref(const std::string& name, const std::string& uid) {
    return api::owner_reference{"apps/v1", "ReplicaSet", name, uid, true, true};
}

struct env {
    fixture::apiserver api;
    sim::trace trace;
    std::vector<std::string> lines;
    std::unique_ptr<sch::scheduler> scheduler;

    explicit env(std::uint64_t seed = 1, int nodes = 0, const char* cpu = "4") : api(seed) {
        trace.set_sink([this](std::string_view l) { lines.emplace_back(l); });
        for (int i = 1; i <= nodes; ++i) add_node(make_node("node-" + std::to_string(i), cpu));
    }
    void start(sch::scheduler_options opts = {}) {
        opts.trace = &trace;
        scheduler = std::make_unique<sch::scheduler>(api.store, sim::random(api.store.resource_version() + 7).fork("scheduler"),
                                                     opts);
        scheduler->start();
        settle();
    }
    void add_node(const api::node& n) { api.client<api::node>("").create(n).value(); }
    api::pod create(const api::pod& p) { return api.client<api::pod>().create(p).value(); }
    api::pod get(const std::string& name) { return api.client<api::pod>().get(name).value(); }
    void settle(sim::duration d = 100ms) { api.engine.run_for(d); }

    std::vector<api::event> events(const std::string& pod, const std::string& reason) {
        std::vector<api::event> out;
        for (auto& e : api.client<api::event>().list().value().items)
            if (e.involved_object.name == pod && e.reason == reason) out.push_back(e);
        return out;
    }
};

const api::pod_condition* scheduled_condition(const api::pod& p) {
    for (const auto& c : p.status.conditions)
        if (c.type == "PodScheduled") return &c;
    return nullptr;
}

}  // namespace

TEST_CASE("num_feasible_nodes_to_find adapts the percentage to the cluster size") {
    CHECK(sch::num_feasible_nodes_to_find(0, 3) == 3);
    CHECK(sch::num_feasible_nodes_to_find(0, 99) == 99);
    CHECK(sch::num_feasible_nodes_to_find(0, 100) == 100);   // 49% of 100 = 49 -> at least 100
    CHECK(sch::num_feasible_nodes_to_find(0, 200) == 100);   // 49% -> 98 -> 100
    CHECK(sch::num_feasible_nodes_to_find(0, 500) == 230);   // 46%
    CHECK(sch::num_feasible_nodes_to_find(0, 1000) == 420);  // 42%
    CHECK(sch::num_feasible_nodes_to_find(0, 5000) == 500);  // 10%
    CHECK(sch::num_feasible_nodes_to_find(0, 10000) == 500); // -30% -> 5%
    CHECK(sch::num_feasible_nodes_to_find(100, 5000) == 5000);
    CHECK(sch::num_feasible_nodes_to_find(20, 5000) == 1000);
}

TEST_CASE("pod backoff doubles from 1s up to 10s") {
    const sim::duration a = 1s, b = 10s;
    CHECK(sch::pod_backoff_duration(1, a, b) == 1s);
    CHECK(sch::pod_backoff_duration(2, a, b) == 2s);
    CHECK(sch::pod_backoff_duration(4, a, b) == 8s);
    CHECK(sch::pod_backoff_duration(5, a, b) == 10s);
    CHECK(sch::pod_backoff_duration(40, a, b) == 10s);
}

TEST_CASE("pods/binding: sets nodeName and PodScheduled in one write") {
    fixture::apiserver api;
    auto pods = api.client<api::pod>();
    auto created = pods.create(make_pod("web")).value();
    std::vector<std::string> seen;
    auto w = pods.watch({.resource_version = created.metadata.resource_version},
                        [&](const kubesim::store::watch_event<api::pod>& e) { seen.push_back(e.type); });
    api.engine.run_for(3s);
    const auto rv = api.store.resource_version();
    auto bound = pods.bind("web", "node-1").value();
    CHECK(bound.spec.node_name == "node-1");
    CHECK(bound.metadata.resource_version == std::to_string(rv + 1));
    CHECK(bound.metadata.generation == created.metadata.generation);
    const auto* c = scheduled_condition(bound);
    REQUIRE(c);
    CHECK(c->status == "True");
    CHECK(c->last_transition_time == api.engine.now());
    CHECK_FALSE(c->last_probe_time);
    CHECK(c->reason.empty());
    api.engine.run_for(1ms);
    CHECK(seen == std::vector<std::string>{"MODIFIED"});
    CHECK(pods.get("web").value() == bound);
}

TEST_CASE("pods/binding: refusals") {
    fixture::apiserver api;
    auto pods = api.client<api::pod>();

    auto missing = pods.bind("ghost", "node-1");
    REQUIRE_FALSE(missing);
    CHECK(missing.error().reason == "NotFound");
    CHECK(missing.error().message == "pods \"ghost\" not found");

    auto web = pods.create(make_pod("web")).value();
    auto other_uid = pods.bind("web", "node-1", "not-the-uid");
    REQUIRE_FALSE(other_uid);
    CHECK(other_uid.error().reason == "Conflict");
    CHECK(other_uid.error().message == "Operation cannot be fulfilled on pods \"web\": Precondition failed: UID in "
                                       "precondition: not-the-uid, UID in object meta: " +
                                           web.metadata.uid);

    auto no_node = pods.bind("web", "");
    REQUIRE_FALSE(no_node);
    CHECK(no_node.error().reason == "Invalid");

    REQUIRE(pods.bind("web", "node-1", web.metadata.uid));
    const auto rv = api.store.resource_version();
    auto again = pods.bind("web", "node-2");
    REQUIRE_FALSE(again);
    CHECK(again.error().reason == "Conflict");
    CHECK(again.error().code == 409);
    CHECK(again.error().message ==
          "Operation cannot be fulfilled on pods/binding \"web\": pod web is already assigned to node \"node-1\"");
    CHECK(api.store.resource_version() == rv);
    CHECK(pods.get("web").value().spec.node_name == "node-1");

    // A pending pod held by a finalizer while being deleted.
    auto db = make_pod("db");
    db.metadata.finalizers = {"example.com/hold"};
    pods.create(db).value();
    REQUIRE(pods.remove("db"));
    auto deleting = pods.bind("db", "node-1");
    REQUIRE_FALSE(deleting);
    CHECK(deleting.error().reason == "Conflict");
    CHECK(deleting.error().message ==
          "Operation cannot be fulfilled on pods/binding \"db\": pod db is being deleted, cannot be assigned to a host");
}

TEST_CASE("scheduler: binds a pod, records Scheduled and traces the bind") {
    env e(1, 3);
    e.create(make_pod("web", "100m", "64Mi"));
    e.start();
    auto web = e.get("web");
    REQUIRE_FALSE(web.spec.node_name.empty());
    const auto* c = scheduled_condition(web);
    REQUIRE(c);
    CHECK(c->status == "True");
    CHECK_FALSE(c->last_probe_time);
    auto ev = e.events("web", "Scheduled");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].type == "Normal");
    CHECK(ev[0].message == "Successfully assigned default/web to " + web.spec.node_name);
    CHECK(ev[0].source.component == "default-scheduler");
    CHECK(ev[0].involved_object.kind == "Pod");
    CHECK(e.events("web", "FailedScheduling").empty());
    bool traced = false;
    for (const auto& l : e.lines)
        if (l.find(" scheduler bind default/web " + web.spec.node_name) != std::string::npos) traced = true;
    CHECK(traced);
    CHECK(e.scheduler->pending_active() == 0);

    // The cache counts the pod's requests on its node.
    const auto* ni = e.scheduler->node_info_of(web.spec.node_name);
    REQUIRE(ni);
    CHECK(ni->pod_count == 1);
    CHECK(ni->requested_milli_cpu == 100);
}

TEST_CASE("scheduler: pods created later are scheduled one per engine entry") {
    env e(2, 3);
    e.start();
    for (int i = 0; i < 5; ++i) e.create(make_pod("p" + std::to_string(i), "100m"));
    e.settle();
    for (int i = 0; i < 5; ++i) CHECK_FALSE(e.get("p" + std::to_string(i)).spec.node_name.empty());
    CHECK(e.scheduler->attempts() == 5);
}

TEST_CASE("scheduler: insufficient cpu, then a node is added") {
    env e(3, 3, "1");
    e.start();
    e.create(make_pod("web", "2"));
    e.settle();
    const std::string msg =
        "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims "
        "found for incoming pod.";
    auto web = e.get("web");
    CHECK(web.spec.node_name.empty());
    const auto* c = scheduled_condition(web);
    REQUIRE(c);
    CHECK(c->status == "False");
    CHECK(c->reason == "Unschedulable");
    CHECK(c->message == msg);
    CHECK_FALSE(c->last_probe_time);
    auto failed = e.events("web", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].type == "Warning");
    CHECK(failed[0].message == msg);
    CHECK(failed[0].source.component == "default-scheduler");
    CHECK(e.scheduler->pending_unschedulable() == 1);

    // Nothing changes: no retry before the unschedulable flush.
    e.settle(60s);
    CHECK(e.events("web", "FailedScheduling")[0].count == 1);

    e.add_node(make_node("node-4", "4"));
    e.settle();
    web = e.get("web");
    CHECK(web.spec.node_name == "node-4");
    c = scheduled_condition(web);
    REQUIRE(c);
    CHECK(c->status == "True");
    CHECK(c->message.empty());
    CHECK(e.events("web", "Scheduled").size() == 1);
    CHECK(e.scheduler->pending_unschedulable() == 0);
}

TEST_CASE("scheduler: a retry waits out the pod's backoff") {
    env e(15, 1, "1");
    e.start();
    e.create(make_pod("web", "2"));
    e.settle(100ms);
    REQUIRE(e.events("web", "FailedScheduling").size() == 1);
    const auto failed_at = e.api.engine.now() - 100ms;
    e.add_node(make_node("node-2", "4"));
    e.settle(10ms);
    // One failed attempt: 1s of backoff from the failure.
    CHECK(e.scheduler->pending_backoff() == 1);
    CHECK(e.get("web").spec.node_name.empty());
    e.api.engine.run_until_time(failed_at + 1s + 1ms);
    CHECK(e.get("web").spec.node_name == "node-2");
    CHECK(e.scheduler->pending_backoff() == 0);
}

TEST_CASE("scheduler: no nodes at all") {
    env e(4, 0);
    e.start();
    e.create(make_pod("web"));
    e.settle();
    auto failed = e.events("web", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].message == "no nodes available to schedule pods");
    const auto web = e.get("web");
    const auto* c = scheduled_condition(web);
    REQUIRE(c);
    CHECK(c->reason == "Unschedulable");
    CHECK(c->message == "no nodes available to schedule pods");
}

TEST_CASE("scheduler: unschedulable pods are retried after 5 minutes, with no timers when idle") {
    env e(5, 1, "1");
    e.start();
    e.create(make_pod("web", "2"));
    e.settle();
    REQUIRE(e.events("web", "FailedScheduling").size() == 1);
    e.settle(4min);
    CHECK(e.events("web", "FailedScheduling")[0].count == 1);
    e.settle(1min);
    CHECK(e.events("web", "FailedScheduling")[0].count == 2);
    // The status is already Unschedulable with the same message: no write.
    const auto rv = e.get("web").metadata.resource_version;
    e.settle(5min);
    CHECK(e.events("web", "FailedScheduling")[0].count == 3);
    CHECK(e.get("web").metadata.resource_version == rv);

    // Once the pod is gone the scheduler leaves nothing on the engine.
    e.api.client<api::pod>().remove("web", {.grace_period_seconds = 0}).value();
    e.settle();
    CHECK(e.scheduler->pending_unschedulable() == 0);
    CHECK(e.api.engine.pending() == 0);
}

TEST_CASE("scheduler: a deleted pod frees room for an unschedulable one") {
    env e(6, 1, "1");
    e.start();
    e.create(make_pod("a", "800m"));
    e.settle();
    REQUIRE(e.get("a").spec.node_name == "node-1");
    e.create(make_pod("b", "800m"));
    e.settle();
    REQUIRE(e.get("b").spec.node_name.empty());
    // "a" is bound: deletion is graceful until the kubelet would confirm; force it.
    e.api.client<api::pod>().remove("a", {.grace_period_seconds = 0}).value();
    e.settle(2s);  // b's backoff (1s after its failure) has passed
    CHECK(e.get("b").spec.node_name == "node-1");
}

TEST_CASE("scheduler: a pod that finishes frees room") {
    env e(7, 1, "1");
    e.start();
    e.create(make_pod("a", "800m"));
    e.settle();
    e.create(make_pod("b", "800m"));
    e.settle(2s);
    REQUIRE(e.get("b").spec.node_name.empty());
    auto a = e.get("a");
    a.status.phase = "Succeeded";
    e.api.client<api::pod>().update_status(a).value();
    e.settle();
    CHECK(e.get("b").spec.node_name == "node-1");
}

TEST_CASE("scheduler: a node that becomes Ready is used") {
    env e(8, 0);
    e.add_node(make_node("node-1", "4", "8Gi", 110, {}, "False"));
    e.start();
    e.create(make_pod("web"));
    e.settle();
    auto failed = e.events("web", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].message ==
          "0/1 nodes are available: 1 node(s) had untolerated taint(s). preemption: 0/1 nodes are available: 1 "
          "Preemption is not helpful for scheduling.");
    auto n = e.api.client<api::node>("").get("node-1").value();
    n.status.conditions[1].status = "True";
    e.api.client<api::node>("").update_status(n).value();
    e.settle(2s);
    CHECK(e.get("web").spec.node_name == "node-1");
}

TEST_CASE("scheduler: node heartbeats do not retry unschedulable pods") {
    env e(9, 1, "1");
    e.start();
    e.create(make_pod("web", "2"));
    e.settle();
    for (int i = 0; i < 5; ++i) {
        auto n = e.api.client<api::node>("").get("node-1").value();
        n.status.conditions[1].last_heartbeat_time = e.api.engine.now();
        e.api.client<api::node>("").update_status(n).value();
        e.settle(10s);
    }
    CHECK(e.events("web", "FailedScheduling")[0].count == 1);
}

TEST_CASE("scheduler: updating an unschedulable pod retries it") {
    env e(10, 2);
    e.start();
    auto p = make_pod("web");
    p.spec.node_selector = {{"disktype", "ssd"}};
    e.create(p);
    e.settle();
    auto failed = e.events("web", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].message ==
          "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/2 nodes are "
          "available: 2 Preemption is not helpful for scheduling.");
    // A label change on the pod is an update of the pod itself.
    auto cur = e.get("web");
    cur.metadata.labels["tier"] = "db";
    e.api.client<api::pod>().update(cur).value();
    e.settle(2s);
    CHECK(e.events("web", "FailedScheduling")[0].count == 2);
    // Labelling a node is a node update that matters.
    auto n = e.api.client<api::node>("").get("node-2").value();
    n.metadata.labels["disktype"] = "ssd";
    e.api.client<api::node>("").update(n).value();
    e.settle(10s);
    CHECK(e.get("web").spec.node_name == "node-2");
}

TEST_CASE("scheduler: nodeSelector picks the labelled node") {
    env e(11, 0);
    e.add_node(make_node("node-1"));
    e.add_node(make_node("node-2", "4", "8Gi", 110, {{"disktype", "ssd"}}));
    e.add_node(make_node("node-3"));
    e.start();
    for (int i = 0; i < 4; ++i) {
        auto p = make_pod("ssd-" + std::to_string(i));
        p.spec.node_selector = {{"disktype", "ssd"}};
        e.create(p);
    }
    e.settle();
    for (int i = 0; i < 4; ++i) CHECK(e.get("ssd-" + std::to_string(i)).spec.node_name == "node-2");
}

TEST_CASE("scheduler: taints and tolerations") {
    env e(12, 0);
    for (int i = 1; i <= 3; ++i) {
        auto n = make_node("node-" + std::to_string(i));
        if (i < 3) n.spec.taints = {{"dedicated", "gpu", "NoSchedule", std::nullopt}};
        e.add_node(n);
    }
    e.start();
    for (int i = 0; i < 3; ++i) e.create(make_pod("plain-" + std::to_string(i)));
    e.settle();
    for (int i = 0; i < 3; ++i) CHECK(e.get("plain-" + std::to_string(i)).spec.node_name == "node-3");

    // Tolerating the taint opens the tainted nodes (and least allocated prefers them now).
    auto gpu = make_pod("gpu", "100m");
    gpu.spec.tolerations = {{"dedicated", "Equal", "gpu", "NoSchedule", std::nullopt}};
    e.create(gpu);
    e.settle();
    const auto node = e.get("gpu").spec.node_name;
    CHECK((node == "node-1" || node == "node-2"));

    // A PreferNoSchedule taint is avoided when there is a choice.
    env f(13, 0);
    for (int i = 1; i <= 3; ++i) {
        auto n = make_node("node-" + std::to_string(i));
        if (i != 2) n.spec.taints = {{"spot", "true", "PreferNoSchedule", std::nullopt}};
        f.add_node(n);
    }
    f.start();
    f.create(make_pod("web"));
    f.settle();
    CHECK(f.get("web").spec.node_name == "node-2");

    // Every node tainted: the FitError.
    env g(14, 0);
    for (int i = 1; i <= 3; ++i) {
        auto n = make_node("node-" + std::to_string(i));
        n.spec.taints = {{"dedicated", "gpu", "NoSchedule", std::nullopt}};
        g.add_node(n);
    }
    g.start();
    g.create(make_pod("web"));
    g.settle();
    auto failed = g.events("web", "FailedScheduling");
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].message ==
          "0/3 nodes are available: 3 node(s) had untolerated taint(s). preemption: 0/3 nodes are available: 3 "
          "Preemption is not helpful for scheduling.");
}

TEST_CASE("scheduler: replicas of one controller spread over the nodes") {
    for (std::uint64_t seed = 20; seed < 25; ++seed) {
        env e(seed, 3);
        e.start();
        for (int i = 0; i < 3; ++i) {
            auto p = make_pod("web-" + std::to_string(i), "100m", "64Mi");
            p.metadata.owner_references = {controller_ref("web-abc", "rs-uid-1")};
            e.create(p);
        }
        e.settle();
        std::map<std::string, int> per_node;
        for (int i = 0; i < 3; ++i) ++per_node[e.get("web-" + std::to_string(i)).spec.node_name];
        CHECK(per_node.size() == 3);
        CHECK(per_node.count("") == 0);
    }
}

TEST_CASE("scheduler: pods with another schedulerName are left alone") {
    env e(30, 3);
    e.start();
    auto p = make_pod("custom");
    p.spec.scheduler_name = "my-scheduler";
    e.create(p);
    e.settle(10min);
    CHECK(e.get("custom").spec.node_name.empty());
    CHECK(e.get("custom").status.conditions.empty());
    CHECK(e.events("custom", "FailedScheduling").empty());
    CHECK(e.events("custom", "Scheduled").empty());
    CHECK(e.scheduler->attempts() == 0);
}

TEST_CASE("scheduler: higher priority first, then arrival order") {
    // The initial list delivers pods in name order; the queue reorders them.
    env e(31, 1, "1");
    auto low = make_pod("a-low", "800m");
    low.spec.priority = 0;
    e.create(low);
    e.settle(1s);
    auto high = make_pod("b-high", "800m");
    high.spec.priority = 1000;
    e.create(high);
    e.start();
    CHECK(e.get("b-high").spec.node_name == "node-1");
    CHECK(e.get("a-low").spec.node_name.empty());

    env f(32, 1, "1");
    f.create(make_pod("zz-first", "800m"));
    f.settle(1s);
    f.create(make_pod("aa-second", "800m"));
    f.start();
    CHECK(f.get("zz-first").spec.node_name == "node-1");
    CHECK(f.get("aa-second").spec.node_name.empty());
}

TEST_CASE("scheduler: pods bound outside the scheduler count on their node") {
    env e(33, 2, "1");
    auto pinned = make_pod("pinned", "800m");
    pinned.spec.node_name = "node-1";
    e.create(pinned);
    e.start();
    e.create(make_pod("web", "800m"));
    e.settle();
    CHECK(e.get("web").spec.node_name == "node-2");
    const auto* ni = e.scheduler->node_info_of("node-1");
    REQUIRE(ni);
    CHECK(ni->requested_milli_cpu == 800);
}

namespace {
std::vector<std::string> placement(std::uint64_t seed) {
    env e(seed, 10);
    e.start();
    std::vector<std::string> out;
    for (int i = 0; i < 30; ++i) e.create(make_pod("p-" + std::to_string(i)));
    e.settle();
    for (int i = 0; i < 30; ++i) out.push_back(e.get("p-" + std::to_string(i)).spec.node_name);
    return out;
}
}  // namespace

TEST_CASE("scheduler: same seed, same placement") {
    const auto a = placement(40);
    const auto b = placement(40);
    CHECK(a == b);
    for (const auto& n : a) CHECK_FALSE(n.empty());
}

TEST_CASE("scheduler: 500 nodes and 5000 pods") {
    env e(50, 0);
    for (int i = 1; i <= 500; ++i) e.add_node(make_node("node-" + std::to_string(i), "8", "32Gi", 20));
    e.start();
    auto pods = e.api.client<api::pod>();
    for (int i = 0; i < 5000; ++i) {
        auto p = make_pod("p-" + std::to_string(i), "100m", "128Mi");
        p.metadata.owner_references = {controller_ref("rs-" + std::to_string(i % 50), "uid-" + std::to_string(i % 50))};
        pods.create(p).value();
    }
    e.settle(10s);
    std::map<std::string, int> per_node;
    int unbound = 0;
    for (const auto& p : pods.list().value().items) {
        if (p.spec.node_name.empty()) ++unbound;
        else ++per_node[p.spec.node_name];
    }
    CHECK(unbound == 0);
    int most = 0;
    for (const auto& [n, c] : per_node) most = std::max(most, c);
    CHECK(most <= 20);
    CHECK(e.scheduler->attempts() == 5000);

    // The cluster is now full (500 nodes x 20 pods = 10000 > 5000, so not yet):
    // 5000 more fill it, and one more does not fit anywhere.
    for (int i = 5000; i < 10001; ++i) pods.create(make_pod("p-" + std::to_string(i), "100m")).value();
    e.settle(10s);
    auto failed = e.events("p-10000", "FailedScheduling");
    int bound = 0;
    for (const auto& p : pods.list().value().items)
        if (!p.spec.node_name.empty()) ++bound;
    CHECK(bound == 10000);
    REQUIRE(failed.size() == 1);
    CHECK(failed[0].message ==
          "0/500 nodes are available: 500 Too many pods. preemption: 0/500 nodes are available: 500 No preemption "
          "victims found for incoming pod.");
}
