// Compact storage form of a kind (the apiserver's serialized storage, as etcd
// holds objects). Upstream serves Events without a watch cache: they are read
// from etcd and decoded per request. The store does the same for kinds whose
// kind_ops have encode/decode: the object is kept as one byte string (about a
// third of the decoded struct with its strings), decoded on every read, and
// only the recent writes in the watch history stay decoded.
//
// Format: one field list per type (visit), walked by a writer and a reader, so
// the two cannot disagree. Counts are LEB128; integers are zigzag LEB128;
// optionals have a presence byte. The object's namespace and name come first,
// as plain strings, so the store's key can view them in place (key_of).
//
// A string is a LEB128 header, (n << 2) | form:
//   0  plain: n bytes follow. Later strings may refer to it.
//   1  a copy of string n: the words (below), then the plain strings so far.
//   2  string n's first k bytes (k follows), then a plain suffix.
//   3  a UUID in its canonical 36-character form, as 16 bytes.
// The words are strings Events repeat (kinds, reasons, components, the start of
// common messages). An Event names its object twice, its source twice and
// carries two UUIDs, so this keeps it at about half its plain size.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/api/core/event.hpp>
#include <kubesim/api/meta.hpp>

namespace kubesim::store::compact {

// The encoder's per-character helpers stay inline: writer::string runs them on
// every string of every Event.
namespace detail {
[[nodiscard]] inline int hex_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}
// xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, lowercase hexadecimal.
[[nodiscard]] inline bool is_uuid(std::string_view s) noexcept {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : hex_value(s[i]) < 0) return false;
    }
    return true;
}
}  // namespace detail

class writer {
public:
    void uvarint(std::uint64_t v) {
        while (v >= 0x80) {
            out_.push_back(static_cast<char>((v & 0x7f) | 0x80));
            v >>= 7;
        }
        out_.push_back(static_cast<char>(v));
    }
    void operator()(std::int64_t v) {
        uvarint((static_cast<std::uint64_t>(v) << 1) ^ static_cast<std::uint64_t>(v >> 63));
    }
    void operator()(std::int32_t v) { (*this)(static_cast<std::int64_t>(v)); }
    void operator()(bool v) { out_.push_back(v ? '\1' : '\0'); }
    void operator()(const std::string& s) { string(s); }
    void operator()(const api::time& t) { (*this)(static_cast<std::int64_t>(t.time_since_epoch().count())); }
    template <class T>
    void operator()(const std::optional<T>& o) {
        (*this)(o.has_value());
        if (o) (*this)(*o);
    }
    template <class Seq>
        requires requires(const Seq& s) { s.begin(); s.size(); typename Seq::value_type; }
    void operator()(const Seq& seq) {
        uvarint(seq.size());
        for (const auto& v : seq) (*this)(v);
    }
    template <class K, class V>
    void operator()(const std::pair<const K, V>& kv) {
        (*this)(kv.first);
        (*this)(kv.second);
    }
    template <class T>
        requires requires(writer& w, const T& t) { visit(w, t); }
    void operator()(const T& v) {
        visit(*this, v);
    }

    // The bytes written, in an allocation of exactly their size.
    [[nodiscard]] std::string take() const { return std::string(out_); }

private:
    KUBESIM_DECL void string(std::string_view s);
    void copy(std::size_t i) { uvarint((static_cast<std::uint64_t>(i) << 2) | 1); }
    void plain(std::string_view s) {
        uvarint(static_cast<std::uint64_t>(s.size()) << 2);
        out_.append(s);
        if (!s.empty()) plain_.push_back(s);
    }

    std::string out_{};
    std::size_t strings_{0};
    std::vector<std::string_view> plain_{};  // the plain strings so far (views of the object being written)
};

class reader {
public:
    explicit reader(std::string_view in) : in_(in) {}

