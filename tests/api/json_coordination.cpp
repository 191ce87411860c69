// api/json/coordination.hpp: coordination.k8s.io/v1 Lease to and from its exact
// Kubernetes JSON, MicroTime renewTime / acquireTime, and the codec registry.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/codec.hpp>

namespace {

using nlohmann::json;
namespace api = kubesim::api;

api::time at_us(std::int64_t micros) { return api::time(kubesim::sim::duration(micros)); }

// `kubectl get lease -n kube-node-lease node-1 -o json`
const char* node_lease_json = R"({
  "apiVersion": "coordination.k8s.io/v1",
  "kind": "Lease",
  "metadata": {
    "creationTimestamp": "2025-01-01T00:00:00Z",
    "name": "node-1",
    "namespace": "kube-node-lease",
    "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": "node-1", "uid": "6b1c0f1e-node"}],
    "resourceVersion": "417",
    "uid": "0d9a7b52-lease"
  },
  "spec": {
    "holderIdentity": "node-1",
    "leaseDurationSeconds": 40,
    "renewTime": "2025-01-01T00:00:10.000000Z"
  }
})";

const std::string lease_prefix = R"(Lease in version "v1" cannot be handled as a Lease: )";

std::string message_of(const char* body) {
    auto r = api::json::decode<api::lease>(json::parse(body));
    if (r.has_value()) return "<decoded>";
    CHECK(r.error().code == 400);
    CHECK(r.error().reason == "BadRequest");
    return r.error().message;
}

}  // namespace

TEST_SUITE("api/json") {

TEST_CASE("lease: a kubectl-style node lease round-trips exactly") {
    const json in = json::parse(node_lease_json);
    const auto l = in.get<api::lease>();

    CHECK(l.metadata.name == "node-1");
    CHECK(l.metadata.namespace_ == "kube-node-lease");
    REQUIRE(l.metadata.owner_references.size() == 1);
    CHECK(l.metadata.owner_references[0].kind == "Node");
    CHECK(l.metadata.owner_references[0].uid == "6b1c0f1e-node");
    CHECK(l.spec.holder_identity == "node-1");
    CHECK(l.spec.lease_duration_seconds == 40);
    CHECK(l.spec.renew_time == at_us(10'000'000));
    CHECK_FALSE(l.spec.acquire_time.has_value());
    CHECK_FALSE(l.spec.lease_transitions.has_value());
    CHECK_FALSE(l.spec.strategy.has_value());
    CHECK_FALSE(l.spec.preferred_holder.has_value());

    const json out = l;
    CHECK(out == in);
    CHECK(out.get<api::lease>() == l);
    CHECK(api::json::encode(l) == in);
}

TEST_CASE("lease: every spec field under its exact name") {
    api::lease l;
    l.metadata.name = "kube-scheduler";
    l.metadata.namespace_ = "kube-system";
    l.spec.holder_identity = "sched-1_0f0e";
    l.spec.lease_duration_seconds = 15;
    l.spec.acquire_time = at_us(1'000'000);
    l.spec.renew_time = at_us(12'345'678);
    l.spec.lease_transitions = 3;
    l.spec.strategy = "OldestEmulationVersion";
    l.spec.preferred_holder = "sched-2";
    const json j = l;
    CHECK(j["apiVersion"] == "coordination.k8s.io/v1");
    CHECK(j["kind"] == "Lease");
    CHECK(j["spec"].dump() ==
          R"({"acquireTime":"2025-01-01T00:00:01.000000Z","holderIdentity":"sched-1_0f0e","leaseDurationSeconds":15,)"
          R"("leaseTransitions":3,"preferredHolder":"sched-2","renewTime":"2025-01-01T00:00:12.345678Z",)"
          R"("strategy":"OldestEmulationVersion"})");
    CHECK(j.get<api::lease>() == l);

    // Zero values are kept: the fields are pointers, omitempty drops only nil.
    api::lease z;
    z.spec.lease_duration_seconds = 0;
    z.spec.lease_transitions = 0;
    z.spec.holder_identity = "";
    CHECK(json(z)["spec"].dump() == R"({"holderIdentity":"","leaseDurationSeconds":0,"leaseTransitions":0})");
    CHECK(json(z).get<api::lease>() == z);
}

TEST_CASE("lease: omitempty of an empty lease") {
    // spec is a struct (never omitted); every field in it is a nil pointer.
    CHECK(json(api::lease{}).dump() ==
          R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"creationTimestamp":null},"spec":{}})");
    // null means unset, unknown fields are ignored.
    const auto l = json::parse(R"({"kind":"Lease","spec":{"renewTime":null,"holderIdentity":null,"color":"blue"}})")
                       .get<api::lease>();
    CHECK(l == api::lease{});
}

