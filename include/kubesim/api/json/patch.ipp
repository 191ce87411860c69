// Definitions of api/json/patch.hpp.
#pragma once

#include <kubesim/api/json/patch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/json/detail/schema.hpp>
#include <kubesim/api/status.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/result.hpp>

namespace kubesim::api::json {

nlohmann::json merge_patch(nlohmann::json target, const nlohmann::json& patch) {
    if (!patch.is_object()) return patch;
    if (!target.is_object()) target = nlohmann::json::object();
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        if (it->is_null()) {
            target.erase(it.key());
            continue;
        }
        nlohmann::json& slot = target[it.key()];
        slot = merge_patch(std::move(slot), *it);
    }
    return target;
}

namespace detail {

// ---------------------------------------------------------------------------
// Errors, as the API server reports them (handlers/patch.go interpretStrategicMergePatchError).

[[noreturn]] KUBESIM_DECL void smp_bad_request(std::string message) {
    throw api_error(errors::bad_request(std::move(message)));
}
// An error that is not an API status upstream: 500 with an empty reason.
[[noreturn]] KUBESIM_DECL void smp_fail(std::string message) {
    status s;
    s.status_ = "Failure";
    s.code = 500;
    s.message = std::move(message);
    throw api_error(s);
}
// mergepatch.ErrNoListOfLists: NewGenericServerResponse(422, ...).
[[noreturn]] KUBESIM_DECL void smp_unprocessable() {
    status s;
    s.status_ = "Failure";
    s.code = 422;
    s.reason = "Invalid";
    s.message = "the server rejected our request due to an error in our request";
    throw api_error(s);
}

// Go's %v of a float64 (strconv 'g', shortest; %e from exponent 6 or below -4):
// 80, 0.5, 123456, 1e+06, 1.5e-05.
[[nodiscard]] KUBESIM_DECL std::string go_float(double v) {
    if (v == 0) return std::signbit(v) ? "-0" : "0";
    char buf[40];
    int prec = 1;
    for (; prec < 17; ++prec) {
        std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::snprintf(buf, sizeof buf, "%.*e", prec - 1, v);
    std::string s(buf);
    const auto e = s.find('e');
    std::string mant = s.substr(0, e);
    const int exp = std::atoi(s.c_str() + e + 1);
    std::string digits;
    for (char c : mant)
        if (c >= '0' && c <= '9') digits += c;
    const bool neg = v < 0;
    std::string out = neg ? "-" : "";
    if (exp < -4 || exp >= 6) {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        out += exp < 0 ? "e-" : "e+";
        const int a = exp < 0 ? -exp : exp;
        if (a < 10) out += '0';
        out += std::to_string(a);
        return out;
    }
    if (exp < 0) return out + "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
    const auto int_len = static_cast<std::size_t>(exp + 1);
    if (digits.size() <= int_len) return out + digits + std::string(int_len - digits.size(), '0');
    return out + digits.substr(0, int_len) + "." + digits.substr(int_len);
}

std::string go_v(const nlohmann::json& v) {
    switch (v.type()) {
        case nlohmann::json::value_t::null: return "<nil>";
        case nlohmann::json::value_t::boolean: return v.get<bool>() ? "true" : "false";
        case nlohmann::json::value_t::string: return v.get<std::string>();
        case nlohmann::json::value_t::number_integer:
        case nlohmann::json::value_t::number_unsigned:
        case nlohmann::json::value_t::number_float: return go_float(v.get<double>());
        case nlohmann::json::value_t::array: {
            std::string s = "[";
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i) s += ' ';
                s += go_v(v[i]);
            }
            return s + "]";
        }
        case nlohmann::json::value_t::object: {
            std::string s = "map[";
            bool first = true;
            for (auto it = v.begin(); it != v.end(); ++it) {
                if (!first) s += ' ';
                first = false;
                s += it.key() + ":" + go_v(*it);
            }
            return s + "]";
        }
        default: return "<nil>";
    }
}

// reflect.TypeOf of a decoded JSON value, for ErrBadArgType.
[[nodiscard]] KUBESIM_DECL std::string_view go_type_of(const nlohmann::json& v) {
    switch (v.type()) {
        case nlohmann::json::value_t::null: return "%!s(<nil>)";
        case nlohmann::json::value_t::boolean: return "bool";
        case nlohmann::json::value_t::string: return "string";
        case nlohmann::json::value_t::array: return "[]interface {}";
        case nlohmann::json::value_t::object: return "map[string]interface {}";
        default: return "float64";
    }
}

