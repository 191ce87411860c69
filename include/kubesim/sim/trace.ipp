// Definitions of sim/trace.hpp.
#pragma once

#include <kubesim/sim/trace.hpp>

namespace kubesim::sim {

void trace::emit(time_point t, std::string_view component, std::string_view what) {
    if (!sink_) return;
    std::string line = format_offset(t);
    line += ' ';
    line += component;
    line += ' ';
    line += what;
    hash_line(line);
    sink_(line);
}

}  // namespace kubesim::sim
