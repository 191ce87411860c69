// Definitions of cluster.hpp: the cluster's parts live in cluster::impl,
// and the public members forward to it.
#pragma once

#include <kubesim/cluster.hpp>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/json/codec.hpp>
#include <kubesim/api/json/core.hpp>
#include <kubesim/api/json/decode.hpp>
#include <kubesim/api/json/node_options.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/controllers/deployment/controller.hpp>
#include <kubesim/controllers/endpoint_slice/controller.hpp>
#include <kubesim/controllers/garbage_collector/garbage_collector.hpp>
#include <kubesim/controllers/namespace/controller.hpp>
#include <kubesim/controllers/node_lifecycle/controller.hpp>
#include <kubesim/controllers/pod_gc/controller.hpp>
#include <kubesim/controllers/replica_set/controller.hpp>
#include <kubesim/controllers/scheduler/scheduler.hpp>
#include <kubesim/controllers/taint_eviction/controller.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/images/builtin.hpp>
#include <kubesim/images/container.hpp>
#include <kubesim/images/registry.hpp>
#include <kubesim/images/runtime.hpp>
#include <kubesim/kubectl/apply.hpp>
#include <kubesim/kubectl/kubectl.hpp>
#include <kubesim/kubectl/yaml.hpp>
#include <kubesim/kubelet/kubelet.hpp>
#include <kubesim/kubelet/node_lease.hpp>
#include <kubesim/network/dns.hpp>
#include <kubesim/network/kube_proxy.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/task_group.hpp>
#include <kubesim/sim/trace.hpp>
#include <kubesim/store/admission.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>
#include <kubesim/store/service_allocator.hpp>

namespace kubesim {

struct cluster::impl {
    explicit impl(cluster_options opts)
        : opts_(std::move(opts)),
          store_(engine_, opts_.seed, store::store_options{opts_.watch_history}),
          services_(opts_.service_cidr, opts_.node_port_min, opts_.node_port_max, sim::random(opts_.seed).fork("ipam")),
          network_(engine_, opts_.latency),
          tasks_(engine_) {
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
        api::json::register_codecs();  // the registry is filled before apply and patches
        store_.set_trace(&trace_);
        services_.install(store_);
        images::register_builtin_images(images_);
        register_kinds<api::pod, api::node, api::namespace_, api::service, api::event, api::config_map, api::secret,
                       api::endpoint_slice, api::replica_set, api::deployment, api::lease>();
    }
    impl(const impl&) = delete;
    impl& operator=(const impl&) = delete;

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
        for (int i = 1; i <= opts_.nodes; ++i) {
            node_options no;
            no.name = "node-" + std::to_string(i);
            no.cpu = opts_.node_cpu;
            no.memory = opts_.node_memory;
            no.max_pods = opts_.max_pods;
            client<api::node>().create(make_node(i, no, {})).value();
        }
        next_node_index_ = opts_.nodes + 1;
        api::service k;
        k.metadata.name = "kubernetes";
        k.metadata.labels = {{"component", "apiserver"}, {"provider", "kubernetes"}};
        k.spec.cluster_ip = store::ipv4_cidr::format_ip(services_.cidr().base + 1);
        k.spec.ports.push_back({.name = "https", .protocol = "TCP", .port = 443, .target_port = api::int_or_string::from_int(6443)});
        client<api::service>("default").create(k).value();
        api::service dns;
        dns.metadata.name = "kube-dns";
        dns.metadata.namespace_ = "kube-system";
        dns.metadata.labels = {{"k8s-app", "kube-dns"}, {"kubernetes.io/cluster-service", "true"}, {"kubernetes.io/name", "CoreDNS"}};
        dns.spec.selector = {{"k8s-app", "kube-dns"}};
        dns.spec.cluster_ip = dns_ip();
        dns.spec.ports = {
            {.name = "dns", .protocol = "UDP", .port = 53, .target_port = api::int_or_string::from_int(53)},
            {.name = "dns-tcp", .protocol = "TCP", .port = 53, .target_port = api::int_or_string::from_int(53)},
            {.name = "metrics", .protocol = "TCP", .port = 9153, .target_port = api::int_or_string::from_int(9153)},
        };
        client<api::service>("kube-system").create(dns).value();
        start_components();
        engine_.run_due();
    }

    // ---- images ------------------------------------------------------------------
    // An image built at run time: factory makes one image object per container.
    void register_image(std::string_view name, std::string_view version, images::factory factory) {
        images_.add(name, version, std::move(factory));
    }

