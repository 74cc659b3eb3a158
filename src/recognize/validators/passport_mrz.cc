// Machine-readable zone of a passport (ICAO 9303 TD3), second line, with its check digits.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

namespace {

bool FieldOk(std::string_view line, size_t start, size_t length) {
  int check = IcaoCheckDigit(line.substr(start, length));
  char want = line[start + length];
  // A check digit may be '<' when the field is empty.
  if (want == '<') return line.substr(start, length).find_first_not_of('<') == line.npos;
  return check >= 0 && IsDigit(want) && check == DigitValue(want);
}

}  // namespace

Verdict PassportMrz(std::string_view candidate) {
  if (candidate.size() != 44) return Verdict::kInvalid;
  // Document number, birth date, expiry date, personal number.
  if (!FieldOk(candidate, 0, 9) || !FieldOk(candidate, 13, 6) || !FieldOk(candidate, 21, 6) ||
      !FieldOk(candidate, 28, 14)) {
    return Verdict::kInvalid;
  }
  std::string composite = std::string(candidate.substr(0, 10)) +
                          std::string(candidate.substr(13, 7)) +
                          std::string(candidate.substr(21, 22));
  int check = IcaoCheckDigit(composite);
  return check >= 0 && IsDigit(candidate[43]) && check == DigitValue(candidate[43])
             ? Verdict::kValid
             : Verdict::kInvalid;
}

}  // namespace piiscan::validators
