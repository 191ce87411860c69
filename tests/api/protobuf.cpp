// api/json/protobuf.hpp: request bodies in Kubernetes' protobuf encoding. First
// the bytes kubectl 1.33 sent for its generator commands, which must decode to
// the JSON kubectl 1.31 sends for the same commands (less `creationTimestamp:
// null` and the fields kubesim does not read); then hand-built messages for the
// special types and Go's JSON rules; then malformed bodies, refused with the
// apiserver's words and never a crash.
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/protobuf.hpp>
#include <kubesim/api/kinds.hpp>

#include "protobuf_support.hpp"

namespace {

using nlohmann::json;
namespace api = kubesim::api;
namespace pbs = protobuf_support;
using api::json::decode_protobuf;

json decoded(std::string_view body, std::string_view api_version = {}, std::string_view kind = {}) {
    auto r = decode_protobuf(body, api_version, kind);
    REQUIRE_MESSAGE(r.has_value(), r.error().message);
    return *r;
}

json recorded(const char* hex) { return decoded(pbs::from_hex(hex)); }

api::status refused(std::string_view body, std::string_view api_version = "v1", std::string_view kind = "Namespace") {
    auto r = decode_protobuf(body, api_version, kind);
    REQUIRE_FALSE(r.has_value());
    return r.error();
}

// An object message inside a v1 Namespace envelope.
std::string namespace_with(std::string_view raw) { return pbs::envelope("v1", "Namespace", raw); }

std::string meta(std::string_view name) { return pbs::bytes(1, pbs::bytes(1, name)); }

}  // namespace

