// One translation unit of the compiled library (meson option `compiled`).
#include <kubesim/controllers/src.ipp>