    // ---- traffic -------------------------------------------------------------------
    // An HTTP request from outside the cluster, entering at node-1. Runs the
    // clock until the reply or the timeout; failures give status 0 and .error.
    http::response fetch(std::string_view url, http::request req = {}, sim::duration timeout = std::chrono::seconds(30)) {
        req.url = std::string(url);
        net::origin from;
        from.outside = true;
        // The traffic enters at the first node still in the cluster.
        if (!machines_.empty()) {
            from.node = machines_.front()->name;
            from.ip = net::parse_ip(node_ip(machines_.front()->index)).value_or(0);
        }
        from.dns.cluster_dns = false;
        auto out = std::make_shared<std::optional<http::response>>();
        tasks_.spawn(fetch_into(network_.fetch(std::move(from), std::move(req), timeout), out));
        engine_.run_until([&] { return out->has_value(); }, timeout + std::chrono::seconds(1));
        if (!*out) {
            http::response r;
            r.error = "Get \"" + std::string(url) + "\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)";
            return r;
        }
        return std::move(**out);
    }

    // Runs argv in a running container (like kubectl exec) and waits for it.
    // container "" = the pod's first container (kubectl's default).
    exec_result exec(std::string_view ns, std::string_view pod, std::string_view container, std::vector<std::string> argv,
                     sim::duration timeout = std::chrono::seconds(60), std::string stdin_text = {}) {
        auto inst = running_container(ns, pod, container);
        auto result_slot = std::make_shared<std::optional<int>>();
        auto proc = std::make_unique<images::process>(
            inst, std::move(argv), false, [result_slot](int code) { *result_slot = code; }, std::move(stdin_text));
        engine_.run_until([&] { return result_slot->has_value(); }, timeout);
        if (!*result_slot) proc->kill();
        return exec_result{result_slot->value_or(137), proc->state()->out, proc->state()->err};
    }

    // What the container wrote (kubectl logs); previous: the instance before the
    // last restart (kubectl logs --previous).
    std::string logs(std::string_view ns, std::string_view pod, std::string_view container = "", bool previous = false) {
        return log_source(ns, pod, container, previous)->log;
    }

    std::shared_ptr<const images::container_instance> log_source(std::string_view ns, std::string_view pod,
                                                                 std::string_view container, bool previous) {
        auto p = pod_or_throw(ns, pod);
        const std::string name = container_name_or_throw(*p, container);
        const auto* k = kubelet_for(*p);
        auto inst = k ? k->container(ns, pod, name, previous) : nullptr;
        if (!inst) {
            if (previous)
                throw api_error(api::errors::bad_request("previous terminated container \"" + name + "\" in pod \"" +
                                                         std::string(pod) + "\" not found"));
            throw api_error(api::errors::bad_request("container \"" + name + "\" in pod \"" + std::string(pod) +
                                                     "\" is waiting to start: " + waiting_reason(*p, name)));
        }
        return inst;
    }

    bool container_running(std::string_view ns, std::string_view pod, std::string_view container) {
        auto o = store_.find(store::kind_ops_of<api::pod>(), ns, pod);
        if (!o) return false;
        const auto& p = *static_cast<const api::pod*>(o.get());
        const auto* k = kubelet_for(p);
        return k && k->container_running(ns, pod, container_name_or_throw(p, container));
    }

    // "pod/NAME", "deployment/NAME", "node/NAME": runs the clock until the
    // object's condition is "True" and everything due at that instant has run.
    // false on timeout.
    bool wait_for(std::string_view resource, std::string_view condition = "Ready", std::string_view ns = "default",
                  sim::duration timeout = std::chrono::seconds(60)) {
        const auto slash = resource.find('/');
        if (slash == std::string_view::npos)
            throw usage_error("[kubesim.cluster.wait-for] expected KIND/NAME, got \"" + std::string(resource) + "\"");
        const std::string kind(resource.substr(0, slash)), name(resource.substr(slash + 1));
        std::function<bool()> ok;
        if (kind == "pod" || kind == "pods" || kind == "po") {
            ok = [this, ns = std::string(ns), name, cond = std::string(condition)] {
                auto o = store_.find(store::kind_ops_of<api::pod>(), ns, name);
                return o && has_true(static_cast<const api::pod*>(o.get())->status.conditions, cond);
            };
        } else if (kind == "node" || kind == "nodes" || kind == "no") {
            ok = [this, name, cond = std::string(condition)] {
                auto o = store_.find(store::kind_ops_of<api::node>(), "", name);
                return o && has_true(static_cast<const api::node*>(o.get())->status.conditions, cond);
            };
        } else if (kind == "deployment" || kind == "deployments" || kind == "deploy") {
            ok = [this, ns = std::string(ns), name, cond = std::string(condition == "Ready" ? "Available" : condition)] {
                auto o = store_.find(store::kind_ops_of<api::deployment>(), ns, name);
                return o && has_true(static_cast<const api::deployment*>(o.get())->status.conditions, cond);
            };
        } else {
            throw usage_error("[kubesim.cluster.wait-for] unsupported kind \"" + kind + "\" (pod, deployment, node)");
        }
        const bool done = engine_.run_until(ok, timeout);
        if (done) engine_.run_due();
        return done;
    }


