// kubectl describe's building blocks: the prefix writer over tabwriter(0,8,2),
// times and ages, label/annotation/toleration lists, resource quantities,
// label selectors and the Events section (kubectl/pkg/describe/describe.go).
#pragma once

#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/printers.hpp>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/event.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::kubectl::detail {

namespace {

// kubectl's prefixWriter: each Write is indented two spaces per level; all of a
// description goes through one tabwriter (its Flush is never reached: the
// writer is a *tabwriter.Writer whose Flush returns an error).
class desc_writer {
public:
    void write(int level, std::string_view text) {
        if (level > 0) tw_.write(std::string(static_cast<std::size_t>(level) * 2, ' '));
        tw_.write(text);
    }
    void line(std::string_view text) {
        tw_.write(text);
        tw_.write("\n");
    }
    std::string finish() { return tw_.flush(); }

private:
    tabwriter tw_{0, 8, 2};
};

inline const json& desc_null() {
    static const json n;
    return n;
}

// j[k1][k2]... or null.
inline const json& desc_at(const json& j, std::initializer_list<std::string_view> path) {
    const json* cur = &j;
    for (auto k : path) {
        if (!cur->is_object()) return desc_null();
        auto it = cur->find(k);
        if (it == cur->end()) return desc_null();
        cur = &*it;
    }
    return *cur;
}

inline std::string desc_str(const json& j, std::initializer_list<std::string_view> path) {
    const json& v = desc_at(j, path);
    return v.is_string() ? v.get<std::string>() : std::string();
}

inline std::int64_t desc_int(const json& j, std::initializer_list<std::string_view> path) {
    const json& v = desc_at(j, path);
    return v.is_number() ? v.get<std::int64_t>() : 0;
}

inline bool desc_bool(const json& j, std::initializer_list<std::string_view> path) {
    const json& v = desc_at(j, path);
    return v.is_boolean() && v.get<bool>();
}

inline std::string desc_itoa(std::int64_t v) { return std::to_string(v); }

// ---- times --------------------------------------------------------------------------

// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
inline std::int64_t desc_days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// An RFC 3339 timestamp as Unix microseconds; nullopt when absent or unreadable
// (metav1.Time's zero value).
inline std::optional<std::int64_t> desc_parse_time(const json& v) {
    if (!v.is_string()) return std::nullopt;
    const std::string& s = v.get_ref<const std::string&>();
    // YYYY-MM-DDTHH:MM:SS, read by hand: describe parses every event's times.
    const auto num = [&](std::size_t at, std::size_t n, int& out) {
        out = 0;
        for (std::size_t k = at; k < at + n; ++k) {
            if (s[k] < '0' || s[k] > '9') return false;
            out = out * 10 + (s[k] - '0');
        }
        return true;
    };
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0;
    if (s.size() < 19 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' ||
        !num(0, 4, y) || !num(5, 2, mo) || !num(8, 2, d) || !num(11, 2, h) || !num(14, 2, mi) || !num(17, 2, se))
        return std::nullopt;
    std::size_t i = 19;
    std::int64_t micros = 0;
    if (i < s.size() && s[i] == '.') {
        std::int64_t scale = 100000;
        for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) {
            micros += (s[i] - '0') * scale;
            scale /= 10;
        }
    }
    std::int64_t offset = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh = 0, om = 0;
        std::sscanf(s.c_str() + i + 1, "%2d:%2d", &oh, &om);
        offset = (s[i] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
    }
    const std::int64_t secs = desc_days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                              h * 3600 + mi * 60 + se - offset;
    return secs * 1'000'000 + micros;
}

// Go's time.RFC1123Z in UTC: "Sun, 06 Dec 2026 03:00:00 +0000"; the zero time
// for an unset one.
inline std::string desc_rfc1123z(const json& v) {
    static const char* days[] = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto t = desc_parse_time(v);
    if (!t) return "Mon, 01 Jan 0001 00:00:00 +0000";
    std::int64_t secs = *t / 1'000'000;
    if (*t < 0 && *t % 1'000'000 != 0) --secs;
    std::int64_t days_since = secs / 86400;
    std::int64_t rem = secs % 86400;
    if (rem < 0) rem += 86400, --days_since;
    // civil_from_days
    const std::int64_t z = days_since + 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t y0 = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = y0 + (m <= 2);
    const auto wd = static_cast<std::size_t>(((days_since % 7) + 7) % 7);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04lld %02lld:%02lld:%02lld +0000", days[wd], d, months[m - 1],
                  static_cast<long long>(y), static_cast<long long>(rem / 3600),
                  static_cast<long long>(rem / 60 % 60), static_cast<long long>(rem % 60));
    return buf;
}

