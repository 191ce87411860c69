// resource.Quantity: parsing, canonical printing (cases follow apimachinery
// pkg/api/resource/quantity_test.go: TestQuantityParse, TestQuantityString,
// TestQuantityParseEmit, TestMilliNewSet, TestNewSet), values, ordering,
// arithmetic, and upstream's error messages.
#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>

#include <kubesim/api/quantity.hpp>

namespace {

using kubesim::api::quantity;
using kubesim::api::quantity_format;

const std::string err_format =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
const std::string err_numeric = "unable to parse numeric part of quantity";
const std::string err_suffix = "unable to parse quantity's suffix";

quantity q(const char* s) { return quantity::parse(s).value(); }

}  // namespace

TEST_SUITE("api/quantity") {

TEST_CASE("parse: value, format and printed form") {
    struct row {
        const char* in;
        std::int64_t milli;
        quantity_format format;
        const char* out;
    };
    constexpr auto dsi = quantity_format::decimal_si;
    constexpr auto bsi = quantity_format::binary_si;
    constexpr auto dex = quantity_format::decimal_exponent;
    const row rows[] = {
        // zeros
        {"0", 0, dsi, "0"},
        {"0m", 0, dsi, "0"},
        {"0Ki", 0, bsi, "0"},
        {"0Gi", 0, bsi, "0"},
        {"00", 0, dsi, "0"},
        {"-0", 0, dsi, "0"},
        {".", 0, dsi, "0"},
        // spellings kept as written (already canonical-looking upstream)
        {"1", 1000, dsi, "1"},
        {"5", 5000, dsi, "5"},
        {"12345", 12345000, dsi, "12345"},
        {"100m", 100, dsi, "100m"},
        {"1m", 1, dsi, "1m"},
        {"80m", 80, dsi, "80m"},
        {"1080m", 1080, dsi, "1080m"},
        {"1500m", 1500, dsi, "1500m"},
        {"1234567m", 1234567, dsi, "1234567m"},
        {"3k", 3000000, dsi, "3k"},
        {"50k", 50000000, dsi, "50k"},
        {"1G", 1000000000000, dsi, "1G"},
        {"300M", 300000000000, dsi, "300M"},
        {"1T", 1000000000000000, dsi, "1T"},
        {"1234567M", 1234567000000000, dsi, "1234567M"},
        {"2P", 2000000000000000000, dsi, "2P"},
        {"1Ki", 1024000, bsi, "1Ki"},
        {"6Ki", 6144000, bsi, "6Ki"},
        {"7Mi", 7340032000, bsi, "7Mi"},
        {"1Gi", 1073741824000, bsi, "1Gi"},
        {"300Mi", 314572800000, bsi, "300Mi"},
        {"1001Gi", 1074815565824000, bsi, "1001Gi"},
        {"1Ti", 1099511627776000, bsi, "1Ti"},
        {"5Ti", 5497558138880000, bsi, "5Ti"},
        {"1e3", 1000000, dex, "1e3"},
        {"1E3", 1000000, dex, "1E3"},
        {"1e+3", 1000000, dex, "1e+3"},
        {"3e3", 3000000, dex, "3e3"},
        {"1e9", 1000000000000, dex, "1e9"},
        {"1e-3", 1, dex, "1e-3"},
        {"80e-3", 80, dex, "80e-3"},
        {"300e6", 300000000000, dex, "300e6"},
        {"1E12", 1000000000000000, dex, "1E12"},
        {"1025", 1025000, dsi, "1025"},
        {"+1", 1000, dsi, "+1"},  // upstream keeps even these spellings
        {"01", 1000, dsi, "01"},
        {"1.", 1000, dsi, "1."},
        {"1.G", 1000000000000, dsi, "1.G"},
        {"-1Gi", -1073741824000, bsi, "-1Gi"},
        {"-100m", -100, dsi, "-100m"},
        // canonicalised
        {"1000m", 1000, dsi, "1"},
        {"5000m", 5000, dsi, "5"},
        {"0.5", 500, dsi, "500m"},
        {"0.50000", 500, dsi, "500m"},
        {"1.5", 1500, dsi, "1500m"},
        {"1.08", 1080, dsi, "1080m"},
        {"1.0", 1000, dsi, "1"},
        {"1.000", 1000, dsi, "1"},
        {"100.0m", 100, dsi, "100m"},
        {"0.001", 1, dsi, "1m"},
        {".001", 1, dsi, "1m"},
        {"0.0005k", 500, dsi, "500m"},
        {".0001k", 100, dsi, "100m"},
        {"1000", 1000000, dsi, "1k"},
        {"1000M", 1000000000000, dsi, "1G"},
        {"0.001T", 1000000000000, dsi, "1G"},
        {"1000u", 1, dsi, "1m"},
        {"1080000000n", 1080, dsi, "1080m"},
        {"8.1k", 8100000, dsi, "8100"},
        // The fraction moves the scale back to a multiple of three: upstream keeps these.
        {"100.035k", 100035000, dsi, "100.035k"},
        {"10.035M", 10035000000, dsi, "10.035M"},
        {"7.123456M", 7123456000, dsi, "7.123456M"},
        {"1.5k", 1500000, dsi, "1500"},
        {"1024Mi", 1073741824000, bsi, "1Gi"},
        {"307200Ki", 314572800000, bsi, "300Mi"},
        {"1025024Mi", 1074815565824000, bsi, "1001Gi"},
        {"1024Gi", 1099511627776000, bsi, "1Ti"},
        {"8Ki", 8192000, bsi, "8Ki"},
        {"8Mi", 8388608000, bsi, "8Mi"},
        {"128Mi", 134217728000, bsi, "128Mi"},
        {"1536Mi", 1610612736000, bsi, "1536Mi"},
        {"1.5Gi", 1610612736000, bsi, "1536Mi"},
        {"0.5Mi", 524288000, bsi, "512Ki"},
        {"0.5Gi", 536870912000, bsi, "512Mi"},
        {"0.05Gi", 53687091200, bsi, "53687091200m"},  // fractional bytes print in decimal
        {"100.035Ki", 102435840, bsi, "102435840m"},
        {".001Ki", 1024, bsi, "1024m"},
        {"0.1Ki", 102400, bsi, "102400m"},
        {".001e12", 1000000000000, dex, "1e9"},
        {"0.001e0", 1, dex, "1e-3"},
        {"1.2e3", 1200000, dex, "1200"},
        {"1.3E+6", 1300000000, dex, "1300e3"},
        {"0.5e0", 500, dex, "500e-3"},
        {"-1024Mi", -1073741824000, bsi, "-1Gi"},
        {"-0.5", -500, dsi, "-500m"},
        {"-1.5Gi", -1610612736000, bsi, "-1536Mi"},
        // finer than 1m: rounded up (away from zero) to 1m; upstream keeps nanos
        // ("1n", "3.001n", "1024u").
        {"1n", 1, dsi, "1m"},
        {"5n", 1, dsi, "1m"},
        {"1u", 1, dsi, "1m"},
        {"0.1m", 1, dsi, "1m"},
        {"1.5m", 2, dsi, "2m"},
        {"1e-9", 1, dex, "1e-3"},
        {".000001Ki", 2, dsi, "2m"},
        {".0001Ki", 103, dsi, "103m"},  // also below one unit: BinarySI becomes DecimalSI
        {"-1n", -1, dsi, "-1m"},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.in));
        auto p = quantity::parse(r.in);
        REQUIRE(p.has_value());
        CHECK(p->milli_value() == r.milli);
        CHECK(p->format() == r.format);
        CHECK(p->to_string() == r.out);
        // The printed form reads back to the same value.
        auto again = quantity::parse(p->to_string());
        REQUIRE(again.has_value());
        CHECK(again->milli_value() == r.milli);
    }
}

