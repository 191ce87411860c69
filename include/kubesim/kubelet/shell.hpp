// A small parser for `sh -c SCRIPT`, used by the base image's core utilities.
// Models the POSIX shell command language (XCU 2.2 quoting, 2.6.2 parameter
// expansion, 2.9.3 lists) as Debian's dash implements it, reduced to what
// container commands in manifests use; error texts are dash's without its
// "sh: 1: " prefix.
//
// Supported: words split on blanks; 'single quotes' (literal); "double quotes"
// where \" \\ \$ \` and \<newline> are escapes and other backslashes stay;
// backslash escapes outside quotes (\<newline> continues the line); $NAME and
// ${NAME} expansion outside single quotes through a lookup (undefined -> empty);
// lists joined by "&&", "||", ";" or a newline; "#" comments at a word start.
// Not supported (an error naming it): pipes "|", background "&", redirections
// "<" ">". Simplification: an unquoted expansion is not field-split, so "$X"
// and $X both give one word (an empty unquoted expansion gives no word).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/kubelet/expansion.hpp>

namespace kubesim::kubelet {

struct command {
    std::vector<std::string> argv{};
    bool operator==(const command&) const = default;
};

// op joins this step to the previous one: "" for the first step, ";" (also a
// newline) = always run, "&&" = run if the previous status is 0, "||" = run if
// it is not 0. That is sh's left-associative AND-OR list: `a || b && c` runs c
// when either a or b succeeded.
struct pipeline_step {
    command cmd{};
    std::string op{};
    bool operator==(const pipeline_step&) const = default;
};

// Whether a step with this op runs after a step that exited with last_status.
[[nodiscard]] KUBESIM_DECL bool should_run(std::string_view op, int last_status);

// Parses script; on failure returns nullopt and sets error, e.g.
// "Syntax error: Unterminated quoted string", `Syntax error: "&&" unexpected`,
// "Syntax error: end of file unexpected", "Syntax error: Missing '}'".
[[nodiscard]] KUBESIM_DECL std::optional<std::vector<pipeline_step>> parse_shell(std::string_view script, std::string& error,
                                                                                const expansion_lookup& lookup = {});

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/shell.ipp>
#endif
