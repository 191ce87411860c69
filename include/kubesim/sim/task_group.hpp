// sim::task_group: fire-and-forget coroutines with an owner. spawn() starts a
// task on the engine; the group forgets it once it finishes and destroys every
// frame still running when the group itself dies (so nothing dangles at
// teardown and sanitizers see no leaks).
//
//   sim::task_group g(engine);
//   g.spawn(serve(request));        // runs as an engine entry at the current time
//
// An exception escaping a spawned task goes to the group's error handler (by
// default it is dropped: callers that care catch inside the task).
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <utility>

#include <kubesim/config.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::sim {

class task_group {
public:
    explicit task_group(engine& e) : eng_(&e), alive_(std::make_shared<bool>(true)) {}
    task_group(const task_group&) = delete;
    task_group& operator=(const task_group&) = delete;
    KUBESIM_DECL ~task_group();

    void on_error(std::function<void(std::exception_ptr)> fn) { on_error_ = std::move(fn); }

    template <class T>
    std::uint64_t spawn(task<T> t) {
        const std::uint64_t id = ++next_;
        auto r = sim::start(*eng_, std::move(t));
        std::weak_ptr<bool> alive = alive_;
        r.on_done([this, id, alive](std::exception_ptr e) {
            if (alive.expired()) return;
            if (e && on_error_) on_error_(e);
            // The frame is still executing its end: destroy it from a later entry.
            reapers_[id] = eng_->post([this, id] {
                reapers_.erase(id);
                tasks_.erase(id);
            });
        });
        tasks_.emplace(id, std::move(r));
        return id;
    }

    // Stops one spawned task now (destroys its frame). Not from inside it.
    KUBESIM_DECL void cancel(std::uint64_t id);

    [[nodiscard]] std::size_t size() const noexcept { return tasks_.size(); }

private:
    engine* eng_;
    std::shared_ptr<bool> alive_;
    std::uint64_t next_{0};
    std::map<std::uint64_t, root_task> tasks_;
    std::map<std::uint64_t, timer_id> reapers_;
    std::function<void(std::exception_ptr)> on_error_{};
};

// A value that one side sets and one coroutine awaits, with an optional
// deadline: co_await slot.wait(deadline) yields the value, or nullopt when the
// deadline passed first. The waiter resumes through the engine.
template <class T>
class oneshot {
public:
    explicit oneshot(engine& e) : eng_(&e) {}
    oneshot(const oneshot&) = delete;
    oneshot& operator=(const oneshot&) = delete;
    ~oneshot() {
        if (timer_.valid()) eng_->cancel(timer_);
        if (resume_.valid()) eng_->cancel(resume_);
    }

    [[nodiscard]] bool has_value() const noexcept { return value_.has_value(); }
    void set(T v) {
        if (value_ || expired_) return;
        value_ = std::move(v);
        if (waiter_) wake();
    }

    class awaiter {
    public:
        awaiter(oneshot& s, std::optional<time_point> deadline) : s_(&s), deadline_(deadline) {}
        awaiter(const awaiter&) = delete;
        awaiter& operator=(const awaiter&) = delete;
        // Destroyed while suspended (the waiting frame died): forget the waiter.
        ~awaiter() {
            if (!suspended_) return;
            s_->waiter_ = {};
            if (s_->timer_.valid()) s_->eng_->cancel(std::exchange(s_->timer_, {}));
            if (s_->resume_.valid()) s_->eng_->cancel(std::exchange(s_->resume_, {}));
        }
        bool await_ready() const noexcept { return s_->value_.has_value(); }
        void await_suspend(std::coroutine_handle<> h) {
            suspended_ = true;
            s_->waiter_ = h;
            if (deadline_)
                s_->timer_ = s_->eng_->schedule_at(*deadline_, [s = s_] {
                    s->timer_ = {};
                    s->expired_ = true;
                    s->wake();
                });
        }
        std::optional<T> await_resume() {
            suspended_ = false;
            if (s_->value_) return std::move(s_->value_);
            return std::nullopt;
        }

    private:
        oneshot* s_;
        std::optional<time_point> deadline_;
        bool suspended_{false};
    };
    [[nodiscard]] awaiter wait(std::optional<time_point> deadline = std::nullopt) { return awaiter(*this, deadline); }

private:
    void wake() {
        auto h = std::exchange(waiter_, {});
        if (!h) return;
        if (timer_.valid()) {
            eng_->cancel(timer_);
            timer_ = {};
        }
        resume_ = eng_->post([this, h]() mutable {
            resume_ = {};
            h.resume();
        });
    }

    engine* eng_;
    std::optional<T> value_{};
    bool expired_{false};
    std::coroutine_handle<> waiter_{};
    timer_id timer_{};
    timer_id resume_{};
};

}  // namespace kubesim::sim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/sim/task_group.ipp>
#endif
