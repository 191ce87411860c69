// Definitions of kubelet/kubelet.hpp.
#pragma once

#include <kubesim/kubelet/kubelet.hpp>

#include <algorithm>
#include <chrono>
#include <utility>

#include <kubesim/api/kinds.hpp>
#include <kubesim/images/container.hpp>
#include <kubesim/images/registry.hpp>
#include <kubesim/images/runtime.hpp>
#include <kubesim/kubelet/expansion.hpp>
#include <kubesim/kubelet/image_ref.hpp>
#include <kubesim/kubelet/prober.hpp>
#include <kubesim/kubelet/status.hpp>
#include <kubesim/network/dns.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/coroutine.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::kubelet {

// The files the runtime puts into every container (kubelet_pods.go: the
// managed hosts file, the hostname, the pod's resolv.conf), made from the
// container instance when read.
inline constexpr provided_file runtime_files[] = {
    {"/etc/hostname", [](const void* o) { return static_cast<const images::container_instance*>(o)->pod_name + "\n"; }},
    {"/etc/hosts",
     [](const void* o) {
         const auto& c = *static_cast<const images::container_instance*>(o);
         return "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n" + c.pod_ip + "\t" + c.pod_name + "\n";
     }},
    {"/etc/resolv.conf",
     [](const void* o) { return net::resolv_conf(static_cast<const images::container_instance*>(o)->origin.dns); }},
};

struct kubelet::container_slot {
    container_slot(const api::cow_vector<api::container>& list, std::size_t i)
        : specs(list), spec(std::as_const(specs)[i]) {}
    api::cow_vector<api::container> specs;  // shares the pod's (interned) list, so spec stays valid
    const api::container& spec;
    bool init{false};
    std::shared_ptr<images::container_instance> instance{}, previous{};
    std::unique_ptr<images::process> proc{};
    std::unique_ptr<sim::oneshot<int>> exited{};
    api::container_status status{};
    backoff crash{};
    backoff pull{};
    bool image_present_checked{false};
    bool startup_passed{false};
    bool ready{false};
    bool done{false};          // will not run again
    bool ran_before{false};    // ran under the kubelet's previous life (reboot)
    bool stopping{false};      // being killed by the kubelet
    std::string kill_reason{};  // why the kubelet killed it (liveness, deletion)
    sim::root_task loop{};
    std::vector<sim::root_task> probes{};
    std::uint64_t generation{0};  // bumps per start; stale probe results are dropped
    std::optional<sim::time_point> started_at{};
    std::string last_pull_error{};
};

struct kubelet::pod_worker {
    std::shared_ptr<const api::pod> pod{};
    std::string uid{};
    net::ip_t ip{0};
    bool sandbox{false};
    bool terminating{false};
    bool terminal{false};      // finished; containers all stopped
    bool deleted_requested{false};
    std::string reason{}, message{};
    std::optional<sim::time_point> start_time{};
    std::vector<std::unique_ptr<container_slot>> init{}, main{};
    sim::root_task run{};
    sim::timer_id flush{}, deadline{}, wake{};
    std::vector<std::coroutine_handle<>> waiters{};  // run_pod waiting for a container change
    std::unique_ptr<sim::task_group> tasks{};
};

struct kubelet::change_awaiter {
    pod_worker* w;
    std::coroutine_handle<> h{};
    explicit change_awaiter(pod_worker* wp) : w(wp) {}
    change_awaiter(const change_awaiter&) = delete;
    change_awaiter& operator=(const change_awaiter&) = delete;
    ~change_awaiter() {
        if (h) w->waiters.erase(std::remove(w->waiters.begin(), w->waiters.end(), h), w->waiters.end());
    }
    bool await_ready() const noexcept { return false; }
    void await_suspend(std::coroutine_handle<> hh) {
        h = hh;
        w->waiters.push_back(hh);
    }
    void await_resume() noexcept { h = {}; }
};

kubelet::kubelet(store::object_store& s, net::network& n, const images::registry& reg, std::string node_name,
                 std::string node_ip, store::ipv4_cidr pod_cidr, sim::random rng, kubelet_options opts)
    : store_(&s),
      net_(&n),
      registry_(&reg),
      node_(std::move(node_name)),
      node_ip_(std::move(node_ip)),
      pod_cidr_(pod_cidr),
      rng_(rng),
      opts_(std::move(opts)),
      recorder_(s, "kubelet", node_),
      pods_(s, "", kubesim::list_options{.label_selector = {}, .field_selector = "spec.nodeName=" + node_, .resource_version = {}}) {
    node_origin_.node = node_;
    node_origin_.ip = net::parse_ip(node_ip_).value_or(0);
    node_origin_.dns.cluster_dns = false;
}

kubelet::~kubelet() { stop(); }

void kubelet::start() {
    if (started_) return;
    started_ = true;
    net_->add_host(node_origin_.ip, node_);
    // While cut from the API server the informer's cache still follows the
    // store (as a watch would once reconnected); the kubelet acts on it when
    // it is back (set_api_reachable).
    pods_.on_add([this](const std::shared_ptr<const api::pod>& p) {
        if (api_reachable_) sync(p);
    });
    pods_.on_update([this](const std::shared_ptr<const api::pod>&, const std::shared_ptr<const api::pod>& p) {
        if (api_reachable_) sync(p);
    });
    pods_.on_delete([this](const std::shared_ptr<const api::pod>& p) {
        if (api_reachable_) forget(p->metadata.uid);
    });
    pods_.start();
    // A kubelet that comes back after its node was marked NotReady or Unknown
    // posts its status at once (the first regular report would be minutes away).
    if (auto o = store_->find(store::kind_ops_of<api::node>(), "", node_)) {
        const auto& n = *static_cast<const api::node*>(o.get());
        const bool ready = std::any_of(n.status.conditions.begin(), n.status.conditions.end(),
                                       [](const auto& c) { return c.type == "Ready" && c.status == "True"; });
        if (!ready) {
            node_event("Normal", "Starting", "Starting kubelet.");
            report_node_status();
        }
    }
    schedule_node_report();
}

