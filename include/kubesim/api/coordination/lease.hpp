// coordination.k8s.io/v1 Lease: a named, time-bounded claim. Kubelets heartbeat
// through one Lease per node in kube-node-lease (kubelet/node_lease.hpp); leader
// election uses the same kind. acquireTime and renewTime are metav1.MicroTime
// (RFC 3339 with microseconds on the wire).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <kubesim/api/meta.hpp>

namespace kubesim::api {

struct lease_spec {
    std::optional<std::string> holder_identity{};
    std::optional<std::int32_t> lease_duration_seconds{};
    std::optional<time> acquire_time{};  // MicroTime
    std::optional<time> renew_time{};    // MicroTime
    std::optional<std::int32_t> lease_transitions{};
    std::optional<std::string> strategy{};  // CoordinatedLeaseStrategy, e.g. "OldestEmulationVersion"
    std::optional<std::string> preferred_holder{};
    bool operator==(const lease_spec&) const = default;
};

struct lease {
    static constexpr std::string_view kind = "Lease";
    static constexpr std::string_view api_version = "coordination.k8s.io/v1";
    static constexpr std::string_view group = "coordination.k8s.io";
    static constexpr std::string_view resource = "leases";
    static constexpr bool namespaced = true;

    object_meta metadata{};
    lease_spec spec{};
    bool operator==(const lease&) const = default;
};

}  // namespace kubesim::api
