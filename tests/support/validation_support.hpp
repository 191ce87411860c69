// Shared by the validation tests: error lists as one comparable string, and
// the upstream texts of the name rules the expectations quote.
#pragma once

#include <string>
#include <vector>

#include <kubesim/api/field.hpp>

namespace validation_support {

// One error per line, as Error() prints it.
inline std::string joined(const kubesim::api::field::error_list& errs) {
    std::string s;
    for (const auto& e : errs) s += e.to_string() + "\n";
    return s;
}

// The expected lines in the same form as joined().
inline std::string lines(const std::vector<std::string>& want) {
    std::string s;
    for (const auto& w : want) s += w + "\n";
    return s;
}

inline const std::string subdomain_msg =
    R"(a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*'))";
inline const std::string label_msg =
    "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end "
    "with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
inline const std::string name_part_msg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

}  // namespace validation_support
