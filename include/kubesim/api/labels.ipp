// Definitions of api/labels.hpp.
#pragma once

#include <kubesim/api/labels.hpp>

#include <algorithm>
#include <set>
#include <utility>

#include <kubesim/api/errors.hpp>
#include <kubesim/api/validation_names.hpp>

namespace kubesim::api::labels {

std::string_view to_string(op o) {
    switch (o) {
        case op::does_not_exist: return "!";
        case op::equals: return "=";
        case op::double_equals: return "==";
        case op::in: return "in";
        case op::not_equals: return "!=";
        case op::not_in: return "notin";
        case op::exists: return "exists";
        case op::greater_than: return "gt";
        case op::less_than: return "lt";
    }
    return "=";
}

namespace detail {

using field::json_quote;
using field::json_string_list;
using field::parse_int64;

[[nodiscard]] KUBESIM_DECL std::string join(const std::vector<std::string>& parts, std::string_view sep) {
    std::string out;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        if (i) out += sep;
        out += parts[i];
    }
    return out;
}

// validateLabelKey / validateLabelValue of selector.go: one error, messages joined by "; ".
[[nodiscard]] KUBESIM_DECL std::optional<field::error> validate_key(std::string_view key, const field::path& p) {
    auto errs = validation::content::is_label_key(key);
    if (errs.empty()) return std::nullopt;
    return field::invalid(p, key, join(errs, "; "));
}

[[nodiscard]] KUBESIM_DECL std::optional<field::error> validate_value(std::string_view key, std::string_view value,
                                                                      const field::path& p) {
    auto errs = validation::content::is_label_value(value);
    if (errs.empty()) return std::nullopt;
    return field::invalid(p.key(key), value, join(errs, "; "));
}

}  // namespace detail

bool requirement::has_value(std::string_view v) const {
    return std::find(values.begin(), values.end(), v) != values.end();
}

bool requirement::matches(const label_map& ls) const {
    auto it = ls.find(key);
    switch (operator_) {
        case op::in:
        case op::equals:
        case op::double_equals: return it != ls.end() && has_value(it->second);
        case op::not_in:
        case op::not_equals: return it == ls.end() || !has_value(it->second);
        case op::exists: return it != ls.end();
        case op::does_not_exist: return it == ls.end();
        case op::greater_than:
        case op::less_than: {
            if (it == ls.end() || values.size() != 1) return false;
            auto have = detail::parse_int64(it->second);
            auto want = detail::parse_int64(values[0]);
            if (!have || !want) return false;
            return operator_ == op::greater_than ? *have > *want : *have < *want;
        }
    }
    return false;
}

std::string requirement::to_string() const {
    std::string s;
    if (operator_ == op::does_not_exist) s += '!';
    s += key;
    switch (operator_) {
        case op::equals: s += "="; break;
        case op::double_equals: s += "=="; break;
        case op::not_equals: s += "!="; break;
        case op::in: s += " in "; break;
        case op::not_in: s += " notin "; break;
        case op::greater_than: s += ">"; break;
        case op::less_than: s += "<"; break;
        case op::exists:
        case op::does_not_exist: return s;
    }
    const bool set_based = operator_ == op::in || operator_ == op::not_in;
    if (set_based) s += '(';
    if (values.size() == 1) {
        s += values[0];
    } else {
        auto sorted = values;
        std::sort(sorted.begin(), sorted.end());
        s += detail::join(sorted, ",");
    }
    if (set_based) s += ')';
    return s;
}

