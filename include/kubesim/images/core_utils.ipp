// Definitions of images/core_utils.hpp.
#pragma once

#include <kubesim/images/core_utils.hpp>

#include <algorithm>
#include <cstdint>
#include <utility>

#include <kubesim/images/image.hpp>
#include <kubesim/kubelet/shell.hpp>
#include <kubesim/sim/awaitables.hpp>

namespace kubesim::images {

namespace core {

std::string_view command_name(std::string_view argv0) {
    const auto slash = argv0.rfind('/');
    return slash == std::string_view::npos ? argv0 : argv0.substr(slash + 1);
}

bool is_base_dir(std::string_view normalized) {
    for (std::string_view d : {"/bin", "/dev", "/etc", "/home", "/lib", "/lib64", "/proc", "/root", "/sys", "/tmp",
                               "/usr", "/usr/bin", "/usr/sbin", "/var", "/var/www"})
        if (normalized == d) return true;
    return false;
}

bool dir_exists(const container_files& fs, std::string_view path) {
    return fs.is_dir(path) || is_base_dir(container_files::normalize(path));
}
bool path_exists(const container_files& fs, std::string_view path) {
    return fs.exists(path) || dir_exists(fs, path);
}
std::string parent_of(std::string_view path) {
    const std::string p = container_files::normalize(path);
    const auto slash = p.rfind('/');
    return slash == 0 ? std::string("/") : p.substr(0, slash);
}

std::vector<std::string> list_dir(const container_files& fs, std::string_view dir) {
    std::vector<std::string> names = fs.list(dir);
    const std::string d = container_files::normalize(dir);
    const std::string prefix = d == "/" ? std::string("/") : d + "/";
    for (std::string_view b : {"/bin", "/dev", "/etc", "/home", "/lib", "/lib64", "/proc", "/root", "/sys", "/tmp",
                               "/usr", "/usr/bin", "/usr/sbin", "/var", "/var/www"}) {
        if (b.size() <= prefix.size() || b.compare(0, prefix.size(), prefix) != 0) continue;
        std::string_view rest = b.substr(prefix.size());
        if (rest.find('/') != std::string_view::npos) continue;
        bool have = false;
        for (const auto& n : names) have = have || n == rest;
        if (!have) names.emplace_back(rest);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::size_t take_flags(const args& a, std::string_view known, std::string& flags) {
    std::size_t i = 1;
    for (; i < a.size(); ++i) {
        if (a[i] == "--") return i + 1;
        if (a[i].size() < 2 || a[i][0] != '-') break;
        bool all_known = true;
        for (std::size_t k = 1; k < a[i].size(); ++k) all_known = all_known && known.find(a[i][k]) != std::string_view::npos;
        if (!all_known) break;
        flags += a[i].substr(1);
    }
    return i;
}

int cat(const process_context& ctx, const args& a) {
    int status = 0;
    if (a.size() == 1) ctx.write_stdout(ctx.read_stdin());  // no operands: standard input
    for (std::size_t i = 1; i < a.size(); ++i) {
        if (a[i] == "-") {
            ctx.write_stdout(ctx.read_stdin());
        } else if (auto text = ctx.files().read(a[i])) {
            ctx.write_stdout(*text);
        } else if (dir_exists(ctx.files(), a[i])) {
            ctx.write_stderr("cat: read error: Is a directory\n");
            status = 1;
        } else {
            ctx.write_stderr("cat: can't open '" + a[i] + "': No such file or directory\n");
            status = 1;
        }
    }
    return status;
}

int echo(const process_context& ctx, const args& a) {
    bool newline = true, escapes = false;
    std::size_t i = 1;
    for (; i < a.size(); ++i) {
        const std::string& o = a[i];
        if (o.size() < 2 || o[0] != '-' || o.find_first_not_of("neE", 1) != std::string::npos) break;
        for (std::size_t k = 1; k < o.size(); ++k) {
            if (o[k] == 'n') newline = false;
            else escapes = o[k] == 'e';
        }
    }
    std::string out;
    for (std::size_t k = i; k < a.size(); ++k) {
        if (k > i) out += ' ';
        if (!escapes) {
            out += a[k];
            continue;
        }
        const std::string& s = a[k];
        for (std::size_t j = 0; j < s.size(); ++j) {
            if (s[j] != '\\' || j + 1 == s.size()) {
                out += s[j];
                continue;
            }
            switch (s[++j]) {
                case 'n': out += '\n'; break;
                case 't': out += '\t'; break;
                case 'r': out += '\r'; break;
                case '\\': out += '\\'; break;
                case 'c': ctx.write_stdout(out); return 0;  // \c: no further output
                default: out += '\\'; out += s[j]; break;
            }
        }
    }
    if (newline) out += '\n';
    ctx.write_stdout(out);
    return 0;
}

int env(const process_context& ctx) {
    std::string out;
    for (const auto& [k, v] : ctx.environment()) out += k + "=" + v + "\n";
    ctx.write_stdout(out);
    return 0;
}

int printenv(const process_context& ctx, const args& a) {
    if (a.size() == 1) return env(ctx);
    int status = 0;
    for (std::size_t i = 1; i < a.size(); ++i) {
        if (auto v = ctx.env(a[i])) ctx.write_stdout(*v + "\n");
        else status = 1;
    }
    return status;
}

void remove_tree(container_files& fs, const std::string& path) {
    if (fs.is_dir(path))
        for (const auto& name : fs.list(path)) remove_tree(fs, (path == "/" ? "" : path) + "/" + name);
    fs.remove(path);
}

int rm(const process_context& ctx, const args& a) {
    std::string flags;
    const std::size_t first = take_flags(a, "frRi", flags);
    const bool force = flags.find('f') != std::string::npos;
    const bool recursive = flags.find_first_of("rR") != std::string::npos;
    auto& fs = ctx.files();
    int status = 0;
    for (std::size_t i = first; i < a.size(); ++i) {
        const std::string p = container_files::normalize(a[i]);
        if (fs.is_file(p)) {
            fs.remove(p);
        } else if (dir_exists(fs, p)) {
            if (!recursive) {
                ctx.write_stderr("rm: '" + a[i] + "' is a directory\n");
                status = 1;
            } else {
                remove_tree(fs, p);
            }
        } else if (!force) {
            ctx.write_stderr("rm: can't remove '" + a[i] + "': No such file or directory\n");
            status = 1;
        }
    }
    return status;
}

int touch(const process_context& ctx, const args& a) {
    std::string flags;
    const std::size_t first = take_flags(a, "c", flags);
    auto& fs = ctx.files();
    int status = 0;
    for (std::size_t i = first; i < a.size(); ++i) {
        if (path_exists(fs, a[i]) || flags.find('c') != std::string::npos) continue;
        if (!dir_exists(fs, parent_of(a[i]))) {
            ctx.write_stderr("touch: " + a[i] + ": No such file or directory\n");
            status = 1;
            continue;
        }
        fs.write(a[i], "");
    }
    return status;
}

int mkdir(const process_context& ctx, const args& a) {
    std::string flags;
    const std::size_t first = take_flags(a, "p", flags);
    const bool parents = !flags.empty();
    auto& fs = ctx.files();
    int status = 0;
    for (std::size_t i = first; i < a.size(); ++i) {
        const bool exists = path_exists(fs, a[i]);
        if (exists && (parents && dir_exists(fs, a[i]))) continue;
        if (exists || (!parents && !dir_exists(fs, parent_of(a[i])))) {
            ctx.write_stderr("mkdir: can't create directory '" + a[i] + "': " +
                             (exists ? "File exists" : "No such file or directory") + "\n");
            status = 1;
            continue;
        }
        fs.mkdir(a[i]);
    }
    return status;
}

int ls(const process_context& ctx, const args& a) {
    std::string flags;
    const std::size_t first = take_flags(a, "1aAlF", flags);
    std::vector<std::string> operands(a.begin() + static_cast<std::ptrdiff_t>(first), a.end());
    if (operands.empty()) operands.emplace_back("/");
    const auto& fs = ctx.files();
    std::string out;
    int status = 0;
    std::vector<std::string> dirs;
    for (const auto& p : operands) {
        if (fs.is_file(p)) out += p + "\n";
        else if (dir_exists(fs, p)) dirs.push_back(p);
        else {
            ctx.write_stderr("ls: " + p + ": No such file or directory\n");
            status = 1;
        }
    }
    const bool headers = operands.size() > 1;
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        if (headers) out += (out.empty() ? "" : "\n") + dirs[i] + ":\n";
        for (const auto& n : list_dir(fs, dirs[i])) out += n + "\n";
    }
    ctx.write_stdout(out);
    return status;
}

// ---- test / [ ------------------------------------------------------------------

struct test_eval {
    const process_context& ctx;
    std::string_view name;  // "test" or "["
    bool failed{false};

    int error(const std::string& msg) {
        if (!failed) ctx.write_stderr(std::string(name) + ": " + msg + "\n");
        failed = true;
        return 2;
    }
    std::optional<std::int64_t> number(const std::string& s) {
        std::size_t i = s.size() > 1 && (s[0] == '-' || s[0] == '+') ? 1 : 0;
        if (i == s.size()) return std::nullopt;
        std::int64_t v = 0;
        for (std::size_t k = i; k < s.size(); ++k) {
            if (s[k] < '0' || s[k] > '9' || v > 100000000000000000) return std::nullopt;
            v = v * 10 + (s[k] - '0');
        }
        return s[0] == '-' ? -v : v;
    }
    // 0 true, 1 false, 2 error.
    int eval(const args& a, std::size_t b, std::size_t e) {
        const std::size_t n = e - b;
        if (n == 0) return 1;
        if (n == 1) return a[b].empty() ? 1 : 0;
        if (a[b] == "!" && n != 3) return negate(eval(a, b + 1, e));
        if (n > 3) {
            for (std::string_view op : {"-o", "-a"})
                for (std::size_t k = e - 2; k > b; --k)
                    if (a[k] == op) {
                        const int l = eval(a, b, k);
                        if (l == 2) return 2;
                        if (op == "-o" && l == 0) return 0;
                        if (op == "-a" && l != 0) return 1;
                        return eval(a, k + 1, e);
                    }
            if (a[b] == "(" && a[e - 1] == ")") return eval(a, b + 1, e - 1);
            return error("syntax error");
        }
        if (n == 2) return unary(a[b], a[b + 1]);
        // n == 3
        if (a[b] == "(" && a[b + 2] == ")") return a[b + 1].empty() ? 1 : 0;
        const std::string& op = a[b + 1];
        const std::string& l = a[b];
        const std::string& r = a[b + 2];
        if (op == "=" || op == "==") return l == r ? 0 : 1;
        if (op == "!=") return l != r ? 0 : 1;
        if (op == "-eq" || op == "-ne" || op == "-lt" || op == "-le" || op == "-gt" || op == "-ge") {
            const auto x = number(l), y = number(r);
            if (!x) return error("invalid number '" + l + "'");
            if (!y) return error("invalid number '" + r + "'");
            bool t = false;
            if (op == "-eq") t = *x == *y;
            else if (op == "-ne") t = *x != *y;
            else if (op == "-lt") t = *x < *y;
            else if (op == "-le") t = *x <= *y;
            else if (op == "-gt") t = *x > *y;
            else t = *x >= *y;
            return t ? 0 : 1;
        }
        if (a[b] == "!") return negate(unary(a[b + 1], a[b + 2]));
        return error(op + ": unknown operand");
    }
    static int negate(int r) { return r == 2 ? 2 : 1 - r; }
    int unary(const std::string& op, const std::string& v) {
        const auto& fs = ctx.files();
        if (op == "-z") return v.empty() ? 0 : 1;
        if (op == "-n") return v.empty() ? 1 : 0;
        if (op == "-f") return fs.is_file(v) ? 0 : 1;
        if (op == "-d") return dir_exists(fs, v) ? 0 : 1;
        if (op == "-e" || op == "-r" || op == "-w" || op == "-x") return path_exists(fs, v) ? 0 : 1;
        if (op == "-s") {
            auto text = fs.read(v);
            return (text && !text->empty()) || dir_exists(fs, v) ? 0 : 1;
        }
        return error(op + ": unknown operand");
    }
};

int test(const process_context& ctx, const args& a) {
    const std::string_view name = command_name(a[0]);
    std::size_t end = a.size();
    if (name == "[") {
        if (a.size() < 2 || a.back() != "]") {
            ctx.write_stderr("[: missing ]\n");
            return 2;
        }
        --end;
    }
    test_eval t{ctx, name};
    return t.eval(a, 1, end);
}

// ---- sleep ---------------------------------------------------------------------

std::optional<sim::duration> parse_sleep(std::string_view s, bool& forever) {
    forever = s == "inf" || s == "infinity";
    if (forever) return sim::duration{};
    std::int64_t whole = 0, frac = 0, scale = 1000000;
    std::size_t i = 0;
    bool digits = false;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true) {
        if (whole > 1000000000) return std::nullopt;
        whole = whole * 10 + (s[i] - '0');
    }
    if (i < s.size() && s[i] == '.') {
        for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, digits = true)
            if (scale > 1) {
                scale /= 10;
                frac += (s[i] - '0') * scale;
            }
    }
    if (!digits) return std::nullopt;
    std::int64_t unit = 1;
    if (i < s.size()) {
        switch (s[i]) {
            case 's': unit = 1; break;
            case 'm': unit = 60; break;
            case 'h': unit = 3600; break;
            case 'd': unit = 86400; break;
            default: return std::nullopt;
        }
        if (++i != s.size()) return std::nullopt;
    }
    return sim::duration((whole * 1000000 + frac) * unit);
}

sim::task<int> sleep(process_context ctx, args a) {
    if (a.size() < 2) {
        ctx.write_stderr("Usage: sleep [N]...\n");
        co_return 1;
    }
    sim::duration total{};
    bool forever = false;
    for (std::size_t i = 1; i < a.size(); ++i) {
        bool inf = false;
        auto d = parse_sleep(a[i], inf);
        if (!d) {
            ctx.write_stderr("sleep: invalid number '" + a[i] + "'\n");
            co_return 1;
        }
        forever = forever || inf;
        total += *d;
    }
    if (forever) {
        sim::event never(ctx.engine());
        co_await never;
    }
    co_await ctx.sleep(total);
    co_return 0;
}

sim::task<int> pause(process_context ctx) {
    (void)co_await ctx.wait_until_killed();
    co_return 0;
}

// ---- sh ------------------------------------------------------------------------

std::optional<int> exit_status(std::string_view s) {
    if (s.empty() || s.size() > 9) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v % 256;
}

sim::task<int> run_script(process_context ctx, std::vector<kubelet::pipeline_step> steps, bool errexit, bool xtrace) {
    int status = 0;
    for (std::size_t i = 0; i < steps.size(); ++i) {
        if (!kubelet::should_run(steps[i].op, status)) continue;
        const args& argv = steps[i].cmd.argv;
        if (xtrace) {
            std::string line = "+";
            for (const auto& w : argv) line += " " + w;
            ctx.write_stderr(line + "\n");
        }
        const std::string_view cmd = argv[0];
        if (cmd == "exit") {
            if (argv.size() < 2) co_return status;
            if (auto code = exit_status(argv[1])) co_return *code;
            ctx.write_stderr("sh: exit: Illegal number: " + argv[1] + "\n");
            co_return 2;
        }
        if (cmd == "exec") {
            if (argv.size() < 2) co_return 0;
            args rest(argv.begin() + 1, argv.end());
            co_return co_await ctx.run(std::move(rest));
        }
        if (cmd == "set") {
            for (std::size_t k = 1; k < argv.size(); ++k) {
                const bool on = argv[k][0] == '-';
                if (argv[k].find('e') != std::string::npos) errexit = on;
                if (argv[k].find('x') != std::string::npos) xtrace = on;
            }
            status = 0;
        } else if (cmd == ":") {
            status = 0;
        } else {
            status = co_await ctx.run(argv);
        }
        const bool ends_list = i + 1 == steps.size() || steps[i + 1].op == ";";
        if (errexit && status != 0 && ends_list) co_return status;
    }
    co_return status;
}

sim::task<int> shell(process_context ctx, args a) {
    bool errexit = false, xtrace = false, command = false;
    std::size_t i = 1;
    for (; i < a.size() && a[i].size() > 1 && (a[i][0] == '-' || a[i][0] == '+'); ++i) {
        for (std::size_t k = 1; k < a[i].size(); ++k) {
            const char o = a[i][k];
            if (o == 'c') command = true;
            else if (o == 'e') errexit = a[i][0] == '-';
            else if (o == 'x') xtrace = a[i][0] == '-';
        }
    }
    std::string script;
    if (command) {
        if (i >= a.size()) {
            ctx.write_stderr("sh: -c requires an argument\n");
            co_return 2;
        }
        script = a[i];
    } else if (i < a.size()) {
        auto text = ctx.files().read(a[i]);
        if (!text) {
            ctx.write_stderr("sh: can't open '" + a[i] + "': No such file or directory\n");
            co_return 2;
        }
        script = std::move(*text);
    } else {
        co_return 0;
    }
    std::string error;
    auto steps = kubelet::parse_shell(script, error, [ctx](std::string_view name) { return ctx.env(name); });
    if (!steps) {
        ctx.write_stderr("sh: " + error + "\n");
        co_return 2;
    }
    co_return co_await run_script(ctx, std::move(*steps), errexit, xtrace);
}

}  // namespace core

