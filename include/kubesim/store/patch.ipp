// Definitions of store/patch.hpp.
#pragma once

#include <kubesim/store/patch.hpp>

#include <string>

#include <kubesim/api/errors.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/store/kind_ops.hpp>

namespace kubesim::store {

result<object_ptr> patch_object(object_store& s, const kind_ops& ops, std::string_view ns, std::string_view name,
                                const nlohmann::json& p, patch_type type, bool status) {
    auto it = api::codecs_by_resource().find(ops.resource);
    if (it == api::codecs_by_resource().end())
        throw usage_error("[kubesim.store.no-json] patching " + std::string(ops.resource) +
                          " needs the JSON codecs: include <kubesim/api/json/codec.hpp> (kubesim.hpp does)");
    auto cur = s.get(ops, ns, name);
    if (!cur) return cur.error();
    auto next = it->second->patch(cur->get(), p, type);
    if (!next) return next.error();
    const auto& cm = ops.meta(cur->get());
    auto& nm = ops.meta_mut(next->get());
    if (nm.name != cm.name)
        return api::errors::bad_request("the name of the object (" + nm.name + ") does not match the name on the URL (" +
                                        cm.name + ")");
    return status ? s.update_status(ops, std::move(*next), ns) : s.update(ops, std::move(*next), ns);
}

}  // namespace kubesim::store
