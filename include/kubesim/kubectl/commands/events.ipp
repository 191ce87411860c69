// kubectl events: the namespace's (or an object's) events in kubectl's own
// table, ages computed on the client against the simulated now.
#pragma once

#include <kubesim/kubectl/commands/follow.ipp>
#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/output.hpp>
#include <kubesim/kubectl/printers.hpp>

#include <algorithm>
#include <bit>
#include <cstdint>

#include <kubesim/sim/clock.hpp>

namespace kubesim::kubectl::detail {

namespace {

// Go's sort.Sort (pattern-defeating quicksort, Go 1.19 and later): not stable,
// so events with equal times come out in the order this exact algorithm leaves
// them in; kubectl's output depends on it.
template <class T, class Less>
class events_go_sort {
public:
    events_go_sort(std::vector<T>& v, Less less) : v_(v), less_(less) {}
    void sort() {
        const int n = static_cast<int>(v_.size());
        pdq(0, n, static_cast<int>(std::bit_width(static_cast<unsigned>(n))));
    }

private:
    enum hint { unknown, increasing, decreasing };
    bool lt(int i, int j) { return less_(v_[static_cast<std::size_t>(i)], v_[static_cast<std::size_t>(j)]); }
    void swap(int i, int j) { std::swap(v_[static_cast<std::size_t>(i)], v_[static_cast<std::size_t>(j)]); }

    void insertion(int a, int b) {
        for (int i = a + 1; i < b; ++i)
            for (int j = i; j > a && lt(j, j - 1); --j) swap(j, j - 1);
    }
    void sift_down(int lo, int hi, int first) {
        int root = lo;
        for (;;) {
            int child = 2 * root + 1;
            if (child >= hi) return;
            if (child + 1 < hi && lt(first + child, first + child + 1)) ++child;
            if (!lt(first + root, first + child)) return;
            swap(first + root, first + child);
            root = child;
        }
    }
    void heap(int a, int b) {
        const int first = a, hi = b - a;
        for (int i = (hi - 1) / 2; i >= 0; --i) sift_down(i, hi, first);
        for (int i = hi - 1; i >= 0; --i) {
            swap(first, first + i);
            sift_down(0, i, first);
        }
    }
    void break_patterns(int a, int b) {
        const int length = b - a;
        if (length < 8) return;
        auto random = static_cast<std::uint64_t>(length);
        const auto modulus = static_cast<unsigned>(1u << std::bit_width(static_cast<unsigned>(length)));
        const int idx = a + (length / 4) * 2 - 1;
        for (int i = 0; i < 3; ++i) {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            int other = static_cast<int>(static_cast<unsigned>(random) & (modulus - 1));
            if (other >= length) other -= length;
            swap(idx - 1 + i, a + other);
        }
    }
    void order2(int& a, int& b, int& swaps) {
        if (lt(b, a)) {
            ++swaps;
            std::swap(a, b);
        }
    }
    int median(int a, int b, int c, int& swaps) {
        order2(a, b, swaps);
        order2(b, c, swaps);
        order2(a, b, swaps);
        return b;
    }
    std::pair<int, hint> choose_pivot(int a, int b) {
        const int l = b - a;
        int swaps = 0;
        int i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;
        if (l >= 8) {
            if (l >= 50) {
                i = median(i - 1, i, i + 1, swaps);
                j = median(j - 1, j, j + 1, swaps);
                k = median(k - 1, k, k + 1, swaps);
            }
            j = median(i, j, k, swaps);
        }
        if (swaps == 0) return {j, increasing};
        if (swaps == 12) return {j, decreasing};
        return {j, unknown};
    }
    void reverse(int a, int b) {
        for (int i = a, j = b - 1; i < j; ++i, --j) swap(i, j);
    }
    bool partial_insertion(int a, int b) {
        int i = a + 1;
        for (int step = 0; step < 5; ++step) {
            while (i < b && !lt(i, i - 1)) ++i;
            if (i == b) return true;
            if (b - a < 50) return false;
            swap(i, i - 1);
            if (i - a >= 2)
                for (int j = i - 1; j >= 1; --j) {
                    if (!lt(j, j - 1)) break;
                    swap(j, j - 1);
                }
            if (b - i >= 2)
                for (int j = i + 1; j < b; ++j) {
                    if (!lt(j, j - 1)) break;
                    swap(j, j - 1);
                }
        }
        return false;
    }
    int partition_equal(int a, int b, int pivot) {
        swap(a, pivot);
        int i = a + 1, j = b - 1;
        for (;;) {
            while (i <= j && !lt(a, i)) ++i;
            while (i <= j && lt(a, j)) --j;
            if (i > j) break;
            swap(i, j);
            ++i;
            --j;
        }
        return i;
    }
    std::pair<int, bool> partition(int a, int b, int pivot) {
        swap(a, pivot);
        int i = a + 1, j = b - 1;
        while (i <= j && lt(i, a)) ++i;
        while (i <= j && !lt(j, a)) --j;
        if (i > j) {
            swap(j, a);
            return {j, true};
        }
        swap(i, j);
        ++i;
        --j;
        for (;;) {
            while (i <= j && lt(i, a)) ++i;
            while (i <= j && !lt(j, a)) --j;
            if (i > j) break;
            swap(i, j);
            ++i;
            --j;
        }
        swap(j, a);
        return {j, false};
    }
    void pdq(int a, int b, int limit) {
        bool was_balanced = true, was_partitioned = true;
        for (;;) {
            const int length = b - a;
            if (length <= 12) {
                insertion(a, b);
                return;
            }
            if (limit == 0) {
                heap(a, b);
                return;
            }
            if (!was_balanced) {
                break_patterns(a, b);
                --limit;
            }
            auto [pivot, h] = choose_pivot(a, b);
            if (h == decreasing) {
                reverse(a, b);
                pivot = (b - 1) - (pivot - a);
                h = increasing;
            }
            if (was_balanced && was_partitioned && h == increasing && partial_insertion(a, b)) return;
            if (a > 0 && !lt(a - 1, pivot)) {
                a = partition_equal(a, b, pivot);
                continue;
            }
            const auto [mid, already] = partition(a, b, pivot);
            was_partitioned = already;
            const int left = mid - a, right = b - mid, threshold = length / 8;
            if (left < right) {
                was_balanced = left >= threshold;
                pdq(a, mid, limit);
                a = mid + 1;
            } else {
                was_balanced = right >= threshold;
                pdq(mid + 1, b, limit);
                b = mid;
            }
        }
    }

