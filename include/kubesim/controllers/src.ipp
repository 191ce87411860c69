// The definitions of controllers/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/controllers/deployment/controller.ipp>
#include <kubesim/controllers/deployment/progress.ipp>
#include <kubesim/controllers/deployment/recreate.ipp>
#include <kubesim/controllers/deployment/rolling.ipp>
#include <kubesim/controllers/deployment/sync.ipp>
#include <kubesim/controllers/deployment/util.ipp>
#include <kubesim/controllers/endpoint_slice/controller.ipp>
#include <kubesim/controllers/endpoint_slice/reconciler.ipp>
#include <kubesim/controllers/endpoint_slice/utils.ipp>
#include <kubesim/controllers/garbage_collector/garbage_collector.ipp>
#include <kubesim/controllers/garbage_collector/graph.ipp>
#include <kubesim/controllers/namespace/controller.ipp>
#include <kubesim/controllers/node_lifecycle/controller.ipp>
#include <kubesim/controllers/pod_gc/controller.ipp>
#include <kubesim/controllers/replica_set/controller.ipp>
#include <kubesim/controllers/replica_set/utils.ipp>
#include <kubesim/controllers/runtime/controller_utils.ipp>
#include <kubesim/controllers/runtime/expectations.ipp>
#include <kubesim/controllers/runtime/node_utils.ipp>
#include <kubesim/controllers/runtime/work_queue.ipp>
#include <kubesim/controllers/scheduler/plugins.ipp>
#include <kubesim/controllers/scheduler/scheduler.ipp>
#include <kubesim/controllers/taint_eviction/controller.ipp>
