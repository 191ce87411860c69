// core/v1 validation (api/validation/core.hpp): one row per mistake users make,
// with the exact error strings kube-apiserver answers with.
#include <doctest/doctest.h>

#include <validation_support.hpp>

#include <kubesim/api/defaults.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/validation.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace kubesim::api;
namespace v = kubesim::api::validation;

using namespace validation_support;

namespace {

const std::string dns1035_msg =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic "
    "character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
    "'[a-z]([-a-z0-9]*[a-z0-9])?')";
const std::string pod_update_msg =
    "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
    "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing "
    "tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n";

container make_container(std::string name, std::string image = "nginx:1.25") {
    container c;
    c.name = std::move(name);
    c.image = std::move(image);
    return c;
}

pod base_pod() {
    pod p;
    p.metadata.name = "web";
    p.metadata.namespace_ = "default";
    p.metadata.labels["app"] = "web";
    p.spec.containers.push_back(make_container("app"));
    return p;
}

probe http_probe(std::int32_t port = 8080) {
    probe pr;
    pr.http_get = http_get_action{};
    pr.http_get->port = int_or_string::from_int(port);
    return pr;
}

toleration tol(std::string key, std::string op, std::string value, std::string effect) {
    toleration t;
    t.key = std::move(key);
    t.operator_ = std::move(op);
    t.value = std::move(value);
    t.effect = std::move(effect);
    return t;
}

struct pod_row {
    const char* name;
    std::function<void(pod&)> before;  // applied before defaulting
    std::vector<std::string> want;
    std::function<void(pod&)> after{};  // applied after defaulting
};

}  // namespace

