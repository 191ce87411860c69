// Property-test throughput (JSON lines on stdout), from an optimised build:
//   ./build-release/benchmarks/property_bench [seeds=10000] [first=1]
// The property of tests/testing/property.cpp: 3 nodes, a Deployment of 3
// agnhost replicas (maxSurge 1, maxUnavailable 1) behind a Service; each seed
// a chaos schedule of 10 actions over 3 minutes of virtual time, then 2
// minutes to settle; every invariant of the library after every engine step
// and the convergence check at the end.
//  - property: seeds per second with every invariant;
//  - property_bare: the same seeds without invariants (what the checks cost is
//    the difference), over a tenth of the seeds.
// Wall time is read here, in the benchmark, never in the library.
#include <kubesim/kubesim.hpp>
#include <kubesim/images/builtin/agnhost.hpp>
#include <kubesim/testing.hpp>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

using namespace std::chrono_literals;
namespace t = kubesim::testing;
using wall = std::chrono::steady_clock;

namespace {

constexpr const char* manifests = R"([
  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
   "spec": {"replicas": 3, "selector": {"matchLabels": {"app": "web"}},
            "strategy": {"rollingUpdate": {"maxSurge": 1, "maxUnavailable": 1}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"terminationGracePeriodSeconds": 1,
                                  "containers": [{"name": "web", "image": "registry.k8s.io/e2e-test-images/agnhost:2.40",
                                                  "args": ["netexec", "--http-port=8080"],
                                                  "readinessProbe": {"httpGet": {"path": "/readyz", "port": 8080},
                                                                     "initialDelaySeconds": 1, "periodSeconds": 5}}]}}}},
  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
   "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 8080}]}}])";

t::property web_property(bool invariants) {
    t::property p;
    p.cluster.default_toleration_seconds = 30;
    p.setup = [](kubesim::cluster& c) {
        c.register_image("registry.k8s.io/e2e-test-images/agnhost", "2.39",
                         [] { return std::make_shared<kubesim::images::agnhost>(); });
        c.init();
        c.apply(manifests);
    };
    p.chaos.horizon = 3min;
    p.chaos.actions = 10;
    p.chaos.images = {"registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.39"};
    p.chaos.max_replicas = 5;
    if (invariants) {
        p.invariants = t::standard_invariants();
        p.final_checks = {t::deployments_converged()};
    }
    p.settle = 2min;
    return p;
}

void sweep(const char* name, bool invariants, std::uint64_t first, std::uint64_t seeds) {
    const auto prop = web_property(invariants);
    std::uint64_t steps = 0, checks = 0, actions = 0, failures = 0;
    const auto t0 = wall::now();
    for (std::uint64_t seed = first; seed < first + seeds; ++seed) {
        auto r = t::run(prop, seed);
        steps += r.steps;
        checks += r.checks;
        actions += r.actions.size();
        if (!r) {
            ++failures;
            std::fprintf(stderr, "%s", r.failed->report().c_str());
        }
    }
    const double s = std::chrono::duration<double>(wall::now() - t0).count();
    std::printf("{\"bench\":\"%s\",\"seeds\":%llu,\"seconds\":%.3f,\"seeds_per_s\":%.1f,\"us_per_step\":%.3f,"
                "\"steps\":%llu,\"checks\":%llu,\"actions\":%llu,\"failures\":%llu}\n",
                name, static_cast<unsigned long long>(seeds), s, static_cast<double>(seeds) / s,
                s * 1e6 / static_cast<double>(steps ? steps : 1), static_cast<unsigned long long>(steps),
                static_cast<unsigned long long>(checks), static_cast<unsigned long long>(actions),
                static_cast<unsigned long long>(failures));
    std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
    const std::uint64_t seeds = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 10000;
    const std::uint64_t first = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 1;
    sweep("property", true, first, seeds);
    sweep("property_bare", false, first, seeds / 10 ? seeds / 10 : 1);
}