TEST_CASE("lease: MicroTime has six fractional digits both ways") {
    api::lease l;
    l.spec.renew_time = at_us(10'000'000);
    l.spec.acquire_time = at_us(3'600'000'001);
    CHECK(json(l)["spec"]["renewTime"] == "2025-01-01T00:00:10.000000Z");
    CHECK(json(l)["spec"]["acquireTime"] == "2025-01-01T01:00:00.000001Z");

    // Offsets are folded into the instant.
    const auto o = json::parse(R"({"spec":{"renewTime":"2025-01-01T02:00:10.250000+02:00"}})").get<api::lease>();
    CHECK(o.spec.renew_time == at_us(10'250'000));
    CHECK(json(o)["spec"]["renewTime"] == "2025-01-01T00:00:10.250000Z");

    // RFC 3339 without the fraction is not a MicroTime.
    CHECK(message_of(R"({"spec":{"renewTime":"2025-01-01T00:00:10Z"}})") ==
          lease_prefix + R"(parsing time "2025-01-01T00:00:10Z" as "2006-01-02T15:04:05.000000Z07:00": )"
                         R"(cannot parse "Z" as ".000000")");
    CHECK(message_of(R"({"spec":{"acquireTime":"2025-01-01T00:00:10.12Z"}})") ==
          lease_prefix + R"(parsing time "2025-01-01T00:00:10.12Z" as "2006-01-02T15:04:05.000000Z07:00": )"
                         R"(cannot parse ".12Z" as ".000000")");
    CHECK(message_of(R"({"spec":{"renewTime":10}})") ==
          lease_prefix + "json: cannot unmarshal number into Go struct field LeaseSpec.spec.renewTime of type string");
}

TEST_CASE("lease: decode errors name LeaseSpec and the Go types") {
    CHECK(message_of(R"({"spec":{"leaseDurationSeconds":"40"}})") ==
          lease_prefix + "json: cannot unmarshal string into Go struct field LeaseSpec.spec.leaseDurationSeconds of type int32");
    CHECK(message_of(R"({"spec":{"leaseTransitions":4294967296}})") ==
          lease_prefix + "json: cannot unmarshal number 4294967296 into Go struct field LeaseSpec.spec.leaseTransitions of type int32");
    CHECK(message_of(R"({"spec":{"holderIdentity":7}})") ==
          lease_prefix + "json: cannot unmarshal number into Go struct field LeaseSpec.spec.holderIdentity of type string");
    CHECK(message_of(R"({"spec":{"strategy":true}})") ==
          lease_prefix +
              "json: cannot unmarshal bool into Go struct field LeaseSpec.spec.strategy of type v1.CoordinatedLeaseStrategy");
    CHECK(message_of(R"({"spec":[]})") ==
          lease_prefix + "json: cannot unmarshal array into Go struct field Lease.spec of type v1.LeaseSpec");
}

TEST_CASE("lease: registered in the codec table, with patches") {
    api::json::register_codecs();
    const auto& by_resource = api::codecs_by_resource();
    auto it = by_resource.find("leases");
    REQUIRE(it != by_resource.end());
    CHECK(it->second->kind == "Lease");
    CHECK(api::codecs_by_type().count("coordination.k8s.io/v1/Lease") == 1);

    auto decoded = it->second->decode(json::parse(node_lease_json));
    REQUIRE(decoded.has_value());
    const auto& l = *static_cast<const api::lease*>(decoded->get());
    CHECK(l.spec.holder_identity == "node-1");
    CHECK(it->second->encode(&l) == json::parse(node_lease_json));

    // A strategic merge patch (kubectl's default) works on a Lease like on any
    // kind without lists in its spec.
    auto patched = it->second->patch(&l, json::parse(R"({"spec":{"holderIdentity":"node-2","leaseTransitions":1}})"),
                                     api::patch_type::strategic);
    REQUIRE(patched.has_value());
    const auto& p = *static_cast<const api::lease*>(patched->get());
    CHECK(p.spec.holder_identity == "node-2");
    CHECK(p.spec.lease_transitions == 1);
    CHECK(p.spec.renew_time == l.spec.renew_time);
}

}  // TEST_SUITE