void kubelet::stop() {
    if (!started_) return;
    started_ = false;
    pods_.stop();
    if (node_timer_.valid()) store_->engine().cancel(node_timer_);
    node_timer_ = {};
    for (auto& [uid, w] : workers_) teardown(*w);
    workers_.clear();
}

std::vector<net::ip_t> kubelet::crash() {
    std::vector<net::ip_t> ips(used_ips_.begin(), used_ips_.end());
    api_reachable_ = false;  // nothing of what dies below reaches the API
    for (auto& [uid, w] : workers_) w->sandbox = false;  // the IPs stay routed to the dead node
    stop();
    used_ips_.clear();
    return ips;
}

void kubelet::set_api_reachable(bool reachable) {
    if (reachable == api_reachable_) return;
    api_reachable_ = reachable;
    if (!reachable || !started_) return;
    // Back: what changed meanwhile, as one resync of the informer's cache.
    std::set<std::string_view> present;
    for (const auto& p : pods_.lister().list()) {
        present.insert(p->metadata.uid);
        sync(p);
    }
    std::vector<std::string> gone;
    for (const auto& [uid, w] : workers_)
        if (!present.count(uid)) gone.push_back(w->uid);
    for (const auto& uid : gone) forget(uid);
    for (auto& [uid, w] : workers_) mark_dirty(*w);
    report_node_status();
}

std::string kubelet::signal_container(std::string_view ns, std::string_view pod, std::string_view name, int signal) {
    for (const auto& [uid, w] : workers_) {
        if (w->pod->metadata.namespace_ != ns || w->pod->metadata.name != pod) continue;
        for (const auto* list : {&w->init, &w->main})
            for (const auto& c : *list) {
                if (c->spec.name != name) continue;
                if (!c->proc || !c->proc->running())
                    return "container " + c->spec.name + " is not running (pod " + std::string(pod) + ")";
                if (signal == 9) c->proc->kill();
                else c->proc->terminate();
                return {};
            }
    }
    return "container " + std::string(name) + " is not running (pod " + std::string(pod) + ")";
}

std::shared_ptr<images::container_instance> kubelet::container(std::string_view ns, std::string_view pod,
                                                               std::string_view name, bool previous) const {
    for (const auto& [uid, w] : workers_) {
        if (w->pod->metadata.namespace_ != ns || w->pod->metadata.name != pod) continue;
        for (const auto* list : {&w->init, &w->main})
            for (const auto& c : *list)
                if (c->spec.name == name) return previous ? c->previous : c->instance;
    }
    return nullptr;
}

bool kubelet::container_running(std::string_view ns, std::string_view pod, std::string_view name) const {
    for (const auto& [uid, w] : workers_) {
        if (w->pod->metadata.namespace_ != ns || w->pod->metadata.name != pod) continue;
        for (const auto* list : {&w->init, &w->main})
            for (const auto& c : *list)
                if (c->spec.name == name) return c->proc && c->proc->running();
    }
    return false;
}

void kubelet::sync(const std::shared_ptr<const api::pod>& p) {
    auto it = workers_.find(p->metadata.uid);
    if (it == workers_.end()) {
        if (p->status.phase == "Succeeded" || p->status.phase == "Failed") {
            if (p->metadata.deletion_timestamp) delete_pod_object(*p);
            return;
        }
        auto w = std::make_unique<pod_worker>();
        w->pod = p;
        w->uid = p->metadata.uid;
        auto* raw = w.get();
        const std::string_view key = w->uid;
        workers_.emplace(key, std::move(w));
        if (p->metadata.deletion_timestamp) {
            // Deleted before it ever started here.
            raw->terminating = true;
            raw->terminal = true;
            mark_dirty(*raw);
            return;
        }
        raw->run = sim::start(store_->engine(), run_pod(raw));
        return;
    }
    pod_worker& w = *it->second;
    w.pod = p;
    if (p->metadata.deletion_timestamp && !w.terminating) begin_termination(w, "");
}

void kubelet::forget(const std::string& uid) {
    auto it = workers_.find(uid);
    if (it == workers_.end()) return;
    teardown(*it->second);
    // The worker's coroutines may be on the stack of this call's caller only
    // through the engine, never directly: safe to destroy now.
    workers_.erase(it);
}

void kubelet::teardown(pod_worker& w) {
    auto& eng = store_->engine();
    if (w.flush.valid()) eng.cancel(w.flush);
    if (w.deadline.valid()) eng.cancel(w.deadline);
    if (w.wake.valid()) eng.cancel(w.wake);
    w.flush = w.deadline = w.wake = {};
    w.run.stop();
    for (auto* list : {&w.init, &w.main})
        for (auto& c : *list) {
            c->probes.clear();
            c->loop.stop();
            if (c->proc) c->proc->kill();
            c->proc.reset();
        }
    w.tasks.reset();
    release_sandbox(w);
}