    std::uint64_t uvarint() {
        std::uint64_t v = 0;
        for (int shift = 0; pos_ < in_.size() && shift < 64; shift += 7) {
            const auto b = static_cast<unsigned char>(in_[pos_++]);
            v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
            if (!(b & 0x80)) break;
        }
        return v;
    }
    std::string_view bytes() { return bytes(static_cast<std::size_t>(uvarint())); }
    // A string the writer wrote plain (the key's two).
    std::string_view plain() { return bytes(static_cast<std::size_t>(uvarint() >> 2)); }
    // Any string, in the writer's forms.
    KUBESIM_DECL void string(std::string& out);
    void operator()(std::int64_t& v) {
        const auto u = uvarint();
        v = static_cast<std::int64_t>(u >> 1) ^ -static_cast<std::int64_t>(u & 1);
    }
    void operator()(std::int32_t& v) {
        std::int64_t w = 0;
        (*this)(w);
        v = static_cast<std::int32_t>(w);
    }
    void operator()(bool& v) { v = pos_ < in_.size() && in_[pos_++] != '\0'; }
    void operator()(std::string& s) { string(s); }
    void operator()(api::time& t) {
        std::int64_t c = 0;
        (*this)(c);
        t = api::time(api::time::duration(c));
    }
    template <class T>
    void operator()(std::optional<T>& o) {
        bool has = false;
        (*this)(has);
        if (!has) {
            o.reset();
            return;
        }
        (*this)(o.emplace());
    }
    template <class T>
    void operator()(std::vector<T>& seq) {
        const auto n = uvarint();
        seq.clear();
        seq.reserve(static_cast<std::size_t>(n));
        for (std::uint64_t i = 0; i < n; ++i) (*this)(seq.emplace_back());
    }
    template <class T>
    void operator()(api::cow_vector<T>& seq) {
        const auto n = uvarint();
        seq.clear();
        for (std::uint64_t i = 0; i < n; ++i) (*this)(seq.emplace_back());
    }
    void operator()(std::map<std::string, std::string>& m) {
        const auto n = uvarint();
        m.clear();
        for (std::uint64_t i = 0; i < n; ++i) {
            std::string k, v;
            string(k);
            string(v);
            m.emplace_hint(m.end(), std::move(k), std::move(v));
        }
    }
    template <class T>
        requires requires(reader& r, T& t) { visit(r, t); }
    void operator()(T& v) {
        visit(*this, v);
    }

private:
    std::string_view bytes(std::size_t n) {
        const auto s = in_.substr(std::min(pos_, in_.size()), n);
        pos_ += s.size();
        return s;
    }
    KUBESIM_DECL std::string_view ref(std::size_t i) const;

    std::string_view in_;
    std::size_t pos_{0};
    std::vector<std::string_view> plain_{};  // the plain strings read so far (views of the input)
};

// The field lists. M is T or const T: the writer reads, the reader fills.
template <class Ar, class M>
    requires std::is_same_v<std::remove_const_t<M>, api::owner_reference>
void visit(Ar& ar, M& o) {
    ar(o.api_version), ar(o.kind), ar(o.name), ar(o.uid), ar(o.controller), ar(o.block_owner_deletion);
}

template <class Ar, class M>
    requires std::is_same_v<std::remove_const_t<M>, api::managed_fields_entry>
void visit(Ar& ar, M& e) {
    ar(e.manager), ar(e.operation), ar(e.api_version), ar(e.time), ar(e.fields_type), ar(e.fields_v1);
    ar(e.subresource);
}

template <class Ar, class M>
    requires std::is_same_v<std::remove_const_t<M>, api::object_meta>
void visit(Ar& ar, M& m) {
    ar(m.namespace_), ar(m.name);  // first: the store's key views them (key_of)
    ar(m.generate_name), ar(m.uid), ar(m.resource_version), ar(m.generation), ar(m.creation_timestamp);
    ar(m.deletion_timestamp), ar(m.deletion_grace_period_seconds), ar(m.labels), ar(m.annotations);
    ar(m.owner_references), ar(m.finalizers), ar(m.managed_fields);
}

template <class Ar, class M>
    requires std::is_same_v<std::remove_const_t<M>, api::object_reference>
void visit(Ar& ar, M& r) {
    ar(r.kind), ar(r.namespace_), ar(r.name), ar(r.uid), ar(r.api_version), ar(r.resource_version), ar(r.field_path);
}

template <class Ar, class M>
    requires std::is_same_v<std::remove_const_t<M>, api::event_source>
void visit(Ar& ar, M& s) {
    ar(s.component), ar(s.host);
}

template <class Ar, class M>
    requires std::is_same_v<std::remove_const_t<M>, api::event_series>
void visit(Ar& ar, M& s) {
    ar(s.count), ar(s.last_observed_time);
}

template <class Ar, class M>
    requires std::is_same_v<std::remove_const_t<M>, api::event>
void visit(Ar& ar, M& e) {
    ar(e.metadata), ar(e.involved_object), ar(e.reason), ar(e.message), ar(e.source), ar(e.first_timestamp);
    ar(e.last_timestamp), ar(e.count), ar(e.type), ar(e.event_time), ar(e.series), ar(e.action), ar(e.related);
    ar(e.reporting_component), ar(e.reporting_instance);
}

template <class Kind>
[[nodiscard]] std::string encode(const Kind& k) {
    writer w;
    w(k);
    return w.take();
}

template <class Kind>
[[nodiscard]] std::shared_ptr<Kind> decode(std::string_view bytes) {
    auto k = std::make_shared<Kind>();
    reader r(bytes);
    r(*k);
    return k;
}

// The namespace and name at the front of an encoded object.
struct key {
    std::string_view namespace_;
    std::string_view name;
};
[[nodiscard]] KUBESIM_DECL key key_of(std::string_view bytes);

}  // namespace kubesim::store::compact

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/compact.ipp>
#endif
