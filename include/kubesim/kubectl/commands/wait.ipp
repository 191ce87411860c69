// kubectl wait: a condition, a JSONPath value or the deletion of each object
// named, watched as the clock runs, with one deadline for all of them.
#pragma once

#include <kubesim/kubectl/commands/follow.ipp>
#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/kubectl/detail/jsonpath.hpp>
#include <kubesim/kubectl/detail/output.hpp>

#include <algorithm>
#include <chrono>

namespace kubesim::kubectl::detail {

// What --for asks for (outside the unnamed namespace: cmd_wait's lambdas,
// inline in header-only mode, hold one), parsed as kubectl's conditionFuncFor parses it.
struct wait_for {
    enum class kind { deleted, condition, jsonpath } k = kind::condition;
    std::string name, value;  // condition name and status, or the JSONPath's expected value
    bool any_value = false;
    std::optional<jsonpath> path;
};


namespace {

inline std::string wait_lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

inline std::string wait_trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t\n\r\v\f");
    if (b == std::string::npos) return {};
    return s.substr(b, s.find_last_not_of(" \t\n\r\v\f") - b + 1);
}

// get's RelaxedJSONPathExpression, its error as kubectl prints it.
inline std::string wait_relaxed_jsonpath(const std::string& e) {
    try {
        return jsonpath::relaxed(e);
    } catch (const jsonpath_error& err) {
        throw exit_error(std::string("error: ") + err.what() + "\n");
    }
}

inline wait_for wait_parse_for(const std::string& c) {
    wait_for w;
    if (wait_lower(c) == "delete") {
        w.k = wait_for::kind::deleted;
        return w;
    }
    if (c.rfind("condition=", 0) == 0) {
        w.name = c.substr(10);
        w.value = "true";
        if (const auto eq = w.name.find('='); eq != std::string::npos) {
            w.value = w.name.substr(eq + 1);
            w.name.resize(eq);
        }
        return w;
    }
    if (c.rfind("jsonpath=", 0) == 0) {
        // Split at single '=' ("==" stays in the expression).
        const std::string in = c.substr(9);
        std::vector<std::string> parts(1);
        for (std::size_t i = 0; i < in.size(); ++i) {
            if (in[i] == '=') {
                if (i + 1 < in.size() && in[i + 1] == '=') {
                    parts.back() += "==";
                    ++i;
                    continue;
                }
                parts.emplace_back();
                continue;
            }
            parts.back() += in[i];
        }
        if (parts.size() > 2)
            throw exit_error("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or "
                             "--for=jsonpath='{.status.readyReplicas}'\n");
        const std::string expr = wait_relaxed_jsonpath(parts[0]);
        w.k = wait_for::kind::jsonpath;
        if (parts.size() == 2) {
            std::string v = parts[1];
            while (!v.empty() && (v.front() == '\'' || v.front() == '"')) v.erase(0, 1);
            while (!v.empty() && (v.back() == '\'' || v.back() == '"')) v.pop_back();
            if (v.empty())
                throw exit_error("error: jsonpath wait has to have a value after equal sign, like "
                                 "--for=jsonpath='{.status.readyReplicas}'=3\n");
            w.value = v;
        } else {
            w.any_value = true;
        }
        if (expr.empty()) throw exit_error("error: jsonpath expression cannot be empty\n");
        try {
            w.path = jsonpath::parse("wait", expr);
        } catch (const jsonpath_error& e) {
            throw exit_error(std::string("error: ") + e.what() + "\n");
        }
        return w;
    }
    throw exit_error("error: unrecognized condition: " + go_quote(c) + "\n");
}

// Whether the object meets the condition or JSONPath (an error throws).
inline bool wait_check(const wait_for& w, const json& obj) {
    if (w.k == wait_for::kind::jsonpath) {
        std::vector<std::vector<json>> results;
        try {
            results = w.path->find_results(obj, true);
        } catch (const jsonpath_error& e) {
            throw exit_error(std::string("error: ") + e.what() + "\n");
        }
        if (results.empty() || results[0].empty()) return false;
        if (results.size() > 1) throw exit_error("error: given jsonpath expression matches more than one list\n");
        if (results[0].size() > 1) throw exit_error("error: given jsonpath expression matches more than one value\n");
        if (w.any_value) return true;
        const auto& v = results[0][0];
        if (v.is_object() || v.is_array())
            throw exit_error("error: jsonpath leads to a nested object or list which is not supported\n");
        return wait_trim(go_sprint(v)) == wait_trim(w.value);
    }
    const auto& conditions = obj.value("status", json::object()).value("conditions", json::array());
    for (const auto& c : conditions) {
        if (!c.is_object() || !c.contains("type") || !c["type"].is_string()) continue;
        if (wait_lower(c["type"].get<std::string>()) != wait_lower(w.name)) continue;
        if (!c.contains("status") || !c["status"].is_string()) continue;
        const auto& meta = obj.value("metadata", json::object());
        if (meta.contains("generation") && meta["generation"].is_number()) {
            const auto generation = meta["generation"].get<std::int64_t>();
            std::optional<std::int64_t> observed;
            if (c.contains("observedGeneration") && c["observedGeneration"].is_number())
                observed = c["observedGeneration"].get<std::int64_t>();
            else if (obj.value("status", json::object()).contains("observedGeneration"))
                observed = obj["status"]["observedGeneration"].get<std::int64_t>();
            if (observed && *observed < generation) return false;
        }
        return wait_lower(c["status"].get<std::string>()) == wait_lower(w.value);
    }
    return false;
}

}  // namespace

