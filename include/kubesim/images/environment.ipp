// Definitions of images/environment.hpp.
#pragma once

#include <kubesim/images/environment.hpp>

#include <algorithm>

namespace kubesim::images {

const std::string* environment::find(std::string_view name) const {
    for (const auto& [k, v] : own)
        if (k == name) return &v;
    if (services)
        if (auto it = services->find(name); it != services->end()) return &it->second;
    return nullptr;
}

env_list environment::flatten() const {
    env_list out = own;
    if (services)
        for (const auto& kv : *services)
            if (std::none_of(own.begin(), own.end(), [&](const auto& o) { return o.first == kv.first; }))
                out.emplace_back(kv.first, kv.second);
    return out;
}

}  // namespace kubesim::images
