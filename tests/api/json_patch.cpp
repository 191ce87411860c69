// api/json/patch.hpp: JSON merge patch (the RFC 7386 appendix A vectors) and
// the strategic merge patch cases kubectl produces (kubectl patch, kubectl apply),
// with the list orders and error texts of apimachinery's strategicpatch; JSON
// patch (RFC 6902) with evanphx/json-patch's behaviour and texts and the statuses
// kube-apiserver answers; and the codec registry's patch entry point (json/codec.hpp).
#include <doctest/doctest.h>

#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/codec.hpp>

namespace {

using nlohmann::json;
namespace api = kubesim::api;
using api::json::json_patch;
using api::json::merge_patch;
using api::json::strategic_merge_patch;

json smp(const char* target, const char* patch, std::string_view kind = "Pod") {
    auto r = strategic_merge_patch(json::parse(target), json::parse(patch), kind);
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    return *r;
}

api::status smp_error(const char* target, const char* patch, std::string_view kind = "Pod") {
    auto r = strategic_merge_patch(json::parse(target), json::parse(patch), kind);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

json jp(const char* target, const char* patch) {
    auto r = json_patch(json::parse(target), json::parse(patch));
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    return *r;
}

// The library's text for a JSON patch that does not apply (the API server's 422 drops it).
std::string jp_error(const char* target, const char* patch) {
    json doc = json::parse(target);
    return api::json::detail::json_patch_apply(doc, json::parse(patch));
}

const char* deployment_doc = R"({"metadata":{"name":"web","labels":{"app":"web"},"annotations":{"a/b":"1","x~y":"2"}},
    "spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"log","image":"log:1"}]}},
            "list":[1,2,3]}})";

const char* two_containers = R"({"spec":{"containers":[
    {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
     "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}]},
    {"name":"sidecar","image":"proxy:1"}]}})";

}  // namespace

TEST_SUITE("api/json") {

TEST_CASE("merge patch: RFC 7386 appendix A") {
    const char* cases[][3] = {
        {R"({"a":"b"})", R"({"a":"c"})", R"({"a":"c"})"},
        {R"({"a":"b"})", R"({"b":"c"})", R"({"a":"b","b":"c"})"},
        {R"({"a":"b"})", R"({"a":null})", R"({})"},
        {R"({"a":"b","b":"c"})", R"({"a":null})", R"({"b":"c"})"},
        {R"({"a":["b"]})", R"({"a":"c"})", R"({"a":"c"})"},
        {R"({"a":"c"})", R"({"a":["b"]})", R"({"a":["b"]})"},
        {R"({"a":{"b":"c"}})", R"({"a":{"b":"d","c":null}})", R"({"a":{"b":"d"}})"},
        {R"({"a":[{"b":"c"}]})", R"({"a":[1]})", R"({"a":[1]})"},
        {R"(["a","b"])", R"(["c","d"])", R"(["c","d"])"},
        {R"({"a":"b"})", R"(["c"])", R"(["c"])"},
        {R"({"a":"foo"})", R"(null)", R"(null)"},
        {R"({"a":"foo"})", R"("bar")", R"("bar")"},
        {R"({"e":null})", R"({"a":1})", R"({"e":null,"a":1})"},
        {R"([1,2])", R"({"a":"b","c":null})", R"({"a":"b"})"},
        {R"({})", R"({"a":{"bb":{"ccc":null}}})", R"({"a":{"bb":{}}})"},
    };
    for (const auto& c : cases) {
        CAPTURE(c[1]);
        CHECK(merge_patch(json::parse(c[0]), json::parse(c[1])) == json::parse(c[2]));
    }
}

TEST_CASE("strategic: containers merge by name, env by name, ports by containerPort") {
    // kubectl set image / kubectl patch: only the named container changes.
    CHECK(smp(two_containers, R"({"spec":{"containers":[{"name":"sidecar","image":"proxy:2"}]}})")["spec"]["containers"] ==
          json::parse(R"([{"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
                          "ports":[{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"protocol":"TCP"}]},
                         {"name":"sidecar","image":"proxy:2"}])"));

    const json env = smp(two_containers, R"({"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"3"},{"name":"C","value":"4"}]}]}})");
    CHECK(env["spec"]["containers"][0]["env"] ==
          json::parse(R"([{"name":"A","value":"1"},{"name":"B","value":"3"},{"name":"C","value":"4"}])"));

    const json ports = smp(two_containers, R"({"spec":{"containers":[{"name":"app","ports":[{"containerPort":443,"name":"https"}]}]}})");
    CHECK(ports["spec"]["containers"][0]["ports"] ==
          json::parse(R"([{"containerPort":80,"protocol":"TCP"},{"containerPort":443,"name":"https","protocol":"TCP"}])"));

    // A null inside a merged element deletes that field only.
    const json unset = smp(two_containers, R"({"spec":{"containers":[{"name":"app","ports":null}]}})");
    CHECK_FALSE(unset["spec"]["containers"][0].contains("ports"));
    CHECK(unset["spec"]["containers"][0]["env"].size() == 2);
}

