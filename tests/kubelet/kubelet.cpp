// The kubelet through the cluster: pod lifecycle, statuses, events, restarts,
// probes, termination. Pods are pinned with spec.nodeName so these tests do not
// depend on the scheduler.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/cluster.hpp>

namespace {

using namespace std::chrono_literals;
namespace api = kubesim::api;
using kubesim::process_context;
using kubesim::task;

// A server on 8080 answering "ok"; /fail answers 500; SIGTERM ends it with 0
// after a 2 s drain; "crash" exits 3 after 1 s; "throw" throws.
class test_image : public kubesim::image {
public:
    static constexpr std::string_view image_name = "test";
    static constexpr std::string_view image_version = "1.0";
    std::vector<std::string> default_command() const override { return {"server"}; }
    task<int> exec(process_context ctx, std::vector<std::string> argv) override {
        if (argv.empty()) co_return co_await image::exec(ctx, std::move(argv));
        if (argv[0] == "server") {
            ctx.write_stdout("starting\n");
            ctx.listen_http(8080, [ctx](const kubesim::http::request& r) {
                if (r.url.find("/fail") != std::string::npos) return kubesim::http::response{.status = 500, .body = "bad\n"};
                if (ctx.files().exists("/tmp/unhealthy")) return kubesim::http::response{.status = 503, .body = "no\n"};
                return kubesim::http::response{.status = 200, .body = "ok from " + std::string(ctx.pod_name()) + "\n"};
            });
            const int sig = co_await ctx.wait_until_killed();
            ctx.write_stdout("draining\n");
            co_await ctx.sleep(2s);
            co_return sig == 143 ? 0 : sig;
        }
        if (argv[0] == "crash") {
            ctx.write_stdout("crashing\n");
            co_await ctx.sleep(1s);
            co_return 3;
        }
        if (argv[0] == "throw") throw std::runtime_error("boom");
        co_return co_await image::exec(ctx, std::move(argv));
    }
};

api::pod pinned(std::string name, std::string node = "node-1", std::vector<std::string> command = {}) {
    api::pod p;
    p.metadata.name = std::move(name);
    p.metadata.labels = {{"app", p.metadata.name}};
    p.spec.node_name = std::move(node);
    api::container c;
    c.name = "main";
    c.image = "test:1.0";
    c.command = std::move(command);
    c.ports.push_back({.name = "http", .container_port = 8080});
    p.spec.containers.push_back(c);
    return p;
}

struct fixture_cluster {
    kubesim::cluster c;
    fixture_cluster() {
        c.register_image<test_image>();
        c.init();
    }
    api::pod get(const std::string& name) { return c.client<api::pod>().get(name).value(); }
    std::vector<std::string> events(const std::string& name) {
        std::vector<std::string> out;
        for (const auto& e : c.client<api::event>().list().value().items)
            if (e.involved_object.name == name) out.push_back(e.reason + ": " + e.message);
        return out;
    }
    const api::pod_condition* cond(const api::pod& p, const std::string& type) {
        for (const auto& x : p.status.conditions)
            if (x.type == type) return &x;
        return nullptr;
    }
};

bool contains(const std::vector<std::string>& v, const std::string& s) {
    for (const auto& x : v)
        if (x == s) return true;
    return false;
}

}  // namespace

