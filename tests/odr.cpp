// A second header-only translation unit holding the whole library: a function
// defined in an .ipp file without KUBESIM_DECL (so not inline in header-only
// mode) becomes a duplicate-symbol link error here.
#include <kubesim/kubesim.hpp>
