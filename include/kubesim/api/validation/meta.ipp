// Definitions of api/validation/meta.hpp.
#pragma once

#include <kubesim/api/validation/meta.hpp>

#include <array>
#include <optional>
#include <set>
#include <utility>

#include <kubesim/api/labels.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/api/validation_names.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::validation {

// ---- helpers shared by the validators -----------------------------------------

namespace vdetail {

KUBESIM_DECL void append(field::error_list& to, field::error_list from) {
    to.insert(to.end(), std::make_move_iterator(from.begin()), std::make_move_iterator(from.end()));
}

// An error whose BadValue is already rendered (JSON for composite values).
[[nodiscard]] KUBESIM_DECL field::error make(field::error_type t, const field::path& p, std::optional<std::string> rendered,
                                             std::string detail = {}) {
    return {t, p.str(), std::move(rendered), std::move(detail)};
}

// field.NotSupported with a pre-rendered value.
[[nodiscard]] KUBESIM_DECL field::error not_supported_raw(const field::path& p, std::string rendered,
                                                          const std::vector<std::string>& valid) {
    auto e = field::not_supported(p, std::string_view{}, valid);
    e.bad_value = std::move(rendered);
    return e;
}

// Go's encoding/json renderings of bad values (field.hpp).
[[nodiscard]] KUBESIM_DECL std::string json_str(std::string_view s) { return field::json_quote(s); }
[[nodiscard]] KUBESIM_DECL std::string json_str_list(const std::vector<std::string>& v) { return field::json_string_list(v); }

// json.Marshal(map[string]string): keys sorted, `null` when empty (nil map).
[[nodiscard]] KUBESIM_DECL std::string json_str_map(const std::map<std::string, std::string>& m) {
    if (m.empty()) return "null";
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : m) {
        if (!first) out += ',';
        first = false;
        out += json_str(k) + ":" + json_str(v);
    }
    return out + "}";
}

[[nodiscard]] KUBESIM_DECL std::string json_bool(bool b) { return b ? "true" : "false"; }

template <class Int>
[[nodiscard]] std::string json_opt_int(const std::optional<Int>& v) {
    return v ? std::to_string(*v) : std::string("null");
}

[[nodiscard]] KUBESIM_DECL std::string json_opt_str(const std::optional<std::string>& v) {
    return v ? json_str(*v) : std::string("null");
}

// metav1.Time: RFC 3339 in seconds; a zero time is `null`.
[[nodiscard]] KUBESIM_DECL std::string json_time(const std::optional<time>& t) {
    return t ? json_str(sim::to_rfc3339(*t)) : std::string("null");
}

// metav1.LabelSelector (json tags, omitempty): `{}` when empty.
[[nodiscard]] KUBESIM_DECL std::string json_label_selector(const label_selector& s) {
    std::string out = "{";
    if (!s.match_labels.empty()) out += "\"matchLabels\":" + json_str_map(s.match_labels);
    if (!s.match_expressions.empty()) {
        if (out.size() > 1) out += ',';
        out += "\"matchExpressions\":[";
        for (std::size_t i = 0; i < s.match_expressions.size(); ++i) {
            const auto& r = s.match_expressions[i];
            if (i) out += ',';
            out += "{\"key\":" + json_str(r.key) + ",\"operator\":" + json_str(r.operator_);
            if (!r.values.empty()) out += ",\"values\":" + json_str_list(r.values);
            out += "}";
        }
        out += "]";
    }
    return out + "}";
}

[[nodiscard]] KUBESIM_DECL std::string json_label_selector(const std::optional<label_selector>& s) {
    return s ? json_label_selector(*s) : std::string("null");
}

