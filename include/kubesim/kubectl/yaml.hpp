// YAML and JSON as kubectl reads and prints them.
//
// Reading: a YAML stream (documents separated by `---`; JSON is YAML too) on
// yaml-cpp, each document converted to JSON the way kubectl does it
// (sigs.k8s.io/yaml: YAML 1.1 scalars resolved to null, booleans, integers,
// floats or strings; anchors and aliases expanded; merge keys). A program that
// reads YAML links yaml-cpp (Debian's libyaml-cpp-dev; `-lyaml-cpp`).
//
// Printing: `-o yaml` and `-o json` byte for byte as kubectl prints them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

// yaml_document holds a json by value: the complete type, not json_fwd.hpp.
#include <nlohmann/json.hpp>

#include <kubesim/config.hpp>

namespace kubesim::kubectl {

// One document of a stream and the line (1-based) it starts on.
struct yaml_document {
    nlohmann::json value;  // null for an empty document
    int line = 1;
};

// The documents of a YAML stream, empty documents included (kubectl skips
// them). The stream is split as kubectl's reader splits it: at lines starting
// with "---" (a separator right after another starts no document); a stream
// that starts with '{' is JSON objects one after another. A syntax error
// throws api_error BadRequest with kubectl's message, "error converting YAML
// to JSON: yaml: line 3: ..." (go-yaml's words where yaml-cpp finds the same
// error; the line counts within the document, as kubectl's does); the status
// details carry one cause whose field is the document's number (1-based) and
// whose message gives the line in the stream.
[[nodiscard]] KUBESIM_DECL std::vector<yaml_document> parse_yaml_stream(std::string_view text);

// The object as `kubectl get -o yaml` prints it (sigs.k8s.io/yaml over
// go-yaml v2: keys sorted, strings quoted only where YAML would read them as
// something else, long scalars folded at 80 columns, literal blocks for
// multi-line strings), ending with a newline. Throws api_error BadRequest
// "yaml: control characters are not allowed" where kubectl fails so (a string
// with DEL or a C1 control character other than NEL).
[[nodiscard]] KUBESIM_DECL std::string to_yaml(const nlohmann::json& value);

// The object as `kubectl get -o json` prints it (Go's encoding/json
// MarshalIndent with four spaces: keys sorted, <, > and & escaped as \u003c,
// \u003e, \u0026), ending with a newline.
[[nodiscard]] KUBESIM_DECL std::string to_json(const nlohmann::json& value);

}  // namespace kubesim::kubectl

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/yaml.ipp>
#endif
