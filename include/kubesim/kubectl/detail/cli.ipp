// Definitions of kubectl/detail/cli.hpp.
#pragma once

#include <kubesim/kubectl/detail/cli.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

#include <kubesim/cluster.hpp>
#include <kubesim/server/rest.hpp>
#include <kubesim/sim/clock.hpp>

namespace kubesim::kubectl::detail {

// ---- errors -----------------------------------------------------------------------

status_error::status_error(json s) : std::runtime_error(s.value("message", std::string())), status(std::move(s)) {}

std::string status_error::reason() const { return status.value("reason", std::string()); }

int status_error::code() const { return status.value("code", 0); }

std::string status_error::kubectl_message() const {
    // cmdutil.StandardErrorMessage: the reason in parentheses when there is one.
    const std::string r = reason();
    if (r == "Unauthorized") return "error: You must be logged in to the server (" + std::string(what()) + ")";
    if (!r.empty()) return "Error from server (" + r + "): " + what();
    return std::string("Error from server: ") + what();
}

// ---- flags ------------------------------------------------------------------------

namespace {

inline std::optional<bool> parse_go_bool(std::string_view v) {
    if (v == "1" || v == "t" || v == "T" || v == "true" || v == "TRUE" || v == "True") return true;
    if (v == "0" || v == "f" || v == "F" || v == "false" || v == "FALSE" || v == "False") return false;
    return std::nullopt;
}

// strconv.ParseInt(s, 0, 64): base prefixes 0x, 0o, 0b and a leading 0 (octal);
// underscores only with a prefix.
inline std::optional<std::int64_t> parse_go_int(std::string_view s, bool& range) {
    range = false;
    std::string_view v = s;
    bool neg = false;
    if (!v.empty() && (v[0] == '+' || v[0] == '-')) {
        neg = v[0] == '-';
        v.remove_prefix(1);
    }
    int base = 10;
    bool prefixed = false;
    if (v.size() > 1 && v[0] == '0') {
        const char p = static_cast<char>(v[1] | 0x20);
        if (p == 'x') base = 16, prefixed = true, v.remove_prefix(2);
        else if (p == 'o') base = 8, prefixed = true, v.remove_prefix(2);
        else if (p == 'b') base = 2, prefixed = true, v.remove_prefix(2);
        else base = 8, v.remove_prefix(1), prefixed = true;
    }
    std::string digits;
    for (char c : v) {
        if (c == '_' && prefixed) continue;
        digits += c;
    }
    if (digits.empty()) return std::nullopt;
    unsigned long long u = 0;
    auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), u, base);
    if (p != digits.data() + digits.size()) return std::nullopt;
    if (ec == std::errc::result_out_of_range || u > (neg ? 9223372036854775808ULL : 9223372036854775807ULL)) {
        range = true;
        return std::nullopt;
    }
    return neg ? static_cast<std::int64_t>(0 - u) : static_cast<std::int64_t>(u);
}

}  // namespace

std::optional<double> parse_go_duration(std::string_view s) {
    // [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ ; "0" alone is allowed.
    std::string_view v = s;
    bool neg = false;
    if (!v.empty() && (v[0] == '-' || v[0] == '+')) {
        neg = v[0] == '-';
        v.remove_prefix(1);
    }
    if (v == "0") return 0.0;
    if (v.empty()) return std::nullopt;
    double total = 0;
    while (!v.empty()) {
        std::size_t i = 0;
        while (i < v.size() && ((v[i] >= '0' && v[i] <= '9') || v[i] == '.')) ++i;
        if (i == 0) return std::nullopt;
        const std::string num(v.substr(0, i));
        if (num == ".") return std::nullopt;
        const double x = std::strtod(num.c_str(), nullptr);
        v.remove_prefix(i);
        std::size_t j = 0;
        while (j < v.size() && !((v[j] >= '0' && v[j] <= '9') || v[j] == '.')) ++j;
        const std::string_view unit = v.substr(0, j);
        v.remove_prefix(j);
        double scale = 0;
        if (unit == "ns") scale = 1e-9;
        else if (unit == "us" || unit == "\xC2\xB5s" || unit == "\xCE\xBCs") scale = 1e-6;
        else if (unit == "ms") scale = 1e-3;
        else if (unit == "s") scale = 1;
        else if (unit == "m") scale = 60;
        else if (unit == "h") scale = 3600;
        else return std::nullopt;
        total += x * scale;
    }
    return neg ? -total : total;
}

