#pragma once

// The service's routes, each a function from a request body (already read
// within the size and time limits) to a reply or an HttpError. Private to
// src/service; server.cc wires them to paths.

#include <string>

#include "service/state.h"

namespace piiscan::service {

// Presidio's analyzer: text (or a list of texts), language, entities,
// score_threshold, return_decision_process, allow_list, context,
// correlation_id. Long texts are analyzed in overlapping chunks.
Reply<HttpReply> HandleAnalyze(ServiceState& state, RequestInfo& info, const std::string& body);

// Presidio's anonymizer: text, analyzer_results, anonymizers per entity.
Reply<HttpReply> HandleAnonymize(ServiceState& state, RequestInfo& info, const std::string& body);

// Presidio's deanonymizer: text, anonymizer_results, deanonymizers
// (decrypt with the key the encrypt operator used).
Reply<HttpReply> HandleDeanonymize(ServiceState& state, RequestInfo& info, const std::string& body);

// Recognizer names and entity types for a language ("" means any).
Reply<HttpReply> HandleRecognizers(ServiceState& state, const std::string& language);
Reply<HttpReply> HandleSupportedEntities(ServiceState& state, const std::string& language);

// The body as a JSON object. 400 for empty bodies, malformed JSON (with
// the byte offset), invalid UTF-8 and non-objects. Takes the request's
// correlation_id when it has a string one.
Reply<Json> ParseJsonBody(const std::string& body, RequestInfo* info);

// Findings of `text`, analyzed whole or, past `chunk_bytes`, in chunks
// overlapping by the longest finding.
Result<std::vector<Finding>> AnalyzeLongText(const Analyzer& analyzer, std::string_view text,
                                             const AnalyzeOptions& options, size_t chunk_bytes);

}  // namespace piiscan::service
