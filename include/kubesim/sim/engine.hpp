// sim::engine: the discrete-event loop that owns simulated time. Every
// continuation in kubesim (watch delivery, timer, coroutine resume, network hop)
// is an entry on this one queue, ordered by (time, lane, insertion sequence), so
// ties run first-in first-out and never by address. Entries of the idle lane
// (post_idle) run after every normal entry of their instant. Everything due at
// time t runs before time advances. No globals: several engines can coexist in a process.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::sim {

// Identifies a scheduled entry so it can be cancelled. A default-constructed id
// refers to nothing; ids of entries that already ran or were cancelled are inert.
struct timer_id {
    std::uint32_t slot{0};
    std::uint32_t generation{0};  // 0 = none
    [[nodiscard]] bool valid() const noexcept { return generation != 0; }
    bool operator==(const timer_id&) const = default;
};

class engine final {
public:
    using callback = std::function<void()>;

    engine() = default;
    engine(const engine&) = delete;
    engine& operator=(const engine&) = delete;

    [[nodiscard]] time_point now() const noexcept { return now_; }

    // Runs fn at t (never earlier than now).
    timer_id schedule_at(time_point t, callback fn) { return add(t, lane::normal, std::move(fn)); }
    timer_id schedule_after(duration d, callback fn) { return schedule_at(now_ + d, std::move(fn)); }
    // Runs fn at the current time, after everything already due now.
    timer_id post(callback fn) { return schedule_at(now_, std::move(fn)); }
    // Runs fn at the current time once nothing else is due now, including what
    // the entries due now post: the end of the instant. Idle entries run in the
    // order they were posted. Controller work queues dispatch here, so a
    // reconcile sees every change made at the instant (a burst of pod updates
    // is one sync, as a busy upstream worker coalesces them).
    timer_id post_idle(callback fn) { return add(now_, lane::idle, std::move(fn)); }

    // Cancels a pending entry; false if it already ran or was cancelled.
    KUBESIM_DECL bool cancel(timer_id id);

    [[nodiscard]] KUBESIM_DECL bool is_pending(timer_id id) const;

    // Runs the next due entry, advancing time to it. false when nothing is pending.
    KUBESIM_DECL bool step();

    // Advances time by d, running everything that falls due (inclusive of now+d).
    void run_for(duration d) { run_until_time(now_ + d); }

    // Runs everything due at or before t, then sets the clock to t.
    KUBESIM_DECL void run_until_time(time_point t);

    // Steps until done() holds (checked before the first step and after each one)
    // or until timeout of simulated time passes; false on timeout. When done()
    // becomes true, the clock stays at the instant it did.
    KUBESIM_DECL bool run_until(const std::function<bool()>& done, duration timeout);

    // Runs every entry due at the current instant (not later ones).
    KUBESIM_DECL void run_due();

    // Time of the next live entry, if any (drops cancelled heads as a side effect).
    [[nodiscard]] KUBESIM_DECL std::optional<time_point> next_time();

    [[nodiscard]] std::size_t pending() const noexcept { return live_; }
    [[nodiscard]] std::uint64_t executed() const noexcept { return executed_; }

private:
    enum class lane : std::uint8_t { normal, idle };
    KUBESIM_DECL timer_id add(time_point t, lane l, callback fn);

    // 24 bytes: the lane is the top bit of the order word, above the insertion
    // sequence, so (time, order) sorts as (time, lane, sequence).
    struct entry {
        time_point time;
        std::uint64_t order;
        std::uint32_t slot;
        std::uint32_t generation;
    };
    static constexpr std::uint64_t idle_bit = std::uint64_t{1} << 63;
    struct slot_state {
        callback fn{};
        std::uint32_t generation{1};
        bool live{false};
    };

    static bool before(const entry& a, const entry& b) {
        return a.time != b.time ? a.time < b.time : a.order < b.order;
    }
    KUBESIM_DECL void retire(std::uint32_t slot);
    KUBESIM_DECL void sift_up(std::size_t i);
    KUBESIM_DECL entry pop();

    time_point now_{};
    std::uint64_t seq_{0};
    std::uint64_t executed_{0};
    std::size_t live_{0};
    std::vector<entry> heap_;
    std::vector<slot_state> slots_;
    std::vector<std::uint32_t> free_;
};

}  // namespace kubesim::sim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/sim/engine.ipp>
#endif
