// Validation of every kind kubesim serves, with Kubernetes' field paths and
// messages: kubernetes pkg/apis/{core,apps,discovery,autoscaling,coordination}/validation and
// apimachinery pkg/api/validation (object metadata). One include for all of it:
//
//   validation::validate(obj)                       create
//   validation::validate_update(new_obj, old_obj)   update (spec and metadata)
//   validation::validate_status_update(new, old)    the /status subresource
//
// Each returns a field::error_list; errors::invalid(kind, name, errs) turns it into
// the 422 the API server answers with. Objects are defaulted first
// (api/defaults.hpp), exactly as the API server defaults before it validates.
#pragma once

#include <kubesim/api/validation/apps.hpp>
#include <kubesim/api/validation/coordination.hpp>
#include <kubesim/api/validation/core.hpp>
#include <kubesim/api/validation/discovery.hpp>
#include <kubesim/api/validation/meta.hpp>
