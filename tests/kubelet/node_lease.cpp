// kubelet/node_lease.hpp on a bare API server: the node Lease in
// kube-node-lease, its renewal every 10 s of virtual time, recreation after a
// delete, conflicts, the ensure back-off, and Lease validation through the store.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/json/all.hpp>
#include <kubesim/api/validation.hpp>
#include <kubesim/kubelet/node_lease.hpp>

#include "fixture.hpp"
#include "validation_support.hpp"

namespace {

using namespace std::chrono_literals;
namespace api = kubesim::api;
using kubesim::kubelet::node_lease;
using kubesim::sim::duration;

api::time at(duration d) { return api::time(d); }

// The API server with kube-node-lease and a Node, as the cluster creates them.
struct lease_fixture : fixture::apiserver {
    std::string node_uid;
    lease_fixture() {
        api::namespace_ ns;
        ns.metadata.name = "kube-node-lease";
        client<api::namespace_>().create(ns).value();
        api::node n;
        n.metadata.name = "node-1";
        node_uid = client<api::node>().create(n).value().metadata.uid;
    }
    kubesim::client<api::lease> leases() { return client<api::lease>("kube-node-lease"); }
    api::lease lease() { return leases().get("node-1").value(); }
};

std::string invalid_message(const api::lease& l) {
    fixture::apiserver s;
    auto r = s.client<api::lease>().create(l);
    if (r) return "<created>";
    CHECK(r.error().code == 422);
    CHECK(r.error().reason == "Invalid");
    return r.error().message;
}

}  // namespace

