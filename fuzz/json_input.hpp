// Fuzz input as JSON: the text parsed by nlohmann (which accepts only valid
// UTF-8), then every "\u00ff" (ÿ) in a string or key turned into the raw byte
// 0xFF, so that the targets also see what a C++ program can build and text
// cannot carry: strings that are not UTF-8.
#pragma once

#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace fuzz {

inline std::string raw_ff(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '\xC3' && i + 1 < s.size() && s[i + 1] == '\xBF') {
            out += '\xFF';
            ++i;
        } else {
            out += s[i];
        }
    }
    return out;
}

inline nlohmann::json with_raw_ff(const nlohmann::json& j) {
    if (j.is_string()) return raw_ff(j.get<std::string>());
    if (j.is_array()) {
        nlohmann::json a = nlohmann::json::array();
        for (const auto& e : j) a.push_back(with_raw_ff(e));
        return a;
    }
    if (j.is_object()) {
        nlohmann::json o = nlohmann::json::object();
        for (auto it = j.begin(); it != j.end(); ++it) o[raw_ff(it.key())] = with_raw_ff(it.value());
        return o;
    }
    return j;
}

// The input's JSON, or discarded when it is not JSON.
inline nlohmann::json parse_input(std::string_view text) {
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded()) return j;
    return with_raw_ff(j);
}

}  // namespace fuzz
