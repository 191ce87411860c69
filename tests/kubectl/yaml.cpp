// kubectl/yaml.hpp: every expected text below was printed by real kubectl 1.33
// (`kubectl annotate --local --overwrite -f <file> z=z -o yaml|json`, which
// needs no cluster) for the same input; parse errors lose only kubectl's
// "error: error parsing <file>: " prefix.
#include <doctest/doctest.h>

#include <kubesim/errors.hpp>
#include <kubesim/kubectl/yaml.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace kubectl = kubesim::kubectl;
using nlohmann::json;

namespace {

// The text go-yaml prints for a small object parsed from JSON.
std::string yaml_of(std::string_view json_text) { return kubectl::to_yaml(json::parse(json_text)); }

json first_document(std::string_view text) {
    auto docs = kubectl::parse_yaml_stream(text);
    REQUIRE_FALSE(docs.empty());
    return docs.front().value;
}

std::string error_of(std::string_view text) {
    try {
        (void)kubectl::parse_yaml_stream(text);
    } catch (const kubesim::api_error& e) {
        CHECK(e.status().reason == "BadRequest");
        CHECK(e.status().code == 400);
        return e.status().message;
    }
    return "no error";
}

}  // namespace

TEST_CASE("to_yaml: scalar styles as kubectl -o yaml chooses them") {
    CHECK(yaml_of(R"j({"data": {"k": "yes"}})j") == R"y(data:
  k: "yes"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "No"}})j") == R"y(data:
  k: "No"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "on"}})j") == R"y(data:
  k: "on"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "OFF"}})j") == R"y(data:
  k: "OFF"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "y"}})j") == R"y(data:
  k: "y"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "n"}})j") == R"y(data:
  k: "n"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "0777"}})j") == R"y(data:
  k: "0777"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "0x1f"}})j") == R"y(data:
  k: "0x1f"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "1_000"}})j") == R"y(data:
  k: "1_000"
)y");
    CHECK(yaml_of(R"j({"data": {"k": ".5"}})j") == R"y(data:
  k: ".5"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "+1"}})j") == R"y(data:
  k: "+1"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "1e3"}})j") == R"y(data:
  k: "1e3"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "2001-12-14"}})j") == R"y(data:
  k: "2001-12-14"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "12:30:00"}})j") == R"y(data:
  k: "12:30:00"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "190:20:30.15"}})j") == R"y(data:
  k: "190:20:30.15"
)y");
    CHECK(yaml_of(R"j({"data": {"k": ""}})j") == R"y(data:
  k: ""
)y");
    CHECK(yaml_of(R"j({"data": {"k": "null"}})j") == R"y(data:
  k: "null"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "~"}})j") == R"y(data:
  k: "~"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "true"}})j") == R"y(data:
  k: "true"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "123"}})j") == R"y(data:
  k: "123"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "1.5"}})j") == R"y(data:
  k: "1.5"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "2025-01-01T00:00:00Z"}})j") == R"y(data:
  k: "2025-01-01T00:00:00Z"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "2001-12-14 21:59:43.10"}})j") == R"y(data:
  k: "2001-12-14 21:59:43.10"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "2001-13-14"}})j") == R"y(data:
  k: 2001-13-14
)y");
    CHECK(yaml_of(R"j({"data": {"k": "2000-02-29"}})j") == R"y(data:
  k: "2000-02-29"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "2001-02-29"}})j") == R"y(data:
  k: 2001-02-29
)y");
    CHECK(yaml_of(R"j({"data": {"k": "*"}})j") == R"y(data:
  k: '*'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "a: b"}})j") == R"y(data:
  k: 'a: b'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "- x"}})j") == R"y(data:
  k: '- x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "-x"}})j") == R"y(data:
  k: -x
)y");
    CHECK(yaml_of(R"j({"data": {"k": "a #b"}})j") == R"y(data:
  k: 'a #b'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "a#b"}})j") == R"y(data:
  k: a#b
)y");
    CHECK(yaml_of(R"j({"data": {"k": " lead"}})j") == R"y(data:
  k: ' lead'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "trail "}})j") == R"y(data:
  k: 'trail '
)y");
    CHECK(yaml_of(R"j({"data": {"k": "it's"}})j") == R"y(data:
  k: it's
)y");
    CHECK(yaml_of(R"j({"data": {"k": "'q'"}})j") == R"y(data:
  k: '''q'''
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\"dq\""}})j") == R"y(data:
  k: '"dq"'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "@x"}})j") == R"y(data:
  k: '@x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "`x"}})j") == R"y(data:
  k: '`x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "%x"}})j") == R"y(data:
  k: '%x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "?x"}})j") == R"y(data:
  k: ?x
)y");
    CHECK(yaml_of(R"j({"data": {"k": "? x"}})j") == R"y(data:
  k: '? x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "[x]"}})j") == R"y(data:
  k: '[x]'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "{x}"}})j") == R"y(data:
  k: '{x}'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x,y"}})j") == R"y(data:
  k: x,y
)y");
    CHECK(yaml_of(R"j({"data": {"k": "!x"}})j") == R"y(data:
  k: '!x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "&x"}})j") == R"y(data:
  k: '&x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "|x"}})j") == R"y(data:
  k: '|x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": ">x"}})j") == R"y(data:
  k: '>x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "#x"}})j") == R"y(data:
  k: '#x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "<<"}})j") == R"y(data:
  k: <<
)y");
    CHECK(yaml_of(R"j({"data": {"k": "1e400"}})j") == R"y(data:
  k: 1e400
)y");
    CHECK(yaml_of(R"j({"data": {"k": "08"}})j") == R"y(data:
  k: "08"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "0b101"}})j") == R"y(data:
  k: "0b101"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "0o17"}})j") == R"y(data:
  k: "0o17"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "nULL"}})j") == R"y(data:
  k: nULL
)y");
    CHECK(yaml_of(R"j({"data": {"k": ".inf"}})j") == R"y(data:
  k: ".inf"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "-.Inf"}})j") == R"y(data:
  k: "-.Inf"
)y");
    CHECK(yaml_of(R"j({"data": {"k": ".nan"}})j") == R"y(data:
  k: ".nan"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "1:20"}})j") == R"y(data:
  k: "1:20"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "---"}})j") == R"y(data:
  k: '---'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "..."}})j") == R"y(data:
  k: '...'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "--- x"}})j") == R"y(data:
  k: '--- x'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "a\tb"}})j") == R"y(data:
  k: "a\tb"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "caf\u00e9"}})j") == R"y(data:
  k: café
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\u00a0x"}})j") == R"y(data:
  k:  x
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x\u0085y"}})j") == R"y(data:
  k: x y
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x \u0085\u0085 y"}})j") == R"y(data:
  k: |-
    x
    y
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\u2028"}})j") == R"y(data:
  k: ' '
)y");
    CHECK(yaml_of(R"j({"data": {"k": "+"}})j") == R"y(data:
  k: +
)y");
    CHECK(yaml_of(R"j({"data": {"k": "-"}})j") == R"y(data:
  k: '-'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "0"}})j") == R"y(data:
  k: "0"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "-0"}})j") == R"y(data:
  k: "-0"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "1."}})j") == R"y(data:
  k: "1."
)y");
    CHECK(yaml_of(R"j({"data": {"k": "1e"}})j") == R"y(data:
  k: 1e
)y");
    CHECK(yaml_of(R"j({"data": {"k": "."}})j") == R"y(data:
  k: .
)y");
    CHECK(yaml_of(R"j({"data": {"k": "ab:"}})j") == R"y(data:
  k: 'ab:'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "a:b"}})j") == R"y(data:
  k: a:b
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x\ny"}})j") == R"y(data:
  k: |-
    x
    y
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x\ny\n"}})j") == R"y(data:
  k: |
    x
    y
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x\ny\n\n"}})j") == R"y(data:
  k: |+
    x
    y

)y");
    CHECK(yaml_of(R"j({"data": {"k": " x\ny"}})j") == R"y(data:
  k: |2-
     x
    y
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\nx"}})j") == R"y(data:
  k: |2-

    x
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x \ny"}})j") == R"y(data:
  k: "x \ny"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x\n y"}})j") == R"y(data:
  k: |-
    x
     y
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\n"}})j") == R"y(data:
  k: |2+

)y");
    CHECK(yaml_of(R"j({"data": {"k": "a\tb\nc"}})j") == R"y(data:
  k: "a\tb\nc"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "x\r\ny"}})j") == R"y(data:
  k: "x\r\ny"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "  two\n"}})j") == R"y(data:
  k: |2
      two
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\u00e9\n\u00fc"}})j") == R"y(data:
  k: |-
    é
    ü
)y");
    CHECK(yaml_of(R"j({"data": {"k": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"}})j") == R"y(data:
  k: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor
    incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur
    adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua
)y");
    CHECK(yaml_of(R"j({"data": {"k": "  lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"}})j") == R"y(data:
  k: '  lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor
    incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur
    adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua  lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'"}})j") == R"y(data:
  k: '''lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor
    incididunt ut labore et dolore magna aliqua  lorem ipsum dolor sit amet consectetur
    adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua'''
)y");
    CHECK(yaml_of(R"j({"data": {"k": "lorem  ipsum  dolor  sit  amet  consectetur  adipiscing  elit  sed  do  eiusmod  tempor  incididunt  ut  labore  et  dolore  magna  aliqua"}})j") == R"y(data:
  k: lorem  ipsum  dolor  sit  amet  consectetur  adipiscing  elit  sed  do  eiusmod  tempor  incididunt  ut  labore  et  dolore  magna  aliqua
)y");
    CHECK(yaml_of(R"j({"data": {"k": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua\tlorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"}})j") == R"y(data:
  k: "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor
    incididunt ut labore et dolore magna aliqua\tlorem ipsum dolor sit amet consectetur
    adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc\u00fc lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"}})j") == R"y(data:
  k: üüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüüü lorem
    ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt
    ut labore et dolore magna aliqua
)y");
    CHECK(yaml_of(R"j({"data": {"k": "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}})j") == R"y(data:
  k: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
)y");
    CHECK(yaml_of(R"j({"data": {"k": "a: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"}})j") == R"y(data:
  k: 'a: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor
    incididunt ut labore et dolore magna aliqua'
)y");
    CHECK(yaml_of(R"j({"data": {"k": "2001-12-14 lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"}})j") == R"y(data:
  k: 2001-12-14 lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod
    tempor incididunt ut labore et dolore magna aliqua
)y");
    CHECK(yaml_of(R"j({"data": {"k": "\u0001\u001b<>&\u2029"}})j") == R"y(data:
  k: "\x01\e<>&\P"
)y");
}

