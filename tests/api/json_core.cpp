// api/json/core.hpp and meta.hpp: core/v1 kinds to and from their exact
// Kubernetes JSON. Round trips use documents in the form the API server prints
// them (keys as in types.go, omitempty applied), so decode-then-encode must give
// the same document back; the omitempty cases compare whole dumps.
#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/detail/base64.hpp>
#include <kubesim/sim/clock.hpp>

namespace {

using nlohmann::json;
namespace api = kubesim::api;
using namespace std::chrono_literals;

api::time at(std::int64_t seconds) { return api::time(kubesim::sim::duration(seconds * 1000000)); }

// A pod as `kubectl get pod web -o json` prints it: probes, env (values, field
// and secret refs, envFrom), resources, lifecycle, affinity, tolerations, status.
const char* kubectl_pod = R"({
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "annotations": {"kubectl.kubernetes.io/restartedAt": "2025-01-01T00:00:00Z"},
    "creationTimestamp": "2025-01-01T00:00:05Z",
    "generateName": "web-7d4b9c8f6-",
    "labels": {"app": "web", "pod-template-hash": "7d4b9c8f6"},
    "name": "web-7d4b9c8f6-x2x4q",
    "namespace": "default",
    "ownerReferences": [{"apiVersion": "apps/v1", "blockOwnerDeletion": true, "controller": true,
                          "kind": "ReplicaSet", "name": "web-7d4b9c8f6", "uid": "5f2c1a2e-0000-4000-8000-000000000001"}],
    "resourceVersion": "1234",
    "uid": "5f2c1a2e-0000-4000-8000-000000000002"
  },
  "spec": {
    "affinity": {
      "nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {
          "nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/os", "operator": "In", "values": ["linux"]}]}]
        }
      },
      "podAntiAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [
          {"podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"},
           "weight": 100}]
      }
    },
    "containers": [{
      "args": ["--port=8080"],
      "command": ["/server"],
      "env": [
        {"name": "MODE", "value": "production"},
        {"name": "POD_IP", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "status.podIP"}}},
        {"name": "TOKEN", "valueFrom": {"secretKeyRef": {"key": "token", "name": "web-secret", "optional": false}}},
        {"name": "CPU_LIMIT", "valueFrom": {"resourceFieldRef": {"containerName": "web", "divisor": "1m", "resource": "limits.cpu"}}}
      ],
      "envFrom": [{"configMapRef": {"name": "web-config"}, "prefix": "CFG_"}],
      "image": "registry.example/web:1.2.3",
      "imagePullPolicy": "IfNotPresent",
      "lifecycle": {"preStop": {"exec": {"command": ["/bin/sh", "-c", "sleep 5"]}}},
      "livenessProbe": {
        "failureThreshold": 3,
        "httpGet": {"httpHeaders": [{"name": "X-Probe", "value": "1"}], "path": "/healthz", "port": 8080, "scheme": "HTTP"},
        "initialDelaySeconds": 5,
        "periodSeconds": 10,
        "successThreshold": 1,
        "timeoutSeconds": 1
      },
      "name": "web",
      "ports": [{"containerPort": 8080, "name": "http", "protocol": "TCP"}],
      "readinessProbe": {
        "failureThreshold": 3,
        "periodSeconds": 5,
        "successThreshold": 1,
        "tcpSocket": {"port": "http"},
        "timeoutSeconds": 1
      },
      "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "100m", "memory": "128Mi"}},
      "startupProbe": {
        "exec": {"command": ["cat", "/tmp/ready"]},
        "failureThreshold": 30,
        "periodSeconds": 1,
        "successThreshold": 1,
        "timeoutSeconds": 1
      },
      "terminationMessagePath": "/dev/termination-log",
      "terminationMessagePolicy": "File"
    }],
    "dnsPolicy": "ClusterFirst",
    "enableServiceLinks": true,
    "nodeName": "node-2",
    "preemptionPolicy": "PreemptLowerPriority",
    "priority": 0,
    "restartPolicy": "Always",
    "schedulerName": "default-scheduler",
    "serviceAccount": "default",
    "serviceAccountName": "default",
    "terminationGracePeriodSeconds": 30,
    "tolerations": [
      {"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
      {"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300}
    ]
  },
  "status": {
    "conditions": [
      {"lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:06Z", "status": "True", "type": "PodReadyToStartContainers"},
      {"lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:05Z", "status": "True", "type": "Initialized"},
      {"lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:05Z", "message": "containers with unready status: [web]",
       "reason": "ContainersNotReady", "status": "False", "type": "Ready"},
      {"lastProbeTime": null, "lastTransitionTime": "2025-01-01T00:00:05Z", "status": "True", "type": "PodScheduled"}
    ],
    "containerStatuses": [{
      "containerID": "containerd://0001",
      "image": "registry.example/web:1.2.3",
      "imageID": "registry.example/web@sha256:0001",
      "lastState": {"terminated": {"containerID": "containerd://0000", "exitCode": 137, "finishedAt": "2025-01-01T00:00:09Z",
                                   "reason": "Error", "startedAt": "2025-01-01T00:00:07Z"}},
      "name": "web",
      "ready": false,
      "restartCount": 1,
      "started": true,
      "state": {"running": {"startedAt": "2025-01-01T00:00:10Z"}}
    }],
    "hostIP": "172.18.0.3",
    "hostIPs": [{"ip": "172.18.0.3"}],
    "phase": "Running",
    "podIP": "10.244.1.5",
    "podIPs": [{"ip": "10.244.1.5"}],
    "qosClass": "Burstable",
    "startTime": "2025-01-01T00:00:05Z"
  }
})";

}  // namespace

