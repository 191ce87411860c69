// sim::trace: an optional sink receiving one line per notable event, so that two
// runs can be compared byte for byte. Line format:
//   "<seconds.micros>s <component> <what>"     e.g. "0.000000s apiserver create pods default/web rv=7"
// Components call emit() only when enabled() to avoid formatting costs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <utility>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/hash.hpp>

namespace kubesim::sim {

class trace {
public:
    using sink = std::function<void(std::string_view line)>;

    void set_sink(sink s) { sink_ = std::move(s); }
    [[nodiscard]] bool enabled() const noexcept { return static_cast<bool>(sink_); }

    KUBESIM_DECL void emit(time_point t, std::string_view component, std::string_view what);

    // FNV-1a over every emitted line: a cheap fingerprint of a whole run.
    [[nodiscard]] std::uint64_t hash() const noexcept { return hash_.value(); }
    [[nodiscard]] std::uint64_t lines() const noexcept { return lines_; }

private:
    void hash_line(std::string_view line) noexcept {
        hash_.bytes(line).byte('\n');
        ++lines_;
    }
    sink sink_{};
    fnv1a hash_{};
    std::uint64_t lines_{0};
};

}  // namespace kubesim::sim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/sim/trace.ipp>
#endif
