// The definitions of kubectl's commands, one file each (compiled mode: the
// library's src/kubectl_commands.cpp, or <kubesim/src.hpp>; header-only:
// commands.ipp).
#pragma once

#include <kubesim/kubectl/commands/apply.ipp>
#include <kubesim/kubectl/commands/create.ipp>
#include <kubesim/kubectl/commands/delete.ipp>
#include <kubesim/kubectl/commands/describe.ipp>
#include <kubesim/kubectl/commands/describe_pod.ipp>
#include <kubesim/kubectl/commands/describe_util.ipp>
#include <kubesim/kubectl/commands/events.ipp>
#include <kubesim/kubectl/commands/exec.ipp>
#include <kubesim/kubectl/commands/explain.ipp>
#include <kubesim/kubectl/commands/follow.ipp>
#include <kubesim/kubectl/commands/get.ipp>
#include <kubesim/kubectl/commands/info.ipp>
#include <kubesim/kubectl/commands/label.ipp>
#include <kubesim/kubectl/commands/logs.ipp>
#include <kubesim/kubectl/commands/node.ipp>
#include <kubesim/kubectl/commands/patch.ipp>
#include <kubesim/kubectl/commands/rollout.ipp>
#include <kubesim/kubectl/commands/scale.ipp>
#include <kubesim/kubectl/commands/set.ipp>
#include <kubesim/kubectl/commands/wait.ipp>
#include <kubesim/kubectl/commands/write_util.ipp>
