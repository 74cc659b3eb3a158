#include <algorithm>
#include <set>
#include <streambuf>

#include "cli/anonymizer_config.h"
#include "piiscan/anonymizer.h"
#include "piiscan/scanner.h"
#include "piiscan/text.h"
#include "service/routes.h"

namespace piiscan::service {
namespace {

// A read-only stream over a string, without copying it.
class ViewBuf : public std::streambuf {
 public:
  explicit ViewBuf(std::string_view s) {
    char* p = const_cast<char*>(s.data());
    setg(p, p, p + s.size());
  }
};

double Seconds(SteadyTime since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

tl::unexpected<HttpError> BadField(const std::string& field, const std::string& expected) {
  return Fail(400, "invalid_argument", field + ": expected " + expected);
}

// A list of strings from an optional field.
Reply<std::vector<std::string>> StringList(const Json& body, const char* field) {
  std::vector<std::string> out;
  if (!body.contains(field) || body[field].is_null()) return out;
  const Json& v = body[field];
  if (!v.is_array()) return BadField(field, "a list of strings");
  for (size_t i = 0; i < v.size(); ++i) {
    if (!v[i].is_string()) {
      return BadField(std::string(field) + "[" + std::to_string(i) + "]", "a string");
    }
    out.push_back(v[i].get<std::string>());
  }
  return out;
}

Reply<std::string> CheckLanguage(const ServiceState& state, const Json& body) {
  if (!body.contains("language") || body["language"].is_null()) return std::string("en");
  if (!body["language"].is_string()) return BadField("language", "a language code such as \"en\"");
  const std::string lang = body["language"].get<std::string>();
  const auto& ok = state.config().languages;
  if (std::find(ok.begin(), ok.end(), lang) == ok.end()) {
    return Fail(400, "unsupported_language",
                "language '" + lang + "' is not served (configured: " + Json(ok).dump() + ")");
  }
  return lang;
}

Reply<AnalyzeOptions> AnalyzeOptionsFrom(const Json& body, const Analyzer& analyzer) {
  AnalyzeOptions o;
  auto entities = StringList(body, "entities");
  if (!entities) return tl::unexpected(entities.error());
  const std::vector<std::string> known = analyzer.SupportedEntities();
  for (size_t i = 0; i < entities->size(); ++i) {
    if (!std::binary_search(known.begin(), known.end(), (*entities)[i])) {
      return Fail(400, "unknown_entity",
                  "entities[" + std::to_string(i) + "]: unknown entity type '" + (*entities)[i] +
                      "' (GET /supportedentities lists them)");
    }
  }
  o.entities = std::move(*entities);
  if (body.contains("score_threshold") && !body["score_threshold"].is_null()) {
    const Json& t = body["score_threshold"];
    if (!t.is_number() || t.get<double>() < 0.0 || t.get<double>() > 1.0) {
      return BadField("score_threshold", "a number from 0 to 1");
    }
    o.score_threshold = t.get<double>();
  }
  if (body.contains("return_decision_process") && !body["return_decision_process"].is_null()) {
    if (!body["return_decision_process"].is_boolean()) {
      return BadField("return_decision_process", "true or false");
    }
    o.explain = body["return_decision_process"].get<bool>();
  }
  auto allow = StringList(body, "allow_list");
  if (!allow) return tl::unexpected(allow.error());
  o.allow_list = std::move(*allow);
  if (body.contains("allow_list_match") && body["allow_list_match"] != "exact") {
    // TODO(#4): regex allow lists per request need a per-request RE2 set.
    return Fail(400, "unsupported", "allow_list_match: only \"exact\" is supported");
  }
  // Presidio's context words count as if they stood next to every value.
  auto context = StringList(body, "context");
  if (!context) return tl::unexpected(context.error());
  o.surrounding = std::move(*context);
  if (body.contains("ad_hoc_recognizers") && !body["ad_hoc_recognizers"].is_null() &&
      !body["ad_hoc_recognizers"].empty()) {
    // TODO(#4): ad hoc recognizers need a per-request pattern database.
    return Fail(400, "unsupported",
                "ad_hoc_recognizers: not supported; add them to a catalogue (catalogues option)");
  }
  return o;
}

// The texts of a request: one string or a list of strings.
Reply<std::vector<const std::string*>> TextsOf(const Json& body, bool* is_list) {
  std::vector<const std::string*> texts;
  if (!body.contains("text")) return BadField("text", "a string or a list of strings (missing)");
  const Json& t = body["text"];
  *is_list = t.is_array();
  if (t.is_string()) {
    texts.push_back(&t.get_ref<const std::string&>());
    return texts;
  }
  if (!t.is_array()) return BadField("text", "a string or a list of strings");
  for (size_t i = 0; i < t.size(); ++i) {
    if (!t[i].is_string()) return BadField("text[" + std::to_string(i) + "]", "a string");
    texts.push_back(&t[i].get_ref<const std::string&>());
  }
  return texts;
}

std::string Dump(const Json& j) { return cli::DumpJson(j); }

}  // namespace

Reply<Json> ParseJsonBody(const std::string& body, RequestInfo* info) {
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return Fail(400, "empty_body", "the request has no body; expected a JSON object");
  }
  Json j;
  try {
    j = Json::parse(body);
  } catch (const Json::parse_error& e) {
    // The library's message quotes the input; say only what and where.
    const bool utf8 = std::string(e.what()).find("UTF-8") != std::string::npos;
    return Fail(400, utf8 ? "invalid_utf8" : "malformed_json",
                std::string(utf8 ? "invalid UTF-8" : "malformed JSON") + " at byte " +
                    std::to_string(e.byte));
  } catch (const Json::exception&) {
    // A number too large for a double (1e999) and the like.
    return Fail(400, "malformed_json", "a value in the body is out of range");
  }
  if (!j.is_object()) return Fail(400, "invalid_argument", "expected a JSON object");
  if (j.contains("correlation_id") && j["correlation_id"].is_string()) {
    const std::string id = j["correlation_id"].get<std::string>();
    if (!id.empty() && id.size() <= 128) info->correlation_id = id;
  }
  return j;
}

Result<std::vector<Finding>> AnalyzeLongText(const Analyzer& analyzer, std::string_view text,
                                             const AnalyzeOptions& options, size_t chunk_bytes) {
  if (text.size() <= chunk_bytes) return analyzer.Analyze(text, options);
  ViewBuf buf(text);
  std::istream in(&buf);
  ScanOptions so;
  so.analyze = options;
  so.chunk_bytes = chunk_bytes;
  auto report = ScanStream(analyzer, in, "text", so);
  if (!report) return tl::unexpected(report.error());
  // Text with many control characters reads as binary to the stream
  // scanner; a JSON string is text by definition, so analyze it whole.
  if (report->binary) return analyzer.Analyze(text, options);
  std::vector<Finding> out;
  out.reserve(report->findings.size());
  for (LocatedFinding& f : report->findings) {
    f.finding.byte_start = f.source_start;
    f.finding.byte_end = f.source_end;
    out.push_back(std::move(f.finding));
  }
  return out;
}

Reply<AnalyzeRequest> ParseAnalyzeRequest(ServiceState& state, RequestInfo& info,
                                          const std::string& body) {
  AnalyzeRequest r;
  auto json = ParseJsonBody(body, &info);
  if (!json) return tl::unexpected(json.error());
  r.body = std::move(*json);
  auto texts = TextsOf(r.body, &r.is_list);
  if (!texts) return tl::unexpected(texts.error());
  r.texts = std::move(*texts);
  if (auto lang = CheckLanguage(state, r.body); !lang) return tl::unexpected(lang.error());
  auto analyzer = state.GetAnalyzer();
  if (!analyzer) return tl::unexpected(analyzer.error());
  r.analyzer = std::move(*analyzer);
  auto options = AnalyzeOptionsFrom(r.body, *r.analyzer);
  if (!options) return tl::unexpected(options.error());
  r.options = std::move(*options);
  return r;
}

Result<Json> AnalyzeOne(ServiceState& state, const AnalyzeRequest& request, size_t index,
                        size_t* findings) {
  const std::string& text = *request.texts[index];
  if (auto fault = state.MaybeFailEngine(); !fault) return tl::unexpected(fault.error());
  const SteadyTime start = std::chrono::steady_clock::now();
  auto found =
      AnalyzeLongText(*request.analyzer, text, request.options, state.config().chunk_bytes);
  if (!found) return tl::unexpected(found.error());
  state.RecordScan(*found, text.size(), Seconds(start));
  *findings += found->size();
  return cli::PresidioResults(*found, request.options.explain);
}

Reply<HttpReply> HandleAnalyze(ServiceState& state, RequestInfo& info, const std::string& body) {
  auto request = ParseAnalyzeRequest(state, info, body);
  if (!request) return tl::unexpected(request.error());
  auto admission = state.Admit(body.size(), info);
  if (!admission) return tl::unexpected(admission.error());
  state.MaybeSlowDown();

  Json out = Json::array();
  for (size_t i = 0; i < request->texts.size(); ++i) {
    // Between texts: stop when the deadline passed or memory ran short.
    if (info.Expired()) return Fail(408, "deadline_exceeded", "request deadline passed");
    if (state.governor().Check() == runtime::BreakerState::kOpen) {
      return Fail(503, "memory_pressure", "memory breaker opened during the request", 1);
    }
    auto results = AnalyzeOne(state, *request, i, &info.findings);
    if (!results) {
      HttpError e = ToHttpError(results.error());
      if (request->is_list) e.detail = "text[" + std::to_string(i) + "]: " + e.detail;
      return tl::unexpected(e);
    }
    out.push_back(std::move(*results));
  }
  return HttpReply{200, Dump(request->is_list ? out : out[0])};
}

namespace {

// Presidio's operators, with the key given inline (keys never go in our
// own config files, hence the separate step).
Reply<AnonymizerConfig> OperatorsFrom(const Json& req) {
  Json ops = Json::object();
  std::map<std::string, std::string> keys;
  if (req.contains("anonymizers") && !req["anonymizers"].is_null()) {
    if (!req["anonymizers"].is_object()) return BadField("anonymizers", "an object");
    for (const auto& [entity, spec] : req["anonymizers"].items()) {
      const std::string where = "anonymizers." + entity;
      if (!spec.is_object()) return BadField(where, "an object with a \"type\"");
      Json copy = spec;
      if (copy.contains("key")) {
        if (!copy["key"].is_string()) return BadField(where + ".key", "a string");
        keys[entity] = copy["key"].get<std::string>();
        copy.erase("key");
      }
      // Presidio masks every character; our default keeps separators.
      if (copy.value("type", "") == "mask" && !copy.contains("keep_format")) {
        copy["keep_format"] = false;
      }
      ops[entity] = copy;
    }
  }
  auto no_env = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
  auto config = cli::ParseAnonymizerConfig(Dump(Json{{"operators", ops}}), "anonymizers", no_env);
  if (!config) return Fail(400, "invalid_argument", config.error().message);
  for (const auto& [entity, key] : keys) config->operators[entity].key = key;
  return *config;
}

// Presidio's analyzer_results as findings with byte offsets, sorted, with
// overlaps resolved as Presidio does: a result inside a higher-scoring
// one goes, a partial overlap is cut at the earlier one's end.
Reply<std::vector<Finding>> FindingsFrom(const Json& req, std::string_view text) {
  if (!req.contains("analyzer_results") || !req["analyzer_results"].is_array()) {
    return BadField("analyzer_results", "a list of {entity_type, start, end, score}");
  }
  std::vector<Finding> fs;
  const Json& list = req["analyzer_results"];
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string where = "analyzer_results[" + std::to_string(i) + "]";
    const Json& r = list[i];
    if (!r.is_object() || !r.contains("entity_type") || !r["entity_type"].is_string() ||
        !r.contains("start") || !r["start"].is_number_unsigned() || !r.contains("end") ||
        !r["end"].is_number_unsigned()) {
      return BadField(where, "{entity_type: string, start: int >= 0, end: int >= 0}");
    }
    Finding f;
    f.entity_type = r["entity_type"].get<std::string>();
    f.start = r["start"].get<size_t>();
    f.end = r["end"].get<size_t>();
    f.score = r.contains("score") && r["score"].is_number() ? r["score"].get<double>() : 1.0;
    if (f.end < f.start) return BadField(where, "end >= start");
    fs.push_back(std::move(f));
  }
  std::stable_sort(fs.begin(), fs.end(), [](const Finding& a, const Finding& b) {
    return a.start != b.start ? a.start < b.start : a.end > b.end;
  });
  std::vector<Finding> kept;
  for (Finding& f : fs) {
    if (!kept.empty() && f.start < kept.back().end) {
      if (f.end <= kept.back().end) continue;  // inside the kept one
      f.start = kept.back().end;
    }
    if (f.start < f.end) kept.push_back(std::move(f));
  }
  std::vector<size_t> cps;
  for (const Finding& f : kept) {
    cps.push_back(f.start);
    cps.push_back(f.end);
  }
  const std::vector<size_t> bytes = ToBytes(text, cps);
  for (size_t k = 0; k < kept.size(); ++k) {
    if (bytes[2 * k + 1] == std::string_view::npos) {
      return Fail(400, "invalid_argument",
                  "analyzer_results: a " + kept[k].entity_type + " result ends at " +
                      std::to_string(kept[k].end) + ", beyond the text (" +
                      std::to_string(CountCodePoints(text)) + " code points)");
    }
    kept[k].byte_start = bytes[2 * k];
    kept[k].byte_end = bytes[2 * k + 1];
  }
  return kept;
}

Json ItemsJson(const std::vector<AnonymizedItem>& items, const char* rename_from,
               const char* rename_to) {
  Json out = Json::array();
  for (const AnonymizedItem& it : items) {
    const std::string op = it.operator_name == rename_from ? rename_to : it.operator_name;
    out.push_back({{"start", it.start},
                   {"end", it.end},
                   {"entity_type", it.entity_type},
                   {"text", it.text},
                   {"operator", op}});
  }
  return out;
}

Reply<std::string> TextField(const Json& req) {
  if (!req.contains("text") || !req["text"].is_string()) return BadField("text", "a string");
  return req["text"].get<std::string>();
}

}  // namespace