[[noreturn]] KUBESIM_DECL void err_no_merge_key(const nlohmann::json& m, std::string_view key) {
    smp_fail("map: " + go_v(m) + " does not contain declared merge key: " + std::string(key));
}
[[noreturn]] KUBESIM_DECL void err_bad_patch_type(const nlohmann::json& t, const nlohmann::json& m) {
    const std::string ts = t.is_string() ? t.get<std::string>()
                                         : "%!s(" + std::string(go_type_of(t)) + "=" + go_v(t) + ")";
    smp_fail("unknown patch type: " + ts + " in map: " + go_v(m));
}

inline constexpr std::string_view directive_marker = "$patch";
inline constexpr std::string_view delete_from_primitive_list_prefix = "$deleteFromPrimitiveList";
inline constexpr std::string_view retain_keys_directive = "$retainKeys";
inline constexpr std::string_view set_element_order_prefix = "$setElementOrder";

[[nodiscard]] KUBESIM_DECL bool starts_with(std::string_view s, std::string_view p) {
    return s.substr(0, p.size()) == p;
}

// The same Go type after decoding (all JSON numbers are float64).
[[nodiscard]] KUBESIM_DECL bool same_go_type(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_number() && b.is_number()) return true;
    return a.type() == b.type();
}

// A patch value taken as is (the target has no such field, or one of another
// type): nulls are dropped (IgnoreUnmatchedNulls) and directives removed; a map
// that is itself a directive is not kept.
[[nodiscard]] KUBESIM_DECL bool clean_new_value(nlohmann::json& v) {
    if (v.is_object()) {
        if (v.contains(directive_marker)) return false;
        for (auto it = v.begin(); it != v.end();) {
            if (it->is_null() || starts_with(it.key(), "$") || !clean_new_value(*it))
                it = v.erase(it);
            else
                ++it;
        }
        return true;
    }
    if (v.is_array()) {
        for (auto it = v.begin(); it != v.end();) {
            if (!clean_new_value(*it))
                it = v.erase(it);
            else
                ++it;
        }
    }
    return true;
}

// "$deleteFromPrimitiveList/finalizers" -> "finalizers"
[[nodiscard]] KUBESIM_DECL std::string extract_key(std::string_view s, std::string_view prefix,
                                                 std::string_view bad_format) {
    const auto slash = s.find('/');
    if (slash == std::string_view::npos || s.substr(0, slash) != prefix) smp_bad_request(std::string(bad_format));
    return std::string(s.substr(slash + 1));
}

enum class elem_kind : std::uint8_t { map, scalar };

// sliceElementType: every element of both lists has one Go type, and no list of lists.
[[nodiscard]] KUBESIM_DECL elem_kind slice_element_kind(const nlohmann::json& a, const nlohmann::json& b) {
    const nlohmann::json* first = nullptr;
    for (const nlohmann::json* l : {&a, &b}) {
        for (const auto& e : *l) {
            if (!first) {
                first = &e;
                if (e.is_array()) smp_unprocessable();
            } else if (!same_go_type(*first, e)) {
                smp_fail("list element types are not identical: [" + go_v(a) + " " + go_v(b) + "]");
            }
        }
    }
    if (!first) smp_fail("no elements in any of the given slices");
    return first->is_object() ? elem_kind::map : elem_kind::scalar;
}

// The merge-key value of a list element (a map), or the element itself.
[[nodiscard]] KUBESIM_DECL const nlohmann::json& identity(const nlohmann::json& e, std::string_view key, elem_kind k) {
    if (k == elem_kind::scalar) return e;
    auto it = e.find(key);
    if (it == e.end()) err_no_merge_key(e, key);
    return *it;
}

// index(): position of the first element with the same identity, or -1.
[[nodiscard]] KUBESIM_DECL std::ptrdiff_t index_of(const std::vector<nlohmann::json>& l, const nlohmann::json& item,
                                                   std::string_view key, elem_kind k) {
    const nlohmann::json& id = identity(item, key, k);
    for (std::size_t i = 0; i < l.size(); ++i) {
        if (k == elem_kind::map && !l[i].is_object()) continue;
        if (k == elem_kind::scalar) {
            if (l[i] == id) return static_cast<std::ptrdiff_t>(i);
            continue;
        }
        auto it = l[i].find(key);
        if (it != l[i].end() && *it == id) return static_cast<std::ptrdiff_t>(i);
    }
    return -1;
}

