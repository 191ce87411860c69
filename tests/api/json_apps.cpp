// api/json/apps.hpp, discovery.hpp and autoscaling.hpp: Deployment, ReplicaSet,
// EndpointSlice and Scale to and from their exact Kubernetes JSON.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/all.hpp>

namespace {

using nlohmann::json;
namespace api = kubesim::api;

api::time at(std::int64_t seconds) { return api::time(kubesim::sim::duration(seconds * 1000000)); }

// `kubectl get deployment web -o json` after a rollout.
const char* deployment_json = R"({
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "annotations": {"deployment.kubernetes.io/revision": "2"},
    "creationTimestamp": "2025-01-01T00:00:01Z",
    "generation": 2,
    "labels": {"app": "web"},
    "name": "web",
    "namespace": "default",
    "resourceVersion": "812",
    "uid": "d-1"
  },
  "spec": {
    "minReadySeconds": 5,
    "paused": true,
    "progressDeadlineSeconds": 600,
    "replicas": 3,
    "revisionHistoryLimit": 10,
    "selector": {"matchLabels": {"app": "web"}},
    "strategy": {"rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}, "type": "RollingUpdate"},
    "template": {
      "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
      "spec": {
        "containers": [{"image": "nginx:1.25", "imagePullPolicy": "IfNotPresent", "name": "nginx",
                        "ports": [{"containerPort": 80, "protocol": "TCP"}], "resources": {},
                        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"}],
        "dnsPolicy": "ClusterFirst",
        "restartPolicy": "Always",
        "schedulerName": "default-scheduler",
        "terminationGracePeriodSeconds": 30
      }
    }
  },
  "status": {
    "availableReplicas": 3,
    "collisionCount": 1,
    "conditions": [
      {"lastTransitionTime": "2025-01-01T00:00:09Z", "lastUpdateTime": "2025-01-01T00:00:09Z",
       "message": "Deployment has minimum availability.", "reason": "MinimumReplicasAvailable", "status": "True", "type": "Available"},
      {"lastTransitionTime": "2025-01-01T00:00:01Z", "lastUpdateTime": "2025-01-01T00:00:20Z",
       "message": "ReplicaSet \"web-5d6b8c7f9\" has successfully progressed.", "reason": "NewReplicaSetAvailable",
       "status": "True", "type": "Progressing"}
    ],
    "observedGeneration": 2,
    "readyReplicas": 3,
    "replicas": 3,
    "updatedReplicas": 3
  }
})";

}  // namespace

TEST_SUITE("api/json") {

TEST_CASE("deployment: round trip with strategy and conditions") {
    const json in = json::parse(deployment_json);
    const auto d = in.get<api::deployment>();
    CHECK(d.spec.replicas == 3);
    CHECK(d.spec.selector->match_labels.at("app") == "web");
    CHECK(d.spec.strategy.type == "RollingUpdate");
    REQUIRE(d.spec.strategy.rolling_update.has_value());
    CHECK(d.spec.strategy.rolling_update->max_surge == api::int_or_string::from_int(1));
    CHECK(d.spec.strategy.rolling_update->max_unavailable == api::int_or_string::from_string("25%"));
    CHECK(d.spec.paused);
    CHECK(d.spec.template_.spec.containers[0].image == "nginx:1.25");
    CHECK_FALSE(d.spec.template_.metadata.creation_timestamp.has_value());
    CHECK(d.status.conditions[1].last_update_time == at(20));
    CHECK(d.status.collision_count == 1);
    CHECK(json(d) == in);
}

TEST_CASE("deployment: omitempty of a minimal deployment") {
    api::deployment d;
    d.metadata.name = "web";
    d.spec.selector = api::label_selector{.match_labels = {{"app", "web"}}};
    d.spec.template_.metadata.labels = {{"app", "web"}};
    d.spec.template_.spec.containers.push_back({.name = "nginx", .image = "nginx"});
    d.spec.strategy.type = "Recreate";
    // template metadata keeps creationTimestamp: null, as in `kubectl create deployment --dry-run=client -o json`.
    CHECK(json(d).dump() ==
          R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"creationTimestamp":null,"name":"web"},)"
          R"("spec":{"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"Recreate"},)"
          R"("template":{"metadata":{"creationTimestamp":null,"labels":{"app":"web"}},)"
          R"("spec":{"containers":[{"image":"nginx","name":"nginx","resources":{}}]}}},"status":{}})");

    // selector is a pointer without omitempty, strategy a struct.
    CHECK(json(api::deployment{})["spec"].dump() ==
          R"({"selector":null,"strategy":{},"template":{"metadata":{"creationTimestamp":null},"spec":{"containers":null}}})");
}

