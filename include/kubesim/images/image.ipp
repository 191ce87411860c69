// Definitions of images/image.hpp, and process_context::run, which needs image.
#pragma once

#include <kubesim/images/image.hpp>

#include <utility>

#include <kubesim/images/container.hpp>
#include <kubesim/images/core_utils.hpp>

namespace kubesim {

std::vector<std::string> image::default_command() const { return {}; }
std::vector<std::string> image::entrypoint() const { return default_command(); }

task<int> image::exec(process_context ctx, std::vector<std::string> argv) {
    return images::core_utilities(std::move(ctx), std::move(argv));
}

sim::task<int> process_context::run(std::vector<std::string> argv) const {
    return p_->container->img->exec(*this, std::move(argv));
}

}  // namespace kubesim
