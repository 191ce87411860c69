// Definitions of controllers/endpoint_slice/controller.hpp.
#pragma once

#include <kubesim/controllers/endpoint_slice/controller.hpp>

#include <map>
#include <string_view>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::controllers::endpoint_slice {

controller::controller(store::object_store& s, controller_options opt, store::shared_informers* informers)
    : opt_(opt),
      services_(s, informers),
      pods_(s, informers),
      nodes_(s, informers),
      slices_(s, informers),
      recorder_(s, "endpoint-slice-controller"),
      reconciler_(s, nodes_.lister(), opt.max_endpoints_per_slice, tracker_),
      queue_(s.engine(), [this](const std::string& key) { process(key); }, rate_limiter()) {
    // Pods by "namespace/key=value" for each label.
    pods_.add_index("labels", [](const api::pod& p) {
        std::vector<std::string> out;
        out.reserve(p.metadata.labels.size());
        for (const auto& [k, v] : p.metadata.labels) out.push_back(label_index_value(p.metadata.namespace_, k, v));
        return out;
    });
    // Services by "namespace/key=value" of their first selector pair (every
    // selected pod carries it), so a pod's memberships are found without
    // walking all Services of its namespace.
    services_.add_index("selector", [](const api::service& svc) {
        if (svc.spec.selector.empty()) return std::vector<std::string>{};
        const auto& [k, v] = *svc.spec.selector.begin();
        return std::vector<std::string>{label_index_key(svc.metadata.namespace_, k, v)};
    });
    // Slices by "namespace/service-name".
    slices_.add_index("service", [](const api::endpoint_slice& es) {
        auto key = endpoint_slice_tracker::service_key(es);
        return key.empty() ? std::vector<std::string>{} : std::vector<std::string>{key};
    });

    services_.on_add([this](const svc_ptr& svc) { queue_.add(key_of(*svc)); });
    services_.on_update([this](const svc_ptr&, const svc_ptr& svc) { queue_.add(key_of(*svc)); });
    services_.on_delete([this](const svc_ptr& svc) { queue_.add(key_of(*svc)); });

    pods_.on_add([this](const pod_ptr& p) { add_pod(*p); });
    pods_.on_update([this](const pod_ptr& o, const pod_ptr& n) { update_pod(*o, *n); });
    pods_.on_delete([this](const pod_ptr& p) { add_pod(*p); });

    slices_.on_add([this](const slice_ptr& es) {
        if (managed_by_controller(*es) && tracker_.should_sync(*es)) queue_service_for_slice(*es);
    });
    slices_.on_update([this](const slice_ptr& o, const slice_ptr& n) { on_slice_update(*o, *n); });
    slices_.on_delete([this](const slice_ptr& es) {
        if (managed_by_controller(*es) && tracker_.handle_deletion(*es)) queue_service_for_slice(*es);
    });
}

std::unique_ptr<controllers::rate_limiter> controller::rate_limiter() {
    std::vector<std::unique_ptr<controllers::rate_limiter>> ls;
    ls.push_back(std::make_unique<item_exponential_failure_rate_limiter>(std::chrono::seconds(1),
                                                                         std::chrono::seconds(1000)));
    ls.push_back(std::make_unique<bucket_rate_limiter>(10, 100));
    return std::make_unique<max_of_rate_limiter>(std::move(ls));
}

bool controller::managed_by_controller(const api::endpoint_slice& es) {
    auto it = es.metadata.labels.find(std::string(label_managed_by));
    return it != es.metadata.labels.end() && it->second == controller_name;
}

bool controller::selects(const api::service& svc, const api::pod& p) {
    if (svc.spec.selector.empty()) return false;
    for (const auto& [k, v] : svc.spec.selector) {
        auto it = p.metadata.labels.find(k);
        if (it == p.metadata.labels.end() || it->second != v) return false;
    }
    return true;
}

std::set<std::string> controller::pod_service_memberships(const api::pod& p) const {
    std::set<std::string> out;
    const auto lister = services_.lister();
    for (const auto& [k, v] : p.metadata.labels)
        for (const auto& svc : lister.by_index("selector", label_index_key(p.metadata.namespace_, k, v)))
            if (selects(*svc, p)) out.insert(key_of(*svc));
    return out;
}

