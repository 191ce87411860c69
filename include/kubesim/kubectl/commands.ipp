// Definitions of kubectl/commands.hpp: the command table and the commands.
#pragma once

#include <kubesim/kubectl/commands.hpp>

#include <kubesim/kubectl/commands/src.ipp>

namespace kubesim::kubectl::detail {

const std::map<std::string, command_fn, std::less<>>& commands() {
    static const std::map<std::string, command_fn, std::less<>> table{
        {"annotate", cmd_annotate}, {"apply", cmd_apply},     {"create", cmd_create},   {"delete", cmd_delete},
        {"describe", cmd_describe}, {"events", cmd_events},   {"exec", cmd_exec},       {"expose", cmd_expose},
        {"get", cmd_get},           {"label", cmd_label},     {"logs", cmd_logs},       {"patch", cmd_patch},
        {"rollout", cmd_rollout},   {"run", cmd_run},         {"wait", cmd_wait},
    };
    return table;
}

}  // namespace kubesim::kubectl::detail
