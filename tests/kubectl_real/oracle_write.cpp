// kubectl-oracle scenarios: the commands that create and change objects
// (apply, create, run, expose, delete, label, annotate, patch). Each change is
// followed by a `get` that compares the objects the two clusters now hold.
// Manifests are JSON (which is YAML too).
#include "oracle.hpp"

namespace oracle {

namespace {

const char* app_json = R"({"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "labels": {"app": "api"}},
   "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api"}},
            "template": {"metadata": {"labels": {"app": "api"}},
                         "spec": {"containers": [{"name": "api", "image": "hashicorp/http-echo:1.0",
                                                  "args": ["-text=api"],
                                                  "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}]}}}},
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "api-config"}, "data": {"mode": "fast"}}
]}
)";

// app.json changed: new args, env B dropped and C added, a sidecar, a replaced ConfigMap key.
const char* app2_json = R"({"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "labels": {"app": "api"}},
   "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api"}},
            "template": {"metadata": {"labels": {"app": "api"}},
                         "spec": {"containers": [{"name": "api", "image": "hashicorp/http-echo:1.0",
                                                  "args": ["-text=api2"],
                                                  "env": [{"name": "A", "value": "1"}, {"name": "C", "value": "3"}]},
                                                 {"name": "side", "image": "busybox:1.36",
                                                  "command": ["sleep", "3600"]}]}}}},
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "api-config"}, "data": {"level": "high"}}
]}
)";

const char* extra_pod_json = R"({"apiVersion": "v1", "kind": "Pod",
 "metadata": {"name": "extra", "labels": {"app": "extra"}},
 "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}}
)";

const char* odd_json = R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "odd"}, "data": {"a": "b"}}
)";

const char* unknown_field_json = R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "strict"},
 "bogus": 1, "data": {"a": "b"}}
)";

const char* invalid_json = R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"},
 "spec": {"replicas": -1, "selector": {"matchLabels": {"app": "x"}},
          "template": {"metadata": {"labels": {"app": "x"}},
                       "spec": {"containers": [{"name": "x", "image": "busybox:1.36"}]}}}}
)";

const char* ssa_json = R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "ssa-config"},
 "data": {"owner": "ssa"}}
)";

const char* dir_a_json = R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "dir-a"}, "data": {"k": "a"}}
)";
const char* dir_b_json = R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "dir-b"}, "data": {"k": "b"}}
)";

// A Deployment for the strategic merge's finer points: lists merged by key
// (containers, ports, env, volumes), a strategy whose type changes ($retainKeys).
const char* merge_v1_json = R"({"apiVersion": "apps/v1", "kind": "Deployment",
 "metadata": {"name": "merge", "labels": {"app": "merge", "stage": "one"}},
 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "merge"}},
          "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": 1}},
          "template": {"metadata": {"labels": {"app": "merge"}},
                       "spec": {"containers": [{"name": "a", "image": "hashicorp/http-echo:1.0",
                                                "ports": [{"containerPort": 80}, {"containerPort": 81}],
                                                "volumeMounts": [{"name": "scratch", "mountPath": "/scratch"}]},
                                               {"name": "b", "image": "busybox:1.36", "command": ["sleep", "3600"]}],
                                "volumes": [{"name": "scratch", "emptyDir": {}}]}}}}
)";

const char* merge_v2_json = R"({"apiVersion": "apps/v1", "kind": "Deployment",
 "metadata": {"name": "merge", "labels": {"app": "merge"}},
 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "merge"}},
          "strategy": {"type": "Recreate"},
          "template": {"metadata": {"labels": {"app": "merge"}},
                       "spec": {"containers": [{"name": "a", "image": "hashicorp/http-echo:1.0",
                                                "ports": [{"containerPort": 81}, {"containerPort": 82}]}]}}}}
)";

const char* other_ns_json = R"({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "elsewhere", "namespace": "team-a"},
 "data": {"k": "v"}}
)";

const char* unknown_kind_json = R"({"apiVersion": "v1", "kind": "Gadget", "metadata": {"name": "g"}}
)";

