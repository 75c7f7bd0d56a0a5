// The service's own API, "Sealadapter.*": the operations of api/operations.hpp with the permission each
// needs (reading needs read; submit, cancel and retry need write). Params are positional, as in Lotus.
#pragma once

#include "api/operations.hpp"
#include "service/rpc_server.hpp"

namespace sa::adapter {

void add_sealadapter_methods(RpcServer& server, Operations& ops, const std::string& version);

}  // namespace sa::adapter
