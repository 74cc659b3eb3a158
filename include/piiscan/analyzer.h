#pragma once

// The analyzer finds personal data in UTF-8 text.
//
//   piiscan::AnalyzerConfig config;             // defaults are useful as is
//   config.phone_regions = {"US", "GB"};
//   auto analyzer = piiscan::Analyzer::Create(config);
//   if (!analyzer) { report(analyzer.error()); }
//   auto findings = (*analyzer)->Analyze(text, {});
//
// How it works: every pattern of every enabled recognizer is compiled into
// one Vectorscan database, scanned once per text without start-of-match
// tracking. Each match end is checked cheaply (token boundaries), its start
// is recovered with RE2 on a bounded window, and the candidate is validated
// (checksums), scored with context words, filtered by the threshold and by
// the allow list, and finally overlaps are resolved. Phone numbers are
// confirmed by libphonenumber on small windows around digit runs. Every
// step is linear in the input.
//
// Thread safety: an Analyzer is immutable after Create() and may be shared
// by any number of threads; per-call scratch space is leased internally.

#include <cstddef>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "piiscan/finding.h"
#include "piiscan/status.h"

namespace piiscan {

struct AnalyzerConfig {
  // Recognizer catalogues (YAML) added to the built-in one.
  std::vector<std::string> catalogue_files;
  // Use only the user's catalogues, not the built-in one.
  bool skip_builtin_catalogue = false;
  // Entity types to report; empty means every type in the catalogues.
  std::vector<std::string> entities;
  // Countries whose built-in national recognizers are enabled (ISO 3166
  // alpha-2, lower or upper case); global ones always are. Empty: us and
  // gb, which keeps the scan fast (each country adds patterns); "all": every
  // country. An entity type named in `entities` is enabled whatever its
  // country. A country no built-in recognizer is tagged with is an error.
  std::vector<std::string> countries;
  // Regions whose national phone formats are recognized (ISO 3166 alpha-2).
  // Numbers written with a leading "+" are found whatever the region.
  std::vector<std::string> phone_regions = {"US", "GB", "DE", "FR", "IN", "CA", "AU", "IE"};
  // Findings scoring below this are dropped.
  double score_threshold = 0.4;
  // Words looked at before and after a candidate for context words.
  int context_words_before = 6;
  int context_words_after = 3;
  // Added to a candidate's score when a context word is found nearby.
  double context_boost = 0.35;
  // Values never reported (exact, case-sensitive) ...
  std::vector<std::string> allow_list;
  // ... and RE2 patterns that, matching a whole value, suppress it.
  std::vector<std::string> allow_patterns;
  // Terms always reported as the given entity type (case-insensitive,
  // whole words), e.g. {"PROJECT_CODE", {"bluebird", "nightjar"}}.
  std::map<std::string, std::vector<std::string>> deny_lists;
  // Where the compiled pattern database is cached between runs ("" turns
  // caching off). DefaultPatternCacheDir() gives the usual place.
  std::string pattern_cache_dir;
  // Upper bound on pattern candidates examined per Analyze call; hitting it
  // is reported through AnalyzeStats::truncated.
  size_t max_candidates = 4'000'000;
  // The name stage: a statistical model for PERSON, LOCATION and
  // ORGANIZATION plus rules for STREET_ADDRESS, AGE, ZIP_CODE, TITLE, NRP
  // and US_DRIVER_LICENSE. The model file is read on first use.
  bool names = false;
  // The name model file; "" for the one built with piiscan (models/ner.bin).
  std::string name_model;
};

// $PIISCAN_CACHE_DIR, else $XDG_CACHE_HOME/piiscan, else ~/.cache/piiscan;
// "" when none of them is set.
std::string DefaultPatternCacheDir();

// Per-call options.
struct AnalyzeOptions {
  bool explain = false;                 // fill Finding::explanation
  double score_threshold = -1.0;        // < 0: the analyzer's threshold
  std::vector<std::string> entities;    // narrow the types for this call
  std::vector<std::string> allow_list;  // extra values to ignore
  std::vector<std::string> context;     // extra context words
  // Words taken as standing next to every candidate of this text, such as
  // the column header of a cell or the key of a JSON value (Presidio's
  // "context"). Each counts when it is a context word of the candidate's
  // recognizer; "nhs_number" counts as itself and as "nhs" and "number".
  std::vector<std::string> surrounding;
  // Fill Finding::start/end (code points). A caller that counts code points
  // itself, like the stream scanner, turns this off to save a pass.
  bool code_points = true;
};

// What one Analyze call did, for metrics and for honest reports.
struct AnalyzeStats {
  size_t candidates = 0;   // pattern matches examined
  bool truncated = false;  // max_candidates was reached
};

// Description of one recognizer, for listings.
struct RecognizerInfo {
  std::string name;
  std::string entity_type;
  std::string country;   // "global" or ISO 3166 alpha-2 (lower case)
  std::string language;  // "any" or ISO 639-1
  std::string validator;
  std::vector<std::string> context;
  std::string example;  // a text holding a value it finds ("" if none given)
};

class Analyzer {
 public:
  // Loads the catalogues and compiles the pattern database. Errors name
  // the catalogue file, recognizer and pattern that failed.
  static Result<std::shared_ptr<const Analyzer>> Create(const AnalyzerConfig& config);

  virtual ~Analyzer() = default;

  // Finds personal data in `text`, which must be valid UTF-8 (see
  // text.h for lenient decoding). Findings are sorted by start offset and
  // never overlap. Offsets index `text`.
  virtual Result<std::vector<Finding>> Analyze(std::string_view text, const AnalyzeOptions& options,
                                               AnalyzeStats* stats = nullptr) const = 0;

  // Every enabled recognizer.
  virtual const std::vector<RecognizerInfo>& Recognizers() const = 0;

  // Entity types the analyzer can report, sorted.
  virtual std::vector<std::string> SupportedEntities() const = 0;

  // Longest span, in bytes, that one finding can have. Callers that split
  // long texts into chunks overlap the chunks by at least this much.
  virtual size_t MaxSpanBytes() const = 0;
};

}  // namespace piiscan
