// The images every simulated cluster can pull without registering anything:
//
//   registry.k8s.io/pause:3.10, :3.9              the Pod sandbox; /pause waits for SIGTERM
//   busybox:1.36                                  core utilities, wget, nslookup
//   hashicorp/http-echo:1.0                       answers every request with -text
//   registry.k8s.io/e2e-test-images/agnhost:2.40  netexec, serve-hostname, pause
//   crccheck/hello-world:1.0                      an HTML hello world on port 8000
//
// docs/images.md describes their commands, flags, endpoints and outputs.
#pragma once

#include <memory>

#include <kubesim/images/builtin/agnhost.hpp>
#include <kubesim/images/builtin/busybox.hpp>
#include <kubesim/images/builtin/hello_world.hpp>
#include <kubesim/images/builtin/http_echo.hpp>
#include <kubesim/images/builtin/pause.hpp>
#include <kubesim/images/registry.hpp>

namespace kubesim::images {

inline void register_builtin_images(registry& r) {
    r.add<pause>();
    r.add(pause::image_name, "3.9", [] { return std::make_shared<pause>("3.9"); });
    r.add<busybox>();
    r.add<http_echo>();
    r.add<agnhost>();
    r.add<hello_world>();
}

}  // namespace kubesim::images
