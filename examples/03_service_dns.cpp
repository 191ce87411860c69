// Two pods calling each other through Services and the cluster DNS: the short
// name works through the pod's search list, the FQDN works everywhere.
#include "common.hpp"

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.init();
    cluster.apply(nlohmann::json::parse(R"([
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "alpha", "labels": {"app": "alpha"}},
       "spec": {"containers": [{"name": "web", "image": "example/hello:1.0"}]}},
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "bravo", "labels": {"app": "bravo"}},
       "spec": {"containers": [{"name": "web", "image": "example/hello:1.0"}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "alpha"},
       "spec": {"type": "NodePort", "selector": {"app": "alpha"}, "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31003}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "bravo"},
       "spec": {"selector": {"app": "bravo"}, "ports": [{"port": 80, "targetPort": 8080}]}}])"));
    cluster.wait_for("pod/alpha");
    cluster.wait_for("pod/bravo");
    auto bravo = cluster.client<kubesim::api::service>().get("bravo").value();
    std::cout << examples::stamp(cluster) << "service/bravo has ClusterIP " << bravo.spec.cluster_ip << "\n";
    for (const char* target : {"http://bravo/", "http://bravo.default/", "http://bravo.default.svc.cluster.local/",
                               "http://charlie/"}) {
        auto r = cluster.fetch(std::string("http://node-1:31003/call?url=") + target);
        std::cout << examples::stamp(cluster) << "alpha -> " << target << ": " << r.status << " " << r.body;
    }
    auto nslookup = cluster.exec("default", "alpha", "", {"cat", "/etc/resolv.conf"});
    std::cout << examples::stamp(cluster) << "alpha's /etc/resolv.conf:\n" << nslookup.out;
}
