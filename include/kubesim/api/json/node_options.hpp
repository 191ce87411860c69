// kubesim::node_options: a node added while the cluster runs
// (cluster.add_node). Apart from cluster.hpp, and under api/json/ with the
// other headers that need the complete nlohmann::json, because its taints are JSON.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kubesim {

// Empty name: node-(N+1), N counting every node that ever joined.
// taints: v1 Taint objects ({"key", "value", "effect"}).
struct node_options {
    std::string name{};
    std::string cpu = "4";
    std::string memory = "8Gi";
    int max_pods = 110;
    std::map<std::string, std::string> labels{};
    std::vector<nlohmann::json> taints{};
};

}  // namespace kubesim
