// Definitions of server/api_server.hpp: the HTTP/1.1 and WebSocket front end
// (Boost.Beast over Boost.Asio, one io_context, one thread) of rest_api.
#pragma once

#include <kubesim/server/api_server.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <deque>
#include <exception>
#include <fstream>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>

#include <kubesim/cluster.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/server/rest.hpp>

namespace kubesim::server::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = asio::ip::tcp;
using wall_clock = std::chrono::steady_clock;

// etcd's request size limit, which kube-apiserver enforces on bodies.
inline constexpr std::size_t max_body = 3 * 1024 * 1024;
// What a streamed response may have queued for a client that does not read.
inline constexpr std::size_t max_queued = 64 * 1024 * 1024;

KUBESIM_DECL const char* reason_phrase(int code) {
    switch (code) {
        case 101: return "Switching Protocols";
        case 200: return "OK";
        case 201: return "Created";
        case 202: return "Accepted";
        case 400: return "Bad Request";
        case 401: return "Unauthorized";
        case 403: return "Forbidden";
        case 404: return "Not Found";
        case 405: return "Method Not Allowed";
        case 406: return "Not Acceptable";
        case 409: return "Conflict";
        case 410: return "Gone";
        case 413: return "Request Entity Too Large";
        case 415: return "Unsupported Media Type";
        case 422: return "Unprocessable Entity";
        case 429: return "Too Many Requests";
        case 500: return "Internal Server Error";
        case 503: return "Service Unavailable";
        default: return "Unknown";
    }
}

KUBESIM_DECL std::string head(const response& r, bool chunked, bool close) {
    std::string h = "HTTP/1.1 " + std::to_string(r.status) + " " + reason_phrase(r.status) + "\r\n";
    h += "Cache-Control: no-cache, private\r\n";
    h += "Content-Type: " + r.content_type + "\r\n";
    for (const auto& [k, v] : r.headers) h += k + ": " + v + "\r\n";
    if (chunked) h += "Transfer-Encoding: chunked\r\n";
    else h += "Content-Length: " + std::to_string(r.body.size()) + "\r\n";
    if (close) h += "Connection: close\r\n";
    return h + "\r\n";
}

// The line before a chunk of `size` bytes (the chunk's data then ends with CRLF).
KUBESIM_DECL std::string chunk_head(std::size_t size) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string len;
    for (std::size_t n = size; n; n >>= 4) len.insert(len.begin(), hex[n & 15]);
    return len + "\r\n";
}

KUBESIM_DECL std::string status_json(std::string reason, int code, std::string message) {
    return std::string("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\"") +
           message + "\",\"reason\":\"" + reason + "\",\"code\":" + std::to_string(code) + "}";
}

struct server_state;

// One HTTP connection: requests in turn (keep-alive), and at most one
// streamed response, after which the connection closes.
class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket s, server_state& st) : socket_(std::move(s)), st_(&st) {}

    void start() { read_request(); }
    void close();
    void flush();  // writes what the open stream has ready
    [[nodiscard]] bool streaming() const { return stream_ != nullptr; }
    [[nodiscard]] bool closed() const { return closed_; }

private:
    void read_request();
    void on_request(beast::error_code ec);
    // Queues head then body, written together (one gather write, no copy of the body).
    void send(std::string head, bool then_close = false, std::string body = {});
    void write_next();
    void watch_for_close();
    void linger_close();
    void exec(http::request<http::string_body> req);

    tcp::socket socket_;
    server_state* st_;
    beast::flat_buffer buf_{};
    std::optional<http::request_parser<http::string_body>> parser_{};
    struct outgoing {
        std::string head, body;
        bool then_close;
    };
    std::deque<outgoing> out_{};
    std::size_t queued_{0};  // bytes in out_
    bool writing_{false};
    bool closed_{false};
    std::shared_ptr<body_stream> stream_{};
    std::optional<wall_clock::time_point> stream_deadline_{};
    std::array<char, 4096> sink_{};
    std::size_t drained_{0};
};

