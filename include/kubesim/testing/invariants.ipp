#pragma once

#include <kubesim/testing/invariants.hpp>

#include <algorithm>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/kinds.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/controllers/deployment/util.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::testing {

namespace detail {

// Every object of a kind (ns "" = all namespaces), as the store holds it: no copies.
template <class Kind>
std::vector<std::shared_ptr<const Kind>> stored(cluster& c, std::string_view ns = {}) {
    std::vector<std::shared_ptr<const Kind>> out;
    auto r = c.store().list(store::kind_ops_of<Kind>(), ns, {});
    if (!r) return out;
    out.reserve(r->items.size());
    for (auto& o : r->items) out.push_back(std::static_pointer_cast<const Kind>(o));
    return out;
}

KUBESIM_DECL std::string ns_name(const api::object_meta& m) {
    return m.namespace_.empty() ? m.name : m.namespace_ + "/" + m.name;
}

KUBESIM_DECL const api::pod_condition* pod_condition(const api::pod& p, std::string_view type) {
    for (const auto& c : p.status.conditions)
        if (c.type == type) return &c;
    return nullptr;
}

KUBESIM_DECL bool node_ready(const api::node& n) {
    for (const auto& c : n.status.conditions)
        if (c.type == "Ready") return c.status == "True";
    return false;
}

KUBESIM_DECL bool finished(const api::pod& p) { return p.status.phase == "Succeeded" || p.status.phase == "Failed"; }

// The latest writes of some kinds: moved() tells whether one of them was
// written since the previous call (true the first time), so an invariant reads
// the store only when what it looks at changed.
struct watermark {
    std::vector<std::pair<const store::kind_ops*, std::uint64_t>> kinds{};
    bool moved(cluster& c) {
        bool any = false;
        for (auto& [ops, seen] : kinds) {
            const std::uint64_t v = c.store().last_write(*ops);
            if (v != seen) any = true;
            seen = v;
        }
        return any;
    }
};
template <class... Kinds>
watermark watermark_of() {
    return watermark{{{&store::kind_ops_of<Kinds>(), ~std::uint64_t{0}}...}};
}

// A mismatch seen since some instant: what a lagging controller may leave for a while.
struct lagging {
    std::map<std::string, sim::time_point> since{};
    // Keeps the keys still present (recording new ones at now); the first
    // that has lasted longer than `bound`, if any.
    std::optional<std::string> update(const std::map<std::string, std::string>& present, sim::time_point now,
                                      sim::duration bound, std::optional<sim::time_point>& deadline) {
        deadline.reset();
        if (present.empty() && since.empty()) return std::nullopt;
        std::map<std::string, sim::time_point> next;
        std::optional<std::string> late;
        deadline.reset();
        for (const auto& [key, what] : present) {
            auto it = since.find(key);
            const sim::time_point t0 = it == since.end() ? now : it->second;
            next.emplace(key, t0);
            if (now - t0 > bound) {
                if (!late) late = what + " (for " + sim::go_duration(now - t0) + ", more than " + sim::go_duration(bound) + ")";
            } else if (!deadline || t0 + bound < *deadline) {
                deadline = t0 + bound;
            }
        }
        since = std::move(next);
        return late;
    }
};

}  // namespace detail

KUBESIM_DECL invariant make_invariant(std::string name, check_fn check) {
    return invariant{std::move(name), [check = std::move(check)](cluster&) { return check; }};
}

