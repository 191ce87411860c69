// api/json/openapi.hpp: the OpenAPI documents and strict field validation.
// The schemas must keep up with the codecs both ways: every field the codecs
// write is in the schema (rich hand-written manifests, decoded and encoded), and
// every schema field is read and written back by the codecs (a manifest that
// sets every schema field, made from the schema itself).
#include <doctest/doctest.h>

#include <cstddef>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/openapi.hpp>
#include <kubesim/api/kinds.hpp>

namespace {

using nlohmann::json;
namespace api = kubesim::api;
namespace aj = kubesim::api::json;
namespace oa = kubesim::api::json::openapi;

const char* const group_versions[] = {"api/v1", "apis/apps/v1", "apis/autoscaling/v1", "apis/coordination.k8s.io/v1",
                                      "apis/discovery.k8s.io/v1"};

// Every "$ref" string under j.
void refs_in(const json& j, std::vector<std::string>& out) {
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            if (it.key() == "$ref" && it->is_string())
                out.push_back(it->get<std::string>());
            else
                refs_in(*it, out);
        }
    } else if (j.is_array()) {
        for (const json& e : j) refs_in(e, out);
    }
}

// The schemas of all v3 documents in one object.
json all_schemas() {
    json out = json::object();
    for (const char* gv : group_versions) {
        const json& s = (*oa::v3_document(gv))["components"]["schemas"];
        for (auto it = s.begin(); it != s.end(); ++it) out[it.key()] = *it;
    }
    return out;
}

// Follows a $ref or a one-element allOf to the schema it names.
const json& resolve(const json& schemas, const json& s) {
    if (s.contains("$ref")) {
        const std::string ref = s["$ref"].get<std::string>();
        return resolve(schemas, schemas.at(ref.substr(ref.rfind('/') + 1)));
    }
    if (s.contains("allOf") && !s.contains("properties")) return resolve(schemas, s["allOf"][0]);
    return s;
}

std::string ref_name(const json& s) {
    if (s.contains("$ref")) return s["$ref"].get<std::string>();
    if (s.contains("allOf")) return ref_name(s["allOf"][0]);
    return "";
}

// A value for every property of the schema, valid for the codecs' decoders.
json full_value(const json& schemas, const json& schema) {
    const std::string ref = ref_name(schema);
    if (ref.find("MicroTime") != std::string::npos) return "2025-01-01T00:00:00.000001Z";
    if (ref.find("meta.v1.Time") != std::string::npos) return "2025-01-01T00:00:01Z";
    if (ref.find("Quantity") != std::string::npos) return "250m";
    if (ref.find("IntOrString") != std::string::npos) return 8080;
    const json& s = resolve(schemas, schema);
    if (s.contains("properties")) {
        json out = json::object();
        for (auto it = s["properties"].begin(); it != s["properties"].end(); ++it)
            out[it.key()] = full_value(schemas, *it);
        return out;
    }
    if (s.contains("items")) return json::array({full_value(schemas, s["items"])});
    if (s.contains("additionalProperties")) return {{"k", full_value(schemas, s["additionalProperties"])}};
    if (s.contains("enum")) return s["enum"][0];
    const std::string type = s.value("type", "");
    if (type == "integer") return 3;
    if (type == "boolean") return true;
    if (s.value("format", "") == "byte") return "aGk=";
    return "x";
}

// The dotted paths of the leaves of j (list indexes left out).
void leaves(const json& j, const std::string& path, std::set<std::string>& out) {
    if (j.is_object() && !j.empty()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            leaves(*it, path.empty() ? it.key() : path + "." + it.key(), out);
    } else if (j.is_array() && !j.empty()) {
        for (const json& e : j) leaves(e, path, out);
    } else {
        out.insert(path);
    }
}

template <class Kind>
json round_trip(const json& manifest) {
    auto obj = aj::decode<Kind>(manifest);
    REQUIRE_MESSAGE(obj.has_value(), manifest.dump());
    return aj::encode(*obj);
}

// A full manifest of the kind made from its schema must decode, and encode back
// every field it set (except the write-only ones), with no field the schema lacks.
template <class Kind>
void check_schema_matches_codec(const json& schemas, const std::string& schema_name,
                                const std::set<std::string>& write_only = {}) {
    CAPTURE(schema_name);
    json manifest = full_value(schemas, schemas.at(schema_name));
    manifest["apiVersion"] = Kind::api_version;
    manifest["kind"] = Kind::kind;
    CHECK(oa::unknown_fields(Kind::api_version, Kind::kind, manifest).empty());
    const json out = round_trip<Kind>(manifest);
    CHECK(oa::unknown_fields(Kind::api_version, Kind::kind, out) == std::vector<std::string>{});
    std::set<std::string> in_paths, out_paths;
    leaves(manifest, "", in_paths);
    leaves(out, "", out_paths);
    for (const std::string& p : in_paths) {
        CAPTURE(p);
        CHECK((out_paths.count(p) == 1 || write_only.count(p) == 1));
    }
}

