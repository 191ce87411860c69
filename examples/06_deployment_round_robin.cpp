// A Deployment of three replicas behind a NodePort Service: the Deployment
// controller creates a ReplicaSet, the ReplicaSet controller creates the pods,
// the scheduler spreads them over the nodes, and kube-proxy answers round robin.
#include "common.hpp"

int main() {
    kubesim::cluster cluster;
    cluster.init();
    cluster.apply(nlohmann::json::parse(R"([
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
       "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}},
                             "spec": {"containers": [{"name": "web",
                                                      "image": "registry.k8s.io/e2e-test-images/agnhost:2.40",
                                                      "args": ["netexec", "--http-port=8080"],
                                                      "ports": [{"containerPort": 8080}]}]}}}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
       "spec": {"type": "NodePort", "selector": {"app": "web"},
                "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31004}]}}])"));
    cluster.wait_for("deployment/web", "Available");
    auto d = cluster.client<kubesim::api::deployment>().get("web").value();
    std::cout << examples::stamp(cluster) << "deployment/web: " << d.status.ready_replicas << "/"
              << d.spec.replicas.value_or(1) << " ready, " << d.status.available_replicas << " available\n";
    for (const auto& rs : cluster.client<kubesim::api::replica_set>().list().value().items)
        std::cout << examples::stamp(cluster) << "replicaset/" << rs.metadata.name << " revision "
                  << rs.metadata.annotations.at("deployment.kubernetes.io/revision") << ", "
                  << rs.status.ready_replicas << " ready\n";
    for (const auto& p : cluster.client<kubesim::api::pod>().list().value().items)
        std::cout << examples::stamp(cluster) << "pod/" << p.metadata.name << " on " << p.spec.node_name << " at "
                  << p.status.pod_ip << "\n";
    for (int i = 0; i < 6; ++i) {
        auto r = cluster.fetch("http://node-1:31004/hostname");
        std::cout << examples::stamp(cluster) << "GET http://node-1:31004/hostname -> " << r.status << " " << r.body
                  << "\n";
    }
    for (const auto& e : cluster.client<kubesim::api::event>().list().value().items)
        if (e.involved_object.kind != "Pod")
            std::cout << "event " << e.involved_object.kind << "/" << e.involved_object.name << " " << e.reason << ": "
                      << e.message << "\n";
}
