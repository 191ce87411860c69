// A Deployment of three replicas behind a NodePort Service: the Deployment
// controller creates a ReplicaSet, the ReplicaSet controller creates the pods,
// the scheduler spreads them over the nodes, the EndpointSlice controller lists
// the ready pods behind the Service, and kube-proxy answers round robin over
// them. Each step is a kubectl command and what it prints.
#include "common.hpp"

namespace {

constexpr std::string_view manifests = R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: registry.k8s.io/e2e-test-images/agnhost:2.40
        args: ["netexec", "--http-port=8080"]
        ports:
        - containerPort: 8080
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 31004
)";

}  // namespace

int main() {
    kubesim::cluster cluster;
    cluster.init();
    examples::kubectl(cluster, "apply -f -", manifests);
    // Waits (on simulated time) until the three pods are available.
    examples::kubectl(cluster, "rollout status deployment/web");
    // One Deployment owns one ReplicaSet (named after the pod template's hash),
    // which owns the three pods; the scheduler put one on each node.
    examples::kubectl(cluster, "get deployments,replicasets");
    examples::kubectl(cluster, "get pods -o wide");
    // The Service selects the pods by label; its EndpointSlice lists their IPs.
    examples::kubectl(cluster, "get endpointslices");
    examples::kubectl(cluster, "describe service web");
    // kube-proxy on node-1 spreads the connections over the endpoints in turn:
    // agnhost's /hostname answers with the pod's name.
    for (int i = 0; i < 6; ++i) examples::curl(cluster, "http://node-1:31004/hostname");
    // Who did what: the Deployment controller scaled the ReplicaSet, the
    // ReplicaSet controller created the pods.
    examples::kubectl(cluster, "describe deployment web");
    examples::kubectl(cluster, "events --for replicaset/web-754d6bbcb9");
}
