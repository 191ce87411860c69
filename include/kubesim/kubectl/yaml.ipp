// Definitions of kubectl/yaml.hpp.
#pragma once

#include <kubesim/kubectl/yaml.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/utf8.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/sim/charconv.hpp>

namespace kubesim::kubectl {

namespace detail::yaml_io {

// ---------------------------------------------------------------------------
// UTF-8

// One code point at s[i] as Go's utf8.DecodeRuneInString reads it: a byte that
// does not start a valid sequence (overlong, surrogate, truncated, > U+10FFFF)
// is U+FFFD of length 1.
struct rune {
    char32_t cp;
    std::size_t len;
    [[nodiscard]] bool invalid() const { return cp == 0xFFFD && len == 1; }
};

[[nodiscard]] KUBESIM_DECL rune decode_rune(std::string_view s, std::size_t i) {
    auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return {c, 1};
    std::size_t n = 0;
    char32_t cp = 0, min = 0;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2, cp = c & 0x1Fu, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3, cp = c & 0x0Fu, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4, cp = c & 0x07u, min = 0x10000;
    } else {
        return {0xFFFD, 1};
    }
    if (i + n > s.size()) return {0xFFFD, 1};
    for (std::size_t k = 1; k < n; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return {0xFFFD, 1};
        cp = (cp << 6) | (byte(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0xFFFD, 1};
    return {cp, n};
}

// Go's json.Marshal writes each byte of invalid UTF-8 as U+FFFD; kubectl's
// -o yaml sees the strings after that.
[[nodiscard]] KUBESIM_DECL std::string valid_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        rune r = decode_rune(s, i);
        if (r.invalid())
            out += "\xEF\xBF\xBD";
        else
            out.append(s.substr(i, r.len));
        i += r.len;
    }
    return out;
}

[[nodiscard]] KUBESIM_DECL std::vector<char32_t> runes_of(std::string_view s) {
    std::vector<char32_t> r;
    r.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        rune c = decode_rune(s, i);
        r.push_back(c.cp);
        i += c.len;
    }
    return r;
}

// ---------------------------------------------------------------------------
// Go's float formatting (strconv.FormatFloat with precision -1, the shortest
// digits that read back the same value, which std::to_chars also produces).

// The value as 0.<digits> x 10^dp.
struct decimal_digits {
    std::string digits;
    int dp = 0;
    bool neg = false;
};

[[nodiscard]] KUBESIM_DECL decimal_digits shortest_digits(double v, bool single) {
    char buf[64];
    auto res = single ? sim::to_chars(buf, buf + sizeof buf, static_cast<float>(v), std::chars_format::scientific)
                      : sim::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
    std::string_view t(buf, static_cast<std::size_t>(res.ptr - buf));
    decimal_digits d;
    if (!t.empty() && t[0] == '-') {
        d.neg = true;
        t.remove_prefix(1);
    }
    std::size_t e = t.find('e');
    for (char c : t.substr(0, e))
        if (c != '.') d.digits += c;
    std::string_view ex = t.substr(e + 1);
    bool eneg = ex[0] == '-';
    if (ex[0] == '+' || ex[0] == '-') ex.remove_prefix(1);
    int exp = 0;
    std::from_chars(ex.data(), ex.data() + ex.size(), exp);
    d.dp = (eneg ? -exp : exp) + 1;
    return d;
}

// %e with every shortest digit, exponent of at least two digits (Go's fmtE).
[[nodiscard]] KUBESIM_DECL std::string format_e(const decimal_digits& d) {
    std::string s = d.neg ? "-" : "";
    s += d.digits[0];
    if (d.digits.size() > 1) {
        s += '.';
        s.append(d.digits, 1);
    }
    int exp = d.digits == "0" ? 0 : d.dp - 1;
    s += 'e';
    s += exp < 0 ? '-' : '+';
    if (exp < 0) exp = -exp;
    if (exp < 10) s += '0';
    s += std::to_string(exp);
    return s;
}

// %f with as many decimals as the shortest digits need (Go's fmtF).
[[nodiscard]] KUBESIM_DECL std::string format_f(const decimal_digits& d) {
    std::string s = d.neg ? "-" : "";
    const int nd = static_cast<int>(d.digits.size());
    if (d.dp > 0) {
        for (int i = 0; i < d.dp; ++i) s += i < nd ? d.digits[static_cast<std::size_t>(i)] : '0';
    } else {
        s += '0';
    }
    int prec = std::max(nd - d.dp, 0);
    if (prec > 0) {
        s += '.';
        for (int i = 1; i <= prec; ++i) {
            int j = d.dp + i - 1;
            s += j >= 0 && j < nd ? d.digits[static_cast<std::size_t>(j)] : '0';
        }
    }
    return s;
}

// strconv.FormatFloat(v, 'g', -1, 64 or 32): %e once the exponent is below -4
// or at least 6 (the shortest format decides on precision 6), else %f.
[[nodiscard]] KUBESIM_DECL std::string format_g(double v, bool single = false) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
    decimal_digits d = shortest_digits(v, single);
    if (d.digits == "0") return d.neg ? "-0" : "0";
    int exp = d.dp - 1;
    return exp < -4 || exp >= 6 ? format_e(d) : format_f(d);
}

// encoding/json's float64: %f from 1e-6 to 1e21, %e outside with "e-07"
// shortened to "e-7".
[[nodiscard]] KUBESIM_DECL std::string format_json_float(double v) {
    if (!std::isfinite(v)) return "null";  // json.Marshal refuses these; nlohmann writes null
    decimal_digits d = shortest_digits(v, false);
    double a = std::fabs(v);
    if (a != 0 && (a < 1e-6 || a >= 1e21)) {
        std::string s = format_e(d);
        std::size_t n = s.size();
        if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0') s.erase(n - 2, 1);
        return s;
    }
    if (d.digits == "0") return d.neg ? "-0" : "0";
    return format_f(d);
}

// ---------------------------------------------------------------------------
// YAML 1.1 plain scalars as go-yaml v2 resolves them (resolve.go).

enum class scalar_kind { null, boolean, integer, unsigned_integer, floating, timestamp, string };

struct scalar_value {
    scalar_kind kind = scalar_kind::string;
    bool b = false;
    std::int64_t i = 0;
    std::uint64_t u = 0;
    double f = 0;
};

[[nodiscard]] KUBESIM_DECL bool is_ascii_digit(char c) { return c >= '0' && c <= '9'; }

// strconv.ParseUint(s, 0, 64): 0x, 0o, 0b prefixes, a leading 0 for octal.
[[nodiscard]] KUBESIM_DECL std::optional<std::uint64_t> go_parse_uint(std::string_view s) {
    if (s.empty()) return std::nullopt;
    unsigned base = 10;
    if (s[0] == '0') {
        char p = s.size() >= 3 ? static_cast<char>(s[1] | 0x20) : '\0';
        if (p == 'b') {
            base = 2, s.remove_prefix(2);
        } else if (p == 'o') {
            base = 8, s.remove_prefix(2);
        } else if (p == 'x') {
            base = 16, s.remove_prefix(2);
        } else {
            base = 8, s.remove_prefix(1);
        }
    }
    std::uint64_t n = 0;
    constexpr std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
    for (char c : s) {
        unsigned d = 0;
        if (is_ascii_digit(c))
            d = static_cast<unsigned>(c - '0');
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            d = static_cast<unsigned>((c | 0x20) - 'a' + 10);
        else
            return std::nullopt;
        if (d >= base) return std::nullopt;
        if (n > (max - d) / base) return std::nullopt;
        n = n * base + d;
    }
    return n;
}

