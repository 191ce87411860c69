// Definitions of network/http.hpp.
#pragma once

#include <kubesim/network/http.hpp>

namespace kubesim::http {

std::optional<std::string> header(const header_map& h, std::string_view name) {
    for (const auto& [k, v] : h) {
        if (k.size() != name.size()) continue;
        bool eq = true;
        for (std::size_t i = 0; i < k.size() && eq; ++i) {
            auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
            eq = lower(k[i]) == lower(name[i]);
        }
        if (eq) return v;
    }
    return std::nullopt;
}

std::optional<std::string> url::query_param(std::string_view name) const {
    std::string_view q = query;
    while (!q.empty()) {
        const auto amp = q.find('&');
        std::string_view kv = q.substr(0, amp);
        q = amp == std::string_view::npos ? std::string_view() : q.substr(amp + 1);
        const auto eq = kv.find('=');
        if (kv.substr(0, eq) != name) continue;
        return decode(eq == std::string_view::npos ? std::string_view() : kv.substr(eq + 1));
    }
    return std::nullopt;
}

std::string url::decode(std::string_view s) {
    std::string out;
    auto hex = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    };
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '+') {
            out += ' ';
        } else if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
            out += static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2]));
            i += 2;
        } else {
            out += s[i];
        }
    }
    return out;
}

std::optional<url> parse_url(std::string_view s, std::string& error) {
    url u;
    const auto colon = s.find("://");
    if (colon == std::string_view::npos) {
        error = "Get \"" + std::string(s) + "\": unsupported protocol scheme \"\"";
        return std::nullopt;
    }
    u.scheme = std::string(s.substr(0, colon));
    if (u.scheme != "http") {
        error = "Get \"" + std::string(s) + "\": unsupported protocol scheme \"" + u.scheme + "\"";
        return std::nullopt;
    }
    std::string_view rest = s.substr(colon + 3);
    const auto slash = rest.find_first_of("/?");
    std::string_view authority = rest.substr(0, slash);
    std::string_view path = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    if (authority.empty()) {
        error = "Get \"" + std::string(s) + "\": http: no Host in request URL";
        return std::nullopt;
    }
    if (const auto pc = authority.rfind(':'); pc != std::string_view::npos) {
        std::string_view p = authority.substr(pc + 1);
        std::int64_t port = 0;
        if (p.empty()) port = 80;
        for (char c : p) {
            if (c < '0' || c > '9' || port > 65535) {
                error = "parse \"" + std::string(s) + "\": invalid port \":" + std::string(p) + "\" after host";
                return std::nullopt;
            }
            port = port * 10 + (c - '0');
        }
        if (port > 65535) {
            error = "parse \"" + std::string(s) + "\": invalid port \":" + std::string(p) + "\" after host";
            return std::nullopt;
        }
        u.port = static_cast<std::int32_t>(port);
        authority = authority.substr(0, pc);
    }
    u.host = std::string(authority);
    if (path.empty() || path[0] == '?') u.path = "/" + std::string(path);
    else u.path = std::string(path);
    if (const auto q = u.path.find('?'); q != std::string::npos) u.query = u.path.substr(q + 1);
    return u;
}

std::string_view status_text(int code) {
    switch (code) {
        case 200: return "OK";
        case 201: return "Created";
        case 204: return "No Content";
        case 301: return "Moved Permanently";
        case 302: return "Found";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 408: return "Request Timeout";
        case 409: return "Conflict";
        case 418: return "I'm a teapot";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 502: return "Bad Gateway";
        case 503: return "Service Unavailable";
        case 504: return "Gateway Timeout";
        default: return "";
    }
}

}  // namespace kubesim::http
