// Everything kubesim offers, in one include (for users; library code includes
// what it uses).
#pragma once

#include <nlohmann/json.hpp>

#include <kubesim/api/json/all.hpp>
#include <kubesim/api/json/codec.hpp>
#include <kubesim/api/kinds.hpp>
#include <kubesim/cluster.hpp>
#include <kubesim/errors.hpp>
#include <kubesim/kubectl/kubectl.hpp>
#include <kubesim/api/json/node_options.hpp>
#include <kubesim/result.hpp>
#include <kubesim/sim/awaitables.hpp>
#include <kubesim/sim/engine.hpp>
#include <kubesim/sim/random.hpp>
#include <kubesim/sim/task.hpp>
#include <kubesim/sim/trace.hpp>
#include <kubesim/store/client.hpp>
#include <kubesim/store/informer.hpp>
#include <kubesim/store/object_store.hpp>
