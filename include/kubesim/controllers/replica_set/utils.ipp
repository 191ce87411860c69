// Definitions of controllers/replica_set/utils.hpp.
#pragma once

#include <kubesim/controllers/replica_set/utils.hpp>

#include <algorithm>
#include <chrono>
#include <utility>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::replica_set {

std::pair<int, std::optional<std::string>> slow_start_batch(
    int count, int initial_batch_size, const std::function<std::optional<std::string>()>& fn) {
    int remaining = count;
    int successes = 0;
    for (int batch_size = std::min(remaining, initial_batch_size); batch_size > 0;
         batch_size = std::min(2 * batch_size, remaining)) {
        std::optional<std::string> first_err;
        int errors = 0;
        for (int i = 0; i < batch_size; ++i) {
            if (auto err = fn()) {
                ++errors;
                if (!first_err) first_err = std::move(err);
            }
        }
        successes += batch_size - errors;
        if (errors > 0) return {successes, first_err};
        remaining -= batch_size;
    }
    return {successes, std::nullopt};
}

std::int32_t get_deletion_cost_from_pod_annotations(const std::map<std::string, std::string>& a) {
    auto it = a.find(std::string(pod_deletion_cost));
    if (it == a.end()) return 0;
    const std::string& v = it->second;
    // validFirstDigit: a sign must be '-', and a leading zero only as "0" itself.
    if (v.empty()) return 0;
    if (!(v[0] == '-' || v == "0" || (v[0] >= '1' && v[0] <= '9'))) return 0;
    // strconv.ParseInt(v, 10, 32)
    std::size_t i = v[0] == '-' ? 1 : 0;
    if (i == v.size()) return 0;
    std::int64_t n = 0;
    for (; i < v.size(); ++i) {
        if (v[i] < '0' || v[i] > '9') return 0;
        n = n * 10 + (v[i] - '0');
        if (n > std::int64_t{2147483648}) return 0;
    }
    if (v[0] == '-') n = -n;
    if (n > std::int64_t{2147483647} || n < std::int64_t{-2147483648}) return 0;
    return static_cast<std::int32_t>(n);
}

std::int32_t max_container_restarts(const api::pod& p) {
    std::int32_t most = 0;
    for (const auto& c : p.status.container_statuses)
        if (c.restart_count > most) most = c.restart_count;
    return most;
}

std::optional<sim::time_point> pod_ready_time(const api::pod& p) {
    if (!is_pod_ready(p)) return std::nullopt;
    for (const auto& c : p.status.conditions)
        if (c.type == "Ready" && c.status == "True") return c.last_transition_time;
    return std::nullopt;
}

bool after_or_zero(const std::optional<sim::time_point>& t1,
                   const std::optional<sim::time_point>& t2) {
    if (!t1 || !t2) return !t1;
    return *t1 > *t2;
}

std::int64_t logarithmic_rank_diff(sim::time_point t1, sim::time_point t2, sim::time_point now) {
    auto rank = [&](sim::time_point t) -> std::int64_t {
        const std::int64_t us = (now - t).count();
        if (us <= 0) return -1;
        auto ns = static_cast<std::uint64_t>(us) * 1000U;
        std::int64_t r = -1;
        while (ns != 0) {
            ns >>= 1U;
            ++r;
        }
        return r;
    };
    return rank(t1) - rank(t2);
}

void active_pods_with_ranks::sort() {
    const std::size_t n = pods.size();
    std::vector<key> keys;
    keys.reserve(n);
    for (std::size_t i = 0; i < n; ++i) keys.push_back(key_of(i));
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) order[i] = i;
    std::vector<std::size_t> buf(n);
    // Bottom-up merge sort: takes from the right run only when it is strictly
    // less, so equal pods keep their order whatever the comparator does.
    for (std::size_t width = 1; width < n; width *= 2) {
        for (std::size_t lo = 0; lo < n; lo += 2 * width) {
            const std::size_t mid = std::min(lo + width, n);
            const std::size_t hi = std::min(lo + 2 * width, n);
            std::size_t a = lo;
            std::size_t b = mid;
            std::size_t k = lo;
            while (a < mid && b < hi) buf[k++] = less_keys(keys[order[b]], keys[order[a]]) ? order[b++] : order[a++];
            while (a < mid) buf[k++] = order[a++];
            while (b < hi) buf[k++] = order[b++];
        }
        order.swap(buf);
    }
    std::vector<pod_ptr> sorted_pods;
    std::vector<int> sorted_rank;
    sorted_pods.reserve(n);
    sorted_rank.reserve(n);
    for (auto i : order) {
        sorted_pods.push_back(std::move(pods[i]));
        sorted_rank.push_back(rank[i]);
    }
    pods = std::move(sorted_pods);
    rank = std::move(sorted_rank);
}

