// api/json/apply.hpp: server-side apply and managedFields, checked against what
// kube-apiserver writes: the FieldsV1 of an apply and of a create, ownership
// shared, moved by force and taken by updates, the conflict status kubectl
// prints, fields removed when their last applier stops applying them, keyed list
// merges, and the bookkeeping around it (no-op applies keep their time,
// before-first-apply, kubectl's last-applied take-over, ancient-changes).
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/apply.hpp>

namespace {

using nlohmann::json;
namespace api = kubesim::api;
using api::json::field_manager;
using api::json::server_side_apply;
using api::json::update_managed_fields;

field_manager applier(std::string name, std::string time = "2025-01-01T00:01:00Z") {
    return {std::move(name), "Apply", "", "apps/v1", std::move(time)};
}
field_manager updater(std::string name, std::string time, std::string subresource = "") {
    return {std::move(name), "Update", std::move(subresource), "apps/v1", std::move(time)};
}

json apply(const json& live, const json& cfg, const field_manager& who, bool force = false) {
    auto r = server_side_apply(live, cfg, "Deployment", who, force);
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    return *r;
}

api::status apply_error(const json& live, const json& cfg, const field_manager& who, bool force = false) {
    auto r = server_side_apply(live, cfg, "Deployment", who, force);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

// The managedFields entry of `manager` (and operation), or null.
json entry(const json& obj, const std::string& manager, const std::string& operation = "") {
    for (const auto& e : obj["metadata"].value("managedFields", json::array()))
        if (e["manager"] == manager && (operation.empty() || e["operation"] == operation)) return e;
    return nullptr;
}

json fields(const json& obj, const std::string& manager, const std::string& operation = "") {
    const json e = entry(obj, manager, operation);
    return e.is_null() ? e : e["fieldsV1"];
}

// The nginx Deployment of the Kubernetes docs, as kubectl sends it.
json nginx(int replicas = 3, const std::string& image = "nginx:1.14.2") {
    return {{"apiVersion", "apps/v1"},
            {"kind", "Deployment"},
            {"metadata", {{"name", "nginx"}, {"labels", {{"app", "nginx"}}}}},
            {"spec",
             {{"replicas", replicas},
              {"selector", {{"matchLabels", {{"app", "nginx"}}}}},
              {"template",
               {{"metadata", {{"labels", {{"app", "nginx"}}}}},
                {"spec", {{"containers", {{{"name", "nginx"}, {"image", image}, {"ports", {{{"containerPort", 80}}}}}}}}}}}}}};
}

// A config naming only the object and `spec`.
json partial(const json& spec) {
    return {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "nginx"}}}, {"spec", spec}};
}

