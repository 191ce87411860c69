// kubesim::container_files: a container's in-memory filesystem, what
// process_context::files() returns (process.hpp includes this). Its own header
// so that the container instance (container.hpp) can hold one without the
// process context.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>

namespace kubesim {

// A file the container runtime puts into every container (/etc/hosts,
// /etc/hostname, /etc/resolv.conf): its path and how to make its text from the
// owner given to container_files::provide.
struct provided_file {
    std::string_view path;  // normalized
    std::string (*text)(const void* owner);
};

// A container's in-memory filesystem: files by absolute path, plus the
// directories made with mkdir (a file's parents exist implicitly). It lives as
// long as the container instance: a restart starts from the image again.
// Provided files are made when read, until the container writes or removes
// them: 150,000 containers do not each keep three copies of what their
// identity already says.
class container_files {
public:
    [[nodiscard]] KUBESIM_DECL std::optional<std::string> read(std::string_view path) const;
    KUBESIM_DECL void write(std::string_view path, std::string text);
    KUBESIM_DECL void append(std::string_view path, std::string_view text);
    KUBESIM_DECL bool remove(std::string_view path);
    [[nodiscard]] KUBESIM_DECL bool exists(std::string_view path) const;
    [[nodiscard]] KUBESIM_DECL bool is_file(std::string_view path) const;
    [[nodiscard]] KUBESIM_DECL bool is_dir(std::string_view path) const;
    KUBESIM_DECL void mkdir(std::string_view path);
    // The names directly inside dir, sorted (directories and files).
    [[nodiscard]] KUBESIM_DECL std::vector<std::string> list(std::string_view dir) const;

    // The runtime's files (at most 8), made from owner when read; owner must
    // outlive this filesystem.
    template <std::size_t N>
        requires(N <= 8)
    void provide(const provided_file (&files)[N], const void* owner) {
        provided_ = files;
        provided_count_ = N;
        shadowed_ = 0;
        owner_ = owner;
    }

    // "/a/./b//c/" -> "/a/b/c"; relative paths are taken from "/".
    KUBESIM_DECL static std::string normalize(std::string_view path);

private:
    [[nodiscard]] bool visible(std::size_t i) const noexcept { return !(shadowed_ >> i & 1U); }
    // The provided file at normalized path p, unless written or removed since.
    [[nodiscard]] KUBESIM_DECL const provided_file* provided(std::string_view p) const noexcept;
    // From now on the file at p is the container's own (or gone).
    KUBESIM_DECL void shadow(std::string_view p) noexcept;

    std::map<std::string, std::string, std::less<>> files_;
    std::set<std::string, std::less<>> dirs_;
    const provided_file* provided_{nullptr};
    const void* owner_{nullptr};
    std::uint8_t provided_count_{0};
    std::uint8_t shadowed_{0};  // provided files written or removed since
};

}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/container_files.ipp>
#endif
