// kubesim API server tour: the API server on simulated time. Apply a
// Deployment and a NodePort Service, watch what changes, scale through the
// /scale subresource, and see how a bad manifest is refused.
#include <kubesim/kubesim.hpp>

#include <chrono>
#include <iostream>
#include <string>

using namespace std::chrono_literals;
namespace api = kubesim::api;

namespace {
std::string stamp(const kubesim::cluster& c) { return "[" + kubesim::sim::format_offset(c.now()) + "] "; }
}  // namespace

int main() {
    kubesim::cluster cluster;  // node-1, node-2, node-3; seed 0
    cluster.init();
    std::cout << stamp(cluster) << "cluster ready:";
    for (const auto& n : cluster.client<api::node>().list().value().items)
        std::cout << " " << n.metadata.name << "(" << n.status.addresses[0].address << ")";
    std::cout << "\n";

    // A watch sees every change, delivered on the simulated clock.
    auto watch = cluster.client<api::deployment>().watch({}, [&](const kubesim::watch_event<api::deployment>& e) {
        std::cout << stamp(cluster) << "watch: " << e.type << " deployment/" << e.object.metadata.name
                  << " replicas=" << e.object.spec.replicas.value_or(0)
                  << " generation=" << e.object.metadata.generation
                  << " resourceVersion=" << e.object.metadata.resource_version << "\n";
    });

    auto applied = cluster.apply(nlohmann::json::parse(R"([
      {"apiVersion": "apps/v1", "kind": "Deployment",
       "metadata": {"name": "web", "labels": {"app": "web"}},
       "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}},
                             "spec": {"containers": [{"name": "web", "image": "hashicorp/http-echo:1.0",
                                                      "args": ["-text=hello, world"]}]}}}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
       "spec": {"type": "NodePort", "selector": {"app": "web"},
                "ports": [{"port": 80, "targetPort": 5678, "nodePort": 31000}]}}])"));
    for (const auto& obj : applied)
        std::cout << stamp(cluster) << "applied " << obj["kind"].get<std::string>() << "/"
                  << obj["metadata"]["name"].get<std::string>() << " uid=" << obj["metadata"]["uid"].get<std::string>()
                  << "\n";
    cluster.run_for(1s);

    auto svc = cluster.client<api::service>().get("web").value();
    std::cout << stamp(cluster) << "service/web clusterIP=" << svc.spec.cluster_ip
              << " nodePort=" << svc.spec.ports[0].node_port
              << " targetPort=" << svc.spec.ports[0].target_port.to_string() << "\n";

    auto deployments = cluster.client<api::deployment>();
    auto d = deployments.get("web").value();
    std::cout << stamp(cluster) << "defaults: strategy=" << d.spec.strategy.type
              << " maxSurge=" << d.spec.strategy.rolling_update->max_surge->to_string()
              << " maxUnavailable=" << d.spec.strategy.rolling_update->max_unavailable->to_string()
              << " revisionHistoryLimit=" << *d.spec.revision_history_limit
              << " progressDeadlineSeconds=" << *d.spec.progress_deadline_seconds << "\n";

    auto scale = deployments.get_scale("web").value();
    scale.spec.replicas = 5;
    deployments.update_scale("web", scale).value();
    cluster.run_for(1s);

    // A stale write loses, as on a real cluster.
    d.spec.replicas = 1;
    auto stale = deployments.update(d);
    std::cout << stamp(cluster) << "stale update: " << stale.error().code << " " << stale.error().message << "\n";

    // A bad manifest is refused whole.
    try {
        cluster.apply(nlohmann::json::parse(R"({"apiVersion": "v1", "kind": "Service", "metadata": {"name": "bad"},
            "spec": {"type": "NodePort", "ports": [{"port": 80, "nodePort": 31000}]}})"));
    } catch (const kubesim::api_error& e) {
        std::cout << stamp(cluster) << "apply refused: " << e.what() << "\n";
    }
    cluster.run_for(1s);
    std::cout << nlohmann::json(cluster.client<api::service>().get("web").value()).dump(2) << "\n";
}
