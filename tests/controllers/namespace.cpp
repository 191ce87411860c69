// The namespace controller (controllers/namespace): a deleted namespace goes
// Terminating, refuses new content, is emptied kind by kind, reports what is
// left in its conditions, and is removed once its `kubernetes` finalizer goes.
// There is no kubelet: the final delete of a bound pod is simulated.
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <chrono>
#include <string>
#include <vector>

#include <kubesim/controllers/garbage_collector/garbage_collector.hpp>
#include <kubesim/controllers/namespace/controller.hpp>
#include <kubesim/store/client.hpp>

namespace {

namespace api = kubesim::api;
namespace nsc = kubesim::controllers::namespace_;
using namespace std::chrono_literals;


const api::namespace_condition* condition(const api::namespace_& ns, std::string_view type) {
    for (const auto& c : ns.status.conditions)
        if (c.type == type) return &c;
    return nullptr;
}

struct env {
    fixture::apiserver api;
    nsc::controller ctl{api.store, fixture::all_kinds()};
    env() {
        api::namespace_ n;
        n.metadata.name = "doomed";
        api.client<api::namespace_>("").create(n).value();
        ctl.start();
        api.drain();
    }
    bool ns_exists() { return static_cast<bool>(api.client<api::namespace_>("").get("doomed")); }
    api::namespace_ ns() { return api.client<api::namespace_>("").get("doomed").value(); }
    template <class Kind>
    kubesim::client<Kind> in_doomed() {
        return api.client<Kind>("doomed");
    }
    api::pod bound_pod(const std::string& name) {
        auto p = fixture::pod(name);
        p.spec.node_name = "node-1";
        return in_doomed<api::pod>().create(p).value();
    }
    void remove_ns() { REQUIRE(api.client<api::namespace_>("").remove("doomed")); }
};

}  // namespace

TEST_CASE("namespace: a new namespace carries the kubernetes finalizer and phase Active") {
    env e;
    auto n = e.ns();
    CHECK(n.spec.finalizers == std::vector<std::string>{"kubernetes"});
    CHECK(n.status.phase == "Active");
}

TEST_CASE("namespace: delete sets Terminating and refuses new content with the upstream 403") {
    env e;
    e.in_doomed<api::config_map>().create(fixture::config_map("cm")).value();
    const auto t0 = e.api.engine.now();
    e.remove_ns();

    auto n = e.ns();
    CHECK(n.status.phase == "Terminating");
    REQUIRE(n.metadata.deletion_timestamp.has_value());
    CHECK(*n.metadata.deletion_timestamp == t0);

    auto r = e.in_doomed<api::config_map>().create(fixture::config_map("late"));
    REQUIRE_FALSE(r);
    CHECK(r.error().reason == "Forbidden");
    CHECK(r.error().code == 403);
    CHECK(r.error().message ==
          "configmaps \"late\" is forbidden: unable to create new content in namespace doomed because it is being "
          "terminated");
    auto p = e.in_doomed<api::pod>().create(fixture::pod("late-pod"));
    REQUIRE_FALSE(p);
    CHECK(p.error().message ==
          "pods \"late-pod\" is forbidden: unable to create new content in namespace doomed because it is being "
          "terminated");
}

