// Definitions of controllers/runtime/work_queue.hpp.
#pragma once

#include <kubesim/controllers/runtime/work_queue.hpp>

#include <chrono>
#include <utility>

namespace kubesim::controllers {

sim::duration item_exponential_failure_rate_limiter::when(const std::string& key, sim::time_point /*now*/) {
    int& n = failures_[key];
    const int exp = n;
    ++n;
    const std::int64_t base = base_delay_.count();
    const std::int64_t cap = max_delay_.count();
    if (base <= 0) return sim::duration::zero();
    // base * 2^exp > cap  <=>  base > floor(cap / 2^exp), all in integers, so
    // the product is only formed when it fits (upstream's overflow guard).
    if (exp >= 62 || base > (cap >> exp)) return max_delay_;
    return sim::duration(base << exp);
}

int item_exponential_failure_rate_limiter::num_requeues(const std::string& key) const {
    auto it = failures_.find(key);
    return it == failures_.end() ? 0 : it->second;
}

bucket_rate_limiter::bucket_rate_limiter(std::int64_t qps, std::int64_t burst)
    : qps_(qps), burst_(burst), tokens_(burst * micro) {
    KUBESIM_ASSERT(qps > 0 && burst >= 0, "bucket_rate_limiter needs qps > 0 and burst >= 0");
}

sim::duration bucket_rate_limiter::when(const std::string& /*key*/, sim::time_point now) {
    advance(now);
    tokens_ -= micro;
    if (tokens_ >= 0) return sim::duration::zero();
    // Round up so the returned wait never ends before the token exists.
    return sim::duration((-tokens_ + qps_ - 1) / qps_);
}

void bucket_rate_limiter::advance(sim::time_point now) {
    if (!started_) {
        started_ = true;
        last_ = now;
        return;
    }
    if (now <= last_) return;  // simulated time never runs back; nothing to add
    const std::int64_t capacity = burst_ * micro;
    const std::int64_t elapsed = (now - last_).count();
    last_ = now;
    // Only as much time as refills the bucket counts, which also keeps
    // elapsed * qps_ from overflowing after long idle periods.
    const std::int64_t missing = capacity - tokens_;
    if (missing <= 0) return;
    const std::int64_t needed = (missing + qps_ - 1) / qps_;
    tokens_ = elapsed >= needed ? capacity : tokens_ + elapsed * qps_;
}

sim::duration max_of_rate_limiter::when(const std::string& key, sim::time_point now) {
    sim::duration longest = sim::duration::zero();
    // Every limiter is asked (each records the failure or takes a token).
    for (auto& l : limiters_) {
        const sim::duration d = l->when(key, now);
        if (d > longest) longest = d;
    }
    return longest;
}

void max_of_rate_limiter::forget(const std::string& key) {
    for (auto& l : limiters_) l->forget(key);
}

int max_of_rate_limiter::num_requeues(const std::string& key) const {
    int most = 0;
    for (const auto& l : limiters_) {
        const int n = l->num_requeues(key);
        if (n > most) most = n;
    }
    return most;
}

std::unique_ptr<rate_limiter> default_controller_rate_limiter() {
    using namespace std::chrono_literals;
    std::vector<std::unique_ptr<rate_limiter>> ls;
    ls.push_back(std::make_unique<item_exponential_failure_rate_limiter>(
        sim::duration(5ms), sim::duration(1000s)));
    ls.push_back(std::make_unique<bucket_rate_limiter>(10, 100));
    return std::make_unique<max_of_rate_limiter>(std::move(ls));
}

work_queue::work_queue(sim::engine& engine, reconcile_fn reconcile,
                       std::unique_ptr<rate_limiter> limiter)
    : engine_(engine), reconcile_(std::move(reconcile)), limiter_(std::move(limiter)) {
    KUBESIM_ASSERT(limiter_ != nullptr, "work_queue needs a rate limiter");
}

work_queue::~work_queue() {
    engine_.cancel(dispatch_);
    for (auto& [key, w] : waiting_) engine_.cancel(w.timer);
}

void work_queue::add(const std::string& key) {
    if (shutting_down_) return;
    if (dirty_.count(key) != 0) return;
    dirty_.insert(key);
    if (processing_.count(key) != 0) return;
    queue_.push_back(key);
    kick();
}

void work_queue::add_after(const std::string& key, sim::duration d) {
    if (shutting_down_) return;
    if (d <= sim::duration::zero()) {
        add(key);
        return;
    }
    const sim::time_point ready = engine_.now() + d;
    auto it = waiting_.find(key);
    if (it != waiting_.end()) {
        if (it->second.ready_at <= ready) return;
        engine_.cancel(it->second.timer);
        it->second.ready_at = ready;
        it->second.timer = engine_.schedule_at(ready, [this, key] { on_ready(key); });
        return;
    }
    waiting w{ready, {}};
    w.timer = engine_.schedule_at(ready, [this, key] { on_ready(key); });
    waiting_.emplace(key, w);
}

void work_queue::handle_err(const std::string& key, bool failed, int max_retries) {
    if (failed && num_requeues(key) < max_retries) {
        add_rate_limited(key);
        return;
    }
    forget(key);
}

void work_queue::shutdown() {
    if (shutting_down_) return;
    shutting_down_ = true;
    engine_.cancel(dispatch_);
    dispatch_ = {};
    for (auto& [key, w] : waiting_) engine_.cancel(w.timer);
    waiting_.clear();
    queue_.clear();
}

void work_queue::on_ready(const std::string& key) {
    waiting_.erase(key);
    add(key);
}

void work_queue::kick() {
    if (shutting_down_ || busy_ || queue_.empty() || dispatch_.valid()) return;
    dispatch_ = engine_.post_idle([this] { dispatch(); });
}

void work_queue::dispatch() {
    dispatch_ = {};
    if (shutting_down_ || busy_ || queue_.empty()) return;
    std::string key = std::move(queue_.front());
    queue_.pop_front();
    processing_.insert(key);
    dirty_.erase(key);
    busy_ = true;
    struct done_guard {
        work_queue& q;
        const std::string& key;
        ~done_guard() { q.done(key); }
    } guard{*this, key};
    reconcile_(key);
}

void work_queue::done(const std::string& key) {
    busy_ = false;
    processing_.erase(key);
    if (dirty_.count(key) != 0 && !shutting_down_) queue_.push_back(key);
    kick();
}

}  // namespace kubesim::controllers