TEST_CASE("replica set: status.replicas has no omitempty") {
    api::replica_set rs;
    rs.metadata.name = "web-5d6b8c7f9";
    rs.metadata.owner_references.push_back(
        {.api_version = "apps/v1", .kind = "Deployment", .name = "web", .uid = "d-1", .controller = true, .block_owner_deletion = true});
    rs.spec.replicas = 0;
    rs.spec.selector = api::label_selector{.match_labels = {{"app", "web"}, {"pod-template-hash", "5d6b8c7f9"}}};
    rs.status.observed_generation = 3;
    const json j = rs;
    CHECK(j["spec"]["replicas"] == 0);  // *int32: printed when set, even to 0
    CHECK(j["status"].dump() == R"({"observedGeneration":3,"replicas":0})");
    CHECK(j["metadata"]["ownerReferences"].dump() ==
          R"([{"apiVersion":"apps/v1","blockOwnerDeletion":true,"controller":true,"kind":"Deployment","name":"web","uid":"d-1"}])");
    CHECK(j.get<api::replica_set>() == rs);

    api::replica_set failing;
    failing.status.replicas = 1;
    failing.status.fully_labeled_replicas = 1;
    failing.status.terminating_replicas = 0;
    failing.status.conditions.push_back({.type = "ReplicaFailure", .status = "True", .last_transition_time = at(4),
                                         .reason = "FailedCreate", .message = "pods \"x\" is forbidden"});
    const json f = failing;
    CHECK(f["status"].dump() ==
          R"({"conditions":[{"lastTransitionTime":"2025-01-01T00:00:04Z","message":"pods \"x\" is forbidden",)"
          R"("reason":"FailedCreate","status":"True","type":"ReplicaFailure"}],"fullyLabeledReplicas":1,"replicas":1,"terminatingReplicas":0})");
    CHECK(f.get<api::replica_set>() == failing);
}

TEST_CASE("endpoint slice: round trip, and null lists when empty") {
    const json in = json::parse(R"({
      "addressType": "IPv4",
      "apiVersion": "discovery.k8s.io/v1",
      "endpoints": [
        {"addresses": ["10.244.1.5"], "conditions": {"ready": true, "serving": true, "terminating": false},
         "nodeName": "node-2",
         "targetRef": {"kind": "Pod", "name": "web-1", "namespace": "default", "uid": "p-1"}},
        {"addresses": ["10.244.2.7"], "conditions": {"ready": false, "serving": false, "terminating": true},
         "hostname": "web-2", "nodeName": "node-3", "zone": "zone-a"}
      ],
      "kind": "EndpointSlice",
      "metadata": {"creationTimestamp": "2025-01-01T00:00:02Z", "generateName": "my-service-",
                   "labels": {"endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io",
                              "kubernetes.io/service-name": "my-service"},
                   "name": "my-service-abcde", "namespace": "default"},
      "ports": [{"name": "http", "port": 8080, "protocol": "TCP"}, {"appProtocol": "kubernetes.io/h2c", "name": "", "port": 9090, "protocol": "TCP"}]
    })");
    const auto es = in.get<api::endpoint_slice>();
    CHECK(es.address_type == "IPv4");
    CHECK(es.endpoints[0].conditions.ready == true);
    CHECK(es.endpoints[0].target_ref->name == "web-1");
    CHECK(es.endpoints[1].zone == "zone-a");
    CHECK(es.ports[1].name == "");
    CHECK(es.ports[1].app_protocol == "kubernetes.io/h2c");
    CHECK(json(es) == in);

    api::endpoint_slice empty;
    empty.address_type = "IPv4";
    CHECK(json(empty).dump() ==
          R"({"addressType":"IPv4","apiVersion":"discovery.k8s.io/v1","endpoints":null,"kind":"EndpointSlice",)"
          R"("metadata":{"creationTimestamp":null},"ports":null})");
    api::endpoint e;
    CHECK(json(e).dump() == R"({"addresses":null,"conditions":{}})");
}

TEST_CASE("scale: the /scale subresource") {
    api::scale s;
    s.metadata = {.name = "web", .namespace_ = "default"};
    s.spec.replicas = 5;
    s.status = {.replicas = 3, .selector = "app=web"};
    const json j = s;
    CHECK(j.dump() ==
          R"({"apiVersion":"autoscaling/v1","kind":"Scale","metadata":{"creationTimestamp":null,"name":"web","namespace":"default"},)"
          R"("spec":{"replicas":5},"status":{"replicas":3,"selector":"app=web"}})");
    CHECK(j.get<api::scale>() == s);
    CHECK(json(api::scale{})["spec"].dump() == "{}");
    CHECK(json(api::scale{})["status"].dump() == R"({"replicas":0})");
}

TEST_CASE("encode / decode templates") {
    namespace aj = kubesim::api::json;
    const json in = json::parse(deployment_json);
    auto d = aj::decode<api::deployment>(in);
    REQUIRE(d.has_value());
    CHECK(aj::encode(*d) == in);
    auto bad = aj::decode<api::deployment>(json::parse(R"({"spec":{"paused":"yes"}})"));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == 400);
    CHECK(bad.error().reason == "BadRequest");
    CHECK(bad.error().message ==
          R"(Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool)");
}

}  // TEST_SUITE
