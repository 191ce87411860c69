// kubesim::kubelet::node_lease: the kubelet's node heartbeat. Models kubernetes
// pkg/kubelet/nodelease/controller.go (one Lease per node in kube-node-lease,
// owned by the Node) on top of the generic lease controller of
// staging/src/k8s.io/component-helpers/apimachinery/lease/controller.go
// (sync, backoffEnsureLease, ensureLease, retryUpdateLease, newLease).
//
// What happens, on the virtual clock, for node "node-1" with the defaults:
//   t=0    start(): the first sync is posted. No Lease yet -> create
//          kube-node-lease/node-1 {holderIdentity: node-1, leaseDurationSeconds:
//          40, renewTime: t, ownerReferences: [v1 Node node-1 <uid>]}.
//   t=10s  renew: update the Lease last written (its resourceVersion) with
//          renewTime = now. renewInterval = 0.25 x 40 s = 10 s.
//   ...    if someone deleted the Lease, that update answers NotFound (five
//          times, as upstream retries), the controller falls back to "ensure":
//          Get -> NotFound -> create it again. A Conflict (someone else wrote
//          it) re-reads the Lease and updates that version.
//   When ensure itself fails (e.g. the namespace kube-node-lease is missing),
//   it retries after 200 ms, 400 ms, ... capped at 7 s, and the next renewal is
//   due one renewInterval after the sync finally finished (wait.JitterUntil
//   with sliding = true).
//
// Simplifications: upstream jitters each period by up to 4 % (JitterUntil,
// factor 0.04); here renewals are exactly renewInterval apart. On a Conflict
// during an update the re-read is one immediate Get, not the backed-off ensure
// loop (a Get of an existing Lease does not fail in the simulator).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::store {
class object_store;
}  // namespace kubesim::store

namespace kubesim::kubelet {

// corev1.NamespaceNodeLease
inline constexpr std::string_view node_lease_namespace = "kube-node-lease";

struct node_lease_options {
    // kubelet --node-lease-duration-seconds (KubeletConfiguration nodeLeaseDurationSeconds).
    std::int32_t lease_duration_seconds{40};
    // nodelease.NodeLeaseRenewIntervalFraction: renewInterval = fraction x duration.
    double renew_interval_fraction{0.25};
    std::string lease_namespace{node_lease_namespace};
    // Called when a renewal fails again within one sync (the kubelet closes its
    // API connections there; onRepeatedHeartbeatFailure).
    std::function<void()> on_repeated_heartbeat_failure{};
};

class node_lease {
public:
    // lease/controller.go maxUpdateRetries and maxBackoff; the first backoff
    // sleep is 2 x 100 ms.
    static constexpr int max_update_retries = 5;
    static constexpr sim::duration initial_backoff{100'000};
    static constexpr sim::duration max_backoff{7'000'000};

    // node_uid fills the Lease's owner reference; when empty, the Node is read
    // from the store on each write until it exists (setNodeOwnerFunc).
    KUBESIM_DECL node_lease(store::object_store& s, std::string node_name, std::string node_uid,
                            node_lease_options opts = {});
    node_lease(const node_lease&) = delete;
    node_lease& operator=(const node_lease&) = delete;
    KUBESIM_DECL ~node_lease();

    // Starts heartbeating: the first sync runs at the current time, after what
    // is already due (wait.JitterUntil runs its function immediately).
    KUBESIM_DECL void start();
    // Stops heartbeating; the Lease stays (it expires by its renewTime).
    KUBESIM_DECL void stop();

    [[nodiscard]] bool running() const noexcept { return running_; }
    [[nodiscard]] const std::string& node_name() const noexcept { return node_; }
    [[nodiscard]] const std::string& lease_namespace() const noexcept { return opts_.lease_namespace; }
    [[nodiscard]] sim::duration renew_interval() const noexcept { return renew_interval_; }
    // The Lease as last created or updated by this controller (latestLease).
    [[nodiscard]] const std::optional<api::lease>& latest() const noexcept { return latest_; }

private:
    struct ensured;

    KUBESIM_DECL void arm(sim::duration after, std::function<void()> fn);
    KUBESIM_DECL void schedule_next();

    // controller.sync: renew from the cached Lease without a Get; on failure,
    // make sure the Lease exists and renew that.
    KUBESIM_DECL void sync();

    // backoffEnsureLease: ensure_lease until it succeeds, sleeping 2x longer
    // after each failure (200 ms, 400 ms, ... 7 s). stop() ends the loop.
    KUBESIM_DECL void backoff_ensure_lease(sim::duration sleep, std::function<void(std::optional<api::lease>, bool)> done);

    // ensureLease: the Lease, creating it when it does not exist. When the new
    // Lease cannot be prepared (no owner reference yet) nothing is created and
    // that is not an error: the next sync tries again.
    KUBESIM_DECL ensured ensure_lease();

    // retryUpdateLease: up to max_update_retries immediate attempts; a Conflict
    // re-reads the Lease and tries with that version. true once one succeeded.
    KUBESIM_DECL bool retry_update_lease(api::lease base);

    // newLease: a fresh Lease (base null) or a copy of base, with the duration
    // and renewTime asserted, then the Node owner reference (setNodeOwnerFunc);
    // nullopt when the owner cannot be resolved.
    KUBESIM_DECL std::optional<api::lease> new_lease(const api::lease* base);

    store::object_store* store_;
    std::string node_;
    std::string node_uid_;
    node_lease_options opts_;
    store::client<api::lease> leases_;
    sim::duration renew_interval_;
    std::optional<api::lease> latest_{};
    sim::timer_id timer_{};
    bool running_{false};
};

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/node_lease.ipp>
#endif
