// kubectl scale: spec.replicas through the scale subresource.
#pragma once

#include <kubesim/kubectl/commands/node.ipp>
#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/output.hpp>

namespace kubesim::kubectl::detail {

namespace {

// An object the builder found, with the mapping it came through.
struct scale_info {
    const resource_info* r = nullptr;
    json obj;
};

// resource.Builder's ResourceTypeOrNameArgs with ContinueOnError: the objects,
// and the errors of those that could not be read. Argument errors throw.
inline std::vector<scale_info> scale_builder_infos(context& ctx, const std::vector<std::string>& args, bool all,
                                            const std::string& selector, std::vector<nodes_error>& errors) {
    if (args.empty())
        throw exit_error("error: You must provide one or more resources by argument or filename.\nExample resource "
                         "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> "
                         "<name>'\n   '<resource>'\n");
    const auto targets = resource_args(ctx, args);
    std::vector<scale_info> out;
    for (const auto& t : targets) {
        if (t.names.empty()) {
            if (!all && selector.empty())
                throw exit_error("error: resource(s) were provided, but no name was specified\n");
            std::string q = "?limit=500";
            if (!selector.empty()) q = "?labelSelector=" + query_escape(selector) + "&limit=500";
            auto list = ctx.api->get(t.info->path(ctx.ns) + q);
            for (auto& item : list["items"]) {
                item["apiVersion"] = t.info->group_version();
                item["kind"] = t.info->kind;
                out.push_back({t.info, std::move(item)});
            }
            continue;
        }
        for (const auto& name : t.names) {
            const auto r = ctx.api->call("GET", t.info->path(ctx.ns, name));
            if (r.status / 100 != 2) {
                errors.push_back(nodes_error::of(status_error(r.parsed())));
                continue;
            }
            out.push_back({t.info, r.parsed()});
        }
    }
    return out;
}

// "deployment.apps/web" from the mapping and the object's name.
inline std::string scale_object_name(const scale_info& i) {
    return i.r->kind_group() + "/" + i.obj["metadata"].value("name", std::string());
}

}  // namespace

int cmd_scale(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.boolean("record");
    f.boolean("all");
    f.string("resource-version");
    f.integer("current-replicas", 0, -1);
    f.integer("replicas");
    f.duration("timeout");
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.string("dry-run", 0, "none");
    f.string("selector", 'l');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    if (!f.changed("replicas")) throw exit_error("error: required flag(s) \"replicas\" not set\n");
    const auto out = output_options::from(f);
    const std::int64_t replicas = f.num("replicas"), current = f.num("current-replicas");
    if (replicas < 0)
        throw exit_error("error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0\n");
    if (current < -1) throw exit_error("error: The --current-replicas must specify an integer of -1 or greater\n");

    std::vector<nodes_error> info_errors;
    const auto infos = scale_builder_infos(ctx, args, f.on("all"), f.str("selector"), info_errors);
    const std::string rv = f.str("resource-version");
    if (!rv.empty() && infos.size() > 1) throw exit_error("error: cannot use --resource-version with multiple resources\n");
    if (infos.empty()) {
        if (info_errors.empty()) throw exit_error("error: no objects passed to scale\n");
        std::string msg;
        for (const auto& e : info_errors) {
            const auto colon = e.text.find("): ");
            msg += (msg.empty() ? "" : ", ") + (e.api && colon != std::string::npos ? e.text.substr(colon + 3) : e.text);
        }
        if (info_errors.size() > 1) msg = "[" + msg + "]";
        throw exit_error("error: no objects passed to scale " + msg + "\n");
    }
    const std::string dry = f.str("dry-run");
    const std::string suffix = dry == "client" ? " (dry run)" : dry == "server" ? " (server dry run)" : "";
    const bool precondition = current != -1 || !rv.empty();
    for (const auto& info : infos) {
        const std::string name = info.obj["metadata"].value("name", std::string());
        if (dry != "client") {
            const std::string path = info.r->path(ctx.ns, name) + "/scale" + (dry == "server" ? "?dryRun=All" : "");
            if (precondition) {
                json s = ctx.api->get(info.r->path(ctx.ns, name) + "/scale");
                const auto have = s["spec"].value("replicas", std::int64_t{0});
                if (current != -1 && have != current)
                    throw exit_error("error: Expected replicas to be " + std::to_string(current) + ", was " +
                                     std::to_string(have) + "\n");
                const std::string srv = s["metadata"].value("resourceVersion", std::string());
                if (!rv.empty() && srv != rv)
                    throw exit_error("error: Expected resource version to be " + rv + ", was " + srv + "\n");
                s["spec"]["replicas"] = replicas;
                ctx.api->send("PUT", path, s);
            } else {
                ctx.api->send("PATCH", path, json{{"spec", {{"replicas", replicas}}}}, "application/merge-patch+json");
            }
        }
        if (out.format == "name" || out.format.empty()) {
            ctx.out += nodes_line(out.format == "name", scale_object_name(info), "scaled" + suffix);
        } else {
            print_object(ctx, out, info.obj);
        }
    }
    if (!info_errors.empty()) nodes_check_err(info_errors);
    return 0;
}

}  // namespace kubesim::kubectl::detail
