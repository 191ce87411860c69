// sim::random: a seeded generator with our own distributions. The standard's
// engines are specified but its distributions are not (libstdc++ and libc++
// differ), so everything here is written out: xoshiro256** seeded through
// SplitMix64, Lemire's unbiased bounded integers, Fisher-Yates shuffles.
// fork(name) derives an independent stream from the *seed* and a name, so that
// drawing more numbers in one subsystem never perturbs another.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

#include <kubesim/config.hpp>
#include <kubesim/sim/hash.hpp>

namespace kubesim::sim {

namespace detail {
__extension__ typedef unsigned __int128 uint128;  // Lemire's multiply-shift
}

class random {
public:
    explicit random(std::uint64_t seed = 0) noexcept : seed_(seed) {
        std::uint64_t x = seed;
        for (auto& s : s_) s = splitmix64(x);
    }

    [[nodiscard]] std::uint64_t seed() const noexcept { return seed_; }

    // The next 64 random bits (xoshiro256**).
    std::uint64_t next() noexcept {
        const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
        const std::uint64_t t = s_[1] << 17;
        s_[2] ^= s_[0];
        s_[3] ^= s_[1];
        s_[1] ^= s_[2];
        s_[0] ^= s_[3];
        s_[2] ^= t;
        s_[3] = rotl(s_[3], 45);
        return result;
    }

    // Uniform in [0, n), unbiased (Lemire 2019). n must be > 0.
    std::uint64_t below(std::uint64_t n) noexcept {
        KUBESIM_ASSERT(n > 0, "random::below(0)");
        detail::uint128 m = static_cast<detail::uint128>(next()) * n;
        auto low = static_cast<std::uint64_t>(m);
        if (low < n) {
            const std::uint64_t threshold = (0 - n) % n;
            while (low < threshold) {
                m = static_cast<detail::uint128>(next()) * n;
                low = static_cast<std::uint64_t>(m);
            }
        }
        return static_cast<std::uint64_t>(m >> 64);
    }

    // Uniform in [lo, hi], inclusive.
    std::int64_t between(std::int64_t lo, std::int64_t hi) noexcept {
        KUBESIM_ASSERT(lo <= hi, "random::between with lo > hi");
        const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo);
        if (span == UINT64_MAX) return static_cast<std::int64_t>(next());
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + below(span + 1));
    }

    // true with probability num/den.
    bool chance(std::uint64_t num, std::uint64_t den) noexcept { return below(den) < num; }

    // Fisher-Yates over a random-access range.
    template <class It>
    void shuffle(It first, It last) noexcept {
        const auto n = static_cast<std::uint64_t>(last - first);
        for (std::uint64_t i = n; i > 1; --i) {
            const auto j = below(i);
            using std::swap;
            swap(first[static_cast<std::ptrdiff_t>(i - 1)], first[static_cast<std::ptrdiff_t>(j)]);
        }
    }

    // A uniformly chosen element of a non-empty random-access container.
    template <class C>
    auto& choice(C& c) noexcept {
        KUBESIM_ASSERT(!c.empty(), "random::choice of an empty container");
        return c[static_cast<std::size_t>(below(c.size()))];
    }

    KUBESIM_DECL std::string string(std::size_t n, std::string_view alphabet);

    // apimachinery util/rand.String: the alphabet generateName suffixes are drawn
    // from (no vowels, no confusable characters).
    static constexpr std::string_view k8s_alphabet = "bcdfghjklmnpqrstvwxz2456789";
    std::string k8s_string(std::size_t n = 5) { return string(n, k8s_alphabet); }

    // A version-4 UUID in its canonical text form, as metadata.uid.
    KUBESIM_DECL std::string uuid();

    // An independent stream for a named subsystem, derived from the seed alone.
    [[nodiscard]] random fork(std::string_view name) const noexcept {
        std::uint64_t x = seed_ ^ fnv1a{}.bytes(name).value();
        return random(splitmix64(x));
    }

private:
    static std::uint64_t splitmix64(std::uint64_t& x) noexcept {
        std::uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    static std::uint64_t rotl(std::uint64_t x, int k) noexcept { return (x << k) | (x >> (64 - k)); }

    std::uint64_t seed_;
    std::uint64_t s_[4]{};
};

}  // namespace kubesim::sim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/sim/random.ipp>
#endif