    // The ClusterIP of kube-system/kube-dns (the 10th address of the service CIDR).
    [[nodiscard]] std::string dns_ip() const { return store::ipv4_cidr::format_ip(services_.cidr().base + 10); }

    // cluster.client<api::pod>("default"); cluster-scoped kinds ignore ns;
    // "" = all namespaces (list, watch).
    template <class Kind>
    [[nodiscard]] kubesim::client<Kind> client(std::string_view ns = "default") {
        return kubesim::client<Kind>(store_, std::string(ns));
    }


    // ---- plumbing for components, tests and tools ---------------------------
    // A stream derived from the seed for a named component.
    [[nodiscard]] sim::random random(std::string_view component) const { return sim::random(opts_.seed).fork(component); }

    // The node-k InternalIP and podCIDR (1-based k).
    [[nodiscard]] std::string node_ip(int k) const {
        return store::ipv4_cidr::format_ip(node_cidr_.base + static_cast<std::uint32_t>(k + 1));
    }
    [[nodiscard]] std::string node_pod_cidr(int k) const {
        return store::ipv4_cidr{pod_cidr_.base + (static_cast<std::uint32_t>(k) << 8), 24}.to_string();
    }

    template <class Conds>
    static bool has_true(const Conds& conds, const std::string& type) {
        for (const auto& c : conds)
            if (c.type == type) return c.status == "True";
        return false;
    }

    static sim::task<void> fetch_into(sim::task<http::response> t, std::shared_ptr<std::optional<http::response>> out) {
        *out = co_await std::move(t);
    }

    void start_components() {
        // kube-apiserver's DefaultTolerationSeconds admission plugin.
        store::install_default_toleration_seconds(
            store_, {opts_.default_toleration_seconds, opts_.default_toleration_seconds});
        controllers::scheduler::scheduler_options so;
        so.trace = &trace_;
        scheduler_ = std::make_unique<controllers::scheduler::scheduler>(store_, random("scheduler"), so);
        // The controller manager's controllers share one informer per kind
        // (SharedInformerFactory); the scheduler, kubelets and node-level
        // components keep their own, as separate processes do.
        informers_ = std::make_unique<store::shared_informers>(store_);
        auto* shared = informers_.get();
        endpoint_slices_ = std::make_unique<controllers::endpoint_slice::controller>(
            store_, controllers::endpoint_slice::controller_options{}, shared);
        std::vector<const store::kind_ops*> kinds;
        for (const auto& [resource, ops] : kinds_) kinds.push_back(ops);
        replica_sets_ = std::make_unique<controllers::replica_set::controller>(
            store_, controllers::replica_set::controller_options{}, shared);
        deployments_ = std::make_unique<controllers::deployment::controller>(store_, shared);
        garbage_collector_ = std::make_unique<controllers::garbage_collector::garbage_collector>(
            store_, kinds, controllers::garbage_collector::garbage_collector_options{}, shared);
        namespaces_ = std::make_unique<controllers::namespace_::controller>(
            store_, kinds, controllers::namespace_::controller_options{}, shared);
        controllers::node_lifecycle::controller_options nlo;
        nlo.node_monitor_period = opts_.node_monitor_period;
        nlo.node_monitor_grace_period =
            opts_.node_monitor_grace_period > sim::duration{}
                ? opts_.node_monitor_grace_period
                : controllers::node_lifecycle::default_node_monitor_grace_period(opts_.kubernetes_version);
        // The nodes exist before the control plane starts: no RegisteredNode
        // events for them (nodes added later get theirs).
        nlo.announce_initial_nodes = false;
        node_lifecycle_ = std::make_unique<controllers::node_lifecycle::controller>(store_, nlo, shared);
        taint_eviction_ = std::make_unique<controllers::taint_eviction::controller>(store_, shared);
        pod_gc_ = std::make_unique<controllers::pod_gc::controller>(store_, controllers::pod_gc::controller_options{},
                                                                    shared);
        kube_proxy_ = std::make_unique<net::kube_proxy>(store_, network_);
        dns_ = std::make_unique<net::cluster_dns>(store_, network_, opts_.cluster_domain);
        scheduler_->start();
        informers_->start();  // every user is constructed: all handlers hear the initial lists
        endpoint_slices_->start();
        replica_sets_->start();
        deployments_->start();
        garbage_collector_->start();
        namespaces_->start();
        node_lifecycle_->start();
        taint_eviction_->start();
        pod_gc_->start();
        kube_proxy_->start();
        dns_->start();
        auto services = std::make_shared<store::informer<api::service>>(store_);
        services->start();
        service_informer_ = services;
        network_.set_faults(net::fault_options{opts_.drop_probability, opts_.random_latency}, random("network"));
        for (int i = 1; i <= opts_.nodes; ++i) join("node-" + std::to_string(i), i);
    }

