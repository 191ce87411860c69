// kubesim::cluster: the facade users start from. It owns the engine (simulated
// time), the object store (the API server) and the control-plane components,
// and offers kubectl-like entry points (apply) and the typed clients.
//
//   kubesim::cluster c;            // node-1..node-3, seed 0
//   c.init();                      // namespaces, Nodes, the kubernetes Service
//   c.apply(manifests);            // create-or-update, like kubectl apply
//   auto pods = c.client<kubesim::api::pod>("default").list();
//
// Components plug in on the engine: each owns informers on the store and
// reacts through engine entries, never synchronously from a write.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/json/codec.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/network/hop.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/sim/trace.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/object_store.hpp>
#include <kubesim/store/service_allocator.hpp>

namespace kubesim {

struct cluster_options {
    int nodes = 3;                        // named node-1 ... node-N
    std::uint64_t seed = 0;               // all randomness derives from it
    std::string service_cidr = "10.96.0.0/12";
    int node_port_min = 30000, node_port_max = 32767;
    std::function<sim::duration(const net::hop&)> latency{};  // network latency per hop; empty = 0

    // Beyond the contract: topology and sizes.
    std::string pod_cidr = "10.244.0.0/16";   // one /24 per node (node-k gets the k-th)
    std::string node_cidr = "172.18.0.0/16";  // node InternalIPs, from .2 upwards
    std::string node_cpu = "4";
    std::string node_memory = "8Gi";
    int max_pods = 110;
    std::string kubernetes_version = "v1.33.0";
    std::size_t watch_history = 10000;  // watch events kept per kind (older resourceVersions get 410)
};

class cluster {
public:
    explicit cluster(cluster_options opts = {})
        : opts_(std::move(opts)),
          store_(engine_, opts_.seed, store::store_options{opts_.watch_history}),
          services_(opts_.service_cidr, opts_.node_port_min, opts_.node_port_max, sim::random(opts_.seed).fork("ipam")) {
        if (opts_.nodes < 0) throw usage_error("[kubesim.cluster.nodes] nodes must be >= 0");
        auto pods = store::ipv4_cidr::parse(opts_.pod_cidr);
        if (!pods || pods->prefix > 24)
            throw usage_error("[kubesim.cluster.pod-cidr] pod_cidr \"" + opts_.pod_cidr + "\" is not an IPv4 CIDR of /24 or larger");
        if (static_cast<std::uint64_t>(opts_.nodes) > (std::uint64_t{1} << (24 - pods->prefix)) - 1)
            throw usage_error("[kubesim.cluster.pod-cidr] " + std::to_string(opts_.nodes) + " nodes need a /24 each; pod_cidr " +
                              opts_.pod_cidr + " has room for " +
                              std::to_string((std::uint64_t{1} << (24 - pods->prefix)) - 1));
        pod_cidr_ = *pods;
        auto nodes = store::ipv4_cidr::parse(opts_.node_cidr);
        if (!nodes || static_cast<std::uint64_t>(opts_.nodes) + 2 > nodes->size())
            throw usage_error("[kubesim.cluster.node-cidr] node_cidr \"" + opts_.node_cidr + "\" cannot hold " +
                              std::to_string(opts_.nodes) + " nodes");
        node_cidr_ = *nodes;
        (void)api::json::codecs_registered;  // odr-use: the registry is filled before we patch
        store_.set_trace(&trace_);
        services_.install(store_);
        register_kinds<api::pod, api::node, api::namespace_, api::service, api::event, api::config_map, api::secret,
                       api::endpoint_slice, api::replica_set, api::deployment>();
    }
    cluster(const cluster&) = delete;
    cluster& operator=(const cluster&) = delete;

    // Creates the namespaces default, kube-system, kube-public, kube-node-lease,
    // the Node objects and the `kubernetes` Service, then runs everything due.
    void init() {
        if (initialized_) throw usage_error("[kubesim.cluster.init-twice] init() was already called");
        initialized_ = true;
        for (const char* ns : {"default", "kube-system", "kube-public", "kube-node-lease"}) {
            api::namespace_ n;
            n.metadata.name = ns;
            n.metadata.labels["kubernetes.io/metadata.name"] = ns;
            client<api::namespace_>().create(n).value();
        }
        for (int i = 1; i <= opts_.nodes; ++i) client<api::node>().create(make_node(i)).value();
        api::service k;
        k.metadata.name = "kubernetes";
        k.metadata.labels = {{"component", "apiserver"}, {"provider", "kubernetes"}};
        k.spec.cluster_ip = store::ipv4_cidr::format_ip(services_.cidr().base + 1);
        k.spec.ports.push_back({.name = "https", .protocol = "TCP", .port = 443, .target_port = api::int_or_string::from_int(6443)});
        client<api::service>("default").create(k).value();
        engine_.run_due();
    }

