// HTTP API server benchmarks (JSON lines on stdout): kubesim::api_server on
// loopback, polled on the main thread (which alone touches the cluster), and
// clients on threads of their own with plain blocking Boost.Beast sockets and
// keep-alive. The cluster: a Deployment of 1,000 pause replicas, rolled out,
// on 20 nodes; the server's clock stands still (speed 0). Run from an
// optimised build:
//   ./build-release/benchmarks/server_bench [all|get|list|watch] [args]
//  - get [seconds=3] [clients=1]: GET of one pod, back to back on each
//    client's connection; requests per second, p50/p99 latency.
//  - list [runs=51]: LIST of the pods, as JSON and as a Table (kubectl's
//    Accept); p50/p99 latency and bytes, and the p50 of the same request
//    handed to a rest_api directly (the server's share, without sockets).
//  - watch [watchers=100] [writes=10000] [window=100]: that many chunked
//    watches on pods; the main thread makes the writes (a label on each pod in
//    turn, through the typed client), at most `window` writes ahead of the
//    slowest watcher; deliveries per second and the latency from the write to
//    its receipt.
// `all` runs the three with their defaults, and get with 4 clients too. Wall time is read here, in the
// benchmark, and in server/, never in the rest of the library.
#include <kubesim/kubesim.hpp>
#include <kubesim/server.hpp>
#include <kubesim/server/rest.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace api = kubesim::api;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using namespace std::chrono_literals;
using wall = std::chrono::steady_clock;

namespace {

constexpr const char* table_accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

double ms_between(wall::time_point a, wall::time_point b) {
    return std::chrono::duration<double, std::milli>(b - a).count();
}

struct percentiles {
    double p50{0}, p99{0}, max{0};
};

percentiles percentiles_of(std::vector<double> v) {
    if (v.empty()) return {};
    std::sort(v.begin(), v.end());
    const auto at = [&](double q) {
        return v[std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size())))];
    };
    return {at(0.50), at(0.99), v.back()};
}

// One keep-alive connection, blocking.
class http_client {
public:
    explicit http_client(int port) {
        sock_.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
        sock_.set_option(tcp::no_delay(true));
    }

    // A GET; the body (throws unless 200).
    const std::string& get(const std::string& target, const char* accept = "application/json") {
        http::request<http::empty_body> req{http::verb::get, target, 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::accept, accept);
        req.keep_alive(true);
        http::write(sock_, req);
        parser_.emplace();
        parser_->body_limit(256 * 1024 * 1024);
        http::read(sock_, buf_, *parser_);
        if (parser_->get().result_int() != 200)
            throw std::runtime_error(target + ": HTTP " + std::to_string(parser_->get().result_int()));
        return parser_->get().body();
    }

    tcp::socket& socket() { return sock_; }
    beast::flat_buffer& buffer() { return buf_; }

private:
    asio::io_context ioc_;
    tcp::socket sock_{ioc_};
    beast::flat_buffer buf_;
    std::optional<http::response_parser<http::string_body>> parser_;
};

// Runs `clients` on threads while the server is polled here, until all return.
void with_clients(kubesim::api_server& s, std::vector<std::function<void()>> clients,
                  const std::function<void()>& between_polls = {}) {
    std::atomic<std::size_t> done{0};
    std::vector<std::exception_ptr> errors(clients.size());
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < clients.size(); ++i)
        threads.emplace_back([&, i] {
            try {
                clients[i]();
            } catch (...) {
                errors[i] = std::current_exception();
            }
            ++done;
        });
    while (done < clients.size()) {
        if (between_polls) between_polls();
        else s.poll(5ms);
    }
    for (auto& t : threads) t.join();
    for (auto& e : errors)
        if (e) std::rethrow_exception(e);
}

struct bench_cluster {
    kubesim::cluster c;
    std::vector<std::string> pods;

