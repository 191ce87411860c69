// Definitions of kubectl/commands.hpp: the command table and the commands.
#pragma once

#include <kubesim/kubectl/commands.hpp>

#include <kubesim/kubectl/commands/src.ipp>

namespace kubesim::kubectl::detail {

const std::map<std::string, command_fn, std::less<>>& commands() {
    static const std::map<std::string, command_fn, std::less<>> table{
        {"annotate", cmd_annotate},
        {"api-resources", cmd_api_resources},
        {"api-versions", cmd_api_versions},
        {"apply", cmd_apply},
        {"cluster-info", cmd_cluster_info},
        {"cordon", cmd_cordon},
        {"create", cmd_create},
        {"delete", cmd_delete},
        {"describe", cmd_describe},
        {"drain", cmd_drain},
        {"events", cmd_events},
        {"exec", cmd_exec},
        {"explain", cmd_explain},
        {"expose", cmd_expose},
        {"get", cmd_get},
        {"label", cmd_label},
        {"logs", cmd_logs},
        {"patch", cmd_patch},
        {"rollout", cmd_rollout},
        {"run", cmd_run},
        {"scale", cmd_scale},
        {"set", cmd_set},
        {"taint", cmd_taint},
        {"uncordon", cmd_uncordon},
        {"version", cmd_version},
        {"wait", cmd_wait},
    };
    return table;
}

}  // namespace kubesim::kubectl::detail