result<requirement> make_requirement(std::string key, op o, std::vector<std::string> values,
                                     const field::path& base,
                                     bool nil_values) {
    field::error_list errs;
    if (auto e = detail::validate_key(key, base.child("key"))) errs.push_back(std::move(*e));
    const auto values_path = base.child("values");
    auto bad_values = [&] { return detail::json_string_list(values, nil_values); };
    switch (o) {
        case op::in:
        case op::not_in:
            if (values.empty())
                errs.push_back(field::invalid_raw(values_path, bad_values(),
                                                  "for 'in', 'notin' operators, values set can't be empty"));
            break;
        case op::equals:
        case op::double_equals:
        case op::not_equals:
            if (values.size() != 1)
                errs.push_back(field::invalid_raw(values_path, bad_values(),
                                                  "exact-match compatibility requires one single value"));
            break;
        case op::exists:
        case op::does_not_exist:
            if (!values.empty())
                errs.push_back(field::invalid_raw(values_path, bad_values(),
                                                  "values set must be empty for exists and does not exist"));
            break;
        case op::greater_than:
        case op::less_than:
            if (values.size() != 1)
                errs.push_back(field::invalid_raw(values_path, bad_values(),
                                                  "for 'Gt', 'Lt' operators, exactly one value is required"));
            for (std::size_t i = 0; i < values.size(); ++i)
                if (!detail::parse_int64(values[i]))
                    errs.push_back(field::invalid(values_path.index(i), values[i],
                                                  "for 'Gt', 'Lt' operators, the value must be an integer"));
            break;
    }
    for (std::size_t i = 0; i < values.size(); ++i)
        if (auto e = detail::validate_value(key, values[i], values_path.index(i))) errs.push_back(std::move(*e));
    if (!errs.empty()) return errors::bad_request(field::aggregate(errs));
    return requirement{std::move(key), o, std::move(values)};
}

selector selector::nothing() {
    selector s;
    s.nothing_ = true;
    return s;
}

bool selector::matches(const label_map& ls) const {
    if (nothing_) return false;
    for (const auto& r : reqs_)
        if (!r.matches(ls)) return false;
    return true;
}

std::string selector::to_string() const {
    std::string s;
    for (std::size_t i = 0; i < reqs_.size(); ++i) {
        if (i) s += ',';
        s += reqs_[i].to_string();
    }
    return s;
}

selector selector::add(std::vector<requirement> more) const {
    if (nothing_) return *this;
    selector s = *this;
    for (auto& r : more) s.reqs_.push_back(std::move(r));
    std::stable_sort(s.reqs_.begin(), s.reqs_.end(),
                     [](const requirement& a, const requirement& b) { return a.key < b.key; });
    return s;
}

std::optional<std::string> selector::requires_exact_match(std::string_view label) const {
    if (nothing_) return std::nullopt;
    for (const auto& r : reqs_) {
        if (r.key != label) continue;
        if ((r.operator_ == op::equals || r.operator_ == op::double_equals || r.operator_ == op::in) &&
            r.values.size() == 1)
            return r.values[0];
        return std::nullopt;
    }
    return std::nullopt;
}

namespace detail {

// ---- the selector string grammar (Lexer / Parser of selector.go) ----------------

enum class token {
    end_of_string,
    close_par,
    comma,
    does_not_exist,
    double_equals,
    equals,
    greater_than,
    identifier,
    in,
    less_than,
    not_equals,
    not_in,
    open_par,
};

struct scanned_item {
    token tok{token::end_of_string};
    std::string literal{};
};

[[nodiscard]] constexpr bool is_whitespace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

[[nodiscard]] constexpr bool is_special_symbol(char c) {
    return c == '=' || c == '!' || c == '(' || c == ')' || c == ',' || c == '>' || c == '<';
}

// The operator and punctuation spellings; identifiers "in"/"notin" are keywords.
[[nodiscard]] KUBESIM_DECL std::optional<token> literal_token(std::string_view s) {
    if (s == ")") return token::close_par;
    if (s == ",") return token::comma;
    if (s == "!") return token::does_not_exist;
    if (s == "==") return token::double_equals;
    if (s == "=") return token::equals;
    if (s == ">") return token::greater_than;
    if (s == "in") return token::in;
    if (s == "<") return token::less_than;
    if (s == "!=") return token::not_equals;
    if (s == "notin") return token::not_in;
    if (s == "(") return token::open_par;
    return std::nullopt;
}

class lexer {
public:
    explicit lexer(std::string_view s) : s_(s) {}

    // Whitespace separates tokens; a NUL byte ends the input, as in upstream.
    scanned_item lex() {
        char ch = read();
        while (is_whitespace(ch)) ch = read();
        if (ch == 0) return {token::end_of_string, {}};
        unread();
        return is_special_symbol(ch) ? scan_special_symbol() : scan_id_or_keyword();
    }

private:
    char read() { return pos_ < s_.size() ? s_[pos_++] : '\0'; }
    void unread() { --pos_; }

    scanned_item scan_id_or_keyword() {
        std::string buf;
        while (true) {
            char ch = read();
            if (ch == 0) break;
            if (is_special_symbol(ch) || is_whitespace(ch)) {
                unread();
                break;
            }
            buf += ch;
        }
        if (auto t = literal_token(buf)) return {*t, std::move(buf)};
        return {token::identifier, std::move(buf)};
    }

