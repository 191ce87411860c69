// Label selectors: parse -> to_string round trips, matching, LabelSelectorAsSelector
// and ValidateLabelSelector, with upstream's exact error messages (cases follow
// apimachinery pkg/labels/selector_test.go).
#include <doctest/doctest.h>

#include <optional>
#include <string>
#include <vector>

#include <kubesim/api/labels.hpp>

namespace {

using kubesim::api::label_map;
using kubesim::api::label_selector;
using kubesim::api::label_selector_requirement;
namespace labels = kubesim::api::labels;
namespace field = kubesim::api::field;

const std::string label_value_msg =
    "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must "
    "start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for "
    "validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const std::string name_part_msg =
    "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
    "alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
    "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

std::string parse_error(const std::string& s) {
    auto r = labels::parse(s);
    if (r) return "<parsed: " + r->to_string() + ">";
    CHECK(r.error().reason == "BadRequest");
    CHECK(r.error().code == 400);
    return r.error().message;
}

std::string messages(const field::error_list& errs) {
    std::string out;
    for (const auto& e : errs) out += e.to_string() + "\n";
    return out;
}

}  // namespace

TEST_SUITE("api/labels") {

TEST_CASE("parse and print back") {
    struct row {
        const char* in;
        const char* out;
    };
    const row rows[] = {
        {"x=a,y=b,z=c", "x=a,y=b,z=c"},
        {"", ""},
        {"x!=a,y=b", "x!=a,y=b"},
        {"x=", "x="},
        {"x= ", "x="},
        {"x=,z= ", "x=,z="},
        {"x= ,z= ", "x=,z="},
        {"!x", "!x"},
        {"x>1", "x>1"},
        {"x>1,z<5", "x>1,z<5"},
        {"x==a", "x==a"},
        {"x=a,a=x", "a=x,x=a"},
        {"\rx", "x"},
        {"  a  ", "a"},
        {"z,y notin (c),x", "x,y notin (c),z"},
        {"x in (b,a,a)", "x in (a,b)"},
        {"x in (abc,)", "x in (,abc)"},
        {"x in ()", "x in ()"},
        {"x notin ( )", "x notin ()"},
        {"x in (a,,)", "x in (,a)"},
        {"x in (a,,a,,a,,a,,)", "x in (,a)"},
        {"x notin (, a)", "x notin (,a)"},
        {"foo  in\t (abc)", "foo in (abc)"},
        {"x notin\n (abc)", "x notin (abc)"},
        {"a in (x,y,notin, z,in)", "a in (in,notin,x,y,z)"},
        {"in in (in)", "in in (in)"},
        {"notin=in", "notin=in"},
        {"x notin (abc,,def),bar,z in (),w", "bar,w,x notin (,abc,def),z in ()"},
        {"this-is-a-dns.domain.com/key-with-dash", "this-is-a-dns.domain.com/key-with-dash"},
        {"0.1.2.domain/99 notin (10.10.100.1, tick.tack.clock)", "0.1.2.domain/99 notin (10.10.100.1,tick.tack.clock)"},
        {"app=web,!canary,tier in (frontend,backend)", "app=web,!canary,tier in (backend,frontend)"},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.in));
        auto sel = labels::parse(r.in);
        REQUIRE(sel.has_value());
        CHECK(sel->to_string() == r.out);
        // The printed form parses to the same selector.
        auto again = labels::parse(sel->to_string());
        REQUIRE(again.has_value());
        CHECK(*again == *sel);
    }
}

TEST_CASE("requirements are sorted by key and expose operator and values") {
    auto sel = labels::parse("z in (b,a),!y,x>3").value();
    const auto& reqs = sel.requirements();
    REQUIRE(reqs.size() == 3);
    CHECK(reqs[0].key == "x");
    CHECK(reqs[0].operator_ == labels::op::greater_than);
    CHECK(reqs[0].values == std::vector<std::string>{"3"});
    CHECK(reqs[1].key == "y");
    CHECK(reqs[1].operator_ == labels::op::does_not_exist);
    CHECK(reqs[1].values.empty());
    CHECK(reqs[2].operator_ == labels::op::in);
    CHECK(reqs[2].values == std::vector<std::string>{"a", "b"});
    CHECK(labels::to_string(labels::op::not_in) == "notin");
    CHECK(labels::to_string(labels::op::less_than) == "lt");
}

