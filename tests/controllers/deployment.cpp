// The Deployment controller (controllers/deployment): ReplicaSets, events,
// conditions and status as a user sees them through the store. No ReplicaSet
// controller runs here: the tests write ReplicaSet status themselves, as
// upstream's unit tests drive fake listers, and pods only where Recreate looks
// at them.
#include <doctest/doctest.h>

#include <fixture.hpp>

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/api/defaults.hpp>
#include <kubesim/controllers/deployment/controller.hpp>
#include <kubesim/controllers/replica_set/controller.hpp>
#include <kubesim/store/client.hpp>

namespace {

namespace api = kubesim::api;
namespace dep = kubesim::controllers::deployment;
using namespace std::chrono_literals;

std::string image_of(const api::replica_set& rs) { return rs.spec.template_.spec.containers[0].image; }

struct env {
    fixture::apiserver api;
    dep::controller ctl{api.store};

    env() { ctl.start(); }

    // Lets the controller react: everything due within the next 100ms
    // (watch deliveries, syncs, a rate-limited retry or two).
    void settle() { api.engine.run_for(100ms); }

    kubesim::client<api::deployment> deployments() { return api.client<api::deployment>(); }
    kubesim::client<api::replica_set> replica_sets() { return api.client<api::replica_set>(); }

    api::deployment create(const api::deployment& d) {
        auto out = deployments().create(d).value();
        settle();
        return out;
    }
    api::deployment get(const std::string& name = "web") { return deployments().get(name).value(); }

    template <class F>
    void modify(const std::string& name, F f) {
        auto d = get(name);
        f(d);
        deployments().update(d).value();
        settle();
    }
    void set_image(const std::string& image, const std::string& name = "web") {
        modify(name, [&](api::deployment& d) { d.spec.template_.spec.containers[0].image = image; });
    }

    // The Deployment's ReplicaSets, oldest first.
    std::vector<api::replica_set> rss(const std::string& name = "web") {
        std::vector<api::replica_set> out;
        for (auto& rs : replica_sets().list().value().items) {
            const auto* ref = api::controller_of(rs.metadata);
            if (ref && ref->name == name) out.push_back(rs);
        }
        std::sort(out.begin(), out.end(), [](const api::replica_set& a, const api::replica_set& b) {
            if (a.metadata.creation_timestamp != b.metadata.creation_timestamp)
                return a.metadata.creation_timestamp < b.metadata.creation_timestamp;
            return a.metadata.name < b.metadata.name;
        });
        return out;
    }
    api::replica_set rs_with_image(const std::string& image, const std::string& name = "web") {
        for (auto& rs : rss(name))
            if (image_of(rs) == image) return rs;
        FAIL("no ReplicaSet with image " << image);
        return {};
    }
    int replicas_of(const std::string& image, const std::string& name = "web") {
        return rs_with_image(image, name).spec.replicas.value_or(-1);
    }

    // What the ReplicaSet controller would report.
    void set_rs_status(const std::string& rs_name, int replicas, int ready, int available) {
        auto rs = replica_sets().get(rs_name).value();
        rs.status.replicas = replicas;
        rs.status.fully_labeled_replicas = replicas;
        rs.status.ready_replicas = ready;
        rs.status.available_replicas = available;
        rs.status.observed_generation = rs.metadata.generation;
        replica_sets().update_status(rs).value();
        settle();
    }
    void set_status_of(const std::string& image, int replicas, int ready, int available) {
        set_rs_status(rs_with_image(image).metadata.name, replicas, ready, available);
    }
    // Every ReplicaSet's pods exist and are available at once, until the
    // rollout stops moving.
    void converge(const std::string& name = "web") {
        for (int i = 0; i < 100; ++i) {
            bool changed = false;
            for (const auto& rs : rss(name)) {
                const int want = rs.spec.replicas.value_or(1);
                if (rs.status.replicas != want || rs.status.available_replicas != want ||
                    rs.status.observed_generation != rs.metadata.generation) {
                    set_rs_status(rs.metadata.name, want, want, want);
                    changed = true;
                }
            }
            if (!changed) return;
        }
        FAIL("rollout did not converge");
    }