// strconv.ParseInt(s, 0, 64).
[[nodiscard]] KUBESIM_DECL std::optional<std::int64_t> go_parse_int(std::string_view s) {
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    auto u = go_parse_uint(s);
    if (!u) return std::nullopt;
    constexpr std::uint64_t limit = std::uint64_t{1} << 63;
    if (neg) {
        if (*u > limit) return std::nullopt;
        return *u == limit ? std::numeric_limits<std::int64_t>::min() : -static_cast<std::int64_t>(*u);
    }
    if (*u >= limit) return std::nullopt;
    return static_cast<std::int64_t>(*u);
}

// strconv.ParseFloat(s, 64) for the decimal forms resolve() hands it: an
// overflow is an error (so "1e400" stays a string), an underflow is zero.
[[nodiscard]] KUBESIM_DECL std::optional<double> go_parse_float(std::string_view s) {
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty() || !(is_ascii_digit(s[0]) || s[0] == '.')) return std::nullopt;
    double v = 0;
    auto [ptr, ec] = sim::from_chars(s.data(), s.data() + s.size(), v, std::chars_format::general);
    if (ptr != s.data() + s.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range) {
        // Overflow or underflow: a negative exponent, or no integer digit
        // other than zero, means the value was too small.
        std::size_t e = s.find_first_of("eE");
        bool small = e != std::string_view::npos ? s.substr(e + 1).find('-') == 0
                                                 : s.find_first_not_of("0.") == std::string_view::npos ||
                                                       s[0] == '.' || (s[0] == '0' && s.size() > 1 && s[1] == '.');
        if (!small) return std::nullopt;
        v = 0;
    } else if (ec != std::errc{}) {
        return std::nullopt;
    }
    return neg ? -v : v;
}

// ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$
[[nodiscard]] KUBESIM_DECL bool yaml_style_float(std::string_view s) {
    std::size_t i = 0, n = s.size();
    if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
    auto digits = [&] {
        std::size_t start = i;
        while (i < n && is_ascii_digit(s[i])) ++i;
        return i - start;
    };
    if (i < n && s[i] == '.') {
        ++i;
        if (digits() == 0) return false;
    } else {
        if (digits() == 0) return false;
        if (i < n && s[i] == '.') {
            ++i;
            digits();
        }
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        ++i;
        if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
        if (digits() == 0) return false;
    }
    return i == n;
}

// ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$ : YAML 1.1 sexagesimal
// numbers, which go-yaml still quotes on output.
[[nodiscard]] KUBESIM_DECL bool is_base60_float(std::string_view s) {
    std::size_t i = 0, n = s.size();
    if (i < n && (s[i] == '-' || s[i] == '+')) ++i;
    if (i >= n || !is_ascii_digit(s[i])) return false;
    ++i;
    while (i < n && (is_ascii_digit(s[i]) || s[i] == '_')) ++i;
    int groups = 0;
    while (i < n && s[i] == ':') {
        ++i;
        // [0-5]?[0-9]: one digit, or two with the first at most 5.
        if (i + 1 < n && s[i] >= '0' && s[i] <= '5' && is_ascii_digit(s[i + 1]))
            i += 2;
        else if (i < n && is_ascii_digit(s[i]))
            ++i;
        else
            return false;
        ++groups;
    }
    if (groups == 0) return false;
    if (i < n && s[i] == '.') {
        ++i;
        while (i < n && (is_ascii_digit(s[i]) || s[i] == '_')) ++i;
    }
    return i == n;
}

