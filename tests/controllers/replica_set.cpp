// The ReplicaSet controller (controllers/replica_set): pods, events and status
// as a user sees them through the API. There is no kubelet or scheduler here:
// pods are bound and given a Running/Ready status by the test, as those would.
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <kubesim/controllers/replica_set/controller.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/kind_ops.hpp>

namespace {

namespace api = kubesim::api;
namespace rsc = kubesim::controllers::replica_set;
using namespace std::chrono_literals;

api::replica_set make_rs(const std::string& name, int replicas, std::map<std::string, std::string> extra_labels = {}) {
    api::replica_set rs;
    rs.metadata.name = name;
    rs.spec.replicas = replicas;
    std::map<std::string, std::string> sel{{"app", "web"}};
    for (const auto& [k, v] : extra_labels) sel[k] = v;
    rs.spec.selector = api::label_selector{.match_labels = sel, .match_expressions = {}};
    rs.spec.template_.metadata.labels = sel;
    api::container c;
    c.name = "app";
    c.image = "nginx:1.27";
    rs.spec.template_.spec.containers.push_back(c);
    return rs;
}

struct recorded {
    std::string type;
    std::string message;
    std::int32_t count{0};
};

struct env {
    fixture::apiserver api;
    rsc::controller ctl;

    explicit env(rsc::controller_options opt = {}) : ctl(api.store, opt) { ctl.start(); }

    kubesim::client<api::pod> pod_client(const std::string& ns = "default") { return api.client<api::pod>(ns); }
    kubesim::client<api::replica_set> rs_client(const std::string& ns = "default") {
        return api.client<api::replica_set>(ns);
    }

    api::replica_set create(const api::replica_set& rs, const std::string& ns = "default") {
        return rs_client(ns).create(rs).value();
    }
    api::replica_set get(const std::string& name = "web", const std::string& ns = "default") {
        return rs_client(ns).get(name).value();
    }
    void scale(int replicas, const std::string& name = "web") {
        auto rs = get(name);
        rs.spec.replicas = replicas;
        rs_client().update(rs).value();
    }

    // Every pod of the namespace, by name.
    std::vector<api::pod> pods(const std::string& ns = "default") { return pod_client(ns).list().value().items; }
    // Pods not being deleted.
    std::vector<api::pod> live_pods(const std::string& ns = "default") {
        std::vector<api::pod> out;
        for (auto& p : pods(ns))
            if (!p.metadata.deletion_timestamp) out.push_back(std::move(p));
        return out;
    }
    std::vector<std::string> live_names(const std::string& ns = "default") {
        std::vector<std::string> out;
        for (const auto& p : live_pods(ns)) out.push_back(p.metadata.name);
        return out;
    }

    // Events about ReplicaSet `object` with `reason`, oldest first.
    std::vector<recorded> events(const std::string& reason, const std::string& object = "web",
                                 const std::string& ns = "default") {
        std::vector<recorded> out;
        for (const auto& e : api.client<api::event>(ns).list().value().items) {
            if (e.reason != reason || e.involved_object.name != object) continue;
            CHECK(e.involved_object.kind == "ReplicaSet");
            CHECK(e.source.component == "replicaset-controller");
            out.push_back({e.type, e.message, e.count});
        }
        return out;
    }
    std::vector<std::string> messages(const std::string& reason, const std::string& object = "web") {
        std::vector<std::string> out;
        for (const auto& e : events(reason, object)) out.push_back(e.message);
        return out;
    }

    // What the scheduler and a kubelet would write: bound to `node` (none when
    // empty), phase Running, Ready (or not) since now.
    void run_pod(const std::string& name, const std::string& node, bool ready) {
        auto c = pod_client();
        if (!node.empty()) c.bind(name, node).value();
        auto p = c.get(name).value();
        p.status.phase = "Running";
        api::pod_condition cond;
        cond.type = "Ready";
        cond.status = ready ? "True" : "False";
        cond.last_transition_time = api.engine.now();
        p.status.conditions = {cond};
        c.update_status(p).value();
    }
};

bool generated_from(const std::string& name, const std::string& prefix) {
    if (name.size() != prefix.size() + 5 || name.compare(0, prefix.size(), prefix) != 0) return false;
    return std::all_of(name.begin() + static_cast<std::ptrdiff_t>(prefix.size()), name.end(), [](char ch) {
        return std::string_view("bcdfghjklmnpqrstvwxz2456789").find(ch) != std::string_view::npos;
    });
}

const api::replica_set_condition* failure_condition(const api::replica_set& rs) {
    for (const auto& c : rs.status.conditions)
        if (c.type == "ReplicaFailure") return &c;
    return nullptr;
}

}  // namespace

