// The HTTP front end of the compiled library (<kubesim/server.hpp>): its own
// translation unit, so that only programs that serve the API pay for Beast.
#include <kubesim/server/src.ipp>
