// kubectl-oracle scenarios: nodes (cordon, uncordon, drain, taint), scale, set
// image and set env, and the discovery and information commands (api-resources,
// api-versions, version, cluster-info, explain).
#include "oracle.hpp"

namespace oracle {

namespace {

// Pods pinned to node-3: `solo` (no controller) and the one replica of `api`.
const char* pinned_manifests = R"([
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "solo", "labels": {"app": "solo"}},
   "spec": {"nodeName": "node-3",
            "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}},
  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api", "labels": {"app": "api"}},
   "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api"}},
            "template": {"metadata": {"labels": {"app": "api"}},
                         "spec": {"nodeName": "node-3",
                                  "containers": [{"name": "main", "image": "busybox:1.36",
                                                  "command": ["sleep", "3600"]}]}}}}
])";

void nodes_setup(kubesim::cluster& c) {
    c.apply(pinned_manifests);
    core_setup(c);
}

}  // namespace

void add_nodes_scenarios(std::vector<scenario>& out) {
    {
        scenario s;
        s.name = "nodes";
        s.setup = nodes_setup;
        s.setup_end = core_setup_end;
        s.steps = {
            cmd("get nodes"),
            cmd("cordon node-1"),
            cmd("get nodes"),
            cmd("cordon node-1"),
            cmd("cordon node-1 node-2"),
            cmd("uncordon node-1"),
            cmd("uncordon node-1"),
            cmd("uncordon node/node-2"),
            cmd("get nodes"),
            cmd("cordon nope"),
            cmd("cordon"),
            cmd("uncordon node-1 nope"),
            cmd("taint nodes node-1 dedicated=infra:NoSchedule"),
            cmd("get node node-1 -o json"),
            cmd("taint nodes node-1 dedicated=infra:NoSchedule"),
            cmd("taint nodes node-1 dedicated=other:NoSchedule --overwrite"),
            cmd("taint node node-1 gpu:NoExecute spot=yes:PreferNoSchedule"),
            cmd("get node node-1 -o json"),
            cmd("taint nodes node-1 dedicated:NoSchedule-"),
            cmd("taint nodes node-1 dedicated-"),
            cmd("taint nodes node-1 gpu- spot-"),
            cmd("get node node-1 -o json"),
            cmd("taint nodes node-1 a=b:Bogus"),
            cmd("taint nodes node-1 a=b"),
            cmd("taint nodes node-1"),
            cmd("taint nodes"),
            cmd("taint pods talker a=b:NoSchedule"),
            cmd("taint nodes nope a=b:NoSchedule"),
            cmd("taint nodes node-1 a=b:NoSchedule a-"),
            cmd("taint nodes node-1 a=b:NoSchedule node-2"),
            cmd("get pods -o wide"),
            cmd("drain node-3"),
            cmd("get nodes"),
            cmd("drain node-3 --pod-selector=app=api --grace-period=0"),
            cmd("get pods -l app=api -o wide"),
            cmd("drain node-3 --pod-selector=app=solo --force --grace-period=0"),
            cmd("get pods -o wide"),
            cmd("drain node-3 --pod-selector=app=nothing"),
            cmd("drain nope"),
            cmd("drain"),
            cmd("drain node-3 --pod-selector='app in ('"),
            cmd("uncordon node-3"),
            cmd("get nodes"),
            cmd("cordon node-1 --dry-run=client"),
            cmd("cordon node-1 --dry-run=server"),
            cmd("get nodes"),
            cmd("taint nodes --all role=x:NoSchedule"),
            cmd("taint nodes -l kubernetes.io/hostname=node-2 role-"),
            cmd("taint nodes --all role-"),
            cmd("taint nodes --all -l a=b role-"),
            cmd("get nodes -o json"),
            cmd("drain node-2 --dry-run=client --pod-selector=app=web"),
            cmd("get nodes"),
            cmd("drain node-2 --disable-eviction --pod-selector=app=crasher --force --grace-period=0"),
            cmd("drain node-1 --pod-selector=app=talker --force --grace-period=0 --timeout=30s"),
            cmd("drain -l kubernetes.io/hostname=node-2 --pod-selector=app=nothing"),
            cmd("drain node-1 -l a=b"),
            cmd("get pods -o wide"),
            cmd("uncordon -l kubernetes.io/os=linux"),
            cmd("cordon node-1 -o name"),
            cmd("taint nodes node-1 k=v:NoSchedule -o name"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "scale-set";
        s.setup = core_setup;
        s.setup_end = core_setup_end;
        s.steps = {
            cmd("scale deployment web --replicas=3"),
            cmd("get deploy web"),
            cmd("scale deploy/web --replicas=1 --current-replicas=2"),
            cmd("scale deploy/web --replicas=2 --current-replicas=3"),
            cmd("get deploy web"),
            cmd("scale deploy nope --replicas=1"),
            cmd("scale deploy web"),
            cmd("scale deploy web --replicas=-1"),
            cmd("scale deploy --all --replicas=2"),
            cmd("scale deploy -l app=web --replicas=2"),
            cmd("scale pod talker --replicas=2"),
            cmd("scale"),
            cmd("scale deploy web --replicas=4 --dry-run=server"),
            cmd("scale deploy web --replicas=3 -o name"),
            cmd("scale deploy web --replicas=2 --dry-run=client"),
            cmd("get deploy web"),
            cmd("set image deployment/web echo=hashicorp/http-echo:1.1"),
            cmd("get deploy web -o wide"),
            cmd("set image deployment/web nope=x"),
            cmd("set image deploy/web echo=hashicorp/http-echo:1.1"),
            cmd("set image deploy web"),
            cmd("set image pod/talker main=busybox:1.37"),
            cmd("get pod talker -o json"),
            cmd("set env deployment/web COLOR=blue SIZE=large"),
            cmd("set env deployment/web --list"),
            cmd("set env deployment/web COLOR=red"),
            cmd("set env deployment/web COLOR=green --overwrite=false"),
            cmd("set env deployment/web SIZE-"),
            cmd("set env deployment/web --list"),
            cmd("set env deployment/web -e X=1 -c echo"),
            cmd("set env deployment/web -c nope Y=2"),
            cmd("set env deployment/web A=1 A-"),
            cmd("set env deployment/web 1A=2"),
            cmd("get deploy web -o json"),
            cmd("set env pod/talker --list"),
            cmd("set image deploy/web *=hashicorp/http-echo:1.2"),
            cmd("set image deploy/web echo=hashicorp/http-echo:1.3 --dry-run=client"),
            cmd("set image deploy/web echo=hashicorp/http-echo:1.3 --dry-run=server"),
            cmd("get deploy web -o wide"),
            cmd("set env deploy/web --from=configmap/settings --keys=color"),
            cmd("set env deploy/web --list"),
            cmd("set env deploy/web -e BAD"),
            cmd("set env deploy/web --keys=color"),
            cmd("set env deploy web Z=1"),
            cmd("set env deploy/web Z=1 other"),
            cmd("set env deploy/web Z=2 -o name"),
            cmd("set env deployment/web"),
            cmd("set env"),
            cmd("set foo"),
        };
        out.push_back(std::move(s));
    }
    {
        scenario s;
        s.name = "info";
        s.setup = core_setup;
        s.setup_end = core_setup_end;
        s.steps = {
            cmd("api-resources"),
            cmd("api-resources --namespaced=false"),
            cmd("api-resources --namespaced=true -o name"),
            cmd("api-resources -o wide"),
            cmd("api-resources --api-group=apps"),
            cmd("api-resources --api-group="),
            cmd("api-resources --no-headers --sort-by=kind"),
            cmd("api-resources --sort-by=name"),
            cmd("api-resources --verbs=list,watch --api-group=apps -o wide"),
            cmd("api-resources -o json"),
            cmd("api-resources --sort-by=foo"),
            cmd("api-resources extra"),
            cmd("api-versions"),
            cmd("version"),
            cmd("version --client"),
            cmd("version -o json"),
            cmd("version -o yaml"),
            cmd("version --client -o json"),
            cmd("version -o foo"),
            cmd("version extra"),
            cmd("cluster-info"),
            cmd("explain pods"),
            cmd("explain pods.spec.containers"),
            cmd("explain deployment.spec.replicas"),
            cmd("explain svc.spec --recursive"),
            cmd("explain deploy --api-version=apps/v1"),
            cmd("explain pods.spec.nope"),
            cmd("explain pods.spec.containers.env"),
            cmd("explain deployments.apps"),
            cmd("explain pods --recursive"),
            cmd("explain nodes.status.conditions"),
            cmd("explain cm.data"),
            cmd("explain pods.spec --api-version=v2"),
            cmd("explain pods nodes"),
            cmd("api-resources --categories=all"),
            cmd("api-resources -o name --api-group=apps"),
            cmd("version --client -o yaml"),
            cmd("explain foo"),
            cmd("explain"),
        };
        s.options.kubectl_server_url = "{{url}}";
        out.push_back(std::move(s));
    }
}

}  // namespace oracle
