// ResolveOverlaps (src/analyze/overlap.h): which of several overlapping
// candidate spans is reported.

#include "analyze/overlap.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <ostream>
#include <random>
#include <string_view>
#include <vector>

namespace piiscan::analyze {
namespace {

// Span fields in the order of the struct: start, end, score, priority, type, id.
Span S(size_t start, size_t end, double score, int priority, int type, size_t id) {
  return Span{start, end, score, priority, type, id};
}

struct Case {
  std::string_view name;
  std::vector<Span> spans;
  std::vector<size_t> want;  // surviving ids, ordered by start
};

void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

class ResolveOverlapsTest : public ::testing::TestWithParam<Case> {};

TEST_P(ResolveOverlapsTest, KeepsTheRightSpans) {
  EXPECT_EQ(ResolveOverlaps(GetParam().spans), GetParam().want);
}

// Every case is also checked with its spans in reverse order, so that the
// outcome cannot depend on the order the caller happened to produce.
TEST_P(ResolveOverlapsTest, SameResultInReverseOrder) {
  std::vector<Span> reversed = GetParam().spans;
  std::reverse(reversed.begin(), reversed.end());
  EXPECT_EQ(ResolveOverlaps(reversed), GetParam().want);
}

const Case kContainment[] = {
    {"same type inside a longer span is dropped",
     {S(0, 20, 0.6, 50, 1, 0), S(5, 10, 0.6, 50, 1, 1)},
     {0}},
    {"same type inside, even with a higher score",
     {S(0, 20, 0.5, 50, 1, 0), S(5, 10, 0.9, 50, 1, 1)},
     {0}},
    {"container takes the inner score and beats a rival with it",
     {S(0, 20, 0.5, 50, 1, 0), S(5, 10, 0.9, 50, 1, 1), S(15, 25, 0.8, 50, 2, 2)},
     {0}},
    {"same start: the longer one contains the shorter",
     {S(0, 8, 0.9, 50, 1, 0), S(0, 16, 0.4, 50, 1, 1)},
     {1}},
    {"same end: the longer one contains the shorter",
     {S(4, 16, 0.9, 50, 1, 0), S(0, 16, 0.4, 50, 1, 1)},
     {1}},
    {"contained in an earlier, not the furthest-reaching, span",
     {S(0, 30, 0.5, 50, 1, 0), S(1, 12, 0.5, 50, 1, 1), S(2, 10, 0.9, 50, 1, 2)},
     {0}},
    {"nested three deep collapses to the outermost",
     {S(0, 30, 0.4, 50, 1, 0), S(5, 25, 0.5, 50, 1, 1), S(10, 20, 0.6, 50, 1, 2)},
     {0}},
    {"same type overlapping without containment: the higher score wins",
     {S(0, 10, 0.5, 50, 1, 0), S(5, 15, 0.9, 50, 1, 1)},
     {1}},
    {"other type inside is not swallowed: it wins on score",
     {S(0, 20, 0.5, 50, 1, 0), S(5, 10, 0.9, 10, 2, 1)},
     {1}},
};
INSTANTIATE_TEST_SUITE_P(SameTypeContainment, ResolveOverlapsTest,
                         ::testing::ValuesIn(kContainment));

const Case kCrossType[] = {
    {"higher score wins despite lower priority",
     {S(0, 10, 0.6, 90, 1, 0), S(5, 15, 0.8, 10, 2, 1)},
     {1}},
    {"higher score wins despite being shorter",
     {S(0, 30, 0.6, 50, 1, 0), S(10, 15, 0.61, 50, 2, 1)},
     {1}},
    {"equal score: higher priority wins", {S(0, 10, 0.6, 40, 1, 0), S(5, 15, 0.6, 80, 2, 1)}, {1}},
    {"equal score: higher priority wins even when shorter",
     {S(0, 30, 0.6, 40, 1, 0), S(10, 15, 0.6, 80, 2, 1)},
     {1}},
    {"equal score and priority: longer wins",
     {S(0, 10, 0.6, 50, 1, 0), S(5, 25, 0.6, 50, 2, 1)},
     {1}},
    {"equal score, priority and length: earlier start wins",
     {S(5, 15, 0.6, 50, 1, 0), S(0, 10, 0.6, 50, 2, 1)},
     {1}},
    {"a loser frees no room: its other neighbour still stands",
     {S(0, 10, 0.9, 50, 1, 0), S(8, 20, 0.8, 50, 2, 1), S(18, 30, 0.7, 50, 3, 2)},
     {0, 2}},
    {"one long winner removes several short rivals",
     {S(0, 100, 0.9, 50, 1, 0), S(10, 20, 0.8, 50, 2, 1), S(30, 40, 0.8, 50, 3, 2),
      S(99, 110, 0.8, 50, 3, 3)},
     {0}},
};
INSTANTIATE_TEST_SUITE_P(CrossType, ResolveOverlapsTest, ::testing::ValuesIn(kCrossType));

const Case kAdjacency[] = {
    {"touching spans of different types both stay",
     {S(0, 5, 0.6, 50, 1, 0), S(5, 10, 0.9, 50, 2, 1)},
     {0, 1}},
    {"touching spans of the same type both stay",
     {S(5, 10, 0.6, 50, 1, 1), S(0, 5, 0.6, 50, 1, 0)},
     {0, 1}},
    {"a one-byte overlap is an overlap", {S(0, 6, 0.6, 50, 1, 0), S(5, 10, 0.9, 50, 2, 1)}, {1}},
    {"disjoint spans come back ordered by start",
     {S(40, 50, 0.5, 50, 1, 7), S(0, 5, 0.9, 50, 2, 3), S(20, 30, 0.7, 50, 3, 5)},
     {3, 5, 7}},
    {"nothing in, nothing out", {}, {}},
    {"a single span survives", {S(3, 4, 0.1, 0, 0, 9)}, {9}},
};
INSTANTIATE_TEST_SUITE_P(Adjacency, ResolveOverlapsTest, ::testing::ValuesIn(kAdjacency));

// Two recognizers may report the very same span (deny lists of two types
// holding one term, two patterns of one recognizer). Nothing but the
// caller's id tells them apart; the contract promises determinism, so the
// survivor must not depend on the order the spans arrive in.
TEST(ResolveOverlaps, ExactTiesDoNotDependOnInputOrder) {
  const std::vector<std::vector<Span>> ties = {
      {S(0, 10, 0.6, 50, 1, 0), S(0, 10, 0.6, 50, 1, 1)},    // same type
      {S(0, 10, 1.0, 100, 1, 0), S(0, 10, 1.0, 100, 2, 1)},  // two types
  };
  for (const std::vector<Span>& forward : ties) {
    std::vector<Span> backward(forward.rbegin(), forward.rend());
    const std::vector<size_t> a = ResolveOverlaps(forward);
    EXPECT_EQ(a.size(), 1u);
    EXPECT_EQ(ResolveOverlaps(backward), a) << "type " << forward[1].type;
  }
}

// Random spans with distinct (score, priority) keys: any permutation of
// the input gives the same survivors, sorted and overlap-free.
TEST(ResolveOverlaps, DeterministicUnderPermutation) {
  std::mt19937 rng(20240315);
  for (int round = 0; round < 50; ++round) {
    std::vector<Span> spans;
    for (size_t id = 0; id < 40; ++id) {
      const size_t start = rng() % 200;
      const size_t length = 1 + rng() % 30;
      const double score = 0.3 + 0.01 * static_cast<double>(id);  // distinct
      spans.push_back(S(start, start + length, score, static_cast<int>(rng() % 3) * 10,
                        static_cast<int>(rng() % 4), id));
    }
    const std::vector<size_t> want = ResolveOverlaps(spans);
    ASSERT_FALSE(want.empty());
    for (size_t k = 1; k < want.size(); ++k) {
      EXPECT_LE(spans[want[k - 1]].end, spans[want[k]].start) << "round " << round;
    }
    for (int shuffle = 0; shuffle < 20; ++shuffle) {
      std::shuffle(spans.begin(), spans.end(), rng);
      ASSERT_EQ(ResolveOverlaps(spans), want) << "round " << round << ", shuffle " << shuffle;
    }
  }
}

}  // namespace
}  // namespace piiscan::analyze