TEST_CASE("parse errors") {
    struct row {
        const char* in;
        std::string err;
    };
    const row rows[] = {
        {"", err_format},
        {"1.1.M", err_format},
        {"1+1.0M", err_format},
        {"0.1am", err_format},
        {"aoeu", err_format},
        {"Non-Numeric", err_format},
        {" 1", err_format},
        {"1 ", err_format},
        {"1e3.5", err_format},
        {"0.1mi", err_suffix},
        {".5i", err_suffix},
        {"1i", err_suffix},
        {"-3.01i", err_suffix},
        {"-3.01e-", err_suffix},
        {"1e", err_suffix},
        {"1KI", err_format},  // 'I' is not a suffix letter
        {"1Mii", err_suffix},
        {"1e99999999999999999999", err_suffix},
        {"e-10", err_numeric},
        {".e-12", err_numeric},
        {"10Ei", "quantity \"10Ei\" is too large: kubesim supports up to 9223372036854775807m"},
        {"1E", "quantity \"1E\" is too large: kubesim supports up to 9223372036854775807m"},
    };
    for (const auto& r : rows) {
        CAPTURE(std::string(r.in));
        auto p = quantity::parse(r.in);
        REQUIRE_FALSE(p.has_value());
        CHECK(p.error().reason == "BadRequest");
        CHECK(p.error().message == r.err);
    }
    CHECK_THROWS_AS((void)quantity::must_parse("x"), kubesim::usage_error);
    CHECK(quantity::must_parse("2Gi").to_string() == "2Gi");
}

