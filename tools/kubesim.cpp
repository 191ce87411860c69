// kubesim: the command-line program. `kubesim serve` boots a cluster with the
// built-in images and serves the Kubernetes API over HTTP until SIGINT or
// SIGTERM, so that kubectl and other clients can use it.
#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/cluster.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/server.hpp>

namespace {

volatile std::sig_atomic_t stop_requested = 0;

extern "C" void on_signal(int) { stop_requested = 1; }

constexpr std::string_view usage_text =
    "Usage:\n"
    "  kubesim serve [--address A] [--port P] [--nodes N] [--seed S] [--speed X] [--kubeconfig FILE]\n"
    "                [--start now|epoch|TIME]\n"
    "\n"
    "Boots a simulated cluster and serves the Kubernetes API over HTTP until interrupted.\n"
    "\n"
    "Options:\n"
    "  --address A        address to listen on (default 127.0.0.1)\n"
    "  --port P           port to listen on; 0 picks a free one (default 0)\n"
    "  --nodes N          number of nodes, node-1 ... node-N (default 3)\n"
    "  --seed S           seed of all randomness (default 0)\n"
    "  --speed X          simulated seconds per wall-clock second; 0 stops the clock (default 1)\n"
    "  --kubeconfig FILE  kubeconfig to write (default ./kubesim.kubeconfig)\n"
    "  --start T          the simulated time the cluster boots at: now (the wall clock, so that ages\n"
    "                     kubectl computes itself, as in describe, read right), epoch\n"
    "                     (2025-01-01T00:00:00Z) or an RFC 3339 time (default now)\n";

int usage(std::string_view error) {
    if (!error.empty()) std::cerr << "kubesim: " << error << "\n\n";
    std::cerr << usage_text;
    return 2;
}

template <class T>
std::optional<T> number(const std::string& s) {
    try {
        std::size_t used = 0;
        T v;
        if constexpr (std::is_same_v<T, double>) v = std::stod(s, &used);
        else if constexpr (std::is_same_v<T, std::uint64_t>) v = std::stoull(s, &used);
        else v = static_cast<T>(std::stol(s, &used));
        if (used != s.size()) return std::nullopt;
        return v;
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

int serve(const std::vector<std::string>& args) {
    kubesim::cluster_options copts;
    kubesim::api_server_options sopts;
    std::string kubeconfig = "kubesim.kubeconfig";
    std::string start = "now";
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string flag = args[i], value;
        static const std::vector<std::string> known = {"--address", "--port", "--nodes", "--seed", "--speed",
                                                       "--kubeconfig", "--start"};
        const auto name = flag.substr(0, flag.find('='));
        if (flag == "-h" || flag == "--help") {
            std::cout << usage_text;
            return 0;
        }
        if (std::find(known.begin(), known.end(), name) == known.end()) return usage("unknown flag: " + name);
        if (auto eq = flag.find('='); eq != std::string::npos) {
            value = flag.substr(eq + 1);
            flag.resize(eq);
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return usage("flag needs an argument: " + flag);
        }
        if (flag == "--address") {
            sopts.address = value;
        } else if (flag == "--port") {
            auto p = number<int>(value);
            if (!p || *p < 0 || *p > 65535) return usage("invalid --port: " + value);
            sopts.port = *p;
        } else if (flag == "--nodes") {
            auto n = number<int>(value);
            if (!n || *n < 1 || *n > 5000) return usage("invalid --nodes: " + value + " (1 to 5000)");
            copts.nodes = *n;
        } else if (flag == "--seed") {
            auto s = number<std::uint64_t>(value);
            if (!s) return usage("invalid --seed: " + value);
            copts.seed = *s;
        } else if (flag == "--speed") {
            auto x = number<double>(value);
            if (!x || *x < 0) return usage("invalid --speed: " + value);
            sopts.speed = *x;
        } else if (flag == "--start") {
            if (value != "now" && value != "epoch" && !kubesim::sim::parse_rfc3339(value))
                return usage("invalid --start: " + value + " (now, epoch or an RFC 3339 time)");
            start = value;
        } else if (flag == "--kubeconfig") {
            if (value.empty()) return usage("invalid --kubeconfig: empty");
            kubeconfig = value;
        }
    }
    kubesim::cluster c(copts);
    // Nothing is scheduled before init(): moving the clock to the start time is free.
    kubesim::sim::time_point t0{};
    if (start == "now") {
        const auto unix_s = std::chrono::duration_cast<std::chrono::seconds>(
                                std::chrono::system_clock::now().time_since_epoch()).count();
        t0 += std::chrono::seconds(std::max<std::int64_t>(0, unix_s - kubesim::sim::epoch_unix_seconds));
    } else if (start != "epoch") {
        t0 = *kubesim::sim::parse_rfc3339(start);
    }
    if (t0 > c.now()) c.run_for(t0 - c.now());
    c.init();
    std::optional<kubesim::api_server> server;
    try {
        server.emplace(c, sopts);
        server->write_kubeconfig(kubeconfig);
    } catch (const kubesim::usage_error& e) {
        std::string what = e.what();
        if (auto p = what.find("] "); what.rfind("[kubesim", 0) == 0 && p != std::string::npos) what = what.substr(p + 2);
        std::cerr << "kubesim: " << what << "\n";
        return 1;
    }
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    std::cout << "kubesim: serving the Kubernetes API at " << server->url() << " (kubeconfig: " << kubeconfig << ")"
              << std::endl;
    while (!stop_requested) server->poll(std::chrono::milliseconds(100));
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) return usage("");
    if (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
        std::cout << usage_text;
        return 0;
    }
    if (args[0] != "serve") return usage("unknown command: " + args[0]);
    return serve({args.begin() + 1, args.end()});
}