TEST_SUITE("api/json") {

TEST_CASE("pod: a kubectl-style pod round-trips exactly") {
    const json in = json::parse(kubectl_pod);
    const auto p = in.get<api::pod>();

    CHECK(p.metadata.name == "web-7d4b9c8f6-x2x4q");
    CHECK(p.metadata.creation_timestamp == at(5));
    REQUIRE(p.metadata.owner_references.size() == 1);
    CHECK(p.metadata.owner_references[0].controller == true);
    REQUIRE(p.spec.containers.size() == 1);
    const auto& c = p.spec.containers[0];
    CHECK(c.ports[0].container_port == 8080);
    REQUIRE(c.liveness_probe.has_value());
    CHECK(c.liveness_probe->http_get->port == api::int_or_string::from_int(8080));
    CHECK(c.readiness_probe->tcp_socket->port == api::int_or_string::from_string("http"));
    CHECK(c.startup_probe->exec->command == std::vector<std::string>{"cat", "/tmp/ready"});
    CHECK(c.resources.limits.at("memory") == api::quantity::parse("256Mi").value());
    CHECK(c.env[1].value_from->field_ref->field_path == "status.podIP");
    CHECK(c.env[2].value_from->secret_key_ref->optional == false);
    CHECK(c.env[3].value_from->resource_field_ref->divisor == api::quantity::parse("1m").value());
    CHECK(c.env_from[0].config_map_ref->name == "web-config");
    CHECK(c.lifecycle->pre_stop->exec->command.size() == 3);
    CHECK(p.spec.service_account_name == "default");
    CHECK(p.spec.priority == 0);
    CHECK(p.spec.affinity->pod_anti_affinity->preferred_during_scheduling_ignored_during_execution[0].weight == 100);
    CHECK(p.spec.tolerations[1].toleration_seconds == 300);
    CHECK(p.status.conditions[2].message == "containers with unready status: [web]");
    CHECK_FALSE(p.status.conditions[0].last_probe_time.has_value());
    CHECK(p.status.container_statuses[0].last_state.terminated->exit_code == 137);
    CHECK(p.status.container_statuses[0].state.running->started_at == at(10));
    CHECK(p.status.start_time == at(5));

    const json out = p;
    CHECK(out == in);
    CHECK(out.get<api::pod>() == p);
}

TEST_CASE("pod: omitempty of a minimal pod") {
    api::pod p;
    p.metadata.name = "web";
    p.spec.containers.push_back({.name = "web", .image = "nginx"});
    // creationTimestamp is a struct (null when unset), resources and status are
    // structs (never omitted), everything else empty is left out.
    CHECK(json(p).dump() ==
          R"({"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":null,"name":"web"},)"
          R"("spec":{"containers":[{"image":"nginx","name":"web","resources":{}}]},"status":{}})");

    // containers has no omitempty: a pod without containers prints null.
    CHECK(json(api::pod{}).dump() ==
          R"({"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":null},"spec":{"containers":null},"status":{}})");
}

TEST_CASE("pod: container status fields without omitempty") {
    api::pod p;
    p.status.phase = "Pending";
    p.status.conditions.push_back({.type = "PodScheduled", .status = "True", .last_transition_time = at(1)});
    p.status.container_statuses.push_back({.name = "web"});
    p.status.container_statuses[0].state.waiting = api::container_state_waiting{.reason = "ContainerCreating"};
    CHECK(json(p)["status"].dump() ==
          R"({"conditions":[{"lastProbeTime":null,"lastTransitionTime":"2025-01-01T00:00:01Z","status":"True","type":"PodScheduled"}],)"
          R"("containerStatuses":[{"image":"","imageID":"","lastState":{},"name":"web","ready":false,"restartCount":0,)"
          R"("state":{"waiting":{"reason":"ContainerCreating"}}}],"phase":"Pending"})");
}

TEST_CASE("pod: probes, grpc service null, divisor zero, serviceAccount alias") {
    api::container c{.name = "c"};
    c.liveness_probe = api::probe{.grpc = api::grpc_action{.port = 9090}};
    c.env.push_back({.name = "MEM", .value_from = api::env_var_source{.resource_field_ref = api::resource_field_selector{
                                                                          .resource = "limits.memory"}}});
    CHECK(json(c).dump() ==
          R"({"env":[{"name":"MEM","valueFrom":{"resourceFieldRef":{"divisor":"0","resource":"limits.memory"}}}],)"
          R"("livenessProbe":{"grpc":{"port":9090,"service":null}},"name":"c","resources":{}})");

    // The deprecated serviceAccount is read when serviceAccountName is absent.
    const auto spec = json::parse(R"({"containers":[],"serviceAccount":"builder"})").get<api::pod_spec>();
    CHECK(spec.service_account_name == "builder");
    CHECK(json(spec).dump() == R"({"containers":null,"serviceAccount":"builder","serviceAccountName":"builder"})");
}

TEST_CASE("pod: unknown fields are ignored, null means unset") {
    const json in = json::parse(R"({
      "apiVersion": "v1", "kind": "Pod",
      "metadata": {"name": "x", "clusterName": "c1", "selfLink": "/api/v1/x", "labels": null},
      "spec": {"containers": [{"name": "c", "image": "busybox", "securityContext": {"runAsUser": 1000},
                               "volumeMounts": [{"name": "data", "mountPath": "/data"}], "livenessProbe": null}],
               "volumes": [{"name": "data", "emptyDir": {}}], "os": {"name": "linux"}, "priority": null},
      "status": {"resize": "InProgress"},
      "somethingNew": true
    })");
    const auto p = in.get<api::pod>();
    CHECK(p.metadata.name == "x");
    CHECK(p.metadata.labels.empty());
    CHECK_FALSE(p.spec.containers[0].liveness_probe.has_value());
    CHECK_FALSE(p.spec.priority.has_value());
    CHECK(json(p).dump() ==
          R"({"apiVersion":"v1","kind":"Pod","metadata":{"creationTimestamp":null,"name":"x"},)"
          R"("spec":{"containers":[{"image":"busybox","name":"c","resources":{}}]},"status":{}})");
}

