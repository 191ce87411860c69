// kubectl describe through cluster.kubectl: texts as kubectl 1.33 prints them
// for the same objects (checked against the real kubectl by kubectl-oracle).
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

const char* describe_manifests = R"([
  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}},
  {"apiVersion": "apps/v1", "kind": "Deployment",
   "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0",
                                                  "args": ["-text=hello"],
                                                  "ports": [{"containerPort": 5678}]}]}}}},
  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"type": "NodePort", "selector": {"app": "web"},
            "ports": [{"name": "http", "port": 80, "targetPort": 5678, "nodePort": 30080}]}},
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "greeting"}, "data": {"text": "hello\nworld"}},
  {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "creds"}, "type": "Opaque",
   "data": {"password": "czNjcjN0"}}
])";

// The objects 15 minutes after they were applied (built once, shared: describe
// does not change the cluster or move its clock).
kubesim::cluster& described() {
    static kubesim::cluster c;
    static const bool ready = [] {
        c.init();
        c.apply(describe_manifests);
        c.run_for(15min);
        return true;
    }();
    (void)ready;
    return c;
}

// A raw-string block without its first newline.
std::string text(const char* s) { return std::string(s + 1); }

}  // namespace

TEST_CASE("describe: a config map and a secret") {
    auto& c = described();
    auto r = c.kubectl("describe cm greeting");
    CHECK(r.exit_code == 0);
    CHECK(r.out == text(R"(
Name:         greeting
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
text:
----
hello
world


BinaryData
====

Events:  <none>
)"));
    r = c.kubectl("describe secret creds");
    CHECK(r.out == text(R"(
Name:         creds
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  6 bytes
)"));
}

TEST_CASE("describe: a NodePort service and its deployment") {
    auto& c = described();
    auto r = c.kubectl("describe svc web");
    CHECK(r.out == text(R"(
Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     NodePort
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       10.98.111.166
IPs:                      10.98.111.166
Port:                     http  80/TCP
TargetPort:               5678/TCP
NodePort:                 http  30080/TCP
Endpoints:                10.244.1.2:5678,10.244.3.2:5678
Session Affinity:         None
External Traffic Policy:  Cluster
Internal Traffic Policy:  Cluster
Events:                   <none>
)"));
    r = c.kubectl("describe deploy/web");
    CHECK(r.out == text(R"(
Name:                   web
Namespace:              default
CreationTimestamp:      Wed, 01 Jan 2025 00:00:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   echo:
    Image:      hashicorp/http-echo:1.0
    Port:       5678/TCP
    Host Port:  0/TCP
    Args:
      -text=hello
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-66fdfd7d94 (2/2 replicas created)
Events:
  Type    Reason             Age   From                   Message
  ----    ------             ----  ----                   -------
  Normal  ScalingReplicaSet  15m   deployment-controller  Scaled up replica set web-66fdfd7d94 from 0 to 2
)"));
}

TEST_CASE("describe: namespaces, and what is not found") {
    auto& c = described();
    auto r = c.kubectl("describe ns team-a");
    CHECK(r.out == text(R"(
Name:         team-a
Labels:       kubernetes.io/metadata.name=team-a
Annotations:  <none>
Status:       Active
)"));
    r = c.kubectl("describe pod nope");
    CHECK(r.exit_code == 1);
    CHECK(r.out == "");
    CHECK(r.err == "Error from server (NotFound): pods \"nope\" not found\n");
    r = c.kubectl("describe pods -l app=nothing");
    CHECK(r.exit_code == 0);
    CHECK(r.err == "No resources found in default namespace.\n");
    r = c.kubectl("describe");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a "
                   "complete list of supported resources.\n");
}
