// api::json::encode / api::json::decode: a kind to and from its exact Kubernetes
// JSON without exceptions on the decode side. decode returns the BadRequest the
// API server would answer, e.g. `Pod in version "v1" cannot be handled as a Pod:
// json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`.
// The kind's to_json / from_json must be visible (include json/all.hpp or the group header).
#pragma once

#include <utility>

#include <nlohmann/json.hpp>

#include <kubesim/errors.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api::json {

/// The object's JSON: apiVersion and kind set, omitempty as upstream.
template <class Kind>
[[nodiscard]] nlohmann::json encode(const Kind& obj) {
    nlohmann::json j;
    to_json(j, obj);
    return j;
}

/// The object, or the BadRequest status naming the field that does not decode.
/// Unknown fields are ignored, as the API server prunes them.
template <class Kind>
[[nodiscard]] kubesim::result<Kind> decode(const nlohmann::json& j) {
    Kind obj{};
    try {
        from_json(j, obj);
    } catch (const api_error& e) {
        return e.status();
    }
    return obj;
}

}  // namespace kubesim::api::json
