#include <doctest/doctest.h>

#include <kubesim/kubesim.hpp>
