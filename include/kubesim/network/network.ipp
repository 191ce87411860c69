// Definitions of network/network.hpp.
#pragma once

#include <kubesim/network/network.hpp>

#include <kubesim/sim/awaitables.hpp>
#include <kubesim/store/service_allocator.hpp>

namespace kubesim::net {

std::string format_ip(ip_t ip) { return store::ipv4_cidr::format_ip(ip); }
std::optional<ip_t> parse_ip(std::string_view s) { return store::ipv4_cidr::parse_ip(s); }

const endpoint* service_route::pick() {
    std::size_t n_ready = 0, n_serving = 0;
    for (const auto& e : endpoints) {
        if (e.ready) ++n_ready;
        else if (e.serving && e.terminating) ++n_serving;
    }
    const bool use_ready = n_ready > 0;
    const std::size_t n = use_ready ? n_ready : n_serving;
    if (n == 0) return nullptr;
    std::size_t k = static_cast<std::size_t>(next++ % n);
    for (const auto& e : endpoints) {
        const bool ok = use_ready ? e.ready : (!e.ready && e.serving && e.terminating);
        if (ok && k-- == 0) return &e;
    }
    return nullptr;
}

network::network(sim::engine& e, latency_fn latency) : eng_(&e), latency_(std::move(latency)), tasks_(e) {}

void network::set_faults(fault_options f, sim::random rng) {
    faults_ = std::move(f);
    rng_ = rng;
    const double p = faults_.drop_probability;
    // 2^64 * p, saturated: rng_.next() < threshold has probability p.
    drop_threshold_ = !(p > 0.0) ? 0 : p >= 1.0 ? UINT64_MAX : static_cast<std::uint64_t>(p * 18446744073709551616.0);
}

void network::set_node_down(std::string_view node, bool down) {
    if (down) down_.emplace(node);
    else if (auto it = down_.find(node); it != down_.end()) down_.erase(it);
}

void network::add_partition(std::set<std::string, std::less<>> side_a, std::set<std::string, std::less<>> side_b) {
    partitions_.emplace_back(std::move(side_a), std::move(side_b));
}

bool network::reachable(std::string_view from_node, std::string_view to_node) const {
    if (!to_node.empty() && node_down(to_node)) return false;
    if (!from_node.empty() && node_down(from_node)) return false;
    if (from_node.empty() || to_node.empty() || from_node == to_node) return true;
    for (const auto& [a, b] : partitions_) {
        const bool fa = a.count(from_node) != 0, fb = b.count(from_node) != 0;
        const bool ta = a.count(to_node) != 0, tb = b.count(to_node) != 0;
        if ((fa && tb) || (fb && ta)) return false;
    }
    return true;
}

std::optional<sim::duration> network::path(const std::vector<hop>& hops) {
    sim::duration total{};
    for (const auto& h : hops) {
        if (!reachable(h.from_node, h.to_node)) return std::nullopt;
        if (drop_threshold_ != 0 && rng_.next() < drop_threshold_) return std::nullopt;
        if (faults_.random_latency) total += faults_.random_latency(h, rng_);
        else if (latency_) total += latency_(h);
    }
    return total;
}

void network::remove_node_name(std::string_view name) {
    auto it = node_names_.find(name);
    if (it == node_names_.end()) return;
    node_ips_.erase(it->second);
    node_names_.erase(it);
}

void network::remove_host(ip_t ip) {
    hosts_.erase(ip);
    auto it = listeners_.lower_bound({ip, 0});
    while (it != listeners_.end() && it->first.first == ip) it = listeners_.erase(it);
}

const std::string* network::host_node(ip_t ip) const {
    auto it = hosts_.find(ip);
    return it == hosts_.end() ? nullptr : &it->second;
}

void network::add_node_name(std::string name, ip_t ip) {
    node_names_[std::move(name)] = ip;
    node_ips_.emplace(ip);
}

bool network::listen(ip_t ip, std::int32_t port, handler fn, std::uint64_t owner) {
    auto [it, inserted] = listeners_.try_emplace({ip, port});
    if (!inserted) return false;
    it->second = std::make_shared<listener>(listener{std::move(fn), owner});
    return true;
}

void network::close_owner(ip_t ip, std::uint64_t owner) {
    auto it = listeners_.lower_bound({ip, 0});
    while (it != listeners_.end() && it->first.first == ip) {
        if (it->second->owner == owner) it = listeners_.erase(it);
        else ++it;
    }
}

void network::set_service_route(ip_t cluster_ip, std::int32_t port, std::shared_ptr<service_route> r) {
    if (r) services_[{cluster_ip, port}] = std::move(r);
    else services_.erase({cluster_ip, port});
}

void network::set_node_port(std::int32_t port, std::shared_ptr<service_route> r) {
    if (r) node_ports_[port] = std::move(r);
    else node_ports_.erase(port);
}

service_route* network::route(ip_t ip, std::int32_t port) const {
    if (auto it = services_.find({ip, port}); it != services_.end()) return it->second.get();
    if (is_node_ip(ip))
        if (auto it = node_ports_.find(port); it != node_ports_.end()) return it->second.get();
    return nullptr;
}

std::optional<dns_answer> network::resolve(const origin& from, std::string_view name) const {
    if (auto ip = parse_ip(name)) return dns_answer{std::string(name), {*ip}};
    if (name == "localhost") return dns_answer{"localhost", {from.ip}};
    std::string_view bare = name;
    const bool absolute = !bare.empty() && bare.back() == '.';
    if (absolute) bare.remove_suffix(1);
    if (from.dns.cluster_dns && resolver_) {
        int dots = 0;
        for (char c : bare) dots += c == '.';
        auto try_name = [&](const std::string& fqdn) { return resolver_(fqdn); };
        if (absolute || dots >= from.dns.ndots)
            if (auto a = try_name(std::string(bare))) return a;
        if (!absolute)
            for (const auto& s : from.dns.searches)
                if (auto a = try_name(std::string(bare) + "." + s)) return a;
        if (!absolute && dots < from.dns.ndots)
            if (auto a = try_name(std::string(bare))) return a;
    } else if (from.outside && resolver_) {
        // The node's resolver forwards fully qualified cluster names.
        if (auto a = resolver_(std::string(bare))) return a;
    }
    if (auto it = node_names_.find(bare); it != node_names_.end()) return dns_answer{std::string(bare), {it->second}};
    return std::nullopt;
}

subscription network::on_request(std::function<void(const request_event&)> fn) {
    const auto id = ++next_observer_;
    request_observers_.emplace(id, std::move(fn));
    return subscription([this, id] { request_observers_.erase(id); });
}

subscription network::on_response(std::function<void(const response_event&)> fn) {
    const auto id = ++next_observer_;
    response_observers_.emplace(id, std::move(fn));
    return subscription([this, id] { response_observers_.erase(id); });
}

sim::task<http::response> network::fetch(origin from, http::request req, sim::duration timeout) {
    const auto deadline = timeout.count() > 0 ? std::optional<sim::time_point>(eng_->now() + timeout) : std::nullopt;
    auto slot = std::make_shared<sim::oneshot<http::response>>(*eng_);
    const std::string url = req.url;
    tasks_.spawn(deliver(std::move(from), std::move(req), slot));
    auto r = co_await slot->wait(deadline);
    if (r) co_return std::move(*r);
    co_return failure(url, "context deadline exceeded (Client.Timeout exceeded while awaiting headers)");
}

sim::task<std::string> network::connect(origin from, std::string host, std::int32_t port, sim::duration timeout) {
    auto ans = resolve(from, host);
    if (!ans || ans->ips.empty()) co_return "dial tcp: lookup " + host + no_such_host(from);
    ip_t ip = ans->ips.front();
    const std::string addr = format_ip(ip) + ":" + std::to_string(port);
    std::string to_node;
    if (auto* r = route(ip, port)) {
        const endpoint* ep = r->pick();
        if (!ep) co_return "dial tcp " + addr + ": connect: connection refused";
        ip = ep->ip;
        port = ep->port;
    }
    const std::string* node = host_node(ip);
    if (!node) co_return "dial tcp " + addr + ": connect: no route to host";
    const auto there = path(legs(from, *node, ip, port, false));
    const auto back = there ? path(legs(from, *node, ip, port, true)) : std::nullopt;
    if (!back || *there + *back >= timeout) {
        // Lost (or slower than the dialer waits): the dialer gives up.
        co_await sim::sleep_for(*eng_, timeout);
        co_return "dial tcp " + addr + ": i/o timeout";
    }
    const auto lat = *there + *back;
    if (lat.count() > 0) co_await sim::sleep_for(*eng_, lat);
    if (!listening(ip, port)) co_return "dial tcp " + addr + ": connect: connection refused";
    co_return std::string();
}

http::response network::failure(std::string_view url, std::string msg) {
    http::response r;
    r.status = 0;
    r.error = url.empty() ? std::move(msg) : "Get \"" + std::string(url) + "\": " + msg;
    return r;
}

std::string network::no_such_host(const origin& from) const {
    if (from.dns.cluster_dns && !from.dns.nameserver.empty()) return " on " + from.dns.nameserver + ":53: no such host";
    return ": no such host";
}

std::vector<hop> network::legs(const origin& from, const std::string& to_node, ip_t to_ip, std::int32_t port,
                               bool response) const {
    std::vector<hop> out;
    const std::string from_ip = from.outside ? std::string() : format_ip(from.ip);
    if (from.outside) {
        out.push_back(hop{"", from.node, "", format_ip(from.ip), port, false});
        if (to_node != from.node) out.push_back(hop{from.node, to_node, format_ip(from.ip), format_ip(to_ip), port, false});
    } else {
        out.push_back(hop{from.node, to_node, from_ip, format_ip(to_ip), port, false});
    }
    if (response) {
        std::vector<hop> back;
        for (auto it = out.rbegin(); it != out.rend(); ++it)
            back.push_back(hop{it->to_node, it->from_node, it->to_ip, it->from_ip, it->port, true});
        return back;
    }
    return out;
}

// g++ counts a coroutine's frame as a type with linkage and warns that the
// lambda kept in it (finish) has none: -Wsubobject-linkage, a false positive
// (the frame belongs to this one function) that g++ only reports outside the
// main file, so in compiled mode.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif
sim::task<void> network::deliver(origin from, http::request req, std::shared_ptr<sim::oneshot<http::response>> slot) {
    const std::uint64_t id = ++next_request_;
    const std::string url_text = req.url;
    request_event ev;
    ev.id = id;
    ev.time = eng_->now();
    ev.from_ip = from.outside ? std::string() : format_ip(from.ip);
    ev.from_node = from.node;
    auto finish = [&](http::response r, std::vector<hop> back, sim::duration lat) {
        if (!response_observers_.empty()) {
            response_event re;
            re.id = id;
            re.time = eng_->now();
            re.from_ip = ev.from_ip;
            re.from_node = ev.from_node;
            re.to_ip = ev.to_ip;
            re.port = ev.port;
            re.service = ev.service;
            re.request = ev.request;
            re.response = r;
            re.hops = std::move(back);
            re.latency = lat;
            notify(response_observers_, re);
        }
        slot->set(std::move(r));
    };
    std::string err;
    auto u = http::parse_url(req.url, err);
    if (!u) {
        ev.request = req;
        notify(request_observers_, ev);
        finish(failure({}, err), {}, {});
        co_return;
    }
    ev.port = u->port;
    auto ans = resolve(from, u->host);
    if (!ans || ans->ips.empty()) {
        ev.request = req;
        notify(request_observers_, ev);
        finish(failure(url_text, "dial tcp: lookup " + u->host + no_such_host(from)), {}, {});
        co_return;
    }
    ip_t ip = ans->ips.front();
    std::int32_t port = u->port;
    const std::string addr = format_ip(ip) + ":" + std::to_string(port);
    bool refused = false;
    if (auto* r = route(ip, port)) {
        ev.service = r->service;
        if (const endpoint* ep = r->pick()) {
            ip = ep->ip;
            port = ep->port;
        } else {
            refused = true;
        }
    }
    const std::string* node = host_node(ip);
    ev.to_ip = refused ? std::string() : format_ip(ip);
    ev.port = port;
    std::vector<hop> there, back;
    if (node && !refused) {
        there = legs(from, *node, ip, port, false);
        back = legs(from, *node, ip, port, true);
    }
    // A lost leg: the request (or its answer) never arrives.
    const auto path_there = path(there);
    const auto path_back = path_there ? path(back) : std::nullopt;
    const bool lost_there = !path_there, lost_back = !path_back;
    const sim::duration lat_there = path_there.value_or(sim::duration{}), lat_back = path_back.value_or(sim::duration{});
    ev.latency = lat_there;
    if (!request_observers_.empty()) {
        ev.request = req;
        ev.hops = there;
        notify(request_observers_, ev);
    } else if (!response_observers_.empty()) {
        ev.request = req;
    }
    const sim::time_point sent = eng_->now();
    if (refused) {
        finish(failure(url_text, "dial tcp " + addr + ": connect: connection refused"), {}, {});
        co_return;
    }
    if (!node) {
        finish(failure(url_text, "dial tcp " + addr + ": connect: no route to host"), {}, {});
        co_return;
    }
    if (lost_there) co_return;
    if (lat_there.count() > 0) co_await sim::sleep_for(*eng_, lat_there);
    auto it = listeners_.find({ip, port});
    if (it == listeners_.end()) {
        const std::string target = format_ip(ip) + ":" + std::to_string(port);
        if (lost_back) co_return;
        if (lat_back.count() > 0) co_await sim::sleep_for(*eng_, lat_back);
        finish(failure(url_text, "dial tcp " + target + ": connect: connection refused"), back, eng_->now() - sent);
        co_return;
    }
    std::shared_ptr<listener> l = it->second;  // kept alive while it serves
    http::response resp;
    bool failed = false;
    try {
        resp = co_await l->fn(std::move(req));
    } catch (...) {
        failed = true;
    }
    if (failed) {
        resp = failure(url_text, "EOF");
    } else if (resp.status == 0 && resp.error.empty()) {
        resp.status = 200;
    }
    if (lost_back) co_return;
    if (lat_back.count() > 0) co_await sim::sleep_for(*eng_, lat_back);
    finish(std::move(resp), back, eng_->now() - sent);
}

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

}  // namespace kubesim::net
