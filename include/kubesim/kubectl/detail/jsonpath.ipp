// JSONPath and Go templates as kubectl runs them: parsers, evaluators and Go's value formatting.
#pragma once

#include <kubesim/kubectl/detail/jsonpath.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <utility>

#include <kubesim/sim/charconv.hpp>

namespace kubesim::kubectl::detail {

// ---- Go's formatting of decoded JSON values ---------------------------------------

namespace gofmt {

// strconv.FormatFloat(d, 'g', -1, 64), which is what fmt's %v prints: the
// shortest digits that round-trip, in exponent form below 1e-4 and from 1e6
// (a float64 1.5e7 prints "1.5e+07").
KUBESIM_DECL std::string float_v(double d) {
    if (std::isnan(d))
        return "NaN";
    if (std::isinf(d))
        return d > 0 ? "+Inf" : "-Inf";
    char buf[64];
    auto r = sim::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
    std::string sci(buf, r.ptr);
    int exp = std::atoi(sci.c_str() + sci.find('e') + 1);
    if (exp < -4 || exp >= 6)
        return sci;
    r = sim::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    return std::string(buf, r.ptr);
}

// encoding/json's float64 encoding: fixed notation between 1e-6 and 1e21,
// otherwise exponent form with a one-digit negative exponent ("1e-7").
KUBESIM_DECL std::string float_json(double d) {
    char buf[64];
    double a = std::fabs(d);
    if (a != 0 && (a < 1e-6 || a >= 1e21)) {
        auto r = sim::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
        std::string s(buf, r.ptr);
        auto n = s.size();
        if (n >= 4 && s[n - 4] == 'e' && s[n - 3] == '-' && s[n - 2] == '0')
            s.erase(n - 2, 1);
        return s;
    }
    auto r = sim::to_chars(buf, buf + sizeof buf, d, std::chars_format::fixed);
    return std::string(buf, r.ptr);
}

KUBESIM_DECL void append_number(std::string& out, const json& v) {
    if (v.is_number_unsigned())
        out += std::to_string(v.get<std::uint64_t>());
    else if (v.is_number_integer())
        out += std::to_string(v.get<std::int64_t>());
    else
        out += float_v(v.get<double>());
}

KUBESIM_DECL void sprint_v(std::string& out, const json& v) {
    switch (v.type()) {
    case json::value_t::null: out += "<nil>"; break;
    case json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; break;
    case json::value_t::string: out += v.get_ref<const std::string&>(); break;
    case json::value_t::array: {
        out += '[';
        bool first = true;
        for (const auto& e : v) {
            if (!first)
                out += ' ';
            first = false;
            sprint_v(out, e);
        }
        out += ']';
        break;
    }
    case json::value_t::object: {
        // fmt prints maps with their keys sorted, as nlohmann keeps them.
        out += "map[";
        bool first = true;
        for (const auto& [k, e] : v.items()) {
            if (!first)
                out += ' ';
            first = false;
            out += k;
            out += ':';
            sprint_v(out, e);
        }
        out += ']';
        break;
    }
    default: append_number(out, v); break;
    }
}

KUBESIM_DECL void marshal_string(std::string& out, const std::string& s) {
    static constexpr char hex[] = "0123456789abcdef";
    out += '"';
    for (std::size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"': out += "\\\""; continue;
        case '\\': out += "\\\\"; continue;
        case '\n': out += "\\n"; continue;
        case '\r': out += "\\r"; continue;
        case '\t': out += "\\t"; continue;
        case '\b': out += "\\b"; continue;
        case '\f': out += "\\f"; continue;
        default: break;
        }
        // Go escapes <, > and & so that the output can sit in HTML.
        if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
            continue;
        }
        // U+2028 and U+2029 are line terminators to JavaScript.
        if (c == 0xe2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) & 0xfe) == 0xa8) {
            out += static_cast<unsigned char>(s[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029";
            i += 2;
            continue;
        }
        out += static_cast<char>(c);
    }
    out += '"';
}

KUBESIM_DECL void marshal(std::string& out, const json& v) {
    switch (v.type()) {
    case json::value_t::null: out += "null"; break;
    case json::value_t::boolean: out += v.get<bool>() ? "true" : "false"; break;
    case json::value_t::string: marshal_string(out, v.get_ref<const std::string&>()); break;
    case json::value_t::array: {
        out += '[';
        bool first = true;
        for (const auto& e : v) {
            if (!first)
                out += ',';
            first = false;
            marshal(out, e);
        }
        out += ']';
        break;
    }
    case json::value_t::object: {
        out += '{';
        bool first = true;
        for (const auto& [k, e] : v.items()) {
            if (!first)
                out += ',';
            first = false;
            marshal_string(out, k);
            out += ':';
            marshal(out, e);
        }
        out += '}';
        break;
    }
    case json::value_t::number_float: out += float_json(v.get<double>()); break;
    default: append_number(out, v); break;
    }
}

// The Go type a decoded JSON value has, as error messages name it.
KUBESIM_DECL std::string type_name(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return "<nil>";
    case json::value_t::boolean: return "bool";
    case json::value_t::string: return "string";
    case json::value_t::array: return "[]interface {}";
    case json::value_t::object: return "map[string]interface {}";
    case json::value_t::number_float: return "float64";
    default: return "int64";
    }
}

// fmt's %#U of a rune: U+0023 '#'.
KUBESIM_DECL std::string rune_u(std::uint32_t r, std::string_view utf8) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "U+%04X", r);
    std::string s = buf;
    if (r >= 0x20 && r != 0x7f)
        s += " '" + std::string(utf8) + "'";
    return s;
}

}  // namespace gofmt

KUBESIM_DECL std::string go_sprint(const json& value) {
    std::string out;
    gofmt::sprint_v(out, value);
    return out;
}

KUBESIM_DECL std::string go_json_marshal(const json& value) {
    std::string out;
    gofmt::marshal(out, value);
    return out;
}

// ---- JSONPath -------------------------------------------------------------------

struct jsonpath_node {
    enum class kind {
        list, text, field, array, filter, integer, floating, boolean, wildcard, recursive, union_, identifier
    };
    struct param {
        bool known = false;
        long long value = 0;
        bool derived = false;
    };
    kind k = kind::list;
    std::string text;                  // text, field name, identifier, filter operator
    std::vector<jsonpath_node> nodes;  // list: children; union: lists; filter: left, right
    std::array<param, 3> params{};
    long long integer = 0;
    double floating = 0;
    bool boolean = false;
};

namespace jp {

using node = jsonpath_node;
using nk = jsonpath_node::kind;

[[noreturn]] KUBESIM_DECL void fail(const std::string& m) { throw jsonpath_error(m); }

KUBESIM_DECL bool is_terminator(long r) {
    switch (r) {
    case -1: case ' ': case '\t': case '\r': case '\n': case '.': case ',': case '[': case ']': case '$': case '@':
    case '{': case '}': return true;
    default: return false;
    }
}

// Letters beyond ASCII count as letters, as unicode.IsLetter takes most of them.
KUBESIM_DECL bool is_alnum(long r) { return r == '_' || (r >= 0 && r < 128 && std::isalnum(int(r))) || r >= 128; }
KUBESIM_DECL bool is_digit(long r) { return r >= '0' && r <= '9'; }

// strconv.UnquoteChar over a quoted string (single or double quotes).
KUBESIM_DECL std::optional<std::string> unquote(std::string_view s) {
    if (s.size() < 2 || s.front() != s.back() || (s.front() != '"' && s.front() != '\''))
        return std::nullopt;
    char q = s.front();
    s = s.substr(1, s.size() - 2);
    std::string out;
    auto put_rune = [&](std::uint32_t c) {
        if (c < 0x80) {
            out += char(c);
        } else if (c < 0x800) {
            out += char(0xc0 | (c >> 6)), out += char(0x80 | (c & 0x3f));
        } else if (c < 0x10000) {
            out += char(0xe0 | (c >> 12)), out += char(0x80 | ((c >> 6) & 0x3f)), out += char(0x80 | (c & 0x3f));
        } else {
            out += char(0xf0 | (c >> 18)), out += char(0x80 | ((c >> 12) & 0x3f));
            out += char(0x80 | ((c >> 6) & 0x3f)), out += char(0x80 | (c & 0x3f));
        }
    };
    for (std::size_t i = 0; i < s.size();) {
        char c = s[i];
        if (c == q)
            return std::nullopt;
        if (c != '\\') {
            out += c;
            ++i;
            continue;
        }
        if (++i >= s.size())
            return std::nullopt;
        char e = s[i++];
        auto hexn = [&](int n) -> std::optional<std::uint32_t> {
            if (i + n > s.size())
                return std::nullopt;
            std::uint32_t v = 0;
            for (int k = 0; k < n; ++k) {
                char h = s[i++];
                int d = std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
                        : (h >= 'a' && h <= 'f')                   ? h - 'a' + 10
                        : (h >= 'A' && h <= 'F')                   ? h - 'A' + 10
                                                                   : -1;
                if (d < 0)
                    return std::nullopt;
                v = v * 16 + std::uint32_t(d);
            }
            return v;
        };
        switch (e) {
        case 'a': out += '\a'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'v': out += '\v'; break;
        case '\\': out += '\\'; break;
        case '\'': case '"':
            if (e != q)
                return std::nullopt;
            out += e;
            break;
        case 'x': {
            auto v = hexn(2);
            if (!v)
                return std::nullopt;
            out += char(*v);
            break;
        }
        case 'u': case 'U': {
            auto v = hexn(e == 'u' ? 4 : 8);
            if (!v || *v > 0x10ffff)
                return std::nullopt;
            put_rune(*v);
            break;
        }
        default:
            if (e >= '0' && e <= '7') {
                if (i + 2 > s.size())
                    return std::nullopt;
                int v = (e - '0') * 64 + (s[i] - '0') * 8 + (s[i + 1] - '0');
                if (s[i] < '0' || s[i] > '7' || s[i + 1] < '0' || s[i + 1] > '7' || v > 255)
                    return std::nullopt;
                i += 2;
                out += char(v);
                break;
            }
            return std::nullopt;
        }
    }
    return out;
}

// client-go's parser, a scanner over runes that appends nodes to the current
// action's list.
class parser {
public:
    explicit parser(std::string_view in) : in_(in) {}

