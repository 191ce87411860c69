#include <doctest/doctest.h>

#include <fixture.hpp>

#include <kubesim/store/informer.hpp>

#include <chrono>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;

namespace {
template <class Kind>
std::string describe(const kubesim::watch_event<Kind>& e) {
    if (e.type == "BOOKMARK") return "BOOKMARK@" + e.object.metadata.resource_version;
    if (e.type == "ERROR") return "ERROR " + std::to_string(e.status.code) + " " + e.status.message;
    std::string s = e.type + " " + e.object.metadata.name;
    auto it = e.object.data.find("v");
    if (it != e.object.data.end()) s += "=" + it->second;
    return s;
}
}  // namespace

TEST_SUITE("store/watch") {
    TEST_CASE("events arrive in resourceVersion order, through the engine, never from the write itself") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        std::vector<std::string> log;
        auto w = c.watch({}, [&](const auto& e) { log.push_back(describe(e)); });
        auto v = c.create(fixture::config_map("a", {{"v", "1"}})).value();
        CHECK(log.empty());
        v.data["v"] = "2";
        c.update(v).value();
        c.remove("a").value();
        CHECK(log.empty());
        s.drain();
        CHECK(log == std::vector<std::string>{"ADDED a=1", "MODIFIED a=2", "DELETED a=2"});
    }
    TEST_CASE("a watch from empty resourceVersion starts with synthetic ADDED for current objects") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        c.create(fixture::config_map("a")).value();
        c.create(fixture::config_map("b")).value();
        std::vector<std::string> log;
        auto w = c.watch({.allow_watch_bookmarks = true}, [&](const auto& e) { log.push_back(describe(e)); });
        c.create(fixture::config_map("c")).value();
        s.drain();
        const auto rv_before_c = std::to_string(s.store.resource_version() - 1);
        CHECK(log == std::vector<std::string>{"ADDED a", "ADDED b", "BOOKMARK@" + rv_before_c, "ADDED c"});
    }
    TEST_CASE("a watch resumes from a resourceVersion without loss") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto a = c.create(fixture::config_map("a", {{"v", "1"}})).value();
        const auto resume = a.metadata.resource_version;
        a.data["v"] = "2";
        c.update(a).value();
        c.create(fixture::config_map("b")).value();
        std::vector<std::string> log;
        auto w = c.watch({.resource_version = resume}, [&](const auto& e) { log.push_back(describe(e)); });
        s.drain();
        CHECK(log == std::vector<std::string>{"MODIFIED a=2", "ADDED b"});
    }
    TEST_CASE("a resourceVersion older than the retained window gets 410 Expired") {
        fixture::apiserver s(0, {.watch_history = 3});
        auto c = s.client<api::config_map>();
        auto a = c.create(fixture::config_map("a", {{"v", "0"}})).value();
        const auto old_rv = a.metadata.resource_version;
        for (int i = 1; i <= 5; ++i) {
            a.data["v"] = std::to_string(i);
            a = c.update(a).value();
        }
        std::vector<std::string> log;
        auto w = c.watch({.resource_version = old_rv}, [&](const auto& e) { log.push_back(describe(e)); });
        s.drain();
        REQUIRE(log.size() == 1);
        CHECK(log[0].rfind("ERROR 410 too old resource version: " + old_rv + " (", 0) == 0);
    }
    TEST_CASE("a label-selected watch sees objects leave as DELETED and enter as ADDED") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        std::vector<std::string> log;
        auto w = c.watch({.label_selector = "app=web"}, [&](const auto& e) { log.push_back(describe(e)); });
        auto a = fixture::config_map("a");
        a.metadata.labels["app"] = "web";
        a = c.create(a).value();
        a.metadata.labels["app"] = "db";
        a = c.update(a).value();
        a.metadata.labels["app"] = "web";
        a = c.update(a).value();
        c.create(fixture::config_map("unlabelled")).value();
        s.drain();
        CHECK(log == std::vector<std::string>{"ADDED a", "DELETED a", "ADDED a"});
    }
    TEST_CASE("watchers see the same order; a stopped watch hears nothing more") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        std::vector<std::string> l1, l2;
        auto w1 = c.watch({}, [&](const auto& e) { l1.push_back(describe(e)); });
        auto w2 = c.watch({}, [&](const auto& e) { l2.push_back(describe(e)); });
        c.create(fixture::config_map("a")).value();
        c.create(fixture::config_map("b")).value();
        s.drain();
        CHECK(l1 == l2);
        w1.stop();
        c.create(fixture::config_map("c")).value();
        s.drain();
        CHECK(l1.size() == 2);
        CHECK(l2.size() == 3);
    }
    TEST_CASE("namespace-scoped and field-selected watches") {
        fixture::apiserver s;
        std::vector<std::string> log;
        auto w = s.client<api::pod>("").watch({.field_selector = "spec.nodeName=node-1"},
                                             [&](const auto& e) { log.push_back(e.type + " " + e.object.metadata.name); });
        auto p1 = fixture::pod("a");
        p1.spec.node_name = "node-1";
        auto p2 = fixture::pod("b");
        p2.spec.node_name = "node-2";
        s.client<api::pod>().create(p1).value();
        s.client<api::pod>("other").create(p2).value();
        s.drain();
        CHECK(log == std::vector<std::string>{"ADDED a"});
    }
}

