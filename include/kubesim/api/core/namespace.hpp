// core/v1 Namespace. Cluster-scoped; spec.finalizers holds "kubernetes" until
// the namespace controller has emptied it.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct namespace_spec {
    std::vector<std::string> finalizers{};
    bool operator==(const namespace_spec&) const = default;
};

struct namespace_condition {
    std::string type{};
    std::string status{};
    std::optional<time> last_transition_time{};
    std::string reason{};
    std::string message{};
    bool operator==(const namespace_condition&) const = default;
};

struct namespace_status {
    std::string phase{};  // Active | Terminating
    std::vector<namespace_condition> conditions{};
    bool operator==(const namespace_status&) const = default;
};

struct namespace_ {
    static constexpr std::string_view kind = "Namespace";
    static constexpr std::string_view api_version = "v1";
    static constexpr std::string_view group = "";
    static constexpr std::string_view resource = "namespaces";
    static constexpr bool namespaced = false;

    object_meta metadata{};
    namespace_spec spec{};
    namespace_status status{};
    bool operator==(const namespace_&) const = default;
};

}  // namespace kubesim::api