KUBESIM_DECL invariant unique_pod_ips(sim::duration lag) {
    return invariant{"unique-pod-ips", [lag](cluster&) -> check_fn {
        struct state {
            detail::lagging duplicates{};
            std::optional<sim::time_point> deadline{};
            detail::watermark written = detail::watermark_of<api::pod>();
        };
        auto st = std::make_shared<state>();
        return [lag, st](const check_context& ctx) -> std::optional<std::string> {
            const bool due = st->deadline && ctx.now >= *st->deadline;
            const bool moved = ctx.changed && st->written.moved(ctx.cluster);
            if (!due && !moved) return std::nullopt;
            std::map<std::string_view, const api::pod*> owner;
            std::map<std::string, std::string> present;
            auto pods = detail::stored<api::pod>(ctx.cluster);
            for (const auto& p : pods) {
                if (p->status.pod_ip.empty() || detail::finished(*p)) continue;
                auto [it, fresh] = owner.emplace(p->status.pod_ip, p.get());
                if (!fresh)
                    present.emplace(p->status.pod_ip + "/" + it->second->metadata.uid + "/" + p->metadata.uid,
                                    "pods " + detail::ns_name(it->second->metadata) + " (" +
                                        it->second->spec.node_name + ") and " + detail::ns_name(p->metadata) + " (" +
                                        p->spec.node_name + ") both have IP " + p->status.pod_ip);
            }
            return st->duplicates.update(present, ctx.now, lag, st->deadline);
        };
    }};
}

KUBESIM_DECL invariant running_pods_have_ips() {
    return invariant{"running-pods-have-ips", [](cluster&) -> check_fn {
        auto written = std::make_shared<detail::watermark>(detail::watermark_of<api::pod, api::node>());
        return [written](const check_context& ctx) -> std::optional<std::string> {
            if (!ctx.changed || !written->moved(ctx.cluster)) return std::nullopt;
            std::map<std::string, bool, std::less<>> ready;
            for (const auto& n : detail::stored<api::node>(ctx.cluster)) ready[n->metadata.name] = detail::node_ready(*n);
            for (const auto& p : detail::stored<api::pod>(ctx.cluster)) {
                if (p->status.phase != "Running" || !p->status.pod_ip.empty()) continue;
                auto it = ready.find(p->spec.node_name);
                if (it != ready.end() && it->second)
                    return "pod " + detail::ns_name(p->metadata) + " is Running on Ready node " + p->spec.node_name +
                           " without a pod IP";
            }
            return std::nullopt;
        };
    }};
}

