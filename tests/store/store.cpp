#include <doctest/doctest.h>

#include <fixture.hpp>

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;
using kubesim::sim::time_point;

TEST_SUITE("store/create") {
    TEST_CASE("create fills uid, creationTimestamp, generation and a cluster-wide resourceVersion") {
        fixture::apiserver s;
        s.engine.run_for(5s);
        auto p = s.client<api::pod>().create(fixture::pod("web")).value();
        CHECK(p.metadata.uid.size() == 36);
        CHECK(p.metadata.creation_timestamp == time_point{} + 5s);
        CHECK(p.metadata.generation == 1);
        CHECK(p.metadata.namespace_ == "default");
        CHECK(p.status.phase == "Pending");
        auto cm = s.client<api::config_map>().create(fixture::config_map("cfg")).value();
        CHECK(cm.metadata.generation == 0);  // ConfigMaps do not track generation
        // One counter for every kind: the ConfigMap comes after the Pod.
        CHECK(std::stoull(cm.metadata.resource_version) == std::stoull(p.metadata.resource_version) + 1);
    }
    TEST_CASE("last_write: the resourceVersion of a kind's latest write, one counter for all kinds") {
        fixture::apiserver s(0, kubesim::store::store_options{.watch_history = 1});
        const auto& pods = kubesim::store::kind_ops_of<api::pod>();
        const auto& maps = kubesim::store::kind_ops_of<api::config_map>();
        CHECK(s.store.last_write(pods) == 0);
        auto p = s.client<api::pod>().create(fixture::pod("web")).value();
        const auto created = std::stoull(p.metadata.resource_version);
        CHECK(s.store.last_write(pods) == created);
        s.client<api::config_map>().create(fixture::config_map("a")).value();
        s.client<api::config_map>().create(fixture::config_map("b")).value();
        CHECK(s.store.last_write(pods) == created);  // other kinds' writes do not move it
        CHECK(s.store.last_write(maps) == s.store.resource_version());
        (void)s.client<api::pod>().remove("web", {.grace_period_seconds = 0}).value();
        CHECK(s.store.last_write(pods) == s.store.resource_version());
    }
    TEST_CASE("generateName appends 5 characters from the Kubernetes alphabet, deterministically") {
        auto names = [](std::uint64_t seed) {
            fixture::apiserver s(seed);
            std::vector<std::string> out;
            for (int i = 0; i < 3; ++i) {
                auto p = fixture::pod("");
                p.metadata.generate_name = "web-";
                out.push_back(s.client<api::pod>().create(p).value().metadata.name);
            }
            return out;
        };
        auto a = names(1);
        CHECK(a == names(1));
        CHECK(a != names(2));
        for (const auto& n : a) {
            REQUIRE(n.size() == 9);
            CHECK(n.substr(0, 4) == "web-");
            for (char c : n.substr(4)) CHECK(std::string_view("bcdfghjklmnpqrstvwxz2456789").find(c) != std::string_view::npos);
        }
    }
    TEST_CASE("create refuses a resourceVersion, an existing name and a missing namespace") {
        fixture::apiserver s;
        auto p = fixture::pod("web");
        p.metadata.resource_version = "5";
        auto r = s.client<api::pod>().create(p);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == 500);
        CHECK(r.error().message == "resourceVersion should not be set on objects to be created");
        CHECK(r.error().reason.empty());

        s.client<api::pod>().create(fixture::pod("web")).value();
        r = s.client<api::pod>().create(fixture::pod("web"));
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == "AlreadyExists");
        CHECK(r.error().code == 409);
        CHECK(r.error().message == "pods \"web\" already exists");

        r = s.client<api::pod>("nope").create(fixture::pod("web"));
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == "NotFound");
        CHECK(r.error().message == "namespaces \"nope\" not found");

        auto d = s.client<api::deployment>().create(fixture::deployment("web"));
        REQUIRE(d);
        auto d2 = s.client<api::deployment>().create(fixture::deployment("web"));
        CHECK(d2.error().message == "deployments.apps \"web\" already exists");
    }
    TEST_CASE("an invalid object is refused with the Invalid message and nothing is stored") {
        fixture::apiserver s;
        auto d = fixture::deployment("web");
        d.spec.replicas = -1;
        auto r = s.client<api::deployment>().create(d);
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == "Invalid");
        CHECK(r.error().code == 422);
        CHECK(r.error().message ==
              "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
        REQUIRE(r.error().details.causes.size() == 1);
        CHECK(r.error().details.causes[0].field == "spec.replicas");
        CHECK(r.error().details.causes[0].type == "FieldValueInvalid");
        CHECK_FALSE(s.client<api::deployment>().get("web"));
    }
    TEST_CASE("defaults are applied on create") {
        fixture::apiserver s;
        auto p = s.client<api::pod>().create(fixture::pod("web")).value();
        CHECK(p.spec.restart_policy == "Always");
        CHECK(p.spec.dns_policy == "ClusterFirst");
        CHECK(p.spec.termination_grace_period_seconds == 30);
        CHECK(p.spec.scheduler_name == "default-scheduler");
        CHECK(p.spec.containers[0].image_pull_policy == "IfNotPresent");
        auto d = s.client<api::deployment>().create(fixture::deployment("web")).value();
        CHECK(d.spec.strategy.type == "RollingUpdate");
        CHECK(d.spec.revision_history_limit == 10);
        CHECK(d.spec.progress_deadline_seconds == 600);
    }
    TEST_CASE("cluster-scoped kinds ignore the namespace") {
        fixture::apiserver s;
        api::node n;
        n.metadata.name = "node-1";
        n.metadata.namespace_ = "default";
        auto r = s.client<api::node>("default").create(n).value();
        CHECK(r.metadata.namespace_.empty());
        CHECK(s.client<api::node>("").get("node-1"));
    }
}

