// Decode errors, asserted exactly. kube-apiserver answers a body that does not
// decode with 400 BadRequest and the message
//   <Kind> in version "<v>" cannot be handled as a <Kind>: <encoding/json error>
// (apiserver handlers/rest.go transformDecodeError); the encoding/json error names
// the Go struct that declares the field, the JSON path without indexes, and the
// Go type. Time, Quantity and []byte errors are their own packages' messages.
#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/all.hpp>

namespace {

using nlohmann::json;
namespace api = kubesim::api;

template <class Kind>
std::string message_of(const char* body) {
    auto r = api::json::decode<Kind>(json::parse(body));
    if (r.has_value()) return "<decoded>";
    CHECK(r.error().code == 400);
    CHECK(r.error().reason == "BadRequest");
    CHECK(r.error().status_ == "Failure");
    return r.error().message;
}

const std::string pod_prefix = R"(Pod in version "v1" cannot be handled as a Pod: )";
const std::string deploy_prefix = R"(Deployment in version "v1" cannot be handled as a Deployment: )";

}  // namespace

TEST_SUITE("api/json") {

TEST_CASE("errors: wrong JSON types name the Go struct, the path and the Go type") {
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","ports":[{"containerPort":"80"}]}]}})") ==
          pod_prefix + "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32");
    CHECK(message_of<api::pod>(R"({"metadata":{"name":true}})") ==
          pod_prefix + "json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.name of type string");
    CHECK(message_of<api::pod>(R"({"metadata":{"labels":{"app":1}}})") ==
          pod_prefix + "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string");
    CHECK(message_of<api::pod>(R"({"metadata":{"labels":["app"]}})") ==
          pod_prefix + "json: cannot unmarshal array into Go struct field ObjectMeta.metadata.labels of type map[string]string");
    CHECK(message_of<api::pod>(R"({"metadata":{"deletionGracePeriodSeconds":"30"}})") ==
          pod_prefix + "json: cannot unmarshal string into Go struct field ObjectMeta.metadata.deletionGracePeriodSeconds of type int64");
    CHECK(message_of<api::pod>(R"({"spec":"nginx"})") ==
          pod_prefix + "json: cannot unmarshal string into Go struct field Pod.spec of type v1.PodSpec");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":{"name":"c"}}})") ==
          pod_prefix + "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type []v1.Container");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":["nginx"]}})") ==
          pod_prefix + "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type v1.Container");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","command":["sleep",3600]}]}})") ==
          pod_prefix + "json: cannot unmarshal number into Go struct field Container.spec.containers.command of type string");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","ports":[{"containerPort":80,"protocol":6}]}]}})") ==
          pod_prefix + "json: cannot unmarshal number into Go struct field ContainerPort.spec.containers.ports.protocol of type v1.Protocol");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","env":[{"name":"A","valueFrom":"x"}]}]}})") ==
          pod_prefix + "json: cannot unmarshal string into Go struct field EnvVar.spec.containers.env.valueFrom of type v1.EnvVarSource");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","livenessProbe":[]}]}})") ==
          pod_prefix + "json: cannot unmarshal array into Go struct field Container.spec.containers.livenessProbe of type v1.Probe");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","livenessProbe":{"httpGet":{"port":true}}}]}})") ==
          pod_prefix + "json: cannot unmarshal bool into Go struct field HTTPGetAction.spec.containers.livenessProbe.httpGet.port of type int32");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","resources":{"limits":["cpu"]}}]}})") ==
          pod_prefix + "json: cannot unmarshal array into Go struct field ResourceRequirements.spec.containers.resources.limits of type v1.ResourceList");
    CHECK(message_of<api::pod>(
              R"({"spec":{"affinity":{"podAntiAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{}}}}})") ==
          pod_prefix +
              "json: cannot unmarshal object into Go struct field PodAntiAffinity.spec.affinity.podAntiAffinity."
              "requiredDuringSchedulingIgnoredDuringExecution of type []v1.PodAffinityTerm");
    CHECK(message_of<api::pod>(R"({"status":{"hostIPs":[1]}})") ==
          pod_prefix + "json: cannot unmarshal number into Go struct field PodStatus.status.hostIPs of type v1.HostIP");
    CHECK(message_of<api::pod>(R"({"status":{"containerStatuses":[{"name":"c","ready":"true"}]}})") ==
          pod_prefix + "json: cannot unmarshal string into Go struct field ContainerStatus.status.containerStatuses.ready of type bool");
    CHECK(message_of<api::namespace_>(R"({"spec":{"finalizers":[1]}})") ==
          R"(Namespace in version "v1" cannot be handled as a Namespace: )"
          "json: cannot unmarshal number into Go struct field NamespaceSpec.spec.finalizers of type v1.FinalizerName");
    CHECK(message_of<api::service>(R"({"spec":{"sessionAffinityConfig":{"clientIP":{"timeoutSeconds":"3h"}}}})") ==
          R"(Service in version "v1" cannot be handled as a Service: )"
          "json: cannot unmarshal string into Go struct field ClientIPConfig.spec.sessionAffinityConfig.clientIP.timeoutSeconds of type int32");
    CHECK(message_of<api::node>(R"({"status":{"daemonEndpoints":{"kubeletEndpoint":{"Port":"10250"}}}})") ==
          R"(Node in version "v1" cannot be handled as a Node: )"
          "json: cannot unmarshal string into Go struct field DaemonEndpoint.status.daemonEndpoints.kubeletEndpoint.Port of type int32");
    CHECK(message_of<api::deployment>(R"({"spec":{"template":{"spec":{"containers":[{"name":"c","image":5}]}}}})") ==
          deploy_prefix + "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.image of type string");
    CHECK(message_of<api::endpoint_slice>(R"({"endpoints":[{"addresses":"10.0.0.1"}]})") ==
          R"(EndpointSlice in version "v1" cannot be handled as a EndpointSlice: )"
          "json: cannot unmarshal string into Go struct field Endpoint.endpoints.addresses of type []string");
}

