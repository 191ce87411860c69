// Definitions of api/validation/discovery.hpp.
#pragma once

#include <kubesim/api/validation/discovery.hpp>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/api/validation/core.ipp>
#include <kubesim/api/validation/meta.ipp>

namespace kubesim::api::validation {

namespace vdetail {

// IsFullyQualifiedDomainName: a trailing '.' is allowed, at least two labels.
[[nodiscard]] KUBESIM_DECL field::error_list is_fully_qualified_domain_name(const field::path& p, std::string_view name) {
    if (name.empty()) return {field::required(p)};
    if (name.back() == '.') name.remove_suffix(1);
    auto join = [](const std::vector<std::string>& v) {
        std::string s;
        for (std::size_t i = 0; i < v.size(); ++i) s += (i ? "," : "") + v[i];
        return s;
    };
    if (auto errs = is_dns1123_subdomain(name); !errs.empty()) return {field::invalid(p, name, join(errs))};
    if (name.find('.') == std::string_view::npos)
        return {field::invalid(p, name, "should be a domain with at least two segments separated by dots")};
    std::size_t start = 0;
    while (true) {
        auto dot = name.find('.', start);
        auto label = name.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
        if (auto errs = is_dns1123_label(label); !errs.empty()) return {field::invalid(p, label, join(errs))};
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return {};
}

}  // namespace vdetail

field::error_list validate(const endpoint_slice& es) {
    auto errs = validate_object_meta(es.metadata, true, validate_endpoint_slice_name, field::path("metadata"));
    const field::path at("addressType");
    if (es.address_type.empty())
        errs.push_back(field::required(at));
    else if (es.address_type != "FQDN" && es.address_type != "IPv4" && es.address_type != "IPv6")
        errs.push_back(vdetail::not_supported_raw(at, vdetail::json_str(es.address_type), {"FQDN", "IPv4", "IPv6"}));

    const field::path ep("endpoints");
    if (es.endpoints.size() > max_endpoints) {
        errs.push_back(field::too_many(ep, es.endpoints.size(), max_endpoints));
    } else {
        for (std::size_t i = 0; i < es.endpoints.size(); ++i) {
            const auto& e = es.endpoints[i];
            const auto ip = ep.index(i);
            const auto ap = ip.child("addresses");
            if (e.addresses.empty())
                errs.push_back(field::required(ap, "must contain at least 1 address"));
            else if (e.addresses.size() > max_endpoint_addresses)
                errs.push_back(field::too_many(ap, e.addresses.size(), max_endpoint_addresses));
            for (std::size_t k = 0; k < e.addresses.size(); ++k) {
                const auto& a = e.addresses[k];
                if (es.address_type == "IPv4") {
                    vdetail::append(errs, is_valid_ipv4_address(ap.index(k), a));
                    vdetail::append(errs, validate_endpoint_ip(a, ap.index(k)));
                } else if (es.address_type == "IPv6") {
                    vdetail::append(errs, is_valid_ipv6_address(ap.index(k), a));
                    vdetail::append(errs, validate_endpoint_ip(a, ap.index(k)));
                } else if (es.address_type == "FQDN") {
                    vdetail::append(errs, vdetail::is_fully_qualified_domain_name(ap.index(k), a));
                }
            }
            if (e.node_name)
                for (auto& m : validate_node_name(*e.node_name, false))
                    errs.push_back(field::invalid(ip.child("nodeName"), *e.node_name, std::move(m)));
            if (e.hostname) vdetail::append(errs, validate_dns1123_label(*e.hostname, ip.child("hostname")));
        }
    }

    const field::path pp("ports");
    if (es.ports.size() > max_endpoint_ports) {
        errs.push_back(field::too_many(pp, es.ports.size(), max_endpoint_ports));
    } else {
        std::set<std::string> names;
        for (std::size_t i = 0; i < es.ports.size(); ++i) {
            const auto& port = es.ports[i];
            const auto ip = pp.index(i);
            const std::string name = port.name.value_or("");
            if (!name.empty()) vdetail::append(errs, validate_dns1123_label(name, ip.child("name")));
            if (names.count(name))
                errs.push_back(field::duplicate(ip.child("name"), name));
            else
                names.insert(name);
            if (!port.protocol)
                errs.push_back(field::required(ip.child("protocol")));
            else if (!vdetail::contains(vdetail::supported_port_protocols(), *port.protocol))
                errs.push_back(vdetail::not_supported_raw(ip.child("protocol"), vdetail::json_str(*port.protocol),
                                                          vdetail::supported_port_protocols()));
            if (port.app_protocol) vdetail::append(errs, validate_qualified_name(*port.app_protocol, ip.child("appProtocol")));
        }
    }
    return errs;
}

field::error_list validate_update(const endpoint_slice& new_obj, const endpoint_slice& old_obj) {
    auto errs = validate_object_meta_update(new_obj.metadata, old_obj.metadata, field::path("metadata"));
    vdetail::append(errs, validate(new_obj));
    if (new_obj.address_type != old_obj.address_type)
        errs.push_back(field::invalid_raw(field::path("addressType"), vdetail::json_str(new_obj.address_type),
                                          std::string(field_immutable_error_msg)));
    return errs;
}

}  // namespace kubesim::api::validation
