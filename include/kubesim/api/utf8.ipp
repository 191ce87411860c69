// Definitions of api/utf8.hpp.
#pragma once

#include <kubesim/api/utf8.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace kubesim::api::utf8 {

std::size_t sequence_length(std::string_view s, std::size_t i) noexcept {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned c = byte(i);
    if (c < 0x80) return 1;
    // The second byte's range depends on the first (Unicode table 3-7): E0 and
    // F0 exclude overlong forms, ED excludes surrogates, F4 stops at U+10FFFF.
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (s.size() - i < n) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return n;
}

bool valid(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        // Eight ASCII bytes at a time: none has its top bit set.
        if (s.size() - i >= 8) {
            std::uint64_t w = 0;
            std::memcpy(&w, s.data() + i, 8);
            if ((w & 0x8080808080808080ULL) == 0) {
                i += 8;
                continue;
            }
        }
        const std::size_t n = sequence_length(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

std::string to_valid(std::string_view s) {
    std::string out;
    out.reserve(s.size() + 8);
    std::size_t i = 0;
    while (i < s.size()) {
        const std::size_t n = sequence_length(s, i);
        if (n == 0) {
            out += replacement;
            ++i;
        } else {
            out.append(s.data() + i, n);
            i += n;
        }
    }
    return out;
}

bool make_valid(std::string& s) {
    if (valid(s)) return false;
    s = to_valid(s);
    return true;
}

std::string json_text_to_valid(std::string_view text) {
    const auto hex4 = [&](std::size_t at, unsigned& out) {
        if (text.size() - at < 4) return false;
        out = 0;
        for (std::size_t k = at; k < at + 4; ++k) {
            const char c = text[k];
            unsigned d = 0;
            if (c >= '0' && c <= '9')
                d = static_cast<unsigned>(c - '0');
            else if (c >= 'a' && c <= 'f')
                d = static_cast<unsigned>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                d = static_cast<unsigned>(c - 'A' + 10);
            else
                return false;
            out = out * 16 + d;
        }
        return true;
    };
    std::string out;
    out.reserve(text.size() + 8);
    bool in_string = false;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (!in_string) {
            out += c;
            in_string = c == '"';
            ++i;
            continue;
        }
        if (c == '"') {
            out += c;
            in_string = false;
            ++i;
        } else if (c == '\\' && i + 1 < text.size() && text[i + 1] == 'u') {
            unsigned u = 0;
            if (!hex4(i + 2, u)) {  // not JSON: left for the parser to refuse
                out += text.substr(i, 2);
                i += 2;
                continue;
            }
            if (u >= 0xD800 && u <= 0xDBFF) {
                // A high surrogate stands only with a low one right after it.
                unsigned low = 0;
                if (i + 7 < text.size() && text[i + 6] == '\\' && text[i + 7] == 'u' && hex4(i + 8, low) &&
                    low >= 0xDC00 && low <= 0xDFFF) {
                    out += text.substr(i, 12);
                    i += 12;
                } else {
                    out += "\\ufffd";
                    i += 6;
                }
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                out += "\\ufffd";
                i += 6;
            } else {
                out += text.substr(i, 6);
                i += 6;
            }
        } else if (c == '\\') {
            out += text.substr(i, std::min<std::size_t>(2, text.size() - i));
            i += 2;
        } else if (static_cast<unsigned char>(c) < 0x80) {
            out += c;
            ++i;
        } else {
            const std::size_t n = sequence_length(text, i);
            if (n == 0) {
                out += replacement;
                ++i;
            } else {
                out += text.substr(i, n);
                i += n;
            }
        }
    }
    return out;
}

}  // namespace kubesim::api::utf8
