// Definitions of kubectl/commands.hpp: the command table and the commands.
#pragma once

#include <kubesim/kubectl/commands.hpp>

#include <kubesim/kubectl/commands/explain.ipp>
#include <kubesim/kubectl/commands/get.ipp>
#include <kubesim/kubectl/commands/info.ipp>
#include <kubesim/kubectl/commands/node.ipp>
#include <kubesim/kubectl/commands/scale.ipp>
#include <kubesim/kubectl/commands/set.ipp>

namespace kubesim::kubectl::detail {

const std::map<std::string, command_fn, std::less<>>& commands() {
    static const std::map<std::string, command_fn, std::less<>> table{
        {"api-resources", cmd_api_resources},
        {"api-versions", cmd_api_versions},
        {"cluster-info", cmd_cluster_info},
        {"cordon", cmd_cordon},
        {"drain", cmd_drain},
        {"explain", cmd_explain},
        {"get", cmd_get},
        {"scale", cmd_scale},
        {"set", cmd_set},
        {"taint", cmd_taint},
        {"uncordon", cmd_uncordon},
        {"version", cmd_version},
    };
    return table;
}

}  // namespace kubesim::kubectl::detail
