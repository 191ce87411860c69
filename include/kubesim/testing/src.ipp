// The definitions of testing/ (compiled mode: included by one library
// translation unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/testing/invariants.ipp>
#include <kubesim/testing/property.ipp>
#include <kubesim/testing/schedule.ipp>
#include <kubesim/testing/shard.ipp>
