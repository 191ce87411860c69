// Definitions of store/interner.hpp.
#pragma once

#include <kubesim/store/interner.hpp>

#include <kubesim/sim/hash.hpp>

namespace kubesim::store {

void interners::intern(api::object_meta& m) {
    sim::fnv1a h;
    for (const auto& r : m.owner_references.vec()) h.field(r.uid).field(r.name);
    owner_references.intern(m.owner_references, h.value());
}

void interners::intern(api::cow_vector<api::container>& cs) {
    sim::fnv1a h;
    for (const auto& c : cs.vec()) h.field(c.name).field(c.image);
    containers.intern(cs, h.value());
}

}  // namespace kubesim::store