// metav1.OwnerReference (json tags; controller and blockOwnerDeletion omitempty).
[[nodiscard]] KUBESIM_DECL std::string json_owner_reference(const owner_reference& r) {
    std::string out = "{\"apiVersion\":" + json_str(r.api_version) + ",\"kind\":" + json_str(r.kind) +
                      ",\"name\":" + json_str(r.name) + ",\"uid\":" + json_str(r.uid);
    if (r.controller) out += ",\"controller\":" + json_bool(*r.controller);
    if (r.block_owner_deletion) out += ",\"blockOwnerDeletion\":" + json_bool(*r.block_owner_deletion);
    return out + "}";
}

[[nodiscard]] KUBESIM_DECL std::string json_owner_references(const std::vector<owner_reference>& v) {
    if (v.empty()) return "null";
    std::string out = "[";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += json_owner_reference(v[i]);
    }
    return out + "]";
}

// Go's %#v of a []string: []string{"a", "b"}.
[[nodiscard]] KUBESIM_DECL std::string go_string_slice(const std::vector<std::string>& v) {
    std::string out = "[]string{";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ", ";
        out += field::quote(v[i]);
    }
    return out + "}";
}

[[nodiscard]] KUBESIM_DECL bool contains(const std::vector<std::string>& v, std::string_view s) {
    for (const auto& x : v)
        if (x == s) return true;
    return false;
}

[[nodiscard]] KUBESIM_DECL std::string to_lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

[[nodiscard]] KUBESIM_DECL std::string_view trim_space(std::string_view s) {
    auto sp = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    while (!s.empty() && sp(s.front())) s.remove_prefix(1);
    while (!s.empty() && sp(s.back())) s.remove_suffix(1);
    return s;
}

// ---- IP addresses (Go net.ParseIP / netip.ParseAddr, written out by hand) ----

struct ip_address {
    std::array<std::uint8_t, 16> bytes{};  // IPv4 is stored as ::ffff:a.b.c.d, as Go does
    bool parsed_as_v4{false};              // the text was dotted-quad
    bool leading_zero{false};              // an IPv4 octet had a leading 0 (netip rejects it)
};

[[nodiscard]] KUBESIM_DECL bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

[[nodiscard]] KUBESIM_DECL int hex_val(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return c - 'A' + 10;
}

// Dotted quad, octets 0-255; leading zeros accepted (netutils.ParseIPSloppy) but noted.
[[nodiscard]] KUBESIM_DECL bool parse_ipv4_into(std::string_view s, std::uint8_t* out, bool& leading_zero) {
    int part = 0;
    std::size_t i = 0;
    while (part < 4) {
        if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
        std::size_t start = i;
        int v = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            v = v * 10 + (s[i] - '0');
            if (v > 255) return false;
            ++i;
        }
        if (i - start > 1 && s[start] == '0') leading_zero = true;
        out[part++] = static_cast<std::uint8_t>(v);
        if (part < 4) {
            if (i >= s.size() || s[i] != '.') return false;
            ++i;
        }
    }
    return i == s.size();
}

