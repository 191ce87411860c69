// kubectl explain: a resource's or a field's documentation from the server's
// OpenAPI v3 documents, rendered as kubectl's plaintext template
// (pkg/explain/v2/templates/plaintext.tmpl) renders it.
#pragma once

#include <kubesim/kubectl/detail/cli.hpp>

#include <set>

namespace kubesim::kubectl::detail {

namespace {

// The template's error: what is printed so far stays on stdout.
struct explain_throw : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// Go template truthiness of a JSON value.
inline bool explain_truthy(const json* v) {
    if (!v || v->is_null()) return false;
    if (v->is_boolean()) return v->get<bool>();
    if (v->is_string()) return !v->get_ref<const std::string&>().empty();
    if (v->is_object() || v->is_array()) return !v->empty();
    if (v->is_number()) return v->get<double>() != 0;
    return true;
}

inline const json* explain_get(const json& obj, const std::string& key) {
    if (!obj.is_object()) return nullptr;
    const auto it = obj.find(key);
    return it == obj.end() ? nullptr : &*it;
}

// github.com/mitchellh/go-wordwrap WrapString.
inline std::string explain_wrap(const std::string& s, std::size_t lim) {
    std::string buf, word, space;
    std::size_t current = 0;
    for (char ch : s) {
        if (ch == '\n') {
            if (word.empty()) {
                if (current + space.size() > lim) {
                    current = 0;
                } else {
                    current += space.size();
                    buf += space;
                }
                space.clear();
            } else {
                current += space.size() + word.size();
                buf += space + word;
                space.clear();
                word.clear();
            }
            buf += ch;
            current = 0;
        } else if (ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f' || ch == '\r') {
            if (space.empty() || !word.empty()) {
                current += space.size() + word.size();
                buf += space + word;
                space.clear();
                word.clear();
            }
            space += ch;
        } else {
            word += ch;
            if (current + space.size() + word.size() > lim && word.size() < lim) {
                buf += '\n';
                current = 0;
                space.clear();
            }
        }
    }
    if (word.empty()) {
        if (current + space.size() <= lim) buf += space;
    } else {
        buf += space + word;
    }
    return buf;
}

inline std::string explain_indent(std::size_t n, const std::string& s) {
    const std::string pad(n, ' ');
    std::string out = pad;
    for (char ch : s) {
        out += ch;
        if (ch == '\n') out += pad;
    }
    return out;
}

inline bool explain_is_map_schema(const json& s) {
    const json* ap = explain_get(s, "additionalProperties");
    return explain_truthy(ap) && !ap->is_boolean();
}

class explain_renderer {
public:
    explain_renderer(const json& doc, bool recursive) : doc_(doc), recursive_(recursive) {}

    const json* resolve(const json* ref) const {
        if (!ref || !ref->is_string()) return nullptr;
        const std::string& r = ref->get_ref<const std::string&>();
        if (r.empty() || r[0] != '#') return nullptr;
        const json* cur = &doc_;
        std::size_t start = 1;
        while (start <= r.size()) {
            const auto slash = r.find('/', start);
            const std::string k = r.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
            if (!k.empty()) {
                cur = explain_get(*cur, k);
                if (!cur || !cur->is_object()) return nullptr;
            }
            if (slash == std::string::npos) break;
            start = slash + 1;
        }
        return cur;
    }

    const json& resolved(const json& schema) const {
        const json* r = resolve(explain_get(schema, "$ref"));
        return r && !r->empty() ? *r : schema;
    }

    std::string type_guess(const json& s) const {
        if (const json* items = explain_get(s, "items"); explain_truthy(items)) return "[]" + type_guess(*items);
        if (explain_is_map_schema(s)) return "map[string]" + type_guess(s["additionalProperties"]);
        const json* all_of = explain_get(s, "allOf");
        if (explain_truthy(all_of) && !explain_truthy(explain_get(s, "properties")) && all_of->size() == 1)
            return type_guess((*all_of)[0]);
        const json* ref = explain_get(s, "$ref");
        if (explain_truthy(ref)) {
            const json* target = resolve(ref);
            const json* type = target ? explain_get(*target, "type") : nullptr;
            if (!target || target->empty() || !explain_truthy(type) || *type == "object") {
                const std::string& r = ref->get_ref<const std::string&>();
                const std::string name = r.substr(r.rfind('/') + 1);
                const std::string last = name.substr(name.rfind('.') + 1);
                return last.empty() ? "Object" : last;
            }
            return type->get<std::string>();
        }
        const json* type = explain_get(s, "type");
        if (type && *type == "object") return "Object";
        return explain_truthy(type) ? type->get<std::string>() : "Object";
    }

