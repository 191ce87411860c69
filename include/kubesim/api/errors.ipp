// Definitions of api/errors.hpp.
#pragma once

#include <kubesim/api/errors.hpp>

#include <utility>

namespace kubesim::api::errors {

namespace detail {
status failure(std::string reason, std::int32_t code, std::string message) {
    status s;
    s.status_ = "Failure";
    s.reason = std::move(reason);
    s.code = code;
    s.message = std::move(message);
    return s;
}

// "deployments.apps" -> {"deployments", "apps"}
KUBESIM_DECL void split_resource(std::string_view resource, status_details& d) {
    auto dot = resource.find('.');
    d.kind = std::string(resource.substr(0, dot));
    if (dot != std::string_view::npos) d.group = std::string(resource.substr(dot + 1));
}
}  // namespace detail

status not_found(std::string_view resource, std::string_view name) {
    auto s = detail::failure("NotFound", 404,
                             std::string(resource) + " " + field::quote(name) + " not found");
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

status already_exists(std::string_view resource, std::string_view name) {
    auto s = detail::failure("AlreadyExists", 409,
                             std::string(resource) + " " + field::quote(name) + " already exists");
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

status conflict(std::string_view resource, std::string_view name, std::string_view why) {
    auto s = detail::failure("Conflict", 409,
                             "Operation cannot be fulfilled on " + std::string(resource) + " " +
                                 field::quote(name) + ": " + std::string(why));
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

status invalid(std::string_view qualified_kind, std::string_view name,
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

status bad_request(std::string message) {
    return detail::failure("BadRequest", 400, std::move(message));
}

status forbidden(std::string_view resource, std::string_view name, std::string_view why) {
    std::string msg = std::string(resource);
    if (!name.empty()) msg += " " + field::quote(name);
    msg += " is forbidden: " + std::string(why);
    auto s = detail::failure("Forbidden", 403, std::move(msg));
    detail::split_resource(resource, s.details);
    s.details.name = std::string(name);
    return s;
}

status gone(std::string message) { return detail::failure("Gone", 410, std::move(message)); }

status expired(std::string message) {
    return detail::failure("Expired", 410, std::move(message));
}

status method_not_supported(std::string_view resource, std::string_view action) {
    return detail::failure("MethodNotAllowed", 405,
                           action.empty() ? std::string("the server does not allow this method on the requested resource")
                                          : std::string(action) + " is not supported on resources of kind " +
                                                field::quote(resource));
}

status internal_error(std::string message) {
    return detail::failure("InternalError", 500, "Internal error occurred: " + message);
}

}  // namespace kubesim::api::errors
