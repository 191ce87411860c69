// crccheck/hello-world: busybox serving one HTML page on port 8000. Models
// github.com/crccheck/docker-hello-world: its Dockerfile starts from busybox,
// adds /www/index.html (a "Hello World" with an ASCII-art whale) and runs
//   echo "httpd started" && trap "exit 0;" TERM INT; httpd -v -p $PORT -h /www -f & wait
// with PORT=8000. Here the command is the same minus the trap and background
// job, which the simulated shell has no need for: httpd itself exits 0 on
// SIGTERM, as the trap makes the real container do. Everything busybox has
// (wget, nslookup, the core utilities) is there too.
//
// httpd serves the container's files under its home directory: "/" and any
// path ending in "/" get index.html; a missing file gets busybox's 404 page.
// Not modelled: httpd's per-request log lines (-v), which name the client's
// address that the simulated network does not give a handler.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/images/builtin/busybox.hpp>
#include <kubesim/images/builtin/support.hpp>
#include <kubesim/images/core_utils.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/network/http.hpp>

namespace kubesim::images {

class hello_world : public busybox {
public:
    static constexpr std::string_view image_name = "crccheck/hello-world";
    static constexpr std::string_view image_version = "1.0";

    // The page of crccheck/docker-hello-world's index.html.
    static constexpr std::string_view index_html =
        "<pre>\n"
        "Hello World\n"
        "\n"
        "\n"
        "                                       ##         .\n"
        "                                 ## ## ##        ==\n"
        "                              ## ## ## ## ##    ===\n"
        "                           /\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\\___/ ===\n"
        "                      ~~~ {~~ ~~~~ ~~~ ~~~~ ~~ ~ /  ===- ~~~\n"
        "                           \\______ o          _,/\n"
        "                            \\      \\       _,'\n"
        "                             `'--.._\\..--''\n"
        "</pre>\n";

    [[nodiscard]] std::vector<std::string> default_command() const override {
        return {"/bin/sh", "-c", "echo \"httpd started\" && httpd -v -p 8000 -h /www -f"};
    }

    task<int> exec(process_context ctx, std::vector<std::string> argv) override {
        if (!seeded_) {  // the image's filesystem layer, once per container
            if (!ctx.files().exists("/www/index.html")) ctx.files().write("/www/index.html", std::string(index_html));
            seeded_ = true;
        }
        if (!argv.empty() && core::command_name(argv[0]) == "httpd") return httpd(std::move(ctx), std::move(argv));
        return busybox::exec(std::move(ctx), std::move(argv));
    }

private:
    static http::response serve(const process_context& ctx, const std::string& home, const http::request& req) {
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

    // httpd [-f] [-v] [-p PORT] [-h HOME]: serves HOME until SIGTERM, then exits 0.
    static task<int> httpd(process_context ctx, std::vector<std::string> argv) {
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

    bool seeded_{false};
};

}  // namespace kubesim::images
