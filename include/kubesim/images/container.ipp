// Definitions of images/container.hpp.
#pragma once

#include <kubesim/images/container.hpp>

#include <utility>

#include <kubesim/network/network.hpp>

namespace kubesim::images {

std::optional<std::string> container_instance::env_value(std::string_view name) const {
    const std::string* v = env.find(name);
    return v ? std::optional<std::string>(*v) : std::nullopt;
}

process_state::~process_state() { close_listeners(); }

void process_state::close_listeners() {
    if (!container || !container->network) return;
    if (auto ip = net::parse_ip(container->pod_ip))
        for (auto p : ports) container->network->close(*ip, p);
    ports.clear();
}

void process_state::terminate() {
    if (signal) return;
    signal = 15;
    auto ws = std::move(on_signal);
    on_signal.clear();
    for (auto& w : ws) w(143);
}

}  // namespace kubesim::images
