// Defaulting (api/defaults.hpp) against what kubernetes pkg/apis/core/v1,
// apps/v1 and discovery/v1 defaults produce.
#include <doctest/doctest.h>

#include <kubesim/api/defaults.hpp>
#include <kubesim/api/kinds.hpp>

#include <string>
#include <vector>

using namespace kubesim::api;

namespace {

pod minimal_pod(std::string image = "nginx") {
    pod p;
    p.metadata.name = "web";
    p.metadata.namespace_ = "default";
    container c;
    c.name = "app";
    c.image = std::move(image);
    p.spec.containers.push_back(c);
    return p;
}

}  // namespace

TEST_SUITE("api/defaults") {

TEST_CASE("pod: spec and container defaults") {
    auto p = minimal_pod();
    set_defaults(p);
    CHECK(p.spec.restart_policy == "Always");
    CHECK(p.spec.dns_policy == "ClusterFirst");
    REQUIRE(p.spec.termination_grace_period_seconds.has_value());
    CHECK(*p.spec.termination_grace_period_seconds == 30);
    CHECK(p.spec.scheduler_name == "default-scheduler");
    REQUIRE(p.spec.enable_service_links.has_value());
    CHECK(*p.spec.enable_service_links);
    const auto& c = p.spec.containers[0];
    CHECK(c.termination_message_path == "/dev/termination-log");
    CHECK(c.termination_message_policy == "File");
    CHECK(c.image_pull_policy == "Always");
    CHECK(p.spec.tolerations.empty());  // DefaultTolerationSeconds is admission, not defaulting
}

TEST_CASE("pod: imagePullPolicy follows the tag") {
    struct row {
        std::string image;
        std::string want;
    };
    const row rows[] = {
        {"nginx", "Always"},
        {"nginx:latest", "Always"},
        {"nginx:1.25", "IfNotPresent"},
        {"library/nginx:1.25-alpine", "IfNotPresent"},
        {"nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000", "IfNotPresent"},
        {"nginx:1.25@sha256:0000000000000000000000000000000000000000000000000000000000000000", "IfNotPresent"},
        {"nginx:latest@sha256:0000000000000000000000000000000000000000000000000000000000000000", "Always"},
        {"localhost:5000/app", "Always"},
        {"localhost:5000/app:v1", "IfNotPresent"},
        {"registry.example.com/team/app:latest", "Always"},
        {"Registry.Example.com/team/app", "Always"},  // upper case is fine in the domain
        {"Nginx", "IfNotPresent"},                    // does not parse: no tag reported
        {"nginx:bad/tag", "IfNotPresent"},
        {"", "IfNotPresent"},
    };
    for (const auto& r : rows) {
        INFO(r.image);
        auto p = minimal_pod(r.image);
        set_defaults(p);
        CHECK(p.spec.containers[0].image_pull_policy == r.want);
    }
    auto p = minimal_pod("nginx");
    p.spec.containers[0].image_pull_policy = "Never";
    set_defaults(p);
    CHECK(p.spec.containers[0].image_pull_policy == "Never");
}

TEST_CASE("pod: ports, env, probes and lifecycle handlers") {
    auto p = minimal_pod("nginx:1.25");
    auto& c = p.spec.containers[0];
    c.ports.push_back(container_port{"http", 0, 80, "", ""});
    c.ports.push_back(container_port{"dns", 0, 53, "UDP", ""});
    env_var ev;
    ev.name = "POD_NAME";
    ev.value_from = env_var_source{};
    ev.value_from->field_ref = object_field_selector{"", "metadata.name"};
    c.env.push_back(ev);
    probe live;
    live.http_get = http_get_action{};
    live.http_get->port = int_or_string::from_int(8080);
    c.liveness_probe = live;
    probe ready;
    ready.grpc = grpc_action{9090, std::nullopt};
    ready.period_seconds = 3;
    c.readiness_probe = ready;
    probe startup;
    startup.exec = exec_action{{"true"}};
    startup.failure_threshold = 30;
    c.startup_probe = startup;
    lifecycle lc;
    lc.pre_stop = lifecycle_handler{};
    lc.pre_stop->http_get = http_get_action{};
    lc.pre_stop->http_get->path = "/quit";
    c.lifecycle = lc;
    set_defaults(p);

    CHECK(c.ports[0].protocol == "TCP");
    CHECK(c.ports[1].protocol == "UDP");
    CHECK(c.env[0].value_from->field_ref->api_version == "v1");
    CHECK(c.liveness_probe->timeout_seconds == 1);
    CHECK(c.liveness_probe->period_seconds == 10);
    CHECK(c.liveness_probe->success_threshold == 1);
    CHECK(c.liveness_probe->failure_threshold == 3);
    CHECK(c.liveness_probe->http_get->path == "/");
    CHECK(c.liveness_probe->http_get->scheme == "HTTP");
    CHECK(c.readiness_probe->period_seconds == 3);
    REQUIRE(c.readiness_probe->grpc->service.has_value());
    CHECK(c.readiness_probe->grpc->service->empty());
    CHECK(c.startup_probe->failure_threshold == 30);
    CHECK(c.startup_probe->timeout_seconds == 1);
    CHECK(c.lifecycle->pre_stop->http_get->path == "/quit");
    CHECK(c.lifecycle->pre_stop->http_get->scheme == "HTTP");
}

TEST_CASE("pod: requests default to limits for pods only; host network ports") {
    auto p = minimal_pod();
    auto& r = p.spec.containers[0].resources;
    r.limits["cpu"] = quantity::must_parse("500m");
    r.limits["memory"] = quantity::must_parse("128Mi");
    r.requests["cpu"] = quantity::must_parse("100m");
    p.spec.host_network = true;
    p.spec.containers[0].ports.push_back(container_port{"", 0, 8080, "TCP", ""});
    p.spec.containers[0].ports.push_back(container_port{"", 9000, 8081, "TCP", ""});
    pod_spec template_spec = p.spec;  // shares the containers until one side writes
    set_defaults(p);
    const auto& rd = p.spec.containers[0].resources;  // re-read: `r` predates the copy (copy on write)
    CHECK(rd.requests.at("cpu").to_string() == "100m");
    CHECK(rd.requests.at("memory").to_string() == "128Mi");
    CHECK(p.spec.containers[0].ports[0].host_port == 8080);
    CHECK(p.spec.containers[0].ports[1].host_port == 9000);

    set_defaults(template_spec);  // a template: no requests from limits, no host ports
    CHECK(template_spec.containers[0].resources.requests.count("memory") == 0);
    CHECK(template_spec.containers[0].ports[0].host_port == 0);
    CHECK_FALSE(template_spec.enable_service_links.has_value());
    CHECK(template_spec.restart_policy == "Always");
}

TEST_CASE("pod: defaults never overwrite what the user set") {
    auto p = minimal_pod();
    p.spec.restart_policy = "Never";
    p.spec.dns_policy = "None";
    p.spec.termination_grace_period_seconds = 0;
    p.spec.scheduler_name = "my-scheduler";
    p.spec.enable_service_links = false;
    p.spec.containers[0].termination_message_policy = "FallbackToLogsOnError";
    set_defaults(p);
    CHECK(p.spec.restart_policy == "Never");
    CHECK(p.spec.dns_policy == "None");
    CHECK(*p.spec.termination_grace_period_seconds == 0);
    CHECK(p.spec.scheduler_name == "my-scheduler");
    CHECK_FALSE(*p.spec.enable_service_links);
    CHECK(p.spec.containers[0].termination_message_policy == "FallbackToLogsOnError");
    auto again = p;
    set_defaults(again);
    CHECK(again == p);  // idempotent
}

TEST_CASE("pod: prepare_pod_for_create sets phase, QoS class and generation") {
    struct row {
        const char* name;
        std::vector<std::pair<std::string, std::string>> requests, limits;
        const char* want;
    };
    const std::vector<row> rows = {
        {"nothing", {}, {}, "BestEffort"},
        {"requests only", {{"cpu", "100m"}}, {}, "Burstable"},
        {"limits only (requests default to them)", {}, {{"cpu", "1"}, {"memory", "1Gi"}}, "Guaranteed"},
        {"equal requests and limits", {{"cpu", "1"}, {"memory", "1Gi"}}, {{"cpu", "1000m"}, {"memory", "1Gi"}}, "Guaranteed"},
        {"cpu limit only", {}, {{"cpu", "1"}}, "Burstable"},
        {"lower request", {{"cpu", "500m"}, {"memory", "1Gi"}}, {{"cpu", "1"}, {"memory", "1Gi"}}, "Burstable"},
        {"other resources do not count", {{"ephemeral-storage", "1Gi"}}, {{"ephemeral-storage", "1Gi"}}, "BestEffort"},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto p = minimal_pod();
        for (const auto& [k, v] : r.requests) p.spec.containers[0].resources.requests[k] = quantity::must_parse(v);
        for (const auto& [k, v] : r.limits) p.spec.containers[0].resources.limits[k] = quantity::must_parse(v);
        p.status.phase = "Running";  // whatever the client sent is dropped
        p.status.pod_ip = "10.0.0.9";
        set_defaults(p);
        prepare_pod_for_create(p);
        CHECK(p.status.phase == "Pending");
        CHECK(p.status.pod_ip.empty());
        CHECK(p.status.qos_class == r.want);
        CHECK(p.metadata.generation == 1);
    }
    // An init container without limits makes the pod Burstable.
    auto p = minimal_pod();
    p.spec.containers[0].resources.limits["cpu"] = quantity::must_parse("1");
    p.spec.containers[0].resources.limits["memory"] = quantity::must_parse("1Gi");
    container init;
    init.name = "init";
    init.image = "busybox";
    init.resources.requests["cpu"] = quantity::must_parse("100m");
    p.spec.init_containers.push_back(init);
    set_defaults(p);
    CHECK(compute_pod_qos(p) == "Burstable");
}

TEST_CASE("service defaults") {
    service s;
    s.metadata.name = "web";
    s.spec.ports.push_back(service_port{"", "", std::nullopt, 80, {}, 0});
    s.spec.ports.push_back(service_port{"", "UDP", std::nullopt, 53, int_or_string::from_string("dns"), 0});
    set_defaults(s);
    CHECK(s.spec.type == "ClusterIP");
    CHECK(s.spec.session_affinity == "None");
    CHECK_FALSE(s.spec.session_affinity_config.has_value());
    CHECK(s.spec.ports[0].protocol == "TCP");
    CHECK(s.spec.ports[0].target_port == int_or_string::from_int(80));
    CHECK(s.spec.ports[1].protocol == "UDP");
    CHECK(s.spec.ports[1].target_port == int_or_string::from_string("dns"));
    CHECK(s.spec.external_traffic_policy.empty());
    CHECK(s.spec.internal_traffic_policy == std::optional<std::string>("Cluster"));
    CHECK_FALSE(s.spec.allocate_load_balancer_node_ports.has_value());
    CHECK(s.spec.ip_families.empty());  // the registry fills these while allocating
    CHECK_FALSE(s.spec.ip_family_policy.has_value());

    service lb;
    lb.spec.type = "LoadBalancer";
    lb.spec.session_affinity = "ClientIP";
    set_defaults(lb);
    CHECK(lb.spec.external_traffic_policy == "Cluster");
    CHECK(lb.spec.allocate_load_balancer_node_ports == std::optional<bool>(true));
    REQUIRE(lb.spec.session_affinity_config.has_value());
    CHECK(lb.spec.session_affinity_config->timeout_seconds == std::optional<std::int32_t>(10800));

    service np;
    np.spec.type = "NodePort";
    np.spec.external_traffic_policy = "Local";
    set_defaults(np);
    CHECK(np.spec.external_traffic_policy == "Local");

    service ext;
    ext.spec.type = "ExternalName";
    ext.spec.external_name = "example.com";
    set_defaults(ext);
    CHECK_FALSE(ext.spec.internal_traffic_policy.has_value());

    service with_ip;
    with_ip.spec.cluster_ip = "None";
    prepare_service_for_create(with_ip);
    CHECK(with_ip.spec.cluster_ips == std::vector<std::string>{"None"});
}

TEST_CASE("namespace, secret, config map, node, event, endpoint slice") {
    namespace_ ns;
    ns.metadata.name = "team-a";
    set_defaults(ns);
    CHECK(ns.metadata.labels.at("kubernetes.io/metadata.name") == "team-a");
    CHECK(ns.status.phase == "Active");
    CHECK(ns.spec.finalizers.empty());  // not a default: the controller removes it later
    prepare_namespace_for_create(ns);
    CHECK(ns.spec.finalizers == std::vector<std::string>{"kubernetes"});
    prepare_namespace_for_create(ns);
    CHECK(ns.spec.finalizers == std::vector<std::string>{"kubernetes"});
    ns.metadata.labels["kubernetes.io/metadata.name"] = "forged";
    set_defaults(ns);
    CHECK(ns.metadata.labels.at("kubernetes.io/metadata.name") == "team-a");

    secret sec;
    set_defaults(sec);
    CHECK(sec.type == "Opaque");
    secret tls;
    tls.type = "kubernetes.io/tls";
    set_defaults(tls);
    CHECK(tls.type == "kubernetes.io/tls");

    config_map cm;
    cm.data["a"] = "b";
    auto before = cm;
    set_defaults(cm);
    CHECK(cm == before);

    node n;
    n.status.capacity["cpu"] = quantity::must_parse("4");
    set_defaults(n);
    CHECK(n.status.allocatable.at("cpu").to_string() == "4");
    n.status.allocatable["cpu"] = quantity::must_parse("3800m");
    set_defaults(n);
    CHECK(n.status.allocatable.at("cpu").to_string() == "3800m");

    event e;
    auto ebefore = e;
    set_defaults(e);
    CHECK(e == ebefore);

    endpoint_slice es;
    es.ports.push_back(endpoint_port{});
    es.ports.push_back(endpoint_port{std::string("dns"), std::string("UDP"), 53, std::nullopt});
    set_defaults(es);
    CHECK(es.ports[0].name == std::optional<std::string>(""));
    CHECK(es.ports[0].protocol == std::optional<std::string>("TCP"));
    CHECK(es.ports[1].protocol == std::optional<std::string>("UDP"));
}

TEST_CASE("replica set and deployment defaults") {
    replica_set rs;
    container c;
    c.name = "app";
    c.image = "nginx:1.25";
    rs.spec.template_.spec.containers.push_back(c);
    set_defaults(rs);
    CHECK(rs.spec.replicas == std::optional<std::int32_t>(1));
    CHECK(rs.spec.template_.spec.restart_policy == "Always");
    CHECK(rs.spec.template_.spec.containers[0].image_pull_policy == "IfNotPresent");

    deployment d;
    d.spec.template_.spec.containers.push_back(c);
    set_defaults(d);
    CHECK(d.spec.replicas == std::optional<std::int32_t>(1));
    CHECK(d.spec.strategy.type == "RollingUpdate");
    REQUIRE(d.spec.strategy.rolling_update.has_value());
    CHECK(d.spec.strategy.rolling_update->max_unavailable == std::optional<int_or_string>(int_or_string::from_string("25%")));
    CHECK(d.spec.strategy.rolling_update->max_surge == std::optional<int_or_string>(int_or_string::from_string("25%")));
    CHECK(d.spec.revision_history_limit == std::optional<std::int32_t>(10));
    CHECK(d.spec.progress_deadline_seconds == std::optional<std::int32_t>(600));
    CHECK(*d.spec.template_.spec.termination_grace_period_seconds == 30);

    deployment custom;
    custom.spec.replicas = 0;
    custom.spec.revision_history_limit = 0;
    custom.spec.strategy.rolling_update = rolling_update_deployment{int_or_string::from_int(0), std::nullopt};
    set_defaults(custom);
    CHECK(custom.spec.replicas == std::optional<std::int32_t>(0));
    CHECK(custom.spec.revision_history_limit == std::optional<std::int32_t>(0));
    CHECK(custom.spec.strategy.rolling_update->max_unavailable == std::optional<int_or_string>(int_or_string::from_int(0)));
    CHECK(custom.spec.strategy.rolling_update->max_surge == std::optional<int_or_string>(int_or_string::from_string("25%")));

    deployment recreate;
    recreate.spec.strategy.type = "Recreate";
    set_defaults(recreate);
    CHECK_FALSE(recreate.spec.strategy.rolling_update.has_value());
}

}  // TEST_SUITE
