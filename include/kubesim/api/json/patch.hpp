// JSON merge patch (RFC 7386, application/merge-patch+json) and strategic merge
// patch (application/strategic-merge-patch+json) for the kinds kubesim serves,
// after apimachinery pkg/util/strategicpatch/patch.go. The strategic patch merges
// the lists upstream tags with patchStrategy "merge" by their patchMergeKey
// (containers and initContainers by name, env by name, ports by containerPort,
// volumes by name, ownerReferences by uid, conditions by type ...), merges
// primitive "merge" lists (finalizers, podCIDRs) as sets, and understands the
// directives kubectl sends: `$patch: delete|replace|merge`, `$retainKeys`,
// `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>`. Every other
// list is atomic (replaced whole), e.g. tolerations and containerStatuses. The
// per-kind tables live in json/detail/schema.hpp.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api::json {

/// RFC 7386: objects merge key by key, null deletes, anything else replaces.
[[nodiscard]] KUBESIM_DECL nlohmann::json merge_patch(nlohmann::json target, const nlohmann::json& patch);

/// Applies a strategic merge patch to `target`, an object of `kind` ("Pod",
/// "Deployment", ...). Errors are the status the API server answers: BadRequest
/// for a malformed directive or a patch that is not an object, 500 for what
/// upstream does not classify (a list element without its merge key, an unknown
/// `$patch` value), 422 for a list of lists.
[[nodiscard]] KUBESIM_DECL kubesim::result<nlohmann::json> strategic_merge_patch(nlohmann::json target,
                                                                                const nlohmann::json& patch,
                                                                                std::string_view kind);

namespace detail {

// Go's %v of a decoded JSON value: map[a:1 b:[x y]], <nil>.
[[nodiscard]] KUBESIM_DECL std::string go_v(const nlohmann::json& v);

}  // namespace detail

}  // namespace kubesim::api::json

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/patch.ipp>
#endif
