// The one place that includes the coroutine header. libc++ 13 (Debian's
// emscripten) ships only <experimental/coroutine>; map it into std there.
#pragma once

#if __has_include(<coroutine>)
#include <coroutine>
#elif __has_include(<experimental/coroutine>)
#include <experimental/coroutine>
namespace std {
using std::experimental::coroutine_handle;
using std::experimental::coroutine_traits;
using std::experimental::noop_coroutine;
using std::experimental::suspend_always;
using std::experimental::suspend_never;
}  // namespace std
#else
#error "kubesim needs C++20 coroutines"
#endif
