#pragma once

// Context words: words near a candidate that make it more likely to be
// what its pattern says ("SSN: 536-81-2049").

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace piiscan::analyze {

// Lower-case words around [start, end) of `text`: up to `before` words
// before and `after` words after, each side bounded to 256 bytes. A word is
// a run of letters, digits, '-', '\'', '#' or non-ASCII bytes.
std::vector<std::string> NearbyWords(std::string_view text, size_t start, size_t end, int before,
                                     int after);

// Words of `nearby` that are in `context` or `extra`, in order, no repeats.
std::vector<std::string> MatchContext(const std::vector<std::string>& nearby,
                                      const std::unordered_set<std::string>& context,
                                      const std::unordered_set<std::string>& extra);

}  // namespace piiscan::analyze