    static kubesim::cluster_options options(int replicas) {
        kubesim::cluster_options o;
        o.nodes = std::max(3, replicas / 50);
        o.node_cidr = "172.16.0.0/12";
        o.pod_cidr = "10.0.0.0/8";
        return o;
    }

    explicit bench_cluster(int replicas) : c(options(replicas)) {
        c.init();
        api::deployment d;
        d.metadata.name = "web";
        d.spec.replicas = replicas;
        d.spec.selector = api::label_selector{.match_labels = {{"app", "web"}}, .match_expressions = {}};
        d.spec.template_.metadata.labels = {{"app", "web"}};
        api::container ctr;
        ctr.name = "pause";
        ctr.image = "registry.k8s.io/pause:3.10";
        ctr.resources.requests = {{"cpu", api::quantity::parse("10m").value()},
                                  {"memory", api::quantity::parse("16Mi").value()}};
        d.spec.template_.spec.containers.push_back(ctr);
        c.client<api::deployment>().create(d).value();
        const bool ok = c.run_until(
            [&] {
                auto cur = c.client<api::deployment>().get_shared("web");
                return cur && (*cur)->status.ready_replicas == replicas;
            },
            1h);
        if (!ok) throw std::runtime_error("the Deployment did not become ready");
        for (const auto& p : c.client<api::pod>().list().value().items) pods.push_back(p.metadata.name);
    }
};

int get_bench(bench_cluster& b, double seconds, int clients) {
    kubesim::api_server s(b.c, {.speed = 0});
    const std::string target = "/api/v1/namespaces/default/pods/" + b.pods[b.pods.size() / 2];
    std::vector<std::vector<double>> lat(static_cast<std::size_t>(clients));
    std::atomic<bool> stop{false};
    std::atomic<int> ready{0};
    std::vector<std::function<void()>> fns;
    for (int i = 0; i < clients; ++i)
        fns.emplace_back([&, i] {
            http_client h(s.port());
            (void)h.get(target);  // warm
            ++ready;
            while (ready < clients) std::this_thread::yield();
            auto& mine = lat[static_cast<std::size_t>(i)];
            mine.reserve(1 << 20);
            while (!stop) {
                const auto t0 = wall::now();
                (void)h.get(target);
                mine.push_back(ms_between(t0, wall::now()));
            }
        });
    wall::time_point t0{}, t1{};
    bool started = false;
    with_clients(s, std::move(fns), [&] {
        if (!started && ready == clients) {
            started = true;
            t0 = wall::now();
        }
        if (started && !stop && wall::now() - t0 >= std::chrono::duration<double>(seconds)) {
            stop = true;
            t1 = wall::now();
        }
        s.poll(1ms);
    });
    std::vector<double> all;
    for (auto& v : lat) all.insert(all.end(), v.begin(), v.end());
    const auto p = percentiles_of(all);
    const double elapsed = std::chrono::duration<double>(t1 - t0).count();
    std::printf("{\"bench\":\"get\",\"clients\":%d,\"seconds\":%.2f,\"requests\":%zu,\"requests_per_s\":%.0f,"
                "\"p50_ms\":%.4f,\"p99_ms\":%.4f,\"max_ms\":%.3f}\n",
                clients, elapsed, all.size(), static_cast<double>(all.size()) / elapsed, p.p50, p.p99, p.max);
    return all.empty() ? 1 : 0;
}