    node parse() {
        node root;
        for (;;) {
            if (in_.substr(pos_).starts_with("{")) {
                if (pos_ > start_)
                    root.nodes.push_back(text(consume()));
                pos_ += 1;
                consume();
                root.nodes.push_back(node{});
                inside_action(root.nodes.back());
                continue;
            }
            if (next() == -1)
                break;
        }
        if (pos_ > start_)
            root.nodes.push_back(text(consume()));
        return root;
    }

    // An action's text parsed on its own ("{" text "}"): its list.
    static node action(std::string_view text) {
        std::string t = "{" + std::string(text) + "}";
        parser p(t);
        node root = p.parse();
        return root.nodes.empty() ? node{} : std::move(root.nodes.front());
    }

private:
    std::string_view in_;
    std::size_t pos_ = 0, start_ = 0, width_ = 0;

    static node text(std::string s) {
        node n;
        n.k = nk::text;
        n.text = std::move(s);
        return n;
    }

    std::string consume() {
        std::string v(in_.substr(start_, pos_ - start_));
        start_ = pos_;
        return v;
    }

    // The next rune, -1 at the end; multi-byte runes come back as 128+.
    long next() {
        if (pos_ >= in_.size()) {
            width_ = 0;
            return -1;
        }
        auto c = static_cast<unsigned char>(in_[pos_]);
        std::size_t w = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        w = std::min(w, in_.size() - pos_);
        long r = c;
        if (w > 1) {
            r = c & (0x3f >> (w - 1));
            for (std::size_t k = 1; k < w; ++k)
                r = (r << 6) | (static_cast<unsigned char>(in_[pos_ + k]) & 0x3f);
        }
        width_ = w;
        pos_ += w;
        return r;
    }
    long peek() {
        long r = next();
        backup();
        return r;
    }
    void backup() { pos_ -= width_; }

    void inside_action(node& cur) {
        for (;;) {
            auto rest = in_.substr(pos_);
            if (rest.starts_with("}")) {
                pos_ += 1;
                consume();
                return;
            }
            if (rest.starts_with("[?(")) {
                filter(cur);
                continue;
            }
            if (rest.starts_with("..")) {
                recursive(cur);
                continue;
            }
            std::size_t at = pos_;
            long r = next();
            if (r == -1 || r == '\r' || r == '\n')
                fail("unclosed action");
            if (r == ' ' || r == '@' || r == '$') {
                consume();
            } else if (r == '[') {
                array(cur);
            } else if (r == '"' || r == '\'') {
                quote(cur, char(r));
            } else if (r == '.') {
                field(cur);
            } else if (r == '+' || r == '-' || is_digit(r)) {
                backup();
                number(cur);
            } else if (is_alnum(r)) {
                backup();
                identifier(cur);
            } else {
                fail("unrecognized character in action: " + gofmt::rune_u(std::uint32_t(r), in_.substr(at, pos_ - at)));
            }
        }
    }

    void identifier(node& cur) {
        while (!is_terminator(next())) {
        }
        backup();
        std::string v = consume();
        node n;
        if (v == "true" || v == "false") {
            n.k = nk::boolean;
            n.boolean = v == "true";
        } else {
            n.k = nk::identifier;
        }
        n.text = std::move(v);
        cur.nodes.push_back(std::move(n));
    }

    void recursive(node& cur) {
        if (!cur.nodes.empty() && cur.nodes.back().k == nk::recursive)
            fail("invalid multiple recursive descent");
        pos_ += 2;
        consume();
        node n;
        n.k = nk::recursive;
        cur.nodes.push_back(std::move(n));
        if (is_alnum(peek()))
            field(cur);
    }

    void number(node& cur) {
        long r = peek();
        if (r == '+' || r == '-')
            next();
        for (;;) {
            r = next();
            if (r != '.' && !is_digit(r)) {
                backup();
                break;
            }
        }
        std::string v = consume();
        node n;
        const char* b = v.c_str() + (v.starts_with("+") ? 1 : 0);
        const char* e = v.c_str() + v.size();
        long long i = 0;
        if (auto res = std::from_chars(b, e, i); res.ec == std::errc{} && res.ptr == e && b != e) {
            n.k = nk::integer;
            n.integer = i;
        } else {
            double d = 0;
            auto fr = sim::from_chars(b, e, d);
            if (fr.ec != std::errc{} || fr.ptr != e || b == e)
                fail("cannot parse number " + v);
            n.k = nk::floating;
            n.floating = d;
        }
        cur.nodes.push_back(std::move(n));
    }

    void array(node& cur) {
        for (;;) {
            long r = next();
            if (r == -1 || r == '\n')
                fail("unterminated array");
            if (r == ']')
                break;
        }
        std::string t = consume();
        t = t.substr(1, t.size() - 2);
        if (t == "*")
            t = ":";
        // A comma makes a union of bracket expressions, each parsed alone.
        if (t.find(',') != std::string::npos) {
            node u;
            u.k = nk::union_;
            std::size_t b = 0;
            for (;;) {
                auto c = t.find(',', b);
                std::string part = t.substr(b, c == std::string::npos ? std::string::npos : c - b);
                auto f = part.find_first_not_of(' ');
                auto l = part.find_last_not_of(' ');
                part = f == std::string::npos ? "" : part.substr(f, l - f + 1);
                u.nodes.push_back(action("[" + part + "]"));
                if (c == std::string::npos)
                    break;
                b = c + 1;
            }
            cur.nodes.push_back(std::move(u));
            return;
        }
        // ['key'] is the field .key.
        if (t.size() >= 2 && t.front() == '\'' && t.back() == '\'' &&
            t.find('\'', 1) == t.size() - 1) {
            node l = action("." + t.substr(1, t.size() - 2));
            for (auto& n : l.nodes)
                cur.nodes.push_back(std::move(n));
            return;
        }
        // A slice: [start], [start:end], [start:end:step], each part optional.
        std::array<std::string, 3> parts;
        std::array<bool, 3> present{};
        {
            std::size_t i = 0;
            auto digits = [&](std::size_t& j) {
                if (j < t.size() && t[j] == '-')
                    ++j;
                while (j < t.size() && is_digit(t[j]))
                    ++j;
            };
            std::size_t j = i;
            digits(j);
            parts[0] = t.substr(i, j - i);
            present[0] = j > i;
            for (int g = 1; g < 3 && j < t.size() && t[j] == ':'; ++g) {
                std::size_t s = j++;
                digits(j);
                parts[g] = t.substr(s + 1, j - s - 1);
                present[g] = true;
            }
            bool bad = j != t.size();
            for (const auto& p : parts)
                if (p == "-")
                    bad = true;
            if (bad)
                fail("invalid array index " + t);
        }
        node n;
        n.k = nk::array;
        for (int g = 0; g < 3; ++g) {
            auto& p = n.params[g];
            if (present[g] && !(g > 0 && parts[g].empty())) {
                if (!parts[g].empty()) {
                    p.known = true;
                    if (std::from_chars(parts[g].data(), parts[g].data() + parts[g].size(), p.value).ec != std::errc{})
                        fail("array index " + parts[g] + " is not a number");
                }
            } else if (!present[g] && g == 1) {
                p.known = true;
                p.value = n.params[0].value + 1;
                p.derived = true;
            }
        }
        cur.nodes.push_back(std::move(n));
    }

    void filter(node& cur) {
        pos_ += 3;
        consume();
        bool begin = false, end = false;
        long pair = 0;
        for (;;) {
            long r = next();
            if (r == -1 || r == '\n')
                fail("unterminated filter");
            if (r == '"' || r == '\'') {
                if (!begin) {
                    begin = true;
                    pair = r;
                    continue;
                }
                if (in_[pos_ - 2] != '\\' && r == pair)
                    end = true;
            } else if (r == ')' && begin == end) {
                break;
            }
        }
        if (next() != ']')
            fail("unclosed array expect ]");
        std::string t = consume();
        t = t.substr(0, t.size() - 2);
        node f;
        f.k = nk::filter;
        // left operator right, the operator the first run of !<>= characters.
        auto op_at = t.find_first_of("!<>=");
        std::size_t op_end = op_at == std::string::npos ? op_at : t.find_first_not_of("!<>=", op_at);
        if (op_at != std::string::npos && op_end == std::string::npos && t.size() - op_at > 1)
            op_end = t.size() - 1;
        if (op_at == std::string::npos || op_at == 0 || op_end == std::string::npos) {
            f.text = "exists";
            f.nodes.push_back(action(t));
            f.nodes.push_back(node{});
        } else {
            f.text = t.substr(op_at, op_end - op_at);
            f.nodes.push_back(action(t.substr(0, op_at)));
            f.nodes.push_back(action(t.substr(op_end)));
        }
        cur.nodes.push_back(std::move(f));
    }

    void quote(node& cur, char end) {
        for (;;) {
            long r = next();
            if (r == -1 || r == '\n')
                fail("unterminated quoted string");
            if (r == end && in_[pos_ - 2] != '\\')
                break;
        }
        std::string v = consume();
        auto s = unquote(v);
        if (!s)
            fail("unquote string " + v + " error invalid syntax");
        cur.nodes.push_back(text(std::move(*s)));
    }

    void field(node& cur) {
        consume();
        for (;;) {
            long r = next();
            if (r == '\\') {
                next();
            } else if (is_terminator(r)) {
                backup();
                break;
            }
        }
        std::string v = consume();
        node n;
        if (v == "*") {
            n.k = nk::wildcard;
        } else {
            n.k = nk::field;
            std::erase(v, '\\');
            n.text = std::move(v);
        }
        cur.nodes.push_back(std::move(n));
    }
};

using values = std::vector<const json*>;

// Go's basic kinds for the comparisons of filters (text/template's eq and lt).
enum class basic { invalid, boolean, integer, floating, string };

KUBESIM_DECL basic kind_of(const json* v) {
    switch (v->type()) {
    case json::value_t::boolean: return basic::boolean;
    case json::value_t::string: return basic::string;
    case json::value_t::number_float: return basic::floating;
    case json::value_t::number_integer: case json::value_t::number_unsigned: return basic::integer;
    default: return basic::invalid;
    }
}

// client-go's evaluator. {range x}...{end} runs its body once per result of x,
// each time on that result alone, then goes on after {end} on what came before;
// a range over nothing still evaluates its body once, on nothing, for its errors
// (kubectl reports "name is not found" there) but prints none of it.
class executor {
public:
    explicit executor(bool allow_missing) : allow_missing_(allow_missing) {}

