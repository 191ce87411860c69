// Definitions of kubectl/detail/output.hpp.
#pragma once

#include <kubesim/kubectl/detail/output.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include <kubesim/kubectl/detail/jsonpath.hpp>
#include <kubesim/kubectl/yaml.hpp>

namespace kubesim::kubectl::detail {

void add_output_flags(flag_set& f) {
    f.string("output", 'o');
    f.string("template");
    f.boolean("show-managed-fields");
    f.boolean("allow-missing-template-keys", 0, true);
}

output_options output_options::from(const flag_set& f) {
    output_options o;
    std::string spec = f.str("output");
    const auto eq = spec.find('=');
    o.format = spec.substr(0, eq);
    if (eq != std::string::npos) o.argument = spec.substr(eq + 1);
    if (o.format == "template") o.format = "go-template";
    if ((o.format == "go-template" || o.format == "jsonpath") && o.argument.empty()) o.argument = f.str("template");
    o.no_headers = f.on("no-headers");
    o.show_managed_fields = f.on("show-managed-fields");
    o.allow_missing_keys = f.on("allow-missing-template-keys");
    o.show_labels = f.on("show-labels");
    o.label_columns = f.list("label-columns");
    o.sort_by = f.str("sort-by");
    const bool get = f.find("label-columns") != nullptr;  // `get` has the table formats
    static const std::vector<std::string> generic{"go-template", "json", "jsonpath", "name", "yaml"};
    const bool known = o.format.empty() || std::find(generic.begin(), generic.end(), o.format) != generic.end() ||
                       (get && (o.format == "wide" || o.format == "custom-columns"));
    if (!known) {
        throw exit_error(
            "error: unable to match a printer suitable for the output format " + go_quote(spec) +
            ", allowed formats are: " +
            (get ? "custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
                   "jsonpath-file,name,template,templatefile,wide,yaml"
                 : "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
                   "templatefile,yaml") +
            "\n");
    }
    if ((o.format == "go-template" || o.format == "jsonpath") && o.argument.empty())
        throw exit_error("error: template format specified but no template given\n");
    if (o.format == "custom-columns" && o.argument.empty())
        throw exit_error("error: custom-columns format specified but no custom columns given\n");
    return o;
}

std::string object_name(const json& obj) {
    const std::string api_version = obj.value("apiVersion", std::string());
    std::string kind = obj.value("kind", std::string());
    std::transform(kind.begin(), kind.end(), kind.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    const auto slash = api_version.find('/');
    const std::string group = slash == std::string::npos ? std::string() : api_version.substr(0, slash);
    const std::string name = obj.contains("metadata") ? obj["metadata"].value("name", std::string()) : std::string();
    return (group.empty() ? kind : kind + "." + group) + "/" + name;
}

namespace {

inline void strip_managed_fields(json& obj) {
    if (obj.is_object()) {
        if (auto m = obj.find("metadata"); m != obj.end() && m->is_object()) m->erase("managedFields");
        if (auto items = obj.find("items"); items != obj.end() && items->is_array())
            for (auto& i : *items) strip_managed_fields(i);
    }
}

inline const json& items_or_self(const json& obj, json& holder) {
    if (obj.contains("items") && obj["items"].is_array() && obj.value("kind", std::string()).ends_with("List"))
        return obj["items"];
    holder = json::array({obj});
    return holder;
}

}  // namespace

bool natural_less(std::string_view a, std::string_view b) {
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        const bool da = digit(a[i]), db = digit(b[j]);
        if (da && db) {
            // Compare digit runs by value (leading zeros: fewer first).
            std::size_t ei = i, ej = j;
            while (ei < a.size() && digit(a[ei])) ++ei;
            while (ej < b.size() && digit(b[ej])) ++ej;
            std::size_t zi = i, zj = j;
            while (zi + 1 < ei && a[zi] == '0') ++zi;
            while (zj + 1 < ej && b[zj] == '0') ++zj;
            const auto na = a.substr(zi, ei - zi), nb = b.substr(zj, ej - zj);
            if (na.size() != nb.size()) return na.size() < nb.size();
            if (na != nb) return na < nb;
            if ((ei - i) != (ej - j)) return (ei - i) < (ej - j);
            i = ei;
            j = ej;
            continue;
        }
        if (a[i] != b[j]) return a[i] < b[j];
        ++i;
        ++j;
    }
    return a.size() - i < b.size() - j;
}

namespace {

// --sort-by's order of two JSONPath results (kubectl's RuntimeSort).
inline bool sort_less(const json& a, const json& b) {
    if (a.is_null() || b.is_null()) return a.is_null() && !b.is_null();
    if (a.is_number() && b.is_number()) return a.get<double>() < b.get<double>();
    if (a.is_string() && b.is_string()) return natural_less(a.get_ref<const std::string&>(), b.get_ref<const std::string&>());
    if (a.is_boolean() && b.is_boolean()) return !a.get<bool>() && b.get<bool>();
    return go_sprint(a) < go_sprint(b);
}

}  // namespace

void sort_objects(std::vector<json>& items, const std::string& field) {
    const auto path = jsonpath::parse("sorter", jsonpath::relaxed(field));
    std::vector<std::pair<json, json>> keyed;
    keyed.reserve(items.size());
    for (auto& item : items) {
        auto results = path.find_results(item, true);
        json key = (!results.empty() && !results[0].empty()) ? results[0][0] : json();
        keyed.emplace_back(std::move(key), std::move(item));
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return sort_less(x.first, y.first); });
    items.clear();
    for (auto& [k, item] : keyed) items.push_back(std::move(item));
}