TEST_SUITE("api/json/protobuf") {
    TEST_CASE("kubectl 1.33's create bodies decode to the JSON kubectl 1.31 sends for them") {
        CHECK(recorded(pbs::namespace_team_a) ==
              json::parse(R"({"apiVersion":"v1","kind":"Namespace","metadata":{"name":"team-a"},"spec":{},
                              "status":{}})"));
        CHECK(recorded(pbs::configmap_cm1) ==
              json::parse(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1"},"data":{"a":"b"}})"));
        CHECK(recorded(pbs::deployment_d2) == json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
              "metadata":{"name":"d2","labels":{"app":"d2"}},
              "spec":{"replicas":1,"selector":{"matchLabels":{"app":"d2"}},
                      "template":{"metadata":{"labels":{"app":"d2"}},
                                  "spec":{"containers":[{"name":"busybox","image":"busybox:1.36","resources":{}}]}},
                      "strategy":{}},
              "status":{}})"));
        CHECK(recorded(pbs::service_s1) == json::parse(R"({"apiVersion":"v1","kind":"Service",
              "metadata":{"name":"s1","labels":{"app":"s1"}},
              "spec":{"ports":[{"name":"80-8080","protocol":"TCP","port":80,"targetPort":8080}],
                      "selector":{"app":"s1"},"type":"ClusterIP"},
              "status":{"loadBalancer":{}}})"));
        CHECK(recorded(pbs::secret_s2) ==
              json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s2"},"data":{"a":"Yg=="}})"));
        CHECK(recorded(pbs::deployment_d3) == json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
              "metadata":{"name":"d3","labels":{"app":"d3"}},
              "spec":{"replicas":3,"selector":{"matchLabels":{"app":"d3"}},
                      "template":{"metadata":{"labels":{"app":"d3"}},
                                  "spec":{"containers":[{"name":"busybox","image":"busybox:1.36",
                                                         "ports":[{"containerPort":8080}],"resources":{}}]}},
                      "strategy":{}},
              "status":{}})"));
        CHECK(recorded(pbs::service_s3) == json::parse(R"({"apiVersion":"v1","kind":"Service",
              "metadata":{"name":"s3","labels":{"app":"s3"}},
              "spec":{"ports":[{"name":"80-http","protocol":"TCP","port":80,"targetPort":"http"}],
                      "selector":{"app":"s3"},"type":"NodePort"},
              "status":{"loadBalancer":{}}})"));
        CHECK(recorded(pbs::configmap_cm2) == json::parse(R"({"apiVersion":"v1","kind":"ConfigMap",
              "metadata":{"name":"cm2"},"binaryData":{"bin.dat":"AAH//g=="}})"));
        // volumes, volumeMounts, hostPID and hostIPC are skipped: kubesim does not model them.
        CHECK(recorded(pbs::debug_pod) == json::parse(R"({"apiVersion":"v1","kind":"Pod",
              "metadata":{"name":"node-debugger-node-3-bkxzr"},
              "spec":{"containers":[{"name":"debugger","image":"busybox","command":["true"],"resources":{},
                                     "terminationMessagePolicy":"File"}],
                      "restartPolicy":"Never","nodeName":"node-3","hostNetwork":true,
                      "tolerations":[{"operator":"Exists"}]},
              "status":{}})"));
        // replicas is a pointer: 0 on the wire is 0 in JSON, not left out.
        CHECK(recorded(pbs::deployment_d4) == json::parse(R"({"apiVersion":"apps/v1","kind":"Deployment",
              "metadata":{"name":"d4","labels":{"app":"d4"}},
              "spec":{"replicas":0,"selector":{"matchLabels":{"app":"d4"}},
                      "template":{"metadata":{"labels":{"app":"d4"}},
                                  "spec":{"containers":[{"name":"busybox","image":"busybox:1.36","resources":{}},
                                                        {"name":"nginx","image":"nginx:1.27","resources":{}}]}},
                      "strategy":{}},
              "status":{}})"));
    }

    TEST_CASE("the decoded JSON is what the kinds' codecs read") {
        auto d = api::json::decode<api::deployment>(recorded(pbs::deployment_d2));
        REQUIRE(d.has_value());
        CHECK(d->metadata.name == "d2");
        CHECK(d->spec.replicas == 1);
        REQUIRE(d->spec.selector.has_value());
        CHECK(d->spec.selector->match_labels.at("app") == "d2");
        REQUIRE(d->spec.template_.spec.containers.size() == 1);
        CHECK(d->spec.template_.spec.containers[0].image == "busybox:1.36");
        auto s = api::json::decode<api::secret>(recorded(pbs::secret_s2));
        REQUIRE(s.has_value());
        CHECK(s->data.at("a") == "b");
        auto svc = api::json::decode<api::service>(recorded(pbs::service_s3));
        REQUIRE(svc.has_value());
        REQUIRE(svc->spec.ports.size() == 1);
        CHECK(svc->spec.ports[0].target_port.is_string);
        CHECK(svc->spec.ports[0].target_port.str_val == "http");
    }

    TEST_CASE("Time, MicroTime, IntOrString, Quantity, embedded structs, pointers and Go's omitempty") {
        using pbs::bytes;
        using pbs::entry;
        using pbs::num;
        // Time keeps seconds only (the apiserver drops the nanos); an empty Time
        // is the zero time, null, left out; a Time of 0 seconds is 1970.
        const std::string created = bytes(8, num(1, 1735689605) + num(2, 999));
        const std::string pod_meta = bytes(1, bytes(1, "p") + created + bytes(9, ""));
        const std::string probe = bytes(1, bytes(2, bytes(1, "/healthz") + bytes(2, num(1, 1) + bytes(3, "http")))) +
                                  num(4, 0) + num(7, 0);
        const std::string env =
            bytes(1, "A") + bytes(3, bytes(3, bytes(1, bytes(1, "cm")) + bytes(2, "k") + num(3, 0)));
        const std::string resources =
            entry(1, "cpu", bytes(1, "500m")) + bytes(2, bytes(1, "memory")) + entry(2, "memory", bytes(1, "64Mi"));
        const std::string container = bytes(1, "c") + bytes(6, num(3, 0)) + bytes(7, env) + bytes(8, resources) +
                                      bytes(10, probe) + num(16, 0) + bytes(24, "Always");
        const std::string spec = bytes(2, container) + num(11, 0) + num(21, 0) + num(4, -1);
        CHECK(decoded(pbs::envelope("v1", "Pod", pod_meta + bytes(2, spec))) == json::parse(R"({
            "apiVersion":"v1","kind":"Pod",
            "metadata":{"name":"p","creationTimestamp":"2025-01-01T00:00:05Z"},
            "spec":{"automountServiceAccountToken":false,"terminationGracePeriodSeconds":-1,
                    "containers":[{"name":"c","ports":[{"containerPort":0}],
                                   "env":[{"name":"A","valueFrom":{"configMapKeyRef":{"name":"cm","key":"k",
                                                                                      "optional":false}}}],
                                   "resources":{"limits":{"cpu":"500m"},"requests":{"memory":"64Mi"}},
                                   "livenessProbe":{"httpGet":{"path":"/healthz","port":"http"},
                                                    "terminationGracePeriodSeconds":0},
                                   "restartPolicy":"Always"}]},
            "status":{}})"));

        // MicroTime keeps microseconds; pointers to zero values are written.
        const std::string lease_spec = bytes(1, "") + num(2, 0) + bytes(3, num(1, 1735689600) + num(2, 123456789)) +
                                       bytes(4, num(1, 0)) + num(5, 0);
        CHECK(decoded(pbs::envelope("coordination.k8s.io/v1", "Lease", meta("node-1") + bytes(2, lease_spec))) ==
              json::parse(R"({"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"node-1"},
                  "spec":{"holderIdentity":"","leaseDurationSeconds":0,"acquireTime":"2025-01-01T00:00:00.123456Z",
                          "renewTime":"1970-01-01T00:00:00.000000Z","leaseTransitions":0}})"));

        // IntOrString: type 1 is the string, otherwise the number (0 included).
        const std::string rolling = bytes(1, num(1, 1) + bytes(3, "25%")) + bytes(2, num(2, 0));
        const std::string dspec = bytes(4, bytes(1, "RollingUpdate") + bytes(2, rolling)) + num(7, 1);
        CHECK(decoded(pbs::envelope("apps/v1", "Deployment", meta("d") + bytes(2, dspec)))["spec"] ==
              json::parse(R"({"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%",
                  "maxSurge":0}},"paused":true,"template":{"metadata":{},"spec":{}}})"));

        // Bytes are base64, empty ones too; strings that are not UTF-8 get U+FFFD
        // per bad byte, as encoding/json writes them.
        const std::string secret = meta("s") + entry(2, "empty", "") + entry(2, "bin", std::string("\x00\xff", 2)) +
                                   bytes(3, "Opaque") + entry(4, "text", "a\xff\xe2\x82z");
        CHECK(decoded(pbs::envelope("v1", "Secret", secret)) ==
              json::parse(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"},"type":"Opaque",
                  "data":{"empty":"","bin":"AP8="},"stringData":{"text":"a\ufffd\ufffd\ufffdz"}})"));
    }

    TEST_CASE("unknown fields of every wire type are skipped; repeated fields merge as Go's Unmarshal does") {
        using pbs::bytes;
        using pbs::num;
        using pbs::tag;
        const std::string fixed64 = tag(90, 1) + std::string(8, '\x01');
        const std::string fixed32 = tag(91, 5) + std::string(4, '\x02');
        const std::string group = tag(92, 3) + num(1, 5) + bytes(2, "x") + tag(3, 3) + tag(3, 4) + tag(92, 4);
        // a label entry with an extra field; the name set twice (the last wins);
        // the metadata message twice (merged); an unknown spec field.
        const std::string labels = bytes(11, bytes(1, "a") + num(7, 1) + bytes(2, "1"));
        const std::string raw = num(99, 12345) + fixed64 + bytes(1, bytes(1, "first") + labels) + fixed32 + group +
                                bytes(1, bytes(1, "second") + bytes(11, bytes(1, "b") + bytes(2, "2"))) +
                                bytes(2, bytes(1, "kubernetes") + bytes(77, "ignored")) + bytes(98, "skip me");
        CHECK(decoded(namespace_with(raw)) ==
              json::parse(R"({"apiVersion":"v1","kind":"Namespace",
                  "metadata":{"name":"second","labels":{"a":"1","b":"2"}},
                  "spec":{"finalizers":["kubernetes"]},"status":{}})"));
        // A string set and then emptied is left out (omitempty on the final value).
        CHECK(decoded(namespace_with(bytes(1, bytes(1, "x") + bytes(2, "gen-") + bytes(2, ""))))["metadata"] ==
              json::parse(R"({"name":"x"})"));
    }

    TEST_CASE("the envelope: the URL's type fills in a missing apiVersion or kind; kinds kubesim cannot read are 415") {
        using pbs::bytes;
        const std::string raw = meta("team-b");
        // No typeMeta at all.
        const std::string bare = std::string("k8s\0", 4) + bytes(2, raw);
        auto j = decoded(bare, "v1", "Namespace");
        CHECK(j["kind"] == "Namespace");
        CHECK(j["apiVersion"] == "v1");
        CHECK(j["metadata"]["name"] == "team-b");
        CHECK(decoded(pbs::envelope("", "Deployment", raw), "apps/v1", "Deployment")["apiVersion"] == "apps/v1");
        CHECK(decoded(pbs::envelope("apps/", "Deployment", raw), "apps/v1", "Deployment")["apiVersion"] == "apps/v1");
        // The kind on the wire wins over the URL's: the caller compares them.
        CHECK(decoded(pbs::envelope("v1", "ConfigMap", raw), "v1", "Namespace")["kind"] == "ConfigMap");

        auto no_kind = decode_protobuf(bare);
        REQUIRE_FALSE(no_kind.has_value());
        CHECK(no_kind.error().code == 400);
        CHECK(no_kind.error().message ==
              "the object provided is unrecognized: Object 'Kind' is missing in 'runtime.TypeMeta{APIVersion:\"\", "
              "Kind:\"\"}' (6b387300120a0a080a067465616d2d62)");
        auto no_version = decode_protobuf(pbs::envelope("", "Namespace", raw));
        REQUIRE_FALSE(no_version.has_value());
        CHECK(no_version.error().message ==
              "Namespace in version \"\" cannot be handled as a Namespace: Object 'apiVersion' is missing in "
              "'runtime.TypeMeta{APIVersion:\"\", Kind:\"Namespace\"}'");

        for (const auto& body :
             {pbs::envelope("batch/v1", "CronJob", raw), pbs::envelope("apps/v1beta1", "Deployment", raw)}) {
            auto r = refused(body, "apps/v1", "Deployment");
            CHECK(r.code == 415);
            CHECK(r.reason == "UnsupportedMediaType");
            CHECK(r.message == "the body of the request was in an unknown format - accepted media types include: "
                               "application/json, application/yaml");
        }
        // DeleteOptions come under any group version; Eviction and Scale under their own.
        auto del = decoded(pbs::envelope("apps/v1", "DeleteOptions",
                                         pbs::num(1, 0) + bytes(2, bytes(1, "uid-1")) + bytes(4, "Foreground") +
                                             bytes(5, "All")));
        CHECK(del == json::parse(R"({"apiVersion":"apps/v1","kind":"DeleteOptions","gracePeriodSeconds":0,
                                     "preconditions":{"uid":"uid-1"},"propagationPolicy":"Foreground",
                                     "dryRun":["All"]})"));
        const auto eviction = decoded(pbs::envelope("policy/v1", "Eviction", meta("web") + bytes(2, pbs::num(1, 30))));
        CHECK(eviction["deleteOptions"] == json::parse(R"({"gracePeriodSeconds":30})"));
        CHECK(decoded(pbs::envelope("autoscaling/v1", "Scale", meta("web") + bytes(2, pbs::num(1, 4))))["spec"] ==
              json::parse(R"({"replicas":4})"));
    }

    TEST_CASE("malformed bodies are 400 BadRequest with the apiserver's words") {
        using pbs::bytes;
        const auto message = [](std::string_view body) { return refused(body).message; };
        const std::string unrecognized = "the object provided is unrecognized (must be of type Namespace): ";
        const std::string cannot = "Namespace in version \"v1\" cannot be handled as a Namespace: ";

        CHECK(refused("").code == 400);
        CHECK(refused("").reason == "BadRequest");
        CHECK(message("") == unrecognized + "empty data (<empty>)");
        CHECK(message(R"({"kind":"Namespace"})") ==
              unrecognized + "provided data does not appear to be a protobuf message, expected prefix [107 56 115 0] "
                             "({\"kind\":\"Namespace\"})");
        CHECK(message("k8s") == unrecognized +
                                    "provided data does not appear to be a protobuf message, expected prefix "
                                    "[107 56 115 0] (6b3873)");
        CHECK(message(std::string("k8s\0", 4)) == unrecognized + "empty body (6b387300)");
        // The envelope: a truncated varint, a length past the end.
        CHECK(message(std::string("k8s\0\x0a\x8f", 6)) == unrecognized + "unexpected EOF (6b3873000a8f)");
        CHECK(message(std::string("k8s\0\x12\x05\x0a", 7)) == unrecognized + "unexpected EOF (6b38730012050a)");
        // A body longer than 30 bytes is shown by its first 30.
        const std::string long_body = std::string("k8s\0", 4) + bytes(3, std::string(40, 'a')) + "\x0a";
        std::string shown = "6b3873001a28";
        for (int i = 0; i < 24; ++i) shown += "61";
        CHECK(message(long_body) == unrecognized + "unexpected EOF (" + shown + " ...)");

        // The object's message.
        CHECK(message(namespace_with("\x0a\x05\x0a\x03""ab")) == cannot + "unexpected EOF");
        CHECK(message(namespace_with("\x0a\x04\x38\xff\xff\xff")) == cannot + "unexpected EOF");
        CHECK(message(namespace_with("\x0a\x0c\x38" + std::string(10, '\xff') + "\x01")) ==
              cannot + "proto: integer overflow");
        CHECK(message(namespace_with("\x0a" + std::string(9, '\xff') + "\x01")) ==
              cannot + "proto: negative length found during unmarshaling");
        CHECK(message(namespace_with("\x0a\x02\x08\x01")) == cannot + "proto: wrong wireType = 0 for field Name");
        CHECK(message(namespace_with("\x0a\x02\x28\x01")) == cannot + "proto: wrong wireType = 0 for field UID");
        CHECK(message(namespace_with("\x08\x01")) == cannot + "proto: wrong wireType = 0 for field ObjectMeta");
        CHECK(message(namespace_with(std::string("\x02\x00", 2))) ==
              cannot + "proto: Namespace: illegal tag 0 (wire type 2)");
        CHECK(message(namespace_with("\x0a\x01\x0c")) ==
              cannot + "proto: ObjectMeta: wiretype end group for non-group");
        CHECK(message(namespace_with("\x7e\x01")) == cannot + "proto: illegal wireType 6");
        CHECK(message(namespace_with("\x0a\x06\x5a\x04\x1c\x0a\x01\x61")) ==
              cannot + "proto: unexpected end of group");
        CHECK(message(namespace_with("\xf9\x06\x01\x02")) == cannot + "unexpected EOF");  // fixed64 cut short
        // A quantity is parsed as its Unmarshal parses it.
        const std::string lots = bytes(8, pbs::entry(1, "cpu", bytes(1, "lots")));
        const std::string bad_cpu = bytes(2, bytes(2, bytes(1, "c") + lots));
        auto q = refused(pbs::envelope("v1", "Pod", bad_cpu), "v1", "Pod");
        CHECK(q.code == 400);
        CHECK(q.message.rfind("Pod in version \"v1\" cannot be handled as a Pod: quantities must match", 0) == 0);
    }

    TEST_CASE("every truncation and byte flip of the recorded bodies is a value or a Status, never a crash") {
        for (const char* hex : {pbs::namespace_team_a, pbs::configmap_cm1, pbs::deployment_d2, pbs::service_s1,
                                pbs::secret_s2, pbs::deployment_d3, pbs::service_s3, pbs::configmap_cm2, pbs::debug_pod,
                                pbs::deployment_d4}) {
            const std::string body = pbs::from_hex(hex);
            for (std::size_t n = 0; n < body.size(); ++n) {
                auto cut = decode_protobuf(std::string_view(body).substr(0, n), "v1", "Pod");
                if (!cut) CHECK((cut.error().code == 400 || cut.error().code == 415));
                for (unsigned char x : {0x01, 0x80, 0xff}) {
                    std::string flipped = body;
                    flipped[n] = static_cast<char>(static_cast<unsigned char>(flipped[n]) ^ x);
                    auto r = decode_protobuf(flipped, "v1", "Pod");
                    if (r) CHECK(r->dump().size() > 0);
                    else CHECK((r.error().code == 400 || r.error().code == 415));
                }
            }
        }
    }
}