flag& flag_set::add(std::string name, char shorthand, flag::type t, std::string def) {
    auto f = std::make_unique<flag>();
    f->name = std::move(name);
    f->shorthand = shorthand;
    f->t = t;
    f->default_value = std::move(def);
    flags_.push_back(std::move(f));
    return *flags_.back();
}

flag* flag_set::by_name(std::string_view name) {
    for (auto& f : flags_)
        if (f->name == name) return f.get();
    return nullptr;
}

flag* flag_set::by_short(char c) {
    for (auto& f : flags_)
        if (f->shorthand == c) return f.get();
    return nullptr;
}

const flag* flag_set::find(std::string_view name) const {
    for (const auto& f : flags_)
        if (f->name == name) return f.get();
    return nullptr;
}

void flag_set::give(flag& f, const std::string& value, const std::string&) {
    const std::string shown = f.shorthand ? std::string("-") + f.shorthand + ", --" + f.name : "--" + f.name;
    const auto invalid = [&](const std::string& why) {
        throw flag_error("invalid argument " + go_quote(value) + " for " + go_quote(shown) + " flag: " + why);
    };
    switch (f.t) {
    case flag::type::boolean:
        if (!parse_go_bool(value)) invalid("strconv.ParseBool: parsing " + go_quote(value) + ": invalid syntax");
        break;
    case flag::type::integer: {
        bool range = false;
        if (!parse_go_int(value, range))
            invalid("strconv.ParseInt: parsing " + go_quote(value) + (range ? ": value out of range" : ": invalid syntax"));
        break;
    }
    case flag::type::duration:
        if (!parse_go_duration(value)) invalid("time: invalid duration " + go_quote(value));
        break;
    case flag::type::number: {
        char* end = nullptr;
        (void)std::strtod(value.c_str(), &end);
        if (value.empty() || *end) invalid("strconv.ParseFloat: parsing " + go_quote(value) + ": invalid syntax");
        break;
    }
    default:
        break;
    }
    f.set = true;
    f.values.push_back(value);
}

std::vector<std::string> flag_set::parse(const std::vector<std::string>& args) {
    std::vector<std::string> positional;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "--") {
            dash_at = static_cast<int>(positional.size());
            positional.insert(positional.end(), args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
            break;
        }
        if (a.size() < 2 || a[0] != '-') {
            positional.push_back(a);
            continue;
        }
        if (a[1] == '-') {
            const auto eq = a.find('=');
            const std::string name = a.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
            flag* f = by_name(name);
            if (!f || name.empty()) throw flag_error("unknown flag: --" + name);
            if (eq != std::string::npos) give(*f, a.substr(eq + 1), a);
            else if (f->t == flag::type::boolean) give(*f, "true", a);
            else if (i + 1 < args.size()) give(*f, args[++i], a);
            else throw flag_error("flag needs an argument: --" + name);
            continue;
        }
        // Shorthands: -abc, -n value, -nvalue, -n=value.
        for (std::size_t k = 1; k < a.size(); ++k) {
            const char c = a[k];
            flag* f = by_short(c);
            if (!f) throw flag_error(std::string("unknown shorthand flag: '") + c + "' in " + a);
            if (f->t == flag::type::boolean) {
                if (k + 1 < a.size() && a[k + 1] == '=') {
                    give(*f, a.substr(k + 2), a);
                    break;
                }
                give(*f, "true", a);
                continue;
            }
            if (k + 1 < a.size()) {
                give(*f, a.substr(a[k + 1] == '=' ? k + 2 : k + 1), a);
            } else if (i + 1 < args.size()) {
                give(*f, args[++i], a);
            } else {
                throw flag_error(std::string("flag needs an argument: '") + c + "' in -" + c);
            }
            break;
        }
    }
    return positional;
}

