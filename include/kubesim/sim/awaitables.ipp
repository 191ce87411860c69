// Definitions of sim/awaitables.hpp.
#pragma once

#include <kubesim/sim/awaitables.hpp>

namespace kubesim::sim {

void sleep_awaiter::await_suspend(std::coroutine_handle<> h) {
    id_ = eng_->schedule_at(until_, [this, h]() mutable {
        id_ = {};
        h.resume();
    });
}

void event::set() {
    if (set_) return;
    set_ = true;
    auto ws = std::move(waiters_);
    waiters_.clear();
    for (auto* w : ws) {
        w->ev_ = nullptr;
        w->id_ = eng_->post([w] {
            w->id_ = {};
            w->h_.resume();
        });
    }
}

event::awaiter::~awaiter() {
    if (ev_) {
        auto& ws = ev_->waiters_;
        for (auto it = ws.begin(); it != ws.end(); ++it)
            if (*it == this) {
                ws.erase(it);
                break;
            }
    }
    if (id_.valid()) eng_->cancel(id_);
}

root_task::root_task(root_task&& o) noexcept
    : eng_(o.eng_),
      h_(std::exchange(o.h_, {})),
      start_(std::exchange(o.start_, {})),
      done_(o.done_),
      error_(std::move(o.error_)) {}

root_task& root_task::operator=(root_task&& o) noexcept {
    if (this != &o) {
        stop();
        eng_ = o.eng_;
        h_ = std::exchange(o.h_, {});
        start_ = std::exchange(o.start_, {});
        done_ = o.done_;
        error_ = std::move(o.error_);
    }
    return *this;
}

void root_task::on_done(std::function<void(std::exception_ptr)> fn) {
    if (h_) h_.promise().state.on_done = std::move(fn);
}

void root_task::stop() noexcept {
    if (eng_ && start_.valid()) eng_->cancel(start_);
    start_ = {};
    if (h_) {
        done_ = h_.promise().state.done;
        error_ = std::move(h_.promise().state.error);
        h_.destroy();
    }
    h_ = {};
}

}  // namespace kubesim::sim
