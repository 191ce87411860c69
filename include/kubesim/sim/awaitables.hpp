// Awaitables on the engine's clock, and the way plain code starts a coroutine.
//
//   co_await sim::sleep_for(eng, 2s);     // resumes 2 s of simulated time later
//   co_await sim::sleep_until(eng, t);
//   sim::event ready(eng); co_await ready; ready.set();   // one-shot
//   sim::root_task r = sim::start(eng, my_task());          // owns the frame
//
// Every resumption goes through the engine queue, never inline from the code that
// triggered it, so step() sees each continuation as one entry. Each awaiter
// cancels its pending engine entry when its frame is destroyed.
#pragma once

#include <exception>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/sim/coroutine.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::sim {

class sleep_awaiter {
public:
    sleep_awaiter(engine& e, time_point until) noexcept : eng_(&e), until_(until) {}
    sleep_awaiter(const sleep_awaiter&) = delete;
    sleep_awaiter& operator=(const sleep_awaiter&) = delete;
    sleep_awaiter(sleep_awaiter&& o) noexcept : eng_(o.eng_), until_(o.until_), id_(std::exchange(o.id_, {})) {}
    ~sleep_awaiter() {
        if (id_.valid()) eng_->cancel(id_);
    }
    bool await_ready() const noexcept { return false; }
    KUBESIM_DECL void await_suspend(std::coroutine_handle<> h);
    void await_resume() noexcept {}

private:
    engine* eng_;
    time_point until_;
    timer_id id_{};
};

[[nodiscard]] inline sleep_awaiter sleep_until(engine& e, time_point t) { return {e, t}; }
[[nodiscard]] inline sleep_awaiter sleep_for(engine& e, duration d) { return {e, e.now() + d}; }

// A one-shot event: waiters suspend until set(); set() resumes each of them
// through the engine at the current time, in the order they started waiting.
// Waiting on an event that is already set does not suspend.
class event {
public:
    explicit event(engine& e) noexcept : eng_(&e) {}
    event(const event&) = delete;
    event& operator=(const event&) = delete;
    ~event() {
        for (auto* w : waiters_) w->ev_ = nullptr;
    }

    [[nodiscard]] bool is_set() const noexcept { return set_; }
    KUBESIM_DECL void set();

    class awaiter {
    public:
        explicit awaiter(event& ev) noexcept : ev_(&ev), eng_(ev.eng_) {}
        awaiter(const awaiter&) = delete;
        awaiter& operator=(const awaiter&) = delete;
        KUBESIM_DECL ~awaiter();
        bool await_ready() const noexcept { return ev_ == nullptr || ev_->set_; }
        void await_suspend(std::coroutine_handle<> h) {
            h_ = h;
            ev_->waiters_.push_back(this);
        }
        void await_resume() noexcept { ev_ = nullptr; }

    private:
        friend class event;
        event* ev_;
        engine* eng_;
        std::coroutine_handle<> h_{};
        timer_id id_{};
    };

    awaiter operator co_await() noexcept { return awaiter(*this); }

private:
    engine* eng_;
    bool set_{false};
    std::vector<awaiter*> waiters_;
};

namespace detail {

struct root_state {
    bool done{false};
    std::exception_ptr error{};
    std::function<void(std::exception_ptr)> on_done{};
};

// The frame that drives a root task: it stays suspended at its end so its owner
// (root_task) decides when it is destroyed. Its state lives in the promise, so
// a root task costs its frame and nothing beside it.
struct root_coro {
    struct promise_type {
        root_state state{};
        root_coro get_return_object() noexcept {
            return root_coro{std::coroutine_handle<promise_type>::from_promise(*this)};
        }
        std::suspend_always initial_suspend() const noexcept { return {}; }
        std::suspend_always final_suspend() const noexcept { return {}; }
        void return_void() const noexcept {}
        void unhandled_exception() noexcept { state.error = std::current_exception(); }
    };
    std::coroutine_handle<promise_type> h;
};

// co_await own_state{} inside a root_coro: its promise's state, without suspending.
struct own_state {
    root_state* st{nullptr};
    [[nodiscard]] bool await_ready() const noexcept { return false; }
    bool await_suspend(std::coroutine_handle<root_coro::promise_type> h) noexcept {
        st = &h.promise().state;
        return false;
    }
    [[nodiscard]] root_state* await_resume() const noexcept { return st; }
};

template <class T>
root_coro run_root(task<T> t) {
    root_state* st = co_await own_state{};
    try {
        if constexpr (std::is_void_v<T>) {
            co_await std::move(t);
        } else {
            (void)co_await std::move(t);
        }
    } catch (...) {
        st->error = std::current_exception();
    }
    st->done = true;
    if (st->on_done) st->on_done(st->error);
}

}  // namespace detail

// Owns a started root coroutine. Destroying it (or calling stop()) destroys the
// frame wherever it is suspended, cancelling its pending awaiters.
class root_task {
public:
    root_task() = default;
    root_task(engine& e, detail::root_coro c) : eng_(&e), h_(c.h) {}
    KUBESIM_DECL root_task(root_task&& o) noexcept;
    KUBESIM_DECL root_task& operator=(root_task&& o) noexcept;
    root_task(const root_task&) = delete;
    root_task& operator=(const root_task&) = delete;
    ~root_task() { stop(); }

    [[nodiscard]] bool valid() const noexcept { return static_cast<bool>(h_); }
    [[nodiscard]] bool done() const noexcept { return h_ ? h_.promise().state.done : done_; }
    [[nodiscard]] std::exception_ptr error() const noexcept { return h_ ? h_.promise().state.error : error_; }
    KUBESIM_DECL void on_done(std::function<void(std::exception_ptr)> fn);
    // Destroys the frame (must not be called from inside the coroutine itself).
    // done() and error() keep answering what the frame said.
    KUBESIM_DECL void stop() noexcept;

private:
    template <class T>
    friend root_task start(engine& e, task<T> t);
    engine* eng_{nullptr};
    std::coroutine_handle<detail::root_coro::promise_type> h_{};
    timer_id start_{};
    bool done_{false};
    std::exception_ptr error_{};
};

// Starts t on the engine: its body begins at the current time, as an engine entry.
template <class T>
[[nodiscard]] root_task start(engine& e, task<T> t) {
    auto c = detail::run_root(std::move(t));
    root_task r(e, c);
    auto h = c.h;
    r.start_ = e.post([h]() mutable { h.resume(); });
    return r;
}

}  // namespace kubesim::sim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/sim/awaitables.ipp>
#endif
