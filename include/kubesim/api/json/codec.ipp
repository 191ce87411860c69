// Definitions of api/json/codec.hpp.
#pragma once

#include <kubesim/api/json/codec.hpp>

#include <memory>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/readers.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api::json {

namespace detail {

template <class Kind>
[[nodiscard]] nlohmann::json codec_encode(const void* obj) {
    return encode(*static_cast<const Kind*>(obj));
}

template <class Kind>
[[nodiscard]] result<std::shared_ptr<void>> codec_decode(const nlohmann::json& j) {
    auto r = decode<Kind>(j);
    if (!r) return r.error();
    return std::shared_ptr<void>(std::make_shared<Kind>(std::move(*r)));
}

// A patched document that no longer decodes: the API server answers Invalid on
// the field "patch" with the patched document as the value (handlers/patch.go).
[[nodiscard]] KUBESIM_DECL status patch_invalid(std::string rendered_value, std::string why) {
    return errors::invalid("", "", {field::invalid_raw(field::path("patch"), std::move(rendered_value), std::move(why))});
}

template <class Kind>
[[nodiscard]] result<std::shared_ptr<void>> codec_patch(const void* current, const nlohmann::json& given,
                                                      patch_type type) {
    nlohmann::json scratch;
    const nlohmann::json& p = with_valid_utf8(given, scratch);
    nlohmann::json patched;
    std::string rendered;
    if (type == patch_type::merge) {
        patched = merge_patch(encode(*static_cast<const Kind*>(current)), p);
        rendered = field::quote(patched.dump());
    } else {
        auto r = strategic_merge_patch(encode(*static_cast<const Kind*>(current)), p, Kind::kind);
        if (!r) return r.error();
        patched = std::move(*r);
        rendered = field::quote(go_v(p));
    }
    auto obj = std::make_shared<Kind>();
    try {
        decode_kind(patched, *obj, false);
    } catch (const api_error& e) {
        return patch_invalid(std::move(rendered), e.status().message);
    }
    return std::shared_ptr<void>(std::move(obj));
}

template <class Kind>
inline constexpr codec codec_of{Kind::api_version, Kind::kind, Kind::resource, &codec_encode<Kind>, &codec_decode<Kind>,
                                &codec_patch<Kind>};

template <class... Kinds>
[[nodiscard]] bool register_codecs() {
    (register_codec(codec_of<Kinds>), ...);
    return true;
}

}  // namespace detail

void register_codecs() {
    // A function-local static: registered once, on the first call.
    static const bool registered =
        detail::register_codecs<pod, node, namespace_, service, event, config_map, secret, endpoint_slice, replica_set,
                                deployment, lease>();
    (void)registered;
}

}  // namespace kubesim::api::json
