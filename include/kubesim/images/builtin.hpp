// The images every simulated cluster can pull without registering anything:
//
//   registry.k8s.io/pause:3.10, :3.9              the Pod sandbox; /pause waits for SIGTERM
//   busybox:1.36                                  core utilities, wget, nslookup
//   hashicorp/http-echo:1.0                       answers every request with -text
//   registry.k8s.io/e2e-test-images/agnhost:2.40  netexec, serve-hostname, pause
//   crccheck/hello-world:1.0                      an HTML hello world on port 8000
//
// docs/images.md describes their commands, flags, endpoints and outputs. Each
// image class has its own header in builtin/ (images::busybox in
// <kubesim/images/builtin/busybox.hpp>, ...).
#pragma once

#include <kubesim/config.hpp>

namespace kubesim::images {

class registry;

KUBESIM_DECL void register_builtin_images(registry& r);

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/builtin.ipp>
#endif
