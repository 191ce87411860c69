// The definitions of api/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/api/codec.ipp>
#include <kubesim/api/defaults.ipp>
#include <kubesim/api/errors.ipp>
#include <kubesim/api/field.ipp>
#include <kubesim/api/fields.ipp>
#include <kubesim/api/int_or_string.ipp>
#include <kubesim/api/labels.ipp>
#include <kubesim/api/quantity.ipp>
#include <kubesim/api/utf8.ipp>
#include <kubesim/api/validation_names.ipp>