// normalizeElementOrder: the patch's items in the patch's order, the server-only
// items in the live order, interleaved by the live order where both are known.
// Items new to the list come before live items they cannot be ordered against.
[[nodiscard]] KUBESIM_DECL std::vector<nlohmann::json> normalize_order(std::vector<nlohmann::json> patch_items,
                                                                       std::vector<nlohmann::json> server_only,
                                                                       const std::vector<nlohmann::json>& patch_order,
                                                                       const std::vector<nlohmann::json>& server_order,
                                                                       std::string_view key, elem_kind k) {
    auto sort_by = [&](std::vector<nlohmann::json>& v, const std::vector<nlohmann::json>& order) {
        if (k == elem_kind::map)
            for (const auto& o : order) (void)identity(o, key, k);
        std::vector<std::pair<std::ptrdiff_t, nlohmann::json>> keyed;
        keyed.reserve(v.size());
        for (auto& e : v) {
            const auto i = index_of(order, e, key, k);
            keyed.emplace_back(i, std::move(e));
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
            return a.first >= 0 && b.first >= 0 ? a.first < b.first : false;
        });
        v.clear();
        for (auto& p : keyed) v.push_back(std::move(p.second));
    };
    sort_by(patch_items, patch_order);
    sort_by(server_only, server_order);
    std::vector<nlohmann::json> out;
    out.reserve(patch_items.size() + server_only.size());
    std::size_t i = 0, j = 0;
    while (i < server_only.size() || j < patch_items.size()) {
        if (i >= server_only.size()) {
            out.push_back(std::move(patch_items[j++]));
        } else if (j >= patch_items.size()) {
            out.push_back(std::move(server_only[i++]));
        } else {
            const auto li = index_of(server_order, server_only[i], key, k);
            const auto ri = index_of(server_order, patch_items[j], key, k);
            if (li >= 0 && ri >= 0 && li < ri)
                out.push_back(std::move(server_only[i++]));
            else
                out.push_back(std::move(patch_items[j++]));
        }
    }
    return out;
}

// Splits `merged` into the items present in `by` and the others.
KUBESIM_DECL void partition(std::vector<nlohmann::json>& merged, const std::vector<nlohmann::json>& by,
                            std::string_view key, elem_kind k, std::vector<nlohmann::json>& in,
                            std::vector<nlohmann::json>& out) {
    for (auto& e : merged) {
        if (index_of(by, e, key, k) >= 0)
            in.push_back(std::move(e));
        else
            out.push_back(std::move(e));
    }
}

[[nodiscard]] KUBESIM_DECL std::vector<nlohmann::json> to_vector(const nlohmann::json& a) {
    return a.is_array() ? a.get<std::vector<nlohmann::json>>() : std::vector<nlohmann::json>{};
}

KUBESIM_DECL nlohmann::json merge_map(nlohmann::json original, nlohmann::json patch, smp_type t);