const json nginx_fields = json::parse(R"({
  "f:metadata":{"f:labels":{"f:app":{}}},
  "f:spec":{"f:replicas":{},"f:selector":{},
    "f:template":{"f:metadata":{"f:labels":{"f:app":{}}},
      "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},
        "f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}})");

}  // namespace

TEST_SUITE("api/json") {

TEST_CASE("apply: create records the configuration's fields as upstream writes them") {
    const json d = apply(nullptr, nginx(), applier("kubectl"));
    CHECK(d["spec"]["replicas"] == 3);
    CHECK(d["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.14.2");
    REQUIRE(d["metadata"]["managedFields"].size() == 1);
    const json& e = d["metadata"]["managedFields"][0];
    CHECK(e["manager"] == "kubectl");
    CHECK(e["operation"] == "Apply");
    CHECK(e["apiVersion"] == "apps/v1");
    CHECK(e["time"] == "2025-01-01T00:01:00Z");
    CHECK(e["fieldsType"] == "FieldsV1");
    CHECK_FALSE(e.contains("subresource"));
    // name, apiVersion and kind are nobody's; a selector is one field; a port is
    // keyed by its number and the protocol's default.
    CHECK(e["fieldsV1"] == nginx_fields);
    // The entry decodes into the typed object model.
    const auto m = d["metadata"].get<api::object_meta>();
    REQUIRE(m.managed_fields.size() == 1);
    CHECK(json::parse(m.managed_fields[0].fields_v1) == nginx_fields);
}

TEST_CASE("apply: unchanged configuration changes nothing, not even the time") {
    const json first = apply(nullptr, nginx(), applier("kubectl", "2025-01-01T00:01:00Z"));
    const json again = apply(first, nginx(), applier("kubectl", "2025-01-01T00:09:00Z"));
    CHECK(again == first);
    // Another applier of the same values shares every field, without a time: the object did not change.
    const json shared = apply(first, nginx(), applier("ci", "2025-01-01T00:09:00Z"));
    CHECK(fields(shared, "ci") == nginx_fields);
    CHECK(fields(shared, "kubectl") == nginx_fields);
    CHECK_FALSE(entry(shared, "ci").contains("time"));
}

TEST_CASE("apply: a field the applier stops applying is removed unless someone else owns it") {
    const json first = apply(nullptr, nginx(), applier("kubectl"));
    json cfg = nginx();
    cfg["spec"].erase("replicas");
    cfg["metadata"].erase("labels");
    const json second = apply(first, cfg, applier("kubectl", "2025-01-01T00:02:00Z"));
    CHECK_FALSE(second["spec"].contains("replicas"));
    CHECK_FALSE(second["metadata"].contains("labels"));
    CHECK(second["spec"]["selector"] == nginx()["spec"]["selector"]);
    CHECK_FALSE(fields(second, "kubectl")["f:spec"].contains("f:replicas"));
    CHECK_FALSE(fields(second, "kubectl").contains("f:metadata"));
    CHECK(entry(second, "kubectl")["time"] == "2025-01-01T00:02:00Z");

    // Shared with an equal value: both own it, no conflict; when one stops, it stays.
    const json both = apply(first, partial({{"replicas", 3}}), applier("ci"));
    CHECK(fields(both, "ci") == json::parse(R"({"f:spec":{"f:replicas":{}}})"));
    CHECK(fields(both, "kubectl")["f:spec"].contains("f:replicas"));
    json without = nginx();
    without["spec"].erase("replicas");
    const json kept = apply(both, without, applier("kubectl", "2025-01-01T00:03:00Z"));
    CHECK(kept["spec"]["replicas"] == 3);
    CHECK(fields(kept, "ci") == json::parse(R"({"f:spec":{"f:replicas":{}}})"));
    CHECK_FALSE(fields(kept, "kubectl")["f:spec"].contains("f:replicas"));
    // Fields nobody applied (defaults, other writers' fields) are never pruned.
    json defaulted = first;
    defaulted["spec"]["revisionHistoryLimit"] = 10;
    CHECK(apply(defaulted, without, applier("kubectl"))["spec"]["revisionHistoryLimit"] == 10);
}

TEST_CASE("apply: a different value on another manager's field is a conflict; force moves the field") {
    const json first = apply(nullptr, nginx(), applier("kubectl"));
    const auto st = apply_error(first, partial({{"replicas", 5}}), applier("ci"));
    CHECK(st.code == 409);
    CHECK(st.reason == "Conflict");
    CHECK(st.status_ == "Failure");
    CHECK(st.message == R"(Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas)");
    REQUIRE(st.details.causes.size() == 1);
    CHECK(st.details.causes[0] == api::status_cause{"FieldManagerConflict", R"(conflict with "kubectl")", ".spec.replicas"});
    CHECK(st.causes == st.details.causes);

    // Two fields: grouped under the manager, members before deeper paths.
    json two = partial(nginx()["spec"]);
    two["spec"]["replicas"] = 5;
    two["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.25";
    const auto st2 = apply_error(first, two, applier("ci"));
    CHECK(st2.message == "Apply failed with 2 conflicts: conflicts with \"kubectl\":\n- .spec.replicas\n"
                         "- .spec.template.spec.containers[name=\"nginx\"].image");
    REQUIRE(st2.causes.size() == 2);
    CHECK(st2.causes[1].field == R"(.spec.template.spec.containers[name="nginx"].image)");

    // Forced: ci owns .spec.replicas now, kubectl no longer does.
    const json forced = apply(first, partial({{"replicas", 5}}), applier("ci", "2025-01-01T00:05:00Z"), true);
    CHECK(forced["spec"]["replicas"] == 5);
    CHECK(fields(forced, "ci") == json::parse(R"({"f:spec":{"f:replicas":{}}})"));
    CHECK_FALSE(fields(forced, "kubectl")["f:spec"].contains("f:replicas"));
    CHECK(fields(forced, "kubectl")["f:spec"].contains("f:selector"));
    // kubectl applying its old value conflicts in turn, with an applier (no version in the message).
    CHECK(apply_error(forced, nginx(), applier("kubectl")).message ==
          R"(Apply failed with 1 conflict: conflict with "ci": .spec.replicas)");
}

TEST_CASE("apply: an update (kubectl scale) takes the field, and the next apply conflicts") {
    const json first = apply(nullptr, nginx(), applier("kubectl"));
    json scaled = first;
    scaled["spec"]["replicas"] = 5;
    // PATCH .../deployments/nginx/scale without fieldManager: kubectl's user agent names it.
    scaled = update_managed_fields(first, scaled, "Deployment", updater("kubectl", "2025-01-01T00:04:00Z", "scale"));
    const json e = entry(scaled, "kubectl", "Update");
    REQUIRE_FALSE(e.is_null());
    CHECK(e["subresource"] == "scale");
    CHECK(e["apiVersion"] == "apps/v1");
    CHECK(e["fieldsV1"] == json::parse(R"({"f:spec":{"f:replicas":{}}})"));
    CHECK_FALSE(e.contains("time"));  // the scale subresource's entries carry no time upstream
    CHECK_FALSE(fields(scaled, "kubectl", "Apply")["f:spec"].contains("f:replicas"));
    // Apply entries sort before Update entries.
    CHECK(scaled["metadata"]["managedFields"][0]["operation"] == "Apply");

    const auto st = apply_error(scaled, nginx(), applier("kubectl"));
    CHECK(st.message ==
          R"(Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas)");
    CHECK(st.causes[0].message == R"(conflict with "kubectl" with subresource "scale" using apps/v1)");
    // Applying the scaled value is no conflict: both own it.
    const json agreed = apply(scaled, nginx(5), applier("kubectl"));
    CHECK(fields(agreed, "kubectl", "Apply")["f:spec"].contains("f:replicas"));
    CHECK_FALSE(entry(agreed, "kubectl", "Update").is_null());

    // A plain update by another manager: it takes what it changed, and the time moves.
    json edited = first;
    edited["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.25";
    edited = update_managed_fields(first, edited, "Deployment", updater("kubectl-edit", "2025-01-01T00:06:00Z"));
    CHECK(entry(edited, "kubectl-edit")["time"] == "2025-01-01T00:06:00Z");
    CHECK(fields(edited, "kubectl-edit") ==
          json::parse(R"({"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:image":{}}}}}}})"));
    CHECK(apply_error(edited, nginx(), applier("kubectl")).message ==
          "Apply failed with 1 conflict: conflict with \"kubectl-edit\" using apps/v1: "
          ".spec.template.spec.containers[name=\"nginx\"].image");
    // The same manager's next update merges into its entry.
    json again = edited;
    again["metadata"]["annotations"] = {{"note", "x"}};
    again = update_managed_fields(edited, again, "Deployment", updater("kubectl-edit", "2025-01-01T00:07:00Z"));
    CHECK(fields(again, "kubectl-edit")["f:spec"] == fields(edited, "kubectl-edit")["f:spec"]);
    CHECK(fields(again, "kubectl-edit")["f:metadata"] == json::parse(R"({"f:annotations":{".":{},"f:note":{}}})"));
    CHECK(entry(again, "kubectl-edit")["time"] == "2025-01-01T00:07:00Z");
    // An update that changes nothing keeps the entries and their times.
    CHECK(update_managed_fields(again, again, "Deployment", updater("kubectl-edit", "2025-01-01T00:08:00Z")) == again);
}

TEST_CASE("apply: keyed lists merge element by element between managers") {
    const json first = apply(nullptr, nginx(), applier("kubectl"));
    const json sidecar = partial(json::parse(R"({"template":{"spec":{"containers":[{"name":"log","image":"log:1"}]}}})"));
    const json both = apply(first, sidecar, applier("logging"));
    const json& containers = both["spec"]["template"]["spec"]["containers"];
    REQUIRE(containers.size() == 2);
    CHECK(containers[0]["name"] == "nginx");
    CHECK(containers[1]["name"] == "log");
    CHECK(fields(both, "logging") == json::parse(R"({"f:spec":{"f:template":{"f:spec":{"f:containers":
        {"k:{\"name\":\"log\"}":{".":{},"f:image":{},"f:name":{}}}}}}})"));
    CHECK(fields(both, "kubectl") == nginx_fields);

    // kubectl changes its container; the other one stays where it is.
    const json updated = apply(both, nginx(3, "nginx:1.25"), applier("kubectl", "2025-01-01T00:02:00Z"));
    REQUIRE(updated["spec"]["template"]["spec"]["containers"].size() == 2);
    CHECK(updated["spec"]["template"]["spec"]["containers"][0]["image"] == "nginx:1.25");
    CHECK(updated["spec"]["template"]["spec"]["containers"][1] == json::parse(R"({"name":"log","image":"log:1"})"));
    // The logging manager drops its container: only that element goes.
    const json nothing = {{"apiVersion", "apps/v1"}, {"kind", "Deployment"}, {"metadata", {{"name", "nginx"}}}};
    const json dropped = apply(updated, nothing, applier("logging", "2025-01-01T00:03:00Z"));
    REQUIRE(dropped["spec"]["template"]["spec"]["containers"].size() == 1);
    CHECK(dropped["spec"]["template"]["spec"]["containers"][0]["name"] == "nginx");
    CHECK(entry(dropped, "logging").is_null());  // an entry owning nothing is dropped

    // A port keyed by number and protocol: UDP 53 beside TCP 53 is another element.
    const json dns = apply(nullptr, partial(json::parse(R"({"template":{"spec":{"containers":[{"name":"dns","image":"dns",
        "ports":[{"containerPort":53,"protocol":"UDP"},{"containerPort":53}]}]}}})")), applier("kubectl"));
    CHECK(fields(dns, "kubectl")["f:spec"]["f:template"]["f:spec"]["f:containers"]["k:{\"name\":\"dns\"}"]["f:ports"] ==
          json::parse(R"({"k:{\"containerPort\":53,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}},
                          "k:{\"containerPort\":53,\"protocol\":\"UDP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}})"));
}

