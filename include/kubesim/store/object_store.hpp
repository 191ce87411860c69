// object_store: the API server's storage, for every kind at once (the part of
// kube-apiserver between the REST handlers and etcd). Type-erased: objects are
// immutable std::shared_ptr<const void> snapshots handled through kind_ops, so
// the machinery is compiled once and per-kind templates stay thin (client.hpp).
//
// Semantics (reference/kubernetes-semantics.md B1):
//  - one cluster-wide resourceVersion counter shared by all kinds;
//  - create fills uid, creationTimestamp, generation, generateName suffixes;
//  - update is optimistic (409 Conflict on a stale resourceVersion), keeps
//    status on main updates and spec on status updates, bumps generation on
//    spec changes, and is a no-op (no new resourceVersion) when nothing changed;
//  - bind_pod is the pods/binding subresource: spec.nodeName and
//    PodScheduled=True in one write (one resourceVersion, one MODIFIED event);
//  - delete honours preconditions, graceful deletion (pods), finalizers and the
//    propagation-policy finalizers; namespaces go Terminating first;
//  - watches are delivered through the engine, one engine entry per write (the
//    event waits in the store's queue of pending deliveries); a new watch
//    replays from a resourceVersion out of a bounded per-kind history;
//  - kinds with kind_ops::encode (Events) are kept serialized, as etcd holds
//    them, and decoded on each read (upstream has no watch cache for Events);
//    reads of them return a fresh snapshot each time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/fields.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/result.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/store/interner.hpp>
#include <kubesim/store/options.hpp>

namespace kubesim::sim {
class trace;
}  // namespace kubesim::sim

namespace kubesim::store {

struct kind_ops;

using object_ptr = std::shared_ptr<const void>;

// The key of the store's and the informers' maps: views into the stored
// object's metadata (or, for an encoded kind, into its bytes), so a stored
// object costs no second copy of its name. When an update replaces the object,
// the views are re-pointed at the new object's (equal) strings, which keeps the
// map's order intact; hence the mutable members.
struct key_view {
    mutable std::string_view namespace_{};
    mutable std::string_view name{};
};
inline bool operator<(const key_view& a, const key_view& b) noexcept {
    const int c = a.namespace_.compare(b.namespace_);
    return c != 0 ? c < 0 : a.name.compare(b.name) < 0;
}

enum class event_type : std::uint8_t { added, modified, deleted, bookmark, error };

[[nodiscard]] KUBESIM_DECL std::string_view to_string(event_type t);

// What a watcher receives. object is null for BOOKMARK and ERROR.
struct erased_event {
    event_type type{};
    object_ptr object{};
    std::uint64_t resource_version{0};
    const api::status* error{nullptr};
};
using erased_handler = std::function<void(const erased_event&)>;

struct list_result {
    std::vector<object_ptr> items{};
    std::uint64_t resource_version{0};
    // A page (list_page.limit): more matches follow the last item; how many
    // objects follow it, when the list has no selector (upstream counts only then).
    bool more{false};
    std::optional<std::int64_t> remaining{};
};

// One page of a list (?limit= and ?continue=): the matches after the key
// (namespace, name) when `after` is set, at most `limit` of them (0: all).
struct list_page {
    bool after{false};
    std::string_view after_namespace{}, after_name{};
    std::size_t limit{0};
};

// Registry hooks a kind may need beyond validation (Service IP/NodePort
// allocation). before_write runs last before a create or update is committed and
// may refuse it with field errors; after_delete runs when an object is removed.
// admit is the kind's mutating admission (store/admission.hpp): it runs on a
// create or a main-resource update once the object is defaulted, before the
// registry's own preparation and validation, where kube-apiserver runs its
// mutating admission plugins (old is null on a create).
struct kind_hooks {
    std::function<void(void* obj, const void* old)> admit{};
    std::function<void(void* obj, const void* old)> prepare_update{};  // before validation
    std::function<api::field::error_list(void* obj, const void* old)> before_write{};
    std::function<void(const void* obj)> after_delete{};
};

// The result of a delete: the final status, and the object when it is still
// present (graceful deletion or finalizers pending).
struct delete_result {
    api::status status{};
    object_ptr object{};
};

class object_store final {
public:
    KUBESIM_DECL object_store(sim::engine& eng, std::uint64_t seed, store_options opts = {});
    object_store(const object_store&) = delete;
    object_store& operator=(const object_store&) = delete;