[[nodiscard]] KUBESIM_DECL std::optional<ip_address> parse_ip(std::string_view s) {
    ip_address ip;
    if (s.find(':') == std::string_view::npos) {
        std::uint8_t v4[4]{};
        if (!parse_ipv4_into(s, v4, ip.leading_zero)) return std::nullopt;
        ip.bytes[10] = 0xff;
        ip.bytes[11] = 0xff;
        for (int k = 0; k < 4; ++k) ip.bytes[static_cast<std::size_t>(12 + k)] = v4[k];
        ip.parsed_as_v4 = true;
        return ip;
    }
    // IPv6: groups of 1-4 hex digits, at most one "::", optional dotted quad at the end.
    std::array<std::uint8_t, 16> b{};
    int ellipsis = -1;
    std::size_t n = 0;  // bytes filled
    std::size_t i = 0;
    if (s.size() >= 2 && s[0] == ':' && s[1] == ':') {
        ellipsis = 0;
        i = 2;
        if (i == s.size()) return ip;  // "::"
    }
    while (i < s.size()) {
        std::size_t j = i;
        int v = 0;
        while (j < s.size() && is_hex(s[j]) && j - i < 4) {
            v = v * 16 + hex_val(s[j]);
            ++j;
        }
        if (j == i) return std::nullopt;
        if (j < s.size() && is_hex(s[j])) return std::nullopt;  // more than 4 digits
        if (j < s.size() && s[j] == '.') {
            // embedded IPv4 must be last and fit
            if (ellipsis < 0 && n != 12) return std::nullopt;
            if (n + 4 > 16) return std::nullopt;
            std::uint8_t v4[4]{};
            if (!parse_ipv4_into(s.substr(i), v4, ip.leading_zero)) return std::nullopt;
            for (int k = 0; k < 4; ++k) b[n++] = v4[k];
            i = s.size();
            break;
        }
        if (n + 2 > 16) return std::nullopt;
        b[n++] = static_cast<std::uint8_t>(v >> 8);
        b[n++] = static_cast<std::uint8_t>(v & 0xff);
        i = j;
        if (i == s.size()) break;
        if (s[i] != ':') return std::nullopt;  // includes zones ("%eth0")
        ++i;
        if (i < s.size() && s[i] == ':') {
            if (ellipsis >= 0) return std::nullopt;
            ellipsis = static_cast<int>(n);
            ++i;
            if (i == s.size()) break;
        } else if (i == s.size()) {
            return std::nullopt;  // trailing single ':'
        }
    }
    if (n < 16) {
        if (ellipsis < 0) return std::nullopt;
        const std::size_t shift = 16 - n;
        for (std::size_t k = n; k-- > static_cast<std::size_t>(ellipsis);) b[k + shift] = b[k];
        for (std::size_t k = static_cast<std::size_t>(ellipsis); k < static_cast<std::size_t>(ellipsis) + shift; ++k)
            b[k] = 0;
    } else if (ellipsis >= 0) {
        return std::nullopt;  // "::" must stand for at least one group
    }
    ip.bytes = b;
    return ip;
}

[[nodiscard]] KUBESIM_DECL bool is_v4_mapped(const ip_address& ip) {
    for (std::size_t k = 0; k < 10; ++k)
        if (ip.bytes[k] != 0) return false;
    return ip.bytes[10] == 0xff && ip.bytes[11] == 0xff;
}

// A v4 address, or a v4-mapped v6 one (Go's To4() != nil).
[[nodiscard]] KUBESIM_DECL bool is_v4(const ip_address& ip) { return is_v4_mapped(ip); }

// net.IP.String(): dotted quad for v4; RFC 5952 for v6 (longest run of >= 2 zero
// groups, the first on ties, becomes "::").
[[nodiscard]] KUBESIM_DECL std::string ip_to_string(const ip_address& ip) {
    if (is_v4(ip)) {
        std::string out;
        for (std::size_t k = 12; k < 16; ++k) {
            if (k > 12) out += '.';
            out += std::to_string(ip.bytes[k]);
        }
        return out;
    }
    int e0 = -1, e1 = -1;
    for (int g = 0; g < 16; g += 2) {
        int j = g;
        while (j < 16 && ip.bytes[static_cast<std::size_t>(j)] == 0 && ip.bytes[static_cast<std::size_t>(j + 1)] == 0) j += 2;
        if (j > g && j - g > e1 - e0) {
            e0 = g;
            e1 = j;
            g = j;
        }
    }
    if (e1 - e0 <= 2) e0 = e1 = -1;
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (int g = 0; g < 16; g += 2) {
        if (g == e0) {
            out += "::";
            g = e1;
            if (g >= 16) break;
        } else if (g > 0) {
            out += ':';
        }
        unsigned v = (static_cast<unsigned>(ip.bytes[static_cast<std::size_t>(g)]) << 8) |
                     ip.bytes[static_cast<std::size_t>(g + 1)];
        std::string h;
        do {
            h.insert(h.begin(), hex[v & 15]);
            v >>= 4;
        } while (v != 0);
        out += h;
    }
    return out;
}

