// hashicorp/http-echo 1.0: a tiny Go web server that answers every path with
// the same text. Models github.com/hashicorp/http-echo v1.0.0 (main.go,
// handlers.go):
//
//   /http-echo -text=hello [-listen=:5678] [-status-code=200]
//   GET /        -> status-code, "hello\n", headers X-App-Name / X-App-Version
//   GET /health  -> 200 {"status":"ok"}\n
//
// The text can also come from the ECHO_TEXT environment variable; without
// either it prints "Missing -text option or ECHO_TEXT env var!" and exits 127.
// Each request to / is logged on stdout in handlers.go's format (date, host,
// remote address, request line, status, length, user agent, duration); the
// simulated network does not tell a handler the client's address, so it is
// logged as "-". On SIGTERM it logs "[INFO] received interrupt, shutting
// down..." and exits 2, as upstream does ("it was an interrupt, so don't exit
// cleanly").
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/network/http.hpp>

namespace kubesim::images {

class http_echo : public image {
public:
    static constexpr std::string_view image_name = "hashicorp/http-echo";
    static constexpr std::string_view image_version = "1.0";

    [[nodiscard]] KUBESIM_DECL std::vector<std::string> default_command() const override;

    KUBESIM_DECL task<int> exec(process_context ctx, std::vector<std::string> argv) override;

private:
    struct server;

    KUBESIM_DECL static std::string usage(std::string_view argv0);
    KUBESIM_DECL static http::response with_app_headers(http::response r);
    KUBESIM_DECL static http::response serve(const std::shared_ptr<server>& s, const http::request& req);
    KUBESIM_DECL static task<int> run(process_context ctx, std::vector<std::string> argv);
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/builtin/http_echo.ipp>
#endif
