// core/v1 Secret. data holds the decoded bytes (base64 in JSON); string_data is
// write-only: the API server merges it into data on write and never returns it.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct secret {
    static constexpr std::string_view kind = "Secret";
    static constexpr std::string_view api_version = "v1";
    static constexpr std::string_view group = "";
    static constexpr std::string_view resource = "secrets";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    std::map<std::string, std::string> data{};
    std::map<std::string, std::string> string_data{};
    std::string type{};  // defaulted to "Opaque"
    std::optional<bool> immutable{};
    bool operator==(const secret&) const = default;
};

}  // namespace kubesim::api
