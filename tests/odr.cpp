// A second translation unit holding the whole library: a non-inline function
// defined in a header becomes a duplicate-symbol link error in every suite.
#include <kubesim/kubesim.hpp>
