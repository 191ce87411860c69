// web_cluster: what the browser page drives, a thin layer over kubesim's public
// API (cluster, typed clients, kubectl, on_request/on_response, trace). It holds
// no cluster logic of its own: it boots a kubesim::cluster, advances its clock
// by the page's frames, and condenses what the page draws into one compact JSON
// frame. Plain C++ (no emscripten), so that it builds natively too; binding.cpp
// exposes it to JavaScript with embind. docs/web.md.
#pragma once

#include <kubesim/kubesim.hpp>
#include <kubesim/kubectl/printers.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace kubesim::web {

struct boot_options {
    int nodes = 3;
    std::uint64_t seed = 0;
    // Simulated latency of each network hop (client -> node -> node), so that
    // requests take time the page can draw; 0 makes every request instantaneous.
    double hop_latency_ms = 1.0;
};

struct command_result {
    int exit_code = 0;
    std::string out;
    std::string err;
};

class web_cluster {
public:
    explicit web_cluster(boot_options opts = {}) : opts_(opts) { boot(); }

    // kubectl as a user types it after `kubectl`.
    command_result kubectl(std::string_view line, std::string_view stdin_text = {}) {
        auto r = cluster_->kubectl(line, stdin_text);
        return {r.exit_code, std::move(r.out), std::move(r.err)};
    }

    // Manifests as JSON (an object, an array, a v1 List) or a YAML stream: out
    // names what was stored ("pod/web"), one per line; err the reason nothing was.
    command_result apply(std::string_view text) {
        command_result r;
        try {
            const auto first = text.find_first_not_of(" \t\r\n");
            const bool json = first != std::string_view::npos && (text[first] == '{' || text[first] == '[');
            const auto stored = json ? cluster_->apply(text) : cluster_->apply_yaml(text);
            for (const auto& o : stored) {
                std::string kind = o.value("kind", "");
                for (auto& c : kind) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
                r.out += kind + "/" + o.at("metadata").value("name", "") + "\n";
            }
        } catch (const std::exception& e) {
            r.exit_code = 1;
            r.err = std::string(e.what()) + "\n";
        }
        return r;
    }

    void pause() { paused_ = true; }
    void resume() { paused_ = false; }
    [[nodiscard]] bool paused() const { return paused_; }
    // A new cluster with the same options (and seed): the same boot as the first.
    void reset() {
        request_sub_.reset();
        response_sub_.reset();
        cluster_.reset();
        boot();
    }

    // Simulated seconds since boot (after init()).
    [[nodiscard]] double now() const { return seconds(cluster_->now()); }

    // Runs the clock for wall_ms of the page's time at `speed` simulated seconds
    // per wall second, unless paused. Returns the simulated seconds it ran.
    double advance(double wall_ms, double speed) {
        if (paused_ || wall_ms <= 0 || speed <= 0) return 0;
        const auto d = sim::duration(static_cast<std::int64_t>(wall_ms * speed * 1000.0));
        cluster_->run_for(d);
        return static_cast<double>(d.count()) / 1e6;
    }

    // Runs one event of the engine (paused or not) and says what it did, one
    // line each: the simulated time, the objects it wrote (created, updated,
    // marked for deletion, deleted), the Kubernetes Events among them, the HTTP
    // requests and responses it sent or received, and its other trace lines. ""
    // when nothing is pending. The writes are read off the store's trace lines
    // ("<t>s apiserver VERB resource key rv=N"): nothing is listed per step.
    std::string step() {
        const auto events0 = events_.size();
        std::vector<std::string> lines;
        cluster_->trace().set_sink([&lines](std::string_view line) { lines.emplace_back(line); });
        const bool ran = cluster_->step();
        cluster_->trace().set_sink({});
        if (!ran) return {};
        std::string out = format_seconds(cluster_->now()) + "\n";
        std::string other;
        for (const auto& line : lines)
            if (!describe_write(line, out)) other += "  trace " + line + "\n";
        for (std::size_t i = events0; i < events_.size(); ++i) {
            const auto& e = events_[i];
            if (e["type"] == "request")
                out += "  request " + e["method"].get<std::string>() + " " + e["url"].get<std::string>() + " (" +
                       e["kind"].get<std::string>() + ")\n";
            else
                out += "  response " + std::to_string(e["status"].get<int>()) + " for " + e["url"].get<std::string>() +
                       (e["error"].get<std::string>().empty() ? "" : " (" + e["error"].get<std::string>() + ")") + "\n";
        }
        out += other;
        if (out.find('\n') == out.size() - 1) out.insert(out.size() - 1, " (an event that wrote and sent nothing)");
        return out;
    }

