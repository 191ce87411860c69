// Constructors for the api::status values the API server returns, after
// apimachinery pkg/api/errors/errors.go. `resource` is the plural resource with
// its group ("pods", "deployments.apps"); `qualified_kind` is Kind[.group]
// ("Pod", "Deployment.apps").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <kubesim/api/field.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api::errors {

namespace detail {
KUBESIM_DECL status failure(std::string reason, std::int32_t code, std::string message);
}  // namespace detail

// pods "web" not found
[[nodiscard]] KUBESIM_DECL status not_found(std::string_view resource, std::string_view name);

// pods "web" already exists
[[nodiscard]] KUBESIM_DECL status already_exists(std::string_view resource, std::string_view name);

// Operation cannot be fulfilled on pods "web": <why>
[[nodiscard]] KUBESIM_DECL status conflict(std::string_view resource, std::string_view name, std::string_view why);

// The optimistic-lock tail of a stale update (apiserver registry/generic/registry/store.go).
inline constexpr std::string_view optimistic_lock_error_msg =
    "the object has been modified; please apply your changes to the latest version and try again";

// Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0
[[nodiscard]] KUBESIM_DECL status invalid(std::string_view qualified_kind, std::string_view name,
                                          const field::error_list& errs);

[[nodiscard]] KUBESIM_DECL status bad_request(std::string message);

// pods "x" is forbidden: <why>
[[nodiscard]] KUBESIM_DECL status forbidden(std::string_view resource, std::string_view name, std::string_view why);

[[nodiscard]] KUBESIM_DECL status gone(std::string message);

// NewResourceExpired: reason Expired, code 410 ("too old resource version: 5 (10)").
[[nodiscard]] KUBESIM_DECL status expired(std::string message);

[[nodiscard]] KUBESIM_DECL status method_not_supported(std::string_view resource, std::string_view action);

[[nodiscard]] KUBESIM_DECL status internal_error(std::string message);

}  // namespace kubesim::api::errors

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/errors.ipp>
#endif
