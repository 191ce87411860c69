// The Recreate strategy: every old pod is stopped before any new one is
// created. A preStop hook makes each old pod take 2 s to stop; meanwhile
// kube-proxy still sends traffic to the terminating endpoints, as none is
// ready. The new ReplicaSet appears only once the old pods are gone.
#include "common.hpp"

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    auto manifest = [](const std::string& message) {
        nlohmann::json d = nlohmann::json::parse(R"(
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
       "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}}, "strategy": {"type": "Recreate"},
                "template": {"metadata": {"labels": {"app": "web"}},
                             "spec": {"terminationGracePeriodSeconds": 5,
                                      "containers": [{"name": "web", "image": "example/hello:1.0",
                                                      "env": [{"name": "MESSAGE_NAME", "value": ""}],
                                                      "lifecycle": {"preStop": {"exec": {"command": ["sleep", "2"]}}}}]}}}})");
        d["spec"]["template"]["spec"]["containers"][0]["env"][0]["value"] = message;
        return d;
    };
    cluster.apply(manifest("v1"));
    cluster.apply(nlohmann::json::parse(R"(
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
       "spec": {"type": "NodePort", "selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31008}]}})"));
    cluster.wait_for("deployment/web", "Available");
    auto show = [&] {
        std::cout << examples::stamp(cluster);
        for (const auto& rs : cluster.client<kubesim::api::replica_set>().list().value().items)
            std::cout << "replicaset/" << rs.metadata.name << " (revision "
                      << rs.metadata.annotations.at("deployment.kubernetes.io/revision")
                      << ") spec=" << rs.spec.replicas.value_or(1) << " ready=" << rs.status.ready_replicas << "  ";
        int pods = 0, terminating = 0;
        for (const auto& p : cluster.client<kubesim::api::pod>().list().value().items) {
            ++pods;
            terminating += p.metadata.deletion_timestamp.has_value();
        }
        std::cout << "pods=" << pods << " (terminating " << terminating << ") ";
        auto r = cluster.fetch("http://node-1:31008/", {}, std::chrono::seconds(1));
        std::cout << "| GET -> " << (r.status == 0 ? r.error : std::to_string(r.status) + " " + r.body.substr(0, r.body.size() - 1))
                  << "\n";
    };
    show();
    cluster.apply(manifest("v2"));
    for (int i = 0; i < 8; ++i) {
        cluster.run_for(std::chrono::milliseconds(500));
        show();
    }
}
