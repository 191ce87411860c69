// rest_api without sockets: what kube-apiserver answers for each kind of request.
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>
#include <kubesim/server/rest.hpp>

#include <chrono>
#include <string>

#include "protobuf_support.hpp"

using namespace std::chrono_literals;
using nlohmann::json;
namespace server = kubesim::server;

namespace {

struct fixture {
    kubesim::cluster c;
    server::rest_api api{c};
    fixture() { c.init(); }

    server::response call(std::string method, std::string target, std::string body = {},
                          std::string content_type = "application/json", std::string accept = "application/json") {
        server::request r;
        r.method = std::move(method);
        r.target = std::move(target);
        r.body = std::move(body);
        r.content_type = std::move(content_type);
        r.accept = std::move(accept);
        r.user_agent = "kubectl/v1.33.1 (linux/amd64) kubernetes/8adc0f0";
        auto out = api.handle(r);
        c.engine().run_due();
        return out;
    }
    json get(std::string target, int want = 200, std::string accept = "application/json") {
        auto r = call("GET", std::move(target), {}, "application/json", std::move(accept));
        CHECK(r.status == want);
        return json::parse(r.body);
    }
};

constexpr const char* pod_json =
    R"({"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},)"
    R"("spec":{"containers":[{"name":"main","image":"busybox:1.36","command":["sleep","3600"]}]}})";

}  // namespace

