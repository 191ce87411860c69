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

    KUBESIM_DECL sim::duration when(const std::string& key, sim::time_point /*now*/) override;
    void forget(const std::string& key) override { failures_.erase(key); }
    [[nodiscard]] KUBESIM_DECL int num_requeues(const std::string& key) const override;

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
    KUBESIM_DECL bucket_rate_limiter(std::int64_t qps, std::int64_t burst);

    KUBESIM_DECL sim::duration when(const std::string& /*key*/, sim::time_point now) override;
    void forget(const std::string& /*key*/) override {}
    [[nodiscard]] int num_requeues(const std::string& /*key*/) const override { return 0; }

private:
    static constexpr std::int64_t micro = 1'000'000;

    KUBESIM_DECL void advance(sim::time_point now);

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

    KUBESIM_DECL sim::duration when(const std::string& key, sim::time_point now) override;
    KUBESIM_DECL void forget(const std::string& key) override;
    [[nodiscard]] KUBESIM_DECL int num_requeues(const std::string& key) const override;

private:
    std::vector<std::unique_ptr<rate_limiter>> limiters_;
};

// DefaultControllerRateLimiter: per-key exponential backoff (5ms .. 1000s) and an
// overall 10 qps / burst 100 bucket, whichever waits longer.
[[nodiscard]] KUBESIM_DECL std::unique_ptr<rate_limiter> default_controller_rate_limiter();

// ---------------------------------------------------------------------------
// The queue itself.

class work_queue {
public:
    using reconcile_fn = std::function<void(const std::string& key)>;

    KUBESIM_DECL work_queue(sim::engine& engine, reconcile_fn reconcile,
                            std::unique_ptr<rate_limiter> limiter = default_controller_rate_limiter());
    // Engine entries point at this queue, so it stays put; the destructor cancels
    // them. Destroying the queue from inside its own reconcile is not supported.
    work_queue(const work_queue&) = delete;
    work_queue& operator=(const work_queue&) = delete;
    KUBESIM_DECL ~work_queue();

    // Marks key as needing processing (queue.go Add). A key already waiting to be
    // processed is not queued twice; a key being processed is queued again once
    // its reconcile returns.
    KUBESIM_DECL void add(const std::string& key);

    // Adds key after d of simulated time (delaying_queue.go AddAfter). A key that
    // is already waiting keeps the earlier of its two ready times.
    KUBESIM_DECL void add_after(const std::string& key, sim::duration d);

    // Adds key after the rate limiter says it may (rate_limiting_queue.go).
    void add_rate_limited(const std::string& key) { add_after(key, limiter_->when(key, engine_.now())); }
    // Clears key's failure history; it does not remove key from the queue.
    void forget(const std::string& key) { limiter_->forget(key); }
    // handleErr of the controllers with a retry budget (Deployment,
    // EndpointSlice): success forgets the key; a failure requeues it rate
    // limited until it has been retried max_retries times, then drops it.
    KUBESIM_DECL void handle_err(const std::string& key, bool failed, int max_retries);
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
    KUBESIM_DECL void shutdown();

private:
    struct waiting {
        sim::time_point ready_at;
        sim::timer_id timer;
    };

    KUBESIM_DECL void on_ready(const std::string& key);

    // Ensures one dispatch entry is pending when there is work and no reconcile
    // is running.
    KUBESIM_DECL void kick();

    // One worker iteration (processNextWorkItem): Get, reconcile, Done.
    KUBESIM_DECL void dispatch();

    // queue.go Done: a key re-added during processing is queued now.
    KUBESIM_DECL void done(const std::string& key);

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

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/runtime/work_queue.ipp>
#endif