[[nodiscard]] KUBESIM_DECL bool leap_year(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

// go-yaml's timestamps: Go's time.Parse with "2006-1-2T15:4:5.999999999Z07:00"
// (also with a lower-case t), "2006-1-2 15:4:5.999999999" and "2006-1-2".
[[nodiscard]] KUBESIM_DECL bool is_timestamp(std::string_view s) {
    std::size_t i = 0, n = s.size();
    while (i < n && is_ascii_digit(s[i])) ++i;
    if (i != 4 || i == n || s[i] != '-') return false;
    const int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    // Go's getnum without a fixed width: one digit, or two.
    auto num = [&](int& out) {
        if (i >= n || !is_ascii_digit(s[i])) return false;
        out = s[i++] - '0';
        if (i < n && is_ascii_digit(s[i])) out = out * 10 + (s[i++] - '0');
        return true;
    };
    ++i;
    int month = 0, day = 0;
    if (!num(month) || month < 1 || month > 12) return false;
    if (i >= n || s[i] != '-') return false;
    ++i;
    if (!num(day)) return false;
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int dim = days[month - 1] + (month == 2 && leap_year(year) ? 1 : 0);
    if (day < 1 || day > dim) return false;
    if (i == n) return true;
    bool zoned = false;
    if (s[i] == 'T' || s[i] == 't') {
        zoned = true;
        ++i;
    } else if (s[i] == ' ') {
        while (i < n && s[i] == ' ') ++i;
    } else {
        return false;
    }
    int hh = 0, mm = 0, ss = 0;
    if (!num(hh) || hh > 23 || i >= n || s[i] != ':') return false;
    ++i;
    if (!num(mm) || mm > 59 || i >= n || s[i] != ':') return false;
    ++i;
    if (!num(ss) || ss > 59) return false;
    if (i + 1 < n && (s[i] == '.' || s[i] == ',') && is_ascii_digit(s[i + 1])) {
        ++i;
        while (i < n && is_ascii_digit(s[i])) ++i;
    }
    if (!zoned) return i == n;
    if (i < n && s[i] == 'Z') return i + 1 == n;
    if (n - i != 6 || (s[i] != '+' && s[i] != '-') || s[i + 3] != ':') return false;
    for (std::size_t k : {i + 1, i + 2, i + 4, i + 5})
        if (!is_ascii_digit(s[k])) return false;
    int zh = (s[i + 1] - '0') * 10 + (s[i + 2] - '0'), zm = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
    return zh <= 24 && zm <= 60;
}

// go-yaml v2's resolve(tag, in) for the untagged plain scalar `in`
// (timestamps only when `timestamps`, as for an untagged or !!timestamp one).
[[nodiscard]] KUBESIM_DECL scalar_value resolve_plain(std::string_view in, bool timestamps = true) {
    scalar_value v;
    auto one_of = [&](std::initializer_list<std::string_view> l) { return std::find(l.begin(), l.end(), in) != l.end(); };
    char hint = 'N';
    if (!in.empty()) {
        const char c = in[0];
        if (c == '+' || c == '-')
            hint = 'S';
        else if (is_ascii_digit(c))
            hint = 'D';
        else if (std::string_view("yYnNtTfFoO~").find(c) != std::string_view::npos)
            hint = 'M';
        else if (c == '.')
            hint = '.';
        else
            return v;  // anything else is a string without looking further (even "<<")
    }
    if (one_of({"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
        v.kind = scalar_kind::boolean, v.b = true;
        return v;
    }
    if (one_of({"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
        v.kind = scalar_kind::boolean, v.b = false;
        return v;
    }
    if (one_of({"", "~", "null", "Null", "NULL"})) {
        v.kind = scalar_kind::null;
        return v;
    }
    constexpr double inf = std::numeric_limits<double>::infinity();
    if (one_of({".nan", ".NaN", ".NAN"})) {
        v.kind = scalar_kind::floating, v.f = std::numeric_limits<double>::quiet_NaN();
        return v;
    }
    if (one_of({".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"})) {
        v.kind = scalar_kind::floating, v.f = inf;
        return v;
    }
    if (one_of({"-.inf", "-.Inf", "-.INF"})) {
        v.kind = scalar_kind::floating, v.f = -inf;
        return v;
    }
    if (hint == '.') {
        if (auto f = go_parse_float(in)) v.kind = scalar_kind::floating, v.f = *f;
        return v;
    }
    if (hint == 'D' || hint == 'S') {
        if (timestamps && is_timestamp(in)) {
            v.kind = scalar_kind::timestamp;
            return v;
        }
        std::string plain;
        for (char c : in)
            if (c != '_') plain += c;
        if (auto i = go_parse_int(plain)) {
            v.kind = scalar_kind::integer, v.i = *i;
            return v;
        }
        if (auto u = go_parse_uint(plain)) {
            v.kind = scalar_kind::unsigned_integer, v.u = *u;
            return v;
        }
        if (yaml_style_float(plain)) {
            if (auto f = go_parse_float(plain)) {
                v.kind = scalar_kind::floating, v.f = *f;
                return v;
            }
        }
    }
    return v;
}

// ---------------------------------------------------------------------------
// Reading: yaml-cpp events to JSON, as go-yaml v2 decodes into interface{} and
// sigs.k8s.io/yaml converts the result.

// A document that yaml-cpp reads but kubectl would not convert; the message is
// go-yaml's or sigs.k8s.io/yaml's, without the "error converting" prefix.
struct conversion_error {
    std::string message;
};

[[nodiscard]] KUBESIM_DECL std::string short_tag(std::string_view tag) {
    constexpr std::string_view prefix = "tag:yaml.org,2002:";
    if (tag.substr(0, prefix.size()) == prefix) return "!!" + std::string(tag.substr(prefix.size()));
    return std::string(tag);
}

[[nodiscard]] KUBESIM_DECL std::string tag_of(const scalar_value& v) {
    switch (v.kind) {
        case scalar_kind::null: return "!!null";
        case scalar_kind::boolean: return "!!bool";
        case scalar_kind::integer:
        case scalar_kind::unsigned_integer: return "!!int";
        case scalar_kind::floating: return "!!float";
        case scalar_kind::timestamp: return "!!timestamp";
        case scalar_kind::string: break;
    }
    return "!!str";
}

[[nodiscard]] KUBESIM_DECL nlohmann::json to_json_value(const scalar_value& v, const std::string& text) {
    switch (v.kind) {
        case scalar_kind::null: return nullptr;
        case scalar_kind::boolean: return v.b;
        case scalar_kind::integer: return v.i;
        case scalar_kind::unsigned_integer: return v.u;
        case scalar_kind::floating: return v.f;
        case scalar_kind::timestamp:  // go-yaml v2 hands timestamps to interface{} as their text
        case scalar_kind::string: break;
    }
    return text;
}

// base64.StdEncoding.DecodeString, for !!binary scalars (line breaks in the
// text are dropped first, as go-yaml does).
[[nodiscard]] KUBESIM_DECL std::optional<std::string> base64_decode(std::string_view in) {
    std::string s;
    for (char c : in)
        if (c != '\n' && c != '\r') s += c;
    if (s.size() % 4 != 0) return std::nullopt;
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        int d = -1;
        if (c >= 'A' && c <= 'Z') d = c - 'A';
        else if (c >= 'a' && c <= 'z') d = c - 'a' + 26;
        else if (is_ascii_digit(c)) d = c - '0' + 52;
        else if (c == '+') d = 62;
        else if (c == '/') d = 63;
        else if (c == '=' && i + 2 >= s.size()) {
            if (i + 1 < s.size() && s[i + 1] != '=') return std::nullopt;
            break;
        } else return std::nullopt;
        acc = (acc << 6) | static_cast<unsigned>(d);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((acc >> bits) & 0xFF);
        }
    }
    return out;
}

// A scalar with its tag as yaml-cpp reports it: "?" for plain, "!" for quoted
// and block scalars, the full tag when there is one.
[[nodiscard]] KUBESIM_DECL nlohmann::json scalar_to_json(const std::string& tag, const std::string& value) {
    if (tag == "!") return value;
    if (tag == "?" || tag.empty()) return to_json_value(resolve_plain(value), value);
    const std::string t = short_tag(tag);
    if (t == "!!str") return value;
    if (t == "!!binary") {
        auto d = base64_decode(value);
        if (!d) throw conversion_error{"yaml: !!binary value contains invalid base64 data"};
        // The bytes become a Go string, which json.Marshal writes with each
        // byte that is not UTF-8 as U+FFFD.
        return api::utf8::to_valid(*d);
    }
    if (t != "!!bool" && t != "!!int" && t != "!!float" && t != "!!null" && t != "!!timestamp")
        return value;  // a tag go-yaml does not resolve: the text, as a string
    scalar_value v = resolve_plain(value, t == "!!timestamp");
    std::string rtag = tag_of(v);
    if (rtag == t) return to_json_value(v, value);
    if (t == "!!float" && v.kind == scalar_kind::integer) return static_cast<double>(v.i);
    if (t == "!!float" && v.kind == scalar_kind::unsigned_integer) return static_cast<double>(v.u);
    throw conversion_error{"yaml: cannot decode " + rtag + " `" + value + "` as a " + t};
}

// A decoded value as Go's %#v prints it, for the messages that quote one.
[[nodiscard]] KUBESIM_DECL std::string go_syntax(const nlohmann::json& j, bool top = true) {
    switch (j.type()) {
        case nlohmann::json::value_t::null: return top ? "<nil>" : "interface {}(nil)";
        case nlohmann::json::value_t::string: return j.dump();
        case nlohmann::json::value_t::boolean: return j.get<bool>() ? "true" : "false";
        case nlohmann::json::value_t::number_integer: return std::to_string(j.get<std::int64_t>());
        case nlohmann::json::value_t::number_unsigned: return std::to_string(j.get<std::uint64_t>());
        case nlohmann::json::value_t::number_float: return format_g(j.get<double>());
        case nlohmann::json::value_t::array: {
            std::string s = "[]interface {}{";
            for (std::size_t i = 0; i < j.size(); ++i) s += (i ? ", " : "") + go_syntax(j[i], false);
            return s + "}";
        }
        default: {
            std::string s = "map[interface {}]interface {}{";
            bool first = true;
            for (auto it = j.begin(); it != j.end(); ++it) {
                s += (first ? "" : ", ") + nlohmann::json(it.key()).dump() + ":" + go_syntax(it.value(), false);
                first = false;
            }
            return s + "}";
        }
    }
}

// sigs.k8s.io/yaml's convertToJSONableObject for a mapping key.
[[nodiscard]] KUBESIM_DECL std::string key_string(const nlohmann::json& k, const nlohmann::json& value) {
    switch (k.type()) {
        case nlohmann::json::value_t::string: return k.get<std::string>();
        case nlohmann::json::value_t::boolean: return k.get<bool>() ? "true" : "false";
        case nlohmann::json::value_t::number_integer: return std::to_string(k.get<std::int64_t>());
        case nlohmann::json::value_t::number_float: {
            // Formatted as a float32, as sigs.k8s.io/yaml does.
            std::string s = format_g(k.get<double>(), true);
            if (s == "+Inf") return ".inf";
            if (s == "-Inf") return "-.inf";
            if (s == "NaN") return ".nan";
            return s;
        }
        case nlohmann::json::value_t::object:
        case nlohmann::json::value_t::array: throw conversion_error{"yaml: invalid map key: " + go_syntax(k)};
        case nlohmann::json::value_t::number_unsigned: {
            std::ostringstream hex;
            hex << std::hex << k.get<std::uint64_t>();
            throw conversion_error{"unsupported map key of type: uint64, key: 0x" + hex.str() +
                                   ", value: " + go_syntax(value)};
        }
        default: break;
    }
    throw conversion_error{"unsupported map key of type: %!s(<nil>), key: <nil>, value: " + go_syntax(value)};
}

[[nodiscard]] KUBESIM_DECL std::size_t node_count(const nlohmann::json& j) {
    std::size_t n = 1;
    if (j.is_structured())
        for (const auto& e : j) n += node_count(e);
    return n;
}

// yaml-cpp decodes the escapes \N (NEL, U+0085) and \_ (no-break space,
// U+00A0) of a double-quoted scalar to the single bytes 0x85 and 0xA0 instead
// of their UTF-8, which go-yaml writes. The stream itself is valid UTF-8
// (go_yaml_reader_error), so a byte that starts no sequence in a scalar is one
// of those two.
[[nodiscard]] KUBESIM_DECL std::string scalar_utf8(const std::string& s) {
    if (api::utf8::valid(s)) return s;
    std::string out;
    out.reserve(s.size() + 4);
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = api::utf8::sequence_length(s, i);
        if (n != 0) {
            out.append(s, i, n);
            i += n;
            continue;
        }
        const auto c = static_cast<unsigned char>(s[i++]);
        if (c == 0x85 || c == 0xA0) {
            out += '\xC2';
            out += static_cast<char>(c);
        } else {
            out += api::utf8::replacement;
        }
    }
    return out;
}

// Builds the first document of a chunk from yaml-cpp's events.
class document_builder : public YAML::EventHandler {
public:
    nlohmann::json value;
    int line = -1;  // 0-based, of the first node
    bool done = false;

    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { complete(mark, anchor, nullptr, false); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        auto it = anchors_.find(anchor);
        if (it == anchors_.end()) throw conversion_error{"yaml: unknown anchor referenced"};
        // Expanding aliases copies; a document built to explode (aliases of
        // aliases) stops here, as go-yaml stops "excessive aliasing".
        expanded_ += it->second.second;
        if (expanded_ > 10'000'000) throw conversion_error{"yaml: document contains excessive aliasing"};
        complete(mark, 0, it->second.first, false);
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value_text) override {
        // A plain "<<" key (or one tagged !!merge) merges the mapping(s) it maps to.
        bool merge = value_text == "<<" && (tag == "?" || short_tag(tag) == "!!merge");
        complete(mark, anchor, scalar_to_json(tag, scalar_utf8(value_text)), merge);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        start(mark, anchor, nlohmann::json::array());
    }
    void OnSequenceEnd() override { finish(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        start(mark, anchor, nlohmann::json::object());
    }
    void OnMapEnd() override { finish(); }

private:
    struct frame {
        nlohmann::json value;
        YAML::anchor_t anchor = 0;
        bool has_key = false;
        bool merge = false;
        nlohmann::json key;
    };
    std::vector<frame> stack_;
    std::map<YAML::anchor_t, std::pair<nlohmann::json, std::size_t>> anchors_;
    std::size_t expanded_ = 0;

    void note_line(const YAML::Mark& mark) {
        if (line < 0 && !mark.is_null()) line = mark.line;
    }
    void start(const YAML::Mark& mark, YAML::anchor_t anchor, nlohmann::json v) {
        note_line(mark);
        stack_.push_back(frame{std::move(v), anchor, false, false, nullptr});
    }
    void finish() {
        frame f = std::move(stack_.back());
        stack_.pop_back();
        if (f.anchor != 0) anchors_[f.anchor] = {f.value, node_count(f.value)};
        add(std::move(f.value), false);
    }
    void complete(const YAML::Mark& mark, YAML::anchor_t anchor, nlohmann::json v, bool merge) {
        note_line(mark);
        if (anchor != 0) anchors_[anchor] = {v, 1};
        add(std::move(v), merge);
    }
    void add(nlohmann::json v, bool merge_key) {
        if (stack_.empty()) {
            value = std::move(v);
            done = true;
            return;
        }
        frame& f = stack_.back();
        if (f.value.is_array()) {
            f.value.push_back(std::move(v));
            return;
        }
        if (!f.has_key) {
            // go-yaml refuses a collection as a key at once; other keys are
            // converted with their value (whose text the error quotes).
            if (v.is_structured() && !merge_key) (void)key_string(v, nullptr);
            f.has_key = true;
            f.merge = merge_key;
            f.key = std::move(v);
            return;
        }
        f.has_key = false;
        if (!f.merge) {
            std::string key = key_string(f.key, v);
            f.value[key] = std::move(v);  // a repeated key: the last one wins
            return;
        }
        // go-yaml v2 merges in place: the merged keys overwrite the keys
        // before "<<" and are overwritten by those after it; in a list of
        // mappings, the earlier ones win.
        auto merge_one = [&](const nlohmann::json& m) {
            for (auto it = m.begin(); it != m.end(); ++it) f.value[it.key()] = it.value();
        };
        const char* want = "yaml: map merge requires map or sequence of maps as the value";
        if (v.is_object()) {
            merge_one(v);
        } else if (v.is_array()) {
            for (const auto& m : v)
                if (!m.is_object()) throw conversion_error{want};
            for (auto it = v.rbegin(); it != v.rend(); ++it) merge_one(*it);
        } else {
            throw conversion_error{want};
        }
    }
};

// go-yaml's words for a syntax error yaml-cpp also finds, so that messages
// read as kubectl's ("yaml: line N: <what>"); other errors keep yaml-cpp's
// words. go-yaml numbers the lines of its scanner's errors from 1 but those of
// its parser's from 0 (it prints the 0-based line of the problem): errors it
// finds in the parser show the line before the one yaml-cpp points at.
[[nodiscard]] KUBESIM_DECL std::string syntax_message(const YAML::Exception& e, std::string_view text) {
    struct words {
        std::string_view yaml_cpp, go_yaml;
        bool parser;
    };
    static constexpr words table[] = {
        {"illegal map value", "mapping values are not allowed in this context", false},
        {"end of map not found", "did not find expected key", true},
        {"end of sequence not found", "did not find expected '-' indicator", true},
        {"end of map flow not found", "did not find expected ',' or '}'", true},
        {"end of sequence flow not found", "did not find expected ',' or ']'", true},
        {"unknown escape character", "found unknown escape character", false},
        {"unknown token", "found character that cannot start any token", false},
    };
    const int line = e.mark.is_null() ? 0 : e.mark.line;
    if (e.msg.rfind("the referenced anchor is not defined", 0) == 0) {
        // go-yaml names the anchor and gives no line.
        std::string name;
        std::size_t pos = e.mark.is_null() ? text.size() : static_cast<std::size_t>(e.mark.pos);
        if (pos < text.size() && text[pos] == '*') ++pos;
        while (pos < text.size() && std::string_view(" \t\r\n,[]{}").find(text[pos]) == std::string_view::npos)
            name += text[pos++];
        return "yaml: unknown anchor '" + name + "' referenced";
    }
    std::string what = e.msg;
    int shown = line + 1;
    for (const auto& w : table) {
        if (e.msg.rfind(w.yaml_cpp, 0) == 0) {
            what = std::string(w.go_yaml);
            if (w.parser) shown = line;
            break;
        }
    }
    if (!what.empty() && what[0] >= 'A' && what[0] <= 'Z') what[0] = static_cast<char>(what[0] - 'A' + 'a');
    if (shown <= 0) return "yaml: " + what;
    return "yaml: line " + std::to_string(shown) + ": " + what;
}

[[nodiscard]] KUBESIM_DECL api_error stream_error(std::string message, std::size_t document, int stream_line) {
    api::status s = api::errors::bad_request(std::move(message));
    // The document (1-based) and the stream's line go in the details: the
    // message keeps kubectl's form, whose line counts within the document.
    s.details.causes.push_back(api::status_cause{
        "YAMLDocument", "document " + std::to_string(document) + ", line " + std::to_string(stream_line) + " of the stream",
        std::to_string(document)});
    s.causes = s.details.causes;
    return api_error(std::move(s));
}

// A chunk of the stream, split as kubectl's YAMLReader splits it.
struct chunk {
    std::string text;
    int first_line = 1;  // 1-based line of the chunk's first line in the stream
};

// Lines starting with "---" end a document (they may carry a comment, nothing
// else); a separator with nothing before it since the last one starts no
// document; "..." is left to the YAML parser.
[[nodiscard]] KUBESIM_DECL std::vector<chunk> split_documents(std::string_view text) {
    std::vector<chunk> out;
    chunk cur;
    bool have = false;
    int line = 0;
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t nl = text.find('\n', pos);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
        std::string_view l = text.substr(pos, end - pos);
        pos = end;
        ++line;
        if (l.substr(0, 3) == "---") {
            std::string_view rest = l.substr(3);
            std::size_t a = rest.find_first_not_of(" \t\r\n\v\f");
            if (a != std::string_view::npos && rest[a] != '#') {
                std::size_t b = rest.find_last_not_of(" \t\r\n\v\f");
                throw stream_error("invalid Yaml document separator: " + std::string(rest.substr(a, b - a + 1)),
                                   out.size() + 1, line);
            }
            if (have) out.push_back(std::move(cur));
            cur = chunk{};
            have = false;
            continue;
        }
        if (!have) cur.first_line = line;
        have = true;
        cur.text.append(l);
    }
    if (have) out.push_back(std::move(cur));
    return out;
}

// The extent of the JSON value starting at text[pos] ('{'), or npos when it
// does not close.
[[nodiscard]] KUBESIM_DECL std::size_t json_value_end(std::string_view text, std::size_t pos) {
    int depth = 0;
    bool in_string = false;
    for (std::size_t i = pos; i < text.size(); ++i) {
        char c = text[i];
        if (in_string) {
            if (c == '\\')
                ++i;
            else if (c == '"')
                in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '{' || c == '[') {
            ++depth;
        } else if (c == '}' || c == ']') {
            if (--depth == 0) return i + 1;
        }
    }
    return std::string_view::npos;
}

// go-yaml's reader (readerc.go, yaml_parser_update_buffer) decodes the input
// as UTF-8 before anything else looks at it, and stops at the first character
// it refuses, with one of these problems (no line: reader errors carry none).
// yaml-cpp would read such bytes into strings that are not UTF-8.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> go_yaml_reader_error(std::string_view text) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    for (std::size_t i = 0; i < text.size();) {
        const unsigned octet = byte(i);
        if (octet >= 0x20 && octet <= 0x7E) {  // the usual case, and always allowed
            ++i;
            continue;
        }
        std::size_t width = 0;
        char32_t value = 0;
        if ((octet & 0x80) == 0) {
            width = 1;
            value = octet;
        } else if ((octet & 0xE0) == 0xC0) {
            width = 2;
            value = octet & 0x1F;
        } else if ((octet & 0xF0) == 0xE0) {
            width = 3;
            value = octet & 0x0F;
        } else if ((octet & 0xF8) == 0xF0) {
            width = 4;
            value = octet & 0x07;
        } else {
            return std::string("invalid leading UTF-8 octet");
        }
        if (text.size() - i < width) return std::string("incomplete UTF-8 octet sequence");
        for (std::size_t k = 1; k < width; ++k) {
            if ((byte(i + k) & 0xC0) != 0x80) return std::string("invalid trailing UTF-8 octet");
            value = (value << 6) | (byte(i + k) & 0x3Fu);
        }
        if (!(width == 1 || (width == 2 && value >= 0x80) || (width == 3 && value >= 0x800) ||
              (width == 4 && value >= 0x10000)))
            return std::string("invalid length of a UTF-8 sequence");
        if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF) return std::string("invalid Unicode character");
        if (!(value == 0x09 || value == 0x0A || value == 0x0D || (value >= 0x20 && value <= 0x7E) || value == 0x85 ||
              (value >= 0xA0 && value <= 0xD7FF) || (value >= 0xE000 && value <= 0xFFFD) ||
              (value >= 0x10000 && value <= 0x10FFFF)))
            return std::string("control characters are not allowed");
        i += width;
    }
    return std::nullopt;
}