TEST_CASE("to_yaml and to_json: whole objects as kubectl prints them") {
    SUBCASE("numbers") {
        const json in = json::parse(R"j({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "annotations": {"z": "z"}}, "n": {"a": 1, "b": 1.5, "c": 1.0, "d": 1e+21, "e": 1e+20, "f": 1e-06, "g": 1e-07, "h": 123456789.5, "i": 1234567.5, "j": 0.0001, "k": -0.5, "l": 1e+19, "m": 9223372036854775807, "n": -9223372036854775808, "o": 18446744073709551615, "p": 3.14159, "q": 1e+300, "r": 5e-324, "s": 100000.5, "t": 0.1, "u": 1000000.0, "v": 2.5e-05, "w": -0.0, "x": true, "y": false, "z": null}})j");
        CHECK(kubectl::to_yaml(in) == R"y(apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    z: z
  name: x
"n":
  a: 1
  b: 1.5
  c: 1
  d: 1e+21
  e: 1e+20
  f: 1e-06
  g: 1e-07
  h: 1.234567895e+08
  i: 1.2345675e+06
  j: 0.0001
  k: -0.5
  l: 10000000000000000000
  m: 9223372036854775807
  "n": -9223372036854775808
  o: 1.8446744073709552e+19
  p: 3.14159
  q: 1e+300
  r: 5e-324
  s: 100000.5
  t: 0.1
  u: 1000000
  v: 2.5e-05
  w: 0
  x: true
  "y": false
  z: null
)y");
        CHECK(kubectl::to_json(in) == R"y({
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    },
    "n": {
        "a": 1,
        "b": 1.5,
        "c": 1,
        "d": 1e+21,
        "e": 100000000000000000000,
        "f": 0.000001,
        "g": 1e-7,
        "h": 123456789.5,
        "i": 1234567.5,
        "j": 0.0001,
        "k": -0.5,
        "l": 10000000000000000000,
        "m": 9223372036854775807,
        "n": -9223372036854775808,
        "o": 18446744073709552000,
        "p": 3.14159,
        "q": 1e+300,
        "r": 5e-324,
        "s": 100000.5,
        "t": 0.1,
        "u": 1000000,
        "v": 0.000025,
        "w": -0,
        "x": true,
        "y": false,
        "z": null
    }
}
)y");
    }
    SUBCASE("sorting") {
        const json in = json::parse(R"j({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "annotations": {"z": "z"}}, "s": {"a10": 1, "a9": 2, "a_b": 3, "A": 4, "-x": 5, "a": 6, "b": 7, "B": 8, "1": 9, "10": 10, "2": 11, "a01": 12, "a1": 13, "a001": 14, "x.y": 15, "x-y": 16, "x_y": 17, "xy": 18, "x0": 19, "_a": 22, ".b": 23, "Z": 24, "\u00e9": 25, "ab": 26, "aB": 27, "a-1": 28, "a.1": 29, "~": 30, "!": 31, "{": 32, "\u03a9": 33, "\u4e2d": 34, "\u20ac": 35, "0": 36, "00": 37, "01": 39, "a/b": 40, "a:b": 41, "a@b": 42}})j");
        CHECK(kubectl::to_yaml(in) == R"y(apiVersion: v1
kind: ConfigMap
metadata:
  annotations:
    z: z
  name: x
s:
  '!': 31
  -x: 5
  .b: 23
  _a: 22
  '{': 32
  "~": 30
  €: 35
  "0": 36
  "00": 37
  "1": 9
  "01": 39
  "2": 11
  "10": 10
  A: 4
  B: 8
  Z: 24
  a: 6
  a-1: 28
  a.1: 29
  a/b: 40
  a:b: 41
  a@b: 42
  a_b: 3
  a1: 13
  a01: 12
  a001: 14
  a9: 2
  a10: 1
  aB: 27
  ab: 26
  b: 7
  x-y: 16
  x.y: 15
  x_y: 17
  x0: 19
  xy: 18
  é: 25
  Ω: 33
  中: 34
)y");
        CHECK(kubectl::to_json(in) == R"y({
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    },
    "s": {
        "!": 31,
        "-x": 5,
        ".b": 23,
        "0": 36,
        "00": 37,
        "01": 39,
        "1": 9,
        "10": 10,
        "2": 11,
        "A": 4,
        "B": 8,
        "Z": 24,
        "_a": 22,
        "a": 6,
        "a-1": 28,
        "a.1": 29,
        "a/b": 40,
        "a001": 14,
        "a01": 12,
        "a1": 13,
        "a10": 1,
        "a9": 2,
        "a:b": 41,
        "a@b": 42,
        "aB": 27,
        "a_b": 3,
        "ab": 26,
        "b": 7,
        "x-y": 16,
        "x.y": 15,
        "x0": 19,
        "x_y": 17,
        "xy": 18,
        "{": 32,
        "~": 30,
        "é": 25,
        "Ω": 33,
        "€": 35,
        "中": 34
    }
}
)y");
    }
    SUBCASE("structure") {
        const json in = json::parse(R"j({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "annotations": {"z": "z"}}, "l": [1, "a", [], {}, [1, [2, 3]], {"a": 1, "b": [1, 2], "c": {"d": {}}}, null, true], "m": {"e": [], "f": {}, "g": null, "h": [{"a": [{"b": 1}]}]}, "t": true})j");
        CHECK(kubectl::to_yaml(in) == R"y(apiVersion: v1
kind: ConfigMap
l:
- 1
- a
- []
- {}
- - 1
  - - 2
    - 3
- a: 1
  b:
  - 1
  - 2
  c:
    d: {}
- null
- true
m:
  e: []
  f: {}
  g: null
  h:
  - a:
    - b: 1
metadata:
  annotations:
    z: z
  name: x
t: true
)y");
        CHECK(kubectl::to_json(in) == R"y({
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "l": [
        1,
        "a",
        [],
        {},
        [
            1,
            [
                2,
                3
            ]
        ],
        {
            "a": 1,
            "b": [
                1,
                2
            ],
            "c": {
                "d": {}
            }
        },
        null,
        true
    ],
    "m": {
        "e": [],
        "f": {},
        "g": null,
        "h": [
            {
                "a": [
                    {
                        "b": 1
                    }
                ]
            }
        ]
    },
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    },
    "t": true
}
)y");
    }
    SUBCASE("keys") {
        const json in = json::parse(R"j({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "annotations": {"z": "z"}}, "data": {"kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "v", "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "v2", "multi\nline": "v", "": "empty", "a b": "c", " x": "y", "yes": "no", "1": "2", "k:": "v", "- a": 1}, "nested": {"nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn": {"a": [1, 2]}, "x\ny": [1, {"b": 2}]}})j");
        CHECK(kubectl::to_yaml(in) == R"y(apiVersion: v1
data:
  "": empty
  ' x': "y"
  '- a': 1
  "1": "2"
  a b: c
  'k:': v
  kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk: v2
  ? kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk
  : v
  ? |-
    multi
    line
  : v
  "yes": "no"
kind: ConfigMap
metadata:
  annotations:
    z: z
  name: x
nested:
  ? nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn
  : a:
    - 1
    - 2
  ? |-
    x
    y
  : - 1
    - b: 2
)y");
        CHECK(kubectl::to_json(in) == R"y({
    "apiVersion": "v1",
    "data": {
        "": "empty",
        " x": "y",
        "- a": 1,
        "1": "2",
        "a b": "c",
        "k:": "v",
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "v2",
        "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk": "v",
        "multi\nline": "v",
        "yes": "no"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    },
    "nested": {
        "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn": {
            "a": [
                1,
                2
            ]
        },
        "x\ny": [
            1,
            {
                "b": 2
            }
        ]
    }
}
)y");
    }
    SUBCASE("literals") {
        const json in = json::parse(R"j({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "annotations": {"z": "z"}}, "l": ["a\nb", {"k": "a\nb\n"}, ["x\n", "  y\nz"]], "m": {"a": {"b": "line1\nline2\n\n"}}, "t": "trail \nx", "u": "a\n\tb", "v": "x\n\ny\n", "w": "\u00e9\n\u00fc"})j");
        CHECK(kubectl::to_yaml(in) == R"y(apiVersion: v1
kind: ConfigMap
l:
- |-
  a
  b
- k: |
    a
    b
- - |
    x
  - |2-
      y
    z
m:
  a:
    b: |+
      line1
      line2

metadata:
  annotations:
    z: z
  name: x
t: "trail \nx"
u: "a\n\tb"
v: |
  x

  y
w: |-
  é
  ü
)y");
        CHECK(kubectl::to_json(in) == R"y({
    "apiVersion": "v1",
    "kind": "ConfigMap",
    "l": [
        "a\nb",
        {
            "k": "a\nb\n"
        },
        [
            "x\n",
            "  y\nz"
        ]
    ],
    "m": {
        "a": {
            "b": "line1\nline2\n\n"
        }
    },
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    },
    "t": "trail \nx",
    "u": "a\n\tb",
    "v": "x\n\ny\n",
    "w": "é\nü"
}
)y");
    }
    SUBCASE("folding") {
        const json in = json::parse(R"j({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "annotations": {"z": "z"}}, "deep": {"a": {"b": {"c": {"d": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua", "l": ["lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua", {"k": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"}, ["lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"]]}}}}})j");
        CHECK(kubectl::to_yaml(in) == R"y(apiVersion: v1
deep:
  a:
    b:
      c:
        d: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor
          incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur
          adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna
          aliqua
        l:
        - lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor
          incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur
          adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna
          aliqua
        - k: lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod
            tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit
            amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore
            et dolore magna aliqua
        - - lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod
            tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit
            amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore
            et dolore magna aliqua
kind: ConfigMap
metadata:
  annotations:
    z: z
  name: x
)y");
        CHECK(kubectl::to_json(in) == R"y({
    "apiVersion": "v1",
    "deep": {
        "a": {
            "b": {
                "c": {
                    "d": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua",
                    "l": [
                        "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua",
                        {
                            "k": "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"
                        },
                        [
                            "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"
                        ]
                    ]
                }
            }
        }
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");
    }
    SUBCASE("nel") {
        const json in = json::parse(R"j({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "annotations": {"z": "z"}}, "data": {"a": "x \u0085 y", "b": "x\u0085\u0085\u0085y", "c": "\u0085x", "d": "x\u0085", "e": "a  b\u0085  \u0085 c"}})j");
        CHECK(kubectl::to_yaml(in) == R"y(apiVersion: v1
data:
  a: x y
  b: |-
    x

    y
  c: ' x'
  d: 'x '
  e: |-
    a  b
    c
kind: ConfigMap
metadata:
  annotations:
    z: z
  name: x
)y");
        CHECK(kubectl::to_json(in) == R"y({
    "apiVersion": "v1",
    "data": {
        "a": "x  y",
        "b": "xy",
        "c": "x",
        "d": "x",
        "e": "a  b   c"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");
    }
}

TEST_CASE("parse_yaml_stream: YAML 1.1 as kubectl reads it") {
    CHECK(kubectl::to_json(first_document(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
base: &b
  a: 1
  b: [1, 2]
other: &o {c: 3, a: 9}
m1:
  <<: *b
  x: 1
m2:
  a: 0
  <<: [*b, *o]
m3:
  <<: *o
  c: 4
s: *b
seq: &s [x, y]
s2: *s
)y")) == R"y({
    "apiVersion": "v1",
    "base": {
        "a": 1,
        "b": [
            1,
            2
        ]
    },
    "kind": "ConfigMap",
    "m1": {
        "a": 1,
        "b": [
            1,
            2
        ],
        "x": 1
    },
    "m2": {
        "a": 1,
        "b": [
            1,
            2
        ],
        "c": 3
    },
    "m3": {
        "a": 9,
        "c": 4
    },
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    },
    "other": {
        "a": 9,
        "c": 3
    },
    "s": {
        "a": 1,
        "b": [
            1,
            2
        ]
    },
    "s2": [
        "x",
        true
    ],
    "seq": [
        "x",
        true
    ]
}
)y");  // anchors
    CHECK(kubectl::to_json(first_document(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  lit: |
    line1
      indented
    line3
  strip: |-
    a
    b
  keep: |+
    a

  fold: >
    folded
    text

    para
  foldstrip: >-
    x
    y
  ind: |2
      two
  flow: {a: [1, "two", 'three'], b: {c: d}}
  quoted: "a\tb\u00e9\n"
  single: 'it''s'
  plain: multi
    line plain
  key with spaces: v
  ? complex
  : value
)y")) == R"y({
    "apiVersion": "v1",
    "data": {
        "complex": "value",
        "flow": {
            "a": [
                1,
                "two",
                "three"
            ],
            "b": {
                "c": "d"
            }
        },
        "fold": "folded text\npara\n",
        "foldstrip": "x y",
        "ind": "  two\n",
        "keep": "a\n\n",
        "key with spaces": "v",
        "lit": "line1\n  indented\nline3\n",
        "plain": "multi line plain",
        "quoted": "a\tbé\n",
        "single": "it's",
        "strip": "a\nb"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");  // blocks
    CHECK(kubectl::to_json(first_document(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
# leading comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data: # c
  a: b # trailing
  "c": d#e
...
ignored: after end
)y")) == R"y({
    "apiVersion": "v1",
    "data": {
        "a": "b",
        "c": "d#e"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");  // comments
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: [1, 2
)y") == R"m(error converting YAML to JSON: yaml: line 8: did not find expected ',' or ']')m");  // err1
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  <<: 1
)y") == R"m(error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value)m");  // err10
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: b: c
)y") == R"m(error converting YAML to JSON: yaml: line 8: mapping values are not allowed in this context)m");  // err2
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: *nope
)y") == R"m(error converting YAML to JSON: yaml: unknown anchor 'nope' referenced)m");  // err4
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: 1
 b: 2
)y") == R"m(error converting YAML to JSON: yaml: line 8: did not find expected key)m");  // err5
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: .inf
)y") == R"m(error converting YAML to JSON: json: unsupported value: +Inf)m");  // err6
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: !!int abc
)y") == R"m(error converting YAML to JSON: yaml: cannot decode !!str `abc` as a !!int)m");  // err7
    CHECK(error_of(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
---x
)y") == R"m(invalid Yaml document separator: x)m");  // err9
    CHECK(kubectl::to_json(first_document(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  1: a
  true: b
  1.5: c
  0x10: d
  null_key: e
  3.14159265358979: f
  yes: g
  2001-12-14: h
  dup: 1
  dup: 2
)y")) == R"y({
    "apiVersion": "v1",
    "data": {
        "1": "a",
        "1.5": "c",
        "16": "d",
        "2001-12-14": "h",
        "3.1415927": "f",
        "dup": 2,
        "null_key": "e",
        "true": "g"
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");  // keys
    CHECK(kubectl::to_json(first_document(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: yes
  b: No
  c: on
  d: 0777
  e: 0x1F
  f: 1_000
  g: .5
  h: +1
  i: 1e3
  j: 2001-12-14
  k: 12:30:00
  l: ~
  m:
  n: "yes"
  o: '0777'
  q: y
  r: 0o17
  s: 0b101
  t: 08
  u: 1.
  v: -0
  w: 9223372036854775808
  x: 2001-12-14T21:59:43.10-05:00
  y: !!str 123
  z: !!float 1
  aa: !!int "12"
  ab: 1e400
  ad: NULL
  ae: nULL
  af: 3.0
  ag: -1.5e-3
)y")) == R"y({
    "apiVersion": "v1",
    "data": {
        "a": true,
        "aa": 12,
        "ab": "1e400",
        "ad": null,
        "ae": "nULL",
        "af": 3,
        "ag": -0.0015,
        "b": false,
        "c": true,
        "d": 511,
        "e": 31,
        "f": 1000,
        "false": "yes",
        "g": 0.5,
        "h": 1,
        "i": 1000,
        "j": "2001-12-14",
        "k": "12:30:00",
        "l": null,
        "m": null,
        "o": "0777",
        "q": true,
        "r": 15,
        "s": 5,
        "t": 8,
        "true": "123",
        "u": 1,
        "v": 0,
        "w": 9223372036854776000,
        "x": "2001-12-14T21:59:43.10-05:00",
        "z": 1
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");  // scalars
    CHECK(kubectl::to_json(first_document(R"y({
	"apiVersion": "v1",
	"kind": "ConfigMap",
	"metadata": {"name": "x", "annotations": {"z": "z"}},
	"data": {"a": "b", "n": 1.0}
}
)y")) == R"y({
    "apiVersion": "v1",
    "data": {
        "a": "b",
        "n": 1
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");  // tabs
}

TEST_CASE("parse_yaml_stream: tags, odd integers, keys that are not strings") {
    CHECK(kubectl::to_json(first_document(R"y(apiVersion: v1
kind: ConfigMap
metadata:
  name: x
  annotations:
    z: z
data:
  a: !!binary aGVsbG8=
  b: !custom 12
  c: !!timestamp 2001-12-14
  d: ! 12
  e: !!bool "yes"
  f: !!null ""
  g: True
  h: Off
  i: -0x1F
  j: 0B11
  k: 1__0
  l: 00
  m: 0x
  n: 1.5e+3
  o: "\x41\u00e9\U0001F600"
  p: 12e
  q: 0.1_5
)y")) == R"y({
    "apiVersion": "v1",
    "data": {
        "a": "hello",
        "b": "12",
        "c": "2001-12-14",
        "d": "12",
        "e": true,
        "f": null,
        "false": 1500,
        "g": true,
        "h": false,
        "i": -31,
        "j": 3,
        "k": 10,
        "l": 0,
        "m": "0x",
        "o": "Aé😀",
        "p": "12e",
        "q": 0.15
    },
    "kind": "ConfigMap",
    "metadata": {
        "annotations": {
            "z": "z"
        },
        "name": "x"
    }
}
)y");
    CHECK(error_of("data:\n  ~: a\n") ==
          R"(error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: "a")");
    CHECK(error_of("data:\n  [a]: b\n") == R"(error converting YAML to JSON: yaml: invalid map key: []interface {}{"a"})");
    CHECK(error_of("data:\n  18446744073709551615: a\n") ==
          R"(error converting YAML to JSON: unsupported map key of type: uint64, key: 0xffffffffffffffff, value: "a")");
}

TEST_CASE("parse_yaml_stream: documents, their lines, empty ones") {
    constexpr std::string_view stream = R"y(# leading comment
---
a: 1
---
---
# only a comment
---

b:
  - x
...
---
{"c": [1, 2.5, "3"]}
)y";
    auto docs = kubectl::parse_yaml_stream(stream);
    REQUIRE(docs.size() == 5);
    // The comment before the first separator is a document of its own, as
    // kubectl's reader splits the stream; separators in a row make none; "..."
    // ends a document without starting one.
    CHECK(docs[0].value.is_null());
    CHECK(docs[0].line == 1);
    CHECK(docs[1].value == json::parse(R"({"a": 1})"));
    CHECK(docs[1].line == 3);
    CHECK(docs[2].value.is_null());
    CHECK(docs[2].line == 6);
    CHECK(docs[3].value == json::parse(R"({"b": ["x"]})"));
    CHECK(docs[3].line == 9);
    CHECK(docs[4].value == json::parse(R"({"c": [1, 2.5, "3"]})"));
    CHECK(docs[4].line == 13);

    CHECK(kubectl::parse_yaml_stream("").empty());
    CHECK(kubectl::parse_yaml_stream("---\n").empty());

    // A stream that starts with '{' is JSON objects one after another, tabs and all.
    auto json_docs = kubectl::parse_yaml_stream("{\n\t\"a\": 1\n}\n{\"b\": 2.5}\n");
    REQUIRE(json_docs.size() == 2);
    CHECK(json_docs[0].value == json::parse(R"({"a": 1})"));
    CHECK(json_docs[1].value == json::parse(R"({"b": 2.5})"));
    CHECK(json_docs[1].line == 4);
}

TEST_CASE("parse_yaml_stream: the line of an error counts within its document; details name the document") {
    try {
        (void)kubectl::parse_yaml_stream("a: 1\n---\nb: 2\nc: [\n");
        FAIL("no error");
    } catch (const kubesim::api_error& e) {
        CHECK(e.status().message == "error converting YAML to JSON: yaml: line 2: did not find expected ',' or ']'");
        REQUIRE(e.status().details.causes.size() == 1);
        CHECK(e.status().details.causes[0].field == "2");
    }
}

TEST_CASE("to_yaml and to_json: values other than objects") {
    CHECK(kubectl::to_yaml(json::parse("{}")) == "{}\n");
    CHECK(kubectl::to_yaml(json::parse("[]")) == "[]\n");
    CHECK(kubectl::to_yaml(json(nullptr)) == "null\n");
    CHECK(kubectl::to_yaml(json::parse(R"(["a", {"b": 1}])")) == "- a\n- b: 1\n");
    CHECK(kubectl::to_json(json::parse("{}")) == "{}\n");
    CHECK(kubectl::to_json(json::parse(R"({"a": [], "b": {}})")) == "{\n    \"a\": [],\n    \"b\": {}\n}\n");
    // Invalid UTF-8 is U+FFFD, as json.Marshal writes it.
    CHECK(kubectl::to_json(json{{"a", "x\xffy"}}) == "{\n    \"a\": \"x\\ufffdy\"\n}\n");
    CHECK(kubectl::to_yaml(json{{"a", "x\xffy"}}) == "a: x\xEF\xBF\xBDy\n");
    // go-yaml reads json.Marshal's output back and refuses raw DEL and C1 controls.
    CHECK_THROWS_AS((void)kubectl::to_yaml(json{{"a", "x\x7fy"}}), kubesim::api_error);
}
