// Definitions of controllers/deployment/util.hpp.
#pragma once

#include <kubesim/controllers/deployment/util.hpp>

#include <algorithm>
#include <charconv>
#include <limits>

#include <kubesim/api/errors.hpp>

namespace kubesim::controllers::deployment {

std::optional<std::int64_t> parse_int64(std::string_view s) {
    std::int64_t v = 0;
    const char* b = s.data();
    const char* e = s.data() + s.size();
    if (!s.empty() && *b == '+') ++b;
    auto [p, ec] = std::from_chars(b, e, v);
    if (ec != std::errc() || p != e || b == e) return std::nullopt;
    return v;
}

std::string annotation(const api::object_meta& m, std::string_view key) {
    auto it = m.annotations.find(std::string(key));
    return it == m.annotations.end() ? std::string() : it->second;
}

api::deployment_condition new_deployment_condition(std::string_view type, std::string_view status,
                                                   std::string_view reason, std::string message,
                                                   sim::time_point now) {
    api::deployment_condition c;
    c.type = std::string(type);
    c.status = std::string(status);
    c.last_update_time = now;
    c.last_transition_time = now;
    c.reason = std::string(reason);
    c.message = std::move(message);
    return c;
}

const api::deployment_condition* get_deployment_condition(const api::deployment_status& s,
                                                          std::string_view type) {
    for (const auto& c : s.conditions)
        if (c.type == type) return &c;
    return nullptr;
}

void remove_deployment_condition(api::deployment_status& s, std::string_view type) {
    s.conditions.erase(std::remove_if(s.conditions.begin(), s.conditions.end(),
                                      [&](const api::deployment_condition& c) { return c.type == type; }),
                       s.conditions.end());
}

void set_deployment_condition(api::deployment_status& s, api::deployment_condition c) {
    if (const auto* cur = get_deployment_condition(s, c.type)) {
        if (cur->status == c.status && cur->reason == c.reason) return;
        if (cur->status == c.status) c.last_transition_time = cur->last_transition_time;
    }
    remove_deployment_condition(s, c.type);
    s.conditions.push_back(std::move(c));
}

api::deployment_condition replica_set_to_deployment_condition(const api::replica_set_condition& c) {
    api::deployment_condition d;
    d.type = c.type;
    d.status = c.status;
    d.last_transition_time = c.last_transition_time;
    d.last_update_time = c.last_transition_time;
    d.reason = c.reason;
    d.message = c.message;
    return d;
}

bool set_deployment_revision(api::deployment& d, const std::string& revision) {
    if (annotation(d.metadata, revision_annotation) == revision) return false;
    d.metadata.annotations[std::string(revision_annotation)] = revision;
    return true;
}

std::optional<std::int64_t> revision(const api::object_meta& m) {
    auto it = m.annotations.find(std::string(revision_annotation));
    if (it == m.annotations.end()) return std::int64_t{0};
    return parse_int64(it->second);
}

std::int64_t max_revision(const rs_list& all) {
    std::int64_t max = 0;
    for (const auto& rs : all) {
        if (!rs) continue;
        if (auto v = revision(rs->metadata); v && *v > max) max = *v;
    }
    return max;
}

std::int64_t last_revision(const rs_list& all) {
    std::int64_t max = 0, sec = 0;
    for (const auto& rs : all) {
        if (!rs) continue;
        auto v = revision(rs->metadata);
        if (!v) continue;
        if (*v >= max) {
            sec = max;
            max = *v;
        } else if (*v > sec) {
            sec = *v;
        }
    }
    return sec;
}

bool skip_copy_annotation(std::string_view key) {
    return key == last_applied_config_annotation || key == revision_annotation ||
           key == revision_history_annotation || key == desired_replicas_annotation ||
           key == max_replicas_annotation || key == deprecated_rollback_to;
}

bool copy_deployment_annotations_to_replica_set(const api::deployment& d, api::replica_set& rs) {
    bool changed = false;
    for (const auto& [k, v] : d.metadata.annotations) {
        // A missing annotation reads as "", as a Go map does.
        if (skip_copy_annotation(k) || annotation(rs.metadata, k) == v) continue;
        rs.metadata.annotations[k] = v;
        changed = true;
    }
    return changed;
}

std::map<std::string, std::string> get_skipped_annotations(
    const std::map<std::string, std::string>& annotations) {
    std::map<std::string, std::string> out;
    for (const auto& [k, v] : annotations)
        if (skip_copy_annotation(k)) out.emplace(k, v);
    return out;
}

void set_deployment_annotations_to(api::deployment& d, const api::replica_set& rollback_to) {
    d.metadata.annotations = get_skipped_annotations(d.metadata.annotations);
    for (const auto& [k, v] : rollback_to.metadata.annotations)
        if (!skip_copy_annotation(k)) d.metadata.annotations[k] = v;
}

std::optional<std::int32_t> get_int_from_annotation(const api::replica_set& rs,
                                                    std::string_view key) {
    auto it = rs.metadata.annotations.find(std::string(key));
    if (it == rs.metadata.annotations.end()) return std::nullopt;
    auto v = parse_int64(it->second);
    if (!v) return std::nullopt;
    return static_cast<std::int32_t>(*v);
}

bool set_replicas_annotations(api::replica_set& rs, std::int32_t desired, std::int32_t max) {
    bool updated = false;
    auto& a = rs.metadata.annotations;
    const std::string ds = std::to_string(desired), ms = std::to_string(max);
    if (auto& v = a[std::string(desired_replicas_annotation)]; v != ds) {
        v = ds;
        updated = true;
    }
    if (auto& v = a[std::string(max_replicas_annotation)]; v != ms) {
        v = ms;
        updated = true;
    }
    return updated;
}

bool replicas_annotations_need_update(const api::replica_set& rs, std::int32_t desired,
                                      std::int32_t max) {
    return annotation(rs.metadata, desired_replicas_annotation) != std::to_string(desired) ||
           annotation(rs.metadata, max_replicas_annotation) != std::to_string(max);
}

result<std::pair<std::int32_t, std::int32_t>> resolve_fenceposts(
    const std::optional<api::int_or_string>& max_surge, const std::optional<api::int_or_string>& max_unavailable,
    std::int32_t desired) {
    auto surge = api::get_scaled_value_from_int_or_percent(
        api::value_or_default(max_surge, api::int_or_string::from_int(0)), desired, true);
    if (!surge) return surge.error();
    auto unavailable = api::get_scaled_value_from_int_or_percent(
        api::value_or_default(max_unavailable, api::int_or_string::from_int(0)), desired, false);
    if (!unavailable) return unavailable.error();
    std::int32_t s = *surge, u = *unavailable;
    if (s == 0 && u == 0) u = 1;
    return std::pair<std::int32_t, std::int32_t>{s, u};
}

namespace detail {

[[nodiscard]] KUBESIM_DECL std::pair<std::int32_t, std::int32_t> fenceposts(const api::deployment& d) {
    std::optional<api::int_or_string> surge, unavailable;
    if (d.spec.strategy.rolling_update) {
        surge = d.spec.strategy.rolling_update->max_surge;
        unavailable = d.spec.strategy.rolling_update->max_unavailable;
    }
    auto r = resolve_fenceposts(surge, unavailable, spec_replicas(d));
    return r ? *r : std::pair<std::int32_t, std::int32_t>{0, 0};  // validation rejects what does not resolve
}

}  // namespace detail

std::int32_t max_unavailable(const api::deployment& d) {
    if (!is_rolling_update(d) || spec_replicas(d) == 0) return 0;
    const std::int32_t u = detail::fenceposts(d).second;
    return u > spec_replicas(d) ? spec_replicas(d) : u;
}

std::int32_t min_available(const api::deployment& d) {
    if (!is_rolling_update(d)) return 0;
    return spec_replicas(d) - max_unavailable(d);
}

std::int32_t max_surge(const api::deployment& d) {
    if (!is_rolling_update(d)) return 0;
    return detail::fenceposts(d).first;
}

bool replica_sets_by_creation_timestamp::operator()(const rs_ptr& a, const rs_ptr& b) const {
    const auto ta = creation_of(*a), tb = creation_of(*b);
    if (ta == tb) return a->metadata.name < b->metadata.name;
    return ta < tb;
}

bool replica_sets_by_size_older::operator()(const rs_ptr& a, const rs_ptr& b) const {
    if (spec_replicas(*a) == spec_replicas(*b)) return replica_sets_by_creation_timestamp{}(a, b);
    return spec_replicas(*a) > spec_replicas(*b);
}

bool replica_sets_by_size_newer::operator()(const rs_ptr& a, const rs_ptr& b) const {
    if (spec_replicas(*a) == spec_replicas(*b)) return replica_sets_by_creation_timestamp{}(b, a);
    return spec_replicas(*a) > spec_replicas(*b);
}

bool replica_sets_by_revision::operator()(const rs_ptr& a, const rs_ptr& b) const {
    auto ra = revision(a->metadata), rb = revision(b->metadata);
    if (!ra || !rb || *ra == *rb) return replica_sets_by_creation_timestamp{}(a, b);
    return *ra < *rb;
}

rs_list filter_active_replica_sets(const rs_list& rss) {
    rs_list out;
    for (const auto& rs : rss)
        if (rs && spec_replicas(*rs) > 0) out.push_back(rs);
    return out;
}

std::int32_t get_replica_count_for_replica_sets(const rs_list& rss) {
    return sum_over_replica_sets(rss, [](const api::replica_set& rs) { return spec_replicas(rs); });
}

std::int32_t get_actual_replica_count_for_replica_sets(const rs_list& rss) {
    return sum_over_replica_sets(rss, [](const api::replica_set& rs) { return rs.status.replicas; });
}

std::int32_t get_ready_replica_count_for_replica_sets(const rs_list& rss) {
    return sum_over_replica_sets(rss, [](const api::replica_set& rs) { return rs.status.ready_replicas; });
}

std::int32_t get_available_replica_count_for_replica_sets(const rs_list& rss) {
    return sum_over_replica_sets(rss, [](const api::replica_set& rs) { return rs.status.available_replicas; });
}

std::int32_t get_replica_set_fraction(const api::replica_set& rs, const api::deployment& d) {
    if (spec_replicas(d) == 0) return -spec_replicas(rs);
    const std::int32_t deployment_replicas = spec_replicas(d) + max_surge(d);
    std::int32_t annotated = get_max_replicas_annotation(rs).value_or(d.status.replicas);
    // Upstream never scales proportionally from zero, so it divides unguarded.
    if (annotated == 0) return 0;
    const double new_rs_size = static_cast<double>(spec_replicas(rs) * deployment_replicas) / static_cast<double>(annotated);
    return round_to_int32(new_rs_size) - spec_replicas(rs);
}

std::int32_t get_proportion(const api::replica_set* rs, const api::deployment& d,
                            std::int32_t to_add, std::int32_t added) {
    if (!rs || spec_replicas(*rs) == 0 || to_add == 0 || to_add == added) return 0;
    const std::int32_t fraction = get_replica_set_fraction(*rs, d);
    const std::int32_t allowed = to_add - added;
    if (to_add > 0) return std::min(fraction, allowed);
    return std::max(fraction, allowed);
}

bool equal_ignore_hash(const api::pod_template_spec& a, const api::pod_template_spec& b) {
    if (!(a.spec == b.spec)) return false;
    api::object_meta ma = a.metadata, mb = b.metadata;
    ma.labels.erase(std::string(default_deployment_unique_label_key));
    mb.labels.erase(std::string(default_deployment_unique_label_key));
    return ma == mb;
}

rs_ptr find_new_replica_set(const api::deployment& d, rs_list& rss) {
    std::sort(rss.begin(), rss.end(), replica_sets_by_creation_timestamp{});
    for (const auto& rs : rss)
        if (equal_ignore_hash(rs->spec.template_, d.spec.template_)) return rs;
    return nullptr;
}

std::pair<rs_list, rs_list> find_old_replica_sets(const api::deployment& d, rs_list& rss) {
    rs_list required, all;
    const rs_ptr new_rs = find_new_replica_set(d, rss);
    for (const auto& rs : rss) {
        if (new_rs && rs->metadata.uid == new_rs->metadata.uid) continue;
        all.push_back(rs);
        if (spec_replicas(*rs) != 0) required.push_back(rs);
    }
    return {std::move(required), std::move(all)};
}

rs_ptr find_active_or_latest(const rs_ptr& new_rs, rs_list& old_rss) {
    if (!new_rs && old_rss.empty()) return nullptr;
    std::sort(old_rss.begin(), old_rss.end(),
              [](const rs_ptr& a, const rs_ptr& b) { return replica_sets_by_creation_timestamp{}(b, a); });
    rs_list all = old_rss;
    all.push_back(new_rs);
    all = filter_active_replica_sets(all);
    switch (all.size()) {
        case 0: return new_rs ? new_rs : old_rss.front();
        case 1: return all.front();
        default: return nullptr;
    }
}

void set_from_replica_set_template(api::deployment& d, const api::pod_template_spec& t) {
    d.spec.template_.metadata = t.metadata;
    d.spec.template_.spec = t.spec;
    d.spec.template_.metadata.labels.erase(std::string(default_deployment_unique_label_key));
}

bool set_new_replica_set_annotations(const api::deployment& d, api::replica_set& rs,
                                     const std::string& new_revision, bool exists, std::size_t limit_chars) {
    bool changed = copy_deployment_annotations_to_replica_set(d, rs);
    auto& a = rs.metadata.annotations;
    auto it = a.find(std::string(revision_annotation));
    const bool had = it != a.end();
    const std::string old_revision = had ? it->second : std::string();
    std::int64_t old_rev = 0;
    if (auto v = parse_int64(old_revision)) {
        old_rev = *v;
    } else if (!old_revision.empty()) {
        return false;  // upstream logs and gives up on an unparsable revision
    }
    auto new_rev = parse_int64(new_revision);
    if (!new_rev) return false;
    if (old_rev < *new_rev) {
        a[std::string(revision_annotation)] = new_revision;
        changed = true;
    }
    if (had && old_rev < *new_rev) {
        const std::string history = annotation(rs.metadata, revision_history_annotation);
        std::vector<std::string> olds;
        for (std::size_t start = 0;;) {
            auto comma = history.find(',', start);
            olds.push_back(history.substr(start, comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        if (olds.front().empty()) {
            a[std::string(revision_history_annotation)] = old_revision;
        } else {
            // Oldest entries are dropped to stay within limit_chars.
            std::size_t total = history.size() + old_revision.size() + 1;
            std::size_t first = 0;
            while (total > limit_chars && first < olds.size()) {
                total -= olds[first].size() + 1;
                ++first;
            }
            if (total <= limit_chars) {
                std::string joined;
                for (std::size_t i = first; i < olds.size(); ++i) joined += olds[i] + ",";
                joined += old_revision;
                a[std::string(revision_history_annotation)] = joined;
            }
        }
    }
    if (!exists && set_replicas_annotations(rs, spec_replicas(d), spec_replicas(d) + max_surge(d))) changed = true;
    return changed;
}

bool has_progress_deadline(const api::deployment& d) {
    return d.spec.progress_deadline_seconds && *d.spec.progress_deadline_seconds != std::numeric_limits<std::int32_t>::max();
}

bool has_revision_history_limit(const api::deployment& d) {
    return d.spec.revision_history_limit && *d.spec.revision_history_limit != std::numeric_limits<std::int32_t>::max();
}

bool deployment_complete(const api::deployment& d, const api::deployment_status& s) {
    const std::int32_t r = spec_replicas(d);
    return s.updated_replicas == r && s.replicas == r && s.available_replicas == r &&
           s.observed_generation >= d.metadata.generation;
}

bool deployment_progressing(const api::deployment& d, const api::deployment_status& s) {
    const auto& o = d.status;
    const std::int32_t old_old = o.replicas - o.updated_replicas;
    const std::int32_t new_old = s.replicas - s.updated_replicas;
    return s.updated_replicas > o.updated_replicas || new_old < old_old || s.ready_replicas > o.ready_replicas ||
           s.available_replicas > o.available_replicas;
}

bool deployment_timed_out(const api::deployment& d, const api::deployment_status& s,
                          sim::time_point now) {
    if (!has_progress_deadline(d)) return false;
    const auto* c = get_deployment_condition(s, deployment_progressing_type);
    if (!c) return false;
    if (c->reason == new_rs_available_reason) return false;
    if (c->reason == timed_out_reason) return true;
    const sim::time_point from = c->last_update_time.value_or(sim::time_point{});
    return from + std::chrono::seconds(*d.spec.progress_deadline_seconds) < now;
}

result<std::int32_t> new_rs_new_replicas(const api::deployment& d, const rs_list& all,
                                         const api::replica_set& new_rs) {
    if (d.spec.strategy.type == rolling_update_deployment_strategy_type) {
        std::optional<api::int_or_string> ms;
        if (d.spec.strategy.rolling_update) ms = d.spec.strategy.rolling_update->max_surge;
        auto surge = api::get_scaled_value_from_int_or_percent(ms, spec_replicas(d), true);
        if (!surge) return surge.error();
        const std::int32_t current = get_replica_count_for_replica_sets(all);
        const std::int32_t max_total = spec_replicas(d) + *surge;
        if (current >= max_total) return spec_replicas(new_rs);
        std::int32_t up = max_total - current;
        up = std::min(up, spec_replicas(d) - spec_replicas(new_rs));
        return spec_replicas(new_rs) + up;
    }
    if (d.spec.strategy.type == recreate_deployment_strategy_type) return spec_replicas(d);
    return api::errors::bad_request("deployment type " + d.spec.strategy.type + " isn't supported");
}

bool is_saturated(const api::deployment& d, const api::replica_set* rs) {
    if (!rs) return false;
    auto it = rs->metadata.annotations.find(std::string(desired_replicas_annotation));
    if (it == rs->metadata.annotations.end()) return false;
    auto desired = parse_int64(it->second);
    if (!desired) return false;
    return spec_replicas(*rs) == spec_replicas(d) && static_cast<std::int32_t>(*desired) == spec_replicas(d) &&
           rs->status.available_replicas == spec_replicas(d);
}

namespace detail {

// FNV-32a over a canonical encoding of the value.
class template_hasher {
public:
    [[nodiscard]] std::uint32_t sum32() const noexcept { return h_; }

    void bytes(const void* p, std::size_t n) {
        const auto* b = static_cast<const unsigned char*>(p);
        for (std::size_t i = 0; i < n; ++i) {
            h_ ^= b[i];
            h_ *= 16777619u;
        }
    }
    void u64(std::uint64_t v) {
        unsigned char b[8];
        for (int i = 0; i < 8; ++i) b[i] = static_cast<unsigned char>(v >> (8 * i));
        bytes(b, 8);
    }

    void put(bool v) { u64(v ? 1 : 0); }
    void put(std::int32_t v) { u64(static_cast<std::uint64_t>(static_cast<std::int64_t>(v))); }
    void put(std::int64_t v) { u64(static_cast<std::uint64_t>(v)); }
    void put(std::string_view s) {
        u64(s.size());
        bytes(s.data(), s.size());
    }
    void put(const std::string& s) { put(std::string_view(s)); }
    void put(sim::time_point t) { put(static_cast<std::int64_t>(t.time_since_epoch().count())); }
    void put(const api::quantity& q) { put(q.milli_value()); }  // equal quantities hash equal
    void put(const api::int_or_string& v) {
        put(v.is_string);
        put(v.int_val);
        put(v.str_val);
    }
    template <class T>
    void put(const std::optional<T>& o) {
        put(o.has_value());
        if (o) put(*o);
    }
    template <class T>
    void put(const api::box<T>& o) {
        put(o.has_value());
        if (o) put(*o);
    }
    template <class T>
    void put(const std::vector<T>& v) {
        u64(v.size());
        for (const auto& x : v) put(x);
    }
    template <class T>
    void put(const api::cow_vector<T>& v) {
        u64(v.size());
        for (const auto& x : v) put(x);
    }
    template <class K, class V, class C>
    void put(const std::map<K, V, C>& m) {
        u64(m.size());
        for (const auto& [k, v] : m) {
            put(k);
            put(v);
        }
    }
    template <class... Ts>
    void all(const Ts&... xs) {
        (put(xs), ...);
    }

    // Every kind of the pod template, every field in declaration order.
    void put(const api::owner_reference& x) {
        all(x.api_version, x.kind, x.name, x.uid, x.controller, x.block_owner_deletion);
    }
    void put(const api::object_meta& x) {
        all(x.name, x.generate_name, x.namespace_, x.uid, x.resource_version, x.generation, x.creation_timestamp,
            x.deletion_timestamp, x.deletion_grace_period_seconds, x.labels, x.annotations, x.owner_references,
            x.finalizers);
    }
    void put(const api::label_selector_requirement& x) { all(x.key, x.operator_, x.values); }
    void put(const api::label_selector& x) { all(x.match_labels, x.match_expressions); }
    void put(const api::container_port& x) { all(x.name, x.host_port, x.container_port, x.protocol, x.host_ip); }
    void put(const api::object_field_selector& x) { all(x.api_version, x.field_path); }
    void put(const api::resource_field_selector& x) { all(x.container_name, x.resource, x.divisor); }
    void put(const api::key_selector& x) { all(x.name, x.key, x.optional); }
    void put(const api::env_var_source& x) {
        all(x.field_ref, x.resource_field_ref, x.config_map_key_ref, x.secret_key_ref);
    }
    void put(const api::env_var& x) { all(x.name, x.value, x.value_from); }
    void put(const api::env_source_ref& x) { all(x.name, x.optional); }
    void put(const api::env_from_source& x) { all(x.prefix, x.config_map_ref, x.secret_ref); }
    void put(const api::resource_requirements& x) { all(x.limits, x.requests); }
    void put(const api::exec_action& x) { all(x.command); }
    void put(const api::http_header& x) { all(x.name, x.value); }
    void put(const api::http_get_action& x) { all(x.path, x.port, x.host, x.scheme, x.http_headers); }
    void put(const api::tcp_socket_action& x) { all(x.port, x.host); }
    void put(const api::grpc_action& x) { all(x.port, x.service); }
    void put(const api::sleep_action& x) { all(x.seconds); }
    void put(const api::probe& x) {
        all(x.exec, x.http_get, x.tcp_socket, x.grpc, x.initial_delay_seconds, x.timeout_seconds, x.period_seconds,
            x.success_threshold, x.failure_threshold, x.termination_grace_period_seconds);
    }
    void put(const api::lifecycle_handler& x) { all(x.exec, x.http_get, x.tcp_socket, x.sleep); }
    void put(const api::lifecycle& x) { all(x.post_start, x.pre_stop); }
    void put(const api::container& x) {
        all(x.name, x.image, x.command, x.args, x.working_dir, x.ports, x.env_from, x.env, x.resources,
            x.liveness_probe, x.readiness_probe, x.startup_probe, x.lifecycle, x.termination_message_path,
            x.termination_message_policy, x.image_pull_policy, x.restart_policy, x.stdin_, x.tty);
    }
    void put(const api::toleration& x) { all(x.key, x.operator_, x.value, x.effect, x.toleration_seconds); }
    void put(const api::node_selector_requirement& x) { all(x.key, x.operator_, x.values); }
    void put(const api::node_selector_term& x) { all(x.match_expressions, x.match_fields); }
    void put(const api::node_selector& x) { all(x.node_selector_terms); }
    void put(const api::preferred_scheduling_term& x) { all(x.weight, x.preference); }
    void put(const api::node_affinity& x) {
        all(x.required_during_scheduling_ignored_during_execution,
            x.preferred_during_scheduling_ignored_during_execution);
    }
    void put(const api::pod_affinity_term& x) { all(x.label_selector, x.namespaces, x.topology_key); }
    void put(const api::weighted_pod_affinity_term& x) { all(x.weight, x.pod_affinity_term); }
    void put(const api::pod_affinity& x) {
        all(x.required_during_scheduling_ignored_during_execution,
            x.preferred_during_scheduling_ignored_during_execution);
    }
    void put(const api::affinity& x) { all(x.node_affinity, x.pod_affinity, x.pod_anti_affinity); }
    void put(const api::pod_dns_config_option& x) { all(x.name, x.value); }
    void put(const api::pod_dns_config& x) { all(x.nameservers, x.searches, x.options); }
    void put(const api::host_alias& x) { all(x.ip, x.hostnames); }
    void put(const api::pod_readiness_gate& x) { all(x.condition_type); }
    void put(const api::pod_spec& x) {
        all(x.init_containers, x.containers, x.restart_policy, x.termination_grace_period_seconds,
            x.active_deadline_seconds, x.dns_policy, x.node_selector, x.service_account_name,
            x.automount_service_account_token, x.node_name, x.host_network, x.hostname, x.subdomain, x.affinity,
            x.scheduler_name, x.tolerations, x.host_aliases, x.priority_class_name, x.priority, x.dns_config,
            x.readiness_gates, x.enable_service_links, x.preemption_policy);
    }
    void put(const api::pod_template_spec& x) { all(x.metadata, x.spec); }

private:
    std::uint32_t h_{2166136261u};
};

}  // namespace detail

std::string safe_encode_string(std::string_view s) {
    static constexpr std::string_view alphanums = "bcdfghjklmnpqrstvwxz2456789";
    std::string out(s.size(), ' ');
    for (std::size_t i = 0; i < s.size(); ++i) out[i] = alphanums[static_cast<unsigned char>(s[i]) % alphanums.size()];
    return out;
}

std::string compute_hash(const api::pod_template_spec& t,
                         const std::optional<std::int32_t>& collision_count) {
    detail::template_hasher h;
    h.put(t);
    if (collision_count) {
        unsigned char b[8] = {};
        const auto c = static_cast<std::uint32_t>(*collision_count);
        for (int i = 0; i < 4; ++i) b[i] = static_cast<unsigned char>(c >> (8 * i));
        h.bytes(b, 8);
    }
    return safe_encode_string(std::to_string(h.sum32()));
}

}  // namespace kubesim::controllers::deployment
