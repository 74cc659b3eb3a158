#pragma once

// The name model: a linear-chain sequence labeller over BIO tags for
// persons, locations and organizations, trained as an averaged perceptron
// (see trainer.h) and decoded with Viterbi. Weights sit in a table of
// 2^bits hashed feature buckets x kTagCount tags, quantized to 16 bits.
//
// File layout (little-endian): "PIISCNER", u32 version (1), u32 bits,
// u32 tag count, f32 weight scale, f32 transitions[(kTagCount + 1) x
// kTagCount] (the last row is the sentence start), u64 lexicon entries,
// entries as (u64 word hash, u32 flags), then i16 weights.
//
// Thread safety: a loaded Model is immutable; share it across threads. Tag()
// takes per-call scratch from the caller.

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ner/features.h"
#include "ner/lexicon.h"
#include "piiscan/status.h"

namespace piiscan::ner {

enum Tag : int { kO, kBPer, kIPer, kBLoc, kILoc, kBOrg, kIOrg };
inline constexpr int kTagCount = 7;

enum class Kind : int { kPerson, kLocation, kOrganization };
inline constexpr int kKindCount = 3;
const char* KindName(Kind kind);  // "PER", "LOC", "ORG"

inline bool IsBegin(int tag) { return tag % 2 == 1; }
inline Kind KindOf(int tag) { return static_cast<Kind>((tag - 1) / 2); }

// Transition scores: [previous tag or kTagCount for the start][tag].
using Transitions = std::array<float, (kTagCount + 1) * kTagCount>;

// Whether `tag` may label `word` after `previous` (-1 at a sentence start):
// I- only continues its own type; no entity holds a code-like word or a
// word of three digits or more; PERSON never holds a digit; every entity
// starts on a word with a letter.
bool Allowed(int previous, int tag, const WordInfo& word);

// Best tag sequence for emission scores `emit` (words.size() x kTagCount).
void Viterbi(std::span<const WordInfo> words, const std::vector<float>& emit,
             const Transitions& trans, std::vector<int>* tags);

// Viterbi over words [first, last) only, writing tags there; the words
// before `first` are taken as O. Scratch is reused across calls.
struct ViterbiScratch {
  std::vector<float> score;
  std::vector<int8_t> back;
};
void ViterbiRun(std::span<const WordInfo> words, const std::vector<float>& emit,
                const Transitions& trans, size_t first, size_t last, ViterbiScratch* scratch,
                std::vector<int>* tags);

// A run of tokens [first, last) tagged as one entity.
struct TagSpan {
  Kind kind;
  size_t first;
  size_t last;
};
std::vector<TagSpan> SpansOf(const std::vector<int>& tags);

class Model {
 public:
  // Reads a model file; errors say what is wrong and where.
  static Result<std::shared_ptr<const Model>> Load(const std::string& path);

  // Writes a model: `weights` has (1 << bits) x kTagCount floats.
  static Status Save(const std::string& path, int bits, const std::vector<float>& weights,
                     const Transitions& trans, const Lexicon& lexicon);

  const Lexicon& lexicon() const { return lexicon_; }

  // Tags `words` (one sentence); words marked `skip` are O without being
  // scored. `features` and `emit` are scratch.
  void Tag(std::span<const WordInfo> words, std::vector<uint32_t>* features,
           std::vector<float>* emit, std::vector<int>* tags) const;

  size_t MemoryBytes() const;

 private:
  Model() = default;

  int bits_ = 0;
  float scale_ = 1.0f;
  Transitions trans_{};
  std::vector<int16_t> weights_;
  Lexicon lexicon_;
};

}  // namespace piiscan::ner
