// web_cluster: what the browser page drives, a thin layer over kubesim's public
// API (cluster, typed clients, kubectl, on_request/on_response, trace). It holds
// no cluster logic of its own: it boots a kubesim::cluster, advances its clock
// by the page's frames, and condenses what the page draws into one compact JSON
// frame. Plain C++ (no emscripten), so that it builds natively too; binding.cpp
// exposes it to JavaScript with embind. docs/web.md.
//
// What changed since the last frame is read off the store's trace lines
// ("<t>s apiserver VERB resource key rv=N", one per write): the frame lists
// nodes, pods and Services again only when one of their kinds was written, and
// the Events timeline (recent_events) remembers which Events were written last
// instead of listing them all.
#pragma once

#include <kubesim/kubesim.hpp>
#include <kubesim/kubectl/printers.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/task_group.hpp>

#include "demo/demo_images.hpp"
#include "demo/demo_manifest.hpp"

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
    web_cluster(const web_cluster&) = delete;
    web_cluster& operator=(const web_cluster&) = delete;
    ~web_cluster() { shut_down(); }

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

    // The demo application (web/demo/demo.yaml): applied like apply().
    command_result load_demo() { return apply(demo::manifest); }
    // Its manifest, as load_demo applies it.
    [[nodiscard]] static std::string demo_manifest() { return std::string(demo::manifest); }

    // An HTTP request from outside the cluster (entering at node-1, as
    // cluster.fetch), without running the clock: it leaves when the clock next
    // runs (advance, step, a kubectl that waits) and its answer arrives as the
    // clock advances. Returns its id: frame()'s "fetches" lists the answer
    // under it, and its request and response events carry it as "fetch".
    int fetch(std::string_view method, std::string_view url, std::string_view body) {
        const int id = ++next_fetch_;
        http::request req;
        req.method = method.empty() ? std::string("GET") : std::string(method);
        req.url = std::string(url);
        req.body = std::string(body);
        unsent_fetches_.push_back({id, req.method, req.url});
        fetch_tasks_->spawn(run_fetch(this, id, std::move(req)));
        return id;
    }

    // The demo's control port of a pod: action ready | not-ready | live |
    // not-live is POST http://<podIP>:9000/<action> through fetch(). out says
    // what was sent and its fetch id; a missing pod, a pod without an IP yet or
    // an unknown action is an error (exit 1) and sends nothing.
    command_result control(std::string_view ns, std::string_view pod, std::string_view action) {
        command_result r;
        if (action != "ready" && action != "not-ready" && action != "live" && action != "not-live") {
            r.exit_code = 1;
            r.err = "unknown action \"" + std::string(action) + "\": ready, not-ready, live or not-live\n";
            return r;
        }
        const std::string space = ns.empty() ? std::string("default") : std::string(ns);
        auto p = cluster_->client<api::pod>(space).get(std::string(pod));
        if (!p) {
            r.exit_code = 1;
            r.err = p.error().message + "\n";
            return r;
        }
        if (p->status.pod_ip.empty()) {
            r.exit_code = 1;
            r.err = "pod \"" + std::string(pod) + "\" in namespace \"" + space + "\" has no IP yet\n";
            return r;
        }
        const std::string url = "http://" + p->status.pod_ip + ":" + std::to_string(demo::control_port) + "/" +
                                std::string(action);
        const int id = fetch("POST", url, "");
        r.out = "POST " + url + " (fetch " + std::to_string(id) + ")\n";
        return r;
    }

    // A machine fault or a topology change: action stop | start | remove |
    // add (name "" = the next node-N). out says what was done; an unknown
    // node or action is an error (exit 1) and changes nothing.
    command_result node(std::string_view action, std::string_view name) {
        command_result r;
        try {
            if (action == "stop") {
                cluster_->stop_node(name);
                r.out = "node/" + std::string(name) + " stopped\n";
            } else if (action == "start") {
                cluster_->start_node(name);
                r.out = "node/" + std::string(name) + " started\n";
            } else if (action == "remove") {
                cluster_->remove_node(name);
                r.out = "node/" + std::string(name) + " removed\n";
            } else if (action == "add") {
                node_options o;
                o.name = std::string(name);
                r.out = "node/" + cluster_->add_node(std::move(o)) + " added\n";
            } else {
                r.exit_code = 1;
                r.err = "unknown node action \"" + std::string(action) + "\": stop, start, remove or add\n";
            }
        } catch (const std::exception& e) {
            r.exit_code = 1;
            r.err = std::string(e.what()) + "\n";
        }
        nodes_.dirty = true;
        return r;
    }

    // The newest Kubernetes Events, newest first (the order they were last
    // written: a repeated Event moves to the front), at most `limit`, as JSON:
    // [{namespace, name, type, reason, kind, object, message, count, source,
    //   firstTimestamp, lastTimestamp}], the times in simulated seconds since
    // boot. Reads only those Events from the store.
    std::string recent_events(int limit) {
        if (limit <= 0) return "[]";
        if (limit == recent_limit_ && events_seq_ == recent_seq_) return recent_json_;
        std::string out = "[";
        int n = 0;
        for (auto it = event_keys_.rbegin(); it != event_keys_.rend() && n < limit; ++it) {
            const auto slash = it->second.find('/');
            auto ev = cluster_->client<api::event>(it->second.substr(0, slash)).get(it->second.substr(slash + 1));
            if (!ev) continue;
            const auto when = [this](const std::optional<api::time>& t) {
                return t ? nlohmann::json(seconds(*t)) : nlohmann::json(nullptr);
            };
            auto last = ev->last_timestamp ? ev->last_timestamp : ev->event_time;
            nlohmann::json e = {{"namespace", ev->metadata.namespace_},
                                {"name", ev->metadata.name},
                                {"type", ev->type},
                                {"reason", ev->reason},
                                {"kind", ev->involved_object.kind},
                                {"object", ev->involved_object.name},
                                {"message", ev->message},
                                {"count", ev->count},
                                {"source", ev->source.component},
                                {"firstTimestamp", when(ev->first_timestamp)},
                                {"lastTimestamp", when(last)}};
            if (n++ > 0) out += ',';
            out += e.dump();
        }
        out += ']';
        recent_limit_ = limit;
        recent_seq_ = events_seq_;
        recent_json_ = out;
        return out;
    }

    void pause() { paused_ = true; }
    void resume() { paused_ = false; }
    [[nodiscard]] bool paused() const { return paused_; }
    // A new cluster with the same options (and seed): the same boot as the first.
    void reset() {
        shut_down();
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
        step_lines_ = &lines;
        const bool ran = cluster_->step();
        step_lines_ = nullptr;
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
    // {"dropped","events":[...],"fetches":[...],"inflight":[...],"nodes":[...],
    //  "paused","pods":[...],"services":[...],"t"}; events are the requests and
    // responses since the previous frame, fetches the answers fetch() got since.
    // The nodes, pods and services sections are kept as text between frames and
    // made again only when their kinds were written (EndpointSlices count for
    // services), so a frame of a cluster where only traffic moves costs its
    // events.
    std::string frame() { return make_frame(false); }

    // frame() without the nodes, pods and services sections that are the same
    // text as the last frame (of either kind) carried: a page that keeps the
    // sections it has parses only what changed, usually the events alone.
    std::string frame_delta() { return make_frame(true); }

    [[nodiscard]] cluster& raw() { return *cluster_; }

private:
    static constexpr std::size_t max_events = 4096;  // kept between two frames; older ones are dropped (counted)
    static constexpr std::size_t max_fetch_results = 4096;  // answers kept between two frames
    static constexpr std::size_t max_event_keys = 1024;  // Events remembered for recent_events

    // One section of the frame: its text, whether its kinds were written since
    // it was made, and whether a frame has carried this text yet.
    struct section {
        std::string json = "[]";
        bool dirty = true;
        bool sent = false;
        void set(std::string text) {
            dirty = false;
            if (text == json) return;
            json = std::move(text);
            sent = false;
        }
    };

    std::string make_frame(bool delta) {
        if (nodes_.dirty) rebuild_nodes();
        if (pods_.dirty) rebuild_pods();
        if (services_.dirty) rebuild_services();
        std::string f = "{\"dropped\":" + std::to_string(std::exchange(dropped_, 0)) + ",\"events\":[";
        bool first = true;
        for (const auto& e : events_) {
            if (!std::exchange(first, false)) f += ',';
            f += e.dump();
        }
        events_.clear();
        f += "],\"fetches\":[";
        first = true;
        for (const auto& e : fetch_results_) {
            if (!std::exchange(first, false)) f += ',';
            f += e.dump();
        }
        fetch_results_.clear();
        f += "],\"inflight\":[";
        first = true;
        for (const auto& [id, r] : inflight_) {
            if (!std::exchange(first, false)) f += ',';
            f += r.dump();
        }
        f += ']';
        const auto put = [&f, delta](const char* name, section& s) {
            if (delta && s.sent) return;
            s.sent = true;
            f += ",\"";
            f += name;
            f += "\":";
            f += s.json;
        };
        put("nodes", nodes_);
        f += ",\"paused\":";
        f += paused_ ? "true" : "false";
        put("pods", pods_);
        put("services", services_);
        f += ",\"t\":" + nlohmann::json(seconds(cluster_->now())).dump() + "}";
        return f;
    }

    void rebuild_nodes() {
        nlohmann::json nodes = nlohmann::json::array();
        if (auto node_list = cluster_->client<api::node>("").list()) {
            for (const auto& n : node_list->items) {
                std::string ip;
                for (const auto& a : n.status.addresses)
                    if (a.type == "InternalIP") ip = a.address;
                bool ready = false;
                for (const auto& c : n.status.conditions)
                    if (c.type == "Ready") ready = c.status == "True";
                nodes.push_back({{"name", n.metadata.name}, {"ip", ip}, {"ready", ready},
                                 {"unschedulable", n.spec.unschedulable},
                                 {"running", cluster_->node_running(n.metadata.name)}});
            }
        }
        nodes_.set(nodes.dump());
    }

    // A JSON string as nlohmann::json::dump writes it: quotes, backslashes and
    // control characters escaped, the rest (UTF-8) as it is.
    static void put_string(std::string& out, std::string_view s) {
        out += '"';
        for (const char ch : s) {
            const auto c = static_cast<unsigned char>(ch);
            switch (c) {
                case '"': out += "\\\""; break;
                case '\\': out += "\\\\"; break;
                case '\b': out += "\\b"; break;
                case '\f': out += "\\f"; break;
                case '\n': out += "\\n"; break;
                case '\r': out += "\\r"; break;
                case '\t': out += "\\t"; break;
                default:
                    if (c < 0x20) {
                        char buf[8];
                        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
                        out += buf;
                    } else {
                        out += ch;
                    }
            }
        }
        out += '"';
    }
    // ,"key": before a value ("key": first in an object).
    static void put_key(std::string& out, std::string_view key, bool first = false) {
        if (!first) out += ',';
        put_string(out, key);
        out += ':';
    }

    // The pods, and pods_by_ip_ for the probes' kinds: written as text from
    // the store's shared snapshots (no copy of a pod, no JSON tree), keys in
    // nlohmann's (alphabetical) order. summarize_pod's time only reaches the
    // RESTARTS cell's "(5s ago)", which the frame leaves out: the section
    // depends on the pods alone.
    void rebuild_pods() {
        pods_by_ip_.clear();
        pods_by_ip_stale_ = false;
        std::string out = "[";
        auto list = cluster_->store().list(store::kind_ops_of<api::pod>(), "", {});
        if (list) {
            const auto t = cluster_->now();
            bool first_pod = true;
            for (const auto& o : list->items) {
                const auto& p = *static_cast<const api::pod*>(o.get());
                const auto s = kubectl::printers::summarize_pod(p, t);
                if (!std::exchange(first_pod, false)) out += ',';
                out += '{';
                put_key(out, "containerStatuses", true);
                out += '[';
                int restarts = 0;
                bool first = true;
                for (const auto& c : p.status.container_statuses) {
                    restarts += c.restart_count;
                    if (!std::exchange(first, false)) out += ',';
                    out += '{';
                    put_key(out, "name", true);
                    put_string(out, c.name);
                    put_key(out, "ready");
                    out += c.ready ? "true" : "false";
                    put_key(out, "reason");
                    put_string(out, c.state.terminated ? std::string_view(c.state.terminated->reason)
                                    : c.state.waiting  ? std::string_view(c.state.waiting->reason)
                                                       : std::string_view());
                    put_key(out, "restarts");
                    out += std::to_string(c.restart_count);
                    put_key(out, "state");
                    put_string(out, c.state.running      ? "running"
                                    : c.state.terminated ? "terminated"
                                    : c.state.waiting    ? "waiting"
                                                         : "");
                    out += '}';
                }
                out += ']';
                put_key(out, "containers");
                put_string(out, std::to_string(s.ready) + "/" + std::to_string(s.total));
                put_key(out, "deleting");
                out += p.metadata.deletion_timestamp ? "true" : "false";
                put_key(out, "ip");
                put_string(out, p.status.pod_ip);
                put_key(out, "labels");
                out += '{';
                first = true;
                for (const auto& [k, v] : p.metadata.labels) {
                    put_key(out, k, std::exchange(first, false));
                    put_string(out, v);
                }
                out += '}';
                put_key(out, "name");
                put_string(out, p.metadata.name);
                put_key(out, "node");
                put_string(out, p.spec.node_name);
                put_key(out, "ns");
                put_string(out, p.metadata.namespace_);
                put_key(out, "owner");
                std::string owner;
                for (const auto& r : p.metadata.owner_references)
                    if (r.controller.value_or(false)) owner = r.kind + "/" + r.name;
                put_string(out, owner);
                put_key(out, "phase");
                put_string(out, p.status.phase);
                bool ready = false;
                for (const auto& c : p.status.conditions)
                    if (c.type == "Ready") ready = c.status == "True";
                put_key(out, "ready");
                out += ready ? "true" : "false";
                put_key(out, "restarts");
                out += std::to_string(restarts);
                put_key(out, "status");
                put_string(out, s.reason);
                out += '}';
                if (!p.status.pod_ip.empty())
                    pods_by_ip_[p.status.pod_ip] = std::shared_ptr<const api::pod>(o, &p);
            }
        }
        out += ']';
        pods_.set(std::move(out));
    }

    // Ready endpoints per Service, from its EndpointSlices: pod names (an address
    // for an endpoint that is no pod).
    void rebuild_services() {
        using nlohmann::json;
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
        services_.set(services.dump());
    }

    // Every trace line (the store's writes, the scheduler's binds): marks the
    // frame's sections stale, remembers the Events written, and hands the lines
    // to step() while it runs.
    void on_trace(std::string_view line) {
        if (step_lines_) step_lines_->emplace_back(line);
        constexpr std::string_view component = "s apiserver ";
        const auto at = line.find(component);
        if (at == std::string_view::npos) return;
        std::string_view rest = line.substr(at + component.size());
        const auto word = [&rest] {
            const auto sp = rest.find(' ');
            const auto w = rest.substr(0, sp);
            rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
            return w;
        };
        const auto verb = word();
        const auto resource = word();
        const auto key = word();
        if (resource == "pods") {
            pods_.dirty = true;
            pods_by_ip_stale_ = true;
        } else if (resource == "nodes") {
            nodes_.dirty = true;
        } else if (resource == "services" || resource == "endpointslices") {
            services_.dirty = true;
        } else if (resource == "events") {
            ++events_seq_;
            std::string k(key);
            if (auto it = event_seq_of_.find(k); it != event_seq_of_.end()) {
                event_keys_.erase(it->second);
                event_seq_of_.erase(it);
            }
            if (verb == "DELETE") return;
            event_keys_.emplace(events_seq_, k);
            event_seq_of_.emplace(std::move(k), events_seq_);
            if (event_keys_.size() > max_event_keys) {
                event_seq_of_.erase(event_keys_.begin()->second);
                event_keys_.erase(event_keys_.begin());
            }
        }
    }

    struct unsent_fetch {
        int id;
        std::string method;
        std::string url;
    };

    static sim::task<void> run_fetch(web_cluster* self, int id, http::request req) {
        cluster& c = *self->cluster_;
        net::origin from;
        from.outside = true;
        from.node = c.options().nodes > 0 ? "node-1" : "";
        from.ip = c.options().nodes > 0 ? net::parse_ip(c.node_ip(1)).value_or(0) : 0;
        from.dns.cluster_dns = false;
        const std::string method = req.method, url = req.url;
        const auto sent = c.now();
        auto r = co_await c.network().fetch(std::move(from), std::move(req), std::chrono::seconds(30));
        if (self->fetch_results_.size() >= max_fetch_results) self->fetch_results_.erase(self->fetch_results_.begin());
        self->fetch_results_.push_back({{"id", id},
                                        {"method", method},
                                        {"url", url},
                                        {"status", r.status},
                                        {"error", r.error},
                                        {"body", r.body},
                                        {"sent", self->seconds(sent)},
                                        {"received", self->seconds(c.now())}});
    }

    // Stops what runs on the cluster's engine for this layer, then the cluster.
    void shut_down() {
        fetch_tasks_.reset();
        request_sub_.reset();
        response_sub_.reset();
        if (cluster_) cluster_->trace().set_sink({});
        cluster_.reset();
    }

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
        demo::register_demo_images(*cluster_);
        nodes_ = pods_ = services_ = section{};
        event_keys_.clear();
        event_seq_of_.clear();
        events_seq_ = 0;
        recent_limit_ = 0;
        recent_json_.clear();
        cluster_->trace().set_sink([this](std::string_view line) { on_trace(line); });
        cluster_->init();
        boot_time_ = cluster_->now();
        inflight_.clear();
        events_.clear();
        dropped_ = 0;
        pods_by_ip_.clear();
        pods_by_ip_stale_ = true;
        next_fetch_ = 0;
        unsent_fetches_.clear();
        fetch_of_request_.clear();
        fetch_results_.clear();
        fetch_tasks_ = std::make_unique<sim::task_group>(cluster_->engine());
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
        if (pods_by_ip_stale_) refresh_pods_by_ip();
        const auto it = pods_by_ip_.find(e.to_ip);
        if (it == pods_by_ip_.end()) return "probe";
        const auto path = url_path(e.request.url);
        for (const auto& c : it->second->spec.containers) {
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

    // Pods by IP, from the store's shared snapshots (no pod copied): made again
    // only when a probe comes after a pod was written.
    void refresh_pods_by_ip() {
        pods_by_ip_.clear();
        pods_by_ip_stale_ = false;
        if (auto l = cluster_->store().list(store::kind_ops_of<api::pod>(), "", {})) {
            for (const auto& o : l->items) {
                const auto* p = static_cast<const api::pod*>(o.get());
                if (!p->status.pod_ip.empty()) pods_by_ip_[p->status.pod_ip] = std::shared_ptr<const api::pod>(o, p);
            }
        }
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
        // fetch()'s requests leave in the order they were made, each as the
        // first thing its task does: the oldest unsent one with this method and
        // URL from outside the cluster is this one.
        if (e.from_ip.empty()) {
            for (auto it = unsent_fetches_.begin(); it != unsent_fetches_.end(); ++it) {
                if (it->method != e.request.method || it->url != e.request.url) continue;
                r["fetch"] = it->id;
                fetch_of_request_[e.id] = it->id;
                unsent_fetches_.erase(it);
                break;
            }
        }
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
        nlohmann::json r = {{"type", "response"},
                            {"id", e.id},
                            {"kind", kind},
                            {"status", e.response.status},
                            {"error", e.response.error},
                            {"failed", failed},
                            {"url", e.request.url},
                            {"service", e.service},
                            {"received", seconds(e.time)},
                            {"latencyMs", static_cast<double>(e.latency.count()) / 1e3},
                            {"hops", hops_json(e.hops, back_start)}};
        if (auto it = fetch_of_request_.find(e.id); it != fetch_of_request_.end()) {
            r["fetch"] = it->second;
            fetch_of_request_.erase(it);
        }
        push_event(std::move(r));
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
    // The pods by IP, for the probes' kinds.
    std::map<std::string, std::shared_ptr<const api::pod>> pods_by_ip_;
    bool pods_by_ip_stale_ = true;  // a pod was written since

    section nodes_, pods_, services_;  // the frame's sections
    std::vector<std::string>* step_lines_ = nullptr;  // step() collects its trace lines here

    // recent_events: the Events written, by the order of their last write.
    std::uint64_t events_seq_ = 0;
    std::map<std::uint64_t, std::string> event_keys_;           // write order -> "namespace/name"
    std::map<std::string, std::uint64_t> event_seq_of_;         // and back
    int recent_limit_ = 0;
    std::uint64_t recent_seq_ = 0;
    std::string recent_json_;

    // fetch(): ids, the requests not seen on the network yet, the network's
    // request ids of those seen, and the answers for the next frame.
    int next_fetch_ = 0;
    std::deque<unsent_fetch> unsent_fetches_;
    std::map<std::uint64_t, int> fetch_of_request_;
    std::vector<nlohmann::json> fetch_results_;
    std::unique_ptr<sim::task_group> fetch_tasks_;
};

}  // namespace kubesim::web
