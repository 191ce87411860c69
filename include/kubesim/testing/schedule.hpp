// Chaos schedules: timed actions drawn from a seed (faults and user
// operations) that a property test plays against a cluster.
//
// Drawing decides the kind of each action, its time and its parameters
// (replicas, image) and a raw number, `pick`. Which pod, node or Deployment an
// action hits is decided when it runs, against the cluster as it is then
// (start_node starts a stopped node, kill_container hits a running
// container), and recorded in the action (`target`, `peer`), so the executed
// schedule replays exactly. An action whose recorded target is still valid
// when it runs again hits that target; otherwise `pick` chooses again, and an
// action with nothing to act on is recorded as skipped.
//
// Each action prints as one line that reads as what it does and is C++ a test
// can run against a cluster `c`:
//   "12.500000s c.kubectl(\"scale deployment/web --replicas=4\");"
//   "31.000000s c.stop_node(\"node-2\");"
//   "45.250000s c.partition({\"node-1\"}, {\"control-plane\"});"
// parse_schedule reads those lines back.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/random.hpp>

namespace kubesim {
class cluster;
}  // namespace kubesim

namespace kubesim::testing {

enum class action_kind : std::uint8_t {
    scale,            // a Deployment's spec.replicas = replicas (kubectl scale)
    set_image,        // every container of a Deployment's template runs `image` (kubectl set image)
    delete_pod,       // a pod is deleted with its grace period (kubectl delete pod --wait=false)
    kill_container,   // a running container's process is killed (SIGKILL)
    stop_node,        // a running machine fails
    start_node,       // a stopped machine comes back
    add_node,         // a node joins (named by the cluster: node-(N+1))
    remove_node,      // a node leaves (its Node object is deleted)
    partition_nodes,  // traffic between two nodes is dropped
    partition_control_plane,  // a node is cut from the control plane
    heal,             // every partition is undone
};
inline constexpr int action_kinds = 11;

[[nodiscard]] KUBESIM_DECL std::string_view to_string(action_kind k);

struct action {
    sim::duration at{};  // after the start of the schedule
    action_kind kind{action_kind::heal};
    std::uint64_t pick{0};      // chooses the target among the candidates when the action runs
    std::int32_t replicas{0};   // scale
    std::string image{};        // set_image
    // What the action hit, filled when it runs: the Deployment, pod or node
    // (partition_nodes: the first node, peer the second).
    std::string namespace_{};  // the pod's or Deployment's
    std::string target{};
    std::string peer{};
    bool skipped{false};  // nothing to act on when it ran (recorded, so a replay skips it too)
    bool operator==(const action&) const = default;
};

using schedule = std::vector<action>;

// Relative chances of the kinds of action (0: never drawn).
struct action_weights {
    int scale = 3;
    int set_image = 2;
    int delete_pod = 2;
    int kill_container = 2;
    int stop_node = 1;
    int start_node = 1;
    int add_node = 1;
    int remove_node = 1;
    int partition_nodes = 1;
    int partition_control_plane = 1;
    int heal = 2;
    [[nodiscard]] KUBESIM_DECL int of(action_kind k) const;
};

struct chaos_options {
    sim::duration horizon = std::chrono::minutes(3);  // actions fall in [0, horizon)
    int actions = 12;                                   // how many are drawn
    action_weights weights{};
    std::string namespace_ = "default";  // where pods and Deployments are acted on
    // The Deployments scale and set_image act on; empty: every Deployment of the namespace.
    std::vector<std::string> deployments{};
    std::int32_t min_replicas = 0, max_replicas = 6;  // scale draws in [min, max]
    // The images set_image chooses from ("name:version", registered with the
    // cluster or built in). Empty: set_image is never drawn.
    std::vector<std::string> images{};
    int min_nodes = 1;          // remove_node keeps at least this many nodes
    int max_nodes = 6;          // add_node stops at this many
    int min_running_nodes = 1;  // stop_node keeps at least this many running
};

// The schedule a seed stands for: `actions` actions at times drawn in
// [0, horizon) (whole milliseconds), sorted by time, from the stream
// rng.fork("chaos").
[[nodiscard]] KUBESIM_DECL schedule draw_schedule(std::uint64_t seed, const chaos_options& opts);

// Runs one action against the cluster now, resolving and recording its target
// (see above). Returns false when it was skipped.
KUBESIM_DECL bool execute(cluster& c, action& a, const chaos_options& opts);

// One line per action, as described above; a skipped action is a comment:
// "3.000000s // start_node: skipped (no stopped node)".
[[nodiscard]] KUBESIM_DECL std::string to_string(const action& a);
[[nodiscard]] KUBESIM_DECL std::string to_string(const schedule& s);  // one line each, '\n' after each

// Reads what to_string(schedule) wrote (blank lines and lines starting with
// "#" ignored). Throws usage_error [kubesim.testing.schedule] naming the line
// it cannot read.
[[nodiscard]] KUBESIM_DECL schedule parse_schedule(std::string_view text);

}  // namespace kubesim::testing

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/testing/schedule.ipp>
#endif
