// The EndpointSlice controller, modelled on upstream
// pkg/controller/endpointslice/endpointslice_controller.go (syncService, the
// pod/service/slice handlers, handleErr) and
// staging/src/k8s.io/endpointslice/util/controller_utils.go
// (GetPodServiceMemberships, GetServicesToUpdateOnPodChange, podEndpointsChanged).
// The slice arithmetic lives in reconciler.hpp, the per-pod helpers in utils.hpp.
//
// One work queue keyed "namespace/name" of Services; a single worker runs on
// the engine. A pod change queues the Services whose selector matches the pod
// (old and new labels); a Service change queues itself; a change to one of our
// slices by someone else queues its Service after 1s.
//
// Deviations from upstream:
//  - A Service with an empty selector is treated like one without a selector
//    (left alone): this store cannot tell `selector: {}` from no selector.
//  - Listing a Service's pods goes through a pod index by namespace and label
//    (the first selector pair), then filters by the whole selector, instead of
//    scanning the namespace.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/endpoint_slice/reconciler.hpp>
#include <kubesim/controllers/endpoint_slice/utils.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::endpoint_slice {

struct controller_options {
    std::int32_t max_endpoints_per_slice{default_max_endpoints_per_slice};  // --max-endpoints-per-slice
    sim::duration endpoint_updates_batch_period{};  // --endpointslice-updates-batch-period (0: none)
};

class controller {
public:
    static constexpr int max_retries = 15;
    // endpointSliceChangeMinSyncDelay
    static constexpr sim::duration endpoint_slice_change_min_sync_delay = std::chrono::seconds(1);

    // informers: the controller manager's shared informers; null for own ones.
    KUBESIM_DECL explicit controller(store::object_store& s, controller_options opt = {},
                                     store::shared_informers* informers = nullptr);
    controller(const controller&) = delete;
    controller& operator=(const controller&) = delete;
    ~controller() { stop(); }

    void start() { start_controller(started_, nodes_, pods_, slices_, services_); }
    void stop() { stop_controller(started_, queue_, services_, slices_, pods_, nodes_); }

    [[nodiscard]] const work_queue& queue() const noexcept { return queue_; }
    // Number of syncService runs (for tests and traces).
    [[nodiscard]] std::uint64_t syncs() const noexcept { return syncs_; }

private:
    using svc_ptr = std::shared_ptr<const api::service>;
    using pod_ptr = std::shared_ptr<const api::pod>;
    using slice_ptr = std::shared_ptr<const api::endpoint_slice>;

    // The endpoint slice controller's queue limiter: 1s..1000s per key, and the
    // overall 10 qps / 100 burst bucket.
    KUBESIM_DECL static std::unique_ptr<controllers::rate_limiter> rate_limiter();

    static std::string label_index_value(const std::string& ns, const std::string& k, const std::string& v) {
        return ns + "/" + k + "=" + v;
    }
    static std::string key_of(const api::service& svc) { return svc.metadata.namespace_ + "/" + svc.metadata.name; }

    KUBESIM_DECL static bool managed_by_controller(const api::endpoint_slice& es);

    KUBESIM_DECL static bool selects(const api::service& svc, const api::pod& p);

    // GetPodServiceMemberships: the Services of the pod's namespace selecting it
    // (candidates from the selector index: one lookup per pod label).
    KUBESIM_DECL std::set<std::string> pod_service_memberships(const api::pod& p) const;

    KUBESIM_DECL void queue_pod_services(const std::set<std::string>& keys);

    void add_pod(const api::pod& p) { queue_pod_services(pod_service_memberships(p)); }

    // podEndpointsChanged: {anything an endpoint shows changed, labels (or
    // hostname/subdomain) changed}.
    KUBESIM_DECL static std::pair<bool, bool> pod_endpoints_changed(const api::pod& o, const api::pod& n);

    // GetServicesToUpdateOnPodChange
    KUBESIM_DECL void update_pod(const api::pod& o, const api::pod& n);

    KUBESIM_DECL void queue_service_for_slice(const api::endpoint_slice& es);

    KUBESIM_DECL void on_slice_update(const api::endpoint_slice& o, const api::endpoint_slice& n);

    // The pods of the Service's namespace matching its selector, by name.
    KUBESIM_DECL std::vector<pod_ptr> pods_for(const api::service& svc) const;

    std::vector<slice_ptr> slices_for(const std::string& key) const {
        return slices_.lister().by_index("service", key);
    }

    void process(const std::string& key) {
        queue_.handle_err(key, !sync_service(key).empty(), max_retries);
    }

    // syncService; "" on success.
    KUBESIM_DECL std::string sync_service(const std::string& key);

    controller_options opt_;
    store::informer<api::service> services_;
    store::informer<api::pod> pods_;
    store::informer<api::node> nodes_;
    store::informer<api::endpoint_slice> slices_;
    store::event_recorder recorder_;
    endpoint_slice_tracker tracker_;
    reconciler reconciler_;
    work_queue queue_;
    bool started_{false};
    std::uint64_t syncs_{0};
};

}  // namespace kubesim::controllers::endpoint_slice

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/endpoint_slice/controller.ipp>
#endif
