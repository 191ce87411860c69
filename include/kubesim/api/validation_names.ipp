// Definitions of api/validation_names.hpp.
#pragma once

#include <kubesim/api/validation_names.hpp>

namespace kubesim::api::validation {

// ---- message builders (util/validation) -------------------------------------

std::string max_len_error(std::size_t length) {
    return "must be no more than " + std::to_string(length) + " characters";
}

std::string empty_error() { return "must be non-empty"; }

std::string inclusive_range_error(std::int64_t lo, std::int64_t hi) {
    return "must be between " + std::to_string(lo) + " and " + std::to_string(hi) + ", inclusive";
}

std::string regex_error(std::string_view msg, std::string_view re,
                        std::initializer_list<std::string_view> examples) {
    std::string out(msg);
    if (examples.size() == 0) {
        out += " (regex used for validation is '";
        out += re;
        out += "')";
        return out;
    }
    out += " (e.g. ";
    bool first = true;
    for (auto ex : examples) {
        if (!first) out += " or ";
        first = false;
        out += '\'';
        out += ex;
        out += "', ";
    }
    out += "regex used for validation is '";
    out += re;
    out += "')";
    return out;
}

// ---- hand-written matchers for upstream's expressions ------------------------

namespace detail {

[[nodiscard]] constexpr bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
[[nodiscard]] constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
[[nodiscard]] constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
[[nodiscard]] constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }

// [a-z0-9]([-a-z0-9]*[a-z0-9])?
[[nodiscard]] KUBESIM_DECL bool matches_dns1123_label(std::string_view s) {
    if (s.empty() || !is_lower_alnum(s.front()) || !is_lower_alnum(s.back())) return false;
    for (char c : s)
        if (!is_lower_alnum(c) && c != '-') return false;
    return true;
}

// [a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*
[[nodiscard]] KUBESIM_DECL bool matches_dns1123_subdomain(std::string_view s) {
    std::size_t start = 0;
    while (true) {
        auto dot = s.find('.', start);
        auto part = s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (!matches_dns1123_label(part)) return false;
        if (dot == std::string_view::npos) return true;
        start = dot + 1;
    }
}

// [a-z]([-a-z0-9]*[a-z0-9])?
[[nodiscard]] KUBESIM_DECL bool matches_dns1035_label(std::string_view s) {
    if (s.empty() || !(s.front() >= 'a' && s.front() <= 'z') || !is_lower_alnum(s.back())) return false;
    for (char c : s)
        if (!is_lower_alnum(c) && c != '-') return false;
    return true;
}

// ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
[[nodiscard]] KUBESIM_DECL bool matches_label_key_name(std::string_view s) {
    if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
    for (char c : s)
        if (!is_alnum(c) && c != '-' && c != '_' && c != '.') return false;
    return true;
}

// [A-Za-z_][A-Za-z0-9_]*
[[nodiscard]] KUBESIM_DECL bool matches_c_identifier(std::string_view s) {
    if (s.empty() || !(is_alpha(s.front()) || s.front() == '_')) return false;
    for (char c : s)
        if (!is_alnum(c) && c != '_') return false;
    return true;
}

// [0-9]+%
[[nodiscard]] KUBESIM_DECL bool matches_percent(std::string_view s) {
    if (s.size() < 2 || s.back() != '%') return false;
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

// [-._a-zA-Z][-._a-zA-Z0-9]*
[[nodiscard]] KUBESIM_DECL bool matches_env_var_name(std::string_view s) {
    if (s.empty()) return false;
    auto ok_first = [](char c) { return is_alpha(c) || c == '-' || c == '.' || c == '_'; };
    if (!ok_first(s.front())) return false;
    for (char c : s)
        if (!ok_first(c) && !is_digit(c)) return false;
    return true;
}

// [-._a-zA-Z0-9]+
[[nodiscard]] KUBESIM_DECL bool matches_config_map_key(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (!is_alnum(c) && c != '-' && c != '.' && c != '_') return false;
    return true;
}

// hasChDirPrefix: ".", ".." and "..x" would escape a volume directory.
KUBESIM_DECL void append_chdir_prefix_errors(std::string_view s, std::vector<std::string>& errs) {
    if (s == ".")
        errs.emplace_back("must not be '.'");
    else if (s == "..")
        errs.emplace_back("must not be '..'");
    else if (s.substr(0, 2) == "..")
        errs.emplace_back("must not start with '..'");
}

inline constexpr std::string_view dns1123_label_fmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
inline constexpr std::string_view dns1123_label_err_msg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
    "start and end with an alphanumeric character";
inline constexpr std::string_view dns1123_subdomain_fmt =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
inline constexpr std::string_view dns1123_subdomain_err_msg =
    "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', "
    "and must start and end with an alphanumeric character";
inline constexpr std::string_view dns1035_label_fmt = "[a-z]([-a-z0-9]*[a-z0-9])?";
inline constexpr std::string_view dns1035_label_err_msg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
    "alphabetic character, and end with an alphanumeric character";
inline constexpr std::string_view label_key_fmt = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
inline constexpr std::string_view label_key_err_msg =
    "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character";
inline constexpr std::string_view label_value_fmt = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";
inline constexpr std::string_view label_value_err_msg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', "
    "and must start and end with an alphanumeric character";
inline constexpr std::string_view c_identifier_fmt = "[A-Za-z_][A-Za-z0-9_]*";
inline constexpr std::string_view c_identifier_err_msg =
    "a valid C identifier must start with alphabetic character or '_', followed by a string of "
    "alphanumeric characters or '_'";

// The two DNS checks differ from util/validation's only in the length message.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> dns1123_label_errors(std::string_view value, std::string too_long) {
    std::vector<std::string> errs;
    if (value.size() > dns1123_label_max_length) errs.push_back(std::move(too_long));
    if (!matches_dns1123_label(value)) {
        if (matches_dns1123_subdomain(value))
            errs.emplace_back("must not contain dots");  // a valid subdomain: only the dots are wrong
        else
            errs.push_back(regex_error(dns1123_label_err_msg, dns1123_label_fmt, {"my-name", "123-abc"}));
    }
    return errs;
}

[[nodiscard]] KUBESIM_DECL std::vector<std::string> dns1123_subdomain_errors(std::string_view value, std::string too_long) {
    std::vector<std::string> errs;
    if (value.size() > dns1123_subdomain_max_length) errs.push_back(std::move(too_long));
    if (!matches_dns1123_subdomain(value))
        errs.push_back(regex_error(dns1123_subdomain_err_msg, dns1123_subdomain_fmt, {"example.com"}));
    return errs;
}

}  // namespace detail

