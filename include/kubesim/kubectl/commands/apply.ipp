// kubectl apply: client-side (GET, then POST or the strategic merge patch kubectl computes three ways) and --server-side.
#pragma once

#include <kubesim/kubectl/commands/write_util.ipp>

#include <kubesim/api/json/detail/schema.hpp>
#include <kubesim/api/json/patch.hpp>
#include <kubesim/kubectl/apply.hpp>

namespace kubesim::kubectl::detail {

namespace {

using api::json::detail::smp_type;

// ---- strategicpatch.CreateThreeWayMergePatch ---------------------------------------

struct apply_diff_options {
    bool ignore_deletions = false;
    bool ignore_changes = false;  // IgnoreChangesAndAdditions
    bool retain_keys = false;     // BuildRetainKeysDirective
};

// The Go type a decoded JSON value has (int64 and float64 apart).
inline int apply_go_type(const json& v) {
    switch (v.type()) {
    case json::value_t::number_integer:
    case json::value_t::number_unsigned: return 10;
    case json::value_t::number_float: return 11;
    default: return static_cast<int>(v.type());
    }
}

inline bool apply_deep_equal(const json& a, const json& b) {
    if (apply_go_type(a) != apply_go_type(b)) return false;
    if (a.is_object()) {
        if (a.size() != b.size()) return false;
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto o = b.find(it.key());
            if (o == b.end() || !apply_deep_equal(*it, *o)) return false;
        }
        return true;
    }
    if (a.is_array()) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!apply_deep_equal(a[i], b[i])) return false;
        return true;
    }
    return a == b;
}

// Patch strategy "retainKeys": kubectl reads patch strategies from the
// server's OpenAPI document, and kubesim's marks no field so.
inline bool apply_retain_keys(smp_type, std::string_view) { return false; }

inline std::string apply_key_string(const json& v) { return api::json::detail::go_v(v); }

json apply_diff_maps(const json& original, const json& modified, smp_type t, apply_diff_options o);

// diffLists for a "merge" list: the changed elements (or added), then delete
// directives; and the $setElementOrder list.
inline void apply_diff_lists(const std::string& key, const json& original, const json& modified, smp_type elem_type,
                      std::string_view merge_key, apply_diff_options o, json& patch) {
    const json* first = nullptr;
    for (const json* l : {&original, &modified})
        for (const auto& e : *l)
            if (!first) first = &e;
    if (!first) return;
    json add = json::array(), del = json::array(), order = json::array();
    if (first->is_object()) {
        const std::string mk(merge_key);
        auto sorted = [&](const json& l) {
            std::vector<json> v(l.begin(), l.end());
            std::stable_sort(v.begin(), v.end(), [&](const json& a, const json& b) {
                return apply_key_string(a.value(mk, json())) < apply_key_string(b.value(mk, json()));
            });
            return v;
        };
        const auto os = sorted(original), ms = sorted(modified);
        std::size_t i = 0, j = 0;
        std::vector<json> changed;
        while (i < os.size() || j < ms.size()) {
            const bool oi = i < os.size(), mj = j < ms.size();
            const std::string ok = oi ? apply_key_string(os[i].value(mk, json())) : std::string();
            const std::string mkv = mj ? apply_key_string(ms[j].value(mk, json())) : std::string();
            if (oi && mj && ok == mkv) {
                json p = apply_diff_maps(os[i], ms[j], elem_type, o);
                if (!p.empty()) {
                    p[mk] = ms[j][mk];
                    changed.push_back(std::move(p));
                }
                ++i, ++j;
            } else if (!oi || (mj && ok > mkv)) {
                if (!o.ignore_changes) changed.push_back(ms[j]);
                ++j;
            } else {
                if (!o.ignore_deletions) del.push_back({{"$patch", "delete"}, {mk, os[i][mk]}});
                ++i;
            }
        }
        // In the modified list's order.
        const auto index = [&](const json& e) {
            for (std::size_t k = 0; k < modified.size(); ++k)
                if (modified[k].is_object() && modified[k].value(mk, json()) == e.value(mk, json())) return k;
            return modified.size();
        };
        std::stable_sort(changed.begin(), changed.end(), [&](const json& a, const json& b) { return index(a) < index(b); });
        bool order_same = original.size() == modified.size();
        for (std::size_t k = 0; order_same && k < modified.size(); ++k)
            order_same = original[k].value(mk, json()) == modified[k].value(mk, json());
        for (auto& c : changed) add.push_back(std::move(c));
        for (auto& d : del) add.push_back(std::move(d));
        del = json::array();
        if ((!o.ignore_changes && (!add.empty() || !order_same)) || (!o.ignore_deletions && !add.empty())) {
            for (const auto& m : modified) order.push_back({{mk, m.value(mk, json())}});
        }
    } else {
        std::vector<json> os(original.begin(), original.end()), ms(modified.begin(), modified.end());
        const auto by_string = [](const json& a, const json& b) { return apply_key_string(a) < apply_key_string(b); };
        std::stable_sort(os.begin(), os.end(), by_string);
        std::stable_sort(ms.begin(), ms.end(), by_string);
        std::size_t i = 0, j = 0;
        while (i < os.size() || j < ms.size()) {
            const bool oi = i < os.size(), mj = j < ms.size();
            const std::string a = oi ? apply_key_string(os[i]) : std::string();
            const std::string b = mj ? apply_key_string(ms[j]) : std::string();
            if (oi && mj && a == b) {
                ++i, ++j;
            } else if (!oi || (mj && a > b)) {
                if (!o.ignore_changes) add.push_back(ms[j]);
                ++j;
            } else {
                if (!o.ignore_deletions && std::find(del.begin(), del.end(), os[i]) == del.end()) del.push_back(os[i]);
                ++i;
            }
        }
        std::vector<json> sorted_add(add.begin(), add.end());
        const auto index = [&](const json& e) {
            for (std::size_t k = 0; k < modified.size(); ++k)
                if (modified[k] == e) return k;
            return modified.size();
        };
        std::stable_sort(sorted_add.begin(), sorted_add.end(), [&](const json& a, const json& b) { return index(a) < index(b); });
        add = json(sorted_add);
        if ((!o.ignore_deletions && !del.empty()) || (!o.ignore_changes && !apply_deep_equal(original, modified)))
            order = modified;
    }
    if (!add.empty()) patch[key] = add;
    if (!del.empty()) patch["$deleteFromPrimitiveList/" + key] = del;
    if (!order.empty()) patch["$setElementOrder/" + key] = order;
}

