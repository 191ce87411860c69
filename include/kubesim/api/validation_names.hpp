// String validators for names, label keys and values, ports, percents and
// environment variable names, returning upstream's messages word for word.
// Models apimachinery pkg/util/validation/validation.go and, for label keys and
// values (which moved there and now say "bytes" instead of "characters"),
// pkg/api/validate/content (dns.go, kube.go, identifier.go, errors.go) as of
// Kubernetes 1.35. The regular expressions upstream uses are matched by hand here;
// each checker names the expression it implements.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>

namespace kubesim::api::validation {

inline constexpr std::size_t dns1123_label_max_length = 63;
inline constexpr std::size_t dns1123_subdomain_max_length = 253;
inline constexpr std::size_t dns1035_label_max_length = 63;
inline constexpr std::size_t label_value_max_length = 63;
inline constexpr std::size_t label_key_name_max_length = 63;

// ---- message builders (util/validation) -------------------------------------

[[nodiscard]] KUBESIM_DECL std::string max_len_error(std::size_t length);

[[nodiscard]] KUBESIM_DECL std::string empty_error();

[[nodiscard]] KUBESIM_DECL std::string inclusive_range_error(std::int64_t lo, std::int64_t hi);

// "msg (e.g. 'a',  or 'b', regex used for validation is 're')". The doubled space
// before "or" is upstream's, kept because users search for these strings.
[[nodiscard]] KUBESIM_DECL std::string regex_error(std::string_view msg, std::string_view re,
                                                   std::initializer_list<std::string_view> examples = {});

// ---- api/validate/content: label keys and values ("bytes" wording) -----------

namespace content {

[[nodiscard]] KUBESIM_DECL std::string max_len_error(std::size_t length);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_dns1123_label(std::string_view value);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_dns1123_subdomain(std::string_view value);

// IsLabelKey (== IsQualifiedName): [prefix/]name, prefix a DNS-1123 subdomain,
// name at most 63 bytes of ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9].
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_label_key(std::string_view value);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_label_value(std::string_view value);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_c_identifier(std::string_view value);

}  // namespace content

// ---- util/validation ----------------------------------------------------------

// Names of most objects (pods, deployments, config maps, ...).
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_dns1123_subdomain(std::string_view value);

// Names of namespaces, nodes' hostnames, container names, ...
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_dns1123_label(std::string_view value);

// Names of services (they become DNS names and env var prefixes).
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_dns1035_label(std::string_view value);

// Label keys, annotation keys, finalizer names. Upstream aliases content.IsLabelKey.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_qualified_name(std::string_view value);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_valid_label_value(std::string_view value);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_c_identifier(std::string_view value);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_valid_port_num(std::int64_t port);

[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_in_range(std::int64_t value, std::int64_t min, std::int64_t max);

// Named container/service ports: at most 15 of [-a-z0-9], a letter, no "--",
// no leading or trailing '-'.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_valid_port_name(std::string_view port);

// "25%" for maxSurge / maxUnavailable.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_valid_percent(std::string_view percent);

// The strict env var name rule (before RelaxedEnvironmentVariableValidation).
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_env_var_name(std::string_view value);

// The relaxed rule of the RelaxedEnvironmentVariableValidation feature: any
// printable ASCII character except '='.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_relaxed_env_var_name(std::string_view value);

// Keys of config maps and secrets.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> is_config_map_key(std::string_view value);

}  // namespace kubesim::api::validation

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/validation_names.ipp>
#endif