TEST_SUITE("server/rest") {
    TEST_CASE("version reports the cluster's Kubernetes version, minor first for the kubectl dispatcher") {
        fixture f;
        auto v = f.get("/version?timeout=5s");
        CHECK(v["major"] == "1");
        CHECK(v["minor"] == "33");
        CHECK(v["gitVersion"] == "v1.33.0");
        auto h = f.call("GET", "/healthz");
        CHECK(h.status == 200);
        CHECK(h.body == "ok");
    }

    TEST_CASE("discovery: aggregated v2 with its exact content type, v2beta1 for 1.27, legacy otherwise") {
        fixture f;
        auto r = f.call("GET", "/api?timeout=32s", {}, "",
                        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;"
                        "g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        CHECK(r.content_type == "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        auto j = json::parse(r.body);
        CHECK(j["apiVersion"] == "apidiscovery.k8s.io/v2");
        REQUIRE(j["items"].size() == 1);
        CHECK(j["items"][0]["metadata"]["name"] == "");
        bool pods = false;
        for (const auto& res : j["items"][0]["versions"][0]["resources"])
            if (res["resource"] == "pods") {
                pods = true;
                CHECK(res["shortNames"] == json::array({"po"}));
                CHECK(res["categories"] == json::array({"all"}));
                CHECK(res["scope"] == "Namespaced");
            }
        CHECK(pods);
        auto beta = f.call("GET", "/apis", {}, "",
                           "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json");
        CHECK(beta.content_type == "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList");
        auto groups = json::parse(beta.body);
        std::vector<std::string> names;
        for (const auto& g : groups["items"]) names.push_back(g["metadata"]["name"]);
        CHECK(names == std::vector<std::string>{"apps", "coordination.k8s.io", "discovery.k8s.io"});

        auto legacy = f.get("/api");
        CHECK(legacy["kind"] == "APIVersions");
        auto list = f.get("/apis/apps/v1");
        CHECK(list["kind"] == "APIResourceList");
        bool scale = false;
        for (const auto& res : list["resources"])
            if (res["name"] == "deployments/scale") scale = res["kind"] == "Scale" && res["group"] == "autoscaling";
        CHECK(scale);
    }

    TEST_CASE("unknown paths and missing objects are Status objects with the apiserver's words") {
        fixture f;
        auto nf = f.get("/apis/nope/v1/things", 404);
        CHECK(nf["kind"] == "Status");
        CHECK(nf["message"] == "the server could not find the requested resource");
        CHECK(nf["reason"] == "NotFound");
        auto p = f.get("/api/v1/namespaces/default/pods/x", 404);
        CHECK(p["message"] == "pods \"x\" not found");
        CHECK(p["details"]["name"] == "x");
        CHECK(p["details"]["kind"] == "pods");
    }

    TEST_CASE("create, get, list with selectors and pages, update, delete") {
        fixture f;
        auto r = f.call("POST", "/api/v1/namespaces/default/pods?fieldManager=kubectl-create", pod_json);
        REQUIRE(r.status == 201);
        auto created = json::parse(r.body);
        CHECK(created["metadata"]["uid"].is_string());
        CHECK(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 409);
        for (const char* n : {"a", "b", "c"}) {
            auto m = json::parse(pod_json);
            m["metadata"]["name"] = n;
            m["metadata"]["labels"]["app"] = "other";
            CHECK(f.call("POST", "/api/v1/namespaces/default/pods", m.dump()).status == 201);
        }
        auto sel = f.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dother");
        CHECK(sel["kind"] == "PodList");
        CHECK(sel["items"].size() == 3);
        auto page = f.get("/api/v1/namespaces/default/pods?limit=2");
        REQUIRE(page["items"].size() == 2);
        CHECK(page["metadata"]["remainingItemCount"] == 2);
        const std::string cont = page["metadata"]["continue"];
        auto rest = f.get("/api/v1/namespaces/default/pods?limit=2&continue=" + cont);
        REQUIRE(rest["items"].size() == 2);
        CHECK(rest["items"][0]["metadata"]["name"] == "c");
        CHECK(rest["items"][1]["metadata"]["name"] == "web");
        CHECK_FALSE(rest["metadata"].contains("continue"));
        // With a selector, pages hold matches only and upstream gives no count.
        auto first = f.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dother&limit=2");
        REQUIRE(first["items"].size() == 2);
        CHECK(first["items"][1]["metadata"]["name"] == "b");
        CHECK_FALSE(first["metadata"].contains("remainingItemCount"));
        const std::string next = first["metadata"]["continue"];
        auto last = f.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dother&limit=2&continue=" + next);
        REQUIRE(last["items"].size() == 1);
        CHECK(last["items"][0]["metadata"]["name"] == "c");
        CHECK_FALSE(last["metadata"].contains("continue"));
        auto by_field = f.get("/api/v1/namespaces/default/pods?fieldSelector=metadata.name%21%3Da&limit=1");
        REQUIRE(by_field["items"].size() == 1);
        CHECK(by_field["items"][0]["metadata"]["name"] == "b");
        auto all = f.get("/api/v1/pods");
        CHECK(all["items"].size() == 4);
        auto bad = f.get("/api/v1/namespaces/default/pods?labelSelector=%3D%3D", 400);
        CHECK(bad["reason"] == "BadRequest");

        auto cur = f.get("/api/v1/namespaces/default/pods/web");
        cur["metadata"]["labels"]["tier"] = "front";
        auto u = f.call("PUT", "/api/v1/namespaces/default/pods/web", cur.dump());
        CHECK(u.status == 200);
        CHECK(json::parse(u.body)["metadata"]["labels"]["tier"] == "front");
        auto stale = f.call("PUT", "/api/v1/namespaces/default/pods/web", cur.dump());
        CHECK(stale.status == 409);
        CHECK(json::parse(stale.body)["message"] ==
              "Operation cannot be fulfilled on pods \"web\": the object has been modified; please apply your changes "
              "to the latest version and try again");

        auto d = f.call("DELETE", "/api/v1/namespaces/default/pods/a", R"({"propagationPolicy":"Background"})");
        CHECK(d.status == 200);
        auto coll = f.call("DELETE", "/api/v1/namespaces/default/pods?labelSelector=app%3Dother");
        CHECK(coll.status == 200);
        CHECK(f.get("/api/v1/namespaces/default/pods?labelSelector=app%3Dother")["items"].empty());
    }

    TEST_CASE("a LIST after a write shows the write (list items are kept per stored snapshot)") {
        fixture f;
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        auto before = f.get("/api/v1/namespaces/default/pods");
        CHECK_FALSE(before["items"][0]["metadata"]["labels"].contains("tier"));
        CHECK(f.get("/api/v1/namespaces/default/pods") == before);  // the kept bytes, unchanged
        REQUIRE(f.call("PATCH", "/api/v1/namespaces/default/pods/web", R"({"metadata":{"labels":{"tier":"a"}}})",
                       "application/merge-patch+json")
                    .status == 200);
        auto after = f.get("/api/v1/namespaces/default/pods");
        CHECK(after["items"][0]["metadata"]["labels"]["tier"] == "a");
        CHECK(after["items"][0]["metadata"]["resourceVersion"] != before["items"][0]["metadata"]["resourceVersion"]);
        REQUIRE(f.call("DELETE", "/api/v1/namespaces/default/pods/web?gracePeriodSeconds=0").status == 200);
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        auto again = f.get("/api/v1/namespaces/default/pods");
        CHECK_FALSE(again["items"][0]["metadata"]["labels"].contains("tier"));
    }

    TEST_CASE("resourceVersion on create is a 500 with the bare message and no reason") {
        fixture f;
        auto m = json::parse(pod_json);
        m["metadata"]["resourceVersion"] = "5";
        auto r = f.call("POST", "/api/v1/namespaces/default/pods", m.dump());
        CHECK(r.status == 500);
        auto s = json::parse(r.body);
        CHECK(s["message"] == "resourceVersion should not be set on objects to be created");
        CHECK_FALSE(s.contains("reason"));
    }

    TEST_CASE("fieldValidation: Strict refuses unknown fields, Warn adds Warning headers, Ignore is silent") {
        fixture f;
        auto m = json::parse(pod_json);
        m["spec"]["foo"] = 1;
        auto strict = f.call("POST", "/api/v1/namespaces/default/pods?fieldValidation=Strict", m.dump());
        CHECK(strict.status == 400);
        CHECK(json::parse(strict.body)["message"] == "strict decoding error: unknown field \"spec.foo\"");
        CHECK(f.get("/api/v1/namespaces/default/pods")["items"].empty());
        auto warn = f.call("POST", "/api/v1/namespaces/default/pods?fieldValidation=Warn", m.dump());
        CHECK(warn.status == 201);
        REQUIRE(warn.headers.size() == 1);
        CHECK(warn.headers[0].first == "Warning");
        CHECK(warn.headers[0].second == "299 - \"unknown field \\\"spec.foo\\\"\"");
    }

    TEST_CASE("dryRun=All checks and answers without storing") {
        fixture f;
        auto r = f.call("POST", "/api/v1/namespaces/default/pods?dryRun=All", pod_json);
        CHECK(r.status == 201);
        CHECK(f.get("/api/v1/namespaces/default/pods")["items"].empty());
    }

    TEST_CASE("patch types: merge, strategic, JSON patch; unsupported types are 415") {
        fixture f;
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        auto m = f.call("PATCH", "/api/v1/namespaces/default/pods/web", R"({"metadata":{"labels":{"a":"1"}}})",
                        "application/merge-patch+json");
        CHECK(m.status == 200);
        auto s = f.call("PATCH", "/api/v1/namespaces/default/pods/web",
                        R"({"spec":{"containers":[{"name":"main","image":"busybox:1.35"}]}})",
                        "application/strategic-merge-patch+json");
        CHECK(s.status == 200);
        CHECK(json::parse(s.body)["spec"]["containers"][0]["image"] == "busybox:1.35");
        auto j = f.call("PATCH", "/api/v1/namespaces/default/pods/web",
                        R"([{"op":"add","path":"/metadata/labels/b","value":"2"}])", "application/json-patch+json");
        CHECK(j.status == 200);
        auto labels = json::parse(j.body)["metadata"]["labels"];
        CHECK(labels == json{{"a", "1"}, {"app", "web"}, {"b", "2"}});
        CHECK(f.call("PATCH", "/api/v1/namespaces/default/pods/web", "{}", "text/plain").status == 415);
    }

    TEST_CASE("server-side apply creates, records managedFields and reports conflicts") {
        fixture f;
        const std::string deploy =
            R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicas":2,)"
            R"("selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},)"
            R"("spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}})";
        auto a = f.call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web?fieldManager=kubectl&force=false",
                        deploy, "application/apply-patch+yaml");
        REQUIRE(a.status == 201);
        auto obj = json::parse(a.body);
        REQUIRE(obj["metadata"]["managedFields"].size() == 1);
        CHECK(obj["metadata"]["managedFields"][0]["manager"] == "kubectl");
        CHECK(obj["metadata"]["managedFields"][0]["operation"] == "Apply");
        auto scale = f.call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web/scale",
                            R"({"spec":{"replicas":3}})", "application/merge-patch+json");
        CHECK(scale.status == 200);
        CHECK(json::parse(scale.body)["spec"]["replicas"] == 3);
        auto other = json::parse(deploy);
        other["spec"]["replicas"] = 5;
        auto c = f.call("PATCH", "/apis/apps/v1/namespaces/default/deployments/web?fieldManager=other",
                        other.dump(), "application/apply-patch+yaml");
        CHECK(c.status == 409);
        CHECK(json::parse(c.body)["reason"] == "Conflict");
    }

    TEST_CASE("Table responses: the printers' columns, PartialObjectMetadata rows, resourceVersion") {
        fixture f;
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        const std::string accept =
            "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,"
            "application/json";
        auto t = f.get("/api/v1/namespaces/default/pods?limit=500", 200, accept);
        CHECK(t["kind"] == "Table");
        CHECK(t["metadata"]["resourceVersion"].is_string());
        CHECK(t["columnDefinitions"][0]["name"] == "Name");
        REQUIRE(t["rows"].size() == 1);
        CHECK(t["rows"][0]["cells"][0] == "web");
        CHECK(t["rows"][0]["object"]["kind"] == "PartialObjectMetadata");
        CHECK(t["rows"][0]["object"]["metadata"]["labels"]["app"] == "web");
        auto full = f.get("/api/v1/namespaces/default/pods?includeObject=Object", 200, accept);
        CHECK(full["rows"][0]["object"]["kind"] == "Pod");
    }

    TEST_CASE("watch streams events from a resourceVersion and ends with 410 Expired when it is too old") {
        fixture f;
        auto list = f.get("/api/v1/namespaces/default/pods");
        const std::string rv = list["metadata"]["resourceVersion"];
        auto w = f.call("GET", "/api/v1/namespaces/default/pods?watch=true&resourceVersion=" + rv);
        REQUIRE(w.stream);
        CHECK(f.api.open_streams() == 1);
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        auto data = w.stream->take();
        auto ev = json::parse(data.substr(0, data.find('\n')));
        CHECK(ev["type"] == "ADDED");
        CHECK(ev["object"]["metadata"]["name"] == "web");
        w.stream.reset();
        CHECK(f.api.open_streams() == 0);

        kubesim::cluster small({.watch_history = 2});
        small.init();
        server::rest_api api(small);
        server::request r;
        r.method = "GET";
        r.target = "/api/v1/nodes?watch=true&resourceVersion=1";
        auto old = api.handle(r);
        small.engine().run_due();
        REQUIRE(old.stream);
        auto e = json::parse(old.stream->take());
        CHECK(e["type"] == "ERROR");
        CHECK(e["object"]["code"] == 410);
        CHECK(e["object"]["reason"] == "Expired");
        CHECK(old.stream->finished());
    }

    TEST_CASE("JSON out: the bytes of json::dump(), escapes and UTF-8 included; watchers share an event's line") {
        fixture f;
        const json data = {{"quoted", "say \"hi\"\\n"}, {"controls", std::string("a\nb\tc\x01\x1f\x7f\b\f\r")},
                           {"utf8", "caf\u00e9 \u2713"}, {"plain", "abc"}};
        auto make = [&](const std::string& name) {
            json cm = {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", data}};
            return f.call("POST", "/api/v1/namespaces/default/configmaps", cm.dump());
        };
        auto w1 = f.call("GET", "/api/v1/namespaces/default/configmaps?watch=true");
        auto w2 = f.call("GET", "/api/v1/namespaces/default/configmaps?watch=true");
        auto wt = f.call("GET", "/api/v1/namespaces/default/configmaps?watch=true", {}, "application/json",
                         "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        REQUIRE((w1.stream && w2.stream && wt.stream));
        auto created = make("tricky");
        REQUIRE(created.status == 201);
        CHECK(created.body == json::parse(created.body).dump());
        CHECK(json::parse(created.body)["data"] == data);
        REQUIRE(make("tricky-2").status == 201);
        auto got = f.call("GET", "/api/v1/namespaces/default/configmaps/tricky");
        CHECK(got.body == json::parse(got.body).dump());
        auto list = f.call("GET", "/api/v1/namespaces/default/configmaps?limit=1");
        CHECK(list.body == json::parse(list.body).dump());
        CHECK(json::parse(list.body)["metadata"].contains("continue"));
        const std::string a = w1.stream->take(), b = w2.stream->take(), t = wt.stream->take();
        CHECK(a == b);
        std::size_t lines = 0;
        for (std::size_t at = 0, nl; (nl = a.find('\n', at)) != std::string::npos; at = nl + 1, ++lines) {
            const std::string line = a.substr(at, nl - at);
            CHECK(line == json::parse(line).dump());
        }
        CHECK(lines == 2);
        // Table events are each watcher's own: columns in the first only.
        const auto first = json::parse(t.substr(0, t.find('\n')));
        const auto second = json::parse(t.substr(t.find('\n') + 1));
        CHECK(!first["object"]["columnDefinitions"].empty());
        CHECK(second["object"]["columnDefinitions"].empty());
    }

    TEST_CASE("pods/log: the container's output, tailLines") {
        fixture f;
        auto m = json::parse(pod_json);
        m["spec"]["containers"][0]["command"] = json::array({"sh", "-c", "echo one; echo two; echo three; sleep 3600"});
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", m.dump()).status == 201);
        f.c.run_for(5s);
        auto l = f.call("GET", "/api/v1/namespaces/default/pods/web/log?container=main");
        CHECK(l.status == 200);
        CHECK(l.body == "one\ntwo\nthree\n");
        CHECK(f.call("GET", "/api/v1/namespaces/default/pods/web/log?tailLines=2").body == "two\nthree\n");
        auto nf = f.call("GET", "/api/v1/namespaces/default/pods/nope/log");
        CHECK(nf.status == 404);
        // Each line carries the time it was written (RFC 3339, no trailing zeros).
        auto ts = f.call("GET", "/api/v1/namespaces/default/pods/web/log?timestamps=true&tailLines=1");
        CHECK(ts.body.size() > 6);
        CHECK(ts.body.find("Z three\n") != std::string::npos);
        CHECK(f.call("GET", "/api/v1/namespaces/default/pods/web/log?limitBytes=5").body == "one\nt");
        CHECK(f.call("GET", "/api/v1/namespaces/default/pods/web/log?sinceSeconds=1").body.empty());
        CHECK(f.call("GET", "/api/v1/namespaces/default/pods/web/log?sinceSeconds=3600").body == "one\ntwo\nthree\n");
    }

    TEST_CASE("pods/log follow streams what the container writes until it exits") {
        fixture f;
        auto m = json::parse(pod_json);
        m["spec"]["restartPolicy"] = "Never";
        m["spec"]["containers"][0]["command"] =
            json::array({"sh", "-c", "echo one; sleep 10; echo two; sleep 10; echo three"});
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", m.dump()).status == 201);
        f.c.run_for(5s);
        auto l = f.call("GET", "/api/v1/namespaces/default/pods/web/log?follow=true");
        REQUIRE(l.stream);
        CHECK(l.stream->take() == "one\n");
        CHECK_FALSE(l.stream->finished());
        f.c.run_for(10s);
        CHECK(l.stream->take() == "two\n");
        f.c.run_for(15s);
        CHECK(l.stream->take() == "three\n");
        CHECK(l.stream->finished());
    }

    TEST_CASE("pods/exec without a WebSocket upgrade (SPDY): the request's errors first, then a 400") {
        fixture f;
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        f.c.run_for(5s);
        const auto msg = [](const server::response& r) { return json::parse(r.body)["message"].get<std::string>(); };
        auto bad = f.call("POST", "/api/v1/namespaces/default/pods/web/exec?command=ls&container=nope&stdout=true");
        CHECK(bad.status == 400);
        CHECK(msg(bad) == "container nope is not valid for pod web");
        auto none = f.call("POST", "/api/v1/namespaces/default/pods/nope/exec?command=ls");
        CHECK(none.status == 404);
        CHECK(msg(none) == "pods \"nope\" not found");
        auto spdy = f.call("POST", "/api/v1/namespaces/default/pods/web/exec?command=ls&container=main&stdout=true");
        CHECK(spdy.status == 400);
        CHECK(msg(spdy) == "kubesim serves exec over WebSocket (v5.channel.k8s.io, kubectl 1.30 or later), not SPDY");
    }

    TEST_CASE("eviction deletes the pod gracefully (kubesim has no PodDisruptionBudgets)") {
        fixture f;
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        f.c.run_for(5s);
        auto e = f.call("POST", "/api/v1/namespaces/default/pods/web/eviction",
                        R"({"apiVersion":"policy/v1","kind":"Eviction","metadata":{"name":"web"}})");
        CHECK(e.status == 201);
        auto p = f.get("/api/v1/namespaces/default/pods/web");
        CHECK(p["metadata"].contains("deletionTimestamp"));
    }

    TEST_CASE("protobuf bodies (kubectl 1.32+ generators, protobuf clients) are read as their JSON would be") {
        fixture f;
        namespace pbs = protobuf_support;
        const std::string pb = "application/vnd.kubernetes.protobuf";
        const std::string q = "?fieldManager=kubectl-create&fieldValidation=Strict";
        auto ns = f.call("POST", "/api/v1/namespaces" + q, pbs::from_hex(pbs::namespace_team_a), pb);
        CHECK(ns.status == 201);
        CHECK(json::parse(ns.body)["metadata"]["name"] == "team-a");
        const std::string d2 = pbs::from_hex(pbs::deployment_d2);
        REQUIRE(f.call("POST", "/apis/apps/v1/namespaces/default/deployments" + q, d2, pb).status == 201);
        auto d = f.get("/apis/apps/v1/namespaces/default/deployments/d2");
        CHECK(d["metadata"]["labels"] == json{{"app", "d2"}});
        CHECK(d["spec"]["replicas"] == 1);
        CHECK(d["spec"]["selector"] == json::parse(R"({"matchLabels":{"app":"d2"}})"));
        CHECK(d["spec"]["template"]["spec"]["containers"][0]["image"] == "busybox:1.36");
        CHECK(f.call("POST", "/apis/apps/v1/namespaces/default/deployments" + q, d2, pb).status == 409);
        for (const auto& [path, hex] : {std::pair{"/api/v1/namespaces/default/configmaps", pbs::configmap_cm1},
                                        std::pair{"/api/v1/namespaces/default/services", pbs::service_s1},
                                        std::pair{"/api/v1/namespaces/default/secrets", pbs::secret_s2}})
            CHECK(f.call("POST", std::string(path) + q, pbs::from_hex(hex), pb).status == 201);
        CHECK(f.get("/api/v1/namespaces/default/secrets/s2")["data"]["a"] == "Yg==");
        CHECK(f.get("/api/v1/namespaces/default/services/s1")["spec"]["ports"][0]["targetPort"] == 8080);

        // The kind and a malformed body are refused as for JSON, in the apiserver's words.
        auto other = f.call("POST", "/api/v1/namespaces", pbs::from_hex(pbs::configmap_cm1), pb);
        CHECK(other.status == 400);
        CHECK(json::parse(other.body)["message"] ==
              "the kind in the data (ConfigMap) does not match the expected kind (Namespace)");
        auto bad = f.call("POST", "/api/v1/namespaces/default/configmaps", std::string("k8s\0\x0a\x8f", 6), pb);
        CHECK(bad.status == 400);
        CHECK(json::parse(bad.body)["message"] ==
              "the object provided is unrecognized (must be of type ConfigMap): unexpected EOF (6b3873000a8f)");
        auto cron = f.call("POST", "/api/v1/namespaces/default/configmaps",
                           pbs::envelope("batch/v1", "CronJob", pbs::bytes(1, pbs::bytes(1, "c"))), pb);
        CHECK(cron.status == 415);

        // PUT, and a DELETE whose DeleteOptions are protobuf.
        const std::string rv = f.get("/api/v1/namespaces/default/configmaps/cm1")["metadata"]["resourceVersion"];
        const std::string cm = pbs::bytes(1, pbs::bytes(1, "cm1") + pbs::bytes(6, rv)) + pbs::entry(2, "a", "c");
        auto put = f.call("PUT", "/api/v1/namespaces/default/configmaps/cm1", pbs::envelope("v1", "ConfigMap", cm), pb);
        CHECK(put.status == 200);
        CHECK(json::parse(put.body)["data"] == json{{"a", "c"}});
        const auto precondition = pbs::envelope("v1", "DeleteOptions", pbs::bytes(2, pbs::bytes(1, "not-its-uid")));
        CHECK(f.call("DELETE", "/api/v1/namespaces/default/configmaps/cm1", precondition, pb).status == 409);
        const auto now = pbs::envelope("v1", "DeleteOptions", pbs::num(1, 0));
        CHECK(f.call("DELETE", "/api/v1/namespaces/default/configmaps/cm1", now, pb).status == 200);
        f.get("/api/v1/namespaces/default/configmaps/cm1", 404);

        // The scale subresource and pods' eviction.
        auto sc = f.call("PUT", "/apis/apps/v1/namespaces/default/deployments/d2/scale",
                         pbs::envelope("autoscaling/v1", "Scale",
                                       pbs::bytes(1, pbs::bytes(1, "d2")) + pbs::bytes(2, pbs::num(1, 3))),
                         pb);
        CHECK(sc.status == 200);
        CHECK(f.get("/apis/apps/v1/namespaces/default/deployments/d2")["spec"]["replicas"] == 3);
        REQUIRE(f.call("POST", "/api/v1/namespaces/default/pods", pod_json).status == 201);
        f.c.run_for(5s);
        auto ev = f.call("POST", "/api/v1/namespaces/default/pods/web/eviction",
                         pbs::envelope("policy/v1", "Eviction", pbs::bytes(1, pbs::bytes(1, "web"))), pb);
        CHECK(ev.status == 201);
        CHECK(f.get("/api/v1/namespaces/default/pods/web")["metadata"].contains("deletionTimestamp"));
    }
}