    // ---- machines ----------------------------------------------------------------------
    // A node's machine: its kubelet and Lease heartbeat, and whether it runs.
    struct machine {
        std::string name;
        int index{0};  // k of node_ip(k) and node_pod_cidr(k)
        std::unique_ptr<kubelet::kubelet> kubelet;
        std::unique_ptr<kubelet::node_lease> lease;
        bool running{false};
        bool api_reachable{true};
        int boots{0};
        std::vector<net::ip_t> dead_pod_ips;  // routed to the dead machine until it boots again
    };

    void join(const std::string& name, int index) {
        auto m = std::make_unique<machine>();
        m->name = name;
        m->index = index;
        network_.add_node_name(name, net::parse_ip(node_ip(index)).value_or(0));
        machine* raw = m.get();
        machines_.push_back(std::move(m));
        machine_by_name_.emplace(raw->name, raw);
        boot(*raw);
    }

    // The machine starts: a fresh kubelet (what it knew died with the last
    // boot) and the heartbeat.
    void boot(machine& m) {
        for (auto ip : m.dead_pod_ips) network_.remove_host(ip);
        m.dead_pod_ips.clear();
        network_.set_node_down(m.name, false);
        kubelet::kubelet_options ko;
        ko.image_pull = opts_.image_pull;
        ko.kubernetes_version = opts_.kubernetes_version;
        m.kubelet = std::make_unique<kubelet::kubelet>(store_, network_, images_, m.name, node_ip(m.index),
                                                       store::ipv4_cidr{pod_cidr_.base + (static_cast<std::uint32_t>(m.index) << 8), 24},
                                                       random(m.boots++ == 0 ? "kubelet/" + m.name
                                                                             : "kubelet/" + m.name + "/boot-" + std::to_string(m.boots)),
                                                       ko);
        m.kubelet->set_dns_for_pod([this](const api::pod& p) { return pod_dns_settings(p); });
        m.kubelet->set_service_env([this](std::string_view ns, bool links) { return service_env(ns, links); });
        m.kubelet->set_api_reachable(m.api_reachable);
        m.kubelet->start();
        m.lease = std::make_unique<kubelet::node_lease>(store_, m.name, "");
        if (m.api_reachable) m.lease->start();
        m.running = true;
    }

    // The machine stops where it is.
    void halt(machine& m) {
        if (!m.running) return;
        m.running = false;
        m.lease->stop();
        auto ips = m.kubelet->crash();
        m.dead_pod_ips.insert(m.dead_pod_ips.end(), ips.begin(), ips.end());
        m.kubelet.reset();
        m.lease.reset();
        network_.set_node_down(m.name, true);
    }

    machine& machine_or_throw(std::string_view name, const char* what) {
        auto it = machine_by_name_.find(name);
        if (it == machine_by_name_.end())
            throw usage_error(std::string("[kubesim.cluster.") + what + "] no node \"" + std::string(name) +
                              "\" in the cluster (nodes: " + node_list() + ")");
        return *it->second;
    }
    std::string node_list() const {
        std::string out;
        for (const auto& m : machines_) out += (out.empty() ? "" : ", ") + m->name;
        return out.empty() ? "none" : out;
    }
    void require_init(const char* what) const {
        if (!initialized_) throw usage_error(std::string("[kubesim.cluster.") + what + "] call init() first");
    }

