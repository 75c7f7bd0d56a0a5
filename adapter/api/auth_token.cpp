// HS256 tokens with libjwt; the secret file.
#include "api/auth_token.hpp"

#include <fcntl.h>
#include <jwt.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "base/error.hpp"

namespace sa::adapter {

namespace {
constexpr const char* kNames[] = {"read", "write", "sign", "admin"};
using JwtPtr = std::unique_ptr<jwt_t, void (*)(jwt_t*)>;
}  // namespace

std::string_view permission_name(Permission p) { return kNames[static_cast<int>(p)]; }

std::optional<Permission> parse_permission(std::string_view text) {
  for (int i = 0; i < 4; ++i) {
    if (text == kNames[i]) return static_cast<Permission>(i);
  }
  return std::nullopt;
}

std::vector<std::string> permissions_up_to(Permission p) {
  std::vector<std::string> out;
  for (int i = 0; i <= static_cast<int>(p); ++i) out.emplace_back(kNames[i]);
  return out;
}

JwtSecret JwtSecret::from_bytes(std::string key) {
  if (key.size() < 16) throw Error(ErrorKind::Config, "API secret is too short");
  JwtSecret s;
  s.key_ = std::move(key);
  return s;
}

JwtSecret JwtSecret::load_or_create(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) == 0) {
    if ((st.st_mode & 0077) != 0) {
      throw Error(ErrorKind::Config, file.string() + " is readable by others; chmod 600 it (it signs API tokens)");
    }
    std::ifstream in(file, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return from_bytes(ss.str());
  }
  std::filesystem::create_directories(file.parent_path());
  std::random_device rd;
  std::string key(32, '\0');
  for (auto& c : key) c = static_cast<char>(rd());
  int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return load_or_create(file);  // another process made it first
    throw Error(ErrorKind::Io, "create " + file.string() + ": " + std::strerror(errno));
  }
  bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) throw Error(ErrorKind::Io, "write " + file.string());
  return from_bytes(key);
}

std::string JwtSecret::create_token(Permission p) const {
  jwt_t* raw = nullptr;
  if (jwt_new(&raw) != 0) throw Error(ErrorKind::Internal, "jwt_new failed");
  JwtPtr jwt(raw, jwt_free);
  nlohmann::json grants = {{"Allow", permissions_up_to(p)}};
  if (jwt_add_grants_json(jwt.get(), grants.dump().c_str()) != 0 ||
      jwt_set_alg(jwt.get(), JWT_ALG_HS256, reinterpret_cast<const unsigned char*>(key_.data()), static_cast<int>(key_.size())) != 0) {
    throw Error(ErrorKind::Internal, "cannot build the token");
  }
  std::unique_ptr<char, void (*)(void*)> text(jwt_encode_str(jwt.get()), free);
  if (!text) throw Error(ErrorKind::Internal, "jwt_encode_str failed");
  return text.get();
}

std::optional<std::set<std::string>> JwtSecret::verify(const std::string& token) const {
  if (token.empty() || token.size() > 8192) return std::nullopt;
  jwt_t* raw = nullptr;
  if (jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(key_.data()), static_cast<int>(key_.size())) != 0 ||
      raw == nullptr) {
    return std::nullopt;
  }
  JwtPtr jwt(raw, jwt_free);
  if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256) return std::nullopt;  // never "none" or another algorithm
  std::unique_ptr<char, void (*)(void*)> allow(jwt_get_grants_json(jwt.get(), "Allow"), free);
  if (!allow) return std::nullopt;
  auto j = nlohmann::json::parse(allow.get(), nullptr, false);
  if (!j.is_array()) return std::nullopt;
  std::set<std::string> out;
  for (const auto& p : j) {
    if (p.is_string()) out.insert(p.get<std::string>());
  }
  return out;
}

}  // namespace sa::adapter
