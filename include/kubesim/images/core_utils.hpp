// The base image's core utilities (what image::exec falls back to): a small
// busybox. Behaviour and messages follow busybox 1.36 as it runs in a container
// (no tty, PID 1 ignores SIGTERM unless the program handles it):
//
//   cat echo env false hostname ls mkdir pause printenv rm sh sleep test [ touch true
//
// Commands are looked up by the last part of argv[0] ("/bin/sh" is "sh"), and
// `busybox CMD ...` runs CMD. `sh -c` runs each command of its script through
// process_context::run, so a script finds the image's own programs (wget in
// busybox, /agnhost in agnhost) exactly as a real shell finds them on PATH.
//
// The filesystem is the container's in-memory one (container_files). A fresh
// container has busybox's top-level directories (/bin, /etc, /tmp, ...) so
// `touch /tmp/ready` works without a mkdir first.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::kubelet {
struct pipeline_step;
}  // namespace kubesim::kubelet

namespace kubesim::images {

namespace core {

using args = std::vector<std::string>;

// "/bin/sh" -> "sh": the applet name a command line asks for.
[[nodiscard]] KUBESIM_DECL std::string_view command_name(std::string_view argv0);

// busybox's root filesystem: directories every container starts with.
[[nodiscard]] KUBESIM_DECL bool is_base_dir(std::string_view normalized);

[[nodiscard]] KUBESIM_DECL bool dir_exists(const container_files& fs, std::string_view path);
[[nodiscard]] KUBESIM_DECL bool path_exists(const container_files& fs, std::string_view path);
[[nodiscard]] KUBESIM_DECL std::string parent_of(std::string_view path);

// The names inside dir, with the base directories a listing of / (or /usr,
// /var) shows too.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> list_dir(const container_files& fs, std::string_view dir);

// Splits "-rf" style option clusters off the front of a command's arguments;
// returns the index of the first operand. "--" ends the options.
[[nodiscard]] KUBESIM_DECL std::size_t take_flags(const args& a, std::string_view known, std::string& flags);

KUBESIM_DECL int cat(const process_context& ctx, const args& a);

// echo [-neE] ARG...: -n drops the newline, -e interprets \n \t \\ \c.
KUBESIM_DECL int echo(const process_context& ctx, const args& a);

KUBESIM_DECL int env(const process_context& ctx);

// printenv [NAME...]: exit 1 when any NAME is unset.
KUBESIM_DECL int printenv(const process_context& ctx, const args& a);

KUBESIM_DECL void remove_tree(container_files& fs, const std::string& path);

// rm [-f] [-r|-R] FILE...
KUBESIM_DECL int rm(const process_context& ctx, const args& a);

// touch FILE...: creates empty files (there are no timestamps to update).
KUBESIM_DECL int touch(const process_context& ctx, const args& a);

// mkdir [-p] DIR...
KUBESIM_DECL int mkdir(const process_context& ctx, const args& a);

// ls [-1a] [PATH...]: one name a line, sorted (the output is not a tty).
KUBESIM_DECL int ls(const process_context& ctx, const args& a);

KUBESIM_DECL int test(const process_context& ctx, const args& a);

// "1" "0.5" "2m" "1.5h" "3d" -> duration; "inf"/"infinity" -> nullopt with
// forever set. Parsed by hand: exact microseconds, no locale, no floating point.
[[nodiscard]] KUBESIM_DECL std::optional<sim::duration> parse_sleep(std::string_view s, bool& forever);

// sleep N...: the sum of its operands. As PID 1 it has no SIGTERM handler, so
// it keeps sleeping until SIGKILL (137).
KUBESIM_DECL sim::task<int> sleep(process_context ctx, args a);

// pause: waits for SIGTERM, then exits 0.
KUBESIM_DECL sim::task<int> pause(process_context ctx);

// "exit 3" -> 3 (mod 256); nullopt for a bad number.
[[nodiscard]] KUBESIM_DECL std::optional<int> exit_status(std::string_view s);

// Runs a parsed script: each command through ctx.run; "exit", "exec", "set
// -e/+e/-x/+x" and ":" are builtins. errexit (-e) stops after a failing command
// that ends its AND-OR list, as POSIX says.
KUBESIM_DECL sim::task<int> run_script(process_context ctx, std::vector<kubelet::pipeline_step> steps, bool errexit,
                                       bool xtrace);

// sh [-ex] -c SCRIPT | sh FILE | sh: without a script (and no tty) it exits 0.
KUBESIM_DECL sim::task<int> shell(process_context ctx, args a);

}  // namespace core

// Runs argv[0] as one of the core utilities; an unknown command prints
// "<cmd>: not found" to stderr and exits 127.
KUBESIM_DECL sim::task<int> core_utilities(process_context ctx, std::vector<std::string> argv);

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/core_utils.ipp>
#endif
