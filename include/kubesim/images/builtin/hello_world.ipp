// Definitions of images/builtin/hello_world.hpp.
#pragma once

#include <kubesim/images/builtin/hello_world.hpp>

#include <exception>
#include <utility>

#include <kubesim/images/builtin/support.hpp>
#include <kubesim/images/core_utils.hpp>

namespace kubesim::images {

std::vector<std::string> hello_world::entrypoint() const { return {}; }
std::vector<std::string> hello_world::default_command() const {
    return {"/bin/sh", "-c", "echo \"httpd started\" && httpd -v -p 8000 -h /www -f"};
}

task<int> hello_world::exec(process_context ctx, std::vector<std::string> argv) {
    if (!seeded_) {  // the image's filesystem layer, once per container
        if (!ctx.files().exists("/www/index.html")) ctx.files().write("/www/index.html", std::string(index_html));
        seeded_ = true;
    }
    if (!argv.empty() && core::command_name(argv[0]) == "httpd") return httpd(std::move(ctx), std::move(argv));
    return busybox::exec(std::move(ctx), std::move(argv));
}

http::response hello_world::serve(const process_context& ctx, const std::string& home, const http::request& req) {
    const auto target = support::target_of(req);
    std::string path = target.path;
    if (!path.empty() && path.back() == '/') path += "index.html";
    const std::string file = container_files::normalize(home + "/" + path);
    if (ctx.files().is_dir(file)) path += "/index.html";
    if (auto text = ctx.files().read(container_files::normalize(home + "/" + path))) {
        const bool html = path.size() >= 5 && (path.compare(path.size() - 5, 5, ".html") == 0 ||
                                               path.compare(path.size() - 4, 4, ".htm") == 0);
        return support::text_response(200, *text, html ? "text/html" : "application/octet-stream");
    }
    return support::text_response(404,
                                   "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n"
                                   "<BODY><H1>404 Not Found</H1>\n"
                                   "The requested URL was not found\n"
                                   "</BODY></HTML>\n",
                                   "text/html");
}

task<int> hello_world::httpd(process_context ctx, std::vector<std::string> argv) {
    std::string home = "/", port_text = "80";
    for (std::size_t i = 1; i < argv.size(); ++i) {
        if ((argv[i] == "-p" || argv[i] == "-h") && i + 1 < argv.size()) {
            (argv[i] == "-p" ? port_text : home) = argv[i + 1];
            ++i;
        }
    }
    const auto colon = port_text.rfind(':');
    const auto port = support::parse_int(colon == std::string::npos ? port_text : port_text.substr(colon + 1));
    if (!port) {
        ctx.write_stderr("httpd: invalid number '" + port_text + "'\n");
        co_return 1;
    }
    try {
        ctx.listen_http(*port, [ctx, home](const http::request& req) { return serve(ctx, home, req); });
    } catch (const std::exception&) {
        ctx.write_stderr("httpd: bind: Address already in use\n");
        co_return 1;
    }
    (void)co_await ctx.wait_until_killed();
    co_return 0;
}

}  // namespace kubesim::images
