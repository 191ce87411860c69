// Definitions of store/informer.hpp.
#pragma once

#include <kubesim/store/informer.hpp>

#include <algorithm>

namespace kubesim::store {

informer_core::informer_core(object_store& s, const kind_ops& ops, std::string ns, list_options selector,
                             sim::duration resync)
    : store_(&s), ops_(&ops), ns_(ops.namespaced ? std::move(ns) : std::string()), selector_(std::move(selector)),
      resync_(resync) {}

void informer_core::on_add(add_fn f, const void* owner) {
    adds_.push_back({owner, std::move(f), true});
}

void informer_core::on_update(update_fn f, const void* owner) {
    updates_.push_back({owner, std::move(f), true});
}

void informer_core::on_delete(delete_fn f, const void* owner) {
    deletes_.push_back({owner, std::move(f), true});
}

void informer_core::stop_for(const void* owner) {
    if (shared_)
        remove_handlers(owner);
    else
        stop();
}

void informer_core::remove_handlers(const void* owner) {
    if (!owner) return;
    for (auto& h : adds_) h.live = h.live && h.owner != owner;
    for (auto& h : updates_) h.live = h.live && h.owner != owner;
    for (auto& h : deletes_) h.live = h.live && h.owner != owner;
}

void informer_core::add_index(std::string name, index_fn fn) {
    indexers_.emplace(std::move(name), std::move(fn));
}

void informer_core::start() {
    if (started_) return;
    started_ = true;
    relist();
    if (resync_.count() > 0) schedule_resync();
}

void informer_core::stop() {
    if (watch_id_) store_->unwatch(*ops_, watch_id_);
    watch_id_ = 0;
    if (resync_timer_.valid()) store_->engine().cancel(resync_timer_);
    resync_timer_ = {};
    for (auto id : pending_) store_->engine().cancel(id);
    pending_.clear();
}

object_ptr informer_core::get(std::string_view ns, std::string_view name) const {
    auto it = cache_.find(key_view{ops_->namespaced ? ns : std::string_view{}, name});
    return it == cache_.end() ? nullptr : it->second;
}

std::vector<object_ptr> informer_core::list(std::string_view ns) const {
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

std::vector<object_ptr> informer_core::list(std::string_view ns, const api::labels::selector& sel) const {
    std::vector<object_ptr> out;
    for (auto& o : list(ns))
        if (sel.matches(ops_->meta(o.get()).labels)) out.push_back(std::move(o));
    return out;
}

std::vector<object_ptr> informer_core::by_index(std::string_view index, std::string_view value) const {
    std::vector<object_ptr> out;
    auto i = indexes_.find(index);
    if (i == indexes_.end()) return out;
    auto v = i->second.find(value);
    if (v == i->second.end()) return out;
    out.reserve(v->second.size());
    for (const auto& [k, o] : v->second) out.push_back(o);
    return out;
}

void informer_core::relist() {
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

void informer_core::on_event(const erased_event& e) {
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

void informer_core::apply(const object_ptr& old_obj, const object_ptr& new_obj) {
    const object_ptr& any = new_obj ? new_obj : old_obj;
    const auto& m = ops_->meta(any.get());
    apply(old_obj, new_obj, cache_.find(key_view{m.namespace_, m.name}));
}

void informer_core::apply(const object_ptr& old_obj, const object_ptr& new_obj,
                          std::map<key_view, object_ptr>::iterator at) {
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

void informer_core::notify(const object_ptr& old_obj, const object_ptr& new_obj) {
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

void informer_core::put(std::map<key_view, object_ptr>& m, const key_view& key, const object_ptr& o) {
    auto [it, inserted] = m.try_emplace(key, o);
    if (!inserted) replace(it, key, o);
}

void informer_core::replace(std::map<key_view, object_ptr>::iterator it, const key_view& key, const object_ptr& o) {
    it->second = o;
    it->first.namespace_ = key.namespace_;
    it->first.name = key.name;
}

void informer_core::reindex(const key_view& key, const object_ptr& old_obj, const object_ptr& new_obj) {
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

void informer_core::schedule_resync() {
    resync_timer_ = store_->engine().schedule_after(resync_, [this] {
        resync_timer_ = {};
        for (const auto& [k, o] : cache_)
            for (std::size_t i = 0; i < updates_.size(); ++i)
                if (updates_[i].live) updates_[i].fn(o, o);
        schedule_resync();
    });
}

void informer_core::forget(sim::timer_id id) {
    for (auto it = pending_.begin(); it != pending_.end(); ++it)
        if (*it == id) {
            pending_.erase(it);
            return;
        }
}

std::shared_ptr<informer_core> shared_informers::core(const kind_ops& ops) {
    for (const auto& c : cores_)
        if (&c->ops() == &ops) return c;
    cores_.push_back(std::make_shared<informer_core>(*store_, ops, std::string(), list_options{}, sim::duration{}));
    cores_.back()->mark_shared();
    return cores_.back();
}

void shared_informers::start() {
    for (const auto& c : cores_) c->start();
}

void shared_informers::stop() {
    for (const auto& c : cores_) c->stop();
}

}  // namespace kubesim::store
