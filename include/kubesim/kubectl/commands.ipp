// Definitions of kubectl/commands.hpp: the command table and the commands.
#pragma once

#include <kubesim/kubectl/commands.hpp>

#include <kubesim/kubectl/commands/describe.ipp>
#include <kubesim/kubectl/commands/get.ipp>

namespace kubesim::kubectl::detail {

const std::map<std::string, command_fn, std::less<>>& commands() {
    static const std::map<std::string, command_fn, std::less<>> table{
        {"describe", cmd_describe},
        {"get", cmd_get},
    };
    return table;
}

}  // namespace kubesim::kubectl::detail
