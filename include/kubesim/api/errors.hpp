// Constructors for the api::status values the API server returns, after
// apimachinery pkg/api/errors/errors.go. `resource` is the plural resource with
// its group ("pods", "deployments.apps"); `qualified_kind` is Kind[.group]
// ("Pod", "Deployment.apps").
#pragma once

#include <string>
#include <string_view>

#include <kubesim/api/field.hpp>
#include <kubesim/api/status.hpp>

namespace kubesim::api::errors {

namespace detail {
inline status failure(std::string reason, std::int32_t code, std::string message) {
    status s;
    s.status_ = "Failure";
    s.reason = std::move(reason);
    s.code = code;
    s.message = std::move(message);
    return s;
}
// "deployments.apps" -> {"deployments", "apps"}
inline void split_resource(std::string_view resource, status_details& d) {
    auto dot = resource.find('.');
    d.kind = std::string(resource.substr(0, dot));
    if (dot != std::string_view::npos) d.group = std::string(resource.substr(dot + 1));
}
}  // namespace detail

// pods "web" not found
[[nodiscard]] inline status not_found(std::string_view resource, std::string_view name) {
    auto s = detail::failure("NotFound", 404,
                             std::string(resource) + " " + field::quote(name) + " not found");
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

// pods "web" already exists
[[nodiscard]] inline status already_exists(std::string_view resource, std::string_view name) {
    auto s = detail::failure("AlreadyExists", 409,
                             std::string(resource) + " " + field::quote(name) + " already exists");
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

// Operation cannot be fulfilled on pods "web": <why>
[[nodiscard]] inline status conflict(std::string_view resource, std::string_view name, std::string_view why) {
    auto s = detail::failure("Conflict", 409,
                             "Operation cannot be fulfilled on " + std::string(resource) + " " +
                                 field::quote(name) + ": " + std::string(why));
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

// The optimistic-lock tail of a stale update (apiserver registry/generic/registry/store.go).
inline constexpr std::string_view optimistic_lock_error_msg =
    "the object has been modified; please apply your changes to the latest version and try again";

// Deployment.apps "x" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0
[[nodiscard]] inline status invalid(std::string_view qualified_kind, std::string_view name,
                                    const field::error_list& errs) {
    std::string msg = std::string(qualified_kind) + " " + field::quote(name) + " is invalid";
    if (!errs.empty()) msg += ": " + field::aggregate(errs);
    auto s = detail::failure("Invalid", 422, std::move(msg));
    auto dot = qualified_kind.find('.');
    s.details.kind = std::string(qualified_kind.substr(0, dot));
    if (dot != std::string_view::npos) s.details.group = std::string(qualified_kind.substr(dot + 1));
    s.details.name = std::string(name);
    for (const auto& e : errs)
        s.details.causes.push_back({std::string(field::cause_type(e.type)), e.body(), e.field});
    s.causes = s.details.causes;
    return s;
}

[[nodiscard]] inline status bad_request(std::string message) {
    return detail::failure("BadRequest", 400, std::move(message));
}

// pods "x" is forbidden: <why>
[[nodiscard]] inline status forbidden(std::string_view resource, std::string_view name, std::string_view why) {
    std::string msg = std::string(resource);
    if (!name.empty()) msg += " " + field::quote(name);
    msg += " is forbidden: " + std::string(why);
    auto s = detail::failure("Forbidden", 403, std::move(msg));
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

[[nodiscard]] inline status gone(std::string message) { return detail::failure("Gone", 410, std::move(message)); }

// NewResourceExpired: reason Expired, code 410 ("too old resource version: 5 (10)").
[[nodiscard]] inline status expired(std::string message) {
    return detail::failure("Expired", 410, std::move(message));
}

[[nodiscard]] inline status method_not_supported(std::string_view resource, std::string_view action) {
    return detail::failure("MethodNotAllowed", 405,
                           action.empty() ? std::string("the server does not allow this method on the requested resource")
                                          : std::string(action) + " is not supported on resources of kind " +
                                                field::quote(resource));
}

[[nodiscard]] inline status internal_error(std::string message) {
    return detail::failure("InternalError", 500, "Internal error occurred: " + message);
}

}  // namespace kubesim::api::errors
