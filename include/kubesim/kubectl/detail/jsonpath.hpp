// k8s.io/client-go/util/jsonpath and Go's text/template as kubectl uses them.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/config.hpp>

namespace kubesim::kubectl::detail {

struct jsonpath_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

class jsonpath {
public:
    KUBESIM_DECL static jsonpath parse(std::string_view name, std::string_view text);
    KUBESIM_DECL std::string execute(const nlohmann::json& data, bool allow_missing_keys = true) const;
    KUBESIM_DECL std::vector<std::vector<nlohmann::json>> find_results(const nlohmann::json& data,
                                                                       bool allow_missing_keys = true) const;
};

struct go_template_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

KUBESIM_DECL std::string execute_go_template(std::string_view text, const nlohmann::json& data,
                                             bool allow_missing_keys = true);

}  // namespace kubesim::kubectl::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/detail/jsonpath.ipp>
#endif
