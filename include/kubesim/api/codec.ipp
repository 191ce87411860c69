// Definitions of api/codec.hpp.
#pragma once

#include <kubesim/api/codec.hpp>

namespace kubesim::api {

std::map<std::string, const codec*, std::less<>>& codecs_by_resource() {
    static std::map<std::string, const codec*, std::less<>> table;
    return table;
}

std::map<std::string, const codec*, std::less<>>& codecs_by_type() {
    static std::map<std::string, const codec*, std::less<>> table;
    return table;
}

void register_codec(const codec& c) {
    codecs_by_resource()[std::string(c.resource)] = &c;
    codecs_by_type()[std::string(c.api_version) + "/" + std::string(c.kind)] = &c;
}

}  // namespace kubesim::api