TEST_CASE("a pod starts: sandbox IP, pull, create, start, Ready, events") {
    fixture_cluster f;
    f.c.client<api::pod>().create(pinned("web")).value();
    REQUIRE(f.c.wait_for("pod/web"));
    auto p = f.get("web");
    CHECK(p.status.phase == "Running");
    CHECK(p.status.pod_ip == "10.244.1.2");
    CHECK(p.status.host_ip == f.c.node_ip(1));
    REQUIRE(p.status.container_statuses.size() == 1);
    const auto& cs = p.status.container_statuses[0];
    CHECK(cs.ready);
    CHECK(cs.started == true);
    REQUIRE(cs.state.running);
    CHECK(cs.image == "docker.io/library/test:1.0");
    CHECK(cs.container_id.rfind("containerd://", 0) == 0);
    // Pull took the default 500 ms.
    CHECK(f.c.now() - kubesim::sim::time_point{} == 500ms);
    for (const char* t : {"PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady"}) {
        REQUIRE(f.cond(p, t));
        CHECK(f.cond(p, t)->status == "True");
    }
    auto ev = f.events("web");
    CHECK(contains(ev, "Pulling: Pulling image \"test:1.0\""));
    bool pulled = false;
    for (const auto& e : ev)
        pulled = pulled || e.rfind("Pulled: Successfully pulled image \"test:1.0\" in 500ms (500ms including waiting). Image size: ", 0) == 0;
    CHECK(pulled);
    CHECK(contains(ev, "Created: Created container: main"));
    CHECK(contains(ev, "Started: Started container main"));
    // Reachable by pod IP from outside (node-1) and logs have the output.
    auto r = f.c.fetch("http://10.244.1.2:8080/");
    CHECK(r.status == 200);
    CHECK(r.body == "ok from web\n");
    CHECK(f.c.logs("default", "web") == "starting\n");
    // A second pod on the same node: the image is present now.
    f.c.client<api::pod>().create(pinned("web2")).value();
    REQUIRE(f.c.wait_for("pod/web2"));
    CHECK(f.get("web2").status.pod_ip == "10.244.1.3");
    CHECK(contains(f.events("web2"), "Pulled: Container image \"test:1.0\" already present on machine"));
}

TEST_CASE("args without command replace the image's CMD and follow its ENTRYPOINT") {
    kubesim::cluster c;
    c.init();
    // busybox has CMD ["sh"] and no ENTRYPOINT: `kubectl run b --image=busybox -- sleep 3600` runs sleep.
    c.apply(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"b"},
                "spec":{"containers":[{"name":"b","image":"busybox:1.36","args":["sh","-c","echo via args; sleep 3600"]}]}})");
    c.apply(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"s"},
                "spec":{"containers":[{"name":"s","image":"busybox:1.36","args":["sleep","3600"]}]}})");
    REQUIRE(c.wait_for("pod/b"));
    REQUIRE(c.wait_for("pod/s"));
    c.run_for(30s);
    CHECK(c.logs("default", "b") == "via args\n");
    auto s = c.client<api::pod>().get("s").value();
    CHECK(s.status.container_statuses[0].restart_count == 0);
    CHECK(s.status.container_statuses[0].state.running.has_value());
}

TEST_CASE("network failures are statuses: refused, no route, unknown host") {
    fixture_cluster f;
    f.c.client<api::pod>().create(pinned("web")).value();
    REQUIRE(f.c.wait_for("pod/web"));
    auto r = f.c.fetch("http://10.244.1.2:9999/");
    CHECK(r.status == 0);
    CHECK(r.error == "Get \"http://10.244.1.2:9999/\": dial tcp 10.244.1.2:9999: connect: connection refused");
    r = f.c.fetch("http://nowhere.example/");
    CHECK(r.status == 0);
    CHECK(r.error == "Get \"http://nowhere.example/\": dial tcp: lookup nowhere.example: no such host");
    r = f.c.fetch("http://10.244.9.9/");
    CHECK(r.error.find("no route to host") != std::string::npos);
}

TEST_CASE("exit codes, restart policy and the crash-loop back-off") {
    fixture_cluster f;
    auto p = pinned("crasher", "node-2", {"crash"});
    f.c.client<api::pod>().create(p).value();
    // Start at 0.5 s, exit 3 at 1.5 s, immediate restart, exit at 2.5 s, then 10 s back-off.
    f.c.run_for(2600ms);
    auto got = f.get("crasher");
    REQUIRE(got.status.container_statuses.size() == 1);
    auto cs = got.status.container_statuses[0];
    CHECK(cs.restart_count == 1);  // the first restart was immediate
    REQUIRE(cs.state.waiting);
    CHECK(cs.state.waiting->reason == "CrashLoopBackOff");
    CHECK(cs.state.waiting->message == "back-off 10s restarting failed container=main pod=crasher_default(" +
                                           got.metadata.uid + ")");
    REQUIRE(cs.last_state.terminated);
    CHECK(cs.last_state.terminated->exit_code == 3);
    CHECK(cs.last_state.terminated->reason == "Error");
    CHECK(got.status.phase == "Running");
    CHECK(contains(f.events("crasher"), "BackOff: Back-off restarting failed container main in pod crasher_default(" +
                                            got.metadata.uid + ")"));
    CHECK(f.c.logs("default", "crasher", "", true) == "crashing\n");
}