TEST_CASE("errors: numbers that are not int32 / int64") {
    CHECK(message_of<api::deployment>(R"({"spec":{"replicas":1.5}})") ==
          deploy_prefix + "json: cannot unmarshal number 1.5 into Go struct field DeploymentSpec.spec.replicas of type int32");
    CHECK(message_of<api::deployment>(R"({"spec":{"replicas":3000000000}})") ==
          deploy_prefix + "json: cannot unmarshal number 3000000000 into Go struct field DeploymentSpec.spec.replicas of type int32");
    CHECK(message_of<api::deployment>(R"({"spec":{"replicas":-2147483649}})") ==
          deploy_prefix + "json: cannot unmarshal number -2147483649 into Go struct field DeploymentSpec.spec.replicas of type int32");
    CHECK(message_of<api::deployment>(R"({"spec":{"strategy":{"rollingUpdate":{"maxSurge":1.5}}}})") ==
          deploy_prefix +
              "json: cannot unmarshal number 1.5 into Go struct field RollingUpdateDeployment.spec.strategy.rollingUpdate.maxSurge of type int32");
    CHECK(message_of<api::pod>(R"({"metadata":{"generation":18446744073709551615}})") ==
          pod_prefix + "json: cannot unmarshal number 18446744073709551615 into Go struct field ObjectMeta.metadata.generation of type int64");
    CHECK(message_of<api::service>(R"({"spec":{"ports":[{"port":80,"targetPort":true}]}})") ==
          R"(Service in version "v1" cannot be handled as a Service: )"
          "json: cannot unmarshal bool into Go struct field ServicePort.spec.ports.targetPort of type int32");
    // Within range they decode; -2147483648 is the smallest int32.
    CHECK(message_of<api::deployment>(R"({"spec":{"replicas":-2147483648}})") == "<decoded>");
}

TEST_CASE("errors: timestamps fail with time.Parse's message") {
    const std::string layout = R"("2006-01-02T15:04:05Z07:00")";
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"yesterday"}})") ==
          pod_prefix + R"(parsing time "yesterday" as )" + layout + R"(: cannot parse "yesterday" as "2006")");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":5}})") ==
          pod_prefix + "json: cannot unmarshal number into Go struct field ObjectMeta.metadata.creationTimestamp of type string");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"2025-13-01T00:00:00Z"}})") ==
          pod_prefix + R"(parsing time "2025-13-01T00:00:00Z": month out of range)");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"2025-02-29T00:00:00Z"}})") ==
          pod_prefix + R"(parsing time "2025-02-29T00:00:00Z": day out of range)");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"2024-02-29T00:00:00Z"}})") == "<decoded>");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"2025-01-01T24:00:00Z"}})") ==
          pod_prefix + R"(parsing time "2025-01-01T24:00:00Z": hour out of range)");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"2025-01-01 00:00:00Z"}})") ==
          pod_prefix + R"(parsing time "2025-01-01 00:00:00Z" as )" + layout + R"(: cannot parse " 00:00:00Z" as "T")");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"2025-01-01T00:00:00"}})") ==
          pod_prefix + R"(parsing time "2025-01-01T00:00:00" as )" + layout + R"(: cannot parse "" as "Z07:00")");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"2025-01-01T00:00:00Zjunk"}})") ==
          pod_prefix + R"(parsing time "2025-01-01T00:00:00Zjunk": extra text: "junk")");
    CHECK(message_of<api::pod>(R"({"metadata":{"creationTimestamp":"25-01-01T00:00:00Z"}})") ==
          pod_prefix + R"(parsing time "25-01-01T00:00:00Z" as )" + layout + R"(: cannot parse "25-01-01T00:00:00Z" as "2006")");
    // MicroTime wants exactly six fractional digits.
    CHECK(message_of<api::event>(R"({"eventTime":"2025-01-01T00:00:05Z"})") ==
          R"(Event in version "v1" cannot be handled as a Event: parsing time "2025-01-01T00:00:05Z" as )"
          R"("2006-01-02T15:04:05.000000Z07:00": cannot parse "Z" as ".000000")");
    CHECK(message_of<api::event>(R"({"eventTime":"2025-01-01T00:00:05.123456+02:00"})") == "<decoded>");

    // A bare time value has no kind prefix.
    CHECK_THROWS_WITH_AS(json("noon").get<api::time>(),
                         R"(parsing time "noon" as "2006-01-02T15:04:05Z07:00": cannot parse "noon" as "2006")",
                         kubesim::api_error);
}

