// registry.k8s.io/e2e-test-images/agnhost 2.40: Kubernetes' own test image, one
// Go binary with subcommands. Models kubernetes test/images/agnhost:
//
//   /agnhost netexec [--http-port=8080] [--udp-port=8081]
//       /            "NOW: <time>" (every path no route below matches)
//       /echo        ?msg=M[&code=C]   M with status C (default 200)
//       /hostname    the pod name (also /hostName)
//       /healthz     200 with an empty body while the UDP server runs
//                    (--udp-port=-1: 412, never ready)
//       /shell       ?cmd=C (or shellCommand=C): runs `sh -c C`, returns
//                    {"error":"exit status N","output":"..."} (each key only when set)
//       /dial        ?host=H&port=P&request=R[&tries=N]: GETs http://H:P/R from
//                    this pod, {"errors":[...],"responses":[...]}
//       /redirect    ?location=L[&code=C]: a redirect (302 by default)
//       /exit        ?code=C[&timeout=D][&wait=D]: exits with C; with a timeout
//                    it answers first (graceful), without one the client sees EOF
//       /shutdown    exits 0 at once (the client sees EOF)
//   /agnhost serve-hostname [--port=9376]   every path returns the pod name
//   /agnhost pause                          prints "Paused", waits
//
// Log lines go to stderr with Go's log prefix. Being Go programs without a
// SIGTERM handler, netexec and pause exit 2 on SIGTERM (the Go runtime
// re-raises the signal, which PID 1 ignores, then exits 2); serve-hostname
// handles SIGTERM, logs, and keeps serving for 60 s before exiting 0.
// Not modelled: UDP and SCTP servers, /clientip, /upload, TLS.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/builtin/support.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::images {

namespace agnhost_commands {

// time.Time.String() without the monotonic reading: "2025-01-01 00:00:05.25 +0000 UTC".
[[nodiscard]] KUBESIM_DECL std::string go_time(sim::time_point t);

struct netexec_state {
    process_context ctx;
    support::shutdown_signal shutdown;
    bool ready{true};
};

// http.Error: the text plus a newline, as text/plain with nosniff.
KUBESIM_DECL http::response http_error(int status, std::string text);

// Runs `sh -c cmd` as its own process of this container (exec.Command) and
// returns its combined output and exit code.
KUBESIM_DECL sim::task<std::pair<std::string, int>> run_shell(process_context ctx, std::string cmd);

KUBESIM_DECL sim::task<http::response> shell_handler(std::shared_ptr<netexec_state> s, http::url u);
KUBESIM_DECL sim::task<http::response> dial_handler(std::shared_ptr<netexec_state> s, http::url u);
KUBESIM_DECL sim::task<http::response> exit_handler(std::shared_ptr<netexec_state> s, http::url u);
KUBESIM_DECL sim::task<http::response> netexec_serve(std::shared_ptr<netexec_state> s, http::request req);

KUBESIM_DECL sim::task<int> netexec(process_context ctx, std::vector<std::string> argv);
KUBESIM_DECL sim::task<int> serve_hostname(process_context ctx, std::vector<std::string> argv);
KUBESIM_DECL sim::task<int> pause_command(process_context ctx);
KUBESIM_DECL void usage(const process_context& ctx);

}  // namespace agnhost_commands

class agnhost : public image {
public:
    static constexpr std::string_view image_name = "registry.k8s.io/e2e-test-images/agnhost";
    static constexpr std::string_view image_version = "2.40";

    [[nodiscard]] KUBESIM_DECL std::vector<std::string> default_command() const override;

    KUBESIM_DECL task<int> exec(process_context ctx, std::vector<std::string> argv) override;

private:
    KUBESIM_DECL static task<int> run(process_context ctx, std::vector<std::string> argv);
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/builtin/agnhost.ipp>
#endif
