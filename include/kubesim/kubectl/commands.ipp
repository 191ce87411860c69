// Definitions of kubectl/commands.hpp: the command table and the commands.
#pragma once

#include <kubesim/kubectl/commands.hpp>

#include <kubesim/kubectl/commands/apply.ipp>
#include <kubesim/kubectl/commands/create.ipp>
#include <kubesim/kubectl/commands/delete.ipp>
#include <kubesim/kubectl/commands/describe.ipp>
#include <kubesim/kubectl/commands/events.ipp>
#include <kubesim/kubectl/commands/exec.ipp>
#include <kubesim/kubectl/commands/get.ipp>
#include <kubesim/kubectl/commands/label.ipp>
#include <kubesim/kubectl/commands/logs.ipp>
#include <kubesim/kubectl/commands/patch.ipp>
#include <kubesim/kubectl/commands/rollout.ipp>
#include <kubesim/kubectl/commands/wait.ipp>

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
