// kubectl-oracle scenarios: write.
#include "oracle.hpp"

namespace oracle {

void add_write_scenarios(std::vector<scenario>& out) { (void)out; }

}  // namespace oracle
