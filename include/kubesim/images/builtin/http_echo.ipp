// Definitions of images/builtin/http_echo.hpp.
#pragma once

#include <kubesim/images/builtin/http_echo.hpp>

#include <exception>
#include <optional>
#include <utility>

#include <kubesim/images/builtin/support.hpp>
#include <kubesim/images/core_utils.hpp>

namespace kubesim::images {

struct http_echo::server {
    process_context ctx;
    std::string text;
    int status{200};
};

std::vector<std::string> http_echo::default_command() const { return {"/http-echo"}; }

task<int> http_echo::exec(process_context ctx, std::vector<std::string> argv) {
    if (argv.empty() || core::command_name(argv[0]) != "http-echo") return image::exec(std::move(ctx), std::move(argv));
    return run(std::move(ctx), std::move(argv));
}

std::string http_echo::usage(std::string_view argv0) {
    return "Usage of " + std::string(argv0) +
           ":\n"
           "  -listen string\n"
           "    \taddress and port to listen (default \":5678\")\n"
           "  -status-code int\n"
           "    \thttp response code, e.g.: 200 (default 200)\n"
           "  -text string\n"
           "    \ttext to put on the webpage\n"
           "  -version\n"
           "    \tdisplay version information\n";
}

http::response http_echo::with_app_headers(http::response r) {
    r.headers.emplace("X-App-Name", "http-echo");
    r.headers.emplace("X-App-Version", "1.0.0");
    return r;
}

http::response http_echo::serve(const std::shared_ptr<server>& s, const http::request& req) {
    const auto target = support::target_of(req);
    if (target.path == "/health") return with_app_headers(support::text_response(200, "{\"status\":\"ok\"}\n"));
    http::response r = with_app_headers(support::text_response(s->status, s->text + "\n"));
    std::string host = target.url.host;
    if (target.url.port != 80) host += ":" + std::to_string(target.url.port);
    const std::string path = target.path;
    s->ctx.write_stdout(support::go_log_time(s->ctx.now()) + " " + host + " - \"" + req.method + " " + path +
                        " HTTP/1.1\" " + std::to_string(s->status) + " " + std::to_string(r.body.size()) + " \"" +
                        http::header(req.headers, "User-Agent").value_or("") + "\" " +
                        support::go_duration(sim::duration{}) + "\n");
    return r;
}

task<int> http_echo::run(process_context ctx, std::vector<std::string> argv) {
    support::flag_parser flags;
    flags.known = {{"listen", false}, {"text", false}, {"status-code", false}, {"version", true}};
    if (!flags.parse(argv, 1, false)) {
        ctx.write_stderr(flags.error + "\n" + usage(argv[0]));
        co_return 2;
    }
    if (flags.get("version") == "true") {
        ctx.write_stdout("http-echo v1.0.0\n");
        co_return 0;
    }
    auto s = std::make_shared<server>(server{ctx, ctx.env("ECHO_TEXT").value_or(""), 200});
    if (auto code = flags.get("status-code")) {
        auto v = support::parse_int(*code);
        if (!v) {
            ctx.write_stderr("invalid value \"" + *code + "\" for flag -status-code: parse error\n" + usage(argv[0]));
            co_return 2;
        }
        s->status = *v;
    }
    if (auto t = flags.get("text"); t && !t->empty()) s->text = *t;
    if (s->text.empty()) {
        ctx.write_stderr("Missing -text option or ECHO_TEXT env var!\n");
        co_return 127;
    }
    if (!flags.positional.empty()) {
        ctx.write_stderr("Too many arguments!\n");
        co_return 127;
    }
    const std::string listen = flags.get("listen").value_or(":5678");
    support::shutdown_signal shutdown(ctx);
    support::go_log(ctx, "[INFO] server is listening on " + listen);
    const auto colon = listen.rfind(':');
    const auto port = colon == std::string::npos ? std::nullopt : support::parse_int(listen.substr(colon + 1));
    if (!port) {
        support::go_log(ctx, "[ERR] server exited with: listen tcp: address " + listen +
                                 (colon == std::string::npos ? ": missing port in address" : ": invalid port"));
        co_return 1;
    }
    try {
        ctx.listen_http(*port, [s](const http::request& req) { return serve(s, req); });
    } catch (const std::exception&) {
        support::go_log(ctx, "[ERR] server exited with: listen tcp " + listen + ": bind: address already in use");
        co_return 1;
    }
    (void)co_await shutdown.wait();
    support::go_log(ctx, "[INFO] received interrupt, shutting down...");
    co_return 2;
}

}  // namespace kubesim::images
