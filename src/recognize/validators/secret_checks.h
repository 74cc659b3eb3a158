#pragma once

// Shared judgement of secret values: placeholders and randomness.

#include <string_view>

namespace piiscan::validators {

// Shannon entropy of the bytes of `text`, in bits per byte (0 when empty).
double ShannonEntropy(std::string_view text);

// True for values that stand in for a secret rather than being one:
// containing EXAMPLE/example, "xxxx", "****", "0000000", "changeme",
// "your_"/"<your", "dummy", "placeholder", "redacted"; or made mostly (at
// least half) of one repeated character.
bool IsPlaceholder(std::string_view value);

}  // namespace piiscan::validators
