#pragma once

// Deterministic overlap resolution.
//
// 1. A span contained in another span of the same type is dropped (the
//    container keeps the higher of the two scores).
// 2. Of spans that still overlap, the higher score wins, then the higher
//    type priority, then the longer span, then the earlier start, then the
//    type (in catalogue order), then the caller's id.
// The result is sorted by start and free of overlaps.

#include <cstddef>
#include <vector>

namespace piiscan::analyze {

struct Span {
  size_t start = 0;  // bytes
  size_t end = 0;
  double score = 0.0;
  int priority = 0;
  int type = 0;   // any id that is equal for equal entity types
  size_t id = 0;  // caller's index, returned in the result
};

// Returns the ids of the spans that survive, ordered by start.
std::vector<size_t> ResolveOverlaps(std::vector<Span> spans);

}  // namespace piiscan::analyze
