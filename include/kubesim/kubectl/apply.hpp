// kubectl apply, client side: the documents of a manifest (an object, a JSON
// array or a v1 List), each checked before anything is stored, then created, or
// merged three ways (the last applied manifest kept in the
// kubectl.kubernetes.io/last-applied-configuration annotation, the new one, the
// live object) the way `kubectl apply` does it. cluster.apply is built on it.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>

namespace kubesim::store {
class object_store;
struct kind_ops;
}  // namespace kubesim::store

namespace kubesim::kubectl {

// The annotation `kubectl apply` keeps the applied manifest in.
inline constexpr std::string_view last_applied_annotation = "kubectl.kubernetes.io/last-applied-configuration";

// The kinds apply may store, by resource name ("deployments").
using kind_table = std::map<std::string, const store::kind_ops*, std::less<>>;

// Applies every document of `manifests` and returns the stored objects. Every
// document is decoded and validated first: an unknown kind, a missing name or
// an invalid object throws api_error naming it, and nothing is stored.
KUBESIM_DECL std::vector<nlohmann::json> apply(store::object_store& store, const kind_table& kinds,
                                               const nlohmann::json& manifests);

// Manifest text as JSON: the document, or api_error BadRequest in the words of
// the API server's JSON decoder (`couldn't get version/kind; json parse error:
// unexpected end of JSON input`).
KUBESIM_DECL nlohmann::json parse_json_manifest(std::string_view text);

// The merge patch that takes `current` to `modified`, deleting what the last
// applied manifest (`original`) had and `modified` no longer has.
KUBESIM_DECL nlohmann::json three_way_patch(const nlohmann::json& original, const nlohmann::json& modified,
                                            const nlohmann::json& current);

}  // namespace kubesim::kubectl

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/apply.ipp>
#endif
