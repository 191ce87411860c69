// Field paths and field errors, after apimachinery pkg/util/validation/field.
// A path prints as Kubernetes prints it: children joined by '.', indexes and map
// keys in brackets ("spec.containers[0].image", "metadata.labels[app]"). An error
// prints as "<field>: <Type>: <value>: <detail>" with the value rendered the way
// Go's %v / %q would render it, because users paste these strings into searches.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>

namespace kubesim::api::field {

class path {
public:
    path() = default;
    explicit path(std::string_view root) : s_(root) {}
    [[nodiscard]] KUBESIM_DECL path child(std::string_view name) const;
    [[nodiscard]] KUBESIM_DECL path child(std::initializer_list<std::string_view> names) const;
    [[nodiscard]] KUBESIM_DECL path index(std::size_t i) const;
    [[nodiscard]] KUBESIM_DECL path key(std::string_view k) const;
    [[nodiscard]] const std::string& str() const noexcept { return s_; }
    bool operator==(const path&) const = default;

private:
    std::string s_;
};

enum class error_type {
    not_found,
    required,
    duplicate,
    invalid,
    not_supported,
    forbidden,
    too_long,
    too_many,
    too_short,
    too_few,
    internal,
    type_invalid,
};

// "Invalid value", "Required value", ...: the words Kubernetes prints.
[[nodiscard]] KUBESIM_DECL std::string_view to_string(error_type t);

// The StatusCause.type of each error type ("FieldValueInvalid", ...).
[[nodiscard]] KUBESIM_DECL std::string_view cause_type(error_type t);

// Go's %q for the strings we meet (printable ASCII plus the usual escapes).
[[nodiscard]] KUBESIM_DECL std::string quote(std::string_view s);

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, no overflow.
[[nodiscard]] KUBESIM_DECL std::optional<std::int64_t> parse_int64(std::string_view s);

// Go's json.Marshal of a string: how field errors print a BadValue whose type is
// not plain `string` (operators, string slices, maps): like %q, but <, > and &
// become \u00XX.
[[nodiscard]] KUBESIM_DECL std::string json_quote(std::string_view s);

// json.Marshal([]string): `null` for a nil slice, `[]` for an empty one. Our
// vectors cannot tell nil from empty; callers choose.
[[nodiscard]] KUBESIM_DECL std::string json_string_list(const std::vector<std::string>& v, bool nil_when_empty = true);

// One field error. bad_value is already rendered (numbers plain, strings quoted);
// nullopt means "omit the value", as Kubernetes does for Required, Forbidden,
// TooLong and Internal errors.
struct error {
    error_type type{error_type::invalid};
    std::string field{};
    std::optional<std::string> bad_value{};
    std::string detail{};

    // ErrorBody(): "Invalid value: -1: must be greater than or equal to 0"
    [[nodiscard]] KUBESIM_DECL std::string body() const;
    // Error(): "spec.replicas: Invalid value: -1: must be greater than or equal to 0"
    [[nodiscard]] std::string to_string() const { return field + ": " + body(); }
    bool operator==(const error&) const = default;
};

using error_list = std::vector<error>;

// Value renderers: what Go prints for a BadValue of that type.
[[nodiscard]] inline std::string value(std::string_view s) { return quote(s); }
[[nodiscard]] inline std::string value(const char* s) { return quote(s); }
[[nodiscard]] inline std::string value(const std::string& s) { return quote(s); }
[[nodiscard]] inline std::string value(std::int64_t v) { return std::to_string(v); }
[[nodiscard]] inline std::string value(std::int32_t v) { return std::to_string(v); }
[[nodiscard]] inline std::string value(bool v) { return v ? "true" : "false"; }

// Constructors mirroring field.Invalid / field.Required / ... . For invalid,
// duplicate, not_found pass the value through value(...) or a pre-rendered string
// with the *_raw forms.
[[nodiscard]] inline error required(const path& p, std::string detail = {}) {
    return {error_type::required, p.str(), std::nullopt, std::move(detail)};
}
[[nodiscard]] inline error forbidden(const path& p, std::string detail) {
    return {error_type::forbidden, p.str(), std::nullopt, std::move(detail)};
}
[[nodiscard]] inline error internal_error(const path& p, std::string detail) {
    return {error_type::internal, p.str(), std::nullopt, std::move(detail)};
}
template <class V>
[[nodiscard]] error invalid(const path& p, const V& v, std::string detail) {
    return {error_type::invalid, p.str(), value(v), std::move(detail)};
}
[[nodiscard]] inline error invalid_raw(const path& p, std::string rendered, std::string detail) {
    return {error_type::invalid, p.str(), std::move(rendered), std::move(detail)};
}
template <class V>
[[nodiscard]] error duplicate(const path& p, const V& v) {
    return {error_type::duplicate, p.str(), value(v), {}};
}
template <class V>
[[nodiscard]] error not_found(const path& p, const V& v) {
    return {error_type::not_found, p.str(), value(v), {}};
}
// field.NotSupported: `Unsupported value: "X": supported values: "a", "b"`
template <class V>
[[nodiscard]] error not_supported(const path& p, const V& v, const std::vector<std::string>& valid) {
    std::string detail;
    if (!valid.empty()) {
        detail = "supported values: ";
        for (std::size_t i = 0; i < valid.size(); ++i) {
            if (i) detail += ", ";
            detail += quote(valid[i]);
        }
    }
    return {error_type::not_supported, p.str(), value(v), std::move(detail)};
}
// field.TooLong: "Too long: may not be more than N bytes" (value omitted)
[[nodiscard]] KUBESIM_DECL error too_long(const path& p, std::size_t max_len);
// field.TooMany: "Too many: 3: must have at most 2 items"
[[nodiscard]] KUBESIM_DECL error too_many(const path& p, std::size_t actual, std::size_t max);

// utilerrors.NewAggregate(...).Error(): one message alone, several in brackets,
// duplicates removed.
[[nodiscard]] KUBESIM_DECL std::string aggregate(const error_list& errs);

}  // namespace kubesim::api::field

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/field.ipp>
#endif
