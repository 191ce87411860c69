// A rolling update of a Deployment, step by step: every ReplicaSet scaling
// decision and every pod becoming Ready is printed as it happens. maxSurge 1 and
// maxUnavailable 0 mean at most 4 pods, never fewer than 3 available.
#include "common.hpp"

#include <map>

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    auto manifest = [](const std::string& message) {
        return nlohmann::json::parse(R"(
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
       "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1, "maxUnavailable": 0}},
                "template": {"metadata": {"labels": {"app": "web"}},
                             "spec": {"containers": [{"name": "web", "image": "example/hello:1.0",
                                                      "env": [{"name": "MESSAGE_NAME", "value": "MESSAGE"}],
                                                      "readinessProbe": {"httpGet": {"path": "/", "port": 8080},
                                                                         "initialDelaySeconds": 3,
                                                                         "periodSeconds": 2}}]}}}})")
            .patch(nlohmann::json::parse(R"([{"op": "replace",
                "path": "/spec/template/spec/containers/0/env/0/value", "value": ")" + message + R"("}])"));
    };
    cluster.apply(manifest("v1"));
    cluster.wait_for("deployment/web", "Available");
    std::cout << examples::stamp(cluster) << "deployment/web available with revision 1\n";

    std::map<std::string, std::int32_t> spec_replicas;
    auto rs_watch = cluster.client<kubesim::api::replica_set>().watch({}, [&](const auto& e) {
        const auto& rs = e.object;
        const std::int32_t n = rs.spec.replicas.value_or(1);
        auto [it, fresh] = spec_replicas.try_emplace(rs.metadata.name, n);
        if (e.type == "ADDED" && !fresh) return;
        if (e.type == "ADDED" || it->second != n) {
            std::cout << examples::stamp(cluster) << "replicaset/" << rs.metadata.name << " (revision "
                      << rs.metadata.annotations.at("deployment.kubernetes.io/revision") << ") scaled to " << n << "\n";
            it->second = n;
        }
    });
    std::map<std::string, bool> ready;
    auto pod_watch = cluster.client<kubesim::api::pod>().watch({}, [&](const auto& e) {
        const auto& p = e.object;
        bool now_ready = false;
        for (const auto& c : p.status.conditions)
            if (c.type == "Ready" && c.status == "True") now_ready = true;
        if (e.type == "DELETED") {
            std::cout << examples::stamp(cluster) << "pod/" << p.metadata.name << " deleted\n";
            return;
        }
        auto [it, fresh] = ready.try_emplace(p.metadata.name, now_ready);
        if (fresh && e.type == "ADDED") std::cout << examples::stamp(cluster) << "pod/" << p.metadata.name << " created\n";
        if (it->second != now_ready) {
            std::cout << examples::stamp(cluster) << "pod/" << p.metadata.name << (now_ready ? " ready" : " not ready")
                      << "\n";
            it->second = now_ready;
        }
    });
    cluster.apply(manifest("v2"));
    cluster.run_until(
        [&] {
            // What `kubectl rollout status` waits for.
            auto d = cluster.client<kubesim::api::deployment>().get("web").value();
            const auto& s = d.status;
            return s.observed_generation >= d.metadata.generation && s.updated_replicas == 3 && s.replicas == 3 &&
                   s.available_replicas == 3;
        },
        std::chrono::minutes(5));
    auto d = cluster.client<kubesim::api::deployment>().get("web").value();
    std::cout << examples::stamp(cluster) << "rollout complete: " << d.status.updated_replicas << " updated, "
              << d.status.available_replicas << " available\n";
    for (const auto& c : d.status.conditions)
        std::cout << examples::stamp(cluster) << "condition " << c.type << "=" << c.status << " " << c.reason << ": "
                  << c.message << "\n";
    for (const auto& p : cluster.client<kubesim::api::pod>().list().value().items) {
        if (p.metadata.deletion_timestamp) continue;
        auto r = cluster.fetch("http://" + p.status.pod_ip + ":8080/");
        std::cout << examples::stamp(cluster) << "pod/" << p.metadata.name << ": " << r.body;
    }
}
