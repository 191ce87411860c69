// The property test of the project: a Deployment behind a Service under
// seeded chaos schedules (scale, image updates, pod deletions, container
// kills, nodes stopped, started, added and removed, partitions), every
// invariant of the library after every engine step, convergence at the end.
// Then the machinery itself: a violation is caught, a failure replays to the
// same step, shrinking reduces a schedule.
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>
#include <kubesim/images/builtin/agnhost.hpp>
#include <kubesim/testing.hpp>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

using namespace std::chrono_literals;
namespace api = kubesim::api;
namespace t = kubesim::testing;

namespace {

constexpr std::string_view agnhost = "registry.k8s.io/e2e-test-images/agnhost";

api::deployment web(int replicas, int surge, int unavailable) {
    api::deployment d;
    d.metadata.name = "web";
    d.spec.replicas = replicas;
    d.spec.selector = api::label_selector{.match_labels = {{"app", "web"}}, .match_expressions = {}};
    d.spec.strategy.type = "RollingUpdate";
    d.spec.strategy.rolling_update =
        api::rolling_update_deployment{api::int_or_string::from_int(unavailable), api::int_or_string::from_int(surge)};
    d.spec.template_.metadata.labels = {{"app", "web"}};
    api::container c;
    c.name = "web";
    c.image = std::string(agnhost) + ":2.40";
    c.args = {"netexec", "--http-port=8080"};
    c.readiness_probe = api::probe{.http_get = api::http_get_action{.path = "/readyz",
                                                                    .port = api::int_or_string::from_int(8080)},
                                   .initial_delay_seconds = 1,
                                   .period_seconds = 5};
    d.spec.template_.spec.containers.push_back(c);
    d.spec.template_.spec.termination_grace_period_seconds = 1;
    return d;
}

api::service web_service() {
    api::service s;
    s.metadata.name = "web";
    s.spec.selector = {{"app", "web"}};
    api::service_port p;
    p.port = 80;
    p.target_port = api::int_or_string::from_int(8080);
    s.spec.ports.push_back(p);
    return s;
}

// The project's property: 3 nodes, a Deployment of 3 (maxSurge 1,
// maxUnavailable 1) behind a Service, two versions of agnhost.
t::property web_property() {
    t::property p;
    p.cluster.default_toleration_seconds = 30;  // evictions within the horizon
    p.setup = [](kubesim::cluster& c) {
        c.register_image(agnhost, "2.39", [] { return std::make_shared<kubesim::images::agnhost>(); });
        c.init();
        c.client<api::deployment>().create(web(3, 1, 1)).value();
        c.client<api::service>().create(web_service()).value();
    };
    p.chaos.horizon = 3min;
    p.chaos.actions = 10;
    p.chaos.images = {std::string(agnhost) + ":2.40", std::string(agnhost) + ":2.39"};
    p.chaos.max_replicas = 5;
    p.invariants = t::standard_invariants();
    p.final_checks = {t::deployments_converged()};
    p.settle = 2min;
    return p;
}

}  // namespace

