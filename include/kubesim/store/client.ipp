// Definitions of store/client.hpp.
#pragma once

#include <kubesim/store/client.hpp>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>

namespace kubesim::store::detail {

result<api::status> remove_collection(object_store& s, const kind_ops& ops, std::string_view ns,
                                      const list_options& selector, const delete_options& opt) {
    auto r = s.list(ops, ns, selector);
    if (!r) return failure{r.error()};
    for (const auto& o : r->items) {
        const auto& m = ops.meta(o.get());
        auto d = s.remove(ops, m.namespace_, m.name, opt);
        if (!d && d.error().reason != "NotFound") return failure{d.error()};
    }
    api::status st;
    return st;
}

std::optional<api::status> check_scale_update(const kind_ops& ops, std::string_view name, const api::scale& s,
                                              const std::string& current_rv) {
    if (!s.metadata.resource_version.empty() && s.metadata.resource_version != current_rv)
        return api::errors::conflict(ops.qualified_resource, name, api::errors::optimistic_lock_error_msg);
    if (s.spec.replicas < 0) {
        api::field::error_list errs{api::field::invalid(api::field::path("spec").child("replicas"),
                                                        std::int64_t{s.spec.replicas},
                                                        "must be greater than or equal to 0")};
        return api::errors::invalid("Scale.autoscaling", name, errs);
    }
    return std::nullopt;
}

api::scale to_scale(const api::object_meta& m, std::int32_t spec_replicas, std::int32_t status_replicas,
                    const api::label_selector* selector) {
    api::scale s;
    s.metadata.name = m.name;
    s.metadata.namespace_ = m.namespace_;
    s.metadata.uid = m.uid;
    s.metadata.resource_version = m.resource_version;
    s.metadata.creation_timestamp = m.creation_timestamp;
    s.spec.replicas = spec_replicas;
    s.status.replicas = status_replicas;
    if (selector) {
        if (auto sel = api::labels::label_selector_as_selector(*selector)) s.status.selector = sel->to_string();
    }
    return s;
}

}  // namespace kubesim::store::detail

namespace kubesim::store {
#ifdef KUBESIM_SEPARATE_COMPILATION
template class client<api::pod>;
template class client<api::node>;
template class client<api::namespace_>;
template class client<api::service>;
template class client<api::event>;
template class client<api::config_map>;
template class client<api::secret>;
template class client<api::endpoint_slice>;
template class client<api::replica_set>;
template class client<api::deployment>;
template class client<api::lease>;
#endif
}  // namespace kubesim::store
