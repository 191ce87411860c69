// Definitions of kubectl/kubectl.hpp: the command dispatcher.
#pragma once

#include <kubesim/kubectl/kubectl.hpp>

#include <algorithm>
#include <array>

#include <kubesim/api/utf8.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/kubectl/commands.hpp>
#include <kubesim/kubectl/detail/cli.hpp>
#include <kubesim/server/rest.hpp>

namespace kubesim::kubectl {

std::vector<std::string> split_command_line(std::string_view s) {
    std::vector<std::string> words;
    std::string cur;
    bool have = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\'') {
            have = true;
            const auto end = s.find('\'', i + 1);
            if (end == std::string_view::npos) throw usage_error("kubectl: unterminated ' in the command line");
            cur.append(s.substr(i + 1, end - i - 1));
            i = end;
        } else if (c == '"') {
            have = true;
            for (++i;; ++i) {
                if (i >= s.size()) throw usage_error("kubectl: unterminated \" in the command line");
                if (s[i] == '"') break;
                if (s[i] == '\\' && i + 1 < s.size() &&
                    (s[i + 1] == '"' || s[i + 1] == '\\' || s[i + 1] == '$' || s[i + 1] == '`' || s[i + 1] == '\n')) {
                    ++i;
                    if (s[i] == '\n') continue;
                }
                cur += s[i];
            }
        } else if (c == '\\' && i + 1 < s.size()) {
            ++i;
            if (s[i] != '\n') {
                have = true;
                cur += s[i];
            }
        } else if (c == ' ' || c == '\n' || c == '\t') {
            if (have) words.push_back(std::exchange(cur, {}));
            have = false;
        } else {
            have = true;
            cur += c;
        }
    }
    if (have) words.push_back(cur);
    return words;
}

namespace detail {

namespace {

// Every command name of kubectl 1.33 (for "Did you mean this?"), supported or not.
constexpr std::array<std::string_view, 44> all_command_names{
    "annotate", "api-resources", "api-versions", "apply",   "attach",  "auth",     "autoscale", "certificate",
    "cluster-info", "completion", "config",     "cordon",  "cp",      "create",   "debug",     "delete",
    "describe",  "diff",         "drain",        "edit",    "events",  "exec",     "explain",   "expose",
    "get",       "kustomize",    "label",        "logs",    "options", "patch",    "plugin",    "port-forward",
    "proxy",     "replace",      "rollout",      "run",     "scale",   "set",      "taint",     "top",
    "uncordon",  "version",      "wait",         "alpha"};

inline std::size_t levenshtein(std::string_view a, std::string_view b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const bool same = std::tolower(static_cast<unsigned char>(a[i - 1])) ==
                              std::tolower(static_cast<unsigned char>(b[j - 1]));
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (same ? 0 : 1)});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

// The global flags that take a value (to find the command word past them).
inline bool global_takes_value(std::string_view name) {
    static const std::array<std::string_view, 20> names{
        "namespace", "kubeconfig", "context", "cluster", "user",  "server",   "request-timeout", "cache-dir",
        "token",     "as",         "as-group", "as-uid", "certificate-authority", "client-certificate", "client-key",
        "tls-server-name", "username", "password", "profile", "profile-output"};
    return std::find(names.begin(), names.end(), name) != names.end() || name == "v" || name == "vmodule" ||
           name == "log-flush-frequency";
}

}  // namespace

}  // namespace detail

struct session::impl {
    explicit impl(cluster& cl) : c(&cl), api(cl), http(api, &cl) {}
    cluster* c;
    server::rest_api api;
    detail::client http;
    detail::mapper rm;
    bool discovered = false;

    void discover() {
        if (discovered) return;
        const std::string accept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
        const auto core = http.call("GET", "/api", {}, "", accept).parsed();
        const auto groups = http.call("GET", "/apis", {}, "", accept).parsed();
        rm.load(core, groups);
        discovered = true;
    }
};

session::session(cluster& c) : impl_(std::make_unique<impl>(c)) {}
session::~session() = default;

