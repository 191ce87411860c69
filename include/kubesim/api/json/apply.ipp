// Definitions of api/json/apply.hpp.
#pragma once

#include <kubesim/api/json/apply.hpp>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/json/detail/go_time.hpp>
#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/schema.hpp>
#include <kubesim/api/json/patch.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/result.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::json::detail::ssa {

using json = nlohmann::json;

// ---------------------------------------------------------------------------
// Values, as structured-merge-diff orders and prints them (value/value.go).

// value.Compare: numbers (by value) < strings < bools < lists < maps < null.
[[nodiscard]] KUBESIM_DECL int rank(const json& v) {
    if (v.is_number()) return 0;
    if (v.is_string()) return 1;
    if (v.is_boolean()) return 2;
    if (v.is_array()) return 3;
    if (v.is_object()) return 4;
    return 5;
}

template <class T>
[[nodiscard]] int three_way(const T& a, const T& b) {
    return a < b ? -1 : (b < a ? 1 : 0);
}

[[nodiscard]] KUBESIM_DECL int compare_values(const json& a, const json& b) {
    const int ra = rank(a), rb = rank(b);
    if (ra != rb) return ra < rb ? -1 : 1;
    switch (ra) {
        case 0:
            if (a.is_number_float() || b.is_number_float()) return three_way(a.get<double>(), b.get<double>());
            if (a.is_number_unsigned() && b.is_number_unsigned())
                return three_way(a.get<std::uint64_t>(), b.get<std::uint64_t>());
            if (a.is_number_unsigned() || b.is_number_unsigned()) {
                // One side may be a negative int64: that one is smaller.
                if (a.is_number_integer() && !a.is_number_unsigned() && a.get<std::int64_t>() < 0) return -1;
                if (b.is_number_integer() && !b.is_number_unsigned() && b.get<std::int64_t>() < 0) return 1;
                return three_way(a.get<std::uint64_t>(), b.get<std::uint64_t>());
            }
            return three_way(a.get<std::int64_t>(), b.get<std::int64_t>());
        case 1: return three_way(a.get_ref<const std::string&>(), b.get_ref<const std::string&>());
        case 2: return three_way(a.get<bool>(), b.get<bool>());
        case 3:
            for (std::size_t i = 0;; ++i) {
                if (i >= a.size() || i >= b.size()) return three_way(a.size(), b.size());
                if (int c = compare_values(a[i], b[i])) return c;
            }
        case 4: {
            // MapCompare: the keys of both in lexical order; the map that runs out or
            // lacks a key the other has comes first.
            auto x = a.begin(), y = b.begin();
            for (;;) {
                if (x == a.end() || y == b.end()) return three_way(x == a.end() ? 0 : 1, y == b.end() ? 0 : 1);
                if (x.key() != y.key()) return x.key() < y.key() ? -1 : 1;
                if (int c = compare_values(*x, *y)) return c;
                ++x, ++y;
            }
        }
        default: return 0;
    }
}

// strconv.Quote for the ASCII control characters; other text is kept.
[[nodiscard]] KUBESIM_DECL std::string go_quote(std::string_view s) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string q = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"': q += "\\\""; break;
            case '\\': q += "\\\\"; break;
            case '\n': q += "\\n"; break;
            case '\t': q += "\\t"; break;
            case '\r': q += "\\r"; break;
            default:
                if (u < 0x20 || u == 0x7f) {
                    q += "\\x";
                    q += hex[u >> 4];
                    q += hex[u & 15];
                } else {
                    q += c;
                }
        }
    }
    return q + "\"";
}

// value.ToString: strings quoted, lists in brackets, maps as k=v runs.
[[nodiscard]] KUBESIM_DECL std::string value_string(const json& v) {
    if (v.is_null()) return "null";
    if (v.is_string()) return go_quote(v.get_ref<const std::string&>());
    if (v.is_number_float()) return go_v(v);
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    if (v.is_number()) return std::to_string(v.get<std::int64_t>());
    if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
    std::string s;
    if (v.is_array()) {
        for (const auto& e : v) s += (s.empty() ? "" : ",") + value_string(e);
        return "[" + s + "]";
    }
    for (auto it = v.begin(); it != v.end(); ++it) s += it.key() + "=" + value_string(*it);
    return s;
}

// ---------------------------------------------------------------------------
// Paths and sets of paths (fieldpath/)

struct path_element {
    enum class kind_t : std::uint8_t { field, key, value, index };  // the order of PathElement.Compare
    kind_t kind = kind_t::field;
    std::string name{};     // field
    json v{};               // key: the key fields, an object; value: the set member
    std::int64_t index = 0;
};

[[nodiscard]] KUBESIM_DECL int compare(const path_element& a, const path_element& b) {
    if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
    switch (a.kind) {
        case path_element::kind_t::field: return three_way(a.name, b.name);
        case path_element::kind_t::key: {
            // FieldList.Compare: name, then value, field by field (the fields are sorted).
            auto x = a.v.begin(), y = b.v.begin();
            for (;; ++x, ++y) {
                if (x == a.v.end() || y == b.v.end())
                    return three_way(x == a.v.end() ? 0 : 1, y == b.v.end() ? 0 : 1);
                if (x.key() != y.key()) return x.key() < y.key() ? -1 : 1;
                if (int c = compare_values(*x, *y)) return c;
            }
        }
        case path_element::kind_t::value: return compare_values(a.v, b.v);
        case path_element::kind_t::index: return three_way(a.index, b.index);
    }
    return 0;
}

using field_path = std::vector<path_element>;

struct path_less {
    bool operator()(const field_path& a, const field_path& b) const {
        for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
            if (int c = compare(a[i], b[i])) return c < 0;
        return a.size() < b.size();
    }
};

using field_set = std::set<field_path, path_less>;

[[nodiscard]] KUBESIM_DECL path_element field_element(std::string name) {
    path_element e;
    e.name = std::move(name);
    return e;
}

[[nodiscard]] KUBESIM_DECL field_path make_path(std::initializer_list<std::string_view> names) {
    field_path p;
    for (auto n : names) p.push_back(field_element(std::string(n)));
    return p;
}

// PathElement.String: .name, [k=v,...], [=v], [i]; a path is their concatenation.
[[nodiscard]] KUBESIM_DECL std::string element_string(const path_element& e) {
    switch (e.kind) {
        case path_element::kind_t::field: return "." + e.name;
        case path_element::kind_t::key: {
            std::string s;
            for (auto it = e.v.begin(); it != e.v.end(); ++it)
                s += (s.empty() ? "" : ",") + it.key() + "=" + value_string(*it);
            return "[" + s + "]";
        }
        case path_element::kind_t::value: return "[=" + value_string(e.v) + "]";
        case path_element::kind_t::index: return "[" + std::to_string(e.index) + "]";
    }
    return {};
}

[[nodiscard]] KUBESIM_DECL std::string path_string(const field_path& p) {
    std::string s;
    for (const auto& e : p) s += element_string(e);
    return s;
}

