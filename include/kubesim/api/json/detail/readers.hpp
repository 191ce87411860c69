// The read() overloads that one api/json/ .ipp file needs from another: a
// reader descending into a nested struct finds its read() by argument-dependent
// lookup, so the struct's read() must be declared where the descent is
// instantiated (apps.ipp reads a pod_template_spec, every kind an object_meta,
// and codec.ipp decodes every stored kind). The other read() overloads are
// helpers local to their .ipp file.
#pragma once

#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api::json::detail {

// Defined in meta.ipp.
KUBESIM_DECL void read(const reader& r, object_meta& x);
KUBESIM_DECL void read(const reader& r, condition& x);
KUBESIM_DECL void read(const reader& r, object_reference& x);
KUBESIM_DECL void read(const reader& r, label_selector& x);

// Defined in core.ipp.
KUBESIM_DECL void read(const reader& r, pod_template_spec& x);
KUBESIM_DECL void read(const reader& r, pod& x);
KUBESIM_DECL void read(const reader& r, node& x);
KUBESIM_DECL void read(const reader& r, namespace_& x);
KUBESIM_DECL void read(const reader& r, service& x);
KUBESIM_DECL void read(const reader& r, event& x);
KUBESIM_DECL void read(const reader& r, config_map& x);
KUBESIM_DECL void read(const reader& r, secret& x);

// Defined in apps.ipp, discovery.ipp and coordination.ipp.
KUBESIM_DECL void read(const reader& r, replica_set& x);
KUBESIM_DECL void read(const reader& r, deployment& x);
KUBESIM_DECL void read(const reader& r, endpoint_slice& x);
KUBESIM_DECL void read(const reader& r, lease& x);

}  // namespace kubesim::api::json::detail
