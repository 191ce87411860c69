// Patching through the type-erased store: the current object, the patch applied
// by the kind's codec (api/codec.hpp; the JSON work happens in api/json/), then
// an ordinary update, so optimistic concurrency, defaulting and validation
// apply as for any write.
#pragma once

#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/api/codec.hpp>
#include <kubesim/result.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::store {

struct kind_ops;

using api::patch_type;

KUBESIM_DECL result<object_ptr> patch_object(object_store& s, const kind_ops& ops, std::string_view ns,
                                             std::string_view name, const nlohmann::json& p, patch_type type,
                                             bool status);

}  // namespace kubesim::store

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/patch.ipp>
#endif