TEST_CASE("matching") {
    struct row {
        const char* selector;
        label_map labels;
        bool match;
    };
    const row rows[] = {
        {"", {{"x", "y"}}, true},
        {"x=y", {{"x", "y"}}, true},
        {"x=y,z=w", {{"x", "y"}, {"z", "w"}}, true},
        {"x!=y,z!=w", {{"x", "z"}, {"z", "a"}}, true},
        {"notin=in", {{"notin", "in"}}, true},
        {"x", {{"x", "z"}}, true},
        {"!x", {{"y", "z"}}, true},
        {"x>1", {{"x", "2"}}, true},
        {"x<1", {{"x", "0"}}, true},
        {"x=z", {}, false},
        {"x=y", {{"x", "z"}}, false},
        {"x=y,z=w", {{"x", "w"}, {"z", "w"}}, false},
        {"x!=y,z!=w", {{"x", "z"}, {"z", "w"}}, false},
        {"x", {{"y", "z"}}, false},
        {"!x", {{"x", "z"}}, false},
        {"x>1", {{"x", "0"}}, false},
        {"x<1", {{"x", "2"}}, false},
        {"x>1", {{"x", "v2"}}, false},
        {"x>1", {}, false},
        {"x!=y", {}, true},
        {"x notin (a)", {}, true},
        {"x in (a)", {}, false},
        {"x in (,a)", {{"x", ""}}, true},
        {"x=", {{"x", ""}}, true},
        {"x=", {}, false},
        {"foo=bar,baz=blah", {{"foo", "bar"}, {"baz", "blah"}}, true},
        {"foo=bar,foobar=bar,baz=blah", {{"foo", "bar"}, {"baz", "blah"}}, false},
        {"tier in (frontend,backend),env notin (dev)", {{"tier", "backend"}, {"env", "prod"}}, true},
        {"tier in (frontend,backend),env notin (dev)", {{"tier", "backend"}, {"env", "dev"}}, false},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.selector));
        auto sel = labels::parse(r.selector);
        REQUIRE(sel.has_value());
        CHECK(sel->matches(r.labels) == r.match);
    }
}

TEST_CASE("parse errors carry upstream's messages as BadRequest") {
    struct row {
        std::string in;
        std::string err;
    };
    const row rows[] = {
        {"x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + label_value_msg},
        {"x==a==b", "found '==', expected: ',' or 'end of string'"},
        {"!x=a", "found '=', expected: ',' or 'end of string'"},
        {"x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value "
                "must be an integer"},
        {"x,,y", "found ',', expected: identifier after ','"},
        {",x,y", "found ',', expected: !, identifier, or 'end of string'"},
        {"x nott in (y)", "unable to parse requirement: found 'nott', expected: in, notin, =, ==, !=, gt, lt"},
        {"a in (xyz),", "found '', expected: identifier after ','"},
        {"a in (xyz)b notin ()", "found 'b', expected: ',' or 'end of string'"},
        {"a in (xyz abc)", "unable to parse requirement: found 'abc', expected: ',' or ')'"},
        {"a notin(", "unable to parse requirement: found '', expected: ',', ')' or identifier"},
        {"a (", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt"},
        {"(", "found '(', expected: !, identifier, or 'end of string'"},
        {"a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"},
        {"!", "unable to parse requirement: found '', expected: identifier"},
        {"x=(", "unable to parse requirement: found '(', expected: identifier"},
        {"x in ((", "unable to parse requirement: found '(', expected: ',', ')' or identifier"},
        {"x in (a,=", "unable to parse requirement: found '=', expected: ',', or identifier"},
        {"x in a", "unable to parse requirement: found 'a' expected: '('"},
        {"x=-a", "unable to parse requirement: values[0][x]: Invalid value: \"-a\": " + label_value_msg},
        {"x>-1", "unable to parse requirement: values[0][x]: Invalid value: \"-1\": " + label_value_msg},
        {"x in (-a,-b)", "unable to parse requirement: [values[0][x]: Invalid value: \"-a\": " + label_value_msg +
                             ", values[1][x]: Invalid value: \"-b\": " + label_value_msg + "]"},
        {"a/b/c", "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of "
                  "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character "
                  "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                  "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. "
                  "'example.com/MyName')"},
        {"-x", "unable to parse requirement: <nil>: Invalid value: \"-x\": " + name_part_msg},
        {"Example.com/x", "unable to parse requirement: <nil>: Invalid value: \"Example.com/x\": prefix part a "
                          "lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                          "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex "
                          "used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"},
        {"/x", "unable to parse requirement: <nil>: Invalid value: \"/x\": prefix part must be non-empty"},
        {std::string(64, 'a') + "=b",
         "unable to parse requirement: <nil>: Invalid value: \"" + std::string(64, 'a') +
             "\": name part must be no more than 63 bytes"},
        {"x=" + std::string(64, 'b'),
         "unable to parse requirement: values[0][x]: Invalid value: \"" + std::string(64, 'b') +
             "\": must be no more than 63 bytes"},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in);
        CHECK(parse_error(r.in) == r.err);
    }
}

TEST_CASE("everything, nothing and selector_from_set") {
    CHECK(labels::selector::everything().empty());
    CHECK(labels::selector::everything().matches({{"x", "y"}}));
    CHECK(labels::selector::everything().to_string().empty());
    CHECK_FALSE(labels::selector::nothing().empty());
    CHECK_FALSE(labels::selector::nothing().matches({}));
    CHECK(labels::selector::nothing().matches_nothing());
    CHECK(labels::selector::nothing().to_string().empty());

    auto s = labels::selector_from_set({{"tier", "fe"}, {"app", "web"}});
    CHECK(s.to_string() == "app=web,tier=fe");
    CHECK(s.matches({{"app", "web"}, {"tier", "fe"}, {"x", "y"}}));
    CHECK_FALSE(s.matches({{"app", "web"}}));
    CHECK(s.requires_exact_match("app") == std::optional<std::string>("web"));
    CHECK_FALSE(s.requires_exact_match("x").has_value());
    CHECK(labels::selector_from_set({}).empty());
    CHECK(labels::parse("a in (x)").value().requires_exact_match("a") == std::optional<std::string>("x"));
    CHECK_FALSE(labels::parse("a in (x,y)").value().requires_exact_match("a").has_value());

    auto bad = labels::validated_selector_from_set({{"app", "-web"}});
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message == "values[0][app]: Invalid value: \"-web\": " + label_value_msg);
}

