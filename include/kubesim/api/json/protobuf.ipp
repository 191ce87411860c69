// Definitions of api/json/protobuf.hpp. The reading follows gogo-protobuf's
// generated Unmarshal code, which kube-apiserver runs: the same bounds checks in
// the same order and the same error words ("unexpected EOF", "proto: integer
// overflow", "proto: wrong wireType = 0 for field Name", ...), so a malformed body
// is refused with the message the apiserver gives.
#pragma once

#include <kubesim/api/json/protobuf.hpp>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include <nlohmann/json.hpp>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/json/detail/base64.hpp>
#include <kubesim/api/json/detail/protobuf_messages.hpp>
#include <kubesim/api/quantity.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::api::json::detail {

namespace pb = protobuf;

// An Unmarshal error, in gogo-protobuf's words; caught in decode_protobuf.
struct protobuf_error {
    std::string message;
};

[[noreturn]] KUBESIM_DECL void pb_fail(std::string message) { throw protobuf_error{std::move(message)}; }
[[noreturn]] KUBESIM_DECL void pb_eof() { pb_fail("unexpected EOF"); }
[[noreturn]] KUBESIM_DECL void pb_invalid_length() { pb_fail("proto: negative length found during unmarshaling"); }

// A varint at d[i], read as Go does: at most 64 bits of shift, the bits past
// them dropped.
KUBESIM_DECL std::uint64_t pb_varint(std::string_view d, std::size_t& i) {
    std::uint64_t v = 0;
    for (unsigned shift = 0;; shift += 7) {
        if (shift >= 64) pb_fail("proto: integer overflow");
        if (i >= d.size()) pb_eof();
        const auto b = static_cast<unsigned char>(d[i++]);
        v |= static_cast<std::uint64_t>(b & 0x7f) << shift;
        if (b < 0x80) return v;
    }
}

// A length as Go's int: a length of 2^63 or more is negative there.
KUBESIM_DECL std::uint64_t pb_length(std::string_view d, std::size_t& i) {
    const std::uint64_t n = pb_varint(d, i);
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    if (n > max || n > max - i) pb_invalid_length();  // negative, or the end index overflows
    return n;
}

// A length-delimited value (string, bytes, message) at d[i].
KUBESIM_DECL std::string_view pb_delimited(std::string_view d, std::size_t& i) {
    const std::uint64_t n = pb_length(d, i);
    if (i + n > d.size()) pb_eof();
    const auto out = d.substr(i, static_cast<std::size_t>(n));
    i += static_cast<std::size_t>(n);
    return out;
}

// skipGenerated: steps over the field at d[i] (groups included), whatever its
// number; `i` ends past it, which may be past d's end (the caller checks).
KUBESIM_DECL void pb_skip(std::string_view d, std::size_t& i) {
    constexpr auto max = static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());
    std::uint64_t j = i;
    int depth = 0;
    while (j < d.size()) {
        auto at = static_cast<std::size_t>(j);
        const std::uint64_t wire = pb_varint(d, at);
        j = at;
        switch (wire & 7) {
            case 0:
                for (unsigned shift = 0;; shift += 7) {
                    if (shift >= 64) pb_fail("proto: integer overflow");
                    if (j >= d.size()) pb_eof();
                    if (static_cast<unsigned char>(d[static_cast<std::size_t>(j++)]) < 0x80) break;
                }
                break;
            case 1: j += 8; break;
            case 2: {
                at = static_cast<std::size_t>(j);
                const std::uint64_t n = pb_varint(d, at);
                j = at;
                if (n > max) pb_invalid_length();
                j += n;
                break;
            }
            case 3: ++depth; break;
            case 4:
                if (depth == 0) pb_fail("proto: unexpected end of group");
                --depth;
                break;
            case 5: j += 4; break;
            default: pb_fail("proto: illegal wireType " + std::to_string(wire & 7));
        }
        if (j > max) pb_invalid_length();
        if (depth == 0) {
            if (j > d.size()) pb_eof();
            i = static_cast<std::size_t>(j);
            return;
        }
    }
    pb_eof();
}

