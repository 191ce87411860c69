// Definitions of kubectl/yaml.hpp (interim: the YAML work lands separately).
#pragma once

#include <kubesim/kubectl/yaml.hpp>

#include <nlohmann/json.hpp>

#include <kubesim/api/status.hpp>
#include <kubesim/errors.hpp>

namespace kubesim::kubectl {

std::vector<yaml_document> parse_yaml_stream(std::string_view text) {
    return {yaml_document{nlohmann::json::parse(text), 1}};
}

std::string to_yaml(const nlohmann::json& value) { return value.dump(2) + "\n"; }

std::string to_json(const nlohmann::json& value) { return value.dump(4) + "\n"; }

}  // namespace kubesim::kubectl
