// kubectl-oracle: every command line of the scenarios (oracle_*.cpp) runs
// twice: through the machine's real kubectl against api_server serving one
// cluster (speed 0), and through cluster.kubectl on a twin cluster built the
// same way (same seed, same steps). Exit code, stdout and stderr must be
// identical, byte for byte. Commands that change state change both clusters,
// so later commands compare the results too.
//
//   kubectl_oracle                 every scenario
//   kubectl_oracle -v              also print what each command printed
//   kubectl_oracle --scenario NAME only the scenarios whose name contains NAME
//   kubectl_oracle --keep          keep the working directories
//
// Exit status: 0 all identical (known differences aside), 1 a difference, 77
// no kubectl 1.33 on the machine (/usr/lib/google-cloud-sdk/bin/kubectl.1.33,
// $KUBECTL_REAL_DIR/kubectl.1.33, or a kubectl 1.33 on PATH).
#include "harness.hpp"
#include "oracle.hpp"

namespace oracle {

namespace {
kubesim::sim::time_point boot_time{};
}

void run_to(kubesim::cluster& c, duration d) {
    const auto target = boot_time + d;
    if (c.now() < target) c.run_for(target - c.now());
}

void core_setup(kubesim::cluster& c) {
    c.apply(core_manifests);
    run_to(c, core_setup_end);
}

}  // namespace oracle

