// Every kind kubesim serves, in one include.
#pragma once

#include <kubesim/api/apps/deployment.hpp>
#include <kubesim/api/apps/replica_set.hpp>
#include <kubesim/api/autoscaling/scale.hpp>
#include <kubesim/api/coordination/lease.hpp>
#include <kubesim/api/core/config_map.hpp>
#include <kubesim/api/core/event.hpp>
#include <kubesim/api/core/namespace.hpp>
#include <kubesim/api/core/node.hpp>
#include <kubesim/api/core/pod.hpp>
#include <kubesim/api/core/secret.hpp>
#include <kubesim/api/core/service.hpp>
#include <kubesim/api/discovery/endpoint_slice.hpp>
#include <kubesim/api/resource.hpp>

namespace kubesim::api {
static_assert(resource<pod>);
static_assert(resource<node>);
static_assert(resource<namespace_>);
static_assert(resource<service>);
static_assert(resource<event>);
static_assert(resource<config_map>);
static_assert(resource<secret>);
static_assert(resource<endpoint_slice>);
static_assert(resource<replica_set>);
static_assert(resource<deployment>);
static_assert(resource<scale>);
static_assert(resource<lease>);
}  // namespace kubesim::api