[[nodiscard]] KUBESIM_DECL bool is_ipv6_string(std::string_view s) {
    auto ip = parse_ip(s);
    return ip && !is_v4(*ip);
}

}  // namespace vdetail

field::error_list is_valid_ip(const field::path& p, std::string_view value) {
    field::error_list errs;
    auto ip = vdetail::parse_ip(value);
    if (!ip) {
        errs.push_back(field::invalid(p, value, "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)"));
        return errs;
    }
    if (ip->leading_zero) errs.push_back(field::invalid(p, value, "must not have leading 0s"));
    if (!ip->parsed_as_v4 && vdetail::is_v4_mapped(*ip))
        errs.push_back(field::invalid(p, value, "must not be an IPv4-mapped IPv6 address"));
    if (!errs.empty()) return errs;
    auto canonical = vdetail::ip_to_string(*ip);
    if (value != canonical)
        errs.push_back(field::invalid(p, value, "must be in canonical form (" + field::quote(canonical) + ")"));
    return errs;
}

field::error_list is_valid_ipv4_address(const field::path& p, std::string_view value) {
    auto ip = vdetail::parse_ip(value);
    if (!ip || !vdetail::is_v4(*ip)) return {field::invalid(p, value, "must be a valid IPv4 address")};
    return {};
}

field::error_list is_valid_ipv6_address(const field::path& p, std::string_view value) {
    auto ip = vdetail::parse_ip(value);
    if (!ip || vdetail::is_v4(*ip)) return {field::invalid(p, value, "must be a valid IPv6 address")};
    return {};
}

