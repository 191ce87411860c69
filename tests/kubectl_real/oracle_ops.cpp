// kubectl-oracle scenarios: the commands that follow the cluster over time
// (rollout, wait, logs, exec, events).
#include "oracle.hpp"

#include <nlohmann/json.hpp>

namespace oracle {

namespace {

// Deployment web with a new pod template (and replicas): a rollout.
std::string web_manifest(const std::string& text, int replicas) {
    return R"({"apiVersion": "apps/v1", "kind": "Deployment",
   "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"replicas": )" +
           std::to_string(replicas) + R"(, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0",
                                                  "args": ["-text=)" +
           text + R"("], "ports": [{"containerPort": 5678}]}]}}}})";
}

const char* ops_extra = R"([
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "duo", "labels": {"app": "duo"}},
   "spec": {"containers": [{"name": "first", "image": "busybox:1.36",
                            "command": ["sh", "-c", "echo from first; sleep 3600"]},
                           {"name": "second", "image": "busybox:1.36",
                            "command": ["sh", "-c", "echo from second; sleep 3600"]}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "done", "labels": {"app": "done"}},
   "spec": {"restartPolicy": "Never",
            "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sh", "-c", "echo finished"]}]}}
])";

void ops_setup(kubesim::cluster& c) {
    c.apply(ops_extra);
    core_setup(c);
}

// A quiet cluster (nothing crash-looping) whose events are all about 20 minutes old.
const char* quiet_manifests = R"([
  {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "team-a"}},
  {"apiVersion": "apps/v1", "kind": "Deployment",
   "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0",
                                                  "args": ["-text=hello"]}]}}}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "talker"},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36",
                            "command": ["sh", "-c", "echo hello; sleep 3600"]}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "done"},
   "spec": {"restartPolicy": "Never",
            "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sh", "-c", "echo finished"]}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "worker", "namespace": "team-a"},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}}
])";

constexpr duration quiet_end = 20min + 30s;

// This branch's JSONPath is an interim placeholder; the real one lands in main.

void quiet_setup(kubesim::cluster& c) {
    c.apply(quiet_manifests);
    run_to(c, quiet_end);
}

}  // namespace