    [[nodiscard]] sim::engine& engine() noexcept { return *engine_; }
    [[nodiscard]] sim::time_point now() const noexcept { return engine_->now(); }
    [[nodiscard]] std::uint64_t resource_version() const noexcept { return rv_; }
    void set_trace(sim::trace* t) noexcept { trace_ = t; }
    KUBESIM_DECL void set_hooks(const kind_ops& ops, kind_hooks h);
    // The kind's hooks as installed (to add one without dropping the others).
    [[nodiscard]] KUBESIM_DECL kind_hooks hooks(const kind_ops& ops);
    [[nodiscard]] const store_options& options() const noexcept { return opts_; }

    // ---- create -------------------------------------------------------------
    KUBESIM_DECL result<object_ptr> create(const kind_ops& ops, std::shared_ptr<void> obj, std::string_view ns);

    // ---- read ---------------------------------------------------------------
    [[nodiscard]] KUBESIM_DECL result<object_ptr> get(const kind_ops& ops, std::string_view ns, std::string_view name);

    // Objects of a kind, ordered by namespace then name. ns "" = all namespaces.
    [[nodiscard]] KUBESIM_DECL result<list_result> list(const kind_ops& ops, std::string_view ns,
                                                        const list_options& opt, const list_page& page = {});

    // ---- update -------------------------------------------------------------
    result<object_ptr> update(const kind_ops& ops, std::shared_ptr<void> obj, std::string_view ns) {
        return write_update(ops, std::move(obj), ns, false);
    }
    result<object_ptr> update_status(const kind_ops& ops, std::shared_ptr<void> obj, std::string_view ns) {
        return write_update(ops, std::move(obj), ns, true);
    }

    // ---- pods/binding --------------------------------------------------------
    // POST pods/<name>/binding (registry BindingREST.Create -> assignPod ->
    // setPodNodeAndMetadata): sets spec.nodeName and the PodScheduled=True
    // condition in one write that skips the pod strategy (no validation, no
    // generation bump), so it is the only way to change spec.nodeName of an
    // existing pod. Refused when the pod is gone (NotFound), already bound or
    // being deleted (Conflict on pods/binding), or, given expected_uid, when the
    // pod under that name is another one (the Binding's UID precondition).
    KUBESIM_DECL result<object_ptr> bind_pod(std::string_view ns, std::string_view name, std::string_view node,
                                             std::string_view expected_uid = {});

    // ---- delete -------------------------------------------------------------
    KUBESIM_DECL result<delete_result> remove(const kind_ops& ops, std::string_view ns, std::string_view name,
                                              const delete_options& opt);

    // ---- watch --------------------------------------------------------------
    // Starts a watch; the handler is called from engine entries only. Errors
    // (bad selector, expired resourceVersion) arrive as one ERROR event.
    KUBESIM_DECL std::uint64_t watch(const kind_ops& ops, std::string_view ns, const watch_options& opt,
                                     erased_handler fn);

    KUBESIM_DECL void unwatch(const kind_ops& ops, std::uint64_t id);

    // Oldest resourceVersion a watch of this kind can resume from.
    [[nodiscard]] KUBESIM_DECL std::uint64_t compacted_resource_version(const kind_ops& ops);
    [[nodiscard]] KUBESIM_DECL std::size_t count(const kind_ops& ops);
    // The resourceVersion of the kind's latest write (0: none yet): whether
    // anything of the kind changed since a point is one compare.
    [[nodiscard]] KUBESIM_DECL std::uint64_t last_write(const kind_ops& ops);

