// The garbage collector's dependency graph, modelled on upstream
// pkg/controller/garbagecollector/graph.go (objectReference, node, uidToNode),
// graph_builder.go (GraphBuilder: the monitors, processGraphChanges,
// addDependentToOwners, processTransitions, virtual delete events,
// partitionDependents, getAlternateOwnerIdentity) and uid_cache.go
// (ReferenceCache, the absent-owner cache).
//
// Nodes are keyed by uid. A node's dependents are kept as a set of uids, so
// every walk over them is in uid order (upstream keeps a Go map of pointers and
// walks it in random order); no walk depends on hashing or addresses.
//
// One informer per kind ("monitor") feeds a FIFO of graph changes; the FIFO is
// drained by one engine entry per change, the single-threaded
// processGraphChanges of upstream. The builder only decides what the collector
// should look at: it adds uids to the collector's attemptToDelete and
// attemptToOrphan work queues, which it is handed at construction.
#pragma once

#include <cstddef>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/hash.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::garbage_collector {

// The finalizers of the propagation policies (metav1.FinalizerDeleteDependents,
// metav1.FinalizerOrphanDependents).
inline constexpr std::string_view finalizer_delete_dependents = "foregroundDeletion";
inline constexpr std::string_view finalizer_orphan_dependents = "orphan";

// objectReference: the coordinates of an owner reference plus a namespace.
struct object_reference {
    std::string api_version{};
    std::string kind{};
    std::string name{};
    std::string uid{};
    std::string namespace_{};
    bool operator==(const object_reference&) const = default;
};

// referenceLessThan: kind, apiVersion, namespace, name, uid. Total, so it also
// orders the absent-owner cache.
[[nodiscard]] KUBESIM_DECL bool reference_less_than(const object_reference& a, const object_reference& b);
inline bool operator<(const object_reference& a, const object_reference& b) { return reference_less_than(a, b); }

// objectReference.String(): [apps/v1/ReplicaSet, namespace: default, name: web, uid: 6a1f...]
[[nodiscard]] KUBESIM_DECL std::string to_string(const object_reference& r);

// ownerReferenceCoordinates, placed in a namespace.
[[nodiscard]] inline object_reference owner_reference_coordinates(const api::owner_reference& r, std::string ns) {
    return object_reference{r.api_version, r.kind, r.name, r.uid, std::move(ns)};
}

// ownerReferenceMatchesCoordinates (uid, name, kind, apiVersion; not namespace).
[[nodiscard]] KUBESIM_DECL bool owner_reference_matches_coordinates(const api::owner_reference& a,
                                                                    const object_reference& b);

[[nodiscard]] KUBESIM_DECL bool has_finalizer(const api::object_meta& m, std::string_view f);
[[nodiscard]] inline bool being_deleted(const api::object_meta& m) { return m.deletion_timestamp.has_value(); }
[[nodiscard]] inline bool has_delete_dependents_finalizer(const api::object_meta& m) {
    return has_finalizer(m, finalizer_delete_dependents);
}
[[nodiscard]] inline bool has_orphan_finalizer(const api::object_meta& m) {
    return has_finalizer(m, finalizer_orphan_dependents);
}

// A vertex of the graph: an object seen by a monitor, or a "virtual" owner that
// some dependent names but no monitor has shown yet.
struct node {
    object_reference identity{};
    std::set<std::string, std::less<>> dependents{};  // uids of the nodes naming this one as an owner
    bool deleting_dependents{false};  // deletionTimestamp and the foregroundDeletion finalizer
    bool being_deleted{false};        // deletionTimestamp seen; one way
    bool virtual_{false};             // never observed through a monitor
    api::cow_vector<api::owner_reference> owners{};

    [[nodiscard]] bool is_observed() const noexcept { return !virtual_; }
    [[nodiscard]] bool is_being_deleted() const noexcept { return being_deleted; }
    [[nodiscard]] bool is_deleting_dependents() const noexcept { return deleting_dependents; }
    [[nodiscard]] std::size_t dependents_length() const noexcept { return dependents.size(); }
    void mark_observed() noexcept { virtual_ = false; }
    void mark_being_deleted() noexcept { being_deleted = true; }
    void mark_deleting_dependents() noexcept { deleting_dependents = true; }
};

// ReferenceCache: a bounded least-recently-used set of references known to be
// absent from the API server (500 entries upstream). Ordered containers only.
class reference_cache {
public:
    explicit reference_cache(std::size_t capacity = 500) : cap_(capacity) {}

    KUBESIM_DECL void add(const object_reference& r);
    // Has: a hit counts as a use (golang-lru Get).
    [[nodiscard]] KUBESIM_DECL bool has(const object_reference& r);
    [[nodiscard]] std::size_t size() const noexcept { return index_.size(); }

private:
    std::size_t cap_;
    std::list<object_reference> order_;  // most recent first
    std::map<object_reference, std::list<object_reference>::iterator> index_;
};

class graph_builder {
public:
    // One monitor per kind in `kinds`. attempt_to_delete / attempt_to_orphan are
    // the collector's queues (keyed by uid); absent_owner_cache is shared with it.
    // With shared informers the monitors are the factory's informers, and
    // stopping takes only the builder's handlers off them.
    KUBESIM_DECL graph_builder(store::object_store& s, const std::vector<const store::kind_ops*>& kinds,
                               work_queue& attempt_to_delete, work_queue& attempt_to_orphan,
                               reference_cache& absent_owner_cache, store::shared_informers* informers = nullptr);
    graph_builder(const graph_builder&) = delete;
    graph_builder& operator=(const graph_builder&) = delete;
    ~graph_builder() { stop(); }

