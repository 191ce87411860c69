// kubesim::kubelet::kubelet: one per node. Models kubernetes pkg/kubelet:
// pod_workers.go (one worker per pod), kuberuntime/kuberuntime_manager.go and
// kuberuntime_container.go (sandbox, image pull, create/start/kill, the events
// and their texts), images/image_manager.go (pull policy, back-off),
// prober/worker.go + prober_manager.go (startup, readiness, liveness),
// status/status_manager.go (status through the status subresource; deleting a
// terminated pod with grace 0), active_deadline.go and nodestatus/setters.go.
//
// A pod's life here, on the virtual clock:
//   bound (watch of spec.nodeName=<node>) -> sandbox (pod IP from the node's
//   podCIDR, PodReadyToStartContainers) -> init containers one by one -> every
//   container: image (Pulling/Pulled, or ErrImagePull/ImagePullBackOff) ->
//   Created -> Started -> postStart -> probes -> exit -> restart per
//   restartPolicy with the crash-loop back-off (0 s, then 10 s doubling to
//   300 s, forgotten after 10 minutes without a crash).
//   Deletion: preStop, SIGTERM, SIGKILL when the grace period ends, the terminal
//   status, then the kubelet deletes the pod object (grace 0, UID precondition).
//
// Simplifications, documented in docs/kubelet.md: restarts happen exactly when
// the back-off window ends (upstream waits for the next pod sync, up to ~10 s
// later); probes start at startedAt + initialDelaySeconds then tick every
// periodSeconds, without jitter; resourceFieldRef env is not resolved.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>
#include <kubesim/kubelet/env.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/sim/task.hpp>
#include <kubesim/sim/task_group.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/service_allocator.hpp>

namespace kubesim::images {
struct container_instance;
struct image_info;
class registry;
}  // namespace kubesim::images

namespace kubesim::net {
class network;
}  // namespace kubesim::net

namespace kubesim::store {
class object_store;
}  // namespace kubesim::store

namespace kubesim::kubelet {

struct probe_target;

struct kubelet_options {
    sim::duration image_pull{std::chrono::milliseconds(500)};  // time to pull an image not on the node
    sim::duration node_status_report{std::chrono::minutes(5)};  // nodeStatusReportFrequency
    sim::duration error_resync{std::chrono::seconds(10)};       // pod worker back-off after a sync error
    sim::duration pull_error_resync{std::chrono::seconds(1)};   // next sync after ErrImagePull (shows ImagePullBackOff)
    std::string kubernetes_version{"v1.33.0"};
};

using sim::go_duration;

class kubelet {
public:
    using dns_for_pod_fn = std::function<net::dns_settings(const api::pod&)>;
    // The service-link variables for a pod of namespace ns (service_env_var_map).
    using service_env_fn =
        std::function<std::shared_ptr<const service_env_map>(std::string_view ns, bool enable_service_links)>;

    KUBESIM_DECL kubelet(store::object_store& s, net::network& n, const images::registry& reg, std::string node_name,
                         std::string node_ip, store::ipv4_cidr pod_cidr, sim::random rng, kubelet_options opts = {});
    kubelet(const kubelet&) = delete;
    kubelet& operator=(const kubelet&) = delete;
    KUBESIM_DECL ~kubelet();

    // How pods resolve names (dnsPolicy), and which Services feed the
    // service-link variables: supplied by the cluster.
    void set_dns_for_pod(dns_for_pod_fn f) { dns_for_pod_ = std::move(f); }
    void set_service_env(service_env_fn f) { service_env_ = std::move(f); }

    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    // ---- faults ---------------------------------------------------------------------
    // The machine fails: every container dies where it is, nothing is written
    // to the API any more. The pod IPs stay routed to the (dead) node; they are
    // returned so that the machine's next boot can clear them.
    KUBESIM_DECL std::vector<net::ip_t> crash();
    // Cut from the API server (or back): no status, Lease-independent writes,
    // events or deletions while cut; the containers keep running. Back: the
    // kubelet syncs every pod from its cache and posts what it kept.
    KUBESIM_DECL void set_api_reachable(bool reachable);
    [[nodiscard]] bool api_reachable() const noexcept { return api_reachable_; }
    // A signal to a container's main process (9: SIGKILL, exit 137; 15:
    // SIGTERM). "" when delivered, else why not (the words of kubectl exec's errors).
    KUBESIM_DECL std::string signal_container(std::string_view ns, std::string_view pod, std::string_view name,
                                              int signal);

