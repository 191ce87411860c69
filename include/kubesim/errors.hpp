// Exceptions thrown by kubesim. api_error wraps an api::status (an API call that
// Kubernetes would have refused); usage_error is misuse of the library itself and
// its message starts with a stable id in brackets, e.g. "[kubesim.image.duplicate]".
#pragma once

#include <stdexcept>
#include <string>
#include <utility>

#include <kubesim/api/status.hpp>

namespace kubesim {

class api_error : public std::runtime_error {
public:
    explicit api_error(api::status s) : std::runtime_error(s.message), status_(std::move(s)) {}
    [[nodiscard]] const api::status& status() const noexcept { return status_; }

private:
    api::status status_;
};

class usage_error : public std::logic_error {
public:
    using std::logic_error::logic_error;
};

}  // namespace kubesim
