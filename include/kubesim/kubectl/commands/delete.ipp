// kubectl delete: by name, -f, -l or --all, then (--wait) until the objects are gone, on the simulated clock.
#pragma once

#include <kubesim/kubectl/commands/write_util.ipp>

#include <kubesim/cluster.hpp>

namespace kubesim::kubectl::detail {

int cmd_delete(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    manifest_flags(f);
    f.string("output", 'o');
    f.string("selector", 'l');
    f.string("field-selector");
    f.boolean("all");
    f.boolean("all-namespaces", 'A');
    f.boolean("ignore-not-found");
    f.boolean("now");
    f.boolean("force");
    f.integer("grace-period", 0, -1);
    f.duration("timeout");
    f.boolean("wait", 0, true);
    f.string("cascade", 0, "background");
    f.string("raw");
    f.string("dry-run", 0, "none");
    f.boolean("interactive", 'i');
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto files = f.list("filename");
    const std::string selector = f.str("selector"), field_selector = f.str("field-selector");
    const bool all = f.on("all");
    if (args.empty() && files.empty() && f.str("kustomize").empty())
        throw exit_error("error: You must provide one or more resources by argument or filename.\nExample resource "
                         "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                         "   '<resource>'\n");
    bool ignore_not_found = f.on("ignore-not-found");
    if ((all || !selector.empty() || !field_selector.empty()) && !f.changed("ignore-not-found")) ignore_not_found = true;
    std::int64_t grace = f.num("grace-period");
    const bool force = f.on("force");
    if (f.on("now")) {
        if (grace != -1) throw exit_error("error: --now and --grace-period cannot be specified together\n");
        grace = 1;
    }
    if (grace == 0 && !force) grace = 1;
    if (force && grace < 0) grace = 0;
    const std::string dry = write_dry_run(f);
    const std::string output = f.str("output");
    if (!output.empty() && output != "name")
        throw exit_error("error: unexpected -o output mode: " + output + ". We only support '-o name'\n");
    if (all && !selector.empty()) throw exit_error("error: cannot set --all and --selector at the same time\n");
    if (all && !field_selector.empty()) throw exit_error("error: cannot set --all and --field-selector at the same time\n");
    if (grace == 0 && force)
        ctx.err += "Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                   "terminated. The resource may continue to run on the cluster indefinitely.\n";
    else if (grace > 0 && force)
        throw exit_error("error: --force and --grace-period greater than 0 cannot be specified together\n");
    std::string cascade = f.str("cascade");
    std::string policy;
    if (cascade == "background" || cascade == "true") policy = "Background";
    else if (cascade == "foreground") policy = "Foreground";
    else if (cascade == "orphan" || cascade == "false") policy = "Orphan";
    else
        throw exit_error("error: invalid cascade value (" + cascade +
                         "). Must be \"background\", \"foreground\", or \"orphan\".\n");

    // What to delete: the builder's infos, with the file each came from.
    struct victim {
        const resource_info* info;
        std::string ns, name, source;
    };
    std::vector<victim> victims;
    std::vector<write_error> errors;
    if (!files.empty()) {
        for (auto& m : manifest_read(ctx, files, f.on("recursive"), errors)) victims.push_back({m.info, m.ns, m.name, m.source});
    }
    if (!args.empty()) {
        for (auto& o : write_resolve(ctx, args, selector, field_selector, all, false, errors, f.on("all-namespaces")))
            victims.push_back({o.info, o.ns, o.name, {}});
    }
    json options = {{"kind", "DeleteOptions"}, {"apiVersion", "v1"}};
    if (grace >= 0) options["gracePeriodSeconds"] = grace;
    options["propagationPolicy"] = policy;
    if (dry == "server") options["dryRun"] = {"All"};

    struct deleted {
        const resource_info* info;
        std::string ns, name, uid;
    };
    std::vector<deleted> gone;
    std::size_t found = 0;
    const auto say = [&](const victim& v) {
        std::string op = grace == 0 ? "force deleted" : "deleted";
        op += write_dry_suffix(dry);
        if (output == "name") ctx.out += write_name(*v.info, v.name) + "\n";
        else ctx.out += v.info->kind_group() + " \"" + v.name + "\" " + op + "\n";
    };
    bool warned_scope = !(ctx.ns_given && !f.on("all-namespaces"));
    for (const auto& v : victims) {
        ++found;
        if (!warned_scope && !v.info->namespaced) {
            ctx.err += "warning: deleting cluster-scoped resources, not scoped to the provided namespace\n";
            warned_scope = true;
        }
        if (dry == "client") {
            say(v);
            continue;
        }
        const auto r = ctx.api->call("DELETE", v.info->path(v.ns, v.name) + (dry == "server" ? "?dryRun=All" : ""),
                                     options.dump());
        if (r.status / 100 != 2) {
            status_error e(r.parsed());
            if (ignore_not_found && e.reason() == "NotFound") continue;
            errors.push_back(write_sourced(e, "deleting", v.source));
            continue;
        }
        say(v);
        const json body = r.parsed();
        std::string uid;
        if (body.value("kind", std::string()) == "Status") {
            if (body.contains("details")) uid = body["details"].value("uid", std::string());
        } else if (body.contains("metadata")) {
            uid = body["metadata"].value("uid", std::string());
        }
        gone.push_back({v.info, v.ns, v.name, uid});
    }
    if (!errors.empty()) write_fail(errors);
    if (found == 0) {
        ctx.out += "No resources found\n";
        return 0;
    }
    if (!f.on("wait") || dry != "none") return 0;
    // Wait until each object is gone (or replaced by one with another uid),
    // running the simulated clock.
    double timeout = f.seconds("timeout");
    if (timeout <= 0) timeout = 168.0 * 3600;
    const auto start = ctx.c->now();
    const auto deadline = start + std::chrono::duration_cast<sim::duration>(std::chrono::duration<double>(timeout));
    for (const auto& d : gone) {
        const auto done = [&] {
            const auto r = ctx.api->call("GET", d.info->path(d.ns, d.name));
            if (r.status == 404) return true;
            if (r.status / 100 != 2) return false;
            const auto obj = r.parsed();
            return !d.uid.empty() && obj["metadata"].value("uid", std::string()) != d.uid;
        };
        if (done()) continue;
        const auto left = deadline - ctx.c->now();
        if (left <= sim::duration{} || !ctx.c->run_until(done, left))
            throw exit_error("error: timed out waiting for the condition on " + d.info->qualified() + "/" + d.name + "\n");
    }
    return 0;
}

}  // namespace kubesim::kubectl::detail
