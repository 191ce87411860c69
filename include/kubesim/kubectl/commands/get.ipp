// kubectl get: Tables from the server printed as kubectl's table printer
// prints them, or the objects through -o.
#pragma once

#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/output.hpp>

#include <algorithm>
#include <chrono>

#include <kubesim/cluster.hpp>

namespace kubesim::kubectl::detail {

namespace {

constexpr std::string_view table_accept =
    "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

// The query of a list request: selectors, then limit, as kubectl orders them.
inline std::string list_query(const flag_set& f, bool with_limit, bool include_object) {
    std::vector<std::pair<std::string, std::string>> q;
    if (!f.str("field-selector").empty()) q.emplace_back("fieldSelector", f.str("field-selector"));
    if (include_object) q.emplace_back("includeObject", "Object");
    if (!f.str("selector").empty()) q.emplace_back("labelSelector", f.str("selector"));
    if (with_limit) q.emplace_back("limit", std::to_string(f.num("chunk-size") > 0 ? f.num("chunk-size") : 500));
    std::sort(q.begin(), q.end());
    std::string s;
    for (const auto& [k, v] : q) s += (s.empty() ? "?" : "&") + k + "=" + query_escape(v);
    return s;
}

// get -w: the list (unless --watch-only), then one row per watch event until
// --request-timeout on the simulated clock (none: the events due now).
inline int get_watch(context& ctx, const flag_set& f, const output_options& out, const std::vector<target>& targets,
              const std::string& ns) {
    if (targets.size() > 1) throw exit_error("error: you may only specify a single resource type\n");
    std::size_t count = 0;
    for (const auto& t : targets) count += t.names.empty() ? 1 : t.names.size();
    if (count != 1)
        throw exit_error("error: watch is only supported on individual resources and resource collections, but " +
                         std::to_string(count) + " resources were found\n");
    const auto& t = targets[0];
    const std::string list_ns = ns.empty() && !t.names.empty() ? ctx.ns : ns;
    table_printer printer(ctx, out, f);
    printer.start(*t.info, ns.empty() && t.info->namespaced, f.on("show-kind"));
    std::string rv;
    std::string selector_query = list_query(f, false, false);
    if (t.names.empty()) {
        const auto body = ctx.api->call("GET", t.info->path(list_ns) + list_query(f, true, false), {}, "", table_accept);
        if (body.status / 100 != 2) throw status_error(body.parsed());
        auto table = body.parsed();
        rv = table["metadata"].value("resourceVersion", std::string());
        if (!f.on("watch-only")) {
            if (f.on("output-watch-events")) {
                // Each listed row is an ADDED event.
                for (auto& row : table["rows"]) {
                    json one = table;
                    one["rows"] = json::array({row});
                    printer.add_event(std::move(one), "ADDED");
                }
            } else {
                printer.add(std::move(table));
            }
        }
    } else {
        const auto body =
            ctx.api->call("GET", t.info->path(list_ns, t.names[0]), {}, "", table_accept);
        if (body.status / 100 != 2) throw status_error(body.parsed());
        auto table = body.parsed();
        rv = table["metadata"].value("resourceVersion", std::string());
        if (!f.on("watch-only")) {
            if (f.on("output-watch-events")) printer.add_event(std::move(table), "ADDED");
            else printer.add(std::move(table));
        }
        selector_query = "?fieldSelector=" + query_escape("metadata.name=" + t.names[0]);
    }
    ctx.out += printer.finish();
    std::string target = t.info->path(list_ns) + (selector_query.empty() ? "?" : selector_query + "&") +
                         "resourceVersion=" + rv + "&watch=true";
    auto events = ctx.api->watch(target, table_accept);
    const auto drain = [&] {
        for (auto& ev : events.take()) {
            const std::string type = ev.value("type", std::string());
            if (type == "ERROR") return true;
            if (type == "BOOKMARK") continue;
            if (f.on("output-watch-events")) printer.add_event(std::move(ev["object"]), type);
            else printer.add(std::move(ev["object"]));
            ctx.out += printer.finish();
        }
        return events.finished();
    };
    if (ctx.request_timeout > 0) {
        ctx.c->run_until(drain, std::chrono::duration_cast<sim::duration>(std::chrono::duration<double>(ctx.request_timeout)));
    } else {
        drain();
    }
    return 0;
}

}  // namespace

int cmd_get(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.string("selector", 'l');
    f.string("field-selector");
    f.boolean("all-namespaces", 'A');
    f.boolean("show-labels");
    f.strings("label-columns", 'L');
    f.string("sort-by");
    f.boolean("no-headers");
    f.boolean("watch", 'w');
    f.boolean("watch-only");
    f.boolean("output-watch-events");
    f.integer("chunk-size", 0, 500);
    f.boolean("show-kind");
    f.boolean("ignore-not-found");
    f.string("raw");
    f.strings("filename", 'f');
    f.boolean("recursive", 'R');
    f.string("kustomize", 'k');
    f.boolean("server-print", 0, true);
    f.string("subresource");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto out = output_options::from(f);
    if (args.empty()) {
        throw exit_error(
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of "
            "supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a "
            "detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and "
            "examples\n");
    }
    const bool all_ns = f.on("all-namespaces");
    const auto targets = resource_args(ctx, args);
    const std::string ns = all_ns ? std::string() : ctx.ns;
    const bool human = out.human();
    const bool several = targets.size() > 1;
    std::vector<std::string> errors;

    if (f.on("watch") || f.on("watch-only")) return get_watch(ctx, f, out, targets, ns);
    if (human) {
        table_printer printer(ctx, out, f);
        const bool with_kind = several || f.on("show-kind");
        bool all_namespaced = !all_ns;
        for (const auto& t : targets) {
            all_namespaced = all_namespaced && t.info->namespaced;
            printer.start(*t.info, all_ns && t.info->namespaced, with_kind);
            const bool include_object = !f.str("sort-by").empty();
            if (t.names.empty()) {
                const auto body = ctx.api->call("GET", t.info->path(ns) + list_query(f, true, include_object), {}, "",
                                                table_accept);
                if (body.status / 100 != 2) {
                    errors.push_back(status_error(body.parsed()).kubectl_message());
                    continue;
                }
                printer.add(body.parsed());
            } else {
                for (const auto& name : t.names) {
                    const auto body = ctx.api->call(
                        "GET", t.info->path(ns.empty() ? ctx.ns : ns, name) + (include_object ? "?includeObject=Object" : ""),
                        {}, "", table_accept);
                    if (body.status / 100 != 2) {
                        auto e = status_error(body.parsed());
                        if (!(f.on("ignore-not-found") && e.reason() == "NotFound")) errors.push_back(e.kubectl_message());
                        continue;
                    }
                    printer.add(body.parsed());
                }
            }
        }
        ctx.out += printer.finish();
        if (printer.rows_written() == 0 && !f.on("ignore-not-found") && errors.empty()) {
            ctx.err += all_namespaced ? "No resources found in " + ctx.ns + " namespace.\n" : "No resources found\n";
        }
    } else {
        // Generic printers: the objects themselves, as a List unless one object was named.
        std::vector<json> items;
        const bool single = targets.size() == 1 && targets[0].names.size() == 1;
        for (const auto& t : targets) {
            if (t.names.empty()) {
                const auto body = ctx.api->call("GET", t.info->path(ns) + list_query(f, true, false));
                if (body.status / 100 != 2) {
                    errors.push_back(status_error(body.parsed()).kubectl_message());
                    continue;
                }
                auto list = body.parsed();
                for (auto& item : list["items"]) {
                    item["apiVersion"] = t.info->group_version();
                    item["kind"] = t.info->kind;
                    items.push_back(std::move(item));
                }
            } else {
                for (const auto& name : t.names) {
                    const auto body = ctx.api->call("GET", t.info->path(ns.empty() ? ctx.ns : ns, name));
                    if (body.status / 100 != 2) {
                        auto e = status_error(body.parsed());
                        if (single) throw e;
                        if (!(f.on("ignore-not-found") && e.reason() == "NotFound")) errors.push_back(e.kubectl_message());
                        continue;
                    }
                    items.push_back(body.parsed());
                }
            }
        }
        if (!f.str("sort-by").empty()) sort_objects(items, f.str("sort-by"));
        if (single && items.size() == 1) {
            print_object(ctx, out, items[0]);
        } else {
            json list = {{"apiVersion", "v1"}, {"items", json::array()}, {"kind", "List"},
                         {"metadata", {{"resourceVersion", ""}}}};
            for (auto& i : items) list["items"].push_back(std::move(i));
            print_object(ctx, out, list);
        }
    }
    for (const auto& e : errors) ctx.err += e + "\n";
    return errors.empty() ? 0 : 1;
}

}  // namespace kubesim::kubectl::detail
