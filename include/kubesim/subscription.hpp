// kubesim::subscription: the handle an observer registration returns
// (cluster.on_request, cluster.on_response). Destroying it, or calling
// reset(), unsubscribes. Movable, not copyable.
#pragma once

#include <functional>
#include <utility>

namespace kubesim {

class subscription {
public:
    subscription() = default;
    explicit subscription(std::function<void()> cancel) : cancel_(std::move(cancel)) {}
    subscription(subscription&& o) noexcept : cancel_(std::exchange(o.cancel_, {})) {}
    subscription& operator=(subscription&& o) noexcept {
        if (this != &o) {
            reset();
            cancel_ = std::exchange(o.cancel_, {});
        }
        return *this;
    }
    subscription(const subscription&) = delete;
    subscription& operator=(const subscription&) = delete;
    ~subscription() { reset(); }

    void reset() {
        if (auto c = std::exchange(cancel_, {})) c();
    }
    [[nodiscard]] bool active() const noexcept { return static_cast<bool>(cancel_); }

private:
    std::function<void()> cancel_{};
};

}  // namespace kubesim
