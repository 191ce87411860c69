// Definitions of kubectl/printers.hpp.
#pragma once

#include <kubesim/kubectl/printers.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/json/codec.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/store/kind_ops.hpp>

namespace kubesim::kubectl::printers {

namespace detail {

using opt_time = std::optional<sim::time_point>;

// age() for metav1.MicroTime (an Event's eventTime, a series' lastObservedTime),
// which keeps microseconds.
[[nodiscard]] KUBESIM_DECL std::string micro_age(const opt_time& t, sim::time_point now) {
    return t ? human_duration(now - *t) : std::string("<unknown>");
}

// Keeps the later of two optional times (metav1.Time.Before on zero-valued times).
KUBESIM_DECL void keep_later(opt_time& acc, const opt_time& t) {
    if (t && (!acc || *acc < *t)) acc = t;
}

[[nodiscard]] KUBESIM_DECL bool condition_true(const std::vector<api::pod_condition>& cs, std::string_view type) {
    for (const auto& c : cs)
        if (c.type == type) return c.status == "True";
    return false;
}

// A sidecar: an init container with restartPolicy Always.
[[nodiscard]] KUBESIM_DECL bool restartable(const api::container* c) {
    return c != nullptr && c->restart_policy && *c->restart_policy == "Always";
}

// "Signal:9" / "ExitCode:2" for a termination without a reason.
[[nodiscard]] KUBESIM_DECL std::string exit_reason(const api::container_state_terminated& t) {
    if (t.signal != 0) return "Signal:" + std::to_string(t.signal);
    return "ExitCode:" + std::to_string(t.exit_code);
}

// layoutContainerCells: container names and images, each comma-joined.
[[nodiscard]] KUBESIM_DECL std::pair<std::string, std::string> container_cells(
    const api::cow_vector<api::container>& cs) {
    std::string names, images;
    for (std::size_t i = 0; i < cs.size(); ++i) {
        if (i > 0) {
            names += ',';
            images += ',';
        }
        names += cs[i].name;
        images += cs[i].image;
    }
    return {std::move(names), std::move(images)};
}

// metav1.FormatLabelSelector: "<none>" for a selector that selects everything
// (or nothing), "<error>" for one that does not parse.
[[nodiscard]] KUBESIM_DECL std::string format_label_selector(const std::optional<api::label_selector>& s) {
    auto sel = api::labels::label_selector_as_selector(s);
    if (!sel) return "<error>";
    std::string l = sel->to_string();
    return l.empty() ? "<none>" : l;
}

// listWithMoreString: the first three items, "a,b,c + 2 more..." past them,
// "<unset>" when there are none.
[[nodiscard]] KUBESIM_DECL std::string list_with_more(const std::vector<std::string>& all) {
    constexpr std::size_t max = 3;
    std::string r;
    for (std::size_t i = 0; i < all.size() && i < max; ++i) {
        if (i > 0) r += ',';
        r += all[i];
    }
    if (all.size() > max) return r + " + " + std::to_string(all.size() - max) + " more...";
    return r.empty() ? "<unset>" : r;
}

// ---- pods (printPod) -------------------------------------------------------------

// The STATUS and RESTARTS cells and the ready count, in printPod's order: the
// phase (or status.reason, or SchedulingGated), then the first init container
// not done, then the app containers from last to first, then deletion.
// Worked example: a pod whose container is waiting in CrashLoopBackOff after 3
// restarts, the last one finished 2m ago, reads `0/1 CrashLoopBackOff 3 (2m ago)`.
[[nodiscard]] KUBESIM_DECL pod_summary summarize_pod(const api::pod& pod, sim::time_point now) {
    pod_summary s;
    s.total = static_cast<int>(pod.spec.containers.size());
    const std::string& phase = pod.status.phase;
    s.reason = pod.status.reason.empty() ? phase : pod.status.reason;
    for (const auto& c : pod.status.conditions)
        if (c.type == "PodScheduled" && c.reason == "SchedulingGated") s.reason = "SchedulingGated";

    const auto init_spec = [&](const std::string& name) -> const api::container* {
        for (const auto& c : pod.spec.init_containers)
            if (c.name == name) return &c;
        return nullptr;
    };
    for (const auto& c : pod.spec.init_containers)
        if (restartable(&c)) ++s.total;

    int restarts = 0, sidecar_restarts = 0;
    opt_time last_restart, last_sidecar_restart;
    bool initializing = false;
    const auto& inits = pod.status.init_container_statuses;
    for (std::size_t i = 0; i < inits.size(); ++i) {
        const auto& cs = inits[i];
        const bool sidecar = restartable(init_spec(cs.name));
        restarts += cs.restart_count;
        const opt_time finished = cs.last_state.terminated ? cs.last_state.terminated->finished_at : opt_time{};
        keep_later(last_restart, finished);
        if (sidecar) {
            sidecar_restarts += cs.restart_count;
            keep_later(last_sidecar_restart, finished);
        }
        if (cs.state.terminated && cs.state.terminated->exit_code == 0) continue;
        if (sidecar && cs.started.value_or(false)) {
            if (cs.ready) ++s.ready;
            continue;
        }
        if (cs.state.terminated) {
            const auto& t = *cs.state.terminated;
            s.reason = "Init:" + (t.reason.empty() ? exit_reason(t) : t.reason);
        } else if (cs.state.waiting && !cs.state.waiting->reason.empty() &&
                   cs.state.waiting->reason != "PodInitializing") {
            s.reason = "Init:" + cs.state.waiting->reason;
        } else {
            s.reason = "Init:" + std::to_string(i) + "/" + std::to_string(pod.spec.init_containers.size());
        }
        initializing = true;
        break;
    }

    if (!initializing || condition_true(pod.status.conditions, "Initialized")) {
        // Only sidecars' restarts count once the pod is past initialization.
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        bool has_running = false;
        const auto& cs = pod.status.container_statuses;
        for (auto it = cs.rbegin(); it != cs.rend(); ++it) {
            restarts += it->restart_count;
            if (it->last_state.terminated) keep_later(last_restart, it->last_state.terminated->finished_at);
            if (it->state.waiting && !it->state.waiting->reason.empty()) {
                s.reason = it->state.waiting->reason;
            } else if (it->state.terminated) {
                const auto& t = *it->state.terminated;
                s.reason = t.reason.empty() ? exit_reason(t) : t.reason;
            } else if (it->ready && it->state.running) {
                has_running = true;
                ++s.ready;
            }
        }
        // A container still running after another completed: the pod is not done.
        if (s.reason == "Completed" && has_running) {
            bool ready = false;
            for (const auto& c : pod.status.conditions) ready = ready || (c.type == "Ready" && c.status == "True");
            s.reason = ready ? "Running" : "NotReady";
        }
    }

    if (pod.metadata.deletion_timestamp && pod.status.reason == "NodeLost")
        s.reason = "Unknown";
    else if (pod.metadata.deletion_timestamp && phase != "Succeeded" && phase != "Failed")
        s.reason = "Terminating";

    s.restarts = std::to_string(restarts);
    if (restarts != 0 && last_restart) s.restarts += " (" + age(last_restart, now) + " ago)";
    return s;
}

[[nodiscard]] KUBESIM_DECL nlohmann::json pod_cells(const api::pod& pod, sim::time_point now) {
    const auto s = summarize_pod(pod, now);
    // The internal PodIPs: status.podIP wins over podIPs[0] (v1 conversion).
    std::string ip = pod.status.pod_ip;
    if (ip.empty() && !pod.status.pod_ips.empty()) ip = pod.status.pod_ips.front().ip;
    std::string gates = "<none>";
    if (!pod.spec.readiness_gates.empty()) {
        int true_conditions = 0;
        for (const auto& g : pod.spec.readiness_gates) {
            for (const auto& c : pod.status.conditions) {
                if (c.type != g.condition_type) continue;
                if (c.status == "True") ++true_conditions;
                break;
            }
        }
        gates = std::to_string(true_conditions) + "/" + std::to_string(pod.spec.readiness_gates.size());
    }
    const auto or_none = [](const std::string& v) { return v.empty() ? std::string("<none>") : v; };
    return nlohmann::json::array({pod.metadata.name, std::to_string(s.ready) + "/" + std::to_string(s.total), s.reason,
                                  s.restarts, age(pod.metadata.creation_timestamp, now), or_none(ip),
                                  or_none(pod.spec.node_name), or_none(pod.status.nominated_node_name), gates});
}

// ---- nodes (printNode) -----------------------------------------------------------

[[nodiscard]] KUBESIM_DECL nlohmann::json node_cells(const api::node& n, sim::time_point now) {
    // Upstream indexes conditions by type: the last Ready condition decides.
    const api::node_condition* ready = nullptr;
    for (const auto& c : n.status.conditions)
        if (c.type == "Ready") ready = &c;
    std::string status = ready == nullptr ? "Unknown" : ready->status == "True" ? "Ready" : "NotReady";
    if (n.spec.unschedulable) status += ",SchedulingDisabled";

    // node-role.kubernetes.io/<role> labels, and kubernetes.io/role=<role>; sorted, deduplicated.
    constexpr std::string_view role_prefix = "node-role.kubernetes.io/";
    std::set<std::string> roles;
    for (const auto& [k, v] : n.metadata.labels) {
        if (k.size() > role_prefix.size() && k.compare(0, role_prefix.size(), role_prefix) == 0)
            roles.insert(k.substr(role_prefix.size()));
        else if (k == "kubernetes.io/role" && !v.empty())
            roles.insert(v);
    }
    std::string role_cell;
    for (const auto& r : roles) role_cell += (role_cell.empty() ? "" : ",") + r;
    if (role_cell.empty()) role_cell = "<none>";

    const auto address = [&](std::string_view type) {
        for (const auto& a : n.status.addresses)
            if (a.type == type) return a.address;
        return std::string("<none>");
    };
    const auto or_unknown = [](const std::string& v) { return v.empty() ? std::string("<unknown>") : v; };
    const auto& info = n.status.node_info;
    return nlohmann::json::array({n.metadata.name, status, role_cell, age(n.metadata.creation_timestamp, now),
                                  info.kubelet_version, address("InternalIP"), address("ExternalIP"),
                                  or_unknown(info.os_image), or_unknown(info.kernel_version),
                                  or_unknown(info.container_runtime_version)});
}

// ---- services (printService) -----------------------------------------------------

// getServiceExternalIP, wide: LoadBalancer ingress (IPs or hostnames, sorted and
// deduplicated) then spec.externalIPs; "<pending>" while a LoadBalancer has none.
[[nodiscard]] KUBESIM_DECL std::string service_external_ip(const api::service& svc) {
    const auto join = [](const auto& items) {
        std::string r;
        for (const auto& i : items) r += (r.empty() ? "" : ",") + i;
        return r;
    };
    const auto& type = svc.spec.type;
    if (type == "ClusterIP" || type == "NodePort")
        return svc.spec.external_ips.empty() ? "<none>" : join(svc.spec.external_ips);
    if (type == "LoadBalancer") {
        std::set<std::string> lb;
        for (const auto& in : svc.status.load_balancer.ingress) {
            if (!in.ip.empty())
                lb.insert(in.ip);
            else if (!in.hostname.empty())
                lb.insert(in.hostname);
        }
        std::vector<std::string> all(lb.begin(), lb.end());
        all.insert(all.end(), svc.spec.external_ips.begin(), svc.spec.external_ips.end());
        return all.empty() ? "<pending>" : join(all);
    }
    if (type == "ExternalName") return svc.spec.external_name;
    return "<unknown>";
}

[[nodiscard]] KUBESIM_DECL nlohmann::json service_cells(const api::service& svc, sim::time_point now) {
    // The internal ClusterIPs: clusterIP wins over clusterIPs[0] (v1 conversion).
    std::string cluster_ip = svc.spec.cluster_ip;
    if (cluster_ip.empty() && !svc.spec.cluster_ips.empty()) cluster_ip = svc.spec.cluster_ips.front();
    if (cluster_ip.empty()) cluster_ip = "<none>";
    // makePortString: 80/TCP, or 80:31000/TCP with a node port.
    std::string ports;
    for (const auto& p : svc.spec.ports) {
        if (!ports.empty()) ports += ',';
        ports += std::to_string(p.port);
        if (p.node_port > 0) ports += ":" + std::to_string(p.node_port);
        ports += "/" + p.protocol;
    }
    if (ports.empty()) ports = "<none>";
    return nlohmann::json::array({svc.metadata.name, svc.spec.type, cluster_ip, service_external_ip(svc), ports,
                                  age(svc.metadata.creation_timestamp, now),
                                  api::labels::format_labels(svc.spec.selector)});
}

// ---- events (printEvent) ---------------------------------------------------------

// formatEventSource: component (or reportingComponent), then ", host" (or
// reportingInstance) when there is one.
[[nodiscard]] KUBESIM_DECL std::string event_source(const api::event& e) {
    const std::string& component = e.source.component.empty() ? e.reporting_component : e.source.component;
    const std::string& instance = e.source.host.empty() ? e.reporting_instance : e.source.host;
    return instance.empty() ? component : component + ", " + instance;
}

[[nodiscard]] KUBESIM_DECL std::string trim_space(const std::string& s) {
    constexpr std::string_view space = " \t\n\v\f\r";
    const auto b = s.find_first_not_of(space);
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(space) - b + 1);
}

[[nodiscard]] KUBESIM_DECL nlohmann::json event_cells(const api::event& e, sim::time_point now) {
    // FIRST SEEN: firstTimestamp, else eventTime. LAST SEEN: lastTimestamp, else
    // first seen; a series' lastObservedTime overrides both. Singleton events of
    // the new API leave count 0: it reads 1.
    const std::string first = e.first_timestamp ? age(e.first_timestamp, now) : micro_age(e.event_time, now);
    std::string last = e.last_timestamp ? age(e.last_timestamp, now) : first;
    std::int64_t count = e.count;
    if (e.series) {
        last = micro_age(e.series->last_observed_time, now);
        count = e.series->count;
    } else if (count == 0) {
        count = 1;
    }
    std::string kind;
    for (char ch : e.involved_object.kind) kind += (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    const std::string object = e.involved_object.name.empty() ? kind : kind + "/" + e.involved_object.name;
    return nlohmann::json::array({last, e.type, e.reason, object, e.involved_object.field_path, event_source(e),
                                  trim_space(e.message), first, count, e.metadata.name});
}

// ---- workloads (printReplicaSet, printDeployment) --------------------------------

[[nodiscard]] KUBESIM_DECL nlohmann::json replica_set_cells(const api::replica_set& rs, sim::time_point now) {
    auto [names, images] = container_cells(rs.spec.template_.spec.containers);
    return nlohmann::json::array({rs.metadata.name, std::int64_t{rs.spec.replicas.value_or(0)},
                                  std::int64_t{rs.status.replicas}, std::int64_t{rs.status.ready_replicas},
                                  age(rs.metadata.creation_timestamp, now), names, images,
                                  format_label_selector(rs.spec.selector)});
}

[[nodiscard]] KUBESIM_DECL nlohmann::json deployment_cells(const api::deployment& d, sim::time_point now) {
    // Unlike the ReplicaSet's, this SELECTOR is the bare selector string ("" when
    // it selects everything), "<invalid>" when it does not parse.
    auto sel = api::labels::label_selector_as_selector(d.spec.selector);
    const std::string selector = sel ? sel->to_string() : std::string("<invalid>");
    auto [names, images] = container_cells(d.spec.template_.spec.containers);
    return nlohmann::json::array(
        {d.metadata.name,
         std::to_string(d.status.ready_replicas) + "/" + std::to_string(d.spec.replicas.value_or(0)),
         std::int64_t{d.status.updated_replicas}, std::int64_t{d.status.available_replicas},
         age(d.metadata.creation_timestamp, now), names, images, selector});
}

// ---- the rest --------------------------------------------------------------------

[[nodiscard]] KUBESIM_DECL nlohmann::json endpoint_slice_cells(const api::endpoint_slice& s, sim::time_point now) {
    // formatDiscoveryPorts: the port number, else its name, else "*".
    std::vector<std::string> ports, addresses;
    for (const auto& p : s.ports) ports.push_back(p.port ? std::to_string(*p.port) : p.name ? *p.name : "*");
    for (const auto& e : s.endpoints) addresses.insert(addresses.end(), e.addresses.begin(), e.addresses.end());
    return nlohmann::json::array({s.metadata.name, s.address_type, list_with_more(ports), list_with_more(addresses),
                                  age(s.metadata.creation_timestamp, now)});
}

[[nodiscard]] KUBESIM_DECL nlohmann::json secret_cells(const api::secret& s, sim::time_point now) {
    // stringData is merged into data on the way in; count the keys of both.
    std::set<std::string_view> keys;
    for (const auto& [k, v] : s.data) keys.insert(k);
    for (const auto& [k, v] : s.string_data) keys.insert(k);
    return nlohmann::json::array(
        {s.metadata.name, s.type, static_cast<std::int64_t>(keys.size()), age(s.metadata.creation_timestamp, now)});
}

[[nodiscard]] KUBESIM_DECL nlohmann::json default_cells(const api::object_meta& m) {
    return nlohmann::json::array(
        {m.name, m.creation_timestamp ? sim::to_rfc3339(*m.creation_timestamp) : std::string("0001-01-01T00:00:00Z")});
}

// The columns every printed kind shares.
KUBESIM_DECL column name_column() {
    return {"Name", "string", "name", "The object's name, unique in its namespace.", 0};
}
KUBESIM_DECL column age_column() { return {"Age", "string", "", "Time since the object was created.", 0}; }

KUBESIM_DECL std::vector<column> container_columns(const char* selector_description) {
    return {{"Containers", "string", "", "The names of the template's containers.", 1},
            {"Images", "string", "", "The images of the template's containers.", 1},
            {"Selector", "string", "", selector_description, 1}};
}

KUBESIM_DECL std::vector<column> with(std::vector<column> a, const std::vector<column>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// Every kind's columns, built once.
struct column_sets {
    std::vector<column> pods, nodes, namespaces, services, events, config_maps, secrets, endpoint_slices, replica_sets,
        deployments, leases, defaults;
};

KUBESIM_DECL const column_sets& all_columns() {
    static const column_sets sets{
        .pods = {name_column(),
                 {"Ready", "string", "", "Ready containers out of all containers (sidecars included).", 0},
                 {"Status", "string", "", "A summary of the pod's phase and its containers' states.", 0},
                 {"Restarts", "string", "", "Container restarts, and how long ago the last one was.", 0},
                 age_column(),
                 {"IP", "string", "", "The pod's IP address.", 1},
                 {"Node", "string", "", "The node the pod is bound to.", 1},
                 {"Nominated Node", "string", "", "The node preemption nominated for the pod.", 1},
                 {"Readiness Gates", "string", "", "Readiness gates whose condition is True, out of all.", 1}},
        .nodes = {name_column(),
                  {"Status", "string", "", "The Ready condition, and whether scheduling is disabled.", 0},
                  {"Roles", "string", "", "The roles named by node-role.kubernetes.io/ labels.", 0},
                  age_column(),
                  {"Version", "string", "", "The kubelet's version.", 0},
                  {"Internal-IP", "string", "", "The node's first InternalIP address.", 1},
                  {"External-IP", "string", "", "The node's first ExternalIP address.", 1},
                  {"OS-Image", "string", "", "The operating system image the node reports.", 1},
                  {"Kernel-Version", "string", "", "The kernel version the node reports.", 1},
                  {"Container-Runtime", "string", "", "The container runtime and its version.", 1}},
        .namespaces = {name_column(), {"Status", "string", "", "The namespace's phase.", 0}, age_column()},
        .services = {name_column(),
                     {"Type", "string", "", "How the service is exposed.", 0},
                     {"Cluster-IP", "string", "", "The service's virtual IP inside the cluster.", 0},
                     {"External-IP", "string", "", "Addresses the service is reachable at from outside.", 0},
                     {"Port(s)", "string", "", "Service ports, with node ports, and protocols.", 0},
                     age_column(),
                     {"Selector", "string", "", "The labels of the pods the service routes to.", 1}},
        .events = {{"Last Seen", "string", "", "Time since the event last occurred.", 0},
                   {"Type", "string", "", "Normal or Warning.", 0},
                   {"Reason", "string", "", "Why the event was recorded, in one word.", 0},
                   {"Object", "string", "", "The object the event is about.", 0},
                   {"Subobject", "string", "", "The part of the object the event is about.", 1},
                   {"Source", "string", "", "The component that reported the event.", 1},
                   {"Message", "string", "", "What happened, for people.", 0},
                   {"First Seen", "string", "", "Time since the event first occurred.", 1},
                   {"Count", "string", "", "How many times the event occurred.", 1},
                   {"Name", "string", "name", "The event object's name.", 1}},
        .config_maps = {name_column(), {"Data", "string", "", "The number of keys in data and binaryData.", 0},
                        age_column()},
        .secrets = {name_column(),
                    {"Type", "string", "", "The secret's type.", 0},
                    {"Data", "string", "", "The number of keys in data.", 0},
                    age_column()},
        .endpoint_slices = {name_column(),
                            {"AddressType", "string", "", "The kind of addresses the slice holds.", 0},
                            {"Ports", "string", "", "The ports every endpoint of the slice serves.", 0},
                            {"Endpoints", "string", "", "The endpoints' addresses.", 0},
                            age_column()},
        .replica_sets = with({name_column(),
                              {"Desired", "integer", "", "The number of pods wanted.", 0},
                              {"Current", "integer", "", "The number of pods the ReplicaSet has.", 0},
                              {"Ready", "integer", "", "The number of its pods that are ready.", 0},
                              age_column()},
                             container_columns("The label query the ReplicaSet's pods match.")),
        .deployments = with({name_column(),
                             {"Ready", "string", "", "Ready pods out of the desired replicas.", 0},
                             {"Up-to-date", "string", "", "Pods running the current template.", 0},
                             {"Available", "string", "", "Pods available to serve.", 0},
                             age_column()},
                            container_columns("The label query the Deployment's pods match.")),
        .leases = {name_column(), {"Holder", "string", "", "Who holds the lease.", 0}, age_column()},
        .defaults = {name_column(), {"Created At", "date", "", "When the object was created.", 0}},
    };
    return sets;
}

}  // namespace detail

pod_summary summarize_pod(const api::pod& pod, sim::time_point now) { return detail::summarize_pod(pod, now); }

std::optional<include_object> parse_include_object(std::string_view v) {
    if (v.empty() || v == "Metadata") return include_object::metadata;
    if (v == "None") return include_object::none;
    if (v == "Object") return include_object::object;
    return std::nullopt;
}

std::string human_duration(sim::duration d) {
    // Go truncates toward zero, as C++ integer division does.
    const std::int64_t seconds = d.count() / 1'000'000;
    if (seconds < -1) return "<invalid>";
    if (seconds < 0) return "0s";
    if (seconds < 2 * 60) return std::to_string(seconds) + "s";
    const std::int64_t minutes = seconds / 60;
    if (minutes < 10) {
        const std::int64_t s = seconds % 60;
        return std::to_string(minutes) + "m" + (s == 0 ? "" : std::to_string(s) + "s");
    }
    if (minutes < 3 * 60) return std::to_string(minutes) + "m";
    const std::int64_t hours = minutes / 60;
    if (hours < 8) {
        const std::int64_t m = minutes % 60;
        return std::to_string(hours) + "h" + (m == 0 ? "" : std::to_string(m) + "m");
    }
    if (hours < 48) return std::to_string(hours) + "h";
    if (hours < 24 * 8) {
        const std::int64_t h = hours % 24;
        return std::to_string(hours / 24) + "d" + (h == 0 ? "" : std::to_string(h) + "h");
    }
    if (hours < 24 * 365 * 2) return std::to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8) {
        const std::int64_t days = (hours / 24) % 365;
        return std::to_string(hours / 24 / 365) + "y" + (days == 0 ? "" : std::to_string(days) + "d");
    }
    return std::to_string(hours / 24 / 365) + "y";
}

// metav1.Time is stored with second precision (JSON and protobuf alike), so the
// API server's printers see timestamps truncated to the second: an object
// created at 0.7s is 120s old at 120.2s, not 119s.
std::string age(const std::optional<sim::time_point>& t, sim::time_point now) {
    return t ? human_duration(now - std::chrono::floor<std::chrono::seconds>(*t)) : std::string("<unknown>");
}

const std::vector<column>* columns(std::string_view resource) {
    const auto& c = detail::all_columns();
    if (resource == "pods") return &c.pods;
    if (resource == "nodes") return &c.nodes;
    if (resource == "namespaces") return &c.namespaces;
    if (resource == "services") return &c.services;
    if (resource == "events") return &c.events;
    if (resource == "configmaps") return &c.config_maps;
    if (resource == "secrets") return &c.secrets;
    if (resource == "endpointslices") return &c.endpoint_slices;
    if (resource == "replicasets") return &c.replica_sets;
    if (resource == "deployments") return &c.deployments;
    if (resource == "leases") return &c.leases;
    return nullptr;
}

const std::vector<column>& default_columns() { return detail::all_columns().defaults; }

nlohmann::json cells(const store::kind_ops& ops, const void* object, sim::time_point now) {
    const std::string_view r = ops.resource;
    if (r == "pods") return detail::pod_cells(*static_cast<const api::pod*>(object), now);
    if (r == "nodes") return detail::node_cells(*static_cast<const api::node*>(object), now);
    if (r == "namespaces") {
        const auto& ns = *static_cast<const api::namespace_*>(object);
        return nlohmann::json::array({ns.metadata.name, ns.status.phase, age(ns.metadata.creation_timestamp, now)});
    }
    if (r == "services") return detail::service_cells(*static_cast<const api::service*>(object), now);
    if (r == "events") return detail::event_cells(*static_cast<const api::event*>(object), now);
    if (r == "configmaps") {
        const auto& cm = *static_cast<const api::config_map*>(object);
        const auto keys = static_cast<std::int64_t>(cm.data.size() + cm.binary_data.size());
        return nlohmann::json::array({cm.metadata.name, keys, age(cm.metadata.creation_timestamp, now)});
    }
    if (r == "secrets") return detail::secret_cells(*static_cast<const api::secret*>(object), now);
    if (r == "endpointslices")
        return detail::endpoint_slice_cells(*static_cast<const api::endpoint_slice*>(object), now);
    if (r == "replicasets") return detail::replica_set_cells(*static_cast<const api::replica_set*>(object), now);
    if (r == "deployments") return detail::deployment_cells(*static_cast<const api::deployment*>(object), now);
    if (r == "leases") {
        const auto& l = *static_cast<const api::lease*>(object);
        return nlohmann::json::array(
            {l.metadata.name, l.spec.holder_identity.value_or(""), age(l.metadata.creation_timestamp, now)});
    }
    return detail::default_cells(ops.meta(object));
}

nlohmann::json table(const store::kind_ops& ops, const std::vector<store::object_ptr>& objects, sim::time_point now,
                     include_object inc, std::string_view resource_version, std::string_view continue_token) {
    const std::vector<column>* cols = columns(ops.resource);
    if (cols == nullptr) cols = &default_columns();
    nlohmann::json defs = nlohmann::json::array();
    for (const auto& c : *cols)
        defs.push_back({{"name", c.name},
                        {"type", c.type},
                        {"format", c.format},
                        {"description", c.description},
                        {"priority", c.priority}});

    const api::codec* codec = nullptr;
    if (inc == include_object::object) {
        api::json::register_codecs();  // idempotent; a cluster has done it already
        auto it = api::codecs_by_resource().find(ops.resource);
        if (it != api::codecs_by_resource().end()) codec = it->second;
    }
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& obj : objects) {
        nlohmann::json row{{"cells", cells(ops, obj.get(), now)}};
        if (ops.resource == "pods") {
            // printPod marks finished pods with a Completed row condition.
            const std::string& phase = static_cast<const api::pod*>(obj.get())->status.phase;
            if (phase == "Succeeded")
                row["conditions"] = {{{"type", "Completed"}, {"status", "True"}, {"reason", "Succeeded"},
                                      {"message", "The pod has completed successfully."}}};
            else if (phase == "Failed")
                row["conditions"] = {
                    {{"type", "Completed"}, {"status", "True"}, {"reason", "Failed"}, {"message", "The pod failed."}}};
        }
        switch (inc) {
        case include_object::none:
            row["object"] = nullptr;
            break;
        case include_object::metadata:
            row["object"] = {{"kind", "PartialObjectMetadata"},
                             {"apiVersion", "meta.k8s.io/v1"},
                             {"metadata", ops.meta(obj.get())}};
            break;
        case include_object::object:
            row["object"] = codec != nullptr ? codec->encode(obj.get()) : nlohmann::json(nullptr);
            break;
        }
        rows.push_back(std::move(row));
    }

    nlohmann::json meta = nlohmann::json::object();
    if (!resource_version.empty()) meta["resourceVersion"] = resource_version;
    if (!continue_token.empty()) meta["continue"] = continue_token;
    return {{"kind", "Table"},
            {"apiVersion", "meta.k8s.io/v1"},
            {"metadata", std::move(meta)},
            {"columnDefinitions", std::move(defs)},
            {"rows", std::move(rows)}};
}

std::string event_interval(const api::event& e, sim::time_point now) {
    const std::string first = e.event_time ? detail::micro_age(e.event_time, now) : age(e.first_timestamp, now);
    const auto repeated = [&](const std::string& last, std::int32_t count) {
        return last + " (x" + std::to_string(count) + " over " + first + ")";
    };
    if (e.series) return repeated(detail::micro_age(e.series->last_observed_time, now), e.series->count);
    if (e.count > 1) return repeated(age(e.last_timestamp, now), e.count);
    return first;
}

}  // namespace kubesim::kubectl::printers
