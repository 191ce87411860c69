// Definitions of images/container_files.hpp.
#pragma once

#include <kubesim/images/container_files.hpp>

#include <algorithm>
#include <utility>

namespace kubesim {

std::optional<std::string> container_files::read(std::string_view path) const {
    const std::string p = normalize(path);
    auto it = files_.find(p);
    if (it != files_.end()) return it->second;
    if (const auto* f = provided(p)) return f->text(owner_);
    return std::nullopt;
}

void container_files::write(std::string_view path, std::string text) {
    std::string p = normalize(path);
    shadow(p);
    files_[std::move(p)] = std::move(text);
}

void container_files::append(std::string_view path, std::string_view text) {
    std::string p = normalize(path);
    if (const auto* f = provided(p)) {
        shadow(p);
        files_[p] = f->text(owner_);
    }
    files_[std::move(p)] += text;
}

bool container_files::remove(std::string_view path) {
    const std::string p = normalize(path);
    const bool was_provided = provided(p) != nullptr;
    shadow(p);
    return files_.erase(p) != 0 || dirs_.erase(p) != 0 || was_provided;
}

bool container_files::exists(std::string_view path) const {
    const std::string p = normalize(path);
    return files_.count(p) != 0 || provided(p) != nullptr || is_dir(p);
}

bool container_files::is_file(std::string_view path) const {
    const std::string p = normalize(path);
    return files_.count(p) != 0 || provided(p) != nullptr;
}

bool container_files::is_dir(std::string_view path) const {
    const std::string p = normalize(path);
    if (p == "/" || dirs_.count(p)) return true;
    const std::string prefix = p + "/";
    auto f = files_.lower_bound(prefix);
    if (f != files_.end() && f->first.compare(0, prefix.size(), prefix) == 0) return true;
    for (std::size_t i = 0; i < provided_count_; ++i)
        if (visible(i) && provided_[i].path.substr(0, prefix.size()) == prefix) return true;
    auto d = dirs_.lower_bound(prefix);
    return d != dirs_.end() && d->compare(0, prefix.size(), prefix) == 0;
}

void container_files::mkdir(std::string_view path) { dirs_.insert(normalize(path)); }

std::vector<std::string> container_files::list(std::string_view dir) const {
    std::string p = normalize(dir);
    const std::string prefix = p == "/" ? std::string("/") : p + "/";
    std::set<std::string> names;
    auto collect = [&](std::string_view path) {
        if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) return;
        names.insert(std::string(path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size())));
    };
    for (auto it = files_.lower_bound(prefix); it != files_.end() && it->first.compare(0, prefix.size(), prefix) == 0; ++it)
        collect(it->first);
    for (auto it = dirs_.lower_bound(prefix); it != dirs_.end() && it->compare(0, prefix.size(), prefix) == 0; ++it)
        collect(*it);
    for (std::size_t i = 0; i < provided_count_; ++i)
        if (visible(i)) collect(provided_[i].path);
    return {names.begin(), names.end()};
}

std::string container_files::normalize(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i <= path.size()) {
        const std::size_t j = std::min(path.find('/', i), path.size());
        std::string_view part = path.substr(i, j - i);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        i = j + 1;
    }
    std::string out;
    for (auto p : parts) {
        out += '/';
        out += p;
    }
    return out.empty() ? std::string("/") : out;
}

const provided_file* container_files::provided(std::string_view p) const noexcept {
    for (std::size_t i = 0; i < provided_count_; ++i)
        if (visible(i) && provided_[i].path == p) return &provided_[i];
    return nullptr;
}

void container_files::shadow(std::string_view p) noexcept {
    for (std::size_t i = 0; i < provided_count_; ++i)
        if (provided_[i].path == p) shadowed_ = static_cast<std::uint8_t>(shadowed_ | 1U << i);
}

}  // namespace kubesim