TEST_CASE("apply: sets, atomic objects and lists, ignored status") {
    const json cfg = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"web","finalizers":["example.com/a"],
                    "ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"cm","uid":"u-1"}]},
        "spec":{"template":{"spec":{"tolerations":[{"key":"k","operator":"Exists"}],
                                    "containers":[{"name":"c","command":["sh","-c"],
                                                   "env":[{"name":"A","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}}]}]}}},
        "status":{"replicas":7}})");
    const json d = apply(nullptr, cfg, applier("kubectl"));
    CHECK(fields(d, "kubectl") == json::parse(R"({
        "f:metadata":{"f:finalizers":{"v:\"example.com/a\"":{}},"f:ownerReferences":{"k:{\"uid\":\"u-1\"}":{}}},
        "f:spec":{"f:template":{"f:spec":{
            "f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:command":{},
                "f:env":{"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:valueFrom":{"f:fieldRef":{}}}},"f:name":{}}},
            "f:tolerations":{}}}}})"));
    // status is the status subresource's: not owned through the main resource.
    CHECK_FALSE(fields(d, "kubectl").contains("f:status"));
    // Through the status subresource it is the other way round.
    json status_cfg = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                                       "spec":{"replicas":1},"status":{"replicas":2}})");
    field_manager status_writer = applier("ctl");
    status_writer.subresource = "status";
    const json s = apply(d, status_cfg, status_writer);
    CHECK(fields(s, "ctl") == json::parse(R"({"f:status":{"f:replicas":{}}})"));
    CHECK(entry(s, "ctl")["subresource"] == "status");
}