inline json apply_diff_maps(const json& original, const json& modified, smp_type t, apply_diff_options o) {
    json patch = json::object();
    json retain = json::array();
    const json empty = json::object();
    const json& orig = original.is_object() ? original : empty;
    for (auto it = modified.begin(); it != modified.end(); ++it) {
        const std::string& key = it.key();
        const json& mv = *it;
        if (o.retain_keys && !mv.is_null()) retain.push_back(key);
        const auto oit = orig.find(key);
        if (oit == orig.end()) {
            if (!o.ignore_changes) patch[key] = mv;
            continue;
        }
        const json& ov = *oit;
        if (apply_go_type(ov) != apply_go_type(mv)) {
            if (!o.ignore_changes) patch[key] = mv;
            continue;
        }
        const auto meta = api::json::detail::smp_lookup(t, key);
        if (ov.is_object()) {
            apply_diff_options sub = o;
            sub.retain_keys = apply_retain_keys(t, key);
            json p = apply_diff_maps(ov, mv, meta.type, sub);
            if (!p.empty()) patch[key] = std::move(p);
        } else if (ov.is_array()) {
            if (meta.merge) {
                apply_diff_options sub = o;
                sub.retain_keys = apply_retain_keys(t, key);
                apply_diff_lists(key, ov, mv, meta.type, meta.merge_key, sub, patch);
            } else if (!o.ignore_changes && !apply_deep_equal(ov, mv)) {
                patch[key] = mv;
            }
        } else if (!o.ignore_changes && !apply_deep_equal(ov, mv)) {
            patch[key] = mv;
        }
    }
    if (!o.ignore_deletions)
        for (auto it = orig.begin(); it != orig.end(); ++it)
            if (!modified.contains(it.key())) patch[it.key()] = nullptr;
    if (!retain.empty()) {
        bool extra = false;
        for (auto it = orig.begin(); it != orig.end(); ++it)
            if (!it->is_null() && !modified.contains(it.key())) extra = true;
        if (!patch.empty() || extra) {
            std::vector<std::string> keys = retain.get<std::vector<std::string>>();
            std::sort(keys.begin(), keys.end());
            patch["$retainKeys"] = keys;
        }
    }
    return patch;
}

