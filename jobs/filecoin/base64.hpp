// Standard base64 with padding (RFC 4648 §4), as Go's encoding/json writes a []byte: Lotus's byte fields
// and the Phase1Out of the C2 envelope.
#pragma once

#include <string>
#include <string_view>

namespace sa::jobs::filecoin {

std::string base64_encode(std::string_view bytes);
// Throws sa::Error(Usage) "<field>: not standard base64 ..." on anything else.
std::string base64_decode(std::string_view text, const char* field);

}  // namespace sa::jobs::filecoin
