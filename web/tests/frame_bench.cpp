// What the page's frame costs natively: web_cluster on 10 nodes and 300 pods
// (a Deployment of http-echo with a readiness probe every 5 s behind a
// NodePort Service), then frames as the page draws them. One JSON line per
// case, times in milliseconds per frame: the process's CPU time (this is a
// benchmark, not the library), so that a busy machine's other work is not
// counted.
//
//   steady   advance(16.7 ms of page time at 1x) then frame(): the probes'
//            requests are the only change
//   idle     paused: frame() again and again, nothing changed
//   churn    the Deployment scaled 300 -> 240 -> 300 while frames are drawn
//   delta    as steady, with frame_delta(): the sections already sent left out
//   write    a label of one pod changed before each frame: the pods section
//            is made again (what every frame cost before the sections were kept)
//
//   web_frame_bench [frames]
#include "../web_cluster.hpp"

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace {

constexpr std::string_view manifests = R"(
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 300
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: echo
        image: hashicorp/http-echo
        args: ["-text=hello", "-listen=:5678"]
        readinessProbe:
          httpGet:
            path: /
            port: 5678
          periodSeconds: 5
---
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
    targetPort: 5678
)";

double cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct figures {
    double advance_ms = 0, frame_ms = 0, max_ms = 0;
    std::size_t bytes = 0;
};

figures frames(kubesim::web::web_cluster& c, int n, bool advance, bool delta = false) {
    figures f;
    for (int i = 0; i < n; ++i) {
        if (advance) {
            const double t0 = cpu_ms();
            c.advance(16.7, 1.0);
            f.advance_ms += (cpu_ms() - t0);
        }
        const double t1 = cpu_ms();
        const auto text = delta ? c.frame_delta() : c.frame();
        const double ms = (cpu_ms() - t1);
        f.frame_ms += ms;
        if (ms > f.max_ms) f.max_ms = ms;
        f.bytes += text.size();
    }
    f.advance_ms /= n;
    f.frame_ms /= n;
    f.bytes /= static_cast<std::size_t>(n);
    return f;
}

void print(const char* name, int n, const figures& f) {
    std::printf("{\"case\":\"%s\",\"nodes\":10,\"pods\":300,\"frames\":%d,\"advance_ms\":%.4f,\"frame_ms\":%.4f,"
                "\"frame_max_ms\":%.4f,\"frame_bytes\":%zu}\n",
                name, n, f.advance_ms, f.frame_ms, f.max_ms, f.bytes);
}

}  // namespace

int main(int argc, char** argv) {
    const int n = argc > 1 ? std::atoi(argv[1]) : 600;
    kubesim::web::boot_options o;
    o.nodes = 10;
    o.seed = 1;
    kubesim::web::web_cluster c(o);
    if (c.apply(std::string(manifests)).exit_code != 0) return 1;
    if (c.kubectl("rollout status deployment/web --timeout=600s").exit_code != 0) return 1;
    c.advance(10000, 1);
    (void)c.frame();

    print("steady", n, frames(c, n, true));
    c.pause();
    print("idle", n, frames(c, n, true));
    c.resume();
    figures churn{};
    const int half = n / 2;
    (void)c.kubectl("scale deployment/web --replicas=240");
    const auto a = frames(c, half, true);
    (void)c.kubectl("scale deployment/web --replicas=300");
    const auto b = frames(c, n - half, true);
    churn.advance_ms = (a.advance_ms * half + b.advance_ms * (n - half)) / n;
    churn.frame_ms = (a.frame_ms * half + b.frame_ms * (n - half)) / n;
    churn.max_ms = a.max_ms > b.max_ms ? a.max_ms : b.max_ms;
    churn.bytes = (a.bytes * static_cast<std::size_t>(half) + b.bytes * static_cast<std::size_t>(n - half)) /
                  static_cast<std::size_t>(n);
    print("churn", n, churn);
    c.advance(60000, 1);
    (void)c.frame();
    print("delta", n, frames(c, n, true, true));

    auto pods = c.raw().client<kubesim::api::pod>("default").list().value();
    const auto& name = pods.items.front().metadata.name;
    figures w{};
    for (int i = 0; i < n; ++i) {
        (void)c.raw().client<kubesim::api::pod>("default").patch(
            name, nlohmann::json{{"metadata", {{"labels", {{"frame", std::to_string(i)}}}}}});
        const double t1 = cpu_ms();
        const auto text = c.frame();
        const double ms = (cpu_ms() - t1);
        w.frame_ms += ms;
        if (ms > w.max_ms) w.max_ms = ms;
        w.bytes += text.size();
    }
    w.frame_ms /= n;
    w.bytes /= static_cast<std::size_t>(n);
    print("write", n, w);
}
