// The JavaScript face of web_cluster (embind): what the page and embedding
// pages call. docs/web.md lists the members.
//
//   const Module = await createKubesim();
//   const c = new Module.Cluster(3, 0, 1.0);          // nodes, seed, hop latency (ms)
//   c.kubectl("get nodes", "")                        // {exitCode, stdout, stderr}
//   c.advance(16.7, 1.0); JSON.parse(c.frame())
//   c.loadDemo(); c.control("default", "api-...", "not-ready"); c.recentEvents(20)
#include "web_cluster.hpp"

#include <emscripten/bind.h>

namespace {

using kubesim::web::boot_options;
using kubesim::web::command_result;
using kubesim::web::web_cluster;

// Seeds travel as JavaScript numbers: whole numbers up to 2^53 are exact.
web_cluster* make_cluster(int nodes, double seed, double hop_latency_ms) {
    boot_options o;
    o.nodes = nodes;
    o.seed = static_cast<std::uint64_t>(seed);
    o.hop_latency_ms = hop_latency_ms;
    return new web_cluster(o);
}

command_result kubectl(web_cluster& c, const std::string& line, const std::string& stdin_text) {
    return c.kubectl(line, stdin_text);
}
command_result apply(web_cluster& c, const std::string& text) { return c.apply(text); }
// fetch ids are small whole numbers: a JavaScript number holds them exactly.
int fetch(web_cluster& c, const std::string& method, const std::string& url, const std::string& body) {
    return c.fetch(method, url, body);
}
command_result control(web_cluster& c, const std::string& ns, const std::string& pod, const std::string& action) {
    return c.control(ns, pod, action);
}
command_result node(web_cluster& c, const std::string& action, const std::string& name) { return c.node(action, name); }
std::string demo_manifest(web_cluster&) { return web_cluster::demo_manifest(); }

}  // namespace

EMSCRIPTEN_BINDINGS(kubesim) {
    using namespace emscripten;
    value_object<command_result>("CommandResult")
        .field("exitCode", &command_result::exit_code)
        .field("stdout", &command_result::out)
        .field("stderr", &command_result::err);
    class_<web_cluster>("Cluster")
        .constructor(&make_cluster, allow_raw_pointers())
        .function("kubectl", &kubectl)
        .function("apply", &apply)
        .function("pause", &web_cluster::pause)
        .function("resume", &web_cluster::resume)
        .function("paused", &web_cluster::paused)
        .function("reset", &web_cluster::reset)
        .function("now", &web_cluster::now)
        .function("advance", &web_cluster::advance)
        .function("step", &web_cluster::step)
        .function("frame", &web_cluster::frame)
        .function("frameDelta", &web_cluster::frame_delta)
        .function("loadDemo", &web_cluster::load_demo)
        .function("demoManifest", &demo_manifest)
        .function("fetch", &fetch)
        .function("control", &control)
        .function("node", &node)
        .function("recentEvents", &web_cluster::recent_events);
}
