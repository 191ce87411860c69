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

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/config.hpp>
#include <kubesim/controllers/endpoint_slice/utils.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::controllers::endpoint_slice {

// Remembers, per Service, the resourceVersion of every slice this controller
// wrote, and the slices it deleted, so its own writes coming back through the
// informer do not trigger a sync and a sync on a stale cache is retried.
class endpoint_slice_tracker {
public:
    static constexpr std::uint64_t deletion_expected = 0;

    [[nodiscard]] KUBESIM_DECL static std::uint64_t rv_of(const api::endpoint_slice& es);
    [[nodiscard]] KUBESIM_DECL static std::string service_key(const api::endpoint_slice& es);

    // Has: the slice is tracked.
    [[nodiscard]] KUBESIM_DECL bool has(const api::endpoint_slice& es) const;
    // ShouldSync: the slice is unknown, or newer than what we wrote.
    [[nodiscard]] KUBESIM_DECL bool should_sync(const api::endpoint_slice& es) const;
    // StaleSlices: the cache misses one of our writes, or still has a slice we
    // deleted.
    [[nodiscard]] KUBESIM_DECL bool stale_slices(const std::string& key,
                                                 const std::vector<std::shared_ptr<const api::endpoint_slice>>& slices) const;
    KUBESIM_DECL void update(const api::endpoint_slice& es);
    KUBESIM_DECL void expect_deletion(const api::endpoint_slice& es);
    // HandleDeletion: forgets the slice; true when the deletion was not ours
    // (the Service must be synced).
    KUBESIM_DECL bool handle_deletion(const api::endpoint_slice& es);
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
    KUBESIM_DECL std::string reconcile(const api::service& svc,
                                       const std::vector<std::shared_ptr<const api::pod>>& pods,
                                       const std::vector<slice_ptr>& existing);


private:
    // The desired endpoints of one port mapping (the .ipp defines them).
    class endpoint_set;
    struct desired_group;

    using mut_slice = std::shared_ptr<api::endpoint_slice>;

    KUBESIM_DECL std::string reconcile_by_address_type(const api::service& svc,
                                                       const std::vector<std::shared_ptr<const api::pod>>& pods,
                                                       const std::vector<slice_ptr>& existing, const std::string& address_type);

    // placeholderSliceCompare: namespace, labels and owners, address type, and
    // no endpoints nor ports.
    KUBESIM_DECL static bool placeholder_equal(const api::endpoint_slice& a, const api::endpoint_slice& b);

    struct port_mapping_result {
        std::vector<mut_slice> create, update;
        std::vector<slice_ptr> remove;
    };

    KUBESIM_DECL port_mapping_result reconcile_by_port_mapping(const api::service& svc,
                                                               const std::vector<slice_ptr>& existing,
                                                               desired_group& want, const std::string& address_type);

    // finalize: creates become updates of slices that would be deleted; then
    // creates (not while the Service is being deleted), updates, deletes.
    KUBESIM_DECL std::string finalize(const api::service& svc, std::vector<mut_slice> to_create,
                                      std::vector<mut_slice> to_update, std::vector<slice_ptr> to_delete);

    // deleteEndpointSlice: tolerates slices already gone.
    KUBESIM_DECL std::string delete_endpoint_slice(const api::endpoint_slice& es);

    store::object_store* store_;
    store::lister<api::node> nodes_;
    std::size_t max_;
    endpoint_slice_tracker* tracker_;
};

}  // namespace kubesim::controllers::endpoint_slice

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/controllers/endpoint_slice/reconciler.ipp>
#endif
