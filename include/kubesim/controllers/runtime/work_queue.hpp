// The controller work queue on simulated time. Models client-go's
// util/workqueue: queue.go (dirty and processing sets: a key is never processed
// concurrently, and a key added while it is processed waits until done()),
// delaying_queue.go (add_after; a duplicate waiting key keeps the earliest ready
// time, as waitingForQueue does), rate_limiting_queue.go (add_rate_limited,
// forget, num_requeues) and default_rate_limiters.go
// (ItemExponentialFailureRateLimiter, BucketRateLimiter, MaxOfRateLimiter,
// DefaultControllerRateLimiter).
//
// Where upstream runs worker goroutines that block in Get(), this queue drives a
// single worker through the engine: when a key becomes ready and no reconcile is
// running, one engine entry pops the oldest ready key and calls reconcile(key),
// then marks it done. That entry is posted to the engine's idle lane: it runs
// once everything else due at the instant has run (watch deliveries included),
// so a burst of changes at one instant is one reconcile, as the latency of a
// busy upstream worker coalesces them. Keys run one at a time, in the order they
// became ready, each in its own engine entry, deterministically. A worker reports like a client-go
// controller does: queue.add_rate_limited(key) on error, queue.forget(key) on
// success.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>

namespace kubesim::controllers {

// ---------------------------------------------------------------------------
// Rate limiters (default_rate_limiters.go). Upstream's limiters read time.Now();
// here the caller passes the simulated time, so the limiters hold no clock.

class rate_limiter {
public:
    virtual ~rate_limiter() = default;
    // How long key should wait before being added again; records a failure.
    virtual sim::duration when(const std::string& key, sim::time_point now) = 0;
    // Stops tracking key: it succeeded (or was given up on).
    virtual void forget(const std::string& key) = 0;
    // How many failures key has had since its last forget().
    [[nodiscard]] virtual int num_requeues(const std::string& key) const = 0;
};

// base * 2^failures, capped at max_delay. With base 5ms: 5ms, 10ms, 20ms, 40ms...
// and, with max 1000s, the cap is reached after 18 failures (5ms * 2^18 = 1310.72s).
class item_exponential_failure_rate_limiter final : public rate_limiter {
public:
    item_exponential_failure_rate_limiter(sim::duration base_delay, sim::duration max_delay)
        : base_delay_(base_delay), max_delay_(max_delay) {}

    sim::duration when(const std::string& key, sim::time_point /*now*/) override {
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
    void forget(const std::string& key) override { failures_.erase(key); }
    [[nodiscard]] int num_requeues(const std::string& key) const override {
        auto it = failures_.find(key);
        return it == failures_.end() ? 0 : it->second;
    }

private:
    sim::duration base_delay_;
    sim::duration max_delay_;
    std::map<std::string, int> failures_;
};

// An overall token bucket shared by all keys (golang.org/x/time/rate as used by
// BucketRateLimiter): it starts full with `burst` tokens and refills at `qps`
// tokens per second; each when() takes one token, going into debt if needed, and
// returns how long until that token exists. Integer math only: tokens are counted
// in micro-tokens, so in dt microseconds the bucket gains dt * qps micro-tokens.
// Worked example, qps 10, burst 100, all at one instant: calls 1..100 wait 0,
// call 101 owes 1 token = 1'000'000 micro-tokens / 10 per us = 100ms, call 102
// 200ms, and so on. qps is an integer (upstream allows fractions; none of the
// defaults use them).
class bucket_rate_limiter final : public rate_limiter {
public:
    bucket_rate_limiter(std::int64_t qps, std::int64_t burst)
        : qps_(qps), burst_(burst), tokens_(burst * micro) {
        KUBESIM_ASSERT(qps > 0 && burst >= 0, "bucket_rate_limiter needs qps > 0 and burst >= 0");
    }

    sim::duration when(const std::string& /*key*/, sim::time_point now) override {
        advance(now);
        tokens_ -= micro;
        if (tokens_ >= 0) return sim::duration::zero();
        // Round up so the returned wait never ends before the token exists.
        return sim::duration((-tokens_ + qps_ - 1) / qps_);
    }
    void forget(const std::string& /*key*/) override {}
    [[nodiscard]] int num_requeues(const std::string& /*key*/) const override { return 0; }

private:
    static constexpr std::int64_t micro = 1'000'000;

    void advance(sim::time_point now) {
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

    std::int64_t qps_;
    std::int64_t burst_;
    std::int64_t tokens_;  // micro-tokens; negative while in debt
    sim::time_point last_{};
    bool started_{false};
};

// The longest wait of all its limiters; num_requeues is the largest count.
class max_of_rate_limiter final : public rate_limiter {
public:
    explicit max_of_rate_limiter(std::vector<std::unique_ptr<rate_limiter>> limiters)
        : limiters_(std::move(limiters)) {}

    sim::duration when(const std::string& key, sim::time_point now) override {
        sim::duration longest = sim::duration::zero();
        // Every limiter is asked (each records the failure or takes a token).
        for (auto& l : limiters_) {
            const sim::duration d = l->when(key, now);
            if (d > longest) longest = d;
        }
        return longest;
    }
    void forget(const std::string& key) override {
        for (auto& l : limiters_) l->forget(key);
    }
    [[nodiscard]] int num_requeues(const std::string& key) const override {
        int most = 0;
        for (const auto& l : limiters_) {
            const int n = l->num_requeues(key);
            if (n > most) most = n;
        }
        return most;
    }

private:
    std::vector<std::unique_ptr<rate_limiter>> limiters_;
};

// DefaultControllerRateLimiter: per-key exponential backoff (5ms .. 1000s) and an
// overall 10 qps / burst 100 bucket, whichever waits longer.
[[nodiscard]] inline std::unique_ptr<rate_limiter> default_controller_rate_limiter() {
    using namespace std::chrono_literals;
    std::vector<std::unique_ptr<rate_limiter>> ls;
    ls.push_back(std::make_unique<item_exponential_failure_rate_limiter>(
        sim::duration(5ms), sim::duration(1000s)));
    ls.push_back(std::make_unique<bucket_rate_limiter>(10, 100));
    return std::make_unique<max_of_rate_limiter>(std::move(ls));
}

// ---------------------------------------------------------------------------
// The queue itself.

class work_queue {
public:
    using reconcile_fn = std::function<void(const std::string& key)>;

