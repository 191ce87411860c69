// Definitions of images/builtin/busybox.hpp.
#pragma once

#include <kubesim/images/builtin/busybox.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <utility>

#include <kubesim/images/container.hpp>
#include <kubesim/images/core_utils.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/network/network.hpp>

namespace kubesim::images {

namespace busybox_applets {

bool parse_wget(const process_context& ctx, const std::vector<std::string>& a, wget_options& o) {
    auto seconds = [&](const std::string& v) {
        bool forever = false;
        auto d = core::parse_sleep(v, forever);
        if (!d || forever) {
            ctx.write_stderr("wget: invalid number '" + v + "'\n");
            return false;
        }
        o.timeout = *d;
        return true;
    };
    for (std::size_t i = 1; i < a.size(); ++i) {
        const std::string& s = a[i];
        if (s.size() > 2 && s[0] == '-' && s[1] == '-') {
            const auto eq = s.find('=');
            const std::string name = s.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            const bool has_value = eq != std::string::npos;
            auto value = [&]() -> std::optional<std::string> {
                if (has_value) return s.substr(eq + 1);
                if (i + 1 < a.size()) return a[++i];
                return std::nullopt;
            };
            if (name == "quiet") o.quiet = true;
            else if (name == "spider") o.spider = true;
            else if (name == "output-document" || name == "timeout" || name == "user-agent") {
                auto v = value();
                if (!v) {
                    ctx.write_stderr("wget: option '--" + name + "' requires an argument\n");
                    return false;
                }
                if (name == "output-document") o.output = *v;
                else if (name == "user-agent") o.user_agent = *v;
                else if (!seconds(*v)) return false;
            } else if (name != "server-response" && name != "no-check-certificate") {
                ctx.write_stderr("wget: unrecognized option '" + s + "'\n");
                return false;
            }
            continue;
        }
        if (s.size() < 2 || s[0] != '-') {
            o.url = s;
            continue;
        }
        for (std::size_t k = 1; k < s.size(); ++k) {
            const char c = s[k];
            if (c == 'q') o.quiet = true;
            else if (c == 's' || c == 'S') continue;
            else if (c == 'O' || c == 'T' || c == 'U') {
                std::string v = s.substr(k + 1);
                if (v.empty()) {
                    if (i + 1 >= a.size()) {
                        ctx.write_stderr(std::string("wget: option requires an argument -- '") + c + "'\n");
                        return false;
                    }
                    v = a[++i];
                }
                if (c == 'O') o.output = v;
                else if (c == 'U') o.user_agent = v;
                else if (!seconds(v)) return false;
                break;
            } else {
                ctx.write_stderr(std::string("wget: invalid option -- '") + c + "'\n");
                return false;
            }
        }
    }
    return true;
}

std::string progress_line(std::string_view file, std::size_t bytes) {
    std::string name(file.substr(0, 20));
    name.resize(20, ' ');
    std::string size = std::to_string(bytes);
    if (size.size() < 6) size.insert(0, 6 - size.size(), ' ');
    return name + "100% |" + std::string(32, '*') + "| " + size + "  0:00:00 ETA\n";
}

std::string authority_of(const std::string& url) {
    const auto begin = url.find("://") + 3;
    const auto end = url.find_first_of("/?", begin);
    return url.substr(begin, end == std::string::npos ? std::string::npos : end - begin);
}

sim::task<int> wget(process_context ctx, std::vector<std::string> argv) {
    wget_options o;
    if (!parse_wget(ctx, argv, o)) co_return 1;
    if (o.url.empty()) {
        ctx.write_stderr("Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n"
                         "\t[--post-data STR | --post-file FILE] [-Y on/off]\n"
                         "\t[-P DIR] [-U AGENT] [-T SEC] URL...\n");
        co_return 1;
    }
    std::string url = o.url;
    if (url.find("://") == std::string::npos) url = "http://" + url;
    http::response resp;
    for (int redirects = 0;; ++redirects) {
        std::string err;
        auto u = http::parse_url(url, err);
        if (!u) {
            ctx.write_stderr("wget: not an http or ftp url: " + url + "\n");
            co_return 1;
        }
        const std::string authority = authority_of(url);
        auto ans = ctx.resolve(u->host);
        if (!ans || ans->ips.empty()) {
            ctx.write_stderr("wget: bad address '" + authority + "'\n");
            co_return 1;
        }
        const std::string ip = net::format_ip(ans->ips.front());
        if (!o.quiet) ctx.write_stderr("Connecting to " + authority + " (" + ip + ":" + std::to_string(u->port) + ")\n");
        http::request req;
        req.headers.emplace("User-Agent", o.user_agent);
        if (o.spider) req.method = "HEAD";
        resp = co_await ctx.fetch(url, std::move(req), o.timeout.value_or(std::chrono::seconds(900)));
        if (resp.status == 0) {
            if (resp.error.find("Client.Timeout") != std::string::npos) {
                ctx.write_stderr("wget: download timed out\n");
            } else if (resp.error.find("connection refused") != std::string::npos) {
                ctx.write_stderr("wget: can't connect to remote host (" + ip + "): Connection refused\n");
            } else if (resp.error.find("no route to host") != std::string::npos) {
                ctx.write_stderr("wget: can't connect to remote host (" + ip + "): No route to host\n");
            } else {
                ctx.write_stderr("wget: error getting response: Connection reset by peer\n");
            }
            co_return 1;
        }
        const auto location = http::header(resp.headers, "Location");
        const bool redirect = resp.status == 301 || resp.status == 302 || resp.status == 303 ||
                              resp.status == 307 || resp.status == 308;
        if (!redirect || !location) break;
        if (redirects == 5) {
            ctx.write_stderr("wget: too many redirections\n");
            co_return 1;
        }
        url = location->find("://") != std::string::npos ? *location
              : (!location->empty() && (*location)[0] == '/') ? "http://" + authority + *location
                                                               : "http://" + authority + "/" + *location;
    }
    if (resp.status >= 400) {
        std::string line = "HTTP/1.1 " + std::to_string(resp.status);
        if (auto text = http::status_text(resp.status); !text.empty()) line += " " + std::string(text);
        ctx.write_stderr("wget: server returned error: " + line + "\n");
        co_return 1;
    }
    if (o.spider) {
        if (!o.quiet) ctx.write_stderr("remote file exists\n");
        co_return 0;
    }
    if (o.output && *o.output == "-") {
        if (!o.quiet) ctx.write_stderr("writing to stdout\n");
        ctx.write_stdout(resp.body);
        if (!o.quiet) ctx.write_stderr(progress_line("-", resp.body.size()) + "written to stdout\n");
        co_return 0;
    }
    std::string file = o.output.value_or("");
    if (file.empty()) {
        std::string path = url.substr(url.find("://") + 3);
        path = path.substr(0, path.find('?'));
        const auto slash = path.rfind('/');
        file = slash == std::string::npos || slash + 1 == path.size() ? "index.html" : path.substr(slash + 1);
        if (core::path_exists(ctx.files(), file)) {
            ctx.write_stderr("wget: can't open '" + file + "': File exists\n");
            co_return 1;
        }
    }
    if (!core::dir_exists(ctx.files(), core::parent_of(file))) {
        ctx.write_stderr("wget: can't open '" + file + "': No such file or directory\n");
        co_return 1;
    }
    if (!o.quiet) ctx.write_stderr("saving to '" + file + "'\n");
    ctx.files().write(file, resp.body);
    if (!o.quiet) ctx.write_stderr(progress_line(file, resp.body.size()) + "'" + file + "' saved\n");
    co_return 0;
}

std::string nameserver(const process_context& ctx) {
    if (auto conf = ctx.files().read("/etc/resolv.conf")) {
        std::size_t pos = 0;
        while (pos < conf->size()) {
            const auto end = std::min(conf->find('\n', pos), conf->size());
            std::string_view line(conf->data() + pos, end - pos);
            pos = end + 1;
            constexpr std::string_view key = "nameserver";
            if (line.compare(0, key.size(), key) != 0) continue;
            line.remove_prefix(key.size());
            while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
            while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
            if (!line.empty()) return std::string(line);
        }
    }
    if (auto env = ctx.env("KUBESIM_NAMESERVER"); env && !env->empty()) return *env;
    if (const auto& c = ctx.state()->container; c && !c->origin.dns.nameserver.empty()) return c->origin.dns.nameserver;
    return "10.96.0.10";
}

int nslookup(const process_context& ctx, const std::vector<std::string>& a) {
    std::vector<std::string> operands;
    for (std::size_t i = 1; i < a.size(); ++i)
        if (a[i].empty() || a[i][0] != '-') operands.push_back(a[i]);
    if (operands.empty()) {
        ctx.write_stderr("Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n");
        return 1;
    }
    const std::string server = operands.size() > 1 ? operands[1] : nameserver(ctx);
    std::string out = "Server:\t\t" + server + "\nAddress:\t" + server + ":53\n\n";
    const std::string& name = operands[0];
    auto ans = net::parse_ip(name) ? std::nullopt : ctx.resolve(name);
    if (!ans || ans->ips.empty()) {
        ctx.write_stdout(out + "** server can't find " + name + ": NXDOMAIN\n\n");
        return 1;
    }
    for (auto ip : ans->ips) out += "Name:\t" + ans->name + "\nAddress: " + net::format_ip(ip) + "\n";
    ctx.write_stdout(out + "\n");
    return 0;
}

}  // namespace busybox_applets

std::vector<std::string> busybox::default_command() const { return {"sh"}; }
std::vector<std::string> busybox::entrypoint() const { return {}; }

task<int> busybox::exec(process_context ctx, std::vector<std::string> argv) {
    const std::string_view name = argv.empty() ? std::string_view() : core::command_name(argv[0]);
    if (name == "wget") return busybox_applets::wget(std::move(ctx), std::move(argv));
    if (name == "nslookup") return nslookup(std::move(ctx), std::move(argv));
    return image::exec(std::move(ctx), std::move(argv));
}

task<int> busybox::nslookup(process_context ctx, std::vector<std::string> argv) {
    co_return busybox_applets::nslookup(ctx, argv);
}

}  // namespace kubesim::images
