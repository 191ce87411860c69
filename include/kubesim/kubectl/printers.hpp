// The server-side Table printers of kube-apiserver (pkg/printers/internalversion/
// printers.go, as of v1.33): the columns each kind registers and the cells its
// print function computes, plus the meta.k8s.io/v1 Table the API server answers
// for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`. kubectl prints
// these cells verbatim (AGE included), so they follow upstream to the character.
// The API server always prints wide (GenerateOptions{Wide: true}): every row
// carries every column and kubectl hides priority > 0 columns without -o wide.
// Shared by the HTTP API server and the in-process kubectl.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api {
struct event;
struct pod;
}  // namespace kubesim::api

namespace kubesim::store {
struct kind_ops;
using object_ptr = std::shared_ptr<const void>;  // as in store/object_store.hpp
}  // namespace kubesim::store

namespace kubesim::kubectl::printers {

// metav1.TableColumnDefinition. type is an OpenAPI type ("string", "integer",
// "date"); format "name" marks the column kubectl prefixes with the kind.
struct column {
    std::string name, type, format, description;
    int priority = 0;
};

// The includeObject query parameter: what each row's "object" holds.
enum class include_object { none, metadata, object };

// includeObject=None|Metadata|Object ("" is Metadata, the default); nullopt for
// anything else (the API server answers BadRequest `unrecognized includeObject
// value: "x"`).
[[nodiscard]] KUBESIM_DECL std::optional<include_object> parse_include_object(std::string_view v);

// apimachinery's duration.HumanDuration: "95s", "2m15s", "60m", "3h12m", "20h",
// "2d5h", "45d", "2y45d", "9y". Down to -1s it reads "0s" (clock skew); below
// that "<invalid>".
[[nodiscard]] KUBESIM_DECL std::string human_duration(sim::duration d);

// translateTimestampSince: human_duration(now - t), "<unknown>" when t is unset;
// t is taken to the second, as a metav1.Time reaches upstream's printers.
[[nodiscard]] KUBESIM_DECL std::string age(const std::optional<sim::time_point>& t, sim::time_point now);

// The column definitions upstream registers for a resource ("pods",
// "deployments", ...); nullptr when it registers none.
[[nodiscard]] KUBESIM_DECL const std::vector<column>* columns(std::string_view resource);

// What the API server falls back to for a resource without printers
// (rest.NewDefaultTableConvertor): Name, and Created At as an RFC 3339 date.
[[nodiscard]] KUBESIM_DECL const std::vector<column>& default_columns();

// One row's cells for an object of ops' kind at simulated time `now`: strings and
// integers exactly as upstream puts them in the JSON Table, one per column of
// columns(ops.resource) (default_columns() for a resource without printers).
[[nodiscard]] KUBESIM_DECL nlohmann::json cells(const store::kind_ops& ops, const void* object, sim::time_point now);

// A whole Table: {"kind":"Table","apiVersion":"meta.k8s.io/v1",
// "metadata":{"resourceVersion":rv[,"continue":c]},"columnDefinitions":[...],
// "rows":[{"cells":[...][,"conditions":[...]],"object":...}]}. The row object is a
// PartialObjectMetadata for include_object::metadata, the full object (through
// the kind's api::codec) for ::object, and null for ::none, as upstream encodes
// an empty row object. Succeeded and Failed pods carry the Completed row
// condition upstream adds.
[[nodiscard]] KUBESIM_DECL nlohmann::json table(const store::kind_ops& ops,
                                                const std::vector<store::object_ptr>& objects, sim::time_point now,
                                                include_object inc, std::string_view resource_version,
                                                std::string_view continue_token = {});

// A pod's READY, STATUS and RESTARTS cells as `kubectl get pods` prints them
// (printPod): ready and total containers, the status reason ("Running",
// "Pending", "ContainerCreating", "CrashLoopBackOff", "Terminating", "Init:0/1",
// "Completed", ...) and the restarts cell. Worked example: a pod whose container
// waits in CrashLoopBackOff after 3 restarts, the last one finished 2m ago:
// {0, 1, "CrashLoopBackOff", "3 (2m ago)"}. For views that draw pods (the browser
// page) without building a whole Table row.
struct pod_summary {
    int ready{0}, total{0};
    std::string reason{}, restarts{};
};
[[nodiscard]] KUBESIM_DECL pod_summary summarize_pod(const api::pod& pod, sim::time_point now);

// The age of an event as `kubectl describe` and `kubectl events` print it
// (not the Table's LAST SEEN): "5m", or "2m (x3 over 5m)" for a repeated event
// (count > 1, or a series).
[[nodiscard]] KUBESIM_DECL std::string event_interval(const api::event& e, sim::time_point now);

}  // namespace kubesim::kubectl::printers

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/printers.ipp>
#endif
