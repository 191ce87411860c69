// cluster.kubectl's writing commands: what they print (recorded from real
// kubectl 1.33 in the oracle, tests/kubectl_real/oracle_write.cpp) and what
// they leave in the cluster.
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

const char* web = R"([
  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web", "labels": {"app": "web"}},
   "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}},
                         "spec": {"containers": [{"name": "echo", "image": "hashicorp/http-echo:1.0",
                                                  "ports": [{"containerPort": 5678}]}]}}}},
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "talker", "labels": {"app": "talker"}},
   "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}},
  {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "settings"}, "data": {"color": "blue"}}
])";

const char* api_manifest = R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"},
 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api"}},
          "template": {"metadata": {"labels": {"app": "api"}},
                       "spec": {"containers": [{"name": "api", "image": "hashicorp/http-echo:1.0",
                                                "env": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]}]}}}})";

const char* api_manifest2 = R"({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "api"},
 "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "api"}},
          "template": {"metadata": {"labels": {"app": "api"}},
                       "spec": {"containers": [{"name": "api", "image": "hashicorp/http-echo:1.0",
                                                "env": [{"name": "A", "value": "1"}]}]}}}})";

struct fixture {
    kubesim::cluster c;
    fixture() {
        c.init();
        c.apply(web);
        c.run_for(2min);
    }
};

}  // namespace

TEST_CASE("kubectl apply: created, unchanged, configured through the three-way strategic patch") {
    fixture f;
    auto r = f.c.kubectl("apply -f -", api_manifest);
    CHECK(r.exit_code == 0);
    CHECK(r.out == "deployment.apps/api created\n");
    r = f.c.kubectl("apply -f -", api_manifest);
    CHECK(r.out == "deployment.apps/api unchanged\n");
    r = f.c.kubectl("apply -f -", api_manifest2);
    CHECK(r.out == "deployment.apps/api configured\n");
    const auto d = f.c.client<kubesim::api::deployment>().get("api").value();
    REQUIRE(d.spec.template_.spec.containers.size() == 1);
    CHECK(d.spec.template_.spec.containers[0].env.size() == 1);
    r = f.c.kubectl("apply -f nope.yaml");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: the path \"nope.yaml\" does not exist\n");
}

TEST_CASE("kubectl create, run and expose") {
    fixture f;
    CHECK(f.c.kubectl("create namespace team-b").out == "namespace/team-b created\n");
    auto r = f.c.kubectl("create namespace default");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "Error from server (AlreadyExists): namespaces \"default\" already exists\n");
    CHECK(f.c.kubectl("create configmap flags --from-literal=a=1").out == "configmap/flags created\n");
    CHECK(f.c.kubectl("create deployment hello --image=busybox:1.36 -- sleep 3600").out ==
          "deployment.apps/hello created\n");
    CHECK(f.c.kubectl("run sleeper --image=busybox:1.36 --command -- sleep 3600").out == "pod/sleeper created\n");
    CHECK(f.c.kubectl("expose deployment web --name=web-alt --port=8080 --target-port=5678").out ==
          "service/web-alt exposed\n");
    r = f.c.kubectl("expose pod talker");
    CHECK(r.err == "error: couldn't find port via --port flag or introspection\n");
    r = f.c.kubectl("run x");
    CHECK(r.err == "error: required flag(s) \"image\" not set\n");
}

TEST_CASE("kubectl label, annotate and patch") {
    fixture f;
    CHECK(f.c.kubectl("label pod talker env=prod").out == "pod/talker labeled\n");
    auto r = f.c.kubectl("label pod talker env=dev");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: 'env' already has a value (prod), and --overwrite is false\n");
    CHECK(f.c.kubectl("label pod talker env=dev --overwrite").out == "pod/talker labeled\n");
    CHECK(f.c.kubectl("label pod talker env-").out == "pod/talker unlabeled\n");
    CHECK(f.c.kubectl("annotate pod talker note=hello").out == "pod/talker annotated\n");
    CHECK(f.c.kubectl(R"(patch pod talker -p '{"metadata":{"labels":{"p":"s"}}}')").out == "pod/talker patched\n");
    CHECK(f.c.kubectl(R"(patch pod talker -p '{"metadata":{"labels":{"p":"s"}}}')").out ==
          "pod/talker patched (no change)\n");
    const auto p = f.c.client<kubesim::api::pod>().get("talker").value();
    CHECK(p.metadata.labels.at("p") == "s");
    CHECK(p.metadata.annotations.at("note") == "hello");
}

TEST_CASE("kubectl delete waits on the simulated clock") {
    fixture f;
    CHECK(f.c.kubectl("delete configmap settings").out == "configmap \"settings\" deleted\n");
    auto r = f.c.kubectl("delete configmap settings");
    CHECK(r.err == "Error from server (NotFound): configmaps \"settings\" not found\n");
    const auto before = f.c.now();
    r = f.c.kubectl("delete pod talker");
    CHECK(r.out == "pod \"talker\" deleted\n");
    CHECK(f.c.now() > before);
    CHECK_FALSE(f.c.client<kubesim::api::pod>().get("talker"));
    r = f.c.kubectl("delete pods -l app=nothing");
    CHECK(r.out == "No resources found\n");
}
