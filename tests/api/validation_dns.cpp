// Pod DNS validation (validateDNSPolicy and validatePodDNSConfig in
// api/validation/core.hpp): the limits and messages kube-apiserver uses.
#include <doctest/doctest.h>

#include <validation_support.hpp>

#include <kubesim/api/defaults.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/api/validation.hpp>

#include <functional>
#include <string>
#include <vector>

using namespace kubesim::api;
namespace v = kubesim::api::validation;
using namespace validation_support;

namespace {

pod dns_pod() {
    pod p;
    p.metadata.name = "dns";
    p.metadata.namespace_ = "default";
    container c;
    c.name = "app";
    c.image = "busybox:1.36";
    p.spec.containers.push_back(c);
    return p;
}

struct row {
    const char* name;
    std::function<void(pod&)> change;
    std::vector<std::string> want;
};

}  // namespace

TEST_SUITE("api/validation") {

TEST_CASE("pod dnsPolicy and dnsConfig") {
    const std::string long_label(63, 'a');
    const std::vector<row> rows = {
        {"defaults to ClusterFirst", [](pod&) {}, {}},
        {"every policy is accepted", [](pod& p) { p.spec.dns_policy = "ClusterFirstWithHostNet"; }, {}},
        {"Default", [](pod& p) { p.spec.dns_policy = "Default"; }, {}},
        {"None with a nameserver", [](pod& p) {
             p.spec.dns_policy = "None";
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->nameservers = {"10.96.0.10"};
         },
         {}},
        {"None without dnsConfig", [](pod& p) { p.spec.dns_policy = "None"; },
         {"spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"}},
        {"None with only searches", [](pod& p) {
             p.spec.dns_policy = "None";
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->searches = {"example.com"};
         },
         {"spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None"}},
        {"unknown policy", [](pod& p) { p.spec.dns_policy = "clusterfirst"; },
         {"spec.dnsPolicy: Unsupported value: \"clusterfirst\": supported values: \"ClusterFirstWithHostNet\", "
          "\"ClusterFirst\", \"Default\", \"None\""}},
        {"three nameservers are fine, IPv6 too", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->nameservers = {"1.1.1.1", "2001:db8::1", "8.8.8.8"};
         },
         {}},
        {"a nameserver that is a name", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->nameservers = {"dns.example"};
         },
         {"spec.dnsConfig.nameservers[0]: Invalid value: \"dns.example\": must be a valid IP address, (e.g. 10.9.8.7 or "
          "2001:db8::ffff)"}},
        {"32 search paths, trailing dots and underscores", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             for (int i = 0; i < 31; ++i) p.spec.dns_config->searches.push_back("s" + std::to_string(i) + ".example.");
             p.spec.dns_config->searches.push_back("_srv._tcp.example.com");
         },
         {}},
        {"search path too long", [long_label](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->searches = {long_label + "." + long_label + "." + long_label + "." + long_label + ".com"};
         },
         {"spec.dnsConfig.searches[0]: Invalid value: \"" + long_label + "." + long_label + "." + long_label + "." +
          long_label + ".com\": must be no more than 253 characters"}},
        {"search path with uppercase", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->searches = {"Example.com"};
         },
         {R"(spec.dnsConfig.searches[0]: Invalid value: "Example.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*'))"}},
        {"option without a name", [](pod& p) {
             p.spec.dns_config = pod_dns_config{};
             p.spec.dns_config->options = {pod_dns_config_option{"ndots", std::string("3")},
                                           pod_dns_config_option{"", std::string("1")}};
         },
         {"spec.dnsConfig.options[1]: Required value: must not be empty"}},
    };
    for (const auto& r : rows) {
        INFO(r.name);
        auto p = dns_pod();
        r.change(p);
        set_defaults(p);
        CHECK(joined(v::validate(p)) == lines(r.want));
    }
}

TEST_CASE("pod dnsConfig search list length limit") {
    auto p = dns_pod();
    p.spec.dns_config = pod_dns_config{};
    // 32 paths of 64 characters plus 31 spaces = 2079 > 2048.
    for (int i = 0; i < 32; ++i) {
        std::string s = "p" + std::to_string(100 + i) + ".";
        s += std::string(64 - s.size(), 'a');
        p.spec.dns_config->searches.push_back(s);
    }
    set_defaults(p);
    auto errs = joined(v::validate(p));
    CHECK(errs.find("spec.dnsConfig.searches: Invalid value: [\"p100.") != std::string::npos);
    CHECK(errs.find("must not have more than 2048 characters (including spaces) in the search list\n") != std::string::npos);
}

}  // TEST_SUITE
