// Definitions of api/json/detail/io.hpp.
#pragma once

#include <kubesim/api/json/detail/io.hpp>

#include <limits>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/json/detail/base64.hpp>
#include <kubesim/api/json/detail/go_time.hpp>
#include <kubesim/api/utf8.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::json::detail {

// ---------------------------------------------------------------------------
// UTF-8

bool valid_utf8(const json& j) {
    switch (j.type()) {
        case json::value_t::string: return utf8::valid(j.get_ref<const std::string&>());
        case json::value_t::array:
            for (const json& e : j)
                if (!valid_utf8(e)) return false;
            return true;
        case json::value_t::object:
            for (auto it = j.begin(); it != j.end(); ++it)
                if (!utf8::valid(it.key()) || !valid_utf8(it.value())) return false;
            return true;
        default: return true;
    }
}

void make_valid_utf8(json& j) {
    switch (j.type()) {
        case json::value_t::string: utf8::make_valid(j.get_ref<std::string&>()); return;
        case json::value_t::array:
            for (json& e : j) make_valid_utf8(e);
            return;
        case json::value_t::object: {
            bool keys_valid = true;
            for (auto it = j.begin(); it != j.end(); ++it) {
                make_valid_utf8(it.value());
                keys_valid = keys_valid && utf8::valid(it.key());
            }
            if (keys_valid) return;
            json o = json::object();
            for (auto it = j.begin(); it != j.end(); ++it) o[utf8::to_valid(it.key())] = std::move(it.value());
            j = std::move(o);
            return;
        }
        default: return;
    }
}

const json& with_valid_utf8(const json& j, json& scratch) {
    if (valid_utf8(j)) return j;
    scratch = j;
    make_valid_utf8(scratch);
    return scratch;
}

// ---------------------------------------------------------------------------
// Decoding

void fail(const decode_state& st, const std::string& message) {
    throw api_error(errors::bad_request(st.prefix + message));
}

std::string_view json_word(const json& v) {
    switch (v.type()) {
        case json::value_t::string: return "string";
        case json::value_t::boolean: return "bool";
        case json::value_t::number_integer:
        case json::value_t::number_unsigned:
        case json::value_t::number_float: return "number";
        case json::value_t::array: return "array";
        case json::value_t::object: return "object";
        default: return "null";
    }
}

std::string_view go_struct_name(std::string_view go_type) {
    const auto dot = go_type.rfind('.');
    return dot == std::string_view::npos ? go_type : go_type.substr(dot + 1);
}

bool integer_in(const json& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
    if (v.is_number_integer() && !v.is_number_unsigned()) {
        out = v.get<std::int64_t>();
        return out >= lo && out <= hi;
    }
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        if (u > static_cast<std::uint64_t>(hi)) return false;
        out = static_cast<std::int64_t>(u);
        return true;
    }
    return false;
}

std::string number_literal(const json& v) {
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    return v.dump();
}

api::quantity quantity_from(const json& v, const decode_state& st) {
    if (v.is_null()) return api::quantity{};
    std::string text;
    if (v.is_string())
        text = v.get<std::string>();
    else if (v.is_number())
        text = number_literal(v);
    else
        text = v.dump();
    const auto b = text.find_first_not_of(" \t\n\r\f\v");
    const auto e = text.find_last_not_of(" \t\n\r\f\v");
    auto q = api::quantity::parse(b == std::string::npos ? std::string_view()
                                                         : std::string_view(text).substr(b, e - b + 1));
    if (!q) fail(st, q.error().message);
    return *q;
}

const json* reader::raw(const char* key) const {
    auto it = obj_.find(key);
    if (it == obj_.end() || it->is_null()) return nullptr;
    return &*it;
}

void reader::type_error(const char* key, std::string_view what, std::string_view go_type) const {
    std::string m = "json: cannot unmarshal ";
    m += what;
    m += " into Go struct field ";
    m += struct_;
    m += '.';
    if (!st_.path.empty()) {
        m += st_.path;
        m += '.';
    }
    m += key;
    m += " of type ";
    m += go_type;
    fail(st_, m);
}

void reader::str(const char* key, std::string& out, std::string_view go_type) const {
    if (const json* v = raw(key)) out = as_string(key, *v, go_type);
}

void reader::opt_str(const char* key, std::optional<std::string>& out, std::string_view go_type) const {
    if (const json* v = raw(key)) out = as_string(key, *v, go_type);
}

void reader::boolean(const char* key, bool& out) const {
    if (const json* v = raw(key)) out = as_bool(key, *v);
}

void reader::opt_bool(const char* key, std::optional<bool>& out) const {
    if (const json* v = raw(key)) out = as_bool(key, *v);
}

void reader::i32(const char* key, std::int32_t& out) const {
    if (const json* v = raw(key)) out = as_i32(key, *v, "int32");
}

