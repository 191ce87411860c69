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
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/box.hpp>
#include <kubesim/api/cow_vector.hpp>
#include <kubesim/api/int_or_string.hpp>
#include <kubesim/api/meta.hpp>
#include <kubesim/api/quantity.hpp>
#include <kubesim/config.hpp>

namespace kubesim::api::json::detail {

using json = nlohmann::json;

// ---------------------------------------------------------------------------
// UTF-8 (api/utf8.hpp): a document built in C++ may hold strings that are not
// UTF-8; encoding/json decodes each stray byte as U+FFFD, and so do the
// decoders here, so that nothing after them (dump(), the store, a browser)
// sees invalid UTF-8.

// True when every string and object key in `j` is valid UTF-8.
[[nodiscard]] KUBESIM_DECL bool valid_utf8(const json& j);

// Replaces what is not UTF-8 in every string and key of `j` by U+FFFD. Two
// keys that become the same keep the value of the later one in key order.
KUBESIM_DECL void make_valid_utf8(json& j);

// `j` itself when it is valid UTF-8 (the usual case: one walk, no copy), else
// a repaired copy kept in `scratch`.
[[nodiscard]] KUBESIM_DECL const json& with_valid_utf8(const json& j, json& scratch);

// ---------------------------------------------------------------------------
// Decoding

// Shared by all readers of one decode: the message prefix of the root kind and
// the dotted JSON path of the object being read (no indexes, as Go prints it).
struct decode_state {
    std::string prefix{};
    std::string path{};
};

[[noreturn]] KUBESIM_DECL void fail(const decode_state& st, const std::string& message);

// The word encoding/json uses for a JSON value in UnmarshalTypeError.
[[nodiscard]] KUBESIM_DECL std::string_view json_word(const json& v);

// The struct name in a Go type name: "v1.Container" -> "Container".
[[nodiscard]] KUBESIM_DECL std::string_view go_struct_name(std::string_view go_type);

// A JSON number that strconv.ParseInt accepts and that lies in [lo, hi]
// (1.5, 2.0 and 3000000000 are not int32s).
[[nodiscard]] KUBESIM_DECL bool integer_in(const json& v, std::int64_t lo, std::int64_t hi, std::int64_t& out);

// The number as Go echoes its literal in "cannot unmarshal number 1.5 into ...".
[[nodiscard]] KUBESIM_DECL std::string number_literal(const json& v);

// resource.Quantity from JSON: Quantity.UnmarshalJSON parses the raw text (a
// string's content, trimmed, or a bare number); null is zero; anything else
// fails ParseQuantity with upstream's message and no field context.
[[nodiscard]] KUBESIM_DECL api::quantity quantity_from(const json& v, const decode_state& st);

// One JSON object decoded as one Go struct. The typed helpers read a field by
// its JSON key; absent and null leave the C++ default in place (Go leaves a
// value untouched on null and sets pointers, maps and slices to nil).
class reader {
public:
    reader(const json& obj, decode_state& st, std::string_view go_struct) : obj_(obj), st_(st), struct_(go_struct) {}

    // The field's value, or nullptr when absent or null.
    [[nodiscard]] KUBESIM_DECL const json* raw(const char* key) const;

    // "json: cannot unmarshal <what> into Go struct field <Struct>.<path>.<key> of type <go_type>"
    [[noreturn]] KUBESIM_DECL void type_error(const char* key, std::string_view what, std::string_view go_type) const;

    KUBESIM_DECL void str(const char* key, std::string& out, std::string_view go_type = "string") const;
    KUBESIM_DECL void opt_str(const char* key, std::optional<std::string>& out,
                              std::string_view go_type = "string") const;
    KUBESIM_DECL void boolean(const char* key, bool& out) const;
    KUBESIM_DECL void opt_bool(const char* key, std::optional<bool>& out) const;
    KUBESIM_DECL void i32(const char* key, std::int32_t& out) const;
    KUBESIM_DECL void opt_i32(const char* key, std::optional<std::int32_t>& out) const;
    KUBESIM_DECL void i64(const char* key, std::int64_t& out) const;
    KUBESIM_DECL void opt_i64(const char* key, std::optional<std::int64_t>& out) const;

    // []string and named string slices ("[]v1.FinalizerName"); null elements are "".
    KUBESIM_DECL void strings(const char* key, std::vector<std::string>& out,
                              std::string_view go_type = "[]string") const;

    // map[string]string; a null value is "".
    KUBESIM_DECL void string_map(const char* key, std::map<std::string, std::string>& out) const;

    // map[string][]byte: base64 strings in JSON, the decoded bytes in C++.
    KUBESIM_DECL void bytes_map(const char* key, std::map<std::string, std::string>& out) const;

    // metav1.Time (micro = false) or metav1.MicroTime (micro = true).
    KUBESIM_DECL void time(const char* key, std::optional<api::time>& out, bool micro = false) const;

    // resource.Quantity (see quantity_from); null leaves the field unset.
    KUBESIM_DECL void quantity(const char* key, std::optional<api::quantity>& out) const;
    // v1.ResourceList
    KUBESIM_DECL void quantities(const char* key, std::map<std::string, api::quantity>& out) const;

    // intstr.IntOrString: a JSON string, or an int32 (its UnmarshalJSON decodes
    // anything that is not a string as int32, so the error names int32).
    KUBESIM_DECL void int_or_string(const char* key, api::int_or_string& out) const;
    KUBESIM_DECL void opt_int_or_string(const char* key, std::optional<api::int_or_string>& out) const;

