// Fills the api::codec registry (api/codec.hpp) with every stored kind's JSON
// encode, decode and patch, so that layers that do not include nlohmann/json.hpp
// (store/) can decode and patch by resource name. Nothing is registered by
// including this header: call register_codecs() before the registry is needed
// (kubesim::cluster does in its constructor).
#pragma once

#include <kubesim/config.hpp>

namespace kubesim::api::json {

/// Registers every stored kind's codec (Scale, a subresource, is not one).
/// Idempotent: only the first call registers.
KUBESIM_DECL void register_codecs();

}  // namespace kubesim::api::json

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/codec.ipp>
#endif