TEST_CASE("restartPolicy Never: Completed and Error, phase Succeeded or Failed") {
    fixture_cluster f;
    auto ok = pinned("ok", "node-1", {"true"});
    ok.spec.restart_policy = "Never";
    auto bad = pinned("bad", "node-1", {"throw"});
    bad.spec.restart_policy = "Never";
    f.c.client<api::pod>().create(ok).value();
    f.c.client<api::pod>().create(bad).value();
    f.c.run_for(5s);
    auto a = f.get("ok");
    CHECK(a.status.phase == "Succeeded");
    REQUIRE(a.status.container_statuses[0].state.terminated);
    CHECK(a.status.container_statuses[0].state.terminated->reason == "Completed");
    auto b = f.get("bad");
    CHECK(b.status.phase == "Failed");
    REQUIRE(b.status.container_statuses[0].state.terminated);
    CHECK(b.status.container_statuses[0].state.terminated->exit_code == 1);
    CHECK(b.status.container_statuses[0].state.terminated->reason == "Error");
    CHECK(f.c.logs("default", "bad") == "boom\n");
    CHECK(f.cond(b, "Ready")->reason == "PodCompleted");
}

TEST_CASE("graceful deletion: SIGTERM, drain, the kubelet removes the pod") {
    fixture_cluster f;
    f.c.client<api::pod>().create(pinned("web")).value();
    REQUIRE(f.c.wait_for("pod/web"));
    const auto t0 = f.c.now();
    f.c.client<api::pod>().remove("web").value();
    CHECK(f.get("web").metadata.deletion_timestamp);
    f.c.run_until([&] { return !f.c.client<api::pod>().get("web").has_value(); }, 60s);
    CHECK(f.c.now() - t0 == 2s);  // the drain took 2 s of the 30 s grace
    CHECK(contains(f.events("web"), "Killing: Stopping container main"));
}

TEST_CASE("a process that ignores SIGTERM is killed at the end of the grace period") {
    fixture_cluster f;
    auto p = pinned("sleeper", "node-1", {"sleep", "3600"});
    p.spec.termination_grace_period_seconds = 5;
    f.c.client<api::pod>().create(p).value();
    REQUIRE(f.c.wait_for("pod/sleeper"));
    const auto t0 = f.c.now();
    f.c.client<api::pod>().remove("sleeper").value();
    f.c.run_until([&] { return !f.c.client<api::pod>().get("sleeper").has_value(); }, 60s);
    CHECK(f.c.now() - t0 == 5s);
}

TEST_CASE("readiness and liveness probes") {
    fixture_cluster f;
    auto p = pinned("probed");
    p.spec.containers.mutable_vec()[0].readiness_probe = api::probe{
        .http_get = api::http_get_action{.path = "/", .port = api::int_or_string::from_string("http")}, .period_seconds = 5};
    p.spec.containers.mutable_vec()[0].liveness_probe = api::probe{
        .http_get = api::http_get_action{.path = "/fail", .port = api::int_or_string::from_int(8080)},
        .initial_delay_seconds = 10,
        .period_seconds = 10};
    f.c.client<api::pod>().create(p).value();
    REQUIRE(f.c.wait_for("pod/probed"));
    // Readiness passes on its first probe, at start.
    CHECK(f.c.now() - kubesim::sim::time_point{} == 500ms);
    // Liveness fails at 10.5, 20.5, 30.5 s: killed, restarted.
    f.c.run_for(31s);
    auto ev = f.events("probed");
    CHECK(contains(ev, "Unhealthy: Liveness probe failed: HTTP probe failed with statuscode: 500"));
    CHECK(contains(ev, "Killing: Container main failed liveness probe, will be restarted"));
    f.c.run_for(5s);
    auto got = f.get("probed");
    CHECK(got.status.container_statuses[0].restart_count == 1);
}