    std::vector<values> find_results(const json* data, std::span<const node> nodes) {
        std::vector<values> full;
        run({data}, nodes, full);
        return full;
    }

private:
    bool allow_missing_;

    static bool has_identifier(const node& list, std::string_view name) {
        if (list.k != nk::list)
            return false;
        return std::any_of(list.nodes.begin(), list.nodes.end(),
                           [&](const node& n) { return n.k == nk::identifier && n.text == name; });
    }

    // The index of the {end} closing the {range} at nodes[i] (nodes.size() when unclosed).
    static std::size_t matching_end(std::span<const node> nodes, std::size_t i) {
        int depth = 0;
        for (std::size_t j = i + 1; j < nodes.size(); ++j) {
            if (has_identifier(nodes[j], "range"))
                ++depth;
            else if (has_identifier(nodes[j], "end") && depth-- == 0)
                return j;
        }
        return nodes.size();
    }

    void run(const values& cur, std::span<const node> nodes, std::vector<values>& full) {
        for (std::size_t i = 0; i < nodes.size(); ++i) {
            const node& n = nodes[i];
            values results = walk(cur, n);
            if (!has_identifier(n, "range")) {
                full.push_back(std::move(results));
                continue;
            }
            std::size_t end = matching_end(nodes, i);
            auto body = nodes.subspan(i + 1, end - (i + 1));
            for (const auto* v : results)
                run({v}, body, full);
            if (results.empty()) {
                std::vector<values> discarded;
                static const json null_value;
                run({&null_value}, body, discarded);
            }
            i = end;
        }
    }

    std::deque<json> literals_;

    const json* literal(json v) {
        literals_.push_back(std::move(v));
        return &literals_.back();
    }

    values walk(const values& in, const node& n) {
        switch (n.k) {
        case nk::list: return list(in, n);
        case nk::text: return {literal(n.text)};
        case nk::field: return field(in, n);
        case nk::array: return array(in, n);
        case nk::filter: return filter(in, n);
        case nk::integer: return values(in.size(), literal(n.integer));
        case nk::floating: return values(in.size(), literal(n.floating));
        case nk::wildcard: {
            values out;
            for (const auto* v : in)
                children(v, out);
            return out;
        }
        case nk::recursive: return recursive(in);
        case nk::union_: {
            values out;
            for (const auto& l : n.nodes) {
                auto r = list(in, l);
                out.insert(out.end(), r.begin(), r.end());
            }
            return out;
        }
        case nk::identifier: return identifier(in, n);
        case nk::boolean: return values(in.size(), literal(n.boolean));
        }
        return in;
    }

    values list(const values& in, const node& n) {
        values v = in;
        for (const auto& c : n.nodes)
            v = walk(v, c);
        return v;
    }

    // run() pairs {range} with its {end}; an {end} walked here closes nothing.
    static values identifier(const values& in, const node& n) {
        if (n.text == "range")
            return in;
        if (n.text == "end")
            fail("not in range, nothing to end");
        fail("unrecognized identifier " + n.text);
    }

    values field(const values& in, const node& n) {
        values out;
        if (in.empty())
            return out;
        for (const auto* v : in) {
            if (!v->is_object())
                continue;
            if (auto it = v->find(n.text); it != v->end())
                out.push_back(&*it);
        }
        if (out.empty() && !allow_missing_)
            fail(n.text + " is not found");
        return out;
    }

    values array(const values& in, const node& n) {
        values out;
        for (const auto* v : in) {
            if (v->is_null())
                continue;
            if (!v->is_array())
                fail(gofmt::type_name(*v) + " is not array or slice");
            auto len = static_cast<long long>(v->size());
            auto p = n.params;
            long long start = p[0].known ? p[0].value : 0;
            if (start < 0)
                start += len;
            long long end = p[1].known ? p[1].value : len;
            if (p[1].derived)
                end = start + 1;
            else if (end < 0)
                end += len;
            if (end != start) {
                if (start >= len || start < 0)
                    fail("array index out of bounds: index " + std::to_string(start) + ", length " +
                         std::to_string(len));
                if (end > len)
                    fail("array index out of bounds: index " + std::to_string(end - 1) + ", length " +
                         std::to_string(len));
            }
            long long step = p[2].known && p[2].value > 0 ? p[2].value : 1;
            for (long long i = start; i < end; i += step)
                out.push_back(&(*v)[std::size_t(i)]);
        }
        return out;
    }

    // The values a wildcard or recursive descent sees inside v: a map's values
    // (in key order), a slice's elements, a string's bytes.
    void children(const json* v, values& out) {
        if (v->is_object() || v->is_array()) {
            for (const auto& e : *v)
                out.push_back(&e);
        } else if (v->is_string()) {
            for (unsigned char c : v->get_ref<const std::string&>())
                out.push_back(literal(int(c)));
        }
    }

    values recursive(const values& in) {
        values out;
        for (const auto* v : in) {
            values kids;
            if (!v->is_string())
                children(v, kids);
            if (kids.empty())
                continue;
            out.push_back(v);
            auto deeper = recursive(kids);
            out.insert(out.end(), deeper.begin(), deeper.end());
        }
        return out;
    }

    static bool compare(const std::string& op, const json* l, const json* r) {
        basic kl = kind_of(l), kr = kind_of(r);
        if (kl == basic::invalid || kr == basic::invalid)
            fail("invalid type for comparison");
        if (kl != kr)
            fail("incompatible types for comparison");
        bool equality = op == "==" || op == "!=";
        if (!equality && kl == basic::boolean)
            fail("invalid type for comparison");
        int c = 0;
        switch (kl) {
        case basic::boolean: c = l->get<bool>() == r->get<bool>() ? 0 : 1; break;
        case basic::string: {
            const auto& a = l->get_ref<const std::string&>();
            const auto& b = r->get_ref<const std::string&>();
            c = a < b ? -1 : a == b ? 0 : 1;
            break;
        }
        case basic::integer: {
            auto a = l->get<std::int64_t>(), b = r->get<std::int64_t>();
            c = a < b ? -1 : a == b ? 0 : 1;
            break;
        }
        default: {
            auto a = l->get<double>(), b = r->get<double>();
            c = a < b ? -1 : a == b ? 0 : 1;
            break;
        }
        }
        if (op == "==") return c == 0;
        if (op == "!=") return c != 0;
        if (op == "<") return c < 0;
        if (op == ">") return c > 0;
        if (op == "<=") return c <= 0;
        return c >= 0;
    }

    values filter(const values& in, const node& n) {
        static const std::array<std::string_view, 6> ops = {"==", "!=", "<", ">", "<=", ">="};
        values out;
        for (const auto* v : in) {
            if (!v->is_array())
                fail(go_sprint(*v) + " is not array or slice and cannot be filtered");
            for (const auto& e : *v) {
                values temp{&e};
                if (n.text == "exists") {
                    try {
                        if (!list(temp, n.nodes[0]).empty())
                            out.push_back(&e);
                    } catch (const jsonpath_error&) {
                        // A missing field is no match, --allow-missing-template-keys or not.
                    }
                    continue;
                }
                auto lefts = list(temp, n.nodes[0]);
                if (lefts.empty())
                    continue;
                if (lefts.size() > 1)
                    fail("can only compare one element at a time");
                auto rights = list(temp, n.nodes[1]);
                if (rights.empty())
                    continue;
                if (rights.size() > 1)
                    fail("can only compare one element at a time");
                if (std::find(ops.begin(), ops.end(), n.text) == ops.end())
                    fail("unrecognized filter operator " + n.text);
                if (compare(n.text, lefts[0], rights[0]))
                    out.push_back(&e);
            }
        }
        return out;
    }
};

}  // namespace jp

KUBESIM_DECL jsonpath jsonpath::parse(std::string_view name, std::string_view text) {
    jsonpath j;
    j.name_ = std::string(name);
    j.root_ = std::make_shared<const jsonpath_node>(jp::parser(text).parse());
    return j;
}

KUBESIM_DECL std::string jsonpath::relaxed(std::string_view e) {
    if (e.empty())
        return {};
    std::string_view inner = e;
    if (e.size() >= 2 && e.front() == '{' && e.back() == '}')
        inner = e.substr(1, e.size() - 2);
    if (inner.starts_with("."))
        inner.remove_prefix(1);
    if (inner.empty() || inner.find_first_of("{}") != std::string_view::npos)
        throw jsonpath_error("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' "
                             "or '{.name1.name2}'");
    return "{." + std::string(inner) + "}";
}

KUBESIM_DECL std::vector<std::vector<json>> jsonpath::find_results(const json& data, bool allow_missing_keys) const {
    jp::executor x(allow_missing_keys);
    std::vector<std::vector<json>> out;
    for (const auto& r : x.find_results(&data, root_->nodes)) {
        auto& v = out.emplace_back();
        v.reserve(r.size());
        for (const auto* p : r)
            v.push_back(*p);
    }
    return out;
}

KUBESIM_DECL std::string jsonpath::execute(const json& data, bool allow_missing_keys) const {
    jp::executor x(allow_missing_keys);
    std::string out;
    // Every action runs before anything prints: an error prints nothing.
    for (const auto& r : x.find_results(&data, root_->nodes)) {
        for (std::size_t i = 0; i < r.size(); ++i) {
            const json& v = *r[i];
            if (v.is_object() || v.is_array())
                gofmt::marshal(out, v);
            else if (v.is_null())
                out += "null";
            else
                gofmt::sprint_v(out, v);
            if (i + 1 != r.size())
                out += ' ';
        }
    }
    return out;
}

