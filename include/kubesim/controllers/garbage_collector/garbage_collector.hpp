// The garbage collector, modelled on upstream
// pkg/controller/garbagecollector/garbagecollector.go (attemptToDeleteWorker,
// attemptToDeleteItem, isDangling, classifyReferences,
// processDeletingDependentsItem, orphanDependents, attemptToOrphanWorker),
// operations.go (apiResource, getObject, deleteObject, removeFinalizer) and
// patch.go (deleteOwnerRefJSONMergePatch, unblockOwnerReferences). The graph and
// its builder are in graph.hpp.
//
// Two work queues keyed by uid, each with one worker on the engine:
// attemptToDelete (is this object garbage? is this owner done waiting for its
// dependents?) and attemptToOrphan (strip the owner from its dependents, then
// drop its `orphan` finalizer). Owners are looked up at the API (the store),
// not in a cache, and must carry the uid the reference names.
//
// Deviations from upstream:
//  - The "patches" (removing owner references, unblocking them, removing a
//    finalizer) are a read and an update of the stored object, under its
//    resourceVersion, retried on Conflict; upstream sends strategic-merge or
//    JSON-merge patches. Nothing can interleave in the simulation, so the result
//    is the same.
//  - A reference's kind is resolved by exact apiVersion and kind among the kinds
//    the collector was given (upstream asks the REST mapper, which also knows
//    other versions of a group). An unknown kind is retried with backoff, as
//    upstream retries a REST mapping error.
//  - The workers start at once; upstream waits (with a timeout) for the monitors
//    to sync first. An owner not yet observed is a virtual node that is looked
//    up at the store and requeued until its monitor shows it, as upstream.
//  - No periodic discovery resync (the set of kinds is fixed), no metrics, no
//    debug graph dump.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/garbage_collector/graph.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::garbage_collector {

struct garbage_collector_options {
    // DefaultIgnoredResources, as qualified resources: core and events.k8s.io Events.
    std::set<std::string, std::less<>> ignored_resources{"events", "events.events.k8s.io"};
};

class garbage_collector {
public:
    // kinds: every kind the API serves (the deletable resources of discovery);
    // the ignored ones get no monitor but can still be named as owners.
    // informers: the controller manager's shared informers (the monitors are
    // its informers); null for own ones.
    KUBESIM_DECL garbage_collector(store::object_store& s, std::vector<const store::kind_ops*> kinds,
                                   garbage_collector_options opts = {}, store::shared_informers* informers = nullptr);
    garbage_collector(const garbage_collector&) = delete;
    garbage_collector& operator=(const garbage_collector&) = delete;
    ~garbage_collector() { stop(); }

    // Run: the graph builder (monitors) and the two workers.
    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    [[nodiscard]] bool is_synced() const { return builder_.is_synced(); }
    // GraphHasUID
    [[nodiscard]] bool graph_has_uid(std::string_view uid) const { return builder_.read(uid) != nullptr; }
    [[nodiscard]] const graph_builder& graph() const noexcept { return builder_; }
    [[nodiscard]] const work_queue& attempt_to_delete_queue() const noexcept { return attempt_to_delete_; }
    [[nodiscard]] const work_queue& attempt_to_orphan_queue() const noexcept { return attempt_to_orphan_; }
    // The last error a worker met (what upstream logs through HandleError).
    [[nodiscard]] const std::string& last_error() const noexcept { return last_error_; }

private:
    enum class outcome {
        ok,
        enqueued_virtual_delete_event,                // enqueuedVirtualDeleteEventErr
        namespaced_owner_of_cluster_scoped_object,    // namespacedOwnerOfClusterScopedObjectErr
        not_found,
        conflict,
        failed,                                       // REST mapping and API errors
    };
    struct gc_error {
        outcome code{outcome::ok};
        std::string message{};
        [[nodiscard]] bool ok() const noexcept { return code == outcome::ok; }
    };
    KUBESIM_DECL static gc_error from_status(const api::status& s);