const char* no_kind_json = R"({"apiVersion": "v1", "metadata": {"name": "g"}}
)";

scenario base(std::string name) {
    scenario s;
    s.name = std::move(name);
    s.setup = core_setup;
    s.setup_end = core_setup_end;
    return s;
}

void add_apply(std::vector<scenario>& out) {
    auto s = base("apply");
    s.files = {{"app.json", app_json},       {"app2.json", app2_json},       {"extra.json", extra_pod_json},
               {"odd.json", odd_json},       {"unknown.json", unknown_field_json}, {"invalid.json", invalid_json},
               {"ssa.json", ssa_json},       {"dir-a.json", dir_a_json},     {"dir-b.json", dir_b_json}};
    s.steps = {
        cmd("apply -f app.json"),
        cmd("get deploy api -o json"),
        cmd("get cm api-config -o json"),
        cmd("apply -f app.json"),
        cmd("apply -f app2.json"),
        cmd("get deploy api -o json"),
        cmd("get cm api-config -o json"),
        cmd("apply -f app2.json"),
        cmd("apply -f app.json -o name"),
        cmd("get deploy api -o json"),
        cmd("apply -f app2.json --dry-run=server"),
        cmd("apply -f app2.json --dry-run=client"),
        cmd("get deploy api -o json"),
        cmd("apply -f -", extra_pod_json),
        cmd("get pod extra -o json"),
        cmd("create -f odd.json"),
        cmd("apply -f odd.json"),
        cmd("get cm odd -o json"),
        cmd("apply -f nope.json"),
        cmd("apply"),
        cmd("apply -f unknown.json"),
        cmd("apply -f unknown.json --validate=warn"),
        cmd("get cm strict -o json"),
        cmd("apply -f invalid.json"),
        cmd("create -f invalid.json"),
        cmd("apply --server-side -f ssa.json"),
        cmd("apply --server-side -f ssa.json"),
        cmd("get cm ssa-config -o json"),
        cmd(R"(patch cm ssa-config --type=merge -p '{"data":{"owner":"patch"}}')"),
        cmd("apply --server-side -f ssa.json"),
        cmd("apply --server-side --force-conflicts -f ssa.json"),
        cmd("get cm ssa-config -o json"),
        cmd("apply -f odd.json -n team-a"),
        cmd("get cm -n team-a"),
        cmd("apply -f dir-a.json -f dir-b.json"),
        cmd("get cm"),
        cmd("apply -f app.json -o json"),
    };
    out.push_back(std::move(s));
}

void add_create(std::vector<scenario>& out) {
    auto s = base("create");
    s.files = {{"app.json", app_json}};
    s.steps = {
        cmd("create namespace team-b"),
        cmd("get ns team-b -o json"),
        cmd("create namespace default"),
        cmd("create configmap flags --from-literal=a=1 --from-literal=b=2"),
        cmd("get cm flags -o json"),
        cmd("create secret generic token --from-literal=key=s3cr3t"),
        cmd("get secret token -o json"),
        cmd("create deployment hello --image=busybox:1.36 --replicas=2 -- sleep 3600"),
        cmd("get deploy hello -o json"),
        cmd("create deployment multi --image=busybox:1.36 --image=nginx:1.27 --port=80 --dry-run=client -o json"),
        cmd("create deployment"),
        cmd("create service clusterip backend --tcp=80:8080"),
        cmd("get svc backend -o json"),
        cmd("create service nodeport edge --tcp=80:8080 --node-port=30080"),
        cmd("get svc edge"),
        cmd("create service clusterip shown --tcp=80 --dry-run=client -o json"),
        cmd("create configmap shown --from-literal=x=y --dry-run=client -o name"),
        cmd("create -f app.json"),
        cmd("get deploy api -o json"),
        cmd("create -f app.json"),
        cmd("run sleeper --image=busybox:1.36 --labels=app=sleeper --command -- sleep 3600"),
        cmd("get pod sleeper -o json"),
        cmd("run sleeper --image=busybox:1.36"),
        cmd("run napper --image=busybox:1.36 --env=A=1 --port=8080 --restart=Never -- sleep 3600"),
        cmd("get pod napper -o json"),
        cmd("run shown --image=busybox:1.36 --dry-run=client -o json"),
        cmd("run Bad_Name --image=busybox:1.36"),
        cmd("run x"),
        cmd("expose deployment web --name=web-alt --port=8080 --target-port=5678"),
        cmd("get svc web-alt -o json"),
        cmd("expose deployment web --name=web-auto"),
        cmd("get svc web-auto -o json"),
        cmd("expose pod talker"),
        cmd("expose pod talker --port=80 --name=talker-svc --type=NodePort"),
        cmd("get svc talker-svc -o json"),
        cmd("get svc"),
    };
    out.push_back(std::move(s));
}

