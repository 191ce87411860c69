// kubesim::store::event_recorder: how components (scheduler, kubelet,
// controllers) emit core/v1 Events. Models client-go tools/record/event.go
// (EventRecorder, makeEvent, recordToSink) and tools/record/events_cache.go
// (EventCorrelator: EventAggregator, eventLogger, EventSourceObjectSpamFilter).
//
// What a kubectl user sees, as upstream:
//  - the Event is named `<involvedObject.name>.<hex of UnixNano>` and lives in
//    the involved object's namespace, or "default" for cluster-scoped objects;
//  - an identical event (same source, involved object, type, reason, reporting
//    controller/instance and message) does not create a new object: the first
//    one gets count+1 and a new lastTimestamp (firstTimestamp and name stay);
//  - once 10 events that differ only by message arrive within 10 minutes of
//    each other, further ones are folded into one event whose message is
//    "(combined from similar events): <latest message>" (and that one counts up);
//  - a source may burst 25 events about one object, then 1 per 5 minutes
//    (the spam filter); filtered events are counted in filtered().
//
// Simplifications, documented:
//  - writes are synchronous on the caller's stack (upstream queues them through
//    a broadcaster goroutine); the simulation is single-threaded and this keeps
//    ordering deterministic;
//  - the count update is a get + update of the stored event (upstream sends a
//    strategic merge patch of count, lastTimestamp and message; nothing can
//    interleave here, so the outcome is the same). A vanished event is created
//    afresh, as upstream does on a NotFound patch;
//  - every write failure is an API error (no network to retry over), so it is
//    dropped at once, as upstream gives up on non-retriable errors; dropped()
//    counts them (and events with a type other than Normal/Warning, which
//    upstream refuses with a log line);
//  - the caches are bounded LRUs of 4096 entries, as upstream, keyed by a
//    64-bit digest of upstream's key strings; where upstream drops "any"
//    message from a full similar-events set we drop the smallest digest, so
//    behaviour does not depend on hash-table order;
//  - virtual time has microseconds, so two events about one object in the same
//    microsecond would share a name; the sub-microsecond nanosecond digits are
//    used as a tie-breaker (per recorder, and retried on AlreadyExists);
//  - eventTime stays unset: the core/v1 recorder does not set it (that is the
//    events.k8s.io recorder), which also selects the legacy validation rules.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/api/core/event.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/api/resource.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/hash.hpp>

namespace kubesim::store {

class object_store;

// The correlator's knobs; the defaults are client-go's (events_cache.go).
struct event_recorder_options {
    std::size_t lru_cache_size{4096};                        // maxLruCacheEntries
    std::size_t aggregate_max_events{10};                    // defaultAggregateMaxEvents
    sim::duration aggregate_interval{std::chrono::seconds(600)};  // defaultAggregateIntervalInSeconds
    std::int64_t spam_burst{25};                             // defaultSpamBurst
    sim::duration spam_refill{std::chrono::seconds(300)};    // defaultSpamQPS = 1/300
};

namespace detail {

// A bounded map that forgets its least recently used entry (groupcache/lru).
// Keys are 64-bit FNV-1a digests of upstream's key strings: at 5,000 kubelets
// and 150,000 pods the strings were most of the recorders' memory (a collision
// between two live keys, about 1 in 10^7 at a million keys, would merge their
// counts).
//
// Flat: the entries live in one vector (an evicted entry's place is reused),
// linked in use order by index, and an open-addressing table (linear probing,
// backward-shift deletion) finds them by key. A lookup is one or two cache
// lines instead of a walk down a tree of separately allocated nodes, which was
// a tenth of the envelope benchmark's time. Nothing iterates the table, so its
// layout never reaches behaviour.
template <class V>
class event_lru {
public:
    explicit event_lru(std::size_t cap) : cap_(cap) {}

    // The entry for key, marked most recently used; nullptr when absent.
    V* get(std::uint64_t key) {
        const std::uint32_t i = find(key);
        if (i == none) return nullptr;
        touch(i);
        return &entries_[i].value;
    }
    void put(std::uint64_t key, V value) {
        if (const std::uint32_t i = find(key); i != none) {
            entries_[i].value = std::move(value);
            touch(i);
            return;
        }
        std::uint32_t i = 0;
        if (cap_ != 0 && entries_.size() >= cap_) {
            i = oldest_;  // RemoveOldest; its place takes the new entry
            unlink(i);
            erase_key(entries_[i].key);
            entries_[i].key = key;
            entries_[i].value = std::move(value);
        } else {
            if ((entries_.size() + 1) * 2 > table_.size()) grow();
            i = static_cast<std::uint32_t>(entries_.size());
            entries_.push_back(entry{key, std::move(value), none, none});
        }
        insert_key(key, i);
        link_newest(i);
    }
    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }

private:
    static constexpr std::uint32_t none = 0xffffffffU;
    struct entry {
        std::uint64_t key;
        V value;
        std::uint32_t older, newer;  // use order
    };

