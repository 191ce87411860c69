// Definitions of network/dns.hpp.
#pragma once

#include <kubesim/network/dns.hpp>

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <map>
#include <memory>
#include <set>

#include <kubesim/api/core/pod.hpp>
#include <kubesim/network/network.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::net {

cluster_dns::cluster_dns(store::object_store& s, network& net, std::string cluster_domain)
    : net_(&net), domain_(lower(std::move(cluster_domain))), services_(s), slices_(s) {
    slices_.add_index("service", [](const api::endpoint_slice& es) {
        auto it = es.metadata.labels.find("kubernetes.io/service-name");
        if (it == es.metadata.labels.end() || it->second.empty()) return std::vector<std::string>{};
        return std::vector<std::string>{es.metadata.namespace_ + "/" + it->second};
    });
}

cluster_dns::~cluster_dns() { stop(); }

void cluster_dns::start() {
    if (started_) return;
    started_ = true;
    slices_.start();
    services_.start();
    net_->set_cluster_resolver([this](std::string_view fqdn) { return answer(fqdn); });
}

void cluster_dns::stop() {
    if (!started_) return;
    started_ = false;
    net_->set_cluster_resolver({});
    services_.stop();
    slices_.stop();
}

std::optional<dns_answer> cluster_dns::answer(std::string_view fqdn) const {
    std::string name = lower(std::string(fqdn));
    if (!name.empty() && name.back() == '.') name.pop_back();
    const std::string suffix = "." + domain_;
    if (name.size() <= suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0)
        return std::nullopt;
    const auto labels = split(std::string_view(name).substr(0, name.size() - suffix.size()));
    if (labels.size() < 3) return std::nullopt;
    const std::string& kind = labels.back();
    if (kind == "svc") {
        if (labels.size() == 3) return service_answer(name, labels[1], labels[0]);
        if (labels.size() == 4) return endpoint_answer(name, labels[2], labels[1], labels[0]);
        return std::nullopt;
    }
    if (kind == "pod" && labels.size() == 3) {
        auto ip = dashed_ip(labels[0]);
        if (!ip) return std::nullopt;
        return dns_answer{name, {*ip}};
    }
    return std::nullopt;
}