TEST_CASE("unknown images: ErrImagePull then ImagePullBackOff; invalid names") {
    fixture_cluster f;
    auto p = pinned("nope");
    p.spec.containers.mutable_vec()[0].image = "nope:1.0";
    f.c.client<api::pod>().create(p).value();
    f.c.run_for(1s);
    auto cs = f.get("nope").status.container_statuses[0];
    REQUIRE(cs.state.waiting);
    CHECK(cs.state.waiting->reason == "ErrImagePull");
    CHECK(cs.state.waiting->message ==
          "failed to pull and unpack image \"docker.io/library/nope:1.0\": failed to resolve reference "
          "\"docker.io/library/nope:1.0\": docker.io/library/nope:1.0: not found");
    f.c.run_for(4s);
    cs = f.get("nope").status.container_statuses[0];
    REQUIRE(cs.state.waiting);
    CHECK(cs.state.waiting->reason == "ImagePullBackOff");
    auto ev = f.events("nope");
    CHECK(contains(ev, "Failed: Error: ErrImagePull"));
    CHECK(contains(ev, "BackOff: Back-off pulling image \"nope:1.0\""));
}

TEST_CASE("exec runs in the container: same files and environment") {
    fixture_cluster f;
    auto p = pinned("web");
    p.spec.containers.mutable_vec()[0].env = {{.name = "GREETING", .value = "hi $(POD)"}, {.name = "POD", .value = "x"}};
    f.c.client<api::pod>().create(p).value();
    REQUIRE(f.c.wait_for("pod/web"));
    auto r = f.c.exec("default", "web", "", {"touch", "/tmp/unhealthy"});
    CHECK(r.exit_code == 0);
    CHECK(f.c.fetch("http://10.244.1.2:8080/").status == 503);
    r = f.c.exec("default", "web", "main", {"printenv", "HOSTNAME"});
    CHECK(r.out == "web\n");
    r = f.c.exec("default", "web", "main", {"nope"});
    CHECK(r.exit_code == 127);
}

TEST_CASE("the runtime's files: /etc/hosts, /etc/hostname and /etc/resolv.conf name the pod; rm removes one") {
    fixture_cluster f;
    f.c.client<api::pod>().create(pinned("web")).value();
    REQUIRE(f.c.wait_for("pod/web"));
    CHECK(f.c.exec("default", "web", "", {"cat", "/etc/hostname"}).out == "web\n");
    CHECK(f.c.exec("default", "web", "", {"cat", "/etc/hosts"}).out ==
          "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n10.244.1.2\tweb\n");
    const auto conf = f.c.exec("default", "web", "", {"cat", "/etc/resolv.conf"}).out;
    CHECK(conf.find("search default.svc.cluster.local svc.cluster.local cluster.local\n") != std::string::npos);
    CHECK(conf.find("options ndots:5\n") != std::string::npos);
    const auto etc = f.c.exec("default", "web", "", {"ls", "/etc"}).out;
    CHECK(etc.find("hostname\nhosts\n") != std::string::npos);
    CHECK(etc.find("resolv.conf\n") != std::string::npos);

    CHECK(f.c.exec("default", "web", "", {"touch", "/etc/hostname"}).exit_code == 0);  // keeps the text
    CHECK(f.c.exec("default", "web", "", {"cat", "/etc/hostname"}).out == "web\n");
    CHECK(f.c.exec("default", "web", "", {"rm", "/etc/hosts"}).exit_code == 0);
    const auto gone = f.c.exec("default", "web", "", {"cat", "/etc/hosts"});
    CHECK(gone.exit_code == 1);
    CHECK(gone.err == "cat: can't open '/etc/hosts': No such file or directory\n");
    CHECK(f.c.exec("default", "web", "", {"ls", "/etc"}).out.find("hosts\n") == std::string::npos);
}