    // Longest operator: "!=" over "!", "==" over "="; every single symbol is a token.
    scanned_item scan_special_symbol() {
        std::string buf;
        std::optional<scanned_item> last;
        while (true) {
            char ch = read();
            if (ch == 0) break;
            if (!is_special_symbol(ch)) {
                unread();
                break;
            }
            buf += ch;
            if (auto t = literal_token(buf)) {
                last = scanned_item{*t, buf};
            } else if (last) {
                unread();
                break;
            }
        }
        return last ? *last : scanned_item{token::identifier, buf};
    }

    std::string_view s_;
    std::size_t pos_{0};
};

enum class parser_context { key_and_operator, values };

class parser {
public:
    explicit parser(std::string_view s) {
        lexer l(s);
        while (true) {
            auto item = l.lex();
            const bool end = item.tok == token::end_of_string;
            items_.push_back(std::move(item));
            if (end) break;
        }
    }

    // Returns the requirements or upstream's error text.
    [[nodiscard]] std::pair<std::vector<requirement>, std::string> parse() {
        std::vector<requirement> reqs;
        while (true) {
            auto [tok, lit] = lookahead(parser_context::values);
            switch (tok) {
                case token::identifier:
                case token::does_not_exist: {
                    std::string err;
                    auto r = parse_requirement(err);
                    if (!r) return {{}, "unable to parse requirement: " + err};
                    reqs.push_back(std::move(*r));
                    auto [t, l] = consume(parser_context::values);
                    if (t == token::end_of_string) return {std::move(reqs), {}};
                    if (t == token::comma) {
                        auto [t2, l2] = lookahead(parser_context::values);
                        if (t2 != token::identifier && t2 != token::does_not_exist)
                            return {{}, "found '" + l2 + "', expected: identifier after ','"};
                        break;
                    }
                    return {{}, "found '" + l + "', expected: ',' or 'end of string'"};
                }
                case token::end_of_string: return {std::move(reqs), {}};
                default: return {{}, "found '" + lit + "', expected: !, identifier, or 'end of string'"};
            }
        }
    }

private:
    // In the values context the keywords in/notin are plain identifiers ("x in (in)").
    [[nodiscard]] std::pair<token, std::string> lookahead(parser_context ctx) const {
        if (pos_ >= items_.size()) return {token::end_of_string, {}};
        const auto& it = items_[pos_];
        auto tok = it.tok;
        if (ctx == parser_context::values && (tok == token::in || tok == token::not_in)) tok = token::identifier;
        return {tok, it.literal};
    }

    std::pair<token, std::string> consume(parser_context ctx) {
        auto r = lookahead(ctx);
        ++pos_;
        return r;
    }

    std::optional<requirement> parse_requirement(std::string& err) {
        // parseKeyAndInferOperator
        std::optional<op> o;
        auto item = consume(parser_context::values);
        if (item.first == token::does_not_exist) {
            o = op::does_not_exist;
            item = consume(parser_context::values);
        }
        const token tok = item.first;
        std::string key = std::move(item.second);
        if (tok != token::identifier) {
            err = "found '" + key + "', expected: identifier";
            return std::nullopt;
        }
        // Upstream validates the key against a nil field path, printed "<nil>".
        if (auto e = validate_key(key, field::path("<nil>"))) {
            err = e->to_string();
            return std::nullopt;
        }
        const token next = lookahead(parser_context::values).first;
        if ((next == token::end_of_string || next == token::comma) && o != op::does_not_exist) o = op::exists;
        if (o == op::exists || o == op::does_not_exist) return finish(std::move(key), *o, {}, err);

        // parseOperator
        auto [otok, olit] = consume(parser_context::key_and_operator);
        switch (otok) {
            case token::in: o = op::in; break;
            case token::equals: o = op::equals; break;
            case token::double_equals: o = op::double_equals; break;
            case token::greater_than: o = op::greater_than; break;
            case token::less_than: o = op::less_than; break;
            case token::not_in: o = op::not_in; break;
            case token::not_equals: o = op::not_equals; break;
            default: err = "found '" + olit + "', expected: in, notin, =, ==, !=, gt, lt"; return std::nullopt;
        }
        std::set<std::string> values;
        if (*o == op::in || *o == op::not_in) {
            if (!parse_values(values, err)) return std::nullopt;
        } else if (!parse_exact_value(values, err)) {
            return std::nullopt;
        }
        return finish(std::move(key), *o, std::vector<std::string>(values.begin(), values.end()), err);
    }