bool kubelet::create_sandbox(pod_worker& w) {
    const auto n = static_cast<std::uint32_t>(pod_cidr_.size());
    for (std::uint32_t tries = 0; tries + 3 < n; ++tries) {
        next_ip_ = next_ip_ < 2 || next_ip_ >= n - 1 ? 2 : next_ip_;
        const net::ip_t ip = pod_cidr_.base + next_ip_++;
        if (used_ips_.count(ip)) continue;
        used_ips_.insert(ip);
        w.ip = ip;
        w.sandbox = true;
        net_->add_host(ip, node_);
        return true;
    }
    return false;
}

void kubelet::release_sandbox(pod_worker& w) {
    if (!w.sandbox) return;
    w.sandbox = false;
    used_ips_.erase(w.ip);
    net_->remove_host(w.ip);
}

sim::task<void> kubelet::run_pod(pod_worker* w) {
    const api::pod& p = *w->pod;
    for (std::size_t i = 0; i < p.spec.init_containers.size(); ++i)
        w->init.push_back(make_slot(p.spec.init_containers, i, true, true));
    for (std::size_t i = 0; i < p.spec.containers.size(); ++i) w->main.push_back(make_slot(p.spec.containers, i, false, !p.spec.init_containers.empty()));
    adopt_previous_status(*w);
    w->start_time = now();
    if (p.spec.active_deadline_seconds) {
        const auto at = *w->start_time + std::chrono::seconds(*p.spec.active_deadline_seconds);
        w->deadline = store_->engine().schedule_at(at, [this, w] {
            w->deadline = {};
            deadline_exceeded(*w);
        });
    }
    if (!create_sandbox(*w)) {
        event(*w, nullptr, "Warning", "FailedCreatePodSandBox",
                        "Failed to create pod sandbox: failed to allocate for range 0: no IP addresses available in range set: " +
                            pod_cidr_.to_string());
        mark_dirty(*w);
        co_return;
    }
    mark_dirty(*w);
    // Init containers, in order; a sidecar (restartPolicy Always) keeps
    // running and counts as done once started.
    for (auto& c : w->init) {
        auto* slot = c.get();
        const bool sidecar = slot->spec.restart_policy.value_or("") == "Always";
        slot->loop = sim::start(store_->engine(), container_loop(w, slot));
        while (!w->terminating) {
            if (sidecar && slot->status.started.value_or(false)) break;
            if (!sidecar && slot->done) break;
            co_await wait_change(w);
        }
        if (w->terminating || w->terminal) co_return;
        if (!sidecar && !(slot->status.state.terminated && slot->status.state.terminated->exit_code == 0)) co_return;
    }
    for (auto& c : w->main) c->loop = sim::start(store_->engine(), container_loop(w, c.get()));
}

kubelet::change_awaiter kubelet::wait_change(pod_worker* w) { return change_awaiter(w); }

void kubelet::notify_change(pod_worker& w) {
    if (w.waiters.empty() || w.wake.valid()) return;
    auto* wp = &w;
    w.wake = store_->engine().post([wp] {
        wp->wake = {};
        auto hs = std::move(wp->waiters);
        wp->waiters.clear();
        for (auto h : hs) h.resume();
    });
}

std::unique_ptr<kubelet::container_slot> kubelet::make_slot(const api::cow_vector<api::container>& list, std::size_t i,
                                                            bool init, bool has_init_containers) {
    auto s = std::make_unique<container_slot>(list, i);
    const api::container& c = s->spec;
    s->init = init;
    s->status.name = c.name;
    s->status.image = c.image;
    const bool has_init = !init && has_init_containers;
    s->status.state.waiting = api::container_state_waiting{init || has_init ? "PodInitializing" : "ContainerCreating", ""};
    s->status.started = false;
    return s;
}

void kubelet::adopt_previous_status(pod_worker& w) {
    const auto& st = w.pod->status;
    auto carry = [this](std::vector<std::unique_ptr<container_slot>>& slots, const std::vector<api::container_status>& old) {
        for (auto& c : slots)
            for (const auto& s : old) {
                if (s.name != c->spec.name || s.container_id.empty()) continue;
                c->ran_before = true;
                c->status.restart_count = s.restart_count;
                c->status.last_state = {};
                if (s.state.terminated) {
                    c->status.last_state.terminated = s.state.terminated;
                } else {
                    // The runtime finds the container dead after the boot
                    // (containerd: exit code 255, reason Unknown).
                    api::container_state_terminated t;
                    t.exit_code = 255;
                    t.reason = "Unknown";
                    if (s.state.running) t.started_at = s.state.running->started_at;
                    t.finished_at = now();
                    t.container_id = s.container_id;
                    c->status.last_state.terminated = t;
                }
            }
    };
    carry(w.init, st.init_container_statuses);
    carry(w.main, st.container_statuses);
}

std::string kubelet::pod_desc(const pod_worker& w) {
    const auto& m = w.pod->metadata;
    return m.name + "_" + m.namespace_ + "(" + w.uid + ")";
}

void kubelet::event(pod_worker& w, const container_slot* c, std::string type, std::string reason, std::string message) {
    if (!api_reachable_) return;  // lost with the connection
    auto ref = store::event_recorder::reference_for(*w.pod);
    if (c) ref.field_path = std::string(c->init ? "spec.initContainers{" : "spec.containers{") + c->spec.name + "}";
    recorder_.event(ref, std::move(type), std::move(reason), std::move(message));
}

