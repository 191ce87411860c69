// The seed's quickstart, in C++ (the program of API.md, unchanged): an image
// that answers "hello, world", a Pod running it, a NodePort Service in front,
// and a request from outside the cluster.
#include <kubesim/kubesim.hpp>
#include <iostream>

using namespace std::chrono_literals;

// An image is a C++ class; exec() is the container's main process, a coroutine on
// the cluster's virtual clock.
class my_image : public kubesim::image {
public:
    static constexpr std::string_view image_name = "my-image";
    static constexpr std::string_view image_version = "1.0";

    std::vector<std::string> default_command() const override { return {"server"}; }

    kubesim::task<int> exec(kubesim::process_context ctx, std::vector<std::string> argv) override {
        if (argv.empty() || argv[0] != "server")   // fall back to the core utilities
            co_return co_await image::exec(ctx, std::move(argv));
        ctx.listen_http(8080, [](const kubesim::http::request&) {
            return kubesim::http::response{.status = 200, .body = "hello, world\n"};
        });
        co_return co_await ctx.wait_until_killed();
    }
};

int main() {
    kubesim::cluster cluster;               // node-1, node-2, node-3; seed 0
    cluster.register_image<my_image>();
    cluster.init();
    cluster.apply(nlohmann::json::parse(R"([
      {"apiVersion": "v1", "kind": "Pod",
       "metadata": {"name": "my-pod", "labels": {"app": "my-pod"}},
       "spec": {"containers": [{"name": "my-container", "image": "my-image:1.0"}]}},
      {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "my-service"},
       "spec": {"type": "NodePort", "selector": {"app": "my-pod"},
                "ports": [{"port": 80, "targetPort": 8080, "nodePort": 31000}]}}])"));
    cluster.wait_for("pod/my-pod");         // like: kubectl wait --for=condition=Ready
    std::cout << cluster.fetch("http://node-1:31000").body;   // hello, world
}
