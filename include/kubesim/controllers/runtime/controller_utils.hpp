// Helpers the workload controllers share, modelled on upstream
// pkg/controller/controller_utils.go (RealPodControl, GetPodFromTemplate,
// FilterActivePods, IsPodActive), pkg/controller/controller_ref_manager.go
// (BaseControllerRefManager.ClaimObject, adopt and release) and
// pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/event_recorder.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers {

// ---- keys ------------------------------------------------------------------

// MetaNamespaceKeyFunc: "namespace/name" ("name" for cluster-scoped objects).
[[nodiscard]] inline std::string key_func(const api::object_meta& m) {
    return m.namespace_.empty() ? m.name : m.namespace_ + "/" + m.name;
}
// SplitMetaNamespaceKey.
[[nodiscard]] KUBESIM_DECL std::pair<std::string, std::string> split_meta_namespace_key(std::string_view key);

// ---- informer index values -------------------------------------------------

// "namespace/key=value": where an object with that label, or a selector
// requiring it, is filed in a label index.
[[nodiscard]] KUBESIM_DECL std::string label_index_key(std::string_view ns, std::string_view k, std::string_view v);
// The uid of the object's controller, or nothing: an index by controller,
// registered under controller_uid_index_name (one index on a shared informer).
inline constexpr std::string_view controller_uid_index_name = "controllerUID";
[[nodiscard]] KUBESIM_DECL std::vector<std::string> controller_uid_index(const api::object_meta& m);

// utilerrors.NewAggregate(errs).Error(): "" for none, one message as is,
// several (deduplicated, first occurrence kept) as "[a, b]".
[[nodiscard]] KUBESIM_DECL std::string aggregate_errors(const std::vector<std::string>& errs);

// ---- pods --------------------------------------------------------------------

[[nodiscard]] KUBESIM_DECL const api::pod_condition* get_pod_ready_condition(const api::pod& p);
[[nodiscard]] KUBESIM_DECL bool is_pod_ready(const api::pod& p);
// IsPodAvailable: ready for at least minReadySeconds. Upstream compares with
// Before (strictly later than ready + minReadySeconds); on a virtual clock a
// controller woken at exactly that instant must see the pod available, so the
// bound is inclusive here.
[[nodiscard]] KUBESIM_DECL bool is_pod_available(const api::pod& p, std::int32_t min_ready_seconds,
                                                 sim::time_point now);
// IsPodActive: not finished and not being deleted.
[[nodiscard]] KUBESIM_DECL bool is_pod_active(const api::pod& p);
// IsPodTerminating: being deleted but not finished.
[[nodiscard]] KUBESIM_DECL bool is_pod_terminating(const api::pod& p);

template <class Ptr>
[[nodiscard]] std::vector<Ptr> filter_active_pods(const std::vector<Ptr>& pods) {
    std::vector<Ptr> out;
    out.reserve(pods.size());
    for (const auto& p : pods)
        if (is_pod_active(*p)) out.push_back(p);
    return out;
}

// The owner reference a controller sets on what it creates (NewControllerRef).
template <api::resource Owner>
[[nodiscard]] api::owner_reference new_controller_ref(const Owner& owner) {
    return api::owner_reference{std::string(Owner::api_version), std::string(Owner::kind), owner.metadata.name,
                                owner.metadata.uid, true, true};
}

// getPodsPrefix: "<name>-" unless that is not a valid generateName prefix.
[[nodiscard]] KUBESIM_DECL std::string get_pods_prefix(const std::string& controller_name);

// GetPodFromTemplate: labels, annotations and finalizers of the template,
// generateName "<controller>-", the controller reference, the template's spec.
template <api::resource Owner>
[[nodiscard]] api::pod get_pod_from_template(const api::pod_template_spec& t, const Owner& owner) {
    api::pod p;
    p.metadata.labels = t.metadata.labels;
    p.metadata.annotations = t.metadata.annotations;
    p.metadata.finalizers = t.metadata.finalizers;
    p.metadata.generate_name = get_pods_prefix(owner.metadata.name);
    p.metadata.owner_references = {new_controller_ref(owner)};
    p.spec = t.spec;
    return p;
}

// RealPodControl: creates and deletes pods on behalf of a controller, with the
// events upstream records on the controller object.
class pod_control {
public:
    pod_control(store::object_store& s, store::event_recorder& recorder) : store_(&s), recorder_(&recorder) {}

    // CreatePods. Returns the created pod, or the API error. A create refused
    // because the namespace is terminating records no event, as upstream.
    template <api::resource Owner>
    result<api::pod> create_pods(const std::string& ns, const api::pod_template_spec& t, const Owner& owner) {
        api::pod p = get_pod_from_template(t, owner);
        if (p.metadata.labels.empty()) return api::errors::bad_request("unable to create pods, no labels");
        auto r = store::client<api::pod>(*store_, ns).create(p);
        if (!r) {
            bool terminating = false;
            for (const auto& c : r.error().details.causes)
                if (c.type == "NamespaceTerminating") terminating = true;
            if (!terminating) recorder_->event(owner, "Warning", "FailedCreate", "Error creating: " + r.error().message);
            return r;
        }
        recorder_->event(owner, "Normal", "SuccessfulCreate", "Created pod: " + r->metadata.name);
        return r;
    }

