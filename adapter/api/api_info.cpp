// Parsing and writing API info strings (Lotus cli/util/apiinfo.go semantics: split at the first ':' unless
// the string starts with '/' or the part after the colon starts with "//").
#include "api/api_info.hpp"

#include <vector>

namespace sa::adapter {

namespace {

std::optional<int> port_of(const std::string& s) {
  if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  int p = std::stoi(s);
  if (p <= 0 || p > 65535) return std::nullopt;
  return p;
}

std::optional<ApiInfo> parse_multiaddr(std::string_view text) {
  std::vector<std::string> parts;
  std::string cur;
  for (char c : text.substr(1)) {
    if (c == '/') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  parts.push_back(cur);
  // ip4|ip6|dns|dns4|dns6 HOST tcp PORT [http|https|ws|wss]
  if (parts.size() < 4 || parts.size() > 5 || parts[2] != "tcp" || parts[1].empty()) return std::nullopt;
  if (parts[0] != "ip4" && parts[0] != "ip6" && parts[0] != "dns" && parts[0] != "dns4" && parts[0] != "dns6") return std::nullopt;
  ApiInfo info;
  info.host = parts[1];
  auto port = port_of(parts[3]);
  if (!port) return std::nullopt;
  info.port = *port;
  if (parts.size() == 5) {
    if (parts[4] == "http" || parts[4] == "ws") info.scheme = "http";
    else if (parts[4] == "https" || parts[4] == "wss") info.scheme = "https";
    else return std::nullopt;
  }
  return info;
}

std::optional<ApiInfo> parse_url(std::string_view text) {
  ApiInfo info;
  std::string_view rest;
  if (text.rfind("http://", 0) == 0) rest = text.substr(7);
  else if (text.rfind("https://", 0) == 0) {
    info.scheme = "https";
    rest = text.substr(8);
  } else {
    return std::nullopt;
  }
  auto slash = rest.find('/');
  std::string hostport(rest.substr(0, slash));
  auto colon = hostport.rfind(':');
  if (colon == std::string::npos) return std::nullopt;
  info.host = hostport.substr(0, colon);
  auto port = port_of(hostport.substr(colon + 1));
  if (info.host.empty() || !port) return std::nullopt;
  info.port = *port;
  return info;
}

}  // namespace

std::string ApiInfo::multiaddr() const { return "/ip4/" + host + "/tcp/" + std::to_string(port) + "/" + scheme; }

std::optional<ApiInfo> parse_api_info(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text.front() == '/') return parse_multiaddr(text);
  if (text.rfind("http://", 0) == 0 || text.rfind("https://", 0) == 0) return parse_url(text);
  auto colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  std::string_view token = text.substr(0, colon), addr = text.substr(colon + 1);
  std::optional<ApiInfo> info = addr.rfind("//", 0) == 0 ? std::nullopt : (addr.empty() || addr.front() != '/' ? parse_url(addr) : parse_multiaddr(addr));
  if (!info) return std::nullopt;
  info->token = std::string(token);
  return info;
}

std::string format_api_info(const ApiInfo& info) { return (info.token.empty() ? "" : info.token + ":") + info.multiaddr(); }

}  // namespace sa::adapter