sim::task<void> kubelet::container_loop(pod_worker* w, container_slot* c) {
    for (;;) {
        if (w->terminating) co_return;
        const images::image_info* img = co_await pull_image(w, c);
        if (!img || w->terminating) co_return;
        if (!create_and_start(*w, *c, *img)) {
            co_await sim::sleep_for(store_->engine(), opts_.error_resync);
            continue;
        }
        if (c->spec.lifecycle && c->spec.lifecycle->post_start) co_await post_start_hook(w, c);
        if (c->proc && c->proc->running() && !c->stopping) {
            set_running(*w, *c);
            start_probes(*w, *c);
        }
        const int code = *co_await c->exited->wait();
        const std::optional<sim::duration> wait = after_exit(*w, *c, code);
        if (!wait) co_return;
        if (*wait > sim::duration::zero()) {
            co_await sim::sleep_for(store_->engine(), *wait);
            if (w->terminating) co_return;
        }
    }
}

bool kubelet::create_and_start(pod_worker& w, container_slot& c, const images::image_info& img) {
    auto env = container_env(w, c);
    if (!env) {
        set_waiting(w, c, "CreateContainerConfigError", env.error().message);
        event(w, &c, "Warning", "Failed", "Error: " + env.error().message);
        return false;
    }
    start_container(w, c, img, std::move(*env));
    return true;
}

sim::task<void> kubelet::post_start_hook(pod_worker* w, container_slot* c) {
    auto msg = co_await run_hook(target(*w, *c), *c->spec.lifecycle->post_start, c->spec);
    if (!msg.empty() && c->proc && c->proc->running()) {
        event(*w, c, "Warning", "FailedPostStartHook", msg);
        kill_container(*w, *c, "FailedPostStartHook", grace_of(*w));
    }
}

std::optional<sim::duration> kubelet::after_exit(pod_worker& w, container_slot& c, int code) {
    stop_probes(c);
    record_exit(w, c, code);
    if (w.terminating) {
        c.done = true;
        check_terminated(w);
        return std::nullopt;
    }
    const std::string& pod_policy = w.pod->spec.restart_policy;
    const std::string rp = c.init && c.spec.restart_policy.value_or("") != "Always"
                               ? (pod_policy == "Always" ? std::string("OnFailure") : pod_policy)
                               : (c.spec.restart_policy ? *c.spec.restart_policy : pod_policy);
    const bool restart = rp == "Always" || (rp == "OnFailure" && code != 0);
    if (!restart) {
        c.done = true;
        mark_dirty(w);
        notify_change(w);
        check_finished(w);
        return std::nullopt;
    }
    // doBackOff. The back-off is advanced now (upstream does it when the
    // container is started again; nothing reads it in between).
    const auto finished = now();
    sim::duration wait = sim::duration::zero();
    if (c.crash.in_backoff_since(finished, now())) {
        wait = c.crash.remaining(finished, now());
        const std::string desc = pod_desc(w);
        const std::string msg = "back-off " + go_duration(*c.crash.current) + " restarting failed container=" +
                                c.spec.name + " pod=" + desc;
        set_waiting(w, c, "CrashLoopBackOff", msg);
        event(w, &c, "Warning", "BackOff", "Back-off restarting failed container " + c.spec.name + " in pod " + desc);
    }
    c.crash.next(finished);
    return wait;
}

sim::task<const images::image_info*> kubelet::pull_image(pod_worker* w, container_slot* c) {
    for (;;) {
        if (w->terminating) co_return nullptr;
        std::string parse_error;
        const auto with_tag = apply_default_image_tag(c->spec.image, parse_error);
        if (!with_tag) {
            set_waiting(*w, *c, "InvalidImageName", parse_error);
            event(*w, c, "Warning", "InspectFailed", parse_error);
            event(*w, c, "Warning", "Failed", "Error: InvalidImageName");
            co_await sim::sleep_for(store_->engine(), opts_.error_resync);
            continue;
        }
        std::string err;
        const images::image_info* img = registry_->find(c->spec.image, err);
        const std::string present_key = img ? img->full_reference() : std::string();
        const std::string policy = c->spec.image_pull_policy.empty() ? default_pull_policy(*with_tag) : c->spec.image_pull_policy;
        if (img && policy != "Always" && present_.count(present_key)) {
            event(*w, c, "Normal", "Pulled", "Container image \"" + c->spec.image + "\" already present on machine");
            co_return img;
        }
        if (policy == "Never") {
            const std::string msg = "Container image \"" + c->spec.image +
                                    "\" is not present with pull policy of Never";
            set_waiting(*w, *c, "ErrImageNeverPull", msg);
            event(*w, c, "Warning", "ErrImageNeverPull", msg);
            co_await sim::sleep_for(store_->engine(), opts_.error_resync);
            continue;
        }
        // Back-off from an earlier failure.
        if (c->pull.current && c->pull.in_backoff_since(c->pull.last_update, now())) {
            const std::string msg = "Back-off pulling image \"" + c->spec.image + "\"";
            set_waiting(*w, *c, "ImagePullBackOff", msg + ": ErrImagePull: " + c->last_pull_error);
            event(*w, c, "Normal", "BackOff", msg);
            event(*w, c, "Warning", "Failed", "Error: ImagePullBackOff");
            co_await sim::sleep_for(store_->engine(), c->pull.remaining(c->pull.last_update, now()));
            continue;
        }
        event(*w, c, "Normal", "Pulling", "Pulling image \"" + c->spec.image + "\"");
        const auto began = now();
        co_await sim::sleep_for(store_->engine(), opts_.image_pull);
        if (w->terminating) co_return nullptr;
        if (!img) {
            c->last_pull_error = err;
            set_waiting(*w, *c, "ErrImagePull", err);
            event(*w, c, "Warning", "Failed", "Failed to pull image \"" + c->spec.image + "\": " + err);
            event(*w, c, "Warning", "Failed", "Error: ErrImagePull");
            c->pull.next(now());
            co_await sim::sleep_for(store_->engine(), opts_.pull_error_resync);
            continue;
        }
        present_.insert(present_key);
        const auto took = now() - began;
        event(*w, c, "Normal", "Pulled",
              "Successfully pulled image \"" + c->spec.image + "\" in " + go_duration(took) + " (" + go_duration(took) +
                  " including waiting). Image size: " + std::to_string(img->size_bytes) + " bytes.");
        c->pull.reset();
        co_return img;
    }
}

