// Field selectors (api::fields::parse, what ?fieldSelector= and kubectl
// --field-selector read): an input parses or gives upstream's error; a parsed
// selector prints as one that parses back, selects the same and (from the
// second print on) prints the same.
#include <kubesim/api/fields.hpp>

#include <string>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    namespace fields = kubesim::api::fields;
    const auto input = fuzz::text(data, size);
    auto sel = fields::parse(input);
    if (!sel) {
        fuzz::check_status(sel.error());
        return 0;
    }
    const std::string s = sel->to_string();
    auto again = fields::parse(s);
    if (!again) fuzz::finding("a printed selector does not parse", s + " (" + again.error().message + ")");
    // Upstream sorts the terms as written before parsing them, and prints "=="
    // as "=": "a==b,a=a" prints "a=b,a=a", which reads back (sorted again) as
    // "a=a,a=b". From the second print on, printing is stable.
    const std::string s2 = again->to_string();
    auto third = fields::parse(s2);
    fuzz::check(third.has_value() && third->to_string() == s2, "printing is not stable", s + " -> " + s2);
    fields::set own;
    for (const auto& r : sel->requirements()) own[r.field] = r.value;
    const fields::set sets[] = {{}, {{"metadata.name", "web"}, {"metadata.namespace", "default"}}, own};
    for (const auto& fs : sets)
        fuzz::check(sel->matches(fs) == again->matches(fs), "the printed selector selects differently", s);
    for (const auto& r : sel->requirements()) {
        (void)sel->requires_exact_match(r.field);
        auto un = fields::unescape_value(fields::escape_value(r.value));
        fuzz::check(un.has_value() && *un == r.value, "escape_value does not unescape", r.value);
    }
    (void)fields::unescape_value(input);
    return 0;
}