TEST_CASE("namespace: every kind of content is deleted, then the namespace") {
    env e;
    e.in_doomed<api::config_map>().create(fixture::config_map("cm")).value();
    api::secret s;
    s.metadata.name = "token";
    e.in_doomed<api::secret>().create(s).value();
    e.in_doomed<api::pod>().create(fixture::pod("pending")).value();  // unbound: goes at once
    api::replica_set rs;
    rs.metadata.name = "web";
    rs.spec.replicas = 0;
    rs.spec.selector = api::label_selector{.match_labels = {{"app", "web"}}, .match_expressions = {}};
    rs.spec.template_.metadata.labels = {{"app", "web"}};
    rs.spec.template_.spec.containers.push_back(fixture::pod("x").spec.containers[0]);
    e.in_doomed<api::replica_set>().create(rs).value();
    api::lease l;
    l.metadata.name = "lock";
    e.in_doomed<api::lease>().create(l).value();
    e.api.client<api::config_map>("default").create(fixture::config_map("survivor")).value();
    e.api.drain();

    const auto t0 = e.api.engine.now();
    e.remove_ns();
    // namespaceDeletionGracePeriod: nothing happens for 5s.
    e.api.engine.run_for(5s - 1us);
    CHECK(e.in_doomed<api::config_map>().get("cm"));
    CHECK(e.ns_exists());

    CHECK(e.api.engine.run_until([&] { return !e.ns_exists(); }, 1min));
    CHECK(e.api.engine.now() == t0 + 5s);
    CHECK(e.in_doomed<api::config_map>().list().value().items.empty());
    CHECK(e.in_doomed<api::secret>().list().value().items.empty());
    CHECK(e.in_doomed<api::pod>().list().value().items.empty());
    CHECK(e.in_doomed<api::replica_set>().list().value().items.empty());
    CHECK(e.in_doomed<api::lease>().list().value().items.empty());
    CHECK(e.api.client<api::config_map>("default").get("survivor"));
    CHECK(e.ctl.syncs() == 1);
}

TEST_CASE("namespace: pods in their grace period keep the namespace (NamespaceContentRemaining)") {
    env e;
    e.bound_pod("a");
    e.bound_pod("b");
    e.api.drain();
    const auto t0 = e.api.engine.now();
    e.remove_ns();
    e.api.engine.run_for(5s);

    // The first pass at 5s asked for the pods' deletion (30s grace period).
    auto pa = e.in_doomed<api::pod>().get("a");
    REQUIRE(pa);
    REQUIRE(pa->metadata.deletion_timestamp.has_value());
    CHECK(*pa->metadata.deletion_timestamp == t0 + 35s);
    auto n = e.ns();
    const auto* remaining = condition(n, "NamespaceContentRemaining");
    REQUIRE(remaining);
    CHECK(remaining->status == "True");
    CHECK(remaining->reason == "SomeResourcesRemain");
    CHECK(remaining->message == "Some resources are remaining: pods. has 2 resource instances");
    CHECK(remaining->last_transition_time == t0 + 5s);
    const auto* finalizers = condition(n, "NamespaceFinalizersRemaining");
    REQUIRE(finalizers);
    CHECK(finalizers->status == "False");
    CHECK(finalizers->reason == "ContentHasNoFinalizers");
    CHECK(finalizers->message == "All content-preserving finalizers finished");
    const auto* failure = condition(n, "NamespaceDeletionContentFailure");
    REQUIRE(failure);
    CHECK(failure->status == "False");
    CHECK(failure->reason == "ContentDeleted");
    CHECK(failure->message == "All content successfully deleted, may be waiting on finalization");
    const auto* discovery = condition(n, "NamespaceDeletionDiscoveryFailure");
    REQUIRE(discovery);
    CHECK(discovery->status == "False");
    CHECK(discovery->reason == "ResourcesDiscovered");
    const auto* parsing = condition(n, "NamespaceDeletionGroupVersionParsingFailure");
    REQUIRE(parsing);
    CHECK(parsing->reason == "ParsedGroupVersions");
    CHECK(parsing->message == "All legacy kube types successfully parsed");
    CHECK(n.spec.finalizers == std::vector<std::string>{"kubernetes"});

    // The kubelet finishes both pods at 12s.
    e.api.engine.run_for(7s);
    kubesim::delete_options now;
    now.grace_period_seconds = 0;
    REQUIRE(e.in_doomed<api::pod>().remove("a", now));
    REQUIRE(e.in_doomed<api::pod>().remove("b", now));

    // Passes: 5s (status written, so the update requeues at 10s), 10s (nothing
    // changed; estimate 30 -> wait 30/2+1 = 16s), 26s: empty, finalized.
    e.api.engine.run_until_time(t0 + 26s - 1us);
    CHECK(e.ns_exists());
    CHECK(e.api.engine.run_until([&] { return !e.ns_exists(); }, 1min));
    CHECK(e.api.engine.now() == t0 + 26s);
    CHECK(e.ctl.syncs() == 3);
}

