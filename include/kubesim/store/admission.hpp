// Mutating admission plugins of kube-apiserver that kubesim runs, installed as
// a kind's `admit` hook (object_store.hpp): they see an object once it is
// defaulted and before the registry prepares and validates it, on create and
// on an update of the main resource (not of a subresource), as upstream.
//
// DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds):
// a pod that does not already tolerate node.kubernetes.io/not-ready:NoExecute
// gets {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute,
// tolerationSeconds: 300}, and the same for node.kubernetes.io/unreachable. A
// toleration tolerates the taint for this purpose when its key is the taint's
// or empty and its effect is NoExecute or empty (whatever its operator). So a
// pod whose node stops answering keeps running there for 300 s before the taint
// eviction controller deletes it (controllers/taint_eviction).
#pragma once

#include <cstdint>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/config.hpp>

namespace kubesim::store {

class object_store;

// The kube-apiserver flags --default-not-ready-toleration-seconds and
// --default-unreachable-toleration-seconds.
struct default_toleration_seconds_options {
    std::int64_t not_ready_seconds{300};
    std::int64_t unreachable_seconds{300};
};

// The plugin's Admit on one pod.
KUBESIM_DECL void admit_default_toleration_seconds(api::pod& p, const default_toleration_seconds_options& opt = {});

// Installs the plugin on the store's pods (keeping the pod kind's other hooks).
KUBESIM_DECL void install_default_toleration_seconds(object_store& s, default_toleration_seconds_options opt = {});

}  // namespace kubesim::store

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/admission.ipp>
#endif
