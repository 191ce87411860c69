// Typed watch events and the RAII handle that stops a watch.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include <kubesim/config.hpp>
#include <kubesim/api/status.hpp>

namespace kubesim::store {

class object_store;
struct kind_ops;

// One event of a watch: type is "ADDED", "MODIFIED", "DELETED", "BOOKMARK" or
// "ERROR". For BOOKMARK only object.metadata.resource_version is set; for ERROR
// `status` says why the watch ended (e.g. 410 Expired).
template <class Kind>
struct watch_event {
    std::string type{};
    Kind object{};
    api::status status{};
};

// Stops its watch when destroyed (or on stop()).
class watch_handle {
public:
    watch_handle() = default;
    watch_handle(object_store& s, const kind_ops& ops, std::uint64_t id) : store_(&s), ops_(&ops), id_(id) {}
    watch_handle(watch_handle&& o) noexcept
        : store_(std::exchange(o.store_, nullptr)), ops_(o.ops_), id_(std::exchange(o.id_, 0)) {}
    KUBESIM_DECL watch_handle& operator=(watch_handle&& o) noexcept;
    watch_handle(const watch_handle&) = delete;
    watch_handle& operator=(const watch_handle&) = delete;
    ~watch_handle() { stop(); }

    KUBESIM_DECL void stop();
    [[nodiscard]] bool active() const noexcept { return store_ != nullptr && id_ != 0; }

private:
    object_store* store_{nullptr};
    const kind_ops* ops_{nullptr};
    std::uint64_t id_{0};
};

}  // namespace kubesim::store

namespace kubesim {
using store::watch_event;
using store::watch_handle;
}  // namespace kubesim

#ifndef KUBESIM_SEPARATE_COMPILATION
#include <kubesim/store/watch.ipp>
#endif