std::string kubelet::default_pull_policy(const std::string& image_with_tag) {
    return image_with_tag.size() >= 7 && image_with_tag.compare(image_with_tag.size() - 7, 7, ":latest") == 0
               ? std::string("Always")
               : std::string("IfNotPresent");
}

result<container_environment> kubelet::container_env(pod_worker& w, const container_slot& c) {
    env_sources src;
    src.pod = w.pod.get();
    const std::string ns = w.pod->metadata.namespace_;
    // Snapshots stay alive for the call.
    std::vector<store::object_ptr> keep;
    src.config_map = [&](std::string_view name) -> const api::config_map* {
        auto o = store_->find(store::kind_ops_of<api::config_map>(), ns, name);
        keep.push_back(o);
        return static_cast<const api::config_map*>(o.get());
    };
    src.secret = [&](std::string_view name) -> const api::secret* {
        auto o = store_->find(store::kind_ops_of<api::secret>(), ns, name);
        keep.push_back(o);
        return static_cast<const api::secret*>(o.get());
    };
    if (service_env_) src.service_env = service_env_(ns, w.pod->spec.enable_service_links.value_or(true));
    src.event = [&](std::string_view reason, const std::string& message) {
        event(w, nullptr, "Warning", std::string(reason), message);
    };
    // status.podIP is known to the kubelet before the status is written.
    api::pod with_ip;
    const bool need_ip = w.pod->status.pod_ip.empty() || w.pod->status.host_ip.empty();
    if (need_ip) {
        with_ip = *w.pod;
        with_ip.status.pod_ip = net::format_ip(w.ip);
        with_ip.status.pod_ips = {api::pod_ip{with_ip.status.pod_ip}};
        with_ip.status.host_ip = node_ip_;
        with_ip.status.host_ips = {api::pod_ip{node_ip_}};
        src.pod = &with_ip;
    }
    auto env = make_container_environment(c.spec, src);
    if (!env) return env;
    // What every container has besides the pod's variables (service-link
    // names never collide with these).
    env_list& out = env->own;
    out.reserve(out.size() + 3);  // kept as long as the container runs: no room to spare
    auto has = [&](std::string_view k) {
        return std::any_of(out.begin(), out.end(), [&](const auto& kv) { return kv.first == k; });
    };
    if (!has("HOSTNAME")) out.insert(out.begin(), {"HOSTNAME", w.pod->spec.hostname.empty() ? w.pod->metadata.name : w.pod->spec.hostname});
    if (!has("PATH")) out.insert(out.begin(), {"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"});
    if (!has("HOME")) out.push_back({"HOME", "/root"});
    return env;
}

void kubelet::start_container(pod_worker& w, container_slot& c, const images::image_info& img,
                              container_environment env) {
    if (c.instance || c.ran_before) {
        c.previous = c.instance;
        ++c.status.restart_count;
        c.ran_before = false;
    }
    auto inst = std::make_shared<images::container_instance>();
    inst->pod_name = w.pod->metadata.name;
    inst->namespace_name = w.pod->metadata.namespace_;
    inst->pod_uid = w.uid;
    inst->pod_ip = net::format_ip(w.ip);
    inst->node_name = node_;
    inst->container_name = c.spec.name;
    inst->env = std::move(env);
    inst->img = img.make();
    inst->network = net_;
    inst->origin.node = node_;
    inst->origin.ip = w.ip;
    if (dns_for_pod_) inst->origin.dns = dns_for_pod_(*w.pod);
    inst->files.provide(runtime_files, inst.get());
    c.instance = inst;
    c.stopping = false;
    c.kill_reason.clear();
    c.startup_passed = !c.spec.startup_probe;
    c.ready = false;
    ++c.generation;
    c.status.container_id = "containerd://" + hex_id();
    c.status.image = img.full_reference();
    c.status.image_id = fully_qualified_name(img) + "@sha256:" + digest_of(img);
    event(w, &c, "Normal", "Created", "Created container: " + c.spec.name);
    // Kubernetes' rules: command replaces the ENTRYPOINT (and drops the CMD);
    // args replace the CMD; neither keeps the image's ENTRYPOINT and CMD.
    std::vector<std::string> argv = !c.spec.command.empty() ? expand_all(c.spec.command, *inst)
                                    : c.spec.args.empty()   ? inst->img->default_command()
                                                            : inst->img->entrypoint();
    for (const auto& a : expand_all(c.spec.args, *inst)) argv.push_back(a);
    c.exited = std::make_unique<sim::oneshot<int>>(store_->engine());
    auto* slot = &c;
    c.proc = std::make_unique<images::process>(inst, std::move(argv), true, [slot](int code) { slot->exited->set(code); });
    c.started_at = now();
    event(w, &c, "Normal", "Started", "Started container " + c.spec.name);
}

