// The controller work queue on simulated time (cases follow upstream's
// util/workqueue queue_test.go, delaying_queue_test.go, rate_limiting_queue_test.go
// and default_rate_limiters_test.go).
#include <doctest/doctest.h>

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <kubesim/controllers/runtime/work_queue.hpp>
#include <kubesim/sim/engine.hpp>

namespace {

namespace ctl = kubesim::controllers;
namespace sim = kubesim::sim;
using namespace std::chrono_literals;

struct call {
    std::string key;
    sim::duration at;  // engine.now() since the epoch when reconcile ran
    bool operator==(const call&) const = default;
};

sim::duration since_epoch(const sim::engine& e) { return e.now().time_since_epoch(); }

}  // namespace

TEST_SUITE("controllers/runtime") {

TEST_CASE("work_queue: repeated adds of a waiting key reconcile it once") {
    sim::engine eng;
    std::vector<std::string> seen;
    ctl::work_queue q(eng, [&](const std::string& k) { seen.push_back(k); });
    q.add("default/a");
    q.add("default/a");
    q.add("default/b");
    q.add("default/a");
    CHECK(q.len() == 2);
    CHECK(seen.empty());  // nothing runs until the engine does
    eng.run_for(0s);
    CHECK(seen == std::vector<std::string>{"default/a", "default/b"});
    CHECK(q.len() == 0);
    CHECK_FALSE(q.busy());
}

TEST_CASE("work_queue: keys run one at a time in the order they became ready") {
    sim::engine eng;
    std::vector<std::string> seen;
    int depth = 0;
    int max_depth = 0;
    ctl::work_queue* qp = nullptr;
    ctl::work_queue q(eng, [&](const std::string& k) {
        ++depth;
        if (depth > max_depth) max_depth = depth;
        CHECK(qp->busy());
        seen.push_back(k);
        // Running the engine from inside a reconcile must not start another one.
        eng.run_due();
        --depth;
    });
    qp = &q;
    for (const char* k : {"ns/c", "ns/a", "ns/b", "ns/a"}) q.add(k);
    eng.run_for(0s);
    CHECK(seen == std::vector<std::string>{"ns/c", "ns/a", "ns/b"});
    CHECK(max_depth == 1);
}

TEST_CASE("work_queue: each key gets its own engine entry, after everything else due at the instant") {
    sim::engine eng;
    std::vector<std::string> seen;
    ctl::work_queue q(eng, [&](const std::string& k) {
        seen.push_back(k);
        // What a reconcile posts (its writes' watch events) runs before the next key.
        if (k == "ns/a") eng.post([&] { seen.push_back("after a"); });
    });
    q.add("ns/a");
    q.add("ns/b");
    // An event posted after the adds still runs before both reconciles.
    eng.post([&] { seen.push_back("other"); });
    REQUIRE(eng.step());
    CHECK(seen == std::vector<std::string>{"other"});
    REQUIRE(eng.step());
    CHECK(seen == std::vector<std::string>{"other", "ns/a"});
    while (eng.step()) {
    }
    CHECK(seen == std::vector<std::string>{"other", "ns/a", "after a", "ns/b"});
}

TEST_CASE("engine: idle entries run after the instant's normal entries, before time moves on") {
    sim::engine eng;
    std::vector<std::string> seen;
    eng.post_idle([&] { seen.push_back("idle 1"); });
    eng.post([&] {
        seen.push_back("normal 1");
        eng.post([&] { seen.push_back("normal 2"); });
    });
    eng.post_idle([&] { seen.push_back("idle 2"); });
    eng.schedule_after(1s, [&] { seen.push_back("later"); });
    eng.run_for(1s);
    CHECK(seen == std::vector<std::string>{"normal 1", "normal 2", "idle 1", "idle 2", "later"});
}

TEST_CASE("work_queue: a key added while processing runs again after done, never concurrently") {
    sim::engine eng;
    std::vector<std::string> seen;
    int runs_a = 0;
    bool in_a = false;
    ctl::work_queue* qp = nullptr;
    ctl::work_queue q(eng, [&](const std::string& k) {
        if (k == "ns/a") {
            CHECK_FALSE(in_a);
            in_a = true;
            ++runs_a;
            if (runs_a == 1) {
                qp->add("ns/a");  // deferred: a is processing
                qp->add("ns/a");  // and deduplicated
                qp->add("ns/b");
                CHECK(qp->len() == 1);  // only b is ready
                eng.run_due();          // nothing can start while a runs
            }
            in_a = false;
        }
        seen.push_back(k);
    });
    qp = &q;
    q.add("ns/a");
    eng.run_for(0s);
    // b became ready first; a re-joined the queue only when its first run was done.
    CHECK(seen == std::vector<std::string>{"ns/a", "ns/b", "ns/a"});
    CHECK(runs_a == 2);
}

TEST_CASE("work_queue: add_after runs keys at their ready time on the virtual clock") {
    sim::engine eng;
    std::vector<call> seen;
    ctl::work_queue q(eng, [&](const std::string& k) { seen.push_back({k, since_epoch(eng)}); });
    q.add_after("ns/late", 50ms);
    q.add_after("ns/early", 10ms);
    q.add_after("ns/now", 0ms);  // zero delay is a plain add
    CHECK(q.len() == 1);
    // A duplicate keeps the earlier ready time, whichever came first.
    q.add_after("ns/late", 80ms);
    q.add_after("ns/early", 5ms);
    eng.run_for(1s);
    CHECK(seen == std::vector<call>{{"ns/now", 0ms}, {"ns/early", 5ms}, {"ns/late", 50ms}});
}

TEST_CASE("work_queue: a delayed key already queued is not processed twice") {
    sim::engine eng;
    std::vector<call> seen;
    ctl::work_queue q(eng, [&](const std::string& k) { seen.push_back({k, since_epoch(eng)}); });
    q.add_after("ns/a", 20ms);
    q.add("ns/a");
    eng.run_for(10ms);
    eng.run_for(10ms);  // the delayed add arrives at 20ms: a is processed again then
    CHECK(seen == std::vector<call>{{"ns/a", 0ms}, {"ns/a", 20ms}});
}

TEST_CASE("item_exponential_failure_rate_limiter: base * 2^failures, capped; forget resets") {
    ctl::item_exponential_failure_rate_limiter l(1ms, 1s);
    const sim::time_point t{};
    CHECK(l.when("one", t) == 1ms);
    CHECK(l.when("one", t) == 2ms);
    CHECK(l.when("one", t) == 4ms);
    CHECK(l.when("one", t) == 8ms);
    CHECK(l.when("one", t) == 16ms);
    CHECK(l.num_requeues("one") == 5);
    CHECK(l.when("two", t) == 1ms);
    CHECK(l.when("two", t) == 2ms);
    CHECK(l.num_requeues("two") == 2);
    l.forget("one");
    CHECK(l.num_requeues("one") == 0);
    CHECK(l.when("one", t) == 1ms);

    // The cap, and no overflow however many failures.
    ctl::item_exponential_failure_rate_limiter capped(5ms, 1000s);
    sim::duration last{};
    for (int i = 0; i < 200; ++i) last = capped.when("k", t);
    CHECK(last == 1000s);
    CHECK(capped.num_requeues("k") == 200);
}

TEST_CASE("bucket_rate_limiter: burst at once, then one token per 1/qps") {
    ctl::bucket_rate_limiter l(10, 100);
    const sim::time_point t0{};
    for (int i = 0; i < 100; ++i) CHECK(l.when("k" + std::to_string(i), t0) == 0ms);
    CHECK(l.when("x", t0) == 100ms);
    CHECK(l.when("x", t0) == 200ms);
    CHECK(l.when("x", t0) == 300ms);
    CHECK(l.num_requeues("x") == 0);
    // 1s later 10 tokens came back but 3 were owed: 7 free, then 100ms spacing.
    const sim::time_point t1 = t0 + 1s;
    for (int i = 0; i < 7; ++i) CHECK(l.when("y", t1) == 0ms);
    CHECK(l.when("y", t1) == 100ms);
    // A long idle period refills to the burst only.
    const sim::time_point t2 = t1 + std::chrono::hours(24 * 365);
    for (int i = 0; i < 100; ++i) CHECK(l.when("z", t2) == 0ms);
    CHECK(l.when("z", t2) == 100ms);
}

TEST_CASE("default_controller_rate_limiter: the larger of backoff and bucket") {
    auto l = ctl::default_controller_rate_limiter();
    const sim::time_point t{};
    CHECK(l->when("ns/a", t) == 5ms);
    CHECK(l->when("ns/a", t) == 10ms);
    CHECK(l->when("ns/a", t) == 20ms);
    CHECK(l->num_requeues("ns/a") == 3);
    l->forget("ns/a");
    CHECK(l->num_requeues("ns/a") == 0);
    CHECK(l->when("ns/a", t) == 5ms);
    // 4 tokens used; after the other 96 the bucket dominates a fresh key.
    for (int i = 0; i < 96; ++i) (void)l->when("b" + std::to_string(i), t);
    CHECK(l->when("ns/fresh", t) == 100ms);
}

TEST_CASE("work_queue: add_rate_limited backs off 5ms, 10ms, 20ms; forget resets") {
    sim::engine eng;
    std::vector<call> seen;
    int failures_left = 3;
    ctl::work_queue* qp = nullptr;
    ctl::work_queue q(eng, [&](const std::string& k) {
        seen.push_back({k, since_epoch(eng)});
        if (failures_left > 0) {
            --failures_left;
            qp->add_rate_limited(k);  // error: retry with backoff
        } else {
            qp->forget(k);  // success
        }
    });
    qp = &q;
    q.add("ns/a");
    eng.run_for(1s);
    // 0, +5ms = 5ms, +10ms = 15ms, +20ms = 35ms.
    CHECK(seen == std::vector<call>{{"ns/a", 0ms}, {"ns/a", 5ms}, {"ns/a", 15ms}, {"ns/a", 35ms}});
    CHECK(q.num_requeues("ns/a") == 0);

    // After forget the next failure starts from the base delay again.
    seen.clear();
    failures_left = 1;
    q.add("ns/a");
    eng.run_for(1s);
    const sim::duration start = 1000ms;
    CHECK(seen == std::vector<call>{{"ns/a", start}, {"ns/a", start + 5ms}});
}

TEST_CASE("work_queue: bucket limiter spaces a burst of rate-limited keys at 10 qps") {
    sim::engine eng;
    std::vector<call> seen;
    ctl::work_queue q(eng, [&](const std::string& k) { seen.push_back({k, since_epoch(eng)}); },
                      std::make_unique<ctl::bucket_rate_limiter>(10, 100));
    for (int i = 0; i < 103; ++i) q.add_rate_limited("ns/k" + std::to_string(i));
    eng.run_for(0s);
    CHECK(seen.size() == 100);
    eng.run_for(1s);
    REQUIRE(seen.size() == 103);
    CHECK(seen[100] == call{"ns/k100", 100ms});
    CHECK(seen[101] == call{"ns/k101", 200ms});
    CHECK(seen[102] == call{"ns/k102", 300ms});
}

TEST_CASE("work_queue: shutdown stops processing") {
    sim::engine eng;
    std::vector<std::string> seen;
    ctl::work_queue* qp = nullptr;
    ctl::work_queue q(eng, [&](const std::string& k) {
        seen.push_back(k);
        if (k == "ns/stop") {
            qp->add("ns/stop");  // re-add during processing, then shut down
            qp->shutdown();
        }
    });
    qp = &q;
    q.add("ns/stop");
    q.add("ns/queued");
    q.add_after("ns/delayed", 10ms);
    eng.run_for(1s);
    CHECK(seen == std::vector<std::string>{"ns/stop"});
    CHECK(q.shutting_down());
    CHECK_FALSE(q.busy());
    CHECK(q.len() == 0);
    q.add("ns/after");
    q.add_rate_limited("ns/after");
    eng.run_for(1s);
    CHECK(seen.size() == 1);
    CHECK(eng.pending() == 0);
}

TEST_CASE("work_queue: destroying the queue cancels its engine entries") {
    sim::engine eng;
    int runs = 0;
    {
        ctl::work_queue q(eng, [&](const std::string&) { ++runs; });
        q.add("ns/a");
        q.add_after("ns/b", 1s);
        CHECK(eng.pending() == 2);
    }
    CHECK(eng.pending() == 0);
    eng.run_for(2s);
    CHECK(runs == 0);
}

}  // TEST_SUITE
