// Definitions of api/field.hpp.
#pragma once

#include <kubesim/api/field.hpp>

namespace kubesim::api::field {

path path::child(std::string_view name) const {
    path p;
    p.s_.reserve(s_.size() + name.size() + 1);
    p.s_ = s_;
    if (!p.s_.empty()) p.s_ += '.';
    p.s_ += name;
    return p;
}

path path::child(std::initializer_list<std::string_view> names) const {
    path p = *this;
    for (auto n : names) p = p.child(n);
    return p;
}

path path::index(std::size_t i) const {
    path p = *this;
    p.s_ += '[';
    p.s_ += std::to_string(i);
    p.s_ += ']';
    return p;
}

path path::key(std::string_view k) const {
    path p = *this;
    p.s_ += '[';
    p.s_ += k;
    p.s_ += ']';
    return p;
}

std::string_view to_string(error_type t) {
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

std::string_view cause_type(error_type t) {
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

std::string quote(std::string_view s) {
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

std::optional<std::int64_t> parse_int64(std::string_view s) {
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

std::string json_quote(std::string_view s) {
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

std::string json_string_list(const std::vector<std::string>& v, bool nil_when_empty) {
    if (v.empty()) return nil_when_empty ? "null" : "[]";
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += json_quote(v[i]);
    }
    out += ']';
    return out;
}

std::string error::body() const {
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

error too_long(const path& p, std::size_t max_len) {
    return {error_type::too_long, p.str(), std::nullopt,
            "may not be more than " + std::to_string(max_len) + " bytes"};
}

error too_many(const path& p, std::size_t actual, std::size_t max) {
    return {error_type::too_many, p.str(), std::to_string(actual),
            "must have at most " + std::to_string(max) + " items"};
}

std::string aggregate(const error_list& errs) {
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