TEST_CASE("namespace: content with a finalizer keeps the namespace (NamespaceFinalizersRemaining)") {
    env e;
    auto cm = fixture::config_map("held");
    cm.metadata.finalizers = {"example.com/hold"};
    e.in_doomed<api::config_map>().create(cm).value();
    e.in_doomed<api::config_map>().create(fixture::config_map("free")).value();
    e.api.drain();
    const auto t0 = e.api.engine.now();
    e.remove_ns();
    e.api.engine.run_for(5s);

    CHECK_FALSE(e.in_doomed<api::config_map>().get("free"));
    auto held = e.in_doomed<api::config_map>().get("held");
    REQUIRE(held);
    CHECK(held->metadata.deletion_timestamp.has_value());
    auto n = e.ns();
    const auto* remaining = condition(n, "NamespaceContentRemaining");
    REQUIRE(remaining);
    CHECK(remaining->status == "True");
    CHECK(remaining->message == "Some resources are remaining: configmaps. has 1 resource instances");
    const auto* finalizers = condition(n, "NamespaceFinalizersRemaining");
    REQUIRE(finalizers);
    CHECK(finalizers->status == "True");
    CHECK(finalizers->reason == "SomeFinalizersRemain");
    CHECK(finalizers->message ==
          "Some content in the namespace has finalizers remaining: example.com/hold in 1 resource instances");

    // It waits as long as the finalizer stays.
    e.api.engine.run_for(10min);
    REQUIRE(e.ns_exists());
    CHECK(e.ns().status.phase == "Terminating");

    // Its owner lets go: the next pass (every 15/2+1 = 8s) finalizes the namespace.
    held = e.in_doomed<api::config_map>().get("held");
    held->metadata.finalizers.clear();
    REQUIRE(e.in_doomed<api::config_map>().update(*held));
    const auto t1 = e.api.engine.now();
    CHECK(e.api.engine.run_until([&] { return !e.ns_exists(); }, 1min));
    CHECK(e.api.engine.now() > t1);
    CHECK(e.api.engine.now() <= t1 + 8s);
    CHECK((e.api.engine.now() - t0) % 8s == 2s);  // passes at 5s, 10s, then every 8s
}

TEST_CASE("namespace: with the garbage collector, owned content goes with the namespace") {
    fixture::apiserver api;
    kubesim::controllers::garbage_collector::garbage_collector gc(api.store, fixture::all_kinds());
    nsc::controller ctl(api.store, fixture::all_kinds());
    api::namespace_ n;
    n.metadata.name = "team";
    auto ns = api.client<api::namespace_>("").create(n).value();
    gc.start();
    ctl.start();
    auto owner = api.client<api::config_map>("team").create(fixture::config_map("owner")).value();
    auto dep = fixture::config_map("dep");
    dep.metadata.owner_references = {api::owner_reference{.api_version = "v1", .kind = "ConfigMap", .name = "owner",
                                                           .uid = owner.metadata.uid, .controller = true,
                                                           .block_owner_deletion = true}};
    api.client<api::config_map>("team").create(dep).value();
    api.drain();

    kubesim::delete_options fg;
    fg.propagation_policy = "Foreground";
    REQUIRE(api.client<api::namespace_>("").remove("team", fg));
    api.drain();
    CHECK_FALSE(api.client<api::namespace_>("").get("team"));
    CHECK(api.client<api::config_map>("team").list().value().items.empty());
}
