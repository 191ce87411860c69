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
    bool cancel(timer_id id) {
        if (!id.valid() || id.slot >= slots_.size()) return false;
        auto& s = slots_[id.slot];
        if (!s.live || s.generation != id.generation) return false;
        retire(id.slot);
        return true;
    }

    [[nodiscard]] bool is_pending(timer_id id) const {
        return id.valid() && id.slot < slots_.size() && slots_[id.slot].live &&
               slots_[id.slot].generation == id.generation;
    }

    // Runs the next due entry, advancing time to it. false when nothing is pending.
    bool step() {
        while (!heap_.empty()) {
            entry e = pop();
            auto& s = slots_[e.slot];
            if (!s.live || s.generation != e.generation) continue;
            KUBESIM_ASSERT(e.time >= now_, "event queue went back in time");
            now_ = e.time;
            callback fn = std::move(s.fn);
            retire(e.slot);
            ++executed_;
            fn();
            return true;
        }
        return false;
    }

    // Advances time by d, running everything that falls due (inclusive of now+d).
    void run_for(duration d) { run_until_time(now_ + d); }

    // Runs everything due at or before t, then sets the clock to t.
    void run_until_time(time_point t) {
        while (auto next = next_time()) {
            if (*next > t) break;
            step();
        }
        if (t > now_) now_ = t;
    }

    // Steps until done() holds (checked before the first step and after each one)
    // or until timeout of simulated time passes; false on timeout. When done()
    // becomes true, the clock stays at the instant it did.
    bool run_until(const std::function<bool()>& done, duration timeout) {
        const time_point deadline = now_ + timeout;
        if (done()) return true;
        while (auto next = next_time()) {
            if (*next > deadline) break;
            step();
            if (done()) return true;
        }
        if (deadline > now_) now_ = deadline;
        return done();
    }

    // Runs every entry due at the current instant (not later ones).
    void run_due() {
        while (auto next = next_time()) {
            if (*next > now_) break;
            step();
        }
    }

    // Time of the next live entry, if any (drops cancelled heads as a side effect).
    [[nodiscard]] std::optional<time_point> next_time() {
        while (!heap_.empty()) {
            const entry& top = heap_.front();
            const auto& s = slots_[top.slot];
            if (s.live && s.generation == top.generation) return top.time;
            pop();
        }
        return std::nullopt;
    }

    [[nodiscard]] std::size_t pending() const noexcept { return live_; }
    [[nodiscard]] std::uint64_t executed() const noexcept { return executed_; }

private:
    enum class lane : std::uint8_t { normal, idle };
    timer_id add(time_point t, lane l, callback fn) {
        if (t < now_) t = now_;
        std::uint32_t slot;
        if (!free_.empty()) {
            slot = free_.back();
            free_.pop_back();
        } else {
            slot = static_cast<std::uint32_t>(slots_.size());
            slots_.push_back({});
        }
        auto& s = slots_[slot];
        s.fn = std::move(fn);
        s.live = true;
        ++live_;
        heap_.push_back({t, l, seq_++, slot, s.generation});
        sift_up(heap_.size() - 1);
        return {slot, s.generation};
    }

    struct entry {
        time_point time;
        lane lane_;
        std::uint64_t seq;
        std::uint32_t slot;
        std::uint32_t generation;
    };
    struct slot_state {
        callback fn{};
        std::uint32_t generation{1};
        bool live{false};
    };

    static bool before(const entry& a, const entry& b) {
        if (a.time != b.time) return a.time < b.time;
        return a.lane_ != b.lane_ ? a.lane_ < b.lane_ : a.seq < b.seq;
    }
    void retire(std::uint32_t slot) {
        auto& s = slots_[slot];
        s.live = false;
        s.fn = nullptr;
        if (++s.generation == 0) s.generation = 1;
        free_.push_back(slot);
        --live_;
    }
    void sift_up(std::size_t i) {
        while (i > 0) {
            std::size_t p = (i - 1) / 2;
            if (!before(heap_[i], heap_[p])) break;
            std::swap(heap_[i], heap_[p]);
            i = p;
        }
    }
    entry pop() {
        entry top = heap_.front();
        heap_.front() = heap_.back();
        heap_.pop_back();
        std::size_t i = 0, n = heap_.size();
        for (;;) {
            std::size_t l = 2 * i + 1, r = l + 1, m = i;
            if (l < n && before(heap_[l], heap_[m])) m = l;
            if (r < n && before(heap_[r], heap_[m])) m = r;
            if (m == i) break;
            std::swap(heap_[i], heap_[m]);
            i = m;
        }
        return top;
    }

    time_point now_{};
    std::uint64_t seq_{0};
    std::uint64_t executed_{0};
    std::size_t live_{0};
    std::vector<entry> heap_;
    std::vector<slot_state> slots_;
    std::vector<std::uint32_t> free_;
};

}  // namespace kubesim::sim
