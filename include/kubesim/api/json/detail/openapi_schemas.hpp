// The schemas behind api/json/openapi.hpp: one OpenAPI v3 schema per Go type
// of the kinds kubesim serves (ObjectMeta, PodSpec, Container, ...), named as
// kube-apiserver names them ("io.k8s.api.core.v1.Pod"). They list exactly the
// JSON fields kubesim's codecs read (api/json/*.ipp): an upstream field that
// kubesim does not model is absent, so strict field validation reports it
// instead of the API silently dropping it.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <kubesim/config.hpp>

namespace kubesim::api::json::openapi::detail {

/// Every schema, as one JSON object from full name to schema (v3 form: refs
/// are "#/components/schemas/<name>", wrapped in allOf when they have siblings).
/// Built on first use.
[[nodiscard]] KUBESIM_DECL const nlohmann::json& schemas();

/// The full schema name of a short one: "core.v1.Pod" -> "io.k8s.api.core.v1.Pod",
/// "meta.v1.ObjectMeta" -> "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
/// "Quantity", "IntOrString" and "RawExtension" -> their apimachinery names.
[[nodiscard]] KUBESIM_DECL std::string schema_name(std::string_view short_name);

/// "#/components/schemas/<full name>" of a short name.
[[nodiscard]] KUBESIM_DECL std::string ref_to(std::string_view short_name);

}  // namespace kubesim::api::json::openapi::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/detail/openapi_schemas.ipp>
#endif
