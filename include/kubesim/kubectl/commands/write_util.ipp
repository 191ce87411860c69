// What kubectl's writing commands share: -f manifests read as the resource builder reads them, errors gathered and printed as cmdutil.CheckErr prints them, --dry-run and --validate.
#pragma once

#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/output.hpp>
#include <kubesim/kubectl/yaml.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>

#include <kubesim/errors.hpp>

namespace kubesim::kubectl::detail {

namespace {

// One error of a command that goes on after errors (ContinueOnError): an API
// Status, or plain text.
struct write_error {
    std::optional<json> status;
    std::string text;
};

// An API status error with "error when VERB \"SOURCE\": " put before its
// message (cmdutil.AddSourceToErr).
inline write_error write_sourced(const status_error& e, std::string_view verb, const std::string& source) {
    json s = e.status;
    if (!source.empty())
        s["message"] = "error when " + std::string(verb) + " " + go_quote(source) + ": " + s.value("message", std::string());
    return {s, {}};
}

// cmdutil.StandardErrorMessage, or the text itself.
inline std::string write_message(const write_error& e) {
    if (e.status) return status_error(*e.status).kubectl_message();
    return e.text;
}

// The whole of cmdutil.CheckErr for what a command gathered: one error as
// checkErr words it (Invalid with its causes; other text with "error: "),
// several one line each.
[[noreturn]] inline void write_fail(const std::vector<write_error>& errors) {
    if (errors.size() == 1) {
        const auto& e = errors[0];
        if (e.status && e.status->value("reason", std::string()) == "Invalid") {
            const json& s = *e.status;
            std::string msg = "The request is invalid";
            if (!s.contains("details") || !s["details"].is_object()) {
                // No details: the server's message, when there is one.
                const std::string m = s.value("message", std::string());
                if (!m.empty()) msg += ": " + m;
            } else {
                const auto& d = s["details"];
                const std::string kind = d.value("kind", std::string()), name = d.value("name", std::string());
                if (!kind.empty() || !name.empty()) msg = "The " + kind + " " + go_quote(name) + " is invalid";
                std::vector<std::string> causes;
                for (const auto& c : d.value("causes", json::array())) {
                    std::string line = c.value("field", std::string()) + ": " + c.value("message", std::string());
                    if (std::find(causes.begin(), causes.end(), line) == causes.end()) causes.push_back(line);
                }
                if (causes.size() == 1) msg += ": " + causes[0];
                else if (causes.size() > 1) {
                    msg += ": \n";
                    for (std::size_t i = 0; i < causes.size(); ++i) msg += "* " + causes[i] + (i + 1 < causes.size() ? "\n" : "");
                }
            }
            throw exit_error(msg + "\n");
        }
        if (e.status) throw exit_error(write_message(e) + "\n");
        throw exit_error(e.text.rfind("error: ", 0) == 0 ? e.text + "\n" : "error: " + e.text + "\n");
    }
    std::string all;
    for (const auto& e : errors) all += write_message(e) + "\n";
    throw exit_error(all);
}

// --dry-run: "none", "client" or "server" (cmdutil.GetDryRunStrategy).
inline std::string write_dry_run(const flag_set& f) {
    const std::string v = f.str("dry-run");
    if (v == "none" || v.empty()) return "none";
    if (v == "client" || v == "server") return v;
    if (v == "unchanged") return "client";
    throw exit_error("error: Invalid dry-run value (" + v + "). Must be \"none\", \"server\", or \"client\".\n");
}

// --validate as the fieldValidation directive.
inline std::string write_validation(const flag_set& f) {
    std::string v = f.str("validate");
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (v == "true" || v == "strict") return "Strict";
    if (v == "warn") return "Warn";
    if (v == "false" || v == "ignore") return "Ignore";
    throw exit_error("error: invalid - validate option \"" + f.str("validate") +
                     "\"; must be one of: strict (or true), warn, ignore (or false)\n");
}

// The " (dry run)" / " (server dry run)" suffix of an operation.
inline std::string write_dry_suffix(const std::string& dry) {
    if (dry == "client") return " (dry run)";
    if (dry == "server") return " (server dry run)";
    return "";
}

// One object a manifest holds, as the resource builder gives it.
struct manifest_object {
    std::string source;  // the file as named on the command line ("STDIN" for -)
    json obj;
    const resource_info* info = nullptr;
    std::string ns, name;
};

inline void manifest_flatten(const json& j, std::vector<json>& out) {
    if (j.is_object() && j.contains("items") && j["items"].is_array()) {
        const std::string kind = j.value("kind", std::string());
        if (kind.size() >= 4 && kind.compare(kind.size() - 4, 4, "List") == 0) {
            for (const auto& e : j["items"]) manifest_flatten(e, out);
            return;
        }
    }
    if (j.is_array()) {
        for (const auto& e : j) manifest_flatten(e, out);
        return;
    }
    out.push_back(j);
}

inline bool manifest_file_ext(const std::filesystem::path& p) {
    const auto e = p.extension().string();
    return e == ".json" || e == ".yaml" || e == ".yml";
}

// Go's json.Marshal of a decoded document (keys sorted, HTML characters
// escaped), as kubectl writes the last-applied-configuration annotation.
inline void manifest_go_json(const json& v, std::string& out) {
    switch (v.type()) {
    case json::value_t::object: {
        out += '{';
        bool first = true;
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!first) out += ',';
            first = false;
            manifest_go_json(json(it.key()), out);
            out += ':';
            manifest_go_json(*it, out);
        }
        out += '}';
        break;
    }
    case json::value_t::array: {
        out += '[';
        for (std::size_t i = 0; i < v.size(); ++i) {
            if (i) out += ',';
            manifest_go_json(v[i], out);
        }
        out += ']';
        break;
    }
    case json::value_t::string: {
        static const char* hex = "0123456789abcdef";
        const auto& s = v.get_ref<const std::string&>();
        out += '"';
        for (std::size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c == '"' || c == '\\') {
                out += '\\';
                out += static_cast<char>(c);
            } else if (c == '\n') out += "\\n";
            else if (c == '\r') out += "\\r";
            else if (c == '\t') out += "\\t";
            else if (c == '\b') out += "\\b";
            else if (c == '\f') out += "\\f";
            else if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                out += "\\u00";
                out += hex[c >> 4];
                out += hex[c & 15];
            } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                       (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
                out += static_cast<unsigned char>(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                out += static_cast<char>(c);
            }
        }
        out += '"';
        break;
    }
    default:
        out += v.dump();
    }
}