TEST_CASE("strategic: list order follows apimachinery (patch order, then live order)") {
    // A new element cannot be ordered against live ones and comes first.
    const json added = smp(two_containers, R"({"spec":{"containers":[{"name":"debug","image":"busybox"}]}})");
    CHECK(added["spec"]["containers"][0]["name"] == "debug");
    CHECK(added["spec"]["containers"][1]["name"] == "app");
    CHECK(added["spec"]["containers"][2]["name"] == "sidecar");

    // "preserve the order from the patch in a merging list 2" (patch_test.go).
    const json ordered = smp(R"({"spec":{"containers":[{"name":"1"},{"name":"2","image":"b"},{"name":"3"}]}})",
                             R"({"spec":{"containers":[{"name":"3","image":"c"},{"name":"1","image":"a"}]}})");
    CHECK(ordered["spec"]["containers"] ==
          json::parse(R"([{"name":"2","image":"b"},{"name":"3","image":"c"},{"name":"1","image":"a"}])"));

    // $setElementOrder (kubectl apply) decides the final order.
    const json reordered = smp(two_containers, R"({"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"app"}],
                                                   "containers":[{"name":"app","image":"app:2"}]}})");
    CHECK(reordered["spec"]["containers"][0]["name"] == "sidecar");
    CHECK(reordered["spec"]["containers"][1]["image"] == "app:2");
    CHECK_FALSE(reordered["spec"].contains("$setElementOrder/containers"));
}

TEST_CASE("strategic: $patch directives in lists and maps") {
    const json removed = smp(two_containers, R"({"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}})");
    REQUIRE(removed["spec"]["containers"].size() == 1);
    CHECK(removed["spec"]["containers"][0]["name"] == "app");

    const json replaced = smp(two_containers, R"({"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}]}})");
    CHECK(replaced["spec"]["containers"] == json::parse(R"([{"name":"only","image":"x"}])"));

    const char* labelled = R"({"metadata":{"labels":{"app":"web","tier":"fe"}},"spec":{"nodeSelector":{"disk":"hdd","zone":"a"}}})";
    CHECK(smp(labelled, R"({"spec":{"nodeSelector":{"$patch":"replace","disk":"ssd"}}})")["spec"]["nodeSelector"] ==
          json::parse(R"({"disk":"ssd"})"));
    CHECK(smp(labelled, R"({"metadata":{"labels":{"$patch":"delete"}}})")["metadata"]["labels"] == json::object());
    CHECK(smp(labelled, R"({"metadata":{"labels":{"tier":null,"env":"prod"}}})")["metadata"]["labels"] ==
          json::parse(R"({"app":"web","env":"prod"})"));
    // A directive for a field the target lacks adds nothing.
    CHECK_FALSE(smp(labelled, R"({"spec":{"affinity":{"$patch":"delete"}}})")["spec"].contains("affinity"));
}

