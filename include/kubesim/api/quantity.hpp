// api::quantity: resource.Quantity ("100m", "0.5", "128Mi", "1G", "1e3") for the
// range Kubernetes users write. Models apimachinery pkg/api/resource/quantity.go,
// amount.go, suffix.go and math.go: the same grammar and error messages, the same
// canonical String() form, including upstream's habit of printing a value exactly
// as it was written when that spelling is already canonical-looking ("100m",
// "1Gi", "1e3", even "01").
//
// Simplification: the value is an int64 count of thousandths (milli-units), which
// covers CPU down to 1m and memory up to ~8 PiB. Upstream keeps nano precision and
// arbitrary size; here a value finer than 1m is rounded up (away from zero) at parse
// time, so "1n" reads back as "1m" and compares equal to it, and a value beyond
// 9223372036854775807m is refused by parse() (arithmetic saturates).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api {

// resource.Format: how a quantity prints. DecimalExponent "12e6", BinarySI "12Mi",
// DecimalSI "12M".
enum class quantity_format { decimal_exponent, binary_si, decimal_si };

[[nodiscard]] KUBESIM_DECL std::string_view to_string(quantity_format f);

class quantity {
public:
    quantity() = default;  // zero

    // ParseQuantity. Errors are BadRequest with upstream's message (the JSON decoder
    // wraps it, e.g. `... cannot be handled as a Pod: quantities must match ...`).
    [[nodiscard]] static KUBESIM_DECL result<quantity> parse(std::string_view str);

    // MustParse, for literals in code: a bad literal is a usage error.
    [[nodiscard]] static KUBESIM_DECL quantity must_parse(std::string_view str);

    // NewMilliQuantity: value/1000 units ("from_milli(500)" is "500m").
    [[nodiscard]] static quantity from_milli(std::int64_t milli, quantity_format f = quantity_format::decimal_si) {
        quantity q;
        q.milli_ = milli;
        q.format_ = f;
        return q;
    }

    // NewQuantity: whole units ("from_value(1024, binary_si)" is "1Ki"); saturates
    // beyond the milli range.
    [[nodiscard]] static KUBESIM_DECL quantity from_value(std::int64_t value,
                                                          quantity_format f = quantity_format::decimal_si);

    [[nodiscard]] std::int64_t milli_value() const { return milli_; }

    // Value(): whole units, rounded away from zero ("1500m" -> 2, "-1500m" -> -2).
    [[nodiscard]] KUBESIM_DECL std::int64_t value() const;

    [[nodiscard]] quantity_format format() const { return format_; }
    [[nodiscard]] bool is_zero() const { return milli_ == 0; }
    [[nodiscard]] int sign() const { return milli_ > 0 ? 1 : milli_ < 0 ? -1 : 0; }
    [[nodiscard]] int cmp(const quantity& o) const { return milli_ < o.milli_ ? -1 : milli_ > o.milli_ ? 1 : 0; }

    // String(): the spelling kept from parse, or the canonical form: the largest
    // suffix that keeps an integer mantissa ("1.5" -> "1500m", "1000" -> "1k",
    // "1536Mi" -> "1536Mi", "1024Mi" -> "1Gi"). BinarySI prints in decimal below
    // 1024 or with a fraction ("0.5Gi" -> "512Mi", but "1.5" BinarySI -> "1500m").
    [[nodiscard]] KUBESIM_DECL std::string to_string() const;

    // Add / Sub: adding to a zero quantity takes the other's format, as upstream.
    KUBESIM_DECL quantity& operator+=(const quantity& o);
    KUBESIM_DECL quantity& operator-=(const quantity& o);
    [[nodiscard]] friend quantity operator+(quantity a, const quantity& b) { return a += b; }
    [[nodiscard]] friend quantity operator-(quantity a, const quantity& b) { return a -= b; }
    // Neg()
    [[nodiscard]] KUBESIM_DECL quantity operator-() const;

    // Equality is by value (Quantity.Equal / Cmp, what semantic equality uses):
    // "1" == "1000m" although they print differently.
    friend bool operator==(const quantity& a, const quantity& b) { return a.milli_ == b.milli_; }
    friend bool operator<(const quantity& a, const quantity& b) { return a.milli_ < b.milli_; }
    friend bool operator>(const quantity& a, const quantity& b) { return a.milli_ > b.milli_; }
    friend bool operator<=(const quantity& a, const quantity& b) { return a.milli_ <= b.milli_; }
    friend bool operator>=(const quantity& a, const quantity& b) { return a.milli_ >= b.milli_; }

private:
    [[nodiscard]] static KUBESIM_DECL quantity cached(std::int64_t milli, quantity_format f, std::string_view spelling);

    std::int64_t milli_{0};
    quantity_format format_{quantity_format::decimal_si};
    std::string s_{};  // the parsed spelling when upstream would print it back verbatim
};

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/quantity.ipp>
#endif