// The member name FieldsV1 gives an element: f:name, k:{"name":"web"}, v:"x", i:0.
[[nodiscard]] KUBESIM_DECL std::string serialize_element(const path_element& e) {
    switch (e.kind) {
        case path_element::kind_t::field: return "f:" + e.name;
        case path_element::kind_t::key: return "k:" + e.v.dump();
        case path_element::kind_t::value: return "v:" + e.v.dump();
        case path_element::kind_t::index: return "i:" + std::to_string(e.index);
    }
    return {};
}

struct set_error {
    std::string message;
};

// DeserializePathElement; false for an element type this version does not know
// (upstream drops those).
[[nodiscard]] KUBESIM_DECL bool parse_element(const std::string& s, path_element& out) {
    if (s.size() < 2) throw set_error{"key must be 2 characters long:"};
    if (s[1] != ':') throw set_error{"missing colon: " + s};
    const std::string body = s.substr(2);
    switch (s[0]) {
        case 'f': out = field_element(body); return true;
        case 'v':
        case 'k': {
            json v = json::parse(body, nullptr, false);
            if (v.is_discarded() || (s[0] == 'k' && !v.is_object()))
                throw set_error{"parsing key as path element: " + s};
            out.kind = s[0] == 'k' ? path_element::kind_t::key : path_element::kind_t::value;
            out.v = std::move(v);
            return true;
        }
        case 'i': {
            std::int64_t i = 0;
            if (auto e = go_atoi(body, i); !e.empty()) throw set_error{e};
            out.kind = path_element::kind_t::index;
            out.index = i;
            return true;
        }
        default: return false;
    }
}

// readIterV1: the paths below `prefix`; true when the object makes `prefix`
// itself a member (it has "." or nothing known below it).
KUBESIM_DECL bool read_fields(const json& obj, field_path& prefix, field_set& out) {
    if (!obj.is_object()) throw set_error{"expected an object in FieldsV1"};
    bool member = false, children = false;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        if (it.key() == ".") {
            member = true;
            continue;
        }
        path_element pe;
        if (!parse_element(it.key(), pe)) continue;
        children = true;
        prefix.push_back(std::move(pe));
        if (read_fields(*it, prefix, out)) out.insert(prefix);
        prefix.pop_back();
    }
    return member || !children;
}

[[nodiscard]] KUBESIM_DECL field_set fields_from_json(const json& fields_v1) {
    field_set s;
    field_path p;
    (void)read_fields(fields_v1, p, s);
    return s;
}

// The paths of [first, last) that share their first `depth` elements, grouped by
// the next one: a group is a member (one path ends there) and children.
template <class Fn>
void for_each_group(field_set::const_iterator first, field_set::const_iterator last, std::size_t depth, Fn&& fn) {
    while (first != last) {
        auto end = std::next(first);
        while (end != last && compare((*end)[depth], (*first)[depth]) == 0) ++end;
        const bool member = first->size() == depth + 1;
        fn((*first)[depth], member, member ? std::next(first) : first, end);
        first = end;
    }
}

// FieldsV1 as an object ("." marks a node that is also a member).
KUBESIM_DECL void fields_object(field_set::const_iterator first, field_set::const_iterator last, std::size_t depth,
                                json& out) {
    for_each_group(first, last, depth, [&](const path_element& pe, bool member, auto cf, auto cl) {
        json& node = out[serialize_element(pe)] = json::object();
        if (cf == cl) return;
        if (member) node["."] = json::object();
        fields_object(cf, cl, depth + 1, node);
    });
}

[[nodiscard]] KUBESIM_DECL json fields_to_json(const field_set& s) {
    json out = json::object();
    fields_object(s.begin(), s.end(), 0, out);
    return out;
}

// Set.Iterate: at each node its members, then the paths below, in element order.
KUBESIM_DECL void iterate(field_set::const_iterator first, field_set::const_iterator last, std::size_t depth,
                          std::vector<field_path>& out) {
    for (auto it = first; it != last; ++it)
        if (it->size() == depth + 1) out.push_back(*it);
    for_each_group(first, last, depth, [&](const path_element&, bool, auto cf, auto cl) {
        iterate(cf, cl, depth + 1, out);
    });
}

[[nodiscard]] KUBESIM_DECL field_set set_union(const field_set& a, const field_set& b) {
    field_set r = a;
    r.insert(b.begin(), b.end());
    return r;
}

[[nodiscard]] KUBESIM_DECL field_set set_difference(const field_set& a, const field_set& b) {
    field_set r;
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::inserter(r, r.end()), path_less{});
    return r;
}

[[nodiscard]] KUBESIM_DECL field_set set_intersection(const field_set& a, const field_set& b) {
    field_set r;
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), std::inserter(r, r.end()), path_less{});
    return r;
}

// RecursiveDifference: drops the paths of `b` and everything below them.
[[nodiscard]] KUBESIM_DECL field_set recursive_difference(const field_set& a, const field_set& b) {
    if (b.empty()) return a;
    field_set r;
    for (const auto& p : a) {
        bool covered = false;
        for (std::size_t n = 1; n <= p.size() && !covered; ++n)
            covered = b.count(field_path(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(n))) != 0;
        if (!covered) r.insert(p);
    }
    return r;
}

// EnsureNamedFieldsAreMembers: every named field on the way to a member is a
// member too (the schema knows every object as a struct).
[[nodiscard]] KUBESIM_DECL field_set with_named_fields(const field_set& s) {
    field_set r = s;
    for (const auto& p : s)
        for (std::size_t n = 1; n < p.size(); ++n)
            if (p[n - 1].kind == path_element::kind_t::field)
                r.insert(field_path(p.begin(), p.begin() + static_cast<std::ptrdiff_t>(n)));
    return r;
}

// WithPrefix: the paths below `pe`, without it.
[[nodiscard]] KUBESIM_DECL field_set with_prefix(const field_set& s, const path_element& pe) {
    field_set r;
    for (auto it = s.lower_bound(field_path{pe}); it != s.end() && compare((*it)[0], pe) == 0; ++it)
        if (it->size() > 1) r.insert(field_path(it->begin() + 1, it->end()));
    return r;
}

// ---------------------------------------------------------------------------
// Walking values with the schema (typed/)

// The schema of a list's elements: objects of the list's type; lists in lists are atomic.
[[nodiscard]] KUBESIM_DECL ssa_field element_schema(const ssa_field& f) {
    ssa_field e{f.type};
    e.atomic = f.atomic;
    return e;
}

// listItemToPathElement: k:{keys} for a keyed list, v:value for a set.
[[nodiscard]] KUBESIM_DECL std::string item_element(const ssa_field& f, const json& item, path_element& out) {
    if (f.list == list_type::map) {
        if (item.is_null()) return "associative list with keys may not have a null element";
        if (!item.is_object()) return "associative list with keys may not have non-map elements";
        json key = json::object();
        std::string names;
        for (auto k : f.keys) {
            if (k.empty()) continue;
            names += (names.empty() ? "" : " ") + go_quote(k);
            auto it = item.find(k);
            if (it != item.end()) key[std::string(k)] = *it;
            else if (k == f.defaulted_key) key[std::string(k)] = f.key_default;  // the schema's default
        }
        if (key.empty())
            return "associative list with keys has an element that omits all key fields [" + names +
                   "] (and doesn't have default values for any key fields)";
        out.kind = path_element::kind_t::key;
        out.v = std::move(key);
        return {};
    }
    if (item.is_object()) return "associative list without keys has an element that's a map type";
    if (item.is_array()) return "not supported: associative list with lists as elements";
    if (item.is_null()) return "associative list without keys has an element that's an explicit null";
    out.kind = path_element::kind_t::value;
    out.v = item;
    return {};
}

