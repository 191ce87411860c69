// Container image references. Models github.com/distribution/reference
// (regexp.go: the reference grammar; normalize.go: ParseNormalizedNamed and
// splitDockerDomain; reference.go: Parse and its errors) as the kubelet uses it
// in pkg/kubelet/images/image_manager.go (applyDefaultImageTag): an image that
// does not parse makes the container wait with reason InvalidImageName and the
// message `Failed to apply default image tag "<image>": couldn't parse image
// name "<image>": <error>`.
//
// Grammar (matched by hand, no <regex>):
//   reference  := name [ ":" tag ] [ "@" digest ]
//   name       := [ domain "/" ] component ( "/" component )*        (<= 255 chars)
//   domain     := host [ ":" port ]; host := dns-component ("." dns-component)* | "[" ipv6 "]"
//   component  := [a-z0-9]+ ( ( "." | "_" | "__" | "-"+ ) [a-z0-9]+ )*
//   tag        := [\w][\w.-]{0,127}
//   digest     := algorithm ":" hex{32,}; algorithm := [A-Za-z][A-Za-z0-9]* ([-_+.][A-Za-z][A-Za-z0-9]*)*
//
// image_ref keeps what the user wrote: domain is "" when the reference has none
// and path is not prefixed with "library/". The docker.io/library defaults are
// applied only by normalized_name() (for display and registry lookups), the way
// Docker's "familiar" names work: "busybox" is docker.io/library/busybox.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <kubesim/config.hpp>

namespace kubesim::kubelet {

struct image_ref {
    std::string domain{};  // "" = none given (docker.io)
    std::string path{};    // "busybox", "library/busybox", "team/app"
    std::string tag{};     // "" = none
    std::string digest{};  // "" = none; "sha256:<hex>"
    bool operator==(const image_ref&) const = default;
};

// ParseNormalizedNamed. On failure returns nullopt and sets error to the
// reference package's text, e.g. "invalid reference format",
// "invalid reference format: repository name (library/Busybox) must be lowercase",
// "repository name must not be more than 255 characters",
// "invalid repository name (<64 hex>), cannot specify 64-byte hexadecimal strings",
// "unsupported digest algorithm", "invalid checksum digest length".
[[nodiscard]] KUBESIM_DECL std::optional<image_ref> parse_image_ref(std::string_view s, std::string& error);

// The fully qualified name, defaults applied: "busybox" -> "docker.io/library/busybox",
// "index.docker.io/x" -> "docker.io/library/x", "registry:5000/app" unchanged.
[[nodiscard]] KUBESIM_DECL std::string normalized_name(const image_ref& ref);

// The kubelet's InvalidImageName message for an image that failed to parse.
[[nodiscard]] KUBESIM_DECL std::string invalid_image_name_message(std::string_view image, std::string_view error);

// applyDefaultImageTag: the image with ":latest" appended when it has neither tag
// nor digest, otherwise unchanged. nullopt (error = the InvalidImageName
// message) when it does not parse.
[[nodiscard]] KUBESIM_DECL std::optional<std::string> apply_default_image_tag(std::string_view image, std::string& error);

}  // namespace kubesim::kubelet

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubelet/image_ref.ipp>
#endif
