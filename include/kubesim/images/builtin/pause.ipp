// Definitions of images/builtin/pause.hpp.
#pragma once

#include <kubesim/images/builtin/pause.hpp>

namespace kubesim::images {

std::vector<std::string> pause::default_command() const { return {"/pause"}; }

task<int> pause::exec(process_context ctx, std::vector<std::string> argv) {
    if (argv.empty() || argv[0] != "/pause") return image::exec(std::move(ctx), std::move(argv));
    return run(std::move(ctx), std::move(argv), version_);
}

task<int> pause::run(process_context ctx, std::vector<std::string> argv, std::string version) {
    for (std::size_t i = 1; i < argv.size(); ++i)
        if (argv[i] == "-v" || argv[i] == "-V") {
            ctx.write_stdout("pause.c v" + version + "\n");
            co_return 0;
        }
    if (ctx.pid() != 1) ctx.write_stderr("Warning: pause should be the first process\n");
    (void)co_await ctx.wait_until_killed();
    ctx.write_stderr("Shutting down, got signal: Terminated\n");
    co_return 0;
}

}  // namespace kubesim::images
