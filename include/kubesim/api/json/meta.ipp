// Definitions of api/json/meta.hpp.
#pragma once

#include <kubesim/api/json/meta.hpp>

#include <cstdint>
#include <limits>
#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/detail/go_time.hpp>
#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/readers.hpp>

namespace kubesim::sim {

void to_json(nlohmann::json& j, const time_point& t) { j = to_rfc3339(t); }
void from_json(const nlohmann::json& j, time_point& t) {
    api::json::detail::decode_state st;
    if (!j.is_string())
        api::json::detail::fail(st, "json: cannot unmarshal " + std::string(api::json::detail::json_word(j)) +
                                        " into Go value of type string");
    auto r = api::json::detail::parse_go_time(j.get_ref<const std::string&>(), false);
    if (!r.value) api::json::detail::fail(st, r.error);
    t = *r.value;
}

}  // namespace kubesim::sim

namespace kubesim::api::json::detail {

KUBESIM_DECL void read(const reader& r, owner_reference& x) {
    r.str("apiVersion", x.api_version);
    r.str("kind", x.kind);
    r.str("name", x.name);
    r.str("uid", x.uid, "types.UID");
    r.opt_bool("controller", x.controller);
    r.opt_bool("blockOwnerDeletion", x.block_owner_deletion);
}

KUBESIM_DECL void read(const reader& r, managed_fields_entry& x) {
    r.str("manager", x.manager);
    r.str("operation", x.operation, "v1.ManagedFieldsOperationType");
    r.str("apiVersion", x.api_version);
    r.time("time", x.time);
    r.str("fieldsType", x.fields_type);
    // FieldsV1.UnmarshalJSON keeps any raw value but null.
    if (const json* f = r.raw("fieldsV1")) x.fields_v1 = f->dump();
    r.str("subresource", x.subresource);
}

void read(const reader& r, object_meta& x) {
    r.str("name", x.name);
    r.str("generateName", x.generate_name);
    r.str("namespace", x.namespace_);
    r.str("uid", x.uid, "types.UID");
    r.str("resourceVersion", x.resource_version);
    r.i64("generation", x.generation);
    r.time("creationTimestamp", x.creation_timestamp);
    r.time("deletionTimestamp", x.deletion_timestamp);
    r.opt_i64("deletionGracePeriodSeconds", x.deletion_grace_period_seconds);
    r.string_map("labels", x.labels);
    r.string_map("annotations", x.annotations);
    r.list("ownerReferences", x.owner_references, "v1.OwnerReference");
    r.strings("finalizers", x.finalizers);
    r.list("managedFields", x.managed_fields, "v1.ManagedFieldsEntry");
}

void read(const reader& r, condition& x) {
    r.str("type", x.type);
    r.str("status", x.status, "v1.ConditionStatus");
    r.i64("observedGeneration", x.observed_generation);
    r.time("lastTransitionTime", x.last_transition_time);
    r.str("reason", x.reason);
    r.str("message", x.message);
}

void read(const reader& r, object_reference& x) {
    r.str("kind", x.kind);
    r.str("namespace", x.namespace_);
    r.str("name", x.name);
    r.str("uid", x.uid, "types.UID");
    r.str("apiVersion", x.api_version);
    r.str("resourceVersion", x.resource_version);
    r.str("fieldPath", x.field_path);
}

KUBESIM_DECL void read(const reader& r, list_meta& x) {
    r.str("resourceVersion", x.resource_version);
    r.str("continue", x.continue_);
    r.opt_i64("remainingItemCount", x.remaining_item_count);
}

KUBESIM_DECL void read(const reader& r, label_selector_requirement& x) {
    r.str("key", x.key);
    r.str("operator", x.operator_, "v1.LabelSelectorOperator");
    r.strings("values", x.values);
}

void read(const reader& r, label_selector& x) {
    r.string_map("matchLabels", x.match_labels);
    r.list("matchExpressions", x.match_expressions, "v1.LabelSelectorRequirement");
}

KUBESIM_DECL void read(const reader& r, status_cause& x) {
    r.str("reason", x.type, "v1.CauseType");
    r.str("message", x.message);
    r.str("field", x.field);
}

KUBESIM_DECL void read(const reader& r, status_details& x) {
    r.str("name", x.name);
    r.str("group", x.group);
    r.str("kind", x.kind);
    r.str("uid", x.uid, "types.UID");
    r.list("causes", x.causes, "v1.StatusCause");
}

KUBESIM_DECL void read(const reader& r, status& x) {
    x.status_.clear();  // absent means "" (Go's zero value), not the C++ default "Success"
    r.str("status", x.status_);
    r.str("message", x.message);
    r.str("reason", x.reason, "v1.StatusReason");
    r.object("details", x.details, "v1.StatusDetails");
    x.code = 0;
    r.i32("code", x.code);
    x.causes = x.details.causes;
}

}  // namespace kubesim::api::json::detail