    // The current object, or null.
    [[nodiscard]] KUBESIM_DECL object_ptr find(const kind_ops& ops, std::string_view ns, std::string_view name);

private:
    // One pointer, so a stored Pod's map node stays 80 bytes: the snapshot, or
    // for a kind with kind_ops::encode its bytes, an immutable buffer (a 4-byte
    // length, then the bytes) that an update replaces and never changes.
    struct entry {
        object_ptr object;
    };
    static KUBESIM_DECL entry make_entry(const kind_ops& ops, const object_ptr& o);
    static KUBESIM_DECL object_ptr make_bytes(std::string_view bytes);
    static KUBESIM_DECL std::string_view bytes_of(const entry& e);
    KUBESIM_DECL object_ptr load(const kind_ops& ops, const entry& e);
    // Kinds stored encoded: the snapshots decoded last, each with the buffer it
    // came from (held, so its address is not reused while here), in slots chosen
    // by that address. Reading an unchanged entry again costs a pointer compare,
    // not a decode. At most decoded_slots kept.
    struct decoded_slot {
        object_ptr bytes{};
        object_ptr object{};
    };
    static constexpr std::size_t decoded_slots = 4096;
    std::vector<decoded_slot> decoded_{};
    struct history_event {
        std::uint64_t rv;
        event_type type;
        object_ptr object;
        object_ptr prev;
    };
    // Writes whose delivery to the live watchers is posted on the engine and not
    // yet run, oldest first. Each write posts one entry that captures only the
    // store (it fits std::function's inline buffer: no allocation per write);
    // the store's entries run in the order they were posted (all at the instant
    // of their write, in the normal lane, never cancelled), so each takes the
    // front of this queue.
    struct pending_delivery {
        const kind_ops* ops;
        history_event event;
    };
    std::deque<pending_delivery> pending_{};
    struct watcher {
        std::string ns{};
        api::labels::selector labels{};
        api::fields::selector fields{};
        std::shared_ptr<erased_handler> fn{};
        std::uint64_t cursor{0};  // last resourceVersion delivered
        bool bookmarks{false};
        bool live{false};  // caught up: served event by event from here on
        std::string index_field{};  // an exact field requirement, if any (spec.nodeName=node-3)
        std::string index_value{};
    };
    // A stored object's node in its table (key and entry): postings point at
    // nodes, so a list through an index reads entries without a lookup.
    using object_node = std::pair<const key_view, entry>;
    struct node_ptr_less {
        bool operator()(const object_node* a, const object_node* b) const noexcept { return a->first < b->first; }
    };
    using posting_list = std::set<const object_node*, node_ptr_less>;
    struct table_t {
        const kind_ops* ops{nullptr};
        std::map<key_view, entry> objects{};
        std::map<std::string, std::map<std::string, posting_list, std::less<>>, std::less<>> label_index{};
        std::map<std::string, posting_list, std::less<>> field_index{};  // kind_ops::indexed_field's values
        std::deque<history_event> history{};
        std::uint64_t compacted_rv{0};  // events with rv <= this are gone
        std::map<std::uint64_t, watcher> watchers{};
        // Watchers by an exact field requirement (field -> value -> ids), and the
        // rest: a write is offered only to the watchers that can match it, so
        // 5,000 kubelets each watching spec.nodeName=<node> cost O(1) per pod write.
        std::map<std::string, std::map<std::string, std::set<std::uint64_t>, std::less<>>, std::less<>> watch_index{};
        std::set<std::uint64_t> unindexed{};
        kind_hooks hooks{};
    };
    using object_iter = std::map<key_view, entry>::iterator;

    KUBESIM_DECL table_t& table(const kind_ops& ops);

    // The request's namespace fills an empty one on the object; both set must
    // agree. Cluster-scoped kinds carry none.
    static KUBESIM_DECL std::optional<api::status> resolve_namespace(const kind_ops& ops, api::object_meta& m,
                                                                     std::string_view ns);

    static KUBESIM_DECL std::optional<std::uint64_t> parse_rv(std::string_view s);

    KUBESIM_DECL std::optional<api::status> check_list_rv(std::string_view rv) const;

    static KUBESIM_DECL result<api::labels::selector> parse_labels(std::string_view s);

    static KUBESIM_DECL result<api::fields::selector> parse_fields(const kind_ops& ops, std::string_view s);