// A value's shape as the walkers treat it; null is a scalar, or an empty list or
// object beside one.
enum class shape : std::uint8_t { scalar, list, map };

[[nodiscard]] KUBESIM_DECL shape shape_of(const json& v) {
    return v.is_array() ? shape::list : v.is_object() ? shape::map : shape::scalar;
}

// The shape two sides are walked as: the right side's, unless it is null and the
// left side is a list or an object (a null list or map is an empty one).
[[nodiscard]] KUBESIM_DECL shape walk_shape(const json* l, const json* r) {
    if (!r) return shape_of(*l);
    if (r->is_null() && l) return shape_of(*l);
    return shape_of(*r);
}

[[nodiscard]] KUBESIM_DECL bool empty_container(const json* v) { return !v || v->is_null() || v->empty(); }

// A side that is not of the walked shape counts as absent.
[[nodiscard]] KUBESIM_DECL const json* as_shape(const json* v, shape s) {
    return v && shape_of(*v) == s ? v : nullptr;
}

struct validation_error {
    std::string path, message;
};

// The checks of FromUnstructured on the applied configuration: every element of
// a keyed list or set has a key, and no key repeats.
KUBESIM_DECL void validate(const json& v, const ssa_field& f, const std::string& path,
                           std::vector<validation_error>& errs) {
    if (v.is_object() && !f.atomic) {
        for (auto it = v.begin(); it != v.end(); ++it)
            validate(*it, ssa_lookup(f.type, it.key()), path + "." + it.key(), errs);
    } else if (v.is_array() && f.list != list_type::atomic) {
        std::vector<path_element> seen;
        for (std::size_t i = 0; i < v.size(); ++i) {
            path_element pe;
            if (auto e = item_element(f, v[i], pe); !e.empty()) {
                errs.push_back({path, "element " + std::to_string(i) + ": " + e});
                continue;
            }
            if (std::any_of(seen.begin(), seen.end(), [&](const path_element& s) { return compare(s, pe) == 0; })) {
                errs.push_back({path, "duplicate entries for key " + element_string(pe)});
                continue;
            }
            seen.push_back(pe);
            validate(v[i], element_schema(f), path + element_string(pe), errs);
        }
    }
}

// ToFieldSet: leaves, atomic values, list elements, and fields set to null or {}.
KUBESIM_DECL void to_field_set(const json& v, const ssa_field& f, field_path& path, field_set& out) {
    if (v.is_array()) {
        if (f.list == list_type::atomic) {
            out.insert(path);
            return;
        }
        std::vector<path_element> pes(v.size());
        std::vector<bool> ok(v.size());
        for (std::size_t i = 0; i < v.size(); ++i) ok[i] = item_element(f, v[i], pes[i]).empty();
        auto count = [&](const path_element& pe) {
            return std::count_if(pes.begin(), pes.end(), [&](const path_element& o) { return compare(o, pe) == 0; });
        };
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (!ok[i]) continue;
            path.push_back(pes[i]);
            if (count(pes[i]) == 1) to_field_set(v[i], element_schema(f), path, out);  // a repeated key is one field
            out.insert(path);
            path.pop_back();
        }
    } else if (v.is_object()) {
        if (f.atomic) {
            out.insert(path);
            return;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            path.push_back(field_element(it.key()));
            to_field_set(*it, ssa_lookup(f.type, it.key()), path, out);
            if (it->is_null() || (it->is_object() && it->empty())) out.insert(path);
            path.pop_back();
        }
    } else {
        out.insert(path);
    }
}

[[nodiscard]] KUBESIM_DECL field_set field_set_of(const json& v, const ssa_field& root) {
    field_set s;
    field_path p;
    to_field_set(v, root, p, s);
    return s;
}

// The elements of a list with their path elements; an element without one is left out.
struct indexed_item {
    path_element pe;
    const json* value;
};

[[nodiscard]] KUBESIM_DECL std::vector<indexed_item> index_items(const json* list, const ssa_field& f) {
    std::vector<indexed_item> items;
    if (!list || !list->is_array()) return items;
    for (const auto& e : *list) {
        path_element pe;
        if (item_element(f, e, pe).empty()) items.push_back({std::move(pe), &e});
    }
    return items;
}

[[nodiscard]] KUBESIM_DECL std::ptrdiff_t find_item(const std::vector<indexed_item>& items, const path_element& pe) {
    for (std::size_t i = 0; i < items.size(); ++i)
        if (compare(items[i].pe, pe) == 0) return static_cast<std::ptrdiff_t>(i);
    return -1;
}

KUBESIM_DECL std::optional<json> merge(const json* l, const json* r, const ssa_field& f);

// mergingWalker.visitListItems: the right side's elements in its order, merged
// with the left side's of the same key; left-only elements keep their place
// before the next shared one.
[[nodiscard]] KUBESIM_DECL std::optional<json> merge_list(const json* l, const json* r, const ssa_field& f) {
    const ssa_field ef = element_schema(f);
    const auto rhs = index_items(r, f);
    const auto lhs = index_items(l, f);
    // A key the left side repeats is merged as nothing.
    auto observed_lhs = [&](const path_element& pe) -> const json* {
        static const json null_value;
        const auto i = find_item(lhs, pe);
        if (i < 0) return nullptr;
        for (std::size_t j = static_cast<std::size_t>(i) + 1; j < lhs.size(); ++j)
            if (compare(lhs[j].pe, pe) == 0) return &null_value;
        return lhs[static_cast<std::size_t>(i)].value;
    };
    std::vector<const path_element*> shared;
    for (const auto& it : rhs)
        if (find_item(lhs, it.pe) >= 0) shared.push_back(&it.pe);
    std::size_t next_shared = 0;
    auto shared_is = [&](const path_element& pe) {
        return next_shared < shared.size() && compare(*shared[next_shared], pe) == 0;
    };
    std::vector<const path_element*> merged_rhs;
    auto was_merged = [&](const path_element& pe) {
        return std::any_of(merged_rhs.begin(), merged_rhs.end(),
                           [&](const path_element* m) { return compare(*m, pe) == 0; });
    };
    json out = json::array();
    auto emit = [&](std::optional<json> v) {
        if (v) out.push_back(std::move(*v));
    };
    std::size_t li = 0, ri = 0;
    while (li < lhs.size() || ri < rhs.size()) {
        if (li < lhs.size() && ri < rhs.size()) {
            const path_element& pe = lhs[li].pe;
            if (compare(pe, rhs[ri].pe) == 0) {
                merged_rhs.push_back(&rhs[ri].pe);
                emit(merge(observed_lhs(pe), rhs[ri].value, ef));
                ++li, ++ri;
                ++next_shared;
                continue;
            }
            if (find_item(rhs, pe) >= 0 && next_shared < shared.size() && !shared_is(pe)) {
                ++li;  // shared, but not the one due now
                continue;
            }
        }
        if (li < lhs.size()) {
            const path_element& pe = lhs[li].pe;
            if (find_item(rhs, pe) < 0) {
                emit(merge(lhs[li].value, nullptr, ef));
                ++li;
                continue;
            }
            if (was_merged(pe)) ++li;
        }
        if (ri < rhs.size()) {
            const path_element& pe = rhs[ri].pe;
            merged_rhs.push_back(&pe);
            emit(merge(observed_lhs(pe), rhs[ri].value, ef));
            if (shared_is(pe)) ++next_shared;
            ++ri;
        }
    }
    if (out.empty()) return std::nullopt;
    return out;
}

