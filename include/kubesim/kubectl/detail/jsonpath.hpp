// kubectl's two template languages over an object as JSON: client-go's JSONPath
// (-o jsonpath, custom-columns, --sort-by) and Go's text/template (-o go-template),
// with the output, number formatting and error messages kubectl prints.
// Internal to kubectl/.
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/config.hpp>

namespace kubesim::kubectl::detail {

using json = nlohmann::json;

// A JSONPath parse or execution error; what() is client-go's message
// ("unclosed action", "missing is not found", ...).
struct jsonpath_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A Go template parse or execution error; what() is text/template's message
// ("template: output:1: function \"foo\" not defined", ...).
struct go_template_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

struct jsonpath_node;

// k8s.io/client-go/util/jsonpath as kubectl uses it. Maps are visited in key
// order where Go's are random (wildcards, recursive descent).
class jsonpath {
public:
    // Parses a template such as "{.items[*].metadata.name}" or
    // "{range .items[*]}{.metadata.name}{\"\\n\"}{end}". Text outside braces is
    // literal, as -o jsonpath takes it: only custom-columns and --sort-by relax
    // their expression first (relaxed()).
    KUBESIM_DECL static jsonpath parse(std::string_view name, std::string_view text);

    // kubectl's RelaxedJSONPathExpression: "a.b", ".a.b", "{a.b}" and "{.a.b}"
    // all become "{.a.b}"; "" stays "". Throws jsonpath_error with kubectl's
    // message for anything else (an expression with braces inside).
    KUBESIM_DECL static std::string relaxed(std::string_view expression);

    // Executes on data: the text kubectl prints. allow_missing_keys is kubectl's
    // --allow-missing-template-keys (default true); without it a missing field
    // throws "<field> is not found".
    KUBESIM_DECL std::string execute(const json& data, bool allow_missing_keys = true) const;

    // The raw results of each top-level action (range bodies repeat theirs per
    // element), as custom-columns and --sort-by read them.
    KUBESIM_DECL std::vector<std::vector<json>> find_results(const json& data, bool allow_missing_keys = true) const;

    const std::string& name() const { return name_; }

private:
    std::string name_;
    std::shared_ptr<const jsonpath_node> root_;
};

// Go text/template as kubectl's -o go-template runs it (template name "output",
// kubectl's extra functions "exists" and "base64decode"), over data as kubectl
// hands it over: decoded from JSON, integral numbers as int64, the rest float64.
// allow_missing_keys false is missingkey=error ("map has no entry for key").
KUBESIM_DECL std::string execute_go_template(std::string_view text, const json& data,
                                             bool allow_missing_keys = true);

// How Go's fmt prints a decoded JSON value with %v (fmt.Sprint): strings raw,
// numbers as int64/float64, null "<nil>", maps "map[k:v]", slices "[a b]".
// custom-columns prints each result this way.
KUBESIM_DECL std::string go_sprint(const json& value);

// Go's json.Marshal of a decoded JSON value: compact, keys sorted, <, > and &
// escaped. -o jsonpath prints maps and slices this way.
KUBESIM_DECL std::string go_json_marshal(const json& value);

}  // namespace kubesim::kubectl::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/detail/jsonpath.ipp>
#endif
