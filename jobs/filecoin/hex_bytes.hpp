// Bytes as lower-case hex and back: how proofs travel in results and on a prover's stdout.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace sa::jobs::filecoin {

std::string hex_encode(std::string_view bytes);
// nullopt unless `hex` is whole bytes of hex digits (either case).
std::optional<std::string> hex_decode(std::string_view hex);

}  // namespace sa::jobs::filecoin
