// Option structs of the API verbs (metav1.ListOptions, DeleteOptions, ...), and
// the store's own tunables.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace kubesim {

struct list_options {
    std::string label_selector{};
    std::string field_selector{};
    std::string resource_version{};  // "" most recent, "0" any, else not older than
};

struct watch_options {
    std::string resource_version{};  // "" or "0": synthetic ADDED for current state, then changes
    std::string label_selector{};
    std::string field_selector{};
    bool allow_watch_bookmarks{false};  // a BOOKMARK after the initial events
};

struct preconditions {
    std::optional<std::string> uid{};
    std::optional<std::string> resource_version{};
};

struct delete_options {
    std::optional<std::int64_t> grace_period_seconds{};
    std::optional<std::string> propagation_policy{};  // "Background" | "Foreground" | "Orphan"
    kubesim::preconditions preconditions{};
    std::optional<bool> orphan_dependents{};  // deprecated form of propagation_policy
};

}  // namespace kubesim

namespace kubesim::store {

struct store_options {
    // Watch events kept per kind for resuming watches; older resourceVersions
    // get 410 Expired ("too old resource version"). Tests may set this to a few.
    std::size_t watch_history = 10000;
};

}  // namespace kubesim::store
