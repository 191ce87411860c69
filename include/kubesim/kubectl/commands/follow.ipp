// What the commands that follow the cluster over time share (rollout status,
// wait, logs -f): watches read event by event, and the simulated clock run in
// steps until the command is done or its deadline passes.
#pragma once

#include <kubesim/kubectl/detail/cli.hpp>

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>

#include <kubesim/cluster.hpp>
#include <kubesim/server/rest.hpp>

namespace kubesim::kubectl::detail {

// An open watch (or followed log): what the server has sent so far.
class follow_stream {
public:
    // GET target; a non-2xx answer throws status_error.
    follow_stream(context& ctx, const std::string& target) {
        auto r = ctx.api->stream(target);
        if (r.status / 100 != 2) throw status_error(json::parse(r.body, nullptr, false));
        stream_ = std::move(r.stream);
        buf_ = std::move(r.body);
    }
    // The bytes received since the last call.
    std::string take_text() {
        std::string out = std::exchange(buf_, {});
        if (stream_) out += stream_->take();
        return out;
    }
    // The complete watch events received since the last call.
    std::vector<json> take_events() {
        lines_ += take_text();
        std::vector<json> out;
        std::size_t start = 0;
        for (auto nl = lines_.find('\n'); nl != std::string::npos; nl = lines_.find('\n', start)) {
            auto j = json::parse(lines_.substr(start, nl - start), nullptr, false);
            start = nl + 1;
            if (!j.is_discarded() && j.is_object()) out.push_back(std::move(j));
        }
        lines_.erase(0, start);
        return out;
    }
    [[nodiscard]] bool finished() const { return !stream_ || stream_->finished(); }

private:
    std::shared_ptr<server::body_stream> stream_;
    std::string buf_, lines_;
};

// How far a command that waits without a limit lets the clock run: kubectl
// would wait on; the library gives up after a simulated day.
inline constexpr sim::duration follow_unbounded = std::chrono::hours(24);

// The simulated clock a waiting command runs: event by event (done() is asked
// after every step of the engine, so the command returns at the instant it is
// done, as kubectl reacts to each watch event), until done() or the deadline.
// done() is asked first, at the current instant.
inline bool follow_run(context& ctx, std::optional<sim::time_point> deadline, const std::function<bool()>& done) {
    const auto limit = deadline.value_or(ctx.c->now() + follow_unbounded);
    if (done()) return true;
    const auto now = ctx.c->now();
    if (now >= limit) return false;
    const bool ok = ctx.c->run_until(done, limit - now);
    ctx.api->settle();
    return ok;
}

// The deadline `seconds` from the simulated now (none for 0).
inline std::optional<sim::time_point> follow_deadline(const context& ctx, double seconds) {
    if (seconds <= 0) return std::nullopt;
    return ctx.c->now() + std::chrono::duration_cast<sim::duration>(std::chrono::duration<double>(seconds));
}

// kubectl's informer-backed watch of one object (watchtools.UntilWithSync over
// a ListWatch with fieldSelector metadata.name=NAME): the listed object comes
// as ADDED, then every watch event. handle returns true when done; it may throw.
// Returns false on the deadline. precondition (when given) is told whether the
// list had the object; true ends the wait there.
inline bool follow_object(context& ctx, const resource_info& r, const std::string& ns, const std::string& name,
                          std::optional<sim::time_point> deadline, const std::function<bool(const json&)>& handle,
                          const std::function<bool(bool exists)>& precondition = {}) {
    const std::string selector = "?fieldSelector=" + query_escape("metadata.name=" + name);
    const auto list = ctx.api->get(r.path(ns) + selector);
    const std::string rv = list["metadata"].value("resourceVersion", std::string());
    const auto items = list.value("items", json::array());
    // The precondition sees the synced cache before any event is handled.
    if (precondition && precondition(!items.empty())) return true;
    for (const auto& item : items) {
        json obj = item;
        obj["apiVersion"] = r.group_version();
        obj["kind"] = r.kind;
        if (handle(json{{"type", "ADDED"}, {"object", std::move(obj)}})) return true;
    }
    follow_stream w(ctx, r.path(ns) + selector + "&allowWatchBookmarks=true&resourceVersion=" + query_escape(rv) +
                             "&watch=true");
    return follow_run(ctx, deadline, [&] {
        for (const auto& e : w.take_events()) {
            const std::string type = e.value("type", std::string());
            if (type == "BOOKMARK") continue;
            if (handle(e)) return true;
        }
        return false;
    });
}

}  // namespace kubesim::kubectl::detail
