#pragma once

#include <kubesim/testing/property.hpp>

#include <algorithm>
#include <deque>
#include <string>
#include <utility>

#include <kubesim/api/kinds.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/trace.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::testing {

namespace detail {

KUBESIM_DECL bool disruptive(action_kind k) {
    switch (k) {
        case action_kind::scale:
        case action_kind::set_image:
        case action_kind::add_node: return false;
        default: return true;
    }
}

KUBESIM_DECL std::string hex(std::uint64_t v) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) out[static_cast<std::size_t>(i)] = digits[v & 15];
    return "0x" + out;
}

}  // namespace detail

KUBESIM_DECL std::string failure::report() const {
    std::string out = "property failed: seed " + std::to_string(seed) + ", step " + std::to_string(step) + ", at " +
                      sim::format_offset(time) + " (virtual)\n";
    out += "invariant " + invariant + ": " + message + "\n";
    out += "schedule (" + std::to_string(actions.size()) + (actions.size() == 1 ? " action" : " actions") +
           ", as executed):\n";
    for (const auto& a : actions) out += "  " + to_string(a) + "\n";
    if (!trace.empty()) {
        out += "trace, the last " + std::to_string(trace.size()) + " lines (hash " + detail::hex(trace_hash) + "):\n";
        for (const auto& l : trace) out += "  " + l + "\n";
    }
    out += "replay: kubesim::testing::run(prop, " + std::to_string(seed) +
           ", kubesim::testing::parse_schedule(SCHEDULE)) with the schedule above, or testing::replay(prop, failure)\n";
    return out;
}

KUBESIM_DECL run_result run(const property& p, std::uint64_t seed, const run_options& opts) {
    return run(p, seed, draw_schedule(seed, p.chaos), opts);
}

KUBESIM_DECL run_result run(const property& p, std::uint64_t seed, const schedule& s, const run_options& opts) {
    run_result res;
    res.seed = seed;
    cluster_options co = p.cluster;
    co.seed = seed;
    std::deque<std::string> tail;
    std::optional<run_result> out;
    {
        kubesim::cluster c(co);
        if (opts.trace)
            c.trace().set_sink([&tail, keep = p.trace_lines](std::string_view line) {
                if (keep == 0) return;
                if (tail.size() >= keep) tail.pop_front();
                tail.emplace_back(line);
            });
        if (p.setup) p.setup(c);
        std::vector<check_fn> checks;
        checks.reserve(p.invariants.size());
        for (const auto& inv : p.invariants) checks.push_back(inv.start ? inv.start(c) : check_fn{});

        schedule pending = s;
        std::stable_sort(pending.begin(), pending.end(), [](const action& x, const action& y) { return x.at < y.at; });
        const sim::time_point t0 = c.now();
        std::uint64_t last_rv = 0;
        std::optional<sim::time_point> last_disruption;
        bool stopped = false;

        auto fail = [&](const std::string& name, std::string message) {
            failure f;
            f.seed = seed;
            f.step = res.steps;
            f.time = c.now();
            f.invariant = name;
            f.message = std::move(message);
            f.actions = res.actions;
            f.trace.assign(tail.begin(), tail.end());
            f.trace_hash = c.trace().hash();
            res.failed = std::move(f);
            if (opts.on_stop) opts.on_stop(c);
        };
        // Runs every invariant; true when one fails.
        auto check = [&]() -> bool {
            const bool faults = c.faults_active();
            if (faults) last_disruption = c.now();
            const std::uint64_t rv = c.store().resource_version();
            const check_context ctx{c, res.steps, c.now(), rv != last_rv, faults, last_disruption};
            last_rv = rv;
            ++res.checks;
            for (std::size_t i = 0; i < checks.size(); ++i) {
                if (!checks[i]) continue;
                if (auto e = checks[i](ctx)) {
                    fail(p.invariants[i].name, std::move(*e));
                    return true;
                }
            }
            return false;
        };
        // Steps through every event due up to `end`, checking after each;
        // true when the run ends (a failure, or the step to stop at).
        auto run_to = [&](sim::time_point end) -> bool {
            for (;;) {
                auto next = c.engine().next_time();
                if (!next || *next > end) break;
                if (opts.stop_at_step && res.steps >= *opts.stop_at_step) {
                    stopped = true;
                    if (opts.on_stop) opts.on_stop(c);
                    return true;
                }
                c.step();
                ++res.steps;
                if (check()) return true;
            }
            if (end > c.now()) c.engine().run_until_time(end);
            return false;
        };

        bool ended = check();
        for (auto& a : pending) {
            if (ended) break;
            if ((ended = run_to(t0 + a.at))) break;
            const bool done = execute(c, a, p.chaos);
            if (done && detail::disruptive(a.kind)) last_disruption = c.now();
            res.actions.push_back(a);
            ended = check();
        }
        if (!ended) ended = run_to(t0 + p.chaos.horizon);
        if (!ended) {
            // The faults end: every partition healed, every stopped machine started.
            bool recovered = false;
            if (c.faults_active()) {
                c.heal();
                auto nodes = c.client<api::node>();
                for (const auto& n : c.node_names())
                    if (!c.node_running(n) && nodes.get_shared(n)) c.start_node(n);
                recovered = true;
            }
            if (recovered) last_disruption = c.now();
            ended = check() || run_to(t0 + p.chaos.horizon + p.settle);
        }
        if (!ended) {
            const check_context ctx{c, res.steps, c.now(), true, c.faults_active(), last_disruption};
            for (const auto& inv : p.final_checks) {
                if (!inv.start) continue;
                if (auto e = inv.start(c)(ctx)) {
                    fail(inv.name, std::move(*e));
                    break;
                }
            }
        }
        (void)stopped;
        checks.clear();  // before the cluster: checks may hold watches on its store
    }
    if (res.failed && opts.replay_failure && !opts.trace) {
        run_options again;
        again.trace = true;
        again.replay_failure = false;
        again.stop_at_step = res.failed->step;
        auto r = run(p, seed, res.failed->actions, again);
        if (r.failed && r.failed->invariant == res.failed->invariant && r.failed->step == res.failed->step) {
            res.failed->trace = std::move(r.failed->trace);
            res.failed->trace_hash = r.failed->trace_hash;
        } else {
            res.failed->message += " [the replay with the trace on did not fail the same way: " +
                                   (r.failed ? r.failed->invariant + " at step " + std::to_string(r.failed->step)
                                             : std::string("no failure")) +
                                   "]";
        }
    }
    return res;
}

