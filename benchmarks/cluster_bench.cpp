// Whole-cluster benchmarks (JSON lines on stdout). Run from an optimised build:
//   ./build-release/benchmarks/cluster_bench [quickstart|steady|scale] [args]
//  - quickstart [runs=21]: construct, register an image, init, apply a Pod and a
//    NodePort Service, wait for the pod, fetch through the NodePort; wall time
//    per run (median, min, max).
//  - steady [hours=24]: 3 nodes, 30 pods with an HTTP readiness and liveness
//    probe every 10 s behind 3 Services, then the given hours of simulated time;
//    wall time of the simulated period and the speed-up over real time.
//  - scale [nodes=5000] [pods=150000]: that many nodes and bare pods, until every
//    pod is scheduled and Running; wall time, virtual time, peak RSS.
//  - rollout [replicas=1000] [runs=5]: a Deployment of that many pause pods on
//    enough nodes (one per 50 replicas, at least 3), until the rollout is
//    complete (Progressing reason NewReplicaSetAvailable); median wall time.
//  - rolling [replicas=1000] [runs=5]: the same Deployment, then a template
//    change rolled out with the default 25% surge / 25% unavailable; wall time
//    of the update alone (median).
//  - envelope [nodes=5000] [deployments=1500] [replicas=100]: that many
//    Deployments, each behind a Service, until every one is Available.
// Wall time is read here, in the benchmark, never in the library.
#include <kubesim/kubesim.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;

namespace {

double seconds_since(std::chrono::steady_clock::time_point t0) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

long peak_rss_kib() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_maxrss;
}

class web_image : public kubesim::image {
public:
    static constexpr std::string_view image_name = "bench/web";
    static constexpr std::string_view image_version = "1.0";
    std::vector<std::string> default_command() const override { return {"server"}; }
    kubesim::task<int> exec(kubesim::process_context ctx, std::vector<std::string> argv) override {
        if (argv.empty() || argv[0] != "server") co_return co_await image::exec(ctx, std::move(argv));
        ctx.listen_http(8080, [](const kubesim::http::request&) {
            return kubesim::http::response{.status = 200, .body = "hello, world\n"};
        });
        co_return co_await ctx.wait_until_killed();
    }
};

int quickstart(int runs) {
    std::vector<double> ms;
    std::string body;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        kubesim::cluster cluster;
        cluster.register_image<web_image>();
        cluster.init();
        cluster.apply(nlohmann::json::parse(R"([
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "my-pod", "labels": {"app": "my-pod"}},
           "spec": {"containers": [{"name": "my-container", "image": "bench/web:1.0"}]}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "my-service"},
           "spec": {"type": "NodePort", "selector": {"app": "my-pod"},
                    "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31000}]}}])"));
        cluster.wait_for("pod/my-pod");
        body = cluster.fetch("http://node-1:31000").body;
        ms.push_back(seconds_since(t0) * 1000);
    }
    std::sort(ms.begin(), ms.end());
    std::printf("{\"bench\":\"quickstart\",\"runs\":%d,\"median_ms\":%.3f,\"min_ms\":%.3f,\"max_ms\":%.3f,\"ok\":%s}\n", runs,
                ms[ms.size() / 2], ms.front(), ms.back(), body == "hello, world\n" ? "true" : "false");
    return body == "hello, world\n" ? 0 : 1;
}

int steady(int hours) {
    kubesim::cluster cluster;
    cluster.register_image<web_image>();
    cluster.init();
    for (int s = 0; s < 3; ++s) {
        api::service svc;
        svc.metadata.name = "svc-" + std::to_string(s);
        svc.spec.selector = {{"app", svc.metadata.name}};
        svc.spec.ports.push_back({.name = "http", .protocol = "TCP", .port = 80, .target_port = api::int_or_string::from_int(8080)});
        cluster.client<api::service>().create(svc).value();
        for (int i = 0; i < 10; ++i) {
            api::pod p;
            p.metadata.name = svc.metadata.name + "-pod-" + std::to_string(i);
            p.metadata.labels = {{"app", svc.metadata.name}};
            api::container c;
            c.name = "web";
            c.image = "bench/web:1.0";
            c.ports.push_back({.name = "http", .container_port = 8080});
            c.readiness_probe = api::probe{.http_get = api::http_get_action{.path = "/ready", .port = api::int_or_string::from_int(8080)},
                                           .period_seconds = 10};
            c.liveness_probe = api::probe{.http_get = api::http_get_action{.path = "/live", .port = api::int_or_string::from_int(8080)},
                                          .period_seconds = 10};
            p.spec.containers.push_back(c);
            cluster.client<api::pod>().create(p).value();
        }
    }
    for (int s = 0; s < 3; ++s)
        for (int i = 0; i < 10; ++i) cluster.wait_for("pod/svc-" + std::to_string(s) + "-pod-" + std::to_string(i));
    std::uint64_t requests = 0;
    auto sub = cluster.on_response([&](const kubesim::net::response_event&) { ++requests; });
    const auto t0 = std::chrono::steady_clock::now();
    cluster.run_for(std::chrono::hours(hours));
    const double wall = seconds_since(t0);
    const auto pods = cluster.client<api::pod>().list().value().items;
    int ready = 0, restarts = 0;
    for (const auto& p : pods) {
        ready += p.status.container_statuses.size() == 1 && p.status.container_statuses[0].ready;
        restarts += p.status.container_statuses.empty() ? 0 : p.status.container_statuses[0].restart_count;
    }
    std::printf("{\"bench\":\"steady\",\"nodes\":3,\"pods\":%zu,\"services\":3,\"hours\":%d,\"wall_s\":%.3f,"
                "\"speedup\":%.0f,\"probe_requests\":%llu,\"ready\":%d,\"restarts\":%d}\n",
                pods.size(), hours, wall, hours * 3600.0 / wall, static_cast<unsigned long long>(requests), ready, restarts);
    return ready == 30 ? 0 : 1;
}