std::vector<std::string> kubelet::expand_all(const std::vector<std::string>& in, const images::container_instance& inst) {
    std::vector<std::string> out;
    out.reserve(in.size());
    const expansion_lookup lookup = [&](std::string_view name) { return inst.env_value(name); };
    for (const auto& s : in) out.push_back(::kubesim::kubelet::expand(s, lookup));
    return out;
}

std::string kubelet::hex_id() {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 4; ++i) {
        std::uint64_t v = rng_.next();
        for (int j = 0; j < 16; ++j) s += hex[(v >> (j * 4)) & 15];
    }
    return s;
}

std::string kubelet::fully_qualified_name(const images::image_info& img) { return images::fully_qualified(img.name); }

std::string kubelet::digest_of(const images::image_info& img) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    std::uint64_t h = 1469598103934665603ULL;
    const std::string key = img.name + ":" + img.version;
    for (int round = 0; round < 4; ++round) {
        for (char ch : key) h = (h ^ static_cast<unsigned char>(ch)) * 1099511628211ULL;
        h = (h ^ static_cast<std::uint64_t>(round)) * 1099511628211ULL;
        for (int j = 0; j < 16; ++j) s += hex[(h >> (j * 4)) & 15];
    }
    return s;
}

void kubelet::retire_terminated(container_slot& c) {
    if (!c.status.state.terminated) return;
    c.status.last_state = {};
    c.status.last_state.terminated = std::move(c.status.state.terminated);
}

void kubelet::set_waiting(pod_worker& w, container_slot& c, std::string reason, std::string message) {
    retire_terminated(c);
    c.status.state = {};
    c.status.state.waiting = api::container_state_waiting{std::move(reason), std::move(message)};
    c.status.ready = false;
    c.status.started = false;
    mark_dirty(w);
}

void kubelet::set_running(pod_worker& w, container_slot& c) {
    retire_terminated(c);
    c.status.state = {};
    c.status.state.running = api::container_state_running{c.started_at};
    c.status.started = c.startup_passed;
    c.status.ready = c.startup_passed && !c.spec.readiness_probe && !c.init;
    c.ready = c.status.ready;
    mark_dirty(w);
    notify_change(w);
}

void kubelet::record_exit(pod_worker& w, container_slot& c, int code) {
    api::container_state_terminated t;
    t.exit_code = code;
    t.reason = code == 0 ? "Completed" : "Error";
    t.started_at = c.started_at;
    t.finished_at = now();
    t.container_id = c.status.container_id;
    c.status.state = {};
    c.status.state.terminated = t;
    c.status.ready = false;
    c.status.started = false;
    c.ready = false;
    c.proc.reset();
    mark_dirty(w);
    notify_change(w);
}

probe_target kubelet::target(const pod_worker& w, const container_slot& c) const {
    probe_target t;
    t.network = net_;
    t.node = node_origin_;
    t.pod_ip = net::format_ip(w.ip);
    t.container = c.instance;
    t.kubernetes_version = opts_.kubernetes_version;
    t.pod_desc = pod_desc(w);
    return t;
}

void kubelet::start_probes(pod_worker& w, container_slot& c) {
    auto& eng = store_->engine();
    if (c.spec.startup_probe) c.probes.push_back(sim::start(eng, probe_loop(&w, &c, probe_kind::startup, c.generation)));
    if (c.spec.readiness_probe) c.probes.push_back(sim::start(eng, probe_loop(&w, &c, probe_kind::readiness, c.generation)));
    if (c.spec.liveness_probe) c.probes.push_back(sim::start(eng, probe_loop(&w, &c, probe_kind::liveness, c.generation)));
}

void kubelet::stop_probes(container_slot& c) { c.probes.clear(); }

const char* kubelet::probe_name(probe_kind k) {
    return k == probe_kind::startup ? "Startup" : k == probe_kind::readiness ? "Readiness" : "Liveness";
}