KUBESIM_DECL std::string pb_go_name(const pb::field& f) {
    if (f.go) return f.go;
    std::string s = f.json;
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

// Walks the fields of message `m` in `d`: unknown numbers are skipped, a known
// one with the wrong wire type is an error, and `on_field(field, d, i)` reads
// the value of the others from d[i].
template <class OnField>
void pb_each_field(std::string_view d, const pb::message& m, OnField&& on_field) {
    std::size_t i = 0;
    while (i < d.size()) {
        const std::size_t pre = i;
        const std::uint64_t wire = pb_varint(d, i);
        const auto number = static_cast<std::int32_t>(static_cast<std::uint32_t>(wire >> 3));
        const auto wire_type = static_cast<int>(wire & 7);
        if (wire_type == 4) pb_fail("proto: " + std::string(m.go) + ": wiretype end group for non-group");
        if (number <= 0)
            pb_fail("proto: " + std::string(m.go) + ": illegal tag " + std::to_string(number) + " (wire type " +
                    std::to_string(wire) + ")");
        const pb::field* f = nullptr;
        for (std::size_t k = 0; k < m.size && !f; ++k)
            if (m.fields[k].number == static_cast<std::uint32_t>(number)) f = &m.fields[k];
        if (!f) {
            i = pre;
            pb_skip(d, i);
            continue;
        }
        const bool varint = f->type == pb::t::int32 || f->type == pb::t::int64 || f->type == pb::t::boolean;
        if (wire_type != (varint ? 0 : 2))
            pb_fail("proto: wrong wireType = " + std::to_string(wire_type) + " for field " + pb_go_name(*f));
        on_field(*f, d, i);
    }
}

// The length of the well-formed UTF-8 sequence at s[i], or 0.
KUBESIM_DECL std::size_t pb_utf8_sequence(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) return 1;
    std::size_t n = 0;
    unsigned lo = 0x80, hi = 0xbf;  // the second byte's range (no overlongs, surrogates or > U+10FFFF)
    if (c >= 0xc2 && c <= 0xdf) {
        n = 2;
    } else if (c >= 0xe0 && c <= 0xef) {
        n = 3;
        if (c == 0xe0) lo = 0xa0;
        if (c == 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
        n = 4;
        if (c == 0xf0) lo = 0x90;
        if (c == 0xf4) hi = 0x8f;
    } else {
        return 0;
    }
    if (i + n > s.size()) return 0;
    const auto c1 = static_cast<unsigned char>(s[i + 1]);
    if (c1 < lo || c1 > hi) return 0;
    for (std::size_t k = 2; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) & 0xc0) != 0x80) return 0;
    return n;
}

// A protobuf string is any bytes; encoding/json writes each byte that does not
// start a well-formed UTF-8 sequence as U+FFFD.
KUBESIM_DECL std::string pb_utf8(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t n = pb_utf8_sequence(s, i);
        if (n == 0) {
            out += "\xef\xbf\xbd";
            ++i;
        } else {
            out.append(s.substr(i, n));
            i += n;
        }
    }
    return out;
}

// Go's AppendFormat of a year: at least 4 digits, a '-' before negative ones.
KUBESIM_DECL std::string pb_year(std::int64_t y) {
    const bool negative = y < 0;
    std::string digits = std::to_string(negative ? -static_cast<std::uint64_t>(y) : static_cast<std::uint64_t>(y));
    if (digits.size() < 4) digits.insert(0, 4 - digits.size(), '0');
    return negative ? "-" + digits : digits;
}