    // ScalingReplicaSet (or other) event messages about a Deployment, in order.
    std::vector<std::string> events(const std::string& reason, const std::string& name = "web") {
        auto items = api.client<api::event>().list().value().items;
        std::sort(items.begin(), items.end(), [](const api::event& a, const api::event& b) {
            if (a.first_timestamp != b.first_timestamp) return a.first_timestamp < b.first_timestamp;
            return a.metadata.name < b.metadata.name;
        });
        std::vector<std::string> out;
        for (const auto& e : items)
            if (e.involved_object.kind == "Deployment" && e.involved_object.name == name && e.reason == reason) {
                CHECK(e.source.component == "deployment-controller");
                out.push_back(e.message);
            }
        return out;
    }
};

std::optional<api::deployment_condition> condition(const api::deployment& d, std::string_view type) {
    const auto* c = dep::get_deployment_condition(d.status, type);
    return c ? std::optional<api::deployment_condition>(*c) : std::nullopt;
}

// Records each new (type, reason) the Deployment's conditions take.
struct condition_log {
    std::vector<std::string> progressing;
    std::vector<std::string> available;
    kubesim::watch_handle handle;
    condition_log(env& e, const std::string& name = "web") {
        handle = e.deployments().watch({}, [this, name](const kubesim::watch_event<api::deployment>& ev) {
            if (ev.object.metadata.name != name) return;
            note(progressing, condition(ev.object, "Progressing"));
            note(available, condition(ev.object, "Available"));
        });
    }
    static void note(std::vector<std::string>& v, const std::optional<api::deployment_condition>& c) {
        if (!c) return;
        if (v.empty() || v.back() != c->reason) v.push_back(c->reason);
    }
};

api::deployment web(int replicas) { return fixture::deployment("web", replicas); }

}  // namespace

TEST_CASE("Deployment: a new Deployment gets a ReplicaSet named after its pod template hash") {
    env e;
    auto created = e.create(web(3));

    auto rss = e.rss();
    REQUIRE(rss.size() == 1);
    const auto& rs = rss[0];
    const std::string hash = dep::compute_hash(created.spec.template_, std::nullopt);
    CHECK(rs.metadata.name == "web-" + hash);
    CHECK(rs.metadata.labels == std::map<std::string, std::string>{{"app", "web"}, {"pod-template-hash", hash}});
    CHECK(rs.spec.selector->match_labels ==
          std::map<std::string, std::string>{{"app", "web"}, {"pod-template-hash", hash}});
    CHECK(rs.spec.template_.metadata.labels.at("pod-template-hash") == hash);
    CHECK(rs.spec.replicas == 3);
    REQUIRE(rs.metadata.owner_references.size() == 1);
    const auto& ref = rs.metadata.owner_references[0];
    CHECK(ref.api_version == "apps/v1");
    CHECK(ref.kind == "Deployment");
    CHECK(ref.name == "web");
    CHECK(ref.uid == created.metadata.uid);
    CHECK(ref.controller == true);
    CHECK(ref.block_owner_deletion == true);
    CHECK(rs.metadata.annotations.at("deployment.kubernetes.io/revision") == "1");
    CHECK(rs.metadata.annotations.at("deployment.kubernetes.io/desired-replicas") == "3");
    CHECK(rs.metadata.annotations.at("deployment.kubernetes.io/max-replicas") == "4");  // 3 + ceil(25% of 3)

    CHECK(e.events("ScalingReplicaSet") == std::vector<std::string>{"Scaled up replica set " + rs.metadata.name + " from 0 to 3"});

    auto d = e.get();
    CHECK(d.metadata.annotations.at("deployment.kubernetes.io/revision") == "1");
    auto p = condition(d, "Progressing");
    REQUIRE(p);
    CHECK(p->status == "True");
    CHECK(p->reason == "NewReplicaSetCreated");
    CHECK(p->message == "Created new replica set \"" + rs.metadata.name + "\"");
    auto a = condition(d, "Available");
    REQUIRE(a);
    CHECK(a->status == "False");
    CHECK(a->reason == "MinimumReplicasUnavailable");
    CHECK(a->message == "Deployment does not have minimum availability.");

    e.converge();
    d = e.get();
    CHECK(d.status.observed_generation == 1);
    CHECK(d.status.replicas == 3);
    CHECK(d.status.updated_replicas == 3);
    CHECK(d.status.ready_replicas == 3);
    CHECK(d.status.available_replicas == 3);
    CHECK(d.status.unavailable_replicas == 0);
    a = condition(d, "Available");
    CHECK(a->status == "True");
    CHECK(a->reason == "MinimumReplicasAvailable");
    CHECK(a->message == "Deployment has minimum availability.");
    p = condition(d, "Progressing");
    CHECK(p->status == "True");
    CHECK(p->reason == "NewReplicaSetAvailable");
    CHECK(p->message == "ReplicaSet \"" + rs.metadata.name + "\" has successfully progressed.");
    // lastTransitionTime stayed while the status stayed True.
    CHECK(p->last_transition_time < p->last_update_time);
}

