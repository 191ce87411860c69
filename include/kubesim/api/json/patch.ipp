// Definitions of api/json/patch.hpp.
#pragma once

#include <kubesim/api/json/patch.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/errors.hpp>
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

}  // namespace kubesim::api::json
