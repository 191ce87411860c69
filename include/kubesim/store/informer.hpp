// Informers and listers (client-go tools/cache): list, then watch from the
// list's resourceVersion; keep a cache of the stored snapshots (shared, never
// copied); call add/update/delete handlers through the engine; relist on 410;
// optional periodic resync. Listers read the cache by namespace, selector or a
// named index. informer_core is type-erased; informer<Kind> is a thin facade.
// shared_informers (client-go SharedInformerFactory) gives every controller of
// a controller manager the same all-namespaces informer per kind: one cache,
// one watch, each controller's handlers and indexes on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/resource.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>
#include <kubesim/store/options.hpp>

namespace kubesim::store {

class informer_core {
public:
    using add_fn = std::function<void(const object_ptr&)>;
    using update_fn = std::function<void(const object_ptr& old_obj, const object_ptr& new_obj)>;
    using delete_fn = std::function<void(const object_ptr&)>;
    using index_fn = std::function<std::vector<std::string>(const void*)>;

    KUBESIM_DECL informer_core(object_store& s, const kind_ops& ops, std::string ns, list_options selector,
                               sim::duration resync);
    informer_core(const informer_core&) = delete;
    informer_core& operator=(const informer_core&) = delete;
    ~informer_core() { stop(); }

    // Handlers, optionally tagged with an owner so that remove_handlers(owner)
    // can take them off a shared informer when that owner stops.
    KUBESIM_DECL void on_add(add_fn f, const void* owner = nullptr);
    KUBESIM_DECL void on_update(update_fn f, const void* owner = nullptr);
    KUBESIM_DECL void on_delete(delete_fn f, const void* owner = nullptr);
    // A shared informer (made by shared_informers) outlives its users: one
    // user stopping takes only its own handlers off; the factory stops it.
    void mark_shared() noexcept { shared_ = true; }
    [[nodiscard]] bool shared() const noexcept { return shared_; }
    KUBESIM_DECL void stop_for(const void* owner);
    // The owner's handlers are not called any more (switched off in place:
    // this may run from inside one of them).
    KUBESIM_DECL void remove_handlers(const void* owner);

    // An index: every object is filed under each value fn returns (client-go
    // Indexer). Add indexes before start(). On a shared informer an index name
    // is registered once: users of one name must file objects the same way.
    KUBESIM_DECL void add_index(std::string name, index_fn fn);

    // Lists (synchronously filling the cache), then watches from the list's
    // resourceVersion. Add handlers for the listed objects run through the engine.
    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();

    // True once the initial list has been delivered to the handlers.
    [[nodiscard]] bool has_synced() const noexcept { return synced_; }
    [[nodiscard]] std::uint64_t last_sync_resource_version() const noexcept { return last_rv_; }
    [[nodiscard]] std::uint64_t relists() const noexcept { return relists_; }
    // Counts cache changes: what was derived from the cache at one count is
    // still valid while the count is unchanged.
    [[nodiscard]] std::uint64_t changes() const noexcept { return changes_; }

    [[nodiscard]] KUBESIM_DECL object_ptr get(std::string_view ns, std::string_view name) const;
    // Cached objects in (namespace, name) order; ns "" = all.
    [[nodiscard]] KUBESIM_DECL std::vector<object_ptr> list(std::string_view ns = {}) const;
    [[nodiscard]] KUBESIM_DECL std::vector<object_ptr> list(std::string_view ns,
                                                            const api::labels::selector& sel) const;
    // Objects filed under `value` in the named index, in (namespace, name) order.
    [[nodiscard]] KUBESIM_DECL std::vector<object_ptr> by_index(std::string_view index, std::string_view value) const;
    [[nodiscard]] std::size_t size() const noexcept { return cache_.size(); }
    [[nodiscard]] const kind_ops& ops() const noexcept { return *ops_; }

private:
    KUBESIM_DECL void relist();

    KUBESIM_DECL void on_event(const erased_event& e);

    // Cache and index maintenance (synchronous). `at` is the object's cache
    // entry when the caller has already looked it up.
    KUBESIM_DECL void apply(const object_ptr& old_obj, const object_ptr& new_obj);
    KUBESIM_DECL void apply(const object_ptr& old_obj, const object_ptr& new_obj,
                            std::map<key_view, object_ptr>::iterator at);
    KUBESIM_DECL void notify(const object_ptr& old_obj, const object_ptr& new_obj);
    // Keys view the cached snapshot's own name strings (key views into o): an
    // entry replaced by a newer snapshot is pointed at that snapshot's equal
    // strings, which keeps the map's order intact.
    static KUBESIM_DECL void put(std::map<key_view, object_ptr>& m, const key_view& key, const object_ptr& o);
    static KUBESIM_DECL void replace(std::map<key_view, object_ptr>::iterator it, const key_view& key,
                                     const object_ptr& o);
    // Moves the object from the index values of old_obj to those of new_obj
    // (either may be null). A value both have keeps its entry, re-pointed at the
    // new snapshot: a status update, which changes no index value, erases and
    // inserts no index entry.
    KUBESIM_DECL void reindex(const key_view& key, const object_ptr& old_obj, const object_ptr& new_obj);
    KUBESIM_DECL void schedule_resync();
    KUBESIM_DECL void forget(sim::timer_id id);