// metav1.Time (seconds only: the apiserver drops the nanos) or metav1.MicroTime
// (nanos cut to microseconds) from its Timestamp message; null for Go's zero
// time, which an empty message is.
KUBESIM_DECL nlohmann::json pb_time(std::string_view d, bool micro) {
    if (d.empty()) return nullptr;
    std::int64_t seconds = 0;
    std::int32_t nanos = 0;
    pb_each_field(d, pb::timestamp, [&](const pb::field& f, std::string_view s, std::size_t& i) {
        const std::uint64_t v = pb_varint(s, i);
        if (f.number == 1) seconds = static_cast<std::int64_t>(v);
        else nanos = static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    });
    std::int64_t micros = micro ? nanos / 1000 : 0;  // toward zero, as Duration.Truncate
    // time.Unix normalises the fraction into [0, 1s).
    if (micros < 0 && seconds > std::numeric_limits<std::int64_t>::min() + 3) {
        const std::int64_t borrow = (-micros + 999999) / 1000000;
        seconds -= borrow;
        micros += borrow * 1000000;
    } else if (micros >= 1000000 && seconds < std::numeric_limits<std::int64_t>::max() - 3) {
        seconds += micros / 1000000;
        micros %= 1000000;
    }
    constexpr std::int64_t year_one = -62135596800;  // 0001-01-01T00:00:00Z, Go's zero time
    if (seconds == year_one && micros == 0) return nullptr;
    const std::int64_t days = sim::detail::floor_div(seconds, 86400);
    const auto in_day = static_cast<unsigned>(seconds - days * 86400);
    std::int64_t y = 0;
    unsigned mo = 0, da = 0;
    sim::detail::civil_from_days(days, y, mo, da);
    std::string out = pb_year(y) + "-";
    sim::detail::put2(out, mo);
    out += '-';
    sim::detail::put2(out, da);
    out += 'T';
    sim::detail::put2(out, in_day / 3600);
    out += ':';
    sim::detail::put2(out, in_day / 60 % 60);
    out += ':';
    sim::detail::put2(out, in_day % 60);
    if (micro) {
        const std::string frac = std::to_string(micros);
        out += '.';
        out.append(6 - frac.size(), '0');
        out += frac;
    }
    out += 'Z';
    return out;
}

// resource.Quantity: its string, parsed as its Unmarshal parses it ("0" when the
// message is empty).
KUBESIM_DECL nlohmann::json pb_quantity(std::string_view d) {
    std::string text = "0";
    pb_each_field(d, pb::quantity, [&](const pb::field&, std::string_view s, std::size_t& i) {
        text = pb_utf8(pb_delimited(s, i));
        auto q = api::quantity::parse(text);
        if (!q) pb_fail(q.error().message);
    });
    return text;
}

// intstr.IntOrString: type 1 is the string, anything else the number.
KUBESIM_DECL nlohmann::json pb_int_or_string(std::string_view d) {
    std::int64_t type = 0;
    std::int32_t int_val = 0;
    std::string str_val;
    pb_each_field(d, pb::int_or_string, [&](const pb::field& f, std::string_view s, std::size_t& i) {
        if (f.number == 3) {
            str_val = pb_utf8(pb_delimited(s, i));
            return;
        }
        const std::uint64_t v = pb_varint(s, i);
        if (f.number == 1) type = static_cast<std::int64_t>(v);
        else int_val = static_cast<std::int32_t>(static_cast<std::uint32_t>(v));
    });
    if (type == 1) return str_val;
    return int_val;
}

KUBESIM_DECL void pb_decode_message(std::string_view d, const pb::message& m, nlohmann::json& obj);

// Sets a decoded value as encoding/json would write it: appended to a repeated
// field; left out when zero unless the field is a pointer or has no omitempty.
KUBESIM_DECL void pb_put(nlohmann::json& obj, const pb::field& f, nlohmann::json value, bool zero) {
    if (f.flags & pb::rep) {
        obj[f.json].push_back(std::move(value));
    } else if (zero && !(f.flags & (pb::ptr | pb::all))) {
        obj.erase(f.json);
    } else {
        obj[f.json] = std::move(value);
    }
}

// A map field's entry at d[i] ({key = 1, value = 2}), added to obj[f.json]. As
// gogo's code does, the entry's own fields are read without regard to their
// wire type and bounded by the enclosing message, not by the entry.
KUBESIM_DECL void pb_map_entry(const pb::field& f, std::string_view d, std::size_t& i, nlohmann::json& obj) {
    const std::uint64_t n = pb_length(d, i);
    if (i + n > d.size()) pb_eof();
    const auto end = static_cast<std::size_t>(i + n);
    std::string key;
    nlohmann::json value = f.type == pb::t::quantity_map ? "0" : "";
    while (i < end) {
        const std::size_t pre = i;
        const auto number = static_cast<std::int32_t>(static_cast<std::uint32_t>(pb_varint(d, i) >> 3));
        if (number == 1) {
            key = pb_utf8(pb_delimited(d, i));
        } else if (number == 2) {
            const auto v = pb_delimited(d, i);
            if (f.type == pb::t::string_map) value = pb_utf8(v);
            else if (f.type == pb::t::bytes_map) value = base64_encode(v);
            else value = pb_quantity(v);
        } else {
            i = pre;
            pb_skip(d, i);
            if (i > end) pb_eof();
        }
    }
    i = end;
    nlohmann::json& map = obj[f.json];
    if (!map.is_object()) map = nlohmann::json::object();
    map[key] = std::move(value);
}

