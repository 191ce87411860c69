// kubectl describe: pods, and the containers, volumes and pod templates that
// the workload describers share (PodDescriber, describeContainers,
// DescribePodTemplate in kubectl/pkg/describe/describe.go).
#pragma once

#include <kubesim/kubectl/commands/describe_util.ipp>

#include <cctype>
#include <map>
#include <set>

namespace kubesim::kubectl::detail {

namespace {

inline std::string desc_join(const std::vector<std::string>& v, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) out += (i ? std::string(sep) : std::string()) + v[i];
    return out;
}

// Go's %v of a []string: "[a b]".
inline std::string desc_go_list(const json& v) {
    std::vector<std::string> parts;
    if (v.is_array())
        for (const auto& s : v) parts.push_back(desc_value_text(s));
    return "[" + desc_join(parts, " ") + "]";
}

inline std::vector<std::string> desc_split_lines(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto nl = s.find('\n', start);
        out.push_back(s.substr(start, nl == std::string::npos ? std::string::npos : nl - start));
        if (nl == std::string::npos) return out;
        start = nl + 1;
    }
}

// describeContainerPorts / describeContainerHostPorts.
inline std::string desc_ports(const json& ports, const char* field) {
    std::vector<std::string> out;
    if (ports.is_array())
        for (const auto& p : ports) {
            std::string s = desc_itoa(desc_int(p, {field})) + "/" + desc_str(p, {"protocol"});
            if (!desc_str(p, {"name"}).empty()) s += " (" + desc_str(p, {"name"}) + ")";
            out.push_back(s);
        }
    return desc_join(out, ", ");
}

inline void desc_resources(desc_writer& w, const json& res, int level) {
    if (!res.is_object()) return;
    const auto limits = desc_resource_list(desc_at(res, {"limits"}));
    if (!limits.empty()) w.write(level, "Limits:\n");
    for (const auto& [name, q] : limits) w.write(level + 1, name + ":\t" + q.str() + "\n");
    const auto requests = desc_resource_list(desc_at(res, {"requests"}));
    if (!requests.empty()) w.write(level, "Requests:\n");
    for (const auto& [name, q] : requests) w.write(level + 1, name + ":\t" + q.str() + "\n");
}

inline void desc_state(desc_writer& w, std::string_view name, const json& state) {
    const std::string n(name);
    if (desc_at(state, {"running"}).is_object()) {
        w.write(2, n + ":\tRunning\n");
        w.write(3, "Started:\t" + desc_rfc1123z(desc_at(state, {"running", "startedAt"})) + "\n");
    } else if (desc_at(state, {"waiting"}).is_object()) {
        w.write(2, n + ":\tWaiting\n");
        const std::string reason = desc_str(state, {"waiting", "reason"});
        if (!reason.empty()) w.write(3, "Reason:\t" + reason + "\n");
    } else if (desc_at(state, {"terminated"}).is_object()) {
        const json& t = state["terminated"];
        w.write(2, n + ":\tTerminated\n");
        if (!desc_str(t, {"reason"}).empty()) w.write(3, "Reason:\t" + desc_str(t, {"reason"}) + "\n");
        if (!desc_str(t, {"message"}).empty()) w.write(3, "Message:\t" + desc_str(t, {"message"}) + "\n");
        w.write(3, "Exit Code:\t" + desc_itoa(desc_int(t, {"exitCode"})) + "\n");
        if (desc_int(t, {"signal"}) > 0) w.write(3, "Signal:\t" + desc_itoa(desc_int(t, {"signal"})) + "\n");
        w.write(3, "Started:\t" + desc_rfc1123z(desc_at(t, {"startedAt"})) + "\n");
        w.write(3, "Finished:\t" + desc_rfc1123z(desc_at(t, {"finishedAt"})) + "\n");
    } else {
        w.write(2, n + ":\tWaiting\n");
    }
}

