// kubectl-real: the machine's real kubectl against kubesim's API server.
//
// Each group builds a cluster state deterministically (fixed seed, simulated
// clock), serves it with api_server at speed 0 on a server thread that owns the
// cluster, and runs kubectl as a child process against it, checking the exit
// code and what kubectl prints: exactly where the state is deterministic,
// substrings otherwise. The expectations are what kubectl prints against a
// real kube-apiserver in that state; where kubesim is known to differ a case is
// marked as a known failure (a case may also be marked pending, waiting for
// work in progress): both are listed at the end, neither fails the run, and a
// marked case that passes is flagged so that its mark can be removed.
//
// Groups: read, write, rollout, delete (kubectl 1.33, each on a fresh cluster
// of the same state), dispatch (the gcloud `kubectl` dispatcher), and compat
// (kubectl 1.32, 1.31, 1.30 and 1.27 against clusters reporting that version).
// The binaries are /usr/lib/google-cloud-sdk/bin/kubectl.1.XX, or in
// $KUBECTL_REAL_DIR, or else the `kubectl` on PATH for the version it reports.
//
//   kubectl_real                 every group, every kubectl version found
//   kubectl_real --keep          keep the temporary directory (kubeconfigs, files, caches)
//   kubectl_real -v              also print what each command printed
//   kubectl_real --group NAME    only the groups whose name contains NAME
//   kubectl_real --version 1.33  only that kubectl version
//   kubectl_real --serve NAME    build group NAME's cluster (--version: as that version),
//                                serve it at speed 0, write ./kubectl-real.kubeconfig
//                                and wait (debugging)
//
// Exit status: 0 all passed (known failures aside), 1 a case failed, 77 no kubectl.
#include "harness.hpp"

namespace {

// Expected output written as a raw string that starts on its own line.
std::string text(const char* s) { return *s == '\n' ? s + 1 : s; }


// ---- cases and their outcomes --------------------------------------------------------

// Why a case may fail today. A known failure is a difference from Kubernetes
// that kubesim has not fixed; a pending one waits for work under way elsewhere.
// Neither fails the run; both are listed at the end, and one that passes is
// flagged so that its mark can be removed.

struct expect {
    int rc{0};
    std::optional<std::string> out{};       // stdout, exactly
    std::optional<std::string> out_prefix{};  // stdout begins with this (describe: what precedes wall-clock ages)
    std::vector<std::string> out_has{};     // substrings of stdout
    std::vector<std::string> out_words{};   // substrings of stdout with every run of blanks read as one space
    std::optional<std::string> err{""};     // stderr, exactly (default: nothing)
    std::vector<std::string> err_has{};     // substrings of stderr (then `err` is not checked)
    std::string known{};                    // non-empty: expected to fail today, and why
    std::string input{};                    // stdin
    std::chrono::milliseconds timeout{60s};
    // Called on the test thread every ~20 ms while kubectl runs (e.g. to advance the clock).
    std::function<void()> meanwhile{};
};

struct outcome {
    std::string version, group, cmd;
    bool passed{false};
    std::string known{};
    std::string detail{};
};

std::vector<outcome> outcomes;
bool verbose = false;

std::string quote_block(const std::string& s) {
    if (s.empty()) return "    (empty)\n";
    std::string out;
    std::istringstream in(s);
    for (std::string line; std::getline(in, line);) out += "    |" + line + "\n";
    if (s.back() != '\n') out += "    (no newline at end)\n";
    return out;
}

// Runs of spaces and tabs as one space (lines kept): tabwriter columns whose
// width depends on a wall-clock age, or on labels kubesim does not print.
std::string squeeze_blanks(const std::string& s) {
    std::string out;
    bool blank = false;
    for (char c : s) {
        if (c == ' ' || c == '\t') {
            blank = true;
            continue;
        }
        if (blank && !out.empty() && out.back() != '\n' && c != '\n') out += ' ';
        blank = false;
        out += c;
    }
    return out;
}

struct kubectl_binary {
    std::string version;  // "1.33"
    std::string path;
};

// One kubectl binary against one served cluster.
class session {
public:
    session(served_cluster& sc, kubectl_binary k, std::string group, fs::path dir)
        : sc_(&sc), k_(std::move(k)), group_(std::move(group)), dir_(std::move(dir)) {
        fs::create_directories(dir_ / "home");
        fs::create_directories(dir_ / "cache");
        vars["url"] = sc.url();
    }

    std::map<std::string, std::string> vars{};  // {{name}} in commands, files and expectations

    served_cluster& cluster() { return *sc_; }
    [[nodiscard]] const std::string& version() const { return k_.version; }

    // A file in kubectl's working directory.
    void file(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << subst(text); }

    [[nodiscard]] std::string subst(std::string s) const {
        for (const auto& [k, v] : vars) s = replace_all(std::move(s), "{{" + k + "}}", v);
        return s;
    }

    // kubectl <cmdline> --kubeconfig K --cache-dir C (the flags go before a `--`),
    // in the session's directory, with HOME there too and nothing else in the
    // environment but PATH and LANG.
    run_result kubectl(const std::string& cmdline, const std::string& input = {},
                       std::chrono::milliseconds timeout = 60s, const std::function<void()>& meanwhile = {}) {
        // argv[0] "kubectl", as users run it: kubectl names itself after it in
        // messages ("kubectl apply should only be used ...") and in its User-Agent.
        std::vector<std::string> argv{"kubectl"};
        const std::vector<std::string> global{"--kubeconfig", sc_->kubeconfig(), "--cache-dir",
                                              (dir_ / "cache").string()};
        bool placed = false;
        for (auto& w : split_words(subst(cmdline))) {
            if (w == "--" && !placed) {
                argv.insert(argv.end(), global.begin(), global.end());
                placed = true;
            }
            argv.push_back(std::move(w));
        }
        if (!placed) argv.insert(argv.end(), global.begin(), global.end());
        const std::vector<std::string> env{"PATH=/usr/bin:/bin", "HOME=" + (dir_ / "home").string(), "LANG=C.UTF-8"};
        const auto cwd = dir_.string();
        if (!meanwhile) return spawn(k_.path, argv, env, input, timeout, cwd);
        std::atomic<bool> done{false};
        run_result r;
        std::exception_ptr error;
        std::thread t([&] {
            try {
                r = spawn(k_.path, argv, env, input, timeout, cwd);
            } catch (...) {
                error = std::current_exception();
            }
            done = true;
        });
        std::exception_ptr meanwhile_error;
        while (!done) {
            if (!meanwhile_error) {
                try {
                    meanwhile();
                } catch (...) {
                    meanwhile_error = std::current_exception();
                }
            }
            std::this_thread::sleep_for(20ms);
        }
        t.join();
        if (error) std::rethrow_exception(error);
        if (meanwhile_error) std::rethrow_exception(meanwhile_error);
        return r;
    }

