// A NodePort Service: every node answers on the port and forwards to the pod,
// wherever it runs. The EndpointSlice shows what kube-proxy routes to.
#include "common.hpp"

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    cluster.apply(nlohmann::json::parse(R"([
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "labels": {"app": "web"}},
       "spec": {"containers": [{"name": "web", "image": "example/hello:1.0",
                                "ports": [{"name": "http", "containerPort": 8080}],
                                "env": [{"name": "MESSAGE_NAME", "value": "a NodePort service"}]}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
       "spec": {"type": "NodePort", "selector": {"app": "web"},
                "ports": [{"name": "http", "port": 80, "targetPort": "http", "nodePort": 31002}]}}])"));
    cluster.wait_for("pod/web");
    for (const auto& s : cluster.client<kubesim::api::endpoint_slice>().list().value().items) {
        if (s.metadata.labels.count("kubernetes.io/service-name") == 0 ||
            s.metadata.labels.at("kubernetes.io/service-name") != "web")
            continue;
        std::cout << examples::stamp(cluster) << "endpointslice for service/web:";
        for (const auto& e : s.endpoints)
            std::cout << " " << e.addresses.at(0) << " (ready=" << (e.conditions.ready.value_or(false) ? "true" : "false")
                      << ", node " << e.node_name.value_or("") << ")";
        std::cout << "\n";
    }
    for (const char* url : {"http://node-1:31002/", "http://node-2:31002/", "http://node-3:31002/"}) {
        auto r = cluster.fetch(url);
        std::cout << examples::stamp(cluster) << "GET " << url << " -> " << r.status << " " << r.body;
    }
    auto r = cluster.fetch("http://node-1:31999/");
    std::cout << examples::stamp(cluster) << "GET http://node-1:31999/ -> " << r.status << " " << r.error << "\n";
}