// A pod with much of what kubesim models: init containers, every probe and
// lifecycle handler type, env sources, affinity, DNS, and a status with every
// container state.
const char* rich_pod = R"({
  "apiVersion": "v1", "kind": "Pod",
  "metadata": {"name": "web-0", "namespace": "shop", "generateName": "web-", "uid": "u-1", "resourceVersion": "7",
               "generation": 2, "creationTimestamp": "2025-01-01T00:00:00Z",
               "deletionTimestamp": "2025-01-01T00:10:00Z", "deletionGracePeriodSeconds": 30,
               "labels": {"app": "web"}, "annotations": {"note": "x"}, "finalizers": ["example.com/hold"],
               "ownerReferences": [{"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-1", "uid": "u-0",
                                    "controller": true, "blockOwnerDeletion": true}]},
  "spec": {
    "initContainers": [{"name": "setup", "image": "busybox", "command": ["sh", "-c", "true"],
                        "restartPolicy": "Always"}],
    "containers": [{
      "name": "web", "image": "nginx:1.27", "args": ["-g", "daemon off;"], "workingDir": "/srv",
      "ports": [{"name": "http", "containerPort": 80, "hostPort": 8080, "protocol": "TCP", "hostIP": "0.0.0.0"}],
      "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "cfg", "optional": true}},
                  {"secretRef": {"name": "sec", "optional": false}}],
      "env": [{"name": "A", "value": "1"},
              {"name": "B", "valueFrom": {"configMapKeyRef": {"name": "cfg", "key": "b", "optional": true}}},
              {"name": "C", "valueFrom": {"secretKeyRef": {"name": "sec", "key": "c"}}},
              {"name": "D", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
              {"name": "E", "valueFrom": {"resourceFieldRef": {"containerName": "web", "resource": "limits.cpu",
                                                               "divisor": "1m"}}}],
      "resources": {"limits": {"cpu": "1", "memory": "1Gi"}, "requests": {"cpu": "500m", "memory": "512Mi"}},
      "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "host": "localhost", "scheme": "HTTPS",
                                    "httpHeaders": [{"name": "X", "value": "1"}]},
                        "initialDelaySeconds": 1, "timeoutSeconds": 2, "periodSeconds": 3, "successThreshold": 1,
                        "failureThreshold": 4, "terminationGracePeriodSeconds": 5},
      "readinessProbe": {"tcpSocket": {"port": 80, "host": "localhost"}},
      "startupProbe": {"grpc": {"port": 9090, "service": "health"}},
      "lifecycle": {"postStart": {"exec": {"command": ["touch", "/tmp/up"]}},
                    "preStop": {"sleep": {"seconds": 5}}},
      "terminationMessagePath": "/tmp/msg", "terminationMessagePolicy": "FallbackToLogsOnError",
      "imagePullPolicy": "IfNotPresent", "stdin": true, "tty": true
    }],
    "restartPolicy": "OnFailure", "terminationGracePeriodSeconds": 10, "activeDeadlineSeconds": 600,
    "dnsPolicy": "None", "nodeSelector": {"disk": "ssd"}, "serviceAccountName": "web", "serviceAccount": "web",
    "automountServiceAccountToken": false, "nodeName": "node-1", "hostNetwork": true, "hostname": "web-0",
    "subdomain": "web",
    "affinity": {
      "nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
          {"matchExpressions": [{"key": "zone", "operator": "In", "values": ["a"]}],
           "matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-9"]}]}]},
        "preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 10, "preference": {"matchExpressions": [{"key": "disk", "operator": "Exists"}]}}]},
      "podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
          {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["db"]}]},
           "namespaces": ["shop"], "topologyKey": "zone"}]},
      "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 100, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "web"}},
                                              "topologyKey": "kubernetes.io/hostname"}}]}},
    "schedulerName": "default-scheduler",
    "tolerations": [{"key": "k", "operator": "Equal", "value": "v", "effect": "NoExecute", "tolerationSeconds": 60}],
    "hostAliases": [{"ip": "10.0.0.1", "hostnames": ["db.local"]}],
    "priorityClassName": "high", "priority": 1000,
    "dnsConfig": {"nameservers": ["1.1.1.1"], "searches": ["shop.svc"], "options": [{"name": "ndots", "value": "2"}]},
    "readinessGates": [{"conditionType": "example.com/ready"}],
    "enableServiceLinks": false, "preemptionPolicy": "Never"
  },
  "status": {
    "observedGeneration": 2, "phase": "Running", "message": "m", "reason": "r", "nominatedNodeName": "node-2",
    "conditions": [{"type": "Ready", "status": "True", "observedGeneration": 2, "lastProbeTime": "2025-01-01T00:00:03Z",
                    "lastTransitionTime": "2025-01-01T00:00:03Z", "reason": "ok", "message": "fine"}],
    "hostIP": "172.18.0.2", "hostIPs": [{"ip": "172.18.0.2"}], "podIP": "10.244.0.5", "podIPs": [{"ip": "10.244.0.5"}],
    "startTime": "2025-01-01T00:00:01Z",
    "initContainerStatuses": [{"name": "setup", "ready": true, "restartCount": 0, "image": "busybox",
                               "imageID": "busybox@sha256:1", "containerID": "containerd://1", "started": true,
                               "state": {"terminated": {"exitCode": 143, "signal": 15, "reason": "Error",
                                                        "message": "done", "startedAt": "2025-01-01T00:00:01Z",
                                                        "finishedAt": "2025-01-01T00:00:02Z",
                                                        "containerID": "containerd://1"}}}],
    "containerStatuses": [{"name": "web", "ready": true, "restartCount": 1, "image": "nginx:1.27",
                           "imageID": "nginx@sha256:2", "containerID": "containerd://2", "started": true,
                           "state": {"running": {"startedAt": "2025-01-01T00:00:03Z"}},
                           "lastState": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off"}}}],
    "qosClass": "Burstable"
  }
})";

