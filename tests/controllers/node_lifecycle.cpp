// The node lifecycle controller, the taint eviction controller, the pod
// garbage collector and the DefaultTolerationSeconds admission plugin, on a
// bare API server. There is no kubelet: the test writes the Nodes and Leases a
// kubelet would and then stops renewing them, as a failed machine does.
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/controllers/node_lifecycle/controller.hpp>
#include <kubesim/controllers/pod_gc/controller.hpp>
#include <kubesim/controllers/taint_eviction/controller.hpp>
#include <kubesim/store/admission.hpp>
#include <kubesim/store/client.hpp>

namespace doctest {
template <>
struct StringMaker<std::optional<kubesim::sim::time_point>> {
    static String convert(const std::optional<kubesim::sim::time_point>& t) {
        if (!t) return "nullopt";
        return kubesim::sim::to_rfc3339(*t, true).c_str();
    }
};
template <>
struct StringMaker<kubesim::sim::time_point> {
    static String convert(const kubesim::sim::time_point& t) { return kubesim::sim::to_rfc3339(t, true).c_str(); }
};
}  // namespace doctest

namespace {

namespace api = kubesim::api;
namespace sim = kubesim::sim;
namespace nlc = kubesim::controllers::node_lifecycle;
namespace tec = kubesim::controllers::taint_eviction;
namespace pgc = kubesim::controllers::pod_gc;
using namespace std::chrono_literals;

sim::time_point at(sim::duration d) { return sim::time_point{} + d; }

api::node_condition condition(std::string type, std::string status, sim::time_point t, std::string reason) {
    return api::node_condition{std::move(type), std::move(status), t, t, std::move(reason), ""};
}

struct env {
    fixture::apiserver api;
    std::optional<nlc::controller> lifecycle;
    std::optional<tec::controller> eviction;

    env() {
        api::namespace_ ns;
        ns.metadata.name = "kube-node-lease";
        api.client<api::namespace_>().create(ns).value();
        kubesim::store::install_default_toleration_seconds(api.store);
    }
    void start(nlc::controller_options opt = {}, bool with_eviction = true) {
        lifecycle.emplace(api.store, opt);
        lifecycle->start();
        if (with_eviction) {
            eviction.emplace(api.store);
            eviction->start();
        }
    }

    // What a kubelet registers: the four conditions, heartbeat now, and its Lease.
    void add_node(const std::string& name, std::map<std::string, std::string> labels = {}) {
        const auto t = api.engine.now();
        api::node n;
        n.metadata.name = name;
        n.metadata.labels = std::move(labels);
        n.status.conditions = {condition("MemoryPressure", "False", t, "KubeletHasSufficientMemory"),
                               condition("DiskPressure", "False", t, "KubeletHasNoDiskPressure"),
                               condition("PIDPressure", "False", t, "KubeletHasSufficientPID"),
                               condition("Ready", "True", t, "KubeletReady")};
        api.client<api::node>("").create(n).value();
        api::lease l;
        l.metadata.name = name;
        l.spec.holder_identity = name;
        l.spec.lease_duration_seconds = 40;
        l.spec.renew_time = t;
        api.client<api::lease>("kube-node-lease").create(l).value();
    }
    void renew(const std::string& name) {
        auto l = api.client<api::lease>("kube-node-lease").get(name).value();
        l.spec.renew_time = api.engine.now();
        api.client<api::lease>("kube-node-lease").update(l).value();
    }
    // The kubelet posts Ready again (a new heartbeat, a new transition).
    void post_ready(const std::string& name) {
        auto n = node(name);
        const auto t = api.engine.now();
        n.status.conditions = {condition("MemoryPressure", "False", t, "KubeletHasSufficientMemory"),
                               condition("DiskPressure", "False", t, "KubeletHasNoDiskPressure"),
                               condition("PIDPressure", "False", t, "KubeletHasSufficientPID"),
                               condition("Ready", "True", t, "KubeletReady")};
        api.client<api::node>("").update_status(n).value();
        renew(name);
    }
    api::node node(const std::string& name) { return api.client<api::node>("").get(name).value(); }
    const api::node_condition* cond(const api::node& n, const std::string& type) {
        for (const auto& c : n.status.conditions)
            if (c.type == type) return &c;
        return nullptr;
    }
    std::optional<api::taint> taint(const std::string& node_name, const std::string& key, const std::string& effect) {
        for (const auto& t : node(node_name).spec.taints)
            if (t.key == key && t.effect == effect) return t;
        return std::nullopt;
    }