// DescribeProbe.
inline std::string desc_probe(const json& p) {
    const std::string attrs = "delay=" + desc_itoa(desc_int(p, {"initialDelaySeconds"})) +
                              "s timeout=" + desc_itoa(desc_int(p, {"timeoutSeconds"})) +
                              "s period=" + desc_itoa(desc_int(p, {"periodSeconds"})) +
                              "s #success=" + desc_itoa(desc_int(p, {"successThreshold"})) +
                              " #failure=" + desc_itoa(desc_int(p, {"failureThreshold"}));
    if (desc_at(p, {"exec"}).is_object()) return "exec " + desc_go_list(desc_at(p, {"exec", "command"})) + " " + attrs;
    if (desc_at(p, {"httpGet"}).is_object()) {
        const json& h = p["httpGet"];
        std::string scheme = desc_str(h, {"scheme"});
        for (auto& ch : scheme) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        const std::string host = desc_str(h, {"host"});
        const std::string port = desc_at(h, {"port"}).is_null() ? std::string() : desc_intstr(h["port"]);
        std::string hostport = host;
        if (!port.empty()) hostport = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + port;
        std::string url = scheme.empty() ? std::string() : scheme + ":";
        if (!scheme.empty() || !hostport.empty()) url += "//" + hostport;
        std::string path = desc_str(h, {"path"});
        if (!path.empty() && path[0] != '/' && !hostport.empty()) path = "/" + path;
        url += path;
        return "http-get " + url + " " + attrs;
    }
    if (desc_at(p, {"tcpSocket"}).is_object())
        return "tcp-socket " + desc_str(p, {"tcpSocket", "host"}) + ":" + desc_intstr(desc_at(p, {"tcpSocket", "port"})) +
               " " + attrs;
    if (desc_at(p, {"grpc"}).is_object())
        return "grpc <pod>:" + desc_itoa(desc_int(p, {"grpc", "port"})) + " " + desc_str(p, {"grpc", "service"}) + " " +
               attrs;
    return "unknown " + attrs;
}

// EnvValueRetriever: a fieldRef's value read from the pod.
inline std::string desc_field_value(const json* pod, const std::string& path) {
    if (!pod) return "";
    const auto sub = [&](std::string_view prefix, const char* map) -> std::optional<std::string> {
        if (path.rfind(prefix, 0) != 0 || path.size() < prefix.size() + 3) return std::nullopt;
        std::string key = path.substr(prefix.size() + 2, path.size() - prefix.size() - 4);
        return desc_str(*pod, {"metadata", map, key});
    };
    if (auto v = sub("metadata.labels", "labels")) return *v;
    if (auto v = sub("metadata.annotations", "annotations")) return *v;
    if (path == "metadata.name") return desc_str(*pod, {"metadata", "name"});
    if (path == "metadata.namespace") return desc_str(*pod, {"metadata", "namespace"});
    if (path == "metadata.uid") return desc_str(*pod, {"metadata", "uid"});
    if (path == "spec.nodeName") return desc_str(*pod, {"spec", "nodeName"});
    if (path == "spec.serviceAccountName") return desc_str(*pod, {"spec", "serviceAccountName"});
    if (path == "status.hostIP") return desc_str(*pod, {"status", "hostIP"});
    if (path == "status.podIP") return desc_str(*pod, {"status", "podIP"});
    return "";
}

inline void desc_container_env(desc_writer& w, const json& c, const json* pod) {
    const json& envs = desc_at(c, {"env"});
    const bool none = !envs.is_array() || envs.empty();
    w.write(2, std::string("Environment:") + (none ? "\t<none>" : "") + "\n");
    if (none) return;
    for (const auto& e : envs) {
        const std::string name = desc_str(e, {"name"});
        const json& from = desc_at(e, {"valueFrom"});
        if (!from.is_object()) {
            const auto lines = desc_split_lines(desc_str(e, {"value"}));
            for (std::size_t i = 0; i < lines.size(); ++i)
                w.write(3, (i == 0 ? name + ":\t" : std::string("\t")) + lines[i] + "\n");
            continue;
        }
        if (desc_at(from, {"fieldRef"}).is_object()) {
            const std::string fp = desc_str(from, {"fieldRef", "fieldPath"});
            w.write(3, name + ":\t" + desc_field_value(pod, fp) + " (" + desc_str(from, {"fieldRef", "apiVersion"}) + ":" +
                           fp + ")\n");
        } else if (desc_at(from, {"resourceFieldRef"}).is_object()) {
            const std::string res = desc_str(from, {"resourceFieldRef", "resource"});
            const auto dot = res.find('.');
            std::string value;
            if (dot != std::string::npos) {
                const json& q = desc_at(c, {"resources", res.substr(0, dot), res.substr(dot + 1)});
                const auto divisor = desc_at(from, {"resourceFieldRef", "divisor"}).is_null()
                                         ? desc_quantity::parse("1")
                                         : desc_quantity::parse(from["resourceFieldRef"]["divisor"]);
                const auto v = desc_quantity::parse(q);
                const std::int64_t d = divisor.milli == 0 ? 1000 : divisor.milli;
                value = desc_itoa((v.milli + d - 1) / d);
            }
            if (value == "0" && (res == "limits.cpu" || res == "limits.memory")) value = "node allocatable";
            w.write(3, name + ":\t" + value + " (" + res + ")\n");
        } else if (desc_at(from, {"secretKeyRef"}).is_object()) {
            w.write(3, name + ":\t<set to the key '" + desc_str(from, {"secretKeyRef", "key"}) + "' in secret '" +
                           desc_str(from, {"secretKeyRef", "name"}) + "'>\tOptional: " +
                           (desc_bool(from, {"secretKeyRef", "optional"}) ? "true" : "false") + "\n");
        } else if (desc_at(from, {"configMapKeyRef"}).is_object()) {
            w.write(3, name + ":\t<set to the key '" + desc_str(from, {"configMapKeyRef", "key"}) + "' of config map '" +
                           desc_str(from, {"configMapKeyRef", "name"}) + "'>\tOptional: " +
                           (desc_bool(from, {"configMapKeyRef", "optional"}) ? "true" : "false") + "\n");
        }
    }
}