    [[nodiscard]] std::size_t home(std::uint64_t key) const noexcept {
        return static_cast<std::size_t>((key * 0x9e3779b97f4a7c15ULL) >> 32) & (table_.size() - 1);
    }
    [[nodiscard]] std::uint32_t find(std::uint64_t key) const noexcept {
        if (table_.empty()) return none;
        for (std::size_t p = home(key);; p = (p + 1) & (table_.size() - 1)) {
            const std::uint32_t i = table_[p];
            if (i == none || entries_[i].key == key) return i;
        }
    }
    void insert_key(std::uint64_t key, std::uint32_t i) {
        std::size_t p = home(key);
        while (table_[p] != none) p = (p + 1) & (table_.size() - 1);
        table_[p] = i;
    }
    void erase_key(std::uint64_t key) {
        const std::size_t mask = table_.size() - 1;
        std::size_t hole = home(key);
        while (entries_[table_[hole]].key != key) hole = (hole + 1) & mask;
        // Backward shift: move later entries of the run into the hole unless
        // their home lies cyclically in (hole, j].
        for (std::size_t j = (hole + 1) & mask; table_[j] != none; j = (j + 1) & mask) {
            const std::size_t h = home(entries_[table_[j]].key);
            const bool stays = hole <= j ? (hole < h && h <= j) : (hole < h || h <= j);
            if (stays) continue;
            table_[hole] = table_[j];
            hole = j;
        }
        table_[hole] = none;
    }
    void grow() {
        table_.assign(std::max<std::size_t>(16, table_.size() * 2), none);
        for (std::uint32_t i = 0; i < entries_.size(); ++i) insert_key(entries_[i].key, i);
    }
    void unlink(std::uint32_t i) {
        auto& e = entries_[i];
        if (e.older != none) entries_[e.older].newer = e.newer;
        else oldest_ = e.newer;
        if (e.newer != none) entries_[e.newer].older = e.older;
        else newest_ = e.older;
        e.older = e.newer = none;
    }
    void link_newest(std::uint32_t i) {
        entries_[i].older = newest_;
        entries_[i].newer = none;
        if (newest_ != none) entries_[newest_].newer = i;
        else oldest_ = i;
        newest_ = i;
    }
    void touch(std::uint32_t i) {
        if (i == newest_) return;
        unlink(i);
        link_newest(i);
    }

    std::size_t cap_{0};
    std::vector<entry> entries_{};
    std::vector<std::uint32_t> table_{};  // entry index per bucket, or none
    std::uint32_t oldest_{none}, newest_{none};
};

}  // namespace detail

class event_recorder {
public:
    KUBESIM_DECL event_recorder(object_store& s, std::string component, std::string host = "",
                                event_recorder_options opts = {});

    // Records an event about the referenced object. type is "Normal" or
    // "Warning"; reason is CamelCase ("Scheduled"); message is for humans
    // ("Successfully assigned default/web to node-2").
    KUBESIM_DECL void event(const api::object_reference& involved, std::string type, std::string reason,
                            std::string message);

    // The same, building the reference from the object (GetReference): kind,
    // apiVersion, namespace, name, uid, resourceVersion.
    template <api::resource Kind>
    void event(const Kind& obj, std::string type, std::string reason, std::string message) {
        event(reference_for(obj), std::move(type), std::move(reason), std::move(message));
    }

    template <api::resource Kind>
    [[nodiscard]] static api::object_reference reference_for(const Kind& obj) {
        api::object_reference r;
        r.kind = std::string(Kind::kind);
        r.api_version = std::string(Kind::api_version);
        r.namespace_ = obj.metadata.namespace_;
        r.name = obj.metadata.name;
        r.uid = obj.metadata.uid;
        r.resource_version = obj.metadata.resource_version;
        return r;
    }

