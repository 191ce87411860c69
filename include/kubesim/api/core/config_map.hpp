// core/v1 ConfigMap.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct config_map {
    static constexpr std::string_view kind = "ConfigMap";
    static constexpr std::string_view api_version = "v1";
    static constexpr std::string_view group = "";
    static constexpr std::string_view resource = "configmaps";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    std::map<std::string, std::string> data{};
    std::map<std::string, std::string> binary_data{};  // decoded bytes; base64 in JSON
    std::optional<bool> immutable{};
    bool operator==(const config_map&) const = default;
};

}  // namespace kubesim::api
