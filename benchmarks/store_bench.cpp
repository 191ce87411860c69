// API-server benchmarks (JSON lines on stdout):
//  - create N pods (N = 1,000; 10,000; 150,000) through the typed client:
//    wall time per create, heap bytes per stored pod;
//  - list by label selector 100 pods among N (typed client, copies included).
// Pods look like a Deployment's: generateName, labels, owner reference, one
// container with a port and resource requests; every 100 pods share an owner and
// all share the container spec, as replicas of a template do (the store keeps
// equal container lists and owner references once). create_pods_distinct gives
// every pod its own image, so nothing is shared: the worst case. Wall time is
// read here, in the benchmark, never in the library.
#include <kubesim/kubesim.hpp>

#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

namespace api = kubesim::api;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::size_t heap_in_use() { return mallinfo2().uordblks; }

api::pod make_pod(int i, bool distinct) {
    api::pod p;
    const std::string app = "app-" + std::to_string(i / 100);
    p.metadata.generate_name = app + "-7d4b9c6f5d-";
    p.metadata.labels = {{"app", app}, {"pod-template-hash", "7d4b9c6f5d"}};
    p.metadata.owner_references.push_back({.api_version = "apps/v1", .kind = "ReplicaSet", .name = app + "-7d4b9c6f5d",
                                           .uid = "0c5e2b6e-8a57-4bb5-9a2e-3f1d8c3b9a01", .controller = true,
                                           .block_owner_deletion = true});
    api::container c;
    c.name = "web";
    c.image = distinct ? "registry.example/app:" + std::to_string(i) : std::string("nginx:1.27");
    c.ports.push_back({.name = "http", .container_port = 80});
    c.resources.requests = {{"cpu", api::quantity::parse("100m").value()}, {"memory", api::quantity::parse("128Mi").value()}};
    p.spec.containers.push_back(std::move(c));
    return p;
}

void bench_create_and_list(int n, bool distinct) {
    kubesim::cluster cluster({.nodes = 0});
    cluster.init();
    auto pods = cluster.client<api::pod>("default");
    std::vector<api::pod> inputs;
    inputs.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) inputs.push_back(make_pod(i, distinct));

    const std::size_t heap0 = heap_in_use();
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& p : inputs) (void)pods.create(p).value();
    const double wall = seconds_since(t0);
    const std::size_t heap1 = heap_in_use();
    std::printf("{\"bench\":\"%s\",\"n\":%d,\"wall_s\":%.4f,\"us_per_create\":%.3f,\"bytes_per_pod\":%.0f}\n",
                distinct ? "create_pods_distinct" : "create_pods", n, wall, wall * 1e6 / n,
                static_cast<double>(heap1 - heap0) / n);
    if (distinct) return;

    // list by selector: 100 pods among n
    std::vector<double> samples;
    std::size_t got = 0;
    for (int rep = 0; rep < 51; ++rep) {
        const std::string sel = "app=app-" + std::to_string((rep * 37) % std::max(1, n / 100));
        const auto t1 = std::chrono::steady_clock::now();
        auto l = pods.list({.label_selector = sel}).value();
        samples.push_back(seconds_since(t1));
        got = l.items.size();
    }
    std::sort(samples.begin(), samples.end());
    std::printf("{\"bench\":\"list_by_selector\",\"n\":%d,\"matched\":%zu,\"median_ms\":%.4f,\"max_ms\":%.4f}\n", n, got,
                samples[samples.size() / 2] * 1e3, samples.back() * 1e3);

    // a set-based selector the label index cannot answer: a scan of n pods
    const auto t2 = std::chrono::steady_clock::now();
    auto scan = pods.list({.label_selector = "app in (app-3,app-4),pod-template-hash"}).value();
    std::printf("{\"bench\":\"list_by_set_selector_scan\",\"n\":%d,\"matched\":%zu,\"ms\":%.4f}\n", n,
                scan.items.size(), seconds_since(t2) * 1e3);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<int> sizes{1000, 10000, 150000};
    if (argc > 1) {
        sizes.clear();
        for (int i = 1; i < argc; ++i) sizes.push_back(std::stoi(argv[i]));
    }
    for (int n : sizes) {
        bench_create_and_list(n, false);
        bench_create_and_list(n, true);
    }
}
