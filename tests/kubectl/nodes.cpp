// cluster.kubectl's node, scale, set and information commands: texts recorded
// from kubectl 1.33 against the same cluster states (tests/kubectl_real/oracle_nodes.cpp).
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

const char* manifests = R"([
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "solo", "labels": {"app": "solo"}},
   "spec": {"nodeName": "node-3",
            "containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}},
  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0",
                                                  "args": ["-text=hello"]}]}}}}
])";

struct fixture {
    kubesim::cluster c;
    fixture() {
        c.init();
        c.apply(manifests);
        c.run_for(5min);
    }
};

}  // namespace

TEST_SUITE("kubectl nodes") {
    TEST_CASE("cordon and uncordon say what changed") {
        fixture f;
        auto r = f.c.kubectl("cordon node-1");
        CHECK(r.exit_code == 0);
        CHECK(r.out == "node/node-1 cordoned\n");
        CHECK(f.c.kubectl("cordon node-1 node-2").out == "node/node-1 already cordoned\nnode/node-2 cordoned\n");
        CHECK(f.c.kubectl("uncordon node/node-2").out == "node/node-2 uncordoned\n");
        r = f.c.kubectl("cordon");
        CHECK(r.exit_code == 1);
        CHECK(r.err == "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n");
        r = f.c.kubectl("uncordon node-1 nope");
        CHECK(r.err == "Error from server (NotFound): nodes \"nope\" not found\n");
        CHECK(f.c.kubectl("get nodes").out.find("node-1   Ready,SchedulingDisabled") != std::string::npos);
    }

    TEST_CASE("taint adds, overwrites and removes taints") {
        fixture f;
        CHECK(f.c.kubectl("taint nodes node-1 dedicated=infra:NoSchedule").out == "node/node-1 tainted\n");
        auto r = f.c.kubectl("taint nodes node-1 dedicated=infra:NoSchedule");
        CHECK(r.exit_code == 1);
        CHECK(r.err == "error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n");
        CHECK(f.c.kubectl("taint nodes node-1 dedicated=other:NoSchedule --overwrite").out == "node/node-1 modified\n");
        CHECK(f.c.kubectl("taint nodes node-1 dedicated:NoSchedule-").out == "node/node-1 untainted\n");
        r = f.c.kubectl("taint nodes node-1 dedicated-");
        CHECK(r.err == "error: taint \"dedicated\" not found\n");
        r = f.c.kubectl("taint nodes node-1 a=b:Bogus");
        CHECK(r.err == "error: invalid taint effect: Bogus, unsupported taint effect\n"
                       "See 'kubectl taint -h' for help and examples\n");
        r = f.c.kubectl("taint pods talker a=b:NoSchedule");
        CHECK(r.err == "error: invalid resource type pods, only node types are supported\n");
    }

    TEST_CASE("drain refuses unmanaged pods, then evicts them with --force and waits on the simulated clock") {
        fixture f;
        auto r = f.c.kubectl("drain node-3 --pod-selector=app=solo");
        CHECK(r.exit_code == 1);
        CHECK(r.out == "node/node-3 cordoned\n");
        CHECK(r.err == "error: unable to drain node \"node-3\" due to error: cannot delete cannot delete Pods that "
                       "declare no controller (use --force to override): default/solo, continuing command...\n"
                       "There are pending nodes to be drained:\n node-3\n"
                       "cannot delete cannot delete Pods that declare no controller (use --force to override): "
                       "default/solo\n");
        const auto before = f.c.now();
        r = f.c.kubectl("drain node-3 --pod-selector=app=solo --force");
        CHECK(r.exit_code == 0);
        CHECK(r.err == "Warning: deleting Pods that declare no controller: default/solo\n");
        CHECK(r.out == "node/node-3 already cordoned\nevicting pod default/solo\npod/solo evicted\n"
                       "node/node-3 drained\n");
        CHECK(f.c.now() > before);  // the pod had its grace period to terminate
        CHECK(f.c.kubectl("get pod solo").err == "Error from server (NotFound): pods \"solo\" not found\n");
    }

    TEST_CASE("drain --timeout gives up on the simulated clock") {
        fixture f;
        f.c.apply(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "stubborn"},
                      "spec": {"nodeName": "node-2", "terminationGracePeriodSeconds": 600,
                               "containers": [{"name": "main", "image": "busybox:1.36",
                                               "command": ["sh", "-c", "trap '' TERM; sleep 3600"]}]}})");
        f.c.run_for(30s);
        const auto before = f.c.now();
        auto r = f.c.kubectl("drain node-2 --pod-selector=app!=web --force --timeout=5s");
        CHECK(r.exit_code == 1);
        CHECK(r.out == "node/node-2 cordoned\nevicting pod default/stubborn\n");
        const std::string why = "error when waiting for pod \"stubborn\" in namespace \"default\" to terminate: "
                                "context deadline exceeded";
        CHECK(r.err == "Warning: deleting Pods that declare no controller: default/stubborn\n"
                       "There are pending pods in node \"node-2\" when an error occurred: " + why + "\npod/stubborn\n"
                       "error: unable to drain node \"node-2\" due to error: " + why + ", continuing command...\n"
                       "There are pending nodes to be drained:\n node-2\n" + why + "\n");
        CHECK(f.c.now() - before <= 7s);
    }

    TEST_CASE("scale and set change the deployment through the API") {
        fixture f;
        CHECK(f.c.kubectl("scale deployment web --replicas=3").out == "deployment.apps/web scaled\n");
        auto r = f.c.kubectl("scale deploy/web --replicas=1 --current-replicas=2");
        CHECK(r.exit_code == 1);
        CHECK(r.err == "error: Expected replicas to be 2, was 3\n");
        r = f.c.kubectl("scale deploy web");
        CHECK(r.err == "error: required flag(s) \"replicas\" not set\n");
        CHECK(f.c.kubectl("set image deployment/web echo=hashicorp/http-echo:1.1").out ==
              "deployment.apps/web image updated\n");
        r = f.c.kubectl("set image deployment/web nope=x");
        CHECK(r.err == "error: unable to find container named \"nope\"\n");
        CHECK(f.c.kubectl("set env deployment/web COLOR=blue SIZE=large").out == "deployment.apps/web env updated\n");
        CHECK(f.c.kubectl("set env deployment/web SIZE-").out == "deployment.apps/web env updated\n");
        CHECK(f.c.kubectl("set env deployment/web --list").out == "# Deployment web, container echo\nCOLOR=blue\n");
        r = f.c.kubectl("set env deployment/web COLOR=green --overwrite=false");
        CHECK(r.err == "error: deployments/web 'COLOR' already has a value (blue), and --overwrite is false\n");
    }

    TEST_CASE("version, api-versions, cluster-info and explain") {
        fixture f;
        CHECK(f.c.kubectl("version").out ==
              "Client Version: v1.33.1\nKustomize Version: v5.6.0\nServer Version: v1.33.0\n");
        CHECK(f.c.kubectl("api-versions").out == "apps/v1\ncoordination.k8s.io/v1\ndiscovery.k8s.io/v1\nv1\n");
        CHECK(f.c.kubectl("cluster-info").out ==
              "Kubernetes control plane is running at https://127.0.0.1:6443\n"
              "CoreDNS is running at https://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\n"
              "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
        CHECK(f.c.kubectl("explain deployment.spec.replicas").out ==
              "GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: replicas <integer>\n\n\n"
              "DESCRIPTION:\n    How many pods to run. Defaults to 1.\n    \n\n");
        auto r = f.c.kubectl("explain foo");
        CHECK(r.exit_code == 1);
        CHECK(r.err == "the server doesn't have a resource type \"foo\"\n");
    }
}