    // Runs `kubectl <cmdline>` and checks it against e.
    bool check(const std::string& cmdline, const expect& e) {
        const auto r = kubectl(cmdline, subst(e.input), e.timeout, e.meanwhile);
        std::string why;
        if (r.rc != e.rc)
            why += "  exit code " + (r.rc < 0 ? std::string("(killed after the timeout)") : std::to_string(r.rc)) +
                   ", expected " + std::to_string(e.rc) + "\n";
        if (e.out && r.out != subst(*e.out)) why += "  stdout differs; expected:\n" + quote_block(subst(*e.out));
        if (e.out_prefix && r.out.rfind(subst(*e.out_prefix), 0) != 0)
            why += "  stdout does not begin with:\n" + quote_block(subst(*e.out_prefix));
        for (const auto& s : e.out_has)
            if (r.out.find(subst(s)) == std::string::npos) why += "  stdout lacks:\n" + quote_block(subst(s));
        const std::string squeezed = squeeze_blanks(r.out);
        for (const auto& s : e.out_words)
            if (squeezed.find(squeeze_blanks(subst(s))) == std::string::npos)
                why += "  stdout lacks (blanks squeezed):\n" + quote_block(squeeze_blanks(subst(s)));
        if (e.err_has.empty() && e.err && r.err != subst(*e.err))
            why += "  stderr differs; expected:\n" + quote_block(subst(*e.err));
        for (const auto& s : e.err_has)
            if (r.err.find(subst(s)) == std::string::npos) why += "  stderr lacks:\n" + quote_block(subst(s));
        const bool passed = why.empty();
        outcome o{k_.version, group_, "kubectl " + subst(cmdline), passed, e.known, {}};
        if (!passed || verbose)
            o.detail = why + "  got exit code " + std::to_string(r.rc) + ", stdout:\n" + quote_block(r.out) +
                       "  stderr:\n" + quote_block(r.err);
        const bool pending = e.known.rfind("pending", 0) == 0;
        const char* tag = e.known.empty() ? (passed ? "ok     " : "FAIL   ")
                          : pending       ? (passed ? "pend-ok" : "pending")
                                          : (passed ? "XPASS  " : "xfail  ");
        std::printf("%s %-5s %-8s %s  (%.2fs)\n", tag, k_.version.c_str(), group_.c_str(), o.cmd.c_str(), r.seconds);
        if ((!passed && e.known.empty()) || verbose) std::printf("%s", o.detail.c_str());
        std::fflush(stdout);
        outcomes.push_back(std::move(o));
        return passed;
    }

private:
    served_cluster* sc_;
    kubectl_binary k_;
    std::string group_;
    fs::path dir_;
};

// ---- cluster states ------------------------------------------------------------------


void core_setup(kubesim::cluster& c) {
    c.apply(core_manifests);
    c.wait_for("deployment/web");
    c.wait_for("pod/talker");
    run_to(c, 2min);
}

// Manifests kubectl applies, creates and deletes.
const char* app_yaml = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  labels:
    app: api
spec:
  replicas: 1
  selector:
    matchLabels:
      app: api
  template:
    metadata:
      labels:
        app: api
    spec:
      containers:
      - name: api
        image: hashicorp/http-echo:1.0
        args: ["-text=api"]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: api-config
data:
  mode: fast
)";

std::string app_yaml_with(const std::string& text) { return replace_all(app_yaml, "-text=api", "-text=" + text); }

const char* extra_pod_yaml = R"(apiVersion: v1
kind: Pod
metadata:
  name: extra
  labels:
    app: extra
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
)";

// An unknown field: strict field validation (kubectl's default) refuses it.
const char* unknown_field_yaml = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: strict
bogus: 1
data:
  a: b
)";

const char* odd_yaml = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: odd
data:
  a: b
)";

// A negative replica count: 422 Invalid.
const char* invalid_yaml = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: x
spec:
  replicas: -1
  selector:
    matchLabels:
      app: x
  template:
    metadata:
      labels:
        app: x
    spec:
      containers:
      - name: x
        image: busybox:1.36
)";

const char* ssa_yaml = R"(apiVersion: v1
kind: ConfigMap
metadata:
  name: ssa-config
data:
  owner: kubectl
)";

// What kubectl prints for the core state at 2m (the deployment's pods and
// ReplicaSet are named from the seed).
const char* pods_table = R"(NAME                   READY   STATUS             RESTARTS      AGE
crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m
talker                 1/1     Running            0             2m
web-66fdfd7d94-bks6f   1/1     Running            0             2m
web-66fdfd7d94-dvrb7   1/1     Running            0             2m
)";

struct group {
    std::string name;
    std::function<void(kubesim::cluster&)> setup;
    std::function<void(session&)> cases;
};

// ---- kubectl 1.33: reading ---------------------------------------------------------

