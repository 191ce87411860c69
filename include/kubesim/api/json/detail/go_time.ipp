// Definitions of api/json/detail/go_time.hpp.
#pragma once

#include <kubesim/api/json/detail/go_time.hpp>

#include <cstddef>
#include <cstdint>

namespace kubesim::api::json::detail {

namespace go_time_impl {

enum class elem : std::uint8_t { long_year, zero_month, zero_day, hour, zero_minute, zero_second, frac6, colon_tz, end };

struct step {
    std::string_view prefix;  // literal text before the element
    elem kind;
    std::string_view text;  // the element as written in the layout
};

inline constexpr step rfc3339[] = {
    {"", elem::long_year, "2006"},  {"-", elem::zero_month, "01"},  {"-", elem::zero_day, "02"},
    {"T", elem::hour, "15"},        {":", elem::zero_minute, "04"}, {":", elem::zero_second, "05"},
    {"", elem::colon_tz, "Z07:00"}, {"", elem::end, ""},
};

inline constexpr step rfc3339_micro[] = {
    {"", elem::long_year, "2006"},  {"-", elem::zero_month, "01"},  {"-", elem::zero_day, "02"},
    {"T", elem::hour, "15"},        {":", elem::zero_minute, "04"}, {":", elem::zero_second, "05"},
    {"", elem::frac6, ".000000"},   {"", elem::colon_tz, "Z07:00"}, {"", elem::end, ""},
};

// The time package's own quote(): '"' and '\\' escaped, bytes outside printable
// ASCII as \xNN.
[[nodiscard]] KUBESIM_DECL std::string quote(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 || c < 0x20) {
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
            continue;
        }
        if (c == '"' || c == '\\') out += '\\';
        out += static_cast<char>(c);
    }
    out += '"';
    return out;
}

[[nodiscard]] KUBESIM_DECL bool is_digit(std::string_view s, std::size_t i) {
    return i < s.size() && s[i] >= '0' && s[i] <= '9';
}

// getnum: one or two digits (exactly two when fixed).
[[nodiscard]] KUBESIM_DECL bool getnum(std::string_view& s, bool fixed, int& out) {
    if (!is_digit(s, 0)) return false;
    if (!is_digit(s, 1)) {
        if (fixed) return false;
        out = s[0] - '0';
        s.remove_prefix(1);
        return true;
    }
    out = (s[0] - '0') * 10 + (s[1] - '0');
    s.remove_prefix(2);
    return true;
}

// atoi: optional sign, then only digits.
[[nodiscard]] KUBESIM_DECL bool atoi(std::string_view s, std::int64_t& out) {
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || s.size() > 18) return false;
    std::int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return false;
        v = v * 10 + (c - '0');
    }
    out = neg ? -v : v;
    return true;
}

// parseNanoseconds over value[0:n] (a '.' or ',' and digits).
KUBESIM_DECL void parse_nanoseconds(std::string_view value, std::size_t n, std::int64_t& ns, std::string& range,
                                    bool& bad) {
    if (value[0] != '.' && value[0] != ',') {
        bad = true;
        return;
    }
    if (n > 10) n = 10;
    if (!atoi(value.substr(1, n - 1), ns)) {
        bad = true;
        return;
    }
    if (ns < 0) {
        range = "fractional second";
        return;
    }
    for (std::size_t i = n; i < 10; ++i) ns *= 10;
}

[[nodiscard]] KUBESIM_DECL int days_in(int month, std::int64_t year) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) return 29;
    return days[month - 1];
}

}  // namespace go_time_impl