    std::string add_node(node_options o) {
        require_init("add-node");
        const int index = next_node_index_;
        if (o.name.empty()) o.name = "node-" + std::to_string(index);
        const std::string where = "[kubesim.cluster.add-node] node \"" + o.name + "\": ";
        if (machine_by_name_.count(o.name) || store_.find(store::kind_ops_of<api::node>(), "", o.name))
            throw usage_error(where + "a node of that name exists");
        if (static_cast<std::uint64_t>(index) > (std::uint64_t{1} << (24 - pod_cidr_.prefix)) - 1)
            throw usage_error(where + "pod_cidr " + opts_.pod_cidr + " has no /24 left for another node");
        if (static_cast<std::uint64_t>(index) + 2 > node_cidr_.size())
            throw usage_error(where + "node_cidr " + opts_.node_cidr + " has no address left for another node");
        for (const auto& [what, text] : {std::pair<const char*, const std::string*>{"cpu", &o.cpu}, {"memory", &o.memory}})
            if (!api::quantity::parse(*text))
                throw usage_error(where + what + " \"" + *text + "\" is not a quantity");
        if (o.max_pods < 1) throw usage_error(where + "max_pods must be at least 1");
        std::vector<api::taint> taints;
        if (!o.taints.empty()) {
            nlohmann::json n = {{"apiVersion", "v1"}, {"kind", "Node"}, {"spec", {{"taints", o.taints}}}};
            auto decoded = api::json::decode<api::node>(n);
            if (!decoded) throw api_error(decoded.error());
            taints = decoded->spec.taints;
        }
        // The Node object is the registration: validated and admitted by the
        // API server like any other create (an invalid label or taint throws
        // api_error and nothing joins).
        auto created = client<api::node>().create(make_node(index, o, std::move(taints)));
        if (!created) throw api_error(created.error());
        ++next_node_index_;
        join(o.name, index);
        return o.name;
    }

    void remove_node(std::string_view name) {
        require_init("remove-node");
        machine& m = machine_or_throw(name, "remove-node");
        halt(m);
        for (auto ip : m.dead_pod_ips) network_.remove_host(ip);
        network_.set_node_down(m.name, false);
        network_.remove_node_name(m.name);
        const std::string node_name = m.name;
        machine_by_name_.erase(machine_by_name_.find(node_name));
        machines_.erase(std::find_if(machines_.begin(), machines_.end(), [&](const auto& p) { return p.get() == &m; }));
        (void)store_.remove(store::kind_ops_of<api::node>(), "", node_name, kubesim::delete_options{});
        engine_.run_due();
    }

    void stop_node(std::string_view name) {
        require_init("stop-node");
        halt(machine_or_throw(name, "stop-node"));
    }

    void start_node(std::string_view name) {
        require_init("start-node");
        machine& m = machine_or_throw(name, "start-node");
        if (m.running) return;
        boot(m);
    }

    void partition(std::vector<std::string> side_a, std::vector<std::string> side_b) {
        require_init("partition");
        std::set<std::string, std::less<>> a, b;
        for (auto* side : {&side_a, &side_b}) {
            if (side->empty()) throw usage_error("[kubesim.cluster.partition] a side of the partition is empty");
            for (const auto& n : *side)
                if (n != control_plane && !machine_by_name_.count(n))
                    throw usage_error("[kubesim.cluster.partition] \"" + n + "\" is neither a node nor \"control-plane\" (nodes: " +
                                      node_list() + ")");
        }
        a.insert(side_a.begin(), side_a.end());
        b.insert(side_b.begin(), side_b.end());
        for (const auto& n : a)
            if (b.count(n)) throw usage_error("[kubesim.cluster.partition] \"" + n + "\" is on both sides");
        network_.add_partition(a, b);
        partitions_.emplace_back(std::move(a), std::move(b));
        update_api_reachability();
    }

    void heal() {
        network_.clear_partitions();
        partitions_.clear();
        update_api_reachability();
    }

    static constexpr std::string_view control_plane = "control-plane";

    bool cut_from_control_plane(const std::string& node) const {
        for (const auto& [a, b] : partitions_)
            if ((a.count(node) && b.count(control_plane)) || (b.count(node) && a.count(control_plane))) return true;
        return false;
    }

    void update_api_reachability() {
        for (auto& m : machines_) {
            const bool reachable = !cut_from_control_plane(m->name);
            if (reachable == m->api_reachable) continue;
            m->api_reachable = reachable;
            if (!m->running) continue;
            if (reachable) {
                m->kubelet->set_api_reachable(true);
                m->lease->start();
            } else {
                m->lease->stop();
                m->kubelet->set_api_reachable(false);
            }
        }
    }

    bool faults_active() const {
        if (!partitions_.empty()) return true;
        return std::any_of(machines_.begin(), machines_.end(), [](const auto& m) { return !m->running; });
    }

    void kill_container(std::string_view ns, std::string_view pod, std::string_view container, int signal) {
        if (signal != 9 && signal != 15)
            throw usage_error("[kubesim.cluster.kill-container] signal " + std::to_string(signal) +
                              " is not modelled (9 = SIGKILL, 15 = SIGTERM)");
        auto p = pod_or_throw(ns, pod);
        const std::string name = container_name_or_throw(*p, container);
        auto* k = kubelet_for(*p);
        const std::string err = k ? k->signal_container(ns, pod, name, signal)
                                  : "container " + name + " is not running (pod " + std::string(pod) + ")";
        if (!err.empty()) throw api_error(api::errors::bad_request(err));
    }