namespace {

struct result {
    std::string scenario, cmd;
    bool same{false};
    std::string known;
};

bool verbose = false;

std::string block(const std::string& s) {
    if (s.empty()) return "    (empty)\n";
    std::string out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out += "    |" + line + "\n";
    if (s.back() != '\n') out += "    (no newline at end)\n";
    return out;
}

// The first line where a and b differ, for the report.
std::string first_difference(const std::string& a, const std::string& b) {
    std::istringstream ia(a), ib(b);
    std::string la, lb;
    for (int n = 1;; ++n) {
        const bool ga = static_cast<bool>(std::getline(ia, la)), gb = static_cast<bool>(std::getline(ib, lb));
        if (!ga && !gb) return "    (they differ only in the final newline)\n";
        if (!ga || !gb || la != lb)
            return "    line " + std::to_string(n) + ":\n      kubectl: " + (ga ? "|" + la : "(none)") +
                   "\n      kubesim: " + (gb ? "|" + lb : "(none)") + "\n";
    }
}

// The cluster.kubectl twin: its own cluster, driven from the test thread.
struct twin {
    kubesim::cluster c;
    explicit twin(kubesim::cluster_options o) : c(std::move(o)) {}
};

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string only;
    bool keep = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "-v") verbose = true;
        else if (args[i] == "--keep") keep = true;
        else if (args[i] == "--scenario" && i + 1 < args.size()) only = args[++i];
        else {
            std::fprintf(stderr, "usage: kubectl_oracle [-v] [--keep] [--scenario NAME]\n");
            return 2;
        }
    }

    // kubectl 1.33: the version the clusters report.
    std::string kubectl;
    const char* dir_env = std::getenv("KUBECTL_REAL_DIR");
    for (const fs::path& dir : {fs::path(dir_env && *dir_env ? dir_env : "/nonexistent"),
                               fs::path("/usr/lib/google-cloud-sdk/bin")}) {
        const auto p = dir / "kubectl.1.33";
        if (access(p.c_str(), X_OK) == 0) {
            kubectl = p.string();
            break;
        }
    }
    if (kubectl.empty()) {
        const char* path_env = std::getenv("PATH");
        std::istringstream dirs(path_env ? path_env : "");
        for (std::string d; std::getline(dirs, d, ':');) {
            const auto p = fs::path(d.empty() ? "." : d) / "kubectl";
            if (access(p.c_str(), X_OK) != 0) continue;
            const auto r = spawn(p.string(), {"kubectl", "version", "--client", "-o", "json"},
                                 {"PATH=/usr/bin:/bin", "HOME=/nonexistent"}, "", 30s, "");
            const auto j = json::parse(r.out, nullptr, false);
            if (!j.is_discarded() && j.contains("clientVersion") && j["clientVersion"].value("minor", "") == "33") {
                kubectl = p.string();
                break;
            }
        }
    }
    if (kubectl.empty()) {
        std::printf("kubectl-oracle: skipped: no kubectl 1.33 (looked for /usr/lib/google-cloud-sdk/bin/kubectl.1.33, "
                    "$KUBECTL_REAL_DIR/kubectl.1.33 and a kubectl 1.33 on PATH)\n");
        return 77;
    }

    std::vector<oracle::scenario> scenarios;
    oracle::add_get_scenarios(scenarios);
    oracle::add_describe_scenarios(scenarios);
    oracle::add_write_scenarios(scenarios);
    oracle::add_ops_scenarios(scenarios);
    oracle::add_nodes_scenarios(scenarios);

    char tmpl[] = "/tmp/kubectl-oracle-XXXXXX";
    const fs::path root = mkdtemp(tmpl);
    const auto start_cwd = fs::current_path();
    std::vector<result> results;
    for (const auto& sc : scenarios) {
        if (!only.empty() && sc.name.find(only) == std::string::npos) continue;
        const fs::path dir = root / sc.name;
        fs::create_directories(dir / "home");
        fs::create_directories(dir / "cache");
        for (const auto& [name, text] : sc.files) std::ofstream(dir / name) << text;
        // Boot setup_end before now (whole seconds), so that after the setup the
        // simulated clock reads the wall clock's time.
        const auto unix_now = std::chrono::duration_cast<std::chrono::seconds>(
                                  std::chrono::system_clock::now().time_since_epoch())
                                  .count();
        const auto boot = std::chrono::seconds(unix_now - kubesim::sim::epoch_unix_seconds) -
                          std::chrono::duration_cast<std::chrono::seconds>(sc.setup_end);
        oracle::boot_time = kubesim::sim::time_point{} + boot;
        served_cluster a(sc.options, sc.setup, dir, 0, boot);
        twin b(sc.options);
        b.c.run_for(boot);
        b.c.init();
        sc.setup(b.c);
        const std::vector<std::string> global{"--kubeconfig", a.kubeconfig(), "--cache-dir", (dir / "cache").string()};
        for (const auto& st : sc.steps) {
            if (!st.cmd.empty()) {
                std::vector<std::string> words{"kubectl"};
                bool placed = false;
                for (auto& w : split_words(st.cmd)) {
                    if (w == "--" && !placed) {
                        words.insert(words.end(), global.begin(), global.end());
                        placed = true;
                    }
                    words.push_back(std::move(w));
                }
                if (!placed) words.insert(words.end(), global.begin(), global.end());
                const std::vector<std::string> env{"PATH=/usr/bin:/bin", "HOME=" + (dir / "home").string(),
                                                   "LANG=C.UTF-8"};
                run_result real;
                if (st.until > kubesim::sim::duration{}) {
                    std::atomic<bool> done{false};
                    std::thread t([&] {
                        real = spawn(kubectl, words, env, st.input, 120s, dir.string());
                        done = true;
                    });
                    // The clock moves once kubectl's watch is open, never past `until`.
                    while (!done) {
                        a.on_server([&](kubesim::cluster& c) {
                            if (a.open_streams() == 0) return;
                            const auto target = oracle::boot_time + st.until;
                            if (c.now() < target) c.run_for(std::min(st.tick, target - c.now()));
                        });
                        std::this_thread::sleep_for(20ms);
                    }
                    t.join();
                } else {
                    real = spawn(kubectl, words, env, st.input, 120s, dir.string());
                }
                fs::current_path(dir);
                const auto mine = b.c.kubectl(st.cmd, st.input);
                fs::current_path(start_cwd);
                if (st.until > kubesim::sim::duration{}) {
                    a.on_server([&](kubesim::cluster& c) { oracle::run_to(c, st.until); });
                    oracle::run_to(b.c, st.until);
                }
                // The served URL reads as the in-process kubectl's.
                const auto norm = [&](std::string s) { return replace_all(std::move(s), a.url(), "{{url}}"); };
                const std::string rout = norm(real.out), rerr = norm(real.err);
                const std::string mout = mine.out, merr = mine.err;
                std::string why;
                if (real.rc != mine.exit_code)
                    why += "  exit code: kubectl " + std::to_string(real.rc) + ", kubesim " +
                           std::to_string(mine.exit_code) + "\n";
                if (rout != mout) why += "  stdout differs:\n" + first_difference(rout, mout);
                if (rerr != merr) why += "  stderr differs:\n" + first_difference(rerr, merr);
                const bool same = why.empty();
                const char* tag = st.known.empty() ? (same ? "ok     " : "FAIL   ") : (same ? "XPASS  " : "known  ");
                std::printf("%s %-12s kubectl %s\n", tag, sc.name.c_str(), st.cmd.c_str());
                if ((!same && st.known.empty()) || verbose) {
                    std::printf("%s  kubectl (rc %d) stdout:\n%s  stderr:\n%s  kubesim (rc %d) stdout:\n%s  stderr:\n%s",
                                why.c_str(), real.rc, block(rout).c_str(), block(rerr).c_str(), mine.exit_code,
                                block(mout).c_str(), block(merr).c_str());
                }
                std::fflush(stdout);
                results.push_back({sc.name, st.cmd, same, st.known});
            }
            if (st.action) {
                a.on_server([&](kubesim::cluster& c) { st.action(c); });
                st.action(b.c);
            }
        }
    }
    if (!keep) fs::remove_all(root);
    else std::printf("kubectl-oracle: kept %s\n", root.c_str());

    int same = 0, differ = 0, known_count = 0;
    for (const auto& r : results) {
        if (r.same) ++same;
        else if (!r.known.empty()) ++known_count;
        else ++differ;
    }
    if (known_count) {
        std::printf("\nKnown differences:\n");
        for (const auto& r : results)
            if (!r.same && !r.known.empty())
                std::printf("  %s: kubectl %s  (%s)\n", r.scenario.c_str(), r.cmd.c_str(), r.known.c_str());
    }
    std::printf("\nkubectl-oracle: %d command lines identical, %d different, %d known differences\n", same, differ,
                known_count);
    return differ ? 1 : 0;
}