void print_object(context& ctx, const output_options& out, const json& original) {
    json obj = original;
    if (!out.show_managed_fields) strip_managed_fields(obj);
    if (out.format == "yaml") {
        ctx.out += to_yaml(obj);
    } else if (out.format == "json") {
        ctx.out += to_json(obj);
    } else if (out.format == "name") {
        json holder;
        for (const auto& item : items_or_self(obj, holder)) ctx.out += object_name(item) + "\n";
    } else if (out.format == "jsonpath") {
        try {
            const auto path = jsonpath::parse("jsonpath", out.argument);
            ctx.out += path.execute(obj, out.allow_missing_keys);
        } catch (const jsonpath_error& e) {
            throw exit_error(std::string("error: ") + e.what() + "\n");
        }
    } else if (out.format == "go-template") {
        try {
            ctx.out += execute_go_template(out.argument, obj, out.allow_missing_keys);
        } catch (const go_template_error& e) {
            throw exit_error(std::string("error: ") + e.what() + "\n");
        }
    } else if (out.format == "custom-columns") {
        std::vector<std::pair<std::string, jsonpath>> columns;
        std::size_t start = 0;
        const std::string& spec = out.argument;
        for (;;) {
            const auto comma = spec.find(',', start);
            const std::string col = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            const auto colon = col.find(':');
            if (colon == std::string::npos)
                throw exit_error("error: unexpected custom-columns spec: " + col + ", expected <header>:<json-path-expr>\n");
            columns.emplace_back(col.substr(0, colon), jsonpath::parse(col.substr(0, colon), jsonpath::relaxed(col.substr(colon + 1))));
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
        tabwriter w(6, 4, 3, true);
        if (!out.no_headers) {
            std::string line;
            for (std::size_t i = 0; i < columns.size(); ++i) line += (i ? "\t" : "") + columns[i].first;
            w.write(line + "\n");
        }
        json holder;
        for (const auto& item : items_or_self(obj, holder)) {
            std::string line;
            for (std::size_t i = 0; i < columns.size(); ++i) {
                const auto results = columns[i].second.find_results(item, true);
                std::string cell;
                bool any = false;
                for (const auto& group : results)
                    for (const auto& v : group) {
                        cell += (any ? "," : "") + go_sprint(v);
                        any = true;
                    }
                line += (i ? "\t" : "") + (any ? cell : std::string("<none>"));
            }
            w.write(line + "\n");
        }
        ctx.out += w.flush();
    }
}

// ---- the table printer ---------------------------------------------------------------

table_printer::table_printer(context&, output_options out, const flag_set&) : out_(std::move(out)) {}

void table_printer::emit(std::string text) {
    if (text.empty()) return;
    if (separator_) {
        text_ += "\n";
        separator_ = false;
    }
    written_ += text.size();
    text_ += text;
}

void table_printer::start(const resource_info& r, bool with_namespace, bool with_kind) {
    if (mapping_ == &r && with_namespace == with_namespace_ && with_kind == with_kind_) return;
    emit(w_.flush());
    w_ = tabwriter(6, 4, 3, true);
    if (mapping_ && !out_.no_headers && written_ > 0) separator_ = true;
    mapping_ = &r;
    with_namespace_ = with_namespace;
    with_kind_ = with_kind;
    last_columns_ = json::array();
    printed_headers_ = false;
}

namespace {

// printers.WriteEscaped: control characters as Go escapes.
inline void write_escaped(std::string& out, std::string_view s) {
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f) {
            std::string q = go_quote(std::string(1, c));
            out += q.substr(1, q.size() - 2);
        } else {
            out += c;
        }
    }
}

}  // namespace

void table_printer::add_event(const json& table, const std::string& type) {
    event_type_ = type;
    add(table);
    event_type_.clear();
}

namespace {


inline void write_cell(std::string& text, const json& cell) {
    if (cell.is_null()) return;
    if (cell.is_string()) {
        const std::string& s = cell.get_ref<const std::string&>();
        const auto brk = s.find_first_of("\f\n\r");
        write_escaped(text, std::string_view(s).substr(0, brk));
        if (brk != std::string::npos) text += "...";
    } else {
        write_escaped(text, go_sprint(cell));
    }
}

}  // namespace

