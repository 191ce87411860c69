// The definitions of kubectl/ and of the transport-independent REST API it
// talks to (compiled mode: through <kubesim/src.hpp>; the library builds the
// same files as two translation units, src/kubectl.cpp and
// src/kubectl_commands.cpp).
#pragma once

#include <kubesim/kubectl/apply.ipp>
#include <kubesim/kubectl/printers.ipp>
#include <kubesim/kubectl/yaml.ipp>
#include <kubesim/kubectl/detail/jsonpath.ipp>
#include <kubesim/kubectl/detail/cli.ipp>
#include <kubesim/kubectl/detail/output.ipp>
#include <kubesim/kubectl/kubectl.ipp>
#include <kubesim/kubectl/commands.ipp>
#include <kubesim/kubectl/commands/src.ipp>
#include <kubesim/server/discovery.ipp>
#include <kubesim/server/rest.ipp>
