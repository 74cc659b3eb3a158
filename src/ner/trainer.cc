#include "ner/trainer.h"

#include <algorithm>
#include <numeric>

namespace piiscan::ner {
namespace {

std::vector<WordInfo> DescribeAll(const std::vector<std::string>& words, const Lexicon& lexicon) {
  std::vector<WordInfo> infos;
  infos.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) infos.push_back(Describe(words[i], i == 0, lexicon));
  return infos;
}

// Weights with lazy averaging: the average is w - u / c, where u sums
// c * update over the updates made at step c.
class Perceptron {
 public:
  explicit Perceptron(int bits)
      : mask_((1u << bits) - 1), w_((size_t{1} << bits) * kTagCount), u_(w_.size()) {}

  void Emissions(const std::vector<std::vector<uint32_t>>& feats, std::vector<float>* emit) const {
    emit->assign(feats.size() * kTagCount, 0.0f);
    for (size_t i = 0; i < feats.size(); ++i) {
      for (uint32_t f : feats[i]) {
        const float* row = &w_[Row(f)];
        for (int t = 0; t < kTagCount; ++t) (*emit)[i * kTagCount + t] += row[t];
      }
    }
  }

  void Update(const std::vector<std::vector<uint32_t>>& feats, const std::vector<int>& gold,
              const std::vector<int>& guess) {
    for (size_t i = 0; i < gold.size(); ++i) {
      if (gold[i] != guess[i]) {
        for (uint32_t f : feats[i]) {
          Bump(Row(f) + gold[i], 1.0f);
          Bump(Row(f) + guess[i], -1.0f);
        }
      }
      const int gp = i == 0 ? kTagCount : gold[i - 1];
      const int pp = i == 0 ? kTagCount : guess[i - 1];
      if (gp != pp || gold[i] != guess[i]) {
        BumpTrans(gp * kTagCount + gold[i], 1.0f);
        BumpTrans(pp * kTagCount + guess[i], -1.0f);
      }
    }
  }

  void Tick() { ++c_; }
  const Transitions& trans() const { return trans_; }

  std::vector<float> Averaged(Transitions* trans) const {
    std::vector<float> avg(w_.size());
    for (size_t i = 0; i < w_.size(); ++i) avg[i] = w_[i] - u_[i] / c_;
    for (size_t i = 0; i < trans_.size(); ++i) (*trans)[i] = trans_[i] - tu_[i] / c_;
    return avg;
  }

 private:
  size_t Row(uint32_t f) const { return static_cast<size_t>(f & mask_) * kTagCount; }
  void Bump(size_t i, float d) {
    w_[i] += d;
    u_[i] += c_ * d;
  }
  void BumpTrans(size_t i, float d) {
    trans_[i] += d;
    tu_[i] += c_ * d;
  }

  uint32_t mask_;
  std::vector<float> w_, u_;
  Transitions trans_{}, tu_{};
  float c_ = 1.0f;
};

}  // namespace

Status TrainModel(const std::vector<Sentence>& data, const Lexicon& lexicon,
                  const TrainOptions& options, const std::string& path,
                  void (*progress)(const std::string&)) {
  if (data.empty()) return MakeError(ErrorCode::kInvalidArgument, "no training sentences");
  std::vector<std::vector<WordInfo>> infos;
  std::vector<std::vector<std::vector<uint32_t>>> feats(data.size());
  infos.reserve(data.size());
  for (size_t s = 0; s < data.size(); ++s) {
    infos.push_back(DescribeAll(data[s].words, lexicon));
    feats[s].resize(data[s].words.size());
    for (size_t i = 0; i < data[s].words.size(); ++i) Features(infos[s], i, &feats[s][i]);
  }

  Perceptron p(options.bits);
  Random random(options.seed);
  std::vector<size_t> order(data.size());
  std::iota(order.begin(), order.end(), 0);
  std::vector<float> emit;
  std::vector<int> guess;
  for (int epoch = 0; epoch < options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.Below(i)]);
    size_t wrong = 0, words = 0;
    for (size_t s : order) {
      p.Emissions(feats[s], &emit);
      Viterbi(infos[s], emit, p.trans(), &guess);
      p.Update(feats[s], data[s].tags, guess);
      p.Tick();
      for (size_t i = 0; i < guess.size(); ++i) wrong += guess[i] != data[s].tags[i];
      words += guess.size();
    }
    if (progress != nullptr) {
      progress("epoch " + std::to_string(epoch + 1) + ": " + std::to_string(wrong) + " of " +
               std::to_string(words) + " words mistagged");
    }
  }
  Transitions trans{};
  const std::vector<float> weights = p.Averaged(&trans);
  return Model::Save(path, options.bits, weights, trans, lexicon);
}

SpanCounts Evaluate(const Model& model, const std::vector<Sentence>& gold) {
  SpanCounts counts;
  std::vector<uint32_t> features;
  std::vector<float> emit;
  std::vector<int> tags;
  for (const Sentence& s : gold) {
    const std::vector<WordInfo> infos = DescribeAll(s.words, model.lexicon());
    model.Tag(infos, &features, &emit, &tags);
    const auto want = SpansOf(s.tags);
    const auto got = SpansOf(tags);
    auto same = [](const TagSpan& a, const TagSpan& b) {
      return a.kind == b.kind && a.first == b.first && a.last == b.last;
    };
    for (const TagSpan& g : got) {
      const bool hit =
          std::any_of(want.begin(), want.end(), [&](const TagSpan& w) { return same(w, g); });
      (hit ? counts.tp : counts.fp)[static_cast<int>(g.kind)]++;
    }
    for (const TagSpan& w : want) {
      const bool hit =
          std::any_of(got.begin(), got.end(), [&](const TagSpan& g) { return same(w, g); });
      if (!hit) counts.fn[static_cast<int>(w.kind)]++;
    }
  }
  return counts;
}

}  // namespace piiscan::ner
