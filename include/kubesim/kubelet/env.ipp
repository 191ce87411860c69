// Definitions of kubelet/env.hpp.
#pragma once

#include <kubesim/kubelet/env.hpp>

#include <cstddef>
#include <utility>

#include <kubesim/api/core/config_map.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/secret.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/api/validation_names.hpp>
#include <kubesim/kubelet/expansion.hpp>

namespace kubesim::kubelet {

namespace detail {

// makeEnvVariableName: "my-svc.x" -> "MY_SVC_X"; a leading digit gets a '_' prefix.
[[nodiscard]] KUBESIM_DECL std::string make_env_variable_name(std::string_view s) {
    std::string out;
    if (!s.empty() && s.front() >= '0' && s.front() <= '9') out += '_';
    for (char c : s) {
        if (c == '-' || c == '.') c = '_';
        else if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        out += c;
    }
    return out;
}

[[nodiscard]] KUBESIM_DECL std::string to_lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

[[nodiscard]] KUBESIM_DECL std::string to_upper(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    return out;
}

// Length of the valid UTF-8 sequence starting at s[i], 0 if invalid.
[[nodiscard]] KUBESIM_DECL std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto b = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (b >= 0xC2 && b <= 0xDF) n = 2;
    else if (b >= 0xE0 && b <= 0xEF) n = 3;
    else if (b >= 0xF0 && b <= 0xF4) n = 4;
    else return 0;
    if (i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return 0;
    return n;
}

// Go's %q of a string (strconv.Quote), for ASCII exactly; valid UTF-8 sequences
// are copied as they are (Go also escapes non-printable runes there).
[[nodiscard]] KUBESIM_DECL std::string go_quote(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        const auto b = static_cast<unsigned char>(c);
        switch (c) {
            case '"': out += "\\\""; continue;
            case '\\': out += "\\\\"; continue;
            case '\a': out += "\\a"; continue;
            case '\b': out += "\\b"; continue;
            case '\f': out += "\\f"; continue;
            case '\n': out += "\\n"; continue;
            case '\r': out += "\\r"; continue;
            case '\t': out += "\\t"; continue;
            case '\v': out += "\\v"; continue;
            default: break;
        }
        if (b >= 0x20 && b < 0x7F) {
            out += c;
        } else if (b >= 0x80) {
            const std::size_t n = utf8_sequence_length(s, i);
            if (n == 0) {
                out += "\\x";
                out += hex[b >> 4];
                out += hex[b & 0xF];
            } else {
                out.append(s.substr(i, n));
                i += n - 1;
            }
        } else {
            out += "\\x";
            out += hex[b >> 4];
            out += hex[b & 0xF];
        }
    }
    out += '"';
    return out;
}

[[nodiscard]] KUBESIM_DECL std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

struct subscripted_path {
    std::string path{};
    std::string subscript{};
    bool ok{false};
};

// SplitMaybeSubscriptedPath: "metadata.labels['a']" -> {"metadata.labels", "a", true}.
[[nodiscard]] KUBESIM_DECL subscripted_path split_maybe_subscripted_path(std::string_view field_path) {
    constexpr std::string_view close = "']";
    if (field_path.size() < close.size() || field_path.substr(field_path.size() - close.size()) != close)
        return {std::string(field_path), "", false};
    const std::string_view s = field_path.substr(0, field_path.size() - close.size());
    const std::size_t open = s.find("['");
    if (open == std::string_view::npos || open == 0) return {std::string(field_path), "", false};
    return {std::string(s.substr(0, open)), std::string(s.substr(open + 2)), true};
}

[[nodiscard]] KUBESIM_DECL std::string join_ips(const std::vector<api::pod_ip>& ips) {
    std::string out;
    for (std::size_t i = 0; i < ips.size(); ++i) {
        if (i) out += ',';
        out += ips[i].ip;
    }
    return out;
}

[[nodiscard]] KUBESIM_DECL api::status config_error(std::string message) {
    // Not an API answer: the kubelet reports message as the waiting container's
    // message with reason CreateContainerConfigError.
    return api::errors::detail::failure("CreateContainerConfigError", 400, std::move(message));
}

}  // namespace detail

std::string format_map(const std::map<std::string, std::string>& m) {
    std::string out;
    for (const auto& [k, v] : m) {
        if (!out.empty()) out += '\n';
        out += k;
        out += '=';
        out += detail::go_quote(v);
    }
    return out;
}

