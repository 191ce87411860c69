// Controller expectations, modelled on upstream pkg/controller/controller_utils.go
// (ControllerExpectations, UIDTrackingControllerExpectations).
//
// A controller that creates or deletes N pods records that it expects to see N
// add (or delete) events for them before it trusts its informer cache again.
// Until they are observed, or until ExpectationsTimeout passes, the controller
// does not act on the (lagging) cache, so it never creates twice.
//
// Upstream reads time.Now(); here the caller passes the simulated time.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include <kubesim/sim/clock.hpp>

namespace kubesim::controllers {

class controller_expectations {
public:
    // ExpectationsTimeout: after this, a controller stops waiting for events it
    // may have missed (a watch that dropped them) and syncs anyway.
    static constexpr sim::duration expectations_timeout = std::chrono::minutes(5);

    struct expectation {
        std::int64_t add{0};
        std::int64_t del{0};
        sim::time_point timestamp{};
        [[nodiscard]] bool fulfilled() const noexcept { return add <= 0 && del <= 0; }
    };

    // SatisfiedExpectations: true when there is no record, when every expected
    // event was observed, or when the record is older than the timeout.
    [[nodiscard]] bool satisfied_expectations(const std::string& key, sim::time_point now) const {
        auto it = records_.find(key);
        if (it == records_.end()) return true;
        if (it->second.fulfilled()) return true;
        return now - it->second.timestamp > expectations_timeout;
    }
    [[nodiscard]] const expectation* get_expectations(const std::string& key) const {
        auto it = records_.find(key);
        return it == records_.end() ? nullptr : &it->second;
    }

    void set_expectations(const std::string& key, std::int64_t add, std::int64_t del, sim::time_point now) {
        records_[key] = expectation{add, del, now};
    }
    void expect_creations(const std::string& key, std::int64_t adds, sim::time_point now) {
        set_expectations(key, adds, 0, now);
    }
    void expect_deletions(const std::string& key, std::int64_t dels, sim::time_point now) {
        set_expectations(key, 0, dels, now);
    }
    // Lower/RaiseExpectations leave the timestamp alone, as upstream does.
    void lower_expectations(const std::string& key, std::int64_t add, std::int64_t del) {
        auto it = records_.find(key);
        if (it == records_.end()) return;
        it->second.add -= add;
        it->second.del -= del;
    }
    void raise_expectations(const std::string& key, std::int64_t add, std::int64_t del) {
        auto it = records_.find(key);
        if (it == records_.end()) return;
        it->second.add += add;
        it->second.del += del;
    }
    void creation_observed(const std::string& key) { lower_expectations(key, 1, 0); }
    void deletion_observed(const std::string& key) { lower_expectations(key, 0, 1); }
    void delete_expectations(const std::string& key) { records_.erase(key); }
    [[nodiscard]] std::size_t size() const noexcept { return records_.size(); }

private:
    std::map<std::string, expectation> records_;
};

// UIDTrackingControllerExpectations: deletions are tracked by the deleted
// object's key, so a delete event counts once even when the object is seen
// going terminating and then gone.
class uid_tracking_controller_expectations : public controller_expectations {
public:
    [[nodiscard]] const std::set<std::string>* get_uids(const std::string& controller_key) const {
        auto it = uids_.find(controller_key);
        return it == uids_.end() ? nullptr : &it->second;
    }
    // ExpectDeletions: records the keys ("namespace/name") of the pods about to
    // be deleted.
    void expect_deletions(const std::string& controller_key, const std::vector<std::string>& deleted_keys,
                          sim::time_point now) {
        uids_[controller_key] = std::set<std::string>(deleted_keys.begin(), deleted_keys.end());
        controller_expectations::expect_deletions(controller_key, static_cast<std::int64_t>(deleted_keys.size()), now);
    }
    // DeletionObserved: lowers the count once per expected key.
    void deletion_observed(const std::string& controller_key, const std::string& deleted_key) {
        auto it = uids_.find(controller_key);
        if (it == uids_.end() || it->second.erase(deleted_key) == 0) return;
        lower_expectations(controller_key, 0, 1);
    }
    void delete_expectations(const std::string& controller_key) {
        controller_expectations::delete_expectations(controller_key);
        uids_.erase(controller_key);
    }

private:
    using controller_expectations::deletion_observed;
    using controller_expectations::expect_deletions;
    std::map<std::string, std::set<std::string>> uids_;
};

}  // namespace kubesim::controllers
