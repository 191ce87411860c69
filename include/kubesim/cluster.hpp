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
// reacts through engine entries, never synchronously from a write. They live
// behind a private implementation (cluster.ipp), so this header declares what
// users name and nothing more.
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

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/kubectl/result.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/network/hop.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/sim/trace.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/subscription.hpp>

namespace kubesim {

namespace store {
class object_store;
class service_allocator;
struct kind_ops;
}  // namespace store
namespace net {
class network;
}  // namespace net
namespace images {
class registry;
struct container_instance;
}  // namespace images

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
    sim::duration image_pull = std::chrono::milliseconds(500);  // time a node takes to pull an image it lacks
    std::string cluster_domain = "cluster.local";
    // The server URL cluster.kubectl reports as its own (cluster-info): the
    // in-library kubectl talks to the cluster without one.
    std::string kubectl_server_url = "https://127.0.0.1:6443";

    // Network faults, drawn from the seed (stream "network"). Each hop of a
    // request or response is lost with this probability: the request then times
    // out, as a dropped packet does.
    double drop_probability = 0.0;
    // Latency per hop drawn from the seeded stream (a distribution); used
    // instead of `latency` when set.
    std::function<sim::duration(const net::hop&, sim::random&)> random_latency{};

    // The node lifecycle controller (kube-controller-manager flags). A zero
    // grace period is the default of kubernetes_version: 40 s before v1.32,
    // 50 s since (--node-monitor-grace-period).
    sim::duration node_monitor_grace_period{};
    sim::duration node_monitor_period = std::chrono::seconds(5);  // --node-monitor-period
    // The DefaultTolerationSeconds admission plugin: the tolerations of
    // node.kubernetes.io/not-ready and /unreachable (NoExecute) every pod gets.
    std::int64_t default_toleration_seconds = 300;
};

// A node added at run time: <kubesim/api/json/node_options.hpp> (it holds JSON, which
// this header only declares; <kubesim/kubesim.hpp> includes both).
struct node_options;

// What cluster.exec returns: the process's exit code and what it wrote.
struct exec_result {
    int exit_code{0};
    std::string out{};
    std::string err{};
};

class cluster {
public:
    KUBESIM_DECL explicit cluster(cluster_options opts = {});
    KUBESIM_DECL ~cluster();
    cluster(const cluster&) = delete;
    cluster& operator=(const cluster&) = delete;

    // Creates the namespaces default, kube-system, kube-public, kube-node-lease,
    // the Node objects and the `kubernetes` Service, then runs everything due.
    KUBESIM_DECL void init();

    // ---- images ------------------------------------------------------------------
    // Registers Image (Image::image_name, Image::image_version; default
    // constructible). Throws usage_error when that name:version is taken.
    template <class Image>
    void register_image() {
        register_image(Image::image_name, Image::image_version, [] { return std::make_shared<Image>(); });
    }
    // An image built at run time: factory makes one image object per container.
    KUBESIM_DECL void register_image(std::string_view name, std::string_view version, images::factory factory);
    [[nodiscard]] KUBESIM_DECL const images::registry& image_registry() const noexcept;

    // ---- traffic -------------------------------------------------------------------
    // An HTTP request from outside the cluster, entering at node-1. Runs the
    // clock until the reply or the timeout; failures give status 0 and .error.
    KUBESIM_DECL http::response fetch(std::string_view url, http::request req = {},
                                      sim::duration timeout = std::chrono::seconds(30));

    // Runs argv in a running container (like kubectl exec) and waits for it.
    // container "" = the pod's first container (kubectl's default).
    KUBESIM_DECL exec_result exec(std::string_view ns, std::string_view pod, std::string_view container,
                                  std::vector<std::string> argv, sim::duration timeout = std::chrono::seconds(60));
    // The same with standard input (kubectl exec -i): the process reads stdin_text, then end of file.
    KUBESIM_DECL exec_result exec(std::string_view ns, std::string_view pod, std::string_view container,
                                  std::vector<std::string> argv, std::string stdin_text,
                                  sim::duration timeout = std::chrono::seconds(60));