// The simulated now as Unix microseconds.
inline std::int64_t desc_now_us(const context& ctx) {
    return sim::epoch_unix_seconds * 1'000'000 + (ctx.c->now() - sim::time_point{}).count();
}

// translateTimestampSince / translateMicroTimestampSince.
inline std::string desc_since_us(const context& ctx, std::optional<std::int64_t> t) {
    if (!t) return "<unknown>";
    return printers::human_duration(sim::duration(desc_now_us(ctx) - *t));
}
inline std::string desc_since(const context& ctx, const json& v) { return desc_since_us(ctx, desc_parse_time(v)); }

// ---- lists of labels, annotations, taints, tolerations -------------------------------

inline std::vector<std::string> desc_sorted_keys(const json& m) {
    std::vector<std::string> keys;
    if (m.is_object())
        for (auto it = m.begin(); it != m.end(); ++it) keys.push_back(it.key());
    std::sort(keys.begin(), keys.end());
    return keys;
}

inline std::string desc_value_text(const json& v) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_null()) return "";
    return v.dump();
}

// printLabelsMultilineWithIndent.
inline void desc_labels(desc_writer& w, std::string_view title, const json& labels, std::string_view initial = "",
                 std::string_view inner = "\t") {
    w.write(0, std::string(initial) + std::string(title) + ":" + std::string(inner));
    const auto keys = desc_sorted_keys(labels);
    if (keys.empty()) {
        w.line("<none>");
        return;
    }
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i != 0) {
            w.write(0, initial);
            w.write(0, inner);
        }
        w.write(0, keys[i] + "=" + desc_value_text(labels[keys[i]]) + "\n");
    }
}

// printAnnotationsMultiline: last-applied-configuration skipped, long or
// multi-line values on lines of their own.
inline void desc_annotations(desc_writer& w, std::string_view title, const json& annotations) {
    constexpr std::size_t max_len = 140;
    w.write(0, std::string(title) + ":\t");
    std::vector<std::string> keys;
    for (const auto& k : desc_sorted_keys(annotations))
        if (k != "kubectl.kubernetes.io/last-applied-configuration") keys.push_back(k);
    if (keys.empty()) {
        w.line("<none>");
        return;
    }
    const std::string indent = "\t";
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (i != 0) w.write(0, indent);
        std::string value = desc_value_text(annotations[keys[i]]);
        if (!value.empty() && value.back() == '\n') value.pop_back();
        if (value.size() + keys[i].size() + 2 > max_len || value.find('\n') != std::string::npos) {
            w.write(0, keys[i] + ":\n");
            std::size_t start = 0;
            for (;;) {
                const auto nl = value.find('\n', start);
                std::string part = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
                if (part.size() > max_len - 2) part = part.substr(0, max_len - 2) + "...";
                w.write(0, indent + "  " + part + "\n");
                if (nl == std::string::npos) break;
                start = nl + 1;
            }
        } else {
            w.write(0, keys[i] + ": " + value + "\n");
        }
    }
}

// printTolerationsMultilineWithIndent.
inline void desc_tolerations(desc_writer& w, std::string_view title, const json& tolerations, std::string_view initial = "") {
    w.write(0, std::string(initial) + std::string(title) + ":\t");
    if (!tolerations.is_array() || tolerations.empty()) {
        w.line("<none>");
        return;
    }
    std::vector<json> list(tolerations.begin(), tolerations.end());
    // sort.Slice by key: not stable, but insertion sort for short lists is.
    std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
        return desc_str(a, {"key"}) < desc_str(b, {"key"});
    });
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& t = list[i];
        if (i != 0) {
            w.write(0, initial);
            w.write(0, "\t");
        }
        const std::string key = desc_str(t, {"key"}), value = desc_str(t, {"value"}), effect = desc_str(t, {"effect"});
        std::string s = key;
        if (!value.empty()) s += "=" + value;
        if (!effect.empty()) s += ":" + effect;
        if (desc_str(t, {"operator"}) == "Exists" && value.empty())
            s += (!key.empty() || !effect.empty()) ? " op=Exists" : "op=Exists";
        if (desc_at(t, {"tolerationSeconds"}).is_number())
            s += " for " + desc_itoa(desc_int(t, {"tolerationSeconds"})) + "s";
        w.write(0, s + "\n");
    }
}

