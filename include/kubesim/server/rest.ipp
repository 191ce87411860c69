// Definitions of server/rest.hpp.
#pragma once

#include <kubesim/server/rest.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <kubesim/api/codec.hpp>
#include <kubesim/api/errors.hpp>
#include <kubesim/api/field.hpp>
#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/apply.hpp>
#include <kubesim/api/json/openapi.hpp>
#include <kubesim/api/json/protobuf.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/images/container.hpp>
#include <kubesim/kubectl/apply.hpp>
#include <kubesim/kubectl/printers.hpp>
#include <kubesim/server/discovery.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace kubesim::server {

namespace detail {

using json = nlohmann::json;

// ---- URLs --------------------------------------------------------------------

KUBESIM_DECL std::string percent_decode(std::string_view s, bool plus_is_space) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '%' && i + 2 < s.size()) {
            int v = 0;
            auto [p, ec] = std::from_chars(s.data() + i + 1, s.data() + i + 3, v, 16);
            if (ec == std::errc() && p == s.data() + i + 3) {
                out.push_back(static_cast<char>(v));
                i += 2;
                continue;
            }
        }
        out.push_back(plus_is_space && c == '+' ? ' ' : c);
    }
    return out;
}

// The query of a request target, in order (exec repeats `command`).
struct query {
    std::vector<std::pair<std::string, std::string>> items{};
    [[nodiscard]] const std::string* find(std::string_view k) const {
        for (const auto& [key, v] : items)
            if (key == k) return &v;
        return nullptr;
    }
    [[nodiscard]] std::string get(std::string_view k) const {
        const auto* v = find(k);
        return v ? *v : std::string();
    }
    [[nodiscard]] bool flag(std::string_view k) const {
        const auto* v = find(k);
        return v && (*v == "true" || *v == "1" || v->empty());
    }
    [[nodiscard]] std::vector<std::string> all(std::string_view k) const {
        std::vector<std::string> out;
        for (const auto& [key, v] : items)
            if (key == k) out.push_back(v);
        return out;
    }
};

KUBESIM_DECL void split_target(std::string_view target, std::string& path, query& q) {
    const auto qm = target.find('?');
    path = percent_decode(target.substr(0, qm), false);
    if (qm == std::string_view::npos) return;
    std::string_view rest = target.substr(qm + 1);
    while (!rest.empty()) {
        const auto amp = rest.find('&');
        const auto part = rest.substr(0, amp);
        if (!part.empty()) {
            const auto eq = part.find('=');
            q.items.emplace_back(percent_decode(part.substr(0, eq), true),
                                 eq == std::string_view::npos ? std::string() : percent_decode(part.substr(eq + 1), true));
        }
        if (amp == std::string_view::npos) break;
        rest = rest.substr(amp + 1);
    }
}

KUBESIM_DECL std::vector<std::string> segments(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        const auto j = path.find('/', i);
        if (i < path.size()) out.emplace_back(path.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
        if (j == std::string_view::npos) break;
        i = j;
    }
    return out;
}

// ---- JSON out ----------------------------------------------------------------

// json::dump()'s bytes (compact, UTF-8 as is, invalid UTF-8 an error), appended
// to `out`, several times faster: dump() escapes byte by byte through a UTF-8
// decoder behind a virtual output adapter, where what the API writes is nearly
// all plain ASCII, appended here in runs. A string with other bytes and a
// floating-point number go through dump() itself.
KUBESIM_DECL void append_json_string(std::string& out, const std::string& s) {
    const std::size_t quote = out.size();
    out += '"';
    std::size_t run = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') continue;
        if (c >= 0x80) {
            out.resize(quote);
            out += json(s).dump();
            return;
        }
        out.append(s, run, i - run);
        run = i + 1;
        out += '\\';
        switch (c) {
            case '"': out += '"'; break;
            case '\\': out += '\\'; break;
            case '\b': out += 'b'; break;
            case '\f': out += 'f'; break;
            case '\n': out += 'n'; break;
            case '\r': out += 'r'; break;
            case '\t': out += 't'; break;
            default: {
                static constexpr char hex[] = "0123456789abcdef";
                out += "u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            }
        }
    }
    out.append(s, run, std::string::npos);
    out += '"';
}

KUBESIM_DECL void append_json(std::string& out, const json& j) {
    switch (j.type()) {
        case json::value_t::object: {
            out += '{';
            bool first = true;
            for (const auto& [k, v] : j.get_ref<const json::object_t&>()) {
                if (!first) out += ',';
                first = false;
                append_json_string(out, k);
                out += ':';
                append_json(out, v);
            }
            out += '}';
            return;
        }
        case json::value_t::array: {
            out += '[';
            bool first = true;
            for (const auto& v : j.get_ref<const json::array_t&>()) {
                if (!first) out += ',';
                first = false;
                append_json(out, v);
            }
            out += ']';
            return;
        }
        case json::value_t::string: append_json_string(out, j.get_ref<const std::string&>()); return;
        case json::value_t::boolean: out += j.get<bool>() ? "true" : "false"; return;
        case json::value_t::null: out += "null"; return;
        case json::value_t::number_integer:
        case json::value_t::number_unsigned: {
            char buf[24];
            const auto end = j.is_number_unsigned() ? std::to_chars(buf, buf + sizeof buf, j.get<std::uint64_t>()).ptr
                                                    : std::to_chars(buf, buf + sizeof buf, j.get<std::int64_t>()).ptr;
            out.append(buf, end);
            return;
        }
        default: out += j.dump();  // floating point, binary
    }
}

// ---- responses ---------------------------------------------------------------

// The bytes are written when the response leaves rest_api::handle, unless the
// caller takes the value (request::want_value).
KUBESIM_DECL response json_response(int code, json body) {
    response r;
    r.status = code;
    r.value = std::make_shared<const json>(std::move(body));
    return r;
}

KUBESIM_DECL response status_response(const api::status& s) {
    json j;
    api::to_json(j, s);
    return json_response(s.code, j);
}

// The 404 kube-apiserver gives for a path it has no handler for.
KUBESIM_DECL response not_found_path() {
    auto s = api::errors::detail::failure("NotFound", 404, "the server could not find the requested resource");
    s.details = {};
    return status_response(s);
}

KUBESIM_DECL response method_not_allowed(std::string_view resource, std::string_view verb) {
    return status_response(api::errors::method_not_supported(resource, verb));
}

KUBESIM_DECL bool accepts_table(std::string_view accept) {
    return accept.find("as=Table") != std::string_view::npos;
}

// A route: the kind a path names, its namespace, name and subresource.
struct route {
    const store::kind_ops* ops{nullptr};
    const api::codec* codec{nullptr};
    std::string ns{};
    std::string name{};
    std::string subresource{};
    bool all_namespaces{false};  // a namespaced kind listed across namespaces
    bool watch_path{false};      // the deprecated /watch/ form
};

// Go's strconv.ParseInt-based checks of the numeric query parameters.
KUBESIM_DECL std::optional<std::int64_t> parse_int(std::string_view s) {
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
    return v;
}

// base64 (std alphabet) for continue tokens.
KUBESIM_DECL std::string base64(std::string_view in) {
    static constexpr char tbl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8) |
                           static_cast<unsigned char>(in[i + 2]);
        out += tbl[(v >> 18) & 63];
        out += tbl[(v >> 12) & 63];
        out += tbl[(v >> 6) & 63];
        out += tbl[v & 63];
    }
    if (i < in.size()) {
        unsigned v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += tbl[(v >> 18) & 63];
        out += tbl[(v >> 12) & 63];
        out += i + 1 < in.size() ? tbl[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

KUBESIM_DECL std::optional<std::string> unbase64(std::string_view in) {
    std::string out;
    unsigned acc = 0;
    int bits = 0;
    for (char c : in) {
        int v;
        if (c >= 'A' && c <= 'Z') v = c - 'A';
        else if (c >= 'a' && c <= 'z') v = c - 'a' + 26;
        else if (c >= '0' && c <= '9') v = c - '0' + 52;
        else if (c == '+' || c == '-') v = 62;
        else if (c == '/' || c == '_') v = 63;
        else if (c == '=') break;
        else return std::nullopt;
        acc = (acc << 6) | static_cast<unsigned>(v);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((acc >> bits) & 0xff));
        }
    }
    return out;
}