TEST_CASE("Deployment: the pod template hash is stable for equal templates and differs otherwise") {
    auto a = web(3).spec.template_;
    auto b = web(5).spec.template_;
    const auto h = dep::compute_hash(a, std::nullopt);
    CHECK(h == dep::compute_hash(b, std::nullopt));
    CHECK(h.size() >= 6);
    CHECK(h.find_first_not_of("bcdfghjklmnpqrstvwxz2456789") == std::string::npos);

    b.spec.containers[0].image = "nginx:1.28";
    CHECK(dep::compute_hash(b, std::nullopt) != h);
    b = a;
    b.metadata.labels["tier"] = "front";
    CHECK(dep::compute_hash(b, std::nullopt) != h);
    b = a;
    b.spec.containers[0].env.push_back(api::env_var{"A", "1", {}});
    CHECK(dep::compute_hash(b, std::nullopt) != h);
    CHECK(dep::compute_hash(a, 0) != h);  // a collision count, even 0, changes it
    CHECK(dep::compute_hash(a, 1) != dep::compute_hash(a, 0));

    CHECK(dep::safe_encode_string("0123456789") == "456789bcdf");
}

TEST_CASE("Deployment: maxSurge and maxUnavailable resolve with upstream rounding") {
    auto pct = [](const char* s) { return std::optional<api::int_or_string>(api::int_or_string::from_string(s)); };
    auto num = [](int v) { return std::optional<api::int_or_string>(api::int_or_string::from_int(v)); };
    using pair = std::pair<std::int32_t, std::int32_t>;
    CHECK(*dep::resolve_fenceposts(pct("25%"), pct("25%"), 10) == pair{3, 2});
    CHECK(*dep::resolve_fenceposts(pct("25%"), pct("25%"), 1) == pair{1, 0});
    CHECK(*dep::resolve_fenceposts(pct("0%"), pct("1%"), 2) == pair{0, 1});  // both 0: unavailable 1
    CHECK(*dep::resolve_fenceposts(num(3), num(2), 10) == pair{3, 2});
    CHECK(*dep::resolve_fenceposts(pct("30%"), pct("30%"), 5) == pair{2, 1});
    CHECK_FALSE(dep::resolve_fenceposts(pct("25"), pct("25%"), 10));

    auto d = web(10);
    api::set_defaults(d);
    CHECK(dep::max_surge(d) == 3);
    CHECK(dep::max_unavailable(d) == 2);
    CHECK(dep::min_available(d) == 8);
    d.spec.strategy.rolling_update->max_unavailable = num(20);
    CHECK(dep::max_unavailable(d) == 10);  // never more than the replicas
    d.spec.strategy.type = "Recreate";
    CHECK(dep::max_surge(d) == 0);
    CHECK(dep::max_unavailable(d) == 0);
}

TEST_CASE("Deployment: a template change rolls out within maxSurge and maxUnavailable (10 replicas, 25%)") {
    env e;
    e.create(web(10));
    e.converge();
    const std::string old_name = e.rss()[0].metadata.name;
    condition_log log(e);

    e.set_image("nginx:1.28");
    auto rss = e.rss();
    REQUIRE(rss.size() == 2);
    const std::string new_name = e.rs_with_image("nginx:1.28").metadata.name;
    CHECK(e.rs_with_image("nginx:1.28").metadata.annotations.at("deployment.kubernetes.io/revision") == "2");
    CHECK(e.get().metadata.annotations.at("deployment.kubernetes.io/revision") == "2");
    CHECK(condition(e.get(), "Progressing")->reason == "NewReplicaSetCreated");
    // surge ceil(2.5) = 3: the new ReplicaSet starts at 3; unavailable
    // floor(2.5) = 2: the old one goes to 8; then 8 + 5 = 13 = 10 + maxSurge.
    CHECK(e.replicas_of("nginx:1.28") == 5);
    CHECK(e.replicas_of("nginx:1.27") == 8);

    // The ReplicaSets have their pods; the new ones are not ready.
    e.set_status_of("nginx:1.27", 8, 8, 8);
    e.set_status_of("nginx:1.28", 5, 0, 0);
    CHECK(e.replicas_of("nginx:1.28") == 5);
    CHECK(e.replicas_of("nginx:1.27") == 8);  // 8 available = 10 - maxUnavailable: no more can go
    auto p = condition(e.get(), "Progressing");
    CHECK(p->reason == "ReplicaSetUpdated");
    CHECK(p->message == "ReplicaSet \"" + new_name + "\" is progressing.");

    e.set_status_of("nginx:1.28", 5, 5, 5);  // 13 available: 5 old may go, and 5 new come
    CHECK(e.replicas_of("nginx:1.27") == 3);
    CHECK(e.replicas_of("nginx:1.28") == 10);
    e.set_status_of("nginx:1.27", 3, 3, 3);
    e.set_status_of("nginx:1.28", 10, 5, 5);
    CHECK(e.replicas_of("nginx:1.27") == 3);  // 5 new pods unavailable: the old 3 stay
    e.set_status_of("nginx:1.28", 10, 10, 10);
    CHECK(e.replicas_of("nginx:1.27") == 0);
    CHECK(e.replicas_of("nginx:1.28") == 10);
    e.set_status_of("nginx:1.27", 0, 0, 0);

    auto d = e.get();
    CHECK(d.status.replicas == 10);
    CHECK(d.status.updated_replicas == 10);
    CHECK(d.status.available_replicas == 10);
    CHECK(condition(d, "Progressing")->reason == "NewReplicaSetAvailable");
    CHECK(log.progressing ==
          std::vector<std::string>{"NewReplicaSetAvailable", "NewReplicaSetCreated", "ReplicaSetUpdated", "NewReplicaSetAvailable"});
    CHECK(log.available == std::vector<std::string>{"MinimumReplicasAvailable"});  // never below 8 available

    CHECK(e.events("ScalingReplicaSet") == std::vector<std::string>{
                                               "Scaled up replica set " + old_name + " from 0 to 10",
                                               "Scaled up replica set " + new_name + " from 0 to 3",
                                               "Scaled down replica set " + old_name + " from 10 to 8",
                                               "Scaled up replica set " + new_name + " from 3 to 5",
                                               "Scaled down replica set " + old_name + " from 8 to 3",
                                               "Scaled up replica set " + new_name + " from 5 to 10",
                                               "Scaled down replica set " + old_name + " from 3 to 0",
                                           });
}

