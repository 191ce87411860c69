// cluster.kubectl for the commands that follow the cluster over time: rollout,
// wait, logs, exec, events. The texts are what kubectl 1.33 printed against
// the same cluster states (tests/kubectl_real/oracle_ops.cpp).
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

std::string web(const std::string& text, int replicas) {
    return R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
      "spec": {"replicas": )" +
           std::to_string(replicas) + R"(, "selector": {"matchLabels": {"app": "web"}},
        "template": {"metadata": {"labels": {"app": "web"}},
          "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0", "args": ["-text=)" + text +
           R"("], "ports": [{"containerPort": 5678}]}]}}}})";
}

const char* pods = R"([
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "talker", "labels": {"app": "talker"}},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36",
                            "command": ["sh", "-c", "echo hello; echo world; sleep 3600"]}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "crasher"},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sh", "-c", "echo attempt; exit 3"]}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "duo"},
   "spec": {"containers": [{"name": "first", "image": "busybox:1.36", "command": ["sh", "-c", "echo one; sleep 3600"]},
                           {"name": "second", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "counter"},
   "spec": {"restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox:1.36",
            "command": ["sh", "-c", "echo one; sleep 2; echo two; sleep 2; echo three"]}]}}
])";

struct fixture {
    kubesim::cluster c;
    fixture() {
        c.init();
        c.apply(web("hello", 2));
        c.apply(pods);
        c.run_for(20min);
    }
};

}  // namespace

