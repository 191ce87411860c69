// result<T>: a value or the api::status Kubernetes would have answered with.
// Shaped like std::expected (has_value, value, error, operator bool) so a move to
// C++23 is mechanical. value() on an error throws kubesim::api_error.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include <kubesim/api/status.hpp>
#include <kubesim/errors.hpp>

namespace kubesim {

// Wraps a status as a failure explicitly; needed for result<api::status>, where
// a plain status is the success value.
struct failure {
    api::status status;
};

template <class T>
class [[nodiscard]] result {
public:
    result(T v) : v_(std::in_place_index<0>, std::move(v)) {}  // NOLINT(implicit)
    result(api::status s)  // NOLINT(implicit): a failure
        requires(!std::is_same_v<T, api::status>)
        : v_(std::in_place_index<1>, std::move(s)) {}
    result(failure f) : v_(std::in_place_index<1>, std::move(f.status)) {}  // NOLINT(implicit)

    [[nodiscard]] bool has_value() const noexcept { return v_.index() == 0; }
    explicit operator bool() const noexcept { return has_value(); }

    T& value() & { check(); return std::get<0>(v_); }
    const T& value() const& { check(); return std::get<0>(v_); }
    // By value on rvalues, so `for (auto& x : c.list().value().items)` is safe.
    T value() && { check(); return std::get<0>(std::move(v_)); }

    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }
    T operator*() && { return std::move(*this).value(); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }

    // The failure; on success an empty "Success" status.
    [[nodiscard]] const api::status& error() const& {
        static const api::status success{};
        return has_value() ? success : std::get<1>(v_);
    }

    template <class U>
    [[nodiscard]] T value_or(U&& fallback) const& {
        return has_value() ? std::get<0>(v_) : static_cast<T>(std::forward<U>(fallback));
    }

private:
    void check() const {
        if (!has_value()) throw api_error(std::get<1>(v_));
    }
    std::variant<T, api::status> v_;
};

}  // namespace kubesim
