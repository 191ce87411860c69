// KUBESIM_ASSERT: checks an internal invariant; a failure is a bug in kubesim,
// never a user error. Users may define KUBESIM_ASSERT before including kubesim.
#pragma once

#include <cstdio>
#include <cstdlib>

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