    // The compact frame the page draws (docs/web.md, "The frame"):
    // {"t","paused","nodes":[...],"pods":[...],"services":[...],"inflight":[...],
    //  "events":[...],"dropped"}; events are the requests and responses since the
    // previous frame.
    std::string frame() {
        using nlohmann::json;
        const auto t = cluster_->now();
        json f = json::object();
        f["t"] = seconds(t);
        f["paused"] = paused_;

        json nodes = json::array();
        auto node_list = cluster_->client<api::node>("").list();
        if (node_list) {
            for (const auto& n : node_list->items) {
                std::string ip;
                for (const auto& a : n.status.addresses)
                    if (a.type == "InternalIP") ip = a.address;
                bool ready = false;
                for (const auto& c : n.status.conditions)
                    if (c.type == "Ready") ready = c.status == "True";
                nodes.push_back({{"name", n.metadata.name}, {"ip", ip}, {"ready", ready},
                                 {"unschedulable", n.spec.unschedulable}});
            }
        }
        f["nodes"] = std::move(nodes);

        json pods = json::array();
        pods_by_ip_.clear();
        auto pod_list = cluster_->client<api::pod>("").list();
        if (pod_list) {
            for (auto& p : pod_list->items) {
                const auto s = kubectl::printers::summarize_pod(p, t);
                int restarts = 0;
                for (const auto& c : p.status.container_statuses) restarts += c.restart_count;
                bool ready = false;
                for (const auto& c : p.status.conditions)
                    if (c.type == "Ready") ready = c.status == "True";
                std::string owner;
                for (const auto& o : p.metadata.owner_references)
                    if (o.controller.value_or(false)) owner = o.kind + "/" + o.name;
                pods.push_back({{"ns", p.metadata.namespace_},
                                {"name", p.metadata.name},
                                {"phase", p.status.phase},
                                {"status", s.reason},
                                {"ready", ready},
                                {"containers", std::to_string(s.ready) + "/" + std::to_string(s.total)},
                                {"restarts", restarts},
                                {"owner", owner},
                                {"node", p.spec.node_name},
                                {"ip", p.status.pod_ip},
                                {"deleting", p.metadata.deletion_timestamp.has_value()},
                                {"labels", p.metadata.labels}});
                if (!p.status.pod_ip.empty()) pods_by_ip_[p.status.pod_ip] = std::move(p);
            }
        }
        f["pods"] = std::move(pods);

        // Ready endpoints per Service, from its EndpointSlices: pod names (an address
    // for an endpoint that is no pod).
        std::map<std::string, json> ready_endpoints;
        if (auto slices = cluster_->client<api::endpoint_slice>("").list()) {
            for (const auto& s : slices->items) {
                auto it = s.metadata.labels.find("kubernetes.io/service-name");
                if (it == s.metadata.labels.end()) continue;
                auto& list = ready_endpoints[s.metadata.namespace_ + "/" + it->second];
                if (list.is_null()) list = json::array();
                for (const auto& e : s.endpoints) {
                    if (!e.conditions.ready.value_or(false)) continue;
                    if (e.target_ref)
                        list.push_back(e.target_ref->name);  // a pod
                    else if (!e.addresses.empty())
                        list.push_back(e.addresses.front());  // the API server's own address
                }
            }
        }
        json services = json::array();
        if (auto svc_list = cluster_->client<api::service>("").list()) {
            for (const auto& s : svc_list->items) {
                json ports = json::array();
                for (const auto& p : s.spec.ports) {
                    ports.push_back({{"port", p.port},
                                     {"targetPort", p.target_port.is_string ? json(p.target_port.str_val)
                                                                            : json(p.target_port.int_val)},
                                     {"nodePort", p.node_port}});
                }
                auto eps = ready_endpoints[s.metadata.namespace_ + "/" + s.metadata.name];
                services.push_back({{"ns", s.metadata.namespace_},
                                    {"name", s.metadata.name},
                                    {"type", s.spec.type},
                                    {"clusterIP", s.spec.cluster_ip},
                                    {"ports", std::move(ports)},
                                    {"selector", s.spec.selector},
                                    {"ready", eps.is_null() ? json::array() : std::move(eps)}});
            }
        }
        f["services"] = std::move(services);

        json inflight = json::array();
        for (const auto& [id, r] : inflight_) inflight.push_back(r);
        f["inflight"] = std::move(inflight);
        json events = json::array();
        for (auto& e : events_) events.push_back(std::move(e));
        events_.clear();
        f["events"] = std::move(events);
        f["dropped"] = std::exchange(dropped_, 0);
        return f.dump();
    }

