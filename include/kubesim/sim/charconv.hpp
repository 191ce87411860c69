// Floating-point std::to_chars and std::from_chars, or the same results where the
// standard library lacks them. libc++ 13 (Debian's emscripten, the WebAssembly
// build) has neither; libc++ has floating-point from_chars only from 20. Every
// other library here gets std's own, unchanged (these are inline forwards).
//
// The fallbacks follow the standard's definitions through the C library:
// - to_chars without a precision is "the shortest representation that reads back
//   as the same value", printf-style: the smallest printf precision whose output
//   strtod reads back exactly. Worked example: 0.1 in scientific: "%.0e" gives
//   "1e-01", which reads back as 0.1 exactly, so the answer is "1e-01"; 1.0/3 needs
//   "%.15e" = "3.333333333333333e-01". scientific and fixed only (what kubectl's
//   number printers use).
// - from_chars takes the longest prefix of the from_chars pattern ([-] digits
//   [. digits] [e [+-] digits], or inf, infinity, nan) and reads it with strtod;
//   out of range leaves the value unchanged, as the standard says.
// printf and strtod read the C locale's decimal point: a program of kubesim's
// does not change the locale (and the WebAssembly C library has only "C").
#pragma once

#include <charconv>
#include <system_error>

#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 14000
#define KUBESIM_FLOAT_TO_CHARS_FALLBACK 1
#endif
#if defined(_LIBCPP_VERSION) && _LIBCPP_VERSION < 200000
#define KUBESIM_FLOAT_FROM_CHARS_FALLBACK 1
#endif

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace kubesim::sim {

// The fallbacks, compiled everywhere so that native tests hold them to the
// standard library's results (tests/sim/charconv.cpp).
namespace detail {

template <class F>
inline std::to_chars_result shortest_float_chars(char* first, char* last, F v, std::chars_format fmt) {
    char buf[512];  // fixed notation of the largest double: 309 digits; of the smallest: 5e-324, 327 characters
    int n = 0;
    if (std::isnan(v)) {
        n = std::snprintf(buf, sizeof buf, "%s", std::signbit(v) ? "-nan" : "nan");
    } else if (std::isinf(v)) {
        n = std::snprintf(buf, sizeof buf, "%s", v < 0 ? "-inf" : "inf");
    } else {
        const bool fixed = fmt == std::chars_format::fixed;
        const int max_precision = fixed ? 400 : 20;
        for (int p = 0; p <= max_precision; ++p) {
            n = std::snprintf(buf, sizeof buf, fixed ? "%.*f" : "%.*e", p, static_cast<double>(v));
            if (n <= 0 || n >= static_cast<int>(sizeof buf)) return {last, std::errc::value_too_large};
            bool same = false;
            if constexpr (sizeof(F) == sizeof(float))
                same = std::strtof(buf, nullptr) == v;
            else
                same = std::strtod(buf, nullptr) == v;
            if (same) break;
        }
    }
    if (n > last - first) return {last, std::errc::value_too_large};
    std::memcpy(first, buf, static_cast<std::size_t>(n));
    return {first + n, std::errc{}};
}

inline bool chars_iequal(const char* p, const char* last, const char* word) {
    const auto len = std::strlen(word);
    if (static_cast<std::size_t>(last - p) < len) return false;
    for (std::size_t i = 0; i < len; ++i)
        if ((p[i] | 0x20) != word[i]) return false;
    return true;
}

inline std::from_chars_result from_chars_fallback(const char* first, const char* last, double& value,
                                                  std::chars_format fmt) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    const char* p = first;
    if (p != last && *p == '-') ++p;
    const char* end = nullptr;
    if (chars_iequal(p, last, "inf")) {
        end = p + (chars_iequal(p, last, "infinity") ? 8 : 3);
    } else if (chars_iequal(p, last, "nan")) {
        end = p + 3;
        if (end != last && *end == '(') {
            const char* q = end + 1;
            while (q != last && (digit(*q) || *q == '_' || ((*q | 0x20) >= 'a' && (*q | 0x20) <= 'z'))) ++q;
            if (q != last && *q == ')') end = q + 1;
        }
    } else {
        const char* q = p;
        while (q != last && digit(*q)) ++q;
        bool any = q != p;
        if (q != last && *q == '.') {
            const char* f = q + 1;
            while (f != last && digit(*f)) ++f;
            if (any || f != q + 1) {
                any = true;
                q = f;
            }
        }
        if (!any) return {first, std::errc::invalid_argument};
        if (fmt != std::chars_format::fixed && q != last && (*q == 'e' || *q == 'E')) {
            const char* e = q + 1;
            if (e != last && (*e == '+' || *e == '-')) ++e;
            const char* d = e;
            while (d != last && digit(*d)) ++d;
            if (d != e) q = d;
        }
        end = q;
    }
    const std::string text(first, end);
    errno = 0;
    const double v = std::strtod(text.c_str(), nullptr);
    if (errno == ERANGE && (v == 0 || std::isinf(v))) return {end, std::errc::result_out_of_range};
    value = v;
    return {end, std::errc{}};
}
}  // namespace detail

inline std::to_chars_result to_chars(char* first, char* last, double v, std::chars_format fmt) {
#if defined(KUBESIM_FLOAT_TO_CHARS_FALLBACK)
    return detail::shortest_float_chars(first, last, v, fmt);
#else
    return std::to_chars(first, last, v, fmt);
#endif
}
inline std::to_chars_result to_chars(char* first, char* last, float v, std::chars_format fmt) {
#if defined(KUBESIM_FLOAT_TO_CHARS_FALLBACK)
    return detail::shortest_float_chars(first, last, v, fmt);
#else
    return std::to_chars(first, last, v, fmt);
#endif
}
inline std::from_chars_result from_chars(const char* first, const char* last, double& value,
                                         std::chars_format fmt = std::chars_format::general) {
#if defined(KUBESIM_FLOAT_FROM_CHARS_FALLBACK)
    return detail::from_chars_fallback(first, last, value, fmt);
#else
    return std::from_chars(first, last, value, fmt);
#endif
}

}  // namespace kubesim::sim
