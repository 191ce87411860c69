// kubesim::http: the request and response that cross the simulated network,
// and the URL grammar fetch understands (http://host[:port][/path][?query]).
//
//   http::request req{.method = "POST", .url = "http://web/echo", .body = "hi"};
//   http::response r = cluster.fetch("http://node-1:31000");
//   if (r.status == 0) std::cerr << r.error;   // network failure, never an exception
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <kubesim/config.hpp>

namespace kubesim::http {

// Header names as written; an ordered multimap keeps repeated headers and a
// deterministic order.
using header_map = std::multimap<std::string, std::string>;

struct request {
    std::string method = "GET";
    std::string url{};
    header_map headers{};
    std::string body{};
};

struct response {
    int status{0};             // 0: the request never got an HTTP answer (see error)
    header_map headers{};
    std::string body{};
    std::string error{};       // why status is 0, in Go's net/http words
};

// The first value of a header, compared case-insensitively as HTTP does.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> header(const header_map& h, std::string_view name);

struct url {
    std::string scheme{};  // "http"
    std::string host{};    // name or dotted IPv4
    std::int32_t port{80};
    std::string path{"/"};  // with the query, if any
    std::string query{};    // after '?', without it

    // "msg" of "?msg=hi&x=1" -> "hi" (percent-decoding '+' and %XX).
    [[nodiscard]] KUBESIM_DECL std::optional<std::string> query_param(std::string_view name) const;

    static KUBESIM_DECL std::string decode(std::string_view s);
};

// Parses an absolute http URL. On failure returns nullopt and sets error to
// what Go's client says (`parse "x": ...` / `unsupported protocol scheme "ftp"`).
[[nodiscard]] KUBESIM_DECL std::optional<url> parse_url(std::string_view s, std::string& error);

// The reason phrase Go prints after the code ("200 OK").
[[nodiscard]] KUBESIM_DECL std::string_view status_text(int code);

}  // namespace kubesim::http

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/network/http.ipp>
#endif