// mergeSlice: a "merge" list (or a $deleteFromPrimitiveList list).
[[nodiscard]] KUBESIM_DECL nlohmann::json merge_slice(const nlohmann::json& original_json,
                                                      const nlohmann::json& patch_json, const smp_field& meta,
                                                      bool delete_list) {
    if (original_json.empty() && patch_json.empty()) return original_json;
    const elem_kind k = slice_element_kind(original_json, patch_json);
    std::vector<nlohmann::json> original = to_vector(original_json), patch = to_vector(patch_json);
    const std::string_view key = meta.merge_key;
    std::vector<nlohmann::json> merged;
    if (k == elem_kind::scalar) {
        if (delete_list) {
            for (auto& e : original)
                if (std::find(patch.begin(), patch.end(), e) == patch.end()) merged.push_back(std::move(e));
            return merged;
        }
        for (const auto* l : {&original, &patch})
            for (const auto& e : *l)
                if (std::find(merged.begin(), merged.end(), e) == merged.end()) merged.push_back(e);
    } else {
        if (key.empty()) smp_fail("cannot merge lists without merge key");
        // Directive elements first: {$patch: delete, <key>: v} drops the live
        // entries with that key; {$patch: replace} makes the rest of the patch list the result.
        std::vector<nlohmann::json> plain;
        bool replace = false;
        for (const auto& v : patch) {
            auto d = v.find(directive_marker);
            if (d == v.end()) {
                plain.push_back(v);
                continue;
            }
            if (*d == "delete") {
                auto mk = v.find(key);
                if (mk == v.end()) err_no_merge_key(v, key);
                original.erase(std::remove_if(original.begin(), original.end(),
                                              [&](const nlohmann::json& o) {
                                                  if (!o.is_object()) smp_fail("value for key 0 is not a map");
                                                  auto ok = o.find(key);
                                                  return ok != o.end() && *ok == *mk;
                                              }),
                               original.end());
            } else if (*d == "replace") {
                replace = true;
            } else if (*d == "merge") {
                smp_fail("merging lists cannot yet be specified in the patch");
            } else {
                err_bad_patch_type(*d, v);
            }
        }
        if (replace) {
            original = std::move(plain);
            patch.clear();
        } else {
            patch = std::move(plain);
        }
        merged = original;
        for (const auto& v : patch) {
            auto mk = v.find(key);
            if (mk == v.end()) err_no_merge_key(v, key);
            bool found = false;
            for (auto& m : merged) {
                if (!m.is_object()) smp_fail("value for key 0 is not a map");
                auto ok = m.find(key);
                if (ok != m.end() && *ok == *mk) {
                    m = merge_map(std::move(m), v, meta.type);
                    found = true;
                    break;
                }
            }
            if (!found) {
                nlohmann::json added = v;
                if (clean_new_value(added)) merged.push_back(std::move(added));
            }
        }
    }
    std::vector<nlohmann::json> patch_items, server_only;
    partition(merged, patch, key, k, patch_items, server_only);
    return normalize_order(std::move(patch_items), std::move(server_only), patch, original, key, k);
}

// $retainKeys: the live keys not listed are cleared; every patch key must be listed.
KUBESIM_DECL void apply_retain_keys(nlohmann::json& original, nlohmann::json& patch) {
    auto it = patch.find(retain_keys_directive);
    if (it == patch.end()) return;
    const nlohmann::json keys = *it;
    patch.erase(it);
    constexpr std::string_view bad = "invalid patch format of retainKeys";
    if (!keys.is_array()) smp_bad_request(std::string(bad));
    auto listed = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k) != keys.end(); };
    for (auto p = patch.begin(); p != patch.end(); ++p) {
        if (p->is_null() || starts_with(p.key(), delete_from_primitive_list_prefix) ||
            starts_with(p.key(), set_element_order_prefix))
            continue;
        if (!listed(p.key())) smp_bad_request(std::string(bad));
    }
    for (auto o = original.begin(); o != original.end();) {
        if (!listed(o.key()))
            o = original.erase(o);
        else
            ++o;
    }
}

// $setElementOrder/<field>: merge that list now and order it as the directive says.
KUBESIM_DECL void apply_set_element_order(nlohmann::json& original, nlohmann::json& patch, smp_type t) {
    std::vector<std::string> directives;
    for (auto it = patch.begin(); it != patch.end(); ++it)
        if (starts_with(it.key(), set_element_order_prefix)) directives.push_back(it.key());
    constexpr std::string_view bad = "invalid patch format of setElementOrder list";
    for (const auto& d : directives) {
        const nlohmann::json order_json = patch[d];
        patch.erase(d);
        if (!order_json.is_array())
            smp_fail("expected a []interface {}, but received a " + std::string(go_type_of(order_json)));
        const std::string field = extract_key(d, set_element_order_prefix, bad);
        const smp_field meta = smp_lookup(t, field);
        auto o = original.find(field);
        auto p = patch.find(field);
        const bool has_o = o != original.end(), has_p = p != patch.end();
        if (has_o && !o->is_array()) smp_fail("expected a []interface {}, but received a " + std::string(go_type_of(*o)));
        if (has_p && !p->is_array()) smp_fail("expected a []interface {}, but received a " + std::string(go_type_of(*p)));
        if (!has_o && !has_p) continue;
        const nlohmann::json original_list = has_o ? *o : nlohmann::json::array();
        const nlohmann::json patch_list = has_p ? *p : nlohmann::json::array();
        nlohmann::json merged;
        if (has_o && !has_p) {
            merged = original_list;
        } else if (!has_o) {
            merged = patch_list;
            (void)clean_new_value(merged);
        } else {
            merged = meta.merge ? merge_slice(original_list, patch_list, meta, false) : patch_list;
        }
        const elem_kind k = slice_element_kind(original_list, patch_list);
        const std::vector<nlohmann::json> order = to_vector(order_json);
        std::vector<nlohmann::json> all = to_vector(merged), patch_items, server_only;
        partition(all, order, meta.merge_key, k, patch_items, server_only);
        original[field] =
            normalize_order(std::move(patch_items), std::move(server_only), order, to_vector(original_list), meta.merge_key, k);
        patch.erase(field);
    }
}

