// Definitions of images/registry.hpp.
#pragma once

#include <kubesim/images/registry.hpp>

#include <utility>

#include <kubesim/errors.hpp>
#include <kubesim/kubelet/image_ref.hpp>

namespace kubesim::images {

std::string familiar_name(std::string_view repository) {
    std::string r(repository);
    for (std::string_view p : {"docker.io/", "index.docker.io/"})
        if (r.compare(0, p.size(), p) == 0) {
            r.erase(0, p.size());
            break;
        }
    if (r.compare(0, 8, "library/") == 0 && r.find('/', 8) == std::string::npos) r.erase(0, 8);
    return r;
}

std::string fully_qualified(std::string_view familiar) {
    std::string f(familiar);
    const auto slash = f.find('/');
    const bool has_domain = slash != std::string::npos &&
                            (f.find_first_of(".:", 0) < slash || f.compare(0, slash, "localhost") == 0);
    if (has_domain) return f;
    if (slash == std::string::npos) return "docker.io/library/" + f;
    return "docker.io/" + f;
}

std::string image_info::full_reference() const { return fully_qualified(name) + ":" + version; }

bool version_less(std::string_view a, std::string_view b) {
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = a[i] >= '0' && a[i] <= '9', db = b[j] >= '0' && b[j] <= '9';
        if (da && db) {
            std::size_t ie = i, je = j;
            while (ie < a.size() && a[ie] >= '0' && a[ie] <= '9') ++ie;
            while (je < b.size() && b[je] >= '0' && b[je] <= '9') ++je;
            std::string_view na = a.substr(i, ie - i), nb = b.substr(j, je - j);
            while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
            while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            i = ie;
            j = je;
        } else {
            if (a[i] != b[j]) return a[i] < b[j];
            ++i;
            ++j;
        }
    }
    return a.size() - i < b.size() - j;
}

void registry::add(std::string_view name, std::string_view version, factory make, std::uint64_t size_bytes) {
    const std::string key = familiar_name(name);
    auto& versions = images_[key];
    if (versions.count(std::string(version)))
        throw usage_error("[kubesim.images.duplicate] image " + std::string(name) + ":" + std::string(version) +
                          " is already registered");
    if (size_bytes == 0) size_bytes = default_size(key, version);
    versions.emplace(std::string(version), image_info{key, std::string(version), std::move(make), size_bytes});
}

const image_info* registry::find(std::string_view reference, std::string& error) const {
    std::string err;
    const auto ref = kubelet::parse_image_ref(reference, err);
    if (!ref) {
        error = err;
        return nullptr;
    }
    const std::string repo = familiar_name(ref->domain.empty() ? ref->path : ref->domain + "/" + ref->path);
    const std::string shown = fully_qualified(repo) + (ref->tag.empty() ? std::string(":latest") : ":" + ref->tag) +
                              (ref->digest.empty() ? std::string() : "@" + ref->digest);
    auto not_found = [&]() -> const image_info* {
        error = "failed to pull and unpack image \"" + shown + "\": failed to resolve reference \"" + shown +
                "\": " + shown + ": not found";
        return nullptr;
    };
    auto it = images_.find(repo);
    if (it == images_.end() || it->second.empty() || !ref->digest.empty()) return not_found();
    if (ref->tag.empty() || ref->tag == "latest") {
        if (auto l = it->second.find("latest"); l != it->second.end()) return &l->second;
        const image_info* best = nullptr;
        for (const auto& [v, info] : it->second)
            if (!best || version_less(best->version, v)) best = &info;
        return best;
    }
    auto v = it->second.find(ref->tag);
    if (v == it->second.end()) return not_found();
    return &v->second;
}

std::vector<const image_info*> registry::all() const {
    std::vector<const image_info*> out;
    for (const auto& [name, versions] : images_)
        for (const auto& [v, info] : versions) out.push_back(&info);
    return out;
}

std::uint64_t registry::default_size(std::string_view name, std::string_view version) {
    std::uint64_t h = 1469598103934665603ULL;
    for (char c : name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    for (char c : version) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return 1'000'000 + h % 50'000'000;
}

}  // namespace kubesim::images