    std::string extract_enum(const json& s, bool long_view, int limit, std::size_t indent) const {
        const json* e = explain_get(s, "enum");
        if (!explain_truthy(e)) return {};
        std::string out = long_view ? "ENUM:" : "\n" + std::string(indent, ' ') + "enum: ";
        for (std::size_t i = 0; i < e->size(); ++i) {
            if (limit > -1 && static_cast<int>(i) >= limit) {
                out += ", ....";
                break;
            }
            if (i > 0 && !long_view) out += ", ";
            else if (long_view) out += "\n    ";
            const json& el = (*e)[i];
            if (el.is_string()) out += el.get<std::string>().empty() ? "\"\"" : el.get<std::string>();
            else out += el.dump();
        }
        return out;
    }

    std::string description(const json& schema) const {
        const json& s = resolved(schema);
        std::string out;
        if (const json* d = explain_get(s, "description"); explain_truthy(d)) out += d->get<std::string>() + "\n";
        if (const json* all = explain_get(s, "allOf"); all && all->is_array())
            for (const auto& a : *all) out += description(a);
        if (const json* items = explain_get(s, "items"); explain_truthy(items)) out += description(*items);
        if (explain_is_map_schema(s)) out += description(s["additionalProperties"]);
        return out;
    }

    std::string field_detail(const std::string& name, const json& parent, std::size_t level) const {
        const std::size_t ind = level * 2;
        const json& field = parent["properties"][name];
        std::string out = explain_indent(ind, name) + "\t<" + type_guess(field) + ">";
        if (const json* req = explain_get(parent, "required"); req && req->is_array())
            for (const auto& r : *req)
                if (r == name) out += " -required-";
        out += extract_enum(field, false, 4, ind) + "\n";
        if (!recursive_) {
            const json* d = explain_get(field, "description");
            const std::string text = explain_truthy(d) ? d->get<std::string>() : "<no description>";
            out += explain_indent(ind + 2, explain_wrap(text, 78 - ind)) + "\n\n";
        }
        return out;
    }

    std::string field_list(const json& schema, std::size_t level, std::set<std::string> history) const {
        const json* ref = explain_get(schema, "$ref");
        const std::string ref_string = ref && ref->is_string() ? ref->get<std::string>() : std::string();
        if (!ref_string.empty() && history.count(ref_string)) return {};
        history.insert(ref_string);
        const json& s = resolved(schema);
        std::string out;
        if (const json* props = explain_get(s, "properties"); props && props->is_object())
            for (auto it = props->begin(); it != props->end(); ++it) {
                out += field_detail(it.key(), s, level);
                if (recursive_) out += field_list(it.value(), level + 1, history);
            }
        if (const json* all = explain_get(s, "allOf"); all && all->is_array())
            for (const auto& a : *all) out += field_list(a, level, history);
        if (const json* items = explain_get(s, "items"); explain_truthy(items)) out += field_list(*items, level, history);
        if (explain_is_map_schema(s)) out += field_list(s["additionalProperties"], level, history);
        return out;
    }

    std::string output(const json& schema, const std::vector<std::string>& path, std::set<std::string> history) const {
        const json* ref = explain_get(schema, "$ref");
        const std::string ref_string = ref && ref->is_string() ? ref->get<std::string>() : std::string();
        auto next = history;
        next.insert(ref_string);
        const json& s = resolved(schema);
        if (path.empty()) {
            std::string d = description(s);
            if (d.empty()) d = "<empty>";
            std::string out = "DESCRIPTION:\n" + explain_indent(4, explain_wrap(d, 76)) + "\n";
            const std::string fields = field_list(s, 1, {});
            if (!fields.empty()) out += "FIELDS:\n" + fields;
            return out;
        }
        if (!ref_string.empty() && history.count(ref_string)) return {};
        const json* props = explain_get(s, "properties");
        const json* sub = props ? explain_get(*props, path[0]) : nullptr;
        if (explain_truthy(props) && explain_truthy(sub)) {
            std::string out;
            if (path.size() == 1)
                out += "FIELD: " + path[0] + " <" + type_guess(*sub) + ">\n" + extract_enum(*sub, true, -1, 0) + "\n\n";
            return out + output(*sub, std::vector<std::string>(path.begin() + 1, path.end()), {});
        }
        if (const json* items = explain_get(s, "items"); explain_truthy(items)) return output(*items, path, next);
        if (explain_is_map_schema(s)) return output(s["additionalProperties"], path, next);
        if (const json* all = explain_get(s, "allOf"); all && all->is_array())
            for (const auto& a : *all) {
                auto out = output(a, path, next);
                if (!out.empty()) return out;
            }
        return {};
    }

private:
    const json& doc_;
    bool recursive_;
};

inline std::vector<std::string> explain_split(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        const auto dot = s.find('.', start);
        const std::string part = s.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        if (!part.empty()) out.push_back(part);
        if (dot == std::string::npos) break;
        start = dot + 1;
    }
    return out;
}

}  // namespace

