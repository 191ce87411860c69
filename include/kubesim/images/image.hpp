// kubesim::image: the base class of container images. An image is a C++ class;
// exec() is a process, a coroutine on the cluster's virtual clock, whose return
// value is the exit code. The base exec implements the core utilities (cat,
// echo, env, false, ls, mkdir, pause, printenv, rm, sh -c, sleep, test, touch,
// true); images override exec and fall back to it for commands they do not
// know, which is how `sh -c` in a container finds the image's own programs.
//
//   class my_image : public kubesim::image {
//   public:
//       static constexpr std::string_view image_name = "my-image";
//       static constexpr std::string_view image_version = "1.0";
//       std::vector<std::string> default_command() const override { return {"server"}; }
//       kubesim::task<int> exec(kubesim::process_context ctx, std::vector<std::string> argv) override {
//           if (argv.empty() || argv[0] != "server") co_return co_await image::exec(ctx, std::move(argv));
//           ctx.listen_http(8080, [](const kubesim::http::request&) {
//               return kubesim::http::response{.status = 200, .body = "hello\n"};
//           });
//           co_return co_await ctx.wait_until_killed();
//       }
//   };
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim {

class image {
public:
    virtual ~image() = default;
    // The container's command when the Pod gives none (Docker's ENTRYPOINT+CMD).
    [[nodiscard]] KUBESIM_DECL virtual std::vector<std::string> default_command() const;
    // Docker's ENTRYPOINT alone: what a Pod's args follow when it gives args but
    // no command (the image's CMD is then dropped). By default the whole
    // default_command, so args are appended to it; an image with a CMD and no
    // ENTRYPOINT (busybox) returns {}.
    [[nodiscard]] KUBESIM_DECL virtual std::vector<std::string> entrypoint() const;
    KUBESIM_DECL virtual task<int> exec(process_context ctx, std::vector<std::string> argv);
};

namespace images {
// Makes one image object per container instance (cluster.register_image).
using factory = std::function<std::shared_ptr<image>()>;
}  // namespace images

}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/image.ipp>
#endif