// kubectl reads a stream that starts with '{' as concatenated JSON objects.
[[nodiscard]] KUBESIM_DECL std::optional<std::vector<yaml_document>> parse_json_stream(std::string_view text) {
    std::vector<yaml_document> docs;
    constexpr std::string_view ws = " \t\r\n";
    std::size_t pos = text.find_first_not_of(ws);
    auto line_at = [&](std::size_t p) {
        return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(p), '\n'));
    };
    while (pos != std::string_view::npos) {
        if (text[pos] != '{') return std::nullopt;
        std::size_t end = json_value_end(text, pos);
        if (end == std::string_view::npos) return std::nullopt;
        auto j = nlohmann::json::parse(text.substr(pos, end - pos), nullptr, false);
        // encoding/json reads bytes that are not UTF-8, and lone surrogate
        // escapes, as U+FFFD.
        if (j.is_discarded())
            j = nlohmann::json::parse(api::utf8::json_text_to_valid(text.substr(pos, end - pos)), nullptr, false);
        if (j.is_discarded()) return std::nullopt;
        docs.push_back(yaml_document{std::move(j), line_at(pos)});
        pos = text.find_first_not_of(ws, end);
    }
    return docs;
}

[[nodiscard]] KUBESIM_DECL bool has_non_finite(const nlohmann::json& j, double& bad) {
    if (j.is_number_float() && !std::isfinite(j.get<double>())) {
        bad = j.get<double>();
        return true;
    }
    if (j.is_structured())
        for (const auto& e : j)
            if (has_non_finite(e, bad)) return true;
    return false;
}