json apply_merge_patches(json original, const json& patch, smp_type t);

// mergeSlice of two patches' "merge" lists: elements merged by key, the patch's
// first, then the rest in their order, delete directives last.
inline json apply_merge_lists(const json& original, const json& patch, smp_type t, std::string_view merge_key) {
    if (original.empty() && patch.empty()) return original;
    const bool maps = (!original.empty() && original[0].is_object()) || (!patch.empty() && patch[0].is_object());
    const std::string mk(merge_key);
    const auto same = [&](const json& a, const json& b) {
        if (!maps) return a == b;
        return a.is_object() && b.is_object() && a.value(mk, json()) == b.value(mk, json());
    };
    std::vector<json> merged(original.begin(), original.end());
    for (const auto& v : patch) {
        auto it = std::find_if(merged.begin(), merged.end(), [&](const json& m) { return same(m, v); });
        if (it == merged.end()) merged.push_back(v);
        else if (maps) *it = apply_merge_patches(*it, v, t);
    }
    std::vector<json> in_patch, server_only, deletes;
    for (auto& m : merged) {
        const bool in = std::any_of(patch.begin(), patch.end(), [&](const json& p) { return same(m, p); });
        if (in) in_patch.push_back(std::move(m));
        else if (maps && m.contains("$patch")) deletes.push_back(std::move(m));
        else server_only.push_back(std::move(m));
    }
    const auto index = [&](const json& l, const json& e) -> std::ptrdiff_t {
        for (std::size_t k = 0; k < l.size(); ++k)
            if (same(l[k], e)) return static_cast<std::ptrdiff_t>(k);
        return -1;
    };
    json out = json::array();
    std::size_t i = 0, j = 0;
    for (auto& d : deletes) server_only.push_back(std::move(d));
    while (i < server_only.size() || j < in_patch.size()) {
        if (i >= server_only.size()) out.push_back(in_patch[j++]);
        else if (j >= in_patch.size()) out.push_back(server_only[i++]);
        else {
            const auto li = index(original, server_only[i]), ri = index(original, in_patch[j]);
            if (li >= 0 && ri >= 0 && li < ri) out.push_back(server_only[i++]);
            else out.push_back(in_patch[j++]);
        }
    }
    return out;
}

// mergeMap(deletions, delta) with MergeParallelList off: the deletions patch
// with the delta patch merged into it.
inline json apply_merge_patches(json original, const json& patch, smp_type t) {
    if (!original.is_object()) original = json::object();
    for (auto it = patch.begin(); it != patch.end(); ++it) {
        const std::string& k = it.key();
        const json& v = *it;
        if (k.rfind("$setElementOrder/", 0) == 0 || k == "$retainKeys") {
            if (!original.contains(k)) original[k] = v;
            continue;
        }
        if (k.rfind("$deleteFromPrimitiveList/", 0) == 0) {
            original[k] = v;
            continue;
        }
        if (v.is_null() || !original.contains(k) || apply_go_type(original[k]) != apply_go_type(v)) {
            original[k] = v;
            continue;
        }
        const auto meta = api::json::detail::smp_lookup(t, k);
        if (v.is_object()) original[k] = apply_merge_patches(original[k], v, meta.type);
        else if (v.is_array() && meta.merge) original[k] = apply_merge_lists(original[k], v, meta.type, meta.merge_key);
        else original[k] = v;
    }
    return original;
}

inline json apply_three_way(const json& original, const json& modified, const json& current, const std::string& kind) {
    smp_type root = smp_type::none;
    if (!api::json::detail::smp_root(kind, root)) root = smp_type::plain_kind;
    const json delta = apply_diff_maps(current, modified, root, {true, false, false});
    const json deletions = apply_diff_maps(original, modified, root, {false, true, false});
    return apply_merge_patches(deletions, delta, root);
}

// GetModifiedConfiguration: the manifest with its own JSON (without the
// annotation) put in the last-applied-configuration annotation.
inline json apply_modified(json obj) {
    auto& meta = obj["metadata"];
    if (!meta.contains("annotations") || !meta["annotations"].is_object()) meta["annotations"] = json::object();
    meta["annotations"].erase(std::string(last_applied_annotation));
    const std::string applied = manifest_go_json(obj) + "\n";
    meta["annotations"][std::string(last_applied_annotation)] = applied;
    return obj;
}

