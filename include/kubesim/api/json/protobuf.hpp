// Request bodies in Kubernetes' protobuf encoding (Content-Type
// application/vnd.kubernetes.protobuf), read into the JSON the same object has.
// kubectl 1.32 and later send them for what their generators create (`create
// namespace`, `create deployment`, `create service ...`, `create secret ...`,
// `debug node/...`); typed clients configured for protobuf send them for
// everything.
//
// The body is the 4 bytes "k8s\0", then a runtime.Unknown: typeMeta {apiVersion,
// kind}, raw (the object's own message), contentEncoding, contentType. The raw
// message is read with a table per Go type (api/json/detail/protobuf_messages.hpp)
// that lists the fields kubesim's codecs read; other field numbers are skipped,
// as protobuf does. The JSON is what Go's encoding/json writes for the decoded
// object: pointer fields whenever they were sent, omitempty fields only when not
// zero, structs and the fields without omitempty always; bytes in base64,
// metav1.Time in RFC 3339 (seconds only, as the apiserver's protobuf decoding
// keeps), IntOrString as a number or a string, Quantity as its string.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api::json {

/// Decodes a protobuf request body into the object's JSON, "apiVersion" and
/// "kind" included, for the kinds kubesim serves (Pod, Node, Namespace, Service,
/// Event, ConfigMap, Secret, Binding, ReplicaSet, Deployment, Scale, Eviction,
/// EndpointSlice, Lease, DeleteOptions).
///
/// `into_api_version` and `into_kind` name the type the request's URL expects, as
/// the apiserver's decoder is given it: they stand in for an apiVersion or kind
/// the envelope leaves empty and name the target in error messages. Errors are
/// the apiserver's statuses and words:
///   - a body that is not a protobuf envelope, or whose envelope cannot be read:
///     400 BadRequest, "the object provided is unrecognized (must be of type
///     Namespace): provided data does not appear to be a protobuf message,
///     expected prefix [107 56 115 0] (7b7d)";
///   - an object message that cannot be read (a truncated varint, a length past
///     the end, a wrong wire type): 400, "Deployment in version \"v1\" cannot be
///     handled as a Deployment: unexpected EOF";
///   - a kind kubesim cannot read from protobuf: 415 UnsupportedMediaType, with the
///     words the apiserver uses for a body it has no decoder for.
[[nodiscard]] KUBESIM_DECL kubesim::result<nlohmann::json> decode_protobuf(std::string_view body,
                                                                          std::string_view into_api_version = {},
                                                                          std::string_view into_kind = {});

}  // namespace kubesim::api::json

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/protobuf.ipp>
#endif
