// Helpers the built-in images share: what Go programs print (the log package's
// timestamp, time.Duration, encoding/json strings), flag parsing in the style
// of Go's flag and spf13/pflag packages, the request path of an http::request,
// and shutdown_signal, which lets a server end its process either on SIGTERM or
// from a request handler (agnhost's /exit).
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/field.hpp>
#include <kubesim/config.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/network/http.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::sim {
template <class T>
class oneshot;
}  // namespace kubesim::sim

namespace kubesim::images::support {

// Go's log package prefix ("2006/01/02 15:04:05 ") on the simulation clock.
[[nodiscard]] KUBESIM_DECL std::string go_log_time(sim::time_point t);

// log.Printf: the line goes to stderr with the date and time in front.
KUBESIM_DECL void go_log(const process_context& ctx, std::string_view msg);

// time.Duration.String(): see sim::go_duration.
using sim::go_duration;

// time.ParseDuration for the units a manifest uses: "300ms", "1.5s", "2m", "1h30m".
[[nodiscard]] KUBESIM_DECL std::optional<sim::duration> parse_go_duration(std::string_view s);

// encoding/json's string encoding (HTML-safe): api::field::json_quote.
using api::field::json_quote;

// The path of a request without its query ("/echo" of "http://x:8080/echo?msg=1"),
// and the parsed URL for query parameters.
struct request_target {
    std::string path{"/"};
    http::url url{};
};
[[nodiscard]] KUBESIM_DECL request_target target_of(const http::request& req);

// A text response as Go's net/http writes one (Content-Type sniffed as text).
[[nodiscard]] KUBESIM_DECL http::response text_response(int status, std::string body,
                                                        std::string content_type = "text/plain; charset=utf-8");

// One command-line flag as Go's flag / pflag parse it: "-name=value",
// "--name=value", "-name value" (not for booleans), "-name" (booleans).
struct flag_parser {
    struct spec {
        std::string name;
        bool boolean{false};
    };
    std::vector<spec> known{};
    std::vector<std::pair<std::string, std::string>> values{};  // in order
    std::vector<std::string> positional{};
    std::string error{};  // "flag provided but not defined: -x" / "flag needs an argument: -x"

    // Parses args[first...]; stops at the first non-flag argument (Go's flag) or
    // collects positional arguments and keeps going (pflag: interspersed).
    KUBESIM_DECL bool parse(const std::vector<std::string>& args, std::size_t first, bool interspersed);
    [[nodiscard]] KUBESIM_DECL std::optional<std::string> get(std::string_view name) const;
};

// strconv.Atoi for flag values: nullopt unless the whole text is a number.
[[nodiscard]] KUBESIM_DECL std::optional<int> parse_int(std::string_view s);

// What ends a server process: SIGTERM, or an exit a request handler asks for.
// A cheap handle: copies share one slot, so a handler can keep one after the
// process frame that made it is gone.
class shutdown_signal {
public:
    struct reason {
        bool sigterm{false};
        int code{0};       // the exit code a handler asked for
        bool graceful{false};
    };

    KUBESIM_DECL explicit shutdown_signal(const process_context& ctx);

    KUBESIM_DECL void request_exit(int code, bool graceful) const;
    [[nodiscard]] KUBESIM_DECL bool requested() const;

    [[nodiscard]] sim::task<reason> wait() const { return wait_impl(slot_); }

private:
    KUBESIM_DECL static sim::task<reason> wait_impl(std::shared_ptr<sim::oneshot<reason>> slot);
    std::shared_ptr<sim::oneshot<reason>> slot_;
};

}  // namespace kubesim::images::support

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/builtin/support.ipp>
#endif