// ---- Go text/template -----------------------------------------------------------

namespace gotmpl {

// A Go reflect.Value over decoded JSON. p null: the invalid value ("<no value>").
// iface: Go's static type is interface{} (a map's value, a slice's element), which
// error messages name; a pipeline's result has its dynamic type.
struct value {
    const json* p = nullptr;
    std::shared_ptr<const json> own;
    bool iface = false;
    bool go_int = false;  // a Go int (a literal, len's result) rather than int64

    static value of(json j, bool go_int = false) {
        auto o = std::make_shared<const json>(std::move(j));
        value v;
        v.p = o.get();
        v.own = std::move(o);
        v.go_int = go_int;
        return v;
    }
    bool valid() const { return p != nullptr; }
};

KUBESIM_DECL std::string type_name(const value& v) {
    if (!v.valid())
        return "<nil>";
    if (v.iface)
        return "interface {}";
    if (v.go_int && v.p->is_number_integer())
        return "int";
    return gofmt::type_name(*v.p);
}

enum class tk {
    text, left, right, space, ident, field, variable, dot, string, raw_string, char_, number, boolean, nil, pipe,
    lparen, rparen, declare, assign, chr, kw_if, kw_range, kw_else, kw_end, kw_with, kw_define, kw_template, kw_block,
    kw_break, kw_continue, eof, error
};

struct token {
    tk t;
    std::string val;
    std::size_t pos;
};

[[noreturn]] KUBESIM_DECL void parse_fail(std::string_view src, std::size_t pos, const std::string& m) {
    int line = 1 + int(std::count(src.begin(), src.begin() + std::ptrdiff_t(std::min(pos, src.size())), '\n'));
    throw go_template_error("template: output:" + std::to_string(line) + ": " + m);
}

KUBESIM_DECL bool alnum(char c) { return c == '_' || std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80); }
KUBESIM_DECL bool space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// text/template's lexer, run to the end (or the first error, kept as a token
// so that the parser reports it where it reaches it).
class lexer {
public:
    explicit lexer(std::string_view s) : s_(s) {}

    std::vector<token> run() {
        try {
            lex_text(false);
        } catch (const std::pair<std::size_t, std::string>& e) {
            out_.push_back({tk::error, e.second, e.first});
        }
        return std::move(out_);
    }

private:
    std::string_view s_;
    std::size_t pos_ = 0;
    std::vector<token> out_;
    int parens_ = 0;

    [[noreturn]] void error(std::string m) { throw std::pair<std::size_t, std::string>(pos_, std::move(m)); }
    void emit(tk t, std::size_t start) { out_.push_back({t, std::string(s_.substr(start, pos_ - start)), start}); }
    bool at(std::string_view p) const { return s_.substr(pos_).starts_with(p); }

    void lex_text(bool trim_leading) {
        for (;;) {
            if (trim_leading)
                while (pos_ < s_.size() && space(s_[pos_]))
                    ++pos_;
            trim_leading = false;
            std::size_t start = pos_;
            auto d = s_.find("{{", pos_);
            std::size_t end = d == std::string_view::npos ? s_.size() : d;
            std::size_t text_end = end;
            // "{{- " trims the white space before it.
            bool trim = d != std::string_view::npos && d + 3 < s_.size() && s_[d + 2] == '-' && space(s_[d + 3]);
            if (trim)
                while (text_end > start && space(s_[text_end - 1]))
                    --text_end;
            if (text_end > start)
                out_.push_back({tk::text, std::string(s_.substr(start, text_end - start)), start});
            if (d == std::string_view::npos) {
                pos_ = s_.size();
                out_.push_back({tk::eof, "", pos_});
                return;
            }
            pos_ = d;
            std::size_t after = trim ? 4 : 2;
            // A comment fills its action alone.
            if (s_.substr(d + after).starts_with("/*")) {
                pos_ = d + after + 2;
                auto e = s_.find("*/", pos_);
                if (e == std::string_view::npos)
                    error("unclosed comment");
                pos_ = e + 2;
                bool rtrim = at(" -}}") || at("\t-}}") || at("\n-}}") || at("\r-}}");
                if (rtrim)
                    pos_ += 4;
                else if (at("}}"))
                    pos_ += 2;
                else
                    error("comment ends before closing delimiter");
                trim_leading = rtrim;
                continue;
            }
            out_.push_back({tk::left, "{{", d});
            pos_ = d + after;
            trim_leading = lex_action();
        }
    }

    // Lexes up to and including the closing delimiter; true when it trims.
    bool lex_action() {
        for (;;) {
            if (at("}}")) {
                if (parens_ > 0)
                    error("unclosed left paren");
                out_.push_back({tk::right, "}}", pos_});
                pos_ += 2;
                return false;
            }
            if (pos_ >= s_.size())
                error("unclosed action");
            std::size_t start = pos_;
            char c = s_[pos_];
            if (space(c)) {
                while (pos_ < s_.size() && space(s_[pos_]))
                    ++pos_;
                if (at("-}}")) {
                    emit(tk::space, start);
                    if (parens_ > 0)
                        error("unclosed left paren");
                    out_.push_back({tk::right, "}}", pos_});
                    pos_ += 3;
                    return true;
                }
                emit(tk::space, start);
                continue;
            }
            ++pos_;
            switch (c) {
            case '=': emit(tk::assign, start); continue;
            case ':':
                if (!at("="))
                    error("expected :=");
                ++pos_;
                emit(tk::declare, start);
                continue;
            case '|': emit(tk::pipe, start); continue;
            case '(': ++parens_; emit(tk::lparen, start); continue;
            case ')':
                if (--parens_ < 0)
                    error("unexpected right paren");
                emit(tk::rparen, start);
                continue;
            case '"': case '\'': {
                for (;;) {
                    if (pos_ >= s_.size() || s_[pos_] == '\n')
                        error(c == '"' ? "unterminated quoted string" : "unterminated character constant");
                    char x = s_[pos_++];
                    if (x == '\\') {
                        if (pos_ >= s_.size())
                            error(c == '"' ? "unterminated quoted string" : "unterminated character constant");
                        ++pos_;
                    } else if (x == c) {
                        break;
                    }
                }
                emit(c == '"' ? tk::string : tk::char_, start);
                continue;
            }
            case '`': {
                auto e = s_.find('`', pos_);
                if (e == std::string_view::npos)
                    error("unterminated raw quoted string");
                pos_ = e + 1;
                emit(tk::raw_string, start);
                continue;
            }
            case '$': case '.': {
                if (c == '.' && pos_ < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_]))) {
                    --pos_;
                    number(start);
                    continue;
                }
                while (pos_ < s_.size() && alnum(s_[pos_]))
                    ++pos_;
                terminator();
                emit(c == '$' ? tk::variable : pos_ - start == 1 ? tk::dot : tk::field, start);
                continue;
            }
            default: break;
            }
            if (c == '+' || c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
                --pos_;
                number(start);
                continue;
            }
            if (alnum(c)) {
                while (pos_ < s_.size() && alnum(s_[pos_]))
                    ++pos_;
                terminator();
                static const std::map<std::string_view, tk> words = {
                    {"if", tk::kw_if}, {"range", tk::kw_range}, {"else", tk::kw_else}, {"end", tk::kw_end},
                    {"with", tk::kw_with}, {"define", tk::kw_define}, {"template", tk::kw_template},
                    {"block", tk::kw_block}, {"break", tk::kw_break}, {"continue", tk::kw_continue},
                    {"true", tk::boolean}, {"false", tk::boolean}, {"nil", tk::nil}};
                auto w = s_.substr(start, pos_ - start);
                auto it = words.find(w);
                emit(it == words.end() ? tk::ident : it->second, start);
                continue;
            }
            if (c > 0x20 && c < 0x7f) {
                emit(tk::chr, start);
                continue;
            }
            --pos_;
            std::size_t w = 1;
            auto u = static_cast<unsigned char>(c);
            if (u >= 0xc0)
                w = u < 0xe0 ? 2 : u < 0xf0 ? 3 : 4;
            std::uint32_t r = u;
            error("unrecognized character in action: " + gofmt::rune_u(r, s_.substr(pos_, w)));
        }
    }

    void terminator() {
        if (pos_ >= s_.size())
            return;
        char c = s_[pos_];
        if (space(c) || c == '.' || c == ',' || c == '|' || c == ':' || c == ')' || c == '(' || c == '}')
            return;
        std::uint32_t r = static_cast<unsigned char>(c);
        error("bad character " + gofmt::rune_u(r, s_.substr(pos_, 1)));
    }

    void number(std::size_t start) {
        if (pos_ < s_.size() && (s_[pos_] == '+' || s_[pos_] == '-'))
            ++pos_;
        while (pos_ < s_.size()) {
            char c = s_[pos_];
            if (alnum(c) || c == '.') {
                ++pos_;
            } else if ((c == '+' || c == '-') && pos_ > start &&
                       (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E' || s_[pos_ - 1] == 'p' || s_[pos_ - 1] == 'P') &&
                       !(s_.substr(start).starts_with("0x") || s_.substr(start).starts_with("0X"))) {
                ++pos_;
            } else {
                break;
            }
        }
        emit(tk::number, start);
    }
};

struct node {
    enum kind_t {
        list, text, action, if_, range, with, break_, continue_, pipe, command, field, variable, dot, nil, boolean,
        number, string, identifier, chain
    } k;
    std::size_t pos = 0;
    std::string str;                   // text, identifier, variable name, a literal as written
    std::vector<std::string> idents;   // field names (field, variable, chain)
    std::vector<node> kids;            // list items, pipe commands, command args; control: pipe, list, else
    std::vector<std::string> decl;     // a pipe's variables
    bool assign = false;
    bool is_float = false;             // number: a float64 constant, otherwise an int
    std::int64_t i = 0;
    double f = 0;

    node(kind_t kind, std::size_t p = 0, std::string s = {}) : k(kind), pos(p), str(std::move(s)) {}
};

