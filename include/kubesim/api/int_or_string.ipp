// Definitions of api/int_or_string.hpp.
#pragma once

#include <kubesim/api/int_or_string.hpp>

#include <cmath>
#include <limits>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>

namespace kubesim::api {

namespace detail::intstr_impl {

// strconv.Atoi on a 64-bit platform: the value, or the *NumError text
// (`strconv.Atoi: parsing "x": invalid syntax` / `...: value out of range`).
struct atoi_result {
    std::int64_t value{0};
    std::string error{};
};

[[nodiscard]] KUBESIM_DECL atoi_result atoi(std::string_view s) {
    const std::string prefix = "strconv.Atoi: parsing " + field::quote(s) + ": ";
    std::string_view digits = s;
    bool neg = false;
    if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
        neg = digits.front() == '-';
        digits.remove_prefix(1);
    }
    if (digits.empty()) return {0, prefix + "invalid syntax"};
    std::uint64_t v = 0;
    bool overflow = false;
    const std::uint64_t limit = neg ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    for (char c : digits) {
        if (c < '0' || c > '9') return {0, prefix + "invalid syntax"};
        auto d = static_cast<std::uint64_t>(c - '0');
        if (!overflow && v > (limit - d) / 10)
            overflow = true;
        else if (!overflow)
            v = v * 10 + d;
    }
    if (overflow) return {0, prefix + "value out of range"};
    return {neg ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v), {}};
}

[[nodiscard]] KUBESIM_DECL int clamp_to_int(std::int64_t v) {
    if (v > std::numeric_limits<int>::max()) return std::numeric_limits<int>::max();
    if (v < std::numeric_limits<int>::min()) return std::numeric_limits<int>::min();
    return static_cast<int>(v);
}

[[nodiscard]] KUBESIM_DECL int clamp_to_int(double v) {
    if (std::isnan(v)) return 0;
    if (v >= static_cast<double>(std::numeric_limits<int>::max())) return std::numeric_limits<int>::max();
    if (v <= static_cast<double>(std::numeric_limits<int>::min())) return std::numeric_limits<int>::min();
    return static_cast<int>(v);
}

// value * total / 100, rounded up or down, computed in float64 like upstream.
[[nodiscard]] KUBESIM_DECL int scale_percent(std::int64_t value, int total, bool round_up) {
    const double x = static_cast<double>(value) * static_cast<double>(total) / 100;
    return clamp_to_int(round_up ? std::ceil(x) : std::floor(x));
}

}  // namespace detail::intstr_impl

int_or_string int_or_string::parse(std::string_view s) {
    auto r = detail::intstr_impl::atoi(s);
    if (r.error.empty() && r.value >= std::numeric_limits<std::int32_t>::min() &&
        r.value <= std::numeric_limits<std::int32_t>::max())
        return from_int(static_cast<std::int32_t>(r.value));
    return from_string(std::string(s));
}

int int_or_string::int_value() const {
    if (!is_string) return int_val;
    auto r = detail::intstr_impl::atoi(str_val);
    return r.error.empty() ? detail::intstr_impl::clamp_to_int(r.value) : 0;
}

bool int_or_string::is_percent() const {
    if (!is_string || str_val.size() < 2 || str_val.back() != '%') return false;
    for (std::size_t i = 0; i + 1 < str_val.size(); ++i)
        if (str_val[i] < '0' || str_val[i] > '9') return false;
    return true;
}

std::optional<std::int64_t> int_or_string::percent_value() const {
    if (!is_percent()) return std::nullopt;
    auto r = detail::intstr_impl::atoi(std::string_view(str_val).substr(0, str_val.size() - 1));
    if (!r.error.empty()) return std::nullopt;
    return r.value;
}

result<int> get_scaled_value_from_int_or_percent(const int_or_string& v, int total, bool round_up) {
    if (!v.is_string) return static_cast<int>(v.int_val);
    std::string_view s = v.str_val;
    if (s.empty() || s.back() != '%')
        return errors::bad_request("invalid value for IntOrString: invalid type: string is not a percentage");
    auto r = detail::intstr_impl::atoi(s.substr(0, s.size() - 1));
    if (!r.error.empty())
        return errors::bad_request("invalid value for IntOrString: invalid value " + field::quote(v.str_val) + ": " +
                                   r.error);
    return detail::intstr_impl::scale_percent(r.value, total, round_up);
}

result<int> get_scaled_value_from_int_or_percent(const std::optional<int_or_string>& v, int total,
                                                 bool round_up) {
    if (!v) return errors::bad_request("nil value for IntOrString");
    return get_scaled_value_from_int_or_percent(*v, total, round_up);
}

result<int> get_value_from_int_or_percent(const int_or_string& v, int total, bool round_up) {
    if (!v.is_string) return static_cast<int>(v.int_val);
    std::string s;
    for (char c : v.str_val)
        if (c != '%') s += c;
    auto r = detail::intstr_impl::atoi(s);
    if (!r.error.empty())
        return errors::bad_request("invalid value for IntOrString: invalid value " + field::quote(v.str_val) + ": " +
                                   r.error);
    return detail::intstr_impl::scale_percent(r.value, total, round_up);
}

}  // namespace kubesim::api
