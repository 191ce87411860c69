// kubectl describe: the command (objects by name, by type, by label selector,
// by name prefix) and the describers of deployments, replica sets, services,
// nodes, namespaces, endpoint slices, config maps and secrets.
#pragma once

#include <kubesim/kubectl/commands/describe_pod.ipp>

#include <cstring>
#include <map>
#include <set>

namespace kubesim::kubectl::detail {

namespace {

inline std::string desc_list_path(const resource_info& info, const std::string& ns, const std::string& query) {
    return info.path(info.namespaced ? ns : std::string()) + query;
}

// GET a list; the items, or nullopt on an error answer.
inline std::optional<json> desc_list(context& ctx, const std::string& target) {
    const auto r = ctx.api->call("GET", target);
    if (r.status / 100 != 2) return std::nullopt;
    json list = r.parsed();
    return list.contains("items") && list["items"].is_array() ? list["items"] : json::array();
}

// Deployments' and replica sets' common header lines.
inline void desc_meta_head(desc_writer& w, const json& obj) {
    w.write(0, "Name:\t" + desc_str(obj, {"metadata", "name"}) + "\n");
    w.write(0, "Namespace:\t" + desc_str(obj, {"metadata", "namespace"}) + "\n");
}

inline std::string desc_replicaset(context& ctx, const json& rs, bool show_events) {
    const std::string ns = desc_str(rs, {"metadata", "namespace"}), uid = desc_str(rs, {"metadata", "uid"});
    const json& sel = desc_at(rs, {"spec", "selector"});
    // getPodStatusForController: the pods the selector matches that the RS controls.
    const auto pods = desc_list(ctx, "/api/v1/namespaces/" + ns + "/pods?labelSelector=" +
                                         query_escape(desc_selector_string(sel)) + "&limit=500");
    int running = 0, waiting = 0, succeeded = 0, failed = 0;
    if (pods)
        for (const auto& p : *pods) {
            bool owned = false;
            const json& refs = desc_at(p, {"metadata", "ownerReferences"});
            if (refs.is_array())
                for (const auto& r : refs)
                    if (desc_bool(r, {"controller"})) owned = desc_str(r, {"uid"}) == uid;
            if (!owned) continue;
            const std::string phase = desc_str(p, {"status", "phase"});
            if (phase == "Running") ++running;
            else if (phase == "Pending") ++waiting;
            else if (phase == "Succeeded") ++succeeded;
            else if (phase == "Failed") ++failed;
        }
    const auto events =
        desc_search_events(ctx, show_events, "ReplicaSet", desc_str(rs, {"metadata", "name"}), ns, uid);
    desc_writer w;
    desc_meta_head(w, rs);
    w.write(0, "Selector:\t" + desc_format_selector(sel) + "\n");
    desc_labels(w, "Labels", desc_at(rs, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(rs, {"metadata", "annotations"}));
    const std::string controller = desc_controller_of(rs);
    if (!controller.empty()) w.write(0, "Controlled By:\t" + controller + "\n");
    w.write(0, "Replicas:\t" + desc_itoa(desc_int(rs, {"status", "replicas"})) + " current / " +
                   desc_itoa(desc_int(rs, {"spec", "replicas"})) + " desired\n");
    w.write(0, "Pods Status:\t");
    w.write(0, desc_itoa(running) + " Running / " + desc_itoa(waiting) + " Waiting / " + desc_itoa(succeeded) +
                   " Succeeded / " + desc_itoa(failed) + " Failed\n");
    desc_pod_template(w, desc_at(rs, {"spec", "template"}));
    const json& conds = desc_at(rs, {"status", "conditions"});
    if (conds.is_array() && !conds.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for (const auto& c : conds)
            w.write(1, desc_str(c, {"type"}) + " \t" + desc_str(c, {"status"}) + "\t" + desc_str(c, {"reason"}) + "\n");
    }
    desc_events(ctx, w, events);
    return w.finish();
}

// equalIgnoreHash: the templates equal once pod-template-hash is dropped (and
// an emptied label map reads as none).
inline bool desc_same_template(json a, json b) {
    for (json* t : {&a, &b}) {
        if (!t->is_object()) continue;
        json& labels = (*t)["metadata"]["labels"];
        if (labels.is_object()) labels.erase("pod-template-hash");
        if (labels.is_null() || labels.empty()) (*t)["metadata"].erase("labels");
        if ((*t)["metadata"].contains("creationTimestamp") && (*t)["metadata"]["creationTimestamp"].is_null())
            (*t)["metadata"].erase("creationTimestamp");
    }
    return a == b;
}

inline std::string desc_deployment(context& ctx, const json& d, bool show_events) {
    const std::string ns = desc_str(d, {"metadata", "namespace"}), uid = desc_str(d, {"metadata", "uid"});
    const auto events = desc_search_events(ctx, show_events, "Deployment", desc_str(d, {"metadata", "name"}), ns, uid);
    const json& sel = desc_at(d, {"spec", "selector"});
    // GetAllReplicaSetsInChunks: the RSes it controls; the new one has its template.
    std::vector<json> owned;
    bool have_rs = false;
    if (const auto list = desc_list(ctx, "/apis/apps/v1/namespaces/" + ns + "/replicasets?labelSelector=" +
                                             query_escape(desc_selector_string(sel)) + "&limit=500")) {
        have_rs = true;
        for (const auto& rs : *list) {
            const json& refs = desc_at(rs, {"metadata", "ownerReferences"});
            if (refs.is_array())
                for (const auto& r : refs)
                    if (desc_bool(r, {"controller"}) && desc_str(r, {"uid"}) == uid) owned.push_back(rs);
        }
    }
    std::stable_sort(owned.begin(), owned.end(), [](const json& a, const json& b) {
        const auto ta = desc_parse_time(desc_at(a, {"metadata", "creationTimestamp"})).value_or(0);
        const auto tb = desc_parse_time(desc_at(b, {"metadata", "creationTimestamp"})).value_or(0);
        if (ta != tb) return ta < tb;
        return desc_str(a, {"metadata", "name"}) < desc_str(b, {"metadata", "name"});
    });
    const json* new_rs = nullptr;
    for (const auto& rs : owned)
        if (desc_same_template(desc_at(rs, {"spec", "template"}), desc_at(d, {"spec", "template"}))) {
            new_rs = &rs;
            break;
        }
    std::vector<const json*> old_rs;
    for (const auto& rs : owned)
        if (&rs != new_rs) old_rs.push_back(&rs);
    const auto rs_text = [](const std::vector<const json*>& list) {
        std::vector<std::string> parts;
        for (const json* rs : list)
            parts.push_back(desc_str(*rs, {"metadata", "name"}) + " (" + desc_itoa(desc_int(*rs, {"status", "replicas"})) +
                            "/" + desc_itoa(desc_int(*rs, {"spec", "replicas"})) + " replicas created)");
        return parts.empty() ? std::string("<none>") : desc_join(parts, ", ");
    };

    desc_writer w;
    desc_meta_head(w, d);
    w.write(0, "CreationTimestamp:\t" + desc_rfc1123z(desc_at(d, {"metadata", "creationTimestamp"})) + "\n");
    desc_labels(w, "Labels", desc_at(d, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(d, {"metadata", "annotations"}));
    w.write(0, "Selector:\t" + desc_selector_string(sel) + "\n");
    w.write(0, "Replicas:\t" + desc_itoa(desc_int(d, {"spec", "replicas"})) + " desired | " +
                   desc_itoa(desc_int(d, {"status", "updatedReplicas"})) + " updated | " +
                   desc_itoa(desc_int(d, {"status", "replicas"})) + " total | " +
                   desc_itoa(desc_int(d, {"status", "availableReplicas"})) + " available | " +
                   desc_itoa(desc_int(d, {"status", "unavailableReplicas"})) + " unavailable\n");
    w.write(0, "StrategyType:\t" + desc_str(d, {"spec", "strategy", "type"}) + "\n");
    w.write(0, "MinReadySeconds:\t" + desc_itoa(desc_int(d, {"spec", "minReadySeconds"})) + "\n");
    const json& ru = desc_at(d, {"spec", "strategy", "rollingUpdate"});
    if (ru.is_object())
        w.write(0, "RollingUpdateStrategy:\t" + desc_intstr(desc_at(ru, {"maxUnavailable"})) + " max unavailable, " +
                       desc_intstr(desc_at(ru, {"maxSurge"})) + " max surge\n");
    desc_pod_template(w, desc_at(d, {"spec", "template"}));
    const json& conds = desc_at(d, {"status", "conditions"});
    if (conds.is_array() && !conds.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for (const auto& c : conds)
            w.write(1, desc_str(c, {"type"}) + " \t" + desc_str(c, {"status"}) + "\t" + desc_str(c, {"reason"}) + "\n");
    }
    if (have_rs && (!old_rs.empty() || new_rs)) {
        w.write(0, "OldReplicaSets:\t" + rs_text(old_rs) + "\n");
        w.write(0, "NewReplicaSet:\t" + rs_text(new_rs ? std::vector<const json*>{new_rs} : std::vector<const json*>{}) +
                       "\n");
    }
    desc_events(ctx, w, events);
    return w.finish();
}

// formatEndpointSlices for one service port name.
inline std::string desc_endpoints_text(const json& slices, const std::string& port_name) {
    if (!slices.is_array() || slices.empty()) return "<none>";
    std::vector<std::string> list;
    constexpr std::size_t max = 3;
    bool more = false;
    std::size_t count = 0;
    const auto ready = [](const json& ep) {
        const json& r = desc_at(ep, {"conditions", "ready"});
        return !r.is_boolean() || r.get<bool>();
    };
    for (const auto& s : slices) {
        const json& eps = desc_at(s, {"endpoints"});
        const json& ports = desc_at(s, {"ports"});
        if (!ports.is_array() || ports.empty()) {
            if (!eps.is_array()) continue;
            for (const auto& ep : eps) {
                if (list.size() == max) more = true;
                if (!ready(ep)) continue;
                if (!more) list.push_back(desc_value_text(desc_at(ep, {"addresses"})[0]));
                ++count;
            }
            continue;
        }
        for (const auto& p : ports) {
            if (desc_str(p, {"name"}) != port_name || !eps.is_array()) continue;
            for (const auto& ep : eps) {
                if (list.size() == max) more = true;
                if (!ready(ep)) continue;
                if (!more) {
                    const std::string addr = desc_value_text(desc_at(ep, {"addresses"})[0]);
                    const std::string host = addr.find(':') != std::string::npos ? "[" + addr + "]" : addr;
                    list.push_back(host + ":" + desc_itoa(desc_int(p, {"port"})));
                }
                ++count;
            }
        }
    }
    std::string out = desc_join(list, ",");
    if (more) out += " + " + desc_itoa(static_cast<std::int64_t>(count - max)) + " more...";
    return out;
}

inline std::string desc_service(context& ctx, const json& svc, bool show_events) {
    const std::string ns = desc_str(svc, {"metadata", "namespace"}), name = desc_str(svc, {"metadata", "name"});
    const auto slices = desc_list(ctx, "/apis/discovery.k8s.io/v1/namespaces/" + ns + "/endpointslices?labelSelector=" +
                                           query_escape("kubernetes.io/service-name=" + name));
    const auto events = desc_search_events(ctx, show_events, "Service", name, ns, desc_str(svc, {"metadata", "uid"}));
    const json& spec = desc_at(svc, {"spec"});
    desc_writer w;
    desc_meta_head(w, svc);
    desc_labels(w, "Labels", desc_at(svc, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(svc, {"metadata", "annotations"}));
    w.write(0, "Selector:\t" + desc_format_labels(desc_at(spec, {"selector"})) + "\n");
    w.write(0, "Type:\t" + desc_str(spec, {"type"}) + "\n");
    if (desc_at(spec, {"ipFamilyPolicy"}).is_string())
        w.write(0, "IP Family Policy:\t" + desc_str(spec, {"ipFamilyPolicy"}) + "\n");
    const auto joined = [&](const char* key, const char* sep) {
        std::vector<std::string> v;
        if (desc_at(spec, {key}).is_array())
            for (const auto& x : spec[key]) v.push_back(desc_value_text(x));
        return desc_join(v, sep);
    };
    const std::string families = joined("ipFamilies", ",");
    w.write(0, "IP Families:\t" + (families.empty() ? std::string("<none>") : families) + "\n");
    w.write(0, "IP:\t" + desc_str(spec, {"clusterIP"}) + "\n");
    const std::string ips = joined("clusterIPs", ",");
    w.write(0, "IPs:\t" + (ips.empty() ? std::string("<none>") : ips) + "\n");
    const std::string external = joined("externalIPs", ",");
    if (!external.empty()) w.write(0, "External IPs:\t" + external + "\n");
    if (!desc_str(spec, {"loadBalancerIP"}).empty())
        w.write(0, "Desired LoadBalancer IP:\t" + desc_str(spec, {"loadBalancerIP"}) + "\n");
    if (!desc_str(spec, {"externalName"}).empty())
        w.write(0, "External Name:\t" + desc_str(spec, {"externalName"}) + "\n");
    const json& ingress = desc_at(svc, {"status", "loadBalancer", "ingress"});
    if (ingress.is_array() && !ingress.empty()) {
        std::vector<std::string> parts;
        for (const auto& i : ingress) {
            if (!desc_str(i, {"ip"}).empty()) {
                std::string s = desc_str(i, {"ip"});
                if (desc_at(i, {"ipMode"}).is_string()) s += " (" + desc_str(i, {"ipMode"}) + ")";
                parts.push_back(s);
            } else {
                parts.push_back(desc_str(i, {"hostname"}));
            }
        }
        w.write(0, "LoadBalancer Ingress:\t" + desc_join(parts, ", ") + "\n");
    }
    const json& ports = desc_at(spec, {"ports"});
    if (ports.is_array())
        for (const auto& p : ports) {
            const std::string pname = desc_str(p, {"name"});
            const std::string shown = pname.empty() ? "<unset>" : pname;
            const std::string proto = desc_str(p, {"protocol"});
            w.write(0, "Port:\t" + shown + "\t" + desc_itoa(desc_int(p, {"port"})) + "/" + proto + "\n");
            const json& tp = desc_at(p, {"targetPort"});
            w.write(0, "TargetPort:\t" + (tp.is_number() ? desc_itoa(tp.get<std::int64_t>()) : desc_value_text(tp)) +
                           "/" + proto + "\n");
            if (desc_at(p, {"appProtocol"}).is_string())
                w.write(0, "AppProtocol:\t" + desc_str(p, {"appProtocol"}) + "\n");
            if (desc_int(p, {"nodePort"}) != 0)
                w.write(0, "NodePort:\t" + shown + "\t" + desc_itoa(desc_int(p, {"nodePort"})) + "/" + proto + "\n");
            w.write(0, "Endpoints:\t" + desc_endpoints_text(slices.value_or(json::array()), pname) + "\n");
        }
    w.write(0, "Session Affinity:\t" + desc_str(spec, {"sessionAffinity"}) + "\n");
    if (!desc_str(spec, {"externalTrafficPolicy"}).empty())
        w.write(0, "External Traffic Policy:\t" + desc_str(spec, {"externalTrafficPolicy"}) + "\n");
    if (desc_at(spec, {"internalTrafficPolicy"}).is_string())
        w.write(0, "Internal Traffic Policy:\t" + desc_str(spec, {"internalTrafficPolicy"}) + "\n");
    if (desc_int(spec, {"healthCheckNodePort"}) != 0)
        w.write(0, "HealthCheck NodePort:\t" + desc_itoa(desc_int(spec, {"healthCheckNodePort"})) + "\n");
    const std::string ranges = joined("loadBalancerSourceRanges", ",");
    if (!ranges.empty()) w.write(0, "LoadBalancer Source Ranges:\t" + ranges + "\n");
    if (desc_at(spec, {"trafficDistribution"}).is_string())
        w.write(0, "Traffic Distribution:\t" + desc_str(spec, {"trafficDistribution"}) + "\n");
    desc_events(ctx, w, events);
    return w.finish();
}

inline std::string desc_endpointslice(context& ctx, const json& eps, bool show_events) {
    const auto events =
        desc_search_events(ctx, show_events, "EndpointSlice", desc_str(eps, {"metadata", "name"}),
                           desc_str(eps, {"metadata", "namespace"}), desc_str(eps, {"metadata", "uid"}));
    desc_writer w;
    desc_meta_head(w, eps);
    desc_labels(w, "Labels", desc_at(eps, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(eps, {"metadata", "annotations"}));
    w.write(0, "AddressType:\t" + desc_str(eps, {"addressType"}) + "\n");
    const json& ports = desc_at(eps, {"ports"});
    if (!ports.is_array() || ports.empty()) {
        w.write(0, "Ports: <unset>\n");
    } else {
        w.write(0, "Ports:\n");
        w.write(1, "Name\tPort\tProtocol\n");
        w.write(1, "----\t----\t--------\n");
        for (const auto& p : ports) {
            const std::string name = desc_str(p, {"name"});
            const std::string port = desc_at(p, {"port"}).is_number() ? desc_itoa(desc_int(p, {"port"})) : "<unset>";
            w.write(1, (name.empty() ? std::string("<unset>") : name) + "\t" + port + "\t" + desc_str(p, {"protocol"}) +
                           "\n");
        }
    }
    const json& endpoints = desc_at(eps, {"endpoints"});
    if (!endpoints.is_array() || endpoints.empty()) {
        w.write(0, "Endpoints: <none>\n");
    } else {
        w.write(0, "Endpoints:\n");
        for (const auto& ep : endpoints) {
            std::vector<std::string> addrs;
            if (desc_at(ep, {"addresses"}).is_array())
                for (const auto& a : ep["addresses"]) addrs.push_back(desc_value_text(a));
            const std::string a = desc_join(addrs, ", ");
            w.write(1, "- Addresses:\t" + (a.empty() ? std::string("<none>") : a) + "\n");
            w.write(2, "Conditions:\n");
            const json& ready = desc_at(ep, {"conditions", "ready"});
            w.write(3, std::string("Ready:\t") + (ready.is_boolean() ? (ready.get<bool>() ? "true" : "false") : "<unset>") +
                           "\n");
            const json& host = desc_at(ep, {"hostname"});
            w.write(2, "Hostname:\t" + (host.is_string() ? host.get<std::string>() : std::string("<unset>")) + "\n");
            if (desc_at(ep, {"targetRef"}).is_object())
                w.write(2, "TargetRef:\t" + desc_str(ep, {"targetRef", "kind"}) + "/" + desc_str(ep, {"targetRef", "name"}) +
                               "\n");
            const json& node = desc_at(ep, {"nodeName"});
            w.write(2, "NodeName:\t" + (node.is_string() ? node.get<std::string>() : std::string("<unset>")) + "\n");
            const json& zone = desc_at(ep, {"zone"});
            w.write(2, "Zone:\t" + (zone.is_string() ? zone.get<std::string>() : std::string("<unset>")) + "\n");
        }
    }
    desc_events(ctx, w, events);
    return w.finish();
}

inline std::string desc_configmap(context& ctx, const json& cm, bool show_events) {
    desc_writer w;
    desc_meta_head(w, cm);
    desc_labels(w, "Labels", desc_at(cm, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(cm, {"metadata", "annotations"}));
    w.write(0, "\nData\n====\n");
    for (const auto& k : desc_sorted_keys(desc_at(cm, {"data"}))) {
        w.write(0, k + ":\n----\n");
        w.write(0, desc_value_text(cm["data"][k]) + "\n");
        w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    for (const auto& k : desc_sorted_keys(desc_at(cm, {"binaryData"}))) {
        const std::string b64 = desc_value_text(cm["binaryData"][k]);
        std::size_t n = b64.size() / 4 * 3;
        if (!b64.empty() && b64.back() == '=') --n;
        if (b64.size() > 1 && b64[b64.size() - 2] == '=') --n;
        w.write(0, k + ": " + desc_itoa(static_cast<std::int64_t>(n)) + " bytes\n");
    }
    w.write(0, "\n");
    desc_events(ctx, w,
                desc_search_events(ctx, show_events, "ConfigMap", desc_str(cm, {"metadata", "name"}),
                                   desc_str(cm, {"metadata", "namespace"}), desc_str(cm, {"metadata", "uid"})));
    return w.finish();
}

inline std::string desc_secret(const json& s) {
    desc_writer w;
    desc_meta_head(w, s);
    desc_labels(w, "Labels", desc_at(s, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(s, {"metadata", "annotations"}));
    const std::string type = desc_str(s, {"type"});
    w.write(0, "\nType:\t" + type + "\n");
    w.write(0, "\nData\n====\n");
    for (const auto& k : desc_sorted_keys(desc_at(s, {"data"}))) {
        const std::string b64 = desc_value_text(s["data"][k]);
        std::size_t n = b64.size() / 4 * 3;
        if (!b64.empty() && b64.back() == '=') --n;
        if (b64.size() > 1 && b64[b64.size() - 2] == '=') --n;
        if (k == "token" && type == "kubernetes.io/service-account-token") {
            // The token itself, decoded.
            std::string out;
            int val = 0, bits = -8;
            for (unsigned char c : b64) {
                const char* tbl = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
                const char* p = std::strchr(tbl, c);
                if (!p || c == 0) break;
                val = (val << 6) + static_cast<int>(p - tbl);
                bits += 6;
                if (bits >= 0) {
                    out += static_cast<char>((val >> bits) & 0xFF);
                    bits -= 8;
                }
            }
            w.write(0, k + ":\t" + out + "\n");
        } else {
            w.write(0, k + ":\t" + desc_itoa(static_cast<std::int64_t>(n)) + " bytes\n");
        }
    }
    return w.finish();
}

inline std::string desc_namespace(context& ctx, const json& ns) {
    const std::string name = desc_str(ns, {"metadata", "name"});
    // A 404 (the server has no quotas or limit ranges) leaves the section out.
    const auto quotas = ctx.api->call("GET", "/api/v1/namespaces/" + name + "/resourcequotas?limit=500");
    const auto limits = ctx.api->call("GET", "/api/v1/namespaces/" + name + "/limitranges?limit=500");
    for (const auto* r : {&quotas, &limits})
        if (r->status / 100 != 2 && r->status != 404) throw status_error(r->parsed());
    desc_writer w;
    w.write(0, "Name:\t" + name + "\n");
    desc_labels(w, "Labels", desc_at(ns, {"metadata", "labels"}));
    desc_annotations(w, "Annotations", desc_at(ns, {"metadata", "annotations"}));
    w.write(0, "Status:\t" + desc_str(ns, {"status", "phase"}) + "\n");
    const json& conds = desc_at(ns, {"status", "conditions"});
    if (conds.is_array() && !conds.empty()) {
        w.write(0, "Conditions:\n");
        w.write(1, "Type\tStatus\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t------------------\t------\t-------\n");
        for (const auto& c : conds)
            w.write(1, desc_str(c, {"type"}) + "\t" + desc_str(c, {"status"}) + "\t" +
                           desc_rfc1123z(desc_at(c, {"lastTransitionTime"})) + "\t" + desc_str(c, {"reason"}) + "\t" +
                           desc_str(c, {"message"}) + "\n");
    }
    if (quotas.status / 100 == 2) {
        w.write(0, "\n");
        const json items = quotas.parsed().value("items", json::array());
        if (items.empty()) {
            w.write(0, "No resource quota.\n");
        } else {
            std::vector<json> list(items.begin(), items.end());
            std::stable_sort(list.begin(), list.end(), [](const json& a, const json& b) {
                return desc_str(a, {"metadata", "name"}) < desc_str(b, {"metadata", "name"});
            });
            w.write(0, "Resource Quotas\n");
            for (const auto& q : list) {
                w.write(1, "Name:\t" + desc_str(q, {"metadata", "name"}) + "\n");
                w.write(1, "Resource\tUsed\tHard\n");
                w.write(1, "--------\t---\t---\n");
                for (const auto& [res, hard] : desc_resource_list(desc_at(q, {"status", "hard"})))
                    w.write(1, res + "\t" + desc_quantity::parse(desc_at(q, {"status", "used", res})).str() + "\t" +
                                   hard.str() + "\n");
            }
        }
    }
    if (limits.status / 100 == 2) {
        w.write(0, "\n");
        const json items = limits.parsed().value("items", json::array());
        if (items.empty()) {
            w.write(0, "No LimitRange resource.\n");
        } else {
            w.write(0, "Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request "
                       "Ratio\n");
            w.write(0, " ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n");
            for (const auto& lr : items) {
                const json& lims = desc_at(lr, {"spec", "limits"});
                if (!lims.is_array()) continue;
                for (const auto& item : lims) {
                    std::set<std::string> names;
                    for (const char* k : {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"})
                        for (const auto& n : desc_sorted_keys(desc_at(item, {k}))) names.insert(n);
                    const auto v = [&](const char* k, const std::string& n) {
                        const json& q = desc_at(item, {k, n});
                        return q.is_null() ? std::string("-") : desc_quantity::parse(q).str();
                    };
                    for (const auto& n : names)
                        w.write(0, " " + desc_str(item, {"type"}) + "\t" + n + "\t" + v("min", n) + "\t" + v("max", n) +
                                       "\t" + v("defaultRequest", n) + "\t" + v("default", n) + "\t" +
                                       v("maxLimitRequestRatio", n) + "\n");
                }
            }
        }
    }
    return w.finish();
}

// The requests (or limits) of a pod: the containers' sum, at least each init
// container's (resourcehelper.PodRequests / PodLimits, without overhead).
inline std::map<std::string, desc_quantity> desc_pod_totals(const json& pod, const char* which) {
    std::map<std::string, desc_quantity> sum;
    const json& cs = desc_at(pod, {"spec", "containers"});
    if (cs.is_array())
        for (const auto& c : cs)
            for (const auto& [name, q] : desc_resource_list(desc_at(c, {"resources", which}))) {
                auto it = sum.find(name);
                if (it == sum.end()) sum[name] = q;
                else it->second.milli += q.milli;
            }
    const json& inits = desc_at(pod, {"spec", "initContainers"});
    if (inits.is_array())
        for (const auto& c : inits)
            for (const auto& [name, q] : desc_resource_list(desc_at(c, {"resources", which}))) {
                auto it = sum.find(name);
                if (it == sum.end()) sum[name] = q;
                else if (q.milli > it->second.milli) it->second = q;
            }
    const json& overhead = desc_at(pod, {"spec", "overhead"});
    for (const auto& [name, q] : desc_resource_list(overhead)) {
        auto it = sum.find(name);
        if (it != sum.end()) it->second.milli += q.milli;
        else if (std::string(which) == "requests") sum[name] = q;
    }
    return sum;
}

inline std::string desc_node(context& ctx, const json& node, bool show_events) {
    const std::string name = desc_str(node, {"metadata", "name"});
    const auto pods = ctx.api->call(
        "GET", "/api/v1/pods?fieldSelector=" +
                   query_escape("spec.nodeName=" + name + ",status.phase!=Succeeded,status.phase!=Failed") + "&limit=500");
    bool can_view_pods = true;
    json pod_list = json::array();
    if (pods.status / 100 != 2) {
        if (pods.status != 403) throw status_error(pods.parsed());
        can_view_pods = false;
    } else {
        pod_list = pods.parsed().value("items", json::array());
    }
    std::optional<desc_event_list> events;
    if (show_events) {
        events = desc_search_events(ctx, true, "Node", name, "", desc_str(node, {"metadata", "uid"}));
        const auto by_name = desc_search_events(ctx, true, "Node", name, "", name);
        events->insert(events->end(), by_name->begin(), by_name->end());
    }
    const auto lease = ctx.api->call("GET", "/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/" + name);

    desc_writer w;
    w.write(0, "Name:\t" + name + "\n");
    std::set<std::string> roles;
    const json& labels = desc_at(node, {"metadata", "labels"});
    for (const auto& k : desc_sorted_keys(labels)) {
        constexpr std::string_view prefix = "node-role.kubernetes.io/";
        if (k.rfind(prefix, 0) == 0) {
            if (k.size() > prefix.size()) roles.insert(k.substr(prefix.size()));
        } else if (k == "kubernetes.io/role" && !desc_value_text(labels[k]).empty()) {
            roles.insert(desc_value_text(labels[k]));
        }
    }
    w.write(0, "Roles:\t" + (roles.empty() ? std::string("<none>") : desc_join(std::vector<std::string>(roles.begin(), roles.end()), ",")) + "\n");
    desc_labels(w, "Labels", labels);
    desc_annotations(w, "Annotations", desc_at(node, {"metadata", "annotations"}));
    w.write(0, "CreationTimestamp:\t" + desc_rfc1123z(desc_at(node, {"metadata", "creationTimestamp"})) + "\n");
    desc_taints(w, "Taints", desc_at(node, {"spec", "taints"}));
    w.write(0, std::string("Unschedulable:\t") + (desc_bool(node, {"spec", "unschedulable"}) ? "true" : "false") + "\n");
    if (lease.status / 100 == 2) {
        const json l = lease.parsed();
        w.write(0, "Lease:\n");
        const json& holder = desc_at(l, {"spec", "holderIdentity"});
        w.write(1, "HolderIdentity:\t" + (holder.is_string() ? holder.get<std::string>() : std::string("<unset>")) + "\n");
        const json& acquire = desc_at(l, {"spec", "acquireTime"});
        w.write(1, "AcquireTime:\t" + (acquire.is_string() ? desc_rfc1123z(acquire) : std::string("<unset>")) + "\n");
        const json& renew = desc_at(l, {"spec", "renewTime"});
        w.write(1, "RenewTime:\t" + (renew.is_string() ? desc_rfc1123z(renew) : std::string("<unset>")) + "\n");
    } else {
        w.write(0, "Lease:\tFailed to get lease: " + desc_str(lease.parsed(), {"message"}) + "\n");
    }
    const json& conds = desc_at(node, {"status", "conditions"});
    if (conds.is_array() && !conds.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for (const auto& c : conds)
            w.write(1, desc_str(c, {"type"}) + " \t" + desc_str(c, {"status"}) + " \t" +
                           desc_rfc1123z(desc_at(c, {"lastHeartbeatTime"})) + " \t" +
                           desc_rfc1123z(desc_at(c, {"lastTransitionTime"})) + " \t" + desc_str(c, {"reason"}) + " \t" +
                           desc_str(c, {"message"}) + "\n");
    }
    w.write(0, "Addresses:\n");
    const json& addrs = desc_at(node, {"status", "addresses"});
    if (addrs.is_array())
        for (const auto& a : addrs) w.write(1, desc_str(a, {"type"}) + ":\t" + desc_str(a, {"address"}) + "\n");
    const json& capacity = desc_at(node, {"status", "capacity"});
    const json& allocatable_json = desc_at(node, {"status", "allocatable"});
    if (capacity.is_object() && !capacity.empty()) {
        w.write(0, "Capacity:\n");
        for (const auto& [res, q] : desc_resource_list(capacity)) w.write(0, "  " + res + ":\t" + q.str() + "\n");
    }
    if (allocatable_json.is_object() && !allocatable_json.empty()) {
        w.write(0, "Allocatable:\n");
        for (const auto& [res, q] : desc_resource_list(allocatable_json))
            w.write(0, "  " + res + ":\t" + q.str() + "\n");
    }
    const json& info = desc_at(node, {"status", "nodeInfo"});
    w.write(0, "System Info:\n");
    w.write(0, "  Machine ID:\t" + desc_str(info, {"machineID"}) + "\n");
    w.write(0, "  System UUID:\t" + desc_str(info, {"systemUUID"}) + "\n");
    w.write(0, "  Boot ID:\t" + desc_str(info, {"bootID"}) + "\n");
    w.write(0, "  Kernel Version:\t" + desc_str(info, {"kernelVersion"}) + "\n");
    w.write(0, "  OS Image:\t" + desc_str(info, {"osImage"}) + "\n");
    w.write(0, "  Operating System:\t" + desc_str(info, {"operatingSystem"}) + "\n");
    w.write(0, "  Architecture:\t" + desc_str(info, {"architecture"}) + "\n");
    w.write(0, "  Container Runtime Version:\t" + desc_str(info, {"containerRuntimeVersion"}) + "\n");
    w.write(0, "  Kubelet Version:\t" + desc_str(info, {"kubeletVersion"}) + "\n");
    w.write(0, "  Kube-Proxy Version:\t" + desc_str(info, {"kubeProxyVersion"}) + "\n");
    const json& spec = desc_at(node, {"spec"});
    if (!desc_str(spec, {"podCIDR"}).empty()) w.write(0, "PodCIDR:\t" + desc_str(spec, {"podCIDR"}) + "\n");
    if (desc_at(spec, {"podCIDRs"}).is_array() && !spec["podCIDRs"].empty()) {
        std::vector<std::string> cidrs;
        for (const auto& c : spec["podCIDRs"]) cidrs.push_back(desc_value_text(c));
        w.write(0, "PodCIDRs:\t" + desc_join(cidrs, ",") + "\n");
    }
    if (!desc_str(spec, {"providerID"}).empty()) w.write(0, "ProviderID:\t" + desc_str(spec, {"providerID"}) + "\n");
    if (can_view_pods) {
        // describeNodeResource.
        const json& alloc = allocatable_json.is_object() && !allocatable_json.empty() ? allocatable_json : capacity;
        const auto alloc_cpu = desc_quantity::parse(desc_at(alloc, {"cpu"})).milli;
        const auto alloc_mem = desc_quantity::parse(desc_at(alloc, {"memory"})).value();
        const auto alloc_eph = desc_quantity::parse(desc_at(alloc, {"ephemeral-storage"})).value();
        const auto pct = [](std::int64_t part, std::int64_t whole) {
            return desc_itoa(static_cast<std::int64_t>(static_cast<double>(part) / static_cast<double>(whole) * 100));
        };
        w.write(0, "Non-terminated Pods:\t(" + desc_itoa(static_cast<std::int64_t>(pod_list.size())) + " in total)\n");
        w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
        w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
        std::map<std::string, desc_quantity> total_req, total_lim;
        for (const auto& p : pod_list) {
            auto req = desc_pod_totals(p, "requests");
            auto lim = desc_pod_totals(p, "limits");
            const desc_quantity cr = req["cpu"], cl = lim["cpu"], mr = req["memory"], ml = lim["memory"];
            w.write(1, desc_str(p, {"metadata", "namespace"}) + "\t" + desc_str(p, {"metadata", "name"}) + "\t\t" +
                           cr.str() + " (" + pct(cr.milli, alloc_cpu) + "%)\t" + cl.str() + " (" +
                           pct(cl.milli, alloc_cpu) + "%)\t" + mr.str() + " (" + pct(mr.value(), alloc_mem) + "%)\t" +
                           ml.str() + " (" + pct(ml.value(), alloc_mem) + "%)\t" +
                           desc_since(ctx, desc_at(p, {"metadata", "creationTimestamp"})) + "\n");
            for (const auto& [n, q] : desc_pod_totals(p, "requests")) {
                auto it = total_req.find(n);
                if (it == total_req.end()) total_req[n] = q;
                else it->second.milli += q.milli;
            }
            for (const auto& [n, q] : desc_pod_totals(p, "limits")) {
                auto it = total_lim.find(n);
                if (it == total_lim.end()) total_lim[n] = q;
                else it->second.milli += q.milli;
            }
        }
        w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
        w.write(1, "Resource\tRequests\tLimits\n");
        w.write(1, "--------\t--------\t------\n");
        const auto frac = [](std::int64_t part, std::int64_t whole) {
            return whole == 0 ? std::string("0")
                              : desc_itoa(static_cast<std::int64_t>(static_cast<double>(part) /
                                                                    static_cast<double>(whole) * 100));
        };
        const desc_quantity cr = total_req["cpu"], cl = total_lim["cpu"], mr = total_req["memory"],
                            ml = total_lim["memory"], er = total_req["ephemeral-storage"],
                            el = total_lim["ephemeral-storage"];
        w.write(1, "cpu\t" + cr.str() + " (" + frac(cr.milli, alloc_cpu) + "%)\t" + cl.str() + " (" +
                       frac(cl.milli, alloc_cpu) + "%)\n");
        w.write(1, "memory\t" + mr.str() + " (" + frac(mr.value(), alloc_mem) + "%)\t" + ml.str() + " (" +
                       frac(ml.value(), alloc_mem) + "%)\n");
        w.write(1, "ephemeral-storage\t" + er.str() + " (" + frac(er.value(), alloc_eph) + "%)\t" + el.str() + " (" +
                       frac(el.value(), alloc_eph) + "%)\n");
        std::vector<std::string> huge, ext;
        static const std::set<std::string> standard = {"cpu", "memory", "ephemeral-storage", "storage", "pods"};
        for (const auto& k : desc_sorted_keys(alloc)) {
            if (k.rfind("hugepages-", 0) == 0) huge.push_back(k);
            else if (!standard.count(k) && k.rfind("requests.", 0) != 0 && k.rfind("limits.", 0) != 0) ext.push_back(k);
        }
        for (const auto& k : huge) {
            const auto a = desc_quantity::parse(alloc[k]).value();
            w.write(1, k + "\t" + total_req[k].str() + " (" + frac(total_req[k].value(), a) + "%)\t" + total_lim[k].str() +
                           " (" + frac(total_lim[k].value(), a) + "%)\n");
        }
        for (const auto& k : ext) w.write(1, k + "\t" + total_req[k].str() + "\t" + total_lim[k].str() + "\n");
    } else {
        w.write(0, "Pods:\tnot authorized\n");
    }
    desc_events(ctx, w, events);
    return w.finish();
}

// The describer of one object, by its resource.
inline std::string desc_object(context& ctx, const resource_info& info, const json& obj, bool show_events) {
    if (info.group.empty()) {
        if (info.resource == "pods") return desc_pod(ctx, obj, show_events);
        if (info.resource == "services") return desc_service(ctx, obj, show_events);
        if (info.resource == "nodes") return desc_node(ctx, obj, show_events);
        if (info.resource == "namespaces") return desc_namespace(ctx, obj);
        if (info.resource == "configmaps") return desc_configmap(ctx, obj, show_events);
        if (info.resource == "secrets") return desc_secret(obj);
    } else if (info.group == "apps") {
        if (info.resource == "deployments") return desc_deployment(ctx, obj, show_events);
        if (info.resource == "replicasets") return desc_replicaset(ctx, obj, show_events);
    } else if (info.group == "discovery.k8s.io" && info.resource == "endpointslices") {
        return desc_endpointslice(ctx, obj, show_events);
    }
    throw exit_error("error: kubesim: describe does not support " + info.qualified() + " yet\n");
}

}  // namespace

int cmd_describe(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.strings("filename", 'f');
    f.boolean("recursive", 'R');
    f.string("kustomize", 'k');
    f.string("selector", 'l');
    f.boolean("all-namespaces", 'A');
    f.boolean("show-events", 0, true);
    f.integer("chunk-size", 0, 500);
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (args.empty())
        throw exit_error("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a "
                         "complete list of supported resources.\n");
    const bool all_ns = f.on("all-namespaces");
    const bool show_events = f.on("show-events");
    const std::string selector = f.str("selector");
    const auto targets = resource_args(ctx, args);
    const std::string list_ns = all_ns ? std::string() : ctx.ns;
    const std::string limit = "limit=" + std::to_string(f.num("chunk-size") > 0 ? f.num("chunk-size") : 500);

    struct found {
        const resource_info* info;
        json obj;
    };
    std::vector<found> infos;
    std::vector<status_error> errors;
    for (const auto& t : targets) {
        if (t.names.empty()) {
            std::string q = "?";
            if (!selector.empty()) q += "labelSelector=" + query_escape(selector) + "&";
            const auto r = ctx.api->call("GET", desc_list_path(*t.info, list_ns, q + limit));
            if (r.status / 100 != 2) {
                errors.emplace_back(r.parsed());
                continue;
            }
            for (auto& item : r.parsed().value("items", json::array())) infos.push_back({t.info, std::move(item)});
            continue;
        }
        for (const auto& name : t.names) {
            const auto r = ctx.api->call("GET", t.info->path(t.info->namespaced ? ctx.ns : std::string(), name));
            if (r.status / 100 != 2) {
                errors.emplace_back(r.parsed());
                continue;
            }
            infos.push_back({t.info, r.parsed()});
        }
    }

    // `describe TYPE PREFIX`: no object of that name, so every one whose name
    // begins with it.
    if (!errors.empty() && errors.front().reason() == "NotFound" && args.size() == 2 &&
        args[0].find('/') == std::string::npos) {
        const auto& t = targets.front();
        const auto r = ctx.api->call("GET", desc_list_path(*t.info, ctx.ns, "?" + limit));
        if (r.status / 100 != 2) throw status_error(r.parsed());
        bool any = false;
        for (const auto& item : r.parsed().value("items", json::array())) {
            if (desc_str(item, {"metadata", "name"}).rfind(args[1], 0) != 0) continue;
            any = true;
            ctx.out += desc_object(ctx, *t.info, item, show_events) + "\n";
        }
        if (!any) throw errors.front();
        return 0;
    }

    bool first = true;
    for (const auto& i : infos) {
        const std::string s = desc_object(ctx, *i.info, i.obj, show_events);
        ctx.out += first ? s : "\n\n" + s;
        first = false;
    }
    if (infos.empty() && errors.empty())
        ctx.err += all_ns ? "No resources found\n" : "No resources found in " + ctx.ns + " namespace.\n";
    for (const auto& e : errors) ctx.err += e.kubectl_message() + "\n";
    return errors.empty() ? 0 : 1;
}

}  // namespace kubesim::kubectl::detail
