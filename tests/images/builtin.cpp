// The built-in images: registration, commands, HTTP endpoints seen from another
// pod, log output and what SIGTERM does to each.
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <kubesim/errors.hpp>
#include <kubesim/images/builtin.hpp>
#include <kubesim/images/builtin/agnhost.hpp>
#include <kubesim/images/builtin/busybox.hpp>
#include <kubesim/images/builtin/hello_world.hpp>
#include <kubesim/images/builtin/http_echo.hpp>
#include <kubesim/images/builtin/pause.hpp>
#include <kubesim/images/registry.hpp>

#include "process_fixture.hpp"

using namespace std::chrono_literals;
using fixture::container_env;
namespace images = kubesim::images;
namespace http = kubesim::http;

namespace {

// A web server pod at 10.244.3.5 (node-3) answering on port 80, known to the
// cluster DNS as web.default.svc.cluster.local.
void add_web_server(container_env& env) {
    const auto ip = *kubesim::net::parse_ip("10.244.3.5");
    env.network.add_host(ip, "node-3");
    env.set_dns({{"web.default.svc.cluster.local", "10.244.3.5"}});
    auto* eng = &env.engine;
    env.network.listen(ip, 80, [eng](http::request req) -> kubesim::sim::task<http::response> {
        http::response r;
        if (req.url.find("/slow") != std::string::npos) co_await kubesim::sim::sleep_for(*eng, 10s);
        if (req.url.find("/missing") != std::string::npos) {
            r.status = 404;
            r.body = "404 page not found\n";
        } else if (req.url.find("/moved") != std::string::npos) {
            r.status = 302;
            r.headers.emplace("Location", "/");
        } else {
            r.status = 200;
            r.body = "hello from web\n";
        }
        co_return r;
    });
}

}  // namespace

TEST_CASE("register_builtin_images registers every image and version") {
    images::registry reg;
    images::register_builtin_images(reg);
    std::string err;
    for (const char* ref : {"registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.9", "busybox:1.36",
                            "docker.io/library/busybox:1.36", "hashicorp/http-echo:1.0",
                            "registry.k8s.io/e2e-test-images/agnhost:2.40", "crccheck/hello-world:1.0"}) {
        CAPTURE(ref);
        CHECK(reg.find(ref, err) != nullptr);
    }
    const auto* latest = reg.find("registry.k8s.io/pause", err);
    REQUIRE(latest != nullptr);
    CHECK(latest->version == "3.10");
    CHECK(reg.find("busybox", err)->version == "1.36");
    CHECK(reg.find("busybox:9.9", err) == nullptr);
    CHECK(reg.all().size() == 6);
    CHECK_THROWS_AS(images::register_builtin_images(reg), kubesim::usage_error);

    CHECK(reg.find("registry.k8s.io/pause:3.9", err)->make()->default_command() == std::vector<std::string>{"/pause"});
    CHECK(reg.find("busybox", err)->make()->default_command() == std::vector<std::string>{"sh"});
    CHECK(reg.find("hashicorp/http-echo:1.0", err)->make()->default_command() ==
          std::vector<std::string>{"/http-echo"});
    CHECK(reg.find("registry.k8s.io/e2e-test-images/agnhost:2.40", err)->make()->default_command() ==
          std::vector<std::string>{"/agnhost"});
    // ENTRYPOINT alone (what a Pod's args follow): busybox has only a CMD.
    CHECK(reg.find("busybox", err)->make()->entrypoint().empty());
    CHECK(reg.find("registry.k8s.io/e2e-test-images/agnhost:2.40", err)->make()->entrypoint() ==
          std::vector<std::string>{"/agnhost"});
}

TEST_CASE("pause: waits for SIGTERM, says so on stderr, exits 0") {
    container_env env(std::make_shared<images::pause>());
    auto p = env.start(env.container->img->default_command());
    env.engine.run_for(10min);
    CHECK_FALSE(p.done());
    CHECK(env.container->log.empty());
    p.proc->terminate();
    env.wait(p, 1s);
    REQUIRE(p.done());
    CHECK(*p.exit_code == 0);
    CHECK(env.container->log == "Shutting down, got signal: Terminated\n");
}

TEST_CASE("pause: -v prints the version; not PID 1 it warns") {
    container_env env(std::make_shared<images::pause>("3.9"));
    auto r = env.run({"/pause", "-v"});
    CHECK(r.exit_code == 0);
    CHECK(r.log == "pause.c v3.9\n");
    auto p = env.start({"/pause"}, false);  // pid 2
    p.proc->terminate();
    env.wait(p, 1s);
    CHECK(env.result(p).err == "Warning: pause should be the first process\nShutting down, got signal: Terminated\n");
}