// ---------------------------------------------------------------------------
// Printing YAML: go-yaml v2's encoder and its libyaml emitter (emitterc.go),
// reduced to what a JSON value needs: block collections, flow only for empty
// ones, no anchors, no tags.

[[nodiscard]] KUBESIM_DECL bool is_letter(char32_t c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    // An approximation of unicode.IsLetter for the rest: Latin-1's letters,
    // and outside the punctuation, symbol and emoji blocks, everything.
    if (c < 0x100) return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
    if (c >= 0x2000 && c <= 0x2BFF) return c == 0x2071 || c == 0x207F || (c >= 0x2090 && c <= 0x209C);
    if (c >= 0x3000 && c <= 0x3004) return false;
    if (c >= 0x3008 && c <= 0x3020) return false;
    if (c >= 0xFE30 && c <= 0xFE4F) return false;
    if (c >= 0xFF00 && c <= 0xFF20) return false;
    if (c >= 0x1F000) return false;
    return true;
}

[[nodiscard]] KUBESIM_DECL bool is_digit_rune(char32_t c) { return c >= '0' && c <= '9'; }

// go-yaml v2's keyList.Less for two string keys: letters after everything
// else, runs of digits compared as numbers.
[[nodiscard]] KUBESIM_DECL bool key_less(const std::vector<char32_t>& a, const std::vector<char32_t>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
        if (a[i] == b[i]) continue;
        bool al = is_letter(a[i]), bl = is_letter(b[i]);
        if (al && bl) return a[i] < b[i];
        if (al || bl) return bl;
        // Go's int64 arithmetic wraps; so does this.
        std::uint64_t an = 0, bn = 0;
        if (a[i] == '0' || b[i] == '0') {
            for (std::size_t j = i; j-- > 0 && is_digit_rune(a[j]);) {
                if (a[j] != '0') {
                    an = bn = 1;
                    break;
                }
            }
        }
        std::size_t ai = i, bi = i;
        for (; ai < a.size() && is_digit_rune(a[ai]); ++ai) an = an * 10 + (a[ai] - '0');
        for (; bi < b.size() && is_digit_rune(b[bi]); ++bi) bn = bn * 10 + (b[bi] - '0');
        if (an != bn) return static_cast<std::int64_t>(an) < static_cast<std::int64_t>(bn);
        if (ai != bi) return ai < bi;
        return a[i] < b[i];
    }
    return a.size() < b.size();
}

enum class style { plain, single_quoted, double_quoted, literal };

// What yaml_emitter_analyze_scalar learns about a scalar.
struct analysis {
    bool multiline = false;
    bool flow_plain = true;
    bool block_plain = true;
    bool single_quoted = true;
    bool block = true;
};

