// Payment card numbers: issuer prefix (IIN) and length, then Luhn.

#include <cstdint>
#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// Bit n set: n-digit numbers are issued under the range.
constexpr uint32_t Lengths(int min, int max) {
  uint32_t bits = 0;
  for (int n = min; n <= max; ++n) bits |= 1u << n;
  return bits;
}

// An issuer range: numbers whose first `digits` digits lie in [low, high].
struct IinRange {
  std::string_view brand;
  int digits;
  int low;
  int high;
  uint32_t lengths;
};

// Maestro's wide 50, 56-69 ranges come last in spirit: a number matches when
// any range that covers its prefix also allows its length.
constexpr IinRange kIinRanges[] = {
    {"visa", 1, 4, 4, Lengths(13, 13) | Lengths(16, 16) | Lengths(19, 19)},
    {"mastercard", 2, 51, 55, Lengths(16, 16)},
    {"mastercard", 4, 2221, 2720, Lengths(16, 16)},
    {"mir", 4, 2200, 2204, Lengths(16, 19)},
    {"amex", 2, 34, 34, Lengths(15, 15)},
    {"amex", 2, 37, 37, Lengths(15, 15)},
    {"discover", 4, 6011, 6011, Lengths(16, 19)},
    {"discover", 3, 644, 649, Lengths(16, 19)},
    {"discover", 2, 65, 65, Lengths(16, 19)},
    {"jcb", 4, 3528, 3589, Lengths(16, 19)},
    {"diners", 3, 300, 305, Lengths(14, 19)},
    {"diners", 2, 36, 36, Lengths(14, 19)},
    {"diners", 2, 38, 39, Lengths(14, 19)},
    {"unionpay", 2, 62, 62, Lengths(16, 19)},
    {"maestro", 2, 50, 50, Lengths(13, 19)},
    {"maestro", 2, 56, 69, Lengths(13, 19)},
};

int Prefix(std::string_view digits, int count) {
  int value = 0;
  for (int i = 0; i < count; ++i) value = value * 10 + DigitValue(digits[i]);
  return value;
}

bool KnownIssuer(std::string_view digits) {
  for (const IinRange& range : kIinRanges) {
    int prefix = Prefix(digits, range.digits);
    bool length_ok = (range.lengths >> digits.size()) & 1u;
    if (prefix >= range.low && prefix <= range.high && length_ok) return true;
  }
  return false;
}

bool LuhnOk(std::string_view digits) {
  int sum = 0;
  bool double_it = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = DigitValue(*it);
    if (double_it) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
    double_it = !double_it;
  }
  return sum % 10 == 0;
}

}  // namespace

Verdict CreditCard(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, " -");
  if (!digits || digits->size() < 13 || digits->size() > 19) return Verdict::kInvalid;

  if (!KnownIssuer(*digits)) return Verdict::kInvalid;
  return LuhnOk(*digits) ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
