// The JSON decoders of every stored kind (the api::codec registry: what apply,
// the typed clients and the REST API decode with). The first byte picks the
// kind, the rest is the JSON document. A document decodes or gives the
// BadRequest the API server answers; a decoded object encodes to JSON that
// serialises (valid UTF-8), decodes again and encodes the same (a stable round
// trip), and so does the object after defaulting. (Write-only fields such as
// a Secret's stringData are not encoded: the check is on the JSON.)
#include <kubesim/cluster.hpp>

#include <string>
#include <vector>

#include <kubesim/api/codec.hpp>
#include <kubesim/store/kind_ops.hpp>

#include "common.hpp"
#include "json_input.hpp"

namespace {

struct kind_entry {
    const kubesim::api::codec* codec;
    const kubesim::store::kind_ops* ops;
};

const std::vector<kind_entry>& kinds() {
    static const std::vector<kind_entry> table = [] {
        // A cluster registers the codecs and knows every kind's table.
        static kubesim::cluster c([] {
            kubesim::cluster_options o;
            o.nodes = 1;
            return o;
        }());
        std::vector<kind_entry> t;
        for (const auto& [type, codec] : kubesim::api::codecs_by_type())
            if (auto it = c.kinds().find(codec->resource); it != c.kinds().end()) t.push_back({codec, it->second});
        return t;
    }();
    return table;
}

std::string dump(const nlohmann::json& j, std::string_view what) {
    try {
        return j.dump();
    } catch (const std::exception& e) {
        fuzz::finding(what, e.what());
    }
}

// encode -> dump -> decode -> encode: the same JSON again.
nlohmann::json round_trip(const kind_entry& k, const void* obj, std::string_view stage) {
    const nlohmann::json e1 = k.codec->encode(obj);
    const std::string text = dump(e1, std::string(stage) + ": the encoding does not serialise");
    auto back = k.codec->decode(e1);
    if (!back) fuzz::finding(std::string(stage) + ": the encoding does not decode", back.error().message + "\n" + text);
    const nlohmann::json e2 = k.codec->encode(back->get());
    if (e1 != e2) fuzz::finding(std::string(stage) + ": the round trip is not stable", text + "\n" + e2.dump());
    if (k.ops->encode) {  // kinds stored serialised (Events)
        const std::string s1 = k.ops->encode(obj);
        auto again = k.ops->decode(s1);
        fuzz::check(again && k.ops->encode(again.get()) == s1, "the store's serialised form does not round-trip", text);
    }
    return e1;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)kinds();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto& table = kinds();
    const kind_entry& k = table[data[0] % table.size()];
    const nlohmann::json j = fuzz::parse_input(fuzz::text(data + 1, size - 1));
    if (j.is_discarded()) return 0;
    kubesim::result<std::shared_ptr<void>> obj = kubesim::api::status{};
    fuzz::guarded([&] { obj = k.codec->decode(j); });
    if (!obj) {
        fuzz::check_status(obj.error());
        return 0;
    }
    round_trip(k, obj->get(), "decoded");
    fuzz::guarded([&] {
        k.ops->set_defaults(obj->get());
        (void)k.ops->validate(obj->get());
    });
    round_trip(k, obj->get(), "defaulted");
    return 0;
}
