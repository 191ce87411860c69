// Definitions of api/json/detail/openapi_schemas.hpp: a small builder and the
// table of types written with it, in the field order of the readers in
// api/json/*.ipp. Descriptions are short: kubectl explain prints them.
#pragma once

#include <kubesim/api/json/detail/openapi_schemas.hpp>

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

namespace kubesim::api::json::openapi::detail {

std::string schema_name(std::string_view s) {
    if (s == "Quantity") return "io.k8s.apimachinery.pkg.api.resource.Quantity";
    if (s == "IntOrString") return "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    if (s == "RawExtension") return "io.k8s.apimachinery.pkg.runtime.RawExtension";
    if (s.substr(0, 5) == "meta.") return "io.k8s.apimachinery.pkg.apis." + std::string(s);
    return "io.k8s.api." + std::string(s);
}

std::string ref_to(std::string_view s) { return "#/components/schemas/" + schema_name(s); }

// A $ref with siblings (description, default) goes inside allOf, as kube-openapi
// writes v3: OpenAPI 3.0 ignores the siblings of a bare $ref.
KUBESIM_DECL void wrap_ref(nlohmann::json& s) {
    auto it = s.find("$ref");
    if (it == s.end() || s.size() == 1) return;
    nlohmann::json ref = {{"$ref", *it}};
    s.erase(it);
    s["allOf"] = nlohmann::json::array({std::move(ref)});
}

// The schema of a field type: "string", "int32", "int64", "boolean", "byte"
// (base64), "[]T", "map[string]T", or the short name of a schema. List items and
// map values carry the zero value of their type as default, as upstream does.
KUBESIM_DECL nlohmann::json type_schema(std::string_view t) {
    using nlohmann::json;
    if (t == "string") return {{"type", "string"}};
    if (t == "int32") return {{"type", "integer"}, {"format", "int32"}};
    if (t == "int64") return {{"type", "integer"}, {"format", "int64"}};
    if (t == "boolean") return {{"type", "boolean"}};
    if (t == "byte") return {{"type", "string"}, {"format", "byte"}};
    auto element = [](std::string_view e) {
        json s = type_schema(e);
        if (e == "string") s["default"] = "";
        else if (s.contains("$ref") && e != "Quantity") s["default"] = json::object();
        wrap_ref(s);
        return s;
    };
    if (t.substr(0, 2) == "[]") return {{"type", "array"}, {"items", element(t.substr(2))}};
    constexpr std::string_view map_prefix = "map[string]";
    if (t.substr(0, map_prefix.size()) == map_prefix)
        return {{"type", "object"}, {"additionalProperties", element(t.substr(map_prefix.size()))}};
    return {{"$ref", ref_to(t)}};
}

// One Go struct's schema under construction. f() adds a property; the other
// members qualify the property added last.
class type_def {
public:
    explicit type_def(nlohmann::json& s) : s_(s) {}

    type_def& f(const char* name, std::string_view type, const char* description) {
        nlohmann::json p = type_schema(type);
        p["description"] = description;
        wrap_ref(p);
        s_["properties"][name] = std::move(p);
        last_ = name;
        return *this;
    }
    type_def& required() {
        s_["required"].push_back(last_);
        return *this;
    }
    // patchStrategy "merge", with the merge key of a list of structs.
    type_def& merge(const char* key = nullptr) {
        last()["x-kubernetes-patch-strategy"] = "merge";
        if (key) last()["x-kubernetes-patch-merge-key"] = key;
        return *this;
    }
    // +listType (atomic, set or map) and the +listMapKey keys of a map list.
    type_def& list(const char* list_type, std::initializer_list<const char*> keys = {}) {
        last()["x-kubernetes-list-type"] = list_type;
        for (const char* k : keys) last()["x-kubernetes-list-map-keys"].push_back(k);
        return *this;
    }
    type_def& atomic_map() {
        last()["x-kubernetes-map-type"] = "atomic";
        return *this;
    }
    type_def& values(std::initializer_list<const char*> allowed) {
        for (const char* v : allowed) last()["enum"].push_back(v);
        return *this;
    }
    // The struct is replaced whole by apply (+structType=atomic).
    type_def& atomic_struct() {
        s_["x-kubernetes-map-type"] = "atomic";
        return *this;
    }

private:
    nlohmann::json& last() { return s_["properties"][last_]; }
    nlohmann::json& s_;
    std::string last_{};
};

// The schema set being built. Object references stay valid while it grows
// (nlohmann::json objects are std::maps).
class registry {
public:
    nlohmann::json all = nlohmann::json::object();

    type_def t(std::string_view name, const char* description) {
        nlohmann::json& s = all[schema_name(name)];
        s = {{"description", description}, {"type", "object"}};
        return type_def(s);
    }
    // A top-level kind: apiVersion, kind and metadata first, tagged with its GVK.
    type_def kind(std::string_view name, const char* description, const char* group, const char* version,
                  const char* kind_name) {
        type_def d = t(name, description);
        d.f("apiVersion", "string", api_version_text)
            .f("kind", "string", kind_text)
            .f("metadata", "meta.v1.ObjectMeta", "The object's name, namespace, labels, annotations and owners.");
        gvk(name, group, version, kind_name);
        return d;
    }
    // <Kind>List: the answer to a list request.
    void list_kind(std::string_view item, const char* group, const char* version, const char* kind_name) {
        const std::string list_name = std::string(item) + "List";
        const std::string desc = std::string("A list of ") + kind_name + " objects.";
        nlohmann::json& s = all[schema_name(list_name)];
        s = {{"description", desc}, {"type", "object"}};
        type_def d(s);
        d.f("apiVersion", "string", api_version_text)
            .f("items", "[]" + std::string(item), "The objects.")
            .required()
            .f("kind", "string", kind_text)
            .f("metadata", "meta.v1.ListMeta", "The list's resourceVersion and continue token.");
        gvk(list_name, group, version, (std::string(kind_name) + "List").c_str());
    }
    void gvk(std::string_view name, const char* group, const char* version, const char* kind_name) {
        all[schema_name(name)]["x-kubernetes-group-version-kind"].push_back(
            {{"group", group}, {"kind", kind_name}, {"version", version}});
    }
    // A type written as a JSON string (or number) rather than an object.
    void scalar(std::string_view name, nlohmann::json schema) { all[schema_name(name)] = std::move(schema); }