TEST_SUITE("store/read") {
    TEST_CASE("get of a missing object is NotFound with the resource and group") {
        fixture::apiserver s;
        auto r = s.client<api::pod>().get("web");
        REQUIRE_FALSE(r);
        CHECK(r.error().code == 404);
        CHECK(r.error().message == "pods \"web\" not found");
        CHECK(s.client<api::deployment>().get("x").error().message == "deployments.apps \"x\" not found");
        CHECK(s.client<api::endpoint_slice>().get("x").error().message ==
              "endpointslices.discovery.k8s.io \"x\" not found");
    }
    TEST_CASE("list is ordered by namespace then name and filters by label and field selectors") {
        fixture::apiserver s;
        s.client<api::pod>("other").create(fixture::pod("a", {{"app", "web"}})).value();
        s.client<api::pod>().create(fixture::pod("c", {{"app", "web"}, {"tier", "front"}})).value();
        s.client<api::pod>().create(fixture::pod("b", {{"app", "db"}})).value();
        auto all = s.client<api::pod>("").list().value();
        std::vector<std::string> keys;
        for (const auto& p : all.items) keys.push_back(p.metadata.namespace_ + "/" + p.metadata.name);
        CHECK(keys == std::vector<std::string>{"default/b", "default/c", "other/a"});
        CHECK(all.resource_version == std::to_string(s.store.resource_version()));

        auto web = s.client<api::pod>("").list({.label_selector = "app=web"}).value();
        REQUIRE(web.items.size() == 2);
        CHECK(web.items[0].metadata.name == "c");
        CHECK(web.items[1].metadata.name == "a");
        CHECK(s.client<api::pod>().list({.label_selector = "app=web"}).value().items.size() == 1);
        CHECK(s.client<api::pod>("").list({.label_selector = "app in (web,db),tier!=front"}).value().items.size() == 2);
        CHECK(s.client<api::pod>("").list({.label_selector = "!tier"}).value().items.size() == 2);
        CHECK(s.client<api::pod>("").list({.label_selector = "app=none"}).value().items.empty());

        auto by_name = s.client<api::pod>("").list({.field_selector = "metadata.name=b"}).value();
        REQUIRE(by_name.items.size() == 1);
        CHECK(by_name.items[0].metadata.name == "b");
        CHECK(s.client<api::pod>("").list({.field_selector = "metadata.namespace!=default"}).value().items.size() == 1);

        auto bad = s.client<api::pod>().list({.field_selector = "spec.foo=bar"});
        REQUIRE_FALSE(bad);
        CHECK(bad.error().reason == "BadRequest");
        CHECK(bad.error().message == "field label not supported: spec.foo");
    }
    TEST_CASE("a list page starts after a key, holds at most limit matches and says what follows") {
        fixture::apiserver s;
        for (const char* ns : {"a", "a-b"}) {
            api::namespace_ n;
            n.metadata.name = ns;
            s.client<api::namespace_>("").create(n).value();
            for (const char* p : {"x", "y"}) s.client<api::pod>(ns).create(fixture::pod(p, {{"app", p}})).value();
        }
        const auto& ops = kubesim::store::kind_ops_of<api::pod>();
        const auto names = [&](const kubesim::store::list_result& r) {
            std::vector<std::string> out;
            for (const auto& o : r.items) {
                const auto& m = ops.meta(o.get());
                out.push_back(m.namespace_ + "/" + m.name);
            }
            return out;
        };
        // Pages follow the store's order, namespace then name.
        auto first = s.store.list(ops, "", {}, {.limit = 3}).value();
        CHECK(names(first) == std::vector<std::string>{"a/x", "a/y", "a-b/x"});
        CHECK(first.more);
        CHECK(first.remaining == 1);
        auto rest = s.store.list(ops, "", {}, {.after = true, .after_namespace = "a-b", .after_name = "x", .limit = 3}).value();
        CHECK(names(rest) == std::vector<std::string>{"a-b/y"});
        CHECK_FALSE(rest.more);
        CHECK_FALSE(rest.remaining);
        // In one namespace, from a key before it or inside it.
        CHECK(names(s.store.list(ops, "a-b", {}, {.after = true, .after_namespace = "a", .after_name = "y"}).value()) ==
              std::vector<std::string>{"a-b/x", "a-b/y"});
        CHECK(names(s.store.list(ops, "a", {}, {.after = true, .after_namespace = "a", .after_name = "x"}).value()) ==
              std::vector<std::string>{"a/y"});
        // A selector: matches only, more when another match follows, no count.
        auto sel = s.store.list(ops, "", {.label_selector = "app=x"}, {.limit = 1}).value();
        CHECK(names(sel) == std::vector<std::string>{"a/x"});
        CHECK(sel.more);
        CHECK_FALSE(sel.remaining);
        auto sel2 = s.store.list(ops, "", {.field_selector = "metadata.name=x"},
                                 {.after = true, .after_namespace = "a", .after_name = "x", .limit = 1})
                        .value();
        CHECK(names(sel2) == std::vector<std::string>{"a-b/x"});
        CHECK_FALSE(sel2.more);
    }
    TEST_CASE("field-selected lists follow binds, updates and deletes (Events through their index)") {
        fixture::apiserver s;
        auto pods = s.client<api::pod>("");
        for (const char* n : {"a", "b", "c"}) s.client<api::pod>().create(fixture::pod(n)).value();
        const auto on = [&](const std::string& node) {
            std::vector<std::string> out;
            for (const auto& p : pods.list({.field_selector = "spec.nodeName=" + node}).value().items)
                out.push_back(p.metadata.name);
            return out;
        };
        CHECK(on("") == std::vector<std::string>{"a", "b", "c"});
        s.store.bind_pod("default", "b", "node-1", "").value();
        s.store.bind_pod("default", "a", "node-1", "").value();
        CHECK(on("node-1") == std::vector<std::string>{"a", "b"});
        CHECK(on("") == std::vector<std::string>{"c"});
        CHECK(on("node-2").empty());
        // With other terms and a label selector beside the index.
        CHECK(pods.list({.field_selector = "spec.nodeName=node-1,metadata.name!=a"}).value().items.size() == 1);
        s.client<api::pod>().remove("b", {.grace_period_seconds = 0}).value();
        CHECK(on("node-1") == std::vector<std::string>{"a"});

        auto events = s.client<api::event>();
        for (const char* n : {"e1", "e2"}) {
            api::event e;
            e.metadata.name = n;
            e.involved_object.kind = "Pod";
            e.involved_object.namespace_ = "default";
            e.involved_object.name = "a";
            events.create(e).value();
        }
        auto moved = events.get("e2").value();
        moved.involved_object.name = "c";
        events.update(moved).value();
        const auto about = [&](const std::string& name) {
            return events.list({.field_selector = "involvedObject.name=" + name}).value().items.size();
        };
        CHECK(about("a") == 1);
        CHECK(about("c") == 1);
        events.remove("e1").value();
        CHECK(about("a") == 0);
        CHECK(about("zzz") == 0);
    }
    TEST_CASE("list refuses a resourceVersion from the future") {
        fixture::apiserver s;
        auto r = s.client<api::pod>().list({.resource_version = "999"});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == 504);
        CHECK(r.error().message.find("Too large resource version: 999") != std::string::npos);
    }
}

