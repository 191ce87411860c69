// What kubectl's commands are built from: pflag-style flags, Go's
// text/tabwriter, the REST client over server::rest_api, the RESTMapper built
// from discovery, and the context a command runs in. Internal to kubectl/.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/config.hpp>

namespace kubesim {
class cluster;
}
namespace kubesim::server {
class rest_api;
class body_stream;
}

namespace kubesim::kubectl::detail {

using json = nlohmann::json;

// ---- errors -----------------------------------------------------------------------

// A usage error of a command line: printed "error: <message>" then the hint
// "See '<command> --help' for usage." (hint empty: no hint), exit code 1.
struct flag_error : std::runtime_error {
    explicit flag_error(const std::string& m) : std::runtime_error(m) {}
};

// An error kubectl prints as it is (with its trailing newline) and exits with
// `code`: cmdutil.CheckErr's output for everything but API errors.
struct exit_error : std::runtime_error {
    exit_error(std::string text, int code = 1) : std::runtime_error(std::move(text)), exit_code(code) {}
    int exit_code;
};

// An API error: the Status the server answered with.
struct status_error : std::runtime_error {
    KUBESIM_DECL explicit status_error(json s);
    json status;
    [[nodiscard]] KUBESIM_DECL std::string reason() const;
    [[nodiscard]] KUBESIM_DECL int code() const;
    // kubectl's words: "Error from server (NotFound): pods \"x\" not found".
    [[nodiscard]] KUBESIM_DECL std::string kubectl_message() const;
};

// ---- flags ------------------------------------------------------------------------

// One flag of a command, pflag style. Values are kept as strings, as given
// (a repeated string-array flag appends).
struct flag {
    enum class type { boolean, string, integer, strings, duration, number };
    std::string name;
    char shorthand = 0;
    type t = type::string;
    std::string default_value;
    bool set = false;
    std::vector<std::string> values;  // what the command line gave, in order
    // The value: the last given, or the default.
    [[nodiscard]] const std::string& value() const { return values.empty() ? default_value : values.back(); }
};

class flag_set {
public:
    KUBESIM_DECL flag& add(std::string name, char shorthand, flag::type t, std::string def = {});
    flag& boolean(std::string name, char shorthand = 0, bool def = false) {
        return add(std::move(name), shorthand, flag::type::boolean, def ? "true" : "false");
    }
    flag& string(std::string name, char shorthand = 0, std::string def = {}) {
        return add(std::move(name), shorthand, flag::type::string, std::move(def));
    }
    flag& integer(std::string name, char shorthand = 0, std::int64_t def = 0) {
        return add(std::move(name), shorthand, flag::type::integer, std::to_string(def));
    }
    flag& strings(std::string name, char shorthand = 0) { return add(std::move(name), shorthand, flag::type::strings); }
    flag& duration(std::string name, char shorthand = 0, std::string def = "0s") {
        return add(std::move(name), shorthand, flag::type::duration, std::move(def));
    }

    // Parses args (flags anywhere, `--` ends them) and returns the positional
    // arguments; after `--` the rest are positional too (dash_at: their index,
    // or -1). Throws flag_error with pflag's message.
    KUBESIM_DECL std::vector<std::string> parse(const std::vector<std::string>& args);
    int dash_at = -1;

