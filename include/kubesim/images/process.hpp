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

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <kubesim/images/environment.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim {

class image;
class process_context;

// A file the container runtime puts into every container (/etc/hosts,
// /etc/hostname, /etc/resolv.conf): its path and how to make its text from the
// owner given to container_files::provide.
struct provided_file {
    std::string_view path;  // normalized
    std::string (*text)(const void* owner);
};

// A container's in-memory filesystem: files by absolute path, plus the
// directories made with mkdir (a file's parents exist implicitly). It lives as
// long as the container instance: a restart starts from the image again.
// Provided files are made when read, until the container writes or removes
// them: 150,000 containers do not each keep three copies of what their
// identity already says.
class container_files {
public:
    [[nodiscard]] std::optional<std::string> read(std::string_view path) const {
        const std::string p = normalize(path);
        auto it = files_.find(p);
        if (it != files_.end()) return it->second;
        if (const auto* f = provided(p)) return f->text(owner_);
        return std::nullopt;
    }
    void write(std::string_view path, std::string text) {
        std::string p = normalize(path);
        shadow(p);
        files_[std::move(p)] = std::move(text);
    }
    void append(std::string_view path, std::string_view text) {
        std::string p = normalize(path);
        if (const auto* f = provided(p)) {
            shadow(p);
            files_[p] = f->text(owner_);
        }
        files_[std::move(p)] += text;
    }
    bool remove(std::string_view path) {
        const std::string p = normalize(path);
        const bool was_provided = provided(p) != nullptr;
        shadow(p);
        return files_.erase(p) != 0 || dirs_.erase(p) != 0 || was_provided;
    }
    [[nodiscard]] bool exists(std::string_view path) const {
        const std::string p = normalize(path);
        return files_.count(p) != 0 || provided(p) != nullptr || is_dir(p);
    }
    [[nodiscard]] bool is_file(std::string_view path) const {
        const std::string p = normalize(path);
        return files_.count(p) != 0 || provided(p) != nullptr;
    }
    [[nodiscard]] bool is_dir(std::string_view path) const {
        const std::string p = normalize(path);
        if (p == "/" || dirs_.count(p)) return true;
        const std::string prefix = p + "/";
        auto f = files_.lower_bound(prefix);
        if (f != files_.end() && f->first.compare(0, prefix.size(), prefix) == 0) return true;
        for (std::size_t i = 0; i < provided_count_; ++i)
            if (visible(i) && provided_[i].path.substr(0, prefix.size()) == prefix) return true;
        auto d = dirs_.lower_bound(prefix);
        return d != dirs_.end() && d->compare(0, prefix.size(), prefix) == 0;
    }
    void mkdir(std::string_view path) { dirs_.insert(normalize(path)); }
    // The names directly inside dir, sorted (directories and files).
    [[nodiscard]] std::vector<std::string> list(std::string_view dir) const {
        std::string p = normalize(dir);
        const std::string prefix = p == "/" ? std::string("/") : p + "/";
        std::set<std::string> names;
        auto collect = [&](std::string_view path) {
            if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return;
            names.insert(std::string(path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size())));
        };
        for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
            collect(it->first);
        for (auto it = dirs_.lower_bound(prefix); it != dirs_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it)
            collect(*it);
        for (std::size_t i = 0; i < provided_count_; ++i)
            if (visible(i)) collect(provided_[i].path);
        return {names.begin(), names.end()};
    }

    // The runtime's files (at most 8), made from owner when read; owner must
    // outlive this filesystem.
    template <std::size_t N>
        requires(N <= 8)
    void provide(const provided_file (&files)[N], const void* owner) {
        provided_ = files;
        provided_count_ = N;
        shadowed_ = 0;
        owner_ = owner;
    }

    // "/a/./b//c/" -> "/a/b/c"; relative paths are taken from "/".
    static std::string normalize(std::string_view path) {
        std::vector<std::string_view> parts;
        std::size_t i = 0;
        while (i <= path.size()) {
            const std::size_t j = std::min(path.find('/', i), path.size());
            std::string_view part = path.substr(i, j - i);
            if (part == "..") {
                if (!parts.empty()) parts.pop_back();
            } else if (!part.empty() && part != ".") {
                parts.push_back(part);
            }
            i = j + 1;
        }
        std::string out;
        for (auto p : parts) {
            out += '/';
            out += p;
        }
        return out.empty() ? std::string("/") : out;
    }

private:
    [[nodiscard]] bool visible(std::size_t i) const noexcept { return !(shadowed_ >> i & 1U); }
    // The provided file at normalized path p, unless written or removed since.
    [[nodiscard]] const provided_file* provided(std::string_view p) const noexcept {
        for (std::size_t i = 0; i < provided_count_; ++i)
            if (visible(i) && provided_[i].path == p) return &provided_[i];
        return nullptr;
    }
    // From now on the file at p is the container's own (or gone).
    void shadow(std::string_view p) noexcept {
        for (std::size_t i = 0; i < provided_count_; ++i)
            if (provided_[i].path == p) shadowed_ = static_cast<std::uint8_t>(shadowed_ | 1U << i);
    }

    std::map<std::string, std::string, std::less<>> files_;
    std::set<std::string, std::less<>> dirs_;
    const provided_file* provided_{nullptr};
    const void* owner_{nullptr};
    std::uint8_t provided_count_{0};
    std::uint8_t shadowed_{0};  // provided files written or removed since
};