KUBESIM_DECL void pb_decode_field(const pb::field& f, std::string_view d, std::size_t& i, nlohmann::json& obj) {
    using pb::t;
    switch (f.type) {
        case t::int32: {
            const auto v = static_cast<std::int32_t>(static_cast<std::uint32_t>(pb_varint(d, i)));
            pb_put(obj, f, v, v == 0);
            return;
        }
        case t::int64: {
            const auto v = static_cast<std::int64_t>(pb_varint(d, i));
            pb_put(obj, f, v, v == 0);
            return;
        }
        case t::boolean: {
            const bool v = pb_varint(d, i) != 0;
            pb_put(obj, f, v, !v);
            return;
        }
        case t::string_map:
        case t::bytes_map:
        case t::quantity_map: pb_map_entry(f, d, i, obj); return;
        default: break;
    }
    const std::string_view s = pb_delimited(d, i);
    switch (f.type) {
        case t::string: pb_put(obj, f, pb_utf8(s), s.empty()); return;
        case t::bytes: pb_put(obj, f, base64_encode(s), s.empty()); return;
        case t::message:
            if (f.flags & pb::rep) {
                nlohmann::json item = nlohmann::json::object();
                pb_decode_message(s, *f.sub, item);
                obj[f.json].push_back(std::move(item));
            } else {
                pb_decode_message(s, *f.sub, obj[f.json]);  // a repeated occurrence merges, as in Go
            }
            return;
        case t::embedded: pb_decode_message(s, *f.sub, obj); return;
        case t::quantity: pb_put(obj, f, pb_quantity(s), false); return;
        case t::int_or_string: pb_put(obj, f, pb_int_or_string(s), false); return;
        case t::time:
        case t::micro_time: {
            auto v = pb_time(s, f.type == t::micro_time);
            if (v.is_null() && !(f.flags & pb::rep)) obj.erase(f.json);  // the zero time: null, left out
            else pb_put(obj, f, std::move(v), false);
            return;
        }
        default: return;
    }
}

// What encoding/json writes for a field without omitempty that the wire left out.
KUBESIM_DECL nlohmann::json pb_zero(const pb::field& f) {
    using pb::t;
    switch (f.type) {
        case t::int32:
        case t::int64:
        case t::int_or_string: return 0;
        case t::boolean: return false;
        case t::quantity: return "0";
        case t::message: {
            nlohmann::json obj = nlohmann::json::object();
            pb_decode_message({}, *f.sub, obj);
            return obj;
        }
        default: return "";
    }
}

void pb_decode_message(std::string_view d, const pb::message& m, nlohmann::json& obj) {
    if (!obj.is_object()) obj = nlohmann::json::object();
    pb_each_field(d, m, [&obj](const pb::field& f, std::string_view s, std::size_t& i) {
        pb_decode_field(f, s, i, obj);
    });
    for (std::size_t k = 0; k < m.size; ++k) {
        const auto& f = m.fields[k];
        if (!(f.flags & pb::all) || (f.flags & pb::rep)) continue;
        if (f.type == pb::t::embedded) pb_decode_message({}, *f.sub, obj);
        else if (!obj.contains(f.json)) obj[f.json] = pb_zero(f);
    }
}

// summarizeData: how the apiserver shows a body it could not read, the first 30
// bytes in hex (or as text when it looks like JSON).
KUBESIM_DECL std::string pb_summary(std::string_view body) {
    constexpr std::size_t max = 30;
    if (body.empty()) return "<empty>";
    const auto head = body.substr(0, max);
    const std::string more = body.size() > max ? " ..." : "";
    if (body[0] == '{') return pb_utf8(head) + more;
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (char c : head) {
        out += hex[static_cast<unsigned char>(c) >> 4];
        out += hex[static_cast<unsigned char>(c) & 15];
    }
    return out + more;
}

}  // namespace kubesim::api::json::detail