// The manager a write is recorded under: the fieldManager parameter, else the
// user agent up to its first '/' (as the apiserver derives it).
KUBESIM_DECL std::string manager_of(const query& q, std::string_view user_agent) {
    if (const auto* m = q.find("fieldManager")) return *m;
    auto ua = user_agent.substr(0, user_agent.find('/'));
    return ua.empty() ? std::string("unknown") : std::string(ua);
}

// The last event a watch wrote as plain JSON. The store hands every watcher of
// a kind the same event in turn, so a fan-out to N watchers encodes it once
// (kube-apiserver's watch cache likewise serializes an event once for all its
// watchers). The object is held, so that its address names it.
struct encoded_event {
    store::object_ptr object{};
    store::event_type type{};
    std::string line{};
};

// A long-lived watch: the store's events, as the JSON stream kube-apiserver writes.
class watch_stream final : public body_stream {
public:
    watch_stream(store::object_store& s, const store::kind_ops& ops, const api::codec& c, bool table,
                 kubectl::printers::include_object inc, std::optional<double> timeout, std::size_t* open,
                 encoded_event* last)
        : store_(&s), ops_(&ops), codec_(&c), table_(table), inc_(inc), timeout_(timeout), open_(open), last_(last) {
        ++*open_;
    }
    ~watch_stream() override {
        if (id_) store_->unwatch(*ops_, *id_);
        --*open_;
    }
    watch_stream(const watch_stream&) = delete;
    watch_stream& operator=(const watch_stream&) = delete;

    void start(std::string_view ns, const watch_options& opt) {
        // The handler may outlive nothing: unwatch in the destructor stops it.
        id_ = store_->watch(*ops_, ns, opt, [this](const store::erased_event& e) { on_event(e); });
    }
    std::string take() override { return std::exchange(buf_, {}); }
    [[nodiscard]] bool finished() const override { return finished_; }
    [[nodiscard]] std::optional<double> timeout_seconds() const override { return timeout_; }

private:
    void on_event(const store::erased_event& e) {
        if (finished_) return;
        const bool plain = !table_ && e.object && (e.type == store::event_type::added ||
                                                   e.type == store::event_type::modified ||
                                                   e.type == store::event_type::deleted);
        if (plain && last_->object == e.object && last_->type == e.type) {
            buf_ += last_->line;
            return;
        }
        json ev;
        if (e.type == store::event_type::error) {
            ev["type"] = "ERROR";
            if (e.error) api::to_json(ev["object"], *e.error);
            finished_ = true;
        } else if (e.type == store::event_type::bookmark) {
            ev["type"] = "BOOKMARK";
            json o;
            o["kind"] = std::string(codec_->kind);
            o["apiVersion"] = std::string(codec_->api_version);
            o["metadata"]["resourceVersion"] = std::to_string(e.resource_version);
            ev["object"] = std::move(o);
        } else {
            ev["type"] = std::string(e.type == store::event_type::added      ? "ADDED"
                                     : e.type == store::event_type::modified ? "MODIFIED"
                                                                             : "DELETED");
            if (table_) {
                auto t = kubectl::printers::table(*ops_, {e.object}, store_->now(), inc_,
                                                  ops_->meta(e.object.get()).resource_version);
                if (sent_columns_) t["columnDefinitions"] = json::array();
                sent_columns_ = true;
                ev["object"] = std::move(t);
            } else {
                ev["object"] = codec_->encode(e.object.get());
            }
        }
        const auto at = buf_.size();
        append_json(buf_, ev);
        buf_ += '\n';
        if (plain) {
            last_->object = e.object;
            last_->type = e.type;
            last_->line.assign(buf_, at);
        }
    }

    store::object_store* store_;
    const store::kind_ops* ops_;
    const api::codec* codec_;
    bool table_;
    kubectl::printers::include_object inc_;
    std::optional<double> timeout_;
    std::size_t* open_;
    encoded_event* last_;
    std::optional<std::uint64_t> id_{};
    std::string buf_{};
    bool finished_{false};
    bool sent_columns_{false};
};

// ---- logs --------------------------------------------------------------------

struct log_options {
    bool timestamps{false};
    std::optional<std::int64_t> tail_lines{};
    std::optional<std::int64_t> limit_bytes{};
    std::optional<sim::time_point> since{};
};

// Go's time.RFC3339Nano: fractional seconds without trailing zeros.
KUBESIM_DECL std::string rfc3339_nano(sim::time_point t) {
    std::string s = sim::to_rfc3339(t, true);  // 2025-01-01T00:00:07.500000Z
    const auto dot = s.find('.');
    if (dot == std::string::npos) return s;
    auto z = s.size() - 1;
    auto last = z;
    while (last > dot + 1 && s[last - 1] == '0') --last;
    if (last == dot + 1) return s.substr(0, dot) + "Z";
    return s.substr(0, last) + "Z";
}

// The log from a line offset to `end`, each line prefixed by its time when asked.
KUBESIM_DECL std::string log_text(const images::container_instance& c, std::size_t from, std::size_t end,
                                  bool timestamps) {
    if (!timestamps) return c.log.substr(from, end - from);
    std::string out;
    auto it = std::lower_bound(c.log_marks.begin(), c.log_marks.end(), from,
                               [](const auto& m, std::size_t off) { return m.offset < off; });
    std::size_t pos = from;
    while (pos < end) {
        if (it != c.log_marks.end() && it->offset == pos) {
            out += rfc3339_nano(it->time);
            out += ' ';
            ++it;
        }
        const auto nl = c.log.find('\n', pos);
        const auto stop = nl == std::string::npos || nl >= end ? end : nl + 1;
        out.append(c.log, pos, stop - pos);
        pos = stop;
    }
    return out;
}

// What a log request returns now (up to `end`, the log's size when it is read).
KUBESIM_DECL std::string render_log(const images::container_instance& c, const log_options& o, std::size_t end) {
    std::size_t from = 0;
    if (o.since) {
        auto it = std::find_if(c.log_marks.begin(), c.log_marks.end(), [&](const auto& m) { return m.time >= *o.since; });
        from = it == c.log_marks.end() ? end : it->offset;
    }
    if (o.tail_lines) {
        std::size_t pos = end;
        if (pos > from && c.log[pos - 1] == '\n') --pos;
        std::int64_t lines = 0;
        while (pos > from && lines < *o.tail_lines) {
            --pos;
            if (c.log[pos] == '\n') ++lines;
        }
        if (lines == *o.tail_lines && pos < end && c.log[pos] == '\n') ++pos;
        from = *o.tail_lines == 0 ? end : std::max(from, pos);
    }
    std::string text = log_text(c, from, end, o.timestamps);
    if (o.limit_bytes && static_cast<std::size_t>(*o.limit_bytes) < text.size())
        text.resize(static_cast<std::size_t>(*o.limit_bytes));
    return text;
}

// logs -f: what the container writes from here on, until it stops (or is replaced).
class log_stream final : public body_stream {
public:
    log_stream(cluster& c, std::string ns, std::string pod, std::string container,
               std::shared_ptr<const images::container_instance> inst, std::size_t offset, log_options o,
               std::string first, std::size_t* open)
        : c_(&c), ns_(std::move(ns)), pod_(std::move(pod)), container_(std::move(container)), inst_(std::move(inst)),
          offset_(offset), o_(o), pending_(std::move(first)), open_(open) {
        ++*open_;
    }
    ~log_stream() override { --*open_; }
    log_stream(const log_stream&) = delete;
    log_stream& operator=(const log_stream&) = delete;

