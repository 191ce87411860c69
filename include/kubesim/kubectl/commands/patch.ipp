// kubectl patch: a strategic, merge or JSON patch sent as given; "(no change)" when the object came back the same.
#pragma once

#include <kubesim/kubectl/commands/write_util.ipp>

namespace kubesim::kubectl::detail {

int cmd_patch(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    manifest_flags(f);
    f.string("patch", 'p');
    f.string("patch-file");
    f.string("type", 0, "strategic");
    f.boolean("local");
    f.string("dry-run", 0, "none");
    f.string("field-manager", 0, "kubectl-patch");
    f.string("subresource");
    f.boolean("record");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto out = output_options::from(f);
    const std::string dry = write_dry_run(f);
    std::string text = f.str("patch");
    if (text.empty() && f.str("patch-file").empty())
        throw exit_error("error: must specify --patch or --patch-file containing the contents of the patch\n");
    const std::string type = f.str("type");
    std::string content_type;
    if (type == "json") content_type = "application/json-patch+json";
    else if (type == "merge") content_type = "application/merge-patch+json";
    else if (type == "strategic") content_type = "application/strategic-merge-patch+json";
    else throw exit_error("error: --type must be one of [json merge strategic], not " + go_quote(type) + "\n");
    if (!f.str("patch-file").empty()) {
        std::ifstream in(f.str("patch-file"), std::ios::binary);
        if (!in) throw exit_error("error: unable to read patch file: open " + f.str("patch-file") + ": no such file or directory\n");
        std::ostringstream s;
        s << in.rdbuf();
        text = s.str();
    }
    json patch;
    try {
        const auto docs = parse_yaml_stream(text);
        patch = docs.empty() ? json() : docs[0].value;
    } catch (const std::exception& e) {
        throw exit_error("error: unable to parse " + go_quote(text) + ": " + e.what() + "\n");
    }
    if (args.empty() && f.list("filename").empty())
        throw exit_error("error: You must provide one or more resources by argument or filename.\nExample resource "
                         "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                         "   '<resource>'\n");
    std::vector<write_error> errors;
    struct item {
        const resource_info* info;
        std::string ns, name;
        json obj;
    };
    std::vector<item> items;
    if (!f.list("filename").empty()) {
        for (auto& m : manifest_read(ctx, f.list("filename"), f.on("recursive"), errors)) {
            const auto r = ctx.api->call("GET", m.info->path(m.ns, m.name));
            if (r.status / 100 != 2) {
                errors.push_back({r.parsed(), {}});
                continue;
            }
            items.push_back({m.info, m.ns, m.name, r.parsed()});
        }
    }
    if (!args.empty())
        for (auto& o : write_resolve(ctx, args, "", "", false, true, errors)) items.push_back({o.info, o.ns, o.name, o.obj});
    std::string q = "?fieldManager=" + query_escape(f.str("field-manager"));
    if (dry == "server") q = "?dryRun=All&fieldManager=" + query_escape(f.str("field-manager"));
    for (const auto& it : items) {
        std::string path = it.info->path(it.ns, it.name);
        if (!f.str("subresource").empty()) path += "/" + f.str("subresource");
        json result = it.obj;
        if (dry != "client") {
            const auto r = ctx.api->call("PATCH", path + q, manifest_go_json(patch), content_type);
            if (r.status / 100 != 2) {
                errors.push_back({r.parsed(), {}});
                continue;
            }
            result = r.parsed();
        }
        const bool changed = result != it.obj;
        if (!out.format.empty() && out.format != "name") print_object(ctx, out, result);
        else if (out.format == "name") ctx.out += write_name(*it.info, it.name) + "\n";
        else ctx.out += write_name(*it.info, it.name) + (changed ? " patched" : " patched (no change)") + write_dry_suffix(dry) + "\n";
    }
    if (!errors.empty()) write_fail(errors);
    if (items.empty()) throw exit_error("error: no objects passed to patch\n");
    return 0;
}

}  // namespace kubesim::kubectl::detail
