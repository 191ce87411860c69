// UTF-8 as Go's API server sees it. encoding/json decodes a string that is not
// valid UTF-8 by replacing each byte that does not start a well-formed sequence
// with U+FFFD (and encodes such a string the same way), so an object never holds
// invalid UTF-8 once it has been through the API server. The decoders here do
// the same: nothing past them sees a byte that nlohmann's serialiser (or a
// browser) would refuse.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include <kubesim/config.hpp>

namespace kubesim::api::utf8 {

// U+FFFD REPLACEMENT CHARACTER, encoded.
inline constexpr std::string_view replacement = "\xEF\xBF\xBD";

/// True when `s` is well-formed UTF-8 (utf8.ValidString): no stray
/// continuation bytes, overlong forms, surrogates or code points past U+10FFFF.
/// ASCII is checked eight bytes at a time.
[[nodiscard]] KUBESIM_DECL bool valid(std::string_view s) noexcept;

/// The length of the well-formed sequence that starts at s[i] (1 to 4), or 0
/// when the byte there starts none (utf8.DecodeRune's RuneError of width 1).
[[nodiscard]] KUBESIM_DECL std::size_t sequence_length(std::string_view s, std::size_t i) noexcept;

/// `s` with every byte that starts no well-formed sequence replaced by U+FFFD,
/// as encoding/json decodes it: "a\xFFb" -> "a\uFFFDb", a truncated
/// "\xE2\x82" -> two U+FFFD.
[[nodiscard]] KUBESIM_DECL std::string to_valid(std::string_view s);

/// The same in place; returns whether anything was replaced.
KUBESIM_DECL bool make_valid(std::string& s);

/// JSON text (already known to be syntactically valid) with its string literals
/// made what encoding/json decodes them to, in a form nlohmann's parser
/// accepts: bytes that are not UTF-8 become U+FFFD, and so does a \u escape of
/// a surrogate that is not half of a pair ("\ud800" -> "\ufffd"). Text
/// outside the string literals is copied unchanged.
[[nodiscard]] KUBESIM_DECL std::string json_text_to_valid(std::string_view text);

}  // namespace kubesim::api::utf8

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/utf8.ipp>
#endif