    // A running, ready pod bound to the node (what scheduler and kubelet did).
    api::pod add_pod(const std::string& name, const std::string& node_name, std::vector<api::toleration> tolerations = {}) {
        auto p = fixture::pod(name, {{"app", name}});
        p.spec.node_name = node_name;
        p.spec.tolerations = std::move(tolerations);
        auto c = api.client<api::pod>();
        auto created = c.create(p).value();
        auto s = c.get(name).value();
        s.status.phase = "Running";
        api::pod_condition ready;
        ready.type = "Ready";
        ready.status = "True";
        ready.last_transition_time = api.engine.now();
        s.status.conditions = {ready};
        return c.update_status(s).value();
    }
    api::pod pod(const std::string& name) { return api.client<api::pod>().get(name).value(); }
    bool pod_exists(const std::string& name) { return api.client<api::pod>().get(name).has_value(); }

    std::vector<api::event> events(const std::string& reason) {
        std::vector<api::event> out;
        for (auto& e : api.client<api::event>("").list().value().items)
            if (e.reason == reason) out.push_back(std::move(e));
        return out;
    }
    void run_to(sim::duration d) { api.engine.run_until_time(at(d)); }
    // Runs to d while `alive` renews its Lease every 10 s, as a kubelet does.
    sim::duration next_renewal{10s};
    void run_alive(sim::duration d, const std::vector<std::string>& alive) {
        while (next_renewal <= d) {
            run_to(next_renewal);
            for (const auto& n : alive) renew(n);
            next_renewal += 10s;
        }
        run_to(d);
    }
};

api::toleration toleration(std::string key, std::optional<std::int64_t> seconds, std::string effect = "NoExecute") {
    api::toleration t;
    t.key = std::move(key);
    t.operator_ = "Exists";
    t.effect = std::move(effect);
    t.toleration_seconds = seconds;
    return t;
}

}  // namespace