inline void desc_container_env_from(desc_writer& w, const json& c) {
    w.write(2, "Environment Variables from:\n");
    for (const auto& e : c["envFrom"]) {
        std::string from, name;
        bool optional = false;
        if (desc_at(e, {"configMapRef"}).is_object()) {
            from = "ConfigMap", name = desc_str(e, {"configMapRef", "name"});
            optional = desc_bool(e, {"configMapRef", "optional"});
        } else if (desc_at(e, {"secretRef"}).is_object()) {
            from = "Secret", name = desc_str(e, {"secretRef", "name"});
            optional = desc_bool(e, {"secretRef", "optional"});
        }
        const std::string prefix = desc_str(e, {"prefix"});
        w.write(3, name + "\t" + from + (prefix.empty() ? "" : " with prefix '" + prefix + "'") + "\tOptional: " +
                       (optional ? "true" : "false") + "\n");
    }
}

inline void desc_container_mounts(desc_writer& w, const json& c) {
    const json& mounts = desc_at(c, {"volumeMounts"});
    const bool none = !mounts.is_array() || mounts.empty();
    w.write(2, std::string("Mounts:") + (none ? "\t<none>" : "") + "\n");
    if (!none) {
        std::vector<json> list(mounts.begin(), mounts.end());
        std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
            return desc_str(a, {"mountPath"}) < desc_str(b, {"mountPath"});
        });
        for (const auto& m : list) {
            std::string flags = desc_bool(m, {"readOnly"}) ? "ro" : "rw";
            if (!desc_str(m, {"subPath"}).empty()) flags += ",path=" + go_quote(desc_str(m, {"subPath"}));
            w.write(3, desc_str(m, {"mountPath"}) + " from " + desc_str(m, {"name"}) + " (" + flags + ")\n");
        }
    }
    const json& devices = desc_at(c, {"volumeDevices"});
    if (devices.is_array() && !devices.empty()) {
        w.write(2, std::string("Devices:") + (none ? "\t<none>" : "") + "\n");
        std::vector<json> list(devices.begin(), devices.end());
        std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
            return desc_str(a, {"devicePath"}) < desc_str(b, {"devicePath"});
        });
        for (const auto& d : list) w.write(3, desc_str(d, {"devicePath"}) + " from " + desc_str(d, {"name"}) + "\n");
    }
}