    // One object, a JSON array, or a v1 List: create-or-update like
    // `kubectl apply`, recording kubectl.kubernetes.io/last-applied-configuration
    // and keeping status and server-set fields. Every document is decoded and
    // validated before anything is stored: an unknown kind, a missing name or an
    // invalid object throws api_error naming it and stores nothing.
    std::vector<nlohmann::json> apply(const nlohmann::json& manifests) {
        std::vector<const nlohmann::json*> docs;
        flatten(manifests, docs);
        std::vector<std::pair<const api::codec*, const nlohmann::json*>> plan;
        for (const auto* d : docs) plan.emplace_back(check_document(*d), d);
        std::vector<nlohmann::json> out;
        for (const auto& [codec, d] : plan) out.push_back(apply_document(*codec, *d));
        return out;
    }

    // The annotation `kubectl apply` keeps the applied manifest in.
    static constexpr std::string_view last_applied_annotation = "kubectl.kubernetes.io/last-applied-configuration";

    // cluster.client<api::pod>("default"); cluster-scoped kinds ignore ns;
    // "" = all namespaces (list, watch).
    template <class Kind>
    [[nodiscard]] kubesim::client<Kind> client(std::string_view ns = "default") {
        return kubesim::client<Kind>(store_, std::string(ns));
    }

    // ---- time ----------------------------------------------------------------
    [[nodiscard]] sim::time_point now() const { return engine_.now(); }
    bool step() { return engine_.step(); }
    void run_for(sim::duration d) { engine_.run_for(d); }
    bool run_until(std::function<bool()> done, sim::duration timeout) { return engine_.run_until(done, timeout); }

    // ---- plumbing for components, tests and tools ---------------------------
    [[nodiscard]] sim::engine& engine() noexcept { return engine_; }
    [[nodiscard]] store::object_store& store() noexcept { return store_; }
    [[nodiscard]] sim::trace& trace() noexcept { return trace_; }
    [[nodiscard]] const cluster_options& options() const noexcept { return opts_; }
    [[nodiscard]] store::service_allocator& service_ips() noexcept { return services_; }
    // A stream derived from the seed for a named component.
    [[nodiscard]] sim::random random(std::string_view component) const { return sim::random(opts_.seed).fork(component); }

    // The node-k InternalIP and podCIDR (1-based k).
    [[nodiscard]] std::string node_ip(int k) const {
        return store::ipv4_cidr::format_ip(node_cidr_.base + static_cast<std::uint32_t>(k + 1));
    }
    [[nodiscard]] std::string node_pod_cidr(int k) const {
        return store::ipv4_cidr{pod_cidr_.base + (static_cast<std::uint32_t>(k) << 8), 24}.to_string();
    }

private:
    static void flatten(const nlohmann::json& j, std::vector<const nlohmann::json*>& out) {
        if (j.is_array()) {
            for (const auto& e : j) flatten(e, out);
            return;
        }
        if (j.is_object() && j.contains("items") && j["items"].is_array() && j.contains("kind") && j["kind"].is_string()) {
            const auto& kind = j["kind"].get_ref<const std::string&>();
            if (kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0) {
                for (const auto& e : j["items"]) flatten(e, out);
                return;
            }
        }
        out.push_back(&j);
    }

    const store::kind_ops& ops_for(const api::codec& c) const { return *kinds_.at(std::string(c.resource)); }

