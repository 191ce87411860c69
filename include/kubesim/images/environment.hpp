// images::environment: a container's environment as the kubelet builds it. Its
// own variables (env, envFrom, the downward API, HOSTNAME, PATH, HOME) in
// order, then the service-link variables of its namespace that its own do not
// shadow. The service links are shared by every container of the namespace
// started while the Services are unchanged: at 1,500 Services a pod carries
// over 10,000 of them.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>

namespace kubesim::images {

using env_list = std::vector<std::pair<std::string, std::string>>;
using service_env_map = std::map<std::string, std::string, std::less<>>;

struct environment {
    env_list own{};
    std::shared_ptr<const service_env_map> services{};

    // The value of a variable; nullptr when it is not set.
    [[nodiscard]] KUBESIM_DECL const std::string* find(std::string_view name) const;
    // The whole environment as one list.
    [[nodiscard]] KUBESIM_DECL env_list flatten() const;
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/environment.ipp>
#endif