// describeContainers: statuses is null for a pod template; pod resolves fieldRefs.
inline void desc_containers(desc_writer& w, std::string_view label, const json& containers, const json& statuses,
                     const json* pod, std::string_view space) {
    std::map<std::string, const json*> by_name;
    if (statuses.is_array())
        for (const auto& s : statuses) by_name[desc_str(s, {"name"})] = &s;
    const bool none = !containers.is_array() || containers.empty();
    w.write(0, std::string(space) + std::string(label) + ":" + (none ? " <none>" : "") + "\n");
    if (none) return;
    for (const auto& c : containers) {
        const auto it = by_name.find(desc_str(c, {"name"}));
        const json* st = it == by_name.end() ? nullptr : it->second;
        w.write(1, std::string(space.empty() ? "" : " ") + desc_str(c, {"name"}) + ":\n");
        if (st) w.write(2, "Container ID:\t" + desc_str(*st, {"containerID"}) + "\n");
        w.write(2, "Image:\t" + desc_str(c, {"image"}) + "\n");
        if (st) w.write(2, "Image ID:\t" + desc_str(*st, {"imageID"}) + "\n");
        const std::string ports = desc_ports(desc_at(c, {"ports"}), "containerPort");
        if (ports.find(',') != std::string::npos) w.write(2, "Ports:\t" + ports + "\n");
        else w.write(2, "Port:\t" + (ports.empty() ? std::string("<none>") : ports) + "\n");
        const std::string host_ports = desc_ports(desc_at(c, {"ports"}), "hostPort");
        if (host_ports.find(',') != std::string::npos) w.write(2, "Host Ports:\t" + host_ports + "\n");
        else w.write(2, "Host Port:\t" + (host_ports.empty() ? std::string("<none>") : host_ports) + "\n");
        const json& seccomp = desc_at(c, {"securityContext", "seccompProfile"});
        if (seccomp.is_object()) {
            w.write(2, "SeccompProfile:\t" + desc_str(seccomp, {"type"}) + "\n");
            if (desc_str(seccomp, {"type"}) == "Localhost")
                w.write(3, "LocalhostProfile:\t" + desc_str(seccomp, {"localhostProfile"}) + "\n");
        }
        for (const char* key : {"command", "args"}) {
            const json& list = desc_at(c, {key});
            if (!list.is_array() || list.empty()) continue;
            w.write(2, std::string(key[0] == 'c' ? "Command" : "Args") + ":\n");
            for (const auto& item : list)
                for (const auto& l : desc_split_lines(desc_value_text(item))) w.write(3, l + "\n");
        }
        if (st) {
            desc_state(w, "State", desc_at(*st, {"state"}));
            if (desc_at(*st, {"lastState", "terminated"}).is_object()) desc_state(w, "Last State", (*st)["lastState"]);
            w.write(2, std::string("Ready:\t") + (desc_bool(*st, {"ready"}) ? "True" : "False") + "\n");
            w.write(2, "Restart Count:\t" + desc_itoa(desc_int(*st, {"restartCount"})) + "\n");
        }
        desc_resources(w, desc_at(c, {"resources"}), 2);
        if (desc_at(c, {"livenessProbe"}).is_object()) w.write(2, "Liveness:\t" + desc_probe(c["livenessProbe"]) + "\n");
        if (desc_at(c, {"readinessProbe"}).is_object())
            w.write(2, "Readiness:\t" + desc_probe(c["readinessProbe"]) + "\n");
        if (desc_at(c, {"startupProbe"}).is_object()) w.write(2, "Startup:\t" + desc_probe(c["startupProbe"]) + "\n");
        if (desc_at(c, {"envFrom"}).is_array() && !c["envFrom"].empty()) desc_container_env_from(w, c);
        desc_container_env(w, c, pod);
        desc_container_mounts(w, c);
    }
}

