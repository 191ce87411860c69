// Definitions of api/quantity.hpp.
#pragma once

#include <kubesim/api/quantity.hpp>

#include <cstddef>
#include <iterator>
#include <limits>
#include <optional>
#include <utility>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/errors.hpp>

namespace kubesim::api {

std::string_view to_string(quantity_format f) {
    switch (f) {
        case quantity_format::decimal_exponent: return "DecimalExponent";
        case quantity_format::binary_si: return "BinarySI";
        case quantity_format::decimal_si: return "DecimalSI";
    }
    return "DecimalSI";
}

namespace detail::quantity_impl {

// The regular expression upstream documents; parse_quantity_string implements it.
inline constexpr std::string_view err_format_wrong =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
inline constexpr std::string_view err_numeric = "unable to parse numeric part of quantity";
inline constexpr std::string_view err_suffix = "unable to parse quantity's suffix";

[[nodiscard]] constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct split {
    bool ok{true};
    bool positive{true};
    std::string_view value{};   // sign and numeric part as written ("-0.5")
    std::string_view num{};     // integer digits without leading zeros, "0" if none
    std::string_view denom{};   // fraction digits
    std::string_view suffix{};  // "", "m", "Ki", "e3", ...
};

// parseQuantityString: sign, leading zeros, integer digits, optional '.' and
// fraction digits, then suffix letters, an optional sign and digits.
[[nodiscard]] KUBESIM_DECL split parse_quantity_string(std::string_view str) {
    split r;
    std::size_t pos = 0;
    const std::size_t end = str.size();
    if (pos < end && (str[0] == '-' || str[0] == '+')) {
        r.positive = str[0] != '-';
        ++pos;
    }
    while (pos < end && str[pos] == '0') ++pos;
    if (pos >= end) {  // only zeros (or nothing) after the sign
        r.num = "0";
        r.value = "0";
        return r;
    }
    std::size_t start = pos;
    while (pos < end && is_digit(str[pos])) ++pos;
    r.num = str.substr(start, pos - start);
    if (pos >= end) {
        r.value = str;
        return r;
    }
    if (r.num.empty()) r.num = "0";
    if (str[pos] == '.') {
        start = ++pos;
        while (pos < end && is_digit(str[pos])) ++pos;
        r.denom = str.substr(start, pos - start);
        if (pos >= end) {
            r.value = str;
            return r;
        }
    }
    r.value = str.substr(0, pos);
    const std::size_t suffix_start = pos;
    while (pos < end && std::string_view("eEinumkKMGTP").find(str[pos]) != std::string_view::npos) ++pos;
    if (pos < end && (str[pos] == '-' || str[pos] == '+')) ++pos;
    while (pos < end && is_digit(str[pos])) ++pos;
    if (pos < end) {
        r.ok = false;
        return r;
    }
    r.suffix = str.substr(suffix_start);
    return r;
}

struct suffix_info {
    int base{10};
    std::int64_t exponent{0};
    quantity_format format{quantity_format::decimal_si};
};

using field::parse_int64;  // strconv.ParseInt(s, 10, 64)

[[nodiscard]] KUBESIM_DECL std::optional<suffix_info> interpret_suffix(std::string_view s) {
    struct entry {
        std::string_view name;
        int base;
        int exponent;
    };
    static constexpr entry table[] = {
        {"", 10, 0},   {"n", 10, -9}, {"u", 10, -6}, {"m", 10, -3}, {"k", 10, 3},   {"M", 10, 6},
        {"G", 10, 9},  {"T", 10, 12}, {"P", 10, 15}, {"E", 10, 18}, {"Ki", 2, 10},  {"Mi", 2, 20},
        {"Gi", 2, 30}, {"Ti", 2, 40}, {"Pi", 2, 50}, {"Ei", 2, 60},
    };
    for (const auto& e : table)
        if (e.name == s)
            return suffix_info{e.base, e.exponent, e.base == 2 ? quantity_format::binary_si : quantity_format::decimal_si};
    if (s.size() > 1 && (s[0] == 'e' || s[0] == 'E')) {
        auto v = parse_int64(s.substr(1));
        if (!v) return std::nullopt;
        // Upstream narrows the exponent to int32, wrapping.
        auto narrowed = static_cast<std::int32_t>(static_cast<std::uint32_t>(static_cast<std::uint64_t>(*v)));
        return suffix_info{10, narrowed, quantity_format::decimal_exponent};
    }
    return std::nullopt;
}

// ceil(|digits| * 2^e2 * 10^e10) as an int64, or nullopt when it does not fit.
// digits is a non-empty decimal string; e2 is at most 60.
[[nodiscard]] KUBESIM_DECL std::optional<std::int64_t> scaled_magnitude(std::string_view digits, std::int64_t e2,
                                                                        std::int64_t e10) {
    while (!digits.empty() && digits.front() == '0') digits.remove_prefix(1);
    if (digits.empty()) return 0;
    // Multiplying by 2^60 adds at most 19 digits: decide the easy cases first.
    const auto len = static_cast<std::int64_t>(digits.size());
    if (len + e10 > 19) return std::nullopt;
    if (len + e10 + 19 <= 0) return 1;
    std::string big(digits);
    for (std::int64_t k = 0; k < e2; ++k) {
        int carry = 0;
        for (std::size_t i = big.size(); i-- > 0;) {
            int d = (big[i] - '0') * 2 + carry;
            big[i] = static_cast<char>('0' + d % 10);
            carry = d / 10;
        }
        if (carry) big.insert(big.begin(), static_cast<char>('0' + carry));
    }
    const std::int64_t int_len = static_cast<std::int64_t>(big.size()) + e10;
    if (int_len > 19) return std::nullopt;
    if (int_len <= 0) return 1;  // a non-zero fraction of a milli rounds up
    std::uint64_t v = 0;
    bool fraction = false;
    for (std::int64_t i = 0; i < static_cast<std::int64_t>(big.size()); ++i) {
        if (i < int_len)
            v = v * 10 + static_cast<std::uint64_t>(big[static_cast<std::size_t>(i)] - '0');
        else if (big[static_cast<std::size_t>(i)] != '0')
            fraction = true;
    }
    for (std::int64_t i = static_cast<std::int64_t>(big.size()); i < int_len; ++i) v *= 10;  // int_len <= 19: no overflow
    if (fraction) ++v;
    if (v > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) return std::nullopt;
    return static_cast<std::int64_t>(v);
}

[[nodiscard]] KUBESIM_DECL std::int64_t saturate(bool negative, std::uint64_t magnitude) {
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (!negative) return magnitude > max ? std::numeric_limits<std::int64_t>::max() : static_cast<std::int64_t>(magnitude);
    if (magnitude > max) return std::numeric_limits<std::int64_t>::min();
    return -static_cast<std::int64_t>(magnitude);
}

[[nodiscard]] KUBESIM_DECL std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    if (b > 0 && a > std::numeric_limits<std::int64_t>::max() - b) return std::numeric_limits<std::int64_t>::max();
    if (b < 0 && a < std::numeric_limits<std::int64_t>::min() - b) return std::numeric_limits<std::int64_t>::min();
    return a + b;
}

[[nodiscard]] KUBESIM_DECL std::int64_t saturating_sub(std::int64_t a, std::int64_t b) {
    if (b < 0 && a > std::numeric_limits<std::int64_t>::max() + b) return std::numeric_limits<std::int64_t>::max();
    if (b > 0 && a < std::numeric_limits<std::int64_t>::min() + b) return std::numeric_limits<std::int64_t>::min();
    return a - b;
}

}  // namespace detail::quantity_impl