TEST_CASE("pod: sub-structs convert on their own") {
    const auto c = json::parse(R"({"name":"c","ports":[{"containerPort":80,"protocol":"UDP"}],"stdin":true,"tty":true})")
                       .get<api::container>();
    CHECK(c.ports[0].protocol == "UDP");
    CHECK(c.stdin_);
    CHECK(json(c).dump() == R"({"name":"c","ports":[{"containerPort":80,"protocol":"UDP"}],"resources":{},"stdin":true,"tty":true})");

    const api::toleration t{.key = "k", .operator_ = "Equal", .value = "v", .effect = "NoSchedule"};
    CHECK(json(t).dump() == R"({"effect":"NoSchedule","key":"k","operator":"Equal","value":"v"})");
    CHECK(json(t).get<api::toleration>() == t);

    const api::pod_template_spec tpl{.metadata = {.labels = {{"app", "x"}}}};
    CHECK(json(tpl).dump() == R"({"metadata":{"creationTimestamp":null,"labels":{"app":"x"}},"spec":{"containers":null}})");
}

TEST_CASE("time: RFC 3339 seconds, offsets and fractions accepted") {
    CHECK(json(at(5)).dump() == R"("2025-01-01T00:00:05Z")");
    CHECK(json("2025-01-01T01:00:05+01:00").get<api::time>() == at(5));
    CHECK(json("2025-01-01T00:00:05.999Z").get<api::time>() == at(5) + 999ms);
    api::object_meta m;
    m.creation_timestamp = at(90061);  // 1 day, 1 hour, 1 minute, 1 second
    m.deletion_timestamp = at(90061) + 500ms;
    m.deletion_grace_period_seconds = 30;
    CHECK(json(m).dump() ==
          R"({"creationTimestamp":"2025-01-02T01:01:01Z","deletionGracePeriodSeconds":30,"deletionTimestamp":"2025-01-02T01:01:01Z"})");
}

