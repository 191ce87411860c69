// Registers an api::codec (encode / decode / patch) for every kind, so layers
// that do not include nlohmann/json.hpp (store/) can patch and convert objects.
// Including this header (kubesim.hpp and cluster.hpp do) fills the registry
// once per program, at static initialisation.
#pragma once

#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/patch.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/errors.hpp>

namespace kubesim::api::json {

namespace detail {

template <class Kind>
result<std::shared_ptr<void>> decode_erased(const nlohmann::json& j) {
    try {
        return std::shared_ptr<void>(std::make_shared<Kind>(j.get<Kind>()));
    } catch (const api_error& e) {
        return e.status();
    } catch (const nlohmann::json::exception& e) {
        return errors::bad_request(std::string(Kind::kind) + " in version " + field::quote(Kind::api_version) +
                                   " cannot be handled as a " + std::string(Kind::kind) + ": " + e.what());
    }
}

template <class Kind>
nlohmann::json encode_erased(const void* obj) {
    return nlohmann::json(*static_cast<const Kind*>(obj));
}

template <class Kind>
result<std::shared_ptr<void>> patch_erased(const void* current, const nlohmann::json& p, patch_type type) {
    if (!p.is_object())
        return errors::bad_request("json: cannot unmarshal " + std::string(p.is_array() ? "array" : "value") +
                                   " into Go value of type map[string]interface {}");
    nlohmann::json doc = encode_erased<Kind>(current);
    if (type == patch_type::merge) {
        doc.merge_patch(p);
    } else {
        auto r = strategic_merge_patch(std::move(doc), p, Kind::kind);
        if (!r) return r.error();
        doc = std::move(*r);
    }
    return decode_erased<Kind>(doc);
}

template <class Kind>
const codec& codec_of() {
    static const codec c{Kind::api_version, Kind::kind, Kind::resource, &encode_erased<Kind>, &decode_erased<Kind>,
                         &patch_erased<Kind>};
    return c;
}

template <class... Kinds>
bool register_all() {
    (register_codec(codec_of<Kinds>()), ...);
    return true;
}

}  // namespace detail

// Filled before main() in every program that includes this header.
inline const bool codecs_registered =
    detail::register_all<pod, node, namespace_, service, event, config_map, secret, endpoint_slice, replica_set,
                         deployment, scale>();

}  // namespace kubesim::api::json