go_time_result parse_go_time(std::string_view input, bool micro) {
    using namespace go_time_impl;
    const std::string_view layout = micro ? "2006-01-02T15:04:05.000000Z07:00" : "2006-01-02T15:04:05Z07:00";
    const step* steps = micro ? rfc3339_micro : rfc3339;
    auto cannot_parse = [&](std::string_view value_elem, std::string_view layout_elem) {
        return go_time_result{std::nullopt, "parsing time " + quote(input) + " as " + quote(layout) + ": cannot parse " +
                                                quote(value_elem) + " as " + quote(layout_elem)};
    };
    auto message = [&](const std::string& m) { return go_time_result{std::nullopt, "parsing time " + quote(input) + m}; };

    std::string_view v = input;
    std::int64_t year = 0, nsec = 0;
    int month = 1, day = 1, hour = 0, minute = 0, second = 0, zone_offset = 0;
    for (std::size_t k = 0;; ++k) {
        const step& s = steps[k];
        for (char pc : s.prefix) {
            if (v.empty() || v[0] != pc) return cannot_parse(v, s.prefix);
            v.remove_prefix(1);
        }
        if (s.kind == elem::end) {
            if (!v.empty()) return message(": extra text: " + quote(v));
            break;
        }
        const std::string_view hold = v;
        bool bad = false;
        std::string range;
        switch (s.kind) {
            case elem::long_year:
                if (v.size() < 4 || !is_digit(v, 0)) {
                    bad = true;
                    break;
                }
                bad = !atoi(v.substr(0, 4), year);
                v.remove_prefix(4);
                break;
            case elem::zero_month:
                if (!getnum(v, true, month))
                    bad = true;
                else if (month <= 0 || month > 12)
                    range = "month";
                break;
            case elem::zero_day: bad = !getnum(v, true, day); break;
            case elem::hour:
                bad = !getnum(v, false, hour);
                if (hour >= 24) range = "hour";
                break;
            case elem::zero_minute:
                bad = !getnum(v, true, minute);
                if (minute >= 60) range = "minute";
                break;
            case elem::zero_second:
                if (!getnum(v, true, second)) {
                    bad = true;
                    break;
                }
                if (second >= 60) {
                    range = "second";
                    break;
                }
                // A fraction the layout does not ask for is still accepted.
                if (v.size() >= 2 && (v[0] == '.' || v[0] == ',') && is_digit(v, 1) && steps[k + 1].kind != elem::frac6) {
                    std::size_t n = 2;
                    while (is_digit(v, n)) ++n;
                    parse_nanoseconds(v, n, nsec, range, bad);
                    v.remove_prefix(n);
                }
                break;
            case elem::frac6:
                if (v.size() < 7) {
                    bad = true;
                    break;
                }
                parse_nanoseconds(v, 7, nsec, range, bad);
                v.remove_prefix(7);
                break;
            case elem::colon_tz: {
                if (!v.empty() && v[0] == 'Z') {
                    v.remove_prefix(1);
                    break;
                }
                if (v.size() < 6 || v[3] != ':') {
                    bad = true;
                    break;
                }
                const char sign = v[0];
                std::string_view hh = v.substr(1, 2), mm = v.substr(4, 2);
                v.remove_prefix(6);
                int zh = 0, zm = 0;
                bad = !getnum(hh, true, zh) || !getnum(mm, true, zm);
                if (zh > 24) range = "time zone offset hour";
                if (zm > 60) range = "time zone offset minute";
                zone_offset = (zh * 60 + zm) * 60;
                if (sign == '-')
                    zone_offset = -zone_offset;
                else if (sign != '+')
                    bad = true;
                break;
            }
            case elem::end: break;
        }
        if (!range.empty()) return message(": " + range + " out of range");
        if (bad) return cannot_parse(hold, s.text);
    }
    if (day < 1 || day > days_in(month, year)) return message(": day out of range");

    const std::int64_t days =
        sim::detail::days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
    const std::int64_t unix_seconds = days * 86400 + hour * 3600 + minute * 60 + second - zone_offset;
    const std::int64_t micros = (unix_seconds - sim::epoch_unix_seconds) * 1000000 + nsec / 1000;
    return go_time_result{sim::time_point(sim::duration(micros)), {}};
}

}  // namespace kubesim::api::json::detail