void add_label(std::vector<scenario>& out) {
    auto s = base("label");
    s.steps = {
        cmd("label pod talker env=prod"),
        cmd("get pod talker --show-labels"),
        cmd("label pod talker env=dev"),
        cmd("label pod talker env=dev --overwrite"),
        cmd("get pod talker --show-labels"),
        cmd("label pod talker env=dev"),
        cmd("label pod talker env-"),
        cmd("label pod talker ghost-"),
        cmd("get pod talker --show-labels"),
        cmd("label pods -l app=web tier=front"),
        cmd("get pods -l tier=front -o name"),
        cmd("label pod nope a=b"),
        cmd("label pod talker"),
        cmd("label pod talker a=b c=d -o name"),
        cmd("label deploy web --dry-run=server team=x"),
        cmd("get deploy web --show-labels"),
        cmd("annotate pod talker note=hello"),
        cmd("annotate pod talker note=bye"),
        cmd("annotate pod talker note=bye --overwrite"),
        cmd("annotate deployment web team=a"),
        cmd("get deployment web -o json"),
        cmd("annotate pod talker note-"),
        cmd("get pod talker -o json"),
        cmd(R"(patch deployment web --type=merge -p '{"spec":{"revisionHistoryLimit":5}}')"),
        cmd("get deployment web -o json"),
        cmd(R"(patch pod talker --type=json -p '[{"op":"add","path":"/metadata/labels/patched","value":"json"}]')"),
        cmd(R"(patch pod talker -p '{"metadata":{"labels":{"patched":"strategic"}}}')"),
        cmd(R"(patch pod talker -p '{"metadata":{"labels":{"patched":"strategic"}}}')"),
        cmd("get pod talker --show-labels"),
        cmd(R"(patch pod nope -p '{"metadata":{"labels":{"a":"b"}}}')"),
        cmd(R"(patch pod talker --type=foo -p '{}')"),
        cmd("patch pod talker"),
        cmd(R"(patch deployment web -p '{"spec":{"replicas":-1}}')"),
        cmd(R"(patch svc web -p '{"spec":{"ports":[{"port":80,"targetPort":8080}]}}')"),
        cmd("get svc web -o json"),
    };
    out.push_back(std::move(s));
}

void add_delete(std::vector<scenario>& out) {
    auto s = base("delete");
    s.files = {{"app.json", app_json}, {"extra.json", extra_pod_json}};
    s.steps = {
        cmd("delete configmap settings"),
        cmd("get cm"),
        cmd("delete configmap settings"),
        cmd("delete configmap settings --ignore-not-found"),
        cmd("delete pod talker --wait=false"),
        cmd("get pod talker"),
        waiting("delete pod crasher", core_setup_end + 30s),
        cmd("get pods"),
        cmd("apply -f extra.json"),
        waiting("delete pod extra", core_setup_end + 2min),
        cmd("get pods"),
        cmd("run forced --image=busybox:1.36 --command -- sleep 3600"),
        cmd("delete pod forced --grace-period=0 --force"),
        cmd("get pods"),
        cmd("delete pod x --force --grace-period=5"),
        cmd("delete pods -l app=web --wait=false"),
        cmd("get pods -o name"),
        cmd("delete svc -l app=web"),
        cmd("delete pods -l app=nothing"),
        cmd("delete pods"),
        cmd("delete"),
        cmd("delete pod nope"),
        cmd("delete secret creds --dry-run=server"),
        cmd("get secret creds -o name"),
        cmd("apply -f app.json"),
        cmd("delete -f app.json --wait=false"),
        cmd("delete -f app.json"),
        cmd("delete deploy --all --wait=false -o name"),
        cmd("get deploy"),
        cmd("delete ns team-a --wait=false"),
        cmd("get ns team-a"),
    };
    out.push_back(std::move(s));
}

