// Structured logs for the service: one line per event, logfmt (`ts=... level=info event=task-done task=7`),
// through spdlog to stderr (journald picks it up under systemd). Values with spaces are quoted.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace sa::adapter {

enum class LogLevel { Debug, Info, Warn, Error };

using LogFields = std::vector<std::pair<std::string, std::string>>;

void log_event(LogLevel level, const std::string& event, const LogFields& fields = {});
// "debug", "info", "warn", "error" (SEALADAPTER_LOG_LEVEL); throws sa::Error(Usage) for anything else.
void set_log_level(const std::string& level);
// The logfmt body of one event (without time and level), for tests.
std::string logfmt(const std::string& event, const LogFields& fields);

}  // namespace sa::adapter
