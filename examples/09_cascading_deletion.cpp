// Cascading deletion in its three modes, as `kubectl delete --cascade=...`:
// background (the default: the owner goes at once, the garbage collector
// removes the dependents after), foreground (the owner stays, with a
// deletionTimestamp and the foregroundDeletion finalizer, until its dependents
// are gone) and orphan (the dependents stay, without their owner reference).
// The pods run `sleep`, which ignores SIGTERM, so each takes its whole 3 s grace
// period to go.
#include "common.hpp"

namespace {

constexpr std::string_view deployment = R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 3
      containers:
      - name: web
        image: busybox:1.36
        command: ["sleep", "3600"]
)";

void deploy(kubesim::cluster& cluster) {
    examples::kubectl(cluster, "apply -f -", deployment);
    examples::kubectl(cluster, "rollout status deployment/web");
}

}  // namespace

int main() {
    kubesim::cluster cluster;
    cluster.init();

    std::cout << "# --cascade=background (the default)\n";
    deploy(cluster);
    examples::kubectl(cluster, "get deployments,replicasets,pods");
    // kubectl waits until the Deployment is gone, which is at once; its
    // ReplicaSet and pods are left to the garbage collector.
    examples::kubectl(cluster, "delete deployment web");
    examples::kubectl(cluster, "get deployments,replicasets,pods");
    examples::kubectl(cluster, "wait --for=delete pod -l app=web --timeout=30s");

    std::cout << "\n# --cascade=foreground\n";
    deploy(cluster);
    // --wait=false returns at once, to look at the Deployment while it waits for
    // its dependents: it has a deletionTimestamp and the foregroundDeletion
    // finalizer, and the garbage collector deletes the ReplicaSet the same way.
    examples::kubectl(cluster, "delete deployment web --cascade=foreground --wait=false");
    cluster.run_for(std::chrono::seconds(1));
    examples::kubectl(cluster, "get deployments,replicasets,pods");
    examples::kubectl(cluster, "get deployment,replicaset -o "
                               "custom-columns=NAME:.metadata.name,DELETED:.metadata.deletionTimestamp,"
                               "FINALIZERS:.metadata.finalizers");
    // The Deployment goes last, once its pods and ReplicaSet are gone.
    examples::kubectl(cluster, "wait --for=delete deployment/web --timeout=30s");
    examples::kubectl(cluster, "get deployments,replicasets,pods");

    std::cout << "\n# --cascade=orphan\n";
    deploy(cluster);
    examples::kubectl(cluster, "delete deployment web --cascade=orphan");
    cluster.run_for(std::chrono::seconds(5));
    // The ReplicaSet and its pods live on, without an owner: nothing will
    // delete them now, but they still keep two pods running.
    examples::kubectl(cluster, "get deployments,replicasets,pods");
    examples::kubectl(cluster, "get replicasets -o custom-columns=NAME:.metadata.name,OWNERS:.metadata.ownerReferences");
    // Deleting the orphaned ReplicaSet itself (background again) cleans up.
    examples::kubectl(cluster, "delete replicaset -l app=web");
    examples::kubectl(cluster, "wait --for=delete pod -l app=web --timeout=30s");
    examples::kubectl(cluster, "get replicasets,pods");

    std::cout << "\n# there is no fourth mode\n";
    examples::kubectl(cluster, "apply -f -", deployment);
    examples::kubectl(cluster, "delete deployment web --cascade=never");
    // kubectl refuses before sending anything; the API server refuses such a
    // propagationPolicy too, as a request through the C++ client shows.
    kubesim::delete_options bad;
    bad.propagation_policy = "Never";
    auto r = cluster.client<kubesim::api::deployment>().remove("web", bad);
    std::cout << "# DELETE with propagationPolicy Never: " << r.error().code << " " << r.error().reason << ": "
              << r.error().message << "\n";
}
