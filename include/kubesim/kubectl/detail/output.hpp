// kubectl's printers: -o and its friends, the table printer for the server's
// Tables, and sorting (--sort-by). Internal to kubectl/.
#pragma once

#include <string>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/jsonpath.hpp>

namespace kubesim::kubectl::detail {

// The printer flags: -o, --template, --show-managed-fields,
// --allow-missing-template-keys, --no-headers (when the command has it).
KUBESIM_DECL void add_output_flags(flag_set& f);

struct output_options {
    std::string format;    // "", "wide", "yaml", "json", "name", "jsonpath", "custom-columns", "go-template"
    std::string argument;  // what follows '=' (the template, the columns)
    bool no_headers = false;
    bool show_managed_fields = false;
    bool allow_missing_keys = true;
    bool show_labels = false;
    std::vector<std::string> label_columns;
    std::string sort_by;
    // Reads the flags; an unknown -o throws exit_error with kubectl's message.
    KUBESIM_DECL static output_options from(const flag_set& f);
    [[nodiscard]] bool human() const { return format.empty() || format == "wide"; }
};

// Prints one object (or a List) with a generic printer: yaml, json, name,
// jsonpath, custom-columns, go-template. managedFields are dropped unless asked.
KUBESIM_DECL void print_object(context& ctx, const output_options& out, const json& obj);

// "deployment.apps/web" for an object with apiVersion and kind.
[[nodiscard]] KUBESIM_DECL std::string object_name(const json& obj);

// --sort-by: stable sort of objects by a (relaxed) JSONPath, kubectl's order.
KUBESIM_DECL void sort_objects(std::vector<json>& items, const std::string& field);
// kubectl's natural string order (sortorder.NaturalLess).
[[nodiscard]] KUBESIM_DECL bool natural_less(std::string_view a, std::string_view b);

// The human-readable printer of `kubectl get`: Tables from the server, one
// mapping (resource type) after another.
class table_printer {
public:
    KUBESIM_DECL table_printer(context& ctx, output_options out, const flag_set& f);
    // A new resource type: what follows gets its own header and widths.
    KUBESIM_DECL void start(const resource_info& r, bool with_namespace, bool with_kind);
    KUBESIM_DECL void add(const json& table);
    // A watch event's one-row Table (EVENT column with --output-watch-events).
    KUBESIM_DECL void add_event(const json& table, const std::string& type);
    // What is buffered, formatted (the writer is flushed).
    KUBESIM_DECL std::string finish();
    [[nodiscard]] std::size_t rows_written() const { return rows_; }

private:
    KUBESIM_DECL void emit(std::string text);
    output_options out_;
    tabwriter w_{6, 4, 3, true};
    const resource_info* mapping_ = nullptr;
    bool with_namespace_ = false, with_kind_ = false;
    json last_columns_ = json::array();
    bool printed_headers_ = false;
    bool separator_ = false;
    std::string text_;
    std::size_t rows_ = 0;
    std::size_t written_ = 0;
    std::string event_type_;
};

}  // namespace kubesim::kubectl::detail

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/kubectl/detail/output.ipp>
#endif