KUBESIM_DECL run_result replay(const property& p, const failure& f, std::function<void(kubesim::cluster&)> on_stop) {
    run_options o;
    o.stop_at_step = f.step;
    o.on_stop = std::move(on_stop);
    o.trace = true;
    o.replay_failure = false;
    return run(p, f.seed, f.actions, o);
}

KUBESIM_DECL failure shrink(const property& p, const failure& f, shrink_options opts) {
    int runs = 0;
    run_options quiet;
    quiet.replay_failure = false;
    // The executed schedule of a run of `cand` when it fails the same invariant.
    auto fails = [&](const schedule& cand) -> std::optional<schedule> {
        if (runs >= opts.max_runs) return std::nullopt;
        ++runs;
        auto r = run(p, f.seed, cand, quiet);
        if (r.failed && r.failed->invariant == f.invariant) return r.failed->actions;
        return std::nullopt;
    };
    schedule cur = f.actions;
    if (auto r = fails({})) cur = *r;
    // Delta debugging (ddmin): remove one of n chunks; on success go on with
    // fewer chunks, else with more, down to single actions.
    std::size_t n = 2;
    while (cur.size() >= 1 && runs < opts.max_runs) {
        n = std::min(n, cur.size());
        const std::size_t chunk = (cur.size() + n - 1) / n;
        bool reduced = false;
        for (std::size_t start = 0; start < cur.size(); start += chunk) {
            schedule cand;
            for (std::size_t i = 0; i < cur.size(); ++i)
                if (i < start || i >= start + chunk) cand.push_back(cur[i]);
            if (auto r = fails(cand)) {
                cur = *r;
                n = std::max<std::size_t>(n - 1, 2);
                reduced = true;
                break;
            }
        }
        if (reduced) continue;
        if (n >= cur.size()) break;
        n = std::min(cur.size(), n * 2);
    }
    // Simplify: each action as early as it can be (its predecessor's time, or half its own).
    for (std::size_t i = 0; i < cur.size() && runs < opts.max_runs; ++i) {
        const sim::duration prev = i == 0 ? sim::duration{} : cur[i - 1].at;
        for (sim::duration to : {prev, prev + (cur[i].at - prev) / 2}) {
            if (to >= cur[i].at) continue;
            schedule cand = cur;
            cand[i].at = to;
            if (auto r = fails(cand)) {
                if (r->size() <= cur.size()) {
                    cur = *r;
                    break;
                }
            }
        }
    }
    run_options loud;
    auto r = run(p, f.seed, cur, loud);
    if (r.failed) return *r.failed;
    return f;
}

}  // namespace kubesim::testing