void table_printer::add(const json& table) {
    static const json empty = json::array();
    const auto defs_it = table.find("columnDefinitions");
    const json& defs = defs_it != table.end() && defs_it->is_array() ? *defs_it : empty;
    bool no_headers = out_.no_headers;
    if (printed_headers_ && (defs.empty() || defs == last_columns_)) no_headers = true;
    if (!defs.empty() && defs != last_columns_) {
        last_columns_ = defs;
        printed_headers_ = false;
    }
    const json& columns = last_columns_;
    const auto rows_it = table.find("rows");
    const json& rows = rows_it != table.end() && rows_it->is_array() ? *rows_it : empty;
    if (!rows.empty()) printed_headers_ = true;
    // Decorate: NAMESPACE first, the kind on the name column, label columns last.
    int name_column = -1;
    if (with_kind_)
        for (std::size_t i = 0; i < columns.size(); ++i)
            if (columns[i].value("format", std::string()) == "name" && columns[i].value("type", std::string()) == "string") {
                name_column = static_cast<int>(i);
                break;
            }
    std::vector<std::string> names;
    std::vector<bool> shown;
    if (!event_type_.empty()) names.emplace_back("EVENT"), shown.push_back(true);
    if (with_namespace_) names.emplace_back("NAMESPACE"), shown.push_back(true);
    const std::size_t first_column = names.size();
    for (const auto& c : columns) {
        names.push_back(c.value("name", std::string()));
        shown.push_back(c.value("priority", 0) == 0 || out_.format == "wide");
    }
    for (const auto& key : out_.label_columns) {
        const auto slash = key.rfind('/');
        names.push_back(slash == std::string::npos ? key : key.substr(slash + 1));
        shown.push_back(true);
    }
    if (out_.show_labels) names.emplace_back("LABELS"), shown.push_back(true);
    std::vector<const json*> order;
    order.reserve(rows.size());
    for (const auto& row : rows) order.push_back(&row);
    if (!out_.sort_by.empty() && rows.size() > 1) {
        const auto path = jsonpath::parse("sorter", jsonpath::relaxed(out_.sort_by));
        std::vector<std::pair<json, const json*>> keyed;
        for (const json* row : order) {
            json key;
            if (row->contains("object")) {
                auto res = path.find_results((*row)["object"], true);
                if (!res.empty() && !res[0].empty()) key = res[0][0];
            }
            keyed.emplace_back(std::move(key), row);
        }
        std::stable_sort(keyed.begin(), keyed.end(), [](const auto& x, const auto& y) { return sort_less(x.first, y.first); });
        for (std::size_t i = 0; i < keyed.size(); ++i) order[i] = keyed[i].second;
    }
    std::string text;
    if (!no_headers) {
        if (rows.empty()) return;
        bool first = true;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (!shown[i]) continue;
            if (!first) text += '\t';
            first = false;
            for (char ch : names[i]) text += static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        }
        text += '\n';
    }
    static const json null_cell;
    for (const json* row : order) {
        const json* meta = nullptr;
        if (const auto o = row->find("object"); o != row->end() && o->is_object())
            if (const auto m = o->find("metadata"); m != o->end() && m->is_object()) meta = &*m;
        const auto cells_it = row->find("cells");
        const json& cells = cells_it != row->end() ? *cells_it : empty;
        bool first = true;
        const auto sep = [&] {
            if (!first) text += '\t';
            first = false;
        };
        std::size_t col = 0;
        if (!event_type_.empty()) {
            sep();
            text += event_type_;
            ++col;
        }
        if (with_namespace_) {
            sep();
            if (meta) write_cell(text, meta->value("namespace", json()));
            ++col;
        }
        for (std::size_t i = 0; i < cells.size() && first_column + i < names.size() && i < columns.size(); ++i) {
            if (!shown[first_column + i]) continue;
            sep();
            if (static_cast<int>(i) == name_column && mapping_) {
                text += mapping_->kind_group() + "/";
                write_cell(text, cells[i]);
            } else {
                write_cell(text, cells[i]);
            }
        }
        if (meta && (!out_.label_columns.empty() || out_.show_labels)) {
            const auto labels_it = meta->find("labels");
            const json& labels = labels_it != meta->end() ? *labels_it : null_cell;
            for (const auto& key : out_.label_columns) {
                sep();
                if (labels.is_object())
                    if (const auto v = labels.find(key); v != labels.end()) write_cell(text, *v);
            }
            if (out_.show_labels) {
                sep();
                std::string s;
                if (labels.is_object())
                    for (const auto& [k, v] : labels.items()) s += (s.empty() ? "" : ",") + k + "=" + v.get<std::string>();
                text += s.empty() ? "<none>" : s;
            }
        } else if (!meta && (!out_.label_columns.empty() || out_.show_labels)) {
            for (std::size_t i = 0; i < out_.label_columns.size() + (out_.show_labels ? 1 : 0); ++i) sep();
        }
        text += '\n';
        ++rows_;
    }
    w_.write(text);
}

std::string table_printer::finish() {
    emit(w_.flush());
    return std::exchange(text_, {});
}

}  // namespace kubesim::kubectl::detail
