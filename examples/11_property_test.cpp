// A property test of a controller (docs/testing.md). The controller is a
// "rollout accelerator": every 5 s, when a Deployment's pods run two images, it
// deletes the pods that do not run the template's image, so that the rollout
// ends sooner. The property test (3 nodes, a Deployment of 3 with maxSurge 1
// and maxUnavailable 1 behind a Service, chaos schedules, the library's
// invariants) finds what that costs: the accelerator takes pods down that the
// Deployment controller keeps up on purpose. The example prints the first
// failing seed's report, shrinks the schedule to the action that matters,
// replays it to the failing step and looks at the cluster there; then runs the
// same property without the accelerator over 100 seeds.
#include "common.hpp"

#include <kubesim/images/builtin/agnhost.hpp>
#include <kubesim/testing.hpp>

#include <memory>

using namespace std::chrono_literals;
namespace api = kubesim::api;
namespace t = kubesim::testing;

namespace {

constexpr std::string_view manifests = R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 1
  template:
    metadata:
      labels:
        app: web
    spec:
      terminationGracePeriodSeconds: 1
      containers:
      - name: web
        image: registry.k8s.io/e2e-test-images/agnhost:2.40
        args: ["netexec", "--http-port=8080"]
        readinessProbe:
          httpGet: {path: /readyz, port: 8080}
          initialDelaySeconds: 1
          periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
)";

// The controller under test: a timer on the cluster's engine, writing through
// the cluster's client as any controller does.
void start_accelerator(kubesim::cluster& c) {
    auto tick = std::make_shared<std::function<void()>>();
    *tick = [&c, weak = std::weak_ptr<std::function<void()>>(tick)] {
        auto d = c.client<api::deployment>().get("web");
        if (d && !d->spec.template_.spec.containers.empty()) {
            const std::string& want = d->spec.template_.spec.containers[0].image;
            auto pods = c.client<api::pod>().list().value().items;
            bool mixed = false;
            for (const auto& p : pods)
                if (!p.metadata.deletion_timestamp && p.spec.containers[0].image == want) mixed = true;
            for (const auto& p : pods)
                if (mixed && !p.metadata.deletion_timestamp && p.spec.containers[0].image != want)
                    (void)c.client<api::pod>().remove(p.metadata.name);
        }
        if (auto self = weak.lock()) c.engine().schedule_after(5s, [self] { (*self)(); });
    };
    c.engine().schedule_after(5s, [tick] { (*tick)(); });
}

t::property web_property(bool accelerator) {
    t::property p;
    p.cluster.default_toleration_seconds = 30;
    p.setup = [accelerator](kubesim::cluster& c) {
        c.register_image("registry.k8s.io/e2e-test-images/agnhost", "2.39",
                         [] { return std::make_shared<kubesim::images::agnhost>(); });
        c.init();
        c.apply_yaml(manifests);
        if (accelerator) start_accelerator(c);
    };
    p.chaos.horizon = 6min;
    p.chaos.actions = 10;
    p.chaos.images = {"registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.39"};
    p.chaos.max_replicas = 5;
    p.invariants = t::standard_invariants();
    p.final_checks = {t::deployments_converged()};
    p.settle = 2min;
    p.trace_lines = 6;
    return p;
}

}  // namespace

int main() {
    const auto buggy = web_property(true);
    std::optional<t::failure> found;
    std::uint64_t seed = 1;
    for (; seed <= 100 && !found; ++seed) {
        auto r = t::run(buggy, seed);
        if (!r) found = r.failed;
    }
    if (!found) {
        std::cout << "no failure in 100 seeds\n";
        return 1;
    }
    std::cout << "== with the accelerator: seed " << found->seed << " fails\n" << found->report();

    const auto small = t::shrink(buggy, *found);
    std::cout << "\n== shrunk from " << found->actions.size() << " actions to " << small.actions.size() << "\n"
              << small.report();

    std::cout << "\n== replayed to step " << small.step << "\n";
    auto again = t::replay(buggy, small, [](kubesim::cluster& c) {
        std::cout << examples::stamp(c) << "$ kubectl get pods\n" << c.kubectl("get pods").out;
    });
    std::cout << "replay fails " << again.failed->invariant << " at step " << again.failed->step << "\n";

    const auto fixed = web_property(false);
    int passed = 0;
    for (std::uint64_t s = 1; s <= 100; ++s) passed += t::run(fixed, s) ? 1 : 0;
    std::cout << "\n== without the accelerator: " << passed << " of 100 seeds keep every invariant\n";
}
