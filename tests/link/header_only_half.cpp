// The header-only half of the mode-mixing test (check_link.py): built without
// KUBESIM_SEPARATE_COMPILATION. Linked with compiled_half.cpp it must be refused.
#include <kubesim/sim/engine.hpp>

int other_half() {
    kubesim::sim::engine e;
    return e.step() ? 1 : 0;
}