// mergeMap: the patch applied to one object of type `t`.
nlohmann::json merge_map(nlohmann::json original, nlohmann::json patch, smp_type t) {
    if (auto d = patch.find(directive_marker); d != patch.end()) {
        if (*d == "replace") {
            patch.erase(std::string(directive_marker));
            return patch;
        }
        if (*d == "delete") return nlohmann::json::object();
        err_bad_patch_type(*d, patch);
    }
    if (!original.is_object()) original = nlohmann::json::object();
    apply_retain_keys(original, patch);
    apply_set_element_order(original, patch, t);

    for (auto it = patch.begin(); it != patch.end(); ++it) {
        std::string key = it.key();
        bool delete_list = false;
        if (starts_with(key, delete_from_primitive_list_prefix)) {
            key = extract_key(key, delete_from_primitive_list_prefix, "invalid patch format of primitive list");
            delete_list = true;
        }
        const nlohmann::json& value = *it;
        if (value.is_null()) {
            original.erase(key);
            continue;
        }
        auto o = original.find(key);
        if (o == original.end() || !same_go_type(*o, value)) {
            if (delete_list) continue;
            nlohmann::json v = value;
            if (clean_new_value(v))
                original[key] = std::move(v);
            else
                original.erase(key);
            continue;
        }
        const smp_field meta = smp_lookup(t, key);
        if (o->is_object()) {
            *o = merge_map(std::move(*o), value, meta.type);
        } else if (o->is_array()) {
            if (meta.merge || delete_list)
                *o = merge_slice(*o, value, meta, delete_list);
            else
                *o = value;
        } else {
            *o = value;
        }
    }
    return original;
}

// ---------------------------------------------------------------------------
// JSON patch, after evanphx/json-patch v4 (patch.go). A JSON null, or an absent
// member, is its nil node: it ends a path walk, reads as "nothing" in `test` and
// `copy`, and an operation without "value" writes null.

std::string go_atoi(std::string_view s, std::int64_t& out) {
    auto quote = [&] {
        std::string q = "\"";
        for (char c : s) {
            if (c == '"' || c == '\\') q += '\\';
            q += c;
        }
        return q + "\"";
    };
    std::size_t i = 0;
    bool neg = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        neg = s[0] == '-';
        i = 1;
    }
    if (i == s.size()) return "strconv.Atoi: parsing " + quote() + ": invalid syntax";
    std::uint64_t v = 0;
    bool range = false;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9') return "strconv.Atoi: parsing " + quote() + ": invalid syntax";
        const auto d = static_cast<std::uint64_t>(s[i] - '0');
        if (v > (std::numeric_limits<std::uint64_t>::max() - d) / 10) range = true;
        else v = v * 10 + d;
    }
    const std::uint64_t limit = neg ? std::uint64_t{1} << 63 : (std::uint64_t{1} << 63) - 1;
    if (range || v > limit) return "strconv.Atoi: parsing " + quote() + ": value out of range";
    out = neg ? static_cast<std::int64_t>(0 - v) : static_cast<std::int64_t>(v);
    return {};
}

[[nodiscard]] KUBESIM_DECL std::string jp_invalid_index(std::int64_t idx) {
    return "Unable to access invalid index: " + std::to_string(idx) + ": invalid index referenced";
}

