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
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/core/node.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/object_store.hpp>

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
    node_lease(store::object_store& s, std::string node_name, std::string node_uid, node_lease_options opts = {})
        : store_(&s),
          node_(std::move(node_name)),
          node_uid_(std::move(node_uid)),
          opts_(std::move(opts)),
          leases_(s, opts_.lease_namespace),
          renew_interval_(static_cast<sim::duration::rep>(static_cast<double>(opts_.lease_duration_seconds) * 1'000'000.0 *
                                                          opts_.renew_interval_fraction)) {}
    node_lease(const node_lease&) = delete;
    node_lease& operator=(const node_lease&) = delete;
    ~node_lease() { stop(); }

    // Starts heartbeating: the first sync runs at the current time, after what
    // is already due (wait.JitterUntil runs its function immediately).
    void start() {
        if (running_) return;
        running_ = true;
        arm(sim::duration::zero(), [this] { sync(); });
    }
    // Stops heartbeating; the Lease stays (it expires by its renewTime).
    void stop() {
        if (!running_) return;
        running_ = false;
        if (timer_.valid()) store_->engine().cancel(timer_);
        timer_ = {};
    }

    [[nodiscard]] bool running() const noexcept { return running_; }
    [[nodiscard]] const std::string& node_name() const noexcept { return node_; }
    [[nodiscard]] const std::string& lease_namespace() const noexcept { return opts_.lease_namespace; }
    [[nodiscard]] sim::duration renew_interval() const noexcept { return renew_interval_; }
    // The Lease as last created or updated by this controller (latestLease).
    [[nodiscard]] const std::optional<api::lease>& latest() const noexcept { return latest_; }

private:
    struct ensured {
        std::optional<api::lease> lease{};
        bool created{false};
        std::optional<api::status> error{};
    };

    void arm(sim::duration after, std::function<void()> fn) {
        timer_ = store_->engine().schedule_after(after, [this, fn = std::move(fn)] {
            timer_ = {};
            if (running_) fn();
        });
    }
    void schedule_next() {
        if (running_) arm(renew_interval_, [this] { sync(); });
    }

    // controller.sync: renew from the cached Lease without a Get; on failure,
    // make sure the Lease exists and renew that.
    void sync() {
        if (latest_ && retry_update_lease(*latest_)) {
            schedule_next();
            return;
        }
        backoff_ensure_lease(initial_backoff, [this](std::optional<api::lease> l, bool created) {
            latest_ = std::move(l);
            // A Lease this call created carries a fresh renewTime already.
            if (!created && latest_) retry_update_lease(*latest_);
            schedule_next();
        });
    }

    // backoffEnsureLease: ensure_lease until it succeeds, sleeping 2x longer
    // after each failure (200 ms, 400 ms, ... 7 s). stop() ends the loop.
    void backoff_ensure_lease(sim::duration sleep, std::function<void(std::optional<api::lease>, bool)> done) {
        auto r = ensure_lease();
        if (!r.error) {
            done(std::move(r.lease), r.created);
            return;
        }
        const sim::duration next = sleep * 2 < max_backoff ? sleep * 2 : max_backoff;
        arm(next, [this, next, done = std::move(done)]() mutable { backoff_ensure_lease(next, std::move(done)); });
    }

    // ensureLease: the Lease, creating it when it does not exist. When the new
    // Lease cannot be prepared (no owner reference yet) nothing is created and
    // that is not an error: the next sync tries again.
    ensured ensure_lease() {
        auto got = leases_.get(node_);
        if (got) return {std::move(*got), false, std::nullopt};
        if (got.error().reason != "NotFound") return {std::nullopt, false, got.error()};
        auto fresh = new_lease(nullptr);
        if (!fresh) return {};
        auto made = leases_.create(*fresh);
        if (!made) return {std::nullopt, false, made.error()};
        return {std::move(*made), true, std::nullopt};
    }

    // retryUpdateLease: up to max_update_retries immediate attempts; a Conflict
    // re-reads the Lease and tries with that version. true once one succeeded.
    bool retry_update_lease(api::lease base) {
        for (int i = 0; i < max_update_retries; ++i) {
            if (auto next = new_lease(&base)) {
                auto r = leases_.update(*next);
                if (r) {
                    latest_ = std::move(*r);
                    return true;
                }
                if (r.error().reason == "Conflict") {
                    if (auto e = ensure_lease(); e.lease) base = std::move(*e.lease);
                    continue;
                }
            }
            if (i > 0 && opts_.on_repeated_heartbeat_failure) opts_.on_repeated_heartbeat_failure();
        }
        return false;
    }

    // newLease: a fresh Lease (base null) or a copy of base, with the duration
    // and renewTime asserted, then the Node owner reference (setNodeOwnerFunc);
    // nullopt when the owner cannot be resolved.
    std::optional<api::lease> new_lease(const api::lease* base) {
        api::lease l;
        if (base) {
            l = *base;
        } else {
            l.metadata.name = node_;
            l.metadata.namespace_ = opts_.lease_namespace;
            l.spec.holder_identity = node_;
        }
        l.spec.lease_duration_seconds = opts_.lease_duration_seconds;
        l.spec.renew_time = store_->engine().now();
        if (l.metadata.owner_references.empty()) {
            std::string uid = node_uid_;
            if (uid.empty()) {
                auto n = store_->get(store::kind_ops_of<api::node>(), "", node_);
                if (!n) return std::nullopt;
                uid = static_cast<const api::node*>(n->get())->metadata.uid;
            }
            api::owner_reference ref;
            ref.api_version = "v1";
            ref.kind = "Node";
            ref.name = node_;
            ref.uid = std::move(uid);
            l.metadata.owner_references.push_back(std::move(ref));
        }
        return l;
    }

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
