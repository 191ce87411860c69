// discovery.k8s.io/v1 EndpointSlice.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct endpoint_conditions {
    std::optional<bool> ready{};
    std::optional<bool> serving{};
    std::optional<bool> terminating{};
    bool operator==(const endpoint_conditions&) const = default;
};

struct endpoint {
    std::vector<std::string> addresses{};
    endpoint_conditions conditions{};
    std::optional<std::string> hostname{};
    std::optional<object_reference> target_ref{};
    std::optional<std::string> node_name{};
    std::optional<std::string> zone{};
    bool operator==(const endpoint&) const = default;
};

struct endpoint_port {
    std::optional<std::string> name{};
    std::optional<std::string> protocol{};
    std::optional<std::int32_t> port{};
    std::optional<std::string> app_protocol{};
    bool operator==(const endpoint_port&) const = default;
};

struct endpoint_slice {
    static constexpr std::string_view kind = "EndpointSlice";
    static constexpr std::string_view api_version = "discovery.k8s.io/v1";
    static constexpr std::string_view group = "discovery.k8s.io";
    static constexpr std::string_view resource = "endpointslices";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    std::string address_type{};  // IPv4 | IPv6 | FQDN
    std::vector<endpoint> endpoints{};
    std::vector<endpoint_port> ports{};
    bool operator==(const endpoint_slice&) const = default;
};

}  // namespace kubesim::api
