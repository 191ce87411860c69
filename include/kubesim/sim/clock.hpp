// Simulated time. sim::clock counts int64 microseconds since the simulation
// epoch, 2025-01-01T00:00:00Z. It has no static now(): the current time belongs
// to an engine, never to a global (several engines may coexist).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <kubesim/config.hpp>

namespace kubesim::sim {

struct clock {
    using rep = std::int64_t;
    using period = std::micro;
    using duration = std::chrono::duration<rep, period>;
    using time_point = std::chrono::time_point<clock, duration>;
    static constexpr bool is_steady = true;
};

using duration = clock::duration;
using time_point = clock::time_point;

// Unix time of the simulation epoch (2025-01-01T00:00:00Z).
inline constexpr std::int64_t epoch_unix_seconds = 1735689600;

namespace detail {
// Days since 1970-01-01 <-> civil date (H. Hinnant's algorithms).
KUBESIM_DECL void civil_from_days(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d);
KUBESIM_DECL std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d);
KUBESIM_DECL void put2(std::string& s, unsigned v);
KUBESIM_DECL std::int64_t floor_div(std::int64_t a, std::int64_t b);
}  // namespace detail

// RFC 3339 with second precision, as metav1.Time serializes: "2025-01-01T00:00:05Z".
[[nodiscard]] KUBESIM_DECL std::string to_rfc3339(time_point t, bool micros = false);

// RFC 3339 micro-precision, as metav1.MicroTime serializes.
[[nodiscard]] inline std::string to_rfc3339_micro(time_point t) { return to_rfc3339(t, true); }

// Parses "YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm)". nullopt when malformed.
[[nodiscard]] KUBESIM_DECL std::optional<time_point> parse_rfc3339(std::string_view s);

// "12.345678s": a compact rendering for traces and transcripts.
[[nodiscard]] KUBESIM_DECL std::string format_offset(time_point t);

// time.Duration.String(): "0s", "1.5s", "1m0s", "500ms", "2h0m0s", "250µs".
[[nodiscard]] KUBESIM_DECL std::string go_duration(duration d);

}  // namespace kubesim::sim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/sim/clock.ipp>
#endif
