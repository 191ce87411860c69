// A lesson end to end, in YAML and kubectl: a Deployment with a readiness probe
// behind a Service; a new version whose readiness probe fails; how the rolling
// update stops at the first unready pod while the old pods keep serving; how
// `kubectl rollout status` reports it (its --timeout, then the Deployment's
// progress deadline); where to look (get pods, describe pod's events); and
// `kubectl rollout undo` back to the working revision. `curl` is a request from
// outside the cluster to the Service's NodePort, sent between the steps: the
// answers name the pod that served them.
#include "common.hpp"

namespace {

// Version 2.0 of the example web image: it serves, but its health endpoint
// reports that it cannot work (its database is unreachable), so its pods never
// become Ready. Version 1.0 is examples::hello_image, which answers 200 on every
// path, /healthz included.
class hello_v2_image : public kubesim::image {
public:
    static constexpr std::string_view image_name = "example/hello";
    static constexpr std::string_view image_version = "2.0";

    std::vector<std::string> default_command() const override { return {"hello"}; }

    kubesim::task<int> exec(kubesim::process_context ctx, std::vector<std::string> argv) override {
        if (argv.empty() || argv[0] != "hello") co_return co_await image::exec(ctx, std::move(argv));
        ctx.listen_http(8080, [ctx](const kubesim::http::request& req) {
            std::string err;
            auto url = kubesim::http::parse_url(req.url, err);
            if (url && url->path == "/healthz")
                return kubesim::http::response{.status = 503, .body = "database unreachable\n"};
            return kubesim::http::response{.status = 200, .body = "hello v2 from " + std::string(ctx.pod_name()) + "\n"};
        });
        co_return co_await ctx.wait_until_killed();
    }
};

// The Deployment at an image version, with the reason recorded for `rollout
// history`. The default strategy (RollingUpdate, 25% max surge, 25% max
// unavailable) rounds to one extra pod and none unavailable for 3 replicas.
std::string deployment(const std::string& version, const std::string& cause) {
    return R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    kubernetes.io/change-cause: ")" + cause + R"("
spec:
  replicas: 3
  progressDeadlineSeconds: 60
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: example/hello:)" + version + R"(
        ports:
        - containerPort: 8080
        readinessProbe:
          httpGet:
            path: /healthz
            port: 8080
          periodSeconds: 2
)";
}

constexpr std::string_view service = R"(
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: NodePort
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 8080
    nodePort: 30080
)";

const std::string url = "http://node-1:30080/";

}  // namespace

int main() {
    kubesim::cluster cluster;
    cluster.register_image<examples::hello_image>();
    cluster.register_image<hello_v2_image>();
    cluster.init();

    std::cout << "# 1. Deploy version 1.0 behind a Service\n";
    examples::kubectl(cluster, "apply -f -", deployment("1.0", "deploy 1.0") + "---" + std::string(service));
    examples::kubectl(cluster, "rollout status deployment/web");
    examples::kubectl(cluster, "get pods,services -o wide");
    for (int i = 0; i < 3; ++i) examples::curl(cluster, url);

    std::cout << "\n# 2. Roll out version 2.0, whose readiness probe fails\n";
    examples::kubectl(cluster, "apply -f -", deployment("2.0", "upgrade to 2.0"));
    // The new pod starts but never becomes Ready, so the controller never
    // removes an old one: the rollout makes no progress, and kubectl gives up
    // waiting after --timeout (exit code 1).
    examples::kubectl(cluster, "rollout status deployment/web --timeout=20s");
    examples::kubectl(cluster, "get pods");
    // The new pod is in the Service's EndpointSlice, but not Ready, so
    // kube-proxy sends every request to the three old pods.
    examples::kubectl(cluster, "describe endpointslices -l kubernetes.io/service-name=web");
    for (int i = 0; i < 3; ++i) examples::curl(cluster, url);
    // The new pod's events say why.
    std::string broken;
    for (const auto& p : cluster.client<kubesim::api::pod>().list().value().items)
        if (p.spec.containers.at(0).image == "example/hello:2.0") broken = p.metadata.name;
    examples::kubectl(cluster, "describe pod " + broken);
    // Without --timeout, rollout status waits until the Deployment itself gives
    // up: after progressDeadlineSeconds without progress, the controller sets
    // Progressing=False (ProgressDeadlineExceeded). Nothing is rolled back.
    examples::kubectl(cluster, "rollout status deployment/web");
    examples::kubectl(cluster, "describe deployment web");

    std::cout << "\n# 3. Roll back to the revision that worked\n";
    examples::kubectl(cluster, "rollout history deployment/web");
    // Undo rolls the pod template back to revision 1's, which becomes revision
    // 3. Its ReplicaSet still has its three Ready pods (the rollout never got
    // past the first new pod), so the rollout is done at once: the controller
    // only scales the broken ReplicaSet to 0.
    examples::kubectl(cluster, "rollout undo deployment/web");
    examples::kubectl(cluster, "rollout status deployment/web");
    examples::kubectl(cluster, "rollout history deployment/web");
    examples::kubectl(cluster, "get replicasets,pods");
    for (int i = 0; i < 3; ++i) examples::curl(cluster, url);
}
