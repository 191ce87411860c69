// What every fuzz target shares: how a finding is reported, and the rule that
// an input gives a result or a Kubernetes-worded error (an api_error that is not
// an InternalError). Anything else escaping the library, a sanitizer report, a
// crash or a leak is a finding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <typeinfo>

#include <kubesim/errors.hpp>

namespace fuzz {

// Prints what went wrong and aborts: libFuzzer (and the replay driver) then
// report the input as a crash.
[[noreturn]] inline void finding(std::string_view what, std::string_view detail = {}) {
    std::fprintf(stderr, "FUZZ FINDING: %.*s%s%.*s\n", static_cast<int>(what.size()), what.data(),
                 detail.empty() ? "" : ": ", static_cast<int>(detail.size()), detail.data());
    std::abort();
}

inline void check(bool ok, std::string_view what, std::string_view detail = {}) {
    if (!ok) finding(what, detail);
}

// An api_error is a legitimate answer unless it is the 500 InternalError the
// library turns a stray exception into.
inline void check_status(const kubesim::api::status& s) {
    if (s.reason == "InternalError") finding("InternalError", s.message);
    if (s.message.empty()) finding("an error without a message", s.reason);
}

// Runs fn; an api_error is accepted (after check_status) and reported as false,
// any other exception is a finding.
template <class Fn>
bool guarded(Fn&& fn) {
    try {
        fn();
        return true;
    } catch (const kubesim::api_error& e) {
        check_status(e.status());
        return false;
    } catch (const std::exception& e) {
        finding(typeid(e).name(), e.what());
    } catch (...) {
        finding("a non-standard exception");
    }
}

inline std::string_view text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fuzz