sim::task<void> kubelet::probe_loop(pod_worker* w, container_slot* c, probe_kind kind, std::uint64_t gen) {
    const api::probe& p = kind == probe_kind::startup     ? *c->spec.startup_probe
                          : kind == probe_kind::readiness ? *c->spec.readiness_probe
                                                          : *c->spec.liveness_probe;
    const sim::duration period = std::chrono::seconds(p.period_seconds > 0 ? p.period_seconds : 10);
    const int success_threshold = p.success_threshold > 0 ? p.success_threshold : 1;
    const int failure_threshold = p.failure_threshold > 0 ? p.failure_threshold : 3;
    auto& eng = store_->engine();
    const sim::time_point started = c->started_at.value_or(now());
    if (p.initial_delay_seconds > 0) co_await sim::sleep_until(eng, started + std::chrono::seconds(p.initial_delay_seconds));
    // Liveness and readiness wait for the startup probe.
    while (kind != probe_kind::startup && !c->startup_passed) co_await sim::sleep_for(eng, period);
    int successes = 0, failures = 0;
    std::optional<bool> last{};
    for (;;) {
        if (c->generation != gen || c->stopping || w->terminating) co_return;
        const auto out = co_await run_probe(target(*w, *c), p, c->spec);
        if (c->generation != gen || c->stopping) co_return;
        if (out.success) {
            failures = 0;
            ++successes;
        } else {
            successes = 0;
            ++failures;
            if (!(kind == probe_kind::readiness && w->terminating))
                event(*w, c, "Warning", "Unhealthy", std::string(probe_name(kind)) + " probe failed: " + out.output);
        }
        bool result_changed = false;
        if (out.success && successes >= success_threshold && last != true) {
            last = true;
            result_changed = true;
        } else if (!out.success && failures >= failure_threshold && last != false) {
            last = false;
            result_changed = true;
        }
        if (result_changed) {
            if (kind == probe_kind::startup && *last) {
                c->startup_passed = true;
                c->status.started = true;
                if (!c->spec.readiness_probe) c->status.ready = c->ready = !c->init;
                mark_dirty(*w);
                notify_change(*w);
                co_return;  // a startup probe stops once it succeeded
            }
            if (kind == probe_kind::readiness) {
                c->ready = *last;
                c->status.ready = *last;
                mark_dirty(*w);
            }
            if ((kind == probe_kind::liveness || kind == probe_kind::startup) && !*last) {
                const std::string what = kind == probe_kind::liveness ? "liveness" : "startup";
                event(*w, c, "Normal", "Killing",
                      "Container " + c->spec.name + " failed " + what + " probe, will be restarted");
                const auto grace = p.termination_grace_period_seconds
                                       ? *p.termination_grace_period_seconds
                                       : w->pod->spec.termination_grace_period_seconds.value_or(30);
                kill_container(*w, *c, "", grace);
                co_return;
            }
        }
        // Once a liveness/startup result flipped to failure the container is
        // being killed; otherwise keep ticking.
        co_await sim::sleep_for(eng, period);
    }
}

std::int64_t kubelet::grace_of(const pod_worker& w) {
    if (w.pod->metadata.deletion_grace_period_seconds) return *w.pod->metadata.deletion_grace_period_seconds;
    return w.pod->spec.termination_grace_period_seconds.value_or(30);
}

sim::task_group& kubelet::tasks_of(pod_worker& w) {
    if (!w.tasks) w.tasks = std::make_unique<sim::task_group>(store_->engine());
    return *w.tasks;
}

void kubelet::kill_container(pod_worker& w, container_slot& c, std::string killing_message, std::int64_t grace) {
    if (!c.proc || !c.proc->running() || c.stopping) return;
    c.stopping = true;
    if (!killing_message.empty()) event(w, &c, "Normal", "Killing", std::move(killing_message));
    tasks_of(w).spawn(stop_container(&w, &c, grace));
}

// g++ counts a coroutine's frame as a type with linkage and warns that the
// lambda kept in it (alive) has none: -Wsubobject-linkage, a false positive
// (the frame belongs to this one function) that g++ only reports outside the
// main file, so in compiled mode.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wsubobject-linkage"
#endif
sim::task<void> kubelet::stop_container(pod_worker* w, container_slot* c, std::int64_t grace) {
    auto& eng = store_->engine();
    const auto deadline = now() + std::chrono::seconds(std::max<std::int64_t>(grace, 0));
    const std::uint64_t gen = c->generation;
    auto alive = [c, gen] { return c->generation == gen && c->proc && c->proc->running(); };
    if (!alive()) co_return;
    if (c->spec.lifecycle && c->spec.lifecycle->pre_stop && grace > 0) {
        auto hook = std::make_shared<sim::oneshot<std::string>>(eng);
        tasks_of(*w).spawn(run_hook_into(target(*w, *c), *c->spec.lifecycle->pre_stop, c->spec, hook));
        auto msg = co_await hook->wait(deadline);
        if (msg && !msg->empty()) event(*w, c, "Warning", "FailedPreStopHook", *msg);
        if (!alive()) co_return;
    }
    c->proc->terminate();
    if (now() < deadline) co_await sim::sleep_until(eng, deadline);
    if (alive()) c->proc->kill();
}
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

sim::task<void> kubelet::run_hook_into(probe_target t, api::lifecycle_handler h, api::container c,
                                       std::shared_ptr<sim::oneshot<std::string>> out) {
    out->set(co_await run_hook(t, h, c));
}

void kubelet::begin_termination(pod_worker& w, const std::string& reason) {
    w.terminating = true;
    if (!reason.empty()) w.reason = reason;
    const std::int64_t grace = grace_of(w);
    bool any = false;
    for (auto* list : {&w.init, &w.main})
        for (auto& c : *list) {
            c->probes.clear();
            if (c->proc && c->proc->running()) {
                any = true;
                if (!c->stopping) kill_container(w, *c, "Stopping container " + c->spec.name, grace);
            }
        }
    notify_change(w);
    if (!any) {
        // Nothing is running: stop the loops (waiting in back-off or a pull).
        for (auto* list : {&w.init, &w.main})
            for (auto& c : *list) c->loop.stop();
        w.run.stop();
        w.terminal = true;
        mark_dirty(w);
    }
}

void kubelet::check_terminated(pod_worker& w) {
    for (auto* list : {&w.init, &w.main})
        for (auto& c : *list)
            if (c->proc && c->proc->running()) return;
    w.terminal = true;
    mark_dirty(w);
}

void kubelet::check_finished(pod_worker& w) {
    if (w.terminating) return;
    for (auto& c : w.main)
        if (!c->done) return;
    if (w.main.empty()) return;
    w.terminal = true;
    mark_dirty(w);
}