env_list service_link_env(const std::vector<const api::service*>& services) {
    env_list out;
    for (const api::service* svc : services) {
        if (svc == nullptr) continue;
        const std::string& ip = svc->spec.cluster_ip;
        if (ip.empty() || ip == "None" || svc->spec.ports.empty()) continue;
        const std::string prefix = detail::make_env_variable_name(svc->metadata.name);
        const std::string port_name = prefix + "_SERVICE_PORT";
        out.emplace_back(prefix + "_SERVICE_HOST", ip);
        out.emplace_back(port_name, std::to_string(svc->spec.ports.front().port));
        for (const auto& sp : svc->spec.ports)
            if (!sp.name.empty())
                out.emplace_back(port_name + "_" + detail::make_env_variable_name(sp.name), std::to_string(sp.port));
        // Docker-compatible link variables; Docker special-cases the first port.
        for (std::size_t i = 0; i < svc->spec.ports.size(); ++i) {
            const auto& sp = svc->spec.ports[i];
            const std::string protocol = sp.protocol.empty() ? std::string("TCP") : sp.protocol;
            const std::string lower = detail::to_lower(protocol);
            const std::string url = lower + "://" + ip + ":" + std::to_string(sp.port);
            if (i == 0) out.emplace_back(prefix + "_PORT", url);
            const std::string pp = prefix + "_PORT_" + std::to_string(sp.port) + "_" + detail::to_upper(protocol);
            out.emplace_back(pp, url);
            out.emplace_back(pp + "_PROTO", lower);
            out.emplace_back(pp + "_PORT", std::to_string(sp.port));
            out.emplace_back(pp + "_ADDR", ip);
        }
    }
    return out;
}

std::optional<std::string> extract_field_path(const api::pod& pod, std::string_view field_path, std::string& error) {
    // ConvertDownwardAPIFieldLabel (version v1).
    std::string path(field_path);
    const detail::subscripted_path sp = detail::split_maybe_subscripted_path(field_path);
    if (sp.ok) {
        if (sp.path != "metadata.annotations" && sp.path != "metadata.labels") {
            error = "field label does not support subscript: " + path;
            return std::nullopt;
        }
    } else if (path == "spec.host") {  // backwards compatibility with old v1 clients
        path = "spec.nodeName";
    } else {
        static constexpr std::string_view supported[] = {
            "metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
            "metadata.uid", "spec.nodeName", "spec.restartPolicy", "spec.serviceAccountName",
            "spec.schedulerName", "status.phase", "status.hostIP", "status.hostIPs",
            "status.podIP", "status.podIPs"};
        bool found = false;
        for (std::string_view s : supported) found = found || s == path;
        if (!found) {
            error = "field label not supported: " + path;
            return std::nullopt;
        }
    }

    // podFieldSelectorRuntimeValue.
    if (path == "spec.nodeName") return pod.spec.node_name;
    if (path == "spec.serviceAccountName") return pod.spec.service_account_name;
    if (path == "status.hostIP") {
        if (!pod.status.host_ips.empty()) return pod.status.host_ips.front().ip;
        return pod.status.host_ip;
    }
    if (path == "status.hostIPs") {
        if (pod.status.host_ips.empty()) return pod.status.host_ip;
        return detail::join_ips(pod.status.host_ips);
    }
    if (path == "status.podIP") {
        if (!pod.status.pod_ips.empty()) return pod.status.pod_ips.front().ip;
        return pod.status.pod_ip;
    }
    if (path == "status.podIPs") {
        if (pod.status.pod_ips.empty()) return pod.status.pod_ip;
        return detail::join_ips(pod.status.pod_ips);
    }

    // ExtractFieldPathAsString.
    if (sp.ok) {
        const bool annotations = sp.path == "metadata.annotations";
        const auto errs = api::validation::is_qualified_name(annotations ? detail::to_lower(sp.subscript)
                                                                         : sp.subscript);
        if (!errs.empty()) {
            error = "invalid key subscript in " + path + ": " + detail::join(errs, ";");
            return std::nullopt;
        }
        const auto& m = annotations ? pod.metadata.annotations : pod.metadata.labels;
        const auto it = m.find(sp.subscript);
        return it == m.end() ? std::string() : it->second;
    }
    if (path == "metadata.annotations") return format_map(pod.metadata.annotations);
    if (path == "metadata.labels") return format_map(pod.metadata.labels);
    if (path == "metadata.name") return pod.metadata.name;
    if (path == "metadata.namespace") return pod.metadata.namespace_;
    if (path == "metadata.uid") return pod.metadata.uid;
    error = "unsupported fieldPath: " + path;
    return std::nullopt;
}

service_env_map service_env_var_map(std::string_view ns, bool enable_service_links,
                                    const std::vector<const api::service*>& services) {
    std::map<std::string, const api::service*> by_name;
    for (const api::service* svc : services) {
        if (svc == nullptr) continue;
        const std::string& ip = svc->spec.cluster_ip;
        if (ip.empty() || ip == "None") continue;
        const std::string& name = svc->metadata.name;
        const std::string_view svc_ns = svc->metadata.namespace_.empty() ? std::string_view("default")
                                                                         : std::string_view(svc->metadata.namespace_);
        if (svc_ns == "default" && name == "kubernetes") {
            by_name.emplace(name, svc);  // only when not already set
        } else if (svc_ns == ns && enable_service_links) {
            by_name[name] = svc;
        }
    }
    std::vector<const api::service*> mapped;
    for (const auto& [name, svc] : by_name) mapped.push_back(svc);
    service_env_map m;
    for (auto& [k, v] : service_link_env(mapped)) m.insert_or_assign(std::move(k), std::move(v));
    return m;
}

