// One pod, reached by its IP: apply, wait for Ready, fetch, and read the
// kubelet's events for it (kubectl describe pod's "Events:").
#include "common.hpp"

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    cluster.apply(nlohmann::json::parse(R"({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": "single"},
        "spec": {"containers": [{"name": "web", "image": "example/hello:1.0",
                                 "env": [{"name": "MESSAGE_NAME", "value": "a single pod"}]}]}})"));
    cluster.wait_for("pod/single");
    auto pod = cluster.client<kubesim::api::pod>().get("single").value();
    std::cout << examples::stamp(cluster) << "pod/single Ready on " << pod.spec.node_name << " with IP "
              << pod.status.pod_ip << "\n";
    for (const auto& e : cluster.client<kubesim::api::event>().list().value().items)
        std::cout << "  " << e.type << "\t" << e.reason << "\t" << e.source.component << "\t" << e.message << "\n";
    auto r = cluster.fetch("http://" + pod.status.pod_ip + ":8080/");
    std::cout << examples::stamp(cluster) << "GET http://" << pod.status.pod_ip << ":8080/ -> " << r.status << " "
              << r.body;
}
