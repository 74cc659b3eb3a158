#pragma once

// Labelled sentences for training and evaluating the name model: CoNLL
// files, synthetic sentences from templates, and case variants.
//
// TODO(#5): the training text is tweets and templates; on formal prose
// (wikigold) PERSON precision is near 0.5. Permissively licensed prose with
// entity labels, or word clusters learned from unlabelled text, are the
// next step.

#include <cstdint>
#include <string>
#include <vector>

#include "piiscan/status.h"

namespace piiscan::ner {

struct Sentence {
  std::vector<std::string> words;
  std::vector<int> tags;  // Tag values, one per word
};

// Reads a CoNLL file: one "word<TAB or SPACE>...tag" per line (the tag is
// the last column), a blank line between sentences, IOB2 or IO tags.
// Types map onto PER, LOC, ORG: PER/person, LOC/location, ORG/corporation/
// group; every other type is O. Errors name the file and line.
Result<std::vector<Sentence>> ReadConll(const std::string& path);

// A small deterministic random source (the same numbers on every platform).
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(Next() % n); }
  bool Chance(double p) { return static_cast<double>(Next() >> 11) * 0x1.0p-53 < p; }

 private:
  uint64_t state_;
};

// Builds `count` synthetic sentences from the templates and word lists in
// `dir` (templates.txt, first_names.txt, last_names.txt, places.txt).
Result<std::vector<Sentence>> Synthesize(const std::string& dir, size_t count, Random* random);

// Appends an ALL CAPS copy of a share `upper` of the sentences and a
// lower-case copy of a share `lower`.
void AddCaseVariants(double upper, double lower, Random* random, std::vector<Sentence>* sentences);

}  // namespace piiscan::ner
