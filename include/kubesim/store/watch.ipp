// Definitions of store/watch.hpp.
#pragma once

#include <kubesim/store/watch.hpp>

#include <kubesim/store/object_store.hpp>

namespace kubesim::store {

watch_handle& watch_handle::operator=(watch_handle&& o) noexcept {
    if (this != &o) {
        stop();
        store_ = std::exchange(o.store_, nullptr);
        ops_ = o.ops_;
        id_ = std::exchange(o.id_, 0);
    }
    return *this;
}

void watch_handle::stop() {
    if (store_ && id_) store_->unwatch(*ops_, id_);
    store_ = nullptr;
    id_ = 0;
}

}  // namespace kubesim::store
