// MAC addresses (EUI-48) in colon, dash or Cisco dot notation.

#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// True when `text` is groups of `group_size` hex digits, each followed by
// `separator` except the last.
bool Grouped(std::string_view text, int group_size, char separator) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    bool separator_slot = (i + 1) % (group_size + 1) == 0;
    if (separator_slot ? text[i] != separator : !IsHexDigit(text[i])) return false;
  }
  return true;
}

bool WellFormed(std::string_view text) {
  if (text.size() == 17) {
    char separator = text[2];
    return (separator == ':' || separator == '-') && Grouped(text, 2, separator);
  }
  return text.size() == 14 && Grouped(text, 4, '.');
}

}  // namespace

Verdict Mac(std::string_view candidate) {
  if (!WellFormed(candidate)) return Verdict::kInvalid;

  // 00:00:00:00:00:00 is a placeholder, never a device.
  for (char c : candidate) {
    if (IsHexDigit(c) && c != '0') return Verdict::kValid;
  }
  return Verdict::kInvalid;
}

}  // namespace piiscan::validators
