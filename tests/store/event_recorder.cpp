#include <doctest/doctest.h>

#include <fixture.hpp>

#include <kubesim/store/event_recorder.hpp>

#include <chrono>
#include <cstdint>
#include <list>
#include <map>
#include <string>
#include <vector>

using namespace std::chrono_literals;
namespace api = kubesim::api;
using kubesim::sim::time_point;
using kubesim::store::event_recorder;

namespace {
std::vector<api::event> events_in(fixture::apiserver& s, const std::string& ns = "default") {
    return s.client<api::event>(ns).list().value().items;
}
}  // namespace

TEST_SUITE("store/events") {
    TEST_CASE("an event is named <object>.<hex UnixNano> and lives in the object's namespace") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
        s.engine.run_for(5s);
        event_recorder rec(s.store, "default-scheduler");
        rec.event(pod, "Normal", "Scheduled", "Successfully assigned default/web to node-2");

        auto evs = events_in(s);
        REQUIRE(evs.size() == 1);
        const auto& e = evs[0];
        // 2025-01-01T00:00:05Z = 1735689605 s = 0x1816687fea5cf200 ns, lowercase hex.
        CHECK(e.metadata.name == "web.1816687fea5cf200");
        CHECK(e.metadata.name == event_recorder::event_name("web", time_point{} + 5s));
        CHECK(e.metadata.namespace_ == "default");
        CHECK(e.involved_object.kind == "Pod");
        CHECK(e.involved_object.api_version == "v1");
        CHECK(e.involved_object.namespace_ == "default");
        CHECK(e.involved_object.name == "web");
        CHECK(e.involved_object.uid == pod.metadata.uid);
        CHECK(e.involved_object.resource_version == pod.metadata.resource_version);
        CHECK(e.type == "Normal");
        CHECK(e.reason == "Scheduled");
        CHECK(e.message == "Successfully assigned default/web to node-2");
        CHECK(e.count == 1);
        CHECK(e.first_timestamp == time_point{} + 5s);
        CHECK(e.last_timestamp == time_point{} + 5s);
        CHECK_FALSE(e.event_time.has_value());  // the core/v1 recorder leaves it unset
        CHECK(rec.dropped() == 0);

        // Micro-second times keep their digits: 1.5 s -> ...19bf2f00.
        CHECK(event_recorder::event_name("web", time_point{} + 1500ms) == "web.1816687f19bf2f00");
    }

    TEST_CASE("the event goes to the involved object's namespace") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>("other").create(fixture::pod("db")).value();
        event_recorder rec(s.store, "kubelet", "node-1");
        rec.event(pod, "Normal", "Pulled", "Container image \"busybox:1.36\" already present on machine");
        CHECK(events_in(s).empty());
        auto evs = events_in(s, "other");
        REQUIRE(evs.size() == 1);
        CHECK(evs[0].metadata.namespace_ == "other");
        CHECK(evs[0].involved_object.namespace_ == "other");
    }

    TEST_CASE("source and reporting fields name the component and host") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
        event_recorder rec(s.store, "kubelet", "node-2");
        CHECK(rec.component() == "kubelet");
        CHECK(rec.host() == "node-2");
        rec.event(pod, "Normal", "Pulled", "Successfully pulled image \"busybox:1.36\"");
        auto evs = events_in(s);
        REQUIRE(evs.size() == 1);
        CHECK(evs[0].source.component == "kubelet");
        CHECK(evs[0].source.host == "node-2");
        CHECK(evs[0].reporting_component == "kubelet");
        CHECK(evs[0].reporting_instance == "node-2");
    }

    TEST_CASE("an identical event counts up the first one instead of creating another") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
        event_recorder rec(s.store, "kubelet", "node-1");
        s.engine.run_for(5s);
        rec.event(pod, "Warning", "BackOff", "Back-off restarting failed container app in pod web_default(uid)");
        const auto first = events_in(s).at(0);
        s.engine.run_for(60s);
        rec.event(pod, "Warning", "BackOff", "Back-off restarting failed container app in pod web_default(uid)");

        auto evs = events_in(s);
        REQUIRE(evs.size() == 1);
        CHECK(evs[0].metadata.name == first.metadata.name);
        CHECK(evs[0].metadata.uid == first.metadata.uid);
        CHECK(evs[0].count == 2);
        CHECK(evs[0].first_timestamp == time_point{} + 5s);
        CHECK(evs[0].last_timestamp == time_point{} + 65s);
        CHECK(evs[0].metadata.resource_version != first.metadata.resource_version);

        s.engine.run_for(1s);
        rec.event(pod, "Warning", "BackOff", "Back-off restarting failed container app in pod web_default(uid)");
        evs = events_in(s);
        REQUIRE(evs.size() == 1);
        CHECK(evs[0].count == 3);
        CHECK(evs[0].last_timestamp == time_point{} + 66s);
    }

    TEST_CASE("an event that vanished from the server is created again with its count") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
        event_recorder rec(s.store, "kubelet", "node-1");
        rec.event(pod, "Normal", "Pulled", "pulled");
        const auto name = events_in(s).at(0).metadata.name;
        s.client<api::event>().remove(name).value();
        s.engine.run_for(1s);
        rec.event(pod, "Normal", "Pulled", "pulled");
        auto evs = events_in(s);
        REQUIRE(evs.size() == 1);
        CHECK(evs[0].metadata.name == name);
        CHECK(evs[0].count == 2);
        CHECK(evs[0].first_timestamp == time_point{});
        CHECK(evs[0].last_timestamp == time_point{} + 1s);
        CHECK(rec.dropped() == 0);
    }

    TEST_CASE("distinct messages, reasons or objects give distinct events") {
        fixture::apiserver s;
        auto web = s.client<api::pod>().create(fixture::pod("web")).value();
        auto db = s.client<api::pod>().create(fixture::pod("db")).value();
        event_recorder rec(s.store, "kubelet", "node-1");
        rec.event(web, "Normal", "Pulling", "Pulling image \"busybox:1.36\"");
        s.engine.run_for(1s);
        rec.event(web, "Normal", "Pulling", "Pulling image \"nginx:1.27\"");
        s.engine.run_for(1s);
        rec.event(web, "Normal", "Pulled", "Pulling image \"nginx:1.27\"");
        rec.event(db, "Normal", "Pulled", "Pulling image \"nginx:1.27\"");
        auto evs = events_in(s);
        CHECK(evs.size() == 4);
        for (const auto& e : evs) CHECK(e.count == 1);
    }

    TEST_CASE("a cluster-scoped object's events go to namespace default") {
        fixture::apiserver s;
        api::node n;
        n.metadata.name = "node-1";
        n = s.client<api::node>("").create(n).value();
        event_recorder rec(s.store, "kubelet", "node-1");
        rec.event(n, "Normal", "NodeReady", "Node node-1 status is now: NodeReady");
        auto evs = events_in(s);
        REQUIRE(evs.size() == 1);
        CHECK(evs[0].metadata.namespace_ == "default");
        CHECK(evs[0].metadata.name == "node-1.1816687ec0570000");  // 2025-01-01T00:00:00Z
        CHECK(evs[0].involved_object.kind == "Node");
        CHECK(evs[0].involved_object.namespace_.empty());
        CHECK(evs[0].involved_object.uid == n.metadata.uid);
        CHECK(rec.dropped() == 0);
    }

    TEST_CASE("events made in the same microsecond get distinct names") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
        event_recorder kubelet(s.store, "kubelet", "node-1");
        event_recorder scheduler(s.store, "default-scheduler");
        s.engine.run_for(5s);
        scheduler.event(pod, "Normal", "Scheduled", "Successfully assigned default/web to node-1");
        kubelet.event(pod, "Normal", "Pulled", "Container image \"busybox:1.36\" already present on machine");
        kubelet.event(pod, "Normal", "Created", "Created container app");
        kubelet.event(pod, "Normal", "Started", "Started container app");
        CHECK(scheduler.dropped() == 0);
        CHECK(kubelet.dropped() == 0);
        std::vector<std::string> names;
        for (const auto& e : events_in(s)) names.push_back(e.metadata.name);
        // Sorted by name; the nanosecond digits tell them apart.
        CHECK(names == std::vector<std::string>{"web.1816687fea5cf200", "web.1816687fea5cf201", "web.1816687fea5cf202",
                                                "web.1816687fea5cf203"});
        CHECK(events_in(s).at(0).reason == "Scheduled");
        CHECK(events_in(s).at(1).reason == "Pulled");  // the kubelet's first name was taken
    }

    TEST_CASE("a reference can be passed directly") {
        fixture::apiserver s;
        event_recorder rec(s.store, "deployment-controller");
        api::object_reference ref;
        ref.kind = "Deployment";
        ref.api_version = "apps/v1";
        ref.namespace_ = "kube-system";
        ref.name = "coredns";
        rec.event(ref, "Normal", "ScalingReplicaSet", "Scaled up replica set coredns-5d78c9869d from 0 to 2");
        auto evs = events_in(s, "kube-system");
        REQUIRE(evs.size() == 1);
        CHECK(evs[0].involved_object == ref);
        CHECK(evs[0].source.host.empty());
    }

    TEST_CASE("failures are swallowed and counted") {
        fixture::apiserver s;
        event_recorder rec(s.store, "kubelet", "node-1");
        api::object_reference ref;
        ref.kind = "Pod";
        ref.api_version = "v1";
        ref.namespace_ = "missing";
        ref.name = "web";
        rec.event(ref, "Normal", "Pulled", "pulled");  // namespace not found
        CHECK(rec.dropped() == 1);
        ref.namespace_ = "default";
        rec.event(ref, "Info", "Pulled", "pulled");  // not Normal or Warning
        CHECK(rec.dropped() == 2);
        CHECK(events_in(s).empty());
        rec.event(ref, "Normal", "Pulled", "pulled");
        CHECK(events_in(s).size() == 1);
        CHECK(rec.dropped() == 2);

        // A terminating namespace refuses new events: dropped, not thrown.
        s.client<api::namespace_>("").remove("other").value();
        ref.namespace_ = "other";
        CHECK_NOTHROW(rec.event(ref, "Normal", "Pulled", "pulled"));
        CHECK(rec.dropped() == 3);
    }

    TEST_CASE("10 similar events within 10 minutes are combined into one") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
        event_recorder rec(s.store, "kubelet", "node-1");
        for (int i = 0; i < 12; ++i) {
            s.engine.run_for(1s);
            rec.event(pod, "Warning", "Unhealthy", "Readiness probe failed: attempt " + std::to_string(i));
        }
        auto evs = events_in(s);
        // 9 distinct messages, then the 10th starts the combined event, which
        // the 11th and 12th count up.
        REQUIRE(evs.size() == 10);
        int combined = 0;
        for (const auto& e : evs) {
            if (e.message.rfind("(combined from similar events): ", 0) != 0) {
                CHECK(e.count == 1);
                continue;
            }
            ++combined;
            CHECK(e.message == "(combined from similar events): Readiness probe failed: attempt 11");
            CHECK(e.count == 3);
            CHECK(e.first_timestamp == time_point{} + 10s);
            CHECK(e.last_timestamp == time_point{} + 12s);
            CHECK(e.metadata.name == event_recorder::event_name("web", time_point{} + 10s));
        }
        CHECK(combined == 1);

        // After more than 10 minutes of quiet the record starts afresh.
        s.engine.run_for(601s);
        rec.event(pod, "Warning", "Unhealthy", "Readiness probe failed: later");
        evs = events_in(s);
        CHECK(evs.size() == 11);
        CHECK(rec.filtered() == 0);
    }

    TEST_CASE("the spam filter lets 25 events about one object through, then 1 per 5 minutes") {
        fixture::apiserver s;
        auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
        event_recorder rec(s.store, "kubelet", "node-1");
        for (int i = 0; i < 30; ++i) rec.event(pod, "Normal", "Reason" + std::to_string(i), "m");
        CHECK(events_in(s).size() == 25);
        CHECK(rec.filtered() == 5);
        s.engine.run_for(299s);
        rec.event(pod, "Normal", "Late", "m");
        CHECK(rec.filtered() == 6);
        s.engine.run_for(1s);
        rec.event(pod, "Normal", "Late", "m");
        CHECK(rec.filtered() == 6);
        CHECK(events_in(s).size() == 26);
        CHECK(rec.dropped() == 0);
    }

    TEST_CASE("same inputs give the same events") {
        auto run = [] {
            fixture::apiserver s(7);
            auto pod = s.client<api::pod>().create(fixture::pod("web")).value();
            event_recorder rec(s.store, "kubelet", "node-1");
            for (int i = 0; i < 15; ++i) {
                s.engine.run_for(std::chrono::milliseconds(250 * (i % 4)));
                rec.event(pod, i % 3 ? "Normal" : "Warning", "R" + std::to_string(i % 5), "m" + std::to_string(i % 7));
            }
            std::vector<std::string> out;
            for (const auto& e : events_in(s))
                out.push_back(e.metadata.name + " " + e.reason + " " + e.message + " " + std::to_string(e.count));
            return out;
        };
        CHECK(run() == run());
    }
    TEST_CASE("the correlator's LRU behaves as a map with least-recently-used eviction") {
        // Against a reference model (ordered map + use list), through seeded
        // random gets and puts over a key space larger than the capacity, so
        // evictions, slot reuse, table growth and probe-run deletions all happen.
        for (std::size_t cap : {std::size_t{1}, std::size_t{7}, std::size_t{64}, std::size_t{0}}) {
            kubesim::store::detail::event_lru<int> lru(cap);
            std::map<std::uint64_t, int> model;
            std::list<std::uint64_t> order;  // least recently used first
            auto use = [&](std::uint64_t k) {
                order.remove(k);
                order.push_back(k);
            };
            std::uint64_t x = 12345;
            for (int step = 0; step < 20000; ++step) {
                x = x * 6364136223846793005ULL + 1442695040888963407ULL;
                const std::uint64_t key = (x >> 33) % 150;  // small keys: many share a home bucket
                if ((x >> 20) & 1) {
                    const int* got = lru.get(key);
                    const auto it = model.find(key);
                    REQUIRE((got != nullptr) == (it != model.end()));
                    if (got) {
                        CHECK(*got == it->second);
                        use(key);
                    }
                } else {
                    const int value = static_cast<int>(step);
                    lru.put(key, value);
                    if (!model.count(key) && cap != 0 && model.size() == cap) {
                        model.erase(order.front());
                        order.pop_front();
                    }
                    model[key] = value;
                    use(key);
                }
                REQUIRE(lru.size() == model.size());
            }
            if (cap != 0) CHECK(lru.size() == cap);
            for (const auto& [k, v] : model) CHECK(*lru.get(k) == v);
        }
    }
}