namespace images {

// One running container instance: what its processes share.
struct container_instance {
    std::string pod_name{}, namespace_name{}, pod_uid{}, pod_ip{}, node_name{}, container_name{};
    environment env{};
    container_files files{};
    std::string log{};                 // stdout and stderr of the main process, interleaved
    std::shared_ptr<image> img{};      // one image object per container instance
    net::network* network{nullptr};
    net::origin origin{};
    std::uint64_t next_pid{1};

    [[nodiscard]] std::optional<std::string> env_value(std::string_view name) const {
        const std::string* v = env.find(name);
        return v ? std::optional<std::string>(*v) : std::nullopt;
    }
};

// One process: the main one or an exec'd one.
struct process_state {
    std::shared_ptr<container_instance> container{};
    std::uint64_t pid{0};
    bool main{false};
    std::string out{}, err{};          // what an exec'd process wrote (main writes go to the log)
    int signal{0};                     // 15 once SIGTERM was sent
    std::vector<std::function<void(int)>> on_signal{};  // wait_until_killed waiters
    std::vector<std::int32_t> ports{};  // bound listeners
    std::function<void(std::string_view)> on_log{};  // main process output hook (the runtime)

    ~process_state() { close_listeners(); }
    void close_listeners() {
        if (!container || !container->network) return;
        if (auto ip = net::parse_ip(container->pod_ip))
            for (auto p : ports) container->network->close(*ip, p);
        ports.clear();
    }
    // SIGTERM: resumes the waiters (each through the engine).
    void terminate() {
        if (signal) return;
        signal = 15;
        auto ws = std::move(on_signal);
        on_signal.clear();
        for (auto& w : ws) w(143);
    }
};

}  // namespace images

class process_context {
public:
    process_context() = default;
    explicit process_context(std::shared_ptr<images::process_state> p) : p_(std::move(p)) {}

    [[nodiscard]] std::optional<std::string> env(std::string_view name) const { return c().env_value(name); }
    [[nodiscard]] images::env_list environment() const { return c().env.flatten(); }

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
    [[nodiscard]] sim::task<http::response> fetch(std::string url) const {
        http::request req;
        req.url = std::move(url);
        return c().network->fetch(c().origin, std::move(req), sim::duration{});
    }
    [[nodiscard]] sim::task<http::response> fetch(std::string url, http::request req) const {
        req.url = std::move(url);
        return c().network->fetch(c().origin, std::move(req), sim::duration{});
    }
    // fetch with a timeout (wget -T, probes): status 0 and the Go timeout text.
    [[nodiscard]] sim::task<http::response> fetch(std::string url, http::request req, sim::duration timeout) const {
        req.url = std::move(url);
        return c().network->fetch(c().origin, std::move(req), timeout);
    }
    [[nodiscard]] std::optional<net::dns_answer> resolve(std::string_view name) const {
        return c().network->resolve(c().origin, name);
    }

