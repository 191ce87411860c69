// The in-library kubectl (JSON lines on stdout), from an optimised build:
//   ./build-release/benchmarks/kubectl_bench [all|get|describe|apply|readme] [runs=51]
//  - get: `kubectl get pods` on 1,000 pods (a Deployment of 1,000 pause
//    replicas on 20 nodes, rolled out); p50/p99 wall time per command.
//  - describe: `kubectl describe deployment web` with 1,000 Events about it,
//    repeated (warm) and first in a fresh cluster (cold).
//  - apply: cluster.apply_yaml of a 1,000-document stream (ConfigMaps) on a
//    fresh cluster each run; also the parse alone (kubectl::parse_yaml_stream).
//  - readme: the README's kubectl flow on a fresh 3-node cluster each run (boot,
//    `apply -f -` of a Deployment of 2, `rollout status`, `get pods -o wide`):
//    the figure the browser page's test measures for the same flow in
//    WebAssembly (web/tests/browser.mjs, docs/web.md).
// Targets: get under 5 ms, describe under 2 ms, apply_yaml under 50 ms.
// Wall time is read here, in the benchmark, never in the library.
#include <kubesim/kubesim.hpp>
#include <kubesim/kubectl/yaml.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>
#include <vector>

namespace api = kubesim::api;
using namespace std::chrono_literals;
using wall = std::chrono::steady_clock;

namespace {

struct percentiles {
    double p50{0}, p99{0}, max{0};
};

percentiles percentiles_of(std::vector<double> v) {
    if (v.empty()) return {};
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
        return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    return {at(0.50), at(0.99), v.back()};
}

template <class F>
std::vector<double> time_runs(int runs, F&& fn) {
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = wall::now();
        fn();
        ms.push_back(std::chrono::duration<double, std::milli>(wall::now() - t0).count());
    }
    return ms;
}

kubesim::cluster_options options() {
    kubesim::cluster_options o;
    o.nodes = 20;
    o.node_cidr = "172.16.0.0/12";
    o.pod_cidr = "10.0.0.0/8";
    return o;
}

// A Deployment of `replicas` pause pods, rolled out.
void deploy(kubesim::cluster& c, int replicas) {
    api::deployment d;
    d.metadata.name = "web";
    d.spec.replicas = replicas;
    d.spec.selector = api::label_selector{.match_labels = {{"app", "web"}}, .match_expressions = {}};
    d.spec.template_.metadata.labels = {{"app", "web"}};
    api::container ctr;
    ctr.name = "pause";
    ctr.image = "registry.k8s.io/pause:3.10";
    ctr.resources.requests = {{"cpu", api::quantity::parse("10m").value()},
                              {"memory", api::quantity::parse("16Mi").value()}};
    d.spec.template_.spec.containers.push_back(ctr);
    c.client<api::deployment>().create(d).value();
    const bool ok = c.run_until(
        [&] {
            auto cur = c.client<api::deployment>().get_shared("web");
            return cur && (*cur)->status.ready_replicas == replicas;
        },
        1h);
    if (!ok) throw std::runtime_error("the Deployment did not become ready");
}

void report(const char* name, const std::vector<double>& ms, double target_ms, std::size_t bytes, int rc) {
    const auto p = percentiles_of(ms);
    std::printf("{\"bench\":\"%s\",\"runs\":%zu,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"target_ms\":%.1f,"
                "\"output_bytes\":%zu,\"exit_code\":%d}\n",
                name, ms.size(), p.p50, p.p99, p.max, target_ms, bytes, rc);
    std::fflush(stdout);
}

void get_bench(int runs) {
    kubesim::cluster c(options());
    c.init();
    deploy(c, 1000);
    kubesim::kubectl_result r;
    r = c.kubectl("get pods");  // discovery, once per session
    const auto ms = time_runs(runs, [&] { r = c.kubectl("get pods"); });
    report("kubectl_get_pods_1000", ms, 5, r.out.size(), r.exit_code);
}

