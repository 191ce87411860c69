// Test fixtures: a bare API server (engine + store) with the four standard
// namespaces, and small object builders.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include <kubesim/api/json/codec.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/kind_ops.hpp>
#include <kubesim/store/object_store.hpp>

namespace fixture {

struct apiserver {
    kubesim::sim::engine engine;
    kubesim::store::object_store store;
    explicit apiserver(std::uint64_t seed = 0, kubesim::store::store_options opts = {}) : store(engine, seed, opts) {
        kubesim::api::json::register_codecs();  // store patches find the kinds' codecs
        for (const char* ns : {"default", "kube-system", "other"}) {
            kubesim::api::namespace_ n;
            n.metadata.name = ns;
            client<kubesim::api::namespace_>().create(n).value();
        }
    }
    template <class Kind>
    kubesim::client<Kind> client(std::string ns = "default") {
        return kubesim::client<Kind>(store, std::move(ns));
    }
    void drain() {
        while (engine.step()) {
        }
    }
};

// Every kind the API server serves (what the garbage collector and the
// namespace controller are given by the cluster).
inline std::vector<const kubesim::store::kind_ops*> all_kinds() {
    using kubesim::store::kind_ops_of;
    namespace api = kubesim::api;
    return {&kind_ops_of<api::pod>(),        &kind_ops_of<api::node>(),           &kind_ops_of<api::namespace_>(),
            &kind_ops_of<api::service>(),    &kind_ops_of<api::event>(),          &kind_ops_of<api::config_map>(),
            &kind_ops_of<api::secret>(),     &kind_ops_of<api::endpoint_slice>(), &kind_ops_of<api::replica_set>(),
            &kind_ops_of<api::deployment>(), &kind_ops_of<api::lease>()};
}

inline kubesim::api::pod pod(std::string name, std::map<std::string, std::string> labels = {}) {
    kubesim::api::pod p;
    p.metadata.name = std::move(name);
    p.metadata.labels = std::move(labels);
    kubesim::api::container c;
    c.name = "app";
    c.image = "busybox:1.36";
    p.spec.containers.push_back(c);
    return p;
}

// What a kubelet would write for a started pod: phase Running, the pod IP and
// the Ready condition. Returns the stored pod.
inline kubesim::api::pod set_running(kubesim::client<kubesim::api::pod> c, const std::string& name, const std::string& ip,
                                     bool ready = true) {
    auto p = c.get(name).value();
    p.status.phase = "Running";
    p.status.pod_ip = ip;
    p.status.pod_ips = {kubesim::api::pod_ip{ip}};
    kubesim::api::pod_condition cond;
    cond.type = "Ready";
    cond.status = ready ? "True" : "False";
    p.status.conditions = {cond};
    return c.update_status(p).value();
}

inline kubesim::api::deployment deployment(std::string name, int replicas = 1) {
    kubesim::api::deployment d;
    d.metadata.name = std::move(name);
    d.spec.replicas = replicas;
    d.spec.selector = kubesim::api::label_selector{.match_labels = {{"app", d.metadata.name}}, .match_expressions = {}};
    d.spec.template_.metadata.labels = {{"app", d.metadata.name}};
    kubesim::api::container c;
    c.name = "app";
    c.image = "nginx:1.27";
    d.spec.template_.spec.containers.push_back(c);
    return d;
}

inline kubesim::api::config_map config_map(std::string name, std::map<std::string, std::string> data = {}) {
    kubesim::api::config_map cm;
    cm.metadata.name = std::move(name);
    cm.data = std::move(data);
    return cm;
}

}  // namespace fixture
