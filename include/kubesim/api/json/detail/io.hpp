// The machinery under every to_json / from_json of api/json/: `reader` decodes
// one JSON object as one Go struct and reports a wrong JSON type the way
// kube-apiserver does (encoding/json's UnmarshalTypeError, prefixed by the
// apiserver's "<Kind> in version "v1" cannot be handled as a <Kind>: "), e.g.
//   json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32
// and the `put_*` writers mirror encoding/json's omitempty. All of it is
// non-template except the thin helpers for nested structs and lists.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/box.hpp>
#include <kubesim/api/cow_vector.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/json/detail/base64.hpp>
#include <kubesim/api/json/detail/go_time.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/api/quantity.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::json::detail {

using json = nlohmann::json;

// ---------------------------------------------------------------------------
// Decoding

// Shared by all readers of one decode: the message prefix of the root kind and
// the dotted JSON path of the object being read (no indexes, as Go prints it).
struct decode_state {
    std::string prefix{};
    std::string path{};
};

[[noreturn]] inline void fail(const decode_state& st, const std::string& message) {
    throw api_error(errors::bad_request(st.prefix + message));
}

// The word encoding/json uses for a JSON value in UnmarshalTypeError.
[[nodiscard]] inline std::string_view json_word(const json& v) {
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

// The struct name in a Go type name: "v1.Container" -> "Container".
[[nodiscard]] inline std::string_view go_struct_name(std::string_view go_type) {
    const auto dot = go_type.rfind('.');
    return dot == std::string_view::npos ? go_type : go_type.substr(dot + 1);
}

// A JSON number that strconv.ParseInt accepts and that lies in [lo, hi]
// (1.5, 2.0 and 3000000000 are not int32s).
[[nodiscard]] inline bool integer_in(const json& v, std::int64_t lo, std::int64_t hi, std::int64_t& out) {
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

// The number as Go echoes its literal in "cannot unmarshal number 1.5 into ...".
[[nodiscard]] inline std::string number_literal(const json& v) {
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    return v.dump();
}

// resource.Quantity from JSON: Quantity.UnmarshalJSON parses the raw text (a
// string's content, trimmed, or a bare number); null is zero; anything else
// fails ParseQuantity with upstream's message and no field context.
[[nodiscard]] inline api::quantity quantity_from(const json& v, const decode_state& st) {
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

// One JSON object decoded as one Go struct. The typed helpers read a field by
// its JSON key; absent and null leave the C++ default in place (Go leaves a
// value untouched on null and sets pointers, maps and slices to nil).
class reader {
public:
    reader(const json& obj, decode_state& st, std::string_view go_struct) : obj_(obj), st_(st), struct_(go_struct) {}

    // The field's value, or nullptr when absent or null.
    [[nodiscard]] const json* raw(const char* key) const {
        auto it = obj_.find(key);
        if (it == obj_.end() || it->is_null()) return nullptr;
        return &*it;
    }

    // "json: cannot unmarshal <what> into Go struct field <Struct>.<path>.<key> of type <go_type>"
    [[noreturn]] void type_error(const char* key, std::string_view what, std::string_view go_type) const {
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

    void str(const char* key, std::string& out, std::string_view go_type = "string") const {
        if (const json* v = raw(key)) out = as_string(key, *v, go_type);
    }
    void opt_str(const char* key, std::optional<std::string>& out, std::string_view go_type = "string") const {
        if (const json* v = raw(key)) out = as_string(key, *v, go_type);
    }
    void boolean(const char* key, bool& out) const {
        if (const json* v = raw(key)) out = as_bool(key, *v);
    }
    void opt_bool(const char* key, std::optional<bool>& out) const {
        if (const json* v = raw(key)) out = as_bool(key, *v);
    }
    void i32(const char* key, std::int32_t& out) const {
        if (const json* v = raw(key)) out = as_i32(key, *v, "int32");
    }
    void opt_i32(const char* key, std::optional<std::int32_t>& out) const {
        if (const json* v = raw(key)) out = as_i32(key, *v, "int32");
    }
    void i64(const char* key, std::int64_t& out) const {
        if (const json* v = raw(key)) out = as_i64(key, *v);
    }
    void opt_i64(const char* key, std::optional<std::int64_t>& out) const {
        if (const json* v = raw(key)) out = as_i64(key, *v);
    }

    // []string and named string slices ("[]v1.FinalizerName"); null elements are "".
    void strings(const char* key, std::vector<std::string>& out, std::string_view go_type = "[]string") const {
        const json* v = raw(key);
        if (!v) return;
        if (!v->is_array()) type_error(key, json_word(*v), go_type);
        out.clear();
        out.reserve(v->size());
        const std::string_view elem = go_type.substr(2);
        for (const json& e : *v) out.push_back(e.is_null() ? std::string() : as_string(key, e, elem));
    }

    // map[string]string; a null value is "".
    void string_map(const char* key, std::map<std::string, std::string>& out) const {
        const json* v = raw(key);
        if (!v) return;
        if (!v->is_object()) type_error(key, json_word(*v), "map[string]string");
        out.clear();
        for (auto it = v->begin(); it != v->end(); ++it)
            out[it.key()] = it->is_null() ? std::string() : as_string(key, *it, "string");
    }

    // map[string][]byte: base64 strings in JSON, the decoded bytes in C++.
    void bytes_map(const char* key, std::map<std::string, std::string>& out) const {
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

    // metav1.Time (micro = false) or metav1.MicroTime (micro = true).
    void time(const char* key, std::optional<api::time>& out, bool micro = false) const {
        const json* v = raw(key);
        if (!v) return;
        // Time.UnmarshalJSON decodes a string first; the type error gets this field's context.
        if (!v->is_string()) type_error(key, json_word(*v), "string");
        auto r = parse_go_time(v->get_ref<const std::string&>(), micro);
        if (!r.value) fail(st_, r.error);
        out = r.value;
    }

    // resource.Quantity (see quantity_from); null leaves the field unset.
    void quantity(const char* key, std::optional<api::quantity>& out) const {
        if (const json* v = raw(key)) out = as_quantity(*v);
    }
    // v1.ResourceList
    void quantities(const char* key, std::map<std::string, api::quantity>& out) const {
        const json* v = raw(key);
        if (!v) return;
        if (!v->is_object()) type_error(key, json_word(*v), "v1.ResourceList");
        out.clear();
        for (auto it = v->begin(); it != v->end(); ++it) out[it.key()] = as_quantity(*it);
    }

    // intstr.IntOrString: a JSON string, or an int32 (its UnmarshalJSON decodes
    // anything that is not a string as int32, so the error names int32).
    void int_or_string(const char* key, api::int_or_string& out) const {
        auto it = obj_.find(key);
        if (it == obj_.end()) return;
        out = as_int_or_string(key, *it);
    }
    void opt_int_or_string(const char* key, std::optional<api::int_or_string>& out) const {
        if (const json* v = raw(key)) out = as_int_or_string(key, *v);
    }

    // The object at `key` if it is one; nullptr if absent or null; a type error
    // naming `go_type` otherwise.
    [[nodiscard]] const json* object_field(const char* key, std::string_view go_type) const {
        const json* v = raw(key);
        if (v && !v->is_object()) type_error(key, json_word(*v), go_type);
        return v;
    }
    [[nodiscard]] const json* array_field(const char* key, std::string_view elem_type) const {
        const json* v = raw(key);
        if (v && !v->is_array()) type_error(key, json_word(*v), "[]" + std::string(elem_type));
        return v;
    }

    [[nodiscard]] std::string as_string(const char* key, const json& v, std::string_view go_type) const {
        if (!v.is_string()) type_error(key, json_word(v), go_type);
        return v.get<std::string>();
    }
    [[nodiscard]] bool as_bool(const char* key, const json& v) const {
        if (!v.is_boolean()) type_error(key, json_word(v), "bool");
        return v.get<bool>();
    }
    [[nodiscard]] std::int32_t as_i32(const char* key, const json& v, std::string_view go_type) const {
        if (!v.is_number()) type_error(key, json_word(v), go_type);
        std::int64_t n = 0;
        if (!integer_in(v, std::numeric_limits<std::int32_t>::min(), std::numeric_limits<std::int32_t>::max(), n))
            type_error(key, "number " + number_literal(v), go_type);
        return static_cast<std::int32_t>(n);
    }
    [[nodiscard]] std::int64_t as_i64(const char* key, const json& v) const {
        if (!v.is_number()) type_error(key, json_word(v), "int64");
        std::int64_t n = 0;
        if (!integer_in(v, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), n))
            type_error(key, "number " + number_literal(v), "int64");
        return n;
    }
    [[nodiscard]] api::quantity as_quantity(const json& v) const { return quantity_from(v, st_); }
    [[nodiscard]] api::int_or_string as_int_or_string(const char* key, const json& v) const {
        if (v.is_string()) return api::int_or_string{true, 0, v.get<std::string>()};
        if (v.is_null()) return api::int_or_string{};
        return api::int_or_string{false, as_i32(key, v, "int32"), {}};
    }

    // Nested structs. `go_type` is the Go type of the field ("v1.Probe"); the
    // element readers find `read(reader&, T&)` by argument-dependent lookup.
    template <class T>
    void object(const char* key, T& out, std::string_view go_type) const {
        if (const json* v = object_field(key, go_type)) descend(key, *v, go_type, out);
    }
    template <class T>
    void object(const char* key, std::optional<T>& out, std::string_view go_type) const {
        if (const json* v = object_field(key, go_type)) descend(key, *v, go_type, out.emplace());
    }
    template <class T>
    void object(const char* key, box<T>& out, std::string_view go_type) const {
        if (const json* v = object_field(key, go_type)) descend(key, *v, go_type, out.emplace());
    }
    // A copy-on-write slice of structs: decoded as a slice, then adopted.
    template <class T>
    void list(const char* key, cow_vector<T>& out, std::string_view elem_type) const {
        std::vector<T> v;
        list(key, v, elem_type);
        out = cow_vector<T>(std::move(v));
    }
    // A slice of structs; null elements are zero values.
    template <class T>
    void list(const char* key, std::vector<T>& out, std::string_view elem_type) const {
        const json* v = array_field(key, elem_type);
        if (!v) return;
        out.clear();
        out.reserve(v->size());
        for (const json& e : *v) {
            T& x = out.emplace_back();
            if (e.is_null()) continue;
            if (!e.is_object()) type_error(key, json_word(e), elem_type);
            descend(key, e, elem_type, x);
        }
    }

private:
    friend class child_reader;
    template <class T>
    void descend(const char* key, const json& v, std::string_view go_type, T& out) const;

    const json& obj_;
    decode_state& st_;
    std::string_view struct_;
};

// A reader for the nested object at `key`; the path grows while it lives.
class child_reader {
public:
    child_reader(const reader& parent, const char* key, const json& obj, std::string_view go_type)
        : st_(parent.st_), len_(st_.path.size()), r_(obj, st_, go_struct_name(go_type)) {
        if (!st_.path.empty()) st_.path += '.';
        st_.path += key;
    }
    child_reader(const child_reader&) = delete;
    child_reader& operator=(const child_reader&) = delete;
    ~child_reader() { st_.path.resize(len_); }
    [[nodiscard]] const reader& get() const noexcept { return r_; }

private:
    decode_state& st_;
    std::size_t len_;
    reader r_;
};

template <class T>
void reader::descend(const char* key, const json& v, std::string_view go_type, T& out) const {
    child_reader c(*this, key, v, go_type);
    read(c.get(), out);
}

// Decodes a whole value of a sub-struct type (from_json on a container, a probe ...):
// no kind prefix, the path starts at this value.
template <class T>
void decode_struct(const json& j, T& out, std::string_view go_type) {
    out = T{};
    if (j.is_null()) return;
    decode_state st;
    if (!j.is_object())
        fail(st, "json: cannot unmarshal " + std::string(json_word(j)) + " into Go value of type " + std::string(go_type));
    reader r(j, st, go_struct_name(go_type));
    read(r, out);
}

// What the API server says before it has a typed object: the body is not a JSON
// object, or apiVersion / kind are not strings (serializer/json SimpleMetaFactory
// and handlers/rest.go transformDecodeError).
[[nodiscard]] inline std::string summarize(const json& j) {
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

// Sets up the decode of a top-level kind: checks the envelope and returns the
// prefix "<Kind> in version "<version>" cannot be handled as a <Kind>: ".
[[nodiscard]] inline decode_state kind_state(const json& j, std::string_view kind, std::string_view api_version) {
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

// Decodes a top-level kind (Kind::kind, Kind::api_version); fields are read by
// read(reader&, Kind&). Without the prefix the message is the bare decoder error,
// as the API server reports it inside a patch ("patch: Invalid value: ...").
template <class Kind>
void decode_kind(const json& j, Kind& out, bool with_prefix = true) {
    out = Kind{};
    if (j.is_null()) return;
    decode_state st = kind_state(j, Kind::kind, Kind::api_version);
    if (!with_prefix) st.prefix.clear();
    reader r(j, st, Kind::kind);
    read(r, out);
}

// ---------------------------------------------------------------------------
// Encoding: encoding/json's omitempty drops "", 0, false, nil and empty maps and
// slices; a struct (and metav1.Time, which prints null when zero) is never
// omitted. The put_* helpers are named for that behaviour.

inline void put_str(json& j, const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
}
inline void put_str_always(json& j, const char* key, const std::string& v) { j[key] = v; }
inline void put_opt_str(json& j, const char* key, const std::optional<std::string>& v) {
    if (v) j[key] = *v;
}
inline void put_bool(json& j, const char* key, bool v) {
    if (v) j[key] = true;
}
inline void put_opt_bool(json& j, const char* key, const std::optional<bool>& v) {
    if (v) j[key] = *v;
}
inline void put_i32(json& j, const char* key, std::int32_t v) {
    if (v != 0) j[key] = v;
}
inline void put_i32_always(json& j, const char* key, std::int32_t v) { j[key] = v; }
inline void put_opt_i32(json& j, const char* key, const std::optional<std::int32_t>& v) {
    if (v) j[key] = *v;
}
inline void put_i64(json& j, const char* key, std::int64_t v) {
    if (v != 0) j[key] = v;
}
inline void put_i64_always(json& j, const char* key, std::int64_t v) { j[key] = v; }
inline void put_opt_i64(json& j, const char* key, const std::optional<std::int64_t>& v) {
    if (v) j[key] = *v;
}
inline void put_strings(json& j, const char* key, const std::vector<std::string>& v) {
    if (!v.empty()) j[key] = v;
}
// A slice without omitempty: null when empty (Go's nil slice).
inline void put_strings_always(json& j, const char* key, const std::vector<std::string>& v) {
    if (v.empty())
        j[key] = nullptr;
    else
        j[key] = v;
}
inline void put_string_map(json& j, const char* key, const std::map<std::string, std::string>& v) {
    if (!v.empty()) j[key] = v;
}
inline void put_bytes_map(json& j, const char* key, const std::map<std::string, std::string>& v) {
    if (v.empty()) return;
    json& m = j[key] = json::object();
    for (const auto& [k, bytes] : v) m[k] = base64_encode(bytes);
}
// metav1.Time (a struct): always present, null when unset.
inline void put_time(json& j, const char* key, const std::optional<api::time>& t) {
    if (t)
        j[key] = sim::to_rfc3339(*t);
    else
        j[key] = nullptr;
}
// *metav1.Time with omitempty: absent when unset.
inline void put_time_ptr(json& j, const char* key, const std::optional<api::time>& t) {
    if (t) j[key] = sim::to_rfc3339(*t);
}
// metav1.MicroTime (a struct): always present, null when unset.
inline void put_micro_time(json& j, const char* key, const std::optional<api::time>& t) {
    if (t)
        j[key] = sim::to_rfc3339_micro(*t);
    else
        j[key] = nullptr;
}
inline void put_quantities(json& j, const char* key, const std::map<std::string, api::quantity>& v) {
    if (v.empty()) return;
    json& m = j[key] = json::object();
    for (const auto& [k, q] : v) m[k] = q.to_string();
}
inline json int_or_string_json(const api::int_or_string& v) {
    if (v.is_string) return v.str_val;
    return v.int_val;
}

// A slice of structs with omitempty; to_json for the element is found by ADL.
template <class T>
void put_list(json& j, const char* key, const std::vector<T>& v) {
    if (v.empty()) return;
    json& a = j[key] = json::array();
    for (const T& e : v) to_json(a.emplace_back(), e);
}
template <class T>
void put_list(json& j, const char* key, const cow_vector<T>& v) {
    put_list(j, key, v.vec());
}
// ... and without omitempty: null when empty.
template <class T>
void put_list_always(json& j, const char* key, const std::vector<T>& v) {
    if (v.empty()) {
        j[key] = nullptr;
        return;
    }
    put_list(j, key, v);
}
template <class T>
void put_list_always(json& j, const char* key, const cow_vector<T>& v) {
    put_list_always(j, key, v.vec());
}

// The opening of every kind's JSON: apiVersion and kind first, then metadata.
template <class Kind>
void put_object_header(json& j, const Kind& x) {
    j = json::object();
    j["apiVersion"] = Kind::api_version;
    j["kind"] = Kind::kind;
    to_json(j["metadata"], x.metadata);
}
// A kind made of metadata, spec and status.
template <class Kind>
void put_spec_status_object(json& j, const Kind& x) {
    put_object_header(j, x);
    to_json(j["spec"], x.spec);
    to_json(j["status"], x.status);
}

}  // namespace kubesim::api::json::detail