KUBESIM_DECL std::string to_string(const node& n) {
    std::string s;
    auto fields = [&] {
        for (const auto& id : n.idents)
            s += "." + id;
    };
    switch (n.k) {
    case node::field: fields(); return s;
    case node::variable: s = n.str; fields(); return s;
    case node::dot: return ".";
    case node::nil: return "nil";
    case node::boolean: case node::number: case node::string: case node::identifier: return n.str;
    case node::chain: {
        s = n.kids[0].k == node::pipe ? "(" + to_string(n.kids[0]) + ")" : to_string(n.kids[0]);
        fields();
        return s;
    }
    case node::command: {
        for (std::size_t i = 0; i < n.kids.size(); ++i) {
            if (i)
                s += ' ';
            s += n.kids[i].k == node::pipe ? "(" + to_string(n.kids[i]) + ")" : to_string(n.kids[i]);
        }
        return s;
    }
    case node::pipe: {
        for (std::size_t i = 0; i < n.decl.size(); ++i)
            s += (i ? ", " : "") + n.decl[i];
        if (!n.decl.empty())
            s += n.assign ? " = " : " := ";
        for (std::size_t i = 0; i < n.kids.size(); ++i)
            s += (i ? " | " : "") + to_string(n.kids[i]);
        return s;
    }
    case node::action: return "{{" + to_string(n.kids[0]) + "}}";
    default: return n.str;
    }
}

KUBESIM_DECL bool builtin(std::string_view name) {
    static constexpr std::string_view names[] = {"and", "call", "html", "index", "slice", "js", "len", "not", "or",
                                                 "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le",
                                                 "lt", "ne", "exists", "base64decode"};
    return std::find(std::begin(names), std::end(names), name) != std::end(names);
}

// text/template's parser over the lexer's tokens.
class parser {
public:
    parser(std::string_view src, std::vector<token> toks) : src_(src), t_(std::move(toks)) {}

    node parse() {
        node root{node::list};
        vars_ = {"$"};
        for (;;) {
            const token& k = peek();
            if (k.t == tk::eof)
                break;
            if (k.t == tk::left && peek_after_left() != nullptr) {
                auto kw = peek_after_left()->t;
                if (kw == tk::kw_end || kw == tk::kw_else) {
                    next();
                    auto& w = next_non_space();
                    fail(w, "unexpected " + describe(w));
                }
            }
            root.kids.push_back(text_or_action());
        }
        return root;
    }

private:
    std::string_view src_;
    std::vector<token> t_;
    std::size_t i_ = 0;
    std::vector<std::string> vars_;
    int range_depth_ = 0;

    [[noreturn]] void fail(const token& k, const std::string& m) { parse_fail(src_, k.pos, m); }

    const token& peek() {
        const token& k = t_[std::min(i_, t_.size() - 1)];
        if (k.t == tk::error)
            fail(k, k.val);
        return k;
    }
    const token& next() {
        const token& k = peek();
        if (i_ < t_.size() - 1)
            ++i_;
        return k;
    }
    const token& next_non_space() {
        while (peek().t == tk::space)
            next();
        return next();
    }
    const token& peek_non_space() {
        while (peek().t == tk::space)
            next();
        return peek();
    }
    const token* peek_after_left() {
        std::size_t j = i_ + 1;
        while (j < t_.size() && t_[j].t == tk::space)
            ++j;
        return j < t_.size() ? &t_[j] : nullptr;
    }

    static std::string describe(const token& k) {
        switch (k.t) {
        case tk::eof: return "EOF";
        case tk::kw_end: return "{{end}}";
        case tk::kw_else: return "{{else}}";
        case tk::right: return "\"}}\"";
        case tk::rparen: return "\")\"";
        case tk::space: return "space";
        default: return "<" + k.val + ">";
        }
    }

    node text_or_action() {
        const token& k = next();
        if (k.t == tk::text)
            return node{node::text, k.pos, k.val};
        if (k.t == tk::left)
            return action();
        fail(k, "unexpected " + describe(k) + " in input");
    }

    // Items up to {{end}} or {{else}}, which it consumes and reports.
    std::pair<node, tk> item_list() {
        node l{node::list};
        for (;;) {
            const token& k = peek();
            if (k.t == tk::eof)
                fail(k, "unexpected EOF");
            if (k.t == tk::left) {
                const token* kw = peek_after_left();
                if (kw && (kw->t == tk::kw_end || kw->t == tk::kw_else)) {
                    next();
                    const token& w = next_non_space();
                    return {std::move(l), w.t};
                }
            }
            l.kids.push_back(text_or_action());
        }
    }

    void expect_right(const char* context) {
        const token& k = next_non_space();
        if (k.t != tk::right)
            fail(k, std::string("unexpected ") + describe(k) + " in " + context);
    }

    node action() {
        const token& k = peek_non_space();
        switch (k.t) {
        case tk::kw_if: next(); return control(node::if_, "if");
        case tk::kw_range: next(); return control(node::range, "range");
        case tk::kw_with: next(); return control(node::with, "with");
        case tk::kw_break: case tk::kw_continue: {
            const token& w = next();
            bool brk = w.t == tk::kw_break;
            if (range_depth_ == 0)
                fail(w, brk ? "{{break}} outside {{range}}" : "{{continue}} outside {{range}}");
            const token& r = next_non_space();
            if (r.t != tk::right)
                fail(r, std::string("unexpected ") + describe(r) + " in {{" + (brk ? "break" : "continue") + "}}");
            return node{brk ? node::break_ : node::continue_, w.pos};
        }
        case tk::kw_define: case tk::kw_template: case tk::kw_block:
            fail(k, "{{" + k.val + "}} is not supported by kubesim");
        default: break;
        }
        node a{node::action, k.pos};
        a.kids.push_back(pipeline("command", tk::right));
        return a;
    }

    node control(node::kind_t kind, const char* context) {
        auto mark = vars_.size();
        node c{kind, peek().pos};
        c.kids.push_back(pipeline(context, tk::right));
        if (kind == node::range)
            ++range_depth_;
        auto [body, end] = item_list();
        if (kind == node::range)
            --range_depth_;
        c.kids.push_back(std::move(body));
        if (end == tk::kw_else) {
            // {{else if ...}} and {{else with ...}} chain a control into the else list.
            const token& k = peek_non_space();
            if ((kind == node::if_ && k.t == tk::kw_if) || (kind == node::with && k.t == tk::kw_with)) {
                next();
                node el{node::list};
                el.kids.push_back(control(kind, context));
                c.kids.push_back(std::move(el));
            } else {
                expect_right("else");
                auto [els, end2] = item_list();
                if (end2 != tk::kw_end)
                    fail(peek(), "expected end; found {{else}}");
                expect_right("end");
                c.kids.push_back(std::move(els));
            }
        } else {
            expect_right("end");
        }
        vars_.resize(mark);
        return c;
    }

    node pipeline(const char* context, tk end) {
        node p{node::pipe, peek_non_space().pos};
        // Declarations: $x := / $x = / $i, $v := (range).
        for (;;) {
            std::size_t save = i_;
            const token& v = peek_non_space();
            if (v.t != tk::variable)
                break;
            next();
            const token& after = peek_non_space();
            if (after.t == tk::declare || after.t == tk::assign) {
                next();
                p.assign = after.t == tk::assign;
                p.decl.push_back(v.val);
                if (!p.assign)
                    vars_.push_back(v.val);
                break;
            }
            if (after.t == tk::chr && after.val == "," && std::string_view(context) == "range" && p.decl.size() < 2) {
                next();
                p.decl.push_back(v.val);
                vars_.push_back(v.val);
                if (peek_non_space().t != tk::variable)
                    fail(peek(), "range can only initialize variables");
                continue;
            }
            i_ = save;
            break;
        }
        for (;;) {
            const token& k = next_non_space();
            if (k.t == end) {
                if (p.kids.empty())
                    fail(k, std::string("missing value for ") + context);
                return p;
            }
            switch (k.t) {
            case tk::boolean: case tk::chr: case tk::char_: case tk::dot: case tk::field: case tk::ident:
            case tk::number: case tk::nil: case tk::raw_string: case tk::string: case tk::variable: case tk::lparen:
                --i_;
                p.kids.push_back(command());
                break;
            default: fail(k, "unexpected " + describe(k) + " in " + context);
            }
        }
    }

    node command() {
        node c{node::command, peek_non_space().pos};
        for (;;) {
            peek_non_space();
            auto op = operand();
            if (op)
                c.kids.push_back(std::move(*op));
            const token& k = next();
            if (k.t == tk::space)
                continue;
            if (k.t == tk::right || k.t == tk::rparen) {
                --i_;
            } else if (k.t != tk::pipe) {
                fail(k, "unexpected " + describe(k) + " in operand");
            }
            break;
        }
        if (c.kids.empty())
            fail(peek(), "empty command");
        return c;
    }

    std::optional<node> operand() {
        auto n = term();
        if (!n)
            return n;
        if (peek().t == tk::field) {
            std::size_t pos = peek().pos;
            std::vector<std::string> ids;
            while (peek().t == tk::field)
                ids.push_back(next().val.substr(1));
            switch (n->k) {
            case node::field: case node::variable:
                n->pos = pos;
                n->idents.insert(n->idents.end(), ids.begin(), ids.end());
                break;
            case node::boolean: case node::string: case node::number: case node::nil: case node::dot:
                fail(peek(), "unexpected . after term \"" + to_string(*n) + "\"");
            default: {
                node ch{node::chain, pos};
                ch.kids.push_back(std::move(*n));
                ch.idents = std::move(ids);
                n = std::move(ch);
            }
            }
        }
        return n;
    }

