// Definitions of api/fields.hpp.
#pragma once

#include <kubesim/api/fields.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>

#include <kubesim/api/errors.hpp>

namespace kubesim::api::fields {

std::string escape_value(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char c : s) {
        if (c == '\\' || c == ',' || c == '=') out += '\\';
        out += c;
    }
    return out;
}

namespace detail {

// One UTF-8 sequence as Go's `for range` over a string decodes it: the code point
// and its width, or U+FFFD with width 1 for an invalid byte.
struct rune {
    std::uint32_t cp{0xFFFD};
    std::size_t width{1};
    bool valid{false};
};

[[nodiscard]] KUBESIM_DECL rune decode_rune(std::string_view s, std::size_t i) {
    auto b = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c0 = b(i);
    if (c0 < 0x80) return {c0, 1, true};
    std::size_t n = 0;
    std::uint32_t cp = 0;
    std::uint32_t min = 0;
    if (c0 >= 0xC2 && c0 <= 0xDF) {
        n = 2;
        cp = c0 & 0x1Fu;
        min = 0x80;
    } else if (c0 >= 0xE0 && c0 <= 0xEF) {
        n = 3;
        cp = c0 & 0x0Fu;
        min = 0x800;
    } else if (c0 >= 0xF0 && c0 <= 0xF4) {
        n = 4;
        cp = c0 & 0x07u;
        min = 0x10000;
    } else {
        return {};
    }
    if (i + n > s.size()) return {};
    for (std::size_t k = 1; k < n; ++k) {
        if ((b(i + k) & 0xC0u) != 0x80u) return {};
        cp = (cp << 6) | (b(i + k) & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {};
    return {cp, n, true};
}

// The bytes Go's WriteRune emits for a decoded rune: the original sequence, or
// U+FFFD for an invalid byte.
KUBESIM_DECL void append_rune(std::string& out, std::string_view s, std::size_t i, const rune& r) {
    if (r.valid)
        out.append(s.substr(i, r.width));
    else
        out += "\xEF\xBF\xBD";
}

// splitTerms: split on ',' not preceded by an escaping '\'; the '\' stays.
[[nodiscard]] KUBESIM_DECL std::vector<std::string_view> split_terms(std::string_view s) {
    std::vector<std::string_view> terms;
    if (s.empty()) return terms;
    std::size_t start = 0;
    bool in_slash = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (in_slash) {
            in_slash = false;
        } else if (s[i] == '\\') {
            in_slash = true;
        } else if (s[i] == ',') {
            terms.push_back(s.substr(start, i - start));
            start = i + 1;
        }
    }
    terms.push_back(s.substr(start));
    return terms;
}

struct split_term_result {
    std::string_view lhs{};
    std::string_view op{};
    std::string_view rhs{};
};

// splitTerm: the first position where "!=", "==" or "=" starts splits the term;
// the field name cannot escape anything.
[[nodiscard]] KUBESIM_DECL std::optional<split_term_result> split_term(std::string_view term) {
    static constexpr std::string_view ops[] = {"!=", "==", "="};
    for (std::size_t i = 0; i < term.size(); ++i) {
        auto rest = term.substr(i);
        for (auto o : ops)
            if (rest.substr(0, o.size()) == o) return split_term_result{term.substr(0, i), o, rest.substr(o.size())};
    }
    return std::nullopt;
}

}  // namespace detail

result<std::string> unescape_value(std::string_view s) {
    if (s.find_first_of("\\,=") == std::string_view::npos) return std::string(s);
    std::string out;
    out.reserve(s.size());
    bool in_slash = false;
    for (std::size_t i = 0; i < s.size();) {
        auto r = detail::decode_rune(s, i);
        if (in_slash) {
            if (r.valid && (r.cp == '\\' || r.cp == ',' || r.cp == '=')) {
                out += static_cast<char>(r.cp);
            } else {
                std::string seq = "\\";
                detail::append_rune(seq, s, i, r);
                return errors::bad_request("invalid field selector: invalid escape sequence: " + seq);
            }
            in_slash = false;
        } else if (r.valid && r.cp == '\\') {
            in_slash = true;
        } else if (r.valid && (r.cp == ',' || r.cp == '=')) {
            return errors::bad_request("invalid field selector: unescaped character in value: " + std::to_string(r.cp));
        } else {
            detail::append_rune(out, s, i, r);
        }
        i += r.width;
    }
    if (in_slash) return errors::bad_request("invalid field selector: invalid escape sequence: \\");
    return out;
}

selector selector::nothing() {
    selector s;
    s.nothing_ = true;
    return s;
}

bool selector::matches(const set& fs) const {
    if (nothing_) return false;
    for (const auto& r : reqs_) {
        auto it = fs.find(r.field);
        std::string_view have = it == fs.end() ? std::string_view{} : std::string_view{it->second};
        if ((have == r.value) != (r.operator_ == op::equals)) return false;
    }
    return true;
}

std::string selector::to_string() const {
    std::string s;
    for (std::size_t i = 0; i < reqs_.size(); ++i) {
        if (i) s += ',';
        s += reqs_[i].field;
        s += fields::to_string(reqs_[i].operator_);
        s += escape_value(reqs_[i].value);
    }
    return s;
}

std::optional<std::string> selector::requires_exact_match(std::string_view field) const {
    if (nothing_) return std::nullopt;
    for (const auto& r : reqs_)
        if (r.operator_ == op::equals && r.field == field) return r.value;
    return std::nullopt;
}

selector selector::and_with(const selector& other) const {
    if (nothing_ || other.nothing_) return nothing();
    selector s = *this;
    s.reqs_.insert(s.reqs_.end(), other.reqs_.begin(), other.reqs_.end());
    return s;
}

selector selector::from_requirements(std::vector<requirement> reqs) {
    selector s;
    s.reqs_ = std::move(reqs);
    return s;
}

result<selector> parse(std::string_view s) {
    auto parts = detail::split_terms(s);
    std::sort(parts.begin(), parts.end());
    std::vector<requirement> reqs;
    for (auto part : parts) {
        if (part.empty()) continue;
        auto t = detail::split_term(part);
        if (!t)
            return errors::bad_request("invalid selector: '" + std::string(s) + "'; can't understand '" +
                                       std::string(part) + "'");
        auto v = unescape_value(t->rhs);
        if (!v) return v.error();
        if (t->lhs.empty() && v->empty()) continue;
        reqs.push_back(requirement{std::string(t->lhs), t->op == "!=" ? op::not_equals : op::equals, std::move(*v)});
    }
    return selector::from_requirements(std::move(reqs));
}

selector one_term_equal(std::string field, std::string value) {
    return selector::from_requirements({requirement{std::move(field), op::equals, std::move(value)}});
}

selector one_term_not_equal(std::string field, std::string value) {
    return selector::from_requirements({requirement{std::move(field), op::not_equals, std::move(value)}});
}

selector selector_from_set(const set& fs) {
    std::vector<requirement> reqs;
    reqs.reserve(fs.size());
    for (const auto& [f, v] : fs) reqs.push_back(requirement{f, op::equals, v});
    return selector::from_requirements(std::move(reqs));
}

}  // namespace kubesim::api::fields
