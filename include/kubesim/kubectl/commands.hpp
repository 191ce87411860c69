// kubectl's commands: one entry point each (kubectl/commands/NAME.ipp), and
// the table the dispatcher (kubectl.ipp) finds them in. Internal to kubectl/.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/kubectl/detail/cli.hpp>

namespace kubesim::kubectl::detail {

using command_fn = int (*)(context&, const std::vector<std::string>&);
// The top-level commands kubesim has, by name.
[[nodiscard]] KUBESIM_DECL const std::map<std::string, command_fn, std::less<>>& commands();

KUBESIM_DECL int cmd_get(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_describe(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_apply(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_create(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_run(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_expose(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_delete(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_label(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_annotate(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_patch(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_rollout(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_wait(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_logs(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_exec(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_events(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_cordon(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_uncordon(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_drain(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_taint(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_scale(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_set(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_api_resources(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_api_versions(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_version(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_cluster_info(context& ctx, const std::vector<std::string>& args);
KUBESIM_DECL int cmd_explain(context& ctx, const std::vector<std::string>& args);

}  // namespace kubesim::kubectl::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/commands.ipp>
#endif