TEST_CASE("Deployment: maxSurge 0 and maxUnavailable 1 replace one pod at a time") {
    env e;
    auto d = web(3);
    d.spec.strategy.type = "RollingUpdate";
    d.spec.strategy.rolling_update = api::rolling_update_deployment{api::int_or_string::from_int(1),
                                                                    api::int_or_string::from_int(0)};
    e.create(d);
    e.converge();
    e.set_image("nginx:1.28");
    // One old pod goes, one new comes: never more than 3 pods, at most 1 unavailable.
    CHECK(e.replicas_of("nginx:1.27") == 2);
    CHECK(e.replicas_of("nginx:1.28") == 1);
    e.set_status_of("nginx:1.27", 2, 2, 2);
    e.set_status_of("nginx:1.28", 1, 0, 0);
    CHECK(e.replicas_of("nginx:1.27") == 2);
    e.set_status_of("nginx:1.28", 1, 1, 1);
    CHECK(e.replicas_of("nginx:1.27") == 1);
    CHECK(e.replicas_of("nginx:1.28") == 2);
    e.converge();
    CHECK(e.replicas_of("nginx:1.28") == 3);
    CHECK(e.replicas_of("nginx:1.27") == 0);
}

TEST_CASE("Deployment: Recreate scales old ReplicaSets to zero and creates the new one after their pods are gone") {
    env e;
    auto d = web(2);
    d.spec.strategy.type = "Recreate";
    e.create(d);
    e.converge();
    auto old_rs = e.rss()[0];
    // Two pods of the old ReplicaSet, as its controller would have made them.
    auto pods = e.api.client<api::pod>();
    for (const char* n : {"web-a", "web-b"}) {
        auto p = fixture::pod(n, old_rs.spec.template_.metadata.labels);
        p.metadata.owner_references = {kubesim::controllers::new_controller_ref(old_rs)};
        pods.create(p).value();
    }
    e.settle();

    e.set_image("nginx:1.28");
    CHECK(e.rss().size() == 1);  // no new ReplicaSet yet
    CHECK(e.replicas_of("nginx:1.27") == 0);
    CHECK(e.events("ScalingReplicaSet").back() == "Scaled down replica set " + old_rs.metadata.name + " from 2 to 0");

    e.set_status_of("nginx:1.27", 0, 0, 0);  // the old ReplicaSet counts nothing, but its pods still run
    CHECK(e.rss().size() == 1);
    pods.remove("web-a").value();
    e.settle();
    CHECK(e.rss().size() == 1);
    pods.remove("web-b").value();
    e.settle();
    REQUIRE(e.rss().size() == 2);
    auto new_rs = e.rs_with_image("nginx:1.28");
    CHECK(new_rs.spec.replicas == 2);
    CHECK(new_rs.metadata.annotations.at("deployment.kubernetes.io/revision") == "2");
    CHECK(new_rs.metadata.annotations.at("deployment.kubernetes.io/max-replicas") == "2");  // no surge
    CHECK(e.events("ScalingReplicaSet").back() == "Scaled up replica set " + new_rs.metadata.name + " from 0 to 2");
    e.converge();
    CHECK(condition(e.get(), "Progressing")->reason == "NewReplicaSetAvailable");
    CHECK(condition(e.get(), "Available")->reason == "MinimumReplicasAvailable");
}