// ---- api/validate/content: label keys and values ("bytes" wording) -----------

namespace content {

std::string max_len_error(std::size_t length) {
    return "must be no more than " + std::to_string(length) + " bytes";
}

std::vector<std::string> is_dns1123_label(std::string_view value) {
    return detail::dns1123_label_errors(value, max_len_error(dns1123_label_max_length));
}

std::vector<std::string> is_dns1123_subdomain(std::string_view value) {
    return detail::dns1123_subdomain_errors(value, max_len_error(dns1123_subdomain_max_length));
}

std::vector<std::string> is_label_key(std::string_view value) {
    std::vector<std::string> errs;
    std::string_view name;
    auto slash = value.find('/');
    if (slash == std::string_view::npos) {
        name = value;
    } else if (value.find('/', slash + 1) == std::string_view::npos) {
        auto prefix = value.substr(0, slash);
        name = value.substr(slash + 1);
        if (prefix.empty()) {
            errs.push_back("prefix part " + empty_error());
        } else {
            for (auto& m : is_dns1123_subdomain(prefix)) errs.push_back("prefix part " + m);
        }
    } else {
        errs.push_back("a valid label key " +
                       regex_error(detail::label_key_err_msg, detail::label_key_fmt, {"MyName", "my.name", "123-abc"}) +
                       " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
        return errs;
    }
    if (name.empty())
        errs.push_back("name part " + empty_error());
    else if (name.size() > label_key_name_max_length)
        errs.push_back("name part " + max_len_error(label_key_name_max_length));
    if (!detail::matches_label_key_name(name))
        errs.push_back("name part " +
                       regex_error(detail::label_key_err_msg, detail::label_key_fmt, {"MyName", "my.name", "123-abc"}));
    return errs;
}

std::vector<std::string> is_label_value(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > label_value_max_length) errs.push_back(max_len_error(label_value_max_length));
    if (!value.empty() && !detail::matches_label_key_name(value))
        errs.push_back(regex_error(detail::label_value_err_msg, detail::label_value_fmt, {"MyValue", "my_value", "12345"}));
    return errs;
}

std::vector<std::string> is_c_identifier(std::string_view value) {
    if (detail::matches_c_identifier(value)) return {};
    return {regex_error(detail::c_identifier_err_msg, detail::c_identifier_fmt, {"my_name", "MY_NAME", "MyName"})};
}

}  // namespace content