    std::string take() override {
        if (inst_->log.size() > offset_) {
            pending_ += log_text(*inst_, offset_, inst_->log.size(), o_.timestamps);
            offset_ = inst_->log.size();
        }
        std::string out = std::exchange(pending_, {});
        if (o_.limit_bytes) {
            const auto limit = static_cast<std::size_t>(*o_.limit_bytes);
            const auto left = limit - std::min(sent_, limit);
            if (out.size() > left) out.resize(left);
        }
        sent_ += out.size();
        return out;
    }
    [[nodiscard]] bool finished() const override {
        if (o_.limit_bytes && sent_ >= static_cast<std::size_t>(*o_.limit_bytes)) return true;
        try {
            return inst_->log.size() == offset_ && pending_.empty() &&
                   (!c_->container_running(ns_, pod_, container_) ||
                    c_->log_source(ns_, pod_, container_, false) != inst_);
        } catch (const std::exception&) {
            return true;  // the pod is gone
        }
    }

private:
    cluster* c_;
    std::string ns_, pod_, container_;
    std::shared_ptr<const images::container_instance> inst_;
    std::size_t offset_;
    log_options o_;
    std::string pending_;
    std::size_t* open_;
    std::size_t sent_{0};  // bytes taken so far (limitBytes)
};

}  // namespace detail

struct rest_api::impl {
    using json = nlohmann::json;

    cluster* c;
    std::map<std::string, const store::kind_ops*, std::less<>> by_path;  // "apps/v1/deployments", "v1/pods"
    std::size_t open_streams{0};
    struct cached_item {
        std::weak_ptr<const void> object;
        std::string bytes;
    };
    std::unordered_map<const void*, cached_item> item_cache;  // looked up only, never iterated
    std::size_t item_cache_bytes{0};
    static constexpr std::size_t item_cache_limit = std::size_t{256} << 20;
    std::string scratch;
    detail::encoded_event last_event{};  // shared by the watch streams

    explicit impl(cluster& cl) : c(&cl) {
        for (const auto& [resource, ops] : cl.kinds()) by_path.emplace(std::string(ops->api_version) + "/" + resource, ops);
    }

    store::object_store& store() { return c->store(); }

    // ---- routing -----------------------------------------------------------------

    // Resolves /api/v1/... and /apis/G/V/... below the group version; nullopt
    // when the path names no resource.
    std::optional<detail::route> resolve(const std::string& gv, const std::vector<std::string>& seg, std::size_t i) {
        detail::route r;
        if (i < seg.size() && seg[i] == "watch") {
            r.watch_path = true;
            ++i;
        }
        const auto kind_of = [&](const std::string& res) -> const store::kind_ops* {
            auto it = by_path.find(gv + "/" + res);
            return it == by_path.end() ? nullptr : it->second;
        };
        const std::size_t n = seg.size() - i;
        if (n == 0) return std::nullopt;
        if (seg[i] == "namespaces" && n >= 3 && kind_of(seg[i + 2]) && kind_of(seg[i + 2])->namespaced) {
            r.ns = seg[i + 1];
            r.ops = kind_of(seg[i + 2]);
            if (n >= 4) r.name = seg[i + 3];
            if (n >= 5) r.subresource = seg[i + 4];
            if (n > 5) return std::nullopt;
        } else {
            r.ops = kind_of(seg[i]);
            if (!r.ops) return std::nullopt;
            if (n >= 2) r.name = seg[i + 1];
            if (n >= 3) r.subresource = seg[i + 2];
            if (n > 3) return std::nullopt;
            if (r.ops->namespaced) {
                if (!r.name.empty()) return std::nullopt;  // /api/v1/pods/x is no path
                r.all_namespaces = true;
            }
        }
        auto it = api::codecs_by_resource().find(r.ops->resource);
        if (it == api::codecs_by_resource().end()) return std::nullopt;
        r.codec = it->second;
        return r;
    }

    response handle(const request& req) {
        std::string path;
        detail::query q;
        detail::split_target(req.target, path, q);
        const auto seg = detail::segments(path);
        try {
            if (seg.empty()) return root_paths();
            if (seg.size() == 1 && seg[0] == "version") return version();
            if (seg.size() >= 1 && (seg[0] == "healthz" || seg[0] == "readyz" || seg[0] == "livez")) {
                response r;
                r.content_type = "text/plain; charset=utf-8";
                r.body = "ok";
                return r;
            }
            if (seg[0] == "openapi") return openapi(seg, req.accept);
            if (seg[0] == "api") {
                if (seg.size() == 1) return discovery::core(*c, req.accept);
                if (seg[1] != "v1") return detail::not_found_path();
                if (seg.size() == 2) return discovery::resource_list(*c, "v1");
                return resource(req, q, "v1", seg, 2);
            }
            if (seg[0] == "apis") {
                if (seg.size() == 1) return discovery::groups(*c, req.accept);
                if (seg.size() == 2) {
                    auto g = discovery::group(*c, seg[1]);
                    return g ? *g : detail::not_found_path();
                }
                const std::string gv = seg[1] + "/" + seg[2];
                if (!discovery::serves(*c, gv)) return detail::not_found_path();
                if (seg.size() == 3) return discovery::resource_list(*c, gv);
                return resource(req, q, gv, seg, 3);
            }
            return detail::not_found_path();
        } catch (const api_error& e) {
            return detail::status_response(e.status());
        } catch (const json::exception& e) {
            return detail::status_response(api::errors::bad_request(e.what()));
        }
    }

    response root_paths() {
        json paths = json::array();
        paths.push_back("/api");
        paths.push_back("/api/v1");
        paths.push_back("/apis");
        for (const auto& gv : discovery::group_versions(*c)) paths.push_back("/apis/" + gv);
        for (const char* p : {"/healthz", "/livez", "/openapi/v2", "/openapi/v3", "/openapi/v3/", "/readyz", "/version"})
            paths.push_back(p);
        return detail::json_response(200, json{{"paths", paths}});
    }

    response version() {
        const std::string& v = c->options().kubernetes_version;  // "v1.33.0"
        std::string major = "1", minor = "0";
        if (v.size() > 1 && v[0] == 'v') {
            const auto d1 = v.find('.'), d2 = v.find('.', d1 + 1);
            major = v.substr(1, d1 - 1);
            minor = v.substr(d1 + 1, d2 == std::string::npos ? std::string::npos : d2 - d1 - 1);
        }
        json j{{"major", major},
               {"minor", minor},
               {"gitVersion", v},
               {"gitCommit", "0000000000000000000000000000000000000000"},
               {"gitTreeState", "clean"},
               {"buildDate", "2026-01-01T00:00:00Z"},
               {"goVersion", "kubesim"},
               {"compiler", "gc"},
               {"platform", "linux/amd64"}};
        return detail::json_response(200, j);
    }

    response openapi(const std::vector<std::string>& seg, std::string_view accept) {
        namespace oa = api::json::openapi;
        if (seg.size() == 2 && seg[1] == "v2") {
            if (accept.find("protobuf") != std::string_view::npos) {
                response r;
                r.content_type = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
                r.body = oa::v2_protobuf();
                return r;
            }
            return detail::json_response(200, oa::v2_document());
        }
        if (seg.size() >= 2 && seg[1] == "v3") {
            if (seg.size() == 2) return detail::json_response(200, oa::v3_index());
            std::string p;
            for (std::size_t i = 2; i < seg.size(); ++i) p += (i > 2 ? "/" : "") + seg[i];
            if (const auto* d = oa::v3_document(p)) return detail::json_response(200, *d);
        }
        return detail::not_found_path();
    }

    // ---- resources -----------------------------------------------------------