sim::task<int> core_utilities(process_context ctx, std::vector<std::string> argv) {
    if (argv.empty()) co_return 0;
    const std::string name(core::command_name(argv[0]));
    if (name == "busybox" && argv.size() > 1) {
        core::args rest(argv.begin() + 1, argv.end());
        co_return co_await ctx.run(std::move(rest));
    }
    if (name == "true" || name == ":") co_return 0;
    if (name == "false") co_return 1;
    if (name == "cat") co_return core::cat(ctx, argv);
    if (name == "echo") co_return core::echo(ctx, argv);
    if (name == "env") co_return core::env(ctx);
    if (name == "printenv") co_return core::printenv(ctx, argv);
    if (name == "hostname") {
        ctx.write_stdout(std::string(ctx.pod_name()) + "\n");
        co_return 0;
    }
    if (name == "ls") co_return core::ls(ctx, argv);
    if (name == "mkdir") co_return core::mkdir(ctx, argv);
    if (name == "rm") co_return core::rm(ctx, argv);
    if (name == "touch") co_return core::touch(ctx, argv);
    if (name == "test" || name == "[") co_return core::test(ctx, argv);
    if (name == "sleep") co_return co_await core::sleep(ctx, std::move(argv));
    if (name == "pause") co_return co_await core::pause(ctx);
    if (name == "sh" || name == "ash") co_return co_await core::shell(ctx, std::move(argv));
    ctx.write_stderr(argv[0] + ": not found\n");
    co_return 127;
}

}  // namespace kubesim::images