kubectl_result session::run(std::string_view command_line, std::string_view stdin_text) {
    std::vector<std::string> args;
    try {
        args = split_command_line(command_line);
    } catch (const usage_error& e) {
        return {1, "", std::string("error: ") + e.what() + "\n"};
    }
    return run(args, stdin_text);
}

kubectl_result session::run(const std::vector<std::string>& given, std::string_view stdin_text) {
    using namespace detail;
    // Words that are not UTF-8 reach the server (and the objects) through
    // json.Marshal, which writes each stray byte as U+FFFD: the same here, once.
    std::vector<std::string> repaired;
    bool valid = true;
    for (const auto& a : given) valid = valid && ::kubesim::api::utf8::valid(a);
    if (!valid) {
        repaired = given;
        for (auto& a : repaired) ::kubesim::api::utf8::make_valid(a);
    }
    const std::vector<std::string>& args = valid ? given : repaired;
    impl_->discover();
    context ctx;
    ctx.c = impl_->c;
    ctx.api = &impl_->http;
    ctx.rm = &impl_->rm;
    ctx.stdin_text = stdin_text;
    impl_->http.warnings.clear();
    impl_->http.warning_sink = &ctx.err;
    // The command word: the first argument that is neither a flag nor a global
    // flag's value (cobra strips the persistent flags to find it).
    std::size_t at = args.size();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        if (a == "--") break;
        if (a.size() > 1 && a[0] == '-') {
            if (a.find('=') != std::string::npos) continue;
            const bool long_form = a.size() > 2 && a[1] == '-';
            const std::string name = long_form ? a.substr(2) : a.substr(1);
            const bool value = long_form ? global_takes_value(name) : (name == "n" || name == "s" || name == "v");
            if (value) ++i;
            continue;
        }
        at = i;
        break;
    }
    kubectl_result r;
    if (at == args.size()) {
        // `kubectl` alone: the help text; kubesim prints its list of commands.
        r.out = "kubectl controls the Kubernetes cluster manager.\n";
        return r;
    }
    const std::string& word = args[at];
    const auto& table = commands();
    const auto it = table.find(word);
    if (it == table.end() &&
        std::find(all_command_names.begin(), all_command_names.end(), word) != all_command_names.end()) {
        // A command of the real kubectl that the library does not have (edit,
        // port-forward, top, ...): said plainly rather than called unknown.
        return {1, "", "error: kubesim: kubectl " + word + " is not supported in the library\n"};
    }
    if (it == table.end()) {
        std::string msg = "error: unknown command " + go_quote(word) + " for \"kubectl\"";
        std::vector<std::string_view> suggestions;
        for (auto name : all_command_names) {
            std::string lname(name), lword(word);
            for (auto& ch : lword) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            if (levenshtein(word, name) <= 2 || lname.rfind(lword, 0) == 0) suggestions.push_back(name);
        }
        if (!suggestions.empty()) {
            std::sort(suggestions.begin(), suggestions.end());
            msg += "\n\nDid you mean this?\n";
            for (auto s : suggestions) msg += "\t" + std::string(s) + "\n";
        } else {
            msg += "\n";
        }
        return {1, "", msg};
    }
    std::vector<std::string> rest(args.begin(), args.begin() + static_cast<std::ptrdiff_t>(at));
    rest.insert(rest.end(), args.begin() + static_cast<std::ptrdiff_t>(at) + 1, args.end());
    ctx.command = word;
    int code = 0;
    try {
        code = it->second(ctx, rest);
    } catch (const flag_error& e) {
        ctx.err += std::string("error: ") + e.what() + "\n" + ctx.hint();
        code = 1;
    } catch (const exit_error& e) {
        ctx.err += e.what();
        code = e.exit_code;
    } catch (const status_error& e) {
        ctx.err += e.kubectl_message() + "\n";
        code = 1;
    } catch (const api_error& e) {
        ctx.err += std::string("error: ") + e.what() + "\n";
        code = 1;
    }
    impl_->http.warning_sink = nullptr;
    r.exit_code = code;
    r.out = std::move(ctx.out);
    r.err = std::move(ctx.err);
    return r;
}

}  // namespace kubesim::kubectl
