// kubectl-oracle scenarios: describe.
#include "oracle.hpp"

namespace oracle {

namespace {

// Applied before core_setup's objects, at boot: a pod no node fits, a NodePort
// and a headless Service, and Deployment api whose second revision (at 1m)
// pulls an image that does not exist, so its rollout stays half done.
const char* describe_extra = R"([
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pending", "labels": {"app": "pending"}},
   "spec": {"nodeSelector": {"disktype": "nvme"},
            "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}},
  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web-np"},
   "spec": {"type": "NodePort", "selector": {"app": "web"},
            "ports": [{"name": "http", "port": 80, "targetPort": 5678, "nodePort": 30080}]}},
  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web-headless"},
   "spec": {"clusterIP": "None", "clusterIPs": ["None"], "selector": {"app": "web"}, "ports": [{"port": 5678}]}},
  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "labels": {"app": "api"}},
   "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "api"}},
            "template": {"metadata": {"labels": {"app": "api"}},
                         "spec": {"containers": [{"name": "main", "image": "busybox:1.36",
                                                  "command": ["sleep", "3600"],
                                                  "resources": {"requests": {"cpu": "100m", "memory": "64Mi"},
                                                                "limits": {"memory": "128Mi"}}}]}}}},
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one-key", "labels": {"app": "cfg"}},
   "data": {"greeting": "hello\nworld"}}
])";

const char* describe_api_v2 = R"({"apiVersion": "apps/v1", "kind": "Deployment",
  "metadata": {"name": "api", "labels": {"app": "api"}},
  "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "api"}},
           "template": {"metadata": {"labels": {"app": "api"}},
                        "spec": {"containers": [{"name": "main", "image": "busybox:does-not-exist",
                                                 "command": ["sleep", "3600"],
                                                 "resources": {"requests": {"cpu": "100m", "memory": "64Mi"},
                                                               "limits": {"memory": "128Mi"}}}]}}}})";

void describe_setup(kubesim::cluster& c) {
    c.apply(describe_extra);
    run_to(c, 1min);
    c.apply(describe_api_v2);
    core_setup(c);
}

}  // namespace

void add_describe_scenarios(std::vector<scenario>& out) {
    scenario s;
    s.name = "describe";
    s.setup = describe_setup;
    s.setup_end = core_setup_end;
    s.steps = {
        // pods
        cmd("describe pod talker"),
        cmd("describe pods/talker"),
        cmd("describe po talker --show-events=false"),
        cmd("describe pod pending --show-events=false"),
        known(cmd("describe pod pending"),
              "FailedScheduling repeats every 5 minutes, so its age is seconds old and kubectl reads it off the wall "
              "clock"),
        cmd("describe pod crasher --show-events=false"),
        known(cmd("describe pod crasher"),
              "the crash loop keeps its events minutes old: kubectl's ages from the wall clock drift by seconds"),
        cmd("describe pod -l app=web"),
        cmd("describe pod web"),
        cmd("describe pods -n team-a"),
        cmd("describe pod worker -n team-a"),
        cmd("describe pods -A -l app=worker"),
        cmd("describe pod talker nope"),
        // workloads
        cmd("describe deployment web"),
        cmd("describe deploy/api"),
        cmd("describe deployments -l app=api"),
        cmd("describe rs"),
        // services and their slices
        cmd("describe svc web"),
        cmd("describe service web-np"),
        cmd("describe svc web-headless"),
        cmd("describe svc"),
        cmd("describe endpointslices"),
        cmd("describe endpointslice web-np"),
        // nodes and namespaces
        cmd("describe node node-1"),
        cmd("describe nodes"),
        cmd("describe no node-2 node-3"),
        cmd("describe ns team-a"),
        cmd("describe namespaces"),
        // config
        cmd("describe cm one-key"),
        known(cmd("describe cm settings"), "kubectl 1.33 ranges over the Data map: its keys come in random order"),
        cmd("describe secret creds"),
        cmd("describe secrets"),
        // errors
        cmd("describe pod nope"),
        cmd("describe pod/nope"),
        cmd("describe pods nope1 nope2"),
        cmd("describe pods -l app=nothing"),
        cmd("describe pods -A -l app=nothing"),
        cmd("describe foo"),
        cmd("describe foo bar"),
        cmd("describe"),
        cmd("describe pods --bogus"),
        cmd("describe pod talker svc/web"),
    };
    out.push_back(std::move(s));
}

}  // namespace oracle
