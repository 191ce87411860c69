// Runs web/tests/binding.script against web_cluster natively and prints the
// transcript; web/tests/binding.js runs the same script through the
// WebAssembly module under node. Both must print web/tests/binding.expected.
#include "../web_cluster.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
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

std::string trim_newlines(std::string s) {
    while (!s.empty() && s.back() == '\n') s.pop_back();
    return s;
}

// `summary`: frame() in a few lines a reader can check (binding.js prints the
// same): the time, each pod and Service, the responses since the previous
// frame counted by kind, status (and URL without its query, for traffic; and
// the fetch() id a response carries), and the answers of fetch().
void print_summary(const std::string& frame_text) {
    const auto f = nlohmann::json::parse(frame_text);
    std::cout << "t " << fixed6(f["t"].get<double>()) << "\n";
    for (const auto& p : f["pods"]) {
        std::cout << "pod " << p["ns"].get<std::string>() << "/" << p["name"].get<std::string>() << " "
                  << p["status"].get<std::string>() << " " << (p["ready"].get<bool>() ? "ready" : "not-ready") << " "
                  << p["containers"].get<std::string>() << " restarts=" << p["restarts"].get<int>() << " "
                  << p["node"].get<std::string>() << " " << p["ip"].get<std::string>() << "\n";
    }
    for (const auto& s : f["services"]) {
        std::string ready;
        for (const auto& r : s["ready"]) ready += (ready.empty() ? "" : ",") + r.get<std::string>();
        std::cout << "service " << s["ns"].get<std::string>() << "/" << s["name"].get<std::string>() << " ready=["
                  << ready << "]\n";
    }
    std::map<std::string, int> responses;
    for (const auto& e : f["events"]) {
        if (e["type"] != "response") continue;
        std::string key = e["kind"].get<std::string>();
        if (key == "traffic") {
            const auto url = e["url"].get<std::string>();
            key += " " + url.substr(0, url.find('?'));
        }
        key += " " + std::to_string(e["status"].get<int>());
        if (e.contains("fetch")) key += " fetch=" + std::to_string(e["fetch"].get<int>());
        ++responses[key];
    }
    for (const auto& [key, n] : responses) std::cout << "responses " << key << " x" << n << "\n";
    if (f["dropped"].get<int>() != 0) std::cout << "dropped " << f["dropped"].get<int>() << "\n";
    for (const auto& r : f["fetches"]) {
        std::cout << "fetch " << r["id"].get<int>() << " " << r["method"].get<std::string>() << " "
                  << r["url"].get<std::string>() << " -> " << r["status"].get<int>() << " sent "
                  << fixed6(r["sent"].get<double>()) << " received " << fixed6(r["received"].get<double>()) << " "
                  << trim_newlines(r["error"].get<std::string>() + r["body"].get<std::string>()) << "\n";
    }
}

// `delta`: which sections frame_delta() carried, and how many events.
void print_delta(const std::string& frame_text) {
    const auto f = nlohmann::json::parse(frame_text);
    std::string sections;
    for (const char* name : {"nodes", "pods", "services"})
        if (f.contains(name)) sections += (sections.empty() ? "" : ",") + std::string(name);
    std::cout << "sections=[" << sections << "] events=" << f["events"].size() << "\n";
}

// `events N`: recent_events(N), one line each.
void print_events(const std::string& text) {
    for (const auto& e : nlohmann::json::parse(text)) {
        std::cout << (e["lastTimestamp"].is_null() ? std::string("-") : fixed6(e["lastTimestamp"].get<double>())) << " "
                  << e["type"].get<std::string>() << " " << e["reason"].get<std::string>() << " "
                  << e["kind"].get<std::string>() << "/" << e["object"].get<std::string>() << ": "
                  << e["message"].get<std::string>() << " (x" << e["count"].get<int>() << ")\n";
    }
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
        } else if (cmd == "delta") {
            print_delta(c->frame_delta());
        } else if (cmd == "summary") {
            print_summary(c->frame());
        } else if (cmd == "demo") {
            print_result(c->load_demo());
        } else if (cmd == "demo-manifest") {
            std::cout << "demo manifest " << (c->demo_manifest() == read_file(dir + "/" + rest) ? "equals " : "differs from ")
                      << rest << "\n";
        } else if (cmd == "fetch") {
            std::string method, url, body;
            words >> method >> url >> body;
            std::cout << "fetch " << c->fetch(method, url, body) << "\n";
        } else if (cmd == "control") {
            std::string ns, pod, action;
            words >> ns >> pod >> action;
            print_result(c->control(ns, pod, action));
        } else if (cmd == "events") {
            int n = 0;
            words >> n;
            print_events(c->recent_events(n));
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