// mergingWalker with ruleKeepRHS: objects merge field by field, keyed lists and
// sets element by element, everything else (scalars, atomic values, two empty
// sides) is the right side's. nullopt when neither side leaves anything.
std::optional<json> merge(const json* l, const json* r, const ssa_field& f) {
    const shape s = walk_shape(l, r);
    auto leaf = [&]() -> std::optional<json> { return r ? *r : *l; };
    if (s == shape::scalar) return leaf();
    const json* lv = as_shape(l, s);
    const json* rv = as_shape(r, s);
    if (empty_container(lv) && empty_container(rv)) return leaf();
    if (s == shape::list) {
        if (f.list == list_type::atomic) return leaf();
        return merge_list(lv, rv, f);
    }
    if (f.atomic) return leaf();
    json out = json::object();
    auto visit = [&](const std::string& key) {
        if (out.contains(key)) return;
        const json* a = lv && lv->contains(key) ? &(*lv)[key] : nullptr;
        const json* b = rv && rv->contains(key) ? &(*rv)[key] : nullptr;
        if (auto m = merge(a, b, ssa_lookup(f.type, key))) out[key] = std::move(*m);
    };
    if (lv)
        for (auto it = lv->begin(); it != lv->end(); ++it) visit(it.key());
    if (rv)
        for (auto it = rv->begin(); it != rv->end(); ++it) visit(it.key());
    if (out.empty()) return std::nullopt;
    return out;
}

struct comparison {
    field_set removed, modified, added;
};

// compareWalker: leaves added, removed or changed; an object or keyed list that
// appears or disappears is itself added or removed.
KUBESIM_DECL void compare_walk(const json* l, const json* r, const ssa_field& f, field_path& path, comparison& c) {
    auto leaf = [&] {
        if (!l) c.added.insert(path);
        else if (!r) c.removed.insert(path);
        else if (*l != *r) c.modified.insert(path);
    };
    const shape s = walk_shape(l, r);
    if (l && r && !l->is_null() && !r->is_null() && shape_of(*l) != shape_of(*r)) return leaf();
    if (s == shape::scalar) return leaf();
    const json* lv = as_shape(l, s);
    const json* rv = as_shape(r, s);
    if (empty_container(lv) && empty_container(rv)) return leaf();
    if (s == shape::list) {
        if (f.list == list_type::atomic) return leaf();
        const ssa_field ef = element_schema(f);
        const auto lhs = index_items(lv, f), rhs = index_items(rv, f);
        std::vector<path_element> all;
        for (const auto* side : {&lhs, &rhs})
            for (const auto& it : *side)
                if (std::none_of(all.begin(), all.end(), [&](const path_element& p) { return compare(p, it.pe) == 0; }))
                    all.push_back(it.pe);
        for (const auto& pe : all) {
            std::vector<const json*> ls, rs;
            for (const auto& it : lhs)
                if (compare(it.pe, pe) == 0) ls.push_back(it.value);
            for (const auto& it : rhs)
                if (compare(it.pe, pe) == 0) rs.push_back(it.value);
            path.push_back(pe);
            if (ls.size() <= 1 && rs.size() <= 1) {
                compare_walk(ls.empty() ? nullptr : ls[0], rs.empty() ? nullptr : rs[0], ef, path, c);
            } else if (ls.size() >= 2 && rs.size() >= 2) {
                // Repeated keys on both sides: compared as one value.
                bool same = ls.size() == rs.size();
                for (std::size_t i = 0; same && i < ls.size(); ++i) same = *ls[i] == *rs[i];
                if (!same) c.modified.insert(path);
            } else if (ls.size() >= 2) {
                if (!rs.empty()) compare_walk(nullptr, rs[0], ef, path, c);
                c.removed.insert(path);
            } else {
                if (!ls.empty()) compare_walk(ls[0], nullptr, ef, path, c);
                c.added.insert(path);
            }
            path.pop_back();
        }
    } else {
        if (f.atomic) return leaf();
        std::set<std::string> keys;
        if (lv)
            for (auto it = lv->begin(); it != lv->end(); ++it) keys.insert(it.key());
        if (rv)
            for (auto it = rv->begin(); it != rv->end(); ++it) keys.insert(it.key());
        for (const auto& k : keys) {
            path.push_back(field_element(k));
            compare_walk(lv && lv->contains(k) ? &(*lv)[k] : nullptr, rv && rv->contains(k) ? &(*rv)[k] : nullptr,
                         ssa_lookup(f.type, k), path, c);
            path.pop_back();
        }
    }
    if (!l) c.added.insert(path);
    else if (!r) c.removed.insert(path);
}

// removingWalker: the value without the items of `s`; a list or object left
// empty (or atomic, when `s` reaches inside it) becomes null.
[[nodiscard]] KUBESIM_DECL json remove_items(const json& v, const field_set& s, const ssa_field& f) {
    if (v.is_array()) {
        if (v.empty() || f.list == list_type::atomic) return nullptr;
        json out = json::array();
        for (const auto& item : v) {
            path_element pe;
            (void)item_element(f, item, pe);
            if (s.count(field_path{pe})) continue;
            const field_set sub = with_prefix(s, pe);
            out.push_back(sub.empty() ? item : remove_items(item, sub, element_schema(f)));
        }
        return out.empty() ? json() : out;
    }
    if (v.is_object()) {
        if (v.empty() || f.atomic) return nullptr;
        json out = json::object();
        for (auto it = v.begin(); it != v.end(); ++it) {
            const path_element pe = field_element(it.key());
            if (s.count(field_path{pe})) continue;
            const field_set sub = with_prefix(s, pe);
            out[it.key()] = sub.empty() ? *it : remove_items(*it, sub, ssa_lookup(f.type, it.key()));
        }
        return out.empty() ? json() : out;
    }
    return v;
}

// ---------------------------------------------------------------------------
// Managers (fieldpath.ManagedFields and the times beside them)

struct versioned_set {
    field_set set{};
    std::string api_version{};
    bool applied = false;
};

// By manager identifier: the JSON of the entry without fields, time and type,
// and without apiVersion for an applier (BuildManagerIdentifier).
struct managed_state {
    std::map<std::string, versioned_set> fields{};
    std::map<std::string, std::optional<std::string>> times{};
};

[[nodiscard]] KUBESIM_DECL std::string identifier(const std::string& manager, std::string_view operation,
                                                  const std::string& api_version, const std::string& subresource) {
    std::string s = "{";
    auto add = [&](const char* k, const std::string& v) {
        if (v.empty()) return;
        if (s.size() > 1) s += ',';
        s += '"' + std::string(k) + "\":" + json(v).dump();
    };
    add("manager", manager);
    add("operation", std::string(operation));
    if (operation != "Apply") add("apiVersion", api_version);
    add("subresource", subresource);
    return s + "}";
}

