// Definitions of kubelet/expansion.hpp.
#pragma once

#include <kubesim/kubelet/expansion.hpp>

#include <cstddef>

namespace kubesim::kubelet {

std::string expand(std::string_view input, const expansion_lookup& lookup) {
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

std::vector<std::string> expand_args(const std::vector<std::string>& args, const expansion_lookup& lookup) {
    std::vector<std::string> out;
    out.reserve(args.size());
    for (const auto& a : args) out.push_back(expand(a, lookup));
    return out;
}

}  // namespace kubesim::kubelet
