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
// per-kind tables live in json/detail/schema.hpp, shared with server-side apply.
//
// And RFC 6902 JSON patch (application/json-patch+json) as kube-apiserver applies
// it, through evanphx/json-patch v4, quirks included: `replace` of an absent
// object member adds it, `copy` of an absent member copies null, negative array
// indexes count from the end.
#pragma once

#include <cstdint>
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

/// Applies a JSON patch (a JSON array of operations) to `target`. Errors are what
/// the API server answers: 400 BadRequest for a body that is not a list of
/// objects ("json: cannot unmarshal object into Go value of type jsonpatch.Patch"),
/// 413 RequestEntityTooLarge past 10,000 operations, and for an operation that
/// does not apply (a failed `test`, a missing path) 422 Invalid with the message
/// "the server rejected our request due to an error in our request": the
/// apiserver drops the library's own text (detail::json_patch_apply keeps it).
[[nodiscard]] KUBESIM_DECL kubesim::result<nlohmann::json> json_patch(nlohmann::json target,
                                                                      const nlohmann::json& patch);

namespace detail {

// Applies the operations `ops` (already checked to be a list of objects) to `doc`
// in order. Returns "" when all apply, else evanphx/json-patch's error text, e.g.
//   testing value /spec/replicas failed: test failed
//   error in remove for path: '/metadata/labels/x': Unable to remove nonexistent key: x: missing value
// `doc` is then partly patched.
[[nodiscard]] KUBESIM_DECL std::string json_patch_apply(nlohmann::json& doc, const nlohmann::json& ops);

// Go's %v of a decoded JSON value: map[a:1 b:[x y]], <nil>.
[[nodiscard]] KUBESIM_DECL std::string go_v(const nlohmann::json& v);

// strconv.Atoi: "" on success, else its error (strconv.Atoi: parsing "x": invalid syntax).
[[nodiscard]] KUBESIM_DECL std::string go_atoi(std::string_view s, std::int64_t& out);

}  // namespace detail

}  // namespace kubesim::api::json

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/patch.ipp>
#endif
