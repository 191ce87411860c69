// The definitions of kubelet/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/kubelet/env.ipp>
#include <kubesim/kubelet/expansion.ipp>
#include <kubesim/kubelet/image_ref.ipp>
#include <kubesim/kubelet/kubelet.ipp>
#include <kubesim/kubelet/node_lease.ipp>
#include <kubesim/kubelet/prober.ipp>
#include <kubesim/kubelet/shell.ipp>
#include <kubesim/kubelet/status.ipp>
