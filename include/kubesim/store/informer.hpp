// Informers and listers (client-go tools/cache): list, then watch from the
// list's resourceVersion; keep a cache of the stored snapshots (shared, never
// copied); call add/update/delete handlers through the engine; relist on 410;
// optional periodic resync. Listers read the cache by namespace, selector or a
// named index. informer_core is type-erased; informer<Kind> is a thin facade.
// shared_informers (client-go SharedInformerFactory) gives every controller of
// a controller manager the same all-namespaces informer per kind: one cache,
// one watch, each controller's handlers and indexes on it.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

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

    informer_core(object_store& s, const kind_ops& ops, std::string ns, list_options selector, sim::duration resync)
        : store_(&s), ops_(&ops), ns_(ops.namespaced ? std::move(ns) : std::string()), selector_(std::move(selector)),
          resync_(resync) {}
    informer_core(const informer_core&) = delete;
    informer_core& operator=(const informer_core&) = delete;
    ~informer_core() { stop(); }

    // Handlers, optionally tagged with an owner so that remove_handlers(owner)
    // can take them off a shared informer when that owner stops.
    void on_add(add_fn f, const void* owner = nullptr) { adds_.push_back({owner, std::move(f), true}); }
    void on_update(update_fn f, const void* owner = nullptr) { updates_.push_back({owner, std::move(f), true}); }
    void on_delete(delete_fn f, const void* owner = nullptr) { deletes_.push_back({owner, std::move(f), true}); }
    // A shared informer (made by shared_informers) outlives its users: one
    // user stopping takes only its own handlers off; the factory stops it.
    void mark_shared() noexcept { shared_ = true; }
    [[nodiscard]] bool shared() const noexcept { return shared_; }
    void stop_for(const void* owner) {
        if (shared_)
            remove_handlers(owner);
        else
            stop();
    }
    // The owner's handlers are not called any more (switched off in place:
    // this may run from inside one of them).
    void remove_handlers(const void* owner) {
        if (!owner) return;
        for (auto& h : adds_) h.live = h.live && h.owner != owner;
        for (auto& h : updates_) h.live = h.live && h.owner != owner;
        for (auto& h : deletes_) h.live = h.live && h.owner != owner;
    }

    // An index: every object is filed under each value fn returns (client-go
    // Indexer). Add indexes before start(). On a shared informer an index name
    // is registered once: users of one name must file objects the same way.
    void add_index(std::string name, index_fn fn) { indexers_.emplace(std::move(name), std::move(fn)); }

    // Lists (synchronously filling the cache), then watches from the list's
    // resourceVersion. Add handlers for the listed objects run through the engine.
    void start() {
        if (started_) return;
        started_ = true;
        relist();
        if (resync_.count() > 0) schedule_resync();
    }
    void stop() {
        if (watch_id_) store_->unwatch(*ops_, watch_id_);
        watch_id_ = 0;
        if (resync_timer_.valid()) store_->engine().cancel(resync_timer_);
        resync_timer_ = {};
        for (auto id : pending_) store_->engine().cancel(id);
        pending_.clear();
    }

    // True once the initial list has been delivered to the handlers.
    [[nodiscard]] bool has_synced() const noexcept { return synced_; }
    [[nodiscard]] std::uint64_t last_sync_resource_version() const noexcept { return last_rv_; }
    [[nodiscard]] std::uint64_t relists() const noexcept { return relists_; }
    // Counts cache changes: what was derived from the cache at one count is
    // still valid while the count is unchanged.
    [[nodiscard]] std::uint64_t changes() const noexcept { return changes_; }

    [[nodiscard]] object_ptr get(std::string_view ns, std::string_view name) const {
        auto it = cache_.find(key_view{ops_->namespaced ? ns : std::string_view{}, name});
        return it == cache_.end() ? nullptr : it->second;
    }
    // Cached objects in (namespace, name) order; ns "" = all.
    [[nodiscard]] std::vector<object_ptr> list(std::string_view ns = {}) const {
        std::vector<object_ptr> out;
        if (ns.empty()) {
            out.reserve(cache_.size());
            for (const auto& [k, o] : cache_) out.push_back(o);
        } else {
            for (auto it = cache_.lower_bound(key_view{ns, {}});
                 it != cache_.end() && it->first.namespace_ == ns; ++it)
                out.push_back(it->second);
        }
        return out;
    }
    [[nodiscard]] std::vector<object_ptr> list(std::string_view ns, const api::labels::selector& sel) const {
        std::vector<object_ptr> out;
        for (auto& o : list(ns))
            if (sel.matches(ops_->meta(o.get()).labels)) out.push_back(std::move(o));
        return out;
    }
    // Objects filed under `value` in the named index, in (namespace, name) order.
    [[nodiscard]] std::vector<object_ptr> by_index(std::string_view index, std::string_view value) const {
        std::vector<object_ptr> out;
        auto i = indexes_.find(index);
        if (i == indexes_.end()) return out;
        auto v = i->second.find(value);
        if (v == i->second.end()) return out;
        out.reserve(v->second.size());
        for (const auto& [k, o] : v->second) out.push_back(o);
        return out;
    }
    [[nodiscard]] std::size_t size() const noexcept { return cache_.size(); }
    [[nodiscard]] const kind_ops& ops() const noexcept { return *ops_; }