    // DeletePod. NotFound is returned without an event (someone else deleted it).
    template <api::resource Owner>
    result<api::status> delete_pod(const std::string& ns, const std::string& name, const Owner& owner) {
        auto r = store::client<api::pod>(*store_, ns).remove(name);
        if (!r) {
            if (r.error().reason != "NotFound")
                recorder_->event(owner, "Warning", "FailedDelete", "Error deleting: " + r.error().message);
            return r;
        }
        recorder_->event(owner, "Normal", "SuccessfulDelete", "Deleted pod: " + name);
        return r;
    }

private:
    store::object_store* store_;
    store::event_recorder* recorder_;
};

// ---- controller references: adopt and release ----------------------------------

// BaseControllerRefManager.ClaimObject over a list of cached objects: keeps
// what the controller owns and still selects, adopts matching orphans, and
// releases owned objects that stopped matching. Objects controlled by someone
// else are never touched. Adoption first re-reads the controller from the API
// (RecheckDeletionTimestamp): a controller that was deleted or replaced adopts
// nothing. Errors other than NotFound are collected into `errors`.
template <api::resource Kind, api::resource Owner>
[[nodiscard]] std::vector<std::shared_ptr<const Kind>> claim_objects(store::object_store& s, const Owner& controller,
                                                                     const api::labels::selector& sel,
                                                                     const std::vector<std::shared_ptr<const Kind>>& objs,
                                                                     std::vector<std::string>& errors) {
    std::vector<std::shared_ptr<const Kind>> claimed;
    const auto& cm = controller.metadata;
    int can_adopt = -1;  // -1 not checked yet, 0 no, 1 yes
    std::string cannot_adopt;  // why not, when can_adopt is 0
    store::client<Kind> objects(s, cm.namespace_);
    for (const auto& o : objs) {
        const auto& m = o->metadata;
        const auto* ref = api::controller_of(m);
        const bool matches = sel.matches(m.labels);
        if (ref) {
            if (ref->uid != cm.uid) continue;
            if (matches) {
                claimed.push_back(o);
                continue;
            }
            if (cm.deletion_timestamp) continue;
            // release: drop our reference (the uid check plays the patch's precondition)
            auto fresh = objects.get(m.name);
            if (!fresh || fresh->metadata.uid != m.uid) continue;
            auto& refs = fresh->metadata.owner_references;
            std::vector<api::owner_reference> kept;
            for (const auto& r : refs)
                if (r.uid != cm.uid) kept.push_back(r);
            if (kept.size() == refs.size()) continue;
            fresh->metadata.owner_references = api::cow_vector<api::owner_reference>(std::move(kept));
            auto u = objects.update(*fresh);
            if (!u && u.error().reason != "NotFound" && u.error().reason != "Invalid") errors.push_back(u.error().message);
            continue;
        }
        if (cm.deletion_timestamp || !matches || m.deletion_timestamp) continue;
        if (!cm.namespace_.empty() && cm.namespace_ != m.namespace_) continue;
        if (can_adopt < 0) {
            can_adopt = 0;
            auto owner = store::client<Owner>(s, cm.namespace_).get_shared(cm.name);
            if (!owner) {
                cannot_adopt = owner.error().message;
            } else if ((*owner)->metadata.uid != cm.uid) {
                cannot_adopt = "original " + std::string(Owner::kind) + " " + cm.namespace_ + "/" + cm.name +
                               " is gone: got uid " + (*owner)->metadata.uid + ", wanted " + cm.uid;
            } else if ((*owner)->metadata.deletion_timestamp) {
                cannot_adopt = cm.namespace_ + "/" + cm.name + " has just been deleted at " +
                               sim::to_rfc3339(*(*owner)->metadata.deletion_timestamp);
            } else {
                can_adopt = 1;
            }
        }
        if (can_adopt == 0) {
            // AdoptPod / AdoptReplicaSet: every orphan it would have adopted
            // reports the refusal (CanAdopt itself runs once).
            errors.push_back("can't adopt " + std::string(Kind::kind) + " " + m.namespace_ + "/" + m.name + " (" +
                             m.uid + "): " + cannot_adopt);
            continue;
        }
        auto fresh = objects.get(m.name);
        if (!fresh || fresh->metadata.uid != m.uid) continue;
        if (api::controller_of(fresh->metadata)) continue;  // someone else adopted it meanwhile
        std::vector<api::owner_reference> refs(fresh->metadata.owner_references.begin(),
                                               fresh->metadata.owner_references.end());
        refs.push_back(new_controller_ref(controller));
        fresh->metadata.owner_references = api::cow_vector<api::owner_reference>(std::move(refs));
        auto u = objects.update(*fresh);
        if (!u) {
            if (u.error().reason != "NotFound") errors.push_back(u.error().message);
            continue;
        }
        claimed.push_back(std::make_shared<const Kind>(std::move(*u)));
    }
    return claimed;
}

}  // namespace kubesim::controllers

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/runtime/controller_utils.ipp>
#endif