TEST_CASE("busybox: the default shell exits 0 at once; core utilities are there") {
    container_env env(std::make_shared<images::busybox>());
    auto r = env.run(env.container->img->default_command());
    CHECK(r.exit_code == 0);
    CHECK(env.engine.now() == kubesim::sim::time_point{});
    CHECK(env.run({"sh", "-c", "echo $((1))"}, false).out == "$((1))\n");
    CHECK(env.run({"ls", "/nope"}, false).exit_code == 1);
}

TEST_CASE("busybox wget") {
    container_env env(std::make_shared<images::busybox>());
    add_web_server(env);

    SUBCASE("-qO- prints the body") {
        auto r = env.run({"wget", "-qO-", "http://web/"}, false);
        CHECK(r.exit_code == 0);
        CHECK(r.out == "hello from web\n");
        CHECK(r.err.empty());
        r = env.run({"wget", "-q", "-O", "-", "web"}, false);
        CHECK(r.out == "hello from web\n");
        r = env.run({"sh", "-c", "wget -qO- http://web.default.svc.cluster.local/ && echo ok"}, false);
        CHECK(r.out == "hello from web\nok\n");
    }
    SUBCASE("without -q it reports progress on stderr") {
        auto r = env.run({"wget", "-O-", "http://web/"}, false);
        CHECK(r.exit_code == 0);
        CHECK(r.out == "hello from web\n");
        CHECK(r.err.find("Connecting to web (10.244.3.5:80)\nwriting to stdout\n") == 0);
        CHECK(r.err.find("written to stdout\n") != std::string::npos);
    }
    SUBCASE("-O FILE writes the container filesystem") {
        auto r = env.run({"wget", "-q", "-O", "/tmp/page", "http://web/"}, false);
        CHECK(r.exit_code == 0);
        CHECK(env.container->files.read("/tmp/page") == std::string("hello from web\n"));
        r = env.run({"wget", "-q", "http://web/"}, false);
        CHECK(env.container->files.read("/index.html") == std::string("hello from web\n"));
    }
    SUBCASE("redirects are followed") {
        auto r = env.run({"wget", "-qO-", "http://web/moved"}, false);
        CHECK(r.exit_code == 0);
        CHECK(r.out == "hello from web\n");
    }
    SUBCASE("HTTP errors") {
        auto r = env.run({"wget", "-qO-", "http://web/missing"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.out.empty());
        CHECK(r.err == "wget: server returned error: HTTP/1.1 404 Not Found\n");
    }
    SUBCASE("connection refused, bad address, timeout") {
        auto r = env.run({"wget", "-qO-", "http://web:8080/"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "wget: can't connect to remote host (10.244.3.5): Connection refused\n");

        r = env.run({"wget", "-qO-", "http://nope/"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "wget: bad address 'nope'\n");

        const auto t0 = env.engine.now();
        r = env.run({"wget", "-T", "2", "-qO-", "http://web/slow"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err == "wget: download timed out\n");
        CHECK(env.engine.now() - t0 == 2s);
    }
}

TEST_CASE("busybox nslookup") {
    container_env env(std::make_shared<images::busybox>());
    add_web_server(env);
    auto r = env.run({"nslookup", "web"}, false);
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n"
          "Name:\tweb.default.svc.cluster.local\nAddress: 10.244.3.5\n\n");

    r = env.run({"nslookup", "nope"}, false);
    CHECK(r.exit_code == 1);
    CHECK(r.out == "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find nope: NXDOMAIN\n\n");

    env.container->files.write("/etc/resolv.conf", "search default.svc.cluster.local\nnameserver 10.0.0.10\noptions ndots:5\n");
    r = env.run({"nslookup", "web"}, false);
    CHECK(r.out.find("Server:\t\t10.0.0.10\nAddress:\t10.0.0.10:53\n") == 0);
}

TEST_CASE("http-echo answers every path with its text and logs each request") {
    container_env env(std::make_shared<images::http_echo>());
    env.engine.run_for(5s);
    auto p = env.start({"/http-echo", "-text=hello"});
    CHECK(env.container->log == "2025/01/01 00:00:05 [INFO] server is listening on :5678\n");

    auto resp = env.fetch("http://10.244.1.2:5678/anything");
    CHECK(resp.status == 200);
    CHECK(resp.body == "hello\n");
    CHECK(http::header(resp.headers, "X-App-Name") == std::string("http-echo"));
    CHECK(http::header(resp.headers, "X-App-Version") == std::string("1.0.0"));
    CHECK(env.container->log.find("2025/01/01 00:00:05 10.244.1.2:5678 - \"GET /anything HTTP/1.1\" 200 6 \"\" 0s\n") !=
          std::string::npos);

    resp = env.fetch("http://10.244.1.2:5678/health");
    CHECK(resp.status == 200);
    CHECK(resp.body == "{\"status\":\"ok\"}\n");

    CHECK_FALSE(p.done());
    p.proc->terminate();
    env.wait(p, 1s);
    REQUIRE(p.done());
    CHECK(*p.exit_code == 2);
    CHECK(env.container->log.find("[INFO] received interrupt, shutting down...\n") != std::string::npos);
    // The listener is gone with the process.
    CHECK(env.fetch("http://10.244.1.2:5678/").status == 0);
}

TEST_CASE("http-echo flags: -listen, -status-code, ECHO_TEXT, errors") {
    container_env env(std::make_shared<images::http_echo>());
    SUBCASE("-listen and -status-code") {
        auto p = env.start({"/http-echo", "-listen=:8080", "-status-code", "503", "-text", "down"});
        auto resp = env.fetch("http://10.244.1.2:8080/");
        CHECK(resp.status == 503);
        CHECK(resp.body == "down\n");
        CHECK(env.fetch("http://10.244.1.2:8080/health").status == 200);
        CHECK(env.fetch("http://10.244.1.2:5678/").status == 0);
    }
    SUBCASE("ECHO_TEXT") {
        env.set_env({{"ECHO_TEXT", "from env"}});
        auto p = env.start({"/http-echo"});
        CHECK(env.fetch("http://10.244.1.2:5678/").body == "from env\n");
    }
    SUBCASE("no text") {
        auto r = env.run({"/http-echo"});
        CHECK(r.exit_code == 127);
        CHECK(r.log == "Missing -text option or ECHO_TEXT env var!\n");
    }
    SUBCASE("too many arguments") {
        auto r = env.run({"/http-echo", "-text=x", "extra"});
        CHECK(r.exit_code == 127);
        CHECK(r.log == "Too many arguments!\n");
    }
    SUBCASE("unknown flag") {
        auto r = env.run({"/http-echo", "-nope"});
        CHECK(r.exit_code == 2);
        CHECK(r.log.find("flag provided but not defined: -nope\nUsage of /http-echo:\n") == 0);
    }
    SUBCASE("port taken") {
        auto first = env.start({"/http-echo", "-text=a"});
        auto r = env.run({"/http-echo", "-text=b"}, false);
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("[ERR] server exited with: listen tcp :5678: bind: address already in use\n") !=
              std::string::npos);
        CHECK(env.fetch("http://10.244.1.2:5678/").body == "a\n");
    }
}

TEST_CASE("agnhost netexec endpoints") {
    container_env env(std::make_shared<images::agnhost>());
    env.engine.run_for(3s);
    auto p = env.start({"/agnhost", "netexec", "--http-port=8080"});
    CHECK(env.container->log ==
          "2025/01/01 00:00:03 Started HTTP server on port 8080\n"
          "2025/01/01 00:00:03 Started UDP server on port  8081\n");

    auto resp = env.fetch("http://10.244.1.2:8080/echo?msg=hello%20there");
    CHECK(resp.status == 200);
    CHECK(resp.body == "hello there");
    CHECK(env.fetch("http://10.244.1.2:8080/echo?msg=teapot&code=418").status == 418);
    CHECK(env.fetch("http://10.244.1.2:8080/hostname").body == "test-pod");
    CHECK(env.fetch("http://10.244.1.2:8080/hostName").body == "test-pod");
    resp = env.fetch("http://10.244.1.2:8080/healthz");
    CHECK(resp.status == 200);
    CHECK(resp.body.empty());
    CHECK(env.fetch("http://10.244.1.2:8080/").body == "NOW: 2025-01-01 00:00:03 +0000 UTC");
    CHECK(env.fetch("http://10.244.1.2:8080/readyz").body == "NOW: 2025-01-01 00:00:03 +0000 UTC");
    CHECK(env.container->log.find("2025/01/01 00:00:03 GET /echo?msg=hello there&code=\n") != std::string::npos);

    SUBCASE("/shell runs sh -c and answers JSON") {
        resp = env.fetch("http://10.244.1.2:8080/shell?cmd=echo+%22a<b%22;hostname");
        CHECK(resp.status == 200);
        CHECK(resp.body == "{\"output\":\"a\\u003cb\\ntest-pod\\n\"}");
        resp = env.fetch("http://10.244.1.2:8080/shell?cmd=echo+out;exit+3");
        CHECK(resp.body == "{\"error\":\"exit status 3\",\"output\":\"out\\n\"}");
        resp = env.fetch("http://10.244.1.2:8080/shell?shellCommand=true");
        CHECK(resp.body == "{}");
        resp = env.fetch("http://10.244.1.2:8080/shell?cmd=nosuch");
        CHECK(resp.body == "{\"error\":\"exit status 127\",\"output\":\"nosuch: not found\\n\"}");
        // Logged as upstream does: the Go map of the result.
        CHECK(env.container->log.find("Output: map[output:a<b\ntest-pod\n]\n") != std::string::npos);
    }
    SUBCASE("/dial GETs another pod") {
        add_web_server(env);
        resp = env.fetch("http://10.244.1.2:8080/dial?host=web&port=80&request=x&tries=2");
        CHECK(resp.status == 200);
        CHECK(resp.body == "{\"responses\":[\"hello from web\\n\",\"hello from web\\n\"]}");
        resp = env.fetch("http://10.244.1.2:8080/dial?host=10.244.3.5&port=81&request=x");
        CHECK(resp.body ==
              "{\"errors\":[\"Get \\\"http://10.244.3.5:81/x\\\": dial tcp 10.244.3.5:81: connect: connection "
              "refused\"]}");
        CHECK(env.fetch("http://10.244.1.2:8080/dial?host=web&port=80").status == 400);
    }
    SUBCASE("/exit without a timeout: the client sees EOF, the process exits with the code") {
        resp = env.fetch("http://10.244.1.2:8080/exit?code=3");
        CHECK(resp.status == 0);
        CHECK(resp.error.find("EOF") != std::string::npos);
        env.wait(p, 1s);
        REQUIRE(p.done());
        CHECK(*p.exit_code == 3);
    }
    SUBCASE("/exit with a timeout answers first, then exits") {
        resp = env.fetch("http://10.244.1.2:8080/exit?code=4&timeout=1s&wait=2s");
        CHECK(resp.status == 200);
        env.wait(p, 1s);
        REQUIRE(p.done());
        CHECK(*p.exit_code == 4);
        CHECK(env.container->log.find("Will begin shutdown in 2s, allowing 1s for connections to close, then will "
                                      "exit with 4\n") != std::string::npos);
        CHECK(env.container->log.find("Graceful shutdown completed with: <nil>\n") != std::string::npos);
    }
    SUBCASE("SIGTERM: a Go program without a handler exits 2") {
        p.proc->terminate();
        env.wait(p, 1s);
        REQUIRE(p.done());
        CHECK(*p.exit_code == 2);
    }
}

TEST_CASE("agnhost netexec --udp-port=-1 is never ready") {
    container_env env(std::make_shared<images::agnhost>());
    auto p = env.start({"/agnhost", "netexec", "--http-port", "9000", "--udp-port=-1"});
    CHECK(env.fetch("http://10.244.1.2:9000/healthz").status == 412);
}

TEST_CASE("agnhost serve-hostname, pause, unknown subcommands") {
    container_env env(std::make_shared<images::agnhost>());
    SUBCASE("serve-hostname") {
        auto p = env.start({"/agnhost", "serve-hostname"});
        CHECK(env.fetch("http://10.244.1.2:9376/").body == "test-pod");
        p.proc->terminate();
        env.engine.run_for(59s);
        CHECK_FALSE(p.done());
        CHECK(env.container->log.find("Shutting down after receiving signal: terminated.\n") != std::string::npos);
        env.wait(p, 2s);
        REQUIRE(p.done());
        CHECK(*p.exit_code == 0);
    }
    SUBCASE("pause") {
        auto p = env.start({"/agnhost", "pause"});
        CHECK(env.container->log == "Paused\n");
        p.proc->terminate();
        env.wait(p, 1s);
        CHECK(*p.exit_code == 2);
    }
    SUBCASE("unknown") {
        auto r = env.run({"/agnhost", "frob"});
        CHECK(r.exit_code == 1);
        CHECK(r.log == "Error: unknown command \"frob\" for \"agnhost\"\nRun 'agnhost --help' for usage.\n");
    }
    SUBCASE("the shell is there too") {
        CHECK(env.run({"sh", "-c", "/agnhost frob || echo failed"}, false).out == "failed\n");
    }
}

TEST_CASE("hello-world serves its page on port 8000 and exits 0 on SIGTERM") {
    container_env env(std::make_shared<images::hello_world>());
    auto p = env.start(env.container->img->default_command());
    CHECK(env.container->log == "httpd started\n");
    auto resp = env.fetch("http://10.244.1.2:8000/");
    CHECK(resp.status == 200);
    CHECK(resp.body == std::string(images::hello_world::index_html));
    CHECK(resp.body.find("Hello World") != std::string::npos);
    CHECK(http::header(resp.headers, "Content-Type") == std::string("text/html"));
    CHECK(env.fetch("http://10.244.1.2:8000/index.html").status == 200);
    resp = env.fetch("http://10.244.1.2:8000/nope");
    CHECK(resp.status == 404);
    CHECK(resp.body.find("404 Not Found") != std::string::npos);
    // busybox inside: its files and applets
    CHECK(env.run({"cat", "/www/index.html"}, false).out == std::string(images::hello_world::index_html));
    p.proc->terminate();
    env.wait(p, 1s);
    REQUIRE(p.done());
    CHECK(*p.exit_code == 0);
}
