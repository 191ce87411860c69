#include <doctest/doctest.h>

#include <kubesim/sim/charconv.hpp>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

// The fallbacks of sim/charconv.hpp (what the WebAssembly build's libc++ 13
// uses) against the standard library's floating-point to_chars/from_chars.
namespace {

namespace detail = kubesim::sim::detail;

std::vector<double> sample_doubles() {
    std::vector<double> v = {0.0, -0.0, 0.1, 0.5, 1.0, -2.5, 1.0 / 3, 2.0 / 3, 1e7, 1.5e7, 123456789012345678901234.0,
                             1e-7, 1e-6, 3e-5, 1e21, 1e22, 1e23, 9007199254740993.0, 5e-324,
                             std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity()};
    // Bit patterns from a fixed LCG: finite doubles of every magnitude.
    std::uint64_t x = 0x9e3779b97f4a7c15ULL;
    while (v.size() < 600) {
        x = x * 6364136223846793005ULL + 1442695040888963407ULL;
        double d = 0;
        std::memcpy(&d, &x, sizeof d);
        if (std::isfinite(d)) v.push_back(d);
    }
    // Numbers as manifests carry them: a few decimals.
    for (int i = 0; i < 200; ++i) v.push_back(static_cast<double>(i * 37 % 1000) / 8.0 + static_cast<double>(i) * 0.01);
    return v;
}

template <class F>
std::string fallback(F v, std::chars_format fmt) {
    char buf[600];
    auto r = detail::shortest_float_chars(buf, buf + sizeof buf, v, fmt);
    REQUIRE(r.ec == std::errc{});
    return std::string(buf, r.ptr);
}

template <class F>
std::string standard(F v, std::chars_format fmt) {
    char buf[600];
    auto r = std::to_chars(buf, buf + sizeof buf, v, fmt);
    REQUIRE(r.ec == std::errc{});
    return std::string(buf, r.ptr);
}

}  // namespace

TEST_CASE("charconv fallback: shortest scientific and fixed text equals std::to_chars") {
    for (double d : sample_doubles()) {
        CAPTURE(d);
        CHECK(fallback(d, std::chars_format::scientific) == standard(d, std::chars_format::scientific));
        if (std::fabs(d) < 1e30 || std::isinf(d))
            CHECK(fallback(d, std::chars_format::fixed) == standard(d, std::chars_format::fixed));
        const auto f = static_cast<float>(d);
        CHECK(fallback(f, std::chars_format::scientific) == standard(f, std::chars_format::scientific));
    }
}

TEST_CASE("charconv fallback: too small a buffer is value_too_large") {
    char buf[3];
    CHECK(detail::shortest_float_chars(buf, buf + sizeof buf, 1.0 / 3, std::chars_format::scientific).ec ==
          std::errc::value_too_large);
}

TEST_CASE("charconv fallback: from_chars reads what std::from_chars reads") {
    const char* inputs[] = {"1.5",   "-0.25e3", "1e",       "1e+",    "1E-2x", "inf",  "-Infinity", "INFx",
                            "nan",   "nan(x1)", "nan(",     "x",      ".5",    "5.",   ".",         "-",
                            "1e-400", "1e400",  "+1",       "0x10",   "12abc", "-0",   "007",       "1.7976931348623157e308",
                            "4.9e-324", "2.2250738585072014e-308", "123456789012345678901234567890"};
    for (const char* in : inputs) {
        CAPTURE(in);
        const char* end = in + std::strlen(in);
        double a = -99, b = -99;
        auto ra = detail::from_chars_fallback(in, end, a, std::chars_format::general);
        auto rb = std::from_chars(in, end, b);
        CHECK(ra.ec == rb.ec);
        CHECK(ra.ptr - in == rb.ptr - in);
        if (std::isnan(b))
            CHECK(std::isnan(a));
        else
            CHECK(std::memcmp(&a, &b, sizeof a) == 0);
    }
}
