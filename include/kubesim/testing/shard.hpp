// Seed sweeps split across machines: for_each_seed runs the share of a range
// of seeds that belongs to this process, as a Kubernetes Indexed Job hands out
// shares (JOB_COMPLETION_INDEX, and JOB_COMPLETIONS set by the Job author to
// the Job's spec.completions).
//
// Shards are contiguous blocks: shard k of n over `count` seeds gets
// count / n seeds, and the first count % n shards one more, in order, so the
// shards together cover [first, first + count) exactly once. For example, 10
// seeds from 100 over 3 shards: shard 0 runs 100-103, shard 1 104-106, shard
// 2 107-109. A shard with nothing to run (n > count) runs no seed.
#pragma once

#include <cstdint>
#include <functional>

#include <kubesim/config.hpp>

namespace kubesim::testing {

// A half-open range of seeds: [first, first + count).
struct seed_range {
    std::uint64_t first{0};
    std::uint64_t count{0};
    bool operator==(const seed_range&) const = default;
};

// Which share of a sweep this process runs: shard `index` of `count`.
struct shard {
    std::uint64_t index{0};
    std::uint64_t count{1};
    bool operator==(const shard&) const = default;
};

// The seeds of shard s within [first, first + count). Throws usage_error
// [kubesim.testing.shard] when s.count is 0 or s.index >= s.count, or
// [kubesim.testing.seed_range] when first + count overflows.
[[nodiscard]] KUBESIM_DECL seed_range shard_range(std::uint64_t first, std::uint64_t count, shard s);

// The shard named by the two variables' values (null: unset). Both unset: the
// whole sweep ({0, 1}). Throws usage_error [kubesim.testing.shard] naming the
// variable when only one is set, a value is not a decimal integer, the
// completions are 0 or the index is not below them.
[[nodiscard]] KUBESIM_DECL shard parse_shard(const char* job_completion_index, const char* job_completions);

// parse_shard of the environment's JOB_COMPLETION_INDEX and JOB_COMPLETIONS.
[[nodiscard]] KUBESIM_DECL shard shard_from_env();

// Calls fn(seed) for every seed of this process's share of [first, first +
// count) (shard_from_env), in increasing order; returns the share.
KUBESIM_DECL seed_range for_each_seed(std::uint64_t first, std::uint64_t count,
                                      const std::function<void(std::uint64_t seed)>& fn);

}  // namespace kubesim::testing

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/testing/shard.ipp>
#endif