TEST_CASE("strategic: primitive merge lists and $deleteFromPrimitiveList") {
    const char* target = R"({"metadata":{"finalizers":["a.example/x","b.example/y"]}})";
    CHECK(smp(target, R"({"metadata":{"finalizers":["c.example/z","a.example/x"]}})")["metadata"]["finalizers"] ==
          json::parse(R"(["c.example/z","a.example/x","b.example/y"])"));
    CHECK(smp(target, R"({"metadata":{"$deleteFromPrimitiveList/finalizers":["a.example/x"]}})")["metadata"]["finalizers"] ==
          json::parse(R"(["b.example/y"])"));
    CHECK(smp(target, R"({"metadata":{"finalizers":null}})")["metadata"] == json::object());
    CHECK(smp(R"({"spec":{"podCIDRs":["10.244.0.0/24"]}})", R"({"spec":{"podCIDRs":["fd00::/64"]}})", "Node")["spec"]["podCIDRs"] ==
          json::parse(R"(["fd00::/64","10.244.0.0/24"])"));
}

TEST_CASE("strategic: ownerReferences by uid, conditions by type, atomic lists") {
    const char* owned = R"({"metadata":{"ownerReferences":[{"uid":"1","kind":"ReplicaSet","name":"a","controller":true},
                                                            {"uid":"2","kind":"ConfigMap","name":"b"}]}})";
    CHECK(smp(owned, R"({"metadata":{"ownerReferences":[{"uid":"1","controller":false}]}})")["metadata"]["ownerReferences"] ==
          json::parse(R"([{"uid":"1","kind":"ReplicaSet","name":"a","controller":false},{"uid":"2","kind":"ConfigMap","name":"b"}])"));
    CHECK(smp(owned, R"({"metadata":{"ownerReferences":[{"uid":"2","$patch":"delete"}]}})")["metadata"]["ownerReferences"].size() == 1);

    const char* status = R"({"status":{"phase":"Running","conditions":[{"type":"Ready","status":"False"},{"type":"PodScheduled","status":"True"}],
                             "containerStatuses":[{"name":"a","ready":false},{"name":"b","ready":false}]}})";
    const json s = smp(status, R"({"status":{"conditions":[{"type":"Ready","status":"True"}],"containerStatuses":[{"name":"a","ready":true}]}})");
    CHECK(s["status"]["conditions"] == json::parse(R"([{"type":"Ready","status":"True"},{"type":"PodScheduled","status":"True"}])"));
    // containerStatuses has no patch strategy: replaced whole.
    CHECK(s["status"]["containerStatuses"] == json::parse(R"([{"name":"a","ready":true}])"));

    // tolerations are atomic too.
    CHECK(smp(R"({"spec":{"tolerations":[{"key":"a","operator":"Exists"}]}})",
              R"({"spec":{"tolerations":[{"key":"b","operator":"Exists"}]}})")["spec"]["tolerations"] ==
          json::parse(R"([{"key":"b","operator":"Exists"}])"));

    // Deployment / ReplicaSet templates reach the pod spec's metadata.
    const char* deploy = R"({"spec":{"template":{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}}})";
    CHECK(smp(deploy, R"({"spec":{"template":{"spec":{"containers":[{"name":"b","image":"b:2"}]}}}})", "Deployment")
              ["spec"]["template"]["spec"]["containers"] ==
          json::parse(R"([{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}])"));
    CHECK(smp(R"({"spec":{"ports":[{"port":80,"targetPort":8080},{"port":443}]}})",
              R"({"spec":{"ports":[{"port":80,"nodePort":31000}]}})", "Service")["spec"]["ports"] ==
          json::parse(R"([{"port":80,"targetPort":8080,"nodePort":31000},{"port":443}])"));
}

