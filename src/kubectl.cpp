// One translation unit of the compiled library (meson option `compiled`): the
// REST API (server/rest, server/discovery: transport-independent) and kubectl
// but its commands (src/kubectl_commands.cpp). Mirrors kubectl/src.ipp.
#include <kubesim/kubectl/apply.ipp>
#include <kubesim/kubectl/printers.ipp>
#include <kubesim/kubectl/yaml.ipp>
#include <kubesim/kubectl/detail/jsonpath.ipp>
#include <kubesim/kubectl/detail/cli.ipp>
#include <kubesim/kubectl/detail/output.ipp>
#include <kubesim/kubectl/kubectl.ipp>
#include <kubesim/server/discovery.ipp>
#include <kubesim/server/rest.ipp>