[[nodiscard]] KUBESIM_DECL unsigned char at(std::string_view v, std::size_t i) {
    return i < v.size() ? static_cast<unsigned char>(v[i]) : 0;
}
[[nodiscard]] KUBESIM_DECL std::size_t width(unsigned char c) {
    if ((c & 0x80) == 0) return 1;
    if ((c & 0xE0) == 0xC0) return 2;
    if ((c & 0xF0) == 0xE0) return 3;
    if ((c & 0xF8) == 0xF0) return 4;
    return 1;
}
[[nodiscard]] KUBESIM_DECL bool is_space(std::string_view v, std::size_t i) { return at(v, i) == ' '; }
[[nodiscard]] KUBESIM_DECL bool is_blank(std::string_view v, std::size_t i) {
    return at(v, i) == ' ' || at(v, i) == '\t';
}
[[nodiscard]] KUBESIM_DECL bool is_break(std::string_view v, std::size_t i) {
    const unsigned char c = at(v, i);
    return c == '\r' || c == '\n' || (c == 0xC2 && at(v, i + 1) == 0x85) ||
           (c == 0xE2 && at(v, i + 1) == 0x80 && (at(v, i + 2) == 0xA8 || at(v, i + 2) == 0xA9));
}
[[nodiscard]] KUBESIM_DECL bool is_blankz(std::string_view v, std::size_t i) {
    return is_blank(v, i) || is_break(v, i) || at(v, i) == 0;
}
// YAML's printable set (no tab, no DEL, no C1 controls, no BOM, no
// non-characters U+FFFE and U+FFFF).
[[nodiscard]] KUBESIM_DECL bool is_printable(std::string_view v, std::size_t i) {
    const unsigned char c = at(v, i), c1 = at(v, i + 1), c2 = at(v, i + 2);
    return c == 0x0A || (c >= 0x20 && c <= 0x7E) || (c == 0xC2 && c1 >= 0xA0) || (c > 0xC2 && c < 0xED) ||
           (c == 0xED && c1 < 0xA0) || c == 0xEE ||
           (c == 0xEF && !(c1 == 0xBB && c2 == 0xBF) && !(c1 == 0xBF && (c2 == 0xBE || c2 == 0xBF)));
}

[[nodiscard]] KUBESIM_DECL analysis analyze(std::string_view v) {
    analysis a;
    if (v.empty()) {
        a.flow_plain = false;
        a.block = false;
        return a;
    }
    bool block_ind = false, flow_ind = false, line_breaks = false, special = false;
    bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false;
    bool break_space = false, space_break = false;
    bool preceded_by_ws = true, prev_space = false, prev_break = false;
    if (v.substr(0, 3) == "---" || v.substr(0, 3) == "...") block_ind = flow_ind = true;
    for (std::size_t i = 0, w = 0; i < v.size(); i += w) {
        w = width(at(v, i));
        const bool followed_by_ws = i + w >= v.size() || is_blank(v, i + w);
        const char c = v[i];
        if (i == 0) {
            switch (c) {
                case '#': case ',': case '[': case ']': case '{': case '}': case '&': case '*': case '!':
                case '|': case '>': case '\'': case '"': case '%': case '@': case '`':
                    flow_ind = block_ind = true;
                    break;
                case '?': case ':':
                    flow_ind = true;
                    if (followed_by_ws) block_ind = true;
                    break;
                case '-':
                    if (followed_by_ws) flow_ind = block_ind = true;
                    break;
                default: break;
            }
        } else {
            switch (c) {
                case ',': case '?': case '[': case ']': case '{': case '}': flow_ind = true; break;
                case ':':
                    flow_ind = true;
                    if (followed_by_ws) block_ind = true;
                    break;
                case '#':
                    if (preceded_by_ws) flow_ind = block_ind = true;
                    break;
                default: break;
            }
        }
        if (!is_printable(v, i)) special = true;
        if (is_space(v, i)) {
            if (i == 0) leading_space = true;
            if (i + w == v.size()) trailing_space = true;
            if (prev_break) break_space = true;
            prev_space = true;
            prev_break = false;
        } else if (is_break(v, i)) {
            line_breaks = true;
            if (i == 0) leading_break = true;
            if (i + w == v.size()) trailing_break = true;
            if (prev_space) space_break = true;
            prev_space = false;
            prev_break = true;
        } else {
            prev_space = prev_break = false;
        }
        preceded_by_ws = is_blankz(v, i);
    }
    a.multiline = line_breaks;
    if (leading_space || leading_break || trailing_space || trailing_break) a.flow_plain = a.block_plain = false;
    if (trailing_space) a.block = false;
    if (break_space) a.flow_plain = a.block_plain = a.single_quoted = false;
    if (space_break || special) a.flow_plain = a.block_plain = a.single_quoted = a.block = false;
    if (line_breaks) a.flow_plain = a.block_plain = false;
    if (flow_ind) a.flow_plain = false;
    if (block_ind) a.block_plain = false;
    return a;
}

// kubectl's -o yaml parses json.Marshal's output with go-yaml, whose reader
// refuses the characters YAML does not allow and JSON leaves unescaped: DEL,
// the C1 controls but NEL, U+FFFE and U+FFFF.
[[nodiscard]] KUBESIM_DECL bool yaml_refuses(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        rune r = decode_rune(s, i);
        i += r.len;
        if (r.invalid()) continue;
        if (r.cp == 0x7F || (r.cp >= 0x80 && r.cp <= 0x9F && r.cp != 0x85) || r.cp == 0xFFFE || r.cp == 0xFFFF)
            return true;
    }
    return false;
}

[[nodiscard]] KUBESIM_DECL bool has_refused_characters(const nlohmann::json& j) {
    if (j.is_string()) return yaml_refuses(j.get_ref<const std::string&>());
    if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it)
            if (yaml_refuses(it.key()) || has_refused_characters(it.value())) return true;
    } else if (j.is_array()) {
        for (const auto& e : j)
            if (has_refused_characters(e)) return true;
    }
    return false;
}

// Unstructured objects hold integers as int64: a larger one is decoded as a
// float64, and printed as one.
[[nodiscard]] KUBESIM_DECL bool beyond_int64(const nlohmann::json& v) {
    return v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
}

// A string as go-yaml reads it back from json.Marshal's output: the text is
// valid UTF-8, and NEL (U+0085), which JSON leaves unescaped, is a YAML 1.1
// line break that folds inside the double-quoted JSON string: one becomes a
// space, n in a row n-1 line feeds, and the spaces around them go.
[[nodiscard]] KUBESIM_DECL std::string as_yaml_reads_json(std::string_view raw) {
    std::string s = valid_utf8(raw);
    constexpr std::string_view nel = "\xC2\x85";
    if (s.find(nel) == std::string::npos) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] != ' ' && s.compare(i, 2, nel) != 0) {
            out += s[i++];
            continue;
        }
        std::string spaces;
        std::size_t breaks = 0;
        while (i < s.size()) {
            if (s[i] == ' ') {
                if (breaks == 0) spaces += ' ';
                ++i;
            } else if (s.compare(i, 2, nel) == 0) {
                ++breaks;
                i += 2;
            } else {
                break;
            }
        }
        if (breaks == 0)
            out += spaces;
        else if (breaks == 1)
            out += ' ';
        else
            out.append(breaks - 1, '\n');
    }
    return out;
}

class yaml_emitter {
public:
    std::string out;

    void document(const nlohmann::json& v) {
        node(v, false, false, false);
        write_indent();  // the document's end: a line break unless at a fresh line
    }

private:
    static constexpr int best_indent = 2;
    static constexpr int best_width = 80;

    int indent_ = -1;
    std::vector<int> indents_;
    int flow_level_ = 0;
    int column_ = 0;
    bool whitespace_ = true;
    bool indention_ = true;
    bool mapping_context_ = false;
    bool simple_key_context_ = false;