    // A pod's resolver. Pods with the default policy and no dnsConfig get the
    // settings of their namespace, made once: their search list is shared.
    net::dns_settings pod_dns_settings(const api::pod& p) {
        const bool plain = !p.spec.dns_config && !p.spec.host_network &&
                           (p.spec.dns_policy.empty() || p.spec.dns_policy == "ClusterFirst");
        if (!plain) return net::pod_dns_settings(p, dns_ip(), opts_.cluster_domain);
        auto it = namespace_dns_.find(p.metadata.namespace_);
        if (it == namespace_dns_.end())
            it = namespace_dns_.emplace(p.metadata.namespace_, net::pod_dns_settings(p, dns_ip(), opts_.cluster_domain)).first;
        return it->second;
    }

    // The service-link variables of a namespace, computed once per state of the
    // service cache and shared by every container started meanwhile.
    std::shared_ptr<const kubelet::service_env_map> service_env(std::string_view ns, bool links) {
        if (const std::uint64_t now = service_informer_->core().changes(); now != service_env_stamp_) {
            service_env_cache_.clear();
            service_env_stamp_ = now;
        }
        auto key = std::make_pair(std::string(ns), links);
        if (auto it = service_env_cache_.find(key); it != service_env_cache_.end()) return it->second;
        std::vector<const api::service*> services;
        auto lister = service_informer_->lister();
        const auto in_ns = lister.list(ns);
        for (const auto& svc : in_ns) services.push_back(svc.get());
        const auto kube = ns != "default" ? lister.get("default", "kubernetes") : nullptr;
        if (kube) services.push_back(kube.get());
        auto env = std::make_shared<const kubelet::service_env_map>(kubelet::service_env_var_map(ns, links, services));
        service_env_cache_.emplace(std::move(key), env);
        return env;
    }

    std::shared_ptr<const api::pod> pod_or_throw(std::string_view ns, std::string_view pod) {
        auto o = store_.find(store::kind_ops_of<api::pod>(), ns, pod);
        if (!o) throw api_error(api::errors::not_found("pods", pod));
        return std::static_pointer_cast<const api::pod>(o);
    }
    static std::string container_name_or_throw(const api::pod& p, std::string_view container) {
        if (container.empty()) {
            if (p.spec.containers.empty()) throw usage_error("[kubesim.cluster.container] pod has no containers");
            return p.spec.containers[0].name;
        }
        for (const auto* list : {&p.spec.containers, &p.spec.init_containers})
            for (const auto& c : *list)
                if (c.name == container) return c.name;
        throw api_error(api::errors::bad_request("container " + std::string(container) + " is not valid for pod " +
                                                 p.metadata.name));
    }
    static std::string waiting_reason(const api::pod& p, const std::string& name) {
        for (const auto* list : {&p.status.container_statuses, &p.status.init_container_statuses})
            for (const auto& s : *list)
                if (s.name == name && s.state.waiting) return s.state.waiting->reason;
        return "ContainerCreating";
    }
    kubelet::kubelet* kubelet_for(const api::pod& p) const {
        auto it = machine_by_name_.find(p.spec.node_name);
        return it == machine_by_name_.end() ? nullptr : it->second->kubelet.get();
    }
    std::shared_ptr<images::container_instance> running_container(std::string_view ns, std::string_view pod,
                                                                  std::string_view container) {
        auto p = pod_or_throw(ns, pod);
        const std::string name = container_name_or_throw(*p, container);
        const auto* k = kubelet_for(*p);
        if (!k || !k->container_running(ns, pod, name)) {
            if (p->status.phase == "Succeeded" || p->status.phase == "Failed")
                throw api_error(api::errors::bad_request(
                    "cannot exec into a container in a completed pod; current phase is " + p->status.phase));
            throw api_error(api::errors::bad_request("container " + name + " is not running (pod " + std::string(pod) + ")"));
        }
        return k->container(ns, pod, name, false);
    }

    template <class... Kinds>
    void register_kinds() {
        (kinds_.emplace(std::string(Kinds::resource), &store::kind_ops_of<Kinds>()), ...);
    }