inline void desc_volumes(desc_writer& w, const json& volumes, std::string_view space) {
    if (!volumes.is_array() || volumes.empty()) {
        w.write(0, std::string(space) + "Volumes:\t<none>\n");
        return;
    }
    w.write(0, std::string(space) + "Volumes:\n");
    const auto b = [](bool v) { return std::string(v ? "true" : "false"); };
    for (const auto& v : volumes) {
        w.write(1, std::string(space.empty() ? "" : " ") + desc_str(v, {"name"}) + ":\n");
        if (desc_at(v, {"hostPath"}).is_object()) {
            const std::string type = desc_at(v, {"hostPath", "type"}).is_string() ? desc_str(v, {"hostPath", "type"})
                                                                                 : std::string("<none>");
            w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + desc_str(v, {"hostPath", "path"}) +
                           "\n    HostPathType:\t" + type + "\n");
        } else if (desc_at(v, {"emptyDir"}).is_object()) {
            const auto limit = desc_quantity::parse(desc_at(v, {"emptyDir", "sizeLimit"}));
            w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" +
                           desc_str(v, {"emptyDir", "medium"}) + "\n    SizeLimit:\t" +
                           (limit.milli > 0 ? limit.str() : std::string("<unset>")) + "\n");
        } else if (desc_at(v, {"secret"}).is_object()) {
            w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" +
                           desc_str(v, {"secret", "secretName"}) + "\n    Optional:\t" +
                           b(desc_bool(v, {"secret", "optional"})) + "\n");
        } else if (desc_at(v, {"configMap"}).is_object()) {
            w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" +
                           desc_str(v, {"configMap", "name"}) + "\n    Optional:\t" +
                           b(desc_bool(v, {"configMap", "optional"})) + "\n");
        } else if (desc_at(v, {"persistentVolumeClaim"}).is_object()) {
            w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n"
                       "    ClaimName:\t" +
                           desc_str(v, {"persistentVolumeClaim", "claimName"}) + "\n    ReadOnly:\t" +
                           b(desc_bool(v, {"persistentVolumeClaim", "readOnly"})) + "\n");
        } else if (desc_at(v, {"projected"}).is_object()) {
            w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            const json& sources = desc_at(v, {"projected", "sources"});
            if (sources.is_array())
                for (const auto& s : sources) {
                    if (desc_at(s, {"secret"}).is_object())
                        w.write(2, "SecretName:\t" + desc_str(s, {"secret", "name"}) + "\n    Optional:\t" +
                                       b(desc_bool(s, {"secret", "optional"})) + "\n");
                    else if (desc_at(s, {"downwardAPI"}).is_object()) w.write(2, "DownwardAPI:\ttrue\n");
                    else if (desc_at(s, {"configMap"}).is_object())
                        w.write(2, "ConfigMapName:\t" + desc_str(s, {"configMap", "name"}) + "\n    Optional:\t" +
                                       b(desc_bool(s, {"configMap", "optional"})) + "\n");
                    else if (desc_at(s, {"serviceAccountToken"}).is_object())
                        w.write(2, "TokenExpirationSeconds:\t" +
                                       desc_itoa(desc_int(s, {"serviceAccountToken", "expirationSeconds"})) + "\n");
                }
        } else if (desc_at(v, {"downwardAPI"}).is_object()) {
            w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            const json& items = desc_at(v, {"downwardAPI", "items"});
            if (items.is_array())
                for (const auto& m : items) {
                    if (desc_at(m, {"fieldRef"}).is_object())
                        w.write(3, desc_str(m, {"fieldRef", "fieldPath"}) + " -> " + desc_str(m, {"path"}) + "\n");
                    if (desc_at(m, {"resourceFieldRef"}).is_object())
                        w.write(3, desc_str(m, {"resourceFieldRef", "resource"}) + " -> " + desc_str(m, {"path"}) + "\n");
                }
        } else {
            w.write(1, "<unknown>\n");
        }
    }
}

inline void desc_topology_spread(desc_writer& w, const json& tscs, std::string_view space) {
    if (!tscs.is_array() || tscs.empty()) return;
    std::vector<json> list(tscs.begin(), tscs.end());
    std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
        return desc_str(a, {"topologyKey"}) < desc_str(b, {"topologyKey"});
    });
    w.write(0, std::string(space) + "Topology Spread Constraints:\t");
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& t = list[i];
        if (i != 0) {
            w.write(0, space);
            w.write(0, "\t");
        }
        std::string s = desc_str(t, {"topologyKey"}) + ":" + desc_str(t, {"whenUnsatisfiable"}) +
                        " when max skew " + desc_itoa(desc_int(t, {"maxSkew"})) + " is exceeded";
        if (desc_at(t, {"labelSelector"}).is_object())
            s += " for selector " + desc_format_selector(t["labelSelector"]);
        w.write(0, s + "\n");
    }
}

// DescribePodTemplate.
inline void desc_pod_template(desc_writer& w, const json& tpl) {
    w.write(0, "Pod Template:\n");
    if (!tpl.is_object()) {
        w.write(1, "<unset>");
        return;
    }
    desc_labels(w, "  Labels", desc_at(tpl, {"metadata", "labels"}));
    const json& ann = desc_at(tpl, {"metadata", "annotations"});
    if (ann.is_object() && !ann.empty()) desc_annotations(w, "  Annotations", ann);
    const json& spec = desc_at(tpl, {"spec"});
    if (!desc_str(spec, {"serviceAccountName"}).empty())
        w.write(1, "Service Account:\t" + desc_str(spec, {"serviceAccountName"}) + "\n");
    if (desc_at(spec, {"initContainers"}).is_array() && !spec["initContainers"].empty())
        desc_containers(w, "Init Containers", spec["initContainers"], desc_null(), nullptr, "  ");
    desc_containers(w, "Containers", desc_at(spec, {"containers"}), desc_null(), nullptr, "  ");
    desc_volumes(w, desc_at(spec, {"volumes"}), "  ");
    desc_topology_spread(w, desc_at(spec, {"topologySpreadConstraints"}), "  ");
    if (!desc_str(spec, {"priorityClassName"}).empty())
        w.write(1, "Priority Class Name:\t" + desc_str(spec, {"priorityClassName"}) + "\n");
    desc_labels(w, "  Node-Selectors", desc_at(spec, {"nodeSelector"}));
    desc_tolerations(w, "Tolerations", desc_at(spec, {"tolerations"}), "  ");
}