TEST_SUITE("kubelet/node_lease") {

TEST_CASE("node lease: created at start with the upstream fields") {
    lease_fixture f;
    node_lease nl(f.store, "node-1", f.node_uid);
    CHECK(nl.renew_interval() == 10s);
    CHECK(nl.lease_namespace() == "kube-node-lease");
    nl.start();
    CHECK(f.leases().get("node-1").error().reason == "NotFound");  // the first sync is an engine entry
    f.engine.run_for(0s);

    const auto l = f.lease();
    CHECK(l.metadata.namespace_ == "kube-node-lease");
    CHECK(l.spec.holder_identity == "node-1");
    CHECK(l.spec.lease_duration_seconds == 40);
    CHECK(l.spec.renew_time == at(0s));
    CHECK_FALSE(l.spec.acquire_time.has_value());
    CHECK_FALSE(l.spec.lease_transitions.has_value());
    REQUIRE(l.metadata.owner_references.size() == 1);
    const auto& ref = l.metadata.owner_references[0];
    CHECK(ref.api_version == "v1");
    CHECK(ref.kind == "Node");
    CHECK(ref.name == "node-1");
    CHECK(ref.uid == f.node_uid);
    CHECK_FALSE(ref.controller.has_value());
    CHECK(nl.latest().has_value());
    CHECK(nl.latest()->metadata.resource_version == l.metadata.resource_version);
}

TEST_CASE("node lease: renewTime advances by 10 s of virtual time, one update each") {
    lease_fixture f;
    f.engine.run_for(5s);  // start at 5 s so the renewals are not at round times
    node_lease nl(f.store, "node-1", f.node_uid);
    nl.start();
    f.engine.run_for(0s);
    auto prev = f.lease();
    CHECK(prev.spec.renew_time == at(5s));
    const auto uid = prev.metadata.uid;
    for (int k = 1; k <= 6; ++k) {
        f.engine.run_for(9'999'999us);
        CHECK(f.lease().spec.renew_time == prev.spec.renew_time);  // not yet
        f.engine.run_for(1us);
        const auto cur = f.lease();
        CHECK(cur.spec.renew_time == at(5s + k * 10s));
        CHECK(*cur.spec.renew_time - *prev.spec.renew_time == 10s);
        CHECK(std::stoull(cur.metadata.resource_version) > std::stoull(prev.metadata.resource_version));
        CHECK(cur.metadata.uid == uid);  // updated, not recreated
        CHECK(cur.spec.lease_duration_seconds == 40);
        prev = cur;
    }
    // MicroTime on the wire.
    CHECK(api::json::encode(prev)["spec"]["renewTime"] == "2025-01-01T00:01:05.000000Z");
}

TEST_CASE("node lease: stop cancels the timer, start resumes from the stored Lease") {
    lease_fixture f;
    node_lease nl(f.store, "node-1", f.node_uid);
    nl.start();
    f.engine.run_for(10s);
    CHECK(f.lease().spec.renew_time == at(10s));
    nl.stop();
    CHECK_FALSE(nl.running());
    CHECK_FALSE(f.engine.next_time().has_value());  // nothing left on the queue
    f.engine.run_for(60s);
    CHECK(f.lease().spec.renew_time == at(10s));
    nl.start();
    f.engine.run_for(0s);
    CHECK(f.lease().spec.renew_time == at(70s));
    f.engine.run_for(10s);
    CHECK(f.lease().spec.renew_time == at(80s));
}

TEST_CASE("node lease: recreated at the next renewal after a delete") {
    lease_fixture f;
    int failures = 0;
    kubesim::kubelet::node_lease_options opts;
    opts.on_repeated_heartbeat_failure = [&] { ++failures; };
    node_lease nl(f.store, "node-1", f.node_uid, opts);
    nl.start();
    f.engine.run_for(10s);
    const auto before = f.lease();
    f.engine.run_for(3s);
    REQUIRE(f.leases().remove("node-1"));
    CHECK(f.leases().get("node-1").error().reason == "NotFound");
    f.engine.run_for(6s);  // 19 s: still gone
    CHECK(f.leases().get("node-1").error().reason == "NotFound");
    f.engine.run_for(1s);  // 20 s: the update answers NotFound, ensure creates it again
    const auto after = f.lease();
    CHECK(after.metadata.uid != before.metadata.uid);
    CHECK(after.spec.renew_time == at(20s));
    CHECK(after.spec.holder_identity == "node-1");
    CHECK(after.metadata.owner_references.size() == 1);
    // Five update attempts against the cached Lease; each after the first is a
    // repeated failure.
    CHECK(failures == 4);
    f.engine.run_for(10s);
    CHECK(f.lease().spec.renew_time == at(30s));
    CHECK(f.lease().metadata.uid == after.metadata.uid);
    CHECK(failures == 4);
}

TEST_CASE("node lease: a write by someone else is a conflict, resolved by re-reading") {
    lease_fixture f;
    node_lease nl(f.store, "node-1", f.node_uid);
    nl.start();
    f.engine.run_for(1s);
    auto other = f.lease();
    other.metadata.labels["touched"] = "yes";
    f.leases().update(other).value();
    f.engine.run_for(9s);
    const auto l = f.lease();
    CHECK(l.spec.renew_time == at(10s));
    CHECK(l.metadata.labels.at("touched") == "yes");  // the re-read version was updated
}

TEST_CASE("node lease: an existing Lease is taken over; duration and owner are asserted") {
    lease_fixture f;
    api::lease old;
    old.metadata.name = "node-1";
    old.spec.holder_identity = "node-1";
    old.spec.lease_duration_seconds = 100;
    const auto uid = f.leases().create(old).value().metadata.uid;
    f.engine.run_for(2s);
    node_lease nl(f.store, "node-1", "");  // no uid given: read from the Node
    nl.start();
    f.engine.run_for(0s);
    const auto l = f.lease();
    CHECK(l.metadata.uid == uid);
    CHECK(l.spec.lease_duration_seconds == 40);
    CHECK(l.spec.renew_time == at(2s));
    REQUIRE(l.metadata.owner_references.size() == 1);
    CHECK(l.metadata.owner_references[0].uid == f.node_uid);
}

TEST_CASE("node lease: ensure backs off 200 ms doubling to 7 s while kube-node-lease is missing") {
    fixture::apiserver s;  // default, kube-system, other: no kube-node-lease
    node_lease nl(s.store, "node-1", "uid-1");
    nl.start();
    // Attempts at 0, 0.2, 0.6, 1.4, 3.0, 6.2, 12.6, 19.6, 26.6 s ...
    s.engine.run_for(12s);
    api::namespace_ ns;
    ns.metadata.name = "kube-node-lease";
    s.client<api::namespace_>().create(ns).value();
    s.engine.run_for(600ms);  // 12.6 s
    auto l = s.client<api::lease>("kube-node-lease").get("node-1");
    REQUIRE(l);
    CHECK(l->spec.renew_time == at(12'600ms));
    // The next renewal is one interval after that sync finished.
    s.engine.run_for(10s);
    CHECK(s.client<api::lease>("kube-node-lease").get("node-1")->spec.renew_time == at(22'600ms));
}

TEST_CASE("node lease: without a uid and without the Node, nothing is created until the Node exists") {
    lease_fixture f;
    node_lease nl(f.store, "node-2", "");
    nl.start();
    f.engine.run_for(15s);
    CHECK(f.leases().get("node-2").error().reason == "NotFound");
    api::node n;
    n.metadata.name = "node-2";
    const auto uid = f.client<api::node>().create(n).value().metadata.uid;
    f.engine.run_for(5s);  // the sync at 20 s
    auto l = f.leases().get("node-2");
    REQUIRE(l);
    CHECK(l->spec.renew_time == at(20s));
    CHECK(l->metadata.owner_references[0].uid == uid);
}

TEST_CASE("lease validation: ValidateLease messages through the store") {
    api::lease l;
    l.metadata.name = "node-1";
    l.spec.lease_duration_seconds = 0;
    CHECK(invalid_message(l) == R"(Lease.coordination.k8s.io "node-1" is invalid: )"
                                "spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0");
    l.spec.lease_duration_seconds = -5;
    l.spec.lease_transitions = -1;
    CHECK(invalid_message(l) == R"(Lease.coordination.k8s.io "node-1" is invalid: [)"
                                "spec.leaseDurationSeconds: Invalid value: -5: must be greater than 0, "
                                "spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]");
    l.spec.lease_duration_seconds = 1;
    l.spec.lease_transitions = 0;
    CHECK(invalid_message(l) == "<created>");

    api::lease bad;
    bad.metadata.name = "Node_1";
    CHECK(invalid_message(bad) == R"(Lease.coordination.k8s.io "Node_1" is invalid: metadata.name: Invalid value: "Node_1": )" +
                                      validation_support::subdomain_msg);
}

TEST_CASE("lease validation: strategy and preferredHolder") {
    using validation_support::joined;
    using validation_support::lines;
    api::lease l;
    l.metadata.name = "kube-scheduler";
    l.metadata.namespace_ = "kube-system";
    CHECK(joined(api::validation::validate(l)).empty());

    l.spec.preferred_holder = "sched-2";
    CHECK(joined(api::validation::validate(l)) ==
          lines({"spec.preferredHolder: Forbidden: may only be specified if `strategy` is defined"}));
    l.spec.strategy = "OldestEmulationVersion";
    CHECK(joined(api::validation::validate(l)).empty());

    // Upstream appends "strategy" to spec.strategy, hence the doubled path.
    l.spec.strategy = "Newest";
    CHECK(joined(api::validation::validate(l)) ==
          lines({R"(spec.strategy.strategy: Unsupported value: "Newest": supported values: "OldestEmulationVersion")"}));
    l.spec.strategy = "example.com/newest";
    CHECK(joined(api::validation::validate(l)).empty());
    l.spec.strategy = "example.com/-x";
    CHECK(joined(api::validation::validate(l)).find("spec.strategy.strategy: Invalid value: \"example.com/-x\": ") == 0);

    // Updates: the metadata rules, then the same spec rules.
    api::lease old = l;
    old.spec.strategy.reset();
    old.spec.preferred_holder.reset();
    old.metadata.resource_version = "7";
    api::lease upd = old;
    upd.spec.lease_duration_seconds = 0;
    CHECK(joined(api::validation::validate_update(upd, old)) ==
          lines({"spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"}));
}

}  // TEST_SUITE
