// The OpenAPI documents kube-apiserver serves, for the kinds kubesim serves, and
// the strict field validation built on them. kubectl needs them: `apply` and
// `create -f` probe /openapi/v3 (kubectl 1.27: /openapi/v2 as protobuf) for the
// fieldValidation parameter before sending anything, client-side apply reads the
// patch strategies from them, and `kubectl explain` prints them.
//
// The schemas (api/json/detail/openapi_schemas.hpp) list exactly the fields
// kubesim's codecs read. An upstream field kubesim does not model (volumes,
// securityContext, ...) is absent on purpose: kubesim would drop it, so strict
// validation reports it as unknown rather than accept it silently.
//
// Documents are built on first use and cached; every function returns the same
// bytes on every call and in every build.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>

namespace kubesim::api::json::openapi {

/// GET /openapi/v3: {"paths":{"api/v1":{"serverRelativeURL":"/openapi/v3/api/v1?hash=<HEX>"}, ...}},
/// one entry per group version. The hash is taken over v3_document(path)->dump().
[[nodiscard]] KUBESIM_DECL const nlohmann::json& v3_index();

/// GET /openapi/v3/<path> ("api/v1", "apis/apps/v1", ...): the document, or
/// nullptr for a path the index does not list.
[[nodiscard]] KUBESIM_DECL const nlohmann::json* v3_document(std::string_view path);

/// GET /openapi/v2 as JSON: swagger 2.0 with the paths and definitions of every
/// group version.
[[nodiscard]] KUBESIM_DECL const nlohmann::json& v2_document();

/// GET /openapi/v2 with Accept application/com.github.proto-openapi.spec.v2@v1.0+protobuf:
/// v2_document() encoded as gnostic's openapi_v2.Document.
[[nodiscard]] KUBESIM_DECL const std::string& v2_protobuf();

/// Strict field validation (fieldValidation=Strict or Warn): the fields of `obj`,
/// a manifest of `api_version` and `kind`, that the kind's schema does not have,
/// named as kube-apiserver names them ("spec.foo", "metadata.labelz",
/// "spec.template.spec.containers[0].bogus"), in the order of `obj`'s keys
/// (nlohmann::json keeps object keys sorted). A value of the wrong JSON type is
/// not looked into (decoding reports it); duplicate keys are not detected. An
/// unknown kind gives an empty list.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> unknown_fields(std::string_view api_version,
                                                                  std::string_view kind,
                                                                  const nlohmann::json& obj);

}  // namespace kubesim::api::json::openapi

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/openapi.ipp>
#endif