TEST_CASE("apply: an object nobody tracked belongs to before-first-apply") {
    const json live = json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
        "metadata":{"name":"nginx","namespace":"default","uid":"u-1","resourceVersion":"7","creationTimestamp":"2025-01-01T00:00:00Z"},
        "spec":{"replicas":2,"selector":{"matchLabels":{"app":"nginx"}}}})");
    // Updates do not start tracking an object that has no managedFields.
    json edited = live;
    edited["spec"]["replicas"] = 4;
    CHECK_FALSE(update_managed_fields(live, edited, "Deployment", updater("kubectl-edit", "2025-01-01T00:01:00Z"))["metadata"]
                    .contains("managedFields"));
    // An apply does: what was there is before-first-apply's, an Update entry.
    const auto st = apply_error(live, partial({{"replicas", 3}}), applier("kubectl"));
    CHECK(st.message == R"(Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas)");
    const json ok = apply(live, partial({{"replicas", 2}}), applier("kubectl", "2025-01-01T00:02:00Z"));
    CHECK(fields(ok, "before-first-apply", "Update") == json::parse(R"({"f:spec":{"f:replicas":{},"f:selector":{}}})"));
    CHECK(entry(ok, "before-first-apply")["time"] == "2025-01-01T00:02:00Z");
    CHECK(fields(ok, "kubectl") == json::parse(R"({"f:spec":{"f:replicas":{}}})"));
    // The stored metadata is kept as it was.
    CHECK(ok["metadata"]["uid"] == "u-1");
    CHECK(ok["metadata"]["resourceVersion"] == "7");
}

