// Chaos schedules (testing/schedule.hpp): drawn from the seed alone, within
// the horizon, by the weights; printed one line each and read back.
#include <doctest/doctest.h>

#include <kubesim/errors.hpp>
#include <kubesim/testing/schedule.hpp>

#include <map>
#include <string>

using namespace std::chrono_literals;
namespace t = kubesim::testing;

TEST_SUITE("testing/schedule") {
    TEST_CASE("a seed draws one schedule, sorted, within the horizon") {
        t::chaos_options o;
        o.images = {"registry.k8s.io/e2e-test-images/agnhost:2.40", "registry.k8s.io/e2e-test-images/agnhost:2.39"};
        o.actions = 50;
        const auto a = t::draw_schedule(7, o);
        CHECK(a == t::draw_schedule(7, o));
        CHECK(a != t::draw_schedule(8, o));
        REQUIRE(a.size() == 50);
        std::map<t::action_kind, int> kinds;
        for (std::size_t i = 0; i < a.size(); ++i) {
            CHECK(a[i].at >= 0s);
            CHECK(a[i].at < o.horizon);
            if (i > 0) CHECK(a[i - 1].at <= a[i].at);
            CHECK(a[i].target.empty());
            if (a[i].kind == t::action_kind::scale) {
                CHECK(a[i].replicas >= o.min_replicas);
                CHECK(a[i].replicas <= o.max_replicas);
            }
            if (a[i].kind == t::action_kind::set_image) CHECK((a[i].image == o.images[0] || a[i].image == o.images[1]));
            ++kinds[a[i].kind];
        }
        CHECK(kinds.size() >= 8);  // 50 draws over 11 kinds
    }

    TEST_CASE("weights: 0 never draws; no images, no set_image") {
        t::chaos_options o;
        o.actions = 200;
        o.weights = t::action_weights{.scale = 1, .set_image = 5, .delete_pod = 0, .kill_container = 0, .stop_node = 1,
                                      .start_node = 0, .add_node = 0, .remove_node = 0, .partition_nodes = 0,
                                      .partition_control_plane = 0, .heal = 0};
        int scale = 0, stop = 0;
        for (const auto& a : t::draw_schedule(3, o)) {
            REQUIRE((a.kind == t::action_kind::scale || a.kind == t::action_kind::stop_node));
            (a.kind == t::action_kind::scale ? scale : stop)++;
        }
        CHECK(scale > 60);
        CHECK(stop > 60);
        o.weights = t::action_weights{.scale = 0, .set_image = 0, .delete_pod = 0, .kill_container = 0, .stop_node = 0,
                                      .start_node = 0, .add_node = 0, .remove_node = 0, .partition_nodes = 0,
                                      .partition_control_plane = 0, .heal = 0};
        CHECK(t::draw_schedule(3, o).empty());
    }

    TEST_CASE("each action prints as one line of C++, and the lines read back") {
        t::schedule s;
        auto add = [&](kubesim::sim::duration at, t::action_kind k, std::string target = {}, std::string peer = {}) {
            t::action a;
            a.at = at;
            a.kind = k;
            a.target = std::move(target);
            a.peer = std::move(peer);
            s.push_back(a);
            return &s.back();
        };
        auto* sc = add(12500ms, t::action_kind::scale, "web");
        sc->replicas = 4;
        sc->namespace_ = "default";
        auto* im = add(13s, t::action_kind::set_image, "web");
        im->image = "registry.k8s.io/e2e-test-images/agnhost:2.39";
        im->namespace_ = "shop";
        add(20s, t::action_kind::delete_pod, "web-5d8f7c9b4-x2kqp")->namespace_ = "default";
        add(21s, t::action_kind::kill_container, "web-5d8f7c9b4-x2kqp")->namespace_ = "default";
        add(31s, t::action_kind::stop_node, "node-2");
        add(35s, t::action_kind::start_node, "node-2");
        add(40s, t::action_kind::add_node, "node-4");
        add(41s, t::action_kind::remove_node, "node-1");
        add(45250ms, t::action_kind::partition_control_plane, "node-1", "control-plane");
        add(46s, t::action_kind::partition_nodes, "node-1", "node-3");
        add(50s, t::action_kind::heal);
        auto* sk = add(51s, t::action_kind::start_node);
        sk->skipped = true;
        const std::string text = t::to_string(s);
        CHECK(text ==
              "12.500000s c.kubectl(\"scale deployment/web --replicas=4\");\n"
              "13.000000s c.kubectl(\"set image deployment/web *=registry.k8s.io/e2e-test-images/agnhost:2.39 -n shop\");\n"
              "20.000000s c.kubectl(\"delete pod web-5d8f7c9b4-x2kqp --wait=false\");\n"
              "21.000000s c.kill_container(\"default\", \"web-5d8f7c9b4-x2kqp\");\n"
              "31.000000s c.stop_node(\"node-2\");\n"
              "35.000000s c.start_node(\"node-2\");\n"
              "40.000000s c.add_node();  // joins as node-4\n"
              "41.000000s c.remove_node(\"node-1\");\n"
              "45.250000s c.partition({\"node-1\"}, {\"control-plane\"});\n"
              "46.000000s c.partition({\"node-1\"}, {\"node-3\"});\n"
              "50.000000s c.heal();\n"
              "51.000000s // start_node: skipped\n");
        auto back = t::parse_schedule("# a comment\n\n" + text);
        REQUIRE(back.size() == s.size());
        for (std::size_t i = 0; i < s.size(); ++i) {
            CHECK(back[i].at == s[i].at);
            CHECK(back[i].kind == s[i].kind);
            CHECK(back[i].target == s[i].target);
            CHECK(back[i].peer == s[i].peer);
            CHECK(back[i].skipped == s[i].skipped);
            CHECK(back[i].replicas == s[i].replicas);
            CHECK(back[i].image == s[i].image);
            if (!s[i].namespace_.empty()) CHECK(back[i].namespace_ == s[i].namespace_);
        }
        CHECK(t::to_string(back) == text);
        CHECK_THROWS_AS((void)t::parse_schedule("12s c.reboot(\"node-1\");"), kubesim::usage_error);
        CHECK_THROWS_AS((void)t::parse_schedule("soon c.heal();"), kubesim::usage_error);
    }
}
