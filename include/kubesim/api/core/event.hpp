// core/v1 Event: what `kubectl describe` and `kubectl get events` show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct event_source {
    std::string component{};
    std::string host{};
    bool operator==(const event_source&) const = default;
};

struct event_series {
    std::int32_t count{0};
    std::optional<time> last_observed_time{};  // MicroTime
    bool operator==(const event_series&) const = default;
};

struct event {
    static constexpr std::string_view kind = "Event";
    static constexpr std::string_view api_version = "v1";
    static constexpr std::string_view group = "";
    static constexpr std::string_view resource = "events";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    object_reference involved_object{};
    std::string reason{};
    std::string message{};
    event_source source{};
    std::optional<time> first_timestamp{};
    std::optional<time> last_timestamp{};
    std::int32_t count{0};
    std::string type{};  // Normal | Warning
    std::optional<time> event_time{};  // MicroTime
    std::optional<event_series> series{};
    std::string action{};
    std::optional<object_reference> related{};
    std::string reporting_component{};
    std::string reporting_instance{};
    bool operator==(const event&) const = default;
};

}  // namespace kubesim::api
