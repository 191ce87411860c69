// Definitions of store/compact.hpp.
#pragma once

#include <kubesim/store/compact.hpp>

#include <algorithm>
#include <array>
#include <bit>

namespace kubesim::store::compact {

namespace detail {

// The strings Events repeat: a string equal to one of them is written as its index.
inline constexpr std::array<std::string_view, 40> words = {
    "v1", "Pod", "Node", "Service", "ReplicaSet", "Deployment", "apps/v1", "EndpointSlice", "Normal", "Warning",
    "kubelet", "default-scheduler", "replicaset-controller", "deployment-controller", "endpoint-slice-controller",
    "default", "kube-system", "Scheduled", "Pulling", "Pulled", "Created", "Started", "Killing", "BackOff", "Unhealthy",
    "Failed", "FailedScheduling", "SuccessfulCreate", "SuccessfulDelete", "ScalingReplicaSet", "spec.containers{",
    "spec.initContainers{", "Successfully assigned ", "Container image \"", "Pulling image \"",
    "Successfully pulled image \"", "Created container: ", "Started container ", "Created pod: ",
    "Scaled up replica set "};

// The words by first byte: bit i of by_first[c] says words[i] starts with c.
inline constexpr std::array<std::uint64_t, 256> words_by_first = [] {
    std::array<std::uint64_t, 256> t{};
    for (std::size_t i = 0; i < words.size(); ++i) t[static_cast<unsigned char>(words[i][0])] |= std::uint64_t{1} << i;
    return t;
}();
static_assert(words.size() <= 64);

}  // namespace detail

void writer::string(std::string_view s) {
    if (strings_ == 0) plain_.reserve(16);  // an Event has about a dozen: one allocation, not five
    if (strings_++ < 2 || s.empty()) return plain(s);  // the key's two, and "" (one byte)
    const auto& words = detail::words;
    // The word or earlier plain string that s equals, or shares the
    // longest start with.
    std::size_t best = 0, best_len = 0;
    // Only candidates with s's first byte (neither is empty), words first.
    auto consider = [&](std::size_t i, std::string_view t) {
        const std::size_t n = std::min(s.size(), t.size());
        std::size_t k = 1;
        while (k < n && s[k] == t[k]) ++k;
        if (k == s.size() && k == t.size()) return true;
        if (k > best_len) best = i, best_len = k;
        return false;
    };
    for (std::uint64_t m = detail::words_by_first[static_cast<unsigned char>(s.front())]; m != 0; m &= m - 1) {
        const auto i = static_cast<std::size_t>(std::countr_zero(m));
        if (consider(i, words[i])) return copy(i);
    }
    for (std::size_t j = 0; j < plain_.size(); ++j)
        if (plain_[j].front() == s.front() && consider(words.size() + j, plain_[j])) return copy(words.size() + j);
    if (detail::is_uuid(s)) {
        uvarint(3);
        for (std::size_t i = 0; i < s.size(); i += 2) {
            if (s[i] == '-') ++i;
            out_.push_back(static_cast<char>(detail::hex_value(s[i]) << 4 | detail::hex_value(s[i + 1])));
        }
        return;
    }
    if (best_len < 4) return plain(s);
    uvarint((static_cast<std::uint64_t>(best) << 2) | 2);
    uvarint(best_len);
    uvarint(s.size() - best_len);
    out_.append(s.substr(best_len));
}

void reader::string(std::string& out) {
    const std::uint64_t h = uvarint();
    const std::size_t n = static_cast<std::size_t>(h >> 2);
    switch (h & 3) {
        case 0: {
            if (plain_.empty()) plain_.reserve(16);
            const auto s = bytes(n);
            if (!s.empty()) plain_.push_back(s);
            out = s;
            return;
        }
        case 1: out = ref(n); return;
        case 2: {
            const auto k = static_cast<std::size_t>(uvarint());
            out = ref(n).substr(0, k);
            out += bytes();
            return;
        }
        default: {
            static constexpr char hex[] = "0123456789abcdef";
            out.clear();
            const auto raw = bytes(16);
            for (std::size_t i = 0; i < raw.size(); ++i) {
                if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
                const auto b = static_cast<unsigned char>(raw[i]);
                out += hex[b >> 4];
                out += hex[b & 15];
            }
        }
    }
}

std::string_view reader::ref(std::size_t i) const {
    const auto& words = detail::words;
    if (i < words.size()) return words[i];
    return i - words.size() < plain_.size() ? plain_[i - words.size()] : std::string_view{};
}

key key_of(std::string_view bytes) {
    reader r(bytes);
    const auto ns = r.plain();
    const auto name = r.plain();
    return {ns, name};
}

}  // namespace kubesim::store::compact