// partialArray get/set/remove: an existing element, negative indexes counting from the end.
[[nodiscard]] KUBESIM_DECL std::string jp_existing_index(const nlohmann::json& a, const std::string& key,
                                                         std::size_t& out) {
    std::int64_t idx = 0;
    if (auto e = go_atoi(key, idx); !e.empty()) return e;
    const auto n = static_cast<std::int64_t>(a.size());
    if (idx < -n || idx >= n) return jp_invalid_index(idx);
    out = static_cast<std::size_t>(idx < 0 ? idx + n : idx);
    return {};
}

// container.get: an object never fails (nullptr when the member is absent); an
// array checks the index.
[[nodiscard]] KUBESIM_DECL nlohmann::json* jp_get(nlohmann::json& c, const std::string& key, std::string& err) {
    if (c.is_object()) {
        auto it = c.find(key);
        return it == c.end() ? nullptr : &*it;
    }
    std::size_t i = 0;
    err = jp_existing_index(c, key, i);
    return err.empty() ? &c[i] : nullptr;
}

// container.add: an object sets the member; an array inserts before the index
// ("-" appends, -1 is the end).
[[nodiscard]] KUBESIM_DECL std::string jp_add(nlohmann::json& c, const std::string& key, nlohmann::json v) {
    if (c.is_object()) {
        c[key] = std::move(v);
        return {};
    }
    if (key == "-") {
        c.push_back(std::move(v));
        return {};
    }
    std::int64_t idx = 0;
    if (auto e = go_atoi(key, idx); !e.empty()) return "value was not a proper array index: '" + key + "': " + e;
    const auto n = static_cast<std::int64_t>(c.size()) + 1;
    if (idx >= n || idx < -n) return jp_invalid_index(idx);
    if (idx < 0) idx += n;
    c.insert(c.begin() + static_cast<std::ptrdiff_t>(idx), std::move(v));
    return {};
}

[[nodiscard]] KUBESIM_DECL std::string jp_remove(nlohmann::json& c, const std::string& key) {
    if (c.is_object()) {
        if (c.erase(key) == 0) return "Unable to remove nonexistent key: " + key + ": missing value";
        return {};
    }
    std::size_t i = 0;
    if (auto e = jp_existing_index(c, key, i); !e.empty()) return e;
    c.erase(c.begin() + static_cast<std::ptrdiff_t>(i));
    return {};
}

// findObject: the container the last token of `path` names a member of, or
// nullptr. Every token but the last must reach an object or array; the text
// before the first '/' is skipped.
[[nodiscard]] KUBESIM_DECL nlohmann::json* jp_find(nlohmann::json& doc, std::string_view path, std::string& key) {
    auto decode = [](std::string_view t) {  // RFC 6901: ~1 is '/', ~0 is '~'
        std::string out;
        for (std::size_t i = 0; i < t.size(); ++i) {
            if (t[i] == '~' && i + 1 < t.size() && (t[i + 1] == '0' || t[i + 1] == '1')) {
                out += t[++i] == '0' ? '~' : '/';
            } else {
                out += t[i];
            }
        }
        return out;
    };
    std::vector<std::string_view> parts;
    for (std::size_t start = 0;;) {
        const auto slash = path.find('/', start);
        parts.push_back(path.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start));
        if (slash == std::string_view::npos) break;
        start = slash + 1;
    }
    if (parts.size() < 2) return nullptr;
    nlohmann::json* cur = &doc;
    for (std::size_t i = 1; i + 1 < parts.size(); ++i) {
        std::string ignored;
        nlohmann::json* next = jp_get(*cur, decode(parts[i]), ignored);
        if (!next || !(next->is_object() || next->is_array())) return nullptr;
        cur = next;
    }
    key = decode(parts.back());
    return cur;
}

// lazyNode.equal: objects and arrays member by member, scalars by their JSON text
// (so 1 and 1.0 differ).
[[nodiscard]] KUBESIM_DECL bool jp_equal(const nlohmann::json& a, const nlohmann::json& b) {
    if (a.is_object() || a.is_array()) {
        if (a.type() != b.type() || a.size() != b.size()) return false;
        if (a.is_array()) {
            for (std::size_t i = 0; i < a.size(); ++i)
                if (!jp_equal(a[i], b[i])) return false;
            return true;
        }
        for (auto it = a.begin(); it != a.end(); ++it) {
            auto o = b.find(it.key());
            if (o == b.end() || !jp_equal(*it, *o)) return false;
        }
        return true;
    }
    return !b.is_object() && !b.is_array() && a.dump() == b.dump();
}

