// intstr.IntOrString: construction, printing, and GetScaledValueFromIntOrPercent
// with upstream's rounding and error messages (cases follow apimachinery
// pkg/util/intstr/intstr_test.go).
#include <doctest/doctest.h>

#include <optional>
#include <string>

#include <kubesim/api/int_or_string.hpp>

namespace {

using kubesim::api::int_or_string;

}  // namespace

TEST_SUITE("api/int_or_string") {

TEST_CASE("construction and printing") {
    CHECK(int_or_string::from_int(93).to_string() == "93");
    CHECK(int_or_string::from_int(-1).to_string() == "-1");
    CHECK(int_or_string::from_string("76").to_string() == "76");
    CHECK(int_or_string::from_string("25%").to_string() == "25%");
    CHECK(int_or_string{}.to_string() == "0");
    CHECK_FALSE(int_or_string{}.is_string);

    CHECK(int_or_string::parse("80") == int_or_string::from_int(80));
    CHECK(int_or_string::parse("-1") == int_or_string::from_int(-1));
    CHECK(int_or_string::parse("+5") == int_or_string::from_int(5));
    CHECK(int_or_string::parse("http") == int_or_string::from_string("http"));
    CHECK(int_or_string::parse("2147483648") == int_or_string::from_string("2147483648"));
    CHECK(int_or_string::parse("25%") == int_or_string::from_string("25%"));
    CHECK(int_or_string::parse("") == int_or_string::from_string(""));

    CHECK(int_or_string::from_int(1) != int_or_string::from_string("1"));
    CHECK(int_or_string::from_string("8080").int_value() == 8080);
    CHECK(int_or_string::from_string("http").int_value() == 0);
    CHECK(int_or_string::from_int(7).int_value() == 7);
}

TEST_CASE("percent helpers") {
    CHECK(int_or_string::from_string("25%").is_percent());
    CHECK(int_or_string::from_string("0%").is_percent());
    CHECK_FALSE(int_or_string::from_string("25").is_percent());
    CHECK_FALSE(int_or_string::from_string("%").is_percent());
    CHECK_FALSE(int_or_string::from_string("2.5%").is_percent());
    CHECK_FALSE(int_or_string::from_string("-5%").is_percent());
    CHECK_FALSE(int_or_string::from_int(25).is_percent());
    CHECK(int_or_string::from_string("25%").percent_value() == std::optional<std::int64_t>(25));
    CHECK_FALSE(int_or_string::from_string("x%").percent_value().has_value());
}

TEST_CASE("get_scaled_value_from_int_or_percent") {
    struct row {
        int_or_string in;
        int total;
        bool round_up;
        int out;
    };
    const row rows[] = {
        {int_or_string::from_int(123), 100, true, 123},
        {int_or_string::from_int(5), 0, false, 5},
        {int_or_string::from_string("90%"), 100, true, 90},
        {int_or_string::from_string("90%"), 95, true, 86},
        {int_or_string::from_string("90%"), 95, false, 85},
        {int_or_string::from_string("25%"), 10, true, 3},
        {int_or_string::from_string("25%"), 10, false, 2},
        {int_or_string::from_string("25%"), 4, true, 1},
        {int_or_string::from_string("25%"), 1, false, 0},
        {int_or_string::from_string("25%"), 1, true, 1},
        {int_or_string::from_string("25%"), 0, true, 0},
        {int_or_string::from_string("0%"), 10, true, 0},
        {int_or_string::from_string("100%"), 7, false, 7},
        {int_or_string::from_string("33%"), 10, true, 4},
        {int_or_string::from_string("33%"), 10, false, 3},
        {int_or_string::from_string("200%"), 3, false, 6},
        {int_or_string::from_string("-10%"), 10, true, -1},
        {int_or_string::from_string("+10%"), 10, true, 1},
    };
    for (const auto& r : rows) {
        CAPTURE(r.in.to_string());
        CAPTURE(r.total);
        auto v = kubesim::api::get_scaled_value_from_int_or_percent(r.in, r.total, r.round_up);
        REQUIRE(v.has_value());
        CHECK(*v == r.out);
    }
}

TEST_CASE("errors") {
    struct row {
        const char* in;
        const char* err;
    };
    const row rows[] = {
        {"x", "invalid value for IntOrString: invalid type: string is not a percentage"},
        {"10", "invalid value for IntOrString: invalid type: string is not a percentage"},
        {"", "invalid value for IntOrString: invalid type: string is not a percentage"},
        {"x%", "invalid value for IntOrString: invalid value \"x%\": strconv.Atoi: parsing \"x\": invalid syntax"},
        {"%", "invalid value for IntOrString: invalid value \"%\": strconv.Atoi: parsing \"\": invalid syntax"},
        {"1.5%", "invalid value for IntOrString: invalid value \"1.5%\": strconv.Atoi: parsing \"1.5\": invalid syntax"},
        {"%%", "invalid value for IntOrString: invalid value \"%%\": strconv.Atoi: parsing \"%\": invalid syntax"},
        {"99999999999999999999%",
         "invalid value for IntOrString: invalid value \"99999999999999999999%\": strconv.Atoi: parsing "
         "\"99999999999999999999\": value out of range"},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.in));
        auto v = kubesim::api::get_scaled_value_from_int_or_percent(int_or_string::from_string(r.in), 10, true);
        REQUIRE_FALSE(v.has_value());
        CHECK(v.error().reason == "BadRequest");
        CHECK(v.error().message == r.err);
    }
    auto nil = kubesim::api::get_scaled_value_from_int_or_percent(std::optional<int_or_string>{}, 10, true);
    REQUIRE_FALSE(nil.has_value());
    CHECK(nil.error().message == "nil value for IntOrString");
    CHECK(kubesim::api::get_scaled_value_from_int_or_percent(std::optional<int_or_string>{int_or_string::from_string("50%")},
                                                             4, false)
              .value() == 2);
}

TEST_CASE("get_value_from_int_or_percent reads any string as a percentage") {
    using kubesim::api::get_value_from_int_or_percent;
    CHECK(get_value_from_int_or_percent(int_or_string::from_string("5"), 10, false).value() == 0);
    CHECK(get_value_from_int_or_percent(int_or_string::from_string("5"), 10, true).value() == 1);
    CHECK(get_value_from_int_or_percent(int_or_string::from_string("5%%"), 100, true).value() == 5);
    CHECK(get_value_from_int_or_percent(int_or_string::from_int(3), 100, true).value() == 3);
    CHECK(get_value_from_int_or_percent(int_or_string::from_string("x"), 10, true).error().message ==
          "invalid value for IntOrString: invalid value \"x\": strconv.Atoi: parsing \"x\": invalid syntax");
}

TEST_CASE("value_or_default") {
    auto def = int_or_string::from_string("25%");
    CHECK(kubesim::api::value_or_default(std::nullopt, def) == def);
    CHECK(kubesim::api::value_or_default(int_or_string::from_int(1), def) == int_or_string::from_int(1));
}

}  // TEST_SUITE
