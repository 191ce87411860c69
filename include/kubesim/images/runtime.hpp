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
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::images {

class process {
public:
    using exit_fn = std::function<void(int exit_code)>;

    // Starts argv in container c at the current time (as an engine entry).
    // on_exit runs once, from the engine, when the process ends (not when kill()
    // is called: kill() reports 137 itself through on_exit, synchronously).
    // stdin_data: what the process reads from its standard input (exec -i), then end of file.
    KUBESIM_DECL process(std::shared_ptr<container_instance> c, std::vector<std::string> argv, bool main, exit_fn on_exit,
                         std::string stdin_data = {});
    process(const process&) = delete;
    process& operator=(const process&) = delete;
    KUBESIM_DECL ~process();

    [[nodiscard]] bool running() const noexcept { return !finished_; }
    [[nodiscard]] std::optional<int> exit_code() const noexcept { return finished_ ? exit_code_ : std::nullopt; }
    [[nodiscard]] const std::shared_ptr<process_state>& state() const noexcept { return state_; }
    [[nodiscard]] process_context context() const { return process_context(state_); }

    KUBESIM_DECL void terminate();
    // SIGKILL: the frame is destroyed now; exit code 137.
    KUBESIM_DECL void kill();

private:
    KUBESIM_DECL static sim::task<void> body(process_context ctx, std::vector<std::string> argv, std::optional<int>& code);

    KUBESIM_DECL void finish(int code);

    std::shared_ptr<process_state> state_;
    exit_fn on_exit_;
    std::optional<int> exit_code_{};
    bool finished_{false};
    sim::timer_id reporter_{};
    sim::root_task task_{};
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/runtime.ipp>
#endif
