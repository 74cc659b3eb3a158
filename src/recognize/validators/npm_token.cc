// npm access token: "npm_", 30 base62 characters, their CRC32 in 6 base62 characters.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/secret_checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict NpmToken(std::string_view candidate) {
  if (candidate.size() != 40 || candidate.substr(0, 4) != "npm_") return Verdict::kInvalid;
  if (IsPlaceholder(candidate.substr(4))) return Verdict::kInvalid;
  // Tokens issued since 2021 carry the checksum; older or hand-made ones
  // of the same shape are kept on their shape alone.
  return Crc32Base62Matches(candidate.substr(4, 30), candidate.substr(34)) ? Verdict::kValid
                                                                           : Verdict::kUnknown;
}

}  // namespace piiscan::validators
