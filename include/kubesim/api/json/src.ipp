// The definitions of api/json/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once
