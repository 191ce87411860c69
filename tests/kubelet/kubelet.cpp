// The kubelet through the cluster: pod lifecycle, statuses, events, restarts,
// probes, termination. Pods are pinned with spec.nodeName so these tests do not
// depend on the scheduler.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

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
