// Field selectors (`--field-selector`, `?fieldSelector=`): "f=v", "f==v", "f!=v"
// terms joined by ',', values escaped with '\' (\\ \, \=), upstream's error
// messages. Models apimachinery pkg/fields/selector.go, fields.go and requirements.go.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api::fields {

// fields.Set: the selectable fields of one object ("metadata.name" -> "web").
using set = std::map<std::string, std::string, std::less<>>;

enum class op { equals, not_equals };

// selection.Operator spelling: "=" or "!=" ("==" parses to "=").
[[nodiscard]] inline std::string_view to_string(op o) { return o == op::equals ? "=" : "!="; }

// fields.Requirement: what the store inspects to know which fields a selector uses.
struct requirement {
    std::string field{};
    op operator_{op::equals};
    std::string value{};
    bool operator==(const requirement&) const = default;
};

// EscapeValue: '\' -> "\\", ',' -> "\,", '=' -> "\=".
[[nodiscard]] KUBESIM_DECL std::string escape_value(std::string_view s);

// UnescapeValue. Errors (BadRequest) carry upstream's text; an unescaped ',' or '='
// prints as its code point number (44, 61) because upstream formats the rune with %v.
[[nodiscard]] KUBESIM_DECL result<std::string> unescape_value(std::string_view s);

// A parsed field selector: the AND of its terms, in the order upstream keeps them
// (terms sorted as strings before parsing).
class selector {
public:
    selector() = default;  // matches everything

    [[nodiscard]] static selector everything() { return selector{}; }
    [[nodiscard]] static KUBESIM_DECL selector nothing();

    [[nodiscard]] KUBESIM_DECL bool matches(const set& fs) const;
    // The same, reading each field the selector names from `get` (field ->
    // value, "" when the object has no such field), with no set built.
    template <class Get>
    [[nodiscard]] bool matches_with(Get&& get) const {
        if (nothing_) return false;
        for (const auto& r : reqs_) {
            const std::string_view have = get(std::string_view(r.field));
            if ((have == r.value) != (r.operator_ == op::equals)) return false;
        }
        return true;
    }
    [[nodiscard]] bool empty() const { return !nothing_ && reqs_.empty(); }
    [[nodiscard]] bool matches_nothing() const { return nothing_; }

    // "f=v,g!=w" with values escaped; "" for everything and nothing.
    [[nodiscard]] KUBESIM_DECL std::string to_string() const;

    [[nodiscard]] const std::vector<requirement>& requirements() const { return reqs_; }

    // RequiresExactMatch: the value of the first "field=value" term for `field`.
    [[nodiscard]] KUBESIM_DECL std::optional<std::string> requires_exact_match(std::string_view field) const;

    // Selector.Transform: rewrite every (field, value), e.g. to convert field labels
    // of an API version. Fn: (const std::string& field, const std::string& value)
    // -> result<std::pair<std::string, std::string>>. A term whose field and value
    // both become empty is dropped.
    template <class Fn>
    [[nodiscard]] result<selector> transform(Fn&& fn) const {
        if (nothing_) return *this;
        selector out;
        for (const auto& r : reqs_) {
            result<std::pair<std::string, std::string>> t = fn(r.field, r.value);
            if (!t) return t.error();
            auto [f, v] = std::move(t).value();
            if (f.empty() && v.empty()) continue;
            out.reqs_.push_back(requirement{std::move(f), r.operator_, std::move(v)});
        }
        return out;
    }

    // AndSelectors / Add: the AND of two selectors (terms of `other` after ours).
    [[nodiscard]] KUBESIM_DECL selector and_with(const selector& other) const;

    // Builds a selector from terms as given (no parsing, no sorting).
    [[nodiscard]] static KUBESIM_DECL selector from_requirements(std::vector<requirement> reqs);

    bool operator==(const selector&) const = default;

private:
    std::vector<requirement> reqs_{};
    bool nothing_{false};
};

// ParseSelector. Empty terms are skipped and a term with empty field and value
// ("=") selects everything, as upstream. Errors are BadRequest with upstream's text,
// which the API server returns as is for a bad ?fieldSelector=.
[[nodiscard]] KUBESIM_DECL result<selector> parse(std::string_view s);

// OneTermEqualSelector: "field=value" ("metadata.name=web", "spec.nodeName=node-1").
[[nodiscard]] KUBESIM_DECL selector one_term_equal(std::string field, std::string value);

// OneTermNotEqualSelector: "field!=value".
[[nodiscard]] KUBESIM_DECL selector one_term_not_equal(std::string field, std::string value);

// SelectorFromSet: field=value for every entry, in key order (upstream's order is
// the random map order).
[[nodiscard]] KUBESIM_DECL selector selector_from_set(const set& fs);

}  // namespace kubesim::api::fields

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/fields.ipp>
#endif
