// What cluster.kubectl(line) returns.
#pragma once

#include <string>

namespace kubesim {

// What a kubectl command printed and its exit code.
struct kubectl_result {
    int exit_code = 0;
    std::string out;  // what kubectl prints on stdout
    std::string err;  // what kubectl prints on stderr
};

}  // namespace kubesim
