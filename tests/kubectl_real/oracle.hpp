// The kubectl oracle: scenarios whose command lines run both through the
// machine's real kubectl (against api_server, speed 0) and through
// cluster.kubectl on a twin cluster built the same way; stdout, stderr and the
// exit code must be identical. The scenarios live in oracle_*.cpp.
#pragma once

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace oracle {

using namespace std::chrono_literals;
using kubesim::sim::duration;

struct step {
    std::string cmd;    // `kubectl <cmd>` on both (empty: only the action)
    std::string input;  // stdin
    // Commands that wait on the cluster (rollout status, wait, delete, get -w):
    // the time since boot both clusters are at afterwards. Real kubectl sees
    // the served clock move in steps of `tick` once its watch is open;
    // cluster.kubectl runs its own clock.
    duration until{};
    duration tick = 1s;
    // Run on both clusters after the command (or alone).
    std::function<void(kubesim::cluster&)> action{};
    std::string known{};  // non-empty: a known difference, and why (does not fail the run)
};

struct scenario {
    std::string name;
    // Builds the state (run on both clusters after init). Times are since boot:
    // use run_to(c, d).
    std::function<void(kubesim::cluster&)> setup;
    // The time since boot the setup leaves the clock at: the clusters boot that
    // long before the wall clock's now, so that ages kubectl computes itself
    // (describe's Events, kubectl events) read the same as the simulated ones.
    duration setup_end{};
    std::map<std::string, std::string> files{};  // written to the working directory (both kubectls run there)
    std::vector<step> steps{};
    kubesim::cluster_options options{};
};

// Runs the cluster's clock to `d` after its boot.
void run_to(kubesim::cluster& c, duration d);

// A command step.
inline step cmd(std::string line, std::string input = {}) {
    step s;
    s.cmd = std::move(line);
    s.input = std::move(input);
    return s;
}
// A command that waits: both clusters end at `until` since boot.
inline step waiting(std::string line, duration until, duration tick = 1s) {
    step s;
    s.cmd = std::move(line);
    s.until = until;
    s.tick = tick;
    return s;
}
// An action on both clusters.
inline step act(std::function<void(kubesim::cluster&)> fn) {
    step s;
    s.action = std::move(fn);
    return s;
}
inline step known(step s, std::string why) {
    s.known = std::move(why);
    return s;
}

// The scenario files (one per command family).
void add_get_scenarios(std::vector<scenario>& out);
void add_describe_scenarios(std::vector<scenario>& out);
void add_write_scenarios(std::vector<scenario>& out);
void add_ops_scenarios(std::vector<scenario>& out);
void add_nodes_scenarios(std::vector<scenario>& out);

// The state most scenarios start from (oracle.cpp): Deployment web (2 replicas
// of http-echo) behind Service web, pods talker and crasher (crash-looping),
// a ConfigMap, a Secret, namespace team-a with a pod; clock at 20m.
void core_setup(kubesim::cluster& c);
inline constexpr duration core_setup_end = 20min;

}  // namespace oracle