TEST_CASE("strategic: $retainKeys switches a Deployment to Recreate") {
    const char* target = R"({"spec":{"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":"25%"}}}})";
    CHECK(smp(target, R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate","rollingUpdate":null}}})", "Deployment")
              ["spec"]["strategy"] == json::parse(R"({"type":"Recreate"})"));
    // Without the directive the old rollingUpdate stays (and validation would refuse it).
    CHECK(smp(target, R"({"spec":{"strategy":{"type":"Recreate"}}})", "Deployment")["spec"]["strategy"].contains("rollingUpdate"));
    // A new map keeps no directives.
    CHECK(smp(R"({"spec":{}})", R"({"spec":{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}})", "Deployment")
              ["spec"]["strategy"] == json::parse(R"({"type":"Recreate"})"));
}

TEST_CASE("strategic: errors as the API server reports them") {
    auto missing = smp_error(two_containers, R"({"spec":{"containers":[{"image":"x","ports":[{"containerPort":1000000}]}]}})");
    CHECK(missing.code == 500);
    CHECK(missing.reason.empty());
    CHECK(missing.message == "map: map[image:x ports:[map[containerPort:1e+06]]] does not contain declared merge key: name");

    const char* labelled = R"({"metadata":{"labels":{"app":"web"}}})";
    CHECK(smp_error(labelled, R"({"metadata":{"labels":{"$patch":"nuke"}}})").message ==
          "unknown patch type: nuke in map: map[$patch:nuke]");
    // Directives inside a value the target does not have are dropped, not checked.
    CHECK(smp(two_containers, R"({"metadata":{"labels":{"$patch":"nuke"}}})")["metadata"] == json::object());
    CHECK(smp_error(two_containers, R"({"spec":{"containers":[{"$patch":"merge"}]}})").message ==
          "merging lists cannot yet be specified in the patch");

    auto bad_delete = smp_error(labelled, R"({"metadata":{"$deleteFromPrimitiveList":["x"]}})");
    CHECK(bad_delete.code == 400);
    CHECK(bad_delete.reason == "BadRequest");
    CHECK(bad_delete.message == "invalid patch format of primitive list");

    CHECK(smp_error(R"({"spec":{"strategy":{}}})", R"({"spec":{"strategy":{"$retainKeys":"type"}}})", "Deployment").message ==
          "invalid patch format of retainKeys");
    CHECK(smp_error(R"({"spec":{"strategy":{}}})", R"({"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{}}}})", "Deployment")
              .message == "invalid patch format of retainKeys");

    auto lists = smp_error(R"({"metadata":{"finalizers":[]}})", R"({"metadata":{"finalizers":[["b"]]}})");
    CHECK(lists.code == 422);
    CHECK(lists.reason == "Invalid");
    CHECK(lists.message == "the server rejected our request due to an error in our request");
    CHECK(smp_error(R"({"metadata":{"finalizers":["a"]}})", R"({"metadata":{"finalizers":[["b"]]}})").message ==
          "list element types are not identical: [[a] [[b]]]");

    auto not_object = smp_error("{}", "[]");
    CHECK(not_object.code == 400);
    CHECK(not_object.message == "json: cannot unmarshal array into Go value of type map[string]interface {}");
    CHECK(smp_error("{}", "{}", "Widget").message == "strategic merge patch format is not supported");
}

