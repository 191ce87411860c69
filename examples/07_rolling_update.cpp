// A rolling update of a Deployment, step by step. maxSurge 1 and maxUnavailable
// 0 mean at most 4 pods and never fewer than 3 available: the Deployment
// controller adds one pod of the new ReplicaSet, waits until it is Ready (the
// readiness probe passes after its initial delay), then removes one old pod, and
// so on. `kubectl rollout status` follows the rollout as it goes; a watch in C++
// meanwhile records when each scaling decision and each Ready happened, which
// kubectl's output does not show. The kubernetes.io/change-cause annotation is
// what `kubectl rollout history` lists for each revision.
#include "common.hpp"

#include <map>
#include <sstream>

namespace {

// The Deployment; MESSAGE is what its pods answer with.
std::string manifest(const std::string& message) {
    return R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    kubernetes.io/change-cause: "MESSAGE_NAME=)" + message + R"("
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: example/hello:1.0
        env:
        - name: MESSAGE_NAME
          value: )" + message + R"(
        readinessProbe:
          httpGet:
            path: /
            port: 8080
          initialDelaySeconds: 3
          periodSeconds: 2
)";
}

}  // namespace

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    examples::kubectl(cluster, "apply -f -", manifest("v1"));
    examples::kubectl(cluster, "rollout status deployment/web");
    examples::kubectl(cluster, "get replicasets,pods");

    // What happens during the rollout, with the simulated time of each step.
    std::ostringstream timeline;
    // The maps start with what exists, so that the watches' first ADDED events
    // (the current state) print nothing.
    std::map<std::string, std::int32_t> spec_replicas;
    for (const auto& rs : cluster.client<kubesim::api::replica_set>().list().value().items)
        spec_replicas[rs.metadata.name] = rs.spec.replicas.value_or(1);
    auto rs_watch = cluster.client<kubesim::api::replica_set>().watch({}, [&](const auto& e) {
        const auto& rs = e.object;
        const std::int32_t n = rs.spec.replicas.value_or(1);
        auto [it, fresh] = spec_replicas.try_emplace(rs.metadata.name, n);
        if (e.type == "ADDED" && !fresh) return;
        if (e.type == "ADDED" || it->second != n) {
            timeline << examples::stamp(cluster) << "replicaset/" << rs.metadata.name << " (revision "
                     << rs.metadata.annotations.at("deployment.kubernetes.io/revision") << ") scaled to " << n << "\n";
            it->second = n;
        }
    });
    std::map<std::string, bool> ready;
    for (const auto& p : cluster.client<kubesim::api::pod>().list().value().items) ready[p.metadata.name] = true;
    auto pod_watch = cluster.client<kubesim::api::pod>().watch({}, [&](const auto& e) {
        const auto& p = e.object;
        bool now_ready = false;
        for (const auto& c : p.status.conditions)
            if (c.type == "Ready" && c.status == "True") now_ready = true;
        if (e.type == "DELETED") {
            timeline << examples::stamp(cluster) << "pod/" << p.metadata.name << " deleted\n";
            return;
        }
        auto [it, fresh] = ready.try_emplace(p.metadata.name, now_ready);
        if (fresh && e.type == "ADDED") timeline << examples::stamp(cluster) << "pod/" << p.metadata.name << " created\n";
        if (it->second != now_ready) {
            timeline << examples::stamp(cluster) << "pod/" << p.metadata.name << (now_ready ? " ready" : " not ready")
                     << "\n";
            it->second = now_ready;
        }
    });

    examples::kubectl(cluster, "apply -f -", manifest("v2"));
    examples::kubectl(cluster, "rollout status deployment/web");
    std::cout << "# Meanwhile, as the controllers did it (a C++ watch on ReplicaSets and pods):\n" << timeline.str();
    rs_watch = {};
    pod_watch = {};

    // The old ReplicaSet stays, scaled to 0, so that `rollout undo` can go back to it.
    examples::kubectl(cluster, "get replicasets,pods");
    examples::kubectl(cluster, "rollout history deployment/web");
    // Every pod now answers as v2 (pod IPs are reachable from the nodes).
    for (const auto& p : cluster.client<kubesim::api::pod>().list().value().items)
        if (!p.metadata.deletion_timestamp) examples::curl(cluster, "http://" + p.status.pod_ip + ":8080/");
    examples::kubectl(cluster, "describe deployment web");
}