    api::node make_node(int k, const node_options& o, std::vector<api::taint> taints) const {
        api::node n;
        const std::string& name = o.name;
        n.metadata.name = name;
        n.metadata.labels = {{"beta.kubernetes.io/arch", "amd64"}, {"beta.kubernetes.io/os", "linux"},
                             {"kubernetes.io/arch", "amd64"},      {"kubernetes.io/hostname", name},
                             {"kubernetes.io/os", "linux"}};
        for (const auto& [key, value] : o.labels) n.metadata.labels[key] = value;
        n.spec.pod_cidr = node_pod_cidr(k);
        n.spec.pod_cidrs = {n.spec.pod_cidr};
        n.spec.provider_id = "kubesim://" + name;
        n.spec.taints = std::move(taints);
        const auto cpu = api::quantity::parse(o.cpu).value();
        const auto mem = api::quantity::parse(o.memory).value();
        const auto pods = api::quantity::parse(std::to_string(o.max_pods)).value();
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
    net::network network_;
    images::registry images_;
    std::shared_ptr<store::informer<api::service>> service_informer_;
    std::map<std::pair<std::string, bool>, std::shared_ptr<const kubelet::service_env_map>> service_env_cache_;
    std::uint64_t service_env_stamp_{0};
    std::map<std::string, net::dns_settings, std::less<>> namespace_dns_;
    // In order of joining; found by name through machine_by_name_.
    std::vector<std::unique_ptr<machine>> machines_;
    std::map<std::string_view, machine*, std::less<>> machine_by_name_;
    std::vector<std::pair<std::set<std::string, std::less<>>, std::set<std::string, std::less<>>>> partitions_;
    int next_node_index_{1};
    // Before the controllers: destroyed after them (they take their handlers off).
    std::unique_ptr<store::shared_informers> informers_;
    std::unique_ptr<controllers::scheduler::scheduler> scheduler_;
    std::unique_ptr<controllers::endpoint_slice::controller> endpoint_slices_;
    std::unique_ptr<controllers::replica_set::controller> replica_sets_;
    std::unique_ptr<controllers::deployment::controller> deployments_;
    std::unique_ptr<controllers::garbage_collector::garbage_collector> garbage_collector_;
    std::unique_ptr<controllers::namespace_::controller> namespaces_;
    std::unique_ptr<controllers::node_lifecycle::controller> node_lifecycle_;
    std::unique_ptr<controllers::taint_eviction::controller> taint_eviction_;
    std::unique_ptr<controllers::pod_gc::controller> pod_gc_;
    std::unique_ptr<net::kube_proxy> kube_proxy_;
    std::unique_ptr<net::cluster_dns> dns_;
    sim::task_group tasks_;
    bool initialized_{false};
    // Last: destroyed first (its REST API holds watches on the store).
    std::unique_ptr<::kubesim::kubectl::session> kubectl_;
};


cluster::cluster(cluster_options opts) : impl_(std::make_unique<impl>(std::move(opts))) {}
cluster::~cluster() = default;

void cluster::init() { impl_->init(); }

void cluster::register_image(std::string_view name, std::string_view version, images::factory factory) {
    impl_->register_image(name, version, std::move(factory));
}
const images::registry& cluster::image_registry() const noexcept { return impl_->images_; }

http::response cluster::fetch(std::string_view url, http::request req, sim::duration timeout) {
    return impl_->fetch(url, std::move(req), timeout);
}
exec_result cluster::exec(std::string_view ns, std::string_view pod, std::string_view container,
                          std::vector<std::string> argv, sim::duration timeout) {
    return impl_->exec(ns, pod, container, std::move(argv), timeout);
}
exec_result cluster::exec(std::string_view ns, std::string_view pod, std::string_view container,
                          std::vector<std::string> argv, std::string stdin_text, sim::duration timeout) {
    return impl_->exec(ns, pod, container, std::move(argv), timeout, std::move(stdin_text));
}
std::string cluster::logs(std::string_view ns, std::string_view pod, std::string_view container, bool previous) {
    return impl_->logs(ns, pod, container, previous);
}
std::shared_ptr<const images::container_instance> cluster::log_source(std::string_view ns, std::string_view pod,
                                                                      std::string_view container, bool previous) {
    return impl_->log_source(ns, pod, container, previous);
}
bool cluster::container_running(std::string_view ns, std::string_view pod, std::string_view container) {
    return impl_->container_running(ns, pod, container);
}
bool cluster::wait_for(std::string_view resource, std::string_view condition, std::string_view ns,
                       sim::duration timeout) {
    return impl_->wait_for(resource, condition, ns, timeout);
}

subscription cluster::on_request(std::function<void(const net::request_event&)> fn) {
    return impl_->network_.on_request(std::move(fn));
}
subscription cluster::on_response(std::function<void(const net::response_event&)> fn) {
    return impl_->network_.on_response(std::move(fn));
}
net::network& cluster::network() noexcept { return impl_->network_; }
std::string cluster::dns_ip() const { return impl_->dns_ip(); }

namespace detail {

// A public entry point lets out api_error (and usage_error for misuse), never
// what a library below throws: a stray exception is a kubesim bug, and surfaces
// as the 500 an API server answers for one, "Internal error occurred: ...".
template <class Fn>
auto no_stray_exceptions(Fn&& fn) -> decltype(fn()) {
    try {
        return fn();
    } catch (const api_error&) {
        throw;
    } catch (const usage_error&) {
        throw;
    } catch (const std::exception& e) {
        throw api_error(api::errors::internal_error(e.what()));
    }
}

}  // namespace detail

std::vector<nlohmann::json> cluster::apply(const nlohmann::json& manifests) {
    return detail::no_stray_exceptions([&] { return ::kubesim::kubectl::apply(impl_->store_, impl_->kinds_, manifests); });
}
std::vector<nlohmann::json> cluster::apply(std::string_view json_text) {
    return apply(detail::no_stray_exceptions([&] { return ::kubesim::kubectl::parse_json_manifest(json_text); }));
}
std::vector<nlohmann::json> cluster::apply_yaml(std::string_view text) {
    // Every document is read before anything is applied: a syntax error in the
    // last one stores nothing.
    std::vector<::kubesim::kubectl::yaml_document> docs;
    try {
        docs = detail::no_stray_exceptions([&] { return ::kubesim::kubectl::parse_yaml_stream(text); });
    } catch (const api_error& e) {
        // kubectl's words count lines within the document; a program's error
        // names the document and its line in the stream too.
        api::status s = e.status();
        if (!s.details.causes.empty()) s.message = "YAML " + s.details.causes.front().message + ": " + s.message;
        throw api_error(std::move(s));
    }
    nlohmann::json manifests = nlohmann::json::array();
    for (auto& d : docs)
        if (!d.value.is_null()) manifests.push_back(std::move(d.value));
    return apply(manifests);
}

kubectl_result cluster::kubectl(std::string_view command_line, std::string_view stdin_text) {
    if (!impl_->kubectl_) impl_->kubectl_ = std::make_unique<::kubesim::kubectl::session>(*this);
    try {
        return detail::no_stray_exceptions([&] { return impl_->kubectl_->run(command_line, stdin_text); });
    } catch (const api_error& e) {
        // Only a stray exception gets here (kubectl reports API errors itself):
        // printed as kubectl prints a 500.
        return {1, "", "Error from server (" + e.status().reason + "): " + e.status().message + "\n"};
    }
}

std::vector<nlohmann::json> cluster::apply(const char* json_text) { return apply(std::string_view(json_text)); }
std::vector<nlohmann::json> cluster::apply(const std::string& json_text) { return apply(std::string_view(json_text)); }

sim::time_point cluster::now() const { return impl_->engine_.now(); }
bool cluster::step() { return impl_->engine_.step(); }
void cluster::run_for(sim::duration d) { impl_->engine_.run_for(d); }
bool cluster::run_until(std::function<bool()> done, sim::duration timeout) {
    return impl_->engine_.run_until(done, timeout);
}

sim::engine& cluster::engine() noexcept { return impl_->engine_; }
store::object_store& cluster::store() noexcept { return impl_->store_; }
sim::trace& cluster::trace() noexcept { return impl_->trace_; }
const cluster_options& cluster::options() const noexcept { return impl_->opts_; }
store::service_allocator& cluster::service_ips() noexcept { return impl_->services_; }
const std::map<std::string, const store::kind_ops*, std::less<>>& cluster::kinds() const noexcept {
    return impl_->kinds_;
}
sim::random cluster::random(std::string_view component) const { return impl_->random(component); }
std::string cluster::node_ip(int k) const { return impl_->node_ip(k); }

std::string cluster::add_node() { return impl_->add_node(node_options{}); }
std::string cluster::add_node(node_options opts) { return impl_->add_node(std::move(opts)); }
void cluster::remove_node(std::string_view name) { impl_->remove_node(name); }
void cluster::stop_node(std::string_view name) { impl_->stop_node(name); }
void cluster::start_node(std::string_view name) { impl_->start_node(name); }
void cluster::partition(std::vector<std::string> side_a, std::vector<std::string> side_b) {
    impl_->partition(std::move(side_a), std::move(side_b));
}
void cluster::heal() { impl_->heal(); }
void cluster::kill_container(std::string_view ns, std::string_view pod, std::string_view container, int signal) {
    impl_->kill_container(ns, pod, container, signal);
}
std::vector<std::string> cluster::node_names() const {
    std::vector<std::string> out;
    for (const auto& m : impl_->machines_) out.push_back(m->name);
    return out;
}
bool cluster::node_running(std::string_view name) const {
    auto it = impl_->machine_by_name_.find(name);
    return it != impl_->machine_by_name_.end() && it->second->running;
}
bool cluster::faults_active() const { return impl_->faults_active(); }
std::string cluster::node_pod_cidr(int k) const { return impl_->node_pod_cidr(k); }

}  // namespace kubesim