TEST_CASE("errors: quantities and base64 data") {
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","resources":{"limits":{"cpu":"one"}}}]}})") ==
          pod_prefix + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    CHECK(message_of<api::pod>(R"({"spec":{"containers":[{"name":"c","resources":{"requests":{"memory":true}}}]}})") ==
          pod_prefix + "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");

    const std::string secret_prefix = R"(Secret in version "v1" cannot be handled as a Secret: )";
    CHECK(message_of<api::secret>(R"({"data":{"k":"czNjcjN0!"}})") == secret_prefix + "illegal base64 data at input byte 8");
    CHECK(message_of<api::secret>(R"({"data":{"k":"abc"}})") == secret_prefix + "illegal base64 data at input byte 0");
    CHECK(message_of<api::secret>(R"({"data":{"k":"ab=c"}})") == secret_prefix + "illegal base64 data at input byte 2");
    CHECK(message_of<api::secret>(R"({"data":{"k":"YQ==YQ=="}})") == secret_prefix + "illegal base64 data at input byte 4");
    CHECK(message_of<api::secret>(R"({"data":{"k":"a==="}})") == secret_prefix + "illegal base64 data at input byte 1");
    CHECK(message_of<api::secret>(R"({"data":{"k":7}})") ==
          secret_prefix + "json: cannot unmarshal number into Go struct field Secret.data of type []uint8");
    CHECK(message_of<api::config_map>(R"({"binaryData":"x"})") ==
          R"(ConfigMap in version "v1" cannot be handled as a ConfigMap: )"
          "json: cannot unmarshal string into Go struct field ConfigMap.binaryData of type map[string][]uint8");
}

TEST_CASE("errors: the envelope (not an object, apiVersion / kind types, another kind)") {
    CHECK(message_of<api::pod>("[]") ==
          "the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: "
          "json: cannot unmarshal array into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
          "Kind string \"json:\\\"kind,omitempty\\\"\" } (5b5d)");
    CHECK(message_of<api::pod>(R"({"apiVersion":"v1","kind":5})") ==
          "the object provided is unrecognized (must be of type Pod): couldn't get version/kind; json parse error: "
          R"(json: cannot unmarshal number into Go struct field .kind of type string ({"apiVersion":"v1","kind":5}))");
    CHECK(message_of<api::pod>(R"({"apiVersion":"a/b/c","metadata":{"name":"a-long-name"}})") ==
          R"(the object provided is unrecognized (must be of type Pod): unexpected GroupVersion string: a/b/c ({"apiVersion":"a/b/c","metadat ...))");
    // The message names the kind and version the body claims ("a", even before a vowel).
    CHECK(message_of<api::pod>(R"({"apiVersion":"apps/v1","kind":"Deployment","spec":{"containers":"3"}})") ==
          R"(Deployment in version "v1" cannot be handled as a Pod: )"
          "json: cannot unmarshal string into Go struct field PodSpec.spec.containers of type []v1.Container");
    // null decodes to an empty object, as json.Unmarshal into a typed struct does.
    CHECK(message_of<api::pod>("null") == "<decoded>");
}

TEST_CASE("errors: from_json throws api_error; sub-structs have no kind prefix") {
    const json bad = json::parse(R"({"name":"c","ports":[{"containerPort":"80"}]})");
    try {
        (void)bad.get<api::container>();
        FAIL("no exception");
    } catch (const kubesim::api_error& e) {
        CHECK(std::string(e.what()) ==
              "json: cannot unmarshal string into Go struct field ContainerPort.ports.containerPort of type int32");
        CHECK(e.status().code == 400);
        CHECK(e.status().reason == "BadRequest");
    }
    CHECK_THROWS_WITH_AS(json::parse(R"("web")").get<api::container>(),
                         "json: cannot unmarshal string into Go value of type v1.Container", std::runtime_error);
    CHECK_THROWS_WITH_AS(json::parse(R"({"spec":{"paused":1}})").get<api::deployment>(),
                         (deploy_prefix + "json: cannot unmarshal number into Go struct field DeploymentSpec.spec.paused of type bool").c_str(),
                         kubesim::api_error);
    CHECK_THROWS_WITH_AS(json(1.5).get<api::int_or_string>(), "json: cannot unmarshal number 1.5 into Go value of type int32",
                         kubesim::api_error);
    CHECK_THROWS_WITH_AS(json::parse(R"({"code":"404"})").get<api::status>(),
                         R"(Status in version "v1" cannot be handled as a Status: json: cannot unmarshal string into Go struct field Status.code of type int32)",
                         kubesim::api_error);
}

}  // TEST_SUITE
