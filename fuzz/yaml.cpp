// The YAML reader and printers of kubectl/yaml.hpp (what apply_yaml and
// kubectl -f read, and -o yaml / -o json print). A stream parses or gives
// kubectl's BadRequest; every document is valid JSON (it serialises), prints
// as YAML and JSON, and what is printed reads back as the same document
// (numbers as the same float64).
#include <kubesim/kubectl/yaml.hpp>

#include <string>
#include <vector>

#include "common.hpp"

namespace {

std::string dump(const nlohmann::json& j) {
    try {
        return j.dump();
    } catch (const std::exception& e) {
        fuzz::finding("a document read from YAML does not serialise", e.what());
    }
}

// The same document, numbers compared as float64: kubectl reads and prints
// through Go's float64 too, so 9223372036854775808 printed as
// 9223372036854776000 is the same number, and 3.0 is 3.
bool same(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
    if (a.type() != b.type()) return false;
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!same(a[i], b[i])) return false;
        return true;
    }
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(), jt = b.begin(); it != a.end(); ++it, ++jt)
            if (it.key() != jt.key() || !same(it.value(), jt.value())) return false;
        return true;
    }
    return a == b;
}

// Documents kubectl itself does not print so that they read back:
// - kubectl -o yaml prints json.Marshal's output as go-yaml reads it, and
//   go-yaml reads NEL (U+0085) inside a JSON string as a YAML 1.1 line break,
//   which folds: "a\u0085b" prints as "a b";
// - go-yaml's encoder prints the key "<<" plain (its resolver looks "<" up in
//   no table), and its decoder reads a plain "<<" key as a merge key.
// And one the reader here does not read back as go-yaml would: the printer
// follows go-yaml in indenting after a line separator or paragraph separator
// (U+2028, U+2029: YAML 1.1 line breaks) inside a quoted scalar; go-yaml
// reads that indentation away, yaml-cpp (YAML 1.2, where they are ordinary
// characters) keeps it. A known difference (docs/fuzzing.md).
bool has_break_char(std::string_view s) {
    return s.find("\xC2\x85") != std::string_view::npos || s.find("\xE2\x80\xA8") != std::string_view::npos ||
           s.find("\xE2\x80\xA9") != std::string_view::npos;
}

bool prints_lossy(const nlohmann::json& j) {
    if (j.is_string()) return has_break_char(j.get_ref<const std::string&>());
    if (j.is_object())
        for (auto it = j.begin(); it != j.end(); ++it)
            if (it.key() == "<<" || has_break_char(it.key()) || prints_lossy(it.value())) return true;
    if (j.is_array())
        for (const auto& e : j)
            if (prints_lossy(e)) return true;
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace kubesim::kubectl;
    std::vector<yaml_document> docs;
    if (!fuzz::guarded([&] { docs = parse_yaml_stream(fuzz::text(data, size)); })) return 0;
    for (const auto& d : docs) {
        const std::string text = dump(d.value);
        std::string yaml, json;
        if (!fuzz::guarded([&] { yaml = to_yaml(d.value); })) continue;  // control characters: kubectl refuses too
        fuzz::guarded([&] { json = to_json(d.value); });
        if (prints_lossy(d.value)) continue;
        std::vector<yaml_document> back;
        if (!fuzz::guarded([&] { back = parse_yaml_stream(yaml); }))
            fuzz::finding("printed YAML does not read back", text + "\n" + yaml);
        // A null document prints as "null\n" and reads back as null; the
        // printed form of anything is one document.
        fuzz::check(back.size() == 1, "printed YAML reads back as another number of documents", text + "\n" + yaml);
        fuzz::check(same(back[0].value, d.value), "printed YAML reads back as another document",
                    text + "\n" + yaml + "\n" + dump(back[0].value));
        auto j = nlohmann::json::parse(json, nullptr, false);
        fuzz::check(!j.is_discarded() && same(j, d.value), "printed JSON reads back as another document", text + "\n" + json);
    }
    return 0;
}
