// The EndpointSlice reconciler, modelled on upstream
// staging/src/k8s.io/endpointslice/reconciler.go (Reconcile,
// reconcileByAddressType, reconcileByPortMapping, finalize) and
// util/endpointslice_tracker.go (EndpointSliceTracker).
//
// Placement rules (minimal churn), per group of pods with the same port mapping:
//   1. every existing slice keeps the endpoints that are still desired (updated
//      in place when their conditions changed) and drops the others; a slice
//      left empty is deleted;
//   2. the slices changed in step 1 are filled up (fullest first) with the new
//      endpoints, up to maxEndpointsPerSlice;
//   3. what remains goes into the unchanged slice that ends closest to full, if
//      fewer than maxEndpointsPerSlice remain, else into new slices.
// A slice that would be deleted while another is created is updated instead,
// and a Service with no endpoint at all keeps one empty placeholder slice.
//
// Deviations: upstream walks Go maps and sets (random order); here slice names,
// port mappings and pods are visited in sorted order, so the result is the same
// on every run. Topology hints, traffic distribution, metrics and the
// last-change-trigger-time annotation are not modelled. The tracker compares
// resourceVersions where upstream compares generations (EndpointSlices carry no
// generation in this store).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/controllers/endpoint_slice/utils.hpp>
#include <kubesim/controllers/runtime/controller_utils.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::endpoint_slice {

// Remembers, per Service, the resourceVersion of every slice this controller
// wrote, and the slices it deleted, so its own writes coming back through the
// informer do not trigger a sync and a sync on a stale cache is retried.
class endpoint_slice_tracker {
public:
    static constexpr std::uint64_t deletion_expected = 0;

    [[nodiscard]] static std::uint64_t rv_of(const api::endpoint_slice& es) {
        std::uint64_t v = 0;
        for (char c : es.metadata.resource_version) {
            if (c < '0' || c > '9') return 0;
            v = v * 10 + static_cast<std::uint64_t>(c - '0');
        }
        return v;
    }
    [[nodiscard]] static std::string service_key(const api::endpoint_slice& es) {
        auto it = es.metadata.labels.find(std::string(label_service_name));
        if (it == es.metadata.labels.end() || it->second.empty()) return {};
        return es.metadata.namespace_ + "/" + it->second;
    }

    // Has: the slice is tracked.
    [[nodiscard]] bool has(const api::endpoint_slice& es) const {
        auto s = by_service_.find(service_key(es));
        return s != by_service_.end() && s->second.count(es.metadata.uid) != 0;
    }
    // ShouldSync: the slice is unknown, or newer than what we wrote.
    [[nodiscard]] bool should_sync(const api::endpoint_slice& es) const {
        auto s = by_service_.find(service_key(es));
        if (s == by_service_.end()) return true;
        auto g = s->second.find(es.metadata.uid);
        return g == s->second.end() || rv_of(es) > g->second;
    }
    // StaleSlices: the cache misses one of our writes, or still has a slice we
    // deleted.
    [[nodiscard]] bool stale_slices(const std::string& key,
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
    void update(const api::endpoint_slice& es) {
        const auto key = service_key(es);
        if (key.empty()) return;
        by_service_[key][es.metadata.uid] = rv_of(es);
    }
    void expect_deletion(const api::endpoint_slice& es) {
        const auto key = service_key(es);
        if (key.empty()) return;
        by_service_[key][es.metadata.uid] = deletion_expected;
    }
    // HandleDeletion: forgets the slice; true when the deletion was not ours
    // (the Service must be synced).
    bool handle_deletion(const api::endpoint_slice& es) {
        auto s = by_service_.find(service_key(es));
        if (s == by_service_.end()) return true;
        auto g = s->second.find(es.metadata.uid);
        if (g == s->second.end()) return true;
        const bool ours = g->second == deletion_expected;
        s->second.erase(g);
        if (s->second.empty()) by_service_.erase(s);
        return !ours;
    }
    void delete_service(const std::string& key) { by_service_.erase(key); }

private:
    std::map<std::string, std::map<std::string, std::uint64_t>> by_service_;
};

class reconciler {
public:
    using slice_ptr = std::shared_ptr<const api::endpoint_slice>;

    reconciler(store::object_store& s, store::lister<api::node> nodes, std::int32_t max_endpoints_per_slice,
               endpoint_slice_tracker& tracker)
        : store_(&s), nodes_(nodes), max_(static_cast<std::size_t>(max_endpoints_per_slice)), tracker_(&tracker) {}

    // Reconcile: makes the Service's slices hold exactly the endpoints of
    // `pods`. Returns "" or the errors, joined as utilerrors.NewAggregate does.
    std::string reconcile(const api::service& svc, const std::vector<std::shared_ptr<const api::pod>>& pods,
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


private:
    // EndpointSet: the desired endpoints of one port mapping, in pod order, with
    // lookup by identity and "pop any" taking the first one left.
    class endpoint_set {
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

    struct desired_group {
        std::vector<api::endpoint_port> ports;
        endpoint_set endpoints;
    };

    using mut_slice = std::shared_ptr<api::endpoint_slice>;

    std::string reconcile_by_address_type(const api::service& svc,
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

    // placeholderSliceCompare: namespace, labels and owners, address type, and
    // no endpoints nor ports.
    static bool placeholder_equal(const api::endpoint_slice& a, const api::endpoint_slice& b) {
        return a.metadata.namespace_ == b.metadata.namespace_ && a.metadata.labels == b.metadata.labels &&
               a.metadata.owner_references == b.metadata.owner_references && a.address_type == b.address_type &&
               a.endpoints == b.endpoints && a.ports == b.ports;
    }

    struct port_mapping_result {
        std::vector<mut_slice> create, update;
        std::vector<slice_ptr> remove;
    };

    port_mapping_result reconcile_by_port_mapping(const api::service& svc, const std::vector<slice_ptr>& existing,
                                                  desired_group& want, const std::string& address_type) {
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

    // finalize: creates become updates of slices that would be deleted; then
    // creates (not while the Service is being deleted), updates, deletes.
    std::string finalize(const api::service& svc, std::vector<mut_slice> to_create, std::vector<mut_slice> to_update,
                         std::vector<slice_ptr> to_delete) {
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

    // deleteEndpointSlice: tolerates slices already gone.
    std::string delete_endpoint_slice(const api::endpoint_slice& es) {
        store::client<api::endpoint_slice> client(*store_, es.metadata.namespace_);
        auto r = client.remove(es.metadata.name);
        if (!r) {
            if (r.error().reason == "NotFound") return {};
            return r.error().message;
        }
        tracker_->expect_deletion(es);
        return {};
    }

    store::object_store* store_;
    store::lister<api::node> nodes_;
    std::size_t max_;
    endpoint_slice_tracker* tracker_;
};

}  // namespace kubesim::controllers::endpoint_slice
