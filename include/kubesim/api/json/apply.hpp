// Server-side apply and metadata.managedFields, after kube-apiserver's field
// manager (apimachinery pkg/util/managedfields/internal: fieldmanager.go and the
// managers it chains) on sigs.k8s.io/structured-merge-diff (merge/update.go,
// typed/merge.go, compare.go, remove.go, tofieldset.go).
//
// Every write records who set which field in managedFields, one entry per
// manager: the manager's name, the operation ("Apply" for server-side apply,
// "Update" for every other write), the API version and subresource written
// through, a time, and the fields as FieldsV1:
//   {"f:metadata":{"f:labels":{"f:app":{}}},
//    "f:spec":{"f:containers":{"k:{\"name\":\"web\"}":{".":{},"f:image":{}}}}}
// `f:` names a field, `k:` an element of a list keyed by list-map-keys (port
// lists by port and protocol), `v:` an element of a set, `.` the element itself.
// Lists and objects follow the OpenAPI of the kinds (json/detail/schema.hpp): a
// LabelSelector, an OwnerReference, tolerations, command are single fields.
//
// An apply makes its manager own exactly the fields of its configuration; a field
// it applied before and no longer applies is removed unless another manager owns
// it; applying a value different from the one a field has while another manager
// owns it is a conflict (409) unless forced, which moves the ownership. Any other
// write gives the fields it changed or added to its manager and takes them from
// the others.
//
// Simplified against upstream: one API version per kind (no conversion between
// versions of managed sets); every object is a struct to the schema, fields
// nothing is known of are deduced from their value (objects merge, lists are
// atomic), scalar types are not checked; the apply result is not defaulted here
// (the caller decodes it); the last-applied annotation kubectl's apply keeps is
// written as compact JSON without Go's HTML escaping.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api::json {

// Who writes, and how.
struct field_manager {
    std::string manager{};      // fieldManager ("kubectl", "kubectl-client-side-apply", ...); "" is "unknown"
    std::string operation{};    // "Apply" or "Update" (informative: each entry point knows its own)
    std::string subresource{};  // "", "status" or "scale"
    std::string api_version{};  // of the kind written ("v1", "apps/v1")
    std::string time{};         // RFC 3339, from the simulated clock
};

/// PATCH with application/apply-patch+yaml, the body already converted to JSON.
/// `live` is the current object (null when there is none: the result is then the
/// object to create), `applied` the configuration, `kind` the kind served
/// ("Deployment"). Returns the merged object with metadata.managedFields updated,
/// or the status the API server answers:
/// - 409 Conflict "Apply failed with 1 conflict: conflict with \"kubectl\" using apps/v1: .spec.replicas"
///   with one cause per field (reason FieldManagerConflict, message
///   "conflict with \"kubectl\" using apps/v1", field ".spec.replicas") unless `force`;
/// - 400 BadRequest for a body that is not an object ("error decoding YAML: ..."), one
///   of another apiVersion or kind ("invalid object type: /v1, Kind=Deployment") and one
///   carrying metadata.managedFields ("metadata.managedFields must be nil");
/// - 500 with an empty reason for a list the schema cannot key
///   ("failed to create typed patch object (default/web; apps/v1, Kind=Deployment):
///   .spec.template.spec.containers: duplicate entries for key [name=\"web\"]").
/// The manager named "kubectl" also keeps kubectl's last-applied annotation up to
/// date, and may take over what `kubectl apply` (client side) set without a conflict.
[[nodiscard]] KUBESIM_DECL kubesim::result<nlohmann::json> server_side_apply(const nlohmann::json& live,
                                                                             const nlohmann::json& applied,
                                                                             std::string_view kind,
                                                                             const field_manager& who, bool force);

/// Every other write (create, update, merge / strategic / JSON patch): `next`,
/// the object about to be stored, with metadata.managedFields brought up to date
/// for an Update by `who` from `live_or_null` (null on create). The manager takes
/// the fields it changed or added, the others lose them, entries left owning
/// nothing go; a manager's Update entries merge per (manager, apiVersion,
/// subresource). managedFields the writer sent are the starting point when not
/// empty, [] or [{}] clears them; an object stored without managedFields is not
/// tracked by updates (only by creates and applies), as upstream.
[[nodiscard]] KUBESIM_DECL nlohmann::json update_managed_fields(const nlohmann::json& live_or_null, nlohmann::json next,
                                                               std::string_view kind, const field_manager& who);

}  // namespace kubesim::api::json

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/apply.ipp>
#endif
