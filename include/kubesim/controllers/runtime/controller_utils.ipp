// Definitions of controllers/runtime/controller_utils.hpp.
#pragma once

#include <kubesim/controllers/runtime/controller_utils.hpp>

#include <chrono>

#include <kubesim/api/validation_names.hpp>

namespace kubesim::controllers {

std::pair<std::string, std::string> split_meta_namespace_key(std::string_view key) {
    const auto slash = key.find('/');
    if (slash == std::string_view::npos) return {std::string(), std::string(key)};
    return {std::string(key.substr(0, slash)), std::string(key.substr(slash + 1))};
}

std::string label_index_key(std::string_view ns, std::string_view k, std::string_view v) {
    std::string key(ns);
    key += '/';
    key += k;
    key += '=';
    key += v;
    return key;
}

std::vector<std::string> controller_uid_index(const api::object_meta& m) {
    const auto* ref = api::controller_of(m);
    return ref ? std::vector<std::string>{ref->uid} : std::vector<std::string>{};
}

std::string aggregate_errors(const std::vector<std::string>& errs) {
    std::vector<const std::string*> seen;
    for (const auto& e : errs) {
        bool dup = false;
        for (const auto* s : seen) dup = dup || *s == e;
        if (!dup) seen.push_back(&e);
    }
    if (seen.empty()) return {};
    if (seen.size() == 1) return *seen.front();
    std::string out = "[";
    for (std::size_t i = 0; i < seen.size(); ++i) out += (i ? ", " : "") + *seen[i];
    return out + "]";
}

const api::pod_condition* get_pod_ready_condition(const api::pod& p) {
    for (const auto& c : p.status.conditions)
        if (c.type == "Ready") return &c;
    return nullptr;
}

bool is_pod_ready(const api::pod& p) {
    const auto* c = get_pod_ready_condition(p);
    return c && c->status == "True";
}

bool is_pod_available(const api::pod& p, std::int32_t min_ready_seconds, sim::time_point now) {
    const auto* c = get_pod_ready_condition(p);
    if (!c || c->status != "True") return false;
    if (min_ready_seconds == 0) return true;
    return c->last_transition_time && *c->last_transition_time + std::chrono::seconds(min_ready_seconds) <= now;
}

bool is_pod_active(const api::pod& p) {
    return p.status.phase != "Succeeded" && p.status.phase != "Failed" && !p.metadata.deletion_timestamp;
}

bool is_pod_terminating(const api::pod& p) {
    return p.status.phase != "Succeeded" && p.status.phase != "Failed" && p.metadata.deletion_timestamp.has_value();
}

std::string get_pods_prefix(const std::string& controller_name) {
    std::string prefix = controller_name + "-";
    // ValidatePodName(prefix, true) masks the trailing dash before checking.
    std::string masked = prefix;
    if (masked.size() > 1) masked.back() = 'a';
    if (!api::validation::is_dns1123_subdomain(masked).empty()) prefix = controller_name;
    return prefix;
}

}  // namespace kubesim::controllers
