// Runs web/tests/binding.script against web_cluster natively and prints the
// transcript; web/tests/binding.js runs the same script through the
// WebAssembly module under node. Both must print web/tests/binding.expected.
#include "../web_cluster.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <string>

#ifndef KUBESIM_WEB_TESTS_DIR
#error "KUBESIM_WEB_TESTS_DIR names the folder of binding.script"
#endif

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void print_result(const kubesim::web::command_result& r) {
    std::cout << r.out << r.err << "exit " << r.exit_code << "\n";
}

std::string fixed6(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.6f", v);
    return buf;
}

}  // namespace

int main() {
    const std::string dir = KUBESIM_WEB_TESTS_DIR;
    std::istringstream script(read_file(dir + "/binding.script"));
    std::unique_ptr<kubesim::web::web_cluster> c;
    std::string line;
    while (std::getline(script, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::cout << "> " << line << "\n";
        std::istringstream words(line);
        std::string cmd;
        words >> cmd;
        std::string rest = line.size() > cmd.size() ? line.substr(cmd.size() + 1) : std::string();
        if (cmd == "boot") {
            kubesim::web::boot_options o;
            double seed = 0;
            words >> o.nodes >> seed >> o.hop_latency_ms;
            o.seed = static_cast<std::uint64_t>(seed);
            c = std::make_unique<kubesim::web::web_cluster>(o);
        } else if (cmd == "now") {
            std::cout << fixed6(c->now()) << "\n";
        } else if (cmd == "kubectl") {
            print_result(c->kubectl(rest));
        } else if (cmd == "apply") {
            print_result(c->apply(read_file(dir + "/" + rest)));
        } else if (cmd == "advance") {
            double ms = 0, speed = 0;
            words >> ms >> speed;
            std::cout << fixed6(c->advance(ms, speed)) << "\n";
        } else if (cmd == "step") {
            int n = 0;
            words >> n;
            for (int i = 0; i < n; ++i) std::cout << c->step();
        } else if (cmd == "frame") {
            std::cout << c->frame() << "\n";
        } else if (cmd == "pause") {
            c->pause();
        } else if (cmd == "resume") {
            c->resume();
        } else if (cmd == "reset") {
            c->reset();
        } else {
            std::cerr << "unknown command: " << line << "\n";
            return 2;
        }
    }
}
