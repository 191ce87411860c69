// The base image's core utilities (what image::exec falls back to).
#pragma once

#include <string>
#include <vector>

#include <kubesim/images/process.hpp>

namespace kubesim::images {

// Runs argv[0] as one of the core utilities; an unknown command prints
// "<cmd>: not found" to stderr and exits 127.
inline sim::task<int> core_utilities(process_context ctx, std::vector<std::string> argv) {
    if (argv.empty()) co_return 0;
    if (argv[0] == "true") co_return 0;
    if (argv[0] == "false") co_return 1;
    ctx.write_stderr(argv[0] + ": not found\n");
    co_return 127;
}

}  // namespace kubesim::images
