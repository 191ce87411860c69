// ObjectMeta validation (api/validation/meta.hpp): the exact field errors
// apimachinery's ValidateObjectMeta / ValidateObjectMetaUpdate produce, plus the
// shared name and IP helpers.
#include <doctest/doctest.h>

#include <validation_support.hpp>

#include <kubesim/api/defaults.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/validation.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace kubesim::api;
namespace v = kubesim::api::validation;

using namespace validation_support;

namespace {


config_map valid_config_map() {
    config_map cm;
    cm.metadata.name = "settings";
    cm.metadata.namespace_ = "default";
    return cm;
}

owner_reference owner(std::string kind, std::string name, bool controller) {
    owner_reference r;
    r.api_version = "apps/v1";
    r.kind = std::move(kind);
    r.name = std::move(name);
    r.uid = "uid-" + r.name;
    if (controller) r.controller = true;
    return r;
}

struct row {
    const char* name;
    std::function<void(object_meta&)> tweak;
    std::vector<std::string> want;
};

}  // namespace

TEST_SUITE("api/validation") {

TEST_CASE("object meta on create (namespaced kind)") {
    const std::vector<row> rows = {
        {"valid", [](object_meta&) {}, {}},
        {"no name", [](object_meta& m) { m.name.clear(); },
         {"metadata.name: Required value: name or generateName is required"}},
        {"generated name", [](object_meta& m) { m.generate_name = "settings-"; m.name = "settings-x7k2p"; }, {}},
        {"generateName alone is not enough (the server generates first)",
         [](object_meta& m) { m.generate_name = "settings-"; m.name.clear(); },
         {"metadata.name: Required value: name or generateName is required"}},
        {"bad generateName", [](object_meta& m) { m.generate_name = "Settings-"; m.name = "settings-abcde"; },
         {"metadata.generateName: Invalid value: \"Settings-\": " + subdomain_msg}},
        {"bad name", [](object_meta& m) { m.name = "My_Settings"; },
         {"metadata.name: Invalid value: \"My_Settings\": " + subdomain_msg}},
        {"name too long", [](object_meta& m) { m.name = std::string(254, 'a'); },
         {"metadata.name: Invalid value: \"" + std::string(254, 'a') + "\": must be no more than 253 characters"}},
        {"no namespace", [](object_meta& m) { m.namespace_.clear(); }, {"metadata.namespace: Required value"}},
        {"bad namespace", [](object_meta& m) { m.namespace_ = "Team_A"; },
         {"metadata.namespace: Invalid value: \"Team_A\": " + label_msg}},
        {"negative generation", [](object_meta& m) { m.generation = -1; },
         {"metadata.generation: Invalid value: -1: must be greater than or equal to 0"}},
        {"bad label key", [](object_meta& m) { m.labels["bad key"] = "x"; },
         {"metadata.labels: Invalid value: \"bad key\": " + name_part_msg}},
        {"annotation keys ignore case", [](object_meta& m) { m.annotations["Example.COM/Owner"] = "me"; }, {}},
        {"bad annotation key", [](object_meta& m) { m.annotations["-x"] = "v"; },
         {"metadata.annotations: Invalid value: \"-x\": " + name_part_msg}},
        {"annotations too large", [](object_meta& m) { m.annotations["big"] = std::string(256 * 1024, 'x'); },
         {"metadata.annotations: Too long: may not be more than 262144 bytes"}},
        {"owner reference without fields", [](object_meta& m) { m.owner_references.push_back(owner_reference{}); },
         {"metadata.ownerReferences[0].apiVersion: Required value: must not be empty",
          "metadata.ownerReferences[0].kind: Required value: must not be empty",
          "metadata.ownerReferences[0].name: Required value: must not be empty",
          "metadata.ownerReferences[0].uid: Required value: must not be empty"}},
        {"bad owner apiVersion", [](object_meta& m) {
             auto r = owner("ReplicaSet", "web", false);
             r.api_version = "apps/v1/extra";
             m.owner_references.push_back(r);
         },
         {"metadata.ownerReferences[0].apiVersion: Invalid value: \"apps/v1/extra\": must be <group>/<version> or <version>"}},
        {"events cannot own", [](object_meta& m) {
             owner_reference r;
             r.api_version = "v1";
             r.kind = "Event";
             r.name = "e";
             r.uid = "1";
             m.owner_references.push_back(r);
         },
         {"metadata.ownerReferences[0]: Invalid value: {\"apiVersion\":\"v1\",\"kind\":\"Event\",\"name\":\"e\",\"uid\":\"1\"}: "
          "/v1, Kind=Event is disallowed from being an owner"}},
        {"two controllers", [](object_meta& m) {
             m.owner_references.push_back(owner("ReplicaSet", "a", true));
             m.owner_references.push_back(owner("Deployment", "b", false));
             m.owner_references.push_back(owner("ReplicaSet", "c", true));
         },
         {"metadata.ownerReferences: Invalid value: "
          "[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"a\",\"uid\":\"uid-a\",\"controller\":true},"
          "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"b\",\"uid\":\"uid-b\"},"
          "{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"c\",\"uid\":\"uid-c\",\"controller\":true}]: "
          "Only one reference can have Controller set to true. Found \"true\" in references for ReplicaSet/a and ReplicaSet/c"}},
        {"standard and qualified finalizers", [](object_meta& m) { m.finalizers = {"kubernetes", "example.com/cleanup"}; }, {}},
        {"unqualified finalizer", [](object_meta& m) { m.finalizers = {"cleanup"}; },
         {"metadata.finalizers[0]: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified"}},
        {"bad finalizer name", [](object_meta& m) { m.finalizers = {"example.com/bad name"}; },
         {"metadata.finalizers: Invalid value: \"example.com/bad name\": " + name_part_msg}},
        {"orphan and foreground", [](object_meta& m) { m.finalizers = {"orphan", "foregroundDeletion"}; },
         {"metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\"]: finalizer orphan and "
          "foregroundDeletion cannot be both set"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto cm = valid_config_map();
        r.tweak(cm.metadata);
        CHECK(joined(v::validate(cm)) == lines(r.want));
    }
}

TEST_CASE("object meta on create (cluster-scoped kinds and name rules)") {
    node n;
    n.metadata.name = "node-1";
    CHECK(joined(v::validate(n)).empty());
    n.metadata.namespace_ = "default";
    CHECK(joined(v::validate(n)) == "metadata.namespace: Forbidden: not allowed on this type\n");

    namespace_ ns;
    ns.metadata.name = "team.a";
    set_defaults(ns);
    CHECK(joined(v::validate(ns)) == "metadata.name: Invalid value: \"team.a\": must not contain dots\n");

    // maskTrailingDash, upstream's way: "ab-" is checked as "aa".
    CHECK(v::mask_trailing_dash("web-") == "wea");
    CHECK(v::mask_trailing_dash("-") == "-");
    CHECK(v::name_is_dns_label("web-", true).empty());
    CHECK_FALSE(v::name_is_dns_label("web-", false).empty());
    CHECK(v::name_is_dns1035_label("1web", false).size() == 1);
}

TEST_CASE("object meta on update") {
    const auto t0 = kubesim::sim::time_point{} + std::chrono::seconds(5);
    auto base = [&] {
        auto cm = valid_config_map();
        cm.metadata.uid = "1111";
        cm.metadata.resource_version = "7";
        cm.metadata.generation = 2;
        cm.metadata.creation_timestamp = t0;
        cm.metadata.finalizers = {"example.com/a", "example.com/b"};
        return cm;
    };
    const std::vector<row> rows = {
        {"unchanged", [](object_meta&) {}, {}},
        {"name", [](object_meta& m) { m.name = "other"; },
         {"metadata.name: Invalid value: \"other\": field is immutable"}},
        {"namespace", [](object_meta& m) { m.namespace_ = "kube-system"; },
         {"metadata.namespace: Invalid value: \"kube-system\": field is immutable"}},
        {"uid", [](object_meta& m) { m.uid = "2222"; }, {"metadata.uid: Invalid value: \"2222\": field is immutable"}},
        {"creationTimestamp", [&](object_meta& m) { m.creation_timestamp = t0 + std::chrono::seconds(5); },
         {"metadata.creationTimestamp: Invalid value: \"2025-01-01T00:00:10Z\": field is immutable"}},
        {"deletionTimestamp", [&](object_meta& m) { m.deletion_timestamp = t0; },
         {"metadata.deletionTimestamp: Invalid value: \"2025-01-01T00:00:05Z\": field is immutable"}},
        {"deletionGracePeriodSeconds", [](object_meta& m) { m.deletion_grace_period_seconds = 30; },
         {"metadata.deletionGracePeriodSeconds: Invalid value: 30: field is immutable"}},
        {"no resourceVersion", [](object_meta& m) { m.resource_version.clear(); },
         {"metadata.resourceVersion: Invalid value: \"\": must be specified for an update"}},
        {"generation decremented", [](object_meta& m) { m.generation = 1; },
         {"metadata.generation: Invalid value: 1: must not be decremented"}},
        {"finalizers may change while alive", [](object_meta& m) { m.finalizers = {"example.com/c"}; }, {}},
        {"labels still validated", [](object_meta& m) { m.labels["app"] = "-bad"; },
         {"metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric "
          "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
          "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto old_obj = base();
        auto new_obj = old_obj;
        r.tweak(new_obj.metadata);
        CHECK(joined(v::validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"))) ==
              lines(r.want));
    }

    // Once deletionTimestamp is set finalizers may only go away.
    auto old_obj = base();
    old_obj.metadata.deletion_timestamp = t0;
    auto removed = old_obj;
    removed.metadata.finalizers = {"example.com/b"};
    CHECK(joined(v::validate_update(removed, old_obj)).empty());
    auto added = old_obj;
    added.metadata.finalizers = {"example.com/z", "example.com/a", "example.com/y"};
    CHECK(joined(v::validate_update(added, old_obj)) ==
          "metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new "
          "finalizers []string{\"example.com/y\", \"example.com/z\"}\n");
}

TEST_CASE("IP and CIDR helpers") {
    const field::path p("spec.ip");
    CHECK(v::is_valid_ip(p, "10.0.0.1").empty());
    CHECK(v::is_valid_ip(p, "2001:db8::1").empty());
    CHECK(v::is_valid_ip(p, "::1").empty());
    CHECK(joined(v::is_valid_ip(p, "10.0.0")) ==
          "spec.ip: Invalid value: \"10.0.0\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)\n");
    CHECK(joined(v::is_valid_ip(p, "010.0.0.1")) == "spec.ip: Invalid value: \"010.0.0.1\": must not have leading 0s\n");
    CHECK(joined(v::is_valid_ip(p, "2001:DB8:0:0:0::1")) ==
          "spec.ip: Invalid value: \"2001:DB8:0:0:0::1\": must be in canonical form (\"2001:db8::1\")\n");
    CHECK(joined(v::is_valid_ip(p, "::ffff:1.2.3.4")) ==
          "spec.ip: Invalid value: \"::ffff:1.2.3.4\": must not be an IPv4-mapped IPv6 address\n");
    CHECK(joined(v::is_valid_ip(p, "2001:db8:0:0:1:0:0:1")) ==
          "spec.ip: Invalid value: \"2001:db8:0:0:1:0:0:1\": must be in canonical form (\"2001:db8::1:0:0:1\")\n");
    CHECK(joined(v::is_valid_ip(p, "fe80::1%eth0")).find("must be a valid IP address") != std::string::npos);
    CHECK(joined(v::is_valid_ip(p, "1:2:3:4:5:6:7:8:9")).find("must be a valid IP address") != std::string::npos);

    CHECK(joined(v::validate_endpoint_ip("127.0.0.1", p)) ==
          "spec.ip: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)\n");
    CHECK(joined(v::validate_endpoint_ip("0.0.0.0", p)) == "spec.ip: Invalid value: \"0.0.0.0\": may not be unspecified (0.0.0.0)\n");
    CHECK(joined(v::validate_endpoint_ip("169.254.169.254", p)) ==
          "spec.ip: Invalid value: \"169.254.169.254\": may not be in the link-local range (169.254.0.0/16, fe80::/10)\n");
    CHECK(v::validate_endpoint_ip("10.1.2.3", p).empty());

    CHECK(v::is_valid_cidr(p, "10.244.0.0/24").empty());
    CHECK(v::is_valid_cidr(p, "fd00:10:244::/64").empty());
    CHECK(joined(v::is_valid_cidr(p, "10.244.0.1/24")) ==
          "spec.ip: Invalid value: \"10.244.0.1/24\": must not have bits set beyond the prefix length\n");
    CHECK(joined(v::is_valid_cidr(p, "10.244.0.0")) ==
          "spec.ip: Invalid value: \"10.244.0.0\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)\n");
}

}  // TEST_SUITE