// A cluster of `nodes` nodes with address ranges wide enough for 5,000 nodes.
kubesim::cluster_options large(int nodes) {
    kubesim::cluster_options opts;
    opts.nodes = nodes;
    opts.node_cidr = "172.16.0.0/12";
    opts.pod_cidr = "10.0.0.0/8";
    return opts;
}

int scale(int nodes, int pods) {
    const auto t0 = std::chrono::steady_clock::now();
    kubesim::cluster cluster(large(nodes));
    cluster.register_image<web_image>();
    cluster.init();
    const double init_s = seconds_since(t0);
    int running = 0;
    auto watch = cluster.client<api::pod>("").watch({}, [&](const kubesim::watch_event<api::pod>& e) {
        if (e.type == "MODIFIED" && e.object.status.phase == "Running" && e.object.status.container_statuses.size() == 1 &&
            e.object.status.container_statuses[0].ready && e.object.status.conditions.size() >= 4)
            ++running;
    });
    api::pod p;
    p.metadata.generate_name = "bare-";
    api::container c;
    c.name = "pause";
    c.image = "registry.k8s.io/pause:3.10";
    c.resources.requests = {{"cpu", api::quantity::parse("10m").value()}, {"memory", api::quantity::parse("16Mi").value()}};
    p.spec.containers.push_back(c);
    auto client = cluster.client<api::pod>();
    const auto t1 = std::chrono::steady_clock::now();
    for (int i = 0; i < pods; ++i) client.create(p).value();
    const double create_s = seconds_since(t1);
    const auto v0 = cluster.now();
    cluster.run_until([&] { return running >= pods; }, 24h);
    const double total = seconds_since(t0);
    std::printf("{\"bench\":\"scale\",\"nodes\":%d,\"pods\":%d,\"running\":%d,\"init_s\":%.3f,\"create_s\":%.3f,"
                "\"wall_s\":%.3f,\"virtual_s\":%.3f,\"peak_rss_mib\":%.1f}\n",
                nodes, pods, running, init_s, create_s, total,
                std::chrono::duration<double>(cluster.now() - v0).count(), peak_rss_kib() / 1024.0);
    return running >= pods ? 0 : 1;
}

api::deployment pause_deployment(const std::string& name, int replicas) {
    api::deployment d;
    d.metadata.name = name;
    d.spec.replicas = replicas;
    d.spec.selector = api::label_selector{.match_labels = {{"app", name}}, .match_expressions = {}};
    d.spec.template_.metadata.labels = {{"app", name}};
    api::container c;
    c.name = "pause";
    c.image = "registry.k8s.io/pause:3.10";
    c.resources.requests = {{"cpu", api::quantity::parse("10m").value()}, {"memory", api::quantity::parse("16Mi").value()}};
    d.spec.template_.spec.containers.push_back(c);
    return d;
}

bool rollout_complete(kubesim::cluster& cluster, const std::string& ns, const std::string& name) {
    auto d = cluster.client<api::deployment>(ns).get_shared(name);
    if (!d) return false;
    const auto& s = (*d)->status;
    if ((*d)->metadata.generation != s.observed_generation) return false;
    for (const auto& c : s.conditions)
        if (c.type == "Progressing" && c.reason == "NewReplicaSetAvailable") return true;
    return false;
}

kubesim::cluster_options sized_for(int replicas) { return large(std::max(3, replicas / 50)); }

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