const char* rich_deployment = R"({
  "apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "web", "namespace": "default", "labels": {"app": "web"}},
  "spec": {"replicas": 3, "minReadySeconds": 5, "revisionHistoryLimit": 4, "paused": true,
           "progressDeadlineSeconds": 120,
           "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "Exists"}]},
           "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": "25%"}},
           "template": {"metadata": {"labels": {"app": "web", "tier": "front"}},
                        "spec": {"containers": [{"name": "web", "image": "nginx"}]}}},
  "status": {"observedGeneration": 2, "replicas": 3, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2,
             "unavailableReplicas": 1, "terminatingReplicas": 1, "collisionCount": 1,
             "conditions": [{"type": "Progressing", "status": "True", "lastUpdateTime": "2025-01-01T00:00:01Z",
                             "lastTransitionTime": "2025-01-01T00:00:01Z", "reason": "NewReplicaSetAvailable",
                             "message": "ok"}]}
})";

const char* rich_replica_set = R"({
  "apiVersion": "apps/v1", "kind": "ReplicaSet",
  "metadata": {"name": "web-1", "namespace": "default"},
  "spec": {"replicas": 2, "minReadySeconds": 1, "selector": {"matchLabels": {"app": "web"}},
           "template": {"metadata": {"labels": {"app": "web"}}, "spec": {"containers": [{"name": "w", "image": "x"}]}}},
  "status": {"replicas": 2, "fullyLabeledReplicas": 2, "readyReplicas": 1, "availableReplicas": 1,
             "terminatingReplicas": 0, "observedGeneration": 1,
             "conditions": [{"type": "ReplicaFailure", "status": "True", "lastTransitionTime": "2025-01-01T00:00:01Z",
                             "reason": "FailedCreate", "message": "quota"}]}
})";

const char* rich_service = R"({
  "apiVersion": "v1", "kind": "Service",
  "metadata": {"name": "web", "namespace": "default"},
  "spec": {"ports": [{"name": "http", "protocol": "TCP", "appProtocol": "http", "port": 80, "targetPort": "http",
                      "nodePort": 30080}],
           "selector": {"app": "web"}, "clusterIP": "10.96.0.10", "clusterIPs": ["10.96.0.10"], "type": "LoadBalancer",
           "externalIPs": ["192.0.2.1"], "sessionAffinity": "ClientIP", "loadBalancerIP": "192.0.2.2",
           "externalName": "web.example", "externalTrafficPolicy": "Local", "publishNotReadyAddresses": true,
           "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 60}}, "ipFamilies": ["IPv4"],
           "ipFamilyPolicy": "SingleStack", "allocateLoadBalancerNodePorts": true, "internalTrafficPolicy": "Cluster"},
  "status": {"loadBalancer": {"ingress": [{"ip": "192.0.2.2", "hostname": "lb.example"}]},
             "conditions": [{"type": "Ready", "status": "True", "observedGeneration": 1,
                             "lastTransitionTime": "2025-01-01T00:00:01Z", "reason": "Ok", "message": "m"}]}
})";

