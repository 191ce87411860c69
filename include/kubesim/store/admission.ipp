// Definitions of store/admission.hpp.
#pragma once

#include <kubesim/store/admission.hpp>

#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::store {

void admit_default_toleration_seconds(api::pod& p, const default_toleration_seconds_options& opt) {
    constexpr std::string_view not_ready = "node.kubernetes.io/not-ready";
    constexpr std::string_view unreachable = "node.kubernetes.io/unreachable";
    bool tolerates_not_ready = false;
    bool tolerates_unreachable = false;
    for (const auto& t : p.spec.tolerations) {
        const bool no_execute = t.effect.empty() || t.effect == "NoExecute";
        if (!no_execute) continue;
        if (t.key.empty() || t.key == not_ready) tolerates_not_ready = true;
        if (t.key.empty() || t.key == unreachable) tolerates_unreachable = true;
    }
    // AddOrUpdateTolerationInPod: a toleration equal in key, operator, value
    // and effect would have tolerated the taint, so these are appended.
    auto add = [&](std::string_view key, std::int64_t seconds) {
        api::toleration t;
        t.key = std::string(key);
        t.operator_ = "Exists";
        t.effect = "NoExecute";
        t.toleration_seconds = seconds;
        p.spec.tolerations.push_back(std::move(t));
    };
    if (!tolerates_not_ready) add(not_ready, opt.not_ready_seconds);
    if (!tolerates_unreachable) add(unreachable, opt.unreachable_seconds);
}

void install_default_toleration_seconds(object_store& s, default_toleration_seconds_options opt) {
    const auto& ops = kind_ops_of<api::pod>();
    auto h = s.hooks(ops);
    auto previous = std::move(h.admit);
    h.admit = [opt, previous = std::move(previous)](void* obj, const void* old) {
        if (previous) previous(obj, old);
        admit_default_toleration_seconds(*static_cast<api::pod*>(obj), opt);
    };
    s.set_hooks(ops, std::move(h));
}

}  // namespace kubesim::store
