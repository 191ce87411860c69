// Definitions of controllers/endpoint_slice/reconciler.hpp.
#pragma once

#include <kubesim/controllers/endpoint_slice/reconciler.hpp>

#include <algorithm>
#include <set>
#include <string_view>
#include <utility>

#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/store/client.hpp>

namespace kubesim::controllers::endpoint_slice {

std::uint64_t endpoint_slice_tracker::rv_of(const api::endpoint_slice& es) {
    std::uint64_t v = 0;
    for (char c : es.metadata.resource_version) {
        if (c < '0' || c > '9') return 0;
        v = v * 10 + static_cast<std::uint64_t>(c - '0');
    }
    return v;
}

std::string endpoint_slice_tracker::service_key(const api::endpoint_slice& es) {
    auto it = es.metadata.labels.find(std::string(label_service_name));
    if (it == es.metadata.labels.end() || it->second.empty()) return {};
    return es.metadata.namespace_ + "/" + it->second;
}

bool endpoint_slice_tracker::has(const api::endpoint_slice& es) const {
    auto s = by_service_.find(service_key(es));
    return s != by_service_.end() && s->second.count(es.metadata.uid) != 0;
}

bool endpoint_slice_tracker::should_sync(const api::endpoint_slice& es) const {
    auto s = by_service_.find(service_key(es));
    if (s == by_service_.end()) return true;
    auto g = s->second.find(es.metadata.uid);
    return g == s->second.end() || rv_of(es) > g->second;
}

bool endpoint_slice_tracker::stale_slices(const std::string& key,
                                          const std::vector<std::shared_ptr<const api::endpoint_slice>>& slices) const {
    auto s = by_service_.find(key);
    if (s == by_service_.end()) return false;
    std::set<std::string> provided;
    for (const auto& es : slices) {
        provided.insert(es->metadata.uid);
        auto g = s->second.find(es->metadata.uid);
        if (g != s->second.end() && (g->second == deletion_expected || g->second > rv_of(*es))) return true;
    }
    for (const auto& [uid, rv] : s->second)
        if (rv != deletion_expected && provided.count(uid) == 0) return true;
    return false;
}

void endpoint_slice_tracker::update(const api::endpoint_slice& es) {
    const auto key = service_key(es);
    if (key.empty()) return;
    by_service_[key][es.metadata.uid] = rv_of(es);
}

void endpoint_slice_tracker::expect_deletion(const api::endpoint_slice& es) {
    const auto key = service_key(es);
    if (key.empty()) return;
    by_service_[key][es.metadata.uid] = deletion_expected;
}

bool endpoint_slice_tracker::handle_deletion(const api::endpoint_slice& es) {
    auto s = by_service_.find(service_key(es));
    if (s == by_service_.end()) return true;
    auto g = s->second.find(es.metadata.uid);
    if (g == s->second.end()) return true;
    const bool ours = g->second == deletion_expected;
    s->second.erase(g);
    if (s->second.empty()) by_service_.erase(s);
    return !ours;
}

// EndpointSet: the desired endpoints of one port mapping, in pod order, with
// lookup by identity and "pop any" taking the first one left.
class reconciler::endpoint_set {
public:
    void insert(api::endpoint ep) {
        auto key = endpoint_key(ep);
        auto it = index_.find(key);
        if (it != index_.end()) {
            items_[it->second] = std::move(ep);
            return;
        }
        index_.emplace(std::move(key), items_.size());
        items_.push_back(std::move(ep));
        taken_.push_back(false);
        ++left_;
    }
    [[nodiscard]] const api::endpoint* get(const std::string& key) const {
        auto it = index_.find(key);
        if (it == index_.end() || taken_[it->second]) return nullptr;
        return &items_[it->second];
    }
    void erase(const std::string& key) {
        auto it = index_.find(key);
        if (it == index_.end() || taken_[it->second]) return;
        taken_[it->second] = true;
        --left_;
    }
    api::endpoint pop_any() {
        while (taken_[next_]) ++next_;
        taken_[next_] = true;
        --left_;
        return items_[next_++];
    }
    [[nodiscard]] std::size_t size() const noexcept { return left_; }

private:
    std::vector<api::endpoint> items_;
    std::vector<bool> taken_;
    std::map<std::string, std::size_t> index_;
    std::size_t left_{0};
    std::size_t next_{0};
};

struct reconciler::desired_group {
    std::vector<api::endpoint_port> ports;
    endpoint_set endpoints;
};

std::string reconciler::reconcile(const api::service& svc, const std::vector<std::shared_ptr<const api::pod>>& pods,
                                  const std::vector<slice_ptr>& existing) {
    std::vector<std::string> errs;
    const auto types = address_types_for_service(svc);
    std::map<std::string, std::vector<slice_ptr>> by_type;
    std::vector<slice_ptr> to_delete;
    for (const auto& es : existing) {
        if (std::find(types.begin(), types.end(), es->address_type) == types.end()) to_delete.push_back(es);
        else by_type[es->address_type].push_back(es);
    }
    for (const auto& t : types) {
        auto err = reconcile_by_address_type(svc, pods, by_type[t], t);
        if (!err.empty()) errs.push_back(std::move(err));
    }
    for (const auto& es : to_delete) {
        auto err = delete_endpoint_slice(*es);
        if (!err.empty())
            errs.push_back("error deleting " + es->metadata.name + " EndpointSlice for Service " +
                           svc.metadata.namespace_ + "/" + svc.metadata.name + ": " + err);
    }
    return aggregate_errors(errs);
}

std::string reconciler::reconcile_by_address_type(const api::service& svc,
                                                  const std::vector<std::shared_ptr<const api::pod>>& pods,
                                                  const std::vector<slice_ptr>& existing, const std::string& address_type) {
    std::vector<std::string> errs;
    std::vector<mut_slice> to_create, to_update;
    std::vector<slice_ptr> to_delete;

    std::map<std::string, std::vector<slice_ptr>> existing_by_ports;
    for (const auto& es : existing) {
        if (owned_by(*es, svc)) existing_by_ports[port_map_key(es->ports)].push_back(es);
        else to_delete.push_back(es);
    }

    std::map<std::string, desired_group> desired;
    for (const auto& p : pods) {
        if (!should_pod_be_in_endpoints(*p)) continue;
        auto ports = get_endpoint_ports(svc, *p);
        auto key = port_map_key(ports);
        auto& group = desired[key];
        if (group.ports.empty()) group.ports = ports;
        auto node = nodes_.get(p->spec.node_name);
        if (!node && !svc.spec.publish_not_ready_addresses) {
            // Requeue the Service, but write the slices without this pod.
            errs.push_back("skipping Pod " + p->metadata.name + " for Service " + svc.metadata.namespace_ + "/" +
                           svc.metadata.name + ": Node " + p->spec.node_name + " Not Found");
            continue;
        }
        auto ep = pod_to_endpoint(*p, node.get(), svc, address_type);
        if (!ep.addresses.empty()) group.endpoints.insert(std::move(ep));
    }

    for (auto& [key, group] : desired) {
        auto r = reconcile_by_port_mapping(svc, existing_by_ports[key], group, address_type);
        for (auto& s : r.create) to_create.push_back(std::move(s));
        for (auto& s : r.update) to_update.push_back(std::move(s));
        for (auto& s : r.remove) to_delete.push_back(std::move(s));
    }
    // Port mappings no pod has any more.
    for (const auto& [key, slices] : existing_by_ports)
        if (desired.count(key) == 0) to_delete.insert(to_delete.end(), slices.begin(), slices.end());

    // Nothing left: keep (or create) one empty placeholder slice.
    if (existing.size() == to_delete.size() && to_create.empty()) {
        auto placeholder = std::make_shared<api::endpoint_slice>(new_endpoint_slice(svc, {}, address_type));
        if (to_delete.size() == 1 && placeholder_equal(*to_delete.front(), *placeholder)) to_delete.clear();
        else to_create.push_back(std::move(placeholder));
    }

    auto err = finalize(svc, std::move(to_create), std::move(to_update), std::move(to_delete));
    if (!err.empty()) errs.push_back(std::move(err));
    return aggregate_errors(errs);
}

bool reconciler::placeholder_equal(const api::endpoint_slice& a, const api::endpoint_slice& b) {
    return a.metadata.namespace_ == b.metadata.namespace_ && a.metadata.labels == b.metadata.labels &&
           a.metadata.owner_references == b.metadata.owner_references && a.address_type == b.address_type &&
           a.endpoints == b.endpoints && a.ports == b.ports;
}

reconciler::port_mapping_result reconciler::reconcile_by_port_mapping(const api::service& svc,
                                                                      const std::vector<slice_ptr>& existing,
                                                                      desired_group& want,
                                                                      const std::string& address_type) {
    // A slice is either untouched (only the snapshot) or copied for writing.
    struct entry {
        slice_ptr current;
        mut_slice copy;
        [[nodiscard]] const api::endpoint_slice& get() const { return copy ? *copy : *current; }
        mut_slice& writable() {
            if (!copy) copy = std::make_shared<api::endpoint_slice>(*current);
            return copy;
        }
    };
    std::map<std::string, entry> by_name;
    std::set<std::string> unchanged, to_update, to_delete;
    auto& desired = want.endpoints;

    // 1. Keep desired endpoints in their slices, refresh changed ones, drop
    //    the rest.
    for (const auto& es : existing) {
        auto& e = by_name[es->metadata.name];
        e.current = es;
        std::vector<api::endpoint> kept;
        bool endpoint_updated = false;
        for (const auto& ep : es->endpoints) {
            const auto key = endpoint_key(ep);
            if (const auto* got = desired.get(key)) {
                kept.push_back(*got);
                if (!(*got == ep)) endpoint_updated = true;
                desired.erase(key);
            }
        }
        auto labels = set_endpoint_slice_labels(*es, svc);
        if (endpoint_updated || kept.size() != es->endpoints.size()) {
            if (kept.empty()) {
                to_delete.insert(es->metadata.name);
            } else {
                auto& w = e.writable();
                w->endpoints = std::move(kept);
                w->metadata.labels = std::move(labels.labels);
                to_update.insert(es->metadata.name);
            }
        } else if (labels.changed) {
            e.writable()->metadata.labels = std::move(labels.labels);
            to_update.insert(es->metadata.name);
        } else {
            unchanged.insert(es->metadata.name);
        }
    }

    // 2. Fill the slices being updated anyway, fullest first.
    if (desired.size() > 0 && !to_update.empty()) {
        std::vector<mut_slice> slices;
        for (const auto& name : to_update) slices.push_back(by_name[name].writable());
        std::stable_sort(slices.begin(), slices.end(),
                         [](const mut_slice& a, const mut_slice& b) { return a->endpoints.size() > b->endpoints.size(); });
        for (auto& s : slices)
            while (desired.size() > 0 && s->endpoints.size() < max_) s->endpoints.push_back(desired.pop_any());
    }

    // 3. The rest: into the unchanged slice closest to full, else new slices.
    port_mapping_result out;
    while (desired.size() > 0) {
        mut_slice fill;
        if (desired.size() < max_ && !unchanged.empty()) {
            std::vector<const api::endpoint_slice*> candidates;
            for (const auto& name : unchanged) candidates.push_back(&by_name[name].get());
            if (const auto* best = get_slice_to_fill(candidates, desired.size(), max_))
                fill = by_name[best->metadata.name].writable();
        }
        if (!fill) fill = std::make_shared<api::endpoint_slice>(new_endpoint_slice(svc, want.ports, address_type));
        while (desired.size() > 0 && fill->endpoints.size() < max_) fill->endpoints.push_back(desired.pop_any());
        if (!fill->metadata.name.empty()) {
            to_update.insert(fill->metadata.name);
            unchanged.erase(fill->metadata.name);
        } else {
            out.create.push_back(std::move(fill));
        }
    }

    for (const auto& name : to_update) out.update.push_back(by_name[name].writable());
    for (const auto& name : to_delete) out.remove.push_back(by_name[name].current);
    return out;
}

std::string reconciler::finalize(const api::service& svc, std::vector<mut_slice> to_create,
                                 std::vector<mut_slice> to_update, std::vector<slice_ptr> to_delete) {
    for (std::size_t i = 0; i < to_delete.size();) {
        if (to_create.empty()) break;
        const auto& del = to_delete[i];
        auto& create = to_create.back();
        if (del->address_type == create->address_type && owned_by(*del, svc)) {
            create->metadata.name = del->metadata.name;
            // Upstream sends the new object under the old name; the store
            // wants the current resourceVersion or none, so none is sent.
            to_update.push_back(std::move(create));
            to_create.pop_back();
            to_delete.erase(to_delete.begin() + static_cast<std::ptrdiff_t>(i));
        } else {
            ++i;
        }
    }
    const std::string who = "Service " + svc.metadata.namespace_ + "/" + svc.metadata.name;
    store::client<api::endpoint_slice> client(*store_, svc.metadata.namespace_);
    if (!svc.metadata.deletion_timestamp) {
        for (const auto& es : to_create) {
            auto r = client.create(*es);
            if (!r) return "failed to create EndpointSlice for " + who + ": " + r.error().message;
            tracker_->update(*r);
        }
    }
    for (const auto& es : to_update) {
        auto r = client.update(*es);
        if (!r) return "failed to update " + es->metadata.name + " EndpointSlice for " + who + ": " + r.error().message;
        tracker_->update(*r);
    }
    for (const auto& es : to_delete) {
        auto err = delete_endpoint_slice(*es);
        if (!err.empty()) return "failed to delete " + es->metadata.name + " EndpointSlice for " + who + ": " + err;
    }
    return {};
}

std::string reconciler::delete_endpoint_slice(const api::endpoint_slice& es) {
    store::client<api::endpoint_slice> client(*store_, es.metadata.namespace_);
    auto r = client.remove(es.metadata.name);
    if (!r) {
        if (r.error().reason == "NotFound") return {};
        return r.error().message;
    }
    tracker_->expect_deletion(es);
    return {};
}

}  // namespace kubesim::controllers::endpoint_slice