int active_pods_with_ranks::phase_ordinal(const std::string& phase) {
    if (phase == "Unknown") return 1;
    if (phase == "Running") return 2;
    return 0;
}

active_pods_with_ranks::key active_pods_with_ranks::key_of(std::size_t i) const {
    const api::pod& p = *pods[i];
    key k;
    k.pod = &p;
    k.rank = rank[i];
    k.phase = phase_ordinal(p.status.phase);
    k.ready = is_pod_ready(p);
    k.cost = get_deletion_cost_from_pod_annotations(p.metadata.annotations);
    k.ready_time = pod_ready_time(p);
    k.restarts = max_container_restarts(p);
    return k;
}

bool active_pods_with_ranks::less_keys(const key& a, const key& b) const {
    const auto& an = a.pod->spec.node_name;
    const auto& bn = b.pod->spec.node_name;
    // 1. Unassigned < assigned
    if (an != bn && (an.empty() || bn.empty())) return an.empty();
    // 2. PodPending < PodUnknown < PodRunning
    if (a.phase != b.phase) return a.phase < b.phase;
    // 3. Not ready < ready
    if (a.ready != b.ready) return !a.ready;
    // 4. lower pod-deletion-cost < higher pod-deletion cost
    if (a.cost != b.cost) return a.cost < b.cost;
    // 5. Doubled up < not doubled up
    if (a.rank != b.rank) return a.rank > b.rank;
    // 6. Been ready for empty time < less time < more time
    if (a.ready && b.ready && a.ready_time != b.ready_time) {
        if (!now || !a.ready_time || !b.ready_time) return after_or_zero(a.ready_time, b.ready_time);
        const auto diff = logarithmic_rank_diff(*a.ready_time, *b.ready_time, *now);
        if (diff == 0) return a.pod->metadata.uid < b.pod->metadata.uid;
        return diff < 0;
    }
    // 7. Pods with containers with higher restart counts < lower restart counts
    if (a.restarts != b.restarts) return a.restarts > b.restarts;
    // 8. Empty creation time pods < newer pods < older pods
    const auto& ac = a.pod->metadata.creation_timestamp;
    const auto& bc = b.pod->metadata.creation_timestamp;
    if (ac != bc) {
        if (!now || !ac || !bc) return after_or_zero(ac, bc);
        const auto diff = logarithmic_rank_diff(*ac, *bc, *now);
        if (diff == 0) return a.pod->metadata.uid < b.pod->metadata.uid;
        return diff < 0;
    }
    return false;
}

active_pods_with_ranks get_pods_ranked_by_related_pods_on_same_node(
    std::vector<pod_ptr> pods_to_rank, const std::vector<pod_ptr>& related_pods, sim::time_point now) {
    std::map<std::string, int, std::less<>> pods_on_node;
    for (const auto& p : related_pods)
        if (is_pod_active(*p)) ++pods_on_node[p->spec.node_name];
    active_pods_with_ranks out;
    out.rank.reserve(pods_to_rank.size());
    for (const auto& p : pods_to_rank) {
        auto it = pods_on_node.find(p->spec.node_name);
        out.rank.push_back(it == pods_on_node.end() ? 0 : it->second);
    }
    out.pods = std::move(pods_to_rank);
    out.now = now;
    return out;
}

std::vector<pod_ptr> get_pods_to_delete(std::vector<pod_ptr> filtered_pods,
                                        const std::vector<pod_ptr>& related_pods, std::size_t diff,
                                        sim::time_point now) {
    if (diff < filtered_pods.size()) {
        auto ranked = get_pods_ranked_by_related_pods_on_same_node(std::move(filtered_pods), related_pods, now);
        ranked.sort();
        filtered_pods = std::move(ranked.pods);
    }
    if (filtered_pods.size() > diff) filtered_pods.resize(diff);
    return filtered_pods;
}

std::vector<std::string> get_pod_keys(const std::vector<pod_ptr>& pods) {
    std::vector<std::string> keys;
    keys.reserve(pods.size());
    for (const auto& p : pods) keys.push_back(pod_key(*p));
    return keys;
}