TEST_CASE("service: NodePort round trip") {
    const json in = json::parse(R"({
      "apiVersion": "v1", "kind": "Service",
      "metadata": {"creationTimestamp": "2025-01-01T00:00:01Z", "name": "my-service", "namespace": "default",
                   "resourceVersion": "7", "uid": "0000-1"},
      "spec": {
        "clusterIP": "10.96.0.12", "clusterIPs": ["10.96.0.12"], "externalTrafficPolicy": "Cluster",
        "internalTrafficPolicy": "Cluster", "ipFamilies": ["IPv4"], "ipFamilyPolicy": "SingleStack",
        "ports": [{"name": "http", "nodePort": 31000, "port": 80, "protocol": "TCP", "targetPort": 8080},
                  {"appProtocol": "http", "nodePort": 31001, "port": 81, "protocol": "TCP", "targetPort": "metrics"}],
        "selector": {"app": "my-pod"},
        "sessionAffinity": "ClientIP", "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}},
        "type": "NodePort"
      },
      "status": {"loadBalancer": {}}
    })");
    const auto s = in.get<api::service>();
    CHECK(s.spec.type == "NodePort");
    CHECK(s.spec.ports[0].node_port == 31000);
    CHECK(s.spec.ports[0].target_port == api::int_or_string::from_int(8080));
    CHECK(s.spec.ports[1].target_port == api::int_or_string::from_string("metrics"));
    CHECK(s.spec.ports[1].app_protocol == "http");
    CHECK(s.spec.session_affinity_config->timeout_seconds == 10800);
    CHECK(json(s) == in);

    // targetPort is a struct upstream: printed even when unset.
    api::service bare;
    bare.spec.ports.push_back({.port = 80});
    CHECK(json(bare)["spec"].dump() == R"({"ports":[{"port":80,"targetPort":0}]})");
    CHECK(json(bare)["status"].dump() == R"({"loadBalancer":{}})");
}