const char* rich_node = R"({
  "apiVersion": "v1", "kind": "Node",
  "metadata": {"name": "node-1", "labels": {"kubernetes.io/hostname": "node-1"}},
  "spec": {"podCIDR": "10.244.1.0/24", "podCIDRs": ["10.244.1.0/24"], "providerID": "kubesim://node-1",
           "unschedulable": true,
           "taints": [{"key": "node.kubernetes.io/unschedulable", "value": "v", "effect": "NoSchedule",
                       "timeAdded": "2025-01-01T00:00:01Z"}]},
  "status": {"capacity": {"cpu": "4", "memory": "8Gi", "pods": "110"}, "allocatable": {"cpu": "3800m"},
             "phase": "Running",
             "conditions": [{"type": "Ready", "status": "True", "lastHeartbeatTime": "2025-01-01T00:00:01Z",
                             "lastTransitionTime": "2025-01-01T00:00:01Z", "reason": "KubeletReady", "message": "ok"}],
             "addresses": [{"type": "InternalIP", "address": "172.18.0.2"}],
             "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
             "nodeInfo": {"machineID": "m", "systemUUID": "s", "bootID": "b", "kernelVersion": "6.1",
                          "osImage": "Debian", "containerRuntimeVersion": "containerd://1.7",
                          "kubeletVersion": "v1.33.0", "kubeProxyVersion": "v1.33.0", "operatingSystem": "linux",
                          "architecture": "amd64"}}
})";

const char* rich_event = R"({
  "apiVersion": "v1", "kind": "Event",
  "metadata": {"name": "web-0.1", "namespace": "default"},
  "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web-0", "uid": "u-1", "apiVersion": "v1",
                     "resourceVersion": "7", "fieldPath": "spec.containers{web}"},
  "reason": "Pulled", "message": "pulled", "source": {"component": "kubelet", "host": "node-1"},
  "firstTimestamp": "2025-01-01T00:00:01Z", "lastTimestamp": "2025-01-01T00:00:02Z", "count": 2, "type": "Normal",
  "eventTime": "2025-01-01T00:00:01.000000Z", "series": {"count": 2, "lastObservedTime": "2025-01-01T00:00:02.000000Z"},
  "action": "Pull", "related": {"kind": "Node", "name": "node-1"}, "reportingComponent": "kubelet",
  "reportingInstance": "node-1"
})";

const char* rich_namespace = R"({
  "apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"},
  "spec": {"finalizers": ["kubernetes"]},
  "status": {"phase": "Terminating",
             "conditions": [{"type": "NamespaceContentRemaining", "status": "True",
                             "lastTransitionTime": "2025-01-01T00:00:01Z", "reason": "SomeResourcesRemain",
                             "message": "pods remain"}]}
})";

const char* rich_endpoint_slice = R"({
  "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
  "metadata": {"name": "web-abc", "namespace": "default", "labels": {"kubernetes.io/service-name": "web"}},
  "addressType": "IPv4",
  "endpoints": [{"addresses": ["10.244.0.5"], "conditions": {"ready": true, "serving": true, "terminating": false},
                 "hostname": "web-0", "targetRef": {"kind": "Pod", "namespace": "default", "name": "web-0", "uid": "u"},
                 "nodeName": "node-1", "zone": "a"}],
  "ports": [{"name": "http", "protocol": "TCP", "port": 80, "appProtocol": "http"}]
})";

}  // namespace