TEST_SUITE("api/validation") {

TEST_CASE("pod create") {
    const std::vector<pod_row> rows = {
        {"valid", [](pod&) {}, {}},
        {"no containers", [](pod& p) { p.spec.containers.clear(); }, {"spec.containers: Required value"}},
        {"container without name", [](pod& p) { p.spec.containers[0].name.clear(); },
         {"spec.containers[0].name: Required value"}},
        {"container name not a DNS label", [](pod& p) { p.spec.containers[0].name = "App"; },
         {"spec.containers[0].name: Invalid value: \"App\": " + label_msg}},
        {"duplicate container names", [](pod& p) { p.spec.containers.push_back(make_container("app", "redis")); },
         {"spec.containers[1].name: Duplicate value: \"app\""}},
        {"no image", [](pod& p) { p.spec.containers[0].image.clear(); }, {"spec.containers[0].image: Required value"}},
        {"image with spaces", [](pod& p) { p.spec.containers[0].image = " nginx"; },
         {"spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"}},
        {"containerPort missing", [](pod& p) { p.spec.containers[0].ports.push_back(container_port{}); },
         {"spec.containers[0].ports[0].containerPort: Required value"}},
        {"containerPort out of range", [](pod& p) { p.spec.containers[0].ports.push_back(container_port{"", 0, 70000, "", ""}); },
         {"spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive"}},
        {"unknown protocol", [](pod& p) { p.spec.containers[0].ports.push_back(container_port{"", 0, 80, "HTTP", ""}); },
         {"spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""}},
        {"duplicate port names", [](pod& p) {
             p.spec.containers[0].ports.push_back(container_port{"http", 0, 80, "", ""});
             p.spec.containers[0].ports.push_back(container_port{"http", 0, 8080, "", ""});
         },
         {"spec.containers[0].ports[1].name: Duplicate value: \"http\""}},
        {"bad port name", [](pod& p) { p.spec.containers[0].ports.push_back(container_port{"HTTP", 0, 80, "", ""}); },
         {"spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
          "spec.containers[0].ports[0].name: Invalid value: \"HTTP\": must contain at least one letter (a-z)"}},
        {"host port clash across containers", [](pod& p) {
             p.spec.containers[0].ports.push_back(container_port{"", 8080, 80, "", ""});
             p.spec.containers.push_back(make_container("sidecar", "busybox"));
             p.spec.containers[1].ports.push_back(container_port{"", 8080, 81, "", ""});
         },
         {"spec.containers[1].ports[0].hostPort: Duplicate value: \"TCP//8080\""}},
        {"hostNetwork needs hostPort == containerPort", [](pod& p) {
             p.spec.host_network = true;
             p.spec.containers[0].ports.push_back(container_port{"", 81, 80, "", ""});
         },
         {"spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when `hostNetwork` is true"}},
        {"env without name", [](pod& p) { p.spec.containers[0].env.push_back(env_var{}); },
         {"spec.containers[0].env[0].name: Required value"}},
        {"env name with '='", [](pod& p) { p.spec.containers[0].env.push_back(env_var{"A=B", "x", {}}); },
         {"spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name must consist only "
          "of printable ASCII characters other than '='"}},
        {"valueFrom without a source", [](pod& p) {
             env_var e{"X", "", {}};
             e.value_from = env_var_source{};
             p.spec.containers[0].env.push_back(e);
         },
         {"spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
          "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"}},
        {"valueFrom and value", [](pod& p) {
             env_var e{"X", "literal", {}};
             e.value_from = env_var_source{};
             e.value_from->config_map_key_ref = key_selector{"cfg", "k", std::nullopt};
             p.spec.containers[0].env.push_back(e);
         },
         {"spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty"}},
        {"valueFrom with two sources", [](pod& p) {
             env_var e{"X", "", {}};
             e.value_from = env_var_source{};
             e.value_from->config_map_key_ref = key_selector{"cfg", "k", std::nullopt};
             e.value_from->secret_key_ref = key_selector{"sec", "k", std::nullopt};
             p.spec.containers[0].env.push_back(e);
         },
         {"spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field specified at a time"}},
        {"configMapKeyRef without key", [](pod& p) {
             env_var e{"X", "", {}};
             e.value_from = env_var_source{};
             e.value_from->config_map_key_ref = key_selector{"cfg", "", std::nullopt};
             p.spec.containers[0].env.push_back(e);
         },
         {"spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value"}},
        {"fieldRef to an unknown field", [](pod& p) {
             env_var e{"X", "", {}};
             e.value_from = env_var_source{};
             e.value_from->field_ref = object_field_selector{"", "spec.foo"};
             p.spec.containers[0].env.push_back(e);
         },
         {"spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.foo\": error converting "
          "fieldPath: field label not supported: spec.foo"}},
        {"fieldRef to a field env cannot use", [](pod& p) {
             env_var e{"X", "", {}};
             e.value_from = env_var_source{};
             e.value_from->field_ref = object_field_selector{"", "status.phase"};
             p.spec.containers[0].env.push_back(e);
         },
         {"spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"status.phase\": supported "
          "values: \"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", "
          "\"spec.serviceAccountName\", \"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\""}},
        {"fieldRef to a label", [](pod& p) {
             env_var e{"X", "", {}};
             e.value_from = env_var_source{};
             e.value_from->field_ref = object_field_selector{"", "metadata.labels['app']"};
             p.spec.containers[0].env.push_back(e);
         },
         {}},
        {"request above limit", [](pod& p) {
             p.spec.containers[0].resources.requests["cpu"] = quantity::must_parse("2");
             p.spec.containers[0].resources.limits["cpu"] = quantity::must_parse("1");
         },
         {"spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1"}},
        {"negative request", [](pod& p) { p.spec.containers[0].resources.requests["memory"] = quantity::must_parse("-1Mi"); },
         {"spec.containers[0].resources.requests[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0"}},
        {"unknown resource", [](pod& p) { p.spec.containers[0].resources.limits["gpu"] = quantity::must_parse("1"); },
         {"spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
          "spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers",
          "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource type or fully qualified",
          "spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard resource for containers"}},
        {"extended resource needs a limit", [](pod& p) {
             p.spec.containers[0].resources.requests["example.com/gpu"] = quantity::must_parse("1");
         },
         {"spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources"}},
        {"extended resources are whole numbers", [](pod& p) {
             p.spec.containers[0].resources.limits["example.com/gpu"] = quantity::must_parse("500m");
         },
         {"spec.containers[0].resources.limits[example.com/gpu]: Invalid value: \"500m\": must be an integer",
          "spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"500m\": must be an integer"}},
        {"probe without handler", [](pod& p) { p.spec.containers[0].liveness_probe = probe{}; },
         {"spec.containers[0].livenessProbe: Required value: must specify a handler type"}},
        {"probe with two handlers", [](pod& p) {
             auto pr = http_probe();
             pr.exec = exec_action{{"true"}};
             p.spec.containers[0].liveness_probe = pr;
         },
         {"spec.containers[0].livenessProbe.httpGet: Forbidden: may not specify more than 1 handler type"}},
        {"liveness successThreshold", [](pod& p) {
             auto pr = http_probe();
             pr.success_threshold = 2;
             p.spec.containers[0].liveness_probe = pr;
         },
         {"spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"}},
        {"startup successThreshold", [](pod& p) {
             probe pr;
             pr.tcp_socket = tcp_socket_action{int_or_string::from_string("http"), ""};
             pr.success_threshold = 3;
             p.spec.containers[0].startup_probe = pr;
         },
         {"spec.containers[0].startupProbe.successThreshold: Invalid value: 3: must be 1"}},
        {"readiness may have successThreshold > 1", [](pod& p) {
             auto pr = http_probe();
             pr.success_threshold = 2;
             p.spec.containers[0].readiness_probe = pr;
         },
         {}},
        {"negative periodSeconds", [](pod& p) {
             auto pr = http_probe();
             pr.period_seconds = -1;
             p.spec.containers[0].readiness_probe = pr;
         },
         {"spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0"}},
        {"httpGet port 0", [](pod& p) { p.spec.containers[0].readiness_probe = http_probe(0); },
         {"spec.containers[0].readinessProbe.httpGet.port: Invalid value: 0: must be between 1 and 65535, inclusive"}},
        {"httpGet scheme", [](pod& p) {
             auto pr = http_probe();
             pr.http_get->scheme = "FTP";
             p.spec.containers[0].readiness_probe = pr;
         },
         {"spec.containers[0].readinessProbe.httpGet.scheme: Unsupported value: \"FTP\": supported values: \"HTTP\", \"HTTPS\""}},
        {"exec without command", [](pod& p) {
             probe pr;
             pr.exec = exec_action{};
             p.spec.containers[0].liveness_probe = pr;
         },
         {"spec.containers[0].livenessProbe.exec.command: Required value"}},
        {"readiness terminationGracePeriodSeconds", [](pod& p) {
             auto pr = http_probe();
             pr.termination_grace_period_seconds = 10;
             p.spec.containers[0].readiness_probe = pr;
         },
         {"spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must not be set for readinessProbes"}},
        {"preStop sleep longer than the grace period", [](pod& p) {
             lifecycle lc;
             lc.pre_stop = lifecycle_handler{};
             lc.pre_stop->sleep = sleep_action{60};
             p.spec.containers[0].lifecycle = lc;
         },
         {"spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and less than "
          "terminationGracePeriodSeconds (30)"}},
        {"imagePullPolicy", [](pod& p) { p.spec.containers[0].image_pull_policy = "Sometimes"; },
         {"spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""}},
        {"terminationMessagePolicy", [](pod& p) { p.spec.containers[0].termination_message_policy = "Stdout"; },
         {"spec.containers[0].terminationMessagePolicy: Unsupported value: \"Stdout\": supported values: \"File\", \"FallbackToLogsOnError\""}},
        {"restartPolicy on a regular container", [](pod& p) { p.spec.containers[0].restart_policy = "Always"; },
         {"spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"}},
        {"init container probes", [](pod& p) {
             auto c = make_container("init", "busybox");
             c.liveness_probe = http_probe();
             p.spec.init_containers.push_back(c);
         },
         {"spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always"}},
        {"sidecar init container may have probes", [](pod& p) {
             auto c = make_container("proxy", "envoy");
             c.restart_policy = "Always";
             c.readiness_probe = http_probe();
             p.spec.init_containers.push_back(c);
         },
         {}},
        {"init container restartPolicy", [](pod& p) {
             auto c = make_container("init", "busybox");
             c.restart_policy = "OnFailure";
             p.spec.init_containers.push_back(c);
         },
         {"spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""}},
        {"init container named like a container", [](pod& p) { p.spec.init_containers.push_back(make_container("app", "busybox")); },
         {"spec.initContainers[0].name: Duplicate value: \"app\""}},
        {"restartPolicy", [](pod& p) { p.spec.restart_policy = "Sometimes"; },
         {"spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\""}},
        {"dnsPolicy", [](pod& p) { p.spec.dns_policy = "Bogus"; },
         {"spec.dnsPolicy: Unsupported value: \"Bogus\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""}},
        {"dnsPolicy None without dnsConfig", [](pod& p) { p.spec.dns_policy = "None"; },
         {"spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"}},
        {"dnsPolicy None without nameservers", [](pod& p) {
             p.spec.dns_policy = "None";
             p.spec.dns_config = pod_dns_config{};
         },
         {"spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None"}},
        {"too many nameservers", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->nameservers = {"1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4"};
         },
         {"spec.dnsConfig.nameservers: Invalid value: [\"1.1.1.1\",\"1.1.1.2\",\"1.1.1.3\",\"1.1.1.4\"]: must not have more than 3 nameservers"}},
        {"nameserver not an IP", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->nameservers = {"1.1.1"};
         },
         {"spec.dnsConfig.nameservers[0]: Invalid value: \"1.1.1\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"}},
        {"dns searches and options", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->searches = {"_srv.example.com.", ".", "Bad_Domain.com"};
             p.spec.dns_config->options = {pod_dns_config_option{"ndots", std::string("2")}, pod_dns_config_option{}};
         },
         {R"(spec.dnsConfig.searches[2]: Invalid value: "Bad_Domain.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*'))",
          "spec.dnsConfig.options[1]: Required value: must not be empty"}},
        {"too many searches", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             for (int i = 0; i < 33; ++i) p.spec.dns_config->searches.push_back("s" + std::to_string(i));
         },
         {[] {
             std::string s = "spec.dnsConfig.searches: Invalid value: [";
             for (int i = 0; i < 33; ++i) s += (i ? ",\"s" : "\"s") + std::to_string(i) + "\"";
             return s + "]: must not have more than 32 search paths";
         }()}},
        {"hostname", [](pod& p) { p.spec.hostname = "Web_1"; }, {"spec.hostname: Invalid value: \"Web_1\": " + label_msg}},
        {"subdomain", [](pod& p) { p.spec.subdomain = "a.b"; }, {"spec.subdomain: Invalid value: \"a.b\": must not contain dots"}},
        {"nodeName", [](pod& p) { p.spec.node_name = "Node_1"; }, {"spec.nodeName: Invalid value: \"Node_1\": " + subdomain_msg}},
        {"activeDeadlineSeconds", [](pod& p) { p.spec.active_deadline_seconds = 0; },
         {"spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"}},
        {"terminationGracePeriodSeconds unset", [](pod&) {}, {"spec.terminationGracePeriodSeconds: Required value"},
         [](pod& p) { p.spec.termination_grace_period_seconds.reset(); }},
        {"nodeSelector", [](pod& p) { p.spec.node_selector["bad key"] = "x"; },
         {"spec.nodeSelector: Invalid value: \"bad key\": " + name_part_msg}},
        {"toleration without key must be Exists", [](pod& p) { p.spec.tolerations.push_back(tol("", "Equal", "", "")); },
         {"spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, which "
          "means \"match all values and all keys\""}},
        {"Exists with a value", [](pod& p) { p.spec.tolerations.push_back(tol("k", "Exists", "v", "")); },
         {"spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is 'Exists'"}},
        {"tolerationSeconds needs NoExecute", [](pod& p) {
             auto t = tol("k", "Equal", "v", "NoSchedule");
             t.toleration_seconds = 10;
             p.spec.tolerations.push_back(t);
         },
         {"spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when `tolerationSeconds` is set"}},
        {"toleration operator", [](pod& p) { p.spec.tolerations.push_back(tol("k", "Lt", "", "")); },
         {"spec.tolerations[0].operator: Unsupported value: \"Lt\": supported values: \"Equal\", \"Exists\""}},
        {"toleration effect", [](pod& p) { p.spec.tolerations.push_back(tol("k", "Exists", "", "NoRun")); },
         {"spec.tolerations[0].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""}},
        {"node affinity without terms", [](pod& p) {
             p.spec.affinity = affinity{};
             p.spec.affinity->node_affinity = node_affinity{};
             p.spec.affinity->node_affinity->required_during_scheduling_ignored_during_execution = node_selector{};
         },
         {"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: "
          "must have at least one node selector term"}},
        {"node affinity terms", [](pod& p) {
             node_selector_term term;
             term.match_expressions.push_back(node_selector_requirement{"zone", "In", {}});
             term.match_expressions.push_back(node_selector_requirement{"disk", "Foo", {"ssd"}});
             term.match_expressions.push_back(node_selector_requirement{"cpus", "Gt", {"2", "4"}});
             term.match_fields.push_back(node_selector_requirement{"metadata.uid", "In", {"a"}});
             p.spec.affinity = affinity{};
             p.spec.affinity->node_affinity = node_affinity{};
             p.spec.affinity->node_affinity->required_during_scheduling_ignored_during_execution = node_selector{{term}};
             p.spec.affinity->node_affinity->preferred_during_scheduling_ignored_during_execution.push_back(
                 preferred_scheduling_term{0, node_selector_term{}});
         },
         {"spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: "
          "Required value: must be specified when `operator` is 'In' or 'NotIn'",
          "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[1].operator: "
          "Invalid value: \"Foo\": not a valid selector operator",
          "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[2].values: "
          "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
          "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key: "
          "Invalid value: \"metadata.uid\": not a valid field selector key",
          "spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100"}},
        {"pod anti-affinity needs a topologyKey", [](pod& p) {
             pod_affinity pa;
             pod_affinity_term t;
             t.label_selector = label_selector{{{"app", "web"}}, {}};
             pa.required_during_scheduling_ignored_during_execution.push_back(t);
             p.spec.affinity = affinity{};
             p.spec.affinity->pod_anti_affinity = pa;
         },
         {"spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Required value: can not be empty",
          "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": name part must be non-empty",
          "spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey: Invalid value: \"\": " + name_part_msg}},
        {"mirror pod without node", [](pod& p) { p.metadata.annotations["kubernetes.io/config.mirror"] = "x"; },
         {"metadata.annotations[kubernetes.io/config.mirror]: Invalid value: \"x\": must set spec.nodeName if mirror pod annotation is set"}},
        {"pod deletion cost", [](pod& p) { p.metadata.annotations["controller.kubernetes.io/pod-deletion-cost"] = "abc"; },
         {"metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: \"abc\": must be a 32bit integer"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto p = base_pod();
        r.before(p);
        set_defaults(p);
        if (r.after) r.after(p);
        CHECK(joined(v::validate(p)) == lines(r.want));
    }
}

TEST_CASE("pod update") {
    auto old_pod = base_pod();
    old_pod.metadata.uid = "u1";
    old_pod.metadata.resource_version = "10";
    old_pod.spec.active_deadline_seconds = 100;
    old_pod.spec.tolerations.push_back(tol("dedicated", "Equal", "gpu", "NoExecute"));
    old_pod.spec.tolerations[0].toleration_seconds = 60;
    set_defaults(old_pod);
    prepare_pod_for_create(old_pod);

    const std::vector<pod_row> rows = {
        {"image", [](pod& p) { p.spec.containers[0].image = "nginx:1.26"; }, {}},
        {"labels", [](pod& p) { p.metadata.labels["tier"] = "front"; }, {}},
        {"lower activeDeadlineSeconds", [](pod& p) { p.spec.active_deadline_seconds = 50; }, {}},
        {"raise activeDeadlineSeconds", [](pod& p) { p.spec.active_deadline_seconds = 200; },
         {"spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value"}},
        {"drop activeDeadlineSeconds", [](pod& p) { p.spec.active_deadline_seconds.reset(); },
         {"spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"}},
        {"add a toleration", [](pod& p) { p.spec.tolerations.push_back(tol("", "Exists", "", "")); }, {}},
        {"change tolerationSeconds", [](pod& p) { p.spec.tolerations[0].toleration_seconds = 5; }, {}},
        {"remove a toleration", [](pod& p) { p.spec.tolerations.clear(); },
         {"spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds"}},
        {"add a container", [](pod& p) { p.spec.containers.push_back(make_container("extra", "busybox")); },
         {"spec.containers: Forbidden: pod updates may not add or remove containers"}},
        {"rename", [](pod& p) { p.metadata.name = "web2"; }, {"metadata.name: Invalid value: \"web2\": field is immutable"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto new_pod = old_pod;
        r.before(new_pod);
        set_defaults(new_pod);  // the API server defaults every write
        CHECK(joined(v::validate_update(new_pod, old_pod)) == lines(r.want));
    }

    auto changed = old_pod;
    changed.spec.restart_policy = "Never";
    auto out = joined(v::validate_update(changed, old_pod));
    CHECK(out.substr(0, pod_update_msg.size()) == pod_update_msg);
    CHECK(out.find("RestartPolicy") != std::string::npos);

    auto negative = old_pod;
    negative.spec.termination_grace_period_seconds = -1;
    auto one = negative;
    one.spec.termination_grace_period_seconds = 1;
    CHECK(joined(v::validate_update(one, negative)).empty());
    auto two = negative;
    two.spec.termination_grace_period_seconds = 2;
    CHECK(joined(v::validate_update(two, negative)).substr(0, pod_update_msg.size()) == pod_update_msg);
}

TEST_CASE("pod status update") {
    auto old_pod = base_pod();
    old_pod.metadata.resource_version = "3";
    old_pod.spec.restart_policy = "Never";
    old_pod.spec.node_name = "node-1";
    set_defaults(old_pod);
    prepare_pod_for_create(old_pod);
    container_status cs;
    cs.name = "app";
    cs.state.terminated = container_state_terminated{};
    cs.state.terminated->exit_code = 1;
    old_pod.status.container_statuses.push_back(cs);

    const std::vector<pod_row> rows = {
        {"ready condition", [](pod& p) { p.status.conditions.push_back(pod_condition{"Ready", "True"}); }, {}},
        {"custom condition type", [](pod& p) { p.status.conditions.push_back(pod_condition{"bad type", "True"}); },
         {"metadata.conditions[0].Type: Invalid value: \"bad type\": " + name_part_msg}},
        {"nodeName", [](pod& p) { p.spec.node_name = "node-2"; }, {"status.nodeName: Forbidden: may not be changed directly"}},
        {"qosClass", [](pod& p) { p.status.qos_class = "Guaranteed"; },
         {"status.qosClass: Invalid value: \"Guaranteed\": field is immutable"}},
        {"restart a container that never restarts", [](pod& p) {
             p.status.container_statuses[0].state = container_state{};
             p.status.container_statuses[0].state.running = container_state_running{};
         },
         {"status.containerStatuses[0].state: Forbidden: may not be transitioned to non-terminated state"}},
        {"pod IPs of one family", [](pod& p) {
             p.status.pod_ip = "10.0.0.1";
             p.status.pod_ips = {pod_ip{"10.0.0.1"}, pod_ip{"10.0.0.2"}};
         },
         {"status.podIPs: Invalid value: [{\"IP\":\"10.0.0.1\"},{\"IP\":\"10.0.0.2\"}]: may specify no more than one IP for each IP family"}},
        {"dual-stack pod IPs", [](pod& p) { p.status.pod_ips = {pod_ip{"10.0.0.1"}, pod_ip{"fd00::1"}}; }, {}},
        {"host IPs must start with hostIP", [](pod& p) {
             p.status.host_ip = "192.168.0.2";
             p.status.host_ips = {pod_ip{"192.168.0.3"}};
         },
         {"status.hostIPs[0].ip: Invalid value: \"192.168.0.3\": must be equal to `hostIP`"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto new_pod = old_pod;
        r.before(new_pod);
        CHECK(joined(v::validate_status_update(new_pod, old_pod)) == lines(r.want));
    }
}

TEST_CASE("service create and update") {
    auto base = [] {
        service s;
        s.metadata.name = "web";
        s.metadata.namespace_ = "default";
        s.spec.selector["app"] = "web";
        s.spec.ports.push_back(service_port{"", "", std::nullopt, 80, int_or_string::from_int(8080), 0});
        return s;
    };
    struct row {
        const char* name;
        std::function<void(service&)> before;
        std::vector<std::string> want;
    };
    const std::vector<row> rows = {
        {"valid", [](service&) {}, {}},
        {"name must be a DNS-1035 label", [](service& s) { s.metadata.name = "1web"; },
         {"metadata.name: Invalid value: \"1web\": " + dns1035_msg}},
        {"no ports", [](service& s) { s.spec.ports.clear(); }, {"spec.ports: Required value"}},
        {"headless without ports", [](service& s) {
             s.spec.ports.clear();
             s.spec.cluster_ip = "None";
             s.spec.cluster_ips = {"None"};
         },
         {}},
        {"names required with several ports", [](service& s) {
             s.spec.ports.push_back(service_port{"", "", std::nullopt, 443, {}, 0});
         },
         {"spec.ports[0].name: Required value", "spec.ports[1].name: Required value"}},
        {"port out of range", [](service& s) { s.spec.ports[0].port = 0; },
         {"spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive"}},
        {"bad port name and target port", [](service& s) {
             s.spec.ports[0].name = "HTTP";
             s.spec.ports[0].target_port = int_or_string::from_string("web--port");
         },
         {"spec.ports[0].name: Invalid value: \"HTTP\": " + label_msg,
          "spec.ports[0].targetPort: Invalid value: \"web--port\": must not contain consecutive hyphens"}},
        {"duplicate ports", [](service& s) {
             s.spec.ports[0].name = "a";
             s.spec.ports.push_back(service_port{"b", "", std::nullopt, 80, {}, 0});
         },
         {"spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,\"Port\":80,\"TargetPort\":0,\"NodePort\":0}"}},
        {"same port, other protocol", [](service& s) {
             s.spec.ports[0].name = "a";
             s.spec.ports.push_back(service_port{"b", "UDP", std::nullopt, 80, {}, 0});
         },
         {}},
        {"nodePort on ClusterIP", [](service& s) { s.spec.ports[0].node_port = 30080; },
         {"spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"}},
        {"duplicate nodePorts", [](service& s) {
             s.spec.type = "NodePort";
             s.spec.ports[0].name = "a";
             s.spec.ports[0].node_port = 30080;
             s.spec.ports.push_back(service_port{"b", "", std::nullopt, 81, {}, 30080});
         },
         {"spec.ports[1].nodePort: Duplicate value: 30080"}},
        {"type", [](service& s) { s.spec.type = "Internal"; },
         {"spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""}},
        {"sessionAffinity", [](service& s) { s.spec.session_affinity = "Sticky"; },
         {"spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""}},
        {"ClientIP timeout", [](service& s) {
             s.spec.session_affinity = "ClientIP";
             s.spec.session_affinity_config = session_affinity_config{100000};
         },
         {"spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 100000: must be greater than 0 and less than 86400"}},
        {"ExternalName without a name", [](service& s) {
             s.spec.type = "ExternalName";
             s.spec.ports.clear();
         },
         {"spec.externalName: Required value"}},
        {"ExternalName", [](service& s) {
             s.spec.type = "ExternalName";
             s.spec.external_name = "db.example.com.";
         },
         {}},
        {"clusterIP without clusterIPs", [](service& s) { s.spec.cluster_ip = "10.96.0.10"; },
         {"spec.clusterIPs: Required value"}},
        {"clusterIPs must match clusterIP", [](service& s) {
             s.spec.cluster_ip = "10.96.0.10";
             s.spec.cluster_ips = {"10.96.0.11"};
         },
         {"spec.clusterIPs: Invalid value: [\"10.96.0.11\"]: first value must match `clusterIP`"}},
        {"bad clusterIP", [](service& s) {
             s.spec.cluster_ip = "10.96.0";
             s.spec.cluster_ips = {"10.96.0"};
         },
         {"spec.clusterIPs[0]: Invalid value: \"10.96.0\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"}},
        {"two IPv4 clusterIPs", [](service& s) {
             s.spec.cluster_ip = "10.96.0.10";
             s.spec.cluster_ips = {"10.96.0.10", "10.96.0.11"};
         },
         {"spec.clusterIPs: Invalid value: [\"10.96.0.10\",\"10.96.0.11\"]: may specify no more than one IP for each IP family"}},
        {"family mismatch", [](service& s) {
             s.spec.cluster_ip = "10.96.0.10";
             s.spec.cluster_ips = {"10.96.0.10"};
             s.spec.ip_families = {"IPv6"};
             s.spec.ip_family_policy = "SingleStack";
         },
         {"spec.clusterIPs[0]: Invalid value: \"10.96.0.10\": expected an IPv6 value as indicated by `ipFamilies[0]`"}},
        {"headless LoadBalancer", [](service& s) {
             s.spec.type = "LoadBalancer";
             s.spec.cluster_ip = "None";
             s.spec.cluster_ips = {"None"};
         },
         {"spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for LoadBalancer services"}},
        {"externalTrafficPolicy on ClusterIP", [](service& s) { s.spec.external_traffic_policy = "Local"; },
         {"spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for externally-accessible services"}},
        {"externalTrafficPolicy value", [](service& s) {
             s.spec.type = "NodePort";
             s.spec.external_traffic_policy = "Nearest";
         },
         {"spec.externalTrafficPolicy: Unsupported value: \"Nearest\": supported values: \"Cluster\", \"Local\""}},
        {"externalIPs", [](service& s) { s.spec.external_ips = {"127.0.0.1", "203.0.113.7"}; },
         {"spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)"}},
        {"selector", [](service& s) { s.spec.selector["app"] = "web!"; },
         {"spec.selector: Invalid value: \"web!\": a valid label must be an empty string or consist of alphanumeric "
          "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
          "'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto s = base();
        r.before(s);
        set_defaults(s);
        CHECK(joined(v::validate(s)) == lines(r.want));
    }

    auto old_svc = base();
    old_svc.metadata.resource_version = "5";
    old_svc.spec.cluster_ip = "10.96.0.10";
    set_defaults(old_svc);
    prepare_service_for_create(old_svc);
    old_svc.spec.ip_families = {"IPv4"};
    old_svc.spec.ip_family_policy = "SingleStack";
    CHECK(joined(v::validate(old_svc)).empty());
    auto moved = old_svc;
    moved.spec.cluster_ip = "10.96.0.20";
    moved.spec.cluster_ips = {"10.96.0.20"};
    CHECK(joined(v::validate_update(moved, old_svc)) ==
          "spec.clusterIPs[0]: Invalid value: [\"10.96.0.20\"]: may not change once set\n");
    auto refamilied = old_svc;
    refamilied.spec.ip_families = {"IPv6"};
    CHECK(joined(v::validate_update(refamilied, old_svc)) ==
          "spec.ipFamilies[0]: Invalid value: [\"IPv6\"]: may not change once set\n"
          "spec.clusterIPs[0]: Invalid value: \"10.96.0.10\": expected an IPv6 value as indicated by `ipFamilies[0]`\n");
    auto retyped = old_svc;
    retyped.spec.type = "NodePort";
    set_defaults(retyped);
    CHECK(joined(v::validate_update(retyped, old_svc)).empty());

    auto status = old_svc;
    status.status.load_balancer.ingress.push_back(load_balancer_ingress{"203.0.113.9", ""});
    status.status.load_balancer.ingress.push_back(load_balancer_ingress{"", "10.0.0.1"});
    CHECK(joined(v::validate_status_update(status, old_svc)) ==
          "status.loadBalancer.ingress[1].hostname: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address\n");
}

TEST_CASE("node") {
    node n;
    n.metadata.name = "node-1";
    n.status.capacity["cpu"] = quantity::must_parse("4");
    n.status.capacity["pods"] = quantity::must_parse("110");
    set_defaults(n);
    CHECK(joined(v::validate(n)).empty());

    auto bad = n;
    bad.metadata.name = "Node_1";
    bad.spec.taints.push_back(taint{"dedicated", "gpu", "", std::nullopt});
    bad.spec.taints.push_back(taint{"dedicated", "cpu", "NoSchedule", std::nullopt});
    bad.spec.taints.push_back(taint{"dedicated", "x", "NoSchedule", std::nullopt});
    bad.status.capacity["pods"] = quantity::must_parse("1500m");
    bad.spec.pod_cidrs = {"10.244.1.0/24", "10.244.2.0/24"};
    CHECK(joined(v::validate(bad)) ==
          lines({"metadata.name: Invalid value: \"Node_1\": " + subdomain_msg,
                  "metadata.taints[0].effect: Required value",
                  "metadata.taints[2]: Duplicate value: {\"Key\":\"dedicated\",\"Value\":\"x\",\"Effect\":\"NoSchedule\",\"TimeAdded\":null}: "
                  "taints must be unique by key and effect pair",
                  "status.capacity.pods: Invalid value: \"1500m\": must be an integer",
                  "spec.podCIDRs: Invalid value: [\"10.244.1.0/24\",\"10.244.2.0/24\"]: may specify no more than one CIDR for each IP family"}));

    auto old_node = n;
    old_node.metadata.resource_version = "1";
    old_node.spec.pod_cidr = "10.244.1.0/24";
    old_node.spec.provider_id = "kubesim://node-1";
    auto upd = old_node;
    upd.spec.unschedulable = true;
    upd.spec.taints.push_back(taint{"node.kubernetes.io/unschedulable", "", "NoSchedule", std::nullopt});
    CHECK(joined(v::validate_update(upd, old_node)).empty());
    upd.spec.pod_cidr = "10.244.9.0/24";
    upd.spec.provider_id = "other";
    upd.status.addresses = {node_address{"InternalIP", "10.0.0.1"}, node_address{"InternalIP", "10.0.0.1"}};
    CHECK(joined(v::validate_update(upd, old_node)) ==
          lines({"status.addresses[1]: Duplicate value: {\"Type\":\"InternalIP\",\"Address\":\"10.0.0.1\"}",
                  "spec.podCIDRs: Forbidden: node updates may not change podCIDR except from \"\" to valid",
                  "spec.providerID: Forbidden: node updates may not change providerID except from \"\" to valid"}));
}

TEST_CASE("namespace") {
    namespace_ ns;
    ns.metadata.name = "team-a";
    set_defaults(ns);
    prepare_namespace_for_create(ns);
    CHECK(joined(v::validate(ns)).empty());
    auto bad = ns;
    bad.spec.finalizers.push_back("cleanup");
    CHECK(joined(v::validate(bad)) ==
          "spec.finalizers: Invalid value: \"cleanup\": name is neither a standard finalizer name nor is it fully qualified\n");

    auto old_ns = ns;
    old_ns.metadata.resource_version = "4";
    auto st = old_ns;
    st.status.phase = "Terminating";
    CHECK(joined(v::validate_status_update(st, old_ns)) ==
          "status.Phase: Invalid value: \"Terminating\": may only be 'Active' if `deletionTimestamp` is empty\n");
    old_ns.metadata.deletion_timestamp = kubesim::sim::time_point{};
    auto deleting = old_ns;
    CHECK(joined(v::validate_status_update(deleting, old_ns)) ==
          "status.Phase: Invalid value: \"Active\": may only be 'Terminating' if `deletionTimestamp` is not empty\n");
    deleting.status.phase = "Terminating";
    CHECK(joined(v::validate_status_update(deleting, old_ns)).empty());
    auto finalized = deleting;
    finalized.spec.finalizers.clear();
    CHECK(joined(v::validate_finalize_update(finalized, old_ns)).empty());
}

TEST_CASE("config map and secret") {
    config_map cm;
    cm.metadata.name = "settings";
    cm.metadata.namespace_ = "default";
    cm.data["ok.key"] = "1";
    cm.data["bad key"] = "2";
    cm.binary_data["ok.key"] = "3";
    CHECK(joined(v::validate(cm)) ==
          lines({"data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric "
                  "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                  "validation is '[-._a-zA-Z0-9]+')",
                  "data[ok.key]: Invalid value: \"ok.key\": duplicate of key present in binaryData"}));
    config_map big;
    big.metadata = cm.metadata;
    big.data["a"] = std::string(1024 * 1024 + 1, 'x');
    CHECK(joined(v::validate(big)) == ": Too long: may not be more than 1048576 bytes\n");

    config_map frozen;
    frozen.metadata = cm.metadata;
    frozen.metadata.resource_version = "2";
    frozen.immutable = true;
    frozen.data["k"] = "v";
    auto thawed = frozen;
    thawed.immutable = false;
    thawed.data["k"] = "w";
    CHECK(joined(v::validate_update(thawed, frozen)) ==
          lines({"immutable: Forbidden: field is immutable when `immutable` is set",
                  "data: Forbidden: field is immutable when `immutable` is set"}));

    secret s;
    s.metadata.name = "tls";
    s.metadata.namespace_ = "default";
    s.type = "kubernetes.io/tls";
    s.string_data["tls.crt"] = "cert";
    CHECK(joined(v::validate(s)) == "data[tls.key]: Required value\n");
    auto old_secret = s;
    old_secret.metadata.resource_version = "1";
    old_secret.data["tls.key"] = "key";
    auto retyped = old_secret;
    retyped.type = "Opaque";
    CHECK(joined(v::validate_update(retyped, old_secret)) == "type: Invalid value: \"Opaque\": field is immutable\n");
}

TEST_CASE("event (core/v1 rules)") {
    event e;
    e.metadata.name = "web.17a";
    e.metadata.namespace_ = "default";
    e.involved_object.kind = "Pod";
    e.involved_object.namespace_ = "default";
    e.reason = "Scheduled";
    CHECK(joined(v::validate(e)).empty());
    auto other_ns = e;
    other_ns.involved_object.namespace_ = "kube-system";
    CHECK(joined(v::validate(other_ns)) ==
          "involvedObject.namespace: Invalid value: \"kube-system\": does not match event.namespace\n");
    auto series = e;
    series.event_time = kubesim::sim::time_point{};
    series.reason.clear();
    CHECK(joined(v::validate(series)) == lines({"reportingComponent: Required value",
                                                 "reportingComponent: Invalid value: \"\": name part must be non-empty",
                                                 "reportingComponent: Invalid value: \"\": " + name_part_msg,
                                                 "reportingInstance: Required value", "action: Required value",
                                                 "reason: Required value"}));
    series.reporting_component = "kubesim.io/scheduler";
    series.reporting_instance = "scheduler-1";
    series.action = "Binding";
    series.reason = "Scheduled";
    CHECK(joined(v::validate(series)).empty());
}

TEST_CASE("endpoint slice") {
    endpoint_slice es;
    es.metadata.name = "web-abc12";
    es.metadata.namespace_ = "default";
    es.address_type = "IPv4";
    endpoint ep;
    ep.addresses = {"10.244.1.5"};
    ep.node_name = "node-1";
    es.endpoints.push_back(ep);
    es.ports.push_back(endpoint_port{std::string("http"), std::nullopt, 8080, std::nullopt});
    set_defaults(es);
    CHECK(joined(v::validate(es)).empty());

    auto bad = es;
    bad.endpoints.push_back(endpoint{});
    bad.endpoints.push_back(endpoint{});
    bad.endpoints[2].addresses = {"fd00::1", "127.0.0.1"};
    bad.endpoints[2].hostname = "Web";
    bad.ports.push_back(endpoint_port{std::string("http"), std::string("HTTP"), 80, std::nullopt});
    CHECK(joined(v::validate(bad)) ==
          lines({"endpoints[1].addresses: Required value: must contain at least 1 address",
                  "endpoints[2].addresses[0]: Invalid value: \"fd00::1\": must be a valid IPv4 address",
                  "endpoints[2].addresses[1]: Invalid value: \"127.0.0.1\": may not be in the loopback range (127.0.0.0/8, ::1/128)",
                  "endpoints[2].hostname: Invalid value: \"Web\": " + label_msg,
                  "ports[1].name: Duplicate value: \"http\"",
                  "ports[1].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\""}));

    auto fqdn = es;
    fqdn.address_type = "FQDN";
    fqdn.endpoints[0].addresses = {"db.example.com", "localhost"};
    CHECK(joined(v::validate(fqdn)) ==
          "endpoints[0].addresses[1]: Invalid value: \"localhost\": should be a domain with at least two segments separated by dots\n");

    auto typed = es;
    typed.address_type = "IP";
    CHECK(joined(v::validate(typed)) == "addressType: Unsupported value: \"IP\": supported values: \"FQDN\", \"IPv4\", \"IPv6\"\n");

    auto old_es = es;
    old_es.metadata.resource_version = "9";
    auto v6 = old_es;
    v6.address_type = "IPv6";
    v6.endpoints[0].addresses = {"fd00::5"};
    CHECK(joined(v::validate_update(v6, old_es)) == "addressType: Invalid value: \"IPv6\": field is immutable\n");

    auto many = es;
    many.endpoints.assign(1001, ep);
    CHECK(joined(v::validate(many)) == "endpoints: Too many: 1001: must have at most 1000 items\n");
}

}  // TEST_SUITE