int cmd_wait(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    f.string("selector", 'l');
    f.string("field-selector");
    f.boolean("all");
    f.boolean("all-namespaces", 'A');
    f.boolean("local");
    f.strings("filename", 'f');
    f.string("kustomize", 'k');
    f.boolean("recursive", 'R');
    f.duration("timeout", 0, "30s");
    f.string("for");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto out = output_options::from(f);
    const auto w = wait_parse_for(f.str("for"));
    double timeout = f.seconds("timeout");
    if (timeout < 0) timeout = 168 * 3600.0;
    if (args.empty())
        throw exit_error("error: You must provide one or more resources by argument or filename.\nExample resource "
                         "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n"
                         "   '<resource>'\n");
    const bool for_delete = w.k == wait_for::kind::deleted;
    const auto deadline = ctx.c->now() + std::chrono::duration_cast<sim::duration>(std::chrono::duration<double>(timeout));
    const std::string ns = f.on("all-namespaces") ? std::string() : ctx.ns;

    // The objects, as the builder visits them: named ones fetched one by one,
    // a selector's or --all's listed.
    const auto targets = resource_args(ctx, args);
    int visited = 0;
    const auto visit = [&](const resource_info& r, json obj) {
        ++visited;
        obj["apiVersion"] = r.group_version();
        obj["kind"] = r.kind;
        const std::string name = obj["metadata"].value("name", "");
        const std::string obj_ns = obj["metadata"].value("namespace", ctx.ns);
        const std::string where = r.resource + "/" + name;
        const auto printed = [&](const json& o) {
            output_options o2 = out;
            if (o2.format.empty()) {
                ctx.out += object_name(o) + " condition met\n";
            } else {
                print_object(ctx, o2, o);
            }
        };
        if (for_delete) {
            const auto got = ctx.api->call("GET", r.path(obj_ns, name));
            if (got.status == 404) {
                printed(obj);
                return;
            }
            if (got.status / 100 != 2) throw status_error(got.parsed());
            if (timeout == 0) throw exit_error("error: condition not met for " + where + "\n");
            if (ctx.c->now() > deadline) throw exit_error("error: timed out waiting for the condition on " + where + "\n");
            const bool ok = follow_object(
                ctx, r, obj_ns, name, deadline, [](const json& e) { return e.value("type", "") == "DELETED"; },
                [](bool exists) { return !exists; });
            if (!ok) throw exit_error("error: timed out waiting for the condition on " + where + "\n");
            printed(obj);
            return;
        }
        if (timeout == 0) {
            json got = ctx.api->get(r.path(obj_ns, name));
            if (!wait_check(w, got)) throw exit_error("error: condition not met for " + where + "\n");
            printed(got);
            return;
        }
        if (ctx.c->now() > deadline) throw exit_error("error: timed out waiting for the condition on " + where + "\n");
        json result;
        const bool ok = follow_object(
            ctx, r, obj_ns, name, deadline,
            [&](const json& e) {
                const std::string type = e.value("type", "");
                if (type == "DELETED" || type == "ERROR") return false;
                if (!wait_check(w, e["object"])) return false;
                result = e["object"];
                return true;
            },
            [&](bool exists) -> bool {
                if (!exists)
                    throw exit_error("Error from server (NotFound): " + r.qualified() + " " + go_quote(name) +
                                     " not found\n");
                return false;
            });
        if (!ok) throw exit_error("error: timed out waiting for the condition on " + where + "\n");
        result["apiVersion"] = r.group_version();
        result["kind"] = r.kind;
        printed(result);
    };
    for (const auto& t : targets) {
        if (t.names.empty()) {
            if (f.str("selector").empty() && f.str("field-selector").empty() && !f.on("all"))
                throw exit_error("error: resource(s) were provided, but no name was specified\n");
            std::vector<std::string> q;
            if (!f.str("field-selector").empty()) q.push_back("fieldSelector=" + query_escape(f.str("field-selector")));
            if (!f.str("selector").empty()) q.push_back("labelSelector=" + query_escape(f.str("selector")));
            std::string query;
            for (const auto& p : q) query += (query.empty() ? "?" : "&") + p;
            const auto list = ctx.api->get(t.info->path(ns) + query);
            for (const auto& obj : list.value("items", json::array())) visit(*t.info, obj);
            continue;
        }
        for (const auto& name : t.names) {
            const auto got = ctx.api->call("GET", t.info->path(ctx.ns, name));
            if (got.status / 100 != 2) {
                status_error e(got.parsed());
                if (for_delete && e.reason() == "NotFound") continue;
                throw e;
            }
            visit(*t.info, got.parsed());
        }
    }
    if (visited == 0 && !for_delete) throw exit_error("error: no matching resources found\n");
    return 0;
}

}  // namespace kubesim::kubectl::detail