    work_queue(sim::engine& engine, reconcile_fn reconcile,
               std::unique_ptr<rate_limiter> limiter = default_controller_rate_limiter())
        : engine_(engine), reconcile_(std::move(reconcile)), limiter_(std::move(limiter)) {
        KUBESIM_ASSERT(limiter_ != nullptr, "work_queue needs a rate limiter");
    }
    // Engine entries point at this queue, so it stays put; the destructor cancels
    // them. Destroying the queue from inside its own reconcile is not supported.
    work_queue(const work_queue&) = delete;
    work_queue& operator=(const work_queue&) = delete;
    ~work_queue() {
        engine_.cancel(dispatch_);
        for (auto& [key, w] : waiting_) engine_.cancel(w.timer);
    }

    // Marks key as needing processing (queue.go Add). A key already waiting to be
    // processed is not queued twice; a key being processed is queued again once
    // its reconcile returns.
    void add(const std::string& key) {
        if (shutting_down_) return;
        if (dirty_.count(key) != 0) return;
        dirty_.insert(key);
        if (processing_.count(key) != 0) return;
        queue_.push_back(key);
        kick();
    }

    // Adds key after d of simulated time (delaying_queue.go AddAfter). A key that
    // is already waiting keeps the earlier of its two ready times.
    void add_after(const std::string& key, sim::duration d) {
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

    // Adds key after the rate limiter says it may (rate_limiting_queue.go).
    void add_rate_limited(const std::string& key) { add_after(key, limiter_->when(key, engine_.now())); }
    // Clears key's failure history; it does not remove key from the queue.
    void forget(const std::string& key) { limiter_->forget(key); }
    // handleErr of the controllers with a retry budget (Deployment,
    // EndpointSlice): success forgets the key; a failure requeues it rate
    // limited until it has been retried max_retries times, then drops it.
    void handle_err(const std::string& key, bool failed, int max_retries) {
        if (failed && num_requeues(key) < max_retries) {
            add_rate_limited(key);
            return;
        }
        forget(key);
    }
    [[nodiscard]] int num_requeues(const std::string& key) const { return limiter_->num_requeues(key); }

    // Keys ready and waiting for the worker (upstream Len: not the processing or
    // delayed ones).
    [[nodiscard]] std::size_t len() const noexcept { return queue_.size(); }
    // True while reconcile is running.
    [[nodiscard]] bool busy() const noexcept { return busy_; }
    [[nodiscard]] bool shutting_down() const noexcept { return shutting_down_; }

    // Stops the queue: later adds are ignored, delayed keys are dropped, and no
    // further reconcile starts (one already running finishes). Upstream's Get
    // would still hand out the keys already queued; here shutdown is how a
    // controller stops, so they are dropped instead.
    void shutdown() {
        if (shutting_down_) return;
        shutting_down_ = true;
        engine_.cancel(dispatch_);
        dispatch_ = {};
        for (auto& [key, w] : waiting_) engine_.cancel(w.timer);
        waiting_.clear();
        queue_.clear();
    }

private:
    struct waiting {
        sim::time_point ready_at;
        sim::timer_id timer;
    };

    void on_ready(const std::string& key) {
        waiting_.erase(key);
        add(key);
    }

    // Ensures one dispatch entry is pending when there is work and no reconcile
    // is running.
    void kick() {
        if (shutting_down_ || busy_ || queue_.empty() || dispatch_.valid()) return;
        dispatch_ = engine_.post_idle([this] { dispatch(); });
    }

    // One worker iteration (processNextWorkItem): Get, reconcile, Done.
    void dispatch() {
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

    // queue.go Done: a key re-added during processing is queued now.
    void done(const std::string& key) {
        busy_ = false;
        processing_.erase(key);
        if (dirty_.count(key) != 0 && !shutting_down_) queue_.push_back(key);
        kick();
    }

    sim::engine& engine_;
    reconcile_fn reconcile_;
    std::unique_ptr<rate_limiter> limiter_;
    std::deque<std::string> queue_;      // ready keys, FIFO
    std::set<std::string> dirty_;        // keys that need processing
    std::set<std::string> processing_;   // key whose reconcile is running
    std::map<std::string, waiting> waiting_;  // add_after keys not yet ready
    sim::timer_id dispatch_{};
    bool busy_{false};
    bool shutting_down_{false};
};

// A controller's start() and stop(): informers start in the order given, once
// (their initial lists fill the caches at once; the handlers hear of the listed
// objects through the engine); stop() stops them in the order given, then shuts
// the queue down, and a stopped controller stays stopped.
template <class... Informers>
void start_controller(bool& started, Informers&... informers) {
    if (started) return;
    started = true;
    (informers.start(), ...);
}
template <class... Informers>
void stop_controller(bool& started, work_queue& queue, Informers&... informers) {
    if (!started) return;
    started = false;
    (informers.stop(), ...);
    queue.shutdown();
}

}  // namespace kubesim::controllers