void controller::queue_pod_services(const std::set<std::string>& keys) {
    for (const auto& k : keys) queue_.add_after(k, opt_.endpoint_updates_batch_period);
}

std::pair<bool, bool> controller::pod_endpoints_changed(const api::pod& o, const api::pod& n) {
    const bool labels_changed = o.metadata.labels != n.metadata.labels || o.spec.hostname != n.spec.hostname ||
                                o.spec.subdomain != n.spec.subdomain;
    if (o.metadata.deletion_timestamp != n.metadata.deletion_timestamp) return {true, labels_changed};
    if (is_pod_ready(o) != is_pod_ready(n)) return {true, labels_changed};
    if (pod_ips(o) != pod_ips(n)) return {true, labels_changed};
    return {false, labels_changed};
}

void controller::update_pod(const api::pod& o, const api::pod& n) {
    if (o.metadata.resource_version == n.metadata.resource_version) return;  // resync
    auto [pod_changed, labels_changed] = pod_endpoints_changed(o, n);
    if (!pod_changed && !labels_changed) return;
    auto keys = pod_service_memberships(n);
    if (labels_changed) {
        auto old_keys = pod_service_memberships(o);
        if (pod_changed) {
            keys.insert(old_keys.begin(), old_keys.end());
        } else {
            // Only the Services the pod joined or left.
            std::set<std::string> diff;
            for (const auto& k : keys)
                if (!old_keys.count(k)) diff.insert(k);
            for (const auto& k : old_keys)
                if (!keys.count(k)) diff.insert(k);
            keys = std::move(diff);
        }
    }
    queue_pod_services(keys);
}

void controller::queue_service_for_slice(const api::endpoint_slice& es) {
    auto key = endpoint_slice_tracker::service_key(es);
    if (key.empty()) return;
    auto delay = endpoint_slice_change_min_sync_delay;
    if (opt_.endpoint_updates_batch_period > delay) delay = opt_.endpoint_updates_batch_period;
    queue_.add_after(key, delay);
}

void controller::on_slice_update(const api::endpoint_slice& o, const api::endpoint_slice& n) {
    if (endpoint_slice_tracker::service_key(o) != endpoint_slice_tracker::service_key(n)) {
        queue_service_for_slice(o);
        queue_service_for_slice(n);
        return;
    }
    if (managed_by_controller(o) != managed_by_controller(n) ||
        (managed_by_controller(n) && tracker_.should_sync(n)))
        queue_service_for_slice(n);
}

std::vector<controller::pod_ptr> controller::pods_for(const api::service& svc) const {
    std::vector<pod_ptr> out;
    const auto& first = *svc.spec.selector.begin();
    for (auto& p : pods_.lister().by_index("labels", label_index_value(svc.metadata.namespace_, first.first, first.second)))
        if (selects(svc, *p)) out.push_back(std::move(p));
    return out;
}

std::string controller::sync_service(const std::string& key) {
    ++syncs_;
    const auto [ns, name] = split_meta_namespace_key(key);
    auto svc = services_.lister().get(ns, name);
    if (!svc) {
        // Its slices are owned by it: the garbage collector deletes them.
        tracker_.delete_service(key);
        return {};
    }
    if (svc->spec.type == "ExternalName") return {};  // no endpoints for ExternalName Services
    if (svc->spec.selector.empty()) return {};       // slices of selector-less Services are managed by users

    auto pods = pods_for(*svc);
    std::vector<slice_ptr> slices;
    for (auto& es : slices_for(key))
        if (managed_by_controller(*es) && !es->metadata.deletion_timestamp) slices.push_back(std::move(es));
    if (tracker_.stale_slices(key, slices)) return "EndpointSlice informer cache is out of date";

    auto err = reconciler_.reconcile(*svc, pods, slices);
    if (!err.empty()) {
        recorder_.event(*svc, "Warning", "FailedToUpdateEndpointSlices",
                        "Error updating Endpoint Slices for Service " + key + ": " + err);
    }
    return err;
}

}  // namespace kubesim::controllers::endpoint_slice