int rollout(int replicas, int runs) {
    std::vector<double> wall;
    bool ok = true;
    for (int i = 0; i < runs; ++i) {
        const auto t0 = std::chrono::steady_clock::now();
        kubesim::cluster cluster(sized_for(replicas));
        cluster.init();
        cluster.client<api::deployment>().create(pause_deployment("web", replicas)).value();
        ok = cluster.run_until([&] { return rollout_complete(cluster, "default", "web"); }, 1h) && ok;
        wall.push_back(seconds_since(t0));
    }
    std::printf("{\"bench\":\"rollout\",\"replicas\":%d,\"nodes\":%d,\"runs\":%d,\"median_s\":%.4f,\"min_s\":%.4f,"
                "\"max_s\":%.4f,\"peak_rss_mib\":%.1f,\"ok\":%s}\n",
                replicas, sized_for(replicas).nodes, runs, median(wall), *std::min_element(wall.begin(), wall.end()),
                *std::max_element(wall.begin(), wall.end()), peak_rss_kib() / 1024.0, ok ? "true" : "false");
    return ok ? 0 : 1;
}

int rolling(int replicas, int runs) {
    std::vector<double> wall;
    std::vector<double> virt;
    bool ok = true;
    for (int i = 0; i < runs; ++i) {
        kubesim::cluster cluster(sized_for(replicas));
        cluster.init();
        cluster.client<api::deployment>().create(pause_deployment("web", replicas)).value();
        ok = cluster.run_until([&] { return rollout_complete(cluster, "default", "web"); }, 1h) && ok;
        const auto t0 = std::chrono::steady_clock::now();
        const auto v0 = cluster.now();
        auto d = cluster.client<api::deployment>().get("web").value();
        d.spec.template_.metadata.annotations["bench/revision"] = "2";
        cluster.client<api::deployment>().update(d).value();
        ok = cluster.run_until([&] { return rollout_complete(cluster, "default", "web"); }, 1h) && ok;
        wall.push_back(seconds_since(t0));
        virt.push_back(std::chrono::duration<double>(cluster.now() - v0).count());
    }
    std::printf("{\"bench\":\"rolling\",\"replicas\":%d,\"runs\":%d,\"median_s\":%.4f,\"virtual_s\":%.3f,"
                "\"peak_rss_mib\":%.1f,\"ok\":%s}\n",
                replicas, runs, median(wall), median(virt), peak_rss_kib() / 1024.0, ok ? "true" : "false");
    return ok ? 0 : 1;
}

int envelope(int nodes, int deployments, int replicas) {
    const auto t0 = std::chrono::steady_clock::now();
    kubesim::cluster cluster(large(nodes));
    cluster.init();
    for (int i = 0; i < deployments; ++i) {
        const std::string name = "app-" + std::to_string(i);
        cluster.client<api::deployment>().create(pause_deployment(name, replicas)).value();
        api::service svc;
        svc.metadata.name = name;
        svc.spec.selector = {{"app", name}};
        svc.spec.ports.push_back({.name = "http", .protocol = "TCP", .port = 80, .target_port = api::int_or_string::from_int(8080)});
        cluster.client<api::service>().create(svc).value();
    }
    int available = 0;
    const bool ok = cluster.run_until(
        [&] {
            // Cheap check first: the last Deployment created is usually the last done.
            if (!rollout_complete(cluster, "default", "app-" + std::to_string(deployments - 1))) return false;
            available = 0;
            for (int i = 0; i < deployments; ++i) available += rollout_complete(cluster, "default", "app-" + std::to_string(i));
            return available == deployments;
        },
        24h);
    std::printf("{\"bench\":\"envelope\",\"nodes\":%d,\"deployments\":%d,\"replicas\":%d,\"available\":%d,"
                "\"wall_s\":%.3f,\"virtual_s\":%.3f,\"peak_rss_mib\":%.1f}\n",
                nodes, deployments, replicas, available, seconds_since(t0),
                std::chrono::duration<double>(cluster.now().time_since_epoch()).count(), peak_rss_kib() / 1024.0);
    return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string which = argc > 1 ? argv[1] : "quickstart";
    auto arg = [&](int i, int def) { return argc > i ? std::atoi(argv[i]) : def; };
    if (which == "quickstart") return quickstart(arg(2, 21));
    if (which == "steady") return steady(arg(2, 24));
    if (which == "scale") return scale(arg(2, 5000), arg(3, 150000));
    if (which == "rollout") return rollout(arg(2, 1000), arg(3, 5));
    if (which == "rolling") return rolling(arg(2, 1000), arg(3, 5));
    if (which == "envelope") return envelope(arg(2, 5000), arg(3, 1500), arg(4, 100));
    std::fprintf(stderr, "usage: cluster_bench [quickstart [runs] | steady [hours] | scale [nodes] [pods] | rollout [replicas] [runs]"
                         " | rolling [replicas] [runs] | envelope [nodes] [deployments] [replicas]]\n");
    return 2;
}