// One exec over WebSocket (channel protocol v5.channel.k8s.io, or v4).
class exec_session : public std::enable_shared_from_this<exec_session> {
public:
    exec_session(tcp::socket s, server_state& st, exec_request e, std::string protocol)
        : ws_(std::move(s)), st_(&st), e_(std::move(e)), protocol_(std::move(protocol)) {}
    void start(http::request<http::string_body> req);

private:
    void read_stdin();
    void run();
    void send(char channel, std::string_view data);
    void write_next();

    websocket::stream<tcp::socket> ws_;
    asio::steady_timer delay_{ws_.get_executor()};
    server_state* st_;
    exec_request e_;
    std::string protocol_;
    beast::flat_buffer buf_{};
    std::string stdin_{};
    std::deque<std::string> out_{};
    bool writing_{false};
    bool done_{false};
};

struct server_state {
    cluster* c;
    api_server_options opts;
    asio::io_context ioc{1};
    tcp::acceptor acceptor{ioc};
    rest_api api;
    std::vector<std::weak_ptr<session>> sessions{};
    std::size_t connections{0};
    wall_clock::time_point last{wall_clock::now()};
    double carry_us{0};
    bool stopped{false};

    server_state(cluster& cl, api_server_options o) : c(&cl), opts(std::move(o)), api(cl) {}

    void accept() {
        acceptor.async_accept([this](beast::error_code ec, tcp::socket s) {
            if (ec) {
                if (ec != asio::error::operation_aborted) accept();
                return;
            }
            // As Go's net package does for every TCP connection (so kube-apiserver
            // too): without it, a watch event written while the previous one is
            // unacknowledged waits for the client's delayed ACK (up to 40 ms).
            s.set_option(tcp::no_delay(true), ec);
            auto sess = std::make_shared<session>(std::move(s), *this);
            sessions.push_back(sess);
            sess->start();
            accept();
        });
    }

    // Runs what is due: the clock moves by speed x the wall time since the last call.
    void advance() {
        const auto wall = wall_clock::now();
        const double us = std::chrono::duration<double, std::micro>(wall - last).count() * opts.speed + carry_us;
        last = wall;
        const auto whole = static_cast<std::int64_t>(us);
        carry_us = us - static_cast<double>(whole);
        if (whole > 0) c->run_for(sim::duration(whole));
        else c->engine().run_due();
    }

    void flush() {
        sessions.erase(std::remove_if(sessions.begin(), sessions.end(), [](const auto& w) { return w.expired(); }),
                       sessions.end());
        for (auto& w : sessions)
            if (auto s = w.lock(); s && s->streaming()) s->flush();
    }
};

// ---- session ---------------------------------------------------------------------

KUBESIM_DECL void session::read_request() {
    parser_.emplace();
    parser_->body_limit(max_body);
    parser_->header_limit(1024 * 1024);
    auto self = shared_from_this();
    http::async_read(socket_, buf_, *parser_, [self](beast::error_code ec, std::size_t) { self->on_request(ec); });
}

KUBESIM_DECL void session::on_request(beast::error_code ec) {
    if (closed_) return;
    if (ec == http::error::body_limit) {
        response r;
        r.status = 413;
        r.body = status_json("RequestEntityTooLarge", 413,
                             "Request entity too large: limit is " + std::to_string(max_body));
        auto h = head(r, false, true);  // before the body moves out (argument order is unspecified)
        send(std::move(h), true, std::move(r.body));
        return;
    }
    if (ec == http::error::end_of_stream || ec == asio::error::eof || ec == asio::error::connection_reset ||
        ec == asio::error::operation_aborted) {
        close();
        return;
    }
    if (ec) {  // malformed HTTP: what Go's net/http answers
        send("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"
             "400 Bad Request",
             true);
        return;
    }
    auto msg = parser_->release();
    if (websocket::is_upgrade(msg)) {
        exec(std::move(msg));
        return;
    }
    request req;
    req.method = std::string(msg.method_string());
    req.target = std::string(msg.target());
    req.accept = std::string(msg[http::field::accept]);
    req.content_type = std::string(msg[http::field::content_type]);
    req.user_agent = std::string(msg[http::field::user_agent]);
    req.body = std::move(msg.body());
    const bool keep_alive = msg.keep_alive();
    response r;
    try {
        r = st_->api.handle(req);
    } catch (const std::exception& e) {
        r = response{};
        r.status = 500;
        r.body = status_json("InternalError", 500, std::string("Internal error occurred: ") + e.what());
    }
    st_->c->engine().run_due();  // what the request caused at this instant: watch deliveries, controllers
    if (r.stream) {
        stream_ = std::move(r.stream);
        if (auto t = stream_->timeout_seconds())
            stream_deadline_ = wall_clock::now() + std::chrono::milliseconds(static_cast<std::int64_t>(*t * 1000));
        send(head(r, true, false));
        flush();
        watch_for_close();
        st_->flush();
        return;
    }
    if (r.status == 204) r.body.clear();
    auto h = head(r, false, !keep_alive);  // before the body moves out
    send(std::move(h), !keep_alive, std::move(r.body));
    st_->flush();
    if (keep_alive) read_request();
}

