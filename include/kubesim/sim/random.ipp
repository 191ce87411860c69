// Definitions of sim/random.hpp.
#pragma once

#include <kubesim/sim/random.hpp>

namespace kubesim::sim {

std::string random::string(std::size_t n, std::string_view alphabet) {
    std::string s(n, '\0');
    for (auto& ch : s) ch = alphabet[static_cast<std::size_t>(below(alphabet.size()))];
    return s;
}

std::string random::uuid() {
    const std::uint64_t hi = (next() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
    const std::uint64_t lo = (next() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
    static constexpr char hex[] = "0123456789abcdef";
    std::string s;
    s.reserve(36);
    for (int i = 15; i >= 0; --i) {
        s += hex[(hi >> (i * 4)) & 15];
        if (i == 8 || i == 4) s += '-';
    }
    s += '-';
    for (int i = 15; i >= 0; --i) {
        s += hex[(lo >> (i * 4)) & 15];
        if (i == 12) s += '-';
    }
    return s;
}

}  // namespace kubesim::sim
