// The garbage collector (controllers/garbage_collector): Background, Foreground
// and Orphan propagation, dangling owners, and the DeleteOptions checks, observed
// through the store. No workload controller runs: owners and dependents are
// written directly, and the kubelet's final delete of a pod is simulated.
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/controllers/garbage_collector/garbage_collector.hpp>
#include <kubesim/store/client.hpp>

namespace {

namespace api = kubesim::api;
namespace gc = kubesim::controllers::garbage_collector;
using namespace std::chrono_literals;


template <class Kind>
api::owner_reference ref_to(const Kind& owner, std::optional<bool> block = std::nullopt,
                            std::optional<bool> controller = std::nullopt) {
    api::owner_reference r;
    r.api_version = std::string(Kind::api_version);
    r.kind = std::string(Kind::kind);
    r.name = owner.metadata.name;
    r.uid = owner.metadata.uid;
    r.block_owner_deletion = block;
    r.controller = controller;
    return r;
}

api::replica_set replica_set(std::string name) {
    api::replica_set rs;
    rs.metadata.name = std::move(name);
    rs.spec.replicas = 0;
    rs.spec.selector = api::label_selector{.match_labels = {{"app", rs.metadata.name}}, .match_expressions = {}};
    rs.spec.template_.metadata.labels = {{"app", rs.metadata.name}};
    api::container c;
    c.name = "app";
    c.image = "nginx:1.27";
    rs.spec.template_.spec.containers.push_back(c);
    return rs;
}

struct env {
    fixture::apiserver api;
    gc::garbage_collector collector{api.store, fixture::all_kinds()};
    env() {
        collector.start();
        api.drain();
    }

    template <class Kind>
    bool exists(const std::string& name, const std::string& ns = "default") {
        return static_cast<bool>(api.client<Kind>(ns).get(name));
    }
    api::config_map config_map(const std::string& name, std::vector<api::owner_reference> owners = {},
                               std::vector<std::string> finalizers = {}) {
        auto cm = fixture::config_map(name);
        cm.metadata.owner_references = std::move(owners);
        cm.metadata.finalizers = std::move(finalizers);
        return api.client<api::config_map>().create(cm).value();
    }
    api::pod pod(const std::string& name, std::vector<api::owner_reference> owners, std::string node = {}) {
        auto p = fixture::pod(name);
        p.metadata.owner_references = std::move(owners);
        p.spec.node_name = std::move(node);
        return api.client<api::pod>().create(p).value();
    }
    kubesim::delete_options policy(const char* p) {
        kubesim::delete_options o;
        o.propagation_policy = p;
        return o;
    }
};

}  // namespace

TEST_CASE("garbage collector: Background deletion of an owner deletes its dependents") {
    env e;
    auto owner = e.config_map("owner");
    e.config_map("dep-1", {ref_to(owner)});
    e.config_map("dep-2", {ref_to(owner, true, true)});
    e.pod("dep-pod", {ref_to(owner)});
    e.config_map("unrelated");
    e.api.drain();
    CHECK(e.collector.graph_has_uid(owner.metadata.uid));

    const auto t0 = e.api.engine.now();
    REQUIRE(e.api.client<api::config_map>().remove("owner", e.policy("Background")));
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("owner"));
    CHECK_FALSE(e.exists<api::config_map>("dep-1"));
    CHECK_FALSE(e.exists<api::config_map>("dep-2"));
    CHECK_FALSE(e.exists<api::pod>("dep-pod"));
    CHECK(e.exists<api::config_map>("unrelated"));
    // Work queues only: nothing waits on the clock.
    CHECK(e.api.engine.now() == t0);
    CHECK_FALSE(e.collector.graph_has_uid(owner.metadata.uid));
}

TEST_CASE("garbage collector: a ReplicaSet deleted without a policy takes its pods") {
    env e;
    auto rs = e.api.client<api::replica_set>().create(replica_set("web")).value();
    e.pod("web-a", {ref_to(rs, true, true)});
    e.pod("web-b", {ref_to(rs, true, true)});
    e.api.drain();
    REQUIRE(e.api.client<api::replica_set>().remove("web"));
    e.api.drain();
    CHECK_FALSE(e.exists<api::replica_set>("web"));
    CHECK_FALSE(e.exists<api::pod>("web-a"));
    CHECK_FALSE(e.exists<api::pod>("web-b"));
}

