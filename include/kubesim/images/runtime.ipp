// Definitions of images/runtime.hpp.
#pragma once

#include <kubesim/images/runtime.hpp>

#include <exception>
#include <utility>

#include <kubesim/images/container.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/network/network.hpp>

namespace kubesim::images {

process::process(std::shared_ptr<container_instance> c, std::vector<std::string> argv, bool main, exit_fn on_exit,
                 std::string stdin_data)
    : state_(std::make_shared<process_state>()), on_exit_(std::move(on_exit)) {
    state_->container = std::move(c);
    state_->stdin_data = std::move(stdin_data);
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

process::~process() {
    if (reporter_.valid()) state_->container->network->engine().cancel(reporter_);
    task_.stop();
    state_->close_listeners();
}

void process::terminate() {
    if (!finished_) state_->terminate();
}

void process::kill() {
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

sim::task<void> process::body(process_context ctx, std::vector<std::string> argv, std::optional<int>& code) {
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

void process::finish(int code) {
    if (finished_) return;
    finished_ = true;
    exit_code_ = code;
    state_->close_listeners();
    if (on_exit_) on_exit_(code);
}

}  // namespace kubesim::images
