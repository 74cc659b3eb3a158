// Provider credentials found by prefix and shape: placeholders and low-entropy fillers are no
// secrets.

#include <string>
#include <string_view>

#include "recognize/validators/checks.h"
#include "recognize/validators/secret_checks.h"
#include "recognize/validators/util.h"
#include "recognize/validators/validators.h"

namespace piiscan::validators {

Verdict SecretToken(std::string_view candidate) {
  if (IsPlaceholder(candidate)) return Verdict::kInvalid;
  // A real token's random part makes the whole string varied; prefixes
  // followed by "aaaa..." or "1234..." are not.
  return ShannonEntropy(candidate) >= 3.0 ? Verdict::kValid : Verdict::kInvalid;
}

}  // namespace piiscan::validators