TEST_CASE("init containers run in order before the app; a failing one is retried") {
    fixture_cluster f;
    auto p = pinned("init");
    api::container a;
    a.name = "first";
    a.image = "busybox:1.36";
    a.command = {"sh", "-c", "sleep 2 && touch /tmp/done"};
    api::container b = a;
    b.name = "second";
    b.command = {"sleep", "1"};
    p.spec.init_containers = {a, b};
    f.c.client<api::pod>().create(p).value();
    f.c.run_for(1s);
    auto got = f.get("init");
    CHECK(got.status.phase == "Pending");
    CHECK(f.cond(got, "Initialized")->status == "False");
    CHECK(f.cond(got, "Initialized")->message == "containers with incomplete status: [first second]");
    REQUIRE(got.status.container_statuses[0].state.waiting);
    CHECK(got.status.container_statuses[0].state.waiting->reason == "PodInitializing");
    // first: pull 0.5 s + 2 s; second: pull 0.5 s... busybox is present now, + 1 s; then the app.
    REQUIRE(f.c.wait_for("pod/init"));
    got = f.get("init");
    CHECK(got.status.init_container_statuses[0].state.terminated->reason == "Completed");
    CHECK(got.status.init_container_statuses[1].state.terminated->reason == "Completed");
    CHECK(f.c.now() - kubesim::sim::time_point{} == 4s);

    auto bad = pinned("badinit");
    api::container x = a;
    x.command = {"false"};
    bad.spec.init_containers = {x};
    bad.spec.restart_policy = "Never";
    f.c.client<api::pod>().create(bad).value();
    f.c.run_for(3s);
    CHECK(f.get("badinit").status.phase == "Failed");
}

TEST_CASE("environment: values, fieldRef, configMap and secret refs, envFrom, service links") {
    fixture_cluster f;
    api::config_map cm;
    cm.metadata.name = "settings";
    cm.data = {{"MODE", "fast"}, {"LEVEL", "3"}};
    f.c.client<api::config_map>().create(cm).value();
    api::secret sec;
    sec.metadata.name = "creds";
    sec.string_data = {{"token", "s3cr3t"}};
    f.c.client<api::secret>().create(sec).value();
    api::service svc;
    svc.metadata.name = "backend";
    svc.spec.selector = {{"app", "backend"}};
    svc.spec.ports.push_back({.name = "http", .protocol = "TCP", .port = 80, .target_port = api::int_or_string::from_int(8080)});
    const auto backend_ip = f.c.client<api::service>().create(svc).value().spec.cluster_ip;

    auto p = pinned("env");
    auto& c = p.spec.containers.mutable_vec()[0];
    c.env = {{.name = "POD_IP", .value_from = api::env_var_source{.field_ref = api::object_field_selector{.field_path = "status.podIP"}}},
             {.name = "NODE", .value_from = api::env_var_source{.field_ref = api::object_field_selector{.field_path = "spec.nodeName"}}},
             {.name = "TOKEN", .value_from = api::env_var_source{.secret_key_ref = api::key_selector{.name = "creds", .key = "token"}}},
             {.name = "GREETING", .value = "mode=$(CFG_MODE) $(UNDEFINED) $$(ESCAPED)"}};
    c.env_from = {{.prefix = "CFG_", .config_map_ref = api::env_source_ref{.name = "settings"}}};
    f.c.client<api::pod>().create(p).value();
    REQUIRE(f.c.wait_for("pod/env"));
    auto env = [&](const char* name) { return f.c.exec("default", "env", "", {"printenv", name}).out; };
    CHECK(env("POD_IP") == "10.244.1.2\n");
    CHECK(env("NODE") == "node-1\n");
    CHECK(env("TOKEN") == "s3cr3t\n");
    CHECK(env("CFG_LEVEL") == "3\n");
    CHECK(env("GREETING") == "mode=fast $(UNDEFINED) $(ESCAPED)\n");
    CHECK(env("BACKEND_SERVICE_HOST") == backend_ip + "\n");
    CHECK(env("BACKEND_PORT_80_TCP") == "tcp://" + backend_ip + ":80\n");
    CHECK(env("KUBERNETES_SERVICE_HOST") == "10.96.0.1\n");

    auto missing = pinned("missing");
    missing.spec.containers.mutable_vec()[0].env = {
        {.name = "X", .value_from = api::env_var_source{.config_map_key_ref = api::key_selector{.name = "nope", .key = "k"}}}};
    f.c.client<api::pod>().create(missing).value();
    f.c.run_for(1s);
    auto cs = f.get("missing").status.container_statuses[0];
    REQUIRE(cs.state.waiting);
    CHECK(cs.state.waiting->reason == "CreateContainerConfigError");
    CHECK(cs.state.waiting->message == "configmap \"nope\" not found");
    CHECK(contains(f.events("missing"), "Failed: Error: configmap \"nope\" not found"));
}

