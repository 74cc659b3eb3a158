#pragma once

// Small text and encoding helpers shared by the validators. All functions
// are pure, ASCII-only (bytes >= 0x80 are never letters or digits here) and
// independent of the C locale.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace piiscan::validators {

constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool IsAlpha(char c) { return IsUpper(c) || IsLower(c); }
constexpr bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
constexpr bool IsHexDigit(char c) {
  return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr char ToUpper(char c) { return IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// Value of a decimal digit. REQUIRES: IsDigit(c).
constexpr int DigitValue(char c) { return c - '0'; }

// Value of a hex digit. REQUIRES: IsHexDigit(c).
int HexValue(char c);

// True when `text` is non-empty and made only of ASCII digits.
bool AllDigits(std::string_view text);

// True when `text` is non-empty and every character equals the first.
bool AllSame(std::string_view text);

// Case-insensitive ASCII equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// The digits of `text` when it is one or more groups of ASCII digits joined
// by single separators, all the same character, taken from `separators`
// ("4111 1111 1111 1111", "123-45-6789"). Returns nullopt for anything else:
// other characters, a leading, trailing or doubled separator, or two
// different separators ("4111 1111-1111 1111").
std::optional<std::string> JoinDigitGroups(std::string_view text, std::string_view separators);

// Decodes Base58 (Bitcoin alphabet): each leading '1' is a zero byte, the
// rest a big-endian number. Returns nullopt on a character outside the
// alphabet or when the result would exceed `max_bytes`. O(n^2) in the input
// length, so callers bound the input first.
std::optional<std::string> DecodeBase58(std::string_view text, std::size_t max_bytes);

// Decodes unpadded base64url (RFC 4648 section 5, as used by JWT). Returns
// nullopt on '=' or any character outside the alphabet, or on a length
// that no byte string encodes to (length % 4 == 1).
std::optional<std::string> DecodeBase64Url(std::string_view text);

}  // namespace piiscan::validators
