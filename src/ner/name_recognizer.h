#pragma once

// The name stage of the analyzer: the name model (PERSON, LOCATION,
// ORGANIZATION) and the rule recognizers of rules.h over one tokenization
// of the text.
//
// The model file is loaded on first use through the model registry, so an
// analyzer that never sees text never reads it, and analyzers that name the
// same file share one copy. Thread safety: Find() may be called from any
// number of threads at once.

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "ner/model.h"
#include "ner/rules.h"
#include "piiscan/status.h"
#include "recognize/catalogue.h"

namespace piiscan::ner {

// Longest span, in bytes, the name stage reports.
inline constexpr size_t kMaxNamedSpanBytes = 512;

// The recognizers of the name stage, one per entity type, each with one
// pattern entry named after the rule ("name_model", "street_address" ...)
// that holds its base score and context words. Engine kNames.
std::vector<recognize::RecognizerSpec> NamedRecognizerSpecs();

// The model file built from the repository (models/ner.bin).
std::string DefaultModelPath();

// Loaded models by path, shared while anyone holds them: a model nobody
// uses any more is unloaded, and loaded again when next asked for.
class ModelRegistry {
 public:
  static ModelRegistry& Instance();
  Result<std::shared_ptr<const Model>> Get(const std::string& path);

 private:
  std::mutex mu_;
  std::vector<std::pair<std::string, std::weak_ptr<const Model>>> models_;
};

class NameRecognizer {
 public:
  // `model_path`: "" for DefaultModelPath().
  explicit NameRecognizer(std::string model_path);

  // Every span found in `text` (valid UTF-8), unordered. Overlaps between
  // the model and the rules are settled here: an address holds its city.
  // Fails only when the model cannot be loaded.
  Status Find(std::string_view text, std::vector<NamedSpan>* out) const;

  // Loads the model now, e.g. to fail early.
  Status Load() const;

 private:
  Result<std::shared_ptr<const ner::Model>> Loaded() const;

  std::string path_;
  mutable std::mutex mu_;
  mutable std::shared_ptr<const ner::Model> model_;
};

}  // namespace piiscan::ner
