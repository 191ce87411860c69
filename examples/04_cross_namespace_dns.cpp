// Namespaces: a frontend in "frontend" calls the api Service in "backend" by
// <service>.<namespace>; a bare name resolves only within its own namespace.
#include "common.hpp"

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    cluster.apply(nlohmann::json::parse(R"([
      {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "frontend"}},
      {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "backend"}},
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "web", "namespace": "frontend", "labels": {"app": "web"}},
       "spec": {"containers": [{"name": "web", "image": "example/hello:1.0"}]}},
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "api", "namespace": "backend", "labels": {"app": "api"}},
       "spec": {"containers": [{"name": "api", "image": "example/hello:1.0",
                                "env": [{"name": "MESSAGE_NAME", "value": "backend/api"}]}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "namespace": "frontend"},
       "spec": {"type": "NodePort", "selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31004}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "api", "namespace": "backend"},
       "spec": {"selector": {"app": "api"}, "ports": [{"port": 80, "targetPort": 8080}]}}])"));
    cluster.wait_for("pod/web", "Ready", "frontend");
    cluster.wait_for("pod/api", "Ready", "backend");
    for (const char* target : {"http://api.backend/", "http://api.backend.svc.cluster.local/", "http://api/"}) {
        auto r = cluster.fetch(std::string("http://node-2:31004/call?url=") + target);
        std::cout << examples::stamp(cluster) << "frontend/web -> " << target << ": " << r.status << " " << r.body;
    }
}
