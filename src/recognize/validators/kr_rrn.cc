// Korean resident and foreigner registration numbers: birth date, gender digit, check digit.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

// The 13 digits of `candidate` when the date and check digit hold; the
// seventh (gender and century) is left to the caller.
std::optional<std::string> Registration(std::string_view candidate) {
  std::optional<std::string> digits = JoinDigitGroups(candidate, "-");
  if (!digits || digits->size() != 13) return std::nullopt;
  const std::string& d = *digits;
  static constexpr int kCentury[] = {1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800};
  int year = kCentury[DigitValue(d[6])] + TwoDigits(d, 0);
  if (!IsDate(year, TwoDigits(d, 2), TwoDigits(d, 4))) return std::nullopt;
  int sum = WeightedSum(d, {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5});
  if ((11 - sum % 11) % 10 != DigitValue(d[12])) return std::nullopt;
  return digits;
}

}  // namespace

Verdict KrRrn(std::string_view candidate) {
  std::optional<std::string> digits = Registration(candidate);
  if (!digits) return Verdict::kInvalid;
  char gender = (*digits)[6];
  bool citizen = (gender >= '1' && gender <= '4') || gender == '9' || gender == '0';
  return citizen ? Verdict::kValid : Verdict::kInvalid;
}

Verdict KrFrn(std::string_view candidate) {
  std::optional<std::string> digits = Registration(candidate);
  if (!digits) return Verdict::kInvalid;
  char gender = (*digits)[6];
  return gender >= '5' && gender <= '8' ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