// Operation.Path / Operation.From: the member as a string.
[[nodiscard]] KUBESIM_DECL std::string jp_string_field(const nlohmann::json& op, const char* name,
                                                       std::string_view missing, std::string& out) {
    auto it = op.find(name);
    if (it == op.end() || it->is_null()) return std::string(missing) + ": missing value";
    if (!it->is_string())
        return "json: cannot unmarshal " + std::string(json_word(*it)) + " into Go value of type string";
    out = it->get<std::string>();
    return {};
}

// DefaultJSONPatchMaxCopyBytes of the apiserver config (jsonpatch.AccumulatedCopySizeLimit).
inline constexpr std::size_t json_patch_max_copy_bytes = 3 * 1024 * 1024;

std::string json_patch_apply(nlohmann::json& doc, const nlohmann::json& ops) {
    static const nlohmann::json null_value;
    std::size_t copied = 0;
    for (const nlohmann::json& op : ops) {
        std::string kind = "unknown";
        if (op.is_object()) {
            auto k = op.find("op");
            if (k != op.end() && k->is_string()) kind = k->get<std::string>();
        }
        const nlohmann::json& o = op.is_object() ? op : null_value;
        auto v = o.is_object() ? o.find("value") : o.end();
        const nlohmann::json* value = o.is_object() && v != o.end() ? &*v : nullptr;
        std::string path, from, key, err;
        const auto path_err = o.is_object() ? jp_string_field(o, "path", "operation missing path field", path)
                                            : std::string("operation missing path field: missing value");
        const std::string missing = ": missing value";
        if (kind == "add") {
            if (!path_err.empty()) return "add operation failed to decode path: missing value";
            nlohmann::json* c = jp_find(doc, path, key);
            if (!c) return "add operation does not apply: doc is missing path: \"" + path + "\"" + missing;
            if (auto e = jp_add(*c, key, value ? *value : nullptr); !e.empty())
                return "error in add for path: '" + path + "': " + e;
        } else if (kind == "remove") {
            if (!path_err.empty()) return "remove operation failed to decode path: missing value";
            nlohmann::json* c = jp_find(doc, path, key);
            if (!c) return "remove operation does not apply: doc is missing path: \"" + path + "\"" + missing;
            if (auto e = jp_remove(*c, key); !e.empty()) return "error in remove for path: '" + path + "': " + e;
        } else if (kind == "replace") {
            if (!path_err.empty()) return "replace operation failed to decode path: " + path_err;
            if (path.empty()) {
                // The whole document; Go wraps a nil error here, hence %!w(<nil>).
                if (!value || !(value->is_object() || value->is_array()))
                    return "replace operation value must be object or array: %!w(<nil>)";
                doc = *value;
                continue;
            }
            nlohmann::json* c = jp_find(doc, path, key);
            if (!c) return "replace operation does not apply: doc is missing path: " + path + missing;
            nlohmann::json* slot = jp_get(*c, key, err);
            if (!err.empty()) return "replace operation does not apply: doc is missing key: " + path + missing;
            // An absent object member is set, not refused (v4 only looks it up).
            if (slot) *slot = value ? *value : nullptr;
            else (*c)[key] = value ? *value : nullptr;
        } else if (kind == "move") {
            if (auto e = jp_string_field(o, "from", "operation, missing from field", from); !e.empty())
                return "move operation failed to decode from: " + e;
            nlohmann::json* c = jp_find(doc, from, key);
            if (!c) return "move operation does not apply: doc is missing from path: " + from + missing;
            nlohmann::json* src = jp_get(*c, key, err);
            if (!err.empty()) return "error in move for path: '" + key + "': " + err;
            nlohmann::json moved = src ? std::move(*src) : nlohmann::json();
            if (auto e = jp_remove(*c, key); !e.empty()) return "error in move for path: '" + key + "': " + e;
            if (!path_err.empty()) return "move operation failed to decode path: " + path_err;
            c = jp_find(doc, path, key);
            if (!c) return "move operation does not apply: doc is missing destination path: " + path + missing;
            if (auto e = jp_add(*c, key, std::move(moved)); !e.empty())
                return "error in move for path: '" + path + "': " + e;
        } else if (kind == "test") {
            if (!path_err.empty()) return "test operation failed to decode path: " + path_err;
            const std::string failed = "testing value " + path + " failed: test failed";
            if (path.empty()) {
                if (!value || !jp_equal(doc, *value)) return failed;
                continue;
            }
            nlohmann::json* c = jp_find(doc, path, key);
            if (!c) return "test operation does not apply: is missing path: " + path + missing;
            const nlohmann::json* got = jp_get(*c, key, err);
            if (!err.empty()) return "error in test for path: '" + path + "': " + err;
            if (!got || got->is_null()) {
                if (value && !value->is_null()) return failed;  // nothing matches only null or no value
                continue;
            }
            if (!value || !jp_equal(*got, *value)) return failed;
        } else if (kind == "copy") {
            if (auto e = jp_string_field(o, "from", "operation, missing from field", from); !e.empty())
                return "copy operation failed to decode from: " + e;
            nlohmann::json* c = jp_find(doc, from, key);
            if (!c) return "copy operation does not apply: doc is missing from path: " + from + missing;
            const nlohmann::json* src = jp_get(*c, key, err);
            if (!err.empty()) return "error in copy for from: '" + from + "': " + err;
            nlohmann::json copy = src ? *src : nlohmann::json();
            if (!path_err.empty()) return "copy operation failed to decode path: missing value";
            c = jp_find(doc, path, key);
            if (!c) return "copy operation does not apply: doc is missing destination path: " + path + missing;
            if (src && !src->is_null()) copied += copy.dump().size();  // deepCopy of nil is free
            if (copied > json_patch_max_copy_bytes)
                return "Unable to complete the copy, the accumulated size increase of copy is " +
                       std::to_string(copied) + ", exceeding the limit " + std::to_string(json_patch_max_copy_bytes);
            if (auto e = jp_add(*c, key, std::move(copy)); !e.empty())
                return "error while adding value during copy: " + e;
        } else {
            return "Unexpected kind: " + kind;
        }
    }
    return {};
}

}  // namespace detail