TEST_CASE("secret: data is base64 in JSON, stringData is write-only") {
    const json in = json::parse(R"({
      "apiVersion": "v1", "kind": "Secret", "type": "Opaque",
      "metadata": {"name": "db"},
      "data": {"password": "czNjcjN0", "empty": "", "binary": "AAH/"},
      "stringData": {"username": "admin"}
    })");
    const auto s = in.get<api::secret>();
    CHECK(s.data.at("password") == "s3cr3t");
    CHECK(s.data.at("empty").empty());
    CHECK(s.data.at("binary") == std::string("\x00\x01\xff", 3));
    CHECK(s.string_data.at("username") == "admin");
    CHECK(json(s).dump() ==
          R"({"apiVersion":"v1","data":{"binary":"AAH/","empty":"","password":"czNjcjN0"},"kind":"Secret",)"
          R"("metadata":{"creationTimestamp":null,"name":"db"},"type":"Opaque"})");

    // Go's StdEncoding skips newlines (base64 -w76 output).
    CHECK(json::parse(R"({"data":{"k":"aGVs\nbG8="}})").get<api::secret>().data.at("k") == "hello");
}

TEST_CASE("config map: data, binaryData and immutable") {
    api::config_map cm;
    cm.metadata.name = "cfg";
    cm.data = {{"app.conf", "key=value\n"}};
    cm.binary_data = {{"logo", "\x89PNG"}};
    cm.immutable = true;
    const json j = cm;
    CHECK(j.dump() ==
          R"({"apiVersion":"v1","binaryData":{"logo":"iVBORw=="},"data":{"app.conf":"key=value\n"},"immutable":true,)"
          R"("kind":"ConfigMap","metadata":{"creationTimestamp":null,"name":"cfg"}})");
    CHECK(j.get<api::config_map>() == cm);
}

TEST_CASE("base64: encoding vectors (RFC 4648) and round trips") {
    using kubesim::api::json::detail::base64_decode;
    using kubesim::api::json::detail::base64_encode;
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, encoded] : vectors) {
        CHECK(base64_encode(plain) == encoded);
        std::string out;
        std::size_t bad = 0;
        CHECK(base64_decode(encoded, out, bad));
        CHECK(out == plain);
    }
}

TEST_CASE("node: status structs and the capitalised Port key") {
    api::node n;
    n.metadata.name = "node-1";
    n.metadata.labels = {{"kubernetes.io/hostname", "node-1"}};
    n.spec.pod_cidr = "10.244.0.0/24";
    n.spec.pod_cidrs = {"10.244.0.0/24"};
    n.spec.taints.push_back({.key = "node.kubernetes.io/not-ready", .effect = "NoSchedule"});
    n.status.capacity = {{"cpu", api::quantity::parse("4").value()}, {"pods", api::quantity::parse("110").value()}};
    n.status.conditions.push_back(
        {.type = "Ready", .status = "True", .last_heartbeat_time = at(3), .last_transition_time = at(2), .reason = "KubeletReady"});
    n.status.addresses = {{.type = "InternalIP", .address = "172.18.0.2"}, {.type = "Hostname", .address = "node-1"}};
    n.status.daemon_endpoints.kubelet_endpoint.port = 10250;
    n.status.node_info = {.kubelet_version = "v1.33.0", .operating_system = "linux", .architecture = "amd64"};
    const json j = n;
    CHECK(j["spec"].dump() ==
          R"({"podCIDR":"10.244.0.0/24","podCIDRs":["10.244.0.0/24"],"taints":[{"effect":"NoSchedule","key":"node.kubernetes.io/not-ready"}]})");
    CHECK(j["status"]["daemonEndpoints"].dump() == R"({"kubeletEndpoint":{"Port":10250}})");
    CHECK(j["status"]["nodeInfo"].dump() ==
          R"({"architecture":"amd64","bootID":"","containerRuntimeVersion":"","kernelVersion":"","kubeProxyVersion":"",)"
          R"("kubeletVersion":"v1.33.0","machineID":"","operatingSystem":"linux","osImage":"","systemUUID":""})");
    CHECK(j["status"]["conditions"].dump() ==
          R"([{"lastHeartbeatTime":"2025-01-01T00:00:03Z","lastTransitionTime":"2025-01-01T00:00:02Z","reason":"KubeletReady","status":"True","type":"Ready"}])");
    CHECK(j.get<api::node>() == n);
}

