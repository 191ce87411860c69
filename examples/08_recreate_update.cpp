// The Recreate strategy: every old pod is stopped before any new one is
// created, so the update has a gap where no new pod exists yet. A preStop hook
// makes each old pod take 2 s to stop; meanwhile kube-proxy still sends traffic
// to the terminating endpoints, as none is ready. The new ReplicaSet appears
// only once the old pods are gone.
#include "common.hpp"

namespace {

std::string manifest(const std::string& message) {
    return R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  strategy:
    type: Recreate
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 5
      containers:
      - name: web
        image: example/hello:1.0
        env:
        - name: MESSAGE_NAME
          value: )" + message + R"(
        lifecycle:
          preStop:
            exec:
              command: ["sleep", "2"]
)";
}

constexpr std::string_view service = R"(
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
    nodePort: 31008
)";

}  // namespace

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    examples::kubectl(cluster, "apply -f -", manifest("v1") + "---" + std::string(service));
    examples::kubectl(cluster, "rollout status deployment/web");
    examples::kubectl(cluster, "get replicasets,pods");
    examples::curl(cluster, "http://node-1:31008/", std::chrono::seconds(1));

    // Recreate: the Deployment controller scales the old ReplicaSet to 0 at once
    // and creates no new one yet. The old pods are Terminating (their preStop
    // hook runs for 2 s) but still serve: with no ready endpoint left, the
    // Service falls back to the terminating ones.
    examples::kubectl(cluster, "apply -f -", manifest("v2"));
    examples::kubectl(cluster, "get replicasets,pods");
    examples::curl(cluster, "http://node-1:31008/", std::chrono::seconds(1));
    // Following the pods: the old ones stop (Error: the server exits on SIGTERM
    // with status 143) and are removed; only then do the new ones appear.
    examples::kubectl(cluster, "get pods -w --request-timeout=3s");
    examples::kubectl(cluster, "get replicasets,pods");
    examples::curl(cluster, "http://node-1:31008/", std::chrono::seconds(1));
    examples::kubectl(cluster, "describe deployment web");
}
