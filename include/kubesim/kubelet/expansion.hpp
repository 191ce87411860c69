// $(VAR) expansion of container command, args and env values. Models
// kubernetes third_party/forked/golang/expansion/expand.go (Expand and
// MappingFuncFor): a defined name is replaced by its value, an undefined one is
// kept literally as "$(NAME)", "$$" is an escaped "$", an unterminated "$(" is
// kept as is, and "$" followed by anything else is kept with that character.
// Expansion is not recursive: a replacement value is never scanned again.
//
// Worked example, with A=1 defined and B undefined:
//   "x$(A)-$(B)-$$(A)-$(A"  ->  "x1-$(B)-$(A)-$(A"
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kubesim::kubelet {

// Resolves a variable name; std::nullopt when it is not defined.
using expansion_lookup = std::function<std::optional<std::string>(std::string_view)>;

[[nodiscard]] inline std::string expand(std::string_view input, const expansion_lookup& lookup) {
    std::string out;
    out.reserve(input.size());
    std::size_t i = 0;
    while (i < input.size()) {
        const char c = input[i];
        // A trailing lone '$' is copied as is (upstream needs cursor+1 < len).
        if (c != '$' || i + 1 >= input.size()) {
            out += c;
            ++i;
            continue;
        }
        const char next = input[i + 1];
        if (next == '$') {  // escaped operator
            out += '$';
            i += 2;
        } else if (next == '(') {
            const std::size_t close = input.find(')', i + 2);
            if (close == std::string_view::npos) {  // incomplete reference: keep "$(" and go on
                out += "$(";
                i += 2;
                continue;
            }
            const std::string_view name = input.substr(i + 2, close - (i + 2));
            std::optional<std::string> value = lookup ? lookup(name) : std::nullopt;
            if (value) {
                out += *value;
            } else {
                out += "$(";
                out += name;
                out += ')';
            }
            i = close + 1;
        } else {  // not an expression: the operator and the next byte
            out += '$';
            out += next;
            i += 2;
        }
    }
    return out;
}

[[nodiscard]] inline std::vector<std::string> expand_args(const std::vector<std::string>& args,
                                                          const expansion_lookup& lookup) {
    std::vector<std::string> out;
    out.reserve(args.size());
    for (const auto& a : args) out.push_back(expand(a, lookup));
    return out;
}

}  // namespace kubesim::kubelet
