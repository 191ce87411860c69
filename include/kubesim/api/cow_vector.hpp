// api::cow_vector<T>: a std::vector-like list whose copies share one buffer
// until one of them is modified (copy on write). Used for lists that are the
// same across many objects: a ReplicaSet's pods all carry the template's
// containers and the same owner reference. Together with the store's interning
// (store/interner.hpp) 150,000 replica pods keep one copy of each.
//
// Reads through a const object never copy. Non-const access (operator[],
// begin(), push_back, ...) first makes the buffer private if it is shared, so a
// writer never changes another object. As with any copy-on-write container, a
// reference obtained through non-const access must not be kept across a copy of
// the list: the copy shares the buffer that reference points into.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace kubesim::api {

template <class T>
class cow_vector {
public:
    using value_type = T;
    using size_type = std::size_t;
    using reference = T&;
    using const_reference = const T&;
    using iterator = typename std::vector<T>::iterator;
    using const_iterator = typename std::vector<T>::const_iterator;

    cow_vector() noexcept = default;
    cow_vector(std::initializer_list<T> il) {
        if (il.size()) p_ = std::make_shared<std::vector<T>>(il);
    }
    cow_vector(std::vector<T> v) {  // NOLINT(implicit): a vector is a list
        if (!v.empty()) p_ = std::make_shared<std::vector<T>>(std::move(v));
    }
    template <class It>
    cow_vector(It first, It last) : cow_vector(std::vector<T>(first, last)) {}

    // ---- reads (never copy) --------------------------------------------------
    [[nodiscard]] size_type size() const noexcept { return p_ ? p_->size() : 0; }
    [[nodiscard]] bool empty() const noexcept { return size() == 0; }
    const T& operator[](size_type i) const { return (*p_)[i]; }
    const T& at(size_type i) const { return vec().at(i); }
    const T& front() const { return p_->front(); }
    const T& back() const { return p_->back(); }
    const_iterator begin() const noexcept { return vec().begin(); }
    const_iterator end() const noexcept { return vec().end(); }
    const_iterator cbegin() const noexcept { return vec().begin(); }
    const_iterator cend() const noexcept { return vec().end(); }
    // The elements as a std::vector (shared, read-only).
    [[nodiscard]] const std::vector<T>& vec() const noexcept {
        static const std::vector<T> empty_vec;
        return p_ ? *p_ : empty_vec;
    }
    operator const std::vector<T>&() const noexcept { return vec(); }  // NOLINT(implicit)
    // True when both lists share one buffer (or are both empty).
    [[nodiscard]] bool shares_with(const cow_vector& o) const noexcept { return p_ == o.p_; }

    // ---- writes (make the buffer private first) ------------------------------
    T& operator[](size_type i) { return own()[i]; }
    T& at(size_type i) { return own().at(i); }
    T& front() { return own().front(); }
    T& back() { return own().back(); }
    // Iterating an empty list does not allocate.
    iterator begin() { return p_ ? own().begin() : none().begin(); }
    iterator end() { return p_ ? own().end() : none().end(); }
    std::vector<T>& mutable_vec() { return own(); }
    void push_back(const T& v) { own().push_back(v); }
    void push_back(T&& v) { own().push_back(std::move(v)); }
    template <class... A>
    T& emplace_back(A&&... a) {
        return own().emplace_back(std::forward<A>(a)...);
    }
    void pop_back() { own().pop_back(); }
    void clear() noexcept { p_.reset(); }
    void reserve(size_type n) { own().reserve(n); }
    void resize(size_type n) { own().resize(n); }
    iterator insert(const_iterator pos, const T& v) {
        const auto off = pos - vec().begin();
        auto& v2 = own();
        return v2.insert(v2.begin() + off, v);
    }
    iterator erase(const_iterator pos) {
        const auto off = pos - vec().begin();
        auto& v2 = own();
        return v2.erase(v2.begin() + off);
    }
    iterator erase(const_iterator first, const_iterator last) {
        const auto a = first - vec().begin(), b = last - vec().begin();
        auto& v2 = own();
        return v2.erase(v2.begin() + a, v2.begin() + b);
    }

    friend bool operator==(const cow_vector& a, const cow_vector& b) {
        return a.p_ == b.p_ || a.vec() == b.vec();
    }
    friend bool operator==(const cow_vector& a, const std::vector<T>& b) { return a.vec() == b; }

    // For the store's interner: the shared buffer itself.
    [[nodiscard]] const std::shared_ptr<std::vector<T>>& buffer() const noexcept { return p_; }
    void adopt(std::shared_ptr<std::vector<T>> p) noexcept { p_ = std::move(p); }

private:
    static std::vector<T>& none() {
        static std::vector<T> empty_vec;  // never grows: only its begin()/end() are handed out
        return empty_vec;
    }
    std::vector<T>& own() {
        if (!p_) p_ = std::make_shared<std::vector<T>>();
        else if (p_.use_count() > 1) p_ = std::make_shared<std::vector<T>>(*p_);
        return *p_;
    }
    std::shared_ptr<std::vector<T>> p_{};
};

}  // namespace kubesim::api
