// Definitions of kubelet/image_ref.hpp.
#pragma once

#include <kubesim/kubelet/image_ref.hpp>

#include <cstddef>

namespace kubesim::kubelet {

namespace detail {

inline constexpr std::string_view default_domain = "docker.io";
inline constexpr std::string_view legacy_default_domain = "index.docker.io";
inline constexpr std::size_t name_total_length_max = 255;

[[nodiscard]] KUBESIM_DECL bool is_lower_alnum(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); }
[[nodiscard]] KUBESIM_DECL bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
[[nodiscard]] KUBESIM_DECL bool is_word(char c) { return is_alnum(c) || c == '_'; }
[[nodiscard]] KUBESIM_DECL bool is_hex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// component := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
[[nodiscard]] KUBESIM_DECL bool match_path_component(std::string_view s) {
    std::size_t i = 0;
    auto alnum_run = [&] {
        const std::size_t start = i;
        while (i < s.size() && is_lower_alnum(s[i])) ++i;
        return i > start;
    };
    if (!alnum_run()) return false;
    while (i < s.size()) {
        if (s[i] == '.') {
            ++i;
        } else if (s[i] == '_') {
            ++i;
            if (i < s.size() && s[i] == '_') ++i;
        } else if (s[i] == '-') {
            while (i < s.size() && s[i] == '-') ++i;
        } else {
            return false;
        }
        if (!alnum_run()) return false;
    }
    return true;
}

// dns-component := [a-zA-Z0-9] | [a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]
[[nodiscard]] KUBESIM_DECL bool match_domain_component(std::string_view s) {
    if (s.empty() || !is_alnum(s.front()) || !is_alnum(s.back())) return false;
    for (char c : s)
        if (!is_alnum(c) && c != '-') return false;
    return true;
}

// host [":" port]
[[nodiscard]] KUBESIM_DECL bool match_domain(std::string_view s) {
    std::string_view host = s;
    if (!s.empty() && s.front() == '[') {  // "[" [a-fA-F0-9:]+ "]"
        const std::size_t close = s.find(']');
        if (close == std::string_view::npos || close < 2) return false;
        for (char c : s.substr(1, close - 1))
            if (!is_hex(c) && c != ':') return false;
        host = {};
        s = s.substr(close + 1);
    } else {
        const std::size_t colon = s.find(':');
        host = s.substr(0, colon);
        s = colon == std::string_view::npos ? std::string_view{} : s.substr(colon);
        std::size_t start = 0;
        while (true) {
            const std::size_t dot = host.find('.', start);
            if (!match_domain_component(host.substr(start, dot == std::string_view::npos ? dot : dot - start)))
                return false;
            if (dot == std::string_view::npos) break;
            start = dot + 1;
        }
    }
    if (s.empty()) return true;
    if (s.front() != ':' || s.size() < 2) return false;
    for (char c : s.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

[[nodiscard]] KUBESIM_DECL bool match_path(std::string_view s) {
    std::size_t start = 0;
    while (true) {
        const std::size_t slash = s.find('/', start);
        if (!match_path_component(s.substr(start, slash == std::string_view::npos ? slash : slash - start)))
            return false;
        if (slash == std::string_view::npos) return true;
        start = slash + 1;
    }
}

[[nodiscard]] KUBESIM_DECL bool match_name(std::string_view s) {
    if (match_path(s)) return true;
    const std::size_t slash = s.find('/');
    return slash != std::string_view::npos && match_domain(s.substr(0, slash)) && match_path(s.substr(slash + 1));
}

[[nodiscard]] KUBESIM_DECL bool match_tag(std::string_view s) {
    if (s.empty() || s.size() > 128 || !is_word(s.front())) return false;
    for (char c : s)
        if (!is_word(c) && c != '.' && c != '-') return false;
    return true;
}

[[nodiscard]] KUBESIM_DECL bool match_digest(std::string_view s) {
    const std::size_t colon = s.find(':');
    if (colon == std::string_view::npos) return false;
    const std::string_view algo = s.substr(0, colon);
    const std::string_view hex = s.substr(colon + 1);
    // algorithm := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)*
    bool need_alpha = true;
    if (algo.empty()) return false;
    for (char c : algo) {
        const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        if (need_alpha) {
            if (!alpha) return false;
            need_alpha = false;
        } else if (c == '-' || c == '_' || c == '+' || c == '.') {
            need_alpha = true;
        } else if (!is_alnum(c)) {
            return false;
        }
    }
    if (need_alpha || hex.size() < 32) return false;
    for (char c : hex)
        if (!is_hex(c)) return false;
    return true;
}

struct split_reference {
    std::string_view name{}, tag{}, digest{};
    bool ok{false};
};

// ReferenceRegexp.FindStringSubmatch: name, tag, digest; ok = the whole string matched.
[[nodiscard]] KUBESIM_DECL split_reference match_reference(std::string_view s) {
    split_reference r;
    std::string_view rest = s;
    if (const std::size_t at = rest.find('@'); at != std::string_view::npos) {
        r.digest = rest.substr(at + 1);
        rest = rest.substr(0, at);
        if (!match_digest(r.digest)) return r;
    }
    // A tag cannot hold '/', and a port is always followed by '/': a ':' after the
    // last '/' starts the tag.
    const std::size_t last_slash = rest.rfind('/');
    const std::size_t colon = rest.find(':', last_slash == std::string_view::npos ? 0 : last_slash);
    if (colon != std::string_view::npos) {
        r.tag = rest.substr(colon + 1);
        rest = rest.substr(0, colon);
        if (!match_tag(r.tag)) return r;
    }
    r.name = rest;
    r.ok = match_name(rest);
    return r;
}

[[nodiscard]] KUBESIM_DECL bool is_identifier(std::string_view s) {  // [a-f0-9]{64}
    if (s.size() != 64) return false;
    for (char c : s)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

[[nodiscard]] KUBESIM_DECL std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

}  // namespace detail

std::optional<image_ref> parse_image_ref(std::string_view s, std::string& error) {
    if (detail::is_identifier(s)) {
        error = "invalid repository name (" + std::string(s) + "), cannot specify 64-byte hexadecimal strings";
        return std::nullopt;
    }
    // splitDockerDomain: the first segment is a domain when it has '.' or ':', is
    // "localhost", or has an upper-case letter.
    image_ref ref;
    std::string domain(detail::default_domain);
    std::string_view remainder = s;
    const std::size_t slash = s.find('/');
    if (slash != std::string_view::npos) {
        const std::string_view first = s.substr(0, slash);
        if (first.find_first_of(".:") != std::string_view::npos || first == "localhost" ||
            detail::lower(first) != first) {
            domain = std::string(first);
            ref.domain = domain;
            remainder = s.substr(slash + 1);
        }
    }
    if (domain == detail::legacy_default_domain) domain = detail::default_domain;
    std::string full_remainder(remainder);
    if (domain == detail::default_domain && remainder.find('/') == std::string_view::npos)
        full_remainder = "library/" + full_remainder;
    const std::string remote = full_remainder.substr(0, full_remainder.find(':'));
    if (detail::lower(remote) != remote) {
        error = "invalid reference format: repository name (" + remote + ") must be lowercase";
        return std::nullopt;
    }
    const std::string normalized = domain + "/" + full_remainder;
    const detail::split_reference m = detail::match_reference(normalized);
    if (!m.ok) {
        error = "invalid reference format";
        return std::nullopt;
    }
    if (m.name.size() > detail::name_total_length_max) {
        error = "repository name must not be more than 255 characters";
        return std::nullopt;
    }
    if (!m.digest.empty()) {  // go-digest Parse/Validate: known algorithms and their lengths
        const std::size_t colon = m.digest.find(':');
        const std::string_view algo = m.digest.substr(0, colon);
        const std::string_view hex = m.digest.substr(colon + 1);
        std::size_t want = 0;
        if (algo == "sha256") want = 64;
        else if (algo == "sha384") want = 96;
        else if (algo == "sha512") want = 128;
        if (want == 0) {
            error = "unsupported digest algorithm";
            return std::nullopt;
        }
        if (hex.size() != want) {
            error = "invalid checksum digest length";
            return std::nullopt;
        }
        for (char c : hex)
            if (c >= 'A' && c <= 'F') {
                error = "invalid checksum digest format";
                return std::nullopt;
            }
    }
    // Parsed fields as the user wrote them (see the header comment).
    std::string_view written = remainder;
    if (const std::size_t at = written.find('@'); at != std::string_view::npos) written = written.substr(0, at);
    const std::size_t last_slash = written.rfind('/');
    written = written.substr(0, written.find(':', last_slash == std::string_view::npos ? 0 : last_slash));
    ref.path = std::string(written);
    ref.tag = std::string(m.tag);
    ref.digest = std::string(m.digest);
    return ref;
}

std::string normalized_name(const image_ref& ref) {
    std::string domain = ref.domain.empty() ? std::string(detail::default_domain) : ref.domain;
    if (domain == detail::legacy_default_domain) domain = detail::default_domain;
    std::string path = ref.path;
    if (domain == detail::default_domain && path.find('/') == std::string::npos) path = "library/" + path;
    return domain + "/" + path;
}

std::string invalid_image_name_message(std::string_view image, std::string_view error) {
    const std::string quoted = "\"" + std::string(image) + "\"";
    return "Failed to apply default image tag " + quoted + ": couldn't parse image name " + quoted + ": " +
           std::string(error);
}

std::optional<std::string> apply_default_image_tag(std::string_view image, std::string& error) {
    std::string err;
    const auto ref = parse_image_ref(image, err);
    if (!ref) {
        error = invalid_image_name_message(image, err);
        return std::nullopt;
    }
    if (ref->tag.empty() && ref->digest.empty()) return std::string(image) + ":latest";
    return std::string(image);
}

}  // namespace kubesim::kubelet