    [[nodiscard]] KUBESIM_DECL const flag* find(std::string_view name) const;
    [[nodiscard]] KUBESIM_DECL bool changed(std::string_view name) const;
    [[nodiscard]] KUBESIM_DECL std::string str(std::string_view name) const;
    [[nodiscard]] KUBESIM_DECL bool on(std::string_view name) const;
    [[nodiscard]] KUBESIM_DECL std::int64_t num(std::string_view name) const;
    [[nodiscard]] KUBESIM_DECL double seconds(std::string_view name) const;  // a duration flag, in seconds
    [[nodiscard]] KUBESIM_DECL std::vector<std::string> list(std::string_view name) const;  // strings: values split at commas

private:
    KUBESIM_DECL flag* by_name(std::string_view name);
    KUBESIM_DECL flag* by_short(char c);
    KUBESIM_DECL void give(flag& f, const std::string& value, const std::string& shown);
    std::vector<std::unique_ptr<flag>> flags_;
};

// Go's time.ParseDuration ("1m30s", "500ms", "0"): seconds, or nullopt.
[[nodiscard]] KUBESIM_DECL std::optional<double> parse_go_duration(std::string_view s);

// ---- tabwriter ---------------------------------------------------------------------

// Go's text/tabwriter with padchar ' ' and no flags but RememberWidths: cells
// end at '\t', a line without a tab flushes the column blocks above it.
class tabwriter {
public:
    // tabwidth matters only when padding with tabs, which kubectl never does.
    tabwriter(int minwidth, int /*tabwidth*/, int padding, bool remember_widths = false)
        : minwidth_(minwidth), padding_(padding), remember_(remember_widths) {}
    KUBESIM_DECL void write(std::string_view text);
    // Formats and returns what is buffered (a last line without '\n' included).
    KUBESIM_DECL std::string flush();

private:
    struct cell {
        std::size_t size = 0;  // bytes
        int width = 0;         // runes
        bool htab = false;
    };
    KUBESIM_DECL void end_cell(bool htab);
    KUBESIM_DECL void format(std::string& out, std::size_t& pos, std::size_t line0, std::size_t line1);
    KUBESIM_DECL void write_lines(std::string& out, std::size_t& pos, std::size_t line0, std::size_t line1);
    KUBESIM_DECL void flush_into(std::string& out);
    int minwidth_, padding_;
    bool remember_;
    std::string buf_;
    std::vector<std::vector<cell>> lines_{{}};
    cell cell_{};
    std::vector<int> widths_;
    std::vector<int> maxwidths_;  // RememberWidths: the widest each column has been
    std::string out_;
};

// ---- the API --------------------------------------------------------------------------

struct reply {
    int status = 0;
    std::string body;  // a non-JSON reply (logs, text), else empty
    std::shared_ptr<const json> value;  // a JSON reply, as the server built it
    std::vector<std::shared_ptr<const void>> objects;  // a list's stored objects (client::list_objects)
    std::vector<std::string> warnings;  // Warning headers' texts
    // The JSON reply (null when the body is not JSON).
    [[nodiscard]] KUBESIM_DECL const json& parsed() const;
};

// An open watch: the events as they arrive, one JSON object each.
class watch_events {
public:
    watch_events() = default;
    explicit watch_events(std::shared_ptr<server::body_stream> s) : stream_(std::move(s)) {}
    // The events that arrived since the last call, in order.
    KUBESIM_DECL std::vector<json> take();
    // The server ended the stream (an ERROR event, a closed watch).
    [[nodiscard]] KUBESIM_DECL bool finished() const;
    [[nodiscard]] bool open() const { return stream_ != nullptr; }

private:
    std::shared_ptr<server::body_stream> stream_;
    std::string partial_;
};

// What discovery says about one resource.
struct resource_info {
    std::string group, version, resource, kind, singular;
    bool namespaced = true;
    std::vector<std::string> short_names, categories, verbs;
    [[nodiscard]] std::string group_version() const { return group.empty() ? version : group + "/" + version; }
    // "pods", "deployments.apps": how kubectl names the resource type.
    [[nodiscard]] std::string qualified() const { return group.empty() ? resource : resource + "." + group; }
    // "pod", "deployment.apps": kubectl's "kind.group" in names (pod/web, deployment.apps/web).
    [[nodiscard]] KUBESIM_DECL std::string kind_group() const;
    // The collection path: /api/v1/namespaces/NS/pods or /apis/G/V/...
    [[nodiscard]] KUBESIM_DECL std::string path(std::string_view ns, std::string_view name = {}) const;
};

// A watch (or a followed log) as the server answered it: the first body, and
// the stream that goes on as the clock runs (null when the answer was an error).
struct streamed_reply {
    int status = 0;
    std::string body;
    std::shared_ptr<server::body_stream> stream;
};

class client {
public:
    // cl: the cluster behind api, whose work due at the current instant runs
    // before and after each request, as api_server's loop runs it.
    explicit client(server::rest_api& api, cluster* cl = nullptr) : api_(&api), cluster_(cl) {}
    KUBESIM_DECL reply call(std::string_view method, const std::string& target, std::string body = {},
               std::string_view content_type = "application/json", std::string_view accept = "application/json",
               bool want_objects = false);
    // A GET of a list whose items come back as the stored objects (reply::objects;
    // value holds the list's metadata): what kubectl decodes into typed objects.
    KUBESIM_DECL reply list_objects(const std::string& target);
    // GET as JSON; a non-2xx answer throws status_error.
    KUBESIM_DECL json get(const std::string& target);
    // method with a JSON body; non-2xx throws status_error. Warnings go to warnings_out.
    KUBESIM_DECL json send(std::string_view method, const std::string& target, const json& body,
              std::string_view content_type = "application/json");
    // A watch request (target has watch=true): the events, or status_error.
    KUBESIM_DECL watch_events watch(const std::string& target, std::string_view accept = "application/json");
    // A GET whose body goes on (watch=true, follow=true): the stream is left to the caller.
    KUBESIM_DECL streamed_reply stream(const std::string& target, std::string_view accept = "application/json");
    // The REST API itself (pods/exec's checks).
    [[nodiscard]] server::rest_api& rest() { return *api_; }
    // Runs what is due at the current instant (api_server does after every request and poll).
    KUBESIM_DECL void settle();
    std::vector<std::string> warnings;  // collected Warning headers, in order
    std::string* warning_sink = nullptr;  // "Warning: ...\n" lines go here as they arrive (kubectl's stderr)

private:
    server::rest_api* api_;
    cluster* cluster_;
};

// kubectl's RESTMapper: resource names, singulars, kinds and short names to
// resources, from the aggregated discovery document.
class mapper {
public:
    KUBESIM_DECL void load(const json& aggregated_core, const json& aggregated_apis);
    // "po", "pods", "pod", "Pod", "deployments.apps", "deploy", "deployment.v1.apps".
    [[nodiscard]] KUBESIM_DECL const resource_info* find(std::string_view token) const;
    [[nodiscard]] KUBESIM_DECL const resource_info* by_kind(std::string_view group, std::string_view kind) const;
    // The resources of a category ("all"), in discovery order.
    [[nodiscard]] KUBESIM_DECL std::vector<const resource_info*> category(std::string_view name) const;
    [[nodiscard]] const std::vector<resource_info>& resources() const { return resources_; }

private:
    std::vector<resource_info> resources_;
};

// ---- a running command ------------------------------------------------------------------

// Go's url.QueryEscape.
[[nodiscard]] KUBESIM_DECL std::string query_escape(std::string_view s);

struct context {
    cluster* c = nullptr;
    client* api = nullptr;
    const mapper* rm = nullptr;
    std::string out, err;
    std::string_view stdin_text;
    std::string command;         // "get", "rollout status": for the usage hint
    std::string ns = "default";  // -n, or the kubeconfig's (default)
    bool ns_given = false;
    double request_timeout = 0;  // --request-timeout, seconds (0: none)

    [[nodiscard]] std::string hint() const { return "See 'kubectl " + command + " --help' for usage.\n"; }
    // The simulated now as Unix seconds.
    [[nodiscard]] KUBESIM_DECL std::int64_t now_unix() const;
};

// What a command's resource arguments name (kubectl's resource.Builder forms
// "TYPE[,TYPE...] [NAME...]" and "TYPE/NAME ..."): the type and its names
// (none: the whole collection).
struct target {
    const resource_info* info = nullptr;
    std::vector<std::string> names;
};
// Throws exit_error with kubectl's words for an unknown type or a mix of forms.
// Categories ("all") expand to their resources.
KUBESIM_DECL std::vector<target> resource_args(const context& ctx, const std::vector<std::string>& args);

// The flags every command has (kubectl's persistent flags).
KUBESIM_DECL void add_global_flags(flag_set& f);
// Applies the global flags' values to ctx (-n, --request-timeout).
KUBESIM_DECL void apply_global_flags(const flag_set& f, context& ctx);

// Go's strconv.Quote of a string, as kubectl's %q prints it.
[[nodiscard]] KUBESIM_DECL std::string go_quote(std::string_view s);


}  // namespace kubesim::kubectl::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/detail/cli.ipp>
#endif
