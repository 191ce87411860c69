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

#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/builtin/busybox.hpp>
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

    [[nodiscard]] KUBESIM_DECL std::vector<std::string> default_command() const override;
    // No ENTRYPOINT: a Pod's args replace the CMD.
    [[nodiscard]] KUBESIM_DECL std::vector<std::string> entrypoint() const override;

    KUBESIM_DECL task<int> exec(process_context ctx, std::vector<std::string> argv) override;

private:
    KUBESIM_DECL static http::response serve(const process_context& ctx, const std::string& home,
                                             const http::request& req);

    // httpd [-f] [-v] [-p PORT] [-h HOME]: serves HOME until SIGTERM, then exits 0.
    KUBESIM_DECL static task<int> httpd(process_context ctx, std::vector<std::string> argv);

    bool seeded_{false};
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/builtin/hello_world.ipp>
#endif