int list_bench(bench_cluster& b, int runs) {
    kubesim::api_server s(b.c, {.speed = 0});
    int status = 0;
    for (const bool table : {false, true}) {
        std::vector<double> lat;
        std::size_t bytes = 0, items = 0;
        with_clients(s, {[&] {
                         http_client h(s.port());
                         const char* accept = table ? table_accept : "application/json";
                         for (int i = -1; i < runs; ++i) {  // one warm-up request
                             const auto t0 = wall::now();
                             const auto& body = h.get("/api/v1/namespaces/default/pods", accept);
                             if (i >= 0) lat.push_back(ms_between(t0, wall::now()));
                             bytes = body.size();
                         }
                         const auto j = nlohmann::json::parse(h.get("/api/v1/namespaces/default/pods", accept));
                         items = j.contains("rows") ? j["rows"].size() : j["items"].size();
                     }});
        // The same request to a rest_api of the same cluster, no sockets: the
        // server's share of the latency.
        kubesim::server::rest_api direct(b.c);
        kubesim::server::request req;
        req.method = "GET";
        req.target = "/api/v1/namespaces/default/pods";
        req.accept = table ? table_accept : "application/json";
        std::vector<double> handler;
        for (int i = 0; i < runs; ++i) {
            const auto t0 = wall::now();
            const auto r = direct.handle(req);
            handler.push_back(ms_between(t0, wall::now()));
            if (r.body.size() != bytes) status = 1;
        }
        const auto p = percentiles_of(lat);
        std::printf("{\"bench\":\"list\",\"as\":\"%s\",\"pods\":%zu,\"runs\":%d,\"bytes\":%zu,\"p50_ms\":%.3f,"
                    "\"p99_ms\":%.3f,\"max_ms\":%.3f,\"requests_per_s\":%.0f,\"handler_p50_ms\":%.3f}\n",
                    table ? "Table" : "PodList", items, runs, bytes, p.p50, p.p99, p.max, 1000.0 / p.p50,
                    percentiles_of(handler).p50);
        if (items != b.pods.size()) status = 1;
    }
    return status;
}

// One watcher: reads the chunked stream, finds each event's write number in
// its `bench-seq` label and records how long after the write it arrived.
class watcher {
public:
    watcher(int port, const std::string& rv, const std::vector<std::atomic<std::int64_t>>& written)
        : h_(port), written_(&written) {
        http::request<http::empty_body> req{
            http::verb::get, "/api/v1/namespaces/default/pods?watch=true&resourceVersion=" + rv, 11};
        req.set(http::field::host, "127.0.0.1");
        req.set(http::field::accept, "application/json");
        http::write(h_.socket(), req);
        parser_.body_limit(boost::none);
        http::read_header(h_.socket(), h_.buffer(), parser_);
        if (parser_.get().result_int() != 200)
            throw std::runtime_error("watch: HTTP " + std::to_string(parser_.get().result_int()));
    }

    void run(int expected) {
        latencies_.reserve(static_cast<std::size_t>(expected));
        static constexpr std::string_view key = "\"bench-seq\":\"";
        auto& body = parser_.get().body();
        while (received_ < expected) {
            http::read_some(h_.socket(), h_.buffer(), parser_);
            const auto now = wall::now().time_since_epoch().count();
            std::size_t start = 0;
            for (auto nl = body.find('\n'); nl != std::string::npos; nl = body.find('\n', start)) {
                const std::string_view line(body.data() + start, nl - start);
                start = nl + 1;
                const auto k = line.find(key);
                if (k == std::string_view::npos) continue;
                std::size_t seq = 0;
                for (auto i = k + key.size(); i < line.size() && line[i] >= '0' && line[i] <= '9'; ++i)
                    seq = seq * 10 + static_cast<std::size_t>(line[i] - '0');
                if (seq >= written_->size()) throw std::runtime_error("watch: no such write " + std::to_string(seq));
                const auto t = (*written_)[seq].load(std::memory_order_acquire);
                latencies_.push_back(static_cast<double>(now - t) / 1e6);
                received_.fetch_add(1, std::memory_order_release);
            }
            body.erase(0, start);  // the parser appends at the end of what is left
        }
    }

    [[nodiscard]] int received() const { return received_.load(std::memory_order_acquire); }
    [[nodiscard]] const std::vector<double>& latencies() const { return latencies_; }

private:
    http_client h_;
    const std::vector<std::atomic<std::int64_t>>* written_;
    http::response_parser<http::string_body> parser_;
    std::vector<double> latencies_;
    std::atomic<int> received_{0};
};

