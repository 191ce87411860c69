// kubectl in the library: the commands users type, run against the cluster
// through the same API surface the real kubectl uses (server::rest_api: the
// REST paths, the Table printers, the patches), printing what kubectl of the
// cluster's Kubernetes version prints. cluster.kubectl(line) is built on it.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/kubectl/result.hpp>

namespace kubesim {
class cluster;
}  // namespace kubesim

namespace kubesim::kubectl {

// One kubectl "installation" against one cluster: it keeps what kubectl keeps
// between runs (the discovery cache). Not thread-safe; the cluster's thread only.
class session {
public:
    KUBESIM_DECL explicit session(cluster& c);
    KUBESIM_DECL ~session();
    session(const session&) = delete;
    session& operator=(const session&) = delete;

    // The command line after `kubectl`, split as a POSIX shell would.
    KUBESIM_DECL kubectl_result run(std::string_view command_line, std::string_view stdin_text = {});
    // The same with the words already split (argv without "kubectl").
    KUBESIM_DECL kubectl_result run(const std::vector<std::string>& args, std::string_view stdin_text = {});

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

// A command line split into words like a POSIX shell: blanks separate words,
// '...' quotes literally, "..." quotes with \" \\ \$ \` escapes, a backslash
// outside quotes escapes the next character. An unterminated quote throws
// usage_error.
[[nodiscard]] KUBESIM_DECL std::vector<std::string> split_command_line(std::string_view line);

}  // namespace kubesim::kubectl

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/kubectl.ipp>
#endif
