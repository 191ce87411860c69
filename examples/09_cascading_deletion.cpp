// Cascading deletion in its three modes, as `kubectl delete --cascade=...`:
// background (the owner goes at once, the garbage collector removes the
// dependents after), foreground (the owner stays, with a deletionTimestamp and
// the foregroundDeletion finalizer, until its dependents are gone) and orphan
// (the dependents stay, without their owner reference). The pods run `sleep`,
// which ignores SIGTERM, so each takes its whole 3 s grace period to go.
#include "common.hpp"

namespace {

void show(kubesim::cluster& cluster, const std::string& what) {
    std::cout << examples::stamp(cluster) << what << ":";
    for (const auto& d : cluster.client<kubesim::api::deployment>().list().value().items) {
        std::cout << " deployment/" << d.metadata.name;
        if (d.metadata.deletion_timestamp) {
            std::cout << "(deleting, finalizers:";
            for (const auto& f : d.metadata.finalizers) std::cout << " " << f;
            std::cout << ")";
        }
    }
    for (const auto& rs : cluster.client<kubesim::api::replica_set>().list().value().items)
        std::cout << " replicaset/" << rs.metadata.name
                  << (rs.metadata.owner_references.empty() ? "(no owner)" : "")
                  << (rs.metadata.deletion_timestamp ? "(deleting)" : "");
    int pods = 0, terminating = 0;
    for (const auto& p : cluster.client<kubesim::api::pod>().list().value().items) {
        ++pods;
        if (p.metadata.deletion_timestamp) ++terminating;
    }
    std::cout << " pods=" << pods << " (terminating " << terminating << ")\n";
}

void deploy(kubesim::cluster& cluster) {
    cluster.apply(nlohmann::json::parse(R"(
      {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
       "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
                "template": {"metadata": {"labels": {"app": "web"}},
                             "spec": {"terminationGracePeriodSeconds": 3,
                                      "containers": [{"name": "web", "image": "busybox:1.36", "command": ["sleep", "3600"]}]}}}})"));
    cluster.wait_for("deployment/web", "Available");
}

void run(kubesim::cluster& cluster, const std::string& policy) {
    std::cout << "--- propagationPolicy " << policy << "\n";
    deploy(cluster);
    show(cluster, "before");
    kubesim::delete_options opt;
    opt.propagation_policy = policy;
    cluster.client<kubesim::api::deployment>().remove("web", opt).value();
    show(cluster, "deleted");
    for (int i = 0; i < 5; ++i) {
        cluster.run_for(std::chrono::seconds(1));
        show(cluster, "+1s");
    }
    // Clean up what the orphan mode left behind.
    cluster.client<kubesim::api::replica_set>().remove_collection().value();
    cluster.run_for(std::chrono::seconds(10));
}

}  // namespace

int main() {
    kubesim::cluster cluster;
    cluster.init();
    run(cluster, "Background");
    run(cluster, "Foreground");
    run(cluster, "Orphan");
    kubesim::delete_options bad;
    bad.propagation_policy = "Never";
    deploy(cluster);
    auto r = cluster.client<kubesim::api::deployment>().remove("web", bad);
    std::cout << "--- propagationPolicy Never\n" << r.error().code << " " << r.error().reason << ": " << r.error().message << "\n";
}
