// Definitions of controllers/runtime/expectations.hpp.
#pragma once

#include <kubesim/controllers/runtime/expectations.hpp>

namespace kubesim::controllers {

bool controller_expectations::satisfied_expectations(const std::string& key, sim::time_point now) const {
    auto it = records_.find(key);
    if (it == records_.end()) return true;
    if (it->second.fulfilled()) return true;
    return now - it->second.timestamp > expectations_timeout;
}

const controller_expectations::expectation* controller_expectations::get_expectations(const std::string& key) const {
    auto it = records_.find(key);
    return it == records_.end() ? nullptr : &it->second;
}

void controller_expectations::lower_expectations(const std::string& key, std::int64_t add, std::int64_t del) {
    auto it = records_.find(key);
    if (it == records_.end()) return;
    it->second.add -= add;
    it->second.del -= del;
}

void controller_expectations::raise_expectations(const std::string& key, std::int64_t add, std::int64_t del) {
    auto it = records_.find(key);
    if (it == records_.end()) return;
    it->second.add += add;
    it->second.del += del;
}

const std::set<std::string>* uid_tracking_controller_expectations::get_uids(const std::string& controller_key) const {
    auto it = uids_.find(controller_key);
    return it == uids_.end() ? nullptr : &it->second;
}

void uid_tracking_controller_expectations::expect_deletions(const std::string& controller_key,
                                                            const std::vector<std::string>& deleted_keys,
                                                            sim::time_point now) {
    uids_[controller_key] = std::set<std::string>(deleted_keys.begin(), deleted_keys.end());
    controller_expectations::expect_deletions(controller_key, static_cast<std::int64_t>(deleted_keys.size()), now);
}

void uid_tracking_controller_expectations::deletion_observed(const std::string& controller_key,
                                                             const std::string& deleted_key) {
    auto it = uids_.find(controller_key);
    if (it == uids_.end() || it->second.erase(deleted_key) == 0) return;
    lower_expectations(controller_key, 0, 1);
}

void uid_tracking_controller_expectations::delete_expectations(const std::string& controller_key) {
    controller_expectations::delete_expectations(controller_key);
    uids_.erase(controller_key);
}

}  // namespace kubesim::controllers