    // What the container wrote (kubectl logs); previous: the instance before the
    // last restart (kubectl logs --previous).
    KUBESIM_DECL std::string logs(std::string_view ns, std::string_view pod, std::string_view container = "",
                                  bool previous = false);

    // The container instance logs() reads: its log and when each line was
    // written (kubectl logs --timestamps, --since; the API server's follow).
    // Throws as logs() does.
    [[nodiscard]] KUBESIM_DECL std::shared_ptr<const images::container_instance> log_source(
        std::string_view ns, std::string_view pod, std::string_view container = "", bool previous = false);
    // Whether the container's current instance still runs its main process.
    [[nodiscard]] KUBESIM_DECL bool container_running(std::string_view ns, std::string_view pod,
                                                      std::string_view container = "");

    // "pod/NAME", "deployment/NAME", "node/NAME": runs the clock until the
    // object's condition is "True" and everything due at that instant has run.
    // false on timeout.
    KUBESIM_DECL bool wait_for(std::string_view resource, std::string_view condition = "Ready",
                               std::string_view ns = "default", sim::duration timeout = std::chrono::seconds(60));

    // Every HTTP request / response crossing the simulated network.
    KUBESIM_DECL subscription on_request(std::function<void(const net::request_event&)> fn);
    KUBESIM_DECL subscription on_response(std::function<void(const net::response_event&)> fn);

    [[nodiscard]] KUBESIM_DECL net::network& network() noexcept;
    // The ClusterIP of kube-system/kube-dns (the 10th address of the service CIDR).
    [[nodiscard]] KUBESIM_DECL std::string dns_ip() const;

    // One object, a JSON array, or a v1 List: create-or-update like
    // `kubectl apply`, recording kubectl.kubernetes.io/last-applied-configuration
    // and keeping status and server-set fields. Every document is decoded and
    // validated before anything is stored: an unknown kind, a missing name or an
    // invalid object throws api_error naming it and stores nothing.
    KUBESIM_DECL std::vector<nlohmann::json> apply(const nlohmann::json& manifests);
    // The same from manifest text (JSON). Malformed text throws api_error
    // BadRequest with the API server's words ("couldn't get version/kind; json
    // parse error: ...") and stores nothing. A string literal or std::string
    // picks these overloads.
    KUBESIM_DECL std::vector<nlohmann::json> apply(std::string_view json_text);
    KUBESIM_DECL std::vector<nlohmann::json> apply(const char* json_text);
    KUBESIM_DECL std::vector<nlohmann::json> apply(const std::string& json_text);

    // The documents of a YAML stream (`---` separated; JSON is YAML too; a v1
    // List too), applied like apply(). A YAML syntax error throws api_error
    // BadRequest naming the document and the line; nothing is stored then.
    // Needs yaml-cpp (header-only mode: link -lyaml-cpp).
    KUBESIM_DECL std::vector<nlohmann::json> apply_yaml(std::string_view multi_document_yaml);

    // kubectl in the library: the command line as typed after `kubectl`
    // (quoted as in a POSIX shell; `-f -` reads stdin_text). What kubectl of
    // the cluster's Kubernetes version prints against a real cluster in the same
    // state, and its exit code. Commands that wait (rollout status, wait,
    // delete, logs -f, get -w) run the simulated clock; the others do not.
    KUBESIM_DECL kubectl_result kubectl(std::string_view command_line, std::string_view stdin_text = {});

    // The annotation `kubectl apply` keeps the applied manifest in.
    static constexpr std::string_view last_applied_annotation = "kubectl.kubernetes.io/last-applied-configuration";

