// cluster.apply: manifest text through apply(std::string_view), or (input
// starting with '#') the rest parsed as JSON with "\u00ff" made a raw 0xFF byte
// and given to apply(const nlohmann::json&), or (input starting with '%') the
// rest through apply_yaml. Every input is applied or refused with an api_error
// in Kubernetes' words; a refused input stores nothing (the resourceVersion and
// every kind's object count are unchanged); what apply returns serialises.
// One initialised cluster serves many inputs (inputs that apply build on what
// earlier ones stored, as a user's session does) and is rebuilt every few
// hundred inputs, so that state stays small.
#include <kubesim/cluster.hpp>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

#include "common.hpp"
#include "json_input.hpp"

namespace {

std::unique_ptr<kubesim::cluster> cluster_;
int uses_ = 0;

kubesim::cluster& fresh_cluster() {
    if (!cluster_ || ++uses_ > 500) {
        cluster_.reset();
        kubesim::cluster_options o;
        o.nodes = 1;
        cluster_ = std::make_unique<kubesim::cluster>(o);
        cluster_->init();
        uses_ = 0;
    }
    return *cluster_;
}

std::vector<std::size_t> counts(kubesim::cluster& c) {
    std::vector<std::size_t> n;
    for (const auto& [resource, ops] : c.kinds()) n.push_back(c.store().count(*ops));
    return n;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)fresh_cluster();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    auto& c = fresh_cluster();
    const auto input = fuzz::text(data, size);
    const auto rv = c.store().resource_version();
    const auto before = counts(c);
    std::vector<nlohmann::json> stored;
    bool applied = false;
    if (!input.empty() && input[0] == '#') {
        const nlohmann::json j = fuzz::parse_input(input.substr(1));
        if (j.is_discarded()) return 0;
        applied = fuzz::guarded([&] { stored = c.apply(j); });
    } else if (!input.empty() && input[0] == '%') {
        applied = fuzz::guarded([&] { stored = c.apply_yaml(input.substr(1)); });
    } else {
        applied = fuzz::guarded([&] { stored = c.apply(input); });
    }
    if (!applied) {
        fuzz::check(c.store().resource_version() == rv, "a refused apply moved the resourceVersion");
        fuzz::check(counts(c) == before, "a refused apply stored or removed objects");
        return 0;
    }
    for (const auto& o : stored) {
        try {
            (void)o.dump();
        } catch (const std::exception& e) {
            fuzz::finding("an applied object does not serialise", e.what());
        }
    }
    return 0;
}