namespace kubesim::api {

void to_json(nlohmann::json& j, const owner_reference& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "apiVersion", x.api_version);
    put_str_always(j, "kind", x.kind);
    put_str_always(j, "name", x.name);
    put_str_always(j, "uid", x.uid);
    put_opt_bool(j, "controller", x.controller);
    put_opt_bool(j, "blockOwnerDeletion", x.block_owner_deletion);
}
void from_json(const nlohmann::json& j, owner_reference& x) {
    json::detail::decode_struct(j, x, "v1.OwnerReference");
}

void to_json(nlohmann::json& j, const managed_fields_entry& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "manager", x.manager);
    put_str(j, "operation", x.operation);
    put_str(j, "apiVersion", x.api_version);
    put_time_ptr(j, "time", x.time);
    put_str(j, "fieldsType", x.fields_type);
    if (!x.fields_v1.empty()) {
        nlohmann::json f = nlohmann::json::parse(x.fields_v1, nullptr, false);
        if (!f.is_discarded()) j["fieldsV1"] = std::move(f);
    }
    put_str(j, "subresource", x.subresource);
}
void from_json(const nlohmann::json& j, managed_fields_entry& x) {
    json::detail::decode_struct(j, x, "v1.ManagedFieldsEntry");
}

void to_json(nlohmann::json& j, const object_meta& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "name", x.name);
    put_str(j, "generateName", x.generate_name);
    put_str(j, "namespace", x.namespace_);
    put_str(j, "uid", x.uid);
    put_str(j, "resourceVersion", x.resource_version);
    put_i64(j, "generation", x.generation);
    put_time(j, "creationTimestamp", x.creation_timestamp);
    put_time_ptr(j, "deletionTimestamp", x.deletion_timestamp);
    put_opt_i64(j, "deletionGracePeriodSeconds", x.deletion_grace_period_seconds);
    put_string_map(j, "labels", x.labels);
    put_string_map(j, "annotations", x.annotations);
    put_list(j, "ownerReferences", x.owner_references);
    put_strings(j, "finalizers", x.finalizers);
    put_list(j, "managedFields", x.managed_fields);
}
void from_json(const nlohmann::json& j, object_meta& x) { json::detail::decode_struct(j, x, "v1.ObjectMeta"); }

void to_json(nlohmann::json& j, const condition& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "type", x.type);
    put_str_always(j, "status", x.status);
    put_i64(j, "observedGeneration", x.observed_generation);
    put_time(j, "lastTransitionTime", x.last_transition_time);
    put_str_always(j, "reason", x.reason);
    put_str_always(j, "message", x.message);
}
void from_json(const nlohmann::json& j, condition& x) { json::detail::decode_struct(j, x, "v1.Condition"); }