// ---- csaupgrade: client-side apply's field ownership moved to server-side apply ----------

// The managedFields entries of `operation` that own the last-applied annotation.
inline std::vector<std::string> apply_annotation_owners(const json& obj, const std::string& operation) {
    std::vector<std::string> out;
    const auto& mf = obj["metadata"].value("managedFields", json::array());
    const std::string key = "f:" + std::string(last_applied_annotation);
    for (const auto& e : mf) {
        if (e.value("operation", std::string()) != operation) continue;
        const auto& f = e.value("fieldsV1", json::object());
        if (f.contains("f:metadata") && f["f:metadata"].contains("f:annotations") &&
            f["f:metadata"]["f:annotations"].contains(key))
            out.push_back(e.value("manager", std::string()));
    }
    return out;
}

inline void apply_union_fields(json& into, const json& from) {
    for (auto it = from.begin(); it != from.end(); ++it) {
        if (into.contains(it.key()) && into[it.key()].is_object() && it->is_object()) apply_union_fields(into[it.key()], *it);
        else if (!into.contains(it.key())) into[it.key()] = *it;
    }
}

// csaupgrade.UpgradeManagedFieldsPatch: the JSON patch that folds the Update
// entries of `csa` into the Apply entry of `ssa`; null when nothing changes.
inline json apply_upgrade_patch(const json& obj, const std::vector<std::string>& csa, const std::string& ssa) {
    const json original = obj["metadata"].value("managedFields", json::array());
    json entries = original;
    const auto is_update = [](const json& e, const std::string& m) {
        return e.value("manager", std::string()) == m && e.value("operation", std::string()) == "Update" &&
               e.value("subresource", std::string()).empty();
    };
    for (const auto& m : csa) {
        std::ptrdiff_t target = -1;
        for (std::size_t i = 0; i < entries.size() && target < 0; ++i)
            if (entries[i].value("manager", std::string()) == ssa && entries[i].value("operation", std::string()) == "Apply" &&
                entries[i].value("subresource", std::string()).empty())
                target = static_cast<std::ptrdiff_t>(i);
        if (target < 0) {
            for (std::size_t i = 0; i < entries.size() && target < 0; ++i)
                if (is_update(entries[i], m)) target = static_cast<std::ptrdiff_t>(i);
            if (target < 0) continue;
            entries[static_cast<std::size_t>(target)]["operation"] = "Apply";
            entries[static_cast<std::size_t>(target)]["manager"] = ssa;
        }
        json& t = entries[static_cast<std::size_t>(target)];
        for (const auto& e : entries) {
            if (is_update(e, m) && e.value("apiVersion", std::string()) == t.value("apiVersion", std::string())) {
                if (!t.contains("fieldsV1")) t["fieldsV1"] = json::object();
                apply_union_fields(t["fieldsV1"], e.value("fieldsV1", json::object()));
                break;
            }
        }
        json kept = json::array();
        for (auto& e : entries)
            if (!is_update(e, m)) kept.push_back(std::move(e));
        entries = std::move(kept);
    }
    if (entries == original) return nullptr;
    return json::array({{{"op", "replace"}, {"path", "/metadata/managedFields"}, {"value", entries}},
                        {{"op", "replace"},
                         {"path", "/metadata/resourceVersion"},
                         {"value", obj["metadata"].value("resourceVersion", std::string())}}});
}

// kubectl's resource.Info as %v prints it.
inline std::string apply_info_string(const resource_info& r, const std::string& ns, const std::string& name) {
    return "Resource: \"" + r.group + "/" + r.version + ", Resource=" + r.resource + "\", GroupVersionKind: \"" + r.group +
           "/" + r.version + ", Kind=" + r.kind + "\"\nName: \"" + name + "\", Namespace: \"" + ns + "\"";
}

inline void apply_prune_nulls(json& v) {
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end();) {
            if (it->is_null()) it = v.erase(it);
            else {
                apply_prune_nulls(*it);
                ++it;
            }
        }
    } else if (v.is_array()) {
        for (auto& e : v) apply_prune_nulls(e);
    }
}

}  // namespace