TEST_CASE("Deployment: revisionHistoryLimit removes the oldest zero-replica ReplicaSets") {
    env e;
    auto d = web(2);
    d.spec.revision_history_limit = 1;
    e.create(d);
    e.converge();
    for (const char* img : {"nginx:1.28", "nginx:1.29"}) {
        e.api.engine.run_for(10s);
        e.set_image(img);
        e.converge();
    }
    auto rss = e.rss();
    REQUIRE(rss.size() == 2);
    CHECK(image_of(rss[0]) == "nginx:1.28");
    CHECK(rss[0].metadata.annotations.at("deployment.kubernetes.io/revision") == "2");
    CHECK(image_of(rss[1]) == "nginx:1.29");
    CHECK(rss[1].metadata.annotations.at("deployment.kubernetes.io/revision") == "3");

    // With limit 0 the last old one goes too, but only once it has no pods.
    e.modify("web", [](api::deployment& x) { x.spec.revision_history_limit = 0; });
    e.converge();
    REQUIRE(e.rss().size() == 1);
    CHECK(image_of(e.rss()[0]) == "nginx:1.29");
}

TEST_CASE("Deployment: a paused Deployment scales but does not roll out") {
    env e;
    e.create(web(3));
    e.converge();
    condition_log log(e);
    e.modify("web", [](api::deployment& d) { d.spec.paused = true; });
    auto p = condition(e.get(), "Progressing");
    REQUIRE(p);
    CHECK(p->status == "Unknown");
    CHECK(p->reason == "DeploymentPaused");
    CHECK(p->message == "Deployment is paused");

    e.set_image("nginx:1.28");
    CHECK(e.rss().size() == 1);
    e.modify("web", [](api::deployment& d) { d.spec.replicas = 5; });
    auto rs = e.rss()[0];
    CHECK(rs.spec.replicas == 5);
    CHECK(rs.metadata.annotations.at("deployment.kubernetes.io/desired-replicas") == "5");
    CHECK(e.events("ScalingReplicaSet").back() == "Scaled up replica set " + rs.metadata.name + " from 3 to 5");
    CHECK(e.get().status.observed_generation == e.get().metadata.generation);

    e.modify("web", [](api::deployment& d) { d.spec.paused = false; });
    CHECK(e.rss().size() == 2);
    CHECK(e.rs_with_image("nginx:1.28").metadata.annotations.at("deployment.kubernetes.io/revision") == "2");
    CHECK(log.progressing == std::vector<std::string>{"NewReplicaSetAvailable", "DeploymentPaused", "DeploymentResumed",
                                                      "NewReplicaSetCreated"});
}

TEST_CASE("Deployment: ProgressDeadlineExceeded after progressDeadlineSeconds on the virtual clock") {
    env e;
    auto d = web(2);
    d.spec.progress_deadline_seconds = 30;
    e.create(d);
    auto rs = e.rss()[0];
    auto p = condition(e.get(), "Progressing");
    REQUIRE(p);
    CHECK(p->reason == "NewReplicaSetCreated");
    const auto t0 = *p->last_update_time;

    // Some progress at +20s moves the deadline.
    e.api.engine.run_until_time(t0 + 20s);
    e.set_rs_status(rs.metadata.name, 2, 1, 0);
    p = condition(e.get(), "Progressing");
    CHECK(p->reason == "ReplicaSetUpdated");
    CHECK(p->message == "ReplicaSet \"" + rs.metadata.name + "\" is progressing.");
    CHECK(*p->last_update_time == t0 + 20s);
    CHECK(*p->last_transition_time == t0);

    auto timed_out = [&] {
        auto c = condition(e.get(), "Progressing");
        return c && c->reason == "ProgressDeadlineExceeded";
    };
    REQUIRE(e.api.engine.run_until(timed_out, 120s));
    // lastUpdateTime + 30s has passed; upstream checks one second later.
    CHECK(e.api.engine.now() == t0 + 20s + 31s);
    auto dd = e.get();
    p = condition(dd, "Progressing");
    CHECK(p->status == "False");
    CHECK(p->message == "ReplicaSet \"" + rs.metadata.name + "\" has timed out progressing.");
    CHECK(*p->last_update_time == t0 + 51s);
    auto a = condition(dd, "Available");
    CHECK(a->status == "False");
    CHECK(a->reason == "MinimumReplicasUnavailable");

    // It stays timed out (no new requeues) until pods become available.
    e.api.engine.run_for(10min);
    CHECK(condition(e.get(), "Progressing")->reason == "ProgressDeadlineExceeded");
    e.set_rs_status(rs.metadata.name, 2, 2, 2);
    p = condition(e.get(), "Progressing");
    CHECK(p->status == "True");
    CHECK(p->reason == "NewReplicaSetAvailable");
}