// qos.GetPodQOS: the status' class, else computed from the containers.
inline std::string desc_pod_qos(const json& pod) {
    const std::string given = desc_str(pod, {"status", "qosClass"});
    if (!given.empty()) return given;
    std::map<std::string, std::int64_t> requests, limits;
    bool guaranteed = true;
    std::vector<const json*> all;
    for (const char* key : {"containers", "initContainers"}) {
        const json& list = desc_at(pod, {"spec", key});
        if (list.is_array())
            for (const auto& c : list) all.push_back(&c);
    }
    for (const json* c : all) {
        for (const char* name : {"cpu", "memory"}) {
            const auto r = desc_quantity::parse(desc_at(*c, {"resources", "requests", name}));
            if (r.milli > 0) requests[name] += r.milli;
        }
        std::set<std::string> found;
        for (const char* name : {"cpu", "memory"}) {
            const auto l = desc_quantity::parse(desc_at(*c, {"resources", "limits", name}));
            if (l.milli > 0) {
                found.insert(name);
                limits[name] += l.milli;
            }
        }
        if (found.size() != 2) guaranteed = false;
    }
    if (requests.empty() && limits.empty()) return "BestEffort";
    if (guaranteed)
        for (const auto& [name, v] : requests) {
            const auto it = limits.find(name);
            if (it == limits.end() || it->second != v) {
                guaranteed = false;
                break;
            }
        }
    return guaranteed && requests.size() == limits.size() ? "Guaranteed" : "Burstable";
}

inline std::string desc_controller_of(const json& obj) {
    const json& refs = desc_at(obj, {"metadata", "ownerReferences"});
    if (refs.is_array())
        for (const auto& r : refs)
            if (desc_bool(r, {"controller"})) return desc_str(r, {"kind"}) + "/" + desc_str(r, {"name"});
    return "";
}