TEST_CASE("codec: registry decode and patch by resource") {
    api::json::register_codecs();
    const auto& codec = *api::codecs_by_resource().at("pods");
    CHECK(codec.kind == "Pod");
    CHECK(api::codecs_by_type().at("apps/v1/Deployment")->resource == "deployments");

    api::pod p;
    p.metadata.name = "web";
    p.metadata.labels = {{"app", "web"}};
    p.spec.containers.push_back({.name = "app", .image = "app:1"});
    p.spec.containers.push_back({.name = "sidecar", .image = "proxy:1"});

    auto sp = codec.patch(&p, json::parse(R"({"spec":{"containers":[{"name":"app","image":"app:2"}]}})"), api::patch_type::strategic);
    REQUIRE(sp.has_value());
    const auto& patched = *static_cast<const api::pod*>(sp->get());
    CHECK(patched.spec.containers.size() == 2);
    CHECK(patched.spec.containers[0].image == "app:2");

    // A merge patch replaces the whole list.
    auto mp = codec.patch(&p, json::parse(R"({"metadata":{"labels":{"tier":"fe"}},"spec":{"containers":[{"name":"app","image":"app:3"}]}})"),
                          api::patch_type::merge);
    REQUIRE(mp.has_value());
    const auto& merged = *static_cast<const api::pod*>(mp->get());
    CHECK(merged.spec.containers.size() == 1);
    CHECK(merged.metadata.labels == std::map<std::string, std::string>{{"app", "web"}, {"tier", "fe"}});

    // A patched document that no longer decodes is refused with the decoder's message.
    auto bad = codec.patch(&p, json::parse(R"({"spec":{"containers":[{"name":"app","ports":[{"containerPort":"80"}]}]}})"),
                           api::patch_type::merge);
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code / 100 == 4);
    const std::string why = "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32";
    CHECK(bad.error().message.size() > why.size());
    CHECK(bad.error().message.substr(bad.error().message.size() - why.size()) == why);

    auto decoded = codec.decode(json::parse(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"x"}})"));
    REQUIRE(decoded.has_value());
    CHECK(static_cast<const api::pod*>(decoded->get())->metadata.name == "x");
    CHECK(codec.encode(decoded->get())["metadata"]["name"] == "x");
}

TEST_CASE("json patch: add, remove, replace, move, copy and test (RFC 6902 appendix A)") {
    // A.1 add an object member, A.2 add an array element, A.16 append with "-".
    CHECK(jp(R"({"foo":"bar"})", R"([{"op":"add","path":"/baz","value":"qux"}])") == json::parse(R"({"baz":"qux","foo":"bar"})"));
    CHECK(jp(R"({"foo":["bar","baz"]})", R"([{"op":"add","path":"/foo/1","value":"qux"}])") ==
          json::parse(R"({"foo":["bar","qux","baz"]})"));
    CHECK(jp(R"({"foo":["bar"]})", R"([{"op":"add","path":"/foo/-","value":["abc","def"]}])") ==
          json::parse(R"({"foo":["bar",["abc","def"]]})"));
    // add on an existing member replaces it; add at the length appends.
    CHECK(jp(R"({"foo":1})", R"([{"op":"add","path":"/foo","value":2}])") == json::parse(R"({"foo":2})"));
    CHECK(jp(R"({"a":[1,2]})", R"([{"op":"add","path":"/a/2","value":3}])") == json::parse(R"({"a":[1,2,3]})"));
    // A.3 / A.4 remove a member and an element; A.5 replace; A.6 / A.7 move.
    CHECK(jp(R"({"baz":"qux","foo":"bar"})", R"([{"op":"remove","path":"/baz"}])") == json::parse(R"({"foo":"bar"})"));
    CHECK(jp(R"({"foo":["bar","qux","baz"]})", R"([{"op":"remove","path":"/foo/1"}])") == json::parse(R"({"foo":["bar","baz"]})"));
    CHECK(jp(R"({"baz":"qux","foo":"bar"})", R"([{"op":"replace","path":"/baz","value":"boo"}])") ==
          json::parse(R"({"baz":"boo","foo":"bar"})"));
    CHECK(jp(R"({"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}})",
             R"([{"op":"move","from":"/foo/waldo","path":"/qux/thud"}])") ==
          json::parse(R"({"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}})"));
    CHECK(jp(R"({"foo":["all","grass","cows","eat"]})", R"([{"op":"move","from":"/foo/1","path":"/foo/3"}])") ==
          json::parse(R"({"foo":["all","cows","eat","grass"]})"));
    // copy, and test that passes (A.8).
    CHECK(jp(R"({"a":{"b":[1,2]}})", R"([{"op":"copy","from":"/a/b","path":"/c"}])") == json::parse(R"({"a":{"b":[1,2]},"c":[1,2]})"));
    CHECK(jp(R"({"baz":"qux","foo":["a",2,"c"]})", R"([{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}])") ==
          json::parse(R"({"baz":"qux","foo":["a",2,"c"]})"));
    // A.14 ~0 and ~1 escapes.
    CHECK(jp(R"({"/":9,"~1":10})", R"([{"op":"test","path":"/~01","value":10},{"op":"add","path":"/~1","value":8}])") ==
          json::parse(R"({"/":8,"~1":10})"));
    // Operations apply in order, each on the result of the one before.
    CHECK(jp(R"({"a":1})", R"([{"op":"add","path":"/b","value":{}},{"op":"add","path":"/b/c","value":2},{"op":"remove","path":"/a"}])") ==
          json::parse(R"({"b":{"c":2}})"));
    // A null patch is no patch.
    CHECK(jp(R"({"a":1})", "null") == json::parse(R"({"a":1})"));
}

