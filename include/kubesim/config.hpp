// What every kubesim header starts from: the two build modes and
// KUBESIM_ASSERT.
//
// Header-only (the default): every header includes its definitions (the .ipp
// file beside it), declared `inline`, so a program needs no link step.
// Compiled (KUBESIM_SEPARATE_COMPILATION defined in every translation unit):
// headers hold declarations only; the definitions are compiled once, in the
// one translation unit that includes <kubesim/src.hpp> or in the static
// library Meson builds from the same files. docs/build-modes.md says more.
#pragma once

#include <cstdio>
#include <cstdlib>

// KUBESIM_DECL goes on the declaration of every non-template function whose
// body lives in an .ipp file: inline in header-only mode (the body is in every
// translation unit that includes the header), an ordinary external function in
// compiled mode (the body is in the library).
#if defined(KUBESIM_SEPARATE_COMPILATION)
#define KUBESIM_DECL
#else
#define KUBESIM_DECL inline
#endif

// Mixing the modes in one program is refused at link time. Header-only
// translation units define this variable as thread-local; compiled ones refer
// to the library's ordinary definition (<kubesim/src.hpp>). The linker cannot
// join the two and names the variable ("TLS definition ... mismatches non-TLS
// reference" or "multiple definition of ...").
namespace kubesim::link_check {
#if defined(KUBESIM_SEPARATE_COMPILATION)
extern int KUBESIM_SEPARATE_COMPILATION_must_be_defined_in_every_translation_unit_or_in_none;
[[gnu::used]] static int* const mode_of_this_translation_unit =
    &KUBESIM_SEPARATE_COMPILATION_must_be_defined_in_every_translation_unit_or_in_none;
#else
inline thread_local int KUBESIM_SEPARATE_COMPILATION_must_be_defined_in_every_translation_unit_or_in_none = 0;
[[gnu::used]] static int mode_of_this_translation_unit() {
    return KUBESIM_SEPARATE_COMPILATION_must_be_defined_in_every_translation_unit_or_in_none;
}
#endif
}  // namespace kubesim::link_check

// KUBESIM_ASSERT: checks an internal invariant; a failure is a bug in kubesim,
// never a user error. Users may define KUBESIM_ASSERT before including kubesim.
#ifndef KUBESIM_ASSERT
#define KUBESIM_ASSERT(cond, msg)                                                      \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            std::fprintf(stderr, "kubesim: internal invariant broken: %s (%s) at %s:%d\n", \
                         msg, #cond, __FILE__, __LINE__);                              \
            std::abort();                                                              \
        }                                                                              \
    } while (0)
#endif
