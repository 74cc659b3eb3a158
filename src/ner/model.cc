#include "ner/model.h"

#include <cmath>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>

namespace piiscan::ner {
namespace {

constexpr char kMagic[8] = {'P', 'I', 'I', 'S', 'C', 'N', 'E', 'R'};
constexpr uint32_t kVersion = 1;
constexpr float kForbidden = -1e30f;

template <typename T>
void Put(std::string* out, const T& v) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}

// Reads values off a byte buffer, remembering the first overrun.
class Reader {
 public:
  explicit Reader(const std::string& data) : data_(data) {}
  template <typename T>
  bool Get(T* v) {
    if (data_.size() - pos_ < sizeof(T)) return false;
    std::memcpy(v, data_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  size_t remaining() const { return data_.size() - pos_; }
  const char* here() const { return data_.data() + pos_; }

 private:
  const std::string& data_;
  size_t pos_ = 0;
};

}  // namespace

const char* KindName(Kind kind) {
  switch (kind) {
    case Kind::kPerson:
      return "PER";
    case Kind::kLocation:
      return "LOC";
    case Kind::kOrganization:
      return "ORG";
  }
  return "?";
}

bool Allowed(int previous, int tag, const WordInfo& word) {
  if (tag == kO) return true;
  if (!IsBegin(tag) && previous != tag && previous != tag - 1) return false;
  // Codes, ids, addresses of mail and web, long numbers: never a name.
  if (word.code_like || word.digits >= 3) return false;
  if (KindOf(tag) == Kind::kPerson && (word.has_digit || !word.has_letter)) return false;
  if (IsBegin(tag) && !word.has_letter) return false;
  return true;
}

void Viterbi(std::span<const WordInfo> words, const std::vector<float>& emit,
             const Transitions& trans, std::vector<int>* tags) {
  tags->assign(words.size(), kO);
  ViterbiScratch scratch;
  ViterbiRun(words, emit, trans, 0, words.size(), &scratch, tags);
}

void ViterbiRun(std::span<const WordInfo> words, const std::vector<float>& emit,
                const Transitions& trans, size_t first, size_t last, ViterbiScratch* scratch,
                std::vector<int>* tags) {
  const size_t n = last - first;
  if (n == 0) return;
  std::vector<float>& score = scratch->score;
  std::vector<int8_t>& back = scratch->back;
  score.assign(n * kTagCount, kForbidden);
  back.assign(n * kTagCount, 0);
  // A run after a word taken as O continues from O, not from the start.
  const int before = first == 0 ? -1 : kO;
  const size_t start_row = static_cast<size_t>(before < 0 ? kTagCount : kO) * kTagCount;
  for (int t = 0; t < kTagCount; ++t) {
    if (Allowed(before, t, words[first]))
      score[t] = trans[start_row + t] + emit[first * kTagCount + t];
  }
  for (size_t i = 1; i < n; ++i) {
    const WordInfo& w = words[first + i];
    const float* prev = &score[(i - 1) * kTagCount];
    for (int t = 0; t < kTagCount; ++t) {
      float best = kForbidden;
      int arg = 0;
      for (int p = 0; p < kTagCount; ++p) {
        if (prev[p] <= kForbidden || !Allowed(p, t, w)) continue;
        const float s = prev[p] + trans[p * kTagCount + t];
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      if (best <= kForbidden) continue;
      score[i * kTagCount + t] = best + emit[(first + i) * kTagCount + t];
      back[i * kTagCount + t] = static_cast<int8_t>(arg);
    }
  }
  int best = kO;
  for (int t = 1; t < kTagCount; ++t) {
    if (score[(n - 1) * kTagCount + t] > score[(n - 1) * kTagCount + best]) best = t;
  }
  for (size_t i = n; i-- > 0;) {
    (*tags)[first + i] = best;
    best = back[i * kTagCount + best];
  }
}

std::vector<TagSpan> SpansOf(const std::vector<int>& tags) {
  std::vector<TagSpan> spans;
  for (size_t i = 0; i < tags.size();) {
    if (tags[i] == kO) {
      ++i;
      continue;
    }
    const Kind kind = KindOf(tags[i]);
    size_t j = i + 1;
    while (j < tags.size() && tags[j] != kO && !IsBegin(tags[j]) && KindOf(tags[j]) == kind) ++j;
    spans.push_back({kind, i, j});
    i = j;
  }
  return spans;
}

Status Model::Save(const std::string& path, int bits, const std::vector<float>& weights,
                   const Transitions& trans, const Lexicon& lexicon) {
  const size_t count = (size_t{1} << bits) * kTagCount;
  if (weights.size() != count) {
    return MakeError(ErrorCode::kInvalidArgument, "model weights: size does not match the bits");
  }
  float max_abs = 1e-9f;
  for (float w : weights) max_abs = std::max(max_abs, std::fabs(w));
  const float scale = max_abs / 32767.0f;

  std::string out(kMagic, sizeof kMagic);
  Put(&out, kVersion);
  Put(&out, static_cast<uint32_t>(bits));
  Put(&out, static_cast<uint32_t>(kTagCount));
  Put(&out, scale);
  for (float t : trans) Put(&out, t);
  const auto entries = lexicon.Entries();
  Put(&out, static_cast<uint64_t>(entries.size()));
  for (const auto& [hash, flags] : entries) {
    Put(&out, hash);
    Put(&out, flags);
  }
  out.reserve(out.size() + count * 2);
  for (float w : weights) Put(&out, static_cast<int16_t>(std::lround(w / scale)));

  std::ofstream file(path, std::ios::binary | std::ios::trunc);
  if (!file.write(out.data(), static_cast<std::streamsize>(out.size())) || !file.flush()) {
    return MakeError(ErrorCode::kIo, path + ": cannot write the model");
  }
  return {};
}

Result<std::shared_ptr<const Model>> Model::Load(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return MakeError(ErrorCode::kNotFound, path + ": cannot open the name model");
  file.seekg(0, std::ios::end);
  const std::streamoff size = file.tellg();
  file.seekg(0, std::ios::beg);
  std::string data(size > 0 ? static_cast<size_t>(size) : 0, '\0');
  if (size < 0 || !file.read(data.data(), size)) {
    return MakeError(ErrorCode::kIo, path + ": cannot read the name model");
  }
  auto bad = [&](const std::string& what) {
    return MakeError(ErrorCode::kParse, path + ": not a valid name model: " + what);
  };

  Reader r(data);
  char magic[8];
  uint32_t version = 0, bits = 0, tags = 0;
  std::shared_ptr<Model> m(new Model());
  if (!r.Get(&magic) || std::memcmp(magic, kMagic, sizeof kMagic) != 0) return bad("no header");
  if (!r.Get(&version) || version != kVersion) return bad("unknown version");
  if (!r.Get(&bits) || bits < 8 || bits > 26) return bad("bucket bits out of range");
  if (!r.Get(&tags) || tags != kTagCount) return bad("unexpected tag count");
  if (!r.Get(&m->scale_) || !std::isfinite(m->scale_)) return bad("bad weight scale");
  for (float& t : m->trans_) {
    if (!r.Get(&t) || !std::isfinite(t)) return bad("truncated transitions");
  }
  uint64_t entries = 0;
  if (!r.Get(&entries) || entries > r.remaining() / 12) return bad("bad lexicon size");
  m->lexicon_.Reserve(entries);
  for (uint64_t i = 0; i < entries; ++i) {
    uint64_t hash = 0;
    uint32_t flags = 0;
    r.Get(&hash);
    r.Get(&flags);
    m->lexicon_.Add(hash, flags);
  }
  const size_t count = (size_t{1} << bits) * kTagCount;
  if (r.remaining() != count * sizeof(int16_t)) return bad("weight table has the wrong size");
  m->weights_.resize(count);
  std::memcpy(m->weights_.data(), r.here(), count * sizeof(int16_t));
  m->bits_ = static_cast<int>(bits);
  return std::shared_ptr<const Model>(std::move(m));
}

void Model::Tag(std::span<const WordInfo> words, std::vector<uint32_t>* features,
                std::vector<float>* emit, std::vector<int>* tags) const {
  const uint32_t mask = (1u << bits_) - 1;
  emit->resize(words.size() * kTagCount);
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i].skip) continue;
    features->clear();
    Features(words, i, features);
    int32_t acc[kTagCount] = {};
    for (uint32_t f : *features) {
      const int16_t* row = &weights_[static_cast<size_t>(f & mask) * kTagCount];
      for (int t = 0; t < kTagCount; ++t) acc[t] += row[t];
    }
    for (int t = 0; t < kTagCount; ++t) {
      (*emit)[i * kTagCount + t] = static_cast<float>(acc[t]) * scale_;
    }
  }

  // Skipped words are O; each run of scored words is decoded on its own.
  tags->assign(words.size(), kO);
  thread_local ViterbiScratch scratch;
  for (size_t i = 0; i < words.size();) {
    if (words[i].skip) {
      ++i;
      continue;
    }
    size_t j = i + 1;
    while (j < words.size() && !words[j].skip) ++j;
    ViterbiRun(words, *emit, trans_, i, j, &scratch, tags);
    i = j;
  }
}

size_t Model::MemoryBytes() const {
  return weights_.size() * sizeof(int16_t) + lexicon_.size() * 24;
}

}  // namespace piiscan::ner
