// kube-scheduler filter and score plugins (cases follow upstream's
// node_name_test.go, node_unschedulable_test.go, node_affinity_test.go,
// taint_toleration_test.go, fit_test.go, least_allocated_test.go,
// normalize_score_test.go and framework types_test.go FitError cases).
#include <doctest/doctest.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/controllers/scheduler/plugins.hpp>

namespace {

namespace api = kubesim::api;
namespace sch = kubesim::controllers::scheduler;
using api::quantity;

api::container container(const char* cpu, const char* memory) {
    api::container c{};
    c.name = "c";
    if (cpu) c.resources.requests["cpu"] = quantity::must_parse(cpu);
    if (memory) c.resources.requests["memory"] = quantity::must_parse(memory);
    return c;
}

api::pod pod_with(std::vector<api::container> cs, std::vector<api::container> init = {}) {
    api::pod p{};
    p.metadata.name = "p";
    p.metadata.namespace_ = "default";
    for (auto& c : cs) p.spec.containers.push_back(c);
    for (auto& c : init) p.spec.init_containers.push_back(c);
    return p;
}

api::node make_node(const char* name, const char* cpu = "4", const char* memory = "8Gi", const char* pods = "110") {
    api::node n{};
    n.metadata.name = name;
    n.status.allocatable["cpu"] = quantity::must_parse(cpu);
    n.status.allocatable["memory"] = quantity::must_parse(memory);
    n.status.allocatable["pods"] = quantity::must_parse(pods);
    n.status.conditions.push_back(api::node_condition{"Ready", "True", std::nullopt, std::nullopt, "", ""});
    return n;
}

sch::node_info info(const api::node& n) {
    sch::node_info ni{};
    sch::set_node(ni, &n);
    return ni;
}

api::toleration tol(const char* key, const char* op, const char* value, const char* effect) {
    return api::toleration{key, op, value, effect, std::nullopt};
}

api::taint taint(const char* key, const char* value, const char* effect) {
    return api::taint{key, value, effect, std::nullopt};
}

api::node_selector_requirement req(const char* key, const char* op, std::vector<std::string> values) {
    return api::node_selector_requirement{key, op, std::move(values)};
}

void set_required(api::pod& p, std::vector<api::node_selector_term> terms) {
    api::affinity a{};
    a.node_affinity = api::node_affinity{};
    a.node_affinity->required_during_scheduling_ignored_during_execution = api::node_selector{std::move(terms)};
    p.spec.affinity = a;
}

std::string opt(const std::optional<std::string>& r) { return r ? *r : std::string("<fits>"); }

}  // namespace

