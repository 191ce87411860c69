// Definitions of kubelet/shell.hpp.
#pragma once

#include <kubesim/kubelet/shell.hpp>

#include <cstddef>

namespace kubesim::kubelet {

bool should_run(std::string_view op, int last_status) {
    if (op == "&&") return last_status == 0;
    if (op == "||") return last_status != 0;
    return true;
}

namespace detail {

[[nodiscard]] KUBESIM_DECL bool is_name_start(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
[[nodiscard]] KUBESIM_DECL bool is_name_char(char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }

}  // namespace detail

std::optional<std::vector<pipeline_step>> parse_shell(std::string_view script, std::string& error,
                                                      const expansion_lookup& lookup) {
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
