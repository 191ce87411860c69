// Definitions of kubelet/node_lease.hpp.
#pragma once

#include <kubesim/kubelet/node_lease.hpp>

#include <memory>
#include <utility>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::kubelet {

struct node_lease::ensured {
    std::optional<api::lease> lease{};
    bool created{false};
    std::optional<api::status> error{};
};

node_lease::node_lease(store::object_store& s, std::string node_name, std::string node_uid, node_lease_options opts)
    : store_(&s),
      node_(std::move(node_name)),
      node_uid_(std::move(node_uid)),
      opts_(std::move(opts)),
      leases_(s, opts_.lease_namespace),
      renew_interval_(static_cast<sim::duration::rep>(static_cast<double>(opts_.lease_duration_seconds) * 1'000'000.0 *
                                                      opts_.renew_interval_fraction)) {}

node_lease::~node_lease() { stop(); }

void node_lease::start() {
    if (running_) return;
    running_ = true;
    arm(sim::duration::zero(), [this] { sync(); });
}

void node_lease::stop() {
    if (!running_) return;
    running_ = false;
    if (timer_.valid()) store_->engine().cancel(timer_);
    timer_ = {};
}

void node_lease::arm(sim::duration after, std::function<void()> fn) {
    timer_ = store_->engine().schedule_after(after, [this, fn = std::move(fn)] {
        timer_ = {};
        if (running_) fn();
    });
}

void node_lease::schedule_next() {
    if (running_) arm(renew_interval_, [this] { sync(); });
}

void node_lease::sync() {
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

void node_lease::backoff_ensure_lease(sim::duration sleep, std::function<void(std::optional<api::lease>, bool)> done) {
    auto r = ensure_lease();
    if (!r.error) {
        done(std::move(r.lease), r.created);
        return;
    }
    const sim::duration next = sleep * 2 < max_backoff ? sleep * 2 : max_backoff;
    arm(next, [this, next, done = std::move(done)]() mutable { backoff_ensure_lease(next, std::move(done)); });
}

node_lease::ensured node_lease::ensure_lease() {
    auto got = leases_.get(node_);
    if (got) return {std::move(*got), false, std::nullopt};
    if (got.error().reason != "NotFound") return {std::nullopt, false, got.error()};
    auto fresh = new_lease(nullptr);
    if (!fresh) return {};
    auto made = leases_.create(*fresh);
    if (!made) return {std::nullopt, false, made.error()};
    return {std::move(*made), true, std::nullopt};
}

bool node_lease::retry_update_lease(api::lease base) {
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

std::optional<api::lease> node_lease::new_lease(const api::lease* base) {
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

}  // namespace kubesim::kubelet
