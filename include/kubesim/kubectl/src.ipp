// The definitions of kubectl/ and of the transport-independent REST API it
// talks to (compiled mode: included by one library translation unit, or
// through <kubesim/src.hpp>).
#pragma once

#include <kubesim/kubectl/apply.ipp>
#include <kubesim/kubectl/detail/jsonpath.ipp>
#include <kubesim/kubectl/printers.ipp>
#include <kubesim/server/discovery.ipp>
#include <kubesim/server/rest.ipp>
