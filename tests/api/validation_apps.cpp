// apps/v1 and autoscaling/v1 validation (api/validation/apps.hpp): Deployments,
// ReplicaSets and Scale, with kube-apiserver's exact error strings.
#include <doctest/doctest.h>

#include <validation_support.hpp>

#include <kubesim/api/defaults.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/resource.hpp>
#include <kubesim/api/validation.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace kubesim::api;
namespace v = kubesim::api::validation;

using namespace validation_support;

namespace {

pod_template_spec web_template() {
    pod_template_spec t;
    t.metadata.labels["app"] = "web";
    container c;
    c.name = "web";
    c.image = "nginx:1.25";
    t.spec.containers.push_back(c);
    return t;
}

deployment base_deployment() {
    deployment d;
    d.metadata.name = "web";
    d.metadata.namespace_ = "default";
    d.spec.selector = label_selector{{{"app", "web"}}, {}};
    d.spec.template_ = web_template();
    return d;
}

replica_set base_replica_set() {
    replica_set rs;
    rs.metadata.name = "web-5d4f8c";
    rs.metadata.namespace_ = "default";
    rs.spec.selector = label_selector{{{"app", "web"}}, {}};
    rs.spec.template_ = web_template();
    return rs;
}

rolling_update_deployment rolling(int_or_string max_unavailable, int_or_string max_surge) {
    return rolling_update_deployment{std::move(max_unavailable), std::move(max_surge)};
}

struct row {
    const char* name;
    std::function<void(deployment&)> before;
    std::vector<std::string> want;
};

}  // namespace

