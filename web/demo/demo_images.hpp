// The images of the browser page's demo application (web/demo/demo.yaml,
// docs/web.md "The demo application"): a shop's checkout in four Deployments.
//
//   traffic-generator --POST /checkout--> api --POST /query--> database
//                                             \--GET /get-----> cache
//
// Every container serves three ports:
//   app      api 8080, database 5432, cache 6379, traffic-generator 8080 (/stats)
//   health   8081: GET /readyz (readiness), GET /livez (liveness): 200 "ok", 503 when not
//   control  9000: POST /not-ready, /ready, /not-live, /live; GET /state (JSON)
// A process that is not live is not ready either (a hung process answers no
// probe). The state belongs to the process: after the kubelet restarts the
// container it is live and ready again. Nothing throws out of a handler: a bad
// request is an HTTP error (400, 404, 405).
//
// Plain C++ over the public image API, no emscripten: the web module and the
// native test driver register the same images (register_demo_images).
#pragma once

#include <kubesim/kubesim.hpp>
#include <kubesim/images/builtin/support.hpp>
#include <kubesim/images/core_utils.hpp>
#include <kubesim/sim/task_group.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kubesim::web::demo {

inline constexpr int health_port = 8081;
inline constexpr int control_port = 9000;

// What the health and control ports share with the app, for one process.
struct app_state {
    std::string program{};
    bool ready{true};
    bool live{true};
    std::uint64_t served{0};  // app requests answered
    std::uint64_t failed{0};  // app requests answered with an error (502) or, for the generator, failed
    std::uint64_t sent{0};    // traffic-generator: requests sent
    std::uint64_t pending{0};  // traffic-generator: requests not answered yet
    std::uint64_t orders{0};   // api: checkouts begun (the order number)
};

