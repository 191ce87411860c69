// Pod status as the kubelet computes it, as pure functions of the container
// statuses. Models kubernetes pkg/kubelet/kubelet_pods.go (getPhase,
// generateAPIPodStatus) and pkg/kubelet/status/generate.go (GeneratePodReadyCondition,
// GenerateContainersReadyCondition, GeneratePodInitializedCondition,
// GeneratePodReadyToStartContainersCondition), and util/flowcontrol/backoff.go
// for the crash-loop back-off.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api {
struct container_status;
struct pod;
struct pod_condition;
struct pod_spec;
}  // namespace kubesim::api

namespace kubesim::kubelet {

inline constexpr std::string_view containers_not_ready = "ContainersNotReady";
inline constexpr std::string_view containers_not_initialized = "ContainersNotInitialized";
inline constexpr std::string_view pod_completed = "PodCompleted";

// "[a b]": how Go prints a []string in condition messages.
[[nodiscard]] KUBESIM_DECL std::string go_list(const std::vector<std::string>& names);

// getPhase. init_done: every init container completed. pod_terminal: the kubelet
// decided the pod is finished (deleted and stopped, or deadline exceeded).
[[nodiscard]] KUBESIM_DECL std::string get_phase(const api::pod_spec& spec, const std::vector<api::container_status>& init,
                                                 const std::vector<api::container_status>& statuses, bool pod_terminal);

// Sets (or keeps) a condition: lastTransitionTime moves only when the status
// does, as the status manager does.
KUBESIM_DECL void set_condition(std::vector<api::pod_condition>& conds, api::pod_condition c, sim::time_point now);

// The condition order upstream writes: PodReadyToStartContainers, Initialized,
// Ready, ContainersReady, PodScheduled (kept from the scheduler).
KUBESIM_DECL void order_conditions(std::vector<api::pod_condition>& conds);

// The four kubelet-owned conditions for the given container statuses.
// sandbox_ready: the pod has its sandbox (network) now.
KUBESIM_DECL void generate_conditions(const api::pod& pod, const std::vector<api::container_status>& init,
                                      const std::vector<api::container_status>& statuses, bool sandbox_ready,
                                      const std::string& phase, std::vector<api::pod_condition>& conds, sim::time_point now);

// util/flowcontrol.Backoff for one key: the crash-loop and image-pull back-off.
// next() after an event at t: the first time (or after 2*max of quiet) the
// back-off is `initial` and no wait is imposed; then it doubles up to max.
struct backoff {
    sim::duration initial{std::chrono::seconds(10)};
    sim::duration max{std::chrono::seconds(300)};
    std::optional<sim::duration> current{};
    sim::time_point last_update{};

    // Whether an event at t is still inside the back-off window at now.
    [[nodiscard]] KUBESIM_DECL bool in_backoff_since(sim::time_point t, sim::time_point now) const;
    KUBESIM_DECL void next(sim::time_point t);
    // How long from t the window lasts (0 when not in back-off).
    [[nodiscard]] KUBESIM_DECL sim::duration remaining(sim::time_point t, sim::time_point now) const;
    void reset() { current.reset(); }

private:
    [[nodiscard]] bool expired(sim::time_point t) const { return t - last_update > 2 * max; }
};

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/status.ipp>
#endif