TEST_SUITE("api/validation") {

TEST_CASE("deployment create") {
    const std::vector<row> rows = {
        {"valid", [](deployment&) {}, {}},
        {"negative replicas", [](deployment& d) { d.spec.replicas = -1; },
         {"spec.replicas: Invalid value: -1: must be greater than or equal to 0"}},
        {"zero replicas", [](deployment& d) { d.spec.replicas = 0; }, {}},
        {"no selector", [](deployment& d) { d.spec.selector.reset(); },
         {"spec.selector: Required value",
          "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"}},
        {"selector does not match", [](deployment& d) { d.spec.selector = label_selector{{{"app", "api"}}, {}}; },
         {"spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"}},
        {"template without labels", [](deployment& d) { d.spec.template_.metadata.labels.clear(); },
         {"spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`"}},
        {"empty selector", [](deployment& d) { d.spec.selector = label_selector{}; },
         {"spec.selector: Invalid value: {}: empty selector is invalid for deployment"}},
        {"selector expression", [](deployment& d) {
             d.spec.selector->match_expressions.push_back(label_selector_requirement{"tier", "In", {"front", "back"}});
             d.spec.template_.metadata.labels["tier"] = "front";
         },
         {}},
        {"bad selector operator", [](deployment& d) {
             d.spec.selector->match_expressions.push_back(label_selector_requirement{"tier", "Like", {"f"}});
         },
         {"spec.selector.matchExpressions[0].operator: Invalid value: \"Like\": not a valid selector operator",
          "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\"},\"matchExpressions\":[{\"key\":\"tier\","
          "\"operator\":\"Like\",\"values\":[\"f\"]}]}: invalid label selector"}},
        {"template restartPolicy", [](deployment& d) { d.spec.template_.spec.restart_policy = "Never"; },
         {"spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""}},
        {"template activeDeadlineSeconds", [](deployment& d) { d.spec.template_.spec.active_deadline_seconds = 60; },
         {"spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is not Supported"}},
        {"template container without image", [](deployment& d) { d.spec.template_.spec.containers[0].image.clear(); },
         {"spec.template.spec.containers[0].image: Required value"}},
        {"template label value", [](deployment& d) {
             d.spec.template_.metadata.labels["version"] = "v1.0-";
         },
         {"spec.template.metadata.labels: Invalid value: \"v1.0-\": a valid label must be an empty string or consist of "
          "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
          "'MyValue',  or 'my_value',  or '12345', regex used for validation is "
          "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"}},
        {"minReadySeconds", [](deployment& d) { d.spec.min_ready_seconds = -5; },
         {"spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0"}},
        {"revisionHistoryLimit", [](deployment& d) { d.spec.revision_history_limit = -1; },
         {"spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"}},
        {"progressDeadlineSeconds not above minReadySeconds", [](deployment& d) {
             d.spec.min_ready_seconds = 10;
             d.spec.progress_deadline_seconds = 10;
         },
         {"spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"}},
        {"negative progressDeadlineSeconds", [](deployment& d) { d.spec.progress_deadline_seconds = -1; },
         {"spec.progressDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0",
          "spec.progressDeadlineSeconds: Invalid value: -1: must be greater than minReadySeconds"}},
        {"maxSurge and maxUnavailable both 0", [](deployment& d) {
             d.spec.strategy.rolling_update = rolling(int_or_string::from_int(0), int_or_string::from_int(0));
         },
         {"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` is 0"}},
        {"0% and 0", [](deployment& d) {
             d.spec.strategy.rolling_update = rolling(int_or_string::from_string("0%"), int_or_string::from_int(0));
         },
         {"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"0%\": may not be 0 when `maxSurge` is 0"}},
        {"maxUnavailable above 100%", [](deployment& d) {
             d.spec.strategy.rolling_update = rolling(int_or_string::from_string("110%"), int_or_string::from_int(1));
         },
         {"spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater than 100%"}},
        {"maxSurge not a percent", [](deployment& d) {
             d.spec.strategy.rolling_update = rolling(int_or_string::from_int(1), int_or_string::from_string("abc"));
         },
         {"spec.strategy.rollingUpdate.maxSurge: Invalid value: \"abc\": a valid percent string must be a numeric string "
          "followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')"}},
        {"negative maxSurge", [](deployment& d) {
             d.spec.strategy.rolling_update = rolling(int_or_string::from_int(1), int_or_string::from_int(-1));
         },
         {"spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"}},
        {"Recreate with rollingUpdate", [](deployment& d) {
             d.spec.strategy.type = "Recreate";
             d.spec.strategy.rolling_update = rolling(int_or_string::from_int(1), int_or_string::from_int(1));
         },
         {"spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"}},
        {"unknown strategy", [](deployment& d) { d.spec.strategy.type = "BlueGreen"; },
         {"spec.strategy: Unsupported value: {\"Type\":\"BlueGreen\",\"RollingUpdate\":null}: supported values: "
          "\"Recreate\", \"RollingUpdate\""}},
        {"bad name", [](deployment& d) { d.metadata.name = "Web"; },
         {"metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric "
          "characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
          "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto d = base_deployment();
        r.before(d);
        set_defaults(d);
        CHECK(joined(v::validate(d)) == lines(r.want));
    }
}

TEST_CASE("deployment errors as the API server reports them") {
    auto d = base_deployment();
    d.spec.replicas = -1;
    set_defaults(d);
    auto st = errors::invalid(qualified_kind<deployment>(), d.metadata.name, v::validate(d));
    CHECK(st.code == 422);
    CHECK(st.message == "Deployment.apps \"web\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0");

    auto none = base_deployment();
    none.spec.selector.reset();
    set_defaults(none);
    CHECK(errors::invalid(qualified_kind<deployment>(), "web", v::validate(none)).message ==
          "Deployment.apps \"web\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid "
          "value: {\"app\":\"web\"}: `selector` does not match template `labels`]");
}

TEST_CASE("deployment update and status") {
    auto old_d = base_deployment();
    old_d.metadata.resource_version = "12";
    old_d.metadata.generation = 3;
    set_defaults(old_d);

    auto scaled = old_d;
    scaled.spec.replicas = 5;
    scaled.spec.template_.spec.containers[0].image = "nginx:1.26";
    CHECK(joined(v::validate_update(scaled, old_d)).empty());

    auto reselected = old_d;
    reselected.spec.selector = label_selector{{{"app", "web"}, {"track", "stable"}}, {}};
    reselected.spec.template_.metadata.labels["track"] = "stable";
    CHECK(joined(v::validate_update(reselected, old_d)) ==
          "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"web\",\"track\":\"stable\"}}: field is immutable\n");

    auto status = old_d;
    status.status.replicas = 3;
    status.status.ready_replicas = 4;
    status.status.available_replicas = 2;
    CHECK(joined(v::validate_status_update(status, old_d)) ==
          "status.readyReplicas: Invalid value: 4: cannot be greater than status.replicas\n");
    auto collided = old_d;
    collided.status.collision_count = 2;
    auto decremented = collided;
    decremented.status.collision_count = 1;
    CHECK(joined(v::validate_status_update(decremented, collided)) ==
          "status.collisionCount: Invalid value: 1: cannot be decremented\n");
}

TEST_CASE("replica set") {
    struct rs_row {
        const char* name;
        std::function<void(replica_set&)> before;
        std::vector<std::string> want;
    };
    const std::vector<rs_row> rows = {
        {"valid", [](replica_set&) {}, {}},
        {"negative replicas", [](replica_set& rs) { rs.spec.replicas = -3; },
         {"spec.replicas: Invalid value: -3: must be greater than or equal to 0"}},
        {"negative minReadySeconds", [](replica_set& rs) { rs.spec.min_ready_seconds = -1; },
         {"spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"}},
        {"no selector", [](replica_set& rs) { rs.spec.selector.reset(); },
         {"spec.selector: Required value",
          "spec.template.metadata.labels: Invalid value: {\"app\":\"web\"}: `selector` does not match template `labels`"}},
        {"empty selector (the message says deployment, as upstream)", [](replica_set& rs) { rs.spec.selector = label_selector{}; },
         {"spec.selector: Invalid value: {}: empty selector is invalid for deployment"}},
        {"no containers", [](replica_set& rs) { rs.spec.template_.spec.containers.clear(); },
         {"spec.template.spec.containers: Required value"}},
        {"pod template validation runs", [](replica_set& rs) {
             rs.spec.template_.spec.containers[0].ports.push_back(container_port{"", 0, 0, "", ""});
         },
         {"spec.template.spec.containers[0].ports[0].containerPort: Required value"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto rs = base_replica_set();
        r.before(rs);
        set_defaults(rs);
        CHECK(joined(v::validate(rs)) == lines(r.want));
    }

    auto old_rs = base_replica_set();
    old_rs.metadata.resource_version = "2";
    set_defaults(old_rs);
    auto moved = old_rs;
    moved.spec.selector = label_selector{{}, {label_selector_requirement{"app", "In", {"web"}}}};
    CHECK(joined(v::validate_update(moved, old_rs)) ==
          "spec.selector: Invalid value: {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\",\"values\":[\"web\"]}]}: "
          "field is immutable\n");

    auto status = old_rs;
    status.status.replicas = 2;
    status.status.fully_labeled_replicas = 3;
    status.status.ready_replicas = 1;
    status.status.available_replicas = 2;
    CHECK(joined(v::validate_status_update(status, old_rs)) ==
          lines({"status.fullyLabeledReplicas: Invalid value: 3: cannot be greater than status.replicas",
                 "status.availableReplicas: Invalid value: 2: cannot be greater than readyReplicas"}));
}

TEST_CASE("scale") {
    scale s;
    s.metadata.name = "web";
    s.metadata.namespace_ = "default";
    s.spec.replicas = 3;
    CHECK(joined(v::validate(s)).empty());
    s.spec.replicas = -1;
    CHECK(joined(v::validate(s)) == "spec.replicas: Invalid value: -1: must be greater than or equal to 0\n");
}

}  // TEST_SUITE
