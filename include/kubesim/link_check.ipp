// Compiled mode's half of the mode check in config.hpp: the one ordinary
// definition that every compiled translation unit refers to.
#pragma once

#include <kubesim/config.hpp>

namespace kubesim::link_check {
int KUBESIM_SEPARATE_COMPILATION_must_be_defined_in_every_translation_unit_or_in_none = 1;
}  // namespace kubesim::link_check
