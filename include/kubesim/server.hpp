// The Kubernetes API over HTTP: kubesim::api_server (needs Boost.Beast and
// Boost.Asio, header-only, Debian's libboost-dev).
#pragma once

#include <kubesim/server/api_server.hpp>