    static std::optional<requirement> finish(std::string key, op o, std::vector<std::string> values, std::string& err) {
        auto r = make_requirement(std::move(key), o, std::move(values));
        if (!r) {
            err = r.error().message;
            return std::nullopt;
        }
        return std::move(r).value();
    }

    // "(a,b,c)": the set is sorted and de-duplicated; "()" and stray commas add "".
    bool parse_values(std::set<std::string>& out, std::string& err) {
        auto [tok, lit] = consume(parser_context::values);
        if (tok != token::open_par) {
            err = "found '" + lit + "' expected: '('";
            return false;
        }
        auto [t, l] = lookahead(parser_context::values);
        if (t == token::close_par) {
            consume(parser_context::values);
            out.insert("");
            return true;
        }
        if (t != token::identifier && t != token::comma) {
            err = "found '" + l + "', expected: ',', ')' or identifier";
            return false;
        }
        if (!parse_identifiers_list(out, err)) return false;
        // parse_identifiers_list only succeeds with ')' next.
        consume(parser_context::values);
        return true;
    }

    bool parse_identifiers_list(std::set<std::string>& out, std::string& err) {
        while (true) {
            auto [tok, lit] = consume(parser_context::values);
            if (tok == token::identifier) {
                out.insert(lit);
                auto [t2, l2] = lookahead(parser_context::values);
                if (t2 == token::comma) continue;
                if (t2 == token::close_par) return true;
                err = "found '" + l2 + "', expected: ',' or ')'";
                return false;
            }
            if (tok == token::comma) {
                if (out.empty()) out.insert("");  // "(,"
                const token t2 = lookahead(parser_context::values).first;
                if (t2 == token::close_par) {  // ",)"
                    out.insert("");
                    return true;
                }
                if (t2 == token::comma) out.insert("");  // ",,"
                continue;
            }
            err = "found '" + lit + "', expected: ',', or identifier";
            return false;
        }
    }

    bool parse_exact_value(std::set<std::string>& out, std::string& err) {
        const token t = lookahead(parser_context::values).first;
        if (t == token::end_of_string || t == token::comma) {
            out.insert("");
            return true;
        }
        auto [tok, lit] = consume(parser_context::values);
        if (tok == token::identifier) {
            out.insert(lit);
            return true;
        }
        err = "found '" + lit + "', expected: identifier";
        return false;
    }

    std::vector<scanned_item> items_{};
    std::size_t pos_{0};
};

}  // namespace detail

result<selector> parse(std::string_view s) {
    detail::parser p(s);
    auto [reqs, err] = p.parse();
    if (!err.empty()) return errors::bad_request(std::move(err));
    return selector{}.add(std::move(reqs));
}

selector selector_from_set(const label_map& ls) {
    std::vector<requirement> reqs;
    reqs.reserve(ls.size());
    for (const auto& [k, v] : ls) reqs.push_back(requirement{k, op::equals, {v}});
    return selector{}.add(std::move(reqs));
}

result<selector> validated_selector_from_set(const label_map& ls) {
    std::vector<requirement> reqs;
    for (const auto& [k, v] : ls) {
        auto r = make_requirement(k, op::equals, {v});
        if (!r) return r.error();
        reqs.push_back(std::move(r).value());
    }
    return selector{}.add(std::move(reqs));
}

result<selector> label_selector_as_selector(const label_selector& ps) {
    if (ps.match_labels.empty() && ps.match_expressions.empty()) return selector::everything();
    std::vector<requirement> reqs;
    reqs.reserve(ps.match_labels.size() + ps.match_expressions.size());
    for (const auto& [k, v] : ps.match_labels) {
        auto r = make_requirement(k, op::equals, {v});
        if (!r) return r.error();
        reqs.push_back(std::move(r).value());
    }
    for (const auto& expr : ps.match_expressions) {
        op o{};
        if (expr.operator_ == label_selector_op_in)
            o = op::in;
        else if (expr.operator_ == label_selector_op_not_in)
            o = op::not_in;
        else if (expr.operator_ == label_selector_op_exists)
            o = op::exists;
        else if (expr.operator_ == label_selector_op_does_not_exist)
            o = op::does_not_exist;
        else
            return errors::bad_request(field::quote(expr.operator_) + " is not a valid label selector operator");
        // Upstream copies the values into a nil slice: an empty list prints as null.
        auto r = make_requirement(expr.key, o, expr.values, field::path{}, /*nil_values=*/true);
        if (!r) return r.error();
        reqs.push_back(std::move(r).value());
    }
    return selector{}.add(std::move(reqs));
}