TEST_CASE("service links are read when a container starts; enableServiceLinks: false keeps only the master service") {
    fixture_cluster f;
    f.c.client<api::pod>().create(pinned("early")).value();
    REQUIRE(f.c.wait_for("pod/early"));
    api::service svc;
    svc.metadata.name = "late";
    svc.spec.selector = {{"app", "late"}};
    svc.spec.ports.push_back({.name = "http", .protocol = "TCP", .port = 81, .target_port = api::int_or_string::from_int(8080)});
    const auto late_ip = f.c.client<api::service>().create(svc).value().spec.cluster_ip;
    f.c.client<api::pod>().create(pinned("after")).value();
    auto unlinked = pinned("unlinked");
    unlinked.spec.enable_service_links = false;
    f.c.client<api::pod>().create(unlinked).value();
    REQUIRE(f.c.wait_for("pod/after"));
    REQUIRE(f.c.wait_for("pod/unlinked"));
    auto env = [&](const char* pod, const char* name) { return f.c.exec("default", pod, "", {"printenv", name}); };
    CHECK(env("early", "LATE_SERVICE_HOST").exit_code == 1);
    CHECK(env("after", "LATE_SERVICE_HOST").out == late_ip + "\n");
    CHECK(env("after", "LATE_PORT").out == "tcp://" + late_ip + ":81\n");
    CHECK(env("unlinked", "LATE_SERVICE_HOST").exit_code == 1);
    CHECK(env("unlinked", "KUBERNETES_SERVICE_HOST").out == "10.96.0.1\n");
    // `env` lists the container's own variables, then the service links.
    const auto all = f.c.exec("default", "after", "", {"env"}).out;
    CHECK(all.find("HOSTNAME=after\n") < all.find("LATE_SERVICE_HOST="));
    CHECK(all.find("KUBERNETES_SERVICE_HOST=10.96.0.1\n") != std::string::npos);
}

TEST_CASE("probe failures in upstream words: tcp refused, http timeout, exec output; startup gates liveness") {
    fixture_cluster f;
    auto p = pinned("probes");
    auto& c = p.spec.containers.mutable_vec()[0];
    c.readiness_probe = api::probe{.tcp_socket = api::tcp_socket_action{.port = api::int_or_string::from_int(9999)},
                                   .period_seconds = 10};
    c.startup_probe = api::probe{.exec = api::exec_action{.command = {"sh", "-c", "echo not yet; test -f /tmp/started"}},
                                 .period_seconds = 1, .failure_threshold = 30};
    f.c.client<api::pod>().create(p).value();
    f.c.run_for(3s);
    auto ev = f.events("probes");
    CHECK(contains(ev, "Unhealthy: Startup probe failed: not yet\n"));
    auto got = f.get("probes");
    CHECK(got.status.container_statuses[0].started == false);
    f.c.exec("default", "probes", "", {"touch", "/tmp/started"});
    f.c.run_for(2s);
    got = f.get("probes");
    CHECK(got.status.container_statuses[0].started == true);
    CHECK_FALSE(got.status.container_statuses[0].ready);
    // Readiness ticks every 10 s from the container's start: the first tick after startup passed.
    f.c.run_for(7s);
    ev = f.events("probes");
    CHECK(contains(ev, "Unhealthy: Readiness probe failed: dial tcp 10.244.1.2:9999: connect: connection refused"));
    CHECK(f.cond(got, "Ready")->message == "containers with unready status: [main]");
}

TEST_CASE("an http probe that times out says so") {
    fixture_cluster f;
    // busybox's wget-less sleep server: nothing answers quickly on 8080 here, so use a slow handler image.
    class slow_image : public kubesim::image {
    public:
        task<int> exec(process_context ctx, std::vector<std::string>) override {
            ctx.listen_http(8080, [ctx](kubesim::http::request) -> task<kubesim::http::response> {
                co_await ctx.sleep(5s);
                co_return kubesim::http::response{.status = 200};
            });
            co_return co_await ctx.wait_until_killed();
        }
    };
    f.c.register_image("slow", "1.0", [] { return std::make_shared<slow_image>(); });
    auto p = pinned("slow");
    p.spec.containers.mutable_vec()[0].image = "slow:1.0";
    p.spec.containers.mutable_vec()[0].liveness_probe =
        api::probe{.http_get = api::http_get_action{.path = "/healthz", .port = api::int_or_string::from_int(8080)},
                   .timeout_seconds = 1, .period_seconds = 10};
    f.c.client<api::pod>().create(p).value();
    f.c.run_for(3s);
    CHECK(contains(f.events("slow"), "Unhealthy: Liveness probe failed: Get \"http://10.244.1.2:8080/healthz\": context "
                                     "deadline exceeded (Client.Timeout exceeded while awaiting headers)"));
}