    // The smallest posting list that every match must be in, if the selector has
    // an equality requirement on an indexed label or on the indexed field.
    KUBESIM_DECL const posting_list* best_posting(table_t& t, const api::labels::selector& sel,
                                                  const api::fields::selector& fields = {});

    static KUBESIM_DECL void index_labels(table_t& t, const object_node* node, const api::object_meta* old_meta,
                                          const api::object_meta* new_meta);
    // The labels' and the indexed field's postings of a key, from the old
    // object's (null: created) to the new one's (null: removed).
    static KUBESIM_DECL void index(table_t& t, const object_node* node, const void* old_obj, const void* new_obj);

    KUBESIM_DECL std::string generate_name(table_t& t, const api::object_meta& m);

    KUBESIM_DECL std::optional<api::status> check_namespace(const kind_ops& ops, const api::object_meta& m);

    KUBESIM_DECL result<object_ptr> write_update(const kind_ops& ops, std::shared_ptr<void> obj, std::string_view ns,
                                                 bool status);

    // The tail of every update-like write (update, update_status, bind_pod):
    // stores `next` in place of `old`, the object at `it` as the caller read it
    // (read once: an encoded kind decodes on every read), under a new resourceVersion,
    // re-indexes its labels and records one MODIFIED event.
    KUBESIM_DECL object_ptr commit_update(const kind_ops& ops, table_t& t, object_iter it, const object_ptr& old,
                                          std::shared_ptr<void> next, std::string_view verb);

    // Points the key at the strings of the object now stored under it.
    static KUBESIM_DECL void repoint(const kind_ops& ops, object_iter it);

    static KUBESIM_DECL bool namespace_finalizers_pending(const void* ns);

    // Adds the finalizer a Foreground or Orphan deletion asks for.
    static KUBESIM_DECL bool apply_propagation_finalizers(api::object_meta& m, const delete_options& opt);

    static KUBESIM_DECL api::field::error_list validate_delete_options(const delete_options& opt);

    static KUBESIM_DECL api::status success_status(const kind_ops& ops, const api::object_meta& m);

    KUBESIM_DECL result<delete_result> commit_pending_delete(const kind_ops& ops, table_t& t, object_iter it,
                                                             const object_ptr& old, std::shared_ptr<void> next);

    KUBESIM_DECL result<delete_result> erase(const kind_ops& ops, table_t& t, object_iter it, const object_ptr& old,
                                             std::shared_ptr<void> last = nullptr);

    KUBESIM_DECL void record(table_t& t, event_type type, const object_ptr& obj, const object_ptr& prev,
                             std::string_view verb);

    static KUBESIM_DECL bool passes(const kind_ops& ops, const watcher& w, const object_ptr& o);

    // Removes a watcher and its index entries; returns its handler.
    static KUBESIM_DECL std::shared_ptr<erased_handler> drop_watcher(table_t& t,
                                                                     std::map<std::uint64_t, watcher>::iterator it);

    // What one history event means to one watcher: ADDED, MODIFIED, DELETED (an
    // object leaving a selector counts as deleted, entering as added), or nothing.
    static KUBESIM_DECL std::optional<erased_event> translate(const history_event& ev, bool now_passes,
                                                              bool was_passing);

    // Offers one write to the live watchers that can match it, in watcher order.
    // The entry carries the event, so a live watcher is served however far the
    // history has moved on meanwhile; the history only bounds where a new watch
    // may resume from (upstream's watch cache window).
    KUBESIM_DECL void dispatch(const kind_ops& ops, const history_event& ev);
    // The engine entry of one write: dispatches the oldest pending delivery.
    KUBESIM_DECL void dispatch_next();

    // Catches one new watcher up: the history events after its cursor, up to
    // `upto`, in resourceVersion order. From then on dispatch() serves it.
    KUBESIM_DECL void deliver_to(const std::string& resource, std::uint64_t upto, std::uint64_t id);

    sim::engine* engine_;
    sim::random random_;
    store_options opts_;
    sim::trace* trace_{nullptr};
    std::uint64_t rv_{0};
    std::uint64_t next_watch_id_{0};
    std::map<std::string, table_t, std::less<>> tables_;
    interners interners_;
};

}  // namespace kubesim::store

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/object_store.ipp>
#endif