    // The object at `key` if it is one; nullptr if absent or null; a type error
    // naming `go_type` otherwise.
    [[nodiscard]] KUBESIM_DECL const json* object_field(const char* key, std::string_view go_type) const;
    [[nodiscard]] KUBESIM_DECL const json* array_field(const char* key, std::string_view elem_type) const;

    [[nodiscard]] KUBESIM_DECL std::string as_string(const char* key, const json& v, std::string_view go_type) const;
    [[nodiscard]] KUBESIM_DECL bool as_bool(const char* key, const json& v) const;
    [[nodiscard]] KUBESIM_DECL std::int32_t as_i32(const char* key, const json& v, std::string_view go_type) const;
    [[nodiscard]] KUBESIM_DECL std::int64_t as_i64(const char* key, const json& v) const;
    [[nodiscard]] api::quantity as_quantity(const json& v) const { return quantity_from(v, st_); }
    [[nodiscard]] KUBESIM_DECL api::int_or_string as_int_or_string(const char* key, const json& v) const;

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
    KUBESIM_DECL child_reader(const reader& parent, const char* key, const json& obj, std::string_view go_type);
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
void decode_struct(const json& whole, T& out, std::string_view go_type) {
    out = T{};
    if (whole.is_null()) return;
    json scratch;
    const json& j = with_valid_utf8(whole, scratch);
    decode_state st;
    if (!j.is_object())
        fail(st, "json: cannot unmarshal " + std::string(json_word(j)) + " into Go value of type " + std::string(go_type));
    reader r(j, st, go_struct_name(go_type));
    read(r, out);
}

// What the API server says before it has a typed object: the body is not a JSON
// object, or apiVersion / kind are not strings (serializer/json SimpleMetaFactory
// and handlers/rest.go transformDecodeError).
[[nodiscard]] KUBESIM_DECL std::string summarize(const json& j);

// Sets up the decode of a top-level kind: checks the envelope and returns the
// prefix "<Kind> in version "<version>" cannot be handled as a <Kind>: ".
[[nodiscard]] KUBESIM_DECL decode_state kind_state(const json& j, std::string_view kind, std::string_view api_version);

// Decodes a top-level kind (Kind::kind, Kind::api_version); fields are read by
// read(reader&, Kind&). Without the prefix the message is the bare decoder error,
// as the API server reports it inside a patch ("patch: Invalid value: ...").
template <class Kind>
void decode_kind(const json& whole, Kind& out, bool with_prefix = true) {
    out = Kind{};
    if (whole.is_null()) return;
    json scratch;
    const json& j = with_valid_utf8(whole, scratch);
    decode_state st = kind_state(j, Kind::kind, Kind::api_version);
    if (!with_prefix) st.prefix.clear();
    reader r(j, st, Kind::kind);
    read(r, out);
}

// ---------------------------------------------------------------------------
// Encoding: encoding/json's omitempty drops "", 0, false, nil and empty maps and
// slices; a struct (and metav1.Time, which prints null when zero) is never
// omitted. The put_* helpers are named for that behaviour.

KUBESIM_DECL void put_str(json& j, const char* key, const std::string& v);
inline void put_str_always(json& j, const char* key, const std::string& v) { j[key] = v; }
KUBESIM_DECL void put_opt_str(json& j, const char* key, const std::optional<std::string>& v);
KUBESIM_DECL void put_bool(json& j, const char* key, bool v);
KUBESIM_DECL void put_opt_bool(json& j, const char* key, const std::optional<bool>& v);
KUBESIM_DECL void put_i32(json& j, const char* key, std::int32_t v);
inline void put_i32_always(json& j, const char* key, std::int32_t v) { j[key] = v; }
KUBESIM_DECL void put_opt_i32(json& j, const char* key, const std::optional<std::int32_t>& v);
KUBESIM_DECL void put_i64(json& j, const char* key, std::int64_t v);
inline void put_i64_always(json& j, const char* key, std::int64_t v) { j[key] = v; }
KUBESIM_DECL void put_opt_i64(json& j, const char* key, const std::optional<std::int64_t>& v);
KUBESIM_DECL void put_strings(json& j, const char* key, const std::vector<std::string>& v);
// A slice without omitempty: null when empty (Go's nil slice).
KUBESIM_DECL void put_strings_always(json& j, const char* key, const std::vector<std::string>& v);
KUBESIM_DECL void put_string_map(json& j, const char* key, const std::map<std::string, std::string>& v);
KUBESIM_DECL void put_bytes_map(json& j, const char* key, const std::map<std::string, std::string>& v);
// metav1.Time (a struct): always present, null when unset.
KUBESIM_DECL void put_time(json& j, const char* key, const std::optional<api::time>& t);
// *metav1.Time with omitempty: absent when unset.
KUBESIM_DECL void put_time_ptr(json& j, const char* key, const std::optional<api::time>& t);
// metav1.MicroTime (a struct): always present, null when unset.
KUBESIM_DECL void put_micro_time(json& j, const char* key, const std::optional<api::time>& t);
KUBESIM_DECL void put_quantities(json& j, const char* key, const std::map<std::string, api::quantity>& v);
KUBESIM_DECL json int_or_string_json(const api::int_or_string& v);

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

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/api/json/detail/io.ipp>
#endif
