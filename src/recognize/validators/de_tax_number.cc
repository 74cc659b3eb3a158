// German tax number (Steuernummer) in one of the states' layouts or the 13-digit federal form.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict DeTaxNumber(std::string_view candidate) {
  std::optional<std::string> digits = Compact(candidate, " /");
  if (!digits || !AllDigits(*digits)) return Verdict::kInvalid;
  // No check digit is published for all states: the layout is the check.
  // TODO(#6): per-state check digits (Berlin, Hesse...) would add precision.
  if (digits->size() == 13) {
    // Federal form: state (1-9 first), office, a 0, district, serial, check.
    return (*digits)[0] != '0' && (*digits)[4] == '0' ? Verdict::kValid : Verdict::kInvalid;
  }
  if (digits->size() != 10 && digits->size() != 11) return Verdict::kInvalid;
  return AllSame(*digits) ? Verdict::kInvalid : Verdict::kValid;
}

}  // namespace piiscan::validators
