// Patches: JSON merge patch and strategic merge patch through the kinds'
// codecs (what client.patch, kubectl patch and the REST API use, the patched
// object decoded again), RFC 6902 JSON patch, and server-side apply, each on
// a realistic stored object of one kind. The first byte picks the kind and the
// patch type, the rest is the patch (JSON, "\u00ff" made a raw 0xFF byte). A
// patch applies or gives the API server's error; a patched object serialises
// and round-trips through its codec.
#include <kubesim/cluster.hpp>

#include <memory>
#include <string>
#include <vector>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/json/apply.hpp>
#include <kubesim/api/json/patch.hpp>

#include "common.hpp"
#include "json_input.hpp"

namespace {

struct target {
    const kubesim::api::codec* codec;
    nlohmann::json object;  // the live object, encoded
    std::shared_ptr<void> decoded;
};

// One object of every kind, from a small cluster running a Deployment and a
// Service (and what they bring: pods, a ReplicaSet, EndpointSlices, Events).
const std::vector<target>& targets() {
    static const std::vector<target> t = [] {
        kubesim::cluster_options o;
        o.nodes = 1;
        kubesim::cluster c(o);
        c.init();
        c.apply(std::string_view(R"([
          {"apiVersion": "apps/v1", "kind": "Deployment",
           "metadata": {"name": "web", "labels": {"app": "web"}, "annotations": {"note": "x"}},
           "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                    "template": {"metadata": {"labels": {"app": "web"}},
                                 "spec": {"containers": [{"name": "web", "image": "hashicorp/http-echo:1.0",
                                   "args": ["-text=hi"], "ports": [{"containerPort": 5678, "name": "http"}],
                                   "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}],
                                   "resources": {"requests": {"cpu": "100m", "memory": "64Mi"}}}],
                                   "tolerations": [{"key": "k", "operator": "Exists"}]}}}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
           "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": "http"}]}},
          {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}, "data": {"a": "1", "b": "2"}},
          {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "stringData": {"p": "q"}}])"));
        c.wait_for("deployment/web", "Available");
        std::vector<target> out;
        for (const auto& [type, codec] : kubesim::api::codecs_by_type()) {
            auto r = c.kubectl("get " + std::string(codec->resource) + " -A -o json");
            auto list = nlohmann::json::parse(r.out, nullptr, false);
            if (list.is_discarded() || !list.contains("items") || list["items"].empty()) continue;
            auto obj = codec->decode(list["items"][0]);
            if (!obj) continue;
            out.push_back({codec, codec->encode(obj->get()), *obj});
        }
        if (out.empty()) fuzz::finding("no objects to patch");
        return out;
    }();
    return t;
}

void round_trip(const kubesim::api::codec& codec, const nlohmann::json& j, std::string_view what) {
    std::string text;
    try {
        text = j.dump();
    } catch (const std::exception& e) {
        fuzz::finding(std::string(what) + " does not serialise", e.what());
    }
    auto back = codec.decode(j);
    if (!back) {
        fuzz::check_status(back.error());
        return;
    }
    const nlohmann::json e2 = codec.encode(back->get());
    auto again = codec.decode(e2);
    if (!again) fuzz::finding(std::string(what) + ": its encoding does not decode", again.error().message);
    fuzz::check(codec.encode(again->get()) == e2, "the round trip is not stable", text);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)targets();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 1) return 0;
    const auto& all = targets();
    const target& t = all[data[0] % all.size()];
    const unsigned type = (data[0] / all.size()) % 5;
    const nlohmann::json p = fuzz::parse_input(fuzz::text(data + 1, size - 1));
    if (p.is_discarded()) return 0;
    const auto& codec = *t.codec;
    switch (type) {
        case 0:
        case 1: {
            kubesim::result<std::shared_ptr<void>> r = kubesim::api::status{};
            fuzz::guarded([&] {
                r = codec.patch(t.decoded.get(), p,
                                type == 0 ? kubesim::api::patch_type::merge : kubesim::api::patch_type::strategic);
            });
            if (!r) {
                fuzz::check_status(r.error());
                return 0;
            }
            round_trip(codec, codec.encode(r->get()), "the patched object");
            break;
        }
        case 2: {
            kubesim::result<nlohmann::json> r = kubesim::api::status{};
            fuzz::guarded([&] { r = kubesim::api::json::json_patch(t.object, p); });
            if (!r) {
                fuzz::check_status(r.error());
                return 0;
            }
            round_trip(codec, *r, "the JSON-patched document");
            break;
        }
        case 3: {
            kubesim::result<nlohmann::json> r = kubesim::api::status{};
            fuzz::guarded([&] { r = kubesim::api::json::strategic_merge_patch(t.object, p, codec.kind); });
            if (!r) {
                fuzz::check_status(r.error());
                return 0;
            }
            round_trip(codec, *r, "the strategic-merge-patched document");
            break;
        }
        default: {
            kubesim::api::json::field_manager who{"fuzz", "Apply", "", std::string(codec.api_version),
                                                  "2025-01-01T00:00:00Z"};
            kubesim::result<nlohmann::json> r = kubesim::api::status{};
            fuzz::guarded([&] { r = kubesim::api::json::server_side_apply(t.object, p, codec.kind, who, (size & 1) != 0); });
            if (!r) {
                fuzz::check_status(r.error());
                return 0;
            }
            round_trip(codec, *r, "the applied object");
            nlohmann::json updated;
            fuzz::guarded([&] { updated = kubesim::api::json::update_managed_fields(t.object, *r, codec.kind, who); });
            break;
        }
    }
    return 0;
}
