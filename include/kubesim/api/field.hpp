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

namespace kubesim::api::field {

class path {
public:
    path() = default;
    explicit path(std::string_view root) : s_(root) {}
    [[nodiscard]] path child(std::string_view name) const {
        path p;
        p.s_.reserve(s_.size() + name.size() + 1);
        p.s_ = s_;
        if (!p.s_.empty()) p.s_ += '.';
        p.s_ += name;
        return p;
    }
    [[nodiscard]] path child(std::initializer_list<std::string_view> names) const {
        path p = *this;
        for (auto n : names) p = p.child(n);
        return p;
    }
    [[nodiscard]] path index(std::size_t i) const {
        path p = *this;
        p.s_ += '[';
        p.s_ += std::to_string(i);
        p.s_ += ']';
        return p;
    }
    [[nodiscard]] path key(std::string_view k) const {
        path p = *this;
        p.s_ += '[';
        p.s_ += k;
        p.s_ += ']';
        return p;
    }
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
[[nodiscard]] inline std::string_view to_string(error_type t) {
    switch (t) {
        case error_type::not_found: return "Not found";
        case error_type::required: return "Required value";
        case error_type::duplicate: return "Duplicate value";
        case error_type::invalid: return "Invalid value";
        case error_type::not_supported: return "Unsupported value";
        case error_type::forbidden: return "Forbidden";
        case error_type::too_long: return "Too long";
        case error_type::too_many: return "Too many";
        case error_type::too_short: return "Too short";
        case error_type::too_few: return "Too few";
        case error_type::internal: return "Internal error";
        case error_type::type_invalid: return "Invalid value";
    }
    return "Invalid value";
}

// The StatusCause.type of each error type ("FieldValueInvalid", ...).
[[nodiscard]] inline std::string_view cause_type(error_type t) {
    switch (t) {
        case error_type::not_found: return "FieldValueNotFound";
        case error_type::required: return "FieldValueRequired";
        case error_type::duplicate: return "FieldValueDuplicate";
        case error_type::invalid: return "FieldValueInvalid";
        case error_type::not_supported: return "FieldValueNotSupported";
        case error_type::forbidden: return "FieldValueForbidden";
        case error_type::too_long: return "FieldValueTooLong";
        case error_type::too_many: return "FieldValueTooMany";
        case error_type::too_short: return "FieldValueTooShort";
        case error_type::too_few: return "FieldValueTooFew";
        case error_type::internal: return "InternalError";
        case error_type::type_invalid: return "FieldValueTypeInvalid";
    }
    return "FieldValueInvalid";
}

// Go's %q for the strings we meet (printable ASCII plus the usual escapes).
[[nodiscard]] inline std::string quote(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 2);
    out += '"';
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7f) {
                    static constexpr char hex[] = "0123456789abcdef";
                    out += "\\x";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

// strconv.ParseInt(s, 10, 64): optional sign, decimal digits, no overflow.
[[nodiscard]] inline std::optional<std::int64_t> parse_int64(std::string_view s) {
    bool neg = false;
    if (!s.empty() && (s.front() == '+' || s.front() == '-')) {
        neg = s.front() == '-';
        s.remove_prefix(1);
    }
    if (s.empty()) return std::nullopt;
    std::uint64_t v = 0;
    const std::uint64_t limit = neg ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        auto d = static_cast<std::uint64_t>(c - '0');
        if (v > (limit - d) / 10) return std::nullopt;
        v = v * 10 + d;
    }
    if (neg) return v == (std::uint64_t{1} << 63) ? INT64_MIN : -static_cast<std::int64_t>(v);
    return static_cast<std::int64_t>(v);
}

// Go's json.Marshal of a string: how field errors print a BadValue whose type is
// not plain `string` (operators, string slices, maps): like %q, but <, > and &
// become \u00XX.
[[nodiscard]] inline std::string json_quote(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            case '\b': out += "\\b"; break;
            case '\f': out += "\\f"; break;
            case '<':
            case '>':
            case '&':
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
                break;
            default:
                if (c < 0x20) {
                    out += "\\u00";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += static_cast<char>(c);
                }
        }
    }
    out += '"';
    return out;
}

// json.Marshal([]string): `null` for a nil slice, `[]` for an empty one. Our
// vectors cannot tell nil from empty; callers choose.
[[nodiscard]] inline std::string json_string_list(const std::vector<std::string>& v, bool nil_when_empty = true) {
    if (v.empty()) return nil_when_empty ? "null" : "[]";
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += json_quote(v[i]);
    }
    out += ']';
    return out;
}

// One field error. bad_value is already rendered (numbers plain, strings quoted);
// nullopt means "omit the value", as Kubernetes does for Required, Forbidden,
// TooLong and Internal errors.
struct error {
    error_type type{error_type::invalid};
    std::string field{};
    std::optional<std::string> bad_value{};
    std::string detail{};

    // ErrorBody(): "Invalid value: -1: must be greater than or equal to 0"
    [[nodiscard]] std::string body() const {
        std::string s{field::to_string(type)};
        const bool omit = type == error_type::required || type == error_type::forbidden ||
                          type == error_type::too_long || type == error_type::internal ||
                          !bad_value.has_value();
        if (!omit) {
            s += ": ";
            s += *bad_value;
        }
        if (!detail.empty()) {
            s += ": ";
            s += detail;
        }
        return s;
    }
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
[[nodiscard]] inline error too_long(const path& p, std::size_t max_len) {
    return {error_type::too_long, p.str(), std::nullopt,
            "may not be more than " + std::to_string(max_len) + " bytes"};
}
// field.TooMany: "Too many: 3: must have at most 2 items"
[[nodiscard]] inline error too_many(const path& p, std::size_t actual, std::size_t max) {
    return {error_type::too_many, p.str(), std::to_string(actual),
            "must have at most " + std::to_string(max) + " items"};
}

// utilerrors.NewAggregate(...).Error(): one message alone, several in brackets,
// duplicates removed.
[[nodiscard]] inline std::string aggregate(const error_list& errs) {
    std::vector<std::string> msgs;
    for (const auto& e : errs) {
        auto m = e.to_string();
        bool seen = false;
        for (const auto& x : msgs) seen = seen || x == m;
        if (!seen) msgs.push_back(std::move(m));
    }
    if (msgs.size() == 1) return msgs[0];
    std::string out = "[";
    for (std::size_t i = 0; i < msgs.size(); ++i) {
        if (i) out += ", ";
        out += msgs[i];
    }
    out += "]";
    return out;
}

}  // namespace kubesim::api::field
