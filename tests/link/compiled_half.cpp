// The compiled-mode half of the mode-mixing test (check_link.py): built with
// KUBESIM_SEPARATE_COMPILATION, linked against the library.
#include <kubesim/sim/engine.hpp>

int main() {
    kubesim::sim::engine e;
    int ran = 0;
    e.post([&] { ++ran; });
    e.run_due();
    return ran == 1 ? 0 : 1;
}