TEST_CASE("apply: create through an update records the whole object") {
    // kubectl create (or client-side apply): every field the object carries.
    const json pod = json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"p1","namespace":"default",
        "labels":{"run":"p1"}},"spec":{"containers":[{"name":"c","image":"busybox","resources":{}}],
        "restartPolicy":"Always"},"status":{"phase":"Pending"}})");
    field_manager who{"kubectl-create", "Update", "", "v1", "2025-01-01T00:00:05Z"};
    const json created = update_managed_fields(nullptr, pod, "Pod", who);
    REQUIRE(created["metadata"]["managedFields"].size() == 1);
    const json& e = created["metadata"]["managedFields"][0];
    CHECK(e["manager"] == "kubectl-create");
    CHECK(e["operation"] == "Update");
    CHECK(e["apiVersion"] == "v1");
    CHECK(e["time"] == "2025-01-01T00:00:05Z");
    CHECK(e["fieldsV1"] == json::parse(R"({"f:metadata":{"f:labels":{".":{},"f:run":{}}},
        "f:spec":{"f:containers":{"k:{\"name\":\"c\"}":{".":{},"f:image":{},"f:name":{},"f:resources":{}}},
                  "f:restartPolicy":{}}})"));
    // managedFields sent by the writer are kept; [{}] clears them.
    json sent = created;
    CHECK(update_managed_fields(created, sent, "Pod", who)["metadata"]["managedFields"] == created["metadata"]["managedFields"]);
    json stored = created;
    stored["metadata"]["uid"] = "u-9";
    sent = stored;
    sent["metadata"]["managedFields"] = json::parse("[{}]");
    CHECK_FALSE(update_managed_fields(stored, sent, "Pod", who)["metadata"].contains("managedFields"));
}

TEST_CASE("apply: kubectl takes over from its client-side apply") {
    json live = nginx(2);
    live["metadata"]["namespace"] = "default";
    live["metadata"]["annotations"] = {{"kubectl.kubernetes.io/last-applied-configuration", nginx(2).dump() + "\n"}};
    live = update_managed_fields(nullptr, live, "Deployment", updater("kubectl-client-side-apply", "2025-01-01T00:00:01Z"));
    live["metadata"]["uid"] = "u-1";
    // Another manager conflicts with the client-side applier ...
    CHECK(apply_error(live, partial({{"replicas", 3}}), applier("ci")).message ==
          R"(Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas)");
    // ... kubectl does not, for what its last-applied configuration holds, and
    // keeps that annotation equal to what it applies.
    const json d = apply(live, nginx(3), applier("kubectl"));
    CHECK(d["spec"]["replicas"] == 3);
    CHECK(fields(d, "kubectl", "Apply")["f:spec"].contains("f:replicas"));
    CHECK_FALSE(fields(d, "kubectl-client-side-apply")["f:spec"].contains("f:replicas"));
    CHECK(d["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"] == nginx(3).dump() + "\n");
    // A field the annotation does not hold still conflicts.
    json extra = nginx(3);
    extra["spec"]["template"]["spec"]["containers"][0]["image"] = "nginx:1.25";
    json edited = live;
    edited["spec"]["minReadySeconds"] = 5;
    edited = update_managed_fields(live, edited, "Deployment", updater("kubectl-edit", "2025-01-01T00:00:02Z"));
    extra["spec"]["minReadySeconds"] = 9;
    CHECK(apply_error(edited, extra, applier("kubectl")).message ==
          R"(Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.minReadySeconds)");
}

