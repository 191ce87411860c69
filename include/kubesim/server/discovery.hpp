// API discovery as kube-apiserver serves it: the aggregated documents
// (apidiscovery.k8s.io v2, and v2beta1 for kubectl 1.27) that current clients
// ask for in Accept, and the legacy APIVersions / APIGroupList / APIGroup /
// APIResourceList, built from the cluster's stored kinds.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/server/rest.hpp>

namespace kubesim {
class cluster;
}  // namespace kubesim

namespace kubesim::server::discovery {

// GET /api and GET /apis: aggregated when Accept asks for it, legacy otherwise.
[[nodiscard]] KUBESIM_DECL response core(cluster& c, std::string_view accept);
[[nodiscard]] KUBESIM_DECL response groups(cluster& c, std::string_view accept);
// GET /apis/GROUP, or nullopt for a group not served.
[[nodiscard]] KUBESIM_DECL std::optional<response> group(cluster& c, std::string_view name);
// GET /api/v1, /apis/GROUP/VERSION: the APIResourceList.
[[nodiscard]] KUBESIM_DECL response resource_list(cluster& c, std::string_view group_version);
// The group versions served below /apis ("apps/v1", ...), in the apiserver's order.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> group_versions(cluster& c);
[[nodiscard]] KUBESIM_DECL bool serves(cluster& c, std::string_view group_version);

}  // namespace kubesim::server::discovery

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/server/discovery.ipp>
#endif
