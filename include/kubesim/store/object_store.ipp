// Definitions of store/object_store.hpp.
#pragma once

#include <kubesim/store/object_store.hpp>

#include <algorithm>
#include <chrono>
#include <cstring>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/sim/trace.hpp>
#include <kubesim/store/compact.hpp>
#include <kubesim/store/kind_ops.hpp>

namespace kubesim::store {

std::string_view to_string(event_type t) {
    switch (t) {
        case event_type::added: return "ADDED";
        case event_type::modified: return "MODIFIED";
        case event_type::deleted: return "DELETED";
        case event_type::bookmark: return "BOOKMARK";
        case event_type::error: return "ERROR";
    }
    return "ERROR";
}

object_store::object_store(sim::engine& eng, std::uint64_t seed, store_options opts)
    : engine_(&eng), random_(sim::random(seed).fork("apiserver")), opts_(opts) {}

void object_store::set_hooks(const kind_ops& ops, kind_hooks h) {
    table(ops).hooks = std::move(h);
}

kind_hooks object_store::hooks(const kind_ops& ops) { return table(ops).hooks; }

result<object_ptr> object_store::create(const kind_ops& ops, std::shared_ptr<void> obj, std::string_view ns) {
    auto& t = table(ops);
    auto& m = ops.meta_mut(obj.get());
    if (auto err = resolve_namespace(ops, m, ns)) return *err;
    if (ops.namespaced && m.namespace_.empty())
        return api::errors::bad_request("an empty namespace may not be set during creation");
    // Upstream this is a plain Go error, which the apiserver answers as a
    // Status with code 500, no reason and the bare message.
    if (!m.resource_version.empty())
        return api::errors::detail::failure("", 500, "resourceVersion should not be set on objects to be created");

    ops.set_defaults(obj.get());
    if (t.hooks.admit) t.hooks.admit(obj.get(), nullptr);
    ops.prepare_for_create(obj.get());
    m.uid = random_.uuid();
    m.creation_timestamp = now();
    m.deletion_timestamp.reset();
    m.deletion_grace_period_seconds.reset();
    m.generation = ops.tracks_generation ? 1 : 0;
    if (m.name.empty() && !m.generate_name.empty()) m.name = generate_name(t, m);

    if (ops.namespaced && !m.namespace_.empty() && ops.resource != "namespaces") {
        if (auto err = check_namespace(ops, m)) return *err;
    }
    if (auto errs = ops.validate(obj.get()); !errs.empty())
        return api::errors::invalid(ops.qualified_kind, m.name.empty() ? m.generate_name : m.name, errs);

    // Where the key goes: the insert below starts there instead of searching
    // again (a kind with a before_write hook searches again after it).
    auto at = t.objects.lower_bound(key_view{m.namespace_, m.name});
    if (at != t.objects.end() && !(key_view{m.namespace_, m.name} < at->first))
        return api::errors::already_exists(ops.qualified_resource, m.name);
    if (t.hooks.before_write) {
        if (auto errs = t.hooks.before_write(obj.get(), nullptr); !errs.empty())
            return api::errors::invalid(ops.qualified_kind, m.name, errs);
        at = t.objects.lower_bound(key_view{m.namespace_, m.name});
    }
    ops.intern(obj.get(), interners_);
    m.resource_version = std::to_string(++rv_);
    object_ptr stored = std::move(obj);
    const auto& sm = ops.meta(stored.get());
    auto it = t.objects.emplace_hint(at, key_view{sm.namespace_, sm.name}, make_entry(ops, stored));
    repoint(ops, it);
    index(t, &*it, nullptr, stored.get());
    record(t, event_type::added, stored, nullptr, "CREATE");
    return stored;
}

result<object_ptr> object_store::get(const kind_ops& ops, std::string_view ns, std::string_view name) {
    auto& t = table(ops);
    auto it = t.objects.find(key_view{ops.namespaced ? ns : std::string_view{}, name});
    if (it == t.objects.end()) return api::errors::not_found(ops.qualified_resource, name);
    return load(ops, it->second);
}

result<list_result> object_store::list(const kind_ops& ops, std::string_view ns, const list_options& opt,
                                       const list_page& page) {
    auto& t = table(ops);
    if (auto err = check_list_rv(opt.resource_version)) return *err;
    auto lsel = parse_labels(opt.label_selector);
    if (!lsel) return lsel.error();
    auto fsel = parse_fields(ops, opt.field_selector);
    if (!fsel) return fsel.error();
    list_result out;
    out.resource_version = rv_;
    const std::string nss = ops.namespaced ? std::string(ns) : std::string();
    const key_view after{page.after_namespace, page.after_name};
    const bool selected = !lsel->empty() || !fsel->empty();
    std::string scratch;
    // Keys come in order; those up to the page's start are skipped unread.
    // Once the page is full, the next match (or, with no selector, the count
    // of the keys left) says what follows.
    std::int64_t left = 0;
    bool full = false;
    auto offer = [&](const key_view& k, const entry& e) {
        if (!nss.empty() && k.namespace_ != nss) return true;
        if (page.after && !(after < k)) return true;
        if (full && !selected) {
            ++left;
            return true;
        }
        const object_ptr o = load(ops, e);
        if (!lsel->matches(ops.meta(o.get()).labels)) return true;
        if (!fsel->empty() &&
            !fsel->matches_with([&](std::string_view f) { return ops.field(o.get(), f, scratch); }))
            return true;
        if (full) {
            out.more = true;
            return false;
        }
        out.items.push_back(o);
        if (page.limit > 0 && out.items.size() == page.limit) full = true;
        return true;
    };
    if (const auto* posting = best_posting(t, *lsel, *fsel)) {
        for (const object_node* n : *posting)
            if (!offer(n->first, n->second)) break;
    } else {
        const key_view first{nss, {}};
        auto it = page.after && !(after < first) ? t.objects.upper_bound(after) : t.objects.lower_bound(first);
        for (; it != t.objects.end() && (nss.empty() || it->first.namespace_ == nss); ++it)
            if (!offer(it->first, it->second)) break;
    }
    if (!selected && left > 0) out.more = true, out.remaining = left;
    return out;
}

result<object_ptr> object_store::bind_pod(std::string_view ns, std::string_view name, std::string_view node,
                                          std::string_view expected_uid) {
    const auto& ops = kind_ops_of<api::pod>();
    auto& t = table(ops);
    if (node.empty())
        return api::errors::invalid("Binding", name, {api::field::required(api::field::path("target").child("name"))});
    auto it = t.objects.find(key_view{ns, name});
    if (it == t.objects.end()) return api::errors::not_found(ops.qualified_resource, name);
    const object_ptr old = load(ops, it->second);
    const auto& cur = *static_cast<const api::pod*>(old.get());
    if (!expected_uid.empty() && expected_uid != cur.metadata.uid)
        return api::errors::conflict(ops.qualified_resource, name,
                                     "Precondition failed: UID in precondition: " + std::string(expected_uid) +
                                         ", UID in object meta: " + cur.metadata.uid);
    const std::string pod_name(name);
    if (cur.metadata.deletion_timestamp)
        return api::errors::conflict("pods/binding", name,
                                     "pod " + pod_name + " is being deleted, cannot be assigned to a host");
    if (!cur.spec.node_name.empty())
        return api::errors::conflict("pods/binding", name,
                                     "pod " + pod_name + " is already assigned to node " +
                                         api::field::quote(cur.spec.node_name));
    auto next = std::make_shared<api::pod>(cur);
    next->spec.node_name = std::string(node);
    // podutil.UpdatePodCondition: the condition is replaced; lastTransitionTime
    // moves only if the status changes (a False from a failed attempt does).
    api::pod_condition scheduled{.type = "PodScheduled", .status = "True",
                                 .observed_generation = cur.metadata.generation};
    auto c = std::find_if(next->status.conditions.begin(), next->status.conditions.end(),
                          [](const api::pod_condition& x) { return x.type == "PodScheduled"; });
    if (c == next->status.conditions.end()) {
        scheduled.last_transition_time = now();
        next->status.conditions.push_back(std::move(scheduled));
    } else {
        scheduled.last_transition_time = c->status == "True" ? c->last_transition_time : now();
        *c = std::move(scheduled);
    }
    return commit_update(ops, t, it, old, std::move(next), "BIND");
}

result<delete_result> object_store::remove(const kind_ops& ops, std::string_view ns, std::string_view name,
                                           const delete_options& opt) {
    auto& t = table(ops);
    if (auto errs = validate_delete_options(opt); !errs.empty())
        return api::errors::invalid("DeleteOptions.meta.k8s.io", "", errs);
    auto it = t.objects.find(key_view{ops.namespaced ? ns : std::string_view{}, name});
    if (it == t.objects.end()) return api::errors::not_found(ops.qualified_resource, name);
    const object_ptr cur = load(ops, it->second);
    const auto& cm = ops.meta(cur.get());
    if (opt.preconditions.uid && *opt.preconditions.uid != cm.uid)
        return api::errors::conflict(ops.qualified_resource, name,
                                     "Precondition failed: UID in precondition: " + *opt.preconditions.uid +
                                         ", UID in object meta: " + cm.uid);
    if (opt.preconditions.resource_version && *opt.preconditions.resource_version != cm.resource_version)
        return api::errors::conflict(ops.qualified_resource, name,
                                     "Precondition failed: ResourceVersion in precondition: " +
                                         *opt.preconditions.resource_version +
                                         ", ResourceVersion in object meta: " + cm.resource_version);

    auto next = ops.clone(cur.get());
    auto& m = ops.meta_mut(next.get());
    bool changed = false;

    // Namespaces: the first delete only marks them Terminating; the namespace
    // controller empties them and clears spec.finalizers.
    if (ops.resource == "namespaces") {
        auto* nsobj = static_cast<api::namespace_*>(next.get());
        changed = apply_propagation_finalizers(m, opt);
        if (!m.deletion_timestamp) {
            m.deletion_timestamp = now();
            m.deletion_grace_period_seconds = 0;
            nsobj->status.phase = "Terminating";
            changed = true;
        }
        if (nsobj->spec.finalizers.empty() && m.finalizers.empty()) return erase(ops, t, it, cur);
        if (!changed) return delete_result{success_status(ops, cm), cur};
        return commit_pending_delete(ops, t, it, cur, next);
    }

    changed = apply_propagation_finalizers(m, opt);

    // Graceful deletion: a pod bound to a node and not finished waits for its
    // kubelet (CheckGracefulDelete); everything else goes at once.
    std::int64_t grace = 0;
    if (ops.graceful_delete && ops.needs_graceful_termination(cur.get()))
        grace = std::max<std::int64_t>(0, opt.grace_period_seconds.value_or(ops.termination_grace(cur.get()).value_or(30)));
    if (m.deletion_timestamp) {
        // Already being deleted: a delete may only shorten the grace period.
        if (ops.graceful_delete && m.deletion_grace_period_seconds && grace < *m.deletion_grace_period_seconds) {
            m.deletion_timestamp = now() + std::chrono::seconds(grace);
            m.deletion_grace_period_seconds = grace;
            changed = true;
        }
        if (grace == 0 && m.finalizers.empty()) return erase(ops, t, it, cur);
        if (!changed) return delete_result{success_status(ops, cm), cur};
        return commit_pending_delete(ops, t, it, cur, next);
    }
    if (grace == 0 && m.finalizers.empty()) return erase(ops, t, it, cur);
    m.deletion_timestamp = now() + std::chrono::seconds(grace);
    m.deletion_grace_period_seconds = grace;
    if (ops.tracks_generation) ++m.generation;
    return commit_pending_delete(ops, t, it, cur, next);
}

std::uint64_t object_store::watch(const kind_ops& ops, std::string_view ns, const watch_options& opt,
                                  erased_handler fn) {
    auto& t = table(ops);
    const std::uint64_t id = ++next_watch_id_;
    watcher w;
    w.ns = ops.namespaced ? std::string(ns) : std::string();
    w.fn = std::make_shared<erased_handler>(std::move(fn));
    w.bookmarks = opt.allow_watch_bookmarks;
    std::optional<api::status> err;
    if (auto l = parse_labels(opt.label_selector)) w.labels = std::move(*l);
    else err = l.error();
    if (!err) {
        if (auto f = parse_fields(ops, opt.field_selector)) w.fields = std::move(*f);
        else err = f.error();
    }
    bool initial = false;
    if (!err) {
        if (opt.resource_version.empty() || opt.resource_version == "0") {
            initial = true;
            w.cursor = rv_;
        } else if (auto v = parse_rv(opt.resource_version)) {
            if (*v < t.compacted_rv)
                err = api::errors::expired("too old resource version: " + opt.resource_version + " (" +
                                           std::to_string(t.compacted_rv) + ")");
            else
                w.cursor = *v;
        } else {
            err = api::errors::bad_request("invalid resource version: " + opt.resource_version);
        }
    }
    std::vector<object_ptr> snapshot;
    if (initial)
        for (const auto& [k, e] : t.objects)
            if (w.ns.empty() || k.namespace_ == w.ns) snapshot.push_back(load(ops, e));
    const std::uint64_t start_rv = w.cursor;
    const std::string resource(ops.resource);
    for (const auto& r : w.fields.requirements())
        if (r.operator_ == api::fields::op::equals) {
            w.index_field = r.field;
            w.index_value = r.value;
            break;
        }
    if (w.index_field.empty()) t.unindexed.insert(id);
    else t.watch_index[w.index_field][w.index_value].insert(id);
    t.watchers.emplace(id, std::move(w));
    engine_->post([this, resource, id, err, snap = std::move(snapshot), initial, start_rv]() mutable {
        auto& tb = tables_.at(resource);
        auto wit = tb.watchers.find(id);
        if (wit == tb.watchers.end()) return;
        if (err) {
            erased_event ev{event_type::error, nullptr, rv_, &*err};
            auto handler = drop_watcher(tb, wit);
            (*handler)(ev);
            return;
        }
        if (initial) {
            for (const auto& o : snap) {
                auto w2 = tb.watchers.find(id);
                if (w2 == tb.watchers.end()) return;
                if (!passes(*tb.ops, w2->second, o)) continue;
                auto handler = w2->second.fn;
                (*handler)(erased_event{event_type::added, o, start_rv, nullptr});
            }
            auto w3 = tb.watchers.find(id);
            if (w3 == tb.watchers.end()) return;
            if (w3->second.bookmarks) {
                auto handler = w3->second.fn;
                (*handler)(erased_event{event_type::bookmark, nullptr, start_rv, nullptr});
            }
        }
        deliver_to(resource, rv_, id);
        auto w4 = tb.watchers.find(id);
        if (w4 != tb.watchers.end()) w4->second.live = true;
    });
    return id;
}

void object_store::unwatch(const kind_ops& ops, std::uint64_t id) {
    auto& t = table(ops);
    auto it = t.watchers.find(id);
    if (it != t.watchers.end()) drop_watcher(t, it);
}

std::uint64_t object_store::compacted_resource_version(const kind_ops& ops) {
    return table(ops).compacted_rv;
}

std::size_t object_store::count(const kind_ops& ops) {
    return table(ops).objects.size();
}

std::uint64_t object_store::last_write(const kind_ops& ops) {
    // The history keeps at least the latest write (watch_history >= 1).
    const auto& t = table(ops);
    return t.history.empty() ? t.compacted_rv : t.history.back().rv;
}

object_ptr object_store::find(const kind_ops& ops, std::string_view ns, std::string_view name) {
    auto& t = table(ops);
    auto it = t.objects.find(key_view{ops.namespaced ? ns : std::string_view{}, name});
    return it == t.objects.end() ? nullptr : load(ops, it->second);
}

object_store::entry object_store::make_entry(const kind_ops& ops, const object_ptr& o) {
    return ops.encode ? entry{make_bytes(ops.encode(o.get()))} : entry{o};
}

object_ptr object_store::make_bytes(std::string_view bytes) {
    const auto n = static_cast<std::uint32_t>(bytes.size());
    KUBESIM_ASSERT(n == bytes.size(), "an encoded object over 4 GiB");
    char* buf = new char[sizeof n + bytes.size()];
    std::memcpy(buf, &n, sizeof n);
    if (!bytes.empty()) std::memcpy(buf + sizeof n, bytes.data(), bytes.size());
    // (the deleter also runs if the control block cannot be allocated)
    return object_ptr(buf, [](const char* p) { delete[] p; });
}

std::string_view object_store::bytes_of(const entry& e) {
    const auto* p = static_cast<const char*>(e.object.get());
    std::uint32_t n = 0;
    std::memcpy(&n, p, sizeof n);
    return {p + sizeof n, n};
}

object_ptr object_store::load(const kind_ops& ops, const entry& e) {
    if (!ops.encode) return e.object;
    if (decoded_.empty()) decoded_.resize(decoded_slots);
    // Fibonacci hashing of the buffer's address; which entries share a slot
    // changes only how often a decode is saved, never what a read returns.
    const auto h = static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(e.object.get())) * 0x9E3779B97F4A7C15ULL;
    auto& slot = decoded_[static_cast<std::size_t>(h >> 52) % decoded_slots];
    if (slot.bytes == e.object) return slot.object;
    object_ptr o(ops.decode(bytes_of(e)));
    slot.bytes = e.object;
    slot.object = o;
    return o;
}

