// Definitions of sim/task_group.hpp.
#pragma once

#include <kubesim/sim/task_group.hpp>

namespace kubesim::sim {

task_group::~task_group() {
    *alive_ = false;
    for (auto id : reapers_) eng_->cancel(id.second);
    // Destroy in start order; a frame's destructor may not touch the group.
    auto tasks = std::move(tasks_);
    tasks_.clear();
}

void task_group::cancel(std::uint64_t id) {
    if (auto it = reapers_.find(id); it != reapers_.end()) {
        eng_->cancel(it->second);
        reapers_.erase(it);
    }
    tasks_.erase(id);
}

}  // namespace kubesim::sim
