// api_server over loopback: real sockets, a client on its own thread, the
// server polled on the test's thread (which alone touches the cluster).
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>
#include <kubesim/server.hpp>

#include <atomic>
#include <chrono>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <sys/resource.h>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

using namespace std::chrono_literals;
using nlohmann::json;
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

// Runs `client` on a thread while the server is polled here, until it returns.
void with_client(kubesim::api_server& s, const std::function<void()>& client,
                 const std::function<void()>& between_polls = {}) {
    std::atomic<bool> done{false};
    std::exception_ptr error;
    std::thread t([&] {
        try {
            client();
        } catch (...) {
            error = std::current_exception();
        }
        done = true;
    });
    const auto deadline = std::chrono::steady_clock::now() + 60s;
    std::exception_ptr server_error;
    try {
        while (!done && std::chrono::steady_clock::now() < deadline) {
            s.poll(5ms);
            if (between_polls) between_polls();
        }
    } catch (...) {
        server_error = std::current_exception();
    }
    if (server_error) t.detach();  // the client may wait for a server that stopped: fail, do not hang
    else t.join();
    if (server_error) std::rethrow_exception(server_error);
    if (error) std::rethrow_exception(error);
}

// Raw bytes in, everything the server sends until it closes (or `until` appears).
std::string raw_exchange(int port, const std::string& bytes, const std::string& until = {}) {
    asio::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
    beast::error_code wec;  // the server may answer (and stop reading) before all is sent
    asio::write(sock, asio::buffer(bytes), wec);
    std::string got;
    std::array<char, 4096> buf{};
    for (;;) {
        beast::error_code ec;
        const auto n = sock.read_some(asio::buffer(buf), ec);
        got.append(buf.data(), n);
        if (ec) break;
        if (!until.empty() && got.find(until) != std::string::npos) break;
    }
    return got;
}

http::response<http::string_body> request(int port, http::verb verb, const std::string& target,
                                          const std::string& body = {}) {
    asio::io_context ioc;
    tcp::socket sock(ioc);
    sock.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)});
    http::request<http::string_body> req{verb, target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.set(http::field::content_type, "application/json");
    req.body() = body;
    req.prepare_payload();
    http::write(sock, req);
    beast::flat_buffer buf;
    http::response_parser<http::string_body> p;
    p.body_limit(64 * 1024 * 1024);
    http::read(sock, buf, p);
    return p.release();
}

}  // namespace