inline std::string manifest_go_json(const json& v) {
    std::string s;
    manifest_go_json(v, s);
    return s;
}

// The objects of -f (files, directories, "-" for stdin; -R descends), with
// their namespace set as kubectl's builder sets it. Errors (a bad document, an
// unknown kind) are gathered in `errors`; a path that does not exist throws.
inline std::vector<manifest_object> manifest_read(const context& ctx, const std::vector<std::string>& paths, bool recursive,
                                           std::vector<write_error>& errors, bool validate = false) {
    namespace fs = std::filesystem;
    std::vector<std::pair<std::string, std::string>> sources;  // name, text
    for (const auto& p : paths) {
        if (p == "-") {
            sources.emplace_back("STDIN", std::string(ctx.stdin_text));
            continue;
        }
        std::error_code ec;
        if (!fs::exists(p, ec)) throw exit_error("error: the path " + go_quote(p) + " does not exist\n");
        const auto read = [](const fs::path& file) {
            std::ifstream in(file, std::ios::binary);
            std::ostringstream s;
            s << in.rdbuf();
            return s.str();
        };
        if (!fs::is_directory(p, ec)) {
            sources.emplace_back(p, read(p));
            continue;
        }
        std::vector<std::string> files;
        if (recursive) {
            for (const auto& e : fs::recursive_directory_iterator(p, ec))
                if (e.is_regular_file() && manifest_file_ext(e.path())) files.push_back(e.path().string());
        } else {
            for (const auto& e : fs::directory_iterator(p, ec))
                if (e.is_regular_file() && manifest_file_ext(e.path())) files.push_back(e.path().string());
        }
        // filepath.Walk visits in lexical order.
        std::sort(files.begin(), files.end());
        for (const auto& file : files) sources.emplace_back(file, read(file));
    }
    std::vector<manifest_object> out;
    for (const auto& [source, text] : sources) {
        std::vector<yaml_document> docs;
        try {
            docs = parse_yaml_stream(text);
        } catch (const api_error& e) {
            errors.push_back({std::nullopt, "error parsing " + source + ": " + e.what()});
            continue;
        } catch (const std::exception& e) {
            errors.push_back({std::nullopt, "error parsing " + source + ": " + e.what()});
            continue;
        }
        std::vector<json> objects;
        for (const auto& d : docs) {
            if (d.value.is_null()) continue;
            manifest_flatten(d.value, objects);
        }
        for (auto& o : objects) {
            if (!o.is_object()) continue;
            const std::string api_version = o.value("apiVersion", std::string()), kind = o.value("kind", std::string());
            if (validate && (kind.empty() || api_version.empty())) {
                errors.push_back({std::nullopt, "error validating " + go_quote(source) + ": error validating data: " +
                                                    (api_version.empty() ? "apiVersion" : "kind") +
                                                    " not set; if you choose to ignore these errors, turn validation "
                                                    "off with --validate=false"});
                continue;
            }
            if (kind.empty()) {
                errors.push_back({std::nullopt, "unable to decode " + go_quote(source) + ": Object 'Kind' is missing in '" +
                                                    manifest_go_json(o) + "'"});
                continue;
            }
            const auto slash = api_version.find('/');
            const std::string group = slash == std::string::npos ? std::string() : api_version.substr(0, slash);
            const std::string version = slash == std::string::npos ? api_version : api_version.substr(slash + 1);
            const resource_info* r = ctx.rm->by_kind(group, kind);
            const json& meta = o.contains("metadata") && o["metadata"].is_object() ? o["metadata"] : json::object();
            const std::string name = meta.value("name", std::string());
            std::string ns = meta.value("namespace", std::string());
            if ((!r || r->version != version) && validate) {
                errors.push_back({std::nullopt, "error validating " + go_quote(source) +
                                                    ": error validating data: failed to check CRD: failed to list "
                                                    "CRDs: the server could not find the requested resource; if you "
                                                    "choose to ignore these errors, turn validation off with "
                                                    "--validate=false"});
                continue;
            }
            if (!r || r->version != version) {
                errors.push_back({std::nullopt, "resource mapping not found for name: " + go_quote(name) +
                                                    " namespace: " + go_quote(ns) + " from " + go_quote(source) +
                                                    ": no matches for kind " + go_quote(kind) + " in version " +
                                                    go_quote(api_version) + "\nensure CRDs are installed first"});
                continue;
            }
            if (r->namespaced) {
                if (ns.empty()) {
                    ns = ctx.ns;
                    o["metadata"]["namespace"] = ns;
                } else if (ctx.ns_given && ns != ctx.ns) {
                    errors.push_back({std::nullopt, "the namespace from the provided object " + go_quote(ns) +
                                                        " does not match the namespace " + go_quote(ctx.ns) +
                                                        ". You must pass '--namespace=" + ns +
                                                        "' to perform this operation."});
                    continue;
                }
            } else {
                ns.clear();
            }
            out.push_back({source, std::move(o), r, ns, name});
        }
    }
    return out;
}