// While a stream is open the client sends nothing: a read that completes
// means it went away (or broke the protocol), and the stream is dropped.
KUBESIM_DECL void session::watch_for_close() {
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(sink_), [self](beast::error_code ec, std::size_t) {
        if (ec) self->close();
        else self->watch_for_close();
    });
}

KUBESIM_DECL void session::flush() {
    if (!stream_ || closed_) return;
    // A watcher that does not read what it is sent is cut off, as kube-apiserver
    // closes a watch whose buffer stays full, rather than queueing without end.
    if (queued_ > max_queued) {
        close();
        return;
    }
    std::string data = stream_->take();
    if (!data.empty()) {
        const auto size = data.size();
        data += "\r\n";
        send(chunk_head(size), false, std::move(data));
    }
    const bool timed_out = stream_deadline_ && wall_clock::now() >= *stream_deadline_;
    if (stream_->finished() || timed_out) {
        stream_.reset();
        send("0\r\n\r\n", true);
    }
}

KUBESIM_DECL void session::send(std::string head, bool then_close, std::string body) {
    queued_ += head.size() + body.size();
    out_.push_back({std::move(head), std::move(body), then_close});
    if (!writing_) write_next();
}

KUBESIM_DECL void session::write_next() {
    if (out_.empty() || closed_) {
        writing_ = false;
        return;
    }
    writing_ = true;
    auto self = shared_from_this();
    const auto& front = out_.front();
    const std::array<asio::const_buffer, 2> buffers{asio::buffer(front.head), asio::buffer(front.body)};
    asio::async_write(socket_, buffers, [self](beast::error_code ec, std::size_t) {
        const bool then_close = self->out_.front().then_close;
        self->queued_ -= self->out_.front().head.size() + self->out_.front().body.size();
        self->out_.pop_front();
        if (ec) {
            self->close();
            return;
        }
        if (then_close) {
            self->linger_close();
            return;
        }
        self->write_next();
    });
}

// After a final response: no more writes, and what the client still sends (a
// body too large to read) is read and dropped, so the client sees the response
// rather than a reset connection.
KUBESIM_DECL void session::linger_close() {
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_send, ignored);
    stream_.reset();
    auto self = shared_from_this();
    socket_.async_read_some(asio::buffer(sink_), [self](beast::error_code ec, std::size_t n) {
        self->drained_ += n;
        if (ec || self->drained_ > 2 * max_body) self->close();
        else self->linger_close();
    });
}

KUBESIM_DECL void session::close() {
    if (closed_) return;
    closed_ = true;
    stream_.reset();  // a closed watch frees its watcher
    beast::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
}

