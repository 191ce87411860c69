// registry.k8s.io/pause: the infra ("sandbox") container of every Pod, and a
// handy do-nothing container. Models kubernetes build/pause/linux/pause.c:
// /pause sleeps until SIGINT or SIGTERM, then prints
// "Shutting down, got signal: Terminated" (psignal) to stderr and exits 0;
// "/pause -v" prints "pause.c v3.10". Run as any PID but 1 it warns first.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/images/core_utils.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/images/process.hpp>

namespace kubesim::images {

class pause : public image {
public:
    static constexpr std::string_view image_name = "registry.k8s.io/pause";
    static constexpr std::string_view image_version = "3.10";

    pause() : version_(image_version) {}
    explicit pause(std::string version) : version_(std::move(version)) {}

    [[nodiscard]] std::vector<std::string> default_command() const override { return {"/pause"}; }

    task<int> exec(process_context ctx, std::vector<std::string> argv) override {
        if (argv.empty() || argv[0] != "/pause") return image::exec(std::move(ctx), std::move(argv));
        return run(std::move(ctx), std::move(argv), version_);
    }

private:
    static task<int> run(process_context ctx, std::vector<std::string> argv, std::string version) {
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

    std::string version_;
};

}  // namespace kubesim::images
