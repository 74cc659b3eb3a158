#pragma once

// What the analyzer reports for one piece of personal data.

#include <cstddef>
#include <string>
#include <vector>

namespace piiscan {

// Why a finding has the score it has. Filled only when the caller asks for
// explanations (AnalyzeOptions::explain), since it costs allocations.
struct Explanation {
  std::string recognizer;                  // catalogue name of the recognizer
  std::string pattern;                     // name of the pattern that matched
  std::string validator;                   // validator name, empty if none
  std::string validation;                  // "valid", "invalid", "unknown" or ""
  double base_score = 0.0;                 // the pattern's score
  std::vector<std::string> context_words;  // context words found nearby
  double context_boost = 0.0;              // added for the context words
  double final_score = 0.0;                // the reported score
  std::string detail;                      // extra facts, e.g. a phone's E.164 form
};

struct Finding {
  std::string entity_type;  // e.g. "EMAIL_ADDRESS"
  // Offsets into the analyzed text, end exclusive. Code points are what
  // Presidio and most JSON consumers count; bytes index the UTF-8 buffer.
  size_t start = 0;       // code points
  size_t end = 0;         // code points
  size_t byte_start = 0;  // UTF-8 bytes
  size_t byte_end = 0;    // UTF-8 bytes
  double score = 0.0;     // in [0, 1]
  std::string recognizer;
  Explanation explanation;  // empty unless requested
};

}  // namespace piiscan