KUBESIM_DECL invariant deployment_availability(availability_options opts) {
    return invariant{"deployment-availability", [opts](cluster&) -> check_fn {
        struct seen {
            std::int32_t replicas{0};
            sim::time_point excused{};  // the latest excuse of its own: creation or a replicas change
        };
        struct state {
            std::map<std::string, seen> deployments{};  // by uid
            std::optional<sim::time_point> deadline{};
            std::optional<sim::time_point> disruption{};
            detail::watermark written = detail::watermark_of<api::deployment, api::pod, api::node>();
        };
        auto st = std::make_shared<state>();
        return [opts, st](const check_context& ctx) -> std::optional<std::string> {
            const bool due = st->deadline && ctx.now >= *st->deadline;
            const bool faults_changed = ctx.last_disruption != st->disruption;
            if (!due && !faults_changed && !(ctx.changed && st->written.moved(ctx.cluster))) return std::nullopt;
            if (due || faults_changed) (void)st->written.moved(ctx.cluster);
            st->disruption = ctx.last_disruption;
            st->deadline.reset();
            auto& c = ctx.cluster;
            auto deployments = detail::stored<api::deployment>(c);
            if (deployments.empty()) {
                st->deployments.clear();
                return std::nullopt;
            }
            std::map<std::string, bool, std::less<>> node_up;
            for (const auto& n : detail::stored<api::node>(c))
                node_up[n->metadata.name] = detail::node_ready(*n) && c.node_running(n->metadata.name);
            std::map<std::string, seen> next;
            std::optional<std::string> failure;
            for (const auto& d : deployments) {
                const std::int32_t replicas = d->spec.replicas.value_or(1);
                auto it = st->deployments.find(d->metadata.uid);
                seen s;
                if (it == st->deployments.end()) {
                    s = seen{replicas, d->metadata.creation_timestamp.value_or(ctx.now)};
                } else {
                    s = it->second;
                    if (s.replicas != replicas) s = seen{replicas, ctx.now};
                }
                next.emplace(d->metadata.uid, s);
                if (failure || d->metadata.deletion_timestamp || d->spec.strategy.type == "Recreate") continue;
                const std::int32_t floor = replicas - controllers::deployment::max_unavailable(*d);
                if (floor <= 0) continue;
                auto sel = api::labels::label_selector_as_selector(d->spec.selector);
                if (!sel) continue;
                std::int32_t available = 0, disrupted = 0;
                for (const auto& p : detail::stored<api::pod>(c, d->metadata.namespace_)) {
                    if (p->metadata.deletion_timestamp || detail::finished(*p) || !sel->matches(p->metadata.labels))
                        continue;
                    const auto* ready = detail::pod_condition(*p, "Ready");
                    if (p->status.phase == "Running" && ready && ready->status == "True") {
                        const auto since = ready->last_transition_time.value_or(ctx.now);
                        const auto at = since + std::chrono::seconds(d->spec.min_ready_seconds);
                        if (at <= ctx.now) {
                            ++available;
                            continue;
                        }
                        if (!st->deadline || at < *st->deadline) st->deadline = at;
                    }
                    auto n = node_up.find(p->spec.node_name);
                    bool backoff = false;
                    for (const auto& cs : p->status.container_statuses)
                        if (cs.state.waiting && cs.state.waiting->reason == "CrashLoopBackOff") backoff = true;
                    if (backoff || (!p->spec.node_name.empty() && (n == node_up.end() || !n->second))) ++disrupted;
                }
                if (available + disrupted >= floor) continue;
                sim::time_point excuse = s.excused;
                if (ctx.last_disruption && *ctx.last_disruption > excuse) excuse = *ctx.last_disruption;
                if (ctx.faults_active) excuse = ctx.now;
                if (ctx.now < excuse + opts.grace) {
                    if (!st->deadline || excuse + opts.grace < *st->deadline) st->deadline = excuse + opts.grace;
                    continue;
                }
                failure = "deployment " + detail::ns_name(d->metadata) + " has " + std::to_string(available) +
                          " available pods (and " + std::to_string(disrupted) +
                          " on a failed node or in back-off), fewer than spec.replicas " + std::to_string(replicas) +
                          " - maxUnavailable " + std::to_string(replicas - floor) + " = " + std::to_string(floor) +
                          ", " + sim::go_duration(ctx.now - excuse) + " after its last excuse (grace " +
                          sim::go_duration(opts.grace) + ")";
            }
            st->deployments = std::move(next);
            return failure;
        };
    }};
}

KUBESIM_DECL invariant endpoint_slices_match(sim::duration lag) {
    return invariant{"endpoint-slices-match", [lag](cluster&) -> check_fn {
        struct state {
            detail::lagging mismatches{};
            std::optional<sim::time_point> deadline{};
            detail::watermark written = detail::watermark_of<api::endpoint_slice, api::service, api::pod>();
        };
        auto st = std::make_shared<state>();
        return [lag, st](const check_context& ctx) -> std::optional<std::string> {
            const bool due = st->deadline && ctx.now >= *st->deadline;
            const bool moved = ctx.changed && st->written.moved(ctx.cluster);
            if (!due && !moved) return std::nullopt;
            auto& c = ctx.cluster;
            std::map<std::string, std::string> present;
            for (const auto& s : detail::stored<api::endpoint_slice>(c)) {
                auto svc_name = s->metadata.labels.find("kubernetes.io/service-name");
                if (svc_name == s->metadata.labels.end()) continue;
                const std::string& ns = s->metadata.namespace_;
                auto svc_obj = c.store().find(store::kind_ops_of<api::service>(), ns, svc_name->second);
                const auto* svc = static_cast<const api::service*>(svc_obj.get());
                for (const auto& e : s->endpoints) {
                    if (!e.target_ref || e.target_ref->kind != "Pod") continue;
                    const auto& ref = *e.target_ref;
                    const std::string pod_ns = ref.namespace_.empty() ? ns : ref.namespace_;
                    auto pod_obj = c.store().find(store::kind_ops_of<api::pod>(), pod_ns, ref.name);
                    const auto* pod = static_cast<const api::pod*>(pod_obj.get());
                    std::string problem;
                    if (!pod || (!ref.uid.empty() && pod->metadata.uid != ref.uid))
                        problem = "does not exist";
                    else if (!svc)
                        problem = "belongs to Service " + svc_name->second + ", which does not exist";
                    else if (svc->spec.selector.empty() ||
                             !api::labels::selector_from_set(svc->spec.selector).matches(pod->metadata.labels))
                        problem = "is not selected by Service " + svc_name->second;
                    if (problem.empty()) continue;
                    present.emplace(ns + "/" + s->metadata.name + "/" + ref.name + "/" + ref.uid,
                                    "EndpointSlice " + ns + "/" + s->metadata.name + " lists pod " + pod_ns + "/" +
                                        ref.name + ", which " + problem);
                }
            }
            return st->mismatches.update(present, ctx.now, lag, st->deadline);
        };
    }};
}

