#include "ner/name_recognizer.h"

#include <algorithm>

namespace piiscan::ner {
namespace {

const char* EntityOf(Kind kind) {
  switch (kind) {
    case Kind::kPerson:
      return "PERSON";
    case Kind::kLocation:
      return "LOCATION";
    case Kind::kOrganization:
      return "ORGANIZATION";
  }
  return "";
}

// A model span written in lower case only is less sure to be a name.
double ScoreOf(Kind kind, const Words& w, size_t first, size_t last) {
  static constexpr double kBase[kKindCount] = {0.85, 0.75, 0.65};
  bool any_upper = false;
  for (size_t i = first; i < last; ++i) {
    const Casing c = w.infos[i].casing;
    any_upper |= c != Casing::kLower && c != Casing::kOther;
  }
  // Lower case alone is weaker evidence.
  return kBase[static_cast<int>(kind)] - (any_upper ? 0.0 : 0.3);
}

void TagSentences(const ner::Model& model, Words& w, std::vector<NamedSpan>* out) {
  std::vector<uint32_t> features;
  std::vector<float> emit;
  std::vector<int> tags;
  const size_t n = w.tokens.size();
  for (size_t from = 0; from < n;) {
    size_t to = from + 1;
    while (to < n && !w.tokens[to].sentence_start) ++to;
    const std::span<WordInfo> sentence(w.infos.data() + from, to - from);
    MarkUnlikely(sentence);
    model.Tag(sentence, &features, &emit, &tags);
    for (const TagSpan& s : SpansOf(tags)) {
      const size_t first = from + s.first, last = from + s.last;
      out->push_back({EntityOf(s.kind), "name_model", w.tokens[first].start, w.tokens[last - 1].end,
                      ScoreOf(s.kind, w, first, last)});
    }
    from = to;
  }
}

bool Inside(const NamedSpan& a, const std::vector<NamedSpan>& addresses) {
  return std::any_of(addresses.begin(), addresses.end(),
                     [&](const NamedSpan& b) { return a.start < b.end && b.start < a.end; });
}

recognize::RecognizerSpec Spec(const char* name, const char* entity, const char* rule, double score,
                               int priority, std::vector<std::string> context) {
  recognize::RecognizerSpec spec;
  spec.name = name;
  spec.entity = entity;
  spec.engine = recognize::Engine::kNames;
  spec.priority = priority;
  spec.context = std::move(context);
  spec.source = "name stage";
  recognize::PatternSpec p;
  p.name = rule;
  p.score = score;
  p.max_length = kMaxNamedSpanBytes;
  spec.patterns.push_back(std::move(p));
  return spec;
}

}  // namespace

std::vector<recognize::RecognizerSpec> NamedRecognizerSpecs() {
  return {
      Spec("name_model_person", "PERSON", "name_model", 0.85, 15,
           {"name",    "named",    "patient",   "mr",       "mrs",       "ms",      "miss",
            "dr",      "doctor",   "prof",      "signed",   "sincerely", "regards", "dear",
            "contact", "customer", "client",    "employee", "applicant", "tenant",  "author",
            "attn",    "nurse",    "physician", "guardian", "witness",   "owner",   "passenger",
            "student", "spouse",   "wife",      "husband",  "mother",    "father"}),
      Spec("name_model_location", "LOCATION", "name_model", 0.75, 12,
           {"city", "country", "state", "town", "located", "location", "lives", "born", "moved",
            "visit", "visited", "travel", "region", "province", "village"}),
      Spec("name_model_organization", "ORGANIZATION", "name_model", 0.65, 11,
           {"company", "organization", "organisation", "employer", "works", "inc", "ltd", "corp",
            "bank", "university", "agency", "firm", "hospital"}),
      Spec("street_address", "STREET_ADDRESS", "street_address", 0.9, 40,
           {"address", "street", "lives", "located", "ship", "shipping", "mail", "mailing",
            "deliver", "delivery", "residence", "home", "billing", "live"}),
      Spec("age", "AGE", "age", 0.75, 5, {"age", "aged", "old", "years"}),
      Spec("zip_code", "ZIP_CODE", "zip_code", 0.7, 5, {"zip", "postal", "postcode"}),
      Spec("title", "TITLE", "title", 0.6, 5, {}),
      Spec("nrp", "NRP", "nrp", 0.6, 5, {"nationality", "religion", "citizen", "ethnicity"}),
      Spec("driver_license", "US_DRIVER_LICENSE", "driver_license", 0.65, 5,
           {"driver", "license", "licence", "dl"}),
  };
}

std::string DefaultModelPath() { return PIISCAN_NER_MODEL_PATH; }

ModelRegistry& ModelRegistry::Instance() {
  static ModelRegistry registry;
  return registry;
}

Result<std::shared_ptr<const Model>> ModelRegistry::Get(const std::string& path) {
  std::lock_guard lock(mu_);
  for (auto& [p, weak] : models_) {
    if (p != path) continue;
    if (auto model = weak.lock()) return model;
  }
  auto model = Model::Load(path);
  if (!model) return model;
  std::erase_if(models_, [&](const auto& e) { return e.first == path || e.second.expired(); });
  models_.emplace_back(path, *model);
  return model;
}

NameRecognizer::NameRecognizer(std::string model_path)
    : path_(model_path.empty() ? DefaultModelPath() : std::move(model_path)) {}

Result<std::shared_ptr<const Model>> NameRecognizer::Loaded() const {
  std::lock_guard lock(mu_);
  if (model_ != nullptr) return model_;
  auto model = ModelRegistry::Instance().Get(path_);
  if (!model) return model;
  model_ = *model;
  return model_;
}

Status NameRecognizer::Load() const {
  auto model = Loaded();
  if (!model) return tl::unexpected(model.error());
  return {};
}

Status NameRecognizer::Find(std::string_view text, std::vector<NamedSpan>* out) const {
  auto model = Loaded();
  if (!model) return tl::unexpected(model.error());

  Words w;
  w.text = text;
  Tokenize(text, &w.tokens);
  w.infos.reserve(w.tokens.size());
  for (size_t i = 0; i < w.tokens.size(); ++i) {
    w.infos.push_back(Describe(w.Word(i), w.tokens[i].sentence_start, (*model)->lexicon()));
  }

  std::vector<NamedSpan> addresses;
  FindAddresses(w, &addresses);
  std::vector<NamedSpan> names;
  TagSentences(**model, w, &names);
  for (const NamedSpan& s : names) {
    if (!Inside(s, addresses)) out->push_back(s);
  }
  out->insert(out->end(), addresses.begin(), addresses.end());
  FindFixedForms(w, out);
  std::erase_if(*out, [](const NamedSpan& s) { return s.end - s.start > kMaxNamedSpanBytes; });
  return {};
}

}  // namespace piiscan::ner