// The fields of an identifier (or of an entry): manager, operation, apiVersion, subresource.
[[nodiscard]] KUBESIM_DECL std::string id_field(const std::string& id, const char* name) {
    const json j = json::parse(id, nullptr, false);
    if (!j.is_object()) return {};
    auto it = j.find(name);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// printManager: "kubectl", "kubectl" with subresource "scale" using apps/v1.
[[nodiscard]] KUBESIM_DECL std::string print_manager(const std::string& id) {
    const json j = json::parse(id, nullptr, false);
    if (!j.is_object()) return go_quote(id);
    std::string s = go_quote(id_field(id, "manager"));
    if (auto sub = id_field(id, "subresource"); !sub.empty()) s += " with subresource " + go_quote(sub);
    if (id_field(id, "operation") == "Update") s += " using " + id_field(id, "apiVersion");
    return s;
}

// A time as metav1.Time prints it; text that is not RFC 3339 is kept.
[[nodiscard]] KUBESIM_DECL std::string normal_time(const std::string& t) {
    auto r = parse_go_time(t, false);
    return r.value ? sim::to_rfc3339(*r.value) : t;
}

[[nodiscard]] KUBESIM_DECL std::int64_t time_seconds(const std::optional<std::string>& t) {
    if (!t) return 0;
    auto r = parse_go_time(*t, false);
    if (!r.value) return 0;
    return std::chrono::duration_cast<std::chrono::seconds>(r.value->time_since_epoch()).count();
}

// DecodeManagedFields; the error text when an entry is not one upstream reads.
[[nodiscard]] KUBESIM_DECL std::string decode_managed(const json* entries, managed_state& out) {
    out = {};
    if (!entries || entries->is_null()) return {};
    if (!entries->is_array()) return "managedFields is not a list";
    auto str = [](const json& e, const char* k) {
        auto it = e.find(k);
        return it != e.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    for (std::size_t i = 0; i < entries->size(); ++i) {
        const json& e = (*entries)[i];
        if (!e.is_object()) return "managed fields entry " + std::to_string(i) + " is not an object";
        const std::string op = str(e, "operation"), version = str(e, "apiVersion"), type = str(e, "fieldsType");
        if (op != "Apply" && op != "Update") return "operation must be `Apply` or `Update`";
        if (version.empty()) return "apiVersion must not be empty";
        if (type.empty()) return "missing fieldsType in managed fields entry " + std::to_string(i);
        if (type != "FieldsV1")
            return "invalid fieldsType " + go_quote(type) + " in managed fields entry " + std::to_string(i);
        const std::string id = identifier(str(e, "manager"), op, version, str(e, "subresource"));
        versioned_set vs{{}, version, op == "Apply"};
        auto f = e.find("fieldsV1");
        try {
            if (f != e.end() && !f->is_null()) vs.set = fields_from_json(*f);
        } catch (const set_error& err) {
            return "error decoding set: " + err.message;
        }
        out.fields[id] = std::move(vs);
        auto t = e.find("time");
        if (t != e.end() && t->is_string()) out.times[id] = t->get<std::string>();
        else out.times[id] = std::nullopt;
    }
    return {};
}

// encodeManagedFields: one entry per manager, sorted by operation, time, manager,
// apiVersion and subresource; null when no manager is left.
[[nodiscard]] KUBESIM_DECL json encode_managed(const managed_state& m) {
    struct entry {
        std::string manager, operation, api_version, subresource;
        std::optional<std::string> time;
        const field_set* set;
    };
    std::vector<entry> entries;
    for (const auto& [id, vs] : m.fields) {
        entry e{id_field(id, "manager"), vs.applied ? "Apply" : id_field(id, "operation"), vs.api_version,
                id_field(id, "subresource"), std::nullopt, &vs.set};
        if (auto t = m.times.find(id); t != m.times.end()) e.time = t->second;
        entries.push_back(std::move(e));
    }
    if (entries.empty()) return nullptr;
    std::stable_sort(entries.begin(), entries.end(), [](const entry& p, const entry& q) {
        if (p.operation != q.operation) return p.operation < q.operation;
        if (auto a = time_seconds(p.time), b = time_seconds(q.time); a != b) return a < b;
        if (p.manager != q.manager) return p.manager < q.manager;
        if (p.api_version != q.api_version) return p.api_version < q.api_version;
        return p.subresource < q.subresource;
    });
    json out = json::array();
    for (const auto& e : entries) {
        json j = json::object();
        if (!e.manager.empty()) j["manager"] = e.manager;
        if (!e.operation.empty()) j["operation"] = e.operation;
        if (!e.api_version.empty()) j["apiVersion"] = e.api_version;
        if (e.time) j["time"] = normal_time(*e.time);
        j["fieldsType"] = "FieldsV1";
        j["fieldsV1"] = fields_to_json(*e.set);
        if (!e.subresource.empty()) j["subresource"] = e.subresource;
        out.push_back(std::move(j));
    }
    return out;
}

// ---------------------------------------------------------------------------
// The field manager

// What one write works with.
struct context {
    ssa_field root{};
    field_set ignored{};  // the strategy's reset fields: never owned, never a conflict
    std::string api_version{};
    std::string subresource{};
    std::string time{};
};

[[nodiscard]] KUBESIM_DECL bool has_status(smp_type t) {
    using st = smp_type;
    return t == st::pod || t == st::replica_set || t == st::deployment || t == st::service || t == st::node ||
           t == st::namespace_;
}

[[nodiscard]] KUBESIM_DECL context make_context(std::string_view kind, const field_manager& who) {
    context c;
    smp_type root = smp_type::plain_kind;  // a kind without tables: every list atomic
    (void)smp_root(kind, root);
    c.root = ssa_field{root};
    c.api_version = who.api_version;
    c.subresource = who.subresource;
    c.time = who.time;
    // GetResetFields of the kinds' strategies: a main-resource write does not own
    // status; a status write owns nothing but status.
    if (who.subresource.empty() && has_status(root)) c.ignored.insert(make_path({"status"}));
    if (who.subresource == "status") {
        c.ignored.insert(make_path({"spec"}));
        if (kind == "Deployment") c.ignored.insert(make_path({"metadata", "labels"}));
        if (kind == "Pod") {
            c.ignored.insert(make_path({"metadata", "deletionTimestamp"}));
            c.ignored.insert(make_path({"metadata", "ownerReferences"}));
        }
    }
    return c;
}

// The object a create starts from: the kind's Go zero value as the apiserver's
// converter prints it (structs present, slices without omitempty null).
[[nodiscard]] KUBESIM_DECL json zero_object(std::string_view kind) {
    json o = {{"metadata", {{"creationTimestamp", nullptr}}}};
    const json tpl = {{"metadata", {{"creationTimestamp", nullptr}}}, {"spec", {{"containers", nullptr}}}};
    if (kind == "Pod") {
        o["spec"] = {{"containers", nullptr}};
        o["status"] = json::object();
    } else if (kind == "Deployment") {
        o["spec"] = {{"selector", nullptr}, {"strategy", json::object()}, {"template", tpl}};
        o["status"] = json::object();
    } else if (kind == "ReplicaSet") {
        o["spec"] = {{"selector", nullptr}, {"template", tpl}};
        o["status"] = {{"replicas", 0}};
    } else if (kind == "Service") {
        o["spec"] = json::object();
        o["status"] = {{"loadBalancer", json::object()}};
    } else if (kind == "Node" || kind == "Namespace") {
        o["spec"] = json::object();
        o["status"] = json::object();
    } else if (kind == "Event") {
        o["involvedObject"] = json::object();
        o["source"] = json::object();
        o["firstTimestamp"] = o["lastTimestamp"] = o["eventTime"] = nullptr;
        o["reportingComponent"] = o["reportingInstance"] = "";
    } else if (kind == "EndpointSlice") {
        o["addressType"] = "";
        o["endpoints"] = nullptr;
        o["ports"] = nullptr;
    } else if (kind == "Lease") {
        o["spec"] = json::object();
    } else if (kind == "Scale") {
        o["spec"] = json::object();
        o["status"] = {{"replicas", 0}};
    }
    return o;
}

[[nodiscard]] KUBESIM_DECL comparison compare_objects(const json& live, const json& next, const context& ctx) {
    comparison c;
    field_path p;
    compare_walk(&live, &next, ctx.root, p, c);
    c.removed = recursive_difference(c.removed, ctx.ignored);
    c.modified = recursive_difference(c.modified, ctx.ignored);
    c.added = recursive_difference(c.added, ctx.ignored);
    return c;
}

using conflict_sets = std::map<std::string, field_set>;

// Updater.update: the other managers lose what changed (a conflict unless
// forced) and what was removed; managers left with nothing go.
[[nodiscard]] KUBESIM_DECL conflict_sets take_changes(const json& live, const json& next, managed_state& m,
                                                      const std::string& workflow, bool force, const context& ctx,
                                                      comparison& cmp) {
    cmp = compare_objects(live, next, ctx);
    const field_set changed = set_union(cmp.modified, cmp.added);
    conflict_sets conflicts;
    for (const auto& [id, vs] : m.fields) {
        if (id == workflow) continue;
        if (auto c = set_intersection(vs.set, changed); !c.empty()) conflicts[id] = std::move(c);
    }
    if (!force && !conflicts.empty()) return conflicts;
    for (auto& [id, vs] : m.fields) {
        if (id == workflow) continue;
        if (auto c = conflicts.find(id); c != conflicts.end()) vs.set = set_difference(vs.set, c->second);
        vs.set = set_difference(vs.set, cmp.removed);
    }
    for (auto it = m.fields.begin(); it != m.fields.end();)
        it = it->second.set.empty() ? m.fields.erase(it) : std::next(it);
    return {};
}

// stripMetaManager: fields no manager ever owns.
KUBESIM_DECL void strip_meta(managed_state& m, const std::string& id) {
    static const field_set strip = {
        make_path({"apiVersion"}),
        make_path({"kind"}),
        make_path({"metadata"}),
        make_path({"metadata", "name"}),
        make_path({"metadata", "namespace"}),
        make_path({"metadata", "creationTimestamp"}),
        make_path({"metadata", "selfLink"}),
        make_path({"metadata", "uid"}),
        make_path({"metadata", "clusterName"}),
        make_path({"metadata", "generation"}),
        make_path({"metadata", "managedFields"}),
        make_path({"metadata", "resourceVersion"}),
    };
    auto it = m.fields.find(id);
    if (it == m.fields.end()) return;
    it->second.set = set_difference(it->second.set, strip);
    if (it->second.set.empty()) m.fields.erase(it);
}

// capManagersManager: past ten Update entries the oldest merge into one
// "ancient-changes" entry per API version.
KUBESIM_DECL void cap_managers(managed_state& m) {
    constexpr std::size_t max_update_managers = 10;
    std::vector<std::string> updaters;
    for (const auto& [id, vs] : m.fields)
        if (!vs.applied) updaters.push_back(id);
    if (updaters.size() <= max_update_managers) return;
    auto seconds = [&](const std::string& id) {
        auto t = m.times.find(id);
        return t == m.times.end() ? std::int64_t{0} : time_seconds(t->second);
    };
    std::stable_sort(updaters.begin(), updaters.end(), [&](const std::string& a, const std::string& b) {
        const auto sa = seconds(a), sb = seconds(b);
        return sa != sb ? sa < sb : a < b;
    });
    std::map<std::string, std::string> first_of_version;
    std::size_t length = updaters.size();
    for (std::size_t i = 0; i < updaters.size() && length > max_update_managers; ++i) {
        const std::string& id = updaters[i];
        const versioned_set vs = m.fields[id];
        const auto time = m.times[id];
        const std::string bucket = identifier("ancient-changes", "Update", vs.api_version, "");
        auto first = first_of_version.find(vs.api_version);
        if (first == first_of_version.end()) {
            first_of_version[vs.api_version] = id;
            continue;
        }
        if (!m.fields.count(bucket)) {
            m.fields[bucket] = m.fields[first->second];
            m.fields.erase(first->second);
        }
        m.fields[bucket] = versioned_set{set_union(vs.set, m.fields[bucket].set), vs.api_version, vs.applied};
        m.fields.erase(id);
        --length;
        m.times[bucket] = time;  // the newer of the two
    }
}

// The Update chain under FieldManager.Update: the write's changes go to
// "current-operation", then to the manager's entry, whose time moves only when
// it took something.
KUBESIM_DECL void update_chain(const json& live, const json& next, managed_state& m, const std::string& manager,
                               const context& ctx) {
    const std::string id =
        identifier(manager.empty() ? "unknown" : manager, "Update", ctx.api_version, ctx.subresource);
    const std::string self = "current-operation";
    comparison cmp;
    (void)take_changes(live, next, m, self, true, ctx, cmp);
    // merge.Updater.Update: the write owns what it changed and added.
    field_set mine = set_union(cmp.modified, cmp.added);
    if (auto it = m.fields.find(self); it != m.fields.end())
        mine = set_union(set_difference(it->second.set, cmp.removed), mine);
    mine = recursive_difference(mine, ctx.ignored);
    // The scale subresource's entries (ScaleHandler.ToParent) own the replicas
    // field only and carry no time: ToParent looks the time up under the Scale's
    // API version, which no entry of the parent has.
    const bool scale = ctx.subresource == "scale";
    if (scale) mine = set_intersection(mine, {make_path({"spec", "replicas"})});
    if (mine.empty()) m.fields.erase(self);
    else m.fields[self] = versioned_set{std::move(mine), ctx.api_version, false};
    strip_meta(m, self);
    if (auto it = m.fields.find(self); it != m.fields.end()) {
        versioned_set vs = std::move(it->second);
        m.fields.erase(it);
        if (auto prev = m.fields.find(id); prev != m.fields.end()) vs.set = set_union(vs.set, prev->second.set);
        m.fields[id] = std::move(vs);
        m.times[id] = scale ? std::nullopt : std::optional<std::string>(ctx.time);
    }
    cap_managers(m);
}

// A config that cannot be typed, in the apiserver's words (a 500).
[[nodiscard]] KUBESIM_DECL status typed_error(const json& obj, const std::string& gvk, const std::string& what,
                                              const std::vector<validation_error>& errs) {
    auto meta_str = [&](const char* k) {
        const json* m = obj.is_object() && obj.contains("metadata") ? &obj["metadata"] : nullptr;
        return m && m->is_object() && m->contains(k) && (*m)[k].is_string() ? (*m)[k].get<std::string>()
                                                                             : std::string();
    };
    std::string text;
    if (errs.size() == 1) {
        text = errs[0].path + ": " + errs[0].message;
    } else {
        text = "errors:";
        for (const auto& e : errs) text += "\n  " + e.path + ": " + e.message;
    }
    status s;
    s.status_ = "Failure";
    s.code = 500;
    s.message = "failed to create typed " + what + " object (" + meta_str("namespace") + "/" + meta_str("name") +
                "; " + gvk + "): " + text;
    return s;
}

struct apply_outcome {
    std::optional<json> object{};  // empty when nothing changed
    conflict_sets conflicts{};
    std::optional<status> error{};
};

// Updater.prune: what the applier applied last time and not now, and nobody else
// owns, leaves the merged object.
[[nodiscard]] KUBESIM_DECL json prune(const json& merged, const managed_state& m, const versioned_set& last,
                                      const context& ctx) {
    if (last.set.empty()) return merged;
    const field_set last_named = with_named_fields(last.set);
    json pruned = remove_items(merged, last_named, ctx.root);
    // addBackOwnedItems: put back what any manager (the applier's new set included) owns.
    field_set owned;
    for (const auto& [id, vs] : m.fields) owned = set_union(owned, vs.set);
    const field_set merged_set = with_named_fields(field_set_of(merged, ctx.root));
    field_set pruned_set = with_named_fields(field_set_of(pruned, ctx.root));
    pruned =
        remove_items(merged, set_difference(merged_set, set_union(pruned_set, with_named_fields(owned))), ctx.root);
    // addBackDanglingItems: remove only what the applier had.
    pruned_set = with_named_fields(field_set_of(pruned, ctx.root));
    return remove_items(merged, set_intersection(set_difference(merged_set, pruned_set), last_named), ctx.root);
}

// The Apply chain under FieldManager.Apply: skipNonApplied, the manager's
// identifier, time, stripMeta and structuredMergeManager with merge.Updater.Apply.
[[nodiscard]] KUBESIM_DECL apply_outcome apply_chain(const json& live, const json& config, managed_state m,
                                                     const std::string& manager, bool force, const context& ctx,
                                                     std::string_view kind, const std::string& gvk,
                                                     managed_state& out) {
    apply_outcome r;
    json live_obj = live;
    // skipNonAppliedManager: what an object carried before its first apply belongs
    // to "before-first-apply".
    if (m.fields.empty()) update_chain(zero_object(kind), live_obj, m, "before-first-apply", ctx);

    const std::string id = identifier(manager.empty() ? "unknown" : manager, "Apply", "", ctx.subresource);
    const json* meta = config.is_object() && config.contains("metadata") ? &config["metadata"] : nullptr;
    if (meta && meta->is_object() && meta->contains("managedFields") && (*meta)["managedFields"].is_array()) {
        r.error = errors::bad_request("metadata.managedFields must be nil");
        return r;
    }
    std::vector<validation_error> errs;
    validate(config, ctx.root, "", errs);
    if (!errs.empty()) {
        r.error = typed_error(config, gvk, "patch", errs);
        return r;
    }

    // merge.Updater.Apply
    json merged = merge(&live_obj, &config, ctx.root).value_or(json::object());
    const auto last_it = m.fields.find(id);
    const std::optional<versioned_set> last =
        last_it == m.fields.end() ? std::nullopt : std::optional<versioned_set>(last_it->second);
    m.fields[id] =
        versioned_set{recursive_difference(field_set_of(config, ctx.root), ctx.ignored), ctx.api_version, true};
    if (last) merged = prune(merged, m, *last, ctx);
    comparison cmp;
    r.conflicts = take_changes(live_obj, merged, m, id, force, ctx, cmp);
    if (!r.conflicts.empty()) return r;
    strip_meta(m, id);
    if (merged != live_obj) {
        m.times[id] = ctx.time;
        r.object = std::move(merged);
    }
    out = std::move(m);
    return r;
}

// NewConflictError: one cause per field, the message grouped by manager.
[[nodiscard]] KUBESIM_DECL status conflict_status(const conflict_sets& conflicts) {
    std::vector<std::pair<std::string, field_path>> all;
    for (const auto& [id, set] : conflicts) {
        std::vector<field_path> paths;
        iterate(set.begin(), set.end(), 0, paths);
        for (auto& p : paths) all.emplace_back(id, std::move(p));
    }
    status s;
    s.status_ = "Failure";
    s.code = 409;
    s.reason = "Conflict";
    for (const auto& [id, p] : all)
        s.details.causes.push_back({"FieldManagerConflict", "conflict with " + print_manager(id), path_string(p)});
    s.causes = s.details.causes;
    if (all.size() == 1) {
        s.message = "Apply failed with 1 conflict: conflict with " + print_manager(all[0].first) + ": " +
                    path_string(all[0].second);
        return s;
    }
    std::string text;
    for (const auto& [id, set] : conflicts) {  // managers in identifier order, as upstream sorts them
        text += (text.empty() ? "" : "\n") + std::string("conflicts with ") + print_manager(id) + ":";
        for (const auto& [cid, p] : all)
            if (cid == id) text += "\n- " + path_string(p);
    }
    s.message = "Apply failed with " + std::to_string(all.size()) + " conflicts: " + text;
    return s;
}

inline constexpr std::string_view last_applied_key = "kubectl.kubernetes.io/last-applied-configuration";

[[nodiscard]] KUBESIM_DECL const json* annotation(const json& obj, std::string_view key) {
    if (!obj.is_object() || !obj.contains("metadata") || !obj["metadata"].is_object()) return nullptr;
    const json& m = obj["metadata"];
    if (!m.contains("annotations") || !m["annotations"].is_object()) return nullptr;
    auto it = m["annotations"].find(std::string(key));
    return it != m["annotations"].end() && it->is_string() ? &*it : nullptr;
}

// lastAppliedManager.allowedConflictsFromLastApplied: the fields kubectl's client
// side apply recorded that still hold the value it set.
[[nodiscard]] KUBESIM_DECL std::optional<field_set> allowed_from_last_applied(const json& live, const context& ctx) {
    const json* text = annotation(live, last_applied_key);
    if (!text || text->get_ref<const std::string&>().empty()) return std::nullopt;
    const json last = json::parse(text->get<std::string>(), nullptr, false);
    if (!last.is_object() || !last.contains("apiVersion") || last["apiVersion"] != ctx.api_version) return std::nullopt;
    context plain = ctx;
    plain.ignored.clear();
    const comparison cmp = compare_objects(last, live, plain);
    return set_difference(
        set_difference(set_difference(field_set_of(last, ctx.root), cmp.modified), cmp.added), cmp.removed);
}

// GroupVersionKind.String of an unstructured object: "apps/v1, Kind=Deployment", "/v1, Kind=Pod".
[[nodiscard]] KUBESIM_DECL std::string gvk_string(std::string_view api_version, std::string_view kind) {
    if (api_version.empty() || api_version == "/") return "/, Kind=" + std::string(kind);
    const auto n = std::count(api_version.begin(), api_version.end(), '/');
    if (n == 0) return "/" + std::string(api_version) + ", Kind=" + std::string(kind);
    if (n > 1) return "/, Kind=";
    return std::string(api_version) + ", Kind=" + std::string(kind);
}

// Objects lose their null members, as the typed round trip upstream drops them.
KUBESIM_DECL void drop_nulls(json& v) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end();) {
            if (it->is_null()) {
                it = v.erase(it);
            } else {
                drop_nulls(*it);
                ++it;
            }
        }
    } else if (v.is_array()) {
        for (auto& e : v) drop_nulls(e);
    }
}

