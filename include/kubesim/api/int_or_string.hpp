// api::int_or_string: intstr.IntOrString (ports "8080" / "http", maxSurge 1 / "25%"),
// and the percent arithmetic of rolling updates with upstream's error messages.
// Models apimachinery pkg/util/intstr/intstr.go.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api {

struct int_or_string {
    bool is_string{false};
    std::int32_t int_val{0};
    std::string str_val{};

    [[nodiscard]] static int_or_string from_int(std::int32_t v) { return int_or_string{false, v, {}}; }
    [[nodiscard]] static int_or_string from_string(std::string s) { return int_or_string{true, 0, std::move(s)}; }

    // intstr.Parse: an int32 if the whole string is one ("80", "-1"), else a string.
    [[nodiscard]] static KUBESIM_DECL int_or_string parse(std::string_view s);

    // String(): the string, or the integer in decimal.
    [[nodiscard]] std::string to_string() const { return is_string ? str_val : std::to_string(int_val); }

    // IntValue(): the integer, or the string read as one (0 when it is not).
    [[nodiscard]] KUBESIM_DECL int int_value() const;

    // A string of the form [0-9]+% (validation.IsValidPercent).
    [[nodiscard]] KUBESIM_DECL bool is_percent() const;

    // The number before '%' when is_percent() (apps validation's getPercentValue).
    [[nodiscard]] KUBESIM_DECL std::optional<std::int64_t> percent_value() const;

    bool operator==(const int_or_string&) const = default;
};

// GetScaledValueFromIntOrPercent: an int as is; "N%" as N% of total, rounded up or
// down (maxSurge rounds up, maxUnavailable down: 25% of 10 is 3 and 2). A string
// without '%' is an error. Errors are BadRequest with upstream's text, e.g.
// `invalid value for IntOrString: invalid type: string is not a percentage`.
[[nodiscard]] KUBESIM_DECL result<int> get_scaled_value_from_int_or_percent(const int_or_string& v, int total,
                                                                            bool round_up);

// A missing value (nil pointer upstream) is an error.
[[nodiscard]] KUBESIM_DECL result<int> get_scaled_value_from_int_or_percent(const std::optional<int_or_string>& v,
                                                                            int total, bool round_up);

// GetValueFromIntOrPercent (deprecated upstream): like the scaled form, but every
// '%' is removed and any string is read as a percentage ("5" means 5%).
[[nodiscard]] KUBESIM_DECL result<int> get_value_from_int_or_percent(const int_or_string& v, int total, bool round_up);

// ValueOrDefault
[[nodiscard]] inline int_or_string value_or_default(const std::optional<int_or_string>& v, int_or_string fallback) {
    return v ? *v : std::move(fallback);
}

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/int_or_string.ipp>
#endif