void reader::opt_i32(const char* key, std::optional<std::int32_t>& out) const {
    if (const json* v = raw(key)) out = as_i32(key, *v, "int32");
}

void reader::i64(const char* key, std::int64_t& out) const {
    if (const json* v = raw(key)) out = as_i64(key, *v);
}

void reader::opt_i64(const char* key, std::optional<std::int64_t>& out) const {
    if (const json* v = raw(key)) out = as_i64(key, *v);
}

void reader::strings(const char* key, std::vector<std::string>& out, std::string_view go_type) const {
    const json* v = raw(key);
    if (!v) return;
    if (!v->is_array()) type_error(key, json_word(*v), go_type);
    out.clear();
    out.reserve(v->size());
    const std::string_view elem = go_type.substr(2);
    for (const json& e : *v) out.push_back(e.is_null() ? std::string() : as_string(key, e, elem));
}

void reader::string_map(const char* key, std::map<std::string, std::string>& out) const {
    const json* v = raw(key);
    if (!v) return;
    if (!v->is_object()) type_error(key, json_word(*v), "map[string]string");
    out.clear();
    for (auto it = v->begin(); it != v->end(); ++it)
        out[it.key()] = it->is_null() ? std::string() : as_string(key, *it, "string");
}

void reader::bytes_map(const char* key, std::map<std::string, std::string>& out) const {
    const json* v = raw(key);
    if (!v) return;
    if (!v->is_object()) type_error(key, json_word(*v), "map[string][]uint8");
    out.clear();
    for (auto it = v->begin(); it != v->end(); ++it) {
        std::string& bytes = out[it.key()];
        if (it->is_null()) continue;
        if (!it->is_string()) type_error(key, json_word(*it), "[]uint8");
        std::size_t bad = 0;
        if (!base64_decode(it->get_ref<const std::string&>(), bytes, bad))
            fail(st_, "illegal base64 data at input byte " + std::to_string(bad));
    }
}

void reader::time(const char* key, std::optional<api::time>& out, bool micro) const {
    const json* v = raw(key);
    if (!v) return;
    // Time.UnmarshalJSON decodes a string first; the type error gets this field's context.
    if (!v->is_string()) type_error(key, json_word(*v), "string");
    auto r = parse_go_time(v->get_ref<const std::string&>(), micro);
    if (!r.value) fail(st_, r.error);
    out = r.value;
}

void reader::quantity(const char* key, std::optional<api::quantity>& out) const {
    if (const json* v = raw(key)) out = as_quantity(*v);
}

void reader::quantities(const char* key, std::map<std::string, api::quantity>& out) const {
    const json* v = raw(key);
    if (!v) return;
    if (!v->is_object()) type_error(key, json_word(*v), "v1.ResourceList");
    out.clear();
    for (auto it = v->begin(); it != v->end(); ++it) out[it.key()] = as_quantity(*it);
}

void reader::int_or_string(const char* key, api::int_or_string& out) const {
    auto it = obj_.find(key);
    if (it == obj_.end()) return;
    out = as_int_or_string(key, *it);
}

void reader::opt_int_or_string(const char* key, std::optional<api::int_or_string>& out) const {
    if (const json* v = raw(key)) out = as_int_or_string(key, *v);
}

const json* reader::object_field(const char* key, std::string_view go_type) const {
    const json* v = raw(key);
    if (v && !v->is_object()) type_error(key, json_word(*v), go_type);
    return v;
}

const json* reader::array_field(const char* key, std::string_view elem_type) const {
    const json* v = raw(key);
    if (v && !v->is_array()) type_error(key, json_word(*v), "[]" + std::string(elem_type));
    return v;
}

std::string reader::as_string(const char* key, const json& v, std::string_view go_type) const {
    if (!v.is_string()) type_error(key, json_word(v), go_type);
    return v.get<std::string>();
}

bool reader::as_bool(const char* key, const json& v) const {
    if (!v.is_boolean()) type_error(key, json_word(v), "bool");
    return v.get<bool>();
}

std::int32_t reader::as_i32(const char* key, const json& v, std::string_view go_type) const {
    if (!v.is_number()) type_error(key, json_word(v), go_type);
    std::int64_t n = 0;
    if (!integer_in(v, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max(), n))
        type_error(key, "number " + number_literal(v), go_type);
    return static_cast<std::int32_t>(n);
}

std::int64_t reader::as_i64(const char* key, const json& v) const {
    if (!v.is_number()) type_error(key, json_word(v), "int64");
    std::int64_t n = 0;
    if (!integer_in(v, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), n))
        type_error(key, "number " + number_literal(v), "int64");
    return n;
}

api::int_or_string reader::as_int_or_string(const char* key, const json& v) const {
    if (v.is_string()) return api::int_or_string{true, 0, v.get<std::string>()};
    if (v.is_null()) return api::int_or_string{};
    return api::int_or_string{false, as_i32(key, v, "int32"), {}};
}

