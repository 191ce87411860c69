// What the tests that run the machine's real kubectl share: child processes
// with captured output, shell-like word splitting, and a cluster served over
// HTTP by a thread of its own (kubectl_real.cpp, oracle.cpp).
#pragma once

#include <kubesim/kubesim.hpp>
#include <kubesim/server.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace std::chrono_literals;
namespace fs = std::filesystem;
namespace api = kubesim::api;
using nlohmann::json;

namespace {

// ---- child processes -----------------------------------------------------------

struct run_result {
    int rc{-1};           // exit code; -1: killed after the timeout
    std::string out{}, err{};
    double seconds{0};
};

// Runs the program at path with argv in cwd and the environment env, stdin
// from `input`, capturing stdout and stderr; kills it (and its process group)
// after `timeout`.
run_result spawn(const std::string& path, const std::vector<std::string>& argv, const std::vector<std::string>& env,
                 const std::string& input, std::chrono::milliseconds timeout, const std::string& cwd) {
    run_result r;
    int in[2], out[2], err[2];
    if (pipe2(in, O_CLOEXEC) || pipe2(out, O_CLOEXEC) || pipe2(err, O_CLOEXEC))
        throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, in[0], 0);
    posix_spawn_file_actions_adddup2(&fa, out[1], 1);
    posix_spawn_file_actions_adddup2(&fa, err[1], 2);
    if (!cwd.empty()) posix_spawn_file_actions_addchdir_np(&fa, cwd.c_str());
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    // Its own process group (a kill reaches its children); SIGPIPE back to its default.
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF);
    posix_spawnattr_setpgroup(&attr, 0);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGPIPE);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    std::vector<char*> args, envp;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    for (const auto& e : env) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
    const auto start = std::chrono::steady_clock::now();
    pid_t pid = 0;
    const int rc = posix_spawn(&pid, path.c_str(), &fa, &attr, args.data(), envp.data());
    posix_spawn_file_actions_destroy(&fa);
    posix_spawnattr_destroy(&attr);
    close(in[0]);
    close(out[1]);
    close(err[1]);
    if (rc != 0) {
        close(in[1]);
        close(out[0]);
        close(err[0]);
        throw std::runtime_error("posix_spawn " + path + ": " + std::strerror(rc));
    }
    // stdin: small inputs fit the pipe; write it all, then close.
    std::size_t written = 0;
    bool in_open = true;
    fcntl(in[1], F_SETFL, O_NONBLOCK);
    const auto deadline = start + timeout;
    bool out_open = true, err_open = true, killed = false;
    while (out_open || err_open || in_open) {
        if (in_open && written == input.size()) {
            close(in[1]);
            in_open = false;
            continue;
        }
        pollfd fds[3];
        int n = 0;
        int io = -1, oo = -1, eo = -1;
        if (in_open) fds[io = n++] = {in[1], POLLOUT, 0};
        if (out_open) fds[oo = n++] = {out[0], POLLIN, 0};
        if (err_open) fds[eo = n++] = {err[0], POLLIN, 0};
        const auto left =
            std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0 && !killed) {
            kill(-pid, SIGKILL);
            killed = true;
        }
        const int wait_ms = killed ? 1000 : static_cast<int>(std::max<long long>(left.count(), 1));
        const int p = poll(fds, static_cast<nfds_t>(n), wait_ms);
        if (p < 0 && errno != EINTR) break;
        if (p == 0 && killed) break;
        char buf[65536];
        const auto drain = [&](int idx, int fd, std::string& to, bool& open) {
            if (idx < 0 || !(fds[idx].revents & (POLLIN | POLLHUP | POLLERR))) return;
            const ssize_t got = read(fd, buf, sizeof buf);
            if (got > 0) to.append(buf, static_cast<std::size_t>(got));
            else if (got == 0 || errno != EINTR) open = false;
        };
        drain(oo, out[0], r.out, out_open);
        drain(eo, err[0], r.err, err_open);
        if (io >= 0 && (fds[io].revents & (POLLOUT | POLLERR | POLLHUP))) {
            const ssize_t w = write(in[1], input.data() + written, input.size() - written);
            if (w > 0) written += static_cast<std::size_t>(w);
            else if (errno != EAGAIN && errno != EINTR) written = input.size();
        }
    }
    if (in_open) close(in[1]);
    close(out[0]);
    close(err[0]);
    int status = 0;
    if (!killed && std::chrono::steady_clock::now() >= deadline) {
        kill(-pid, SIGKILL);
        killed = true;
    }
    waitpid(pid, &status, 0);
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (killed) r.rc = -1;
    else if (WIFEXITED(status)) r.rc = WEXITSTATUS(status);
    else r.rc = 128 + WTERMSIG(status);
    return r;
}

// A command line split like a POSIX shell would for the cases here: words,
// '...' and "..." quoting, backslash escapes outside single quotes.
std::vector<std::string> split_words(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    bool have = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\'') {
            have = true;
            for (++i; i < s.size() && s[i] != '\''; ++i) cur += s[i];
        } else if (c == '"') {
            have = true;
            for (++i; i < s.size() && s[i] != '"'; ++i) {
                if (s[i] == '\\' && i + 1 < s.size() && (s[i + 1] == '"' || s[i + 1] == '\\')) ++i;
                cur += s[i];
            }
        } else if (c == '\\' && i + 1 < s.size()) {
            have = true;
            cur += s[++i];
        } else if (c == ' ' || c == '\n' || c == '\t') {
            if (have) words.push_back(std::exchange(cur, {}));
            have = false;
        } else {
            have = true;
            cur += c;
        }
    }
    if (have) words.push_back(cur);
    return words;
}