    std::vector<T>& v_;
    Less less_;
};

inline std::optional<sim::time_point> events_time(const json& v) {
    if (!v.is_string()) return std::nullopt;
    return sim::parse_rfc3339(v.get<std::string>());
}

// The time kubectl sorts an event by: the series' last observation, the last
// timestamp, or the event time.
inline sim::time_point events_sort_time(const json& e) {
    if (e.contains("series") && e["series"].is_object())
        if (auto t = events_time(e["series"].value("lastObservedTime", json()))) return *t;
    if (auto t = events_time(e.value("lastTimestamp", json()))) return *t;
    return events_time(e.value("eventTime", json())).value_or(sim::time_point{});
}

inline std::string events_since(const json& v, sim::time_point now) {
    const auto t = events_time(v);
    if (!t) return "<unknown>";
    return printers::human_duration(now - *t);
}

// LAST SEEN: the age, with the count and the first sighting for repeats.
inline std::string events_interval(const json& e, sim::time_point now) {
    std::string first = events_since(e.value("eventTime", json()), now);
    if (!events_time(e.value("eventTime", json()))) first = events_since(e.value("firstTimestamp", json()), now);
    if (e.contains("series") && e["series"].is_object())
        return events_since(e["series"].value("lastObservedTime", json()), now) + " (x" +
               std::to_string(e["series"].value("count", 0)) + " over " + first + ")";
    const auto count = e.value("count", 0);
    if (count > 1)
        return events_since(e.value("lastTimestamp", json()), now) + " (x" + std::to_string(count) + " over " + first + ")";
    return first;
}

inline std::string events_trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\n\r\v\f");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\n\r\v\f") - b + 1);
}

}  // namespace

