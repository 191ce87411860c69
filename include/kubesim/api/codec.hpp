// api::codec: what the JSON layer (api/json/, the only place that includes the
// full nlohmann JSON header) offers the rest of kubesim per kind, behind function
// pointers: encode, decode and patch. Layers that must not pay for the full
// JSON library (store/) reach the codecs through this registry; api/json/codec.hpp
// fills it in any program that includes it (kubesim.hpp and cluster.hpp do).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include <kubesim/config.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api {

enum class patch_type : std::uint8_t {
    merge,      // application/merge-patch+json (RFC 7386)
    strategic,  // application/strategic-merge-patch+json (the cases kubectl uses)
};

struct codec {
    std::string_view api_version{};
    std::string_view kind{};
    std::string_view resource{};
    nlohmann::json (*encode)(const void* obj) = nullptr;
    // A new object of the kind, or BadRequest naming the field that does not decode.
    result<std::shared_ptr<void>> (*decode)(const nlohmann::json& j) = nullptr;
    // The current object with the patch applied, or the error Kubernetes gives.
    result<std::shared_ptr<void>> (*patch)(const void* current, const nlohmann::json& p, patch_type type) = nullptr;
};

// Registered codecs by resource ("deployments") and by "apiVersion/Kind"
// ("apps/v1/Deployment"). Filled once at static initialisation, read-only after.
KUBESIM_DECL std::map<std::string, const codec*, std::less<>>& codecs_by_resource();
KUBESIM_DECL std::map<std::string, const codec*, std::less<>>& codecs_by_type();
KUBESIM_DECL void register_codec(const codec& c);

}  // namespace kubesim::api

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/codec.ipp>
#endif
