// sim::fnv1a: the 64-bit FNV-1a hash, for fingerprints that must not depend on
// the standard library's std::hash (which differs between implementations).
// Used for trace fingerprints, random stream names, the store's interners and
// the event correlator's cache keys.
#pragma once

#include <cstdint>
#include <string_view>

namespace kubesim::sim {

class fnv1a {
public:
    fnv1a& byte(unsigned char c) noexcept {
        h_ ^= c;
        h_ *= 0x100000001b3ULL;
        return *this;
    }
    fnv1a& bytes(std::string_view s) noexcept {
        for (unsigned char c : s) byte(c);
        return *this;
    }
    // One field of a composite key: its bytes, then a byte no UTF-8 text
    // contains, so ("ab", "c") and ("a", "bc") differ.
    fnv1a& field(std::string_view s) noexcept { return bytes(s).byte(0xff); }
    [[nodiscard]] std::uint64_t value() const noexcept { return h_; }

private:
    std::uint64_t h_{0xcbf29ce484222325ULL};
};

}  // namespace kubesim::sim
