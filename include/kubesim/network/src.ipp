// The definitions of network/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/network/dns.ipp>
#include <kubesim/network/http.ipp>
#include <kubesim/network/kube_proxy.ipp>
#include <kubesim/network/network.ipp>
