// Definitions of api/json/coordination.hpp.
#pragma once

#include <kubesim/api/json/coordination.hpp>

#include <optional>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/readers.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::json::detail {

// *metav1.MicroTime with omitempty: absent when unset.
KUBESIM_DECL void put_micro_time_ptr(json& j, const char* key, const std::optional<api::time>& t) {
    if (t) j[key] = sim::to_rfc3339_micro(*t);
}

KUBESIM_DECL void read(const reader& r, lease_spec& x) {
    r.opt_str("holderIdentity", x.holder_identity);
    r.opt_i32("leaseDurationSeconds", x.lease_duration_seconds);
    r.time("acquireTime", x.acquire_time, true);
    r.time("renewTime", x.renew_time, true);
    r.opt_i32("leaseTransitions", x.lease_transitions);
    r.opt_str("strategy", x.strategy, "v1.CoordinatedLeaseStrategy");
    r.opt_str("preferredHolder", x.preferred_holder);
}

void read(const reader& r, lease& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.LeaseSpec");
}

}  // namespace kubesim::api::json::detail

namespace kubesim::api {

void to_json(nlohmann::json& j, const lease_spec& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_opt_str(j, "holderIdentity", x.holder_identity);
    put_opt_i32(j, "leaseDurationSeconds", x.lease_duration_seconds);
    put_micro_time_ptr(j, "acquireTime", x.acquire_time);
    put_micro_time_ptr(j, "renewTime", x.renew_time);
    put_opt_i32(j, "leaseTransitions", x.lease_transitions);
    put_opt_str(j, "strategy", x.strategy);
    put_opt_str(j, "preferredHolder", x.preferred_holder);
}
void from_json(const nlohmann::json& j, lease_spec& x) { json::detail::decode_struct(j, x, "v1.LeaseSpec"); }

void to_json(nlohmann::json& j, const lease& x) {
    using namespace json::detail;
    put_object_header(j, x);
    to_json(j["spec"], x.spec);
}
void from_json(const nlohmann::json& j, lease& x) { json::detail::decode_kind(j, x); }

}  // namespace kubesim::api