TEST_CASE("Deployment: the Available condition follows replicas - maxUnavailable") {
    env e;
    e.create(web(4));  // maxUnavailable floor(25% of 4) = 1: 3 must be available
    auto rs = e.rss()[0].metadata.name;
    e.set_rs_status(rs, 4, 3, 3);
    auto a = condition(e.get(), "Available");
    CHECK(a->status == "True");
    CHECK(a->reason == "MinimumReplicasAvailable");
    const auto since = *a->last_transition_time;
    e.set_rs_status(rs, 4, 2, 2);
    a = condition(e.get(), "Available");
    CHECK(a->status == "False");
    CHECK(a->reason == "MinimumReplicasUnavailable");
    CHECK(*a->last_transition_time > since);
}

TEST_CASE("Deployment: status counts and observedGeneration") {
    env e;
    e.create(web(3));
    auto rs = e.rss()[0].metadata.name;
    e.set_rs_status(rs, 3, 2, 1);
    auto d = e.get();
    CHECK(d.status.observed_generation == 1);
    CHECK(d.status.replicas == 3);
    CHECK(d.status.updated_replicas == 3);
    CHECK(d.status.ready_replicas == 2);
    CHECK(d.status.available_replicas == 1);
    CHECK(d.status.unavailable_replicas == 2);
    CHECK_FALSE(d.status.collision_count);

    // A ReplicaSet's ReplicaFailure condition shows on the Deployment, and goes with it.
    auto r = e.replica_sets().get(rs).value();
    r.status.conditions.push_back(api::replica_set_condition{"ReplicaFailure", "True", e.api.engine.now(), "FailedCreate",
                                                             "pods \"web-x\" is forbidden: exceeded quota"});
    e.replica_sets().update_status(r).value();
    e.settle();
    auto f = condition(e.get(), "ReplicaFailure");
    REQUIRE(f);
    CHECK(f->status == "True");
    CHECK(f->reason == "FailedCreate");
    CHECK(f->message == "pods \"web-x\" is forbidden: exceeded quota");
    r = e.replica_sets().get(rs).value();
    r.status.conditions.clear();
    e.replica_sets().update_status(r).value();
    e.settle();
    CHECK_FALSE(condition(e.get(), "ReplicaFailure"));

    e.set_image("nginx:1.28");
    d = e.get();
    CHECK(d.metadata.generation == 2);
    CHECK(d.status.observed_generation == 2);
    CHECK(d.status.replicas == 3);       // the old pods, by their ReplicaSet's status
    CHECK(d.status.updated_replicas == 0);  // the new ReplicaSet has none yet
    CHECK(d.status.unavailable_replicas == 3);  // 4 desired pods (3 old, 1 new surge) - 1 available
}

TEST_CASE("Deployment: scaling mid-rollout is proportional (10 -> 15 with maxSurge 3)") {
    env e;
    auto d = web(10);
    d.spec.strategy.rolling_update = api::rolling_update_deployment{api::int_or_string::from_int(2),
                                                                    api::int_or_string::from_int(3)};
    e.create(d);
    e.converge();
    const std::string old_name = e.rss()[0].metadata.name;
    e.set_image("nginx:1.28");
    e.set_status_of("nginx:1.27", 8, 8, 8);
    e.set_status_of("nginx:1.28", 3, 0, 0);
    e.set_status_of("nginx:1.28", 5, 0, 0);  // stuck at old 8 + new 5 = 13, new pods never ready
    CHECK(e.replicas_of("nginx:1.27") == 8);
    CHECK(e.replicas_of("nginx:1.28") == 5);
    const std::string new_name = e.rs_with_image("nginx:1.28").metadata.name;

    e.modify("web", [](api::deployment& x) { x.spec.replicas = 15; });
    // 18 allowed, 5 to add: old round(8 * 18 / 13) = 11, new round(5 * 18 / 13) = 7.
    CHECK(e.replicas_of("nginx:1.27") == 11);
    CHECK(e.replicas_of("nginx:1.28") == 7);
    for (const auto& rs : e.rss()) {
        CHECK(rs.metadata.annotations.at("deployment.kubernetes.io/desired-replicas") == "15");
        CHECK(rs.metadata.annotations.at("deployment.kubernetes.io/max-replicas") == "18");
    }
    auto ev = e.events("ScalingReplicaSet");
    REQUIRE(ev.size() >= 2);
    CHECK(ev[ev.size() - 2] == "Scaled up replica set " + old_name + " from 8 to 11");
    CHECK(ev[ev.size() - 1] == "Scaled up replica set " + new_name + " from 5 to 7");

    // And down again, larger first, older first among equals: 18 -> 13 removes 5.
    e.modify("web", [](api::deployment& x) { x.spec.replicas = 10; });
    CHECK(e.replicas_of("nginx:1.27") == 8);
    CHECK(e.replicas_of("nginx:1.28") == 5);
}