int cmd_apply(context& ctx, const std::vector<std::string>& argv) {
    flag_set f;
    add_global_flags(f);
    add_output_flags(f);
    manifest_flags(f);
    f.boolean("server-side");
    f.boolean("force-conflicts");
    f.string("field-manager", 0, "kubectl-client-side-apply");
    f.string("dry-run", 0, "none");
    f.string("validate", 0, "strict");
    f.boolean("overwrite", 0, true);
    f.boolean("force");
    f.boolean("prune");
    f.string("selector", 'l');
    f.boolean("all");
    f.boolean("record");
    f.boolean("wait");
    f.duration("timeout");
    f.integer("grace-period", 0, -1);
    f.string("cascade", 0, "background");
    f.boolean("openapi-patch", 0, true);
    f.boolean("show-managed-fields");
    f.strings("prune-allowlist");
    const auto args = f.parse(argv);
    apply_global_flags(f, ctx);
    const auto out = output_options::from(f);
    const bool server_side = f.on("server-side");
    const std::string dry = write_dry_run(f);
    const std::string validation = write_validation(f);
    const auto files = f.list("filename");
    if (files.empty() && f.str("kustomize").empty()) throw exit_error("error: must specify one of -f and -k\n");
    if (!args.empty())
        throw exit_error("error: Unexpected args: [" + [&] {
            std::string s;
            for (std::size_t i = 0; i < args.size(); ++i) s += (i ? " " : "") + args[i];
            return s;
        }() + "]\nSee 'kubectl apply -h' for help and examples\n");
    if (f.on("force-conflicts") && !server_side)
        throw exit_error("error: --force-conflicts only works with --server-side\n");
    std::string manager = f.str("field-manager");
    if (server_side && !f.changed("field-manager")) manager = "kubectl";

    std::vector<write_error> errors;
    auto objects = manifest_read(ctx, files, f.on("recursive"), errors, validation != "Ignore");
    if (objects.empty() && errors.empty()) throw exit_error("error: no objects passed to apply\n");
    const bool print_objects = !out.format.empty() && out.format != "name";
    std::vector<json> printed;
    const auto say = [&](const manifest_object& m, const json& obj, const std::string& op) {
        if (print_objects) {
            printed.push_back(obj);
            return;
        }
        if (out.format == "name") ctx.out += write_name(*m.info, m.name) + "\n";
        else ctx.out += write_name(*m.info, m.name) + " " + op + write_dry_suffix(dry) + "\n";
    };
    for (auto& m : objects) {
        const std::string path = m.info->path(m.ns, m.name);
        if (server_side) {
            std::vector<std::pair<std::string, std::string>> extra{{"force", f.on("force-conflicts") ? "true" : "false"}};
            const auto r = ctx.api->call("PATCH", path + write_query(dry, manager, validation, extra), manifest_go_json(m.obj),
                                         "application/apply-patch+yaml");
            if (r.status / 100 != 2) {
                const json s = r.parsed();
                if (s.value("reason", std::string()) == "Conflict" || r.status == 409) {
                    errors.push_back(
                        {std::nullopt,
                         s.value("message", std::string()) +
                             "\nPlease review the fields above--they currently have other managers. Here\n"
                             "are the ways you can resolve this warning:\n"
                             "* If you intend to manage all of these fields, please re-run the apply\n"
                             "  command with the `--force-conflicts` flag.\n"
                             "* If you do not intend to manage all of the fields, please edit your\n"
                             "  manifest to remove references to the fields that should keep their\n"
                             "  current managers.\n"
                             "* You may co-own fields by updating your manifest to match the existing\n"
                             "  value; in this case, you'll become the manager if the other manager(s)\n"
                             "  stop managing the field (remove it from their configuration).\n"
                             "See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts"});
                } else {
                    errors.push_back({s, {}});
                }
                continue;
            }
            json applied = r.parsed();
            const std::string apply_target = path + write_query(dry, manager, validation, extra);
            const auto& annots = applied["metadata"].value("annotations", json::object());
            if (manager == "kubectl" && annots.contains(std::string(last_applied_annotation)) &&
                apply_annotation_owners(applied, "Apply").empty()) {
                // The annotation kept under a manager of its own, so that SSA does not drop it.
                json just = {{"apiVersion", m.info->group_version()},
                             {"kind", m.info->kind},
                             {"metadata",
                              {{"annotations", {{std::string(last_applied_annotation), annots[std::string(last_applied_annotation)]}}},
                               {"name", m.name}}}};
                if (!m.ns.empty()) just["metadata"]["namespace"] = m.ns;
                const auto a = ctx.api->call("PATCH", path + write_query(dry, "kubectl-last-applied", validation),
                                             manifest_go_json(just), "application/apply-patch+yaml");
                if (a.status / 100 == 2) applied = a.parsed();
            }
            const auto csa = apply_annotation_owners(applied, "Update");
            const json upgrade = csa.empty() ? json() : apply_upgrade_patch(applied, csa, manager);
            if (!upgrade.is_null()) {
                const auto u = ctx.api->call("PATCH", path + write_query(dry, manager, validation), manifest_go_json(upgrade),
                                             "application/json-patch+json");
                if (u.status / 100 == 2) {
                    const auto again = ctx.api->call("PATCH", apply_target, manifest_go_json(m.obj), "application/apply-patch+yaml");
                    if (again.status / 100 == 2) applied = again.parsed();
                }
            }
            say(m, applied, "serverside-applied");
            continue;
        }
        const json modified = apply_modified(m.obj);
        const auto got = ctx.api->call("GET", path);
        if (got.status == 404) {
            json created = modified;
            apply_prune_nulls(created);
            if (dry != "client") {
                const auto r = ctx.api->call("POST", m.info->path(m.ns) + write_query(dry, manager, validation),
                                             manifest_go_json(created));
                if (r.status / 100 != 2) {
                    errors.push_back(write_sourced(status_error(r.parsed()), "creating", m.source));
                    continue;
                }
                created = r.parsed();
            }
            say(m, created, "created");
            continue;
        }
        if (got.status / 100 != 2) {
            errors.push_back({got.parsed(), {}});
            continue;
        }
        json live = got.parsed();
        if (dry == "client") {
            say(m, live, "configured");
            continue;
        }
        const json& annotations = live["metadata"].contains("annotations") ? live["metadata"]["annotations"] : json::object();
        json original;
        if (annotations.is_object() && annotations.contains(std::string(last_applied_annotation))) {
            original = json::parse(annotations[std::string(last_applied_annotation)].get<std::string>(), nullptr, false);
            if (original.is_discarded()) original = json();
        } else {
            ctx.err += "Warning: resource " + m.info->resource + "/" + m.name + " is missing the " +
                       std::string(last_applied_annotation) +
                       " annotation which is required by kubectl apply. kubectl apply should only be used on resources "
                       "created declaratively by either kubectl create --save-config or kubectl apply. The missing "
                       "annotation will be patched automatically.\n";
        }
        const json patch = apply_three_way(original, modified, live, m.info->kind);
        if (patch.empty()) {
            if (!print_objects) {
                say(m, live, "unchanged");
                continue;
            }
            printed.push_back(live);
            continue;
        }
        const auto r = ctx.api->call("PATCH", path + write_query(dry, manager, validation), manifest_go_json(patch),
                                     "application/strategic-merge-patch+json");
        if (r.status / 100 != 2) {
            json st = r.parsed();
            st["message"] = "error when patching " + go_quote(m.source) + ": " + st.value("message", std::string());
            errors.push_back(write_sourced(status_error(st),
                                           "applying patch:\n" + manifest_go_json(patch) + "\nto:\n" +
                                               apply_info_string(*m.info, m.ns, m.name) + "\nfor:",
                                           m.source));
            continue;
        }
        say(m, r.parsed(), "configured");
    }
    if (!errors.empty()) write_fail(errors);
    if (print_objects && !printed.empty()) {
        if (printed.size() == 1) {
            print_object(ctx, out, printed[0]);
        } else {
            // A typed v1 List: -o json keeps its Go field order.
            if (out.format == "json") {
                nlohmann::ordered_json list = {{"kind", "List"}, {"apiVersion", "v1"}, {"metadata", nlohmann::ordered_json::object()}};
                list["items"] = nlohmann::ordered_json::array();
                for (auto& p : printed) {
                    if (!out.show_managed_fields && p.contains("metadata")) p["metadata"].erase("managedFields");
                    list["items"].push_back(nlohmann::ordered_json::parse(p.dump()));
                }
                ctx.out += list.dump(4) + "\n";
            } else {
                json list = {{"apiVersion", "v1"}, {"items", printed}, {"kind", "List"}, {"metadata", json::object()}};
                print_object(ctx, out, list);
            }
        }
    }
    return 0;
}

}  // namespace kubesim::kubectl::detail