inline std::string desc_pod(context& ctx, const json& pod, bool show_events) {
    std::optional<desc_event_list> events;
    if (show_events) {
        std::string uid = desc_str(pod, {"metadata", "uid"});
        const std::string mirror = desc_str(pod, {"metadata", "annotations", "kubernetes.io/config.mirror"});
        if (desc_at(pod, {"metadata", "annotations", "kubernetes.io/config.mirror"}).is_string()) uid = mirror;
        events = desc_search_events(ctx, true, "", desc_str(pod, {"metadata", "name"}),
                                    desc_str(pod, {"metadata", "namespace"}), uid);
    }
    desc_writer w;
    const json& spec = desc_at(pod, {"spec"});
    const json& status = desc_at(pod, {"status"});
    w.write(0, "Name:\t" + desc_str(pod, {"metadata", "name"}) + "\n");
    w.write(0, "Namespace:\t" + desc_str(pod, {"metadata", "namespace"}) + "\n");
    if (desc_at(spec, {"priority"}).is_number()) w.write(0, "Priority:\t" + desc_itoa(desc_int(spec, {"priority"})) + "\n");
    if (!desc_str(spec, {"priorityClassName"}).empty())
        w.write(0, "Priority Class Name:\t" + desc_str(spec, {"priorityClassName"}) + "\n");
    if (!desc_str(spec, {"runtimeClassName"}).empty())
        w.write(0, "Runtime Class Name:\t" + desc_str(spec, {"runtimeClassName"}) + "\n");
    if (!desc_str(spec, {"serviceAccountName"}).empty())
        w.write(0, "Service Account:\t" + desc_str(spec, {"serviceAccountName"}) + "\n");
    if (desc_str(spec, {"nodeName"}).empty()) w.write(0, "Node:\t<none>\n");
    else w.write(0, "Node:\t" + desc_str(spec, {"nodeName"}) + "/" + desc_str(status, {"hostIP"}) + "\n");
    if (desc_parse_time(desc_at(status, {"startTime"})))
        w.write(0, "Start Time:\t" + desc_rfc1123z(status["startTime"]) + "\n");
    desc_labels(w, "Labels", desc_at(pod, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(pod, {"metadata", "annotations"}));
    const std::string phase = desc_str(status, {"phase"});
    if (desc_parse_time(desc_at(pod, {"metadata", "deletionTimestamp"})) && phase != "Failed" && phase != "Succeeded") {
        w.write(0, "Status:\tTerminating (lasts " + desc_since(ctx, pod["metadata"]["deletionTimestamp"]) + ")\n");
        w.write(0, "Termination Grace Period:\t" + desc_itoa(desc_int(pod, {"metadata", "deletionGracePeriodSeconds"})) +
                       "s\n");
    } else {
        w.write(0, "Status:\t" + phase + "\n");
    }
    if (!desc_str(status, {"reason"}).empty()) w.write(0, "Reason:\t" + desc_str(status, {"reason"}) + "\n");
    if (!desc_str(status, {"message"}).empty()) w.write(0, "Message:\t" + desc_str(status, {"message"}) + "\n");
    const json& seccomp = desc_at(spec, {"securityContext", "seccompProfile"});
    if (seccomp.is_object()) {
        w.write(0, "SeccompProfile:\t" + desc_str(seccomp, {"type"}) + "\n");
        if (desc_str(seccomp, {"type"}) == "Localhost")
            w.write(0, "LocalhostProfile:\t" + desc_str(seccomp, {"localhostProfile"}) + "\n");
    }
    w.write(0, "IP:\t" + desc_str(status, {"podIP"}) + "\n");
    const json& ips = desc_at(status, {"podIPs"});
    if (!ips.is_array() || ips.empty()) {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for (const auto& ip : ips) w.write(1, "IP:\t" + desc_str(ip, {"ip"}) + "\n");
    }
    const std::string controller = desc_controller_of(pod);
    if (!controller.empty()) w.write(0, "Controlled By:\t" + controller + "\n");
    if (!desc_str(status, {"nominatedNodeName"}).empty())
        w.write(0, "NominatedNodeName:\t" + desc_str(status, {"nominatedNodeName"}) + "\n");
    if (desc_at(spec, {"resources"}).is_object()) {
        w.write(0, "Resources:\n");
        desc_resources(w, spec["resources"], 1);
    }
    if (desc_at(spec, {"initContainers"}).is_array() && !spec["initContainers"].empty())
        desc_containers(w, "Init Containers", spec["initContainers"], desc_at(status, {"initContainerStatuses"}), &pod,
                        "");
    desc_containers(w, "Containers", desc_at(spec, {"containers"}), desc_at(status, {"containerStatuses"}), &pod, "");
    if (desc_at(spec, {"ephemeralContainers"}).is_array() && !spec["ephemeralContainers"].empty())
        desc_containers(w, "Ephemeral Containers", spec["ephemeralContainers"],
                        desc_at(status, {"ephemeralContainerStatuses"}), &pod, "");
    const json& gates = desc_at(spec, {"readinessGates"});
    const json& conditions = desc_at(status, {"conditions"});
    if (gates.is_array() && !gates.empty()) {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for (const auto& g : gates) {
            std::string st = "<none>";
            if (conditions.is_array())
                for (const auto& c : conditions)
                    if (desc_str(c, {"type"}) == desc_str(g, {"conditionType"})) {
                        st = desc_str(c, {"status"});
                        break;
                    }
            w.write(1, desc_str(g, {"conditionType"}) + " \t" + st + " \n");
        }
    }
    if (conditions.is_array() && !conditions.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for (const auto& c : conditions) w.write(1, desc_str(c, {"type"}) + " \t" + desc_str(c, {"status"}) + " \n");
    }
    desc_volumes(w, desc_at(spec, {"volumes"}), "");
    w.write(0, "QoS Class:\t" + desc_pod_qos(pod) + "\n");
    desc_labels(w, "Node-Selectors", desc_at(spec, {"nodeSelector"}));
    desc_tolerations(w, "Tolerations", desc_at(spec, {"tolerations"}));
    desc_topology_spread(w, desc_at(spec, {"topologySpreadConstraints"}), "");
    desc_events(ctx, w, events);
    return w.finish();
}

}  // namespace

}  // namespace kubesim::kubectl::detail
