// Test harness for images: one container instance on a simulated network,
// processes started through the container runtime (images::process), and
// fetches from another pod. Everything runs on one engine.
//
//   fixture::container_env env(std::make_shared<kubesim::images::busybox>());
//   auto r = env.run({"sh", "-c", "echo hi && false"});
//   CHECK(r.exit_code == 1);
//   CHECK(r.log == "hi\n");
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <kubesim/images/container.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/images/runtime.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/engine.hpp>

namespace fixture {

struct process_result {
    int exit_code{-1};
    std::string log{};  // the container log (main process) or stdout+stderr (exec'd one)
    std::string out{};  // an exec'd process's stdout
    std::string err{};  // an exec'd process's stderr
};

struct container_env {
    kubesim::sim::engine engine;
    kubesim::net::network network{engine};
    std::shared_ptr<kubesim::images::container_instance> container;
    // Another pod, on another node, for requests into this one.
    kubesim::net::origin client{"node-2", *kubesim::net::parse_ip("10.244.2.9"), {}, false};

    explicit container_env(std::shared_ptr<kubesim::image> img = std::make_shared<kubesim::image>(),
                           std::string pod_ip = "10.244.1.2") {
        container = std::make_shared<kubesim::images::container_instance>();
        container->pod_name = "test-pod";
        container->namespace_name = "default";
        container->pod_uid = "uid-1";
        container->pod_ip = pod_ip;
        container->node_name = "node-1";
        container->container_name = "app";
        container->img = std::move(img);
        container->network = &network;
        const auto ip = *kubesim::net::parse_ip(pod_ip);
        container->origin.node = "node-1";
        container->origin.ip = ip;
        container->origin.dns.searches = {"default.svc.cluster.local", "svc.cluster.local", "cluster.local"};
        container->origin.dns.nameserver = "10.96.0.10";
        network.add_host(ip, "node-1");
        network.add_host(client.ip, "node-2");
        client.dns = container->origin.dns;
    }

    void set_env(std::vector<std::pair<std::string, std::string>> env) { container->env.own = std::move(env); }

    // Cluster DNS answering these fully qualified names.
    void set_dns(std::map<std::string, std::string> names) {
        network.set_cluster_resolver([names](std::string_view fqdn) -> std::optional<kubesim::net::dns_answer> {
            auto it = names.find(std::string(fqdn));
            if (it == names.end()) return std::nullopt;
            return kubesim::net::dns_answer{it->first, {*kubesim::net::parse_ip(it->second)}};
        });
    }

    // A running process; exit_code is set when it ends.
    struct running {
        std::unique_ptr<kubesim::images::process> proc;
        std::shared_ptr<std::optional<int>> exit_code = std::make_shared<std::optional<int>>();
        [[nodiscard]] bool done() const { return exit_code->has_value(); }
    };

    running start(std::vector<std::string> argv, bool main = true) {
        running r;
        auto code = r.exit_code;
        r.proc = std::make_unique<kubesim::images::process>(container, std::move(argv), main,
                                                             [code](int c) { *code = c; });
        engine.run_due();
        return r;
    }

    // Runs the engine until the process ends (or timeout of simulated time).
    bool wait(running& r, kubesim::sim::duration timeout = std::chrono::hours(1)) {
        return engine.run_until([&] { return r.done(); }, timeout);
    }

    process_result result(const running& r) const {
        process_result out;
        out.exit_code = r.exit_code->value_or(-1);
        const auto& st = r.proc->state();
        out.out = st->out;
        out.err = st->err;
        out.log = st->main ? container->log : st->out + st->err;
        return out;
    }

    // Runs argv to its end: the main process by default, else an exec'd one.
    process_result run(std::vector<std::string> argv, bool main = true,
                       kubesim::sim::duration timeout = std::chrono::hours(1)) {
        auto r = start(std::move(argv), main);
        wait(r, timeout);
        return result(r);
    }

    // GET url from the client pod; drives the engine until the answer.
    kubesim::http::response fetch(std::string url, kubesim::sim::duration timeout = {}) {
        auto slot = std::make_shared<std::optional<kubesim::http::response>>();
        kubesim::http::request req;
        req.url = std::move(url);
        auto t = kubesim::sim::start(engine, get(&network, client, std::move(req), timeout, slot));
        engine.run_until([&] { return slot->has_value(); }, std::chrono::hours(1));
        return slot->value_or(kubesim::http::response{});
    }

private:
    static kubesim::sim::task<void> get(kubesim::net::network* net, kubesim::net::origin from, kubesim::http::request req,
                                        kubesim::sim::duration timeout,
                                        std::shared_ptr<std::optional<kubesim::http::response>> slot) {
        *slot = co_await net->fetch(std::move(from), std::move(req), timeout);
    }
};

}  // namespace fixture
