#include "recognize/validators/util.h"

#include <algorithm>
#include <cstdint>

namespace piiscan::validators {
namespace {

constexpr std::string_view kBase58Alphabet =
    "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int Base64UrlValue(char c) {
  if (IsUpper(c)) return c - 'A';
  if (IsLower(c)) return c - 'a' + 26;
  if (IsDigit(c)) return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// Multiplies the big-endian number in `bytes` by 58 and adds `digit`.
// Returns false when the result no longer fits in `max_bytes`.
bool MultiplyAdd58(std::string& bytes, int digit, std::size_t max_bytes) {
  int carry = digit;
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) {
    carry += static_cast<uint8_t>(*it) * 58;
    *it = static_cast<char>(carry & 0xff);
    carry >>= 8;
  }
  for (; carry > 0; carry >>= 8) {
    if (bytes.size() >= max_bytes) return false;
    bytes.insert(bytes.begin(), static_cast<char>(carry & 0xff));
  }
  return true;
}

}  // namespace

int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  return ToLower(c) - 'a' + 10;
}

bool AllDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), IsDigit);
}

bool AllSame(std::string_view text) {
  return !text.empty() && text.find_first_not_of(text.front()) == std::string_view::npos;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ToLower(x) == ToLower(y);
         });
}

std::optional<std::string> JoinDigitGroups(std::string_view text, std::string_view separators) {
  std::string digits;
  char separator = '\0';
  bool after_digit = false;
  for (char c : text) {
    if (IsDigit(c)) {
      digits.push_back(c);
      after_digit = true;
      continue;
    }
    // A separator must follow a digit and match any earlier separator.
    if (!after_digit || separators.find(c) == std::string_view::npos) return std::nullopt;
    if (separator != '\0' && c != separator) return std::nullopt;
    separator = c;
    after_digit = false;
  }
  if (!after_digit) return std::nullopt;
  return digits;
}

std::optional<std::string> DecodeBase58(std::string_view text, std::size_t max_bytes) {
  std::size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1') ++zeros;
  if (zeros > max_bytes) return std::nullopt;

  std::string number;
  for (char c : text.substr(zeros)) {
    std::size_t digit = kBase58Alphabet.find(c);
    if (digit == std::string_view::npos) return std::nullopt;
    if (!MultiplyAdd58(number, static_cast<int>(digit), max_bytes - zeros)) return std::nullopt;
  }
  return std::string(zeros, '\0') + number;
}

std::optional<std::string> DecodeBase64Url(std::string_view text) {
  if (text.size() % 4 == 1) return std::nullopt;

  std::string bytes;
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : text) {
    int value = Base64UrlValue(c);
    if (value < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(value);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return bytes;
}

}  // namespace piiscan::validators