    std::optional<node> term() {
        const token& k = next_non_space();
        switch (k.t) {
        case tk::ident:
            if (!builtin(k.val))
                fail(k, "function \"" + k.val + "\" not defined");
            return node{node::identifier, k.pos, k.val};
        case tk::dot: return node{node::dot, k.pos};
        case tk::nil: return node{node::nil, k.pos, "nil"};
        case tk::variable: {
            // $x.y lexes as one variable token when it has no fields; fields come apart.
            if (std::find(vars_.begin(), vars_.end(), k.val) == vars_.end())
                fail(k, "undefined variable \"" + k.val + "\"");
            return node{node::variable, k.pos, k.val};
        }
        case tk::field: {
            node f{node::field, k.pos};
            f.idents.push_back(k.val.substr(1));
            return f;
        }
        case tk::boolean: return node{node::boolean, k.pos, k.val};
        case tk::char_: case tk::number: return number(k);
        case tk::lparen: {
            auto p = pipeline("parenthesized pipeline", tk::rparen);
            return p;
        }
        case tk::string: case tk::raw_string: {
            std::string v;
            if (k.t == tk::raw_string) {
                v = k.val.substr(1, k.val.size() - 2);
                std::erase(v, '\r');
            } else {
                auto u = jp::unquote(k.val);
                if (!u)
                    fail(k, "invalid syntax");
                v = std::move(*u);
            }
            node s{node::string, k.pos, k.val};
            s.idents.push_back(std::move(v));  // the value; text keeps the quoted form
            return s;
        }
        default: --i_; return std::nullopt;
        }
    }

    node number(const token& k) {
        node n{node::number, k.pos, k.val};
        if (k.t == tk::char_) {
            auto u = jp::unquote("\"" + k.val.substr(1, k.val.size() - 2) + "\"");
            if (!u || u->empty())
                fail(k, "malformed character constant: " + k.val);
            // The rune's code point, decoded from UTF-8.
            auto c = static_cast<unsigned char>((*u)[0]);
            std::int64_t r = c;
            if (c >= 0xc0) {
                std::size_t w = c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
                r = c & (0x3f >> (w - 1));
                for (std::size_t j = 1; j < w && j < u->size(); ++j)
                    r = (r << 6) | (static_cast<unsigned char>((*u)[j]) & 0x3f);
            }
            n.i = r;
            return n;
        }
        std::string t = k.val;
        std::erase(t, '_');
        bool neg = !t.empty() && t[0] == '-';
        std::string_view body = t;
        if (!body.empty() && (body[0] == '-' || body[0] == '+'))
            body.remove_prefix(1);
        int base = 10;
        if (body.size() > 1 && body[0] == '0') {
            char b = char(std::tolower(static_cast<unsigned char>(body[1])));
            if (b == 'x')
                base = 16, body.remove_prefix(2);
            else if (b == 'o')
                base = 8, body.remove_prefix(2);
            else if (b == 'b')
                base = 2, body.remove_prefix(2);
            else if (body.find_first_of(".eE") == std::string_view::npos)
                base = 8, body.remove_prefix(1);
        }
        std::uint64_t u = 0;
        auto r = std::from_chars(body.data(), body.data() + body.size(), u, base);
        if (r.ec == std::errc{} && r.ptr == body.data() + body.size() && !body.empty()) {
            if (u > std::uint64_t(INT64_MAX) + (neg ? 1 : 0))
                fail(k, k.val + " overflows int");
            n.i = neg ? std::int64_t(0 - u) : std::int64_t(u);
            return n;
        }
        double d = 0;
        std::string_view fb = t;
        if (!fb.empty() && fb[0] == '+')
            fb.remove_prefix(1);
        auto fr = sim::from_chars(fb.data(), fb.data() + fb.size(), d);
        if (base != 10 || fr.ec != std::errc{} || fr.ptr != fb.data() + fb.size())
            fail(k, "illegal number syntax: \"" + k.val + "\"");
        n.is_float = true;
        n.f = d;
        return n;
    }
};

enum class flow { normal, break_, continue_ };

struct exec_error {
    std::size_t pos;
    std::string context;
    std::string message;
};

// text/template's executor.
class executor {
public:
    executor(std::string_view src, bool missing_error) : src_(src), missing_error_(missing_error) {}

    std::string run(const node& root, const json& data) {
        value dot;
        dot.p = &data;
        vars_ = {{"$", dot}};
        try {
            walk(dot, root);
        } catch (const exec_error& e) {
            std::size_t pos = std::min(e.pos, src_.size());
            auto before = src_.substr(0, pos);
            auto nl = before.rfind('\n');
            int line = 1 + int(std::count(before.begin(), before.end(), '\n'));
            std::size_t col = nl == std::string_view::npos ? pos : pos - (nl + 1);
            throw go_template_error("template: output:" + std::to_string(line) + ":" + std::to_string(col) +
                                    ": executing \"output\" at <" + e.context + ">: " + e.message);
        }
        return std::move(out_);
    }

private:
    std::string_view src_;
    bool missing_error_;
    std::string out_;
    std::vector<std::pair<std::string, value>> vars_;

    [[noreturn]] static void fail(const node& at, std::string m) {
        throw exec_error{at.pos, to_string(at), std::move(m)};
    }

    static bool truth(const value& v) {
        if (!v.valid())
            return false;
        const json& j = *v.p;
        switch (j.type()) {
        case json::value_t::null: return false;
        case json::value_t::boolean: return j.get<bool>();
        case json::value_t::string: return !j.get_ref<const std::string&>().empty();
        case json::value_t::array: case json::value_t::object: return !j.empty();
        case json::value_t::number_float: return j.get<double>() != 0;
        default: return j.get<std::int64_t>() != 0;
        }
    }

    // A pipeline's result loses the interface{} static type, and a nil one becomes invalid.
    static value concrete(value v) {
        if (v.valid() && v.p->is_null())
            return {};
        v.iface = false;
        return v;
    }

    flow walk(const value& dot, const node& n) {
        switch (n.k) {
        case node::list:
            for (const auto& c : n.kids)
                if (auto f = walk(dot, c); f != flow::normal)
                    return f;
            return flow::normal;
        case node::text: out_ += n.str; return flow::normal;
        case node::action: {
            auto v = pipeline(dot, n.kids[0]);
            if (n.kids[0].decl.empty())
                print_value(v);
            return flow::normal;
        }
        case node::if_: case node::with: {
            auto mark = vars_.size();
            auto v = pipeline(dot, n.kids[0]);
            flow f = flow::normal;
            if (truth(v))
                f = walk(n.k == node::with ? v : dot, n.kids[1]);
            else if (n.kids.size() > 2)
                f = walk(dot, n.kids[2]);
            vars_.resize(mark);
            return f;
        }
        case node::range: return range(dot, n);
        case node::break_: return flow::break_;
        case node::continue_: return flow::continue_;
        default: return flow::normal;
        }
    }

    flow range(const value& dot, const node& n) {
        auto mark = vars_.size();
        const node& p = n.kids[0];
        auto v = pipeline(dot, p);
        // The pipeline declared the range variables; each iteration sets them.
        vars_.resize(mark);
        auto one = [&](value index, value elem) {
            auto m = vars_.size();
            if (p.decl.size() == 1) {
                vars_.emplace_back(p.decl[0], elem);
            } else if (p.decl.size() == 2) {
                vars_.emplace_back(p.decl[0], index);
                vars_.emplace_back(p.decl[1], elem);
            }
            auto f = walk(elem, n.kids[1]);
            vars_.resize(m);
            return f;
        };
        bool any = false;
        if (v.valid() && (v.p->is_array() || v.p->is_object())) {
            std::size_t i = 0;
            for (auto it = v.p->begin(); it != v.p->end(); ++it, ++i) {
                any = true;
                value e;
                e.p = &*it;
                e.own = v.own;
                e.iface = true;
                value idx = v.p->is_array() ? value::of(std::int64_t(i), true) : value::of(it.key());
                if (one(idx, e) == flow::break_)
                    break;
            }
        } else if (v.valid() && v.p->is_number_integer()) {
            for (std::int64_t i = 0; i < v.p->get<std::int64_t>(); ++i) {
                any = true;
                auto x = value::of(i, v.go_int);
                if (one(x, x) == flow::break_)
                    break;
            }
        } else if (v.valid()) {
            fail(p, "range can't iterate over " + go_sprint(*v.p));
        }
        if (!any && n.kids.size() > 2) {
            auto f = walk(dot, n.kids[2]);
            vars_.resize(mark);
            return f;
        }
        vars_.resize(mark);
        return flow::normal;
    }

    void print_value(const value& v) {
        if (!v.valid() || v.p->is_null()) {
            out_ += "<no value>";
            return;
        }
        gofmt::sprint_v(out_, *v.p);
    }

    value pipeline(const value& dot, const node& p) {
        std::optional<value> last;
        for (const auto& c : p.kids)
            last = concrete(command(dot, c, last));
        value v = last.value_or(value{});
        for (const auto& name : p.decl) {
            if (p.assign) {
                for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
                    if (it->first == name) {
                        it->second = v;
                        break;
                    }
            } else {
                vars_.emplace_back(name, v);
            }
        }
        return v;
    }

    value variable(const node& n) {
        for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
            if (it->first == n.str)
                return it->second;
        fail(n, "undefined variable: " + n.str);
    }

    value command(const value& dot, const node& c, const std::optional<value>& final) {
        const node& first = c.kids[0];
        std::span<const node> args(c.kids.data() + 1, c.kids.size() - 1);
        switch (first.k) {
        case node::field: return field_chain(dot, first, first.idents, args, final, dot);
        case node::variable: {
            auto v = variable(first);
            if (first.idents.empty()) {
                not_a_function(c, final);
                return v;
            }
            return field_chain(dot, first, first.idents, args, final, v);
        }
        case node::chain: {
            auto v = arg(dot, first.kids[0]);
            return field_chain(dot, first, first.idents, args, final, v);
        }
        case node::identifier: return call(dot, first, c, args, final);
        case node::pipe: not_a_function(c, final); return pipeline(dot, first);
        default: break;
        }
        not_a_function(c, final);
        switch (first.k) {
        case node::boolean: return value::of(first.str == "true");
        case node::dot: return dot;
        case node::nil: fail(first, "nil is not a command");
        case node::number: return constant(first);
        case node::string: return value::of(first.idents[0]);
        default: fail(first, "can't evaluate command");
        }
    }

