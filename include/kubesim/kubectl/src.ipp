// The definitions of kubectl/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/kubectl/apply.ipp>
#include <kubesim/kubectl/printers.ipp>