TEST_CASE("garbage collector: Foreground keeps the owner until its blocking dependents are gone") {
    env e;
    auto rs = e.api.client<api::replica_set>().create(replica_set("web")).value();
    // Bound pods: their delete waits for the kubelet (grace period 30s).
    e.pod("web-a", {ref_to(rs, true, true)}, "node-1");
    e.pod("web-b", {ref_to(rs, true, true)}, "node-1");
    e.api.drain();

    const auto t0 = e.api.engine.now();
    REQUIRE(e.api.client<api::replica_set>().remove("web", e.policy("Foreground")));
    e.api.engine.run_for(10s);

    auto owner = e.api.client<api::replica_set>().get("web");
    REQUIRE(owner);
    CHECK(owner->metadata.deletion_timestamp.has_value());
    CHECK(owner->metadata.finalizers == std::vector<std::string>{"foregroundDeletion"});
    for (const char* name : {"web-a", "web-b"}) {
        auto p = e.api.client<api::pod>().get(name);
        REQUIRE(p);
        // The collector asked for the pod's deletion; it waits for its grace period.
        REQUIRE(p->metadata.deletion_timestamp.has_value());
        CHECK(*p->metadata.deletion_timestamp == t0 + 30s);
    }

    // The kubelet finishes one pod: the owner still waits for the other.
    kubesim::delete_options now;
    now.grace_period_seconds = 0;
    REQUIRE(e.api.client<api::pod>().remove("web-a", now));
    e.api.drain();
    CHECK(e.exists<api::replica_set>("web"));

    REQUIRE(e.api.client<api::pod>().remove("web-b", now));
    const auto t1 = e.api.engine.now();
    CHECK(e.api.engine.run_until([&] { return !e.exists<api::replica_set>("web"); }, 1s));
    CHECK(e.api.engine.now() == t1);
    CHECK(t1 == t0 + 10s);
}

TEST_CASE("garbage collector: a blocking dependent with its own finalizer holds a Foreground owner") {
    env e;
    auto owner = e.config_map("owner");
    e.config_map("held", {ref_to(owner, true)}, {"example.com/hold"});
    e.config_map("free", {ref_to(owner)});
    e.api.drain();

    REQUIRE(e.api.client<api::config_map>().remove("owner", e.policy("Foreground")));
    e.api.engine.run_for(1h);

    auto o = e.api.client<api::config_map>().get("owner");
    REQUIRE(o);
    CHECK(o->metadata.deletion_timestamp.has_value());
    CHECK(o->metadata.finalizers == std::vector<std::string>{"foregroundDeletion"});
    auto held = e.api.client<api::config_map>().get("held");
    REQUIRE(held);
    CHECK(held->metadata.deletion_timestamp.has_value());
    CHECK_FALSE(e.exists<api::config_map>("free"));

    // Whoever owns the finalizer finishes: the dependent goes, then the owner.
    held->metadata.finalizers.clear();
    REQUIRE(e.api.client<api::config_map>().update(*held));
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("held"));
    CHECK_FALSE(e.exists<api::config_map>("owner"));
}

TEST_CASE("garbage collector: Foreground with only non-blocking dependents removes the owner at once") {
    env e;
    auto owner = e.config_map("owner");
    e.config_map("dep", {ref_to(owner, false)});
    e.api.drain();
    REQUIRE(e.api.client<api::config_map>().remove("owner", e.policy("Foreground")));
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("owner"));
    CHECK_FALSE(e.exists<api::config_map>("dep"));
}

TEST_CASE("garbage collector: Orphan strips the owner reference and keeps the dependents") {
    env e;
    auto owner = e.config_map("owner");
    auto other = e.config_map("other");
    e.config_map("dep-1", {ref_to(owner, true, true)});
    e.config_map("dep-2", {ref_to(owner), ref_to(other)});
    e.pod("dep-pod", {ref_to(owner)});
    e.api.drain();

    REQUIRE(e.api.client<api::config_map>().remove("owner", e.policy("Orphan")));
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("owner"));
    auto d1 = e.api.client<api::config_map>().get("dep-1");
    REQUIRE(d1);
    CHECK(d1->metadata.owner_references.empty());
    auto d2 = e.api.client<api::config_map>().get("dep-2");
    REQUIRE(d2);
    REQUIRE(d2->metadata.owner_references.size() == 1);
    CHECK(d2->metadata.owner_references[0].uid == other.metadata.uid);
    auto p = e.api.client<api::pod>().get("dep-pod");
    REQUIRE(p);
    CHECK(p->metadata.owner_references.empty());
}

TEST_CASE("garbage collector: the deprecated orphanDependents=true orphans too") {
    env e;
    auto owner = e.config_map("owner");
    e.config_map("dep", {ref_to(owner)});
    e.api.drain();
    kubesim::delete_options o;
    o.orphan_dependents = true;
    REQUIRE(e.api.client<api::config_map>().remove("owner", o));
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("owner"));
    auto d = e.api.client<api::config_map>().get("dep");
    REQUIRE(d);
    CHECK(d->metadata.owner_references.empty());
}

TEST_CASE("garbage collector: a dependent whose owner never existed is collected") {
    env e;
    auto owner = e.config_map("owner");
    auto wrong_uid = ref_to(owner);
    wrong_uid.uid = "00000000-0000-0000-0000-000000000001";  // the name exists, this uid never did
    e.config_map("stale", {wrong_uid});
    api::owner_reference ghost{.api_version = "v1", .kind = "ConfigMap", .name = "ghost",
                               .uid = "00000000-0000-0000-0000-000000000002", .controller = {},
                               .block_owner_deletion = {}};
    e.pod("orphan-pod", {ghost});
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("stale"));
    CHECK_FALSE(e.exists<api::pod>("orphan-pod"));
    CHECK(e.exists<api::config_map>("owner"));
    // The owner's own node is the real one, not the stale reference.
    CHECK(e.collector.graph_has_uid(owner.metadata.uid));
    CHECK_FALSE(e.collector.graph_has_uid(wrong_uid.uid));
}