TEST_CASE("json patch: the evanphx/json-patch v4 behaviour kube-apiserver has") {
    // replace of an absent object member adds it (v4 only checks that the parent exists).
    CHECK(jp(R"({"spec":{}})", R"([{"op":"replace","path":"/spec/replicas","value":2}])") == json::parse(R"({"spec":{"replicas":2}})"));
    // Negative indexes count from the end; for add, -1 is past the last element.
    CHECK(jp(R"({"a":[1,2,3]})", R"([{"op":"remove","path":"/a/-1"}])") == json::parse(R"({"a":[1,2]})"));
    CHECK(jp(R"({"a":[1,2,3]})", R"([{"op":"add","path":"/a/-1","value":4}])") == json::parse(R"({"a":[1,2,3,4]})"));
    CHECK(jp(R"({"a":[1,2,3]})", R"([{"op":"replace","path":"/a/-3","value":0}])") == json::parse(R"({"a":[0,2,3]})"));
    // copy of an absent member writes null; add without a value writes null.
    CHECK(jp(R"({"a":{}})", R"([{"op":"copy","from":"/a/nope","path":"/b"}])") == json::parse(R"({"a":{},"b":null})"));
    CHECK(jp(R"({})", R"([{"op":"add","path":"/b"}])") == json::parse(R"({"b":null})"));
    // test: null (or no value) matches an absent member; numbers compare by their text.
    CHECK(jp(R"({"a":1})", R"([{"op":"test","path":"/b","value":null},{"op":"test","path":"/b"}])") == json::parse(R"({"a":1})"));
    CHECK(jp_error(R"({"a":1})", R"([{"op":"test","path":"/a","value":1.0}])") == "testing value /a failed: test failed");
    // The whole document: replace with an object, test against it.
    CHECK(jp(R"({"a":1})", R"([{"op":"replace","path":"","value":{"b":2}},{"op":"test","path":"","value":{"b":2}}])") ==
          json::parse(R"({"b":2})"));
    // Text before the first '/' is ignored by the path walk.
    CHECK(jp(R"({"a":1})", R"([{"op":"replace","path":"x/a","value":2}])") == json::parse(R"({"a":2})"));
    // kubectl rollout undo's patch.
    const json undone = jp(deployment_doc, R"([{"op":"replace","path":"/spec/template","value":{"spec":{"containers":[{"name":"app","image":"app:0"}]}}},
                                              {"op":"replace","path":"/metadata/annotations","value":{"deployment.kubernetes.io/revision":"1"}}])");
    CHECK(undone["spec"]["template"]["spec"]["containers"] == json::parse(R"([{"name":"app","image":"app:0"}])"));
    CHECK(undone["metadata"]["annotations"] == json::parse(R"({"deployment.kubernetes.io/revision":"1"})"));
    CHECK(jp(deployment_doc, R"([{"op":"remove","path":"/metadata/annotations/a~1b"},{"op":"remove","path":"/metadata/annotations/x~0y"}])")
              ["metadata"]["annotations"] == json::object());
}

