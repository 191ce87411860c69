// Sharding a seed sweep (testing/shard.hpp): shards cover the range exactly
// once, in contiguous blocks whose sizes differ by at most one; the Indexed
// Job's variables are read strictly.
#include <doctest/doctest.h>

#include <kubesim/errors.hpp>
#include <kubesim/kubectl/yaml.hpp>
#include <kubesim/testing/shard.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <limits>
#include <map>
#include <string>
#include <vector>

namespace t = kubesim::testing;

TEST_SUITE("testing/shard") {
    TEST_CASE("shards cover the range exactly once, in order, evenly") {
        for (std::uint64_t first : {std::uint64_t{0}, std::uint64_t{1}, std::uint64_t{1000}}) {
            for (std::uint64_t count = 0; count <= 40; ++count) {
                for (std::uint64_t n = 1; n <= 45; ++n) {
                    std::vector<int> hits(count, 0);
                    std::uint64_t next = first, smallest = count, largest = 0;
                    for (std::uint64_t k = 0; k < n; ++k) {
                        const auto r = t::shard_range(first, count, {k, n});
                        REQUIRE(r.first == next);  // contiguous, in shard order
                        for (std::uint64_t s = r.first; s < r.first + r.count; ++s) ++hits[s - first];
                        next = r.first + r.count;
                        smallest = std::min(smallest, r.count);
                        largest = std::max(largest, r.count);
                    }
                    REQUIRE(next == first + count);
                    for (int h : hits) REQUIRE(h == 1);
                    REQUIRE(largest - smallest <= 1);
                    if (n > count) REQUIRE(smallest == 0);  // more shards than seeds: some run nothing
                }
            }
        }
    }

    TEST_CASE("an uneven split gives the first shards one seed more") {
        CHECK(t::shard_range(100, 10, {0, 3}) == t::seed_range{100, 4});
        CHECK(t::shard_range(100, 10, {1, 3}) == t::seed_range{104, 3});
        CHECK(t::shard_range(100, 10, {2, 3}) == t::seed_range{107, 3});
        CHECK(t::shard_range(0, 1000, {9, 10}) == t::seed_range{900, 100});
        CHECK(t::shard_range(5, 2, {3, 4}) == t::seed_range{7, 0});
        const auto max = std::numeric_limits<std::uint64_t>::max();
        CHECK(t::shard_range(max - 10, 10, {1, 2}) == t::seed_range{max - 5, 5});
    }

    TEST_CASE("bad shards and ranges are usage errors") {
        CHECK_THROWS_AS((void)t::shard_range(0, 10, {0, 0}), kubesim::usage_error);
        CHECK_THROWS_AS((void)t::shard_range(0, 10, {3, 3}), kubesim::usage_error);
        CHECK_THROWS_AS((void)t::shard_range(std::numeric_limits<std::uint64_t>::max(), 2, {0, 1}),
                        kubesim::usage_error);
    }

    TEST_CASE("the Job's variables") {
        CHECK(t::parse_shard(nullptr, nullptr) == t::shard{0, 1});
        CHECK(t::parse_shard("0", "1") == t::shard{0, 1});
        CHECK(t::parse_shard("7", "8") == t::shard{7, 8});
        CHECK(t::parse_shard("18446744073709551614", "18446744073709551615") ==
              t::shard{18446744073709551614ULL, 18446744073709551615ULL});
        auto error = [](const char* i, const char* n) {
            try {
                (void)t::parse_shard(i, n);
            } catch (const kubesim::usage_error& e) {
                return std::string(e.what());
            }
            return std::string("no error");
        };
        CHECK(error("3", nullptr).find("JOB_COMPLETIONS is not") != std::string::npos);
        CHECK(error(nullptr, "3").find("JOB_COMPLETION_INDEX is not") != std::string::npos);
        CHECK(error("3", "3") == "[kubesim.testing.shard] JOB_COMPLETION_INDEX=\"3\" is not below JOB_COMPLETIONS=\"3\"");
        CHECK(error("0", "0") == "[kubesim.testing.shard] JOB_COMPLETIONS=\"0\": needs at least 1");
        CHECK(error("-1", "3") == "[kubesim.testing.shard] JOB_COMPLETION_INDEX=\"-1\": not a decimal integer");
        CHECK(error("1", "") == "[kubesim.testing.shard] JOB_COMPLETIONS=\"\": empty; expected a decimal integer");
        CHECK(error(" 1", "3").find("not a decimal integer") != std::string::npos);
        CHECK(error("1x", "3").find("not a decimal integer") != std::string::npos);
        CHECK(error("0", "18446744073709551616").find("too large") != std::string::npos);
    }

    TEST_CASE("for_each_seed runs this shard's seeds from the environment") {
        std::vector<std::uint64_t> seen;
        ::unsetenv("JOB_COMPLETION_INDEX");
        ::unsetenv("JOB_COMPLETIONS");
        auto r = t::for_each_seed(10, 5, [&](std::uint64_t s) { seen.push_back(s); });
        CHECK(r == t::seed_range{10, 5});
        CHECK(seen == std::vector<std::uint64_t>{10, 11, 12, 13, 14});

        seen.clear();
        ::setenv("JOB_COMPLETION_INDEX", "1", 1);
        ::setenv("JOB_COMPLETIONS", "2", 1);
        r = t::for_each_seed(10, 5, [&](std::uint64_t s) { seen.push_back(s); });
        CHECK(r == t::seed_range{13, 2});
        CHECK(seen == std::vector<std::uint64_t>{13, 14});

        ::setenv("JOB_COMPLETIONS", "x", 1);
        CHECK_THROWS_AS(t::for_each_seed(10, 5, [](std::uint64_t) {}), kubesim::usage_error);
        ::unsetenv("JOB_COMPLETION_INDEX");
        ::unsetenv("JOB_COMPLETIONS");
    }

    TEST_CASE("the example Indexed Job's shards cover its seed range exactly once") {
        std::ifstream in(KUBESIM_SOURCE_ROOT "/examples/property-sweep-job.yaml");
        REQUIRE(in);
        std::stringstream text;
        text << in.rdbuf();
        const auto docs = kubesim::kubectl::parse_yaml_stream(text.str());
        REQUIRE(docs.size() == 1);
        const auto& job = docs[0].value;
        CHECK(job["kind"] == "Job");
        CHECK(job["spec"]["completionMode"] == "Indexed");
        const auto completions = job["spec"]["completions"].get<std::uint64_t>();
        CHECK(job["spec"]["parallelism"].get<std::uint64_t>() <= completions);
        std::map<std::string, std::string> env;
        for (const auto& e : job["spec"]["template"]["spec"]["containers"][0]["env"])
            env[e["name"].get<std::string>()] = e["value"].get<std::string>();
        REQUIRE(env.count("JOB_COMPLETIONS") == 1);
        CHECK(env["JOB_COMPLETIONS"] == std::to_string(completions));
        const auto first = std::stoull(env["KUBESIM_PROPERTY_FIRST"]);
        const auto count = std::stoull(env["KUBESIM_PROPERTY_SEEDS"]);
        std::uint64_t next = first;
        for (std::uint64_t k = 0; k < completions; ++k) {
            // What each pod computes from the variables the Job gives it.
            const auto s = t::parse_shard(std::to_string(k).c_str(), env["JOB_COMPLETIONS"].c_str());
            const auto r = t::shard_range(first, count, s);
            CHECK(r.first == next);
            CHECK(r.count == count / completions);
            next = r.first + r.count;
        }
        CHECK(next == first + count);
    }
}