    // Events the API server refused (or with an invalid type): best effort.
    [[nodiscard]] std::size_t dropped() const noexcept { return dropped_; }
    // Events the spam filter skipped.
    [[nodiscard]] std::size_t filtered() const noexcept { return filtered_; }
    [[nodiscard]] const std::string& component() const noexcept { return component_; }
    [[nodiscard]] const std::string& host() const noexcept { return host_; }

    // "%v.%x" of the name and UnixNano of t: at 2025-01-01T00:00:05Z,
    // 1735689605000000000 ns, "web.1816687fea5cf200". Virtual time counts
    // microseconds, so the last three decimal digits of the nanoseconds are
    // free: nano_offset (0..999) separates events made in the same microsecond,
    // which upstream's wall clock would have told apart.
    [[nodiscard]] static KUBESIM_DECL std::string event_name(std::string_view object_name, sim::time_point t,
                                                             std::uint32_t nano_offset = 0);

private:
    // The digests of the distinct messages seen under one aggregate key, a
    // sorted set. Most keys see one message: the smallest digest is kept
    // inline and only the others allocate.
    struct aggregate_record {
        std::uint64_t first{0};
        std::vector<std::uint64_t> more{};
        std::uint32_t count{0};
        sim::time_point last_timestamp{};

        KUBESIM_DECL void insert(std::uint64_t d);
        KUBESIM_DECL void erase_smallest();
    };
    // What the server holds for an event key. The name is kept as its
    // nanosecond suffix: the key includes the involved object's name, so
    // "<name>.<hex>" is rebuilt from it (event_name). Upstream also keeps the
    // resourceVersion for its patch; the update here reads the stored event.
    struct event_log {
        std::int32_t count{0};
        std::optional<api::time> first_timestamp{};
        std::uint64_t name_nanos{0};
    };
    // The UnixNano suffix of an event name made by event_name.
    [[nodiscard]] static KUBESIM_DECL std::uint64_t name_nanos(std::string_view name);
    [[nodiscard]] static KUBESIM_DECL std::string name_from_nanos(std::string_view object_name, std::uint64_t nanos);
    struct spam_record {
        // Token bucket in microseconds of refill time: one event costs
        // spam_refill, the bucket holds spam_burst * spam_refill. Exact integer
        // arithmetic (upstream uses float tokens). E.g. 25 x 300 s: after a
        // burst of 25 the bucket is empty and the 26th event passes 300 s later.
        std::int64_t available{0};
        sim::time_point last{};
    };

    // The three keys share their leading fields, so each extends the digest
    // state of the one before (hashed once per event).
    // getEventKey: everything but the timestamps and count.
    static std::uint64_t event_key(sim::fnv1a aggregate, const api::event& e) {
        return aggregate.field(e.involved_object.field_path).field(e.message).value();
    }
    // EventAggregatorByReasonFunc: the event key without message (and fieldPath).
    static sim::fnv1a aggregate_key(sim::fnv1a spam, const api::event& e) {
        return spam.field(e.type).field(e.reason).field(e.reporting_component).field(e.reporting_instance);
    }
    // getSpamKey: source and involved object.
    static sim::fnv1a spam_key(const api::event& e) {
        const auto& o = e.involved_object;
        return sim::fnv1a{}.field(e.source.component).field(e.source.host).field(o.kind).field(o.namespace_)
            .field(o.name).field(o.uid).field(o.api_version);
    }

    // EventAggregate: returns the cache key the event is counted under, and
    // turns ev into the combined event once the similar-events set is full.
    KUBESIM_DECL std::uint64_t aggregate(api::event& ev, sim::time_point now, sim::fnv1a agg_state);

    // EventSourceObjectSpamFilter.Filter: true when the event must be skipped.
    KUBESIM_DECL bool spam_filtered(std::uint64_t key, sim::time_point now);

    object_store* store_;
    std::string component_{};
    std::string host_{};
    event_recorder_options opts_{};
    detail::event_lru<aggregate_record> aggregates_;
    detail::event_lru<event_log> observed_;
    detail::event_lru<spam_record> spam_;
    std::size_t dropped_{0};
    std::size_t filtered_{0};
    std::optional<sim::time_point> name_time_{};  // the microsecond the last name was made in
    std::uint32_t name_seq_{0};                    // names already made in it
};

}  // namespace kubesim::store

namespace kubesim {
using store::event_recorder;
}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/event_recorder.ipp>
#endif
