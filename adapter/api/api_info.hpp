// API endpoints as Lotus writes them: "TOKEN:/ip4/HOST/tcp/PORT/http" (MINER_API_INFO,
// SEALADAPTER_API_INFO); the token part is optional, and a plain "http://host:port" URL is accepted too.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sa::adapter {

struct ApiInfo {
  std::string token;
  std::string host = "127.0.0.1";
  int port = 0;
  std::string scheme = "http";

  std::string url() const { return scheme + "://" + host + ":" + std::to_string(port); }
  std::string multiaddr() const;  // "/ip4/127.0.0.1/tcp/3456/http"
};

// nullopt for anything that is not one of the accepted forms.
std::optional<ApiInfo> parse_api_info(std::string_view text);
// "TOKEN:/ip4/HOST/tcp/PORT/http"
std::string format_api_info(const ApiInfo& info);

}  // namespace sa::adapter
