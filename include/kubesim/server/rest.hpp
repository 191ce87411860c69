// rest_api: the Kubernetes REST API of a cluster, as kube-apiserver serves it,
// independent of any transport. One request in, one response out: the HTTP
// front end (api_server.hpp) parses requests off sockets and writes these
// responses back; tests can call it directly.
//
// Served: /version, /healthz, /readyz, /livez; discovery (aggregated v2 and
// v2beta1, and the legacy APIVersions / APIGroupList / APIResourceList); the
// OpenAPI v3 index and documents and the v2 document; for every stored kind GET,
// LIST (label and field selectors, limit and continue, resourceVersion and
// resourceVersionMatch), WATCH (a body_stream), POST, PUT, PATCH (JSON patch,
// merge patch, strategic merge patch, server-side apply), DELETE and
// deletecollection; the subresources status, scale, binding, eviction and log;
// dryRun=All, fieldValidation and fieldManager; Table responses. POST and PUT
// bodies (and DeleteOptions) may be JSON or protobuf (api/json/protobuf.hpp);
// responses are JSON. Errors are metav1.Status objects with the apiserver's
// reason, code and message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>

namespace kubesim {
class cluster;
}  // namespace kubesim

namespace kubesim::server {

struct request {
    std::string method{};  // "GET", "POST", ...
    std::string target{};  // path and query, as on the request line
    std::string accept{};
    std::string content_type{};
    std::string user_agent{};
    std::string body{};
    // An in-process caller (kubectl in the library) takes JSON replies as
    // values: the response's `value` is set and `body` left empty.
    bool want_value{false};
    // With want_value: a list answers with its items as the stored objects
    // (response::objects) and a value holding the list without them.
    bool want_objects{false};
};

// A response body that goes on after the headers (watch, logs -f). The front
// end calls take() after every engine step and writes what it returns as one
// chunk; once finished() and nothing is left, it ends the body.
class body_stream {
public:
    virtual ~body_stream() = default;
    virtual std::string take() = 0;
    [[nodiscard]] virtual bool finished() const = 0;
    // The watch's timeoutSeconds: the front end ends the stream after this many
    // wall-clock seconds.
    [[nodiscard]] virtual std::optional<double> timeout_seconds() const { return std::nullopt; }
};

struct response {
    int status{200};
    std::string content_type{"application/json"};
    std::vector<std::pair<std::string, std::string>> headers{};  // e.g. Warning
    std::string body{};
    std::shared_ptr<body_stream> stream{};  // set: the body is streamed (chunked)
    // A JSON reply as a value (request.want_value), instead of its bytes in body.
    std::shared_ptr<const nlohmann::json> value{};
    // A list's items as the stored objects of the resource's kind
    // (request.want_objects), in the list's order.
    std::vector<std::shared_ptr<const void>> objects{};
};

// What a pods/exec request asks for, once checked.
struct exec_request {
    std::string namespace_{}, pod{}, container{};
    std::vector<std::string> command{};
    bool stdin_{false}, stdout_{true}, stderr_{true}, tty{false};
};

class rest_api {
public:
    KUBESIM_DECL explicit rest_api(cluster& c);
    KUBESIM_DECL ~rest_api();
    rest_api(const rest_api&) = delete;
    rest_api& operator=(const rest_api&) = delete;

    KUBESIM_DECL response handle(const request& req);

    // pods/exec: the request's parameters, or the error response (a Status)
    // when the pod or container cannot take it.
    KUBESIM_DECL std::optional<exec_request> parse_exec(const request& req, response& error);
    // The Status the exec channel 3 carries for an exit code (Success, or
    // NonZeroExitCode with the ExitCode cause).
    [[nodiscard]] KUBESIM_DECL static std::string exec_status(int exit_code);

    // Streams still open (watches, followed logs): for the 1,000-watch checks.
    [[nodiscard]] KUBESIM_DECL std::size_t open_streams() const;

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace kubesim::server

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/server/rest.ipp>
#endif