TEST_SUITE("store/update") {
    TEST_CASE("a stale resourceVersion is a 409 Conflict with the Kubernetes message") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto v1 = c.create(fixture::config_map("cfg", {{"a", "1"}})).value();
        auto v2 = v1;
        v2.data["a"] = "2";
        CHECK(c.update(v2));
        v1.data["a"] = "3";
        auto r = c.update(v1);
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == "Conflict");
        CHECK(r.error().code == 409);
        CHECK(r.error().message ==
              "Operation cannot be fulfilled on configmaps \"cfg\": the object has been modified; please apply your "
              "changes to the latest version and try again");
        // An empty resourceVersion is an unconditional update.
        v1.metadata.resource_version.clear();
        CHECK(c.update(v1).value().data.at("a") == "3");
    }
    TEST_CASE("update of a missing object is NotFound") {
        fixture::apiserver s;
        CHECK(s.client<api::config_map>().update(fixture::config_map("x")).error().message ==
              "configmaps \"x\" not found");
    }
    TEST_CASE("generation moves on spec changes only; status and spec writes stay apart") {
        fixture::apiserver s;
        auto c = s.client<api::deployment>();
        auto d = c.create(fixture::deployment("web", 2)).value();
        CHECK(d.metadata.generation == 1);
        d.metadata.labels["team"] = "a";
        d = c.update(d).value();
        CHECK(d.metadata.generation == 1);  // metadata only
        d.spec.replicas = 3;
        d.status.replicas = 99;  // ignored by a main-resource update
        d = c.update(d).value();
        CHECK(d.metadata.generation == 2);
        CHECK(d.status.replicas == 0);
        d.status.replicas = 3;
        d.status.observed_generation = 2;
        d.spec.replicas = 10;  // ignored by a status update
        d = c.update_status(d).value();
        CHECK(d.metadata.generation == 2);
        CHECK(d.spec.replicas == 3);
        CHECK(d.status.replicas == 3);
        CHECK(c.get("web").value().status.observed_generation == 2);
    }
    TEST_CASE("an update that changes nothing keeps the resourceVersion") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto v = c.create(fixture::config_map("cfg", {{"a", "1"}})).value();
        const auto rv = s.store.resource_version();
        auto same = c.update(v).value();
        CHECK(same.metadata.resource_version == v.metadata.resource_version);
        CHECK(s.store.resource_version() == rv);
    }
    TEST_CASE("immutable metadata is kept or refused") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto v = c.create(fixture::config_map("cfg")).value();
        auto w = v;
        w.metadata.uid.clear();
        w.metadata.creation_timestamp.reset();
        w.data["k"] = "v";
        auto u = c.update(w).value();
        CHECK(u.metadata.uid == v.metadata.uid);
        CHECK(u.metadata.creation_timestamp == v.metadata.creation_timestamp);
        w = u;
        w.metadata.uid = "another";
        auto r = c.update(w);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("metadata.uid: Invalid value: \"another\": field is immutable") != std::string::npos);
    }
    TEST_CASE("the selector of a Deployment is immutable") {
        fixture::apiserver s;
        auto c = s.client<api::deployment>();
        auto d = c.create(fixture::deployment("web")).value();
        d.spec.selector->match_labels["extra"] = "x";
        d.spec.template_.metadata.labels["extra"] = "x";
        auto r = c.update(d);
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == "Invalid");
        CHECK(r.error().message.find("spec.selector: Invalid value: ") != std::string::npos);
        CHECK(r.error().message.find("field is immutable") != std::string::npos);
    }
    TEST_CASE("the scale subresource reads and writes spec.replicas") {
        fixture::apiserver s;
        auto c = s.client<api::deployment>();
        c.create(fixture::deployment("web", 2)).value();
        auto sc = c.get_scale("web").value();
        CHECK(sc.spec.replicas == 2);
        CHECK(sc.status.selector == "app=web");
        sc.spec.replicas = 5;
        auto out = c.update_scale("web", sc).value();
        CHECK(out.spec.replicas == 5);
        auto d = c.get("web").value();
        CHECK(d.spec.replicas == 5);
        CHECK(d.metadata.generation == 2);
        sc.spec.replicas = 7;  // stale resourceVersion now
        CHECK(c.update_scale("web", sc).error().reason == "Conflict");
        auto fresh = c.get_scale("web").value();
        fresh.spec.replicas = -1;
        CHECK(c.update_scale("web", fresh).error().message ==
              "Scale.autoscaling \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");
    }
}