// printTaintsMultilineWithIndent.
inline void desc_taints(desc_writer& w, std::string_view title, const json& taints) {
    w.write(0, std::string(title) + ":\t");
    if (!taints.is_array() || taints.empty()) {
        w.line("<none>");
        return;
    }
    std::vector<json> list(taints.begin(), taints.end());
    std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
        return desc_str(a, {"effect"}) + "," + desc_str(a, {"key"}) < desc_str(b, {"effect"}) + "," + desc_str(b, {"key"});
    });
    for (std::size_t i = 0; i < list.size(); ++i) {
        if (i != 0) w.write(0, "\t");
        const std::string value = desc_str(list[i], {"value"});
        w.write(0, desc_str(list[i], {"key"}) + (value.empty() ? "" : "=" + value) + ":" +
                       desc_str(list[i], {"effect"}) + "\n");
    }
}

// labels.FormatLabels: "k=v,k2=v2" sorted, "<none>" when empty.
inline std::string desc_format_labels(const json& m) {
    std::string out;
    for (const auto& k : desc_sorted_keys(m)) out += (out.empty() ? "" : ",") + k + "=" + desc_value_text(m[k]);
    return out.empty() ? "<none>" : out;
}

// metav1.LabelSelectorAsSelector(s).String(): requirements sorted by key.
inline std::string desc_selector_string(const json& sel) {
    if (!sel.is_object()) return "";
    std::vector<std::pair<std::string, std::string>> reqs;
    for (const auto& k : desc_sorted_keys(desc_at(sel, {"matchLabels"})))
        reqs.emplace_back(k, k + "=" + desc_value_text(sel["matchLabels"][k]));
    const json& exprs = desc_at(sel, {"matchExpressions"});
    if (exprs.is_array()) {
        for (const auto& e : exprs) {
            const std::string key = desc_str(e, {"key"}), op = desc_str(e, {"operator"});
            std::vector<std::string> values;
            if (desc_at(e, {"values"}).is_array())
                for (const auto& v : e["values"]) values.push_back(desc_value_text(v));
            std::sort(values.begin(), values.end());
            values.erase(std::unique(values.begin(), values.end()), values.end());
            std::string joined;
            for (const auto& v : values) joined += (joined.empty() ? "" : ",") + v;
            if (op == "In") reqs.emplace_back(key, key + " in (" + joined + ")");
            else if (op == "NotIn") reqs.emplace_back(key, key + " notin (" + joined + ")");
            else if (op == "Exists") reqs.emplace_back(key, key);
            else if (op == "DoesNotExist") reqs.emplace_back(key, "!" + key);
        }
    }
    std::stable_sort(reqs.begin(), reqs.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string out;
    for (const auto& r : reqs) out += (out.empty() ? "" : ",") + r.second;
    return out;
}

// metav1.FormatLabelSelector.
inline std::string desc_format_selector(const json& sel) {
    const std::string s = desc_selector_string(sel);
    return s.empty() ? "<none>" : s;
}

// An IntOrString as Go prints it.
inline std::string desc_intstr(const json& v) {
    if (v.is_number()) return desc_itoa(v.get<std::int64_t>());
    if (v.is_string()) return v.get<std::string>();
    return "<nil>";
}

// ---- resource quantities --------------------------------------------------------------

// resource.Quantity, as far as describe needs it: a value in thousandths and
// the format its string form keeps.
struct desc_quantity {
    enum class fmt { decimal_si, binary_si, decimal_exponent };
    std::int64_t milli = 0;
    fmt format = fmt::decimal_si;

    static desc_quantity parse(const json& v) {
        desc_quantity q;
        std::string s = v.is_string() ? v.get<std::string>() : (v.is_number() ? v.dump() : std::string());
        if (s.empty()) return q;
        bool neg = false;
        std::size_t i = 0;
        if (s[0] == '+' || s[0] == '-') neg = s[0] == '-', i = 1;
        long double num = 0;
        long double frac_scale = 0;
        for (; i < s.size() && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.'); ++i) {
            if (s[i] == '.') {
                frac_scale = 1;
                continue;
            }
            if (frac_scale > 0) {
                frac_scale /= 10;
                num += (s[i] - '0') * frac_scale;
            } else {
                num = num * 10 + (s[i] - '0');
            }
        }
        const std::string suffix = s.substr(i);
        long double mult = 1;
        static const std::pair<const char*, long double> bin[] = {
            {"Ki", 1024.0L}, {"Mi", 1048576.0L}, {"Gi", 1073741824.0L}, {"Ti", 1099511627776.0L},
            {"Pi", 1125899906842624.0L}, {"Ei", 1152921504606846976.0L}};
        static const std::pair<const char*, long double> dec[] = {
            {"n", 1e-9L}, {"u", 1e-6L}, {"m", 1e-3L}, {"", 1.0L}, {"k", 1e3L}, {"M", 1e6L},
            {"G", 1e9L},  {"T", 1e12L}, {"P", 1e15L}, {"E", 1e18L}};
        bool found = false;
        for (const auto& [sfx, m] : bin)
            if (suffix == sfx) mult = m, q.format = fmt::binary_si, found = true;
        for (const auto& [sfx, m] : dec)
            if (!found && suffix == sfx) mult = m, q.format = fmt::decimal_si, found = true;
        if (!found && !suffix.empty() && (suffix[0] == 'e' || suffix[0] == 'E')) {
            const long exp = std::strtol(suffix.c_str() + 1, nullptr, 10);
            mult = 1;
            for (long k = 0; k < (exp < 0 ? -exp : exp); ++k) mult = exp < 0 ? mult / 10 : mult * 10;
            q.format = fmt::decimal_exponent;
        }
        long double m = num * mult * 1000;
        // Sub-milli precision rounds up, as MilliValue does.
        auto whole = static_cast<std::int64_t>(m);
        if (static_cast<long double>(whole) < m - 1e-9L) ++whole;
        q.milli = neg ? -whole : whole;
        return q;
    }

    // Value(): whole units, rounded up.
    [[nodiscard]] std::int64_t value() const { return milli >= 0 ? (milli + 999) / 1000 : milli / 1000; }

    // Quantity.String(): the canonical form.
    [[nodiscard]] std::string str() const {
        if (milli == 0) return "0";
        fmt f = format;
        if (f == fmt::binary_si && ((milli > -1024000 && milli < 1024000) || milli % 1000 != 0)) f = fmt::decimal_si;
        const bool neg = milli < 0;
        const std::int64_t a = neg ? -milli : milli;
        std::string sign = neg ? "-" : "";
        if (f == fmt::binary_si) {
            std::int64_t n = a / 1000;
            int e = 0;
            while (n % 1024 == 0 && e < 60) n /= 1024, e += 10;
            static const char* sfx[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
            return sign + desc_itoa(n) + sfx[e / 10];
        }
        std::int64_t n = a;
        int e = -3;
        while (n % 1000 == 0 && e < 18) n /= 1000, e += 3;
        if (f == fmt::decimal_exponent) return sign + desc_itoa(n) + (e == 0 ? "" : "e" + desc_itoa(e));
        static const char* dsfx[] = {"m", "", "k", "M", "G", "T", "P", "E"};
        return sign + desc_itoa(n) + dsfx[(e + 3) / 3];
    }
};

// SortedResourceNames + quantity: "name:\tvalue" lines of a ResourceList.
inline std::vector<std::pair<std::string, desc_quantity>> desc_resource_list(const json& list) {
    std::vector<std::pair<std::string, desc_quantity>> out;
    for (const auto& k : desc_sorted_keys(list)) out.emplace_back(k, desc_quantity::parse(list[k]));
    return out;
}

// ---- events -------------------------------------------------------------------------

// Events as kubectl decodes them: the stored objects themselves.
using desc_event_list = std::vector<std::shared_ptr<const api::event>>;

// searchEvents: the events whose involvedObject is the object (kind omitted
// for pods, as PodDescriber clears it). nullopt: events not shown.
inline std::optional<desc_event_list> desc_search_events(context& ctx, bool show, std::string_view kind,
                                                         const std::string& name, const std::string& ns,
                                                         const std::string& uid) {
    if (!show) return std::nullopt;
    const auto esc = [](const std::string& v) {
        std::string out;
        for (char c : v) {
            if (c == '\\' || c == ',' || c == '=') out += '\\';
            out += c;
        }
        return out;
    };
    std::string sel;
    if (!kind.empty()) sel += "involvedObject.kind=" + esc(std::string(kind)) + ",";
    sel += "involvedObject.name=" + esc(name) + ",involvedObject.namespace=" + esc(ns);
    if (!uid.empty()) sel += ",involvedObject.uid=" + esc(uid);
    const std::string path = ns.empty() ? "/api/v1/events" : "/api/v1/namespaces/" + ns + "/events";
    // kubectl lists in chunks of 500 and follows the continue token.
    desc_event_list items;
    std::string cont;
    do {
        auto r = ctx.api->list_objects(path + "?" + (cont.empty() ? "" : "continue=" + query_escape(cont) + "&") +
                                       "fieldSelector=" + query_escape(sel) + "&limit=500");
        if (r.status / 100 != 2) break;
        for (auto& o : r.objects) items.push_back(std::static_pointer_cast<const api::event>(std::move(o)));
        const json& list = r.parsed();
        cont = list.contains("metadata") ? list["metadata"].value("continue", std::string()) : std::string();
    } while (!cont.empty());
    return items;
}

// A metav1.Time (whole seconds, as it is written) or MicroTime as Unix
// microseconds, as kubectl reads it back.
inline std::optional<std::int64_t> desc_unix_us(const std::optional<api::time>& t, bool micro) {
    if (!t) return std::nullopt;
    std::int64_t us = t->time_since_epoch().count();
    if (!micro) us = sim::detail::floor_div(us, 1'000'000) * 1'000'000;
    return sim::epoch_unix_seconds * 1'000'000 + us;
}

// DescribeEvents: sorted by lastTimestamp (sort.Sort, an insertion sort for
// the short lists describe sees, so stable). kubectl 1.33 does not yet prefix
// the message with the involved object's fieldPath.
inline void desc_events(context& ctx, desc_writer& w, const std::optional<desc_event_list>& events) {
    if (!events) return;
    if (events->empty()) {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    std::vector<std::pair<std::int64_t, const api::event*>> keyed;
    keyed.reserve(events->size());
    for (const auto& e : *events) keyed.emplace_back(desc_unix_us(e->last_timestamp, false).value_or(INT64_MIN), e.get());
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    std::string line;
    for (const auto& [last, ep] : keyed) {
        const api::event& e = *ep;
        const auto event_time = desc_unix_us(e.event_time, true);
        std::string first = desc_since_us(ctx, event_time ? event_time : desc_unix_us(e.first_timestamp, false));
        std::string interval;
        if (e.series) {
            interval = desc_since_us(ctx, desc_unix_us(e.series->last_observed_time, true)) + " (x" +
                       desc_itoa(e.series->count) + " over " + first + ")";
        } else if (e.count > 1) {
            interval = desc_since_us(ctx, desc_unix_us(e.last_timestamp, false)) + " (x" + desc_itoa(e.count) +
                       " over " + first + ")";
        } else {
            interval = std::move(first);
        }
        const std::string& source = e.source.component.empty() ? e.reporting_component : e.source.component;
        std::string_view message = e.message;
        const auto b = message.find_first_not_of(" \t\n\r\v\f");
        const auto en = message.find_last_not_of(" \t\n\r\v\f");
        message = b == std::string_view::npos ? std::string_view() : message.substr(b, en - b + 1);
        line.clear();
        line.append(e.type).append("\t").append(e.reason).append("\t").append(interval).append("\t");
        line.append(source).append("\t").append(message).append("\n");
        w.write(1, line);
    }
}

}  // namespace

}  // namespace kubesim::kubectl::detail
