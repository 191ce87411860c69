#pragma once

#include <kubesim/testing/shard.hpp>

#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>

#include <kubesim/errors.hpp>

namespace kubesim::testing {

KUBESIM_DECL seed_range shard_range(std::uint64_t first, std::uint64_t count, shard s) {
    if (s.count == 0) throw usage_error("[kubesim.testing.shard] a sweep needs at least one shard (completions 0)");
    if (s.index >= s.count)
        throw usage_error("[kubesim.testing.shard] shard index " + std::to_string(s.index) +
                          " is not below the shard count " + std::to_string(s.count));
    if (count > std::numeric_limits<std::uint64_t>::max() - first)
        throw usage_error("[kubesim.testing.seed_range] the seeds " + std::to_string(first) + " + " +
                          std::to_string(count) + " overflow 64 bits");
    const std::uint64_t base = count / s.count;
    const std::uint64_t extra = count % s.count;  // the first `extra` shards run one seed more
    const std::uint64_t before = s.index < extra ? s.index : extra;
    return seed_range{first + s.index * base + before, base + (s.index < extra ? 1 : 0)};
}

namespace detail {

// A decimal integer, digits only (no sign, no spaces), that fits 64 bits.
KUBESIM_DECL std::uint64_t parse_shard_number(const char* name, const char* text) {
    const std::string_view s(text);
    auto bad = [&](const char* why) {
        return usage_error(std::string("[kubesim.testing.shard] ") + name + "=\"" + std::string(s) + "\": " + why);
    };
    if (s.empty()) throw bad("empty; expected a decimal integer");
    std::uint64_t v = 0;
    for (char ch : s) {
        if (ch < '0' || ch > '9') throw bad("not a decimal integer");
        const auto digit = static_cast<std::uint64_t>(ch - '0');
        if (v > (std::numeric_limits<std::uint64_t>::max() - digit) / 10) throw bad("too large");
        v = v * 10 + digit;
    }
    return v;
}

}  // namespace detail

KUBESIM_DECL shard parse_shard(const char* job_completion_index, const char* job_completions) {
    if (!job_completion_index && !job_completions) return shard{};
    if (!job_completions)
        throw usage_error(
            "[kubesim.testing.shard] JOB_COMPLETION_INDEX is set but JOB_COMPLETIONS is not: set it in the "
            "Job's pod template to the Job's spec.completions");
    if (!job_completion_index)
        throw usage_error(
            "[kubesim.testing.shard] JOB_COMPLETIONS is set but JOB_COMPLETION_INDEX is not: run as an Indexed "
            "Job (completionMode: Indexed) or set both");
    const shard s{detail::parse_shard_number("JOB_COMPLETION_INDEX", job_completion_index),
                  detail::parse_shard_number("JOB_COMPLETIONS", job_completions)};
    if (s.count == 0) throw usage_error("[kubesim.testing.shard] JOB_COMPLETIONS=\"0\": needs at least 1");
    if (s.index >= s.count)
        throw usage_error("[kubesim.testing.shard] JOB_COMPLETION_INDEX=\"" + std::string(job_completion_index) +
                          "\" is not below JOB_COMPLETIONS=\"" + std::string(job_completions) + "\"");
    return s;
}

KUBESIM_DECL shard shard_from_env() {
    return parse_shard(std::getenv("JOB_COMPLETION_INDEX"), std::getenv("JOB_COMPLETIONS"));
}

KUBESIM_DECL seed_range for_each_seed(std::uint64_t first, std::uint64_t count,
                                      const std::function<void(std::uint64_t seed)>& fn) {
    const seed_range r = shard_range(first, count, shard_from_env());
    for (std::uint64_t i = 0; i < r.count; ++i) fn(r.first + i);
    return r;
}

}  // namespace kubesim::testing
