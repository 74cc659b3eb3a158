#pragma once

// The recognizer catalogue: recognizers described as data (YAML), so that
// users add their own without recompiling. See catalogue/default.yaml for
// the format.

#include <string>
#include <string_view>
#include <vector>

#include "piiscan/status.h"

namespace piiscan::recognize {

// What may stand right before and after a match (see boundary.h).
enum class Boundary { kNone, kWord, kDigits, kDotted, kEmail, kUrl, kHexColon };

// How a recognizer's candidates are confirmed.
enum class Engine {
  kPattern,  // start recovered with RE2, then the validator
  kPhone,    // the window around the candidate goes to libphonenumber
  kNames,    // found by the name stage (src/ner), never by a pattern
};

struct PatternSpec {
  std::string name;
  std::string regex;
  double score = 0.5;
  size_t max_length = 64;  // bytes; bounds the start-recovery window
  bool case_insensitive = false;
  // Match code points, not bytes: case folding of non-ASCII letters.
  bool unicode = false;
  bool requires_context = false;  // dropped unless a context word is near
  // Score when the confirmer is only partly sure (a phone number of the
  // right length that is not assigned in its region); < 0: drop such.
  double weak_score = -1.0;
};

struct RecognizerSpec {
  std::string name;
  std::string entity;
  std::string country = "global";
  std::string language = "any";
  std::string validator;  // empty: none
  Boundary boundary = Boundary::kWord;
  Engine engine = Engine::kPattern;
  int priority = 0;
  std::vector<std::string> context;  // lower case
  std::vector<PatternSpec> patterns;
  // A short text holding a value this recognizer finds, context word
  // included when it needs one: shown by `piiscan recognizers`, and tested.
  std::string example;
  std::string source;  // catalogue file it came from, for errors
};

// Countries whose recognizers are enabled when the caller names none, with
// the global ones. Every enabled pattern joins the one scan and most
// national identifiers are bare digit runs, so each country costs speed and
// adds look-alikes: the default is the two most often met in English data.
inline constexpr const char* kDefaultCountries[] = {"us", "gb"};

// Keeps the recognizers whose country is "global" or in `countries` (ISO
// 3166 alpha-2, any case; empty means kDefaultCountries, "all" means every
// country), and those whose entity type is in `entities`, so that asking
// for a type by name enables it whatever its country. A country in
// `countries` that no recognizer in `specs` is tagged with is an error.
Status SelectCountries(const std::vector<std::string>& countries,
                       const std::vector<std::string>& entities,
                       std::vector<RecognizerSpec>* specs);

// Parses a catalogue document. `source` names it in error messages.
Result<std::vector<RecognizerSpec>> ParseCatalogue(std::string_view yaml_text,
                                                   const std::string& source);

// Reads and parses a catalogue file.
Result<std::vector<RecognizerSpec>> LoadCatalogueFile(const std::string& path);

// The catalogue compiled into the binary (catalogue/default.yaml).
std::string_view BuiltinCatalogue();

}  // namespace piiscan::recognize