    static void not_a_function(const node& c, const std::optional<value>& final) {
        if (c.kids.size() > 1 || final)
            fail(c, "can't give argument to non-function " + to_string(c.kids[0]));
    }

    static value constant(const node& n) {
        if (n.is_float)
            return value::of(n.f);
        return value::of(n.i, true);
    }

    value field_chain(const value& dot, const node& at, const std::vector<std::string>& ids, std::span<const node> args,
                      const std::optional<value>& final, value receiver) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            bool last = i + 1 == ids.size();
            receiver = field(dot, at, ids[i], last ? args : std::span<const node>{}, last ? final : std::nullopt,
                             receiver);
        }
        return receiver;
    }

    value field(const value&, const node& at, const std::string& name, std::span<const node> args,
                const std::optional<value>& final, const value& receiver) {
        if (!receiver.valid()) {
            if (missing_error_)
                fail(at, "nil data; no entry for key \"" + name + "\"");
            return {};
        }
        const json& r = *receiver.p;
        if (r.is_null())
            fail(at, "nil pointer evaluating " + type_name(receiver) + "." + name);
        if (r.is_object()) {
            if (!args.empty() || final)
                fail(at, name + " is not a method but has arguments");
            auto it = r.find(name);
            if (it == r.end()) {
                if (missing_error_)
                    fail(at, "map has no entry for key \"" + name + "\"");
                return {};
            }
            value v;
            v.p = &*it;
            v.own = receiver.own;
            v.iface = true;
            return v;
        }
        fail(at, "can't evaluate field " + name + " in type " + type_name(receiver));
    }

    value arg(const value& dot, const node& n) {
        switch (n.k) {
        case node::dot: return dot;
        case node::nil: return {};
        case node::field: return field_chain(dot, n, n.idents, {}, std::nullopt, dot);
        case node::variable: {
            auto v = variable(n);
            return n.idents.empty() ? v : field_chain(dot, n, n.idents, {}, std::nullopt, v);
        }
        case node::pipe: return pipeline(dot, n);
        case node::identifier: {
            node c{node::command, n.pos};
            c.kids.push_back(n);
            return call(dot, n, c, {}, std::nullopt);
        }
        case node::chain: return field_chain(dot, n, n.idents, {}, std::nullopt, arg(dot, n.kids[0]));
        case node::boolean: return value::of(n.str == "true");
        case node::number: return constant(n);
        case node::string: return value::of(n.idents[0]);
        default: fail(n, "can't handle argument");
        }
    }

    enum class basic { invalid, boolean, integer, floating, string, other };
    static basic kind(const value& v) {
        if (!v.valid())
            return basic::invalid;
        switch (v.p->type()) {
        case json::value_t::null: return basic::invalid;
        case json::value_t::boolean: return basic::boolean;
        case json::value_t::string: return basic::string;
        case json::value_t::number_float: return basic::floating;
        case json::value_t::number_integer: case json::value_t::number_unsigned: return basic::integer;
        default: return basic::other;
        }
    }

    static bool eq(const value& a, const value& b) {
        basic ka = kind(a), kb = kind(b);
        if (ka != kb) {
            if (ka != basic::invalid && kb != basic::invalid)
                throw std::runtime_error("incompatible types for comparison");
            return false;
        }
        if (ka == basic::invalid)
            return true;
        if (ka == basic::other)
            throw std::runtime_error("non-comparable types " + go_sprint(*a.p) + ": " + type_name(a) + ", " +
                                     type_name(b) + ": " + go_sprint(*b.p));
        if (ka == basic::integer)
            return a.p->get<std::int64_t>() == b.p->get<std::int64_t>();
        if (ka == basic::floating)
            return a.p->get<double>() == b.p->get<double>();
        return *a.p == *b.p;
    }

    static bool lt(const value& a, const value& b) {
        basic ka = kind(a), kb = kind(b);
        auto ok = [](basic k) { return k == basic::integer || k == basic::floating || k == basic::string; };
        if (!ok(ka) || !ok(kb))
            throw std::runtime_error("invalid type for comparison");
        if (ka != kb)
            throw std::runtime_error("incompatible types for comparison");
        if (ka == basic::integer)
            return a.p->get<std::int64_t>() < b.p->get<std::int64_t>();
        if (ka == basic::floating)
            return a.p->get<double>() < b.p->get<double>();
        return a.p->get_ref<const std::string&>() < b.p->get_ref<const std::string&>();
    }

    value call(const value& dot, const node& fn, const node& cmd, std::span<const node> args,
               const std::optional<value>& final) {
        const std::string& name = fn.str;
        std::size_t argc = args.size() + (final ? 1 : 0);
        auto want = [&](std::size_t n, bool at_least = false) {
            if (at_least ? argc < n : argc != n)
                fail(fn, "wrong number of args for " + name + ": want " + (at_least ? "at least " : "") +
                             std::to_string(n) + " got " + std::to_string(argc));
        };
        // and and or evaluate their arguments lazily, stopping at the answer.
        if (name == "and" || name == "or") {
            want(1, true);
            value v;
            for (std::size_t i = 0; i < argc; ++i) {
                v = i < args.size() ? arg(dot, args[i]) : *final;
                if (truth(v) != (name == "and"))
                    return v;
            }
            return v;
        }
        std::vector<value> a;
        for (const auto& n : args)
            a.push_back(arg(dot, n));
        if (final)
            a.push_back(*final);
        try {
            return builtin_call(name, a, want);
        } catch (const exec_error&) {
            throw;
        } catch (const std::exception& e) {
            fail(cmd, "error calling " + name + ": " + e.what());
        }
    }

    template <class Want>
    value builtin_call(const std::string& name, std::vector<value>& a, Want& want) {
        if (name == "not") {
            want(1);
            return value::of(!truth(a[0]));
        }
        if (name == "len") {
            want(1);
            // Go's len reaches reflect with no value and reports reflect's panic.
            if (!a[0].valid() || a[0].p->is_null())
                throw std::runtime_error("reflect: call of reflect.Value.Type on zero Value");
            const json& j = *a[0].p;
            if (j.is_string())
                return value::of(std::int64_t(j.get_ref<const std::string&>().size()), true);
            if (j.is_array() || j.is_object())
                return value::of(std::int64_t(j.size()), true);
            throw std::runtime_error("len of type " + gofmt::type_name(j));
        }
        if (name == "index") {
            want(1, true);
            value v = a[0];
            if (!v.valid() || v.p->is_null())
                throw std::runtime_error("index of untyped nil");
            for (std::size_t i = 1; i < a.size(); ++i) {
                if (!v.valid() || v.p->is_null())
                    throw std::runtime_error("index of nil pointer");
                const json& j = *v.p;
                if (j.is_array() || j.is_string()) {
                    if (kind(a[i]) != basic::integer)
                        throw std::runtime_error("cannot index slice/array with type " + type_name(a[i]));
                    auto x = a[i].p->get<std::int64_t>();
                    auto len = std::int64_t(j.is_array() ? j.size() : j.get_ref<const std::string&>().size());
                    if (x < 0 || x >= len)
                        throw std::runtime_error("index out of range: " + std::to_string(x));
                    value e = j.is_array() ? value{&j[std::size_t(x)], v.own, true}
                                           : value::of(std::uint8_t(j.get_ref<const std::string&>()[std::size_t(x)]));
                    v = std::move(e);
                } else if (j.is_object()) {
                    if (kind(a[i]) != basic::string)
                        throw std::runtime_error("value has type " + type_name(a[i]) + "; should be string");
                    auto it = j.find(a[i].p->get_ref<const std::string&>());
                    v = it == j.end() ? value::of(nullptr) : value{&*it, v.own, true};
                } else {
                    throw std::runtime_error("can't index item of type " + gofmt::type_name(j));
                }
            }
            return v;
        }
        if (name == "eq") {
            want(1, true);
            if (a.size() < 2)
                throw std::runtime_error("missing argument for comparison");
            for (std::size_t i = 1; i < a.size(); ++i)
                if (eq(a[0], a[i]))
                    return value::of(true);
            return value::of(false);
        }
        if (name == "ne" || name == "lt" || name == "le" || name == "gt" || name == "ge") {
            want(2);
            bool r = name == "ne"   ? !eq(a[0], a[1])
                     : name == "lt" ? lt(a[0], a[1])
                     : name == "le" ? (lt(a[0], a[1]) || eq(a[0], a[1]))
                     : name == "gt" ? !(lt(a[0], a[1]) || eq(a[0], a[1]))
                                    : !lt(a[0], a[1]);
            return value::of(r);
        }
        if (name == "print" || name == "println") {
            std::string s;
            for (std::size_t i = 0; i < a.size(); ++i) {
                bool strings = kind(a[i]) == basic::string || (i > 0 && kind(a[i - 1]) == basic::string);
                if (i > 0 && (name == "println" || !strings))
                    s += ' ';
                sprint_arg(s, a[i]);
            }
            if (name == "println")
                s += '\n';
            return value::of(s);
        }
        if (name == "printf") {
            want(1, true);
            if (kind(a[0]) != basic::string)
                throw std::runtime_error("wrong type for value; expected string; got " + type_name(a[0]));
            return value::of(sprintf(a[0].p->get_ref<const std::string&>(), std::span(a).subspan(1)));
        }
        if (name == "exists") {
            want(1, true);
            value v = a[0];
            for (std::size_t i = 1; i < a.size(); ++i) {
                if (!v.valid() || v.p->is_null())
                    return value::of(false);
                const json& j = *v.p;
                if (j.is_array()) {
                    if (kind(a[i]) != basic::integer)
                        return value::of(false);
                    auto x = a[i].p->get<std::int64_t>();
                    if (x < 0 || x >= std::int64_t(j.size()))
                        return value::of(false);
                    v = value{&j[std::size_t(x)], v.own, true};
                } else if (j.is_object()) {
                    if (kind(a[i]) != basic::string)
                        return value::of(false);
                    auto it = j.find(a[i].p->get_ref<const std::string&>());
                    if (it == j.end())
                        return value::of(false);
                    v = value{&*it, v.own, true};
                } else {
                    return value::of(false);
                }
            }
            return value::of(v.valid() && !v.p->is_null());
        }
        if (name == "base64decode") {
            want(1);
            if (kind(a[0]) != basic::string)
                throw std::runtime_error("wrong type for value; expected string; got " + type_name(a[0]));
            return value::of(base64(a[0].p->get_ref<const std::string&>()));
        }
        throw std::runtime_error("function " + name + " is not supported by kubesim");
    }

    static void sprint_arg(std::string& s, const value& v) {
        if (!v.valid())
            s += "<nil>";
        else
            gofmt::sprint_v(s, *v.p);
    }

    // base64.StdEncoding.DecodeString; kubectl wraps its error.
    static std::string base64(const std::string& in) {
        std::string out;
        std::uint32_t acc = 0;
        int bits = 0;
        std::size_t i = 0, n = 0;
        auto bad = [](std::size_t at) {
            return std::runtime_error("base64 decode failed: illegal base64 data at input byte " + std::to_string(at));
        };
        for (; i < in.size(); ++i) {
            char c = in[i];
            if (c == '\r' || c == '\n')
                continue;
            int d = c >= 'A' && c <= 'Z'   ? c - 'A'
                    : c >= 'a' && c <= 'z' ? c - 'a' + 26
                    : c >= '0' && c <= '9' ? c - '0' + 52
                    : c == '+'             ? 62
                    : c == '/'             ? 63
                                           : -1;
            if (c == '=') {
                // Padding completes a quantum of two or three characters and ends the input.
                std::size_t q = n % 4;
                if (q < 2)
                    throw bad(i);
                std::size_t need = 4 - q, j = i;
                for (std::size_t k = 0; k < need; ++k, ++j)
                    if (j >= in.size() || in[j] != '=')
                        throw bad(j >= in.size() ? in.size() : j);
                if (j != in.size())
                    throw bad(j);
                return out;
            }
            if (d < 0)
                throw bad(i);
            acc = (acc << 6) | std::uint32_t(d);
            bits += 6;
            ++n;
            if (bits >= 8) {
                bits -= 8;
                out += char((acc >> bits) & 0xff);
            }
        }
        if (n % 4 != 0)
            throw bad(in.size() - (n % 4 == 1 ? 1 : 0));
        return out;
    }

    // fmt.Sprintf for the verbs templates use.
    static std::string sprintf(const std::string& f, std::span<value> args) {
        std::string out;
        std::size_t argi = 0;
        for (std::size_t i = 0; i < f.size(); ++i) {
            if (f[i] != '%') {
                out += f[i];
                continue;
            }
            std::string flags;
            ++i;
            while (i < f.size() && std::string_view("-+# 0").find(f[i]) != std::string_view::npos)
                flags += f[i++];
            int width = -1, prec = -1;
            while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i])))
                width = std::max(width, 0) * 10 + (f[i++] - '0');
            if (i < f.size() && f[i] == '.') {
                ++i;
                prec = 0;
                while (i < f.size() && std::isdigit(static_cast<unsigned char>(f[i])))
                    prec = prec * 10 + (f[i++] - '0');
            }
            if (i >= f.size()) {
                out += "%!(NOVERB)";
                break;
            }
            char verb = f[i];
            if (verb == '%') {
                out += '%';
                continue;
            }
            if (argi >= args.size()) {
                out += std::string("%!") + verb + "(MISSING)";
                continue;
            }
            const value& v = args[argi++];
            out += pad(format_one(verb, flags, prec, v), width, flags);
        }
        if (argi < args.size()) {
            out += "%!(EXTRA ";
            for (std::size_t k = argi; k < args.size(); ++k) {
                if (k > argi)
                    out += ", ";
                out += type_name(concrete(args[k])) + "=";
                sprint_arg(out, args[k]);
            }
            out += ")";
        }
        return out;
    }

    static std::string pad(std::string s, int width, const std::string& flags) {
        // Width counts runes, not bytes.
        int len = 0;
        for (unsigned char c : s)
            len += (c & 0xc0) != 0x80;
        if (width <= len)
            return s;
        std::string fill(std::size_t(width - len), ' ');
        if (flags.find('-') != std::string::npos)
            return s + fill;
        if (flags.find('0') != std::string::npos && !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) ||
                                                                    s[0] == '-')) {
            std::string zeros(fill.size(), '0');
            return s[0] == '-' ? "-" + zeros + s.substr(1) : zeros + s;
        }
        return fill + s;
    }

    static std::string quote(const std::string& s) {
        std::string out = "\"";
        for (unsigned char c : s) {
            switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
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
                    out += char(c);
                }
            }
        }
        return out + "\"";
    }

    static std::string format_one(char verb, const std::string& flags, int prec, const value& v0) {
        value v = concrete(v0);
        basic k = kind(v);
        // fmt applies the verb to each element of a slice and each key and value of a map.
        if (k == basic::other && verb != 'v') {
            auto elem = [&](const json& e) {
                value x;
                x.p = &e;
                return format_one(verb, flags, prec, x);
            };
            std::string r = v.p->is_array() ? "[" : "map[";
            bool first = true;
            for (auto it = v.p->begin(); it != v.p->end(); ++it) {
                if (!first)
                    r += ' ';
                first = false;
                if (v.p->is_object()) {
                    r += elem(json(it.key()));
                    r += ':';
                }
                r += elem(*it);
            }
            return r + "]";
        }
        auto bad = [&] {
            std::string s = std::string("%!") + verb + "(" + type_name(v) + "=";
            sprint_arg(s, v);
            return s + ")";
        };
        char buf[512];
        switch (verb) {
        case 'v': {
            if (k == basic::floating && prec >= 0) {
                std::snprintf(buf, sizeof buf, "%.*g", prec, v.p->get<double>());
                return buf;
            }
            std::string s;
            sprint_arg(s, v);
            return s;
        }
        case 's': case 'q': {
            if (k == basic::string) {
                std::string s = v.p->get<std::string>();
                if (prec >= 0 && std::size_t(prec) < s.size())
                    s.resize(std::size_t(prec));
                return verb == 'q' ? quote(s) : s;
            }
            if (k == basic::integer && verb == 'q') {
                // A rune literal: the code point as UTF-8 between single quotes.
                auto c = std::uint32_t(v.p->get<std::int64_t>());
                std::string r = "'";
                if (c < 0x80) {
                    r += char(c);
                } else if (c < 0x800) {
                    r += char(0xc0 | (c >> 6)), r += char(0x80 | (c & 0x3f));
                } else {
                    r += char(0xe0 | (c >> 12)), r += char(0x80 | ((c >> 6) & 0x3f)), r += char(0x80 | (c & 0x3f));
                }
                return r + "'";
            }
            if (k == basic::other && verb == 's') {
                std::string s;
                gofmt::sprint_v(s, *v.p);
                return s;
            }
            return bad();
        }
        case 'd': case 'x': case 'X': case 'o': case 'b': case 'c': {
            if (k == basic::integer) {
                auto x = v.p->get<std::int64_t>();
                if (verb == 'c') {
                    std::string r;
                    r += char(x);
                    return r;
                }
                const char* fmt = verb == 'd' ? "%lld" : verb == 'x' ? "%llx" : verb == 'X' ? "%llX" : "%llo";
                if (verb == 'b') {
                    std::string r;
                    auto u = static_cast<unsigned long long>(x < 0 ? -x : x);
                    do {
                        r.insert(r.begin(), char('0' + (u & 1)));
                        u >>= 1;
                    } while (u);
                    return x < 0 ? "-" + r : r;
                }
                if (x < 0 && verb != 'd') {
                    std::snprintf(buf, sizeof buf, fmt, static_cast<long long>(-x));
                    return std::string("-") + buf;
                }
                std::snprintf(buf, sizeof buf, fmt, static_cast<long long>(x));
                std::string r = buf;
                if (verb == 'd' && x >= 0 && flags.find('+') != std::string::npos)
                    r = "+" + r;
                return r;
            }
            if (k == basic::string && (verb == 'x' || verb == 'X')) {
                std::string r;
                for (unsigned char c : v.p->get_ref<const std::string&>()) {
                    std::snprintf(buf, sizeof buf, verb == 'x' ? "%02x" : "%02X", c);
                    r += buf;
                }
                return r;
            }
            return bad();
        }
        case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
            if (k != basic::floating)
                return bad();
            double d = v.p->get<double>();
            if (verb == 'g' && prec < 0)
                return gofmt::float_v(d);
            std::string fmt = std::string("%") + (flags.find('+') != std::string::npos ? "+" : "") + ".*" + verb;
            std::snprintf(buf, sizeof buf, fmt.c_str(), prec < 0 ? 6 : prec, d);
            return buf;
        }
        case 't':
            if (k == basic::boolean)
                return v.p->get<bool>() ? "true" : "false";
            return bad();
        default: return bad();
        }
    }
};