Reply<HttpReply> HandleAnonymize(ServiceState& state, RequestInfo& info, const std::string& body) {
  auto req = ParseJsonBody(body, &info);
  if (!req) return tl::unexpected(req.error());
  auto text = TextField(*req);
  if (!text) return tl::unexpected(text.error());
  auto config = OperatorsFrom(*req);
  if (!config) return tl::unexpected(config.error());
  auto findings = FindingsFrom(*req, *text);
  if (!findings) return tl::unexpected(findings.error());
  auto anonymizer = Anonymizer::Create(*config);
  if (!anonymizer) return tl::unexpected(ToHttpError(anonymizer.error()));

  auto admission = state.Admit(body.size(), info);
  if (!admission) return tl::unexpected(admission.error());
  auto result = (*anonymizer)->Anonymize(*text, *findings);
  if (!result) return tl::unexpected(ToHttpError(result.error()));
  info.findings = result->items.size();
  return HttpReply{200,
                   Dump({{"text", result->text}, {"items", ItemsJson(result->items, "", "")}})};
}

Reply<HttpReply> HandleDeanonymize(ServiceState& state, RequestInfo& info,
                                   const std::string& body) {
  auto req = ParseJsonBody(body, &info);
  if (!req) return tl::unexpected(req.error());
  auto text = TextField(*req);
  if (!text) return tl::unexpected(text.error());

  // One key for every decrypt operator: tokens carry no entity-specific key.
  DeanonymizeOptions options;
  if (req->contains("deanonymizers") && (*req)["deanonymizers"].is_object()) {
    for (const auto& [entity, spec] : (*req)["deanonymizers"].items()) {
      const std::string where = "deanonymizers." + entity;
      if (!spec.is_object() || spec.value("type", "") != "decrypt" || !spec.contains("key") ||
          !spec["key"].is_string()) {
        return BadField(where, "{\"type\": \"decrypt\", \"key\": string}");
      }
      const std::string key = spec["key"].get<std::string>();
      if (!options.key.empty() && options.key != key) {
        return Fail(400, "unsupported", where + ": every decrypt operator must use the same key");
      }
      options.key = key;
    }
  }
  if (!req->contains("anonymizer_results") || !(*req)["anonymizer_results"].is_array()) {
    return BadField("anonymizer_results", "a list of {entity_type, start, end, operator}");
  }
  std::vector<AnonymizedItem> items;
  const Json& list = (*req)["anonymizer_results"];
  for (size_t i = 0; i < list.size(); ++i) {
    const Json& r = list[i];
    if (!r.is_object() || !r.contains("start") || !r["start"].is_number_unsigned() ||
        !r.contains("end") || !r["end"].is_number_unsigned() || r["end"] < r["start"]) {
      return BadField("anonymizer_results[" + std::to_string(i) + "]",
                      "{entity_type, start: int, end: int >= start, operator}");
    }
    AnonymizedItem item;
    item.start = r["start"].get<size_t>();
    item.end = r["end"].get<size_t>();
    item.entity_type = r.value("entity_type", "");
    item.operator_name = r.value("operator", "encrypt");
    items.push_back(std::move(item));
  }
  std::sort(items.begin(), items.end(),
            [](const AnonymizedItem& a, const AnonymizedItem& b) { return a.start < b.start; });

  auto admission = state.Admit(body.size(), info);
  if (!admission) return tl::unexpected(admission.error());
  auto result = Deanonymize(*text, items, options);
  if (!result) return tl::unexpected(ToHttpError(result.error()));
  info.findings = result->items.size();
  return HttpReply{200, Dump({{"text", result->text},
                              {"items", ItemsJson(result->items, "deanonymize", "decrypt")}})};
}

Reply<HttpReply> HandleRecognizers(ServiceState& state, const std::string& language) {
  auto analyzer = state.GetAnalyzer();
  if (!analyzer) return tl::unexpected(analyzer.error());
  Json names = Json::array();
  for (const RecognizerInfo& r : (*analyzer)->Recognizers()) {
    if (language.empty() || r.language == "any" || r.language == language) names.push_back(r.name);
  }
  return HttpReply{200, Dump(names)};
}

Reply<HttpReply> HandleSupportedEntities(ServiceState& state, const std::string& language) {
  auto analyzer = state.GetAnalyzer();
  if (!analyzer) return tl::unexpected(analyzer.error());
  std::set<std::string> types;
  for (const RecognizerInfo& r : (*analyzer)->Recognizers()) {
    if (language.empty() || r.language == "any" || r.language == language) {
      types.insert(r.entity_type);
    }
  }
  return HttpReply{200, Dump(Json(std::vector<std::string>(types.begin(), types.end())))};
}

}  // namespace piiscan::service
