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

#include <kubesim/config.hpp>

namespace kubesim::kubelet {

// Resolves a variable name; std::nullopt when it is not defined.
using expansion_lookup = std::function<std::optional<std::string>(std::string_view)>;

[[nodiscard]] KUBESIM_DECL std::string expand(std::string_view input, const expansion_lookup& lookup);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> expand_args(const std::vector<std::string>& args,
                                                                const expansion_lookup& lookup);

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/expansion.ipp>
#endif
