// kubesim::process_context: what a process inside a simulated container sees.
// A cheap handle (one shared pointer) passed by value into image::exec.
//
//   ctx.env("HOSTNAME")                  the container environment
//   ctx.listen_http(8080, handler)       bind podIP:8080 (closed when the process exits)
//   co_await ctx.fetch("http://web/")    HTTP from this pod (cluster DNS, Services, localhost)
//   co_await ctx.sleep(5s)               virtual time
//   co_await ctx.wait_until_killed()     143 on SIGTERM
//   ctx.write_stdout("hello\n")          the container log (kubectl logs)
//   ctx.files().write("/tmp/x", "y")     the container's in-memory filesystem
//
// Signals follow Linux for PID 1 in a container: SIGTERM is delivered only to a
// process that waits for it (wait_until_killed resumes with 143); a process that
// ignores it keeps running until the grace period ends, then SIGKILL destroys its
// frame (exit code 137).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/container_files.hpp>
#include <kubesim/images/environment.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim {

class process_context;

namespace sim {
class engine;
}  // namespace sim

namespace images {
// The container runtime's state (container.hpp).
struct container_instance;
struct process_state;
}  // namespace images

class process_context {
public:
    process_context() = default;
    explicit process_context(std::shared_ptr<images::process_state> p) : p_(std::move(p)) {}

    [[nodiscard]] KUBESIM_DECL std::optional<std::string> env(std::string_view name) const;
    [[nodiscard]] KUBESIM_DECL images::env_list environment() const;

    // Binds podIP:port. handler: http::response(const http::request&) or
    // task<http::response>(http::request). Throws (the process fails) when
    // the port is taken: "listen tcp :8080: bind: address already in use".
    template <class Handler>
    void listen_http(int port, Handler h) {
        net::handler fn;
        if constexpr (std::is_invocable_r_v<sim::task<http::response>, Handler&, http::request>) {
            fn = [h = std::move(h)](http::request req) mutable -> sim::task<http::response> { return h(std::move(req)); };
        } else {
            static_assert(std::is_invocable_r_v<http::response, Handler&, const http::request&>,
                          "listen_http: the handler must be http::response(const http::request&) or "
                          "task<http::response>(http::request)");
            auto shared = std::make_shared<Handler>(std::move(h));
            fn = [shared](http::request req) -> sim::task<http::response> { co_return (*shared)(req); };
        }
        bind(port, std::move(fn));
    }

    // Two overloads rather than a defaulted request: g++ 12 mishandles a
    // defaulted class temporary inside a co_await expression.
    [[nodiscard]] KUBESIM_DECL sim::task<http::response> fetch(std::string url) const;
    [[nodiscard]] KUBESIM_DECL sim::task<http::response> fetch(std::string url, http::request req) const;
    // fetch with a timeout (wget -T, probes): status 0 and the Go timeout text.
    [[nodiscard]] KUBESIM_DECL sim::task<http::response> fetch(std::string url, http::request req,
                                                               sim::duration timeout) const;
    [[nodiscard]] KUBESIM_DECL std::optional<net::dns_answer> resolve(std::string_view name) const;

    [[nodiscard]] KUBESIM_DECL sim::task<void> sleep(sim::duration d) const;

    // Resumes with 143 on SIGTERM (at once if it already came). SIGKILL
    // destroys the process instead (exit code 137).
    [[nodiscard]] KUBESIM_DECL sim::task<int> wait_until_killed() const;
    [[nodiscard]] KUBESIM_DECL bool terminating() const noexcept;

    // Everything left on standard input (what `kubectl exec -i` sent), then
    // "" (end of file). Main processes have no input.
    [[nodiscard]] KUBESIM_DECL std::string read_stdin() const;

    void write_stdout(std::string_view s) const { write(s, false); }
    void write_stderr(std::string_view s) const { write(s, true); }

    [[nodiscard]] KUBESIM_DECL sim::time_point now() const;
    [[nodiscard]] KUBESIM_DECL std::string_view pod_name() const;
    [[nodiscard]] KUBESIM_DECL std::string_view namespace_name() const;
    [[nodiscard]] KUBESIM_DECL std::string_view pod_ip() const;
    [[nodiscard]] KUBESIM_DECL std::string_view node_name() const;
    [[nodiscard]] KUBESIM_DECL std::string_view container_name() const;
    [[nodiscard]] KUBESIM_DECL container_files& files() const;
    [[nodiscard]] KUBESIM_DECL std::uint64_t pid() const;
    [[nodiscard]] KUBESIM_DECL sim::engine& engine() const;

    // Runs another command of this container's image inside this process and
    // returns its exit code (what a shell does for each command of a script).
    // Defined with image (image.ipp).
    [[nodiscard]] KUBESIM_DECL sim::task<int> run(std::vector<std::string> argv) const;

    [[nodiscard]] const std::shared_ptr<images::process_state>& state() const noexcept { return p_; }

private:
    [[nodiscard]] KUBESIM_DECL const images::container_instance& c() const;

    KUBESIM_DECL void bind(int port, net::handler fn);

    KUBESIM_DECL void write(std::string_view s, bool err) const;

    KUBESIM_DECL static sim::task<void> sleep_impl(sim::engine* e, sim::duration d);

    struct signal_awaiter;
    KUBESIM_DECL static sim::task<int> wait_impl(std::shared_ptr<images::process_state> p);

    std::shared_ptr<images::process_state> p_{};
};

}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/process.ipp>
#endif
