// The definitions of network/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once