int cmd_explain(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    f.boolean("recursive");
    f.string("api-version");
    f.string("output", 'o', "plaintext");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (args.empty())
        throw exit_error("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a "
                         "complete list of supported resources.\n");
    if (args.size() > 1) throw exit_error("error: We accept only this format: explain RESOURCE\n");
    std::string in = args[0];
    if (!in.empty() && in.back() == '.') in.pop_back();
    const auto parts = explain_split(in);
    const resource_info* r = parts.empty() ? nullptr : ctx.rm->find(parts[0]);
    // A NoResourceMatchError: CheckErr prints it without "error: ".
    if (!r) throw exit_error("the server doesn't have a resource type " + go_quote(parts.empty() ? in : parts[0]) + "\n");
    std::vector<std::string> fields;
    const std::string gr = r->qualified();
    if (in.rfind(gr, 0) == 0 && (in.size() == gr.size() || in[gr.size()] == '.')) {
        fields = explain_split(in.substr(gr.size()));
    } else {
        fields.assign(parts.begin() + 1, parts.end());
    }
    std::string group = r->group, version = r->version;
    if (!f.str("api-version").empty()) {
        const std::string av = f.str("api-version");
        const auto slash = av.find('/');
        if (slash == std::string::npos) group.clear(), version = av;
        else group = av.substr(0, slash), version = av.substr(slash + 1);
    }
    const std::string output = f.str("output");
    if (output != "plaintext" && output != "plaintext-openapiv2")
        throw exit_error("error: unrecognized format: " + output + "\n");

    const auto index = ctx.api->get("/openapi/v3");
    const std::string key = group.empty() ? "api/" + version : "apis/" + group + "/" + version;
    const json* entry = index.contains("paths") ? explain_get(index["paths"], key) : nullptr;
    if (!entry)
        throw exit_error("error: couldn't find resource for \"" + group + "/" + version + ", Resource=" + r->resource + "\"\n");
    const auto doc = ctx.api->get(entry->value("serverRelativeURL", std::string()));

    explain_renderer render(doc, f.on("recursive"));
    const std::string prefix = group.empty() ? "/api" : "/apis/" + group;
    const std::vector<std::string> searches{
        prefix + "/" + version + "/" + r->resource, prefix + "/" + version + "/" + r->resource + "/{name}",
        prefix + "/" + version + "/namespaces/{namespace}/" + r->resource,
        prefix + "/" + version + "/namespaces/{namespace}/" + r->resource + "/{name}"};
    json gvk;
    const json* paths = explain_get(doc, "paths");
    for (const auto& p : searches) {
        const json* el = paths ? explain_get(*paths, p) : nullptr;
        if (!explain_truthy(el)) continue;
        for (const char* m : {"get", "post", "put", "patch", "delete"}) {
            const json* op = explain_get(*el, m);
            if (!explain_truthy(op)) continue;
            const json* g = explain_get(*op, "x-kubernetes-group-version-kind");
            gvk = g ? *g : json();
            if (explain_truthy(&gvk)) break;
        }
    }
    if (!explain_truthy(&gvk))
        throw exit_error("error: GVR (" + group + "/" + version + ", Resource=" + r->resource +
                         ") not found in OpenAPI schema\n");
    if (!gvk.value("group", std::string()).empty()) ctx.out += "GROUP:      " + gvk.value("group", std::string()) + "\n";
    ctx.out += "KIND:       " + gvk.value("kind", std::string()) + "\n";
    ctx.out += "VERSION:    " + gvk.value("version", std::string()) + "\n\n";
    const json* schemas = explain_get(doc, "components");
    schemas = schemas ? explain_get(*schemas, "schemas") : nullptr;
    std::string text;
    bool found = false;
    if (schemas)
        for (auto it = schemas->begin(); it != schemas->end(); ++it) {
            const json* gvks = explain_get(it.value(), "x-kubernetes-group-version-kind");
            if (!gvks || !gvks->is_array() || std::find(gvks->begin(), gvks->end(), gvk) == gvks->end()) continue;
            found = true;
            text = render.output(it.value(), fields, {});
            if (text.empty())
                throw exit_error("error: field " + go_quote(fields.empty() ? "" : fields.back()) + " does not exist\n");
            break;
        }
    if (!found) {
        throw exit_error("error: GVK map[group:" + gvk.value("group", std::string()) + " kind:" +
                         gvk.value("kind", std::string()) + " version:" + gvk.value("version", std::string()) +
                         "] not found in OpenAPI schema\n");
    }
    ctx.out += text + "\n";
    return 0;
}

}  // namespace kubesim::kubectl::detail
