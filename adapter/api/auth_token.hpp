// Lotus-style API tokens: JWT (HS256) whose payload is {"Allow": [permissions]}; a token made for a
// permission allows every permission up to it (read < write < sign < admin). The secret is 32 random bytes
// in a file created with mode 0600 (libjwt does the JWT; this is the only file that includes it).
#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace sa::adapter {

enum class Permission { Read, Write, Sign, Admin };

std::string_view permission_name(Permission p);
std::optional<Permission> parse_permission(std::string_view text);
// "write" -> {"read", "write"}: what a token made for `p` allows.
std::vector<std::string> permissions_up_to(Permission p);

class JwtSecret {
 public:
  // Reads the secret, or creates it (0600) when missing; refuses one readable by others.
  static JwtSecret load_or_create(const std::filesystem::path& file);
  static JwtSecret from_bytes(std::string key);

  std::string create_token(Permission p) const;
  // The permissions a token grants, or nullopt when it is not an HS256 token signed with this secret.
  std::optional<std::set<std::string>> verify(const std::string& token) const;

 private:
  std::string key_;
};

}  // namespace sa::adapter
