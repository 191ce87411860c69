#pragma once

#include <kubesim/testing/schedule.hpp>

#include <algorithm>
#include <cstdlib>
#include <string>
#include <utility>

#include <kubesim/api/kinds.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/errors.hpp>

namespace kubesim::testing {

KUBESIM_DECL std::string_view to_string(action_kind k) {
    switch (k) {
        case action_kind::scale: return "scale";
        case action_kind::set_image: return "set_image";
        case action_kind::delete_pod: return "delete_pod";
        case action_kind::kill_container: return "kill_container";
        case action_kind::stop_node: return "stop_node";
        case action_kind::start_node: return "start_node";
        case action_kind::add_node: return "add_node";
        case action_kind::remove_node: return "remove_node";
        case action_kind::partition_nodes: return "partition_nodes";
        case action_kind::partition_control_plane: return "partition_control_plane";
        case action_kind::heal: return "heal";
    }
    return "?";
}

KUBESIM_DECL int action_weights::of(action_kind k) const {
    switch (k) {
        case action_kind::scale: return scale;
        case action_kind::set_image: return set_image;
        case action_kind::delete_pod: return delete_pod;
        case action_kind::kill_container: return kill_container;
        case action_kind::stop_node: return stop_node;
        case action_kind::start_node: return start_node;
        case action_kind::add_node: return add_node;
        case action_kind::remove_node: return remove_node;
        case action_kind::partition_nodes: return partition_nodes;
        case action_kind::partition_control_plane: return partition_control_plane;
        case action_kind::heal: return heal;
    }
    return 0;
}

KUBESIM_DECL schedule draw_schedule(std::uint64_t seed, const chaos_options& opts) {
    sim::random rng = sim::random(seed).fork("chaos");
    std::int64_t total = 0;
    for (int k = 0; k < action_kinds; ++k) {
        const auto kind = static_cast<action_kind>(k);
        if (kind == action_kind::set_image && opts.images.empty()) continue;
        total += std::max(0, opts.weights.of(kind));
    }
    schedule out;
    if (total == 0 || opts.actions <= 0) return out;
    const auto horizon_ms = std::max<std::int64_t>(
        1, std::chrono::duration_cast<std::chrono::milliseconds>(opts.horizon).count());
    for (int i = 0; i < opts.actions; ++i) {
        action a;
        a.at = std::chrono::milliseconds(rng.between(0, horizon_ms - 1));
        std::int64_t w = rng.between(0, total - 1);
        for (int k = 0; k < action_kinds; ++k) {
            const auto kind = static_cast<action_kind>(k);
            if (kind == action_kind::set_image && opts.images.empty()) continue;
            const int wk = std::max(0, opts.weights.of(kind));
            if (w < wk) {
                a.kind = kind;
                break;
            }
            w -= wk;
        }
        a.pick = rng.next();
        if (a.kind == action_kind::scale)
            a.replicas = static_cast<std::int32_t>(rng.between(opts.min_replicas, std::max(opts.min_replicas, opts.max_replicas)));
        if (a.kind == action_kind::set_image) a.image = opts.images[static_cast<std::size_t>(rng.below(opts.images.size()))];
        out.push_back(std::move(a));
    }
    // Stable: actions drawn for the same millisecond keep their drawing order.
    std::stable_sort(out.begin(), out.end(), [](const action& x, const action& y) { return x.at < y.at; });
    return out;
}

namespace detail {

// The recorded target when it is still a candidate, else the pick's.
KUBESIM_DECL std::string choose(const std::vector<std::string>& candidates, const std::string& recorded,
                                std::uint64_t pick) {
    if (candidates.empty()) return {};
    if (!recorded.empty() && std::find(candidates.begin(), candidates.end(), recorded) != candidates.end())
        return recorded;
    return candidates[static_cast<std::size_t>(pick % candidates.size())];
}

KUBESIM_DECL std::vector<std::string> deployment_candidates(cluster& c, const chaos_options& opts) {
    std::vector<std::string> out;
    for (const auto& d : c.client<api::deployment>(opts.namespace_).list().value().items) {
        if (d.metadata.deletion_timestamp) continue;
        if (!opts.deployments.empty() &&
            std::find(opts.deployments.begin(), opts.deployments.end(), d.metadata.name) == opts.deployments.end())
            continue;
        out.push_back(d.metadata.name);
    }
    return out;
}

// Machines whose Node object exists (a removed node's machine is gone).
KUBESIM_DECL std::vector<std::string> node_candidates(cluster& c) {
    std::vector<std::string> out;
    auto nodes = c.client<api::node>();
    for (auto& n : c.node_names())
        if (nodes.get_shared(n)) out.push_back(std::move(n));
    return out;
}

}  // namespace detail

KUBESIM_DECL bool execute(cluster& c, action& a, const chaos_options& opts) {
    if (a.skipped) return false;
    auto skip = [&] {
        a.skipped = true;
        a.target.clear();
        a.peer.clear();
        return false;
    };
    switch (a.kind) {
        case action_kind::scale:
        case action_kind::set_image: {
            a.namespace_ = opts.namespace_;
            a.target = detail::choose(detail::deployment_candidates(c, opts), a.target, a.pick);
            if (a.target.empty()) return skip();
            auto deployments = c.client<api::deployment>(a.namespace_);
            auto d = deployments.get(a.target).value();
            if (a.kind == action_kind::scale) {
                d.spec.replicas = a.replicas;
            } else {
                for (auto& ctr : d.spec.template_.spec.containers) ctr.image = a.image;
            }
            deployments.update(d).value();
            return true;
        }
        case action_kind::delete_pod:
        case action_kind::kill_container: {
            a.namespace_ = opts.namespace_;
            std::vector<std::string> pods;
            for (const auto& p : c.client<api::pod>(a.namespace_).list().value().items) {
                if (p.metadata.deletion_timestamp) continue;
                if (a.kind == action_kind::kill_container &&
                    (p.spec.node_name.empty() || p.spec.containers.empty() || !c.node_running(p.spec.node_name) ||
                     !c.container_running(a.namespace_, p.metadata.name)))
                    continue;
                pods.push_back(p.metadata.name);
            }
            a.target = detail::choose(pods, a.target, a.pick);
            if (a.target.empty()) return skip();
            if (a.kind == action_kind::delete_pod)
                (void)c.client<api::pod>(a.namespace_).remove(a.target).value();
            else
                c.kill_container(a.namespace_, a.target);
            return true;
        }
        case action_kind::stop_node:
        case action_kind::start_node: {
            std::vector<std::string> nodes, running;
            for (auto& n : detail::node_candidates(c)) {
                const bool up = c.node_running(n);
                if (up) running.push_back(n);
                if (up == (a.kind == action_kind::stop_node)) nodes.push_back(std::move(n));
            }
            if (a.kind == action_kind::stop_node && static_cast<int>(running.size()) <= opts.min_running_nodes)
                return skip();
            a.target = detail::choose(nodes, a.target, a.pick);
            if (a.target.empty()) return skip();
            if (a.kind == action_kind::stop_node)
                c.stop_node(a.target);
            else
                c.start_node(a.target);
            return true;
        }
        case action_kind::add_node: {
            // The cluster names the node (node-(N+1)) in a replay as it did the first time.
            if (static_cast<int>(detail::node_candidates(c).size()) >= opts.max_nodes) return skip();
            a.target = c.add_node();
            return true;
        }
        case action_kind::remove_node: {
            const auto nodes = detail::node_candidates(c);
            if (static_cast<int>(nodes.size()) <= opts.min_nodes) return skip();
            a.target = detail::choose(nodes, a.target, a.pick);
            c.remove_node(a.target);
            return true;
        }
        case action_kind::partition_nodes: {
            const auto nodes = detail::node_candidates(c);
            if (nodes.size() < 2) return skip();
            const bool recorded = !a.target.empty() && !a.peer.empty() && a.target != a.peer &&
                                  std::find(nodes.begin(), nodes.end(), a.target) != nodes.end() &&
                                  std::find(nodes.begin(), nodes.end(), a.peer) != nodes.end();
            if (!recorded) {
                const std::uint64_t n = nodes.size();
                const std::uint64_t i = a.pick % n;
                const std::uint64_t j = (i + 1 + (a.pick / n) % (n - 1)) % n;  // any node but i
                a.target = nodes[static_cast<std::size_t>(i)];
                a.peer = nodes[static_cast<std::size_t>(j)];
            }
            c.partition({a.target}, {a.peer});
            return true;
        }
        case action_kind::partition_control_plane: {
            a.target = detail::choose(detail::node_candidates(c), a.target, a.pick);
            if (a.target.empty()) return skip();
            a.peer = "control-plane";
            c.partition({a.target}, {a.peer});
            return true;
        }
        case action_kind::heal:
            if (!c.faults_active()) return skip();
            c.heal();
            return true;
    }
    return skip();
}

namespace detail {

// A C++ string literal of s (quotes and backslashes escaped).
KUBESIM_DECL std::string cpp_literal(std::string_view s) {
    std::string out = "\"";
    for (char ch : s) {
        if (ch == '"' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + '"';
}

KUBESIM_DECL std::string ns_flag(const action& a) {
    return a.namespace_.empty() || a.namespace_ == "default" ? std::string() : " -n " + a.namespace_;
}

}  // namespace detail

KUBESIM_DECL std::string to_string(const action& a) {
    std::string line = sim::format_offset(sim::time_point(a.at)) + " ";
    if (a.skipped) return line + "// " + std::string(to_string(a.kind)) + ": skipped";
    using detail::cpp_literal;
    switch (a.kind) {
        case action_kind::scale:
            return line + "c.kubectl(" +
                   cpp_literal("scale deployment/" + a.target + " --replicas=" + std::to_string(a.replicas) +
                          detail::ns_flag(a)) +
                   ");";
        case action_kind::set_image:
            return line + "c.kubectl(" + cpp_literal("set image deployment/" + a.target + " *=" + a.image + detail::ns_flag(a)) +
                   ");";
        case action_kind::delete_pod:
            return line + "c.kubectl(" + cpp_literal("delete pod " + a.target + " --wait=false" + detail::ns_flag(a)) + ");";
        case action_kind::kill_container:
            return line + "c.kill_container(" + cpp_literal(a.namespace_) + ", " + cpp_literal(a.target) + ");";
        case action_kind::stop_node: return line + "c.stop_node(" + cpp_literal(a.target) + ");";
        case action_kind::start_node: return line + "c.start_node(" + cpp_literal(a.target) + ");";
        case action_kind::add_node: return line + "c.add_node();  // joins as " + a.target;
        case action_kind::remove_node: return line + "c.remove_node(" + cpp_literal(a.target) + ");";
        case action_kind::partition_nodes:
        case action_kind::partition_control_plane:
            return line + "c.partition({" + cpp_literal(a.target) + "}, {" + cpp_literal(a.peer) + "});";
        case action_kind::heal: return line + "c.heal();";
    }
    return line;
}

KUBESIM_DECL std::string to_string(const schedule& s) {
    std::string out;
    for (const auto& a : s) out += to_string(a) + '\n';
    return out;
}

namespace detail {

// The string literals of a line, unescaped, in order.
KUBESIM_DECL std::vector<std::string> literals(std::string_view line) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] != '"') continue;
        std::string s;
        for (++i; i < line.size() && line[i] != '"'; ++i) {
            if (line[i] == '\\' && i + 1 < line.size()) ++i;
            s += line[i];
        }
        out.push_back(std::move(s));
    }
    return out;
}