private:
    void relist() {
        if (watch_id_) store_->unwatch(*ops_, watch_id_);
        watch_id_ = 0;
        auto r = store_->list(*ops_, ns_, selector_);
        if (!r) return;  // a bad selector: the informer stays empty
        ++relists_;
        std::map<key_view, object_ptr> fresh;
        for (auto& o : r->items) {
            const auto& m = ops_->meta(o.get());
            fresh.emplace(key_view{m.namespace_, m.name}, o);
        }
        // Diff against the cache so handlers see what changed while we were away.
        std::vector<std::pair<object_ptr, object_ptr>> changes;  // {old, new}; null old = add, null new = delete
        for (const auto& [k, o] : cache_)
            if (!fresh.count(k)) changes.emplace_back(o, nullptr);
        for (const auto& [k, o] : fresh) {
            auto it = cache_.find(k);
            if (it == cache_.end()) changes.emplace_back(nullptr, o);
            else if (it->second != o) changes.emplace_back(it->second, o);
        }
        for (const auto& [o, n] : changes) apply(o, n);
        last_rv_ = r->resource_version;
        // The handlers hear about the listed objects before any watch event:
        // this entry is queued ahead of the watch's first delivery.
        auto id = std::make_shared<sim::timer_id>();
        *id = store_->engine().post([this, changes = std::move(changes), id] {
            forget(*id);
            for (const auto& [o, n] : changes) notify(o, n);
            synced_ = true;
        });
        pending_.push_back(*id);
        watch_options w;
        w.resource_version = std::to_string(r->resource_version);
        w.label_selector = selector_.label_selector;
        w.field_selector = selector_.field_selector;
        watch_id_ = store_->watch(*ops_, ns_, w, [this](const erased_event& e) { on_event(e); });
    }

    void on_event(const erased_event& e) {
        switch (e.type) {
            case event_type::added:
            case event_type::modified: {
                const auto& m = ops_->meta(e.object.get());
                auto it = cache_.find(key_view{m.namespace_, m.name});
                object_ptr old = it == cache_.end() ? nullptr : it->second;
                apply(old, e.object, it);
                notify(old, e.object);
                break;
            }
            case event_type::deleted: {
                const auto& m = ops_->meta(e.object.get());
                auto it = cache_.find(key_view{m.namespace_, m.name});
                if (it == cache_.end()) break;
                object_ptr old = it->second;
                apply(old, nullptr, it);
                notify(e.object, nullptr);
                break;
            }
            case event_type::bookmark: break;
            case event_type::error:
                // 410 Gone/Expired: the reflector relists and watches again.
                watch_id_ = 0;
                relist();
                return;
        }
        last_rv_ = e.resource_version;
    }

    // Cache and index maintenance (synchronous). `at` is the object's cache
    // entry when the caller has already looked it up.
    void apply(const object_ptr& old_obj, const object_ptr& new_obj) {
        const object_ptr& any = new_obj ? new_obj : old_obj;
        const auto& m = ops_->meta(any.get());
        apply(old_obj, new_obj, cache_.find(key_view{m.namespace_, m.name}));
    }
    void apply(const object_ptr& old_obj, const object_ptr& new_obj, std::map<key_view, object_ptr>::iterator at) {
        ++changes_;
        const object_ptr& any = new_obj ? new_obj : old_obj;
        const auto& m = ops_->meta(any.get());
        const key_view key{m.namespace_, m.name};
        reindex(key, old_obj, new_obj);
        if (!new_obj) {
            if (at != cache_.end()) cache_.erase(at);
        } else if (at == cache_.end()) {
            cache_.emplace(key, new_obj);
        } else {
            replace(at, key, new_obj);
        }
    }
    void notify(const object_ptr& old_obj, const object_ptr& new_obj) {
        // By index: a handler may add handlers (the vector may grow meanwhile).
        if (old_obj && new_obj) {
            for (std::size_t i = 0; i < updates_.size(); ++i)
                if (updates_[i].live) updates_[i].fn(old_obj, new_obj);
        } else if (new_obj) {
            for (std::size_t i = 0; i < adds_.size(); ++i)
                if (adds_[i].live) adds_[i].fn(new_obj);
        } else if (old_obj) {
            for (std::size_t i = 0; i < deletes_.size(); ++i)
                if (deletes_[i].live) deletes_[i].fn(old_obj);
        }
    }
    // Keys view the cached snapshot's own name strings (key views into o): an
    // entry replaced by a newer snapshot is pointed at that snapshot's equal
    // strings, which keeps the map's order intact.
    static void put(std::map<key_view, object_ptr>& m, const key_view& key, const object_ptr& o) {
        auto [it, inserted] = m.try_emplace(key, o);
        if (!inserted) replace(it, key, o);
    }
    static void replace(std::map<key_view, object_ptr>::iterator it, const key_view& key, const object_ptr& o) {
        it->second = o;
        it->first.namespace_ = key.namespace_;
        it->first.name = key.name;
    }
    // Moves the object from the index values of old_obj to those of new_obj
    // (either may be null). A value both have keeps its entry, re-pointed at the
    // new snapshot: a status update, which changes no index value, erases and
    // inserts no index entry.
    void reindex(const key_view& key, const object_ptr& old_obj, const object_ptr& new_obj) {
        for (const auto& [name, fn] : indexers_) {
            auto& idx = indexes_[name];
            const std::vector<std::string> before = old_obj ? fn(old_obj.get()) : std::vector<std::string>{};
            const std::vector<std::string> after = new_obj ? fn(new_obj.get()) : std::vector<std::string>{};
            for (const auto& v : before) {
                if (std::find(after.begin(), after.end(), v) != after.end()) continue;
                auto it = idx.find(v);
                if (it == idx.end()) continue;
                it->second.erase(key);
                if (it->second.empty()) idx.erase(it);
            }
            for (const auto& v : after) put(idx[v], key, new_obj);
        }
    }
    void schedule_resync() {
        resync_timer_ = store_->engine().schedule_after(resync_, [this] {
            resync_timer_ = {};
            for (const auto& [k, o] : cache_)
                for (std::size_t i = 0; i < updates_.size(); ++i)
                    if (updates_[i].live) updates_[i].fn(o, o);
            schedule_resync();
        });
    }
    void forget(sim::timer_id id) {
        for (auto it = pending_.begin(); it != pending_.end(); ++it)
            if (*it == id) {
                pending_.erase(it);
                return;
            }
    }

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

    [[nodiscard]] std::shared_ptr<informer_core> core(const kind_ops& ops) {
        for (const auto& c : cores_)
            if (&c->ops() == &ops) return c;
        cores_.push_back(std::make_shared<informer_core>(*store_, ops, std::string(), list_options{}, sim::duration{}));
        cores_.back()->mark_shared();
        return cores_.back();
    }
    // In the order the kinds were first requested.
    void start() {
        for (const auto& c : cores_) c->start();
    }
    void stop() {
        for (const auto& c : cores_) c->stop();
    }
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