TEST_SUITE("api/json/openapi") {

TEST_CASE("v3 index: one entry per group version, each with a hash of its document") {
    const json& index = oa::v3_index();
    REQUIRE(index["paths"].size() == std::size(group_versions));
    for (const char* gv : group_versions) {
        CAPTURE(gv);
        const std::string url = index["paths"][gv]["serverRelativeURL"].get<std::string>();
        const std::string prefix = "/openapi/v3/" + std::string(gv) + "?hash=";
        REQUIRE(url.substr(0, prefix.size()) == prefix);
        const std::string hash = url.substr(prefix.size());
        CHECK(hash.size() == 16);
        CHECK(hash.find_first_not_of("0123456789ABCDEF") == std::string::npos);
        REQUIRE(oa::v3_document(gv) != nullptr);
    }
    CHECK(oa::v3_document("apis/batch/v1") == nullptr);
    CHECK(oa::v3_document("api/v2") == nullptr);
    CHECK(&oa::v3_index() == &oa::v3_index());
    // Different documents, different hashes.
    CHECK(index["paths"]["api/v1"]["serverRelativeURL"] != index["paths"]["apis/apps/v1"]["serverRelativeURL"]);
}

TEST_CASE("v3 documents parse and every $ref resolves inside the document") {
    for (const char* gv : group_versions) {
        CAPTURE(gv);
        const json& doc = *oa::v3_document(gv);
        CHECK(json::parse(doc.dump()) == doc);
        CHECK(doc["openapi"] == "3.0.0");
        const json& schemas = doc["components"]["schemas"];
        std::vector<std::string> refs;
        refs_in(doc, refs);
        CHECK(!refs.empty());
        for (const std::string& ref : refs) {
            CAPTURE(ref);
            REQUIRE(ref.substr(0, 21) == "#/components/schemas/");
            CHECK(schemas.contains(ref.substr(21)));
        }
    }
}

TEST_CASE("v3: each kind's schema and its PATCH operations carry the group-version-kind") {
    struct expect {
        const char* gv;
        const char* schema;
        const char* group;
        const char* kind;
        const char* item_path;
    };
    const expect kinds[] = {
        {"api/v1", "io.k8s.api.core.v1.Pod", "", "Pod", "/api/v1/namespaces/{namespace}/pods/{name}"},
        {"api/v1", "io.k8s.api.core.v1.Node", "", "Node", "/api/v1/nodes/{name}"},
        {"api/v1", "io.k8s.api.core.v1.Namespace", "", "Namespace", "/api/v1/namespaces/{name}"},
        {"api/v1", "io.k8s.api.core.v1.Service", "", "Service", "/api/v1/namespaces/{namespace}/services/{name}"},
        {"api/v1", "io.k8s.api.core.v1.Event", "", "Event", "/api/v1/namespaces/{namespace}/events/{name}"},
        {"api/v1", "io.k8s.api.core.v1.ConfigMap", "", "ConfigMap",
         "/api/v1/namespaces/{namespace}/configmaps/{name}"},
        {"api/v1", "io.k8s.api.core.v1.Secret", "", "Secret", "/api/v1/namespaces/{namespace}/secrets/{name}"},
        {"apis/apps/v1", "io.k8s.api.apps.v1.Deployment", "apps", "Deployment",
         "/apis/apps/v1/namespaces/{namespace}/deployments/{name}"},
        {"apis/apps/v1", "io.k8s.api.apps.v1.ReplicaSet", "apps", "ReplicaSet",
         "/apis/apps/v1/namespaces/{namespace}/replicasets/{name}"},
        {"apis/apps/v1", "io.k8s.api.autoscaling.v1.Scale", "autoscaling", "Scale",
         "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale"},
        {"apis/autoscaling/v1", "io.k8s.api.autoscaling.v1.Scale", "autoscaling", "Scale", nullptr},
        {"apis/discovery.k8s.io/v1", "io.k8s.api.discovery.v1.EndpointSlice", "discovery.k8s.io", "EndpointSlice",
         "/apis/discovery.k8s.io/v1/namespaces/{namespace}/endpointslices/{name}"},
        {"apis/coordination.k8s.io/v1", "io.k8s.api.coordination.v1.Lease", "coordination.k8s.io", "Lease",
         "/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}"},
    };
    for (const expect& k : kinds) {
        CAPTURE(k.schema);
        const json& doc = *oa::v3_document(k.gv);
        const json gvk = {{"group", k.group}, {"kind", k.kind}, {"version", "v1"}};
        const json& schema = doc["components"]["schemas"][k.schema];
        REQUIRE(schema.contains("x-kubernetes-group-version-kind"));
        CHECK(schema["x-kubernetes-group-version-kind"] == json::array({gvk}));
        if (!k.item_path) continue;
        REQUIRE(doc["paths"].contains(k.item_path));
        const json& patch = doc["paths"][k.item_path]["patch"];
        CHECK(patch["x-kubernetes-group-version-kind"] == gvk);
        CHECK(patch["x-kubernetes-action"] == "patch");
        std::set<std::string> params;
        for (const json& p : patch["parameters"]) params.insert(p["name"].get<std::string>());
        CHECK(params == std::set<std::string>{"dryRun", "fieldManager", "fieldValidation", "force"});
        // Client-side apply computes a strategic merge patch only where it is accepted.
        CHECK(patch["requestBody"]["content"].contains("application/strategic-merge-patch+json"));
    }
    // Collections: list and create; items: read, replace, patch, delete.
    const json& core = (*oa::v3_document("api/v1"))["paths"];
    CHECK(core["/api/v1/namespaces/{namespace}/pods"].contains("get"));
    CHECK(core["/api/v1/namespaces/{namespace}/pods"]["post"]["x-kubernetes-action"] == "post");
    CHECK(core["/api/v1/namespaces/{namespace}/pods"]["delete"]["x-kubernetes-action"] == "deletecollection");
    CHECK(core["/api/v1/pods"]["get"]["operationId"] == "listCoreV1PodForAllNamespaces");
    for (const char* m : {"get", "put", "patch", "delete"})
        CHECK(core["/api/v1/namespaces/{namespace}/pods/{name}"].contains(m));
    CHECK(core["/api/v1/namespaces/{namespace}/pods/{name}"]["patch"]["operationId"] == "patchCoreV1NamespacedPod");
    for (const char* sub : {"status", "log", "exec", "binding", "eviction"})
        CHECK(core.contains("/api/v1/namespaces/{namespace}/pods/{name}/" + std::string(sub)));
    CHECK(core["/api/v1/namespaces/{namespace}/pods/{name}/eviction"]["post"]["x-kubernetes-group-version-kind"] ==
          json{{"group", "policy"}, {"kind", "Eviction"}, {"version", "v1"}});
    CHECK(core.contains("/api/v1/nodes/{name}/status"));
    CHECK(core.contains("/api/v1/namespaces/{name}/status"));
    CHECK(core.contains("/api/v1/namespaces/{namespace}/services/{name}/status"));
    CHECK_FALSE(core.contains("/api/v1/namespaces/{namespace}/services/{name}/scale"));
    CHECK((*oa::v3_document("apis/autoscaling/v1"))["paths"].empty());
    std::set<std::string> create_params;
    for (const json& p : core["/api/v1/namespaces/{namespace}/pods"]["post"]["parameters"])
        create_params.insert(p["name"].get<std::string>());
    CHECK(create_params == std::set<std::string>{"dryRun", "fieldManager", "fieldValidation"});
}

TEST_CASE("v3 schemas: refs wrapped as upstream, patch strategies, list types, required, descriptions") {
    const json& schemas = (*oa::v3_document("api/v1"))["components"]["schemas"];
    const json& spec = schemas["io.k8s.api.core.v1.PodSpec"];
    const json& containers = spec["properties"]["containers"];
    CHECK(containers["type"] == "array");
    CHECK(containers["items"]["allOf"] ==
          json::parse(R"([{"$ref":"#/components/schemas/io.k8s.api.core.v1.Container"}])"));
    CHECK(containers["x-kubernetes-patch-merge-key"] == "name");
    CHECK(containers["x-kubernetes-patch-strategy"] == "merge");
    CHECK(containers["x-kubernetes-list-type"] == "map");
    CHECK(containers["x-kubernetes-list-map-keys"] == json::array({"name"}));
    CHECK(spec["required"] == json::array({"containers"}));
    const json& pod = schemas["io.k8s.api.core.v1.Pod"];
    CHECK(pod["properties"]["metadata"]["allOf"][0]["$ref"] ==
          "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
    const json& ports = schemas["io.k8s.api.core.v1.Container"]["properties"]["ports"];
    CHECK(ports["x-kubernetes-list-map-keys"] == json::array({"containerPort", "protocol"}));
    const json& meta = schemas["io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]["properties"];
    CHECK(meta["finalizers"]["x-kubernetes-list-type"] == "set");
    CHECK(meta["ownerReferences"]["x-kubernetes-patch-merge-key"] == "uid");
    CHECK(schemas["io.k8s.api.core.v1.ResourceRequirements"]["properties"]["limits"]["additionalProperties"] ==
          json{{"$ref", "#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity"}});
    // Every property of every schema says what it is.
    for (auto it = schemas.begin(); it != schemas.end(); ++it) {
        CHECK_MESSAGE(it->contains("description"), it.key());
        if (!it->contains("properties")) continue;
        for (auto p = (*it)["properties"].begin(); p != (*it)["properties"].end(); ++p)
            CHECK_MESSAGE(!(*p).value("description", "").empty(), std::string(it.key() + "." + p.key()));
    }
    // Fields kubesim does not model are left out, so strict validation reports them.
    CHECK_FALSE(spec["properties"].contains("volumes"));
    CHECK_FALSE(schemas["io.k8s.api.core.v1.Container"]["properties"].contains("securityContext"));
}

TEST_CASE("every field the codecs write is in the schema (rich manifests)") {
    auto check = [](const json& manifest, const json& out) {
        const std::string api_version = manifest["apiVersion"].get<std::string>();
        const std::string kind = manifest["kind"].get<std::string>();
        CAPTURE(kind);
        CHECK(oa::unknown_fields(api_version, kind, manifest) == std::vector<std::string>{});
        CHECK(oa::unknown_fields(api_version, kind, out) == std::vector<std::string>{});
        // The manifests are rich: what they set comes back.
        std::set<std::string> in_paths, out_paths;
        leaves(manifest, "", in_paths);
        leaves(out, "", out_paths);
        for (const std::string& p : in_paths) CHECK_MESSAGE(out_paths.count(p) == 1, p);
    };
    check(json::parse(rich_pod), round_trip<api::pod>(json::parse(rich_pod)));
    check(json::parse(rich_deployment), round_trip<api::deployment>(json::parse(rich_deployment)));
    check(json::parse(rich_replica_set), round_trip<api::replica_set>(json::parse(rich_replica_set)));
    check(json::parse(rich_service), round_trip<api::service>(json::parse(rich_service)));
    check(json::parse(rich_node), round_trip<api::node>(json::parse(rich_node)));
    check(json::parse(rich_event), round_trip<api::event>(json::parse(rich_event)));
    check(json::parse(rich_namespace), round_trip<api::namespace_>(json::parse(rich_namespace)));
    check(json::parse(rich_endpoint_slice), round_trip<api::endpoint_slice>(json::parse(rich_endpoint_slice)));

    // Zero values: the fields written even when empty (creationTimestamp: null, resources: {}, ...).
    CHECK(oa::unknown_fields("v1", "Pod", aj::encode(api::pod{})).empty());
    CHECK(oa::unknown_fields("apps/v1", "Deployment", aj::encode(api::deployment{})).empty());
    CHECK(oa::unknown_fields("discovery.k8s.io/v1", "EndpointSlice", aj::encode(api::endpoint_slice{})).empty());
    CHECK(oa::unknown_fields("v1", "Status", json(api::status{})).empty());
}

TEST_CASE("every schema field is read and written back by the codecs") {
    const json schemas = all_schemas();
    check_schema_matches_codec<api::pod>(schemas, "io.k8s.api.core.v1.Pod");
    check_schema_matches_codec<api::node>(schemas, "io.k8s.api.core.v1.Node");
    check_schema_matches_codec<api::namespace_>(schemas, "io.k8s.api.core.v1.Namespace");
    check_schema_matches_codec<api::service>(schemas, "io.k8s.api.core.v1.Service");
    check_schema_matches_codec<api::event>(schemas, "io.k8s.api.core.v1.Event");
    check_schema_matches_codec<api::config_map>(schemas, "io.k8s.api.core.v1.ConfigMap");
    // stringData is write-only: the API server folds it into data.
    check_schema_matches_codec<api::secret>(schemas, "io.k8s.api.core.v1.Secret", {"stringData.k"});
    check_schema_matches_codec<api::endpoint_slice>(schemas, "io.k8s.api.discovery.v1.EndpointSlice");
    check_schema_matches_codec<api::replica_set>(schemas, "io.k8s.api.apps.v1.ReplicaSet");
    check_schema_matches_codec<api::deployment>(schemas, "io.k8s.api.apps.v1.Deployment");
    check_schema_matches_codec<api::scale>(schemas, "io.k8s.api.autoscaling.v1.Scale");
    check_schema_matches_codec<api::lease>(schemas, "io.k8s.api.coordination.v1.Lease");
}

TEST_CASE("unknown_fields names unknown fields as the API server does") {
    const json pod = json::parse(R"({
      "apiVersion": "v1", "kind": "Pod",
      "metadata": {"name": "p", "labelz": {"a": "b"}, "labels": {"any-key": "is fine"}},
      "spec": {"foo": 1,
               "containers": [{"name": "a", "image": "x"},
                              {"name": "b", "image": "y", "bogus": true, "env": [{"name": "E", "valeu": "1"}]}],
               "volumes": []},
      "colour": "blue"
    })");
    CHECK(oa::unknown_fields("v1", "Pod", pod) ==
          std::vector<std::string>{"colour", "metadata.labelz", "spec.containers[1].bogus",
                                   "spec.containers[1].env[0].valeu", "spec.foo", "spec.volumes"});

    const json deployment = json::parse(R"({
      "apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
      "spec": {"selector": {"matchLabels": {"app": "web"}},
               "template": {"metadata": {"labels": {"app": "web"}},
                            "spec": {"containers": [{"name": "web", "image": "nginx", "bogus": 1,
                                                     "resources": {"limits": {"cpu": "1"}, "claims": []}}]}}}
    })");
    CHECK(oa::unknown_fields("apps/v1", "Deployment", deployment) ==
          std::vector<std::string>{"spec.template.spec.containers[0].bogus",
                                   "spec.template.spec.containers[0].resources.claims"});

    // Valid manifests, including kubectl's `creationTimestamp: null` and empty structs.
    const json valid = json::parse(R"({
      "apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p", "creationTimestamp": null},
      "spec": {"containers": [{"name": "a", "image": "x", "resources": {}}], "restartPolicy": "Never"},
      "status": {}
    })");
    CHECK(oa::unknown_fields("v1", "Pod", valid).empty());
    CHECK(oa::unknown_fields("autoscaling/v1", "Scale", json::parse(R"({"spec":{"replicas":3}})")).empty());
    CHECK(oa::unknown_fields("autoscaling/v1", "Scale", json::parse(R"({"spec":{"replicaz":3}})")) ==
          std::vector<std::string>{"spec.replicaz"});
    CHECK(oa::unknown_fields("coordination.k8s.io/v1", "Lease", json::parse(R"({"spec":{"owner":"me"}})")) ==
          std::vector<std::string>{"spec.owner"});

    // The group must match: a Deployment is apps/v1, not v1.
    CHECK(oa::unknown_fields("v1", "Deployment", deployment).empty());
    CHECK(oa::unknown_fields("batch/v1", "Job", pod).empty());
    // A wrong JSON type is the decoder's business, not an unknown field.
    CHECK(oa::unknown_fields("v1", "Pod", json::parse(R"({"spec":{"containers":"none","foo":1}})")) ==
          std::vector<std::string>{"spec.foo"});
}

TEST_CASE("v2: swagger 2.0 with definitions refs and the paths of every group version") {
    const json& doc = oa::v2_document();
    CHECK(doc["swagger"] == "2.0");
    const json& defs = doc["definitions"];
    std::vector<std::string> refs;
    refs_in(doc, refs);
    for (const std::string& ref : refs) {
        CAPTURE(ref);
        REQUIRE(ref.substr(0, 14) == "#/definitions/");
        CHECK(defs.contains(ref.substr(14)));
    }
    // No v3-only constructs: refs are not wrapped, no oneOf.
    CHECK(doc.dump().find("allOf") == std::string::npos);
    CHECK(doc.dump().find("oneOf") == std::string::npos);
    CHECK(defs["io.k8s.api.core.v1.Pod"]["properties"]["spec"]["$ref"] == "#/definitions/io.k8s.api.core.v1.PodSpec");
    CHECK(defs["io.k8s.apimachinery.pkg.util.intstr.IntOrString"]["format"] == "int-or-string");
    const json& patch = doc["paths"]["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]["patch"];
    CHECK(patch["x-kubernetes-group-version-kind"] ==
          json{{"group", "apps"}, {"kind", "Deployment"}, {"version", "v1"}});
    bool has_field_validation = false;
    for (const json& p : patch["parameters"]) has_field_validation |= p["name"] == "fieldValidation";
    CHECK(has_field_validation);
    CHECK(doc["paths"].contains("/apis/coordination.k8s.io/v1/namespaces/{namespace}/leases/{name}"));
}

TEST_CASE("v2 protobuf: an openapi_v2.Document with swagger, info, paths and definitions") {
    const std::string& pb = oa::v2_protobuf();
    REQUIRE(pb.size() > 1000);
    // Field 1 (swagger), length-delimited: "2.0"; then field 2 (info).
    CHECK(pb.substr(0, 5) == std::string("\x0a\x03" "2.0", 5));
    CHECK(static_cast<unsigned char>(pb[5]) == 0x12);
    // Walk the top-level fields: 1, 2, 8 (paths), 9 (definitions), all length-delimited.
    std::vector<unsigned> fields;
    std::size_t i = 0;
    auto varint = [&] {
        std::uint64_t v = 0;
        for (int shift = 0;; shift += 7) {
            const auto b = static_cast<unsigned char>(pb.at(i++));
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) return v;
        }
    };
    while (i < pb.size()) {
        const std::uint64_t key = varint();
        REQUIRE((key & 7) == 2);
        fields.push_back(static_cast<unsigned>(key >> 3));
        i += static_cast<std::size_t>(varint());
    }
    CHECK(i == pb.size());
    CHECK(fields == std::vector<unsigned>{1, 2, 8, 9});
    // Info carries title and version; names of definitions and extensions are in the bytes.
    CHECK(pb.find("Kubernetes") != std::string::npos);
    CHECK(pb.find("io.k8s.api.core.v1.Pod") != std::string::npos);
    CHECK(pb.find("x-kubernetes-group-version-kind") != std::string::npos);
    CHECK(&oa::v2_protobuf() == &oa::v2_protobuf());
}

}  // TEST_SUITE
