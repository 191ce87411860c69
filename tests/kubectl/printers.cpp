#include <doctest/doctest.h>

#include <kubesim/kubectl/printers.hpp>
#include <kubesim/kubesim.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;
namespace printers = kubesim::kubectl::printers;
namespace sim = kubesim::sim;
using kubesim::store::kind_ops_of;
using nlohmann::json;

namespace {

// A fixed "now" an hour into the simulation; objects are dated back from it.
const sim::time_point now = sim::time_point{} + 1h;

template <class Kind>
json cells_of(const Kind& obj) {
    return printers::cells(kind_ops_of<Kind>(), &obj, now);
}

// Name, type, format and priority of each column, in order.
std::vector<std::tuple<std::string, std::string, std::string, int>> shape(std::string_view resource) {
    std::vector<std::tuple<std::string, std::string, std::string, int>> r;
    const auto* cols = printers::columns(resource);
    REQUIRE(cols != nullptr);
    for (const auto& c : *cols) {
        CHECK_FALSE(c.description.empty());
        r.emplace_back(c.name, c.type, c.format, c.priority);
    }
    return r;
}

api::pod pod_with(int containers) {
    api::pod p;
    p.metadata.name = "web-1";
    p.metadata.namespace_ = "default";
    p.metadata.creation_timestamp = now - 5min;
    for (int i = 0; i < containers; ++i)
        p.spec.containers.push_back({.name = "c" + std::to_string(i), .image = "nginx"});
    p.status.phase = "Pending";
    return p;
}

api::container_status running(std::string name, bool ready = true) {
    api::container_status cs;
    cs.name = std::move(name);
    cs.ready = ready;
    cs.started = true;
    cs.state.running = api::container_state_running{.started_at = now - 4min};
    return cs;
}

api::container_status waiting(std::string name, std::string reason) {
    api::container_status cs;
    cs.name = std::move(name);
    cs.state.waiting = api::container_state_waiting{.reason = std::move(reason)};
    return cs;
}

api::container_status terminated(std::string name, int exit_code, std::string reason, int signal = 0) {
    api::container_status cs;
    cs.name = std::move(name);
    cs.state.terminated = api::container_state_terminated{.exit_code = exit_code, .signal = signal,
                                                          .reason = std::move(reason), .finished_at = now - 1min};
    return cs;
}

api::pod_condition condition(std::string type, std::string status, std::string reason = "") {
    return {.type = std::move(type), .status = std::move(status), .reason = std::move(reason)};
}

// STATUS and RESTARTS of a pod.
std::pair<std::string, std::string> status_of(const api::pod& p) {
    const auto c = cells_of(p);
    return {c[2].get<std::string>(), c[3].get<std::string>()};
}

}  // namespace