    [[nodiscard]] const std::string& node_name() const noexcept { return node_; }
    [[nodiscard]] std::size_t running_pods() const noexcept { return workers_.size(); }

    // The running (or, with previous, the last terminated) instance of a
    // container: for cluster.exec and cluster.logs. nullptr when none.
    [[nodiscard]] KUBESIM_DECL std::shared_ptr<images::container_instance> container(std::string_view ns,
                                                                                     std::string_view pod,
                                                                                     std::string_view name,
                                                                                     bool previous) const;
    // Whether the container's current instance is running a process.
    [[nodiscard]] KUBESIM_DECL bool container_running(std::string_view ns, std::string_view pod,
                                                      std::string_view name) const;

private:
    // ---- per container ----------------------------------------------------------
    struct container_slot;
    struct pod_worker;

    // ---- watch handling -------------------------------------------------------------
    KUBESIM_DECL void sync(const std::shared_ptr<const api::pod>& p);
    KUBESIM_DECL void forget(const std::string& uid);
    KUBESIM_DECL void teardown(pod_worker& w);

    // ---- sandbox --------------------------------------------------------------------
    KUBESIM_DECL bool create_sandbox(pod_worker& w);
    KUBESIM_DECL void release_sandbox(pod_worker& w);

    // ---- the pod's main coroutine ----------------------------------------------------
    KUBESIM_DECL sim::task<void> run_pod(pod_worker* w);

    // Suspends until something about the pod changed (a container's state).
    struct change_awaiter;
    KUBESIM_DECL change_awaiter wait_change(pod_worker* w);
    KUBESIM_DECL void notify_change(pod_worker& w);

    // After a reboot: the containers that ran under the kubelet's previous
    // life count on from the restartCount the pod's status kept.
    KUBESIM_DECL void adopt_previous_status(pod_worker& w);

    KUBESIM_DECL std::unique_ptr<container_slot> make_slot(const api::cow_vector<api::container>& list, std::size_t i,
                                                           bool init, bool has_init_containers);

    // format.Pod: "web_default(<uid>)", for messages.
    [[nodiscard]] static KUBESIM_DECL std::string pod_desc(const pod_worker& w);

    KUBESIM_DECL void event(pod_worker& w, const container_slot* c, std::string type, std::string reason,
                            std::string message);

    // ---- one container's loop: pull, create, start, wait, restart ---------------
    // The loop's coroutine frame lives as long as the container (150,000 of them
    // at the envelope), so the work between suspensions is in plain functions
    // and the frame keeps only what crosses a co_await.
    KUBESIM_DECL sim::task<void> container_loop(pod_worker* w, container_slot* c);

    // The container's environment, then the container itself; false (and
    // CreateContainerConfigError, retried later) when the environment cannot be made.
    KUBESIM_DECL bool create_and_start(pod_worker& w, container_slot& c, const images::image_info& img);

    KUBESIM_DECL sim::task<void> post_start_hook(pod_worker* w, container_slot* c);

    // After the container exited: nothing (the loop ends) when it will not run
    // again, else how long to wait before starting it again (the crash-loop
    // back-off; the first restart is immediate).
    KUBESIM_DECL std::optional<sim::duration> after_exit(pod_worker& w, container_slot& c, int code);

    // EnsureImageExists: the image of the container, or nullptr while it cannot
    // be had (the loop retries with back-off until the pod goes away).
    KUBESIM_DECL sim::task<const images::image_info*> pull_image(pod_worker* w, container_slot* c);

    static KUBESIM_DECL std::string default_pull_policy(const std::string& image_with_tag);

    KUBESIM_DECL result<container_environment> container_env(pod_worker& w, const container_slot& c);

    KUBESIM_DECL void start_container(pod_worker& w, container_slot& c, const images::image_info& img,
                                      container_environment env);