api::replica_set_condition new_replica_set_condition(std::string_view type, std::string status,
                                                     std::string reason, std::string message,
                                                     sim::time_point now) {
    api::replica_set_condition c;
    c.type = std::string(type);
    c.status = std::move(status);
    c.last_transition_time = now;
    c.reason = std::move(reason);
    c.message = std::move(message);
    return c;
}

const api::replica_set_condition* get_condition(const api::replica_set_status& s,
                                                std::string_view type) {
    for (const auto& c : s.conditions)
        if (c.type == type) return &c;
    return nullptr;
}

void remove_condition(api::replica_set_status& s, std::string_view type) {
    std::vector<api::replica_set_condition> kept;
    for (auto& c : s.conditions)
        if (c.type != type) kept.push_back(std::move(c));
    s.conditions = std::move(kept);
}

void set_condition(api::replica_set_status& s, api::replica_set_condition c) {
    if (const auto* cur = get_condition(s, c.type); cur && cur->status == c.status && cur->reason == c.reason) return;
    remove_condition(s, c.type);
    s.conditions.push_back(std::move(c));
}

api::replica_set_status calculate_status(const api::replica_set& rs,
                                         const std::vector<pod_ptr>& filtered_pods,
                                         const std::optional<std::string>& manage_replicas_err,
                                         sim::time_point now) {
    api::replica_set_status s = rs.status;
    std::int32_t fully_labeled = 0;
    std::int32_t ready = 0;
    std::int32_t available = 0;
    const auto& template_labels = rs.spec.template_.metadata.labels;
    for (const auto& p : filtered_pods) {
        bool all = true;
        for (const auto& [k, v] : template_labels) {
            auto it = p->metadata.labels.find(k);
            if (it == p->metadata.labels.end() || it->second != v) {
                all = false;
                break;
            }
        }
        if (all) ++fully_labeled;
        if (is_pod_ready(*p)) {
            ++ready;
            if (is_pod_available(*p, rs.spec.min_ready_seconds, now)) ++available;
        }
    }

    const auto* failure_cond = get_condition(rs.status, replica_set_replica_failure);
    if (manage_replicas_err && !failure_cond) {
        std::string reason;
        const auto diff = static_cast<std::int64_t>(filtered_pods.size()) - rs.spec.replicas.value_or(1);
        if (diff < 0) reason = "FailedCreate";
        else if (diff > 0) reason = "FailedDelete";
        set_condition(s, new_replica_set_condition(replica_set_replica_failure, "True", std::move(reason),
                                                   *manage_replicas_err, now));
    } else if (!manage_replicas_err && failure_cond) {
        remove_condition(s, replica_set_replica_failure);
    }

    s.replicas = static_cast<std::int32_t>(filtered_pods.size());
    s.fully_labeled_replicas = fully_labeled;
    s.ready_replicas = ready;
    s.available_replicas = available;
    s.terminating_replicas = std::nullopt;
    return s;
}

result<replica_set_ptr> update_replica_set_status(store::object_store& s, replica_set_ptr rs,
                                                  api::replica_set_status new_status) {
    const auto& cur = rs->status;
    if (cur.replicas == new_status.replicas && cur.fully_labeled_replicas == new_status.fully_labeled_replicas &&
        cur.ready_replicas == new_status.ready_replicas && cur.available_replicas == new_status.available_replicas &&
        cur.terminating_replicas == new_status.terminating_replicas &&
        rs->metadata.generation == cur.observed_generation && cur.conditions == new_status.conditions)
        return rs;

    // Save the generation number we acted on, otherwise we might wrongfully
    // indicate that we've seen a spec update when we retry.
    new_status.observed_generation = rs->metadata.generation;
    const auto& ops = store::kind_ops_of<api::replica_set>();
    const std::string ns = rs->metadata.namespace_;
    for (int i = 0;; ++i) {
        auto next = std::make_shared<api::replica_set>(*rs);
        next->status = new_status;
        auto r = s.update_status(ops, std::move(next), ns);
        if (r) return std::static_pointer_cast<const api::replica_set>(*r);
        if (i >= status_update_retries) return r.error();
        // Update the ReplicaSet with the latest resource version for the next try.
        auto fresh = store::client<api::replica_set>(s, ns).get_shared(rs->metadata.name);
        if (!fresh) return fresh.error();
        rs = *fresh;
    }
}

}  // namespace kubesim::controllers::replica_set
