// Standard base64 (RFC 4648, padded) for Secret.data and ConfigMap.binaryData,
// which Go's encoding/json writes for []byte. Decoding follows Go's
// base64.StdEncoding: '\r' and '\n' are skipped, padding is required, and a bad
// input is reported as "illegal base64 data at input byte N" with Go's offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kubesim::api::json::detail {

inline constexpr std::string_view base64_alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

[[nodiscard]] inline std::string base64_encode(std::string_view in) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 3 <= in.size(); i += 3) {
        const std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8 |
                                static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 2]));
        out += base64_alphabet[v >> 18 & 63];
        out += base64_alphabet[v >> 12 & 63];
        out += base64_alphabet[v >> 6 & 63];
        out += base64_alphabet[v & 63];
    }
    const std::size_t rest = in.size() - i;
    if (rest > 0) {
        std::uint32_t v = static_cast<std::uint32_t>(static_cast<unsigned char>(in[i])) << 16;
        if (rest == 2) v |= static_cast<std::uint32_t>(static_cast<unsigned char>(in[i + 1])) << 8;
        out += base64_alphabet[v >> 18 & 63];
        out += base64_alphabet[v >> 12 & 63];
        out += rest == 2 ? base64_alphabet[v >> 6 & 63] : '=';
        out += '=';
    }
    return out;
}

namespace base64_impl {
[[nodiscard]] inline int value_of(char c) {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
}
[[nodiscard]] inline bool is_newline(char c) { return c == '\n' || c == '\r'; }
}  // namespace base64_impl

// Decodes `in` into `out`. On failure returns false and sets `bad_offset` to the
// byte offset Go's CorruptInputError would carry.
[[nodiscard]] inline bool base64_decode(std::string_view in, std::string& out, std::size_t& bad_offset) {
    using base64_impl::is_newline;
    out.clear();
    out.reserve(in.size() / 4 * 3);
    std::size_t i = 0;
    for (;;) {
        std::uint32_t quantum = 0;
        std::size_t n = 0;  // significant characters read in this quantum
        bool padded = false;
        while (n < 4) {
            if (i == in.size()) {
                if (n == 0) return true;
                // A partial quantum at the end: padding was required.
                bad_offset = i - n;
                return false;
            }
            const char c = in[i++];
            const int v = base64_impl::value_of(c);
            if (v >= 0) {
                quantum = quantum << 6 | static_cast<std::uint32_t>(v);
                ++n;
                continue;
            }
            if (is_newline(c)) continue;
            if (c != '=' || n < 2) {
                bad_offset = i - 1;
                return false;
            }
            if (n == 2) {  // "==" expected: the second '=' must follow (newlines aside)
                while (i < in.size() && is_newline(in[i])) ++i;
                if (i == in.size()) {
                    bad_offset = in.size();
                    return false;
                }
                if (in[i] != '=') {
                    bad_offset = i - 1;
                    return false;
                }
                ++i;
            }
            while (i < in.size() && is_newline(in[i])) ++i;
            if (i < in.size()) {  // data after the padding
                bad_offset = i;
                return false;
            }
            padded = true;
            break;
        }
        if (!padded) {
            out += static_cast<char>(quantum >> 16 & 0xff);
            out += static_cast<char>(quantum >> 8 & 0xff);
            out += static_cast<char>(quantum & 0xff);
            continue;
        }
        quantum <<= 6 * (4 - n);
        out += static_cast<char>(quantum >> 16 & 0xff);
        if (n == 3) out += static_cast<char>(quantum >> 8 & 0xff);
        return true;
    }
}

}  // namespace kubesim::api::json::detail