TEST_CASE("Deployment: rollback to revision 1 restores the template and bumps the revision") {
    env e;
    e.create(web(2));
    e.converge();
    e.api.engine.run_for(5s);
    e.set_image("nginx:1.28");
    e.converge();
    const auto first = e.rs_with_image("nginx:1.27");

    auto r = dep::rollback_to_revision(e.api.store, "default", "web", 1);
    REQUIRE(r);
    CHECK(*r == "rolled back");
    e.settle();
    auto d = e.get();
    CHECK(d.spec.template_.spec.containers[0].image == "nginx:1.27");
    CHECK(d.spec.template_.metadata.labels.count("pod-template-hash") == 0);
    e.converge();
    REQUIRE(e.rss().size() == 2);  // the first ReplicaSet is the new one again
    auto back = e.rs_with_image("nginx:1.27");
    CHECK(back.metadata.name == first.metadata.name);
    CHECK(back.metadata.annotations.at("deployment.kubernetes.io/revision") == "3");
    CHECK(back.metadata.annotations.at("deployment.kubernetes.io/revision-history") == "1");
    CHECK(back.spec.replicas == 2);
    CHECK(e.replicas_of("nginx:1.28") == 0);
    CHECK(e.get().metadata.annotations.at("deployment.kubernetes.io/revision") == "3");
    CHECK(condition(e.get(), "Progressing")->reason == "NewReplicaSetAvailable");

    // kubectl's answers.
    CHECK(*dep::rollback_to_revision(e.api.store, "default", "web", 3) ==
          "skipped rollback (current template already matches revision 3)");
    auto missing = dep::rollback_to_revision(e.api.store, "default", "web", 7);
    REQUIRE_FALSE(missing);
    CHECK(missing.error().message == "unable to find specified revision 7 in history");
    CHECK(*dep::rollback_to_revision(e.api.store, "default", "web") == "rolled back");  // to revision 2
    e.converge();
    CHECK(e.get().spec.template_.spec.containers[0].image == "nginx:1.28");
    e.modify("web", [](api::deployment& x) { x.spec.paused = true; });
    auto paused = dep::rollback_to_revision(e.api.store, "default", "web");
    REQUIRE_FALSE(paused);
    CHECK(paused.error().message ==
          "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/web' and "
          "try again");

    e.create(fixture::deployment("solo", 1));
    auto none = dep::rollback_to_revision(e.api.store, "default", "solo");
    REQUIRE_FALSE(none);
    CHECK(none.error().message == "no rollout history found for deployment \"solo\"");
    auto gone = dep::rollback_to_revision(e.api.store, "default", "nope");
    REQUIRE_FALSE(gone);
    CHECK(gone.error().message == "failed to retrieve Deployment nope: deployments.apps \"nope\" not found");
}

TEST_CASE("Deployment: the scale subresource") {
    env e;
    e.create(web(3));
    e.converge();
    auto s = e.deployments().get_scale("web").value();
    CHECK(s.spec.replicas == 3);
    CHECK(s.status.replicas == 3);
    CHECK(s.status.selector == "app=web");
    s.spec.replicas = 6;
    e.deployments().update_scale("web", s).value();
    e.settle();
    auto rs = e.rss()[0];
    CHECK(rs.spec.replicas == 6);
    CHECK(e.events("ScalingReplicaSet").back() == "Scaled up replica set " + rs.metadata.name + " from 3 to 6");
    e.converge();
    CHECK(e.deployments().get_scale("web").value().status.replicas == 6);
}

TEST_CASE("Deployment: a name taken by another template bumps collisionCount") {
    env e;
    auto d = web(2);
    api::set_defaults(d);
    const std::string hash = dep::compute_hash(d.spec.template_, std::nullopt);
    // Someone else's ReplicaSet already has the name.
    api::replica_set squatter;
    squatter.metadata.name = "web-" + hash;
    squatter.spec.replicas = 0;
    squatter.spec.selector = api::label_selector{{{"app", "other"}}, {}};
    squatter.spec.template_.metadata.labels = {{"app", "other"}};
    squatter.spec.template_.spec.containers = d.spec.template_.spec.containers;
    e.replica_sets().create(squatter).value();
    e.settle();

    e.create(d);
    e.settle();
    auto got = e.get();
    CHECK(got.status.collision_count == 1);
    auto rss = e.rss();
    REQUIRE(rss.size() == 1);
    CHECK(rss[0].metadata.name == "web-" + dep::compute_hash(got.spec.template_, 1));
    CHECK(rss[0].metadata.name != squatter.metadata.name);
    CHECK(e.replica_sets().get(squatter.metadata.name).value().metadata.owner_references.empty());
}