KUBESIM_DECL invariant owners_exist(sim::duration gc_bound) {
    return invariant{"owners-exist", [gc_bound](cluster& started) -> check_fn {
        struct owner_kind {
            std::string_view group, kind;
            const store::kind_ops* ops;
        };
        struct state {
            detail::lagging dangling{};
            std::optional<sim::time_point> deadline{};
            std::vector<const store::kind_ops*> dependents{};  // the kinds read: all but those stored encoded
            std::vector<owner_kind> owners{};
            detail::watermark written{};
        };
        auto st = std::make_shared<state>();
        for (const auto& [resource, ops] : started.kinds()) {
            st->owners.push_back(owner_kind{ops->group, ops->kind, ops});
            if (ops->encode) continue;  // Events: stored encoded, and nothing owns them
            st->dependents.push_back(ops);
            st->written.kinds.emplace_back(ops, ~std::uint64_t{0});
        }
        return [gc_bound, st](const check_context& ctx) -> std::optional<std::string> {
            const bool due = st->deadline && ctx.now >= *st->deadline;
            const bool moved = ctx.changed && st->written.moved(ctx.cluster);
            if (!due && !moved) return std::nullopt;
            auto& c = ctx.cluster;
            std::map<std::string, std::string> present;
            for (const auto* ops : st->dependents) {
                auto r = c.store().list(*ops, "", {});
                if (!r) continue;
                for (const auto& o : r->items) {
                    const auto& m = ops->meta(o.get());
                    if (m.deletion_timestamp || m.owner_references.empty()) continue;
                    for (const auto& ref : m.owner_references) {
                        const std::string_view av = ref.api_version;
                        const auto slash = av.find('/');
                        const std::string_view group = slash == std::string_view::npos ? std::string_view() : av.substr(0, slash);
                        const store::kind_ops* owner_ops = nullptr;
                        for (const auto& k : st->owners)
                            if (k.kind == ref.kind && k.group == group) owner_ops = k.ops;
                        if (!owner_ops) continue;  // a kind this cluster does not serve
                        auto owner = c.store().find(*owner_ops, owner_ops->namespaced ? std::string_view(m.namespace_) : std::string_view(), ref.name);
                        if (owner && owner_ops->meta(owner.get()).uid == ref.uid) continue;
                        present.emplace(std::string(ops->resource) + "/" + m.namespace_ + "/" + m.name + "/" + ref.uid,
                                        std::string(ops->kind) + " " + detail::ns_name(m) + " refers to its owner " +
                                            ref.kind + " " + ref.name + " (uid " + ref.uid + "), which is gone");
                    }
                }
            }
            return st->dangling.update(present, ctx.now, gc_bound, st->deadline);
        };
    }};
}

