#pragma once

// Token boundary checks for pattern matches. Patterns carry no
// look-around (Vectorscan and RE2 both lack it), so what may stand right
// before and after a match is checked here, in O(1) per candidate. The
// right-hand check runs before the start of a match is even recovered, so
// that a long run of digits costs one cheap test per position.

#include <cstddef>
#include <string_view>

#include "recognize/catalogue.h"

namespace piiscan::recognize {

// True if a match may end at byte `end` of `text` (end exclusive).
bool RightBoundaryOk(Boundary boundary, std::string_view text, size_t end);

// True if a match may start at byte `start` of `text`.
bool LeftBoundaryOk(Boundary boundary, std::string_view text, size_t start);

}  // namespace piiscan::recognize

namespace piiscan::recognize {

// True if the character starting at `pos` continues a word: a letter or
// digit of a script written with spaces, or "_". False past the end.
bool IsWordByteAt(std::string_view text, size_t pos);

}  // namespace piiscan::recognize
