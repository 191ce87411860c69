// cluster.apply_yaml and cluster.kubectl: the session, the command line, get.
#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>

#include <chrono>
#include <string>

using namespace std::chrono_literals;

namespace {

const char* web_yaml = R"(# two documents, an anchor, flow and block styles
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: &labels {app: web}
spec:
  replicas: 2
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
      - name: echo
        image: hashicorp/http-echo:1.0
        args: ["-text=hello"]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 5678
)";

}  // namespace

TEST_CASE("apply_yaml applies every document of a stream") {
    kubesim::cluster c;
    c.init();
    const auto stored = c.apply_yaml(web_yaml);
    REQUIRE(stored.size() == 2);
    CHECK(stored[0]["kind"] == "Deployment");
    CHECK(stored[0]["spec"]["selector"]["matchLabels"]["app"] == "web");
    CHECK(stored[1]["kind"] == "Service");
    c.run_for(30s);
    auto r = c.kubectl("get deploy/web svc/web");
    CHECK(r.exit_code == 0);
    CHECK(r.out ==
          "NAME                  READY   UP-TO-DATE   AVAILABLE   AGE\n"
          "deployment.apps/web   2/2     2            2           30s\n"
          "\n"
          "NAME          TYPE        CLUSTER-IP      EXTERNAL-IP   PORT(S)   AGE\n"
          "service/web   ClusterIP   10.98.111.166   <none>        80/TCP    30s\n");
    CHECK(r.err.empty());
}

TEST_CASE("apply_yaml reads a List and YAML 1.1 scalars") {
    kubesim::cluster c;
    c.init();
    const auto stored = c.apply_yaml(R"(apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: ConfigMap
  metadata: {name: flags}
  data:
    on: "yes"
    mode: '0755'
)");
    REQUIRE(stored.size() == 1);
    // YAML 1.1: the key `on` is the boolean true, which JSON keys as "true".
    CHECK(stored[0]["data"]["true"] == "yes");
    CHECK(stored[0]["data"]["mode"] == "0755");
}

TEST_CASE("a YAML syntax error names the document and the line, and stores nothing") {
    kubesim::cluster c;
    c.init();
    const std::string bad = std::string(web_yaml) + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n data: oops\n";
    try {
        c.apply_yaml(bad);
        FAIL("no error");
    } catch (const kubesim::api_error& e) {
        CHECK(e.status().reason == "BadRequest");
        const std::string m = e.what();
        CHECK(m.find("document 3") != std::string::npos);
        CHECK(m.find("line") != std::string::npos);
        CHECK(m.find("error converting YAML to JSON: yaml: line ") != std::string::npos);
    }
    CHECK(c.kubectl("get deploy web").exit_code == 1);
    CHECK(c.kubectl("get deploy web").err == "Error from server (NotFound): deployments.apps \"web\" not found\n");
}

TEST_CASE("the command line splits as a POSIX shell splits it") {
    using kubesim::kubectl::split_command_line;
    CHECK(split_command_line("get pods  -l 'app in (a,b)'") ==
          std::vector<std::string>{"get", "pods", "-l", "app in (a,b)"});
    CHECK(split_command_line(R"(exec p -- sh -c "echo \"hi\" \$HOME")") ==
          std::vector<std::string>{"exec", "p", "--", "sh", "-c", "echo \"hi\" $HOME"});
    CHECK(split_command_line(R"(a\ b c)") == std::vector<std::string>{"a b", "c"});
    CHECK_THROWS_AS((void)split_command_line("get 'pods"), kubesim::usage_error);
    kubesim::cluster c;
    c.init();
    const auto r = c.kubectl("get 'pods");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: kubectl: unterminated ' in the command line\n");
}

TEST_CASE("unknown commands and flags get kubectl's messages") {
    kubesim::cluster c;
    c.init();
    auto r = c.kubectl("gte pods");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: unknown command \"gte\" for \"kubectl\"\n\nDid you mean this?\n\tget\n");
    r = c.kubectl("xyzzyq");
    CHECK(r.err == "error: unknown command \"xyzzyq\" for \"kubectl\"\n");
    r = c.kubectl("get pods --foo");
    CHECK(r.exit_code == 1);
    CHECK(r.err == "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n");
    r = c.kubectl("get pods -o foo");
    CHECK(r.err.rfind("error: unable to match a printer suitable for the output format \"foo\"", 0) == 0);
    r = c.kubectl("get foo");
    CHECK(r.err == "error: the server doesn't have a resource type \"foo\"\n");
}

TEST_CASE("get prints tables, names and objects; reading does not move the clock") {
    kubesim::cluster c;
    c.init();
    c.apply_yaml(web_yaml);
    c.run_for(2min);
    const auto before = c.now();
    auto r = c.kubectl("get nodes");
    CHECK(r.out ==
          "NAME     STATUS   ROLES    AGE   VERSION\n"
          "node-1   Ready    <none>   2m    v1.33.0\n"
          "node-2   Ready    <none>   2m    v1.33.0\n"
          "node-3   Ready    <none>   2m    v1.33.0\n");
    r = c.kubectl("get pods -l app=nothing");
    CHECK(r.out.empty());
    CHECK(r.err == "No resources found in default namespace.\n");
    r = c.kubectl("get svc -o name");
    CHECK(r.out == "service/kubernetes\nservice/web\n");
    r = c.kubectl("get svc web -o jsonpath={.spec.ports[0].targetPort}");
    CHECK(r.out == "5678");
    r = c.kubectl("get deploy web -o yaml");
    CHECK(r.out.rfind("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n", 0) == 0);
    CHECK(r.out.find("managedFields") == std::string::npos);
    CHECK(c.now() == before);
}

TEST_CASE("describe lists every event, past the 500 of a list chunk") {
    kubesim::cluster c;
    c.init();
    c.apply_yaml(web_yaml);
    c.run_for(30s);
    const auto dep = c.client<kubesim::api::deployment>().get("web").value();
    auto events = c.client<kubesim::api::event>();
    for (int i = 0; i < 600; ++i) {
        kubesim::api::event e;
        e.metadata.name = "web.many-" + std::to_string(i);
        e.involved_object = {.kind = "Deployment", .namespace_ = "default", .name = "web", .uid = dep.metadata.uid,
                             .api_version = "apps/v1", .resource_version = {}, .field_path = {}};
        e.reason = "Many";
        e.message = "event " + std::to_string(i);
        e.source.component = "test";
        e.first_timestamp = c.now();
        e.last_timestamp = c.now();
        e.count = 1;
        e.type = "Normal";
        events.create(e).value();
    }
    const auto r = c.kubectl("describe deployment web");
    CHECK(r.exit_code == 0);
    std::size_t rows = 0;
    for (std::size_t p = 0; (p = r.out.find("  Normal  Many ", p)) != std::string::npos; ++p) ++rows;
    CHECK(rows == 600);
}

TEST_CASE("a kubectl command the library does not have says so") {
    kubesim::cluster c;
    c.init();
    const auto r = c.kubectl("top pods");
    CHECK(r.exit_code == 1);
    CHECK(r.out.empty());
    CHECK(r.err == "error: kubesim: kubectl top is not supported in the library\n");
}