TEST_CASE("namespace: spec finalizers and status") {
    api::namespace_ ns;
    ns.metadata.name = "team-a";
    ns.spec.finalizers = {"kubernetes"};
    ns.status.phase = "Active";
    const json j = ns;
    CHECK(j.dump() ==
          R"({"apiVersion":"v1","kind":"Namespace","metadata":{"creationTimestamp":null,"name":"team-a"},)"
          R"("spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active"}})");
    CHECK(j.get<api::namespace_>() == ns);
}

TEST_CASE("event: MicroTime with six fractional digits, null times") {
    api::event e;
    e.metadata = {.name = "web.17f0", .namespace_ = "default"};
    e.involved_object = {.kind = "Pod", .namespace_ = "default", .name = "web", .api_version = "v1"};
    e.reason = "Scheduled";
    e.message = "Successfully assigned default/web to node-1";
    e.type = "Normal";
    e.event_time = at(1) + 250ms;
    e.action = "Binding";
    e.reporting_component = "default-scheduler";
    e.reporting_instance = "default-scheduler-control-plane";
    const json j = e;
    CHECK(j.dump() ==
          R"({"action":"Binding","apiVersion":"v1","eventTime":"2025-01-01T00:00:01.250000Z","firstTimestamp":null,)"
          R"("involvedObject":{"apiVersion":"v1","kind":"Pod","name":"web","namespace":"default"},"kind":"Event",)"
          R"("lastTimestamp":null,"message":"Successfully assigned default/web to node-1",)"
          R"("metadata":{"creationTimestamp":null,"name":"web.17f0","namespace":"default"},"reason":"Scheduled",)"
          R"("reportingComponent":"default-scheduler","reportingInstance":"default-scheduler-control-plane",)"
          R"("source":{},"type":"Normal"})");
    CHECK(j.get<api::event>() == e);

    api::event old;
    old.count = 3;
    old.first_timestamp = at(1);
    old.last_timestamp = at(9);
    old.source = {.component = "kubelet", .host = "node-1"};
    old.series = api::event_series{.count = 2, .last_observed_time = at(9)};
    const json k = old;
    CHECK(k["series"].dump() == R"({"count":2,"lastObservedTime":"2025-01-01T00:00:09.000000Z"})");
    CHECK(k["eventTime"].is_null());
    CHECK(k.get<api::event>() == old);
}

TEST_CASE("meta: status, conditions, owner references, list meta, selectors") {
    const auto nf = kubesim::api::errors::not_found("pods", "web");
    const json j = nf;
    CHECK(j.dump() ==
          R"({"apiVersion":"v1","code":404,"details":{"kind":"pods","name":"web"},"kind":"Status",)"
          R"("message":"pods \"web\" not found","metadata":{},"reason":"NotFound","status":"Failure"})");
    CHECK(j.get<api::status>() == nf);

    kubesim::api::field::error_list errs{kubesim::api::field::invalid(kubesim::api::field::path("spec.replicas"),
                                                                      std::int64_t{-1}, "must be greater than or equal to 0")};
    const auto inv = kubesim::api::errors::invalid("Deployment.apps", "web", errs);
    const json ij = inv;
    CHECK(ij["details"].dump() ==
          R"({"causes":[{"field":"spec.replicas","message":"Invalid value: -1: must be greater than or equal to 0",)"
          R"("reason":"FieldValueInvalid"}],"group":"apps","kind":"Deployment","name":"web"})");
    CHECK(ij.get<api::status>() == inv);

    // A bad request has no details.
    CHECK(json(kubesim::api::errors::bad_request("x")).dump() ==
          R"({"apiVersion":"v1","code":400,"kind":"Status","message":"x","metadata":{},"reason":"BadRequest","status":"Failure"})");

    const api::condition c{.type = "Ready", .status = "False", .observed_generation = 2};
    CHECK(json(c).dump() == R"({"lastTransitionTime":null,"message":"","observedGeneration":2,"reason":"","status":"False","type":"Ready"})");
    CHECK(json(c).get<api::condition>() == c);

    const api::owner_reference o{.api_version = "apps/v1", .kind = "ReplicaSet", .name = "rs", .uid = "u"};
    CHECK(json(o).dump() == R"({"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u"})");

    const api::list_meta lm{.resource_version = "42", .continue_ = "abc", .remaining_item_count = 7};
    CHECK(json(lm).dump() == R"({"continue":"abc","remainingItemCount":7,"resourceVersion":"42"})");
    CHECK(json(lm).get<api::list_meta>() == lm);

    const api::label_selector sel{.match_labels = {{"app", "web"}},
                                  .match_expressions = {{.key = "tier", .operator_ = "In", .values = {"fe", "be"}},
                                                        {.key = "canary", .operator_ = "DoesNotExist"}}};
    CHECK(json(sel).dump() ==
          R"({"matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]},{"key":"canary","operator":"DoesNotExist"}],)"
          R"("matchLabels":{"app":"web"}})");
    CHECK(json(sel).get<api::label_selector>() == sel);
    CHECK(json(api::label_selector{}).dump() == "{}");
}

