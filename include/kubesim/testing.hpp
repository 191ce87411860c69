// Property testing with kubesim (docs/testing.md): chaos schedules, the
// invariant library, runs, replay and shrinking, and seed sweeps sharded
// across an Indexed Job. Its own include, beside <kubesim/kubesim.hpp>, so that
// programs that do not test properties do not parse it.
#pragma once

#include <kubesim/testing/invariants.hpp>
#include <kubesim/testing/property.hpp>
#include <kubesim/testing/schedule.hpp>
#include <kubesim/testing/shard.hpp>