TEST_CASE("garbage collector: one dangling and one live owner: only the dangling reference goes") {
    env e;
    auto live = e.config_map("live");
    api::owner_reference ghost{.api_version = "v1", .kind = "ConfigMap", .name = "ghost",
                               .uid = "00000000-0000-0000-0000-000000000003", .controller = {},
                               .block_owner_deletion = {}};
    e.config_map("dep", {ghost, ref_to(live)});
    e.api.drain();
    auto d = e.api.client<api::config_map>().get("dep");
    REQUIRE(d);
    REQUIRE(d->metadata.owner_references.size() == 1);
    CHECK(d->metadata.owner_references[0].uid == live.metadata.uid);
}

TEST_CASE("garbage collector: multiple owners: the dependent stays until the last owner goes") {
    env e;
    auto a = e.config_map("owner-a");
    auto b = e.config_map("owner-b");
    e.config_map("dep", {ref_to(a), ref_to(b)});
    e.api.drain();

    REQUIRE(e.api.client<api::config_map>().remove("owner-a"));
    e.api.drain();
    auto d = e.api.client<api::config_map>().get("dep");
    REQUIRE(d);
    REQUIRE(d->metadata.owner_references.size() == 1);
    CHECK(d->metadata.owner_references[0].uid == b.metadata.uid);

    REQUIRE(e.api.client<api::config_map>().remove("owner-b"));
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("dep"));
}

TEST_CASE("garbage collector: a cluster-scoped owner collects namespaced dependents") {
    env e;
    api::node n;
    n.metadata.name = "node-x";
    auto node = e.api.client<api::node>("").create(n).value();
    e.config_map("node-config", {ref_to(node)});
    e.api.client<api::config_map>("other").create([&] {
        auto cm = fixture::config_map("node-config-2");
        cm.metadata.owner_references = {ref_to(node)};
        return cm;
    }()).value();
    e.api.drain();
    CHECK(e.exists<api::config_map>("node-config"));

    REQUIRE(e.api.client<api::node>("").remove("node-x"));
    e.api.drain();
    CHECK_FALSE(e.exists<api::config_map>("node-config"));
    CHECK_FALSE(e.exists<api::config_map>("node-config-2", "other"));
}

TEST_CASE("garbage collector: a dependency cycle does not block Foreground deletion") {
    env e;
    // pod-1 <- pod-2 <- pod-3 <- pod-1 (each owned by the previous one), all blocking.
    auto p1 = e.pod("pod-1", {});
    auto p2 = e.pod("pod-2", {ref_to(p1, true)});
    auto p3 = e.pod("pod-3", {ref_to(p2, true)});
    p1 = e.api.client<api::pod>().get("pod-1").value();
    p1.metadata.owner_references = {ref_to(p3, true)};
    REQUIRE(e.api.client<api::pod>().update(p1));
    e.api.drain();

    REQUIRE(e.api.client<api::pod>().remove("pod-1", e.policy("Foreground")));
    e.api.drain();
    CHECK_FALSE(e.exists<api::pod>("pod-1"));
    CHECK_FALSE(e.exists<api::pod>("pod-2"));
    CHECK_FALSE(e.exists<api::pod>("pod-3"));
}

TEST_CASE("garbage collector: dependents created before the collector starts are collected") {
    fixture::apiserver api;
    auto owner = api.client<api::config_map>().create(fixture::config_map("owner")).value();
    auto dep = fixture::config_map("dep");
    dep.metadata.owner_references = {ref_to(owner)};
    api.client<api::config_map>().create(dep).value();
    REQUIRE(api.client<api::config_map>().remove("owner"));
    api.drain();
    REQUIRE(api.client<api::config_map>().get("dep"));

    gc::garbage_collector collector(api.store, fixture::all_kinds());
    collector.start();
    api.drain();
    CHECK_FALSE(api.client<api::config_map>().get("dep"));
    CHECK(collector.is_synced());
}

TEST_CASE("garbage collector: DeleteOptions are validated with the upstream messages") {
    fixture::apiserver api;
    api.client<api::config_map>().create(fixture::config_map("cm")).value();
    auto c = api.client<api::config_map>();

    kubesim::delete_options never;
    never.propagation_policy = "Never";
    auto r = c.remove("cm", never);
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == "Invalid");
    CHECK(r.error().code == 422);
    CHECK(r.error().message ==
          "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Never\": supported "
          "values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");

    kubesim::delete_options both;
    both.propagation_policy = "Foreground";
    both.orphan_dependents = false;
    r = c.remove("cm", both);
    REQUIRE_FALSE(r);
    CHECK(r.error().message ==
          "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Invalid value: \"Foreground\": "
          "orphanDependents and deletionPropagation cannot be both set");
    CHECK(c.get("cm"));
}
