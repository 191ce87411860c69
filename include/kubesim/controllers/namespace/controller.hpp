// The namespace controller, modelled on upstream
// pkg/controller/namespace/namespace_controller.go (enqueueNamespace, worker,
// syncNamespaceFromKey, nsControllerRateLimiter),
// pkg/controller/namespace/deletion/namespaced_resources_deleter.go (Delete,
// retryOnConflictError, updateNamespaceStatusFunc, finalizeNamespace,
// deleteCollection, listCollection, deleteAllContentForGroupVersionResource,
// deleteAllContent, estimateGracefulTermination[ForPods]) and
// deletion/status_condition_utils.go (the Namespace* conditions, their reasons
// and messages).
//
// A namespace with a deletionTimestamp is queued 5s after each change
// (namespaceDeletionGracePeriod). Each sync deletes every namespaced object in
// it, kind by kind (propagationPolicy Background), counts what is left, writes
// the conditions, and either requeues after estimate/2+1 seconds (pods still
// in their grace period, 15s for objects held by finalizers) or removes the
// `kubernetes` entry of spec.finalizers, after which the API server removes
// the namespace.
//
// Deviations from upstream:
//  - "Discovery" is the list of kinds given to the constructor; it cannot fail,
//    so NamespaceDeletionDiscoveryFailure and
//    NamespaceDeletionGroupVersionParsingFailure are always False.
//  - deletecollection is a list and one delete per object (what the API
//    server's deletecollection does internally).
//  - The finalize subresource is a main-resource update of spec.finalizers (the
//    store has no namespaces/finalize).
//  - No periodic resync of namespaces (upstream: --namespace-sync-period, 5m):
//    a periodic entry would keep the engine busy for ever.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/namespace.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::namespace_ {

// namespaceDeletionGracePeriod: how long after a change a terminating namespace
// is looked at (lets every API server see the deletion first).
inline constexpr sim::duration namespace_deletion_grace_period = std::chrono::seconds(5);
// finalizerEstimateSeconds: the wait assumed for objects held by finalizers.
inline constexpr std::int64_t finalizer_estimate_seconds = 15;

// The condition types the deleter maintains, in upstream's order.
inline constexpr std::string_view namespace_deletion_discovery_failure = "NamespaceDeletionDiscoveryFailure";
inline constexpr std::string_view namespace_deletion_gv_parsing_failure = "NamespaceDeletionGroupVersionParsingFailure";
inline constexpr std::string_view namespace_deletion_content_failure = "NamespaceDeletionContentFailure";
inline constexpr std::string_view namespace_content_remaining = "NamespaceContentRemaining";
inline constexpr std::string_view namespace_finalizers_remaining = "NamespaceFinalizersRemaining";

// What remains of one kind after a deletion pass (gvrDeletionMetadata).
struct gvr_deletion_metadata {
    std::int64_t finalizer_estimate_seconds{0};  // 0: no estimate (not "all gone")
    int num_remaining{0};
    std::map<std::string, int> finalizers_to_num_remaining{};
};

// The totals over all kinds (allGVRDeletionMetadata); kinds as "resource.group".
struct all_gvr_deletion_metadata {
    std::map<std::string, int> gvr_to_num_remaining{};
    std::map<std::string, int> finalizers_to_num_remaining{};
};

// namespaceConditionUpdater: turns a deletion pass into the five conditions.
class namespace_condition_updater {
public:
    explicit namespace_condition_updater(sim::time_point now) : now_(now) {}

    // ProcessContentTotals
    KUBESIM_DECL void process_content_totals(const all_gvr_deletion_metadata& totals);
    // ProcessDeleteContentErr
    void process_delete_content_err(std::string err) { delete_content_errors_.push_back(std::move(err)); }

    // Update: writes the conditions into ns.status; true if anything changed.
    KUBESIM_DECL bool update(api::namespace_& ns);

private:
    KUBESIM_DECL static std::string join(const std::vector<std::string>& v);
    KUBESIM_DECL api::namespace_condition condition(std::string_view type, std::string status, std::string reason,
                                                    std::string message) const;
    KUBESIM_DECL static api::namespace_condition* get_condition(std::vector<api::namespace_condition>& cs,
                                                                std::string_view type);
    KUBESIM_DECL std::optional<api::namespace_condition> make_delete_content_condition() const;
    // newSuccessfulCondition: the False ("ok") variant of each type.
    KUBESIM_DECL api::namespace_condition successful_condition(std::string_view type) const;
    // updateConditions: lastTransitionTime moves only when the status does.
    KUBESIM_DECL bool update_conditions(api::namespace_status& status);

    sim::time_point now_;
    std::vector<api::namespace_condition> new_conditions_;
    std::vector<std::string> delete_content_errors_;
};

// The outcome of namespaced_resources_deleter::delete_: done, content remains
// (ResourcesRemainingError, with its estimate in seconds), or an error.
struct delete_outcome {
    std::optional<std::int64_t> remaining_estimate{};
    std::string error{};
    [[nodiscard]] bool ok() const noexcept { return !remaining_estimate && error.empty(); }
};