TEST_CASE("node lifecycle: conditions, events, taints and pods of a node that stops") {
    env e;
    e.add_node("node-1");
    e.add_node("node-2");
    e.add_pod("web", "node-1");
    e.start();
    e.run_to(2s);
    e.renew("node-1");  // probe time 5 s (the pass that sees it)
    e.run_alive(59s, {"node-2"});
    CHECK(e.cond(e.node("node-1"), "Ready")->status == "True");
    // 55 s is probe + grace, not later than it: the pass at 60 s acts.
    e.run_alive(60s, {"node-2"});
    auto n = e.node("node-1");
    for (const char* type : {"Ready", "MemoryPressure", "DiskPressure", "PIDPressure"}) {
        CAPTURE(type);
        const auto* c = e.cond(n, type);
        REQUIRE(c);
        CHECK(c->status == "Unknown");
        CHECK(c->reason == "NodeStatusUnknown");
        CHECK(c->message == "Kubelet stopped posting node status.");
        CHECK(c->last_heartbeat_time == at(0s));
        CHECK(c->last_transition_time == at(60s));
    }
    CHECK(e.cond(e.node("node-2"), "Ready")->status == "True");

    auto not_ready = e.events("NodeNotReady");
    REQUIRE(not_ready.size() == 2);
    // The node's event and the pod's.
    const auto& ne = not_ready[0].involved_object.kind == "Node" ? not_ready[0] : not_ready[1];
    const auto& pe = not_ready[0].involved_object.kind == "Node" ? not_ready[1] : not_ready[0];
    CHECK(ne.involved_object.name == "node-1");
    CHECK(ne.type == "Normal");
    CHECK(ne.message == "Node node-1 status is now: NodeNotReady");
    CHECK(ne.source.component == "node-controller");
    CHECK(pe.involved_object.name == "web");
    CHECK(pe.type == "Warning");
    CHECK(pe.message == "Node is not ready");

    auto p = e.pod("web");
    REQUIRE(p.status.conditions.size() == 1);
    CHECK(p.status.conditions[0].status == "False");
    CHECK(p.status.conditions[0].last_transition_time == at(60s));

    // TaintNodesByCondition at once; the NoExecute taint at the next pass.
    auto ns = e.taint("node-1", "node.kubernetes.io/unreachable", "NoSchedule");
    REQUIRE(ns);
    CHECK(ns->time_added == at(60s));
    CHECK_FALSE(e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute"));
    e.run_alive(65s, {"node-2"});
    auto ne_taint = e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute");
    REQUIRE(ne_taint);
    CHECK(ne_taint->time_added == at(65s));
    CHECK(e.node("node-2").spec.taints.empty());
    CHECK(e.lifecycle->zone_states() == std::map<std::string, std::string>{{"", "Normal"}});

    // The pod tolerates unreachable for 300 s (DefaultTolerationSeconds).
    CHECK(e.eviction->scheduled_eviction("default/web") == at(365s));
    e.run_alive(364s, {"node-2"});
    CHECK_FALSE(e.pod("web").metadata.deletion_timestamp);
    e.run_alive(365s, {"node-2"});
    p = e.pod("web");  // Terminating: no kubelet finishes it
    // deletionTimestamp: now + the grace period (30 s).
    CHECK(p.metadata.deletion_timestamp == at(395s));
    const api::pod_condition* dt = nullptr;
    for (const auto& c : p.status.conditions)
        if (c.type == "DisruptionTarget") dt = &c;
    REQUIRE(dt);
    CHECK(dt->status == "True");
    CHECK(dt->reason == "DeletionByTaintManager");
    CHECK(dt->message == "Taint manager: deleting due to NoExecute taint");
    auto ev = e.events("TaintManagerEviction");
    REQUIRE(ev.size() == 1);
    CHECK(ev[0].message == "Marking for deletion Pod default/web");
    CHECK(ev[0].source.component == "taint-eviction-controller");
    CHECK(ev[0].involved_object.uid.empty());
}

TEST_CASE("node lifecycle: a node that comes back loses its taints; pending evictions are cancelled") {
    env e;
    e.add_node("node-1");
    e.add_node("node-2");
    e.add_pod("web", "node-1");
    // Their own unreachable tolerations: admission adds only not-ready.
    e.add_pod("short", "node-1", {toleration("node.kubernetes.io/unreachable", 30)});
    e.add_pod("forever", "node-1", {toleration("node.kubernetes.io/unreachable", std::nullopt)});
    e.start();
    e.run_alive(70s, {"node-2"});
    // Silent since 0: Unknown at 55 (> 0 + 50), NoExecute taint at 60.
    CHECK(e.cond(e.node("node-1"), "Ready")->status == "Unknown");
    CHECK(e.cond(e.node("node-1"), "Ready")->last_transition_time == at(55s));
    REQUIRE(e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute"));
    CHECK(e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute")->time_added == at(60s));
    CHECK(e.eviction->scheduled_eviction("default/web") == at(360s));
    CHECK(e.eviction->scheduled_eviction("default/short") == at(90s));
    CHECK_FALSE(e.eviction->scheduled_eviction("default/forever"));

    e.run_alive(72s, {"node-2"});
    e.post_ready("node-1");
    e.run_to(72s + 1us);
    // The NoSchedule taint follows the condition at once...
    CHECK_FALSE(e.taint("node-1", "node.kubernetes.io/unreachable", "NoSchedule"));
    CHECK(e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute"));
    // ...the NoExecute one goes at the next pass, and the evictions with it.
    e.run_alive(75s, {"node-1", "node-2"});
    CHECK(e.node("node-1").spec.taints.empty());
    CHECK_FALSE(e.eviction->scheduled_eviction("default/web"));
    CHECK_FALSE(e.eviction->scheduled_eviction("default/short"));
    std::vector<std::string> cancelled;
    for (const auto& ev : e.events("TaintManagerEviction")) cancelled.push_back(ev.message);
    std::sort(cancelled.begin(), cancelled.end());
    CHECK(cancelled == std::vector<std::string>{"Cancelling deletion of Pod default/short",
                                                "Cancelling deletion of Pod default/web"});
    e.run_alive(400s, {"node-1", "node-2"});
    CHECK_FALSE(e.pod("web").metadata.deletion_timestamp);
    CHECK_FALSE(e.pod("short").metadata.deletion_timestamp);
}

TEST_CASE("taint eviction: untolerated NoExecute taints delete at once, the smallest tolerationSeconds wins") {
    env e;
    e.add_node("node-1");
    e.add_pod("plain", "node-1");
    e.add_pod("both", "node-1",
              {toleration("example.com/maintenance", 100), toleration("example.com/other", 40)});
    e.add_pod("one", "node-1", {toleration("example.com/maintenance", 100)});
    e.start({}, true);
    e.run_to(10s);
    e.renew("node-1");
    // A user taints the node NoExecute.
    auto n = e.node("node-1");
    api::taint t1{"example.com/maintenance", "", "NoExecute", std::nullopt};
    api::taint t2{"example.com/other", "", "NoExecute", std::nullopt};
    n.spec.taints = {t1, t2};
    e.api.client<api::node>("").update(n).value();
    e.run_to(10s + 1us);
    // Deleted at 10 s: deletionTimestamp is that plus the 30 s grace period.
    CHECK(e.pod("plain").metadata.deletion_timestamp == at(40s));
    CHECK(e.pod("one").metadata.deletion_timestamp == at(40s));  // does not tolerate example.com/other
    CHECK_FALSE(e.pod("both").metadata.deletion_timestamp);
    CHECK(e.eviction->scheduled_eviction("default/both") == at(50s));
    e.run_to(49s);
    e.renew("node-1");
    CHECK_FALSE(e.pod("both").metadata.deletion_timestamp);
    e.run_to(50s);
    CHECK(e.pod("both").metadata.deletion_timestamp == at(80s));
    CHECK(tec::controller::min_toleration_seconds({}) == 0);
    CHECK(tec::controller::min_toleration_seconds({toleration("a", std::nullopt)}) == -1);
    CHECK(tec::controller::min_toleration_seconds({toleration("a", 7), toleration("b", std::nullopt)}) == 7);
    CHECK(tec::controller::min_toleration_seconds({toleration("a", 7), toleration("b", -1)}) == 0);
}

TEST_CASE("node lifecycle: one NoExecute taint per 10 s per zone; no taints when every node is down") {
    SUBCASE("two of three nodes fail: tainted 10 s apart") {
        env e;
        for (const char* n : {"node-1", "node-2", "node-3"}) e.add_node(n);
        e.start();
        for (int s = 10; s <= 80; s += 10) {
            e.run_to(std::chrono::seconds(s));
            e.renew("node-3");
        }
        e.run_to(80s);
        auto a = e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute");
        auto b = e.taint("node-2", "node.kubernetes.io/unreachable", "NoExecute");
        REQUIRE(a);
        REQUIRE(b);
        CHECK(a->time_added == at(60s));
        CHECK(b->time_added == at(70s));
        CHECK(e.lifecycle->zone_states() == std::map<std::string, std::string>{{"", "Normal"}});
    }
    SUBCASE("every node fails: full disruption, no NoExecute taint") {
        env e;
        e.add_node("node-1");
        e.add_node("node-2");
        e.start();
        e.run_to(120s);
        CHECK(e.cond(e.node("node-1"), "Ready")->status == "Unknown");
        CHECK(e.taint("node-1", "node.kubernetes.io/unreachable", "NoSchedule"));
        CHECK_FALSE(e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute"));
        CHECK_FALSE(e.taint("node-2", "node.kubernetes.io/unreachable", "NoExecute"));
        CHECK(e.lifecycle->zone_states() == std::map<std::string, std::string>{{"", "FullDisruption"}});
        // One node comes back: evictions resume with fresh probe times.
        e.post_ready("node-2");
        e.run_to(125s);
        CHECK(e.lifecycle->zone_states() == std::map<std::string, std::string>{{"", "Normal"}});
        // The new limiter starts drained (the stopped one had no token): the
        // first taint comes 10 s later.
        e.run_to(134s);
        CHECK_FALSE(e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute"));
        e.run_to(135s);
        auto t = e.taint("node-1", "node.kubernetes.io/unreachable", "NoExecute");
        REQUIRE(t);
        CHECK(t->time_added == at(135s));
    }
    SUBCASE("zones are separate: a lost zone is fully disrupted, the other goes on") {
        env e;
        e.add_node("a-1", {{"topology.kubernetes.io/zone", "a"}});
        e.add_node("b-1", {{"topology.kubernetes.io/zone", "b"}});
        e.start();
        for (int s = 10; s <= 70; s += 10) {
            e.run_to(std::chrono::seconds(s));
            e.renew("b-1");
        }
        auto states = e.lifecycle->zone_states();
        CHECK(states.size() == 2);
        std::vector<std::string> values;
        for (const auto& [k, v] : states) values.push_back(v);
        std::sort(values.begin(), values.end());
        CHECK(values == std::vector<std::string>{"FullDisruption", "Normal"});
        // Not every zone is down: the lost one's node is tainted all the same
        // (a fully disrupted zone keeps the normal rate).
        CHECK(e.taint("a-1", "node.kubernetes.io/unreachable", "NoExecute"));
    }
}

TEST_CASE("node lifecycle: a node that never posted a status; unschedulable and label reconciliation") {
    env e;
    api::node bare;
    bare.metadata.name = "bare";
    bare.metadata.labels = {{"kubernetes.io/os", "linux"}};
    e.api.client<api::node>("").create(bare).value();
    e.add_node("node-1");
    e.start();
    e.run_to(1s);
    // reconcileNodeLabels: the beta label follows the stable one.
    CHECK(e.node("bare").metadata.labels.at("beta.kubernetes.io/os") == "linux");
    for (int s = 10; s <= 70; s += 10) {
        e.run_to(std::chrono::seconds(s));
        e.renew("node-1");
    }
    // No Ready condition: the startup grace (60 s) from creation, at the first pass after 60 s.
    auto n = e.node("bare");
    const auto* ready = e.cond(n, "Ready");
    REQUIRE(ready);
    CHECK(ready->status == "Unknown");
    CHECK(ready->reason == "NodeStatusNeverUpdated");
    CHECK(ready->message == "Kubelet never posted node status.");
    CHECK(ready->last_heartbeat_time == at(0s));
    CHECK(ready->last_transition_time == at(65s));
    CHECK(n.status.conditions.size() == 4);

    // Cordon: TaintNodesByCondition adds node.kubernetes.io/unschedulable.
    auto one = e.node("node-1");
    one.spec.unschedulable = true;
    e.api.client<api::node>("").update(one).value();
    e.run_to(71s);
    auto t = e.taint("node-1", "node.kubernetes.io/unschedulable", "NoSchedule");
    REQUIRE(t);
    CHECK(t->time_added == at(70s));
    one = e.node("node-1");
    one.spec.unschedulable = false;
    e.api.client<api::node>("").update(one).value();
    e.run_to(72s);
    CHECK_FALSE(e.taint("node-1", "node.kubernetes.io/unschedulable", "NoSchedule"));
}

TEST_CASE("node lifecycle: the default grace period follows the Kubernetes version") {
    CHECK(nlc::default_node_monitor_grace_period("v1.31.4") == 40s);
    CHECK(nlc::default_node_monitor_grace_period("v1.32.0") == 50s);
    CHECK(nlc::default_node_monitor_grace_period("v1.33.0") == 50s);
    CHECK(nlc::default_node_monitor_grace_period("") == 50s);
}

TEST_CASE("DefaultTolerationSeconds admission") {
    fixture::apiserver api;
    kubesim::store::install_default_toleration_seconds(api.store);
    auto c = api.client<api::pod>();
    auto p = c.create(fixture::pod("plain")).value();
    REQUIRE(p.spec.tolerations.size() == 2);
    CHECK(p.spec.tolerations[0] == toleration("node.kubernetes.io/not-ready", 300));
    CHECK(p.spec.tolerations[1] == toleration("node.kubernetes.io/unreachable", 300));

    // Its own unreachable toleration stays; only not-ready is added.
    auto own = fixture::pod("own");
    own.spec.tolerations = {toleration("node.kubernetes.io/unreachable", 60)};
    p = c.create(own).value();
    REQUIRE(p.spec.tolerations.size() == 2);
    CHECK(p.spec.tolerations[0] == toleration("node.kubernetes.io/unreachable", 60));
    CHECK(p.spec.tolerations[1] == toleration("node.kubernetes.io/not-ready", 300));

    // A toleration of every taint: nothing added. A NoSchedule one does not count.
    auto all = fixture::pod("all");
    api::toleration everything;
    everything.operator_ = "Exists";
    all.spec.tolerations = {everything};
    CHECK(c.create(all).value().spec.tolerations.size() == 1);
    auto ns = fixture::pod("noschedule");
    ns.spec.tolerations = {toleration("node.kubernetes.io/not-ready", std::nullopt, "NoSchedule")};
    CHECK(c.create(ns).value().spec.tolerations.size() == 3);

    // An update keeps them, and does not add them twice.
    p = c.get("plain").value();
    p.metadata.labels["x"] = "y";
    CHECK(c.update(p).value().spec.tolerations.size() == 2);

    // The option's seconds.
    fixture::apiserver api2;
    kubesim::store::install_default_toleration_seconds(api2.store, {30, 45});
    p = api2.client<api::pod>().create(fixture::pod("p")).value();
    CHECK(p.spec.tolerations[0].toleration_seconds == 30);
    CHECK(p.spec.tolerations[1].toleration_seconds == 45);
}

TEST_CASE("pod GC: orphans after 40 s of quarantine, unscheduled terminating pods, the terminated threshold") {
    fixture::apiserver api;
    api::node n;
    n.metadata.name = "node-1";
    api.client<api::node>("").create(n).value();
    auto pods = api.client<api::pod>();
    auto orphan = fixture::pod("orphan");
    orphan.spec.node_name = "node-1";
    pods.create(orphan).value();
    auto keep = fixture::pod("keep");
    keep.metadata.finalizers = {"example.com/keep"};
    pods.create(keep).value();

    pgc::controller_options opt;
    opt.terminated_pod_threshold = 2;
    pgc::controller gc(api.store, opt);
    gc.start();
    std::vector<std::string> seen;
    auto w = pods.watch({}, [&](const kubesim::watch_event<api::pod>& ev) {
        if (ev.object.metadata.name != "orphan") return;
        std::string s = ev.type + " " + ev.object.status.phase;
        for (const auto& c : ev.object.status.conditions)
            if (c.type == "DisruptionTarget") s += " " + c.reason + ": " + c.message;
        seen.push_back(s);
    });
    api.engine.run_until_time(at(3s));
    api.client<api::node>("").remove("node-1").value();
    (void)pods.remove("keep");  // a finalizer holds it: terminating, never scheduled
    // Passes at 0, 20, 40, 60: the pass at 20 quarantines node-1 until 60.
    api.engine.run_until_time(at(20s));
    CHECK(pods.get("keep").value().status.phase == "Failed");
    api.engine.run_until_time(at(59s));
    CHECK(pods.get("orphan").has_value());
    api.engine.run_until_time(at(60s));
    CHECK_FALSE(pods.get("orphan").has_value());
    REQUIRE(seen.size() >= 2);
    CHECK(seen[seen.size() - 2] == "MODIFIED Failed DeletionByPodGC: PodGC: node no longer exists");
    CHECK(seen.back() == "DELETED Failed DeletionByPodGC: PodGC: node no longer exists");

    // Terminated pods beyond the threshold (2): evicted first, then the oldest.
    auto finished = [&](const std::string& name, const std::string& phase, const std::string& reason) {
        pods.create(fixture::pod(name)).value();
        auto p = pods.get(name).value();
        p.status.phase = phase;
        p.status.reason = reason;
        pods.update_status(p).value();
        api.engine.run_for(1s);
    };
    finished("done-1", "Succeeded", "");
    finished("done-2", "Failed", "");
    finished("done-3", "Succeeded", "");
    finished("evicted", "Failed", "Evicted");
    // "keep" (Failed, the oldest) counts too: 5 terminated, 3 deleted.
    api.engine.run_until_time(at(80s));
    CHECK_FALSE(pods.get("evicted").has_value());
    CHECK_FALSE(pods.get("done-1").has_value());
    CHECK(pods.get("done-2").has_value());
    CHECK(pods.get("done-3").has_value());
    CHECK(pods.get("keep").has_value());  // deleted again, but its finalizer holds it
    CHECK(gc.passes() == 5);
}
