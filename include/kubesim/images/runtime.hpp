// The container runtime's process table: starts an image's exec() as a process
// of a container instance, turns its end into an exit code, delivers SIGTERM and
// SIGKILL. The kubelet runs containers with it; cluster.exec runs extra
// processes in a running container with it.
//
// Exit codes: exec's return value; 1 when an exception escapes it (the message
// goes to stderr, so to the container log for the main process); 137 when the
// process is killed (its frame is destroyed on the spot).
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <kubesim/images/image.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/sim/awaitables.hpp>

namespace kubesim::images {

class process {
public:
    using exit_fn = std::function<void(int exit_code)>;

    // Starts argv in container c at the current time (as an engine entry).
    // on_exit runs once, from the engine, when the process ends (not when kill()
    // is called: kill() reports 137 itself through on_exit, synchronously).
    process(std::shared_ptr<container_instance> c, std::vector<std::string> argv, bool main, exit_fn on_exit)
        : state_(std::make_shared<process_state>()), on_exit_(std::move(on_exit)) {
        state_->container = std::move(c);
        state_->pid = state_->container->next_pid++;
        state_->main = main;
        auto& eng = state_->container->network->engine();
        task_ = sim::start(eng, body(process_context(state_), std::move(argv), exit_code_));
        task_.on_done([this, &eng](std::exception_ptr) {
            // Runs at the end of the frame: report from a fresh entry.
            reporter_ = eng.post([this] {
                reporter_ = {};
                finish(exit_code_.value_or(1));
            });
        });
    }
    process(const process&) = delete;
    process& operator=(const process&) = delete;
    ~process() {
        if (reporter_.valid()) state_->container->network->engine().cancel(reporter_);
        task_.stop();
        state_->close_listeners();
    }

    [[nodiscard]] bool running() const noexcept { return !finished_; }
    [[nodiscard]] std::optional<int> exit_code() const noexcept { return finished_ ? exit_code_ : std::nullopt; }
    [[nodiscard]] const std::shared_ptr<process_state>& state() const noexcept { return state_; }
    [[nodiscard]] process_context context() const { return process_context(state_); }

    void terminate() {
        if (!finished_) state_->terminate();
    }
    // SIGKILL: the frame is destroyed now; exit code 137.
    void kill() {
        if (finished_) return;
        if (reporter_.valid()) {
            // It already ended; let the real code stand.
            state_->container->network->engine().cancel(reporter_);
            reporter_ = {};
            finish(exit_code_.value_or(1));
            return;
        }
        task_.stop();
        exit_code_ = 137;
        finish(137);
    }

private:
    static sim::task<void> body(process_context ctx, std::vector<std::string> argv, std::optional<int>& code) {
        std::string what;
        try {
            code = co_await ctx.run(std::move(argv));
            co_return;
        } catch (const std::exception& e) {
            what = e.what();
        } catch (...) {
            what = "unknown exception";
        }
        ctx.write_stderr(what + "\n");
        code = 1;
    }

    void finish(int code) {
        if (finished_) return;
        finished_ = true;
        exit_code_ = code;
        state_->close_listeners();
        if (on_exit_) on_exit_(code);
    }

    std::shared_ptr<process_state> state_;
    exit_fn on_exit_;
    std::optional<int> exit_code_{};
    bool finished_{false};
    sim::timer_id reporter_{};
    sim::root_task task_{};
};

}  // namespace kubesim::images