result<container_environment> make_container_environment(const api::container& container, const env_sources& src) {
    static const api::pod empty_pod{};
    const api::pod& pod = src.pod ? *src.pod : empty_pod;
    const std::string ns = pod.metadata.namespace_.empty() ? std::string("default") : pod.metadata.namespace_;
    const std::shared_ptr<const service_env_map> service_env_ptr =
        src.service_env ? src.service_env
                        : std::make_shared<const service_env_map>(
                              service_env_var_map(ns, pod.spec.enable_service_links.value_or(true), src.services));
    const service_env_map& service_env = *service_env_ptr;

    auto get_config_map = [&](const std::string& name) -> const api::config_map* {
        return src.config_map ? src.config_map(name) : nullptr;
    };
    auto get_secret = [&](const std::string& name) -> const api::secret* {
        return src.secret ? src.secret(name) : nullptr;
    };
    auto check_keys = [&](const std::map<std::string, std::string>& data, const std::string& prefix,
                          std::map<std::string, std::string>& into, std::string_view what, const std::string& name) {
        std::vector<std::string> invalid;  // sorted (std::map, common prefix), as sort.Strings does
        for (const auto& [key, value] : data) {
            std::string k = prefix + key;
            if (!api::validation::is_env_var_name(k).empty()) {
                invalid.push_back(std::move(k));
                continue;
            }
            into[k] = value;
        }
        if (!invalid.empty() && src.event) {
            src.event("InvalidEnvironmentVariableNames",
                      "Keys [" + detail::join(invalid, ", ") + "] from the EnvFrom " + std::string(what) + " " + ns +
                          "/" + name + " were skipped since they are considered invalid environment variable names.");
        }
    };

    std::map<std::string, std::string> tmp_env;
    // Env overrides EnvFrom: process EnvFrom first.
    for (const auto& from : container.env_from) {
        if (from.config_map_ref) {
            const auto& ref = *from.config_map_ref;
            const api::config_map* cm = get_config_map(ref.name);
            if (cm == nullptr) {
                if (ref.optional.value_or(false)) continue;
                return detail::config_error("configmap \"" + ref.name + "\" not found");
            }
            check_keys(cm->data, from.prefix, tmp_env, "configMap", ref.name);
        } else if (from.secret_ref) {
            const auto& ref = *from.secret_ref;
            const api::secret* s = get_secret(ref.name);
            if (s == nullptr) {
                if (ref.optional.value_or(false)) continue;
                return detail::config_error("secret \"" + ref.name + "\" not found");
            }
            check_keys(s->data, from.prefix, tmp_env, "secret", ref.name);
        }
    }

    // Values expand $(VAR) against what is defined so far (envFrom and earlier
    // env entries), then the service variables.
    const expansion_lookup lookup = [&](std::string_view name) -> std::optional<std::string> {
        const std::string key(name);
        if (auto it = tmp_env.find(key); it != tmp_env.end()) return it->second;
        if (auto it = service_env.find(key); it != service_env.end()) return it->second;
        return std::nullopt;
    };
    for (const auto& var : container.env) {
        std::string value = var.value;
        if (!value.empty()) {
            value = expand(value, lookup);
        } else if (var.value_from) {
            const api::env_var_source& from = *var.value_from;
            if (from.field_ref) {
                std::string err;
                auto v = extract_field_path(pod, from.field_ref->field_path, err);
                if (!v) return detail::config_error(std::move(err));
                value = std::move(*v);
            } else if (from.resource_field_ref) {
                return detail::config_error("kubesim: resourceFieldRef is not supported yet (env " + var.name + ")");
            } else if (from.config_map_key_ref) {
                const auto& ref = *from.config_map_key_ref;
                const bool optional = ref.optional.value_or(false);
                const api::config_map* cm = get_config_map(ref.name);
                if (cm == nullptr) {
                    if (optional) continue;
                    return detail::config_error("configmap \"" + ref.name + "\" not found");
                }
                const auto it = cm->data.find(ref.key);
                if (it == cm->data.end()) {
                    if (optional) continue;
                    return detail::config_error("couldn't find key " + ref.key + " in ConfigMap " + ns + "/" +
                                                ref.name);
                }
                value = it->second;
            } else if (from.secret_key_ref) {
                const auto& ref = *from.secret_key_ref;
                const bool optional = ref.optional.value_or(false);
                const api::secret* s = get_secret(ref.name);
                if (s == nullptr) {
                    if (optional) continue;
                    return detail::config_error("secret \"" + ref.name + "\" not found");
                }
                const auto it = s->data.find(ref.key);
                if (it == s->data.end()) {
                    if (optional) continue;
                    return detail::config_error("couldn't find key " + ref.key + " in Secret " + ns + "/" + ref.name);
                }
                value = it->second;
            }
        }
        tmp_env[var.name] = std::move(value);
    }

    container_environment out;
    out.own.reserve(tmp_env.size());
    for (auto& [k, v] : tmp_env) out.own.emplace_back(k, std::move(v));
    out.services = service_env_ptr;
    return out;
}

result<env_list> make_environment_variables(const api::container& container, const env_sources& src) {
    auto env = make_container_environment(container, src);
    if (!env) return env.error();
    return env->flatten();
}

}  // namespace kubesim::kubelet
