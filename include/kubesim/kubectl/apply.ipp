// Definitions of kubectl/apply.hpp.
#pragma once

#include <kubesim/kubectl/apply.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/json/detail/io.hpp>
#include <kubesim/api/utf8.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::kubectl {

namespace detail {

// The documents of a manifest: arrays and v1 Lists (any kind ending in "List"
// with items) are flattened, in order.
KUBESIM_DECL void flatten(const nlohmann::json& j, std::vector<const nlohmann::json*>& out) {
    if (j.is_array()) {
        for (const auto& e : j) flatten(e, out);
        return;
    }
    if (j.is_object() && j.contains("items") && j["items"].is_array() && j.contains("kind") && j["kind"].is_string()) {
        const auto& kind = j["kind"].get_ref<const std::string&>();
        if (kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0) {
            for (const auto& e : j["items"]) flatten(e, out);
            return;
        }
    }
    out.push_back(&j);
}

KUBESIM_DECL const store::kind_ops& ops_for(const kind_table& kinds, const api::codec& c) {
    return *kinds.at(std::string(c.resource));
}

// Decodes and validates one document without storing anything; throws
// api_error naming the document when it cannot be applied.
KUBESIM_DECL const api::codec* check_document(const kind_table& kinds, const nlohmann::json& d) {
    if (!d.is_object()) throw api_error(api::errors::bad_request("error decoding manifest: expected an object, got " + d.dump()));
    const auto str = [&](const char* k) -> std::string {
        auto it = d.find(k);
        return it != d.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    const std::string api_version = str("apiVersion"), kind = str("kind");
    if (kind.empty()) throw api_error(api::errors::bad_request("Object 'Kind' is missing in '" + d.dump() + "'"));
    if (api_version.empty())
        throw api_error(api::errors::bad_request("Object 'apiVersion' is missing in '" + d.dump() + "'"));
    auto it = api::codecs_by_type().find(api_version + "/" + kind);
    if (it == api::codecs_by_type().end()) {
        auto s = api::errors::not_found("", "");
        s.message = "no matches for kind " + api::field::quote(kind) + " in version " + api::field::quote(api_version);
        s.details = {};
        s.details.kind = kind;
        throw api_error(s);
    }
    const api::codec& c = *it->second;
    const auto& ops = ops_for(kinds, c);
    auto obj = c.decode(d);
    if (!obj) throw api_error(obj.error());
    auto& m = ops.meta_mut(obj->get());
    if (m.name.empty()) {
        auto s = api::errors::bad_request(kind + ": resource name may not be empty");
        s.details.kind = kind;
        throw api_error(s);
    }
    if (ops.namespaced && m.namespace_.empty()) m.namespace_ = "default";
    ops.set_defaults(obj->get());
    if (auto errs = ops.validate(obj->get()); !errs.empty()) throw api_error(api::errors::invalid(ops.qualified_kind, m.name, errs));
    return &c;
}

// kubectl apply for one document: create, or a three-way merge of the last
// applied manifest, the new one and the live object.
KUBESIM_DECL nlohmann::json apply_document(store::object_store& store, const kind_table& kinds, const api::codec& c,
                                           const nlohmann::json& d) {
    const auto& ops = ops_for(kinds, c);
    nlohmann::json modified = d;
    if (modified.contains("metadata") && modified["metadata"].is_object() && modified["metadata"].contains("annotations") &&
        modified["metadata"]["annotations"].is_object())
        modified["metadata"]["annotations"].erase(std::string(last_applied_annotation));
    const std::string applied = modified.dump() + "\n";
    modified["metadata"]["annotations"][std::string(last_applied_annotation)] = applied;

    auto obj = c.decode(modified).value();
    auto& m = ops.meta_mut(obj.get());
    const std::string ns = ops.namespaced ? (m.namespace_.empty() ? std::string("default") : m.namespace_) : std::string();
    auto live = store.find(ops, ns, m.name);
    if (!live) return c.encode(store.create(ops, std::move(obj), ns).value().get());

    nlohmann::json current = c.encode(live.get());
    nlohmann::json original;
    const auto& la = ops.meta(live.get()).annotations;
    if (auto a = la.find(std::string(last_applied_annotation)); a != la.end())
        original = nlohmann::json::parse(a->second, nullptr, false);
    nlohmann::json patch = three_way_patch(original, modified, current);
    if (patch.empty()) return current;
    current.merge_patch(patch);
    auto next = c.decode(current).value();
    return c.encode(store.update(ops, std::move(next), ns).value().get());
}


// Go's encoding/json syntax check (scanner.go), for its exact error text: the
// first byte that cannot continue the document, as "invalid character 'x'
// looking for beginning of value", or "unexpected end of JSON input".
KUBESIM_DECL std::string go_quote_char(unsigned char c) {
    if (c == '\'') return "'\\''";
    if (c == '"') return "'\"'";
    static constexpr char hex[] = "0123456789abcdef";
    std::string s = "'";
    switch (c) {
        case '\a': s += "\\a"; break;
        case '\b': s += "\\b"; break;
        case '\f': s += "\\f"; break;
        case '\n': s += "\\n"; break;
        case '\r': s += "\\r"; break;
        case '\t': s += "\\t"; break;
        case '\v': s += "\\v"; break;
        case '\\': s += "\\\\"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                s += "\\x";
                s += hex[c >> 4];
                s += hex[c & 15];
            } else if (c < 0x80) {
                s += static_cast<char>(c);
            } else if (c < 0xa1 || c == 0xad) {
                // Go quotes the byte as the rune U+0080..U+00FF; these are not printable.
                s += "\\u00";
                s += hex[c >> 4];
                s += hex[c & 15];
            } else {
                s += static_cast<char>(0xc0 | (c >> 6));
                s += static_cast<char>(0x80 | (c & 0x3f));
            }
    }
    return s + "'";
}

KUBESIM_DECL std::optional<std::string> go_json_syntax_error(std::string_view text) {
    enum class st : std::uint8_t {
        begin_value, begin_value_or_empty, begin_string_or_empty, begin_string, end_value, end_top,
        in_string, in_string_esc, esc_u, esc_u1, esc_u12, esc_u123, neg, one, zero, dot, dot0, e, e_sign, e0,
        t, tr, tru, f, fa, fal, fals, n, nu, nul,
    };
    enum class ctx : std::uint8_t { object_key, object_value, array_value };
    std::vector<ctx> stack;
    st s = st::begin_value;
    const auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    const auto digit = [](unsigned char c) { return c >= '0' && c <= '9'; };
    const auto hexdigit = [&](unsigned char c) { return digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); };
    const auto err = [](unsigned char c, std::string_view context) {
        return std::optional<std::string>("invalid character " + go_quote_char(c) + " " + std::string(context));
    };
    // Feeds one byte; an error text when it cannot continue. A state that ends
    // a token hands the byte on to end_value (Go's states call each other so).
    std::optional<std::string> fail;
    const auto step = [&](unsigned char c) -> bool {
        for (;;) {
            switch (s) {
                case st::begin_value_or_empty:
                    if (space(c)) return true;
                    if (c == ']') {
                        s = st::end_value;
                        continue;
                    }
                    s = st::begin_value;
                    continue;
                case st::begin_value:
                    if (space(c)) return true;
                    switch (c) {
                        case '{': stack.push_back(ctx::object_key); s = st::begin_string_or_empty; return true;
                        case '[': stack.push_back(ctx::array_value); s = st::begin_value_or_empty; return true;
                        case '"': s = st::in_string; return true;
                        case '-': s = st::neg; return true;
                        case '0': s = st::zero; return true;
                        case 't': s = st::t; return true;
                        case 'f': s = st::f; return true;
                        case 'n': s = st::n; return true;
                        default:
                            if (c >= '1' && c <= '9') {
                                s = st::one;
                                return true;
                            }
                            fail = err(c, "looking for beginning of value");
                            return false;
                    }
                case st::begin_string_or_empty:
                    if (space(c)) return true;
                    if (c == '}') {
                        stack.back() = ctx::object_value;
                        s = st::end_value;
                        continue;
                    }
                    s = st::begin_string;
                    continue;
                case st::begin_string:
                    if (space(c)) return true;
                    if (c == '"') {
                        s = st::in_string;
                        return true;
                    }
                    fail = err(c, "looking for beginning of object key string");
                    return false;
                case st::end_value:
                    if (stack.empty()) {
                        s = st::end_top;
                        continue;
                    }
                    if (space(c)) return true;
                    switch (stack.back()) {
                        case ctx::object_key:
                            if (c == ':') {
                                stack.back() = ctx::object_value;
                                s = st::begin_value;
                                return true;
                            }
                            fail = err(c, "after object key");
                            return false;
                        case ctx::object_value:
                            if (c == ',') {
                                stack.back() = ctx::object_key;
                                s = st::begin_string;
                                return true;
                            }
                            if (c == '}') {
                                stack.pop_back();
                                return true;
                            }
                            fail = err(c, "after object key:value pair");
                            return false;
                        case ctx::array_value:
                            if (c == ',') {
                                s = st::begin_value;
                                return true;
                            }
                            if (c == ']') {
                                stack.pop_back();
                                return true;
                            }
                            fail = err(c, "after array element");
                            return false;
                    }
                    return false;
                case st::end_top:
                    if (space(c)) return true;
                    fail = err(c, "after top-level value");
                    return false;
                case st::in_string:
                    if (c == '"') {
                        s = st::end_value;
                        return true;
                    }
                    if (c == '\\') {
                        s = st::in_string_esc;
                        return true;
                    }
                    if (c < 0x20) {
                        fail = err(c, "in string literal");
                        return false;
                    }
                    return true;
                case st::in_string_esc:
                    if (c == 'b' || c == 'f' || c == 'n' || c == 'r' || c == 't' || c == '\\' || c == '/' || c == '"') {
                        s = st::in_string;
                        return true;
                    }
                    if (c == 'u') {
                        s = st::esc_u;
                        return true;
                    }
                    fail = err(c, "in string escape code");
                    return false;
                case st::esc_u:
                case st::esc_u1:
                case st::esc_u12:
                case st::esc_u123:
                    if (!hexdigit(c)) {
                        fail = err(c, "in \\u hexadecimal character escape");
                        return false;
                    }
                    s = s == st::esc_u ? st::esc_u1 : s == st::esc_u1 ? st::esc_u12 : s == st::esc_u12 ? st::esc_u123 : st::in_string;
                    return true;
                case st::neg:
                    if (c == '0') {
                        s = st::zero;
                        return true;
                    }
                    if (c >= '1' && c <= '9') {
                        s = st::one;
                        return true;
                    }
                    fail = err(c, "in numeric literal");
                    return false;
                case st::one:
                    if (digit(c)) return true;
                    s = st::zero;
                    continue;
                case st::zero:
                    if (c == '.') {
                        s = st::dot;
                        return true;
                    }
                    if (c == 'e' || c == 'E') {
                        s = st::e;
                        return true;
                    }
                    s = st::end_value;
                    continue;
                case st::dot:
                    if (digit(c)) {
                        s = st::dot0;
                        return true;
                    }
                    fail = err(c, "after decimal point in numeric literal");
                    return false;
                case st::dot0:
                    if (digit(c)) return true;
                    if (c == 'e' || c == 'E') {
                        s = st::e;
                        return true;
                    }
                    s = st::end_value;
                    continue;
                case st::e:
                    if (c == '+' || c == '-') {
                        s = st::e_sign;
                        return true;
                    }
                    s = st::e_sign;
                    continue;
                case st::e_sign:
                    if (digit(c)) {
                        s = st::e0;
                        return true;
                    }
                    fail = err(c, "in exponent of numeric literal");
                    return false;
                case st::e0:
                    if (digit(c)) return true;
                    s = st::end_value;
                    continue;
                default: {
                    // true, false, null: the next expected letter of the literal.
                    struct lit {
                        st at;
                        char want;
                        st next;
                        const char* word;
                    };
                    static constexpr lit lits[] = {
                        {st::t, 'r', st::tr, "true"},     {st::tr, 'u', st::tru, "true"},   {st::tru, 'e', st::end_value, "true"},
                        {st::f, 'a', st::fa, "false"},    {st::fa, 'l', st::fal, "false"},  {st::fal, 's', st::fals, "false"},
                        {st::fals, 'e', st::end_value, "false"}, {st::n, 'u', st::nu, "null"}, {st::nu, 'l', st::nul, "null"},
                        {st::nul, 'l', st::end_value, "null"},
                    };
                    for (const auto& l : lits) {
                        if (l.at != s) continue;
                        if (c == static_cast<unsigned char>(l.want)) {
                            s = l.next;
                            return true;
                        }
                        fail = err(c, std::string("in literal ") + l.word + " (expecting '" + l.want + "')");
                        return false;
                    }
                    return false;
                }
            }
        }
    };
    for (const char ch : text)
        if (!step(static_cast<unsigned char>(ch))) return fail;
    // The end: a number in progress ends like at a space; anything else open is
    // an unexpected end.
    if (s != st::end_top && !step(' ')) return fail;
    if (s == st::end_top && stack.empty()) return std::nullopt;
    return std::string("unexpected end of JSON input");
}

}  // namespace detail

