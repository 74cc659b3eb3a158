#include "analyze/overlap.h"

#include <algorithm>
#include <iterator>
#include <map>

namespace piiscan::analyze {
namespace {

// Drops spans contained in a span of the same type. Spans sorted by start,
// then longest first, so a container always comes before what it holds.
std::vector<Span> DropContainedSameType(std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) {
    if (a.start != b.start) return a.start < b.start;
    if (a.end != b.end) return a.end > b.end;
    if (a.score != b.score) return a.score > b.score;
    return a.id < b.id;
  });
  std::map<int, size_t> open;  // type -> index in `kept` of the span reaching furthest
  std::vector<Span> kept;
  for (const Span& s : spans) {
    auto it = open.find(s.type);
    if (it != open.end() && kept[it->second].end >= s.end) {
      Span& container = kept[it->second];
      container.score = std::max(container.score, s.score);
      continue;
    }
    if (it == open.end() || s.end > kept[it->second].end) open[s.type] = kept.size();
    kept.push_back(s);
  }
  return kept;
}

bool Better(const Span& a, const Span& b) {
  if (a.score != b.score) return a.score > b.score;
  if (a.priority != b.priority) return a.priority > b.priority;
  if (a.end - a.start != b.end - b.start) return a.end - a.start > b.end - b.start;
  if (a.start != b.start) return a.start < b.start;
  if (a.type != b.type) return a.type < b.type;
  return a.id < b.id;
}

}  // namespace

std::vector<size_t> ResolveOverlaps(std::vector<Span> spans) {
  std::vector<Span> ranked = DropContainedSameType(std::move(spans));
  std::sort(ranked.begin(), ranked.end(), Better);

  std::map<size_t, Span> accepted;  // start -> span; accepted spans never overlap
  for (const Span& s : ranked) {
    auto next = accepted.lower_bound(s.start);
    if (next != accepted.end() && next->second.start < s.end) continue;
    if (next != accepted.begin() && std::prev(next)->second.end > s.start) continue;
    accepted.emplace(s.start, s);
  }

  std::vector<size_t> ids;
  ids.reserve(accepted.size());
  for (const auto& [start, span] : accepted) ids.push_back(span.id);
  return ids;
}

}  // namespace piiscan::analyze
