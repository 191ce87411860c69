// api_server: the cluster behind the Kubernetes REST API over plain HTTP on a
// loopback address, so that unmodified clients (kubectl, client-go,
// @kubernetes/client-node) work against it. Built on Boost.Beast and Boost.Asio.
//
// Single-threaded: poll() serves what arrives and runs the cluster between
// requests, so the cluster stays one-threaded. The wall clock drives the
// simulated clock by `speed` (simulated seconds per wall second; 0 = the clock
// stands still, for tests: what is due at the current instant still runs).
// This folder is the only part of kubesim that reads a wall clock.
//
//   kubesim::cluster c;
//   c.init();
//   kubesim::api_server s(c, {.port = 8080});
//   s.write_kubeconfig("kubesim.kubeconfig");
//   s.run();   // until stop()
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include <kubesim/config.hpp>

namespace kubesim {

class cluster;

struct api_server_options {
    std::string address = "127.0.0.1";
    int port = 0;        // 0: pick a free port
    double speed = 1.0;  // simulated seconds per wall-clock second; 0 = the clock stands still
};

class api_server {
public:
    // Listens at once; a port that is taken or an address that cannot be bound
    // throws usage_error naming it.
    KUBESIM_DECL explicit api_server(cluster& c, api_server_options opts = {});
    KUBESIM_DECL ~api_server();
    api_server(const api_server&) = delete;
    api_server& operator=(const api_server&) = delete;

    [[nodiscard]] KUBESIM_DECL int port() const;
    [[nodiscard]] KUBESIM_DECL std::string url() const;  // "http://127.0.0.1:PORT"
    // A kubeconfig whose current context is this server (no credentials).
    KUBESIM_DECL void write_kubeconfig(const std::string& path) const;
    // Serves what arrives within max_wait and advances the clock by speed x
    // the wall time that passed.
    KUBESIM_DECL void poll(std::chrono::milliseconds max_wait);
    // poll until stop() (which a signal handler or another poll may call).
    KUBESIM_DECL void run();
    KUBESIM_DECL void stop();

    // Connections and streams now open (watches, followed logs): for tests.
    [[nodiscard]] KUBESIM_DECL std::size_t open_connections() const;
    [[nodiscard]] KUBESIM_DECL std::size_t open_streams() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/server/api_server.ipp>
#endif