    static constexpr const char* api_version_text =
        "The versioned schema of this object, \"v1\" or \"<group>/<version>\". The server answers in the version "
        "the request was made in.";
    static constexpr const char* kind_text = "The kind of this object (\"Pod\", \"Deployment\", ...), in CamelCase.";
};

KUBESIM_DECL void add_meta(registry& r) {
    using nlohmann::json;
    r.scalar("meta.v1.Time", {{"description", "A time stamp in RFC 3339 form, to the second (2025-01-01T00:00:00Z)."},
                              {"type", "string"},
                              {"format", "date-time"}});
    r.scalar("meta.v1.MicroTime",
             {{"description", "A time stamp in RFC 3339 form with microseconds (2025-01-01T00:00:00.000000Z)."},
              {"type", "string"},
              {"format", "date-time"}});
    r.scalar("Quantity", {{"description", "A decimal amount with an optional suffix: \"100m\" CPU is a tenth of a "
                                          "core, \"64Mi\" is 64 mebibytes, \"1e3\" is 1000."},
                          {"oneOf", json::array({{{"type", "string"}}, {{"type", "number"}}})}});
    r.scalar("IntOrString", {{"description", "A whole number or a string: a port number or a port name, a count "
                                             "or a percentage such as \"25%\"."},
                             {"format", "int-or-string"},
                             {"oneOf", json::array({{{"type", "integer"}}, {{"type", "string"}}})}});
    r.scalar("RawExtension", {{"description", "Any embedded object, kept as the JSON it was written in."},
                              {"type", "object"}});

    r.t("meta.v1.ObjectMeta", "Metadata every persisted object has: its identity, labels, annotations and owners.")
        .f("name", "string", "Unique within the namespace (or the cluster for cluster-scoped kinds). Cannot be "
                             "changed once set.")
        .f("generateName", "string", "A prefix from which the server makes a unique name when name is empty; "
                                     "five random characters are appended.")
        .f("namespace", "string", "The namespace the object lives in; empty for cluster-scoped kinds. Defaults to "
                                  "the namespace of the request.")
        .f("uid", "string", "Set by the server on creation; unique for the whole life of the cluster.")
        .f("resourceVersion", "string",
           "Opaque version of this object, changed by every write. Send it back on update for optimistic "
           "concurrency; a stale value is answered with Conflict.")
        .f("generation", "int64", "Counts changes to the desired state (spec); set by the server.")
        .f("creationTimestamp", "meta.v1.Time", "When the object was created; set by the server.")
        .f("deletionTimestamp", "meta.v1.Time",
           "When a graceful deletion was requested. The object goes away once its finalizers are empty and the "
           "grace period has passed; set by the server.")
        .f("deletionGracePeriodSeconds", "int64", "The grace period granted to a deletion in progress.")
        .f("labels", "map[string]string", "Key/value pairs that selectors (services, controllers) match on.")
        .f("annotations", "map[string]string", "Arbitrary key/value data for tools; not used for selection.")
        .f("ownerReferences", "[]meta.v1.OwnerReference",
           "The objects this one depends on. At most one may be the managing controller; the garbage collector "
           "deletes the object once every owner is gone.")
        .merge("uid")
        .list("map", {"uid"})
        .f("finalizers", "[]string",
           "Names of parties that must clean up before the object is removed; deletion waits until this list is "
           "empty.")
        .merge()
        .list("set")
        .f("managedFields", "[]meta.v1.ManagedFieldsEntry",
           "Which field manager (a client or controller) owns which fields, as server-side apply records it. "
           "Written by the server; clients seldom need to read it.");

    r.scalar("meta.v1.FieldsV1", {{"description", "A set of fields in the FieldsV1 encoding: \"f:<name>\" for a "
                                                  "field, \"k:<keys>\" for a keyed list element, \"v:<value>\" for "
                                                  "a set member, \".\" for the element itself."},
                                  {"type", "object"}});
    r.t("meta.v1.ManagedFieldsEntry", "The fields one manager owns, and how it last wrote them.")
        .f("manager", "string", "The field manager: the fieldManager of the request, or the client's name.")
        .f("operation", "string", "Apply (server-side apply) or Update (any other write).")
        .f("apiVersion", "string", "The API version the fields are expressed in.")
        .f("time", "meta.v1.Time", "When the manager last changed these fields.")
        .f("fieldsType", "string", "The encoding of fieldsV1; always FieldsV1.")
        .f("fieldsV1", "meta.v1.FieldsV1", "The set of fields owned.")
        .f("subresource", "string", "The subresource written through (status, scale), or empty for the object.");

    r.t("meta.v1.OwnerReference", "Points at an owner of an object; the owner must be in the same namespace or "
                                  "cluster-scoped.")
        .f("apiVersion", "string", "The owner's API version.")
        .required()
        .f("kind", "string", "The owner's kind.")
        .required()
        .f("name", "string", "The owner's name.")
        .required()
        .f("uid", "string", "The owner's uid.")
        .required()
        .f("controller", "boolean", "True if this owner is the managing controller.")
        .f("blockOwnerDeletion", "boolean",
           "If true, a foreground deletion of the owner waits until this object is gone.")
        .atomic_struct();

    r.t("meta.v1.ListMeta", "Metadata of a list: its version and how to get the next page.")
        .f("resourceVersion", "string", "The version of the collection the list was read at; start a watch here.")
        .f("continue", "string", "Set when there are more items: send it back as the continue parameter.")
        .f("remainingItemCount", "int64", "How many items the list has after this page, when known.");

    r.t("meta.v1.LabelSelector", "A label query. The terms are ANDed; an empty selector matches everything, a "
                                 "missing one matches nothing.")
        .f("matchLabels", "map[string]string", "Each key must have exactly this value.")
        .f("matchExpressions", "[]meta.v1.LabelSelectorRequirement", "Set-based requirements.")
        .list("atomic")
        .atomic_struct();

    r.t("meta.v1.LabelSelectorRequirement", "A set-based requirement on one label.")
        .f("key", "string", "The label key.")
        .required()
        .f("operator", "string", "How key relates to values.")
        .required()
        .values({"DoesNotExist", "Exists", "In", "NotIn"})
        .f("values", "[]string", "Non-empty for In and NotIn, empty for Exists and DoesNotExist.")
        .list("atomic");

    r.t("meta.v1.Condition", "One aspect of an object's current state.")
        .f("type", "string", "The aspect, in CamelCase (\"Available\", \"Ready\").")
        .required()
        .f("status", "string", "True, False or Unknown.")
        .required()
        .values({"False", "True", "Unknown"})
        .f("observedGeneration", "int64", "The metadata.generation this condition was computed from.")
        .f("lastTransitionTime", "meta.v1.Time", "When status last changed.")
        .required()
        .f("reason", "string", "A CamelCase word for the cause of the last transition.")
        .required()
        .f("message", "string", "A human-readable explanation.")
        .required();

    r.kind("meta.v1.Status", "The result of a request that does not return an object: success or the error.",
           "", "v1", "Status")
        .f("metadata", "meta.v1.ListMeta", "Unused; always empty.")
        .f("status", "string", "Success or Failure.")
        .f("message", "string", "A human-readable description of the outcome.")
        .f("reason", "string", "A CamelCase reason for a failure (NotFound, AlreadyExists, Invalid, ...).")
        .f("details", "meta.v1.StatusDetails", "More about the failure, depending on reason.")
        .f("code", "int32", "The HTTP status code.");

    r.t("meta.v1.StatusDetails", "The object a failure concerns and its causes.")
        .f("name", "string", "The name of the object.")
        .f("group", "string", "The API group of the object.")
        .f("kind", "string", "The kind (or resource) of the object.")
        .f("uid", "string", "The uid of the object.")
        .f("causes", "[]meta.v1.StatusCause", "The individual problems, such as each invalid field.")
        .list("atomic");

    r.t("meta.v1.StatusCause", "One reason a request failed.")
        .f("reason", "string", "A machine-readable word for the problem (FieldValueInvalid, ...).")
        .f("message", "string", "A human-readable description.")
        .f("field", "string", "The path of the field at fault, as in \"spec.containers[0].image\".");

    r.kind("meta.v1.DeleteOptions", "Options of a delete request.", "", "v1", "DeleteOptions")
        .f("gracePeriodSeconds", "int64", "Seconds the object gets to shut down; 0 deletes at once. Defaults per "
                                          "kind.")
        .f("preconditions", "meta.v1.Preconditions", "Must hold or the delete fails with Conflict.")
        .f("orphanDependents", "boolean", "Deprecated: use propagationPolicy.")
        .f("propagationPolicy", "string", "What happens to dependents: Orphan, Background or Foreground.")
        .f("dryRun", "[]string", "\"All\" runs the request without persisting it.")
        .list("atomic");
    r.all[schema_name("meta.v1.DeleteOptions")]["properties"].erase("metadata");

    r.t("meta.v1.Preconditions", "Conditions a delete must meet.")
        .f("uid", "string", "The object's uid must be this.")
        .f("resourceVersion", "string", "The object's resourceVersion must be this.");

    r.scalar("meta.v1.Patch", {{"description", "A patch body; its format is given by the Content-Type."},
                               {"type", "object"}});

    r.t("meta.v1.WatchEvent", "One event of a watch stream.")
        .f("type", "string", "ADDED, MODIFIED, DELETED, BOOKMARK or ERROR.")
        .required()
        .f("object", "RawExtension", "The object after the change (or a Status for ERROR).")
        .required();
    r.gvk("meta.v1.WatchEvent", "", "v1", "WatchEvent");
}

KUBESIM_DECL void add_core_containers(registry& r) {
    r.t("core.v1.ContainerPort", "A network port of a container.")
        .f("name", "string", "An IANA service name for the port, unique in the pod; services may target it.")
        .f("hostPort", "int32", "The port to expose on the node as well; rarely needed.")
        .f("containerPort", "int32", "The port number on the pod's IP, 1-65535.")
        .required()
        .f("protocol", "string", "UDP, TCP or SCTP. Defaults to TCP.")
        .values({"SCTP", "TCP", "UDP"})
        .f("hostIP", "string", "The node IP to bind hostPort to.");

    r.t("core.v1.ObjectFieldSelector", "Selects a field of the pod.")
        .f("apiVersion", "string", "The version fieldPath is written in; defaults to \"v1\".")
        .f("fieldPath", "string", "The field, such as metadata.name or status.podIP.")
        .required()
        .atomic_struct();

    r.t("core.v1.ResourceFieldSelector", "Selects a container's resource request or limit.")
        .f("containerName", "string", "The container; required for volumes, optional for env vars.")
        .f("resource", "string", "The resource, such as limits.cpu or requests.memory.")
        .required()
        .f("divisor", "Quantity", "The unit the value is expressed in; defaults to \"1\".")
        .atomic_struct();

    r.t("core.v1.ConfigMapKeySelector", "Selects a key of a ConfigMap.")
        .f("name", "string", "The ConfigMap's name, in the pod's namespace.")
        .f("key", "string", "The key.")
        .required()
        .f("optional", "boolean", "If true, a missing ConfigMap or key is not an error.")
        .atomic_struct();

    r.t("core.v1.SecretKeySelector", "Selects a key of a Secret.")
        .f("name", "string", "The Secret's name, in the pod's namespace.")
        .f("key", "string", "The key.")
        .required()
        .f("optional", "boolean", "If true, a missing Secret or key is not an error.")
        .atomic_struct();

    r.t("core.v1.EnvVarSource", "Where an environment variable's value comes from; set exactly one.")
        .f("fieldRef", "core.v1.ObjectFieldSelector", "A field of the pod.")
        .f("resourceFieldRef", "core.v1.ResourceFieldSelector", "A resource request or limit of a container.")
        .f("configMapKeyRef", "core.v1.ConfigMapKeySelector", "A key of a ConfigMap.")
        .f("secretKeyRef", "core.v1.SecretKeySelector", "A key of a Secret.");

    r.t("core.v1.EnvVar", "One environment variable of a container.")
        .f("name", "string", "The variable's name.")
        .required()
        .f("value", "string",
           "The value. $(VAR) expands earlier variables; $$(VAR) is a literal. Defaults to \"\".")
        .f("valueFrom", "core.v1.EnvVarSource", "Take the value from elsewhere; not allowed with value.");

    r.t("core.v1.ConfigMapEnvSource", "A ConfigMap whose keys all become environment variables.")
        .f("name", "string", "The ConfigMap's name.")
        .f("optional", "boolean", "If true, the ConfigMap need not exist.");

    r.t("core.v1.SecretEnvSource", "A Secret whose keys all become environment variables.")
        .f("name", "string", "The Secret's name.")
        .f("optional", "boolean", "If true, the Secret need not exist.");

    r.t("core.v1.EnvFromSource", "A source of many environment variables.")
        .f("prefix", "string", "Prepended to every key.")
        .f("configMapRef", "core.v1.ConfigMapEnvSource", "The ConfigMap to take variables from.")
        .f("secretRef", "core.v1.SecretEnvSource", "The Secret to take variables from.");

    r.t("core.v1.ResourceRequirements", "The compute resources a container asks for and may use.")
        .f("limits", "map[string]Quantity", "The most the container may use (cpu, memory).")
        .f("requests", "map[string]Quantity",
           "What the scheduler reserves for the container. Defaults to limits when only those are set.");

    r.t("core.v1.ExecAction", "Runs a command in the container.")
        .f("command", "[]string", "The command and its arguments, run without a shell; exit code 0 is success.")
        .list("atomic");

    r.t("core.v1.HTTPHeader", "One HTTP header.")
        .f("name", "string", "The header name.")
        .required()
        .f("value", "string", "The header value.")
        .required();

    r.t("core.v1.HTTPGetAction", "An HTTP GET request; a status from 200 to 399 is success.")
        .f("path", "string", "The request path.")
        .f("port", "IntOrString", "The port number or the name of a container port.")
        .required()
        .f("host", "string", "The host to connect to; defaults to the pod IP.")
        .f("scheme", "string", "HTTP or HTTPS. Defaults to HTTP.")
        .values({"HTTP", "HTTPS"})
        .f("httpHeaders", "[]core.v1.HTTPHeader", "Extra request headers.")
        .list("atomic");

    r.t("core.v1.TCPSocketAction", "Opens a TCP connection; success if it connects.")
        .f("port", "IntOrString", "The port number or the name of a container port.")
        .required()
        .f("host", "string", "The host to connect to; defaults to the pod IP.");

    r.t("core.v1.GRPCAction", "Calls the gRPC health checking protocol.")
        .f("port", "int32", "The port number of the gRPC service.")
        .required()
        .f("service", "string", "The service name sent in the health check request.");

    r.t("core.v1.SleepAction", "Waits for a while.")
        .f("seconds", "int64", "How long to sleep.")
        .required();

    r.t("core.v1.Probe", "A periodic health check of a container; set one of exec, httpGet, tcpSocket, grpc.")
        .f("exec", "core.v1.ExecAction", "Run a command.")
        .f("httpGet", "core.v1.HTTPGetAction", "Send an HTTP GET.")
        .f("tcpSocket", "core.v1.TCPSocketAction", "Open a TCP connection.")
        .f("grpc", "core.v1.GRPCAction", "Call a gRPC health service.")
        .f("initialDelaySeconds", "int32", "Seconds after the container starts before the first probe.")
        .f("timeoutSeconds", "int32", "Seconds before a probe attempt times out. Defaults to 1.")
        .f("periodSeconds", "int32", "Seconds between probes. Defaults to 10.")
        .f("successThreshold", "int32",
           "Consecutive successes that count as success after a failure. Defaults to 1; must be 1 for liveness "
           "and startup.")
        .f("failureThreshold", "int32", "Consecutive failures that count as failure. Defaults to 3.")
        .f("terminationGracePeriodSeconds", "int64",
           "Grace period for a kill caused by this probe failing; overrides the pod's value.");

    r.t("core.v1.LifecycleHandler", "An action run at a point of a container's life; set exactly one.")
        .f("exec", "core.v1.ExecAction", "Run a command.")
        .f("httpGet", "core.v1.HTTPGetAction", "Send an HTTP GET.")
        .f("tcpSocket", "core.v1.TCPSocketAction", "Deprecated; accepted for compatibility.")
        .f("sleep", "core.v1.SleepAction", "Sleep for a while.");

    r.t("core.v1.Lifecycle", "Actions run when a container starts and before it stops.")
        .f("postStart", "core.v1.LifecycleHandler",
           "Runs right after the container is created; if it fails the container is restarted.")
        .f("preStop", "core.v1.LifecycleHandler",
           "Runs before the container is stopped; the grace period keeps counting meanwhile.");

    r.t("core.v1.Container", "One container of a pod.")
        .f("name", "string", "The container's name, a DNS label unique in the pod.")
        .required()
        .f("image", "string", "The image to run.")
        .f("command", "[]string",
           "The entrypoint, not run in a shell; replaces the image's ENTRYPOINT. $(VAR) expands env vars.")
        .list("atomic")
        .f("args", "[]string", "Arguments to the entrypoint; replace the image's CMD. $(VAR) expands env vars.")
        .list("atomic")
        .f("workingDir", "string", "The working directory; defaults to the image's.")
        .f("ports", "[]core.v1.ContainerPort", "Ports the container listens on; informational.")
        .merge("containerPort")
        .list("map", {"containerPort", "protocol"})
        .f("envFrom", "[]core.v1.EnvFromSource",
           "Sources whose keys all become environment variables; env takes precedence on a clash.")
        .list("atomic")
        .f("env", "[]core.v1.EnvVar", "Environment variables to set.")
        .merge("name")
        .list("map", {"name"})
        .f("resources", "core.v1.ResourceRequirements", "The compute resources the container needs.")
        .f("restartPolicy", "string",
           "Only for init containers: Always makes a sidecar that keeps running beside the app containers.")
        .values({"Always"})
        .f("livenessProbe", "core.v1.Probe", "Restarts the container when it fails.")
        .f("readinessProbe", "core.v1.Probe", "Takes the pod out of service endpoints while it fails.")
        .f("startupProbe", "core.v1.Probe", "Holds off the other probes until it first succeeds.")
        .f("lifecycle", "core.v1.Lifecycle", "Actions run after start and before stop.")
        .f("terminationMessagePath", "string",
           "File whose content becomes the termination message. Defaults to /dev/termination-log.")
        .f("terminationMessagePolicy", "string",
           "FallbackToLogsOnError also uses the end of the log when the file is empty. Defaults to File.")
        .values({"FallbackToLogsOnError", "File"})
        .f("imagePullPolicy", "string",
           "When to pull the image. Defaults to Always for :latest or no tag, IfNotPresent otherwise.")
        .values({"Always", "IfNotPresent", "Never"})
        .f("stdin", "boolean", "Keep a stdin buffer open for the container.")
        .f("tty", "boolean", "Give the container a terminal; needs stdin.");
}

KUBESIM_DECL void add_core_scheduling(registry& r) {
    r.t("core.v1.Toleration", "Lets a pod schedule onto (or stay on) nodes with a matching taint.")
        .f("key", "string", "The taint key; empty with operator Exists matches every taint.")
        .f("operator", "string", "Equal compares the value; Exists matches any value. Defaults to Equal.")
        .values({"Equal", "Exists"})
        .f("value", "string", "The taint value to match; empty for Exists.")
        .f("effect", "string", "The taint effect to match; empty matches all effects.")
        .values({"NoExecute", "NoSchedule", "PreferNoSchedule"})
        .f("tolerationSeconds", "int64",
           "For NoExecute: how long the pod stays bound after the taint appears; unset means forever.");

    r.t("core.v1.NodeSelectorRequirement", "A requirement on a node label or field.")
        .f("key", "string", "The label or field key.")
        .required()
        .f("operator", "string", "How key relates to values.")
        .required()
        .values({"DoesNotExist", "Exists", "Gt", "In", "Lt", "NotIn"})
        .f("values", "[]string", "Non-empty for In and NotIn, one integer for Gt and Lt, empty otherwise.")
        .list("atomic");

    r.t("core.v1.NodeSelectorTerm", "Requirements that all must hold; an empty term matches no node.")
        .f("matchExpressions", "[]core.v1.NodeSelectorRequirement", "Requirements on node labels.")
        .list("atomic")
        .f("matchFields", "[]core.v1.NodeSelectorRequirement", "Requirements on node fields (metadata.name).")
        .list("atomic")
        .atomic_struct();

    r.t("core.v1.NodeSelector", "Terms of which at least one must match.")
        .f("nodeSelectorTerms", "[]core.v1.NodeSelectorTerm", "The terms, ORed.")
        .required()
        .list("atomic")
        .atomic_struct();

    r.t("core.v1.PreferredSchedulingTerm", "A weighted node preference.")
        .f("weight", "int32", "Added to a node's score when preference matches, 1-100.")
        .required()
        .f("preference", "core.v1.NodeSelectorTerm", "The term to match.")
        .required();

    r.t("core.v1.NodeAffinity", "Rules on the nodes a pod may go to.")
        .f("requiredDuringSchedulingIgnoredDuringExecution", "core.v1.NodeSelector",
           "The pod is only scheduled onto nodes that match.")
        .f("preferredDuringSchedulingIgnoredDuringExecution", "[]core.v1.PreferredSchedulingTerm",
           "Nodes that match score higher.")
        .list("atomic");

    r.t("core.v1.PodAffinityTerm", "Pods selected by labelSelector in namespaces, counted per topology domain.")
        .f("labelSelector", "meta.v1.LabelSelector", "The pods this term is about.")
        .f("namespaces", "[]string", "Namespaces to look in; empty means the pod's own namespace.")
        .list("atomic")
        .f("topologyKey", "string",
           "The node label that defines a domain (kubernetes.io/hostname: one node; a zone label: one zone).")
        .required();

    r.t("core.v1.WeightedPodAffinityTerm", "A weighted pod (anti-)affinity preference.")
        .f("weight", "int32", "Added to a node's score when the term matches, 1-100.")
        .required()
        .f("podAffinityTerm", "core.v1.PodAffinityTerm", "The term.")
        .required();

    r.t("core.v1.PodAffinity", "Rules that place a pod near pods matching the terms.")
        .f("requiredDuringSchedulingIgnoredDuringExecution", "[]core.v1.PodAffinityTerm",
           "Every term must match in the node's domain.")
        .list("atomic")
        .f("preferredDuringSchedulingIgnoredDuringExecution", "[]core.v1.WeightedPodAffinityTerm",
           "Domains where terms match score higher.")
        .list("atomic");

    r.t("core.v1.PodAntiAffinity", "Rules that keep a pod away from pods matching the terms.")
        .f("requiredDuringSchedulingIgnoredDuringExecution", "[]core.v1.PodAffinityTerm",
           "No term may match in the node's domain.")
        .list("atomic")
        .f("preferredDuringSchedulingIgnoredDuringExecution", "[]core.v1.WeightedPodAffinityTerm",
           "Domains where terms match score lower.")
        .list("atomic");

    r.t("core.v1.Affinity", "Scheduling constraints of a pod.")
        .f("nodeAffinity", "core.v1.NodeAffinity", "Constraints on the node.")
        .f("podAffinity", "core.v1.PodAffinity", "Co-locate with other pods.")
        .f("podAntiAffinity", "core.v1.PodAntiAffinity", "Spread away from other pods.");

    r.t("core.v1.PodDNSConfigOption", "One resolver option.")
        .f("name", "string", "The option name (ndots, timeout, ...).")
        .f("value", "string", "The option value, if it has one.");

    r.t("core.v1.PodDNSConfig", "DNS settings merged into the pod's resolv.conf.")
        .f("nameservers", "[]string", "Extra name server IPs, at most 3 in total.")
        .list("atomic")
        .f("searches", "[]string", "Extra search domains.")
        .list("atomic")
        .f("options", "[]core.v1.PodDNSConfigOption", "Resolver options; these override same-named ones.")
        .list("atomic");

    r.t("core.v1.HostAlias", "An /etc/hosts entry of the pod.")
        .f("ip", "string", "The IP address.")
        .required()
        .f("hostnames", "[]string", "Host names for the IP.")
        .list("atomic");

    r.t("core.v1.PodReadinessGate", "An extra condition the pod needs to be Ready.")
        .f("conditionType", "string", "The type of a condition in the pod's status.conditions.")
        .required();
}

KUBESIM_DECL void add_core_pod(registry& r) {
    r.t("core.v1.PodSpec", "The desired state of a pod.")
        .f("initContainers", "[]core.v1.Container",
           "Containers run one after another, each to completion, before the app containers start.")
        .merge("name")
        .list("map", {"name"})
        .f("containers", "[]core.v1.Container", "The app containers; at least one.")
        .required()
        .merge("name")
        .list("map", {"name"})
        .f("restartPolicy", "string", "When the kubelet restarts exited containers. Defaults to Always.")
        .values({"Always", "Never", "OnFailure"})
        .f("terminationGracePeriodSeconds", "int64",
           "Seconds between the stop signal and the kill on deletion. Defaults to 30.")
        .f("activeDeadlineSeconds", "int64", "Seconds the pod may run before it is failed.")
        .f("dnsPolicy", "string", "How the pod's DNS is set up. Defaults to ClusterFirst.")
        .values({"ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"})
        .f("nodeSelector", "map[string]string", "Labels a node must have for the pod to go there.")
        .atomic_map()
        .f("serviceAccountName", "string", "The service account the pod runs as.")
        .f("serviceAccount", "string", "Deprecated alias of serviceAccountName.")
        .f("automountServiceAccountToken", "boolean", "Whether to mount the service account's token.")
        .f("nodeName", "string", "The node the pod is bound to; set by the scheduler, or by hand to bypass it.")
        .f("hostNetwork", "boolean", "Use the node's network namespace.")
        .f("hostname", "string", "The pod's host name; defaults to the pod name.")
        .f("subdomain", "string",
           "With a headless service of this name, gives the pod the DNS name <hostname>.<subdomain>.<ns>.svc.")
        .f("affinity", "core.v1.Affinity", "Scheduling constraints.")
        .f("schedulerName", "string", "The scheduler that places the pod. Defaults to default-scheduler.")
        .f("tolerations", "[]core.v1.Toleration", "Taints the pod tolerates.")
        .list("atomic")
        .f("hostAliases", "[]core.v1.HostAlias", "Extra /etc/hosts entries.")
        .merge("ip")
        .list("map", {"ip"})
        .f("priorityClassName", "string", "The PriorityClass that gives the pod its priority.")
        .f("priority", "int32", "The pod's priority, filled in from priorityClassName.")
        .f("dnsConfig", "core.v1.PodDNSConfig", "DNS settings added to those of dnsPolicy.")
        .f("readinessGates", "[]core.v1.PodReadinessGate", "Extra conditions the pod needs to be Ready.")
        .list("atomic")
        .f("enableServiceLinks", "boolean",
           "Whether service environment variables (like Docker links) are injected. Defaults to true.")
        .f("preemptionPolicy", "string", "Whether the pod may preempt lower-priority pods.")
        .values({"Never", "PreemptLowerPriority"});

    r.t("core.v1.PodCondition", "One aspect of a pod's state.")
        .f("type", "string", "PodScheduled, Initialized, ContainersReady, Ready, or a readiness gate's type.")
        .required()
        .f("observedGeneration", "int64", "The pod generation the condition was computed from.")
        .f("status", "string", "True, False or Unknown.")
        .required()
        .f("lastProbeTime", "meta.v1.Time", "When the condition was last probed.")
        .f("lastTransitionTime", "meta.v1.Time", "When status last changed.")
        .f("reason", "string", "A CamelCase word for the last transition.")
        .f("message", "string", "A human-readable explanation.");

    r.t("core.v1.ContainerStateWaiting", "The container is not running yet.")
        .f("reason", "string", "Why it waits (ContainerCreating, CrashLoopBackOff, ErrImagePull, ...).")
        .f("message", "string", "More detail.");

    r.t("core.v1.ContainerStateRunning", "The container is running.")
        .f("startedAt", "meta.v1.Time", "When it last started.");

    r.t("core.v1.ContainerStateTerminated", "The container has exited.")
        .f("exitCode", "int32", "Its exit status.")
        .required()
        .f("signal", "int32", "The signal that ended it, if any.")
        .f("reason", "string", "Why it ended (Completed, Error, OOMKilled, ...).")
        .f("message", "string", "More detail.")
        .f("startedAt", "meta.v1.Time", "When it started.")
        .f("finishedAt", "meta.v1.Time", "When it exited.")
        .f("containerID", "string", "The runtime's ID of the container, <type>://<id>.");

    r.t("core.v1.ContainerState", "A container's state; exactly one member is set. Defaults to waiting.")
        .f("waiting", "core.v1.ContainerStateWaiting", "Not running yet.")
        .f("running", "core.v1.ContainerStateRunning", "Running.")
        .f("terminated", "core.v1.ContainerStateTerminated", "Exited.");

    r.t("core.v1.ContainerStatus", "What the kubelet reports about one container.")
        .f("name", "string", "The container's name.")
        .required()
        .f("state", "core.v1.ContainerState", "Its current state.")
        .f("lastState", "core.v1.ContainerState", "How its previous run ended, after a restart.")
        .f("ready", "boolean", "Whether it passes its readiness probe.")
        .required()
        .f("restartCount", "int32", "How often it was restarted.")
        .required()
        .f("image", "string", "The image it runs.")
        .required()
        .f("imageID", "string", "The image's ID.")
        .required()
        .f("containerID", "string", "The runtime's ID of the container, <type>://<id>.")
        .f("started", "boolean", "Whether it has passed its startup probe.");

    r.t("core.v1.PodIP", "An IP address of a pod.")
        .f("ip", "string", "The address.")
        .required();

    r.t("core.v1.HostIP", "An IP address of the pod's node.")
        .f("ip", "string", "The address.")
        .required();

    r.t("core.v1.PodStatus", "The observed state of a pod; written by the system.")
        .f("observedGeneration", "int64", "The pod generation the status describes.")
        .f("phase", "string", "Where the pod is in its life.")
        .values({"Failed", "Pending", "Running", "Succeeded", "Unknown"})
        .f("conditions", "[]core.v1.PodCondition", "The pod's conditions.")
        .merge("type")
        .list("map", {"type"})
        .f("message", "string", "Why the pod is in this state.")
        .f("reason", "string", "A CamelCase word for the state (Evicted, ...).")
        .f("nominatedNodeName", "string", "The node preemption freed room on; the pod is not bound yet.")
        .f("hostIP", "string", "The node's IP; empty until the pod is bound.")
        .f("hostIPs", "[]core.v1.HostIP", "The node's IPs; the first equals hostIP.")
        .merge("ip")
        .list("atomic")
        .f("podIP", "string", "The pod's IP; empty until allocated.")
        .f("podIPs", "[]core.v1.PodIP", "The pod's IPs; the first equals podIP.")
        .merge("ip")
        .list("map", {"ip"})
        .f("startTime", "meta.v1.Time", "When the kubelet accepted the pod.")
        .f("initContainerStatuses", "[]core.v1.ContainerStatus", "One entry per init container.")
        .list("atomic")
        .f("containerStatuses", "[]core.v1.ContainerStatus", "One entry per app container.")
        .list("atomic")
        .f("qosClass", "string", "The quality of service class from the resource requests and limits.")
        .values({"BestEffort", "Burstable", "Guaranteed"});

    r.kind("core.v1.Pod", "A group of containers that run together on one node.", "", "v1", "Pod")
        .f("spec", "core.v1.PodSpec", "The desired state of the pod.")
        .f("status", "core.v1.PodStatus", "The observed state of the pod; read-only.");
    r.list_kind("core.v1.Pod", "", "v1", "Pod");

    r.t("core.v1.PodTemplateSpec", "The pods a controller creates.")
        .f("metadata", "meta.v1.ObjectMeta", "Labels and annotations the pods get.")
        .f("spec", "core.v1.PodSpec", "The pods' spec.");

    r.kind("core.v1.Binding", "Binds a pod to a node (the scheduler's request).", "", "v1", "Binding")
        .f("target", "core.v1.ObjectReference", "The node to bind to.")
        .required();

    r.kind("policy.v1.Eviction", "Asks for a pod's deletion, subject to disruption budgets.", "policy", "v1",
           "Eviction")
        .f("deleteOptions", "meta.v1.DeleteOptions", "Options for the deletion.");

    r.t("core.v1.ObjectReference", "Points at another object.")
        .f("kind", "string", "Its kind.")
        .f("namespace", "string", "Its namespace.")
        .f("name", "string", "Its name.")
        .f("uid", "string", "Its uid.")
        .f("apiVersion", "string", "Its API version.")
        .f("resourceVersion", "string", "The version it was seen at.")
        .f("fieldPath", "string", "A part of the object, such as spec.containers{name}.")
        .atomic_struct();
}

KUBESIM_DECL void add_core_cluster(registry& r) {
    r.t("core.v1.Taint", "Repels pods that do not tolerate it.")
        .f("key", "string", "The taint key.")
        .required()
        .f("value", "string", "The taint value.")
        .f("effect", "string", "What happens to pods that do not tolerate it.")
        .required()
        .values({"NoExecute", "NoSchedule", "PreferNoSchedule"})
        .f("timeAdded", "meta.v1.Time", "When a NoExecute taint was added.");

    r.t("core.v1.NodeSpec", "The desired state of a node.")
        .f("podCIDR", "string", "The pod IP range of the node.")
        .f("podCIDRs", "[]string", "The pod IP ranges, one per IP family; the first equals podCIDR.")
        .merge()
        .list("set")
        .f("providerID", "string", "The node's ID at the cloud provider.")
        .f("unschedulable", "boolean", "Keeps new pods off the node (kubectl cordon).")
        .f("taints", "[]core.v1.Taint", "The node's taints.")
        .list("atomic");

    r.t("core.v1.NodeCondition", "One aspect of a node's state.")
        .f("type", "string", "Ready, MemoryPressure, DiskPressure, PIDPressure or NetworkUnavailable.")
        .required()
        .f("status", "string", "True, False or Unknown.")
        .required()
        .f("lastHeartbeatTime", "meta.v1.Time", "When the kubelet last reported this condition.")
        .f("lastTransitionTime", "meta.v1.Time", "When status last changed.")
        .f("reason", "string", "A CamelCase word for the last transition.")
        .f("message", "string", "A human-readable explanation.");

    r.t("core.v1.NodeAddress", "An address of a node.")
        .f("type", "string", "Hostname, InternalIP, ExternalIP, InternalDNS or ExternalDNS.")
        .required()
        .f("address", "string", "The address.")
        .required();

    r.t("core.v1.DaemonEndpoint", "A port a node daemon listens on.")
        .f("Port", "int32", "The port number.")
        .required();

    r.t("core.v1.NodeDaemonEndpoints", "Ports of the daemons on a node.")
        .f("kubeletEndpoint", "core.v1.DaemonEndpoint", "The kubelet's port.");

    r.t("core.v1.NodeSystemInfo", "What the kubelet reports about the machine.")
        .f("machineID", "string", "The machine ID.")
        .required()
        .f("systemUUID", "string", "The system UUID.")
        .required()
        .f("bootID", "string", "The boot ID.")
        .required()
        .f("kernelVersion", "string", "The kernel version (uname -r).")
        .required()
        .f("osImage", "string", "The OS image.")
        .required()
        .f("containerRuntimeVersion", "string", "The container runtime, <name>://<version>.")
        .required()
        .f("kubeletVersion", "string", "The kubelet version.")
        .required()
        .f("kubeProxyVersion", "string", "Deprecated: the kube-proxy version.")
        .required()
        .f("operatingSystem", "string", "The operating system (linux).")
        .required()
        .f("architecture", "string", "The CPU architecture (amd64).")
        .required();

    r.t("core.v1.NodeStatus", "The observed state of a node.")
        .f("capacity", "map[string]Quantity", "The node's total resources.")
        .f("allocatable", "map[string]Quantity", "The resources available to pods.")
        .f("phase", "string", "Deprecated; not set.")
        .f("conditions", "[]core.v1.NodeCondition", "The node's conditions.")
        .merge("type")
        .list("map", {"type"})
        .f("addresses", "[]core.v1.NodeAddress", "The node's addresses.")
        .merge("type")
        .list("map", {"type"})
        .f("daemonEndpoints", "core.v1.NodeDaemonEndpoints", "Ports of the node's daemons.")
        .f("nodeInfo", "core.v1.NodeSystemInfo", "Facts about the machine.");

    r.kind("core.v1.Node", "A machine that runs pods.", "", "v1", "Node")
        .f("spec", "core.v1.NodeSpec", "The desired state of the node.")
        .f("status", "core.v1.NodeStatus", "The observed state of the node; read-only.");
    r.list_kind("core.v1.Node", "", "v1", "Node");

    r.t("core.v1.NamespaceSpec", "The desired state of a namespace.")
        .f("finalizers", "[]string", "Parties that must clean up before the namespace is removed.")
        .list("atomic");

    r.t("core.v1.NamespaceCondition", "One aspect of a namespace's state.")
        .f("type", "string", "The aspect (NamespaceDeletionContentFailure, ...).")
        .required()
        .f("status", "string", "True, False or Unknown.")
        .required()
        .f("lastTransitionTime", "meta.v1.Time", "When status last changed.")
        .f("reason", "string", "A CamelCase word for the last transition.")
        .f("message", "string", "A human-readable explanation.");

    r.t("core.v1.NamespaceStatus", "The observed state of a namespace.")
        .f("phase", "string", "Active, or Terminating while it is being deleted.")
        .values({"Active", "Terminating"})
        .f("conditions", "[]core.v1.NamespaceCondition", "The namespace's conditions.")
        .merge("type")
        .list("map", {"type"});

    r.kind("core.v1.Namespace", "A scope for names, and the unit of deletion of what it holds.", "", "v1",
           "Namespace")
        .f("spec", "core.v1.NamespaceSpec", "The desired state of the namespace.")
        .f("status", "core.v1.NamespaceStatus", "The observed state of the namespace; read-only.");
    r.list_kind("core.v1.Namespace", "", "v1", "Namespace");
}

KUBESIM_DECL void add_core_service(registry& r) {
    r.t("core.v1.ServicePort", "A port a service exposes.")
        .f("name", "string", "The port's name; required when there are several ports.")
        .f("protocol", "string", "TCP, UDP or SCTP. Defaults to TCP.")
        .values({"SCTP", "TCP", "UDP"})
        .f("appProtocol", "string", "The application protocol (http, h2c, ...), a hint for implementations.")
        .f("port", "int32", "The port the service listens on.")
        .required()
        .f("targetPort", "IntOrString",
           "The pods' port, by number or by container port name. Defaults to port.")
        .f("nodePort", "int32", "The port on every node for NodePort and LoadBalancer services.");

    r.t("core.v1.ClientIPConfig", "Settings of ClientIP session affinity.")
        .f("timeoutSeconds", "int32", "How long a client sticks to one pod. Defaults to 10800 (3 hours).");

    r.t("core.v1.SessionAffinityConfig", "Settings of session affinity.")
        .f("clientIP", "core.v1.ClientIPConfig", "Settings of ClientIP affinity.");

    r.t("core.v1.ServiceSpec", "The desired state of a service.")
        .f("ports", "[]core.v1.ServicePort", "The ports the service exposes.")
        .merge("port")
        .list("map", {"port", "protocol"})
        .f("selector", "map[string]string",
           "Traffic goes to the pods with these labels; without a selector endpoints are managed by hand.")
        .atomic_map()
        .f("clusterIP", "string", "The virtual IP; allocated when empty, \"None\" makes a headless service.")
        .f("clusterIPs", "[]string", "The virtual IPs, one per IP family; the first equals clusterIP.")
        .list("atomic")
        .f("type", "string", "How the service is exposed. Defaults to ClusterIP.")
        .values({"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"})
        .f("externalIPs", "[]string", "Further IPs that route to the service.")
        .list("atomic")
        .f("sessionAffinity", "string", "ClientIP sends a client to the same pod each time. Defaults to None.")
        .values({"ClientIP", "None"})
        .f("loadBalancerIP", "string", "Deprecated: the IP asked of the load balancer.")
        .f("externalName", "string", "The DNS name an ExternalName service is an alias of.")
        .f("externalTrafficPolicy", "string", "Whether external traffic only goes to pods on the receiving node.")
        .values({"Cluster", "Local"})
        .f("publishNotReadyAddresses", "boolean", "Include pods that are not ready in the endpoints.")
        .f("sessionAffinityConfig", "core.v1.SessionAffinityConfig", "Settings of session affinity.")
        .f("ipFamilies", "[]string", "The IP families (IPv4, IPv6) of the service.")
        .list("atomic")
        .f("ipFamilyPolicy", "string", "How many IP families the service gets.")
        .values({"PreferDualStack", "RequireDualStack", "SingleStack"})
        .f("allocateLoadBalancerNodePorts", "boolean",
           "Whether a LoadBalancer service gets node ports. Defaults to true.")
        .f("internalTrafficPolicy", "string", "Whether cluster traffic only goes to pods on the sending node.")
        .values({"Cluster", "Local"});

    r.t("core.v1.LoadBalancerIngress", "An entry point of a load balancer.")
        .f("ip", "string", "An IP address.")
        .f("hostname", "string", "A DNS name.");

    r.t("core.v1.LoadBalancerStatus", "The state of a load balancer.")
        .f("ingress", "[]core.v1.LoadBalancerIngress", "Its entry points.")
        .list("atomic");

    r.t("core.v1.ServiceStatus", "The observed state of a service.")
        .f("loadBalancer", "core.v1.LoadBalancerStatus", "The load balancer, for type LoadBalancer.")
        .f("conditions", "[]meta.v1.Condition", "The service's conditions.")
        .merge("type")
        .list("map", {"type"});

    r.kind("core.v1.Service", "A stable virtual IP and DNS name in front of a set of pods.", "", "v1", "Service")
        .f("spec", "core.v1.ServiceSpec", "The desired state of the service.")
        .f("status", "core.v1.ServiceStatus", "The observed state of the service; read-only.");
    r.list_kind("core.v1.Service", "", "v1", "Service");
}

KUBESIM_DECL void add_core_data(registry& r) {
    r.t("core.v1.EventSource", "Who reported an event.")
        .f("component", "string", "The reporting component (kubelet, default-scheduler, ...).")
        .f("host", "string", "The node it runs on.");

    r.t("core.v1.EventSeries", "Repeats of an event.")
        .f("count", "int32", "How often it happened.")
        .f("lastObservedTime", "meta.v1.MicroTime", "When it last happened.");

    r.kind("core.v1.Event", "A report of something that happened to an object.", "", "v1", "Event")
        .f("involvedObject", "core.v1.ObjectReference", "The object the event is about.")
        .required()
        .f("reason", "string", "A CamelCase word for what happened (Scheduled, Pulled, BackOff, ...).")
        .f("message", "string", "A human-readable description.")
        .f("source", "core.v1.EventSource", "Who reported it.")
        .f("firstTimestamp", "meta.v1.Time", "When it first happened.")
        .f("lastTimestamp", "meta.v1.Time", "When it last happened.")
        .f("count", "int32", "How often it happened.")
        .f("type", "string", "Normal or Warning.")
        .f("eventTime", "meta.v1.MicroTime", "When it first happened, to the microsecond.")
        .f("series", "core.v1.EventSeries", "Repeats of the event.")
        .f("action", "string", "What the reporter did or failed to do.")
        .f("related", "core.v1.ObjectReference", "A second object involved.")
        .f("reportingComponent", "string", "The controller that emitted the event.")
        .f("reportingInstance", "string", "The instance of that controller.");
    r.all[schema_name("core.v1.Event")]["required"] = {"metadata", "involvedObject"};
    r.list_kind("core.v1.Event", "", "v1", "Event");

    r.kind("core.v1.ConfigMap", "Non-secret configuration data for pods.", "", "v1", "ConfigMap")
        .f("immutable", "boolean", "If true, data can no longer be changed, only the whole object deleted.")
        .f("data", "map[string]string", "UTF-8 values; keys may not clash with binaryData.")
        .f("binaryData", "map[string]byte", "Binary values, base64 in JSON.");
    r.list_kind("core.v1.ConfigMap", "", "v1", "ConfigMap");

    r.kind("core.v1.Secret", "Sensitive data such as passwords and tokens.", "", "v1", "Secret")
        .f("immutable", "boolean", "If true, data can no longer be changed, only the whole object deleted.")
        .f("data", "map[string]byte", "The secret values, base64 in JSON.")
        .f("stringData", "map[string]string",
           "Write-only plain-text values, merged into data on write (they win on a clash); never read back.")
        .f("type", "string", "How the data is used (Opaque, kubernetes.io/tls, ...). Defaults to Opaque.");
    r.list_kind("core.v1.Secret", "", "v1", "Secret");
}

KUBESIM_DECL void add_apps(registry& r) {
    r.t("apps.v1.ReplicaSetSpec", "The desired state of a ReplicaSet.")
        .f("replicas", "int32", "How many pods to run. Defaults to 1.")
        .f("minReadySeconds", "int32", "Seconds a new pod must be ready to count as available. Defaults to 0.")
        .f("selector", "meta.v1.LabelSelector", "The pods the ReplicaSet owns; must match the template labels.")
        .required()
        .f("template", "core.v1.PodTemplateSpec", "The pods the ReplicaSet creates.");

    r.t("apps.v1.ReplicaSetCondition", "One aspect of a ReplicaSet's state.")
        .f("type", "string", "The aspect (ReplicaFailure).")
        .required()
        .f("status", "string", "True, False or Unknown.")
        .required()
        .f("lastTransitionTime", "meta.v1.Time", "When status last changed.")
        .f("reason", "string", "A CamelCase word for the last transition.")
        .f("message", "string", "A human-readable explanation.");

    r.t("apps.v1.ReplicaSetStatus", "The observed state of a ReplicaSet.")
        .f("replicas", "int32", "Pods that exist and are not terminating.")
        .required()
        .f("fullyLabeledReplicas", "int32", "Pods whose labels match the template's.")
        .f("readyReplicas", "int32", "Pods that are ready.")
        .f("availableReplicas", "int32", "Pods ready for at least minReadySeconds.")
        .f("terminatingReplicas", "int32", "Pods that are shutting down.")
        .f("observedGeneration", "int64", "The generation this status describes.")
        .f("conditions", "[]apps.v1.ReplicaSetCondition", "The ReplicaSet's conditions.")
        .merge("type")
        .list("map", {"type"});

    r.kind("apps.v1.ReplicaSet", "Keeps a number of identical pods running.", "apps", "v1", "ReplicaSet")
        .f("spec", "apps.v1.ReplicaSetSpec", "The desired state of the ReplicaSet.")
        .f("status", "apps.v1.ReplicaSetStatus", "The observed state of the ReplicaSet; read-only.");
    r.list_kind("apps.v1.ReplicaSet", "apps", "v1", "ReplicaSet");

    r.t("apps.v1.RollingUpdateDeployment", "How fast a rolling update goes.")
        .f("maxUnavailable", "IntOrString",
           "How many desired pods may be unavailable during the update, a count or a percentage rounded down. "
           "Defaults to 25%.")
        .f("maxSurge", "IntOrString",
           "How many pods may exist beyond the desired count, a count or a percentage rounded up. Defaults to "
           "25%.");

    r.t("apps.v1.DeploymentStrategy", "How a Deployment replaces old pods with new ones.")
        .f("type", "string", "RollingUpdate or Recreate (kill all old pods first). Defaults to RollingUpdate.")
        .values({"Recreate", "RollingUpdate"})
        .f("rollingUpdate", "apps.v1.RollingUpdateDeployment", "Settings of a rolling update.");

    r.t("apps.v1.DeploymentSpec", "The desired state of a Deployment.")
        .f("replicas", "int32", "How many pods to run. Defaults to 1.")
        .f("selector", "meta.v1.LabelSelector", "The pods the Deployment manages; must match the template labels.")
        .required()
        .f("template", "core.v1.PodTemplateSpec", "The pods to run.")
        .required()
        .f("strategy", "apps.v1.DeploymentStrategy", "How updates replace old pods.")
        .f("minReadySeconds", "int32", "Seconds a new pod must be ready to count as available. Defaults to 0.")
        .f("revisionHistoryLimit", "int32", "How many old ReplicaSets to keep for rollback. Defaults to 10.")
        .f("paused", "boolean", "Stops rollouts while true.")
        .f("progressDeadlineSeconds", "int32",
           "Seconds without progress before the rollout is reported failed. Defaults to 600.");

    r.t("apps.v1.DeploymentCondition", "One aspect of a Deployment's state.")
        .f("type", "string", "Available, Progressing or ReplicaFailure.")
        .required()
        .f("status", "string", "True, False or Unknown.")
        .required()
        .f("lastUpdateTime", "meta.v1.Time", "When the condition was last updated.")
        .f("lastTransitionTime", "meta.v1.Time", "When status last changed.")
        .f("reason", "string", "A CamelCase word for the last transition.")
        .f("message", "string", "A human-readable explanation.");

    r.t("apps.v1.DeploymentStatus", "The observed state of a Deployment.")
        .f("observedGeneration", "int64", "The generation this status describes.")
        .f("replicas", "int32", "Pods of the Deployment that are not terminating.")
        .f("updatedReplicas", "int32", "Pods with the current template.")
        .f("readyReplicas", "int32", "Pods that are ready.")
        .f("availableReplicas", "int32", "Pods ready for at least minReadySeconds.")
        .f("unavailableReplicas", "int32", "Pods still needed for the desired count to be available.")
        .f("terminatingReplicas", "int32", "Pods that are shutting down.")
        .f("conditions", "[]apps.v1.DeploymentCondition", "The Deployment's conditions.")
        .merge("type")
        .list("map", {"type"})
        .f("collisionCount", "int32", "Counts pod-template-hash collisions; used to make new names.");

    r.kind("apps.v1.Deployment", "Runs pods from a template and rolls out template changes.", "apps", "v1",
           "Deployment")
        .f("spec", "apps.v1.DeploymentSpec", "The desired state of the Deployment.")
        .f("status", "apps.v1.DeploymentStatus", "The observed state of the Deployment; read-only.");
    r.list_kind("apps.v1.Deployment", "apps", "v1", "Deployment");

    r.t("autoscaling.v1.ScaleSpec", "The desired size.")
        .f("replicas", "int32", "How many replicas to run.");

    r.t("autoscaling.v1.ScaleStatus", "The observed size.")
        .f("replicas", "int32", "How many replicas exist.")
        .required()
        .f("selector", "string", "The label selector of the pods, in text form.");

    r.kind("autoscaling.v1.Scale", "The scale subresource of a workload: its replica count.", "autoscaling", "v1",
           "Scale")
        .f("spec", "autoscaling.v1.ScaleSpec", "The desired size.")
        .f("status", "autoscaling.v1.ScaleStatus", "The observed size; read-only.");
}

KUBESIM_DECL void add_discovery_coordination(registry& r) {
    r.t("discovery.v1.EndpointConditions", "The state of an endpoint.")
        .f("ready", "boolean", "Whether it should receive traffic; false while terminating.")
        .f("serving", "boolean", "Like ready, but also true while terminating if the pod is ready.")
        .f("terminating", "boolean", "Whether the pod is shutting down.");

    r.t("discovery.v1.Endpoint", "One backend of a service.")
        .f("addresses", "[]string", "Its IP addresses; all are treated as one backend.")
        .required()
        .list("set")
        .f("conditions", "discovery.v1.EndpointConditions", "Its state.")
        .f("hostname", "string", "Its host name, for DNS.")
        .f("targetRef", "core.v1.ObjectReference", "The pod behind it.")
        .f("nodeName", "string", "The node it runs on.")
        .f("zone", "string", "The zone it runs in.");

    r.t("discovery.v1.EndpointPort", "A port of the endpoints.")
        .f("name", "string", "The service port's name.")
        .f("protocol", "string", "TCP, UDP or SCTP. Defaults to TCP.")
        .f("port", "int32", "The port number.")
        .f("appProtocol", "string", "The application protocol.")
        .atomic_struct();

    r.kind("discovery.v1.EndpointSlice", "A subset of the backends of a service.", "discovery.k8s.io", "v1",
           "EndpointSlice")
        .f("addressType", "string", "The kind of addresses: IPv4, IPv6 or FQDN.")
        .required()
        .values({"FQDN", "IPv4", "IPv6"})
        .f("endpoints", "[]discovery.v1.Endpoint", "The backends, at most 1000.")
        .required()
        .list("atomic")
        .f("ports", "[]discovery.v1.EndpointPort", "The ports every endpoint exposes.")
        .list("atomic");
    r.list_kind("discovery.v1.EndpointSlice", "discovery.k8s.io", "v1", "EndpointSlice");

    r.t("coordination.v1.LeaseSpec", "Who holds a lease and until when.")
        .f("holderIdentity", "string", "The current holder.")
        .f("leaseDurationSeconds", "int32", "How long after renewTime others must wait to take the lease.")
        .f("acquireTime", "meta.v1.MicroTime", "When the current holder acquired the lease.")
        .f("renewTime", "meta.v1.MicroTime", "When the holder last renewed the lease.")
        .f("leaseTransitions", "int32", "How often the lease changed hands.")
        .f("strategy", "string", "How a coordinated leader election picks the holder.")
        .f("preferredHolder", "string", "The holder a coordinated election prefers.");

    r.kind("coordination.v1.Lease", "A lease: leader election and node heartbeats.", "coordination.k8s.io", "v1",
           "Lease")
        .f("spec", "coordination.v1.LeaseSpec", "The lease.");
    r.list_kind("coordination.v1.Lease", "coordination.k8s.io", "v1", "Lease");
}

const nlohmann::json& schemas() {
    static const nlohmann::json all = [] {
        registry r;
        add_meta(r);
        add_core_containers(r);
        add_core_scheduling(r);
        add_core_pod(r);
        add_core_cluster(r);
        add_core_service(r);
        add_core_data(r);
        add_apps(r);
        add_discovery_coordination(r);
        return std::move(r.all);
    }();
    return all;
}

}  // namespace kubesim::api::json::openapi::detail
