#include "cli/presidio_json.h"

namespace piiscan::cli {

// Presidio's RecognizerResult, as its analyzer REST API returns it.
Json PresidioResult(const Finding& f, bool explain) {
  Json j = {{"entity_type", f.entity_type}, {"start", f.start}, {"end", f.end}, {"score", f.score}};
  if (explain) {
    const Explanation& e = f.explanation;
    j["analysis_explanation"] = {
        {"recognizer", e.recognizer},
        {"pattern_name", e.pattern},
        {"original_score", e.base_score},
        {"score", e.final_score},
        {"score_context_improvement", e.context_boost},
        {"supportive_context_word", e.context_words.empty() ? "" : e.context_words.front()},
        {"validation_result", e.validation.empty() ? Json(nullptr) : Json(e.validation == "valid")},
        {"textual_explanation", e.detail.empty() ? Json(nullptr) : Json(e.detail)}};
  } else {
    j["analysis_explanation"] = nullptr;
  }
  j["recognition_metadata"] = {{"recognizer_name", f.recognizer},
                               {"recognizer_identifier", f.recognizer}};
  return j;
}

Json PresidioResults(const std::vector<Finding>& findings, bool explain) {
  Json list = Json::array();
  for (const Finding& f : findings) list.push_back(PresidioResult(f, explain));
  return list;
}

std::string DumpJson(const Json& j, int indent) {
  return j.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace piiscan::cli
