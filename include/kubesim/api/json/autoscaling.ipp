// Definitions of api/json/autoscaling.hpp.
#pragma once

#include <kubesim/api/json/autoscaling.hpp>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/readers.hpp>

namespace kubesim::api::json::detail {

KUBESIM_DECL void read(const reader& r, scale_spec& x) { r.i32("replicas", x.replicas); }

KUBESIM_DECL void read(const reader& r, scale_status& x) {
    r.i32("replicas", x.replicas);
    r.str("selector", x.selector);
}

KUBESIM_DECL void read(const reader& r, scale& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.ScaleSpec");
    r.object("status", x.status, "v1.ScaleStatus");
}

}  // namespace kubesim::api::json::detail

namespace kubesim::api {

void to_json(nlohmann::json& j, const scale_spec& x) {
    j = nlohmann::json::object();
    json::detail::put_i32(j, "replicas", x.replicas);
}
void from_json(const nlohmann::json& j, scale_spec& x) { json::detail::decode_struct(j, x, "v1.ScaleSpec"); }

void to_json(nlohmann::json& j, const scale_status& x) {
    j = nlohmann::json::object();
    j["replicas"] = x.replicas;
    json::detail::put_str(j, "selector", x.selector);
}
void from_json(const nlohmann::json& j, scale_status& x) { json::detail::decode_struct(j, x, "v1.ScaleStatus"); }

void to_json(nlohmann::json& j, const scale& x) {
    json::detail::put_spec_status_object(j, x);
}
void from_json(const nlohmann::json& j, scale& x) { json::detail::decode_kind(j, x); }

}  // namespace kubesim::api