    response resource(const request& req, const detail::query& q, const std::string& gv,
                      const std::vector<std::string>& seg, std::size_t i) {
        auto r = resolve(gv, seg, i);
        if (!r) return detail::not_found_path();
        const auto& ops = *r->ops;
        const bool collection = r->name.empty();
        const std::string& m = req.method;
        if (!r->subresource.empty()) return subresource(req, q, *r);
        if (collection) {
            if (m == "GET") {
                if (r->watch_path || q.flag("watch")) return watch(req, q, *r);
                return list(req, q, *r);
            }
            if (r->all_namespaces) return detail::method_not_allowed(ops.resource, verb_of(m));
            if (m == "POST") return create(req, q, *r);
            if (m == "DELETE") return delete_collection(req, q, *r);
            return detail::method_not_allowed(ops.resource, verb_of(m));
        }
        if (r->watch_path && m == "GET") {
            detail::route w = *r;
            w.name.clear();
            return watch(req, q, w, r->name);
        }
        if (m == "GET") return get(req, q, *r);
        if (m == "PUT") return update(req, q, *r, false);
        if (m == "PATCH") return patch(req, q, *r, false);
        if (m == "DELETE") return remove(req, q, *r);
        return detail::method_not_allowed(ops.resource, verb_of(m));
    }

    static std::string verb_of(std::string_view method) {
        if (method == "POST") return "create";
        if (method == "PUT") return "update";
        if (method == "PATCH") return "patch";
        if (method == "DELETE") return "delete";
        return "get";
    }

    json encode(const detail::route& r, const store::object_ptr& o) { return r.codec->encode(o.get()); }