int cmd_events(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.boolean("all-namespaces", 'A');
    f.string("for");
    f.strings("types");
    f.boolean("watch", 'w');
    f.boolean("no-headers");
    f.integer("chunk-size", 0, 500);
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto out = output_options::from(f);
    if (!args.empty())
        throw exit_error("error: unknown command " + go_quote(args[0]) + " for \"kubectl events\"\n");
    const bool all_ns = f.on("all-namespaces");
    std::string kind, name;
    const std::string for_object = f.str("for");
    if (!for_object.empty()) {
        const auto slash = for_object.find('/');
        if (slash == std::string::npos) throw exit_error("error: --for must be in resource/name form\n");
        if (for_object.find('/', slash + 1) != std::string::npos)
            throw exit_error("error: arguments in resource/name form may not have more than one slash\n");
        const auto* r = ctx.rm->find(for_object.substr(0, slash));
        if (!r) throw exit_error("error: the server doesn't have a resource type " + go_quote(for_object.substr(0, slash)) + "\n");
        kind = r->kind;
        name = for_object.substr(slash + 1);
    }
    // sets.NewString(...).List(): the types deduplicated and sorted.
    std::vector<std::string> types = f.list("types");
    std::sort(types.begin(), types.end());
    types.erase(std::unique(types.begin(), types.end()), types.end());
    const auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    for (const auto& t : types)
        if (lower(t) != "normal" && lower(t) != "warning") throw exit_error("error: valid --types are Normal or Warning\n");
    const auto wanted = [&](const json& e) {
        if (types.empty()) return true;
        const std::string type = lower(e.value("type", ""));
        return std::any_of(types.begin(), types.end(), [&](const std::string& t) { return lower(t) == type; });
    };

    const std::string base = all_ns ? "/api/v1/events" : "/api/v1/namespaces/" + ctx.ns + "/events";
    std::string query = "?";
    if (!name.empty())
        query += "fieldSelector=" + query_escape("involvedObject.kind=" + kind + ",involvedObject.name=" + name) + "&";
    const auto chunk = f.num("chunk-size");

    const bool human = out.format.empty();
    bool headers_printed = false;
    tabwriter w(6, 4, 3);
    const auto now = ctx.c->now();
    const auto print = [&](const json& e) {
        if (!human) {
            json obj = e;
            obj["apiVersion"] = "v1";
            obj["kind"] = "Event";
            print_object(ctx, out, obj);
            return;
        }
        if (!headers_printed && !f.on("no-headers")) {
            w.write(std::string(all_ns ? "NAMESPACE\t" : "") + "LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n");
        }
        headers_printed = true;
        const auto& inv = e.value("involvedObject", json::object());
        w.write((all_ns ? e["metadata"].value("namespace", "") + "\t" : std::string()) + events_interval(e, now) + "\t" +
                e.value("type", "") + "\t" + e.value("reason", "") + "\t" + inv.value("kind", "") + "/" +
                inv.value("name", "") + "\t" + events_trim(e.value("message", "")) + "\n");
    };

    if (f.on("watch")) {
        // The watch from now on; in process it lasts --request-timeout on the simulated clock.
        follow_stream ws(ctx, base + query + "watch=true");
        follow_run(ctx, follow_deadline(ctx, ctx.request_timeout > 0 ? ctx.request_timeout : 1e-9), [&] {
            for (const auto& e : ws.take_events()) {
                if (e.value("type", "") == "DELETED" || !e.contains("object") || !wanted(e["object"])) continue;
                print(e["object"]);
                ctx.out += w.flush();
            }
            return ws.finished();
        });
        ctx.out += w.flush();
        return 0;
    }

    std::vector<json> events;
    std::string cont;
    do {
        std::string q = query + "limit=" + std::to_string(chunk > 0 ? chunk : 500);
        if (!cont.empty()) q += "&continue=" + query_escape(cont);
        const auto page = ctx.api->get(base + q);
        for (const auto& e : page.value("items", json::array()))
            if (wanted(e)) events.push_back(e);
        cont = page.value("metadata", json::object()).value("continue", "");
    } while (!cont.empty() && chunk > 0);
    if (events.empty()) {
        ctx.err += all_ns ? "No events found.\n" : "No events found in " + ctx.ns + " namespace.\n";
        return 0;
    }
    const auto before = [](const json& a, const json& b) { return events_sort_time(a) < events_sort_time(b); };
    events_go_sort<json, decltype(before)>(events, before).sort();
    if (!human) {
        json list = {{"apiVersion", "v1"}, {"kind", "EventList"}, {"metadata", json::object()}, {"items", json::array()}};
        for (auto& e : events) {
            e["apiVersion"] = "v1";
            e["kind"] = "Event";
            list["items"].push_back(std::move(e));
        }
        print_object(ctx, out, list);
        return 0;
    }
    for (const auto& e : events) print(e);
    ctx.out += w.flush();
    return 0;
}

}  // namespace kubesim::kubectl::detail