    object_store* store_;
    const kind_ops* ops_;
    std::string ns_;
    list_options selector_;
    sim::duration resync_;
    bool started_{false};
    bool shared_{false};
    bool synced_{false};
    std::uint64_t watch_id_{0};
    std::uint64_t last_rv_{0};
    std::uint64_t relists_{0};
    std::uint64_t changes_{0};
    sim::timer_id resync_timer_{};
    std::vector<sim::timer_id> pending_;
    std::map<key_view, object_ptr> cache_;
    template <class Fn>
    struct handler {
        const void* owner;
        Fn fn;
        bool live;
    };
    std::vector<handler<add_fn>> adds_;
    std::vector<handler<update_fn>> updates_;
    std::vector<handler<delete_fn>> deletes_;
    std::map<std::string, index_fn, std::less<>> indexers_;
    // index name -> value -> the objects filed under it (the snapshot, so a
    // lookup needs no second search of the cache).
    std::map<std::string, std::map<std::string, std::map<key_view, object_ptr>, std::less<>>, std::less<>> indexes_;
};

// Read-only typed view of an informer's cache.
template <api::resource Kind>
class lister {
public:
    using ptr = std::shared_ptr<const Kind>;
    explicit lister(const informer_core& core) : core_(&core) {}

    [[nodiscard]] ptr get(std::string_view ns, std::string_view name) const {
        return std::static_pointer_cast<const Kind>(core_->get(ns, name));
    }
    [[nodiscard]] ptr get(std::string_view name) const { return get({}, name); }
    [[nodiscard]] std::vector<ptr> list(std::string_view ns = {}) const { return cast(core_->list(ns)); }
    [[nodiscard]] std::vector<ptr> list(std::string_view ns, const api::labels::selector& sel) const {
        return cast(core_->list(ns, sel));
    }
    [[nodiscard]] std::vector<ptr> by_index(std::string_view index, std::string_view value) const {
        return cast(core_->by_index(index, value));
    }

private:
    static std::vector<ptr> cast(std::vector<object_ptr> v) {
        std::vector<ptr> out;
        out.reserve(v.size());
        for (auto& o : v) out.push_back(std::static_pointer_cast<const Kind>(std::move(o)));
        return out;
    }
    const informer_core* core_;
};

// SharedInformerFactory: one all-namespaces informer per kind, made on first
// request. Every component that asks for a kind gets a facade on the same core
// and registers its handlers and indexes there; start() starts them all, once
// every user is constructed (a handler added later misses the initial list).
class shared_informers {
public:
    explicit shared_informers(object_store& s) : store_(&s) {}
    shared_informers(const shared_informers&) = delete;
    shared_informers& operator=(const shared_informers&) = delete;

    [[nodiscard]] KUBESIM_DECL std::shared_ptr<informer_core> core(const kind_ops& ops);
    // In the order the kinds were first requested.
    KUBESIM_DECL void start();
    KUBESIM_DECL void stop();
    [[nodiscard]] object_store& store() const noexcept { return *store_; }

private:
    object_store* store_;
    std::vector<std::shared_ptr<informer_core>> cores_;
};

template <api::resource Kind>
class informer {
public:
    using ptr = std::shared_ptr<const Kind>;

    // ns "" = all namespaces; selector narrows by label/field selector.
    explicit informer(object_store& s, std::string ns = {}, list_options selector = {}, sim::duration resync = {})
        : core_(std::make_shared<informer_core>(s, kind_ops_of<Kind>(), std::move(ns), std::move(selector), resync)) {}
    // The factory's informer of this kind when `shared` is given, else an own
    // all-namespaces one on s.
    informer(object_store& s, shared_informers* shared)
        : core_(shared ? shared->core(kind_ops_of<Kind>())
                       : std::make_shared<informer_core>(s, kind_ops_of<Kind>(), std::string(), list_options{},
                                                         sim::duration{})) {}
    informer(const informer&) = delete;
    informer& operator=(const informer&) = delete;
    ~informer() { stop(); }

    void on_add(std::function<void(const ptr&)> f) {
        core_->on_add([f = std::move(f)](const object_ptr& o) { f(std::static_pointer_cast<const Kind>(o)); }, this);
    }
    void on_update(std::function<void(const ptr& old_obj, const ptr& new_obj)> f) {
        core_->on_update(
            [f = std::move(f)](const object_ptr& a, const object_ptr& b) {
                f(std::static_pointer_cast<const Kind>(a), std::static_pointer_cast<const Kind>(b));
            },
            this);
    }
    void on_delete(std::function<void(const ptr&)> f) {
        core_->on_delete([f = std::move(f)](const object_ptr& o) { f(std::static_pointer_cast<const Kind>(o)); }, this);
    }
    void add_index(std::string name, std::function<std::vector<std::string>(const Kind&)> fn) {
        core_->add_index(std::move(name),
                         [fn = std::move(fn)](const void* p) { return fn(*static_cast<const Kind*>(p)); });
    }
    // A shared informer is started by its factory (starting it here too is
    // harmless); stopping takes only this facade's handlers off it.
    void start() { core_->start(); }
    void stop() { core_->stop_for(this); }
    [[nodiscard]] bool has_synced() const noexcept { return core_->has_synced(); }
    [[nodiscard]] bool shared() const noexcept { return core_->shared(); }
    [[nodiscard]] store::lister<Kind> lister() const { return store::lister<Kind>(*core_); }
    [[nodiscard]] ptr get(std::string_view ns, std::string_view name) const { return lister().get(ns, name); }
    [[nodiscard]] informer_core& core() noexcept { return *core_; }

private:
    std::shared_ptr<informer_core> core_;
};

}  // namespace kubesim::store

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/informer.ipp>
#endif
