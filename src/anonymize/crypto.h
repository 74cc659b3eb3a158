#pragma once

// Digests and base64url for the anonymizer's operators (OpenSSL).

#include <string>
#include <string_view>

#include "piiscan/status.h"

namespace piiscan::anonymize {

// Lower-case hex digest of `data`: "sha256" or "sha512", HMAC when `key` is
// not empty. Errors only for an unknown digest name.
Result<std::string> HexDigest(std::string_view data, const std::string& digest,
                              std::string_view key);

// `n` bytes from the operating system's random source.
Result<std::string> RandomBytes(size_t n);

std::string Base64UrlEncode(std::string_view bytes);
// Errors for characters outside the base64url alphabet.
Result<std::string> Base64UrlDecode(std::string_view text);

}  // namespace piiscan::anonymize