int watch_bench(bench_cluster& b, int watchers, int writes, int window) {
    kubesim::api_server s(b.c, {.speed = 0});
    std::vector<std::atomic<std::int64_t>> written(static_cast<std::size_t>(writes));
    const std::string rv = std::to_string(b.c.store().resource_version());
    std::vector<std::unique_ptr<watcher>> ws(static_cast<std::size_t>(watchers));
    // Connect them all (the server answers each watch's headers at once).
    {
        std::vector<std::function<void()>> fns;
        for (int i = 0; i < watchers; ++i)
            fns.emplace_back(
                [&, i] { ws[static_cast<std::size_t>(i)] = std::make_unique<watcher>(s.port(), rv, written); });
        with_clients(s, std::move(fns));
    }
    auto pods = b.c.client<api::pod>();
    int next = 0;
    const auto slowest = [&] {
        int m = writes;
        for (const auto& w : ws) m = std::min(m, w->received());
        return m;
    };
    int floor = 0;  // what every watcher has received, as last seen
    wall::time_point t0{};
    std::vector<std::function<void()>> fns;
    for (auto& w : ws) fns.emplace_back([&w, writes] { w->run(writes); });
    with_clients(s, std::move(fns), [&] {
        if (next == 0) t0 = wall::now();
        if (next < writes && next - floor >= window) floor = slowest();
        if (next < writes && next - floor < window) {
            auto p = *pods.get_shared(b.pods[static_cast<std::size_t>(next) % b.pods.size()]).value();
            p.metadata.labels["bench-seq"] = std::to_string(next);
            written[static_cast<std::size_t>(next)].store(wall::now().time_since_epoch().count(),
                                                          std::memory_order_release);
            (void)pods.update(p).value();
            ++next;
            s.poll(0ms);
        } else {
            s.poll(1ms);
        }
    });
    const auto t1 = wall::now();
    std::vector<double> all;
    all.reserve(static_cast<std::size_t>(watchers) * static_cast<std::size_t>(writes));
    for (const auto& w : ws) all.insert(all.end(), w->latencies().begin(), w->latencies().end());
    const auto p = percentiles_of(all);
    const double elapsed = std::chrono::duration<double>(t1 - t0).count();
    std::printf("{\"bench\":\"watch\",\"watchers\":%d,\"writes\":%d,\"window\":%d,\"deliveries\":%zu,\"seconds\":%.3f,"
                "\"writes_per_s\":%.0f,\"deliveries_per_s\":%.0f,\"p50_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f}\n",
                watchers, writes, window, all.size(), elapsed, writes / elapsed,
                static_cast<double>(all.size()) / elapsed, p.p50, p.p99, p.max);
    return all.size() == static_cast<std::size_t>(watchers) * static_cast<std::size_t>(writes) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string which = argc > 1 ? argv[1] : "all";
    auto arg = [&](int i, double def) { return argc > i ? std::atof(argv[i]) : def; };
    if (which != "all" && which != "get" && which != "list" && which != "watch") {
        std::fprintf(stderr, "usage: server_bench [all | get [seconds] [clients] | list [runs] |"
                             " watch [watchers] [writes] [window]]\n");
        return 2;
    }
    bench_cluster b(1000);
    int status = 0;
    if (which == "get") status |= get_bench(b, arg(2, 3), static_cast<int>(arg(3, 1)));
    if (which == "all") {  // one client: the round trip; four: the server kept busy
        status |= get_bench(b, 3, 1);
        status |= get_bench(b, 3, 4);
    }
    if (which == "all" || which == "list") status |= list_bench(b, which == "list" ? static_cast<int>(arg(2, 51)) : 51);
    if (which == "all" || which == "watch")
        status |= watch_bench(b, which == "watch" ? static_cast<int>(arg(2, 100)) : 100,
                              which == "watch" ? static_cast<int>(arg(3, 10000)) : 10000,
                              which == "watch" ? static_cast<int>(arg(4, 100)) : 100);
    return status;
}