    void put(char c) {
        out += c;
        ++column_;
    }
    void put_break() {
        out += '\n';
        column_ = 0;
    }
    // One character (all of its UTF-8 bytes) is one column.
    void write(std::string_view v, std::size_t& i) {
        std::size_t w = std::min(width(at(v, i)), v.size() - i);
        out.append(v.substr(i, w));
        i += w;
        ++column_;
    }
    void write_all(std::string_view v) {
        for (std::size_t i = 0; i < v.size();) write(v, i);
    }
    void write_break(std::string_view v, std::size_t& i) {
        if (v[i] == '\n') {
            put_break();
            ++i;
        } else {
            write(v, i);
            column_ = 0;
        }
    }
    void write_indent() {
        int indent = std::max(indent_, 0);
        if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) put_break();
        while (column_ < indent) put(' ');
        whitespace_ = true;
        indention_ = true;
    }
    void write_indicator(std::string_view ind, bool need_whitespace, bool is_whitespace, bool is_indention) {
        if (need_whitespace && !whitespace_) put(' ');
        write_all(ind);
        whitespace_ = is_whitespace;
        indention_ = indention_ && is_indention;
    }
    void increase_indent(bool flow, bool indentless) {
        indents_.push_back(indent_);
        if (indent_ < 0)
            indent_ = flow ? best_indent : 0;
        else if (!indentless)
            indent_ += best_indent;
    }
    void pop_indent() {
        indent_ = indents_.back();
        indents_.pop_back();
    }

    void node(const nlohmann::json& v, bool sequence, bool mapping, bool simple_key) {
        (void)sequence;
        mapping_context_ = mapping;
        simple_key_context_ = simple_key;
        switch (v.type()) {
            case nlohmann::json::value_t::object: return v.empty() ? empty_flow("{", "}") : block_mapping(v);
            case nlohmann::json::value_t::array: return v.empty() ? empty_flow("[", "]") : block_sequence(v);
            case nlohmann::json::value_t::string: return string_scalar(v.get_ref<const std::string&>());
            case nlohmann::json::value_t::boolean: return scalar(v.get<bool>() ? "true" : "false", style::plain);
            case nlohmann::json::value_t::number_integer:
                return scalar(std::to_string(v.get<std::int64_t>()), style::plain);
            case nlohmann::json::value_t::number_unsigned:
                if (beyond_int64(v)) return scalar(float_text(static_cast<double>(v.get<std::uint64_t>())), style::plain);
                return scalar(std::to_string(v.get<std::uint64_t>()), style::plain);
            case nlohmann::json::value_t::number_float: return scalar(float_text(v.get<double>()), style::plain);
            default: return scalar("null", style::plain);
        }
    }

    // The float as json.Marshal writes it and go-yaml reads it back: an
    // integer when it is one ("1" for 1.0), else FormatFloat 'g'.
    static std::string float_text(double f) {
        if (std::isnan(f)) return ".nan";
        if (std::isinf(f)) return f > 0 ? ".inf" : "-.inf";
        std::string j = format_json_float(f);
        scalar_value r = resolve_plain(j);
        if (r.kind == scalar_kind::integer) return std::to_string(r.i);
        if (r.kind == scalar_kind::unsigned_integer) return std::to_string(r.u);
        return format_g(r.kind == scalar_kind::floating ? r.f : f);
    }

    void empty_flow(std::string_view open, std::string_view close) {
        write_indicator(open, true, true, false);
        write_indicator(close, false, false, false);
    }

    void block_mapping(const nlohmann::json& m) {
        increase_indent(false, false);
        std::vector<std::pair<std::vector<char32_t>, const nlohmann::json*>> keys;
        std::vector<std::string> names;
        names.reserve(m.size());
        for (auto it = m.begin(); it != m.end(); ++it) names.push_back(as_yaml_reads_json(it.key()));
        std::size_t k = 0;
        for (auto it = m.begin(); it != m.end(); ++it, ++k) keys.emplace_back(runes_of(names[k]), &it.value());
        std::vector<std::size_t> order(keys.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        // keyList.Less is not always a strict weak order; a merge sort stays
        // within bounds whatever it says.
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return key_less(keys[a].first, keys[b].first); });
        for (std::size_t i : order) {
            const std::string& key = names[i];
            write_indent();
            analysis a = analyze(key);
            nlohmann::json key_node = key;
            if (!a.multiline && key.size() <= 128) {
                node(key_node, false, true, true);
                write_indicator(":", false, false, false);
            } else {
                write_indicator("?", true, false, true);
                node(key_node, false, true, false);
                write_indent();
                write_indicator(":", true, false, true);
            }
            node(*keys[i].second, false, true, false);
        }
        pop_indent();
    }

    void block_sequence(const nlohmann::json& s) {
        increase_indent(false, mapping_context_ && !indention_);
        for (const auto& e : s) {
            write_indent();
            write_indicator("-", true, false, true);
            node(e, true, false, false);
        }
        pop_indent();
    }

    // go-yaml's stringv: plain when the text reads back as this string,
    // a literal block when it has a line break, double quotes otherwise.
    void string_scalar(const std::string& raw) {
        std::string s = as_yaml_reads_json(raw);
        bool plain = resolve_plain(s).kind == scalar_kind::string && !is_base60_float(s);
        style st = s.find('\n') != std::string::npos ? style::literal : plain ? style::plain : style::double_quoted;
        scalar(s, st);
    }

    void scalar(std::string_view v, style st) {
        analysis a = analyze(v);
        if (simple_key_context_ && a.multiline) st = style::double_quoted;
        if (st == style::plain) {
            if ((flow_level_ > 0 && !a.flow_plain) || (flow_level_ == 0 && !a.block_plain)) st = style::single_quoted;
            if (v.empty() && (flow_level_ > 0 || simple_key_context_)) st = style::single_quoted;
        }
        if (st == style::single_quoted && !a.single_quoted) st = style::double_quoted;
        if (st == style::literal && (!a.block || flow_level_ > 0 || simple_key_context_)) st = style::double_quoted;
        increase_indent(true, false);
        const bool allow_breaks = !simple_key_context_;
        switch (st) {
            case style::plain: write_plain(v, allow_breaks); break;
            case style::single_quoted: write_single_quoted(v, allow_breaks); break;
            case style::double_quoted: write_double_quoted(v, allow_breaks); break;
            case style::literal: write_literal(v); break;
        }
        pop_indent();
    }

    // A long line folds at a space once past column 80: the space becomes a
    // line break and the indentation (read back as a space).
    void write_plain(std::string_view v, bool allow_breaks) {
        if (!whitespace_) put(' ');
        bool spaces = false, breaks = false;
        for (std::size_t i = 0; i < v.size();) {
            if (is_space(v, i)) {
                if (allow_breaks && !spaces && column_ > best_width && !is_space(v, i + 1)) {
                    write_indent();
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else if (is_break(v, i)) {
                if (!breaks && v[i] == '\n') put_break();
                write_break(v, i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks) write_indent();
                write(v, i);
                indention_ = false;
                spaces = breaks = false;
            }
        }
        whitespace_ = false;
        indention_ = false;
    }

    void write_single_quoted(std::string_view v, bool allow_breaks) {
        write_indicator("'", true, false, false);
        bool spaces = false, breaks = false;
        for (std::size_t i = 0; i < v.size();) {
            if (is_space(v, i)) {
                if (allow_breaks && !spaces && column_ > best_width && i > 0 && i + 1 < v.size() &&
                    !is_space(v, i + 1)) {
                    write_indent();
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else if (is_break(v, i)) {
                if (!breaks && v[i] == '\n') put_break();
                write_break(v, i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks) write_indent();
                if (v[i] == '\'') put('\'');
                write(v, i);
                indention_ = false;
                spaces = breaks = false;
            }
        }
        write_indicator("'", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    void write_double_quoted(std::string_view v, bool allow_breaks) {
        static constexpr char hex[] = "0123456789ABCDEF";
        write_indicator("\"", true, false, false);
        // libyaml's is_bom looks at the start of the value, not at i: a value
        // that starts with a BOM has every character escaped.
        const bool bom = at(v, 0) == 0xEF && at(v, 1) == 0xBB && at(v, 2) == 0xBF;
        bool spaces = false;
        for (std::size_t i = 0; i < v.size();) {
            if (!is_printable(v, i) || bom || is_break(v, i) || v[i] == '"' || v[i] == '\\') {
                rune r = decode_rune(v, i);
                i += r.len;
                put('\\');
                switch (r.cp) {
                    case 0x00: put('0'); break;
                    case 0x07: put('a'); break;
                    case 0x08: put('b'); break;
                    case 0x09: put('t'); break;
                    case 0x0A: put('n'); break;
                    case 0x0B: put('v'); break;
                    case 0x0C: put('f'); break;
                    case 0x0D: put('r'); break;
                    case 0x1B: put('e'); break;
                    case 0x22: put('"'); break;
                    case 0x5C: put('\\'); break;
                    case 0x85: put('N'); break;
                    case 0xA0: put('_'); break;
                    case 0x2028: put('L'); break;
                    case 0x2029: put('P'); break;
                    default: {
                        int digits = r.cp <= 0xFF ? 2 : r.cp <= 0xFFFF ? 4 : 8;
                        put(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
                        for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(hex[(r.cp >> k) & 0x0F]);
                    }
                }
                spaces = false;
            } else if (is_space(v, i)) {
                if (allow_breaks && !spaces && column_ > best_width && i > 0 && i + 1 < v.size()) {
                    write_indent();
                    if (is_space(v, i + 1)) put('\\');
                    ++i;
                } else {
                    write(v, i);
                }
                spaces = true;
            } else {
                write(v, i);
                spaces = false;
            }
        }
        write_indicator("\"", false, false, false);
        whitespace_ = false;
        indention_ = false;
    }

    void write_literal(std::string_view v) {
        write_indicator("|", true, false, false);
        // An indentation indicator when the text starts with a space or a
        // break; "-" without a final break, "+" with more than one.
        if (is_space(v, 0) || is_break(v, 0)) write_indicator(std::string(1, static_cast<char>('0' + best_indent)),
                                                              false, false, false);
        std::size_t last = v.size() - 1;
        while (last > 0 && (at(v, last) & 0xC0) == 0x80) --last;
        char chomp = 0;
        if (!is_break(v, last)) {
            chomp = '-';
        } else if (last == 0) {
            chomp = '+';
        } else {
            std::size_t prev = last - 1;
            while (prev > 0 && (at(v, prev) & 0xC0) == 0x80) --prev;
            if (is_break(v, prev)) chomp = '+';
        }
        if (chomp != 0) write_indicator(std::string(1, chomp), false, false, false);
        put_break();
        indention_ = true;
        whitespace_ = true;
        bool breaks = true;
        for (std::size_t i = 0; i < v.size();) {
            if (is_break(v, i)) {
                write_break(v, i);
                indention_ = true;
                breaks = true;
            } else {
                if (breaks) write_indent();
                write(v, i);
                indention_ = false;
                breaks = false;
            }
        }
    }
};

// ---------------------------------------------------------------------------
// Printing JSON: encoding/json's MarshalIndent with four spaces.

KUBESIM_DECL void write_json_string(std::string& out, std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size();) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    // Controls, and <, > and & (Go escapes them for HTML).
                    if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                        out += "\\u00";
                        out += hex[c >> 4];
                        out += hex[c & 0xF];
                    } else {
                        out += static_cast<char>(c);
                    }
            }
            ++i;
            continue;
        }
        rune r = decode_rune(s, i);
        if (r.invalid())
            out += "\\ufffd";
        else if (r.cp == 0x2028 || r.cp == 0x2029)
            out += r.cp == 0x2028 ? "\\u2028" : "\\u2029";
        else
            out.append(s.substr(i, r.len));
        i += r.len;
    }
    out += '"';
}

KUBESIM_DECL void write_json(std::string& out, const nlohmann::json& v, int depth) {
    auto newline = [&](int d) {
        out += '\n';
        out.append(static_cast<std::size_t>(d) * 4, ' ');
    };
    switch (v.type()) {
        case nlohmann::json::value_t::object: {
            if (v.empty()) {
                out += "{}";
                return;
            }
            out += '{';
            bool first = true;
            // std::map order: the keys' bytes, as Go sorts map keys.
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) out += ',';
                first = false;
                newline(depth + 1);
                write_json_string(out, it.key());
                out += ": ";
                write_json(out, it.value(), depth + 1);
            }
            newline(depth);
            out += '}';
            return;
        }
        case nlohmann::json::value_t::array: {
            if (v.empty()) {
                out += "[]";
                return;
            }
            out += '[';
            bool first = true;
            for (const auto& e : v) {
                if (!first) out += ',';
                first = false;
                newline(depth + 1);
                write_json(out, e, depth + 1);
            }
            newline(depth);
            out += ']';
            return;
        }
        case nlohmann::json::value_t::string: write_json_string(out, v.get_ref<const std::string&>()); return;
        case nlohmann::json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; return;
        case nlohmann::json::value_t::number_integer: out += std::to_string(v.get<std::int64_t>()); return;
        case nlohmann::json::value_t::number_unsigned:
            if (beyond_int64(v))
                out += format_json_float(static_cast<double>(v.get<std::uint64_t>()));
            else
                out += std::to_string(v.get<std::uint64_t>());
            return;
        case nlohmann::json::value_t::number_float: out += format_json_float(v.get<double>()); return;
        default: out += "null"; return;
    }
}

}  // namespace detail::yaml_io

