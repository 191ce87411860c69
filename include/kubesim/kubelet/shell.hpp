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

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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
[[nodiscard]] inline bool should_run(std::string_view op, int last_status) {
    if (op == "&&") return last_status == 0;
    if (op == "||") return last_status != 0;
    return true;
}

namespace detail {

[[nodiscard]] inline bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
[[nodiscard]] inline bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace detail

// Parses script; on failure returns nullopt and sets error, e.g.
// "Syntax error: Unterminated quoted string", `Syntax error: "&&" unexpected`,
// "Syntax error: end of file unexpected", "Syntax error: Missing '}'".
[[nodiscard]] inline std::optional<std::vector<pipeline_step>> parse_shell(std::string_view script, std::string& error,
                                                                          const expansion_lookup& lookup = {}) {
    std::vector<pipeline_step> steps;
    std::vector<std::string> argv;
    std::string op;  // op of the command being read
    std::string word;
    bool in_word = false;
    const std::size_t n = script.size();
    std::size_t i = 0;

    auto finish_word = [&] {
        if (in_word) argv.push_back(word);
        word.clear();
        in_word = false;
    };
    // Ends the command before a list operator; a newline may end an empty one.
    auto end_command = [&](std::string_view token, bool newline) {
        finish_word();
        if (argv.empty()) {
            if (newline) return true;
            error = "Syntax error: \"" + std::string(token) + "\" unexpected";
            return false;
        }
        steps.push_back(pipeline_step{command{argv}, op});
        argv.clear();
        op = newline ? std::string(";") : std::string(token);
        return true;
    };
    // $NAME / ${NAME} at script[i] == '$'; appends the value to word.
    auto expand_parameter = [&]() -> bool {
        std::string name;
        if (i + 1 < n && script[i + 1] == '{') {
            const std::size_t close = script.find('}', i + 2);
            if (close == std::string_view::npos) {
                error = "Syntax error: Missing '}'";
                return false;
            }
            name = std::string(script.substr(i + 2, close - (i + 2)));
            i = close + 1;
        } else if (i + 1 < n && detail::is_name_start(script[i + 1])) {
            std::size_t j = i + 1;
            while (j < n && detail::is_name_char(script[j])) ++j;
            name = std::string(script.substr(i + 1, j - (i + 1)));
            i = j;
        } else {  // a lone '$' is literal
            word += '$';
            in_word = true;
            ++i;
            return true;
        }
        if (lookup)
            if (auto v = lookup(name)) {
                word += *v;
                if (!v->empty()) in_word = true;
            }
        return true;
    };

    while (i < n) {
        const char c = script[i];
        if (c == ' ' || c == '\t') {
            finish_word();
            ++i;
        } else if (c == '\n') {
            if (!end_command("\n", true)) return std::nullopt;
            ++i;
        } else if (c == '#' && !in_word) {
            while (i < n && script[i] != '\n') ++i;
        } else if (c == '\\') {
            if (i + 1 < n && script[i + 1] == '\n') {  // line continuation
                i += 2;
            } else if (i + 1 < n) {
                word += script[i + 1];
                in_word = true;
                i += 2;
            } else {
                word += '\\';
                in_word = true;
                ++i;
            }
        } else if (c == '\'') {
            const std::size_t close = script.find('\'', i + 1);
            if (close == std::string_view::npos) {
                error = "Syntax error: Unterminated quoted string";
                return std::nullopt;
            }
            word.append(script.substr(i + 1, close - (i + 1)));
            in_word = true;
            i = close + 1;
        } else if (c == '"') {
            in_word = true;
            ++i;
            bool closed = false;
            while (i < n) {
                const char d = script[i];
                if (d == '"') {
                    closed = true;
                    ++i;
                    break;
                }
                if (d == '\\' && i + 1 < n) {
                    const char e = script[i + 1];
                    if (e == '\n') {
                        i += 2;
                    } else if (e == '"' || e == '\\' || e == '$' || e == '`') {
                        word += e;
                        i += 2;
                    } else {
                        word += '\\';
                        ++i;
                    }
                } else if (d == '$') {
                    if (!expand_parameter()) return std::nullopt;
                    in_word = true;
                } else {
                    word += d;
                    ++i;
                }
            }
            if (!closed) {
                error = "Syntax error: Unterminated quoted string";
                return std::nullopt;
            }
        } else if (c == '$') {
            if (!expand_parameter()) return std::nullopt;
        } else if (c == '&' || c == '|') {
            const bool doubled = i + 1 < n && script[i + 1] == c;
            if (!doubled) {
                error = c == '&' ? "kubesim: background jobs (&) are not supported"
                                 : "kubesim: pipes (|) are not supported";
                return std::nullopt;
            }
            if (!end_command(c == '&' ? "&&" : "||", false)) return std::nullopt;
            i += 2;
        } else if (c == ';') {
            if (i + 1 < n && script[i + 1] == ';') {
                error = "Syntax error: \";;\" unexpected";
                return std::nullopt;
            }
            if (!end_command(";", false)) return std::nullopt;
            ++i;
        } else if (c == '<' || c == '>') {
            error = "kubesim: redirections (<, >) are not supported";
            return std::nullopt;
        } else {
            word += c;
            in_word = true;
            ++i;
        }
    }
    finish_word();
    if (!argv.empty()) {
        steps.push_back(pipeline_step{command{argv}, op});
    } else if (op == "&&" || op == "||") {
        error = "Syntax error: end of file unexpected";
        return std::nullopt;
    }
    return steps;
}

}  // namespace kubesim::kubelet