TEST_SUITE("store/watch-index") {
    TEST_CASE("watchers with an exact field requirement get exactly their objects, entering and leaving") {
        fixture::apiserver s;
        auto pods = s.client<api::pod>();
        std::vector<std::string> running, node1, all;
        auto w1 = s.client<api::pod>("").watch({.field_selector = "status.phase=Running"},
                                              [&](const auto& e) { running.push_back(e.type + " " + e.object.metadata.name); });
        auto w2 = s.client<api::pod>("").watch({.field_selector = "spec.nodeName=node-1"},
                                              [&](const auto& e) { node1.push_back(e.type + " " + e.object.metadata.name); });
        auto w3 = s.client<api::pod>("").watch({}, [&](const auto& e) { all.push_back(e.type + " " + e.object.metadata.name); });
        s.drain();
        auto a = fixture::pod("a");
        a.spec.node_name = "node-1";
        a = pods.create(a).value();
        auto b = fixture::pod("b");
        b.spec.node_name = "node-2";
        b = pods.create(b).value();
        a.status.phase = "Running";
        a = pods.update_status(a).value();
        a.status.phase = "Succeeded";
        a = pods.update_status(a).value();
        pods.remove("b", {.grace_period_seconds = 0}).value();
        s.drain();
        CHECK(running == std::vector<std::string>{"ADDED a", "DELETED a"});
        CHECK(node1 == std::vector<std::string>{"ADDED a", "MODIFIED a", "MODIFIED a"});
        CHECK(all == std::vector<std::string>{"ADDED a", "ADDED b", "MODIFIED a", "MODIFIED a", "DELETED b"});
    }
    TEST_CASE("a watch started while writes are still being delivered keeps resourceVersion order") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        auto first = c.create(fixture::config_map("a")).value();
        c.create(fixture::config_map("b")).value();  // delivery entries pending
        std::vector<std::string> log;
        auto w = c.watch({.resource_version = first.metadata.resource_version, .field_selector = "metadata.name=b"},
                         [&](const auto& e) { log.push_back(e.type + " " + e.object.metadata.name); });
        c.create(fixture::config_map("c")).value();
        s.drain();
        CHECK(log == std::vector<std::string>{"ADDED b"});
    }
    TEST_CASE("each write is delivered by its own engine entry, in write order across kinds and among other entries") {
        fixture::apiserver s;
        auto cms = s.client<api::config_map>();
        auto secrets = s.client<api::secret>();
        std::vector<std::string> log;
        auto w1 = cms.watch({}, [&](const auto& e) {
            log.push_back("cm " + e.object.metadata.name);
            if (e.object.metadata.name == "a") cms.create(fixture::config_map("z")).value();  // written mid-delivery
        });
        auto w2 = secrets.watch({}, [&](const auto& e) { log.push_back("secret " + e.object.metadata.name); });
        s.drain();
        cms.create(fixture::config_map("a")).value();
        api::secret b;
        b.metadata.name = "b";
        secrets.create(b).value();
        s.engine.post([&] { log.push_back("posted"); });
        cms.create(fixture::config_map("c")).value();
        CHECK(s.engine.pending() == 4);
        CHECK(s.engine.step());
        CHECK(log == std::vector<std::string>{"cm a"});
        CHECK(s.engine.step());
        CHECK(log == std::vector<std::string>{"cm a", "secret b"});
        s.drain();
        CHECK(log == std::vector<std::string>{"cm a", "secret b", "posted", "cm c", "cm z"});
    }
}