TEST_SUITE("controllers/scheduler") {

TEST_CASE("pod_requests: containers add up, init containers take the max, sidecars accumulate") {
    struct row {
        const char* name;
        api::pod pod;
        std::int64_t cpu;
        std::int64_t mem;
        std::int64_t nz_cpu;
        std::int64_t nz_mem;
    };
    auto sidecar = container("200m", "100Mi");
    sidecar.restart_policy = "Always";
    const std::int64_t mi = 1024 * 1024;
    const row rows[] = {
        {"empty pod", pod_with({container(nullptr, nullptr)}), 0, 0, 100, 200 * mi},
        {"sum", pod_with({container("100m", "64Mi"), container("250m", "128Mi")}), 350, 192 * mi, 350, 192 * mi},
        {"init max wins", pod_with({container("100m", "64Mi"), container("200m", "64Mi")}, {container("500m", "32Mi")}),
         500, 128 * mi, 500, 128 * mi},
        {"init below sum", pod_with({container("1", "1Gi")}, {container("500m", "2Gi")}), 1000, 2048 * mi, 1000,
         2048 * mi},
        // sidecar 200m runs beside the later init 500m (700m) and the app 100m (300m): max 700m.
        {"sidecar", pod_with({container("100m", "100Mi")}, {sidecar, container("500m", "10Mi")}), 700, 200 * mi, 700,
         200 * mi},
        {"cpu only: memory defaults for scoring", pod_with({container("100m", nullptr)}), 100, 0, 100, 200 * mi},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        CHECK(sch::pod_requests(r.pod) == sch::resource_request{r.cpu, r.mem});
        CHECK(sch::pod_non_zero_requests(r.pod) == sch::resource_request{r.nz_cpu, r.nz_mem});
    }
}

TEST_CASE("add_pod / remove_pod keep node_info totals") {
    const auto n = make_node("n1");
    auto ni = info(n);
    const auto p = pod_with({container("300m", nullptr)});
    sch::add_pod(ni, p);
    sch::add_pod(ni, p);
    CHECK(ni.pod_count == 2);
    CHECK(ni.requested_milli_cpu == 600);
    CHECK(ni.requested_memory == 0);
    CHECK(ni.non_zero_requested_memory == 2 * 200 * 1024 * 1024);
    sch::remove_pod(ni, p);
    CHECK(ni.pod_count == 1);
    CHECK(ni.requested_milli_cpu == 300);
}

TEST_CASE("node_name_filter") {
    const auto n = make_node("n1");
    struct row {
        const char* pod_node;
        std::string want;
    };
    const row rows[] = {
        {"", "<fits>"},
        {"n1", "<fits>"},
        {"n2", "node(s) didn't match the requested node name"},
    };
    for (const auto& r : rows) {
        auto p = pod_with({container(nullptr, nullptr)});
        p.spec.node_name = r.pod_node;
        CHECK(opt(sch::node_name_filter(p, info(n))) == r.want);
    }
}

TEST_CASE("node_unschedulable_filter respects the unschedulable toleration") {
    struct row {
        const char* name;
        bool unschedulable;
        std::vector<api::toleration> tols;
        std::string want;
    };
    const row rows[] = {
        {"schedulable", false, {}, "<fits>"},
        {"unschedulable", true, {}, "node(s) were unschedulable"},
        {"tolerated", true, {tol("node.kubernetes.io/unschedulable", "Exists", "", "NoSchedule")}, "<fits>"},
        {"tolerate everything", true, {tol("", "Exists", "", "")}, "<fits>"},
        {"wrong effect", true, {tol("node.kubernetes.io/unschedulable", "Exists", "", "NoExecute")},
         "node(s) were unschedulable"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto n = make_node("n1");
        n.spec.unschedulable = r.unschedulable;
        auto p = pod_with({container(nullptr, nullptr)});
        p.spec.tolerations = r.tols;
        CHECK(opt(sch::node_unschedulable_filter(p, info(n))) == r.want);
    }
}

TEST_CASE("tolerates_taint: upstream matching rules") {
    struct row {
        const char* name;
        api::toleration t;
        api::taint taint;
        bool want;
    };
    const row rows[] = {
        {"equal key value effect", tol("k", "Equal", "v", "NoSchedule"), taint("k", "v", "NoSchedule"), true},
        {"empty operator means Equal", tol("k", "", "v", "NoSchedule"), taint("k", "v", "NoSchedule"), true},
        {"value differs", tol("k", "Equal", "v", "NoSchedule"), taint("k", "w", "NoSchedule"), false},
        {"exists ignores value", tol("k", "Exists", "", "NoSchedule"), taint("k", "w", "NoSchedule"), true},
        {"empty effect matches all", tol("k", "Exists", "", ""), taint("k", "w", "NoExecute"), true},
        {"effect differs", tol("k", "Exists", "", "NoSchedule"), taint("k", "", "NoExecute"), false},
        {"key differs", tol("k", "Exists", "", ""), taint("j", "", "NoSchedule"), false},
        {"empty key + Exists tolerates all", tol("", "Exists", "", ""), taint("any", "x", "NoExecute"), true},
        {"empty key + Exists with effect", tol("", "Exists", "", "NoSchedule"), taint("any", "x", "NoExecute"), false},
        {"unknown operator", tol("k", "Gt", "1", ""), taint("k", "2", "NoSchedule"), false},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        CHECK(sch::tolerates_taint(r.t, r.taint) == r.want);
    }
}

TEST_CASE("taint_toleration_filter: NoSchedule and NoExecute must be tolerated") {
    struct row {
        const char* name;
        std::vector<api::taint> taints;
        std::vector<api::toleration> tols;
        std::string want;
    };
    const row rows[] = {
        {"no taints", {}, {}, "<fits>"},
        {"control plane", {taint("node-role.kubernetes.io/control-plane", "", "NoSchedule")}, {},
         "node(s) had untolerated taint(s)"},
        {"NoExecute", {taint("dedicated", "gpu", "NoExecute")}, {}, "node(s) had untolerated taint(s)"},
        {"PreferNoSchedule ignored", {taint("soft", "", "PreferNoSchedule")}, {}, "<fits>"},
        {"tolerated", {taint("dedicated", "gpu", "NoSchedule")}, {tol("dedicated", "Equal", "gpu", "NoSchedule")},
         "<fits>"},
        {"one of two tolerated",
         {taint("dedicated", "gpu", "NoSchedule"), taint("other", "", "NoExecute")},
         {tol("dedicated", "Equal", "gpu", "")},
         "node(s) had untolerated taint(s)"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto n = make_node("n1");
        n.spec.taints = r.taints;
        auto p = pod_with({container(nullptr, nullptr)});
        p.spec.tolerations = r.tols;
        CHECK(opt(sch::taint_toleration_filter(p, info(n))) == r.want);
    }
    auto n = make_node("n1");
    n.spec.taints = {taint("a", "", "PreferNoSchedule"), taint("b", "1", "NoExecute"), taint("c", "", "NoSchedule")};
    const auto* t = sch::find_matching_untolerated_taint(n.spec.taints, {});
    REQUIRE(t);
    CHECK(t->key == "b");
}

TEST_CASE("node_ready_filter: Ready condition not True behaves as the not-ready/unreachable taint") {
    struct row {
        const char* name;
        const char* status;  // nullptr: no Ready condition
        std::vector<api::toleration> tols;
        std::string want;
    };
    const row rows[] = {
        {"ready", "True", {}, "<fits>"},
        {"not ready", "False", {}, "node(s) had untolerated taint(s)"},
        {"unknown", "Unknown", {}, "node(s) had untolerated taint(s)"},
        {"no condition", nullptr, {}, "node(s) had untolerated taint(s)"},
        {"not ready tolerated", "False", {tol("node.kubernetes.io/not-ready", "Exists", "", "NoSchedule")}, "<fits>"},
        {"unknown needs unreachable", "Unknown", {tol("node.kubernetes.io/not-ready", "Exists", "", "")},
         "node(s) had untolerated taint(s)"},
        {"unknown tolerated", "Unknown", {tol("node.kubernetes.io/unreachable", "Exists", "", "")}, "<fits>"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto n = make_node("n1");
        n.status.conditions.clear();
        if (r.status) n.status.conditions.push_back(api::node_condition{"Ready", r.status, {}, {}, "", ""});
        auto p = pod_with({container(nullptr, nullptr)});
        p.spec.tolerations = r.tols;
        CHECK(opt(sch::node_ready_filter(p, info(n))) == r.want);
    }
}

TEST_CASE("node_affinity_filter: nodeSelector and required terms") {
    const std::string no = "node(s) didn't match Pod's node affinity/selector";
    struct row {
        const char* name;
        std::map<std::string, std::string> selector;
        std::optional<std::vector<api::node_selector_term>> terms;
        std::string want;
    };
    using terms = std::vector<api::node_selector_term>;
    const row rows[] = {
        {"nothing", {}, std::nullopt, "<fits>"},
        {"selector matches", {{"zone", "a"}}, std::nullopt, "<fits>"},
        {"selector value differs", {{"zone", "b"}}, std::nullopt, no},
        {"selector key missing", {{"disk", "ssd"}}, std::nullopt, no},
        {"In", {}, terms{{{req("zone", "In", {"b", "a"})}, {}}}, "<fits>"},
        {"In miss", {}, terms{{{req("zone", "In", {"b"})}, {}}}, no},
        {"In without values is invalid", {}, terms{{{req("zone", "In", {})}, {}}}, no},
        {"NotIn", {}, terms{{{req("zone", "NotIn", {"b"})}, {}}}, "<fits>"},
        {"NotIn absent key", {}, terms{{{req("disk", "NotIn", {"ssd"})}, {}}}, "<fits>"},
        {"NotIn hit", {}, terms{{{req("zone", "NotIn", {"a"})}, {}}}, no},
        {"Exists", {}, terms{{{req("zone", "Exists", {})}, {}}}, "<fits>"},
        {"Exists miss", {}, terms{{{req("disk", "Exists", {})}, {}}}, no},
        {"DoesNotExist", {}, terms{{{req("disk", "DoesNotExist", {})}, {}}}, "<fits>"},
        {"DoesNotExist miss", {}, terms{{{req("zone", "DoesNotExist", {})}, {}}}, no},
        {"Gt", {}, terms{{{req("cores", "Gt", {"4"})}, {}}}, "<fits>"},
        {"Gt equal", {}, terms{{{req("cores", "Gt", {"8"})}, {}}}, no},
        {"Lt", {}, terms{{{req("cores", "Lt", {"10"})}, {}}}, "<fits>"},
        {"Lt miss", {}, terms{{{req("cores", "Lt", {"3"})}, {}}}, no},
        {"Gt non-integer label", {}, terms{{{req("zone", "Gt", {"1"})}, {}}}, no},
        {"Gt two values", {}, terms{{{req("cores", "Gt", {"1", "2"})}, {}}}, no},
        {"expressions ANDed", {}, terms{{{req("zone", "In", {"a"}), req("cores", "Gt", {"9"})}, {}}}, no},
        {"terms ORed", {}, terms{{{req("zone", "In", {"x"})}, {}}, {{req("zone", "In", {"a"})}, {}}}, "<fits>"},
        {"empty term matches nothing", {}, terms{api::node_selector_term{}}, no},
        {"no terms matches nothing", {}, terms{}, no},
        {"matchFields name", {}, terms{{{}, {req("metadata.name", "In", {"n1"})}}}, "<fits>"},
        {"matchFields other name", {}, terms{{{}, {req("metadata.name", "In", {"n2"})}}}, no},
        {"matchFields NotIn", {}, terms{{{}, {req("metadata.name", "NotIn", {"n2"})}}}, "<fits>"},
        {"matchFields two values invalid", {}, terms{{{}, {req("metadata.name", "In", {"n1", "n2"})}}}, no},
        {"selector AND affinity", {{"zone", "b"}}, terms{{{req("zone", "Exists", {})}, {}}}, no},
    };
    auto n = make_node("n1");
    n.metadata.labels = {{"zone", "a"}, {"cores", "8"}};
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto p = pod_with({container(nullptr, nullptr)});
        p.spec.node_selector = r.selector;
        if (r.terms) set_required(p, *r.terms);
        CHECK(opt(sch::node_affinity_filter(p, info(n))) == r.want);
    }
}

TEST_CASE("node_resources_fit_filter: all insufficient resources are reported") {
    struct row {
        const char* name;
        const char* cpu;
        const char* mem;
        std::int64_t used_cpu;
        std::int64_t used_mem;
        int pods;
        std::vector<std::string> want;
    };
    const std::int64_t gi = 1024LL * 1024 * 1024;
    const row rows[] = {
        {"fits", "1", "1Gi", 0, 0, 0, {}},
        {"exactly fits", "2", "2Gi", 2000, 6 * gi, 0, {}},
        {"cpu", "600m", "1Gi", 3500, 0, 0, {"Insufficient cpu"}},
        {"memory", "100m", "3Gi", 0, 6 * gi, 0, {"Insufficient memory"}},
        {"both", "5", "9Gi", 0, 0, 0, {"Insufficient cpu", "Insufficient memory"}},
        {"too many pods", "100m", "1Mi", 0, 0, 3, {"Too many pods"}},
        {"all three", "5", "9Gi", 0, 0, 3, {"Too many pods", "Insufficient cpu", "Insufficient memory"}},
        {"no requests on a full node", nullptr, nullptr, 4000, 8 * gi, 2, {}},
        {"no requests, pods full", nullptr, nullptr, 0, 0, 3, {"Too many pods"}},
    };
    const auto n = make_node("n1", "4", "8Gi", "3");
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto ni = info(n);
        ni.requested_milli_cpu = r.used_cpu;
        ni.requested_memory = r.used_mem;
        ni.pod_count = r.pods;
        CHECK(sch::node_resources_fit_filter(pod_with({container(r.cpu, r.mem)}), ni) == r.want);
    }
}

TEST_CASE("run_filter_plugins stops at the first rejecting plugin") {
    auto n = make_node("n1", "1", "1Gi");
    n.spec.unschedulable = true;
    n.spec.taints = {taint("x", "", "NoSchedule")};
    auto p = pod_with({container("2", "2Gi")});
    CHECK(sch::run_filter_plugins(p, info(n)) == std::vector<std::string>{"node(s) were unschedulable"});
    n.spec.unschedulable = false;
    CHECK(sch::run_filter_plugins(p, info(n)) == std::vector<std::string>{"node(s) had untolerated taint(s)"});
    n.spec.taints.clear();
    CHECK(sch::run_filter_plugins(p, info(n)) == std::vector<std::string>{"Insufficient cpu", "Insufficient memory"});
    p.spec.node_selector = {{"zone", "a"}};
    CHECK(sch::run_filter_plugins(p, info(n)) ==
          std::vector<std::string>{"node(s) didn't match Pod's node affinity/selector"});
}

TEST_CASE("least_allocated_score") {
    struct row {
        const char* name;
        const char* alloc_cpu;
        const char* alloc_mem;
        std::int64_t used_cpu;
        std::int64_t used_mem;
        const char* cpu;
        const char* mem;
        std::int64_t want;
    };
    const std::int64_t gi = 1024LL * 1024 * 1024;
    const row rows[] = {
        // (4000-2000)*100/4000 = 50, (8Gi-4Gi)*100/8Gi = 50 => 50
        {"half", "4", "8Gi", 1000, 2 * gi, "1", "2Gi", 50},
        {"empty node, nothing asked: defaults 100m/200Mi", "4", "8Gi", 0, 0, nullptr, nullptr, 97},
        // cpu: (4000-3000)*100/4000 = 25; memory: (8Gi-1Gi)*100/8Gi = 87 (87.5) => (25+87)/2 = 56
        {"integer division", "4", "8Gi", 2000, 0, "1", "1Gi", 56},
        {"over-committed cpu scores 0", "1", "8Gi", 900, 0, "200m", "4Gi", 25},
        {"full", "1", "1Gi", 0, 0, "1", "1Gi", 0},
    };
    for (const auto& r : rows) {
        CAPTURE(r.name);
        const auto n = make_node("n1", r.alloc_cpu, r.alloc_mem);
        auto ni = info(n);
        ni.non_zero_requested_milli_cpu = r.used_cpu;
        ni.non_zero_requested_memory = r.used_mem;
        CHECK(sch::least_allocated_score(pod_with({container(r.cpu, r.mem)}), ni) == r.want);
    }
    CHECK(sch::least_requested_score(0, 0) == 0);
    CHECK(sch::least_requested_score(5, 4) == 0);
    CHECK(sch::least_requested_score(1, 3) == 66);
}

TEST_CASE("default_normalize_score") {
    struct row {
        std::vector<std::int64_t> in;
        bool reverse;
        std::vector<std::int64_t> want;
    };
    const row rows[] = {
        {{1, 2, 4}, false, {25, 50, 100}},
        {{1, 2, 4}, true, {75, 50, 0}},
        {{0, 0}, false, {0, 0}},
        {{0, 0}, true, {100, 100}},
        {{3, 0, 7}, false, {42, 0, 100}},
    };
    for (const auto& r : rows) {
        auto s = r.in;
        sch::normalize(s, r.reverse);
        CHECK(s == r.want);
    }
    std::vector<std::int64_t> s{1, 2};
    sch::default_normalize_score(10, false, s);
    CHECK(s == std::vector<std::int64_t>{5, 10});
}

TEST_CASE("selector_spread_score counts pods of the same controller") {
    auto owned = [](const char* uid, const char* ns = "default") {
        auto p = pod_with({container(nullptr, nullptr)});
        p.metadata.namespace_ = ns;
        p.metadata.owner_references.push_back(api::owner_reference{"apps/v1", "ReplicaSet", "rs", uid, true, true});
        return p;
    };
    const auto me = owned("rs-1");
    const auto same = owned("rs-1");
    const auto other = owned("rs-2");
    const auto other_ns = owned("rs-1", "kube-system");
    auto deleting = owned("rs-1");
    deleting.metadata.deletion_timestamp = api::time{};
    auto not_controller = owned("rs-1");
    not_controller.metadata.owner_references.begin()->controller = false;

    std::vector<std::int64_t> raw{
        sch::selector_spread_score(me, {}),
        sch::selector_spread_score(me, {&same}),
        sch::selector_spread_score(me, {&same, &same, &other, &other_ns, &deleting, &not_controller}),
    };
    CHECK(raw == std::vector<std::int64_t>{0, 1, 2});
    sch::normalize(raw, true);
    CHECK(raw == std::vector<std::int64_t>{100, 50, 0});
    CHECK(sch::selector_spread_score(pod_with({container(nullptr, nullptr)}), {&same}) == 0);
}

TEST_CASE("node_affinity_score sums preferred weights") {
    auto p = pod_with({container(nullptr, nullptr)});
    api::affinity a{};
    a.node_affinity = api::node_affinity{};
    a.node_affinity->preferred_during_scheduling_ignored_during_execution = {
        {5, {{req("zone", "In", {"a"})}, {}}},
        {3, {{req("disk", "Exists", {})}, {}}},
        {7, api::node_selector_term{}},  // empty preference matches nothing
    };
    p.spec.affinity = a;
    auto n1 = make_node("n1");
    n1.metadata.labels = {{"zone", "a"}, {"disk", "ssd"}};
    auto n2 = make_node("n2");
    n2.metadata.labels = {{"disk", "hdd"}};
    const auto n3 = make_node("n3");
    std::vector<std::int64_t> s{sch::node_affinity_score(p, info(n1)), sch::node_affinity_score(p, info(n2)),
                                sch::node_affinity_score(p, info(n3))};
    CHECK(s == std::vector<std::int64_t>{8, 3, 0});
    sch::normalize(s, false);
    CHECK(s == std::vector<std::int64_t>{100, 37, 0});
    CHECK(sch::node_affinity_score(pod_with({container(nullptr, nullptr)}), info(n1)) == 0);
}

TEST_CASE("taint_toleration_score counts intolerable PreferNoSchedule taints") {
    auto p = pod_with({container(nullptr, nullptr)});
    p.spec.tolerations = {tol("a", "Exists", "", "PreferNoSchedule"), tol("b", "Exists", "", "NoSchedule"),
                          tol("c", "Equal", "1", "")};
    struct row {
        const char* name;
        std::vector<api::taint> taints;
        std::int64_t want;
    };
    const row rows[] = {
        {"none", {}, 0},
        {"tolerated", {taint("a", "x", "PreferNoSchedule"), taint("c", "1", "PreferNoSchedule")}, 0},
        {"NoSchedule toleration does not count", {taint("b", "", "PreferNoSchedule")}, 1},
        {"hard taints ignored", {taint("z", "", "NoSchedule"), taint("y", "", "PreferNoSchedule")}, 1},
        {"two", {taint("c", "2", "PreferNoSchedule"), taint("y", "", "PreferNoSchedule")}, 2},
    };
    std::vector<std::int64_t> s;
    for (const auto& r : rows) {
        CAPTURE(r.name);
        auto n = make_node("n");
        n.spec.taints = r.taints;
        s.push_back(sch::taint_toleration_score(p, info(n)));
        CHECK(s.back() == r.want);
    }
    sch::normalize(s, true);
    CHECK(s == std::vector<std::int64_t>{100, 100, 50, 50, 0});
}

TEST_CASE("fit_error_message: upstream FitError text with the preemption suffix") {
    struct row {
        int nodes;
        std::map<std::string, int> counts;
        std::string want;
    };
    const row rows[] = {
        {3,
         {{"Insufficient cpu", 3}},
         "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims "
         "found for incoming pod."},
        {1,
         {{"node(s) had untolerated taint(s)", 1}},
         "0/1 nodes are available: 1 node(s) had untolerated taint(s). preemption: 0/1 nodes are available: 1 "
         "Preemption is not helpful for scheduling."},
        {3,
         {{"node(s) had untolerated taint(s)", 1}, {"Insufficient cpu", 2}},
         "0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. preemption: 0/3 nodes are "
         "available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod."},
        // one node short of both cpu and memory: reasons count per reason, preemption per node
        {2,
         {{"Insufficient cpu", 2}, {"Insufficient memory", 1}},
         "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 "
         "No preemption victims found for incoming pod."},
        // sorted as strings: "10 ..." before "2 ..."
        {12,
         {{"node(s) were unschedulable", 2}, {"node(s) didn't match Pod's node affinity/selector", 10}},
         "0/12 nodes are available: 10 node(s) didn't match Pod's node affinity/selector, 2 node(s) were "
         "unschedulable. preemption: 0/12 nodes are available: 12 Preemption is not helpful for scheduling."},
        {2,
         {{"Too many pods", 2}},
         "0/2 nodes are available: 2 Too many pods. preemption: 0/2 nodes are available: 2 No preemption victims "
         "found for incoming pod."},
        {0, {}, "no nodes available to schedule pods"},
    };
    for (const auto& r : rows) CHECK(sch::fit_error_message(r.nodes, r.counts) == r.want);
}

}  // TEST_SUITE
