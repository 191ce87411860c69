// apps/v1 Deployment.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct rolling_update_deployment {
    std::optional<int_or_string> max_unavailable{};  // defaulted to 25%
    std::optional<int_or_string> max_surge{};        // defaulted to 25%
    bool operator==(const rolling_update_deployment&) const = default;
};

struct deployment_strategy {
    std::string type{};  // defaulted to "RollingUpdate"; or "Recreate"
    std::optional<rolling_update_deployment> rolling_update{};
    bool operator==(const deployment_strategy&) const = default;
};

struct deployment_spec {
    std::optional<std::int32_t> replicas{};  // defaulted to 1
    std::optional<label_selector> selector{};
    pod_template_spec template_{};
    deployment_strategy strategy{};
    std::int32_t min_ready_seconds{0};
    std::optional<std::int32_t> revision_history_limit{};     // defaulted to 10
    bool paused{false};
    std::optional<std::int32_t> progress_deadline_seconds{};  // defaulted to 600
    bool operator==(const deployment_spec&) const = default;
};

struct deployment_condition {
    std::string type{};  // Available | Progressing | ReplicaFailure
    std::string status{};
    std::optional<time> last_update_time{};
    std::optional<time> last_transition_time{};
    std::string reason{};
    std::string message{};
    bool operator==(const deployment_condition&) const = default;
};

struct deployment_status {
    std::int64_t observed_generation{0};
    std::int32_t replicas{0};
    std::int32_t updated_replicas{0};
    std::int32_t ready_replicas{0};
    std::int32_t available_replicas{0};
    std::int32_t unavailable_replicas{0};
    std::optional<std::int32_t> terminating_replicas{};
    std::vector<deployment_condition> conditions{};
    std::optional<std::int32_t> collision_count{};
    bool operator==(const deployment_status&) const = default;
};

struct deployment {
    static constexpr std::string_view kind = "Deployment";
    static constexpr std::string_view api_version = "apps/v1";
    static constexpr std::string_view group = "apps";
    static constexpr std::string_view resource = "deployments";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    deployment_spec spec{};
    deployment_status status{};
    bool operator==(const deployment&) const = default;
};

}  // namespace kubesim::api
