// One translation unit of the compiled library (meson option `compiled`): the
// REST API (server/rest, server/discovery: transport-independent) and kubectl.
#include <kubesim/kubectl/src.ipp>