child_reader::child_reader(const reader& parent, const char* key, const json& obj, std::string_view go_type)
    : st_(parent.st_), len_(st_.path.size()), r_(obj, st_, go_struct_name(go_type)) {
    if (!st_.path.empty()) st_.path += '.';
    st_.path += key;
}

std::string summarize(const json& j) {
    const std::string data = j.dump();
    if (data.empty()) return "<empty>";
    if (data[0] == '{') return data.size() > 30 ? data.substr(0, 30) + " ..." : data;
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < data.size() && i < 30; ++i) {
        out += hex[static_cast<unsigned char>(data[i]) >> 4];
        out += hex[static_cast<unsigned char>(data[i]) & 15];
    }
    return data.size() > 30 ? out + " ..." : out;
}

decode_state kind_state(const json& j, std::string_view kind, std::string_view api_version) {
    decode_state st;
    auto unrecognized = [&](const std::string& why) {
        st.prefix = "the object provided is unrecognized (must be of type " + std::string(kind) + "): ";
        fail(st, why + " (" + summarize(j) + ")");
    };
    if (!j.is_object())
        unrecognized("couldn't get version/kind; json parse error: json: cannot unmarshal " + std::string(json_word(j)) +
                     " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; "
                     "Kind string \"json:\\\"kind,omitempty\\\"\" }");
    std::string data_kind(kind), data_version = std::string(api_version.substr(api_version.find('/') + 1));
    for (const char* key : {"apiVersion", "kind"}) {
        auto it = j.find(key);
        if (it == j.end() || it->is_null()) continue;
        if (!it->is_string())
            unrecognized("couldn't get version/kind; json parse error: json: cannot unmarshal " +
                         std::string(json_word(*it)) + " into Go struct field ." + key + " of type string");
        const auto& s = it->get_ref<const std::string&>();
        if (s.empty()) continue;
        if (key[0] == 'k') {
            data_kind = s;
        } else {
            const auto slash = s.find('/');
            if (slash != std::string::npos && s.find('/', slash + 1) != std::string::npos)
                unrecognized("unexpected GroupVersion string: " + s);
            data_version = slash == std::string::npos ? s : s.substr(slash + 1);
        }
    }
    st.prefix = data_kind + " in version \"" + data_version + "\" cannot be handled as a " + std::string(kind) + ": ";
    return st;
}

// ---------------------------------------------------------------------------
// Encoding

void put_str(json& j, const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
}
void put_opt_str(json& j, const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
}
void put_bool(json& j, const char* key, bool v) {
    if (v) j[key] = true;
}
void put_opt_bool(json& j, const char* key, const std::optional<bool>& v) {
    if (v) j[key] = *v;
}
void put_i32(json& j, const char* key, std::int32_t v) {
    if (v != 0) j[key] = v;
}
void put_opt_i32(json& j, const char* key, const std::optional<std::int32_t>& v) {
    if (v) j[key] = *v;
}
void put_i64(json& j, const char* key, std::int64_t v) {
    if (v != 0) j[key] = v;
}
void put_opt_i64(json& j, const char* key, const std::optional<std::int64_t>& v) {
    if (v) j[key] = *v;
}
void put_strings(json& j, const char* key, const std::vector<std::string>& v) {
    if (!v.empty()) j[key] = v;
}
void put_strings_always(json& j, const char* key, const std::vector<std::string>& v) {
    if (v.empty())
        j[key] = nullptr;
    else
        j[key] = v;
}
void put_string_map(json& j, const char* key, const std::map<std::string, std::string>& v) {
    if (!v.empty()) j[key] = v;
}
void put_bytes_map(json& j, const char* key, const std::map<std::string, std::string>& v) {
    if (v.empty()) return;
    json& m = j[key] = json::object();
    for (const auto& [k, bytes] : v) m[k] = base64_encode(bytes);
}
void put_time(json& j, const char* key, const std::optional<api::time>& t) {
    if (t)
        j[key] = sim::to_rfc3339(*t);
    else
        j[key] = nullptr;
}
void put_time_ptr(json& j, const char* key, const std::optional<api::time>& t) {
    if (t) j[key] = sim::to_rfc3339(*t);
}
void put_micro_time(json& j, const char* key, const std::optional<api::time>& t) {
    if (t)
        j[key] = sim::to_rfc3339_micro(*t);
    else
        j[key] = nullptr;
}
void put_quantities(json& j, const char* key, const std::map<std::string, api::quantity>& v) {
    if (v.empty()) return;
    json& m = j[key] = json::object();
    for (const auto& [k, q] : v) m[k] = q.to_string();
}
json int_or_string_json(const api::int_or_string& v) {
    if (v.is_string) return v.str_val;
    return v.int_val;
}

}  // namespace kubesim::api::json::detail
