#include "ner/lexicon.h"

#include <algorithm>
#include <fstream>
#include <map>

namespace piiscan::ner {
namespace {

uint64_t Slot(uint64_t hash, size_t mask) { return (hash ^ (hash >> 29)) & mask; }

struct Section {
  const char* name;
  uint32_t flags;
};

constexpr Section kSections[] = {
    {"country", kCountry},         {"state", kState},         {"city", kCity},
    {"org_suffix", kOrgSuffix},    {"honorific", kHonorific}, {"street_suffix", kStreetSuffix},
    {"unit_word", kUnitWord},      {"month", kMonth},         {"weekday", kWeekday},
    {"nationality", kNationality}, {"religion", kReligion},   {"political", kPolitical},
};

Status ReadRanked(const std::string& path, uint32_t top_flag, size_t top, uint32_t mid_flag,
                  size_t mid, uint32_t any_flag, Lexicon* out) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::string line;
  size_t rank = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    uint32_t flags = any_flag;
    if (rank < top) flags |= top_flag;
    if (rank < mid) flags |= mid_flag;
    out->Add(HashLower(line), flags);
    ++rank;
  }
  return {};
}

Status ReadSections(const std::string& path, Lexicon* out) {
  std::ifstream in(path);
  if (!in) return MakeError(ErrorCode::kNotFound, path + ": cannot open");
  std::string line;
  uint32_t flags = 0;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.empty() || line[0] == '#') continue;
    if (line.back() == ':') {
      const std::string name = line.substr(0, line.size() - 1);
      const auto* s = std::find_if(std::begin(kSections), std::end(kSections),
                                   [&](const Section& x) { return name == x.name; });
      if (s == std::end(kSections)) {
        return MakeError(ErrorCode::kParse,
                         path + ":" + std::to_string(number) + ": unknown section '" + name + "'");
      }
      flags = s->flags;
      continue;
    }
    if (flags == 0) {
      return MakeError(ErrorCode::kParse,
                       path + ":" + std::to_string(number) + ": entry before any section");
    }
    out->AddPhrase(line, flags);
  }
  return {};
}

}  // namespace

uint64_t HashLower(std::string_view word) {
  uint64_t h = 1469598103934665603ull;
  for (char c : word) {
    const auto u = static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    h = (h ^ u) * 1099511628211ull;
  }
  return h == 0 ? 1 : h;
}

void Lexicon::Reserve(size_t count) {
  size_t slots = 1024;
  while (slots < count * 2) slots *= 2;
  if (slots > keys_.size()) Rehash(slots);
}

void Lexicon::Rehash(size_t size) {
  std::vector<uint64_t> keys(size, 0);
  std::vector<uint32_t> values(size, 0);
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] == 0) continue;
    size_t s = Slot(keys_[i], size - 1);
    while (keys[s] != 0) s = (s + 1) & (size - 1);
    keys[s] = keys_[i];
    values[s] = values_[i];
  }
  keys_.swap(keys);
  values_.swap(values);
}

void Lexicon::Add(uint64_t hash, uint32_t flags) {
  if ((count_ + 1) * 2 > keys_.size()) Grow();
  const size_t mask = keys_.size() - 1;
  size_t s = Slot(hash, mask);
  while (keys_[s] != 0 && keys_[s] != hash) s = (s + 1) & mask;
  if (keys_[s] == 0) {
    keys_[s] = hash;
    ++count_;
  }
  values_[s] |= flags;
}

void Lexicon::AddPhrase(std::string_view phrase, uint32_t flags) {
  const bool multi = phrase.find(' ') != std::string_view::npos;
  size_t from = 0;
  while (from < phrase.size()) {
    size_t space = phrase.find(' ', from);
    if (space == std::string_view::npos) space = phrase.size();
    if (space > from)
      Add(HashLower(phrase.substr(from, space - from)),
          flags | (multi ? uint32_t{kMultiWord} : 0u));
    from = space + 1;
  }
}

uint32_t Lexicon::FlagsOfHash(uint64_t hash) const {
  if (keys_.empty()) return 0;
  const size_t mask = keys_.size() - 1;
  for (size_t s = Slot(hash, mask);; s = (s + 1) & mask) {
    if (keys_[s] == hash) return values_[s];
    if (keys_[s] == 0) return 0;
  }
}

uint32_t Lexicon::Flags(std::string_view word) const {
  uint32_t flags = FlagsOfHash(HashLower(word));
  if (word.size() > 1 && word.back() == '.') {
    flags |= FlagsOfHash(HashLower(word.substr(0, word.size() - 1)));
  }
  return flags;
}

std::vector<std::pair<uint64_t, uint32_t>> Lexicon::Entries() const {
  std::vector<std::pair<uint64_t, uint32_t>> out;
  out.reserve(count_);
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] != 0) out.emplace_back(keys_[i], values_[i]);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<Lexicon> LoadLexiconDir(const std::string& dir) {
  Lexicon lex;
  if (auto st = ReadRanked(dir + "/first_names.txt", kFirstTop, 500, kFirstMid, 5000, kFirst, &lex);
      !st) {
    return tl::unexpected(st.error());
  }
  if (auto st = ReadRanked(dir + "/last_names.txt", kLastTop, 1000, kLastMid, 10000, kLast, &lex);
      !st) {
    return tl::unexpected(st.error());
  }
  for (const char* name : {"places.txt", "lexicon.txt"}) {
    if (auto st = ReadSections(dir + "/" + name, &lex); !st) return tl::unexpected(st.error());
  }
  return lex;
}

}  // namespace piiscan::ner
