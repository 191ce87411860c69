// resource.Quantity parsing (api::quantity::parse): an input parses or gives
// upstream's error; a parsed quantity prints in a canonical form that parses
// back to the same value, and printing that is stable.
#include <kubesim/api/quantity.hpp>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using kubesim::api::quantity;
    auto q = quantity::parse(fuzz::text(data, size));
    if (!q) {
        fuzz::check_status(q.error());
        return 0;
    }
    const std::string s = q->to_string();
    auto again = quantity::parse(s);
    if (!again) fuzz::finding("a printed quantity does not parse", s);
    fuzz::check(again->milli_value() == q->milli_value(), "the printed quantity has another value", s);
    // The printed form reads back as a DecimalSI quantity when it has no
    // suffix ("2043587008000", a BinarySI value that is no whole number of Ki,
    // prints "2043587008k" then, as upstream); from there printing is stable.
    const std::string s2 = again->to_string();
    auto third = quantity::parse(s2);
    fuzz::check(third.has_value() && third->milli_value() == q->milli_value() && third->to_string() == s2,
                "printing is not stable", s + " -> " + s2);
    (void)q->value();
    (void)(*q + *again);
    (void)(*q - *again);
    return 0;
}
