#pragma once

// Trains the name model: an averaged perceptron over the features of
// features.h, decoded with the same constrained Viterbi as at run time.
// Deterministic: the same data, options and seed give the same file.

#include <cstdint>
#include <string>
#include <vector>

#include "ner/corpus.h"
#include "ner/lexicon.h"
#include "ner/model.h"
#include "piiscan/status.h"

namespace piiscan::ner {

struct TrainOptions {
  int bits = 19;      // 2^bits hashed feature buckets
  int epochs = 3;     // passes over the data (more fit the synthetic sentences too well)
  uint64_t seed = 1;  // shuffling
};

// Counts per entity kind, exact span matches.
struct SpanCounts {
  size_t tp[kKindCount] = {};
  size_t fp[kKindCount] = {};
  size_t fn[kKindCount] = {};
};

// Trains on `data` and writes the model to `path`. `progress` (may be null)
// gets one line per epoch.
Status TrainModel(const std::vector<Sentence>& data, const Lexicon& lexicon,
                  const TrainOptions& options, const std::string& path,
                  void (*progress)(const std::string&));

// Tags every sentence of `gold` with `model` and compares spans.
SpanCounts Evaluate(const Model& model, const std::vector<Sentence>& gold);

}  // namespace piiscan::ner