result<selector> label_selector_as_selector(const std::optional<label_selector>& ps) {
    if (!ps) return selector::nothing();
    return label_selector_as_selector(*ps);
}

result<label_map> label_selector_as_map(const label_selector& ps) {
    label_map out = ps.match_labels;
    for (const auto& expr : ps.match_expressions) {
        if (expr.operator_ == label_selector_op_in) {
            if (expr.values.size() != 1)
                return errors::bad_request("operator " + field::quote(expr.operator_) +
                                           " without a single value cannot be converted into the old label "
                                           "selector format");
            out[expr.key] = expr.values[0];
        } else if (expr.operator_ == label_selector_op_not_in || expr.operator_ == label_selector_op_exists ||
                   expr.operator_ == label_selector_op_does_not_exist) {
            return errors::bad_request("operator " + field::quote(expr.operator_) +
                                       " cannot be converted into the old label selector format");
        } else {
            return errors::bad_request(field::quote(expr.operator_) + " is not a valid selector operator");
        }
    }
    return out;
}

std::string to_string(const label_map& ls) {
    std::vector<std::string> pairs;
    pairs.reserve(ls.size());
    for (const auto& [k, v] : ls) pairs.push_back(k + "=" + v);
    std::sort(pairs.begin(), pairs.end());
    return detail::join(pairs, ",");
}

std::string format_labels(const label_map& ls) {
    auto s = to_string(ls);
    return s.empty() ? std::string("<none>") : s;
}

// ---- validation (apimachinery pkg/apis/meta/v1/validation) ----------------------

field::error_list validate_label_name(std::string_view key, const field::path& p) {
    field::error_list errs;
    for (auto& msg : validation::is_qualified_name(key)) errs.push_back(field::invalid(p, key, std::move(msg)));
    return errs;
}

field::error_list validate_labels(const label_map& ls, const field::path& p) {
    field::error_list errs;
    for (const auto& [k, v] : ls) {
        auto key_errs = validate_label_name(k, p);
        errs.insert(errs.end(), key_errs.begin(), key_errs.end());
        for (auto& msg : validation::is_valid_label_value(v)) errs.push_back(field::invalid(p, v, std::move(msg)));
    }
    return errs;
}

field::error_list validate_label_selector_requirement(
    const label_selector_requirement& sr, const field::path& p, const label_selector_validation_options& opts) {
    field::error_list errs;
    if (sr.operator_ == label_selector_op_in || sr.operator_ == label_selector_op_not_in) {
        if (sr.values.empty())
            errs.push_back(field::required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
    } else if (sr.operator_ == label_selector_op_exists || sr.operator_ == label_selector_op_does_not_exist) {
        if (!sr.values.empty())
            errs.push_back(field::forbidden(p.child("values"),
                                            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    } else if (!opts.allow_unknown_operator_in_requirement) {
        // The operator's Go type is a named string, so it renders through JSON.
        errs.push_back(field::invalid_raw(p.child("operator"), detail::json_quote(sr.operator_),
                                          "not a valid selector operator"));
    }
    auto key_errs = validate_label_name(sr.key, p.child("key"));
    errs.insert(errs.end(), key_errs.begin(), key_errs.end());
    if (!opts.allow_invalid_label_value_in_selector) {
        for (std::size_t i = 0; i < sr.values.size(); ++i)
            for (auto& msg : validation::is_valid_label_value(sr.values[i]))
                errs.push_back(field::invalid(p.child("values").index(i), sr.values[i], std::move(msg)));
    }
    return errs;
}

field::error_list validate_label_selector(const label_selector& ps, const field::path& p,
                                          const label_selector_validation_options& opts) {
    auto errs = validate_labels(ps.match_labels, p.child("matchLabels"));
    for (std::size_t i = 0; i < ps.match_expressions.size(); ++i) {
        auto e = validate_label_selector_requirement(ps.match_expressions[i], p.child("matchExpressions").index(i), opts);
        errs.insert(errs.end(), e.begin(), e.end());
    }
    return errs;
}

}  // namespace kubesim::api::labels