KUBESIM_DECL std::vector<yaml_document> parse_yaml_stream(std::string_view text) {
    namespace y = detail::yaml_io;
    std::size_t first = text.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && text[first] == '{')
        if (auto docs = y::parse_json_stream(text)) return std::move(*docs);

    std::vector<yaml_document> docs;
    for (const y::chunk& c : y::split_documents(text)) {
        const std::size_t index = docs.size() + 1;
        if (auto problem = y::go_yaml_reader_error(c.text))
            throw y::stream_error("error converting YAML to JSON: yaml: " + *problem, index, c.first_line);
        std::istringstream in(c.text);
        y::document_builder b;
        try {
            YAML::Parser parser(in);
            // go-yaml's Unmarshal reads the first document of what it is given.
            parser.HandleNextDocument(b);
        } catch (const YAML::Exception& e) {
            int line = e.mark.is_null() ? 0 : e.mark.line;
            throw y::stream_error("error converting YAML to JSON: " + y::syntax_message(e, c.text), index,
                                  c.first_line + line);
        } catch (const y::conversion_error& e) {
            throw y::stream_error("error converting YAML to JSON: " + e.message, index, c.first_line);
        }
        double bad = 0;
        if (y::has_non_finite(b.value, bad))
            throw y::stream_error("error converting YAML to JSON: json: unsupported value: " + y::format_g(bad),
                                  index, c.first_line);
        docs.push_back(yaml_document{b.done ? std::move(b.value) : nlohmann::json(nullptr),
                                     c.first_line + std::max(b.line, 0)});
    }
    return docs;
}

KUBESIM_DECL std::string to_yaml(const nlohmann::json& value) {
    if (detail::yaml_io::has_refused_characters(value))
        throw api_error(api::errors::bad_request("yaml: control characters are not allowed"));
    detail::yaml_io::yaml_emitter e;
    e.document(value);
    return std::move(e.out);
}

KUBESIM_DECL std::string to_json(const nlohmann::json& value) {
    std::string out;
    detail::yaml_io::write_json(out, value, 0);
    out += '\n';
    return out;
}

}  // namespace kubesim::kubectl
