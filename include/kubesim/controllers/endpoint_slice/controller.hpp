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

#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/controllers/endpoint_slice/reconciler.hpp>
#include <kubesim/controllers/endpoint_slice/utils.hpp>
#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/store/client.hpp>
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
    explicit controller(store::object_store& s, controller_options opt = {}, store::shared_informers* informers = nullptr)
        : opt_(opt),
          services_(s, informers),
          pods_(s, informers),
          nodes_(s, informers),
          slices_(s, informers),
          recorder_(s, "endpoint-slice-controller"),
          reconciler_(s, nodes_.lister(), opt.max_endpoints_per_slice, tracker_),
          queue_(s.engine(), [this](const std::string& key) { process(key); }, rate_limiter()) {
        // Pods by "namespace/key=value" for each label.
        pods_.add_index("labels", [](const api::pod& p) {
            std::vector<std::string> out;
            out.reserve(p.metadata.labels.size());
            for (const auto& [k, v] : p.metadata.labels) out.push_back(label_index_value(p.metadata.namespace_, k, v));
            return out;
        });
        // Services by "namespace/key=value" of their first selector pair (every
        // selected pod carries it), so a pod's memberships are found without
        // walking all Services of its namespace.
        services_.add_index("selector", [](const api::service& svc) {
            if (svc.spec.selector.empty()) return std::vector<std::string>{};
            const auto& [k, v] = *svc.spec.selector.begin();
            return std::vector<std::string>{label_index_key(svc.metadata.namespace_, k, v)};
        });
        // Slices by "namespace/service-name".
        slices_.add_index("service", [](const api::endpoint_slice& es) {
            auto key = endpoint_slice_tracker::service_key(es);
            return key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key};
        });

        services_.on_add([this](const svc_ptr& svc) { queue_.add(key_of(*svc)); });
        services_.on_update([this](const svc_ptr&, const svc_ptr& svc) { queue_.add(key_of(*svc)); });
        services_.on_delete([this](const svc_ptr& svc) { queue_.add(key_of(*svc)); });

        pods_.on_add([this](const pod_ptr& p) { add_pod(*p); });
        pods_.on_update([this](const pod_ptr& o, const pod_ptr& n) { update_pod(*o, *n); });
        pods_.on_delete([this](const pod_ptr& p) { add_pod(*p); });

        slices_.on_add([this](const slice_ptr& es) {
            if (managed_by_controller(*es) && tracker_.should_sync(*es)) queue_service_for_slice(*es);
        });
        slices_.on_update([this](const slice_ptr& o, const slice_ptr& n) { on_slice_update(*o, *n); });
        slices_.on_delete([this](const slice_ptr& es) {
            if (managed_by_controller(*es) && tracker_.handle_deletion(*es)) queue_service_for_slice(*es);
        });
    }
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
    static std::unique_ptr<controllers::rate_limiter> rate_limiter() {
        std::vector<std::unique_ptr<controllers::rate_limiter>> ls;
        ls.push_back(std::make_unique<item_exponential_failure_rate_limiter>(std::chrono::seconds(1),
                                                                             std::chrono::seconds(1000)));
        ls.push_back(std::make_unique<bucket_rate_limiter>(10, 100));
        return std::make_unique<max_of_rate_limiter>(std::move(ls));
    }

    static std::string label_index_value(const std::string& ns, const std::string& k, const std::string& v) {
        return ns + "/" + k + "=" + v;
    }
    static std::string key_of(const api::service& svc) { return svc.metadata.namespace_ + "/" + svc.metadata.name; }

    static bool managed_by_controller(const api::endpoint_slice& es) {
        auto it = es.metadata.labels.find(std::string(label_managed_by));
        return it != es.metadata.labels.end() && it->second == controller_name;
    }

    static bool selects(const api::service& svc, const api::pod& p) {
        if (svc.spec.selector.empty()) return false;
        for (const auto& [k, v] : svc.spec.selector) {
            auto it = p.metadata.labels.find(k);
            if (it == p.metadata.labels.end() || it->second != v) return false;
        }
        return true;
    }

    // GetPodServiceMemberships: the Services of the pod's namespace selecting it
    // (candidates from the selector index: one lookup per pod label).
    std::set<std::string> pod_service_memberships(const api::pod& p) const {
        std::set<std::string> out;
        const auto lister = services_.lister();
        for (const auto& [k, v] : p.metadata.labels)
            for (const auto& svc : lister.by_index("selector", label_index_key(p.metadata.namespace_, k, v)))
                if (selects(*svc, p)) out.insert(key_of(*svc));
        return out;
    }

    void queue_pod_services(const std::set<std::string>& keys) {
        for (const auto& k : keys) queue_.add_after(k, opt_.endpoint_updates_batch_period);
    }

    void add_pod(const api::pod& p) { queue_pod_services(pod_service_memberships(p)); }

    // podEndpointsChanged: {anything an endpoint shows changed, labels (or
    // hostname/subdomain) changed}.
    static std::pair<bool, bool> pod_endpoints_changed(const api::pod& o, const api::pod& n) {
        const bool labels_changed = o.metadata.labels != n.metadata.labels || o.spec.hostname != n.spec.hostname ||
                                    o.spec.subdomain != n.spec.subdomain;
        if (o.metadata.deletion_timestamp != n.metadata.deletion_timestamp) return {true, labels_changed};
        if (is_pod_ready(o) != is_pod_ready(n)) return {true, labels_changed};
        if (pod_ips(o) != pod_ips(n)) return {true, labels_changed};
        return {false, labels_changed};
    }

    // GetServicesToUpdateOnPodChange
    void update_pod(const api::pod& o, const api::pod& n) {
        if (o.metadata.resource_version == n.metadata.resource_version) return;  // resync
        auto [pod_changed, labels_changed] = pod_endpoints_changed(o, n);
        if (!pod_changed && !labels_changed) return;
        auto keys = pod_service_memberships(n);
        if (labels_changed) {
            auto old_keys = pod_service_memberships(o);
            if (pod_changed) {
                keys.insert(old_keys.begin(), old_keys.end());
            } else {
                // Only the Services the pod joined or left.
                std::set<std::string> diff;
                for (const auto& k : keys)
                    if (!old_keys.count(k)) diff.insert(k);
                for (const auto& k : old_keys)
                    if (!keys.count(k)) diff.insert(k);
                keys = std::move(diff);
            }
        }
        queue_pod_services(keys);
    }

    void queue_service_for_slice(const api::endpoint_slice& es) {
        auto key = endpoint_slice_tracker::service_key(es);
        if (key.empty()) return;
        auto delay = endpoint_slice_change_min_sync_delay;
        if (opt_.endpoint_updates_batch_period > delay) delay = opt_.endpoint_updates_batch_period;
        queue_.add_after(key, delay);
    }

    void on_slice_update(const api::endpoint_slice& o, const api::endpoint_slice& n) {
        if (endpoint_slice_tracker::service_key(o) != endpoint_slice_tracker::service_key(n)) {
            queue_service_for_slice(o);
            queue_service_for_slice(n);
            return;
        }
        if (managed_by_controller(o) != managed_by_controller(n) ||
            (managed_by_controller(n) && tracker_.should_sync(n)))
            queue_service_for_slice(n);
    }

    // The pods of the Service's namespace matching its selector, by name.
    std::vector<pod_ptr> pods_for(const api::service& svc) const {
        std::vector<pod_ptr> out;
        const auto& first = *svc.spec.selector.begin();
        for (auto& p : pods_.lister().by_index("labels", label_index_value(svc.metadata.namespace_, first.first, first.second)))
            if (selects(svc, *p)) out.push_back(std::move(p));
        return out;
    }

    std::vector<slice_ptr> slices_for(const std::string& key) const {
        return slices_.lister().by_index("service", key);
    }

    void process(const std::string& key) {
        queue_.handle_err(key, !sync_service(key).empty(), max_retries);
    }

    // syncService; "" on success.
    std::string sync_service(const std::string& key) {
        ++syncs_;
        const auto [ns, name] = split_meta_namespace_key(key);
        auto svc = services_.lister().get(ns, name);
        if (!svc) {
            // Its slices are owned by it: the garbage collector deletes them.
            tracker_.delete_service(key);
            return {};
        }
        if (svc->spec.type == "ExternalName") return {};  // no endpoints for ExternalName Services
        if (svc->spec.selector.empty()) return {};       // slices of selector-less Services are managed by users

        auto pods = pods_for(*svc);
        std::vector<slice_ptr> slices;
        for (auto& es : slices_for(key))
            if (managed_by_controller(*es) && !es->metadata.deletion_timestamp) slices.push_back(std::move(es));
        if (tracker_.stale_slices(key, slices)) return "EndpointSlice informer cache is out of date";

        auto err = reconciler_.reconcile(*svc, pods, slices);
        if (!err.empty()) {
            recorder_.event(*svc, "Warning", "FailedToUpdateEndpointSlices",
                            "Error updating Endpoint Slices for Service " + key + ": " + err);
        }
        return err;
    }

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