TEST_SUITE("controllers/replica_set") {

TEST_CASE("ReplicaSet creates spec.replicas pods named <rs>-xxxxx with its owner reference, labels and events") {
    env e;
    const auto rs = e.create(make_rs("web", 3));
    e.api.drain();

    const auto pods = e.pods();
    REQUIRE(pods.size() == 3);
    std::vector<std::string> expected_messages;
    for (const auto& p : pods) {
        CHECK(generated_from(p.metadata.name, "web-"));
        CHECK(p.metadata.generate_name == "web-");
        CHECK(p.metadata.labels == std::map<std::string, std::string>{{"app", "web"}});
        REQUIRE(p.metadata.owner_references.size() == 1);
        const auto& ref = p.metadata.owner_references[0];
        CHECK(ref.api_version == "apps/v1");
        CHECK(ref.kind == "ReplicaSet");
        CHECK(ref.name == "web");
        CHECK(ref.uid == rs.metadata.uid);
        CHECK(ref.controller == std::optional<bool>(true));
        CHECK(ref.block_owner_deletion == std::optional<bool>(true));
        CHECK(p.spec.containers[0].image == "nginx:1.27");
        expected_messages.push_back("Created pod: " + p.metadata.name);
    }
    auto created = e.events("SuccessfulCreate");
    REQUIRE(created.size() == 3);
    std::vector<std::string> got;
    for (const auto& ev : created) {
        CHECK(ev.type == "Normal");
        got.push_back(ev.message);
    }
    std::sort(got.begin(), got.end());
    CHECK(got == expected_messages);

    const auto cur = e.get();
    CHECK(cur.status.replicas == 3);
    CHECK(cur.status.fully_labeled_replicas == 3);
    CHECK(cur.status.ready_replicas == 0);
    CHECK(cur.status.available_replicas == 0);
    CHECK(cur.status.observed_generation == cur.metadata.generation);
    CHECK(cur.status.conditions.empty());
    CHECK(!cur.status.terminating_replicas);
}

TEST_CASE("ReplicaSet status: ready as pods turn ready, available only after minReadySeconds") {
    env e;
    auto rs = make_rs("web", 2);
    rs.spec.min_ready_seconds = 10;
    e.create(rs);
    e.api.drain();
    auto names = e.live_names();
    REQUIRE(names.size() == 2);

    e.api.engine.run_for(1s);  // t = 1s
    e.run_pod(names[0], "node-1", true);
    e.api.engine.run_for(9s);  // t = 10s: ready for 9s
    auto cur = e.get();
    CHECK(cur.status.replicas == 2);
    CHECK(cur.status.fully_labeled_replicas == 2);
    CHECK(cur.status.ready_replicas == 1);
    CHECK(cur.status.available_replicas == 0);
    e.api.engine.run_for(1s);  // t = 11s: ready for 10s
    CHECK(e.get().status.available_replicas == 1);

    e.run_pod(names[1], "node-1", true);  // all ready now; the second one is not yet available
    e.api.engine.run_for(9s);             // t = 20s
    cur = e.get();
    CHECK(cur.status.ready_replicas == 2);
    CHECK(cur.status.available_replicas == 1);
    e.api.engine.run_for(1s);  // t = 21s
    CHECK(e.get().status.available_replicas == 2);

    // A pod that stops being ready stops counting at once.
    e.run_pod(names[0], "", false);
    e.api.drain();
    cur = e.get();
    CHECK(cur.status.ready_replicas == 1);
    CHECK(cur.status.available_replicas == 1);

    // observedGeneration follows spec changes.
    const auto before = cur.metadata.generation;
    e.scale(3);
    e.api.drain();
    cur = e.get();
    CHECK(cur.metadata.generation == before + 1);
    CHECK(cur.status.observed_generation == cur.metadata.generation);
    CHECK(cur.status.replicas == 3);
}

TEST_CASE("ReplicaSet scale down deletes in upstream rank order: unscheduled, not ready, newer") {
    env e;
    e.create(make_rs("web", 2));
    e.api.drain();
    const auto old_pods = e.live_names();  // created at t = 0
    REQUIRE(old_pods.size() == 2);
    e.api.engine.run_for(100s);
    e.scale(4);
    e.api.drain();
    std::vector<std::string> new_pods;  // created at t = 100s
    for (const auto& n : e.live_names())
        if (std::find(old_pods.begin(), old_pods.end(), n) == old_pods.end()) new_pods.push_back(n);
    REQUIRE(new_pods.size() == 2);

    e.api.engine.run_for(50s);                 // t = 150s
    e.run_pod(old_pods[0], "node-1", false);   // Running, not ready
    e.run_pod(old_pods[1], "node-1", true);    // Running, ready, old
    e.run_pod(new_pods[1], "node-2", true);    // Running, ready, new
    // new_pods[0] stays unscheduled and Pending.
    e.api.engine.run_for(50s);                 // t = 200s: ages 200s and 100s
    CHECK(e.get().status.ready_replicas == 2);

    e.scale(3);
    e.api.drain();
    CHECK(e.messages("SuccessfulDelete") == std::vector<std::string>{"Deleted pod: " + new_pods[0]});
    e.scale(2);
    e.api.drain();
    CHECK(e.messages("SuccessfulDelete").back() == "Deleted pod: " + old_pods[0]);
    e.scale(1);
    e.api.drain();
    CHECK(e.messages("SuccessfulDelete").back() == "Deleted pod: " + new_pods[1]);
    CHECK(e.messages("SuccessfulDelete").size() == 3);

    CHECK(e.live_names() == std::vector<std::string>{old_pods[1]});
    // The unscheduled pod is gone at once; the bound ones wait for their kubelet.
    CHECK(e.pods().size() == 3);
    const auto cur = e.get();
    CHECK(cur.status.replicas == 1);
    CHECK(cur.status.ready_replicas == 1);
}

TEST_CASE("ReplicaSet scale down honours controller.kubernetes.io/pod-deletion-cost") {
    env e;
    e.create(make_rs("web", 3));
    e.api.drain();
    const auto names = e.live_names();
    REQUIRE(names.size() == 3);
    auto annotate = [&](const std::string& name, const std::string& cost) {
        auto p = e.pod_client().get(name).value();
        p.metadata.annotations["controller.kubernetes.io/pod-deletion-cost"] = cost;
        e.pod_client().update(p).value();
    };
    annotate(names[0], "100");
    annotate(names[2], "-5");  // names[1] has none: cost 0
    e.api.drain();

    e.scale(2);
    e.api.drain();
    CHECK(e.messages("SuccessfulDelete") == std::vector<std::string>{"Deleted pod: " + names[2]});
    e.scale(1);
    e.api.drain();
    CHECK(e.messages("SuccessfulDelete").back() == "Deleted pod: " + names[1]);
    CHECK(e.live_names() == std::vector<std::string>{names[0]});
}

TEST_CASE("ReplicaSet owned by a Deployment deletes first where its sibling ReplicaSets double up") {
    env e;
    const auto d = e.api.client<api::deployment>().create(fixture::deployment("web", 0)).value();
    api::owner_reference ref{"apps/v1", "Deployment", "web", d.metadata.uid, true, true};
    auto fresh = make_rs("web-new", 2, {{"pod-template-hash", "new"}});
    fresh.metadata.owner_references = {ref};
    auto old = make_rs("web-old", 2, {{"pod-template-hash", "old"}});
    old.metadata.owner_references = {ref};
    e.create(fresh);
    e.create(old);
    e.api.drain();

    std::vector<std::string> fresh_pods;
    for (const auto& p : e.live_pods()) {
        const auto& owner = p.metadata.owner_references[0].name;
        if (owner == "web-new") fresh_pods.push_back(p.metadata.name);
        else e.run_pod(p.metadata.name, "node-a", true);  // both old pods on node-a
    }
    REQUIRE(fresh_pods.size() == 2);
    // By name alone the first would go; the second shares node-a with two
    // related pods and so ranks higher.
    e.run_pod(fresh_pods[0], "node-b", true);
    e.run_pod(fresh_pods[1], "node-a", true);
    e.api.drain();

    e.scale(1, "web-new");
    e.api.drain();
    CHECK(e.messages("SuccessfulDelete", "web-new") == std::vector<std::string>{"Deleted pod: " + fresh_pods[1]});
    CHECK(e.messages("SuccessfulDelete", "web-old").empty());
}

TEST_CASE("ReplicaSet scaled through the scale subresource") {
    env e;
    e.create(make_rs("web", 2));
    e.api.drain();
    auto s = e.rs_client().get_scale("web").value();
    CHECK(s.spec.replicas == 2);
    CHECK(s.status.replicas == 2);
    CHECK(s.status.selector == "app=web");

    s.spec.replicas = 5;
    e.rs_client().update_scale("web", s).value();
    e.api.drain();
    CHECK(e.live_pods().size() == 5);
    s = e.rs_client().get_scale("web").value();
    CHECK(s.spec.replicas == 5);
    CHECK(s.status.replicas == 5);

    s.spec.replicas = 1;
    e.rs_client().update_scale("web", s).value();
    e.api.drain();
    CHECK(e.live_pods().size() == 1);
    CHECK(e.events("SuccessfulDelete").size() == 4);
    CHECK(e.get().status.replicas == 1);
}

TEST_CASE("ReplicaSet expectations: no double creation while the pod watch lags") {
    env e;
    e.create(make_rs("web", 3));
    // Step until the first sync has run: its three pods exist, but their watch
    // events have not reached the controller's cache yet.
    while (e.ctl.syncs() == 0 && e.api.engine.step()) {
    }
    REQUIRE(e.ctl.syncs() == 1);
    CHECK(e.pods().size() == 3);
    const auto* exp = e.ctl.expectations().get_expectations("default/web");
    REQUIRE(exp != nullptr);
    CHECK(exp->add == 3);

    // Two more reconciles on the stale cache create nothing.
    CHECK(!e.ctl.sync_replica_set("default/web"));
    CHECK(!e.ctl.sync_replica_set("default/web"));
    CHECK(e.pods().size() == 3);

    e.api.drain();
    CHECK(e.pods().size() == 3);
    CHECK(e.events("SuccessfulCreate").size() == 3);
    CHECK(e.ctl.expectations().satisfied_expectations("default/web", e.api.engine.now()));
    CHECK(e.get().status.replicas == 3);
}

TEST_CASE("ReplicaSet slow start: after a failed create the rest of the batches are skipped") {
    env e;
    // An admission check that lets three pods through, then refuses (as a
    // pod quota of 3 would).
    int creates = 0;
    kubesim::store::kind_hooks hooks;
    hooks.before_write = [&](void*, const void* old) -> api::field::error_list {
        if (old != nullptr) return {};
        if (++creates <= 3) return {};
        return {api::field::forbidden(api::field::path("metadata"), "exceeded quota: pods")};
    };
    e.api.store.set_hooks(kubesim::store::kind_ops_of<api::pod>(), hooks);

    e.create(make_rs("web", 10));
    while (e.ctl.syncs() == 0 && e.api.engine.step()) {
    }
    // Batches of 1 and 2 succeed; the batch of 4 fails; the last 3 are never tried.
    CHECK(creates == 7);
    CHECK(e.pods().size() == 3);
    const auto failed = e.events("FailedCreate");
    REQUIRE(failed.size() == 4);
    CHECK(failed[0].type == "Warning");
    CHECK(failed[0].message.rfind("Error creating: Pod \"web-", 0) == 0);
    CHECK(failed[0].message.find("metadata: Forbidden: exceeded quota: pods") != std::string::npos);

    auto cur = e.get();
    const auto* cond = failure_condition(cur);
    REQUIRE(cond != nullptr);
    CHECK(cond->status == "True");
    CHECK(cond->reason == "FailedCreate");
    std::set<std::string> failure_messages;
    for (const auto& f : failed) failure_messages.insert(f.message.substr(std::string("Error creating: ").size()));
    CHECK(failure_messages.count(cond->message) == 1);
    CHECK(cur.status.replicas == 0);  // written before the watch brought the three pods
    e.api.engine.run_for(1ms);
    CHECK(e.get().status.replicas == 3);

    // Retries back off and start again at a batch of one.
    const int before = creates;
    e.api.engine.run_for(1s);
    CHECK(creates > before);
    CHECK(creates - before < 20);
    CHECK(e.pods().size() == 3);

    // Quota lifted: the next retry creates the rest and clears the condition.
    e.api.store.set_hooks(kubesim::store::kind_ops_of<api::pod>(), {});
    e.api.engine.run_for(60s);
    CHECK(e.live_pods().size() == 10);
    cur = e.get();
    CHECK(failure_condition(cur) == nullptr);
    CHECK(cur.status.replicas == 10);
}

TEST_CASE("ReplicaSet ReplicaFailure condition carries the API's message and clears when creates succeed") {
    env e;
    auto rs = make_rs("web", 5);
    rs.spec.template_.metadata.finalizers = {"example"};  // templates may carry it; pods may not
    e.create(rs);
    while (e.ctl.syncs() == 0 && e.api.engine.step()) {
    }
    CHECK(e.pods().empty());
    const auto failed = e.events("FailedCreate");
    REQUIRE(failed.size() == 1);  // a batch of one, then nothing more
    CHECK(failed[0].count == 1);
    const std::string suffix =
        "is invalid: metadata.finalizers[0]: Invalid value: \"example\": name is neither a standard finalizer name "
        "nor is it fully qualified";
    CHECK(failed[0].message.rfind("Error creating: Pod \"web-", 0) == 0);
    CHECK(failed[0].message.find(suffix) != std::string::npos);
    auto cur = e.get();
    const auto* cond = failure_condition(cur);
    REQUIRE(cond != nullptr);
    CHECK(cond->type == "ReplicaFailure");
    CHECK(cond->status == "True");
    CHECK(cond->reason == "FailedCreate");
    CHECK("Error creating: " + cond->message == failed[0].message);
    CHECK(cond->last_transition_time == std::optional<api::time>(e.api.engine.now()));
    const auto since = cond->last_transition_time;

    // Still failing later: the condition stays as it was first set.
    e.api.engine.run_for(2s);
    cur = e.get();
    REQUIRE(failure_condition(cur) != nullptr);
    CHECK(failure_condition(cur)->last_transition_time == since);

    cur.spec.template_.metadata.finalizers.clear();
    e.rs_client().update(cur).value();
    e.api.engine.run_for(60s);
    CHECK(e.live_pods().size() == 5);
    CHECK(failure_condition(e.get()) == nullptr);
}

TEST_CASE("ReplicaSet in a terminating namespace: refused creates are neither events nor failures") {
    env e;
    e.create(make_rs("web", 0), "other");
    e.api.drain();
    e.api.client<api::namespace_>("").remove("other").value();
    REQUIRE(e.api.client<api::namespace_>("").get("other").value().status.phase == "Terminating");

    auto rs = e.get("web", "other");
    rs.spec.replicas = 2;
    e.rs_client("other").update(rs).value();
    e.api.drain();
    CHECK(e.pods("other").empty());
    const auto cur = e.get("web", "other");
    CHECK(failure_condition(cur) == nullptr);
    CHECK(cur.status.replicas == 0);
    CHECK(e.ctl.queue().num_requeues("other/web") == 0);
}

TEST_CASE("ReplicaSet adopts a matching orphan instead of creating a pod") {
    env e;
    auto orphan = fixture::pod("stray", {{"app", "web"}});
    e.pod_client().create(orphan).value();
    auto rs = make_rs("web", 3);
    rs.spec.template_.metadata.labels["tier"] = "frontend";  // the orphan lacks it
    const auto created = e.create(rs);
    e.api.drain();

    const auto stray = e.pod_client().get("stray").value();
    REQUIRE(stray.metadata.owner_references.size() == 1);
    CHECK(stray.metadata.owner_references[0].kind == "ReplicaSet");
    CHECK(stray.metadata.owner_references[0].uid == created.metadata.uid);
    CHECK(stray.metadata.owner_references[0].controller == std::optional<bool>(true));
    CHECK(e.pods().size() == 3);
    CHECK(e.events("SuccessfulCreate").size() == 2);
    const auto cur = e.get();
    CHECK(cur.status.replicas == 3);
    CHECK(cur.status.fully_labeled_replicas == 2);

    // An orphan arriving later is adopted too, and the surplus deleted.
    e.pod_client().create(fixture::pod("late", {{"app", "web"}})).value();
    e.api.drain();
    CHECK(e.live_pods().size() == 3);
    CHECK(e.events("SuccessfulDelete").size() == 1);
}

TEST_CASE("ReplicaSet releases a pod whose labels stop matching and replaces it") {
    env e;
    e.create(make_rs("web", 2));
    e.api.drain();
    const auto names = e.live_names();
    REQUIRE(names.size() == 2);

    auto p = e.pod_client().get(names[0]).value();
    p.metadata.labels = {{"app", "debug"}};
    e.pod_client().update(p).value();
    e.api.drain();

    CHECK(e.pod_client().get(names[0]).value().metadata.owner_references.empty());
    CHECK(e.pods().size() == 3);
    CHECK(e.events("SuccessfulCreate").size() == 3);
    int owned = 0;
    for (const auto& q : e.pods())
        if (!q.metadata.owner_references.empty()) ++owned;
    CHECK(owned == 2);
    CHECK(e.get().status.replicas == 2);
}

TEST_CASE("ReplicaSet never touches a matching pod controlled by someone else") {
    env e;
    auto foreign = fixture::pod("foreign", {{"app", "web"}});
    foreign.metadata.owner_references = {
        api::owner_reference{"v1", "ReplicationController", "legacy", "0b5c7a1e-6f0d-4c1e-9a77-1d2a3b4c5d6e", true, {}}};
    e.pod_client().create(foreign).value();
    e.create(make_rs("web", 2));
    e.api.drain();
    CHECK(e.pods().size() == 3);
    CHECK(e.events("SuccessfulCreate").size() == 2);
    CHECK(e.get().status.replicas == 2);

    e.scale(0);
    e.api.drain();
    const auto left = e.pods();
    REQUIRE(left.size() == 1);
    CHECK(left[0].metadata.name == "foreign");
    CHECK(left[0].metadata.owner_references[0].name == "legacy");
    CHECK(e.events("SuccessfulDelete").size() == 2);
}

TEST_CASE("ReplicaSet replaces a deleted pod, and a terminating one without waiting for it to go") {
    env e;
    e.create(make_rs("web", 2));
    e.api.drain();
    auto names = e.live_names();
    REQUIRE(names.size() == 2);

    e.pod_client().remove(names[0]).value();  // unscheduled: gone at once
    e.api.drain();
    CHECK(e.live_pods().size() == 2);
    CHECK(e.events("SuccessfulCreate").size() == 3);

    names = e.live_names();
    e.run_pod(names[0], "node-1", true);
    e.pod_client().remove(names[0]).value();  // bound: terminating for its grace period
    e.api.drain();
    CHECK(e.pods().size() == 3);
    CHECK(e.live_pods().size() == 2);
    CHECK(e.events("SuccessfulCreate").size() == 4);
    CHECK(e.get().status.replicas == 2);
}

TEST_CASE("ReplicaSet burstReplicas caps the creates of one sync") {
    rsc::controller_options opt;
    opt.burst_replicas = 4;
    env e(opt);
    e.create(make_rs("web", 10));
    e.api.engine.run_for(1ms);
    CHECK(e.pods().size() == 10);  // 4, then 4 more once observed, then 2
    CHECK(e.ctl.syncs() >= 3);
    e.api.drain();
    CHECK(e.events("SuccessfulCreate").size() == 10);
}

TEST_CASE("ReplicaSet deleted: its expectations are dropped and nothing is recreated") {
    env e;
    e.create(make_rs("web", 2));
    e.api.drain();
    e.rs_client().remove("web").value();
    e.api.drain();
    CHECK(e.ctl.expectations().get_expectations("default/web") == nullptr);
    // No garbage collector runs here: the pods stay, their owner reference dangling.
    CHECK(e.pods().size() == 2);
}

}  // TEST_SUITE
