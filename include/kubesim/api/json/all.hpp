// Every kind's JSON in one include: ADL to_json / from_json for all of
// api/kinds.hpp, api::json::encode / decode, and the merge and strategic merge
// patches of json/patch.hpp.
#pragma once

#include <kubesim/api/json/apps.hpp>
#include <kubesim/api/json/autoscaling.hpp>
#include <kubesim/api/json/coordination.hpp>
#include <kubesim/api/json/core.hpp>
#include <kubesim/api/json/decode.hpp>
#include <kubesim/api/json/discovery.hpp>
#include <kubesim/api/json/meta.hpp>
#include <kubesim/api/json/patch.hpp>
