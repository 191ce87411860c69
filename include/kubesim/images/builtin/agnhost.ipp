// Definitions of images/builtin/agnhost.hpp.
#pragma once

#include <kubesim/images/builtin/agnhost.hpp>

#include <chrono>
#include <exception>
#include <optional>
#include <stdexcept>

#include <kubesim/api/field.hpp>
#include <kubesim/images/container.hpp>
#include <kubesim/images/core_utils.hpp>
#include <kubesim/network/network.hpp>

namespace kubesim::images {

namespace agnhost_commands {

std::string go_time(sim::time_point t) {
    std::string s = sim::to_rfc3339(t, true);  // 2025-01-01T00:00:05.250000Z
    s.pop_back();
    s[10] = ' ';
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s + " +0000 UTC";
}

http::response http_error(int status, std::string text) {
    auto r = support::text_response(status, std::move(text) + "\n");
    r.headers.emplace("X-Content-Type-Options", "nosniff");
    return r;
}

sim::task<std::pair<std::string, int>> run_shell(process_context ctx, std::string cmd) {
    const auto& container = ctx.state()->container;
    auto proc = std::make_shared<process_state>();
    proc->container = container;
    proc->pid = container->next_pid++;
    process_context sub(proc);
    int code = 0;
    std::string failure;
    std::vector<std::string> argv;  // not a braced list inside co_await: g++ 12 rejects it
    argv.emplace_back("sh");
    argv.emplace_back("-c");
    argv.push_back(std::move(cmd));
    try {
        code = co_await sub.run(std::move(argv));
    } catch (const std::exception& e) {
        failure = e.what();
        code = 1;
    }
    std::string output = proc->out + proc->err;
    if (!failure.empty()) output += failure + "\n";
    proc->close_listeners();
    co_return std::make_pair(std::move(output), code);
}

sim::task<http::response> shell_handler(std::shared_ptr<netexec_state> s, http::url u) {
    std::string cmd = u.query_param("shellCommand").value_or("");
    if (cmd.empty()) cmd = u.query_param("cmd").value_or("");
    support::go_log(s->ctx, "GET /shell?cmd=" + cmd);
    auto [output, code] = co_await run_shell(s->ctx, cmd);
    std::string json = "{", shown = "map[";
    if (code != 0) {
        json += "\"error\":" + support::json_quote("exit status " + std::to_string(code));
        shown += "error:exit status " + std::to_string(code);
    }
    if (!output.empty()) {
        json += std::string(code != 0 ? "," : "") + "\"output\":" + support::json_quote(output);
        shown += std::string(code != 0 ? " " : "") + "output:" + output;
    }
    support::go_log(s->ctx, "Output: " + shown + "]");
    co_return support::text_response(200, json + "}");
}

sim::task<http::response> dial_handler(std::shared_ptr<netexec_state> s, http::url u) {
    const std::string host = u.query_param("host").value_or(""), port = u.query_param("port").value_or("");
    const std::string request = u.query_param("request").value_or(""), protocol = u.query_param("protocol").value_or("");
    const std::string tries_text = u.query_param("tries").value_or("");
    support::go_log(s->ctx, "GET /dial?host=" + host + "&protocol=" + protocol + "&port=" + port + "&request=" +
                                request + "&tries=" + tries_text);
    int tries = 1;
    if (!tries_text.empty()) {
        auto t = support::parse_int(tries_text);
        if (!t)
            co_return http_error(400, "tries parameter is invalid. strconv.Atoi: parsing \"" + tries_text +
                                          "\": invalid syntax");
        tries = *t;
    }
    if (request.empty()) co_return http_error(400, "request parameter not specified. <nil>");
    if (!protocol.empty() && protocol != "http" && protocol != "HTTP")
        co_return http_error(400, "unsupported protocol. " + protocol);
    auto ans = s->ctx.resolve(host);
    const auto port_number = support::parse_int(port);
    if (!ans || ans->ips.empty() || !port_number)
        co_return http_error(400, "host and/or port param are invalid. " +
                                      (!port_number ? "address " + host + ":" + port + ": invalid port"
                                                    : "lookup " + host + ": no such host"));
    const std::string url = "http://" + net::format_ip(ans->ips.front()) + ":" + port + "/" + request;
    std::vector<std::string> errors, responses;
    std::string last;
    for (int i = 0; i < tries; ++i) {
        http::request get;  // a named request: g++ 12 mishandles temporaries inside co_await
        auto r = co_await s->ctx.fetch(url, std::move(get), std::chrono::seconds(5));
        if (r.status == 0) {
            errors.push_back(r.error);
            last.clear();
        } else {
            responses.push_back(r.body);
            last = r.body;
        }
    }
    // No local lambda: outside an inline function its type has no linkage, and
    // g++ warns about a coroutine frame holding it (-Wsubobject-linkage).
    std::string json = "{";
    if (!errors.empty()) json += "\"errors\":" + api::field::json_string_list(errors, false);
    if (!last.empty())
        json += std::string(errors.empty() ? "" : ",") + "\"responses\":" + api::field::json_string_list(responses, false);
    co_return support::text_response(200, json + "}");
}

sim::task<http::response> exit_handler(std::shared_ptr<netexec_state> s, http::url u) {
    const std::string wait_text = u.query_param("wait").value_or("");
    const std::string timeout_text = u.query_param("timeout").value_or("");
    const std::string code_text = u.query_param("code").value_or("");
    support::go_log(s->ctx, "GET /exit?code=" + code_text + "&timeout=" + timeout_text + "&wait=" + wait_text);
    const auto timeout = timeout_text.empty() ? std::optional<sim::duration>(sim::duration{})
                                              : support::parse_go_duration(timeout_text);
    if (!timeout)
        co_return support::text_response(200, "argument 'timeout' must be a valid golang duration or empty, got \"" +
                                                  timeout_text + "\"\n");
    const auto wait = wait_text.empty() ? std::optional<sim::duration>(sim::duration{})
                                        : support::parse_go_duration(wait_text);
    if (!wait)
        co_return support::text_response(200, "argument 'wait' must be a valid golang duration or empty, got \"" +
                                                  wait_text + "\"\n");
    const auto code = code_text.empty() ? std::optional<int>(0) : support::parse_int(code_text);
    if (!code)
        co_return support::text_response(200, "argument 'code' must be an integer [0-127] or empty, got \"" +
                                                  code_text + "\"\n");
    support::go_log(s->ctx, "Will begin shutdown in " + support::go_duration(*wait) + ", allowing " +
                                support::go_duration(*timeout) + " for connections to close, then will exit with " +
                                std::to_string(*code));
    if (wait->count() > 0) co_await s->ctx.sleep(*wait);
    const bool graceful = timeout->count() > 0;
    s->shutdown.request_exit(*code & 0xff, graceful);
    // os.Exit inside the handler: the connection dies without an answer.
    if (!graceful) throw std::runtime_error("os.Exit");
    co_return support::text_response(200, "");
}

sim::task<http::response> netexec_serve(std::shared_ptr<netexec_state> s, http::request req) {
    const auto target = support::target_of(req);
    const std::string& path = target.path;
    const http::url& u = target.url;
    const auto& ctx = s->ctx;
    if (path == "/echo") {
        const std::string msg = u.query_param("msg").value_or(""), code = u.query_param("code").value_or("");
        support::go_log(ctx, "GET /echo?msg=" + msg + "&code=" + code);
        int status = 200;
        if (!code.empty()) {
            auto c = support::parse_int(code);
            if (!c) co_return support::text_response(200, "argument 'code' must be an integer or empty, got \"" + code + "\"\n");
            status = *c;
        }
        co_return support::text_response(status, msg);
    }
    if (path == "/hostname" || path == "/hostName") {
        support::go_log(ctx, "GET " + path);
        co_return support::text_response(200, std::string(ctx.pod_name()));
    }
    if (path == "/healthz") {
        support::go_log(ctx, "GET /healthz");
        co_return support::text_response(s->ready ? 200 : 412, "");
    }
    if (path == "/shell") co_return co_await shell_handler(s, u);
    if (path == "/dial") co_return co_await dial_handler(s, u);
    if (path == "/exit") co_return co_await exit_handler(s, u);
    if (path == "/shutdown") {
        support::go_log(ctx, "GET /shutdown");
        s->shutdown.request_exit(0, false);
        throw std::runtime_error("os.Exit");
    }
    if (path == "/redirect") {
        const std::string location = u.query_param("location").value_or(""), code = u.query_param("code").value_or("");
        support::go_log(ctx, req.method + " /redirect?msg=" + location + "&code=" + code);
        int status = 302;
        if (!code.empty()) {
            auto c = support::parse_int(code);
            if (!c) co_return support::text_response(200, "argument 'code' must be an integer or empty, got \"" + code + "\"\n");
            status = *c;
        }
        auto r = support::text_response(status, "", "text/html; charset=utf-8");
        r.headers.emplace("Location", location);
        if (req.method == "GET" || req.method == "HEAD")
            r.body = "<a href=\"" + location + "\">" + std::string(http::status_text(status)) + "</a>.\n\n";
        co_return r;
    }
    support::go_log(ctx, "GET /");
    co_return support::text_response(200, "NOW: " + go_time(ctx.now()));
}

sim::task<int> netexec(process_context ctx, std::vector<std::string> argv) {
    support::flag_parser flags;
    flags.known = {{"http-port", false},     {"udp-port", false},      {"sctp-port", false},
                   {"tls-cert-file", false}, {"tls-private-key-file", false}, {"http-override", false},
                   {"udp-listen-addresses", false}};
    if (!flags.parse(argv, 2, true)) {
        ctx.write_stderr("Error: unknown flag: " + flags.error.substr(flags.error.rfind(' ') + 1) + "\n");
        co_return 1;
    }
    if (!flags.positional.empty()) {
        ctx.write_stderr("Error: accepts at most 0 arg(s), received " + std::to_string(flags.positional.size()) + "\n");
        co_return 1;
    }
    const auto port = support::parse_int(flags.get("http-port").value_or("8080"));
    const auto udp = support::parse_int(flags.get("udp-port").value_or("8081"));
    if (!port || !udp) {
        ctx.write_stderr("Error: invalid argument for a port flag\n");
        co_return 1;
    }
    auto s = std::make_shared<netexec_state>(netexec_state{ctx, support::shutdown_signal(ctx), *udp != -1});
    support::go_log(ctx, "Started HTTP server on port " + std::to_string(*port));
    if (*udp != -1) support::go_log(ctx, "Started UDP server on port  " + std::to_string(*udp));
    ctx.listen_http(*port, [s](http::request req) { return netexec_serve(s, std::move(req)); });
    const auto why = co_await s->shutdown.wait();
    if (why.sigterm) co_return 2;
    if (why.graceful) support::go_log(ctx, "Graceful shutdown completed with: <nil>");
    co_return why.code;
}

sim::task<int> serve_hostname(process_context ctx, std::vector<std::string> argv) {
    support::flag_parser flags;
    flags.known = {{"port", false}, {"http", true}, {"tcp", true}, {"udp", true}, {"close", true}};
    if (!flags.parse(argv, 2, true)) {
        ctx.write_stderr("Error: unknown flag: " + flags.error.substr(flags.error.rfind(' ') + 1) + "\n");
        co_return 1;
    }
    const bool http_mode = flags.get("http").value_or("true") == "true";
    if (http_mode && (flags.get("tcp") == "true" || flags.get("udp") == "true")) {
        support::go_log(ctx, "Can't server TCP/UDP mode and HTTP mode at the same time");
        co_return 1;
    }
    const auto port = support::parse_int(flags.get("port").value_or("9376"));
    if (!port) {
        ctx.write_stderr("Error: invalid argument for \"--port\" flag\n");
        co_return 1;
    }
    const std::string hostname(ctx.pod_name());
    if (http_mode)
        ctx.listen_http(*port, [hostname](const http::request&) { return support::text_response(200, hostname); });
    support::go_log(ctx, "Serving on port " + std::to_string(*port) + ".");
    (void)co_await ctx.wait_until_killed();
    support::go_log(ctx, "Shutting down after receiving signal: terminated.");
    support::go_log(ctx, "Awaiting pod deletion.");
    co_await ctx.sleep(std::chrono::seconds(60));
    co_return 0;
}

sim::task<int> pause_command(process_context ctx) {
    ctx.write_stdout("Paused\n");
    (void)co_await ctx.wait_until_killed();
    co_return 2;
}

void usage(const process_context& ctx) {
    ctx.write_stdout(
        "Usage:\n"
        "  agnhost [command]\n"
        "\n"
        "Available Commands:\n"
        "  help           Help about any command\n"
        "  netexec        Creates HTTP(S), UDP, and (optionally) SCTP servers with various endpoints\n"
        "  pause          Pauses the execution\n"
        "  serve-hostname Serves the hostname\n"
        "\n"
        "Use \"agnhost [command] --help\" for more information about a command.\n");
}

}  // namespace agnhost_commands

std::vector<std::string> agnhost::default_command() const { return {"/agnhost"}; }

task<int> agnhost::exec(process_context ctx, std::vector<std::string> argv) {
    if (argv.empty() || core::command_name(argv[0]) != "agnhost") return image::exec(std::move(ctx), std::move(argv));
    return run(std::move(ctx), std::move(argv));
}

task<int> agnhost::run(process_context ctx, std::vector<std::string> argv) {
    namespace cmds = agnhost_commands;
    const std::string sub = argv.size() > 1 ? argv[1] : std::string();
    if (sub.empty() || sub == "help" || sub == "--help" || sub == "-h") {
        cmds::usage(ctx);
        co_return 0;
    }
    if (sub == "netexec") co_return co_await cmds::netexec(ctx, std::move(argv));
    if (sub == "serve-hostname") co_return co_await cmds::serve_hostname(ctx, std::move(argv));
    if (sub == "pause") co_return co_await cmds::pause_command(ctx);
    ctx.write_stderr("Error: unknown command \"" + sub + "\" for \"agnhost\"\nRun 'agnhost --help' for usage.\n");
    co_return 1;
}

}  // namespace kubesim::images