    static KUBESIM_DECL std::vector<std::string> expand_all(const std::vector<std::string>& in,
                                                            const images::container_instance& inst);

    KUBESIM_DECL std::string hex_id();
    static KUBESIM_DECL std::string fully_qualified_name(const images::image_info& img);
    static KUBESIM_DECL std::string digest_of(const images::image_info& img);

    // ---- container states -------------------------------------------------------------
    // A new state for a container that ran before: the old one becomes lastState.
    static KUBESIM_DECL void retire_terminated(container_slot& c);
    KUBESIM_DECL void set_waiting(pod_worker& w, container_slot& c, std::string reason, std::string message);
    KUBESIM_DECL void set_running(pod_worker& w, container_slot& c);
    KUBESIM_DECL void record_exit(pod_worker& w, container_slot& c, int code);

    // ---- probes ----------------------------------------------------------------------------
    KUBESIM_DECL probe_target target(const pod_worker& w, const container_slot& c) const;

    KUBESIM_DECL void start_probes(pod_worker& w, container_slot& c);
    static KUBESIM_DECL void stop_probes(container_slot& c);

    enum class probe_kind { startup, readiness, liveness };
    static KUBESIM_DECL const char* probe_name(probe_kind k);

    KUBESIM_DECL sim::task<void> probe_loop(pod_worker* w, container_slot* c, probe_kind kind, std::uint64_t gen);

    // ---- stopping containers ---------------------------------------------------------------
    static KUBESIM_DECL std::int64_t grace_of(const pod_worker& w);

    // The worker's own tasks (stopping containers, preStop hooks): made on
    // first use, as most pods never stop while the cluster runs.
    KUBESIM_DECL sim::task_group& tasks_of(pod_worker& w);

    // Kills a container: preStop, SIGTERM, SIGKILL after grace seconds.
    KUBESIM_DECL void kill_container(pod_worker& w, container_slot& c, std::string killing_message, std::int64_t grace);

    KUBESIM_DECL sim::task<void> stop_container(pod_worker* w, container_slot* c, std::int64_t grace);

    KUBESIM_DECL sim::task<void> run_hook_into(probe_target t, api::lifecycle_handler h, api::container c,
                                               std::shared_ptr<sim::oneshot<std::string>> out);

    // ---- termination ------------------------------------------------------------------------
    KUBESIM_DECL void begin_termination(pod_worker& w, const std::string& reason);

    KUBESIM_DECL void check_terminated(pod_worker& w);

    // restartPolicy Never/OnFailure: the pod is done when every container is.
    KUBESIM_DECL void check_finished(pod_worker& w);

    KUBESIM_DECL void deadline_exceeded(pod_worker& w);

    // ---- status manager -----------------------------------------------------------------------
    KUBESIM_DECL void mark_dirty(pod_worker& w);

    KUBESIM_DECL void flush_status(pod_worker& w);

    KUBESIM_DECL void delete_pod_object(const api::pod& p);

    // ---- node status -----------------------------------------------------------------------
    KUBESIM_DECL void schedule_node_report();
    KUBESIM_DECL void report_node_status();
    KUBESIM_DECL void node_event(const std::string& type, const std::string& reason, const std::string& message);

    [[nodiscard]] KUBESIM_DECL sim::time_point now() const;

    store::object_store* store_;
    net::network* net_;
    const images::registry* registry_;
    std::string node_;
    std::string node_ip_;
    store::ipv4_cidr pod_cidr_;
    sim::random rng_;
    kubelet_options opts_;
    store::event_recorder recorder_;
    store::informer<api::pod> pods_;
    net::origin node_origin_{};
    dns_for_pod_fn dns_for_pod_{};
    service_env_fn service_env_{};
    // Keyed by a view of the worker's own uid (the worker outlives its entry).
    std::map<std::string_view, std::unique_ptr<pod_worker>, std::less<>> workers_;
    std::set<net::ip_t> used_ips_;
    std::uint32_t next_ip_{2};
    std::set<std::string> present_;  // images on this node
    sim::timer_id node_timer_{};
    bool started_{false};
    bool api_reachable_{true};
};

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/kubelet.ipp>
#endif