std::string cluster_dns::lower(std::string s) {
    for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::vector<std::string> cluster_dns::split(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        auto dot = s.find('.', start);
        out.emplace_back(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    for (const auto& l : out)
        if (l.empty()) return {};
    return out;
}

std::optional<ip_t> cluster_dns::dashed_ip(std::string_view s) {
    std::string dotted(s);
    std::replace(dotted.begin(), dotted.end(), '-', '.');
    return parse_ip(dotted);
}

std::vector<std::pair<ip_t, std::string>> cluster_dns::endpoints_of(const api::service& svc) const {
    std::map<ip_t, std::string> found;
    const bool all = svc.spec.publish_not_ready_addresses;
    for (const auto& es : slices_.lister().by_index("service", svc.metadata.namespace_ + "/" + svc.metadata.name)) {
        if (es->address_type != "IPv4") continue;
        for (const auto& ep : es->endpoints) {
            if (!all && !ep.conditions.ready.value_or(true)) continue;
            for (const auto& a : ep.addresses)
                if (auto ip = parse_ip(a)) found.emplace(*ip, ep.hostname.value_or(""));
        }
    }
    return {found.begin(), found.end()};
}

std::optional<dns_answer> cluster_dns::service_answer(const std::string& name, const std::string& ns,
                                                      const std::string& svc_name) const {
    auto svc = services_.lister().get(ns, svc_name);
    if (!svc || svc->spec.type == "ExternalName") return std::nullopt;
    if (svc->spec.cluster_ip != "None") {
        auto ip = parse_ip(svc->spec.cluster_ip);
        if (!ip) return std::nullopt;
        return dns_answer{name, {*ip}};
    }
    dns_answer a{name, {}};
    for (const auto& [ip, host] : endpoints_of(*svc)) a.ips.push_back(ip);
    if (a.ips.empty()) return std::nullopt;
    return a;
}

std::optional<dns_answer> cluster_dns::endpoint_answer(const std::string& name, const std::string& ns,
                                                       const std::string& svc_name, const std::string& host) const {
    auto svc = services_.lister().get(ns, svc_name);
    if (!svc || svc->spec.cluster_ip != "None" || svc->spec.type == "ExternalName") return std::nullopt;
    const auto dashed = dashed_ip(host);
    dns_answer a{name, {}};
    for (const auto& [ip, hostname] : endpoints_of(*svc))
        if (hostname == host || (hostname.empty() && dashed && *dashed == ip)) a.ips.push_back(ip);
    if (a.ips.empty()) return std::nullopt;
    return a;
}

namespace dns_detail {

inline constexpr std::size_t max_nameservers = 3;          // validation.MaxDNSNameservers
inline constexpr std::size_t max_search_paths = 32;        // MaxDNSSearchPathsExpanded
inline constexpr std::size_t max_search_list_chars = 2048;  // MaxDNSSearchListCharsExpanded
inline constexpr std::size_t max_search_length = 253;       // DNS1123SubdomainMaxLength
inline constexpr int glibc_default_ndots = 1;
inline constexpr int glibc_max_ndots = 15;

KUBESIM_DECL void append_unique(std::vector<std::string>& to, const std::vector<std::string>& more) {
    for (const auto& s : more)
        if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(s);
}

// The resolver options as (name, value) in first-seen order; later entries
// override values (mergeDNSOptions, with a stable order where Go's map has none).
using options_t = std::vector<std::pair<std::string, std::string>>;
KUBESIM_DECL void merge_option(options_t& opts, const std::string& name, const std::string& value) {
    for (auto& o : opts)
        if (o.first == name) {
            o.second = value;
            return;
        }
    opts.emplace_back(name, value);
}

// formDNSSearchFitsLimits: at most 32 paths, none longer than 253, the line at
// most 2048 characters (paths cut from the end).
KUBESIM_DECL std::vector<std::string> fit_searches(std::vector<std::string> s) {
    if (s.size() > max_search_paths) s.resize(max_search_paths);
    std::vector<std::string> kept;
    for (auto& x : s)
        if (x.size() <= max_search_length) kept.push_back(std::move(x));
    auto line_len = [&] {
        std::size_t n = 0;
        for (std::size_t i = 0; i < kept.size(); ++i) n += kept[i].size() + (i ? 1 : 0);
        return n;
    };
    while (!kept.empty() && line_len() > max_search_list_chars) kept.pop_back();
    return kept;
}

}  // namespace dns_detail

dns_settings pod_dns_settings(const api::pod& p, std::string_view cluster_dns_ip, std::string_view cluster_domain) {
    enum class kind { none, cluster, host };
    const std::string& policy = p.spec.dns_policy;
    kind k = kind::cluster;
    if (policy == "None") k = kind::none;
    else if (policy == "Default") k = kind::host;
    else if (policy == "ClusterFirstWithHostNet") k = kind::cluster;
    else if (p.spec.host_network) k = kind::host;  // ClusterFirst (or unset) on the host network

    std::vector<std::string> servers, searches;
    dns_detail::options_t options;
    if (k == kind::cluster && !cluster_dns_ip.empty()) {
        servers.emplace_back(cluster_dns_ip);
        if (!cluster_domain.empty()) {
            const std::string d(cluster_domain);
            dns_detail::append_unique(searches, {p.metadata.namespace_ + ".svc." + d, "svc." + d, d});
        }
        options.emplace_back("ndots", "5");
    }
    if (p.spec.dns_config) {
        const auto& cfg = *p.spec.dns_config;
        dns_detail::append_unique(servers, cfg.nameservers);
        dns_detail::append_unique(searches, cfg.searches);
        for (const auto& o : cfg.options) dns_detail::merge_option(options, o.name, o.value.value_or(""));
    }
    if (servers.size() > dns_detail::max_nameservers) servers.resize(dns_detail::max_nameservers);
    searches = dns_detail::fit_searches(std::move(searches));

    dns_settings out;
    out.nameserver = servers.empty() ? std::string() : servers.front();
    out.cluster_dns = !servers.empty() && !cluster_dns_ip.empty() && servers.front() == cluster_dns_ip;
    out.searches = std::move(searches);
    out.ndots = dns_detail::glibc_default_ndots;
    for (const auto& [name, value] : options) {
        if (name != "ndots") continue;
        int n = 0;
        bool neg = false;
        std::size_t i = 0;
        if (i < value.size() && value[i] == '-') {
            neg = true;
            ++i;
        }
        for (; i < value.size() && value[i] >= '0' && value[i] <= '9'; ++i)
            n = std::min(n * 10 + (value[i] - '0'), 1000);
        n = neg ? 0 : std::min(n, dns_detail::glibc_max_ndots);
        out.ndots = n;
    }
    return out;
}

std::string resolv_conf(const dns_settings& s) {
    std::string out;
    if (!s.searches.empty()) {
        out += "search";
        for (const auto& x : s.searches) out += " " + x;
        out += "\n";
    }
    if (!s.nameserver.empty()) out += "nameserver " + s.nameserver + "\n";
    if (s.ndots != dns_detail::glibc_default_ndots) out += "options ndots:" + std::to_string(s.ndots) + "\n";
    return out;
}

}  // namespace kubesim::net
