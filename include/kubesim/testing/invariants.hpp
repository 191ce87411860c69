// Invariants: properties of a cluster that must hold after every engine step
// of a property test (testing/property.hpp). An invariant is a name and a
// check returning an error text, or nothing when the property holds; the
// library's are below, and users add their own the same way.
//
// A check runs after every step, so it should be cheap: check_context says
// whether the store changed since the previous check (its resourceVersion
// moved), and the library's invariants do their work only then, or when a
// deadline they are waiting for has passed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim {
class cluster;
}  // namespace kubesim

namespace kubesim::testing {

struct check_context {
    kubesim::cluster& cluster;
    std::uint64_t step{0};  // engine steps since the schedule started
    sim::time_point now{};
    bool changed{true};         // the store's resourceVersion moved since the previous check
    bool faults_active{false};  // cluster.faults_active()
    // The latest instant at which a fault was active or the schedule disrupted
    // workloads (deleted a pod, killed a container, stopped, started or removed
    // a node, partitioned or healed); unset before the first.
    std::optional<sim::time_point> last_disruption{};
};

// An error text when the property does not hold.
using check_fn = std::function<std::optional<std::string>(const check_context&)>;

struct invariant {
    std::string name;
    // Called once per run, after the test's setup, with the cluster: returns
    // the check for that run, which may keep state (and watches) of its own
    // and is destroyed before the cluster.
    std::function<check_fn(kubesim::cluster&)> start;
};

// An invariant whose check keeps no state between steps (one check shared by every run).
[[nodiscard]] KUBESIM_DECL invariant make_invariant(std::string name, check_fn check);

// ---- the library ------------------------------------------------------------

// "unique-pod-ips": no two pods that are not finished (phase other than
// Succeeded and Failed, deleting or not) have the same status.podIP for
// longer than `lag`. A machine that boots again gives its pods new sandboxes
// and the kubelet posts their new IPs one pod after the other (or, cut from
// the control plane, once it is back), so for a moment the API may show a new
// sandbox's IP that another pod's stale status still lists, as a real cluster
// does; an address handed out twice stays.
[[nodiscard]] KUBESIM_DECL invariant unique_pod_ips(sim::duration lag = std::chrono::seconds(5));

// "running-pods-have-ips": a pod whose phase is Running on a node whose Ready
// condition is True has a sandbox, so a status.podIP.
[[nodiscard]] KUBESIM_DECL invariant running_pods_have_ips();

// "deployment-availability": a RollingUpdate Deployment never has fewer than
// spec.replicas - maxUnavailable pods available, except within `grace` of an
// excuse. Counted from the pods: those the Deployment selects, not being
// deleted, Running and Ready for minReadySeconds; pods that are unavailable
// for reasons the Deployment controller does not cause count as available too
// (their node is stopped or not Ready, or a container is waiting in
// CrashLoopBackOff). The excuses, each opening a window of `grace`: the
// Deployment's creation, a change of its spec.replicas (new pods need time to
// become available; a proportional scale-down leaves surplus pods the rolling
// code counts as available for a moment), and the last disruption
// (check_context::last_disruption: while a fault is active and after it
// ends). A template change is no excuse: that is the rolling update this
// property is about. Recreate Deployments are not checked. The grace covers
// the control plane's delayed reactions to a fault: the pods of a removed
// node are deleted by the pod garbage collector after its quarantine (40 s,
// checked every 20 s), and only then replaced, started and probed.
struct availability_options {
    sim::duration grace = std::chrono::minutes(2);
};
[[nodiscard]] KUBESIM_DECL invariant deployment_availability(availability_options opts = {});

// "endpoint-slices-match": every endpoint of an EndpointSlice that refers to a
// pod (targetRef) names a pod that exists (same uid) and that the slice's
// Service (kubernetes.io/service-name) selects; a mismatch may last at most
// `lag` (the EndpointSlice controller sees a change after it is made).
[[nodiscard]] KUBESIM_DECL invariant endpoint_slices_match(sim::duration lag = std::chrono::seconds(5));

// "owners-exist": no object that is not being deleted has an ownerReference
// to an owner that is gone (no object of that kind, name and uid) for longer
// than `gc_bound`, the time the garbage collector gets to delete the
// dependent or drop the reference. Events are not read.
[[nodiscard]] KUBESIM_DECL invariant owners_exist(sim::duration gc_bound = std::chrono::seconds(10));

// "resource-versions-increase": a watch of every kind receives strictly
// increasing resourceVersions, each ADDED or MODIFIED object carries its
// event's, and the store's resourceVersion never goes back.
[[nodiscard]] KUBESIM_DECL invariant resource_versions_increase();

// All of the above, with their defaults.
[[nodiscard]] KUBESIM_DECL std::vector<invariant> standard_invariants();

// ---- final checks -------------------------------------------------------------

// "deployments-converged", for the end of a run (property::final_checks):
// every Deployment observed its generation and has spec.replicas updated and
// available pods, and no other of its ReplicaSets keeps replicas.
[[nodiscard]] KUBESIM_DECL invariant deployments_converged();

}  // namespace kubesim::testing

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/testing/invariants.ipp>
#endif