TEST_SUITE("kubectl/rollout") {
    TEST_CASE("rollout status follows a rollout event by event, history and undo") {
        fixture f;
        auto r = f.c.kubectl("rollout status deployment/web");
        CHECK(r.exit_code == 0);
        CHECK(r.out == "deployment \"web\" successfully rolled out\n");
        CHECK(f.c.kubectl("rollout history deploy web").out ==
              "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n\n");
        r = f.c.kubectl("rollout undo deployment/web");
        CHECK(r.exit_code == 1);
        CHECK(r.err == "error: no rollout history found for deployment \"web\"\n");

        f.c.apply(web("bye", 2));
        const auto before = f.c.now();
        r = f.c.kubectl("rollout status deployment/web");
        CHECK(f.c.now() > before);  // the command ran the clock
        CHECK(r.out ==
              "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n"
              "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n"
              "Waiting for deployment \"web\" rollout to finish: 1 out of 2 new replicas have been updated...\n"
              "Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...\n"
              "deployment \"web\" successfully rolled out\n");
        r = f.c.kubectl("rollout history deployment/web --revision=2");
        CHECK(r.out ==
              "deployment.apps/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=789f6fdfc6\n"
              "  Containers:\n   echo:\n    Image:\thashicorp/http-echo:1.0\n    Port:\t5678/TCP\n    Host Port:\t0/TCP\n"
              "    Args:\n      -text=bye\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n"
              "  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n");
        CHECK(f.c.kubectl("rollout history deployment/web --revision=7").err ==
              "error: unable to find the specified revision\n");
        CHECK(f.c.kubectl("rollout undo deployment/web --to-revision=2").out ==
              "deployment.apps/web skipped rollback (current template already matches revision 2)\n");
        CHECK(f.c.kubectl("rollout undo deployment/web --to-revision=9").err ==
              "error: unable to find specified revision 9 in history\n");
        CHECK(f.c.kubectl("rollout undo deployment/web").out == "deployment.apps/web rolled back\n");
        f.c.run_for(1min);
        CHECK(f.c.kubectl("rollout history deployment/web").out ==
              "deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n");
    }

    TEST_CASE("pause, resume and restart patch the deployment") {
        fixture f;
        CHECK(f.c.kubectl("rollout pause deployment/web").out == "deployment.apps/web paused\n");
        auto r = f.c.kubectl("rollout pause deployment/web");
        CHECK(r.exit_code == 1);
        CHECK(r.err == "error: deployments.apps \"web\" is already paused\n");
        CHECK(f.c.kubectl("rollout restart deployment/web").err ==
              "error: deployments.apps \"web\" can't restart paused deployment (run rollout resume first)\n");
        // The revision to go back to is looked for before the pause is.
        CHECK(f.c.kubectl("rollout undo deployment/web").err == "error: no rollout history found for deployment \"web\"\n");
        CHECK(f.c.kubectl("rollout resume deployment/web").out == "deployment.apps/web resumed\n");
        CHECK(f.c.kubectl("rollout resume deployment/web").err == "error: deployments.apps \"web\" is not paused\n");
        CHECK(f.c.kubectl("rollout pause pod/talker").err == "error: pods \"talker\" pausing is not supported\n");
        CHECK(f.c.kubectl("rollout status pod/talker").err == "error: no status viewer has been implemented for Pod\n");
        CHECK(f.c.kubectl("rollout status deployment/web --revision=-1").err ==
              "error: revision must be a positive integer: -1\n");

        const auto now = kubesim::sim::to_rfc3339(f.c.now());
        CHECK(f.c.kubectl("rollout restart deployment/web").out == "deployment.apps/web restarted\n");
        const auto d = f.c.client<kubesim::api::deployment>("default").get("web");
        REQUIRE(d);
        CHECK(d->spec.template_.metadata.annotations.at("kubectl.kubernetes.io/restartedAt") == now);
        CHECK(f.c.kubectl("rollout status deployment/web").out.ends_with("deployment \"web\" successfully rolled out\n"));
        CHECK(f.c.kubectl("rollout history deployment/web").out ==
              "deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n");
    }

    TEST_CASE("wait for conditions and deletion on the simulated clock") {
        fixture f;
        CHECK(f.c.kubectl("wait --for=condition=Ready pod/talker").out == "pod/talker condition met\n");
        CHECK(f.c.kubectl("wait --for=condition=Available deploy/web").out == "deployment.apps/web condition met\n");
        CHECK(f.c.kubectl("wait --for=condition=Ready=false pod/crasher").out == "pod/crasher condition met\n");
        const auto start = f.c.now();
        auto r = f.c.kubectl("wait --for=condition=Ready pod/crasher --timeout=3s");
        CHECK(r.exit_code == 1);
        CHECK(r.err == "error: timed out waiting for the condition on pods/crasher\n");
        CHECK(f.c.now() - start == 3s);
        CHECK(f.c.kubectl("wait --for=condition=Ready pod/crasher --timeout=0").err ==
              "error: condition not met for pods/crasher\n");
        CHECK(f.c.kubectl("wait --for=foo pod/talker").err == "error: unrecognized condition: \"foo\"\n");
        CHECK(f.c.kubectl("wait --for=condition=Ready pods -l app=nothing").err == "error: no matching resources found\n");
        CHECK(f.c.kubectl("wait --for=condition=Ready pod/nope").err ==
              "Error from server (NotFound): pods \"nope\" not found\n");
        (void)f.c.client<kubesim::api::pod>("default").remove("talker");
        r = f.c.kubectl("wait --for=delete pod/talker --timeout=60s");
        CHECK(r.out == "pod/talker condition met\n");
        CHECK(f.c.kubectl("get pod talker --ignore-not-found").out.empty());
    }

    TEST_CASE("logs through pods/log") {
        fixture f;
        CHECK(f.c.kubectl("logs talker").out == "hello\nworld\n");
        CHECK(f.c.kubectl("logs talker --tail=1").out == "world\n");
        CHECK(f.c.kubectl("logs talker -c nope").err == "error: container nope is not valid for pod talker\n");
        CHECK(f.c.kubectl("logs talker --previous").err ==
              "Error from server (BadRequest): previous terminated container \"main\" in pod \"talker\" not found\n");
        CHECK(f.c.kubectl("logs crasher -p").out == "attempt\n");
        auto r = f.c.kubectl("logs duo");
        CHECK(r.out == "one\n");
        CHECK(r.err == "Defaulted container \"first\" out of: first, second\n");
        CHECK(f.c.kubectl("logs nope").err ==
              "error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n");
        r = f.c.kubectl("logs deploy/web");
        CHECK(r.err.starts_with("Found 2 pods, using pod/web-"));

        f.c.apply(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "counter2"},
           "spec": {"restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox:1.36",
                    "command": ["sh", "-c", "sleep 5; echo one; sleep 2; echo two"]}]}})");
        f.c.run_for(2s);
        const auto start = f.c.now();
        r = f.c.kubectl("logs -f counter2");
        CHECK(r.out == "one\ntwo\n");
        CHECK(f.c.now() > start + 4s);
    }

    TEST_CASE("exec runs in the container") {
        fixture f;
        CHECK(f.c.kubectl("exec talker -- echo hi there").out == "hi there\n");
        auto r = f.c.kubectl("exec talker -- sh -c 'exit 3'");
        CHECK(r.exit_code == 3);
        CHECK(r.err == "command terminated with exit code 3\n");
        CHECK(f.c.kubectl("exec talker -c nope -- ls").err ==
              "Error from server (BadRequest): container nope is not valid for pod talker\n");
        r = f.c.kubectl("exec duo -- hostname");
        CHECK(r.out == "duo\n");
        CHECK(r.err == "Defaulted container \"first\" out of: first, second\n");
        CHECK(f.c.kubectl("exec -i talker -- cat", "some input\n").out == "some input\n");
        CHECK(f.c.kubectl("exec talker").err == "error: you must specify at least one command for the container\n");
        CHECK(f.c.kubectl("exec crasher -- ls").err == "error: container main is not running (pod crasher)\n");
    }

    TEST_CASE("events in kubectl's table, aged against the simulated clock") {
        kubesim::cluster c;
        c.init();
        c.apply(R"({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "talker"},
           "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}})");
        c.run_for(20min + 30s);
        auto r = c.kubectl("events --for pod/talker");
        CHECK(r.out.starts_with("LAST SEEN   TYPE     REASON      OBJECT       MESSAGE\n"
                                "20m         Normal   Scheduled   Pod/talker   Successfully assigned default/talker to "));
        CHECK(r.out.ends_with("20m         Normal   Started     Pod/talker   Started container main\n"));
        CHECK(c.kubectl("events --types=Warning").err == "No events found in default namespace.\n");
        CHECK(c.kubectl("events --types=Foo").err == "error: valid --types are Normal or Warning\n");
    }
}