TEST_SUITE("kubectl/printers") {
    TEST_CASE("human_duration follows apimachinery's HumanDuration at every boundary") {
        const auto h = [](sim::duration d) { return printers::human_duration(d); };
        CHECK(h(-2s) == "<invalid>");
        CHECK(h(-1999999us) == "0s");  // up to 2s of clock skew reads as now
        CHECK(h(-1s) == "0s");
        CHECK(h(0s) == "0s");
        CHECK(h(999ms) == "0s");
        CHECK(h(95s) == "95s");
        CHECK(h(119s) == "119s");
        CHECK(h(119s + 999ms) == "119s");
        CHECK(h(2min) == "2m");
        CHECK(h(2min + 15s) == "2m15s");
        CHECK(h(9min + 59s) == "9m59s");
        CHECK(h(10min) == "10m");
        CHECK(h(10min + 59s) == "10m");
        CHECK(h(60min) == "60m");
        CHECK(h(179min + 59s) == "179m");
        CHECK(h(3h) == "3h");
        CHECK(h(3h + 12min) == "3h12m");
        CHECK(h(7h + 59min + 59s) == "7h59m");
        CHECK(h(8h) == "8h");
        CHECK(h(8h + 59min) == "8h");
        CHECK(h(47h + 59min) == "47h");
        CHECK(h(48h) == "2d");
        CHECK(h(48h + 5h) == "2d5h");
        CHECK(h(24h * 7 + 23h + 59min) == "7d23h");
        CHECK(h(24h * 8) == "8d");
        CHECK(h(24h * 8 + 23h) == "8d");
        CHECK(h(24h * 729 + 23h) == "729d");
        CHECK(h(24h * 730) == "2y");
        CHECK(h(24h * (730 + 45)) == "2y45d");
        CHECK(h(24h * (365 * 8 - 1)) == "7y364d");
        CHECK(h(24h * 365 * 8) == "8y");
        CHECK(h(24h * (365 * 9 + 200)) == "9y");
        CHECK(printers::age(std::nullopt, now) == "<unknown>");
        CHECK(printers::age(now - 95s, now) == "95s");
        CHECK(printers::age(now + 5s, now) == "<invalid>");
        // A timestamp counts from its whole second, as metav1.Time is stored.
        CHECK(printers::age(now - 119'500ms, now) == "2m");
        CHECK(printers::age(now - 500ms, now) == "1s");
    }

    TEST_CASE("includeObject values") {
        CHECK(printers::parse_include_object("") == printers::include_object::metadata);
        CHECK(printers::parse_include_object("Metadata") == printers::include_object::metadata);
        CHECK(printers::parse_include_object("None") == printers::include_object::none);
        CHECK(printers::parse_include_object("Object") == printers::include_object::object);
        CHECK_FALSE(printers::parse_include_object("object"));
    }

    TEST_CASE("column definitions are upstream's: names, types, name format, wide priorities") {
        using c = std::tuple<std::string, std::string, std::string, int>;
        using v = std::vector<c>;
        CHECK(shape("pods") == v{c{"Name", "string", "name", 0}, c{"Ready", "string", "", 0},
                                 c{"Status", "string", "", 0}, c{"Restarts", "string", "", 0},
                                 c{"Age", "string", "", 0}, c{"IP", "string", "", 1}, c{"Node", "string", "", 1},
                                 c{"Nominated Node", "string", "", 1}, c{"Readiness Gates", "string", "", 1}});
        CHECK(shape("nodes") == v{c{"Name", "string", "name", 0}, c{"Status", "string", "", 0},
                                  c{"Roles", "string", "", 0}, c{"Age", "string", "", 0},
                                  c{"Version", "string", "", 0}, c{"Internal-IP", "string", "", 1},
                                  c{"External-IP", "string", "", 1}, c{"OS-Image", "string", "", 1},
                                  c{"Kernel-Version", "string", "", 1}, c{"Container-Runtime", "string", "", 1}});
        CHECK(shape("namespaces") ==
              v{c{"Name", "string", "name", 0}, c{"Status", "string", "", 0}, c{"Age", "string", "", 0}});
        CHECK(shape("services") == v{c{"Name", "string", "name", 0}, c{"Type", "string", "", 0},
                                     c{"Cluster-IP", "string", "", 0}, c{"External-IP", "string", "", 0},
                                     c{"Port(s)", "string", "", 0}, c{"Age", "string", "", 0},
                                     c{"Selector", "string", "", 1}});
        CHECK(shape("events") == v{c{"Last Seen", "string", "", 0}, c{"Type", "string", "", 0},
                                   c{"Reason", "string", "", 0}, c{"Object", "string", "", 0},
                                   c{"Subobject", "string", "", 1}, c{"Source", "string", "", 1},
                                   c{"Message", "string", "", 0}, c{"First Seen", "string", "", 1},
                                   c{"Count", "string", "", 1}, c{"Name", "string", "name", 1}});
        CHECK(shape("configmaps") ==
              v{c{"Name", "string", "name", 0}, c{"Data", "string", "", 0}, c{"Age", "string", "", 0}});
        CHECK(shape("secrets") == v{c{"Name", "string", "name", 0}, c{"Type", "string", "", 0},
                                    c{"Data", "string", "", 0}, c{"Age", "string", "", 0}});
        CHECK(shape("endpointslices") == v{c{"Name", "string", "name", 0}, c{"AddressType", "string", "", 0},
                                           c{"Ports", "string", "", 0}, c{"Endpoints", "string", "", 0},
                                           c{"Age", "string", "", 0}});
        CHECK(shape("replicasets") == v{c{"Name", "string", "name", 0}, c{"Desired", "integer", "", 0},
                                        c{"Current", "integer", "", 0}, c{"Ready", "integer", "", 0},
                                        c{"Age", "string", "", 0}, c{"Containers", "string", "", 1},
                                        c{"Images", "string", "", 1}, c{"Selector", "string", "", 1}});
        CHECK(shape("deployments") == v{c{"Name", "string", "name", 0}, c{"Ready", "string", "", 0},
                                        c{"Up-to-date", "string", "", 0}, c{"Available", "string", "", 0},
                                        c{"Age", "string", "", 0}, c{"Containers", "string", "", 1},
                                        c{"Images", "string", "", 1}, c{"Selector", "string", "", 1}});
        CHECK(shape("leases") ==
              v{c{"Name", "string", "name", 0}, c{"Holder", "string", "", 0}, c{"Age", "string", "", 0}});
        CHECK(printers::columns("widgets") == nullptr);
        CHECK(printers::columns("scale") == nullptr);
    }

    TEST_CASE("a running pod: every cell, wide ones included") {
        auto p = pod_with(1);
        p.status.phase = "Running";
        p.spec.node_name = "node-1";
        p.status.pod_ip = "10.244.1.5";
        p.status.pod_ips = {{"10.244.1.5"}};
        p.status.container_statuses = {running("c0")};
        CHECK(cells_of(p) == json{"web-1", "1/1", "Running", "0", "5m", "10.244.1.5", "node-1", "<none>", "<none>"});
        p.metadata.creation_timestamp.reset();
        CHECK(cells_of(p)[4] == "<unknown>");

        // Not ready: counted out of READY, STATUS still Running.
        p.status.container_statuses = {running("c0", false)};
        CHECK(cells_of(p)[1] == "0/1");
        CHECK(cells_of(p)[2] == "Running");
        // podIPs alone gives the IP; nominated node and readiness gates.
        p.status.pod_ip.clear();
        p.status.nominated_node_name = "node-2";
        p.spec.readiness_gates = {{"example.com/lb"}, {"example.com/dns"}};
        p.status.conditions = {condition("example.com/lb", "True"), condition("example.com/dns", "False")};
        const auto c = cells_of(p);
        CHECK(c[5] == "10.244.1.5");
        CHECK(c[7] == "node-2");
        CHECK(c[8] == "1/2");
    }

    TEST_CASE("a pending pod, and the waiting reasons of its containers") {
        auto p = pod_with(2);
        CHECK(cells_of(p) == json{"web-1", "0/2", "Pending", "0", "5m", "<none>", "<none>", "<none>", "<none>"});
        p.status.conditions = {condition("PodScheduled", "False", "SchedulingGated")};
        CHECK(status_of(p).first == "SchedulingGated");
        p.status.conditions = {condition("PodScheduled", "False", "Unschedulable")};
        CHECK(status_of(p).first == "Pending");
        p.status.container_statuses = {waiting("c0", "ContainerCreating"), waiting("c1", "ContainerCreating")};
        CHECK(status_of(p).first == "ContainerCreating");
        // The containers are read from last to first: the first one's reason wins.
        p.status.container_statuses = {waiting("c0", "ErrImagePull"), waiting("c1", "ContainerCreating")};
        CHECK(status_of(p).first == "ErrImagePull");
        p.status.container_statuses = {running("c0"), waiting("c1", "ImagePullBackOff")};
        CHECK(cells_of(p)[1] == "1/2");
        CHECK(status_of(p).first == "ImagePullBackOff");
    }

    TEST_CASE("restarts: the count, and how long ago the last container finished") {
        auto p = pod_with(1);
        p.status.phase = "Running";
        auto cs = waiting("c0", "CrashLoopBackOff");
        cs.restart_count = 3;
        cs.last_state.terminated = api::container_state_terminated{.exit_code = 1, .reason = "Error",
                                                                   .finished_at = now - 2min};
        p.status.container_statuses = {cs};
        CHECK(cells_of(p) ==
              json{"web-1", "0/1", "CrashLoopBackOff", "3 (2m ago)", "5m", "<none>", "<none>", "<none>", "<none>"});
        // Without a last termination there is no "ago".
        cs.last_state.terminated.reset();
        p.status.container_statuses = {cs};
        CHECK(status_of(p).second == "3");
        // The latest finish over all containers.
        auto a = running("a");
        a.restart_count = 1;
        a.last_state.terminated = api::container_state_terminated{.exit_code = 2, .finished_at = now - 50min};
        auto b = running("b");
        b.restart_count = 2;
        b.last_state.terminated = api::container_state_terminated{.exit_code = 2, .finished_at = now - 95s};
        p.spec.containers = {{.name = "a"}, {.name = "b"}};
        p.status.container_statuses = {a, b};
        CHECK(status_of(p) == std::pair<std::string, std::string>{"Running", "3 (95s ago)"});
        // A last termination but no restarts: just 0.
        a.restart_count = 0;
        b.restart_count = 0;
        p.status.container_statuses = {a, b};
        CHECK(status_of(p).second == "0");
    }

    TEST_CASE("terminated containers: Completed, Error, exit codes and signals") {
        auto p = pod_with(1);
        p.status.phase = "Succeeded";
        p.status.container_statuses = {terminated("c0", 0, "Completed")};
        CHECK(cells_of(p) == json{"web-1", "0/1", "Completed", "0", "5m", "<none>", "<none>", "<none>", "<none>"});
        p.status.phase = "Failed";
        p.status.container_statuses = {terminated("c0", 1, "Error")};
        CHECK(status_of(p).first == "Error");
        p.status.container_statuses = {terminated("c0", 137, "")};
        CHECK(status_of(p).first == "ExitCode:137");
        p.status.container_statuses = {terminated("c0", 137, "", 9)};
        CHECK(status_of(p).first == "Signal:9");
        p.status.container_statuses = {terminated("c0", 137, "OOMKilled")};
        CHECK(status_of(p).first == "OOMKilled");
        // status.reason (an eviction) names the pod when the containers say nothing.
        p.status.reason = "Evicted";
        p.status.container_statuses.clear();
        CHECK(status_of(p).first == "Evicted");

        // One container completed, another still running: Running if the pod is Ready, else NotReady.
        auto two = pod_with(2);
        two.status.phase = "Running";
        two.status.container_statuses = {terminated("c0", 0, "Completed"), running("c1")};
        CHECK(status_of(two).first == "NotReady");
        two.status.conditions = {condition("Ready", "True")};
        CHECK(status_of(two).first == "Running");
        CHECK(cells_of(two)[1] == "1/2");
    }

    TEST_CASE("init containers: Init:N/M, their failures, then PodInitializing") {
        auto p = pod_with(1);
        p.spec.init_containers = {{.name = "i0"}, {.name = "i1"}};
        p.status.init_container_statuses = {running("i0", false), waiting("i1", "PodInitializing")};
        p.status.container_statuses = {waiting("c0", "PodInitializing")};
        CHECK(status_of(p).first == "Init:0/2");
        p.status.init_container_statuses = {terminated("i0", 0, "Completed"), running("i1", false)};
        CHECK(status_of(p).first == "Init:1/2");
        p.status.init_container_statuses = {terminated("i0", 0, "Completed"), waiting("i1", "PodInitializing")};
        CHECK(status_of(p).first == "Init:1/2");
        p.status.init_container_statuses = {waiting("i0", "ErrImagePull"), waiting("i1", "PodInitializing")};
        CHECK(status_of(p).first == "Init:ErrImagePull");
        p.status.init_container_statuses = {terminated("i0", 1, "Error"), waiting("i1", "PodInitializing")};
        CHECK(status_of(p).first == "Init:Error");
        p.status.init_container_statuses = {terminated("i0", 3, ""), waiting("i1", "PodInitializing")};
        CHECK(status_of(p).first == "Init:ExitCode:3");
        p.status.init_container_statuses = {terminated("i0", 3, "", 15), waiting("i1", "PodInitializing")};
        CHECK(status_of(p).first == "Init:Signal:15");

        // A crashing init container: its restarts count while the pod initializes.
        auto crash = waiting("i0", "CrashLoopBackOff");
        crash.restart_count = 2;
        crash.last_state.terminated =
            api::container_state_terminated{.exit_code = 1, .reason = "Error", .finished_at = now - 30s};
        p.status.init_container_statuses = {crash, waiting("i1", "PodInitializing")};
        CHECK(status_of(p) == std::pair<std::string, std::string>{"Init:CrashLoopBackOff", "2 (30s ago)"});

        // All init containers done: the app containers speak.
        auto done0 = terminated("i0", 0, "Completed");
        done0.restart_count = 2;
        done0.last_state.terminated = crash.last_state.terminated;
        p.status.init_container_statuses = {done0, terminated("i1", 0, "Completed")};
        CHECK(status_of(p) == std::pair<std::string, std::string>{"PodInitializing", "0"});
        p.status.phase = "Running";
        p.status.container_statuses = {running("c0")};
        CHECK(status_of(p) == std::pair<std::string, std::string>{"Running", "0"});
        CHECK(cells_of(p)[1] == "1/1");
    }

    TEST_CASE("sidecars (restartable init containers) count as containers and their restarts stay") {
        auto p = pod_with(1);
        p.spec.init_containers = {{.name = "proxy", .restart_policy = "Always"}, {.name = "setup"}};
        p.status.phase = "Pending";
        auto proxy = running("proxy");
        proxy.restart_count = 1;
        proxy.last_state.terminated = api::container_state_terminated{.exit_code = 1, .finished_at = now - 3min};
        p.status.init_container_statuses = {proxy, running("setup", false)};
        p.status.container_statuses = {waiting("c0", "PodInitializing")};
        // The started sidecar is ready and skipped; the plain init container runs.
        CHECK(cells_of(p)[1] == "1/2");
        CHECK(status_of(p) == std::pair<std::string, std::string>{"Init:1/2", "1 (3m ago)"});
        // A sidecar that has not started holds initialization.
        auto cold = running("proxy", false);
        cold.started = false;
        p.status.init_container_statuses = {cold, waiting("setup", "PodInitializing")};
        CHECK(status_of(p).first == "Init:0/2");

        p.status.phase = "Running";
        p.status.init_container_statuses = {proxy, terminated("setup", 0, "Completed")};
        p.status.container_statuses = {running("c0")};
        p.status.conditions = {condition("Initialized", "True"), condition("Ready", "True")};
        CHECK(cells_of(p)[1] == "2/2");
        CHECK(status_of(p) == std::pair<std::string, std::string>{"Running", "1 (3m ago)"});
        // Initialized=True with an init container still reported as running: the
        // app containers are counted and only sidecar restarts kept, but upstream
        // leaves STATUS at the init step (running containers never set it).
        p.status.init_container_statuses = {proxy, running("setup", false)};
        CHECK(cells_of(p)[1] == "2/2");
        CHECK(status_of(p) == std::pair<std::string, std::string>{"Init:1/2", "1 (3m ago)"});
    }

    TEST_CASE("deletion: Terminating, unless finished; Unknown for a lost node") {
        auto p = pod_with(1);
        p.status.phase = "Running";
        p.status.container_statuses = {running("c0")};
        p.metadata.deletion_timestamp = now + 30s;
        CHECK(status_of(p).first == "Terminating");
        p.status.phase = "Pending";
        p.status.container_statuses = {waiting("c0", "ContainerCreating")};
        CHECK(status_of(p).first == "Terminating");
        p.status.phase = "Succeeded";
        p.status.container_statuses = {terminated("c0", 0, "Completed")};
        CHECK(status_of(p).first == "Completed");
        p.status.phase = "Failed";
        p.status.container_statuses = {terminated("c0", 2, "Error")};
        CHECK(status_of(p).first == "Error");
        p.status.phase = "Running";
        p.status.reason = "NodeLost";
        p.status.container_statuses = {running("c0")};
        CHECK(status_of(p).first == "Unknown");
        p.metadata.deletion_timestamp.reset();
        CHECK(status_of(p).first == "NodeLost");
    }

    TEST_CASE("nodes: Ready, SchedulingDisabled, NotReady, Unknown; roles; wide cells") {
        api::node n;
        n.metadata.name = "node-1";
        n.metadata.creation_timestamp = now - 3h - 12min;
        n.status.conditions = {{.type = "MemoryPressure", .status = "False"}, {.type = "Ready", .status = "True"}};
        n.status.node_info.kubelet_version = "v1.33.0";
        n.status.addresses = {{"Hostname", "node-1"}, {"InternalIP", "172.18.0.2"}};
        CHECK(cells_of(n) == json{"node-1", "Ready", "<none>", "3h12m", "v1.33.0", "172.18.0.2", "<none>", "<unknown>",
                                  "<unknown>", "<unknown>"});
        n.spec.unschedulable = true;
        CHECK(cells_of(n)[1] == "Ready,SchedulingDisabled");
        n.status.conditions = {{.type = "Ready", .status = "False"}};
        CHECK(cells_of(n)[1] == "NotReady,SchedulingDisabled");
        n.spec.unschedulable = false;
        n.status.conditions = {{.type = "Ready", .status = "Unknown"}};
        CHECK(cells_of(n)[1] == "NotReady");
        n.status.conditions.clear();
        CHECK(cells_of(n)[1] == "Unknown");

        n.metadata.labels = {{"node-role.kubernetes.io/control-plane", ""},
                             {"node-role.kubernetes.io/", ""},
                             {"kubernetes.io/role", "worker"},
                             {"node-role.kubernetes.io/worker", "true"}};
        CHECK(cells_of(n)[2] == "control-plane,worker");
        n.status.addresses.push_back({"ExternalIP", "203.0.113.7"});
        n.status.node_info.os_image = "Debian GNU/Linux 12 (bookworm)";
        n.status.node_info.kernel_version = "6.1.0";
        n.status.node_info.container_runtime_version = "containerd://1.7.0";
        const auto c = cells_of(n);
        CHECK(c[6] == "203.0.113.7");
        CHECK(c[7] == "Debian GNU/Linux 12 (bookworm)");
        CHECK(c[8] == "6.1.0");
        CHECK(c[9] == "containerd://1.7.0");
    }

    TEST_CASE("services: types, cluster IPs, external IPs, ports and selector") {
        api::service s;
        s.metadata.name = "web";
        s.metadata.creation_timestamp = now - 95s;
        s.spec.type = "ClusterIP";
        s.spec.cluster_ip = "10.96.0.10";
        s.spec.cluster_ips = {"10.96.0.10"};
        s.spec.selector = {{"app", "web"}};
        s.spec.ports = {{.protocol = "TCP", .port = 80}};
        CHECK(cells_of(s) == json{"web", "ClusterIP", "10.96.0.10", "<none>", "80/TCP", "95s", "app=web"});

        s.spec.type = "NodePort";
        s.spec.ports = {{.protocol = "TCP", .port = 80, .node_port = 31000}, {.protocol = "TCP", .port = 443},
                        {.protocol = "UDP", .port = 53, .node_port = 30053}};
        s.spec.selector = {{"tier", "fe"}, {"app", "web"}};
        auto c = cells_of(s);
        CHECK(c[4] == "80:31000/TCP,443/TCP,53:30053/UDP");
        CHECK(c[6] == "app=web,tier=fe");
        s.spec.external_ips = {"192.0.2.1", "192.0.2.2"};
        CHECK(cells_of(s)[3] == "192.0.2.1,192.0.2.2");

        s.spec.type = "LoadBalancer";
        s.spec.external_ips.clear();
        CHECK(cells_of(s)[3] == "<pending>");
        s.status.load_balancer.ingress = {{.ip = "203.0.113.9"}, {.hostname = "lb.example.com"}, {.ip = "203.0.113.1"}};
        CHECK(cells_of(s)[3] == "203.0.113.1,203.0.113.9,lb.example.com");  // not clipped: the server prints wide
        s.spec.external_ips = {"192.0.2.1"};
        CHECK(cells_of(s)[3] == "203.0.113.1,203.0.113.9,lb.example.com,192.0.2.1");

        s.spec.type = "ExternalName";
        s.spec.external_name = "db.example.com";
        s.spec.cluster_ip.clear();
        s.spec.cluster_ips.clear();
        s.spec.ports.clear();
        s.spec.selector.clear();
        CHECK(cells_of(s) == json{"web", "ExternalName", "<none>", "db.example.com", "<none>", "95s", "<none>"});

        s.spec.type = "ClusterIP";
        s.spec.cluster_ip = "None";
        CHECK(cells_of(s)[2] == "None");
        s.spec.cluster_ip.clear();
        s.spec.cluster_ips = {"10.96.0.20"};
        CHECK(cells_of(s)[2] == "10.96.0.20");
    }

    TEST_CASE("deployments and ReplicaSets: counts as integers, template and selector in wide") {
        api::deployment d;
        d.metadata.name = "web";
        d.metadata.creation_timestamp = now - 2h;
        d.spec.replicas = 3;
        d.spec.selector = api::label_selector{.match_labels = {{"app", "web"}}};
        d.spec.template_.spec.containers = {{.name = "nginx", .image = "nginx:1.27"},
                                            {.name = "log", .image = "busybox"}};
        d.status.ready_replicas = 2;
        d.status.updated_replicas = 3;
        d.status.available_replicas = 2;
        const auto c = cells_of(d);
        CHECK(c == json{"web", "2/3", 3, 2, "120m", "nginx,log", "nginx:1.27,busybox", "app=web"});
        CHECK(c[2].is_number_integer());
        d.spec.selector = api::label_selector{};
        CHECK(cells_of(d)[7] == "");
        d.spec.selector = api::label_selector{
            .match_expressions = {{.key = "tier", .operator_ = "In", .values = {"fe", "be"}}}};
        CHECK(cells_of(d)[7] == "tier in (be,fe)");

        api::replica_set rs;
        rs.metadata.name = "web-7d4b9c";
        rs.metadata.creation_timestamp = now - 10min;
        rs.spec.replicas = 3;
        rs.spec.selector = api::label_selector{.match_labels = {{"app", "web"}, {"pod-template-hash", "7d4b9c"}}};
        rs.spec.template_.spec.containers = {{.name = "nginx", .image = "nginx:1.27"}};
        rs.status.replicas = 3;
        rs.status.ready_replicas = 1;
        CHECK(cells_of(rs) ==
              json{"web-7d4b9c", 3, 3, 1, "10m", "nginx", "nginx:1.27", "app=web,pod-template-hash=7d4b9c"});
        rs.spec.selector = api::label_selector{};
        CHECK(cells_of(rs)[7] == "<none>");
    }

    TEST_CASE("events: LAST SEEN, the object, trimmed message; wide source, first seen, count, name") {
        api::event e;
        e.metadata.name = "web-1.17f0a";
        e.involved_object = {
            .kind = "Pod", .namespace_ = "default", .name = "web-1", .field_path = "spec.containers{c0}"};
        e.reason = "BackOff";
        e.message = "  Back-off restarting failed container c0\n";
        e.type = "Warning";
        e.source = {.component = "kubelet", .host = "node-1"};
        e.first_timestamp = now - 5min;
        e.last_timestamp = now - 2min;
        e.count = 3;
        CHECK(cells_of(e) == json{"2m", "Warning", "BackOff", "pod/web-1", "spec.containers{c0}", "kubelet, node-1",
                                  "Back-off restarting failed container c0", "5m", 3, "web-1.17f0a"});
        CHECK(printers::event_interval(e, now) == "2m (x3 over 5m)");

        // New-API events: eventTime, reporting controller and instance, count 0 reads 1.
        api::event n;
        n.metadata.name = "web.1";
        n.involved_object = {.kind = "Deployment", .name = "web"};
        n.reason = "ScalingReplicaSet";
        n.type = "Normal";
        n.event_time = now - 40s;
        n.reporting_component = "deployment-controller";
        CHECK(cells_of(n) == json{"40s", "Normal", "ScalingReplicaSet", "deployment/web", "", "deployment-controller",
                                  "", "40s", 1, "web.1"});
        CHECK(printers::event_interval(n, now) == "40s");
        n.reporting_instance = "kcm-1";
        CHECK(cells_of(n)[5] == "deployment-controller, kcm-1");
        n.series = api::event_series{.count = 4, .last_observed_time = now - 10s};
        CHECK(cells_of(n)[0] == "10s");
        CHECK(cells_of(n)[8] == 4);
        CHECK(printers::event_interval(n, now) == "10s (x4 over 40s)");
        // No name: just the kind. No time at all: <unknown>.
        api::event bare;
        bare.involved_object.kind = "Node";
        CHECK(cells_of(bare)[0] == "<unknown>");
        CHECK(cells_of(bare)[3] == "node");
    }

    TEST_CASE("EndpointSlices: three ports or addresses, then + N more...; <unset> when empty") {
        api::endpoint_slice s;
        s.metadata.name = "web-abcde";
        s.metadata.creation_timestamp = now - 30s;
        s.address_type = "IPv4";
        CHECK(cells_of(s) == json{"web-abcde", "IPv4", "<unset>", "<unset>", "30s"});
        s.ports = {{.name = "http", .port = 80}, {.name = "metrics"}, {}, {.port = 8443}};
        s.endpoints = {
            {.addresses = {"10.0.0.1"}}, {.addresses = {"10.0.0.2", "10.0.0.3"}}, {.addresses = {"10.0.0.4"}}};
        CHECK(cells_of(s) ==
              json{"web-abcde", "IPv4", "80,metrics,* + 1 more...", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "30s"});
        s.ports.resize(2);
        s.endpoints.resize(1);
        CHECK(cells_of(s)[2] == "80,metrics");
        CHECK(cells_of(s)[3] == "10.0.0.1");
    }

    TEST_CASE("namespaces, ConfigMaps, Secrets and Leases") {
        api::namespace_ ns;
        ns.metadata.name = "team-a";
        ns.metadata.creation_timestamp = now - 24h * 3;
        ns.status.phase = "Terminating";
        CHECK(cells_of(ns) == json{"team-a", "Terminating", "3d"});

        api::config_map cm;
        cm.metadata.name = "cfg";
        cm.metadata.creation_timestamp = now - 20s;
        cm.data = {{"a", "1"}, {"b", "2"}};
        cm.binary_data = {{"c", "\x01"}};
        CHECK(cells_of(cm) == json{"cfg", 3, "20s"});
        CHECK(cells_of(cm)[1].is_number_integer());

        api::secret s;
        s.metadata.name = "token";
        s.metadata.creation_timestamp = now - 20s;
        s.type = "Opaque";
        s.data = {{"user", "x"}};
        s.string_data = {{"user", "y"}, {"password", "z"}};
        CHECK(cells_of(s) == json{"token", "Opaque", 2, "20s"});

        api::lease l;
        l.metadata.name = "node-1";
        l.metadata.creation_timestamp = now - 59min;
        CHECK(cells_of(l) == json{"node-1", "", "59m"});
        l.spec.holder_identity = "node-1";
        CHECK(cells_of(l) == json{"node-1", "node-1", "59m"});
    }

    TEST_CASE("table: metadata, columnDefinitions, row objects for each includeObject") {
        auto p = std::make_shared<api::pod>(pod_with(1));
        p->metadata.uid = "uid-1";
        p->metadata.resource_version = "41";
        p->metadata.labels = {{"app", "web"}};
        auto done = std::make_shared<api::pod>(pod_with(1));
        done->metadata.name = "job-1";
        done->status.phase = "Succeeded";
        auto failed = std::make_shared<api::pod>(pod_with(1));
        failed->metadata.name = "job-2";
        failed->status.phase = "Failed";
        const std::vector<kubesim::store::object_ptr> objs{p, done, failed};
        const auto& ops = kind_ops_of<api::pod>();

        auto t = printers::table(ops, objs, now, printers::include_object::metadata, "42");
        CHECK(t["kind"] == "Table");
        CHECK(t["apiVersion"] == "meta.k8s.io/v1");
        CHECK(t["metadata"] == json{{"resourceVersion", "42"}});
        REQUIRE(t["columnDefinitions"].size() == 9);
        const auto& name_col = t["columnDefinitions"][0];
        CHECK(name_col["name"] == "Name");
        CHECK(name_col["type"] == "string");
        CHECK(name_col["format"] == "name");
        CHECK(name_col["priority"] == 0);
        CHECK(name_col["description"].is_string());
        CHECK(t["columnDefinitions"][5] == json{{"name", "IP"},
                                                {"type", "string"},
                                                {"format", ""},
                                                {"description", (*printers::columns("pods"))[5].description},
                                                {"priority", 1}});
        REQUIRE(t["rows"].size() == 3);
        const auto& row = t["rows"][0];
        CHECK(row["cells"] == cells_of(*p));
        CHECK_FALSE(row.contains("conditions"));
        CHECK(row["object"]["kind"] == "PartialObjectMetadata");
        CHECK(row["object"]["apiVersion"] == "meta.k8s.io/v1");
        CHECK(row["object"]["metadata"] == json(p->metadata));
        CHECK(row["object"]["metadata"]["labels"] == json{{"app", "web"}});
        CHECK(row["object"]["metadata"]["namespace"] == "default");
        CHECK(t["rows"][1]["conditions"] == json::parse(R"([{"type":"Completed","status":"True","reason":"Succeeded",
                                                           "message":"The pod has completed successfully."}])"));
        CHECK(t["rows"][2]["conditions"] == json::parse(R"([{"type":"Completed","status":"True","reason":"Failed",
                                                           "message":"The pod failed."}])"));

        t = printers::table(ops, objs, now, printers::include_object::none, "42", "tok");
        CHECK(t["metadata"] == json{{"resourceVersion", "42"}, {"continue", "tok"}});
        CHECK(t["rows"][0].contains("object"));
        CHECK(t["rows"][0]["object"].is_null());

        t = printers::table(ops, objs, now, printers::include_object::object, "42");
        CHECK(t["rows"][0]["object"]["kind"] == "Pod");
        CHECK(t["rows"][0]["object"]["apiVersion"] == "v1");
        CHECK(t["rows"][0]["object"]["spec"]["containers"][0]["image"] == "nginx");

        t = printers::table(ops, {}, now, printers::include_object::metadata, "");
        CHECK(t["metadata"] == json::object());
        CHECK(t["rows"] == json::array());
        CHECK(t["columnDefinitions"].size() == 9);
    }

    TEST_CASE("a resource without printers gets the default Name / Created At table") {
        kubesim::store::kind_ops ops = kind_ops_of<api::lease>();
        ops.resource = "widgets";
        auto l = std::make_shared<api::lease>();
        l->metadata.name = "w";
        l->metadata.creation_timestamp = sim::time_point{} + 5s;
        CHECK(printers::cells(ops, l.get(), now) == json{"w", "2025-01-01T00:00:05Z"});
        l->metadata.creation_timestamp.reset();
        CHECK(printers::cells(ops, l.get(), now) == json{"w", "0001-01-01T00:00:00Z"});
        const auto t = printers::table(ops, {l}, now, printers::include_object::metadata, "1");
        REQUIRE(t["columnDefinitions"].size() == 2);
        CHECK(t["columnDefinitions"][1]["name"] == "Created At");
        CHECK(t["columnDefinitions"][1]["type"] == "date");
    }

    TEST_CASE("a rolled-out Deployment: the rows kubectl get would print") {
        kubesim::cluster c;
        c.init();
        c.apply(R"({"apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"name": "web", "labels": {"app": "web"}},
            "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                     "template": {"metadata": {"labels": {"app": "web"}},
                                  "spec": {"containers": [{"name": "app", "image": "busybox:1.36",
                                                            "command": ["sleep", "3600"]}]}}}})");
        REQUIRE(c.wait_for("deployment/web", "Available"));
        c.run_for(90s);
        auto& store = c.store();

        const auto& dops = kind_ops_of<api::deployment>();
        auto deps = store.list(dops, "default", {}).value();
        REQUIRE(deps.items.size() == 1);
        const auto dt = printers::table(dops, deps.items, c.now(), printers::include_object::metadata,
                                        std::to_string(deps.resource_version));
        CHECK(dt["metadata"]["resourceVersion"] == std::to_string(deps.resource_version));
        const auto dcells = dt["rows"][0]["cells"];
        CHECK(dcells[0] == "web");
        CHECK(dcells[1] == "2/2");
        CHECK(dcells[2] == 2);
        CHECK(dcells[3] == 2);
        CHECK(dcells[4] == printers::age(dops.meta(deps.items[0].get()).creation_timestamp, c.now()));
        CHECK(dcells[5] == "app");
        CHECK(dcells[6] == "busybox:1.36");
        CHECK(dcells[7] == "app=web");

        const auto& rops = kind_ops_of<api::replica_set>();
        auto rss = store.list(rops, "default", {}).value();
        REQUIRE(rss.items.size() == 1);
        const auto rcells = printers::cells(rops, rss.items[0].get(), c.now());
        CHECK(rcells[1] == 2);
        CHECK(rcells[2] == 2);
        CHECK(rcells[3] == 2);
        CHECK(rcells[7].get<std::string>().rfind("app=web,pod-template-hash=", 0) == 0);

        const auto& pops = kind_ops_of<api::pod>();
        auto pods = store.list(pops, "default", {}).value();
        REQUIRE(pods.items.size() == 2);
        const auto pt = printers::table(pops, pods.items, c.now(), printers::include_object::metadata, "1");
        for (const auto& row : pt["rows"]) {
            const auto& cl = row["cells"];
            CHECK(cl[1] == "1/1");
            CHECK(cl[2] == "Running");
            CHECK(cl[3] == "0");
            CHECK(cl[5].get<std::string>().rfind("10.244.", 0) == 0);
            CHECK(cl[6].get<std::string>().rfind("node-", 0) == 0);
            CHECK(cl[7] == "<none>");
            CHECK(cl[8] == "<none>");
            CHECK(row["object"]["metadata"]["labels"]["app"] == "web");
        }

        // The nodes and the standard namespaces.
        const auto& nops = kind_ops_of<api::node>();
        auto nodes = store.list(nops, "", {}).value();
        REQUIRE(nodes.items.size() == 3);
        const auto ncells = printers::cells(nops, nodes.items[0].get(), c.now());
        CHECK(ncells[0] == "node-1");
        CHECK(ncells[1] == "Ready");
        CHECK(ncells[4] == "v1.33.0");
        CHECK(ncells[5] == "172.18.0.2");
        const auto& nsops = kind_ops_of<api::namespace_>();
        auto nss = store.list(nsops, "", {}).value();
        CHECK(printers::cells(nsops, nss.items[0].get(), c.now())[1] == "Active");

        // A missing image, and a container that keeps exiting.
        c.apply(R"([{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "missing"},
                     "spec": {"containers": [{"name": "app", "image": "nginx:0.0-nowhere"}]}},
                    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "crash"},
                     "spec": {"containers": [{"name": "app", "image": "busybox:1.36",
                                              "command": ["sh", "-c", "exit 3"]}]}}])");
        c.run_for(2min);
        const auto missing = printers::cells(pops, store.get(pops, "default", "missing")->get(), c.now());
        CHECK(missing[1] == "0/1");
        CHECK((missing[2] == "ImagePullBackOff" || missing[2] == "ErrImagePull"));
        CHECK(missing[3] == "0");
        const auto crash_obj = store.get(pops, "default", "crash").value();
        const auto& crash = *static_cast<const api::pod*>(crash_obj.get());
        const auto crash_cells = printers::cells(pops, crash_obj.get(), c.now());
        REQUIRE(crash.status.container_statuses.size() == 1);
        const auto& cs = crash.status.container_statuses[0];
        CHECK(cs.restart_count > 0);
        CHECK((crash_cells[2] == "CrashLoopBackOff" || crash_cells[2] == "Error"));
        REQUIRE(cs.last_state.terminated);
        CHECK(crash_cells[3] ==
              std::to_string(cs.restart_count) + " (" + printers::age(cs.last_state.terminated->finished_at, c.now()) + " ago)");

        // Deleting a pod: Terminating while the kubelet stops it.
        const std::string victim = pops.meta(pods.items[0].get()).name;
        c.client<api::pod>().remove(victim).value();
        auto gone = store.get(pops, "default", victim);
        REQUIRE(gone);
        CHECK(printers::cells(pops, gone->get(), c.now())[2] == "Terminating");
    }
}
