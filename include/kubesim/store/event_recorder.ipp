// Definitions of store/event_recorder.hpp.
#pragma once

#include <kubesim/store/event_recorder.hpp>

#include <algorithm>
#include <charconv>
#include <memory>

#include <kubesim/result.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::store {

event_recorder::event_recorder(object_store& s, std::string component, std::string host,
                               event_recorder_options opts)
    : store_(&s),
      component_(std::move(component)),
      host_(std::move(host)),
      opts_(opts),
      aggregates_(opts.lru_cache_size),
      observed_(opts.lru_cache_size),
      spam_(opts.lru_cache_size) {}

std::string event_recorder::event_name(std::string_view object_name, sim::time_point t, std::uint32_t nano_offset) {
    const auto nanos = static_cast<std::uint64_t>(sim::epoch_unix_seconds) * 1000000000ULL +
                       static_cast<std::uint64_t>(t.time_since_epoch().count()) * 1000ULL + nano_offset % 1000U;
    return name_from_nanos(object_name, nanos);
}

std::uint64_t event_recorder::name_nanos(std::string_view name) {
    std::uint64_t v = 0;
    const auto dot = name.rfind('.');
    if (dot != std::string_view::npos) std::from_chars(name.data() + dot + 1, name.data() + name.size(), v, 16);
    return v;
}

std::string event_recorder::name_from_nanos(std::string_view object_name, std::uint64_t nanos) {
    char buf[17]{};
    auto res = std::to_chars(buf, buf + sizeof buf, nanos, 16);
    std::string out(object_name);
    out += '.';
    out.append(buf, res.ptr);
    return out;
}

std::uint64_t event_recorder::aggregate(api::event& ev, sim::time_point now, sim::fnv1a agg_state) {
    const std::uint64_t agg = agg_state.value();
    aggregate_record* rec = aggregates_.get(agg);
    if (!rec) {
        aggregates_.put(agg, aggregate_record{});
        rec = aggregates_.get(agg);
    }
    if (rec->count == 0 || now - rec->last_timestamp > opts_.aggregate_interval) *rec = aggregate_record{};
    rec->insert(sim::fnv1a{}.bytes(ev.message).value());
    rec->last_timestamp = now;
    if (rec->count < opts_.aggregate_max_events) return event_key(agg_state, ev);
    rec->erase_smallest();  // keep the set at most max-1
    ev.message = "(combined from similar events): " + ev.message;
    return agg;
}

bool event_recorder::spam_filtered(std::uint64_t key, sim::time_point now) {
    const std::int64_t cost = opts_.spam_refill.count();
    const std::int64_t cap = cost * opts_.spam_burst;
    spam_record rec{cap, now};
    if (auto* found = spam_.get(key)) rec = *found;
    const std::int64_t elapsed = (now - rec.last).count();
    rec.available = std::min(cap, rec.available + std::max<std::int64_t>(elapsed, 0));
    rec.last = now;
    const bool skip = rec.available < cost;
    if (!skip) rec.available -= cost;
    spam_.put(key, rec);
    return skip;
}

void event_recorder::aggregate_record::insert(std::uint64_t d) {
    if (count == 0) {
        first = d;
    } else if (d < first) {
        more.insert(more.begin(), first);
        first = d;
    } else if (d == first) {
        return;
    } else {
        auto at = std::lower_bound(more.begin(), more.end(), d);
        if (at != more.end() && *at == d) return;
        more.insert(at, d);
    }
    ++count;
}

void event_recorder::aggregate_record::erase_smallest() {
    if (count == 0) return;
    if (!more.empty()) {
        first = more.front();
        more.erase(more.begin());
    }
    --count;
}

void event_recorder::event(const api::object_reference& involved, std::string type, std::string reason,
                           std::string message) {
    // generateEvent: ValidateEventType.
    if (type != "Normal" && type != "Warning") {
        ++dropped_;
        return;
    }
    const sim::time_point now = store_->now();

    // makeEvent.
    api::event ev;
    if (now != name_time_) {
        name_time_ = now;
        name_seq_ = 0;
    } else if (name_seq_ < 999) {
        ++name_seq_;
    }
    std::uint32_t nano_offset = name_seq_;
    ev.metadata.name = event_name(involved.name, now, nano_offset);
    ev.metadata.namespace_ = involved.namespace_.empty() ? std::string("default") : involved.namespace_;
    ev.involved_object = involved;
    ev.reason = std::move(reason);
    ev.message = std::move(message);
    ev.first_timestamp = now;
    ev.last_timestamp = now;
    ev.count = 1;
    ev.type = std::move(type);
    ev.source.component = component_;
    ev.source.host = host_;
    ev.reporting_component = component_;
    ev.reporting_instance = host_;

    // EventCorrelate: aggregate, observe (the cache counts even a filtered
    // event, as upstream), then the spam filter.
    const sim::fnv1a spam = spam_key(ev);
    const std::uint64_t key = aggregate(ev, now, aggregate_key(spam, ev));
    bool existing = false;
    if (auto* last = observed_.get(key); last && last->count > 0) {
        existing = true;
        ev.metadata.name = name_from_nanos(involved.name, last->name_nanos);
        ev.first_timestamp = last->first_timestamp;
        ev.count = last->count + 1;
    }
    observed_.put(key, event_log{ev.count, ev.first_timestamp, name_nanos(ev.metadata.name)});
    if (spam_filtered(spam.value(), now)) {
        ++filtered_;
        return;
    }

    // recordToSink / recordEvent, on the store's snapshots (no typed copies).
    const auto& ops = kind_ops_of<api::event>();
    const std::string ns = ev.metadata.namespace_;
    std::optional<result<object_ptr>> written;
    bool create = !existing;
    if (existing) {
        auto cur = store_->get(ops, ns, ev.metadata.name);
        if (cur) {
            auto next = std::make_shared<api::event>(*static_cast<const api::event*>(cur->get()));
            next->count = ev.count;
            next->last_timestamp = ev.last_timestamp;
            next->message = ev.message;
            written.emplace(store_->update(ops, std::move(next), ns));
            if (!*written && written->error().reason == "NotFound") create = true;
        } else if (cur.error().reason == "NotFound") {
            create = true;
        } else {
            written.emplace(cur.error());
        }
    }
    if (create) {
        auto obj = std::make_shared<api::event>(std::move(ev));
        written.emplace(store_->create(ops, obj, ns));
        // A fresh name taken by another recorder in the same microsecond: the
        // next nanosecond, as a later wall-clock reading would have been. (A
        // refused create only filled in what the next attempt sets again.)
        while (!existing && !*written && written->error().reason == "AlreadyExists" && nano_offset < 999) {
            obj->metadata.name = event_name(involved.name, now, ++nano_offset);
            written.emplace(store_->create(ops, obj, ns));
        }
    }
    if (!*written) {
        ++dropped_;
        return;
    }
    // UpdateState: remember what the server holds.
    const auto& stored = *static_cast<const api::event*>((*written)->get());
    observed_.put(key, event_log{stored.count, stored.first_timestamp, name_nanos(stored.metadata.name)});
}

}  // namespace kubesim::store
