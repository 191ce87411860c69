// Definitions of images/builtin.hpp.
#pragma once

#include <kubesim/images/builtin.hpp>

#include <memory>

#include <kubesim/images/builtin/agnhost.hpp>
#include <kubesim/images/builtin/busybox.hpp>
#include <kubesim/images/builtin/hello_world.hpp>
#include <kubesim/images/builtin/http_echo.hpp>
#include <kubesim/images/builtin/pause.hpp>
#include <kubesim/images/registry.hpp>

namespace kubesim::images {

void register_builtin_images(registry& r) {
    r.add<pause>();
    r.add(pause::image_name, "3.9", [] { return std::make_shared<pause>("3.9"); });
    r.add<busybox>();
    r.add<http_echo>();
    r.add<agnhost>();
    r.add<hello_world>();
}

}  // namespace kubesim::images
