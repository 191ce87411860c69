// Compiled mode: the library's definitions, for exactly one translation unit of
// a program whose translation units all define KUBESIM_SEPARATE_COMPILATION.
//
//   // kubesim.cpp, compiled once
//   #include <kubesim/src.hpp>
//
// (Meson builds the same definitions as a static library from several
// translation units instead: the `compiled` option, or pkg-config
// kubesim-compiled.)
#pragma once

#if !defined(KUBESIM_SEPARATE_COMPILATION)
#error "<kubesim/src.hpp> is compiled mode's: define KUBESIM_SEPARATE_COMPILATION in every translation unit of the program"
#endif

#include <kubesim/link_check.ipp>
#include <kubesim/sim/src.ipp>
#include <kubesim/api/src.ipp>
#include <kubesim/api/validation/src.ipp>
#include <kubesim/api/json/src.ipp>
#include <kubesim/store/src.ipp>
#include <kubesim/controllers/src.ipp>
#include <kubesim/network/src.ipp>
#include <kubesim/images/src.ipp>
#include <kubesim/kubelet/src.ipp>
#include <kubesim/kubectl/src.ipp>
#include <kubesim/cluster.ipp>
#include <kubesim/testing/src.ipp>
// The HTTP API server (<kubesim/server.hpp>) needs Boost.Beast; without it the
// rest of the library stands alone.
#if __has_include(<boost/beast/core.hpp>)
#include <kubesim/server/src.ipp>
#endif