TEST_CASE("format_labels and set strings") {
    CHECK(labels::format_labels({}) == "<none>");
    CHECK(labels::format_labels({{"app", "web"}, {"a-b", "1"}}) == "a-b=1,app=web");
    // Sorted as "k=v" strings, not by key: '-' sorts before '='.
    CHECK(labels::to_string({{"a", "2"}, {"a-b", "1"}}) == "a-b=1,a=2");
}

TEST_CASE("label_selector_as_selector") {
    SUBCASE("empty selects everything, missing selects nothing") {
        auto all = labels::label_selector_as_selector(label_selector{});
        REQUIRE(all.has_value());
        CHECK(all->empty());
        CHECK(all->matches({{"a", "b"}}));
        auto none = labels::label_selector_as_selector(std::optional<label_selector>{});
        REQUIRE(none.has_value());
        CHECK(none->matches_nothing());
        CHECK_FALSE(none->matches({}));
    }
    SUBCASE("match labels and expressions") {
        label_selector ps;
        ps.match_labels = {{"tier", "fe"}, {"app", "web"}};
        ps.match_expressions = {{"env", "In", {"staging", "prod"}},
                                {"canary", "DoesNotExist", {}},
                                {"zone", "NotIn", {"b"}},
                                {"team", "Exists", {}}};
        auto sel = labels::label_selector_as_selector(ps);
        REQUIRE(sel.has_value());
        CHECK(sel->to_string() == "app=web,!canary,env in (prod,staging),team,tier=fe,zone notin (b)");
        CHECK(sel->matches({{"app", "web"}, {"tier", "fe"}, {"env", "prod"}, {"team", "t"}}));
        CHECK_FALSE(sel->matches({{"app", "web"}, {"tier", "fe"}, {"env", "prod"}}));
        CHECK_FALSE(sel->matches({{"app", "web"}, {"tier", "fe"}, {"env", "prod"}, {"team", "t"}, {"canary", "1"}}));
        CHECK_FALSE(sel->matches({{"app", "web"}, {"tier", "fe"}, {"env", "prod"}, {"team", "t"}, {"zone", "b"}}));
    }
    SUBCASE("errors") {
        struct row {
            label_selector ps;
            std::string err;
        };
        const row rows[] = {
            {{{}, {{"k", "Foo", {}}}}, "\"Foo\" is not a valid label selector operator"},
            {{{}, {{"k", "in", {"a"}}}}, "\"in\" is not a valid label selector operator"},
            {{{}, {{"k", "In", {}}}}, "values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty"},
            {{{}, {{"k", "Exists", {"a"}}}},
             "values: Invalid value: [\"a\"]: values set must be empty for exists and does not exist"},
            {{{{"a b", "x"}}, {}}, "key: Invalid value: \"a b\": " + name_part_msg},
            {{{{"app", "-x"}}, {}}, "values[0][app]: Invalid value: \"-x\": " + label_value_msg},
            {{{}, {{"", "Exists", {}}}},
             "key: Invalid value: \"\": name part must be non-empty; " + name_part_msg},
        };
        for (const auto& r : rows) {
            auto sel = labels::label_selector_as_selector(r.ps);
            REQUIRE_FALSE(sel.has_value());
            CHECK(sel.error().reason == "BadRequest");
            CHECK(sel.error().message == r.err);
        }
    }
}

