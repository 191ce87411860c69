// The resource concept every kind satisfies, and helpers derived from a kind's
// static descriptors (kind, api_version, group, resource, namespaced).
#pragma once

#include <concepts>
#include <string>
#include <string_view>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

template <class T>
concept resource = requires(const T& t) {
    { T::kind } -> std::convertible_to<std::string_view>;
    { T::api_version } -> std::convertible_to<std::string_view>;
    { T::group } -> std::convertible_to<std::string_view>;
    { T::resource } -> std::convertible_to<std::string_view>;
    { T::namespaced } -> std::convertible_to<bool>;
    { t.metadata } -> std::convertible_to<const object_meta&>;
};

template <class T>
concept has_spec = requires(const T& t) { t.spec; };

template <class T>
concept has_status = requires(const T& t) { t.status; };

// "Deployment.apps", "Pod": how Invalid errors name a kind.
template <resource T>
[[nodiscard]] std::string qualified_kind() {
    std::string s(T::kind);
    if (!T::group.empty()) {
        s += '.';
        s += T::group;
    }
    return s;
}

// "deployments.apps", "pods": how NotFound / AlreadyExists / Conflict name a resource.
template <resource T>
[[nodiscard]] std::string qualified_resource() {
    std::string s(T::resource);
    if (!T::group.empty()) {
        s += '.';
        s += T::group;
    }
    return s;
}

}  // namespace kubesim::api