kubesim::result<nlohmann::json> strategic_merge_patch(nlohmann::json target, const nlohmann::json& patch,
                                                      std::string_view kind) {
    if (!patch.is_object()) {
        // What json.Unmarshal into the patch map says (a JSON null decodes to an empty patch).
        if (patch.is_null()) return target;
        const char* word = patch.is_string() ? "string" : patch.is_boolean() ? "bool" : patch.is_array() ? "array" : "number";
        return errors::bad_request(std::string("json: cannot unmarshal ") + word +
                                   " into Go value of type map[string]interface {}");
    }
    detail::smp_type root{};
    if (!detail::smp_root(kind, root)) return errors::bad_request("strategic merge patch format is not supported");
    try {
        return detail::merge_map(std::move(target), patch, root);
    } catch (const api_error& e) {
        return e.status();
    }
}

kubesim::result<nlohmann::json> json_patch(nlohmann::json target, const nlohmann::json& patch) {
    // jsonpatch.DecodePatch: a list of operation objects (null is an empty patch).
    if (!patch.is_null() && !patch.is_array())
        return errors::bad_request("json: cannot unmarshal " + std::string(detail::json_word(patch)) +
                                   " into Go value of type jsonpatch.Patch");
    if (patch.is_null()) return target;
    for (const auto& op : patch)
        if (!op.is_null() && !op.is_object())
            return errors::bad_request("json: cannot unmarshal " + std::string(detail::json_word(op)) +
                                       " into Go value of type jsonpatch.Operation");
    constexpr std::size_t max_operations = 10000;  // handlers/patch.go maxJSONPatchOperations
    if (patch.size() > max_operations) {
        return errors::detail::failure("RequestEntityTooLarge", 413,
                                       "Request entity too large: The allowed maximum operations in a JSON patch is " +
                                           std::to_string(max_operations) + ", got " + std::to_string(patch.size()));
    }
    if (!detail::json_patch_apply(target, patch).empty()) {
        // NewGenericServerResponse(422, ...): the library's message is not passed on.
        return errors::detail::failure("Invalid", 422,
                                       "the server rejected our request due to an error in our request");
    }
    return target;
}

}  // namespace kubesim::api::json