TEST_SUITE("store/informer") {
    TEST_CASE("an informer lists, then follows the watch, with handlers run by the engine") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        c.create(fixture::config_map("a", {{"v", "1"}})).value();
        kubesim::store::informer<api::config_map> inf(s.store, "default");
        std::vector<std::string> log;
        inf.on_add([&](const auto& o) { log.push_back("add " + o->metadata.name); });
        inf.on_update([&](const auto& o, const auto& n) { log.push_back("update " + o->data.at("v") + "->" + n->data.at("v")); });
        inf.on_delete([&](const auto& o) { log.push_back("delete " + o->metadata.name); });
        inf.start();
        CHECK(inf.get("default", "a"));  // the cache is filled by the list at once
        CHECK_FALSE(inf.has_synced());
        s.drain();
        CHECK(inf.has_synced());
        auto a = c.get("a").value();
        a.data["v"] = "2";
        c.update(a).value();
        c.remove("a").value();
        s.drain();
        CHECK(log == std::vector<std::string>{"add a", "update 1->2", "delete a"});
        CHECK_FALSE(inf.get("default", "a"));
    }
    TEST_CASE("the cache shares the stored snapshots instead of copying them") {
        fixture::apiserver s;
        s.client<api::config_map>().create(fixture::config_map("a")).value();
        kubesim::store::informer<api::config_map> inf(s.store);
        inf.start();
        s.drain();
        CHECK(inf.get("default", "a") == s.client<api::config_map>().get_shared("a").value());
    }
    TEST_CASE("listers filter by namespace, selector and index") {
        fixture::apiserver s;
        auto pods = s.client<api::pod>("");
        for (auto [ns, name, node] : {std::tuple{"default", "a", "node-1"}, {"default", "b", "node-2"}, {"other", "c", "node-1"}}) {
            auto p = fixture::pod(name, {{"app", name}});
            p.spec.node_name = node;
            s.client<api::pod>(ns).create(p).value();
        }
        kubesim::store::informer<api::pod> inf(s.store);
        inf.add_index("node", [](const api::pod& p) { return std::vector<std::string>{p.spec.node_name}; });
        inf.start();
        s.drain();
        auto lister = inf.lister();
        CHECK(lister.list().size() == 3);
        CHECK(lister.list("other").size() == 1);
        auto on1 = lister.by_index("node", "node-1");
        REQUIRE(on1.size() == 2);
        CHECK(on1[0]->metadata.name == "a");
        CHECK(on1[1]->metadata.name == "c");
        auto sel = kubesim::api::labels::parse("app=b").value();
        CHECK(lister.list("", sel).size() == 1);
        // Index follows updates.
        auto b = s.client<api::pod>().get("b").value();
        b.metadata.labels["x"] = "y";
        s.client<api::pod>().update(b).value();
        s.drain();
        CHECK(lister.by_index("node", "node-2").at(0)->metadata.labels.count("x") == 1);
    }
    TEST_CASE("an informer that falls out of the watch window relists and catches up") {
        fixture::apiserver s(0, {.watch_history = 2});
        auto c = s.client<api::config_map>();
        kubesim::store::informer<api::config_map> inf(s.store);
        std::vector<std::string> adds;
        inf.on_add([&](const auto& o) { adds.push_back(o->metadata.name); });
        inf.start();
        // Five writes after the informer's list, before its watch has caught up:
        // the history keeps two, so the watch's start is gone (410) and it relists.
        for (const char* n : {"a", "b", "c", "d", "e"}) c.create(fixture::config_map(n)).value();
        s.drain();
        CHECK(inf.core().relists() == 2);
        CHECK(inf.lister().list().size() == 5);
        CHECK(adds == std::vector<std::string>{"a", "b", "c", "d", "e"});
    }
    TEST_CASE("resync re-delivers every cached object as an update") {
        fixture::apiserver s;
        s.client<api::config_map>().create(fixture::config_map("a")).value();
        kubesim::store::informer<api::config_map> inf(s.store, "", {}, 30s);
        int updates = 0;
        inf.on_update([&](const auto&, const auto&) { ++updates; });
        inf.start();
        s.engine.run_for(95s);
        CHECK(updates == 3);
        inf.stop();
        s.engine.run_for(60s);
        CHECK(updates == 3);
    }
    TEST_CASE("shared informers: one cache and one watch per kind, each user's handlers and indexes on it") {
        fixture::apiserver s;
        auto c = s.client<api::config_map>();
        c.create(fixture::config_map("a", {{"v", "1"}})).value();
        kubesim::store::shared_informers factory(s.store);
        kubesim::store::informer<api::config_map> first(s.store, &factory);
        kubesim::store::informer<api::config_map> second(s.store, &factory);
        kubesim::store::informer<api::config_map> own(s.store, nullptr);
        CHECK(first.shared());
        CHECK_FALSE(own.shared());
        CHECK(&first.core() == &second.core());
        CHECK(&own.core() != &first.core());
        std::vector<std::string> log;
        first.on_add([&](const auto& o) { log.push_back("first add " + o->metadata.name); });
        second.on_add([&](const auto& o) { log.push_back("second add " + o->metadata.name); });
        first.on_update([&](const auto&, const auto& n) { log.push_back("first update " + n->data.at("v")); });
        second.on_update([&](const auto&, const auto& n) { log.push_back("second update " + n->data.at("v")); });
        first.add_index("v", [](const api::config_map& m) { return std::vector<std::string>{m.data.count("v") ? m.data.at("v") : ""}; });
        factory.start();
        s.drain();
        CHECK(log == std::vector<std::string>{"first add a", "second add a"});
        // One cache: the index registered through one facade is there for both.
        CHECK(second.lister().by_index("v", "1").size() == 1);
        // Stopping one user takes only its handlers off; the watch goes on.
        second.stop();
        auto a = c.get("a").value();
        a.data["v"] = "2";
        c.update(a).value();
        s.drain();
        CHECK(log.back() == "first update 2");
        CHECK(log.size() == 3);
        CHECK(second.get("default", "a")->data.at("v") == "2");
        CHECK(first.lister().by_index("v", "2").size() == 1);
        // An own informer is untouched by the factory.
        CHECK_FALSE(own.has_synced());
        CHECK(own.lister().list().empty());
    }
}
