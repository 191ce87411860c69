// apps/v1 ReplicaSet.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct replica_set_spec {
    std::optional<std::int32_t> replicas{};  // defaulted to 1
    std::int32_t min_ready_seconds{0};
    std::optional<label_selector> selector{};
    pod_template_spec template_{};
    bool operator==(const replica_set_spec&) const = default;
};

struct replica_set_condition {
    std::string type{};  // ReplicaFailure
    std::string status{};
    std::optional<time> last_transition_time{};
    std::string reason{};
    std::string message{};
    bool operator==(const replica_set_condition&) const = default;
};

struct replica_set_status {
    std::int32_t replicas{0};
    std::int32_t fully_labeled_replicas{0};
    std::int32_t ready_replicas{0};
    std::int32_t available_replicas{0};
    std::optional<std::int32_t> terminating_replicas{};
    std::int64_t observed_generation{0};
    std::vector<replica_set_condition> conditions{};
    bool operator==(const replica_set_status&) const = default;
};

struct replica_set {
    static constexpr std::string_view kind = "ReplicaSet";
    static constexpr std::string_view api_version = "apps/v1";
    static constexpr std::string_view group = "apps";
    static constexpr std::string_view resource = "replicasets";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    replica_set_spec spec{};
    replica_set_status status{};
    bool operator==(const replica_set&) const = default;
};

}  // namespace kubesim::api
