// Definitions of sim/engine.hpp.
#pragma once

#include <kubesim/sim/engine.hpp>

namespace kubesim::sim {

bool engine::cancel(timer_id id) {
    if (!id.valid() || id.slot >= slots_.size()) return false;
    auto& s = slots_[id.slot];
    if (!s.live || s.generation != id.generation) return false;
    retire(id.slot);
    return true;
}

bool engine::is_pending(timer_id id) const {
    return id.valid() && id.slot < slots_.size() && slots_[id.slot].live && slots_[id.slot].generation == id.generation;
}

bool engine::step() {
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

void engine::run_until_time(time_point t) {
    while (auto next = next_time()) {
        if (*next > t) break;
        step();
    }
    if (t > now_) now_ = t;
}

bool engine::run_until(const std::function<bool()>& done, duration timeout) {
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

void engine::run_due() {
    while (auto next = next_time()) {
        if (*next > now_) break;
        step();
    }
}

std::optional<time_point> engine::next_time() {
    while (!heap_.empty()) {
        const entry& top = heap_.front();
        const auto& s = slots_[top.slot];
        if (s.live && s.generation == top.generation) return top.time;
        pop();
    }
    return std::nullopt;
}

timer_id engine::add(time_point t, lane l, callback fn) {
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
    heap_.push_back({t, (l == lane::idle ? idle_bit : 0) | seq_++, slot, s.generation});
    sift_up(heap_.size() - 1);
    return {slot, s.generation};
}

void engine::retire(std::uint32_t slot) {
    auto& s = slots_[slot];
    s.live = false;
    s.fn = nullptr;
    if (++s.generation == 0) s.generation = 1;
    free_.push_back(slot);
    --live_;
}

void engine::sift_up(std::size_t i) {
    while (i > 0) {
        std::size_t p = (i - 1) / 2;
        if (!before(heap_[i], heap_[p])) break;
        std::swap(heap_[i], heap_[p]);
        i = p;
    }
}

engine::entry engine::pop() {
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

}  // namespace kubesim::sim
