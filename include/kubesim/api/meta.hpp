// object_meta and the other metav1 types every kind shares (apimachinery
// pkg/apis/meta/v1/types.go). Timestamps are sim::time_point on the cluster's
// simulated clock (epoch 2025-01-01T00:00:00Z) and print as RFC 3339.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/api/cow_vector.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api {

using time = sim::time_point;

struct owner_reference {
    std::string api_version{};
    std::string kind{};
    std::string name{};
    std::string uid{};
    std::optional<bool> controller{};
    std::optional<bool> block_owner_deletion{};
    bool operator==(const owner_reference&) const = default;
};

// metav1.ManagedFieldsEntry: one field manager's share of an object (server-side
// apply, api/json/apply.hpp). fieldsV1 stays the JSON text of the FieldsV1 object
// so this layer needs no JSON type; empty means absent.
struct managed_fields_entry {
    std::string manager{};
    std::string operation{};  // "Apply" | "Update"
    std::string api_version{};
    std::optional<api::time> time{};
    std::string fields_type{};  // "FieldsV1"
    std::string fields_v1{};    // {"f:spec":{"f:replicas":{}}}
    std::string subresource{};  // "" | "status" | "scale"
    bool operator==(const managed_fields_entry&) const = default;
};

struct object_meta {
    std::string name{};
    std::string generate_name{};
    std::string namespace_{};
    std::string uid{};
    std::string resource_version{};
    std::int64_t generation{0};
    std::optional<time> creation_timestamp{};
    std::optional<time> deletion_timestamp{};
    std::optional<std::int64_t> deletion_grace_period_seconds{};
    std::map<std::string, std::string> labels{};
    std::map<std::string, std::string> annotations{};
    cow_vector<owner_reference> owner_references{};
    std::vector<std::string> finalizers{};
    // Copy on write like owner_references: empty it costs one shared_ptr, and
    // copies of an object (store snapshots, informer caches) share the entries.
    cow_vector<managed_fields_entry> managed_fields{};
    bool operator==(const object_meta&) const = default;
};

// metav1.Condition (used by Service status and newer APIs).
struct condition {
    std::string type{};
    std::string status{};  // "True" | "False" | "Unknown"
    std::int64_t observed_generation{0};
    std::optional<time> last_transition_time{};
    std::string reason{};
    std::string message{};
    bool operator==(const condition&) const = default;
};

// corev1.ObjectReference (events' involvedObject, endpoints' targetRef).
struct object_reference {
    std::string kind{};
    std::string namespace_{};
    std::string name{};
    std::string uid{};
    std::string api_version{};
    std::string resource_version{};
    std::string field_path{};
    bool operator==(const object_reference&) const = default;
};

// metav1.ListMeta
struct list_meta {
    std::string resource_version{};
    std::string continue_{};
    std::optional<std::int64_t> remaining_item_count{};
    bool operator==(const list_meta&) const = default;
};

// The controller owner reference, if any (metav1.GetControllerOf).
[[nodiscard]] inline const owner_reference* controller_of(const object_meta& m) {
    for (const auto& r : m.owner_references)
        if (r.controller.value_or(false)) return &r;
    return nullptr;
}

}  // namespace kubesim::api
