// Definitions of api/json/discovery.hpp.
#pragma once

#include <kubesim/api/json/discovery.hpp>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/readers.hpp>

namespace kubesim::api::json::detail {

KUBESIM_DECL void read(const reader& r, endpoint_conditions& x) {
    r.opt_bool("ready", x.ready);
    r.opt_bool("serving", x.serving);
    r.opt_bool("terminating", x.terminating);
}

KUBESIM_DECL void read(const reader& r, endpoint& x) {
    r.strings("addresses", x.addresses);
    r.object("conditions", x.conditions, "v1.EndpointConditions");
    r.opt_str("hostname", x.hostname);
    r.object("targetRef", x.target_ref, "v1.ObjectReference");
    r.opt_str("nodeName", x.node_name);
    r.opt_str("zone", x.zone);
}

KUBESIM_DECL void read(const reader& r, endpoint_port& x) {
    r.opt_str("name", x.name);
    r.opt_str("protocol", x.protocol, "v1.Protocol");
    r.opt_i32("port", x.port);
    r.opt_str("appProtocol", x.app_protocol);
}

void read(const reader& r, endpoint_slice& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.str("addressType", x.address_type, "v1.AddressType");
    r.list("endpoints", x.endpoints, "v1.Endpoint");
    r.list("ports", x.ports, "v1.EndpointPort");
}

}  // namespace kubesim::api::json::detail

namespace kubesim::api {

void to_json(nlohmann::json& j, const endpoint_conditions& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_opt_bool(j, "ready", x.ready);
    put_opt_bool(j, "serving", x.serving);
    put_opt_bool(j, "terminating", x.terminating);
}
void from_json(const nlohmann::json& j, endpoint_conditions& x) {
    json::detail::decode_struct(j, x, "v1.EndpointConditions");
}

void to_json(nlohmann::json& j, const endpoint& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_strings_always(j, "addresses", x.addresses);
    to_json(j["conditions"], x.conditions);
    put_opt_str(j, "hostname", x.hostname);
    if (x.target_ref) to_json(j["targetRef"], *x.target_ref);
    put_opt_str(j, "nodeName", x.node_name);
    put_opt_str(j, "zone", x.zone);
}
void from_json(const nlohmann::json& j, endpoint& x) { json::detail::decode_struct(j, x, "v1.Endpoint"); }

void to_json(nlohmann::json& j, const endpoint_port& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_opt_str(j, "name", x.name);
    put_opt_str(j, "protocol", x.protocol);
    put_opt_i32(j, "port", x.port);
    put_opt_str(j, "appProtocol", x.app_protocol);
}
void from_json(const nlohmann::json& j, endpoint_port& x) { json::detail::decode_struct(j, x, "v1.EndpointPort"); }

void to_json(nlohmann::json& j, const endpoint_slice& x) {
    using namespace json::detail;
    put_object_header(j, x);
    put_str_always(j, "addressType", x.address_type);
    put_list_always(j, "endpoints", x.endpoints);
    put_list_always(j, "ports", x.ports);
}
void from_json(const nlohmann::json& j, endpoint_slice& x) { json::detail::decode_kind(j, x); }

}  // namespace kubesim::api
