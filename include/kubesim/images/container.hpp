// The container runtime's state of one container instance and of each of its
// processes. Internal: images see them through process_context; the runtime
// (runtime.hpp), the kubelet and the cluster include this.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/container_files.hpp>
#include <kubesim/images/environment.hpp>
#include <kubesim/network/types.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim {
class image;
namespace net {
class network;
}  // namespace net
}  // namespace kubesim

namespace kubesim::images {

// One running container instance: what its processes share.
struct container_instance {
    std::string pod_name{}, namespace_name{}, pod_uid{}, pod_ip{}, node_name{}, container_name{};
    environment env{};
    container_files files{};
    std::string log{};                 // stdout and stderr of the main process, interleaved
    // Where each line of the log starts and when it was written (kubectl logs
    // --timestamps and --since).
    struct log_mark {
        std::size_t offset{0};
        sim::time_point time{};
    };
    std::vector<log_mark> log_marks{};
    std::shared_ptr<image> img{};      // one image object per container instance
    net::network* network{nullptr};
    net::origin origin{};
    std::uint64_t next_pid{1};

    [[nodiscard]] KUBESIM_DECL std::optional<std::string> env_value(std::string_view name) const;
};

// One process: the main one or an exec'd one.
struct process_state {
    std::shared_ptr<container_instance> container{};
    std::uint64_t pid{0};
    bool main{false};
    std::string out{}, err{};          // what an exec'd process wrote (main writes go to the log)
    std::string stdin_data{};          // its standard input (exec -i); read once, then end of file
    int signal{0};                     // 15 once SIGTERM was sent
    std::vector<std::function<void(int)>> on_signal{};  // wait_until_killed waiters
    std::vector<std::int32_t> ports{};  // bound listeners
    std::function<void(std::string_view)> on_log{};  // main process output hook (the runtime)

    KUBESIM_DECL ~process_state();
    KUBESIM_DECL void close_listeners();
    // SIGTERM: resumes the waiters (each through the engine).
    KUBESIM_DECL void terminate();
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/container.ipp>
#endif