TEST_CASE("lifecycle hooks: postStart runs before Running, preStop before SIGTERM") {
    fixture_cluster f;
    auto p = pinned("hooks");
    auto& c = p.spec.containers.mutable_vec()[0];
    c.lifecycle = api::lifecycle{.post_start = api::lifecycle_handler{.exec = api::exec_action{.command = {"touch", "/tmp/post"}}},
                                 .pre_stop = api::lifecycle_handler{.sleep = api::sleep_action{.seconds = 3}}};
    f.c.client<api::pod>().create(p).value();
    REQUIRE(f.c.wait_for("pod/hooks"));
    CHECK(f.c.exec("default", "hooks", "", {"test", "-f", "/tmp/post"}).exit_code == 0);
    const auto t0 = f.c.now();
    f.c.client<api::pod>().remove("hooks").value();
    f.c.run_until([&] { return !f.c.client<api::pod>().get("hooks").has_value(); }, 60s);
    CHECK(f.c.now() - t0 == 5s);  // 3 s preStop sleep, then the 2 s drain after SIGTERM

    auto bad = pinned("badhook");
    bad.spec.containers.mutable_vec()[0].lifecycle =
        api::lifecycle{.post_start = api::lifecycle_handler{.exec = api::exec_action{.command = {"false"}}}};
    f.c.client<api::pod>().create(bad).value();
    f.c.run_for(3s);
    bool failed = false;
    for (const auto& e : f.events("badhook")) failed = failed || e.rfind("FailedPostStartHook: Exec lifecycle hook ([false])", 0) == 0;
    CHECK(failed);
}

TEST_CASE("activeDeadlineSeconds fails the pod") {
    fixture_cluster f;
    auto p = pinned("deadline");
    p.spec.active_deadline_seconds = 10;
    f.c.client<api::pod>().create(p).value();
    f.c.run_for(15s);
    auto got = f.get("deadline");
    CHECK(got.status.phase == "Failed");
    CHECK(got.status.reason == "DeadlineExceeded");
    CHECK(got.status.message == "Pod was active on the node longer than the specified deadline");
    CHECK(contains(f.events("deadline"), "DeadlineExceeded: Pod was active on the node longer than the specified deadline"));
}

TEST_CASE("invalid image names; wait_for nodes; determinism of a whole run") {
    fixture_cluster f;
    auto p = pinned("badname");
    p.spec.containers.mutable_vec()[0].image = "Not_Valid:x";
    f.c.client<api::pod>().create(p).value();
    f.c.run_for(1s);
    auto cs = f.get("badname").status.container_statuses[0];
    REQUIRE(cs.state.waiting);
    CHECK(cs.state.waiting->reason == "InvalidImageName");
    CHECK(cs.state.waiting->message ==
          "Failed to apply default image tag \"Not_Valid:x\": couldn't parse image name \"Not_Valid:x\": invalid reference "
          "format: repository name (library/Not_Valid) must be lowercase");
    CHECK(f.c.wait_for("node/node-2"));

    auto run = [] {
        kubesim::cluster c;
        c.register_image<test_image>();
        c.init();
        std::string out;
        c.trace().set_sink([&](std::string_view line) { out += std::string(line) + "\n"; });
        for (int i = 0; i < 6; ++i) {
            api::pod x;
            x.metadata.generate_name = "w-";
            x.spec.containers.push_back(api::container{.name = "c", .image = "test:1.0"});
            c.client<api::pod>().create(x).value();
        }
        c.run_for(30s);
        for (const auto& x : c.client<api::pod>().list().value().items)
            out += x.metadata.name + " " + x.spec.node_name + " " + x.status.pod_ip + "\n";
        return out;
    };
    CHECK(run() == run());
}
