// kubectl label and annotate: k=v and k- on named or selected objects, sent as JSON merge patches of the metadata map.
#pragma once

#include <kubesim/kubectl/commands/write_util.ipp>

namespace kubesim::kubectl::detail {

namespace {

// label and annotate differ only in the map and their words.
inline int label_run(context& ctx, const std::vector<std::string>& argv, bool annotate) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    manifest_flags(f);
    f.boolean("overwrite");
    f.boolean("list");
    f.boolean("local");
    f.string("selector", 'l');
    f.string("field-selector");
    f.boolean("all");
    f.boolean("all-namespaces", 'A');
    f.string("resource-version");
    f.string("dry-run", 0, "none");
    f.string("field-manager", 0, annotate ? "kubectl-annotate" : "kubectl-label");
    f.boolean("record");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto out = output_options::from(f);
    const std::string dry = write_dry_run(f);
    const std::string field = annotate ? "annotations" : "labels";
    // The resources end where the first k=v or k- begins.
    std::size_t first = 0;
    while (first < args.size() && args[first].find('=') == std::string::npos &&
           !(args[first].size() > 0 && args[first].back() == '-'))
        ++first;
    const std::vector<std::string> resources(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(first));
    std::vector<std::pair<std::string, std::string>> set;
    std::vector<std::string> remove;
    for (std::size_t i = first; i < args.size(); ++i) {
        const std::string& s = args[i];
        if (const auto eq = s.find('='); eq != std::string::npos) {
            if (annotate) {
                if (eq == 0) throw exit_error("error: invalid annotation format: " + s + "\n");
            } else if (s.find('=', eq + 1) != std::string::npos) {
                throw exit_error("error: invalid label spec: " + s + "\n");
            }
            set.emplace_back(s.substr(0, eq), s.substr(eq + 1));
        } else if (!s.empty() && s.back() == '-') {
            remove.push_back(s.substr(0, s.size() - 1));
        } else {
            throw exit_error(annotate ? "error: invalid annotation format: " + s + "\n" : "error: unknown label spec: " + s + "\n");
        }
    }
    if (set.empty() && remove.empty() && !f.on("list"))
        throw exit_error(std::string("error: at least one ") + (annotate ? "annotation" : "label") + " update is required\n");
    for (const auto& r : remove)
        for (const auto& [k, v] : set)
            if (k == r)
                throw exit_error(std::string("error: can not both modify and remove ") +
                                 (annotate ? "an annotation" : "a label") + " in the same command\n");
    if (resources.empty() && f.list("filename").empty())
        throw exit_error("error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n");
    const std::string selector = f.str("selector");
    const bool all = f.on("all");

    std::vector<write_error> errors;
    auto objects = write_resolve(ctx, resources, selector, f.str("field-selector"), all || !selector.empty(), true, errors,
                                 f.on("all-namespaces"));
    for (auto& o : objects) {
        json obj = o.obj;
        const std::string old_data = manifest_go_json(obj);
        json& meta = obj["metadata"];
        const json current = meta.contains(field) && meta[field].is_object() ? meta[field] : json::object();
        if (!f.on("overwrite")) {
            std::string msg;
            std::vector<write_error> clashes;
            for (const auto& [k, v] : set) {
                if (!current.contains(k) || current[k] == v) continue;
                const std::string now = current[k].get<std::string>();
                if (annotate) msg += (msg.empty() ? "" : "; ") + ("'" + k + "' already has a value (" + now + ")");
                else clashes.push_back({std::nullopt, "'" + k + "' already has a value (" + now + "), and --overwrite is false"});
            }
            if (annotate && !msg.empty()) {
                errors.push_back({std::nullopt, "--overwrite is false but found the following declared annotation(s): " + msg});
                continue;
            }
            if (!clashes.empty()) {
                for (auto& c : clashes) errors.push_back(std::move(c));
                continue;
            }
        }
        if (!annotate && dry != "client")
            for (const auto& r : remove)
                if (!current.contains(r)) ctx.out += "label " + go_quote(r) + " not found.\n";
        json next = current;
        for (const auto& [k, v] : set) next[k] = v;
        for (const auto& r : remove) next.erase(r);
        meta[field] = next;
        const std::string new_data = manifest_go_json(obj);
        // JSON merge patch of the object before and after: the map's changes.
        json patch = json::object();
        if (!o.obj["metadata"].contains(field)) {
            patch["metadata"][field] = next;
        } else {
            json d = json::object();
            for (auto it = next.begin(); it != next.end(); ++it)
                if (!current.contains(it.key()) || current[it.key()] != *it) d[it.key()] = *it;
            for (auto it = current.begin(); it != current.end(); ++it)
                if (!next.contains(it.key())) d[it.key()] = nullptr;
            if (!d.empty()) patch["metadata"][field] = d;
        }
        std::string op = annotate ? "annotated" : "not labeled";
        if (!annotate && old_data != new_data) op = (!f.on("overwrite") && new_data.size() < old_data.size()) ? "unlabeled" : "labeled";
        json result = obj;
        if (dry != "client") {
            std::string q = "?fieldManager=" + query_escape(f.str("field-manager"));
            if (dry == "server") q = "?dryRun=All&fieldManager=" + query_escape(f.str("field-manager"));
            const auto r = ctx.api->call("PATCH", o.info->path(o.ns, o.name) + q, manifest_go_json(patch),
                                         "application/merge-patch+json");
            if (r.status / 100 != 2) {
                errors.push_back({r.parsed(), {}});
                continue;
            }
            result = r.parsed();
        }
        if (!out.format.empty() && out.format != "name") print_object(ctx, out, result);
        else if (out.format == "name") ctx.out += write_name(*o.info, o.name) + "\n";
        else ctx.out += write_name(*o.info, o.name) + " " + op + write_dry_suffix(dry) + "\n";
    }
    if (!errors.empty()) write_fail(errors);
    return 0;
}

}  // namespace

int cmd_label(context& ctx, const std::vector<std::string>& argv) { return label_run(ctx, argv, false); }

int cmd_annotate(context& ctx, const std::vector<std::string>& argv) { return label_run(ctx, argv, true); }

}  // namespace kubesim::kubectl::detail
