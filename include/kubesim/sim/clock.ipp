// Definitions of sim/clock.hpp (see config.hpp: included by the header in
// header-only mode, compiled once by the library in compiled mode).
#pragma once

#include <kubesim/sim/clock.hpp>

namespace kubesim::sim {

namespace detail {
void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const auto doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    y = static_cast<std::int64_t>(yoe) + era * 400;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    d = doy - (153 * mp + 2) / 5 + 1;
    m = mp < 10 ? mp + 3 : mp - 9;
    y += (m <= 2);
}
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}
void put2(std::string& s, unsigned v) {
    s += static_cast<char>('0' + v / 10);
    s += static_cast<char>('0' + v % 10);
}
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}
}  // namespace detail

std::string to_rfc3339(time_point t, bool micros) {
    const std::int64_t us = t.time_since_epoch().count();
    const std::int64_t secs = detail::floor_div(us, 1000000) + epoch_unix_seconds;
    const std::int64_t frac = us - detail::floor_div(us, 1000000) * 1000000;
    const std::int64_t days = detail::floor_div(secs, 86400);
    const auto sod = static_cast<unsigned>(secs - days * 86400);
    std::int64_t y;
    unsigned m, d;
    detail::civil_from_days(days, y, m, d);
    std::string s = std::to_string(y);
    while (s.size() < 4) s.insert(s.begin(), '0');
    s += '-';
    detail::put2(s, m);
    s += '-';
    detail::put2(s, d);
    s += 'T';
    detail::put2(s, sod / 3600);
    s += ':';
    detail::put2(s, sod / 60 % 60);
    s += ':';
    detail::put2(s, sod % 60);
    if (micros) {
        std::string f = std::to_string(frac);
        s += '.';
        s.append(6 - f.size(), '0');
        s += f;
    }
    s += 'Z';
    return s;
}

std::optional<time_point> parse_rfc3339(std::string_view s) {
    auto num = [&](std::size_t pos, std::size_t n, int& out) {
        if (pos + n > s.size()) return false;
        out = 0;
        for (std::size_t i = pos; i < pos + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            out = out * 10 + (s[i] - '0');
        }
        return true;
    };
    int y, mo, d, h, mi, se;
    if (!num(0, 4, y) || s.size() < 20 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' || !num(8, 2, d) ||
        (s[10] != 'T' && s[10] != 't') || !num(11, 2, h) || s[13] != ':' || !num(14, 2, mi) || s[16] != ':' ||
        !num(17, 2, se))
        return std::nullopt;
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
    std::size_t i = 19;
    std::int64_t frac_us = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        int digits = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            if (digits < 6) frac_us = frac_us * 10 + (s[i] - '0');
            ++digits;
            ++i;
        }
        if (digits == 0) return std::nullopt;
        for (int k = digits; k < 6; ++k) frac_us *= 10;
    }
    std::int64_t offset = 0;
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh, om;
        if (!num(i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !num(i + 4, 2, om)) return std::nullopt;
        offset = (oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const std::int64_t days = detail::days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    const std::int64_t unix_secs = days * 86400 + h * 3600 + mi * 60 + se - offset;
    return time_point(duration((unix_secs - epoch_unix_seconds) * 1000000 + frac_us));
}

std::string format_offset(time_point t) {
    const std::int64_t us = t.time_since_epoch().count();
    const std::int64_t s = detail::floor_div(us, 1000000);
    std::string f = std::to_string(us - s * 1000000);
    return std::to_string(s) + "." + std::string(6 - f.size(), '0') + f + "s";
}

std::string go_duration(duration d) {
    std::int64_t us = d.count();
    if (us == 0) return "0s";
    std::string sign = us < 0 ? "-" : "";
    if (us < 0) us = -us;
    auto frac = [](std::int64_t v, std::int64_t unit) {
        std::string s = std::to_string(v / unit);
        std::int64_t rest = v % unit;
        if (rest == 0) return s;
        std::string f = std::to_string(rest);
        std::string digits = std::to_string(unit);  // "1000..." : width is its size - 1
        f.insert(0, digits.size() - 1 - f.size(), '0');
        while (!f.empty() && f.back() == '0') f.pop_back();
        return s + "." + f;
    };
    if (us < 1000) return sign + std::to_string(us) + "\xc2\xb5s";
    if (us < 1000000) return sign + frac(us, 1000) + "ms";
    std::string out = sign;
    const std::int64_t h = us / 3600000000, m = us / 60000000 % 60;
    if (h > 0) out += std::to_string(h) + "h";
    if (h > 0 || m > 0) out += std::to_string(m) + "m";
    return out + frac(us % 60000000, 1000000) + "s";
}

}  // namespace kubesim::sim
