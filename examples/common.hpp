// What the numbered examples share: a timestamp prefix on simulated time, and a
// small web image. `hello` answers "hello from <name>" where name is the
// MESSAGE_NAME variable (or the pod name); GET /call?url=U fetches U from inside
// the pod and answers "<pod> called <U>; <body>".
#pragma once

#include <kubesim/kubesim.hpp>

#include <iostream>
#include <string>
#include <vector>

namespace examples {

inline std::string stamp(const kubesim::cluster& c) { return "[" + kubesim::sim::format_offset(c.now()) + "] "; }

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