KUBESIM_DECL void set_managed(json& obj, const managed_state& m) {
    if (!obj.is_object()) return;
    json& meta = obj["metadata"];
    if (!meta.is_object()) meta = json::object();
    json enc = encode_managed(m);
    if (enc.is_null()) meta.erase("managedFields");
    else meta["managedFields"] = std::move(enc);
}

}  // namespace kubesim::api::json::detail::ssa

namespace kubesim::api::json {

kubesim::result<nlohmann::json> server_side_apply(const nlohmann::json& live, const nlohmann::json& applied,
                                                  std::string_view kind, const field_manager& who, bool force) {
    namespace ssa = detail::ssa;
    using nlohmann::json;
    // The body decodes into map[string]interface{} (sigs.k8s.io/yaml).
    if (!applied.is_object() && !applied.is_null())
        return errors::bad_request("error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot "
                                   "unmarshal " + std::string(detail::json_word(applied)) +
                                   " into Go value of type map[string]interface {}");
    const ssa::context ctx = ssa::make_context(kind, who);
    const json live_obj = live.is_null() ? ssa::zero_object(kind) : live;

    ssa::managed_state managed;
    const json* entries = live_obj.contains("metadata") && live_obj["metadata"].is_object() &&
                                  live_obj["metadata"].contains("managedFields")
                              ? &live_obj["metadata"]["managedFields"]
                              : nullptr;
    if (auto e = ssa::decode_managed(entries, managed); !e.empty())
        return errors::internal_error("failed to decode managed fields: " + e);

    // versionCheckManager
    auto str = [&](const char* k) {
        return applied.is_object() && applied.contains(k) && applied[k].is_string() ? applied[k].get<std::string>()
                                                                                 : std::string();
    };
    const std::string gvk = ssa::gvk_string(str("apiVersion"), str("kind"));
    if (str("apiVersion") != who.api_version || str("kind") != kind)
        return errors::bad_request("invalid object type: " + gvk);

    try {
        ssa::managed_state out;
        auto r = ssa::apply_chain(live_obj, applied, managed, who.manager, force, ctx, kind, gvk, out);
        // lastAppliedManager: kubectl taking over from its client-side apply.
        if (!r.conflicts.empty() && who.manager == "kubectl") {
            if (auto allowed = ssa::allowed_from_last_applied(live_obj, ctx)) {
                ssa::conflict_sets left;
                for (const auto& [id, set] : r.conflicts)
                    if (auto rest = ssa::set_difference(set, *allowed); !rest.empty()) left[id] = std::move(rest);
                if (left.empty())
                    r = ssa::apply_chain(live_obj, applied, managed, who.manager, true, ctx, kind, gvk, out);
                else
                    r.conflicts = std::move(left);
            }
        }
        if (r.error) return *r.error;
        if (!r.conflicts.empty()) return ssa::conflict_status(r.conflicts);
        json obj = r.object ? std::move(*r.object) : live_obj;
        // lastAppliedUpdater: kubectl's server-side apply keeps the client-side
        // annotation, where there is one, equal to what it applied.
        if (who.manager == "kubectl" && ssa::annotation(obj, ssa::last_applied_key) &&
            !ssa::annotation(obj, ssa::last_applied_key)->get_ref<const std::string&>().empty()) {
            json cfg = applied;
            if (cfg.contains("metadata") && cfg["metadata"].is_object() && cfg["metadata"].contains("annotations") &&
                cfg["metadata"]["annotations"].is_object())
                cfg["metadata"]["annotations"].erase(std::string(ssa::last_applied_key));
            obj["metadata"]["annotations"][std::string(ssa::last_applied_key)] = cfg.dump() + "\n";
        }
        ssa::drop_nulls(obj);
        ssa::set_managed(obj, out);
        return obj;
    } catch (const ssa::set_error& e) {
        return errors::internal_error(e.message);
    }
}

nlohmann::json update_managed_fields(const nlohmann::json& live_or_null, nlohmann::json next, std::string_view kind,
                                     const field_manager& who) {
    namespace ssa = detail::ssa;
    using nlohmann::json;
    if (!next.is_object()) return next;
    const ssa::context ctx = ssa::make_context(kind, who);
    const json live = live_or_null.is_null() ? ssa::zero_object(kind) : live_or_null;
    auto entries_of = [](const json& o) -> const json* {
        if (!o.contains("metadata") || !o["metadata"].is_object() || !o["metadata"].contains("managedFields"))
            return nullptr;
        return &o["metadata"]["managedFields"];
    };
    auto has_uid = [](const json& o) {
        return o.contains("metadata") && o["metadata"].is_object() && o["metadata"].contains("uid") &&
               o["metadata"]["uid"].is_string() && !o["metadata"]["uid"].get_ref<const std::string&>().empty();
    };
    // decodeLiveOrNew: a subresource write cannot set managedFields; [] or [{}]
    // clears them; otherwise the writer's, or the live ones when it sent none.
    ssa::managed_state managed;
    if (!who.subresource.empty()) {
        if (!ssa::decode_managed(entries_of(live), managed).empty()) managed = {};
    } else {
        const json* sent = entries_of(next);
        const bool reset = sent && sent->is_array() &&
                           (sent->empty() || (sent->size() == 1 && (*sent)[0].is_object() &&
                                              std::all_of((*sent)[0].begin(), (*sent)[0].end(), [](const json& v) {
                                                  return v.is_null() || v == "";
                                              })));
        if (!reset && (!ssa::decode_managed(sent, managed).empty() || managed.fields.empty()))
            if (!ssa::decode_managed(entries_of(live), managed).empty()) managed = {};
    }
    const json before = entries_of(live) ? *entries_of(live) : json();
    if (next["metadata"].is_object()) next["metadata"].erase("managedFields");
    else next["metadata"] = json::object();
    // skipNonAppliedManager: updates of an object nobody tracks stay untracked.
    if (managed.fields.empty() && has_uid(live)) return next;
    try {
        ssa::update_chain(live, next, managed, who.manager, ctx);
    } catch (const ssa::set_error&) {
        // UpdateNoErrors: the live object's managedFields stay.
        if (!before.is_null()) next["metadata"]["managedFields"] = before;
        return next;
    }
    ssa::set_managed(next, managed);
    return next;
}

}  // namespace kubesim::api::json
