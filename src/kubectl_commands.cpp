// One translation unit of the compiled library (meson option `compiled`): kubectl's commands.
#include <kubesim/kubectl/commands.ipp>
#include <kubesim/kubectl/commands/src.ipp>