bool flag_set::changed(std::string_view name) const {
    const auto* f = find(name);
    return f && f->set;
}

std::string flag_set::str(std::string_view name) const {
    const auto* f = find(name);
    return f ? f->value() : std::string();
}

bool flag_set::on(std::string_view name) const {
    const auto* f = find(name);
    return f && parse_go_bool(f->value()).value_or(false);
}

std::int64_t flag_set::num(std::string_view name) const {
    const auto* f = find(name);
    bool range = false;
    return f ? parse_go_int(f->value(), range).value_or(0) : 0;
}

double flag_set::seconds(std::string_view name) const {
    const auto* f = find(name);
    return f ? parse_go_duration(f->value()).value_or(0) : 0;
}

std::vector<std::string> flag_set::list(std::string_view name) const {
    std::vector<std::string> out;
    const auto* f = find(name);
    if (!f) return out;
    // pflag's StringSlice reads each value as CSV; StringArray keeps it whole.
    // kubectl's -f, -l and friends are what commands choose; here: split.
    for (const auto& v : f->values) {
        std::size_t start = 0;
        for (;;) {
            const auto comma = v.find(',', start);
            out.push_back(v.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    return out;
}

// ---- tabwriter ---------------------------------------------------------------------

namespace {

inline int rune_count(std::string_view s) {
    int n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

}  // namespace

void tabwriter::end_cell(bool htab) {
    cell_.htab = htab;
    lines_.back().push_back(cell_);
    cell_ = {};
}

void tabwriter::write(std::string_view text) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char ch = text[i];
        if (ch != '\t' && ch != '\v' && ch != '\n' && ch != '\f') continue;
        const std::string_view piece = text.substr(n, i - n);
        buf_.append(piece);
        cell_.size += piece.size();
        cell_.width += rune_count(piece);
        n = i + 1;
        end_cell(ch == '\t');
        const std::size_t ncells = lines_.back().size();
        if (ch == '\n' || ch == '\f') {
            lines_.emplace_back();
            if (ch == '\f' || ncells == 1) flush_into(out_);
        }
    }
    const std::string_view rest = text.substr(n);
    buf_.append(rest);
    cell_.size += rest.size();
    cell_.width += rune_count(rest);
}

void tabwriter::flush_into(std::string& out) {
    if (cell_.size > 0) end_cell(false);
    std::size_t pos = 0;
    format(out, pos, 0, lines_.size());
    buf_.clear();
    cell_ = {};
    lines_.assign(1, {});
    widths_.clear();
}

std::string tabwriter::flush() {
    flush_into(out_);
    return std::exchange(out_, {});
}

void tabwriter::write_lines(std::string& out, std::size_t& pos, std::size_t line0, std::size_t line1) {
    for (std::size_t i = line0; i < line1; ++i) {
        const auto& line = lines_[i];
        for (std::size_t j = 0; j < line.size(); ++j) {
            const cell& c = line[j];
            if (c.size > 0) {
                out.append(buf_, pos, c.size);
                pos += c.size;
            }
            if (j < widths_.size()) out.append(static_cast<std::size_t>(std::max(0, widths_[j] - c.width)), ' ');
        }
        if (i + 1 == lines_.size()) {
            out.append(buf_, pos, cell_.size);
            pos += cell_.size;
        } else {
            out += '\n';
        }
    }
}

void tabwriter::format(std::string& out, std::size_t& pos, std::size_t line0, std::size_t line1) {
    const std::size_t column = widths_.size();
    for (std::size_t cur = line0; cur < line1; ++cur) {
        if (column + 1 >= lines_[cur].size()) continue;
        write_lines(out, pos, line0, cur);
        line0 = cur;
        int width = minwidth_;
        for (; cur < line1; ++cur) {
            const auto& line = lines_[cur];
            if (column + 1 >= line.size()) break;
            width = std::max(width, line[column].width + padding_);
        }
        if (remember_) {
            if (maxwidths_.size() < widths_.size())
                maxwidths_.insert(maxwidths_.end(), widths_.begin() + static_cast<std::ptrdiff_t>(maxwidths_.size()),
                                  widths_.end());
            if (maxwidths_.size() == widths_.size()) maxwidths_.push_back(width);
            else if (maxwidths_[column] > width) width = maxwidths_[column];
            else maxwidths_[column] = width;
        }
        widths_.push_back(width);
        format(out, pos, line0, cur);
        widths_.pop_back();
        // Line `cur` lacks this column (or is line1): the loop's ++ steps past it.
        line0 = cur;
    }
    write_lines(out, pos, line0, line1);
}

// ---- the API --------------------------------------------------------------------------

const json& reply::parsed() const {
    if (!value) {
        auto v = json::parse(body, nullptr, false);
        if (v.is_discarded()) v = nullptr;
        const_cast<reply*>(this)->value = std::make_shared<const json>(std::move(v));
    }
    return *value;
}

reply client::list_objects(const std::string& target) {
    return call("GET", target, {}, "application/json", "application/json", true);
}

reply client::call(std::string_view method, const std::string& target, std::string body,
                   std::string_view content_type, std::string_view accept, bool want_objects) {
    server::request req;
    req.method = std::string(method);
    req.target = target;
    req.accept = std::string(accept);
    req.content_type = body.empty() ? std::string() : std::string(content_type);
    req.user_agent = "kubectl/v1.33.0 (linux/amd64) kubernetes/kubesim";
    req.body = std::move(body);
    req.want_value = true;
    req.want_objects = want_objects;
    settle();
    auto resp = api_->handle(req);
    settle();
    reply r;
    r.status = resp.status;
    r.body = std::move(resp.body);
    r.value = std::move(resp.value);
    r.objects = std::move(resp.objects);
    for (const auto& [k, v] : resp.headers) {
        if (k != "Warning") continue;
        // `299 - "text"`
        const auto q = v.find('"');
        std::string text = q == std::string::npos ? v : v.substr(q + 1);
        if (!text.empty() && text.back() == '"') text.pop_back();
        // The quoted-string's escapes (\" and \\), as client-go reads them.
        std::string plain;
        for (std::size_t i = 0; i < text.size(); ++i) {
            if (text[i] == '\\' && i + 1 < text.size()) ++i;
            plain += text[i];
        }
        text = std::move(plain);
        if (warning_sink) *warning_sink += "Warning: " + text + "\n";
        r.warnings.push_back(text);
    }
    if (resp.stream) {
        // A streamed body (follow, watch) read to what is there now.
        r.body += resp.stream->take();
    }
    return r;
}

void client::settle() {
    if (cluster_) cluster_->engine().run_due();
}

watch_events client::watch(const std::string& target, std::string_view accept) {
    server::request req;
    req.method = "GET";
    req.target = target;
    req.accept = std::string(accept);
    req.user_agent = "kubectl/v1.33.0 (linux/amd64) kubernetes/kubesim";
    settle();
    auto resp = api_->handle(req);
    settle();
    if (resp.status / 100 != 2 || !resp.stream) {
        reply r;
        r.body = std::move(resp.body);
        r.value = std::move(resp.value);
    r.objects = std::move(resp.objects);
        throw status_error(r.parsed());
    }
    return watch_events(std::move(resp.stream));
}

std::vector<json> watch_events::take() {
    std::vector<json> out;
    if (!stream_) return out;
    partial_ += stream_->take();
    std::size_t start = 0;
    for (;;) {
        const auto nl = partial_.find('\n', start);
        if (nl == std::string::npos) break;
        if (nl > start) out.push_back(json::parse(partial_.begin() + static_cast<std::ptrdiff_t>(start),
                                                  partial_.begin() + static_cast<std::ptrdiff_t>(nl)));
        start = nl + 1;
    }
    partial_.erase(0, start);
    return out;
}

bool watch_events::finished() const { return !stream_ || stream_->finished(); }


streamed_reply client::stream(const std::string& target, std::string_view accept) {
    server::request req;
    req.method = "GET";
    req.target = target;
    req.accept = std::string(accept);
    req.user_agent = "kubectl/v1.33.0 (linux/amd64) kubernetes/kubesim";
    settle();
    auto resp = api_->handle(req);
    settle();
    streamed_reply r;
    r.status = resp.status;
    r.body = std::move(resp.body);
    r.stream = std::move(resp.stream);
    return r;
}

json client::get(const std::string& target) {
    auto r = call("GET", target);
    if (r.status / 100 != 2) throw status_error(r.parsed());
    return r.parsed();
}

json client::send(std::string_view method, const std::string& target, const json& body, std::string_view content_type) {
    auto r = call(method, target, body.dump(), content_type);
    if (r.status / 100 != 2) throw status_error(r.parsed());
    return r.parsed();
}

std::string resource_info::kind_group() const {
    std::string k = kind;
    std::transform(k.begin(), k.end(), k.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return group.empty() ? k : k + "." + group;
}

std::string resource_info::path(std::string_view ns, std::string_view name) const {
    std::string p = group.empty() ? "/api/" + version : "/apis/" + group + "/" + version;
    if (namespaced && !ns.empty()) p += "/namespaces/" + std::string(ns);
    p += "/" + resource;
    if (!name.empty()) p += "/" + std::string(name);
    return p;
}

void mapper::load(const json& core, const json& apis) {
    resources_.clear();
    for (const json* doc : {&core, &apis}) {
        for (const auto& g : doc->value("items", json::array())) {
            const std::string group = g["metadata"].value("name", std::string());
            const auto& versions = g.value("versions", json::array());
            if (versions.empty()) continue;
            const auto& v = versions[0];  // the preferred version
            for (const auto& r : v.value("resources", json::array())) {
                resource_info info;
                info.group = group;
                info.version = v.value("version", std::string());
                info.resource = r.value("resource", std::string());
                info.kind = r["responseKind"].value("kind", std::string());
                info.singular = r.value("singularResource", std::string());
                info.namespaced = r.value("scope", std::string()) == "Namespaced";
                info.short_names = r.value("shortNames", std::vector<std::string>{});
                info.categories = r.value("categories", std::vector<std::string>{});
                info.verbs = r.value("verbs", std::vector<std::string>{});
                resources_.push_back(std::move(info));
            }
        }
    }
}

const resource_info* mapper::find(std::string_view token) const {
    // resource[.version][.group] or resource[.group]; names compare lowercased.
    std::string t(token);
    std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto dot = t.find('.');
    const std::string head = t.substr(0, dot);
    const std::string tail = dot == std::string::npos ? std::string() : t.substr(dot + 1);
    const auto lower = [](std::string s) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return s;
    };
    const auto matches_name = [&](const resource_info& r) {
        if (r.resource == head || r.singular == head || lower(r.kind) == head) return true;
        return std::find(r.short_names.begin(), r.short_names.end(), head) != r.short_names.end();
    };
    for (const auto& r : resources_) {
        if (!matches_name(r)) continue;
        if (tail.empty()) return &r;
        if (tail == r.group || tail == r.version + "." + r.group || (r.group.empty() && tail == r.version)) return &r;
    }
    return nullptr;
}

const resource_info* mapper::by_kind(std::string_view group, std::string_view kind) const {
    for (const auto& r : resources_)
        if (r.group == group && r.kind == kind) return &r;
    return nullptr;
}

std::vector<const resource_info*> mapper::category(std::string_view name) const {
    std::vector<const resource_info*> out;
    for (const auto& r : resources_)
        if (std::find(r.categories.begin(), r.categories.end(), name) != r.categories.end()) out.push_back(&r);
    return out;
}

// ---- a running command ------------------------------------------------------------------

std::int64_t context::now_unix() const {
    return sim::epoch_unix_seconds +
           std::chrono::duration_cast<std::chrono::seconds>(c->now() - sim::time_point{}).count();
}

std::string query_escape(std::string_view s) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : s) {
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
            c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else if (c == ' ') {
            out += '+';
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::vector<target> resource_args(const context& ctx, const std::vector<std::string>& args) {
    std::vector<target> out;
    if (args.empty()) return out;
    const auto unknown = [](const std::string& t) {
        return exit_error("error: the server doesn't have a resource type " + go_quote(t) + "\n");
    };
    const auto lookup = [&](const std::string& t) -> std::vector<const resource_info*> {
        if (const auto* r = ctx.rm->find(t)) return {r};
        auto cat = ctx.rm->category(t);
        if (!cat.empty()) return cat;
        throw unknown(t);
    };
    const bool slash_form = args[0].find('/') != std::string::npos;
    if (slash_form) {
        for (const auto& a : args) {
            const auto slash = a.find('/');
            if (slash == std::string::npos)
                throw exit_error("error: there is no need to specify a resource type as a separate argument when "
                                 "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' "
                                 "instead of 'kubectl get resource resource/<resource_name>'\n");
            const std::string type = a.substr(0, slash), name = a.substr(slash + 1);
            const auto* r = ctx.rm->find(type);
            if (!r) throw unknown(type);
            if (!out.empty() && out.back().info == r) out.back().names.push_back(name);
            else out.push_back({r, {name}});
        }
        return out;
    }
    std::vector<const resource_info*> types;
    std::size_t start = 0;
    const std::string& list = args[0];
    for (;;) {
        const auto comma = list.find(',', start);
        const std::string t = list.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        if (!t.empty())
            for (const auto* r : lookup(t))
                if (std::find(types.begin(), types.end(), r) == types.end()) types.push_back(r);
        if (comma == std::string::npos) break;
        start = comma + 1;
    }
    std::vector<std::string> names(args.begin() + 1, args.end());
    for (const auto& n : names)
        if (n.find('/') != std::string::npos)
            throw exit_error("error: there is no need to specify a resource type as a separate argument when "
                             "passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' "
                             "instead of 'kubectl get resource resource/<resource_name>'\n");
    for (const auto* r : types) out.push_back({r, names});
    return out;
}

void add_global_flags(flag_set& f) {
    f.string("namespace", 'n');
    f.string("kubeconfig");
    f.string("context");
    f.string("cluster");
    f.string("user");
    f.string("server", 's');
    f.string("request-timeout", 0, "0");
    f.string("cache-dir");
    f.string("token");
    f.string("as");
    f.strings("as-group");
    f.string("as-uid");
    f.string("certificate-authority");
    f.string("client-certificate");
    f.string("client-key");
    f.string("tls-server-name");
    f.string("username");
    f.string("password");
    f.boolean("insecure-skip-tls-verify");
    f.boolean("match-server-version");
    f.boolean("warnings-as-errors");
    f.boolean("disable-compression");
    f.string("profile", 0, "none");
    f.string("profile-output", 0, "profile.pprof");
    f.integer("v", 'v');
    f.string("vmodule");
    f.duration("log-flush-frequency", 0, "5s");
}

void apply_global_flags(const flag_set& f, context& ctx) {
    if (f.changed("namespace")) {
        ctx.ns = f.str("namespace");
        ctx.ns_given = true;
    }
    const std::string t = f.str("request-timeout");
    if (!t.empty() && t != "0") {
        // A bare integer is seconds; else a Go duration.
        bool all_digits = std::all_of(t.begin(), t.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (all_digits) ctx.request_timeout = std::strtod(t.c_str(), nullptr);
        else if (auto d = parse_go_duration(t)) ctx.request_timeout = *d;
        else
            throw exit_error("error: invalid timeout value. Timeout must be a single integer in seconds, or an "
                             "integer followed by a corresponding time unit (e.g. 1s | 2m | 3h)\n");
    }
}

std::string go_quote(std::string_view s) {
    std::string out = "\"";
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '\a': out += "\\a"; break;
        case '\b': out += "\\b"; break;
        case '\f': out += "\\f"; break;
        case '\v': out += "\\v"; break;
        default:
            if (c < 0x20 || c == 0x7f) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

}  // namespace kubesim::kubectl::detail
