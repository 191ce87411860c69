// Definitions of kubectl/commands.hpp: the command table and the commands.
#pragma once

#include <kubesim/kubectl/commands.hpp>

#include <kubesim/kubectl/commands/events.ipp>
#include <kubesim/kubectl/commands/exec.ipp>
#include <kubesim/kubectl/commands/get.ipp>
#include <kubesim/kubectl/commands/logs.ipp>
#include <kubesim/kubectl/commands/rollout.ipp>
#include <kubesim/kubectl/commands/wait.ipp>

namespace kubesim::kubectl::detail {

const std::map<std::string, command_fn, std::less<>>& commands() {
    static const std::map<std::string, command_fn, std::less<>> table{
        {"events", cmd_events},
        {"exec", cmd_exec},
        {"get", cmd_get},
        {"logs", cmd_logs},
        {"rollout", cmd_rollout},
        {"wait", cmd_wait},
    };
    return table;
}

}  // namespace kubesim::kubectl::detail