// namespacedResourcesDeleter: empties one terminating namespace.
class namespaced_resources_deleter {
public:
    KUBESIM_DECL namespaced_resources_deleter(store::object_store& s, std::vector<const store::kind_ops*> kinds,
                                              std::string finalizer_token);

    // Delete: one pass over the namespace named ns_name.
    KUBESIM_DECL delete_outcome delete_(const std::string& ns_name);

    // ResourcesRemainingError.Error()
    [[nodiscard]] KUBESIM_DECL static std::string resources_remaining_message(std::int64_t estimate);

private:
    store::client<api::namespace_> namespaces() { return store::client<api::namespace_>(*store_, ""); }

    // retryOnConflictError: fn again on the latest namespace after a Conflict,
    // as long as it is the same namespace (uid).
    template <class Fn>
    result<api::namespace_> retry_on_conflict_error(const api::namespace_& ns, Fn fn);

    // updateNamespaceStatusFunc: phase Terminating once deletion has begun.
    KUBESIM_DECL result<api::namespace_> update_namespace_status_func(const api::namespace_& ns);

    static bool finalized(const api::namespace_& ns) { return ns.spec.finalizers.empty(); }

    // finalizeNamespace: spec.finalizers without our token (the rest sorted and
    // deduplicated, as a set's List()).
    KUBESIM_DECL result<api::namespace_> finalize_namespace(const api::namespace_& ns);

    static std::string gvr_label(const store::kind_ops& ops) {
        return std::string(ops.resource) + "." + std::string(ops.group);
    }
    // schema.GroupVersionResource.String(): "apps/v1, Resource=replicasets", "/v1, Resource=pods"
    KUBESIM_DECL static std::string gvr_string(const store::kind_ops& ops);

    // deleteCollection, with propagationPolicy Background; "" on success.
    KUBESIM_DECL std::string delete_collection(const store::kind_ops& ops, const std::string& ns);

    // deleteAllContentForGroupVersionResource
    KUBESIM_DECL gvr_deletion_metadata delete_all_content_for_group_version_resource(const store::kind_ops& ops,
                                                                                     const std::string& ns,
                                                                                     sim::time_point deleted_at,
                                                                                     std::string& err);

    // deleteAllContent: every kind, then the conditions. Returns the estimate;
    // err gets the aggregated errors.
    KUBESIM_DECL std::int64_t delete_all_content(api::namespace_& ns, std::string& err);

    // estimateGracefulTermination: only pods have one; none once the namespace
    // has been terminating for longer.
    KUBESIM_DECL std::int64_t estimate_graceful_termination(const store::kind_ops& ops, const std::string& ns,
                                                            sim::time_point deleted_at);

    // estimateGracefulTerminationForPods: the longest grace period of the pods
    // that have not finished.
    KUBESIM_DECL std::int64_t estimate_graceful_termination_for_pods(const std::string& ns);

    store::object_store* store_;
    std::string finalizer_token_;
    std::vector<const store::kind_ops*> kinds_;
};

struct controller_options {
    std::string finalizer_token{"kubernetes"};  // v1.FinalizerKubernetes
};

class controller {
public:
    // kinds: every kind the API serves; the namespaced ones are emptied.
    // informers: the controller manager's shared informers; null for own ones.
    KUBESIM_DECL controller(store::object_store& s, std::vector<const store::kind_ops*> kinds,
                            controller_options opts = {}, store::shared_informers* informers = nullptr);
    controller(const controller&) = delete;
    controller& operator=(const controller&) = delete;
    ~controller() { stop(); }

    void start() { start_controller(started_, namespaces_); }
    void stop() { stop_controller(started_, queue_, namespaces_); }

    [[nodiscard]] const work_queue& queue() const noexcept { return queue_; }
    // Number of syncNamespaceFromKey runs.
    [[nodiscard]] std::uint64_t syncs() const noexcept { return syncs_; }
    // The last sync error (what upstream hands to HandleError).
    [[nodiscard]] const std::string& last_error() const noexcept { return last_error_; }

    // nsControllerRateLimiter: per-key 5ms..60s (a failing namespace is retried
    // at least every minute) and the overall 10 qps / 100 burst bucket.
    KUBESIM_DECL static std::unique_ptr<controllers::rate_limiter> ns_controller_rate_limiter();

private:
    using ns_ptr = std::shared_ptr<const api::namespace_>;

    // enqueueNamespace: only namespaces being deleted, after the grace period.
    KUBESIM_DECL void enqueue_namespace(const api::namespace_& ns);

    // worker: one key.
    KUBESIM_DECL void worker(const std::string& key);

    // syncNamespaceFromKey
    KUBESIM_DECL delete_outcome sync_namespace_from_key(const std::string& key);

    store::informer<api::namespace_> namespaces_;
    namespaced_resources_deleter deleter_;
    work_queue queue_;
    bool started_{false};
    std::uint64_t syncs_{0};
    std::string last_error_;
};

}  // namespace kubesim::controllers::namespace_

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/namespace/controller.ipp>
#endif
