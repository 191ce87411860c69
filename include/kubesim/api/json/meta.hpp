// JSON for the metav1 types every kind shares (apimachinery pkg/apis/meta/v1/types.go):
// time (metav1.Time, RFC 3339 seconds), object_meta, owner_reference,
// managed_fields_entry, condition,
// object_reference, list_meta, label_selector, status (metav1.Status, kind "Status"),
// and the vocabulary types quantity (a JSON string) and int_or_string (a JSON
// number or string). ADL to_json / from_json, so `nlohmann::json j = meta;` works.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/api/quantity.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>

// metav1.Time for a bare time point (ADL finds it through sim::clock).
namespace kubesim::sim {

KUBESIM_DECL void to_json(nlohmann::json& j, const time_point& t);
KUBESIM_DECL void from_json(const nlohmann::json& j, time_point& t);

}  // namespace kubesim::sim

namespace kubesim::api {

KUBESIM_DECL void to_json(nlohmann::json& j, const owner_reference& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, owner_reference& x);
// fieldsV1 is written as the JSON object its text holds and read back as text.
KUBESIM_DECL void to_json(nlohmann::json& j, const managed_fields_entry& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, managed_fields_entry& x);

// creationTimestamp is a struct field (metav1.Time): null when unset, as
// Kubernetes printed it up to v1.33 (`creationTimestamp: null` in dry-run output).
KUBESIM_DECL void to_json(nlohmann::json& j, const object_meta& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, object_meta& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const condition& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, condition& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const object_reference& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, object_reference& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const list_meta& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, list_meta& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const label_selector_requirement& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, label_selector_requirement& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const label_selector& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, label_selector& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const status_cause& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, status_cause& x);
KUBESIM_DECL void to_json(nlohmann::json& j, const status_details& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, status_details& x);

// metav1.Status as the API server writes it. details is a pointer upstream:
// printed only when it says something.
KUBESIM_DECL void to_json(nlohmann::json& j, const status& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, status& x);

// resource.Quantity: its canonical string.
KUBESIM_DECL void to_json(nlohmann::json& j, const quantity& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, quantity& x);

// intstr.IntOrString: a JSON number or a JSON string.
KUBESIM_DECL void to_json(nlohmann::json& j, const int_or_string& x);
KUBESIM_DECL void from_json(const nlohmann::json& j, int_or_string& x);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/meta.ipp>
#endif
