// cluster.kubectl: the first line of the input is the command line (as typed
// after `kubectl`), the rest is its standard input (`-f -`). The cluster is a
// small initialised one running a Deployment, a Service, a ConfigMap and a
// Secret, shared by many inputs (what one input writes, the next ones see) and
// rebuilt every few hundred inputs or once commands have moved its clock far.
// Every command line gives kubectl's output or kubectl's error; a stray
// exception (printed as an InternalError) or a crash is a finding.
//
// Kept cheap and local: inputs that would read the machine's files (-f with a
// path, --from-file, -k, --kubeconfig, ...) or follow the cluster for hours
// (--watch, logs -f) are skipped.
#include <kubesim/cluster.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <kubesim/api/utf8.hpp>
#include <kubesim/kubectl/kubectl.hpp>

#include "common.hpp"

namespace {

std::unique_ptr<kubesim::cluster> cluster_;
kubesim::sim::time_point built_at_{};
int uses_ = 0;

kubesim::cluster& shared_cluster() {
    using namespace std::chrono_literals;
    if (!cluster_ || ++uses_ > 300 || cluster_->now() - built_at_ > std::chrono::hours(2)) {
        cluster_.reset();
        kubesim::cluster_options o;
        o.nodes = 2;
        cluster_ = std::make_unique<kubesim::cluster>(o);
        auto& c = *cluster_;
        c.init();
        c.apply(std::string_view(R"([
          {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
           "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                    "template": {"metadata": {"labels": {"app": "web"}},
                                 "spec": {"containers": [{"name": "web", "image": "hashicorp/http-echo:1.0",
                                   "args": ["-text=hi"], "ports": [{"containerPort": 5678}]}]}}}},
          {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
           "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 5678}]}},
          {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "box", "namespace": "kube-public"},
           "spec": {"containers": [{"name": "box", "image": "busybox:1.36", "command": ["sh", "-c", "echo hi; sleep 3600"]}]}},
          {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "cm"}, "data": {"a": "1"}},
          {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "s"}, "stringData": {"p": "q"}}])"));
        c.run_for(30s);
        built_at_ = c.now();
        uses_ = 0;
    }
    return *cluster_;
}

bool contains(std::string_view s, std::string_view what) { return s.find(what) != std::string_view::npos; }

// Whether the command stays inside the simulated cluster and its near future.
bool cheap_and_local(const std::vector<std::string>& words) {
    for (std::size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        for (std::string_view banned : {"file", "kustomize", "kubeconfig", "output-directory", "cache-dir", "watch",
                                        "follow", "template="})
            if (contains(w, banned)) return false;
        if (w.size() > 1 && w[0] == '-' && w[1] != '-') {
            const std::string_view letters = std::string_view(w).substr(1, w.find('=') == std::string::npos
                                                                                 ? std::string::npos
                                                                                 : w.find('=') - 1);
            if (contains(letters, "k") || contains(letters, "w")) return false;
            if (contains(letters, "f")) {
                // Only "-f -" and "-f=-" (standard input).
                const bool stdin_flag = (w == "-f" && i + 1 < words.size() && words[i + 1] == "-") || w == "-f=-";
                if (!stdin_flag) return false;
            }
        }
        if (w == "logs" || w == "attach" || w == "port-forward" || w == "proxy") {
            for (const auto& x : words)
                if (x.size() > 1 && x[0] == '-' && x[1] != '-' && contains(x, "f")) return false;
        }
    }
    return true;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    (void)shared_cluster();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto input = fuzz::text(data, size);
    const auto nl = input.find('\n');
    const std::string_view line = input.substr(0, nl);
    const std::string_view stdin_text = nl == std::string_view::npos ? std::string_view() : input.substr(nl + 1);
    std::vector<std::string> words;
    try {
        words = kubesim::kubectl::split_command_line(line);
    } catch (const kubesim::usage_error&) {
        // An unbalanced quote: kubectl's error, nothing runs.
    } catch (const std::exception& e) {
        fuzz::finding("split_command_line", e.what());
    }
    if (!cheap_and_local(words)) return 0;
    auto& c = shared_cluster();
    kubesim::kubectl_result r;
    fuzz::guarded([&] { r = c.kubectl(line, stdin_text); });
    fuzz::check(!contains(r.err, "(InternalError)") || !contains(r.err, "Internal error occurred"),
                "kubectl printed an internal error", r.err);
    fuzz::check(r.exit_code >= 0 && r.exit_code < 256, "an exit code out of range", std::to_string(r.exit_code));
    (void)kubesim::api::utf8::valid(r.out);
    return 0;
}