    // Decodes and validates one document without storing anything; throws
    // api_error naming the document when it cannot be applied.
    const api::codec* check_document(const nlohmann::json& d) const {
        if (!d.is_object()) throw api_error(api::errors::bad_request("error decoding manifest: expected an object, got " + d.dump()));
        const auto str = [&](const char* k) -> std::string {
            auto it = d.find(k);
            return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        const std::string api_version = str("apiVersion"), kind = str("kind");
        if (kind.empty()) throw api_error(api::errors::bad_request("Object 'Kind' is missing in '" + d.dump() + "'"));
        if (api_version.empty())
            throw api_error(api::errors::bad_request("Object 'apiVersion' is missing in '" + d.dump() + "'"));
        auto it = api::codecs_by_type().find(api_version + "/" + kind);
        if (it == api::codecs_by_type().end()) {
            auto s = api::errors::not_found("", "");
            s.message = "no matches for kind " + api::field::quote(kind) + " in version " + api::field::quote(api_version);
            s.details = {};
            s.details.kind = kind;
            throw api_error(s);
        }
        const api::codec& c = *it->second;
        const auto& ops = ops_for(c);
        auto obj = c.decode(d);
        if (!obj) throw api_error(obj.error());
        auto& m = ops.meta_mut(obj->get());
        if (m.name.empty()) {
            auto s = api::errors::bad_request(kind + ": resource name may not be empty");
            s.details.kind = kind;
            throw api_error(s);
        }
        if (ops.namespaced && m.namespace_.empty()) m.namespace_ = "default";
        ops.set_defaults(obj->get());
        if (auto errs = ops.validate(obj->get()); !errs.empty()) throw api_error(api::errors::invalid(ops.qualified_kind, m.name, errs));
        return &c;
    }

    // kubectl apply for one document: create, or a three-way merge of the last
    // applied manifest, the new one and the live object.
    nlohmann::json apply_document(const api::codec& c, const nlohmann::json& d) {
        const auto& ops = ops_for(c);
        nlohmann::json modified = d;
        if (modified.contains("metadata") && modified["metadata"].is_object() && modified["metadata"].contains("annotations") &&
            modified["metadata"]["annotations"].is_object())
            modified["metadata"]["annotations"].erase(std::string(last_applied_annotation));
        const std::string applied = modified.dump() + "\n";
        modified["metadata"]["annotations"][std::string(last_applied_annotation)] = applied;

        auto obj = c.decode(modified).value();
        auto& m = ops.meta_mut(obj.get());
        const std::string ns = ops.namespaced ? (m.namespace_.empty() ? std::string("default") : m.namespace_) : std::string();
        auto live = store_.find(ops, ns, m.name);
        if (!live) return c.encode(store_.create(ops, std::move(obj), ns).value().get());

        nlohmann::json current = c.encode(live.get());
        nlohmann::json original;
        const auto& la = ops.meta(live.get()).annotations;
        if (auto a = la.find(std::string(last_applied_annotation)); a != la.end())
            original = nlohmann::json::parse(a->second, nullptr, false);
        nlohmann::json patch = three_way_patch(original, modified, current);
        if (patch.empty()) return current;
        current.merge_patch(patch);
        auto next = c.decode(current).value();
        return c.encode(store_.update(ops, std::move(next), ns).value().get());
    }

    // The merge patch that takes `current` to `modified`, deleting what the last
    // applied manifest (`original`) had and `modified` no longer has.
    static nlohmann::json three_way_patch(const nlohmann::json& original, const nlohmann::json& modified,
                                          const nlohmann::json& current) {
        nlohmann::json patch = nlohmann::json::object();
        for (auto it = modified.begin(); it != modified.end(); ++it) {
            const auto cur = current.is_object() ? current.find(it.key()) : current.end();
            const bool in_current = current.is_object() && cur != current.end();
            if (it.value().is_object() && in_current && cur->is_object()) {
                const nlohmann::json& orig = original.is_object() && original.contains(it.key()) ? original[it.key()]
                                                                                                 : nlohmann::json();
                auto sub = three_way_patch(orig, it.value(), *cur);
                if (!sub.empty()) patch[it.key()] = std::move(sub);
            } else if (!in_current || *cur != it.value()) {
                patch[it.key()] = it.value();
            }
        }
        if (original.is_object())
            for (auto it = original.begin(); it != original.end(); ++it)
                if (!modified.contains(it.key()) && current.is_object() && current.contains(it.key())) patch[it.key()] = nullptr;
        return patch;
    }

    template <class... Kinds>
    void register_kinds() {
        (kinds_.emplace(std::string(Kinds::resource), &store::kind_ops_of<Kinds>()), ...);
    }

    api::node make_node(int k) const {
        api::node n;
        const std::string name = "node-" + std::to_string(k);
        n.metadata.name = name;
        n.metadata.labels = {{"beta.kubernetes.io/arch", "amd64"}, {"beta.kubernetes.io/os", "linux"},
                             {"kubernetes.io/arch", "amd64"},      {"kubernetes.io/hostname", name},
                             {"kubernetes.io/os", "linux"}};
        n.spec.pod_cidr = node_pod_cidr(k);
        n.spec.pod_cidrs = {n.spec.pod_cidr};
        n.spec.provider_id = "kubesim://" + name;
        const auto cpu = api::quantity::parse(opts_.node_cpu).value();
        const auto mem = api::quantity::parse(opts_.node_memory).value();
        const auto pods = api::quantity::parse(std::to_string(opts_.max_pods)).value();
        const auto disk = api::quantity::parse("100Gi").value();
        n.status.capacity = {{"cpu", cpu}, {"memory", mem}, {"pods", pods}, {"ephemeral-storage", disk}};
        n.status.allocatable = n.status.capacity;
        const auto t = engine_.now();
        auto cond = [&](std::string type, std::string status, std::string reason, std::string message) {
            return api::node_condition{std::move(type), std::move(status), t, t, std::move(reason), std::move(message)};
        };
        n.status.conditions = {
            cond("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
            cond("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
            cond("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
            cond("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
        };
        n.status.addresses = {{"InternalIP", node_ip(k)}, {"Hostname", name}};
        n.status.daemon_endpoints.kubelet_endpoint.port = 10250;
        n.status.node_info = {.machine_id = "", .system_uuid = "", .boot_id = "",
                              .kernel_version = "6.1.0-kubesim", .os_image = "kubesim",
                              .container_runtime_version = "kubesim://0.1.0",
                              .kubelet_version = opts_.kubernetes_version,
                              .kube_proxy_version = opts_.kubernetes_version,
                              .operating_system = "linux", .architecture = "amd64"};
        return n;
    }

    cluster_options opts_;
    sim::engine engine_;
    sim::trace trace_;
    store::object_store store_;
    store::service_allocator services_;
    store::ipv4_cidr pod_cidr_{};
    store::ipv4_cidr node_cidr_{};
    std::map<std::string, const store::kind_ops*, std::less<>> kinds_;
    bool initialized_{false};
};

}  // namespace kubesim
