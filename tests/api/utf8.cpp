// api::utf8: validity and repair as Go's encoding/json decodes strings.
#include <doctest/doctest.h>

#include <kubesim/api/utf8.hpp>

#include <string>

namespace utf8 = kubesim::api::utf8;

TEST_SUITE("api/utf8") {
    TEST_CASE("valid: well-formed UTF-8 only") {
        CHECK(utf8::valid(""));
        CHECK(utf8::valid("plain ascii, longer than eight bytes"));
        CHECK(utf8::valid("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"));  // é € 😀
        CHECK(utf8::valid("\xF4\x8F\xBF\xBF"));                           // U+10FFFF
        CHECK_FALSE(utf8::valid("\xFF"));
        CHECK_FALSE(utf8::valid("0123456789\xFF"));    // past the eight-byte fast path
        CHECK_FALSE(utf8::valid("\xC0\x80"));          // overlong NUL
        CHECK_FALSE(utf8::valid("\xE0\x80\xAF"));      // overlong '/'
        CHECK_FALSE(utf8::valid("\xED\xA0\x80"));      // a surrogate, U+D800
        CHECK_FALSE(utf8::valid("\xF4\x90\x80\x80"));  // past U+10FFFF
        CHECK_FALSE(utf8::valid("\xE2\x82"));          // truncated
        CHECK_FALSE(utf8::valid("\x80"));              // a stray continuation byte
    }
    TEST_CASE("to_valid: one U+FFFD per byte that starts no sequence, as encoding/json") {
        const std::string r(utf8::replacement);
        CHECK(utf8::to_valid("a\xFF" "b") == "a" + r + "b");
        CHECK(utf8::to_valid("\xE2\x82") == r + r);
        CHECK(utf8::to_valid("\xE2\x82\xAC") == "\xE2\x82\xAC");
        CHECK(utf8::to_valid("\xC0\x80") == r + r);
        CHECK(utf8::to_valid("\xED\xA0\x80x") == r + r + r + "x");
        CHECK(utf8::to_valid("\xF0\x9F\x98") == r + r + r);
        std::string s = "ok";
        CHECK_FALSE(utf8::make_valid(s));
        s = "\xFE";
        CHECK(utf8::make_valid(s));
        CHECK(s == r);
    }
    TEST_CASE("json_text_to_valid: string literals as encoding/json decodes them") {
        CHECK(utf8::json_text_to_valid(R"({"a": "b"})") == R"({"a": "b"})");
        CHECK(utf8::json_text_to_valid("{\"a\xFF\": \"\xE2\x82\"}") ==
              "{\"a\xEF\xBF\xBD\": \"\xEF\xBF\xBD\xEF\xBF\xBD\"}");
        // Lone surrogate escapes become \ufffd; a pair stays.
        CHECK(utf8::json_text_to_valid(R"(["\ud800", "\udc00x", "\ud83d\ude00", "\ud800\u0041"])") ==
              R"(["\ufffd", "\ufffdx", "\ud83d\ude00", "\ufffd\u0041"])");
        // Escaped quotes and backslashes do not end the literal.
        CHECK(utf8::json_text_to_valid(R"(["\"\\", "\ud800"])") == R"(["\"\\", "\ufffd"])");
    }
}