// The words of a kubectl command line (no quoting: the schedule writes none).
KUBESIM_DECL std::vector<std::string> words(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        const std::size_t j = std::min(s.find(' ', i), s.size());
        if (j > i) out.emplace_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

}  // namespace detail

KUBESIM_DECL schedule parse_schedule(std::string_view text) {
    schedule out;
    std::size_t line_no = 0;
    while (!text.empty()) {
        const std::size_t nl = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, nl);
        text.remove_prefix(std::min(nl + 1, text.size()));
        ++line_no;
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
        if (line.empty() || line.front() == '#') continue;
        auto fail = [&](const char* why) {
            return usage_error("[kubesim.testing.schedule] line " + std::to_string(line_no) + ": " + why + ": " +
                               std::string(line));
        };
        // "12.500000s ..."
        const std::size_t sp = line.find("s ");
        if (sp == std::string_view::npos) throw fail("expected a time such as 12.500000s");
        const std::string_view t = line.substr(0, sp);
        const std::size_t dot = t.find('.');
        std::int64_t micros = 0;
        {
            const std::string_view whole = t.substr(0, dot), frac = dot == std::string_view::npos ? "" : t.substr(dot + 1);
            if (whole.empty() || frac.size() > 6) throw fail("bad time");
            for (char ch : whole) {
                if (ch < '0' || ch > '9') throw fail("bad time");
                micros = micros * 10 + (ch - '0');
            }
            micros *= 1000000;
            std::int64_t scale = 100000;
            for (char ch : frac) {
                if (ch < '0' || ch > '9') throw fail("bad time");
                micros += (ch - '0') * scale;
                scale /= 10;
            }
        }
        action a;
        a.at = sim::duration(micros);
        std::string_view rest = line.substr(sp + 2);
        auto lits = detail::literals(rest);
        auto starts = [&](std::string_view p) { return rest.substr(0, p.size()) == p; };
        if (starts("// ")) {
            rest.remove_prefix(3);
            const std::string_view name = rest.substr(0, rest.find(':'));
            bool found = false;
            for (int k = 0; k < action_kinds; ++k)
                if (to_string(static_cast<action_kind>(k)) == name) {
                    a.kind = static_cast<action_kind>(k);
                    found = true;
                }
            if (!found) throw fail("unknown action");
            a.skipped = true;
        } else if (starts("c.kubectl(") && lits.size() == 1) {
            auto w = detail::words(lits[0]);
            a.namespace_ = "default";
            for (std::size_t i = 0; i + 1 < w.size(); ++i)
                if (w[i] == "-n") {
                    a.namespace_ = w[i + 1];
                    w.erase(w.begin() + static_cast<std::ptrdiff_t>(i), w.begin() + static_cast<std::ptrdiff_t>(i) + 2);
                    break;
                }
            auto deployment = [&](const std::string& ref) {
                if (ref.rfind("deployment/", 0) != 0) throw fail("expected deployment/NAME");
                return ref.substr(11);
            };
            if (w.size() == 3 && w[0] == "scale" && w[2].rfind("--replicas=", 0) == 0) {
                a.kind = action_kind::scale;
                a.target = deployment(w[1]);
                a.replicas = static_cast<std::int32_t>(std::strtol(w[2].c_str() + 11, nullptr, 10));
            } else if (w.size() == 4 && w[0] == "set" && w[1] == "image" && w[3].rfind("*=", 0) == 0) {
                a.kind = action_kind::set_image;
                a.target = deployment(w[2]);
                a.image = w[3].substr(2);
            } else if (w.size() == 4 && w[0] == "delete" && w[1] == "pod" && w[3] == "--wait=false") {
                a.kind = action_kind::delete_pod;
                a.target = w[2];
            } else {
                throw fail("unknown kubectl command");
            }
        } else if (starts("c.kill_container(") && lits.size() == 2) {
            a.kind = action_kind::kill_container;
            a.namespace_ = lits[0];
            a.target = lits[1];
        } else if (starts("c.stop_node(") && lits.size() == 1) {
            a.kind = action_kind::stop_node;
            a.target = lits[0];
        } else if (starts("c.start_node(") && lits.size() == 1) {
            a.kind = action_kind::start_node;
            a.target = lits[0];
        } else if (starts("c.add_node();")) {
            a.kind = action_kind::add_node;
            const std::size_t as = rest.find("// joins as ");
            if (as != std::string_view::npos) a.target = std::string(rest.substr(as + 12));
        } else if (starts("c.remove_node(") && lits.size() == 1) {
            a.kind = action_kind::remove_node;
            a.target = lits[0];
        } else if (starts("c.partition(") && lits.size() == 2) {
            a.kind = lits[1] == "control-plane" ? action_kind::partition_control_plane : action_kind::partition_nodes;
            a.target = lits[0];
            a.peer = lits[1];
        } else if (starts("c.heal()")) {
            a.kind = action_kind::heal;
        } else {
            throw fail("unknown action");
        }
        out.push_back(std::move(a));
    }
    return out;
}

}  // namespace kubesim::testing
