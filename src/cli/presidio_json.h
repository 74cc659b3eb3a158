#pragma once

// Findings in the shapes of Presidio's analyzer REST API, shared by
// `piiscan analyze` and `piiscan serve`.

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "piiscan/finding.h"

namespace piiscan::cli {

using Json = nlohmann::ordered_json;

// Presidio's RecognizerResult: entity_type, start, end (code points),
// score, analysis_explanation (null unless `explain`), recognition_metadata.
Json PresidioResult(const Finding& finding, bool explain);

// A JSON array of PresidioResult.
Json PresidioResults(const std::vector<Finding>& findings, bool explain);

// Compact (indent -1) or indented JSON; invalid UTF-8 is replaced, never
// thrown on.
std::string DumpJson(const Json& j, int indent = -1);

}  // namespace piiscan::cli