result<quantity> quantity::parse(std::string_view str) {
    namespace qi = detail::quantity_impl;
    if (str.empty()) return errors::bad_request(std::string(qi::err_format_wrong));
    if (str == "0") return cached(0, quantity_format::decimal_si, str);
    const auto sp = qi::parse_quantity_string(str);
    if (!sp.ok) return errors::bad_request(std::string(qi::err_format_wrong));
    const auto suf = qi::interpret_suffix(sp.suffix);
    if (!suf) return errors::bad_request(std::string(qi::err_suffix));
    const bool binary = suf->base == 2;
    const auto num_len = static_cast<std::int64_t>(sp.num.size());
    const auto denom_len = static_cast<std::int64_t>(sp.denom.size());

    // Upstream's int64 fast path: whether it applies decides whether the
    // original spelling is kept, and (when it does not) a numeric part without
    // digits fails as "unable to parse numeric part".
    bool fast = false;
    bool keep_spelling = false;
    if (binary) {
        if (denom_len == 0 && 14 - num_len - suf->exponent * 3 / 10 >= 0) {
            auto v = qi::parse_int64(sp.num);
            fast = v && *v <= (std::numeric_limits<std::int64_t>::max() >> suf->exponent);
            keep_spelling = fast && (*v & 7) != 0;
        }
    } else {
        const std::int64_t scale = suf->exponent - denom_len;
        if (18 - num_len - denom_len >= 0 && scale >= -9) {
            fast = true;
            std::string shifted(sp.num);
            shifted += sp.denom;
            const bool ends_000 = shifted.size() >= 3 && shifted.compare(shifted.size() - 3, 3, "000") == 0;
            // scale >= -3: kubesim cannot keep a spelling finer than 1m.
            keep_spelling = scale % 3 == 0 && scale >= -3 && !ends_000 && shifted[0] != '0';
        }
    }
    if (!fast && sp.value.find_first_of("0123456789") == std::string_view::npos)
        return errors::bad_request(std::string(qi::err_numeric));

    std::string digits(sp.num);
    digits += sp.denom;
    const auto magnitude =
        qi::scaled_magnitude(digits, binary ? suf->exponent : 0, (binary ? 0 : suf->exponent) - denom_len + 3);
    if (!magnitude)
        return errors::bad_request("quantity " + field::quote(str) +
                                   " is too large: kubesim supports up to 9223372036854775807m");
    auto fmt = suf->format;
    // A binary quantity below one unit prints in decimal ("0.5Ki" is 512, but
    // ".0001Ki" is 103m).
    if (fmt == quantity_format::binary_si && *magnitude > 0 && *magnitude < 1000) fmt = quantity_format::decimal_si;
    const std::int64_t milli = sp.positive ? *magnitude : -*magnitude;
    if (keep_spelling) return cached(milli, fmt, str);
    quantity q;
    q.milli_ = milli;
    q.format_ = fmt;
    return q;
}

