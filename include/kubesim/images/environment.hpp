// images::environment: a container's environment as the kubelet builds it. Its
// own variables (env, envFrom, the downward API, HOSTNAME, PATH, HOME) in
// order, then the service-link variables of its namespace that its own do not
// shadow. The service links are shared by every container of the namespace
// started while the Services are unchanged: at 1,500 Services a pod carries
// over 10,000 of them.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kubesim::images {

using env_list = std::vector<std::pair<std::string, std::string>>;
using service_env_map = std::map<std::string, std::string, std::less<>>;

struct environment {
    env_list own{};
    std::shared_ptr<const service_env_map> services{};

    // The value of a variable; nullptr when it is not set.
    [[nodiscard]] const std::string* find(std::string_view name) const {
        for (const auto& [k, v] : own)
            if (k == name) return &v;
        if (services)
            if (auto it = services->find(name); it != services->end()) return &it->second;
        return nullptr;
    }
    // The whole environment as one list.
    [[nodiscard]] env_list flatten() const {
        env_list out = own;
        if (services)
            for (const auto& kv : *services)
                if (std::none_of(own.begin(), own.end(), [&](const auto& o) { return o.first == kv.first; }))
                    out.emplace_back(kv.first, kv.second);
        return out;
    }
};

}  // namespace kubesim::images