TEST_SUITE("store/delete") {
    TEST_CASE("objects without finalizers go at once; the status names them") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto v = c.create(fixture::config_map("cfg")).value();
        auto st = c.remove("cfg").value();
        CHECK(st.status_ == "Success");
        CHECK(st.details.name == "cfg");
        CHECK(st.details.kind == "configmaps");
        CHECK(st.details.uid == v.metadata.uid);
        CHECK(c.get("cfg").error().reason == "NotFound");
        CHECK(c.remove("cfg").error().message == "configmaps \"cfg\" not found");
    }
    TEST_CASE("a pod bound to a node is deleted gracefully; grace 0 removes it") {
        fixture::apiserver s;
        auto c = s.client<api::pod>();
        auto p = fixture::pod("web");
        p.spec.node_name = "node-1";
        c.create(p).value();
        s.engine.run_for(10s);
        c.remove("web").value();
        auto d = c.get("web").value();
        REQUIRE(d.metadata.deletion_timestamp.has_value());
        CHECK(*d.metadata.deletion_timestamp == time_point{} + 40s);
        CHECK(d.metadata.deletion_grace_period_seconds == 30);
        CHECK(d.metadata.generation == 2);
        // A longer grace period does not extend it; a shorter one shortens it.
        c.remove("web", {.grace_period_seconds = 60}).value();
        CHECK(c.get("web").value().metadata.deletion_grace_period_seconds == 30);
        c.remove("web", {.grace_period_seconds = 5}).value();
        CHECK(*c.get("web").value().metadata.deletion_timestamp == time_point{} + 15s);
        c.remove("web", {.grace_period_seconds = 0}).value();
        CHECK(c.get("web").error().reason == "NotFound");
    }
    TEST_CASE("an unscheduled pod is deleted immediately") {
        fixture::apiserver s;
        s.client<api::pod>().create(fixture::pod("web")).value();
        s.client<api::pod>().remove("web").value();
        CHECK_FALSE(s.client<api::pod>().get("web"));
    }
    TEST_CASE("finalizers keep a deleted object until they are removed") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto cm = fixture::config_map("cfg");
        cm.metadata.finalizers = {"example.com/hold"};
        c.create(cm).value();
        c.remove("cfg").value();
        auto held = c.get("cfg").value();
        REQUIRE(held.metadata.deletion_timestamp.has_value());
        CHECK(held.metadata.deletion_grace_period_seconds == 0);
        auto more = held;
        more.metadata.finalizers.push_back("example.com/other");
        auto r = c.update(more);
        REQUIRE_FALSE(r);
        CHECK(r.error().message.find("no new finalizers can be added if the object is being deleted") != std::string::npos);
        held.metadata.finalizers.clear();
        CHECK(c.update(held));
        CHECK(c.get("cfg").error().reason == "NotFound");
    }
    TEST_CASE("propagation policies: validation, and the finalizers Foreground and Orphan add") {
        fixture::apiserver s;
        auto c = s.client<api::deployment>();
        c.create(fixture::deployment("web")).value();
        auto r = c.remove("web", {.propagation_policy = "Never"});
        REQUIRE_FALSE(r);
        CHECK(r.error().code == 422);
        CHECK(r.error().message ==
              "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"Never\": supported "
              "values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"");
        c.remove("web", {.propagation_policy = "Foreground"}).value();
        auto d = c.get("web").value();
        CHECK(d.metadata.finalizers == std::vector<std::string>{"foregroundDeletion"});
        CHECK(d.metadata.deletion_timestamp.has_value());
        c.create(fixture::deployment("orphaned")).value();
        c.remove("orphaned", {.propagation_policy = "Orphan"}).value();
        CHECK(c.get("orphaned").value().metadata.finalizers == std::vector<std::string>{"orphan"});
    }
    TEST_CASE("delete preconditions") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto v = c.create(fixture::config_map("cfg")).value();
        auto r = c.remove("cfg", {.preconditions = {.uid = "123"}});
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == "Conflict");
        CHECK(r.error().message == "Operation cannot be fulfilled on configmaps \"cfg\": Precondition failed: UID in "
                                   "precondition: 123, UID in object meta: " + v.metadata.uid);
        r = c.remove("cfg", {.preconditions = {.resource_version = "1"}});
        CHECK(r.error().message == "Operation cannot be fulfilled on configmaps \"cfg\": Precondition failed: "
                                   "ResourceVersion in precondition: 1, ResourceVersion in object meta: " +
                                       v.metadata.resource_version);
        CHECK(c.remove("cfg", {.preconditions = {.uid = v.metadata.uid, .resource_version = v.metadata.resource_version}}));
    }
    TEST_CASE("deleting a namespace makes it Terminating and closes it to new content") {
        fixture::apiserver s;
        s.client<api::config_map>("other").create(fixture::config_map("cfg")).value();
        s.client<api::namespace_>().remove("other").value();
        auto ns = s.client<api::namespace_>().get("other").value();
        CHECK(ns.status.phase == "Terminating");
        CHECK(ns.metadata.deletion_timestamp.has_value());
        CHECK(ns.spec.finalizers == std::vector<std::string>{"kubernetes"});
        auto r = s.client<api::config_map>("other").create(fixture::config_map("new"));
        REQUIRE_FALSE(r);
        CHECK(r.error().reason == "Forbidden");
        CHECK(r.error().code == 403);
        CHECK(r.error().message ==
              "configmaps \"new\" is forbidden: unable to create new content in namespace other because it is being "
              "terminated");
        // Existing content stays readable and writable (the namespace controller empties it).
        CHECK(s.client<api::config_map>("other").get("cfg"));
    }
    TEST_CASE("deletecollection by label selector") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto a = fixture::config_map("a");
        a.metadata.labels["app"] = "x";
        auto b = fixture::config_map("b");
        b.metadata.labels["app"] = "y";
        c.create(a).value();
        c.create(b).value();
        c.remove_collection({.label_selector = "app=x"}).value();
        CHECK_FALSE(c.get("a"));
        CHECK(c.get("b"));
    }
}

