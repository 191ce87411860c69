#include <doctest/doctest.h>

#include <kubesim/errors.hpp>
#include <kubesim/kubectl/apply.hpp>

#include <nlohmann/json.hpp>

#include <string>

using nlohmann::json;

namespace {
// The message parse_json_manifest throws for text, or "" when it parses.
std::string parse_error(std::string_view text) {
    try {
        (void)kubesim::kubectl::parse_json_manifest(text);
        return "";
    } catch (const kubesim::api_error& e) {
        CHECK(e.status().reason == "BadRequest");
        CHECK(e.status().code == 400);
        const std::string prefix = "couldn't get version/kind; json parse error: ";
        const std::string m = e.what();
        REQUIRE(m.compare(0, prefix.size(), prefix) == 0);
        return m.substr(prefix.size());
    }
}
}  // namespace

TEST_SUITE("kubectl/apply") {
    TEST_CASE("manifest text parses as JSON") {
        CHECK(kubesim::kubectl::parse_json_manifest(R"( {"a": [1, -2.5e3, true, false, null, "x\u00e9\n"]} )") ==
              json{{"a", {1, -2.5e3, true, false, nullptr, "x\u00e9\n"}}});
        CHECK(parse_error("[]").empty());
    }
    TEST_CASE("syntax errors read as Go's encoding/json reports them") {
        CHECK(parse_error("") == "unexpected end of JSON input");
        CHECK(parse_error("  \n") == "unexpected end of JSON input");
        CHECK(parse_error(R"({"a": [1, 2)") == "unexpected end of JSON input");
        CHECK(parse_error(R"("abc)") == "unexpected end of JSON input");
        CHECK(parse_error("x") == "invalid character 'x' looking for beginning of value");
        CHECK(parse_error(R"({"a" 1})") == "invalid character '1' after object key");
        CHECK(parse_error(R"({"a": 1 "b": 2})") == "invalid character '\"' after object key:value pair");
        CHECK(parse_error(R"({"a": 1,})") == "invalid character '}' looking for beginning of object key string");
        CHECK(parse_error("{a: 1}") == "invalid character 'a' looking for beginning of object key string");
        CHECK(parse_error("[1 2]") == "invalid character '2' after array element");
        CHECK(parse_error("[1,]") == "invalid character ']' looking for beginning of value");
        CHECK(parse_error(R"({"a": 1} {})") == "invalid character '{' after top-level value");
        CHECK(parse_error("\"a\tb\"") == "invalid character '\\t' in string literal");
        CHECK(parse_error(R"("\x")") == "invalid character 'x' in string escape code");
        CHECK(parse_error(R"("\u12g4")") == "invalid character 'g' in \\u hexadecimal character escape");
        CHECK(parse_error("-a") == "invalid character 'a' in numeric literal");
        CHECK(parse_error("1.x") == "invalid character 'x' after decimal point in numeric literal");
        CHECK(parse_error("1e+") == "invalid character ' ' in exponent of numeric literal");
        CHECK(parse_error("01") == "invalid character '1' after top-level value");
        CHECK(parse_error("[tru]") == "invalid character ']' in literal true (expecting 'e')");
        CHECK(parse_error("nul") == "invalid character ' ' in literal null (expecting 'l')");
        CHECK(parse_error("fals e") == "invalid character ' ' in literal false (expecting 'e')");
        CHECK(parse_error("'a'") == "invalid character '\\'' looking for beginning of value");
        CHECK(parse_error("\x01") == "invalid character '\\x01' looking for beginning of value");
        CHECK(parse_error("\xc3\xa9") == "invalid character '\xc3\x83' looking for beginning of value");
    }
    TEST_CASE("the three-way patch sets what changed and deletes what the last manifest had") {
        const json original = {{"a", 1}, {"b", {{"c", 1}, {"d", 2}}}, {"gone", true}};
        const json modified = {{"a", 2}, {"b", {{"c", 1}}}};
        const json current = {{"a", 1}, {"b", {{"c", 1}, {"d", 2}, {"server", 3}}}, {"gone", true}, {"status", 1}};
        CHECK(kubesim::kubectl::three_way_patch(original, modified, current) ==
              json{{"a", 2}, {"b", {{"d", nullptr}}}, {"gone", nullptr}});
    }
}