KUBESIM_DECL void session::exec(http::request<http::string_body> req) {
    request r;
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    response err;
    std::optional<exec_request> e;
    try {
        e = st_->api.parse_exec(r, err);
    } catch (const std::exception& ex) {
        err.status = 500;
        err.body = status_json("InternalError", 500, std::string("Internal error occurred: ") + ex.what());
    }
    // The channel protocols kubesim speaks; kubectl 1.30+ offers v5 only.
    std::string protocol;
    const std::string offered(req[http::field::sec_websocket_protocol]);
    for (const char* p : {"v5.channel.k8s.io", "v4.channel.k8s.io"})
        if (offered.find(p) != std::string::npos) {
            protocol = p;
            break;
        }
    if (!e || protocol.empty()) {
        if (e) {
            err.status = 400;
            err.body = status_json("BadRequest", 400, "unable to upgrade connection: no supported channel protocol offered");
        }
        auto h = head(err, false, true);  // before the body moves out
        send(std::move(h), true, std::move(err.body));
        return;
    }
    closed_ = true;  // the socket now belongs to the WebSocket session
    auto ws = std::make_shared<exec_session>(std::move(socket_), *st_, std::move(*e), protocol);
    ws->start(std::move(req));
}

// ---- exec ------------------------------------------------------------------------

KUBESIM_DECL void exec_session::start(http::request<http::string_body> req) {
    ws_.set_option(websocket::stream_base::decorator([p = protocol_](websocket::response_type& res) {
        res.set(http::field::sec_websocket_protocol, p);
    }));
    ws_.binary(true);
    auto self = shared_from_this();
    ws_.async_accept(req, [self](beast::error_code ec) {
        if (ec) return;
        if (self->e_.stdin_) {
            self->read_stdin();
            return;
        }
        // kubectl 1.33's client-go starts reading the connection while it is still
        // setting up its streams, and drops a frame for a stream it has not set up
        // yet ("Unknown stream id 2, discarding message"): output sent the moment
        // the upgrade completes can be lost. A real exec's output never comes that
        // soon (API server, kubelet, container runtime); wait as long.
        self->delay_.expires_after(std::chrono::milliseconds(50));
        self->delay_.async_wait([self](beast::error_code) { self->run(); });
    });
}

// Collects stdin until the client closes it (v5: a close-signal frame for
// channel 0; otherwise the close of the WebSocket), then runs the command.
KUBESIM_DECL void exec_session::read_stdin() {
    auto self = shared_from_this();
    ws_.async_read(buf_, [self](beast::error_code ec, std::size_t) {
        if (self->done_) return;
        if (ec) {
            self->run();
            return;
        }
        const std::string msg = beast::buffers_to_string(self->buf_.data());
        self->buf_.consume(self->buf_.size());
        if (!msg.empty()) {
            const auto ch = static_cast<unsigned char>(msg[0]);
            if (ch == 0) self->stdin_.append(msg, 1);
            if (ch == 255 && msg.size() >= 2 && msg[1] == 0) {
                self->run();
                return;
            }
        }
        self->read_stdin();
    });
}

KUBESIM_DECL void exec_session::run() {
    if (done_) return;
    done_ = true;
    int code = 0;
    try {
        auto r = st_->c->exec(e_.namespace_, e_.pod, e_.container, e_.command, std::move(stdin_));
        code = r.exit_code;
        if (e_.stdout_ && !r.out.empty()) send(1, r.out);
        if (!r.err.empty()) {
            if (e_.tty) send(1, r.err);
            else if (e_.stderr_) send(2, r.err);
        }
        send(3, rest_api::exec_status(code));
    } catch (const api_error& ex) {
        send(3, status_json(ex.status().reason, ex.status().code, ex.status().message));
    } catch (const std::exception& ex) {
        send(3, status_json("InternalError", 500, std::string("Internal error occurred: ") + ex.what()));
    }
    st_->flush();
}

KUBESIM_DECL void exec_session::send(char channel, std::string_view data) {
    std::string frame(1, channel);
    frame.append(data);
    out_.push_back(std::move(frame));
    if (!writing_) write_next();
}

KUBESIM_DECL void exec_session::write_next() {
    auto self = shared_from_this();
    if (out_.empty()) {
        writing_ = false;
        if (done_) {
            ws_.async_close(websocket::close_code::normal, [self](beast::error_code) {
                // Read until the client's close frame arrives.
                self->ws_.async_read(self->buf_, [self](beast::error_code, std::size_t) {});
            });
        }
        return;
    }
    writing_ = true;
    ws_.async_write(asio::buffer(out_.front()), [self](beast::error_code ec, std::size_t) {
        self->out_.pop_front();
        if (ec) return;
        self->write_next();
    });
}

}  // namespace kubesim::server::detail