std::vector<nlohmann::json> apply(store::object_store& store, const kind_table& kinds, const nlohmann::json& given) {
    // Strings that are not UTF-8 read as encoding/json reads them (U+FFFD for
    // each stray byte) before anything prints or stores them.
    nlohmann::json scratch;
    const nlohmann::json& manifests = api::json::detail::with_valid_utf8(given, scratch);
    std::vector<const nlohmann::json*> docs;
    detail::flatten(manifests, docs);
    std::vector<std::pair<const api::codec*, const nlohmann::json*>> plan;
    for (const auto* d : docs) plan.emplace_back(detail::check_document(kinds, *d), d);
    std::vector<nlohmann::json> out;
    for (const auto& [codec, d] : plan) out.push_back(detail::apply_document(store, kinds, *codec, *d));
    return out;
}

nlohmann::json parse_json_manifest(std::string_view text) {
    static constexpr std::string_view prefix = "couldn't get version/kind; json parse error: ";
    if (auto e = detail::go_json_syntax_error(text)) throw api_error(api::errors::bad_request(std::string(prefix) + *e));
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_discarded()) return j;
    // What encoding/json reads and nlohmann does not: string literals that are
    // not UTF-8 or escape a lone surrogate (both decode as U+FFFD) ...
    try {
        return nlohmann::json::parse(api::utf8::json_text_to_valid(text));
    } catch (const nlohmann::json::out_of_range& e) {
        // ... and numbers past a float64 ("1e400"), which Go refuses once it
        // decodes the document into its generic form:
        // "[json.exception.out_of_range.406] number overflow parsing '1e400'".
        std::string literal(e.what());
        const auto open = literal.find('\'');
        literal = open == std::string::npos ? std::string() : literal.substr(open + 1);
        if (!literal.empty() && literal.back() == '\'') literal.pop_back();
        throw api_error(api::errors::bad_request(std::string(prefix) + "json: cannot unmarshal number " + literal +
                                                 " into Go value of type float64"));
    } catch (const nlohmann::json::exception& e) {
        throw api_error(api::errors::bad_request(std::string(prefix) + e.what()));
    }
}

nlohmann::json three_way_patch(const nlohmann::json& original, const nlohmann::json& modified, const nlohmann::json& current) {
    nlohmann::json patch = nlohmann::json::object();
    for (auto it = modified.begin(); it != modified.end(); ++it) {
        const auto cur = current.is_object() ? current.find(it.key()) : current.end();
        const bool in_current = current.is_object() && cur != current.end();
        if (it.value().is_object() && in_current && cur->is_object()) {
            const nlohmann::json& orig = original.is_object() && original.contains(it.key()) ? original[it.key()]
                                                                                             : nlohmann::json();
            auto sub = three_way_patch(orig, it.value(), *cur);
            if (!sub.empty()) patch[it.key()] = std::move(sub);
        } else if (!in_current || *cur != it.value()) {
            patch[it.key()] = it.value();
        }
    }
    if (original.is_object())
        for (auto it = original.begin(); it != original.end(); ++it)
            if (!modified.contains(it.key()) && current.is_object() && current.contains(it.key())) patch[it.key()] = nullptr;
    return patch;
}

}  // namespace kubesim::kubectl
