// The definitions of the HTTP front end (compiled mode: included by one library
// translation unit, or through <kubesim/src.hpp> when Boost is available). The
// REST API itself (rest.ipp, discovery.ipp) has no transport and is part of the
// core library: kubectl/src.ipp brings it.
#pragma once

#include <kubesim/server/api_server.ipp>