TEST_CASE("label_selector_as_map") {
    label_selector ps{{{"a", "1"}}, {{"b", "In", {"2"}}}};
    CHECK(labels::label_selector_as_map(ps).value() == label_map{{"a", "1"}, {"b", "2"}});
    ps.match_expressions = {{"b", "In", {"2", "3"}}};
    CHECK(labels::label_selector_as_map(ps).error().message ==
          "operator \"In\" without a single value cannot be converted into the old label selector format");
    ps.match_expressions = {{"b", "Exists", {}}};
    CHECK(labels::label_selector_as_map(ps).error().message ==
          "operator \"Exists\" cannot be converted into the old label selector format");
    ps.match_expressions = {{"b", "Nope", {}}};
    CHECK(labels::label_selector_as_map(ps).error().message == "\"Nope\" is not a valid selector operator");
}

TEST_CASE("make_requirement (NewRequirement)") {
    CHECK(labels::make_requirement("x", labels::op::equals, {"a", "b"}).error().message ==
          "values: Invalid value: [\"a\",\"b\"]: exact-match compatibility requires one single value");
    CHECK(labels::make_requirement("x", labels::op::in, {}).error().message ==
          "values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
    CHECK(labels::make_requirement("x", labels::op::greater_than, {}).error().message ==
          "values: Invalid value: []: for 'Gt', 'Lt' operators, exactly one value is required");
    CHECK(labels::make_requirement("x", labels::op::less_than, {"bar"}).error().message ==
          "values[0]: Invalid value: \"bar\": for 'Gt', 'Lt' operators, the value must be an integer");
    CHECK(labels::make_requirement("x", labels::op::equals, {"a b"}, field::path("spec").child("selector"))
              .error()
              .message == "spec.selector.values[0][x]: Invalid value: \"a b\": " + label_value_msg);
    auto ok = labels::make_requirement("x", labels::op::not_in, {"b", "a"});
    REQUIRE(ok.has_value());
    CHECK(ok->to_string() == "x notin (a,b)");
    CHECK(ok->values == std::vector<std::string>{"b", "a"});  // kept as given, printed sorted
}

TEST_CASE("validate_label_selector") {
    const field::path p = field::path("spec").child("selector");
    SUBCASE("valid") {
        label_selector ps{{{"app", "web"}}, {{"env", "In", {"prod"}}, {"x", "Exists", {}}}};
        CHECK(labels::validate_label_selector(ps, p).empty());
    }
    SUBCASE("requirement errors") {
        label_selector ps;
        ps.match_expressions = {{"k", "In", {}},
                                {"k", "Exists", {"a"}},
                                {"k", "Foo", {}},
                                {"-k", "NotIn", {"-v"}}};
        CHECK(messages(labels::validate_label_selector(ps, p)) ==
              "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' "
              "or 'NotIn'\n"
              "spec.selector.matchExpressions[1].values: Forbidden: may not be specified when `operator` is "
              "'Exists' or 'DoesNotExist'\n"
              "spec.selector.matchExpressions[2].operator: Invalid value: \"Foo\": not a valid selector operator\n"
              "spec.selector.matchExpressions[3].key: Invalid value: \"-k\": " +
                  name_part_msg +
                  "\n"
                  "spec.selector.matchExpressions[3].values[0]: Invalid value: \"-v\": " +
                  label_value_msg + "\n");
    }
    SUBCASE("options") {
        label_selector ps;
        ps.match_expressions = {{"k", "Foo", {"-v"}}};
        labels::label_selector_validation_options opts;
        opts.allow_unknown_operator_in_requirement = true;
        opts.allow_invalid_label_value_in_selector = true;
        CHECK(labels::validate_label_selector(ps, p, opts).empty());
    }
    SUBCASE("match labels report at the map's path") {
        label_selector ps{{{"app", std::string(64, 'v')}, {"Bad_", "ok"}}, {}};
        CHECK(messages(labels::validate_label_selector(ps, p)) ==
              "spec.selector.matchLabels: Invalid value: \"Bad_\": " + name_part_msg + "\n" +
                  "spec.selector.matchLabels: Invalid value: \"" + std::string(64, 'v') +
                  "\": must be no more than 63 bytes\n");
    }
}

TEST_CASE("validate_labels and validate_label_name") {
    const field::path p = field::path("metadata").child("labels");
    CHECK(labels::validate_labels({{"app", "web"}, {"example.com/tier", ""}}, p).empty());
    CHECK(messages(labels::validate_labels({{"a/b/c", "x y"}}, p)) ==
          "metadata.labels: Invalid value: \"a/b/c\": a valid label key must consist of alphanumeric characters, "
          "'-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  "
          "or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an "
          "optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')\n"
          "metadata.labels: Invalid value: \"x y\": " +
              label_value_msg + "\n");
    CHECK(messages(labels::validate_label_name("", field::path("key"))) ==
          "key: Invalid value: \"\": name part must be non-empty\n"
          "key: Invalid value: \"\": " +
              name_part_msg + "\n");
}

}  // TEST_SUITE
