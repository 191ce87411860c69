// api::box<T>: an optional value kept on the heap. It behaves like
// std::optional<T> (has_value, *, ->, =, reset, ==) but costs one pointer when
// empty. Used for large, rarely-set members (probes, lifecycle, affinity) so that
// 150,000 stored pods stay small.
#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace kubesim::api {

template <class T>
class box {
public:
    box() noexcept = default;
    box(std::nullopt_t) noexcept {}  // NOLINT(implicit)
    box(const T& v) : p_(std::make_unique<T>(v)) {}  // NOLINT(implicit)
    box(T&& v) : p_(std::make_unique<T>(std::move(v))) {}  // NOLINT(implicit)
    box(const box& o) : p_(o.p_ ? std::make_unique<T>(*o.p_) : nullptr) {}
    box(box&&) noexcept = default;
    box& operator=(const box& o) {
        if (this != &o) p_ = o.p_ ? std::make_unique<T>(*o.p_) : nullptr;
        return *this;
    }
    box& operator=(box&&) noexcept = default;
    box& operator=(std::nullopt_t) noexcept {
        p_.reset();
        return *this;
    }
    box& operator=(const T& v) {
        p_ = std::make_unique<T>(v);
        return *this;
    }
    box& operator=(T&& v) {
        p_ = std::make_unique<T>(std::move(v));
        return *this;
    }
    ~box() = default;

    [[nodiscard]] bool has_value() const noexcept { return static_cast<bool>(p_); }
    explicit operator bool() const noexcept { return has_value(); }
    T& operator*() noexcept { return *p_; }
    const T& operator*() const noexcept { return *p_; }
    T* operator->() noexcept { return p_.get(); }
    const T* operator->() const noexcept { return p_.get(); }
    T& value() {
        if (!p_) throw std::bad_optional_access();
        return *p_;
    }
    const T& value() const {
        if (!p_) throw std::bad_optional_access();
        return *p_;
    }
    template <class... A>
    T& emplace(A&&... a) {
        p_ = std::make_unique<T>(std::forward<A>(a)...);
        return *p_;
    }
    void reset() noexcept { p_.reset(); }

    friend bool operator==(const box& a, const box& b) {
        if (a.has_value() != b.has_value()) return false;
        return !a.has_value() || *a == *b;
    }

private:
    std::unique_ptr<T> p_{};
};

}  // namespace kubesim::api