field::error_list validate_endpoint_ip(std::string_view value, const field::path& p) {
    field::error_list errs;
    auto ip = vdetail::parse_ip(value);
    if (!ip) {
        errs.push_back(field::invalid(p, value, "must be a valid IP address"));
        return errs;
    }
    const auto& b = ip->bytes;
    const bool v4 = vdetail::is_v4(*ip);
    bool unspecified = true;
    for (std::size_t k = v4 ? 12 : 0; k < 16; ++k) unspecified = unspecified && b[k] == 0;
    bool loopback = v4 ? b[12] == 127 : false;
    if (!v4) {
        loopback = b[15] == 1;
        for (std::size_t k = 0; k < 15; ++k) loopback = loopback && b[k] == 0;
    }
    const bool link_local = v4 ? (b[12] == 169 && b[13] == 254) : (b[0] == 0xfe && (b[1] & 0xc0) == 0x80);
    const bool link_local_mc = v4 ? (b[12] == 224 && b[13] == 0 && b[14] == 0) : (b[0] == 0xff && (b[1] & 0x0f) == 0x02);
    if (unspecified) errs.push_back(field::invalid(p, value, "may not be unspecified (" + std::string(value) + ")"));
    if (loopback) errs.push_back(field::invalid(p, value, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    if (link_local)
        errs.push_back(field::invalid(p, value, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    if (link_local_mc)
        errs.push_back(
            field::invalid(p, value, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    return errs;
}

field::error_list is_valid_cidr(const field::path& p, std::string_view value) {
    field::error_list errs;
    auto bad = [&] {
        return field::error_list{
            field::invalid(p, value, "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)")};
    };
    auto slash = value.find('/');
    if (slash == std::string_view::npos) return bad();
    auto ip = vdetail::parse_ip(value.substr(0, slash));
    auto bits_s = value.substr(slash + 1);
    if (!ip || bits_s.empty()) return bad();
    int bits = 0;
    for (char c : bits_s) {
        if (c < '0' || c > '9') return bad();
        bits = bits * 10 + (c - '0');
        if (bits > 1000) return bad();
    }
    const bool v4 = ip->parsed_as_v4;
    if (bits > (v4 ? 32 : 128)) return bad();
    // network address
    vdetail::ip_address net = *ip;
    const int total = v4 ? bits + 96 : bits;
    for (int k = 0; k < 128; ++k) {
        if (k < total) continue;
        net.bytes[static_cast<std::size_t>(k / 8)] =
            static_cast<std::uint8_t>(net.bytes[static_cast<std::size_t>(k / 8)] & ~(0x80u >> (k % 8)));
    }
    if (ip->leading_zero || (bits_s.size() > 1 && bits_s[0] == '0')) {
        errs.push_back(field::invalid(p, value, "must not have leading 0s in IP or prefix length"));
    } else if (!v4 && vdetail::is_v4_mapped(*ip)) {
        errs.push_back(field::invalid(p, value, "must not have an IPv4-mapped IPv6 address"));
    } else if (net.bytes != ip->bytes) {
        errs.push_back(field::invalid(p, value, "must not have bits set beyond the prefix length"));
    }
    if (!errs.empty()) return errs;
    auto canonical = vdetail::ip_to_string(net) + "/" + std::to_string(bits);
    if (value != canonical)
        errs.push_back(field::invalid(p, value, "must be in canonical form (" + field::quote(canonical) + ")"));
    return errs;
}

// ---- name rules (apimachinery pkg/api/validation/generic.go) ---------------------

std::string mask_trailing_dash(std::string_view name) {
    if (name.size() > 1 && name.back() == '-') return std::string(name.substr(0, name.size() - 2)) + "a";
    return std::string(name);
}

std::vector<std::string> name_is_dns_subdomain(std::string_view name, bool prefix) {
    return is_dns1123_subdomain(prefix ? mask_trailing_dash(name) : std::string(name));
}

std::vector<std::string> name_is_dns_label(std::string_view name, bool prefix) {
    return is_dns1123_label(prefix ? mask_trailing_dash(name) : std::string(name));
}

std::vector<std::string> name_is_dns1035_label(std::string_view name, bool prefix) {
    return is_dns1035_label(prefix ? mask_trailing_dash(name) : std::string(name));
}

// ---- small field validators ----------------------------------------------------

field::error_list validate_nonnegative_field(std::int64_t value, const field::path& p) {
    if (value < 0) return {field::invalid(p, value, std::string(is_negative_error_msg))};
    return {};
}

field::error_list validate_dns1123_label(std::string_view value, const field::path& p) {
    field::error_list errs;
    for (auto& msg : is_dns1123_label(value)) errs.push_back(field::invalid(p, value, std::move(msg)));
    return errs;
}

field::error_list validate_dns1123_subdomain(std::string_view value, const field::path& p) {
    field::error_list errs;
    for (auto& msg : is_dns1123_subdomain(value)) errs.push_back(field::invalid(p, value, std::move(msg)));
    return errs;
}

field::error_list validate_qualified_name(std::string_view value, const field::path& p) {
    field::error_list errs;
    for (auto& msg : is_qualified_name(value)) errs.push_back(field::invalid(p, value, std::move(msg)));
    return errs;
}

field::error_list validate_annotations(const std::map<std::string, std::string>& annotations,
                                       const field::path& p) {
    field::error_list errs;
    std::size_t total = 0;
    for (const auto& [k, v] : annotations) {
        for (auto& msg : is_qualified_name(vdetail::to_lower(k))) errs.push_back(field::invalid(p, k, std::move(msg)));
        total += k.size() + v.size();
    }
    if (total > total_annotation_size_limit_b) errs.push_back(field::too_long(p, total_annotation_size_limit_b));
    return errs;
}

namespace vdetail {

// schema.ParseGroupVersion: "v1", "apps/v1"; more than one '/' is an error.
struct group_version {
    std::string group{};
    std::string version{};
    bool ok{true};
};

[[nodiscard]] KUBESIM_DECL group_version parse_group_version(std::string_view gv) {
    group_version out;
    if (gv.empty() || gv == "/") return out;
    auto slash = gv.find('/');
    if (slash == std::string_view::npos) {
        out.version = std::string(gv);
        return out;
    }
    if (gv.find('/', slash + 1) != std::string_view::npos) {
        out.ok = false;
        return out;
    }
    out.group = std::string(gv.substr(0, slash));
    out.version = std::string(gv.substr(slash + 1));
    return out;
}

}  // namespace vdetail

field::error_list validate_owner_references(const std::vector<owner_reference>& refs,
                                            const field::path& p) {
    field::error_list errs;
    std::string first_controller;
    for (std::size_t i = 0; i < refs.size(); ++i) {
        const auto& ref = refs[i];
        const auto ip = p.index(i);
        auto gv = vdetail::parse_group_version(ref.api_version);
        if (ref.api_version.empty())
            errs.push_back(field::required(ip.child("apiVersion"), "must not be empty"));
        else if (!gv.ok || gv.version.empty())
            errs.push_back(field::invalid(ip.child("apiVersion"), ref.api_version, "must be <group>/<version> or <version>"));
        if (ref.kind.empty()) errs.push_back(field::required(ip.child("kind"), "must not be empty"));
        if (ref.name.empty()) errs.push_back(field::required(ip.child("name"), "must not be empty"));
        if (ref.uid.empty()) errs.push_back(field::required(ip.child("uid"), "must not be empty"));
        // BannedOwners: v1/Event may not own anything.
        if (gv.ok && gv.group.empty() && gv.version == "v1" && ref.kind == "Event")
            errs.push_back(field::invalid_raw(ip, vdetail::json_owner_reference(ref),
                                              "/v1, Kind=Event is disallowed from being an owner"));
        if (ref.controller.value_or(false)) {
            auto cur = ref.kind + "/" + ref.name;
            if (!first_controller.empty())
                errs.push_back(field::invalid_raw(
                    p, vdetail::json_owner_references(refs),
                    "Only one reference can have Controller set to true. Found \"true\" in references for " +
                        first_controller + " and " + cur));
            else
                first_controller = cur;
        }
    }
    return errs;
}

field::error_list validate_finalizer_name(std::string_view name, const field::path& p) {
    return validate_qualified_name(name, p);
}

field::error_list validate_kube_finalizer_name(std::string_view name, const field::path& p) {
    if (name.find('/') == std::string_view::npos && name != "kubernetes" && name != "orphan" &&
        name != "foregroundDeletion")
        return {field::invalid(p, name, "name is neither a standard finalizer name nor is it fully qualified")};
    return {};
}

field::error_list validate_finalizers(const std::vector<std::string>& finalizers,
                                      const field::path& p) {
    field::error_list errs;
    bool orphan = false, foreground = false;
    for (const auto& f : finalizers) {
        vdetail::append(errs, validate_finalizer_name(f, p));
        orphan = orphan || f == "orphan";
        foreground = foreground || f == "foregroundDeletion";
    }
    if (orphan && foreground)
        errs.push_back(field::invalid_raw(p, vdetail::json_str_list(finalizers),
                                          "finalizer orphan and foregroundDeletion cannot be both set"));
    return errs;
}

field::error_list validate_no_new_finalizers(const std::vector<std::string>& new_finalizers,
                                             const std::vector<std::string>& old_finalizers,
                                             const field::path& p) {
    std::set<std::string> extra;
    for (const auto& f : new_finalizers)
        if (!vdetail::contains(old_finalizers, f)) extra.insert(f);
    if (extra.empty()) return {};
    std::vector<std::string> list(extra.begin(), extra.end());
    return {field::forbidden(p, "no new finalizers can be added if the object is being deleted, found new finalizers " +
                                    vdetail::go_string_slice(list))};
}

field::error_list validate_object_meta(const object_meta& m, bool namespaced,
                                       name_validator name_fn, const field::path& p) {
    field::error_list errs;
    if (!m.generate_name.empty())
        for (auto& msg : name_fn(m.generate_name, true))
            errs.push_back(field::invalid(p.child("generateName"), m.generate_name, std::move(msg)));
    if (m.name.empty())
        errs.push_back(field::required(p.child("name"), "name or generateName is required"));
    else
        for (auto& msg : name_fn(m.name, false)) errs.push_back(field::invalid(p.child("name"), m.name, std::move(msg)));
    if (namespaced) {
        if (m.namespace_.empty())
            errs.push_back(field::required(p.child("namespace")));
        else
            for (auto& msg : name_is_dns_label(m.namespace_, false))
                errs.push_back(field::invalid(p.child("namespace"), m.namespace_, std::move(msg)));
    } else if (!m.namespace_.empty()) {
        errs.push_back(field::forbidden(p.child("namespace"), "not allowed on this type"));
    }
    vdetail::append(errs, validate_nonnegative_field(m.generation, p.child("generation")));
    vdetail::append(errs, labels::validate_labels(m.labels, p.child("labels")));
    vdetail::append(errs, validate_annotations(m.annotations, p.child("annotations")));
    vdetail::append(errs, validate_owner_references(m.owner_references, p.child("ownerReferences")));
    vdetail::append(errs, validate_finalizers(m.finalizers, p.child("finalizers")));
    for (std::size_t i = 0; i < m.finalizers.size(); ++i)
        vdetail::append(errs, validate_kube_finalizer_name(m.finalizers[i], p.child("finalizers").index(i)));
    return errs;
}

field::error_list validate_object_meta_update(const object_meta& new_meta,
                                              const object_meta& old_meta, const field::path& p) {
    field::error_list errs;
    if (old_meta.deletion_timestamp)
        vdetail::append(errs, validate_no_new_finalizers(new_meta.finalizers, old_meta.finalizers, p.child("finalizers")));
    if (new_meta.resource_version.empty())
        errs.push_back(field::invalid(p.child("resourceVersion"), new_meta.resource_version, "must be specified for an update"));
    vdetail::append(errs, validate_nonnegative_field(new_meta.generation, p.child("generation")));
    if (new_meta.generation < old_meta.generation)
        errs.push_back(field::invalid(p.child("generation"), new_meta.generation, "must not be decremented"));
    const std::string immutable(field_immutable_error_msg);
    if (new_meta.name != old_meta.name) errs.push_back(field::invalid(p.child("name"), new_meta.name, immutable));
    if (new_meta.namespace_ != old_meta.namespace_)
        errs.push_back(field::invalid(p.child("namespace"), new_meta.namespace_, immutable));
    if (new_meta.uid != old_meta.uid)
        errs.push_back(field::invalid_raw(p.child("uid"), vdetail::json_str(new_meta.uid), immutable));
    if (new_meta.creation_timestamp != old_meta.creation_timestamp)
        errs.push_back(
            field::invalid_raw(p.child("creationTimestamp"), vdetail::json_time(new_meta.creation_timestamp), immutable));
    if (new_meta.deletion_timestamp != old_meta.deletion_timestamp)
        errs.push_back(
            field::invalid_raw(p.child("deletionTimestamp"), vdetail::json_time(new_meta.deletion_timestamp), immutable));
    if (new_meta.deletion_grace_period_seconds != old_meta.deletion_grace_period_seconds)
        errs.push_back(field::invalid_raw(p.child("deletionGracePeriodSeconds"),
                                          vdetail::json_opt_int(new_meta.deletion_grace_period_seconds), immutable));
    vdetail::append(errs, labels::validate_labels(new_meta.labels, p.child("labels")));
    vdetail::append(errs, validate_annotations(new_meta.annotations, p.child("annotations")));
    vdetail::append(errs, validate_owner_references(new_meta.owner_references, p.child("ownerReferences")));
    for (std::size_t i = 0; i < new_meta.finalizers.size(); ++i)
        vdetail::append(errs, validate_kube_finalizer_name(new_meta.finalizers[i], p.child("finalizers").index(i)));
    return errs;
}

}  // namespace kubesim::api::validation
