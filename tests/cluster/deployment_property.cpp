// Property test of the Deployment and ReplicaSet controllers on a whole
// cluster: seeded random sequences of scale / template update / pod kill /
// pause / resume against one RollingUpdate Deployment. After every engine step:
//  - surge: once the controller has observed the Deployment's generation, the
//    ReplicaSets' spec.replicas add up to at most replicas + maxSurge;
//  - unavailability: when a ReplicaSet is scaled down outside a scaling event,
//    the available pods it gives up never take the Deployment below
//    replicas - maxUnavailable (as the ReplicaSet statuses showed the step
//    before). Two windows are exempt, because there upstream's controller acts
//    on ReplicaSet statuses that still count pods about to go: 2 s after a pod
//    kill (maxUnavailable is no guarantee against disruptions), and 2 s after
//    a scaling event (the ReplicaSet controller has not yet removed the pods
//    a proportional scale-down made surplus, and upstream's rolling code
//    counts them as available).
// After the sequence the Deployment is resumed and must converge: rollout
// complete, one ReplicaSet with every replica, all available.
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;

namespace {

struct rs_view {
    std::int32_t spec{0};
    std::int32_t available{0};
    std::string desired_annotation;
};

std::map<std::string, rs_view> snapshot(kubesim::cluster& c) {
    std::map<std::string, rs_view> out;
    for (const auto& rs : c.client<api::replica_set>().list().value().items) {
        auto it = rs.metadata.annotations.find("deployment.kubernetes.io/desired-replicas");
        out[rs.metadata.name] = rs_view{rs.spec.replicas.value_or(1), rs.status.available_replicas,
                                        it == rs.metadata.annotations.end() ? std::string() : it->second};
    }
    return out;
}

api::deployment make_deployment(int replicas, int surge, int unavailable) {
    api::deployment d;
    d.metadata.name = "web";
    d.spec.replicas = replicas;
    d.spec.selector = api::label_selector{.match_labels = {{"app", "web"}}, .match_expressions = {}};
    d.spec.strategy.type = "RollingUpdate";
    d.spec.strategy.rolling_update = api::rolling_update_deployment{api::int_or_string::from_int(unavailable),
                                                                    api::int_or_string::from_int(surge)};
    d.spec.template_.metadata.labels = {{"app", "web"}};
    d.spec.template_.metadata.annotations = {{"revision", "0"}};
    api::container c;
    c.name = "web";
    c.image = "registry.k8s.io/e2e-test-images/agnhost:2.40";
    c.args = {"netexec", "--http-port=8080"};
    c.readiness_probe = api::probe{.http_get = api::http_get_action{.path = "/readyz", .port = api::int_or_string::from_int(8080)},
                                   .initial_delay_seconds = 2,
                                   .period_seconds = 1};
    d.spec.template_.spec.containers.push_back(c);
    d.spec.template_.spec.termination_grace_period_seconds = 1;
    return d;
}

struct run_result {
    int steps{0};
    int surge_checks{0};
    int unavailable_checks{0};
};

run_result run_sequence(std::uint64_t seed, int ops) {
    kubesim::cluster_options opts;
    opts.seed = seed;
    kubesim::cluster c(opts);
    c.init();
    kubesim::sim::random rng(seed ^ 0x9e3779b97f4a7c15ULL);
    const int surge = static_cast<int>(rng.between(0, 2));
    const int unavailable = surge == 0 ? 1 : static_cast<int>(rng.between(0, 2));
    auto deployments = c.client<api::deployment>();
    deployments.create(make_deployment(static_cast<int>(rng.between(1, 6)), surge, unavailable)).value();

    run_result res;
    auto prev = snapshot(c);
    kubesim::sim::time_point last_kill{};
    bool killed = false;
    kubesim::sim::time_point last_scale{};
    bool scaled = false;
    auto check_step = [&] {
        ++res.steps;
        auto d = deployments.get_shared("web").value();
        auto now = snapshot(c);
        const std::int32_t replicas = d->spec.replicas.value_or(1);
        if (d->status.observed_generation == d->metadata.generation) {
            std::int32_t total = 0;
            for (const auto& [name, v] : now) total += v.spec;
            ++res.surge_checks;
            INFO("seed " << seed << " at " << kubesim::sim::format_offset(c.now()));
            REQUIRE(total <= replicas + surge);
        }
        for (const auto& [name, v] : now) {
            auto p = prev.find(name);
            if (p != prev.end() && p->second.desired_annotation != v.desired_annotation) {
                last_scale = c.now();
                scaled = true;
            }
        }
        const bool after_kill = (killed && c.now() - last_kill < 2s) || (scaled && c.now() - last_scale < 2s);
        std::int32_t prev_available = 0;
        for (const auto& [name, v] : prev) prev_available += v.available;
        for (const auto& [name, v] : now) {
            auto p = prev.find(name);
            if (p == prev.end() || v.spec >= p->second.spec) continue;
            if (after_kill) continue;  // see the exempt windows above
            const std::int32_t given_up = std::max(0, p->second.available - v.spec);
            if (given_up == 0) continue;
            ++res.unavailable_checks;
            const std::string rs_name = name;  // clang cannot capture a structured binding (INFO's lambda)
            INFO("seed " << seed << " rs " << rs_name << " at " << kubesim::sim::format_offset(c.now()));
            REQUIRE(prev_available - given_up >= replicas - unavailable);
        }
        prev = std::move(now);
    };
    auto run_steps = [&](kubesim::sim::duration d) {
        const auto until = c.now() + d;
        while (c.step()) {
            check_step();
            if (c.now() >= until) break;
        }
    };

    run_steps(20s);
    int revision = 0;
    bool paused = false;
    for (int i = 0; i < ops; ++i) {
        auto d = deployments.get("web").value();
        switch (rng.between(0, 4)) {
            case 0:  // scale
                d.spec.replicas = static_cast<int>(rng.between(0, 7));
                deployments.update(d).value();
                break;
            case 1:  // a new template
                d.spec.template_.metadata.annotations["revision"] = std::to_string(++revision);
                deployments.update(d).value();
                break;
            case 2: {  // kill a pod
                auto pods = c.client<api::pod>().list().value().items;
                if (pods.empty()) break;
                const auto& victim = rng.choice(pods);
                kubesim::delete_options opt;
                opt.grace_period_seconds = 0;
                (void)c.client<api::pod>().remove(victim.metadata.name, opt);
                last_kill = c.now();
                killed = true;
                break;
            }
            case 3:  // pause / resume
                paused = !paused;
                d.spec.paused = paused;
                deployments.update(d).value();
                break;
            default:
                break;
        }
        run_steps(kubesim::sim::duration(std::chrono::milliseconds(rng.between(0, 15000))));
    }
    auto d = deployments.get("web").value();
    d.spec.paused = false;
    deployments.update(d).value();
    run_steps(10min);

    d = deployments.get("web").value();
    INFO("seed " << seed);
    const std::int32_t replicas = d.spec.replicas.value_or(1);
    CHECK(d.status.observed_generation == d.metadata.generation);
    bool complete = false;
    for (const auto& cond : d.status.conditions)
        if (cond.type == "Progressing" && cond.reason == "NewReplicaSetAvailable") complete = true;
    CHECK(complete);
    CHECK(d.status.replicas == replicas);
    CHECK(d.status.updated_replicas == replicas);
    CHECK(d.status.available_replicas == replicas);
    CHECK(d.status.unavailable_replicas == 0);
    int with_replicas = 0;
    for (const auto& rs : c.client<api::replica_set>().list().value().items)
        if (rs.spec.replicas.value_or(1) > 0) ++with_replicas;
    CHECK(with_replicas == (replicas > 0 ? 1 : 0));
    int pods = 0;
    for (const auto& p : c.client<api::pod>().list().value().items)
        if (!p.metadata.deletion_timestamp) ++pods;
    CHECK(pods == replicas);
    return res;
}

// 64 seeded sequences, in two test cases of 32 so that the test runner can run
// them side by side (tests/meson.build).
void check_seeds(std::uint64_t first, std::uint64_t last) {
    int steps = 0, surge_checks = 0, unavailable_checks = 0;
    for (std::uint64_t seed = first; seed <= last; ++seed) {
        auto r = run_sequence(seed, 15);
        steps += r.steps;
        surge_checks += r.surge_checks;
        unavailable_checks += r.unavailable_checks;
    }
    MESSAGE("steps " << steps << ", surge checks " << surge_checks << ", unavailability checks " << unavailable_checks);
    // The checks must actually have run: a property nobody evaluated proves nothing.
    CHECK(surge_checks > 500);
    CHECK(unavailable_checks > 10);
}

}  // namespace

TEST_SUITE("cluster/deployment-property") {
    TEST_CASE("rolling updates never exceed maxSurge or maxUnavailable and always converge (seeds 1-32)") {
        check_seeds(1, 32);
    }
    TEST_CASE("rolling updates never exceed maxSurge or maxUnavailable and always converge (seeds 33-64)") {
        check_seeds(33, 64);
    }
}