    // The Table form of objects, when asked for in Accept.
    response objects_response(const request& req, const detail::query& q, const detail::route& r,
                              const std::vector<store::object_ptr>& items, std::uint64_t rv, bool single,
                              const std::string& cont = {}, std::optional<std::int64_t> remaining = {}) {
        if (detail::accepts_table(req.accept)) {
            const auto io = q.get("includeObject");
            const auto inc = kubectl::printers::parse_include_object(io);
            if (!inc)
                return detail::status_response(api::errors::bad_request(
                    "includeObject: Unsupported value: \"" + io + "\": supported values: \"Metadata\", \"None\", \"Object\""));
            auto t = kubectl::printers::table(*r.ops, items, store().now(), *inc,
                                              single ? ops_rv(*r.ops, items.front()) : std::to_string(rv), cont);
            if (remaining) t["metadata"]["remainingItemCount"] = *remaining;
            return detail::json_response(200, std::move(t));
        }
        if (single) return detail::json_response(200, encode(r, items.front()));
        if (req.want_value) {
            // In process: the list as a value, no bytes to write and read back;
            // its items as the stored objects themselves when asked for.
            json list;
            list["apiVersion"] = std::string(r.codec->api_version);
            json& arr = list["items"] = json::array();
            if (!req.want_objects) {
                arr.get_ref<json::array_t&>().reserve(items.size());
                for (const auto& o : items) {
                    json e = encode(r, o);
                    e.erase("kind");
                    e.erase("apiVersion");
                    arr.push_back(std::move(e));
                }
            }
            list["kind"] = std::string(r.codec->kind) + "List";
            json& meta = list["metadata"];
            meta["resourceVersion"] = std::to_string(rv);
            if (!cont.empty()) meta["continue"] = cont;
            if (remaining) meta["remainingItemCount"] = *remaining;
            auto out = detail::json_response(200, std::move(list));
            if (req.want_objects) out.objects.assign(items.begin(), items.end());
            return out;
        }
        // Written item by item, each item's tree freed before the next is built:
        // one tree of all the items cost more to free than to build. The bytes
        // are those of the whole list's tree dumped (keys in order).
        json meta;
        meta["resourceVersion"] = std::to_string(rv);
        if (!cont.empty()) meta["continue"] = cont;
        if (remaining) meta["remainingItemCount"] = *remaining;
        response out;
        auto& body = out.body;
        body = "{\"apiVersion\":";
        detail::append_json_string(body, std::string(r.codec->api_version));
        body += ",\"items\":[";
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i > 0) body += ',';
            body += list_item(r, items[i]);
            if (i == 0) body.reserve(body.size() * (items.size() + 1) + 256);  // items of about the first's size
        }
        body += "],\"kind\":";
        detail::append_json_string(body, std::string(r.codec->kind) + "List");
        body += ",\"metadata\":";
        detail::append_json(body, meta);
        body += '}';
        return out;
    }

    // A list item's bytes (the object without kind and apiVersion). A stored
    // snapshot is immutable, so its bytes are kept and a LIST of unchanged
    // objects costs a copy; the weak pointer tells a live snapshot from a new
    // one at a reused address. Kinds stored encoded (Events) decode to a fresh
    // snapshot on every read and are not kept. Bounded: cleared whole when full.
    const std::string& list_item(const detail::route& r, const store::object_ptr& o) {
        if (r.ops->encode) {
            json e = encode(r, o);
            e.erase("kind");
            e.erase("apiVersion");
            scratch.clear();
            detail::append_json(scratch, e);
            return scratch;
        }
        if (auto it = item_cache.find(o.get()); it != item_cache.end()) {
            if (it->second.object.lock() == o) return it->second.bytes;
            item_cache_bytes -= it->second.bytes.size();  // a dead snapshot's address, reused
            item_cache.erase(it);
        }
        json e = encode(r, o);
        e.erase("kind");
        e.erase("apiVersion");
        std::string bytes;
        detail::append_json(bytes, e);
        if (item_cache_bytes + bytes.size() > item_cache_limit) {
            item_cache.clear();
            item_cache_bytes = 0;
        }
        item_cache_bytes += bytes.size();
        auto& slot = item_cache[o.get()];
        slot.object = o;
        slot.bytes = std::move(bytes);
        return slot.bytes;
    }

    static std::string ops_rv(const store::kind_ops& ops, const store::object_ptr& o) {
        return ops.meta(o.get()).resource_version;
    }

    response get(const request& req, const detail::query& q, const detail::route& r) {
        auto o = store().get(*r.ops, r.ns, r.name);
        if (!o) return detail::status_response(o.error());
        return objects_response(req, q, r, {*o}, 0, true);
    }

    response list(const request& req, const detail::query& q, const detail::route& r) {
        list_options opt;
        opt.label_selector = q.get("labelSelector");
        opt.field_selector = q.get("fieldSelector");
        opt.resource_version = q.get("resourceVersion");
        const auto match = q.get("resourceVersionMatch");
        if (!match.empty()) {
            if (match != "NotOlderThan" && match != "Exact")
                return detail::status_response(api::errors::invalid(
                    "ListOptions.meta.k8s.io", "",
                    {api::field::not_supported(api::field::path("resourceVersionMatch"), match, {"Exact", "NotOlderThan"})}));
            if (opt.resource_version.empty())
                return detail::status_response(api::errors::invalid(
                    "ListOptions.meta.k8s.io", "",
                    {api::field::forbidden(api::field::path("resourceVersionMatch"),
                                           "resourceVersionMatch is forbidden unless resourceVersion is provided")}));
            if (match == "Exact") {
                // Only the newest state is kept: an exact read of any other
                // resourceVersion is as if etcd had compacted it.
                const auto want = detail::parse_int(opt.resource_version);
                if (want && static_cast<std::uint64_t>(*want) != store().resource_version())
                    return detail::status_response(api::errors::expired(
                        "too old resource version: " + opt.resource_version + " (" +
                        std::to_string(store().resource_version()) + ")"));
            }
        }
        std::int64_t limit = 0;
        if (const auto* l = q.find("limit")) {
            auto v = detail::parse_int(*l);
            if (!v) return detail::status_response(api::errors::bad_request("limit: Invalid value: \"" + *l + "\""));
            limit = *v;
        }
        // continue: the token carries the list's resourceVersion and the key
        // to start after (the state is the newest one, not a snapshot).
        std::string start_after;
        std::uint64_t token_rv = 0;
        if (const auto* cont = q.find("continue"); cont && !cont->empty()) {
            auto raw = detail::unbase64(*cont);
            json t = raw ? json::parse(*raw, nullptr, false) : json();
            if (!t.is_object() || !t.contains("start") || !t.contains("rv"))
                return detail::status_response(
                    api::errors::bad_request("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)"));
            start_after = t["start"].get<std::string>();
            token_rv = t["rv"].get<std::uint64_t>();
        }
        // The token's start is "namespace/name" (neither holds a '/').
        store::list_page page;
        page.limit = limit > 0 ? static_cast<std::size_t>(limit) : 0;
        if (!start_after.empty()) {
            const auto slash = start_after.find('/');
            page.after = true;
            page.after_namespace = std::string_view(start_after).substr(0, std::min(slash, start_after.size()));
            if (slash != std::string::npos) page.after_name = std::string_view(start_after).substr(slash + 1);
        }
        auto res = store().list(*r.ops, r.all_namespaces ? std::string_view() : std::string_view(r.ns), opt, page);
        if (!res) return detail::status_response(res.error());
        auto& items = res->items;
        const std::uint64_t rv = token_rv ? token_rv : res->resource_version;
        std::string cont;
        if (res->more && !items.empty()) {
            const auto& m = r.ops->meta(items.back().get());
            json t{{"v", "meta.k8s.io/v1"}, {"rv", rv}, {"start", m.namespace_ + "/" + m.name}};
            cont = detail::base64(t.dump());
        }
        const std::optional<std::int64_t> remaining = res->remaining;
        return objects_response(req, q, r, items, rv, false, cont, remaining);
    }

    response watch(const request& req, const detail::query& q, const detail::route& r, const std::string& name = {}) {
        watch_options opt;
        opt.resource_version = q.get("resourceVersion");
        opt.label_selector = q.get("labelSelector");
        opt.field_selector = q.get("fieldSelector");
        if (!name.empty())
            opt.field_selector = "metadata.name=" + name + (opt.field_selector.empty() ? "" : "," + opt.field_selector);
        opt.allow_watch_bookmarks = q.flag("allowWatchBookmarks");
        std::optional<double> timeout;
        if (const auto* t = q.find("timeoutSeconds")) {
            auto v = detail::parse_int(*t);
            if (!v) return detail::status_response(api::errors::bad_request("timeoutSeconds: Invalid value: \"" + *t + "\""));
            timeout = static_cast<double>(*v);
        }
        const auto inc = kubectl::printers::parse_include_object(q.get("includeObject"))
                             .value_or(kubectl::printers::include_object::metadata);
        // A selector the store cannot parse is a 400 before the stream starts.
        list_options check;
        check.label_selector = opt.label_selector;
        check.field_selector = opt.field_selector;
        if (auto l = store().list(*r.ops, "-no-such-namespace-", check); !l && l.error().code == 400)
            return detail::status_response(l.error());
        auto s = std::make_shared<detail::watch_stream>(store(), *r.ops, *r.codec, detail::accepts_table(req.accept),
                                                        inc, timeout, &open_streams, &last_event);
        s->start(r.all_namespaces ? std::string_view() : std::string_view(r.ns), opt);
        response out;
        out.stream = s;
        return out;
    }

    // ---- writes --------------------------------------------------------------

    static bool dry_run(const detail::query& q) { return q.get("dryRun") == "All"; }

    // Content-Type application/vnd.kubernetes.protobuf: kubectl 1.32 and later send
    // what their generators create (create namespace, deployment, service ...)
    // that way, and protobuf-configured clients everything they write.
    static bool protobuf_body(const request& req) {
        std::string_view ct = req.content_type;
        ct = ct.substr(0, ct.find(';'));
        while (!ct.empty() && ct.back() == ' ') ct.remove_suffix(1);
        return ct == "application/vnd.kubernetes.protobuf";
    }

    // A protobuf body as the JSON of the object it holds, `kind` being what the
    // URL expects; nullopt, with the error in `err`, when it cannot be read.
    static std::optional<json> protobuf_json(const request& req, std::string_view api_version, std::string_view kind,
                                             response& err) {
        auto j = api::json::decode_protobuf(req.body, api_version, kind);
        if (!j) {
            err = detail::status_response(j.error());
            return std::nullopt;
        }
        return std::move(*j);
    }

    // Parses a POST or PUT body as JSON (YAML is not read here), or decodes its
    // protobuf encoding, with the decoders' words.
    static std::optional<json> body_json(const request& req, const detail::route& r, response& err) {
        if (protobuf_body(req)) return protobuf_json(req, r.codec->api_version, r.codec->kind, err);
        if (req.content_type.find("protobuf") != std::string::npos) {
            err = detail::status_response(api::errors::detail::failure(
                "UnsupportedMediaType", 415,
                "the body of the request was in an unknown format - accepted media types include: application/json, "
                "application/yaml"));
            return std::nullopt;
        }
        json j = json::parse(req.body, nullptr, false);
        if (j.is_discarded()) {
            try {
                (void)kubectl::parse_json_manifest(req.body);
            } catch (const api_error& e) {
                err = detail::status_response(e.status());
                return std::nullopt;
            }
            err = detail::status_response(api::errors::bad_request("the request body is not JSON"));
            return std::nullopt;
        }
        return j;
    }

    // fieldValidation: Strict refuses unknown fields, Warn (the default) and
    // Ignore keep going; Warn adds one Warning header per field.
    std::optional<response> field_validation(const detail::query& q, const json& obj, std::string_view api_version,
                                             std::string_view kind, std::vector<std::string>& warnings) {
        const auto mode = q.find("fieldValidation") ? q.get("fieldValidation") : std::string("Warn");
        if (mode != "Strict" && mode != "Warn" && mode != "Ignore")
            return detail::status_response(api::errors::bad_request(
                "fieldValidation: Unsupported value: \"" + mode + "\": supported values: \"Ignore\", \"Strict\", \"Warn\""));
        if (mode == "Ignore") return std::nullopt;
        auto unknown = api::json::openapi::unknown_fields(api_version, kind, obj);
        if (unknown.empty()) return std::nullopt;
        if (mode == "Strict") {
            std::string msg = "strict decoding error: ";
            for (std::size_t i = 0; i < unknown.size(); ++i)
                msg += (i ? ", " : "") + std::string("unknown field \"") + unknown[i] + "\"";
            return detail::status_response(api::errors::bad_request(msg));
        }
        for (const auto& f : unknown) warnings.push_back("unknown field \"" + f + "\"");
        return std::nullopt;
    }

    // RFC 7234 warnings as the apiserver writes them: code 299, no agent, the
    // text quoted with its quotes and backslashes escaped.
    static void add_warnings(response& r, const std::vector<std::string>& warnings) {
        for (const auto& w : warnings) {
            std::string quoted = "299 - \"";
            for (char ch : w) {
                if (ch == '"' || ch == '\\') quoted += '\\';
                quoted += ch;
            }
            r.headers.emplace_back("Warning", quoted + "\"");
        }
    }

    // The body's apiVersion and kind against the URL's (the apiserver's decoder checks).
    static std::optional<api::status> check_type(const json& j, const detail::route& r) {
        const auto str = [&](const char* k) {
            auto it = j.find(k);
            return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
        };
        const auto av = str("apiVersion"), kind = str("kind");
        if (!j.is_object()) return api::errors::bad_request("the request body is not an object");
        if (!kind.empty() && kind != r.codec->kind)
            return api::errors::bad_request("the kind in the data (" + kind + ") does not match the expected kind (" +
                                            std::string(r.codec->kind) + ")");
        if (!av.empty() && av != r.codec->api_version)
            return api::errors::bad_request("the API version in the data (" + av +
                                            ") does not match the expected API version (" +
                                            std::string(r.codec->api_version) + ")");
        return std::nullopt;
    }

    api::json::field_manager who(const detail::query& q, const request& req, const detail::route& r,
                                 std::string operation, std::string subresource = {}) {
        api::json::field_manager f;
        f.manager = detail::manager_of(q, req.user_agent);
        f.operation = std::move(operation);
        f.subresource = std::move(subresource);
        f.api_version = std::string(r.codec->api_version);
        f.time = sim::to_rfc3339(store().now());
        return f;
    }

    response created(const detail::route& r, const store::object_ptr& o, const std::vector<std::string>& warnings,
                     int code = 201) {
        auto out = detail::json_response(code, encode(r, o));
        add_warnings(out, warnings);
        return out;
    }

    response create(const request& req, const detail::query& q, const detail::route& r) {
        response err;
        auto body = body_json(req, r, err);
        if (!body) return err;
        if (auto s = check_type(*body, r)) return detail::status_response(*s);
        std::vector<std::string> warnings;
        if (auto e = field_validation(q, *body, r.codec->api_version, r.codec->kind, warnings)) return *e;
        (*body)["kind"] = std::string(r.codec->kind);
        (*body)["apiVersion"] = std::string(r.codec->api_version);
        if ((*body).contains("metadata") && (*body)["metadata"].is_object())
            (*body)["metadata"].erase("managedFields");
        json next = api::json::update_managed_fields(json(), *body, r.codec->kind, who(q, req, r, "Update"));
        auto obj = r.codec->decode(next);
        if (!obj) return detail::status_response(obj.error());
        if (dry_run(q)) return dry_run_create(r, std::move(*obj), warnings);
        auto o = store().create(*r.ops, std::move(*obj), r.ops->namespaced ? std::string_view(r.ns) : std::string_view());
        if (!o) return detail::status_response(o.error());
        return created(r, *o, warnings);
    }

    // dryRun=All: the create's checks (namespace, defaults, validation, name
    // taken) without storing.
    response dry_run_create(const detail::route& r, std::shared_ptr<void> obj, const std::vector<std::string>& warnings) {
        const auto& ops = *r.ops;
        auto& m = ops.meta_mut(obj.get());
        if (ops.namespaced) {
            if (!m.namespace_.empty() && m.namespace_ != r.ns)
                return detail::status_response(api::errors::bad_request(
                    "the namespace of the provided object does not match the namespace sent on the request"));
            m.namespace_ = r.ns;
        }
        if (!m.resource_version.empty())
            return detail::status_response(api::errors::detail::failure(
                "", 500, "resourceVersion should not be set on objects to be created"));
        ops.set_defaults(obj.get());
        ops.prepare_for_create(obj.get());
        if (auto errs = ops.validate(obj.get()); !errs.empty())
            return detail::status_response(api::errors::invalid(ops.qualified_kind, m.name, errs));
        if (!m.name.empty() && store().find(ops, m.namespace_, m.name))
            return detail::status_response(api::errors::already_exists(ops.qualified_resource, m.name));
        m.creation_timestamp = store().now();
        if (ops.tracks_generation) m.generation = 1;
        return created(r, std::shared_ptr<const void>(std::move(obj)), warnings);
    }

    response update(const request& req, const detail::query& q, const detail::route& r, bool status) {
        response err;
        auto body = body_json(req, r, err);
        if (!body) return err;
        if (auto s = check_type(*body, r)) return detail::status_response(*s);
        std::vector<std::string> warnings;
        if (auto e = field_validation(q, *body, r.codec->api_version, r.codec->kind, warnings)) return *e;
        (*body)["kind"] = std::string(r.codec->kind);
        (*body)["apiVersion"] = std::string(r.codec->api_version);
        auto live = store().get(*r.ops, r.ns, r.name);
        if (!live) return detail::status_response(live.error());
        json next = api::json::update_managed_fields(encode(r, *live), *body, r.codec->kind,
                                                     who(q, req, r, "Update", status ? "status" : ""));
        auto obj = r.codec->decode(next);
        if (!obj) return detail::status_response(obj.error());
        const auto& m = r.ops->meta(obj->get());
        if (m.name != r.name)
            return detail::status_response(api::errors::bad_request(
                "the name of the object (" + m.name + ") does not match the name on the URL (" + r.name + ")"));
        if (dry_run(q)) return created(r, std::shared_ptr<const void>(std::move(*obj)), warnings, 200);
        auto o = status ? store().update_status(*r.ops, std::move(*obj), r.ns) : store().update(*r.ops, std::move(*obj), r.ns);
        if (!o) return detail::status_response(o.error());
        return created(r, *o, warnings, 200);
    }

    response patch(const request& req, const detail::query& q, const detail::route& r, bool status) {
        const auto ct = req.content_type.substr(0, req.content_type.find(';'));
        json p = json::parse(req.body, nullptr, false);
        if (p.is_discarded()) return detail::status_response(api::errors::bad_request(
                                      "error decoding patch: invalid character in the request body"));
        const bool apply = ct == "application/apply-patch+yaml" || ct == "application/apply-patch+json";
        if (!apply && ct != "application/merge-patch+json" && ct != "application/strategic-merge-patch+json" &&
            ct != "application/json-patch+json") {
            return detail::status_response(api::errors::detail::failure(
                "UnsupportedMediaType", 415,
                "the body of the request was in an unknown format - accepted media types include: "
                "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, "
                "application/strategic-merge-patch+json"));
        }
        std::vector<std::string> warnings;
        auto live = store().get(*r.ops, r.ns, r.name);
        if (!live && !(apply && live.error().code == 404)) return detail::status_response(live.error());
        json current = live ? encode(r, *live) : json();
        result<json> next = json();
        if (apply) {
            if (!q.find("fieldManager"))
                return detail::status_response(api::errors::bad_request(
                    "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
            if (auto s = check_type(p, r)) return detail::status_response(*s);
            if (auto e = field_validation(q, p, r.codec->api_version, r.codec->kind, warnings)) return *e;
            next = api::json::server_side_apply(current, p, r.codec->kind, who(q, req, r, "Apply", status ? "status" : ""),
                                                q.flag("force"));
        } else {
            if (ct == "application/json-patch+json") next = api::json::json_patch(current, p);
            else if (ct == "application/merge-patch+json") next = api::json::merge_patch(current, p);
            else next = api::json::strategic_merge_patch(current, p, r.codec->kind);
            if (next) {
                if (auto e = field_validation(q, *next, r.codec->api_version, r.codec->kind, warnings)) return *e;
                next = api::json::update_managed_fields(current, std::move(*next), r.codec->kind,
                                                        who(q, req, r, "Update", status ? "status" : ""));
            }
        }
        if (!next) return detail::status_response(next.error());
        (*next)["kind"] = std::string(r.codec->kind);
        (*next)["apiVersion"] = std::string(r.codec->api_version);
        auto obj = r.codec->decode(*next);
        if (!obj) return detail::status_response(obj.error());
        auto& m = r.ops->meta_mut(obj->get());
        if (m.name != r.name)
            return detail::status_response(api::errors::bad_request(
                "the name of the object (" + m.name + ") does not match the name on the URL (" + r.name + ")"));
        if (!live) {  // server-side apply of a new object
            m.resource_version.clear();
            if (dry_run(q)) return dry_run_create(r, std::move(*obj), warnings);
            auto o = store().create(*r.ops, std::move(*obj), r.ops->namespaced ? std::string_view(r.ns) : std::string_view());
            if (!o) return detail::status_response(o.error());
            return created(r, *o, warnings);
        }
        if (dry_run(q)) return created(r, std::shared_ptr<const void>(std::move(*obj)), warnings, 200);
        auto o = status ? store().update_status(*r.ops, std::move(*obj), r.ns) : store().update(*r.ops, std::move(*obj), r.ns);
        if (!o) return detail::status_response(o.error());
        return created(r, *o, warnings, 200);
    }

    // DeleteOptions from the body (kubectl sends one) and the query.
    static std::optional<api::status> delete_options_of(const request& req, const detail::query& q, delete_options& opt,
                                                        bool& dry) {
        dry = dry_run(q);
        if (const auto* g = q.find("gracePeriodSeconds")) {
            auto v = detail::parse_int(*g);
            if (!v) return api::errors::bad_request("gracePeriodSeconds: Invalid value: \"" + *g + "\"");
            opt.grace_period_seconds = *v;
        }
        if (const auto* p = q.find("propagationPolicy")) opt.propagation_policy = *p;
        if (!req.body.empty()) {
            json b;
            if (protobuf_body(req)) {
                auto d = api::json::decode_protobuf(req.body, "v1", "DeleteOptions");
                if (!d) return d.error();
                b = std::move(*d);
            } else {
                b = json::parse(req.body, nullptr, false);
            }
            if (b.is_discarded() || !b.is_object())
                return api::errors::bad_request("the body of the request was in an unknown format");
            if (b.contains("gracePeriodSeconds") && b["gracePeriodSeconds"].is_number_integer())
                opt.grace_period_seconds = b["gracePeriodSeconds"].get<std::int64_t>();
            if (b.contains("propagationPolicy") && b["propagationPolicy"].is_string())
                opt.propagation_policy = b["propagationPolicy"].get<std::string>();
            if (b.contains("orphanDependents") && b["orphanDependents"].is_boolean())
                opt.orphan_dependents = b["orphanDependents"].get<bool>();
            if (b.contains("preconditions") && b["preconditions"].is_object()) {
                const auto& pc = b["preconditions"];
                if (pc.contains("uid") && pc["uid"].is_string()) opt.preconditions.uid = pc["uid"].get<std::string>();
                if (pc.contains("resourceVersion") && pc["resourceVersion"].is_string())
                    opt.preconditions.resource_version = pc["resourceVersion"].get<std::string>();
            }
            if (b.contains("dryRun") && b["dryRun"].is_array())
                for (const auto& d : b["dryRun"])
                    if (d == "All") dry = true;
        }
        return std::nullopt;
    }

    response remove(const request& req, const detail::query& q, const detail::route& r) {
        delete_options opt;
        bool dry = false;
        if (auto s = delete_options_of(req, q, opt, dry)) return detail::status_response(*s);
        if (dry) {
            auto o = store().get(*r.ops, r.ns, r.name);
            if (!o) return detail::status_response(o.error());
            return detail::json_response(200, encode(r, *o));
        }
        auto d = store().remove(*r.ops, r.ns, r.name, opt);
        if (!d) return detail::status_response(d.error());
        // The object while deletion is pending (graceful, finalizers); once
        // gone, pods answer with the last state and the rest with a Status.
        if (d->object) return detail::json_response(200, encode(r, d->object));
        return detail::status_response(d->status);
    }

    response delete_collection(const request& req, const detail::query& q, const detail::route& r) {
        delete_options opt;
        bool dry = false;
        if (auto s = delete_options_of(req, q, opt, dry)) return detail::status_response(*s);
        list_options sel;
        sel.label_selector = q.get("labelSelector");
        sel.field_selector = q.get("fieldSelector");
        auto res = store().list(*r.ops, r.ns, sel);
        if (!res) return detail::status_response(res.error());
        std::vector<store::object_ptr> gone;
        for (const auto& o : res->items) {
            const auto& m = r.ops->meta(o.get());
            if (dry) {
                gone.push_back(o);
                continue;
            }
            auto d = store().remove(*r.ops, m.namespace_, m.name, opt);
            if (!d) {
                if (d.error().code == 404) continue;
                return detail::status_response(d.error());
            }
            gone.push_back(d->object ? d->object : o);
        }
        request plain = req;
        plain.accept = "application/json";
        return objects_response(plain, q, r, gone, store().resource_version(), false);
    }

    // ---- subresources --------------------------------------------------------

    response subresource(const request& req, const detail::query& q, const detail::route& r) {
        const auto& sub = r.subresource;
        const auto& res = r.ops->resource;
        const std::string& m = req.method;
        if (sub == "status" && r.ops->has_status) {
            if (m == "GET") return get(req, q, r);
            if (m == "PUT") return update(req, q, r, true);
            if (m == "PATCH") return patch(req, q, r, true);
            return detail::method_not_allowed(std::string(res) + "/status", verb_of(m));
        }
        if (sub == "scale" && (res == "deployments" || res == "replicasets")) return scale(req, q, r);
        if (res == "pods") {
            if (sub == "binding" && m == "POST") return binding(req, r);
            if (sub == "eviction" && m == "POST") return eviction(req, r);
            if (sub == "log" && m == "GET") return log(q, r);
            if (sub == "exec" && (m == "GET" || m == "POST")) return exec_without_websocket(req);
        }
        if (res == "namespaces" && sub == "finalize" && m == "PUT") return update(req, q, r, false);
        return detail::not_found_path();
    }

    response scale(const request& req, const detail::query& q, const detail::route& r) {
        const bool deploy = r.ops->resource == "deployments";
        const auto get_scale = [&]() -> result<api::scale> {
            return deploy ? c->client<api::deployment>(r.ns).get_scale(r.name)
                          : c->client<api::replica_set>(r.ns).get_scale(r.name);
        };
        // The write goes to the parent object, recorded as an Update through
        // the scale subresource (what server-side apply conflicts name).
        const auto put_scale = [&](const api::scale& s) -> result<api::scale> {
            auto live = store().get(*r.ops, r.ns, r.name);
            if (!live) return live.error();
            const auto& m = r.ops->meta(live->get());
            if (auto err = store::detail::check_scale_update(*r.ops, r.name, s, m.resource_version)) return *err;
            json cur = encode(r, *live);
            json next = cur;
            next["spec"]["replicas"] = s.spec.replicas;
            next = api::json::update_managed_fields(cur, std::move(next), r.codec->kind,
                                                    who(q, req, r, "Update", "scale"));
            auto obj = r.codec->decode(next);
            if (!obj) return obj.error();
            auto u = store().update(*r.ops, std::move(*obj), r.ns);
            if (!u) return u.error();
            return get_scale();
        };
        auto cur = get_scale();
        if (!cur) return detail::status_response(cur.error());
        const auto to_json_scale = [](const api::scale& s) {
            json j;
            api::to_json(j, s);
            return j;
        };
        if (req.method == "GET") return detail::json_response(200, to_json_scale(*cur));
        json next;
        if (req.method == "PUT" && protobuf_body(req)) {
            response err;
            auto j = protobuf_json(req, "autoscaling/v1", "Scale", err);
            if (!j) return err;
            next = std::move(*j);
        } else if (req.method == "PUT") {
            next = json::parse(req.body, nullptr, false);
        } else if (req.method == "PATCH") {
            json p = json::parse(req.body, nullptr, false);
            if (p.is_discarded()) return detail::status_response(api::errors::bad_request("error decoding patch"));
            const auto ct = req.content_type.substr(0, req.content_type.find(';'));
            json base = to_json_scale(*cur);
            result<json> n = ct == "application/json-patch+json" ? api::json::json_patch(base, p)
                                                                 : result<json>(api::json::merge_patch(base, p));
            if (!n) return detail::status_response(n.error());
            next = std::move(*n);
            if (!p.contains("metadata") || !p["metadata"].contains("resourceVersion"))
                next["metadata"].erase("resourceVersion");  // a patch carries no precondition of its own
        } else {
            return detail::method_not_allowed(std::string(r.ops->resource) + "/scale", verb_of(req.method));
        }
        if (next.is_discarded() || !next.is_object())
            return detail::status_response(api::errors::bad_request("the request body is not a Scale object"));
        api::scale s;
        try {
            api::from_json(next, s);
        } catch (const api_error& e) {
            return detail::status_response(e.status());
        }
        if (s.metadata.resource_version.empty()) s.metadata.resource_version = cur->metadata.resource_version;
        if (dry_run(q)) return detail::json_response(200, to_json_scale(s));
        auto out = put_scale(s);
        if (!out) return detail::status_response(out.error());
        return detail::json_response(200, to_json_scale(*out));
    }

    response binding(const request& req, const detail::route& r) {
        json b;
        if (protobuf_body(req)) {
            response err;
            auto j = protobuf_json(req, "v1", "Binding", err);
            if (!j) return err;
            b = std::move(*j);
        } else {
            b = json::parse(req.body, nullptr, false);
        }
        if (b.is_discarded() || !b.is_object())
            return detail::status_response(api::errors::bad_request("the request body is not a Binding object"));
        const std::string node = b.value("/target/name"_json_pointer, std::string());
        const std::string uid = b.value("/metadata/uid"_json_pointer, std::string());
        auto o = store().bind_pod(r.ns, r.name, node, uid);
        if (!o) return detail::status_response(o.error());
        api::status s;
        s.code = 201;
        return detail::status_response(s);
    }

    // policy/v1 Eviction: kubesim has no PodDisruptionBudgets, so every
    // eviction is allowed and is the pod's deletion with the Eviction's options.
    response eviction(const request& req, const detail::route& r) {
        json b;
        if (protobuf_body(req)) {
            response err;
            auto j = protobuf_json(req, "policy/v1", "Eviction", err);
            if (!j) return err;
            b = std::move(*j);
        } else {
            b = json::parse(req.body.empty() ? std::string("{}") : req.body, nullptr, false);
        }
        if (b.is_discarded() || !b.is_object())
            return detail::status_response(api::errors::bad_request("the request body is not an Eviction object"));
        const std::string name = b.value("/metadata/name"_json_pointer, r.name);
        if (name != r.name)
            return detail::status_response(
                api::errors::bad_request("name in URL does not match name in Eviction object"));
        delete_options opt;
        if (b.contains("deleteOptions") && b["deleteOptions"].is_object()) {
            request inner;
            inner.body = b["deleteOptions"].dump();
            bool dry = false;
            if (auto s = delete_options_of(inner, {}, opt, dry)) return detail::status_response(*s);
        }
        auto d = store().remove(*r.ops, r.ns, r.name, opt);
        if (!d) return detail::status_response(d.error());
        api::status s;
        s.code = 201;
        return detail::status_response(s);
    }

    // pods/exec that is not a WebSocket upgrade (the front end hands those to
    // its exec session): SPDY, which kubectl before 1.30 speaks and later ones
    // fall back to when the upgrade is refused. kubesim does not speak it; the
    // request is checked first, so that a wrong pod, container or command gets
    // the API server's error.
    response exec_without_websocket(const request& req) {
        response err;
        if (!parse_exec(req, err)) return err;
        return detail::status_response(api::errors::bad_request(
            "kubesim serves exec over WebSocket (v5.channel.k8s.io, kubectl 1.30 or later), not SPDY"));
    }

    std::optional<exec_request> parse_exec(const request& req, response& error) {
        std::string path;
        detail::query q;
        detail::split_target(req.target, path, q);
        const auto seg = detail::segments(path);
        // /api/v1/namespaces/NS/pods/NAME/exec
        if (seg.size() != 7 || seg[0] != "api" || seg[1] != "v1" || seg[2] != "namespaces" || seg[4] != "pods" ||
            seg[6] != "exec") {
            error = detail::not_found_path();
            return std::nullopt;
        }
        exec_request e;
        e.namespace_ = seg[3];
        e.pod = seg[5];
        e.container = q.get("container");
        e.command = q.all("command");
        e.stdin_ = q.flag("stdin");
        e.stdout_ = q.find("stdout") ? q.flag("stdout") : true;
        e.stderr_ = q.flag("stderr");
        e.tty = q.flag("tty");
        if (e.command.empty()) {
            error = detail::status_response(api::errors::bad_request("you must specify at least 1 command"));
            return std::nullopt;
        }
        auto p = store().get(store::kind_ops_of<api::pod>(), e.namespace_, e.pod);
        if (!p) {
            error = detail::status_response(p.error());
            return std::nullopt;
        }
        const auto& pod = *static_cast<const api::pod*>(p->get());
        if (e.container.empty()) {
            if (!pod.spec.containers.empty()) e.container = pod.spec.containers.front().name;
        } else {
            const bool found = std::any_of(pod.spec.containers.begin(), pod.spec.containers.end(),
                                           [&](const auto& ctr) { return ctr.name == e.container; });
            if (!found) {
                error = detail::status_response(api::errors::bad_request("container " + e.container +
                                                                         " is not valid for pod " + e.pod));
                return std::nullopt;
            }
        }
        return e;
    }

    // pods/log (the kubelet's ReadLogs): sinceSeconds / sinceTime pick the lines
    // written since, tailLines the last lines of those, timestamps prefixes each
    // line with its RFC 3339 time, limitBytes cuts the reply; follow streams what
    // the container writes until it stops.
    response log(const detail::query& q, const detail::route& r) {
        auto pod = store().get(*r.ops, r.ns, r.name);
        if (!pod) return detail::status_response(pod.error());
        const auto& p = *static_cast<const api::pod*>(pod->get());
        std::string container = q.get("container");
        if (container.empty() && p.spec.containers.size() + p.spec.init_containers.size() > 1) {
            std::string names;
            for (const auto* list : {&p.spec.containers, &p.spec.init_containers})
                for (const auto& ctr : *list) names += (names.empty() ? "" : " ") + ctr.name;
            return detail::status_response(api::errors::bad_request("a container name must be specified for pod " +
                                                                    r.name + ", choose one of: [" + names + "]"));
        }
        const bool previous = q.flag("previous"), follow = q.flag("follow") && !previous;
        detail::log_options o;
        o.timestamps = q.flag("timestamps");
        for (const char* k : {"tailLines", "limitBytes", "sinceSeconds"}) {
            const auto* v = q.find(k);
            if (!v) continue;
            auto n = detail::parse_int(*v);
            if (!n || *n < 0 || (std::string_view(k) == "sinceSeconds" && *n == 0))
                return detail::status_response(api::errors::invalid(
                    "PodLogOptions", "", {api::field::invalid(api::field::path(k), *v, "must be greater than 0")}));
            if (std::string_view(k) == "tailLines") o.tail_lines = *n;
            else if (std::string_view(k) == "limitBytes") o.limit_bytes = *n;
            else o.since = store().now() - std::chrono::seconds(*n);
        }
        if (const auto* st = q.find("sinceTime")) {
            auto t = sim::parse_rfc3339(*st);
            if (!t) return detail::status_response(api::errors::bad_request("sinceTime: invalid value \"" + *st + "\""));
            o.since = *t;
        }
        auto inst = c->log_source(r.ns, r.name, container, previous);
        std::size_t end = inst->log.size();
        std::string text = detail::render_log(*inst, o, end);
        if (follow) {
            auto s = std::make_shared<detail::log_stream>(*c, r.ns, r.name, container, std::move(inst), end, o,
                                                          std::move(text), &open_streams);
            response out;
            out.content_type = "text/plain";
            out.stream = std::move(s);
            return out;
        }
        response out;
        out.content_type = "text/plain";
        out.body = std::move(text);
        return out;
    }
};

rest_api::rest_api(cluster& c) : impl_(std::make_unique<impl>(c)) {}
rest_api::~rest_api() = default;

response rest_api::handle(const request& req) {
    auto r = impl_->handle(req);
    if (r.value && !req.want_value) {
        detail::append_json(r.body, *r.value);
        r.value.reset();
    }
    return r;
}

std::size_t rest_api::open_streams() const { return impl_->open_streams; }

std::string rest_api::exec_status(int exit_code) {
    nlohmann::json j;
    j["metadata"] = nlohmann::json::object();
    if (exit_code == 0) {
        j["status"] = "Success";
    } else {
        j["status"] = "Failure";
        j["message"] = "command terminated with non-zero exit code: error executing command [exit " +
                       std::to_string(exit_code) + "], exit code " + std::to_string(exit_code);
        j["reason"] = "NonZeroExitCode";
        j["details"]["causes"] = nlohmann::json::array({{{"reason", "ExitCode"}, {"message", std::to_string(exit_code)}}});
    }
    return j.dump();
}

std::optional<exec_request> rest_api::parse_exec(const request& req, response& error) {
    auto r = impl_->parse_exec(req, error);
    if (error.value && error.body.empty()) {
        detail::append_json(error.body, *error.value);
        error.value.reset();
    }
    return r;
}

}  // namespace kubesim::server
