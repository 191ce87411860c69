// The definitions of images/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/images/builtin.ipp>
#include <kubesim/images/builtin/agnhost.ipp>
#include <kubesim/images/builtin/busybox.ipp>
#include <kubesim/images/builtin/hello_world.ipp>
#include <kubesim/images/builtin/http_echo.ipp>
#include <kubesim/images/builtin/pause.ipp>
#include <kubesim/images/builtin/support.ipp>
#include <kubesim/images/container.ipp>
#include <kubesim/images/container_files.ipp>
#include <kubesim/images/core_utils.ipp>
#include <kubesim/images/environment.ipp>
#include <kubesim/images/image.ipp>
#include <kubesim/images/process.ipp>
#include <kubesim/images/registry.ipp>
#include <kubesim/images/runtime.ipp>
