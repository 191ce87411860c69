// The definitions of api/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once