    // cluster.client<api::pod>("default"); cluster-scoped kinds ignore ns;
    // "" = all namespaces (list, watch).
    template <class Kind>
    [[nodiscard]] kubesim::client<Kind> client(std::string_view ns = "default") {
        return kubesim::client<Kind>(store(), std::string(ns));
    }

    // ---- topology and faults -------------------------------------------------------
    // A node joins: its Node object is registered, its kubelet starts, its Lease
    // is renewed and it is Ready; the scheduler uses it at once. Returns its
    // name. A taken name or bad resources throw usage_error; nothing changes.
    // (add_node() and add_node(opts) rather than a defaulted argument: the
    // options are only declared here.)
    KUBESIM_DECL std::string add_node();
    KUBESIM_DECL std::string add_node(node_options opts);
    // The node leaves: its machine stops and its Node object is deleted; the pod
    // garbage collector deletes its pods and their controllers replace them.
    KUBESIM_DECL void remove_node(std::string_view name);
    // The machine fails: the kubelet and every container stop, and so do the
    // heartbeats (Lease renewals, status updates). The Node object stays; the
    // node lifecycle controller notices after the grace period.
    KUBESIM_DECL void stop_node(std::string_view name);
    // The machine comes back: the kubelet starts and syncs its pods from the API
    // as after a reboot (containers start again, restartCount counts up, pods
    // deleted meanwhile are cleaned up) and the node posts Ready again.
    KUBESIM_DECL void start_node(std::string_view name);
    // Traffic between the two sides is dropped. Sides name nodes or
    // "control-plane": a node cut from the control plane keeps its containers
    // running, but its kubelet reaches no API (no heartbeats, no status).
    KUBESIM_DECL void partition(std::vector<std::string> side_a, std::vector<std::string> side_b);
    // Undoes every partition.
    KUBESIM_DECL void heal();
    // The container's process dies of the signal (9: exit code 137, reason
    // Error); the kubelet reacts as to any crash (restart policy, back-off).
    // container "" = the pod's first container.
    KUBESIM_DECL void kill_container(std::string_view ns, std::string_view pod, std::string_view container = "",
                                     int signal = 9);
    // Beyond the contract: the machines and their state.
    [[nodiscard]] KUBESIM_DECL std::vector<std::string> node_names() const;  // every machine, in order of joining
    [[nodiscard]] KUBESIM_DECL bool node_running(std::string_view name) const;  // false when stopped or unknown
    // A node is stopped or a partition is in place.
    [[nodiscard]] KUBESIM_DECL bool faults_active() const;

    // ---- time ----------------------------------------------------------------
    [[nodiscard]] KUBESIM_DECL sim::time_point now() const;
    KUBESIM_DECL bool step();
    KUBESIM_DECL void run_for(sim::duration d);
    KUBESIM_DECL bool run_until(std::function<bool()> done, sim::duration timeout);

    // ---- plumbing for components, tests and tools ---------------------------
    [[nodiscard]] KUBESIM_DECL sim::engine& engine() noexcept;
    [[nodiscard]] KUBESIM_DECL store::object_store& store() noexcept;
    [[nodiscard]] KUBESIM_DECL sim::trace& trace() noexcept;
    [[nodiscard]] KUBESIM_DECL const cluster_options& options() const noexcept;
    [[nodiscard]] KUBESIM_DECL store::service_allocator& service_ips() noexcept;
    // The stored kinds by resource name ("pods", "deployments"): what the API
    // server serves.
    [[nodiscard]] KUBESIM_DECL const std::map<std::string, const store::kind_ops*, std::less<>>& kinds() const noexcept;
    // A stream derived from the seed for a named component.
    [[nodiscard]] KUBESIM_DECL sim::random random(std::string_view component) const;

    // The node-k InternalIP and podCIDR (1-based k).
    [[nodiscard]] KUBESIM_DECL std::string node_ip(int k) const;
    [[nodiscard]] KUBESIM_DECL std::string node_pod_cidr(int k) const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/cluster.ipp>
#endif