namespace detail {

inline http::response json_response(int status, std::string body) {
    return images::support::text_response(status, std::move(body) + "\n", "application/json");
}

inline http::response text(int status, std::string body) {
    return images::support::text_response(status, std::move(body) + "\n");
}

inline http::response method_not_allowed(std::string_view allow) {
    auto r = text(405, "method not allowed");
    r.headers.emplace("Allow", std::string(allow));
    return r;
}

// "2025-01-01T00:00:12.502000Z message": the container log (kubectl logs).
inline void log(const process_context& ctx, std::string_view msg) {
    ctx.write_stdout(sim::to_rfc3339(ctx.now(), true) + " " + std::string(msg) + "\n");
}

inline std::string state_json(const process_context& ctx, const app_state& st) {
    std::string s = "{\"program\":" + images::support::json_quote(st.program) +
                    ",\"pod\":" + images::support::json_quote(ctx.pod_name()) +
                    ",\"ready\":" + (st.ready && st.live ? "true" : "false") +
                    ",\"live\":" + (st.live ? "true" : "false") + ",\"served\":" + std::to_string(st.served) +
                    ",\"failed\":" + std::to_string(st.failed);
    if (st.program == "traffic-generator")
        s += ",\"sent\":" + std::to_string(st.sent) + ",\"pending\":" + std::to_string(st.pending);
    return s + "}";
}

// 8081: the kubelet's probes.
inline http::response serve_health(const app_state& st, const http::request& req) {
    const auto path = images::support::target_of(req).path;
    if (path != "/readyz" && path != "/livez") return text(404, "not found");
    if (req.method != "GET" && req.method != "HEAD") return method_not_allowed("GET, HEAD");
    if (path == "/livez") return st.live ? text(200, "ok") : text(503, "not live");
    if (!st.live) return text(503, "not ready: not live");
    return st.ready ? text(200, "ok") : text(503, "not ready");
}

// 9000: what the page (or a curl from anywhere) flips.
inline http::response serve_control(const process_context& ctx, app_state& st, const http::request& req) {
    const auto path = images::support::target_of(req).path;
    if (path == "/state") {
        if (req.method != "GET" && req.method != "HEAD") return method_not_allowed("GET, HEAD");
        return json_response(200, state_json(ctx, st));
    }
    bool* flag = nullptr;
    bool value = false;
    if (path == "/ready" || path == "/not-ready") {
        flag = &st.ready;
        value = path == "/ready";
    } else if (path == "/live" || path == "/not-live") {
        flag = &st.live;
        value = path == "/live";
    } else {
        return text(404, "not found");
    }
    if (req.method != "POST") return method_not_allowed("POST");
    if (*flag != value) {
        *flag = value;
        log(ctx, "control: " + path.substr(1) +
                     (path == "/not-ready"  ? " (readiness probes fail from now on)"
                      : path == "/not-live" ? " (liveness and readiness probes fail from now on)"
                                            : ""));
    }
    return json_response(200, state_json(ctx, st));
}

// Binds the health and control ports. false (after a log line) when one is taken.
inline bool bind_health_and_control(process_context ctx, const std::shared_ptr<app_state>& st) {
    try {
        ctx.listen_http(health_port, [st](const http::request& req) { return serve_health(*st, req); });
        ctx.listen_http(control_port, [ctx, st](const http::request& req) { return serve_control(ctx, *st, req); });
    } catch (const std::exception& e) {
        ctx.write_stderr(std::string(e.what()) + "\n");
        return false;
    }
    return true;
}

inline bool is_program(const std::vector<std::string>& argv, std::string_view name) {
    return !argv.empty() && images::core::command_name(argv[0]) == name;
}

// The whole life of a server: health and control ports, the app port (bind),
// then serve until SIGTERM, which ends it with exit code 0.
template <class Bind>
task<int> run_server(process_context ctx, std::string program, int port, Bind bind) {
    auto st = std::make_shared<app_state>();
    st->program = std::move(program);
    if (!bind_health_and_control(ctx, st)) co_return 1;
    try {
        bind(ctx, st);
    } catch (const std::exception& e) {
        ctx.write_stderr(std::string(e.what()) + "\n");
        co_return 1;
    }
    log(ctx, st->program + " listening on :" + std::to_string(port) + " (health :8081, control :9000)");
    (void)co_await ctx.wait_until_killed();
    log(ctx, "received SIGTERM, shutting down");
    co_return 0;
}

// ---- database (5432) -----------------------------------------------------------------
inline task<http::response> serve_database(process_context ctx, std::shared_ptr<app_state> st, http::request req) {
    const auto path = images::support::target_of(req).path;
    if (path != "/query") co_return text(404, "not found");
    if (req.method != "POST" && req.method != "GET") co_return method_not_allowed("GET, POST");
    co_await ctx.sleep(std::chrono::milliseconds(3));  // the query's own time
    ++st->served;
    co_return json_response(200, "{\"rows\":1,\"served_by\":" + images::support::json_quote(ctx.pod_name()) + "}");
}

// ---- cache (6379) --------------------------------------------------------------------
inline http::response serve_cache(const process_context& ctx, app_state& st, const http::request& req) {
    const auto target = images::support::target_of(req);
    if (target.path != "/get") return text(404, "not found");
    if (req.method != "GET") return method_not_allowed("GET");
    const auto key = target.url.query_param("key");
    if (!key || key->empty()) return text(400, "missing key");
    ++st.served;
    return json_response(200, "{\"key\":" + images::support::json_quote(*key) + ",\"hit\":true,\"served_by\":" +
                                  images::support::json_quote(ctx.pod_name()) + "}");
}

// ---- api (8080) ------------------------------------------------------------------------
// POST /checkout: GET http://cache:6379/get?key=cart-N, then POST
// http://database:5432/query; 200 when both answered 2xx, else 502 naming the
// one that failed.
inline task<http::response> serve_api(process_context ctx, std::shared_ptr<app_state> st, http::request req) {
    const auto path = images::support::target_of(req).path;
    if (path == "/") co_return text(200, "kubesim demo api: POST /checkout");
    if (path != "/checkout") co_return text(404, "not found");
    if (req.method != "POST") co_return method_not_allowed("POST");
    const std::uint64_t order = ++st->orders;
    const auto failure = [](const http::response& r) -> std::string {
        if (r.status == 0) return r.error;
        if (r.status >= 300) return "HTTP " + std::to_string(r.status);
        return {};
    };
    http::request cache_req;
    auto cache = co_await ctx.fetch("http://cache:6379/get?key=cart-" + std::to_string(order), std::move(cache_req),
                                    std::chrono::seconds(1));
    std::string error;
    if (auto f = failure(cache); !f.empty()) error = "cache: " + f;
    if (error.empty()) {
        http::request db_req;
        db_req.method = "POST";
        db_req.body = "SELECT * FROM carts WHERE id = " + std::to_string(order);
        auto db = co_await ctx.fetch("http://database:5432/query", std::move(db_req), std::chrono::seconds(1));
        if (auto f = failure(db); !f.empty()) error = "database: " + f;
    }
    if (!error.empty()) {
        ++st->failed;
        co_return json_response(502, "{\"order\":" + std::to_string(order) +
                                         ",\"error\":" + images::support::json_quote(error) +
                                         ",\"served_by\":" + images::support::json_quote(ctx.pod_name()) + "}");
    }
    ++st->served;
    co_return json_response(200, "{\"order\":" + std::to_string(order) +
                                     ",\"served_by\":" + images::support::json_quote(ctx.pod_name()) + "}");
}

// ---- traffic-generator -------------------------------------------------------------------
inline task<void> send_one(process_context ctx, std::shared_ptr<app_state> st, std::string url) {
    ++st->sent;
    ++st->pending;
    const auto start = ctx.now();
    http::request req;
    req.method = "POST";
    req.body = "{}";
    req.headers.emplace("Content-Type", "application/json");
    auto r = co_await ctx.fetch(url, std::move(req), std::chrono::seconds(2));
    --st->pending;
    const auto took = sim::go_duration(ctx.now() - start);
    if (r.status >= 200 && r.status < 300) {
        ++st->served;
    } else {
        ++st->failed;
    }
    std::string body = r.body;
    while (!body.empty() && body.back() == '\n') body.pop_back();
    if (r.status == 0)
        log(ctx, "POST " + url + ": failed after " + took + ": " + r.error);
    else
        log(ctx, "POST " + url + ": " + std::to_string(r.status) + " in " + took + " " + body);
}

inline task<int> run_generator(process_context ctx) {
    auto st = std::make_shared<app_state>();
    st->program = "traffic-generator";
    const std::string url = ctx.env("TARGET_URL").value_or("http://api/checkout");
    const std::string rate_text = ctx.env("RATE").value_or("2");
    const auto rate = images::support::parse_int(rate_text);
    if (!rate || *rate < 1 || *rate > 1000) {
        ctx.write_stderr("traffic-generator: RATE must be a whole number of requests per second from 1 to 1000, got \"" +
                         rate_text + "\"\n");
        co_return 2;
    }
    if (!bind_health_and_control(ctx, st)) co_return 1;
    try {
        ctx.listen_http(8080, [ctx, st](const http::request& req) {
            const auto path = images::support::target_of(req).path;
            if (path != "/stats") return text(404, "not found");
            if (req.method != "GET") return method_not_allowed("GET");
            return json_response(200, state_json(ctx, *st));
        });
    } catch (const std::exception& e) {
        ctx.write_stderr(std::string(e.what()) + "\n");
        co_return 1;
    }
    log(ctx, "traffic-generator: POST " + url + " " + std::to_string(*rate) + " times a second (stats :8080/stats)");
    // One request per tick, each on its own, so that a slow answer never delays
    // the next: the rate holds whatever the latency. The group ends them with
    // the process.
    sim::task_group requests(ctx.engine());
    const auto period = sim::duration(std::chrono::seconds(1)) / *rate;
    while (!ctx.terminating()) {
        requests.spawn(send_one(ctx, st, url));
        co_await ctx.sleep(period);
    }
    log(ctx, "received SIGTERM, shutting down");
    co_return 0;
}

}  // namespace detail

