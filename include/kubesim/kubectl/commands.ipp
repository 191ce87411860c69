// Definitions of kubectl/commands.hpp: the command table and the commands.
#pragma once

#include <kubesim/kubectl/commands.hpp>

#include <kubesim/kubectl/commands/describe.ipp>
#include <kubesim/kubectl/commands/apply.ipp>
#include <kubesim/kubectl/commands/create.ipp>
#include <kubesim/kubectl/commands/delete.ipp>
#include <kubesim/kubectl/commands/get.ipp>
#include <kubesim/kubectl/commands/label.ipp>
#include <kubesim/kubectl/commands/patch.ipp>

namespace kubesim::kubectl::detail {

const std::map<std::string, command_fn, std::less<>>& commands() {
    static const std::map<std::string, command_fn, std::less<>> table{
        {"annotate", cmd_annotate}, {"apply", cmd_apply}, {"create", cmd_create}, {"delete", cmd_delete},
        {"describe", cmd_describe}, {"expose", cmd_expose}, {"get", cmd_get}, {"label", cmd_label},
        {"patch", cmd_patch}, {"run", cmd_run},
    };
    return table;
}

}  // namespace kubesim::kubectl::detail
