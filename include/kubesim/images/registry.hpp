// kubesim::images::registry: the images a cluster can pull, by name and version.
// A reference resolves the way a container runtime sees it: "busybox",
// "docker.io/library/busybox" and "library/busybox" are one repository; no tag
// or "latest" picks the highest registered version (versions compare by their
// numeric dot-separated parts: 1.10 > 1.9).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/image.hpp>

namespace kubesim::images {

struct image_info {
    std::string name{};      // as registered: "busybox", "registry.k8s.io/pause"
    std::string version{};   // "1.36"
    factory make{};
    std::uint64_t size_bytes{0};  // reported in the Pulled event
    // docker.io/library/busybox:1.36, the reference a runtime prints
    [[nodiscard]] KUBESIM_DECL std::string full_reference() const;
};

// "docker.io/library/busybox" / "library/busybox" / "busybox" -> "busybox";
// "registry.k8s.io/pause" stays.
[[nodiscard]] KUBESIM_DECL std::string familiar_name(std::string_view repository);

// The fully qualified name a runtime prints: docker.io/library/busybox:1.36.
[[nodiscard]] KUBESIM_DECL std::string fully_qualified(std::string_view familiar);

// Orders "1.10" after "1.9": numeric parts numerically, the rest as text.
[[nodiscard]] KUBESIM_DECL bool version_less(std::string_view a, std::string_view b);

class registry {
public:
    // Throws usage_error when name:version is already registered.
    KUBESIM_DECL void add(std::string_view name, std::string_view version, factory make, std::uint64_t size_bytes = 0);

    template <class Image>
    void add() {
        add(Image::image_name, Image::image_version, [] { return std::make_shared<Image>(); });
    }

    // The image a container's reference names; nullptr with error set to what
    // the runtime reports ("failed to pull and unpack image ...: not found").
    // The reference must already have passed parse_image_ref.
    [[nodiscard]] KUBESIM_DECL const image_info* find(std::string_view reference, std::string& error) const;

    [[nodiscard]] KUBESIM_DECL std::vector<const image_info*> all() const;

private:
    // A plausible, stable size for the Pulled event: derived from the name.
    KUBESIM_DECL static std::uint64_t default_size(std::string_view name, std::string_view version);

    std::map<std::string, std::map<std::string, image_info>, std::less<>> images_;
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/registry.ipp>
#endif
