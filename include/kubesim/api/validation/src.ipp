// The definitions of api/validation/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/api/validation/apps.ipp>
#include <kubesim/api/validation/coordination.ipp>
#include <kubesim/api/validation/core.ipp>
#include <kubesim/api/validation/discovery.ipp>
#include <kubesim/api/validation/meta.ipp>
