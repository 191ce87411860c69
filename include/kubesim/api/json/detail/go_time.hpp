// Reading metav1.Time and metav1.MicroTime the way the API server does: Go's
// time.Parse with layout RFC3339 ("2006-01-02T15:04:05Z07:00") or RFC3339Micro
// ("2006-01-02T15:04:05.000000Z07:00"), including its error text, e.g.
//   parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006"
//   parsing time "2025-13-01T00:00:00Z": month out of range
// Only the layout elements these two layouts use are implemented.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::json::detail {

struct go_time_result {
    std::optional<sim::time_point> value{};
    std::string error{};  // time.ParseError.Error() when value is empty
};

// Go's time.Parse(time.RFC3339, input), or time.RFC3339Micro when `micro`.
[[nodiscard]] KUBESIM_DECL go_time_result parse_go_time(std::string_view input, bool micro);

}  // namespace kubesim::api::json::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/detail/go_time.ipp>
#endif
