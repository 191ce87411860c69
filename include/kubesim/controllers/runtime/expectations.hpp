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

#include <kubesim/config.hpp>
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
    [[nodiscard]] KUBESIM_DECL bool satisfied_expectations(const std::string& key, sim::time_point now) const;
    [[nodiscard]] KUBESIM_DECL const expectation* get_expectations(const std::string& key) const;

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
    KUBESIM_DECL void lower_expectations(const std::string& key, std::int64_t add, std::int64_t del);
    KUBESIM_DECL void raise_expectations(const std::string& key, std::int64_t add, std::int64_t del);
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
    [[nodiscard]] KUBESIM_DECL const std::set<std::string>* get_uids(const std::string& controller_key) const;
    // ExpectDeletions: records the keys ("namespace/name") of the pods about to
    // be deleted.
    KUBESIM_DECL void expect_deletions(const std::string& controller_key, const std::vector<std::string>& deleted_keys,
                                       sim::time_point now);
    // DeletionObserved: lowers the count once per expected key.
    KUBESIM_DECL void deletion_observed(const std::string& controller_key, const std::string& deleted_key);
    KUBESIM_DECL void delete_expectations(const std::string& controller_key);

private:
    using controller_expectations::deletion_observed;
    using controller_expectations::expect_deletions;
    std::map<std::string, std::set<std::string>> uids_;
};

}  // namespace kubesim::controllers

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/runtime/expectations.ipp>
#endif
