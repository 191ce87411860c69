// The definitions of store/ (compiled mode: included by one library translation
// unit, or through <kubesim/src.hpp>).
#pragma once

#include <kubesim/store/admission.ipp>
#include <kubesim/store/client.ipp>
#include <kubesim/store/compact.ipp>
#include <kubesim/store/event_recorder.ipp>
#include <kubesim/store/informer.ipp>
#include <kubesim/store/interner.ipp>
#include <kubesim/store/kind_ops.ipp>
#include <kubesim/store/object_store.ipp>
#include <kubesim/store/patch.ipp>
#include <kubesim/store/service_allocator.ipp>
#include <kubesim/store/watch.ipp>