TEST_CASE("quantities written without digits parse as zero, as upstream") {
    for (const char* s : {"-", "+", "m", "Ki", "e5", "-."}) {
        CAPTURE(std::string(s));
        auto p = quantity::parse(s);
        REQUIRE(p.has_value());
        CHECK(p->is_zero());
        CHECK(p->to_string() == "0");
    }
}

TEST_CASE("from_milli and from_value print canonically") {
    struct row {
        quantity value;
        const char* out;
    };
    const row rows[] = {
        {quantity::from_milli(1, quantity_format::decimal_si), "1m"},
        {quantity::from_milli(1000, quantity_format::decimal_si), "1"},
        {quantity::from_milli(1234000, quantity_format::decimal_si), "1234"},
        {quantity::from_milli(1024, quantity_format::binary_si), "1024m"},
        {quantity::from_milli(1000000, quantity_format::decimal_exponent), "1e3"},
        {quantity::from_milli(1024 * 1024, quantity_format::binary_si), "1048576m"},
        {quantity::from_milli(-1500, quantity_format::decimal_si), "-1500m"},
        {quantity::from_value(1, quantity_format::decimal_si), "1"},
        {quantity::from_value(1000, quantity_format::decimal_si), "1k"},
        {quantity::from_value(1234000, quantity_format::decimal_si), "1234k"},
        {quantity::from_value(1024, quantity_format::binary_si), "1Ki"},
        {quantity::from_value(1000000, quantity_format::decimal_exponent), "1e6"},
        {quantity::from_value(1024 * 1024, quantity_format::binary_si), "1Mi"},
        {quantity::from_value(5, quantity_format::binary_si), "5"},
        {quantity::from_value(1023, quantity_format::binary_si), "1023"},
        {quantity::from_value(1025, quantity_format::binary_si), "1025"},
        {quantity::from_value(-1024, quantity_format::binary_si), "-1Ki"},
        {quantity::from_value(0, quantity_format::binary_si), "0"},
        {quantity{}, "0"},
    };
    for (const auto& r : rows) CHECK(r.value.to_string() == r.out);
    CHECK(quantity::from_value(std::numeric_limits<std::int64_t>::max()).milli_value() ==
          std::numeric_limits<std::int64_t>::max());
}

TEST_CASE("value rounds away from zero") {
    CHECK(q("1500m").value() == 2);
    CHECK(q("-1500m").value() == -2);
    CHECK(q("100m").value() == 1);
    CHECK(q("2").value() == 2);
    CHECK(q("1Gi").value() == 1073741824);
    CHECK(q("0").value() == 0);
    CHECK(q("250m").milli_value() == 250);
}

TEST_CASE("comparison is by value") {
    CHECK(q("1") == q("1000m"));
    CHECK(q("1Ki") == q("1024"));
    CHECK(q("500m") < q("1"));
    CHECK(q("1Gi") > q("1G"));
    CHECK(q("1G") <= q("1G"));
    CHECK(q("-1") < q("0"));
    CHECK(q("1") != q("2"));
    CHECK(q("1").cmp(q("2")) == -1);
    CHECK(q("2").cmp(q("2000m")) == 0);
    CHECK(q("3").cmp(q("2")) == 1);
    CHECK(q("-2").sign() == -1);
    CHECK(q("0").sign() == 0);
}

TEST_CASE("arithmetic") {
    quantity total;
    total += q("1Gi");
    CHECK(total.format() == quantity_format::binary_si);  // zero takes the addend's format
    CHECK(total.to_string() == "1Gi");
    total += q("512Mi");
    CHECK(total.to_string() == "1536Mi");
    CHECK((q("1") - q("500m")).to_string() == "500m");
    CHECK((q("100m") + q("100m")).to_string() == "200m");
    CHECK((q("1") + q("0")).to_string() == "1");
    CHECK((-q("1Gi")).to_string() == "-1Gi");
    // A kept spelling is dropped once the value changes.
    auto cpu = q("100m");
    cpu += q("900m");
    CHECK(cpu.to_string() == "1");
    auto big = quantity::from_milli(std::numeric_limits<std::int64_t>::max());
    big += q("1");
    CHECK(big.milli_value() == std::numeric_limits<std::int64_t>::max());  // saturates
}

TEST_CASE("format names") {
    CHECK(kubesim::api::to_string(quantity_format::binary_si) == "BinarySI");
    CHECK(kubesim::api::to_string(quantity_format::decimal_si) == "DecimalSI");
    CHECK(kubesim::api::to_string(quantity_format::decimal_exponent) == "DecimalExponent");
}

}  // TEST_SUITE
