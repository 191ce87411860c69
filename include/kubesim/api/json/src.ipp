// The definitions of api/json/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/api/json/apply.ipp>
#include <kubesim/api/json/apps.ipp>
#include <kubesim/api/json/autoscaling.ipp>
#include <kubesim/api/json/codec.ipp>
#include <kubesim/api/json/coordination.ipp>
#include <kubesim/api/json/core.ipp>
#include <kubesim/api/json/detail/go_time.ipp>
#include <kubesim/api/json/detail/io.ipp>
#include <kubesim/api/json/detail/openapi_schemas.ipp>
#include <kubesim/api/json/detail/schema.ipp>
#include <kubesim/api/json/discovery.ipp>
#include <kubesim/api/json/meta.ipp>
#include <kubesim/api/json/openapi.ipp>
#include <kubesim/api/json/patch.ipp>
#include <kubesim/api/json/protobuf.ipp>
