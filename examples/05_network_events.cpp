// Network latency and observation: every hop costs 25 ms of virtual time, and
// on_request / on_response see each request crossing the simulated network.
#include "common.hpp"

using namespace std::chrono_literals;

int main() {
    kubesim::cluster_options opts;
    opts.latency = [](const kubesim::net::hop&) { return kubesim::sim::duration(25ms); };
    kubesim::cluster cluster(opts);
    cluster.register_image<examples::hello_image>();
    cluster.init();
    cluster.apply(nlohmann::json::parse(R"([
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "left", "labels": {"app": "left"}},
       "spec": {"nodeName": "node-2", "containers": [{"name": "web", "image": "example/hello:1.0"}]}},
      {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "right", "labels": {"app": "right"}},
       "spec": {"nodeName": "node-3", "containers": [{"name": "web", "image": "example/hello:1.0"}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "left"},
       "spec": {"type": "NodePort", "selector": {"app": "left"}, "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31005}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "right"},
       "spec": {"selector": {"app": "right"}, "ports": [{"port": 80, "targetPort": 8080}]}}])"));
    cluster.wait_for("pod/left");
    cluster.wait_for("pod/right");
    auto hops = [](const std::vector<kubesim::net::hop>& hs) {
        std::string s;
        for (const auto& h : hs) s += " " + (h.from_node.empty() ? std::string("outside") : h.from_node) + "->" + h.to_node;
        return s;
    };
    auto on_req = cluster.on_request([&](const kubesim::net::request_event& e) {
        std::cout << examples::stamp(cluster) << "request #" << e.id << " " << e.request.method << " " << e.request.url
                  << " from " << (e.from_ip.empty() ? std::string("outside") : e.from_ip) << " to " << e.to_ip << ":"
                  << e.port << (e.service.empty() ? "" : " via service " + e.service) << " hops:" << hops(e.hops)
                  << " latency=" << kubesim::sim::format_offset(kubesim::sim::time_point{} + e.latency) << "\n";
    });
    auto on_resp = cluster.on_response([&](const kubesim::net::response_event& e) {
        std::cout << examples::stamp(cluster) << "response #" << e.id << " " << e.response.status
                  << " round trip=" << kubesim::sim::format_offset(kubesim::sim::time_point{} + e.latency) << "\n";
    });
    auto r = cluster.fetch("http://node-1:31005/call?url=http://right/");
    std::cout << examples::stamp(cluster) << r.body;
}
