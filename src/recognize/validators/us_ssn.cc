// US social security numbers: SSA allocation rules plus well-known fakes.

#include <array>
#include <string>
#include <string_view>

#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {
namespace {

// Numbers printed in advertising and documentation, never validly issued
// to a person (078-05-1120 was on a wallet insert; 219-09-9999 in an SSA
// pamphlet; 123-45-6789 in countless forms).
constexpr std::array<std::string_view, 3> kPublishedFakes = {"078051120", "219099999", "123456789"};

// The nine digits of "AAA-GG-SSSS", "AAA GG SSSS" or "AAAGGSSSS".
std::optional<std::string> SsnDigits(std::string_view text) {
  if (text.size() == 9) return AllDigits(text) ? std::optional<std::string>(text) : std::nullopt;
  if (text.size() != 11 || text[3] != text[6] || (text[3] != '-' && text[3] != ' ')) {
    return std::nullopt;
  }
  std::string digits = std::string(text.substr(0, 3)) + std::string(text.substr(4, 2)) +
                       std::string(text.substr(7, 4));
  return AllDigits(digits) ? std::optional<std::string>(digits) : std::nullopt;
}

}  // namespace

Verdict UsSsn(std::string_view candidate) {
  std::optional<std::string> digits = SsnDigits(candidate);
  if (!digits) return Verdict::kInvalid;

  std::string_view ssn = *digits;
  std::string_view area = ssn.substr(0, 3);
  if (area == "000" || area == "666" || area[0] == '9') return Verdict::kInvalid;
  if (ssn.substr(3, 2) == "00" || ssn.substr(5, 4) == "0000") return Verdict::kInvalid;

  for (std::string_view fake : kPublishedFakes) {
    if (ssn == fake) return Verdict::kInvalid;
  }
  return AllSame(ssn) ? Verdict::kInvalid : Verdict::kValid;
}

}  // namespace piiscan::validators
