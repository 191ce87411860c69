// One translation unit of the compiled library (meson option `compiled`): the
// property-testing support (<kubesim/testing.hpp>).
#include <kubesim/testing/src.ipp>