void add_apply_merge(std::vector<scenario>& out) {
    auto s = base("apply-merge");
    s.files = {{"merge1.json", merge_v1_json},   {"merge2.json", merge_v2_json}, {"other-ns.json", other_ns_json},
               {"gadget.json", unknown_kind_json}, {"nokind.json", no_kind_json}};
    s.steps = {
        cmd("apply -f merge1.json"),
        cmd("get deploy merge -o json"),
        cmd(R"(patch deploy merge -p '{"spec":{"template":{"metadata":{"annotations":{"by":"hand"}}}}}')"),
        cmd("apply -f merge2.json"),
        cmd("get deploy merge -o json"),
        cmd("apply -f merge1.json"),
        cmd("get deploy merge -o json"),
        cmd("apply -f other-ns.json -n default"),
        cmd("apply -f other-ns.json"),
        cmd("get cm -n team-a"),
        cmd("apply -f gadget.json"),
        cmd("apply -f nokind.json"),
        cmd("apply -f gadget.json -f nokind.json"),
        cmd("apply -f merge1.json --server-side"),
        cmd("apply -f merge2.json --server-side --force-conflicts --field-manager=ops"),
        cmd("get deploy merge -o json"),
        cmd(R"(patch deploy merge -p '{"spec":{"template":{"spec":{"containers":[{"name":"a","image":"hashicorp/http-echo:1.1"}]}}}}')"),
        cmd("get deploy merge -o json"),
        cmd(R"(patch deploy merge --type=json -p '[{"op":"remove","path":"/nope"}]')"),
        cmd("label pods --all swept=yes"),
        cmd("get pods --show-labels"),
        cmd("annotate pods -l app=web note=web"),
    };
    out.push_back(std::move(s));
}

void add_delete_more(std::vector<scenario>& out) {
    auto s = base("delete-more");
    s.files = {{"conf.txt", "color=blue\n"}};
    s.steps = {
        // Identical but for a klog line (wall-clock stamped) client-go sometimes
        // writes about the watch it stopped at the deadline.
        known(waiting("delete pod talker --timeout=5s", core_setup_end + 10s),
              "client-go may log the stopped watch with a wall-clock timestamp"),
        cmd("get pods"),
        waiting("delete deploy web --cascade=orphan", core_setup_end + 20s),
        cmd("get deploy,rs"),
        cmd("delete rs --all --cascade=foreground --wait=false"),
        cmd("get rs"),
        waiting("delete pod crasher --now", core_setup_end + 40s),
        cmd("delete pods --all -n team-a --wait=false"),
        cmd("get pods -n team-a"),
        cmd("delete cm settings -o name"),
        cmd("delete cm settings -o yaml"),
        cmd("delete ns nope"),
        cmd("create configmap fromfile --from-file=conf.txt"),
        cmd("get cm fromfile -o json"),
        cmd("create secret generic keyed --from-file=key=conf.txt"),
        cmd("get secret keyed -o json"),
        cmd("create service clusterip named --tcp=80:http"),
        cmd("get svc named -o json"),
        cmd("create deployment shown --image=busybox:1.36 --dry-run=client -o yaml"),
    };
    out.push_back(std::move(s));
}

}  // namespace

void add_write_scenarios(std::vector<scenario>& out) {
    add_apply(out);
    add_create(out);
    add_label(out);
    add_delete(out);
    add_apply_merge(out);
    add_delete_more(out);
}

}  // namespace oracle
