// Definitions of controllers/scheduler/plugins.hpp.
#pragma once

#include <kubesim/controllers/scheduler/plugins.hpp>

#include <algorithm>
#include <utility>

#include <kubesim/api/field.hpp>

namespace kubesim::controllers::scheduler {

namespace detail {

KUBESIM_DECL std::int64_t request_milli_cpu(const api::container& c, bool non_missing) {
    const auto it = c.resources.requests.find("cpu");
    if (it != c.resources.requests.end()) return it->second.milli_value();
    return non_missing ? default_milli_cpu_request : 0;
}

KUBESIM_DECL std::int64_t request_memory(const api::container& c, bool non_missing) {
    const auto it = c.resources.requests.find("memory");
    if (it != c.resources.requests.end()) return it->second.value();
    return non_missing ? default_memory_request : 0;
}

KUBESIM_DECL void max_into(resource_request& into, const resource_request& r) {
    into.milli_cpu = std::max(into.milli_cpu, r.milli_cpu);
    into.memory = std::max(into.memory, r.memory);
}

// resourcehelper.PodRequests: regular containers add up; init containers run
// one at a time, so their requirement is a max, except that restartable init
// containers (sidecars, restartPolicy: Always) keep running and accumulate,
// both into the pod total and under every later init container.
// Example: containers 100m + 200m, init 500m => max(300m, 500m) = 500m.
KUBESIM_DECL resource_request pod_requests(const api::pod& pod, bool non_missing) {
    resource_request reqs{};
    for (const auto& c : pod.spec.containers) {
        reqs.milli_cpu += request_milli_cpu(c, non_missing);
        reqs.memory += request_memory(c, non_missing);
    }
    resource_request restartable{};
    resource_request init{};
    for (const auto& c : pod.spec.init_containers) {
        const resource_request cr{request_milli_cpu(c, non_missing), request_memory(c, non_missing)};
        if (c.restart_policy && *c.restart_policy == "Always") {
            reqs.milli_cpu += cr.milli_cpu;
            reqs.memory += cr.memory;
            restartable.milli_cpu += cr.milli_cpu;
            restartable.memory += cr.memory;
            max_into(init, restartable);
        } else {
            max_into(init, resource_request{cr.milli_cpu + restartable.milli_cpu, cr.memory + restartable.memory});
        }
    }
    max_into(reqs, init);
    return reqs;
}

KUBESIM_DECL bool contains(const std::vector<std::string>& values, const std::string& v) {
    return std::find(values.begin(), values.end(), v) != values.end();
}

// strconv.ParseInt(s, 10, 64) as labels.Requirement does for Gt/Lt.
KUBESIM_DECL std::optional<std::int64_t> parse_int64(std::string_view s) { return api::field::parse_int64(s); }

}  // namespace detail

resource_request pod_requests(const api::pod& pod) { return detail::pod_requests(pod, false); }

resource_request pod_non_zero_requests(const api::pod& pod) { return detail::pod_requests(pod, true); }

void add_pod(node_info& ni, const api::pod& pod) {
    const auto r = pod_requests(pod);
    const auto nz = pod_non_zero_requests(pod);
    ni.requested_milli_cpu += r.milli_cpu;
    ni.requested_memory += r.memory;
    ni.non_zero_requested_milli_cpu += nz.milli_cpu;
    ni.non_zero_requested_memory += nz.memory;
    ++ni.pod_count;
}

void remove_pod(node_info& ni, const api::pod& pod) {
    const auto r = pod_requests(pod);
    const auto nz = pod_non_zero_requests(pod);
    ni.requested_milli_cpu -= r.milli_cpu;
    ni.requested_memory -= r.memory;
    ni.non_zero_requested_milli_cpu -= nz.milli_cpu;
    ni.non_zero_requested_memory -= nz.memory;
    --ni.pod_count;
}

bool tolerates_taint(const api::toleration& t, const api::taint& taint) {
    if (!t.effect.empty() && t.effect != taint.effect) return false;
    if (!t.key.empty() && t.key != taint.key) return false;
    if (t.operator_.empty() || t.operator_ == "Equal") return t.value == taint.value;
    return t.operator_ == "Exists";
}

bool tolerations_tolerate_taint(const std::vector<api::toleration>& tolerations,
                                const api::taint& taint) {
    for (const auto& t : tolerations)
        if (tolerates_taint(t, taint)) return true;
    return false;
}

const api::taint* find_matching_untolerated_taint(
    const std::vector<api::taint>& taints, const std::vector<api::toleration>& tolerations) {
    for (const auto& taint : taints) {
        if (taint.effect != "NoSchedule" && taint.effect != "NoExecute") continue;
        if (!tolerations_tolerate_taint(tolerations, taint)) return &taint;
    }
    return nullptr;
}

bool match_node_selector_requirement(const api::node_selector_requirement& r,
                                     const std::map<std::string, std::string>& labels) {
    const auto it = labels.find(r.key);
    const bool has = it != labels.end();
    if (r.operator_ == "In") {
        if (r.values.empty()) return false;
        return has && detail::contains(r.values, it->second);
    }
    if (r.operator_ == "NotIn") {
        if (r.values.empty()) return false;
        return !has || !detail::contains(r.values, it->second);
    }
    if (r.operator_ == "Exists") return r.values.empty() && has;
    if (r.operator_ == "DoesNotExist") return r.values.empty() && !has;
    if (r.operator_ == "Gt" || r.operator_ == "Lt") {
        if (r.values.size() != 1) return false;
        const auto want = detail::parse_int64(r.values[0]);
        if (!want || !has) return false;
        const auto got = detail::parse_int64(it->second);
        if (!got) return false;
        return r.operator_ == "Gt" ? *got > *want : *got < *want;
    }
    return false;
}

bool match_node_field_requirement(const api::node_selector_requirement& r,
                                  const api::node& node) {
    if (r.values.size() != 1) return false;
    const std::string field_value = r.key == "metadata.name" ? node.metadata.name : std::string{};
    if (r.operator_ == "In") return field_value == r.values[0];
    if (r.operator_ == "NotIn") return field_value != r.values[0];
    return false;
}

bool match_node_selector_term(const api::node_selector_term& term, const api::node& node) {
    if (term.match_expressions.empty() && term.match_fields.empty()) return false;
    for (const auto& r : term.match_expressions)
        if (!match_node_selector_requirement(r, node.metadata.labels)) return false;
    for (const auto& r : term.match_fields)
        if (!match_node_field_requirement(r, node)) return false;
    return true;
}

bool match_node_selector_terms(const api::node_selector& sel, const api::node& node) {
    for (const auto& term : sel.node_selector_terms)
        if (match_node_selector_term(term, node)) return true;
    return false;
}

bool required_node_affinity_matches(const api::pod& pod, const api::node& node) {
    for (const auto& [k, v] : pod.spec.node_selector) {
        const auto it = node.metadata.labels.find(k);
        if (it == node.metadata.labels.end() || it->second != v) return false;
    }
    if (pod.spec.affinity && pod.spec.affinity->node_affinity &&
        pod.spec.affinity->node_affinity->required_during_scheduling_ignored_during_execution)
        return match_node_selector_terms(
            *pod.spec.affinity->node_affinity->required_during_scheduling_ignored_during_execution, node);
    return true;
}

std::optional<std::string> node_name_filter(const api::pod& pod, const node_info& ni) {
    if (pod.spec.node_name.empty() || pod.spec.node_name == ni.node->metadata.name) return std::nullopt;
    return std::string(err_reason_node_name);
}

std::optional<std::string> node_unschedulable_filter(const api::pod& pod, const node_info& ni) {
    if (!ni.unschedulable) return std::nullopt;
    const api::taint t{std::string(taint_node_unschedulable), {}, "NoSchedule", std::nullopt};
    if (tolerations_tolerate_taint(pod.spec.tolerations, t)) return std::nullopt;
    return std::string(err_reason_unschedulable);
}

std::optional<std::string> node_affinity_filter(const api::pod& pod, const node_info& ni) {
    if (required_node_affinity_matches(pod, *ni.node)) return std::nullopt;
    return std::string(err_reason_node_affinity);
}

std::optional<std::string> taint_toleration_filter(const api::pod& pod, const node_info& ni) {
    if (!ni.tainted) return std::nullopt;
    if (!find_matching_untolerated_taint(ni.node->spec.taints, pod.spec.tolerations)) return std::nullopt;
    return std::string(err_reason_untolerated_taint);
}

std::optional<api::taint> readiness_taint(const api::node& node) {
    for (const auto& c : node.status.conditions) {
        if (c.type != "Ready") continue;
        if (c.status == "True") return std::nullopt;
        if (c.status == "False") return api::taint{std::string(taint_node_not_ready), {}, "NoSchedule", std::nullopt};
        break;
    }
    return api::taint{std::string(taint_node_unreachable), {}, "NoSchedule", std::nullopt};
}

std::optional<std::string> node_ready_filter(const api::pod& pod, const node_info& ni) {
    if (ni.ready) return std::nullopt;
    const auto t = readiness_taint(*ni.node);
    if (!t || tolerations_tolerate_taint(pod.spec.tolerations, *t)) return std::nullopt;
    return std::string(err_reason_untolerated_taint);
}

namespace detail {

KUBESIM_DECL std::int64_t allocatable(const api::node& node, const char* name, bool milli) {
    const auto it = node.status.allocatable.find(name);
    if (it == node.status.allocatable.end()) return 0;
    return milli ? it->second.milli_value() : it->second.value();
}

}  // namespace detail

void set_node(node_info& ni, const api::node* n) {
    ni.node = n;
    if (!n) return;
    ni.allocatable_milli_cpu = detail::allocatable(*n, "cpu", true);
    ni.allocatable_memory = detail::allocatable(*n, "memory", false);
    ni.allocatable_pods = detail::allocatable(*n, "pods", false);
    ni.ready = !readiness_taint(*n);
    ni.unschedulable = n->spec.unschedulable;
    ni.tainted = !n->spec.taints.empty();
}

std::vector<std::string> node_resources_fit_filter(const api::pod& pod, const node_info& ni,
                                                   const resource_request* req) {
    std::vector<std::string> reasons;
    if (static_cast<std::int64_t>(ni.pod_count) + 1 > ni.allocatable_pods)
        reasons.emplace_back(err_reason_too_many_pods);
    const resource_request r = req ? *req : pod_requests(pod);
    if (r.milli_cpu == 0 && r.memory == 0) return reasons;
    if (r.milli_cpu > 0 && r.milli_cpu > ni.allocatable_milli_cpu - ni.requested_milli_cpu)
        reasons.emplace_back(err_reason_insufficient_cpu);
    if (r.memory > 0 && r.memory > ni.allocatable_memory - ni.requested_memory)
        reasons.emplace_back(err_reason_insufficient_memory);
    return reasons;
}

std::vector<std::string> run_filter_plugins(const api::pod& pod, const node_info& ni,
                                            const resource_request* req) {
    using filter = std::optional<std::string> (*)(const api::pod&, const node_info&);
    constexpr filter single[] = {node_unschedulable_filter, node_name_filter, taint_toleration_filter,
                                 node_ready_filter, node_affinity_filter};
    for (const auto f : single)
        if (auto r = f(pod, ni)) return {std::move(*r)};
    return node_resources_fit_filter(pod, ni, req);
}

bool reason_is_resolvable(std::string_view reason) {
    return reason == err_reason_too_many_pods || reason.substr(0, 13) == "Insufficient ";
}

std::int64_t least_requested_score(std::int64_t requested, std::int64_t capacity) {
    if (capacity == 0 || requested > capacity) return 0;
    return ((capacity - requested) * max_node_score) / capacity;
}

std::int64_t least_allocated_score(const api::pod& pod, const node_info& ni,
                                   const resource_request* nz) {
    const resource_request req = nz ? *nz : pod_non_zero_requests(pod);
    const std::int64_t alloc[2] = {ni.allocatable_milli_cpu, ni.allocatable_memory};
    const std::int64_t requested[2] = {ni.non_zero_requested_milli_cpu + req.milli_cpu,
                                       ni.non_zero_requested_memory + req.memory};
    std::int64_t node_score = 0;
    std::int64_t weight_sum = 0;
    for (std::size_t i = 0; i < 2; ++i) {
        if (alloc[i] == 0) continue;
        node_score += least_requested_score(requested[i], alloc[i]) * 1;
        weight_sum += 1;
    }
    return weight_sum == 0 ? 0 : node_score / weight_sum;
}

std::int64_t selector_spread_score(const api::pod& pod,
                                   const std::vector<const api::pod*>& pods_on_node) {
    const auto* owner = api::controller_of(pod.metadata);
    if (!owner) return 0;
    std::int64_t count = 0;
    for (const auto* p : pods_on_node) {
        if (!p || p->metadata.namespace_ != pod.metadata.namespace_ || p->metadata.deletion_timestamp) continue;
        const auto* o = api::controller_of(p->metadata);
        if (o && o->uid == owner->uid) ++count;
    }
    return count;
}

std::int64_t node_affinity_score(const api::pod& pod, const node_info& ni) {
    if (!pod.spec.affinity || !pod.spec.affinity->node_affinity) return 0;
    std::int64_t score = 0;
    for (const auto& t : pod.spec.affinity->node_affinity->preferred_during_scheduling_ignored_during_execution) {
        if (t.weight == 0) continue;
        if (match_node_selector_term(t.preference, *ni.node)) score += t.weight;
    }
    return score;
}

std::int64_t taint_toleration_score(const api::pod& pod, const node_info& ni) {
    if (!ni.tainted) return 0;
    std::vector<api::toleration> prefer;
    for (const auto& t : pod.spec.tolerations)
        if (t.effect.empty() || t.effect == "PreferNoSchedule") prefer.push_back(t);
    std::int64_t count = 0;
    for (const auto& taint : ni.node->spec.taints) {
        if (taint.effect != "PreferNoSchedule") continue;
        if (!tolerations_tolerate_taint(prefer, taint)) ++count;
    }
    return count;
}

void default_normalize_score(std::int64_t max_priority, bool reverse, std::vector<std::int64_t>& scores) {
    std::int64_t max_count = 0;
    for (const auto s : scores) max_count = std::max(max_count, s);
    if (max_count == 0) {
        if (reverse)
            for (auto& s : scores) s = max_priority;
        return;
    }
    for (auto& s : scores) {
        s = max_priority * s / max_count;
        if (reverse) s = max_priority - s;
    }
}

namespace detail {

// sortReasonsHistogram: "N reason" strings sorted as strings (so "10 x" sorts
// before "2 y", as upstream), joined by ", ".
KUBESIM_DECL std::string histogram(const std::map<std::string, int>& counts) {
    std::vector<std::string> parts;
    for (const auto& [reason, n] : counts)
        if (n > 0) parts.push_back(std::to_string(n) + " " + reason);
    std::sort(parts.begin(), parts.end());
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty()) out += ", ";
        out += p;
    }
    return out;
}

KUBESIM_DECL std::string nodes_available(int num_nodes, const std::map<std::string, int>& counts) {
    std::string msg = "0/" + std::to_string(num_nodes) + " nodes are available:";
    const auto h = histogram(counts);
    if (!h.empty()) msg += " " + h + ".";
    return msg;
}

}  // namespace detail

std::string fit_error_message(int num_nodes, const std::map<std::string, int>& reason_counts) {
    if (num_nodes == 0) return std::string(err_no_nodes_available);
    int not_helpful = 0;
    for (const auto& [reason, n] : reason_counts)
        if (!reason_is_resolvable(reason)) not_helpful += n;
    not_helpful = std::min(not_helpful, num_nodes);
    std::map<std::string, int> preemption;
    if (num_nodes - not_helpful > 0) preemption[std::string(err_reason_no_victims)] = num_nodes - not_helpful;
    if (not_helpful > 0) preemption[std::string(err_reason_preemption_not_helpful)] = not_helpful;
    return detail::nodes_available(num_nodes, reason_counts) + " preemption: " +
           detail::nodes_available(num_nodes, preemption);
}

}  // namespace kubesim::controllers::scheduler