namespace kubesim {

struct api_server::impl {
    server::detail::server_state st;
    impl(cluster& c, api_server_options o) : st(c, std::move(o)) {}
};

api_server::api_server(cluster& c, api_server_options opts) {
    namespace d = server::detail;
    const std::string where = opts.address + ":" + std::to_string(opts.port);
    impl_ = std::make_unique<impl>(c, std::move(opts));
    auto& st = impl_->st;
    d::beast::error_code ec;
    const auto addr = d::asio::ip::make_address(st.opts.address, ec);
    if (ec) throw usage_error("[kubesim.api-server] cannot listen on " + where + ": " + ec.message());
    const d::tcp::endpoint ep(addr, static_cast<unsigned short>(st.opts.port));
    st.acceptor.open(ep.protocol(), ec);
    if (!ec) st.acceptor.set_option(d::asio::socket_base::reuse_address(true), ec);
    if (!ec) st.acceptor.bind(ep, ec);
    if (!ec) st.acceptor.listen(d::asio::socket_base::max_listen_connections, ec);
    if (ec) throw usage_error("[kubesim.api-server] cannot listen on " + where + ": " + ec.message());
    st.accept();
}

api_server::~api_server() {
    auto& st = impl_->st;
    server::detail::beast::error_code ec;
    st.acceptor.close(ec);
    for (auto& w : st.sessions)
        if (auto s = w.lock()) s->close();
    st.ioc.restart();
    st.ioc.poll();  // completes the aborted operations, freeing the sessions
}

int api_server::port() const { return impl_->st.acceptor.local_endpoint().port(); }

std::string api_server::url() const {
    return "http://" + impl_->st.opts.address + ":" + std::to_string(port());
}

void api_server::write_kubeconfig(const std::string& path) const {
    std::ofstream f(path);
    if (!f) throw usage_error("[kubesim.api-server] cannot write the kubeconfig " + path);
    // insecure-skip-tls-verify: @kubernetes/client-node (1.x) refuses an http://
    // server unless it is set; kubectl and client-go ignore it for plain HTTP.
    f << "apiVersion: v1\n"
         "kind: Config\n"
         "clusters:\n"
         "- cluster:\n"
         "    insecure-skip-tls-verify: true\n"
         "    server: "
      << url()
      << "\n"
         "  name: kubesim\n"
         "contexts:\n"
         "- context:\n"
         "    cluster: kubesim\n"
         "    namespace: default\n"
         "    user: kubesim\n"
         "  name: kubesim\n"
         "current-context: kubesim\n"
         "preferences: {}\n"
         "users:\n"
         "- name: kubesim\n"
         "  user: {}\n";
    if (!f) throw usage_error("[kubesim.api-server] cannot write the kubeconfig " + path);
}

void api_server::poll(std::chrono::milliseconds max_wait) {
    auto& st = impl_->st;
    using wall = server::detail::wall_clock;
    const auto deadline = wall::now() + max_wait;
    // A tick bounds how long the clock and open streams wait for I/O.
    constexpr auto tick = std::chrono::milliseconds(10);
    do {
        st.ioc.restart();
        st.ioc.run_one_until(std::min(deadline, wall::now() + tick));
        st.ioc.poll();
        st.advance();
        st.flush();
        st.ioc.poll();
    } while (wall::now() < deadline && !st.stopped);
}

void api_server::run() {
    impl_->st.stopped = false;
    while (!impl_->st.stopped) poll(std::chrono::milliseconds(100));
}

void api_server::stop() { impl_->st.stopped = true; }

std::size_t api_server::open_connections() const {
    std::size_t n = 0;
    for (const auto& w : impl_->st.sessions)
        if (auto s = w.lock(); s && !s->closed()) ++n;
    return n;
}

std::size_t api_server::open_streams() const { return impl_->st.api.open_streams(); }

}  // namespace kubesim