class api_image : public image {
public:
    static constexpr std::string_view image_name = "kubesim/demo-api";
    static constexpr std::string_view image_version = "1.0";
    std::vector<std::string> default_command() const override { return {"/demo-api"}; }
    task<int> exec(process_context ctx, std::vector<std::string> argv) override {
        if (!detail::is_program(argv, "demo-api")) return image::exec(std::move(ctx), std::move(argv));
        return detail::run_server(std::move(ctx), "api", 8080, [](process_context c, const std::shared_ptr<app_state>& st) {
            c.listen_http(8080, [c, st](http::request req) { return detail::serve_api(c, st, std::move(req)); });
        });
    }
};

class database_image : public image {
public:
    static constexpr std::string_view image_name = "kubesim/demo-database";
    static constexpr std::string_view image_version = "1.0";
    std::vector<std::string> default_command() const override { return {"/demo-database"}; }
    task<int> exec(process_context ctx, std::vector<std::string> argv) override {
        if (!detail::is_program(argv, "demo-database")) return image::exec(std::move(ctx), std::move(argv));
        return detail::run_server(std::move(ctx), "database", 5432, [](process_context c, const std::shared_ptr<app_state>& st) {
            c.listen_http(5432, [c, st](http::request req) { return detail::serve_database(c, st, std::move(req)); });
        });
    }
};

class cache_image : public image {
public:
    static constexpr std::string_view image_name = "kubesim/demo-cache";
    static constexpr std::string_view image_version = "1.0";
    std::vector<std::string> default_command() const override { return {"/demo-cache"}; }
    task<int> exec(process_context ctx, std::vector<std::string> argv) override {
        if (!detail::is_program(argv, "demo-cache")) return image::exec(std::move(ctx), std::move(argv));
        return detail::run_server(std::move(ctx), "cache", 6379, [](process_context c, const std::shared_ptr<app_state>& st) {
            c.listen_http(6379, [c, st](const http::request& req) { return detail::serve_cache(c, *st, req); });
        });
    }
};

class traffic_generator_image : public image {
public:
    static constexpr std::string_view image_name = "kubesim/demo-traffic-generator";
    static constexpr std::string_view image_version = "1.0";
    std::vector<std::string> default_command() const override { return {"/demo-traffic-generator"}; }
    task<int> exec(process_context ctx, std::vector<std::string> argv) override {
        if (!detail::is_program(argv, "demo-traffic-generator")) return image::exec(std::move(ctx), std::move(argv));
        return detail::run_generator(std::move(ctx));
    }
};

inline void register_demo_images(cluster& c) {
    c.register_image<api_image>();
    c.register_image<database_image>();
    c.register_image<cache_image>();
    c.register_image<traffic_generator_image>();
}

}  // namespace kubesim::web::demo
