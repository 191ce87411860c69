// Definitions of images/builtin/support.hpp.
#pragma once

#include <kubesim/images/builtin/support.hpp>

#include <cstdint>

#include <kubesim/images/container.hpp>
#include <kubesim/sim/task_group.hpp>

namespace kubesim::images::support {

std::string go_log_time(sim::time_point t) {
    std::string s = sim::to_rfc3339(t);  // 2025-01-01T00:00:05Z
    s.pop_back();
    s[4] = '/';
    s[7] = '/';
    s[10] = ' ';
    return s;
}

void go_log(const process_context& ctx, std::string_view msg) {
    std::string line = go_log_time(ctx.now()) + " " + std::string(msg);
    if (line.empty() || line.back() != '\n') line += '\n';
    ctx.write_stderr(line);
}

std::optional<sim::duration> parse_go_duration(std::string_view s) {
    if (s == "0") return sim::duration{};
    if (s.empty()) return std::nullopt;
    std::int64_t total = 0;
    std::size_t i = 0;
    while (i < s.size()) {
        std::int64_t whole = 0, frac = 0, scale = 1;
        bool digits = false;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true) whole = whole * 10 + (s[i] - '0');
        if (i < s.size() && s[i] == '.')
            for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true)
                if (scale < 1000000000) {
                    frac = frac * 10 + (s[i] - '0');
                    scale *= 10;
                }
        if (!digits) return std::nullopt;
        std::size_t j = i;
        while (j < s.size() && !(s[j] >= '0' && s[j] <= '9') && s[j] != '.') ++j;
        const std::string_view unit = s.substr(i, j - i);
        std::int64_t us_per = 0;  // in nanoseconds, to keep "ns" exact
        if (unit == "ns") us_per = 1;
        else if (unit == "us" || unit == "\xc2\xb5s") us_per = 1000;
        else if (unit == "ms") us_per = 1000000;
        else if (unit == "s") us_per = 1000000000;
        else if (unit == "m") us_per = 60000000000;
        else if (unit == "h") us_per = 3600000000000;
        else return std::nullopt;
        total += whole * us_per + frac * us_per / scale;
        i = j;
    }
    return sim::duration(total / 1000);
}

request_target target_of(const http::request& req) {
    request_target t;
    std::string err;
    if (auto u = http::parse_url(req.url, err)) {
        t.url = *u;
        t.path = u->path.substr(0, u->path.find('?'));
        if (t.path.empty()) t.path = "/";
    }
    return t;
}

http::response text_response(int status, std::string body, std::string content_type) {
    http::response r;
    r.status = status;
    r.body = std::move(body);
    r.headers.emplace("Content-Type", std::move(content_type));
    return r;
}

bool flag_parser::parse(const std::vector<std::string>& args, std::size_t first, bool interspersed) {
    for (std::size_t i = first; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            positional.insert(positional.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            return true;
        }
        if (a.size() < 2 || a[0] != '-') {
            if (!interspersed) {
                positional.insert(positional.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
                return true;
            }
            positional.push_back(a);
            continue;
        }
        const std::string body = a.substr(a[1] == '-' ? 2 : 1);
        const auto eq = body.find('=');
        const std::string name = body.substr(0, eq);
        const spec* s = nullptr;
        for (const auto& k : known)
            if (k.name == name) s = &k;
        if (!s) {
            error = "flag provided but not defined: -" + name;
            return false;
        }
        if (eq != std::string::npos) {
            values.emplace_back(name, body.substr(eq + 1));
        } else if (s->boolean) {
            values.emplace_back(name, "true");
        } else if (i + 1 < args.size()) {
            values.emplace_back(name, args[++i]);
        } else {
            error = "flag needs an argument: -" + name;
            return false;
        }
    }
    return true;
}

std::optional<std::string> flag_parser::get(std::string_view name) const {
    std::optional<std::string> v;
    for (const auto& [k, val] : values)
        if (k == name) v = val;
    return v;
}

std::optional<int> parse_int(std::string_view s) {
    std::size_t i = !s.empty() && (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (i == s.size() || s.size() > 10) return std::nullopt;
    long long v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return std::nullopt;
        v = v * 10 + (s[i] - '0');
    }
    return static_cast<int>(s[0] == '-' ? -v : v);
}

shutdown_signal::shutdown_signal(const process_context& ctx)
    : slot_(std::make_shared<sim::oneshot<reason>>(ctx.engine())) {
    if (ctx.terminating()) {
        slot_->set(reason{true, 143, false});
    } else {
        // Holds the slot, not the frame: safe whenever SIGTERM comes.
        ctx.state()->on_signal.push_back([slot = slot_](int) { slot->set(reason{true, 143, false}); });
    }
}

void shutdown_signal::request_exit(int code, bool graceful) const { slot_->set(reason{false, code, graceful}); }
bool shutdown_signal::requested() const { return slot_->has_value(); }

sim::task<shutdown_signal::reason> shutdown_signal::wait_impl(std::shared_ptr<sim::oneshot<reason>> slot) {
    auto r = co_await slot->wait();
    co_return r.value_or(reason{true, 143, false});
}

}  // namespace kubesim::images::support
