// Definitions of api/validation/core.hpp.
#pragma once

#include <kubesim/api/validation/core.hpp>

#include <limits>
#include <set>
#include <utility>

#include <kubesim/api/core/config_map.hpp>
#include <kubesim/api/core/event.hpp>
#include <kubesim/api/core/namespace.hpp>
#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/secret.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/labels.hpp>
#include <kubesim/api/quantity.hpp>
#include <kubesim/api/validation/meta.ipp>
#include <kubesim/api/validation_names.hpp>

namespace kubesim::api::validation {

namespace vdetail {

[[nodiscard]] KUBESIM_DECL const std::vector<std::string>& supported_port_protocols() {
    static const std::vector<std::string> v{"SCTP", "TCP", "UDP"};
    return v;
}

// json.Marshal of an IntOrString: a number or a string.
[[nodiscard]] KUBESIM_DECL std::string json_int_or_string(const int_or_string& v) {
    return v.is_string ? json_str(v.str_val) : std::to_string(v.int_val);
}

// resource.Quantity marshals as its string.
[[nodiscard]] KUBESIM_DECL std::string json_quantity(const quantity& q) { return json_str(q.to_string()); }

[[nodiscard]] KUBESIM_DECL bool has_prefix(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// ---- resource names (pkg/apis/core/helper) ----------------------------------

[[nodiscard]] KUBESIM_DECL bool is_huge_page_resource_name(std::string_view n) { return has_prefix(n, "hugepages-"); }

[[nodiscard]] KUBESIM_DECL bool is_native_resource(std::string_view n) {
    return n.find('/') == std::string_view::npos || n.find("kubernetes.io/") != std::string_view::npos;
}

[[nodiscard]] KUBESIM_DECL bool is_extended_resource_name(std::string_view n) {
    if (is_native_resource(n) || has_prefix(n, "requests.")) return false;
    return is_qualified_name("requests." + std::string(n)).empty();
}

[[nodiscard]] KUBESIM_DECL bool is_overcommit_allowed(std::string_view n) {
    return is_native_resource(n) && !is_huge_page_resource_name(n);
}

[[nodiscard]] KUBESIM_DECL bool is_standard_resource_name(std::string_view n) {
    static constexpr std::string_view standard[] = {
        "cpu",           "memory",  "ephemeral-storage", "requests.cpu",
        "requests.memory", "requests.ephemeral-storage", "limits.cpu", "limits.memory",
        "limits.ephemeral-storage", "pods", "resourcequotas", "services",
        "replicationcontrollers", "secrets", "configmaps", "persistentvolumeclaims",
        "storage", "requests.storage", "services.nodeports", "services.loadbalancers"};
    for (auto s : standard)
        if (s == n) return true;
    return has_prefix(n, "hugepages-") || has_prefix(n, "requests.hugepages-");
}

[[nodiscard]] KUBESIM_DECL bool is_standard_container_resource_name(std::string_view n) {
    return n == "cpu" || n == "memory" || n == "ephemeral-storage" || is_huge_page_resource_name(n);
}

[[nodiscard]] KUBESIM_DECL bool is_integer_resource_name(std::string_view n) {
    static constexpr std::string_view integer[] = {"pods",         "resourcequotas",         "services",
                                                   "replicationcontrollers", "secrets", "configmaps",
                                                   "persistentvolumeclaims", "services.nodeports",
                                                   "services.loadbalancers"};
    for (auto s : integer)
        if (s == n) return true;
    return is_extended_resource_name(n);
}

// ---- Go-internal JSON renderings (internal types have no json tags) ----------

[[nodiscard]] KUBESIM_DECL std::string json_toleration(const toleration& t) {
    return "{\"Key\":" + json_str(t.key) + ",\"Operator\":" + json_str(t.operator_) + ",\"Value\":" + json_str(t.value) +
           ",\"Effect\":" + json_str(t.effect) + ",\"TolerationSeconds\":" + json_opt_int(t.toleration_seconds) + "}";
}

[[nodiscard]] KUBESIM_DECL std::string json_taint(const taint& t) {
    return "{\"Key\":" + json_str(t.key) + ",\"Value\":" + json_str(t.value) + ",\"Effect\":" + json_str(t.effect) +
           ",\"TimeAdded\":" + json_time(t.time_added) + "}";
}

}  // namespace vdetail

// ---- containers ------------------------------------------------------------------

field::error_list validate_container_ports(const std::vector<container_port>& ports,
                                           const field::path& p) {
    field::error_list errs;
    std::set<std::string> names;
    for (std::size_t i = 0; i < ports.size(); ++i) {
        const auto& port = ports[i];
        const auto ip = p.index(i);
        if (!port.name.empty()) {
            auto msgs = is_valid_port_name(port.name);
            if (!msgs.empty()) {
                for (auto& m : msgs) errs.push_back(field::invalid(ip.child("name"), port.name, std::move(m)));
            } else if (names.count(port.name)) {
                errs.push_back(field::duplicate(ip.child("name"), port.name));
            } else {
                names.insert(port.name);
            }
        }
        if (port.container_port == 0)
            errs.push_back(field::required(ip.child("containerPort")));
        else
            for (auto& m : is_valid_port_num(port.container_port))
                errs.push_back(field::invalid(ip.child("containerPort"), port.container_port, std::move(m)));
        if (port.host_port != 0)
            for (auto& m : is_valid_port_num(port.host_port))
                errs.push_back(field::invalid(ip.child("hostPort"), port.host_port, std::move(m)));
        if (port.protocol.empty())
            errs.push_back(field::required(ip.child("protocol")));
        else if (!vdetail::contains(vdetail::supported_port_protocols(), port.protocol))
            errs.push_back(vdetail::not_supported_raw(ip.child("protocol"), vdetail::json_str(port.protocol),
                                                      vdetail::supported_port_protocols()));
    }
    return errs;
}

namespace vdetail {

// fieldpath.SplitMaybeSubscriptedPath: "metadata.labels['app']" -> path, subscript.
[[nodiscard]] KUBESIM_DECL bool split_subscripted_path(std::string_view fp, std::string& path, std::string& subscript) {
    if (fp.size() < 2 || fp.substr(fp.size() - 2) != "']") return false;
    auto open = fp.find("['");
    if (open == std::string_view::npos) return false;
    path = std::string(fp.substr(0, open));
    subscript = std::string(fp.substr(open + 2, fp.size() - open - 4));
    return true;
}

[[nodiscard]] KUBESIM_DECL const std::vector<std::string>& valid_env_downward_api_field_paths() {
    static const std::vector<std::string> v{
        "metadata.name",    "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
        "status.hostIP",    "status.hostIPs",     "status.podIP", "status.podIPs"};
    return v;
}

[[nodiscard]] KUBESIM_DECL const std::vector<std::string>& valid_container_resource_field_paths() {
    static const std::vector<std::string> v{
        "limits.cpu", "limits.ephemeral-storage", "limits.memory", "requests.cpu", "requests.ephemeral-storage",
        "requests.memory"};
    return v;
}

}  // namespace vdetail

field::error_list validate_object_field_selector(const object_field_selector& fs,
                                                 const field::path& p) {
    if (fs.api_version.empty()) return {field::required(p.child("apiVersion"))};
    if (fs.field_path.empty()) return {field::required(p.child("fieldPath"))};
    // pods.ConvertDownwardAPIFieldLabel
    std::string error;
    std::string path, subscript;
    const bool subscripted = vdetail::split_subscripted_path(fs.field_path, path, subscript);
    if (fs.api_version != "v1") {
        error = "unsupported pod version: " + fs.api_version;
    } else if (subscripted) {
        if (path != "metadata.annotations" && path != "metadata.labels")
            error = "field label does not support subscript: " + fs.field_path;
    } else {
        static constexpr std::string_view known[] = {
            "metadata.annotations", "metadata.labels", "metadata.name",  "metadata.namespace", "metadata.uid",
            "spec.nodeName",        "spec.restartPolicy", "spec.serviceAccountName", "spec.schedulerName",
            "status.phase",         "status.hostIP",   "status.hostIPs", "status.podIP",       "status.podIPs",
            "spec.host"};
        bool ok = false;
        for (auto k : known) ok = ok || k == fs.field_path;
        if (!ok) error = "field label not supported: " + fs.field_path;
        path = fs.field_path == "spec.host" ? std::string("spec.nodeName") : fs.field_path;
    }
    if (!error.empty())
        return {field::invalid(p.child("fieldPath"), fs.field_path, "error converting fieldPath: " + error)};
    if (subscripted) {
        if (path == "metadata.annotations") return validate_qualified_name(vdetail::to_lower(subscript), p);
        return validate_qualified_name(subscript, p);
    }
    if (!vdetail::contains(vdetail::valid_env_downward_api_field_paths(), path))
        return {field::not_supported(p.child("fieldPath"), path, vdetail::valid_env_downward_api_field_paths())};
    return {};
}

field::error_list validate_resource_field_selector(const resource_field_selector& fs,
                                                   const field::path& p) {
    field::error_list errs;
    if (fs.resource.empty()) {
        errs.push_back(field::required(p.child("resource")));
    } else if (!vdetail::contains(vdetail::valid_container_resource_field_paths(), fs.resource) &&
               !vdetail::has_prefix(fs.resource, "limits.hugepages-") &&
               !vdetail::has_prefix(fs.resource, "requests.hugepages-")) {
        errs.push_back(field::not_supported(p.child("resource"), fs.resource, vdetail::valid_container_resource_field_paths()));
    }
    if (fs.divisor && !fs.divisor->is_zero()) {
        const auto d = fs.divisor->to_string();
        static constexpr std::string_view byte_divisors[] = {"1",   "1k",  "1M",  "1G",  "1T",  "1P", "1E",
                                                             "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"};
        auto in_bytes = [&] {
            for (auto b : byte_divisors)
                if (b == d) return true;
            return false;
        };
        const auto& r = fs.resource;
        if ((r == "limits.cpu" || r == "requests.cpu") && d != "1m" && d != "1")
            errs.push_back(field::invalid(p.child("divisor"), r, "only divisor's values 1m and 1 are supported with the cpu resource"));
        else if ((r == "limits.memory" || r == "requests.memory") && !in_bytes())
            errs.push_back(field::invalid(p.child("divisor"), r,
                                          "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, "
                                          "1Ei are supported with the memory resource"));
        else if ((r == "limits.ephemeral-storage" || r == "requests.ephemeral-storage") && !in_bytes())
            errs.push_back(field::invalid(p.child("divisor"), r,
                                          "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, "
                                          "1Ei are supported with the local ephemeral storage resource"));
        if ((vdetail::has_prefix(r, "requests.hugepages-") || vdetail::has_prefix(r, "limits.hugepages-")) && !in_bytes())
            errs.push_back(field::invalid(p.child("divisor"), r,
                                          "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, "
                                          "1Ei are supported with the hugepages resource"));
    }
    return errs;
}

field::error_list validate_key_selector(const key_selector& s, const field::path& p) {
    field::error_list errs;
    for (auto& m : validate_secret_name(s.name, false)) errs.push_back(field::invalid(p.child("name"), s.name, std::move(m)));
    if (s.key.empty())
        errs.push_back(field::required(p.child("key")));
    else
        for (auto& m : is_config_map_key(s.key)) errs.push_back(field::invalid(p.child("key"), s.key, std::move(m)));
    return errs;
}

field::error_list validate_env_var_value_from(const env_var& ev, const field::path& p) {
    field::error_list errs;
    if (!ev.value_from) return errs;
    const auto& vf = *ev.value_from;
    int sources = 0;
    if (vf.field_ref) {
        ++sources;
        vdetail::append(errs, validate_object_field_selector(*vf.field_ref, p.child("fieldRef")));
    }
    if (vf.resource_field_ref) {
        ++sources;
        vdetail::append(errs, validate_resource_field_selector(*vf.resource_field_ref, p.child("resourceFieldRef")));
    }
    if (vf.config_map_key_ref) {
        ++sources;
        vdetail::append(errs, validate_key_selector(*vf.config_map_key_ref, p.child("configMapKeyRef")));
    }
    if (vf.secret_key_ref) {
        ++sources;
        vdetail::append(errs, validate_key_selector(*vf.secret_key_ref, p.child("secretKeyRef")));
    }
    if (sources == 0)
        errs.push_back(field::invalid(
            p, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"));
    else if (!ev.value.empty())
        errs.push_back(field::invalid(p, "", "may not be specified when `value` is not empty"));
    else if (sources > 1)
        errs.push_back(field::invalid(p, "", "may not have more than one field specified at a time"));
    return errs;
}

field::error_list validate_env(const std::vector<env_var>& vars, const field::path& p) {
    field::error_list errs;
    for (std::size_t i = 0; i < vars.size(); ++i) {
        const auto ip = p.index(i);
        if (vars[i].name.empty())
            errs.push_back(field::required(ip.child("name")));
        else
            for (auto& m : is_relaxed_env_var_name(vars[i].name))
                errs.push_back(field::invalid(ip.child("name"), vars[i].name, std::move(m)));
        vdetail::append(errs, validate_env_var_value_from(vars[i], ip.child("valueFrom")));
    }
    return errs;
}

field::error_list validate_env_from(const std::vector<env_from_source>& vars,
                                    const field::path& p) {
    field::error_list errs;
    for (std::size_t i = 0; i < vars.size(); ++i) {
        const auto& ev = vars[i];
        const auto ip = p.index(i);
        if (!ev.prefix.empty())
            for (auto& m : is_relaxed_env_var_name(ev.prefix))
                errs.push_back(field::invalid(ip.child("prefix"), ev.prefix, std::move(m)));
        int sources = 0;
        auto check_ref = [&](const env_source_ref& ref, const field::path& rp) {
            if (ref.name.empty())
                errs.push_back(field::required(rp.child("name")));
            else
                for (auto& m : validate_config_map_name(ref.name, true))
                    errs.push_back(field::invalid(rp.child("name"), ref.name, std::move(m)));
        };
        if (ev.config_map_ref) {
            ++sources;
            check_ref(*ev.config_map_ref, ip.child("configMapRef"));
        }
        if (ev.secret_ref) {
            ++sources;
            check_ref(*ev.secret_ref, ip.child("secretRef"));
        }
        if (sources == 0)
            errs.push_back(field::invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"));
        else if (sources > 1)
            errs.push_back(field::invalid(p, "", "may not have more than one field specified at a time"));
    }
    return errs;
}

field::error_list validate_container_resource_name(std::string_view name, const field::path& p) {
    field::error_list errs;
    for (auto& m : is_qualified_name(name)) errs.push_back(field::invalid_raw(p, vdetail::json_str(name), std::move(m)));
    if (errs.empty() && name.find('/') == std::string_view::npos && !vdetail::is_standard_resource_name(name))
        errs.push_back(field::invalid_raw(p, vdetail::json_str(name), "must be a standard resource type or fully qualified"));
    if (name.find('/') == std::string_view::npos) {
        if (!vdetail::is_standard_container_resource_name(name))
            errs.push_back(field::invalid_raw(p, vdetail::json_str(name), "must be a standard resource for containers"));
    } else if (!vdetail::is_native_resource(name) && !vdetail::is_extended_resource_name(name)) {
        errs.push_back(field::invalid_raw(p, vdetail::json_str(name), "doesn't follow extended resource name standard"));
    }
    return errs;
}

field::error_list validate_resource_quantity_value(std::string_view name, const quantity& q,
                                                                       const field::path& p) {
    field::error_list errs;
    if (q.sign() < 0) errs.push_back(field::invalid(p, q.to_string(), std::string(is_negative_error_msg)));
    if (vdetail::is_integer_resource_name(name) && q.milli_value() % 1000 != 0)
        errs.push_back(field::invalid_raw(p, vdetail::json_quantity(q), "must be an integer"));
    return errs;
}

field::error_list validate_resource_requirements(const resource_requirements& r,
                                                 const field::path& p) {
    field::error_list errs;
    const auto lim_path = p.child("limits");
    const auto req_path = p.child("requests");
    bool lim_cpu_mem = false, req_cpu_mem = false, lim_huge = false, req_huge = false;
    for (const auto& [name, q] : r.limits) {
        const auto fp = lim_path.key(name);
        vdetail::append(errs, validate_container_resource_name(name, fp));
        vdetail::append(errs, validate_resource_quantity_value(name, q, fp));
        if (vdetail::is_huge_page_resource_name(name)) lim_huge = true;
        if (name == "cpu" || name == "memory") lim_cpu_mem = true;
    }
    for (const auto& [name, q] : r.requests) {
        const auto fp = req_path.key(name);
        vdetail::append(errs, validate_container_resource_name(name, fp));
        vdetail::append(errs, validate_resource_quantity_value(name, q, fp));
        auto lim = r.limits.find(name);
        if (lim != r.limits.end()) {
            if (q.cmp(lim->second) != 0 && !vdetail::is_overcommit_allowed(name))
                errs.push_back(field::invalid(req_path, q.to_string(),
                                              "must be equal to " + name + " limit of " + lim->second.to_string()));
            else if (q.cmp(lim->second) > 0)
                errs.push_back(field::invalid(req_path, q.to_string(),
                                              "must be less than or equal to " + name + " limit of " +
                                                  lim->second.to_string()));
        } else if (!vdetail::is_overcommit_allowed(name)) {
            errs.push_back(field::required(lim_path, "Limit must be set for non overcommitable resources"));
        }
        if (vdetail::is_huge_page_resource_name(name)) req_huge = true;
        if (name == "cpu" || name == "memory") req_cpu_mem = true;
    }
    if (!lim_cpu_mem && !req_cpu_mem && (req_huge || lim_huge))
        errs.push_back(field::forbidden(p, "HugePages require cpu or memory"));
    return errs;
}

// ---- probes and handlers -----------------------------------------------------------

field::error_list validate_port_num_or_name(const int_or_string& port, const field::path& p) {
    field::error_list errs;
    if (!port.is_string) {
        for (auto& m : is_valid_port_num(port.int_val)) errs.push_back(field::invalid(p, port.int_val, std::move(m)));
    } else {
        for (auto& m : is_valid_port_name(port.str_val)) errs.push_back(field::invalid(p, port.str_val, std::move(m)));
    }
    return errs;
}

namespace vdetail {

// commonHandler: the union of probe and lifecycle handler kinds.
struct common_handler {
    const exec_action* exec{nullptr};
    const http_get_action* http_get{nullptr};
    const tcp_socket_action* tcp_socket{nullptr};
    const grpc_action* grpc{nullptr};
    const sleep_action* sleep{nullptr};
};

[[nodiscard]] KUBESIM_DECL common_handler handler_from(const probe& pr) {
    common_handler h;
    if (pr.exec) h.exec = &*pr.exec;
    if (pr.http_get) h.http_get = &*pr.http_get;
    if (pr.tcp_socket) h.tcp_socket = &*pr.tcp_socket;
    if (pr.grpc) h.grpc = &*pr.grpc;
    return h;
}

[[nodiscard]] KUBESIM_DECL common_handler handler_from(const lifecycle_handler& lh) {
    common_handler h;
    if (lh.exec) h.exec = &*lh.exec;
    if (lh.http_get) h.http_get = &*lh.http_get;
    if (lh.tcp_socket) h.tcp_socket = &*lh.tcp_socket;
    if (lh.sleep) h.sleep = &*lh.sleep;
    return h;
}

}  // namespace vdetail

field::error_list validate_handler(const vdetail::common_handler& h,
                                   const std::optional<std::int64_t>& grace_period,
                                   const field::path& p) {
    field::error_list errs;
    int n = 0;
    const std::string more = "may not specify more than 1 handler type";
    if (h.exec) {
        if (n > 0) {
            errs.push_back(field::forbidden(p.child("exec"), more));
        } else {
            ++n;
            if (h.exec->command.empty()) errs.push_back(field::required(p.child("exec").child("command")));
        }
    }
    if (h.http_get) {
        if (n > 0) {
            errs.push_back(field::forbidden(p.child("httpGet"), more));
        } else {
            ++n;
            const auto hp = p.child("httpGet");
            if (h.http_get->path.empty()) errs.push_back(field::required(hp.child("path")));
            vdetail::append(errs, validate_port_num_or_name(h.http_get->port, hp.child("port")));
            if (h.http_get->scheme != "HTTP" && h.http_get->scheme != "HTTPS")
                errs.push_back(vdetail::not_supported_raw(hp.child("scheme"), vdetail::json_str(h.http_get->scheme),
                                                          {"HTTP", "HTTPS"}));
            for (const auto& hdr : h.http_get->http_headers) {
                bool ok = !hdr.name.empty();
                for (char c : hdr.name)
                    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-');
                if (!ok)
                    errs.push_back(field::invalid(
                        hp.child("httpHeaders"), hdr.name,
                        regex_error("a valid HTTP header must consist of alphanumeric characters or '-'", "[-A-Za-z0-9]+",
                                    {"X-Header-Name"})));
            }
        }
    }
    if (h.tcp_socket) {
        if (n > 0) {
            errs.push_back(field::forbidden(p.child("tcpSocket"), more));
        } else {
            ++n;
            vdetail::append(errs, validate_port_num_or_name(h.tcp_socket->port, p.child("tcpSocket").child("port")));
        }
    }
    if (h.grpc) {
        if (n > 0) {
            errs.push_back(field::forbidden(p.child("grpc"), more));
        } else {
            ++n;
            vdetail::append(errs, validate_port_num_or_name(int_or_string::from_int(h.grpc->port),
                                                            p.child("grpc").child("port")));
        }
    }
    if (h.sleep) {
        if (n > 0) {
            errs.push_back(field::forbidden(p.child("sleep"), more));
        } else {
            ++n;
            // PodLifecycleSleepActionAllowZero (on by default since 1.33) allows 0.
            if (grace_period && (h.sleep->seconds < 0 || h.sleep->seconds > *grace_period))
                errs.push_back(field::invalid(p.child("sleep"), h.sleep->seconds,
                                              "must be non-negative and less than terminationGracePeriodSeconds (" +
                                                  std::to_string(*grace_period) + ")"));
        }
    }
    if (n == 0) errs.push_back(field::required(p, "must specify a handler type"));
    return errs;
}

field::error_list validate_probe(const probe& pr, const std::optional<std::int64_t>& grace_period,
                                 const field::path& p) {
    auto errs = validate_handler(vdetail::handler_from(pr), grace_period, p);
    vdetail::append(errs, validate_nonnegative_field(pr.initial_delay_seconds, p.child("initialDelaySeconds")));
    vdetail::append(errs, validate_nonnegative_field(pr.timeout_seconds, p.child("timeoutSeconds")));
    vdetail::append(errs, validate_nonnegative_field(pr.period_seconds, p.child("periodSeconds")));
    vdetail::append(errs, validate_nonnegative_field(pr.success_threshold, p.child("successThreshold")));
    vdetail::append(errs, validate_nonnegative_field(pr.failure_threshold, p.child("failureThreshold")));
    if (pr.termination_grace_period_seconds && *pr.termination_grace_period_seconds <= 0)
        errs.push_back(field::invalid(p.child("terminationGracePeriodSeconds"), *pr.termination_grace_period_seconds,
                                      "must be greater than 0"));
    return errs;
}

field::error_list validate_liveness_probe(const box<probe>& pr,
                                          const std::optional<std::int64_t>& grace_period,
                                          const field::path& p) {
    if (!pr) return {};
    auto errs = validate_probe(*pr, grace_period, p);
    if (pr->success_threshold != 1)
        errs.push_back(field::invalid(p.child("successThreshold"), pr->success_threshold, "must be 1"));
    return errs;
}

field::error_list validate_readiness_probe(const box<probe>& pr,
                                           const std::optional<std::int64_t>& grace_period,
                                           const field::path& p) {
    if (!pr) return {};
    auto errs = validate_probe(*pr, grace_period, p);
    if (pr->termination_grace_period_seconds)
        errs.push_back(field::invalid(p.child("terminationGracePeriodSeconds"), *pr->termination_grace_period_seconds,
                                      "must not be set for readinessProbes"));
    return errs;
}

field::error_list validate_lifecycle(const lifecycle& lc,
                                     const std::optional<std::int64_t>& grace_period,
                                     const field::path& p) {
    field::error_list errs;
    if (lc.post_start)
        vdetail::append(errs, validate_handler(vdetail::handler_from(*lc.post_start), grace_period, p.child("postStart")));
    if (lc.pre_stop)
        vdetail::append(errs, validate_handler(vdetail::handler_from(*lc.pre_stop), grace_period, p.child("preStop")));
    return errs;
}

field::error_list validate_pull_policy(std::string_view policy, const field::path& p) {
    if (policy == "Always" || policy == "IfNotPresent" || policy == "Never") return {};
    if (policy.empty()) return {field::required(p)};
    return {vdetail::not_supported_raw(p, vdetail::json_str(policy), {"Always", "IfNotPresent", "Never"})};
}

field::error_list validate_container_common(const container& c, const field::path& p) {
    field::error_list errs;
    if (c.name.empty())
        errs.push_back(field::required(p.child("name")));
    else
        vdetail::append(errs, validate_dns1123_label(c.name, p.child("name")));
    if (c.image.empty()) errs.push_back(field::required(p.child("image")));
    if (c.termination_message_policy.empty())
        errs.push_back(field::required(p.child("terminationMessagePolicy")));
    else if (c.termination_message_policy != "File" && c.termination_message_policy != "FallbackToLogsOnError")
        errs.push_back(vdetail::not_supported_raw(p.child("terminationMessagePolicy"),
                                                  vdetail::json_str(c.termination_message_policy),
                                                  {"File", "FallbackToLogsOnError"}));
    vdetail::append(errs, validate_container_ports(c.ports, p.child("ports")));
    vdetail::append(errs, validate_env(c.env, p.child("env")));
    vdetail::append(errs, validate_env_from(c.env_from, p.child("envFrom")));
    vdetail::append(errs, validate_pull_policy(c.image_pull_policy, p.child("imagePullPolicy")));
    vdetail::append(errs, validate_resource_requirements(c.resources, p.child("resources")));
    return errs;
}

field::error_list check_host_port_conflicts(const std::vector<const container*>& cs,
                                            const field::path& p) {
    field::error_list errs;
    std::set<std::string> seen;
    for (std::size_t ci = 0; ci < cs.size(); ++ci) {
        const auto& ports = cs[ci]->ports;
        for (std::size_t pi = 0; pi < ports.size(); ++pi) {
            if (ports[pi].host_port == 0) continue;
            auto key = ports[pi].protocol + "/" + ports[pi].host_ip + "/" + std::to_string(ports[pi].host_port);
            if (seen.count(key))
                errs.push_back(field::duplicate(p.index(ci).child("ports").index(pi).child("hostPort"), key));
            else
                seen.insert(std::move(key));
        }
    }
    return errs;
}

field::error_list validate_containers(const std::vector<container>& cs,
                                      const std::optional<std::int64_t>& grace_period,
                                      const field::path& p) {
    if (cs.empty()) return {field::required(p)};
    field::error_list errs;
    std::set<std::string> names;
    std::vector<const container*> all;
    for (std::size_t i = 0; i < cs.size(); ++i) {
        const auto& c = cs[i];
        const auto ip = p.index(i);
        all.push_back(&c);
        vdetail::append(errs, validate_container_common(c, ip));
        if (names.count(c.name))
            errs.push_back(field::duplicate(ip.child("name"), c.name));
        else
            names.insert(c.name);
        if (c.lifecycle) vdetail::append(errs, validate_lifecycle(*c.lifecycle, grace_period, ip.child("lifecycle")));
        vdetail::append(errs, validate_liveness_probe(c.liveness_probe, grace_period, ip.child("livenessProbe")));
        vdetail::append(errs, validate_readiness_probe(c.readiness_probe, grace_period, ip.child("readinessProbe")));
        vdetail::append(errs, validate_liveness_probe(c.startup_probe, grace_period, ip.child("startupProbe")));
        if (c.restart_policy) errs.push_back(field::forbidden(ip.child("restartPolicy"), "may not be set for non-init containers"));
    }
    vdetail::append(errs, check_host_port_conflicts(all, p));
    return errs;
}

field::error_list validate_init_containers(const std::vector<container>& cs,
                                           const std::vector<container>& regular,
                                           const std::optional<std::int64_t>& grace_period,
                                           const field::path& p) {
    field::error_list errs;
    std::set<std::string> names;
    for (const auto& c : regular) names.insert(c.name);
    for (std::size_t i = 0; i < cs.size(); ++i) {
        const auto& c = cs[i];
        const auto ip = p.index(i);
        vdetail::append(errs, validate_container_common(c, ip));
        bool restart_always = false;
        if (c.restart_policy) {
            if (*c.restart_policy != "Always")
                errs.push_back(vdetail::not_supported_raw(ip.child("restartPolicy"), vdetail::json_str(*c.restart_policy),
                                                          {"Always"}));
            restart_always = *c.restart_policy == "Always";
        }
        if (names.count(c.name))
            errs.push_back(field::duplicate(ip.child("name"), c.name));
        else if (!c.name.empty())
            names.insert(c.name);
        // Upstream checks each init container alone, so the path always says [0].
        vdetail::append(errs, check_host_port_conflicts({&c}, p));
        if (restart_always) {
            if (c.lifecycle) vdetail::append(errs, validate_lifecycle(*c.lifecycle, grace_period, ip.child("lifecycle")));
            vdetail::append(errs, validate_liveness_probe(c.liveness_probe, grace_period, ip.child("livenessProbe")));
            vdetail::append(errs, validate_readiness_probe(c.readiness_probe, grace_period, ip.child("readinessProbe")));
            vdetail::append(errs, validate_liveness_probe(c.startup_probe, grace_period, ip.child("startupProbe")));
        } else {
            const std::string why = "may not be set for init containers without restartPolicy=Always";
            if (c.lifecycle) errs.push_back(field::forbidden(ip.child("lifecycle"), why));
            if (c.liveness_probe) errs.push_back(field::forbidden(ip.child("livenessProbe"), why));
            if (c.readiness_probe) errs.push_back(field::forbidden(ip.child("readinessProbe"), why));
            if (c.startup_probe) errs.push_back(field::forbidden(ip.child("startupProbe"), why));
        }
    }
    return errs;
}

// ---- pod spec ------------------------------------------------------------------------

field::error_list validate_tolerations(const std::vector<toleration>& ts, const field::path& p) {
    field::error_list errs;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        const auto& t = ts[i];
        const auto ip = p.index(i);
        if (!t.key.empty()) vdetail::append(errs, labels::validate_label_name(t.key, ip.child("key")));
        if (t.key.empty() && t.operator_ != "Exists")
            errs.push_back(field::invalid_raw(ip.child("operator"), vdetail::json_str(t.operator_),
                                              "operator must be Exists when `key` is empty, which means \"match all "
                                              "values and all keys\""));
        if (t.toleration_seconds && t.effect != "NoExecute")
            errs.push_back(field::invalid_raw(ip.child("effect"), vdetail::json_str(t.effect),
                                              "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        if (t.operator_ == "Equal" || t.operator_.empty()) {
            auto msgs = is_valid_label_value(t.value);
            if (!msgs.empty()) {
                std::string joined;
                for (std::size_t k = 0; k < msgs.size(); ++k) joined += (k ? ";" : "") + msgs[k];
                errs.push_back(field::invalid(ip.child("operator"), t.value, joined));
            }
        } else if (t.operator_ == "Exists") {
            if (!t.value.empty())
                errs.push_back(field::invalid(ip.child("operator"), t.value, "value must be empty when `operator` is 'Exists'"));
        } else {
            errs.push_back(vdetail::not_supported_raw(ip.child("operator"), vdetail::json_str(t.operator_), {"Equal", "Exists"}));
        }
        if (!t.effect.empty() && t.effect != "NoSchedule" && t.effect != "PreferNoSchedule" && t.effect != "NoExecute")
            errs.push_back(vdetail::not_supported_raw(ip.child("effect"), vdetail::json_str(t.effect),
                                                      {"NoSchedule", "PreferNoSchedule", "NoExecute"}));
    }
    return errs;
}

field::error_list validate_node_selector_requirement(const node_selector_requirement& rq,
                                                     bool allow_invalid_values,
                                                     const field::path& p) {
    field::error_list errs;
    const auto& op = rq.operator_;
    if (op == "In" || op == "NotIn") {
        if (rq.values.empty())
            errs.push_back(field::required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (op == "Exists" || op == "DoesNotExist") {
        if (!rq.values.empty())
            errs.push_back(field::forbidden(p.child("values"),
                                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else if (op == "Gt" || op == "Lt") {
        if (rq.values.size() != 1)
            errs.push_back(field::required(p.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
    } else {
        errs.push_back(field::invalid_raw(p.child("operator"), vdetail::json_str(op), "not a valid selector operator"));
    }
    vdetail::append(errs, labels::validate_label_name(rq.key, p.child("key")));
    if (!allow_invalid_values)
        for (std::size_t i = 0; i < rq.values.size(); ++i)
            for (auto& m : is_valid_label_value(rq.values[i]))
                errs.push_back(field::invalid(p.child("values").index(i), rq.values[i], std::move(m)));
    return errs;
}

field::error_list validate_node_field_selector_requirement(const node_selector_requirement& rq,
                                                           const field::path& p) {
    field::error_list errs;
    if (rq.operator_ == "In" || rq.operator_ == "NotIn") {
        if (rq.values.size() != 1)
            errs.push_back(field::required(p.child("values"),
                                           "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else {
        errs.push_back(field::invalid_raw(p.child("operator"), vdetail::json_str(rq.operator_), "not a valid selector operator"));
    }
    if (rq.key != "metadata.name") {
        errs.push_back(field::invalid(p.child("key"), rq.key, "not a valid field selector key"));
    } else {
        for (std::size_t i = 0; i < rq.values.size(); ++i)
            for (auto& m : validate_node_name(rq.values[i], false))
                errs.push_back(field::invalid(p.child("values").index(i), rq.values[i], std::move(m)));
    }
    return errs;
}

field::error_list validate_node_selector_term(const node_selector_term& term,
                                              bool allow_invalid_values, const field::path& p) {
    field::error_list errs;
    for (std::size_t j = 0; j < term.match_expressions.size(); ++j)
        vdetail::append(errs, validate_node_selector_requirement(term.match_expressions[j], allow_invalid_values,
                                                                 p.child("matchExpressions").index(j)));
    for (std::size_t j = 0; j < term.match_fields.size(); ++j)
        vdetail::append(errs, validate_node_field_selector_requirement(term.match_fields[j], p.child("matchFields").index(j)));
    return errs;
}

field::error_list validate_pod_affinity_term(const pod_affinity_term& t, bool allow_invalid,
                                             const field::path& p) {
    field::error_list errs;
    if (t.label_selector) {
        labels::label_selector_validation_options o;
        o.allow_invalid_label_value_in_selector = allow_invalid;
        vdetail::append(errs, labels::validate_label_selector(*t.label_selector, p.child("labelSelector"), o));
    }
    for (const auto& ns : t.namespaces)
        for (auto& m : validate_namespace_name(ns, false)) errs.push_back(field::invalid(p.child("namespace"), ns, std::move(m)));
    if (t.topology_key.empty()) errs.push_back(field::required(p.child("topologyKey"), "can not be empty"));
    vdetail::append(errs, labels::validate_label_name(t.topology_key, p.child("topologyKey")));
    return errs;
}

field::error_list validate_pod_affinity(const pod_affinity& a, bool allow_invalid,
                                        const field::path& p) {
    field::error_list errs;
    const auto rp = p.child("requiredDuringSchedulingIgnoredDuringExecution");
    for (std::size_t i = 0; i < a.required_during_scheduling_ignored_during_execution.size(); ++i)
        vdetail::append(errs, validate_pod_affinity_term(a.required_during_scheduling_ignored_during_execution[i],
                                                         allow_invalid, rp.index(i)));
    const auto pp = p.child("preferredDuringSchedulingIgnoredDuringExecution");
    for (std::size_t j = 0; j < a.preferred_during_scheduling_ignored_during_execution.size(); ++j) {
        const auto& w = a.preferred_during_scheduling_ignored_during_execution[j];
        if (w.weight <= 0 || w.weight > 100)
            errs.push_back(field::invalid(pp.index(j).child("weight"), w.weight, "must be in the range 1-100"));
        vdetail::append(errs, validate_pod_affinity_term(w.pod_affinity_term, allow_invalid, pp.index(j).child("podAffinityTerm")));
    }
    return errs;
}

field::error_list validate_affinity(const affinity& a, const pod_validation_options& opts,
                                    const field::path& p) {
    field::error_list errs;
    if (a.node_affinity) {
        const auto np = p.child("nodeAffinity");
        const auto& na = *a.node_affinity;
        if (na.required_during_scheduling_ignored_during_execution) {
            const auto tp = np.child("requiredDuringSchedulingIgnoredDuringExecution").child("nodeSelectorTerms");
            const auto& terms = na.required_during_scheduling_ignored_during_execution->node_selector_terms;
            if (terms.empty())
                errs.push_back(field::required(tp, "must have at least one node selector term"));
            else
                for (std::size_t i = 0; i < terms.size(); ++i)
                    vdetail::append(errs, validate_node_selector_term(terms[i], false, tp.index(i)));
        }
        const auto pp = np.child("preferredDuringSchedulingIgnoredDuringExecution");
        for (std::size_t i = 0; i < na.preferred_during_scheduling_ignored_during_execution.size(); ++i) {
            const auto& t = na.preferred_during_scheduling_ignored_during_execution[i];
            if (t.weight <= 0 || t.weight > 100)
                errs.push_back(field::invalid(pp.index(i).child("weight"), t.weight, "must be in the range 1-100"));
            vdetail::append(errs, validate_node_selector_term(t.preference, true, pp.index(i).child("preference")));
        }
    }
    if (a.pod_affinity)
        vdetail::append(errs, validate_pod_affinity(*a.pod_affinity, opts.allow_invalid_label_value_in_selector,
                                                    p.child("podAffinity")));
    if (a.pod_anti_affinity)
        vdetail::append(errs, validate_pod_affinity(*a.pod_anti_affinity, opts.allow_invalid_label_value_in_selector,
                                                    p.child("podAntiAffinity")));
    return errs;
}

namespace vdetail {

// _?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_dns1123_subdomain_with_underscore(std::string_view v) {
    std::vector<std::string> errs;
    if (v.size() > dns1123_subdomain_max_length) errs.push_back(max_len_error(dns1123_subdomain_max_length));
    auto label_ok = [](std::string_view l) {
        if (!l.empty() && l.front() == '_') l.remove_prefix(1);
        if (l.empty()) return false;
        auto an = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
        if (!an(l.front()) || !an(l.back())) return false;
        for (char c : l)
            if (!an(c) && c != '-' && c != '_') return false;
        return true;
    };
    bool ok = true;
    std::size_t start = 0;
    while (true) {
        auto dot = v.find('.', start);
        if (!label_ok(v.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start))) {
            ok = false;
            break;
        }
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    if (!ok)
        errs.push_back(regex_error("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, "
                                   "'_', '-' or '.', and must start and end with an alphanumeric character",
                                   "_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*",
                                   {"example.com"}));
    return errs;
}

}  // namespace vdetail

field::error_list validate_pod_dns_config(const box<pod_dns_config>& cfg,
                                          std::string_view dns_policy, const field::path& p) {
    field::error_list errs;
    if (dns_policy == "None") {
        if (!cfg) return {field::required(p, "must provide `dnsConfig` when `dnsPolicy` is None")};
        if (cfg->nameservers.empty())
            return {field::required(p.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")};
    }
    if (!cfg) return errs;
    if (cfg->nameservers.size() > max_dns_nameservers)
        errs.push_back(field::invalid_raw(p.child("nameservers"), vdetail::json_str_list(cfg->nameservers),
                                          "must not have more than 3 nameservers"));
    for (std::size_t i = 0; i < cfg->nameservers.size(); ++i)
        vdetail::append(errs, is_valid_ip(p.child("nameservers").index(i), cfg->nameservers[i]));
    if (cfg->searches.size() > max_dns_search_paths)
        errs.push_back(field::invalid_raw(p.child("searches"), vdetail::json_str_list(cfg->searches),
                                          "must not have more than 32 search paths"));
    std::size_t joined = 0;
    for (std::size_t i = 0; i < cfg->searches.size(); ++i) joined += cfg->searches[i].size() + (i ? 1 : 0);
    if (joined > max_dns_search_list_chars)
        errs.push_back(field::invalid_raw(p.child("searches"), vdetail::json_str_list(cfg->searches),
                                          "must not have more than 2048 characters (including spaces) in the search list"));
    for (std::size_t i = 0; i < cfg->searches.size(); ++i) {
        std::string_view s = cfg->searches[i];
        if (s == ".") continue;
        if (!s.empty() && s.back() == '.') s.remove_suffix(1);
        for (auto& m : vdetail::is_dns1123_subdomain_with_underscore(s))
            errs.push_back(field::invalid(p.child("searches").index(i), s, std::move(m)));
    }
    for (std::size_t i = 0; i < cfg->options.size(); ++i)
        if (cfg->options[i].name.empty()) errs.push_back(field::required(p.child("options").index(i), "must not be empty"));
    return errs;
}

field::error_list validate_pod_spec(const pod_spec& s, const field::path& p,
                                    const pod_validation_options& opts) {
    field::error_list errs;
    if (!s.termination_grace_period_seconds) errs.push_back(field::required(p.child("terminationGracePeriodSeconds")));
    const auto& grace = s.termination_grace_period_seconds;
    vdetail::append(errs, validate_containers(s.containers, grace, p.child("containers")));
    vdetail::append(errs, validate_init_containers(s.init_containers, s.containers, grace, p.child("initContainers")));
    // validatePodHostNetworkDeps
    if (s.host_network) {
        const auto cp = p.child("containers");
        for (std::size_t i = 0; i < s.containers.size(); ++i)
            for (std::size_t j = 0; j < s.containers[i].ports.size(); ++j) {
                const auto& port = s.containers[i].ports[j];
                if ((opts.resource_is_pod || port.host_port != 0) && port.host_port != port.container_port)
                    errs.push_back(field::invalid(cp.index(i).child("ports").index(j).child("hostPort"), port.host_port,
                                                  "must match `containerPort` when `hostNetwork` is true"));
            }
    }
    // validateRestartPolicy
    if (s.restart_policy.empty())
        errs.push_back(field::required(p.child("restartPolicy")));
    else if (s.restart_policy != "Always" && s.restart_policy != "OnFailure" && s.restart_policy != "Never")
        errs.push_back(vdetail::not_supported_raw(p.child("restartPolicy"), vdetail::json_str(s.restart_policy),
                                                  {"Always", "OnFailure", "Never"}));
    // validateDNSPolicy
    if (s.dns_policy.empty())
        errs.push_back(field::required(p.child("dnsPolicy")));
    else if (s.dns_policy != "ClusterFirstWithHostNet" && s.dns_policy != "ClusterFirst" && s.dns_policy != "Default" &&
             s.dns_policy != "None")
        errs.push_back(vdetail::not_supported_raw(p.child("dnsPolicy"), vdetail::json_str(s.dns_policy),
                                                  {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"}));
    vdetail::append(errs, labels::validate_labels(s.node_selector, p.child("nodeSelector")));
    if (s.affinity) vdetail::append(errs, validate_affinity(*s.affinity, opts, p.child("affinity")));
    vdetail::append(errs, validate_pod_dns_config(s.dns_config, s.dns_policy, p.child("dnsConfig")));
    for (std::size_t i = 0; i < s.readiness_gates.size(); ++i)
        vdetail::append(errs, validate_qualified_name(s.readiness_gates[i].condition_type,
                                                      p.child("readinessGates").index(i).child("conditionType")));
    if (!s.service_account_name.empty())
        for (auto& m : name_is_dns_subdomain(s.service_account_name, false))
            errs.push_back(field::invalid(p.child("serviceAccountName"), s.service_account_name, std::move(m)));
    if (!s.node_name.empty())
        for (auto& m : validate_node_name(s.node_name, false))
            errs.push_back(field::invalid(p.child("nodeName"), s.node_name, std::move(m)));
    if (s.active_deadline_seconds) {
        const auto v = *s.active_deadline_seconds;
        if (v < 1 || v > std::numeric_limits<std::int32_t>::max())
            errs.push_back(field::invalid(p.child("activeDeadlineSeconds"), v,
                                          inclusive_range_error(1, std::numeric_limits<std::int32_t>::max())));
    }
    if (!s.hostname.empty()) vdetail::append(errs, validate_dns1123_label(s.hostname, p.child("hostname")));
    if (!s.subdomain.empty()) vdetail::append(errs, validate_dns1123_label(s.subdomain, p.child("subdomain")));
    if (!s.tolerations.empty()) vdetail::append(errs, validate_tolerations(s.tolerations, p.child("tolerations")));
    for (std::size_t i = 0; i < s.host_aliases.size(); ++i) {
        const auto hp = p.child("hostAliases").index(i);
        vdetail::append(errs, is_valid_ip(hp.child("ip"), s.host_aliases[i].ip));
        for (std::size_t j = 0; j < s.host_aliases[i].hostnames.size(); ++j)
            vdetail::append(errs, validate_dns1123_subdomain(s.host_aliases[i].hostnames[j], hp.child("hostnames").index(j)));
    }
    if (!s.priority_class_name.empty())
        for (auto& m : name_is_dns_subdomain(s.priority_class_name, false))
            errs.push_back(field::invalid(p.child("priorityClassName"), s.priority_class_name, std::move(m)));
    if (s.preemption_policy) {
        const auto& pp = *s.preemption_policy;
        if (pp.empty())
            errs.push_back(field::required(p.child("preemptionPolicy")));
        else if (pp != "PreemptLowerPriority" && pp != "Never")
            errs.push_back(vdetail::not_supported_raw(p.child("preemptionPolicy"), vdetail::json_str(pp),
                                                      {"PreemptLowerPriority", "Never"}));
    }
    return errs;
}

field::error_list validate_pod_specific_annotations(
    const std::map<std::string, std::string>& annotations, const pod_spec& s, const field::path& p,
    const pod_validation_options& opts) {
    field::error_list errs;
    if (auto it = annotations.find("kubernetes.io/config.mirror"); it != annotations.end() && s.node_name.empty())
        errs.push_back(field::invalid(p.key("kubernetes.io/config.mirror"), it->second,
                                      "must set spec.nodeName if mirror pod annotation is set"));
    if (!opts.allow_invalid_pod_deletion_cost) {
        if (auto it = annotations.find("controller.kubernetes.io/pod-deletion-cost"); it != annotations.end()) {
            const std::string& v = it->second;
            // GetDeletionCostFromPodAnnotations: no '+', no leading zeros, an int32.
            bool ok = !v.empty() && v != "-" && !(v[0] == '0' && v.size() > 1) && (v[0] == '-' || (v[0] >= '0' && v[0] <= '9'));
            const bool neg = !v.empty() && v[0] == '-';
            std::int64_t n = 0;
            for (std::size_t k = neg ? 1 : 0; ok && k < v.size(); ++k) {
                ok = v[k] >= '0' && v[k] <= '9' && n <= std::int64_t{1} << 32;
                n = n * 10 + (v[k] - '0');
            }
            if (neg) n = -n;
            ok = ok && n >= std::numeric_limits<std::int32_t>::min() && n <= std::numeric_limits<std::int32_t>::max();
            if (!ok)
                errs.push_back(field::invalid(p.key("controller.kubernetes.io/pod-deletion-cost"), v, "must be a 32bit integer"));
        }
    }
    return errs;
}

field::error_list validate_pod_template_spec(const pod_template_spec& t, const field::path& p,
                                             const pod_validation_options& opts) {
    const auto mp = p.child("metadata");
    auto errs = labels::validate_labels(t.metadata.labels, mp.child("labels"));
    vdetail::append(errs, validate_annotations(t.metadata.annotations, mp.child("annotations")));
    vdetail::append(errs, validate_pod_specific_annotations(t.metadata.annotations, t.spec, mp.child("annotations"), opts));
    vdetail::append(errs, validate_pod_spec(t.spec, p.child("spec"), opts));
    return errs;
}

namespace vdetail {

// validatePodMetadataAndSpec
[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_metadata_and_spec(const pod& pd) {
    pod_validation_options opts;
    opts.resource_is_pod = true;
    const field::path mp("metadata");
    const field::path sp("spec");
    auto errs = validate_object_meta(pd.metadata, true, validate_pod_name, mp);
    append(errs, validate_pod_specific_annotations(pd.metadata.annotations, pd.spec, mp.child("annotations"), opts));
    append(errs, validate_pod_spec(pd.spec, sp, opts));
    // validateContainersOnlyForPod: no surrounding whitespace in image names.
    auto ws = [&](const std::vector<container>& cs, const field::path& p) {
        for (std::size_t i = 0; i < cs.size(); ++i)
            if (trim_space(cs[i].image).size() != cs[i].image.size())
                errs.push_back(field::invalid(p.index(i).child("image"), cs[i].image,
                                              "must not have leading or trailing whitespace"));
    };
    ws(pd.spec.containers, sp.child("containers"));
    ws(pd.spec.init_containers, sp.child("initContainers"));
    return errs;
}

// ValidatePodSpecificAnnotationUpdates: the mirror-pod annotation is frozen.
[[nodiscard]] KUBESIM_DECL field::error_list validate_pod_specific_annotation_updates(const pod& new_obj, const pod& old_obj,
                                                                                      const field::path& p) {
    field::error_list errs;
    const std::string mirror = "kubernetes.io/config.mirror";
    const auto& na = new_obj.metadata.annotations;
    const auto& oa = old_obj.metadata.annotations;
    auto on = na.find(mirror);
    auto oo = oa.find(mirror);
    if (oo != oa.end() && (on == na.end() || on->second != oo->second))
        errs.push_back(field::forbidden(p.key(mirror), "may not remove or update mirror pod annotation"));
    if (oo == oa.end() && on != na.end())
        errs.push_back(field::forbidden(p.key(mirror), "may not add mirror pod annotation"));
    append(errs, validate_pod_specific_annotations(na, new_obj.spec, p));
    return errs;
}

// Go field names of PodSpec, for the "may not change" message.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> changed_pod_spec_fields(const pod_spec& a, const pod_spec& b) {
    std::vector<std::string> out;
    auto chk = [&](bool same, const char* name) {
        if (!same) out.emplace_back(name);
    };
    chk(a.init_containers == b.init_containers, "InitContainers");
    chk(a.containers == b.containers, "Containers");
    chk(a.restart_policy == b.restart_policy, "RestartPolicy");
    chk(a.termination_grace_period_seconds == b.termination_grace_period_seconds, "TerminationGracePeriodSeconds");
    chk(a.active_deadline_seconds == b.active_deadline_seconds, "ActiveDeadlineSeconds");
    chk(a.dns_policy == b.dns_policy, "DNSPolicy");
    chk(a.node_selector == b.node_selector, "NodeSelector");
    chk(a.service_account_name == b.service_account_name, "ServiceAccountName");
    chk(a.automount_service_account_token == b.automount_service_account_token, "AutomountServiceAccountToken");
    chk(a.node_name == b.node_name, "NodeName");
    chk(a.host_network == b.host_network, "SecurityContext");
    chk(a.hostname == b.hostname, "Hostname");
    chk(a.subdomain == b.subdomain, "Subdomain");
    chk(a.affinity == b.affinity, "Affinity");
    chk(a.scheduler_name == b.scheduler_name, "SchedulerName");
    chk(a.tolerations == b.tolerations, "Tolerations");
    chk(a.host_aliases == b.host_aliases, "HostAliases");
    chk(a.priority_class_name == b.priority_class_name, "PriorityClassName");
    chk(a.priority == b.priority, "Priority");
    chk(a.dns_config == b.dns_config, "DNSConfig");
    chk(a.readiness_gates == b.readiness_gates, "ReadinessGates");
    chk(a.enable_service_links == b.enable_service_links, "EnableServiceLinks");
    chk(a.preemption_policy == b.preemption_policy, "PreemptionPolicy");
    return out;
}

inline constexpr std::string_view updatable_pod_spec_fields =
    "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
    "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was "
    "previously negative)";

}  // namespace vdetail

field::error_list validate(const pod& p) { return vdetail::validate_pod_metadata_and_spec(p); }

field::error_list validate_update(const pod& new_obj, const pod& old_obj) {
    const field::path mp("metadata");
    const field::path sp("spec");
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, mp);
    vdetail::append(errs, vdetail::validate_pod_metadata_and_spec(new_obj));
    vdetail::append(errs, vdetail::validate_pod_specific_annotation_updates(new_obj, old_obj, mp.child("annotations")));

    // ValidateContainerUpdates
    auto container_updates = [&](const std::vector<container>& nc, const std::vector<container>& oc,
                                 const field::path& p) {
        if (nc.size() != oc.size()) {
            errs.push_back(field::forbidden(p, "pod updates may not add or remove containers"));
            return true;
        }
        for (std::size_t i = 0; i < nc.size(); ++i) {
            if (nc[i].image.empty()) errs.push_back(field::required(p.index(i).child("image")));
            if (vdetail::trim_space(nc[i].image).size() != nc[i].image.size())
                errs.push_back(field::invalid(p.index(i).child("image"), nc[i].image,
                                              "must not have leading or trailing whitespace"));
        }
        return false;
    };
    if (container_updates(new_obj.spec.containers, old_obj.spec.containers, sp.child("containers"))) return errs;
    if (container_updates(new_obj.spec.init_containers, old_obj.spec.init_containers, sp.child("initContainers")))
        return errs;

    const auto& nad = new_obj.spec.active_deadline_seconds;
    const auto& oad = old_obj.spec.active_deadline_seconds;
    if (nad) {
        if (*nad < 0 || *nad > std::numeric_limits<std::int32_t>::max()) {
            errs.push_back(field::invalid(sp.child("activeDeadlineSeconds"), *nad,
                                          inclusive_range_error(0, std::numeric_limits<std::int32_t>::max())));
            return errs;
        }
        if (oad && *oad < *nad) {
            errs.push_back(field::invalid(sp.child("activeDeadlineSeconds"), *nad, "must be less than or equal to previous value"));
            return errs;
        }
    } else if (oad) {
        errs.push_back(field::invalid_raw(sp.child("activeDeadlineSeconds"), "null", "must not update from a positive integer to nil value"));
    }

    // validateOnlyAddedTolerations
    bool tolerations_ok = true;
    for (const auto& ot : old_obj.spec.tolerations) {
        bool found = false;
        for (const auto& nt : new_obj.spec.tolerations) {
            auto clone = ot;
            clone.toleration_seconds = nt.toleration_seconds;
            if (clone == nt) {
                found = true;
                break;
            }
        }
        if (!found) {
            errs.push_back(field::forbidden(sp.child("tolerations"), "existing toleration can not be modified except its tolerationSeconds"));
            tolerations_ok = false;
            break;
        }
    }
    if (tolerations_ok) vdetail::append(errs, validate_tolerations(new_obj.spec.tolerations, sp.child("tolerations")));

    if (new_obj.spec == old_obj.spec) return errs;
    pod_spec munged = new_obj.spec;
    for (std::size_t i = 0; i < munged.containers.size(); ++i) munged.containers[i].image = old_obj.spec.containers[i].image;
    for (std::size_t i = 0; i < munged.init_containers.size(); ++i)
        munged.init_containers[i].image = old_obj.spec.init_containers[i].image;
    munged.active_deadline_seconds = old_obj.spec.active_deadline_seconds;
    munged.tolerations = old_obj.spec.tolerations;
    const auto& ogp = old_obj.spec.termination_grace_period_seconds;
    if (ogp && *ogp < 0 && munged.termination_grace_period_seconds && *munged.termination_grace_period_seconds == 1)
        munged.termination_grace_period_seconds = ogp;
    if (!(munged == old_obj.spec)) {
        std::string diff = "  core.PodSpec{\n";
        for (const auto& f : vdetail::changed_pod_spec_fields(old_obj.spec, munged)) diff += "  \t" + f + ": ... // changed\n";
        diff += "  }\n";
        errs.push_back(field::forbidden(
            sp, "pod updates may not change fields other than " + std::string(vdetail::updatable_pod_spec_fields) + "\n" + diff));
    }
    return errs;
}

field::error_list validate_status_update(const pod& new_obj, const pod& old_obj) {
    const field::path mp("metadata");
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, mp);
    vdetail::append(errs, vdetail::validate_pod_specific_annotation_updates(new_obj, old_obj, mp.child("annotations")));
    // validatePodConditions (upstream passes metadata.conditions as the path)
    for (std::size_t i = 0; i < new_obj.status.conditions.size(); ++i) {
        const auto& t = new_obj.status.conditions[i].type;
        if (t == "PodScheduled" || t == "Ready" || t == "Initialized") continue;
        vdetail::append(errs, validate_qualified_name(t, mp.child("conditions").index(i).child("Type")));
    }
    const field::path st("status");
    if (new_obj.spec.node_name != old_obj.spec.node_name)
        errs.push_back(field::forbidden(st.child("nodeName"), "may not be changed directly"));
    if (new_obj.status.nominated_node_name != old_obj.status.nominated_node_name &&
        !new_obj.status.nominated_node_name.empty())
        for (auto& m : validate_node_name(new_obj.status.nominated_node_name, false))
            errs.push_back(field::invalid(st.child("nominatedNodeName"), new_obj.status.nominated_node_name, std::move(m)));
    if (new_obj.status.qos_class != old_obj.status.qos_class)
        errs.push_back(field::invalid_raw(st.child("qosClass"), vdetail::json_str(new_obj.status.qos_class),
                                          std::string(field_immutable_error_msg)));
    // ValidateContainerStateTransition / ValidateInitContainerStateTransition
    auto transitions = [&](const std::vector<container_status>& ns, const std::vector<container_status>& os,
                           const field::path& p, bool init) {
        const auto& rp = old_obj.spec.restart_policy;
        if (rp == "Always") return;
        for (std::size_t i = 0; i < os.size(); ++i) {
            if (!os[i].state.terminated) continue;
            if (os[i].state.terminated->exit_code != 0 && rp == "OnFailure") continue;
            if (init) {
                bool restartable = false;
                for (const auto& c : old_obj.spec.init_containers)
                    if (c.name == os[i].name) {
                        restartable = c.restart_policy && *c.restart_policy == "Always";
                        break;
                    }
                if (restartable) continue;
            }
            for (const auto& n : ns)
                if (n.name == os[i].name && !n.state.terminated)
                    errs.push_back(field::forbidden(p.index(i).child("state"), "may not be transitioned to non-terminated state"));
        }
    };
    transitions(new_obj.status.container_statuses, old_obj.status.container_statuses, st.child("containerStatuses"), false);
    transitions(new_obj.status.init_container_statuses, old_obj.status.init_container_statuses,
                st.child("initContainerStatuses"), true);
    // validatePodIPs / validateHostIPs
    auto ip_list = [&](const std::vector<pod_ip>& ips, const field::path& p) {
        for (std::size_t i = 0; i < ips.size(); ++i) vdetail::append(errs, is_valid_ip(p.index(i), ips[i].ip));
    };
    auto dual_and_dupes = [&](const std::vector<pod_ip>& ips, const field::path& p) {
        if (ips.size() <= 1) return;
        int v4 = 0, v6 = 0;
        for (const auto& x : ips) {
            auto ip = vdetail::parse_ip(x.ip);
            if (!ip) return;
            (vdetail::is_v4(*ip) ? v4 : v6)++;
        }
        std::string rendered = "[";
        for (std::size_t i = 0; i < ips.size(); ++i) rendered += (i ? ",{\"IP\":" : "{\"IP\":") + vdetail::json_str(ips[i].ip) + "}";
        rendered += "]";
        if (!(v4 > 0 && v6 > 0) || ips.size() > 2)
            errs.push_back(field::invalid_raw(p, rendered, "may specify no more than one IP for each IP family"));
        std::set<std::string> seen;
        for (std::size_t i = 0; i < ips.size(); ++i) {
            if (seen.count(ips[i].ip))
                errs.push_back(vdetail::make(field::error_type::duplicate, p.index(i), "{\"IP\":" + vdetail::json_str(ips[i].ip) + "}"));
            seen.insert(ips[i].ip);
        }
    };
    ip_list(new_obj.status.pod_ips, st.child("podIPs"));
    bool pod_ips_bad = false;
    for (const auto& x : new_obj.status.pod_ips) pod_ips_bad = pod_ips_bad || !is_valid_ip(field::path{}, x.ip).empty();
    if (!pod_ips_bad) dual_and_dupes(new_obj.status.pod_ips, st.child("podIPs"));
    if (!new_obj.status.host_ips.empty()) {
        const auto hp = st.child("hostIPs");
        if (new_obj.status.host_ip != new_obj.status.host_ips[0].ip)
            errs.push_back(field::invalid(hp.index(0).child("ip"), new_obj.status.host_ips[0].ip, "must be equal to `hostIP`"));
        ip_list(new_obj.status.host_ips, hp);
        dual_and_dupes(new_obj.status.host_ips, hp);
    }
    return errs;
}

// ---- node ------------------------------------------------------------------------------

namespace vdetail {

// validateNodeTaints (upstream hangs them under metadata.taints; kept).
[[nodiscard]] KUBESIM_DECL field::error_list validate_node_taints(const std::vector<taint>& taints, const field::path& p) {
    field::error_list errs;
    std::map<std::string, std::set<std::string>> unique;
    for (std::size_t i = 0; i < taints.size(); ++i) {
        const auto& t = taints[i];
        const auto ip = p.index(i);
        append(errs, labels::validate_label_name(t.key, ip.child("key")));
        auto msgs = is_valid_label_value(t.value);
        if (!msgs.empty()) {
            std::string joined;
            for (std::size_t k = 0; k < msgs.size(); ++k) joined += (k ? ";" : "") + msgs[k];
            errs.push_back(field::invalid(ip.child("value"), t.value, joined));
        }
        if (t.effect.empty())
            errs.push_back(field::required(ip.child("effect")));
        else if (t.effect != "NoSchedule" && t.effect != "PreferNoSchedule" && t.effect != "NoExecute")
            errs.push_back(not_supported_raw(ip.child("effect"), json_str(t.effect), {"NoSchedule", "PreferNoSchedule", "NoExecute"}));
        auto& keys = unique[t.effect];
        if (keys.count(t.key)) {
            errs.push_back(make(field::error_type::duplicate, ip, json_taint(t), "taints must be unique by key and effect pair"));
            continue;
        }
        keys.insert(t.key);
    }
    return errs;
}

// ValidateNodeResources
[[nodiscard]] KUBESIM_DECL field::error_list validate_node_resources(const node& n) {
    field::error_list errs;
    for (const auto& [k, v] : n.status.capacity)
        append(errs, validate_resource_quantity_value(k, v, field::path("status").child("capacity").child(k)));
    for (const auto& [k, v] : n.status.allocatable)
        append(errs, validate_resource_quantity_value(k, v, field::path("status").child("allocatable").child(k)));
    return errs;
}

[[nodiscard]] KUBESIM_DECL std::vector<std::string> node_pod_cidrs(const node& n) {
    if (!n.spec.pod_cidrs.empty()) return n.spec.pod_cidrs;
    if (!n.spec.pod_cidr.empty()) return {n.spec.pod_cidr};
    return {};
}

}  // namespace vdetail

field::error_list validate(const node& n) {
    const field::path mp("metadata");
    auto errs = validate_object_meta(n.metadata, false, validate_node_name, mp);
    if (!n.spec.taints.empty()) vdetail::append(errs, vdetail::validate_node_taints(n.spec.taints, mp.child("taints")));
    vdetail::append(errs, vdetail::validate_node_resources(n));
    const auto cidrs = vdetail::node_pod_cidrs(n);
    if (!cidrs.empty()) {
        const auto cp = field::path("spec").child("podCIDRs");
        bool bad = false;
        for (std::size_t i = 0; i < cidrs.size(); ++i) {
            auto e = is_valid_cidr(cp.index(i), cidrs[i]);
            bad = bad || !e.empty();
            vdetail::append(errs, std::move(e));
        }
        if (cidrs.size() > 1 && !bad) {
            int v4 = 0, v6 = 0;
            for (const auto& c : cidrs) (vdetail::is_ipv6_string(c.substr(0, c.find('/'))) ? v6 : v4)++;
            if (!(v4 > 0 && v6 > 0) || cidrs.size() > 2)
                errs.push_back(field::invalid_raw(cp, vdetail::json_str_list(cidrs), "may specify no more than one CIDR for each IP family"));
            std::set<std::string> seen;
            for (std::size_t i = 0; i < cidrs.size(); ++i) {
                if (seen.count(cidrs[i])) errs.push_back(field::duplicate(cp.index(i), cidrs[i]));
                seen.insert(cidrs[i]);
            }
        }
    }
    return errs;
}

field::error_list validate_update(const node& new_obj, const node& old_obj) {
    const field::path mp("metadata");
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, mp);
    vdetail::append(errs, vdetail::validate_node_resources(new_obj));
    std::set<std::pair<std::string, std::string>> addresses;
    for (std::size_t i = 0; i < new_obj.status.addresses.size(); ++i) {
        const auto& a = new_obj.status.addresses[i];
        if (!addresses.insert({a.type, a.address}).second)
            errs.push_back(vdetail::make(field::error_type::duplicate, field::path("status").child("addresses").index(i),
                                         "{\"Type\":" + vdetail::json_str(a.type) + ",\"Address\":" + vdetail::json_str(a.address) + "}"));
    }
    const auto old_cidrs = vdetail::node_pod_cidrs(old_obj);
    const auto new_cidrs = vdetail::node_pod_cidrs(new_obj);
    if (!old_cidrs.empty()) {
        const std::string why = "node updates may not change podCIDR except from \"\" to valid";
        if (old_cidrs.size() != new_cidrs.size()) {
            errs.push_back(field::forbidden(field::path("spec").child("podCIDRs"), why));
        } else {
            for (std::size_t i = 0; i < old_cidrs.size(); ++i)
                if (old_cidrs[i] != new_cidrs[i]) errs.push_back(field::forbidden(field::path("spec").child("podCIDRs"), why));
        }
    }
    if (!old_obj.spec.provider_id.empty() && old_obj.spec.provider_id != new_obj.spec.provider_id)
        errs.push_back(field::forbidden(field::path("spec").child("providerID"),
                                        "node updates may not change providerID except from \"\" to valid"));
    if (!new_obj.spec.taints.empty()) vdetail::append(errs, vdetail::validate_node_taints(new_obj.spec.taints, mp.child("taints")));
    return errs;
}

field::error_list validate_status_update(const node& new_obj, const node& old_obj) {
    return validate_update(new_obj, old_obj);
}

// ---- namespace ---------------------------------------------------------------------------

field::error_list validate(const namespace_& ns) {
    auto errs = validate_object_meta(ns.metadata, false, validate_namespace_name, field::path("metadata"));
    const auto fp = field::path("spec").child("finalizers");
    for (const auto& f : ns.spec.finalizers) {
        vdetail::append(errs, validate_finalizer_name(f, fp));
        vdetail::append(errs, validate_kube_finalizer_name(f, fp));
    }
    return errs;
}

field::error_list validate_update(const namespace_& new_obj, const namespace_& old_obj) {
    return validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
}

field::error_list validate_status_update(const namespace_& new_obj, const namespace_& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    const auto pp = field::path("status").child("Phase");
    if (!new_obj.metadata.deletion_timestamp) {
        if (new_obj.status.phase != "Active")
            errs.push_back(field::invalid_raw(pp, vdetail::json_str(new_obj.status.phase),
                                              "may only be 'Active' if `deletionTimestamp` is empty"));
    } else if (new_obj.status.phase != "Terminating") {
        errs.push_back(field::invalid_raw(pp, vdetail::json_str(new_obj.status.phase),
                                          "may only be 'Terminating' if `deletionTimestamp` is not empty"));
    }
    return errs;
}

field::error_list validate_finalize_update(const namespace_& new_obj, const namespace_& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    const auto fp = field::path("spec").child("finalizers");
    for (std::size_t i = 0; i < new_obj.spec.finalizers.size(); ++i) {
        vdetail::append(errs, validate_finalizer_name(new_obj.spec.finalizers[i], fp.index(i)));
        vdetail::append(errs, validate_kube_finalizer_name(new_obj.spec.finalizers[i], fp.index(i)));
    }
    return errs;
}

// ---- service ---------------------------------------------------------------------------

namespace vdetail {

[[nodiscard]] KUBESIM_DECL bool is_headless_service(const service& s) {
    return s.spec.cluster_ips.size() == 1 && s.spec.cluster_ips[0] == "None";
}

// validateServicePort
[[nodiscard]] KUBESIM_DECL field::error_list validate_service_port(const service_port& sp, bool require_name,
                                                                   std::set<std::string>& names, const field::path& p) {
    field::error_list errs;
    if (require_name && sp.name.empty()) {
        errs.push_back(field::required(p.child("name")));
    } else if (!sp.name.empty()) {
        append(errs, validate_dns1123_label(sp.name, p.child("name")));
        if (names.count(sp.name))
            errs.push_back(field::duplicate(p.child("name"), sp.name));
        else
            names.insert(sp.name);
    }
    for (auto& m : is_valid_port_num(sp.port)) errs.push_back(field::invalid(p.child("port"), sp.port, std::move(m)));
    if (sp.protocol.empty())
        errs.push_back(field::required(p.child("protocol")));
    else if (!contains(supported_port_protocols(), sp.protocol))
        errs.push_back(not_supported_raw(p.child("protocol"), json_str(sp.protocol), supported_port_protocols()));
    append(errs, validate_port_num_or_name(sp.target_port, p.child("targetPort")));
    if (sp.app_protocol) append(errs, validate_qualified_name(*sp.app_protocol, p.child("appProtocol")));
    return errs;
}

// ValidateServiceClusterIPsRelatedFields
[[nodiscard]] KUBESIM_DECL field::error_list validate_cluster_ips_related_fields(const service& svc) {
    const auto& s = svc.spec;
    if (s.type == "ExternalName") return {};
    field::error_list errs;
    const field::path sp("spec");
    const auto cips = sp.child("clusterIPs");
    const auto fams = sp.child("ipFamilies");
    if (!s.cluster_ip.empty()) {
        if (s.cluster_ips.empty())
            errs.push_back(field::required(cips));
        else if (s.cluster_ips[0] != s.cluster_ip)
            errs.push_back(field::invalid_raw(cips, json_str_list(s.cluster_ips), "first value must match `clusterIP`"));
    } else if (!s.cluster_ips.empty()) {
        errs.push_back(field::invalid_raw(cips, json_str_list(s.cluster_ips), "must be empty when `clusterIP` is not specified"));
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < s.ip_families.size(); ++i) {
        const auto& f = s.ip_families[i];
        if (f != "IPv4" && f != "IPv6") errs.push_back(not_supported_raw(fams.index(i), json_str(f), {"IPv4", "IPv6"}));
        if (seen.count(f)) errs.push_back(make(field::error_type::duplicate, fams.index(i), json_str(f)));
        seen.insert(f);
    }
    if (s.ip_family_policy) {
        const auto& pol = *s.ip_family_policy;
        if (pol != "SingleStack" && pol != "PreferDualStack" && pol != "RequireDualStack")
            errs.push_back(not_supported_raw(sp.child("ipFamilyPolicy"), json_str(pol),
                                             {"PreferDualStack", "RequireDualStack", "SingleStack"}));
    }
    bool invalid_ips = false;
    for (std::size_t i = 0; i < s.cluster_ips.size(); ++i) {
        if (i == 0 && s.cluster_ips[i] == "None") {
            if (s.cluster_ips.size() > 1) {
                invalid_ips = true;
                errs.push_back(field::invalid_raw(cips, json_str_list(s.cluster_ips), "'None' must be the first and only value"));
            }
            continue;
        }
        auto e = is_valid_ip(cips.index(i), s.cluster_ips[i]);
        invalid_ips = invalid_ips || !e.empty();
        append(errs, std::move(e));
    }
    if (s.cluster_ips.size() > 2)
        errs.push_back(field::invalid_raw(cips, json_str_list(s.cluster_ips), "may only hold up to 2 values"));
    if (invalid_ips) return errs;
    if (s.cluster_ips.size() > 1) {
        int v4 = 0, v6 = 0;
        for (const auto& ip : s.cluster_ips) (is_ipv6_string(ip) ? v6 : v4)++;
        if (!(v4 > 0 && v6 > 0))
            errs.push_back(field::invalid_raw(cips, json_str_list(s.cluster_ips), "may specify no more than one IP for each IP family"));
    }
    if (!is_headless_service(svc) && !s.cluster_ips.empty() && !s.ip_families.empty()) {
        for (std::size_t i = 0; i < s.cluster_ips.size() && i < s.ip_families.size(); ++i) {
            const bool v6 = is_ipv6_string(s.cluster_ips[i]);
            if (s.ip_families[i] == "IPv4" && v6)
                errs.push_back(field::invalid(cips.index(i), s.cluster_ips[i],
                                              "expected an IPv4 value as indicated by `ipFamilies[" + std::to_string(i) + "]`"));
            if (s.ip_families[i] == "IPv6" && !v6)
                errs.push_back(field::invalid(cips.index(i), s.cluster_ips[i],
                                              "expected an IPv6 value as indicated by `ipFamilies[" + std::to_string(i) + "]`"));
        }
    }
    return errs;
}

}  // namespace vdetail

field::error_list validate(const service& svc) {
    const auto& s = svc.spec;
    auto errs = validate_object_meta(svc.metadata, true, validate_service_name, field::path("metadata"));
    const field::path sp("spec");
    const bool headless = vdetail::is_headless_service(svc);
    if (s.ports.empty() && !headless && s.type != "ExternalName") errs.push_back(field::required(sp.child("ports")));
    if (s.type == "LoadBalancer" && headless)
        errs.push_back(field::invalid(sp.child("clusterIPs").index(0), s.cluster_ips[0], "may not be set to 'None' for LoadBalancer services"));
    if (s.type == "NodePort" && headless)
        errs.push_back(field::invalid(sp.child("clusterIPs").index(0), s.cluster_ips[0], "may not be set to 'None' for NodePort services"));
    if (s.type == "ExternalName") {
        if (!s.cluster_ips.empty()) errs.push_back(field::forbidden(sp.child("clusterIPs"), "may not be set for ExternalName services"));
        if (!s.ip_families.empty()) errs.push_back(field::forbidden(sp.child("ipFamilies"), "may not be set for ExternalName services"));
        if (s.ip_family_policy) errs.push_back(field::forbidden(sp.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
        std::string_view cname = s.external_name;
        if (!cname.empty() && cname.back() == '.') cname.remove_suffix(1);
        if (!cname.empty())
            vdetail::append(errs, validate_dns1123_subdomain(cname, sp.child("externalName")));
        else
            errs.push_back(field::required(sp.child("externalName")));
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < s.ports.size(); ++i)
        vdetail::append(errs, vdetail::validate_service_port(s.ports[i], s.ports.size() > 1, names, sp.child("ports").index(i)));
    vdetail::append(errs, labels::validate_labels(s.selector, sp.child("selector")));
    if (s.session_affinity.empty())
        errs.push_back(field::required(sp.child("sessionAffinity")));
    else if (s.session_affinity != "ClientIP" && s.session_affinity != "None")
        errs.push_back(vdetail::not_supported_raw(sp.child("sessionAffinity"), vdetail::json_str(s.session_affinity), {"ClientIP", "None"}));
    if (s.session_affinity == "ClientIP") {
        const auto cp = sp.child("sessionAffinityConfig");
        if (!s.session_affinity_config) {
            errs.push_back(field::required(cp, "when session affinity type is ClientIP"));
        } else if (!s.session_affinity_config->timeout_seconds) {
            errs.push_back(field::required(cp.child("clientIP").child("timeoutSeconds"), "when session affinity type is ClientIP"));
        } else {
            const auto t = *s.session_affinity_config->timeout_seconds;
            if (t <= 0 || t > 86400)
                errs.push_back(field::invalid(cp.child("clientIP").child("timeoutSeconds"), t, "must be greater than 0 and less than 86400"));
        }
    } else if (s.session_affinity == "None" && s.session_affinity_config) {
        errs.push_back(field::forbidden(sp.child("sessionAffinityConfig"), "must not be set when session affinity is None"));
    }
    vdetail::append(errs, vdetail::validate_cluster_ips_related_fields(svc));
    for (std::size_t i = 0; i < s.external_ips.size(); ++i) {
        const auto ip = sp.child("externalIPs").index(i);
        auto e = is_valid_ip(ip, s.external_ips[i]);
        if (!e.empty())
            vdetail::append(errs, std::move(e));
        else
            vdetail::append(errs, validate_endpoint_ip(s.external_ips[i], ip));
    }
    if (s.type.empty())
        errs.push_back(field::required(sp.child("type")));
    else if (s.type != "ClusterIP" && s.type != "ExternalName" && s.type != "LoadBalancer" && s.type != "NodePort")
        errs.push_back(vdetail::not_supported_raw(sp.child("type"), vdetail::json_str(s.type),
                                                  {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"}));
    if (s.type == "ClusterIP")
        for (std::size_t i = 0; i < s.ports.size(); ++i)
            if (s.ports[i].node_port != 0)
                errs.push_back(field::forbidden(sp.child("ports").index(i).child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
    std::set<std::pair<std::string, std::int32_t>> node_ports, ports;
    for (std::size_t i = 0; i < s.ports.size(); ++i) {
        const auto& port = s.ports[i];
        if (port.node_port == 0) continue;
        if (!node_ports.insert({port.protocol, port.node_port}).second)
            errs.push_back(field::duplicate(sp.child("ports").index(i).child("nodePort"), port.node_port));
    }
    for (std::size_t i = 0; i < s.ports.size(); ++i) {
        const auto& port = s.ports[i];
        if (!ports.insert({port.protocol, port.port}).second)
            errs.push_back(vdetail::make(field::error_type::duplicate, sp.child("ports").index(i),
                                         "{\"Name\":\"\",\"Protocol\":" + vdetail::json_str(port.protocol) +
                                             ",\"AppProtocol\":null,\"Port\":" + std::to_string(port.port) +
                                             ",\"TargetPort\":0,\"NodePort\":0}"));
    }
    if (s.allocate_load_balancer_node_ports && s.type != "LoadBalancer")
        errs.push_back(field::forbidden(sp.child("allocateLoadBalancerNodePorts"), "may only be used when `type` is 'LoadBalancer'"));
    if (s.type == "LoadBalancer" && !s.allocate_load_balancer_node_ports)
        errs.push_back(field::required(field::path("allocateLoadBalancerNodePorts")));
    // validateServiceExternalTrafficPolicy
    const bool externally_accessible =
        s.type == "LoadBalancer" || s.type == "NodePort" || (s.type == "ClusterIP" && !s.external_ips.empty());
    if (!externally_accessible) {
        if (!s.external_traffic_policy.empty())
            errs.push_back(field::invalid_raw(sp.child("externalTrafficPolicy"), vdetail::json_str(s.external_traffic_policy),
                                              "may only be set for externally-accessible services"));
    } else if (s.external_traffic_policy.empty()) {
        errs.push_back(field::required(sp.child("externalTrafficPolicy")));
    } else if (s.external_traffic_policy != "Cluster" && s.external_traffic_policy != "Local") {
        errs.push_back(vdetail::not_supported_raw(sp.child("externalTrafficPolicy"), vdetail::json_str(s.external_traffic_policy),
                                                  {"Cluster", "Local"}));
    }
    // validateServiceInternalTrafficFieldsValue
    if (!s.internal_traffic_policy && (s.type == "NodePort" || s.type == "LoadBalancer" || s.type == "ClusterIP"))
        errs.push_back(field::required(sp.child("internalTrafficPolicy")));
    if (s.internal_traffic_policy && *s.internal_traffic_policy != "Cluster" && *s.internal_traffic_policy != "Local")
        errs.push_back(vdetail::not_supported_raw(sp.child("internalTrafficPolicy"), vdetail::json_str(*s.internal_traffic_policy),
                                                  {"Cluster", "Local"}));
    return errs;
}

field::error_list validate_update(const service& new_obj, const service& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    const auto& n = new_obj.spec;
    const auto& o = old_obj.spec;
    const auto cips = field::path("spec").child("clusterIPs");
    const auto fams = field::path("spec").child("ipFamilies");
    const auto pol = field::path("spec").child("ipFamilyPolicy");
    const bool external = n.type == "ExternalName" || o.type == "ExternalName";
    const bool nh = vdetail::is_headless_service(new_obj), oh = vdetail::is_headless_service(old_obj);
    const std::string policy = n.ip_family_policy ? vdetail::json_str(*n.ip_family_policy) : std::string("null");
    // validateUpgradeDowngradeClusterIPs
    if (!external && !(oh && nh)) {
        if (o.cluster_ips.size() == n.cluster_ips.size()) {
            for (std::size_t i = 0; i < o.cluster_ips.size(); ++i)
                if (o.cluster_ips[i] != n.cluster_ips[i])
                    errs.push_back(field::invalid_raw(cips.index(i), vdetail::json_str_list(n.cluster_ips), "may not change once set"));
        } else if (o.cluster_ips.size() > n.cluster_ips.size()) {
            if (n.cluster_ips.empty())
                errs.push_back(field::invalid_raw(cips.index(0), vdetail::json_str_list(n.cluster_ips), "primary clusterIP can not be unset"));
            if (!o.cluster_ips.empty() && !n.cluster_ips.empty() && n.cluster_ips[0] != o.cluster_ips[0])
                errs.push_back(field::invalid_raw(cips.index(0), vdetail::json_str_list(n.cluster_ips), "may not change once set"));
            if (n.cluster_ips.size() == 1 && (!n.ip_family_policy || *n.ip_family_policy != "SingleStack"))
                errs.push_back(field::invalid_raw(pol, policy, "must be set to 'SingleStack' when releasing the secondary clusterIP"));
        } else if (!o.cluster_ips.empty() && n.cluster_ips[0] != o.cluster_ips[0]) {
            errs.push_back(field::invalid_raw(cips.index(0), vdetail::json_str_list(n.cluster_ips), "may not change once set"));
        }
    }
    // validateUpgradeDowngradeIPFamilies
    if (!external && nh == oh && !nh) {
        if (o.ip_families.size() == n.ip_families.size()) {
            for (std::size_t i = 0; i < o.ip_families.size(); ++i)
                if (o.ip_families[i] != n.ip_families[i])
                    errs.push_back(field::invalid_raw(fams.index(0), vdetail::json_str_list(n.ip_families), "may not change once set"));
        } else if (o.ip_families.size() > n.ip_families.size()) {
            if (n.cluster_ips.empty())
                errs.push_back(field::invalid_raw(fams.index(0), vdetail::json_str_list(n.ip_families), "primary ipFamily can not be unset"));
            if (!n.ip_families.empty() && n.ip_families[0] != o.ip_families[0])
                errs.push_back(field::invalid_raw(fams.index(0), vdetail::json_str_list(n.cluster_ips), "may not change once set"));
            if (n.ip_families.size() == 1 && (!n.ip_family_policy || *n.ip_family_policy != "SingleStack"))
                errs.push_back(field::invalid_raw(pol, policy, "must be set to 'SingleStack' when releasing the secondary ipFamily"));
        } else if (!o.ip_families.empty() && !n.ip_families.empty() && n.ip_families[0] != o.ip_families[0]) {
            errs.push_back(field::invalid_raw(fams.index(0), vdetail::json_str_list(n.cluster_ips), "may not change once set"));
        }
    }
    vdetail::append(errs, validate(new_obj));
    return errs;
}

field::error_list validate_status_update(const service& new_obj, const service& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    const auto ip = field::path("status").child("loadBalancer").child("ingress");
    const auto& ingress = new_obj.status.load_balancer.ingress;
    for (std::size_t i = 0; i < ingress.size(); ++i) {
        if (!ingress[i].ip.empty()) vdetail::append(errs, is_valid_ip(ip.index(i).child("ip"), ingress[i].ip));
        if (!ingress[i].hostname.empty()) {
            vdetail::append(errs, validate_dns1123_subdomain(ingress[i].hostname, ip.index(i).child("hostname")));
            if (vdetail::parse_ip(ingress[i].hostname))
                errs.push_back(field::invalid(ip.index(i).child("hostname"), ingress[i].hostname, "must be a DNS name, not an IP address"));
        }
    }
    return errs;
}

// ---- event (core/v1: the legacy rules, events.go legacyValidateEvent) -------------------

field::error_list validate(const event& e) {
    field::error_list errs;
    const auto& ns = e.metadata.namespace_;
    const auto& ins = e.involved_object.namespace_;
    const field::path inp = field::path("involvedObject").child("namespace");
    if (!e.event_time) {
        if (ins.empty()) {
            if (!ns.empty() && ns != "default") errs.push_back(field::invalid(inp, ins, "does not match event.namespace"));
        } else if (ns != ins) {
            errs.push_back(field::invalid(inp, ins, "does not match event.namespace"));
        }
    } else {
        if (ins.empty() && ns != "default" && ns != "kube-system")
            errs.push_back(field::invalid(inp, ins, "does not match event.namespace"));
        if (e.reporting_component.empty()) errs.push_back(field::required(field::path("reportingComponent")));
        vdetail::append(errs, validate_qualified_name(e.reporting_component, field::path("reportingComponent")));
        if (e.reporting_instance.empty()) errs.push_back(field::required(field::path("reportingInstance")));
        if (e.reporting_instance.size() > 128)
            errs.push_back(field::invalid(field::path("reportingInstance"), "", "can have at most 128 characters"));
        if (e.action.empty()) errs.push_back(field::required(field::path("action")));
        if (e.action.size() > 128) errs.push_back(field::invalid(field::path("action"), "", "can have at most 128 characters"));
        if (e.reason.empty()) errs.push_back(field::required(field::path("reason")));
        if (e.reason.size() > 128) errs.push_back(field::invalid(field::path("reason"), "", "can have at most 128 characters"));
        if (e.message.size() > 1024) errs.push_back(field::invalid(field::path("message"), "", "can have at most 1024 characters"));
    }
    for (auto& m : is_dns1123_subdomain(ns)) errs.push_back(field::invalid(field::path("namespace"), ns, std::move(m)));
    return errs;
}

field::error_list validate_update(const event& new_obj, const event& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    vdetail::append(errs, validate(new_obj));
    return errs;
}

// ---- config map and secret --------------------------------------------------------------

field::error_list validate(const config_map& cm) {
    auto errs = validate_object_meta(cm.metadata, true, validate_config_map_name, field::path("metadata"));
    std::size_t total = 0;
    for (const auto& [k, v] : cm.data) {
        for (auto& m : is_config_map_key(k)) errs.push_back(field::invalid(field::path("data").key(k), k, std::move(m)));
        if (cm.binary_data.count(k))
            errs.push_back(field::invalid(field::path("data").key(k), k, "duplicate of key present in binaryData"));
        total += v.size();
    }
    for (const auto& [k, v] : cm.binary_data) {
        for (auto& m : is_config_map_key(k)) errs.push_back(field::invalid(field::path("binaryData").key(k), k, std::move(m)));
        total += v.size();
    }
    if (total > max_secret_size) errs.push_back(field::too_long(field::path(""), max_secret_size));
    return errs;
}

field::error_list validate_update(const config_map& new_obj, const config_map& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    if (old_obj.immutable.value_or(false)) {
        const std::string why = "field is immutable when `immutable` is set";
        if (!new_obj.immutable.value_or(false)) errs.push_back(field::forbidden(field::path("immutable"), why));
        if (new_obj.data != old_obj.data) errs.push_back(field::forbidden(field::path("data"), why));
        if (new_obj.binary_data != old_obj.binary_data) errs.push_back(field::forbidden(field::path("binaryData"), why));
    }
    vdetail::append(errs, validate(new_obj));
    return errs;
}

field::error_list validate(const secret& s) {
    auto errs = validate_object_meta(s.metadata, true, validate_secret_name, field::path("metadata"));
    const field::path dp("data");
    std::map<std::string, std::string> data = s.data;
    for (const auto& [k, v] : s.string_data) data[k] = v;
    std::size_t total = 0;
    for (const auto& [k, v] : data) {
        for (auto& m : is_config_map_key(k)) errs.push_back(field::invalid(dp.key(k), k, std::move(m)));
        total += v.size();
    }
    if (total > max_secret_size) errs.push_back(field::too_long(dp, max_secret_size));
    const auto& t = s.type;
    if (t == "kubernetes.io/service-account-token") {
        auto it = s.metadata.annotations.find("kubernetes.io/service-account.name");
        if (it == s.metadata.annotations.end() || it->second.empty())
            errs.push_back(field::required(field::path("metadata").child("annotations").key("kubernetes.io/service-account.name")));
    } else if (t == "kubernetes.io/dockercfg") {
        if (!data.count(".dockercfg")) errs.push_back(field::required(dp.key(".dockercfg")));
    } else if (t == "kubernetes.io/dockerconfigjson") {
        if (!data.count(".dockerconfigjson")) errs.push_back(field::required(dp.key(".dockerconfigjson")));
    } else if (t == "kubernetes.io/basic-auth") {
        if (!data.count("username") && !data.count("password")) {
            errs.push_back(field::required(dp.key("username")));
            errs.push_back(field::required(dp.key("password")));
        }
    } else if (t == "kubernetes.io/ssh-auth") {
        auto it = data.find("ssh-privatekey");
        if (it == data.end() || it->second.empty()) errs.push_back(field::required(dp.key("ssh-privatekey")));
    } else if (t == "kubernetes.io/tls") {
        if (!data.count("tls.crt")) errs.push_back(field::required(dp.key("tls.crt")));
        if (!data.count("tls.key")) errs.push_back(field::required(dp.key("tls.key")));
    }
    return errs;
}

field::error_list validate_update(const secret& new_obj, const secret& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    if (new_obj.type != old_obj.type)
        errs.push_back(field::invalid_raw(field::path("type"), vdetail::json_str(new_obj.type), std::string(field_immutable_error_msg)));
    if (old_obj.immutable.value_or(false)) {
        const std::string why = "field is immutable when `immutable` is set";
        if (!new_obj.immutable.value_or(false)) errs.push_back(field::forbidden(field::path("immutable"), why));
        if (new_obj.data != old_obj.data) errs.push_back(field::forbidden(field::path("data"), why));
    }
    vdetail::append(errs, validate(new_obj));
    return errs;
}

}  // namespace kubesim::api::validation