std::string replace_all(std::string s, std::string_view from, std::string_view to) {
    for (std::size_t p = 0; (p = s.find(from, p)) != std::string::npos; p += to.size()) s.replace(p, from.size(), to);
    return s;
}

// ---- the server thread -----------------------------------------------------------

// Runs the clock to `at` after the simulation epoch (2025-01-01T00:00:00Z).
void run_to(kubesim::cluster& c, kubesim::sim::duration at) {
    const auto now = c.now() - kubesim::sim::time_point{};
    if (now < at) c.run_for(at - now);
}

// A cluster served over HTTP by a thread of its own, which alone touches the
// cluster once serving starts; the test thread asks it to run things between
// commands (on_server) and waits for them.
class served_cluster {
public:
    // start: how far after the simulation epoch the cluster boots.
    served_cluster(kubesim::cluster_options copts, const std::function<void(kubesim::cluster&)>& setup,
                   const fs::path& dir, double speed = 0, kubesim::sim::duration start = {})
        : c_(std::move(copts)) {
        if (start > kubesim::sim::duration{}) c_.run_for(start);
        c_.init();
        setup(c_);
        server_ = std::make_unique<kubesim::api_server>(c_, kubesim::api_server_options{.speed = speed});
        fs::create_directories(dir);
        kubeconfig_ = (dir / "kubeconfig").string();
        server_->write_kubeconfig(kubeconfig_);
        thread_ = std::thread([this] { loop(); });
    }
    ~served_cluster() {
        stop_ = true;
        thread_.join();
    }
    served_cluster(const served_cluster&) = delete;
    served_cluster& operator=(const served_cluster&) = delete;

    [[nodiscard]] const std::string& kubeconfig() const { return kubeconfig_; }
    [[nodiscard]] std::string url() const { return server_->url(); }
    [[nodiscard]] std::size_t open_streams() const { return server_->open_streams(); }

    // Runs fn on the server thread, between polls, and waits for it.
    template <class F>
    auto on_server(F&& fn) -> decltype(fn(std::declval<kubesim::cluster&>())) {
        using R = decltype(fn(std::declval<kubesim::cluster&>()));
        std::packaged_task<R()> task([&] { return fn(c_); });
        auto fut = task.get_future();
        {
            std::lock_guard lock(mu_);
            tasks_.emplace_back([&task] { task(); });
        }
        return fut.get();
    }
    void advance_to(kubesim::sim::duration at) {
        on_server([at](kubesim::cluster& c) { run_to(c, at); });
    }

    // A `meanwhile` for commands that wait on the cluster (delete, wait,
    // rollout status): each call moves the clock by `step`, never past `until`,
    // so that the state afterwards (advance_to(until)) does not depend on how
    // long kubectl took. With start_when, the clock stands still until that
    // holds (until kubectl's own request has arrived, say).
    std::function<void()> ticking(kubesim::sim::duration step, kubesim::sim::duration until,
                                  std::function<bool(kubesim::cluster&)> start_when = {}) {
        auto started = std::make_shared<bool>(!start_when);
        return [this, step, until, start_when = std::move(start_when), started] {
            on_server([&](kubesim::cluster& c) {
                if (!*started && !start_when(c)) return;
                *started = true;
                const auto now = c.now() - kubesim::sim::time_point{};
                if (now < until) c.run_for(std::min(step, until - now));
            });
        };
    }

    // A `meanwhile` that runs fn once, as soon as a watch is open (kubectl get -w).
    std::function<void()> once_watching(std::function<void(kubesim::cluster&)> fn) {
        auto done = std::make_shared<bool>(false);
        return [this, fn = std::move(fn), done] {
            if (*done) return;
            on_server([&](kubesim::cluster& c) {
                if (server_->open_streams() == 0) return;
                fn(c);
                *done = true;
            });
        };
    }

private:
    void loop() {
        while (!stop_) {
            server_->poll(2ms);
            std::deque<std::function<void()>> now;
            {
                std::lock_guard lock(mu_);
                now.swap(tasks_);
            }
            for (auto& t : now) t();
        }
    }

    kubesim::cluster c_;
    std::unique_ptr<kubesim::api_server> server_;
    std::string kubeconfig_;
    std::thread thread_;
    std::atomic<bool> stop_{false};
    std::mutex mu_;
    std::deque<std::function<void()>> tasks_;
};

// ---- the state both tests start from ---------------------------------------------------

// The Deployment web (2 replicas of http-echo), the Service web, the pods talker
// (busybox printing two lines, then sleeping) and crasher (prints a line and
// exits 3, restarting with back-off), a ConfigMap, a Secret, and the namespace
// team-a with a pod: what kubectl_real's and the oracle's core_setup apply.
const char* const core_manifests = R"([
  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}},
  {"apiVersion": "apps/v1", "kind": "Deployment",
   "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0",
                                                  "args": ["-text=hello"],
                                                  "ports": [{"containerPort": 5678}]}]}}}},
  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 5678}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "talker", "labels": {"app": "talker", "tier": "backend"}},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36",
                            "command": ["sh", "-c", "echo hello; echo world; sleep 3600"]}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "crasher", "labels": {"app": "crasher"}},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36",
                            "command": ["sh", "-c", "echo attempt; exit 3"]}]}},
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"},
   "data": {"color": "blue", "size": "large"}},
  {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "creds"}, "type": "Opaque",
   "data": {"password": "czNjcjN0"}},
  {"apiVersion": "v1", "kind": "Pod",
   "metadata": {"name": "worker", "namespace": "team-a", "labels": {"app": "worker"}},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}}
])";

}  // namespace