KUBESIM_DECL invariant resource_versions_increase() {
    return invariant{"resource-versions-increase", [](cluster& c) -> check_fn {
        struct state {
            store::object_store* store{nullptr};
            std::vector<std::pair<const store::kind_ops*, std::uint64_t>> watches{};
            std::map<std::string, std::uint64_t, std::less<>> last{};  // by resource
            std::uint64_t store_rv{0};
            std::optional<std::string> error{};
            state() = default;
            state(const state&) = delete;
            state& operator=(const state&) = delete;
            ~state() {
                for (const auto& [ops, id] : watches) store->unwatch(*ops, id);
            }
        };
        auto st = std::make_shared<state>();
        st->store = &c.store();
        st->store_rv = c.store().resource_version();
        const std::string from = std::to_string(st->store_rv);
        for (const auto& [resource, ops] : c.kinds()) {
            std::string name(resource);
            state* raw = st.get();
            const store::kind_ops* k = ops;
            st->last[name] = st->store_rv;
            const auto id = c.store().watch(*ops, "", watch_options{from, {}, {}, false},
                                            [raw, k, name](const store::erased_event& e) {
                if (raw->error) return;
                if (e.type == store::event_type::error) {
                    raw->error = "the watch of " + name + " failed: " + (e.error ? e.error->message : std::string());
                    return;
                }
                if (e.type == store::event_type::bookmark) return;
                auto& last = raw->last[name];
                if (e.resource_version <= last) {
                    raw->error = "a watch of " + name + " received resourceVersion " +
                                 std::to_string(e.resource_version) + " after " + std::to_string(last);
                    return;
                }
                last = e.resource_version;
                if (e.type != store::event_type::deleted && e.object) {
                    const auto& m = k->meta(e.object.get());
                    if (m.resource_version != std::to_string(e.resource_version))
                        raw->error = std::string(store::to_string(e.type)) + " event " + std::to_string(e.resource_version) +
                                     " of " + name + " " + detail::ns_name(m) + " carries resourceVersion \"" +
                                     m.resource_version + "\"";
                }
            });
            st->watches.emplace_back(ops, id);
        }
        return [st](const check_context& ctx) -> std::optional<std::string> {
            const std::uint64_t rv = ctx.cluster.store().resource_version();
            if (rv < st->store_rv && !st->error)
                st->error = "the store's resourceVersion went back from " + std::to_string(st->store_rv) + " to " +
                            std::to_string(rv);
            st->store_rv = rv;
            return st->error;
        };
    }};
}

KUBESIM_DECL std::vector<invariant> standard_invariants() {
    return {unique_pod_ips(),        running_pods_have_ips(), deployment_availability(),
            endpoint_slices_match(), owners_exist(),          resource_versions_increase()};
}

KUBESIM_DECL invariant deployments_converged() {
    return make_invariant("deployments-converged", [](const check_context& ctx) -> std::optional<std::string> {
        auto& c = ctx.cluster;
        auto replica_sets = detail::stored<api::replica_set>(c);
        for (const auto& d : detail::stored<api::deployment>(c)) {
            const std::int32_t replicas = d->spec.replicas.value_or(1);
            const std::string name = "deployment " + detail::ns_name(d->metadata);
            if (d->status.observed_generation < d->metadata.generation)
                return name + " has not observed generation " + std::to_string(d->metadata.generation);
            if (d->status.updated_replicas != replicas || d->status.available_replicas != replicas ||
                d->status.replicas != replicas)
                return name + " wants " + std::to_string(replicas) + " replicas and has " +
                       std::to_string(d->status.replicas) + " (" + std::to_string(d->status.updated_replicas) +
                       " updated, " + std::to_string(d->status.available_replicas) + " available)";
            int keeping = 0;
            for (const auto& rs : replica_sets) {
                const auto* owner = api::controller_of(rs->metadata);
                if (owner && owner->uid == d->metadata.uid && rs->spec.replicas.value_or(1) > 0) ++keeping;
            }
            if (keeping > (replicas > 0 ? 1 : 0))
                return name + " has " + std::to_string(keeping) + " ReplicaSets with replicas";
        }
        return std::nullopt;
    });
}

}  // namespace kubesim::testing