    // Run: start the monitors and the processing of graph changes.
    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    // IsSynced: every monitor has delivered its initial list.
    [[nodiscard]] KUBESIM_DECL bool is_synced() const;

    // uidToNode.Read
    [[nodiscard]] KUBESIM_DECL node* read(std::string_view uid);
    [[nodiscard]] KUBESIM_DECL const node* read(std::string_view uid) const;
    [[nodiscard]] std::size_t size() const noexcept { return uid_to_node_.size(); }
    // Graph changes waiting to be processed.
    [[nodiscard]] std::size_t pending_changes() const noexcept { return graph_changes_.size(); }

    // getDependents, in uid order.
    [[nodiscard]] KUBESIM_DECL std::vector<node*> get_dependents(const node& n);

    // blockingDependents: the dependents whose reference to n has
    // blockOwnerDeletion=true.
    [[nodiscard]] KUBESIM_DECL std::vector<node*> blocking_dependents(const node& n);

    // enqueueVirtualDeleteEvent: the collector found no object behind ref.
    KUBESIM_DECL void enqueue_virtual_delete_event(const object_reference& ref);

private:
    enum class event_kind { add, update, remove };

    struct graph_event {
        bool virtual_{false};  // made up by the collector, not seen by a monitor
        event_kind type{event_kind::add};
        const store::kind_ops* ops{nullptr};
        store::object_ptr obj{};
        store::object_ptr old_obj{};
        object_reference virtual_identity{};  // virtual events: the object as referenced
    };

    // The informer handlers only queue the change.
    KUBESIM_DECL void add_change(event_kind t, const store::kind_ops* ops, const store::object_ptr& o,
                                 const store::object_ptr& old);
    KUBESIM_DECL void push(graph_event ev);
    KUBESIM_DECL void kick();

    // What identityFromEvent and the accessor give for an event.
    struct event_meta {
        std::string uid, name, namespace_;
        const api::object_meta* meta{nullptr};  // null for virtual events
    };
    KUBESIM_DECL static event_meta meta_of(const graph_event& ev);
    KUBESIM_DECL static object_reference identity_from_event(const graph_event& ev);

    // addDependentToOwners: files n under each owner, making a virtual node for
    // an owner not seen yet (and asking the collector to verify it).
    KUBESIM_DECL void add_dependent_to_owners(node& n, const std::vector<api::owner_reference>& owners);

    // reportInvalidNamespaceOwnerRef: a Warning event on the dependent.
    KUBESIM_DECL void report_invalid_namespace_owner_ref(const node& n, const std::string& invalid_owner_uid);

    // insertNode
    KUBESIM_DECL node& insert_node(node n);

    // removeDependentFromOwners
    KUBESIM_DECL void remove_dependent_from_owners(const node& n, const std::vector<api::owner_reference>& owners);

    struct owner_ref_pair {
        api::owner_reference old_ref;
        api::owner_reference new_ref;
    };
    struct references_diff {
        std::vector<api::owner_reference> added, removed;
        std::vector<owner_ref_pair> changed;
        [[nodiscard]] bool empty() const { return added.empty() && removed.empty() && changed.empty(); }
    };
    // referencesDiffs, by uid. `removed` comes out in uid order.
    KUBESIM_DECL static references_diff references_diffs(const std::vector<api::owner_reference>& old_refs,
                                                         const std::vector<api::owner_reference>& new_refs);

    // addUnblockedOwnersToDeleteQueue: an owner waiting on its dependents is
    // looked at again when a blocking reference to it goes away or stops blocking.
    KUBESIM_DECL void add_unblocked_owners_to_delete_queue(const std::vector<api::owner_reference>& removed,
                                                           const std::vector<owner_ref_pair>& changed);

    // deletionStartsWithFinalizer
    KUBESIM_DECL static bool deletion_starts_with_finalizer(const graph_event& ev, const api::object_meta& now,
                                                            std::string_view f);

    // processTransitions
    KUBESIM_DECL void process_transitions(const graph_event& ev, const api::object_meta& m, node& n);

    // partitionDependents: the dependents whose reference (by uid) matches the
    // identity, and those with a reference of that uid that does not.
    KUBESIM_DECL std::pair<std::vector<node*>, std::vector<node*>> partition_dependents(
        const std::vector<node*>& dependents, const object_reference& match);

    // getAlternateOwnerIdentity: another identity the dependents give the
    // verified-absent uid; the first after it in referenceLessThan order, else
    // the first.
    KUBESIM_DECL static std::optional<object_reference> get_alternate_owner_identity(const std::vector<node*>& deps,
                                                                                     const object_reference& absent);

    // processGraphChanges: one change from the FIFO.
    KUBESIM_DECL void process_graph_changes(const graph_event& ev);

    store::object_store* store_;
    work_queue* attempt_to_delete_;
    work_queue* attempt_to_orphan_;
    reference_cache* absent_owner_cache_;
    store::event_recorder recorder_;
    std::vector<std::shared_ptr<store::informer_core>> monitors_;
    std::deque<graph_event> graph_changes_;
    sim::timer_id dispatch_{};
    bool running_{false};
    // Found by uid only, never iterated: a hash table (FNV-1a, so the layout
    // does not depend on the standard library's std::hash either).
    struct uid_hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view uid) const noexcept {
            return static_cast<std::size_t>(sim::fnv1a{}.bytes(uid).value());
        }
    };
    std::unordered_map<std::string, node, uid_hash, std::equal_to<>> uid_to_node_;
};

}  // namespace kubesim::controllers::garbage_collector

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/garbage_collector/graph.ipp>
#endif