namespace kubesim::api::json {

kubesim::result<nlohmann::json> decode_protobuf(std::string_view body, std::string_view into_api_version,
                                                std::string_view into_kind) {
    namespace pb = detail::protobuf;
    // Errors before the envelope names a kind: transformDecodeError's form
    // without one.
    const auto unrecognized = [&](const std::string& why) {
        std::string m = "the object provided is unrecognized";
        if (!into_kind.empty()) m += " (must be of type " + detail::pb_utf8(into_kind) + ")";
        return api::errors::bad_request(m + ": " + why + " (" + detail::pb_summary(body) + ")");
    };
    constexpr std::string_view prefix("k8s\0", 4);
    if (body.empty()) return unrecognized("empty data");
    if (body.size() < prefix.size() || body.substr(0, prefix.size()) != prefix)
        return unrecognized("provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]");
    if (body.size() == prefix.size()) return unrecognized("empty body");

    std::string api_version, kind;
    std::string_view raw;
    try {
        detail::pb_each_field(body.substr(prefix.size()), pb::unknown,
                              [&](const pb::field& f, std::string_view d, std::size_t& i) {
                                  const auto v = detail::pb_delimited(d, i);
                                  if (f.number == 2) raw = v;
                                  if (f.number != 1) return;
                                  detail::pb_each_field(v, pb::type_meta,
                                                        [&](const pb::field& g, std::string_view e, std::size_t& j) {
                                                            (g.number == 1 ? api_version : kind) =
                                                                std::string(detail::pb_delimited(e, j));
                                                        });
                              });
    } catch (const detail::protobuf_error& e) {
        return unrecognized(e.message);
    }

    // The group and version (schema.ParseGroupVersion: "v1", "apps/v1"; more
    // slashes parse as nothing), then the URL's type for what is missing.
    const auto split = [](std::string_view gv, std::string& group, std::string& version) {
        group.clear();
        version.clear();
        const auto slash = gv.find('/');
        if (slash == std::string_view::npos) version = gv;
        else if (gv.find('/', slash + 1) == std::string_view::npos) {
            group = gv.substr(0, slash);
            version = gv.substr(slash + 1);
        }
    };
    std::string group, version;
    split(api_version, group, version);
    const std::string type_meta = "runtime.TypeMeta{APIVersion:" + api::field::quote(api_version) +
                                  ", Kind:" + api::field::quote(kind) + "}";
    if (kind.empty()) kind = into_kind;
    if (version.empty() && !into_api_version.empty()) split(into_api_version, group, version);
    if (kind.empty()) return unrecognized("Object 'Kind' is missing in '" + detail::pb_utf8(type_meta) + "'");
    const std::string target = detail::pb_utf8(into_kind.empty() ? std::string_view(kind) : into_kind);
    const auto cannot_handle = [&](const std::string& why) {
        return api::errors::bad_request(detail::pb_utf8(kind) + " in version " + api::field::quote(version) +
                                        " cannot be handled as a " + target + ": " + why);
    };
    if (version.empty()) return cannot_handle("Object 'apiVersion' is missing in '" + detail::pb_utf8(type_meta) + "'");
    api_version = group.empty() ? version : group + "/" + version;

    const pb::message* type = nullptr;
    for (const auto& k : pb::kinds)
        if (k.kind == kind && (k.api_version.empty() || k.api_version == api_version)) type = k.type;
    if (!type)
        return api::errors::detail::failure("UnsupportedMediaType", 415,
                                            "the body of the request was in an unknown format - accepted media types "
                                            "include: application/json, application/yaml");

    nlohmann::json obj = nlohmann::json::object();
    try {
        detail::pb_decode_message(raw, *type, obj);
    } catch (const detail::protobuf_error& e) {
        return cannot_handle(e.message);
    } catch (const nlohmann::json::exception& e) {
        return cannot_handle(e.what());
    }
    obj["apiVersion"] = detail::pb_utf8(api_version);
    obj["kind"] = detail::pb_utf8(kind);
    return obj;
}

}  // namespace kubesim::api::json
