// Strings that are not UTF-8 reach cluster.apply (a JSON document built in C++,
// manifest text) and kubectl: they read as the API server reads them, each
// stray byte a U+FFFD, and nothing lets a JSON library's exception out.
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <string>

#include <kubesim/kubectl/apply.hpp>
#include <kubesim/kubectl/yaml.hpp>

using nlohmann::json;

namespace {

const std::string fffd = "\xEF\xBF\xBD";

// The status of what apply throws, and a check that nothing was stored.
kubesim::api::status refused(kubesim::cluster& c, const json& manifests) {
    const auto rv = c.store().resource_version();
    try {
        c.apply(manifests);
    } catch (const kubesim::api_error& e) {
        CHECK(c.store().resource_version() == rv);
        return e.status();
    }
    FAIL("applied: " << manifests.dump(-1, ' ', false, json::error_handler_t::replace));
    return {};
}

json config_map(const std::string& name, json data) {
    return {{"apiVersion", "v1"}, {"kind", "ConfigMap"}, {"metadata", {{"name", name}}}, {"data", std::move(data)}};
}

}  // namespace

TEST_SUITE("kubectl/utf8") {
    TEST_CASE("a value that is not UTF-8 is stored with U+FFFD") {
        kubesim::cluster c;
        c.init();
        auto out = c.apply(config_map("cm", {{"k", "a\xFF" "b"}, {"t", "\xE2\x82"}}));
        REQUIRE(out.size() == 1);
        CHECK(out[0]["data"]["k"] == "a" + fffd + "b");
        CHECK(out[0]["data"]["t"] == fffd + fffd);
        // The stored object and everything printed from it are valid UTF-8.
        auto cm = c.client<kubesim::api::config_map>().get("cm").value();
        CHECK(cm.data.at("k") == "a" + fffd + "b");
        auto r = c.kubectl("get configmap cm -o json");
        CHECK(r.exit_code == 0);
        CHECK(json::parse(r.out)["data"]["k"] == "a" + fffd + "b");
        // The last applied manifest too (apply serialises it).
        const auto& la = out[0]["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"];
        CHECK(json::parse(la.get<std::string>())["data"]["k"] == "a" + fffd + "b");
        // A second apply of the same bytes changes nothing.
        const auto rv = c.store().resource_version();
        c.apply(config_map("cm", {{"k", "a\xFF" "b"}, {"t", "\xE2\x82"}}));
        CHECK(c.store().resource_version() == rv);
    }
    TEST_CASE("a kind, name or key that is not UTF-8 is refused in Kubernetes' words; nothing is stored") {
        kubesim::cluster c;
        c.init();
        json bad_kind = config_map("cm", {{"k", "v"}});
        bad_kind["kind"] = "Config\xFFMap";
        auto s = refused(c, bad_kind);
        CHECK(s.reason == "NotFound");
        CHECK(s.message == "no matches for kind \"Config" + fffd + "Map\" in version \"v1\"");

        s = refused(c, json::array({config_map("fine", {{"k", "v"}}), config_map("w\xFF" "b", {{"k", "v"}})}));
        CHECK(s.reason == "Invalid");
        CHECK(s.code == 422);
        CHECK(s.message.find("ConfigMap \"w" + fffd + "b\" is invalid: metadata.name: Invalid value: \"w" + fffd + "b\"") == 0);
        CHECK_FALSE(c.client<kubesim::api::config_map>().get("fine").has_value());  // the valid one neither

        s = refused(c, config_map("cm", {{"\xFF", "v"}}));
        CHECK(s.reason == "Invalid");
        CHECK(s.message.find("data[" + fffd + "]") != std::string::npos);
    }
    TEST_CASE("manifest text: bytes that are not UTF-8 and lone surrogate escapes read as U+FFFD") {
        kubesim::cluster c;
        c.init();
        auto out = c.apply(std::string_view(
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"t\"},"
            " \"data\": {\"a\": \"x\xFFy\", \"b\": \"\\ud800z\", \"c\": \"\\ud83d\\ude00\"}}"));
        REQUIRE(out.size() == 1);
        CHECK(out[0]["data"]["a"] == "x" + fffd + "y");
        CHECK(out[0]["data"]["b"] == fffd + "z");
        CHECK(out[0]["data"]["c"] == "\xF0\x9F\x98\x80");
        // A number past float64: Go's words, nothing stored.
        const auto rv = c.store().resource_version();
        try {
            c.apply(std::string_view(R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "n"}, "x": 1e400})"));
            FAIL("applied");
        } catch (const kubesim::api_error& e) {
            CHECK(e.status().reason == "BadRequest");
            CHECK(std::string(e.what()) ==
                  "couldn't get version/kind; json parse error: json: cannot unmarshal number 1e400 into Go value of type float64");
        }
        CHECK(c.store().resource_version() == rv);
    }
    TEST_CASE("YAML that is not UTF-8 is refused as go-yaml refuses it; a JSON stream reads with U+FFFD") {
        kubesim::cluster c;
        c.init();
        const auto rv = c.store().resource_version();
        const std::string ok = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: fine\n";
        const std::pair<std::string, std::string> cases[] = {
            {"data:\n  k: a\xFF" "b\n", "invalid leading UTF-8 octet"},
            {"data:\n  k: \xE2\x82", "incomplete UTF-8 octet sequence"},
            {"data:\n  k: \xE2\x82x\n", "invalid trailing UTF-8 octet"},
            {"data:\n  k: \xC0\x80\n", "invalid length of a UTF-8 sequence"},
            {"data:\n  k: \xED\xA0\x80\n", "invalid Unicode character"},
            {"data:\n  k: a\x7F" "b\n", "control characters are not allowed"},
        };
        for (const auto& tc : cases) {
            const std::string& doc = tc.first;
            const std::string& problem = tc.second;  // (a structured binding: clang 14 cannot capture it)
            CAPTURE(problem);
            try {
                c.apply_yaml(ok + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad\n" + doc);
                FAIL("applied");
            } catch (const kubesim::api_error& e) {
                CHECK(e.status().reason == "BadRequest");
                const std::string m = e.what(), tail = ": error converting YAML to JSON: yaml: " + problem;
                CHECK(m.rfind("YAML document 2, line ", 0) == 0);
                CHECK(m.size() > tail.size());
                CHECK(m.compare(m.size() - tail.size(), tail.size(), tail) == 0);
            }
        }
        CHECK(c.store().resource_version() == rv);
        auto out = c.apply_yaml("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"j\"},"
                                " \"data\": {\"k\": \"a\xFF" "b\", \"s\": \"\\udc00\"}}");
        REQUIRE(out.size() == 1);
        CHECK(out[0]["data"]["k"] == "a" + fffd + "b");
        CHECK(out[0]["data"]["s"] == fffd);
    }
    TEST_CASE("kubectl: words that are not UTF-8 reach the objects as U+FFFD") {
        kubesim::cluster c;
        c.init();
        auto r = c.kubectl("create configmap cm --from-literal=k=a\xFF" "b");
        CHECK(r.err == "");
        CHECK(r.exit_code == 0);
        CHECK(c.client<kubesim::api::config_map>().get("cm").value().data.at("k") == "a" + fffd + "b");
        r = c.kubectl("label configmap cm color=g\x93");
        CHECK(r.exit_code == 1);
        CHECK(r.err.find("InternalError") == std::string::npos);
        CHECK(r.err.find("\"g" + fffd + "\"") != std::string::npos);
        r = c.kubectl("annotate configmap cm note=\xE2\x82");
        CHECK(r.exit_code == 0);
        CHECK(c.client<kubesim::api::config_map>().get("cm").value().metadata.annotations.at("note") == fffd + fffd);
    }
    TEST_CASE("YAML escapes of NEL and no-break space read as their UTF-8") {
        auto docs = kubesim::kubectl::parse_yaml_stream("a: \"x\\Ny\\_z\"\n");
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].value["a"] == "x\xC2\x85y\xC2\xA0z");
        CHECK_NOTHROW((void)docs[0].value.dump());
    }
    TEST_CASE("!!binary bytes that are not UTF-8 read as json.Marshal writes them") {
        auto docs = kubesim::kubectl::parse_yaml_stream("a: !!binary aGVsbG8=\nb: !!binary /2E=\n");  // "hello", "\xFFa"
        REQUIRE(docs.size() == 1);
        CHECK(docs[0].value["a"] == "hello");
        CHECK(docs[0].value["b"] == fffd + "a");
        CHECK_NOTHROW((void)docs[0].value.dump());
    }
    TEST_CASE("a patch that is not UTF-8 is applied with U+FFFD") {
        kubesim::cluster c;
        c.init();
        c.apply(config_map("cm", {{"k", "v"}}));
        auto cm = c.client<kubesim::api::config_map>().patch("cm", json{{"data", {{"k", "\xFF"}}}}).value();
        CHECK(cm.data.at("k") == fffd);
        auto bad = c.client<kubesim::api::config_map>().patch("cm", json{{"metadata", {{"labels", {{"a", "\xFF"}}}}}});
        REQUIRE_FALSE(bad.has_value());
        CHECK(bad.error().reason == "Invalid");
    }
}