    [[nodiscard]] cluster& raw() { return *cluster_; }

private:
    static constexpr std::size_t max_events = 4096;  // kept between two frames; older ones are dropped (counted)

    [[nodiscard]] double seconds(sim::time_point t) const {
        return static_cast<double>((t - boot_time_).count()) / 1e6;
    }
    [[nodiscard]] std::string format_seconds(sim::time_point t) const {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%.6fs", seconds(t));
        return buf;
    }

    // One store write from its trace line ("<t>s apiserver VERB resource
    // [namespace/]name rv=N"), as "  created pods default/web-1" (an Event
    // created: its type, reason, object and message). false: not a write.
    bool describe_write(std::string_view line, std::string& out) {
        constexpr std::string_view component = "s apiserver ";
        const auto at = line.find(component);
        if (at == std::string_view::npos) return false;
        std::string_view rest = line.substr(at + component.size());
        const auto next = [&rest] {
            const auto sp = rest.find(' ');
            const auto word = rest.substr(0, sp);
            rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
            return word;
        };
        const auto verb = next();
        const auto resource = next();
        const auto key = next();
        if (verb == "CREATE" && resource == "events") {
            const auto slash = key.find('/');
            const auto ev = cluster_->client<api::event>(std::string(key.substr(0, slash)))
                                .get(std::string(key.substr(slash + 1)));
            if (ev) {
                out += "  event " + ev->type + " " + ev->reason + " " + ev->involved_object.kind + "/" +
                       ev->involved_object.name + ": " + ev->message + "\n";
                return true;
            }
        }
        const char* what = verb == "CREATE"            ? "created"
                           : verb == "DELETE"          ? "deleted"
                           : verb == "DELETE(pending)" ? "deleting"
                                                       : "updated";
        out += std::string("  ") + what + " " + std::string(resource) + " " + std::string(key) + "\n";
        return true;
    }

    void boot() {
        cluster_options o;
        o.nodes = opts_.nodes;
        o.seed = opts_.seed;
        const auto hop = sim::duration(static_cast<std::int64_t>(opts_.hop_latency_ms * 1000.0));
        hop_ = hop;
        if (hop.count() > 0) o.latency = [hop](const net::hop&) { return hop; };
        cluster_ = std::make_unique<cluster>(std::move(o));
        cluster_->init();
        boot_time_ = cluster_->now();
        inflight_.clear();
        events_.clear();
        dropped_ = 0;
        pods_by_ip_.clear();
        request_sub_ = cluster_->on_request([this](const net::request_event& e) { on_request(e); });
        response_sub_ = cluster_->on_response([this](const net::response_event& e) { on_response(e); });
    }

    nlohmann::json hops_json(const std::vector<net::hop>& hops, sim::time_point start) const {
        nlohmann::json out = nlohmann::json::array();
        auto at = start;
        for (const auto& h : hops) {
            out.push_back({{"from", h.from_node}, {"to", h.to_node}, {"fromIp", h.from_ip}, {"toIp", h.to_ip},
                           {"at", seconds(at)}});
            at += hop_;
        }
        return out;
    }

    static std::string header(const http::request& r, std::string_view name) {
        for (const auto& [k, v] : r.headers) {
            if (k.size() != name.size()) continue;
            bool same = true;
            for (std::size_t i = 0; i < k.size() && same; ++i)
                same = (k[i] | 0x20) == (name[i] | 0x20);
            if (same) return v;
        }
        return {};
    }