    [[nodiscard]] sim::task<void> sleep(sim::duration d) const { return sleep_impl(&c().network->engine(), d); }

    // Resumes with 143 on SIGTERM (at once if it already came). SIGKILL
    // destroys the process instead (exit code 137).
    [[nodiscard]] sim::task<int> wait_until_killed() const { return wait_impl(p_); }
    [[nodiscard]] bool terminating() const noexcept { return p_->signal != 0; }

    void write_stdout(std::string_view s) const { write(s, false); }
    void write_stderr(std::string_view s) const { write(s, true); }

    [[nodiscard]] sim::time_point now() const { return c().network->engine().now(); }
    [[nodiscard]] std::string_view pod_name() const { return c().pod_name; }
    [[nodiscard]] std::string_view namespace_name() const { return c().namespace_name; }
    [[nodiscard]] std::string_view pod_ip() const { return c().pod_ip; }
    [[nodiscard]] std::string_view node_name() const { return c().node_name; }
    [[nodiscard]] std::string_view container_name() const { return c().container_name; }
    [[nodiscard]] container_files& files() const { return p_->container->files; }
    [[nodiscard]] std::uint64_t pid() const { return p_->pid; }
    [[nodiscard]] sim::engine& engine() const { return c().network->engine(); }

    // Runs another command of this container's image inside this process and
    // returns its exit code (what a shell does for each command of a script).
    [[nodiscard]] sim::task<int> run(std::vector<std::string> argv) const;

    [[nodiscard]] const std::shared_ptr<images::process_state>& state() const noexcept { return p_; }

private:
    const images::container_instance& c() const { return *p_->container; }

    void bind(int port, net::handler fn) {
        auto ip = net::parse_ip(c().pod_ip);
        if (!ip || port < 1 || port > 65535 ||
            !c().network->listen(*ip, static_cast<std::int32_t>(port), std::move(fn), p_->pid))
            throw std::runtime_error("listen tcp :" + std::to_string(port) + ": bind: address already in use");
        p_->ports.push_back(static_cast<std::int32_t>(port));
    }

    void write(std::string_view s, bool err) const {
        if (p_->main) {
            p_->container->log += s;
            if (p_->on_log) p_->on_log(s);
        } else {
            (err ? p_->err : p_->out) += s;
        }
    }

    static sim::task<void> sleep_impl(sim::engine* e, sim::duration d) { co_await sim::sleep_for(*e, d); }

    struct signal_awaiter {
        std::shared_ptr<images::process_state> p;
        std::shared_ptr<int> code = std::make_shared<int>(0);
        sim::timer_id posted{};
        std::shared_ptr<bool> alive = std::make_shared<bool>(true);
        signal_awaiter(std::shared_ptr<images::process_state> ps) : p(std::move(ps)) {}
        signal_awaiter(const signal_awaiter&) = delete;
        signal_awaiter& operator=(const signal_awaiter&) = delete;
        ~signal_awaiter() {
            *alive = false;
            if (posted.valid()) p->container->network->engine().cancel(posted);
        }
        bool await_ready() const noexcept { return p->signal != 0; }
        void await_suspend(std::coroutine_handle<> h) {
            std::weak_ptr<bool> live = alive;
            p->on_signal.push_back([this, h, live](int c) {
                if (live.expired()) return;
                *code = c;
                posted = p->container->network->engine().post([this, h] {
                    posted = {};
                    h.resume();
                });
            });
        }
        int await_resume() const noexcept { return p->signal == 15 ? 143 : *code; }
    };
    static sim::task<int> wait_impl(std::shared_ptr<images::process_state> p) { co_return co_await signal_awaiter(p); }

    std::shared_ptr<images::process_state> p_{};
};

}  // namespace kubesim
