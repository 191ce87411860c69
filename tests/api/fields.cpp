// Field selectors: parsing with escapes, printing, matching, requirements and
// upstream's error messages (cases follow apimachinery pkg/fields/selector_test.go).
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/fields.hpp>

namespace {

namespace fields = kubesim::api::fields;

std::string parse_error(const std::string& s) {
    auto r = fields::parse(s);
    if (r) return "<parsed: " + r->to_string() + ">";
    CHECK(r.error().reason == "BadRequest");
    CHECK(r.error().code == 400);
    return r.error().message;
}

}  // namespace

TEST_SUITE("api/fields") {

TEST_CASE("parse and print back") {
    struct row {
        const char* in;
        const char* out;
    };
    const row rows[] = {
        {"", ""},
        {"x=a", "x=a"},
        {"x==a", "x=a"},
        {"x!=a", "x!=a"},
        {"y=b,x=a", "x=a,y=b"},  // terms sorted as strings
        {"x=a,,y=b", "x=a,y=b"},
        {",x=a,", "x=a"},
        {"x=", "x="},
        {"=", ""},  // empty field and value: dropped
        {"=,x=a", "x=a"},
        {"=b", "=b"},
        {"x=a\\,b", "x=a\\,b"},
        {"x=a\\=b", "x=a\\=b"},
        {"x=a\\\\b", "x=a\\\\b"},
        {"x=a\\\\", "x=a\\\\"},
        {"x=!a", "x=!a"},
        {"metadata.name=web,spec.nodeName!=", "metadata.name=web,spec.nodeName!="},
        {"x==a=", "<error>"},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.in));
        auto sel = fields::parse(r.in);
        if (std::string(r.out) == "<error>") {
            CHECK_FALSE(sel.has_value());
            continue;
        }
        REQUIRE(sel.has_value());
        CHECK(sel->to_string() == r.out);
        auto again = fields::parse(sel->to_string());
        REQUIRE(again.has_value());
        CHECK(*again == *sel);
    }
}

TEST_CASE("values are unescaped") {
    auto sel = fields::parse("a=x\\,y\\=z\\\\,b!=\\,").value();
    const auto& reqs = sel.requirements();
    REQUIRE(reqs.size() == 2);
    CHECK(reqs[0] == fields::requirement{"a", fields::op::equals, "x,y=z\\"});
    CHECK(reqs[1] == fields::requirement{"b", fields::op::not_equals, ","});
    CHECK(fields::to_string(reqs[0].operator_) == "=");
    CHECK(fields::to_string(reqs[1].operator_) == "!=");
    CHECK(fields::escape_value("a,b=c\\d") == "a\\,b\\=c\\\\d");
    CHECK(fields::unescape_value("a\\,b\\=c\\\\d").value() == "a,b=c\\d");
    CHECK(fields::unescape_value("plain").value() == "plain");
}

TEST_CASE("errors") {
    struct row {
        const char* in;
        const char* err;
    };
    const row rows[] = {
        {"x", "invalid selector: 'x'; can't understand 'x'"},
        {"a=b,x", "invalid selector: 'a=b,x'; can't understand 'x'"},
        {"x=a=b", "invalid field selector: unescaped character in value: 61"},
        {"x==a==b", "invalid field selector: unescaped character in value: 61"},
        {"x=a\\,b,y=a,b", "invalid selector: 'x=a\\,b,y=a,b'; can't understand 'b'"},
        {"x=a\\", "invalid field selector: invalid escape sequence: \\"},
        {"x=a\\b", "invalid field selector: invalid escape sequence: \\b"},
        {"x=a\\\xC3\xA9", "invalid field selector: invalid escape sequence: \\\xC3\xA9"},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.in));
        CHECK(parse_error(r.in) == r.err);
    }
    CHECK(fields::unescape_value("a,b").error().message == "invalid field selector: unescaped character in value: 44");
}

TEST_CASE("matching") {
    struct row {
        const char* selector;
        fields::set fs;
        bool match;
    };
    const row rows[] = {
        {"", {{"x", "y"}}, true},
        {"x=y", {{"x", "y"}}, true},
        {"x=y,z=w", {{"x", "y"}, {"z", "w"}}, true},
        {"x!=y,z!=w", {{"x", "z"}, {"z", "a"}}, true},
        {"x=z", {}, false},
        {"x=y", {{"x", "z"}}, false},
        {"x=y,z=w", {{"x", "w"}, {"z", "w"}}, false},
        {"x!=y,z!=w", {{"x", "z"}, {"z", "w"}}, false},
        {"x=", {}, true},    // a missing field reads as ""
        {"x!=", {}, false},
        {"x!=a", {}, true},
        {"status.phase=Running,spec.nodeName=node-1", {{"status.phase", "Running"}, {"spec.nodeName", "node-1"}}, true},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.selector));
        auto sel = fields::parse(r.selector);
        REQUIRE(sel.has_value());
        CHECK(sel->matches(r.fs) == r.match);
    }
}

TEST_CASE("helpers") {
    auto one = fields::one_term_equal("metadata.name", "a,b");
    CHECK(one.to_string() == "metadata.name=a\\,b");
    CHECK(one.matches({{"metadata.name", "a,b"}}));
    CHECK(one.requires_exact_match("metadata.name") == std::optional<std::string>("a,b"));
    CHECK_FALSE(one.requires_exact_match("spec.nodeName").has_value());
    CHECK(fields::one_term_not_equal("spec.nodeName", "").to_string() == "spec.nodeName!=");
    CHECK_FALSE(fields::one_term_not_equal("x", "a").requires_exact_match("x").has_value());

    CHECK(fields::selector::everything().empty());
    CHECK(fields::selector::everything().matches({}));
    CHECK_FALSE(fields::selector::nothing().matches({}));
    CHECK_FALSE(fields::selector::nothing().empty());
    CHECK(fields::selector::nothing().to_string().empty());
    CHECK(fields::selector_from_set({{"b", "2"}, {"a", "1"}}).to_string() == "a=1,b=2");
    CHECK(fields::parse("a=1").value().and_with(fields::one_term_equal("b", "2")).to_string() == "a=1,b=2");

    // Transform: as the API server converts field labels; empty field and value drop the term.
    auto t = fields::parse("spec.host=n1,x=y").value().transform(
        [](const std::string& f, const std::string& v) -> kubesim::result<std::pair<std::string, std::string>> {
            if (f == "spec.host") return std::pair<std::string, std::string>{"spec.nodeName", v};
            if (f == "x") return std::pair<std::string, std::string>{"", ""};
            return kubesim::api::errors::bad_request("field label not supported: " + f);
        });
    REQUIRE(t.has_value());
    CHECK(t->to_string() == "spec.nodeName=n1");
    auto bad = fields::parse("nope=1").value().transform(
        [](const std::string& f, const std::string&) -> kubesim::result<std::pair<std::string, std::string>> {
            return kubesim::api::errors::bad_request("field label not supported: " + f);
        });
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message == "field label not supported: nope");
}

}  // TEST_SUITE