TEST_CASE("json patch: errors as kube-apiserver answers them") {
    // A body that is not a list of operations: 400 from jsonpatch.DecodePatch.
    auto not_list = json_patch(json::parse(deployment_doc), json::parse(R"({"op":"add"})"));
    REQUIRE_FALSE(not_list.has_value());
    CHECK(not_list.error().code == 400);
    CHECK(not_list.error().reason == "BadRequest");
    CHECK(not_list.error().message == "json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    auto not_op = json_patch(json::parse(deployment_doc), json::parse(R"([{"op":"test","path":"/a"},"remove"])"));
    REQUIRE_FALSE(not_op.has_value());
    CHECK(not_op.error().code == 400);
    CHECK(not_op.error().message == "json: cannot unmarshal string into Go value of type jsonpatch.Operation");

    // An operation that does not apply: 422 Invalid with the generic text, no causes.
    auto failed = json_patch(json::parse(deployment_doc), json::parse(R"([{"op":"test","path":"/spec/replicas","value":5}])"));
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == 422);
    CHECK(failed.error().reason == "Invalid");
    CHECK(failed.error().status_ == "Failure");
    CHECK(failed.error().message == "the server rejected our request due to an error in our request");
    CHECK(failed.error().causes.empty());
    auto missing = json_patch(json::parse(deployment_doc), json::parse(R"([{"op":"remove","path":"/spec/nope"}])"));
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == 422);

    // Too many operations: 413.
    json many = json::array();
    for (int i = 0; i < 10001; ++i) many.push_back({{"op", "test"}, {"path", "/metadata/name"}, {"value", "web"}});
    auto big = json_patch(json::parse(deployment_doc), many);
    REQUIRE_FALSE(big.has_value());
    CHECK(big.error().code == 413);
    CHECK(big.error().reason == "RequestEntityTooLarge");
    CHECK(big.error().message ==
          "Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001");
    many.erase(many.begin());
    CHECK(json_patch(json::parse(deployment_doc), many).has_value());

    // The library's own words, per operation.
    const char* d = deployment_doc;
    CHECK(jp_error(d, R"([{"op":"test","path":"/spec/replicas","value":5}])") == "testing value /spec/replicas failed: test failed");
    CHECK(jp_error(d, R"([{"op":"test","path":"/spec/replicas"}])") == "testing value /spec/replicas failed: test failed");
    CHECK(jp_error(d, R"([{"op":"test","path":"/spec/nope/x","value":1}])") ==
          "test operation does not apply: is missing path: /spec/nope/x: missing value");
    CHECK(jp_error(d, R"([{"op":"test","path":"/spec/list/7","value":1}])") ==
          "error in test for path: '/spec/list/7': Unable to access invalid index: 7: invalid index referenced");
    CHECK(jp_error(d, R"([{"op":"remove","path":"/metadata/labels/x"}])") ==
          "error in remove for path: '/metadata/labels/x': Unable to remove nonexistent key: x: missing value");
    CHECK(jp_error(d, R"([{"op":"remove","path":"/spec/nope/x"}])") ==
          R"(remove operation does not apply: doc is missing path: "/spec/nope/x": missing value)");
    CHECK(jp_error(d, R"([{"op":"remove","path":"/spec/list/3"}])") ==
          "error in remove for path: '/spec/list/3': Unable to access invalid index: 3: invalid index referenced");
    CHECK(jp_error(d, R"([{"op":"remove","path":"/spec/list/x"}])") ==
          R"(error in remove for path: '/spec/list/x': strconv.Atoi: parsing "x": invalid syntax)");
    CHECK(jp_error(d, R"([{"op":"replace","path":"/spec/nope/x","value":1}])") ==
          "replace operation does not apply: doc is missing path: /spec/nope/x: missing value");
    CHECK(jp_error(d, R"([{"op":"replace","path":"/spec/list/5","value":1}])") ==
          "replace operation does not apply: doc is missing key: /spec/list/5: missing value");
    CHECK(jp_error(d, R"([{"op":"replace","path":"","value":"x"}])") ==
          "replace operation value must be object or array: %!w(<nil>)");
    CHECK(jp_error(d, R"([{"op":"add","path":"/spec/list/5","value":1}])") ==
          "error in add for path: '/spec/list/5': Unable to access invalid index: 5: invalid index referenced");
    CHECK(jp_error(d, R"([{"op":"add","path":"/spec/list/x","value":1}])") ==
          R"(error in add for path: '/spec/list/x': value was not a proper array index: 'x': strconv.Atoi: parsing "x": invalid syntax)");
    CHECK(jp_error(d, R"([{"op":"add","path":"/spec/replicas/x","value":1}])") ==
          R"(add operation does not apply: doc is missing path: "/spec/replicas/x": missing value)");
    CHECK(jp_error(d, R"([{"op":"add","path":"","value":1}])") == R"(add operation does not apply: doc is missing path: "": missing value)");
    CHECK(jp_error(d, R"([{"op":"add","value":1}])") == "add operation failed to decode path: missing value");
    CHECK(jp_error(d, R"([{"op":"replace","value":1}])") ==
          "replace operation failed to decode path: operation missing path field: missing value");
    CHECK(jp_error(d, R"([{"op":"test","path":5}])") ==
          "test operation failed to decode path: json: cannot unmarshal number into Go value of type string");
    CHECK(jp_error(d, R"([{"op":"move","path":"/x"}])") ==
          "move operation failed to decode from: operation, missing from field: missing value");
    CHECK(jp_error(d, R"([{"op":"move","from":"/metadata/nope","path":"/x"}])") ==
          "error in move for path: 'nope': Unable to remove nonexistent key: nope: missing value");
    CHECK(jp_error(d, R"([{"op":"move","from":"/spec/nope/x","path":"/x"}])") ==
          "move operation does not apply: doc is missing from path: /spec/nope/x: missing value");
    CHECK(jp_error(d, R"([{"op":"move","from":"/spec/replicas","path":"/nope/x"}])") ==
          "move operation does not apply: doc is missing destination path: /nope/x: missing value");
    CHECK(jp_error(d, R"([{"op":"copy","from":"/spec/nope/x","path":"/x"}])") ==
          "copy operation does not apply: doc is missing from path: /spec/nope/x: missing value");
    CHECK(jp_error(d, R"([{"op":"copy","from":"/spec/list/9","path":"/x"}])") ==
          "error in copy for from: '/spec/list/9': Unable to access invalid index: 9: invalid index referenced");
    CHECK(jp_error(d, R"([{"op":"copy","from":"/spec/replicas","path":"/spec/list/9"}])") ==
          "error while adding value during copy: Unable to access invalid index: 9: invalid index referenced");
    CHECK(jp_error(d, R"([{"op":"copy","from":"/spec/replicas"}])") == "copy operation failed to decode path: missing value");
    CHECK(jp_error(d, R"([{"op":"frobnicate","path":"/x"}])") == "Unexpected kind: frobnicate");
    CHECK(jp_error(d, R"([{"path":"/x"},null])") == "Unexpected kind: unknown");
    CHECK(jp_error(d, R"([{"op":"add","path":"/spec/list/99999999999999999999","value":1}])") ==
          R"(error in add for path: '/spec/list/99999999999999999999': value was not a proper array index: '99999999999999999999': strconv.Atoi: parsing "99999999999999999999": value out of range)");
    // A null member ends a path walk.
    CHECK(jp_error(R"({"a":null})", R"([{"op":"add","path":"/a/b","value":1}])") ==
          R"(add operation does not apply: doc is missing path: "/a/b": missing value)");
    // Copies add up against the apiserver's 3 MiB limit.
    const std::string mib(1024 * 1024, 'x');
    json big_doc = {{"s", mib}};
    json copies = json::array();
    for (int i = 0; i < 3; ++i) copies.push_back({{"op", "copy"}, {"from", "/s"}, {"path", "/c" + std::to_string(i)}});
    CHECK(api::json::detail::json_patch_apply(big_doc, copies) ==
          "Unable to complete the copy, the accumulated size increase of copy is 3145734, exceeding the limit 3145728");
}

}  // TEST_SUITE
