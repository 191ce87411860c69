// Label selectors (api::labels::parse, what ?labelSelector= and kubectl -l
// read): an input parses or gives upstream's error; a parsed selector prints as
// a selector that parses back, prints the same and selects the same label sets.
#include <kubesim/api/labels.hpp>

#include <map>
#include <string>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace labels = kubesim::api::labels;
    auto sel = labels::parse(fuzz::text(data, size));
    if (!sel) {
        fuzz::check_status(sel.error());
        return 0;
    }
    const std::string s = sel->to_string();
    auto again = labels::parse(s);
    if (!again) fuzz::finding("a printed selector does not parse", s + " (" + again.error().message + ")");
    fuzz::check(again->to_string() == s, "printing is not stable", s + " -> " + again->to_string());
    // The same answers on a few label sets, among them one made of the
    // selector's own keys and values.
    std::map<std::string, std::string> own;
    for (const auto& r : sel->requirements()) own[r.key] = r.values.empty() ? std::string() : r.values.front();
    const std::map<std::string, std::string> sets[] = {
        {}, {{"app", "web"}}, {{"app", "web"}, {"tier", "1"}, {"x", ""}}, own,
    };
    for (const auto& ls : sets)
        fuzz::check(sel->matches(ls) == again->matches(ls), "the printed selector selects differently", s);
    for (const auto& r : sel->requirements()) (void)sel->requires_exact_match(r.key);
    return 0;
}
