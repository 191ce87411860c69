// Hash-consing of the lists many stored objects have in common: a ReplicaSet's
// pods carry identical containers and the same owner reference. On every write
// the store looks the object's lists up here and, when an equal list is already
// stored, shares that buffer (api::cow_vector) instead of keeping another copy.
// Entries are weak: a list no stored object uses any more is dropped on the next
// lookup of its bucket. Equality, not the hash, decides sharing.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string_view>
#include <vector>

#include <kubesim/config.hpp>
#include <kubesim/api/cow_vector.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/meta.hpp>

namespace kubesim::store {

template <class T>
class list_interner {
public:
    void intern(api::cow_vector<T>& v, std::uint64_t hash) {
        if (v.empty()) return;
        auto& bucket = table_[hash];
        for (auto it = bucket.begin(); it != bucket.end();) {
            if (auto sp = it->lock()) {
                if (sp == v.buffer()) return;
                if (*sp == v.vec()) {
                    v.adopt(std::move(sp));
                    return;
                }
                ++it;
            } else {
                it = bucket.erase(it);
            }
        }
        bucket.push_back(v.buffer());
    }
    [[nodiscard]] std::size_t buckets() const noexcept { return table_.size(); }

private:
    std::map<std::uint64_t, std::vector<std::weak_ptr<std::vector<T>>>> table_;
};

struct interners {
    list_interner<api::container> containers;
    list_interner<api::owner_reference> owner_references;

    KUBESIM_DECL void intern(api::object_meta& m);
    KUBESIM_DECL void intern(api::cow_vector<api::container>& cs);
};

}  // namespace kubesim::store

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/interner.ipp>
#endif