void read_cases(session& t) {
    t.vars["crasher_uid"] = t.cluster().on_server([](kubesim::cluster& c) {
        return c.client<api::pod>().get("crasher").value().metadata.uid;
    });
    t.vars["web_ip"] = t.cluster().on_server([](kubesim::cluster& c) {
        return c.client<api::service>().get("web").value().spec.cluster_ip;
    });

    // get: tables (the server's, printed by kubectl), the clock at 2m
    t.check("get pods", {.out = pods_table});
    t.check("get po --chunk-size=1", {.out = pods_table});
    t.check("get pods -o wide", {.out = text(R"(
NAME                   READY   STATUS             RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES
crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m    10.244.1.2   node-1   <none>           <none>
talker                 1/1     Running            0             2m    10.244.3.2   node-3   <none>           <none>
web-66fdfd7d94-bks6f   1/1     Running            0             2m    10.244.3.3   node-3   <none>           <none>
web-66fdfd7d94-dvrb7   1/1     Running            0             2m    10.244.2.3   node-2   <none>           <none>
)")});
    t.check("get pods --no-headers", {.out = text(R"(
crasher                0/1   CrashLoopBackOff   4 (50s ago)   2m
talker                 1/1   Running            0             2m
web-66fdfd7d94-bks6f   1/1   Running            0             2m
web-66fdfd7d94-dvrb7   1/1   Running            0             2m
)")});
    t.check("get pods -l app=web", {.out = text(R"(
NAME                   READY   STATUS    RESTARTS   AGE
web-66fdfd7d94-bks6f   1/1     Running   0          2m
web-66fdfd7d94-dvrb7   1/1     Running   0          2m
)")});
    t.check("get pods -l 'app in (talker,crasher)'", {.out = text(R"(
NAME      READY   STATUS             RESTARTS      AGE
crasher   0/1     CrashLoopBackOff   4 (50s ago)   2m
talker    1/1     Running            0             2m
)")});
    t.check("get pods -l app=nothing", {.out = "", .err = "No resources found in default namespace.\n"});
    // crasher's phase is Running: its container is waiting to restart.
    t.check("get pods --field-selector status.phase=Running,spec.nodeName=node-3", {.out = text(R"(
NAME                   READY   STATUS    RESTARTS   AGE
talker                 1/1     Running   0          2m
web-66fdfd7d94-bks6f   1/1     Running   0          2m
)")});
    t.check("get pods -n team-a", {.out = text(R"(
NAME     READY   STATUS    RESTARTS   AGE
worker   1/1     Running   0          2m
)")});
    t.check("get pods -A", {.out = text(R"(
NAMESPACE   NAME                   READY   STATUS             RESTARTS      AGE
default     crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m
default     talker                 1/1     Running            0             2m
default     web-66fdfd7d94-bks6f   1/1     Running            0             2m
default     web-66fdfd7d94-dvrb7   1/1     Running            0             2m
team-a      worker                 1/1     Running            0             2m
)")});
    t.check("get pods -A -l app=nothing", {.out = "", .err = "No resources found\n"});
    t.check("get pods --show-labels", {.out = text(R"(
NAME                   READY   STATUS             RESTARTS      AGE   LABELS
crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m    app=crasher
talker                 1/1     Running            0             2m    app=talker,tier=backend
web-66fdfd7d94-bks6f   1/1     Running            0             2m    app=web,pod-template-hash=66fdfd7d94
web-66fdfd7d94-dvrb7   1/1     Running            0             2m    app=web,pod-template-hash=66fdfd7d94
)")});
    // An empty last cell keeps the previous column's padding.
    t.check("get pods -L app,tier", {.out = "NAME                   READY   STATUS             RESTARTS      AGE   APP       TIER\n"
                                            "crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m    crasher   \n"
                                            "talker                 1/1     Running            0             2m    talker    backend\n"
                                            "web-66fdfd7d94-bks6f   1/1     Running            0             2m    web       \n"
                                            "web-66fdfd7d94-dvrb7   1/1     Running            0             2m    web       \n"});
    t.check("get pods --sort-by=.status.podIP", {.out = text(R"(
NAME                   READY   STATUS             RESTARTS      AGE
crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m
web-66fdfd7d94-dvrb7   1/1     Running            0             2m
talker                 1/1     Running            0             2m
web-66fdfd7d94-bks6f   1/1     Running            0             2m
)")});
    t.check("get pods -o name", {.out = "pod/crasher\npod/talker\npod/web-66fdfd7d94-bks6f\npod/web-66fdfd7d94-dvrb7\n"});
    t.check("get pod talker -o jsonpath={.status.phase}", {.out = "Running"});
    t.check(R"(get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.podIP}{"\n"}{end}')",
            {.out = "crasher\t10.244.1.2\ntalker\t10.244.3.2\nweb-66fdfd7d94-bks6f\t10.244.3.3\nweb-66fdfd7d94-dvrb7\t10.244.2.3\n"});
    t.check("get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IMAGE:.spec.containers[0].image",
            {.out = text(R"(
NAME                   NODE     IMAGE
crasher                node-1   busybox:1.36
talker                 node-3   busybox:1.36
web-66fdfd7d94-bks6f   node-3   hashicorp/http-echo:1.0
web-66fdfd7d94-dvrb7   node-2   hashicorp/http-echo:1.0
)")});
    t.check("get pod talker -o yaml",
            {.out_prefix = "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n",
             .out_has = {"\n  name: talker\n  namespace: default\n", "\n  nodeName: node-3\n", "\n  phase: Running\n",
                         "\n  podIP: 10.244.3.2\n", "\n    restartCount: 0\n"}});
    t.check("get pod crasher -o json",
            {.out_prefix = "{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n",
             .out_has = {"\"name\": \"crasher\",", "\"restartCount\": 4,", "\"exitCode\": 3,",
                         "\"reason\": \"CrashLoopBackOff\""}});
    t.check("get deploy web -o jsonpath={.status.availableReplicas}", {.out = "2"});
    t.check("get svc web -o jsonpath={.spec.clusterIP}", {.out = "{{web_ip}}"});

    t.check("get all", {.out = text(R"(
NAME                       READY   STATUS             RESTARTS      AGE
pod/crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m
pod/talker                 1/1     Running            0             2m
pod/web-66fdfd7d94-bks6f   1/1     Running            0             2m
pod/web-66fdfd7d94-dvrb7   1/1     Running            0             2m

NAME                 TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   2m
service/web          ClusterIP   {{web_ip}}   <none>        80/TCP    2m

NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/2     2            2           2m

NAME                             DESIRED   CURRENT   READY   AGE
replicaset.apps/web-66fdfd7d94   2         2         2       2m
)")});
    t.check("get deploy,svc", {.out = text(R"(
NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/2     2            2           2m

NAME                 TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   2m
service/web          ClusterIP   {{web_ip}}   <none>        80/TCP    2m
)")});
    t.check("get deploy -o wide", {.out = text(R"(
NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                    SELECTOR
web    2/2     2            2           2m    echo         hashicorp/http-echo:1.0   app=web
)")});
    t.check("get rs -o wide", {.out = text(R"(
NAME             DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES                    SELECTOR
web-66fdfd7d94   2         2         2       2m    echo         hashicorp/http-echo:1.0   app=web,pod-template-hash=66fdfd7d94
)")});
    t.check("get svc -o wide", {.out = text(R"(
NAME         TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE   SELECTOR
kubernetes   ClusterIP   10.96.0.1       <none>        443/TCP   2m    <none>
web          ClusterIP   {{web_ip}}   <none>        80/TCP    2m    app=web
)")});
    t.check("get nodes", {.out = text(R"(
NAME     STATUS   ROLES    AGE   VERSION
node-1   Ready    <none>   2m    v1.33.0
node-2   Ready    <none>   2m    v1.33.0
node-3   Ready    <none>   2m    v1.33.0
)")});
    t.check("get nodes -o wide", {.out = text(R"(
NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE   KERNEL-VERSION   CONTAINER-RUNTIME
node-1   Ready    <none>   2m    v1.33.0   172.18.0.2    <none>        kubesim    6.1.0-kubesim    kubesim://0.1.0
node-2   Ready    <none>   2m    v1.33.0   172.18.0.3    <none>        kubesim    6.1.0-kubesim    kubesim://0.1.0
node-3   Ready    <none>   2m    v1.33.0   172.18.0.4    <none>        kubesim    6.1.0-kubesim    kubesim://0.1.0
)")});
    t.check("get ns", {.out = text(R"(
NAME              STATUS   AGE
default           Active   2m
kube-node-lease   Active   2m
kube-public       Active   2m
kube-system       Active   2m
team-a            Active   2m
)")});
    t.check("get cm", {.out = "NAME       DATA   AGE\nsettings   2      2m\n"});
    t.check("get secrets", {.out = "NAME    TYPE     DATA   AGE\ncreds   Opaque   1      2m\n"});
    t.check("get secret creds -o jsonpath={.data.password}", {.out = "czNjcjN0"});
    t.check("get endpointslices", {.out = text(R"(
NAME        ADDRESSTYPE   PORTS   ENDPOINTS               AGE
web-tl7zk   IPv4          5678    10.244.3.3,10.244.2.3   2m
)")});
    t.check("get leases -n kube-node-lease", {.out = text(R"(
NAME     HOLDER   AGE
node-1   node-1   2m
node-2   node-2   2m
node-3   node-3   2m
)")});
    t.check("get events --field-selector involvedObject.name=talker", {.out = text(R"(
LAST SEEN   TYPE     REASON      OBJECT       MESSAGE
2m          Normal   Scheduled   pod/talker   Successfully assigned default/talker to node-3
2m          Normal   Pulling     pod/talker   Pulling image "busybox:1.36"
2m          Normal   Pulled      pod/talker   Successfully pulled image "busybox:1.36" in 500ms (500ms including waiting). Image size: 15273245 bytes.
2m          Normal   Created     pod/talker   Created container: main
2m          Normal   Started     pod/talker   Started container main
)")});
    t.check("get events --field-selector reason=BackOff", {.out = text(R"(
LAST SEEN   TYPE      REASON    OBJECT        MESSAGE
50s         Warning   BackOff   pod/crasher   Back-off restarting failed container main in pod crasher_default({{crasher_uid}})
)")});

    // get: errors
    t.check("get pod nope", {.rc = 1, .out = "", .err = "Error from server (NotFound): pods \"nope\" not found\n"});
    t.check("get foo", {.rc = 1, .out = "", .err = "error: the server doesn't have a resource type \"foo\"\n"});

    // describe
    t.check("describe pod talker",
            {.out_words = {R"(Name: talker
Namespace: default
)", R"(Node: node-3/172.18.0.4
Start Time: Wed, 01 Jan 2025 00:00:00 +0000
Labels: app=talker
tier=backend
Annotations: <none>
Status: Running
IP: 10.244.3.2
IPs:
IP: 10.244.3.2
Containers:
main:
Container ID: containerd://)", R"(
Image: busybox:1.36
Image ID: docker.io/library/busybox@sha256:)", R"(
Port: <none>
Host Port: <none>
Command:
sh
-c
echo hello; echo world; sleep 3600
State: Running
Started: Wed, 01 Jan 2025 00:00:00 +0000
Ready: True
Restart Count: 0
)", R"(Conditions:
Type Status
PodReadyToStartContainers True
Initialized True
Ready True
ContainersReady True
PodScheduled True
)", "QoS Class: BestEffort\n", R"(Events:
Type Reason Age From Message
---- ------ ---- ---- -------
Normal Scheduled )", "default-scheduler Successfully assigned default/talker to node-3\n",
                           "kubelet Started container main\n"}});
    // The API server's admission plugins give every pod a priority, the default
    // service account (and its token volume) and the not-ready/unreachable
    // tolerations; kubesim stores the pod as sent.
    t.check("describe pod crasher",
            {.out_words = {"Priority: 0\n", "Service Account: default\n",
                           "Tolerations: node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n",
                           "node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n",
                           "State: Waiting\nReason: CrashLoopBackOff\nLast State: Terminated\nReason: Error\nExit Code: 3\n"},
             .known = "no admission defaults: spec.priority, spec.serviceAccountName, the kube-api-access volume and the "
                      "default tolerations are missing"});
    t.check("describe deployment web", {.out_prefix = text(R"(
Name:                   web
Namespace:              default
CreationTimestamp:      Wed, 01 Jan 2025 00:00:00 +0000
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   echo:
    Image:      hashicorp/http-echo:1.0
    Port:       5678/TCP
    Host Port:  0/TCP
    Args:
      -text=hello
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type           Status  Reason
  ----           ------  ------
  Available      True    MinimumReplicasAvailable
  Progressing    True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-66fdfd7d94 (2/2 replicas created)
Events:
)"),
                                        // (the events' ages are kubectl's, on the wall clock)
                                        .out_words = {"Type Reason Age From Message\n", "Normal ScalingReplicaSet ",
                                                      "deployment-controller Scaled up replica set web-66fdfd7d94 "
                                                      "from 0 to 2\n"}});
    t.check("describe node node-1", {.out_prefix = text(R"(
Name:               node-1
Roles:              <none>
Labels:             beta.kubernetes.io/arch=amd64
                    beta.kubernetes.io/os=linux
                    kubernetes.io/arch=amd64
                    kubernetes.io/hostname=node-1
                    kubernetes.io/os=linux
Annotations:        <none>
CreationTimestamp:  Wed, 01 Jan 2025 00:00:00 +0000
Taints:             <none>
Unschedulable:      false
Lease:
  HolderIdentity:  node-1
  AcquireTime:     <unset>
  RenewTime:       Wed, 01 Jan 2025 00:02:00 +0000
Conditions:
)"),
                                     .out_words = {"Ready True Wed, 01 Jan 2025 00:00:00 +0000 Wed, 01 Jan 2025 00:00:00 +0000 "
                                                   "KubeletReady kubelet is posting ready status\n",
                                                   "Addresses:\nInternalIP: 172.18.0.2\nHostname: node-1\n",
                                                   "PodCIDR: 10.244.1.0/24\n", "Non-terminated Pods: (1 in total)\n",
                                                   "default crasher 0 (0%) 0 (0%) 0 (0%) 0 (0%) ",
                                                   "cpu 0 (0%) 0 (0%)\n"}});
    t.check("describe service web", {.out = text(R"(
Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       {{web_ip}}
IPs:                      {{web_ip}}
Port:                     <unset>  80/TCP
TargetPort:               5678/TCP
Endpoints:                10.244.3.3:5678,10.244.2.3:5678
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>
)")});
    // describe lists the namespace's ResourceQuotas and LimitRanges (none here).
    t.check("describe namespace team-a", {.out = text(R"(
Name:         team-a
Labels:       kubernetes.io/metadata.name=team-a
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
)"),
                                          .known = "resourcequotas and limitranges are not served (a 404 makes kubectl "
                                                   "leave both sections out)"});
    t.check("describe pod nope", {.rc = 1, .out = "", .err = "Error from server (NotFound): pods \"nope\" not found\n"});

    // logs
    t.check("logs talker", {.out = "hello\nworld\n"});
    t.check("logs talker --tail=1", {.out = "world\n"});
    t.check("logs talker -c main", {.out = "hello\nworld\n"});
    t.check("logs crasher", {.out = "attempt\n"});
    t.check("logs crasher --previous", {.out = "attempt\n"});
    t.check("logs talker --previous",
            {.rc = 1, .out = "",
             .err = "Error from server (BadRequest): previous terminated container \"main\" in pod \"talker\" not found\n"});
    t.check("logs deploy/web", {.out = "2025/01/01 00:00:00 [INFO] server is listening on :5678\n",
                                .err = "Found 2 pods, using pod/web-66fdfd7d94-bks6f\n"});
    t.check("logs talker -c nope", {.rc = 1, .out = "", .err = "error: container nope is not valid for pod talker\n"});
    t.check("logs nope", {.rc = 1, .out = "",
                          .err = "error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n"});

    // exec (WebSocket, v5.channel.k8s.io)
    t.check("exec talker -- echo hi", {.out = "hi\n"});
    t.check("exec talker -c main -- sh -c 'echo out; exit 3'", {.rc = 3, .out = "out\n",
                                                                .err = "command terminated with exit code 3\n"});
    t.check("exec talker -- cat /nope", {.rc = 1, .out = "",
                                         .err = "cat: can't open '/nope': No such file or directory\n"
                                                "command terminated with exit code 1\n"});
    t.check("exec talker -c nope -- ls",
            {.rc = 1, .out = "", .err = "Error from server (BadRequest): container nope is not valid for pod talker\n"});
    t.check("exec -i talker -- cat", {.out = "piped\n", .input = "piped\n"});

    // wait
    t.check("wait --for=condition=Ready pod/talker", {.out = "pod/talker condition met\n"});
    t.check("wait --for=jsonpath={.status.phase}=Running pod/talker pod/crasher",
            {.out = "pod/talker condition met\npod/crasher condition met\n"});
    t.check("wait --for=condition=Available deployment/web", {.out = "deployment.apps/web condition met\n"});
    // (client-go may also log the watch it stopped at the deadline)
    t.check("wait --for=condition=Ready pod/crasher --timeout=1s",
            {.rc = 1, .out = "", .err_has = {"error: timed out waiting for the condition on pods/crasher\n"}});

    // discovery, OpenAPI, the rest
    t.check("api-resources", {.out = text(R"(
NAME             SHORTNAMES   APIVERSION               NAMESPACED   KIND
configmaps       cm           v1                       true         ConfigMap
events           ev           v1                       true         Event
namespaces       ns           v1                       false        Namespace
nodes            no           v1                       false        Node
pods             po           v1                       true         Pod
secrets                       v1                       true         Secret
services         svc          v1                       true         Service
deployments      deploy       apps/v1                  true         Deployment
replicasets      rs           apps/v1                  true         ReplicaSet
leases                        coordination.k8s.io/v1   true         Lease
endpointslices                discovery.k8s.io/v1      true         EndpointSlice
)")});
    t.check("api-resources --namespaced=false -o name", {.out = "namespaces\nnodes\n"});
    t.check("explain pod.spec.restartPolicy",
            {.out_prefix = "KIND:       Pod\nVERSION:    v1\n\nFIELD: restartPolicy <string>\nENUM:\n    Always\n    Never\n"
                           "    OnFailure\n\nDESCRIPTION:\n"});
    t.check("explain deployment.spec.replicas",
            {.out_prefix = "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n"});
    t.check("cluster-info", {.out = text(R"(
Kubernetes control plane is running at {{url}}
CoreDNS is running at {{url}}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy

To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.
)")});
    t.check("version", {.out_has = {"Client Version: v1.33.", "\nServer Version: v1.33.0\n"}});
    t.check("events --for pod/talker",
            {.out_words = {"LAST SEEN TYPE REASON OBJECT MESSAGE\n",
                           "Normal Scheduled Pod/talker Successfully assigned default/talker to node-3\n",
                           "Normal Started Pod/talker Started container main\n"}});
    t.check("events --types=Warning",
            {.out_words = {"Warning BackOff Pod/crasher Back-off restarting failed container main in pod "
                           "crasher_default({{crasher_uid}})\n"}});

    // get -w (last: it changes talker): the list, then one row per change, until --request-timeout ends it (rc 0).
    t.check("get pods -l app=talker -w --request-timeout=2s",
            {.out = text(R"(
NAME     READY   STATUS    RESTARTS   AGE
talker   1/1     Running   0          2m
talker   1/1     Running   0          2m
)"),
             .meanwhile = t.cluster().once_watching([](kubesim::cluster& c) {
                 auto p = c.client<api::pod>().get("talker").value();
                 p.metadata.annotations["watched"] = "yes";
                 (void)c.client<api::pod>().update(p).value();
             })});

}

// ---- kubectl 1.33: writing -----------------------------------------------------------

void write_cases(session& t) {
    t.file("app.yaml", app_yaml);
    t.file("app2.yaml", app_yaml_with("api2"));
    t.file("extra.yaml", extra_pod_yaml);
    t.file("unknown-field.yaml", unknown_field_yaml);
    t.file("odd.yaml", odd_yaml);
    t.file("invalid.yaml", invalid_yaml);
    t.file("ssa.yaml", ssa_yaml);

    // apply (client-side): create, unchanged, configure
    t.check("apply -f app.yaml", {.out = "deployment.apps/api created\nconfigmap/api-config created\n"});
    t.check("apply -f app.yaml", {.out = "deployment.apps/api unchanged\nconfigmap/api-config unchanged\n"});
    t.check("apply -f app2.yaml", {.out = "deployment.apps/api configured\nconfigmap/api-config unchanged\n"});
    t.check("get deploy api -o jsonpath={.spec.template.spec.containers[0].args}", {.out = "[\"-text=api2\"]"});
    t.check("apply -f -", {.out = "pod/extra created\n", .input = extra_pod_yaml});
    // Created without the last-applied annotation (create -f): apply still patches, and warns.
    t.check("create -f odd.yaml", {.out = "configmap/odd created\n"});
    t.check("apply -f odd.yaml",
            {.out = "configmap/odd configured\n",
             .err = "Warning: resource configmaps/odd is missing the kubectl.kubernetes.io/last-applied-configuration "
                    "annotation which is required by kubectl apply. kubectl apply should only be used on resources "
                    "created declaratively by either kubectl create --save-config or kubectl apply. The missing "
                    "annotation will be patched automatically.\n"});

    // apply --server-side
    t.check("apply --server-side -f ssa.yaml", {.out = "configmap/ssa-config serverside-applied\n"});
    t.check("apply --server-side -f ssa.yaml", {.out = "configmap/ssa-config serverside-applied\n"});
    t.check("get cm ssa-config -o jsonpath={.metadata.managedFields[0].manager}/{.metadata.managedFields[0].operation}",
            {.out = "kubectl/Apply"});
    // Objects that kubectl apply managed client-side: kubectl first moves the fields of
    // kubectl-client-side-apply to its own manager (csaupgrade), so there is no conflict.
    t.check("apply --server-side -f app.yaml",
            {.out = "deployment.apps/api serverside-applied\nconfigmap/api-config serverside-applied\n"});
    t.check("get deploy api -o jsonpath={.spec.template.spec.containers[0].args}", {.out = "[\"-text=api\"]"});
    // Another manager (an Update at 2m) takes .spec.replicas: a conflict. The ConfigMap
    // agrees with its manifest and is applied all the same.
    t.check(R"(patch deployment api --type=merge -p '{"spec":{"replicas":2}}')", {.out = "deployment.apps/api patched\n"});
    t.check("apply --server-side -f app.yaml",
            {.rc = 1, .out = "configmap/api-config serverside-applied\n",
             .err_has = {"error: Apply failed with 1 conflict: conflict with \"kubectl-patch\" using apps/v1: "
                         ".spec.replicas\n",
                         "* If you intend to manage all of these fields, please re-run the apply\n"
                         "  command with the `--force-conflicts` flag.\n"}});
    t.check("apply --server-side --force-conflicts -f app.yaml",
            {.out = "deployment.apps/api serverside-applied\nconfigmap/api-config serverside-applied\n"});
    t.check("get deploy api -o jsonpath={.spec.replicas}", {.out = "1"});

    // create
    t.check("create -f app.yaml",
            {.rc = 1, .out = "",
             .err = "Error from server (AlreadyExists): error when creating \"app.yaml\": deployments.apps \"api\" already "
                    "exists\nError from server (AlreadyExists): error when creating \"app.yaml\": configmaps \"api-config\" "
                    "already exists\n"});
    t.check("create namespace team-b", {.out = "namespace/team-b created\n"});
    t.check("create namespace default",
            {.rc = 1, .out = "", .err = "Error from server (AlreadyExists): namespaces \"default\" already exists\n"});
    t.check("create configmap flags --from-literal=a=1 --from-literal=b=2", {.out = "configmap/flags created\n"});
    t.check("create secret generic token --from-literal=key=s3cr3t", {.out = "secret/token created\n"});
    t.check("create deployment hello --image=busybox:1.36 --replicas=2 -- sleep 3600",
            {.out = "deployment.apps/hello created\n"});
    t.check("create service clusterip backend --tcp=80:8080", {.out = "service/backend created\n"});

    // run and expose
    t.check("run sleeper --image=busybox:1.36 --labels=app=sleeper --command -- sleep 3600",
            {.out = "pod/sleeper created\n"});
    t.check("run sleeper --image=busybox:1.36", {.rc = 1, .out = "",
                                                 .err = "Error from server (AlreadyExists): pods \"sleeper\" already exists\n"});
    // Arguments without --command replace the image's CMD; busybox's entrypoint is empty, so this runs `sleep 3600`.
    t.check("run napper --image=busybox:1.36 -- sleep 3600", {.out = "pod/napper created\n"});
    t.check("wait --for=condition=Ready pod/sleeper pod/napper --timeout=3s",
            {.out = "pod/sleeper condition met\npod/napper condition met\n",
             .meanwhile = t.cluster().ticking(1s, 2min + 20s)});
    t.cluster().advance_to(2min + 20s);
    t.check("expose deployment web --name=web-alt --port=8080 --target-port=5678", {.out = "service/web-alt exposed\n"});
    t.check("get svc web-alt -o jsonpath={.spec.selector.app}:{.spec.ports[0].port}:{.spec.ports[0].targetPort}",
            {.out = "web:8080:5678"});
    t.check("expose pod extra", {.rc = 1, .out = "",
                                           .err = "error: couldn't find port via --port flag or introspection\n"});

    // label, annotate, patch
    t.check("label pod talker env=prod", {.out = "pod/talker labeled\n"});
    t.check("label pod talker env=dev", {.rc = 1, .out = "",
                                         .err = "error: 'env' already has a value (prod), and --overwrite is false\n"});
    t.check("label pod talker env=dev --overwrite", {.out = "pod/talker labeled\n"});
    t.check("label pod talker env-", {.out = "pod/talker unlabeled\n"});
    t.check("label pods -l app=web tier=front", {.out = "pod/web-66fdfd7d94-bks6f labeled\npod/web-66fdfd7d94-dvrb7 labeled\n"});
    t.check("get pods -l tier=front -o name", {.out = "pod/web-66fdfd7d94-bks6f\npod/web-66fdfd7d94-dvrb7\n"});
    t.check("annotate pod talker note=hello", {.out = "pod/talker annotated\n"});
    t.check("annotate deployment web team=a", {.out = "deployment.apps/web annotated\n"});
    t.check("get deployment web -o jsonpath={.metadata.annotations.team}", {.out = "a"});
    t.check(R"(patch deployment web --type=merge -p '{"spec":{"revisionHistoryLimit":5}}')",
            {.out = "deployment.apps/web patched\n"});
    t.check(R"(patch pod talker --type=json -p '[{"op":"add","path":"/metadata/labels/patched","value":"json"}]')",
            {.out = "pod/talker patched\n"});
    t.check(R"(patch pod talker -p '{"metadata":{"labels":{"patched":"strategic"}}}')", {.out = "pod/talker patched\n"});
    t.check(R"(patch pod talker -p '{"metadata":{"labels":{"patched":"strategic"}}}')",
            {.out = "pod/talker patched (no change)\n"});
    t.check("get pod talker -o jsonpath={.metadata.labels}",
            {.out = text(R"(
{"app":"talker","patched":"strategic","tier":"backend"})")});
    t.check(R"(patch pod nope -p '{"metadata":{"labels":{"a":"b"}}}')",
            {.rc = 1, .out = "", .err = "Error from server (NotFound): pods \"nope\" not found\n"});

    // errors the API server reports
    t.check("apply -f unknown-field.yaml",
            {.rc = 1, .out = "",
             .err = "Error from server (BadRequest): error when creating \"unknown-field.yaml\": strict decoding error: "
                    "unknown field \"bogus\"\n"});
    t.check("apply -f unknown-field.yaml --validate=warn",
            {.out = "configmap/strict created\n", .err = "Warning: unknown field \"bogus\"\n"});
    t.check("create -f invalid.yaml",
            {.rc = 1, .out = "",
             .err = "The Deployment \"x\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"});
    t.check("run Bad_Name --image=busybox:1.36",
            {.rc = 1, .out = "",
             .err = "The Pod \"Bad_Name\" is invalid: \n"
                    "* metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower "
                    "case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character "
                    "(e.g. 'example.com', regex used for validation is "
                    "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n"
                    "* spec.containers[0].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of "
                    "lower case alphanumeric characters or '-', and must start and end with an alphanumeric character "
                    "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n"});
}

// ---- kubectl 1.33: scale, set, rollout -----------------------------------------------

void rollout_cases(session& t) {
    auto& sc = t.cluster();
    const auto done = std::string("deployment \"web\" successfully rolled out\n");
    t.check("scale deployment web --replicas=3", {.out = "deployment.apps/web scaled\n"});
    t.check("rollout status deployment/web", {.out_has = {done}, .meanwhile = sc.ticking(1s, 2min + 30s)});
    sc.advance_to(2min + 30s);
    t.check("get deploy web", {.out = "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           2m30s\n"});
    t.check("scale deployment nope --replicas=2",
            {.rc = 1, .out = "", .err = "error: no objects passed to scale deployments.apps \"nope\" not found\n"});
    t.check("scale deployment web --replicas=2 --current-replicas=5",
            {.rc = 1, .out = "",
             .err = "error: Expected replicas to be 5, was 3\n"});
    t.check("rollout history deployment/web", {.out = "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n"});
    t.check("set image deployment/web nope=busybox:1.36", {.rc = 1, .out = "",
                                                           .err = "error: unable to find container named \"nope\"\n"});
    // An untagged image is :latest, which resolves to the same program: a new template all the same.
    t.check("set image deployment/web echo=hashicorp/http-echo", {.out = "deployment.apps/web image updated\n"});
    t.check("rollout status deployment/web", {.out_has = {done}, .meanwhile = sc.ticking(1s, 2min + 50s)});
    sc.advance_to(2min + 50s);
    t.check("set env deployment/web MODE=fast", {.out = "deployment.apps/web env updated\n"});
    t.check("rollout status deployment/web", {.out_has = {done}, .meanwhile = sc.ticking(1s, 3min)});
    sc.advance_to(3min);
    t.check("get deploy web -o jsonpath={.spec.template.spec.containers[0].env}", {.out = text(R"(
[{"name":"MODE","value":"fast"}])")});
    t.check("get deploy web", {.out = "NAME   READY   UP-TO-DATE   AVAILABLE   AGE\nweb    3/3     3            3           3m\n"});
    t.check("rollout history deployment/web",
            {.out = "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n3         <none>\n\n"});
    t.check("rollout history deployment/web --revision=3",
            {.out_prefix = "deployment.apps/web with revision #3\nPod Template:\n",
             .out_words = {"Image: hashicorp/http-echo\n", "Environment:\nMODE: fast\n"}});
    t.check("rollout undo deployment/web --to-revision=99",
            {.rc = 1, .out = "", .err = "error: unable to find specified revision 99 in history\n"});
    // Back to revision 2 (no MODE), which becomes revision 4.
    t.check("rollout undo deployment/web", {.out = "deployment.apps/web rolled back\n"});
    t.check("rollout status deployment/web", {.out_has = {done}, .meanwhile = sc.ticking(1s, 3min + 30s)});
    sc.advance_to(3min + 30s);
    t.check("get deploy web -o jsonpath={.spec.template.spec.containers[0].image}/{.spec.template.spec.containers[0].env}",
            {.out = "hashicorp/http-echo/"});
    t.check("rollout history deployment/web",
            {.out = "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n3         <none>\n4         <none>\n\n"});
    t.check("rollout pause deployment/web", {.out = "deployment.apps/web paused\n"});
    t.check("rollout pause deployment/web", {.rc = 1, .out = "",
                                             .err = "error: deployments.apps \"web\" is already paused\n"});
    t.check("rollout resume deployment/web", {.out = "deployment.apps/web resumed\n"});
    t.check("rollout resume deployment/web", {.rc = 1, .out = "", .err = "error: deployments.apps \"web\" is not paused\n"});
    t.check("rollout restart deployment/web", {.out = "deployment.apps/web restarted\n"});
    t.check("rollout status deployment/web --timeout=30s", {.out_has = {done}, .meanwhile = sc.ticking(1s, 4min)});
    sc.advance_to(4min);
    t.check("rollout status deployment/web --watch=false", {.out = done});
    t.check("get rs", {.out_words = {"NAME DESIRED CURRENT READY AGE\n"}});
    t.check("rollout status deployment/nope",
            {.rc = 1, .out = "", .err = "Error from server (NotFound): deployments.apps \"nope\" not found\n"});
}

// ---- kubectl 1.33: delete ------------------------------------------------------------

void delete_cases(session& t) {
    auto& sc = t.cluster();
    t.file("app.yaml", app_yaml);
    t.file("extra.yaml", extra_pod_yaml);
    t.check("delete configmap settings", {.out = "configmap \"settings\" deleted\n"});
    t.check("delete configmap settings",
            {.rc = 1, .out = "", .err = "Error from server (NotFound): configmaps \"settings\" not found\n"});
    // Graceful deletion: the pod stays, Terminating, until the kubelet has stopped it
    // (sleep ignores SIGTERM: the 30s grace period runs out).
    t.check("delete pod talker --wait=false", {.out = "pod \"talker\" deleted\n"});
    t.check("get pod talker", {.out = "NAME     READY   STATUS        RESTARTS   AGE\ntalker   1/1     Terminating   0          2m\n"});
    t.check("wait --for=delete pod/talker --timeout=1s",
            {.rc = 1, .out = "", .err_has = {"error: timed out waiting for the condition on pods/talker\n"}});
    t.check("wait --for=delete pod/talker --timeout=60s",
            {.out = "pod/talker condition met\n", .meanwhile = sc.ticking(1s, 3min)});
    sc.advance_to(3min);
    t.check("get pod talker", {.rc = 1, .out = "", .err = "Error from server (NotFound): pods \"talker\" not found\n"});
    // kubectl delete waits until the object is gone: crasher (not running) at
    // once, extra once the kubelet has killed `sleep` at the end of its 30s grace period.
    // (The clock moves once kubectl's DELETE has arrived.)
    const auto deleting = [](std::string name) {
        return [name](kubesim::cluster& c) {
            auto p = c.client<api::pod>().get(name);
            return !p || p->metadata.deletion_timestamp.has_value();
        };
    };
    t.check("delete pod crasher",
            {.out = "pod \"crasher\" deleted\n", .meanwhile = sc.ticking(1s, 3min + 5s, deleting("crasher"))});
    sc.advance_to(3min + 5s);
    t.check("apply -f extra.yaml", {.out = "pod/extra created\n"});
    t.check("run forced --image=busybox:1.36 --command -- sleep 3600", {.out = "pod/forced created\n"});
    sc.advance_to(3min + 10s);
    t.check("get pods extra forced", {.out = text(R"(
NAME     READY   STATUS    RESTARTS   AGE
extra    1/1     Running   0          5s
forced   1/1     Running   0          5s
)")});
    t.check("delete pod extra",
            {.out = "pod \"extra\" deleted\n", .meanwhile = sc.ticking(1s, 3min + 50s, deleting("extra"))});
    sc.advance_to(3min + 50s);
    t.check("get pod extra", {.rc = 1, .out = "", .err = "Error from server (NotFound): pods \"extra\" not found\n"});
    t.check("delete pod forced --grace-period=0 --force",
            {.out = "pod \"forced\" force deleted\n",
             .err = "Warning: Immediate deletion does not wait for confirmation that the running resource has been "
                    "terminated. The resource may continue to run on the cluster indefinitely.\n"});
    t.check("delete pods -l app=web --wait=false",
            {.out = "pod \"web-66fdfd7d94-bks6f\" deleted\npod \"web-66fdfd7d94-dvrb7\" deleted\n"});
    t.check("delete svc -l app=web", {.out = "service \"web\" deleted\n"});
    t.check("apply -f app.yaml", {.out = "deployment.apps/api created\nconfigmap/api-config created\n"});
    t.check("delete -f app.yaml", {.out = "deployment.apps \"api\" deleted\nconfigmap \"api-config\" deleted\n"});
    t.check("delete -f app.yaml",
            {.rc = 1, .out = "",
             .err = "Error from server (NotFound): error when deleting \"app.yaml\": deployments.apps \"api\" not found\n"
                    "Error from server (NotFound): error when deleting \"app.yaml\": configmaps \"api-config\" not found\n"});
    t.check("delete deploy --all --wait=false", {.out = "deployment.apps \"web\" deleted\n"});
    t.check("delete pod nope", {.rc = 1, .out = "", .err = "Error from server (NotFound): pods \"nope\" not found\n"});
    t.check("delete secret creds --dry-run=server", {.out = "secret \"creds\" deleted (server dry run)\n"});
    t.check("get secret creds -o name", {.out = "secret/creds\n"});
    // A namespace is Terminating while its contents go.
    t.check("delete namespace team-a --wait=false", {.out = "namespace \"team-a\" deleted\n"});
    t.check("get ns team-a", {.out = "NAME     STATUS        AGE\nteam-a   Terminating   3m50s\n"});
    // The namespace controller waits 5s (namespaceDeletionGracePeriod), then
    // deletes the namespace's pods gracefully.
    t.check("get pods -n team-a", {.out = "NAME     READY   STATUS    RESTARTS   AGE\nworker   1/1     Running   0          3m50s\n"});
    sc.advance_to(3min + 56s);
    t.check("get pods -n team-a", {.out = "NAME     READY   STATUS        RESTARTS   AGE\nworker   1/1     Terminating   0          3m56s\n"});
    t.check("wait --for=delete namespace/team-a --timeout=60s",
            {.out = "namespace/team-a condition met\n", .meanwhile = sc.ticking(1s, 5min)});
}

// ---- other kubectl versions ----------------------------------------------------------

// A smaller set, against a cluster that reports the kubectl's own version.
void compat_cases(session& t) {
    auto& sc = t.cluster();
    const std::string& v = t.version();  // "1.30"
    t.file("app.yaml", app_yaml);
    t.file("app2.yaml", app_yaml_with("api2"));
    t.check("version -o json", {.out_has = {"\"clientVersion\": {", "\"minor\": \"" + v.substr(2) + "\",",
                                            "\"gitVersion\": \"v" + v + ".0\","}});
    t.check("get pods", {.out = pods_table});
    t.check("get pods -o wide", {.out = text(R"(
NAME                   READY   STATUS             RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES
crasher                0/1     CrashLoopBackOff   4 (50s ago)   2m    10.244.1.2   node-1   <none>           <none>
talker                 1/1     Running            0             2m    10.244.3.2   node-3   <none>           <none>
web-66fdfd7d94-bks6f   1/1     Running            0             2m    10.244.3.3   node-3   <none>           <none>
web-66fdfd7d94-dvrb7   1/1     Running            0             2m    10.244.2.3   node-2   <none>           <none>
)")});
    t.check("get nodes", {.out = "NAME     STATUS   ROLES    AGE   VERSION\n"
                                 "node-1   Ready    <none>   2m    v" + v + ".0\n"
                                 "node-2   Ready    <none>   2m    v" + v + ".0\n"
                                 "node-3   Ready    <none>   2m    v" + v + ".0\n"});
    t.check("get pod nope", {.rc = 1, .out = "", .err = "Error from server (NotFound): pods \"nope\" not found\n"});
    t.check("describe pod talker",
            {.out_words = {"Name: talker\nNamespace: default\n", "Node: node-3/172.18.0.4\n", "Status: Running\n",
                           "State: Running\n", "Restart Count: 0\n", "kubelet Started container main\n"}});
    t.check("describe deployment web",
            {.out_words = {"Replicas: 2 desired | 2 updated | 2 total | 2 available | 0 unavailable\n",
                           "NewReplicaSet: web-66fdfd7d94 (2/2 replicas created)\n"}});
    t.check("apply -f app.yaml", {.out = "deployment.apps/api created\nconfigmap/api-config created\n"});
    t.check("apply -f app.yaml", {.out = "deployment.apps/api unchanged\nconfigmap/api-config unchanged\n"});
    t.check("apply -f app2.yaml", {.out = "deployment.apps/api configured\nconfigmap/api-config unchanged\n"});
    t.check("scale deployment api --replicas=2", {.out = "deployment.apps/api scaled\n"});
    t.check("rollout status deployment/api", {.out_has = {"deployment \"api\" successfully rolled out\n"},
                                              .meanwhile = sc.ticking(1s, 3min)});
    sc.advance_to(3min);
    t.check("label pod talker env=prod", {.out = "pod/talker labeled\n"});
    t.check("logs talker", {.out = "hello\nworld\n"});
    if (v >= "1.30") {
        t.check("exec talker -- echo hi", {.out = "hi\n"});
        t.check("exec talker -- sh -c 'exit 3'", {.rc = 3, .out = "", .err = "command terminated with exit code 3\n"});
    } else {
        // 1.27 to 1.29 speak SPDY for exec; kubesim serves exec over WebSocket only.
        t.check("exec talker -- echo hi",
                {.rc = 1, .out = "",
                 .err = "Error from server (BadRequest): kubesim serves exec over WebSocket (v5.channel.k8s.io, "
                        "kubectl 1.30 or later), not SPDY\n"});
    }
    t.check("delete deployment api", {.out = "deployment.apps \"api\" deleted\n"});
    t.check("get foo", {.rc = 1, .out = "", .err = "error: the server doesn't have a resource type \"foo\"\n"});
}

// The gcloud dispatcher (`kubectl`): it asks /version which kubectl to run.
void dispatcher_cases(session& t) {
    t.check("version", {.out_has = {"Client Version: v1.33.", "\nServer Version: v1.33.0\n"}});
    t.check("get nodes -o name", {.out = "node/node-1\nnode/node-2\nnode/node-3\n"});
}

}  // namespace

int main(int argc, char** argv) {
    std::signal(SIGPIPE, SIG_IGN);  // a kubectl that exits before reading its stdin
    std::vector<std::string> args(argv + 1, argv + argc);
    std::string only_group, only_version, serve;
    bool keep = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const auto& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "-v") verbose = true;
        else if (a == "--keep") keep = true;
        else if (a == "--group" && has_value) only_group = args[++i];
        else if (a == "--version" && has_value) only_version = args[++i];
        else if (a == "--serve" && has_value) serve = args[++i];
        else {
            std::fprintf(stderr,
                         "usage: kubectl_real [-v] [--keep] [--group NAME] [--version 1.33] [--serve read|write|...]\n");
            return 2;
        }
    }

    // The groups of the main catalogue (kubectl 1.33).
    const std::vector<group> groups = {
        {"read", core_setup, read_cases},
        {"write", core_setup, write_cases},
        {"rollout", core_setup, rollout_cases},
        {"delete", core_setup, delete_cases},
    };

    if (!serve.empty()) {
        // Debugging: one group's starting state, served until interrupted.
        for (const auto& g : groups) {
            if (g.name != serve) continue;
            kubesim::cluster_options copts;
            if (!only_version.empty()) copts.kubernetes_version = "v" + only_version + ".0";
            kubesim::cluster c(copts);
            c.init();
            g.setup(c);
            kubesim::api_server s(c, {.speed = 0});
            s.write_kubeconfig("kubectl-real.kubeconfig");
            std::printf("kubectl-real: serving the %s state at %s (kubeconfig: kubectl-real.kubeconfig)\n",
                        g.name.c_str(), s.url().c_str());
            std::fflush(stdout);
            s.run();
            return 0;
        }
        std::fprintf(stderr, "kubectl-real: no group %s\n", serve.c_str());
        return 2;
    }

    // The binaries: the versioned builds of the Google Cloud CLI package, or
    // $KUBECTL_REAL_DIR/kubectl.1.XX.
    const char* dir_env = std::getenv("KUBECTL_REAL_DIR");
    const fs::path bin_dir = dir_env && *dir_env ? fs::path(dir_env) : fs::path("/usr/lib/google-cloud-sdk/bin");
    std::vector<kubectl_binary> binaries;
    std::vector<std::string> looked;
    for (const char* v : {"1.33", "1.32", "1.31", "1.30", "1.27"}) {
        const auto p = bin_dir / ("kubectl." + std::string(v));
        looked.push_back(p.string());
        if (access(p.c_str(), X_OK) == 0) binaries.push_back({v, p.string()});
    }
    const auto dispatcher = bin_dir / "kubectl";
    const bool have_dispatcher = access(dispatcher.c_str(), X_OK) == 0;
    if (binaries.empty()) {
        // Else a kubectl on PATH, for the version it reports.
        looked.push_back("kubectl on PATH");
        const char* path_env = std::getenv("PATH");
        std::istringstream dirs(path_env ? path_env : "");
        for (std::string d; std::getline(dirs, d, ':');) {
            const auto p = fs::path(d.empty() ? "." : d) / "kubectl";
            if (access(p.c_str(), X_OK) != 0) continue;
            try {
                const auto r = spawn(p.string(), {"kubectl", "version", "--client", "-o", "json"},
                                     {"PATH=/usr/bin:/bin", "HOME=/nonexistent"}, "", 30s, "");
                const auto j = json::parse(r.out, nullptr, false);
                if (!j.is_discarded() && j.contains("clientVersion")) {
                    std::string minor = j["clientVersion"].value("minor", "");
                    minor.erase(std::remove(minor.begin(), minor.end(), '+'), minor.end());
                    const std::string v = "1." + minor;
                    for (const char* known : {"1.33", "1.32", "1.31", "1.30", "1.27"})
                        if (v == known) binaries.push_back({v, p.string()});
                    if (binaries.empty())
                        std::printf("kubectl-real: %s is kubectl %s, which this catalogue does not cover\n", p.c_str(),
                                    v.c_str());
                }
            } catch (const std::exception& e) {
                std::printf("kubectl-real: cannot run %s: %s\n", p.c_str(), e.what());
            }
            break;
        }
    }
    if (binaries.empty()) {
        std::string list;
        for (const auto& l : looked) list += (list.empty() ? "" : ", ") + l;
        std::printf("kubectl-real: skipped: kubectl not found (looked for %s; set KUBECTL_REAL_DIR to a directory "
                    "holding kubectl.1.33 and the like)\n",
                    list.c_str());
        return 77;
    }
    for (const char* v : {"1.33", "1.32", "1.31", "1.30", "1.27"})
        if (std::none_of(binaries.begin(), binaries.end(), [&](const kubectl_binary& k) { return k.version == v; }))
            std::printf("kubectl-real: kubectl %s skipped: no %s\n", v, (bin_dir / ("kubectl." + std::string(v))).c_str());

    std::string tmpl = (fs::temp_directory_path() / "kubectl-real-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) {
        std::perror("kubectl-real: mkdtemp");
        return 1;
    }
    const fs::path root = tmpl;
    const auto wanted = [&](const std::string& name, const std::string& version) {
        return (only_group.empty() || name.find(only_group) != std::string::npos) &&
               (only_version.empty() || version == only_version);
    };
    const auto start = std::chrono::steady_clock::now();
    try {
        for (const auto& k : binaries) {
            if (k.version == "1.33") {
                for (const auto& g : groups) {
                    if (!wanted(g.name, k.version)) continue;
                    served_cluster sc({}, g.setup, root / (g.name + "-" + k.version));
                    session t(sc, k, g.name, root / (g.name + "-" + k.version));
                    g.cases(t);
                }
                if (have_dispatcher && wanted("dispatcher", k.version)) {
                    served_cluster sc({}, core_setup, root / "dispatcher");
                    session t(sc, {"1.33", dispatcher.string()}, "dispatch", root / "dispatcher");
                    dispatcher_cases(t);
                }
            } else if (wanted("compat", k.version)) {
                kubesim::cluster_options copts;
                copts.kubernetes_version = "v" + k.version + ".0";
                const auto dir = root / ("compat-" + k.version);
                served_cluster sc(copts, core_setup, dir);
                session t(sc, k, "compat", dir);
                compat_cases(t);
            }
        }
    } catch (const std::exception& e) {
        std::printf("kubectl-real: error: %s\n", e.what());
        if (!keep) fs::remove_all(root);
        return 1;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!keep) fs::remove_all(root);
    else std::printf("kubectl-real: kept %s\n", root.c_str());

    // The summary: per version, then what failed and what is known to fail.
    // passed, failed, known failures, known failures passing, pending failing, pending passing
    std::map<std::string, std::array<int, 6>> counts;
    int failed = 0;
    for (const auto& o : outcomes) {
        auto& c = counts[o.version];
        const bool pending = o.known.rfind("pending", 0) == 0;
        if (o.known.empty()) ++c[o.passed ? 0 : 1];
        else if (pending) ++c[o.passed ? 5 : 4];
        else ++c[o.passed ? 3 : 2];
        if (o.known.empty() && !o.passed) ++failed;
    }
    std::printf("\nkubectl-real: %zu command lines in %.1fs\n", outcomes.size(), seconds);
    for (const auto& [v, c] : counts)
        std::printf("  kubectl %s: %d passed, %d failed; known failures: %d (%d now pass); pending: %d (%d pass)\n",
                    v.c_str(), c[0], c[1], c[2] + c[3], c[3], c[4] + c[5], c[5]);
    const auto list = [](const char* title, const auto& pred) {
        bool any = false;
        for (const auto& o : outcomes) {
            if (!pred(o)) continue;
            if (!any) std::printf("\n%s\n", title);
            any = true;
            std::printf("  [%s %s] %s\n", o.version.c_str(), o.group.c_str(), o.cmd.c_str());
            if (!o.known.empty()) std::printf("      %s\n", o.known.c_str());
        }
    };
    list("FAILED:", [](const outcome& o) { return o.known.empty() && !o.passed; });
    list("Known failures (differences from Kubernetes):",
         [](const outcome& o) { return !o.known.empty() && o.known.rfind("pending", 0) != 0 && !o.passed; });
    list("Known failures that now pass (remove their mark):",
         [](const outcome& o) { return !o.known.empty() && o.known.rfind("pending", 0) != 0 && o.passed; });
    list("Pending, failing (waiting for work under way):",
         [](const outcome& o) { return o.known.rfind("pending", 0) == 0 && !o.passed; });
    list("Pending, passing (once that work has landed, remove their mark):",
         [](const outcome& o) { return o.known.rfind("pending", 0) == 0 && o.passed; });
    return failed == 0 ? 0 : 1;
}
