// logfmt lines through spdlog.
#include "service/service_log.hpp"

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "base/error.hpp"

namespace sa::adapter {

namespace {

std::shared_ptr<spdlog::logger> logger() {
  static auto l = [] {
    auto lg = spdlog::stderr_logger_mt("sealadapter");
    lg->set_pattern("ts=%Y-%m-%dT%H:%M:%S.%eZ level=%l %v", spdlog::pattern_time_type::utc);
    lg->flush_on(spdlog::level::info);
    return lg;
  }();
  return l;
}

std::string quoted(const std::string& v) {
  bool plain = !v.empty();
  for (char c : v) plain &= c > ' ' && c != '"' && c != '=' && c != '\\';
  if (plain) return v;
  std::string out = "\"";
  for (char c : v) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string logfmt(const std::string& event, const LogFields& fields) {
  std::string line = "event=" + quoted(event);
  for (const auto& [k, v] : fields) line += " " + k + "=" + quoted(v);
  return line;
}

void log_event(LogLevel level, const std::string& event, const LogFields& fields) {
  static const spdlog::level::level_enum levels[] = {spdlog::level::debug, spdlog::level::info, spdlog::level::warn,
                                                     spdlog::level::err};
  logger()->log(levels[static_cast<int>(level)], "{}", logfmt(event, fields));
}

void set_log_level(const std::string& level) {
  static const std::pair<const char*, spdlog::level::level_enum> names[] = {
      {"debug", spdlog::level::debug}, {"info", spdlog::level::info}, {"warn", spdlog::level::warn},
      {"error", spdlog::level::err}};
  for (const auto& [n, l] : names) {
    if (level == n) {
      logger()->set_level(l);
      return;
    }
  }
  throw Error(ErrorKind::Usage, "unknown log level \"" + level + "\" (debug, info, warn, error)");
}

}  // namespace sa::adapter
