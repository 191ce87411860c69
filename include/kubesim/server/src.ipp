// The definitions of server/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp> when Boost is available).
#pragma once

#include <kubesim/server/discovery.ipp>
#include <kubesim/server/rest.ipp>
#include <kubesim/server/api_server.ipp>