    KUBESIM_DECL static std::vector<const store::kind_ops*> monitored(const std::vector<const store::kind_ops*>& kinds,
                                                                      const garbage_collector_options& opts);
    KUBESIM_DECL static std::string mapping_key(std::string_view api_version, std::string_view kind);

    // apiResource: the kind behind an apiVersion and kind.
    [[nodiscard]] KUBESIM_DECL const store::kind_ops* api_resource(std::string_view api_version,
                                                                   std::string_view kind) const;
    KUBESIM_DECL static gc_error rest_mapping_error(std::string_view kind, std::string_view api_version);

    // getObject: the stored object named by the identity (whatever its uid).
    KUBESIM_DECL std::pair<store::object_ptr, gc_error> get_object(const object_reference& item,
                                                                   const store::kind_ops** ops_out = nullptr);

    // deleteObject: with uid and resourceVersion preconditions; on a Conflict
    // caused by an unrelated change (same owner references), once more without
    // the resourceVersion.
    KUBESIM_DECL gc_error delete_object(const object_reference& item, const std::string& resource_version,
                                        const api::cow_vector<api::owner_reference>& owners_at_resource_version,
                                        std::string policy);

    // Read-modify-write of the object behind `item` (the uid must match), retried
    // on Conflict like a server-side patch. mutate returns false to skip the write.
    template <class Mutate>
    gc_error update_object(const object_reference& item, Mutate mutate);

    // deleteOwnerRefJSONMergePatch: drop the references to the given owner uids.
    KUBESIM_DECL gc_error delete_owner_references(const node& item,
                                                  const std::set<std::string, std::less<>>& owner_uids);

    // unblockOwnerReferences: blockOwnerDeletion true -> false on every reference.
    KUBESIM_DECL gc_error unblock_owner_references(const node& item);

    // removeFinalizer: a missing owner or a missing finalizer is success.
    KUBESIM_DECL gc_error remove_finalizer(const node& owner, std::string_view target);

    // processAttemptToDeleteWorker + attemptToDeleteWorker.
    KUBESIM_DECL void process_attempt_to_delete_worker(const std::string& uid);
    // true: forget the item; false: requeue it.
    KUBESIM_DECL bool attempt_to_delete_worker(const std::string& uid);

    // isDangling: is the referenced owner absent? If present, its latest state.
    struct dangling_result {
        bool dangling{false};
        store::object_ptr owner{};
        const store::kind_ops* ops{nullptr};
        gc_error err{};
    };
    KUBESIM_DECL dangling_result is_dangling(const api::owner_reference& reference, const node& item);

    struct classified {
        std::vector<api::owner_reference> solid, dangling, waiting_for_dependents_deletion;
    };
    // classifyReferences
    KUBESIM_DECL gc_error classify_references(const node& item,
                                              const api::cow_vector<api::owner_reference>& latest_references,
                                              classified& out);

    // attemptToDeleteItem
    KUBESIM_DECL gc_error attempt_to_delete_item(node& item);

    // processDeletingDependentsItem: an owner deleted in the foreground loses its
    // foregroundDeletion finalizer once no dependent blocks it; until then its
    // blocking dependents are (re)considered for deletion.
    KUBESIM_DECL gc_error process_deleting_dependents_item(node& item);

    // orphanDependents: the owner's reference is removed from every dependent.
    KUBESIM_DECL gc_error orphan_dependents(const object_reference& owner, const std::vector<node*>& dependents);

    // processAttemptToOrphanWorker + attemptToOrphanWorker.
    KUBESIM_DECL void process_attempt_to_orphan_worker(const std::string& uid);
    KUBESIM_DECL bool attempt_to_orphan_worker(const std::string& uid);

    store::object_store* store_;
    garbage_collector_options opts_;
    reference_cache absent_owner_cache_{500};
    work_queue attempt_to_delete_;
    work_queue attempt_to_orphan_;
    graph_builder builder_;
    std::map<std::string, const store::kind_ops*, std::less<>> rest_mapper_;
    std::string last_error_;
    bool started_{false};
};

}  // namespace kubesim::controllers::garbage_collector

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/garbage_collector/garbage_collector.ipp>
#endif