quantity quantity::must_parse(std::string_view str) {
    auto q = parse(str);
    if (!q)
        throw usage_error("[kubesim.quantity.must_parse] cannot parse '" + std::string(str) +
                          "': " + q.error().message);
    return std::move(q).value();
}

quantity quantity::from_value(std::int64_t value, quantity_format f) {
    constexpr std::int64_t lim = std::numeric_limits<std::int64_t>::max() / 1000;
    quantity q;
    q.milli_ = value > lim    ? std::numeric_limits<std::int64_t>::max()
               : value < -lim ? std::numeric_limits<std::int64_t>::min()
                              : value * 1000;
    q.format_ = f;
    return q;
}

std::int64_t quantity::value() const {
    std::int64_t v = milli_ / 1000;
    const std::int64_t rem = milli_ % 1000;
    if (rem > 0) ++v;
    if (rem < 0) --v;
    return v;
}

std::string quantity::to_string() const {
    if (!s_.empty()) return s_;
    if (milli_ == 0) return "0";
    const bool neg = milli_ < 0;
    const std::uint64_t mag = neg ? 0 - static_cast<std::uint64_t>(milli_) : static_cast<std::uint64_t>(milli_);
    auto fmt = format_;
    if (fmt == quantity_format::binary_si && (mag < 1024000 || mag % 1000 != 0)) fmt = quantity_format::decimal_si;
    std::string out = neg ? "-" : "";
    if (fmt == quantity_format::binary_si) {
        static constexpr std::string_view bin_suffixes[] = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        std::uint64_t v = mag / 1000;
        std::size_t times = 0;
        while (v >= 1024 && v % 1024 == 0 && times + 1 < std::size(bin_suffixes)) {
            v /= 1024;
            ++times;
        }
        out += std::to_string(v);
        out += bin_suffixes[times];
        return out;
    }
    // Strip factors of ten, then move the exponent down to a multiple of three.
    std::uint64_t m = mag;
    int exp = -3;
    while (m >= 10 && m % 10 == 0) {
        m /= 10;
        ++exp;
    }
    while (exp % 3 != 0) {  // exp >= -3 here, so this only multiplies by 10 or 100
        m *= 10;
        --exp;
    }
    out += std::to_string(m);
    if (fmt == quantity_format::decimal_exponent) {
        if (exp != 0) out += "e" + std::to_string(exp);
        return out;
    }
    switch (exp) {
        case -3: out += 'm'; break;
        case 3: out += 'k'; break;
        case 6: out += 'M'; break;
        case 9: out += 'G'; break;
        case 12: out += 'T'; break;
        case 15: out += 'P'; break;
        case 18: out += 'E'; break;
        default: break;
    }
    return out;
}

quantity& quantity::operator+=(const quantity& o) {
    s_.clear();
    if (milli_ == 0) format_ = o.format_;
    milli_ = detail::quantity_impl::saturating_add(milli_, o.milli_);
    return *this;
}

quantity& quantity::operator-=(const quantity& o) {
    s_.clear();
    if (milli_ == 0) format_ = o.format_;
    milli_ = detail::quantity_impl::saturating_sub(milli_, o.milli_);
    return *this;
}

quantity quantity::operator-() const {
    quantity q = *this;
    q.s_.clear();
    q.milli_ = detail::quantity_impl::saturating_sub(0, milli_);
    return q;
}

quantity quantity::cached(std::int64_t milli, quantity_format f, std::string_view spelling) {
    quantity q;
    q.milli_ = milli;
    q.format_ = f;
    q.s_ = std::string(spelling);
    return q;
}

}  // namespace kubesim::api