TEST_CASE("apply: more than ten updaters merge the oldest into ancient-changes") {
    json obj = apply(nullptr, nginx(), applier("kubectl"));
    for (int i = 0; i < 11; ++i) {
        json next = obj;
        next["metadata"]["annotations"]["a" + std::to_string(i)] = "x";
        const std::string minute = (i < 10 ? "0" : "") + std::to_string(i);
        obj = update_managed_fields(obj, next, "Deployment", updater("m" + std::to_string(i), "2025-01-01T01:" + minute + ":00Z"));
    }
    const json& mf = obj["metadata"]["managedFields"];
    CHECK(mf.size() == 11);  // the applier and ten updaters
    CHECK(entry(obj, "m0").is_null());
    CHECK(entry(obj, "m1").is_null());
    CHECK_FALSE(entry(obj, "m2").is_null());
    const json ancient = entry(obj, "ancient-changes");
    REQUIRE_FALSE(ancient.is_null());
    CHECK(ancient["fieldsV1"] == json::parse(R"({"f:metadata":{"f:annotations":{".":{},"f:a0":{},"f:a1":{}}}})"));
    CHECK(ancient["time"] == "2025-01-01T01:01:00Z");
}

TEST_CASE("apply: bad requests") {
    const json first = apply(nullptr, nginx(), applier("kubectl"));
    auto st = apply_error(first, json::array(), applier("kubectl"));
    CHECK(st.code == 400);
    CHECK(st.message == "error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                        "array into Go value of type map[string]interface {}");
    json no_version = nginx();
    no_version.erase("apiVersion");
    st = apply_error(first, no_version, applier("kubectl"));
    CHECK(st.code == 400);
    CHECK(st.reason == "BadRequest");
    CHECK(st.message == "invalid object type: /, Kind=Deployment");
    json other = nginx();
    other["apiVersion"] = "v1";
    CHECK(apply_error(first, other, applier("kubectl")).message == "invalid object type: /v1, Kind=Deployment");
    json no_kind = nginx();
    no_kind.erase("kind");
    CHECK(apply_error(first, no_kind, applier("kubectl")).message == "invalid object type: apps/v1, Kind=");
    json with_fields = nginx();
    with_fields["metadata"]["managedFields"] = first["metadata"]["managedFields"];
    st = apply_error(first, with_fields, applier("kubectl"));
    CHECK(st.code == 400);
    CHECK(st.message == "metadata.managedFields must be nil");
    // A list the schema keys, with a repeated key: upstream's 500.
    json twice = nginx();
    twice["metadata"]["namespace"] = "default";
    twice["spec"]["template"]["spec"]["containers"].push_back(twice["spec"]["template"]["spec"]["containers"][0]);
    st = apply_error(first, twice, applier("kubectl"));
    CHECK(st.code == 500);
    CHECK(st.reason.empty());
    CHECK(st.message == "failed to create typed patch object (default/nginx; apps/v1, Kind=Deployment): "
                        ".spec.template.spec.containers: duplicate entries for key [name=\"nginx\"]");
    json keyless = nginx();
    keyless["spec"]["template"]["spec"]["containers"][0].erase("name");
    CHECK(apply_error(first, keyless, applier("kubectl")).message ==
          "failed to create typed patch object (/nginx; apps/v1, Kind=Deployment): .spec.template.spec.containers: "
          "element 0: associative list with keys has an element that omits all key fields [\"name\"] (and doesn't "
          "have default values for any key fields)");
}

}  // TEST_SUITE
