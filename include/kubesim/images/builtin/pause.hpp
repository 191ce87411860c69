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

#include <kubesim/config.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/images/process.hpp>

namespace kubesim::images {

class pause : public image {
public:
    static constexpr std::string_view image_name = "registry.k8s.io/pause";
    static constexpr std::string_view image_version = "3.10";

    pause() : version_(image_version) {}
    explicit pause(std::string version) : version_(std::move(version)) {}

    [[nodiscard]] KUBESIM_DECL std::vector<std::string> default_command() const override;

    KUBESIM_DECL task<int> exec(process_context ctx, std::vector<std::string> argv) override;

private:
    KUBESIM_DECL static task<int> run(process_context ctx, std::vector<std::string> argv, std::string version);

    std::string version_;
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/builtin/pause.ipp>
#endif