void kubelet::deadline_exceeded(pod_worker& w) {
    if (w.terminating || w.terminal) return;
    const std::string msg = "Pod was active on the node longer than the specified deadline";
    w.reason = "DeadlineExceeded";
    w.message = msg;
    event(w, nullptr, "Warning", "DeadlineExceeded", msg);
    begin_termination(w, "DeadlineExceeded");
}

void kubelet::mark_dirty(pod_worker& w) {
    if (w.flush.valid()) return;
    auto* wp = &w;
    w.flush = store_->engine().post_idle([this, wp] {
        wp->flush = {};
        flush_status(*wp);
    });
}

void kubelet::flush_status(pod_worker& w) {
    if (!api_reachable_) return;  // posted when the API is back
    auto cur_obj = store_->find(store::kind_ops_of<api::pod>(), w.pod->metadata.namespace_, w.pod->metadata.name);
    if (!cur_obj) return;
    const auto& cur = *static_cast<const api::pod*>(cur_obj.get());
    if (cur.metadata.uid != w.uid) return;
    // A status write takes only .status (and the name to find the pod).
    auto next = std::make_shared<api::pod>();
    next->metadata.name = cur.metadata.name;
    next->metadata.namespace_ = cur.metadata.namespace_;
    next->status = cur.status;
    auto& st = next->status;
    std::vector<api::container_status> init, main;
    for (auto& c : w.init) init.push_back(c->status);
    for (auto& c : w.main) main.push_back(c->status);
    const bool finished = w.terminal;
    st.phase = get_phase(cur.spec, init, main, finished && w.terminating);
    if (!w.reason.empty()) {
        st.reason = w.reason;
        st.message = w.message;
        if (w.reason == "DeadlineExceeded") st.phase = "Failed";
    }
    st.host_ip = node_ip_;
    st.host_ips = {api::pod_ip{node_ip_}};
    if (w.ip) {
        st.pod_ip = net::format_ip(w.ip);
        st.pod_ips = {api::pod_ip{st.pod_ip}};
    }
    if (!st.start_time && w.start_time) st.start_time = *w.start_time;
    st.init_container_statuses = std::move(init);
    st.container_statuses = std::move(main);
    st.observed_generation = cur.metadata.generation;
    generate_conditions(cur, st.init_container_statuses, st.container_statuses, w.sandbox && !finished, st.phase,
                        st.conditions, now());
    if (st != cur.status) {
        auto r = store_->update_status(store::kind_ops_of<api::pod>(), std::move(next), cur.metadata.namespace_);
        (void)r;
    }
    if (finished) {
        // The pod is done here: release the sandbox; a deleted pod is removed.
        release_sandbox(w);
        if (w.terminating && cur.metadata.deletion_timestamp && !w.deleted_requested) {
            w.deleted_requested = true;
            delete_pod_object(cur);
        }
    }
}

void kubelet::delete_pod_object(const api::pod& p) {
    if (!api_reachable_) return;
    kubesim::delete_options opt;
    opt.grace_period_seconds = 0;
    opt.preconditions.uid = p.metadata.uid;
    (void)store_->remove(store::kind_ops_of<api::pod>(), p.metadata.namespace_, p.metadata.name, opt);
}

void kubelet::schedule_node_report() {
    node_timer_ = store_->engine().schedule_after(opts_.node_status_report, [this] {
        node_timer_ = {};
        report_node_status();
        schedule_node_report();
    });
}

void kubelet::report_node_status() {
    if (!api_reachable_) return;
    auto cur_obj = store_->find(store::kind_ops_of<api::node>(), "", node_);
    if (!cur_obj) return;
    api::node next = *static_cast<const api::node*>(cur_obj.get());
    // nodestatus setters: the kubelet asserts its conditions; a status that
    // changes (Unknown -> True after an outage) moves lastTransitionTime.
    struct healthy {
        const char* type;
        const char* status;
        const char* reason;
        const char* message;
    };
    static constexpr healthy conditions[] = {
        {"MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"},
        {"DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"},
        {"PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"},
        {"Ready", "True", "KubeletReady", "kubelet is posting ready status"},
    };
    const auto t = now();
    bool became_ready = false;
    for (const auto& h : conditions) {
        auto it = std::find_if(next.status.conditions.begin(), next.status.conditions.end(),
                               [&](const auto& c) { return c.type == h.type; });
        if (it == next.status.conditions.end()) {
            next.status.conditions.push_back(api::node_condition{h.type, h.status, t, t, h.reason, h.message});
            became_ready = became_ready || std::string_view(h.type) == "Ready";
            continue;
        }
        if (it->status != h.status) {
            it->last_transition_time = t;
            became_ready = became_ready || std::string_view(h.type) == "Ready";
        }
        it->status = h.status;
        it->reason = h.reason;
        it->message = h.message;
        it->last_heartbeat_time = t;
    }
    (void)store_->update_status(store::kind_ops_of<api::node>(), std::make_shared<api::node>(std::move(next)), "");
    if (became_ready) node_event("Normal", "NodeReady", "Node " + node_ + " status is now: NodeReady");
}

void kubelet::node_event(const std::string& type, const std::string& reason, const std::string& message) {
    if (!api_reachable_) return;
    auto o = store_->find(store::kind_ops_of<api::node>(), "", node_);
    if (!o) return;
    // The kubelet's node events name the node by name as its UID (kubelet.go nodeRef).
    auto ref = store::event_recorder::reference_for(*static_cast<const api::node*>(o.get()));
    ref.uid = node_;
    recorder_.event(ref, type, reason, message);
}

sim::time_point kubelet::now() const { return store_->engine().now(); }

}  // namespace kubesim::kubelet
