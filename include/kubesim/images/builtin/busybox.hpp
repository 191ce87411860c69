// busybox: the core utilities, plus the two network applets people reach for
// inside a cluster, wget and nslookup, with busybox 1.36's messages:
//
//   wget -qO- http://web:8080/          the body on stdout
//   wget -O /tmp/page http://web/       into the container's filesystem
//   nslookup web                        Server/Address/Name/Address, as busybox prints
//
// The default command is "sh": with no script and no tty it exits 0 at once
// (a busybox Pod without a command completes, then restarts).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/images/image.hpp>
#include <kubesim/images/process.hpp>
#include <kubesim/sim/clock.hpp>
#include <kubesim/sim/task.hpp>

namespace kubesim::images {

namespace busybox_applets {

struct wget_options {
    bool quiet{false};
    bool spider{false};
    std::optional<std::string> output{};  // "-" = stdout
    std::optional<sim::duration> timeout{};
    std::string user_agent{"Wget"};
    std::string url{};
};

// Parses busybox wget's options: -q -O FILE -T SEC -U AGENT -S -s --spider
// (short options cluster: "-qO-", "-T5"; long ones take "=value").
KUBESIM_DECL bool parse_wget(const process_context& ctx, const std::vector<std::string>& a, wget_options& o);

// busybox's progress line when stderr is not a terminal (a simplification of
// progress.c: the bar is full, the size and the ETA fixed).
KUBESIM_DECL std::string progress_line(std::string_view file, std::size_t bytes);

// "web:8080" of "http://web:8080/x?y": what busybox names in its messages.
KUBESIM_DECL std::string authority_of(const std::string& url);

// wget [-q] [-O FILE] [-T SEC] URL: GET with up to 5 redirects, busybox's errors.
KUBESIM_DECL sim::task<int> wget(process_context ctx, std::vector<std::string> argv);

// The resolver nslookup names: the container's /etc/resolv.conf, else
// KUBESIM_NAMESERVER, else the Pod's DNS settings, else the usual 10.96.0.10.
KUBESIM_DECL std::string nameserver(const process_context& ctx);

// nslookup NAME [SERVER]: A records through the Pod's resolver (search list
// included), printed as busybox 1.36 prints them.
KUBESIM_DECL int nslookup(const process_context& ctx, const std::vector<std::string>& a);

}  // namespace busybox_applets

class busybox : public image {
public:
    static constexpr std::string_view image_name = "busybox";
    static constexpr std::string_view image_version = "1.36";

    [[nodiscard]] KUBESIM_DECL std::vector<std::string> default_command() const override;
    // No ENTRYPOINT: a Pod's args replace the CMD.
    [[nodiscard]] KUBESIM_DECL std::vector<std::string> entrypoint() const override;

    KUBESIM_DECL task<int> exec(process_context ctx, std::vector<std::string> argv) override;

private:
    KUBESIM_DECL static task<int> nslookup(process_context ctx, std::vector<std::string> argv);
};

}  // namespace kubesim::images

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/images/builtin/busybox.ipp>
#endif