// A cluster with the Deployment "web" and 1,000 Events about it, its kubectl
// session opened (discovery done) but no Event read yet.
void events_cluster(kubesim::cluster& c) {
    c.init();
    deploy(c, 3);
    const auto dep = c.client<api::deployment>().get("web").value();
    auto events = c.client<api::event>();
    for (int i = 0; i < 1000; ++i) {
        api::event e;
        e.metadata.name = "web.bench-" + std::to_string(i);
        e.involved_object.kind = "Deployment";
        e.involved_object.api_version = "apps/v1";
        e.involved_object.name = "web";
        e.involved_object.namespace_ = "default";
        e.involved_object.uid = dep.metadata.uid;
        e.reason = "ScalingReplicaSet";
        e.message = "Scaled up replica set web-" + std::to_string(i) + " from 0 to 1";
        e.source.component = "deployment-controller";
        e.first_timestamp = c.now();
        e.last_timestamp = c.now();
        e.count = 1;
        e.type = "Normal";
        events.create(e).value();
    }
    c.run_for(10s);
    (void)c.kubectl("get deployment web");
}

// Warm: the describe repeated (the store keeps recently decoded Events).
// Cold: the first describe of a fresh cluster, every Event decoded.
void describe_bench(int runs) {
    kubesim::cluster c(options());
    events_cluster(c);
    kubesim::kubectl_result r = c.kubectl("describe deployment web");
    const auto ms = time_runs(runs, [&] { r = c.kubectl("describe deployment web"); });
    report("kubectl_describe_deployment_1000_events", ms, 2, r.out.size(), r.exit_code);
    std::vector<double> cold;
    for (int i = 0; i < std::max(3, runs / 10); ++i) {
        kubesim::cluster fresh(options());
        events_cluster(fresh);
        cold.push_back(time_runs(1, [&] { r = fresh.kubectl("describe deployment web"); }).front());
    }
    report("kubectl_describe_deployment_1000_events_cold", cold, 2, r.out.size(), r.exit_code);
}

void apply_bench(int runs) {
    std::string yaml;
    for (int i = 0; i < 1000; ++i) {
        yaml += "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings-" + std::to_string(i) +
                "\n  labels:\n    app: bench\ndata:\n  color: blue\n  size: \"" + std::to_string(i) + "\"\n";
    }
    const auto parse_ms = time_runs(runs, [&] { (void)kubesim::kubectl::parse_yaml_stream(yaml); });
    report("parse_yaml_1000_documents", parse_ms, 50, yaml.size(), 0);
    std::vector<double> ms;
    for (int i = 0; i < std::max(3, runs / 5); ++i) {
        kubesim::cluster c(options());
        c.init();
        const auto t0 = wall::now();
        const auto stored = c.apply_yaml(yaml);
        ms.push_back(std::chrono::duration<double, std::milli>(wall::now() - t0).count());
        if (stored.size() != 1000) throw std::runtime_error("apply_yaml stored " + std::to_string(stored.size()));
    }
    report("apply_yaml_1000_documents", ms, 50, yaml.size(), 0);
}

// The same text as the browser test's README flow (web/tests/browser.mjs).
constexpr const char* readme_deployment = R"(apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: echo, image: "hashicorp/http-echo:1.0", args: ["-text=hello"]}]
)";

void readme_bench(int runs) {
    kubesim::kubectl_result r;
    const auto ms = time_runs(std::max(3, runs / 5), [&] {
        kubesim::cluster c;  // the defaults: 3 nodes, seed 0
        c.init();
        r = c.kubectl("apply -f -", readme_deployment);
        if (r.exit_code == 0) r = c.kubectl("rollout status deployment/web");
        if (r.exit_code == 0) r = c.kubectl("get pods -o wide");
        if (r.exit_code != 0) throw std::runtime_error("README flow: " + r.err);
    });
    report("readme_flow_boot_apply_rollout_get", ms, 0, r.out.size(), r.exit_code);
}

}  // namespace

int main(int argc, char** argv) {
    const std::string what = argc > 1 ? argv[1] : "all";
    const int runs = argc > 2 ? std::atoi(argv[2]) : 51;
    if (what == "all" || what == "get") get_bench(runs);
    if (what == "all" || what == "describe") describe_bench(runs);
    if (what == "all" || what == "apply") apply_bench(runs);
    if (what == "all" || what == "readme") readme_bench(runs);
    return 0;
}