// kubectl hands go-template the object marshalled to JSON and decoded again
// with int64 for every number that reads as one: a float64 with an integral
// value comes back as int64.
KUBESIM_DECL json as_decoded(const json& v) {
    switch (v.type()) {
    case json::value_t::object: {
        json o = json::object();
        for (const auto& [k, e] : v.items())
            o[k] = as_decoded(e);
        return o;
    }
    case json::value_t::array: {
        json a = json::array();
        for (const auto& e : v)
            a.push_back(as_decoded(e));
        return a;
    }
    case json::value_t::number_float: {
        double d = v.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
            return std::int64_t(d);
        return v;
    }
    case json::value_t::number_unsigned:
        if (v.get<std::uint64_t>() <= std::uint64_t(INT64_MAX))
            return v.get<std::int64_t>();
        return v.get<double>();
    default: return v;
    }
}

}  // namespace gotmpl

KUBESIM_DECL std::string execute_go_template(std::string_view text, const json& data, bool allow_missing_keys) {
    gotmpl::parser p(text, gotmpl::lexer(text).run());
    gotmpl::node root = p.parse();
    json decoded = gotmpl::as_decoded(data);
    return gotmpl::executor(text, !allow_missing_keys).run(root, decoded);
}

}  // namespace kubesim::kubectl::detail
