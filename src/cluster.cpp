// One translation unit of the compiled library (meson option `compiled`).
#include <kubesim/link_check.ipp>
#include <kubesim/cluster.ipp>
