// JSON for coordination.k8s.io/v1 Lease (k8s.io/api/coordination/v1/types.go).
// Every LeaseSpec field is a pointer with omitempty, so an unset field is absent
// (not null); acquireTime and renewTime are *metav1.MicroTime and print with
// six fractional digits: "2025-01-01T00:00:10.000000Z". spec itself is a struct
// and so always present, `"spec": {}` when empty.
#pragma once

#include <optional>

#include <nlohmann/json.hpp>

#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::json::detail {

// *metav1.MicroTime with omitempty: absent when unset.
inline void put_micro_time_ptr(json& j, const char* key, const std::optional<api::time>& t) {
    if (t) j[key] = sim::to_rfc3339_micro(*t);
}

inline void read(const reader& r, lease_spec& x) {
    r.opt_str("holderIdentity", x.holder_identity);
    r.opt_i32("leaseDurationSeconds", x.lease_duration_seconds);
    r.time("acquireTime", x.acquire_time, true);
    r.time("renewTime", x.renew_time, true);
    r.opt_i32("leaseTransitions", x.lease_transitions);
    r.opt_str("strategy", x.strategy, "v1.CoordinatedLeaseStrategy");
    r.opt_str("preferredHolder", x.preferred_holder);
}

inline void read(const reader& r, lease& x) {
    r.object("metadata", x.metadata, "v1.ObjectMeta");
    r.object("spec", x.spec, "v1.LeaseSpec");
}

}  // namespace kubesim::api::json::detail

namespace kubesim::api {

inline void to_json(nlohmann::json& j, const lease_spec& x) {
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
inline void from_json(const nlohmann::json& j, lease_spec& x) { json::detail::decode_struct(j, x, "v1.LeaseSpec"); }

inline void to_json(nlohmann::json& j, const lease& x) {
    using namespace json::detail;
    put_object_header(j, x);
    to_json(j["spec"], x.spec);
}
inline void from_json(const nlohmann::json& j, lease& x) { json::detail::decode_kind(j, x); }

}  // namespace kubesim::api
