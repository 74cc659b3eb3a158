#pragma once

// The service's routes, each a function from a request body (already read
// within the size and time limits) to a reply or an HttpError. Private to
// src/service; server.cc wires them to paths.

#include <functional>
#include <string>

#include "service/state.h"

namespace piiscan::service {

// Presidio's analyzer: text (or a list of texts), language, entities,
// score_threshold, return_decision_process, allow_list, context,
// correlation_id. Long texts are analyzed in overlapping chunks.
Reply<HttpReply> HandleAnalyze(ServiceState& state, RequestInfo& info, const std::string& body);

// A validated analyze request. `texts` point into `body`, which owns them
// (they stay put when the request is moved).
struct AnalyzeRequest {
  Json body;
  std::vector<const std::string*> texts;
  bool is_list = false;
  AnalyzeOptions options;
  std::shared_ptr<const Analyzer> analyzer;
};
Reply<AnalyzeRequest> ParseAnalyzeRequest(ServiceState& state, RequestInfo& info,
                                          const std::string& body);

// Findings of one text of a request, as Presidio's result list, counted in
// the metrics.
Result<Json> AnalyzeOne(ServiceState& state, const AnalyzeRequest& request, size_t index,
                        size_t* findings);

// Presidio's anonymizer: text, analyzer_results, anonymizers per entity.
Reply<HttpReply> HandleAnonymize(ServiceState& state, RequestInfo& info, const std::string& body);

// Presidio's deanonymizer: text, anonymizer_results, deanonymizers
// (decrypt with the key the encrypt operator used).
Reply<HttpReply> HandleDeanonymize(ServiceState& state, RequestInfo& info, const std::string& body);

// Reads a request body piece by piece: calls the receiver with each piece
// until it returns false or the body ends; false when reading stopped early.
using BodyReceiver = std::function<bool(const char* data, size_t size)>;
using BodyReader = std::function<bool(const BodyReceiver&)>;
// A query parameter of the request, "" when absent.
using QueryParam = std::function<std::string(const std::string& name)>;

// A file as the body, streamed to a temporary file (never held whole),
// scanned in overlapping chunks; findings with line, column and offsets.
// Query: entities (comma-separated), score_threshold.
Reply<HttpReply> HandleScan(ServiceState& state, RequestInfo& info, uint64_t declared_length,
                            const BodyReader& read, const QueryParam& param);

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
