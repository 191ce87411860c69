// Labels and label selectors: the metav1.LabelSelector API type, the parsed
// selector the API server and controllers match with, the selector string grammar
// of `-l` / `?labelSelector=` with upstream's error messages, and label validation.
// Models apimachinery pkg/labels/selector.go and labels.go,
// pkg/apis/meta/v1/helpers.go (LabelSelectorAsSelector, LabelSelectorAsMap) and
// pkg/apis/meta/v1/validation/validation.go (ValidateLabelSelector, ValidateLabels).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/field.hpp>
#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api {

using label_map = std::map<std::string, std::string>;

// metav1.LabelSelectorRequirement: operator_ is "In", "NotIn", "Exists" or "DoesNotExist".
struct label_selector_requirement {
    std::string key{};
    std::string operator_{};
    std::vector<std::string> values{};
    bool operator==(const label_selector_requirement&) const = default;
};

// metav1.LabelSelector. Both parts empty selects everything; a missing selector
// (std::nullopt where the field is optional) selects nothing.
struct label_selector {
    std::map<std::string, std::string> match_labels{};
    std::vector<label_selector_requirement> match_expressions{};
    bool operator==(const label_selector&) const = default;
};

inline constexpr std::string_view label_selector_op_in = "In";
inline constexpr std::string_view label_selector_op_not_in = "NotIn";
inline constexpr std::string_view label_selector_op_exists = "Exists";
inline constexpr std::string_view label_selector_op_does_not_exist = "DoesNotExist";

}  // namespace kubesim::api

namespace kubesim::api::labels {

// selection.Operator. to_string gives upstream's spelling ("in", "notin", "=", "==",
// "!=", "exists", "!", "gt", "lt").
enum class op { does_not_exist, equals, double_equals, in, not_equals, not_in, exists, greater_than, less_than };

[[nodiscard]] KUBESIM_DECL std::string_view to_string(op o);

// One requirement of a selector: key, operator and values (labels.Requirement).
struct requirement {
    std::string key{};
    op operator_{op::exists};
    std::vector<std::string> values{};

    bool operator==(const requirement&) const = default;

    [[nodiscard]] KUBESIM_DECL bool has_value(std::string_view v) const;

    [[nodiscard]] KUBESIM_DECL bool matches(const label_map& ls) const;

    // Requirement.String(): "x in (a,b)", "!x", "x!=y", "x>1"; values printed sorted.
    [[nodiscard]] KUBESIM_DECL std::string to_string() const;
};

// labels.NewRequirement: checks the key, the value count for the operator, Gt/Lt
// integers and every value. Field paths are relative to `base` ("key",
// "values[0][app]") as upstream prints them when no path is given. nil_values
// renders an empty value list as `null` instead of `[]` in the message, which is
// what upstream prints when the caller passed a nil slice (LabelSelectorAsSelector).
[[nodiscard]] KUBESIM_DECL result<requirement> make_requirement(std::string key, op o, std::vector<std::string> values,
                                                                const field::path& base = field::path{},
                                                                bool nil_values = false);

// A parsed label selector: the AND of its requirements, kept sorted by key as
// upstream does so that to_string() is deterministic.
class selector {
public:
    selector() = default;  // matches everything

    [[nodiscard]] static selector everything() { return selector{}; }
    // labels.Nothing(): matches no object; what a missing metav1.LabelSelector means.
    [[nodiscard]] static KUBESIM_DECL selector nothing();

    [[nodiscard]] KUBESIM_DECL bool matches(const label_map& ls) const;
    // True when the selector does not restrict anything (Everything()).
    [[nodiscard]] bool empty() const { return !nothing_ && reqs_.empty(); }
    [[nodiscard]] bool matches_nothing() const { return nothing_; }

    // Selector.String(): requirements joined by ','; "" for Everything() and Nothing().
    [[nodiscard]] KUBESIM_DECL std::string to_string() const;

    [[nodiscard]] const std::vector<requirement>& requirements() const { return reqs_; }

    // Selector.Add: a copy with more requirements, re-sorted by key. Nothing() stays Nothing().
    [[nodiscard]] KUBESIM_DECL selector add(std::vector<requirement> more) const;

    // RequiresExactMatch: the value the selector pins `label` to (=, == or a
    // one-value in), for index lookups.
    [[nodiscard]] KUBESIM_DECL std::optional<std::string> requires_exact_match(std::string_view label) const;

    bool operator==(const selector&) const = default;

private:
    std::vector<requirement> reqs_{};
    bool nothing_{false};
};

// labels.Parse. Grammar (whitespace is ' ', '\t', '\r', '\n'):
//   selector    := requirement ("," requirement)*
//   requirement := ["!"] KEY [ ("in" | "notin") "(" VALUE ("," VALUE)* ")"
//                            | ("=" | "==" | "!=") VALUE | (">" | "<") INTEGER ]
// The error is a BadRequest carrying the parser's message, which is what the API
// server answers for a bad ?labelSelector= (DecodeParameters -> NewBadRequest).
[[nodiscard]] KUBESIM_DECL result<selector> parse(std::string_view s);

// SelectorFromSet: key=value for each label, not validated; empty matches everything.
[[nodiscard]] KUBESIM_DECL selector selector_from_set(const label_map& ls);

// ValidatedSelectorFromSet: as selector_from_set, but rejects invalid keys/values.
[[nodiscard]] KUBESIM_DECL result<selector> validated_selector_from_set(const label_map& ls);

// metav1.LabelSelectorAsSelector. An empty selector matches everything. match_labels
// are checked in key order (upstream's map order is random, so its first error may differ).
[[nodiscard]] KUBESIM_DECL result<selector> label_selector_as_selector(const label_selector& ps);

// A missing selector (nil pointer upstream) matches nothing.
[[nodiscard]] KUBESIM_DECL result<selector> label_selector_as_selector(const std::optional<label_selector>& ps);

// metav1.LabelSelectorAsMap: only In with a single value converts.
[[nodiscard]] KUBESIM_DECL result<label_map> label_selector_as_map(const label_selector& ps);

// labels.Set.String(): "k=v" pairs sorted as strings and joined by ','.
[[nodiscard]] KUBESIM_DECL std::string to_string(const label_map& ls);

// labels.FormatLabels: as to_string, "<none>" when empty (kubectl's LABELS column).
[[nodiscard]] KUBESIM_DECL std::string format_labels(const label_map& ls);

// ---- validation (apimachinery pkg/apis/meta/v1/validation) ----------------------

struct label_selector_validation_options {
    bool allow_invalid_label_value_in_selector{false};
    bool allow_unknown_operator_in_requirement{false};
};

// ValidateLabelName: a qualified name ([prefix/]name).
[[nodiscard]] KUBESIM_DECL field::error_list validate_label_name(std::string_view key, const field::path& p);

// ValidateLabels: errors are reported at the map's own path (not per key), as upstream.
[[nodiscard]] KUBESIM_DECL field::error_list validate_labels(const label_map& ls, const field::path& p);

[[nodiscard]] KUBESIM_DECL field::error_list validate_label_selector_requirement(
    const label_selector_requirement& sr, const field::path& p, const label_selector_validation_options& opts = {});

// ValidateLabelSelector: matchLabels then each matchExpressions[i].
[[nodiscard]] KUBESIM_DECL field::error_list validate_label_selector(const label_selector& ps, const field::path& p,
                                                                     const label_selector_validation_options& opts = {});

}  // namespace kubesim::api::labels

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/labels.ipp>
#endif
