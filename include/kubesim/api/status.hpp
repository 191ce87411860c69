// api::status: the metav1.Status carried by every failed API call (apimachinery
// pkg/api/errors). reason/code/message are what Kubernetes returns for the same
// request; causes carry per-field detail for Invalid.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kubesim::api {

struct status_cause {
    std::string type{};     // "FieldValueInvalid", "FieldValueRequired", ...
    std::string message{};  // the error body without the field ("Invalid value: -1: must be ...")
    std::string field{};    // "spec.replicas"
    bool operator==(const status_cause&) const = default;
};

struct status_details {
    std::string name{};
    std::string group{};
    std::string kind{};  // resource kind as Kubernetes reports it (e.g. "pods", "Deployment")
    std::string uid{};
    std::vector<status_cause> causes{};
    bool operator==(const status_details&) const = default;
};

struct status {
    std::string status_{"Success"};  // "Success" | "Failure" (JSON "status")
    std::string message{};
    std::string reason{};  // "NotFound", "AlreadyExists", "Conflict", "Invalid", ...
    std::int32_t code{200};
    status_details details{};
    std::vector<status_cause> causes{};  // == details.causes; kept flat for convenience
    [[nodiscard]] bool ok() const { return status_ == "Success"; }
    bool operator==(const status&) const = default;
};

}  // namespace kubesim::api
