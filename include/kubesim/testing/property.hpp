// Property tests of controller logic: many seeded runs of a cluster under a
// chaos schedule, invariants checked after every engine step, a failing run
// reported with what replays it, and shrinking to a small failing schedule.
//
//   kubesim::testing::property prop;
//   prop.setup = [](kubesim::cluster& c) { c.init(); c.apply(manifests); };
//   prop.chaos.images = {"registry.k8s.io/e2e-test-images/agnhost:2.40"};
//   prop.invariants = kubesim::testing::standard_invariants();
//   for (std::uint64_t seed = 1; seed <= 1000; ++seed) {
//       auto r = kubesim::testing::run(prop, seed);
//       if (!r) { std::cerr << r.failed->report(); break; }
//   }
//
// A run: a cluster with cluster_options (seed = the run's), setup, then the
// schedule (drawn from the seed, or given), its actions at their times among
// the engine's events; after every engine step and every action the
// invariants are checked. At chaos.horizon every partition is healed and
// every stopped node started, and the cluster runs `settle` more (still
// checked); then the final checks run once. The first invariant that fails
// ends the run.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/testing/invariants.hpp>
#include <kubesim/testing/schedule.hpp>

namespace kubesim::testing {

struct property {
    cluster_options cluster{};                          // seed is set per run
    std::function<void(kubesim::cluster&)> setup{};     // register images, init(), apply the workload
    chaos_options chaos{};
    std::vector<invariant> invariants{};                 // after every step
    std::vector<invariant> final_checks{};              // once, at the end
    sim::duration settle = std::chrono::minutes(5);     // after the horizon, faults ended
    std::size_t trace_lines = 40;                       // trace lines a failure report keeps
};

struct failure {
    std::uint64_t seed{0};
    std::uint64_t step{0};      // engine steps since the schedule started (0: after setup or an action)
    sim::time_point time{};     // the virtual time
    std::string invariant{};    // its name
    std::string message{};
    schedule actions{};         // as executed up to the failure (targets recorded)
    std::vector<std::string> trace{};  // the last trace lines up to the failure (from a replay with the trace on)
    std::uint64_t trace_hash{0};       // sim::trace::hash() of that replay
    // Everything above, printable: what a developer needs to replay it.
    [[nodiscard]] KUBESIM_DECL std::string report() const;
};

struct run_result {
    std::uint64_t seed{0};
    std::uint64_t steps{0};    // engine steps run after setup
    std::uint64_t checks{0};   // invariant checks that did work (the store had changed) or not
    schedule actions{};        // as executed
    std::optional<failure> failed{};
    explicit operator bool() const noexcept { return !failed; }
};

struct run_options {
    // Stop after this many engine steps (replay: the failing step), calling on_stop.
    std::optional<std::uint64_t> stop_at_step{};
    std::function<void(kubesim::cluster&)> on_stop{};
    bool trace{false};         // keep the trace tail (a failure's replay does)
    bool replay_failure{true}; // on a failure, replay it with the trace on to fill failure::trace
};

// One run of the seed with the schedule the seed draws.
[[nodiscard]] KUBESIM_DECL run_result run(const property& p, std::uint64_t seed, const run_options& opts = {});
// One run of the seed with the given schedule (the actions' recorded targets are kept when valid).
[[nodiscard]] KUBESIM_DECL run_result run(const property& p, std::uint64_t seed, const schedule& s,
                                          const run_options& opts = {});

// Runs the failure's seed and schedule again and stops right after its
// failing step, calling on_stop with the cluster in that state (inspect it,
// kubectl it). The result's failure is the same invariant at the same step.
KUBESIM_DECL run_result replay(const property& p, const failure& f,
                               std::function<void(kubesim::cluster&)> on_stop = {});

struct shrink_options {
    int max_runs = 500;  // re-runs of the simulation at most
};

// A smaller schedule that still fails the same invariant (delta debugging:
// drop halves, then smaller chunks, then single actions; then move each
// action earlier, to its predecessor's time or half its own). Each
// candidate is a whole deterministic re-run. Returns the failure of the
// smallest schedule found (the given one when nothing smaller fails).
[[nodiscard]] KUBESIM_DECL failure shrink(const property& p, const failure& f, shrink_options opts = {});

}  // namespace kubesim::testing

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/testing/property.ipp>
#endif
