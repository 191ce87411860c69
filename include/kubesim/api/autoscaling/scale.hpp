// autoscaling/v1 Scale: the /scale subresource of Deployments and ReplicaSets.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct scale_spec {
    std::int32_t replicas{0};
    bool operator==(const scale_spec&) const = default;
};

struct scale_status {
    std::int32_t replicas{0};
    std::string selector{};  // label query in string form
    bool operator==(const scale_status&) const = default;
};

struct scale {
    static constexpr std::string_view kind = "Scale";
    static constexpr std::string_view api_version = "autoscaling/v1";
    static constexpr std::string_view group = "autoscaling";
    static constexpr std::string_view resource = "scale";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    scale_spec spec{};
    scale_status status{};
    bool operator==(const scale&) const = default;
};

}  // namespace kubesim::api