TEST_CASE("quantity and int_or_string as JSON values") {
    CHECK(json(api::quantity::parse("1.5Gi").value()).dump() == R"("1536Mi")");
    CHECK(json("250m").get<api::quantity>() == api::quantity::parse("250m").value());
    CHECK(json(2).get<api::quantity>() == api::quantity::parse("2").value());
    CHECK(json(0.5).get<api::quantity>() == api::quantity::parse("500m").value());
    CHECK(json(api::int_or_string::from_int(8080)).dump() == "8080");
    CHECK(json(api::int_or_string::from_string("25%")).dump() == R"("25%")");
    CHECK(json(3).get<api::int_or_string>() == api::int_or_string::from_int(3));
    CHECK(json("http").get<api::int_or_string>() == api::int_or_string::from_string("http"));
}

TEST_CASE("managedFields: part of object_meta, encoded like other metadata") {
    const json in = json::parse(R"({"name":"web","managedFields":[
        {"manager":"kubectl","operation":"Apply","apiVersion":"apps/v1","time":"2025-01-01T00:01:00Z",
         "fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:replicas":{}}}},
        {"manager":"kubectl","operation":"Update","apiVersion":"apps/v1","fieldsType":"FieldsV1",
         "fieldsV1":{"f:spec":{"f:replicas":{}}},"subresource":"scale"}]})");
    const auto m = in.get<api::object_meta>();
    REQUIRE(m.managed_fields.size() == 2);
    CHECK(m.managed_fields[0].manager == "kubectl");
    CHECK(m.managed_fields[0].operation == "Apply");
    CHECK(m.managed_fields[0].api_version == "apps/v1");
    REQUIRE(m.managed_fields[0].time.has_value());
    CHECK(json(*m.managed_fields[0].time) == "2025-01-01T00:01:00Z");
    CHECK(m.managed_fields[0].fields_type == "FieldsV1");
    CHECK(m.managed_fields[0].fields_v1 == R"({"f:spec":{"f:replicas":{}}})");
    CHECK_FALSE(m.managed_fields[1].time.has_value());
    CHECK(m.managed_fields[1].subresource == "scale");
    CHECK(json(m)["managedFields"] == in["managedFields"]);
    // Absent when empty, and an empty list costs no allocation.
    api::object_meta bare;
    bare.name = "web";
    CHECK_FALSE(json(bare).contains("managedFields"));
    CHECK(bare.managed_fields.buffer() == nullptr);
    // A wrong type is reported with the entry's Go type.
    CHECK_THROWS_WITH(json::parse(R"({"managedFields":[{"operation":1}]})").get<api::object_meta>(),
                      doctest::Contains("ManagedFieldsEntry.managedFields.operation of type v1.ManagedFieldsOperationType"));
}

}  // TEST_SUITE
