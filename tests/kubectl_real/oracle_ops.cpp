// kubectl-oracle scenarios: ops.
#include "oracle.hpp"

namespace oracle {

void add_ops_scenarios(std::vector<scenario>& out) { (void)out; }

}  // namespace oracle