TEST_SUITE("server/http") {
    TEST_CASE("serves JSON with Content-Length over keep-alive, writes a kubeconfig, refuses a taken port") {
        kubesim::cluster c;
        c.init();
        kubesim::api_server s(c, {.speed = 0});
        CHECK(s.url() == "http://127.0.0.1:" + std::to_string(s.port()));
        http::response<http::string_body> v;
        with_client(s, [&] { v = request(s.port(), http::verb::get, "/version?timeout=5s"); });
        CHECK(v.result_int() == 200);
        CHECK(json::parse(v.body())["minor"] == "33");
        CHECK(v[http::field::content_type] == "application/json");

        const std::string path = "test_server_kubeconfig.yaml";
        s.write_kubeconfig(path);
        std::ifstream f(path);
        std::stringstream text;
        text << f.rdbuf();
        CHECK(text.str().find("    server: " + s.url() + "\n") != std::string::npos);
        CHECK(text.str().find("current-context: kubesim\n") != std::string::npos);
        CHECK(text.str().find("    insecure-skip-tls-verify: true\n") != std::string::npos);  // for client-node
        std::remove(path.c_str());

        CHECK_THROWS_WITH_AS(kubesim::api_server(c, {.port = s.port()}),
                             ("[kubesim.api-server] cannot listen on 127.0.0.1:" + std::to_string(s.port()) +
                              ": Address already in use")
                                 .c_str(),
                             kubesim::usage_error);
    }

    TEST_CASE("malformed HTTP gets 400, oversized bodies 413, unknown paths a 404 Status; nothing changes") {
        kubesim::cluster c;
        c.init();
        kubesim::api_server s(c, {.speed = 0});
        const auto rv = c.store().resource_version();
        std::string bad, big, nf;
        with_client(s, [&] {
            bad = raw_exchange(s.port(), "GARBAGE\r\n\r\n");
            std::string body(3 * 1024 * 1024 + 1, ' ');
            big = raw_exchange(s.port(),
                               "POST /api/v1/namespaces/default/configmaps HTTP/1.1\r\nHost: x\r\nContent-Type: "
                               "application/json\r\nContent-Length: " +
                                   std::to_string(body.size()) + "\r\n\r\n" + body);
            nf = request(s.port(), http::verb::get, "/no/such/path").body();
        });
        CHECK(bad.rfind("HTTP/1.1 400 Bad Request\r\n", 0) == 0);
        CHECK(big.rfind("HTTP/1.1 413 Request Entity Too Large\r\n", 0) == 0);
        CHECK(big.find("\"message\":\"Request entity too large: limit is 3145728\"") != std::string::npos);
        CHECK(json::parse(nf)["code"] == 404);
        CHECK(c.store().resource_version() == rv);
        for (int i = 0; i < 200 && s.open_connections() > 0; ++i) s.poll(5ms);
        CHECK(s.open_connections() == 0);
    }

    TEST_CASE("a watch is a chunked stream; the server's writes reach it; closing it frees the watcher") {
        kubesim::cluster c;
        c.init();
        kubesim::api_server s(c, {.speed = 0});
        std::atomic<bool> watching{false};
        std::string got;
        bool applied = false;
        with_client(
            s,
            [&] {
                asio::io_context ioc;
                tcp::socket sock(ioc);
                sock.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(s.port())});
                const std::string req =
                    "GET /api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0 HTTP/1.1\r\nHost: x\r\n\r\n";
                asio::write(sock, asio::buffer(req));
                std::array<char, 4096> buf{};
                while (got.find("\"name\":\"cm1\"") == std::string::npos) {
                    const auto n = sock.read_some(asio::buffer(buf));
                    got.append(buf.data(), n);
                    if (got.find("\r\n\r\n") != std::string::npos) watching = true;
                }
            },
            [&] {
                if (watching && !applied) {
                    applied = true;
                    c.apply(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1"},"data":{"a":"b"}})");
                }
            });
        CHECK(got.find("Transfer-Encoding: chunked\r\n") != std::string::npos);
        CHECK(got.find("\"type\":\"ADDED\"") != std::string::npos);
        for (int i = 0; i < 100 && s.open_streams() > 0; ++i) s.poll(5ms);
        CHECK(s.open_streams() == 0);
    }

    TEST_CASE("a watcher that stops reading is cut off instead of queueing without end") {
        kubesim::cluster c;
        c.init();
        c.apply(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"big"},"data":{"a":"b"}})");
        kubesim::api_server s(c, {.speed = 0});
        std::atomic<int> phase{0};
        with_client(
            s,
            [&] {
                asio::io_context ioc;
                tcp::socket sock(ioc);
                sock.connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(s.port())});
                const std::string req = "GET /api/v1/namespaces/default/configmaps?watch=true HTTP/1.1\r\nHost: x\r\n\r\n";
                asio::write(sock, asio::buffer(req));
                std::array<char, 64> buf{};
                sock.read_some(asio::buffer(buf));  // the headers have come; from now on nothing is read
                phase = 1;
                while (phase != 2) std::this_thread::sleep_for(1ms);
            },
            [&] {
                if (phase != 1) return;
                // ~900 KiB per event (a ConfigMap holds at most 1 MiB), 100 events:
                // more than a client may have queued.
                const std::string blob(900 * 1024, 'x');
                auto cms = c.client<kubesim::api::config_map>();
                for (int i = 0; i < 100; ++i) {
                    auto cm = cms.get("big").value();
                    cm.data["a"] = blob + std::to_string(i);
                    cms.update(cm).value();
                    s.poll(0ms);
                }
                for (int i = 0; i < 200 && s.open_streams() > 0; ++i) s.poll(5ms);
                phase = 2;
            });
        CHECK(s.open_streams() == 0);
    }

    TEST_CASE("1,000 concurrent watches are served and all freed when their clients go away") {
        kubesim::cluster c;
        c.init();
        kubesim::api_server s(c, {.speed = 0});
        std::atomic<int> phase{0};
        std::size_t peak = 0;
        with_client(
            s,
            [&] {
                asio::io_context ioc;
                std::vector<tcp::socket> socks;
                for (int i = 0; i < 1000; ++i) {
                    socks.emplace_back(ioc);
                    socks.back().connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(s.port())});
                    const std::string req = "GET /api/v1/pods?watch=true HTTP/1.1\r\nHost: x\r\n\r\n";
                    asio::write(socks.back(), asio::buffer(req));
                }
                for (auto& sock : socks) {  // every one has its headers
                    std::string head;
                    std::array<char, 1024> buf{};
                    while (head.find("\r\n\r\n") == std::string::npos) head.append(buf.data(), sock.read_some(asio::buffer(buf)));
                }
                phase = 1;
                while (phase != 2) std::this_thread::sleep_for(1ms);
                for (auto& sock : socks) sock.close();
            },
            [&] {
                if (phase == 1) {
                    peak = s.open_streams();
                    phase = 2;
                }
            });
        CHECK(peak == 1000);
        for (int i = 0; i < 400 && s.open_streams() > 0; ++i) s.poll(5ms);
        CHECK(s.open_streams() == 0);
    }

    TEST_CASE("exec over WebSocket v5.channel.k8s.io: stdout on channel 1, the exit status on channel 3") {
        kubesim::cluster c;
        c.init();
        c.apply(R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"box"},
                    "spec":{"containers":[{"name":"main","image":"busybox:1.36","command":["sleep","3600"]}]}})");
        REQUIRE(c.wait_for("pod/box"));
        kubesim::api_server s(c, {.speed = 0});
        // The frames an exec sends back; with stdin, the data goes on channel 0,
        // then v5's close signal for channel 0.
        const auto exec = [&](const std::string& query, const std::string* stdin_data = nullptr) {
            std::vector<std::string> frames;
            asio::io_context ioc;
            websocket::stream<tcp::socket> ws(ioc);
            ws.next_layer().connect({asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(s.port())});
            ws.set_option(websocket::stream_base::decorator([](websocket::request_type& r) {
                r.set(http::field::sec_websocket_protocol, "v5.channel.k8s.io");
            }));
            websocket::response_type res;
            ws.handshake(res, "127.0.0.1", "/api/v1/namespaces/default/pods/box/exec?" + query);
            CHECK(res[http::field::sec_websocket_protocol] == "v5.channel.k8s.io");
            if (stdin_data) {
                ws.binary(true);
                ws.write(asio::buffer(std::string(1, '\x00') + *stdin_data));
                ws.write(asio::buffer(std::string("\xff\x00", 2)));
            }
            for (;;) {
                beast::flat_buffer b;
                beast::error_code ec;
                ws.read(b, ec);
                if (ec) break;
                frames.push_back(beast::buffers_to_string(b.data()));
            }
            return frames;
        };
        std::vector<std::string> ok, fail, in;
        with_client(s, [&] {
            ok = exec("command=echo&command=hi&container=main&stdout=true&stderr=true");
            fail = exec("command=sh&command=-c&command=exit%203&stdout=true&stderr=true");
            const std::string hello = "hello\n";
            in = exec("command=cat&stdin=true&stdout=true", &hello);
        });
        REQUIRE(in.size() == 2);
        CHECK(in[0] == std::string("\x01hello\n"));
        REQUIRE(ok.size() == 2);
        CHECK(ok[0] == std::string("\x01hi\n"));
        CHECK(ok[1] == std::string("\x03{\"metadata\":{},\"status\":\"Success\"}"));
        REQUIRE(fail.size() == 1);
        CHECK(fail[0][0] == 3);
        auto st = json::parse(fail[0].substr(1));
        CHECK(st["reason"] == "NonZeroExitCode");
        CHECK(st["details"]["causes"][0]["message"] == "3");
    }
}
