// The definitions of sim/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/sim/awaitables.ipp>
#include <kubesim/sim/clock.ipp>
#include <kubesim/sim/engine.ipp>
#include <kubesim/sim/random.ipp>
#include <kubesim/sim/task_group.ipp>
#include <kubesim/sim/trace.ipp>