void to_json(nlohmann::json& j, const object_reference& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "kind", x.kind);
    put_str(j, "namespace", x.namespace_);
    put_str(j, "name", x.name);
    put_str(j, "uid", x.uid);
    put_str(j, "apiVersion", x.api_version);
    put_str(j, "resourceVersion", x.resource_version);
    put_str(j, "fieldPath", x.field_path);
}
void from_json(const nlohmann::json& j, object_reference& x) {
    json::detail::decode_struct(j, x, "v1.ObjectReference");
}

void to_json(nlohmann::json& j, const list_meta& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "resourceVersion", x.resource_version);
    put_str(j, "continue", x.continue_);
    put_opt_i64(j, "remainingItemCount", x.remaining_item_count);
}
void from_json(const nlohmann::json& j, list_meta& x) { json::detail::decode_struct(j, x, "v1.ListMeta"); }

void to_json(nlohmann::json& j, const label_selector_requirement& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str_always(j, "key", x.key);
    put_str_always(j, "operator", x.operator_);
    put_strings(j, "values", x.values);
}
void from_json(const nlohmann::json& j, label_selector_requirement& x) {
    json::detail::decode_struct(j, x, "v1.LabelSelectorRequirement");
}

void to_json(nlohmann::json& j, const label_selector& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_string_map(j, "matchLabels", x.match_labels);
    put_list(j, "matchExpressions", x.match_expressions);
}
void from_json(const nlohmann::json& j, label_selector& x) {
    json::detail::decode_struct(j, x, "v1.LabelSelector");
}

void to_json(nlohmann::json& j, const status_cause& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "reason", x.type);
    put_str(j, "message", x.message);
    put_str(j, "field", x.field);
}
void from_json(const nlohmann::json& j, status_cause& x) { json::detail::decode_struct(j, x, "v1.StatusCause"); }

void to_json(nlohmann::json& j, const status_details& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    put_str(j, "name", x.name);
    put_str(j, "group", x.group);
    put_str(j, "kind", x.kind);
    put_str(j, "uid", x.uid);
    put_list(j, "causes", x.causes);
}
void from_json(const nlohmann::json& j, status_details& x) {
    json::detail::decode_struct(j, x, "v1.StatusDetails");
}

void to_json(nlohmann::json& j, const status& x) {
    using namespace json::detail;
    j = nlohmann::json::object();
    j["apiVersion"] = "v1";
    j["kind"] = "Status";
    j["metadata"] = nlohmann::json::object();
    put_str(j, "status", x.status_);
    put_str(j, "message", x.message);
    put_str(j, "reason", x.reason);
    if (x.details != status_details{}) to_json(j["details"], x.details);
    put_i32(j, "code", x.code);
}
void from_json(const nlohmann::json& j, status& x) {
    x = status{};
    if (j.is_null()) return;
    auto st = json::detail::kind_state(j, "Status", "v1");
    json::detail::reader r(j, st, "Status");
    json::detail::read(r, x);
}

void to_json(nlohmann::json& j, const quantity& x) { j = x.to_string(); }
void from_json(const nlohmann::json& j, quantity& x) {
    const json::detail::decode_state st;
    x = json::detail::quantity_from(j, st);
}

void to_json(nlohmann::json& j, const int_or_string& x) { j = json::detail::int_or_string_json(x); }
void from_json(const nlohmann::json& j, int_or_string& x) {
    json::detail::decode_state st;
    if (j.is_string()) {
        x = int_or_string{true, 0, j.get<std::string>()};
        return;
    }
    if (j.is_null()) {
        x = int_or_string{};
        return;
    }
    std::int64_t n = 0;
    if (!j.is_number())
        json::detail::fail(st, "json: cannot unmarshal " + std::string(json::detail::json_word(j)) +
                                   " into Go value of type int32");
    if (!json::detail::integer_in(j, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max(), n))
        json::detail::fail(st, "json: cannot unmarshal number " + json::detail::number_literal(j) +
                                   " into Go value of type int32");
    x = int_or_string{false, static_cast<std::int32_t>(n), {}};
}

}  // namespace kubesim::api