// kubectl's `-f`/`-R` flags.
inline void manifest_flags(flag_set& f) {
    f.strings("filename", 'f');
    f.boolean("recursive", 'R');
    f.string("kustomize", 'k');
}

// The query of a write: dryRun, fieldManager, fieldValidation as client-go orders them.
inline std::string write_query(const std::string& dry, const std::string& manager, const std::string& validation,
                        std::vector<std::pair<std::string, std::string>> extra = {}) {
    std::vector<std::pair<std::string, std::string>> q = std::move(extra);
    if (dry == "server") q.emplace_back("dryRun", "All");
    if (!manager.empty()) q.emplace_back("fieldManager", manager);
    if (!validation.empty()) q.emplace_back("fieldValidation", validation);
    std::sort(q.begin(), q.end());
    std::string s;
    for (const auto& [k, v] : q) s += (s.empty() ? "?" : "&") + k + "=" + query_escape(v);
    return s;
}

// "pod/talker": the name printer's words for a resource type and name.
inline std::string write_name(const resource_info& r, const std::string& name) { return r.kind_group() + "/" + name; }

// The objects the builder's TYPE NAME / TYPE/NAME / -l / --all forms name,
// each fetched (GET or LIST). NotFound and other errors are gathered.
struct named_object {
    const resource_info* info = nullptr;
    std::string ns, name;
    json obj;  // the live object (empty when not fetched)
};

inline std::string write_list_query(const std::string& selector, const std::string& field_selector) {
    std::vector<std::pair<std::string, std::string>> q;
    if (!field_selector.empty()) q.emplace_back("fieldSelector", field_selector);
    if (!selector.empty()) q.emplace_back("labelSelector", selector);
    q.emplace_back("limit", "500");
    std::string s;
    for (const auto& [k, v] : q) s += (s.empty() ? "?" : "&") + k + "=" + query_escape(v);
    return s;
}

inline std::vector<named_object> write_resolve(context& ctx, const std::vector<std::string>& args, const std::string& selector,
                                        const std::string& field_selector, bool all, bool fetch,
                                        std::vector<write_error>& errors, bool all_namespaces = false) {
    std::vector<named_object> out;
    const auto targets = resource_args(ctx, args);
    const std::string ns = all_namespaces ? std::string() : ctx.ns;
    for (const auto& t : targets) {
        if (t.names.empty()) {
            if (selector.empty() && field_selector.empty() && !all)
                throw exit_error("error: resource(s) were provided, but no name was specified\n");
            const auto r = ctx.api->call("GET", t.info->path(ns) + write_list_query(selector, field_selector));
            if (r.status / 100 != 2) {
                errors.push_back({r.parsed(), {}});
                continue;
            }
            auto list = r.parsed();
            for (auto& item : list["items"]) {
                item["apiVersion"] = t.info->group_version();
                item["kind"] = t.info->kind;
                const auto& m = item["metadata"];
                out.push_back({t.info, m.value("namespace", std::string()), m.value("name", std::string()), item});
            }
            continue;
        }
        for (const auto& name : t.names) {
            named_object o{t.info, t.info->namespaced ? ctx.ns : std::string(), name, json()};
            if (fetch) {
                const auto r = ctx.api->call("GET", t.info->path(o.ns, name));
                if (r.status / 100 != 2) {
                    errors.push_back({r.parsed(), {}});
                    continue;
                }
                o.obj = r.parsed();
            }
            out.push_back(std::move(o));
        }
    }
    return out;
}

}  // namespace

}  // namespace kubesim::kubectl::detail
