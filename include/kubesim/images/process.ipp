// Definitions of images/process.hpp.
#pragma once

#include <kubesim/images/process.hpp>

#include <stdexcept>
#include <utility>

#include <kubesim/images/container.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/coroutine.hpp>
#include <kubesim/sim/engine.hpp>

namespace kubesim {

std::optional<std::string> process_context::env(std::string_view name) const { return c().env_value(name); }
images::env_list process_context::environment() const { return c().env.flatten(); }

sim::task<http::response> process_context::fetch(std::string url) const {
    http::request req;
    req.url = std::move(url);
    return c().network->fetch(c().origin, std::move(req), sim::duration{});
}
sim::task<http::response> process_context::fetch(std::string url, http::request req) const {
    req.url = std::move(url);
    return c().network->fetch(c().origin, std::move(req), sim::duration{});
}
sim::task<http::response> process_context::fetch(std::string url, http::request req, sim::duration timeout) const {
    req.url = std::move(url);
    return c().network->fetch(c().origin, std::move(req), timeout);
}
std::optional<net::dns_answer> process_context::resolve(std::string_view name) const {
    return c().network->resolve(c().origin, name);
}

sim::task<void> process_context::sleep(sim::duration d) const { return sleep_impl(&c().network->engine(), d); }

sim::task<int> process_context::wait_until_killed() const { return wait_impl(p_); }
bool process_context::terminating() const noexcept { return p_->signal != 0; }

sim::time_point process_context::now() const { return c().network->engine().now(); }
std::string_view process_context::pod_name() const { return c().pod_name; }
std::string_view process_context::namespace_name() const { return c().namespace_name; }
std::string_view process_context::pod_ip() const { return c().pod_ip; }
std::string_view process_context::node_name() const { return c().node_name; }
std::string_view process_context::container_name() const { return c().container_name; }
container_files& process_context::files() const { return p_->container->files; }
std::uint64_t process_context::pid() const { return p_->pid; }
sim::engine& process_context::engine() const { return c().network->engine(); }

const images::container_instance& process_context::c() const { return *p_->container; }

void process_context::bind(int port, net::handler fn) {
    auto ip = net::parse_ip(c().pod_ip);
    if (!ip || port < 1 || port > 65535 ||
        !c().network->listen(*ip, static_cast<std::int32_t>(port), std::move(fn), p_->pid))
        throw std::runtime_error("listen tcp :" + std::to_string(port) + ": bind: address already in use");
    p_->ports.push_back(static_cast<std::int32_t>(port));
}

std::string process_context::read_stdin() const { return std::exchange(p_->stdin_data, {}); }

void process_context::write(std::string_view s, bool err) const {
    if (p_->main) {
        auto& c = *p_->container;
        // Every line that starts in this write is stamped with the time of the write.
        const auto t = now();
        for (std::size_t i = 0; i < s.size(); ++i)
            if ((c.log.empty() && i == 0) || (i == 0 ? c.log.back() == '\n' : s[i - 1] == '\n'))
                c.log_marks.push_back({c.log.size() + i, t});
        c.log += s;
        if (p_->on_log) p_->on_log(s);
    } else {
        (err ? p_->err : p_->out) += s;
    }
}

sim::task<void> process_context::sleep_impl(sim::engine* e, sim::duration d) { co_await sim::sleep_for(*e, d); }

struct process_context::signal_awaiter {
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
            posted = p->container->network->engine().post([this, h]() mutable {
                posted = {};
                h.resume();
            });
        });
    }
    int await_resume() const noexcept { return p->signal == 15 ? 143 : *code; }
};

sim::task<int> process_context::wait_impl(std::shared_ptr<images::process_state> p) {
    co_return co_await signal_awaiter(p);
}

}  // namespace kubesim