TEST_SUITE("testing/property") {
    // 1,000 seeds here; a sweep of more sets KUBESIM_PROPERTY_FIRST and
    // KUBESIM_PROPERTY_SEEDS, and an Indexed Job shards it
    // (examples/property-sweep-job.yaml, docs/testing.md).
    TEST_CASE("a Deployment behind a Service keeps every invariant under chaos schedules (seed sweep)") {
        auto env = [](const char* name, std::uint64_t fallback) {
            const char* v = std::getenv(name);
            return v ? std::strtoull(v, nullptr, 10) : fallback;
        };
        const auto prop = web_property();
        std::uint64_t steps = 0, checks = 0, actions = 0, skipped = 0;
        const auto range = t::for_each_seed(env("KUBESIM_PROPERTY_FIRST", 1), env("KUBESIM_PROPERTY_SEEDS", 1000),
                                            [&](std::uint64_t seed) {
            auto r = t::run(prop, seed);
            if (!r) FAIL(r.failed->report());
            steps += r.steps;
            checks += r.checks;
            for (const auto& a : r.actions) (a.skipped ? skipped : actions)++;
        });
        MESSAGE("seeds " << range.first << "-" << range.first + range.count - 1 << ": steps " << steps << ", checks "
                         << checks << ", actions " << actions << " (+" << skipped << " skipped)");
        CHECK(actions >= 5 * range.count);  // the schedules did act
    }

    TEST_CASE("a controller that deletes available pods is caught, replayed to the same step, and reported") {
        auto prop = web_property();
        prop.chaos.actions = 0;
        auto setup = prop.setup;
        // A rogue "controller": at 150 s, once everything is available and no
        // fault happened, it deletes two of the three pods.
        prop.setup = [setup](kubesim::cluster& c) {
            setup(c);
            c.engine().schedule_after(150s, [&c] {
                auto pods = c.client<api::pod>().list().value().items;
                for (std::size_t i = 0; i < 2 && i < pods.size(); ++i) (void)c.client<api::pod>().remove(pods[i].metadata.name);
            });
        };
        auto r = t::run(prop, 5);
        REQUIRE(!r);
        const auto& f = *r.failed;
        CHECK(f.invariant == "deployment-availability");
        CHECK(f.message.find("deployment default/web has 1 available pods") == 0);
        CHECK(f.seed == 5);
        CHECK(f.step > 0);
        CHECK(!f.trace.empty());
        const std::string report = f.report();
        CHECK(report.find("property failed: seed 5, step " + std::to_string(f.step)) == 0);
        CHECK(report.find("invariant deployment-availability: ") != std::string::npos);

        bool stopped = false;
        auto again = t::replay(prop, f, [&](kubesim::cluster& c) {
            stopped = true;
            CHECK(c.now() == f.time);
        });
        CHECK(stopped);
        REQUIRE(!again);
        CHECK(again.failed->step == f.step);
        CHECK(again.failed->message == f.message);
        CHECK(again.failed->trace == f.trace);
        CHECK(again.failed->trace_hash == f.trace_hash);
    }

    TEST_CASE("a custom invariant: caught, and its schedule shrunk to the action that breaks it") {
        auto prop = web_property();
        prop.chaos.actions = 20;
        prop.chaos.max_replicas = 6;
        // "At most 5 replicas": a scale to 6 breaks it.
        prop.invariants.push_back(t::make_invariant("at-most-5-replicas", [](const t::check_context& ctx) -> std::optional<std::string> {
            if (!ctx.changed) return std::nullopt;
            auto d = ctx.cluster.client<api::deployment>().get_shared("web");
            if (d && (*d)->spec.replicas.value_or(1) > 5) return "web wants " + std::to_string(*(*d)->spec.replicas);
            return std::nullopt;
        }));
        std::optional<t::failure> found;
        for (std::uint64_t seed = 1; seed <= 50 && !found; ++seed) {
            auto r = t::run(prop, seed);
            if (!r && r.failed->invariant == "at-most-5-replicas" && r.failed->actions.size() >= 3) found = r.failed;
        }
        REQUIRE(found);
        auto small = t::shrink(prop, *found);
        INFO(found->report());
        INFO(small.report());
        CHECK(small.invariant == "at-most-5-replicas");
        REQUIRE(small.actions.size() == 1);
        CHECK(small.actions[0].kind == t::action_kind::scale);
        CHECK(small.actions[0].replicas == 6);
        CHECK(small.actions[0].at == 0s);  // moved as early as it goes
        // The shrunk schedule replays from its printed form.
        auto again = t::run(prop, small.seed, t::parse_schedule(t::to_string(small.actions)));
        REQUIRE(!again);
        CHECK(again.failed->step == small.step);
    }
}