// ---- util/validation ----------------------------------------------------------

std::vector<std::string> is_dns1123_subdomain(std::string_view value) {
    return detail::dns1123_subdomain_errors(value, max_len_error(dns1123_subdomain_max_length));
}

std::vector<std::string> is_dns1123_label(std::string_view value) {
    return detail::dns1123_label_errors(value, max_len_error(dns1123_label_max_length));
}

std::vector<std::string> is_dns1035_label(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > dns1035_label_max_length) errs.push_back(max_len_error(dns1035_label_max_length));
    if (!detail::matches_dns1035_label(value))
        errs.push_back(regex_error(detail::dns1035_label_err_msg, detail::dns1035_label_fmt, {"my-name", "abc-123"}));
    return errs;
}

std::vector<std::string> is_qualified_name(std::string_view value) {
    return content::is_label_key(value);
}

std::vector<std::string> is_valid_label_value(std::string_view value) {
    return content::is_label_value(value);
}

std::vector<std::string> is_c_identifier(std::string_view value) {
    return content::is_c_identifier(value);
}

std::vector<std::string> is_valid_port_num(std::int64_t port) {
    if (port >= 1 && port <= 65535) return {};
    return {inclusive_range_error(1, 65535)};
}

std::vector<std::string> is_in_range(std::int64_t value, std::int64_t min, std::int64_t max) {
    if (value >= min && value <= max) return {};
    return {inclusive_range_error(min, max)};
}

std::vector<std::string> is_valid_port_name(std::string_view port) {
    std::vector<std::string> errs;
    if (port.size() > 15) errs.push_back(max_len_error(15));
    bool charset = !port.empty();
    bool letter = false;
    for (char c : port) {
        if (!detail::is_lower_alnum(c) && c != '-') charset = false;
        if (c >= 'a' && c <= 'z') letter = true;
    }
    if (!charset) errs.emplace_back("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
    if (!letter) errs.emplace_back("must contain at least one letter (a-z)");
    if (port.find("--") != std::string_view::npos) errs.emplace_back("must not contain consecutive hyphens");
    if (!port.empty() && (port.front() == '-' || port.back() == '-'))
        errs.emplace_back("must not begin or end with a hyphen");
    return errs;
}

std::vector<std::string> is_valid_percent(std::string_view percent) {
    if (detail::matches_percent(percent)) return {};
    return {regex_error("a valid percent string must be a numeric string followed by an ending '%'", "[0-9]+%",
                        {"1%", "93%"})};
}

std::vector<std::string> is_env_var_name(std::string_view value) {
    std::vector<std::string> errs;
    if (!detail::matches_env_var_name(value))
        errs.push_back(regex_error(
            "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', "
            "and must not start with a digit",
            "[-._a-zA-Z][-._a-zA-Z0-9]*", {"my.env-name", "MY_ENV.NAME", "MyEnvName1"}));
    detail::append_chdir_prefix_errors(value, errs);
    return errs;
}

std::vector<std::string> is_relaxed_env_var_name(std::string_view value) {
    std::vector<std::string> errs;
    if (value.empty()) errs.push_back("environment variable name " + empty_error());
    for (char ch : value) {
        auto c = static_cast<unsigned char>(ch);
        if (c >= 0x7f || c < 0x20 || c == '=') {
            errs.emplace_back("a valid environment variable name must consist only of printable ASCII characters other than '='");
            break;
        }
    }
    return errs;
}

std::vector<std::string> is_config_map_key(std::string_view value) {
    std::vector<std::string> errs;
    if (value.size() > dns1123_subdomain_max_length) errs.push_back(max_len_error(dns1123_subdomain_max_length));
    if (!detail::matches_config_map_key(value))
        errs.push_back(regex_error("a valid config key must consist of alphanumeric characters, '-', '_' or '.'",
                                   "[-._a-zA-Z0-9]+", {"key.name", "KEY_NAME", "key-name"}));
    detail::append_chdir_prefix_errors(value, errs);
    return errs;
}

}  // namespace kubesim::api::validation
