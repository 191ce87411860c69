// Definitions of kubectl/detail/jsonpath.hpp (interim: the JSONPath work lands separately).
#pragma once

#include <kubesim/kubectl/detail/jsonpath.hpp>

namespace kubesim::kubectl::detail {

jsonpath jsonpath::parse(std::string_view, std::string_view) { throw jsonpath_error("jsonpath: not yet"); }
std::string jsonpath::execute(const nlohmann::json&, bool) const { return {}; }
std::vector<std::vector<nlohmann::json>> jsonpath::find_results(const nlohmann::json&, bool) const { return {}; }
std::string execute_go_template(std::string_view, const nlohmann::json&, bool) {
    throw go_template_error("go-template: not yet");
}

}  // namespace kubesim::kubectl::detail