    static std::string url_path(const std::string& url) {
        auto scheme = url.find("://");
        auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
        if (slash == std::string::npos) return "/";
        auto q = url.find('?', slash);
        return url.substr(slash, q == std::string::npos ? std::string::npos : q - slash);
    }

    // "traffic", or which probe: kubelet probes carry User-Agent kube-probe/...,
    // and the pod they reach says which of its probes has that port and path.
    std::string request_kind(const net::request_event& e) {
        if (header(e.request, "User-Agent").rfind("kube-probe/", 0) != 0) return "traffic";
        auto it = pods_by_ip_.find(e.to_ip);
        if (it == pods_by_ip_.end()) {
            refresh_pods_by_ip();
            it = pods_by_ip_.find(e.to_ip);
            if (it == pods_by_ip_.end()) return "probe";
        }
        const auto path = url_path(e.request.url);
        for (const auto& c : it->second.spec.containers) {
            const auto port_of = [&c](const api::int_or_string& p) {
                if (!p.is_string) return p.int_val;
                for (const auto& cp : c.ports)
                    if (cp.name == p.str_val) return cp.container_port;
                return std::int32_t{-1};
            };
            const std::pair<const char*, const api::box<api::probe>*> probes[] = {
                {"startup", &c.startup_probe}, {"liveness", &c.liveness_probe}, {"readiness", &c.readiness_probe}};
            for (const auto& [name, pr] : probes) {
                if (!*pr || !(*pr)->http_get) continue;
                const auto& g = *(*pr)->http_get;
                if (port_of(g.port) == e.port && (g.path.empty() ? std::string("/") : g.path) == path) return name;
            }
        }
        return "probe";
    }

    void refresh_pods_by_ip() {
        pods_by_ip_.clear();
        if (auto l = cluster_->client<api::pod>("").list())
            for (auto& p : l->items)
                if (!p.status.pod_ip.empty()) pods_by_ip_[p.status.pod_ip] = std::move(p);
    }

    void push_event(nlohmann::json e) {
        if (events_.size() >= max_events) {
            events_.pop_front();
            ++dropped_;
        }
        events_.push_back(std::move(e));
    }

    void on_request(const net::request_event& e) {
        nlohmann::json r = {{"id", e.id},
                            {"kind", request_kind(e)},
                            {"method", e.request.method},
                            {"url", e.request.url},
                            {"fromIp", e.from_ip},
                            {"fromNode", e.from_node},
                            {"toIp", e.to_ip},
                            {"port", e.port},
                            {"service", e.service},
                            {"sent", seconds(e.time)},
                            {"hops", hops_json(e.hops, e.time)}};
        inflight_[e.id] = r;
        r["type"] = "request";
        push_event(std::move(r));
    }

    void on_response(const net::response_event& e) {
        std::string kind = "traffic";
        if (auto it = inflight_.find(e.id); it != inflight_.end()) {
            kind = it->second["kind"].get<std::string>();
            inflight_.erase(it);
        }
        // The response legs ended now; they started one hop latency per leg earlier.
        const auto back_start = e.time - hop_ * static_cast<std::int64_t>(e.hops.size());
        const bool failed = e.response.status == 0 || e.response.status >= 400;
        push_event({{"type", "response"},
                    {"id", e.id},
                    {"kind", kind},
                    {"status", e.response.status},
                    {"error", e.response.error},
                    {"failed", failed},
                    {"url", e.request.url},
                    {"service", e.service},
                    {"received", seconds(e.time)},
                    {"latencyMs", static_cast<double>(e.latency.count()) / 1e3},
                    {"hops", hops_json(e.hops, back_start)}});
    }

    boot_options opts_;
    std::unique_ptr<cluster> cluster_;
    sim::time_point boot_time_{};
    sim::duration hop_{};
    bool paused_ = false;
    subscription request_sub_, response_sub_;
    std::map<std::uint64_t, nlohmann::json> inflight_;  // request id -> its request entry
    std::deque<nlohmann::json> events_;
    std::uint64_t dropped_ = 0;
    std::map<std::string, api::pod> pods_by_ip_;  // as of the last frame (or later miss), for probe kinds
};

}  // namespace kubesim::web