TEST_SUITE("store/memory") {
    TEST_CASE("equal container lists and owner references are stored once") {
        fixture::apiserver s;
        auto c = s.client<api::pod>();
        auto make = [](std::string name) {
            auto p = fixture::pod(std::move(name), {{"app", "web"}});
            p.metadata.owner_references.push_back(
                {.api_version = "apps/v1", .kind = "ReplicaSet", .name = "web-1", .uid = "u-1", .controller = true});
            return p;
        };
        c.create(make("a")).value();
        c.create(make("b")).value();
        auto a = c.get_shared("a").value();
        auto b = c.get_shared("b").value();
        CHECK(a->spec.containers.shares_with(b->spec.containers));
        CHECK(a->metadata.owner_references.shares_with(b->metadata.owner_references));

        // A writer gets its own copy; the stored objects do not change.
        auto mine = c.get("a").value();
        mine.spec.containers[0].image = "busybox:1.37";
        CHECK(c.get("b").value().spec.containers[0].image == "busybox:1.36");
        CHECK(c.update(mine).value().spec.containers[0].image == "busybox:1.37");
        CHECK_FALSE(c.get_shared("a").value()->spec.containers.shares_with(c.get_shared("b").value()->spec.containers));
        CHECK(c.get("b").value().spec.containers[0].image == "busybox:1.36");

        // Different lists are not shared.
        auto other = make("c");
        other.spec.containers[0].image = "nginx:1.27";
        c.create(other).value();
        CHECK_FALSE(c.get_shared("c").value()->spec.containers.shares_with(b->spec.containers));
    }
}
