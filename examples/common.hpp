// What the numbered examples share: a timestamp prefix on simulated time, a
// terminal-like rendering of kubectl commands and of curl from outside the
// cluster, and a small web image. `hello` answers "hello from <name>" where name is the
// MESSAGE_NAME variable (or the pod name); GET /call?url=U fetches U from inside
// the pod and answers "<pod> called <U>; <body>".
#pragma once

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

namespace examples {

inline std::string stamp(const kubesim::cluster& c) { return "[" + kubesim::sim::format_offset(c.now()) + "] "; }

// Runs `kubectl LINE` and prints it as a terminal session shows it: the prompt
// stamped with the simulated time the command was typed at (commands that wait,
// such as rollout status, move the clock while they run), then kubectl's stdout
// and stderr verbatim. stdin_text is shown as a here-document, the way one pipes
// a manifest into `kubectl apply -f -`.
inline kubesim::kubectl_result kubectl(kubesim::cluster& c, std::string_view line, std::string_view stdin_text = {}) {
    std::cout << stamp(c) << "$ kubectl " << line;
    if (!stdin_text.empty()) {
        // Raw string manifests start with a newline after R"( ; a here-document does not.
        if (stdin_text.front() == '\n') stdin_text.remove_prefix(1);
        std::cout << " <<EOF\n" << stdin_text << (stdin_text.ends_with('\n') ? "" : "\n") << "EOF";
    }
    std::cout << "\n";
    auto r = c.kubectl(line, stdin_text);
    std::cout << r.out << r.err;
    return r;
}

// `curl URL` from outside the cluster (cluster.fetch enters at node-1): prints
// the body, or the failure when no answer came. The shell prompt is stamped
// like kubectl's.
inline kubesim::http::response curl(kubesim::cluster& c, const std::string& url,
                                    kubesim::sim::duration timeout = std::chrono::seconds(30)) {
    std::cout << stamp(c) << "$ curl " << url << "\n";
    auto r = c.fetch(url, {}, timeout);
    if (r.status == 0)
        std::cout << "curl: " << r.error << "\n";
    else
        std::cout << r.body << (r.body.ends_with('\n') ? "" : "\n");
    return r;
}

class hello_image : public kubesim::image {
public:
    static constexpr std::string_view image_name = "example/hello";
    static constexpr std::string_view image_version = "1.0";

    std::vector<std::string> default_command() const override { return {"hello"}; }

    kubesim::task<int> exec(kubesim::process_context ctx, std::vector<std::string> argv) override {
        if (argv.empty() || argv[0] != "hello") co_return co_await image::exec(ctx, std::move(argv));
        ctx.listen_http(8080, [ctx](kubesim::http::request req) -> kubesim::task<kubesim::http::response> {
            std::string err;
            auto url = kubesim::http::parse_url(req.url, err);
            if (url && url->path.rfind("/call", 0) == 0) {
                const std::string target = url->query_param("url").value_or("");
                auto r = co_await ctx.fetch(target);
                if (r.status == 0) co_return kubesim::http::response{.status = 502, .body = r.error + "\n"};
                co_return kubesim::http::response{.status = 200,
                                                  .body = std::string(ctx.pod_name()) + " called " + target + "; " + r.body};
            }
            const std::string name = ctx.env("MESSAGE_NAME").value_or(std::string(ctx.pod_name()));
            co_return kubesim::http::response{.status = 200, .body = "hello from " + name + "\n"};
        });
        co_return co_await ctx.wait_until_killed();
    }
};

}  // namespace examples