TEST_CASE("Deployment: an orphan ReplicaSet with the template is adopted as the new one") {
    env e;
    auto d = web(2);
    api::set_defaults(d);
    api::replica_set orphan;
    orphan.metadata.name = "web-handmade";
    orphan.metadata.labels = {{"app", "web"}, {"pod-template-hash", "handmade"}};
    orphan.spec.replicas = 2;
    orphan.spec.selector = api::label_selector{{{"app", "web"}, {"pod-template-hash", "handmade"}}, {}};
    orphan.spec.template_ = d.spec.template_;
    orphan.spec.template_.metadata.labels["pod-template-hash"] = "handmade";
    e.replica_sets().create(orphan).value();
    e.create(d);

    auto rss = e.rss();
    REQUIRE(rss.size() == 1);
    CHECK(rss[0].metadata.name == "web-handmade");
    CHECK(api::controller_of(rss[0].metadata)->uid == e.get().metadata.uid);
    CHECK(rss[0].metadata.annotations.at("deployment.kubernetes.io/revision") == "1");
    auto p = condition(e.get(), "Progressing");
    REQUIRE(p);
    CHECK(p->reason == "FoundNewReplicaSet");
    CHECK(p->message == "Found new replica set \"web-handmade\"");
    CHECK(e.events("ScalingReplicaSet").empty());

    // Labels changed so it no longer matches: released, and a new one is made.
    auto rs = e.replica_sets().get("web-handmade").value();
    rs.metadata.labels["app"] = "elsewhere";
    e.replica_sets().update(rs).value();
    e.settle();
    CHECK(e.replica_sets().get("web-handmade").value().metadata.owner_references.empty());
    REQUIRE(e.rss().size() == 1);
    CHECK(e.rss()[0].metadata.name == "web-" + dep::compute_hash(d.spec.template_, std::nullopt));
}

TEST_CASE("Deployment: end to end with the ReplicaSet controller, pods made ready by status writes") {
    fixture::apiserver api;
    kubesim::controllers::replica_set::controller rsc{api.store};
    dep::controller dc{api.store};
    rsc.start();
    dc.start();
    auto pods = api.client<api::pod>();
    int next_ip = 0;
    std::size_t most_pods = 0, least_ready = 1000;
    // One step: let the controllers run, note the pods, then play kubelet and
    // make every new pod Running and Ready.
    auto step = [&] {
        api.engine.run_for(100ms);
        auto items = pods.list().value().items;
        std::size_t ready = 0;
        for (const auto& p : items)
            if (kubesim::controllers::is_pod_ready(p)) ++ready;
        most_pods = std::max(most_pods, items.size());
        least_ready = std::min(least_ready, ready);
        for (const auto& p : items)
            if (!kubesim::controllers::is_pod_ready(p) && !p.metadata.deletion_timestamp)
                fixture::set_running(pods, p.metadata.name, "10.0.0." + std::to_string(++next_ip));
    };
    auto rolled_out = [&](const std::string& image) {
        auto d = api.client<api::deployment>().get("web").value();
        auto p = condition(d, "Progressing");
        return d.spec.template_.spec.containers[0].image == image && p && p->reason == "NewReplicaSetAvailable" &&
               d.status.observed_generation == d.metadata.generation && d.status.updated_replicas == 10 &&
               d.status.replicas == 10 && d.status.available_replicas == 10;
    };

    api.client<api::deployment>().create(web(10)).value();
    for (int i = 0; i < 100 && !rolled_out("nginx:1.27"); ++i) step();
    REQUIRE(rolled_out("nginx:1.27"));
    CHECK(most_pods == 10);

    auto d = api.client<api::deployment>().get("web").value();
    d.spec.template_.spec.containers[0].image = "nginx:1.28";
    api.client<api::deployment>().update(d).value();
    most_pods = 0;
    least_ready = 1000;
    for (int i = 0; i < 100 && !rolled_out("nginx:1.28"); ++i) step();
    REQUIRE(rolled_out("nginx:1.28"));
    CHECK(most_pods <= 13);   // 10 + maxSurge 3
    CHECK(least_ready >= 8);  // 10 - maxUnavailable 2

    auto items = pods.list().value().items;
    REQUIRE(items.size() == 10);
    std::string new_rs;
    for (const auto& rs : api.client<api::replica_set>().list().value().items)
        if (rs.spec.template_.spec.containers[0].image == "nginx:1.28") new_rs = rs.metadata.name;
    for (const auto& p : items) {
        CHECK(p.spec.containers[0].image == "nginx:1.28");
        CHECK("web-" + p.metadata.labels.at("pod-template-hash") == new_rs);
    }
    auto a = condition(api.client<api::deployment>().get("web").value(), "Available");
    CHECK(a->reason == "MinimumReplicasAvailable");
}