void add_ops_scenarios(std::vector<scenario>& out) {
    {
        scenario s;
        s.name = "rollout";
        s.setup = core_setup;
        s.setup_end = core_setup_end;
        const duration t0 = core_setup_end;
        s.steps = {
            cmd("rollout status deployment/web"),
            cmd("rollout status deploy web"),
            cmd("rollout status deployment/web --watch=false"),
            cmd("rollout history deployment/web"),
            cmd("rollout history deploy/web --revision=1"),
            cmd("rollout history deploy/web --revision=7"),
            cmd("rollout undo deployment/web"),
            cmd("rollout status deployment/nope"),
            cmd("rollout status pod/talker"),
            cmd("rollout status"),
            cmd("rollout history deploy/nope"),
            cmd("rollout status deployment/web --revision=-1"),
            cmd("rollout status deployment/web --revision=3"),
            act([](kubesim::cluster& c) { c.apply(web_manifest("bye", 2)); }),
            waiting("rollout status deployment/web", t0 + 60s),
            cmd("rollout history deployment/web"),
            cmd("rollout history deployment/web --revision=2"),
            cmd("rollout undo deployment/web --to-revision=2"),
            cmd("rollout undo deployment/web --to-revision=9"),
            cmd("rollout undo deployment/web"),
            waiting("rollout status deploy/web", t0 + 120s),
            cmd("rollout history deployment/web"),
            cmd("get rs"),
            cmd("rollout pause deployment/web"),
            cmd("rollout pause deployment/web"),
            cmd("rollout restart deployment/web"),
            cmd("rollout undo deployment/web"),
            cmd("rollout resume deployment/web"),
            cmd("rollout resume deployment/web"),
            cmd("rollout restart deployment/web"),
            waiting("rollout status deployment/web", t0 + 180s),
            cmd("rollout history deployment/web"),
            cmd("rollout pause pod/talker"),
            cmd("rollout restart deployment/nope"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "rollout-progress";
        s.setup = core_setup;
        s.setup_end = core_setup_end;
        s.steps = {
            act([](kubesim::cluster& c) { c.apply(web_manifest("three", 3)); }),
            waiting("rollout status deployment/web", core_setup_end + 60s),
            act([](kubesim::cluster& c) { c.apply(web_manifest("four", 3)); }),
            waiting("rollout status deployment/web --timeout=2s", core_setup_end + 62s),
            cmd("rollout history deployment/web"),
        };
        out.push_back(std::move(s));
    }
    {
        // A rollout that cannot finish: its image does not exist.
        scenario s;
        s.name = "rollout-stuck";
        s.setup = core_setup;
        s.setup_end = core_setup_end;
        const duration t0 = core_setup_end;
        s.steps = {
            act([](kubesim::cluster& c) {
                auto m = nlohmann::json::parse(web_manifest("x", 2));
                m["spec"]["template"]["spec"]["containers"][0]["image"] = "example.com/missing:1";
                c.apply(m);
            }),
            waiting("rollout status deployment/web --timeout=5s", t0 + 5s),
            cmd("rollout status deployment/web --watch=false"),
            cmd("rollout history deployment/web"),
            cmd("rollout undo deployment/web"),
            waiting("rollout status deploy web", t0 + 30s),
            cmd("rollout history deployment/web"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "logs-follow";
        s.setup = core_setup;
        s.setup_end = core_setup_end;
        const duration t0 = core_setup_end;
        s.steps = {
            act([](kubesim::cluster& c) {
                c.apply(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "counter"},
                  "spec": {"restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox:1.36",
                           "command": ["sh", "-c", "sleep 3; echo one; sleep 2; echo two; sleep 2; echo three"]}]}})");
            }),
            waiting("wait --for=condition=Ready pod/counter", t0 + 2s),
            waiting("logs -f counter", t0 + 12s),
            cmd("logs counter --timestamps"),
            cmd("logs counter --tail=2"),
            cmd("wait --for=condition=Ready=false pod/counter"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "wait";
        s.setup = ops_setup;
        s.setup_end = core_setup_end;
        const duration t0 = core_setup_end;
        s.steps = {
            cmd("wait --for=condition=Ready pod/talker"),
            cmd("wait --for=condition=ready pod talker duo"),
            cmd("wait --for=condition=Available deploy/web"),
            cmd("wait --for=condition=Ready pods -l app=web"),
            cmd("wait --for=condition=Ready=false pod/crasher"),
            waiting("wait --for=condition=Ready pod/crasher --timeout=3s", t0 + 3s),
            cmd("wait --for=condition=Ready pod/nope"),
            cmd("wait --for=condition=Ready pods -l app=nothing"),
            cmd("wait --for=foo pod/talker"),
            cmd("wait pod/talker"),
            cmd("wait --for=condition=Ready"),
            cmd("wait --for=delete pod/nope"),
            cmd("wait --for=condition=Ready pod/talker --timeout=0"),
            cmd("wait --for=condition=Ready pod/crasher --timeout=0"),
            cmd("wait --for=jsonpath={.status.phase}=Running pod/talker"),
            cmd("wait --for=jsonpath={.status.phase} pod/talker"),
            cmd("wait --for=jsonpath='{.status.containerStatuses[0].ready}'=true pod/talker"),
            cmd("wait --for=jsonpath= pod/talker"),
            cmd("wait --for=jsonpath={.a}={.b}={.c} pod/talker"),
            cmd("wait --for=condition=Ready pods --all -n team-a"),
            act([](kubesim::cluster& c) { (void)c.client<kubesim::api::pod>("default").remove("talker"); }),
            waiting("wait --for=delete pod/talker --timeout=60s", t0 + 40s),
            cmd("wait --for=delete pod/talker"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "logs";
        s.setup = ops_setup;
        s.setup_end = core_setup_end;
        s.steps = {
            cmd("logs talker"),
            cmd("logs pod/talker"),
            cmd("logs talker -c main"),
            cmd("logs talker -c nope"),
            cmd("logs talker --previous"),
            cmd("logs crasher --previous"),
            cmd("logs crasher -p"),
            cmd("logs talker --tail=1"),
            cmd("logs talker --timestamps"),
            cmd("logs duo"),
            cmd("logs duo -c second"),
            cmd("logs deploy/web"),
            cmd("logs -l app=talker"),
            cmd("logs -l app=duo -c second --prefix"),
            cmd("logs deploy/nope"),
            cmd("logs -l app=talker --tail=1 --timestamps"),
            cmd("logs talker extra"),
            cmd("logs talker --limit-bytes=3"),
            cmd("logs nope"),
            cmd("logs"),
            cmd("logs done"),
            cmd("logs worker -n team-a"),
            cmd("logs talker --since=1h"),
            cmd("logs talker --since=1s"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "exec";
        s.setup = ops_setup;
        s.setup_end = core_setup_end;
        s.steps = {
            cmd("exec talker -- echo hi there"),
            cmd("exec talker -- sh -c 'echo out; echo err >&2; exit 3'"),
            cmd("exec talker -- sh -c 'exit 3'"),
            cmd("exec talker -c nope -- ls"),
            cmd("exec duo -- hostname"),
            cmd("exec duo -c second -- hostname"),
            cmd("exec -i talker -- cat", "some input\n"),
            cmd("exec nope -- ls"),
            cmd("exec talker"),
            cmd("exec done -- ls"),
            cmd("exec talker -- nosuchcommand"),
            cmd("exec -n team-a worker -- hostname"),
            cmd("exec deploy/web -- hostname"),
            cmd("exec crasher -- ls"),
            cmd("exec talker ls"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "events";
        s.setup = quiet_setup;
        s.setup_end = quiet_end;
        s.steps = {
            cmd("events"),
            cmd("events --for pod/talker"),
            cmd("events --for=deployment/web"),
            cmd("events --types=Warning"),
            cmd("events --types=Normal,Warning -n team-a"),
            cmd("events -A"),
            cmd("events --types=Foo"),
            cmd("events --for pod/nope"),
            cmd("events --no-headers --for pod/done"),
        };
        out.push_back(std::move(s));
    }
}

}  // namespace oracle