object_store::table_t& object_store::table(const kind_ops& ops) {
    auto it = tables_.find(ops.resource);
    if (it == tables_.end()) {
        it = tables_.emplace(std::string(ops.resource), table_t{}).first;
        it->second.ops = &ops;
    }
    return it->second;
}

std::optional<api::status> object_store::resolve_namespace(const kind_ops& ops, api::object_meta& m,
                                                           std::string_view ns) {
    if (!ops.namespaced) {
        m.namespace_.clear();
        return std::nullopt;
    }
    if (!ns.empty() && !m.namespace_.empty() && m.namespace_ != ns)
        return api::errors::bad_request(
            "the namespace of the provided object does not match the namespace sent on the request");
    if (m.namespace_.empty()) m.namespace_ = std::string(ns);
    return std::nullopt;
}

std::optional<std::uint64_t> object_store::parse_rv(std::string_view s) {
    if (s.empty() || s.size() > 19) return std::nullopt;
    std::uint64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

std::optional<api::status> object_store::check_list_rv(std::string_view rv) const {
    if (rv.empty() || rv == "0") return std::nullopt;
    auto v = parse_rv(rv);
    if (!v) return api::errors::bad_request("invalid resource version: " + std::string(rv));
    if (*v > rv_) {
        auto s = api::errors::detail::failure("Timeout", 504,
                                              "Timeout: Too large resource version: " + std::string(rv) +
                                                  ", current: " + std::to_string(rv_));
        return s;
    }
    return std::nullopt;
}

result<api::labels::selector> object_store::parse_labels(std::string_view s) {
    if (s.empty()) return api::labels::selector::everything();
    return api::labels::parse(s);
}

result<api::fields::selector> object_store::parse_fields(const kind_ops& ops, std::string_view s) {
    if (s.empty()) return api::fields::selector{};
    auto sel = api::fields::parse(s);
    if (!sel) return sel.error();
    for (const auto& r : sel->requirements()) {
        if (std::find(ops.field_labels.begin(), ops.field_labels.end(), r.field) == ops.field_labels.end())
            return api::errors::bad_request("field label not supported: " + r.field);
    }
    return sel;
}

const object_store::posting_list* object_store::best_posting(table_t& t, const api::labels::selector& sel,
                                                             const api::fields::selector& fields) {
    const posting_list* best = nullptr;
    static const posting_list empty;
    if (!t.ops->indexed_field.empty()) {
        if (const auto v = fields.requires_exact_match(t.ops->indexed_field)) {
            auto f = t.field_index.find(*v);
            if (f == t.field_index.end()) return &empty;
            best = &f->second;
        }
    }
    for (const auto& r : sel.requirements()) {
        const bool equality = r.operator_ == api::labels::op::equals || r.operator_ == api::labels::op::double_equals ||
                              (r.operator_ == api::labels::op::in && r.values.size() == 1);
        if (!equality) continue;
        auto k = t.label_index.find(r.key);
        if (k == t.label_index.end()) return &empty;
        auto v = k->second.find(r.values.front());
        if (v == k->second.end()) return &empty;
        if (!best || v->second.size() < best->size()) best = &v->second;
    }
    return best;
}

void object_store::index(table_t& t, const object_node* node, const void* old_obj, const void* new_obj) {
    const auto& ops = *t.ops;
    index_labels(t, node, old_obj ? &ops.meta(old_obj) : nullptr, new_obj ? &ops.meta(new_obj) : nullptr);
    if (ops.indexed_field.empty()) return;
    std::string old_scratch, new_scratch;
    const auto old_v = old_obj ? ops.field(old_obj, ops.indexed_field, old_scratch) : std::string_view();
    const auto new_v = new_obj ? ops.field(new_obj, ops.indexed_field, new_scratch) : std::string_view();
    if (old_obj && new_obj && old_v == new_v) return;
    if (old_obj) {
        auto f = t.field_index.find(old_v);
        f->second.erase(node);
        if (f->second.empty()) t.field_index.erase(f);
    }
    if (new_obj) {
        auto f = t.field_index.find(new_v);
        if (f == t.field_index.end()) f = t.field_index.emplace(std::string(new_v), posting_list{}).first;
        f->second.insert(node);
    }
}

void object_store::index_labels(table_t& t, const object_node* node, const api::object_meta* old_meta,
                                const api::object_meta* new_meta) {
    if (old_meta) {
        for (const auto& [k, v] : old_meta->labels) {
            if (new_meta) {
                auto n = new_meta->labels.find(k);
                if (n != new_meta->labels.end() && n->second == v) continue;
            }
            auto ki = t.label_index.find(k);
            auto vi = ki->second.find(v);
            vi->second.erase(node);
            if (vi->second.empty()) ki->second.erase(vi);
            if (ki->second.empty()) t.label_index.erase(ki);
        }
    }
    if (new_meta) {
        for (const auto& [k, v] : new_meta->labels) {
            if (old_meta) {
                auto o = old_meta->labels.find(k);
                if (o != old_meta->labels.end() && o->second == v) continue;
            }
            auto ki = t.label_index.find(k);
            if (ki == t.label_index.end()) ki = t.label_index.emplace(k, std::map<std::string, posting_list, std::less<>>{}).first;
            auto vi = ki->second.find(v);
            if (vi == ki->second.end()) vi = ki->second.emplace(v, posting_list{}).first;
            vi->second.insert(node);
        }
    }
}

std::string object_store::generate_name(table_t& t, const api::object_meta& m) {
    // SimpleNameGenerator: base cut to 58 characters, then 5 random ones;
    // retried on collision as the registry does (8 attempts).
    std::string base = m.generate_name.substr(0, std::min<std::size_t>(m.generate_name.size(), 58));
    std::string name;
    for (int attempt = 0; attempt < 8; ++attempt) {
        name = base + random_.k8s_string(5);
        if (!t.objects.count(key_view{m.namespace_, name})) break;
    }
    return name;
}

std::optional<api::status> object_store::check_namespace(const kind_ops& ops, const api::object_meta& m) {
    auto nt = tables_.find("namespaces");
    const api::object_meta* nsm = nullptr;
    if (nt != tables_.end()) {
        auto it = nt->second.objects.find(key_view{{}, m.namespace_});
        if (it != nt->second.objects.end()) nsm = &nt->second.ops->meta(it->second.object.get());
    }
    if (!nsm) return api::errors::not_found("namespaces", m.namespace_);
    if (nsm->deletion_timestamp) {
        auto s = api::errors::forbidden(ops.qualified_resource, m.name,
                                        "unable to create new content in namespace " + m.namespace_ +
                                            " because it is being terminated");
        s.details.causes.push_back({"NamespaceTerminating",
                                    "namespace " + m.namespace_ + " is being terminated", "metadata.namespace"});
        s.causes = s.details.causes;
        return s;
    }
    return std::nullopt;
}

result<object_ptr> object_store::write_update(const kind_ops& ops, std::shared_ptr<void> obj, std::string_view ns,
                                              bool status) {
    auto& t = table(ops);
    auto& m = ops.meta_mut(obj.get());
    if (auto err = resolve_namespace(ops, m, ns)) return *err;
    auto it = t.objects.find(key_view{m.namespace_, m.name});
    if (it == t.objects.end()) return api::errors::not_found(ops.qualified_resource, m.name);
    const object_ptr old = load(ops, it->second);
    const auto& om = ops.meta(old.get());
    if (!m.resource_version.empty() && m.resource_version != om.resource_version)
        return api::errors::conflict(ops.qualified_resource, m.name, api::errors::optimistic_lock_error_msg);

    std::shared_ptr<void> next;
    if (status) {
        // Status writes take only .status; spec and metadata stay as stored.
        next = ops.clone(old.get());
        if (obj.use_count() == 1)
            ops.take_status(next.get(), obj.get());  // the caller handed the object over
        else
            ops.set_status(next.get(), obj.get());
    } else {
        next = std::move(obj);
        ops.set_defaults(next.get());
        ops.keep_status(next.get(), old.get());
        auto& nm = ops.meta_mut(next.get());
        nm.generation = om.generation;
        if (nm.uid.empty()) nm.uid = om.uid;
        if (om.creation_timestamp) nm.creation_timestamp = om.creation_timestamp;
        if (om.deletion_timestamp) nm.deletion_timestamp = om.deletion_timestamp;
        if (om.deletion_grace_period_seconds && !nm.deletion_grace_period_seconds)
            nm.deletion_grace_period_seconds = om.deletion_grace_period_seconds;
        if (t.hooks.admit) t.hooks.admit(next.get(), old.get());
        if (t.hooks.prepare_update) t.hooks.prepare_update(next.get(), old.get());
        if (ops.tracks_generation && !ops.spec_equal(next.get(), old.get())) ++nm.generation;
    }
    auto& nm = ops.meta_mut(next.get());
    nm.resource_version = om.resource_version;
    auto errs = status ? ops.validate_status_update(next.get(), old.get()) : ops.validate_update(next.get(), old.get());
    if (!errs.empty()) return api::errors::invalid(ops.qualified_kind, nm.name, errs);
    if (ops.equal(next.get(), old.get())) return old;  // no-op: no new resourceVersion
    if (!status && t.hooks.before_write) {
        if (auto herrs = t.hooks.before_write(next.get(), old.get()); !herrs.empty())
            return api::errors::invalid(ops.qualified_kind, nm.name, herrs);
    }
    // An object being deleted whose last finalizer was just removed goes away
    // (registry Update: shouldDeleteDuringUpdate).
    if (nm.deletion_timestamp && nm.finalizers.empty() && om.deletion_grace_period_seconds &&
        *om.deletion_grace_period_seconds == 0 && !(ops.resource == "namespaces" && namespace_finalizers_pending(next.get()))) {
        object_ptr final_obj = next;  // what the update returns: the object as it was removed
        auto r = erase(ops, t, it, old, std::move(next));
        if (!r) return r.error();
        return final_obj;
    }
    return commit_update(ops, t, it, old, std::move(next), status ? "UPDATE_STATUS" : "UPDATE");
}

object_ptr object_store::commit_update(const kind_ops& ops, table_t& t, object_iter it, const object_ptr& old,
                                       std::shared_ptr<void> next, std::string_view verb) {
    ops.intern(next.get(), interners_);
    ops.meta_mut(next.get()).resource_version = std::to_string(++rv_);
    object_ptr stored = std::move(next);
    index(t, &*it, old.get(), stored.get());
    it->second = make_entry(ops, stored);
    repoint(ops, it);
    record(t, event_type::modified, stored, old, verb);
    return stored;
}

void object_store::repoint(const kind_ops& ops, object_iter it) {
    if (ops.encode) {
        const auto k = compact::key_of(bytes_of(it->second));
        it->first.namespace_ = k.namespace_;
        it->first.name = k.name;
        return;
    }
    const auto& m = ops.meta(it->second.object.get());
    it->first.namespace_ = m.namespace_;
    it->first.name = m.name;
}

bool object_store::namespace_finalizers_pending(const void* ns) {
    return !static_cast<const api::namespace_*>(ns)->spec.finalizers.empty();
}

bool object_store::apply_propagation_finalizers(api::object_meta& m, const delete_options& opt) {
    std::string want;
    if (opt.propagation_policy) {
        if (*opt.propagation_policy == "Foreground") want = "foregroundDeletion";
        else if (*opt.propagation_policy == "Orphan") want = "orphan";
    } else if (opt.orphan_dependents && *opt.orphan_dependents) {
        want = "orphan";
    }
    bool changed = false;
    auto drop = [&](std::string_view f) {
        auto it = std::find(m.finalizers.begin(), m.finalizers.end(), f);
        if (it != m.finalizers.end()) {
            m.finalizers.erase(it);
            changed = true;
        }
    };
    if (opt.propagation_policy && *opt.propagation_policy == "Background") {
        drop("orphan");
        drop("foregroundDeletion");
    }
    if (!want.empty()) {
        drop(want == "orphan" ? "foregroundDeletion" : "orphan");
        if (std::find(m.finalizers.begin(), m.finalizers.end(), want) == m.finalizers.end()) {
            m.finalizers.push_back(want);
            changed = true;
        }
    }
    return changed;
}

api::field::error_list object_store::validate_delete_options(const delete_options& opt) {
    api::field::error_list errs;
    if (opt.orphan_dependents && opt.propagation_policy)
        errs.push_back(api::field::invalid_raw(api::field::path("propagationPolicy"), "\"" + *opt.propagation_policy + "\"",
                                               "orphanDependents and deletionPropagation cannot be both set"));
    if (opt.propagation_policy && *opt.propagation_policy != "Foreground" &&
        *opt.propagation_policy != "Background" && *opt.propagation_policy != "Orphan")
        errs.push_back(api::field::not_supported(api::field::path("propagationPolicy"), *opt.propagation_policy,
                                                 {"Foreground", "Background", "Orphan", "nil"}));
    if (opt.grace_period_seconds && *opt.grace_period_seconds < 0)
        errs.push_back(api::field::invalid(api::field::path("gracePeriodSeconds"), *opt.grace_period_seconds,
                                           "must be greater than or equal to 0"));
    return errs;
}

api::status object_store::success_status(const kind_ops& ops, const api::object_meta& m) {
    api::status s;
    s.status_ = "Success";
    s.code = 200;
    s.details.name = m.name;
    s.details.group = std::string(ops.group);
    s.details.kind = std::string(ops.resource);
    s.details.uid = m.uid;
    return s;
}

result<delete_result> object_store::commit_pending_delete(const kind_ops& ops, table_t& t, object_iter it,
                                                          const object_ptr& old, std::shared_ptr<void> next) {
    auto& nm = ops.meta_mut(next.get());
    nm.resource_version = std::to_string(++rv_);
    object_ptr stored = std::move(next);
    it->second = make_entry(ops, stored);
    repoint(ops, it);
    record(t, event_type::modified, stored, old, "DELETE(pending)");
    return delete_result{success_status(ops, ops.meta(stored.get())), stored};
}

result<delete_result> object_store::erase(const kind_ops& ops, table_t& t, object_iter it, const object_ptr& old,
                                          std::shared_ptr<void> last) {
    if (!last) last = ops.clone(old.get());
    auto& lm = ops.meta_mut(last.get());
    lm.resource_version = std::to_string(++rv_);
    object_ptr final_obj = std::move(last);
    index(t, &*it, old.get(), nullptr);
    const auto status = success_status(ops, ops.meta(final_obj.get()));
    t.objects.erase(it);
    record(t, event_type::deleted, final_obj, old, "DELETE");
    if (t.hooks.after_delete) t.hooks.after_delete(final_obj.get());
    return delete_result{status, nullptr};
}

void object_store::record(table_t& t, event_type type, const object_ptr& obj, const object_ptr& prev,
                          std::string_view verb) {
    t.history.push_back(history_event{rv_, type, obj, prev});
    while (t.history.size() > std::max<std::size_t>(opts_.watch_history, 1)) {
        t.compacted_rv = t.history.front().rv;
        t.history.pop_front();
    }
    if (trace_ && trace_->enabled()) {
        const auto& m = t.ops->meta(obj.get());
        std::string what(verb);
        what += ' ';
        what += t.ops->resource;
        what += ' ';
        if (!m.namespace_.empty()) {
            what += m.namespace_;
            what += '/';
        }
        what += m.name;
        what += " rv=";
        what += std::to_string(rv_);
        trace_->emit(now(), "apiserver", what);
    }
    if (!t.watchers.empty()) {
        pending_.push_back(pending_delivery{t.ops, t.history.back()});
        engine_->post([this] { dispatch_next(); });
    }
}

void object_store::dispatch_next() {
    KUBESIM_ASSERT(!pending_.empty(), "a delivery entry without its write");
    const pending_delivery p = std::move(pending_.front());
    pending_.pop_front();
    dispatch(*p.ops, p.event);
}

bool object_store::passes(const kind_ops& ops, const watcher& w, const object_ptr& o) {
    const auto& m = ops.meta(o.get());
    if (!w.ns.empty() && m.namespace_ != w.ns) return false;
    if (!w.labels.matches(m.labels)) return false;
    if (w.fields.empty()) return true;
    std::string scratch;
    return w.fields.matches_with([&](std::string_view f) { return ops.field(o.get(), f, scratch); });
}

std::shared_ptr<erased_handler> object_store::drop_watcher(table_t& t, std::map<std::uint64_t, watcher>::iterator it) {
    auto handler = std::move(it->second.fn);
    const auto& w = it->second;
    if (w.index_field.empty()) {
        t.unindexed.erase(it->first);
    } else {
        auto f = t.watch_index.find(w.index_field);
        auto v = f->second.find(w.index_value);
        v->second.erase(it->first);
        if (v->second.empty()) f->second.erase(v);
        if (f->second.empty()) t.watch_index.erase(f);
    }
    t.watchers.erase(it);
    return handler;
}

std::optional<erased_event> object_store::translate(const history_event& ev, bool now_passes, bool was_passing) {
    erased_event out;
    out.resource_version = ev.rv;
    switch (ev.type) {
        case event_type::added:
            if (!now_passes) return std::nullopt;
            out.type = event_type::added;
            out.object = ev.object;
            return out;
        case event_type::modified:
            if (now_passes && was_passing) out.type = event_type::modified, out.object = ev.object;
            else if (now_passes) out.type = event_type::added, out.object = ev.object;
            else if (was_passing) out.type = event_type::deleted, out.object = ev.prev;
            else return std::nullopt;
            return out;
        case event_type::deleted:
            if (!now_passes && !was_passing) return std::nullopt;
            out.type = event_type::deleted;
            out.object = ev.object;
            return out;
        default: return std::nullopt;
    }
}

void object_store::dispatch(const kind_ops& ops, const history_event& ev) {
    auto& t = table(ops);
    const std::uint64_t rv = ev.rv;
    // The watchers to consider, in id (registration) order, each once.
    std::vector<std::uint64_t> ids(t.unindexed.begin(), t.unindexed.end());
    std::string scratch;
    for (const auto& [field, by_value] : t.watch_index) {
        for (const auto* o : {ev.object.get(), ev.prev.get()}) {
            if (!o) continue;
            auto v = by_value.find(t.ops->field(o, field, scratch));
            if (v != by_value.end()) ids.insert(ids.end(), v->second.begin(), v->second.end());
        }
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    for (auto id : ids) {
        auto wit = t.watchers.find(id);
        if (wit == t.watchers.end()) continue;
        auto& w = wit->second;
        if (!w.live || w.cursor >= rv) continue;
        w.cursor = rv;
        const bool now_passes = passes(*t.ops, w, ev.object);
        const bool was_passing = ev.prev && passes(*t.ops, w, ev.prev);
        if (auto out = translate(ev, now_passes, was_passing)) {
            auto handler = w.fn;  // the handler may stop this watch
            (*handler)(*out);
        }
    }
}

void object_store::deliver_to(const std::string& resource, std::uint64_t upto, std::uint64_t id) {
    auto tit = tables_.find(resource);
    if (tit == tables_.end()) return;
    auto& t = tit->second;
    for (;;) {
        auto wit = t.watchers.find(id);
        if (wit == t.watchers.end()) return;
        auto& w = wit->second;
        if (w.cursor >= upto) return;
        if (w.cursor < t.compacted_rv) {
            const auto err = api::errors::expired("too old resource version: " + std::to_string(w.cursor) + " (" +
                                                  std::to_string(t.compacted_rv) + ")");
            auto handler = drop_watcher(t, wit);
            (*handler)(erased_event{event_type::error, nullptr, rv_, &err});
            return;
        }
        auto hit = std::upper_bound(t.history.begin(), t.history.end(), w.cursor,
                                    [](std::uint64_t v, const history_event& e) { return v < e.rv; });
        if (hit == t.history.end() || hit->rv > upto) {
            w.cursor = upto;
            return;
        }
        const history_event ev = *hit;
        w.cursor = ev.rv;
        const bool now_passes = passes(*t.ops, w, ev.object);
        const bool was_passing = ev.prev && passes(*t.ops, w, ev.prev);
        if (auto out = translate(ev, now_passes, was_passing)) {
            auto handler = w.fn;
            (*handler)(*out);
        }
    }
}

}  // namespace kubesim::store
